//! `--data FILE`: the tenant as one JSON file, rewritten atomically after every change.
//!
//! A change is saved before its response is sent: the new state is serialized (under the
//! tenant lock, so it is consistent), then written to a temporary file in the same folder,
//! flushed to disk with fsync, and renamed over the old file. A crash (even `kill -9`) leaves
//! either the old or the new file, never a torn one. Saves are ordered by the tenant's
//! version: a save that finds a newer state already on disk is skipped, because that state
//! includes its change.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use tokio::sync::Mutex;

use crate::errors::ApiError;

/// Writes the `--data` file.
#[derive(Debug)]
pub struct Persister {
    path: PathBuf,
    written: Mutex<u64>,
}

impl Persister {
    /// A persister for `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            written: Mutex::new(0),
        }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves the state with `version` unless a newer one is already on disk.
    pub async fn save(&self, version: u64, bytes: Vec<u8>) -> Result<(), ApiError> {
        let mut written = self.written.lock().await;
        if *written >= version && version != 0 {
            return Ok(());
        }
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || write_atomically(&path, &bytes))
            .await
            .map_err(|e| ApiError::internal(format!("Saving the data file failed: {e}.")))?
            .map_err(|e| {
                ApiError::internal(format!(
                    "The change could not be saved to {}: {e}.",
                    self.path.display()
                ))
            })?;
        *written = version;
        Ok(())
    }
}

/// Writes `bytes` to `path` through a temporary file, fsync and rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dev-api-data.json".to_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&temp, path)?;
    // Make the rename itself durable.
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}
