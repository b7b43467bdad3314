//! The validity rules at their edges: month ends, leap days, lead times, printed end dates.

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
