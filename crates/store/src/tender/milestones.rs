//! Queries of the `milestone` table: the dated moments of a tender, stored in UTC.

use crate::error::{Result, StoreError};
use crate::{col_enum, col_moment, col_uuid, now_db, Store};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use tenderwacht_domain::{Milestone, MilestoneKind};
use uuid::Uuid;

/// The one way a milestone row is written, whether typed in, created with a tender or read from
/// a portal (callers that insert many prepare it once with `prepare_cached`).
pub(crate) const INSERT_MILESTONE: &str = "INSERT INTO milestone (id, tender_id, kind, label, at_utc, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/// Inserts a milestone inside the caller's transaction.
pub(crate) fn insert_milestone(
    tx: &Connection,
    id: Uuid,
    tender: Uuid,
    kind: MilestoneKind,
    label: &str,
    at: DateTime<Utc>,
    note: &str,
) -> Result<()> {
    tx.prepare_cached(INSERT_MILESTONE)?.execute(params![
        id.to_string(),
        tender.to_string(),
        kind.as_str(),
        label.trim(),
        tenderwacht_domain::time::to_db(at),
        note.trim()
    ])?;
    Ok(())
}

/// The rule of [`Store::set_milestone`] inside the caller's transaction (also used when an
/// accepted proposal moves a date): the latest milestone of the kind moves, or one is added.
pub(crate) fn set_milestone_in(tx: &Connection, tender: Uuid, kind: MilestoneKind, at: DateTime<Utc>, note: &str) -> Result<Uuid> {
    let latest: Option<String> = tx
        .query_row(
            "SELECT id FROM milestone WHERE tender_id = ?1 AND kind = ?2 ORDER BY at_utc DESC LIMIT 1",
            params![tender.to_string(), kind.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    let id = match latest {
        Some(m) => {
            tx.execute("UPDATE milestone SET at_utc = ?2 WHERE id = ?1", params![m, tenderwacht_domain::time::to_db(at)])?;
            Uuid::parse_str(&m).map_err(|_| StoreError::corrupt("milestone.id", m))?
        }
        None if kind == MilestoneKind::Custom => {
            return Err(StoreError::invalid("omschrijving", "een eigen mijlpaal heeft een omschrijving nodig"));
        }
        None => {
            let id = tenderwacht_domain::ids::new_id();
            insert_milestone(tx, id, tender, kind, "", at, note)?;
            id
        }
    };
    tx.execute("UPDATE tender SET updated_at = ?2 WHERE id = ?1", params![tender.to_string(), now_db()])?;
    Ok(id)
}

impl Store {
    /// Adds a milestone; a custom one needs a label.
    pub fn add_milestone(&mut self, tender: Uuid, kind: MilestoneKind, at: DateTime<Utc>, label: &str, note: &str) -> Result<Uuid> {
        self.tender(tender)?;
        if kind == MilestoneKind::Custom && label.trim().is_empty() {
            return Err(StoreError::invalid("omschrijving", "een eigen mijlpaal heeft een omschrijving nodig"));
        }
        let id = tenderwacht_domain::ids::new_id();
        self.write(|tx| {
            insert_milestone(tx, id, tender, kind, label, at, note)?;
            tx.execute("UPDATE tender SET updated_at = ?2 WHERE id = ?1", params![tender.to_string(), now_db()])?;
            Ok(id)
        })
    }

    /// Moves a milestone to a new moment.
    pub fn move_milestone(&mut self, id: Uuid, at: DateTime<Utc>) -> Result<Milestone> {
        self.write(|tx| {
            let n = tx.execute("UPDATE milestone SET at_utc = ?2 WHERE id = ?1", params![id.to_string(), tenderwacht_domain::time::to_db(at)])?;
            if n == 0 {
                return Err(StoreError::NotFound { what: "mijlpaal", key: id.to_string() });
            }
            tx.execute(
                "UPDATE tender SET updated_at = ?2 WHERE id = (SELECT tender_id FROM milestone WHERE id = ?1)",
                params![id.to_string(), now_db()],
            )?;
            Ok(())
        })?;
        self.milestone(id)
    }

    /// Sets when a tender's milestone of `kind` is (the latest of them, when there are several),
    /// adding it when it has none: "move the closing" in the app and in the CLI.
    pub fn set_milestone(&mut self, tender: Uuid, kind: MilestoneKind, at: DateTime<Utc>) -> Result<Milestone> {
        self.tender(tender)?;
        let id = self.write(|tx| set_milestone_in(tx, tender, kind, at, ""))?;
        self.milestone(id)
    }

    pub fn remove_milestone(&mut self, id: Uuid) -> Result<()> {
        let n = self.write(|tx| Ok(tx.execute("DELETE FROM milestone WHERE id = ?1", [id.to_string()])?))?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "mijlpaal", key: id.to_string() });
        }
        Ok(())
    }

    pub fn milestone(&self, id: Uuid) -> Result<Milestone> {
        let mut stmt = self.conn.prepare_cached("SELECT id, tender_id, kind, label, at_utc, note FROM milestone WHERE id = ?1")?;
        stmt.query_row([id.to_string()], read_milestone).optional()?.ok_or_else(|| StoreError::NotFound { what: "mijlpaal", key: id.to_string() })
    }

    /// A tender's milestones in time order.
    pub fn milestones(&self, tender: Uuid) -> Result<Vec<Milestone>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, tender_id, kind, label, at_utc, note FROM milestone WHERE tender_id = ?1 ORDER BY at_utc")?;
        let rows = stmt.query_map([tender.to_string()], read_milestone)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Finds a milestone of a tender by id fragment, or by kind when the tender has exactly one.
    pub fn resolve_milestone(&self, key: &str) -> Result<Uuid> {
        let mut stmt = self.conn.prepare_cached("SELECT id, kind FROM milestone WHERE instr(id, ?1) > 0 LIMIT 6")?;
        let k = key.trim().to_lowercase();
        if k.len() < 6 {
            return Err(StoreError::NotFound { what: "mijlpaal", key: key.to_string() });
        }
        let rows: Vec<(Uuid, String)> = stmt.query_map([k], |r| Ok((col_uuid(r, 0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        crate::pick_one("mijlpaal", key, rows.iter().collect())
    }
}

fn read_milestone(r: &rusqlite::Row) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        id: col_uuid(r, 0)?,
        tender_id: col_uuid(r, 1)?,
        kind: col_enum(r, 2, MilestoneKind::from_db)?,
        label: r.get(3)?,
        at: col_moment(r, 4)?,
        note: r.get(5)?,
    })
}
