//! Calibration of the semantic thresholds on `tests/data/skill-pairs.tsv` with the real
//! sentence model.
//!
//! `cargo test -p layer1-engine --test calibration -- --ignored --nocapture` chooses the
//! thresholds on the calibration half and prints accuracy and per-class precision and recall
//! on the test half. The other test checks that the thresholds in the code keep that
//! accuracy on the test half.

mod embed_common;

use layer1_engine::embed::Embedder;
use layer1_engine::score::calibrate::{
    Evaluation, LabeledPair, ScoredPair, Split, accuracy, choose_thresholds, evaluate,
    false_credit, parse_pairs,
};
use layer1_engine::score::semantic::{Thresholds, normalize};

use embed_common::{cosine, onnx_embedder, repo_root};

/// Accuracy on the test half measured with the calibrated thresholds.
const MEASURED_TEST_ACCURACY: f64 = 0.552;
/// Allowed drop below [`MEASURED_TEST_ACCURACY`] (model export or runtime differences).
const ACCURACY_MARGIN: f64 = 0.02;

fn pairs() -> Vec<LabeledPair> {
    let path = repo_root().join("tests/data/skill-pairs.tsv");
    let text = std::fs::read_to_string(&path).expect("the pairs file is readable");
    parse_pairs(&text).expect("the pairs file parses")
}

/// Embeds both sides of every pair of `split` and returns their cosines.
fn scored(embedder: &dyn Embedder, pairs: &[LabeledPair], split: Split) -> Vec<ScoredPair> {
    let chosen: Vec<&LabeledPair> = pairs.iter().filter(|p| p.split == split).collect();
    let texts: Vec<String> = chosen
        .iter()
        .flat_map(|p| [normalize(&p.requirement), normalize(&p.skill)])
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let vectors = embedder.embed(&refs).expect("the pairs embed");
    chosen
        .iter()
        .zip(vectors.chunks_exact(2))
        .map(|(pair, vectors)| ScoredPair {
            similarity: cosine(&vectors[0], &vectors[1]) as f32,
            label: pair.label,
        })
        .collect()
}

fn print_evaluation(name: &str, evaluation: &Evaluation) {
    println!("{name}: accuracy {:.3}", evaluation.accuracy);
    for (class, metrics) in [
        ("same", evaluation.same),
        ("related", evaluation.related),
        ("different", evaluation.different),
    ] {
        println!(
            "  {class:<9} precision {:.3}  recall {:.3}  ({} pairs)",
            metrics.precision, metrics.recall, metrics.support
        );
    }
}

#[test]
fn pairs_file_is_large_and_balanced() {
    let pairs = pairs();
    assert!(pairs.len() >= 300, "{} pairs", pairs.len());
    let cal = pairs.iter().filter(|p| p.split == Split::Cal).count();
    let test = pairs.len() - cal;
    assert!(cal.abs_diff(test) <= 3, "halves of {cal} and {test} pairs");
}

#[test]
#[ignore = "calibration harness: run with --ignored --nocapture"]
fn calibrate_thresholds() {
    let Some(embedder) = onnx_embedder() else {
        return;
    };
    let pairs = pairs();
    let calibration = scored(embedder.as_ref(), &pairs, Split::Cal);
    let test = scored(embedder.as_ref(), &pairs, Split::Test);

    let chosen = choose_thresholds(&calibration);
    println!(
        "chosen on {} calibration pairs: same >= {:.3}, related >= {:.3}",
        calibration.len(),
        chosen.same,
        chosen.related
    );
    print_evaluation("calibration half", &evaluate(&calibration, &chosen));
    print_evaluation(
        &format!("test half ({} pairs)", test.len()),
        &evaluate(&test, &chosen),
    );
    println!(
        "different pairs credited: calibration {:.3}, test {:.3}",
        false_credit(&calibration, &chosen),
        false_credit(&test, &chosen)
    );
    print_evaluation(
        "test half with the thresholds in the code",
        &evaluate(&test, &Thresholds::CALIBRATED),
    );
}

#[test]
fn calibrated_thresholds_keep_their_test_accuracy() {
    let Some(embedder) = onnx_embedder() else {
        return;
    };
    let test = scored(embedder.as_ref(), &pairs(), Split::Test);
    let measured = accuracy(&test, &Thresholds::CALIBRATED);
    assert!(
        measured >= MEASURED_TEST_ACCURACY - ACCURACY_MARGIN,
        "test-half accuracy {measured:.3} fell below {MEASURED_TEST_ACCURACY} - {ACCURACY_MARGIN}"
    );
}
