//! Ingesting a publication: find the tender it belongs to (portal keys, else title + buyer +
//! closing), keep the raw payload, and turn what a later publication changes into change events
//! while milestones and documents follow — all in one transaction per publication.

use crate::error::{Result, StoreError};
use crate::payload::{stage, Staged};
use crate::sync::ingest_writes::Statements;
use crate::tender::publication_changes::{apply_changes, insert_documents, record};
use crate::Store;
use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use tenderwacht_domain::{publication::Notice, regions::Regions, text_enum};
use ts_rs::TS;
use uuid::Uuid;

text_enum!(
    /// What ingesting one publication did.
    IngestStatus {
        New => ("new", "nieuw"),
        Updated => ("updated", "gewijzigd"),
        Unchanged => ("unchanged", "ongewijzigd"),
    }
);

/// The result of one ingest, for the sync report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct IngestOutcome {
    pub tender_id: Uuid,
    pub status: IngestStatus,
    /// Human-readable change lines ("sluiting: di 15 dec 2026, 12:00 -> vr 18 dec 2026, 12:00").
    pub changes: Vec<String>,
    /// Parts of the publication that were dropped (an invalid CPV code, an absurd date...).
    pub warnings: Vec<String>,
}

impl Store {
    /// Stores one publication. Wrong input (no title, an absurd closing date) is refused with a
    /// reason and writes nothing; smaller faults are dropped and reported as warnings.
    pub fn ingest(&mut self, source_id: Option<Uuid>, notice: &Notice, regions: &Regions) -> Result<IngestOutcome> {
        let mut results = self.ingest_batch(source_id, std::slice::from_ref(notice), regions)?;
        results.pop().unwrap_or_else(|| Err(StoreError::invalid("publicatie", "leeg")))
    }

    /// Stores many publications in one transaction: each is prepared (checked completely, a
    /// refused one writes nothing and comes back with its reason), then written. No
    /// per-publication savepoint is needed — a savepoint per row would make FTS5 flush its index
    /// every time. A failing store rolls back the whole batch.
    pub fn ingest_batch(&mut self, source_id: Option<Uuid>, notices: &[Notice], regions: &Regions) -> Result<Vec<Result<IngestOutcome>>> {
        let now = Utc::now();
        let prepared: Vec<tenderwacht_domain::Result<Staged>> = notices.iter().map(|n| stage(n.clone(), regions, now)).collect();
        let ok: Vec<&Staged> = prepared.iter().filter_map(|p| p.as_ref().ok()).collect();
        let mut stored = self.ingest_prepared(source_id, ok.into_iter())?.into_iter();
        Ok(prepared
            .into_iter()
            .map(|p| match p {
                Ok(_) => stored.next().ok_or_else(|| StoreError::invalid("publicatie", "niet opgeslagen")),
                Err(e) => Err(e.into()),
            })
            .collect())
    }

    /// Writes prepared publications in one transaction, in order; a failing store rolls back the
    /// whole batch.
    pub fn ingest_prepared<'p>(&mut self, source_id: Option<Uuid>, batch: impl Iterator<Item = &'p Staged>) -> Result<Vec<IngestOutcome>> {
        let now = tenderwacht_domain::time::to_db(Utc::now());
        let source = source_id.map(|s| s.to_string());
        self.write(|tx| {
            let mut results = vec![];
            {
                let mut st = Statements::prepare(tx)?;
                for p in batch {
                    results.push(ingest_one(tx, &mut st, source.as_deref(), p, &now)?);
                }
            }
            Ok(results)
        })
    }

    /// Whether a publication of a source is stored (any version).
    pub fn publication_exists(&self, source: tenderwacht_domain::publication::SourceKind, external_id: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM publication WHERE source_kind = ?1 AND external_id = ?2)")?
            .query_row(params![source.as_str(), external_id], |r| r.get(0))?)
    }

    /// A second connection that answers "is this publication stored?" on another thread (a sync
    /// reads the portal's list on one thread while it writes on this one).
    pub fn publication_reader(&self) -> Result<PublicationReader> {
        Ok(PublicationReader { conn: crate::db::open_existing(&self.data_dir.join(crate::datadir::DB_FILE))? })
    }

    /// The raw payloads of a tender's publications, inflated, oldest first.
    pub fn publication_payloads(&self, tender: Uuid) -> Result<Vec<(String, Vec<u8>)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT source_kind || ':' || external_id, payload FROM publication WHERE tender_id = ?1 ORDER BY received_at")?;
        let rows: Vec<(String, Vec<u8>)> = stmt.query_map([tender.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(|(k, p)| Ok((k, crate::payload::decompress(&p)?))).collect()
    }
}

/// Looks up stored publications from its own connection; see [`Store::publication_reader`].
#[derive(Debug)]
pub struct PublicationReader {
    conn: Connection,
}

impl PublicationReader {
    /// Which of these publications of a source are stored (any version), as of the last commit;
    /// one statement for a whole page of a portal's list.
    pub fn stored_among(
        &self,
        source: tenderwacht_domain::publication::SourceKind,
        external_ids: &[&str],
    ) -> Result<std::collections::HashSet<String>> {
        let ids = serde_json::to_string(external_ids).map_err(|e| StoreError::invalid("publicaties", e.to_string()))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT external_id FROM publication
             WHERE source_kind = ?1 AND external_id IN (SELECT value FROM json_each(?2))",
        )?;
        let found = stmt.query_map(params![source.as_str(), ids], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(found)
    }
}

/// One publication inside the caller's transaction.
fn ingest_one(tx: &Connection, st: &mut Statements, source_id: Option<&str>, p: &Staged, now: &str) -> Result<IngestOutcome> {
    let (notice, c, payload, payload_sha) = (&p.prepared.notice, &p.prepared.clean, &p.payload, &p.prepared.payload_sha);
    let existing: Option<(String, String)> =
        st.existing.query_row(params![notice.source_kind.as_str(), notice.external_id, notice.version], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    if let Some((tender, sha)) = &existing {
        if sha == payload_sha {
            let tender_id = Uuid::parse_str(tender).map_err(|_| StoreError::corrupt("publication.tender_id", tender.clone()))?;
            return Ok(IngestOutcome { tender_id, status: IngestStatus::Unchanged, changes: vec![], warnings: c.warnings.clone() });
        }
    }
    let mut found: Option<Uuid> = None;
    for (kind, value) in &c.keys {
        let hit: Option<String> = st.key_lookup.query_row(params![kind.as_str(), value], |r| r.get(0)).optional()?;
        if let Some(h) = hit {
            found = Uuid::parse_str(&h).ok();
            break;
        }
    }
    let (tender_id, status) = match found {
        Some(t) => (t, IngestStatus::Updated),
        None => (st.insert_new_tender(tx, c, notice, now)?, IngestStatus::New),
    };
    let tender = tender_id.to_string();
    // A publication older than one already applied (TED and TenderNed synced in either order)
    // must not move dates back; it still adds what is missing.
    let stale = match (status, c.published_at) {
        (IngestStatus::Updated, Some(published)) => {
            let latest: Option<String> = st.latest_published.query_row([&tender], |r| r.get(0))?;
            latest.is_some_and(|l| l > tenderwacht_domain::time::to_db(published))
        }
        _ => false,
    };
    let pub_id = tenderwacht_domain::ids::new_id();
    match &existing {
        Some(_) => {
            st.update_publication.execute(params![
                notice.source_kind.as_str(),
                notice.external_id,
                notice.version,
                payload,
                payload_sha,
                now,
                notice.kind.as_str()
            ])?;
        }
        None => {
            st.insert_publication.execute(params![
                pub_id.to_string(),
                tender,
                source_id,
                notice.source_kind.as_str(),
                notice.external_id,
                notice.version,
                notice.kind.as_str(),
                c.published_at.map(tenderwacht_domain::time::to_db),
                c.url,
                payload,
                payload_sha,
                notice.raw_format,
                now
            ])?;
        }
    }
    for (kind, value) in &c.keys {
        st.insert_key.execute(params![kind.as_str(), value, tender])?;
    }
    if !c.flags.is_empty() {
        let publication_ref = existing.is_none().then(|| pub_id.to_string());
        for (field, message) in &c.flags {
            st.insert_flag.execute(params![tender, field, message, publication_ref, now])?;
        }
    }
    for (lot, name) in &c.winners {
        st.insert_winner.execute(params![tender, lot, name])?;
    }
    let mut changes = vec![];
    if status == IngestStatus::Updated {
        changes = apply_changes(tx, tender_id, pub_id, c, notice, stale, now)?;
    }
    let new_docs = insert_documents(tx, tender_id, notice, c, now)?;
    if status == IngestStatus::Updated && !new_docs.is_empty() {
        let line = format!("nieuwe documenten: {}", new_docs.join(", "));
        record(tx, tender_id, pub_id, crate::tender::changes::ChangeKind::DocumentsAdded, "documenten", None, Some(&new_docs.join("\n")), now)?;
        changes.push(line);
    }
    let status = if status == IngestStatus::Updated && changes.is_empty() { IngestStatus::Unchanged } else { status };
    Ok(IngestOutcome { tender_id, status, changes, warnings: c.warnings.clone() })
}
