//! The checklist's judgement of one cell from what `checklist` loaded: which document counts (the
//! linked one, else the newest), the tender's own maximum age over the catalogue rule, and the
//! cheap "needs action" test the agenda uses before building a row.

use super::checklist::{DocRow, ItemRow, ReqRow};
use crate::checklist::{is_valid_at, judge_deliverable, judge_document, ItemStatus, Judgement};
use crate::domain::{DocumentType, ValidityRule};
use chrono::NaiveDate;
use uuid::Uuid;

/// False when the chosen document is valid at closing or the item is n.v.t.: the cheap test
/// the agenda uses before building a full row.
pub(super) fn needs_action(req: &ReqRow, item: &ItemRow, docs: Option<&Vec<DocRow>>, closing: Option<NaiveDate>) -> bool {
    let (Some(doc_type), Some(closing)) = (&req.doc_type, closing) else { return !item.not_applicable };
    if item.not_applicable {
        return false;
    }
    let (_, chosen) = choose_document(item, docs);
    let rule = effective_rule(req, doc_type);
    !chosen.is_some_and(|d| is_valid_at(rule, d.dates, closing))
}

/// The party's documents of the type, and the one the checklist judges: the linked one, else the
/// newest.
fn choose_document<'a>(item: &ItemRow, docs: Option<&'a Vec<DocRow>>) -> (&'a [DocRow], Option<&'a DocRow>) {
    let docs = docs.map(Vec::as_slice).unwrap_or_default();
    let chosen = match item.document_id {
        Some(id) => docs.iter().find(|d| d.id == id),
        None => docs.first(),
    };
    (docs, chosen)
}

/// The catalogue rule, or the tender's own maximum age where it set one.
fn effective_rule(req: &ReqRow, doc_type: &DocumentType) -> ValidityRule {
    match req.max_age {
        Some(period) if doc_type.rule != ValidityRule::UntilPrinted => ValidityRule::MaxAge { period },
        _ => doc_type.rule,
    }
}

pub(super) struct Judged<'a> {
    pub(super) judgement: Judgement,
    pub(super) document: Option<(Uuid, &'a str)>,
    pub(super) newer: Option<Uuid>,
}

pub(super) fn judge_row<'a>(req: &ReqRow, item: &ItemRow, docs: Option<&'a Vec<DocRow>>, closing: Option<NaiveDate>, today: NaiveDate) -> Judged<'a> {
    if item.not_applicable {
        let j = Judgement { status: ItemStatus::Nvt, act_by: None, valid_until: None, reason: "niet van toepassing".into() };
        return Judged { judgement: j, document: None, newer: None };
    }
    let Some(doc_type) = &req.doc_type else {
        return Judged { judgement: judge_deliverable(&req.name, item.state, item.versions()), document: None, newer: None };
    };
    let rule = effective_rule(req, doc_type);
    let (docs, chosen) = choose_document(item, docs);
    // Without a closing date the documents are judged today, and the reason says so.
    let (at, suffix) = match closing {
        Some(c) => (c, ""),
        None => (today, " (nog geen sluitingsdatum: beoordeeld op vandaag)"),
    };
    let mut judgement = judge_document(&doc_type.name, rule, doc_type.lead_time, chosen.map(|d| d.dates), at, today);
    judgement.reason.push_str(suffix);
    // `docs` holds the newest document first, then explicitly linked older ones.
    let newer = match (item.document_id, chosen) {
        (Some(_), Some(c)) => docs
            .iter()
            .take_while(|d| d.id != c.id)
            .find(|d| judge_document("", rule, doc_type.lead_time, Some(d.dates), at, today).status == ItemStatus::Gereed)
            .map(|d| d.id),
        _ => None,
    };
    if newer.is_some() {
        judgement.reason.push_str("; er is een nieuwer geldig document");
    }
    Judged { judgement, document: chosen.map(|d| (d.id, d.name.as_str())), newer }
}
