//! Queries of `document_type` and the requirement-template tables, and the first-start seeding of
//! both from the shipped catalogue.

use crate::error::{Result, StoreError};
use crate::{col_enum, col_uuid, now_db, Store};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use tenderwacht_domain::{
    self as d,
    time::{Period, PeriodUnit},
    DocumentType, DocumentTypeInput, RequirementKind, RequirementTemplate, TemplateItem, ValidityRule,
};
use uuid::Uuid;

pub(crate) const TYPE_COLS: &str = "id, code, name, rule, rule_amount, rule_unit, lead_time_days, issuer, note, words";
pub(crate) const TYPE_COLS_T: &str = "t.id, t.code, t.name, t.rule, t.rule_amount, t.rule_unit, t.lead_time_days, t.issuer, t.note, t.words";

pub(crate) fn read_type(r: &Row, at: usize) -> rusqlite::Result<DocumentType> {
    let (rule, lead_time) = read_rule(r, at + 3)?;
    Ok(DocumentType {
        id: col_uuid(r, at)?,
        code: r.get(at + 1)?,
        name: r.get(at + 2)?,
        rule,
        lead_time,
        issuer: r.get(at + 7)?,
        note: r.get(at + 8)?,
        words: r.get::<_, Option<String>>(at + 9)?.unwrap_or_default().lines().map(str::to_string).collect(),
    })
}

/// A type's rule and lead time from the columns `rule, rule_amount, rule_unit, lead_time_days`
/// starting at `at`.
pub(crate) fn read_rule(r: &Row, at: usize) -> rusqlite::Result<(ValidityRule, Period)> {
    let rule_word: String = r.get(at)?;
    let period = crate::col_period(r, at + 1, at + 2)?;
    let bad = || {
        rusqlite::Error::FromSqlConversionFailure(
            at,
            rusqlite::types::Type::Text,
            Box::new(StoreError::corrupt("document_type.rule", rule_word.clone())),
        )
    };
    let rule = match (rule_word.as_str(), period) {
        ("until_printed", _) => ValidityRule::UntilPrinted,
        ("max_age", Some(period)) => ValidityRule::MaxAge { period },
        ("valid_for", Some(period)) => ValidityRule::ValidFor { period },
        ("none", _) => ValidityRule::None,
        _ => return Err(bad()),
    };
    Ok((rule, Period::days(r.get(at + 3)?)))
}

/// Lead times are stored in days; a month counts as 30 days for that purpose.
fn lead_days(p: Period) -> u32 {
    match p.unit {
        PeriodUnit::Days => p.amount,
        PeriodUnit::Months => p.amount * 30,
    }
}

fn check_code(code: &str) -> Result<String> {
    let c = code.trim().to_lowercase();
    if c.is_empty() || c.len() > 40 || !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_') {
        return Err(StoreError::invalid("code", format!("'{code}' is geen geldige code (letters, cijfers, -)")));
    }
    Ok(c)
}

pub(crate) fn insert_type(tx: &Transaction, input: &DocumentTypeInput) -> Result<Uuid> {
    let code = check_code(&input.code)?;
    let name = d::name("naam", &input.name)?;
    let (rule, period) = input.rule.db_parts();
    let words = tenderwacht_domain::catalogue::recognition_words(&input.words)?.join("\n");
    let id = tenderwacht_domain::ids::keyed("document_type", &[&code]);
    let now = now_db();
    let n = tx.execute(
        "INSERT OR IGNORE INTO document_type (id, code, name, rule, rule_amount, rule_unit, lead_time_days, issuer, note, created_at, updated_at, words)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
        params![
            id.to_string(),
            code,
            name,
            rule,
            period.map(|p| p.amount),
            period.map(|p| p.unit.as_str()),
            lead_days(input.lead_time),
            input.issuer.trim(),
            input.note.trim(),
            now,
            words
        ],
    )?;
    if n == 0 {
        return Err(StoreError::Duplicate { what: "documenttype", key: code });
    }
    Ok(id)
}

impl Store {
    /// Types added to the shipped catalogue after this store was made: each is added once; one
    /// the consultant deleted is not brought back, and a code the consultant used for a type of
    /// their own is left alone.
    fn seed_new_default_types(&mut self) -> Result<()> {
        let catalogue = tenderwacht_domain::catalogue::default_catalogue()?;
        let mut stmt = self.conn.prepare("SELECT 1 FROM catalogue_seeded WHERE code = ?1")?;
        let mut new = vec![];
        for t in &catalogue.types {
            if !stmt.exists([&t.code])? {
                new.push(t.clone());
            }
        }
        drop(stmt);
        if new.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            for t in &new {
                let taken: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM document_type WHERE code = ?1)", [&t.code], |r| r.get(0))?;
                if !taken {
                    insert_type(tx, t)?;
                }
                tx.execute("INSERT OR IGNORE INTO catalogue_seeded (code) VALUES (?1)", [&t.code])?;
            }
            Ok(())
        })
    }

    pub(crate) fn seed_catalogue_if_empty(&mut self) -> Result<()> {
        let count: i64 = self.conn.query_row("SELECT count(*) FROM document_type", [], |r| r.get(0))?;
        if count > 0 {
            return self.seed_new_default_types();
        }
        let catalogue = tenderwacht_domain::catalogue::default_catalogue()?;
        self.write(|tx| {
            for t in &catalogue.types {
                tx.execute("INSERT OR IGNORE INTO catalogue_seeded (code) VALUES (?1)", [&t.code])?;
            }
            Ok(())
        })?;
        self.write(|tx| {
            for t in &catalogue.types {
                insert_type(tx, t)?;
            }
            for tpl in &catalogue.templates {
                let tid = tenderwacht_domain::ids::keyed("requirement_template", &[&tpl.name]);
                tx.execute("INSERT INTO requirement_template (id, name) VALUES (?1, ?2)", params![tid.to_string(), tpl.name])?;
                let items = tpl
                    .documents
                    .iter()
                    .map(|c| (RequirementKind::Document, Some(c.as_str()), ""))
                    .chain(tpl.deliverables.iter().map(|n| (RequirementKind::Deliverable, None, n.as_str())));
                for (pos, (kind, code, name)) in items.enumerate() {
                    tx.execute(
                        "INSERT INTO requirement_template_item (id, template_id, kind, type_id, name, position)
                     VALUES (?1, ?2, ?3, (SELECT id FROM document_type WHERE code = ?4), ?5, ?6)",
                        params![
                            tenderwacht_domain::ids::keyed("requirement_template_item", &[&tid.to_string(), &pos.to_string()]).to_string(),
                            tid.to_string(),
                            kind.as_str(),
                            code,
                            name,
                            pos as i64
                        ],
                    )?;
                }
            }
            Ok(())
        })?;
        Ok(())
    }

    pub fn document_types(&self) -> Result<Vec<DocumentType>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {TYPE_COLS} FROM document_type ORDER BY name"))?;
        let rows = stmt.query_map([], |r| read_type(r, 0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// A catalogue entry by code (case-insensitive).
    pub fn document_type(&self, code: &str) -> Result<DocumentType> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {TYPE_COLS} FROM document_type WHERE code = ?1"))?;
        stmt.query_row([code.trim().to_lowercase()], |r| read_type(r, 0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "documenttype", key: code.to_string() })
    }

    pub fn add_document_type(&mut self, input: &DocumentTypeInput) -> Result<Uuid> {
        self.write(|tx| {
            let id = insert_type(tx, input)?;
            Ok(id)
        })
    }

    /// Replaces a catalogue entry's name, rule, lead time, issuer, note and recognition words
    /// (the code stays).
    pub fn edit_document_type(&mut self, code: &str, input: &DocumentTypeInput) -> Result<DocumentType> {
        let existing = self.document_type(code)?;
        let name = d::name("naam", &input.name)?;
        let (rule, period) = input.rule.db_parts();
        let words = tenderwacht_domain::catalogue::recognition_words(&input.words)?.join("\n");
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE document_type SET name=?2, rule=?3, rule_amount=?4, rule_unit=?5, lead_time_days=?6, issuer=?7, note=?8,
             updated_at=?9, words=?10 WHERE id=?1",
                params![
                    existing.id.to_string(),
                    name,
                    rule,
                    period.map(|p| p.amount),
                    period.map(|p| p.unit.as_str()),
                    lead_days(input.lead_time),
                    input.issuer.trim(),
                    input.note.trim(),
                    now_db(),
                    words
                ],
            )?)
        })?;
        self.document_type(&existing.code)
    }

    /// Sets only a type's recognition words (the app's "Herkennen aan"), in one write.
    pub fn set_document_type_words(&mut self, code: &str, words: &[String]) -> Result<DocumentType> {
        let existing = self.document_type(code)?;
        let input = DocumentTypeInput {
            code: existing.code.clone(),
            name: existing.name.clone(),
            rule: existing.rule,
            lead_time: existing.lead_time,
            issuer: existing.issuer.clone(),
            note: existing.note.clone(),
            words: words.to_vec(),
        };
        self.edit_document_type(&existing.code, &input)
    }

    pub fn requirement_templates(&self) -> Result<Vec<RequirementTemplate>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM requirement_template ORDER BY name")?;
        let mut templates: Vec<RequirementTemplate> = stmt
            .query_map([], |r| Ok(RequirementTemplate { id: col_uuid(r, 0)?, name: r.get(1)?, items: vec![] }))?
            .collect::<rusqlite::Result<_>>()?;
        let mut items = self.conn.prepare_cached(
            "SELECT i.kind, t.code, coalesce(nullif(i.name, ''), t.name, '') FROM requirement_template_item i
             LEFT JOIN document_type t ON t.id = i.type_id WHERE i.template_id = ?1 ORDER BY i.position",
        )?;
        for tpl in &mut templates {
            tpl.items = items
                .query_map([tpl.id.to_string()], |r| {
                    Ok(TemplateItem { kind: col_enum(r, 0, RequirementKind::from_db)?, type_code: r.get(1)?, name: r.get(2)? })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(templates)
    }

    /// Saves a new template from a list of catalogue codes and deliverable names.
    pub fn add_requirement_template(&mut self, name: &str, documents: &[String], deliverables: &[String]) -> Result<Uuid> {
        let name = d::name("naam", name)?;
        self.write(|tx| {
            let tid = tenderwacht_domain::ids::keyed("requirement_template", &[&name]);
            let n = tx.execute("INSERT OR IGNORE INTO requirement_template (id, name) VALUES (?1, ?2)", params![tid.to_string(), name])?;
            if n == 0 {
                return Err(StoreError::Duplicate { what: "sjabloon", key: name });
            }
            let mut pos = 0i64;
            for code in documents {
                let type_id: Option<String> =
                    tx.query_row("SELECT id FROM document_type WHERE code = ?1", [code.trim().to_lowercase()], |r| r.get(0)).optional()?;
                let type_id = type_id.ok_or_else(|| StoreError::NotFound { what: "documenttype", key: code.clone() })?;
                tx.execute(
                    "INSERT INTO requirement_template_item (id, template_id, kind, type_id, name, position) VALUES (?1, ?2, 'document', ?3, '', ?4)",
                    params![
                        tenderwacht_domain::ids::keyed("requirement_template_item", &[&tid.to_string(), &pos.to_string()]).to_string(),
                        tid.to_string(),
                        type_id,
                        pos
                    ],
                )?;
                pos += 1;
            }
            for item in deliverables {
                let item = d::name("op te stellen stuk", item)?;
                tx.execute(
                    &format!(
                        "INSERT INTO requirement_template_item (id, template_id, kind, type_id, name, position) VALUES (?1, ?2, '{}', NULL, ?3, ?4)",
                        tenderwacht_domain::RequirementKind::Deliverable.as_str()
                    ),
                    params![
                        tenderwacht_domain::ids::keyed("requirement_template_item", &[&tid.to_string(), &pos.to_string()]).to_string(),
                        tid.to_string(),
                        item,
                        pos
                    ],
                )?;
                pos += 1;
            }
            Ok(tid)
        })
    }
}
