//! The sync: per source, read what is new since the cursor (plus a backfill window), keep what
//! matches the search profile, ingest it into the store, download followed tenders' documents, and
//! end with a report — fetched, new, updated, unchanged, filtered, rejected (with reasons), errors.
//! One bad item never stops the rest; a source that fails does not stop the other sources.

mod other_sources;
mod tenderned_list;

use crate::error::SourceError;
use crate::http::{Fetched, Fetcher, HttpOptions};
use crate::pipeline::{Batch, Preparer, Triaged};
use tenderned_list::{read_list, ListPlan, Listing, Streamer};
use std::sync::Arc;
use crate::tenderned;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::time::Instant;
use tenderwacht_core::profile::{ProfileMatcher, ProfileVerdict, SearchProfile};
use tenderwacht_core::publication::Notice;
use tenderwacht_core::regions::Regions;
use tenderwacht_core::store::{BackgroundCheckpoints, IngestStatus, Source, SourceType};
use tenderwacht_core::Store;

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

/// One line of a report about one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Line {
    pub item: String,
    pub message: String,
}

/// What one sync of one source did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct SyncReport {
    pub source: String,
    pub fetched: u32,
    pub new: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Read but outside the search profile (not stored).
    pub filtered: u32,
    pub rejected: Vec<Line>,
    pub errors: Vec<String>,
    pub warnings: Vec<Line>,
    pub changes: Vec<Line>,
    pub documents_downloaded: u32,
    pub requests: u64,
    pub duration_ms: u64,
}

/// Progress for a progress bar: `done` of `total` (when known) in a stage.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Progress {
    pub source: String,
    #[ts(type = "string")]
    pub stage: &'static str,
    pub done: u32,
    pub total: Option<u32>,
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
            SourceType::Tenderned => self.sync_tenderned(source, &mut report, progress),
            SourceType::Ted => self.sync_ted(source, &mut report, progress),
            SourceType::Feed => self.sync_feed(source, &mut report, progress),
            SourceType::Html => self.sync_html(source, &mut report, progress),
        };
        // Whatever is still being prepared is stored before the report is written.
        let result = result.and_then(|()| self.flush(source, &mut report));
        if let Some(cp) = self.checkpoints.take() {
            self.store.end_background_checkpoints(cp)?;
        }
        match result {
            Ok(()) => {}
            Err(SourceError::Core(e)) if !matches!(e, tenderwacht_core::CoreError::Invalid { .. }) => return Err(SourceError::Core(e)),
            Err(e) => report.errors.push(e.to_string()),
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

    fn sync_tenderned(&mut self, source: &Source, report: &mut SyncReport, progress: &mut dyn FnMut(&Progress)) -> Result<(), SourceError> {
        let details = cfg_bool(source, "fetch_details", true);
        let first_sync_days = cfg_u64(source, "first_sync_days", 60);
        let base = source.base_url.trim_end_matches('/').to_string();
        let first_page = format!("{base}{}?page=0&size={}", tenderned::LIST_PATH, cfg_u64(source, "page_size", 100));
        let plan = ListPlan {
            base_url: reqwest::Url::parse(&base).map_err(|e| SourceError::parse(&base, e))?,
            base,
            size: cfg_u64(source, "page_size", 100),
            backfill: cfg_u64(source, "backfill_pages", 1),
            cursor: source.cursor.as_deref().and_then(|c| serde_json::from_str::<Value>(c).ok()).and_then(|v| v["max_id"].as_u64()),
            oldest: Utc::now() - chrono::Duration::days(i64::try_from(first_sync_days).unwrap_or(60)),
            max_pages: self.options.max_pages,
            first_validators: self.store.http_validators(&first_page)?,
        };
        if !details {
            let streamer = Streamer {
                store: &mut *self.store,
                fetcher: &mut self.fetcher,
                preparer: &mut self.preparer,
                checkpoints: self.checkpoints.as_ref(),
            };
            let listing = streamer.run(source, &plan, report, progress)?;
            let max_seen = plan.cursor.unwrap_or(0).max(listing.max_seen.unwrap_or(0));
            return self.finish_tenderned(source, report, listing, max_seen);
        }
        // With details: read the whole list first, then fetch details oldest first, so a
        // rectification lands after the notice it corrects.
        let mut fresh: Vec<tenderned::Item> = vec![];
        let stop = std::sync::atomic::AtomicBool::new(false);
        let reader = self.store.publication_reader()?;
        let listing = read_list(
            &mut self.fetcher,
            &plan,
            &stop,
            &reader,
            &mut |page_no, mut items| {
                progress(&Progress { source: source.name.clone(), stage: "lijst", done: page_no, total: None });
                fresh.append(&mut items);
                Ok(())
            },
        )?;
        fresh.sort_by_key(|i| (i.number().unwrap_or(u64::MAX), i.id.clone()));
        let total = u32::try_from(fresh.len()).unwrap_or(u32::MAX);
        let mut max_seen = plan.cursor.unwrap_or(0);
        let mut failed = false;
        let mut batch: Vec<Notice> = Vec::with_capacity(BATCH);
        for (i, item) in fresh.iter().enumerate() {
            if i % BATCH == 0 {
                progress(&Progress { source: source.name.clone(), stage: "publicaties", done: u32::try_from(i).unwrap_or(0), total: Some(total) });
            }
            let listed = tenderned::to_notice_at(item, None, &[], &plan.base_url);
            if !self.worth_detail(&listed) {
                batch.push(listed);
            } else {
                match self.tenderned_detail(&plan.base, item) {
                    Ok(notice) => batch.push(notice),
                    // No detail published (yet): the list item is all there is.
                    Err(SourceError::Status { status: 404, .. }) => {
                        report.warnings.push(Line { item: item.id.clone(), message: "geen detailpagina; alleen de lijstgegevens".into() });
                        batch.push(listed);
                    }
                    Err(e @ SourceError::Parse { .. }) => {
                        report.rejected.push(Line { item: item.id.clone(), message: e.to_string() });
                    }
                    Err(e) => {
                        failed = true;
                        report.errors.push(e.to_string());
                    }
                }
            }
            if batch.len() >= BATCH {
                self.handle_batch(source, std::mem::take(&mut batch), report)?;
            }
            if !failed {
                if let Some(n) = item.number() {
                    max_seen = max_seen.max(n);
                }
            }
        }
        self.handle_batch(source, batch, report)?;
        // Without a failed detail everything listed is stored now, the known items included; after
        // one, the cursor stays below it so the next sync tries it again.
        if !failed {
            max_seen = max_seen.max(listing.max_seen.unwrap_or(0));
        }
        self.finish_tenderned(source, report, listing, max_seen)
    }

    /// Stores what is in flight, keeps the first page's validators, then moves the cursor (only
    /// when the whole list was read).
    fn finish_tenderned(&mut self, source: &Source, report: &mut SyncReport, listing: Listing, max_seen: u64) -> Result<(), SourceError> {
        self.flush(source, report)?;
        if let Some((url, etag, last_modified)) = &listing.first_page {
            self.store.save_http_validators(url, etag.as_deref(), last_modified.as_deref())?;
        }
        let list_failed = listing.failed;
        listing.into_report(report);
        if list_failed {
            self.store.set_source_cursor(source.id, source.cursor.as_deref())?;
        } else {
            self.store.set_source_cursor(source.id, Some(&json!({ "max_id": max_seen }).to_string()))?;
        }
        Ok(())
    }

    fn tenderned_detail(&mut self, base: &str, item: &tenderned::Item) -> Result<Notice, SourceError> {
        let detail_url = format!("{base}{}/{}", tenderned::LIST_PATH, item.id);
        let detail = match self.fetcher.get(&detail_url, (None, None), "application/json")? {
            Fetched::Body(b) => tenderned::parse_detail(&b.bytes)?,
            Fetched::NotModified => Value::Null,
        };
        let docs_url = format!("{detail_url}/documenten");
        let docs = match self.fetcher.get(&docs_url, (None, None), "application/json") {
            Ok(Fetched::Body(b)) => tenderned::parse_documents(&b.bytes, base)?,
            Ok(Fetched::NotModified) | Err(SourceError::Status { status: 404, .. }) => vec![],
            Err(e) => return Err(e),
        };
        Ok(tenderned::to_notice(item, Some(&detail), &docs, base))
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
            report.changes.push(Line { item: p.external_id().to_string(), message: c });
        }
        for w in out.warnings {
            report.warnings.push(Line { item: p.external_id().to_string(), message: w });
        }
    }
    Ok(())
}
