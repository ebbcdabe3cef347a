//! Scoring helpers shared by the evaluation reports: precision and recall counts, shares of
//! correct cases, and label names mapped to canonical taxonomy names.
#![allow(
    dead_code,
    unreachable_pub,
    reason = "each report uses a different part of the helpers"
)]

use std::collections::{BTreeSet, HashMap};

use layer1_engine::skills::Taxonomy;
use serde_json::Value;

/// Precision and recall counts.
#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub true_positives: usize,
    pub predicted: usize,
    pub labelled: usize,
}

impl Counts {
    pub fn add(&mut self, predicted: &BTreeSet<String>, labelled: &BTreeSet<String>) {
        self.true_positives += predicted.intersection(labelled).count();
        self.predicted += predicted.len();
        self.labelled += labelled.len();
    }

    pub fn ratio(numerator: usize, denominator: usize) -> f64 {
        if denominator == 0 {
            0.0
        } else {
            numerator as f64 / denominator as f64
        }
    }

    pub fn precision(&self) -> f64 {
        Self::ratio(self.true_positives, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        Self::ratio(self.true_positives, self.labelled)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn line(&self, label: &str) -> String {
        format!(
            "{label:<22} P {:.3}  R {:.3}  F1 {:.3}  ({} found, {} labelled, {} correct)",
            self.precision(),
            self.recall(),
            self.f1(),
            self.predicted,
            self.labelled,
            self.true_positives
        )
    }
}

/// Share of correct cases.
#[derive(Default, Clone, Copy)]
pub struct Share {
    pub correct: usize,
    pub total: usize,
}

impl Share {
    pub fn add(&mut self, correct: bool) {
        self.correct += usize::from(correct);
        self.total += 1;
    }

    pub fn line(&self, label: &str) -> String {
        let share = Counts::ratio(self.correct, self.total);
        format!(
            "{label:<22} {share:.3}  ({} of {})",
            self.correct, self.total
        )
    }
}

/// Labels whose word the taxonomy gives another sense. Every "ada" label is on an HR
/// document and means the Americans with Disabilities Act, while the taxonomy's `ada` is the
/// programming language.
const LABEL_SENSES: &[(&str, &str)] = &[("ada", "ada accommodations")];

/// Maps label names to canonical taxonomy names, so a label written as an alias
/// (`postgres`) matches the canonical skill (`postgresql`).
pub struct Canonical {
    names: HashMap<String, String>,
}

impl Canonical {
    pub fn new(taxonomy: &Taxonomy) -> Self {
        let mut names = HashMap::new();
        for skill in &taxonomy.skills {
            for alias in &skill.aliases {
                names.insert(alias.clone(), skill.name.clone());
            }
        }
        for skill in &taxonomy.skills {
            names.insert(skill.name.clone(), skill.name.clone());
        }
        Self { names }
    }

    /// Returns the canonical name of a labelled skill. A label written with a hyphen where the
    /// taxonomy has a space ("low-voltage wiring"), or with the other number of its last word
    /// ("rest api" for "rest apis"), is the same name, as it is for the matcher.
    pub fn of(&self, label: &str) -> String {
        let key = label.trim().to_lowercase();
        if let Some((_, name)) = LABEL_SENSES.iter().find(|(label, _)| *label == key) {
            return (*name).to_string();
        }
        let spaced = key.replace('-', " ");
        let mut forms = vec![key.clone(), spaced.clone()];
        if spaced.contains(' ') {
            forms.push(format!("{spaced}s"));
            if let Some(singular) = spaced.strip_suffix('s') {
                forms.push(singular.to_string());
            }
        }
        forms
            .iter()
            .find_map(|form| self.names.get(form))
            .cloned()
            .unwrap_or(key)
    }
}

/// Returns the string items of a JSON array, or nothing when the value is not an array.
pub fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

impl Canonical {
    /// Returns the canonical names of the skills in a job label's `requirements`.
    pub fn requirement_names(&self, label: &Value) -> BTreeSet<String> {
        label["requirements"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["skill"].as_str())
            .map(|s| self.of(s))
            .collect()
    }
}
