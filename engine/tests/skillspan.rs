//! Span-level report against a SkillSpan-style corpus: CoNLL files with one token a line,
//! then a BIO tag for skill spans and one for knowledge spans, tab-separated, and a blank
//! line between sentences.
//!
//! Ignored by default, and the corpus is not part of the repository. Run it with
//! `SKILLSPAN_DIR=<dir> cargo test -p layer1-engine --test skillspan -- --ignored --nocapture`.
//! Every `.conll` file of the directory (train and dev splits) is read. The gazetteer is compared with a plain
//! dictionary baseline: the same names and aliases without the context rules for common
//! words.

use std::collections::BTreeSet;
use std::path::PathBuf;

use layer1_engine::skills::{Ambiguity, Gazetteer, Taxonomy};

/// A span of tokens, end exclusive.
type Span = (usize, usize);

struct Sentence {
    tokens: Vec<String>,
    skills: BTreeSet<Span>,
    knowledge: BTreeSet<Span>,
}

fn spans(tags: &[&str]) -> BTreeSet<Span> {
    let mut found = BTreeSet::new();
    let mut start = None;
    for (index, tag) in tags.iter().enumerate() {
        if tag.starts_with('B') || (tag.starts_with('I') && start.is_none()) {
            if let Some(begin) = start.take() {
                found.insert((begin, index));
            }
            start = Some(index);
        } else if !tag.starts_with('I')
            && let Some(begin) = start.take()
        {
            found.insert((begin, index));
        }
    }
    if let Some(begin) = start {
        found.insert((begin, tags.len()));
    }
    found
}

fn read_sentences(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for block in text.split("\n\n") {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| line.split('\t').collect())
            .filter(|columns: &Vec<&str>| columns.len() >= 3)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let tokens = rows.iter().map(|r| r[0].to_string()).collect();
        let skill_tags: Vec<&str> = rows.iter().map(|r| r[1]).collect();
        let knowledge_tags: Vec<&str> = rows.iter().map(|r| r[2]).collect();
        sentences.push(Sentence {
            tokens,
            skills: spans(&skill_tags),
            knowledge: spans(&knowledge_tags),
        });
    }
    sentences
}

/// Finds the token spans that the gazetteer's matches cover in a sentence joined by spaces.
fn predicted(gazetteer: &Gazetteer, tokens: &[String]) -> BTreeSet<Span> {
    let mut text = String::new();
    let mut offsets = Vec::new();
    for token in tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        offsets.push((text.len(), text.len() + token.len()));
        text.push_str(token);
    }
    gazetteer
        .find(&text)
        .iter()
        .filter_map(|m| {
            let first = offsets.iter().position(|(_, end)| *end > m.start)?;
            let last = offsets.iter().rposition(|(start, _)| *start < m.end)?;
            Some((first, last + 1))
        })
        .collect()
}

#[derive(Default)]
struct Counts {
    correct: usize,
    predicted: usize,
    gold: usize,
}

impl Counts {
    fn line(&self, label: &str) -> String {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(self.correct, self.predicted);
        let recall = ratio(self.correct, self.gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        format!(
            "{label:<34} P {precision:.3}  R {recall:.3}  F1 {f1:.3}  ({} predicted, {} gold)",
            self.predicted, self.gold
        )
    }
}

fn plain_dictionary() -> Gazetteer {
    let mut taxonomy = Taxonomy::builtin();
    for skill in &mut taxonomy.skills {
        skill.ambiguity = Ambiguity::None;
        skill.ambiguous_aliases.clear();
    }
    Gazetteer::new(&taxonomy)
}

fn report(label: &str, gazetteer: &Gazetteer, sentences: &[Sentence]) {
    let mut knowledge = Counts::default();
    let mut union = Counts::default();
    for sentence in sentences {
        let found = predicted(gazetteer, &sentence.tokens);
        let gold: BTreeSet<Span> = sentence
            .skills
            .union(&sentence.knowledge)
            .copied()
            .collect();
        knowledge.correct += found.intersection(&sentence.knowledge).count();
        knowledge.predicted += found.len();
        knowledge.gold += sentence.knowledge.len();
        union.correct += found.intersection(&gold).count();
        union.predicted += found.len();
        union.gold += gold.len();
    }
    println!("{}", knowledge.line(&format!("{label}: knowledge spans")));
    println!("{}", union.line(&format!("{label}: skill+knowledge spans")));
}

#[test]
fn bio_tags_become_spans() {
    let tags = ["O", "B", "I", "O", "B", "B", "I"];
    let expected: BTreeSet<Span> = [(1, 3), (4, 5), (5, 7)].into_iter().collect();
    assert_eq!(spans(&tags), expected);
}

#[test]
#[ignore = "needs SKILLSPAN_DIR; prints a report"]
fn skillspan_span_report() {
    let Some(dir) = std::env::var_os("SKILLSPAN_DIR").map(PathBuf::from) else {
        println!("skipped: SKILLSPAN_DIR is not set");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("SKILLSPAN_DIR is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "conll")
        })
        .collect();
    files.sort();
    let gazetteer = Gazetteer::builtin();
    let baseline = plain_dictionary();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("corpus file is UTF-8");
        let sentences = read_sentences(&text);
        let name = file.file_name().map(|n| n.to_string_lossy().to_string());
        println!(
            "== {} ({} sentences)",
            name.unwrap_or_default(),
            sentences.len()
        );
        report("gazetteer", gazetteer, &sentences);
        report("plain dictionary", &baseline, &sentences);
    }
}
