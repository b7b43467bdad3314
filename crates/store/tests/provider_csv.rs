//! A provider list as consultants really have it: saved by Excel on a Dutch Windows laptop
//! (Windows-1252, semicolons, CRLF), and broken files read behind limits — an unclosed quote
//! that swallows the rest of the file, a row with hundreds of columns — each an error of its row.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use tenderwacht_store::import::{read_providers_csv, CSV_MAX_COLUMNS, CSV_MAX_FIELD};

#[test]
fn an_excel_csv_in_windows_1252_with_crlf_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("aanbieders.csv");
    // "Coöperatie Zorg Noord" and "Drôme" in Windows-1252 (0xF6, 0xF4), lines ending in CRLF.
    std::fs::write(&f, b"naam;kvk;plaats\r\nCo\xf6peratie Zorg Noord;12345678;Dr\xf4me\r\nZorgboerderij De Eik;23456789;Gieten\r\n").unwrap();
    let import = read_providers_csv(&f).unwrap();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    let names: Vec<&str> = import.rows.iter().map(|(_, p)| p.name.as_str()).collect();
    assert_eq!(names, ["Coöperatie Zorg Noord", "Zorgboerderij De Eik"]);
    assert_eq!(import.rows[0].1.place, "Drôme", "no stray carriage return");
}

#[test]
fn broken_rows_are_errors_of_their_row_and_the_rest_counts() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("kapot.csv");
    let mut text = String::from("naam,kvk\nDe Eik,12345678\n");
    text.push_str(&format!("Te breed,{}\n", vec!["x"; CSV_MAX_COLUMNS + 10].join(",")));
    text.push_str(&format!("Te lang,\"{}\"\n", "a".repeat(CSV_MAX_FIELD + 1)));
    text.push_str("Het Anker,34567890\n");
    std::fs::write(&f, text).unwrap();
    let import = read_providers_csv(&f).unwrap();
    let names: Vec<&str> = import.rows.iter().map(|(_, p)| p.name.as_str()).collect();
    assert_eq!(names, ["De Eik", "Het Anker"]);
    let lines: Vec<u64> = import.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4], "{:?}", import.errors);
    assert!(import.errors[1].message.contains("aanhalingsteken"), "{:?}", import.errors);
}

#[test]
fn an_unclosed_quote_does_not_swallow_the_file_silently() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("quote.csv");
    let mut text = String::from("naam,kvk\n\"De Eik,12345678\n");
    for i in 0..20_000 {
        text.push_str(&format!("Aanbieder {i},{:08}\n", 10_000_000 + i));
    }
    std::fs::write(&f, text).unwrap();
    let import = read_providers_csv(&f).unwrap();
    assert!(import.rows.is_empty());
    assert_eq!(import.errors.len(), 1);
    assert!(import.errors[0].message.contains("aanhalingsteken"), "{:?}", import.errors);
}

/// The provider sheet's batches (a million providers exported a thousand at a time): every active
/// party once, in name order whatever its case, the same names told apart by id, an inactive
/// one left out, and the last batch empty.
#[test]
fn active_parties_come_in_batches_in_name_order() {
    use tenderwacht_domain::{PartyInput, PartyPatch};
    let dir = tempfile::tempdir().unwrap();
    let mut store = tenderwacht_store::Store::open(&dir.path().join("data")).unwrap();
    let names = ["de Eik", "Aan de Aa", "De Eik", "Zorgboerderij Zuid", "aardbei", "Het Anker", "Ommeland"];
    for (i, name) in names.iter().enumerate() {
        store.add_provider(&PartyInput { name: (*name).into(), kvk: format!("{:08}", 10_000_000 + i), ..Default::default() }).unwrap();
    }
    let gone = store.resolve_party("10000006", None).unwrap();
    store.edit_party(gone, &PartyPatch { active: Some(false), ..Default::default() }).unwrap();
    let mut seen: Vec<String> = vec![];
    let mut batch = store.active_parties_after(None, 2).unwrap();
    let mut batches = 0;
    while !batch.is_empty() {
        assert!(batch.len() <= 2);
        seen.extend(batch.iter().map(|p| p.name.clone()));
        batch = store.active_parties_after(batch.last(), 2).unwrap();
        batches += 1;
    }
    assert_eq!(batches, 3);
    let folded: Vec<String> = seen.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(folded, ["aan de aa", "aardbei", "de eik", "de eik", "het anker", "zorgboerderij zuid"], "{seen:?}");
}
