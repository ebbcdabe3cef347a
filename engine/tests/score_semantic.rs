//! The `semantic` strategy and the scoring entry point with the real sentence model.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod embed_common;

use std::sync::Arc;

use layer1_engine::Engine;
use layer1_engine::embed::Embedder;
use layer1_engine::extract::ExtractLimits;
use layer1_engine::score::semantic::{RELATED_CREDIT, RELATED_THRESHOLD, SAME_THRESHOLD};
use layer1_engine::score::{
    CandidateEntry, CandidateSkill, MatchInput, MatchKind, MatchOptions, ProfileFacts,
    RequirementEntry, RequirementInput, ScoreOptions, SoftSkillInput, Strategy, score_exact,
    score_semantic,
};
use layer1_engine::skills::Taxonomy;

use embed_common::onnx_embedder;

fn engine(embedder: Arc<dyn Embedder>) -> Engine {
    Engine::new(&Taxonomy::builtin(), embedder, ExtractLimits::default())
}

fn candidates(skills: &[&str]) -> Vec<CandidateEntry> {
    skills
        .iter()
        .map(|skill| CandidateEntry {
            skill: (*skill).to_string(),
            skill_id: None,
            evidence: Some(format!("Built services with {skill}")),
        })
        .collect()
}

fn requirements(skills: &[(&str, f64)]) -> Vec<RequirementEntry> {
    skills
        .iter()
        .map(|(skill, importance)| RequirementEntry {
            skill: (*skill).to_string(),
            skill_id: None,
            importance: Some(*importance),
            inferred: false,
            any_of: None,
        })
        .collect()
}

fn input(candidate_skills: &[&str], requirement_skills: &[(&str, f64)]) -> MatchInput {
    MatchInput {
        candidates: candidates(candidate_skills),
        requirements: requirements(requirement_skills),
        ..MatchInput::default()
    }
}

#[test]
fn postgres_is_covered_by_postgresql() {
    let Some(model) = onnx_embedder() else {
        return;
    };
    let engine = engine(model.clone());
    let scored = engine
        .score_match(
            input(&["PostgreSQL", "python"], &[("postgres", 1.0)]),
            &MatchOptions::default(),
        )
        .unwrap();
    let decision = &scored.requirements[0];
    assert_eq!(decision.kind, MatchKind::Alias);
    assert_eq!(decision.credit, 1.0);
    assert_eq!(decision.matched_skill.as_deref(), Some("postgresql"));
    assert_eq!(
        decision.evidence.as_deref(),
        Some("Built services with PostgreSQL")
    );
    assert_eq!(scored.breakdown.hard_skills.score, Some(1.0));

    // Without taxonomy ids the embeddings alone still count the pair as the same skill.
    let by_embedding = score_semantic(
        &candidates(&["postgresql"]),
        &requirements(&[("postgres", 1.0)]),
        model.as_ref(),
        &ScoreOptions::default(),
    )
    .unwrap();
    let decision = &by_embedding.matches[0];
    assert_eq!(decision.kind, MatchKind::Semantic, "{decision:?}");
    assert!(decision.similarity >= f64::from(SAME_THRESHOLD));
    assert_eq!(
        by_embedding.score,
        (decision.similarity * 1000.0).round() / 1000.0
    );
}

#[test]
fn java_does_not_cover_javascript() {
    let Some(model) = onnx_embedder() else {
        return;
    };
    let scored = engine(model)
        .score_match(
            input(&["javascript"], &[("java", 1.0)]),
            &MatchOptions::default(),
        )
        .unwrap();
    let decision = &scored.requirements[0];
    assert_eq!(decision.kind, MatchKind::None, "{decision:?}");
    assert_eq!(decision.credit, 0.0, "{decision:?}");
    assert!(scored.outcome.summary.strengths.is_empty());
    assert_eq!(scored.breakdown.hard_skills.score, Some(0.0));
}

#[test]
fn related_skill_gets_partial_credit() {
    let Some(model) = onnx_embedder() else {
        return;
    };
    let scored = engine(model)
        .score_match(
            input(&["tensorflow", "excel"], &[("pytorch", 1.0)]),
            &MatchOptions::default(),
        )
        .unwrap();
    let decision = &scored.requirements[0];
    assert_eq!(decision.kind, MatchKind::Related, "{decision:?}");
    assert_eq!(decision.matched_skill.as_deref(), Some("tensorflow"));
    assert!(decision.similarity >= f64::from(RELATED_THRESHOLD));
    let expected = decision.similarity * RELATED_CREDIT;
    assert!((decision.credit - expected).abs() < 1e-9);
    assert!(decision.credit > 0.0);
    assert!(decision.credit < 0.5);
    assert_eq!(scored.outcome.summary.gaps.len(), 1);
}

#[test]
fn unrelated_skill_gets_no_credit() {
    let Some(model) = onnx_embedder() else {
        return;
    };
    let scored = engine(model)
        .score_match(
            input(&["etl", "nursing"], &[("freight", 1.0)]),
            &MatchOptions::default(),
        )
        .unwrap();
    let decision = &scored.requirements[0];
    assert_eq!(decision.kind, MatchKind::None, "{decision:?}");
    assert_eq!(decision.credit, 0.0);
    assert!(decision.similarity < f64::from(RELATED_THRESHOLD));
}

#[test]
fn exact_strategy_through_the_entry_point_is_unchanged() {
    let Some(model) = onnx_embedder() else {
        return;
    };
    let candidate_skills = ["python", "postgresql", "docker", "react", "aws"];
    let requirement_skills = [
        ("python", 1.0),
        ("postgres", 0.8),
        ("kubernetes", 0.6),
        ("react", 0.0),
        ("Docker", 0.5),
    ];
    let options = MatchOptions {
        strategy: Strategy::Exact,
        ..MatchOptions::default()
    };
    let scored = engine(model.clone())
        .score_match(input(&candidate_skills, &requirement_skills), &options)
        .unwrap();

    let reference = score_exact(
        &candidate_skills
            .iter()
            .map(|skill| CandidateSkill {
                skill: (*skill).to_string(),
                experience_years: None,
                proficiency: None,
            })
            .collect::<Vec<_>>(),
        &requirement_skills
            .iter()
            .map(|(skill, importance)| RequirementInput {
                skill: (*skill).to_string(),
                importance: Some(*importance),
                inferred: false,
            })
            .collect::<Vec<_>>(),
        model.as_ref(),
        &ScoreOptions::default(),
    )
    .unwrap();
    assert_eq!(scored.outcome, reference);
    // python, react and docker count (1 + 0.5 + 0.5 of 3.4); postgres does not under the
    // reference rule.
    assert_eq!(reference.score, 0.588);
    let kinds: Vec<MatchKind> = scored.requirements.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            MatchKind::Canonical,
            MatchKind::None,
            MatchKind::None,
            MatchKind::Canonical,
            MatchKind::Canonical
        ]
    );
}

#[test]
fn breakdown_blends_the_four_categories() {
    let Some(model) = onnx_embedder() else {
        return;
    };
    let mut input = input(
        &["python", "communication"],
        &[("python", 1.0), ("rust", 1.0)],
    );
    input.soft_skills = vec![
        SoftSkillInput {
            skill: "communication".into(),
            value: 1.0,
        },
        SoftSkillInput {
            skill: "leadership".into(),
            value: 1.0,
        },
    ];
    input.facts = ProfileFacts {
        candidate_years: Some(3.0),
        required_years: Some(6.0),
        candidate_education: vec!["bachelor".into()],
        required_education: Some("bachelor".into()),
        equivalent_experience: false,
        equivalent_years: None,
    };
    let scored = engine(model)
        .score_match(input, &MatchOptions::default())
        .unwrap();

    let breakdown = &scored.breakdown;
    let hard = breakdown.hard_skills.score.unwrap();
    let soft = breakdown.soft_skills.score.unwrap();
    assert!((0.5..1.0).contains(&hard), "{breakdown:?}");
    assert!((0.5..1.0).contains(&soft), "{breakdown:?}");
    assert_eq!(breakdown.experience.score, Some(0.5));
    assert_eq!(breakdown.education.score, Some(1.0));
    assert!(
        breakdown
            .soft_skills
            .based_on
            .starts_with("1 of 2 soft skills")
    );
    let expected = 0.6 * hard + 0.1 * soft + 0.2 * 0.5 + 0.1;
    assert!(
        (scored.score - expected).abs() < 0.001,
        "{} vs {expected}",
        scored.score
    );
}

#[test]
fn parsed_groups_and_degrees_reach_scorer() {
    let Some(model) = onnx_embedder() else {
        return;
    };
    let engine = engine(model);
    let gazetteer = layer1_engine::skills::Gazetteer::builtin();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let resume = layer1_engine::resume::parse_resume(
        "Noor Haddad\nnoor.haddad@example.com\n\nExperience\n\
         Backend Developer, Orrin Labs, Jan 2022 - Present\n- Built APIs in Python\n\n\
         Education\nB.S. Computer Science, Larkfield University, expected May 2027\n",
        gazetteer,
        as_of,
    );
    let job = layer1_engine::skills::parse_job(
        "Backend Developer\nRequirements\n- One of Python, Ruby or Go\n\
         - Bachelor's degree in Computer Science\n",
        gazetteer,
    );

    let input = engine.match_input(&resume, &job);
    assert!(input.facts.candidate_education.is_empty());
    assert_eq!(input.facts.required_education.as_deref(), Some("bachelor"));

    let scored = engine.score_match(input, &MatchOptions::default()).unwrap();
    assert_eq!(scored.breakdown.hard_skills.score, Some(1.0));
    let ruby = scored
        .requirements
        .iter()
        .find(|r| r.requirement == "ruby")
        .unwrap();
    assert_eq!(ruby.alternative_to.as_deref(), Some("python"));
    assert_eq!(scored.breakdown.education.score, Some(0.0));
}
