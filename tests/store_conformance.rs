//! Repository conformance: every case in `conformance/cases` runs once per backend listed in
//! `conformance/backends.rs`, each on a fresh database of its own, so every backend keeps the
//! same contract (soft delete, purge, quotas, idempotent completion, stored vectors).
//!
//! A backend whose server is not reachable prints `skipped: <reason>` and passes. PostgreSQL
//! is read from `TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`);
//! its user must be allowed to create databases.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

#[macro_use]
mod conformance;
mod support;

conformance_tests! {
    users {
        ensure_user_is_idempotent,
        quota_counts_up_to_the_limit,
        quota_without_allowance_counts_nothing,
        quota_race_counts_exactly_the_limit,
        quota_window_resets_after_a_year,
        refund_gives_back_one_request,
        reset_quota_by_subject_or_id,
        ping_succeeds,
    },
    resumes {
        resume_round_trips,
        resumes_list_newest_first,
        resume_status_changes,
        complete_resume_twice_keeps_same_rows,
        complete_resume_replaces_skills,
        deleted_resume_is_hidden,
    },
    jobs {
        job_round_trips,
        jobs_list_newest_first,
        job_status_changes,
        complete_job_twice_keeps_same_rows,
        deleted_job_is_hidden,
        text_with_nul_characters_is_stored,
    },
    matches {
        match_round_trips_with_ownership,
        match_status_changes,
        complete_match_twice_keeps_one_result,
        completing_unknown_match_fails,
    },
    lifecycle {
        pages_walk_newest_first,
        pages_with_equal_times_return_each_row_once,
        requeue_only_requeues_failures,
        purge_resume_removes_everything,
        purge_job_removes_everything,
        completing_purged_documents_writes_nothing,
        expired_items_lists_old_documents,
    },
    vectors {
        document_vectors_round_trip_exactly,
        profiles_list_fresh_vectors_and_missing_documents,
        embedding_cache_round_trips,
        database_cache_serves_the_engine,
    },
    races {
        purge_and_complete_document_race,
        purge_and_complete_match_race,
        concurrent_purges_of_shared_matches,
        concurrent_completions_keep_one_result,
    },
}
