//! Queries of `tender_document`: a procedure's portal files, which of a followed tender's are
//! still to download, and a download stored content-addressed.

use crate::error::Result;
use crate::{col_enum, col_moment_opt, col_uuid, now_db, Store};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use tenderwacht_domain::publication::DocumentCategory;
use ts_rs::TS;
use uuid::Uuid;

/// A stored tender document (a portal file), offline once downloaded.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TenderDocument {
    pub id: Uuid,
    pub tender_id: Uuid,
    pub category: DocumentCategory,
    pub title: String,
    pub url: String,
    pub published_at: Option<DateTime<Utc>>,
    pub sha256: Option<String>,
}

impl Store {
    /// One of the tender's portal documents, by id.
    pub fn tender_document(&self, tender: Uuid, id: Uuid) -> Result<TenderDocument> {
        self.tender_documents(tender)?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or_else(|| crate::StoreError::NotFound { what: "aanbestedingsstuk", key: id.to_string() })
    }

    /// One of the tender's portal documents as a person names it: its title (case aside) or a
    /// unique fragment of its id. Both shells resolve a document this way.
    pub fn resolve_tender_document(&self, tender: Uuid, key: &str) -> Result<TenderDocument> {
        let k = key.trim().to_lowercase();
        let docs = self.tender_documents(tender)?;
        let hits: Vec<(Uuid, String)> = docs
            .iter()
            .filter(|d| d.title.to_lowercase() == k || (k.len() >= 6 && d.id.to_string().contains(&k)))
            .map(|d| (d.id, d.title.clone()))
            .collect();
        let id = crate::pick_one("aanbestedingsstuk", key, hits.iter().collect())?;
        docs.into_iter().find(|d| d.id == id).ok_or_else(|| crate::StoreError::NotFound { what: "aanbestedingsstuk", key: key.to_string() })
    }

    /// The name a downloaded portal document is opened under: its title made safe, with the
    /// extension its title, address or first bytes tell.
    pub fn tender_document_file_name(&self, doc: &TenderDocument) -> Option<String> {
        let sha = doc.sha256.as_deref()?;
        let name = tenderwacht_domain::text::safe_file_name(&doc.title);
        let ext = self.published_extension(sha, &doc.title, &doc.url);
        Some(if name.to_lowercase().ends_with(&format!(".{ext}")) { name } else { format!("{name}.{ext}") })
    }

    /// A tender's portal documents, by date.
    pub fn tender_documents(&self, tender: Uuid) -> Result<Vec<TenderDocument>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, tender_id, category, title, url, published_at, sha256 FROM tender_document
             WHERE tender_id = ?1 ORDER BY published_at, title",
        )?;
        let rows = stmt.query_map([tender.to_string()], read_tender_document)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Portal documents of followed tenders that are not offline yet.
    pub fn pending_downloads(&self, limit: usize) -> Result<Vec<TenderDocument>> {
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT d.id, d.tender_id, d.category, d.title, d.url, d.published_at, d.sha256 FROM tender_document d
             JOIN tender t ON t.id = d.tender_id
             WHERE d.sha256 IS NULL AND t.status IN ",
            tenderwacht_domain::followed_statuses!(),
            " ORDER BY d.created_at LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit as i64], read_tender_document)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Portal documents downloaded at or after `since` (a sync's start), to be read for proposals.
    pub fn documents_downloaded_since(&self, since: DateTime<Utc>) -> Result<Vec<TenderDocument>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, tender_id, category, title, url, published_at, sha256 FROM tender_document
             WHERE downloaded_at >= ?1 AND sha256 IS NOT NULL ORDER BY tender_id, published_at, title",
        )?;
        let rows = stmt.query_map([tenderwacht_domain::time::to_db(since)], read_tender_document)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Stores a downloaded portal document (content-addressed) and marks it offline.
    pub fn attach_tender_document(&mut self, id: Uuid, file: &std::path::Path) -> Result<String> {
        let blob = self.blobs.put_file(file)?;
        self.write(|tx| {
            crate::insert_blob(tx, &blob.sha256, blob.size)?;
            tx.execute("UPDATE tender_document SET sha256 = ?2, downloaded_at = ?3 WHERE id = ?1", params![id.to_string(), blob.sha256, now_db()])?;
            Ok(())
        })?;
        Ok(blob.sha256)
    }
}

fn read_tender_document(r: &rusqlite::Row) -> rusqlite::Result<TenderDocument> {
    Ok(TenderDocument {
        id: col_uuid(r, 0)?,
        tender_id: col_uuid(r, 1)?,
        category: col_enum(r, 2, DocumentCategory::from_db)?,
        title: r.get(3)?,
        url: r.get(4)?,
        published_at: col_moment_opt(r, 5)?,
        sha256: r.get(6)?,
    })
}

impl Store {
    /// Why a file's content could not be read safely before, if it could not (the sync does not
    /// try it again; the consultant may).
    pub fn reading_failure(&self, sha256: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self.conn.query_row("SELECT reason FROM reading_failure WHERE sha256 = ?1", [sha256], |r| r.get(0)).optional()?)
    }

    /// Remembers that a file's content could not be read safely, or (`None`) that it now could.
    pub fn set_reading_failure(&mut self, sha256: &str, reason: Option<&str>) -> Result<()> {
        self.write(|tx| {
            match reason {
                Some(reason) => tx.execute(
                    "INSERT INTO reading_failure (sha256, reason, failed_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (sha256) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at",
                    params![sha256, reason, now_db()],
                )?,
                None => tx.execute("DELETE FROM reading_failure WHERE sha256 = ?1", [sha256])?,
            };
            Ok(())
        })
    }
}
