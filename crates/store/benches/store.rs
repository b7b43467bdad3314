//! Store benchmark on a realistic, generated dataset: 150 providers, 20,000 tenders with
//! milestones, 3,000 bids x 20 requirements and 30,000 documents. Prints open + migrate time,
//! agenda p50/p95 and checklist p50/p95 per tender and per provider. Target: p95 under 10 ms.
//!
//! Run: `cargo bench -p tenderwacht-store --bench store`. `TENDERWACHT_BENCH_SCALE=0.1` runs a
//! tenth of the dataset (the test script does, to prove the benchmark still works).

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark set-up: a panic is the report

use chrono::{Duration as Days, NaiveDate};
use rusqlite::params;
use std::time::{Duration, Instant};
use tenderwacht_domain::agenda::AgendaFilter;
use tenderwacht_store::{ChecklistScope, Store};
use uuid::Uuid;

const MUNICIPALITIES: &[&str] = &["Assen", "Emmen", "Groningen", "Leeuwarden", "Heerenveen", "Tynaarlo", "Midden-Groningen", "Smallingerland"];
const REGIONS: &[&str] = &["Groningen", "Friesland", "Drenthe"];

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let idx = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[idx].as_secs_f64() * 1000.0
}

fn measure(n: usize, mut f: impl FnMut(usize)) -> (f64, f64) {
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        f(i);
        samples.push(t.elapsed());
    }
    (percentile(&mut samples, 0.5), percentile(&mut samples, 0.95))
}

fn main() {
    let scale: f64 = std::env::var("TENDERWACHT_BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let n = |full: usize| ((full as f64 * scale).round() as usize).max(1);
    let (providers, tenders, bids, documents) = (n(150).max(10), n(20_000), n(3_000), n(30_000));
    // TENDERWACHT_BENCH_CONTRACTS=0 leaves the contracts out, to see what they add to the agenda.
    let contracts = std::env::var("TENDERWACHT_BENCH_CONTRACTS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .map(|c| if c == 0 { 0 } else { n(c) })
        .unwrap_or_else(|| n(2_000));
    let requirements_per_tender = 20;
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

    // TENDERWACHT_BENCH_DIR keeps the generated data folder (for the desktop figures and for
    // looking at query plans); by default it is a temporary folder.
    let tmp = tempfile::tempdir().unwrap();
    let dir_path = std::env::var_os("TENDERWACHT_BENCH_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| tmp.path().to_path_buf());
    if dir_path.join(tenderwacht_store::datadir::DB_FILE).exists() {
        panic!("{} already holds a store; give an empty folder", dir_path.display());
    }
    let t = Instant::now();
    let store = Store::open(&dir_path).unwrap();
    let open_new = t.elapsed();
    let conn = store.connection();
    // Seeded, so every run builds the same dataset.
    let mut rng = fastrand::Rng::with_seed(0x5eed_1234_abcd_0001);

    let t = Instant::now();
    conn.execute_batch("BEGIN").unwrap();
    let now = "2026-11-23T08:00:00Z";
    let types: Vec<(String, String)> = conn
        .prepare("SELECT id, code FROM document_type ORDER BY code")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut provider_ids = Vec::new();
    for i in 0..providers {
        let id = Uuid::now_v7().to_string();
        conn.execute(
            "INSERT INTO party (id, kind, name, kvk, place, created_at, updated_at) VALUES (?1, 'provider', ?2, ?3, ?4, ?5, ?5)",
            params![id, format!("Zorgaanbieder {i:03}"), format!("{:08}", 10_000_000 + i), MUNICIPALITIES[i % MUNICIPALITIES.len()], now],
        )
        .unwrap();
        conn.execute("INSERT INTO party_domain (party_id, domain) VALUES (?1, 'jeugdwet')", [&id]).unwrap();
        provider_ids.push(id);
    }
    // Documents: spread over the providers and types, issued over the last three years.
    for i in 0..documents {
        let id = Uuid::now_v7().to_string();
        let sha = format!("{:064x}", i as u128 * 7919 + 1);
        let (type_id, code) = &types[rng.usize(..types.len())];
        let issue = today - Days::days(rng.i64(0..3 * 365));
        let expiry = matches!(code.as_str(), "hkz" | "iso9001" | "kkljz" | "avb" | "bav" | "wkkgz-geschillen" | "skj")
            .then(|| issue + Days::days(365 + rng.i64(0..730)));
        conn.execute("INSERT INTO blob (sha256, size, created_at) VALUES (?1, 250000, ?2)", params![sha, now]).unwrap();
        conn.execute(
            "INSERT INTO document (id, party_id, type_id, sha256, original_name, issue_date, expiry_date, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, provider_ids[i % providers], type_id, sha, format!("{code}-{i}.pdf"), issue.to_string(), expiry.map(|e| e.to_string()), now],
        )
        .unwrap();
    }
    // The newest document per provider and type is the current one (the store keeps this flag
    // on every insert; the generator sets it once).
    conn.execute_batch(
        "UPDATE document SET is_current = 1 WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER
             (PARTITION BY party_id, type_id ORDER BY issue_date DESC, created_at DESC, id DESC) AS rn FROM document) WHERE rn = 1)",
    )
    .unwrap();
    // Tenders: closings spread from a year ago to two years ahead; one in ten followed.
    let statuses = ["nieuw", "volgen", "inschrijven", "vervallen", "nieuw", "nieuw", "gegund", "nieuw", "afgewezen", "nieuw"];
    let mut tender_ids = Vec::new();
    for i in 0..tenders {
        let id = Uuid::now_v7().to_string();
        let status = statuses[i % statuses.len()];
        conn.execute(
            "INSERT INTO tender (id, title, buyer, region, procedure, domain, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'lichte_regeling', 'jeugdwet', ?5, ?6, ?6)",
            params![id, format!("Jeugdhulp perceel {i}"), format!("Gemeente {}", MUNICIPALITIES[i % 8]), REGIONS[i % 3], status, now],
        )
        .unwrap();
        let closing = today - Days::days(365) + Days::days(rng.i64(0..3 * 365));
        for (kind, offset, hour) in
            [("publicatie", -42, 9), ("vragen_deadline", -21, 12), ("nota_van_inlichtingen", -14, 17), ("sluiting", 0, 12), ("start_contract", 90, 0)]
        {
            let at = tenderwacht_domain::time::local_to_utc("", (closing + Days::days(offset)).and_hms_opt(hour, 0, 0).unwrap()).unwrap();
            conn.execute(
                "INSERT INTO milestone (id, tender_id, kind, at_utc) VALUES (?1, ?2, ?3, ?4)",
                params![Uuid::now_v7().to_string(), id, kind, tenderwacht_domain::time::to_db(at)],
            )
            .unwrap();
        }
        tender_ids.push((id, status));
    }
    // Bids: ten per bid-on tender, on followed tenders, each tender with 20 requirements.
    let bid_tenders: Vec<&String> =
        tender_ids.iter().filter(|(_, s)| matches!(*s, "volgen" | "inschrijven")).map(|(id, _)| id).take(bids.div_ceil(10)).collect();
    let mut made = 0;
    'outer: for (ti, tid) in bid_tenders.iter().enumerate() {
        for r in 0..requirements_per_tender {
            let (kind, type_id, name) =
                if r < 16 { ("document", Some(types[r % types.len()].0.clone()), String::new()) } else { ("deliverable", None, format!("Stuk {r}")) };
            conn.execute(
                "INSERT INTO requirement (id, tender_id, kind, type_id, name, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![Uuid::now_v7().to_string(), tid, kind, type_id, name, r as i64],
            )
            .unwrap();
        }
        for b in 0..10 {
            if made == bids {
                break 'outer;
            }
            let party = &provider_ids[(ti * 10 + b) % providers];
            conn.execute(
                "INSERT OR IGNORE INTO bid (id, tender_id, party_id, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![Uuid::now_v7().to_string(), tid, party, now],
            )
            .unwrap();
            made += 1;
        }
    }
    // Contracts after the award: each with 10 obligations (five yearly before a day, five valid
    // throughout), ends spread over three years, some without extension options left.
    for i in 0..contracts {
        let id = Uuid::now_v7().to_string();
        let start = today - Days::days(rng.i64(0..730));
        let end = today + Days::days(rng.i64(-60..3 * 365));
        let (total, used) = (rng.u32(0..3), 0);
        conn.execute(
            "INSERT INTO contract (id, title, party_id, buyer, domain, start_date, end_date, extensions_total, extensions_used, extension_amount,
                 extension_unit, notice_amount, notice_unit, created_at)
             VALUES (?1, ?2, ?3, ?4, 'jeugdwet', ?5, ?6, ?7, ?8, 12, 'months', 3, 'months', ?9)",
            params![
                id,
                format!("Contract {i}"),
                provider_ids[i % providers],
                format!("Gemeente {}", MUNICIPALITIES[i % 8]),
                start.to_string(),
                end.max(start).to_string(),
                total,
                used,
                now
            ],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO contract_municipality (contract_id, municipality) VALUES (?1, ?2)",
            params![id, MUNICIPALITIES[i % MUNICIPALITIES.len()]],
        )
        .unwrap();
        for k in 0..10 {
            let (rule, month, day) =
                if k < 5 { ("yearly_before", Some(1 + rng.u32(0..12)), Some(1 + rng.u32(0..28))) } else { ("valid_throughout", None, None) };
            conn.execute(
                "INSERT INTO obligation (id, contract_id, type_id, rule, month, day) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![Uuid::now_v7().to_string(), id, types[(i + k) % types.len()].0, rule, month, day],
            )
            .unwrap();
        }
    }
    conn.execute_batch("COMMIT").unwrap();
    let generate = t.elapsed();
    drop(store);

    // Open + migrate of an existing store (what every start does), and of a new one.
    let (open_p50, open_p95) = measure(20, |_| {
        Store::open(&dir_path).unwrap();
    });
    let mut store = Store::open(&dir_path).unwrap();
    store.set_today(Some(today));
    let filter = AgendaFilter::around(today, 28);
    let agenda_len = store.agenda(&filter).unwrap().len();
    let (agenda_p50, agenda_p95) = measure(200, |_| {
        store.agenda(&filter).unwrap();
    });
    // The agenda is kept until the day or the data changes; right after an edit it is made again
    // (an edit between the calls), and on a fresh store the obligations are judged again too.
    let (edited_p50, edited_p95) = measure(100, |i| {
        store.set_today(Some(if i % 2 == 0 { today } else { today.succ_opt().unwrap() }));
        store.agenda(&filter).unwrap();
    });
    // Of which the contracts' obligations: the kept rows judged on the new day.
    let (day_obl_p50, day_obl_p95) = measure(100, |i| {
        store.set_today(Some(if i % 2 == 0 { today } else { today.succ_opt().unwrap() }));
        store.obligations_needing_action(None).unwrap();
    });
    store.set_today(Some(today));
    let (cold_p50, cold_p95) = measure(20, |_| {
        let mut fresh = Store::open(&dir_path).unwrap();
        fresh.set_today(Some(today));
        fresh.agenda(&filter).unwrap();
    });

    let bid_tender_ids: Vec<Uuid> = bid_tenders.iter().map(|s| Uuid::parse_str(s).unwrap()).collect();
    let rows_tender = store.checklist(ChecklistScope::Tender(bid_tender_ids[0])).unwrap().rows.len();
    let needing = store.obligations_needing_action(None).unwrap().len();
    // The judged obligations are kept until the day or the data changes; a fresh store (as after
    // an edit) judges them again: that is the cold figure.
    let (obl_p50, obl_p95) = measure(20, |_| {
        let fresh = Store::open(&dir_path).unwrap();
        fresh.obligations_needing_action(None).unwrap();
    });
    let (tender_p50, tender_p95) = measure(200, |i| {
        store.checklist(ChecklistScope::Tender(bid_tender_ids[i % bid_tender_ids.len()])).unwrap();
    });
    let provider_uuids: Vec<Uuid> = provider_ids.iter().map(|s| Uuid::parse_str(s).unwrap()).collect();
    let rows_provider = store.checklist(ChecklistScope::Party(provider_uuids[0])).unwrap().rows.len();
    let (party_p50, party_p95) = measure(200, |i| {
        store.checklist(ChecklistScope::Party(provider_uuids[i % provider_uuids.len()])).unwrap();
    });

    println!("Tenderwacht store benchmark (scale {scale})");
    println!("  dataset: {providers} providers, {tenders} tenders x 5 milestones, {made} bids x {requirements_per_tender} requirements, {documents} documents, {contracts} contracts x 10 obligations");
    println!("  generate dataset:           {:>9.1} ms", generate.as_secs_f64() * 1000.0);
    println!("  open + migrate (new store): {:>9.2} ms", open_new.as_secs_f64() * 1000.0);
    println!("  open existing store:        p50 {open_p50:>7.2} ms   p95 {open_p95:>7.2} ms");
    println!("  agenda with contracts (28 days, {agenda_len:>4} items): p50 {agenda_p50:>7.2} ms   p95 {agenda_p95:>7.2} ms");
    println!("    made again (day changed, obligations kept per day): p50 {edited_p50:>7.2} ms   p95 {edited_p95:>7.2} ms");
    println!("      of which obligations judged on the new day:       p50 {day_obl_p50:>7.2} ms   p95 {day_obl_p95:>7.2} ms");
    println!("    cold (fresh store: opening, obligations judged):    p50 {cold_p50:>7.2} ms   p95 {cold_p95:>7.2} ms");
    println!(
        "  obligations needing action, cold ({needing:>4} of {} judged, incl. opening): p50 {obl_p50:>7.2} ms   p95 {obl_p95:>7.2} ms",
        contracts * 10
    );
    println!("  checklist tender ({rows_tender:>4} rows): p50 {tender_p50:>7.2} ms   p95 {tender_p95:>7.2} ms");
    println!("  checklist provider ({rows_provider:>3} rows): p50 {party_p50:>7.2} ms   p95 {party_p95:>7.2} ms");
    let worst = agenda_p95.max(tender_p95).max(party_p95);
    println!("  target p95 < 10 ms: {}", if worst < 10.0 { "met" } else { "NOT met" });
}
