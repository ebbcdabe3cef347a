//! Users, quotas and the health check.

use std::sync::Arc;

use chrono::Duration;
use layer1::store::{QuotaOutcome, Store};
use uuid::Uuid;

use crate::conformance::fixtures::{now, user};

pub(crate) async fn ensure_user_is_idempotent(store: Arc<dyn Store>) {
    let first = user(&*store, "auth0|same", 7).await;
    let second = user(&*store, "auth0|same", 50).await;
    let other = user(&*store, "auth0|other", 7).await;

    assert_eq!(second.id, first.id);
    assert_eq!(second.annual_limit, 7, "the first limit is kept");
    assert_eq!(first.auth0_sub, "auth0|same");
    assert_eq!(first.annual_usage_count, 0);
    assert_eq!(first.annual_period_start, None);
    assert_ne!(other.id, first.id);
    let stored = store.user(first.id).await.unwrap().unwrap();
    assert_eq!(stored.auth0_sub, "auth0|same");
    assert!(store.user(Uuid::new_v4()).await.unwrap().is_none());
}

pub(crate) async fn quota_counts_up_to_the_limit(store: Arc<dyn Store>) {
    let user = user(&*store, "auth0|quota", 3).await;
    let now = now();

    for _ in 0..3 {
        let outcome = store.consume_quota(user.id, now).await.unwrap();
        assert_eq!(outcome, QuotaOutcome::Counted);
    }
    let outcome = store.consume_quota(user.id, now).await.unwrap();

    assert_eq!(outcome, QuotaOutcome::Exhausted);
    let stored = store.user(user.id).await.unwrap().unwrap();
    assert_eq!(stored.annual_usage_count, 3);
    assert_eq!(stored.annual_period_start, Some(now));
}

pub(crate) async fn quota_without_allowance_counts_nothing(store: Arc<dyn Store>) {
    let user = user(&*store, "auth0|no-allowance", 0).await;

    let outcome = store.consume_quota(user.id, now()).await.unwrap();
    let unknown = store.consume_quota(Uuid::new_v4(), now()).await.unwrap();

    assert_eq!(outcome, QuotaOutcome::Exhausted);
    assert_eq!(unknown, QuotaOutcome::Exhausted);
    let stored = store.user(user.id).await.unwrap().unwrap();
    assert_eq!(stored.annual_usage_count, 0);
}

pub(crate) async fn quota_race_counts_exactly_the_limit(store: Arc<dyn Store>) {
    let user = user(&*store, "auth0|race", 100).await;
    let now = now();

    let tasks: Vec<_> = (0..150)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.consume_quota(user.id, now).await })
        })
        .collect();
    let mut counted = 0;
    let mut exhausted = 0;
    for task in tasks {
        match task.await.unwrap().unwrap() {
            QuotaOutcome::Counted => counted += 1,
            QuotaOutcome::Exhausted => exhausted += 1,
        }
    }

    assert_eq!(counted, 100);
    assert_eq!(exhausted, 50);
    let stored = store.user(user.id).await.unwrap().unwrap();
    assert_eq!(stored.annual_usage_count, 100);
}

pub(crate) async fn quota_window_resets_after_a_year(store: Arc<dyn Store>) {
    let user = user(&*store, "auth0|window", 2).await;
    let start = now() - Duration::days(400);
    for _ in 0..2 {
        let outcome = store.consume_quota(user.id, start).await.unwrap();
        assert_eq!(outcome, QuotaOutcome::Counted);
    }

    let within = store
        .consume_quota(user.id, start + Duration::days(364))
        .await
        .unwrap();
    let after = start + Duration::days(366);
    let renewed = store.consume_quota(user.id, after).await.unwrap();

    assert_eq!(within, QuotaOutcome::Exhausted);
    assert_eq!(renewed, QuotaOutcome::Counted);
    let stored = store.user(user.id).await.unwrap().unwrap();
    assert_eq!(stored.annual_usage_count, 1);
    assert_eq!(stored.annual_period_start, Some(after));
}

pub(crate) async fn refund_gives_back_one_request(store: Arc<dyn Store>) {
    let user = user(&*store, "auth0|refund", 2).await;
    let now = now();
    store.consume_quota(user.id, now).await.unwrap();
    store.consume_quota(user.id, now).await.unwrap();

    store.refund_quota(user.id).await.unwrap();

    let stored = store.user(user.id).await.unwrap().unwrap();
    assert_eq!(stored.annual_usage_count, 1);
    let outcome = store.consume_quota(user.id, now).await.unwrap();
    assert_eq!(outcome, QuotaOutcome::Counted);
    for _ in 0..3 {
        store.refund_quota(user.id).await.unwrap();
    }
    let stored = store.user(user.id).await.unwrap().unwrap();
    assert_eq!(
        stored.annual_usage_count, 0,
        "the count never goes below zero"
    );
}

pub(crate) async fn reset_quota_by_subject_or_id(store: Arc<dyn Store>) {
    let user = user(&*store, "auth0|reset", 1).await;
    store.consume_quota(user.id, now()).await.unwrap();
    let first_reset = now() + Duration::seconds(1);

    let by_subject = store
        .reset_quota("auth0|reset", first_reset)
        .await
        .unwrap()
        .unwrap();

    assert_eq!(by_subject.id, user.id);
    assert_eq!(by_subject.annual_usage_count, 0);
    assert_eq!(by_subject.annual_period_start, Some(first_reset));
    let outcome = store.consume_quota(user.id, now()).await.unwrap();
    assert_eq!(outcome, QuotaOutcome::Counted);

    let second_reset = first_reset + Duration::seconds(1);
    let by_id = store
        .reset_quota(&user.id.to_string(), second_reset)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_id.id, user.id);
    assert_eq!(by_id.annual_usage_count, 0);
    assert_eq!(by_id.annual_period_start, Some(second_reset));

    let missing = store.reset_quota("auth0|nobody", now()).await.unwrap();
    assert!(missing.is_none());
    let missing_id = store
        .reset_quota(&Uuid::new_v4().to_string(), now())
        .await
        .unwrap();
    assert!(missing_id.is_none());
}

pub(crate) async fn ping_succeeds(store: Arc<dyn Store>) {
    store.ping().await.unwrap();
}
