//! Calibration of the semantic thresholds on labeled requirement/skill pairs.
//!
//! The pairs file (`tests/data/skill-pairs.tsv`) has the columns `split` (`cal` or `test`),
//! `label` (`same`, `related`, `different`), `requirement` and `skill`. Lines starting with
//! `#` are comments, and the first other line is the header. Thresholds are chosen on the
//! `cal` half to maximise accuracy and measured on the `test` half.

use serde::Serialize;

use crate::score::semantic::{PairClass, Thresholds};

/// Half of the labeled pairs a pair belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Used to choose the thresholds.
    Cal,
    /// Held out to measure them.
    Test,
}

/// One labeled requirement/skill pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabeledPair {
    /// Half the pair belongs to.
    pub split: Split,
    /// Expected class.
    pub label: PairClass,
    /// Requirement as a job phrases it.
    pub requirement: String,
    /// Skill as a resume names it.
    pub skill: String,
}

/// Error of reading a pairs file.
#[derive(Debug, thiserror::Error)]
pub enum PairsError {
    /// A line does not have four tab-separated fields.
    #[error("line {line}: expected 4 tab-separated fields, found {found}")]
    Fields {
        /// 1-based line number.
        line: usize,
        /// Number of fields found.
        found: usize,
    },
    /// The split is neither `cal` nor `test`.
    #[error("line {line}: unknown split {value:?} (expected cal or test)")]
    Split {
        /// 1-based line number.
        line: usize,
        /// The value found.
        value: String,
    },
    /// The label is not `same`, `related` or `different`.
    #[error("line {line}: unknown label {value:?} (expected same, related or different)")]
    Label {
        /// 1-based line number.
        line: usize,
        /// The value found.
        value: String,
    },
}

/// Parses a pairs file.
///
/// # Errors
///
/// Returns the first malformed line.
pub fn parse_pairs(text: &str) -> Result<Vec<LabeledPair>, PairsError> {
    let mut pairs = Vec::new();
    let mut header_seen = false;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }

        let fields: Vec<&str> = line.split('\t').collect();
        let [split, label, requirement, skill] = fields[..] else {
            return Err(PairsError::Fields {
                line: number,
                found: fields.len(),
            });
        };
        let split = match split {
            "cal" => Split::Cal,
            "test" => Split::Test,
            other => {
                return Err(PairsError::Split {
                    line: number,
                    value: other.to_string(),
                });
            }
        };
        let label = match label {
            "same" => PairClass::Same,
            "related" => PairClass::Related,
            "different" => PairClass::Different,
            other => {
                return Err(PairsError::Label {
                    line: number,
                    value: other.to_string(),
                });
            }
        };
        pairs.push(LabeledPair {
            split,
            label,
            requirement: requirement.to_string(),
            skill: skill.to_string(),
        });
    }
    Ok(pairs)
}

/// A pair's cosine and its expected class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredPair {
    /// Cosine of the two embedded texts.
    pub similarity: f32,
    /// Expected class.
    pub label: PairClass,
}

/// Precision and recall of one class.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClassMetrics {
    /// Share of pairs predicted in the class that belong to it (1.0 when none are predicted).
    pub precision: f64,
    /// Share of pairs of the class predicted in it (1.0 when the class is empty).
    pub recall: f64,
    /// Number of pairs labeled with the class.
    pub support: usize,
}

/// Accuracy and per-class metrics of thresholds on a set of pairs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Evaluation {
    /// Share of pairs classified as labeled.
    pub accuracy: f64,
    /// Metrics of `same`.
    pub same: ClassMetrics,
    /// Metrics of `related`.
    pub related: ClassMetrics,
    /// Metrics of `different`.
    pub different: ClassMetrics,
}

/// Returns the accuracy of `thresholds` on `pairs` (0.0 for no pairs).
pub fn accuracy(pairs: &[ScoredPair], thresholds: &Thresholds) -> f64 {
    if pairs.is_empty() {
        return 0.0;
    }
    let correct = pairs
        .iter()
        .filter(|pair| thresholds.classify(pair.similarity) == pair.label)
        .count();
    correct as f64 / pairs.len() as f64
}

/// Measures `thresholds` on `pairs`.
pub fn evaluate(pairs: &[ScoredPair], thresholds: &Thresholds) -> Evaluation {
    let metrics = |class: PairClass| {
        let predicted = pairs
            .iter()
            .filter(|p| thresholds.classify(p.similarity) == class);
        let predicted_count = predicted.clone().count();
        let hits = predicted.filter(|p| p.label == class).count();
        let support = pairs.iter().filter(|p| p.label == class).count();
        let ratio = |num: usize, den: usize| {
            if den == 0 {
                1.0
            } else {
                num as f64 / den as f64
            }
        };
        ClassMetrics {
            precision: ratio(hits, predicted_count),
            recall: ratio(hits, support),
            support,
        }
    };
    Evaluation {
        accuracy: accuracy(pairs, thresholds),
        same: metrics(PairClass::Same),
        related: metrics(PairClass::Related),
        different: metrics(PairClass::Different),
    }
}

/// Largest share of `different` pairs that calibrated thresholds may credit as related or
/// same.
///
/// A requirement is scored against the best of all the candidate's skills, so a pair-level
/// false credit is multiplied by the number of skills on a resume. Plain accuracy would pick a
/// `related` cut-off low enough to give nearly every requirement some credit.
pub const MAX_FALSE_CREDIT: f64 = 0.10;

/// Returns the share of `different` pairs that `thresholds` credit (0.0 when there are none).
pub fn false_credit(pairs: &[ScoredPair], thresholds: &Thresholds) -> f64 {
    let different: Vec<&ScoredPair> = pairs
        .iter()
        .filter(|p| p.label == PairClass::Different)
        .collect();
    if different.is_empty() {
        return 0.0;
    }
    let credited = different
        .iter()
        .filter(|p| thresholds.classify(p.similarity) != PairClass::Different)
        .count();
    credited as f64 / different.len() as f64
}

/// Chooses the thresholds with the highest accuracy on `pairs` among those that credit at
/// most [`MAX_FALSE_CREDIT`] of the `different` pairs.
///
/// Candidate cut-offs are the midpoints between consecutive distinct similarities (and one
/// below the lowest and above the highest), rounded to 3 decimals, and `related` never
/// exceeds `same`. Among equally accurate choices the one with the widest margins to the nearest
/// pairs wins, then the lowest `same`, then the lowest `related`, so the result is
/// deterministic.
pub fn choose_thresholds(pairs: &[ScoredPair]) -> Thresholds {
    let cuts = candidate_cuts(pairs);
    let mut best = Thresholds {
        same: 1.0,
        related: 1.0,
    };
    let mut best_key = (f64::NEG_INFINITY, f32::NEG_INFINITY);
    for (i, &same) in cuts.iter().enumerate() {
        for &related in &cuts[..=i] {
            let thresholds = Thresholds { same, related };
            if false_credit(pairs, &thresholds) > MAX_FALSE_CREDIT {
                continue;
            }
            let key = (accuracy(pairs, &thresholds), margin(pairs, &thresholds));
            if key.0 > best_key.0 || (key.0 == best_key.0 && key.1 > best_key.1) {
                best = thresholds;
                best_key = key;
            }
        }
    }
    best
}

/// Returns the sorted candidate cut-offs for `pairs`.
fn candidate_cuts(pairs: &[ScoredPair]) -> Vec<f32> {
    let mut values: Vec<f32> = pairs.iter().map(|p| p.similarity).collect();
    values.sort_by(f32::total_cmp);
    values.dedup();

    let mut cuts = Vec::with_capacity(values.len() + 1);
    if let (Some(first), Some(last)) = (values.first(), values.last()) {
        cuts.push(first - 0.001);
        cuts.extend(values.windows(2).map(|w| f32::midpoint(w[0], w[1])));
        cuts.push(last + 0.001);
    }
    let mut cuts: Vec<f32> = cuts
        .into_iter()
        .map(|cut| (cut * 1000.0).round() / 1000.0)
        .collect();
    cuts.dedup();
    cuts
}

/// Returns the smallest distance between a cut-off and any pair's similarity.
fn margin(pairs: &[ScoredPair], thresholds: &Thresholds) -> f32 {
    pairs
        .iter()
        .map(|p| {
            (p.similarity - thresholds.same)
                .abs()
                .min((p.similarity - thresholds.related).abs())
        })
        .fold(f32::INFINITY, f32::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(similarity: f32, label: PairClass) -> ScoredPair {
        ScoredPair { similarity, label }
    }

    #[test]
    fn parses_pairs_and_skips_comments_and_header() {
        let text = "# comment\nsplit\tlabel\trequirement\tskill\ncal\tsame\tk8s\tKubernetes\n\
                    test\tdifferent\tjava\tJavaScript\n";
        let pairs = parse_pairs(text).unwrap();
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].split, Split::Cal);
        assert_eq!(pairs[0].label, PairClass::Same);
        assert_eq!(pairs[1].skill, "JavaScript");
    }

    #[test]
    fn rejects_unknown_labels_naming_the_line() {
        let text = "split\tlabel\trequirement\tskill\ncal\tsimilar\ta\tb\n";
        let error = parse_pairs(text).unwrap_err().to_string();
        assert_eq!(
            error,
            "line 2: unknown label \"similar\" (expected same, related or different)"
        );
        let short = parse_pairs("h\ncal\tsame\tonly three\n").unwrap_err();
        assert!(matches!(short, PairsError::Fields { line: 2, found: 3 }));
    }

    #[test]
    fn separable_pairs_are_split_perfectly() {
        let pairs = [
            scored(0.9, PairClass::Same),
            scored(0.85, PairClass::Same),
            scored(0.6, PairClass::Related),
            scored(0.55, PairClass::Related),
            scored(0.2, PairClass::Different),
            scored(0.3, PairClass::Different),
        ];
        let thresholds = choose_thresholds(&pairs);
        assert_eq!(accuracy(&pairs, &thresholds), 1.0);
        assert!(thresholds.same > 0.6);
        assert!(thresholds.same <= 0.85);
        assert!(thresholds.related > 0.3);
        assert!(thresholds.related <= 0.55);
    }

    #[test]
    fn thresholds_credit_few_different_pairs() {
        // Crediting the `different` pair at 0.3 would win two related pairs below it, but
        // one pair of five is 20 % false credit, over the cap.
        let pairs = [
            scored(0.9, PairClass::Same),
            scored(0.5, PairClass::Related),
            scored(0.45, PairClass::Related),
            scored(0.28, PairClass::Related),
            scored(0.25, PairClass::Related),
            scored(0.3, PairClass::Different),
            scored(0.08, PairClass::Different),
            scored(0.07, PairClass::Different),
            scored(0.06, PairClass::Different),
            scored(0.05, PairClass::Different),
        ];
        let uncapped = Thresholds {
            same: 0.7,
            related: 0.2,
        };

        let thresholds = choose_thresholds(&pairs);

        assert!(false_credit(&pairs, &thresholds) <= MAX_FALSE_CREDIT);
        assert!(thresholds.related > 0.3, "{thresholds:?}");
        assert!(thresholds.related <= 0.45, "{thresholds:?}");
        assert!(accuracy(&pairs, &uncapped) > accuracy(&pairs, &thresholds));
    }

    #[test]
    fn evaluation_counts_precision_and_recall() {
        let pairs = [
            scored(0.9, PairClass::Same),
            scored(0.9, PairClass::Related),
            scored(0.6, PairClass::Related),
            scored(0.1, PairClass::Different),
        ];
        let thresholds = Thresholds {
            same: 0.8,
            related: 0.5,
        };
        let evaluation = evaluate(&pairs, &thresholds);
        assert_eq!(evaluation.accuracy, 0.75);
        assert_eq!(evaluation.same.precision, 0.5);
        assert_eq!(evaluation.same.recall, 1.0);
        assert_eq!(evaluation.related.precision, 1.0);
        assert_eq!(evaluation.related.recall, 0.5);
        assert_eq!(evaluation.different.support, 1);
    }
}
