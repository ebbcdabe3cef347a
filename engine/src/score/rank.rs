//! Top-k ranking over many stored profile vectors, in two stages.
//!
//! The first stage scans every profile quantised to `i8` ([`QuantizedProfiles`]) and keeps a
//! shortlist of the highest approximate cosines. The second stage runs a full scorer on the
//! shortlist only ([`rank_two_stage`]). [`top_k_exact`] is the plain `f32` version the first
//! stage is checked against.
//!
//! Quantisation is symmetric per vector: a vector `x` is stored as `round(x / s)` with
//! `s = max|x_i| / 127`. For unit vectors the approximate cosine differs from the exact one by
//! about 0.001 on typical sentence embeddings; [`SCORE_TOLERANCE`] is the bound the tests
//! check.

use std::cmp::Ordering;

use crate::score::cosine::{dot, norm};

/// Largest difference between the approximate cosine of the first stage and the exact `f32`
/// cosine, for unit vectors of 32 to 1024 dimensions (checked by the property tests).
pub const SCORE_TOLERANCE: f32 = 0.02;

/// Largest quantised magnitude.
const LEVELS: f32 = 127.0;
/// Number of independent accumulators in the `i8` kernel.
const LANES: usize = 16;

/// One entry of a ranking: the position of a profile in the scanned set and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// Position of the profile in the set it was scanned from.
    pub index: usize,
    /// Approximate cosine of the first stage, in [-1, 1] up to [`SCORE_TOLERANCE`].
    pub approximate: f32,
    /// Score of the full scorer, or the approximate cosine after [`top_k`] alone.
    pub score: f64,
}

/// Profile vectors of one dimension quantised to `i8`, stored row after row.
#[derive(Debug, Clone, Default)]
pub struct QuantizedProfiles {
    dimension: usize,
    codes: Vec<i8>,
    scales: Vec<f32>,
}

/// A query vector quantised like the profiles.
#[derive(Debug, Clone)]
pub struct QuantizedQuery {
    codes: Vec<i8>,
    scale: f32,
}

impl QuantizedProfiles {
    /// Creates an empty set of `dimension`-sized profiles.
    pub fn new(dimension: usize) -> Self {
        Self {
            dimension,
            codes: Vec::new(),
            scales: Vec::new(),
        }
    }

    /// Quantises every vector of `profiles`; each must have `dimension` values.
    ///
    /// # Panics
    ///
    /// Panics when a vector has another length than `dimension`.
    pub fn from_vectors<'a>(
        dimension: usize,
        profiles: impl IntoIterator<Item = &'a [f32]>,
    ) -> Self {
        let mut set = Self::new(dimension);
        for profile in profiles {
            set.push(profile);
        }
        set
    }

    /// Appends one profile, normalised to unit length first (the zero vector stays zero).
    ///
    /// # Panics
    ///
    /// Panics when `profile` has another length than the set's dimension.
    pub fn push(&mut self, profile: &[f32]) {
        assert_eq!(
            profile.len(),
            self.dimension,
            "a profile of {} values does not fit a set of dimension {}",
            profile.len(),
            self.dimension
        );
        let (codes, scale) = quantize(profile);
        self.codes.extend_from_slice(&codes);
        self.scales.push(scale);
    }

    /// Returns the number of profiles.
    pub fn len(&self) -> usize {
        self.scales.len()
    }

    /// Returns whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.scales.is_empty()
    }

    /// Returns the dimension of the profiles.
    pub fn dimension(&self) -> usize {
        self.dimension
    }

    /// Quantises a query for [`Self::score`] and [`Self::top_k`]. Values beyond the set's
    /// dimension are ignored and missing ones count as 0.
    pub fn query(&self, query: &[f32]) -> QuantizedQuery {
        let mut padded = vec![0.0; self.dimension];
        for (slot, value) in padded.iter_mut().zip(query) {
            *slot = *value;
        }
        let (codes, scale) = quantize(&padded);
        QuantizedQuery { codes, scale }
    }

    /// Returns the approximate cosine of profile `index` with `query`.
    ///
    /// # Panics
    ///
    /// Panics when `index` is out of range.
    pub fn score(&self, query: &QuantizedQuery, index: usize) -> f32 {
        let row = &self.codes[index * self.dimension..(index + 1) * self.dimension];
        dot_i8(row, &query.codes) as f32 * self.scales[index] * query.scale
    }

    /// Returns the `k` profiles with the highest approximate cosine with `query`, best first
    /// (ties by lower index). `score` and `approximate` hold the same value.
    pub fn top_k(&self, query: &[f32], k: usize) -> Vec<Ranked> {
        if k == 0 || self.is_empty() {
            return Vec::new();
        }
        let query = self.query(query);
        let mut scored: Vec<(usize, f32)> = (0..self.len())
            .map(|index| (index, self.score(&query, index)))
            .collect();
        select_best(&mut scored, k);
        scored
            .into_iter()
            .map(|(index, approximate)| Ranked {
                index,
                approximate,
                score: f64::from(approximate),
            })
            .collect()
    }
}

/// Normalises `vector` to unit length and quantises it; returns the codes and the scale that
/// turns a code back into a value.
fn quantize(vector: &[f32]) -> (Vec<i8>, f32) {
    let length = norm(vector);
    let unit: Vec<f32> = if length > 0.0 && length.is_finite() {
        vector.iter().map(|value| value / length).collect()
    } else {
        vec![0.0; vector.len()]
    };
    let largest = unit.iter().fold(0.0_f32, |max, value| max.max(value.abs()));
    if largest == 0.0 {
        return (vec![0; vector.len()], 0.0);
    }
    let scale = largest / LEVELS;
    let codes = unit
        .iter()
        .map(|value| (value / scale).round().clamp(-LEVELS, LEVELS) as i8)
        .collect();
    (codes, scale)
}

/// Returns the integer dot product of two code rows over their common length.
///
/// Sixteen independent `i32` lanes over `chunks_exact` let the compiler widen and multiply in
/// SIMD registers without `unsafe` or target-specific code.
fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    let len = a.len().min(b.len());
    let (a, b) = (&a[..len], &b[..len]);

    let mut lanes = [0_i32; LANES];
    let a_chunks = a.chunks_exact(LANES);
    let b_chunks = b.chunks_exact(LANES);
    let tail: i32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| i32::from(*x) * i32::from(*y))
        .sum();

    for (x, y) in a_chunks.zip(b_chunks) {
        for lane in 0..LANES {
            lanes[lane] += i32::from(x[lane]) * i32::from(y[lane]);
        }
    }
    lanes.iter().sum::<i32>() + tail
}

/// Orders by score, highest first, then by lower index.
fn by_score_desc(a: &(usize, f32), b: &(usize, f32)) -> Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Keeps the `k` best entries of `scored`, sorted best first.
fn select_best(scored: &mut Vec<(usize, f32)>, k: usize) {
    if scored.len() > k {
        scored.select_nth_unstable_by(k - 1, by_score_desc);
        scored.truncate(k);
    }
    scored.sort_unstable_by(by_score_desc);
}

/// Returns the `k` vectors of `profiles` with the highest exact `f32` cosine with `query`, best
/// first (ties by lower index): the reference for [`QuantizedProfiles::top_k`].
pub fn top_k_exact(profiles: &[Vec<f32>], query: &[f32], k: usize) -> Vec<Ranked> {
    if k == 0 {
        return Vec::new();
    }
    let query_norm = norm(query);
    let mut scored: Vec<(usize, f32)> = profiles
        .iter()
        .enumerate()
        .map(|(index, profile)| {
            let denominator = query_norm * norm(profile);
            let cosine = if denominator > 0.0 && denominator.is_finite() {
                dot(profile, query) / denominator
            } else {
                0.0
            };
            (index, cosine)
        })
        .collect();
    select_best(&mut scored, k);
    scored
        .into_iter()
        .map(|(index, approximate)| Ranked {
            index,
            approximate,
            score: f64::from(approximate),
        })
        .collect()
}

/// Ranks `profiles` against `query` in two stages: the `shortlist` best by approximate cosine,
/// then `full_score` on each of those. Returns the `k` best by full score, ties broken by the
/// approximate cosine and then by lower index. Entries for which `full_score` returns `None`
/// are left out.
pub fn rank_two_stage<F>(
    profiles: &QuantizedProfiles,
    query: &[f32],
    shortlist: usize,
    k: usize,
    mut full_score: F,
) -> Vec<Ranked>
where
    F: FnMut(usize) -> Option<f64>,
{
    let mut ranked: Vec<Ranked> = profiles
        .top_k(query, shortlist.max(k))
        .into_iter()
        .filter_map(|entry| full_score(entry.index).map(|score| Ranked { score, ..entry }))
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.approximate.total_cmp(&a.approximate))
            .then(a.index.cmp(&b.index))
    });
    ranked.truncate(k);
    ranked
}

/// Returns the weighted mean of `vectors`, normalised to unit length: the profile vector of a
/// document from the vectors of its skills. Weights that are not positive count as 0. Returns
/// the zero vector of `dimension` values when nothing has weight.
pub fn profile_vector<'a>(
    dimension: usize,
    vectors: impl IntoIterator<Item = (&'a [f32], f32)>,
) -> Vec<f32> {
    let mut sum = vec![0.0_f32; dimension];
    for (vector, weight) in vectors {
        if weight <= 0.0 || !weight.is_finite() {
            continue;
        }
        for (slot, value) in sum.iter_mut().zip(vector) {
            *slot += weight * value;
        }
    }
    let length = norm(&sum);
    if length > 0.0 && length.is_finite() {
        for value in &mut sum {
            *value /= length;
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn unit(values: Vec<f32>) -> Vec<f32> {
        let length = norm(&values);
        if length == 0.0 {
            return values;
        }
        values.into_iter().map(|v| v / length).collect()
    }

    /// Generates up to `count` unit vectors and a query of one dimension from a fixed set.
    fn vectors(count: usize) -> impl Strategy<Value = (Vec<Vec<f32>>, Vec<f32>)> {
        prop_oneof![Just(32_usize), Just(100), Just(384), Just(1024)].prop_flat_map(
            move |dimension| {
                let vector = prop::collection::vec(-1.0_f32..1.0, dimension).prop_map(unit);
                (
                    prop::collection::vec(vector.clone(), 1..=count),
                    vector.clone(),
                )
            },
        )
    }

    #[test]
    fn identical_vector_scores_about_one() {
        let profile = unit((0..384).map(|i| (i as f32 * 0.37).sin()).collect());
        let set = QuantizedProfiles::from_vectors(384, [profile.as_slice()]);

        let score = set.score(&set.query(&profile), 0);

        assert!((score - 1.0).abs() < 0.005, "score {score}");
    }

    #[test]
    fn zero_vectors_score_zero() {
        let set = QuantizedProfiles::from_vectors(4, [[0.0_f32; 4].as_slice()]);
        assert_eq!(set.score(&set.query(&[1.0, 0.0, 0.0, 0.0]), 0), 0.0);
        assert_eq!(set.score(&set.query(&[0.0; 4]), 0), 0.0);
    }

    #[test]
    fn integer_kernel_matches_plain_sum_with_a_tail() {
        let a: Vec<i8> = (0..37).map(|i| (i * 7 % 255 - 127) as i8).collect();
        let b: Vec<i8> = (0..37).map(|i| (i * 13 % 255 - 127) as i8).collect();
        let plain: i32 = a
            .iter()
            .zip(&b)
            .map(|(x, y)| i32::from(*x) * i32::from(*y))
            .sum();
        assert_eq!(dot_i8(&a, &b), plain);
        assert_eq!(dot_i8(&[-128, 127], &[-128, 127]), 16384 + 16129);
    }

    #[test]
    fn two_stage_orders_by_full_score() {
        let profiles: Vec<Vec<f32>> = vec![
            vec![1.0, 0.0, 0.0],
            vec![0.9, 0.1, 0.0],
            vec![0.0, 1.0, 0.0],
            vec![0.7, 0.7, 0.0],
        ];
        let set = QuantizedProfiles::from_vectors(3, profiles.iter().map(Vec::as_slice));
        let full = [0.2, 0.9, 0.5, 0.4];

        let ranked = rank_two_stage(&set, &[1.0, 0.0, 0.0], 3, 2, |index| {
            (index != 0).then_some(full[index])
        });

        let order: Vec<usize> = ranked.iter().map(|r| r.index).collect();
        assert_eq!(order, vec![1, 3]);
        assert_eq!(ranked[0].score, 0.9);
    }

    #[test]
    fn profile_vector_is_the_normalised_weighted_mean() {
        let a = [1.0_f32, 0.0];
        let b = [0.0_f32, 1.0];

        let profile = profile_vector(2, [(a.as_slice(), 3.0), (b.as_slice(), 1.0)]);
        let expected = unit(vec![3.0, 1.0]);
        assert!((profile[0] - expected[0]).abs() < 1e-6);
        assert!((profile[1] - expected[1]).abs() < 1e-6);

        assert_eq!(profile_vector(2, [(a.as_slice(), 0.0)]), vec![0.0, 0.0]);
    }

    proptest! {
        #[test]
        fn approximate_scores_agree_with_exact((profiles, query) in vectors(40)) {
            let set = QuantizedProfiles::from_vectors(
                query.len(),
                profiles.iter().map(Vec::as_slice),
            );
            let quantized = set.query(&query);
            for (index, profile) in profiles.iter().enumerate() {
                let exact = dot(profile, &query);
                let approximate = set.score(&quantized, index);
                prop_assert!(
                    (exact - approximate).abs() <= SCORE_TOLERANCE,
                    "profile {index}: exact {exact}, approximate {approximate}"
                );
            }
        }

        #[test]
        fn true_best_is_in_the_quantized_top_k(
            (profiles, query) in vectors(200),
            k in 1_usize..12,
        ) {
            let exact = top_k_exact(&profiles, &query, profiles.len());
            let best = exact[0];
            let set = QuantizedProfiles::from_vectors(
                query.len(),
                profiles.iter().map(Vec::as_slice),
            );

            let shortlist = set.top_k(&query, k);

            prop_assert_eq!(shortlist.len(), k.min(profiles.len()));
            let found = shortlist.iter().any(|entry| entry.index == best.index);
            // The best can only be pushed out by k others within twice the tolerance of it.
            let close = exact
                .iter()
                .filter(|entry| entry.approximate >= best.approximate - 2.0 * SCORE_TOLERANCE)
                .count();
            prop_assert!(found || close > k, "best {best:?} missing from {shortlist:?}");
        }

        #[test]
        fn planted_near_duplicate_ranks_first((profiles, query) in vectors(200)) {
            let mut profiles = profiles;
            let near: Vec<f32> = unit(
                query.iter().enumerate().map(|(i, v)| v + if i == 0 { 0.01 } else { 0.0 }).collect(),
            );
            let planted = profiles.len() / 2;
            profiles.insert(planted, near);
            let set = QuantizedProfiles::from_vectors(
                query.len(),
                profiles.iter().map(Vec::as_slice),
            );

            let shortlist = set.top_k(&query, 1);

            prop_assert_eq!(shortlist[0].index, planted);
        }
    }
}
