//! Queries of `tender_upload_rules`: how the buyer's portal takes a tender's pack (file types,
//! sizes, naming, zip or loose files). No row means no rules.

use crate::error::{Result, StoreError};
use crate::Store;
use rusqlite::{params, OptionalExtension};
use tenderwacht_domain::{Packaging, UploadRules};
use uuid::Uuid;

impl Store {
    /// A tender's upload rules; the empty rules when the buyer set none.
    pub fn upload_rules(&self, tender: Uuid) -> Result<UploadRules> {
        let row = self
            .conn
            .query_row(
                "SELECT extensions, max_file_bytes, max_upload_bytes, name_template, packaging FROM tender_upload_rules WHERE tender_id = ?1",
                [tender.to_string()],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, String>(3)?,
                        crate::col_enum(r, 4, Packaging::from_db)?,
                    ))
                },
            )
            .optional()?;
        let Some((exts, file, upload, name_template, packaging)) = row else { return Ok(UploadRules::default()) };
        let extensions: Vec<String> = serde_json::from_str(&exts).map_err(|_| StoreError::corrupt("tender_upload_rules.extensions", exts.clone()))?;
        Ok(UploadRules {
            extensions,
            max_file_bytes: file.and_then(|v| u64::try_from(v).ok()),
            max_upload_bytes: upload.and_then(|v| u64::try_from(v).ok()),
            name_template,
            packaging,
        })
    }

    /// Sets a tender's upload rules (checked first); empty rules remove them.
    pub fn set_upload_rules(&mut self, tender: Uuid, rules: UploadRules) -> Result<UploadRules> {
        self.tender(tender)?;
        let rules = rules.cleaned()?;
        let exts = serde_json::to_string(&rules.extensions).map_err(|e| StoreError::invalid("bestandstypen", e.to_string()))?;
        let as_db = |v: Option<u64>| v.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
        self.write(|tx| {
            if rules.is_empty() {
                tx.execute("DELETE FROM tender_upload_rules WHERE tender_id = ?1", [tender.to_string()])?;
            } else {
                tx.execute(
                    "INSERT INTO tender_upload_rules (tender_id, extensions, max_file_bytes, max_upload_bytes, name_template, packaging)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (tender_id) DO UPDATE SET extensions = excluded.extensions, max_file_bytes = excluded.max_file_bytes,
                        max_upload_bytes = excluded.max_upload_bytes, name_template = excluded.name_template, packaging = excluded.packaging",
                    params![
                        tender.to_string(),
                        exts,
                        as_db(rules.max_file_bytes),
                        as_db(rules.max_upload_bytes),
                        rules.name_template,
                        rules.packaging.as_str()
                    ],
                )?;
            }
            Ok(())
        })?;
        Ok(rules)
    }
}
