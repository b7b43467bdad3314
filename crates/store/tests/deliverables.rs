//! Deliverable files through a real data folder: versions and the final one, what the checklist
//! makes of them, a cooperative member's own cell, the working copy of the buyer's template picked
//! up as the next version, and the buyer's upload rules.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use tenderwacht_domain::{checklist::ItemStatus, *};
use tenderwacht_store::ChecklistScope;

fn deliverable(name: &str) -> RequirementInput {
    RequirementInput { lot_number: None, type_code: None, name: name.into(), max_age: None, note: String::new() }
}

fn status(s: &tenderwacht_store::Store, tender: uuid::Uuid, party: uuid::Uuid, name: &str) -> (ItemStatus, String, Option<u32>) {
    let list = s.checklist(ChecklistScope::Tender(tender)).unwrap();
    let r = list.rows.iter().find(|r| r.requirement_name == name && r.party_id == party).unwrap();
    (r.status, r.reason.clone(), r.file_version)
}

#[test]
fn a_deliverable_is_gereed_only_with_a_final_version() {
    let mut f = fixture();
    let dir = f._dir.path().to_path_buf();
    let s = &mut f.store;
    let p = s.add_provider(&provider("Zorgboerderij De Eik", "12345678")).unwrap();
    let t = s.add_tender(&tender("Jeugdhulp Drenthe 2027")).unwrap();
    let sheet = s.add_requirement(t, &deliverable("Prijzenblad")).unwrap();
    let kvk = s.add_requirement(t, &RequirementInput { type_code: Some("kvk".into()), ..deliverable("") }).unwrap();
    let bid = s.add_bid(t, None, p, "").unwrap();
    assert_eq!(status(s, t, p, "Prijzenblad").0, ItemStatus::Open);
    assert!(s.deliverable_cell(bid, kvk, None).unwrap_err().to_string().contains("Documenten"), "a catalogue document is not a deliverable");

    let cell = s.deliverable_cell(bid, sheet, None).unwrap();
    let v1 = dir.join("prijzenblad v1.xlsx");
    std::fs::write(&v1, b"PK\x03\x04 concept").unwrap();
    let first = s.attach_deliverable_file(cell, &v1, None, false).unwrap();
    assert_eq!((first.version, first.is_final, first.original_name.as_str()), (1, false, "prijzenblad v1.xlsx"));
    let (st, reason, version) = status(s, t, p, "Prijzenblad");
    assert_eq!((st, reason.as_str(), version), (ItemStatus::Bezig, "versie 1 is een concept; markeer de definitieve versie", Some(1)));

    let v2 = dir.join("prijzenblad v2.xlsx");
    std::fs::write(&v2, b"PK\x03\x04 definitief").unwrap();
    let second = s.attach_deliverable_file(cell, &v2, Some("Prijzenblad De Eik.xlsx"), true).unwrap();
    assert_eq!((second.version, second.is_final), (2, true));
    assert_eq!(status(s, t, p, "Prijzenblad").0, ItemStatus::Gereed);

    // Marking version 1 final takes the mark from version 2; taking it away leaves a concept.
    s.set_deliverable_final(first.id, true).unwrap();
    let files = s.deliverable_files(bid).unwrap();
    assert_eq!(files.iter().map(|f| (f.version, f.is_final)).collect::<Vec<_>>(), vec![(1, true), (2, false)]);
    assert_eq!(status(s, t, p, "Prijzenblad").1, "definitieve versie 1 (prijzenblad v1.xlsx)");
    s.set_deliverable_final(first.id, false).unwrap();
    assert_eq!(status(s, t, p, "Prijzenblad").0, ItemStatus::Bezig);

    // An empty file is refused and nothing is stored.
    let empty = dir.join("leeg.xlsx");
    std::fs::write(&empty, b"").unwrap();
    assert!(s.attach_deliverable_file(cell, &empty, None, true).is_err());
    assert_eq!(s.deliverable_files(bid).unwrap().len(), 2);
    // N.v.t. wins over files.
    s.set_bid_item(bid, sheet, &BidItemPatch { not_applicable: Some(true), ..Default::default() }).unwrap();
    assert_eq!(status(s, t, p, "Prijzenblad").0, ItemStatus::Nvt);
}

#[test]
fn members_of_a_cooperative_each_hand_in_their_own_file() {
    let mut f = fixture();
    let file = f.file.clone();
    let s = &mut f.store;
    let coop = s.add_cooperative(&provider("Coöperatie Zorg Noord", "90000001")).unwrap();
    let a = s.add_provider(&provider("De Eik", "12345678")).unwrap();
    let b = s.add_provider(&provider("De Linde", "23456789")).unwrap();
    s.add_member(coop, a).unwrap();
    s.add_member(coop, b).unwrap();
    let t = s.add_tender(&tender("Wmo Assen")).unwrap();
    let plan = s.add_requirement(t, &deliverable("Plan van aanpak")).unwrap();
    let bid = s.add_bid(t, None, coop, "").unwrap();
    s.set_provided_by(bid, plan, ProvidedBy::Members).unwrap();
    let cell = s.deliverable_cell(bid, plan, Some(a)).unwrap();
    s.attach_deliverable_file(cell, &file, Some("plan De Eik.pdf"), true).unwrap();
    assert_eq!(status(s, t, a, "Plan van aanpak").0, ItemStatus::Gereed);
    assert_eq!(status(s, t, b, "Plan van aanpak").0, ItemStatus::Open);
    let stranger = s.add_provider(&provider("De Wilg", "34567890")).unwrap();
    assert!(s.deliverable_cell(bid, plan, Some(stranger)).is_err());
}

#[test]
fn a_save_in_the_working_copy_becomes_the_next_version() {
    let mut f = fixture();
    let dir = f._dir.path().to_path_buf();
    let s = &mut f.store;
    let p = s.add_provider(&provider("Zorgboerderij De Eik", "12345678")).unwrap();
    let t = s.add_tender(&tender("Jeugdhulp Drenthe 2027")).unwrap();
    let sheet = s.add_requirement(t, &deliverable("Prijzenblad")).unwrap();
    let bid = s.add_bid(t, None, p, "").unwrap();
    let cell = s.deliverable_cell(bid, sheet, None).unwrap();
    assert!(s.open_working_copy(cell).unwrap_err().to_string().contains("geen sjabloon"));

    // The buyer's Prijzenblad, as a sync stores a portal document.
    let doc = uuid::Uuid::now_v7();
    s.connection()
        .execute(
            "INSERT INTO tender_document (id, tender_id, source_kind, external_id, category, title, url, created_at)
             VALUES (?1, ?2, 'tenderned', 'd-1', 'aanbestedingsstuk', 'Bijlage 3 Prijzenblad', 'https://example.org/download?id=3', '2026-11-20T10:00:00Z')",
            rusqlite::params![doc.to_string(), t.to_string()],
        )
        .unwrap();
    s.set_requirement_template(sheet, Some(doc)).unwrap();
    assert!(s.open_working_copy(cell).unwrap_err().to_string().contains("nog niet gedownload"));
    let template = dir.join("template.bin");
    std::fs::write(&template, b"PK\x03\x04\x14\x00\x00\x00xl/workbook.xml leeg prijzenblad").unwrap();
    s.attach_tender_document(doc, &template).unwrap();
    assert_eq!(s.requirements(t).unwrap().iter().find(|r| r.id == sheet).unwrap().template_title.as_deref(), Some("Bijlage 3 Prijzenblad"));

    let copy = s.open_working_copy(cell).unwrap();
    assert!(copy.starts_with(s.data_dir().join("werkkopieën")), "{}", copy.display());
    assert_eq!(copy.file_name().unwrap(), "Bijlage 3 Prijzenblad.xlsx", "the kind told by the content");
    assert_eq!(s.open_working_copy(cell).unwrap(), copy, "the same copy the next time");
    assert!(s.collect_working_copies().unwrap().is_empty(), "an unchanged copy is no version");

    std::fs::write(&copy, b"PK\x03\x04\x14\x00\x00\x00xl/workbook.xml ingevuld door De Eik").unwrap();
    let added = s.collect_working_copies().unwrap();
    assert_eq!(added.len(), 1);
    assert_eq!((added[0].version, added[0].is_final, added[0].origin), (1, false, FileOrigin::WorkingCopy));
    assert!(s.collect_working_copies().unwrap().is_empty(), "seen once");
    std::fs::write(&copy, b"PK\x03\x04\x14\x00\x00\x00xl/workbook.xml tweede versie").unwrap();
    assert_eq!(s.collect_working_copies().unwrap()[0].version, 2);
    // A copy Excel holds open without sharing (Windows) waits for the next look, and is
    // collected once Excel lets go.
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        std::fs::write(&copy, b"PK\x03\x04\x14\x00\x00\x00xl/workbook.xml derde versie").unwrap();
        let excel = std::fs::OpenOptions::new().read(true).write(true).share_mode(0).open(&copy).unwrap();
        assert!(s.collect_working_copies().unwrap().is_empty(), "locked: waits");
        drop(excel);
        assert_eq!(s.collect_working_copies().unwrap()[0].version, 3);
    }
    // A copy being written (zero bytes) waits for the next look.
    std::fs::write(&copy, b"").unwrap();
    assert!(s.collect_working_copies().unwrap().is_empty());
    assert_eq!(status(s, t, p, "Prijzenblad").0, ItemStatus::Bezig);
}

#[test]
fn upload_rules_are_kept_per_tender() {
    let mut f = fixture();
    let s = &mut f.store;
    let t = s.add_tender(&tender("Jeugdhulp Drenthe 2027")).unwrap();
    assert!(s.upload_rules(t).unwrap().is_empty());
    let rules = UploadRules {
        extensions: vec![".PDF".into(), "xlsx".into()],
        max_file_bytes: Some(10_000_000),
        max_upload_bytes: Some(50_000_000),
        name_template: " {nr:02} {type}.{ext} ".into(),
        packaging: Packaging::Loose,
    };
    let saved = s.set_upload_rules(t, rules).unwrap();
    assert_eq!(saved.extensions, vec!["pdf", "xlsx"]);
    assert_eq!(s.upload_rules(t).unwrap(), saved);
    assert_eq!(saved.name_template, "{nr:02} {type}.{ext}");
    let wrong = UploadRules { max_file_bytes: Some(60_000_000), ..saved.clone() };
    assert!(s.set_upload_rules(t, wrong).is_err());
    assert_eq!(s.upload_rules(t).unwrap(), saved, "a refused edit changes nothing");
    s.set_upload_rules(t, UploadRules::default()).unwrap();
    assert!(s.upload_rules(t).unwrap().is_empty());
}
