//! The JSON body extractor of the compatibility routes.
//!
//! It reads the body the way the old FastAPI worker did: a body without a `Content-Type`, or
//! with `application/json` or `application/*+json`, is parsed as JSON; any other content type
//! is validated as a string and so fails with `model_attributes_type`. An empty or `null` body
//! is a missing body. Broken JSON is a 422 `json_invalid` entry whose `loc` contains the
//! character position, as FastAPI reports Python's `JSONDecodeError`.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::error::CompatError;
use super::schema::{self, LocPart, Model, ValidationIssue, issue};

/// A request type of the contract and the model that validates it.
pub(crate) trait CompatRequest: DeserializeOwned {
    /// The model the body is validated against before deserialization.
    const MODEL: &'static Model;
}

/// A validated and deserialized request body.
pub(crate) struct CompatJson<T>(pub(crate) T);

impl<S, T> FromRequest<S> for CompatJson<T>
where
    S: Send + Sync,
    T: CompatRequest,
{
    type Rejection = CompatError;

    async fn from_request(request: Request, state: &S) -> Result<Self, CompatError> {
        let is_json = request
            .headers()
            .get(CONTENT_TYPE)
            .map(|value| is_json_content_type(value.to_str().unwrap_or_default()));
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    CompatError::PayloadTooLarge
                } else {
                    CompatError::UnreadableBody
                }
            })?;
        let body = parse_body(&bytes, is_json.unwrap_or(true))?;
        let converted = schema::validate_body(&body, T::MODEL).map_err(CompatError::Validation)?;
        serde_json::from_value(converted)
            .map(Self)
            .map_err(|error| {
                // The validator accepts only values serde can read, so this is a bug.
                CompatError::Validation(vec![issue(
                    "value_error",
                    vec![LocPart::Field("body")],
                    format!("Value error, {error}"),
                    body,
                )])
            })
    }
}

/// Returns true for `application/json` and `application/<subtype>+json`, parameters ignored.
fn is_json_content_type(value: &str) -> bool {
    let essence = value.split(';').next().unwrap_or_default().trim();
    let Some((main, sub)) = essence.split_once('/') else {
        return false;
    };
    main.eq_ignore_ascii_case("application")
        && (sub.eq_ignore_ascii_case("json") || sub.to_ascii_lowercase().ends_with("+json"))
}

/// Turns the raw body into the value to validate, or the 422 for a missing or broken body.
fn parse_body(bytes: &[u8], is_json: bool) -> Result<Value, CompatError> {
    let missing = || {
        CompatError::Validation(vec![issue(
            "missing",
            vec![LocPart::Field("body")],
            "Field required",
            Value::Null,
        )])
    };
    if bytes.is_empty() {
        return Err(missing());
    }
    if !is_json {
        return Ok(Value::String(String::from_utf8_lossy(bytes).into_owned()));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Null) => Err(missing()),
        Ok(value) => Ok(value),
        Err(error) => Err(CompatError::Validation(vec![json_invalid(bytes, &error)])),
    }
}

/// Builds FastAPI's `json_invalid` entry for a JSON syntax error.
///
/// NOTE: the position and the message approximate Python's `json` module, which words its
/// errors differently and points at the offending character rather than past it. Python also
/// accepts `NaN` and `Infinity`, which serde_json rejects.
fn json_invalid(bytes: &[u8], error: &serde_json::Error) -> ValidationIssue {
    let text = String::from_utf8_lossy(bytes);
    let position = char_position(&text, error);
    ValidationIssue {
        ctx: Some(json!({ "error": python_json_message(error) })),
        ..issue(
            "json_invalid",
            vec![LocPart::Field("body"), LocPart::Index(position)],
            "JSON decode error",
            json!({}),
        )
    }
}

/// Converts serde_json's line and column into a character offset into the text.
fn char_position(text: &str, error: &serde_json::Error) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(|line| line.chars().count())
        .sum();
    let column = if error.is_eof() {
        error.column()
    } else {
        error.column().saturating_sub(1)
    };
    line_start + column
}

/// Maps serde_json's wording onto the message Python's `json` module gives for the same case.
fn python_json_message(error: &serde_json::Error) -> &'static str {
    let message = error.to_string();
    let known = [
        (
            "EOF while parsing a string",
            "Unterminated string starting at",
        ),
        ("EOF while parsing an object", "Expecting ',' delimiter"),
        ("EOF while parsing a list", "Expecting ',' delimiter"),
        ("expected `,` or `}`", "Expecting ',' delimiter"),
        ("expected `,` or `]`", "Expecting ',' delimiter"),
        ("expected `:`", "Expecting ':' delimiter"),
        (
            "key must be a string",
            "Expecting property name enclosed in double quotes",
        ),
        ("trailing characters", "Extra data"),
        ("invalid escape", "Invalid \\escape"),
        ("control character", "Invalid control character at"),
    ];
    known
        .iter()
        .find(|(serde, _)| message.starts_with(serde))
        .map_or("Expecting value", |(_, python)| *python)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issues(result: Result<Value, CompatError>) -> Vec<ValidationIssue> {
        match result {
            Err(CompatError::Validation(issues)) => issues,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn json_content_types_are_recognised() {
        assert!(is_json_content_type("application/json"));
        assert!(is_json_content_type("Application/JSON; charset=utf-8"));
        assert!(is_json_content_type("application/problem+json"));
        assert!(!is_json_content_type("text/plain"));
        assert!(!is_json_content_type("application/x-www-form-urlencoded"));
        assert!(!is_json_content_type("json"));
    }

    #[test]
    fn empty_and_null_bodies_are_missing() {
        for body in [&b""[..], b"null"] {
            let found = issues(parse_body(body, true));
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].kind, "missing");
            assert_eq!(found[0].loc, vec![LocPart::Field("body")]);
            assert_eq!(found[0].input, Value::Null);
        }
    }

    #[test]
    fn broken_json_is_json_invalid() {
        let found = issues(parse_body(b"{\"requirements\": [", true));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, "json_invalid");
        assert_eq!(found[0].msg, "JSON decode error");
        assert_eq!(found[0].input, json!({}));
        assert!(found[0].ctx.is_some());
        let value = parse_body(b"{not json", true).unwrap_err();
        let found = issues(Err(value));
        assert_eq!(
            found[0].loc,
            vec![LocPart::Field("body"), LocPart::Index(1)]
        );
        assert_eq!(
            found[0].ctx,
            Some(json!({"error": "Expecting property name enclosed in double quotes"}))
        );
    }

    #[test]
    fn other_content_types_become_strings() {
        let value = parse_body(b"{\"a\": 1}", false).unwrap();
        assert_eq!(value, json!("{\"a\": 1}"));
    }
}
