//! Settings that choose the object store: a local directory (the default), Cloudflare R2
//! (`R2_*`) or another S3-compatible store (`S3_*`).

use clap::Args;
use secrecy::{ExposeSecret, SecretString};

use super::S3Connection;

/// Object store chosen by [`ObjectStoreSettings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectStoreBackend {
    /// Files under BLOB_DIR: no `R2_*` or `S3_*` variable is set.
    Local,
    /// Cloudflare R2: an `R2_*` variable is set.
    R2,
    /// An S3-compatible store (Amazon S3, MinIO…): S3_BUCKET, S3_ENDPOINT or an S3 key is set.
    S3,
}

/// Settings of the S3 / Cloudflare R2 object store. With none of them set, uploads stay in the
/// local BLOB_DIR.
#[derive(Debug, Clone, Args)]
pub struct ObjectStoreSettings {
    /// Cloudflare account ID. With R2_BUCKET, R2_ACCESS_KEY_ID and R2_SECRET_ACCESS_KEY it
    /// stores uploads in R2 through `https://<R2_ACCOUNT_ID>.r2.cloudflarestorage.com`.
    #[arg(long, env = "R2_ACCOUNT_ID")]
    pub r2_account_id: Option<String>,

    /// R2 bucket for uploads.
    #[arg(long, env = "R2_BUCKET")]
    pub r2_bucket: Option<String>,

    /// Access key ID of an R2 API token with Object Read & Write permission on R2_BUCKET.
    #[arg(long, env = "R2_ACCESS_KEY_ID", hide_env_values = true)]
    pub r2_access_key_id: Option<String>,

    /// Secret access key of the R2 API token.
    #[arg(long, env = "R2_SECRET_ACCESS_KEY", hide_env_values = true)]
    pub r2_secret_access_key: Option<SecretString>,

    /// Endpoint URL of an S3-compatible store, such as `http://minio:9000`. When unset, the
    /// store is Amazon S3 in S3_REGION.
    #[arg(long, env = "S3_ENDPOINT")]
    pub s3_endpoint: Option<String>,

    /// Signing region of the S3 store.
    #[arg(long, env = "S3_REGION", default_value = "us-east-1")]
    pub s3_region: String,

    /// S3 bucket for uploads. With S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY it stores
    /// uploads in S3 instead of BLOB_DIR.
    #[arg(long, env = "S3_BUCKET")]
    pub s3_bucket: Option<String>,

    /// Access key ID for the S3 store.
    #[arg(long, env = "S3_ACCESS_KEY_ID", hide_env_values = true)]
    pub s3_access_key_id: Option<String>,

    /// Secret access key for the S3 store.
    #[arg(long, env = "S3_SECRET_ACCESS_KEY", hide_env_values = true)]
    pub s3_secret_access_key: Option<SecretString>,

    /// Address the bucket in the URL path (`<endpoint>/<bucket>/<key>`) instead of the host
    /// name (`<bucket>.<endpoint host>`). Most self-hosted stores, such as MinIO, need it.
    #[arg(long, env = "S3_FORCE_PATH_STYLE", default_value_t = false, action = clap::ArgAction::Set)]
    pub s3_force_path_style: bool,
}

impl ObjectStoreSettings {
    /// Returns the chosen store: R2 when an `R2_*` variable is set, else S3 when S3_BUCKET,
    /// S3_ENDPOINT or an S3 key is set, else the local directory. S3_REGION and
    /// S3_FORCE_PATH_STYLE have defaults, so they choose nothing on their own.
    pub fn backend(&self) -> ObjectStoreBackend {
        if self.r2_values().iter().any(|(_, value)| value.is_some()) {
            ObjectStoreBackend::R2
        } else if !self.s3_variables_set().is_empty() {
            ObjectStoreBackend::S3
        } else {
            ObjectStoreBackend::Local
        }
    }

    /// Returns the bucket connection of the chosen store, `None` for the local directory, or
    /// every problem of an incomplete or invalid configuration. Messages name variables and
    /// never print key values.
    pub fn connection(&self) -> Result<Option<S3Connection>, Vec<String>> {
        match self.backend() {
            ObjectStoreBackend::Local => Ok(None),
            ObjectStoreBackend::R2 => self.r2_connection().map(Some),
            ObjectStoreBackend::S3 => self.s3_connection().map(Some),
        }
    }

    /// Adds every problem of the object store settings to `problems`.
    pub fn check(&self, problems: &mut Vec<String>) {
        if let Err(found) = self.connection() {
            problems.extend(found);
        }
    }

    fn r2_values(&self) -> [(&'static str, Option<&str>); 4] {
        [
            ("R2_ACCOUNT_ID", text(&self.r2_account_id)),
            ("R2_BUCKET", text(&self.r2_bucket)),
            ("R2_ACCESS_KEY_ID", text(&self.r2_access_key_id)),
            (
                "R2_SECRET_ACCESS_KEY",
                secret_text(&self.r2_secret_access_key),
            ),
        ]
    }

    fn s3_values(&self) -> [(&'static str, Option<&str>); 3] {
        [
            ("S3_BUCKET", text(&self.s3_bucket)),
            ("S3_ACCESS_KEY_ID", text(&self.s3_access_key_id)),
            (
                "S3_SECRET_ACCESS_KEY",
                secret_text(&self.s3_secret_access_key),
            ),
        ]
    }

    /// Returns the names of the S3 variables that choose the S3 store and are set.
    fn s3_variables_set(&self) -> Vec<&'static str> {
        let endpoint = ("S3_ENDPOINT", text(&self.s3_endpoint));
        std::iter::once(endpoint)
            .chain(self.s3_values())
            .filter_map(|(name, value)| value.map(|_| name))
            .collect()
    }

    fn r2_connection(&self) -> Result<S3Connection, Vec<String>> {
        let values = self.r2_values();
        let set: Vec<&str> = values
            .iter()
            .filter_map(|(name, value)| value.map(|_| *name))
            .collect();
        let mut problems = missing_variables("Cloudflare R2", &values, &set);
        let [account, bucket, access_key_id, secret] = values.map(|(_, value)| value);

        if let Some(account) = account
            && !account.chars().all(|c| c.is_ascii_alphanumeric())
        {
            problems.push(
                "R2_ACCOUNT_ID must contain only letters and digits (the account ID shown in the \
                 Cloudflare dashboard)"
                    .to_string(),
            );
        }
        if let Some(bucket) = bucket {
            check_bucket("R2_BUCKET", bucket, &mut problems);
        }
        let s3_set = self.s3_variables_set();
        if !s3_set.is_empty() {
            problems.push(format!(
                "both R2_* and S3_* object store variables are set ({}): configure either \
                 Cloudflare R2 or another S3 store, not both",
                s3_set.join(", ")
            ));
        }

        match (account, bucket, access_key_id, secret) {
            (Some(account), Some(bucket), Some(access_key_id), Some(secret))
                if problems.is_empty() =>
            {
                Ok(S3Connection {
                    endpoint: Some(format!("https://{account}.r2.cloudflarestorage.com")),
                    region: "auto".to_string(),
                    bucket: bucket.to_string(),
                    access_key_id: access_key_id.to_string(),
                    secret_access_key: SecretString::from(secret.to_string()),
                    // The dashboard's S3 API URL is path-style: <endpoint>/<bucket>.
                    force_path_style: true,
                })
            }
            _ => Err(problems),
        }
    }

    fn s3_connection(&self) -> Result<S3Connection, Vec<String>> {
        let values = self.s3_values();
        let mut problems = missing_variables("an S3 store", &values, &self.s3_variables_set());
        let [bucket, access_key_id, secret] = values.map(|(_, value)| value);

        if let Some(bucket) = bucket {
            check_bucket("S3_BUCKET", bucket, &mut problems);
        }
        let endpoint = text(&self.s3_endpoint);
        if let Some(endpoint) = endpoint {
            check_endpoint(endpoint, &mut problems);
        }
        let region = self.s3_region.trim();
        if region.is_empty() || region.contains(|c: char| c.is_whitespace() || c == '/') {
            problems.push(format!(
                "S3_REGION must be a region name such as us-east-1 (got {region:?})"
            ));
        }

        match (bucket, access_key_id, secret) {
            (Some(bucket), Some(access_key_id), Some(secret)) if problems.is_empty() => {
                Ok(S3Connection {
                    endpoint: endpoint.map(|url| url.trim_end_matches('/').to_string()),
                    region: region.to_string(),
                    bucket: bucket.to_string(),
                    access_key_id: access_key_id.to_string(),
                    secret_access_key: SecretString::from(secret.to_string()),
                    force_path_style: self.s3_force_path_style,
                })
            }
            _ => Err(problems),
        }
    }
}

/// Returns the trimmed value, or `None` when unset or blank.
fn text(value: &Option<String>) -> Option<&str> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

/// Returns the trimmed secret, or `None` when unset or blank.
fn secret_text(value: &Option<SecretString>) -> Option<&str> {
    value
        .as_ref()
        .map(|secret| secret.expose_secret().trim())
        .filter(|value| !value.is_empty())
}

/// Returns one problem per variable of `values` that is missing, naming the variables in `set`
/// that chose this store.
fn missing_variables(
    store: &str,
    values: &[(&'static str, Option<&str>)],
    set: &[&str],
) -> Vec<String> {
    let names: Vec<&str> = values.iter().map(|(name, _)| *name).collect();
    let needed = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(", "),
    };
    let verb = if set.len() == 1 { "is" } else { "are" };
    let set = set.join(", ");
    values
        .iter()
        .filter(|(_, value)| value.is_none())
        .map(|(name, _)| {
            format!(
                "{name} is missing: uploads go to {store} because {set} {verb} set, and it needs \
                 {needed}"
            )
        })
        .collect()
}

/// Adds a problem unless `bucket` is a plausible bucket name.
fn check_bucket(variable: &str, bucket: &str, problems: &mut Vec<String>) {
    let valid_characters = bucket
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if !valid_characters || !(3..=255).contains(&bucket.len()) {
        problems.push(format!(
            "{variable} must be a bucket name of 3 to 255 letters, digits, '.', '-' or '_' \
             (got {bucket:?})"
        ));
    }
}

/// Adds a problem unless `endpoint` is an http or https URL without credentials or query.
fn check_endpoint(endpoint: &str, problems: &mut Vec<String>) {
    let url = match reqwest::Url::parse(endpoint) {
        Ok(url) => url,
        Err(error) => {
            problems.push(format!("S3_ENDPOINT is not a valid URL: {error}"));
            return;
        }
    };
    if !matches!(url.scheme(), "http" | "https") {
        problems.push(format!(
            "S3_ENDPOINT must be an http or https URL (got scheme {:?})",
            url.scheme()
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        problems.push(
            "S3_ENDPOINT must not contain credentials: use S3_ACCESS_KEY_ID and \
             S3_SECRET_ACCESS_KEY"
                .to_string(),
        );
    }
    if url.query().is_some() || url.fragment().is_some() {
        problems.push("S3_ENDPOINT must not have a query or fragment".to_string());
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::*;

    /// Settings with only the given variables set, as `(name, value)` pairs.
    fn settings(variables: &[(&str, &str)]) -> ObjectStoreSettings {
        let mut settings = ObjectStoreSettings {
            r2_account_id: None,
            r2_bucket: None,
            r2_access_key_id: None,
            r2_secret_access_key: None,
            s3_endpoint: None,
            s3_region: "us-east-1".to_string(),
            s3_bucket: None,
            s3_access_key_id: None,
            s3_secret_access_key: None,
            s3_force_path_style: false,
        };
        for (name, value) in variables {
            let value = value.to_string();
            match *name {
                "R2_ACCOUNT_ID" => settings.r2_account_id = Some(value),
                "R2_BUCKET" => settings.r2_bucket = Some(value),
                "R2_ACCESS_KEY_ID" => settings.r2_access_key_id = Some(value),
                "R2_SECRET_ACCESS_KEY" => settings.r2_secret_access_key = Some(value.into()),
                "S3_ENDPOINT" => settings.s3_endpoint = Some(value),
                "S3_REGION" => settings.s3_region = value,
                "S3_BUCKET" => settings.s3_bucket = Some(value),
                "S3_ACCESS_KEY_ID" => settings.s3_access_key_id = Some(value),
                "S3_SECRET_ACCESS_KEY" => settings.s3_secret_access_key = Some(value.into()),
                "S3_FORCE_PATH_STYLE" => settings.s3_force_path_style = value == "true",
                other => panic!("unknown variable {other}"),
            }
        }
        settings
    }

    const R2_COMPLETE: [(&str, &str); 4] = [
        ("R2_ACCOUNT_ID", "0123456789abcdef0123456789abcdef"),
        ("R2_BUCKET", "layer1-uploads"),
        ("R2_ACCESS_KEY_ID", "r2-key-id"),
        ("R2_SECRET_ACCESS_KEY", "r2-secret-value"),
    ];

    const S3_COMPLETE: [(&str, &str); 3] = [
        ("S3_BUCKET", "layer1-uploads"),
        ("S3_ACCESS_KEY_ID", "s3-key-id"),
        ("S3_SECRET_ACCESS_KEY", "s3-secret-value"),
    ];

    #[derive(Debug, Parser)]
    struct TestCli {
        #[command(flatten)]
        object_store: ObjectStoreSettings,
    }

    #[test]
    fn arguments_are_well_formed() {
        TestCli::command().debug_assert();
    }

    #[test]
    fn nothing_set_selects_local() {
        let settings = settings(&[]);
        assert_eq!(settings.backend(), ObjectStoreBackend::Local);
        assert!(settings.connection().unwrap().is_none());
    }

    #[test]
    fn region_and_path_style_alone_select_local() {
        let settings = settings(&[("S3_REGION", "eu-west-1"), ("S3_FORCE_PATH_STYLE", "true")]);
        assert_eq!(settings.backend(), ObjectStoreBackend::Local);
    }

    #[test]
    fn blank_values_count_as_unset() {
        let settings = settings(&[("R2_BUCKET", "  "), ("S3_BUCKET", "")]);
        assert_eq!(settings.backend(), ObjectStoreBackend::Local);
    }

    #[test]
    fn complete_r2_settings_build_the_account_endpoint() {
        let settings = settings(&R2_COMPLETE);
        assert_eq!(settings.backend(), ObjectStoreBackend::R2);

        let connection = settings.connection().unwrap().unwrap();
        assert_eq!(
            connection.endpoint.as_deref(),
            Some("https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com")
        );
        assert_eq!(connection.region, "auto");
        assert_eq!(connection.bucket, "layer1-uploads");
        assert_eq!(connection.access_key_id, "r2-key-id");
        assert_eq!(
            connection.secret_access_key.expose_secret(),
            "r2-secret-value"
        );
        assert!(connection.force_path_style);
    }

    #[test]
    fn r2_bucket_without_keys_names_each_missing_variable() {
        let settings = settings(&[("R2_BUCKET", "layer1-uploads")]);
        assert_eq!(settings.backend(), ObjectStoreBackend::R2);

        let problems = settings.connection().unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("R2_ACCOUNT_ID is missing"));
        assert!(problems[1].starts_with("R2_ACCESS_KEY_ID is missing"));
        assert!(problems[2].starts_with("R2_SECRET_ACCESS_KEY is missing"));
        assert!(problems[1].contains("because R2_BUCKET is set"));
    }

    #[test]
    fn r2_problems_never_print_secrets() {
        let mut variables = R2_COMPLETE.to_vec();
        variables[0] = ("R2_ACCOUNT_ID", "not/an/account");
        variables.push(("S3_BUCKET", "other"));
        let settings = settings(&variables);

        let mut problems = Vec::new();
        settings.check(&mut problems);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let text = problems.join("\n");
        assert!(text.contains("R2_ACCOUNT_ID must contain only letters and digits"));
        assert!(text.contains("both R2_* and S3_*"));
        assert!(!text.contains("r2-secret-value"));
        assert!(!text.contains("r2-key-id"));
    }

    #[test]
    fn complete_s3_settings_use_defaults() {
        let settings = settings(&S3_COMPLETE);
        assert_eq!(settings.backend(), ObjectStoreBackend::S3);

        let connection = settings.connection().unwrap().unwrap();
        assert_eq!(connection.endpoint, None);
        assert_eq!(connection.region, "us-east-1");
        assert_eq!(connection.bucket, "layer1-uploads");
        assert!(!connection.force_path_style);
    }

    #[test]
    fn s3_endpoint_and_path_style_pass_through() {
        let mut variables = S3_COMPLETE.to_vec();
        variables.extend([
            ("S3_ENDPOINT", "http://minio:9000/"),
            ("S3_REGION", "eu-central-1"),
            ("S3_FORCE_PATH_STYLE", "true"),
        ]);
        let connection = settings(&variables).connection().unwrap().unwrap();
        assert_eq!(connection.endpoint.as_deref(), Some("http://minio:9000"));
        assert_eq!(connection.region, "eu-central-1");
        assert!(connection.force_path_style);
    }

    #[test]
    fn s3_endpoint_alone_names_the_missing_bucket_and_keys() {
        let settings = settings(&[("S3_ENDPOINT", "http://minio:9000")]);
        assert_eq!(settings.backend(), ObjectStoreBackend::S3);

        let problems = settings.connection().unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("S3_BUCKET is missing"));
        assert!(problems[1].starts_with("S3_ACCESS_KEY_ID is missing"));
        assert!(problems[2].starts_with("S3_SECRET_ACCESS_KEY is missing"));
    }

    #[test]
    fn s3_secret_without_key_id_is_reported() {
        let settings = settings(&[
            ("S3_BUCKET", "uploads"),
            ("S3_SECRET_ACCESS_KEY", "s3-secret-value"),
        ]);
        let problems = settings.connection().unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("S3_ACCESS_KEY_ID is missing"));
        assert!(problems[0].contains("because S3_BUCKET, S3_SECRET_ACCESS_KEY are set"));
        assert!(!problems[0].contains("s3-secret-value"));
    }

    #[test]
    fn invalid_s3_values_are_reported() {
        let mut variables = S3_COMPLETE.to_vec();
        variables[0] = ("S3_BUCKET", "a/b");
        variables.extend([
            ("S3_ENDPOINT", "ftp://user:pw@minio:9000?x=1"),
            ("S3_REGION", " "),
        ]);
        let problems = settings(&variables).connection().unwrap_err();
        let text = problems.join("\n");
        assert!(text.contains("S3_BUCKET must be a bucket name"), "{text}");
        assert!(
            text.contains("S3_ENDPOINT must be an http or https URL"),
            "{text}"
        );
        assert!(
            text.contains("S3_ENDPOINT must not contain credentials"),
            "{text}"
        );
        assert!(text.contains("S3_ENDPOINT must not have a query"), "{text}");
        assert!(text.contains("S3_REGION must be a region name"), "{text}");
        assert!(!text.contains("pw@"), "{text}");
        assert_eq!(problems.len(), 5, "{problems:?}");
    }

    #[test]
    fn debug_output_hides_secret_keys() {
        let mut variables = R2_COMPLETE.to_vec();
        variables.push(("S3_SECRET_ACCESS_KEY", "s3-secret-value"));
        let settings = settings(&variables);
        let printed = format!("{settings:?}");
        assert!(!printed.contains("r2-secret-value"));
        assert!(!printed.contains("s3-secret-value"));
    }

    #[test]
    fn connection_debug_hides_the_secret_key() {
        let connection = settings(&R2_COMPLETE).connection().unwrap().unwrap();
        let printed = format!("{connection:?}");
        assert!(printed.contains("r2-key-id"));
        assert!(!printed.contains("r2-secret-value"));
    }
}
