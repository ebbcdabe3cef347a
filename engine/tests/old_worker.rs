//! Compares Layer1's parse results with the old Python worker's, both scored against hand labels.
//!
//! The old worker's recorded `/parse` responses and the documents they came from live outside
//! this repository. Point `OLD_WORKER_DIR` at the folder that contains `parse_resume.json`,
//! `parse_job.json` and `inputs/`, then run
//! `cargo test -p layer1-engine --test old_worker -- --ignored --nocapture`.
//! The labels in `tests/eval/old_worker_labels.json` were written from the documents alone,
//! without either parser's output. Set `OLD_WORKER_VERBOSE=1` to list each document's misses.

mod eval_common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use eval_common::{Canonical, Counts, Share, strings};
use layer1_engine::extract::{ExtractLimits, extract_text};
use layer1_engine::resume::parse_resume;
use layer1_engine::skills::{Gazetteer, Taxonomy, parse_job};
use serde_json::Value;

/// What one system found in one resume.
struct ResumeResult {
    skills: BTreeSet<String>,
    years: Option<f64>,
    name: Option<String>,
}

/// What one system found in one job description. Importance is keyed by canonical skill.
struct JobResult {
    requirements: BTreeMap<String, f64>,
    soft_skills: BTreeSet<String>,
}

/// Scores of one system over all documents.
#[derive(Default)]
struct Scores {
    resume_skills: Counts,
    resume_skills_by_kind: BTreeMap<String, Counts>,
    years_within_half: Share,
    years_error_sum: f64,
    years_counted: usize,
    name_found: Share,
    requirements: Counts,
    requirements_and_soft: Counts,
    required_above_preferred: Share,
}

impl Scores {
    fn add_resume(
        &mut self,
        kind: &str,
        found: &ResumeResult,
        label: &Value,
        canonical: &Canonical,
    ) {
        let labelled = canonical_set(canonical, &strings(&label["skills"]));
        self.resume_skills.add(&found.skills, &labelled);
        self.resume_skills_by_kind
            .entry(kind.to_string())
            .or_default()
            .add(&found.skills, &labelled);

        let expected = label["total_experience_years"].as_f64();
        let close = match (found.years, expected) {
            (Some(years), Some(expected)) => {
                self.years_error_sum += (years - expected).abs();
                self.years_counted += 1;
                (years - expected).abs() <= 0.5 + 1e-9
            }
            (None, None) => true,
            _ => false,
        };
        self.years_within_half.add(close);

        let expected_name = label["name"].as_str().map(str::trim);
        self.name_found
            .add(expected_name.is_some() && found.name.as_deref().map(str::trim) == expected_name);
    }

    fn add_job(&mut self, found: &JobResult, label: &Value, canonical: &Canonical) {
        let mut required = BTreeSet::new();
        let mut preferred = BTreeSet::new();
        for item in label["requirements"].as_array().into_iter().flatten() {
            let Some(skill) = item["skill"].as_str() else {
                continue;
            };
            let skill = canonical.of(skill);
            if item["importance"].as_str() == Some("preferred") {
                preferred.insert(skill);
            } else {
                required.insert(skill);
            }
        }
        let labelled: BTreeSet<String> = required.union(&preferred).cloned().collect();
        let predicted: BTreeSet<String> = found.requirements.keys().cloned().collect();
        self.requirements.add(&predicted, &labelled);

        let soft_labels = canonical_set(canonical, &strings(&label["soft_skills"]));
        let all_labelled: BTreeSet<String> = labelled.union(&soft_labels).cloned().collect();
        let all_found: BTreeSet<String> = predicted.union(&found.soft_skills).cloned().collect();
        self.requirements_and_soft.add(&all_found, &all_labelled);

        // Every pair of a found required item and a found preferred item should rank the
        // required one higher.
        for high in required.iter().filter_map(|s| found.requirements.get(s)) {
            for low in preferred.iter().filter_map(|s| found.requirements.get(s)) {
                self.required_above_preferred.add(high > low);
            }
        }
    }

    fn print(&self, system: &str) {
        println!("-- {system}");
        println!("{}", self.resume_skills.line("resume skills"));
        for (kind, counts) in &self.resume_skills_by_kind {
            println!("{}", counts.line(&format!("  from {kind}")));
        }
        println!("{}", self.years_within_half.line("years within 0.5"));
        let mean_error = self.years_error_sum / self.years_counted.max(1) as f64;
        println!(
            "{:<22} {mean_error:.2}  ({} files with years)",
            "years mean abs error", self.years_counted
        );
        println!("{}", self.name_found.line("candidate name"));
        println!("{}", self.requirements.line("job requirements"));
        println!("{}", self.requirements_and_soft.line("requirements + soft"));
        println!(
            "{}",
            self.required_above_preferred
                .line("required over preferred")
        );
    }
}

fn canonical_set(canonical: &Canonical, names: &[String]) -> BTreeSet<String> {
    names.iter().map(|s| canonical.of(s)).collect()
}

fn labels_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/eval/old_worker_labels.json")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Reads the `cases` array of a recording file.
fn recorded_cases(path: &Path) -> Vec<Value> {
    match read_json(path) {
        Value::Object(mut fields) => match fields.remove("cases") {
            Some(Value::Array(cases)) => cases,
            _ => panic!("{}: missing the `cases` array", path.display()),
        },
        _ => panic!("{}: expected a JSON object", path.display()),
    }
}

fn file_stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

fn file_kind(name: &str) -> String {
    name.rsplit_once('.')
        .map_or("text", |(_, extension)| extension)
        .to_string()
}

fn old_resume(response: &Value, canonical: &Canonical) -> ResumeResult {
    let skills = response["skills"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["skill"].as_str())
        .map(|s| canonical.of(s))
        .collect();
    ResumeResult {
        skills,
        years: response["profile"]["total_experience_years"].as_f64(),
        name: response["profile"]["name"].as_str().map(str::to_string),
    }
}

fn old_job(response: &Value, canonical: &Canonical) -> JobResult {
    let mut requirements = BTreeMap::new();
    for item in response["requirements"].as_array().into_iter().flatten() {
        if item["inferred"].as_bool() == Some(true) {
            continue;
        }
        let (Some(skill), Some(importance)) = (item["skill"].as_str(), item["importance"].as_f64())
        else {
            continue;
        };
        // The old worker lists a skill once per cue; keep its highest importance.
        let entry = requirements
            .entry(canonical.of(skill))
            .or_insert(importance);
        *entry = entry.max(importance);
    }
    let soft_skills = response["soft_skills"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().or_else(|| s["skill"].as_str()))
        .map(|s| canonical.of(s))
        .collect();
    JobResult {
        requirements,
        soft_skills,
    }
}

fn print_misses(system: &str, found: &BTreeSet<String>, labelled: &BTreeSet<String>) {
    let missed: Vec<_> = labelled.difference(found).collect();
    let extra: Vec<_> = found.difference(labelled).collect();
    println!("    {system:<10} missed: {missed:?}\n    {system:<10} extra:  {extra:?}");
}

struct Context {
    dir: PathBuf,
    labels: Value,
    gazetteer: Gazetteer,
    canonical: Canonical,
    as_of: NaiveDate,
    verbose: bool,
}

fn compare_resumes(context: &Context, old: &mut Scores, ours: &mut Scores) {
    for case in recorded_cases(&context.dir.join("parse_resume.json")) {
        let filename = case["filename"]
            .as_str()
            .expect("each resume case has a filename");
        let label = &context.labels["resumes"][file_stem(filename)];
        assert!(label.is_object(), "no label for {filename}");
        if case["status"].as_u64() != Some(200) {
            println!("  {filename}: the old worker returned {}", case["status"]);
            continue;
        }

        let path = context.dir.join("inputs/resumes").join(filename);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = extract_text(&bytes, &ExtractLimits::default())
            .unwrap_or_else(|e| panic!("{filename}: {e}"))
            .text;
        let parsed = parse_resume(&text, &context.gazetteer, context.as_of);
        let layer1 = ResumeResult {
            skills: parsed.skills.iter().map(|s| s.skill.clone()).collect(),
            years: parsed.profile.total_experience_years,
            name: parsed.profile.name.clone(),
        };
        let recorded = old_resume(&case["response"], &context.canonical);

        let kind = file_kind(filename);
        old.add_resume(&kind, &recorded, label, &context.canonical);
        ours.add_resume(&kind, &layer1, label, &context.canonical);
        if context.verbose {
            let labelled = canonical_set(&context.canonical, &strings(&label["skills"]));
            println!(
                "  {filename}: years labelled {:?}, old worker {:?}, layer1 {:?}",
                label["total_experience_years"].as_f64(),
                recorded.years,
                layer1.years
            );
            print_misses("old worker", &recorded.skills, &labelled);
            print_misses("layer1", &layer1.skills, &labelled);
        }
    }
}

fn compare_jobs(context: &Context, old: &mut Scores, ours: &mut Scores) {
    for case in recorded_cases(&context.dir.join("parse_job.json")) {
        let name = case["name"].as_str().expect("each job case has a name");
        let label = &context.labels["jobs"][file_stem(name)];
        assert!(label.is_object(), "no label for {name}");
        if case["status"].as_u64() != Some(200) {
            println!("  {name}: the old worker returned {}", case["status"]);
            continue;
        }

        let text = case["request"]["text"]
            .as_str()
            .expect("each job case has a request text");
        let parsed = parse_job(text, &context.gazetteer);
        let layer1 = JobResult {
            requirements: parsed
                .requirements
                .iter()
                .filter(|r| !r.inferred)
                .map(|r| (r.skill.clone(), r.importance))
                .collect(),
            soft_skills: parsed.soft_skills.iter().map(|s| s.skill.clone()).collect(),
        };
        let recorded = old_job(&case["response"], &context.canonical);

        old.add_job(&recorded, label, &context.canonical);
        ours.add_job(&layer1, label, &context.canonical);
        if context.verbose {
            let labelled = context.canonical.requirement_names(label);
            println!("  {name}");
            let old_found = recorded.requirements.keys().cloned().collect();
            let our_found = layer1.requirements.keys().cloned().collect();
            print_misses("old worker", &old_found, &labelled);
            print_misses("layer1", &our_found, &labelled);
        }
    }
}

#[test]
#[ignore = "prints a comparison report; needs OLD_WORKER_DIR"]
fn old_worker_comparison() {
    let Some(dir) = std::env::var_os("OLD_WORKER_DIR") else {
        println!("skipped: OLD_WORKER_DIR is not set");
        return;
    };
    let labels = read_json(&labels_path());
    let as_of = labels["as_of"]
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .expect("old_worker_labels.json has an as_of date");
    let taxonomy = Taxonomy::builtin();
    let context = Context {
        dir: PathBuf::from(dir),
        labels,
        gazetteer: Gazetteer::new(&taxonomy),
        canonical: Canonical::new(&taxonomy),
        as_of,
        verbose: std::env::var_os("OLD_WORKER_VERBOSE").is_some(),
    };

    let mut old = Scores::default();
    let mut ours = Scores::default();
    compare_resumes(&context, &mut old, &mut ours);
    compare_jobs(&context, &mut old, &mut ours);

    println!("== old worker and Layer1 against the same labels ==");
    old.print("old worker (recorded)");
    ours.print("layer1");
}
