//! O*NET inference: occupation lookup by job title, and requirements inferred from the
//! occupations' technology skills, knowledge areas and skills.
//!
//! The data comes through the [`OnetSource`] trait. [`OnetDatabase`] implements it over the
//! O*NET database text files; the service adds a Web Services client. Results per sanitised
//! title can be kept in a [`TitleCache`].

#[cfg(test)]
mod fixture_tests;
mod infer;
mod offline;
mod title;

use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

pub use infer::{InferenceSettings, OccupationPool, apply_pool, collect_pool, infer_requirements};
pub use offline::OnetDatabase;
pub use title::sanitize_title;

/// Error from an O*NET source or from O*NET settings.
#[derive(Debug, thiserror::Error)]
pub enum OnetError {
    /// A database file could not be read.
    #[error("failed to read O*NET file {path}: {source}")]
    Io {
        /// Path of the file.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// A database file lacks a required column.
    #[error(
        "O*NET file {file} has no column {column:?}; expected the tab-separated database release"
    )]
    MissingColumn {
        /// File name.
        file: String,
        /// Missing column header.
        column: String,
    },
    /// The compact database file is not valid.
    #[error("invalid compact O*NET file: {0}")]
    Compact(#[from] serde_json::Error),
    /// A fraction setting is neither in [0, 1] nor in [0, 100].
    #[error("invalid fraction {value:?}: expected a number from 0 to 1, or from 0 to 100")]
    Fraction {
        /// The rejected value.
        value: String,
    },
    /// A remote source failed (network, status or body).
    #[error("O*NET source failed: {0}")]
    Source(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// An occupation found for a title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Occupation {
    /// O*NET-SOC code, such as `15-1252.00`.
    pub code: String,
    /// Occupation title, such as `Software Developers`.
    pub title: String,
}

/// A technology skill, knowledge area or skill of an occupation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnetItem {
    /// Name as O*NET writes it, such as `Python` or `Customer and Personal Service`.
    pub name: String,
    /// Relevance or importance in [0, 1]. A technology skill scores 1.0 when it is both a hot
    /// technology and in demand, 0.75 when it is one of them, and 0.5 otherwise. Knowledge
    /// areas and skills carry their importance rating scaled to [0, 1].
    pub importance: f64,
}

/// Source of O*NET data: the offline database or the Web Services.
///
/// Calls may block (file or network access); the service runs them on blocking threads.
pub trait OnetSource: Send + Sync {
    /// Returns the occupations that best match a sanitised job title, best first.
    fn search(&self, title: &str, limit: usize) -> Result<Vec<Occupation>, OnetError>;
    /// Returns the technology skills of an occupation.
    fn technology_skills(&self, code: &str) -> Result<Vec<OnetItem>, OnetError>;
    /// Returns the knowledge areas of an occupation.
    fn knowledge(&self, code: &str) -> Result<Vec<OnetItem>, OnetError>;
    /// Returns the skills (mostly soft skills, such as `Active Listening`) of an occupation.
    fn skills(&self, code: &str) -> Result<Vec<OnetItem>, OnetError>;
}

/// Cache of occupation pools keyed by sanitised title.
pub trait TitleCache: Send + Sync {
    /// Returns the cached pool of a title.
    fn get(&self, title: &str) -> Option<OccupationPool>;
    /// Stores the pool of a title.
    fn put(&self, title: &str, pool: OccupationPool);
}

/// In-memory [`TitleCache`] without eviction, for one process.
#[derive(Debug, Default)]
pub struct InMemoryTitleCache {
    entries: Mutex<HashMap<String, OccupationPool>>,
}

impl TitleCache for InMemoryTitleCache {
    fn get(&self, title: &str) -> Option<OccupationPool> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get(title).cloned()
    }

    fn put(&self, title: &str, pool: OccupationPool) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.insert(title.to_string(), pool);
    }
}

/// Parses a fraction given either in [0, 1] or in [0, 100] (then divided by 100), as
/// `ONET_MIN_RELEVANCE` and `JOB_INFERRED_MIN_IMPORTANCE` accept.
pub fn parse_fraction(value: &str) -> Result<f64, OnetError> {
    let invalid = || OnetError::Fraction {
        value: value.to_string(),
    };
    let number: f64 = value.trim().parse().map_err(|_| invalid())?;
    if !number.is_finite() || number < 0.0 {
        return Err(invalid());
    }
    if number <= 1.0 {
        Ok(number)
    } else if number <= 100.0 {
        Ok(number / 100.0)
    } else {
        Err(invalid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_accepts_both_scales() {
        assert_eq!(parse_fraction("0.7").ok(), Some(0.7));
        assert_eq!(parse_fraction("70").ok(), Some(0.7));
        assert_eq!(parse_fraction("1").ok(), Some(1.0));
        assert_eq!(parse_fraction("100").ok(), Some(1.0));
    }

    #[test]
    fn fraction_rejects_out_of_range() {
        assert!(parse_fraction("-1").is_err());
        assert!(parse_fraction("150").is_err());
        assert!(parse_fraction("high").is_err());
    }

    #[test]
    fn in_memory_cache_returns_stored_pool() {
        let cache = InMemoryTitleCache::default();
        assert!(cache.get("nurse").is_none());
        let pool = OccupationPool::default();
        cache.put("nurse", pool.clone());
        assert_eq!(cache.get("nurse"), Some(pool));
    }
}
