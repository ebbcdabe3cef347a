//! Personal data: redacted resume details, purging items for good, and the retention sweep.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use serde_json::Value;
use tokio::sync::watch;
use tracing::{info, warn};
use uuid::Uuid;

use super::ApiError;
use crate::blob::BlobStore;
use crate::store::{ItemKind, Store};

/// Replacement of every masked value.
pub const REDACTED: &str = "[redacted]";
/// Profile keys masked by [`redact_parsed`].
const PERSONAL_KEYS: &[&str] = &[
    "name", "email", "phone", "links", "link", "linkedin", "github", "website", "url",
];
/// Items purged per retention batch.
const RETENTION_BATCH: u32 = 200;

/// Masks name, e-mail, phone and links in a resume's `parsedData`: the profile fields, every
/// occurrence of their values in other strings (such as section text), and any word that
/// looks like an e-mail address or a link.
///
/// NOTE: a phone number is masked where the profile found it; other numbers in the text stay.
pub fn redact_parsed(parsed: &mut Value) {
    let mut known = Vec::new();
    if let Some(profile) = parsed.get_mut("profile").and_then(Value::as_object_mut) {
        for key in PERSONAL_KEYS {
            if let Some(value) = profile.get_mut(*key) {
                collect_strings(value, &mut known);
                *value = Value::String(REDACTED.to_string());
            }
        }
    }
    known.retain(|value| value.trim().chars().count() >= 3);
    known.sort_by_key(|value| std::cmp::Reverse(value.len()));
    mask_strings(parsed, &known);
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| collect_strings(item, out)),
        Value::Object(map) => map.values().for_each(|item| collect_strings(item, out)),
        _ => {}
    }
}

fn mask_strings(value: &mut Value, known: &[String]) {
    match value {
        Value::String(text) => *text = mask_text(text, known),
        Value::Array(items) => items.iter_mut().for_each(|item| mask_strings(item, known)),
        Value::Object(map) => map.values_mut().for_each(|item| mask_strings(item, known)),
        _ => {}
    }
}

fn looks_personal(word: &str) -> bool {
    let word = word.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | ',' | ';'));
    let lower = word.to_ascii_lowercase();
    let email = word.contains('@') && word.rsplit('@').next().is_some_and(|d| d.contains('.'));
    let link = lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.contains("linkedin.com/")
        || lower.contains("github.com/");
    email || link
}

fn mask_text(text: &str, known: &[String]) -> String {
    let mut masked = text.to_string();
    for value in known {
        masked = masked.replace(value.as_str(), REDACTED);
    }
    let mut out = String::with_capacity(masked.len());
    let mut rest = masked.as_str();
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        out.push_str(if looks_personal(word) { REDACTED } else { word });
        rest = &rest[end..];
    }
    out
}

/// Deletes a resume or job of a user for good: rows, skills or requirements, matches and the
/// uploaded file. Returns false when the user has no such item.
pub async fn purge_item(
    store: &dyn Store,
    blobs: &dyn BlobStore,
    kind: ItemKind,
    user_id: Uuid,
    id: Uuid,
) -> Result<bool, ApiError> {
    let purged = match kind {
        ItemKind::Resume => store.purge_resume(user_id, id).await?,
        ItemKind::Job => store.purge_job(user_id, id).await?,
        ItemKind::Match => None,
    };
    let Some(purged) = purged else {
        return Ok(false);
    };
    if let Some(key) = purged.storage_path {
        blobs
            .delete(&key)
            .await
            .map_err(|error| ApiError::Internal(error.into()))?;
    }
    info!(item_id = %id, kind = ?kind, "item purged");
    Ok(true)
}

/// Purges every resume and job older than `days`, in batches, then sleeps `sweep` and
/// repeats until `stop` turns true.
pub async fn run_retention(
    store: Arc<dyn Store>,
    blobs: Arc<dyn BlobStore>,
    days: u32,
    sweep: Duration,
    mut stop: watch::Receiver<bool>,
) {
    info!(
        days,
        sweep_secs = sweep.as_secs(),
        "retention sweep enabled"
    );
    loop {
        let cutoff = Utc::now() - chrono::Duration::days(i64::from(days));
        let mut purged = 0usize;
        loop {
            let batch = match store.expired_items(cutoff, RETENTION_BATCH).await {
                Ok(batch) => batch,
                Err(error) => {
                    warn!(%error, "retention sweep failed to list expired items");
                    break;
                }
            };
            let full = batch.len() == RETENTION_BATCH as usize;
            for item in batch {
                match purge_item(&*store, &*blobs, item.kind, item.user_id, item.id).await {
                    Ok(_) => purged += 1,
                    Err(error) => warn!(item_id = %item.id, %error, "retention purge failed"),
                }
            }
            if !full {
                break;
            }
        }
        if purged > 0 {
            info!(purged, "retention sweep finished");
        }
        tokio::select! {
            () = tokio::time::sleep(sweep) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn redaction_masks_profile_and_text() {
        let mut parsed = json!({
            "profile": {
                "name": "Ada Example",
                "email": "ada@example.org",
                "phone": "+1 555 0100",
                "summary": "Contact Ada Example at ada@example.org",
                "total_experience_years": 5.0
            },
            "sections": {
                "SUMMARY": "Ada Example\n+1 555 0100 https://ada.example.org linkedin.com/in/ada"
            }
        });
        redact_parsed(&mut parsed);
        let text = parsed.to_string();
        for secret in [
            "Ada Example",
            "ada@example.org",
            "555 0100",
            "https://",
            "linkedin",
        ] {
            assert!(!text.contains(secret), "{secret} left in {text}");
        }
        assert_eq!(parsed["profile"]["name"], REDACTED);
        assert_eq!(parsed["profile"]["total_experience_years"], 5.0);
    }

    #[test]
    fn redaction_keeps_ordinary_words() {
        let mut parsed = json!({ "sections": { "SKILLS": "Rust, Python and SQL" } });
        redact_parsed(&mut parsed);
        assert_eq!(parsed["sections"]["SKILLS"], "Rust, Python and SQL");
    }
}
