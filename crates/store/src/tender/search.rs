//! Full-text search over tenders (FTS5 `tender_fts`, kept by the store's writes and rebuilt
//! after a team sync applies tenders).

use crate::error::Result;
use crate::{col_uuid, Store};
use rusqlite::params;
use tenderwacht_domain as d;
use uuid::Uuid;

/// The FTS5 query for what a person typed: every word as a quoted prefix, all required; `None`
/// when nothing searchable is left. Quoting keeps FTS syntax in the input from doing anything.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(|t| format!("\"{}\"*", t.replace('"', ""))).collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

impl Store {
    /// Full-text search over title, buyer and description; diacritics and case do not matter.
    /// Every word must occur (as a word prefix); best matches first.
    pub fn search_tenders(&self, query: &str, limit: usize) -> Result<Vec<d::Tender>> {
        let Some(matched) = fts_query(query) else { return Ok(vec![]) };
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id FROM tender_fts f JOIN tender t ON t.rowid = f.rowid WHERE tender_fts MATCH ?1 ORDER BY bm25(tender_fts, 5.0, 2.0, 1.0) LIMIT ?2",
        )?;
        let ids: Vec<Uuid> = stmt.query_map(params![matched, limit as i64], |r| col_uuid(r, 0))?.collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.tender(id)).collect()
    }
}
