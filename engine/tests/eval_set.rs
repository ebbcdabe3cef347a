//! Quality report over the labelled evaluation set in `tests/eval/` (or `EVAL_DIR`).
//!
//! Ignored by default because it prints a report rather than asserting a fixed outcome. Run
//! it with `scripts/eval.sh`, or
//! `cargo test -p layer1-engine --test eval_set -- --ignored --nocapture`.
//! Set `EVAL_SPLIT=dev` to print the dev split only, and `EVAL_VERBOSE=1` to list the misses
//! of each dev document.

mod eval_common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use eval_common::{Canonical, Counts, Share, strings};
use layer1_engine::resume::parse_resume;
use layer1_engine::skills::{Gazetteer, Taxonomy, parse_job};
use serde_json::Value;

const SECTION_KEYS: [&str; 6] = [
    "SUMMARY",
    "EXPERIENCE",
    "EDUCATION",
    "SKILLS",
    "PROJECTS",
    "CERTIFICATIONS",
];

#[derive(Default)]
struct Report {
    resume_skills: Counts,
    job_entries: Counts,
    job_requirements: Counts,
    job_soft_skills: Counts,
    section_keys: Share,
    section_sets: Share,
    years_within_half: Share,
    required_years: Share,
    education_level: Share,
    language: Share,
}

fn eval_dir() -> PathBuf {
    match std::env::var_os("EVAL_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/eval"),
    }
}

fn read(dir: &Path, kind: &str, id: &str) -> String {
    let path = dir.join(kind).join(format!("{id}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn print_misses(id: &str, predicted: &BTreeSet<String>, labelled: &BTreeSet<String>) {
    let missed: Vec<_> = labelled.difference(predicted).collect();
    let extra: Vec<_> = predicted.difference(labelled).collect();
    println!("  {id}\n    missed: {missed:?}\n    extra:  {extra:?}");
}

struct Context<'a> {
    dir: &'a Path,
    gazetteer: &'a Gazetteer,
    canonical: &'a Canonical,
    as_of: NaiveDate,
    verbose: bool,
}

fn score_resume(context: &Context<'_>, id: &str, label: &Value, report: &mut Report) {
    let text = read(context.dir, "resumes", id);
    let parsed = parse_resume(&text, context.gazetteer, context.as_of);
    let predicted: BTreeSet<String> = parsed.skills.iter().map(|s| s.skill.clone()).collect();
    let labelled: BTreeSet<String> = strings(&label["skills"])
        .iter()
        .map(|s| context.canonical.of(s))
        .collect();
    report.resume_skills.add(&predicted, &labelled);
    if context.verbose {
        print_misses(id, &predicted, &labelled);
    }

    let entries: BTreeSet<String> = parsed
        .experience
        .iter()
        .flat_map(|e| e.periods())
        .map(|(start, end)| format!("{start} – {}", end.as_deref().unwrap_or("present")))
        .collect();
    let labelled_entries: BTreeSet<String> = label["job_date_ranges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|pair| {
            let part = |i: usize| pair[i].as_str().unwrap_or_default().to_string();
            format!("{} – {}", part(0), part(1))
        })
        .collect();
    report.job_entries.add(&entries, &labelled_entries);
    if context.verbose && entries != labelled_entries {
        let missed: Vec<_> = labelled_entries.difference(&entries).collect();
        let extra: Vec<_> = entries.difference(&labelled_entries).collect();
        println!("    job dates missed: {missed:?}\n    job dates extra:  {extra:?}");
    }

    let sections: BTreeSet<String> = strings(&label["sections"]).into_iter().collect();
    let found: BTreeSet<String> = parsed.sections.keys().cloned().collect();
    for key in SECTION_KEYS {
        report
            .section_keys
            .add(sections.contains(key) == found.contains(key));
    }
    report.section_sets.add(sections == found);
    if context.verbose && sections != found {
        println!("    sections: found {found:?}, labelled {sections:?}");
    }

    let labelled_years = label["total_experience_years"].as_f64();
    let years = parsed.profile.total_experience_years;
    let close = match (years, labelled_years) {
        (Some(found), Some(expected)) => (found - expected).abs() <= 0.5 + 1e-9,
        (None, None) => true,
        _ => false,
    };
    report.years_within_half.add(close);
    if context.verbose && !close {
        println!("    years: found {years:?}, labelled {labelled_years:?}");
    }
    let language = label["language"].as_str().map(str::to_string);
    report.language.add(parsed.language == language);
}

fn score_job(context: &Context<'_>, id: &str, label: &Value, report: &mut Report) {
    let text = read(context.dir, "jobs", id);
    let parsed = parse_job(&text, context.gazetteer);
    let predicted: BTreeSet<String> = parsed
        .requirements
        .iter()
        .filter(|r| !r.inferred)
        .map(|r| r.skill.clone())
        .collect();
    let labelled = context.canonical.requirement_names(label);
    report.job_requirements.add(&predicted, &labelled);
    if context.verbose {
        print_misses(id, &predicted, &labelled);
    }
    let soft: BTreeSet<String> = parsed.soft_skills.iter().map(|s| s.skill.clone()).collect();
    let soft_labels: BTreeSet<String> = strings(&label["soft_skills"])
        .iter()
        .map(|s| context.canonical.of(s))
        .collect();
    report.job_soft_skills.add(&soft, &soft_labels);
    if context.verbose && soft != soft_labels {
        let missed: Vec<_> = soft_labels.difference(&soft).collect();
        let extra: Vec<_> = soft.difference(&soft_labels).collect();
        println!("    soft skills missed: {missed:?}\n    soft skills extra:  {extra:?}");
    }

    let years = label["required_years"].as_f64();
    let years_ok = parsed.required_years == years;
    report.required_years.add(years_ok);
    let level = label["education_level"].as_str().map(str::to_string);
    let level_ok = parsed.education_level == level;
    report.education_level.add(level_ok);
    if context.verbose && !(years_ok && level_ok) {
        println!(
            "    years {:?} (labelled {years:?}), level {:?} (labelled {level:?})",
            parsed.required_years, parsed.education_level
        );
    }
}

fn evaluate(labels: &Value, split: &str, verbose: bool) -> Report {
    let dir = eval_dir();
    let taxonomy = Taxonomy::builtin();
    let canonical = Canonical::new(&taxonomy);
    let gazetteer = Gazetteer::new(&taxonomy);
    let as_of = labels["as_of"]
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .expect("labels.json has an as_of date");
    let context = Context {
        dir: &dir,
        gazetteer: &gazetteer,
        canonical: &canonical,
        as_of,
        verbose,
    };
    let mut report = Report::default();
    let in_split = |label: &&Value| label["split"].as_str() == Some(split);
    let resumes = labels["resumes"].as_object().expect("resumes object");
    for (id, label) in resumes.iter().filter(|(_, l)| in_split(l)) {
        score_resume(&context, id, label, &mut report);
    }
    let jobs = labels["jobs"].as_object().expect("jobs object");
    for (id, label) in jobs.iter().filter(|(_, l)| in_split(l)) {
        score_job(&context, id, label, &mut report);
    }
    report
}

fn print(split: &str, report: &Report) {
    println!("== {split} split ==");
    println!("{}", report.resume_skills.line("resume skills"));
    println!("{}", report.job_requirements.line("job requirements"));
    println!("{}", report.job_soft_skills.line("job soft skills"));
    println!("{}", report.section_keys.line("section keys"));
    println!("{}", report.section_sets.line("section sets exact"));
    println!("{}", report.years_within_half.line("years within 0.5"));
    println!("{}", report.job_entries.line("job date ranges"));
    println!("{}", report.required_years.line("job required years"));
    println!("{}", report.education_level.line("job education level"));
    println!("{}", report.language.line("resume language"));
}

#[test]
#[ignore = "prints a quality report; run with --ignored --nocapture"]
fn eval_set_report() {
    let path = eval_dir().join("labels.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let labels: Value = serde_json::from_str(&text).expect("labels.json is valid JSON");
    let only = std::env::var("EVAL_SPLIT").ok();
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    for split in ["dev", "test"] {
        if only.as_deref().is_some_and(|s| s != split) {
            continue;
        }
        // Misses are listed for the dev split only: the test split is for reporting.
        let report = evaluate(&labels, split, verbose && split == "dev");
        print(split, &report);
    }
}
