//! Response shapes of the product API as existing clients read them: snake_case list items,
//! camelCase details, the match summary and UTC timestamps. Also jobs created from a file or
//! from `description_text`, and a soft delete that hides the row but keeps the stored file.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use support::{base_url, poll_status, repo_root, start_server};

/// Asserts that `value` is an object containing every key of `keys`.
fn assert_keys(label: &str, value: &Value, keys: &[&str]) {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{label} is not an object: {value}"));
    for key in keys {
        assert!(object.contains_key(*key), "{label} lacks `{key}`: {value}");
    }
}

/// Asserts that `value[key]` is an ISO-8601 timestamp in UTC.
fn assert_utc(label: &str, value: &Value, key: &str) {
    let text = value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{label}.{key} is not a string: {value}"));
    let parsed = chrono::DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("{label}.{key} = {text:?}: {e}"));
    assert_eq!(
        parsed.offset().local_minus_utc(),
        0,
        "{label}.{key} = {text}"
    );
}

async fn get(client: &reqwest::Client, url: &str) -> (u16, Value) {
    let response = client.get(url).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn post_json(client: &reqwest::Client, url: &str, body: &Value) -> (u16, Value) {
    let response = client.post(url).json(body).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn post_form(client: &reqwest::Client, url: &str, form: Form) -> (u16, Value) {
    let response = client.post(url).multipart(form).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn example(name: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("examples").join(name)).unwrap()
}

fn assert_queued(label: &str, status: u16, body: &Value) -> String {
    assert_eq!(status, 202, "{label}: {body}");
    assert_eq!(body["status"], "queued", "{label}: {body}");
    body["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn responses_have_the_documented_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    let form = Form::new().part(
        "file",
        Part::bytes(example("resume.pdf")).file_name("resume.pdf"),
    );
    let (status, body) = post_form(&client, &format!("{base}/api/v1/resumes"), form).await;
    let resume_id = assert_queued("resume", status, &body);
    let job_text = String::from_utf8(example("job.txt")).unwrap();
    let (status, body) = post_json(
        &client,
        &format!("{base}/api/v1/jobs"),
        &json!({ "title": "Senior Backend Engineer", "text": job_text }),
    )
    .await;
    let job_id = assert_queued("job", status, &body);

    let resume = poll_status(
        &client,
        &format!("{base}/api/v1/resumes/{resume_id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(resume["status"], "ready", "{resume}");
    assert_keys(
        "resume detail",
        &resume,
        &[
            "id",
            "filename",
            "mimeType",
            "status",
            "parsedData",
            "skills",
            "createdAt",
            "updatedAt",
        ],
    );
    assert_utc("resume detail", &resume, "createdAt");
    assert_utc("resume detail", &resume, "updatedAt");
    let parsed = &resume["parsedData"];
    assert_keys("parsedData", parsed, &["sections", "profile", "statistics"]);
    assert_keys(
        "parsedData.profile",
        &parsed["profile"],
        &[
            "summary",
            "total_experience_years",
            "name",
            "email",
            "github",
        ],
    );
    let jobs = parsed["experience"]
        .as_array()
        .expect("parsedData.experience");
    assert_eq!(jobs.len(), 3, "{jobs:?}");
    for job in jobs {
        let keys = ["title", "employer", "start", "end", "current", "years"];
        assert_keys("parsedData.experience item", job, &keys);
    }
    assert_eq!(jobs[1]["employer"], "Harborline Logistics");
    assert_eq!(jobs[1]["start"], "2016-06");
    let skills = resume["skills"].as_array().unwrap();
    assert!(skills.len() >= 5, "{}", skills.len());
    let python = skills
        .iter()
        .find(|s| s["skill"] == "python")
        .expect("python");
    assert!(
        python["experience_years"]
            .as_f64()
            .is_some_and(|y| y >= 10.0),
        "{python}"
    );
    for skill in skills {
        assert_keys(
            "skill",
            skill,
            &[
                "id",
                "skill",
                "experience_years",
                "proficiency",
                "created_at",
            ],
        );
    }

    let (status, list) = get(&client, &format!("{base}/api/v1/resumes")).await;
    assert_eq!(status, 200);
    let item = &list[0];
    assert_eq!(item["id"], resume_id.as_str());
    assert_keys(
        "resume list item",
        item,
        &[
            "id",
            "filename",
            "mime_type",
            "status",
            "created_at",
            "updated_at",
        ],
    );
    assert_eq!(item["mime_type"], "application/pdf");
    assert_utc("resume list item", item, "created_at");

    let job = poll_status(
        &client,
        &format!("{base}/api/v1/jobs/{job_id}"),
        &["ready", "error"],
    )
    .await;
    assert_eq!(job["status"], "ready", "{job}");
    assert_keys(
        "job detail",
        &job,
        &[
            "id",
            "title",
            "source",
            "status",
            "parsedData",
            "requirements",
            "soft_skills",
            "createdAt",
            "updatedAt",
        ],
    );
    assert_eq!(job["source"], "text");
    let requirements = job["requirements"].as_array().unwrap();
    assert!(!requirements.is_empty());
    for requirement in requirements {
        assert_keys(
            "requirement",
            requirement,
            &["id", "skill", "importance", "inferred", "created_at"],
        );
        let importance = requirement["importance"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&importance), "{requirement}");
    }
    for soft in job["soft_skills"].as_array().unwrap() {
        assert_keys(
            "soft skill",
            soft,
            &["id", "skill", "importance", "created_at"],
        );
    }
    let (_, list) = get(&client, &format!("{base}/api/v1/jobs")).await;
    assert_keys(
        "job list item",
        &list[0],
        &[
            "id",
            "title",
            "source",
            "status",
            "created_at",
            "updated_at",
        ],
    );

    let (status, body) = post_json(
        &client,
        &format!("{base}/api/v1/matches"),
        &json!({ "resumeId": resume_id, "jobId": job_id }),
    )
    .await;
    let match_id = assert_queued("match", status, &body);
    let (_, list) = get(&client, &format!("{base}/api/v1/matches")).await;
    assert_keys(
        "match list item",
        &list[0],
        &[
            "id",
            "resume_id",
            "job_id",
            "status",
            "result_id",
            "created_at",
            "updated_at",
            "error_message",
        ],
    );
    let detail = poll_status(
        &client,
        &format!("{base}/api/v1/matches/{match_id}"),
        &["completed", "failed"],
    )
    .await;
    assert_eq!(detail["status"], "completed", "{detail}");
    assert_keys(
        "match detail",
        &detail,
        &["id", "status", "resumeId", "jobId", "error", "match"],
    );
    let result = &detail["match"];
    assert_keys("match", result, &["id", "score", "completedAt", "summary"]);
    assert_utc("match", result, "completedAt");
    let summary = &result["summary"];
    assert_keys(
        "summary",
        summary,
        &[
            "overall_match_score",
            "candidate",
            "requirements",
            "strengths",
            "weaknesses",
            "job_highlights",
            "raw_details",
        ],
    );
    assert_eq!(summary["overall_match_score"], result["score"]);
    assert_keys(
        "summary.candidate",
        &summary["candidate"],
        &[
            "name",
            "skills",
            "experience_years",
            "degrees",
            "certifications",
            "summary",
        ],
    );
    for requirement in summary["requirements"].as_array().unwrap() {
        assert_keys(
            "summary.requirements[]",
            requirement,
            &[
                "skill",
                "importance",
                "candidate_has_experience",
                "similarity",
                "matched_skill",
                "inferred",
                "comments",
            ],
        );
    }
    let highlights = &summary["job_highlights"];
    assert_keys(
        "summary.job_highlights",
        highlights,
        &["title", "required_skills", "preferred_skills"],
    );
    let listed = |key: &str| -> Vec<String> {
        highlights[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|name| name.as_str().unwrap().to_lowercase())
            .collect()
    };
    let (required, preferred) = (listed("required_skills"), listed("preferred_skills"));
    assert!(required.contains(&"kubernetes".to_string()), "{required:?}");
    assert!(
        preferred.contains(&"terraform".to_string()),
        "{preferred:?}"
    );
    assert!(!required.contains(&"terraform".to_string()), "{required:?}");

    let raw = summary["raw_details"].as_array().unwrap();
    assert!(!raw.is_empty());
    for detail in raw {
        assert_keys(
            "summary.raw_details[]",
            detail,
            &[
                "requirement",
                "importance",
                "similarity",
                "matched_skill",
                "inferred",
            ],
        );
    }

    let (_, list) = get(&client, &format!("{base}/api/v1/matches")).await;
    assert_eq!(list[0]["status"], "completed");
    assert_eq!(list[0]["result_id"], result["id"]);
    server.shutdown().await;
}

#[tokio::test]
async fn jobs_come_from_a_file_or_description_text() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let jobs = format!("{base}/api/v1/jobs");

    let form = Form::new().text("title", "Backend Engineer").part(
        "file",
        Part::bytes(example("job.txt")).file_name("posting.txt"),
    );
    let (status, body) = post_form(&client, &jobs, form).await;
    let from_file = assert_queued("job from file", status, &body);

    let text = "Backend Engineer. Required: Python, PostgreSQL and Docker.";
    let (status, body) = post_json(
        &client,
        &jobs,
        &json!({ "title": "Backend Engineer", "description_text": text }),
    )
    .await;
    let from_text = assert_queued("job from description_text", status, &body);

    for (id, source) in [(&from_file, "file"), (&from_text, "text")] {
        let job = poll_status(&client, &format!("{jobs}/{id}"), &["ready", "error"]).await;
        assert_eq!(job["status"], "ready", "{job}");
        assert_eq!(job["source"], source, "{job}");
        let skills: Vec<&str> = job["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["skill"].as_str().unwrap())
            .collect();
        assert!(skills.contains(&"python"), "{source}: {skills:?}");
        assert!(skills.contains(&"postgresql"), "{source}: {skills:?}");
    }
    let (_, list) = get(&client, &jobs).await;
    let sources: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["text", "file"], "newest first");

    let form = Form::new().part(
        "file",
        Part::bytes(example("job.txt")).file_name("posting.txt"),
    );
    let (status, body) = post_form(&client, &jobs, form).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("title_required"))
    );
    let form = Form::new().text("title", "Backend Engineer");
    let (status, body) = post_form(&client, &jobs, form).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("file_or_text_required"))
    );
    server.shutdown().await;
}

#[tokio::test]
async fn soft_delete_keeps_stored_file() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &["--no-workers"]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();

    let form = Form::new().part(
        "file",
        Part::bytes(b"Jane Roe\nSkills: Rust, Python\n".to_vec()).file_name("cv.txt"),
    );
    let (status, body) = post_form(&client, &format!("{base}/api/v1/resumes"), form).await;
    let id = assert_queued("resume", status, &body);
    let url = format!("{base}/api/v1/resumes/{id}");
    let blob = dir.path().join(format!("blobs/resumes/{id}.txt"));
    assert!(blob.exists(), "upload not stored at {}", blob.display());

    let response = client.delete(&url).send().await.unwrap();
    assert_eq!(response.status(), 204);
    let (status, body) = get(&client, &url).await;
    assert_eq!((status, body["error"].as_str()), (404, Some("not_found")));
    let (_, list) = get(&client, &format!("{base}/api/v1/resumes")).await;
    assert_eq!(list, json!([]), "a deleted resume is listed");
    assert!(blob.exists(), "soft delete removed the stored file");

    let response = client
        .post(format!("{base}/api/v1/matches"))
        .json(&json!({ "resumeId": id, "jobId": uuid::Uuid::new_v4() }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "resume_not_found");

    let response = client
        .delete(format!("{url}?purge=true"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert!(!blob.exists(), "purge kept the stored file");
    server.shutdown().await;
}

#[tokio::test]
async fn as_of_sets_the_date_present_stands_for() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), &[]).await;
    let base = base_url(&server);
    let client = reqwest::Client::new();
    let text = b"Ines Falk\n\nExperience\nData Analyst, Quarry Lane Foods - Jan 2019 - Present\n\
        - Weekly SQL reports\n\nClerk, Quarry Lane Foods - 2016 - 2018\n";
    let upload = |as_of: &str| {
        Form::new()
            .part("file", Part::bytes(text.to_vec()).file_name("cv.txt"))
            .text("as_of", as_of.to_string())
    };
    let url = format!("{base}/api/v1/resumes");

    let (status, body) = post_form(&client, &url, upload("2021-06-30")).await;
    let id = assert_queued("resume", status, &body);
    let resume = poll_status(&client, &format!("{url}/{id}"), &["ready", "error"]).await;
    assert_eq!(resume["status"], "ready", "{resume}");
    let parsed = &resume["parsedData"];
    assert_eq!(parsed["as_of"], "2021-06-30");
    assert_eq!(parsed["experience"][0]["end"], "2021-06");
    assert_eq!(parsed["experience"][0]["current"], true);
    // January 2019 to June 2021 (29 months) and 2016 to 2018 (24 months).
    assert_eq!(parsed["profile"]["total_experience_years"], 4.4);
    let sql = resume["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["skill"] == "sql");
    assert_eq!(sql.expect("sql")["experience_years"], 2.4);

    for (value, shown) in [
        ("30/06/2021", "\"30/06/2021\""),
        ("2999-01-01", "2999-01-01"),
    ] {
        let (status, body) = post_form(&client, &url, upload(value)).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_as_of"))
        );
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(shown), "{message}");
    }
    let (_, list) = get(&client, &url).await;
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "a refused upload was stored"
    );
}
