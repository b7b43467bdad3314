//! Queries of `contract_document`: a contract's own files (the signed agreement, addenda), stored
//! content-addressed like documents.

use crate::error::{Result, StoreError};
use crate::{col_date_opt, col_enum, col_uuid, now_db, Store};
use chrono::NaiveDate;
use rusqlite::params;
use std::path::Path;
use tenderwacht_domain::{ContractDocument, ContractDocumentKind};
use uuid::Uuid;

pub(crate) const CONTRACT_DOCUMENT_SELECT: &str = "SELECT contract_id, id, kind, original_name, sha256, signed_on, note FROM contract_document";

pub(crate) fn read_contract_document(r: &rusqlite::Row) -> rusqlite::Result<ContractDocument> {
    Ok(ContractDocument {
        contract_id: col_uuid(r, 0)?,
        id: col_uuid(r, 1)?,
        kind: col_enum(r, 2, ContractDocumentKind::from_db)?,
        original_name: r.get(3)?,
        sha256: r.get(4)?,
        signed_on: col_date_opt(r, 5)?,
        note: r.get(6)?,
    })
}

impl Store {
    /// Stores a contract's own file (refused when empty; nothing half stored).
    pub fn add_contract_document(
        &mut self,
        contract: Uuid,
        kind: ContractDocumentKind,
        file: &Path,
        original_name: Option<&str>,
        signed_on: Option<NaiveDate>,
    ) -> Result<ContractDocument> {
        self.contract(contract)?;
        let meta = std::fs::metadata(file).map_err(|e| StoreError::io(file, e))?;
        if meta.is_file() && meta.len() == 0 {
            return Err(StoreError::invalid("bestand", format!("{} is leeg", file.display())));
        }
        if signed_on.is_some_and(|d| d > self.today()) {
            return Err(StoreError::invalid("getekend op", "ligt in de toekomst"));
        }
        let name = match original_name.map(str::trim) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "contract".into()),
        };
        let blob = self.blobs.put_file(file)?;
        let id = tenderwacht_domain::ids::new_id();
        self.write(|tx| {
            crate::insert_blob(tx, &blob.sha256, blob.size)?;
            tx.execute(
                "INSERT INTO contract_document (id, contract_id, kind, sha256, original_name, signed_on, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id.to_string(), contract.to_string(), kind.as_str(), blob.sha256, name, signed_on.map(|d| d.to_string()), now_db()],
            )?;
            Ok(())
        })?;
        self.contract(contract)?
            .documents
            .into_iter()
            .find(|d| d.id == id)
            .ok_or_else(|| StoreError::NotFound { what: "contractdocument", key: id.to_string() })
    }
}
