//! The CLI end to end after the tender: from the buyer's documents to a pack with the final
//! deliverable, and contracts from a won tender with their products, documents and obligations.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{status_of, Cli};
use serde_json::Value;

/// A won tender becomes a contract; extended once (then no more), its obligations judged today,
/// its end on the agenda, and listed as an expected re-tender; wrong input names the field.
#[test]
fn contracts_from_a_won_tender() {
    let cli = Cli::new();
    cli.ok(&["provider", "add", "--name", "Zorgboerderij De Eik", "--kvk", "12345678"]);
    cli.ok(&[
        "tender",
        "add",
        "--title",
        "Jeugdhulp Assen",
        "--buyer",
        "Gemeente Assen",
        "--procedure",
        "open_house",
        "--domain",
        "jeugdwet",
        "--status",
        "gegund",
    ]);
    let c = cli.json(&[
        "contract",
        "add",
        "--tender",
        "Jeugdhulp Assen",
        "--party",
        "De Eik",
        "--start",
        "2026-01-01",
        "--end",
        "2026-12-31",
        "--extensions",
        "1",
        "--extension-length",
        "2m",
        "--notice",
        "1m",
        "--municipality",
        "Assen",
    ]);
    assert_eq!((c["title"].as_str(), c["buyer"].as_str(), c["domain"].as_str()), (Some("Jeugdhulp Assen"), Some("Gemeente Assen"), Some("jeugdwet")));
    cli.ok(&["contract", "obligation", "add", "Jeugdhulp Assen", "--type", "avb", "--yearly-before", "04-01"]);
    let shown = cli.json(&["contract", "show", "Jeugdhulp Assen"]);
    assert_eq!(shown["obligations"][0]["judged"]["status"].as_str(), Some("ontbreekt"), "{shown}");
    // The missing insurance is on the provider's request list, though it has no open bid.
    let out = cli.dir.path().join("verzoeken");
    let out_s = out.to_str().unwrap().to_string();
    cli.ok(&["export", "requests", "--out", &out_s]);
    let text = std::fs::read_to_string(out.join("Nog nodig - Zorgboerderij De Eik.txt")).unwrap();
    assert!(text.contains("Contract Jeugdhulp Assen") && text.contains("Bedrijfsaansprakelijkheidsverzekering"), "{text}");
    let agenda = cli.ok(&["agenda", "--days", "60"]);
    assert!(agenda.contains("contract Jeugdhulp Assen loopt af") && agenda.contains("uiterlijk opzeggen"), "{agenda}");
    let extended = cli.json(&["contract", "extend", "Jeugdhulp Assen"]);
    assert_eq!(extended["end"].as_str(), Some("2027-02-28"), "31 Dec + 2 months, clamped");
    // The calendar holds the contract's end and its notice deadline, however short its window.
    let ics = cli.dir.path().join("agenda.ics");
    cli.ok(&["export", "ics", "--days", "7", "--out", ics.to_str().unwrap()]);
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:20270228") && text.contains("SUMMARY:Contract Jeugdhulp Assen loopt af"), "{text}");
    assert!(text.contains("SUMMARY:Uiterlijk opzeggen of verlengen: Jeugdhulp Assen"), "{text}");
    assert!(cli.fails(&["contract", "extend", "Jeugdhulp Assen"]).contains("verlengingsopties"));
    let expected = cli.json(&["contract", "retenders", "--within", "6m"]);
    assert_eq!(expected[0]["holders"][0].as_str(), Some("Zorgboerderij De Eik"));
    assert!(cli
        .fails(&["contract", "add", "--party", "De Eik", "--buyer", "X", "--domain", "wmo", "--start", "2026-05-01", "--end", "2026-01-01"])
        .contains("Einddatum"));
    assert!(cli.fails(&["contract", "obligation", "add", "Jeugdhulp Assen", "--type", "vog", "--yearly-before", "02-30"]).contains("bestaat niet"));
    let list = cli.json(&["contract", "list", "--ending-within", "6m"]);
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    // The provider's facts, and its one-page fact sheet.
    let pdf = cli.dir.path().join("feitenblad.pdf");
    let facts =
        cli.json(&["provider", "facts", "De Eik", "--legal-name", "De Eik B.V.", "--signatory", "Anne de Vries", "--pdf", pdf.to_str().unwrap()]);
    assert_eq!(facts["facts"]["legal_name"].as_str(), Some("De Eik B.V."));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(cli.fails(&["provider", "facts", "De Eik", "--vestiging", "12"]).contains("Vestigingsnummer"));
}

#[test]
fn from_the_buyers_documents_to_a_pack_with_the_final_deliverable() {
    let cli = Cli::new();
    cli.ok(&["provider", "add", "--name", "Zorgboerderij De Eik", "--kvk", "12345678"]);
    let kvk = cli.file("KvK De Eik.pdf", b"%PDF-1.4 uittreksel");
    cli.ok(&["document", "add", "--party", "12345678", "--type", "kvk", "--file", &kvk, "--issued", "2026-11-01"]);
    cli.ok(&["tender", "add", "--title", "Wmo Tynaarlo 2027", "--status", "inschrijven", "--closing", "2027-01-15 12:00"]);
    let bid = cli.json(&["bid", "add", "Wmo Tynaarlo", "--party", "De Eik"]);
    let bid_id = bid["id"].as_str().unwrap().to_string();

    // The leidraad as plain text (the PDF and DOCX readers are tested in tests/tests/reading.rs).
    let leidraad = cli.file(
        "leidraad.txt",
        "Inschrijver voegt een uittreksel uit het Handelsregister bij dat niet ouder is dan drie maanden.\n\
         Bijlage 3: Prijzenblad, in te vullen en te uploaden.\n\
         Een Gedragsverklaring Aanbesteden wordt niet gevraagd voor deze opdracht.\n\
         Een VOG is vereist"
            .as_bytes(),
    );
    let out = cli.json(&["requirement", "propose", "Wmo Tynaarlo", "--file", &leidraad]);
    let added = out["report"]["added"].as_array().unwrap();
    let summary: Vec<(String, String, String)> = added
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap().into(),
                p["type_code"].as_str().unwrap_or(p["name"].as_str().unwrap()).into(),
                p["file_name"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("document".into(), "kvk".into(), "leidraad.txt".into()),
            ("deliverable".into(), "Prijzenblad".into(), "leidraad.txt".into()),
            ("document".into(), "vog".into(), "leidraad.txt".into()),
        ]
    );
    assert_eq!(added[0]["max_age"], serde_json::json!({ "amount": 3, "unit": "months" }));
    assert!(cli.json(&["requirement", "list", "Wmo Tynaarlo"]).as_array().unwrap().is_empty(), "nothing without an answer");
    let id = |p: &Value| p["id"].as_str().unwrap()[..8].to_string();
    cli.ok(&["requirement", "accept", &id(&added[0])]);
    cli.ok(&["requirement", "accept", &id(&added[1])]);
    cli.ok(&["requirement", "reject", &id(&added[2])]);
    assert_eq!(cli.json(&["requirement", "proposals", "Wmo Tynaarlo"]).as_array().unwrap().len(), 0);
    let human = cli.ok(&["requirement", "proposals", "Wmo Tynaarlo", "--all"]);
    assert!(human.contains("afgewezen") && human.contains("leidraad.txt"), "{human}");

    // A concept, then the final version.
    let short_bid = &bid_id[..8];
    let concept = cli.file("prijzenblad v1.xlsx", b"PK\x03\x04 concept");
    let v1 = cli.json(&["bid", "attach", short_bid, "prijzenblad", "--file", &concept]);
    assert_eq!((v1["version"].as_u64(), v1["is_final"].as_bool()), (Some(1), Some(false)));
    let list = cli.json(&["checklist", "--tender", "Wmo Tynaarlo"]);
    assert_eq!(status_of(&list, "Prijzenblad"), "bezig");
    let fin = cli.file("prijzenblad v2.xlsx", b"PK\x03\x04 definitief");
    cli.ok(&["bid", "attach", short_bid, "prijzenblad", "--file", &fin, "--final"]);
    let list = cli.json(&["checklist", "--tender", "Wmo Tynaarlo"]);
    assert_eq!(status_of(&list, "Prijzenblad"), "gereed");
    let empty = cli.file("leeg.xlsx", b"");
    assert!(cli.fails(&["bid", "attach", short_bid, "prijzenblad", "--file", &empty]).contains("is leeg"));
    assert!(cli.fails(&["bid", "attach", short_bid, "kvk", "--file", &fin]).contains("Documenten"));

    // The buyer takes only PDF: the pack is blocked with the reason; with xlsx allowed and loose
    // files it is made, holding the final version.
    let out_dir = cli.dir.path().join("packs");
    let out_s = out_dir.to_string_lossy().to_string();
    cli.ok(&["tender", "upload-rules", "Wmo Tynaarlo", "--types", "pdf", "--max-file", "5MB"]);
    let blocked = cli.run(&["export", "pack", "--tender", "Wmo Tynaarlo", "--out", &out_s]);
    assert_eq!(blocked.status.code(), Some(2));
    let said = String::from_utf8_lossy(&blocked.stdout);
    assert!(said.contains("02 Prijzenblad - Zorgboerderij De Eik.xlsx: bestandstype .xlsx wordt niet aangenomen (alleen pdf)"), "{said}");
    let rules = cli.ok(&["tender", "upload-rules", "Wmo Tynaarlo", "--types", "pdf,xlsx", "--loose"]);
    assert!(rules.contains("alleen pdf, xlsx; max. 5,0 MB per bestand; losse bestanden"), "{rules}");
    cli.ok(&["export", "pack", "--tender", "Wmo Tynaarlo", "--out", &out_s]);
    let folder = out_dir.join("Wmo Tynaarlo 2027 - Zorgboerderij De Eik");
    let mut names: Vec<String> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, vec!["00 Index.pdf", "01 KvK-uittreksel - Zorgboerderij De Eik.pdf", "02 Prijzenblad - Zorgboerderij De Eik.xlsx"]);
    assert_eq!(std::fs::read(folder.join("02 Prijzenblad - Zorgboerderij De Eik.xlsx")).unwrap(), b"PK\x03\x04 definitief");
}

#[test]
fn contract_products_documents_and_an_obligation_after_a_change() {
    let cli = Cli::new();
    cli.ok(&["provider", "add", "--name", "Zorgboerderij De Eik", "--kvk", "12345678"]);
    cli.ok(&["provider", "facts", "De Eik", "--agb", "01234567", "--agb", "76543210"]);
    let facts = cli.json(&["provider", "facts", "De Eik"]);
    assert_eq!(facts["facts"]["agb_codes"], serde_json::json!(["01234567", "76543210"]));
    assert!(cli.fails(&["provider", "facts", "De Eik", "--agb", "123"]).contains("AGB-codes"));
    cli.ok(&[
        "contract",
        "add",
        "--party",
        "De Eik",
        "--buyer",
        "Gemeente Assen",
        "--domain",
        "wmo",
        "--start",
        "2026-01-01",
        "--end",
        "2027-12-31",
        "--title",
        "Wmo Assen",
        "--product",
        "45A04: Begeleiding individueel",
        "--product",
        "Dagbesteding",
    ]);
    let signed = cli.file("Overeenkomst Wmo Assen.pdf", b"%PDF-1.4 getekend");
    cli.ok(&["contract", "document", "Wmo Assen", "--file", &signed, "--signed", "2025-12-15"]);
    cli.ok(&["contract", "obligation", "add", "Wmo Assen", "--type", "vog", "--after-change", "2w"]);
    cli.ok(&["contract", "obligation", "add", "Wmo Assen", "--type", "vog", "--valid-throughout"]);
    let show = cli.ok(&["contract", "show", "Wmo Assen"]);
    assert!(show.contains("producten:          Dagbesteding, 45A04 Begeleiding individueel"), "{show}");
    assert!(show.contains("Overeenkomst Wmo Assen.pdf (getekende overeenkomst, getekend ma 15 dec 2025)"), "{show}");
    assert!(show.contains("binnen 14 dagen na een wijziging") && show.contains("geen wijziging gemeld"), "{show}");
    // A new employee on 20 November: a fresh VOG is due by 4 December — less than the four weeks
    // Justis takes, so it is flagged as not obtainable in time the usual way.
    let judged = cli.json(&["contract", "obligation", "change", "Wmo Assen", "--type", "vog", "--on", "2026-11-20"]);
    assert_eq!(judged[0]["judged"]["status"], "niet_op_tijd");
    assert_eq!(judged[0]["judged"]["due"], "2026-12-04");
    assert!(cli.fails(&["contract", "obligation", "add", "Wmo Assen", "--type", "vog", "--after-change", "1m"]).contains("dagen of weken"));
}
