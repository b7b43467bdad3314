//! Helpers shared by the store's integration tests: a data folder with a fixed "today", and
//! providers and tenders as the consultant would type them.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use chrono::NaiveDate;
use tenderwacht_domain::*;
use tenderwacht_store::Store;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn provider(name: &str, kvk: &str) -> PartyInput {
    PartyInput {
        name: name.into(),
        kvk: kvk.into(),
        place: "Assen".into(),
        municipalities: vec!["Assen".into(), "Tynaarlo".into()],
        domains: vec![CareDomain::Jeugdwet],
        email: "info@example.nl".into(),
        ..Default::default()
    }
}

pub fn tender(title: &str) -> TenderInput {
    TenderInput {
        buyer: "Gemeente Assen".into(),
        region: "Drenthe".into(),
        municipalities: vec!["Assen".into()],
        nuts: vec!["NL131".into()],
        cpv: vec!["85311300-5".into()],
        status: TenderStatus::Inschrijven,
        links: vec!["https://www.tenderned.nl/aankondigingen/overzicht/123456".into()],
        ..TenderInput::new(title, Procedure::LichteRegeling, TenderDomain::Jeugdwet)
    }
}

pub struct Fixture {
    pub _dir: tempfile::TempDir,
    pub store: Store,
    pub file: std::path::PathBuf,
}

pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    store.set_today(Some(d("2026-11-23")));
    let file = dir.path().join("kvk.pdf");
    std::fs::write(&file, b"%PDF-1.4 kvk uittreksel").unwrap();
    Fixture { _dir: dir, store, file }
}
