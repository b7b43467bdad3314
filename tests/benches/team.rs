//! Team sync benchmark: one laptop makes 10,000 edits (provider fields, milestones, deliverable
//! states), writes them to the shared folder, and a second laptop applies them. Prints the files'
//! size per 1,000 edits, the rate of writing them, and the rate of applying them (changes/s).
//!
//! Run: `cargo bench -p tenderwacht-tests --bench team`; `TENDERWACHT_BENCH_EDITS=1000` for a
//! quick run. (The recording cost on a portal sync is in the ingest benchmark: on vs off.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark set-up: a panic is the report

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::{TimeZone, Utc};
use std::time::Instant;
use tenderwacht_domain::*;
use tenderwacht_tests::team::*;

/// The benchmark's edits, the same on any store: a third provider fields, a third milestones, a
/// third deliverable states.
fn make_edits(store: &mut tenderwacht_store::Store, edits: usize, parties: &[uuid::Uuid], work: &[(uuid::Uuid, uuid::Uuid, uuid::Uuid)]) {
    for i in 0..edits {
        match i % 3 {
            0 => {
                let patch = PartyPatch { phone: Some(format!("050-{}", 7_000_000 + i)), ..Default::default() };
                store.edit_party(parties[i % parties.len()], &patch).unwrap();
            }
            1 => {
                let (t, _, _) = work[i % work.len()];
                let at = Utc.with_ymd_and_hms(2027, 1 + (i % 12) as u32, 1 + (i % 28) as u32, 10, 0, 0).unwrap();
                store.add_milestone(t, MilestoneKind::Custom, at, &format!("Overleg {i}"), "").unwrap();
            }
            _ => {
                let (_, r, bid) = work[i % work.len()];
                let state = [DeliverableState::Open, DeliverableState::Bezig, DeliverableState::Aangeleverd][(i / 3) % 3];
                store.set_bid_item(bid, r, &BidItemPatch { state: Some(state), ..Default::default() }).unwrap();
            }
        }
    }
}

fn main() {
    let edits: usize = std::env::var("TENDERWACHT_BENCH_EDITS").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, _c, _key) = team_of_three(root.path());
    // Some things to edit: 20 providers, 10 tenders with a deliverable and a bid each.
    let mut parties = vec![];
    for i in 0..20 {
        parties.push(a.store.add_provider(&provider(&format!("Zorgaanbieder {i}"), &format!("{:08}", 30_000_000 + i))).unwrap());
    }
    let mut work = vec![];
    for (i, party) in parties.iter().enumerate().take(10) {
        let t = a.store.add_tender(&tender(&format!("Jeugdhulp perceel {i}"))).unwrap();
        let r = a
            .store
            .add_requirement(
                t,
                &RequirementInput { lot_number: None, type_code: None, name: "Plan van aanpak".into(), max_age: None, note: String::new() },
            )
            .unwrap();
        let bid = a.store.add_bid(t, None, *party, "").unwrap();
        work.push((t, r, bid));
    }
    tenderwacht_team::sync(&mut a.store).unwrap();
    deliver(&a.view, &b.view, &mut |_| true);
    tenderwacht_team::sync(&mut b.store).unwrap();

    // The same edits on a store outside any team: the cost of recording, side by side.
    let plain_dir = tempfile::tempdir().unwrap();
    let mut plain = tenderwacht_store::Store::open(plain_dir.path()).unwrap();
    let mut plain_parties = vec![];
    for i in 0..20 {
        plain_parties.push(plain.add_provider(&provider(&format!("Zorgaanbieder {i}"), &format!("{:08}", 30_000_000 + i))).unwrap());
    }
    let mut plain_work = vec![];
    for (i, p) in plain_parties.iter().enumerate().take(10) {
        let t = plain.add_tender(&tender(&format!("Jeugdhulp perceel {i}"))).unwrap();
        let input = RequirementInput { lot_number: None, type_code: None, name: "Plan van aanpak".into(), max_age: None, note: String::new() };
        let r = plain.add_requirement(t, &input).unwrap();
        plain_work.push((t, r, plain.add_bid(t, None, *p, "").unwrap()));
    }
    let started = Instant::now();
    make_edits(&mut plain, edits, &plain_parties, &plain_work);
    let plain_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    make_edits(&mut a.store, edits, &parties, &work);
    let edit_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let sent = tenderwacht_team::sync(&mut a.store).unwrap().sent;
    let write_secs = started.elapsed().as_secs_f64();
    assert_eq!(sent, edits);
    let changes = a.view.join("tenderwacht-team/changes");
    let files = tenderwacht_tests::walk(&changes);
    let bytes: u64 = files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum();
    deliver(&a.view, &b.view, &mut |_| true);
    let started = Instant::now();
    let report = tenderwacht_team::sync(&mut b.store).unwrap();
    let apply_secs = started.elapsed().as_secs_f64();
    assert_eq!(report.applied, edits, "{report:?}");
    assert_eq!(dump(&a.store), dump(&b.store), "both laptops end the same");

    println!("Tenderwacht team sync benchmark: {edits} edits on one laptop, applied on another");
    println!("  edits outside a team:                   {:>9.0} edits/s", edits as f64 / plain_secs);
    println!(
        "  edits in a team (changeset recorded):   {:>9.0} edits/s  (recording on vs off: {:.2}x)",
        edits as f64 / edit_secs,
        plain_secs / edit_secs
    );
    println!("  writing them to the folder (sealed):    {:>9.0} edits/s", edits as f64 / write_secs);
    println!(
        "  applying them on the other laptop:      {:>9.0} changes/s (read, verify, decrypt, apply, one transaction)",
        edits as f64 / apply_secs
    );
    println!(
        "  folder size per 1,000 edits:            {:>9.1} kB ({} files of up to 1,000 edits, compressed and sealed)",
        bytes as f64 / edits as f64,
        files.len() - 1
    );
}
