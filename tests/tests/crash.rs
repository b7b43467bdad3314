//! Crash safety: a sync from the loopback fixture server, a document import and a pack export run
//! in a child process (`tenderwacht-cli`) that is killed with SIGKILL at a random moment — seeded,
//! until it has been killed mid-work at least 50 times per operation (`TENDERWACHT_CRASH_RUNS`). After every kill: the database
//! passes `PRAGMA integrity_check`, no tender or document is duplicated, every document row points
//! to a complete file with the right hash, no half-written export sits under its final name, and
//! running the operation again completes it. Writes a summary to `artifacts/reliability/crash.json`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tenderwacht_domain::{publication::SourceKind, *};
use tenderwacht_store::Store;
use tenderwacht_tests::server::{FixtureServer, Reply};
use tenderwacht_tests::{artifacts_dir, binary};

const LIST: &str = "/papi/tenderned-rs-tns/v2/publicaties";

fn runs() -> usize {
    std::env::var("TENDERWACHT_CRASH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(50)
}

/// Kills an operation at seeded random moments within its duration until it was killed mid-work
/// `runs()` times, then writes the summary. `attempt` gets the run's context line and the moment:
/// it starts the operation, kills it then, checks what is left, runs it again to completion, and
/// says whether the kill came while it worked or, if not, how long the operation took. The
/// moments are spread over the fastest run seen so far, so a machine that speeds up after the
/// first measurement (a warm cache, a quieter neighbour) cannot leave the kills landing after
/// the end: every run that finishes first narrows the span to its own duration.
fn kill_repeatedly(operation: &'static str, seed: u64, full: Duration, mut attempt: impl FnMut(&str, Duration) -> Outcome) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut span = (full.as_micros() * 95 / 100).max(1) as u64;
    let (mut kills, mut run) = (0, 0);
    while kills < runs() && run < runs() * 20 {
        run += 1;
        let after = Duration::from_micros(rng.u64(0..span));
        let context = format!("{operation} run {run} (seed {seed:#x}, killed after {after:?})");
        match attempt(&context, after) {
            Outcome::Killed => kills += 1,
            Outcome::Finished(took) => span = span.min((took.as_micros() * 95 / 100).max(1) as u64),
        }
    }
    assert!(kills >= runs(), "every operation is killed mid-work at least {} times ({kills} in {run} runs)", runs());
    write_summary(&Summary { operation, runs: run, kills, failures: 0, seed });
}

/// How one attempt ended: killed while it worked, or done before the kill (and how long it took).
#[derive(Clone, Copy)]
enum Outcome {
    Killed,
    Finished(Duration),
}

fn cli(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(binary("tenderwacht-cli"));
    c.arg("--data-dir").arg(data).args(args).env("TENDERWACHT_TODAY", "2026-11-23").stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// Runs the command to completion; panics with its output when it fails.
fn complete(mut c: Command, what: &str) {
    let out = c.stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap();
    assert!(out.status.success(), "{what} did not complete: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

/// Starts the command and kills it with SIGKILL after `after`, unless it finished before.
fn kill_after(mut c: Command, after: Duration) -> Outcome {
    let started = Instant::now();
    let mut child = c.spawn().unwrap();
    let deadline = started + after;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return Outcome::Finished(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let outcome = if child.try_wait().unwrap().is_none() { Outcome::Killed } else { Outcome::Finished(started.elapsed()) };
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    outcome
}

/// Invariants every kill must leave intact.
fn check_store(data: &Path, context: &str) {
    let store = Store::open(data).unwrap_or_else(|e| panic!("{context}: store does not open after a kill: {e}"));
    let conn = store.connection();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok", "{context}");
    let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 0, "{context}: foreign keys");
    // No tender twice: every publication's key leads to exactly one tender, and no tender lacks its publication.
    let dup: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT external_id FROM publication GROUP BY source_kind, external_id, version HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dup, 0, "{context}: duplicated publication");
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM tender t WHERE NOT EXISTS (SELECT 1 FROM publication p WHERE p.tender_id = t.id) AND t.title LIKE 'Jeugdhulp%crash%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(orphans, 0, "{context}: a tender without its publication (half a write)");
    let same_title: i64 =
        conn.query_row("SELECT count(*) FROM (SELECT title FROM tender GROUP BY title, buyer HAVING count(*) > 1)", [], |r| r.get(0)).unwrap();
    assert_eq!(same_title, 0, "{context}: duplicated tender");
    // Every document row points to a complete file with the right hash; no document twice.
    let mut stmt = conn.prepare("SELECT d.sha256 FROM document d").unwrap();
    let shas: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    for sha in &shas {
        assert!(store.blobs().verify(sha).unwrap(), "{context}: document file {sha} missing or incomplete");
    }
    let dup_docs: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT party_id, sha256, type_id FROM document GROUP BY party_id, sha256, type_id HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dup_docs, 0, "{context}: a document imported twice");
}

#[derive(serde::Serialize)]
struct Summary {
    operation: &'static str,
    runs: usize,
    kills: usize,
    failures: usize,
    seed: u64,
}

fn write_summary(s: &Summary) {
    let dir = artifacts_dir().join("reliability");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("crash-{}.json", s.operation)), serde_json::to_vec_pretty(s).unwrap()).unwrap();
}

fn page(page: usize, pages: usize, per: usize) -> String {
    let items: Vec<serde_json::Value> = (page * per..(page + 1) * per)
        .map(|i| {
            let id = 700_000 + (pages * per - i);
            serde_json::json!({
                "publicatieId": id.to_string(),
                "publicatieDatum": "2026-11-20",
                "typePublicatie": { "code": "AAO", "omschrijving": "Aankondiging van een opdracht" },
                "aanbestedingNaam": format!("Jeugdhulp crash {id}"),
                "opdrachtgeverNaam": "Gemeente Assen",
                "sluitingsDatum": "2027-02-15T12:00:00",
                "procedure": { "code": "OPE", "omschrijving": "Openbaar" },
                "link": { "href": format!("/aankondigingen/overzicht/{id}") },
            })
        })
        .collect();
    serde_json::json!({ "content": items, "last": page + 1 == pages, "number": page, "totalPages": pages }).to_string()
}

#[test]
fn sync_survives_sigkill() {
    let (pages, per) = (8, 100);
    let server = FixtureServer::start();
    for p in 0..pages {
        server.route(&format!("{LIST}?page={p}&size={per}"), vec![Reply::json(page(p, pages, per))]);
    }
    let prepare = |dir: &Path| {
        let mut store = Store::open(dir).unwrap();
        for s in store.sources().unwrap() {
            store.update_source(s.id, None, Some(false)).unwrap();
        }
        let config = serde_json::json!({ "page_size": per, "fetch_details": false, "first_sync_days": 3650, "backfill_pages": 1 });
        store.add_source("Crash", SourceKind::Tenderned, &server.base, &config).unwrap();
    };
    // How long an uninterrupted sync takes, to spread the kills over it.
    let probe = tempfile::tempdir().unwrap();
    prepare(probe.path());
    let t = Instant::now();
    complete(cli(probe.path(), &["sync", "--source", "Crash", "--no-documents"]), "sync");
    let full = t.elapsed();
    let expected: i64 = Store::open(probe.path()).unwrap().connection().query_row("SELECT count(*) FROM tender", [], |r| r.get(0)).unwrap();
    assert_eq!(expected, (pages * per) as i64);

    kill_repeatedly("sync", 0x5eed_0001, full, |context, after| {
        let dir = tempfile::tempdir().unwrap();
        prepare(dir.path());
        let killed = kill_after(cli(dir.path(), &["sync", "--source", "Crash", "--no-documents"]), after);
        check_store(dir.path(), context);
        complete(cli(dir.path(), &["sync", "--source", "Crash", "--no-documents"]), context);
        check_store(dir.path(), context);
        let n: i64 = Store::open(dir.path()).unwrap().connection().query_row("SELECT count(*) FROM tender", [], |r| r.get(0)).unwrap();
        assert_eq!(n, expected, "{context}: the second sync completes the first, nothing twice");
        killed
    });
}

fn write_random_file(path: &Path, bytes: usize, rng: &mut fastrand::Rng) {
    let mut data = vec![0u8; bytes];
    rng.fill(&mut data);
    std::fs::write(path, data).unwrap();
}

#[test]
fn document_import_survives_sigkill() {
    let mut rng = fastrand::Rng::with_seed(0x5eed_0002);
    let source = tempfile::tempdir().unwrap();
    let providers = ["Zorgboerderij De Eik", "Woongroep Het Anker", "Begeleiding Noord"];
    let kinds =
        ["KvK uittreksel 2026-10-01", "VOG 2026-09-15", "Gedragsverklaring 2026-01-10", "Privacyverklaring 2026-02-01", "Meldcode 2025-12-01"];
    for p in providers {
        std::fs::create_dir_all(source.path().join(p)).unwrap();
        for k in kinds {
            write_random_file(&source.path().join(p).join(format!("{k}.pdf")), 300 * 1024, &mut rng);
        }
    }
    let prepare = |dir: &Path| {
        let mut store = Store::open(dir).unwrap();
        for (i, p) in providers.iter().enumerate() {
            store.add_provider(&PartyInput { name: (*p).into(), kvk: format!("{:08}", 30_000_000 + i), ..Default::default() }).unwrap();
        }
    };
    let folder = source.path().to_string_lossy().into_owned();
    let args = ["document", "import-folder", folder.as_str(), "--commit"];
    let probe = tempfile::tempdir().unwrap();
    prepare(probe.path());
    let t = Instant::now();
    complete(cli(probe.path(), &args), "import");
    let full = t.elapsed();
    let total = providers.len() * kinds.len();
    kill_repeatedly("document-import", 0x5eed_0002, full, |context, after| {
        let dir = tempfile::tempdir().unwrap();
        prepare(dir.path());
        let killed = kill_after(cli(dir.path(), &args), after);
        check_store(dir.path(), context);
        complete(cli(dir.path(), &args), context);
        check_store(dir.path(), context);
        let n: i64 = Store::open(dir.path()).unwrap().connection().query_row("SELECT count(*) FROM document", [], |r| r.get(0)).unwrap();
        assert_eq!(n as usize, total, "{context}: importing again completes the import, nothing twice");
        killed
    });
}

fn final_exports(out: &Path) -> Vec<PathBuf> {
    let mut found = vec![];
    for e in std::fs::read_dir(out).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            found.push(e.path());
        }
    }
    found
}

#[test]
fn pack_export_survives_sigkill() {
    let mut rng = fastrand::Rng::with_seed(0x5eed_0003);
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(data.path()).unwrap();
        let p = store.add_provider(&PartyInput { name: "Zorgboerderij De Eik".into(), kvk: "12345678".into(), ..Default::default() }).unwrap();
        let t = store
            .add_tender(&TenderInput {
                buyer: "Gemeente Assen".into(),
                region: "Drenthe".into(),
                status: TenderStatus::Inschrijven,
                ..TenderInput::new("Wmo Assen 2027", Procedure::Openbaar, TenderDomain::Wmo)
            })
            .unwrap();
        store.add_milestone(t, MilestoneKind::Sluiting, tenderwacht_domain::time::parse_moment("s", "2027-01-15 12:00").unwrap(), "", "").unwrap();
        for code in ["kvk", "vog", "hkz", "avb", "meldcode", "privacy"] {
            store
                .add_requirement(
                    t,
                    &RequirementInput { lot_number: None, type_code: Some(code.into()), name: String::new(), max_age: None, note: String::new() },
                )
                .unwrap();
            let f = data.path().join(format!("{code}.pdf"));
            write_random_file(&f, 4 * 1024 * 1024, &mut rng);
            let printed = matches!(store.document_type(code).unwrap().rule, ValidityRule::UntilPrinted);
            let expiry = printed.then(|| chrono::NaiveDate::from_ymd_opt(2028, 1, 1).unwrap());
            store
                .add_document(&DocumentInput {
                    party_id: p,
                    type_code: code.into(),
                    file: f,
                    original_name: None,
                    issue_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                    expiry_date: expiry,
                    note: String::new(),
                })
                .unwrap();
        }
        store.add_bid(t, None, p, "").unwrap();
    }
    let args = |out: &Path| -> Vec<String> {
        vec![
            "export".into(),
            "pack".into(),
            "--tender".into(),
            "Wmo Assen".into(),
            "--out".into(),
            out.to_string_lossy().into_owned(),
            "--force".into(),
        ]
    };
    let probe = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let a = args(probe.path());
    complete(cli(data.path(), &a.iter().map(String::as_str).collect::<Vec<_>>()), "pack");
    let full = t.elapsed();
    kill_repeatedly("pack-export", 0x5eed_0003, full, |context, after| {
        let out = tempfile::tempdir().unwrap();
        let a = args(out.path());
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let killed = kill_after(cli(data.path(), &a), after);
        // Whatever sits under a final name is a complete, valid zip.
        for f in final_exports(out.path()) {
            let ok = Command::new("unzip").arg("-tqq").arg(&f).status().unwrap().success();
            assert!(ok, "{context}: {} is under its final name but not complete", f.display());
        }
        check_store(data.path(), context);
        complete(cli(data.path(), &a), context);
        let done = final_exports(out.path());
        assert_eq!(done.len(), 1, "{context}: {done:?}");
        assert!(Command::new("unzip").arg("-tqq").arg(&done[0]).status().unwrap().success(), "{context}");
        killed
    });
}
