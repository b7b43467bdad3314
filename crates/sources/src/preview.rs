//! A dry run of one source, saved or not yet: the real fetching and parsing of its first page into
//! a throw-away store, so the consultant sees the first rows (and the report) before saving a
//! source. The CLI's `source test` and the app's Bronnen form both call this.

use crate::error::SourceError;
use crate::report::{Progress, SyncReport};
use crate::sync::{SyncOptions, Syncer};
use serde::Serialize;
use tenderwacht_domain::{profile::SearchProfile, publication::SourceKind, Tender};
use tenderwacht_store::Store;

/// What a dry run found: the report and up to 20 tenders it would store.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Preview {
    pub report: SyncReport,
    pub tenders: Vec<Tender>,
    /// Per tender (same order): why the search profiles would not keep it, or `None` when they do.
    pub outside: Vec<Option<String>>,
}

/// Syncs one source's first page into a scratch store and returns what it found; nothing is kept.
/// Everything the portal gives is shown, each tender with the verdict of `profiles` (the active
/// search profiles): what a real sync would leave out is said, not hidden.
pub fn preview(
    name: &str,
    kind: SourceKind,
    base_url: &str,
    config: &serde_json::Value,
    options: SyncOptions,
    profiles: &[SearchProfile],
    progress: &mut dyn FnMut(&Progress),
) -> Result<Preview, SourceError> {
    let scratch_dir = tempfile::tempdir().map_err(|e| tenderwacht_store::StoreError::io(std::env::temp_dir(), e))?;
    let mut scratch = Store::open(scratch_dir.path())?;
    // A default source of the same name (TenderNed, TED, CTM Solution) is pointed at the address.
    let id = match scratch.source(name) {
        Ok(s) => {
            scratch.edit_source(s.id, name, base_url, config)?;
            s.id
        }
        Err(_) => scratch.add_source(name, kind, base_url, config)?,
    };
    let source = scratch
        .sources()?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| tenderwacht_store::StoreError::NotFound { what: "bron", key: name.to_string() })?;
    let options = SyncOptions { download_documents: false, max_pages: 1, ..options };
    let mut syncer = Syncer::new(&mut scratch, vec![], options)?;
    let report = syncer.sync_source(&source, progress)?;
    let mut tenders = scratch.tenders(&Default::default())?;
    tenders.truncate(20);
    let regions = tenderwacht_domain::regions::Regions::default_regions()?;
    let matchers: Vec<_> = profiles.iter().map(SearchProfile::matcher).collect();
    let outside = tenders.iter().map(|t| crate::pipeline::verdict_of(&matchers, &regions, t.into()).reason().map(str::to_string)).collect();
    Ok(Preview { report, tenders, outside })
}
