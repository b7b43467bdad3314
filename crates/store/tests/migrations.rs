//! Every schema version ever released is kept as a database file under `tests/fixtures/db`
//! (`schema-N.sqlite`, with a provider, a tender with its closing, a deliverable and a bid) and
//! must migrate forward to the newest schema with its data intact. A new migration adds its file
//! with `cargo test -p tenderwacht-store --test migrations -- --ignored` (it never overwrites one).
//! Editing an applied migration is caught by `db::tests::applied_migrations_are_never_edited`.

#![allow(clippy::unwrap_used, clippy::expect_used)]
// Fixture databases are written at an old schema version on purpose, with a bare connection.
#![allow(clippy::disallowed_methods)]

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::PathBuf;
use tenderwacht_domain::checklist::ItemStatus;
use tenderwacht_store::{db::MIGRATION_SQL, ChecklistScope, Store};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join("db")
}

/// The same rows at every version (these columns have not changed since schema 1).
const DATA: &str = "
INSERT INTO party (id, kind, name, kvk, created_at, updated_at)
    VALUES ('01900000-0000-7000-8000-000000000001', 'provider', 'Zorgboerderij De Eik', '12345678', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z');
INSERT INTO tender (id, title, buyer, region, procedure, domain, description, status, created_at, updated_at)
    VALUES ('01900000-0000-7000-8000-000000000002', 'Jeugdhulp Súdwest-Fryslân 2027', 'Gemeente Súdwest-Fryslân', 'Friesland',
            'lichte_regeling', 'jeugdwet', '', 'inschrijven', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z');
INSERT INTO milestone (id, tender_id, kind, label, at_utc, note)
    VALUES ('01900000-0000-7000-8000-000000000003', '01900000-0000-7000-8000-000000000002', 'sluiting', '', '2027-01-15T11:00:00Z', '');
INSERT INTO requirement (id, tender_id, kind, name, position)
    VALUES ('01900000-0000-7000-8000-000000000004', '01900000-0000-7000-8000-000000000002', 'deliverable', 'Prijzenblad', 1);
INSERT INTO bid (id, tender_id, party_id, note, created_at)
    VALUES ('01900000-0000-7000-8000-000000000005', '01900000-0000-7000-8000-000000000002', '01900000-0000-7000-8000-000000000001', '', '2026-11-02T09:00:00Z');
";

fn migrations_up_to(n: usize) -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL[..n].iter().map(|(_, sql)| M::up(sql)).collect())
}

/// Writes `schema-N.sqlite` for every version that has no file yet.
#[test]
#[ignore = "run once after adding a migration, then commit the new file"]
fn regenerate_missing_fixtures() {
    std::fs::create_dir_all(fixtures()).unwrap();
    for n in 1..=MIGRATION_SQL.len() {
        let path = fixtures().join(format!("schema-{n}.sqlite"));
        if path.exists() {
            continue;
        }
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        migrations_up_to(n).to_latest(&mut conn).unwrap();
        conn.execute_batch(DATA).unwrap();
        if n >= 2 {
            // From schema 2 the store indexes every tender it writes for search.
            conn.execute_batch("INSERT INTO tender_fts (rowid, title, buyer, description) SELECT rowid, title, buyer, description FROM tender")
                .unwrap();
        }
        conn.execute_batch("PRAGMA journal_mode = DELETE; VACUUM;").unwrap();
    }
}

#[test]
fn every_schema_version_migrates_forward_with_its_data() {
    let mut seen = 0;
    for n in 1..=MIGRATION_SQL.len() {
        let path = fixtures().join(format!("schema-{n}.sqlite"));
        assert!(path.exists(), "no fixture for schema {n}: run the ignored regenerate_missing_fixtures test and commit the file");
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(&path, dir.path().join("tenderwacht.sqlite")).unwrap();
        let mut store = Store::open(dir.path()).unwrap_or_else(|e| panic!("schema {n} does not migrate: {e}"));
        store.set_today(Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()));
        assert_eq!(tenderwacht_store::db::schema_version(store.connection()).unwrap(), MIGRATION_SQL.len() as i64, "schema {n}");
        assert!(store.integrity_ok().unwrap(), "schema {n}");
        let tenders = store.tenders(&Default::default()).unwrap();
        assert_eq!(tenders.len(), 1, "schema {n}");
        assert_eq!(tenders[0].closing.map(|c| c.to_rfc3339()), Some("2027-01-15T11:00:00+00:00".into()), "schema {n}");
        assert_eq!(store.search_tenders("sudwest", 5).unwrap().len(), 1, "schema {n}: search index");
        let list = store.checklist(ChecklistScope::Tender(tenders[0].id)).unwrap();
        assert_eq!(list.rows.len(), 1, "schema {n}");
        assert_eq!(list.rows[0].status, ItemStatus::Open, "schema {n}");
        seen += 1;
    }
    assert_eq!(seen, MIGRATION_SQL.len());
}
