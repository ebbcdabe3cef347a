//! Tests of the offline reader and of the inference, over small fixture files in the
//! database's tab-separated shape.

use std::path::Path;

use super::*;
use crate::skills::{Gazetteer, parse_job};

const OCCUPATIONS: &str = "O*NET-SOC Code\tTitle\tDescription\n\
    15-1252.00\tSoftware Developers\tBuild software.\n\
    29-1141.00\tRegistered Nurses\tCare for patients.\n\
    13-2011.00\tAccountants and Auditors\tKeep the books.\n";

const ALTERNATES: &str = "O*NET-SOC Code\tTitle\tAlternate Title\tShort Title\tSource(s)\n\
    15-1252.00\tSoftware Developers\tBackend Engineer\t\t08\n\
    15-1252.00\tSoftware Developers\tSoftware Engineer\t\t08\n\
    29-1141.00\tRegistered Nurses\tStaff Nurse\t\t08\n";

const TECHNOLOGY: &str = "O*NET-SOC Code\tTitle\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\n\
    15-1252.00\tSoftware Developers\tPython\t1\tLanguages\tY\tY\n\
    15-1252.00\tSoftware Developers\tAmazon Web Services AWS software\t1\tPlatforms\tY\tN\n\
    15-1252.00\tSoftware Developers\tQuillbase Tracker\t1\tTools\tN\tN\n\
    15-1252.00\tSoftware Developers\tKubernetes\t1\tPlatforms\tY\tY\n";

const KNOWLEDGE: &str = "O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source\n\
    29-1141.00\tRegistered Nurses\t2.C.8.b\tMedicine and Dentistry\tIM\tImportance\t4.60\t20\t0.1\t4\t5\tN\t\t08/2023\tIncumbent\n\
    29-1141.00\tRegistered Nurses\t2.C.8.b\tMedicine and Dentistry\tLV\tLevel\t5.9\t20\t0.1\t5\t6\tN\tN\t08/2023\tIncumbent\n\
    29-1141.00\tRegistered Nurses\t2.C.4.c\tPsychology\tIM\tImportance\t3.40\t20\t0.1\t3\t4\tN\t\t08/2023\tIncumbent\n";

const SKILLS: &str = "O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source\n\
    15-1252.00\tSoftware Developers\t2.A.2.a\tCritical Thinking\tIM\tImportance\t4.00\t8\t0.1\t3\t4\tN\t\t08/2023\tAnalyst\n\
    15-1252.00\tSoftware Developers\t2.A.1.b\tActive Listening\tIM\tImportance\t3.50\t8\t0.1\t3\t4\tN\t\t08/2023\tAnalyst\n\
    29-1141.00\tRegistered Nurses\t2.B.1.e\tService Orientation\tIM\tImportance\t4.12\t8\t0.1\t3\t4\tN\t\t08/2023\tAnalyst\n";

fn write_fixture(dir: &Path) {
    let files = [
        ("Occupation Data.txt", OCCUPATIONS),
        ("Alternate Titles.txt", ALTERNATES),
        ("Technology Skills.txt", TECHNOLOGY),
        ("Knowledge.txt", KNOWLEDGE),
        ("Skills.txt", SKILLS),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("fixture file is writable");
    }
}

fn database() -> OnetDatabase {
    let dir = tempfile::tempdir().expect("temporary directory");
    write_fixture(dir.path());
    OnetDatabase::load_dir(dir.path()).expect("fixture loads")
}

#[test]
fn database_reads_all_five_files() {
    let database = database();
    assert_eq!(database.occupations.len(), 3);
    assert_eq!(database.technology["15-1252.00"].len(), 4);
    let python = &database.technology["15-1252.00"][0];
    assert_eq!(python.importance, 1.0);
    let medicine = &database.knowledge["29-1141.00"][0];
    assert_eq!(medicine.name, "Medicine and Dentistry");
    assert_eq!(medicine.importance, 0.9);
    assert_eq!(database.knowledge["29-1141.00"].len(), 2);
}

#[test]
fn missing_column_is_reported() {
    let dir = tempfile::tempdir().expect("temporary directory");
    write_fixture(dir.path());
    std::fs::write(dir.path().join("Skills.txt"), "O*NET-SOC Code\tTitle\n").expect("write");
    let error = OnetDatabase::load_dir(dir.path()).expect_err("Skills.txt lacks columns");
    assert!(matches!(error, OnetError::MissingColumn { .. }), "{error}");
}

#[test]
fn compact_file_round_trips() {
    let database = database();
    let bytes = database.to_compact().expect("serialises");
    let read = OnetDatabase::from_compact(&bytes).expect("parses");
    assert_eq!(read, database);
}

#[test]
fn search_finds_alternate_and_plural_titles() {
    let database = database();
    let found = database.search("backend engineer", 3).expect("search");
    assert_eq!(found[0].code, "15-1252.00");
    assert_eq!(found[0].title, "Software Developers");
    let found = database.search("registered nurse", 3).expect("search");
    assert_eq!(found[0].code, "29-1141.00");
    assert!(database.search("zookeeper", 3).expect("search").is_empty());
}

const JOB: &str = "Backend Engineer\nRequirements\n- Python services\n- Quillbase Tracker daily\n";

#[test]
fn pool_items_in_text_are_explicit_and_others_inferred() {
    let database = database();
    let gazetteer = Gazetteer::builtin();
    let mut job = parse_job(JOB, gazetteer);
    let settings = InferenceSettings::default();
    infer_requirements(
        &mut job,
        JOB,
        "Senior Backend Engineer (Go)",
        &database,
        None,
        gazetteer,
        &settings,
    )
    .expect("inference");
    let find = |skill: &str| job.requirements.iter().find(|r| r.skill == skill);
    let python = find("python").expect("python is required");
    assert!(!python.inferred);
    let tracker = find("quillbase tracker").expect("tracker is in the text");
    assert!(!tracker.inferred);
    let kubernetes = find("kubernetes").expect("kubernetes is inferred");
    assert!(kubernetes.inferred);
    assert_eq!(kubernetes.importance, 1.0);
    let aws = find("aws").expect("aws maps to the taxonomy");
    assert!(aws.inferred);
    assert_eq!(aws.importance, 0.75);
    assert!(
        job.soft_skills
            .iter()
            .any(|s| s.skill == "critical thinking")
    );
}

#[test]
fn inferred_below_minimum_importance_are_dropped() {
    let database = database();
    let gazetteer = Gazetteer::builtin();
    let mut job = parse_job("Backend Engineer\nWe ship weekly.\n", gazetteer);
    let settings = InferenceSettings {
        inferred_min_importance: 0.8,
        ..InferenceSettings::default()
    };
    infer_requirements(
        &mut job,
        "Backend Engineer\nWe ship weekly.\n",
        "Backend Engineer",
        &database,
        None,
        gazetteer,
        &settings,
    )
    .expect("inference");
    let skills: Vec<&str> = job.requirements.iter().map(|r| r.skill.as_str()).collect();
    assert_eq!(skills, vec!["python", "kubernetes"]);
}

#[test]
fn low_relevance_skills_stay_out_of_the_pool() {
    let database = database();
    let settings = InferenceSettings {
        min_relevance: 0.9,
        ..InferenceSettings::default()
    };
    let pool = collect_pool("Software Engineer", &database, None, &settings).expect("pool");
    let names: Vec<&str> = pool.hard.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, vec!["Python", "Kubernetes"]);
}

#[test]
fn knowledge_is_used_when_no_technology_skills() {
    let database = database();
    let pool = collect_pool(
        "Staff Nurse",
        &database,
        None,
        &InferenceSettings::default(),
    )
    .expect("pool");
    assert_eq!(pool.codes, vec!["29-1141.00"]);
    let names: Vec<&str> = pool.hard.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, vec!["Medicine and Dentistry", "Psychology"]);
}

#[test]
fn cache_serves_repeated_titles() {
    let database = database();
    let cache = InMemoryTitleCache::default();
    let settings = InferenceSettings::default();
    let first =
        collect_pool("Lead Backend Engineer", &database, Some(&cache), &settings).expect("pool");
    assert_eq!(cache.get("backend engineer"), Some(first.clone()));
    let empty = OnetDatabase::default();
    let second = collect_pool("Backend Engineer", &empty, Some(&cache), &settings).expect("pool");
    assert_eq!(second, first);
}
