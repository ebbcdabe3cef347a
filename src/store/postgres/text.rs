//! Text values as PostgreSQL accepts them.
//!
//! PostgreSQL rejects the NUL character (U+0000) in `TEXT` and `JSONB` values, while SQLite
//! stores it. Extracted documents and client input can contain it, so values that come from
//! them lose their NUL characters on the way in. Nothing else changes.

use std::borrow::Cow;

use serde_json::Value;
use sqlx::types::Json;

const NUL: char = '\0';

/// Returns `value` without NUL characters, borrowing when it has none.
pub(super) fn clean_text(value: &str) -> Cow<'_, str> {
    if value.contains(NUL) {
        Cow::Owned(value.replace(NUL, ""))
    } else {
        Cow::Borrowed(value)
    }
}

/// Returns a JSONB parameter for `value` with NUL characters removed from every string and
/// object key, borrowing when there are none.
pub(super) fn clean_json(value: &Value) -> Json<Cow<'_, Value>> {
    if has_nul(value) {
        Json(Cow::Owned(strip_nul(value)))
    } else {
        Json(Cow::Borrowed(value))
    }
}

fn has_nul(value: &Value) -> bool {
    match value {
        Value::String(text) => text.contains(NUL),
        Value::Array(items) => items.iter().any(has_nul),
        Value::Object(map) => map
            .iter()
            .any(|(key, item)| key.contains(NUL) || has_nul(item)),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

fn strip_nul(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(text.replace(NUL, "")),
        Value::Array(items) => Value::Array(items.iter().map(strip_nul).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, item)| (key.replace(NUL, ""), strip_nul(item)))
                .collect(),
        ),
        Value::Null | Value::Bool(_) | Value::Number(_) => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_nul_is_borrowed() {
        assert!(matches!(clean_text("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn nul_is_removed_from_text() {
        assert_eq!(clean_text("a\0b\0"), "ab");
    }

    #[test]
    fn nul_is_removed_from_json_strings_and_keys() {
        let value = serde_json::json!({"na\u{0}me": ["x\u{0}y", 1.5, null], "ok": true});

        let Json(cleaned) = clean_json(&value);

        assert_eq!(
            cleaned.into_owned(),
            serde_json::json!({"name": ["xy", 1.5, null], "ok": true})
        );
    }

    #[test]
    fn json_without_nul_is_borrowed() {
        let value = serde_json::json!({"skills": ["rust"]});
        assert!(matches!(clean_json(&value).0, Cow::Borrowed(_)));
    }
}
