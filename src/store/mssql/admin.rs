//! Database creation and removal on the server of the settings, for test suites that give
//! each test a fresh database. The login must be allowed to create databases.

use super::error::MssqlError;
use super::pool::Pool;
use super::settings::MssqlSettings;
use crate::store::StoreError;

/// Returns an error unless `name` is 1-100 ASCII letters, digits or underscores, which is
/// safe to place in a statement between brackets.
pub fn check_database_name(name: &str) -> Result<(), MssqlError> {
    let valid = !name.is_empty()
        && name.len() <= 100
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if valid {
        Ok(())
    } else {
        Err(MssqlError::Settings {
            problems: vec![format!(
                "database name {name:?} must be 1-100 ASCII letters, digits or underscores"
            )],
        })
    }
}

/// Runs `statement` on the `master` database of the server in `settings`.
async fn run_on_master(settings: &MssqlSettings, statement: &str) -> Result<(), StoreError> {
    let mut master = settings.clone();
    master.azure_sql_database = Some("master".to_string());
    let config = master
        .tiberius_config()
        .map_err(|problems| MssqlError::Settings { problems })?;
    let pool = Pool::new(config, 1, settings.connect_timeout());
    let mut connection = pool.open().await?;
    connection
        .simple_query(statement)
        .await
        .map_err(MssqlError::from)?
        .into_results()
        .await
        .map_err(MssqlError::from)?;
    connection.close().await.map_err(MssqlError::from)?;
    Ok(())
}

/// Creates the database `name`.
pub async fn create_database(settings: &MssqlSettings, name: &str) -> Result<(), StoreError> {
    check_database_name(name)?;
    run_on_master(settings, &format!("CREATE DATABASE [{name}]")).await
}

/// Drops the database `name` if it exists, first closing other sessions on it where the server
/// allows that (Azure SQL does not, and drops it anyway).
pub async fn drop_database(settings: &MssqlSettings, name: &str) -> Result<(), StoreError> {
    check_database_name(name)?;
    let statement = format!(
        "IF DB_ID(N'{name}') IS NOT NULL
         BEGIN
             BEGIN TRY
                 EXEC(N'ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE');
             END TRY
             BEGIN CATCH
             END CATCH;
             EXEC(N'DROP DATABASE [{name}]');
         END"
    );
    run_on_master(settings, &statement).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_are_checked() {
        assert!(check_database_name("layer1_conf_0123abcd").is_ok());
        for bad in ["", "a]; DROP DATABASE x; --", "name with space", "ümlaut"] {
            assert!(check_database_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_database_name(&"a".repeat(101)).is_err());
    }
}
