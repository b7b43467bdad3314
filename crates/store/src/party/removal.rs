//! Correcting and removing what was entered by mistake: a document's facts edited, a document or
//! a whole provider removed. Each removal first says what it takes along (`*_removal`), and the
//! same words guard the removal itself, so the window's question and the CLI's refusal agree.

use crate::error::{Result, StoreError};
use crate::party::documents::{check_document_dates, mark_current};
use crate::Store;
use rusqlite::{params, Transaction};
use tenderwacht_domain::{Document, DocumentEdit, PartyKind, RemovalImpact};
use uuid::Uuid;

fn count(tx: &rusqlite::Connection, sql: &str, id: Uuid) -> Result<usize> {
    let n: i64 = tx.query_row(sql, [id.to_string()], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or_default())
}

/// What removing a document takes along: the checklist links that point at it.
fn document_impact(conn: &rusqlite::Connection, id: Uuid) -> Result<RemovalImpact> {
    let links = count(conn, "SELECT count(*) FROM bid_item WHERE document_id = ?1", id)?;
    let takes = RemovalImpact::count(
        links,
        "koppeling in een checklist (die cel staat daarna weer open)",
        "koppelingen in checklists (die cellen staan daarna weer open)",
    )
    .into_iter()
    .collect();
    Ok(RemovalImpact { blocked: None, takes })
}

/// What removing a provider or cooperative takes along, or why it cannot go.
fn party_impact(conn: &rusqlite::Connection, id: Uuid) -> Result<RemovalImpact> {
    let contracts =
        count(conn, "SELECT count(*) FROM contract WHERE party_id = ?1 OR id IN (SELECT contract_id FROM contract_member WHERE party_id = ?1)", id)?;
    if contracts > 0 {
        let n = RemovalImpact::count(contracts, "contract", "contracten").unwrap_or_default();
        return Ok(RemovalImpact {
            blocked: Some(format!("heeft {n}; wat onder een contract valt blijft bewaard. Zet de aanbieder op inactief")),
            takes: vec![],
        });
    }
    let documents = count(conn, "SELECT count(*) FROM document WHERE party_id = ?1", id)?;
    let bids = count(conn, "SELECT count(*) FROM bid WHERE party_id = ?1", id)?;
    let files = count(conn, "SELECT count(*) FROM deliverable_file WHERE party_id = ?1", id)?;
    let memberships = count(conn, "SELECT count(*) FROM cooperative_member WHERE provider_id = ?1 OR cooperative_id = ?1", id)?;
    let member_cells =
        count(conn, "SELECT count(*) FROM bid_item WHERE party_id = ?1 AND bid_id NOT IN (SELECT id FROM bid WHERE party_id = ?1)", id)?;
    let takes = [
        RemovalImpact::count(documents, "document", "documenten"),
        RemovalImpact::count(bids, "inschrijving met haar checklist", "inschrijvingen met hun checklists"),
        RemovalImpact::count(files, "opgesteld stuk (versie)", "opgestelde stukken (versies)"),
        RemovalImpact::count(memberships, "lidmaatschap van een coöperatie", "lidmaatschappen van coöperaties"),
        RemovalImpact::count(member_cells, "regel als lid in de checklist van een coöperatie", "regels als lid in checklists van coöperaties"),
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(RemovalImpact { blocked: None, takes })
}

fn party_of(tx: &Transaction, document: Uuid) -> Result<(Uuid, Uuid)> {
    let row: Option<(String, String)> =
        rusqlite::OptionalExtension::optional(
            tx.query_row("SELECT party_id, type_id FROM document WHERE id = ?1", [document.to_string()], |r| Ok((r.get(0)?, r.get(1)?))),
        )?;
    let (party, type_id) = row.ok_or_else(|| StoreError::NotFound { what: "document", key: document.to_string() })?;
    let parse = |s: &str, column| {
        Uuid::parse_str(s).map_err(|_| StoreError::Domain(tenderwacht_domain::DomainError::Corrupt { column, value: s.to_string() }))
    };
    Ok((parse(&party, "document.party_id")?, parse(&type_id, "document.type_id")?))
}

impl Store {
    /// Corrects a document's type, name, dates or note, checked as a new one is; the library's
    /// newest-of-its-type marks are set again for the old and the new type.
    pub fn edit_document(&mut self, id: Uuid, edit: &DocumentEdit) -> Result<Document> {
        self.document(id)?;
        let doc_type = self.document_type(&edit.type_code)?;
        check_document_dates(&doc_type, edit.issue_date, edit.expiry_date, self.today())?;
        let name = edit.original_name.trim();
        if name.is_empty() {
            return Err(StoreError::invalid("naam", "mag niet leeg zijn"));
        }
        self.write(|tx| {
            let (party, old_type) = party_of(tx, id)?;
            tx.execute(
                "UPDATE document SET type_id = ?2, original_name = ?3, issue_date = ?4, expiry_date = ?5, note = ?6 WHERE id = ?1",
                params![
                    id.to_string(),
                    doc_type.id.to_string(),
                    name,
                    edit.issue_date.to_string(),
                    edit.expiry_date.map(|d| d.to_string()),
                    edit.note.trim()
                ],
            )?;
            mark_current(tx, party, old_type)?;
            if old_type != doc_type.id {
                mark_current(tx, party, doc_type.id)?;
                // A checklist cell linked to it asked for the old type: it is open again.
                tx.execute("UPDATE bid_item SET document_id = NULL WHERE document_id = ?1", [id.to_string()])?;
            }
            Ok(())
        })?;
        self.document(id)
    }

    /// What removing this document would take along.
    pub fn document_removal(&self, id: Uuid) -> Result<RemovalImpact> {
        self.document(id)?;
        document_impact(&self.conn, id)
    }

    /// Removes a document; checklist cells that showed it are open again, and the older document
    /// of its type (if any) is the current one again. The file stays in the blob store (another
    /// record or a backup may hold the same content).
    pub fn remove_document(&mut self, id: Uuid) -> Result<RemovalImpact> {
        let impact = self.document_removal(id)?;
        self.write(|tx| {
            let (party, type_id) = party_of(tx, id)?;
            tx.execute("DELETE FROM document WHERE id = ?1", [id.to_string()])?;
            mark_current(tx, party, type_id)?;
            Ok(())
        })?;
        Ok(impact)
    }

    /// What removing this provider or cooperative would take along, or why it cannot be removed.
    pub fn party_removal(&self, id: Uuid) -> Result<RemovalImpact> {
        self.party(id)?;
        party_impact(&self.conn, id)
    }

    /// Removes a provider or cooperative with its documents, bids, memberships and facts; refused
    /// for a party under contract (its obligations run on: it is marked inactive instead).
    pub fn remove_party(&mut self, id: Uuid) -> Result<RemovalImpact> {
        let party = self.party(id)?;
        let impact = party_impact(&self.conn, id)?;
        if let Some(why) = &impact.blocked {
            let what = if party.kind == PartyKind::Cooperative { "coöperatie" } else { "aanbieder" };
            return Err(StoreError::invalid(what, format!("{} {why}", party.name)));
        }
        self.write(|tx| {
            tx.execute("DELETE FROM party WHERE id = ?1", [id.to_string()])?;
            Ok(())
        })?;
        Ok(impact)
    }
}
