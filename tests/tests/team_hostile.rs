//! The team folder read like the internet: a change file that is a symlink to /dev/zero or a
//! FIFO, a file sealed with the right key that unpacks to gigabytes, the laptop's own changes
//! folder replaced by a symlink, and a junk file that sorts as the newest snapshot. Each is set
//! aside with its reason or refused, the round goes on, nothing is written outside the folder.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::time::{Duration, Instant};
use tenderwacht_team::files::{self, FileKind, Header};
use tenderwacht_tests::team::*;

fn own_changes_dir(l: &Laptop) -> std::path::PathBuf {
    let device = l.store.membership().unwrap().unwrap().device_id;
    l.view.join("tenderwacht-team/changes").join(device)
}

#[cfg(unix)]
#[test]
fn links_pipes_and_bombs_in_the_folder_are_set_aside_and_the_round_goes_on() {
    let root = tempfile::tempdir().unwrap();
    let (a, mut b, _c, key) = team_of_three(root.path());
    let theirs = b.view.join("tenderwacht-team/changes").join(a.store.membership().unwrap().unwrap().device_id);
    std::fs::create_dir_all(&theirs).unwrap();
    // A symlink to /dev/zero and a FIFO under change-file names.
    std::os::unix::fs::symlink("/dev/zero", theirs.join("0000000100-0000000100.twc")).unwrap();
    let fifo = theirs.join("0000000101-0000000101.twc");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // A file sealed with the team key that unpacks to 2 GiB of zeros (an insider, or a bug).
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..2048 {
        z.write_all(&chunk).unwrap();
    }
    let m = b.store.membership().unwrap().unwrap();
    let header = Header {
        format: files::FORMAT,
        kind: FileKind::Changes,
        team_id: m.team_id.clone(),
        schema_version: 12,
        sync_schema: 12,
        device_id: a.store.membership().unwrap().unwrap().device_id,
        device_name: "Laptop Anna".into(),
        seq: 102,
        last_seq: 102,
        hlc: 1,
        length: 0,
        sha256: String::new(),
        epoch: 1,
    };
    // Sealed as files::write seals, but with a body packed here from 2 GiB of zeros (streamed:
    // this test never holds the 2 GiB).
    let packed = z.finish().unwrap();
    let aad = serde_json::to_vec(&header).unwrap();
    let body = key.seal(&aad, &packed).unwrap();
    let mut full = header.clone();
    full.length = body.len() as u64;
    full.sha256 = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&body));
    let mut bytes = b"TWTEAM1\n".to_vec();
    bytes.extend(serde_json::to_vec(&full).unwrap());
    bytes.push(b'\n');
    bytes.extend(body);
    std::fs::write(theirs.join("0000000102-0000000102.twc"), bytes).unwrap();

    let started = Instant::now();
    let r = tenderwacht_team::sync(&mut b.store).unwrap();
    assert!(started.elapsed() < Duration::from_secs(30), "the round returns");
    let reasons: Vec<&str> = r.waiting.iter().map(|w| w.reason.as_str()).collect();
    assert!(reasons.iter().filter(|w| w.contains("geen gewoon bestand")).count() >= 2, "{reasons:?}");
    assert!(reasons.iter().any(|w| w.contains("dijt uit")), "{reasons:?}");
    assert!(b.store.integrity_ok().unwrap());
}

#[cfg(unix)]
#[test]
fn a_symlinked_own_folder_is_not_written_through() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, _b, _c, _key) = team_of_three(root.path());
    let outside = root.path().join("buiten");
    std::fs::create_dir_all(&outside).unwrap();
    let own = own_changes_dir(&a);
    let _ = std::fs::remove_dir_all(&own);
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&outside, &own).unwrap();
    let p = a.store.resolve_party("12345678", None).unwrap();
    a.store.edit_party(p, &tenderwacht_domain::PartyPatch { phone: Some("050-1234567".into()), ..Default::default() }).unwrap();
    let e = tenderwacht_team::sync(&mut a.store).unwrap_err().to_string();
    assert!(e.contains("koppeling"), "{e}");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "nothing written outside the shared folder");
}

#[test]
fn joining_skips_a_junk_snapshot_that_sorts_as_newest() {
    let root = tempfile::tempdir().unwrap();
    let (a, _b, _c, key) = team_of_three(root.path());
    let snapshots = a.view.join("tenderwacht-team/snapshots");
    std::fs::write(snapshots.join("zzzz-9999999999999.tws"), b"junk that sorts last").unwrap();
    let d = joined(root.path(), &a.view, &key, "Laptop Dirk");
    assert_eq!(d.store.parties(None).unwrap().len(), 1, "joined from the real snapshot");
}
