//! Offline O*NET source over the database text files (tab-separated, one header line):
//! `Occupation Data.txt`, `Alternate Titles.txt`, `Technology Skills.txt`, `Knowledge.txt`
//! and `Skills.txt`. The loaded data can be saved as one compact JSON file and read back.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Occupation, OnetError, OnetItem, OnetSource};

/// Importance ratings in Knowledge.txt and Skills.txt run from 1 to 5.
const IMPORTANCE_MIN: f64 = 1.0;
const IMPORTANCE_MAX: f64 = 5.0;

/// The O*NET data needed for inference, indexed by O*NET-SOC code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OnetDatabase {
    /// Occupation titles by code.
    pub occupations: BTreeMap<String, String>,
    /// Alternate titles, lower case, each with the codes it belongs to.
    pub alternate_titles: BTreeMap<String, Vec<String>>,
    /// Technology skills by code, with relevance from the hot and in-demand flags.
    pub technology: BTreeMap<String, Vec<OnetItem>>,
    /// Knowledge areas by code, with importance scaled to [0, 1].
    pub knowledge: BTreeMap<String, Vec<OnetItem>>,
    /// Skills by code, with importance scaled to [0, 1].
    pub skills: BTreeMap<String, Vec<OnetItem>>,
}

/// One parsed tab-separated file: column positions by header name, and the rows.
struct Table {
    file: String,
    columns: HashMap<String, usize>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(dir: &Path, file: &str) -> Result<Self, OnetError> {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).map_err(|source| OnetError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(Self::parse(file, &text))
    }

    fn parse(file: &str, text: &str) -> Self {
        let mut lines = text.lines();
        let header = lines.next().unwrap_or_default();
        let columns = header
            .split('\t')
            .enumerate()
            .map(|(index, name)| (name.trim().to_string(), index))
            .collect();
        let rows = lines
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                line.split('\t')
                    .map(|cell| cell.trim().to_string())
                    .collect()
            })
            .collect();
        Self {
            file: file.to_string(),
            columns,
            rows,
        }
    }

    fn column(&self, name: &str) -> Result<usize, OnetError> {
        self.columns
            .get(name)
            .copied()
            .ok_or_else(|| OnetError::MissingColumn {
                file: self.file.clone(),
                column: name.to_string(),
            })
    }
}

fn cell(row: &[String], index: usize) -> &str {
    row.get(index).map_or("", String::as_str)
}

impl OnetDatabase {
    /// Reads the five database files from `dir`.
    pub fn load_dir(dir: &Path) -> Result<Self, OnetError> {
        let mut database = Self::default();
        let occupations = Table::read(dir, "Occupation Data.txt")?;
        let (code, title) = (
            occupations.column("O*NET-SOC Code")?,
            occupations.column("Title")?,
        );
        for row in &occupations.rows {
            let name = cell(row, title).to_string();
            database
                .occupations
                .insert(cell(row, code).to_string(), name);
        }
        database.read_alternate_titles(&Table::read(dir, "Alternate Titles.txt")?)?;
        database.read_technology(&Table::read(dir, "Technology Skills.txt")?)?;
        database.knowledge = importance_table(&Table::read(dir, "Knowledge.txt")?)?;
        database.skills = importance_table(&Table::read(dir, "Skills.txt")?)?;
        Ok(database)
    }

    fn read_alternate_titles(&mut self, table: &Table) -> Result<(), OnetError> {
        let code = table.column("O*NET-SOC Code")?;
        let alternate = table.column("Alternate Title")?;
        for row in &table.rows {
            let key = cell(row, alternate).to_lowercase();
            let codes = self.alternate_titles.entry(key).or_default();
            let code = cell(row, code).to_string();
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        Ok(())
    }

    fn read_technology(&mut self, table: &Table) -> Result<(), OnetError> {
        let code = table.column("O*NET-SOC Code")?;
        let example = table.column("Example")?;
        let hot = table.column("Hot Technology")?;
        let in_demand = table.column("In Demand")?;
        for row in &table.rows {
            let flag = |index: usize| cell(row, index).eq_ignore_ascii_case("Y");
            let relevance = 0.5
                + 0.25 * f64::from(u8::from(flag(hot)))
                + 0.25 * f64::from(u8::from(flag(in_demand)));
            let items = self
                .technology
                .entry(cell(row, code).to_string())
                .or_default();
            items.push(OnetItem {
                name: cell(row, example).to_string(),
                importance: relevance,
            });
        }
        Ok(())
    }

    /// Reads a compact file written by [`OnetDatabase::to_compact`].
    pub fn from_compact(bytes: &[u8]) -> Result<Self, OnetError> {
        Ok(serde_json::from_slice(bytes)?)
    }

    /// Serialises the database as compact JSON.
    pub fn to_compact(&self) -> Result<Vec<u8>, OnetError> {
        Ok(serde_json::to_vec(self)?)
    }

    /// Scores how well `title` matches a candidate title: the share of the query's words
    /// found in it, with a bonus for an exact match.
    fn title_score(query: &[&str], candidate: &str) -> f64 {
        let words: Vec<&str> = candidate
            .split(|c: char| !c.is_alphanumeric() && c != '+' && c != '#')
            .filter(|w| !w.is_empty())
            .collect();
        let found = query
            .iter()
            .filter(|q| {
                words
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(q) || stem_eq(w, q))
            })
            .count();
        let coverage = found as f64 / query.len().max(1) as f64;
        let precision = found as f64 / words.len().max(1) as f64;
        coverage * 0.75 + precision * 0.25
    }
}

/// Treats singular and plural as the same word ("nurse" and "nurses").
fn stem_eq(a: &str, b: &str) -> bool {
    let strip = |w: &str| w.to_lowercase().trim_end_matches('s').to_string();
    strip(a) == strip(b)
}

/// Reads Knowledge.txt or Skills.txt: the importance (`IM`) rows, scaled to [0, 1] and
/// sorted by importance, skipping rows marked `Recommend Suppress`.
fn importance_table(table: &Table) -> Result<BTreeMap<String, Vec<OnetItem>>, OnetError> {
    let code = table.column("O*NET-SOC Code")?;
    let name = table.column("Element Name")?;
    let scale = table.column("Scale ID")?;
    let value = table.column("Data Value")?;
    let suppress = table.column("Recommend Suppress").ok();
    let mut by_code: BTreeMap<String, Vec<OnetItem>> = BTreeMap::new();
    for row in &table.rows {
        let suppressed = suppress.is_some_and(|i| cell(row, i).eq_ignore_ascii_case("Y"));
        if cell(row, scale) != "IM" || suppressed {
            continue;
        }
        let Ok(rating) = cell(row, value).parse::<f64>() else {
            continue;
        };
        let importance =
            ((rating - IMPORTANCE_MIN) / (IMPORTANCE_MAX - IMPORTANCE_MIN)).clamp(0.0, 1.0);
        by_code
            .entry(cell(row, code).to_string())
            .or_default()
            .push(OnetItem {
                name: cell(row, name).to_string(),
                importance: (importance * 1000.0).round() / 1000.0,
            });
    }
    for items in by_code.values_mut() {
        items.sort_by(|a, b| b.importance.total_cmp(&a.importance));
    }
    Ok(by_code)
}

/// Smallest title score an occupation needs to be returned by a search.
const MIN_TITLE_SCORE: f64 = 0.6;

impl OnetSource for OnetDatabase {
    fn search(&self, title: &str, limit: usize) -> Result<Vec<Occupation>, OnetError> {
        let query: Vec<&str> = title.split_whitespace().collect();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let mut best: HashMap<&str, f64> = HashMap::new();
        for (alternate, codes) in &self.alternate_titles {
            let score =
                Self::title_score(&query, alternate) + if alternate == title { 1.0 } else { 0.0 };
            for code in codes {
                let entry = best.entry(code.as_str()).or_insert(0.0);
                *entry = entry.max(score);
            }
        }
        for (code, name) in &self.occupations {
            let exact = name.eq_ignore_ascii_case(title) || stem_eq(name, title);
            let score = Self::title_score(&query, name) + if exact { 1.0 } else { 0.0 };
            let entry = best.entry(code.as_str()).or_insert(0.0);
            *entry = entry.max(score);
        }
        let mut ranked: Vec<(&str, f64)> = best
            .into_iter()
            .filter(|(_, score)| *score >= MIN_TITLE_SCORE)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        Ok(ranked
            .into_iter()
            .take(limit)
            .map(|(code, _)| Occupation {
                code: code.to_string(),
                title: self.occupations.get(code).cloned().unwrap_or_default(),
            })
            .collect())
    }

    fn technology_skills(&self, code: &str) -> Result<Vec<OnetItem>, OnetError> {
        Ok(self.technology.get(code).cloned().unwrap_or_default())
    }

    fn knowledge(&self, code: &str) -> Result<Vec<OnetItem>, OnetError> {
        Ok(self.knowledge.get(code).cloned().unwrap_or_default())
    }

    fn skills(&self, code: &str) -> Result<Vec<OnetItem>, OnetError> {
        Ok(self.skills.get(code).cloned().unwrap_or_default())
    }
}
