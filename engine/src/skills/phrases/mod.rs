//! Soft skills written as phrases rather than as names: "communicates clearly with families",
//! "works well on a crew", "builds trust with surgeons", "resolves conflict fairly",
//! "a steady leader", "Patient, and ...".
//!
//! Each rule is a case-insensitive regular expression tied to the id of a canonical skill.
//! Rules name a behaviour (a verb with an adverb or a human object, an adjective with a role
//! noun), never a bare common word, so "team", "patient" or "reliable" alone count for
//! nothing. The optional capture group `cue` marks the words a match is credited to, so a
//! phrase that spans another skill ("works across product, sales and support") does not
//! block it.
//!
//! Personal-trait adjectives (`patient`, `reliable`, `organized`, `motivated`, `honest`) are
//! read by the `traits` module instead, because the same words describe things ("patient
//! care", "reliable systems"): they count only where they describe the person.
//!
//! The `tasks` module has the same kind of rules for a few hard skills that resumes write
//! as a verb and its object rather than by name: "cleaned survey files" is data cleaning,
//! "tuned two slow queries" query optimization, "gave flu vaccines" immunizations.

mod rules;
mod tasks;
mod traits;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use rules::{CLEARLY, NUMBER, PEOPLE, PhraseRule, RULES, WORKERS};
use tasks::TASK_RULES;
use traits::{TRAITS, trait_adjectives};

/// A phrase rule compiled, with the skill index it resolves to in one gazetteer.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRule {
    regex: &'static Regex,
    skill: usize,
    /// Whether the rule names a hard skill by a verb and its object (a `tasks` rule).
    task: bool,
}

/// Returns the soft-skill rules, then the task rules.
fn all_rules() -> impl Iterator<Item = &'static PhraseRule> {
    RULES.iter().chain(TASK_RULES)
}

static REGEXES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    all_rules()
        .map(|rule| {
            let pattern = rule
                .pattern
                .replace("PEOPLE", PEOPLE)
                .replace("CLEARLY", CLEARLY)
                .replace("WORKERS", WORKERS)
                .replace("NUMBER", NUMBER);
            Regex::new(&format!("(?im){pattern}"))
                .expect("phrase patterns are fixed, valid regular expressions")
        })
        .collect()
});

/// Resolves the phrase rules and traits against a gazetteer's skill ids. Rules whose skill
/// the taxonomy lacks are left out.
pub(crate) fn compile(ids: &HashMap<&str, usize>) -> (Vec<CompiledRule>, Vec<(String, usize)>) {
    let rules = all_rules()
        .zip(REGEXES.iter())
        .enumerate()
        .filter_map(|(index, (rule, regex))| {
            let skill = *ids.get(rule.skill_id)?;
            let task = index >= RULES.len();
            Some(CompiledRule { regex, skill, task })
        })
        .collect();
    let traits = TRAITS
        .iter()
        .filter_map(|(word, id)| Some(((*word).to_string(), *ids.get(id)?)))
        .collect();
    (rules, traits)
}

/// A skill found through a phrase: the byte range it is credited to and the skill index.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub(crate) range: Range<usize>,
    pub(crate) skill: usize,
    /// Whether a `tasks` rule found it. A task's verb may also be a skill of its own
    /// ("Troubleshoot ... PLCs" is troubleshooting and PLC troubleshooting).
    pub(crate) task: bool,
}

/// Finds skill phrases and personal traits in `text`, in no particular order.
pub(crate) fn find(text: &str, rules: &[CompiledRule], traits: &[(String, usize)]) -> Vec<Phrase> {
    let mut found = Vec::new();
    for rule in rules {
        for captures in rule.regex.captures_iter(text) {
            let Some(whole) = captures.get(0) else {
                continue;
            };
            let cue = captures.name("cue").unwrap_or(whole);
            found.push(Phrase {
                range: cue.range(),
                skill: rule.skill,
                task: rule.task,
            });
        }
    }
    found.extend(trait_adjectives(text, traits));
    found
}
