//! Queries of the `requirement` table: what a tender asks of every bid (catalogue documents and
//! tender-specific deliverables, optionally per lot), and applying a template to a tender.

use crate::error::{Result, StoreError};
use crate::{col_enum, col_uuid, col_uuid_opt, pick_one, Store};
use rusqlite::{params, OptionalExtension, Transaction};
use tenderwacht_domain::{self as d, Requirement, RequirementEdit, RequirementInput, RequirementKind, RequirementTemplate};
use uuid::Uuid;

const REQ_SELECT: &str = "SELECT r.id, r.tender_id, l.number, r.kind, r.type_id, t.code,
        CASE WHEN r.kind = 'document' THEN t.name ELSE r.name END, r.max_age_amount, r.max_age_unit, r.note, r.position,
        r.template_document_id, d.title
     FROM requirement r LEFT JOIN lot l ON l.id = r.lot_id LEFT JOIN document_type t ON t.id = r.type_id
        LEFT JOIN tender_document d ON d.id = r.template_document_id";

fn read_req(r: &rusqlite::Row) -> rusqlite::Result<Requirement> {
    Ok(Requirement {
        id: col_uuid(r, 0)?,
        tender_id: col_uuid(r, 1)?,
        lot_number: r.get(2)?,
        kind: col_enum(r, 3, RequirementKind::from_db)?,
        type_id: col_uuid_opt(r, 4)?,
        type_code: r.get(5)?,
        name: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        max_age: crate::col_period(r, 7, 8)?,
        max_age_text: crate::col_period(r, 7, 8)?.map(|p| p.describe()),
        note: r.get(9)?,
        position: r.get(10)?,
        template_document_id: col_uuid_opt(r, 11)?,
        template_title: r.get(12)?,
    })
}

pub(crate) fn insert_requirement(tx: &Transaction, tender: Uuid, input: &RequirementInput) -> Result<Uuid> {
    let lot_id: Option<String> = match input.lot_number {
        Some(n) => Some(
            tx.query_row("SELECT id FROM lot WHERE tender_id = ?1 AND number = ?2", params![tender.to_string(), n], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::invalid("perceel", format!("aanbesteding heeft geen perceel {n}")))?,
        ),
        None => None,
    };
    let (kind, type_id, name, shown) = match &input.type_code {
        Some(code) => {
            let (type_id, type_name): (String, String) = tx
                .query_row("SELECT id, name FROM document_type WHERE code = ?1", [code.trim().to_lowercase()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| StoreError::NotFound { what: "documenttype", key: code.clone() })?;
            (RequirementKind::Document, Some(type_id), String::new(), type_name)
        }
        None => {
            let name = d::name("naam", &input.name)?;
            (RequirementKind::Deliverable, None, name.clone(), name)
        }
    };
    let dup: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM requirement WHERE tender_id = ?1 AND lot_id IS ?2 AND kind = ?3
                        AND (type_id IS ?4 AND (type_id IS NOT NULL OR name = ?5)))",
        params![tender.to_string(), lot_id, kind.as_str(), type_id, name],
        |r| r.get(0),
    )?;
    if dup {
        // Named as the consultant reads it ("Aansprakelijkheidsverzekering", not "avb").
        return Err(StoreError::Duplicate { what: "eis", key: shown });
    }
    let position: i64 =
        tx.query_row("SELECT coalesce(max(position), -1) + 1 FROM requirement WHERE tender_id = ?1", [tender.to_string()], |r| r.get(0))?;
    let id = tenderwacht_domain::ids::new_id();
    tx.execute(
        "INSERT INTO requirement (id, tender_id, lot_id, kind, type_id, name, max_age_amount, max_age_unit, note, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id.to_string(),
            tender.to_string(),
            lot_id,
            kind.as_str(),
            type_id,
            name,
            input.max_age.map(|p| p.amount),
            input.max_age.map(|p| p.unit.as_str()),
            input.note.trim(),
            position
        ],
    )?;
    Ok(id)
}

/// Adds a template's items a tender lacks; returns how many were added.
pub(crate) fn insert_template_items(tx: &Transaction, tender: Uuid, tpl: &RequirementTemplate) -> Result<usize> {
    let mut added = 0;
    for item in &tpl.items {
        let input =
            RequirementInput { lot_number: None, type_code: item.type_code.clone(), name: item.name.clone(), max_age: None, note: String::new() };
        match insert_requirement(tx, tender, &input) {
            Ok(_) => added += 1,
            Err(StoreError::Duplicate { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(added)
}

impl Store {
    pub fn add_requirement(&mut self, tender: Uuid, input: &RequirementInput) -> Result<Uuid> {
        self.tender(tender)?;
        self.write(|tx| {
            let id = insert_requirement(tx, tender, input)?;
            Ok(id)
        })
    }

    /// Adds every item of a template that the tender does not have yet; returns how many were added.
    pub fn apply_template(&mut self, tender: Uuid, template: &str) -> Result<usize> {
        self.tender(tender)?;
        let tpl = self.requirement_template(template)?;
        self.write(|tx| {
            let added = insert_template_items(tx, tender, &tpl)?;
            Ok(added)
        })
    }

    /// A template by name (case-insensitive) or id.
    pub fn requirement_template(&self, key: &str) -> Result<RequirementTemplate> {
        self.requirement_templates()?
            .into_iter()
            .find(|t| t.name.eq_ignore_ascii_case(key.trim()) || t.id.to_string() == key.trim())
            .ok_or_else(|| StoreError::NotFound { what: "sjabloon", key: key.to_string() })
    }

    pub fn requirements(&self, tender: Uuid) -> Result<Vec<Requirement>> {
        let mut stmt = self.conn.prepare_cached(&format!("{REQ_SELECT} WHERE r.tender_id = ?1 ORDER BY r.position"))?;
        let rows = stmt.query_map([tender.to_string()], read_req)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn remove_requirement(&mut self, id: Uuid) -> Result<()> {
        let n = self.write(|tx| Ok(tx.execute("DELETE FROM requirement WHERE id = ?1", [id.to_string()])?))?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "eis", key: id.to_string() });
        }
        Ok(())
    }

    /// Corrects a requirement's maximum age and note (and a deliverable's name); a renamed
    /// deliverable may not take the name of another one of the tender.
    pub fn edit_requirement(&mut self, id: Uuid, edit: &RequirementEdit) -> Result<Requirement> {
        let current = self.requirement(id)?;
        let name = match current.kind {
            RequirementKind::Deliverable => d::name("naam", &edit.name)?,
            RequirementKind::Document => String::new(),
        };
        self.write(|tx| {
            if current.kind == RequirementKind::Deliverable {
                let taken: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM requirement WHERE tender_id = ?1 AND kind = 'deliverable' AND name = ?2 AND id <> ?3)",
                    params![current.tender_id.to_string(), name, id.to_string()],
                    |r| r.get(0),
                )?;
                if taken {
                    return Err(StoreError::invalid("naam", format!("deze aanbesteding vraagt al een stuk met de naam {name}")));
                }
            }
            tx.execute(
                "UPDATE requirement SET name = ?2, max_age_amount = ?3, max_age_unit = ?4, note = ?5 WHERE id = ?1",
                params![id.to_string(), name, edit.max_age.map(|p| p.amount), edit.max_age.map(|p| p.unit.as_str()), edit.note.trim()],
            )?;
            Ok(())
        })?;
        self.requirement(id)
    }

    /// One requirement by id.
    pub fn requirement(&self, id: Uuid) -> Result<Requirement> {
        let mut stmt = self.conn.prepare_cached(&format!("{REQ_SELECT} WHERE r.id = ?1"))?;
        stmt.query_row([id.to_string()], read_req).optional()?.ok_or_else(|| StoreError::NotFound { what: "eis", key: id.to_string() })
    }

    /// Finds a requirement of a tender by catalogue code, deliverable name, or id fragment.
    pub fn resolve_requirement(&self, tender: Uuid, key: &str) -> Result<Uuid> {
        let reqs = self.requirements(tender)?;
        let k = key.trim().to_lowercase();
        let named: Vec<(Uuid, String)> = reqs.iter().map(|r| (r.id, r.name.clone())).collect();
        let hits: Vec<&(Uuid, String)> = reqs
            .iter()
            .zip(named.iter())
            .filter(|(r, _)| {
                r.type_code.as_deref() == Some(k.as_str()) || r.name.to_lowercase() == k || r.id.to_string().contains(&k) && k.len() >= 6
            })
            .map(|(_, n)| n)
            .collect();
        pick_one("eis", key, hits)
    }
}
