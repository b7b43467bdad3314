//! Every export is written to a temporary file next to its destination and renamed into place
//! only when complete, so a crash or a full disk never leaves a half-written file under the final
//! name (and a failed write leaves no temporary file behind: it is removed on drop).

use crate::error::{ExportError, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file being written; [`AtomicFile::commit`] makes it appear under its final name.
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<Self> {
        let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| ExportError::io(dir, e))?;
        let tmp = tempfile::Builder::new().prefix(".tenderwacht-").suffix(".part").tempfile_in(dir).map_err(|e| ExportError::io(dir, e))?;
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
}
