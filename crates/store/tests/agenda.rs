//! The agenda and the notifications through a real data folder: milestones of followed tenders,
//! act-by dates and expiring documents in one order, each due action announced once.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use chrono::NaiveDate;
use tenderwacht_domain::{
    agenda::{AgendaFilter, AgendaKind},
    checklist::ItemStatus,
    time::parse_moment,
    *,
};

#[test]
fn agenda_lists_milestones_actions_and_expiries_in_order() {
    let mut f = fixture();
    let pid = f.store.add_provider(&provider("De Eik", "11111111")).unwrap();
    let other = f.store.add_provider(&provider("Het Anker", "22222222")).unwrap();
    let tid = f.store.add_tender(&tender("Jeugdhulp Drenthe 2027")).unwrap();
    f.store.add_milestone(tid, MilestoneKind::VragenDeadline, parse_moment("s", "2026-12-01 10:00").unwrap(), "", "").unwrap();
    f.store.add_milestone(tid, MilestoneKind::Sluiting, parse_moment("s", "2027-01-20 12:00").unwrap(), "", "").unwrap();
    f.store
        .add_requirement(
            tid,
            &RequirementInput { lot_number: None, type_code: Some("gva".into()), name: String::new(), max_age: None, note: String::new() },
        )
        .unwrap();
    f.store.add_bid(tid, None, pid, "").unwrap();
    // A tender nobody follows stays out.
    let mut quiet = tender("Niet gevolgd");
    quiet.status = TenderStatus::Nieuw;
    let q = f.store.add_tender(&quiet).unwrap();
    f.store.add_milestone(q, MilestoneKind::Sluiting, parse_moment("s", "2026-12-02 12:00").unwrap(), "", "").unwrap();
    // An insurance policy of the other provider ends in December.
    f.store
        .add_document(&DocumentInput {
            party_id: other,
            type_code: "avb".into(),
            file: f.file.clone(),
            original_name: None,
            issue_date: d("2025-12-10"),
            expiry_date: Some(d("2026-12-09")),
            note: String::new(),
        })
        .unwrap();

    let filter = AgendaFilter::around(f.store.today(), 28);
    let items = f.store.agenda(&filter).unwrap();
    let kinds: Vec<(AgendaKind, NaiveDate)> = items.iter().map(|i| (i.kind, i.date)).collect();
    assert_eq!(
        kinds,
        vec![(AgendaKind::Action, d("2026-11-25")), (AgendaKind::Milestone, d("2026-12-01")), (AgendaKind::Expiry, d("2026-12-09"))],
        "{items:#?}"
    );
    // Filtered by the other provider: only its expiry.
    let mut only = filter.clone();
    only.party = Some(other);
    let items = f.store.agenda(&only).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].kind, AgendaKind::Expiry);
    // Filtered by a region without tenders: nothing.
    let mut region = filter.clone();
    region.region = Some("Friesland".into());
    assert!(f.store.agenda(&region).unwrap().is_empty());
    // A later today makes the action overdue.
    f.store.set_today(Some(d("2026-11-27")));
    let items = f.store.agenda(&AgendaFilter::around(d("2026-11-27"), 28)).unwrap();
    let action = items.iter().find(|i| i.kind == AgendaKind::Action).unwrap();
    assert!(action.overdue);
    assert_eq!(action.status, Some(ItemStatus::NietOpTijd));
    // Seven weeks later, days before the closing: the action due 25 November is still late and
    // still listed (it looked back two weeks only), until it is done or marked n.v.t.
    f.store.set_today(Some(d("2027-01-15")));
    let items = f.store.agenda(&AgendaFilter::around(d("2027-01-15"), 28)).unwrap();
    let late: Vec<_> = items.iter().filter(|i| i.overdue && i.kind == AgendaKind::Action).collect();
    assert_eq!(late.len(), 1, "{items:#?}");
    assert_eq!(late[0].date, d("2026-11-25"));
}

#[test]
fn notifications_announce_each_due_action_once() {
    let mut f = fixture();
    let pid = f.store.add_provider(&provider("De Eik", "11111111")).unwrap();
    let tid = f.store.add_tender(&tender("Wmo Assen 2027")).unwrap();
    // Closing 2 December: a KvK extract (2 days lead) must be requested by 30 November; an HKZ
    // certificate (12 weeks) was already due.
    f.store.add_milestone(tid, MilestoneKind::Sluiting, parse_moment("s", "2026-12-02 12:00").unwrap(), "", "").unwrap();
    f.store
        .add_requirement(
            tid,
            &RequirementInput { lot_number: None, type_code: Some("kvk".into()), name: String::new(), max_age: None, note: String::new() },
        )
        .unwrap();
    f.store.add_bid(tid, None, pid, "").unwrap();
    assert!(f.store.due_notifications().unwrap().is_empty(), "30 November is not today or tomorrow");
    f.store.set_today(Some(d("2026-11-29")));
    let due = f.store.due_notifications().unwrap();
    assert_eq!(due.len(), 1, "{due:?}");
    assert!(due[0].title.starts_with("Actie morgen: KvK-uittreksel"), "{}", due[0].title);
    f.store.mark_notified(&[due[0].key.clone()]).unwrap();
    assert!(f.store.due_notifications().unwrap().is_empty(), "announced once");
    f.store.set_today(Some(d("2026-11-30")));
    assert!(f.store.due_notifications().unwrap().is_empty(), "still once on the day itself");
}

/// A document the provider writes itself (a meldcode) is "opstellen", not "aanvragen", on the
/// agenda and in the checklist's reason; one requested from an issuer stays "aanvragen".
#[test]
fn self_written_documents_are_drawn_up_not_requested() {
    let mut f = fixture();
    let pid = f.store.add_provider(&provider("De Eik", "11111111")).unwrap();
    let tid = f.store.add_tender(&tender("Jeugdhulp Drenthe 2027")).unwrap();
    f.store.add_milestone(tid, MilestoneKind::Sluiting, parse_moment("s", "2026-12-20 12:00").unwrap(), "", "").unwrap();
    for code in ["meldcode", "vog"] {
        let input = RequirementInput { lot_number: None, type_code: Some(code.into()), name: String::new(), max_age: None, note: String::new() };
        f.store.add_requirement(tid, &input).unwrap();
    }
    f.store.add_bid(tid, None, pid, "").unwrap();
    let items = f.store.agenda(&AgendaFilter::around(f.store.today(), 28)).unwrap();
    let titles: Vec<&str> = items.iter().filter(|i| i.kind == AgendaKind::Action).map(|i| i.title.as_str()).collect();
    assert!(titles.iter().any(|t| t.starts_with("Meldcode") && t.contains("opstellen voor De Eik")), "{titles:?}");
    assert!(titles.iter().any(|t| t.contains("aanvragen voor De Eik") && !t.starts_with("Meldcode")), "{titles:?}");
    let reasons: Vec<String> = items.iter().filter(|i| i.title.starts_with("Meldcode")).map(|i| i.detail.clone()).collect();
    assert!(reasons.iter().all(|r| r.contains("opstellen") && !r.contains("aanvragen")), "{reasons:?}");
}
