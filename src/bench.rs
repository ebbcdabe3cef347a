//! `layer1 bench`: embedding throughput of the installed models, as a share of the machine's
//! fp32 peak, and beside the Python onnxruntime pipeline when the setup virtualenv has it.
//!
//! Each measurement embeds a whole set of texts with one call, which sorts them by token count
//! and cuts them into batches of `EMBED_BATCH_SIZE`. The median of several rounds is printed.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;
use layer1_engine::embed::{Embedder, ModelVariant, OnnxEmbedder, TOKENIZER_FILE};

use crate::config::NlpSettings;
use crate::nlp::model_location;

/// Layers of all-MiniLM-L6-v2.
const LAYERS: f64 = 6.0;
/// Hidden size of all-MiniLM-L6-v2.
const HIDDEN: f64 = 384.0;
/// Feed-forward inner size of all-MiniLM-L6-v2.
const INTERMEDIATE: f64 = 1536.0;
/// Floating-point operations per token of the matrix products with weights: per layer the
/// query, key, value and output projections (4 · H · H multiply-adds) and the two
/// feed-forward products (2 · H · I), two operations per multiply-add.
const LINEAR_FLOPS_PER_TOKEN: f64 =
    LAYERS * 2.0 * (4.0 * HIDDEN * HIDDEN + 2.0 * HIDDEN * INTERMEDIATE);

/// Arguments of `layer1 bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Timed rounds per measurement; the median round is printed.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..))]
    pub rounds: u16,
    /// Short skill phrases embedded per round.
    #[arg(long, default_value_t = 1000)]
    pub phrases: usize,
    /// Sentences of about 30 words embedded per round.
    #[arg(long, default_value_t = 200)]
    pub sentences: usize,
    /// Python interpreter with onnxruntime, tokenizers and numpy for the comparison; default:
    /// the virtualenv scripts/setup.sh made under LAYER1_CACHE_DIR.
    #[arg(long)]
    pub python: Option<PathBuf>,
    /// Skip the Python onnxruntime comparison.
    #[arg(long)]
    pub no_python: bool,
    /// NLP engine (MODEL_DIR, EMBED_THREADS, EMBED_BATCH_SIZE; EMBED_MODEL is ignored: every
    /// installed model is measured).
    #[command(flatten)]
    pub nlp: NlpSettings,
}

/// One set of texts with its token counts.
struct TextSet {
    name: &'static str,
    texts: Vec<String>,
    tokens: Vec<usize>,
}

impl TextSet {
    fn refs(&self) -> Vec<&str> {
        self.texts.iter().map(String::as_str).collect()
    }

    fn mean_tokens(&self) -> f64 {
        self.tokens.iter().sum::<usize>() as f64 / self.tokens.len().max(1) as f64
    }

    /// Floating-point operations of one pass over the set, padding excluded: the weight
    /// products for every token, plus the attention products (Q·Kᵀ and weights·V, 2 · S · H
    /// multiply-adds per token and layer for a text of S tokens).
    fn flops(&self) -> f64 {
        self.tokens
            .iter()
            .map(|&tokens| {
                let tokens = tokens as f64;
                tokens * LINEAR_FLOPS_PER_TOKEN + LAYERS * 4.0 * tokens * tokens * HIDDEN
            })
            .sum()
    }
}

/// One printed row.
struct Row {
    model: &'static str,
    set: &'static str,
    texts_per_sec: f64,
    gflops: f64,
    python_per_sec: Option<f64>,
}

/// Runs `layer1 bench` and prints its table on stdout.
pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    let peak = PeakEstimate::of_this_machine();
    let python = if args.no_python {
        None
    } else {
        python_with_onnxruntime(args.python.clone())
    };
    let mut rows = Vec::new();
    let mut header_printed = false;

    for variant in [ModelVariant::Default, ModelVariant::Quantized] {
        let location = model_location(&args.nlp).with_variant(variant);
        if !location.missing_files().is_empty() {
            println!(
                "{}: not installed ({}), skipped",
                variant.as_str(),
                location.model_path().display()
            );
            continue;
        }
        let embedder = OnnxEmbedder::load(&location, args.nlp.embed_threads)
            .with_context(|| format!("loading the {} model", variant.as_str()))?
            .with_batch_size(usize::from(args.nlp.embed_batch_size));
        let sets = text_sets(&embedder, args)?;
        if !header_printed {
            print_header(args, &sets, &peak, python.as_deref());
            header_printed = true;
        }
        let mut pipeline = python.as_deref().and_then(|interpreter| {
            PythonPipeline::start(interpreter, &location.model_path(), args, &sets)
                .inspect_err(|err| {
                    println!("python comparison failed for {}: {err:#}", variant.as_str());
                })
                .ok()
        });
        let rates = measure(&embedder, &sets, args.rounds, &mut pipeline)?;
        for (set, (rate, python_rate)) in sets.iter().zip(rates) {
            rows.push(Row {
                model: variant.as_str(),
                set: set.name,
                texts_per_sec: rate,
                gflops: set.flops() / set.texts.len() as f64 * rate / 1e9,
                python_per_sec: python_rate,
            });
        }
    }
    if rows.is_empty() {
        bail!(
            "no model is installed in {}; run scripts/setup.sh",
            args.nlp.model_dir.display()
        );
    }
    print_rows(&rows, &peak);
    Ok(())
}

fn print_header(args: &BenchArgs, sets: &[TextSet], peak: &PeakEstimate, python: Option<&Path>) {
    println!(
        "layer1 bench: median of {} rounds; EMBED_THREADS={} EMBED_BATCH_SIZE={}",
        args.rounds, args.nlp.embed_threads, args.nlp.embed_batch_size
    );
    for set in sets {
        println!(
            "  {}: {} texts, {:.1} tokens each on average",
            set.name,
            set.texts.len(),
            set.mean_tokens()
        );
    }
    println!(
        "  model: {:.1} MFLOP per token in weight products (+ attention, 9.2 kFLOP per token \
         of context)",
        LINEAR_FLOPS_PER_TOKEN / 1e6
    );
    println!("  machine: {}", peak.describe());
    match python {
        Some(path) => println!("  python onnxruntime: {}", path.display()),
        None => println!("  python onnxruntime: not available, no comparison"),
    }
}

fn print_rows(rows: &[Row], peak: &PeakEstimate) {
    println!();
    println!(
        "{:<10} {:<10} {:>10} {:>9} {:>9} {:>11} {:>7}",
        "model", "set", "texts/s", "GFLOP/s", "of peak", "python/s", "ratio"
    );
    for row in rows {
        let (python, ratio) = match row.python_per_sec {
            Some(python) => (
                format!("{python:.0}"),
                format!("{:.2}", row.texts_per_sec / python),
            ),
            None => ("-".to_owned(), "-".to_owned()),
        };
        println!(
            "{:<10} {:<10} {:>10.0} {:>9.1} {:>8.1}% {:>11} {:>7}",
            row.model,
            row.set,
            row.texts_per_sec,
            row.gflops,
            100.0 * row.gflops / peak.gflops(),
            python,
            ratio
        );
    }
}

/// Embeds each set once to warm up, then `rounds` times, each Rust round followed by the
/// same round in Python, so both see the same load from the rest of the machine. Returns the
/// median texts per second of each set, in Rust and (when the pipeline runs) in Python.
fn measure(
    embedder: &OnnxEmbedder,
    sets: &[TextSet],
    rounds: u16,
    pipeline: &mut Option<PythonPipeline>,
) -> anyhow::Result<Vec<(f64, Option<f64>)>> {
    let mut rust_rates = vec![Vec::new(); sets.len()];
    let mut python_rates = vec![Vec::new(); sets.len()];
    for set in sets {
        embedder.embed(&set.refs())?;
    }

    for _ in 0..rounds {
        for (index, set) in sets.iter().enumerate() {
            let texts = set.refs();
            let start = Instant::now();
            embedder.embed(&texts)?;
            rust_rates[index].push(texts.len() as f64 / start.elapsed().as_secs_f64());

            let Some(python) = pipeline.as_mut() else {
                continue;
            };
            match python.time_set(index) {
                Ok(secs) => python_rates[index].push(texts.len() as f64 / secs),
                Err(err) => {
                    println!("python comparison failed: {err:#}");
                    *pipeline = None;
                    python_rates.iter_mut().for_each(Vec::clear);
                }
            }
        }
    }

    let results = rust_rates
        .iter_mut()
        .zip(python_rates.iter_mut())
        .map(|(rust, python)| {
            let python = (!python.is_empty()).then(|| median(python));
            (median(rust), python)
        })
        .collect();
    Ok(results)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len().is_multiple_of(2) && middle > 0 {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    }
}

fn text_sets(embedder: &OnnxEmbedder, args: &BenchArgs) -> anyhow::Result<Vec<TextSet>> {
    let sets = [
        ("phrases", phrases(args.phrases)),
        ("sentences", sentences(args.sentences)),
    ];
    sets.into_iter()
        .map(|(name, texts)| {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let tokens = embedder.token_counts(&refs)?;
            Ok(TextSet {
                name,
                texts,
                tokens,
            })
        })
        .collect()
}

const SKILLS: &[&str] = &[
    "python",
    "java",
    "kubernetes",
    "docker",
    "terraform",
    "postgresql",
    "machine learning",
    "data analysis",
    "project management",
    "react",
    "typescript",
    "financial accounting",
    "microsoft excel",
    "team leadership",
    "customer service",
    "b2b sales",
    "digital marketing",
    "contract negotiation",
    "amazon web services",
    "continuous integration",
    "rest apis",
    "natural language processing",
    "supply chain management",
    "agile scrum",
    "c++",
    "node.js",
    "graphql",
    "tableau",
    "sql server",
    "google analytics",
    "stakeholder management",
    "risk assessment",
    "payroll",
    "technical writing",
    "linux system administration",
    "spanish",
    "autocad",
    "quality assurance",
    "user research",
    "figma",
];

const ROLES: &[&str] = &[
    "a platform team",
    "the data group",
    "a fintech startup",
    "the finance department",
    "a logistics company",
    "the mobile squad",
    "an online retailer",
    "a hospital network",
];

const OUTCOMES: &[&str] = &[
    "cut monthly cloud costs by a third",
    "shipped weekly releases without downtime",
    "reduced customer churn across three regions",
    "halved the time to close the books each quarter",
    "moved forty services off a legacy data centre",
];

/// Returns `count` skill phrases of one to six words (a seniority word on every third, a pair
/// of skills on every third), the same for every run.
pub fn phrases(count: usize) -> Vec<String> {
    (0..count)
        .map(|index| {
            let skill = SKILLS[index % SKILLS.len()];
            match index % 3 {
                0 => format!("senior {skill}"),
                1 => skill.to_owned(),
                _ => format!("{skill} and {}", SKILLS[(index * 7 + 3) % SKILLS.len()]),
            }
        })
        .collect()
}

/// Returns `count` resume-like sentences of about 30 words, the same for every run.
pub fn sentences(count: usize) -> Vec<String> {
    (0..count)
        .map(|index| {
            let pick = |step: usize| SKILLS[(index * step + step) % SKILLS.len()];
            format!(
                "Worked {} years for {} with {}, {} and {}. We {} and I trained new \
                 colleagues in {} and {}.",
                2 + index % 9,
                ROLES[index % ROLES.len()],
                pick(1),
                pick(3),
                pick(5),
                OUTCOMES[index % OUTCOMES.len()],
                pick(7),
                pick(11),
            )
        })
        .collect()
}

/// Peak fp32 rate of the machine, estimated from the CPU flags and clock in /proc/cpuinfo.
struct PeakEstimate {
    model_name: String,
    cores: usize,
    ghz: f64,
    lanes: f64,
    fma: bool,
}

impl PeakEstimate {
    fn of_this_machine() -> Self {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let field = |name: &str| {
            cpuinfo
                .lines()
                .find(|line| line.split(':').next().is_some_and(|key| key.trim() == name))
                .and_then(|line| line.split_once(':'))
                .map(|(_, value)| value.trim().to_owned())
                .unwrap_or_default()
        };
        let flags = field("flags");
        let has = |flag: &str| flags.split_whitespace().any(|present| present == flag);
        let lanes = if has("avx512f") {
            16.0
        } else if has("avx2") || has("avx") {
            8.0
        } else {
            4.0
        };
        let model_name = field("model name");
        let ghz = nominal_ghz(&model_name)
            .or_else(|| field("cpu MHz").parse::<f64>().ok().map(|mhz| mhz / 1000.0))
            .unwrap_or(0.0);
        Self {
            model_name,
            cores: std::thread::available_parallelism().map_or(1, usize::from),
            ghz,
            lanes,
            fma: has("fma"),
        }
    }

    /// Operations per cycle and core: fp32 lanes per vector, two vector units, and two
    /// operations per fused multiply-add (one each without FMA).
    fn flops_per_cycle(&self) -> f64 {
        let per_instruction = if self.fma { 2.0 } else { 1.0 };
        self.lanes * 2.0 * per_instruction
    }

    fn gflops(&self) -> f64 {
        (self.cores as f64 * self.ghz * self.flops_per_cycle()).max(f64::MIN_POSITIVE)
    }

    fn describe(&self) -> String {
        format!(
            "{}, {} cores at {:.2} GHz, {} fp32 lanes{}: peak {:.0} GFLOP/s",
            self.model_name,
            self.cores,
            self.ghz,
            self.lanes,
            if self.fma { " with FMA" } else { "" },
            self.gflops()
        )
    }
}

/// Reads the nominal clock from a model name such as `... CPU @ 2.30GHz`.
fn nominal_ghz(model_name: &str) -> Option<f64> {
    let (_, after) = model_name.rsplit_once('@')?;
    after.trim().trim_end_matches("GHz").trim().parse().ok()
}

/// Returns the interpreter when it imports onnxruntime, tokenizers and numpy.
fn python_with_onnxruntime(explicit: Option<PathBuf>) -> Option<PathBuf> {
    let interpreter = explicit.or_else(|| {
        let cache = std::env::var_os("LAYER1_CACHE_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache/layer1"))
            })?;
        Some(cache.join("quant-venv/bin/python"))
    })?;
    let status = Command::new(&interpreter)
        .args(["-c", "import onnxruntime, tokenizers, numpy"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    status
        .is_ok_and(|status| status.success())
        .then_some(interpreter)
}

/// The Python pipeline in a child process: it loads the model and the sets once, then embeds
/// the set whose index it reads from stdin and writes the seconds it took to stdout.
struct PythonPipeline {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl PythonPipeline {
    fn start(
        interpreter: &Path,
        model: &Path,
        args: &BenchArgs,
        sets: &[TextSet],
    ) -> anyhow::Result<Self> {
        let job = serde_json::json!({
            "model": model,
            "tokenizer": args.nlp.model_dir.join(TOKENIZER_FILE),
            "threads": args.nlp.embed_threads,
            "batch": args.nlp.embed_batch_size,
            "sets": sets.iter().map(|set| &set.texts).collect::<Vec<_>>(),
        });
        let mut child = Command::new(interpreter)
            .args(["-c", PYTHON_PIPELINE])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("starting {}", interpreter.display()))?;
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            bail!("the pipes of {} are missing", interpreter.display());
        };
        writeln!(stdin, "{job}")?;
        let mut pipeline = Self {
            child,
            stdin,
            stdout: BufReader::new(stdout),
        };
        let ready = pipeline.read_line()?;
        if ready != "ready" {
            bail!("expected `ready` from the Python pipeline, got {ready:?}");
        }
        Ok(pipeline)
    }

    /// Embeds set `index` once in Python; returns the seconds it took.
    fn time_set(&mut self, index: usize) -> anyhow::Result<f64> {
        writeln!(self.stdin, "{index}")?;
        let line = self.read_line()?;
        line.parse()
            .with_context(|| format!("invalid time from the Python pipeline: {line:?}"))
    }

    fn read_line(&mut self) -> anyhow::Result<String> {
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            bail!("the Python pipeline exited early (its errors are above)");
        }
        Ok(line.trim().to_owned())
    }
}

impl Drop for PythonPipeline {
    fn drop(&mut self) {
        // The pipeline exits when it reads `quit` or its input ends.
        let _ = writeln!(self.stdin, "quit");
        let _ = self.child.wait();
    }
}

/// The Python pipeline measured for comparison: tokenizers and onnxruntime with the same
/// model, threads, sorting by token count, batch size, mean pooling and normalisation.
const PYTHON_PIPELINE: &str = r#"
import json, sys, time
import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

job = json.loads(sys.stdin.readline())
tokenizer = Tokenizer.from_file(job["tokenizer"])
tokenizer.no_padding()
tokenizer.enable_truncation(256)
options = ort.SessionOptions()
options.intra_op_num_threads = job["threads"]
options.inter_op_num_threads = 1
options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
session = ort.InferenceSession(job["model"], options, providers=["CPUExecutionProvider"])
names = {i.name for i in session.get_inputs()}

def embed(texts):
    encodings = tokenizer.encode_batch(texts)
    order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
    out = [None] * len(texts)
    for start in range(0, len(order), job["batch"]):
        rows = order[start:start + job["batch"]]
        width = max(len(encodings[i].ids) for i in rows)
        ids = np.zeros((len(rows), width), np.int64)
        mask = np.zeros_like(ids)
        for r, i in enumerate(rows):
            n = len(encodings[i].ids)
            ids[r, :n] = encodings[i].ids
            mask[r, :n] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in names:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = session.run(None, feed)[0]
        pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        for r, i in enumerate(rows):
            out[i] = pooled[r]
    return out

for texts in job["sets"]:
    embed(texts)
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() == "quit":
        break
    texts = job["sets"][int(line)]
    start = time.perf_counter()
    embed(texts)
    print(time.perf_counter() - start, flush=True)
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minilm_weight_products_cost_about_21_mflop_per_token() {
        assert_eq!(LINEAR_FLOPS_PER_TOKEN, 21_233_664.0);
    }

    #[test]
    fn nominal_clock_is_read_from_the_model_name() {
        assert_eq!(
            nominal_ghz("Intel(R) Xeon(R) Gold 6140 CPU @ 2.30GHz"),
            Some(2.3)
        );
        assert_eq!(nominal_ghz("Intel(R) Xeon(R) Processor"), None);
    }

    #[test]
    fn median_of_even_count_averages_the_middle_pair() {
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), 3.0);
    }

    #[test]
    fn sentences_have_about_thirty_words() {
        for sentence in sentences(50) {
            let words = sentence.split_whitespace().count();
            assert!((24..=38).contains(&words), "{words} words: {sentence}");
        }
        assert_eq!(phrases(7).len(), 7);
    }

    #[test]
    fn avx512_machine_with_fma_has_64_flops_per_cycle() {
        let peak = PeakEstimate {
            model_name: String::new(),
            cores: 2,
            ghz: 2.3,
            lanes: 16.0,
            fma: true,
        };
        assert_eq!(peak.flops_per_cycle(), 64.0);
        assert!((peak.gflops() - 294.4).abs() < 1e-9);
    }
}
