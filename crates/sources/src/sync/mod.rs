//! The sync: per source, read what is new since the cursor (plus a backfill window), keep what
//! matches the search profile, ingest it into the store, download followed tenders' documents, and
//! end with a report — fetched, new, updated, unchanged, filtered, rejected (with reasons), errors.
//! One bad item never stops the rest; a source that fails does not stop the other sources.

mod other_sources;
mod tenderned;

use crate::error::SourceError;
use crate::http::{Fetcher, HttpOptions};
use crate::pipeline::{Batch, Preparer, Triaged};
pub use crate::report::{Line, Progress, SyncReport};
use chrono::Utc;
use serde_json::Value;
use std::sync::Arc;
use std::time::Instant;
use tenderwacht_domain::{
    profile::{ProfileMatcher, ProfileVerdict, SearchProfile},
    publication::Notice,
    publication::SourceKind,
    regions::Regions,
};
use tenderwacht_store::{BackgroundCheckpoints, IngestStatus, Source, Store};

/// Publications prepared and ingested per transaction while details are being fetched.
const BATCH: usize = 1000;

#[derive(Debug, Clone)]
pub struct SyncOptions {
    pub http: HttpOptions,
    /// Download the portal documents of followed tenders after syncing.
    pub download_documents: bool,
    /// Hard cap on pages per source and sync.
    pub max_pages: u32,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self { http: HttpOptions::default(), download_documents: true, max_pages: 50 }
    }
}

pub struct Syncer<'s> {
    store: &'s mut Store,
    fetcher: Fetcher,
    regions: Arc<Regions>,
    /// A publication is kept when it matches any of these; none keeps everything.
    profiles: Arc<Vec<ProfileMatcher>>,
    preparer: Preparer,
    /// The WAL is copied back on a second thread while a source is synced.
    checkpoints: Option<BackgroundCheckpoints>,
    profile_names: Vec<String>,
    options: SyncOptions,
}

impl std::fmt::Debug for Syncer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Syncer").field("profiles", &self.profile_names).finish()
    }
}

fn cfg_u64(source: &Source, key: &str, default: u64) -> u64 {
    source.config.get(key).and_then(Value::as_u64).unwrap_or(default)
}

fn cfg_bool(source: &Source, key: &str, default: bool) -> bool {
    source.config.get(key).and_then(Value::as_bool).unwrap_or(default)
}

impl<'s> Syncer<'s> {
    /// A syncer over a store; a publication is kept when it matches any of `profiles` (an empty
    /// list keeps everything).
    pub fn new(store: &'s mut Store, profiles: Vec<SearchProfile>, options: SyncOptions) -> Result<Self, SourceError> {
        let regions = Arc::new(Regions::default_regions()?);
        let matchers: Arc<Vec<ProfileMatcher>> = Arc::new(profiles.iter().map(SearchProfile::matcher).collect());
        Ok(Self {
            fetcher: Fetcher::new(options.http.clone())?,
            store,
            preparer: Preparer::start(Arc::clone(&matchers), Arc::clone(&regions))?,
            checkpoints: None,
            regions,
            profile_names: profiles.iter().map(|p| p.name.clone()).collect(),
            profiles: matchers,
            options,
        })
    }

    /// Syncs every enabled source (or the one named) and downloads documents of followed tenders.
    pub fn sync_all(&mut self, only: Option<&str>, progress: &mut dyn FnMut(&Progress)) -> Result<Vec<SyncReport>, SourceError> {
        let sources: Vec<Source> = match only {
            Some(name) => vec![self.store.source(name)?],
            None => self.store.sources()?.into_iter().filter(|s| s.enabled).collect(),
        };
        let mut reports = vec![];
        for s in &sources {
            reports.push(self.sync_source(s, progress)?);
        }
        if self.options.download_documents {
            if let Some(last) = reports.last_mut() {
                self.download_documents(last, progress)?;
            }
        }
        Ok(reports)
    }

    /// Syncs one source and stores its report. Fetch and parse faults end up in the report; only a
    /// failing store is an error.
    pub fn sync_source(&mut self, source: &Source, progress: &mut dyn FnMut(&Progress)) -> Result<SyncReport, SourceError> {
        let started = Utc::now();
        let clock = Instant::now();
        let requests_before = self.fetcher.requests;
        let mut report = SyncReport { source: source.name.clone(), ..Default::default() };
        self.checkpoints = Some(self.store.background_checkpoints()?);
        let result = match source.kind {
            SourceKind::Tenderned => self.sync_tenderned(source, &mut report, progress),
            SourceKind::Ted => self.sync_ted(source, &mut report, progress),
            SourceKind::Feed => self.sync_feed(source, &mut report, progress),
            SourceKind::Html => self.sync_html(source, &mut report, progress),
            SourceKind::Import => Err(SourceError::Definition(format!("{}: een import is geen bron om te synchroniseren", source.name))),
        };
        // Whatever is still being prepared is stored before the report is written.
        let result = result.and_then(|()| self.flush(source, &mut report));
        if let Some(cp) = self.checkpoints.take() {
            self.store.end_background_checkpoints(cp)?;
        }
        match result {
            Ok(()) => {}
            Err(SourceError::Core(e)) if !e.is_invalid() => return Err(SourceError::Core(e)),
            Err(e) => report.failed(&e),
        }
        report.requests = self.fetcher.requests - requests_before;
        report.duration_ms = u64::try_from(clock.elapsed().as_millis()).unwrap_or(u64::MAX);
        let value = serde_json::to_value(&report).unwrap_or_default();
        self.store.save_sync_run(Some(source), started, &value)?;
        Ok(report)
    }

    /// Profile check and ingest of one notice, counted in the report.
    fn handle(&mut self, source: &Source, notice: &Notice, report: &mut SyncReport) -> Result<(), SourceError> {
        self.handle_batch(source, vec![notice.clone()], report)
    }

    /// Hands a batch to the preparing thread and stores the batch before it, so preparing and
    /// writing overlap. [`Self::flush`] stores what is still in flight.
    fn handle_batch(&mut self, source: &Source, notices: Vec<Notice>, report: &mut SyncReport) -> Result<(), SourceError> {
        if notices.is_empty() {
            return Ok(());
        }
        self.submit(source, Batch::Notices(notices), report)
    }

    fn submit(&mut self, source: &Source, batch: Batch, report: &mut SyncReport) -> Result<(), SourceError> {
        self.preparer.submit(batch)?;
        while self.preparer.in_flight() > 1 {
            let triaged = self.preparer.take()?;
            self.store_triaged(source, triaged, report)?;
        }
        Ok(())
    }

    /// Stores every batch still being prepared.
    fn flush(&mut self, source: &Source, report: &mut SyncReport) -> Result<(), SourceError> {
        while self.preparer.in_flight() > 0 {
            let triaged = self.preparer.take()?;
            self.store_triaged(source, triaged, report)?;
        }
        Ok(())
    }

    /// Writes one prepared batch (one transaction) and counts it in the report.
    fn store_triaged(&mut self, source: &Source, triaged: Triaged, report: &mut SyncReport) -> Result<(), SourceError> {
        store_triaged(self.store, self.checkpoints.as_ref(), source, triaged, report)
    }

    /// The best verdict of any profile (Match over OutsideRegion over OffTopic).
    fn verdict(&self, notice: &Notice) -> ProfileVerdict {
        crate::pipeline::verdict(&self.profiles, &self.regions, notice)
    }

    /// The first look at an item without its detail: is it worth fetching more?
    fn worth_detail(&self, notice: &Notice) -> bool {
        if self.profiles.is_empty() {
            return true;
        }
        // Without CPV codes a list item can only be off-topic *and* out of the region.
        match self.verdict(notice) {
            ProfileVerdict::Match => true,
            ProfileVerdict::OffTopic => self.regions.for_buyer(&notice.buyer).is_some(),
            ProfileVerdict::OutsideRegion => notice.buyer.trim().is_empty(),
        }
    }

    /// Requests sent so far.
    pub fn requests(&self) -> u64 {
        self.fetcher.requests
    }
}

/// Writes one prepared batch (one transaction) and counts it in the report.
fn store_triaged(
    store: &mut Store,
    checkpoints: Option<&BackgroundCheckpoints>,
    source: &Source,
    triaged: Triaged,
    report: &mut SyncReport,
) -> Result<(), SourceError> {
    report.filtered += triaged.filtered;
    report.rejected.extend(triaged.rejected);
    let outcomes = store.ingest_prepared(Some(source.id), triaged.prepared.iter())?;
    if let Some(cp) = checkpoints {
        cp.nudge();
    }
    for (p, out) in triaged.prepared.iter().zip(outcomes) {
        match out.status {
            IngestStatus::New => report.new += 1,
            IngestStatus::Updated => report.updated += 1,
            IngestStatus::Unchanged => report.unchanged += 1,
        }
        for c in out.changes {
            report.changes.push(Line { item: p.prepared.external_id().to_string(), message: c });
        }
        for w in out.warnings {
            report.warnings.push(Line { item: p.prepared.external_id().to_string(), message: w });
        }
    }
    Ok(())
}
