//! The product score's breakdown through the HTTP API: the stored summary's `breakdown`, the
//! weighted blend, per-request weights and their validation.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use support::{base_url, model_installed, poll_status, repo_root, start_server};

const CATEGORIES: [&str; 4] = ["hard_skills", "soft_skills", "experience", "education"];

/// Uploads the example resume and job and returns their ids once both are ready.
async fn ready_documents(client: &reqwest::Client, base: &str) -> (String, String) {
    let pdf = std::fs::read(repo_root().join("examples/resume.pdf")).unwrap();
    let form = Form::new().part("file", Part::bytes(pdf).file_name("resume.pdf"));
    let resume: Value = client
        .post(format!("{base}/api/v1/resumes"))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let text = std::fs::read_to_string(repo_root().join("examples/job.txt")).unwrap();
    let job: Value = client
        .post(format!("{base}/api/v1/jobs"))
        .json(&json!({ "title": "Senior Backend Engineer", "text": text }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let resume_id = resume["id"].as_str().unwrap().to_string();
    let job_id = job["id"].as_str().unwrap().to_string();
    for url in [
        format!("{base}/api/v1/resumes/{resume_id}"),
        format!("{base}/api/v1/jobs/{job_id}"),
    ] {
        let body = poll_status(client, &url, &["ready", "error"]).await;
        assert_eq!(body["status"], "ready", "{body}");
    }
    (resume_id, job_id)
}

/// Requests a match with `extra` body fields and returns the completed detail.
async fn completed_match(
    client: &reqwest::Client,
    base: &str,
    ids: &(String, String),
    extra: Value,
) -> Value {
    let mut body = json!({ "resumeId": ids.0, "jobId": ids.1 });
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let response = client
        .post(format!("{base}/api/v1/matches"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    let id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let detail = poll_status(
        client,
        &format!("{base}/api/v1/matches/{id}"),
        &["completed", "failed"],
    )
    .await;
    assert_eq!(detail["status"], "completed", "{detail}");
    detail
}

/// Recomputes the blend from a stored breakdown.
fn blend(breakdown: &Value) -> f64 {
    let (mut weighted, mut total) = (0.0, 0.0);
    for name in CATEGORIES {
        let category = &breakdown[name];
        if let Some(score) = category["score"].as_f64() {
            assert!((0.0..=1.0).contains(&score), "{name}: {category}");
            let weight = category["weight"].as_f64().unwrap();
            weighted += score * weight;
            total += weight;
        }
    }
    weighted / total
}

#[tokio::test]
async fn summary_carries_the_breakdown_and_request_weights_change_the_blend() {
    if !model_installed() {
        support::report_skip("model not installed (run scripts/setup.sh)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let ids = ready_documents(&client, &base).await;

    let detail = completed_match(&client, &base, &ids, json!({})).await;
    let result = &detail["match"];
    let summary = &result["summary"];
    let breakdown = &summary["breakdown"];
    let score = result["score"].as_f64().unwrap();
    assert_eq!(summary["overall_match_score"].as_f64(), Some(score));
    assert!((score - blend(breakdown)).abs() < 0.001, "{breakdown}");
    // Default weights; the example job states 5+ years and the resume shows 12.3.
    assert_eq!(breakdown["hard_skills"]["weight"], 0.6);
    assert_eq!(breakdown["experience"]["weight"], 0.2);
    assert_eq!(breakdown["experience"]["score"], 1.0);
    assert_eq!(
        breakdown["experience"]["based_on"],
        "12.3 years of experience against 5.0 required"
    );
    let hard = breakdown["hard_skills"]["score"].as_f64().unwrap();
    assert!(
        (hard - 0.862).abs() <= 0.02,
        "hard skills {hard}: {}",
        summary["requirements"]
    );

    let requirements = summary["requirements"].as_array().unwrap();
    let postgres = requirements
        .iter()
        .find(|r| r["skill"] == "postgresql")
        .unwrap();
    assert_eq!(postgres["match_kind"], "canonical");
    assert_eq!(postgres["candidate_has_experience"], true);
    assert!(
        postgres["evidence"]
            .as_str()
            .unwrap()
            .contains("PostgreSQL"),
        "{postgres}"
    );
    let flask = requirements.iter().find(|r| r["skill"] == "flask").unwrap();
    assert_eq!(flask["candidate_has_experience"], false, "{flask}");
    assert!(
        ["related", "none"].contains(&flask["match_kind"].as_str().unwrap()),
        "{flask}"
    );

    // Only experience counts: the blend is the experience score. Soft skills and education
    // keep their configured weights but the job states nothing in them.
    let weights = json!({ "weights": { "experience": 1, "hard_skills": 0 } });
    let detail = completed_match(&client, &base, &ids, weights).await;
    let breakdown = &detail["match"]["summary"]["breakdown"];
    assert_eq!(detail["match"]["score"], 1.0, "{breakdown}");
    assert_eq!(breakdown["hard_skills"]["weight"], 0.0);
    assert_eq!(breakdown["experience"]["weight"], 1.0);
    assert_eq!(breakdown["soft_skills"]["weight"], 0.1);

    // Only hard skills count.
    let weights = json!({ "weights": { "hard_skills": 2.5, "experience": 0 } });
    let detail = completed_match(&client, &base, &ids, weights).await;
    let only_hard = detail["match"]["score"].as_f64().unwrap();
    assert!((only_hard - hard).abs() < 0.001, "{only_hard} vs {hard}");
    server.shutdown().await;
}

#[tokio::test]
async fn bad_weights_are_rejected_with_the_value_named() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let ids = json!({
        "resumeId": "00000000-0000-0000-0000-000000000001",
        "jobId": "00000000-0000-0000-0000-000000000002",
    });

    let cases = [
        (
            json!({ "experience": -1 }),
            "weights.experience must be a number >= 0, got -1",
        ),
        (
            json!({ "education": "high" }),
            "weights.education must be a number >= 0, got \"high\"",
        ),
        (
            json!({ "skills": 1 }),
            "unknown weight \"skills\"; the keys are hard_skills, soft_skills, experience, \
             education",
        ),
        (
            json!({ "hard_skills": 0, "soft_skills": 0, "experience": 0, "education": 0 }),
            "weights must give at least one of hard_skills, soft_skills, experience, education \
             a value above 0",
        ),
        (
            json!([0.5, 0.5]),
            "weights must be an object with keys among hard_skills, soft_skills, experience, \
             education, got [0.5,0.5]",
        ),
    ];
    for (weights, message) in cases {
        let mut body = ids.clone();
        body["weights"] = weights.clone();
        let response = client
            .post(format!("{base}/api/v1/matches"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{weights}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"], "invalid_weights", "{weights}");
        assert_eq!(error["message"], message, "{weights}");
    }

    let document: Value = client
        .get(format!("{base}/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let schemas = &document["components"]["schemas"];
    assert!(schemas["CreateMatch"]["properties"]["weights"].is_object());
    let weight_keys: Vec<&String> = schemas["MatchWeights"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(weight_keys.len(), 4, "{weight_keys:?}");
    for name in CATEGORIES {
        assert!(
            schemas["MatchBreakdownDoc"]["properties"][name].is_object(),
            "{name}"
        );
    }
    assert!(schemas["MatchSummaryDoc"]["properties"]["breakdown"].is_object());

    // Weights are checked before the ids, and valid weights let the ids decide.
    let mut body = ids.clone();
    body["weights"] = json!({ "hard_skills": 1, "education": 0.5 });
    let response = client
        .post(format!("{base}/api/v1/matches"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "resume_not_found");
    server.shutdown().await;
}
