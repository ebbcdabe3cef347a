//! Ranking one job against 100,000 stored profiles: the `i8` first stage over every profile,
//! then the full scorer on the 50 best, as the ranking routes run it.
//!
//! Run with `cargo bench --bench rank`. Profiles are synthetic: each has 12 skills drawn from
//! a pool of 2,000, with deterministic pseudo-random 384-dimension vectors, and its profile is
//! the normalised mean of its skill vectors.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use layer1::rank::StoredEmbedder;
use layer1::store::DocumentVectors;
use layer1_engine::score::rank::{QuantizedProfiles, profile_vector, rank_two_stage, top_k_exact};
use layer1_engine::score::{
    CandidateEntry, MatchInput, MatchOptions, RequirementEntry, score_match,
};

const PROFILES: usize = 100_000;
const DIMENSION: usize = 384;
const POOL: usize = 2_000;
const SKILLS_PER_PROFILE: usize = 12;
const REQUIREMENTS: usize = 10;
const SHORTLIST: usize = 50;
const K: usize = 10;

/// A small deterministic generator (xorshift64*), so runs compare.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1_u64 << 24) as f32 * 2.0 - 1.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

struct World {
    pool: Vec<(String, Vec<f32>)>,
    skills: Vec<[u16; SKILLS_PER_PROFILE]>,
    profiles: Vec<Vec<f32>>,
    job_skills: Vec<usize>,
    job_profile: Vec<f32>,
}

fn world() -> World {
    let mut generator = Generator(0x9e37_79b9_7f4a_7c15);
    let pool: Vec<(String, Vec<f32>)> = (0..POOL)
        .map(|n| {
            let raw: Vec<f32> = (0..DIMENSION).map(|_| generator.unit()).collect();
            (
                format!("skill {n}"),
                profile_vector(DIMENSION, [(raw.as_slice(), 1.0)]),
            )
        })
        .collect();
    let skills: Vec<[u16; SKILLS_PER_PROFILE]> = (0..PROFILES)
        .map(|_| std::array::from_fn(|_| generator.below(POOL) as u16))
        .collect();
    let profiles = skills
        .iter()
        .map(|drawn| {
            profile_vector(
                DIMENSION,
                drawn.iter().map(|&s| (pool[s as usize].1.as_slice(), 1.0)),
            )
        })
        .collect();
    let job_skills: Vec<usize> = (0..REQUIREMENTS).map(|_| generator.below(POOL)).collect();
    let job_profile = profile_vector(
        DIMENSION,
        job_skills.iter().map(|&s| (pool[s].1.as_slice(), 1.0)),
    );
    World {
        pool,
        skills,
        profiles,
        job_skills,
        job_profile,
    }
}

fn input(world: &World, profile: usize) -> MatchInput {
    MatchInput {
        candidates: world.skills[profile]
            .iter()
            .map(|&s| CandidateEntry {
                skill: world.pool[s as usize].0.clone(),
                skill_id: None,
                evidence: None,
            })
            .collect(),
        requirements: world
            .job_skills
            .iter()
            .map(|&s| RequirementEntry {
                skill: world.pool[s].0.clone(),
                skill_id: None,
                importance: Some(0.8),
                inferred: false,
                any_of: None,
            })
            .collect(),
        ..MatchInput::default()
    }
}

fn bench_rank(c: &mut Criterion) {
    let world = world();
    let set = QuantizedProfiles::from_vectors(DIMENSION, world.profiles.iter().map(Vec::as_slice));
    let pool = DocumentVectors {
        model_id: "synthetic".to_string(),
        profile: vec![0.0; DIMENSION],
        items: world.pool.clone(),
    };
    let embedder = StoredEmbedder::new(&pool, &pool);
    let options = MatchOptions::default();

    let mut group = c.benchmark_group("rank_100k");
    group.sample_size(20);
    group.bench_function("two_stage_top10", |b| {
        b.iter(|| {
            rank_two_stage(&set, black_box(&world.job_profile), SHORTLIST, K, |index| {
                score_match(&input(&world, index), &embedder, &options)
                    .ok()
                    .map(|scored| scored.score)
            })
        })
    });
    group.bench_function("i8_scan_top50", |b| {
        b.iter(|| set.top_k(black_box(&world.job_profile), SHORTLIST))
    });
    group.bench_function("f32_scan_top50", |b| {
        b.iter(|| top_k_exact(&world.profiles, black_box(&world.job_profile), SHORTLIST))
    });
    group.finish();
}

criterion_group!(benches, bench_rank);
criterion_main!(benches);
