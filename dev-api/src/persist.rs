//! `--data FILE`: the tenant as one JSON file, rewritten atomically after every change.
//!
//! A change is saved before it is applied in memory and before its response is sent
//! ([`crate::AppState::write`]): the changed copy of the tenant is serialized, written to a new
//! temporary file with a random name in the same folder (created with `create_new`, so an
//! existing file is never reused or followed), flushed to disk with fsync, and renamed over
//! the old file. Only then does the copy replace the tenant in memory; when saving fails, the
//! request answers 500 and memory keeps the old state. A crash (even `kill -9`) leaves either
//! the old or the new file, never a torn one. Saves are ordered by the tenant's version: a
//! save that finds a newer state already on disk is skipped, because that state includes its
//! change.

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

/// The folder of `path` (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A fresh temporary file name next to `path`: `.NAME.RANDOM.tmp` in the same folder (so the
/// rename stays on one file system), RANDOM being 16 random bytes in hex.
fn temp_path(path: &Path) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dev-api-data.json".to_owned());
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).map_err(|e| std::io::Error::other(e.to_string()))?;
    let random: String = random.iter().map(|b| format!("{b:02x}")).collect();
    Ok(folder_of(path).join(format!(".{name}.{random}.tmp")))
}

/// Writes `bytes` to `path` through a new temporary file (random name, `create_new`), fsync
/// and rename. On failure the temporary file is removed and `path` is untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path);
    let temp = temp_path(path)?;
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if let Err(err) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(err);
    }
    // Make the rename itself durable.
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dev-api-persist-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn temporary_names_are_random_and_next_to_the_file() {
        let path = Path::new("/some/folder/tenant.json");
        let a = temp_path(path).expect("name");
        let b = temp_path(path).expect("name");
        assert_ne!(a, b);
        assert_eq!(a.parent(), Some(Path::new("/some/folder")));
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with(".tenant.json.") && name.ends_with(".tmp"),
            "{name}"
        );
        assert_eq!(
            temp_path(Path::new("t.json")).unwrap().parent(),
            Some(Path::new("."))
        );
    }

    #[test]
    fn writes_replace_the_file_and_leave_no_temporary_file() {
        let dir = temp_dir();
        let file = dir.join("tenant.json");
        write_atomically(&file, b"one").expect("first write");
        write_atomically(&file, b"two").expect("second write");
        assert_eq!(std::fs::read(&file).expect("read"), b"two");
        assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = temp_dir();
        let file = dir.join("tenant.json");
        write_atomically(&file, b"old").expect("write");
        // Renaming a file over a folder fails after the temporary file was written.
        let folder = dir.join("busy");
        std::fs::create_dir(&folder).expect("folder");
        assert!(write_atomically(&folder, b"new").is_err());
        let names: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
        assert_eq!(std::fs::read(&file).expect("read"), b"old");
        let gone = dir.join("gone").join("tenant.json");
        assert!(
            write_atomically(&gone, b"x").is_err(),
            "a missing folder fails"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
