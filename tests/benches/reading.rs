//! Reading benchmark (issue 14): the time to extract the text of a 100-page PDF leidraad and find
//! its proposals (target: under 1 s here), the same for its DOCX; and the packs of 20 bids whose
//! deliverables (Prijzenblad, Plan van aanpak) have final files, next to `zip -0 -r` over the same
//! files in the same run.
//!
//! Run: `cargo bench -p tenderwacht-tests --bench reading`. `TENDERWACHT_BENCH_PAGES=10
//! TENDERWACHT_BENCH_KB=64` for a quick run.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark set-up: a panic is the report

use std::io::Write;
use std::time::Instant;
use tenderwacht_domain::{time::parse_moment, *};
use tenderwacht_export::pack::PackOptions;
use tenderwacht_reading::{phrases, text};
use tenderwacht_store::Store;
use tenderwacht_tests::{corpus, leidraad};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

fn main() {
    let pages_wanted = env("TENDERWACHT_BENCH_PAGES", 100);
    let kb = env("TENDERWACHT_BENCH_KB", 1024);
    let dir = tempfile::tempdir().unwrap();

    // 1. The leidraad: ordinary text for `pages_wanted` pages, then the requirement sentences.
    let pdf = dir.path().join("leidraad.pdf");
    leidraad::write_pdf(&pdf, "Aanbestedingsleidraad", leidraad::LEIDRAAD, pages_wanted).unwrap();
    let docx = dir.path().join("leidraad.docx");
    let long: Vec<&str> = std::iter::repeat_n(leidraad::LEIDRAAD, pages_wanted.max(1)).flatten().copied().collect();
    leidraad::write_docx(&docx, "Aanbestedingsleidraad", &long).unwrap();
    let closing = chrono::NaiveDate::from_ymd_opt(2027, 1, 15);
    for (name, path) in [("PDF", &pdf), ("DOCX", &docx)] {
        let bytes = std::fs::read(path).unwrap();
        let mut extract_ms = vec![];
        let mut total_ms = vec![];
        let mut found = 0;
        let mut pages = 0;
        for _ in 0..5 {
            let start = Instant::now();
            let p = text::extract(&bytes, name).unwrap();
            extract_ms.push(start.elapsed().as_secs_f64() * 1e3);
            let drafts = phrases::find(&p, name, closing);
            total_ms.push(start.elapsed().as_secs_f64() * 1e3);
            found = drafts.len();
            pages = p.len();
        }
        println!(
            "leidraad {name}: {pages} pagina('s), {} kB, {found} voorstellen — lezen {:.0} ms, lezen + voorstellen {:.0} ms (doel < 1000 ms; mediaan van 5)",
            bytes.len() / 1024,
            median(extract_ms),
            median(total_ms)
        );
    }

    corpus();

    // 2. Twenty bids, each with a KvK-uittreksel and two final deliverables.
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let tender = store
        .add_tender(&TenderInput {
            status: TenderStatus::Inschrijven,
            ..TenderInput::new("Jeugdhulp Noord-Drenthe 2027", Procedure::Openbaar, TenderDomain::Jeugdwet)
        })
        .unwrap();
    store.add_milestone(tender, MilestoneKind::Sluiting, parse_moment("s", "2027-01-15 12:00").unwrap(), "", "").unwrap();
    let input = |code: Option<&str>, name: &str| RequirementInput {
        lot_number: None,
        type_code: code.map(str::to_string),
        name: name.into(),
        max_age: None,
        note: String::new(),
    };
    store.add_requirement(tender, &input(Some("kvk"), "")).unwrap();
    let sheet = store.add_requirement(tender, &input(None, "Prijzenblad")).unwrap();
    let plan = store.add_requirement(tender, &input(None, "Plan van aanpak")).unwrap();
    let raw = dir.path().join("bestanden");
    std::fs::create_dir_all(&raw).unwrap();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut write = |path: &std::path::Path| {
        let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        let mut chunk = vec![0u8; 1024];
        for _ in 0..kb {
            for b in chunk.iter_mut() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                *b = seed as u8;
            }
            f.write_all(&chunk).unwrap();
        }
    };
    let today = chrono::Utc::now().date_naive();
    for i in 0..20 {
        let p = store
            .add_provider(&PartyInput { name: format!("Aanbieder {i:02}"), kvk: format!("{:08}", 20_000_000 + i), ..Default::default() })
            .unwrap();
        let kvk = raw.join(format!("{i:02}-kvk.pdf"));
        write(&kvk);
        store
            .add_document(&DocumentInput {
                party_id: p,
                type_code: "kvk".into(),
                file: kvk,
                original_name: None,
                issue_date: today,
                expiry_date: None,
                note: String::new(),
            })
            .unwrap();
        let bid = store.add_bid(tender, None, p, "").unwrap();
        for (req, name) in [(sheet, "prijzenblad.xlsx"), (plan, "plan van aanpak.pdf")] {
            let f = raw.join(format!("{i:02}-{name}"));
            write(&f);
            let cell = store.deliverable_cell(bid, req, None).unwrap();
            store.attach_deliverable_file(cell, &f, Some(name), true).unwrap();
        }
    }
    let bytes: u64 = store.blob_list().unwrap().iter().map(|(_, s)| s).sum();
    let out = dir.path().join("uit");
    let options = PackOptions::default();
    let _ = tenderwacht_export::tender_packs::write_tender(&store, tender, &out, &options, &mut |_, _, _| {}).unwrap(); // warm the cache
    let (mut ours, mut zips) = (vec![], vec![]);
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::process::Command::new("sync").status();
        let start = Instant::now();
        let outcomes = tenderwacht_export::tender_packs::write_tender(&store, tender, &out, &options, &mut |_, _, _| {}).unwrap();
        ours.push(bytes as f64 / 1e6 / start.elapsed().as_secs_f64());
        assert!(outcomes.iter().all(|o| o.error.is_none() && o.files == 5), "{outcomes:#?}");
        let zip_out = dir.path().join("zip0.zip");
        let _ = std::fs::remove_file(&zip_out);
        let _ = std::process::Command::new("sync").status();
        let start = Instant::now();
        let status = std::process::Command::new("zip")
            .args(["-0", "-r", "-q"])
            .arg(&zip_out)
            .arg(tenderwacht_store::datadir::FILES_DIR)
            .current_dir(store.data_dir())
            .status();
        if status.is_ok_and(|s| s.success()) {
            if let Ok(f) = std::fs::File::open(&zip_out) {
                let _ = f.sync_all();
            }
            zips.push(bytes as f64 / 1e6 / start.elapsed().as_secs_f64());
        }
    }
    let ours = median(ours);
    match zips.is_empty() {
        true => println!("20 pakketten met op te stellen stukken: {:.1} MB, {ours:.0} MB/s (zip niet gevonden)", bytes as f64 / 1e6),
        false => {
            let zip = median(zips);
            println!(
                "20 pakketten met op te stellen stukken: {:.1} MB, Tenderwacht {ours:.0} MB/s, zip -0 {zip:.0} MB/s, verhouding {:.2}x",
                bytes as f64 / 1e6,
                ours / zip
            );
        }
    }
}

/// The real buyers' documents of tests/fixtures/buyers: per file and overall, recall and
/// precision of documents with their age and of dates, and seconds per page (median of 3).
/// `TENDERWACHT_CORPUS_LIST=1` also prints every proposal, to compare with the facts by hand.
fn corpus() {
    let list = std::env::var_os("TENDERWACHT_CORPUS_LIST").is_some();
    let (mut documents, mut dates) = (corpus::Score::default(), corpus::Score::default());
    let (mut asked_right, mut asked_judged, mut pages_read, mut seconds, mut missing) = (0, 0, 0, 0.0, 0);
    let all = corpus::load_all();
    for (_, facts) in &all {
        let Some(path) = corpus::locate(facts) else {
            println!("corpus {}: ontbreekt (zie tests/fixtures/buyers/README.md; TENDERWACHT_CORPUS=map)", facts.file);
            missing += 1;
            continue;
        };
        let bytes = std::fs::read(&path).unwrap();
        let mut times = vec![];
        let mut drafts = vec![];
        let mut pages = 0;
        for _ in 0..3 {
            let start = Instant::now();
            let p = text::extract(&bytes, &facts.file).unwrap();
            drafts = phrases::find(&p, &facts.file, facts.closing);
            times.push(start.elapsed().as_secs_f64());
            pages = p.len();
        }
        let t = median(times);
        let r = corpus::score(facts, &drafts);
        println!(
            "corpus {} ({}, {}, {pages} p.): documenten recall {:.2} ({}/{}) precisie {:.2} ({}/{}), moment goed {}/{}; datums recall {:.2} ({}/{}) precisie {:.2} ({}/{}); {:.1} ms/pagina, {:.2} s",
            facts.file,
            facts.buyer,
            facts.producer,
            r.documents.recall(),
            r.documents.found,
            r.documents.wanted,
            r.documents.precision(),
            r.documents.right,
            r.documents.proposed,
            r.asked_right,
            r.asked_judged,
            r.dates.recall(),
            r.dates.found,
            r.dates.wanted,
            r.dates.precision(),
            r.dates.right,
            r.dates.proposed,
            t * 1e3 / pages.max(1) as f64,
            t
        );
        if list {
            for d in &drafts {
                println!("    {}", corpus::describe(d));
            }
            for m in corpus::missed(facts, &drafts) {
                println!("    GEMIST {m}");
            }
        }
        documents.add(r.documents);
        dates.add(r.dates);
        asked_right += r.asked_right;
        asked_judged += r.asked_judged;
        pages_read += pages;
        seconds += t;
    }
    if all.len() > missing {
        println!(
            "corpus totaal ({} van {} bestanden, {pages_read} pagina's): documenten recall {:.2} precisie {:.2}, moment goed {asked_right}/{asked_judged}; datums recall {:.2} precisie {:.2}; {:.1} ms/pagina (doel: recall en precisie >= 0,9)",
            all.len() - missing,
            all.len(),
            documents.recall(),
            documents.precision(),
            dates.recall(),
            dates.precision(),
            seconds * 1e3 / pages_read.max(1) as f64
        );
    }
}
