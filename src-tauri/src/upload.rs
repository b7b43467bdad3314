//! Files from the window arrive as the raw request body (the bytes themselves, not a JSON array of
//! numbers), with what describes them in `x-tw-*` headers, percent-encoded (a file name may hold
//! any character).

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

    /// A describing field (`x-tw-<name>`), decoded; `None` when the window did not send it.
    pub fn field(&self, name: &str) -> Result<Option<String>, CommandError> {
        let Some(value) = self.request.headers().get(format!("x-tw-{name}")) else { return Ok(None) };
        let text = value.to_str().map_err(|_| StoreError::invalid(name, "onleesbaar"))?;
        let decoded = percent_encoding::percent_decode_str(text).decode_utf8().map_err(|_| StoreError::invalid(name, "onleesbaar"))?;
        Ok(Some(decoded.into_owned()).filter(|s| !s.is_empty()))
    }

    /// The file's bytes in a temporary file in the data folder's `tmp/` (the store copies it into
    /// place by hash; the temporary file goes when dropped).
    pub fn to_temp_file(&self, data_dir: &std::path::Path) -> Result<tempfile::NamedTempFile, CommandError> {
        use std::io::Write;
        let bytes = self.bytes()?;
        let tmp_dir = data_dir.join("tmp");
        std::fs::create_dir_all(&tmp_dir).map_err(|e| StoreError::io(&tmp_dir, e))?;
        let mut tmp = tempfile::NamedTempFile::new_in(&tmp_dir).map_err(|e| StoreError::io(&tmp_dir, e))?;
        tmp.write_all(bytes).map_err(|e| StoreError::io(tmp.path(), e))?;
        Ok(tmp)
    }

    /// A field that must be there.
    pub fn required(&self, name: &str, label: &str) -> Result<String, CommandError> {
        self.field(name)?.ok_or_else(|| StoreError::invalid(label, "ontbreekt").into())
    }
}
