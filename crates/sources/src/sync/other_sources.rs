//! The sync of TED (search + eForms), RSS/Atom feeds and HTML listing pages, and the download of
//! followed tenders' documents; TenderNed, with its cursor and backfill, stays in the parent.

use super::{cfg_u64, Line, Progress, SyncReport, Syncer};
use crate::error::SourceError;
use crate::http::Fetched;
use crate::{feed, html, ted};
use serde_json::Value;
use tenderwacht_domain::publication::SourceKind;
use tenderwacht_store::Source;

impl Syncer<'_> {
    pub(super) fn sync_ted(&mut self, source: &Source, report: &mut SyncReport, progress: &mut dyn FnMut(&Progress)) -> Result<(), SourceError> {
        let query = source.config.get("query").and_then(Value::as_str).unwrap_or("organisation-country-buyer=NLD").to_string();
        let size = u32::try_from(cfg_u64(source, "page_size", 100)).unwrap_or(100);
        let url = format!("{}{}", source.base_url.trim_end_matches('/'), ted::SEARCH_PATH);
        let mut token: Option<String> = None;
        for page_no in 0..self.options.max_pages {
            progress(&Progress { source: source.name.clone(), stage: "zoeken", done: page_no, total: None });
            let body = ted::search_body(&query, size, token.as_deref());
            let mut page = ted::parse_search(&self.fetcher.post_json(&url, &body)?.bytes)?;
            // TED stopped searching early: the page may be incomplete. Ask once more, then take
            // what came and say so.
            if page.timed_out {
                page = ted::parse_search(&self.fetcher.post_json(&url, &body)?.bytes)?;
                if page.timed_out {
                    report.warnings.push(Line {
                        item: format!("pagina {}", page_no + 1),
                        message: "TED meldt timedOut: deze pagina is mogelijk onvolledig".into(),
                    });
                }
            }
            for (item, reason) in page.rejected {
                report.rejected.push(Line { item, message: reason });
            }
            let mut hits = page.hits.clone();
            // Oldest first ("123456-2026": year, then number), so a change follows its notice.
            hits.sort_by_key(|h| {
                let (num, year) = h.publication_number.split_once('-').unwrap_or((&h.publication_number, ""));
                (year.parse::<u32>().unwrap_or(0), num.parse::<u64>().unwrap_or(0))
            });
            for hit in &hits {
                report.fetched += 1;
                if self.store.publication_exists(SourceKind::Ted, &hit.publication_number)? {
                    report.unchanged += 1;
                    continue;
                }
                let Some(xml_url) = &hit.xml_url else {
                    // No XML linked: what the search gave is the publication.
                    report.warnings.push(Line { item: hit.publication_number.clone(), message: "geen XML-link; alleen de zoekgegevens".into() });
                    self.handle(source, &ted::hit_notice(hit), report)?;
                    continue;
                };
                let parsed = match self.fetcher.get(xml_url, (None, None), "application/xml") {
                    Ok(Fetched::Body(b)) => crate::eforms::parse(&b.bytes, Some(&hit.publication_number)).map(|mut n| {
                        ted::complete(&mut n, hit);
                        n
                    }),
                    Ok(Fetched::NotModified) => continue,
                    Err(e) => Err(e),
                };
                match parsed {
                    Ok(notice) => self.handle(source, &notice, report)?,
                    Err(e @ SourceError::Parse { .. }) => report.rejected.push(Line { item: hit.publication_number.clone(), message: e.to_string() }),
                    Err(e) => report.failed(&e),
                }
            }
            match page.next_token {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        self.store.set_source_cursor(source.id, None)?;
        Ok(())
    }

    pub(super) fn sync_feed(&mut self, source: &Source, report: &mut SyncReport, progress: &mut dyn FnMut(&Progress)) -> Result<(), SourceError> {
        progress(&Progress { source: source.name.clone(), stage: "feed", done: 0, total: None });
        let validators = self.store.http_validators(&source.base_url)?;
        let body = match self.fetcher.get(
            &source.base_url,
            (validators.0.as_deref(), validators.1.as_deref()),
            "application/rss+xml, application/atom+xml, application/xml",
        )? {
            Fetched::NotModified => return Ok(()),
            Fetched::Body(b) => b,
        };
        let mut fresh = vec![];
        for notice in feed::parse_feed(&body.bytes)? {
            report.fetched += 1;
            if self.store.publication_exists(SourceKind::Feed, &notice.external_id)? {
                report.unchanged += 1;
                continue;
            }
            fresh.push(notice);
        }
        self.handle_batch(source, fresh, report)?;
        self.flush(source, report)?;
        self.store.save_http_validators(&source.base_url, body.etag.as_deref(), body.last_modified.as_deref())?;
        self.store.set_source_cursor(source.id, None)?;
        Ok(())
    }

    pub(super) fn sync_html(&mut self, source: &Source, report: &mut SyncReport, progress: &mut dyn FnMut(&Progress)) -> Result<(), SourceError> {
        let def: html::HtmlDefinition =
            serde_json::from_value(source.config.clone()).map_err(|e| SourceError::Definition(format!("{}: {e}", source.name)))?;
        let mut url = Some(source.base_url.clone());
        let mut pages = 0;
        while let Some(page_url) = url.take() {
            if pages >= def.max_pages.min(self.options.max_pages) {
                break;
            }
            if !self.fetcher.allowed_by_robots(&page_url)? {
                return Err(SourceError::Robots { url: page_url });
            }
            progress(&Progress { source: source.name.clone(), stage: "pagina", done: pages, total: None });
            let body = match self.fetcher.get(&page_url, (None, None), "text/html")? {
                Fetched::Body(b) => b,
                Fetched::NotModified => break,
            };
            let text = html::decode_page(&body.bytes, body.content_type.as_deref());
            let (notices, next) = html::parse_listing(&text, &def, &page_url)?;
            let mut fresh = vec![];
            for notice in notices {
                report.fetched += 1;
                if self.store.publication_exists(SourceKind::Html, &notice.external_id)? {
                    report.unchanged += 1;
                    continue;
                }
                fresh.push(notice);
            }
            self.handle_batch(source, fresh, report)?;
            pages += 1;
            url = next;
        }
        self.store.set_source_cursor(source.id, None)?;
        Ok(())
    }

    /// Downloads the portal documents of followed tenders that are not offline yet.
    pub fn download_documents(&mut self, report: &mut SyncReport, progress: &mut dyn FnMut(&Progress)) -> Result<(), SourceError> {
        let pending = self.store.pending_downloads(500)?;
        let total = u32::try_from(pending.len()).unwrap_or(u32::MAX);
        for (i, doc) in pending.iter().enumerate() {
            progress(&Progress { source: report.source.clone(), stage: "documenten", done: u32::try_from(i).unwrap_or(0), total: Some(total) });
            let body = match self.fetcher.get(&doc.url, (None, None), "*/*") {
                Ok(Fetched::Body(b)) => b,
                Ok(Fetched::NotModified) => continue,
                Err(e) => {
                    report.errors.push(format!("document {}: {e}", doc.title));
                    continue;
                }
            };
            let tmp_dir = self.store.data_dir().join("tmp");
            std::fs::create_dir_all(&tmp_dir).map_err(|e| tenderwacht_store::StoreError::io(&tmp_dir, e))?;
            let mut tmp = tempfile::NamedTempFile::new_in(&tmp_dir).map_err(|e| tenderwacht_store::StoreError::io(&tmp_dir, e))?;
            std::io::Write::write_all(&mut tmp, &body.bytes).map_err(|e| tenderwacht_store::StoreError::io(tmp.path(), e))?;
            self.store.attach_tender_document(doc.id, tmp.path())?;
            report.documents_downloaded += 1;
        }
        Ok(())
    }
}
