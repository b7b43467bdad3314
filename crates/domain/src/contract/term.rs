//! The rules of a contract's term, judged against today (not a closing): when it ends after an
//! extension, the last day to give notice, whether an obligation is met, and when the next
//! procedure is to be expected. The store feeds these; the agenda and the Overzicht show them.

use crate::checklist::{valid_until, DocDates, ItemStatus};
use crate::time::{format_date_nl, Period};
use crate::{Contract, ObligationRule, ValidityRule};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

/// The end after one more extension of `length` (months clamped: 31 Jan + 1 month = 28/29 Feb).
pub fn extended_end(end: NaiveDate, length: Period) -> NaiveDate {
    length.after(end)
}

/// The last day notice can be given (end minus the notice period), if the contract has one.
pub fn notice_deadline(contract: &Contract) -> Option<NaiveDate> {
    contract.notice.map(|n| n.before(contract.end))
}

/// A day of a year, 29 February becoming 28 February in other years.
fn day_in(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| NaiveDate::from_ymd_opt(year, month, 28))
}

/// The next `month`-`day` on or after `today`, and the one a year before it.
pub fn yearly_cycle(today: NaiveDate, month: u32, day: u32) -> Option<(NaiveDate, NaiveDate)> {
    let this = day_in(today.year(), month, day)?;
    let due = if this >= today { this } else { day_in(today.year() + 1, month, day)? };
    Some((day_in(due.year() - 1, month, day)?, due))
}

/// The verdict on one obligation today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ObligationStatus {
    pub status: ItemStatus,
    /// The date the obligation is due (yearly), or the current document's last valid day.
    pub due: Option<NaiveDate>,
    /// The last day to start obtaining a new document in time.
    pub act_by: Option<NaiveDate>,
    pub reason: String,
}

/// The document type an obligation asks for, as its judgement needs it.
#[derive(Debug, Clone, Copy)]
pub struct Obliged<'a> {
    pub name: &'a str,
    pub validity: ValidityRule,
    pub lead: Period,
    pub obtain: crate::Obtain,
}

/// Why an obligation stands as it does: the dates its words need, worded only when shown (the
/// agenda judges 20,000 obligations on a new day and words only the few that need action).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    NoChange { within_days: u32 },
    AfterChangeMet { issue: NaiveDate, changed: NaiveDate },
    AfterChangeLate { due: NaiveDate, changed: NaiveDate },
    AfterChangeNeeded { due: NaiveDate, changed: NaiveDate },
    Missing,
    NoEnd,
    Lapsed { until: NaiveDate },
    Lapsing { until: NaiveDate },
    ValidUntil { until: NaiveDate, act_by: NaiveDate },
    BadDate { month: u32, day: u32 },
    YearlyMet { issue: NaiveDate, due: NaiveDate },
    YearlyLate { due: NaiveDate },
    YearlyOpen { due: NaiveDate, act_by: NaiveDate },
}

impl Why {
    /// The reason in the consultant's words.
    pub fn text(self, kind: Obliged) -> String {
        let (type_name, lead_text, verb, renew) = (kind.name, kind.lead.describe(), kind.obtain.verb(), kind.obtain.renew());
        let f = format_date_nl;
        match self {
            Self::NoChange { within_days } => format!("geen wijziging gemeld; na een wijziging binnen {within_days} dagen een nieuwe {type_name}"),
            Self::AfterChangeMet { issue, changed } => format!("{type_name} van {} na de wijziging van {}", f(issue), f(changed)),
            Self::AfterChangeLate { due, changed } => format!("{type_name} moest vóór {} (wijziging van {}); te laat", f(due), f(changed)),
            Self::AfterChangeNeeded { due, changed } => {
                format!("nieuwe {type_name} nodig vóór {} (wijziging van {}); {verb} duurt {lead_text}", f(due), f(changed))
            }
            Self::Missing => format!("geen {type_name}; moet de hele looptijd geldig zijn"),
            Self::NoEnd => format!("{type_name} zonder einddatum"),
            Self::Lapsed { until } => format!("{type_name} is verlopen op {}", f(until)),
            Self::Lapsing { until } => format!("{type_name} verloopt op {}; {verb} duurt {lead_text}: {}", f(until), kind.obtain.now()),
            Self::ValidUntil { until, act_by } => format!("geldig t/m {}; {renew} vóór {}", f(until), f(act_by)),
            Self::BadDate { month, day } => format!("ongeldige datum {day}-{month}"),
            Self::YearlyMet { issue, due } => format!("{type_name} van {} telt voor {}", f(issue), f(due)),
            Self::YearlyLate { due } => format!("{type_name} moet vóór {}; {verb} duurt {lead_text}", f(due)),
            Self::YearlyOpen { due, act_by } => format!("nog geen {type_name} voor {}; {verb} vóór {}", f(due), f(act_by)),
        }
    }
}

/// The verdict on one obligation without its words: see [`judge_obligation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub status: ItemStatus,
    pub due: Option<NaiveDate>,
    pub act_by: Option<NaiveDate>,
    pub why: Why,
}

/// Judges an obligation against `today` with the party's newest document of the type (if any);
/// `changed_on` is the last change reported for an "after a change" obligation.
pub fn judge_obligation(
    kind: Obliged,
    rule: ObligationRule,
    doc: Option<DocDates>,
    today: NaiveDate,
    changed_on: Option<NaiveDate>,
) -> ObligationStatus {
    let v = obligation_verdict(kind, rule, doc, today, changed_on);
    ObligationStatus { status: v.status, due: v.due, act_by: v.act_by, reason: v.why.text(kind) }
}

/// The one rule of an obligation, judged against `today`; [`Why::text`] words it.
pub fn obligation_verdict(kind: Obliged, rule: ObligationRule, doc: Option<DocDates>, today: NaiveDate, changed_on: Option<NaiveDate>) -> Verdict {
    let (validity, lead) = (kind.validity, kind.lead);
    let v = |status, due, act_by, why| Verdict { status, due, act_by, why };
    match rule {
        ObligationRule::AfterChange { within_days } => {
            // A change reported for a later day (the store refuses those) counts from that day.
            let Some(changed) = changed_on.filter(|c| *c <= today) else {
                return v(ItemStatus::Gereed, None, None, Why::NoChange { within_days });
            };
            let due = Period::days(within_days).after(changed);
            match doc {
                Some(d) if d.issue >= changed => v(ItemStatus::Gereed, Some(due), None, Why::AfterChangeMet { issue: d.issue, changed }),
                _ if due < today => v(ItemStatus::Ontbreekt, Some(due), None, Why::AfterChangeLate { due, changed }),
                // Too late to obtain it the usual way when the lead time no longer fits.
                _ => v(
                    if lead.before(due) < today { ItemStatus::NietOpTijd } else { ItemStatus::Ontbreekt },
                    Some(due),
                    Some(lead.before(due).max(today)),
                    Why::AfterChangeNeeded { due, changed },
                ),
            }
        }
        ObligationRule::ValidThroughout => {
            let Some(doc) = doc else {
                return v(ItemStatus::Ontbreekt, None, None, Why::Missing);
            };
            let Some(until) = valid_until(validity, doc) else {
                return v(ItemStatus::Gereed, None, None, Why::NoEnd);
            };
            let act_by = lead.before(until);
            if until < today {
                v(ItemStatus::Ontbreekt, Some(until), Some(act_by), Why::Lapsed { until })
            } else if act_by < today {
                v(ItemStatus::VerlooptVoorSluiting, Some(until), Some(act_by), Why::Lapsing { until })
            } else {
                v(ItemStatus::Gereed, Some(until), Some(act_by), Why::ValidUntil { until, act_by })
            }
        }
        ObligationRule::YearlyBefore { month, day } => {
            let Some((previous, due)) = yearly_cycle(today, month, day) else {
                return v(ItemStatus::Ontbreekt, None, None, Why::BadDate { month, day });
            };
            let act_by = lead.before(due);
            match doc {
                Some(d) if d.issue > previous && d.issue <= today => v(ItemStatus::Gereed, Some(due), None, Why::YearlyMet { issue: d.issue, due }),
                _ if act_by < today => v(ItemStatus::NietOpTijd, Some(due), Some(act_by), Why::YearlyLate { due }),
                _ => v(ItemStatus::Ontbreekt, Some(due), Some(act_by), Why::YearlyOpen { due, act_by }),
            }
        }
    }
}

/// Whether a new procedure is to be expected: no extension option left and the end within the
/// horizon (or passed). The sentence for the Overzicht.
pub fn expected_retender(contract: &Contract, today: NaiveDate, horizon: Period) -> Option<String> {
    let no_options = contract.extensions_used >= contract.extensions_total;
    (no_options && contract.end <= horizon.after(today))
        .then(|| format!("herinkoop verwacht voor {}, contract loopt af op {}", contract.title, format_date_nl(contract.end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn an_extension_from_the_31st_is_clamped_to_the_month_end() {
        assert_eq!(extended_end(d(2027, 1, 31), Period::months(1)), d(2027, 2, 28));
        assert_eq!(extended_end(d(2027, 12, 31), Period::months(2)), d(2028, 2, 29), "leap year");
        assert_eq!(extended_end(d(2027, 8, 31), Period::months(12)), d(2028, 8, 31));
    }

    #[test]
    fn yearly_before_1_april_across_a_leap_year() {
        // 29 February 2028 (leap day): the next 1 April is 2028's, the previous 2027's.
        assert_eq!(yearly_cycle(d(2028, 2, 29), 4, 1), Some((d(2027, 4, 1), d(2028, 4, 1))));
        // On the day itself it is still due today; the day after, next year's.
        assert_eq!(yearly_cycle(d(2028, 4, 1), 4, 1), Some((d(2027, 4, 1), d(2028, 4, 1))));
        assert_eq!(yearly_cycle(d(2028, 4, 2), 4, 1), Some((d(2028, 4, 1), d(2029, 4, 1))));
        // "Before 29 February" is 28 February in other years.
        assert_eq!(yearly_cycle(d(2027, 3, 1), 2, 29), Some((d(2027, 2, 28), d(2028, 2, 29))));
        let lead = Period::days(14);
        let rule = ObligationRule::YearlyBefore { month: 4, day: 1 };
        let doc = |issue| Some(DocDates { issue, printed_expiry: None });
        let ok = judge_obligation(
            Obliged { name: "verzekeringsverklaring", validity: ValidityRule::None, lead, obtain: crate::Obtain::Request },
            rule,
            doc(d(2028, 1, 10)),
            d(2028, 2, 29),
            None,
        );
        assert_eq!(ok.status, ItemStatus::Gereed, "{}", ok.reason);
        let last_year = judge_obligation(
            Obliged { name: "verzekeringsverklaring", validity: ValidityRule::None, lead, obtain: crate::Obtain::Request },
            rule,
            doc(d(2027, 3, 30)),
            d(2028, 2, 29),
            None,
        );
        assert_eq!(last_year.status, ItemStatus::Ontbreekt, "issued before the previous 1 April: last year's");
        assert_eq!(last_year.act_by, Some(d(2028, 3, 18)));
        let late = judge_obligation(
            Obliged { name: "verzekeringsverklaring", validity: ValidityRule::None, lead, obtain: crate::Obtain::Request },
            rule,
            None,
            d(2028, 3, 25),
            None,
        );
        assert_eq!(late.status, ItemStatus::NietOpTijd, "{}", late.reason);
    }

    #[test]
    fn valid_throughout_turns_amber_within_the_lead_time_and_red_when_lapsed() {
        let rule = ObligationRule::ValidThroughout;
        let validity = ValidityRule::MaxAge { period: Period::months(12) };
        let lead = Period::days(28);
        let doc = Some(DocDates { issue: d(2026, 1, 15), printed_expiry: None });
        let judge = |today| judge_obligation(Obliged { name: "VOG", validity, lead, obtain: crate::Obtain::Request }, rule, doc, today, None).status;
        assert_eq!(judge(d(2026, 6, 1)), ItemStatus::Gereed);
        assert_eq!(judge(d(2026, 12, 30)), ItemStatus::VerlooptVoorSluiting);
        assert_eq!(judge(d(2027, 1, 20)), ItemStatus::Ontbreekt);
    }

    #[test]
    fn after_a_change_a_fresh_document_within_the_days() {
        let rule = ObligationRule::AfterChange { within_days: 14 };
        let validity = ValidityRule::MaxAge { period: Period::months(3) };
        let lead = Period::days(7);
        let old = Some(DocDates { issue: d(2026, 9, 1), printed_expiry: None });
        let judge = |doc, today, changed| {
            judge_obligation(Obliged { name: "VOG", validity, lead, obtain: crate::Obtain::Request }, rule, doc, today, changed)
        };
        let quiet = judge(old, d(2026, 11, 23), None);
        assert_eq!(
            (quiet.status, quiet.reason.as_str()),
            (ItemStatus::Gereed, "geen wijziging gemeld; na een wijziging binnen 14 dagen een nieuwe VOG")
        );
        // A new employee on 20 November: a VOG by 4 December, to be asked by 27 November.
        let open = judge(old, d(2026, 11, 23), Some(d(2026, 11, 20)));
        assert_eq!((open.status, open.due, open.act_by), (ItemStatus::Ontbreekt, Some(d(2026, 12, 4)), Some(d(2026, 11, 27))));
        assert_eq!(judge(old, d(2026, 11, 30), Some(d(2026, 11, 20))).status, ItemStatus::NietOpTijd, "the lead time no longer fits");
        assert_eq!(judge(old, d(2026, 12, 5), Some(d(2026, 11, 20))).status, ItemStatus::Ontbreekt, "late");
        let fresh = Some(DocDates { issue: d(2026, 11, 25), printed_expiry: None });
        assert_eq!(judge(fresh, d(2026, 12, 5), Some(d(2026, 11, 20))).status, ItemStatus::Gereed);
    }
}
