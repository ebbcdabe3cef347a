//! glibc malloc settings applied when the process starts.
//!
//! glibc raises its trim and mmap thresholds each time the process frees a block that was
//! mapped on its own (up to 64 MiB and 32 MiB on 64-bit targets). From then on, freed heap
//! memory stays resident in every arena. After `scripts/load-test.sh 4000 10`, glibc's
//! `malloc_stats` counted 70 to 85 MB of free heap in `layer1 serve`. Setting the trim threshold
//! by hand turns that adjustment off, so both thresholds stay at glibc's initial 128 KiB, large
//! blocks get their own mappings and each arena returns its free top to the kernel.
//!
//! glibc reads the environment once, before `main`, and the workspace forbids `unsafe` code,
//! which rules out calling `mallopt`. So [`apply_defaults`] executes the binary again with
//! `MALLOC_TRIM_THRESHOLD_` added to the environment. When the user already set a trim
//! threshold, as `MALLOC_TRIM_THRESHOLD_` or as `glibc.malloc.trim_threshold` in
//! `GLIBC_TUNABLES`, glibc uses that value and the binary adds nothing. Other malloc settings,
//! such as `MALLOC_ARENA_MAX`, are left to the user and combine with this one. Only Linux
//! builds against glibc do anything here.

use std::ffi::OsString;

/// The environment variable that glibc reads as the trim threshold, in bytes.
pub const TRIM_THRESHOLD_VAR: &str = "MALLOC_TRIM_THRESHOLD_";

/// Trim threshold set when the user set none: glibc's initial value, 128 KiB.
pub const TRIM_THRESHOLD_BYTES: usize = 128 * 1024;

/// The `GLIBC_TUNABLES` name of the trim threshold.
const TRIM_THRESHOLD_TUNABLE: &str = "glibc.malloc.trim_threshold";

/// Returns the trim threshold to add to the environment, or `None` when `lookup` (an
/// environment reader) shows that the user already set one.
pub fn trim_threshold_to_set(lookup: impl Fn(&str) -> Option<OsString>) -> Option<usize> {
    if lookup(TRIM_THRESHOLD_VAR).is_some() {
        return None;
    }

    let tunables = lookup("GLIBC_TUNABLES").unwrap_or_default();
    let sets_trim_threshold = tunables
        .to_string_lossy()
        .split(':')
        .any(|setting| setting.split('=').next() == Some(TRIM_THRESHOLD_TUNABLE));
    if sets_trim_threshold {
        return None;
    }
    Some(TRIM_THRESHOLD_BYTES)
}

/// Executes this binary again, same arguments and process id, with the trim threshold in the
/// environment unless the user set one. Call it first in `main`, before any thread starts.
/// Child processes inherit the variable, so they are not executed twice.
///
/// Returns `None` when there is nothing to do, or when the target is not Linux with glibc.
/// Returns the error when the binary could not be executed, and the process then carries on
/// with glibc's defaults. On success it does not return.
pub fn apply_defaults() -> Option<std::io::Error> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::process::CommandExt;

        let threshold = trim_threshold_to_set(|name| std::env::var_os(name))?;
        let mut args = std::env::args_os();
        let mut command = std::process::Command::new("/proc/self/exe");
        if let Some(program) = args.next() {
            command.arg0(program);
        }
        Some(
            command
                .args(args)
                .env(TRIM_THRESHOLD_VAR, threshold.to_string())
                .exec(),
        )
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn environment(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| OsString::from(value))
        }
    }

    #[test]
    fn empty_environment_gets_threshold() {
        let threshold = trim_threshold_to_set(environment(&[]));
        assert_eq!(threshold, Some(128 * 1024));
    }

    #[test]
    fn user_trim_threshold_kept() {
        let threshold = trim_threshold_to_set(environment(&[(TRIM_THRESHOLD_VAR, "1048576")]));
        assert_eq!(threshold, None);
    }

    #[test]
    fn user_tunable_trim_threshold_kept() {
        let lookup = environment(&[(
            "GLIBC_TUNABLES",
            "glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=65536",
        )]);
        assert_eq!(trim_threshold_to_set(lookup), None);
    }

    #[test]
    fn other_tunables_keep_threshold() {
        let lookup = environment(&[
            (
                "GLIBC_TUNABLES",
                "glibc.malloc.trim_threshold_x=1:glibc.malloc.arena_max=2",
            ),
            ("MALLOC_ARENA_MAX", "2"),
        ]);
        assert_eq!(trim_threshold_to_set(lookup), Some(TRIM_THRESHOLD_BYTES));
    }
}
