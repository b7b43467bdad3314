//! Queries of `requirement_proposal`: requirements (and changes of them or of a date) read from a
//! tender's documents, kept with the sentence, file and page they came from until the consultant
//! accepts, edits or rejects them. Nothing becomes a requirement without that answer.

use crate::error::{Result, StoreError};
use crate::fold;
use crate::party::catalogue::insert_type;
use crate::tender::milestones::{insert_milestone, set_milestone_in};
use crate::tender::requirements::insert_requirement;
use crate::{col_enum, col_moment_opt, col_uuid, col_uuid_opt, now_db, Store};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use tenderwacht_domain::catalogue::{code_for, describe_type, suggest_type};
use tenderwacht_domain::{MilestoneKind, Proposal, ProposalAsked, ProposalDraft, ProposalEdit, ProposalKind, ProposalStatus, RequirementInput};
use ts_rs::TS;
use uuid::Uuid;

const PROPOSAL_SELECT: &str = "SELECT p.id, p.tender_id, p.kind, t.code, t.name, p.name, p.max_age_amount, p.max_age_unit, p.note,
        p.milestone_kind, p.at_utc, p.requirement_id, p.quote, p.file_name, p.page, p.status,
        p.asked, p.condition, p.section, p.also_in
     FROM requirement_proposal p LEFT JOIN document_type t ON t.id = p.type_id";

fn read_proposal(r: &rusqlite::Row) -> rusqlite::Result<Proposal> {
    let milestone: Option<String> = r.get(9)?;
    let kind = col_enum(r, 2, ProposalKind::from_db)?;
    let type_code: Option<String> = r.get(3)?;
    let name: String = r.get(5)?;
    let max_age = crate::col_period(r, 6, 7)?;
    let note: String = r.get(8)?;
    let also_in: String = r.get(19)?;
    let also_in =
        serde_json::from_str(&also_in).map_err(|e| rusqlite::Error::FromSqlConversionFailure(19, rusqlite::types::Type::Text, Box::new(e)))?;
    // A document asked by a name the catalogue lacks could become a type of its own.
    let suggested_type = (kind == ProposalKind::Deliverable && type_code.is_none()).then(|| suggest_type(&name, max_age, &note)).flatten();
    Ok(Proposal {
        id: col_uuid(r, 0)?,
        tender_id: col_uuid(r, 1)?,
        draft: ProposalDraft {
            kind,
            type_code,
            name,
            max_age,
            note,
            asked: col_enum(r, 16, ProposalAsked::from_db)?,
            condition: r.get(17)?,
            section: r.get(18)?,
            milestone_kind: milestone.as_deref().and_then(MilestoneKind::parse),
            at: col_moment_opt(r, 10)?,
            quote: r.get(12)?,
            file_name: r.get(13)?,
            page: r.get(14)?,
            also_in,
        },
        type_name: r.get(4)?,
        asked_text: col_enum(r, 16, ProposalAsked::from_db)?.label().to_string(),
        max_age_text: crate::col_period(r, 6, 7)?.map(|p| p.describe()),
        requirement_id: col_uuid_opt(r, 11)?,
        status: col_enum(r, 15, ProposalStatus::from_db)?,
        suggested_type_text: suggested_type.as_ref().map(describe_type),
        suggested_type,
    })
}

/// What storing a reader's findings did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProposalReport {
    /// Proposals stored now, waiting for an answer.
    pub added: Vec<Proposal>,
    /// Findings the tender already asks (same requirement and age, or answered before).
    pub known: u32,
}

/// The same finding read again elsewhere (another file, or the same file's table) adds its
/// places to the proposal it already is; read again at the same places it changes nothing.
fn add_sources(tx: &rusqlite::Transaction, id: Uuid, d: &ProposalDraft) -> Result<()> {
    let row: Option<(String, Option<u32>, String, String)> = tx
        .query_row("SELECT file_name, page, quote, also_in FROM requirement_proposal WHERE id = ?1", [id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((file_name, page, quote, also_in)) = row else { return Ok(()) };
    let mut stored = ProposalDraft { file_name, page, quote, also_in: serde_json::from_str(&also_in).unwrap_or_default(), ..d.clone() };
    let before = stored.also_in.len();
    stored.add_source(d.source());
    d.also_in.iter().cloned().for_each(|s| stored.add_source(s));
    if stored.also_in.len() > before {
        let json = serde_json::to_string(&stored.also_in).map_err(|e| StoreError::invalid("voorstel", e.to_string()))?;
        tx.execute("UPDATE requirement_proposal SET also_in = ?2 WHERE id = ?1", params![id.to_string(), json])?;
    }
    Ok(())
}

impl Store {
    /// Stores a reader's findings for a tender. A finding the tender already asks is counted as
    /// known; a catalogue document the tender asks with another maximum age becomes a change of
    /// that requirement; a change of a requirement the tender lacks becomes a new one. The same
    /// finding read again (from another file, or after a sync) is the same proposal, so an answer
    /// given once stays given.
    pub fn add_proposals(&mut self, tender: Uuid, drafts: Vec<ProposalDraft>) -> Result<ProposalReport> {
        self.tender(tender)?;
        let reqs = self.requirements(tender)?;
        let milestones = self.milestones(tender)?;
        let types = self.document_types()?;
        let mut rows = vec![];
        let mut known = 0u32;
        for mut d in drafts {
            // A document asked by a name the consultant made a catalogue type of (from an earlier
            // tender's proposal) is that type now.
            if d.kind == ProposalKind::Deliverable && d.type_code.is_none() {
                let code = code_for(&d.name);
                if let Some(t) = types.iter().find(|t| t.code == code || fold(&t.name) == fold(&d.name)) {
                    d.kind = ProposalKind::Document;
                    d.type_code = Some(t.code.clone());
                }
            }
            let target = reqs.iter().find(|r| match &d.type_code {
                Some(code) => r.type_code.as_deref() == Some(code.as_str()),
                None => !d.name.is_empty() && r.type_code.is_none() && fold(&r.name) == fold(&d.name),
            });
            match (d.kind, target) {
                (ProposalKind::Document | ProposalKind::Deliverable | ProposalKind::Change, Some(r)) => {
                    if d.max_age.is_none() || d.max_age == r.max_age {
                        known += 1;
                        continue;
                    }
                    d.kind = ProposalKind::Change;
                }
                (ProposalKind::Change, None) => {
                    d.kind = if d.type_code.is_some() { ProposalKind::Document } else { ProposalKind::Deliverable };
                }
                (ProposalKind::Date, _) => {
                    let current = milestones.iter().filter(|m| Some(m.kind) == d.milestone_kind).map(|m| m.at).max();
                    if current.is_some() && current == d.at {
                        known += 1;
                        continue;
                    }
                }
                _ => {}
            }
            let target_id = if d.kind == ProposalKind::Change { target.map(|r| r.id) } else { None };
            let age = d.max_age.map(|p| format!("{}{}", p.amount, p.unit.as_str())).unwrap_or_default();
            let subject = d.type_code.clone().unwrap_or_else(|| fold(&d.name));
            let at = d.at.map(tenderwacht_domain::time::to_db).unwrap_or_default();
            let milestone = d.milestone_kind.map(|m| m.as_str()).unwrap_or_default();
            let id = tenderwacht_domain::ids::keyed("proposal", &[&tender.to_string(), d.kind.as_str(), &subject, &age, milestone, &at]);
            rows.push((id, d, target_id));
        }
        let mut added_ids = vec![];
        self.write(|tx| {
            for (id, d, target) in &rows {
                let type_id: Option<String> = match &d.type_code {
                    Some(code) => tx.query_row("SELECT id FROM document_type WHERE code = ?1", [code], |r| r.get(0)).optional()?,
                    None => None,
                };
                let also_in = serde_json::to_string(&d.also_in).map_err(|e| StoreError::invalid("voorstel", e.to_string()))?;
                let n = tx.execute(
                    "INSERT OR IGNORE INTO requirement_proposal (id, tender_id, kind, type_id, name, max_age_amount, max_age_unit, note,
                        milestone_kind, at_utc, requirement_id, quote, file_name, page, created_at, asked, condition, section, also_in)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                    params![
                        id.to_string(),
                        tender.to_string(),
                        d.kind.as_str(),
                        type_id,
                        d.name,
                        d.max_age.map(|p| p.amount),
                        d.max_age.map(|p| p.unit.as_str()),
                        d.note,
                        d.milestone_kind.map(|m| m.as_str()),
                        d.at.map(tenderwacht_domain::time::to_db),
                        target.map(|t| t.to_string()),
                        d.quote,
                        d.file_name,
                        d.page,
                        now_db(),
                        d.asked.as_str(),
                        d.condition,
                        d.section,
                        also_in
                    ],
                )?;
                if n == 1 {
                    added_ids.push(*id);
                } else {
                    known += 1;
                    add_sources(tx, *id, d)?;
                }
            }
            Ok(())
        })?;
        let added = added_ids.into_iter().map(|id| self.proposal(id)).collect::<Result<Vec<_>>>()?;
        Ok(ProposalReport { added, known })
    }

    pub fn proposal(&self, id: Uuid) -> Result<Proposal> {
        let mut stmt = self.conn.prepare_cached(&format!("{PROPOSAL_SELECT} WHERE p.id = ?1"))?;
        stmt.query_row([id.to_string()], read_proposal).optional()?.ok_or_else(|| StoreError::NotFound { what: "voorstel", key: id.to_string() })
    }

    /// A tender's proposals in the order they were read; with `all`, answered ones too.
    pub fn proposals(&self, tender: Uuid, all: bool) -> Result<Vec<Proposal>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{PROPOSAL_SELECT} WHERE p.tender_id = ?1 AND (?2 OR p.status = 'open') ORDER BY p.created_at, p.file_name, p.page, p.rowid"
        ))?;
        let rows = stmt.query_map(params![tender.to_string(), all], read_proposal)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Finds a proposal by id fragment.
    pub fn resolve_proposal(&self, key: &str) -> Result<Uuid> {
        let mut stmt = self.conn.prepare_cached("SELECT id, quote FROM requirement_proposal")?;
        let rows: Vec<(Uuid, String)> = stmt.query_map([], |r| Ok((col_uuid(r, 0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        crate::match_id_fragment("voorstel", key, rows)
    }

    /// Accepts a proposal, with the consultant's edits: a new requirement, a changed maximum age,
    /// or a moved date — and the answer — in one transaction.
    pub fn accept_proposal(&mut self, id: Uuid, edit: &ProposalEdit) -> Result<Proposal> {
        let p = self.proposal(id)?;
        if p.status != ProposalStatus::Open {
            return Err(StoreError::invalid("voorstel", format!("is al {}", p.status.label())));
        }
        let d = &p.draft;
        let max_age = if edit.no_max_age { None } else { edit.max_age.or(d.max_age) };
        let mut note = edit.note.clone().unwrap_or_else(|| d.note.clone());
        // When and for whom stay with the requirement, in words, unless the consultant wrote a note.
        if edit.note.is_none() {
            let when = (d.asked != ProposalAsked::WithBid).then(|| d.asked.label().to_string());
            let whom = (!d.condition.is_empty()).then(|| d.condition.clone());
            let words: Vec<String> = [when, whom, (!note.is_empty()).then_some(note)].into_iter().flatten().collect();
            note = words.join("; ");
        }
        let tender = p.tender_id;
        // A document asked by its name, taken into the catalogue as a type of its own.
        let new_type = if edit.as_new_type {
            if d.kind != ProposalKind::Deliverable || d.type_code.is_some() {
                return Err(StoreError::invalid("voorstel", "is al een documentsoort uit de catalogus"));
            }
            let name = edit.name.clone().unwrap_or_else(|| d.name.clone());
            let t = suggest_type(&name, max_age, &d.note).ok_or_else(|| {
                StoreError::invalid("voorstel", format!("'{}' is een stuk voor deze inschrijving, geen documentsoort", name.trim()))
            })?;
            Some(t)
        } else {
            None
        };
        // A document asked during the contract is no bid requirement: it becomes an obligation of
        // each contract won from this tender (now, or when the contract is registered).
        let obligation_type = edit
            .type_code
            .clone()
            .or_else(|| d.type_code.clone())
            .filter(|_| d.kind == ProposalKind::Document && d.asked == ProposalAsked::DuringContract);
        self.write(|tx| {
            if let Some(t) = &new_type {
                // The same name made a type on another laptop or tender: that type is used.
                let exists = tx.query_row("SELECT 1 FROM document_type WHERE code = ?1", [&t.code], |_| Ok(())).optional()?.is_some();
                if !exists {
                    insert_type(tx, t)?;
                }
            }
            let requirement = match d.kind {
                _ if obligation_type.is_some() => None,
                ProposalKind::Document | ProposalKind::Deliverable => {
                    // A document taken in as a new type is asked as that type, by its name.
                    let type_code = match &new_type {
                        Some(t) => Some(t.code.clone()),
                        None if d.kind == ProposalKind::Document => edit.type_code.clone().or_else(|| d.type_code.clone()),
                        None => None,
                    };
                    let name = new_type.as_ref().map(|t| t.name.clone()).or_else(|| edit.name.clone()).unwrap_or_else(|| d.name.clone());
                    let input = RequirementInput { lot_number: None, type_code, name, max_age, note: note.clone() };
                    Some(insert_requirement(tx, tender, &input)?)
                }
                ProposalKind::Change => {
                    let target = p.requirement_id.ok_or_else(|| StoreError::invalid("voorstel", "de eis die het wijzigt bestaat niet meer"))?;
                    let n = tx.execute(
                        "UPDATE requirement SET max_age_amount = ?2, max_age_unit = ?3,
                            note = CASE WHEN ?4 = '' THEN note ELSE ?4 END WHERE id = ?1",
                        params![target.to_string(), max_age.map(|a| a.amount), max_age.map(|a| a.unit.as_str()), note.trim()],
                    )?;
                    if n == 0 {
                        return Err(StoreError::invalid("voorstel", "de eis die het wijzigt bestaat niet meer"));
                    }
                    Some(target)
                }
                ProposalKind::Date => {
                    let (Some(kind), Some(at)) = (d.milestone_kind, d.at) else {
                        return Err(StoreError::invalid("voorstel", "zonder datum"));
                    };
                    if kind == MilestoneKind::Custom {
                        // A step of the buyer's planning none of the named kinds fits: a milestone of
                        // its own, by the step's name (moved, when read again with a new date).
                        let label = edit.name.clone().unwrap_or_else(|| d.name.clone());
                        let label = label.trim();
                        let existing: Option<String> = tx
                            .query_row(
                                "SELECT id FROM milestone WHERE tender_id = ?1 AND kind = 'custom' AND label = ?2",
                                params![tender.to_string(), label],
                                |r| r.get(0),
                            )
                            .optional()?;
                        match existing {
                            Some(m) => {
                                tx.execute("UPDATE milestone SET at_utc = ?2 WHERE id = ?1", params![m, tenderwacht_domain::time::to_db(at)])?;
                            }
                            None => {
                                let id = tenderwacht_domain::ids::keyed("milestone", &[&tender.to_string(), "custom", label]);
                                insert_milestone(tx, id, tender, kind, label, at, "uit de stukken")?;
                            }
                        }
                    } else {
                        set_milestone_in(tx, tender, kind, at, "uit de stukken")?;
                    }
                    None
                }
            };
            tx.execute(
                "UPDATE requirement_proposal SET status = 'accepted', requirement_id = coalesce(?2, requirement_id) WHERE id = ?1",
                params![id.to_string(), requirement.map(|r| r.to_string())],
            )?;
            if let Some(t) = &new_type {
                tx.execute(
                    "UPDATE requirement_proposal SET type_id = (SELECT id FROM document_type WHERE code = ?2) WHERE id = ?1",
                    params![id.to_string(), t.code],
                )?;
            }
            if let Some(code) = &obligation_type {
                let n = tx.execute(
                    "UPDATE requirement_proposal SET type_id = (SELECT id FROM document_type WHERE code = ?2) WHERE id = ?1
                       AND EXISTS (SELECT 1 FROM document_type WHERE code = ?2)",
                    params![id.to_string(), code],
                )?;
                if n == 0 {
                    return Err(StoreError::NotFound { what: "documenttype", key: code.clone() });
                }
                crate::contract::obligations::obligations_from_proposals(tx, tender)?;
            }
            Ok(())
        })?;
        self.proposal(id)
    }

    /// Rejects a proposal; read again later, it stays rejected.
    pub fn reject_proposal(&mut self, id: Uuid) -> Result<Proposal> {
        self.proposal(id)?;
        self.write(|tx| Ok(tx.execute("UPDATE requirement_proposal SET status = 'rejected' WHERE id = ?1", [id.to_string()])?))?;
        self.proposal(id)
    }
}
