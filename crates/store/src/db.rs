//! Opening the SQLite database, always the same way (WAL, foreign keys, busy timeout), and
//! bringing its schema up to date with the embedded, append-only migrations in one transaction.

// This module is the one place a connection is opened (clippy.toml forbids it elsewhere).
#![allow(clippy::disallowed_methods)]

use crate::error::Result;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::Path;
use std::time::Duration;

/// The schema history. Append only: an applied migration is never edited (a test pins each
/// file's hash), a change is a new entry at the end.
pub const MIGRATION_SQL: &[(&str, &str)] = &[
    ("0001_initial.sql", include_str!("../migrations/0001_initial.sql")),
    ("0002_sources.sql", include_str!("../migrations/0002_sources.sql")),
    ("0003_lean_writes.sql", include_str!("../migrations/0003_lean_writes.sql")),
    ("0004_notifications.sql", include_str!("../migrations/0004_notifications.sql")),
    ("0005_unread_indexes.sql", include_str!("../migrations/0005_unread_indexes.sql")),
    ("0006_procedure_phase.sql", include_str!("../migrations/0006_procedure_phase.sql")),
    ("0007_team.sql", include_str!("../migrations/0007_team.sql")),
    ("0008_contracts.sql", include_str!("../migrations/0008_contracts.sql")),
    ("0009_provider_facts.sql", include_str!("../migrations/0009_provider_facts.sql")),
    ("0010_deliverable_files.sql", include_str!("../migrations/0010_deliverable_files.sql")),
    ("0011_contract_details.sql", include_str!("../migrations/0011_contract_details.sql")),
    ("0012_reading_failures.sql", include_str!("../migrations/0012_reading_failures.sql")),
    ("0013_device_settings.sql", include_str!("../migrations/0013_device_settings.sql")),
    ("0014_team_key_home.sql", include_str!("../migrations/0014_team_key_home.sql")),
    ("0015_proposal_meaning.sql", include_str!("../migrations/0015_proposal_meaning.sql")),
    ("0016_intake.sql", include_str!("../migrations/0016_intake.sql")),
    ("0017_team_epoch.sql", include_str!("../migrations/0017_team_epoch.sql")),
    ("0018_tender_merge.sql", include_str!("../migrations/0018_tender_merge.sql")),
    ("0019_type_words.sql", include_str!("../migrations/0019_type_words.sql")),
    ("0020_party_name_order.sql", include_str!("../migrations/0020_party_name_order.sql")),
    ("0021_proposal_sources.sql", include_str!("../migrations/0021_proposal_sources.sql")),
];

/// Every migration runs with foreign keys off (so a table can be rebuilt without its children
/// cascading away) and must leave `PRAGMA foreign_key_check` clean before it commits.
fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL.iter().map(|(_, sql)| M::up(sql).foreign_key_check()).collect())
}

/// How long a writer waits for another connection (the app and the CLI share the file).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // A 16 MB page cache keeps the agenda's and checklists' pages decoded (the store benchmark's
    // p95 is the same as with 64 MB and a 256 MB memory map, both measured); no memory map, since
    // mapped pages count against the app's memory and bought no speed.
    conn.pragma_update(None, "cache_size", -16_384)?;
    conn.pragma_update(None, "mmap_size", 0)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// Opens (creating if needed) the database at `path` and migrates it to the newest schema.
pub fn open(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Opens an existing, already migrated database the same way, without touching its schema (a
/// second connection of the same process, such as the checkpointing thread's).
pub fn open_existing(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    configure(&conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

/// SQLite's own integrity check of a database file, opened read-only and left as it is (a backup
/// is checked this way before it replaces the store): "ok", or what is wrong.
pub fn integrity_check(path: &Path) -> Result<String> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    Ok(conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
}

/// The `application_id` of a Tenderwacht store (set by migration 12).
pub const APPLICATION_ID: i64 = 1_415_012_707;
const APPLICATION_ID_FROM: i64 = 12;

/// Whether a database file is a Tenderwacht store this version can take as it is (a backup's,
/// before it replaces the store): its application id, a schema version this version knows, and
/// exactly the tables, indexes, triggers and views the migrations make at that version — no
/// hidden trigger, view or table. `Ok(Err(why))` names the first difference, in Dutch.
pub fn check_store_file(path: &Path) -> Result<std::result::Result<i64, String>> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let version = schema_version(&conn)?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let known = i64::try_from(MIGRATION_SQL.len()).unwrap_or(i64::MAX);
    if version < 1 || version > known {
        return Ok(Err(format!("schemaversie {version}; deze versie van Tenderwacht kent 1 tot {known}")));
    }
    let expected_id = if version >= APPLICATION_ID_FROM { APPLICATION_ID } else { 0 };
    if app_id != expected_id {
        return Ok(Err(format!("geen Tenderwacht-database (application_id {app_id})")));
    }
    let mut reference = Connection::open_in_memory()?;
    let steps = usize::try_from(version).unwrap_or(0);
    Migrations::new(MIGRATION_SQL.iter().take(steps).map(|(_, sql)| M::up(sql)).collect()).to_latest(&mut reference)?;
    let schema = |c: &Connection| -> Result<std::collections::BTreeMap<(String, String), Option<String>>> {
        let mut stmt = c.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")?;
        let rows = stmt.query_map([], |r| Ok(((r.get::<_, String>(0)?, r.get::<_, String>(1)?), r.get::<_, Option<String>>(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let (found, wanted) = (schema(&conn)?, schema(&reference)?);
    for ((kind, name), sql) in &found {
        match wanted.get(&(kind.clone(), name.clone())) {
            None => return Ok(Err(format!("onbekende {kind} '{name}' in de database"))),
            Some(w) if w != sql => return Ok(Err(format!("{kind} '{name}' wijkt af van wat Tenderwacht maakt"))),
            Some(_) => {}
        }
    }
    if let Some((kind, name)) = wanted.keys().find(|k| !found.contains_key(*k)) {
        return Ok(Err(format!("{kind} '{name}' ontbreekt in de database")));
    }
    Ok(Ok(version))
}

/// An in-memory database with the full schema, for tests and benchmarks.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let found = schema_version(conn)?;
    let known = i64::try_from(MIGRATION_SQL.len()).unwrap_or(i64::MAX);
    if found > known {
        return Err(crate::error::StoreError::NewerStore { found, known });
    }
    // rusqlite_migration applies all pending migrations inside one transaction. Foreign keys can
    // only be switched outside a transaction: off for the migrations, on for everything after.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = migrations().to_latest(conn);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrated?;
    Ok(())
}

/// The schema version the database is at (`user_version`).
pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_from_a_newer_version_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("t.sqlite");
        drop(open(&path).unwrap_or_else(|e| panic!("{e}")));
        let newer = i64::try_from(MIGRATION_SQL.len()).unwrap_or_default() + 1;
        Connection::open(&path).and_then(|c| c.pragma_update(None, "user_version", newer)).unwrap_or_else(|e| panic!("{e}"));
        let err = open(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("nieuwere versie van Tenderwacht") && err.contains(&format!("schema {newer}")), "{err}");
        let version: i64 = Connection::open(&path).and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0))).unwrap_or_default();
        assert_eq!(version, newer, "nothing changed");
    }
    use sha2::{Digest, Sha256};

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn migrate_from_empty_and_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        let conn = open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), MIGRATION_SQL.len() as i64);
        let fk: i64 = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
        let jm: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(jm, "wal");
        drop(conn);
        // Re-opening an up-to-date store is a no-op.
        let conn = open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), MIGRATION_SQL.len() as i64);
        let strict: i64 = conn
            .query_row(
                "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND strict = 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(strict, 0, "every table is STRICT");
    }

    /// Released migrations are frozen: editing one would leave existing stores on a different
    /// schema than new ones. Add a migration instead, and append its hash here.
    #[test]
    fn applied_migrations_are_never_edited() {
        let pinned = ["0001_initial.sql", "0002_sources.sql", "0003_lean_writes.sql", "0004_notifications.sql"];
        let hashes: Vec<String> = MIGRATION_SQL.iter().map(|(_, sql)| hex::encode(Sha256::digest(sql.as_bytes()))).collect();
        let expected = include_str!("../migrations/SHA256SUMS");
        for (i, name) in pinned.iter().enumerate() {
            let line = expected.lines().find(|l| l.ends_with(name)).unwrap_or_else(|| panic!("{name} not pinned"));
            assert_eq!(MIGRATION_SQL[i].0, *name);
            assert!(line.starts_with(&hashes[i]), "migration {name} was edited after release; add a new one instead");
        }
        assert_eq!(expected.lines().count(), MIGRATION_SQL.len(), "pin every migration in SHA256SUMS");
    }

    /// A store with data at schema 2 migrates to the newest schema keeping every row, the
    /// full-text index's rowids and the foreign keys (rebuilt tables must not cascade away).
    #[test]
    fn data_survives_the_table_rebuilds_of_migration_3() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrations().to_version(&mut conn, 2).unwrap();
        conn.execute_batch(
            "INSERT INTO tender (id, title, buyer, procedure, domain, status, created_at, updated_at)
                 VALUES ('t1', 'Jeugdhulp Súdwest-Fryslân', 'Gemeente Súdwest-Fryslân', 'openbaar', 'jeugdwet', 'volgen', 'x', 'x');
             INSERT INTO tender_fts (rowid, title, buyer, description) SELECT rowid, title, buyer, description FROM tender;
             INSERT INTO milestone (id, tender_id, kind, at_utc) VALUES ('m1', 't1', 'sluiting', '2027-01-15T11:00:00Z');
             INSERT INTO tender_key (kind, value, tender_id) VALUES ('kenmerk', '123', 't1');
             INSERT INTO tender_municipality (tender_id, municipality) VALUES ('t1', 'Súdwest-Fryslân');
             INSERT INTO tender_link (tender_id, url) VALUES ('t1', 'https://www.tenderned.nl/x');
             INSERT INTO lot (id, tender_id, number, title) VALUES ('l1', 't1', 1, 'Perceel 1');
             INSERT INTO change_event (id, tender_id, kind, field, created_at) VALUES ('c1', 't1', 'ended', 'procedure', 'x');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), MIGRATION_SQL.len() as i64);
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        for table in ["tender", "milestone", "tender_key", "tender_municipality", "tender_link", "lot", "change_event"] {
            assert_eq!(count(&format!("SELECT count(*) FROM {table}")), 1, "{table} kept its row");
        }
        assert_eq!(count("SELECT count(*) FROM tender_fts WHERE tender_fts MATCH 'sudwest'"), 1, "search still finds it");
        assert_eq!(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
        // The rules still hold, and deleting a tender still cascades.
        assert!(conn.execute("INSERT INTO milestone (id, tender_id, kind, at_utc) VALUES ('m2', 't1', 'nonsense', 'x')", []).is_err());
        assert!(conn.execute("INSERT INTO milestone (id, tender_id, kind, at_utc) VALUES ('m3', 'nope', 'sluiting', 'x')", []).is_err());
        conn.execute("DELETE FROM tender WHERE id = 't1'", []).unwrap();
        assert_eq!(count("SELECT count(*) FROM milestone") + count("SELECT count(*) FROM lot"), 0);
    }

    #[test]
    fn folding_is_one_pass_and_diacritic_free() {
        assert_eq!(crate::fold("  Súdwest-FRYSLÂN \t gemeente "), "sudwest-fryslan gemeente");
        assert_eq!(crate::fold("Jeugdhulp  Assen"), "jeugdhulp assen");
        assert_eq!(tenderwacht_domain::regions::fold_buyer("Gemeente Súdwest-Fryslân"), "sudwest fryslan");
        assert_eq!(tenderwacht_domain::regions::fold_buyer("gemeente"), "");
    }
}
