//! Fuzzing the parsers of everything strangers write — TenderNed JSON, TED search JSON, eForms XML,
//! RSS/Atom, configurable HTML listings — and of the provider imports (CSV, XLSX), with proptest:
//! random bytes and the project's own fixtures mutated (bytes flipped, ranges cut or repeated,
//! hostile snippets inserted). A parser may refuse input with an error; it may never panic, and
//! what it accepts must go through the store's ingest without a panic either. The test command
//! runs each target briefly (`TENDERWACHT_FUZZ_CASES`, default 2,000 cases); a longer run is documented in
//! the README. cargo-fuzz needs a nightly compiler, which CI does not have: this is the stable
//! equivalent. Writes executions per target to `artifacts/reliability/fuzz-*.json`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::atomic::{AtomicU64, Ordering};
use tenderwacht_sources::{feed, html, ted, tenderned};

fn cases() -> u32 {
    std::env::var("TENDERWACHT_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(2000)
}

fn fixture(name: &str) -> Vec<u8> {
    tenderwacht_tests::server::fixture(name, "http://127.0.0.1:9")
}

const HOSTILE: &[&str] = &[
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "\u{202e}fdp.exe",
    "\"}]}{\"",
    "\u{0}",
    "1970-01-01T00:00:00",
    "2049-12-31T23:59:59",
    "99999999-9",
    "&#x3c;&lt;&amp;",
    "]]><![CDATA[",
    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>",
];

/// A fixture with 1..8 random mutations.
fn mutated(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let n = seeds.len();
    (0..n, prop::collection::vec((0u8..5, any::<usize>(), any::<usize>(), any::<u8>()), 1..8)).prop_map(move |(i, edits)| {
        let mut data = seeds[i].clone();
        for (kind, a, b, byte) in edits {
            let len = data.len().max(1);
            let (x, y) = (a % len, b % len);
            let (lo, hi) = (x.min(y), x.max(y));
            match kind {
                0 if !data.is_empty() => data[x] = byte,
                1 if hi <= data.len() => {
                    data.drain(lo..hi.min(lo + 64));
                }
                2 if hi <= data.len() => {
                    let piece = data[lo..hi.min(lo + 64)].to_vec();
                    data.splice(x..x, piece);
                }
                3 => {
                    let s = HOSTILE[usize::from(byte) % HOSTILE.len()].as_bytes();
                    let at = x.min(data.len());
                    data.splice(at..at, s.iter().copied());
                }
                _ => data.truncate(x),
            }
        }
        data
    })
}

fn input(seeds: Vec<Vec<u8>>) -> BoxedStrategy<Vec<u8>> {
    prop_oneof![3 => mutated(seeds), 1 => prop::collection::vec(any::<u8>(), 0..512)].boxed()
}

/// Runs `target` over generated inputs; any panic fails the test with the minimal input.
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, target: impl Fn(&[u8])) {
    let executions = AtomicU64::new(0);
    let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    let result = runner.run(&input(seeds), |data| {
        executions.fetch_add(1, Ordering::Relaxed);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target(&data)));
        prop_assert!(outcome.is_ok(), "{name} panicked on {} bytes: {:?}", data.len(), String::from_utf8_lossy(&data));
        Ok(())
    });
    let dir = tenderwacht_tests::artifacts_dir().join("reliability");
    std::fs::create_dir_all(&dir).unwrap();
    let crashes = u64::from(result.is_err());
    let summary = serde_json::json!({ "target": name, "executions": executions.load(Ordering::Relaxed), "crashes": crashes });
    std::fs::write(dir.join(format!("fuzz-{name}.json")), summary.to_string()).unwrap();
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// Stores whatever a parser accepted, in a scratch store: cleaning must cope with it too.
fn ingest_all(notices: Vec<tenderwacht_domain::publication::Notice>) {
    if notices.is_empty() {
        return;
    }
    thread_local! {
        static STORE: std::cell::RefCell<Option<(tempfile::TempDir, tenderwacht_store::Store)>> = const { std::cell::RefCell::new(None) };
    }
    let regions = tenderwacht_domain::regions::Regions::default_regions().unwrap();
    STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let dir = tempfile::tempdir().unwrap();
            let store = tenderwacht_store::Store::open(dir.path()).unwrap();
            *slot = Some((dir, store));
        }
        if let Some((_, store)) = slot.as_mut() {
            // Refusals are fine; a failing store is not.
            store.ingest_batch(None, &notices, &regions).unwrap();
        }
    });
}

#[test]
fn tenderned_json() {
    let seeds = vec![fixture("tenderned/page-0.json"), fixture("tenderned/page-1.json"), fixture("tenderned/detail-400123.json")];
    fuzz("tenderned", seeds, |data| {
        if let Ok(page) = tenderned::parse_page(data) {
            ingest_all(page.items.iter().map(|i| tenderned::to_notice(i, None, &[], "https://www.tenderned.nl")).collect());
        }
        let _ = tenderned::parse_detail(data);
        let _ = tenderned::parse_documents(data, "https://www.tenderned.nl");
        // The saved-file reader (tender import) on the same bytes.
        ingest_all(tenderwacht_sources::files::read_bytes(data, std::path::Path::new("fuzz.json")).notices);
    });
}

#[test]
fn ted_search_json() {
    fuzz("ted-search", vec![fixture("ted/search-1.json"), fixture("ted/search-2.json")], |data| {
        let _ = ted::parse_search(data);
    });
}

#[test]
fn eforms_xml() {
    let seeds = vec![fixture("ted/cn-social-swf.xml"), fixture("ted/change-swf.xml"), fixture("ted/broken.xml")];
    fuzz("eforms", seeds, |data| {
        if let Ok(n) = tenderwacht_sources::eforms::parse(data, Some("123456-2026")) {
            ingest_all(vec![n]);
        }
    });
}

#[test]
fn rss_and_atom() {
    fuzz("feed", vec![fixture("feeds/ctm.atom")], |data| {
        if let Ok(notices) = feed::parse_feed(data) {
            ingest_all(notices);
        }
    });
}

#[test]
fn configurable_html() {
    let def_text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/sources/gemeente-voorbeeld.toml")).unwrap();
    let def = html::HtmlDefinition::parse(&def_text).unwrap();
    fuzz("html", vec![fixture("html/aanbestedingen-1.html"), fixture("html/aanbestedingen-2.html")], |data| {
        let text = html::decode_page(data, Some("text/html; charset=windows-1252"));
        if let Ok((notices, _)) = html::parse_listing(&text, &def, "https://www.gemeente.example/aanbestedingen") {
            ingest_all(notices);
        }
    });
}

#[test]
fn provider_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let csv_seed =
        "naam;kvk;plaats;gemeenten;domeinen\nDe Eik;12345678;Gieten;Aa en Hunze,Assen;jeugdwet\nHet Anker;87654321;Assen;Assen;wmo|jeugdwet\n";
    let xlsx_seed = {
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet();
        for (c, h) in ["Naam", "KvK"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        s.write_string(1, 0, "De Eik").unwrap();
        s.write_number(1, 1, 12345678.0).unwrap();
        book.save_to_buffer().unwrap()
    };
    let (csv_path, xlsx_path) = (dir.path().join("a.csv"), dir.path().join("a.xlsx"));
    fuzz("provider-import", vec![csv_seed.as_bytes().to_vec(), xlsx_seed], |data| {
        std::fs::write(&csv_path, data).unwrap();
        let _ = tenderwacht_store::import::read_providers_csv(&csv_path);
        std::fs::write(&xlsx_path, data).unwrap();
        let _ = tenderwacht_export::import::providers_xlsx(&xlsx_path);
    });
}

/// The document readers through their wall (`tenderwacht-reader`, a process per document with
/// its limits): a leidraad's PDF and DOCX mutated. Whatever the bytes, the answer is text or a
/// Dutch reason on that file, never a crash of the app. A process per case, so fewer cases.
#[test]
fn documents_through_the_reader_wall() {
    let _ = tenderwacht_tests::binary("tenderwacht-reader");
    let dir = tempfile::tempdir().unwrap();
    let sentences =
        ["Inschrijver voegt een uittreksel uit het Handelsregister bij van maximaal drie maanden oud.", "Bijlage 3: Prijzenblad, in te vullen."];
    let (pdf, docx) = (dir.path().join("leidraad.pdf"), dir.path().join("leidraad.docx"));
    tenderwacht_tests::leidraad::write_pdf(&pdf, "Leidraad", &sentences, 1).unwrap();
    tenderwacht_tests::leidraad::write_docx(&docx, "Leidraad", &sentences).unwrap();
    let seeds = vec![std::fs::read(&pdf).unwrap(), std::fs::read(&docx).unwrap()];
    let cases = (cases() / 10).max(20);
    let executions = AtomicU64::new(0);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let target = dir.path().join("stuk");
    let result = runner.run(&input(seeds), |data| {
        executions.fetch_add(1, Ordering::Relaxed);
        // Named by what it looks like, as a portal's download would be.
        let name = if data.starts_with(b"PK") { "stuk.docx" } else { "stuk.pdf" };
        std::fs::write(&target, &data).unwrap();
        match tenderwacht_reading::wall::extract_file(&target, name) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.to_string().starts_with(name), "the reason names the file: {e}"),
        }
        Ok(())
    });
    let out = tenderwacht_tests::artifacts_dir().join("reliability");
    std::fs::create_dir_all(&out).unwrap();
    let summary =
        serde_json::json!({ "target": "documents", "executions": executions.load(Ordering::Relaxed), "crashes": u64::from(result.is_err()) });
    std::fs::write(out.join("fuzz-documents.json"), summary.to_string()).unwrap();
    if let Err(e) = result {
        panic!("documents: {e}");
    }
}
