//! Correcting mistakes from the CLI: a document's facts edited, a document and a provider removed
//! only with --yes (without it the CLI says what would go and writes nothing), a provider under
//! contract refused, a requirement's maximum age edited in words, and the CLI's help in Dutch.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Cli;

#[test]
fn documents_providers_and_requirements_are_corrected_and_removed() {
    let cli = Cli::new();
    cli.ok(&["provider", "add", "--name", "Zorgboerderij De Eik", "--kvk", "12345678"]);
    let f = cli.file("kvk.pdf", b"%PDF-1.4 kvk");
    let doc = cli.json(&["document", "add", "--party", "De Eik", "--type", "kvk", "--file", &f, "--issued", "01-10-2026"]);
    let id = doc["id"].as_str().unwrap().to_string();
    let edited = cli.json(&["document", "edit", &id, "--issued", "15-10-2026", "--name", "KvK De Eik.pdf"]);
    assert_eq!((edited["issue_date"].as_str(), edited["original_name"].as_str()), (Some("2026-10-15"), Some("KvK De Eik.pdf")));
    assert!(cli.fails(&["document", "edit", &id, "--issued", "01-01-2030"]).contains("toekomst"));

    let asked = cli.fails(&["document", "remove", &id]);
    assert!(asked.contains("herhaal met --yes"), "{asked}");
    assert_eq!(cli.json(&["document", "list", "--party", "De Eik"]).as_array().unwrap().len(), 1, "nothing removed without --yes");
    cli.ok(&["document", "remove", &id, "--yes"]);
    assert!(cli.json(&["document", "list", "--party", "De Eik"]).as_array().unwrap().is_empty());

    cli.ok(&["tender", "add", "--title", "Jeugdhulp Assen 2027", "--buyer", "Gemeente Assen"]);
    cli.ok(&["requirement", "add", "Jeugdhulp Assen", "--type", "kvk"]);
    let r = cli.json(&["requirement", "edit", "Jeugdhulp Assen", "kvk", "--max-age", "drie maanden", "--note", "NvI 2"]);
    assert_eq!((r["max_age_text"].as_str(), r["note"].as_str()), (Some("3 maanden"), Some("NvI 2")));

    let asked = cli.fails(&["provider", "remove", "De Eik"]);
    assert!(asked.contains("Zorgboerderij De Eik wordt verwijderd"), "{asked}");
    cli.ok(&["provider", "remove", "De Eik", "--yes"]);
    assert!(cli.json(&["provider", "list", "--all"]).as_array().unwrap().is_empty());
}

/// A leidraad's upload rules are read with its requirements and offered, not set.
#[test]
fn a_leidraads_upload_rules_are_offered_with_the_proposals() {
    let cli = Cli::new();
    cli.ok(&["tender", "add", "--title", "Jeugdhulp Assen 2027", "--buyer", "Gemeente Assen"]);
    let leidraad = cli.file(
        "leidraad.txt",
        "4.2 Indienen\nAlle documenten dienen uitsluitend in PDF-formaat te worden geüpload. De maximale bestandsgrootte per document is 20 MB.\nInschrijver voegt een uittreksel uit het Handelsregister bij van maximaal drie maanden oud.\n"
            .as_bytes(),
    );
    let out = cli.json(&["requirement", "propose", "Jeugdhulp Assen", "--file", &leidraad]);
    let upload = &out["upload"];
    assert_eq!(upload["extensions"], serde_json::json!(["pdf"]));
    assert_eq!(upload["rules"]["max_file_bytes"], 20_000_000);
    assert!(upload["quotes"][0]["quote"].as_str().unwrap().contains("PDF-formaat"));
    let text = cli.ok(&["requirement", "propose", "Jeugdhulp Assen", "--file", &leidraad]);
    assert!(text.contains("Uploadregels in de stukken"), "{text}");
    let rules = cli.json(&["tender", "upload-rules", "Jeugdhulp Assen"]);
    assert_eq!(rules["max_file_bytes"], serde_json::Value::Null, "offered, not set: {rules}");
    assert!(rules.get("extensions").is_some(), "the rules themselves: {rules}");
}
