//! The [`Engine`]: extraction, understanding and scoring behind one value.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::embed::Embedder;
use crate::extract::{ExtractError, ExtractLimits, InProcessExtractor, TextExtractor};
use crate::resume::{ParsedResume, parse_resume};
use crate::score::{
    CandidateEntry, CandidateSkill, CategoryWeights, MatchInput, MatchOptions, MatchOutcome,
    ProfileFacts, RequirementEntry, RequirementInput, ScoreOptions, ScoredMatch, SkillIndex,
    SoftSkillInput, Strategy, evidence_lines, score_exact, score_match,
};
use crate::skills::{Gazetteer, ParsedJob, Taxonomy, parse_job};

/// Maximum bytes of extracted resume text that are analysed: 1 MiB. A resume of a few pages
/// typically has well under 50 KiB of text. Analysis time grows with the length of the text,
/// so a longer text is cut at a character boundary and the result gets a warning.
pub const MAX_ANALYSED_TEXT_BYTES: usize = 1024 * 1024;

/// Error of a pipeline step.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Text extraction failed.
    #[error(transparent)]
    Extract(#[from] crate::extract::ExtractError),
    /// Embedding failed.
    #[error(transparent)]
    Embed(#[from] crate::embed::EmbedError),
}

impl EngineError {
    /// Returns a stable machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            EngineError::Extract(error) => error.code(),
            EngineError::Embed(_) => "embedding_failed",
        }
    }
}

/// Loaded taxonomy matcher, embedder and text extractor. Methods are synchronous and
/// CPU-bound; the service calls them on blocking threads.
pub struct Engine {
    gazetteer: Gazetteer,
    index: SkillIndex,
    embedder: Arc<dyn Embedder>,
    extractor: Arc<dyn TextExtractor>,
}

impl Engine {
    /// Builds an engine over a taxonomy and an embedder that extracts text in the calling
    /// thread under `limits`.
    pub fn new(taxonomy: &Taxonomy, embedder: Arc<dyn Embedder>, limits: ExtractLimits) -> Self {
        Self {
            gazetteer: Gazetteer::new(taxonomy),
            index: SkillIndex::new(taxonomy),
            embedder,
            extractor: Arc::new(InProcessExtractor { limits }),
        }
    }

    /// Replaces the text extractor, for example with a
    /// [`ChildProcessExtractor`](crate::extract::ChildProcessExtractor).
    pub fn with_extractor(mut self, extractor: Arc<dyn TextExtractor>) -> Self {
        self.extractor = extractor;
        self
    }

    /// Returns the embedder.
    pub fn embedder(&self) -> &dyn Embedder {
        self.embedder.as_ref()
    }

    /// Extracts and parses a resume document. `as_of` is the date "present" stands for.
    ///
    /// A document without text ends in [`ExtractError::NoText`], never in an empty result.
    /// Only the first [`MAX_ANALYSED_TEXT_BYTES`] of the text are parsed. When the text is
    /// longer, a message in the result's `warnings` states the byte at which it was cut.
    pub fn analyze_resume(
        &self,
        bytes: &[u8],
        as_of: NaiveDate,
    ) -> Result<ParsedResume, EngineError> {
        let extracted = self.extractor.extract(bytes)?;
        if extracted.text.trim().is_empty() {
            return Err(ExtractError::NoText.into());
        }

        let (text, cut) = analysed_part(&extracted.text, MAX_ANALYSED_TEXT_BYTES);
        let mut parsed = parse_resume(text, &self.gazetteer, as_of);
        parsed.warnings.extend(extracted.page_cut_warning("resume"));
        if let Some(cut) = cut {
            parsed.warnings.push(cut.report("resume"));
        }
        Ok(parsed)
    }

    /// Parses a job description given as text, after the same clean-up as extracted documents
    /// (invisible characters, full-width forms, ligatures).
    /// Only the first [`MAX_ANALYSED_TEXT_BYTES`] are parsed, as for resumes.
    pub fn analyze_job_text(&self, text: &str) -> ParsedJob {
        self.parse_job_part(&crate::extract::normalize::clean(text))
    }

    /// Extracts and parses a job description document.
    pub fn analyze_job_file(&self, bytes: &[u8]) -> Result<ParsedJob, EngineError> {
        Ok(self.analyze_job_file_with_text(bytes)?.0)
    }

    /// Extracts and parses a job description document, and returns the extracted text too,
    /// for steps that read it (O*NET, the LLM step). A document cut at the page limit gets a
    /// warning with the pages read and the pages in the file.
    pub fn analyze_job_file_with_text(
        &self,
        bytes: &[u8],
    ) -> Result<(ParsedJob, String), EngineError> {
        let extracted = self.extractor.extract(bytes)?;
        if extracted.text.trim().is_empty() {
            return Err(ExtractError::NoText.into());
        }
        let mut parsed = self.parse_job_part(&extracted.text);
        parsed.warnings.extend(extracted.page_cut_warning("job"));
        Ok((parsed, extracted.text))
    }

    /// Parses the first [`MAX_ANALYSED_TEXT_BYTES`] of a job text, with a warning when the
    /// text is longer.
    fn parse_job_part(&self, text: &str) -> ParsedJob {
        let (part, cut) = analysed_part(text, MAX_ANALYSED_TEXT_BYTES);
        let mut parsed = parse_job(part, &self.gazetteer);
        if let Some(cut) = cut {
            parsed.warnings.push(cut.report("job"));
        }
        parsed
    }

    /// Scores candidate skills against requirements with the `exact` strategy.
    pub fn score(
        &self,
        candidates: &[CandidateSkill],
        requirements: &[RequirementInput],
        options: &ScoreOptions,
    ) -> Result<MatchOutcome, EngineError> {
        Ok(score_exact(
            candidates,
            requirements,
            self.embedder.as_ref(),
            options,
        )?)
    }

    /// Scores candidate skills against requirements with the `semantic` strategy: canonical
    /// skills, aliases and close skills through embeddings. The outcome has the reference
    /// shape, and its score covers the hard-skill requirements only.
    pub fn score_semantic(
        &self,
        candidates: &[CandidateSkill],
        requirements: &[RequirementInput],
        options: &ScoreOptions,
    ) -> Result<MatchOutcome, EngineError> {
        let input = MatchInput {
            candidates: candidates
                .iter()
                .map(|candidate| CandidateEntry {
                    skill: candidate.skill.clone(),
                    skill_id: None,
                    evidence: None,
                })
                .collect(),
            requirements: requirements
                .iter()
                .map(|requirement| RequirementEntry {
                    skill: requirement.skill.clone(),
                    skill_id: None,
                    importance: requirement.importance,
                    inferred: requirement.inferred,
                    any_of: None,
                })
                .collect(),
            ..MatchInput::default()
        };
        let options = MatchOptions {
            strategy: Strategy::Semantic,
            score: *options,
            weights: CategoryWeights {
                hard_skills: 1.0,
                soft_skills: 0.0,
                experience: 0.0,
                education: 0.0,
            },
        };
        Ok(self.score_match(input, &options)?.outcome)
    }

    /// Scores a parsed resume against a parsed job.
    pub fn match_parsed(
        &self,
        resume: &ParsedResume,
        job: &ParsedJob,
        options: &ScoreOptions,
    ) -> Result<MatchOutcome, EngineError> {
        let candidates: Vec<CandidateSkill> = resume
            .skills
            .iter()
            .map(|skill| CandidateSkill {
                skill: skill.skill.clone(),
                experience_years: skill.experience_years,
                proficiency: skill.proficiency,
            })
            .collect();
        let requirements: Vec<RequirementInput> = job
            .requirements
            .iter()
            .map(|requirement| RequirementInput {
                skill: requirement.skill.clone(),
                importance: Some(requirement.importance),
                inferred: requirement.inferred,
            })
            .collect();
        self.score(&candidates, &requirements, options)
    }

    /// Scores a match: hard skills by `options.strategy`, then soft skills, experience and
    /// education, blended by `options.weights`. This is the entry point of the product's
    /// match worker and command line; missing skill ids are filled from the taxonomy.
    pub fn score_match(
        &self,
        mut input: MatchInput,
        options: &MatchOptions,
    ) -> Result<ScoredMatch, EngineError> {
        input.resolve_ids(&self.index);
        Ok(score_match(&input, self.embedder.as_ref(), options)?)
    }

    /// Builds the input of [`Engine::score_match`] from a parsed resume and a parsed job,
    /// with the resume line that mentions each skill.
    pub fn match_input(&self, resume: &ParsedResume, job: &ParsedJob) -> MatchInput {
        let mut evidence = evidence_lines(&resume.sections, &self.gazetteer);
        let candidates = resume
            .skills
            .iter()
            .map(|skill| CandidateEntry {
                skill: skill.skill.clone(),
                skill_id: Some(skill.skill_id.clone()),
                evidence: evidence.remove(&skill.skill_id),
            })
            .collect();
        let requirements = job
            .requirements
            .iter()
            .map(|requirement| RequirementEntry {
                skill: requirement.skill.clone(),
                skill_id: Some(requirement.skill_id.clone()),
                importance: Some(requirement.importance),
                inferred: requirement.inferred,
                any_of: requirement.any_of,
            })
            .collect();
        let soft_skills = job
            .soft_skills
            .iter()
            .map(|soft| SoftSkillInput {
                skill: soft.skill.clone(),
                value: soft.value,
            })
            .collect();
        MatchInput {
            candidates,
            requirements,
            soft_skills,
            facts: ProfileFacts {
                candidate_years: resume.profile.total_experience_years,
                required_years: job.required_years,
                candidate_education: resume.completed_levels(),
                required_education: job.education_level.clone(),
                equivalent_experience: job.equivalent_experience,
                equivalent_years: job.equivalent_years,
            },
        }
    }

    /// Scores a parsed resume against a parsed job with [`Engine::score_match`].
    pub fn match_documents(
        &self,
        resume: &ParsedResume,
        job: &ParsedJob,
        options: &MatchOptions,
    ) -> Result<ScoredMatch, EngineError> {
        self.score_match(self.match_input(resume, job), options)
    }
}

/// Position of the cut in a text too long to analyse whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextCut {
    /// Bytes kept from the start of the text.
    kept_bytes: usize,
    /// Bytes of the whole text.
    total_bytes: usize,
}

impl TextCut {
    /// Logs the cut of a `document` text with byte counts only, and returns its warning.
    fn report(self, document: &'static str) -> String {
        tracing::warn!(
            document,
            kept_bytes = self.kept_bytes,
            total_bytes = self.total_bytes,
            "text cut before analysis"
        );
        self.warning()
    }

    /// Returns the warning added to a parse result whose text was cut.
    fn warning(self) -> String {
        format!(
            "the text was cut at {} bytes for analysis; the remaining {} bytes were not read",
            self.kept_bytes,
            self.total_bytes - self.kept_bytes
        )
    }
}

/// Returns the part of `text` that analysis reads. That is the whole text when it has at most
/// `max_bytes`, else its longest prefix of whole characters within `max_bytes` and the cut.
fn analysed_part(text: &str, max_bytes: usize) -> (&str, Option<TextCut>) {
    if text.len() <= max_bytes {
        return (text, None);
    }
    let prefix = &text[..text.floor_char_boundary(max_bytes)];
    let cut = TextCut {
        kept_bytes: prefix.len(),
        total_bytes: text.len(),
    };
    (prefix, Some(cut))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::HashedEmbedder;

    fn engine() -> Engine {
        let embedder: Arc<dyn Embedder> = Arc::new(HashedEmbedder::new());
        Engine::new(&Taxonomy::builtin(), embedder, ExtractLimits::default())
    }

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date")
    }

    #[test]
    fn analysed_part_keeps_short_text_whole() {
        assert_eq!(
            analysed_part("Python and SQL", 14),
            ("Python and SQL", None)
        );
    }

    #[test]
    fn analysed_part_cuts_on_character_boundary() {
        let (kept, cut) = analysed_part("naïve", 3);
        assert_eq!(kept, "na");
        assert_eq!(
            cut,
            Some(TextCut {
                kept_bytes: 2,
                total_bytes: 6
            })
        );
    }

    #[test]
    fn analyze_resume_warns_when_text_is_cut() {
        let head = "SKILLS\nPython, SQL\n";
        let filler = "x".repeat(MAX_ANALYSED_TEXT_BYTES);
        let text = format!("{head}{filler} Kubernetes\n");

        let parsed = engine().analyze_resume(text.as_bytes(), as_of()).unwrap();

        let skills: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(skills.contains(&"python"), "{skills:?}");
        assert!(!skills.contains(&"kubernetes"), "{skills:?}");
        let cut = format!("cut at {MAX_ANALYSED_TEXT_BYTES} bytes");
        assert!(
            parsed.warnings.iter().any(|w| w.contains(&cut)),
            "{:?}",
            parsed.warnings
        );
    }

    #[test]
    fn analyze_job_warns_when_text_is_cut() {
        let head = "Requirements\n- Python required\n";
        let filler = "x".repeat(MAX_ANALYSED_TEXT_BYTES);
        let text = format!("{head}{filler} Kubernetes\n");

        let parsed = engine().analyze_job_text(&text);

        let skills: Vec<&str> = parsed
            .requirements
            .iter()
            .map(|r| r.skill.as_str())
            .collect();
        assert_eq!(skills, ["python"]);
        let cut = format!("cut at {MAX_ANALYSED_TEXT_BYTES} bytes");
        assert!(
            parsed.warnings.iter().any(|w| w.contains(&cut)),
            "{:?}",
            parsed.warnings
        );
    }

    #[test]
    fn analyze_resume_keeps_text_at_limit() {
        let head = "SKILLS\nPython, SQL, Kubernetes\n";
        let text = format!("{head}{}", "x".repeat(MAX_ANALYSED_TEXT_BYTES - head.len()));

        let parsed = engine().analyze_resume(text.as_bytes(), as_of()).unwrap();

        assert!(parsed.skills.iter().any(|s| s.skill == "kubernetes"));
        assert!(!parsed.warnings.iter().any(|w| w.contains("was cut")));
    }
}
