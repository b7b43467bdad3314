//! The open store: one SQLite database plus the content-addressed file folder, and the row
//! helpers every query file shares. The methods named after what the consultant does live in the
//! aggregate folders (`tender`, `party`, `bid`, `contract`, `sync`, `team`).

use crate::blobs::BlobStore;
use crate::contract::obligations;
use crate::error::{Result, StoreError};
use crate::sync::checkpoints;
use crate::{agenda, datadir, ObligationView};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row};
use std::path::{Path, PathBuf};
pub use tenderwacht_domain::text::{fold, fold_with};
use uuid::Uuid;

/// A summary of an open store.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StoreInfo {
    pub data_dir: String,
    pub schema_version: u32,
    pub providers: u32,
    pub cooperatives: u32,
    pub tenders: u32,
    pub documents: u32,
    pub today: NaiveDate,
}

/// An open Tenderwacht data folder.
#[derive(Debug)]
pub struct Store {
    /// The last sync's checkpoint thread, finishing its final copy; declared first so it is
    /// joined before the connection closes.
    pub(crate) last_checkpoint: Option<checkpoints::BackgroundCheckpoints>,
    pub(crate) conn: Connection,
    pub(crate) blobs: BlobStore,
    pub(crate) data_dir: PathBuf,
    pub(crate) fixed_today: Option<NaiveDate>,
    /// This laptop's device id in its team; `Some` means every write is recorded.
    pub(crate) team_device: Option<String>,
    /// The obligations needing action, for the day and data version they were judged at.
    pub(crate) obligation_cache: std::cell::RefCell<Option<(obligations::ObligationKey, std::sync::Arc<[ObligationView]>)>>,
    /// The obligations' rows as read, kept until the data changes (a new day judges them again).
    pub(crate) obligation_rows_cache: std::cell::RefCell<Option<obligations::ObligationRows>>,
    /// The last agenda asked for, with its filter, day and data version (see `Store::agenda`).
    pub(crate) agenda_cache: std::cell::RefCell<Option<(agenda::AgendaKey, Vec<tenderwacht_domain::agenda::AgendaItem>)>>,
}

impl Store {
    /// Opens the data folder, creating it, the schema and the default catalogue when new.
    pub fn open(data_dir: &Path) -> Result<Self> {
        datadir::ensure(data_dir)?;
        let conn = crate::db::open(&data_dir.join(datadir::DB_FILE))?;
        let team_device = conn.query_row("SELECT device_id FROM team_self", [], |r| r.get(0)).optional()?;
        let mut store = Self {
            last_checkpoint: None,
            conn,
            blobs: BlobStore::new(data_dir),
            data_dir: data_dir.to_path_buf(),
            fixed_today: None,
            team_device,
            obligation_cache: Default::default(),
            obligation_rows_cache: Default::default(),
            agenda_cache: Default::default(),
        };
        store.seed_catalogue_if_empty()?;
        store.seed_sources_if_empty()?;
        Ok(store)
    }

    /// Fixes "today" (Amsterdam date) for reproducible checklists and agendas; `None` = real date.
    pub fn set_today(&mut self, today: Option<NaiveDate>) {
        self.fixed_today = today;
    }

    /// What a cached answer depends on besides its question: the day, and the data (another
    /// connection's commits bump `data_version`, this one's writes `total_changes`).
    pub(crate) fn data_stamp(&self) -> Result<(NaiveDate, i64, u64)> {
        let data_version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok((self.today(), data_version, self.conn.total_changes()))
    }

    pub fn today(&self) -> NaiveDate {
        tenderwacht_domain::time::today(self.fixed_today)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn blobs(&self) -> &BlobStore {
        &self.blobs
    }

    /// Direct access for benchmarks and integrity checks.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Where the store is and how much it holds, for the status line and `info`.
    pub fn info(&self) -> Result<StoreInfo> {
        let count = |sql: &str| -> Result<u32> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(StoreInfo {
            data_dir: self.data_dir.display().to_string(),
            schema_version: u32::try_from(crate::db::schema_version(&self.conn)?).unwrap_or_default(),
            providers: count("SELECT count(*) FROM party WHERE kind = 'provider' AND active = 1")?,
            cooperatives: count("SELECT count(*) FROM party WHERE kind = 'cooperative'")?,
            tenders: count("SELECT count(*) FROM tender")?,
            documents: count("SELECT count(*) FROM document")?,
            today: self.today(),
        })
    }

    /// A consistent copy of the database file at `target` (SQLite's online backup), taken
    /// while the store stays open: for backups and a team's snapshot.
    pub fn snapshot_to(&self, target: &Path) -> Result<()> {
        self.conn.backup(rusqlite::MAIN_DB, target, None)?;
        Ok(())
    }

    /// Every stored file's hash and size, in hash order.
    pub fn blob_list(&self) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn.prepare("SELECT sha256, size FROM blob ORDER BY sha256")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        Ok(rows.map(|r| r.map(|(s, n)| (s, u64::try_from(n).unwrap_or(0)))).collect::<rusqlite::Result<_>>()?)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        crate::db::schema_version(&self.conn)
    }

    /// `PRAGMA integrity_check`, true when the database is sound.
    pub fn integrity_ok(&self) -> Result<bool> {
        let r: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(r == "ok")
    }
}

/// Registers a stored file's row (once per content) inside the caller's transaction: the one way
/// documents, portal downloads, deliverable files and contract files reach the `blob` table.
pub(crate) fn insert_blob(tx: &rusqlite::Connection, sha256: &str, size: u64) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO blob (sha256, size, created_at) VALUES (?1, ?2, ?3)")?.execute(rusqlite::params![
        sha256,
        i64::try_from(size).unwrap_or(i64::MAX),
        now_db()
    ])?;
    Ok(())
}

pub(crate) fn now_db() -> String {
    tenderwacht_domain::time::to_db(Utc::now())
}

fn conversion<E: std::error::Error + Send + Sync + 'static>(idx: usize, e: E) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))
}

pub(crate) fn col_uuid(row: &Row, idx: usize) -> rusqlite::Result<Uuid> {
    Uuid::parse_str(row.get_ref(idx)?.as_str()?).map_err(|e| conversion(idx, e))
}

pub(crate) fn col_uuid_opt(row: &Row, idx: usize) -> rusqlite::Result<Option<Uuid>> {
    let s: Option<&str> = row.get_ref(idx)?.as_str_or_null()?;
    s.map(|s| Uuid::parse_str(s).map_err(|e| conversion(idx, e))).transpose()
}

fn corrupt(idx: usize, column: &'static str, value: &str) -> rusqlite::Error {
    conversion(idx, tenderwacht_domain::DomainError::Corrupt { column, value: value.to_string() })
}

pub(crate) fn col_date_opt(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<&str> = row.get_ref(idx)?.as_str_or_null()?;
    s.map(|s| tenderwacht_domain::time::date_from_db(s).ok_or_else(|| corrupt(idx, "date", s))).transpose()
}

pub(crate) fn col_date(row: &Row, idx: usize) -> rusqlite::Result<NaiveDate> {
    col_date_opt(row, idx)?.ok_or(rusqlite::Error::InvalidColumnType(idx, "date".into(), Type::Null))
}

pub(crate) fn col_moment_opt(row: &Row, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let s: Option<&str> = row.get_ref(idx)?.as_str_or_null()?;
    s.map(|s| tenderwacht_domain::time::moment_from_db(s).ok_or_else(|| corrupt(idx, "moment", s))).transpose()
}

pub(crate) fn col_moment(row: &Row, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    col_moment_opt(row, idx)?.ok_or(rusqlite::Error::InvalidColumnType(idx, "moment".into(), Type::Null))
}

/// Reads a period stored as an amount column and a unit column (both NULL when unset).
pub(crate) fn col_period(row: &Row, amount_idx: usize, unit_idx: usize) -> rusqlite::Result<Option<tenderwacht_domain::time::Period>> {
    let amount: Option<u32> = row.get(amount_idx)?;
    let unit: Option<String> = row.get(unit_idx)?;
    Ok(match (amount, unit.as_deref().and_then(tenderwacht_domain::time::PeriodUnit::parse)) {
        (Some(amount), Some(unit)) => Some(tenderwacht_domain::time::Period { amount, unit }),
        _ => None,
    })
}

/// Reads a closed-vocabulary column inside a row closure.
pub(crate) fn col_enum<T>(row: &Row, idx: usize, parse: fn(&'static str, &str) -> tenderwacht_domain::Result<T>) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    parse("enum", &s).map_err(|e| conversion(idx, e))
}

/// A JSON array of ids, for `IN (SELECT value FROM json_each(?))` set queries.
pub(crate) fn id_array<'a>(ids: impl IntoIterator<Item = &'a Uuid>) -> String {
    let v: Vec<String> = ids.into_iter().map(|u| u.to_string()).collect();
    serde_json::Value::from(v).to_string()
}

/// Resolves a user's reference (a full id, or a unique fragment of at least 6 characters of it)
/// among the ids a query returns.
pub(crate) fn match_id_fragment(what: &'static str, key: &str, candidates: Vec<(Uuid, String)>) -> Result<Uuid> {
    let k = key.trim().to_lowercase();
    if let Ok(u) = Uuid::parse_str(&k) {
        return candidates.iter().find(|(id, _)| *id == u).map(|(id, _)| *id).ok_or_else(|| StoreError::NotFound { what, key: key.to_string() });
    }
    if k.len() < 6 {
        return Err(StoreError::NotFound { what, key: key.to_string() });
    }
    let hits: Vec<&(Uuid, String)> = candidates.iter().filter(|(id, _)| id.to_string().contains(&k)).collect();
    pick_one(what, key, hits)
}

pub(crate) fn pick_one(what: &'static str, key: &str, hits: Vec<&(Uuid, String)>) -> Result<Uuid> {
    match hits.as_slice() {
        [one] => Ok(one.0),
        [] => Err(StoreError::NotFound { what, key: key.to_string() }),
        many => Err(StoreError::Ambiguous {
            what,
            key: key.to_string(),
            candidates: many.iter().take(5).map(|(id, name)| format!("{name} ({id})")).collect::<Vec<_>>().join("; "),
        }),
    }
}
