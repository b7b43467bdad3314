//! Commands from the buyer's documents to the pack: proposals read from the tender's documents,
//! deliverable files and working copies of the buyer's templates, and the buyer's upload rules.

use super::{short, Ctx};
use crate::output::{emit, table, CliError};
use serde_json::json;
use std::path::PathBuf;
use tenderwacht_domain::{parse_size, time::format_moment_nl, Packaging, PartyKind, Proposal, ProposalEdit, ProposalKind, UploadRules};
use tenderwacht_reading::propose::{propose, propose_from_tender, Source};
use tenderwacht_store::{DeliverableCell, Store, StoreError};

fn proposal_table(list: &[Proposal]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            let d = &p.draft;
            let what = match d.kind {
                ProposalKind::Date => format!("{} → {}", d.name, d.at.map(format_moment_nl).unwrap_or_default()),
                _ => p.type_name.clone().unwrap_or_else(|| d.name.clone()),
            };
            let mut place = match d.page {
                Some(n) => format!("{}, p. {n}", d.file_name),
                None => d.file_name.clone(),
            };
            if !d.section.is_empty() {
                place.push_str(&format!(" ({})", d.section));
            }
            if !d.also_in.is_empty() {
                place.push_str(&format!(" en {} andere plek(ken)", d.also_in.len()));
            }
            let when = match d.kind {
                ProposalKind::Date => String::new(),
                _ => [Some(d.asked.label().to_string()), (!d.condition.is_empty()).then(|| d.condition.clone())]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("; "),
            };
            vec![
                short(&p.id),
                if p.suggested_type.is_some() { "document buiten de catalogus".into() } else { d.kind.label().to_string() },
                what,
                d.max_age.map(|a| format!("max. {}", a.describe())).unwrap_or_default(),
                when,
                match &p.suggested_type {
                    Some(t) => [d.note.clone(), format!("kan documentsoort worden ({}; --new-type)", t.rule.describe())]
                        .into_iter()
                        .filter(|x| !x.is_empty())
                        .collect::<Vec<_>>()
                        .join("; "),
                    None => d.note.clone(),
                },
                place,
                format!("“{}”", d.quote),
                p.status.label().into(),
            ]
        })
        .collect();
    table(&["id", "soort", "eis", "ouderdom", "wanneer, voor wie", "notitie", "bron", "zin", "stand"], &rows)
}

pub fn propose_cmd(ctx: &Ctx, store: &mut Store, tender: &str, files: Vec<PathBuf>) -> Result<(), CliError> {
    let tid = store.resolve_tender(tender)?;
    let outcome = if files.is_empty() {
        propose_from_tender(store, tid)?
    } else {
        let sources: Vec<Source> =
            files.into_iter().map(|p| Source::file(p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), p)).collect();
        propose(store, tid, &sources)?
    };
    emit(ctx.json, &outcome, || {
        let mut out = String::new();
        for f in &outcome.files {
            match &f.problem {
                Some(p) => out.push_str(&format!("! {p}\n")),
                None => out.push_str(&format!("{}: {} pagina('s), {} gevonden\n", f.file_name, f.pages.max(1), f.found)),
            }
        }
        out.push_str(&format!("{} nieuw voorstel(len), {} al bekend\n\n", outcome.report.added.len(), outcome.report.known));
        if !outcome.report.added.is_empty() {
            out.push_str(&proposal_table(&outcome.report.added));
        }
        if let Some(u) = &outcome.upload {
            out.push_str(&format!("\nUploadregels in de stukken: {}\n", u.summary));
            for q in &u.quotes {
                out.push_str(&format!("  “{}” ({}{})\n", q.quote, q.file_name, q.page.map(|p| format!(", pagina {p}")).unwrap_or_default()));
            }
            out.push_str("Overnemen: tenderwacht-cli tender upload-rules <aanbesteding> --types … --max-file … --max-upload …\n");
        }
        out
    })
}

pub fn proposals(ctx: &Ctx, store: &Store, tender: &str, all: bool) -> Result<(), CliError> {
    let list = store.proposals(store.resolve_tender(tender)?, all)?;
    emit(ctx.json, &list, || if list.is_empty() { "Geen voorstellen te beoordelen".into() } else { proposal_table(&list) })
}

pub fn accept(ctx: &Ctx, store: &mut Store, proposal: &str, edit: &ProposalEdit) -> Result<(), CliError> {
    let id = store.resolve_proposal(proposal)?;
    let p = store.accept_proposal(id, edit)?;
    emit(ctx.json, &p, || {
        let what = p.type_name.clone().unwrap_or_else(|| p.draft.name.clone());
        if edit.as_new_type {
            format!("Overgenomen als nieuwe documentsoort: {what}")
        } else {
            format!("Overgenomen: {what}")
        }
    })
}

pub fn reject(ctx: &Ctx, store: &mut Store, proposal: &str) -> Result<(), CliError> {
    let p = store.reject_proposal(store.resolve_proposal(proposal)?)?;
    emit(ctx.json, &p, || format!("Afgewezen: {}", p.type_name.clone().unwrap_or_else(|| p.draft.name.clone())))
}

pub fn set_template(ctx: &Ctx, store: &mut Store, tender: &str, requirement: &str, document: Option<String>) -> Result<(), CliError> {
    let tid = store.resolve_tender(tender)?;
    let req = store.resolve_requirement(tid, requirement)?;
    let doc = match document {
        Some(key) => Some(store.resolve_tender_document(tid, &key)?.id),
        None => None,
    };
    store.set_requirement_template(req, doc)?;
    emit(ctx.json, &json!({ "requirement": req, "template": doc }), || {
        if doc.is_some() {
            "Sjabloon ingesteld".into()
        } else {
            "Sjabloon verwijderd".into()
        }
    })
}

fn cell(store: &Store, bid: &str, requirement: &str, member: Option<String>) -> Result<DeliverableCell, CliError> {
    let bid_id = store.resolve_bid(bid)?;
    let b = store.bid(bid_id)?;
    let req = store.resolve_requirement(b.tender_id, requirement)?;
    let member_id = match member {
        Some(m) if b.party_kind == PartyKind::Cooperative => Some(store.resolve_party(&m, Some(PartyKind::Provider))?),
        Some(_) => return Err(StoreError::invalid("lid", "alleen bij een inschrijving van een coöperatie").into()),
        None => None,
    };
    Ok(store.deliverable_cell(bid_id, req, member_id)?)
}

pub fn attach(
    ctx: &Ctx,
    store: &mut Store,
    (bid, requirement, member): (&str, &str, Option<String>),
    file: &std::path::Path,
    is_final: bool,
    name: Option<&str>,
) -> Result<(), CliError> {
    let c = cell(store, bid, requirement, member)?;
    let f = store.attach_deliverable_file(c, file, name, is_final)?;
    emit(ctx.json, &f, || format!("Versie {} toegevoegd: {}{}", f.version, f.original_name, if f.is_final { " (definitief)" } else { " (concept)" }))
}

pub fn files(ctx: &Ctx, store: &Store, bid: &str) -> Result<(), CliError> {
    let list = store.deliverable_files(store.resolve_bid(bid)?)?;
    let names: std::collections::HashMap<_, _> =
        store.requirements(store.bid(store.resolve_bid(bid)?)?.tender_id)?.into_iter().map(|r| (r.id, r.name)).collect();
    emit(ctx.json, &list, || {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|f| {
                vec![
                    names.get(&f.requirement_id).cloned().unwrap_or_default(),
                    f.version.to_string(),
                    f.original_name.clone(),
                    if f.is_final { "definitief".into() } else { "concept".into() },
                    f.origin.label().into(),
                    format_moment_nl(f.added_at),
                ]
            })
            .collect();
        table(&["stuk", "versie", "bestand", "stand", "herkomst", "toegevoegd"], &rows)
    })
}

pub fn mark_final(
    ctx: &Ctx,
    store: &mut Store,
    (bid, requirement, member): (&str, &str, Option<String>),
    version: u32,
    concept: bool,
) -> Result<(), CliError> {
    let c = cell(store, bid, requirement, member)?;
    let file = store
        .deliverable_files(c.bid)?
        .into_iter()
        .find(|f| f.requirement_id == c.requirement && f.party_id == c.party && f.version == version)
        .ok_or_else(|| StoreError::NotFound { what: "versie", key: version.to_string() })?;
    let f = store.set_deliverable_final(file.id, !concept)?;
    emit(ctx.json, &f, || format!("Versie {} is {}", f.version, if f.is_final { "definitief" } else { "een concept" }))
}

pub fn working_copy(ctx: &Ctx, store: &mut Store, (bid, requirement, member): (&str, &str, Option<String>)) -> Result<(), CliError> {
    let c = cell(store, bid, requirement, member)?;
    let path = store.open_working_copy(c)?;
    emit(ctx.json, &json!({ "path": path }), || path.display().to_string())
}

pub fn collect(ctx: &Ctx, store: &mut Store) -> Result<(), CliError> {
    let added = store.collect_working_copies()?;
    emit(ctx.json, &added, || format!("{} nieuwe versie(s) uit werkkopieën", added.len()))
}

/// The arguments of `tender upload-rules`.
#[derive(Debug)]
pub struct RulesArgs {
    pub types: Option<String>,
    pub max_file: Option<String>,
    pub max_upload: Option<String>,
    pub names: Option<String>,
    pub loose: bool,
    pub zip: bool,
    pub clear: bool,
}

pub fn upload_rules(ctx: &Ctx, store: &mut Store, tender: &str, a: RulesArgs) -> Result<(), CliError> {
    let tid = store.resolve_tender(tender)?;
    let mut rules = if a.clear { UploadRules::default() } else { store.upload_rules(tid)? };
    let changing = a.clear || a.types.is_some() || a.max_file.is_some() || a.max_upload.is_some() || a.names.is_some() || a.loose || a.zip;
    if let Some(t) = a.types {
        rules.extensions = t.split([',', ' ']).map(str::to_string).collect();
    }
    let size = |field: &str, v: &str| if v.trim().is_empty() { Ok(None) } else { parse_size(field, v).map(Some) };
    if let Some(v) = a.max_file {
        rules.max_file_bytes = size("max-file", &v)?;
    }
    if let Some(v) = a.max_upload {
        rules.max_upload_bytes = size("max-upload", &v)?;
    }
    if let Some(n) = a.names {
        rules.name_template = n;
    }
    if a.loose {
        rules.packaging = Packaging::Loose;
    } else if a.zip {
        rules.packaging = Packaging::Zip;
    }
    if changing {
        rules = store.set_upload_rules(tid, rules)?;
    }
    emit(ctx.json, &rules, || UploadRules::summary(&rules))
}
