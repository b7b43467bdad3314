//! Saved portal files taken into the store, one way for both shells (`tender import` and the
//! app's "Portaalbestand importeren"): every publication read as a sync reads it, a row per
//! publication or refusal, totals, and (unless it is a trial run) each publication stored with
//! what became of it. A file that held nothing at all is the consultant's wrong file: said.

use crate::error::SourceError;
use crate::files::{rows, FileReading, Row};
use serde::Serialize;
use tenderwacht_store::Store;

/// The counts of one import.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportTotals {
    pub files: usize,
    pub read: usize,
    pub refused: usize,
    /// Publications whose reader failed (caught): a defect to report, never silently dropped.
    pub panics: usize,
    pub stored: usize,
}

/// What an import read and did: a row per publication or refusal, the totals, and per stored
/// publication its outcome ("nieuw", "bijgewerkt", …) and title.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportOutcome {
    pub rows: Vec<Row>,
    pub totals: ImportTotals,
    pub stored: Vec<(String, String)>,
}

impl ImportOutcome {
    /// The one-line summary both shells show.
    pub fn summary(&self, dry_run: bool) -> String {
        let t = &self.totals;
        format!(
            "{} bestand(en): {} publicatie(s) gelezen, {} geweigerd{}{}",
            t.files,
            t.read,
            t.refused,
            if t.panics > 0 { format!(", {} lieten de lezer vastlopen", t.panics) } else { String::new() },
            if dry_run { " (proefrun: niets opgeslagen)".to_string() } else { format!(", {} verwerkt", t.stored) }
        )
    }

    /// Why nothing was read, when nothing was: the first refusal, or that no publication was found.
    pub fn nothing_read(&self) -> Option<String> {
        (self.totals.read == 0).then(|| self.rows.iter().find_map(|r| r.refused.clone()).unwrap_or_else(|| "geen publicatie gevonden".into()))
    }
}

/// Stores what the readings hold (unless `dry_run`) and says what was read and done.
pub fn import(store: &mut Store, readings: Vec<FileReading>, dry_run: bool) -> Result<ImportOutcome, SourceError> {
    let all: Vec<Row> = readings.iter().flat_map(rows).collect();
    let files = readings.len();
    let read: usize = readings.iter().map(|r| r.notices.len()).sum();
    let refused = all.iter().filter(|r| r.refused.is_some()).count();
    let panics = all.iter().filter(|r| r.refused.as_deref().is_some_and(|m| m.starts_with("PANIC"))).count();
    let mut stored = vec![];
    if !dry_run {
        let regions = tenderwacht_domain::regions::Regions::default_regions()?;
        let notices: Vec<_> = readings.into_iter().flat_map(|r| r.notices).collect();
        for (n, out) in notices.iter().zip(store.ingest_batch(None, &notices, &regions)?) {
            match out {
                Ok(o) => stored.push((o.status.label().to_string(), n.title.clone())),
                Err(e) => stored.push(("geweigerd".into(), format!("{}: {e}", n.external_id))),
            }
        }
    }
    let totals = ImportTotals { files, read, refused, panics, stored: stored.len() };
    Ok(ImportOutcome { rows: all, totals, stored })
}
