//! A document in a provider's library judged against today — not a tender's closing: valid until
//! when, lapsing within the time a new one takes to obtain, or lapsed. The same validity rule as
//! the checklist (`valid_until`), so the library's chip and a bid's cell can never disagree (a
//! GVA issued two years ago is red in both, whether or not an end date is printed on it).

use super::{valid_until, DocDates};
use crate::time::{format_date_nl, Period};
use crate::ValidityRule;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The library's verdict on one document today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LibraryStatus {
    /// Valid today and beyond the time a new one takes.
    Geldig,
    /// Still valid, but a new one must be requested now to have it in time.
    Vervalt,
    /// No longer valid today.
    Verlopen,
    /// A newer document of the same type replaced it.
    Vervangen,
}

/// What the library shows for a document: its status, colour family, last valid day and the
/// words of the chip ("geldig t/m 1 juni 2026", "verlopen op ma 1 jun 2026").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LibraryValidity {
    pub status: LibraryStatus,
    /// green, amber, red or grey, as every other surface.
    pub tone: String,
    pub valid_until: Option<NaiveDate>,
    pub label: String,
}

impl Default for LibraryValidity {
    fn default() -> Self {
        Self { status: LibraryStatus::Geldig, tone: "green".into(), valid_until: None, label: String::new() }
    }
}

/// Judges one document of the library today under its type's rule and lead time.
pub fn library_validity(
    rule: ValidityRule,
    lead: Period,
    obtain: crate::Obtain,
    dates: DocDates,
    superseded: bool,
    today: NaiveDate,
) -> LibraryValidity {
    let until = valid_until(rule, dates);
    let (status, label) = if superseded {
        (LibraryStatus::Vervangen, "vervangen door een nieuwer document".to_string())
    } else {
        match until {
            None => (LibraryStatus::Geldig, format!("geldig (afgegeven {})", format_date_nl(dates.issue))),
            Some(u) if u < today => (LibraryStatus::Verlopen, format!("verlopen op {}", format_date_nl(u))),
            Some(u) if lead.after(today) > u => {
                (LibraryStatus::Vervalt, format!("vervalt {}: nu {} ({})", format_date_nl(u), obtain.verb(), lead.describe()))
            }
            Some(u) => (LibraryStatus::Geldig, format!("geldig t/m {}", format_date_nl(u))),
        }
    };
    let tone = match status {
        LibraryStatus::Geldig => "green",
        LibraryStatus::Vervalt => "amber",
        LibraryStatus::Verlopen => "red",
        LibraryStatus::Vervangen => "grey",
    };
    LibraryValidity { status, tone: tone.into(), valid_until: until, label }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::PeriodUnit;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    const GVA: ValidityRule = ValidityRule::MaxAge { period: Period { amount: 24, unit: PeriodUnit::Months } };
    const EIGHT_WEEKS: Period = Period { amount: 56, unit: PeriodUnit::Days };

    #[test]
    fn a_gva_past_its_maximum_age_is_red_without_a_printed_end() {
        let gva = DocDates { issue: d("2024-06-01"), printed_expiry: None };
        let v = library_validity(GVA, EIGHT_WEEKS, crate::Obtain::Request, gva, false, d("2026-12-03"));
        assert_eq!((v.status, v.tone.as_str()), (LibraryStatus::Verlopen, "red"));
        assert_eq!(v.valid_until, Some(d("2026-06-01")));
        assert_eq!(v.label, "verlopen op ma 1 jun 2026");
    }

    #[test]
    fn lapsing_within_the_lead_time_is_amber_and_the_day_itself_still_valid() {
        let gva = DocDates { issue: d("2025-01-10"), printed_expiry: None };
        assert_eq!(library_validity(GVA, EIGHT_WEEKS, crate::Obtain::Request, gva, false, d("2026-12-03")).status, LibraryStatus::Vervalt);
        assert_eq!(library_validity(GVA, EIGHT_WEEKS, crate::Obtain::Request, gva, false, d("2027-01-10")).status, LibraryStatus::Vervalt);
        assert_eq!(library_validity(GVA, EIGHT_WEEKS, crate::Obtain::Request, gva, false, d("2027-01-11")).status, LibraryStatus::Verlopen);
        assert_eq!(library_validity(GVA, EIGHT_WEEKS, crate::Obtain::Request, gva, false, d("2026-10-01")).status, LibraryStatus::Geldig);
        assert_eq!(library_validity(GVA, EIGHT_WEEKS, crate::Obtain::Request, gva, true, d("2026-10-01")).tone, "grey");
    }

    #[test]
    fn printed_end_dates_and_documents_without_end() {
        let cert = DocDates { issue: d("2024-01-01"), printed_expiry: Some(d("2027-06-30")) };
        let v = library_validity(ValidityRule::UntilPrinted, EIGHT_WEEKS, crate::Obtain::Request, cert, false, d("2026-12-03"));
        assert_eq!((v.status, v.label.as_str()), (LibraryStatus::Geldig, "geldig t/m wo 30 jun 2027"));
        let statuten = DocDates { issue: d("2010-01-01"), printed_expiry: None };
        assert_eq!(
            library_validity(ValidityRule::None, EIGHT_WEEKS, crate::Obtain::Write, statuten, false, d("2026-12-03")).status,
            LibraryStatus::Geldig
        );
    }

    #[test]
    fn a_document_the_provider_writes_itself_is_drawn_up_not_requested() {
        let meldcode = DocDates { issue: d("2025-01-10"), printed_expiry: None };
        let v = library_validity(GVA, EIGHT_WEEKS, crate::Obtain::Write, meldcode, false, d("2026-12-03"));
        assert!(v.label.contains("nu opstellen") && !v.label.contains("aanvragen"), "{}", v.label);
        let v = library_validity(GVA, EIGHT_WEEKS, crate::Obtain::Request, meldcode, false, d("2026-12-03"));
        assert!(v.label.contains("nu aanvragen"), "{}", v.label);
    }
}
