//! Tests of the request validator against pydantic's output.

use serde_json::{Value, json};

use super::*;

/// Cases whose expected 422 bodies were produced by pydantic 2.13 (lax Python mode, as FastAPI
/// validates) from models that reproduce the recorded responses of the Python worker.
const CASES: &str = include_str!("../../tests/data/compat/validation_cases.json");

fn model(name: &str) -> &'static Model {
    match name {
        "match" => &MATCH_REQUEST,
        "resume" => &RESUME_REQUEST,
        "job" => &JOB_REQUEST,
        other => panic!("unknown model {other}"),
    }
}

#[test]
fn validator_matches_pydantic_cases() {
    let cases: Vec<Value> = serde_json::from_str(CASES).unwrap();
    assert!(cases.len() >= 15, "the case file lost cases");
    for case in cases {
        let request = &case["request"];
        let result = validate_body(request, model(case["model"].as_str().unwrap()));
        match (&result, case.get("errors")) {
            (Err(issues), Some(expected)) => {
                assert_eq!(
                    serde_json::to_value(issues).unwrap(),
                    *expected,
                    "issues for {request}"
                );
            }
            (Ok(_), None) => {}
            (Ok(value), Some(expected)) => {
                panic!("{request} was accepted as {value}, expected {expected}")
            }
            (Err(issues), None) => panic!("{request} was rejected: {issues:?}"),
        }
    }
}

#[test]
fn lax_values_are_converted() {
    let body = json!({
        "candidate_skills": [{"skill": "a", "experience_years": "3", "proficiency": true}],
        "requirements": [{"skill": "b", "importance": " 0.4 ", "inferred": "yes"}]
    });
    let converted = validate_body(&body, &MATCH_REQUEST).unwrap();
    assert_eq!(
        converted["candidate_skills"][0]["experience_years"],
        json!(3)
    );
    assert_eq!(converted["candidate_skills"][0]["proficiency"], json!(1.0));
    assert_eq!(converted["requirements"][0]["importance"], json!(0.4));
    assert_eq!(converted["requirements"][0]["inferred"], json!(true));
}

#[test]
fn unknown_keys_are_dropped() {
    let body = json!({"content_b64": "YQ==", "extra": {"nested": 1}});
    let converted = validate_body(&body, &RESUME_REQUEST).unwrap();
    assert_eq!(converted, json!({"content_b64": "YQ=="}));
}

#[test]
fn bound_messages_print_like_python() {
    let body = json!({"candidate_skills": [], "requirements": [{"skill": "x", "importance": 1.5}]});
    let issues = validate_body(&body, &MATCH_REQUEST).unwrap_err();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].msg, "Input should be less than or equal to 1");
    assert_eq!(issues[0].ctx, Some(json!({"le": 1.0})));
}
