//! `layer1 rank JOB RESUME...`: ranks resume files for a job file with the same two stages as
//! the API (quantised profile scan, then the full scorer), and prints each resume's score and
//! breakdown.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use clap::Args;
use layer1_engine::Engine;
use layer1_engine::resume::ParsedResume;
use layer1_engine::score::ScoredMatch;
use layer1_engine::score::rank::{QuantizedProfiles, profile_vector, rank_two_stage};
use layer1_engine::skills::ParsedJob;
use serde::Serialize;

use crate::config::NlpSettings;
use crate::nlp::NlpRuntime;
use crate::vectors::index::skill_text;
use crate::vectors::{EmbeddingLayers, taxonomy};

/// Arguments of `layer1 rank`.
#[derive(Debug, Args)]
pub struct RankArgs {
    /// Job description file: plain text, PDF or DOCX.
    pub job: PathBuf,
    /// Resume files: PDF, DOCX or plain text.
    #[arg(required = true)]
    pub resumes: Vec<PathBuf>,
    /// Number of resumes to print (default: all).
    #[arg(long, short)]
    pub k: Option<usize>,
    /// Print the ranking as JSON instead of a text report.
    #[arg(long)]
    pub json: bool,
    /// Date that "present" in the resumes' date ranges stands for (YYYY-MM-DD; default today).
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// NLP engine.
    #[command(flatten)]
    pub nlp: NlpSettings,
}

/// One ranked resume file.
#[derive(Debug, Serialize)]
pub struct RankedFile {
    /// Position in the ranking, from 1.
    pub rank: usize,
    /// The resume file.
    pub resume: PathBuf,
    /// Cosine of the resume's and the job's profile vectors (quantised first stage).
    pub profile_similarity: f32,
    /// The full scorer's outcome.
    #[serde(flatten)]
    pub scored: ScoredMatch,
}

/// A resume file left out of the ranking because it could not be read or parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedFile {
    /// The resume file.
    pub path: PathBuf,
    /// Reason it was left out, on one line.
    pub reason: String,
}

/// The outcome of `layer1 rank`: the ranked resumes and the files that were skipped.
#[derive(Debug)]
pub struct Ranking {
    /// Ranked resumes, best first.
    pub ranked: Vec<RankedFile>,
    /// Resume files that could not be read or parsed, in argument order.
    pub skipped: Vec<SkippedFile>,
}

impl Ranking {
    /// Returns true when no resume file could be read, so there was nothing to rank.
    pub fn read_none(&self) -> bool {
        self.ranked.is_empty() && !self.skipped.is_empty()
    }
}

/// Parses the files and ranks the resumes best first. A resume file that cannot be read or
/// parsed (empty, unreadable, of an unsupported type) is skipped and listed in
/// [`Ranking::skipped`]. A job file that cannot be read or parsed is an error.
pub fn run_rank(args: &RankArgs) -> anyhow::Result<Ranking> {
    let layers = Arc::new(EmbeddingLayers::new(None));
    let nlp = NlpRuntime::load_with_layers(&args.nlp, Some(layers.clone()));
    load_taxonomy_vectors(&args.nlp, &nlp, &layers);
    let engine = nlp.engine();
    let as_of = args.as_of.unwrap_or_else(|| Utc::now().date_naive());

    let job_bytes = std::fs::read(&args.job)
        .with_context(|| format!("failed to read job {}", args.job.display()))?;
    let job = engine
        .analyze_job_file(&job_bytes)
        .with_context(|| format!("failed to parse job {}", args.job.display()))?;
    let (paths, resumes, skipped) = parse_resumes(engine, &args.resumes, as_of);
    if resumes.is_empty() {
        return Ok(Ranking {
            ranked: Vec::new(),
            skipped,
        });
    }

    let ranked = rank_parsed(args, &nlp, &job, &paths, &resumes)?;
    Ok(Ranking { ranked, skipped })
}

/// Reads and parses each resume file. Returns the parsed resumes with their paths, and the
/// skipped files with the reason. A file named again, under any path that leads to it, is
/// skipped, so it is ranked once.
fn parse_resumes(
    engine: &Engine,
    paths: &[PathBuf],
    as_of: NaiveDate,
) -> (Vec<PathBuf>, Vec<ParsedResume>, Vec<SkippedFile>) {
    let mut parsed_paths = Vec::with_capacity(paths.len());
    let mut resumes = Vec::with_capacity(paths.len());
    let mut skipped = Vec::new();
    let mut seen = HashSet::with_capacity(paths.len());
    for path in paths {
        let file = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if !seen.insert(file) {
            skipped.push(SkippedFile {
                path: path.clone(),
                reason: "the file was already given".to_string(),
            });
            continue;
        }
        let outcome = std::fs::read(path)
            .map_err(|error| format!("cannot be read: {error}"))
            .and_then(|bytes| {
                engine
                    .analyze_resume(&bytes, as_of)
                    .map_err(|error| error.to_string())
            });
        match outcome {
            Ok(parsed) => {
                parsed_paths.push(path.clone());
                resumes.push(parsed);
            }
            Err(reason) => skipped.push(SkippedFile {
                path: path.clone(),
                reason: one_line(&reason),
            }),
        }
    }
    (parsed_paths, resumes, skipped)
}

/// Joins the lines of a message with spaces.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Ranks parsed resumes for a parsed job with the two stages, where `paths[i]` is the file of
/// `resumes[i]`.
fn rank_parsed(
    args: &RankArgs,
    nlp: &NlpRuntime,
    job: &ParsedJob,
    paths: &[PathBuf],
    resumes: &[ParsedResume],
) -> anyhow::Result<Vec<RankedFile>> {
    let engine = nlp.engine();
    let dimension = engine.embedder().dimension();
    let job_profile = job_profile(nlp, job)?;
    let mut profiles = Vec::with_capacity(resumes.len());
    for resume in resumes {
        profiles.push(resume_profile(nlp, resume)?);
    }
    let set = QuantizedProfiles::from_vectors(dimension, profiles.iter().map(Vec::as_slice));
    let options = args.nlp.match_options();
    let k = args.k.unwrap_or(resumes.len());

    let mut scored: Vec<Option<ScoredMatch>> = vec![None; resumes.len()];
    let ranked = rank_two_stage(&set, &job_profile, resumes.len(), k, |index| {
        let outcome = engine
            .match_documents(&resumes[index], job, &options)
            .ok()?;
        let score = outcome.score;
        scored[index] = Some(outcome);
        Some(score)
    });
    Ok(ranked
        .into_iter()
        .enumerate()
        .filter_map(|(position, entry)| {
            Some(RankedFile {
                rank: position + 1,
                resume: paths[entry.index].clone(),
                profile_similarity: entry.approximate,
                scored: scored[entry.index].take()?,
            })
        })
        .collect())
}

/// Reads the taxonomy vector file when it belongs to the loaded model; never computes it.
fn load_taxonomy_vectors(settings: &NlpSettings, nlp: &NlpRuntime, layers: &EmbeddingLayers) {
    let model = nlp.model();
    let texts = taxonomy::taxonomy_texts(&layer1_engine::skills::Taxonomy::builtin());
    let hash = taxonomy::taxonomy_hash(&texts);
    if let Ok(vectors) = taxonomy::read(&taxonomy::file_path(&settings.model_dir, model.model_id()))
        && taxonomy::is_current(&vectors.header, model.model_id(), &hash)
    {
        layers
            .taxonomy()
            .replace(&vectors.header.model_id, vectors.entries);
    }
}

fn job_profile(nlp: &NlpRuntime, job: &ParsedJob) -> anyhow::Result<Vec<f32>> {
    let texts: Vec<String> = job
        .requirements
        .iter()
        .map(|r| skill_text(&r.skill))
        .collect();
    let weights = job.requirements.iter().map(|r| {
        if r.importance > 0.0 {
            r.importance as f32
        } else {
            0.5
        }
    });
    weighted_profile(nlp, &texts, weights)
}

fn resume_profile(nlp: &NlpRuntime, resume: &ParsedResume) -> anyhow::Result<Vec<f32>> {
    let texts: Vec<String> = resume.skills.iter().map(|s| skill_text(&s.skill)).collect();
    weighted_profile(nlp, &texts, std::iter::repeat(1.0))
}

fn weighted_profile(
    nlp: &NlpRuntime,
    texts: &[String],
    weights: impl Iterator<Item = f32>,
) -> anyhow::Result<Vec<f32>> {
    let embedder = nlp.engine().embedder();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let vectors = embedder.embed(&refs).context("failed to embed skills")?;
    Ok(profile_vector(
        embedder.dimension(),
        vectors.iter().map(Vec::as_slice).zip(weights),
    ))
}

/// Renders the ranking as a text report: one block per resume with its score, profile
/// similarity and category breakdown.
pub fn render_text(ranked: &[RankedFile]) -> String {
    let mut out = String::new();
    for entry in ranked {
        let _ = writeln!(
            out,
            "{}. {}  score {:.3}  (profile similarity {:.3})",
            entry.rank,
            entry.resume.display(),
            entry.scored.score,
            entry.profile_similarity
        );
        for (name, category) in entry.scored.breakdown.categories() {
            let score = category
                .score
                .map_or_else(|| "n/a".to_string(), |s| format!("{s:.3}"));
            let _ = writeln!(
                out,
                "   {name:<12} {score:>5}  weight {:.2}  {}",
                category.weight, category.based_on
            );
        }
    }
    out
}
