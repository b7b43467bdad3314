//! The change history of tenders: what later publications changed, which of it nobody has seen
//! yet, and the combined detail view of one tender.

use super::{col_uuid, now_db, Store};
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// A tender with unseen changes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChangedTender {
    pub tender_id: Uuid,
    pub title: String,
    pub buyer: String,
    pub changes: u32,
    pub last_change: DateTime<Utc>,
}

/// Everything about one tender, for its detail screen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TenderDetail {
    pub tender: crate::domain::Tender,
    pub milestones: Vec<crate::domain::Milestone>,
    pub requirements: Vec<crate::domain::Requirement>,
    pub bids: Vec<crate::domain::Bid>,
    pub changes: Vec<ChangeEvent>,
    pub documents: Vec<super::TenderDocument>,
}

/// A recorded change, for the tender's history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChangeEvent {
    pub id: Uuid,
    pub tender_id: Uuid,
    pub kind: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub created_at: DateTime<Utc>,
    pub seen: bool,
}

impl Store {
    /// A tender's change history, newest first.
    pub fn changes(&self, tender: Uuid) -> Result<Vec<ChangeEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, tender_id, kind, field, old_value, new_value, created_at, seen_at IS NOT NULL
             FROM change_event WHERE tender_id = ?1 ORDER BY created_at DESC, rowid DESC",
        )?;
        let rows = stmt
            .query_map([tender.to_string()], |r| {
                Ok(ChangeEvent {
                    id: col_uuid(r, 0)?,
                    tender_id: col_uuid(r, 1)?,
                    kind: r.get(2)?,
                    field: r.get(3)?,
                    old_value: r.get(4)?,
                    new_value: r.get(5)?,
                    created_at: super::col_moment(r, 6)?,
                    seen: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Tenders with unseen changes, with titles, for the Overzicht.
    pub fn changed_tender_list(&self) -> Result<Vec<ChangedTender>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.tender_id, t.title, t.buyer, count(*), max(c.created_at) FROM change_event c JOIN tender t ON t.id = c.tender_id
             WHERE c.seen_at IS NULL GROUP BY c.tender_id ORDER BY max(c.created_at) DESC LIMIT 50",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ChangedTender { tender_id: col_uuid(r, 0)?, title: r.get(1)?, buyer: r.get(2)?, changes: r.get(3)?, last_change: super::col_moment(r, 4)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// A tender with everything the detail screen shows.
    pub fn tender_detail(&self, id: Uuid) -> Result<TenderDetail> {
        Ok(TenderDetail {
            tender: self.tender(id)?,
            milestones: self.milestones(id)?,
            requirements: self.requirements(id)?,
            bids: self.bids(Some(id), None)?,
            changes: self.changes(id)?,
            documents: self.tender_documents(id)?,
        })
    }

    /// Marks a tender's changes as seen.
    pub fn mark_changes_seen(&mut self, tender: Uuid) -> Result<usize> {
        Ok(self.conn.prepare_cached("UPDATE change_event SET seen_at = ?2 WHERE tender_id = ?1 AND seen_at IS NULL")?.execute(
            params![tender.to_string(), now_db()],
        )?)
    }
}
