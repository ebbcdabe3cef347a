//! Mean pooling over the attention mask and L2 normalisation of token embeddings.

/// Lower bound of the mask sum in mean pooling, so an all-padding row divides by a tiny
/// number instead of zero (sentence-transformers clamps at the same value).
const MIN_MASK_SUM: f32 = 1e-9;
/// Lower bound of the norm in L2 normalisation, as in PyTorch's `F.normalize`.
const MIN_NORM: f32 = 1e-12;

/// Averages the token vectors of one sequence, counting only tokens whose mask is non-zero.
///
/// `hidden` is the row-major `[seq_len, dim]` output of the model for one input and `mask`
/// its attention mask of length `seq_len`. An all-zero mask yields the zero vector.
pub(crate) fn mean_pool(hidden: &[f32], mask: &[i64], dim: usize) -> Vec<f32> {
    let mut pooled = vec![0.0_f32; dim];
    let mut mask_sum = 0.0_f32;

    for (token, &flag) in hidden.chunks_exact(dim).zip(mask) {
        if flag == 0 {
            continue;
        }
        mask_sum += 1.0;
        for (sum, value) in pooled.iter_mut().zip(token) {
            *sum += value;
        }
    }

    let divisor = mask_sum.max(MIN_MASK_SUM);
    for value in &mut pooled {
        *value /= divisor;
    }
    pooled
}

/// Scales `vector` to unit L2 norm in place. A zero vector stays zero (never NaN).
pub(crate) fn l2_normalize(vector: &mut [f32]) {
    let norm = vector.iter().map(|value| value * value).sum::<f32>().sqrt();
    let divisor = norm.max(MIN_NORM);
    for value in vector.iter_mut() {
        *value /= divisor;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_pool_ignores_padding() {
        let hidden = [1.0, 2.0, 3.0, 4.0, 100.0, 100.0];
        let pooled = mean_pool(&hidden, &[1, 1, 0], 2);
        assert_eq!(pooled, vec![2.0, 3.0]);
    }

    #[test]
    fn mean_pool_of_empty_mask_is_zero() {
        let pooled = mean_pool(&[5.0, 5.0], &[0], 2);
        assert_eq!(pooled, vec![0.0, 0.0]);
    }

    #[test]
    fn l2_normalize_gives_unit_norm() {
        let mut vector = vec![3.0, 4.0];
        l2_normalize(&mut vector);
        assert!((vector[0] - 0.6).abs() < 1e-6);
        assert!((vector[1] - 0.8).abs() < 1e-6);
    }

    #[test]
    fn l2_normalize_keeps_zero_vector() {
        let mut vector = vec![0.0; 4];
        l2_normalize(&mut vector);
        assert!(vector.iter().all(|value| *value == 0.0));
    }
}
