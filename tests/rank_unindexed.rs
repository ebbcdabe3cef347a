//! Ranking a ready document whose vectors are not stored yet, with no embedding cache to fall
//! back on. The request embeds it with the model, so the document is not reported as not
//! ready.

mod support;

use std::sync::Arc;

use chrono::Utc;
use layer1::nlp::NlpRuntime;
use layer1::rank::Ranker;
use layer1::store::{DocumentKind, DocumentStatus, ResumeRecord, SkillRow, Store};
use support::{model_installed, settings};
use uuid::Uuid;

fn skill_row(name: &str) -> SkillRow {
    SkillRow {
        id: Uuid::new_v4(),
        skill: name.to_string(),
        skill_id: None,
        experience_years: None,
        proficiency: None,
        created_at: Utc::now(),
    }
}

#[tokio::test]
async fn load_resume_without_vectors_or_caches() {
    if !model_installed() {
        println!("skipped: the model is not installed (run scripts/setup.sh)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), &[]);
    let store: Arc<dyn Store> = Arc::new(
        layer1::server::open_database(&settings.storage)
            .await
            .unwrap(),
    );
    // No cache layers: every text must come from the model.
    let nlp = NlpRuntime::load(&settings.nlp);
    let ranker = Ranker::new(store.clone(), nlp, settings.nlp.match_options());

    let user = store.ensure_user("auth0|rank-unindexed", 10).await.unwrap();
    let now = Utc::now();
    let id = Uuid::new_v4();
    let record = ResumeRecord {
        id,
        user_id: user.id,
        filename: "resume.txt".to_string(),
        mime_type: "text/plain".to_string(),
        storage_path: "resume.txt".to_string(),
        status: DocumentStatus::Queued.as_str().to_string(),
        parsed_summary: None,
        error_message: None,
        created_at: now,
        updated_at: now,
    };
    store.insert_resume(&record).await.unwrap();
    let skills = [skill_row("python"), skill_row("zeppelin piloting")];
    store
        .complete_resume(id, &serde_json::json!({}), &skills)
        .await
        .unwrap();
    assert!(
        store
            .vectors(DocumentKind::Resume, id)
            .await
            .unwrap()
            .is_none()
    );

    let loaded = ranker.load_resume(user.id, id).await.unwrap();
    assert_eq!(loaded.vectors.items.len(), 2);
    assert_eq!(loaded.vectors.profile.len(), 384);
    assert!(
        store
            .vectors(DocumentKind::Resume, id)
            .await
            .unwrap()
            .is_some(),
        "the vectors computed for the request are stored"
    );

    // Another user's id stays hidden.
    let other = store.ensure_user("auth0|someone-else", 10).await.unwrap();
    assert!(ranker.load_resume(other.id, id).await.is_err());
}
