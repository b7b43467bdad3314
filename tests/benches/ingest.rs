//! Ingest benchmark: 10,000 TenderNed-shaped list items served from the loopback fixture server,
//! synced end to end (profile matching, regions, dedup, change detection, search index, raw
//! payloads), next to two figures from the same run on the same server: the floor (fetch +
//! serde_json parse + one-transaction insert of the same items) and the script a user would write
//! instead (Python: urllib + json + sqlite3 upsert).
//!
//! Run: `cargo bench -p tenderwacht-tests --bench ingest`. `TENDERWACHT_BENCH_ITEMS=1000` for a
//! quick run.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark set-up: a panic is the report

/// The allocator the binaries use (`tenderwacht`, `tenderwacht-cli`), so the sync is measured as
/// it runs there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::{Duration, Instant};
use tenderwacht_domain::publication::SourceKind;
use tenderwacht_sources::http::{Fetched, Fetcher, HttpOptions};
use tenderwacht_sources::sync::SyncOptions;
use tenderwacht_sources::Syncer;
use tenderwacht_store::Store;
use tenderwacht_tests::server::{FixtureServer, Reply};

const LIST: &str = "/papi/tenderned-rs-tns/v2/publicaties";
const PAGE: usize = 100;

const PLACES: &[&str] = &[
    "Assen",
    "Emmen",
    "Groningen",
    "Leeuwarden",
    "Heerenveen",
    "Tynaarlo",
    "Midden-Groningen",
    "Smallingerland",
    "Súdwest-Fryslân",
    "Westerkwartier",
    "Hoogeveen",
    "Meppel",
    "Utrecht",
    "Zwolle",
    "Amersfoort",
];
const SUBJECTS: &[&str] = &[
    "Jeugdhulp met verblijf",
    "Wmo begeleiding individueel",
    "Dagbesteding ouderen",
    "Specialistische jeugdzorg",
    "Beschermd wonen",
    "Huishoudelijke ondersteuning Wmo",
    "Levering kantoorartikelen",
    "Onderhoud openbare verlichting",
    "Schoonmaak gemeentehuis",
    "ICT-werkplekbeheer",
];

fn page_json(page: usize, pages: usize, total: usize) -> String {
    let today = chrono::Utc::now().date_naive();
    let items: Vec<serde_json::Value> = (page * PAGE..((page + 1) * PAGE).min(total))
        .map(|i| {
            let id = 900_000 + (total - i); // newest first
            let place = PLACES[i % PLACES.len()];
            let subject = SUBJECTS[(i / 3) % SUBJECTS.len()];
            let closing = today + chrono::Duration::days(20 + (i % 90) as i64);
            serde_json::json!({
                "publicatieId": id.to_string(),
                "publicatieDatum": (today - chrono::Duration::days((i % 30) as i64)).to_string(),
                "typePublicatie": { "code": "AAO", "omschrijving": "Aankondiging van een opdracht" },
                "aanbestedingNaam": format!("{subject} {place} {} (ref. {id})", 2027 + i % 3),
                "opdrachtgeverNaam": format!("Gemeente {place}"),
                "sluitingsDatum": format!("{closing}T12:00:00"),
                "procedure": { "code": "OPE", "omschrijving": "Openbaar" },
                "typeOpdracht": { "code": "D", "omschrijving": "Diensten" },
                "link": { "href": format!("/aankondigingen/overzicht/{id}"), "title": subject },
                "urlTsenderNaam": "Mercell",
                "europees": i % 4 == 0,
                "opdrachtBeschrijving": format!("{subject} voor inwoners van {place}; perceel {}.", i % 5 + 1)
            })
        })
        .collect();
    serde_json::json!({ "content": items, "first": page == 0, "last": page + 1 == pages, "number": page, "size": PAGE,
                        "totalPages": pages, "totalElements": total })
    .to_string()
}

fn fast_http() -> HttpOptions {
    HttpOptions { min_interval: Duration::ZERO, ..Default::default() }
}

/// One sync into a fresh store; with `recording`, the store is in a team, so every write
/// transaction also records its changeset for the others (issue 13's "change recording on").
fn tenderwacht_run(server: &FixtureServer, total: usize, pages: usize, recording: bool) -> (f64, tenderwacht_sources::SyncReport) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    if recording {
        let m = tenderwacht_domain::team::Membership {
            team_id: "bench".into(),
            team_name: "Bench".into(),
            device_id: uuid::Uuid::now_v7().to_string(),
            device_name: "bench".into(),
            folder: dir.path().display().to_string(),
            key_hex: "0".repeat(64),
            last_sync_at: None,
            key_in_keychain: false,
            key_epoch: 1,
        };
        store.become_member(&m).unwrap();
    }
    for s in store.sources().unwrap() {
        store.update_source(s.id, None, Some(false)).unwrap();
    }
    let config = serde_json::json!({ "page_size": PAGE, "fetch_details": false, "first_sync_days": 60, "backfill_pages": 1 });
    store.add_source("TenderNed (bench)", SourceKind::Tenderned, &server.base, &config).unwrap();
    let profile = store.profiles().unwrap();
    let options = SyncOptions { http: fast_http(), download_documents: false, max_pages: u32::try_from(pages + 1).unwrap() };
    let start = Instant::now();
    let mut syncer = Syncer::new(&mut store, profile, options).unwrap();
    let report = syncer.sync_all(Some("TenderNed (bench)"), &mut |_| {}).unwrap().remove(0);
    let secs = start.elapsed().as_secs_f64();
    drop(syncer);
    assert_eq!(report.fetched as usize, total, "{report:#?}");
    // The work measured is all there: every kept item is a tender with its closing date, a raw
    // payload and a search entry.
    let count = |sql: &str| -> i64 { store.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM tender"), i64::from(report.new));
    assert_eq!(count("SELECT count(*) FROM milestone WHERE kind = 'sluiting'"), i64::from(report.new));
    assert_eq!(count("SELECT count(*) FROM publication"), i64::from(report.new));
    assert_eq!(count("SELECT count(*) FROM tender_fts WHERE tender_fts MATCH 'jeugdhulp'") > 0, report.new > 0);
    assert_eq!(count("SELECT count(*) FROM team_entry") > 0, recording, "changes recorded exactly when in a team");
    (total as f64 / secs, report)
}

// The floor is a bare SQLite connection on purpose: what the least a sync could do costs.
#[allow(clippy::disallowed_methods)]
fn floor_run(server: &FixtureServer, total: usize, pages: usize) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("floor.sqlite")).unwrap();
    conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t (id TEXT PRIMARY KEY, title TEXT, buyer TEXT, closing TEXT, payload TEXT);").unwrap();
    let mut fetcher = Fetcher::new(fast_http()).unwrap();
    let start = Instant::now();
    let mut n = 0;
    conn.execute_batch("BEGIN").unwrap();
    {
        let mut stmt = conn.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET title = excluded.title").unwrap();
        for p in 0..pages {
            let url = format!("{}{LIST}?page={p}&size={PAGE}", server.base);
            let Fetched::Body(body) = fetcher.get(&url, (None, None), "application/json").unwrap() else { panic!("304") };
            let v: serde_json::Value = serde_json::from_slice(&body.bytes).unwrap();
            for item in v["content"].as_array().unwrap() {
                stmt.execute(rusqlite::params![
                    item["publicatieId"].as_str(),
                    item["aanbestedingNaam"].as_str(),
                    item["opdrachtgeverNaam"].as_str(),
                    item["sluitingsDatum"].as_str(),
                    item.to_string()
                ])
                .unwrap();
                n += 1;
            }
        }
    }
    conn.execute_batch("COMMIT").unwrap();
    assert_eq!(n, total);
    total as f64 / start.elapsed().as_secs_f64()
}

const PYTHON: &str = r#"
import json, sqlite3, sys, time, urllib.request
base, pages, db = sys.argv[1], int(sys.argv[2]), sys.argv[3]
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
con.execute("CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, title TEXT, buyer TEXT, closing TEXT, payload TEXT)")
t0 = time.perf_counter()
n = 0
for p in range(pages):
    with urllib.request.urlopen(f"{base}/papi/tenderned-rs-tns/v2/publicaties?page={p}&size=100") as r:
        data = json.load(r)
    rows = [(i["publicatieId"], i["aanbestedingNaam"], i["opdrachtgeverNaam"], i.get("sluitingsDatum"), json.dumps(i)) for i in data["content"]]
    con.executemany("INSERT INTO t VALUES (?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET title=excluded.title, buyer=excluded.buyer, closing=excluded.closing, payload=excluded.payload", rows)
    n += len(rows)
con.commit()
print(n / (time.perf_counter() - t0))
"#;

fn python_run(server: &FixtureServer, pages: usize) -> Option<f64> {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("ingest.py");
    std::fs::write(&script, PYTHON).unwrap();
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(&server.base)
        .arg(pages.to_string())
        .arg(dir.path().join("py.sqlite"))
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn main() {
    let total: usize = std::env::var("TENDERWACHT_BENCH_ITEMS").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let pages = total.div_ceil(PAGE);
    let server = FixtureServer::start();
    for p in 0..pages {
        server.route(&format!("{LIST}?page={p}&size={PAGE}"), vec![Reply::json(page_json(p, pages, total))]);
    }
    // Profiling aid: `TENDERWACHT_BENCH_ONLY=tenderwacht` runs only the sync, three times
    // (`TENDERWACHT_BENCH_RECORDING=1`: in a team, recording changesets).
    if std::env::var("TENDERWACHT_BENCH_ONLY").is_ok_and(|v| v == "tenderwacht") {
        for _ in 0..3 {
            let recording = std::env::var("TENDERWACHT_BENCH_RECORDING").is_ok_and(|v| v == "1");
            let (rate, _) = tenderwacht_run(&server, total, pages, recording);
            println!("tenderwacht sync: {rate:.0} items/s");
        }
        return;
    }
    // Warm up the server and the page cache once.
    let _ = floor_run(&server, total, pages);
    let mut tw = vec![];
    let mut floor = vec![];
    let mut py = vec![];
    let mut recorded = vec![];
    let mut last_report = None;
    for _ in 0..3 {
        let (rate, report) = tenderwacht_run(&server, total, pages, false);
        tw.push(rate);
        recorded.push(tenderwacht_run(&server, total, pages, true).0);
        last_report = Some(report);
        floor.push(floor_run(&server, total, pages));
        if let Some(r) = python_run(&server, pages) {
            py.push(r);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let (tw, floor, py, recorded) = (median(&mut tw), median(&mut floor), median(&mut py), median(&mut recorded));
    let r = last_report.unwrap();
    println!("Tenderwacht ingest benchmark: {total} TenderNed list items from loopback, median of 3 runs");
    println!("  tenderwacht sync (profile, regions, dedup, changes, FTS, raw payloads): {tw:>9.0} items/s");
    println!(
        "     last run: {} new, {} updated, {} unchanged, {} outside the profile, {} rejected, {} requests",
        r.new,
        r.updated,
        r.unchanged,
        r.filtered,
        r.rejected.len(),
        r.requests
    );
    println!("  floor (fetch + serde_json + one-transaction insert):                 {floor:>9.0} items/s");
    println!("  python script (urllib + json + sqlite3 upsert):                        {py:>9.0} items/s");
    println!("  vs python: {:.2}x   vs floor: {:.2}x (target: > 1.0x python, >= 0.5x floor)", tw / py, tw / floor);
    println!("  tenderwacht sync in a team (every write's changeset recorded):        {recorded:>9.0} items/s");
    println!("  change recording on vs off: {:.2}x (target: >= 0.9x)", recorded / tw);
    if total < 10_000 {
        // A smoke run: start-up (threads, connections, region data) weighs more on few items.
        println!("  (smoke run on {total} items: the target is for the full 10,000-item run)");
    }
}
