//! `layer1 onet import DIR`: reads the O*NET database text files and writes the compact
//! file that `ONET_DIR` loads.

use std::path::{Path, PathBuf};

use anyhow::Context;
use layer1_engine::onet::OnetDatabase;

/// File name of the compact database inside `ONET_DIR`.
pub const COMPACT_FILE: &str = "onet.json";

/// Reads the database files in `source_dir` and writes `<out_dir>/onet.json`, creating
/// `out_dir` when needed. Returns the path written.
pub fn import(source_dir: &Path, out_dir: &Path) -> anyhow::Result<PathBuf> {
    let database = OnetDatabase::load_dir(source_dir)
        .with_context(|| format!("failed to read the O*NET files in {}", source_dir.display()))?;
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("failed to create {}", out_dir.display()))?;
    let path = out_dir.join(COMPACT_FILE);
    let temporary = out_dir.join(format!("{COMPACT_FILE}.tmp"));
    std::fs::write(&temporary, database.to_compact()?)
        .with_context(|| format!("failed to write {}", temporary.display()))?;
    std::fs::rename(&temporary, &path)
        .with_context(|| format!("failed to move {} into place", path.display()))?;
    tracing::info!(
        occupations = database.occupations.len(),
        path = %path.display(),
        "O*NET database imported"
    );
    Ok(path)
}
