//! Queries of `source`, `http_cache` and `sync_run`: what the sync reads from, where it stopped
//! and what it reported (the portal files it keeps are `tender_documents.rs`).

use crate::error::{Result, StoreError};
use crate::{col_enum, col_moment_opt, col_uuid, now_db, Store};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use tenderwacht_domain as d;
use tenderwacht_domain::publication::SourceKind;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Source {
    pub id: Uuid,
    pub name: String,
    /// The portal family; never `import` (a source is read from somewhere).
    pub kind: SourceKind,
    pub base_url: String,
    /// Source-specific settings (the HTML listing definition, a TED query...).
    #[ts(type = "unknown")]
    pub config: serde_json::Value,
    pub enabled: bool,
    pub cursor: Option<String>,
    pub last_sync_at: Option<DateTime<Utc>>,
}

/// The shipped default sources.
pub const DEFAULT_SOURCES: &str = include_str!("../../../../assets/sources.toml");

#[derive(Debug, Deserialize)]
struct RawSources {
    source: Vec<RawSource>,
}

#[derive(Debug, Deserialize)]
struct RawSource {
    name: String,
    kind: String,
    base_url: String,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    config: Option<toml::Value>,
}

fn yes() -> bool {
    true
}

/// The stored report of one sync run.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SyncRunSummary {
    pub source: String,
    pub finished_at: DateTime<Utc>,
    /// The sources crate's `SyncReport`, as JSON.
    #[ts(type = "unknown")]
    pub report: serde_json::Value,
}

impl Store {
    pub(crate) fn seed_sources_if_empty(&mut self) -> Result<()> {
        let count: i64 = self.conn.query_row("SELECT count(*) FROM source", [], |r| r.get(0))?;
        let profiles: i64 = self.conn.query_row("SELECT count(*) FROM search_profile", [], |r| r.get(0))?;
        if count > 0 && profiles > 0 {
            return Ok(());
        }
        let raw: RawSources = toml::from_str(DEFAULT_SOURCES).map_err(|e| StoreError::catalogue(format!("sources: {e}")))?;
        let defaults = tenderwacht_domain::profile::parse_profiles(tenderwacht_domain::profile::DEFAULT_PROFILES)?;
        let tx = self.conn.transaction()?;
        if count == 0 {
            for s in raw.source {
                let config = serde_json::to_string(&s.config.unwrap_or(toml::Value::Table(Default::default())))
                    .map_err(|e| StoreError::catalogue(e.to_string()))?;
                tx.execute(
                    "INSERT INTO source (id, name, kind, base_url, config, enabled, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![tenderwacht_domain::ids::new_id().to_string(), s.name, s.kind, s.base_url, config, s.enabled, now_db()],
                )?;
            }
        }
        if profiles == 0 {
            for p in defaults {
                crate::sync::profiles::insert_profile(&tx, &p)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    pub fn sources(&self) -> Result<Vec<Source>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, name, kind, base_url, config, enabled, cursor, last_sync_at FROM source ORDER BY name")?;
        let rows = stmt
            .query_map([], |r| {
                let config: String = r.get(4)?;
                Ok(Source {
                    id: col_uuid(r, 0)?,
                    name: r.get(1)?,
                    kind: col_enum(r, 2, SourceKind::from_db)?,
                    base_url: r.get(3)?,
                    config: serde_json::from_str(&config).unwrap_or_default(),
                    enabled: r.get(5)?,
                    cursor: r.get(6)?,
                    last_sync_at: col_moment_opt(r, 7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// A source by name (case-insensitive).
    pub fn source(&self, name: &str) -> Result<Source> {
        self.sources()?
            .into_iter()
            .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| StoreError::NotFound { what: "bron", key: name.to_string() })
    }

    /// Adds a source; the URL must be http(s) and the name unique.
    pub fn add_source(&mut self, name: &str, kind: SourceKind, base_url: &str, config: &serde_json::Value) -> Result<Uuid> {
        if kind == SourceKind::Import {
            return Err(StoreError::invalid("soort", "kies TenderNed, TED, een feed of een webpagina"));
        }
        let name = d::name("naam", name)?;
        let url = d::url("url", base_url)?;
        let id = tenderwacht_domain::ids::new_id();
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO source (id, name, kind, base_url, config, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id.to_string(), name, kind.as_str(), url, config.to_string(), now_db()],
        )?;
        if n == 0 {
            return Err(StoreError::Duplicate { what: "bron", key: name });
        }
        Ok(id)
    }

    /// Points an existing source elsewhere (tests and moved portals) or switches it on or off.
    pub fn update_source(&mut self, id: Uuid, base_url: Option<&str>, enabled: Option<bool>) -> Result<()> {
        if let Some(u) = base_url {
            let u = d::url("url", u)?;
            self.conn.execute("UPDATE source SET base_url = ?2 WHERE id = ?1", params![id.to_string(), u])?;
        }
        if let Some(e) = enabled {
            self.conn.execute("UPDATE source SET enabled = ?2 WHERE id = ?1", params![id.to_string(), e])?;
        }
        Ok(())
    }

    /// Changes a source's name, address and settings (the HTML listing definition, a TED query).
    pub fn edit_source(&mut self, id: Uuid, name: &str, base_url: &str, config: &serde_json::Value) -> Result<()> {
        let name = d::name("naam", name)?;
        let url = d::url("url", base_url)?;
        let taken: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM source WHERE lower(name) = lower(?1) AND id <> ?2)",
            params![name, id.to_string()],
            |r| r.get(0),
        )?;
        if taken {
            return Err(StoreError::Duplicate { what: "bron", key: name });
        }
        let n = self.conn.execute(
            "UPDATE source SET name = ?2, base_url = ?3, config = ?4 WHERE id = ?1",
            params![id.to_string(), name, url, config.to_string()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "bron", key: id.to_string() });
        }
        Ok(())
    }

    /// Removes a source. What it brought in stays: its publications and sync reports keep their
    /// rows and only lose the link to the source (the schema's ON DELETE SET NULL).
    pub fn remove_source(&mut self, id: Uuid) -> Result<()> {
        let n = self.conn.execute("DELETE FROM source WHERE id = ?1", [id.to_string()])?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "bron", key: id.to_string() });
        }
        Ok(())
    }

    /// Stores where an incremental sync stopped.
    pub fn set_source_cursor(&mut self, id: Uuid, cursor: Option<&str>) -> Result<()> {
        self.conn.execute("UPDATE source SET cursor = ?2, last_sync_at = ?3 WHERE id = ?1", params![id.to_string(), cursor, now_db()])?;
        Ok(())
    }

    /// The validators (ETag, Last-Modified) of the last response for a URL.
    pub fn http_validators(&self, url: &str) -> Result<(Option<String>, Option<String>)> {
        Ok(self
            .conn
            .query_row("SELECT etag, last_modified FROM http_cache WHERE url = ?1", [url], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((None, None)))
    }

    pub fn save_http_validators(&mut self, url: &str, etag: Option<&str>, last_modified: Option<&str>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO http_cache (url, etag, last_modified, fetched_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at",
            params![url, etag, last_modified, now_db()],
        )?;
        Ok(())
    }

    /// Records a finished sync with its report (any serialisable value).
    pub fn save_sync_run(&mut self, source: Option<&Source>, started: DateTime<Utc>, report: &serde_json::Value) -> Result<Uuid> {
        let id = tenderwacht_domain::ids::new_id();
        self.conn.execute(
            "INSERT INTO sync_run (id, source_id, source_name, started_at, finished_at, report) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id.to_string(),
                source.map(|s| s.id.to_string()),
                source.map_or("import", |s| s.name.as_str()),
                tenderwacht_domain::time::to_db(started),
                now_db(),
                report.to_string()
            ],
        )?;
        Ok(id)
    }

    /// The last sync report of each source, newest first.
    pub fn last_sync_reports(&self) -> Result<Vec<SyncRunSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT source_name, finished_at, report FROM sync_run r
             WHERE finished_at = (SELECT max(finished_at) FROM sync_run x WHERE x.source_name = r.source_name)
             ORDER BY finished_at DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let report: String = r.get(2)?;
                Ok(SyncRunSummary {
                    source: r.get(0)?,
                    finished_at: crate::col_moment(r, 1)?,
                    report: serde_json::from_str(&report).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
