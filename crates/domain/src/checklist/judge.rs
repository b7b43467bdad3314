//! The checklist's judgement of one cell from what the store loaded (`ReqRow`, `ItemRow`,
//! `DocRow`): which document counts (the
//! linked one, else the newest), the tender's own maximum age over the catalogue rule, and the
//! cheap "needs action" test the agenda uses before building a row.

use crate::checklist::{is_valid_at, judge_deliverable, judge_document, DocDates, FileVersions, ItemStatus, Judgement};
use crate::time::Period;
use crate::{DeliverableState, DocumentType, ValidityRule};
use chrono::NaiveDate;
use uuid::Uuid;

/// A requirement as the checklist judges it.
pub struct ReqRow {
    pub id: Uuid,
    pub tender_id: Uuid,
    pub lot_id: Option<Uuid>,
    pub doc_type: Option<DocumentType>,
    pub name: String,
    pub max_age: Option<Period>,
}

/// A bid item (one requirement for one providing party) as stored.
#[derive(Default)]
pub struct ItemRow {
    pub document_id: Option<Uuid>,
    pub state: Option<DeliverableState>,
    pub not_applicable: bool,
    pub owner: String,
    pub note: String,
    /// Deliverable files: (id, version, name, final), in version order.
    pub files: Vec<(Uuid, u32, String, bool)>,
}

impl ItemRow {
    /// The file a deliverable cell shows: the final version, else the newest.
    pub fn shown_file(&self) -> Option<&(Uuid, u32, String, bool)> {
        self.files.iter().rev().find(|f| f.3).or_else(|| self.files.last())
    }

    pub fn versions(&self) -> FileVersions<'_> {
        FileVersions { final_version: self.files.iter().rev().find(|f| f.3).map(|f| (f.1, f.2.as_str())), latest: self.files.last().map(|f| f.1) }
    }
}

/// A party's document of the requirement's type.
pub struct DocRow {
    pub id: Uuid,
    pub type_id: Uuid,
    pub name: String,
    pub dates: DocDates,
}

/// False when the chosen document is valid at closing or the item is n.v.t.: the cheap test
/// the agenda uses before building a full row.
pub fn needs_action(req: &ReqRow, item: &ItemRow, docs: Option<&Vec<DocRow>>, closing: Option<NaiveDate>) -> bool {
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

pub struct Judged<'a> {
    pub judgement: Judgement,
    pub document: Option<(Uuid, &'a str)>,
    pub newer: Option<Uuid>,
}

pub fn judge_row<'a>(req: &ReqRow, item: &ItemRow, docs: Option<&'a Vec<DocRow>>, closing: Option<NaiveDate>, today: NaiveDate) -> Judged<'a> {
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
    let mut judgement = super::judge_document_as(doc_type.obtain(), &doc_type.name, rule, doc_type.lead_time, chosen.map(|d| d.dates), at, today);
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
