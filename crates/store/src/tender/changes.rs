//! The change history of tenders: what later publications changed, which of it nobody has seen
//! yet, and the combined detail view of one tender.

use crate::error::Result;
use crate::{col_uuid, now_db, Store};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use tenderwacht_domain::{CLOSING_KINDS_SQL, ENDED_STATUSES_SQL};
use ts_rs::TS;
use uuid::Uuid;

pub use tenderwacht_domain::ChangeKind;

/// A tender with unseen changes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChangedTender {
    pub tender_id: Uuid,
    pub title: String,
    pub buyer: String,
    pub changes: u32,
    pub last_change: DateTime<Utc>,
    /// Where the procedure stands now ("gegund" after an award notice, ...).
    pub phase: tenderwacht_domain::ProcedurePhase,
}

/// Everything about one tender, for its detail screen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TenderDetail {
    pub tender: tenderwacht_domain::Tender,
    pub milestones: Vec<tenderwacht_domain::Milestone>,
    pub requirements: Vec<tenderwacht_domain::Requirement>,
    pub bids: Vec<tenderwacht_domain::Bid>,
    pub changes: Vec<ChangeEvent>,
    pub documents: Vec<crate::TenderDocument>,
    /// When the first of its publications appeared on a portal (none for a tender typed in).
    pub published_at: Option<DateTime<Utc>>,
    /// Values a portal sent that could not be kept ("sluitingsdatum onleesbaar: 31-02-2026").
    pub flags: Vec<String>,
    /// Winners named by an award notice ("Perceel 1: Zorggroep Noord", or just the name).
    pub winners: Vec<String>,
}

/// A recorded change, for the tender's history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChangeEvent {
    pub id: Uuid,
    pub tender_id: Uuid,
    pub kind: ChangeKind,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub created_at: DateTime<Utc>,
    pub seen: bool,
}

impl ChangeEvent {
    /// One Dutch line: "sluiting: di 15 dec 2026, 12:00 -> vr 18 dec 2026, 12:00".
    pub fn describe(&self) -> String {
        let what = tenderwacht_domain::MilestoneKind::from_db("field", &self.field).map_or_else(|_| self.field.clone(), |k| k.label().to_string());
        let new = self.new_value.clone().unwrap_or_default();
        match (self.kind, &self.old_value) {
            (ChangeKind::MilestoneMoved, Some(old)) => format!("{what}: {old} -> {new}"),
            (ChangeKind::MilestoneAdded, _) => format!("{what}: {new} (nieuw)"),
            (ChangeKind::DocumentsAdded, _) => format!("nieuwe documenten: {}", new.replace('\n', ", ")),
            (ChangeKind::Ended, _) => format!("procedure {new}"),
            (ChangeKind::PhaseChanged | ChangeKind::FieldChanged, Some(old)) => format!("{what}: {old} -> {new}"),
            (_, None) => format!("{what}: {new}"),
        }
    }
}

/// A tender in the digest.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DigestEntry {
    pub title: String,
    pub buyer: String,
    pub region: String,
    pub closing: Option<DateTime<Utc>>,
    pub link: Option<String>,
    /// Where the procedure stands (its notices' phase, "gesloten" after the closing).
    pub phase: tenderwacht_domain::ProcedurePhase,
    /// What changed (for changed tenders).
    pub changes: Vec<String>,
}

impl Store {
    /// Tenders new since a local date (inclusive), and older tenders changed since then, with what
    /// changed. Tenders outside the care domains (`overig`) are left out of the new ones, and so
    /// are tenders already closed, awarded, withdrawn or ended (an old notice imported today is
    /// not news for the providers).
    pub fn digest_since(&self, since: chrono::NaiveDate) -> Result<(Vec<DigestEntry>, Vec<DigestEntry>)> {
        let start = tenderwacht_domain::time::to_db(tenderwacht_domain::time::start_of_local_day(since));
        let today = tenderwacht_domain::time::to_db(tenderwacht_domain::time::start_of_local_day(self.today()));
        let read = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<Vec<(Uuid, DigestEntry)>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt
                .query_map(args, |r| {
                    Ok((
                        col_uuid(r, 0)?,
                        DigestEntry {
                            title: r.get(1)?,
                            buyer: r.get(2)?,
                            region: r.get(3)?,
                            closing: crate::col_moment_opt(r, 4)?,
                            link: r.get(5)?,
                            phase: crate::col_enum(r, 6, tenderwacht_domain::ProcedurePhase::from_db)?.at(crate::col_moment_opt(r, 4)?, Utc::now()),
                            changes: vec![],
                        },
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        };
        let cols = concat!(
            "t.id, t.title, t.buyer, t.region,
                    (SELECT max(m.at_utc) FROM milestone m WHERE m.tender_id = t.id AND m.kind IN ",
            tenderwacht_domain::closing_kinds!(),
            "),
                    (SELECT min(l.url) FROM tender_link l WHERE l.tender_id = t.id), t.phase"
        );
        let new = read(
            &format!(
                "SELECT {cols} FROM tender t WHERE t.created_at >= ?1 AND t.domain <> 'overig'
               AND t.phase NOT IN ('voornemen_tot_gunning', 'gegund', 'ingetrokken')
               AND t.status NOT IN {ENDED_STATUSES_SQL}
               -- A tender first seen today but closed long ago (an old notice imported) is not news.
               AND coalesce((SELECT max(m.at_utc) FROM milestone m WHERE m.tender_id = t.id AND m.kind IN {CLOSING_KINDS_SQL}), ?2) >= ?2
             ORDER BY t.created_at"
            ),
            &[&start, &today],
        )?;
        let mut changed = read(
            &format!(
                "SELECT {cols} FROM tender t WHERE t.created_at < ?1
               AND EXISTS (SELECT 1 FROM change_event c WHERE c.tender_id = t.id AND c.created_at >= ?1) ORDER BY t.title"
            ),
            &[&start],
        )?;
        for (id, entry) in &mut changed {
            entry.changes =
                self.changes(*id)?.into_iter().filter(|c| tenderwacht_domain::time::to_db(c.created_at) >= start).map(|c| c.describe()).collect();
        }
        Ok((new.into_iter().map(|(_, e)| e).collect(), changed.into_iter().map(|(_, e)| e).collect()))
    }

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
                    kind: crate::col_enum(r, 2, ChangeKind::from_db)?,
                    field: r.get(3)?,
                    old_value: r.get(4)?,
                    new_value: r.get(5)?,
                    created_at: crate::col_moment(r, 6)?,
                    seen: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Tenders with unseen changes, with titles, for the Overzicht.
    pub fn changed_tender_list(&self) -> Result<Vec<ChangedTender>> {
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT c.tender_id, t.title, t.buyer, count(*), max(c.created_at), t.phase,
                    (SELECT max(m.at_utc) FROM milestone m WHERE m.tender_id = t.id AND m.kind IN ",
            tenderwacht_domain::closing_kinds!(),
            ")
             FROM change_event c JOIN tender t ON t.id = c.tender_id
             WHERE c.seen_at IS NULL GROUP BY c.tender_id ORDER BY max(c.created_at) DESC LIMIT 50"
        ))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ChangedTender {
                    tender_id: col_uuid(r, 0)?,
                    title: r.get(1)?,
                    buyer: r.get(2)?,
                    changes: r.get(3)?,
                    last_change: crate::col_moment(r, 4)?,
                    phase: crate::col_enum(r, 5, tenderwacht_domain::ProcedurePhase::from_db)?.at(crate::col_moment_opt(r, 6)?, Utc::now()),
                })
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
            published_at: self
                .conn
                .prepare_cached("SELECT min(published_at) FROM publication WHERE tender_id = ?1")?
                .query_row([id.to_string()], |r| crate::col_moment_opt(r, 0))?,
            flags: self.tender_flags(id)?,
            winners: self.tender_winners(id)?,
        })
    }

    /// The lines of values a portal sent for a tender that could not be kept.
    pub fn tender_flags(&self, id: Uuid) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT message FROM tender_flag WHERE tender_id = ?1 ORDER BY created_at, message")?;
        let rows = stmt.query_map([id.to_string()], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The winners award notices named for a tender, with their lot where the notice gave one.
    pub fn tender_winners(&self, id: Uuid) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT CASE WHEN lot = '' THEN name ELSE lot || ': ' || name END FROM tender_winner WHERE tender_id = ?1 ORDER BY lot, name",
        )?;
        let rows = stmt.query_map([id.to_string()], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Marks a tender's changes as seen.
    pub fn mark_changes_seen(&mut self, tender: Uuid) -> Result<usize> {
        Ok(self
            .conn
            .prepare_cached("UPDATE change_event SET seen_at = ?2 WHERE tender_id = ?1 AND seen_at IS NULL")?
            .execute(params![tender.to_string(), now_db()])?)
    }
}
