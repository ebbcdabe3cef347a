//! Requirements inferred from the occupations of a job title.
//!
//! The pool of an occupation is its technology skills with a relevance of at least
//! `min_relevance`. When no occupation yields any, its knowledge areas are used instead.
//! Pool items found in the job text are explicit requirements. The others become
//! `inferred: true` requirements carrying the O*NET importance, and those below
//! `inferred_min_importance` are dropped.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{OnetError, OnetItem, OnetSource, TitleCache, sanitize_title};
use crate::skills::{Gazetteer, JobRequirement, ParsedJob, SoftSkill};

/// Importance of a pool item found in the job text without any cue.
const FOUND_IN_TEXT: f64 = 0.9;

/// Settings of the inference.
#[derive(Debug, Clone, PartialEq)]
pub struct InferenceSettings {
    /// Smallest relevance in [0, 1] a technology skill needs to enter the pool.
    pub min_relevance: f64,
    /// Smallest importance in [0, 1] an inferred requirement needs to be kept.
    pub inferred_min_importance: f64,
    /// Number of occupations read per title.
    pub max_occupations: usize,
    /// Number of O*NET skills added as soft skills.
    pub max_soft_skills: usize,
}

impl Default for InferenceSettings {
    fn default() -> Self {
        Self {
            min_relevance: 0.5,
            inferred_min_importance: 0.7,
            max_occupations: 3,
            max_soft_skills: 5,
        }
    }
}

/// Hard skills and soft skills collected from the occupations of one title.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OccupationPool {
    /// O*NET-SOC codes the pool was collected from.
    pub codes: Vec<String>,
    /// Technology skills, or knowledge areas when no occupation has technology skills,
    /// with the highest importance seen per name.
    pub hard: Vec<OnetItem>,
    /// Skills of the occupations, most important first.
    pub soft: Vec<OnetItem>,
}

/// Collects the pool of a job title from `source`, through `cache` when one is given.
pub fn collect_pool(
    title: &str,
    source: &dyn OnetSource,
    cache: Option<&dyn TitleCache>,
    settings: &InferenceSettings,
) -> Result<OccupationPool, OnetError> {
    let key = sanitize_title(title);
    if key.is_empty() {
        return Ok(OccupationPool::default());
    }
    if let Some(pool) = cache.and_then(|c| c.get(&key)) {
        return Ok(pool);
    }
    let occupations = source.search(&key, settings.max_occupations)?;
    let mut pool = OccupationPool {
        codes: occupations.iter().map(|o| o.code.clone()).collect(),
        ..OccupationPool::default()
    };
    for code in &pool.codes {
        let relevant = source
            .technology_skills(code)?
            .into_iter()
            .filter(|item| item.importance >= settings.min_relevance);
        merge(&mut pool.hard, relevant);
    }
    if pool.hard.is_empty() {
        for code in &pool.codes {
            merge(&mut pool.hard, source.knowledge(code)?);
        }
    }
    for code in &pool.codes {
        merge(&mut pool.soft, source.skills(code)?);
    }
    pool.soft
        .sort_by(|a, b| b.importance.total_cmp(&a.importance));
    if let Some(cache) = cache {
        cache.put(&key, pool.clone());
    }
    Ok(pool)
}

/// Adds `items` to `into`, keeping the highest importance per name.
fn merge(into: &mut Vec<OnetItem>, items: impl IntoIterator<Item = OnetItem>) {
    for item in items {
        match into
            .iter_mut()
            .find(|i| i.name.eq_ignore_ascii_case(&item.name))
        {
            Some(existing) => existing.importance = existing.importance.max(item.importance),
            None => into.push(item),
        }
    }
}

/// Adds the requirements a pool implies to `job`, parsed from `text`.
///
/// Each pool item is mapped to a taxonomy skill when the gazetteer finds one in its name
/// ("Amazon Web Services AWS software" gives `aws`). An item already required by the text
/// keeps the text's importance. An item whose name occurs in the text is added as explicit
/// with importance 0.9. Any other item becomes inferred with its O*NET importance, unless
/// that is below `settings.inferred_min_importance`. The first `max_soft_skills` O*NET
/// skills are added as soft skills when the job does not list them already.
pub fn apply_pool(
    job: &mut ParsedJob,
    text: &str,
    pool: &OccupationPool,
    gazetteer: &Gazetteer,
    settings: &InferenceSettings,
) {
    let lower_text = text.to_lowercase();
    let mut known: HashSet<String> = job.requirements.iter().map(|r| r.skill.clone()).collect();
    for item in &pool.hard {
        let (skill, skill_id) = canonical(&item.name, gazetteer);
        if known.contains(&skill) {
            continue;
        }
        let in_text = contains_phrase(&lower_text, &skill)
            || contains_phrase(&lower_text, &item.name.to_lowercase());
        let requirement = if in_text {
            JobRequirement {
                skill: skill.clone(),
                skill_id,
                importance: FOUND_IN_TEXT,
                inferred: false,
                any_of: None,
            }
        } else if item.importance >= settings.inferred_min_importance {
            JobRequirement {
                skill: skill.clone(),
                skill_id,
                importance: item.importance,
                inferred: true,
                any_of: None,
            }
        } else {
            continue;
        };
        known.insert(skill);
        job.requirements.push(requirement);
    }
    job.requirements.sort_by(|a, b| {
        a.inferred
            .cmp(&b.inferred)
            .then(b.importance.total_cmp(&a.importance))
    });
    add_soft_skills(job, pool, settings.max_soft_skills);
}

fn add_soft_skills(job: &mut ParsedJob, pool: &OccupationPool, limit: usize) {
    for item in pool.soft.iter().take(limit) {
        let name = item.name.to_lowercase();
        if job.soft_skills.iter().all(|s| s.skill != name) {
            job.soft_skills.push(SoftSkill {
                skill: name,
                value: item.importance,
            });
        }
    }
}

/// Maps an O*NET name to a taxonomy skill (name and id), or to its lower-cased self with an
/// `onet:` id.
fn canonical(name: &str, gazetteer: &Gazetteer) -> (String, String) {
    match gazetteer.find(name).into_iter().next() {
        Some(found) => (found.name, found.skill_id),
        None => {
            let lower = name.to_lowercase();
            let id = format!("onet:{}", lower.replace(' ', "-"));
            (lower, id)
        }
    }
}

/// Checks whether `phrase` occurs in `text` between non-alphanumeric characters. Both are
/// lower case.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Collects the pool of `title` and applies it to `job`.
pub fn infer_requirements(
    job: &mut ParsedJob,
    text: &str,
    title: &str,
    source: &dyn OnetSource,
    cache: Option<&dyn TitleCache>,
    gazetteer: &Gazetteer,
    settings: &InferenceSettings,
) -> Result<(), OnetError> {
    let pool = collect_pool(title, source, cache, settings)?;
    apply_pool(job, text, &pool, gazetteer, settings);
    Ok(())
}
