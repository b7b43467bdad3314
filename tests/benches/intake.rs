//! Intake benchmark (issue 28): 100 providers' documents made the way their issuers make them
//! (tenderwacht_tests::arrivals: sealed KvK and UBO extracts, HKZ and ISO certificates of two
//! bodies, policy schedules, VOGs for legal persons) taken in from a folder as the app and the
//! CLI do (each behind the reading wall), then compared with what each document states: the share
//! with type, party and dates right, the share that needs the consultant (a fact unsure or
//! missing), and seconds per document. Target: >= 95% right, 100 documents under 10 s (release).
//!
//! Run: `cargo bench -p tenderwacht-tests --bench intake`; `TENDERWACHT_BENCH_DOCS=20` for a
//! quick run.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark set-up: a panic is the report

use chrono::NaiveDate;
use std::time::Instant;
use tenderwacht_domain::{PartyInput, Sureness};
use tenderwacht_reading::intake::take_in;
use tenderwacht_store::Store;
use tenderwacht_tests::arrivals;

struct Expected {
    file: String,
    code: &'static str,
    kvk: String,
    issued: NaiveDate,
    expires: Option<NaiveDate>,
}

fn main() {
    let n: usize = std::env::var("TENDERWACHT_BENCH_DOCS").ok().and_then(|s| s.parse().ok()).unwrap_or(100);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let inbox = dir.path().join("binnengekomen");
    std::fs::create_dir_all(&inbox).unwrap();
    let today = store.today();
    let d = |day: u32, month: u32, year: i32| NaiveDate::from_ymd_opt(year, month, day).unwrap();
    let dutch = |x: NaiveDate| x.format("%d-%m-%Y").to_string();
    let months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    let mut expected = vec![];
    for i in 0..n {
        let kvk = format!("{:08}", 30_000_000 + i * 7919);
        let name = format!("Zorgaanbieder {i:03} B.V.");
        store.add_provider(&PartyInput { name: name.clone(), kvk: kvk.clone(), ..Default::default() }).unwrap();
        let issued = d(1 + (i % 27) as u32, 1 + (i % 12) as u32, 2025);
        let until = d(issued.day(), issued.month(), 2028);
        let (code, bytes, issued, expires) = match i % 6 {
            0 => ("kvk", arrivals::kvk_extract(&name, &kvk, &format!("0000{kvk}"), &dutch(issued)), today, None),
            1 => ("ubo", arrivals::ubo_extract(&name, &kvk, &dutch(issued)), today, None),
            2 => ("hkz", arrivals::hkz_certificate(&name, &kvk, &dutch(issued), &dutch(until)), issued, Some(until)),
            3 => {
                let words = |x: NaiveDate| format!("{} {} {}", x.day(), months[x.month0() as usize], x.year());
                ("iso9001", arrivals::iso_certificate(&name, &kvk, &words(issued), &words(until)), issued, Some(until))
            }
            4 => (
                "avb",
                arrivals::polisblad(&name, &kvk, &dutch(issued), &dutch(d(issued.day(), issued.month(), 2026))),
                issued,
                Some(d(issued.day(), issued.month(), 2026)),
            ),
            _ => ("vog-rp", arrivals::vog_rp(&name, &kvk, &dutch(issued)), issued, None),
        };
        let file = format!("{i:03}-{code}.pdf");
        std::fs::write(inbox.join(&file), bytes).unwrap();
        expected.push(Expected { file, code, kvk, issued, expires });
    }
    // The reading worker the app ships beside itself must be there, built in this benchmark's
    // profile (the test step's debug build for the smoke run): without it every file would wait.
    if let Err(e) = tenderwacht_reading::wall::worker_path() {
        panic!("{e}: cargo build [--release] -p tenderwacht-reading --bin tenderwacht-reader (the profile the benchmark runs in)");
    }
    let start = Instant::now();
    let outcomes = take_in(&mut store, &[inbox]).unwrap();
    let seconds = start.elapsed().as_secs_f64();
    let (mut right, mut consultant) = (0, 0);
    let mut wrong: Vec<String> = vec![];
    for e in &expected {
        let Some(item) = outcomes.iter().find(|o| o.file_name == e.file).and_then(|o| o.item.as_ref()) else {
            wrong.push(format!("{}: niet in de intake", e.file));
            continue;
        };
        let f = &item.facts;
        let ok = f.type_code.as_ref().is_some_and(|t| t.value == e.code)
            && f.kvk.as_ref().is_some_and(|k| k.value == e.kvk)
            && item.party_id.is_some()
            && f.issued.as_ref().is_some_and(|x| x.value == e.issued)
            && f.expires.as_ref().map(|x| x.value) == e.expires;
        if ok {
            right += 1;
        } else if wrong.len() < 5 {
            wrong.push(format!("{}: {:?}", e.file, f));
        }
        let unsure = [f.type_code.as_ref().map(|x| x.sure), f.issued.as_ref().map(|x| x.sure)].iter().any(|s| s.is_none_or(|s| s == Sureness::Guess));
        consultant += usize::from(unsure || item.party_id.is_none());
    }
    println!(
        "intake van {n} documenten: goed (soort, aanbieder, datums) {:.0}% ({right}/{n}), vroeg de consultant {:.0}% ({consultant}/{n}), {:.3} s per document, {seconds:.1} s samen (doel: >= 95% goed, 100 onder 10 s)",
        right as f64 * 100.0 / n as f64,
        consultant as f64 * 100.0 / n as f64,
        seconds / n as f64
    );
    for w in wrong {
        println!("  niet goed: {w}");
    }
    scans(&mut store);
}

/// The scanned certificate and the photographed policy (tests/fixtures/intake) read with OCR,
/// apart from the target above (which is for documents with a text layer): right or not, seconds.
fn scans(store: &mut Store) {
    if tenderwacht_reading::ocr::engine().is_none() {
        println!("scans met tekstherkenning: overgeslagen, Tesseract ontbreekt (scripts/install-deps.sh)");
        return;
    }
    for (name, kvk) in [("Zorgboerderij De Linde B.V.", "41234567"), ("Woongroep Het Anker", "52345678")] {
        store.add_provider(&PartyInput { name: name.into(), kvk: kvk.into(), ..Default::default() }).unwrap();
    }
    let d = |day: u32, month: u32, year: i32| NaiveDate::from_ymd_opt(year, month, day);
    let cases = [
        ("scan0001.pdf", arrivals::scanned_certificate(), "hkz", "41234567", d(3, 2, 2026), d(2, 2, 2029)),
        ("IMG_2041.jpg", arrivals::PHOTOGRAPHED_POLICY.to_vec(), "avb", "52345678", d(1, 4, 2026), d(1, 4, 2027)),
    ];
    let start = Instant::now();
    let mut right = 0;
    for (file, bytes, code, kvk, issued, expires) in &cases {
        let out = tenderwacht_reading::intake::take_upload(store, file, bytes, "").unwrap();
        let f = out.first().and_then(|o| o.item.as_ref()).map(|i| i.facts.clone()).unwrap_or_default();
        let ok = f.type_code.as_ref().is_some_and(|t| t.value == *code)
            && f.kvk.as_ref().is_some_and(|k| k.value == *kvk)
            && f.issued.as_ref().map(|x| x.value) == *issued
            && f.expires.as_ref().map(|x| x.value) == *expires;
        right += usize::from(ok);
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "scans met tekstherkenning: goed {right}/{}, {:.2} s per scan (een A4 van 200 dpi en een telefoonfoto; datums altijd 'onzeker')",
        cases.len(),
        seconds / cases.len() as f64
    );
}

use chrono::Datelike;
