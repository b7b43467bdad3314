//! A backup is a Tenderwacht backup or nothing: crafted and broken backups are refused before
//! anything replaces the store (a hidden trigger, a future schema, a foreign database, a database
//! entry larger than its manifest says), and two restores in one second keep both replaced copies.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use tenderwacht_domain::{PartyInput, TenderDomain, TenderInput};
use tenderwacht_export::backup::{self, Manifest};
use tenderwacht_store::Store;

struct Fixture {
    dir: tempfile::TempDir,
    backup: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    store.add_provider(&PartyInput { name: "Zorgboerderij De Eik".into(), kvk: "12345678".into(), ..Default::default() }).unwrap();
    store.add_tender(&TenderInput::new("Jeugdhulp Assen", tenderwacht_domain::Procedure::Openbaar, TenderDomain::Jeugdwet)).unwrap();
    let backup = dir.path().join("tenderwacht-test.zip");
    backup::create(&store, &backup).unwrap();
    Fixture { dir, backup }
}

/// Rewrites a backup with its database changed by `change` (and the manifest made to match, as
/// an attacker would).
fn with_database(from: &Path, to: &Path, change: impl FnOnce(&rusqlite::Connection)) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let mut src = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut entries = vec![];
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let mut data = vec![];
        e.read_to_end(&mut data).unwrap();
        entries.push((e.name().to_string(), data));
    }
    let db_bytes = &entries.iter().find(|(n, _)| n == "tenderwacht.sqlite").unwrap().1;
    std::fs::write(&db, db_bytes).unwrap();
    {
        let conn = tenderwacht_store::db::open_existing(&db).unwrap();
        change(&conn);
    }
    let new_db = std::fs::read(&db).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for (name, data) in entries {
        let data = match name.as_str() {
            "tenderwacht.sqlite" => new_db.clone(),
            "manifest.json" => {
                let mut m: Manifest = serde_json::from_slice(&data).unwrap();
                m.database.sha256 = hex::encode(Sha256::digest(&new_db));
                m.database.size = new_db.len() as u64;
                serde_json::to_vec(&m).unwrap()
            }
            _ => data,
        };
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap();
}

fn restore_refused(f: &Fixture, backup_file: &Path, says: &str) {
    let target = f.dir.path().join("data");
    let before = std::fs::read(target.join("tenderwacht.sqlite")).unwrap();
    let e = backup::restore(backup_file, &target).unwrap_err().to_string();
    assert!(e.contains(says), "{e}");
    assert_eq!(std::fs::read(target.join("tenderwacht.sqlite")).unwrap(), before, "the store is untouched");
    assert!(!std::fs::read_dir(&target).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().starts_with("voor-herstel")), "nothing set aside");
}

#[test]
fn a_hidden_trigger_a_future_schema_or_a_foreign_database_is_refused() {
    let f = fixture();
    let trigger = f.dir.path().join("trigger.zip");
    with_database(&f.backup, &trigger, |c| {
        c.execute_batch("CREATE TRIGGER wipe AFTER UPDATE ON party BEGIN DELETE FROM document; END;").unwrap();
    });
    restore_refused(&f, &trigger, "onbekende trigger 'wipe'");

    let future = f.dir.path().join("toekomst.zip");
    with_database(&f.backup, &future, |c| c.pragma_update(None, "user_version", 999).unwrap());
    restore_refused(&f, &future, "schemaversie 999");

    let foreign = f.dir.path().join("vreemd.zip");
    with_database(&f.backup, &foreign, |c| c.pragma_update(None, "application_id", 42).unwrap());
    restore_refused(&f, &foreign, "geen Tenderwacht-database");

    let extra = f.dir.path().join("extra.zip");
    with_database(&f.backup, &extra, |c| c.execute_batch("CREATE TABLE spion (x TEXT); CREATE VIEW v AS SELECT 1;").unwrap());
    restore_refused(&f, &extra, "onbekende");

    // The real backup still restores.
    let report = backup::restore(&f.backup, &f.dir.path().join("data")).unwrap();
    assert!(report.previous.is_dir());
}

#[test]
fn a_database_entry_larger_than_its_manifest_stops_while_unpacking() {
    let f = fixture();
    let bomb = f.dir.path().join("bom.zip");
    let mut src = zip::ZipArchive::new(std::fs::File::open(&f.backup).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let name = e.name().to_string();
        let mut data = vec![];
        e.read_to_end(&mut data).unwrap();
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default().large_file(true)).unwrap();
        if name == "tenderwacht.sqlite" {
            // 512 MB of zeros after the real database: a few hundred KB packed.
            w.write_all(&data).unwrap();
            let zeros = vec![0u8; 1 << 20];
            for _ in 0..512 {
                w.write_all(&zeros).unwrap();
            }
        } else {
            w.write_all(&data).unwrap();
        }
    }
    w.finish().unwrap();
    let target = f.dir.path().join("data");
    let e = backup::restore(&bomb, &target).unwrap_err().to_string();
    assert!(e.contains("groter dan het manifest zegt"), "{e}");
    // Nothing near 512 MB was written: the staging folder is gone and was bounded by the manifest.
    let leftovers: u64 = walk(&target).iter().map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)).sum();
    assert!(leftovers < 64 << 20, "{leftovers} bytes left in the data folder");
}

#[test]
fn two_restores_in_one_second_keep_both_replaced_databases() {
    let f = fixture();
    let target = f.dir.path().join("data");
    let first = backup::restore(&f.backup, &target).unwrap();
    let second = backup::restore(&f.backup, &target).unwrap();
    assert_ne!(first.previous, second.previous);
    assert!(first.previous.join("tenderwacht.sqlite").is_file() && second.previous.join("tenderwacht.sqlite").is_file());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The database a restore set aside is offered back: restoring the wrong backup is undone, and
/// the database that undoing replaces is kept in its turn (nothing is ever lost).
#[test]
fn the_database_a_restore_set_aside_can_be_put_back() {
    let f = fixture();
    let data = f.dir.path().join("data");
    {
        let mut store = Store::open(&data).unwrap();
        store.add_provider(&PartyInput { name: "Woongroep Het Anker".into(), kvk: "23456789".into(), ..Default::default() }).unwrap();
    }
    let names = |data: &Path| Store::open(data).unwrap().parties(None).unwrap().into_iter().map(|p| p.name).collect::<Vec<_>>();
    assert_eq!(names(&data).len(), 2);
    backup::restore(&f.backup, &data).unwrap();
    assert_eq!(names(&data), ["Zorgboerderij De Eik"], "the backup predates Het Anker");
    let kept = tenderwacht_export::kept::list(&data).unwrap();
    assert_eq!(kept.len(), 1);
    assert!(kept[0].kept_at.is_some() && kept[0].size > 0);
    tenderwacht_export::kept::restore(&data, &kept[0].name).unwrap();
    assert_eq!(names(&data).len(), 2, "Het Anker is back");
    assert_eq!(tenderwacht_export::kept::list(&data).unwrap().len(), 2, "the replaced database is kept too");
    assert!(tenderwacht_export::kept::restore(&data, "voor-herstel-../../etc").is_err(), "only a listed kept copy");
}
