//! The chat-completions request for the technologies a document names, and the strict
//! parsing of the response.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::config::LlmSettings;

/// Instructions sent as the system message. The model must reply with one JSON object.
const SYSTEM_PROMPT: &str = "You read a resume or a job description and list the specific \
technologies it names: programming languages, frameworks, libraries, databases, cloud \
platforms, software products, tools and equipment, methods and certifications. List only items \
written in the text, spelled exactly as written there. Leave out soft skills, job titles, \
company names and anything the text does not name. Answer with a single JSON object of the \
form {\"technologies\": [\"...\"]} and nothing else.";

/// Largest response body read, in bytes.
const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

/// Failure of the LLM step. [`LlmError::kind`] is the only part that may be logged.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    /// The HTTP client could not be built.
    #[error("failed to build the LLM HTTP client")]
    Client(#[source] reqwest::Error),
    /// The endpoint could not be reached.
    #[error("failed to connect to the LLM endpoint")]
    Connect(#[source] reqwest::Error),
    /// The request took longer than `LLM_TIMEOUT_MS`.
    #[error("the LLM request timed out")]
    Timeout,
    /// The endpoint returned a status other than 2xx.
    #[error("the LLM endpoint returned HTTP status {status}")]
    Status {
        /// HTTP status code.
        status: u16,
    },
    /// The request failed for another reason, such as a dropped connection.
    #[error("the LLM request failed")]
    Request(#[source] reqwest::Error),
    /// The response body, or the message content inside it, is not valid JSON.
    #[error("the LLM answer is not valid JSON")]
    MalformedJson(#[source] serde_json::Error),
    /// The JSON is valid but not of the expected form.
    #[error("the LLM answer has an unexpected shape: {reason}")]
    WrongShape {
        /// Reason the response was rejected.
        reason: &'static str,
    },
}

impl LlmError {
    /// Returns a short, stable name of the failure, safe to log.
    pub fn kind(&self) -> &'static str {
        match self {
            LlmError::Client(_) => "client",
            LlmError::Connect(_) => "connect",
            LlmError::Timeout => "timeout",
            LlmError::Status { .. } => "http_status",
            LlmError::Request(_) => "request",
            LlmError::MalformedJson(_) => "malformed_json",
            LlmError::WrongShape { .. } => "wrong_shape",
        }
    }

    fn from_reqwest(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            LlmError::Timeout
        } else if error.is_connect() {
            LlmError::Connect(error)
        } else {
            LlmError::Request(error)
        }
    }
}

#[derive(Deserialize)]
struct ChatResponse {
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
}

#[derive(Deserialize)]
struct Message {
    content: Option<String>,
}

/// The reply the system prompt requests. Any other key is rejected.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answer {
    technologies: Vec<String>,
}

/// Client of one OpenAI-compatible chat-completions endpoint.
#[derive(Clone)]
pub(super) struct ChatClient {
    http: reqwest::Client,
    url: String,
    key: Option<SecretString>,
    model: String,
}

impl ChatClient {
    /// Builds the client for `url` with the key, model and timeout of `settings`.
    pub(super) fn new(settings: &LlmSettings, url: &str) -> Result<Self, LlmError> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(settings.llm_timeout_ms))
            .build()
            .map_err(LlmError::Client)?;
        Ok(Self {
            http,
            url: url.to_string(),
            key: settings.llm_api_key.clone(),
            model: settings.llm_model.trim().to_string(),
        })
    }

    /// Sends `text` and returns the technology names of the reply, as the model wrote them.
    pub(super) async fn list_technologies(&self, text: &str) -> Result<Vec<String>, LlmError> {
        let body = json!({
            "model": self.model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": text},
            ],
        });
        let mut request = self.http.post(&self.url).json(&body);
        if let Some(key) = &self.key {
            request = request.bearer_auth(key.expose_secret());
        }

        let response = request.send().await.map_err(LlmError::from_reqwest)?;
        let status = response.status();
        if !status.is_success() {
            return Err(LlmError::Status {
                status: status.as_u16(),
            });
        }
        let bytes = response.bytes().await.map_err(LlmError::from_reqwest)?;
        if bytes.len() > MAX_RESPONSE_BYTES {
            return Err(LlmError::WrongShape {
                reason: "the response body is larger than 1 MiB",
            });
        }

        parse_answer(&bytes)
    }
}

/// Reads the technology list from a chat-completions response body.
fn parse_answer(body: &[u8]) -> Result<Vec<String>, LlmError> {
    let value: Value = serde_json::from_slice(body).map_err(LlmError::MalformedJson)?;
    let response: ChatResponse =
        serde_json::from_value(value).map_err(|_| LlmError::WrongShape {
            reason: "the response has no choices[].message",
        })?;
    let Some(content) = response
        .choices
        .into_iter()
        .next()
        .and_then(|choice| choice.message.content)
    else {
        return Err(LlmError::WrongShape {
            reason: "the response has no message content",
        });
    };

    let value: Value = serde_json::from_str(content.trim()).map_err(LlmError::MalformedJson)?;
    let answer: Answer = serde_json::from_value(value).map_err(|_| LlmError::WrongShape {
        reason: "the content is not {\"technologies\": [string, ...]}",
    })?;
    Ok(answer.technologies)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(content: &str) -> Vec<u8> {
        let response = json!({"choices": [{"message": {"role": "assistant", "content": content}}]});
        serde_json::to_vec(&response).expect("a JSON value serialises")
    }

    #[test]
    fn answer_lists_technologies() {
        let items = parse_answer(&body(r#"{"technologies": ["Kafka", "dbt"]}"#));
        assert_eq!(items.expect("valid answer"), vec!["Kafka", "dbt"]);
    }

    #[test]
    fn content_that_is_not_json_is_malformed() {
        let error = parse_answer(&body("Kafka, dbt")).expect_err("prose is rejected");
        assert_eq!(error.kind(), "malformed_json");
    }

    #[test]
    fn fenced_json_is_malformed() {
        let fenced = "```json\n{\"technologies\": [\"Kafka\"]}\n```";
        let error = parse_answer(&body(fenced)).expect_err("a code fence is rejected");
        assert_eq!(error.kind(), "malformed_json");
    }

    #[test]
    fn other_keys_and_types_are_wrong_shape() {
        let cases = [
            r#"{"skills": ["Kafka"]}"#,
            r#"{"technologies": "Kafka"}"#,
            r#"{"technologies": [1, 2]}"#,
            r#"{"technologies": ["Kafka"], "note": "x"}"#,
            r#"["Kafka"]"#,
        ];
        for case in cases {
            let error = parse_answer(&body(case)).expect_err(case);
            assert_eq!(error.kind(), "wrong_shape", "{case}");
        }
    }

    #[test]
    fn response_without_choices_is_wrong_shape() {
        let error = parse_answer(br#"{"choices": []}"#).expect_err("no choice");
        assert_eq!(error.kind(), "wrong_shape");
        let error = parse_answer(b"not json").expect_err("not JSON");
        assert_eq!(error.kind(), "malformed_json");
    }
}
