//! Queries of the `document` and `blob` tables: registering a party's file (stored once by its
//! hash) and listing the library, newest first, with superseded ones marked.

use crate::error::{Result, StoreError};
use crate::{col_date, col_date_opt, col_moment, col_uuid, now_db, Store};
use chrono::NaiveDate;
use rusqlite::params;
use tenderwacht_domain::{
    checklist::{library_validity, DocDates},
    Document, DocumentInput, DocumentType, ValidityRule,
};
use uuid::Uuid;

const DOC_SELECT: &str = "SELECT d.id, d.party_id, d.type_id, t.code, t.name, d.sha256, b.size, d.original_name,
        d.issue_date, d.expiry_date, d.note, d.created_at, d.is_current = 0, t.rule, t.rule_amount, t.rule_unit, t.lead_time_days, t.issuer
     FROM document d JOIN document_type t ON t.id = d.type_id JOIN blob b ON b.sha256 = d.sha256";

/// A document row with its type's rule judged at `today`.
fn read_doc(r: &rusqlite::Row, today: NaiveDate) -> rusqlite::Result<Document> {
    let (rule, lead) = crate::party::catalogue::read_rule(r, 13)?;
    let mut doc = Document {
        id: col_uuid(r, 0)?,
        party_id: col_uuid(r, 1)?,
        type_id: col_uuid(r, 2)?,
        type_code: r.get(3)?,
        type_name: r.get(4)?,
        sha256: r.get(5)?,
        size: u64::try_from(r.get::<_, i64>(6)?).unwrap_or_default(),
        original_name: r.get(7)?,
        issue_date: col_date(r, 8)?,
        expiry_date: col_date_opt(r, 9)?,
        note: r.get(10)?,
        created_at: col_moment(r, 11)?,
        superseded: r.get(12)?,
        arriving: false,
        validity: Default::default(),
    };
    let dates = DocDates { issue: doc.issue_date, printed_expiry: doc.expiry_date };
    let obtain = tenderwacht_domain::Obtain::of_issuer(&r.get::<_, String>(17)?);
    doc.validity = library_validity(rule, lead, obtain, dates, doc.superseded, today);
    Ok(doc)
}

/// Marks the newest document of a party and type as current and the rest as history.
pub(crate) fn mark_current(tx: &rusqlite::Connection, party: Uuid, type_id: Uuid) -> Result<()> {
    tx.execute(
        "UPDATE document SET is_current = (id = (
             SELECT n.id FROM document n WHERE n.party_id = ?1 AND n.type_id = ?2
             ORDER BY n.issue_date DESC, n.created_at DESC, n.id DESC LIMIT 1))
         WHERE party_id = ?1 AND type_id = ?2",
        params![party.to_string(), type_id.to_string()],
    )?;
    Ok(())
}

/// The date rules of a document, new or edited: not issued in the future, an end date not before
/// the issue date, and an end date for a type that is valid until the printed one.
pub(crate) fn check_document_dates(doc_type: &DocumentType, issue: NaiveDate, expiry: Option<NaiveDate>, today: NaiveDate) -> Result<()> {
    if let Some(exp) = expiry {
        if exp < issue {
            return Err(StoreError::invalid("vervaldatum", format!("{} ligt vóór de afgiftedatum {}", dutch(exp), dutch(issue))));
        }
    }
    if issue > today {
        return Err(StoreError::invalid("uitgiftedatum", format!("{} ligt in de toekomst", dutch(issue))));
    }
    if doc_type.rule == ValidityRule::UntilPrinted && expiry.is_none() {
        return Err(StoreError::invalid(
            "vervaldatum",
            format!("verplicht voor {}: het document is geldig t/m de datum die erop staat", doc_type.name),
        ));
    }
    Ok(())
}

fn dutch(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// Registers a document whose file is in the store's files already, inside the caller's
/// transaction: its blob row, its row, and which of the party's documents of the type is current.
#[allow(clippy::too_many_arguments)] // one row's columns
pub(crate) fn insert_document(
    tx: &rusqlite::Connection,
    id: Uuid,
    party: Uuid,
    type_id: Uuid,
    sha256: &str,
    size: u64,
    original_name: &str,
    issued: NaiveDate,
    expires: Option<NaiveDate>,
    note: &str,
) -> Result<()> {
    crate::insert_blob(tx, sha256, size)?;
    tx.execute(
        "INSERT INTO document (id, party_id, type_id, sha256, original_name, issue_date, expiry_date, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id.to_string(),
            party.to_string(),
            type_id.to_string(),
            sha256,
            original_name,
            issued.to_string(),
            expires.map(|d| d.to_string()),
            note.trim(),
            now_db()
        ],
    )?;
    mark_current(tx, party, type_id)?;
    Ok(())
}

impl Store {
    /// Stores the file (once per content) and registers the document. Every field is checked
    /// before anything is written; the file is complete on disk before its row exists.
    pub fn add_document(&mut self, input: &DocumentInput) -> Result<Document> {
        let party = self.party(input.party_id)?;
        let doc_type = self.document_type(&input.type_code)?;
        if !input.file.is_file() {
            return Err(StoreError::invalid("bestand", format!("{} bestaat niet of is geen bestand", input.file.display())));
        }
        check_document_dates(&doc_type, input.issue_date, input.expiry_date, self.today())?;
        let original_name = match &input.original_name {
            Some(n) if !n.trim().is_empty() => n.trim().to_string(),
            _ => input.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into()),
        };
        let blob = self.blobs.put_file(&input.file)?;
        let id = tenderwacht_domain::ids::new_id();
        self.write(|tx| {
            insert_document(tx, id, party.id, doc_type.id, &blob.sha256, blob.size, &original_name, input.issue_date, input.expiry_date, &input.note)
        })?;
        self.document(id)
    }

    pub fn document(&self, id: Uuid) -> Result<Document> {
        let mut stmt = self.conn.prepare_cached(&format!("{DOC_SELECT} WHERE d.id = ?1"))?;
        let today = self.today();
        let mut rows = stmt.query_map([id.to_string()], |r| read_doc(r, today))?;
        let mut doc = rows.next().transpose()?.ok_or_else(|| StoreError::NotFound { what: "document", key: id.to_string() })?;
        doc.arriving = !self.blobs.exists(&doc.sha256);
        Ok(doc)
    }

    /// A party's documents, grouped by type, newest first; with `current_only`, superseded ones
    /// are left out.
    pub fn documents(&self, party: Uuid, current_only: bool) -> Result<Vec<Document>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("{DOC_SELECT} WHERE d.party_id = ?1 ORDER BY t.name, d.issue_date DESC, d.created_at DESC"))?;
        let today = self.today();
        let docs: Vec<Document> = stmt.query_map([party.to_string()], |r| read_doc(r, today))?.collect::<rusqlite::Result<_>>()?;
        Ok(docs
            .into_iter()
            .filter(|d| !current_only || !d.superseded)
            .map(|mut d| {
                d.arriving = !self.blobs.exists(&d.sha256);
                d
            })
            .collect())
    }

    /// Finds a document by full id or a unique fragment of it.
    pub fn resolve_document(&self, key: &str) -> Result<Uuid> {
        let mut stmt = self.conn.prepare_cached("SELECT id, original_name FROM document")?;
        let rows: Vec<(Uuid, String)> = stmt.query_map([], |r| Ok((col_uuid(r, 0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        crate::match_id_fragment("document", key, rows)
    }
}
