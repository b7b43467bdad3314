//! Exports opened as a person would open them: the zip listed and tested by `unzip` (and the zip
//! reader), the PDF index parsed, the calendar parsed by an iCalendar parser and re-exported after
//! a date moved, the spreadsheet read back, a backup restored into an empty folder and tampered
//! backups refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use std::io::Read;
use tenderwacht_domain::{time::parse_moment, *};
use tenderwacht_export::pack::PackOptions;
use tenderwacht_export::pack_plan::{self, PackFormat};
use tenderwacht_export::{backup, calendar, digest, import, pack, request, sheet, ExportError};
use tenderwacht_store::Store;
use uuid::Uuid;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
    provider: Uuid,
    tender: Uuid,
    bid: Uuid,
    closing: Uuid,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    store.set_today(Some(d("2026-11-23")));
    let provider = store
        .add_provider(&PartyInput {
            name: "Zorgboerderij De Eik".into(),
            kvk: "12345678".into(),
            place: "Assen".into(),
            domains: vec![CareDomain::Jeugdwet],
            ..Default::default()
        })
        .unwrap();
    let tender = store
        .add_tender(&TenderInput {
            buyer: "Gemeente Súdwest-Fryslân".into(),
            region: "Friesland".into(),
            cpv: vec!["85311300-5".into()],
            status: TenderStatus::Inschrijven,
            ..TenderInput::new("Jeugdhulp Súdwest-Fryslân 2027", Procedure::LichteRegeling, TenderDomain::Jeugdwet)
        })
        .unwrap();
    let closing = store.add_milestone(tender, MilestoneKind::Sluiting, parse_moment("s", "2027-01-15 12:00").unwrap(), "", "").unwrap();
    for code in ["kvk", "vog"] {
        store
            .add_requirement(
                tender,
                &RequirementInput { lot_number: None, type_code: Some(code.into()), name: String::new(), max_age: None, note: String::new() },
            )
            .unwrap();
    }
    let bid = store.add_bid(tender, None, provider, "").unwrap();
    let kvk = dir.path().join("kvk scan.PDF");
    std::fs::write(&kvk, b"%PDF-1.4 uittreksel handelsregister").unwrap();
    store
        .add_document(&DocumentInput {
            party_id: provider,
            type_code: "kvk".into(),
            file: kvk,
            original_name: None,
            issue_date: d("2026-10-01"),
            expiry_date: None,
            note: String::new(),
        })
        .unwrap();
    Fixture { dir, store, provider, tender, bid, closing }
}

fn add_vog(f: &mut Fixture) {
    let vog = f.dir.path().join("vog.pdf");
    std::fs::write(&vog, b"%PDF-1.4 verklaring omtrent het gedrag").unwrap();
    f.store
        .add_document(&DocumentInput {
            party_id: f.provider,
            type_code: "vog".into(),
            file: vog,
            original_name: None,
            issue_date: d("2026-11-01"),
            expiry_date: None,
            note: String::new(),
        })
        .unwrap();
}

#[test]
fn pack_is_blocked_then_forced_then_complete() {
    let mut f = fixture();
    let out = f.dir.path().join("uit");
    let plan = pack_plan::plan(&f.store, f.bid, tenderwacht_export::names::DEFAULT_TEMPLATE).unwrap();
    assert_eq!(plan.blockers.len(), 1, "the VOG is missing: {:?}", plan.blockers);
    let blocked = pack::write(&plan, &out, &PackOptions::default()).unwrap_err();
    assert!(matches!(&blocked, ExportError::Blocked { blockers } if blockers[0].contains("VOG")), "{blocked}");
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().count() == 0, "nothing written when blocked");

    let forced = pack::write(&plan, &out, &PackOptions { force: true, ..Default::default() }).unwrap();
    assert_eq!(forced.blockers.len(), 1);
    let listing = std::process::Command::new("unzip").arg("-t").arg(&forced.path).output().unwrap();
    assert!(listing.status.success(), "{}", String::from_utf8_lossy(&listing.stdout));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&forced.path).unwrap()).unwrap();
    let names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().to_string()).collect();
    let root = "Jeugdhulp Súdwest-Fryslân 2027 - Zorgboerderij De Eik";
    assert!(names.contains(&format!("{root}/01 KvK-uittreksel - Zorgboerderij De Eik.pdf")), "{names:?}");
    let mut index = String::new();
    zip.by_name(&format!("{root}/00 Index.txt")).unwrap().read_to_string(&mut index).unwrap();
    assert!(index.contains("LET OP: 1 onderdelen"), "{index}");
    assert!(index.contains("!! 02. Verklaring Omtrent het Gedrag (VOG)"), "{index}");
    let kvk_sha = f.store.documents(f.provider, true).unwrap()[0].sha256.clone();
    assert!(index.contains(&format!("sha256: {kvk_sha}")));
    let mut pdf = vec![];
    zip.by_name(&format!("{root}/00 Index.pdf")).unwrap().read_to_end(&mut pdf).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    assert_eq!(doc.get_pages().len(), 1);

    // With the VOG in place the pack is complete, also as a folder.
    add_vog(&mut f);
    let plan = pack_plan::plan(&f.store, f.bid, "{nr} {requirement}.{ext}").unwrap();
    assert!(plan.blockers.is_empty(), "{:?}", plan.blockers);
    let folder = pack::write(&plan, &out, &PackOptions { format: PackFormat::Folder, ..Default::default() }).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(&folder.path).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files, ["00 Index.pdf", "00 Index.txt", "1 KvK-uittreksel.pdf", "2 Verklaring Omtrent het Gedrag (VOG).pdf"]);
    // No temporary files are left next to the exports.
    assert!(std::fs::read_dir(&out).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().starts_with(".tenderwacht-")));

    // A stored file that was damaged on disk is caught, and nothing appears under the final name.
    let sha = f.store.documents(f.provider, true).unwrap().iter().find(|d| d.type_code == "vog").unwrap().sha256.clone();
    std::fs::write(f.store.blobs().path_of(&sha), b"beschadigd").unwrap();
    let out2 = f.dir.path().join("uit2");
    let e = pack::write(&pack_plan::plan(&f.store, f.bid, "{nr}.{ext}").unwrap(), &out2, &PackOptions::default()).unwrap_err();
    assert!(e.to_string().contains("beschadigd"), "{e}");
    assert_eq!(std::fs::read_dir(&out2).map(|d| d.count()).unwrap_or(0), 0);
}

#[test]
fn request_list_names_what_is_missing_and_when() {
    let f = fixture();
    let list = request::for_party(&f.store, f.provider).unwrap();
    assert_eq!(list.items.len(), 1);
    let text = request::text(&list);
    assert!(text.starts_with("Wat we nog van je nodig hebben — Zorgboerderij De Eik"), "{text}");
    assert!(text.contains("Verklaring Omtrent het Gedrag (VOG) (ontbreekt)"), "{text}");
    assert!(text.contains("graag vóór"), "{text}");
    let pdf = request::pdf(&list);
    assert!(lopdf::Document::load_mem(&pdf).is_ok());
    assert_eq!(request::for_all(&f.store).unwrap().len(), 1);
    // Once the day it was needed by has passed, the list asks for it as soon as possible instead
    // of naming a date in the past.
    let needed_by = list.items[0].needed_by.unwrap();
    let mut f = f;
    f.store.set_today(Some(needed_by + chrono::Duration::days(1)));
    let late = request::for_party(&f.store, f.provider).unwrap();
    assert!(late.items[0].urgent);
    let text = request::text(&late);
    assert!(text.contains("— zo snel mogelijk"), "{text}");
    assert!(!text.contains("graag vóór"), "{text}");
}

#[test]
fn calendar_parses_and_a_moved_date_keeps_its_uid() {
    let mut f = fixture();
    let filter = calendar::CalendarFilter { tender: Some(f.tender), ..Default::default() };
    let first = calendar::export(&f.store, &filter).unwrap();
    let parsed: icalendar::Calendar = first.parse().unwrap();
    let events: Vec<&icalendar::Event> = parsed.components.iter().filter_map(|c| c.as_event()).collect();
    assert!(!events.is_empty());
    use icalendar::Component;
    let closing = events.iter().find(|e| e.get_summary().is_some_and(|s| s.starts_with("Sluiting"))).unwrap();
    let uid = closing.get_uid().unwrap().to_string();
    assert!(first.contains("DTSTART:20270115T110000Z"), "12:00 in winter is 11:00 UTC:\n{first}");
    assert!(first.contains("BEGIN:VALARM"));
    assert_eq!(first.matches("PRODID").count(), 1);
    assert!(first.contains("DTSTART;VALUE=DATE:20261218") && first.contains("DTEND;VALUE=DATE:20261219"), "all-day action date:\n{first}");
    f.store.move_milestone(f.closing, parse_moment("s", "2027-01-22 12:00").unwrap()).unwrap();
    let second = calendar::export(&f.store, &filter).unwrap();
    assert!(second.contains("DTSTART:20270122T110000Z"));
    assert!(second.contains(&format!("UID:{uid}")), "same event, new date");
    assert_eq!(first.matches("BEGIN:VEVENT").count(), second.matches("BEGIN:VEVENT").count());
}

#[test]
fn spreadsheet_has_a_sheet_per_tender_and_the_tender_list() {
    let f = fixture();
    let target = f.dir.path().join("checklist.xlsx");
    // It says how far it is, from the first sheet to the saving, and nothing stays beside it.
    let mut steps: Vec<(String, usize, usize)> = vec![];
    sheet::export_with(&f.store, &[], &target, &mut |label, done, total| steps.push((label.to_string(), done, total))).unwrap();
    let labels: Vec<&str> = steps.iter().map(|(l, _, _)| l.as_str()).collect();
    assert_eq!(labels.first(), Some(&"Aanbestedingen"), "{labels:?}");
    assert!(labels.iter().any(|l| l.starts_with("Checklist Jeugdhulp")), "{labels:?}");
    assert!(steps.iter().any(|(l, done, total)| l == "Aanbieders" && *done == 0 && *total >= 1), "{steps:?}");
    assert_eq!(&labels[labels.len() - 2..], ["Opslaan", "Klaar"]);
    let beside: Vec<_> =
        std::fs::read_dir(f.dir.path()).unwrap().flatten().map(|e| e.file_name()).filter(|n| n.to_string_lossy().contains(".tmp")).collect();
    assert!(beside.is_empty(), "{beside:?}");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&target).unwrap();
    let names = book.sheet_names().to_vec();
    assert_eq!(names, ["Aanbestedingen", "Jeugdhulp Súdwest-Fryslân 20", "Aanbieders"]);
    let matrix = book.worksheet_range(&names[1]).unwrap();
    assert_eq!(matrix.get_value((3, 1)).unwrap().to_string(), "Zorgboerderij De Eik");
    let statuses: Vec<String> = (4..6).map(|r| matrix.get_value((r, 1)).unwrap().to_string()).collect();
    assert_eq!(statuses, ["gereed", "ontbreekt"]);
    // The providers' facts (what forms ask), one row each.
    let facts = book.worksheet_range("Aanbieders").unwrap();
    assert_eq!(facts.get_value((0, 1)).unwrap().to_string(), "Statutaire naam");
    assert!((1..facts.height()).any(|r| matches!(facts.get_value((r as u32, 0)), Some(calamine::Data::String(s)) if s == "Zorgboerderij De Eik")));
}

#[test]
fn digest_lists_new_tenders_for_chat_and_email() {
    let mut f = fixture();
    // First seen today but not news: a 2025 tender that closed long ago, and one awarded.
    let closed = f.store.add_tender(&TenderInput::new("Wmo Assen 2025", Procedure::Openbaar, TenderDomain::Wmo)).unwrap();
    f.store.add_milestone(closed, MilestoneKind::Sluiting, parse_moment("s", "2025-03-01 12:00").unwrap(), "", "").unwrap();
    f.store
        .add_tender(&TenderInput {
            status: TenderStatus::Gegund,
            ..TenderInput::new("Jeugd Emmen 2025", Procedure::Openbaar, TenderDomain::Jeugdwet)
        })
        .unwrap();
    let dg = digest::collect(&f.store, d("2020-01-01")).unwrap();
    assert_eq!(dg.new.len(), 1);
    let chat = digest::chat_text(&dg);
    assert!(chat.contains("• Jeugdhulp Súdwest-Fryslân 2027 — Gemeente Súdwest-Fryslân (Friesland)"), "{chat}");
    assert!(digest::email_text(&dg).starts_with("Onderwerp: Tenderwacht — 1 nieuwe en 0 gewijzigde"));
    let later = digest::collect(&f.store, d("2999-01-01")).unwrap();
    assert!(digest::chat_text(&later).contains("Geen nieuwe of gewijzigde"));
}

#[test]
fn backup_restores_into_an_empty_folder_and_tampering_is_refused() {
    let f = fixture();
    let target = f.dir.path().join("backups").join("tenderwacht-test.zip");
    let info = backup::create(&f.store, &target).unwrap();
    assert!(info.size > 0);
    let fresh = f.dir.path().join("hersteld");
    let report = backup::restore(&target, &fresh).unwrap();
    assert_eq!(report.files, 1);
    let restored = Store::open(&fresh).unwrap();
    assert_eq!(restored.parties(None).unwrap().len(), 1);
    let doc = &restored.documents(f.provider, true).unwrap()[0];
    assert!(restored.blobs().verify(&doc.sha256).unwrap(), "document file restored intact");
    drop(restored);

    // A backup whose document file was altered is refused before anything is replaced.
    let tampered = f.dir.path().join("tampered.zip");
    rewrite_zip(&target, &tampered, |name, data| if name.starts_with("files/") { b"ander bestand".to_vec() } else { data });
    let before = std::fs::read(fresh.join("tenderwacht.sqlite")).unwrap();
    let e = backup::restore(&tampered, &fresh).unwrap_err();
    assert!(e.to_string().contains("hash"), "{e}");
    assert_eq!(std::fs::read(fresh.join("tenderwacht.sqlite")).unwrap(), before, "database untouched");

    // An entry trying to escape the folder is refused (beside a real manifest).
    let evil = f.dir.path().join("evil.zip");
    {
        let mut manifest = String::new();
        zip::ZipArchive::new(std::fs::File::open(&target).unwrap()).unwrap().by_name("manifest.json").unwrap().read_to_string(&mut manifest).unwrap();
        let mut w = zip::ZipWriter::new(std::fs::File::create(&evil).unwrap());
        w.start_file("manifest.json", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut w, manifest.as_bytes()).unwrap();
        w.start_file("../../buiten.txt", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut w, b"x").unwrap();
        w.finish().unwrap();
    }
    let e = backup::restore(&evil, &fresh).unwrap_err();
    assert!(e.to_string().contains("onverwacht"), "{e}");
    assert!(!f.dir.path().join("buiten.txt").exists());

    // The daily backup is made once per day and old ones are pruned.
    let made = backup::daily(&f.store, d("2026-11-23"), 2).unwrap();
    assert!(made.is_some());
    assert!(backup::daily(&f.store, d("2026-11-23"), 2).unwrap().is_none(), "one per day");
    backup::daily(&f.store, d("2026-11-24"), 2).unwrap();
    backup::daily(&f.store, d("2026-11-25"), 2).unwrap();
    let names: Vec<String> = backup::list(f.store.data_dir()).unwrap().into_iter().map(|b| b.name).collect();
    assert_eq!(names, ["tenderwacht-2026-11-25.zip", "tenderwacht-2026-11-24.zip"]);
    // One made by hand later that day comes first; one from the day before after the daily one.
    for name in ["tenderwacht-2026-11-25-093000.zip", "tenderwacht-2026-11-24-230000.zip"] {
        std::fs::write(f.store.data_dir().join("backups").join(name), b"").unwrap();
    }
    let names: Vec<String> = backup::list(f.store.data_dir()).unwrap().into_iter().map(|b| b.name).collect();
    assert_eq!(
        names,
        ["tenderwacht-2026-11-25-093000.zip", "tenderwacht-2026-11-25.zip", "tenderwacht-2026-11-24-230000.zip", "tenderwacht-2026-11-24.zip"]
    );
}

fn rewrite_zip(from: &std::path::Path, to: &std::path::Path, change: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut src = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let name = e.name().to_string();
        let mut data = vec![];
        e.read_to_end(&mut data).unwrap();
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut w, &change(&name, data)).unwrap();
    }
    w.finish().unwrap();
}

#[test]
fn providers_from_xlsx_are_previewed_with_row_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aanbieders.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    for (c, h) in ["Naam", "KvK", "Plaats", "Domeinen"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "De Eik").unwrap();
    s.write_number(1, 1, 12345678.0).unwrap();
    s.write_string(1, 3, "jeugdwet; wmo").unwrap();
    s.write_string(2, 0, "Zonder KvK").unwrap();
    book.save(&path).unwrap();
    let preview = import::providers_file(&path).unwrap();
    assert_eq!(preview.rows.len(), 1);
    assert_eq!(preview.rows[0].1.kvk, "12345678", "a KvK typed as a number");
    assert_eq!(preview.errors.len(), 1);
    assert_eq!(preview.errors[0].line, 3);
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    assert!(store.import_providers(&preview, false).is_err(), "nothing while a row is wrong");
    assert_eq!(store.import_providers(&preview, true).unwrap().len(), 1, "skipping explicitly");
}

#[test]
fn documents_from_a_folder_tree_are_previewed_then_committed() {
    let mut f = fixture();
    let root = f.dir.path().join("map");
    std::fs::create_dir_all(root.join("Zorgboerderij De Eik")).unwrap();
    std::fs::create_dir_all(root.join("Onbekend")).unwrap();
    std::fs::write(root.join("Zorgboerderij De Eik").join("VOG 2026-11-10.pdf"), b"%PDF vog").unwrap();
    std::fs::write(root.join("Zorgboerderij De Eik").join("notities.txt"), b"x").unwrap();
    std::fs::write(root.join("Onbekend").join("kvk.pdf"), b"%PDF kvk").unwrap();
    let preview = import::preview_folder(&f.store, &root).unwrap();
    assert_eq!(preview.len(), 3);
    let vog = preview.iter().find(|c| c.file_name.starts_with("VOG")).unwrap();
    assert_eq!((vog.type_code.as_deref(), vog.issue_date, vog.error.as_deref()), (Some("vog"), Some(d("2026-11-10")), None));
    assert_eq!(preview.iter().filter(|c| c.error.is_some()).count(), 2);
    assert!(import::commit_folder(&mut f.store, &preview, false).is_err());
    assert_eq!(import::commit_folder(&mut f.store, &preview, true).unwrap(), 1);
    assert!(pack_plan::plan(&f.store, f.bid, "{nr}.{ext}").unwrap().blockers.is_empty(), "the VOG now fills the checklist");
}

/// Regression (found by fuzzing): a workbook whose cell points into an empty shared-strings table
/// made calamine panic; it is now reported as a damaged file.
#[test]
fn damaged_xlsx_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("goed.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "Naam").unwrap();
    s.write_string(0, 1, "KvK").unwrap();
    book.save(&good).unwrap();
    let bad = dir.path().join("kapot.xlsx");
    rewrite_zip(&good, &bad, |name, data| {
        if name == "xl/sharedStrings.xml" {
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>"#.to_vec()
        } else {
            data
        }
    });
    let e = import::providers_xlsx(&bad).unwrap_err();
    assert!(e.to_string().contains("beschadigd"), "{e}");
}

#[test]
fn one_odd_record_never_fails_the_workbook() {
    let mut f = fixture();
    // An apostrophe as the 28th character (a sheet name may not end in one once cut), and a
    // buyer's name longer than a cell holds.
    let title = format!("{}'s-Hertogenbosch", "Jeugdhulp en Wmo regio van ");
    assert_eq!(title.chars().nth(27), Some('\''));
    let t = f
        .store
        .add_tender(&TenderInput { buyer: "Gemeente ".repeat(5_000), ..TenderInput::new(&title, Procedure::Openbaar, TenderDomain::Wmo) })
        .unwrap();
    f.store.add_bid(t, None, f.provider, "").unwrap();
    let target = f.dir.path().join("raar.xlsx");
    sheet::export(&f.store, &[], &target).unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&target).unwrap();
    let names = book.sheet_names();
    assert!(names.iter().any(|n| n.starts_with("Jeugdhulp en Wmo regio van") && !n.ends_with('\'')), "{names:?}");
    let list = book.worksheet_range("Aanbestedingen").unwrap();
    let buyer =
        (1..list.height() as u32).filter_map(|r| list.get_value((r, 1))).map(|v| v.to_string()).find(|v| v.starts_with("Gemeente Gemeente")).unwrap();
    assert!(buyer.chars().count() <= 32_767 && buyer.ends_with("(ingekort: de volledige tekst staat in Tenderwacht)"));
}
