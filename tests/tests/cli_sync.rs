//! `tenderwacht-cli sync` and `source test` end to end: the binary against the loopback fixture
//! server, on a data folder the test also opens through the core (both share one store).

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use tenderwacht_store::Store;
use tenderwacht_tests::binary;
use tenderwacht_tests::server::{fixture, FixtureServer, Reply};

const LIST: &str = "/papi/tenderned-rs-tns/v2/publicaties";

#[test]
fn cli_sync_reports_and_search_finds() {
    let server = FixtureServer::start();
    let b = server.base.clone();
    server.route(&format!("{LIST}?page=0&size=100"), vec![Reply::json(fixture("tenderned/page-0.json", &b))]);
    server.route(&format!("{LIST}?page=1&size=100"), vec![Reply::json(fixture("tenderned/page-1.json", &b))]);
    for id in ["400123", "400130", "400125", "400126", "400120", "400119"] {
        server.route(&format!("{LIST}/{id}"), vec![Reply::json(fixture(&format!("tenderned/detail-{id}.json"), &b))]);
    }
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        for s in store.sources().unwrap() {
            let on = s.name == "TenderNed";
            store.update_source(s.id, Some(&b), Some(on)).unwrap();
        }
    }
    let cli = |args: &[&str]| Command::new(binary("tenderwacht-cli")).args(args).env("TENDERWACHT_DATA_DIR", dir.path()).output().unwrap();
    let out = cli(&["source", "test", "TenderNed"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Levering kantoorartikelen"), "test shows everything, unfiltered: {text}");
    // ... and says what a sync would leave out: office supplies fall outside the care profile.
    let found: serde_json::Value = serde_json::from_slice(&cli(&["--json", "source", "test", "TenderNed"]).stdout).unwrap();
    let tenders = found["tenders"].as_array().unwrap();
    let office = tenders.iter().position(|t| t["title"].as_str().unwrap_or_default().contains("kantoorartikelen")).unwrap();
    assert_eq!(found["outside"][office].as_str(), Some("valt buiten de zoekprofielen: geen passende CPV-code of trefwoord"));
    assert!(found["outside"].as_array().unwrap().iter().any(serde_json::Value::is_null), "the care tenders are kept");
    assert_eq!(Store::open(dir.path()).unwrap().tenders(&Default::default()).unwrap().len(), 0, "source test stores nothing");

    let out = cli(&["sync"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("TenderNed") && text.contains("geweigerd"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("TenderNed: lijst"), "progress on stderr");
    let out = cli(&["--json", "tender", "search", "súdwest"]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1);
    let out = cli(&["--json", "source", "reports"]);
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reports[0]["report"]["new"], 4, "the one with a 2049 closing is kept, its closing flagged");
}
