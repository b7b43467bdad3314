//! Content-addressed document files: stored once per sha256 under `files/ab/<hash>`, written to a
//! temporary file and renamed into place, so a file is never duplicated nor half-written, and the
//! same file on two laptops gets the same name.

use crate::error::{Result, StoreError};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A file that is safely in the blob folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBlob {
    pub sha256: String,
    pub size: u64,
}

/// The blob folder of one data folder.
#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
    tmp: PathBuf,
}

impl BlobStore {
    pub fn new(data_dir: &Path) -> Self {
        Self { root: data_dir.join(crate::datadir::FILES_DIR), tmp: data_dir.join("tmp") }
    }

    /// Path of the file with this hash (whether or not it exists).
    pub fn path_of(&self, sha256: &str) -> PathBuf {
        let prefix = sha256.get(..2).unwrap_or("xx");
        self.root.join(prefix).join(sha256)
    }

    /// Copies `source` into the store, hashing while copying. If the content is already there,
    /// the copy is discarded. The final file appears atomically (rename) and is fsynced first.
    /// A file already in the store's own `tmp/` (an upload the window sent, written there once)
    /// is moved into place instead of copied, so its bytes are written once.
    pub fn put_file(&self, source: &Path) -> Result<StoredBlob> {
        let mut input = File::open(source).map_err(|e| StoreError::io(source, e))?;
        if !input.metadata().map_err(|e| StoreError::io(source, e))?.is_file() {
            return Err(StoreError::invalid("bestand", format!("{} is geen bestand", source.display())));
        }
        if source.parent().is_some_and(|p| p == self.tmp) {
            return self.adopt(source, input);
        }
        std::fs::create_dir_all(&self.tmp).map_err(|e| StoreError::io(&self.tmp, e))?;
        let mut tmp = tempfile::NamedTempFile::new_in(&self.tmp).map_err(|e| StoreError::io(&self.tmp, e))?;
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = input.read(&mut buf).map_err(|e| StoreError::io(source, e))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            tmp.write_all(&buf[..n]).map_err(|e| StoreError::io(tmp.path(), e))?;
            size += n as u64;
        }
        let sha256 = hex::encode(hasher.finalize());
        let dest = self.path_of(&sha256);
        if dest.exists() {
            return Ok(StoredBlob { sha256, size });
        }
        tmp.as_file().sync_all().map_err(|e| StoreError::io(tmp.path(), e))?;
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        tmp.persist(&dest).map_err(|e| StoreError::io(&dest, e.error))?;
        Ok(StoredBlob { sha256, size })
    }

    /// Moves a file of the store's `tmp/` into place under its hash (no copy).
    fn adopt(&self, source: &Path, mut input: File) -> Result<StoredBlob> {
        let mut hasher = Sha256::new();
        let size = std::io::copy(&mut input, &mut hasher).map_err(|e| StoreError::io(source, e))?;
        let sha256 = hex::encode(hasher.finalize());
        let dest = self.path_of(&sha256);
        if dest.exists() {
            return Ok(StoredBlob { sha256, size });
        }
        // Flushed through a handle that may write: Windows refuses to flush a read-only one
        // ("Access denied"; every upload failed there, found by the tests under Wine).
        drop(input);
        std::fs::OpenOptions::new().write(true).open(source).and_then(|f| f.sync_all()).map_err(|e| StoreError::io(source, e))?;
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        std::fs::rename(source, &dest).map_err(|e| StoreError::io(&dest, e))?;
        Ok(StoredBlob { sha256, size })
    }

    /// Whether the file with this hash is here (a teammate's document may not have arrived yet).
    pub fn exists(&self, sha256: &str) -> bool {
        self.path_of(sha256).is_file()
    }

    /// Stores bytes fetched from elsewhere (the team folder) under their hash, refusing them when
    /// they are not the content `sha256` names.
    pub fn put_bytes(&self, sha256: &str, bytes: &[u8]) -> Result<()> {
        let actual = hex::encode(Sha256::digest(bytes));
        if actual != sha256 {
            return Err(StoreError::invalid("bestand", format!("inhoud klopt niet met de vingerafdruk {sha256}")));
        }
        let dest = self.path_of(sha256);
        if dest.exists() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.tmp).map_err(|e| StoreError::io(&self.tmp, e))?;
        let mut tmp = tempfile::NamedTempFile::new_in(&self.tmp).map_err(|e| StoreError::io(&self.tmp, e))?;
        tmp.write_all(bytes).map_err(|e| StoreError::io(tmp.path(), e))?;
        tmp.as_file().sync_all().map_err(|e| StoreError::io(tmp.path(), e))?;
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        tmp.persist(&dest).map_err(|e| StoreError::io(&dest, e.error))?;
        Ok(())
    }

    /// Re-hashes a stored file; true when it is present and intact.
    pub fn verify(&self, sha256: &str) -> Result<bool> {
        let path = self.path_of(sha256);
        let mut f = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(StoreError::io(&path, e)),
        };
        let mut hasher = Sha256::new();
        std::io::copy(&mut f, &mut hasher).map_err(|e| StoreError::io(&path, e))?;
        Ok(hex::encode(hasher.finalize()) == sha256)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_content_is_stored_once() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::new(dir.path());
        let a = dir.path().join("a.pdf");
        let b = dir.path().join("b.pdf");
        std::fs::write(&a, b"%PDF-1.4 hello").unwrap();
        std::fs::write(&b, b"%PDF-1.4 hello").unwrap();
        let sa = blobs.put_file(&a).unwrap();
        let sb = blobs.put_file(&b).unwrap();
        assert_eq!(sa, sb);
        assert_eq!(sa.size, 14);
        assert!(blobs.verify(&sa.sha256).unwrap());
        let files: Vec<_> = walk(&dir.path().join("files"));
        assert_eq!(files.len(), 1);
        assert_eq!(std::fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0, "no temp files left");
    }

    #[test]
    fn an_upload_in_the_stores_tmp_is_moved_into_place_not_copied() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::new(dir.path());
        std::fs::create_dir_all(dir.path().join("tmp")).unwrap();
        let upload = dir.path().join("tmp").join("upload-1");
        std::fs::write(&upload, b"%PDF-1.4 upload").unwrap();
        let stored = blobs.put_file(&upload).unwrap();
        assert!(!upload.exists(), "moved, not copied");
        assert!(blobs.verify(&stored.sha256).unwrap());
        // The same content again: nothing written, the upload left for its owner to drop.
        std::fs::write(&upload, b"%PDF-1.4 upload").unwrap();
        assert_eq!(blobs.put_file(&upload).unwrap(), stored);
        assert!(upload.exists());
        assert_eq!(walk(&dir.path().join("files")).len(), 1);
    }

    #[test]
    fn missing_source_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::new(dir.path());
        let e = blobs.put_file(&dir.path().join("nope.pdf")).unwrap_err();
        assert_eq!(e.code(), "io");
    }

    fn walk(p: &Path) -> Vec<PathBuf> {
        let mut out = vec![];
        for e in std::fs::read_dir(p).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                out.extend(walk(&e.path()));
            } else {
                out.push(e.path());
            }
        }
        out
    }
}
