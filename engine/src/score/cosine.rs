//! Dot-product and cosine kernels over `f32` slices, and the requirement × candidate
//! similarity matrix.
//!
//! The kernels sum eight independent lanes (`chunks_exact(8)`) so the compiler can keep them
//! in SIMD registers without `unsafe` or target-specific code. Lane sums are added in a
//! different order than a plain left-to-right loop, so results can differ from it in the last
//! bits.

/// Number of independent accumulators in the kernels.
const LANES: usize = 8;

/// Returns the dot product of two vectors over their common length.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let len = a.len().min(b.len());
    let (a, b) = (&a[..len], &b[..len]);

    let mut lanes = [0.0_f32; LANES];
    let a_chunks = a.chunks_exact(LANES);
    let b_chunks = b.chunks_exact(LANES);
    let tail: f32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();

    for (x, y) in a_chunks.zip(b_chunks) {
        for lane in 0..LANES {
            lanes[lane] += x[lane] * y[lane];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// Returns the Euclidean norm of a vector.
pub fn norm(a: &[f32]) -> f32 {
    dot(a, a).sqrt()
}

/// Returns the cosine similarity of two vectors, in [-1, 1] up to rounding.
///
/// Returns 0 when either vector has zero norm (for example the zero vector that embedders
/// return for blank text), never NaN.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let denominator = norm(a) * norm(b);
    if denominator == 0.0 || !denominator.is_finite() {
        return 0.0;
    }
    (dot(a, b) / denominator).clamp(-1.0, 1.0)
}

/// A dense row-major matrix of similarities: one row per requirement, one column per
/// candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarityMatrix {
    rows: usize,
    cols: usize,
    values: Vec<f32>,
}

impl SimilarityMatrix {
    /// Computes the cosine of every requirement vector with every candidate vector.
    pub fn cosine(requirements: &[Vec<f32>], candidates: &[Vec<f32>]) -> Self {
        let candidate_norms: Vec<f32> = candidates.iter().map(|vector| norm(vector)).collect();
        let mut values = Vec::with_capacity(requirements.len() * candidates.len());

        for requirement in requirements {
            let requirement_norm = norm(requirement);
            for (candidate, candidate_norm) in candidates.iter().zip(&candidate_norms) {
                let denominator = requirement_norm * candidate_norm;
                let value = if denominator == 0.0 || !denominator.is_finite() {
                    0.0
                } else {
                    (dot(requirement, candidate) / denominator).clamp(-1.0, 1.0)
                };
                values.push(value);
            }
        }

        Self {
            rows: requirements.len(),
            cols: candidates.len(),
            values,
        }
    }

    /// Returns the number of rows (requirements).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Returns the number of columns (candidates).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Returns the similarity of requirement `row` and candidate `col`.
    ///
    /// # Panics
    ///
    /// Panics when `row` or `col` is out of range.
    pub fn get(&self, row: usize, col: usize) -> f32 {
        assert!(
            row < self.rows,
            "row {row} out of range ({} rows)",
            self.rows
        );
        assert!(
            col < self.cols,
            "column {col} out of range ({} columns)",
            self.cols
        );
        self.values[row * self.cols + col]
    }

    /// Returns the similarities of one requirement with every candidate.
    ///
    /// # Panics
    ///
    /// Panics when `row` is out of range.
    pub fn row(&self, row: usize) -> &[f32] {
        assert!(
            row < self.rows,
            "row {row} out of range ({} rows)",
            self.rows
        );
        &self.values[row * self.cols..(row + 1) * self.cols]
    }

    /// Returns the column of the highest similarity in `row` (the first one on ties) and its
    /// value, or `None` when there are no candidates.
    pub fn best_in_row(&self, row: usize) -> Option<(usize, f32)> {
        let mut best: Option<(usize, f32)> = None;
        for (col, &value) in self.row(row).iter().enumerate() {
            if best.is_none_or(|(_, best_value)| value > best_value) {
                best = Some((col, value));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn naive_dot(a: &[f32], b: &[f32]) -> f64 {
        a.iter()
            .zip(b)
            .map(|(x, y)| f64::from(*x) * f64::from(*y))
            .sum()
    }

    fn naive_cosine(a: &[f32], b: &[f32]) -> f64 {
        let denominator = naive_dot(a, a).sqrt() * naive_dot(b, b).sqrt();
        if denominator == 0.0 {
            0.0
        } else {
            naive_dot(a, b) / denominator
        }
    }

    fn unit(vector: Vec<f32>) -> Vec<f32> {
        let length = vector.iter().map(|v| v * v).sum::<f32>().sqrt();
        if length == 0.0 {
            return vector;
        }
        vector.into_iter().map(|v| v / length).collect()
    }

    fn vector_pair() -> impl Strategy<Value = (Vec<f32>, Vec<f32>)> {
        (0_usize..70).prop_flat_map(|len| {
            (
                prop::collection::vec(-1.0_f32..1.0, len),
                prop::collection::vec(-1.0_f32..1.0, len),
            )
        })
    }

    #[test]
    fn identical_vectors_score_one() {
        let vector = unit(vec![0.3, -0.2, 0.9, 0.1, 0.5, 0.0, -0.7, 0.2, 0.4]);
        assert!((cosine(&vector, &vector) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn zero_vector_scores_zero() {
        let zero = vec![0.0; 16];
        let other = vec![1.0; 16];
        assert_eq!(cosine(&zero, &other), 0.0);
        assert_eq!(cosine(&zero, &zero), 0.0);
    }

    #[test]
    fn dot_handles_tail_after_lanes() {
        let a: Vec<f32> = (1..=11).map(|v| v as f32).collect();
        let b = vec![1.0; 11];
        assert_eq!(dot(&a, &b), 66.0);
    }

    #[test]
    fn matrix_has_requirement_rows() {
        let requirements = vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]];
        let candidates = vec![vec![1.0, 0.0], vec![0.0, 2.0]];
        let matrix = SimilarityMatrix::cosine(&requirements, &candidates);

        assert_eq!((matrix.rows(), matrix.cols()), (3, 2));
        assert!((matrix.get(0, 0) - 1.0).abs() < 1e-6);
        assert!(matrix.get(0, 1).abs() < 1e-6);
        assert!((matrix.get(1, 1) - 1.0).abs() < 1e-6);
        assert_eq!(matrix.best_in_row(1), Some((1, matrix.get(1, 1))));
    }

    #[test]
    fn best_in_row_takes_first_of_ties() {
        let matrix = SimilarityMatrix::cosine(&[vec![1.0, 0.0]], &[vec![0.0, 1.0], vec![0.0, 1.0]]);
        assert_eq!(matrix.best_in_row(0), Some((0, 0.0)));
    }

    #[test]
    fn best_in_row_without_candidates_is_none() {
        let matrix = SimilarityMatrix::cosine(&[vec![1.0, 0.0]], &[]);
        assert_eq!(matrix.best_in_row(0), None);
    }

    proptest! {
        #[test]
        fn dot_agrees_with_naive((a, b) in vector_pair()) {
            let fast = f64::from(dot(&a, &b));
            prop_assert!((fast - naive_dot(&a, &b)).abs() < 1e-4);
        }

        #[test]
        fn cosine_agrees_with_naive((a, b) in vector_pair()) {
            let (a, b) = (unit(a), unit(b));
            let fast = f64::from(cosine(&a, &b));
            prop_assert!((fast - naive_cosine(&a, &b)).abs() < 1e-5);
        }

        #[test]
        fn cosine_is_symmetric((a, b) in vector_pair()) {
            prop_assert_eq!(cosine(&a, &b), cosine(&b, &a));
        }

        #[test]
        fn cosine_of_unit_vectors_is_in_range((a, b) in vector_pair()) {
            let value = cosine(&unit(a), &unit(b));
            prop_assert!((-1.0..=1.0).contains(&value));
        }

        #[test]
        fn matrix_matches_pairwise_cosine((a, b) in vector_pair()) {
            let matrix = SimilarityMatrix::cosine(std::slice::from_ref(&a), &[b.clone(), a.clone()]);
            prop_assert_eq!(matrix.get(0, 0), cosine(&a, &b));
            prop_assert_eq!(matrix.get(0, 1), cosine(&a, &a));
        }
    }
}
