//! Queries of `deliverable_file`: the files handed in for a bid's deliverables, one version after
//! another per bid × requirement × providing party, one of them final; and the buyer's template
//! (a portal document) a deliverable is filled in from.

use crate::error::{Result, StoreError};
use crate::{col_enum, col_moment, col_uuid, now_db, Store};
use rusqlite::{params, OptionalExtension, Transaction};
use std::path::Path;
use tenderwacht_domain::RequirementKind;
use tenderwacht_domain::{DeliverableFile, FileOrigin};
use uuid::Uuid;

const FILE_SELECT: &str = "SELECT f.id, f.bid_id, f.requirement_id, f.party_id, f.version, f.sha256, f.original_name, b.size,
        f.is_final, f.origin, f.added_at
     FROM deliverable_file f JOIN blob b ON b.sha256 = f.sha256";

fn read_file(r: &rusqlite::Row) -> rusqlite::Result<DeliverableFile> {
    Ok(DeliverableFile {
        id: col_uuid(r, 0)?,
        bid_id: col_uuid(r, 1)?,
        requirement_id: col_uuid(r, 2)?,
        party_id: col_uuid(r, 3)?,
        version: r.get(4)?,
        sha256: r.get(5)?,
        original_name: r.get(6)?,
        size: r.get::<_, i64>(7)?.try_into().unwrap_or(0),
        is_final: r.get(8)?,
        origin: col_enum(r, 9, FileOrigin::from_db)?,
        added_at: col_moment(r, 10)?,
    })
}

/// The cell a deliverable file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliverableCell {
    pub bid: Uuid,
    pub requirement: Uuid,
    pub party: Uuid,
}

/// Stores a stored blob as the next version of a cell, marking it final (and the others not) when
/// asked; the caller's transaction.
pub(crate) fn insert_version(
    tx: &Transaction,
    cell: DeliverableCell,
    sha256: &str,
    size: u64,
    original_name: &str,
    is_final: bool,
    origin: FileOrigin,
) -> Result<Uuid> {
    let now = now_db();
    crate::insert_blob(tx, sha256, size)?;
    let key = params![cell.bid.to_string(), cell.requirement.to_string(), cell.party.to_string()];
    let version: i64 = tx.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM deliverable_file WHERE bid_id = ?1 AND requirement_id = ?2 AND party_id = ?3",
        key,
        |r| r.get(0),
    )?;
    if is_final {
        tx.execute("UPDATE deliverable_file SET is_final = 0 WHERE bid_id = ?1 AND requirement_id = ?2 AND party_id = ?3 AND is_final = 1", key)?;
    }
    let id = tenderwacht_domain::ids::new_id();
    tx.execute(
        "INSERT INTO deliverable_file (id, bid_id, requirement_id, party_id, version, sha256, original_name, is_final, origin, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id.to_string(),
            cell.bid.to_string(),
            cell.requirement.to_string(),
            cell.party.to_string(),
            version,
            sha256,
            original_name,
            is_final,
            origin.as_str(),
            now
        ],
    )?;
    Ok(id)
}

impl Store {
    /// The cell of a bid's deliverable for the providing party (`member` in a cooperative's bid
    /// whose members provide it), checked: the requirement must be a deliverable of the bid's tender.
    pub fn deliverable_cell(&self, bid: Uuid, requirement: Uuid, member: Option<Uuid>) -> Result<DeliverableCell> {
        let b = self.bid(bid)?;
        self.check_requirement_of(&b, requirement)?;
        let kind: String = self.conn.query_row("SELECT kind FROM requirement WHERE id = ?1", [requirement.to_string()], |r| r.get(0))?;
        if kind != RequirementKind::Deliverable.as_str() {
            return Err(StoreError::invalid(
                "eis",
                "is een document uit de catalogus; voeg het toe bij de aanbieder (Documenten), niet als op te stellen stuk",
            ));
        }
        let party = self.providing_party(&b, member)?;
        Ok(DeliverableCell { bid, requirement, party })
    }

    /// Adds a file as the next version of a bid's deliverable. An empty file is refused (nothing
    /// is stored); the file is stored content-addressed first, then registered in one transaction.
    pub fn attach_deliverable_file(
        &mut self,
        cell: DeliverableCell,
        file: &Path,
        original_name: Option<&str>,
        is_final: bool,
    ) -> Result<DeliverableFile> {
        let meta = std::fs::metadata(file).map_err(|e| StoreError::io(file, e))?;
        if meta.is_file() && meta.len() == 0 {
            return Err(StoreError::invalid("bestand", format!("{} is leeg", file.display())));
        }
        let name = match original_name.map(str::trim) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "bestand".into()),
        };
        let blob = self.blobs.put_file(file)?;
        let id = self.write(|tx| insert_version(tx, cell, &blob.sha256, blob.size, &name, is_final, FileOrigin::Upload))?;
        self.deliverable_file(id)
    }

    pub fn deliverable_file(&self, id: Uuid) -> Result<DeliverableFile> {
        let mut stmt = self.conn.prepare_cached(&format!("{FILE_SELECT} WHERE f.id = ?1"))?;
        stmt.query_row([id.to_string()], read_file).optional()?.ok_or_else(|| StoreError::NotFound { what: "bestand", key: id.to_string() })
    }

    /// Every version of every deliverable of a bid, oldest first per cell.
    pub fn deliverable_files(&self, bid: Uuid) -> Result<Vec<DeliverableFile>> {
        let mut stmt = self.conn.prepare_cached(&format!("{FILE_SELECT} WHERE f.bid_id = ?1 ORDER BY f.requirement_id, f.party_id, f.version"))?;
        let rows = stmt.query_map([bid.to_string()], read_file)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Marks a version final (the others of its cell not), or takes the mark away.
    pub fn set_deliverable_final(&mut self, file: Uuid, is_final: bool) -> Result<DeliverableFile> {
        let f = self.deliverable_file(file)?;
        self.write(|tx| {
            if is_final {
                tx.execute(
                    "UPDATE deliverable_file SET is_final = 0 WHERE bid_id = ?1 AND requirement_id = ?2 AND party_id = ?3 AND is_final = 1",
                    params![f.bid_id.to_string(), f.requirement_id.to_string(), f.party_id.to_string()],
                )?;
            }
            tx.execute("UPDATE deliverable_file SET is_final = ?2 WHERE id = ?1", params![file.to_string(), is_final])?;
            Ok(())
        })?;
        self.deliverable_file(file)
    }

    /// Removes one version (its file stays in the content store; another row may share it).
    pub fn remove_deliverable_file(&mut self, file: Uuid) -> Result<()> {
        let n = self.write(|tx| Ok(tx.execute("DELETE FROM deliverable_file WHERE id = ?1", [file.to_string()])?))?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "bestand", key: file.to_string() });
        }
        Ok(())
    }

    /// Sets (or clears) the buyer's template of a deliverable: one of the tender's own portal documents.
    pub fn set_requirement_template(&mut self, requirement: Uuid, document: Option<Uuid>) -> Result<()> {
        let (tender, kind): (String, String) = self
            .conn
            .query_row("SELECT tender_id, kind FROM requirement WHERE id = ?1", [requirement.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "eis", key: requirement.to_string() })?;
        if kind != RequirementKind::Deliverable.as_str() {
            return Err(StoreError::invalid("sjabloon", "alleen een op te stellen stuk heeft een sjabloon van de aanbestedende dienst"));
        }
        if let Some(doc) = document {
            let of: Option<String> =
                self.conn.query_row("SELECT tender_id FROM tender_document WHERE id = ?1", [doc.to_string()], |r| r.get(0)).optional()?;
            match of {
                None => return Err(StoreError::NotFound { what: "aanbestedingsstuk", key: doc.to_string() }),
                Some(t) if t != tender => return Err(StoreError::invalid("sjabloon", "hoort bij een andere aanbesteding")),
                Some(_) => {}
            }
        }
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE requirement SET template_document_id = ?2 WHERE id = ?1",
                params![requirement.to_string(), document.map(|d| d.to_string())],
            )?)
        })?;
        Ok(())
    }
}
