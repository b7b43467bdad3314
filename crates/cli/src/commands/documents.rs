//! `document` and `catalogue` commands.

use super::{short, Ctx};
use crate::args::{CatalogueCmd, DocumentCmd};
use crate::output::{emit, table, CliError};
use tenderwacht_domain::{
    time::{format_date_nl, parse_date, Period},
    Document, DocumentEdit, DocumentInput, DocumentType, DocumentTypeInput, ValidityRule,
};
use tenderwacht_store::Store;

pub fn doc_table(docs: &[Document]) -> String {
    let rows: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            vec![
                short(&d.id),
                d.type_name.clone(),
                d.original_name.clone(),
                format_date_nl(d.issue_date),
                super::date_opt(d.expiry_date),
                if d.superseded { "vervangen".into() } else { String::new() },
            ]
        })
        .collect();
    table(&["id", "type", "bestand", "afgegeven", "vervalt", ""], &rows)
}

fn type_table(types: &[DocumentType]) -> String {
    let rows: Vec<Vec<String>> = types
        .iter()
        .map(|t| vec![t.code.clone(), t.name.clone(), t.rule.describe(), t.lead_time.describe(), t.issuer.clone(), t.words.join("; ")])
        .collect();
    table(&["code", "naam", "geldigheid", "doorlooptijd", "uitgever", "eigen herkenningswoorden"], &rows)
}

pub fn document(ctx: &Ctx, store: &mut Store, cmd: DocumentCmd) -> Result<(), CliError> {
    match cmd {
        DocumentCmd::Add { party, type_code, file, issued, expires, name, note } => {
            let input = DocumentInput {
                party_id: store.resolve_party(&party, None)?,
                type_code,
                file,
                original_name: name,
                issue_date: parse_date("uitgiftedatum", &issued)?,
                expiry_date: expires.as_deref().map(|e| parse_date("vervaldatum", e)).transpose()?,
                note,
            };
            let doc = store.add_document(&input)?;
            emit(ctx.json, &doc, || format!("Document opgeslagen: {} ({}), sha256 {}", doc.type_name, doc.id, doc.sha256))
        }
        DocumentCmd::Edit { document, type_code, issued, expires, no_expiry, name, note } => {
            let id = store.resolve_document(&document)?;
            let d = store.document(id)?;
            let edit = DocumentEdit {
                type_code: type_code.unwrap_or(d.type_code),
                original_name: name.unwrap_or(d.original_name),
                issue_date: issued.as_deref().map(|t| parse_date("uitgiftedatum", t)).transpose()?.unwrap_or(d.issue_date),
                expiry_date: match (expires, no_expiry) {
                    (_, true) => None,
                    (Some(t), false) => Some(parse_date("vervaldatum", &t)?),
                    (None, false) => d.expiry_date,
                },
                note: note.unwrap_or(d.note),
            };
            let doc = store.edit_document(id, &edit)?;
            emit(ctx.json, &doc, || format!("Document bijgewerkt: {} ({}), {}", doc.type_name, doc.original_name, doc.validity.label))
        }
        DocumentCmd::Remove { document, yes } => {
            let id = store.resolve_document(&document)?;
            let d = store.document(id)?;
            let what = format!("{} ({})", d.type_name, d.original_name);
            let impact = store.document_removal(id)?;
            super::removal(ctx, &what, impact, yes, || Ok(store.remove_document(id)?))
        }
        DocumentCmd::List { party, all } => {
            let docs = store.documents(store.resolve_party(&party, None)?, !all)?;
            emit(ctx.json, &docs, || doc_table(&docs))
        }
        DocumentCmd::Intake { files } => super::intake::intake(ctx, store, files),
        DocumentCmd::IntakeList { all } => super::intake::list(ctx, store, all),
        DocumentCmd::IntakeConfirm { item, all_sure, party, type_code, issued, expires, new_provider } => {
            super::intake::confirm(ctx, store, super::intake::ConfirmArgs { item, all_sure, party, type_code, issued, expires, new_provider })
        }
        DocumentCmd::IntakeDiscard { item } => super::intake::discard(ctx, store, &item),
        DocumentCmd::ImportFolder { folder, commit, skip_invalid } => {
            let preview = tenderwacht_export::import::preview_folder(store, &folder)?;
            if !commit {
                return emit(ctx.json, &preview, || {
                    let rows: Vec<Vec<String>> = preview
                        .iter()
                        .map(|c| {
                            vec![
                                format!("{}/{}", c.folder, c.file_name),
                                c.party_name.clone().unwrap_or_else(|| "?".into()),
                                c.type_name.clone().unwrap_or_else(|| "?".into()),
                                super::date_opt(c.issue_date),
                                c.error.clone().unwrap_or_else(|| if c.already_present { "al aanwezig".into() } else { "ok".into() }),
                            ]
                        })
                        .collect();
                    format!(
                        "{}\nVoorbeeld; niets opgeslagen. Gebruik --commit om te importeren (--skip-invalid slaat fouten over).",
                        table(&["bestand", "aanbieder", "soort", "datum", "controle"], &rows)
                    )
                });
            }
            let n = tenderwacht_export::import::commit_folder(store, &preview, skip_invalid)?;
            emit(ctx.json, &serde_json::json!({ "imported": n }), || format!("{n} document(en) geïmporteerd"))
        }
    }
}

pub fn catalogue(ctx: &Ctx, store: &mut Store, cmd: CatalogueCmd) -> Result<(), CliError> {
    match cmd {
        CatalogueCmd::List => {
            let types = store.document_types()?;
            emit(ctx.json, &types, || type_table(&types))
        }
        CatalogueCmd::Add { code, name, rule, lead, issuer, note, words } => {
            let rule = ValidityRule::parse("geldigheid", &rule)?;
            let input = DocumentTypeInput { code, name, rule, lead_time: parse_lead(&lead)?, issuer, note, words };
            store.add_document_type(&input)?;
            let t = store.document_type(&input.code)?;
            emit(ctx.json, &t, || format!("Documenttype toegevoegd: {} ({})", t.name, t.code))
        }
        CatalogueCmd::Edit { code, name, rule, lead, issuer, note, words, no_words } => {
            let cur = store.document_type(&code)?;
            let gone: Vec<String> = no_words.iter().flat_map(|w| w.split(';')).map(|w| w.trim().to_lowercase()).collect();
            let mut kept: Vec<String> = cur.words.iter().filter(|w| !gone.contains(&w.to_lowercase())).cloned().collect();
            kept.extend(words);
            let input = DocumentTypeInput {
                code: cur.code.clone(),
                name: name.unwrap_or(cur.name),
                rule: rule.map(|r| ValidityRule::parse("geldigheid", &r)).transpose()?.unwrap_or(cur.rule),
                lead_time: lead.map(|l| parse_lead(&l)).transpose()?.unwrap_or(cur.lead_time),
                issuer: issuer.unwrap_or(cur.issuer),
                note: note.unwrap_or(cur.note),
                words: kept,
            };
            let t = store.edit_document_type(&code, &input)?;
            emit(ctx.json, &t, || {
                let words = if t.words.is_empty() { String::new() } else { format!("; herkend aan: {}", t.words.join(", ")) };
                format!("Documenttype bijgewerkt: {} — {}{words}", t.name, t.rule.describe())
            })
        }
    }
}

fn parse_lead(text: &str) -> Result<Period, tenderwacht_domain::DomainError> {
    if text.trim() == "0" || text.trim() == "0d" {
        return Ok(Period::days(0));
    }
    Period::parse("doorlooptijd", text)
}
