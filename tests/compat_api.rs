//! The Python-worker contract over real HTTP: recorded responses of the Python worker replayed
//! against the compatibility listener, a table of further `/match` cases, error bodies, limits,
//! and the same routes on the main port.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::path::Path;

use serde_json::{Value, json};
use support::{base_url, compat_url, model_installed, repo_root, start_server};

fn recordings(name: &str) -> Vec<Value> {
    let path = repo_root().join("tests/data/old-worker").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let document: Value = serde_json::from_str(&text).unwrap();
    document["cases"].as_array().unwrap().clone()
}

async fn post(client: &reqwest::Client, url: String, body: &Value) -> (u16, Value) {
    let response = client.post(url).json(body).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn requirement_names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| item["requirement"].as_str().unwrap().to_string())
        .collect()
}

/// Compares a `/match` response with the expected one: score, lists and every detail.
fn assert_match_response(name: &str, request: &Value, actual: &Value, expected: &Value) {
    let score = actual["score"].as_f64().unwrap();
    let expected_score = expected["score"].as_f64().unwrap();
    assert!(
        (score - expected_score).abs() < 1e-9,
        "{name}: score {score} != {expected_score}"
    );
    assert_eq!(
        actual["summary"]["overall_match_score"], actual["score"],
        "{name}"
    );

    for list in ["strengths", "gaps", "details"] {
        assert_eq!(
            requirement_names(&actual["summary"][list]),
            requirement_names(&expected["summary"][list]),
            "{name}: {list}"
        );
    }

    let candidates: Vec<String> = request["candidate_skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["skill"].as_str().unwrap().to_lowercase())
        .collect();
    let details = actual["summary"]["details"].as_array().unwrap();
    let expected_details = expected["summary"]["details"].as_array().unwrap();
    for (got, want) in details.iter().zip(expected_details) {
        assert_detail(name, &candidates, got, want);
    }
}

/// Compares one entry of `details`.
///
/// `matched_skill` is compared when the counted similarity is 1.0, when there is no candidate,
/// or when the candidates have one distinct lower-cased skill. Otherwise it is the most similar
/// candidate by embedding, and two close candidates may swap between model builds, so only
/// membership in the candidate list is checked.
fn assert_detail(name: &str, candidates: &[String], got: &Value, want: &Value) {
    let requirement = want["requirement"].as_str().unwrap();
    for field in ["similarity", "importance"] {
        let got_value = got[field].as_f64().unwrap();
        let want_value = want[field].as_f64().unwrap();
        assert!(
            (got_value - want_value).abs() < 1e-9,
            "{name}/{requirement}: {field} {got_value} != {want_value}"
        );
    }
    assert_eq!(
        got["inferred"], want["inferred"],
        "{name}/{requirement}: inferred"
    );

    let mut distinct = candidates.to_vec();
    distinct.sort();
    distinct.dedup();
    let clear = want["similarity"].as_f64() == Some(1.0)
        || want["matched_skill"].is_null()
        || distinct.len() == 1;
    if clear {
        assert_eq!(
            got["matched_skill"], want["matched_skill"],
            "{name}/{requirement}"
        );
    } else {
        let skill = got["matched_skill"].as_str().unwrap().to_string();
        assert!(candidates.contains(&skill), "{name}/{requirement}: {skill}");
    }
}

async fn replay_match_recordings(file: &str, extra: &[&str]) {
    if !model_installed() {
        support::report_skip("model not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), extra).await;
    let client = reqwest::Client::new();
    let cases = recordings(file);
    assert!(!cases.is_empty());
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let (status, body) = post(
            &client,
            format!("{}/match", compat_url(&server)),
            &case["request"],
        )
        .await;
        assert_eq!(
            u64::from(status),
            case["status"].as_u64().unwrap(),
            "{name}: {body}"
        );
        assert_match_response(name, &case["request"], &body, &case["response"]);
    }
    server.shutdown().await;
}

#[tokio::test]
async fn recorded_match_cases_reproduced() {
    replay_match_recordings("match.json", &[]).await;
}

#[tokio::test]
async fn recorded_inferred_cases_reproduced() {
    replay_match_recordings(
        "match_inferred.json",
        &["--use-inferred-requirements", "true"],
    )
    .await;
}

#[tokio::test]
async fn recorded_error_cases_reproduced() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    for case in recordings("errors.json") {
        let name = case["name"].as_str().unwrap();
        let url = format!("{}{}", compat_url(&server), case["path"].as_str().unwrap());
        let (status, body) = post(&client, url, &case["request"]).await;
        assert_eq!(
            u64::from(status),
            case["status"].as_u64().unwrap(),
            "{name}: {body}"
        );
        assert_eq!(body, case["response"], "{name}");
    }
    server.shutdown().await;
}

/// One `/match` case written by the team: request, expected score, strengths and gaps.
struct MatchCase {
    name: &'static str,
    request: Value,
    score: f64,
    strengths: &'static [&'static str],
    gaps: &'static [&'static str],
}

fn team_cases() -> Vec<MatchCase> {
    vec![
        MatchCase {
            name: "no strengths",
            request: json!({"candidate_skills": [{"skill": "rust"}],
                            "requirements": [{"skill": "java", "importance": 0.9},
                                             {"skill": "scala", "importance": 0.4}]}),
            score: 0.0,
            strengths: &[],
            gaps: &["java", "scala"],
        },
        MatchCase {
            name: "one of three",
            request: json!({"candidate_skills": [{"skill": "sql"}, {"skill": "excel"}],
                            "requirements": [{"skill": "sql", "importance": 0.6},
                                             {"skill": "python", "importance": 0.3},
                                             {"skill": "r", "importance": 0.3}]}),
            score: 0.5,
            strengths: &["sql"],
            gaps: &["python", "r"],
        },
        MatchCase {
            name: "all met",
            request: json!({"candidate_skills": [{"skill": "Go"}, {"skill": "gRPC"}],
                            "requirements": [{"skill": "go", "importance": 0.8},
                                             {"skill": "grpc", "importance": 0.2}]}),
            score: 1.0,
            strengths: &["go", "grpc"],
            gaps: &[],
        },
        MatchCase {
            name: "empty requirements",
            request: json!({"candidate_skills": [{"skill": "python"}], "requirements": []}),
            score: 0.0,
            strengths: &[],
            gaps: &[],
        },
        MatchCase {
            name: "empty candidates",
            request: json!({"candidate_skills": [],
                            "requirements": [{"skill": "python", "importance": 1.0}]}),
            score: 0.0,
            strengths: &[],
            gaps: &["python"],
        },
        MatchCase {
            name: "missing and zero importance weigh 0.5",
            request: json!({"candidate_skills": [{"skill": "docker"}],
                            "requirements": [{"skill": "docker"},
                                             {"skill": "helm", "importance": 0.0},
                                             {"skill": "aws", "importance": 0.5}]}),
            score: 0.333,
            strengths: &["docker"],
            gaps: &["helm", "aws"],
        },
        MatchCase {
            name: "inferred ignored by default",
            request: json!({"candidate_skills": [{"skill": "linux"}],
                            "requirements": [{"skill": "bash", "importance": 0.5},
                                             {"skill": "linux", "importance": 0.9,
                                              "inferred": true}]}),
            score: 0.0,
            strengths: &["linux"],
            gaps: &["bash"],
        },
        MatchCase {
            name: "rounded to three decimals",
            request: json!({"candidate_skills": [{"skill": "a"}],
                            "requirements": [{"skill": "a", "importance": 0.1},
                                             {"skill": "b", "importance": 0.2}]}),
            score: 0.333,
            strengths: &["a"],
            gaps: &["b"],
        },
        MatchCase {
            name: "case differences ignored",
            request: json!({"candidate_skills": [{"skill": "PostgreSQL"}],
                            "requirements": [{"skill": "postgresql", "importance": 0.7}]}),
            score: 1.0,
            strengths: &["postgresql"],
            gaps: &[],
        },
        MatchCase {
            name: "whitespace not trimmed",
            request: json!({"candidate_skills": [{"skill": "python"}],
                            "requirements": [{"skill": "python ", "importance": 0.7}]}),
            score: 0.0,
            strengths: &[],
            gaps: &["python "],
        },
    ]
}

fn names(list: &Value) -> Vec<String> {
    requirement_names(list)
}

async fn check_team_cases(base: &str, client: &reqwest::Client, cases: &[MatchCase]) {
    for case in cases {
        let (status, body) = post(client, format!("{base}/match"), &case.request).await;
        assert_eq!(status, 200, "{}: {body}", case.name);
        let score = body["score"].as_f64().unwrap();
        assert!(
            (score - case.score).abs() < 1e-9,
            "{}: score {score}",
            case.name
        );
        assert_eq!(
            names(&body["summary"]["strengths"]),
            case.strengths,
            "{}",
            case.name
        );
        assert_eq!(names(&body["summary"]["gaps"]), case.gaps, "{}", case.name);
    }
}

#[tokio::test]
async fn team_match_cases() {
    if !model_installed() {
        support::report_skip("model not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    check_team_cases(&compat_url(&server), &client, &team_cases()).await;
    let importance: Vec<f64> = post(
        &client,
        format!("{}/match", compat_url(&server)),
        &team_cases()[5].request,
    )
    .await
    .1["summary"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["importance"].as_f64().unwrap())
        .collect();
    assert_eq!(importance, vec![0.5, 0.5, 0.5]);
    server.shutdown().await;
}

#[tokio::test]
async fn inferred_capped_at_twenty_percent() {
    if !model_installed() {
        support::report_skip("model not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &["--use-inferred-requirements", "true"]).await;
    let client = reqwest::Client::new();
    let cases = [
        // explicit 0.5/1.0, inferred 0.5/1.0 → 0.5 + min(0.5, 0.2) = 0.7
        MatchCase {
            name: "half inferred",
            request: json!({"candidate_skills": [{"skill": "aws"}, {"skill": "linux"}],
                            "requirements": [{"skill": "aws", "importance": 0.5},
                                             {"skill": "linux", "importance": 0.5,
                                              "inferred": true}]}),
            score: 0.7,
            strengths: &["aws", "linux"],
            gaps: &[],
        },
        // explicit 0.8/1.0, inferred 0.1/1.0 → under the cap: 0.9
        MatchCase {
            name: "inferred under the cap",
            request: json!({"candidate_skills": [{"skill": "aws"}, {"skill": "linux"}],
                            "requirements": [{"skill": "aws", "importance": 0.8},
                                             {"skill": "linux", "importance": 0.1,
                                              "inferred": true},
                                             {"skill": "bash", "importance": 0.1,
                                              "inferred": true}]}),
            score: 0.9,
            strengths: &["aws", "linux"],
            gaps: &["bash"],
        },
    ];
    check_team_cases(&compat_url(&server), &client, &cases).await;
    server.shutdown().await;
}

#[tokio::test]
async fn product_strategy_does_not_change_contract_scores() {
    if !model_installed() {
        support::report_skip("model not installed");
        return;
    }
    // `postgres` is an alias of `postgresql`: the semantic strategy credits it, the exact rule
    // of the contract does not.
    let request = json!({"candidate_skills": [{"skill": "postgres"}],
                         "requirements": [{"skill": "postgresql", "importance": 1.0}]});
    let client = reqwest::Client::new();
    for strategy in ["semantic", "exact"] {
        let dir = tempfile::tempdir().unwrap();
        let server = start_server(dir.path(), &["--match-strategy", strategy]).await;
        let (status, body) =
            post(&client, format!("{}/match", compat_url(&server)), &request).await;
        assert_eq!(status, 200, "{strategy}: {body}");
        assert_eq!(body["score"], 0.0, "MATCH_STRATEGY={strategy}: {body}");
        assert_eq!(body["summary"]["details"][0]["similarity"], 0.0);
        assert_eq!(body["summary"]["details"][0]["matched_skill"], "postgres");
        assert_eq!(names(&body["summary"]["gaps"]), ["postgresql"]);
        server.shutdown().await;
    }
}

#[tokio::test]
async fn semantic_compat_strategy_credits_aliases_in_contract_shape() {
    if !model_installed() {
        support::report_skip("model not installed");
        return;
    }
    let request = json!({"candidate_skills": [{"skill": "postgres"}, {"skill": "Excel"}],
                         "requirements": [{"skill": "postgresql", "importance": 1.0},
                                          {"skill": "kubernetes", "importance": 1.0}]});
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &["--compat-match-strategy", "semantic"]).await;
    let client = reqwest::Client::new();
    let (status, body) = post(&client, format!("{}/match", compat_url(&server)), &request).await;
    assert_eq!(status, 200, "{body}");

    // The alias covers its requirement in full; nothing on the resume is close to kubernetes,
    // so the score is the covered half of the importance.
    assert_eq!(body["score"], 0.5, "{body}");
    assert_eq!(names(&body["summary"]["strengths"]), ["postgresql"]);
    assert_eq!(names(&body["summary"]["gaps"]), ["kubernetes"]);
    let details = body["summary"]["details"].as_array().unwrap();
    assert_eq!(details[0]["requirement"], "postgresql");
    assert_eq!(details[0]["similarity"], 1.0);
    assert_eq!(details[0]["matched_skill"], "postgres");
    assert_eq!(details[1]["requirement"], "kubernetes");
    assert!(details[1]["similarity"].as_f64().unwrap() < 0.5, "{body}");
    server.shutdown().await;
}

#[tokio::test]
async fn health_on_both_ports() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    // The test settings leave COMPAT_BIND at its default.
    let compat = server.compat_address.unwrap();
    assert_eq!(compat.ip().to_string(), "127.0.0.1");
    let client = reqwest::Client::new();
    for base in [compat_url(&server), base_url(&server)] {
        let response = client.get(format!("{base}/health")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.json::<Value>().await.unwrap(), json!({"ok": true}));
    }
    server.shutdown().await;
}

#[tokio::test]
async fn resume_as_of_sets_what_present_means() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    let base = compat_url(&server);
    let resume = "Jane Roe\n\nExperience\nData Engineer, Acme Freight\nJan 2020 - Present\n\
        - Built pipelines in Python\n";
    let years = |as_of: &str| json!({"content_b64": encode(resume.as_bytes()), "as_of": as_of});

    let (status, parsed) = post(
        &client,
        format!("{base}/parse/resume"),
        &years("2022-01-01"),
    )
    .await;
    assert_eq!(status, 200, "{parsed}");
    assert_eq!(parsed["profile"]["total_experience_years"], json!(2.0));
    let (status, parsed) = post(
        &client,
        format!("{base}/parse/resume"),
        &years("2024-07-01"),
    )
    .await;
    assert_eq!(status, 200, "{parsed}");
    assert_eq!(parsed["profile"]["total_experience_years"], json!(4.5));

    let (status, body) = post(
        &client,
        format!("{base}/parse/resume"),
        &years("01/07/2024"),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["detail"][0]["type"], "date_parsing");
    assert_eq!(body["detail"][0]["loc"], json!(["body", "as_of"]));
    assert_eq!(body["detail"][0]["input"], "01/07/2024");

    let (status, body) = post(
        &client,
        format!("{base}/parse/resume"),
        &years("1890-01-01"),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["detail"][0]["type"], "value_error");
    assert!(
        body["detail"][0]["msg"]
            .as_str()
            .unwrap()
            .contains("1890-01-01"),
        "{body}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn parse_routes_return_contract_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    let base = compat_url(&server);
    let resume = "Jane Roe\n\nSummary\nBackend engineer.\n\nSkills\nPython, Docker, PostgreSQL\n";
    let body = json!({"filename": "r.txt", "mime_type": "text/plain", "content_b64": encode(resume.as_bytes())});
    let (status, parsed) = post(&client, format!("{base}/parse/resume"), &body).await;
    assert_eq!(status, 200, "{parsed}");
    let skill = &parsed["skills"][0];
    for key in [
        "skill",
        "experience_years",
        "proficiency",
        "mentions",
        "source",
    ] {
        assert!(skill.get(key).is_some(), "skill lacks {key}: {skill}");
    }
    assert!(skill.get("skill_id").is_none());
    assert!(parsed["sections"].is_object());
    assert!(parsed["profile"].get("total_experience_years").is_some());
    assert_eq!(parsed["statistics"]["skills_gemini"], 0);

    let job =
        json!({"title": "Engineer", "text": "Required: Python and Kubernetes. Nice to have: Go."});
    let (status, parsed) = post(&client, format!("{base}/parse/job"), &job).await;
    assert_eq!(status, 200, "{parsed}");
    let requirement = &parsed["requirements"][0];
    for key in ["skill", "importance", "inferred"] {
        assert!(requirement.get(key).is_some(), "requirement lacks {key}");
    }
    assert!(parsed["soft_skills"].is_array());

    let file_job = json!({"content_b64": encode(b"We need SQL and Tableau."), "title": "Analyst"});
    let (status, parsed) = post(&client, format!("{base}/parse/job"), &file_job).await;
    assert_eq!(status, 200, "{parsed}");
    let skills: Vec<&str> = parsed["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["skill"].as_str().unwrap())
        .collect();
    assert!(skills.contains(&"sql"), "{skills:?}");
    server.shutdown().await;
}

fn encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::test]
async fn body_errors_have_fastapi_shape() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    let base = compat_url(&server);

    let response = client
        .post(format!("{base}/match"))
        .header("content-type", "application/json")
        .body("{\"requirements\": [")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["detail"][0]["type"], "json_invalid");
    assert_eq!(body["detail"][0]["msg"], "JSON decode error");
    assert_eq!(body["detail"][0]["loc"][0], "body");

    let response = client.post(format!("{base}/match")).send().await.unwrap();
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": null}]})
    );

    let response = client
        .post(format!("{base}/match"))
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["detail"][0]["type"], "model_attributes_type");

    let (status, body) = post(
        &client,
        format!("{base}/match"),
        &json!({"candidate_skills": [{"skill": 3}], "requirements": "x"}),
    )
    .await;
    assert_eq!(status, 422);
    let types: Vec<&str> = body["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["string_type", "list_type"]);

    let (status, body) = post(
        &client,
        format!("{base}/parse/job"),
        &json!({"content_b64": "!!!!"}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({"requirements": [], "soft_skills": []}));

    let (status, body) = post(
        &client,
        format!("{base}/parse/resume"),
        &json!({"content_b64": encode(b"\x7fELF\x02\x01\x01\x00binary")}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body, json!({"detail": "unsupported_file_type"}));

    let response = client.get(format!("{base}/nowhere")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"detail": "Not Found"})
    );
    let response = client.get(format!("{base}/match")).send().await.unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"detail": "Method Not Allowed"})
    );
    server.shutdown().await;
}

#[tokio::test]
async fn body_size_limit_is_fifteen_mib() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    let base = compat_url(&server);
    let limit = layer1::compat::MAX_BODY_BYTES;

    // Characters outside the base64 alphabet decode to nothing, so this large body is cheap.
    let filler = "!".repeat(limit - 64);
    let (status, body) = post(
        &client,
        format!("{base}/parse/resume"),
        &json!({"content_b64": filler}),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let oversized = "!".repeat(limit + 1);
    let response = client
        .post(format!("{base}/parse/resume"))
        .json(&json!({"content_b64": oversized}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"detail": "payload_too_large"})
    );
    server.shutdown().await;
}

#[tokio::test]
async fn main_port_serves_contract_behind_auth() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    let base = base_url(&server);
    let (status, body) = post(
        &client,
        format!("{base}/match"),
        &json!({"candidate_skills": [], "requirements": []}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["score"], 0.0);
    let (status, body) = post(&client, format!("{base}/parse/job"), &json!({"title": "x"})).await;
    assert_eq!(status, 400);
    assert_eq!(body, json!({"detail": "content_required"}));
    server.shutdown().await;
}

#[tokio::test]
async fn compat_listener_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = support::settings(dir.path(), &[]);
    settings.compat.compat_port = layer1::config::CompatPort::Off;
    let server = layer1::server::start(settings).await.unwrap();
    assert!(server.compat_address.is_none());
    let response = reqwest::get(format!("{}/health", base_url(&server)))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    server.shutdown().await;
}

#[tokio::test]
async fn main_port_rejects_unauthenticated_contract_calls() {
    let dir = tempfile::tempdir().unwrap();
    let state = unauthenticated_state(dir.path()).await;
    let app = layer1::api::app(state);
    for path in ["/match", "/parse/job", "/parse/resume"] {
        let request = axum::http::Request::post(path)
            .header("content-type", "application/json")
            .body(axum::body::Body::from("{}"))
            .unwrap();
        let response = tower::ServiceExt::oneshot(app.clone(), request)
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "{path}");
    }
}

/// Builds the application state with authentication enabled, for requests without a token.
async fn unauthenticated_state(dir: &Path) -> layer1::api::AppState {
    let mut settings = support::settings(dir, &[]);
    settings.auth.auth_disabled = false;
    settings.auth.issuer_base_url = Some("http://127.0.0.1:9".to_string());
    settings.auth.audience = Some("layer1".to_string());
    let store = layer1::server::open_database(&settings.storage)
        .await
        .unwrap();
    let queue = layer1::jobs::JobQueue::setup(store.pool(), &settings.worker)
        .await
        .unwrap();
    let blobs = layer1::blob::LocalBlobStore::new(dir.join("blobs")).unwrap();
    layer1::api::AppState {
        store: std::sync::Arc::new(store),
        blobs: std::sync::Arc::new(blobs),
        queue,
        nlp: layer1::nlp::NlpRuntime::load(&settings.nlp),
        events: layer1::events::EventBus::default(),
        auth: settings.auth.clone(),
        authenticator: layer1::auth::Authenticator::new(&settings.auth).unwrap(),
        max_upload_bytes: settings.http.max_upload_bytes,
        compat_match_strategy: settings.compat.compat_match_strategy,
    }
}
