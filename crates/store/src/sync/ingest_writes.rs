//! The statements an ingest runs for every publication, prepared once per transaction, and the
//! insert of a tender first seen in a publication. A sync writes thousands of publications; looking
//! each statement up in the cache again, formatting the same ids over and over and validating
//! text that [`tenderwacht_domain::ingest::prepare`] already cleaned was a fifth of its write time.

use crate::error::Result;
use rusqlite::{params, CachedStatement, Connection};
use tenderwacht_domain::{ingest::Clean, publication::Notice, ProcedurePhase, TenderStatus};
use uuid::Uuid;

/// Prepared statements of one ingest transaction.
pub(crate) struct Statements<'c> {
    pub(crate) existing: CachedStatement<'c>,
    pub(crate) key_lookup: CachedStatement<'c>,
    pub(crate) latest_published: CachedStatement<'c>,
    pub(crate) insert_publication: CachedStatement<'c>,
    pub(crate) update_publication: CachedStatement<'c>,
    pub(crate) insert_key: CachedStatement<'c>,
    pub(crate) insert_flag: CachedStatement<'c>,
    pub(crate) insert_winner: CachedStatement<'c>,
    insert_tender: CachedStatement<'c>,
    insert_fts: CachedStatement<'c>,
    insert_municipality: CachedStatement<'c>,
    insert_nuts: CachedStatement<'c>,
    insert_cpv: CachedStatement<'c>,
    insert_link: CachedStatement<'c>,
    insert_lot: CachedStatement<'c>,
    insert_milestone: CachedStatement<'c>,
}

impl<'c> Statements<'c> {
    pub(crate) fn prepare(tx: &'c Connection) -> Result<Self> {
        Ok(Self {
            existing: tx
                .prepare_cached("SELECT tender_id, payload_sha256 FROM publication WHERE source_kind = ?1 AND external_id = ?2 AND version = ?3")?,
            key_lookup: tx.prepare_cached("SELECT tender_id FROM tender_key WHERE kind = ?1 AND value = ?2")?,
            latest_published: tx.prepare_cached("SELECT max(published_at) FROM publication WHERE tender_id = ?1")?,
            insert_publication: tx.prepare_cached(
                "INSERT INTO publication (id, tender_id, source_id, source_kind, external_id, version, kind, published_at, url,
                                          payload, payload_sha256, payload_format, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            update_publication: tx.prepare_cached(
                "UPDATE publication SET payload = ?4, payload_sha256 = ?5, received_at = ?6, kind = ?7
                 WHERE source_kind = ?1 AND external_id = ?2 AND version = ?3",
            )?,
            insert_key: tx.prepare_cached("INSERT OR IGNORE INTO tender_key (kind, value, tender_id) VALUES (?1, ?2, ?3)")?,
            insert_flag: tx.prepare_cached(
                "INSERT OR IGNORE INTO tender_flag (tender_id, field, message, publication_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            insert_winner: tx.prepare_cached("INSERT OR IGNORE INTO tender_winner (tender_id, lot, name) VALUES (?1, ?2, ?3)")?,
            insert_tender: tx.prepare_cached(
                "INSERT INTO tender (id, title, buyer, region, procedure, domain, description, status, created_at, updated_at, phase)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
            )?,
            // Values bound directly, no trigger: a trigger's statement journal makes FTS5 flush
            // its pending index at every row (measured: 7% of a sync).
            insert_fts: tx.prepare_cached("INSERT INTO tender_fts (rowid, title, buyer, description) VALUES (?1, ?2, ?3, ?4)")?,
            insert_municipality: tx.prepare_cached("INSERT OR IGNORE INTO tender_municipality (tender_id, municipality) VALUES (?1, ?2)")?,
            insert_nuts: tx.prepare_cached("INSERT OR IGNORE INTO tender_nuts (tender_id, code) VALUES (?1, ?2)")?,
            insert_cpv: tx.prepare_cached("INSERT OR IGNORE INTO tender_cpv (tender_id, code) VALUES (?1, ?2)")?,
            insert_link: tx.prepare_cached("INSERT OR IGNORE INTO tender_link (tender_id, url, label) VALUES (?1, ?2, '')")?,
            insert_lot: tx.prepare_cached("INSERT INTO lot (id, tender_id, number, title) VALUES (?1, ?2, ?3, ?4)")?,
            insert_milestone: tx.prepare_cached(crate::tender::milestones::INSERT_MILESTONE)?,
        })
    }

    /// Creates the tender a publication is the first of: the row, its search entry, region,
    /// codes, link, lots and milestones. `c` is already cleaned (plain text, valid codes, plausible
    /// dates), so nothing is checked twice; the table's own constraints still hold. A procedure
    /// first seen through its award, intention to award or cancellation is stored as "vervallen":
    /// it is history, not a tender to consider.
    pub(crate) fn insert_new_tender(&mut self, tx: &Connection, c: &Clean, n: &Notice, now: &str) -> Result<Uuid> {
        // Derived from the procedure's first portal key, so two laptops that import the same
        // publication offline make one tender, not two.
        let id = match c.keys.first() {
            Some((kind, value)) => tenderwacht_domain::ids::keyed("tender", &[kind.as_str(), value]),
            None => tenderwacht_domain::ids::new_id(),
        };
        let phase = ProcedurePhase::Onbekend.advance(c.phase);
        let status = if phase.is_ended() { TenderStatus::Vervallen } else { TenderStatus::Nieuw };
        let sid = id.to_string();
        self.insert_tender.execute(params![
            sid,
            c.title,
            c.buyer,
            c.province,
            n.procedure.as_str(),
            c.domain.as_str(),
            c.description,
            status.as_str(),
            now,
            phase.as_str()
        ])?;
        self.insert_fts.execute(params![tx.last_insert_rowid(), c.title, c.buyer, c.description])?;
        if let Some(m) = c.municipality.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            self.insert_municipality.execute(params![sid, m])?;
        }
        for code in &c.nuts {
            self.insert_nuts.execute(params![sid, code])?;
        }
        for code in &c.cpv {
            self.insert_cpv.execute(params![sid, code])?;
        }
        if let Some(url) = &c.url {
            self.insert_link.execute(params![sid, url])?;
        }
        for (i, title) in c.lots.iter().enumerate() {
            let number = i64::try_from(i).unwrap_or(i64::MAX) + 1;
            self.insert_lot.execute(params![tenderwacht_domain::ids::keyed("lot", &[&sid, &number.to_string()]).to_string(), sid, number, title])?;
        }
        let note = format!("uit {}", n.source_kind.label());
        for (kind, at) in &c.milestones {
            let at = tenderwacht_domain::time::to_db(*at);
            let id = tenderwacht_domain::ids::keyed("milestone", &[&sid, kind.as_str(), &at]);
            self.insert_milestone.execute(params![id.to_string(), sid, kind.as_str(), "", at, note])?;
        }
        Ok(id)
    }
}
