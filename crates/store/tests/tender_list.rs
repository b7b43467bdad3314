//! The tender list's order and filters: soonest (latest-set) closing first, equal closings and
//! tenders without a closing by title, those without one last, limits across both parts — the
//! same whether the list walks closing dates in index order or sorts the few matches of a
//! selective filter.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use tenderwacht_domain::{time::parse_moment, *};
use tenderwacht_store::{Store, TenderFilter};
use uuid::Uuid;

fn add(store: &mut Store, title: &str, region: &str, closings: &[&str]) -> Uuid {
    let id = store.add_tender(&TenderInput { region: region.into(), ..TenderInput::new(title, Procedure::Openbaar, TenderDomain::Wmo) }).unwrap();
    for c in closings {
        store.add_milestone(id, MilestoneKind::Sluiting, parse_moment("sluiting", c).unwrap(), "", "").unwrap();
    }
    id
}

fn titles(store: &Store, filter: &TenderFilter) -> Vec<String> {
    store.tenders(filter).unwrap().into_iter().map(|t| t.title).collect()
}

#[test]
fn closing_order_ties_missing_closings_and_limits() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    // Moved later: only the latest closing counts, once.
    add(&mut store, "Bravo", "Drenthe", &["2027-01-10 12:00", "2027-03-01 12:00"]);
    add(&mut store, "Charlie", "Groningen", &["2027-02-01 12:00"]);
    add(&mut store, "Alfa", "Drenthe", &["2027-02-01 12:00"]);
    // The same closing entered twice: one row.
    add(&mut store, "Foxtrot", "Friesland", &["2027-02-15 09:00", "2027-02-15 09:00"]);
    add(&mut store, "Echo", "Drenthe", &[]);
    add(&mut store, "Delta", "Groningen", &[]);
    // A milestone of another kind does not make a closing.
    let golf = add(&mut store, "Golf", "Drenthe", &[]);
    store.add_milestone(golf, MilestoneKind::VragenDeadline, parse_moment("v", "2026-12-01 12:00").unwrap(), "", "").unwrap();

    let all = ["Alfa", "Charlie", "Foxtrot", "Bravo", "Delta", "Echo", "Golf"];
    assert_eq!(titles(&store, &TenderFilter::default()), all);
    let closing = store.tenders(&TenderFilter::default()).unwrap();
    assert_eq!(closing[3].closing, Some(parse_moment("s", "2027-03-01 12:00").unwrap()));
    assert_eq!(closing[4].closing, None);

    // Limits inside the dated part, at its end, and across into the undated part.
    for n in 0..=all.len() + 1 {
        let f = TenderFilter { limit: Some(n), ..Default::default() };
        assert_eq!(titles(&store, &f), all[..n.min(all.len())], "limit {n}");
    }
    // Filters on the tender in both parts.
    let drenthe = TenderFilter { region: Some("drenthe".into()), ..Default::default() };
    assert_eq!(titles(&store, &drenthe), ["Alfa", "Bravo", "Echo", "Golf"]);
    // A closing period leaves out tenders without a closing and judges the latest closing.
    let feb = TenderFilter {
        closing_from: Some(chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
        closing_to: Some(chrono::NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()),
        ..Default::default()
    };
    assert_eq!(titles(&store, &feb), ["Alfa", "Charlie", "Foxtrot"]);

    // A selective filter (status, search, source) takes the other plan: same order, same limits.
    let status = |limit| TenderFilter { status: Some(TenderStatus::Nieuw), limit, ..Default::default() };
    assert_eq!(titles(&store, &status(None)), all);
    assert_eq!(titles(&store, &status(Some(5))), all[..5]);
    let typed = TenderFilter { source: Some("handmatig".into()), ..feb.clone() };
    assert_eq!(titles(&store, &typed), ["Alfa", "Charlie", "Foxtrot"]);
    let search = TenderFilter { query: Some("bravo".into()), ..Default::default() };
    assert_eq!(titles(&store, &search), ["Bravo"]);
    let nothing = TenderFilter { source: Some("tenderned".into()), ..Default::default() };
    assert!(titles(&store, &nothing).is_empty());

    // "Followed" is the core's rule (volgen, inschrijven, ingediend), over every tender.
    let followed = TenderFilter { followed: true, ..Default::default() };
    assert!(titles(&store, &followed).is_empty(), "all are nieuw");
    for (title, status) in [("Bravo", TenderStatus::Ingediend), ("Delta", TenderStatus::Volgen), ("Echo", TenderStatus::Vervallen)] {
        let id = store.resolve_tender(title).unwrap();
        store.edit_tender(id, &TenderPatch { status: Some(status), ..Default::default() }).unwrap();
    }
    assert_eq!(titles(&store, &followed), ["Bravo", "Delta"]);
}

/// The list starts with what is still open: open tenders by closing, then those without a
/// closing date, then the closed ones with the most recently closed first (a 2020 tender came
/// first before) — in both plans, and across the limit.
#[test]
fn open_tenders_first_then_undated_then_closed_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    add(&mut store, "Oud 2020", "Drenthe", &["2020-03-01 12:00"]);
    add(&mut store, "Gesloten 2025", "Drenthe", &["2025-06-01 12:00"]);
    add(&mut store, "Open later", "Drenthe", &["2099-06-01 12:00"]);
    add(&mut store, "Open eerst", "Drenthe", &["2099-01-01 12:00"]);
    add(&mut store, "Zonder datum", "Drenthe", &[]);
    let order = ["Open eerst", "Open later", "Zonder datum", "Gesloten 2025", "Oud 2020"];
    assert_eq!(titles(&store, &TenderFilter::default()), order);
    for n in 0..=order.len() {
        assert_eq!(titles(&store, &TenderFilter { limit: Some(n), ..Default::default() }), order[..n], "limit {n}");
    }
    let status = TenderFilter { status: Some(TenderStatus::Nieuw), ..Default::default() };
    assert_eq!(titles(&store, &status), order, "the selective plan orders the same way");
}
