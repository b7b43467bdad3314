//! The checklist rules: for one requirement of one bid, the status at the tender's closing moment,
//! the "actie vóór" date and a reason a person can read. Pure functions over dates, so the Dutch
//! validity rules (README: "How the checklist judges documents") are tested here at their edges, apart from the store.

mod judge;
mod library;

pub use judge::*;
pub use library::*;

use crate::text_enum;
use crate::time::{format_date_nl, Period};
use crate::{DeliverableState, ValidityRule};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

text_enum!(
    /// The status of one requirement of one bid at closing.
    ItemStatus {
        Gereed => ("gereed", "gereed"),
        Ontbreekt => ("ontbreekt", "ontbreekt"),
        VerlooptVoorSluiting => ("verloopt_voor_sluiting", "verloopt vóór sluiting"),
        TeOudBijSluiting => ("te_oud_bij_sluiting", "te oud bij sluiting"),
        NietOpTijd => ("niet_op_tijd", "niet op tijd aan te vragen"),
        Nvt => ("nvt", "n.v.t."),
        Open => ("open", "open"),
        Bezig => ("bezig", "bezig"),
        Aangeleverd => ("aangeleverd", "aangeleverd"),
    }
);

impl ItemStatus {
    /// Statuses that need someone to act before closing.
    pub fn is_problem(self) -> bool {
        matches!(self, Self::Ontbreekt | Self::VerlooptVoorSluiting | Self::TeOudBijSluiting | Self::NietOpTijd | Self::Open | Self::Bezig)
    }

    /// Colour family used on every surface (screen, PDF, XLSX); never shown without the word.
    pub fn tone(self) -> &'static str {
        match self {
            Self::Gereed => "green",
            Self::VerlooptVoorSluiting | Self::TeOudBijSluiting => "amber",
            Self::Ontbreekt | Self::NietOpTijd => "red",
            Self::Nvt => "grey",
            Self::Open | Self::Bezig | Self::Aangeleverd => "blue",
        }
    }
}

/// The dates of a document that the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocDates {
    pub issue: NaiveDate,
    pub printed_expiry: Option<NaiveDate>,
}

/// The verdict on one requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub status: ItemStatus,
    /// Last day to start obtaining a new document in time (closing minus lead time).
    pub act_by: Option<NaiveDate>,
    /// Last day the judged document is valid, when it has an end.
    pub valid_until: Option<NaiveDate>,
    pub reason: String,
}

/// Why a document stops being valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    Printed(NaiveDate),
    MaxAge(NaiveDate, Period),
    ValidFor(NaiveDate),
}

impl Limit {
    fn date(self) -> NaiveDate {
        match self {
            Self::Printed(d) | Self::MaxAge(d, _) | Self::ValidFor(d) => d,
        }
    }
}

/// The binding (earliest) limit of a document under a rule, `None` when it never expires.
/// `Err(())` when the rule needs a printed date the document lacks.
fn binding_limit(rule: ValidityRule, doc: DocDates) -> Result<Option<Limit>, ()> {
    let printed = doc.printed_expiry.map(Limit::Printed);
    let own = match rule {
        ValidityRule::UntilPrinted => return printed.map(Some).ok_or(()),
        ValidityRule::MaxAge { period } => Some(Limit::MaxAge(period.after(doc.issue), period)),
        ValidityRule::ValidFor { period } => Some(Limit::ValidFor(period.after(doc.issue))),
        ValidityRule::None => None,
    };
    Ok(match (own, printed) {
        (Some(a), Some(b)) => Some(if b.date() < a.date() { b } else { a }),
        (a, b) => a.or(b),
    })
}

/// Whether a document is valid at the closing date: the cheap question, without a reason.
pub fn is_valid_at(rule: ValidityRule, doc: DocDates, closing: NaiveDate) -> bool {
    match binding_limit(rule, doc) {
        Ok(None) => true,
        Ok(Some(limit)) => closing <= limit.date(),
        Err(()) => false,
    }
}

/// The last day a document is valid under a rule (`None`: no end known or needed).
pub fn valid_until(rule: ValidityRule, doc: DocDates) -> Option<NaiveDate> {
    binding_limit(rule, doc).ok().flatten().map(Limit::date)
}

/// Judges a document requirement at the closing date.
///
/// * `closing` — the closing moment's local (Amsterdam) date.
/// * `lead` — time needed to obtain a new document.
/// * `doc` — the linked (or newest) document, if any.
pub fn judge_document(type_name: &str, rule: ValidityRule, lead: Period, doc: Option<DocDates>, closing: NaiveDate, today: NaiveDate) -> Judgement {
    judge_document_as(crate::catalogue::Obtain::Request, type_name, rule, lead, doc, closing, today)
}

/// [`judge_document`] for a type obtained as `obtain` says (a self-written document is
/// "opstellen", not "aanvragen", in every reason).
pub fn judge_document_as(
    obtain: crate::catalogue::Obtain,
    type_name: &str,
    rule: ValidityRule,
    lead: Period,
    doc: Option<DocDates>,
    closing: NaiveDate,
    today: NaiveDate,
) -> Judgement {
    let (verb, renew) = (obtain.verb(), obtain.renew());
    let act_by = lead.before(closing);
    let too_late = lead.after(today) > closing;
    let c = format_date_nl(closing);
    let late_note = || format!("{verb} duurt {} en kan vanaf vandaag ({}) niet meer vóór de sluiting op {c}", lead.describe(), format_date_nl(today));
    let Some(doc) = doc else {
        if too_late {
            return Judgement {
                status: ItemStatus::NietOpTijd,
                act_by: Some(act_by),
                valid_until: None,
                reason: format!("geen {type_name} aanwezig; {}", late_note()),
            };
        }
        return Judgement {
            status: ItemStatus::Ontbreekt,
            act_by: Some(act_by),
            valid_until: None,
            reason: format!("geen {type_name} aanwezig; {verb} vóór {} ({} nodig, sluiting {c})", format_date_nl(act_by), lead.describe()),
        };
    };
    let limit = match binding_limit(rule, doc) {
        Ok(l) => l,
        Err(()) => {
            return Judgement {
                status: if too_late { ItemStatus::NietOpTijd } else { ItemStatus::Ontbreekt },
                act_by: Some(act_by),
                valid_until: None,
                reason: format!("bij {type_name} van {} is geen vervaldatum ingevuld", format_date_nl(doc.issue)),
            }
        }
    };
    match limit {
        None => Judgement {
            status: ItemStatus::Gereed,
            act_by: None,
            valid_until: None,
            reason: format!("{type_name} van {} aanwezig; verloopt niet", format_date_nl(doc.issue)),
        },
        Some(l) if closing <= l.date() => Judgement {
            status: ItemStatus::Gereed,
            act_by: None,
            valid_until: Some(l.date()),
            reason: format!("geldig t/m {}, sluiting {c}", format_date_nl(l.date())),
        },
        Some(l) => {
            let (status, what) = match l {
                Limit::MaxAge(until, period) => (
                    ItemStatus::TeOudBijSluiting,
                    format!(
                        "{type_name} van {} is bij de sluiting op {c} ouder dan {} (geldig t/m {})",
                        format_date_nl(doc.issue),
                        period.describe(),
                        format_date_nl(until)
                    ),
                ),
                Limit::Printed(until) | Limit::ValidFor(until) => {
                    (ItemStatus::VerlooptVoorSluiting, format!("{type_name} verloopt op {}, vóór de sluiting op {c}", format_date_nl(until)))
                }
            };
            if too_late {
                Judgement {
                    status: ItemStatus::NietOpTijd,
                    act_by: Some(act_by),
                    valid_until: Some(l.date()),
                    reason: format!("{what}; {}", late_note()),
                }
            } else {
                Judgement {
                    status,
                    act_by: Some(act_by),
                    valid_until: Some(l.date()),
                    reason: format!("{what}; {renew} vóór {}", format_date_nl(act_by)),
                }
            }
        }
    }
}

/// The files handed in for a deliverable cell, as the rules see them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileVersions<'a> {
    /// The final version: its number and file name.
    pub final_version: Option<(u32, &'a str)>,
    /// The newest version's number.
    pub latest: Option<u32>,
}

/// Judges a deliverable: "gereed" only with a final file; a concept version means work is under
/// way; without files the recorded state speaks.
pub fn judge_deliverable(name: &str, state: Option<DeliverableState>, files: FileVersions) -> Judgement {
    let (status, reason) = match (files.final_version, files.latest) {
        (Some((v, file)), _) => (ItemStatus::Gereed, format!("definitieve versie {v} ({file})")),
        (None, Some(v)) => (ItemStatus::Bezig, format!("versie {v} is een concept; markeer de definitieve versie")),
        (None, None) => match state.unwrap_or(DeliverableState::Open) {
            DeliverableState::Open => (ItemStatus::Open, format!("{name} is nog niet opgepakt")),
            DeliverableState::Bezig => (ItemStatus::Bezig, format!("{name} wordt opgesteld")),
            DeliverableState::Aangeleverd => {
                (ItemStatus::Aangeleverd, format!("{name} is aangeleverd, maar er is geen bestand in Tenderwacht; voeg de definitieve versie toe"))
            }
        },
    };
    Judgement { status, act_by: None, valid_until: None, reason }
}

/// One cell of the checklist: a requirement of a bid, for the party that provides it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChecklistRow {
    pub bid_id: Uuid,
    pub tender_id: Uuid,
    pub tender_title: String,
    pub lot_number: Option<u32>,
    pub closing: Option<DateTime<Utc>>,
    pub bidder_id: Uuid,
    pub bidder_name: String,
    /// The party that provides this item (the bidder, or a member of a bidding cooperative).
    pub party_id: Uuid,
    pub party_name: String,
    pub requirement_id: Uuid,
    pub requirement_name: String,
    pub type_code: Option<String>,
    pub status: ItemStatus,
    /// Whether someone must still act before closing ([`ItemStatus::is_problem`]), so no screen
    /// restates the rule.
    pub problem: bool,
    pub reason: String,
    pub act_by: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub document_id: Option<Uuid>,
    pub document_name: Option<String>,
    /// A newer valid document of the type exists than the one explicitly linked.
    pub newer_document_id: Option<Uuid>,
    /// For a deliverable: the final version's file, else the newest concept's.
    pub file_id: Option<Uuid>,
    pub file_name: Option<String>,
    pub file_version: Option<u32>,
    pub file_final: bool,
    pub owner: String,
    pub note: String,
}

/// A checklist with its counts per status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Checklist {
    pub today: NaiveDate,
    pub rows: Vec<ChecklistRow>,
    pub counts: Vec<StatusCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusCount {
    pub status: ItemStatus,
    pub count: u32,
}

impl Checklist {
    pub fn new(today: NaiveDate, rows: Vec<ChecklistRow>) -> Self {
        let counts = ItemStatus::ALL
            .iter()
            .map(|s| StatusCount { status: *s, count: rows.iter().filter(|r| r.status == *s).count() as u32 })
            .filter(|c| c.count > 0)
            .collect();
        Self { today, rows, counts }
    }
}

#[cfg(test)]
mod tests;
