//! The CLI end to end on a temporary data folder: the consultant's weekly flow, JSON for scripts,
//! and wrong input that names the field, exits non-zero and writes nothing.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{db_size, status_of, Cli};
use serde_json::Value;

#[test]
fn weekly_flow_provider_document_tender_bid_checklist_agenda() {
    let cli = Cli::new();
    let p = cli.json(&[
        "provider",
        "add",
        "--name",
        "Zorgboerderij De Eik",
        "--kvk",
        "1234 5678",
        "--place",
        "Gieten",
        "--domain",
        "jeugdwet",
        "--municipality",
        "Aa en Hunze",
    ]);
    assert_eq!(p["kvk"], "12345678");
    let kvk = cli.file("KvK De Eik.pdf", b"%PDF-1.4 uittreksel");
    let doc = cli.json(&["document", "add", "--party", "12345678", "--type", "kvk", "--file", &kvk, "--issued", "01-08-2026"]);
    assert_eq!(doc["issue_date"], "2026-08-01");
    assert_eq!(doc["original_name"], "KvK De Eik.pdf");
    let t = cli.json(&[
        "tender",
        "add",
        "--title",
        "Jeugdhulp Drenthe 2027",
        "--buyer",
        "Gemeente Assen",
        "--region",
        "Drenthe",
        "--procedure",
        "lichte-regeling",
        "--domain",
        "jeugdwet",
        "--status",
        "inschrijven",
        "--closing",
        "2027-01-15 12:00",
        "--cpv",
        "85311300-5",
        "--nuts",
        "NL131",
    ]);
    assert_eq!(t["closing"], "2027-01-15T11:00:00Z", "12:00 in winter is 11:00 UTC");
    cli.ok(&["requirement", "add", "Jeugdhulp Drenthe", "--type", "kvk"]);
    cli.ok(&["requirement", "add", "Jeugdhulp Drenthe", "--type", "gva"]);
    cli.ok(&["requirement", "add", "Jeugdhulp Drenthe", "--deliverable", "Prijzenblad"]);
    let bid = cli.json(&["bid", "add", "Jeugdhulp Drenthe", "--party", "De Eik"]);
    let bid_id = bid["id"].as_str().unwrap().to_string();

    let list = cli.json(&["checklist", "--tender", "Jeugdhulp Drenthe 2027"]);
    assert_eq!(status_of(&list, "kvk"), "gereed");
    assert_eq!(status_of(&list, "gva"), "niet_op_tijd");
    let human = cli.ok(&["checklist", "--tender", "Jeugdhulp Drenthe 2027"]);
    assert!(human.contains("gereed") && human.contains("niet op tijd aan te vragen") && human.contains("vr 20 nov 2026"), "{human}");

    // Move the closing: the extract from 1 August becomes too old.
    cli.ok(&["milestone", "move", "--tender", "Jeugdhulp Drenthe", "--kind", "sluiting", "--at", "2027-02-02 12:00"]);
    let list = cli.json(&["checklist", "--provider", "De Eik"]);
    assert_eq!(status_of(&list, "kvk"), "te_oud_bij_sluiting");
    assert_eq!(status_of(&list, "gva"), "ontbreekt", "8 December is still ahead");

    cli.ok(&["bid", "set", &bid_id[bid_id.len() - 8..], "prijzenblad", "--state", "aangeleverd", "--owner", "Anna"]);
    let list = cli.json(&["checklist", "--tender", "Jeugdhulp Drenthe", "--problems"]);
    assert_eq!(list["rows"].as_array().unwrap().len(), 2, "the delivered price sheet is no problem");

    let agenda = cli.json(&["agenda", "--days", "30"]);
    let items = agenda.as_array().unwrap();
    assert_eq!(items[0]["kind"], "action");
    assert_eq!(items[0]["date"], "2026-12-08");
    let human = cli.ok(&["agenda", "--from", "2026-12-01", "--to", "2026-12-31"]);
    assert!(human.contains("di 8 dec 2026") && human.contains("Gedragsverklaring"), "{human}");
}

#[test]
fn wrong_input_names_the_field_and_writes_nothing() {
    let cli = Cli::new();
    cli.ok(&["provider", "add", "--name", "A", "--kvk", "11111111"]);
    let before = db_size(&cli.data());
    let count = || cli.json(&["provider", "list"]).as_array().unwrap().len();
    assert!(cli.fails(&["provider", "add", "--name", "B", "--kvk", "1234567"]).contains("KvK-nummer"));
    assert!(cli.fails(&["provider", "add", "--name", "B", "--kvk", "11111111"]).contains("hoort al bij A"));
    assert!(cli.fails(&["provider", "add", "--name", "B", "--kvk", "22222222", "--domain", "zorg"]).contains("Domein"));
    assert!(cli.fails(&["provider", "add", "--name", "B", "--kvk", "22222222", "--email", "geen-mail"]).contains("e-mailadres"));
    assert_eq!(count(), 1);
    let f = cli.file("a.pdf", b"x");
    assert!(cli
        .fails(&["document", "add", "--party", "Onbekend BV", "--type", "kvk", "--file", &f, "--issued", "2026-01-01"])
        .contains("niet gevonden"));
    assert!(cli.fails(&["document", "add", "--party", "A", "--type", "paspoort", "--file", &f, "--issued", "2026-01-01"]).contains("documenttype"));
    assert!(cli
        .fails(&["document", "add", "--party", "A", "--type", "kvk", "--file", "/nonexistent/x.pdf", "--issued", "2026-01-01"])
        .contains("bestand"));
    assert!(cli.fails(&["document", "add", "--party", "A", "--type", "kvk", "--file", &f, "--issued", "31-02-2026"]).contains("Afgiftedatum"));
    assert!(cli.fails(&["document", "add", "--party", "A", "--type", "hkz", "--file", &f, "--issued", "2026-01-01"]).contains("Vervaldatum"));
    assert!(cli.json(&["document", "list", "--party", "A"]).as_array().unwrap().is_empty());
    assert!(cli.fails(&["tender", "add", "--title", "T", "--closing", "morgen"]).contains("Sluiting"));
    assert!(cli.fails(&["tender", "add", "--title", "T", "--closing", "2026-03-29 02:30"]).contains("zomertijd"));
    assert!(cli.fails(&["tender", "add", "--title", "T", "--cpv", "8531"]).contains("CPV-code"));
    assert!(cli.fails(&["tender", "add", "--title", "T", "--template", "bestaat niet"]).contains("sjabloon"));
    assert!(cli.json(&["tender", "list"]).as_array().unwrap().is_empty(), "a failed add leaves no tender behind");
    assert!(cli.fails(&["--today", "gisteren", "agenda"]).contains("--today"));
    // JSON errors for scripts.
    let out = cli.run(&["--json", "provider", "add", "--name", "C", "--kvk", "12"]);
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["field"], "kvk");
    assert_eq!(err["error"]["code"], "invalid");
    assert!(db_size(&cli.data()) >= before);
}

#[test]
fn csv_import_is_all_or_nothing() {
    let cli = Cli::new();
    let bad = cli.file(
        "aanbieders.csv",
        "naam;kvk;plaats;gemeenten;domeinen;email\nDe Eik;12345678;Gieten;Aa en Hunze, Tynaarlo;jeugdwet;info@eik.nl\nHet Anker;123;Assen;Assen;wmo;\nDe Linde;87654321;Emmen;Emmen;jeugdwet|wmo;\n"
            .as_bytes(),
    );
    let err = cli.fails(&["provider", "import", &bad]);
    assert!(err.contains("regel 3") && err.contains("KvK-nummer"), "{err}");
    assert!(cli.json(&["provider", "list"]).as_array().unwrap().is_empty());
    let dry = cli.json(&["provider", "import", &bad, "--dry-run"]);
    assert_eq!(dry["valid"], 2);
    let done = cli.json(&["provider", "import", &bad, "--skip-invalid"]);
    assert_eq!(done["imported"], 2);
    let list = cli.json(&["provider", "list"]);
    let linde = list.as_array().unwrap().iter().find(|p| p["name"] == "De Linde").unwrap();
    assert_eq!(linde["domains"], serde_json::json!(["jeugdwet", "wmo"]));
    let eik = list.as_array().unwrap().iter().find(|p| p["name"] == "De Eik").unwrap();
    assert_eq!(eik["municipalities"], serde_json::json!(["Aa en Hunze", "Tynaarlo"]));
    // Importing again collides on KvK numbers: nothing is written.
    let good = cli.file("again.csv", b"naam,kvk\nNieuw,99999999\nDe Eik,12345678\n");
    assert!(cli.fails(&["provider", "import", &good]).contains("hoort al bij De Eik"));
    assert_eq!(cli.json(&["provider", "list"]).as_array().unwrap().len(), 2);
}

#[test]
fn cooperative_members_and_catalogue_edits() {
    let cli = Cli::new();
    cli.ok(&["provider", "add", "--name", "Aanbieder A", "--kvk", "11111111"]);
    cli.ok(&["provider", "add", "--name", "Aanbieder B", "--kvk", "22222222"]);
    cli.ok(&["cooperative", "add", "--name", "Zorgcoöperatie Noord", "--kvk", "33333333"]);
    cli.ok(&["cooperative", "member", "add", "Zorgcooperatie Noord", "Aanbieder A"]);
    let members = cli.json(&["cooperative", "member", "add", "33333333", "22222222"]);
    assert_eq!(members.as_array().unwrap().len(), 2);
    cli.ok(&[
        "tender",
        "add",
        "--title",
        "Wmo Open House Emmen",
        "--status",
        "volgen",
        "--closing",
        "2027-03-01 10:00",
        "--template",
        "Wmo Open House",
    ]);
    let bid = cli.json(&["bid", "add", "Wmo Open House Emmen", "--party", "Zorgcoöperatie Noord"]);
    let id = bid["id"].as_str().unwrap();
    cli.ok(&["bid", "provided-by", id, "vog", "members"]);
    let list = cli.json(&["checklist", "--tender", "Wmo Open House Emmen"]);
    let vog: Vec<&Value> = list["rows"].as_array().unwrap().iter().filter(|r| r["type_code"] == "vog").collect();
    assert_eq!(vog.len(), 2);
    // The catalogue is editable: VOG at most 6 months instead of 3.
    let t = cli.json(&["catalogue", "edit", "vog", "--rule", "max-age:6m"]);
    assert_eq!(t["rule"]["kind"], "max_age");
    assert_eq!(t["rule"]["period"]["amount"], 6);
    assert!(cli.fails(&["catalogue", "edit", "vog", "--rule", "max-age"]).contains("termijn"));
    cli.ok(&["catalogue", "add", "--code", "kvp", "--name", "Kwaliteitsplan", "--rule", "valid-for:1y", "--lead", "3w"]);
    assert!(cli.fails(&["catalogue", "add", "--code", "kvp", "--name", "Dubbel", "--rule", "none"]).contains("bestaat al"));
}

#[test]
fn search_profiles_and_sources_are_managed() {
    let cli = Cli::new();
    let list = cli.json(&["profile", "list"]);
    assert_eq!(list[0]["name"], "Zorg Noord-Nederland");
    cli.ok(&["profile", "add", "--name", "Wmo Drenthe", "--cpv", "853", "--nuts", "NL131", "--keyword", "wmo"]);
    assert!(cli.fails(&["profile", "add", "--name", "Fout", "--cpv", "85x"]).contains("CPV-code"));
    assert!(cli.fails(&["profile", "add", "--name", "Fout", "--nuts", "DE1"]).contains("NUTS-code"));
    assert!(cli.fails(&["profile", "add", "--name", "Wmo Drenthe"]).contains("bestaat al"));
    assert!(cli.fails(&["profile", "add", "--name", "Alleen regio", "--nuts", "NL131"]).contains("minstens één CPV-begin of trefwoord"));
    assert_eq!(cli.json(&["profile", "list"]).as_array().unwrap().len(), 2);
    // Changing a profile replaces the lists given and keeps the others; "85*" as shown is "85".
    let set = cli.json(&["profile", "set", "wmo drenthe", "--keyword", " begeleiding ", "--keyword", "Begeleiding", "--cpv", "85*"]);
    assert_eq!(set["keywords"], serde_json::json!(["begeleiding"]));
    assert_eq!(set["cpv_prefixes"], serde_json::json!(["85"]));
    assert_eq!(set["nuts"], serde_json::json!(["NL131"]));
    assert!(cli.fails(&["profile", "set", "Wmo Drenthe", "--rename", "zorg noord-nederland"]).contains("bestaat al"));
    cli.ok(&["profile", "remove", "Wmo Drenthe"]);
    // The last profile stays: without one a sync would keep every publication.
    assert!(cli.fails(&["profile", "remove", "Zorg Noord-Nederland"]).contains("laatste zoekprofiel"));
    assert_eq!(cli.json(&["profile", "list"]).as_array().unwrap().len(), 1);
    let sources = cli.json(&["source", "list"]);
    assert_eq!(sources.as_array().unwrap().len(), 3, "TenderNed, TED and the CTM Solution feed from the start");
    assert!(cli.fails(&["source", "add", "--name", "X", "--kind", "feed", "--url", "ftp://x"]).contains("webadres"));
    assert!(cli.fails(&["source", "add", "--name", "X", "--kind", "html", "--url", "https://x.nl"]).contains("beschrijving"));
    let def =
        cli.file("bron.toml", b"[source]\nname = 'Gemeente Assen'\nurl = 'https://www.assen.nl/aanbestedingen'\nrow = 'li.item'\ntitle = 'a'\n");
    cli.ok(&["source", "add", "--definition", &def]);
    let bad = cli.file("fout.toml", b"[source]\nname = 'Fout'\nurl = 'https://e.nl'\nrow = 'li[['\ntitle = 'a'\n");
    assert!(cli.fails(&["source", "add", "--definition", &bad]).contains("row"));
    assert_eq!(cli.json(&["source", "list"]).as_array().unwrap().len(), 4);
    cli.ok(&["source", "enable", "Gemeente Assen", "--off"]);
    let s = cli.json(&["source", "list"]);
    let assen = s.as_array().unwrap().iter().find(|x| x["name"] == "Gemeente Assen").unwrap();
    assert_eq!(assen["enabled"], false);
    let eforms = cli.file("notice.xml", b"<ContractNotice><broken");
    assert!(cli.fails(&["tender", "import", &eforms]).contains("eForms"));
}

#[test]
fn exports_and_backups_from_the_command_line() {
    let cli = Cli::new();
    cli.ok(&["provider", "add", "--name", "Zorgboerderij De Eik", "--kvk", "12345678"]);
    let kvk = cli.file("KvK De Eik.pdf", b"%PDF-1.4 uittreksel");
    cli.ok(&["document", "add", "--party", "De Eik", "--type", "kvk", "--file", &kvk, "--issued", "2026-10-01"]);
    cli.ok(&[
        "tender",
        "add",
        "--title",
        "Wmo Assen 2027",
        "--buyer",
        "Gemeente Assen",
        "--domain",
        "wmo",
        "--status",
        "inschrijven",
        "--closing",
        "2027-01-15 12:00",
    ]);
    cli.ok(&["requirement", "add", "Wmo Assen", "--type", "kvk"]);
    cli.ok(&["requirement", "add", "Wmo Assen", "--type", "vog"]);
    cli.ok(&["bid", "add", "Wmo Assen", "--party", "De Eik"]);
    let out = cli.dir.path().join("uit");
    let out_s = out.to_string_lossy().into_owned();

    // Blocked: exit 2, the blockers listed, nothing written.
    let err = cli.fails(&["export", "pack", "--tender", "Wmo Assen", "--out", &out_s]);
    assert!(err.contains("niet gemaakt"), "{err}");
    let json_err = cli.run(&["--json", "export", "pack", "--tender", "Wmo Assen", "--out", &out_s]);
    assert!(String::from_utf8_lossy(&json_err.stdout).contains("VOG"));
    assert_eq!(std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0), 0);
    let forced = cli.ok(&["export", "pack", "--tender", "Wmo Assen", "--out", &out_s, "--force"]);
    assert!(forced.contains("Wmo Assen 2027 - Zorgboerderij De Eik.zip"), "{forced}");

    let requests = cli.ok(&["export", "requests"]);
    assert!(requests.contains("Verklaring Omtrent het Gedrag (VOG) (ontbreekt)"), "{requests}");
    cli.ok(&["export", "requests", "--out", &out_s]);
    assert!(out.join("Nog nodig - Zorgboerderij De Eik.pdf").exists());
    let ics = out.join("agenda.ics");
    assert!(cli.ok(&["export", "ics", "--out", &ics.to_string_lossy()]).contains("afspraken"));
    assert!(std::fs::read_to_string(&ics).unwrap().starts_with("BEGIN:VCALENDAR"));
    cli.ok(&["export", "xlsx", "--out", &out.join("lijst.xlsx").to_string_lossy()]);
    // A folder as --out gets the file of the default name (it was renamed onto the folder).
    cli.ok(&["export", "xlsx", "--out", &out_s]);
    cli.ok(&["export", "ics", "--out", &out_s]);
    assert!(out.join("tenderwacht.xlsx").is_file() && out.join("tenderwacht.ics").is_file());
    assert!(cli.ok(&["export", "digest", "--since", "2020-01-01"]).contains("Wmo Assen 2027"));

    // Backup, damage the store, restore.
    let made = cli.json(&["backup", "create"]);
    let path = made["path"].as_str().unwrap().to_string();
    assert_eq!(cli.json(&["backup", "list"]).as_array().unwrap().len(), 1);
    cli.ok(&["provider", "add", "--name", "Later toegevoegd", "--kvk", "87654321"]);
    assert_eq!(cli.json(&["provider", "list"]).as_array().unwrap().len(), 2);
    cli.ok(&["backup", "restore", &path]);
    assert_eq!(cli.json(&["provider", "list"]).as_array().unwrap().len(), 1, "back to the backup's state");
    assert!(cli.fails(&["backup", "restore", &kvk]).contains("back-up"));
}
