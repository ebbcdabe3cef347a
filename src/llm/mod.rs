//! Optional LLM step: requests from an OpenAI-compatible chat-completions endpoint the
//! technologies a resume or job description names, and adds those the taxonomy matcher missed.
//!
//! The step is off unless `LLM_API_URL` is set. Only items written verbatim in the text sent
//! are kept (ignoring case, with word boundaries), mapped to the canonical taxonomy skill when
//! there is one. Any failure keeps the native result and is logged at warn level with the
//! error kind only.

mod client;
mod verbatim;

use std::collections::HashSet;
use std::ops::Range;

use layer1_engine::resume::{ParsedResume, ResumeSkill};
use layer1_engine::skills::{JobRequirement, ParsedJob, Taxonomy, mention_importance};
use tracing::{Instrument, debug, info_span, warn};

use crate::config::LlmSettings;
use client::ChatClient;
pub use client::LlmError;
use verbatim::{ItemSkill, SkillLookup, occurrences};

/// Provenance recorded on skills and requirements the step adds.
pub const LLM_SOURCE: &str = "llm";

/// Maximum amount of document text sent, in bytes. The rest of a longer text is not sent.
const MAX_TEXT_BYTES: usize = 32 * 1024;

/// Maximum number of items of one reply that are considered.
const MAX_ITEMS: usize = 200;

/// The LLM step, built once from [`LlmSettings`] and shared by the workers.
#[derive(Clone)]
pub struct LlmSkills {
    client: ChatClient,
    lookup: std::sync::Arc<SkillLookup>,
}

impl LlmSkills {
    /// Builds the step when `LLM_API_URL` is set, or returns `None` when it is not.
    pub fn from_settings(settings: &LlmSettings) -> Result<Option<Self>, LlmError> {
        let Some(url) = settings.api_url() else {
            return Ok(None);
        };
        let client = ChatClient::new(settings, url)?;
        let lookup = std::sync::Arc::new(SkillLookup::new(&Taxonomy::builtin()));
        Ok(Some(Self { client, lookup }))
    }

    /// Adds the technologies the model finds in the resume's section text and the matcher
    /// missed, with source `llm`. The header with the contact details is never sent. On any
    /// failure the resume is returned unchanged.
    pub async fn augment_resume(&self, mut resume: ParsedResume) -> ParsedResume {
        let text = resume_text(&resume);
        let span = info_span!(
            "llm_skills",
            document = "resume",
            added = tracing::field::Empty
        );
        let Some(items) = self.ask(&text).instrument(span.clone()).await else {
            return resume;
        };

        let mut known: HashSet<String> = resume.skills.iter().map(|s| s.skill_id.clone()).collect();
        let mut added = 0;
        for (skill, places) in self.kept(&text, &items) {
            if !known.insert(skill.id.clone()) {
                continue;
            }
            resume.skills.push(ResumeSkill {
                skill: skill.name,
                skill_id: skill.id,
                experience_years: None,
                proficiency: None,
                mentions: u32::try_from(places.len()).unwrap_or(u32::MAX),
                source: vec![LLM_SOURCE.to_string()],
            });
            added += 1;
        }
        resume.skills.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.skill.cmp(&b.skill))
        });
        resume.statistics.skills_detected = resume.skills.len();

        span.record("added", added);
        span.in_scope(|| debug!(added, "LLM skill step finished"));
        resume
    }

    /// Adds the technologies the model finds in the job text and the matcher missed, as
    /// explicit requirements recorded with source `llm` in `requirement_sources`. Each takes
    /// the importance the engine gives a mention at the same place, and items named only in
    /// the title, a company blurb or the benefits are dropped. On any failure the job is
    /// returned unchanged. A posting in HTML is read as lines first, as the engine reads it, so
    /// its headings set the importance.
    pub async fn augment_job(&self, mut job: ParsedJob, text: &str) -> ParsedJob {
        let lines = layer1_engine::extract::markup_as_lines(text);
        let text = truncate(&lines);
        let span = info_span!(
            "llm_skills",
            document = "job",
            added = tracing::field::Empty
        );
        let Some(items) = self.ask(text).instrument(span.clone()).await else {
            return job;
        };

        let mut known: HashSet<String> = job
            .requirements
            .iter()
            .map(|r| r.skill_id.clone())
            .collect();
        let mut added = 0;
        for (skill, places) in self.kept(text, &items) {
            let importance = places
                .into_iter()
                .filter_map(|place| mention_importance(text, place))
                .reduce(f64::max);
            let Some(importance) = importance else {
                continue;
            };
            if skill.category == "soft" || !known.insert(skill.id.clone()) {
                continue;
            }
            job.requirement_sources
                .insert(skill.id.clone(), LLM_SOURCE.to_string());
            job.requirements.push(JobRequirement {
                skill: skill.name,
                skill_id: skill.id,
                importance,
                inferred: false,
                any_of: None,
            });
            added += 1;
        }
        job.requirements
            .sort_by(|a, b| b.importance.total_cmp(&a.importance));

        span.record("added", added);
        span.in_scope(|| debug!(added, "LLM skill step finished"));
        job
    }

    /// Sends `text` to the model, or returns `None` (after a warning) when the call fails.
    async fn ask(&self, text: &str) -> Option<Vec<String>> {
        if text.trim().is_empty() {
            return None;
        }
        match self.client.list_technologies(truncate(text)).await {
            Ok(items) => Some(items),
            Err(error) => {
                warn!(
                    error_kind = error.kind(),
                    "LLM skill step failed; keeping the native skills"
                );
                None
            }
        }
    }

    /// Returns the skill of each item written in `text`, with the places it is written,
    /// dropping items that are not in the text.
    fn kept(&self, text: &str, items: &[String]) -> Vec<(ItemSkill, Vec<Range<usize>>)> {
        let mut kept = Vec::new();
        for item in items.iter().take(MAX_ITEMS) {
            let places = occurrences(text, item);
            if places.is_empty() {
                debug!("LLM item dropped: not written in the document");
                continue;
            }
            kept.push((self.lookup.skill_of(item), places));
        }
        kept
    }
}

/// Joins the resume's section text, which leaves out the header with the contact details.
fn resume_text(resume: &ParsedResume) -> String {
    let bodies: Vec<&str> = resume.sections.values().map(String::as_str).collect();
    truncate(&bodies.join("\n\n")).to_string()
}

/// Cuts `text` to at most [`MAX_TEXT_BYTES`], at a character boundary.
fn truncate(text: &str) -> &str {
    if text.len() <= MAX_TEXT_BYTES {
        return text;
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
