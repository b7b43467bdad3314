//! A full disk and a read-only data folder: a clear message, the database unchanged, no temporary
//! files left behind. "Full" is made with a file-size limit on the child process (`prlimit
//! --fsize`, SIGXFSZ ignored), so writes fail as on a full disk without mounting anything;
//! "read-only" runs the CLI as an unprivileged user on a folder it does not own (or with the
//! write bits removed when the tests do not run as root).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sha2::Digest;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};
use tenderwacht_domain::PartyInput;
use tenderwacht_store::Store;
use tenderwacht_tests::{artifacts_dir, binary, walk};

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

fn hash(p: &Path) -> String {
    hex::encode(sha2::Sha256::digest(std::fs::read(p).unwrap()))
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut out = vec![];
    for e in walk(dir) {
        out.push(e.strip_prefix(dir).unwrap().display().to_string());
    }
    out.sort();
    out
}

/// Runs the CLI with a file-size limit, SIGXFSZ ignored so writes fail with an error instead.
fn cli_limited(data: &Path, limit: u64, args: &[&str]) -> Output {
    let mut script =
        format!("trap '' XFSZ; exec prlimit --fsize={limit} -- '{}' --data-dir '{}'", binary("tenderwacht-cli").display(), data.display());
    for a in args {
        script.push_str(&format!(" '{}'", a.replace('\'', "'\\''")));
    }
    Command::new("sh").arg("-c").arg(script).env("TENDERWACHT_TODAY", "2026-11-23").output().unwrap()
}

fn seeded_store(dir: &Path) {
    let mut store = Store::open(dir).unwrap();
    store.add_provider(&PartyInput { name: "Zorgboerderij De Eik".into(), kvk: "12345678".into(), ..Default::default() }).unwrap();
    // Checkpoint so the database file alone holds the state we compare.
    store.connection().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
}

fn record(name: &str, ok: bool) {
    let dir = artifacts_dir().join("reliability");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(format!("disk-{name}.json")),
        serde_json::json!({ "operation": name, "runs": 1, "failures": u32::from(!ok) }).to_string(),
    )
    .unwrap();
}

#[test]
fn full_disk_during_document_import_and_pack_export() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    seeded_store(&data);
    let big = root.path().join("KvK groot.pdf");
    std::fs::write(&big, vec![7u8; 3 * 1024 * 1024]).unwrap();
    let db = data.join("tenderwacht.sqlite");
    let before = hash(&db);
    let files_before = files_in(&data);

    let out = cli_limited(
        &data,
        1024 * 1024,
        &["document", "add", "--party", "De Eik", "--type", "kvk", "--file", &big.to_string_lossy(), "--issued", "2026-11-01"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("schijf is vol"), "a clear message: {stderr}");
    assert_eq!(hash(&db), before, "database unchanged");
    assert_eq!(files_in(&data), files_before, "no temporary or partial files left");

    // The same document fits without the limit; then a pack that does not fit.
    let ok = cli_limited(
        &data,
        1 << 40,
        &["document", "add", "--party", "De Eik", "--type", "kvk", "--file", &big.to_string_lossy(), "--issued", "2026-11-01"],
    );
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    for args in [
        vec!["tender", "add", "--title", "Wmo Assen 2027", "--buyer", "Gemeente Assen", "--status", "inschrijven", "--closing", "2027-01-15 12:00"],
        vec!["requirement", "add", "Wmo Assen", "--type", "kvk"],
        vec!["bid", "add", "Wmo Assen", "--party", "De Eik"],
    ] {
        assert!(cli_limited(&data, 1 << 40, &args).status.success());
    }
    let packs = root.path().join("pakketten");
    std::fs::create_dir_all(&packs).unwrap();
    let out = cli_limited(&data, 1024 * 1024, &["export", "pack", "--tender", "Wmo Assen", "--out", &packs.to_string_lossy()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(stdout.contains("schijf is vol"), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(files_in(&packs).is_empty(), "neither a half pack nor its temporary file: {:?}", files_in(&packs));
    record("full-disk", true);
}

#[test]
fn read_only_data_folder_gets_a_clear_message_and_stays_unchanged() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    seeded_store(&data);
    let db = data.join("tenderwacht.sqlite");
    let before = hash(&db);
    let files_before = files_in(&data);
    let mut cmd = if is_root() {
        // Root ignores permission bits: run as "nobody" on folders it may read but not write.
        for p in [root.path().to_path_buf(), data.clone()] {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(binary("tenderwacht-cli"));
        c
    } else {
        for p in walk(&data).into_iter().chain([data.clone(), data.join("files"), data.join("tmp")]) {
            let mode = if p.is_dir() { 0o555 } else { 0o444 };
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        Command::new(binary("tenderwacht-cli"))
    };
    let out = cmd.arg("--data-dir").arg(&data).args(["provider", "add", "--name", "Nieuw", "--kvk", "87654321"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("alleen-lezen"), "a clear message: {stderr}");
    if !is_root() {
        for p in walk(&data).into_iter().chain([data.clone(), data.join("files"), data.join("tmp")]) {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    assert_eq!(hash(&db), before, "database unchanged");
    assert_eq!(files_in(&data), files_before, "no temporary files left");
    record("read-only", true);
}
