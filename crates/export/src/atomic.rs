//! Every export is written to a temporary file next to its destination and renamed into place
//! only when complete, so a crash or a full disk never leaves a half-written file under the final
//! name (and a failed write leaves no temporary file behind: it is removed on drop).

use crate::error::{ExportError, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Zip entry options dated at the export moment (zip stores the local wall-clock time; without a
/// date every entry would say 1 January 1980).
pub fn zip_options() -> zip::write::SimpleFileOptions {
    use chrono::{Datelike, Timelike};
    let now = tenderwacht_domain::time::local_naive(chrono::Utc::now());
    let to = |v: u32| u8::try_from(v).unwrap_or(0);
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        to(now.month()),
        to(now.day()),
        to(now.hour()),
        to(now.minute()),
        to(now.second()),
    )
    .unwrap_or_default();
    zip::write::SimpleFileOptions::default().last_modified_time(stamp)
}

/// A file being written; [`AtomicFile::commit`] makes it appear under its final name.
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl AtomicFile {
    /// An export for the consultant's other programs: created with the user's umask (0644 on a
    /// usual desktop), as any program's saved file.
    pub fn create(target: &Path) -> Result<Self> {
        Self::create_with(target, 0o666)
    }

    /// A file only its owner may read (a backup holds every provider's VOG and other personal
    /// data): 0600.
    pub fn create_private(target: &Path) -> Result<Self> {
        Self::create_with(target, 0o600)
    }

    #[cfg_attr(not(unix), allow(unused_variables))]
    fn create_with(target: &Path, mode: u32) -> Result<Self> {
        let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| ExportError::io(dir, e))?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".tenderwacht-").suffix(".part");
        // The mode is passed to open(2), so the kernel applies the umask to it.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(mode));
        let tmp = builder.tempfile_in(dir).map_err(|e| ExportError::io(dir, e))?;
        Ok(Self { tmp, target: target.to_path_buf() })
    }

    pub fn file(&mut self) -> &mut std::fs::File {
        self.tmp.as_file_mut()
    }

    /// Flushes to disk and renames into place.
    pub fn commit(self) -> Result<PathBuf> {
        self.tmp.as_file().sync_all().map_err(|e| ExportError::io(&self.target, e))?;
        self.tmp.persist(&self.target).map_err(|e| ExportError::io(&self.target, e.error))?;
        Ok(self.target)
    }
}

impl std::io::Seek for AtomicFile {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.tmp.as_file_mut().seek(pos)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// Writes `bytes` to `target` atomically.
pub fn write(target: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(bytes).map_err(|e| ExportError::io(target, e))?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_under_the_final_name_until_commit() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let target = dir.path().join("uit.txt");
        let mut f = AtomicFile::create(&target).unwrap_or_else(|e| panic!("{e}"));
        f.write_all(b"half").unwrap_or_else(|e| panic!("{e}"));
        assert!(!target.exists());
        drop(f);
        assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(99), 0, "no temp file left after a failed write");
        write(&target, b"heel").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&target).unwrap_or_default(), b"heel");
    }

    #[cfg(unix)]
    #[test]
    fn exports_follow_the_umask_and_backups_stay_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
        // What any program's new file gets under this umask.
        let plain = dir.path().join("gewoon.txt");
        std::fs::write(&plain, b"x").unwrap_or_else(|e| panic!("{e}"));
        let export = write(&dir.path().join("export.txt"), b"x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mode(&export), mode(&plain), "an export is readable like any saved file");
        let private = AtomicFile::create_private(&dir.path().join("backup.zip")).and_then(AtomicFile::commit).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mode(&private), 0o600);
    }

    #[test]
    fn zip_entries_carry_the_export_moment() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("a.txt", zip_options()).unwrap_or_else(|e| panic!("{e}"));
        zip.write_all(b"x").unwrap_or_else(|e| panic!("{e}"));
        let bytes = zip.finish().unwrap_or_else(|e| panic!("{e}")).into_inner();
        let mut read = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let when = read.by_index(0).unwrap_or_else(|e| panic!("{e}")).last_modified().unwrap_or_default();
        let today = tenderwacht_domain::time::local_naive(chrono::Utc::now());
        assert_eq!(i32::from(when.year()), chrono::Datelike::year(&today), "not 1980");
    }
}
