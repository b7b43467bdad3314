//! Store round trips through a real data folder: what goes in comes out, wrong input writes
//! nothing, and the checklist and agenda see what the store holds.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use tenderwacht_domain::{
    checklist::ItemStatus,
    time::{parse_moment, Period},
    *,
};
use tenderwacht_store::{ChecklistScope, Store};

mod common;
use common::*;

#[test]
fn new_store_is_seeded_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let n = {
        let store = Store::open(dir.path()).unwrap();
        assert!(store.integrity_ok().unwrap());
        store.document_types().unwrap().len()
    };
    assert!(n >= 18);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.document_types().unwrap().len(), n, "seeding happens once");
    assert!(!store.requirement_templates().unwrap().is_empty());
}

#[test]
fn provider_round_trip_and_edit() {
    let mut f = fixture();
    let id = f.store.add_provider(&provider("Zorgboerderij De Eik", "12345678")).unwrap();
    let p = f.store.party(id).unwrap();
    assert_eq!(p.name, "Zorgboerderij De Eik");
    assert_eq!(p.municipalities, vec!["Assen", "Tynaarlo"]);
    assert_eq!(p.domains, vec![CareDomain::Jeugdwet]);
    assert_eq!(p.kind, PartyKind::Provider);
    let edited = f
        .store
        .edit_party(
            id,
            &PartyPatch { place: Some("Gieten".into()), domains: Some(vec![CareDomain::Wmo, CareDomain::Jeugdwet]), ..Default::default() },
        )
        .unwrap();
    assert_eq!(edited.place, "Gieten");
    assert_eq!(edited.domains.len(), 2);
    assert_eq!(f.store.resolve_party("12345678", None).unwrap(), id);
    assert_eq!(f.store.resolve_party("zorgboerderij de eik", None).unwrap(), id);
    assert_eq!(f.store.resolve_party("De Eik", None).unwrap(), id);
}

#[test]
fn wrong_input_writes_nothing() {
    let mut f = fixture();
    let e = f.store.add_provider(&provider("X", "1234")).unwrap_err();
    assert_eq!(e.field(), Some("kvk"));
    f.store.add_provider(&provider("A", "11111111")).unwrap();
    let dup = f.store.add_provider(&provider("B", "11111111")).unwrap_err();
    assert_eq!(dup.code(), "duplicate");
    // A batch with one bad row leaves nothing behind.
    let batch = vec![provider("C", "22222222"), provider("D", "bad")];
    let e = f.store.add_providers(&batch).unwrap_err();
    assert_eq!(e.field(), Some("rij 2: kvk"));
    assert_eq!(f.store.parties(None).unwrap().len(), 1);
    // Unknown document type, missing file, expiry before issue.
    let pid = f.store.resolve_party("A", None).unwrap();
    let mut input = DocumentInput {
        party_id: pid,
        type_code: "nope".into(),
        file: f.file.clone(),
        original_name: None,
        issue_date: d("2026-10-01"),
        expiry_date: None,
        note: String::new(),
    };
    assert_eq!(f.store.add_document(&input).unwrap_err().code(), "not_found");
    input.type_code = "kvk".into();
    input.file = f.file.with_file_name("missing.pdf");
    assert_eq!(f.store.add_document(&input).unwrap_err().field(), Some("bestand"));
    input.file = f.file.clone();
    input.type_code = "hkz".into();
    assert_eq!(f.store.add_document(&input).unwrap_err().field(), Some("vervaldatum"));
    input.issue_date = d("2027-01-01");
    assert_eq!(f.store.add_document(&input).unwrap_err().field(), Some("uitgiftedatum"));
    assert!(f.store.documents(pid, false).unwrap().is_empty());
}

#[test]
fn documents_are_content_addressed_and_superseded() {
    let mut f = fixture();
    let pid = f.store.add_provider(&provider("A", "11111111")).unwrap();
    let mk = |issue: &str| DocumentInput {
        party_id: pid,
        type_code: "kvk".into(),
        file: f.file.clone(),
        original_name: Some(format!("kvk {issue}.pdf")),
        issue_date: d(issue),
        expiry_date: None,
        note: String::new(),
    };
    let old = f.store.add_document(&mk("2026-01-10")).unwrap();
    let new = f.store.add_document(&mk("2026-11-01")).unwrap();
    assert_eq!(old.sha256, new.sha256);
    assert!(f.store.blobs().verify(&new.sha256).unwrap());
    let all = f.store.documents(pid, false).unwrap();
    assert_eq!(all.len(), 2, "history stays");
    assert_eq!(all[1].id, old.id);
    assert_eq!(all[0].id, new.id);
    assert!(!all[0].superseded && all[1].superseded);
    assert_eq!(f.store.documents(pid, true).unwrap().len(), 1);
    // Registering an older extract afterwards does not make it the current one.
    let older = f.store.add_document(&mk("2025-12-01")).unwrap();
    assert!(older.superseded);
    let current = f.store.documents(pid, true).unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].id, new.id);
    let files = std::fs::read_dir(f.store.data_dir().join("files")).unwrap().count();
    assert_eq!(files, 1, "one file for identical content");
}

#[test]
fn checklist_follows_documents_and_closing_moves() {
    let mut f = fixture();
    let pid = f.store.add_provider(&provider("De Eik", "11111111")).unwrap();
    let tid = f.store.add_tender(&tender("Jeugdhulp Drenthe 2027")).unwrap();
    let closing = f.store.add_milestone(tid, MilestoneKind::Sluiting, parse_moment("s", "2027-01-15 12:00").unwrap(), "", "").unwrap();
    f.store
        .add_requirement(
            tid,
            &RequirementInput { lot_number: None, type_code: Some("kvk".into()), name: String::new(), max_age: None, note: String::new() },
        )
        .unwrap();
    f.store
        .add_requirement(
            tid,
            &RequirementInput { lot_number: None, type_code: Some("gva".into()), name: String::new(), max_age: None, note: String::new() },
        )
        .unwrap();
    f.store
        .add_requirement(tid, &RequirementInput { lot_number: None, type_code: None, name: "Prijzenblad".into(), max_age: None, note: String::new() })
        .unwrap();
    let bid = f.store.add_bid(tid, None, pid, "").unwrap();
    f.store
        .add_document(&DocumentInput {
            party_id: pid,
            type_code: "kvk".into(),
            file: f.file.clone(),
            original_name: None,
            issue_date: d("2026-08-01"),
            expiry_date: None,
            note: String::new(),
        })
        .unwrap();
    let list = f.store.checklist(ChecklistScope::Tender(tid)).unwrap();
    let status = |list: &tenderwacht_domain::checklist::Checklist, code: Option<&str>| {
        list.rows.iter().find(|r| r.type_code.as_deref() == code).unwrap().status
    };
    assert_eq!(list.rows.len(), 3);
    assert_eq!(status(&list, Some("kvk")), ItemStatus::Gereed);
    // 8 weeks before 15 January was 20 November; today is 23 November.
    assert_eq!(status(&list, Some("gva")), ItemStatus::NietOpTijd);
    assert_eq!(status(&list, None), ItemStatus::Open);
    let gva = list.rows.iter().find(|r| r.type_code.as_deref() == Some("gva")).unwrap();
    assert_eq!(gva.act_by, Some(d("2026-11-20")), "closing minus 8 weeks");

    // Move the closing past 1 February: the extract from 1 August is then over 6 months old.
    f.store.move_milestone(closing, parse_moment("s", "2027-02-02 12:00").unwrap()).unwrap();
    let list = f.store.checklist(ChecklistScope::Tender(tid)).unwrap();
    assert_eq!(status(&list, Some("kvk")), ItemStatus::TeOudBijSluiting);

    // Mark the price sheet delivered and the GVA not applicable.
    let price = f.store.resolve_requirement(tid, "prijzenblad").unwrap();
    f.store.set_bid_item(bid, price, &BidItemPatch { state: Some(DeliverableState::Aangeleverd), ..Default::default() }).unwrap();
    let gva_req = f.store.resolve_requirement(tid, "gva").unwrap();
    f.store.set_bid_item(bid, gva_req, &BidItemPatch { not_applicable: Some(true), ..Default::default() }).unwrap();
    let list = f.store.checklist(ChecklistScope::Party(pid)).unwrap();
    assert_eq!(status(&list, None), ItemStatus::Aangeleverd);
    assert_eq!(status(&list, Some("gva")), ItemStatus::Nvt);
    // A deliverable state on a document requirement is refused.
    let kvk_req = f.store.resolve_requirement(tid, "kvk").unwrap();
    let e = f.store.set_bid_item(bid, kvk_req, &BidItemPatch { state: Some(DeliverableState::Bezig), ..Default::default() }).unwrap_err();
    assert_eq!(e.field(), Some("status"));
}

#[test]
fn linked_older_document_points_to_newer_one() {
    let mut f = fixture();
    let pid = f.store.add_provider(&provider("De Eik", "11111111")).unwrap();
    let tid = f.store.add_tender(&tender("Wmo Open House Assen")).unwrap();
    f.store.add_milestone(tid, MilestoneKind::Sluiting, parse_moment("s", "2027-01-15 12:00").unwrap(), "", "").unwrap();
    let req = f
        .store
        .add_requirement(
            tid,
            &RequirementInput { lot_number: None, type_code: Some("kvk".into()), name: String::new(), max_age: None, note: String::new() },
        )
        .unwrap();
    let bid = f.store.add_bid(tid, None, pid, "").unwrap();
    let add = |store: &mut Store, issue: &str| {
        store
            .add_document(&DocumentInput {
                party_id: pid,
                type_code: "kvk".into(),
                file: f.file.clone(),
                original_name: None,
                issue_date: d(issue),
                expiry_date: None,
                note: String::new(),
            })
            .unwrap()
    };
    let old = add(&mut f.store, "2026-05-01");
    f.store.set_bid_item(bid, req, &BidItemPatch { document_id: Some(Some(old.id)), ..Default::default() }).unwrap();
    let newer = add(&mut f.store, "2026-11-01");
    let row = f.store.checklist(ChecklistScope::Tender(tid)).unwrap().rows.remove(0);
    assert_eq!(row.document_id, Some(old.id), "a bid keeps its linked document");
    assert_eq!(row.status, ItemStatus::TeOudBijSluiting);
    assert_eq!(row.newer_document_id, Some(newer.id));
    // Back to "newest of the type".
    f.store.set_bid_item(bid, req, &BidItemPatch { document_id: Some(None), ..Default::default() }).unwrap();
    let row = f.store.checklist(ChecklistScope::Tender(tid)).unwrap().rows.remove(0);
    assert_eq!(row.document_id, Some(newer.id));
    assert_eq!(row.status, ItemStatus::Gereed);
}

#[test]
fn cooperative_bid_splits_member_requirements() {
    let mut f = fixture();
    let a = f.store.add_provider(&provider("Aanbieder A", "11111111")).unwrap();
    let b = f.store.add_provider(&provider("Aanbieder B", "22222222")).unwrap();
    let coop = f.store.add_cooperative(&provider("Zorgcoöperatie Noord", "33333333")).unwrap();
    f.store.add_member(coop, a).unwrap();
    f.store.add_member(coop, b).unwrap();
    assert_eq!(f.store.add_member(coop, a).unwrap_err().code(), "duplicate");
    assert_eq!(f.store.add_member(a, b).unwrap_err().field(), Some("coöperatie"));
    let tid = f.store.add_tender(&tender("Specialistische jeugdhulp Groningen")).unwrap();
    f.store.add_milestone(tid, MilestoneKind::Sluiting, parse_moment("s", "2027-01-15 12:00").unwrap(), "", "").unwrap();
    let kvk = f
        .store
        .add_requirement(
            tid,
            &RequirementInput { lot_number: None, type_code: Some("kvk".into()), name: String::new(), max_age: None, note: String::new() },
        )
        .unwrap();
    let skj = f
        .store
        .add_requirement(
            tid,
            &RequirementInput { lot_number: None, type_code: Some("skj".into()), name: String::new(), max_age: None, note: String::new() },
        )
        .unwrap();
    let bid = f.store.add_bid(tid, None, coop, "").unwrap();
    f.store.set_provided_by(bid, skj, ProvidedBy::Members).unwrap();
    let list = f.store.checklist(ChecklistScope::Tender(tid)).unwrap();
    assert_eq!(list.rows.len(), 3, "KvK by the cooperative, SKJ by each of two members");
    assert!(list.rows.iter().any(|r| r.requirement_id == kvk && r.party_id == coop));
    assert_eq!(list.rows.iter().filter(|r| r.requirement_id == skj).count(), 2);
    // Provider A's own view shows only its part.
    let mine = f.store.checklist(ChecklistScope::Party(a)).unwrap();
    assert_eq!(mine.rows.len(), 1);
    assert_eq!(mine.rows[0].bidder_id, coop);
    // Only a cooperative's bid can hand requirements to members.
    let solo = f.store.add_bid(tid, None, a, "").unwrap();
    assert!(f.store.set_provided_by(solo, skj, ProvidedBy::Members).is_err());
}

#[test]
fn lots_and_templates() {
    let mut f = fixture();
    let mut input = tender("Jeugdhulp Fryslân");
    input.lots = vec!["Ambulant".into(), "Verblijf".into()];
    let tid = f.store.add_tender(&input).unwrap();
    let added = f.store.apply_template(tid, "Jeugdhulp regionaal (standaard)").unwrap();
    assert!(added >= 10);
    assert_eq!(f.store.apply_template(tid, "Jeugdhulp regionaal (standaard)").unwrap(), 0, "no duplicates");
    f.store
        .add_requirement(
            tid,
            &RequirementInput { lot_number: Some(2), type_code: None, name: "Huisvestingsplan".into(), max_age: None, note: String::new() },
        )
        .unwrap();
    assert!(f
        .store
        .add_requirement(tid, &RequirementInput { lot_number: Some(3), type_code: None, name: "X".into(), max_age: None, note: String::new() })
        .is_err());
    let pid = f.store.add_provider(&provider("A", "11111111")).unwrap();
    assert_eq!(f.store.add_bid(tid, None, pid, "").unwrap_err().field(), Some("perceel"));
    f.store.add_bid(tid, Some(1), pid, "").unwrap();
    f.store.add_bid(tid, Some(2), pid, "").unwrap();
    let rows = f.store.checklist(ChecklistScope::Tender(tid)).unwrap().rows;
    let lot1 = rows.iter().filter(|r| r.lot_number == Some(1)).count();
    let lot2 = rows.iter().filter(|r| r.lot_number == Some(2)).count();
    assert_eq!(lot2, lot1 + 1, "the lot-2 requirement applies to lot 2 only");
    let t = f.store.tender(tid).unwrap();
    assert_eq!(t.cpv, vec!["85311300"]);
    assert_eq!(t.lots.len(), 2);
}

#[test]
fn tender_max_age_overrides_catalogue() {
    let mut f = fixture();
    let pid = f.store.add_provider(&provider("A", "11111111")).unwrap();
    let tid = f.store.add_tender(&tender("Wmo Tynaarlo")).unwrap();
    f.store.add_milestone(tid, MilestoneKind::Sluiting, parse_moment("s", "2027-01-15 12:00").unwrap(), "", "").unwrap();
    f.store
        .add_requirement(
            tid,
            &RequirementInput {
                lot_number: None,
                type_code: Some("kvk".into()),
                name: String::new(),
                max_age: Some(Period::months(3)),
                note: String::new(),
            },
        )
        .unwrap();
    f.store.add_bid(tid, None, pid, "").unwrap();
    f.store
        .add_document(&DocumentInput {
            party_id: pid,
            type_code: "kvk".into(),
            file: f.file.clone(),
            original_name: None,
            issue_date: d("2026-09-01"),
            expiry_date: None,
            note: String::new(),
        })
        .unwrap();
    let row = f.store.checklist(ChecklistScope::Tender(tid)).unwrap().rows.remove(0);
    assert_eq!(row.status, ItemStatus::TeOudBijSluiting, "{}", row.reason);
    assert!(row.reason.contains("3 maanden"));
}
