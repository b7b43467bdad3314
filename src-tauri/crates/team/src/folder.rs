//! Where things live in the shared folder: one writer per file (a device writes only its own
//! files, each once), names that say device and sequence, and a listing that ignores what cloud
//! folders add ("conflict copy", "(1)", ".sync-conflict-", temporary files).

use crate::error::{Result, TeamError};
use std::path::{Path, PathBuf};

/// The team's folder inside the shared folder.
#[derive(Debug, Clone)]
pub struct Folder {
    shared: PathBuf,
    root: PathBuf,
}

/// A change file found in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeFile {
    pub device_id: String,
    pub seq: i64,
    pub path: PathBuf,
    /// The name shown in status lines: `device/sequence`.
    pub name: String,
}

impl Folder {
    pub fn new(shared: &Path) -> Self {
        Self { shared: shared.to_path_buf(), root: shared.join("tenderwacht-team") }
    }

    /// Fails with a clear reason when the shared folder is not there (offline, not mounted).
    pub fn reachable(&self) -> Result<()> {
        match std::fs::metadata(&self.shared) {
            Ok(m) if m.is_dir() => Ok(()),
            Ok(_) => Err(TeamError::Unreachable { path: self.shared.clone(), message: "geen map".into() }),
            Err(e) => Err(TeamError::Unreachable { path: self.shared.clone(), message: tenderwacht_core::error::describe_io(&e) }),
        }
    }

    pub fn team_file(&self) -> PathBuf {
        self.root.join("team.twt")
    }

    pub fn device_file(&self, device: &str) -> PathBuf {
        self.root.join("devices").join(format!("{device}.twt"))
    }

    pub fn change_file(&self, device: &str, seq: i64) -> PathBuf {
        self.root.join("changes").join(device).join(format!("{seq:010}.twc"))
    }

    pub fn snapshot_file(&self, device: &str, hlc: i64) -> PathBuf {
        self.root.join("snapshots").join(format!("{device}-{hlc:020}.tws"))
    }

    pub fn blob_file(&self, name: &str) -> PathBuf {
        self.root.join("files").join(name.get(..2).unwrap_or("xx")).join(format!("{name}.twb"))
    }

    /// Every well-named change file; anything else in the folder is left alone.
    pub fn change_files(&self) -> Result<Vec<ChangeFile>> {
        let dir = self.root.join("changes");
        let mut out = vec![];
        let devices = match std::fs::read_dir(&dir) {
            Ok(d) => d,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(TeamError::io(&dir, &e)),
        };
        for device in devices.flatten() {
            let device_id = device.file_name().to_string_lossy().into_owned();
            if uuid::Uuid::parse_str(&device_id).is_err() || !device.path().is_dir() {
                continue;
            }
            let Ok(files) = std::fs::read_dir(device.path()) else { continue };
            for f in files.flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                let Some(seq) = change_seq(&name) else { continue };
                out.push(ChangeFile { name: format!("{device_id}/{name}"), device_id: device_id.clone(), seq, path: f.path() });
            }
        }
        out.sort_by(|a, b| (&a.device_id, a.seq).cmp(&(&b.device_id, b.seq)));
        Ok(out)
    }

    /// The snapshot files, newest last.
    pub fn snapshots(&self) -> Result<Vec<PathBuf>> {
        let dir = self.root.join("snapshots");
        let mut out: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(d) => d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "tws") && is_plain_name(p)).collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => vec![],
            Err(e) => return Err(TeamError::io(&dir, &e)),
        };
        out.sort_by_key(|p| p.file_name().map(|n| n.to_string_lossy().rsplit('-').next().unwrap_or_default().to_string()));
        Ok(out)
    }
}

/// `0000000042.twc` -> 42; a copy ("0000000042 (1).twc", "0000000042.sync-conflict-….twc") or a
/// temporary file is not a change file.
fn change_seq(name: &str) -> Option<i64> {
    let digits = name.strip_suffix(".twc")?;
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

fn is_plain_name(p: &Path) -> bool {
    p.file_name().map(|n| n.to_string_lossy()).is_some_and(|n| !n.starts_with('.') && !n.contains(' ') && !n.contains("conflict"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_and_temporary_files_are_not_change_files() {
        assert_eq!(change_seq("0000000042.twc"), Some(42));
        for name in [
            "0000000042 (1).twc",
            "0000000042.sync-conflict-20261128.twc",
            ".tw-abc.tmp",
            "42.twc",
            "0000000000.twc",
            "0000000042 (conflict copy).twc",
        ] {
            assert_eq!(change_seq(name), None, "{name}");
        }
    }
}
