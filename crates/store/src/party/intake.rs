//! Queries of `intake`: providers' documents that arrived and wait for the consultant. The file
//! is kept among the store's files from the start (nothing is lost), but only a confirmed one
//! becomes a document the team shares; the same file twice (by hash) is one entry.

use crate::error::{Result, StoreError};
use crate::party::documents::insert_document;
use crate::{col_uuid, col_uuid_opt, now_db, Store};
use rusqlite::{params, OptionalExtension};
use sha2::Digest;
use tenderwacht_domain::{ArrivalFacts, Document, IntakeConfirm, IntakeItem, IntakeStatus, PartyInput};
use uuid::Uuid;

const INTAKE_SELECT: &str = "SELECT i.id, i.sha256, i.file_name, i.source, i.sender, i.facts, i.status, i.document_id FROM intake i";

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<(IntakeItem, String)> {
    let facts: String = r.get(5)?;
    let status: String = r.get(6)?;
    Ok((
        IntakeItem {
            id: col_uuid(r, 0)?,
            sha256: r.get(1)?,
            file_name: r.get(2)?,
            source: r.get(3)?,
            sender: r.get(4)?,
            facts: ArrivalFacts::default(),
            party_id: None,
            party_name: None,
            party_from: String::new(),
            status: IntakeStatus::parse(&status).unwrap_or(IntakeStatus::Waiting),
            document_id: col_uuid_opt(r, 7)?,
        },
        facts,
    ))
}

impl Store {
    /// Takes an arrived file into the intake with what was read from it; `false` when the same
    /// file (by hash) was there already, or is a stored document.
    pub fn add_intake(&mut self, file_name: &str, bytes: &[u8], source: &str, sender: &str, facts: &ArrivalFacts) -> Result<(IntakeItem, bool)> {
        let sha = hex::encode(sha2::Sha256::digest(bytes));
        if let Some(known) = self.intake_by_sha(&sha)? {
            return Ok((known, false));
        }
        let stored: Option<String> = self.conn.query_row("SELECT id FROM document WHERE sha256 = ?1 LIMIT 1", [&sha], |r| r.get(0)).optional()?;
        self.blobs.put_bytes(&sha, bytes)?;
        let id = tenderwacht_domain::ids::keyed("intake", &[&sha]);
        let json = serde_json::to_string(facts).map_err(|e| StoreError::invalid("gelezen gegevens", e.to_string()))?;
        let status = if stored.is_some() { IntakeStatus::Confirmed } else { IntakeStatus::Waiting };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO intake (id, sha256, file_name, source, sender, facts, status, document_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![id.to_string(), sha, file_name.trim(), source.trim(), sender.trim().to_lowercase(), json, status.as_str(), stored, now_db()],
            )?;
            Ok(())
        })?;
        let item = self.intake_item(id)?;
        Ok((item, stored.is_none()))
    }

    fn intake_by_sha(&self, sha: &str) -> Result<Option<IntakeItem>> {
        let id: Option<String> = self.conn.query_row("SELECT id FROM intake WHERE sha256 = ?1", [sha], |r| r.get(0)).optional()?;
        match id.and_then(|s| Uuid::parse_str(&s).ok()) {
            Some(id) => Ok(Some(self.intake_item(id)?)),
            None => Ok(None),
        }
    }

    /// One arrived file, with the party it seems to be of.
    pub fn intake_item(&self, id: Uuid) -> Result<IntakeItem> {
        let mut stmt = self.conn.prepare_cached(&format!("{INTAKE_SELECT} WHERE i.id = ?1"))?;
        let row = stmt
            .query_row([id.to_string()], read_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "binnengekomen bestand", key: id.to_string() })?;
        self.with_party(row)
    }

    /// The files waiting in the intake, oldest first; with `all`, the answered ones too.
    pub fn intake(&self, all: bool) -> Result<Vec<IntakeItem>> {
        let mut stmt = self.conn.prepare_cached(&format!("{INTAKE_SELECT} WHERE ?1 OR i.status = 'waiting' ORDER BY i.created_at, i.file_name"))?;
        let rows: Vec<(IntakeItem, String)> = stmt.query_map([all], read_row)?.collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(|r| self.with_party(r)).collect()
    }

    /// The facts as stored, and the provider they point to: the KvK number in the text, else
    /// the sender's address.
    fn with_party(&self, (mut item, json): (IntakeItem, String)) -> Result<IntakeItem> {
        item.facts = serde_json::from_str(&json).map_err(|_| StoreError::corrupt("intake.facts", json.chars().take(60).collect::<String>()))?;
        let by = |sql: &str, key: &str| -> Result<Option<(Uuid, String)>> {
            Ok(self.conn.query_row(sql, [key], |r| Ok((col_uuid(r, 0)?, r.get(1)?))).optional()?)
        };
        if let Some(kvk) = item.facts.kvk.as_ref().map(|f| f.value.clone()) {
            if let Some((id, name)) = by("SELECT id, name FROM party WHERE kvk = ?1", &kvk)? {
                item.party_from = format!("KvK-nummer {kvk} in het document");
                (item.party_id, item.party_name) = (Some(id), Some(name));
                return Ok(item);
            }
            item.party_from = format!("KvK-nummer {kvk} staat in het document, maar bij geen aanbieder: voeg de aanbieder toe of kies er een");
        }
        // Without a KvK number: the provider the document names (a cooperative sending a
        // member's certificate names the member), before the sender's address.
        let named = self.named_parties(&item.facts.words)?;
        if let [(id, name)] = named.as_slice() {
            let kvk_unknown =
                item.facts.kvk.as_ref().map(|k| format!("; het KvK-nummer {} in het document hoort bij geen aanbieder: controleer het", k.value));
            item.party_from = format!("naam '{name}' in het document{}", kvk_unknown.unwrap_or_default());
            (item.party_id, item.party_name) = (Some(*id), Some(name.clone()));
            return Ok(item);
        }
        if !item.sender.is_empty() {
            if let Some((id, name)) = by("SELECT id, name FROM party WHERE lower(email) = ?1", &item.sender)? {
                item.party_from = format!("afzender {}", item.sender);
                (item.party_id, item.party_name) = (Some(id), Some(name));
                return Ok(item);
            }
        }
        if named.len() > 1 {
            let names = named.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(", ");
            item.party_from = format!("het document noemt meer aanbieders ({names}): kies er een");
        }
        Ok(item)
    }

    /// The providers and cooperatives whose name stands in a document's folded words (whole
    /// words; a name of one short word is too common to count), longest name first: a name inside
    /// a longer one found ("De Es" in "Zorgboerderij De Es") is left out.
    fn named_parties(&self, words: &str) -> Result<Vec<(Uuid, String)>> {
        if words.is_empty() {
            return Ok(vec![]);
        }
        let padded = format!(" {} ", tenderwacht_domain::text::fold_with(words, |c| if c.is_alphanumeric() { c } else { ' ' }));
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM party WHERE active = 1")?;
        let parties = stmt.query_map([], |r| Ok((col_uuid(r, 0)?, r.get::<_, String>(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut found: Vec<(Uuid, String, String)> = parties
            .into_iter()
            .filter_map(|(id, name)| {
                let key = tenderwacht_domain::text::fold_with(&name, |c| if c.is_alphanumeric() { c } else { ' ' });
                let long_enough = key.contains(' ') || key.chars().count() >= 8;
                (long_enough && padded.contains(&format!(" {key} "))).then_some((id, name, key))
            })
            .collect();
        found.sort_by_key(|(_, _, key)| std::cmp::Reverse(key.len()));
        let mut out: Vec<(Uuid, String, String)> = vec![];
        for f in found {
            if !out.iter().any(|(_, _, longer)| longer.contains(&f.2)) {
                out.push(f);
            }
        }
        Ok(out.into_iter().map(|(id, name, _)| (id, name)).collect())
    }

    /// Stores an arrived file as the party's document, with the consultant's corrections over
    /// what was read; the file and its intake entry change in one transaction.
    pub fn confirm_intake(&mut self, id: Uuid, answer: &IntakeConfirm) -> Result<Document> {
        let item = self.intake_item(id)?;
        if item.status != IntakeStatus::Waiting {
            return Err(StoreError::invalid("binnengekomen bestand", format!("is al {}", item.status.label())));
        }
        let party_id = answer.party_id.or(item.party_id);
        if let Some(id) = party_id {
            self.party(id)?;
        }
        let new_party = match (party_id, answer.new_provider.as_deref().map(str::trim).filter(|n| !n.is_empty())) {
            (None, Some(name)) => {
                let kvk = item.facts.kvk.as_ref().map(|k| k.value.clone()).ok_or_else(|| {
                    StoreError::invalid("nieuwe aanbieder", "geen KvK-nummer gelezen in het document: voeg de aanbieder eerst toe bij Aanbieders")
                })?;
                Some(PartyInput { name: name.to_string(), kvk, email: item.sender.clone(), ..Default::default() })
            }
            (None, None) => return Err(StoreError::invalid("aanbieder", "niet gevonden in het document: kies de aanbieder")),
            (Some(_), _) => None,
        };
        let code = answer.type_code.clone().or_else(|| item.facts.type_code.as_ref().map(|f| f.value.clone()));
        let code = code.ok_or_else(|| StoreError::invalid("type", "niet herkend: kies het soort document"))?;
        let doc_type = self.document_type(&code)?;
        let issued = answer.issued.or_else(|| item.facts.issued.as_ref().map(|f| f.value));
        let issued = issued.ok_or_else(|| StoreError::invalid("afgiftedatum", "niet gevonden in het document: vul de datum in"))?;
        let expires = answer.expires.or_else(|| item.facts.expires.as_ref().map(|f| f.value));
        crate::party::documents::check_document_dates(&doc_type, issued, expires, self.today())?;
        if !self.blobs.exists(&item.sha256) {
            return Err(StoreError::invalid("bestand", "het bestand ontbreekt in de gegevensmap"));
        }
        let size = std::fs::metadata(self.blobs.path_of(&item.sha256)).map(|m| m.len()).unwrap_or(0);
        let doc = tenderwacht_domain::ids::new_id();
        let note = format!("binnengekomen: {}", item.source);
        self.write(|tx| {
            let party = match (&new_party, party_id) {
                (Some(input), _) => crate::party::parties::insert_party(tx, tenderwacht_domain::PartyKind::Provider, input)?,
                (None, Some(id)) => id,
                (None, None) => return Err(StoreError::invalid("aanbieder", "niet gevonden in het document: kies de aanbieder")),
            };
            insert_document(tx, doc, party, doc_type.id, &item.sha256, size, &item.file_name, issued, expires, &note)?;
            tx.execute(
                "UPDATE intake SET status = 'confirmed', document_id = ?2 WHERE id = ?1 AND status = 'waiting'",
                params![id.to_string(), doc.to_string()],
            )?;
            Ok(())
        })?;
        self.document(doc)
    }

    /// Throws an arrived file away: its entry says so, and its file goes when no document holds it.
    pub fn discard_intake(&mut self, id: Uuid) -> Result<()> {
        let item = self.intake_item(id)?;
        if item.status != IntakeStatus::Waiting {
            return Err(StoreError::invalid("binnengekomen bestand", format!("is al {}", item.status.label())));
        }
        self.write(|tx| Ok(tx.execute("UPDATE intake SET status = 'discarded' WHERE id = ?1", [id.to_string()])?))?;
        let held: bool = self.conn.query_row("SELECT EXISTS (SELECT 1 FROM blob WHERE sha256 = ?1)", [&item.sha256], |r| r.get(0))?;
        if !held {
            let _ = std::fs::remove_file(self.blobs.path_of(&item.sha256));
        }
        Ok(())
    }

    /// Finds an intake entry by id fragment or file name.
    pub fn resolve_intake(&self, key: &str) -> Result<Uuid> {
        let mut stmt = self.conn.prepare_cached("SELECT id, file_name FROM intake WHERE status = 'waiting'")?;
        let rows: Vec<(Uuid, String)> = stmt.query_map([], |r| Ok((col_uuid(r, 0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        if let Some((id, _)) = rows.iter().find(|(_, n)| n.eq_ignore_ascii_case(key.trim())) {
            return Ok(*id);
        }
        crate::match_id_fragment("binnengekomen bestand", key, rows)
    }
}
