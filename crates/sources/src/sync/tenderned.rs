//! Reading TenderNed's list of publications, newest first: pages until the cursor plus the
//! backfill window (or, on a first sync, back to the horizon), keeping each item that is not
//! stored yet. With list items only, the list is read on its own thread and every page goes
//! straight to the preparing thread while the sync's own thread writes the pages before it:
//! reading, preparing and writing overlap, and what was read is committed page by page (an
//! interrupted sync keeps it).
//!
//! Pages are written as they are read, so newest first. An older publication that joins a tender
//! a newer one already set is "stale" in the store: it adds what is missing and moves no date
//! back, so the tender ends the same as when read oldest first; only two moves of one date
//! within one sync show as a single move.

use super::{cfg_bool, cfg_u64, store_triaged, Line, Progress, SyncReport, Syncer, BATCH};
use crate::error::SourceError;
use crate::http::{Fetched, Fetcher};
use crate::pipeline::{Batch, Feeder, Preparer};
use crate::tenderned;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use tenderwacht_domain::{publication::Notice, publication::SourceKind};
use tenderwacht_store::{BackgroundCheckpoints, PublicationReader, Source, Store};

/// Publications per transaction while a list is streamed: at least MIN_GROUP (unless the list
/// ends), more when more pages are waiting, at most GROUP.
const MIN_GROUP: usize = 1000;
/// The first transaction starts sooner, so writing overlaps reading from early on.
const FIRST_GROUP: usize = 300;
const GROUP: usize = 2000;
/// TenderNed serves pages 0..=99 of at most [`MAX_SIZE`] publications; beyond that it answers 400.
const MAX_PAGE: u32 = 100;
const MAX_SIZE: u64 = 100;

/// What to read.
#[derive(Debug, Clone)]
pub(super) struct ListPlan {
    pub base: String,
    pub base_url: reqwest::Url,
    pub size: u64,
    pub backfill: u64,
    /// Highest publication id of the last complete sync.
    pub cursor: Option<u64>,
    /// First sync: items published before this are not read.
    pub oldest: DateTime<Utc>,
    pub max_pages: u32,
    /// Validators of the first page from the last sync (ETag, Last-Modified).
    pub first_validators: (Option<String>, Option<String>),
}

/// What reading the list found, besides the items themselves.
#[derive(Debug, Default)]
pub(super) struct Listing {
    pub fetched: u32,
    pub unchanged: u32,
    pub rejected: Vec<Line>,
    pub errors: Vec<String>,
    /// The portal did not answer a page: the header's few words.
    pub unanswered: Option<&'static str>,
    /// A page could not be read: the cursor must stay where it was.
    pub failed: bool,
    /// Highest id among the items listed (new or already stored).
    pub max_seen: Option<u64>,
    /// URL and validators of the first page, to store for the next conditional request.
    pub first_page: Option<(String, Option<String>, Option<String>)>,
}

impl Listing {
    /// Adds the listing's counts and lines to the report.
    pub fn into_report(self, report: &mut SyncReport) {
        report.fetched += self.fetched;
        report.unchanged += self.unchanged;
        report.rejected.extend(self.rejected);
        report.errors.extend(self.errors);
        if report.unanswered.is_none() {
            report.unanswered = self.unanswered.map(str::to_string);
        }
    }
}

/// Reads the list, handing each page's new items (not in `stored`) to `on_page`; stops early when
/// `stop` is set. Fetch and parse faults end the listing and are recorded; only the store and
/// `on_page` can fail it.
pub(super) fn read_list(
    fetcher: &mut Fetcher,
    plan: &ListPlan,
    stop: &AtomicBool,
    stored: &PublicationReader,
    on_page: &mut dyn FnMut(u32, Vec<tenderned::Item>) -> Result<(), SourceError>,
) -> Result<Listing, SourceError> {
    let mut listing = Listing::default();
    let mut seen = std::collections::HashSet::new();
    let mut pages_past_cursor = 0;
    let mut ended = false;
    // TenderNed answers 400 from page 100 on (and for pages larger than 100).
    for page_no in 0..plan.max_pages.min(MAX_PAGE) {
        if stop.load(Ordering::SeqCst) {
            listing.failed = true;
            break;
        }
        let url = format!("{}{}?page={page_no}&size={}", plan.base, tenderned::LIST_PATH, plan.size);
        let validators = if page_no == 0 { (plan.first_validators.0.as_deref(), plan.first_validators.1.as_deref()) } else { (None, None) };
        // A page that cannot be read ends the listing; what was read so far is still ingested, and
        // the cursor stays where it was so the next sync reads the rest.
        let body = match fetcher.get(&url, validators, "application/json") {
            Ok(Fetched::NotModified) => break,
            Ok(Fetched::Body(b)) => b,
            Err(e) => {
                listing.errors.push(e.to_string());
                listing.unanswered = listing.unanswered.or(e.unanswered());
                listing.failed = true;
                break;
            }
        };
        let page = match tenderned::parse_page(&body.bytes) {
            Ok(p) => p,
            Err(e) => {
                listing.errors.push(format!("{url}: {e}"));
                listing.failed = true;
                break;
            }
        };
        if page_no == 0 {
            listing.first_page = Some((url.clone(), body.etag.clone(), body.last_modified.clone()));
        }
        for (item, reason) in page.rejected {
            listing.rejected.push(Line { item, message: reason });
        }
        let mut all_old = !page.items.is_empty();
        let mut too_old = !page.items.is_empty();
        let mut candidates = vec![];
        for item in page.items {
            listing.fetched += 1;
            let number = item.number();
            if plan.cursor.is_none_or(|c| number.is_none_or(|n| n > c)) {
                all_old = false;
            }
            if plan.cursor.is_some() || item.published.is_none_or(|p| p >= plan.oldest) {
                too_old = false;
            } else {
                continue;
            }
            // Listings shift while they are read: an item can appear on two pages.
            if seen.insert(item.id.clone()) {
                candidates.push(item);
            }
        }
        // The cursor covers what is stored after this sync: the new items and the known ones.
        if let Some(n) = candidates.iter().filter_map(tenderned::Item::number).max() {
            listing.max_seen = Some(listing.max_seen.map_or(n, |m| m.max(n)));
        }
        let ids: Vec<&str> = candidates.iter().map(|i| i.id.as_str()).collect();
        let known = stored.stored_among(SourceKind::Tenderned, &ids)?;
        let before = candidates.len();
        let fresh: Vec<tenderned::Item> = candidates.into_iter().filter(|i| !known.contains(&i.id)).collect();
        listing.unchanged += u32::try_from(before - fresh.len()).unwrap_or(0);
        if !fresh.is_empty() {
            on_page(page_no, fresh)?;
        }
        if all_old {
            pages_past_cursor += 1;
        }
        if page.last || too_old || pages_past_cursor >= plan.backfill.max(1) {
            ended = true;
            break;
        }
    }
    if !ended && !listing.failed && plan.max_pages >= MAX_PAGE {
        // The portal's page limit was reached before the cursor: older publications stay unread.
        // The cursor stays, so they are not skipped for good; the report says so.
        listing.failed = true;
        listing.errors.push(format!(
            "TenderNed geeft niet meer dan {MAX_PAGE} pagina's van {} publicaties; de oudere volgen niet. Verklein de eerste synchronisatie (first_sync_days).",
            plan.size
        ));
    }
    Ok(listing)
}

/// Ends the feeder when the listing thread is done, however it ends (also by a panic), so the
/// writing thread never waits for a page that will not come.
struct EndOnDrop<'f>(&'f Feeder);

impl Drop for EndOnDrop<'_> {
    fn drop(&mut self) {
        let _ = self.0.end();
    }
}

/// The parts of a syncer a streamed listing uses, borrowed separately so one thread can read the
/// list while this one writes.
pub(super) struct Streamer<'a> {
    pub store: &'a mut Store,
    pub fetcher: &'a mut Fetcher,
    pub preparer: &'a mut Preparer,
    pub checkpoints: Option<&'a BackgroundCheckpoints>,
}

impl Streamer<'_> {
    /// Reads the list on a second thread and writes each prepared page here as it comes.
    pub fn run(self, source: &Source, plan: &ListPlan, report: &mut SyncReport, progress: &mut dyn FnMut(&Progress)) -> Result<Listing, SourceError> {
        let Streamer { store, fetcher, preparer, checkpoints } = self;
        let feeder = preparer.feeder()?;
        let reader: PublicationReader = store.publication_reader()?;
        let stop = AtomicBool::new(false);
        let (listed, written) = std::thread::scope(|scope| {
            let (feeder, stop) = (&feeder, &stop);
            let lister = std::thread::Builder::new().name("tenderwacht-list".into()).spawn_scoped(scope, move || {
                let _end = EndOnDrop(feeder);
                read_list(fetcher, plan, stop, &reader, &mut |_, items| {
                    feeder.submit(Batch::TendernedItems { items, base_url: plan.base_url.clone() })
                })
            });
            let lister = match lister {
                Ok(l) => l,
                Err(e) => return (Err(SourceError::Worker(e.to_string())), Ok(())),
            };
            let mut written: Result<(), SourceError> = Ok(());
            let mut done = 0u32;
            let mut ended = false;
            while !ended {
                let mut group = match preparer.take() {
                    Ok(t) => t,
                    Err(e) => {
                        stop.store(true, Ordering::SeqCst);
                        written = written.and(Err(e));
                        break;
                    }
                };
                ended = group.end;
                // Pages are gathered into one transaction of at least MIN_GROUP publications (or
                // whatever is left at the end): a commit per page would write the search index and
                // the touched pages of every table into the log a hundred times per sync.
                while !ended && group.prepared.len() < GROUP {
                    let min_group = if done == 0 { FIRST_GROUP } else { MIN_GROUP };
                    let more = if group.prepared.len() < min_group {
                        match preparer.take() {
                            Ok(t) => t,
                            Err(e) => {
                                stop.store(true, Ordering::SeqCst);
                                written = written.and(Err(e));
                                break;
                            }
                        }
                    } else {
                        let Some(t) = preparer.try_take() else { break };
                        t
                    };
                    ended = more.end;
                    group.filtered += more.filtered;
                    group.rejected.extend(more.rejected);
                    group.prepared.extend(more.prepared);
                }
                if written.is_ok() && (!group.prepared.is_empty() || group.filtered > 0 || !group.rejected.is_empty()) {
                    done += u32::try_from(group.prepared.len() + group.filtered as usize).unwrap_or(0);
                    written = store_triaged(store, checkpoints, source, group, report);
                    if written.is_err() {
                        // Stop reading; the pages still coming are drained, not written.
                        stop.store(true, Ordering::SeqCst);
                    }
                    progress(&Progress { source: source.name.clone(), stage: "publicaties", done, total: None });
                }
            }
            let listed = lister.join().unwrap_or_else(|_| Err(SourceError::Worker("het lezen van de lijst is gestopt".into())));
            (listed, written)
        });
        written?;
        listed
    }
}

/// The TenderNed sync itself: list (streamed, or read whole with details fetched oldest first),
/// then the cursor.
impl Syncer<'_> {
    pub(super) fn sync_tenderned(
        &mut self,
        source: &Source,
        report: &mut SyncReport,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<(), SourceError> {
        let details = cfg_bool(source, "fetch_details", true);
        let first_sync_days = cfg_u64(source, "first_sync_days", 60);
        let base = source.base_url.trim_end_matches('/').to_string();
        let size = cfg_u64(source, "page_size", MAX_SIZE).clamp(1, MAX_SIZE);
        let first_page = format!("{base}{}?page=0&size={size}", tenderned::LIST_PATH);
        let plan = ListPlan {
            base_url: reqwest::Url::parse(&base).map_err(|e| SourceError::parse(&base, e))?,
            base,
            size,
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
        let listing = read_list(&mut self.fetcher, &plan, &stop, &reader, &mut |page_no, mut items| {
            progress(&Progress { source: source.name.clone(), stage: "lijst", done: page_no, total: None });
            fresh.append(&mut items);
            Ok(())
        })?;
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
                        report.failed(&e);
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
}
