//! `tender`, `milestone`, `requirement` and `template` commands.

use super::{moment_opt, short, Ctx};
use crate::args::{MilestoneCmd, RequirementCmd, TemplateCmd, TenderAdd, TenderCmd};
use crate::output::{emit, fields, table, CliError};
use serde_json::json;
use tenderwacht_domain::{
    time::{format_moment_nl, parse_moment, Period},
    MilestoneKind, Procedure, ProposalEdit, RequirementInput, Tender, TenderDomain, TenderInput, TenderPatch, TenderStatus,
};
use tenderwacht_store::{Store, StoreError, TenderFilter};

fn tender_table(list: &[Tender]) -> String {
    let rows: Vec<Vec<String>> =
        list.iter().map(|t| vec![short(&t.id), t.title.clone(), t.buyer.clone(), t.status.label().into(), moment_opt(t.closing)]).collect();
    table(&["id", "titel", "opdrachtgever", "status", "sluiting"], &rows)
}

fn add(store: &mut Store, a: TenderAdd) -> Result<Tender, StoreError> {
    // Parse everything before writing anything.
    let closing = a.closing.as_deref().map(|c| parse_moment("sluiting", c)).transpose()?;
    let input = TenderInput {
        title: a.title,
        buyer: a.buyer,
        region: a.region,
        municipalities: a.municipalities,
        nuts: a.nuts,
        cpv: a.cpv,
        procedure: Procedure::parse_field("procedure", &a.procedure)?,
        domain: TenderDomain::parse_field("domein", &a.domain)?,
        description: a.description,
        status: TenderStatus::parse_field("status", &a.status)?,
        lots: a.lots,
        links: a.links,
    };
    let id = store.create_tender(&input, closing, a.template.as_deref())?;
    store.tender(id)
}

pub fn tender(ctx: &Ctx, store: &mut Store, cmd: TenderCmd) -> Result<(), CliError> {
    match cmd {
        TenderCmd::Add(a) => {
            let t = add(store, a)?;
            emit(ctx.json, &t, || format!("Aanbesteding toegevoegd: {} ({})", t.title, t.id))
        }
        TenderCmd::List { status, followed, region, domain, source, closing_from, closing_to } => {
            let filter = TenderFilter {
                status: status.map(|s| TenderStatus::parse_field("status", &s)).transpose()?,
                followed,
                region,
                domain: domain.map(|d| TenderDomain::parse_field("domein", &d)).transpose()?,
                source,
                closing_from: closing_from.map(|d| tenderwacht_domain::time::parse_date("--closing-from", &d)).transpose()?,
                closing_to: closing_to.map(|d| tenderwacht_domain::time::parse_date("--closing-to", &d)).transpose()?,
                query: None,
                limit: None,
            };
            let list = store.tenders(&filter)?;
            emit(ctx.json, &list, || tender_table(&list))
        }
        TenderCmd::Show { tender } => {
            let detail = store.tender_detail(store.resolve_tender(&tender)?)?;
            let (t, milestones, requirements, bids, changes, documents) =
                (&detail.tender, &detail.milestones, &detail.requirements, &detail.bids, &detail.changes, &detail.documents);
            emit(ctx.json, &detail, || {
                let mut out = fields(&[
                    ("id", t.id.to_string()),
                    ("titel", t.title.clone()),
                    ("opdrachtgever", t.buyer.clone()),
                    ("regio", t.region.clone()),
                    ("gemeenten", t.municipalities.join(", ")),
                    ("procedure", t.procedure.label().into()),
                    ("domein", t.domain.label().into()),
                    ("status", t.status.label().into()),
                    ("CPV", t.cpv.join(", ")),
                    ("NUTS", t.nuts.join(", ")),
                    ("percelen", t.lots.iter().map(|l| format!("{}. {}", l.number, l.title)).collect::<Vec<_>>().join("; ")),
                    ("links", t.links.iter().map(|l| l.url.clone()).collect::<Vec<_>>().join(" ")),
                    ("omschrijving", t.description.clone()),
                ]);
                let ms: Vec<Vec<String>> =
                    milestones.iter().map(|m| vec![short(&m.id), milestone_name(m.kind, &m.label), format_moment_nl(m.at)]).collect();
                out.push_str(&format!("\nMijlpalen:\n{}", table(&["id", "mijlpaal", "moment"], &ms)));
                out.push_str(&format!("\nEisen:\n{}", requirement_table(requirements)));
                let bs: Vec<Vec<String>> =
                    bids.iter().map(|b| vec![short(&b.id), b.party_name.clone(), b.lot_number.map(|n| n.to_string()).unwrap_or_default()]).collect();
                out.push_str(&format!("\nInschrijvingen:\n{}", table(&["id", "inschrijver", "perceel"], &bs)));
                if !documents.is_empty() {
                    let ds: Vec<Vec<String>> = documents
                        .iter()
                        .map(|d| vec![d.category.label().into(), d.title.clone(), if d.sha256.is_some() { "offline".into() } else { String::new() }])
                        .collect();
                    out.push_str(&format!("\nDocumenten van het portaal:\n{}", table(&["soort", "titel", ""], &ds)));
                }
                if !changes.is_empty() {
                    let cs: Vec<Vec<String>> = changes
                        .iter()
                        .map(|c| {
                            vec![
                                tenderwacht_domain::time::format_moment_nl(c.created_at),
                                MilestoneKind::from_db("field", &c.field).map_or_else(|_| c.field.clone(), |k| k.label().to_string()),
                                format!("{} -> {}", c.old_value.clone().unwrap_or_default(), c.new_value.clone().unwrap_or_default()),
                                if c.seen { String::new() } else { "nieuw".into() },
                            ]
                        })
                        .collect();
                    out.push_str(&format!("\nWijzigingen:\n{}", table(&["wanneer", "wat", "oud -> nieuw", ""], &cs)));
                }
                out
            })
        }
        TenderCmd::Search { query, limit } => {
            let list = store.search_tenders(&query, limit)?;
            emit(ctx.json, &list, || tender_table(&list))
        }
        TenderCmd::Import { path, dry_run } => super::import::run(ctx, store, &path, dry_run),
        TenderCmd::Seen { tender } => {
            let id = store.resolve_tender(&tender)?;
            let n = store.mark_changes_seen(id)?;
            emit(ctx.json, &json!({ "seen": n }), || format!("{n} wijziging(en) gezien"))
        }
        TenderCmd::Edit { tender, title, buyer, region, procedure, domain, description, status } => {
            let id = store.resolve_tender(&tender)?;
            let patch = TenderPatch {
                title,
                buyer,
                region,
                procedure: procedure.map(|p| Procedure::parse_field("procedure", &p)).transpose()?,
                domain: domain.map(|d| TenderDomain::parse_field("domein", &d)).transpose()?,
                description,
                status: status.map(|s| TenderStatus::parse_field("status", &s)).transpose()?,
            };
            let t = store.edit_tender(id, &patch)?;
            emit(ctx.json, &t, || format!("Aanbesteding bijgewerkt: {} ({})", t.title, t.status.label()))
        }
        TenderCmd::UploadRules { tender, types, max_file, max_upload, names, loose, zip, clear } => {
            let a = super::deliverables::RulesArgs { types, max_file, max_upload, names, loose, zip, clear };
            super::deliverables::upload_rules(ctx, store, &tender, a)
        }
    }
}

fn milestone_name(kind: MilestoneKind, label: &str) -> String {
    if label.is_empty() {
        kind.label().to_string()
    } else {
        format!("{} — {label}", kind.label())
    }
}

fn requirement_table(reqs: &[tenderwacht_domain::Requirement]) -> String {
    let rows: Vec<Vec<String>> = reqs
        .iter()
        .map(|r| {
            vec![
                short(&r.id),
                r.name.clone(),
                r.type_code.clone().unwrap_or_else(|| "stuk".into()),
                r.lot_number.map(|n| n.to_string()).unwrap_or_else(|| "alle".into()),
                r.max_age.map(|p| format!("max. {}", p.describe())).unwrap_or_default(),
            ]
        })
        .collect();
    table(&["id", "eis", "code", "perceel", "eigen termijn"], &rows)
}

pub fn milestone(ctx: &Ctx, store: &mut Store, cmd: MilestoneCmd) -> Result<(), CliError> {
    match cmd {
        MilestoneCmd::Add { tender, kind, at, label, note } => {
            let kind = MilestoneKind::parse_field("soort", &kind)?;
            let at = parse_moment("moment", &at)?;
            let tid = store.resolve_tender(&tender)?;
            let id = store.add_milestone(tid, kind, at, &label, &note)?;
            let m = store.milestone(id)?;
            emit(ctx.json, &m, || format!("Mijlpaal toegevoegd: {} op {}", milestone_name(m.kind, &m.label), format_moment_nl(m.at)))
        }
        MilestoneCmd::List { tender } => {
            let list = store.milestones(store.resolve_tender(&tender)?)?;
            emit(ctx.json, &list, || {
                let rows: Vec<Vec<String>> =
                    list.iter().map(|m| vec![short(&m.id), milestone_name(m.kind, &m.label), format_moment_nl(m.at)]).collect();
                table(&["id", "mijlpaal", "moment"], &rows)
            })
        }
        MilestoneCmd::Move { milestone, tender, kind, at } => {
            let at = parse_moment("moment", &at)?;
            let m = match (milestone, tender, kind) {
                (Some(m), _, _) => store.move_milestone(store.resolve_milestone(&m)?, at)?,
                // The same rule as the app's "move the closing": the latest of the kind, or a new one.
                (None, Some(t), Some(k)) => store.set_milestone(store.resolve_tender(&t)?, MilestoneKind::parse_field("soort", &k)?, at)?,
                _ => return Err(StoreError::invalid("mijlpaal", "geef een id, of --tender en --kind").into()),
            };
            emit(ctx.json, &m, || format!("Mijlpaal verplaatst: {} naar {}", milestone_name(m.kind, &m.label), format_moment_nl(m.at)))
        }
        MilestoneCmd::Remove { milestone } => {
            let id = store.resolve_milestone(&milestone)?;
            store.remove_milestone(id)?;
            emit(ctx.json, &json!({ "removed": id }), || "Mijlpaal verwijderd".into())
        }
    }
}

pub fn requirement(ctx: &Ctx, store: &mut Store, cmd: RequirementCmd) -> Result<(), CliError> {
    match cmd {
        RequirementCmd::Add { tender, type_code, deliverable, lot, max_age, note } => {
            let input = RequirementInput {
                lot_number: lot,
                type_code,
                name: deliverable.unwrap_or_default(),
                max_age: max_age.map(|m| Period::parse("max-age", &m)).transpose()?,
                note,
            };
            let tid = store.resolve_tender(&tender)?;
            let id = store.add_requirement(tid, &input)?;
            let list = store.requirements(tid)?;
            let r = list.iter().find(|r| r.id == id);
            emit(ctx.json, &r, || format!("Eis toegevoegd: {}", r.map(|r| r.name.as_str()).unwrap_or_default()))
        }
        RequirementCmd::List { tender } => {
            let list = store.requirements(store.resolve_tender(&tender)?)?;
            emit(ctx.json, &list, || requirement_table(&list))
        }
        RequirementCmd::ApplyTemplate { tender, template } => {
            let tid = store.resolve_tender(&tender)?;
            let added = store.apply_template(tid, &template)?;
            emit(ctx.json, &json!({ "added": added }), || format!("{added} eis(en) toegevoegd uit sjabloon {template}"))
        }
        RequirementCmd::Remove { tender, requirement } => {
            let tid = store.resolve_tender(&tender)?;
            let id = store.resolve_requirement(tid, &requirement)?;
            store.remove_requirement(id)?;
            emit(ctx.json, &json!({ "removed": id }), || "Eis verwijderd".into())
        }
        RequirementCmd::Edit { tender, requirement, max_age, no_max_age, note, name } => {
            let tid = store.resolve_tender(&tender)?;
            let id = store.resolve_requirement(tid, &requirement)?;
            let current = store.requirement(id)?;
            let max_age = match (max_age, no_max_age) {
                (_, true) => None,
                (Some(text), false) => Some(tenderwacht_domain::time::Period::parse("maximale ouderdom", &text)?),
                (None, false) => current.max_age,
            };
            let edit = tenderwacht_domain::RequirementEdit { name: name.unwrap_or(current.name), max_age, note: note.unwrap_or(current.note) };
            let r = store.edit_requirement(id, &edit)?;
            emit(ctx.json, &r, || {
                format!("Eis bijgewerkt: {}{}", r.name, r.max_age_text.as_ref().map(|t| format!(", max. {t} oud")).unwrap_or_default())
            })
        }
        RequirementCmd::Propose { tender, files } => super::deliverables::propose_cmd(ctx, store, &tender, files),
        RequirementCmd::Proposals { tender, all } => super::deliverables::proposals(ctx, store, &tender, all),
        RequirementCmd::Accept { proposal, type_code, name, max_age, no_max_age, note, new_type } => {
            let max_age = max_age.map(|m| Period::parse("max-age", &m)).transpose()?;
            let edit = ProposalEdit { type_code, name, max_age, no_max_age, note, as_new_type: new_type };
            super::deliverables::accept(ctx, store, &proposal, &edit)
        }
        RequirementCmd::Reject { proposal } => super::deliverables::reject(ctx, store, &proposal),
        RequirementCmd::Template { tender, requirement, document, none: _ } => {
            super::deliverables::set_template(ctx, store, &tender, &requirement, document)
        }
    }
}

pub fn template(ctx: &Ctx, store: &mut Store, cmd: TemplateCmd) -> Result<(), CliError> {
    match cmd {
        TemplateCmd::List => {
            let list = store.requirement_templates()?;
            emit(ctx.json, &list, || {
                let rows: Vec<Vec<String>> =
                    list.iter().map(|t| vec![t.name.clone(), t.items.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", ")]).collect();
                table(&["sjabloon", "eisen"], &rows)
            })
        }
        TemplateCmd::Add { name, documents, deliverables } => {
            let id = store.add_requirement_template(&name, &documents, &deliverables)?;
            emit(ctx.json, &json!({ "id": id }), || format!("Sjabloon opgeslagen: {name}"))
        }
    }
}
