//! O*NET Web Services client implementing the engine's [`OnetSource`].
//!
//! Endpoints (JSON, HTTP basic auth): `online/search?keyword=…&end=N` for occupations,
//! and `online/occupations/{code}/details/{technology_skills|knowledge|skills}` for the
//! details. Requests time out after `timeout_ms` and are retried on connection errors,
//! timeouts and 5xx responses, up to `max_attempts` in all, with a doubling pause.

use std::time::Duration;

use layer1_engine::onet::{Occupation, OnetError, OnetItem, OnetSource};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Pause before the second attempt; it doubles for each further attempt.
const FIRST_RETRY_PAUSE_MS: u64 = 200;

/// Settings of the Web Services client.
#[derive(Debug, Clone)]
pub struct WebServicesSettings {
    /// Base URL, such as `https://services.onetcenter.org/ws`.
    pub base_url: String,
    /// User name.
    pub user: String,
    /// Password.
    pub password: SecretString,
    /// Timeout of one request, in milliseconds.
    pub timeout_ms: u64,
    /// Attempts per request, the first one included.
    pub max_attempts: u32,
}

/// Blocking client of the O*NET Web Services. Its methods must run on a blocking thread of
/// a Tokio runtime, because they drive the async HTTP client on that runtime.
pub struct WebServicesClient {
    http: reqwest::Client,
    settings: WebServicesSettings,
    runtime: tokio::runtime::Handle,
}

#[derive(Debug, thiserror::Error)]
enum RequestError {
    #[error("request to {path} failed: {source}")]
    Http {
        path: String,
        source: reqwest::Error,
    },
    #[error("{path} returned status {status}")]
    Status {
        path: String,
        status: reqwest::StatusCode,
    },
}

impl WebServicesClient {
    /// Builds a client. Must be called inside a Tokio runtime.
    pub fn new(settings: WebServicesSettings) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(settings.timeout_ms))
            .build()?;
        Ok(Self {
            http,
            settings,
            runtime: tokio::runtime::Handle::try_current()?,
        })
    }

    fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, OnetError> {
        self.runtime
            .block_on(self.get_with_retries(path))
            .map_err(|error| OnetError::Source(Box::new(error)))
    }

    async fn get_with_retries<T: DeserializeOwned>(&self, path: &str) -> Result<T, RequestError> {
        let mut attempt = 1;
        loop {
            match self.get_once(path).await {
                Ok(value) => return Ok(value),
                Err(error) if attempt < self.settings.max_attempts && retryable(&error) => {
                    tracing::warn!(attempt, %error, "O*NET request failed; retrying");
                    let pause = FIRST_RETRY_PAUSE_MS << (attempt - 1).min(6);
                    tokio::time::sleep(Duration::from_millis(pause)).await;
                    attempt += 1;
                }
                Err(error) => return Err(error),
            }
        }
    }

    async fn get_once<T: DeserializeOwned>(&self, path: &str) -> Result<T, RequestError> {
        let url = format!("{}/{path}", self.settings.base_url.trim_end_matches('/'));
        let http_error = |source| RequestError::Http {
            path: path.to_string(),
            source,
        };
        let response = self
            .http
            .get(url)
            .basic_auth(
                &self.settings.user,
                Some(self.settings.password.expose_secret()),
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(http_error)?;
        let status = response.status();
        if !status.is_success() {
            let path = path.to_string();
            return Err(RequestError::Status { path, status });
        }
        response.json::<T>().await.map_err(http_error)
    }
}

fn retryable(error: &RequestError) -> bool {
    match error {
        RequestError::Http { source, .. } => source.is_timeout() || source.is_connect(),
        RequestError::Status { status, .. } => status.is_server_error(),
    }
}

#[derive(Debug, Deserialize)]
struct SearchResponse {
    #[serde(default)]
    occupation: Vec<Occupation>,
}

#[derive(Debug, Deserialize)]
struct TechnologyResponse {
    #[serde(default)]
    category: Vec<TechnologyCategory>,
}

#[derive(Debug, Deserialize)]
struct TechnologyCategory {
    #[serde(default)]
    example: Vec<TechnologyExample>,
}

#[derive(Debug, Deserialize)]
struct TechnologyExample {
    name: String,
    #[serde(default)]
    hot_technology: bool,
    #[serde(default)]
    in_demand: bool,
}

#[derive(Debug, Deserialize)]
struct ElementResponse {
    #[serde(default)]
    element: Vec<Element>,
}

#[derive(Debug, Deserialize)]
struct Element {
    name: String,
    score: Option<Score>,
}

/// Importance on the Web Services' 0–100 scale.
#[derive(Debug, Deserialize)]
struct Score {
    value: f64,
}

fn elements(response: ElementResponse) -> Vec<OnetItem> {
    let mut items: Vec<OnetItem> = response
        .element
        .into_iter()
        .map(|element| OnetItem {
            name: element.name,
            importance: element
                .score
                .map_or(0.0, |s| (s.value / 100.0).clamp(0.0, 1.0)),
        })
        .collect();
    items.sort_by(|a, b| b.importance.total_cmp(&a.importance));
    items
}

/// Encodes a query value: letters, digits and `-._~` stay, everything else is `%XX`.
fn encode_query(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl OnetSource for WebServicesClient {
    fn search(&self, title: &str, limit: usize) -> Result<Vec<Occupation>, OnetError> {
        let path = format!(
            "online/search?keyword={}&end={}",
            encode_query(title),
            limit.max(1)
        );
        let response: SearchResponse = self.get(&path)?;
        Ok(response.occupation.into_iter().take(limit).collect())
    }

    fn technology_skills(&self, code: &str) -> Result<Vec<OnetItem>, OnetError> {
        let path = format!(
            "online/occupations/{}/details/technology_skills",
            encode_query(code)
        );
        let response: TechnologyResponse = self.get(&path)?;
        let items = response
            .category
            .into_iter()
            .flat_map(|category| category.example)
            .map(|example| OnetItem {
                name: example.name,
                importance: 0.5
                    + 0.25 * f64::from(u8::from(example.hot_technology))
                    + 0.25 * f64::from(u8::from(example.in_demand)),
            })
            .collect();
        Ok(items)
    }

    fn knowledge(&self, code: &str) -> Result<Vec<OnetItem>, OnetError> {
        let path = format!(
            "online/occupations/{}/details/knowledge",
            encode_query(code)
        );
        Ok(elements(self.get(&path)?))
    }

    fn skills(&self, code: &str) -> Result<Vec<OnetItem>, OnetError> {
        let path = format!("online/occupations/{}/details/skills", encode_query(code));
        Ok(elements(self.get(&path)?))
    }
}
