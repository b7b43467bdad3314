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
    let act_by = lead.before(closing);
    let too_late = lead.after(today) > closing;
    let c = format_date_nl(closing);
    let late_note =
        || format!("aanvragen duurt {} en kan vanaf vandaag ({}) niet meer vóór de sluiting op {c}", lead.describe(), format_date_nl(today));
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
            reason: format!("geen {type_name} aanwezig; aanvragen vóór {} ({} nodig, sluiting {c})", format_date_nl(act_by), lead.describe()),
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
                    reason: format!("{what}; nieuwe aanvragen vóór {}", format_date_nl(act_by)),
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
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const KVK: ValidityRule = ValidityRule::MaxAge { period: Period { amount: 6, unit: crate::time::PeriodUnit::Months } };
    const GVA: ValidityRule = ValidityRule::MaxAge { period: Period { amount: 24, unit: crate::time::PeriodUnit::Months } };

    fn doc(issue: &str) -> Option<DocDates> {
        Some(DocDates { issue: d(issue), printed_expiry: None })
    }

    #[test]
    fn kvk_extract_six_months_old_minus_and_plus_one_day() {
        let lead = Period::days(2);
        let today = d("2026-11-01");
        // Issued 15 June: valid through 15 December (6 months). Closing on 15 December: exactly 6 months.
        let on_edge = judge_document("KvK-uittreksel", KVK, lead, doc("2026-06-15"), d("2026-12-15"), today);
        assert_eq!(on_edge.status, ItemStatus::Gereed, "{}", on_edge.reason);
        assert_eq!(on_edge.valid_until, Some(d("2026-12-15")));
        // One day younger: still fine.
        let younger = judge_document("KvK-uittreksel", KVK, lead, doc("2026-06-16"), d("2026-12-15"), today);
        assert_eq!(younger.status, ItemStatus::Gereed);
        // One day older: too old at closing.
        let older = judge_document("KvK-uittreksel", KVK, lead, doc("2026-06-14"), d("2026-12-15"), today);
        assert_eq!(older.status, ItemStatus::TeOudBijSluiting);
        assert_eq!(older.act_by, Some(d("2026-12-13")));
        assert!(older.reason.contains("ouder dan 6 maanden"), "{}", older.reason);
        assert!(older.reason.contains("di 15 dec 2026"), "{}", older.reason);
    }

    #[test]
    fn month_end_clamp_applies_to_max_age() {
        // 31 August + 6 months = 28 February 2027 (no 29th).
        let today = d("2026-09-01");
        let feb28 = judge_document("KvK", KVK, Period::days(2), doc("2026-08-31"), d("2027-02-28"), today);
        assert_eq!(feb28.status, ItemStatus::Gereed);
        let mar1 = judge_document("KvK", KVK, Period::days(2), doc("2026-08-31"), d("2027-03-01"), today);
        assert_eq!(mar1.status, ItemStatus::TeOudBijSluiting);
    }

    #[test]
    fn gva_lead_time_today_versus_closing() {
        let lead = Period::days(56);
        let closing = d("2027-02-01");
        // Act-by = closing - 56 days = 7 December 2026.
        let in_time = judge_document("Gedragsverklaring", GVA, lead, None, closing, d("2026-12-07"));
        assert_eq!(in_time.status, ItemStatus::Ontbreekt);
        assert_eq!(in_time.act_by, Some(d("2026-12-07")));
        let one_day_late = judge_document("Gedragsverklaring", GVA, lead, None, closing, d("2026-12-08"));
        assert_eq!(one_day_late.status, ItemStatus::NietOpTijd);
        assert!(one_day_late.reason.contains("8 weken"), "{}", one_day_late.reason);
        // An existing GVA that is too old, with time left, is "te oud"; without time, "niet op tijd".
        let old = doc("2024-12-01");
        assert_eq!(judge_document("GVA", GVA, lead, old, closing, d("2026-11-23")).status, ItemStatus::TeOudBijSluiting);
        assert_eq!(judge_document("GVA", GVA, lead, old, closing, d("2027-01-10")).status, ItemStatus::NietOpTijd);
        // A valid GVA needs no action whatever the lead time.
        let fresh = judge_document("GVA", GVA, lead, doc("2025-06-01"), closing, d("2027-01-31"));
        assert_eq!(fresh.status, ItemStatus::Gereed);
        assert_eq!(fresh.act_by, None);
    }

    #[test]
    fn printed_expiry_is_valid_through_its_day() {
        let rule = ValidityRule::UntilPrinted;
        let cert = Some(DocDates { issue: d("2024-01-10"), printed_expiry: Some(d("2026-12-15")) });
        let today = d("2026-11-23");
        assert_eq!(judge_document("HKZ", rule, Period::days(84), cert, d("2026-12-15"), today).status, ItemStatus::Gereed);
        let after = judge_document("HKZ", rule, Period::days(7), cert, d("2026-12-16"), today);
        assert_eq!(after.status, ItemStatus::VerlooptVoorSluiting);
        assert!(after.reason.contains("di 15 dec 2026"));
        // Missing printed date under an until-printed rule is not silently valid.
        let none = Some(DocDates { issue: d("2024-01-10"), printed_expiry: None });
        assert_eq!(judge_document("HKZ", rule, Period::days(7), none, d("2026-12-16"), today).status, ItemStatus::Ontbreekt);
    }

    #[test]
    fn printed_expiry_before_max_age_wins() {
        let vog = ValidityRule::MaxAge { period: Period::months(36) };
        let doc = Some(DocDates { issue: d("2026-01-01"), printed_expiry: Some(d("2026-06-30")) });
        let j = judge_document("VOG", vog, Period::days(28), doc, d("2026-12-01"), d("2026-07-01"));
        assert_eq!(j.status, ItemStatus::VerlooptVoorSluiting);
        assert_eq!(j.valid_until, Some(d("2026-06-30")));
    }

    #[test]
    fn valid_for_counts_from_issue() {
        let rule = ValidityRule::ValidFor { period: Period::months(12) };
        let doc = doc("2025-12-15");
        assert_eq!(valid_until(rule, doc.unwrap()), Some(d("2026-12-15")));
        assert_eq!(judge_document("X", rule, Period::days(1), doc, d("2026-12-16"), d("2026-11-01")).status, ItemStatus::VerlooptVoorSluiting);
        assert_eq!(valid_until(ValidityRule::None, doc.unwrap()), None);
    }

    #[test]
    fn quick_validity_agrees_with_the_judgement() {
        let rules = [KVK, GVA, ValidityRule::UntilPrinted, ValidityRule::None, ValidityRule::ValidFor { period: Period::months(12) }];
        let docs = [
            DocDates { issue: d("2026-06-15"), printed_expiry: None },
            DocDates { issue: d("2025-01-01"), printed_expiry: Some(d("2026-12-31")) },
            DocDates { issue: d("2026-01-01"), printed_expiry: Some(d("2026-12-14")) },
        ];
        for rule in rules {
            for doc in docs {
                for closing in ["2026-12-14", "2026-12-15", "2026-12-16", "2027-01-01"] {
                    let j = judge_document("X", rule, Period::days(1), Some(doc), d(closing), d("2026-11-01"));
                    assert_eq!(is_valid_at(rule, doc, d(closing)), j.status == ItemStatus::Gereed, "{rule:?} {doc:?} {closing}");
                }
            }
        }
    }

    #[test]
    fn deliverables_follow_their_state() {
        let none = FileVersions::default();
        assert_eq!(judge_deliverable("Prijzenblad", None, none).status, ItemStatus::Open);
        assert_eq!(judge_deliverable("Prijzenblad", Some(DeliverableState::Aangeleverd), none).status, ItemStatus::Aangeleverd);
        let concept = FileVersions { final_version: None, latest: Some(2) };
        let j = judge_deliverable("Prijzenblad", Some(DeliverableState::Aangeleverd), concept);
        assert_eq!((j.status, j.reason.as_str()), (ItemStatus::Bezig, "versie 2 is een concept; markeer de definitieve versie"));
        let done = FileVersions { final_version: Some((1, "prijzenblad.xlsx")), latest: Some(2) };
        let j = judge_deliverable("Prijzenblad", None, done);
        assert_eq!((j.status, j.reason.as_str()), (ItemStatus::Gereed, "definitieve versie 1 (prijzenblad.xlsx)"));
        assert!(!ItemStatus::Aangeleverd.is_problem());
        assert!(ItemStatus::Bezig.is_problem());
    }
}
