//! The shared folder as cloud clients really fill it: zero-byte placeholders, partial uploads,
//! "(1)" and ".sync-conflict-" copies, a changed or foreign file, files out of order, a laptop
//! whose clock runs a day ahead, and a teammate on another schema. None of it applies anything
//! half or loses an edit; each waiting file says why.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use tenderwacht_domain::*;
use tenderwacht_team::files::{self, FileKind, Header};
use tenderwacht_team::TeamKey;
use tenderwacht_tests::team::*;

/// The change files of one laptop in its own view, in sequence order.
fn change_files(l: &Laptop) -> Vec<PathBuf> {
    let device = l.store.membership().unwrap().unwrap().device_id;
    let dir = l.view.join("tenderwacht-team/changes").join(device);
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    v.sort();
    v
}

/// Puts `bytes` at the same place in `to`'s view as `file` has in `from`'s.
fn place(from: &Laptop, file: &Path, to: &Laptop, bytes: &[u8], name: Option<&str>) -> PathBuf {
    let rel = file.strip_prefix(&from.view).unwrap();
    let mut target = to.view.join(rel);
    if let Some(n) = name {
        target.set_file_name(n);
    }
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, bytes).unwrap();
    target
}

fn phone(l: &Laptop) -> String {
    let p = l.store.resolve_party("12345678", None).unwrap();
    l.store.party(p).unwrap().phone
}

fn edit_phone(l: &mut Laptop, phone: &str) {
    let p = l.store.resolve_party("12345678", None).unwrap();
    l.store.edit_party(p, &PartyPatch { phone: Some(phone.into()), ..Default::default() }).unwrap();
}

#[test]
fn placeholders_partial_files_and_copies_wait_or_are_ignored() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, _c, _key) = team_of_three(root.path());
    // Two rounds, two files.
    edit_phone(&mut a, "050-7000011");
    tenderwacht_team::sync(&mut a.store).unwrap();
    edit_phone(&mut a, "050-7000012");
    tenderwacht_team::sync(&mut a.store).unwrap();
    let files = change_files(&a);
    assert_eq!(files.len(), 2);
    let second = std::fs::read(&files[1]).unwrap();
    let first = std::fs::read(&files[0]).unwrap();

    // The second file arrives first, and only as a placeholder; the first is half uploaded.
    place(&a, &files[1], &b, b"", None);
    place(&a, &files[0], &b, &first[..first.len() / 2], None);
    // Copies a cloud client made of it sit beside it.
    place(&a, &files[0], &b, &first, Some("0000000001-0000000001 (1).twc"));
    place(&a, &files[0], &b, &first, Some("0000000001-0000000001.sync-conflict-20261128-101010-ABCDEF.twc"));
    let r = tenderwacht_team::sync(&mut b.store).unwrap();
    assert_eq!(r.applied, 0, "nothing half applied: {r:?}");
    assert_eq!(phone(&b), "", "B still has the old value");
    assert_eq!(r.waiting.len(), 2, "the copies are not waiting files: {:?}", r.waiting);
    assert!(r.waiting.iter().any(|w| w.reason.contains("nog niet binnen")), "{:?}", r.waiting);
    assert!(r.waiting.iter().any(|w| w.reason.contains("onvolledig")), "{:?}", r.waiting);

    // The second file completes: applied on its own, out of order.
    place(&a, &files[1], &b, &second, None);
    let r = tenderwacht_team::sync(&mut b.store).unwrap();
    assert_eq!((r.applied, r.waiting.len()), (1, 1), "{r:?}");
    assert_eq!(phone(&b), "050-7000012");
    // The first completes late: slotted in before the second, which stays the outcome.
    place(&a, &files[0], &b, &first, None);
    let r = tenderwacht_team::sync(&mut b.store).unwrap();
    assert_eq!((r.applied, r.replayed, r.waiting.len()), (1, 1, 0), "{r:?}");
    assert_eq!(phone(&b), "050-7000012", "order by clock, not by arrival");
    assert!(b.store.team_conflicts(false).unwrap().is_empty(), "one laptop's own sequence never conflicts");
}

#[test]
fn changed_and_foreign_files_are_refused_and_nothing_is_applied() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, _c, _key) = team_of_three(root.path());
    edit_phone(&mut a, "050-7000011");
    tenderwacht_team::sync(&mut a.store).unwrap();
    let file = change_files(&a).remove(0);
    let bytes = std::fs::read(&file).unwrap();

    // A byte changed on the way (length and hash no longer agree): never applied.
    let mut changed = bytes.clone();
    let last = changed.len() - 1;
    changed[last] ^= 0x55;
    place(&a, &file, &b, &changed, None);
    let r = tenderwacht_team::sync(&mut b.store).unwrap();
    assert_eq!(r.applied, 0);
    assert!(r.waiting[0].reason.contains("controlegetal"), "{:?}", r.waiting);

    // A file sealed with another key, well formed otherwise: refused with the reason.
    let m = b.store.membership().unwrap().unwrap();
    let foreign = Header {
        format: files::FORMAT,
        kind: FileKind::Changes,
        team_id: m.team_id.clone(),
        schema_version: 7,
        sync_schema: 7,
        device_id: a.store.membership().unwrap().unwrap().device_id,
        device_name: "Indringer".into(),
        seq: 1,
        last_seq: 1,
        hlc: 1,
        length: 0,
        sha256: String::new(),
        epoch: 1,
    };
    files::write(&b.view.join(file.strip_prefix(&a.view).unwrap()), &TeamKey::generate(), foreign, b"not a changeset").unwrap();
    let r = tenderwacht_team::sync(&mut b.store).unwrap();
    assert_eq!(r.applied, 0);
    assert!(r.waiting[0].reason.contains("niet te ontsleutelen"), "{:?}", r.waiting);
    assert_eq!(phone(&b), "");

    // The real file replaces it: applied, and the waiting line is gone.
    place(&a, &file, &b, &bytes, None);
    let r = tenderwacht_team::sync(&mut b.store).unwrap();
    assert_eq!((r.applied, r.waiting.len()), (1, 0));
    assert_eq!(phone(&b), "050-7000011");
}

#[test]
fn a_teammate_on_another_schema_waits_with_a_clear_message() {
    let root = tempfile::tempdir().unwrap();
    let (_a, mut b, _c, _key) = team_of_three(root.path());
    let m = b.store.membership().unwrap().unwrap();
    let key = TeamKey::parse(&m.key_hex).unwrap();
    let other = uuid::Uuid::now_v7().to_string();
    for (seq, schema) in [(1, 6), (2, 99)] {
        let h = Header {
            format: files::FORMAT,
            kind: FileKind::Changes,
            team_id: m.team_id.clone(),
            schema_version: schema,
            sync_schema: tenderwacht_domain::team::sync_schema(schema).max(if schema > 7 { schema } else { 0 }),
            device_id: other.clone(),
            device_name: "Laptop Dirk".into(),
            seq,
            last_seq: seq,
            hlc: seq,
            length: 0,
            sha256: String::new(),
            epoch: 1,
        };
        let path = b.view.join("tenderwacht-team/changes").join(&other).join(format!("{seq:010}-{seq:010}.twc"));
        files::write(&path, &key, h, b"").unwrap();
    }
    let r = tenderwacht_team::sync(&mut b.store).unwrap();
    assert_eq!(r.applied, 0);
    let reasons: Vec<&str> = r.waiting.iter().map(|w| w.reason.as_str()).collect();
    assert!(reasons.iter().any(|r| r.contains("oudere versie") && r.contains("Laptop Dirk")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("nieuwere versie") && r.contains("werk Tenderwacht bij")), "{reasons:?}");
}

#[test]
fn a_clock_a_day_ahead_does_not_reorder_what_was_seen() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, mut c, _key) = team_of_three(root.path());
    // C's clock runs a day ahead: its edits carry tomorrow's time.
    let ahead = (chrono::Utc::now().timestamp_millis() + 86_400_000) << 16;
    c.store.connection().execute("UPDATE team_self SET hlc = ?1", [ahead]).unwrap();
    edit_phone(&mut c, "050-7000003");
    settle(&mut [&mut a, &mut b, &mut c]);
    assert_eq!(phone(&a), "050-7000003");
    // A saw C's edit and changes the number afterwards: A's edit is later, whatever the clocks say.
    edit_phone(&mut a, "050-7000001");
    settle(&mut [&mut a, &mut b, &mut c]);
    for l in [&a, &b, &c] {
        assert_eq!(phone(l), "050-7000001");
    }
    assert!(a.store.team_conflicts(false).unwrap().is_empty(), "a seen edit is no conflict");
}

#[test]
fn an_unreachable_folder_changes_nothing_and_keeps_the_changes_waiting() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, _b, _c, _key) = team_of_three(root.path());
    edit_phone(&mut a, "050-7000011");
    let moved = a.view.with_file_name("share-offline");
    std::fs::rename(&a.view, &moved).unwrap();
    let err = tenderwacht_team::sync(&mut a.store).unwrap_err();
    assert_eq!(err.code(), "unreachable", "{err}");
    assert!(err.to_string().contains("niet bereikbaar"), "{err}");
    assert_eq!(tenderwacht_team::status(&a.store).unwrap().outgoing, 1);
    std::fs::rename(&moved, &a.view).unwrap();
    assert_eq!(tenderwacht_team::sync(&mut a.store).unwrap().sent, 1);
}

/// Copies a folder tree (a laptop's data folder and view, for the crash runs).
fn copy_tree(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    for f in tenderwacht_tests::walk(from) {
        let target = to.join(f.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&f, &target).unwrap();
    }
}

fn cli_sync(data: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(tenderwacht_tests::binary("tenderwacht-cli"));
    c.arg("--data-dir").arg(data).args(["team", "sync"]).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    c
}

/// Starts `c` and kills it with SIGKILL after `after`; true when it was still working.
fn kill_after(mut c: std::process::Command, after: std::time::Duration) -> bool {
    let mut child = c.spawn().unwrap();
    let deadline = std::time::Instant::now() + after;
    while std::time::Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let killed = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    killed
}

/// kill -9 while a laptop writes its 300 changes to the folder, and while the other applies
/// them: after a restart nothing is lost and nothing is applied twice.
#[test]
fn killed_during_export_or_apply_loses_nothing_and_applies_nothing_twice() {
    let kills_wanted: usize = std::env::var("TENDERWACHT_TEAM_CRASH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(15);
    let root = tempfile::tempdir().unwrap();
    let (mut a, b, _c, _key) = team_of_three(root.path());
    for i in 0..300 {
        edit_phone(&mut a, &format!("050-{}", 7_000_000 + i));
    }
    let a_device = a.store.membership().unwrap().unwrap().device_id;
    let expected = phone(&a);
    let (a_data, a_view, b_data, b_view) = (a.data.clone(), a.view.clone(), b.data.clone(), b.view.clone());
    // The stores close (the CLI works on the folders now); the folders stay.
    let (_keep_a, _keep_b) = (a._dir, b._dir);
    drop((a.store, b.store));
    let template = root.path().join("template");
    for (name, dir) in [("a_data", &a_data), ("a_view", &a_view), ("b_data", &b_data), ("b_view", &b_view)] {
        copy_tree(dir, &template.join(name));
    }
    let restore = || {
        for (name, dir) in [("a_data", &a_data), ("a_view", &a_view), ("b_data", &b_data), ("b_view", &b_view)] {
            copy_tree(&template.join(name), dir);
        }
    };
    let check = |data: &Path, context: &str| {
        let store = tenderwacht_store::Store::open(data).unwrap_or_else(|e| panic!("{context}: {e}"));
        assert!(store.integrity_ok().unwrap(), "{context}");
    };
    let finish_and_compare = |context: &str| {
        let out = cli_sync(&a_data).status().unwrap();
        assert!(out.success(), "{context}: A's sync completes");
        deliver(&a_view, &b_view, &mut |_| true);
        assert!(cli_sync(&b_data).status().unwrap().success(), "{context}: B's sync completes");
        let store = tenderwacht_store::Store::open(&b_data).unwrap();
        let p = store.resolve_party("12345678", None).unwrap();
        assert_eq!(store.party(p).unwrap().phone, expected, "{context}: nothing lost");
        let n: i64 = store.connection().query_row("SELECT count(*) FROM team_entry WHERE device_id = ?1", [&a_device], |r| r.get(0)).unwrap();
        assert_eq!(n, 300, "{context}: every change once");
    };
    let mut rng = fastrand::Rng::with_seed(0x7ea3);
    for phase in ["export", "apply"] {
        restore();
        if phase == "apply" {
            assert!(cli_sync(&a_data).status().unwrap().success());
            deliver(&a_view, &b_view, &mut |_| true);
            copy_tree(&a_data, &template.join("a_data"));
            copy_tree(&a_view, &template.join("a_view"));
            copy_tree(&b_view, &template.join("b_view"));
        }
        let target = if phase == "export" { &a_data } else { &b_data };
        let started = std::time::Instant::now();
        let out = cli_sync(target).stderr(std::process::Stdio::piped()).output().unwrap();
        assert!(out.status.success(), "{phase}: {}", String::from_utf8_lossy(&out.stderr));
        let full = started.elapsed();
        let (mut kills, mut runs) = (0, 0);
        while kills < kills_wanted && runs < kills_wanted * 4 {
            runs += 1;
            restore();
            let after = std::time::Duration::from_micros(rng.u64(0..(full.as_micros() as u64 * 95 / 100).max(1)));
            let context = format!("{phase} run {runs}, killed after {after:?}");
            kills += usize::from(kill_after(cli_sync(target), after));
            check(target, &context);
            finish_and_compare(&context);
        }
        assert!(kills >= kills_wanted, "{phase}: killed mid-work {kills} times in {runs} runs");
    }
}
