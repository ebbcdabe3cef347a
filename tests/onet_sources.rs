//! O*NET sources of the service: the Web Services client against a local server that serves
//! responses of the real shapes, and `layer1 onet import` over small database files.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use layer1::onet::{WebServicesClient, WebServicesSettings, import};
use layer1_engine::onet::{OnetDatabase, OnetSource};
use serde_json::json;

/// `Basic` credentials of user `quill` with password `s3cret`.
const AUTHORIZATION: &str = "Basic cXVpbGw6czNjcmV0";

#[derive(Clone, Default)]
struct Served {
    search_calls: Arc<AtomicUsize>,
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(AUTHORIZATION)
}

async fn search(
    State(served): State<Served>,
    headers: HeaderMap,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    // The first call fails with a 503, so the client has to retry.
    if served.search_calls.fetch_add(1, Ordering::SeqCst) == 0 {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    assert_eq!(
        query.get("keyword").map(String::as_str),
        Some("backend engineer")
    );
    axum::Json(json!({
        "keyword": "backend engineer",
        "start": 1,
        "end": 2,
        "total": 2,
        "occupation": [
            {"href": "x", "code": "15-1252.00", "title": "Software Developers", "tags": {"bright_outlook": true}},
            {"href": "y", "code": "15-1253.00", "title": "Software Quality Assurance Analysts and Testers", "tags": {}}
        ]
    }))
    .into_response()
}

async fn details(headers: HeaderMap, Path((code, kind)): Path<(String, String)>) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let body = match (code.as_str(), kind.as_str()) {
        ("15-1252.00", "technology_skills") => json!({
            "code": code,
            "category": [
                {"title": {"id": 43232405, "name": "Object or component oriented development software"},
                 "example": [
                     {"name": "Python", "hot_technology": true, "in_demand": true},
                     {"name": "Quillbase Tracker"}
                 ]}
            ]
        }),
        (_, "technology_skills") => json!({"code": code, "category": []}),
        (_, "knowledge") => json!({
            "code": code,
            "element": [
                {"id": "2.C.3.a", "name": "Computers and Electronics", "score": {"scale": "Importance", "important": true, "value": 88}},
                {"id": "2.C.4.a", "name": "Mathematics", "score": {"scale": "Importance", "value": 61}}
            ]
        }),
        (_, "skills") => json!({
            "code": code,
            "element": [
                {"id": "2.A.2.a", "name": "Critical Thinking", "score": {"scale": "Importance", "value": 72}},
                {"id": "2.B.5.a", "name": "Programming", "score": {"scale": "Importance", "value": 81}}
            ]
        }),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    axum::Json(body).into_response()
}

async fn start_server(served: Served) -> String {
    let app = Router::new()
        .route("/ws/online/search", get(search))
        .route("/ws/online/occupations/{code}/details/{kind}", get(details))
        .with_state(served);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}/ws")
}

fn client(base_url: String, password: &str) -> WebServicesClient {
    WebServicesClient::new(WebServicesSettings {
        base_url,
        user: "quill".to_string(),
        password: password.to_string().into(),
        timeout_ms: 2_000,
        max_attempts: 3,
    })
    .expect("client builds inside the runtime")
}

#[tokio::test(flavor = "multi_thread")]
async fn web_client_reads_every_endpoint_and_retries() {
    let served = Served::default();
    let base_url = start_server(served.clone()).await;
    let client = client(base_url, "s3cret");
    let (occupations, technology, knowledge, skills) = tokio::task::spawn_blocking(move || {
        (
            client.search("backend engineer", 2).expect("search"),
            client.technology_skills("15-1252.00").expect("technology"),
            client.knowledge("15-1252.00").expect("knowledge"),
            client.skills("15-1252.00").expect("skills"),
        )
    })
    .await
    .expect("blocking task");

    assert_eq!(served.search_calls.load(Ordering::SeqCst), 2);
    assert_eq!(occupations.len(), 2);
    assert_eq!(occupations[0].code, "15-1252.00");
    assert_eq!(occupations[0].title, "Software Developers");
    assert_eq!(technology[0].name, "Python");
    assert_eq!(technology[0].importance, 1.0);
    assert_eq!(technology[1].importance, 0.5);
    assert_eq!(knowledge[0].name, "Computers and Electronics");
    assert_eq!(knowledge[0].importance, 0.88);
    assert_eq!(skills[0].name, "Programming");
}

#[tokio::test(flavor = "multi_thread")]
async fn web_client_reports_rejected_credentials() {
    let base_url = start_server(Served::default()).await;
    let client = client(base_url, "wrong");
    let outcome = tokio::task::spawn_blocking(move || client.knowledge("15-1252.00"))
        .await
        .expect("blocking task");
    let error = outcome.expect_err("wrong password is rejected");
    assert!(error.to_string().contains("401"), "{error}");
}

fn write_database(dir: &std::path::Path) {
    let files = [
        (
            "Occupation Data.txt",
            "O*NET-SOC Code\tTitle\tDescription\n29-1141.00\tRegistered Nurses\tCare.\n",
        ),
        (
            "Alternate Titles.txt",
            "O*NET-SOC Code\tTitle\tAlternate Title\tShort Title\tSource(s)\n29-1141.00\tRegistered Nurses\tStaff Nurse\t\t08\n",
        ),
        (
            "Technology Skills.txt",
            "O*NET-SOC Code\tTitle\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\n29-1141.00\tRegistered Nurses\tEpic Systems\t1\tMedical software\tY\tN\n",
        ),
        (
            "Knowledge.txt",
            "O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source\n29-1141.00\tRegistered Nurses\t2.C.8.b\tMedicine and Dentistry\tIM\tImportance\t4.60\t20\t0.1\t4\t5\tN\t\t08/2023\tIncumbent\n",
        ),
        (
            "Skills.txt",
            "O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source\n29-1141.00\tRegistered Nurses\t2.B.1.e\tService Orientation\tIM\tImportance\t4.12\t8\t0.1\t3\t4\tN\t\t08/2023\tAnalyst\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write fixture");
    }
}

#[test]
fn import_writes_a_compact_file_that_loads() {
    let source = tempfile::tempdir().expect("temporary directory");
    write_database(source.path());
    let out = tempfile::tempdir().expect("temporary directory");
    let path = import(source.path(), &out.path().join("onet")).expect("import");
    let database = OnetDatabase::from_compact(&std::fs::read(&path).expect("read")).expect("load");
    assert_eq!(database.occupations.len(), 1);
    let found = database.search("staff nurse", 1).expect("search");
    assert_eq!(found[0].code, "29-1141.00");
    assert_eq!(database.technology["29-1141.00"][0].importance, 0.75);
}

#[derive(clap::Parser)]
struct NlpCli {
    #[command(flatten)]
    nlp: layer1::config::NlpSettings,
}

#[tokio::test(flavor = "multi_thread")]
async fn configured_runtime_adds_inferred_requirements() {
    use clap::Parser;

    let source = tempfile::tempdir().expect("temporary directory");
    write_database(source.path());
    let out = tempfile::tempdir().expect("temporary directory");
    import(source.path(), out.path()).expect("import");
    let cli = NlpCli::try_parse_from([
        "nlp".to_string(),
        "--model-dir=/nonexistent".to_string(),
        "--extract-isolation=thread".to_string(),
        format!("--onet-dir={}", out.path().display()),
        "--job-inferred-min-importance=70".to_string(),
    ])
    .expect("valid settings");
    let runtime = layer1::nlp::NlpRuntime::load(&cli.nlp);
    let text = "Staff Nurse\nRequirements\n- BLS certification\n".to_string();
    let parsed = runtime.analyze_job_text(text.clone()).await;
    let job = runtime
        .apply_onet(parsed, text, "Senior Staff Nurse (Nights)".to_string())
        .await;
    let epic = job.requirements.iter().find(|r| r.skill == "epic");
    let epic = epic.expect("the occupation's technology skill is inferred");
    assert!(epic.inferred);
    assert_eq!(epic.importance, 0.75);
    assert!(
        job.requirements
            .iter()
            .any(|r| r.skill == "bls" && !r.inferred)
    );
    assert!(
        job.soft_skills
            .iter()
            .any(|s| s.skill == "service orientation")
    );
}

#[tokio::test]
async fn unconfigured_runtime_leaves_jobs_unchanged() {
    use clap::Parser;

    let cli = NlpCli::try_parse_from(["nlp", "--model-dir=/nonexistent"]).expect("valid settings");
    let runtime = layer1::nlp::NlpRuntime::load(&cli.nlp);
    let text = "Staff Nurse\nRequirements\n- BLS certification\n".to_string();
    let parsed = runtime.analyze_job_text(text.clone()).await;
    let job = runtime
        .apply_onet(parsed.clone(), text, "Staff Nurse".to_string())
        .await;
    assert_eq!(job, parsed);
}
