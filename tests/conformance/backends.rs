//! The backends the suite runs against, and a factory for each that opens a store on a fresh
//! database.
//!
//! Every backend is listed once, in [`backend_tests!`]: a test name and a factory, an `async
//! fn() -> Option<TestDb>` that returns `None` (after printing `skipped: <reason>`) when its
//! server is not reachable. Adding a backend takes its factory here and one more entry in
//! that list.

use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use layer1::store::postgres::PostgresStore;
use layer1::store::sqlite::{self, SqliteStore};
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use uuid::Uuid;

use super::TestDb;

/// Expands into one `#[tokio::test]` per backend that runs `$case` on a fresh database.
macro_rules! backend_tests {
    ($case:path) => {
        backend_tests!(@each $case;
            sqlite => crate::conformance::backends::sqlite,
            postgres => crate::conformance::backends::postgres,
            mssql => crate::conformance::backends::mssql
        );
    };
    (@each $case:path; $($backend:ident => $open:path),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $backend() {
                crate::conformance::run($open().await, $case).await;
            }
        )*
    };
}

/// Server of the PostgreSQL tests when `TEST_DATABASE_URL` is not set.
const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// Connections per PostgreSQL test store.
const POSTGRES_MAX_CONNECTIONS: u32 = 16;

/// Time allowed to reach the PostgreSQL server before its tests are skipped.
const POSTGRES_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens a migrated SQLite store on a file in a temporary directory.
pub(crate) async fn sqlite() -> Option<TestDb> {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("layer1.db").display());
    let pool = sqlite::connect(&url).await.unwrap();
    sqlite::migrate(&pool).await.unwrap();

    let store = Arc::new(SqliteStore::new(pool.clone()));
    let cleanup = Box::pin(async move {
        pool.close().await;
        drop(dir);
    });
    Some(TestDb { store, cleanup })
}

/// Creates a database `layer1_conf_<random>` on the server of `TEST_DATABASE_URL` and
/// opens a migrated PostgreSQL store on it. The clean-up drops the database.
pub(crate) async fn postgres() -> Option<TestDb> {
    let (store, cleanup) = postgres_store().await?;
    Some(TestDb {
        store: Arc::new(store),
        cleanup,
    })
}

/// Creates a database `layer1_conf_<random>` on the server of the `AZURE_SQL_*` variables and
/// opens a migrated store on it; the clean-up drops the database.
pub(crate) async fn mssql() -> Option<TestDb> {
    use layer1::store::mssql::{MssqlStore, admin, settings::MssqlSettings};

    let settings = MssqlSettings::from_env().unwrap();
    if !settings.is_configured() {
        crate::support::report_skip("no SQL Server (AZURE_SQL_SERVER is not set)");
        return None;
    }
    let name = format!("layer1_conf_{}", Uuid::new_v4().simple());
    admin::create_database(&settings, &name).await.unwrap();

    let mut scoped = settings.clone();
    scoped.azure_sql_database = Some(name.clone());
    let store = MssqlStore::connect(&scoped).await.unwrap();
    store.migrate().await.unwrap();
    let closing = store.clone();
    let cleanup: BoxFuture<'static, ()> = Box::pin(async move {
        closing.close().await;
        if let Err(error) = admin::drop_database(&settings, &name).await {
            println!("failed to drop test database {name}: {error}");
        }
    });
    Some(TestDb {
        store: Arc::new(store),
        cleanup,
    })
}

/// Opens a PostgreSQL store on a fresh database, as [`postgres`] does, for tests of
/// PostgreSQL-only behaviour. Returns the store and the clean-up that drops the database.
pub(crate) async fn postgres_store() -> Option<(PostgresStore, BoxFuture<'static, ()>)> {
    let admin_url =
        std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned());
    let connected =
        tokio::time::timeout(POSTGRES_CONNECT_TIMEOUT, PgConnection::connect(&admin_url)).await;
    let Ok(Ok(mut admin)) = connected else {
        crate::support::report_skip(&format!("no PostgreSQL at {}", redact_password(&admin_url)));
        return None;
    };
    let name = format!("layer1_conf_{}", Uuid::new_v4().simple());
    sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();

    let store = PostgresStore::connect(&with_database(&admin_url, &name), POSTGRES_MAX_CONNECTIONS)
        .await
        .unwrap();
    let pool = store.pool().clone();
    let cleanup: BoxFuture<'static, ()> = Box::pin(async move {
        pool.close().await;
        drop_database(&admin_url, &name).await;
    });
    Some((store, cleanup))
}

/// Drops a test database. A failure leaves it behind and is only printed.
async fn drop_database(admin_url: &str, name: &str) {
    let dropped = async {
        let mut admin = PgConnection::connect(admin_url).await?;
        sqlx::raw_sql(AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut admin)
        .await?;
        admin.close().await
    };
    if let Err(error) = dropped.await {
        println!("failed to drop test database {name}: {error}");
    }
}

/// Returns `url` with its database (the path) replaced by `database`, keeping any query.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |index| index + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |index| authority_start + index);
    let mut replaced = format!("{}/{database}", &base[..path_start]);
    if let Some(query) = query {
        replaced.push('?');
        replaced.push_str(query);
    }
    replaced
}

/// Returns `url` with the password of its user info, if any, replaced by `***`.
fn redact_password(url: &str) -> String {
    let authority_start = url.find("://").map_or(0, |index| index + 3);
    let Some(at) = url[authority_start..].find('@') else {
        return url.to_owned();
    };
    let user_info = &url[authority_start..authority_start + at];
    match user_info.split_once(':') {
        Some((user, _)) => format!(
            "{}{user}:***{}",
            &url[..authority_start],
            &url[authority_start + at..]
        ),
        None => url.to_owned(),
    }
}

#[test]
fn database_is_replaced_in_urls() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
        "postgres://postgres@127.0.0.1:5432/t1"
    );
    assert_eq!(
        with_database("postgres://u:p@db:5432/app?sslmode=disable", "t1"),
        "postgres://u:p@db:5432/t1?sslmode=disable"
    );
    assert_eq!(with_database("postgres://db", "t1"), "postgres://db/t1");
}

#[test]
fn password_is_redacted_from_urls() {
    assert_eq!(
        redact_password("postgres://u:secret@db:5432/app"),
        "postgres://u:***@db:5432/app"
    );
    assert_eq!(
        redact_password("postgres://postgres@127.0.0.1:5432/postgres"),
        "postgres://postgres@127.0.0.1:5432/postgres"
    );
}
