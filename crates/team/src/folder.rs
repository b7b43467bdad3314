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

/// A change file found in the folder: one device's entries `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeFile {
    pub device_id: String,
    pub first: i64,
    pub last: i64,
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
            Err(e) => Err(TeamError::Unreachable { path: self.shared.clone(), message: tenderwacht_store::error::describe_io(&e) }),
        }
    }

    pub fn team_file(&self) -> PathBuf {
        self.root.join("team.twt")
    }

    pub fn device_file(&self, device: &str) -> PathBuf {
        self.root.join("devices").join(format!("{device}.twt"))
    }

    /// The file of a device's entries `first..=last` (one sync round's worth, written once).
    pub fn change_file(&self, device: &str, first: i64, last: i64) -> PathBuf {
        self.root.join("changes").join(device).join(format!("{first:010}-{last:010}.twc"))
    }

    pub fn snapshot_file(&self, device: &str, hlc: i64) -> PathBuf {
        self.root.join("snapshots").join(format!("{device}-{hlc:020}.tws"))
    }

    /// The renewal of the team key to generation `epoch`.
    pub fn renewal_file(&self, epoch: u32) -> PathBuf {
        self.root.join("keys").join(format!("{epoch:04}.twt"))
    }

    /// The generations the folder's renewal files are named for.
    pub fn renewal_epochs(&self) -> Vec<u32> {
        let Ok(list) = std::fs::read_dir(self.root.join("keys")) else { return vec![] };
        list.flatten()
            .filter_map(|f| {
                let name = f.file_name().to_string_lossy().into_owned();
                let digits = name.strip_suffix(".twt")?;
                (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten()
            })
            .collect()
    }

    /// This laptop's change files, as they lie in the folder.
    pub fn own_change_files(&self, device: &str) -> Vec<ChangeFile> {
        self.change_files().unwrap_or_default().into_iter().filter(|f| f.device_id == device).collect()
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
                let Some((first, last)) = change_range(&name) else { continue };
                out.push(ChangeFile { name: format!("{device_id}/{name}"), device_id: device_id.clone(), first, last, path: f.path() });
            }
        }
        out.sort_by(|a, b| (&a.device_id, a.first, a.last).cmp(&(&b.device_id, b.first, b.last)));
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

/// `0000000042-0000000050.twc` -> (42, 50); a copy ("… (1).twc", "….sync-conflict-….twc") or a
/// temporary file is not a change file.
fn change_range(name: &str) -> Option<(i64, i64)> {
    let (first, last) = name.strip_suffix(".twc")?.split_once('-')?;
    let number = |d: &str| -> Option<i64> { (d.len() == 10 && d.bytes().all(|b| b.is_ascii_digit())).then(|| d.parse().ok()).flatten() };
    let (first, last) = (number(first)?, number(last)?);
    (first > 0 && first <= last).then_some((first, last))
}

fn is_plain_name(p: &Path) -> bool {
    p.file_name().map(|n| n.to_string_lossy()).is_some_and(|n| !n.starts_with('.') && !n.contains(' ') && !n.contains("conflict"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_and_temporary_files_are_not_change_files() {
        assert_eq!(change_range("0000000042-0000000050.twc"), Some((42, 50)));
        for name in [
            "0000000042-0000000050 (1).twc",
            "0000000042-0000000050.sync-conflict-20261128.twc",
            ".tw-abc.tmp",
            "42-50.twc",
            "0000000000-0000000001.twc",
            "0000000050-0000000042.twc",
            "0000000042-0000000050 (conflict copy).twc",
        ] {
            assert_eq!(change_range(name), None, "{name}");
        }
    }
}
