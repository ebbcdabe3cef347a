//! Cosine kernels and match scoring strategies.
