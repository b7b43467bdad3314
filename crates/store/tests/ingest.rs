//! Ingesting publications: one tender per procedure across portals, change events when a later
//! publication moves a date, raw payloads kept, hostile text stored as plain text, absurd input
//! refused without touching what is stored.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use tenderwacht_domain::{
    publication::{DocumentCategory, KeyKind, Notice, NoticeKind, PortalDocument, SourceKind},
    regions::Regions,
    time::parse_moment,
    MilestoneKind, Procedure, TenderStatus,
};
use tenderwacht_store::{IngestStatus, Store};

fn at(s: &str) -> DateTime<Utc> {
    parse_moment("t", s).unwrap()
}

fn notice(id: &str, closing: &str) -> Notice {
    let mut n = Notice::new(SourceKind::Tenderned, id, format!("{{\"publicatieId\":\"{id}\",\"c\":\"{closing}\"}}").into_bytes(), "json");
    n.title = "Jeugdhulp Súdwest-Fryslân 2027".into();
    n.buyer = "Gemeente Súdwest-Fryslân".into();
    n.published_at = Some(at("2026-11-02 09:00"));
    n.closing = Some(at(closing));
    n.cpv = vec!["85311300-5".into()];
    n.procedure = Procedure::LichteRegeling;
    n.keys = vec![(KeyKind::Kenmerk, "400123".into())];
    n.url = Some("https://www.tenderned.nl/aankondigingen/overzicht/400123".into());
    n
}

fn open() -> (tempfile::TempDir, Store, Regions) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store, Regions::default_regions().unwrap())
}

#[test]
fn a_publication_becomes_a_tender_once() {
    let (_d, mut store, regions) = open();
    let first = store.ingest(None, &notice("1001", "2027-01-15 12:00"), &regions).unwrap();
    assert_eq!(first.status, IngestStatus::New);
    let again = store.ingest(None, &notice("1001", "2027-01-15 12:00"), &regions).unwrap();
    assert_eq!(again.status, IngestStatus::Unchanged);
    assert_eq!(again.tender_id, first.tender_id);
    let t = store.tender(first.tender_id).unwrap();
    assert_eq!(t.region, "Friesland");
    assert_eq!(t.municipalities, vec!["Súdwest-Fryslân"]);
    assert_eq!(t.cpv, vec!["85311300"]);
    assert_eq!(t.status, TenderStatus::Nieuw);
    assert_eq!(t.closing, Some(at("2027-01-15 12:00")));
    let payloads = store.publication_payloads(first.tender_id).unwrap();
    assert_eq!(payloads.len(), 1);
    assert!(String::from_utf8(payloads[0].1.clone()).unwrap().contains("1001"), "raw payload kept and readable");
    assert_eq!(store.tenders(&Default::default()).unwrap().len(), 1);
}

#[test]
fn a_moved_deadline_becomes_a_change_and_the_checklist_follows() {
    let (_d, mut store, regions) = open();
    let t = store.ingest(None, &notice("1001", "2027-01-15 12:00"), &regions).unwrap().tender_id;
    // A rectification with a later closing and a Nota van Inlichtingen.
    let mut change = notice("1002", "2027-02-02 12:00");
    change.kind = NoticeKind::Change;
    change.documents = vec![PortalDocument {
        external_id: "d1".into(),
        category: DocumentCategory::NotaVanInlichtingen,
        title: "Nota van Inlichtingen 1".into(),
        url: "https://www.tenderned.nl/documenten/d1".into(),
        published_at: Some(at("2026-12-01 10:00")),
    }];
    let out = store.ingest(None, &change, &regions).unwrap();
    assert_eq!(out.status, IngestStatus::Updated);
    assert_eq!(out.tender_id, t, "same kenmerk, same tender");
    assert_eq!(out.changes.len(), 2, "{:?}", out.changes);
    assert!(out.changes[0].contains("vr 15 jan 2027, 12:00 -> di 2 feb 2027, 12:00"), "{:?}", out.changes);
    let tender = store.tender(t).unwrap();
    assert_eq!(tender.closing, Some(at("2027-02-02 12:00")));
    assert_eq!(store.milestones(t).unwrap().iter().filter(|m| m.kind == MilestoneKind::Sluiting).count(), 1);
    let events = store.changes(t).unwrap();
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| !e.seen));
    let changed: Vec<(uuid::Uuid, u32)> = store.changed_tender_list().unwrap().iter().map(|c| (c.tender_id, c.changes)).collect();
    assert_eq!(changed, vec![(t, 2)]);
    assert_eq!(store.mark_changes_seen(t).unwrap(), 2);
    assert!(store.changed_tender_list().unwrap().is_empty());
    assert_eq!(store.tender_documents(t).unwrap()[0].category, DocumentCategory::NotaVanInlichtingen);
    // The same rectification again changes nothing.
    assert_eq!(store.ingest(None, &change, &regions).unwrap().status, IngestStatus::Unchanged);
    // A cancellation ends the procedure.
    let mut cancel = notice("1003", "2027-02-02 12:00");
    cancel.kind = NoticeKind::Cancellation;
    let out = store.ingest(None, &cancel, &regions).unwrap();
    assert!(out.changes.iter().any(|c| c.contains("ingetrokken")));
    assert_eq!(store.tender(t).unwrap().status, TenderStatus::Vervallen);
}

#[test]
fn the_same_tender_on_two_portals_is_one_tender() {
    let (_d, mut store, regions) = open();
    let tn = store.ingest(None, &notice("1001", "2027-01-15 12:00"), &regions).unwrap();
    // TED publishes the same procedure: no kenmerk, different spelling, same title/buyer/closing.
    let mut ted = Notice::new(SourceKind::Ted, "654321-2026", b"<ContractNotice/>".to_vec(), "xml");
    ted.title = "JEUGDHULP SUDWEST FRYSLAN 2027".into();
    ted.buyer = "gemeente Sudwest Fryslan".into();
    ted.closing = Some(at("2027-01-15 12:00"));
    ted.nuts = vec!["NL128".into(), "DE123".into()];
    ted.keys = vec![(KeyKind::TedPublication, "654321-2026".into()), (KeyKind::ContractFolder, "cf-1".into())];
    let out = store.ingest(None, &ted, &regions).unwrap();
    assert_eq!(out.tender_id, tn.tender_id);
    assert_eq!(store.tenders(&Default::default()).unwrap().len(), 1);
    assert_eq!(store.tender(tn.tender_id).unwrap().nuts, vec!["NL128"], "foreign NUTS dropped");
    // A TED change notice with only the ContractFolderID lands on the same tender.
    let mut ted2 = Notice::new(SourceKind::Ted, "700001-2026", b"<ContractNotice v2/>".to_vec(), "xml");
    ted2.title = "Jeugdhulp (gewijzigd)".into();
    ted2.kind = NoticeKind::Change;
    ted2.closing = Some(at("2027-01-22 12:00"));
    ted2.keys = vec![(KeyKind::ContractFolder, "cf-1".into())];
    let out = store.ingest(None, &ted2, &regions).unwrap();
    assert_eq!(out.tender_id, tn.tender_id);
    assert_eq!(out.status, IngestStatus::Updated);
    assert_eq!(store.publication_payloads(tn.tender_id).unwrap().len(), 3);
}

#[test]
fn hostile_and_absurd_input() {
    let (_d, mut store, regions) = open();
    let mut n = notice("2001", "2027-01-15 12:00");
    n.title = "<script>alert('x')</script><b>Wmo</b> begeleiding &amp; dagbesteding\u{202e}".into();
    n.cpv = vec!["85311300".into(), "NOTACPV".into()];
    n.questions_deadline = Some(DateTime::<Utc>::UNIX_EPOCH);
    n.url = Some("javascript:alert(1)".into());
    let out = store.ingest(None, &n, &regions).unwrap();
    let t = store.tender(out.tender_id).unwrap();
    assert_eq!(t.title, "alert('x') Wmo begeleiding & dagbesteding");
    assert_eq!(t.cpv, vec!["85311300"]);
    assert!(t.links.is_empty());
    assert_eq!(out.warnings.len(), 3, "{:?}", out.warnings);
    // A closing in 2049 keeps the publication (a real care tender must not disappear): the
    // closing stays empty, the report says why and the tender shows a marker.
    let mut far = notice("2002", "2049-01-15 12:00");
    far.title = "Open House Wmo begeleiding Leeuwarden".into();
    far.keys = vec![(KeyKind::Kenmerk, "400126".into())];
    let out = store.ingest(None, &far, &regions).unwrap();
    let detail = store.tender_detail(out.tender_id).unwrap();
    assert_eq!(detail.tender.closing, None);
    assert_eq!(detail.flags, vec!["sluitingsdatum onwaarschijnlijk: vr 15 jan 2049, 12:00".to_string()]);
    assert!(out.warnings.iter().any(|w| w.contains("2049")), "{:?}", out.warnings);
    // A missing title is refused; nothing is written.
    let before = store.tenders(&Default::default()).unwrap().len();
    let mut untitled = notice("2003", "2027-01-15 12:00");
    untitled.title = "<p> </p>".into();
    assert_eq!(store.ingest(None, &untitled, &regions).unwrap_err().field(), Some("titel"));
    assert_eq!(store.tenders(&Default::default()).unwrap().len(), before);
}

#[test]
fn search_folds_diacritics() {
    let (_d, mut store, regions) = open();
    store.ingest(None, &notice("1001", "2027-01-15 12:00"), &regions).unwrap();
    let mut other = notice("3001", "2027-03-01 12:00");
    other.title = "Wmo Huishoudelijke Ondersteuning Leeuwarden".into();
    other.buyer = "Gemeente Leeuwarden".into();
    other.keys = vec![];
    store.ingest(None, &other, &regions).unwrap();
    assert_eq!(store.search_tenders("sudwest", 10).unwrap().len(), 1);
    assert_eq!(store.search_tenders("SÚDWEST fryslân", 10).unwrap().len(), 1);
    assert_eq!(store.search_tenders("huishoud", 10).unwrap()[0].buyer, "Gemeente Leeuwarden");
    assert!(store.search_tenders("\" OR * NEAR(", 10).is_ok(), "odd syntax never errors");
    assert!(store.search_tenders("kantoorpapier", 10).unwrap().is_empty());
    // Edits reach the index.
    let t = store.search_tenders("leeuwarden", 10).unwrap()[0].id;
    store.edit_tender(t, &tenderwacht_domain::TenderPatch { title: Some("Wmo Heerenveen".into()), ..Default::default() }).unwrap();
    assert!(store.search_tenders("huishoudelijke", 10).unwrap().is_empty());
    assert_eq!(store.search_tenders("heerenveen", 10).unwrap().len(), 1);
}

#[test]
fn an_older_publication_does_not_move_dates_back() {
    let (_d, mut store, regions) = open();
    let first = store.ingest(None, &notice("1001", "2027-01-15 12:00"), &regions).unwrap();
    let mut newer = notice("1002", "2027-01-29 12:00");
    newer.kind = NoticeKind::Change;
    newer.published_at = Some(at("2026-11-20 09:00"));
    store.ingest(None, &newer, &regions).unwrap();
    // A portal that lags behind delivers an older copy with the old date afterwards.
    let mut late = notice("1000", "2027-01-15 12:00");
    late.published_at = Some(at("2026-11-01 09:00"));
    late.questions_deadline = Some(at("2026-12-04 12:00"));
    let out = store.ingest(None, &late, &regions).unwrap();
    assert_eq!(out.tender_id, first.tender_id);
    let t = store.tender(first.tender_id).unwrap();
    assert_eq!(t.closing, Some(at("2027-01-29 12:00")), "the newer date stays");
    assert!(store.milestones(t.id).unwrap().iter().any(|m| m.kind == MilestoneKind::VragenDeadline), "missing dates are still added");
}
