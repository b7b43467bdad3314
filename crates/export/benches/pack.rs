//! Pack benchmark: a cooperative's bid whose members provide every catalogue document — about
//! 500 MB of PDF-sized files — packed as a zip, next to `zip -0 -r` on the same files in the same
//! run. Prints throughput of both (target: at least 0.8x) and the peak memory of this process
//! while packing (files are streamed, so it stays far below the pack's size).
//!
//! Run: `cargo bench -p tenderwacht-export --bench pack`. `TENDERWACHT_BENCH_MB=50` for a quick run.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark set-up: a panic is the report

use std::io::Write;
use std::time::Instant;
use tenderwacht_domain::{time::parse_moment, *};
use tenderwacht_export::pack::{self, PackOptions};
use tenderwacht_export::pack_plan;
use tenderwacht_store::Store;

/// Peak resident memory of this process so far (VmHWM), in MB; resettable via clear_refs.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn reset_peak() {
    // "5" resets the peak RSS counter (Linux >= 4.0).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let total_mb: usize = std::env::var("TENDERWACHT_BENCH_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(500);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let types: Vec<String> = store.document_types().unwrap().into_iter().filter(|t| t.rule.describe() != "geen").map(|t| t.code).take(18).collect();
    let members = 14usize;
    let file_mb = (total_mb as f64 / (types.len() * members) as f64).max(0.05);
    let file_bytes = (file_mb * 1024.0 * 1024.0) as usize;
    let coop = store.add_cooperative(&PartyInput { name: "Coöperatie Zorg Noord".into(), kvk: "90000001".into(), ..Default::default() }).unwrap();
    let tender = store
        .add_tender(&TenderInput {
            buyer: "Gemeente Groningen".into(),
            region: "Groningen".into(),
            status: TenderStatus::Inschrijven,
            ..TenderInput::new("Jeugdhulp Groningen 2027", Procedure::LichteRegeling, TenderDomain::Jeugdwet)
        })
        .unwrap();
    store.add_milestone(tender, MilestoneKind::Sluiting, parse_moment("s", "2027-06-15 12:00").unwrap(), "", "").unwrap();
    let mut reqs = vec![];
    for t in &types {
        reqs.push(
            store
                .add_requirement(
                    tender,
                    &RequirementInput { lot_number: None, type_code: Some(t.clone()), name: String::new(), max_age: None, note: String::new() },
                )
                .unwrap(),
        );
    }
    let raw = dir.path().join("bestanden");
    std::fs::create_dir_all(&raw).unwrap();
    let today = chrono::Utc::now().date_naive();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for m in 0..members {
        let p = store
            .add_provider(&PartyInput { name: format!("Aanbieder {m:02}"), kvk: format!("{:08}", 10_000_000 + m), ..Default::default() })
            .unwrap();
        store.add_member(coop, p).unwrap();
        for t in &types {
            // Incompressible bytes like a scanned PDF, written in chunks (no whole file in memory).
            let path = raw.join(format!("{m:02}-{t}.pdf"));
            let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
            f.write_all(b"%PDF-1.7\n").unwrap();
            let mut chunk = vec![0u8; 64 * 1024];
            let mut left = file_bytes;
            while left > 0 {
                for b in chunk.iter_mut() {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    *b = seed as u8;
                }
                let n = left.min(chunk.len());
                f.write_all(&chunk[..n]).unwrap();
                left -= n;
            }
            drop(f);
            let expiry = matches!(store.document_type(t).unwrap().rule, ValidityRule::UntilPrinted).then(|| today + chrono::Duration::days(700));
            store
                .add_document(&DocumentInput {
                    party_id: p,
                    type_code: t.clone(),
                    file: path,
                    original_name: None,
                    issue_date: today,
                    expiry_date: expiry,
                    note: String::new(),
                })
                .unwrap();
        }
    }
    let bid = store.add_bid(tender, None, coop, "").unwrap();
    for r in &reqs {
        store.set_provided_by(bid, *r, ProvidedBy::Members).unwrap();
    }
    let plan = pack_plan::plan(&store, bid, tenderwacht_export::names::DEFAULT_TEMPLATE).unwrap();
    let bytes: u64 = plan.entries.iter().filter_map(|e| e.size).sum();
    let files = plan.entries.iter().filter(|e| e.file_name.is_some()).count();
    let out = dir.path().join("uit");
    // Warm the page cache once so both sides read from memory.
    let _ = pack::write(&plan, &out, &PackOptions { force: true, ..Default::default() }).unwrap();
    let mut ours = vec![];
    let mut zips = vec![];
    let mut peak = 0.0f64;
    let settle = || {
        // Neither side pays for the other's writeback: flush dirty pages before each timing.
        let _ = std::process::Command::new("sync").status();
    };
    let mut zips_synced = vec![];
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(&out);
        settle();
        reset_peak();
        let before = peak_rss_mb();
        let start = Instant::now();
        let result = pack::write(&plan, &out, &PackOptions { force: true, ..Default::default() }).unwrap();
        ours.push(bytes as f64 / 1e6 / start.elapsed().as_secs_f64());
        peak = peak.max(peak_rss_mb() - before.min(peak_rss_mb()));
        assert_eq!(result.files as usize, files + 2);

        // zip -0 -r on the same files (a folder of the blob files).
        let zip_out = dir.path().join("zip0.zip");
        let _ = std::fs::remove_file(&zip_out);
        settle();
        let start = Instant::now();
        let status = std::process::Command::new("zip")
            .arg("-0")
            .arg("-r")
            .arg("-q")
            .arg(&zip_out)
            .arg(tenderwacht_store::datadir::FILES_DIR)
            .current_dir(store.data_dir())
            .status();
        if status.is_ok_and(|s| s.success()) {
            zips.push(bytes as f64 / 1e6 / start.elapsed().as_secs_f64());
            // The same zip made durable, as Tenderwacht's pack is (fsync before rename).
            if let Ok(f) = std::fs::File::open(&zip_out) {
                let _ = f.sync_all();
            }
            zips_synced.push(bytes as f64 / 1e6 / start.elapsed().as_secs_f64());
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let (ours, zip0, zip0_synced) = (median(&mut ours), median(&mut zips), median(&mut zips_synced));
    println!("Tenderwacht pack benchmark: {files} files, {:.0} MB, median of 3 runs", bytes as f64 / 1e6);
    println!("  tenderwacht pack (zip, stored, sha256 checked, PDF + text index): {ours:>8.0} MB/s");
    println!("  zip -0 -r on the same files:                                      {zip0:>8.0} MB/s");
    println!("  zip -0 -r, then fsync (durable like ours):                        {zip0_synced:>8.0} MB/s");
    println!("  ratio: {:.2}x vs zip -0 (target >= 0.80x); {:.2}x vs zip -0 + fsync", ours / zip0, ours / zip0_synced);
    println!("  peak memory growth while packing: {peak:.1} MB (pack is {:.0} MB)", bytes as f64 / 1e6);
}
