//! Files from the window arrive as the raw request body (the bytes themselves, not a JSON array of
//! numbers), with what describes them as one typed metadata struct per command (generated for the
//! window by ts-rs), sent as JSON in the `x-tw-meta` header, percent-encoded (a file name may hold
//! any character). A renamed field fails `tsc`, not only an end-to-end test.

use crate::error::CommandError;
use tauri::ipc::{InvokeBody, Request};
use tenderwacht_store::StoreError;

/// An uploaded file and its description.
pub struct Upload<'a> {
    request: &'a Request<'a>,
}

impl<'a> Upload<'a> {
    pub fn new(request: &'a Request<'a>) -> Self {
        Self { request }
    }

    /// The file's bytes; refused when empty or not sent as raw bytes.
    pub fn bytes(&self) -> Result<&'a [u8], CommandError> {
        match self.request.body() {
            InvokeBody::Raw(bytes) if !bytes.is_empty() => Ok(bytes),
            InvokeBody::Raw(_) => Err(StoreError::invalid("bestand", "het bestand is leeg").into()),
            InvokeBody::Json(_) => Err(StoreError::invalid("bestand", "het bestand kwam niet als bytes aan").into()),
        }
    }

    /// What describes the file: the command's metadata struct, from the `x-tw-meta` header.
    pub fn meta<M: serde::de::DeserializeOwned>(&self) -> Result<M, CommandError> {
        let unreadable =
            |why: String| CommandError::from(StoreError::invalid("bestand", format!("de beschrijving van het bestand is onleesbaar ({why})")));
        let value = self.request.headers().get("x-tw-meta").ok_or_else(|| unreadable("ontbreekt".into()))?;
        let text = value.to_str().map_err(|e| unreadable(e.to_string()))?;
        let json = percent_encoding::percent_decode_str(text).decode_utf8().map_err(|e| unreadable(e.to_string()))?;
        serde_json::from_str(&json).map_err(|e| unreadable(e.to_string()))
    }

    /// The file's bytes in a temporary file in the data folder's `tmp/`: the store moves it into
    /// place by hash (written once); if the store refuses it, the temporary file goes when dropped.
    pub fn to_temp_file(&self, data_dir: &std::path::Path) -> Result<tempfile::NamedTempFile, CommandError> {
        use std::io::Write;
        let bytes = self.bytes()?;
        let tmp_dir = data_dir.join("tmp");
        std::fs::create_dir_all(&tmp_dir).map_err(|e| StoreError::io(&tmp_dir, e))?;
        let mut tmp = tempfile::NamedTempFile::new_in(&tmp_dir).map_err(|e| StoreError::io(&tmp_dir, e))?;
        tmp.write_all(bytes).map_err(|e| StoreError::io(tmp.path(), e))?;
        Ok(tmp)
    }
}
