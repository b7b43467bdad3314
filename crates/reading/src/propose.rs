//! The one path from a tender's documents to stored proposals, for the app and the CLI: read each
//! file (the given ones, or every downloaded document of the tender), find the sentences, store
//! the findings in one transaction. A file that cannot be read is reported with its reason and
//! the others still count; nothing is half stored.

use crate::error::{ReadError, Result};
use crate::{phrases, text, wall};
use serde::Serialize;
use std::path::PathBuf;
use tenderwacht_domain::time::local_date;
use tenderwacht_store::{ProposalReport, Store};
use ts_rs::TS;
use uuid::Uuid;

/// What reading one file gave.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FileReading {
    pub file_name: String,
    pub pages: u32,
    pub found: u32,
    /// Why the file could not be read (Dutch), when it could not.
    pub problem: Option<String>,
}

/// What a proposal run did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProposeOutcome {
    pub files: Vec<FileReading>,
    pub report: ProposalReport,
    /// The upload rules the documents state (file types, sizes), to take over as the tender's;
    /// `None` when they state none.
    pub upload: Option<crate::upload::UploadHints>,
}

/// A document to read: its name, where its bytes are, and (for a stored file) its sha256, under
/// which a failed reading is remembered.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub path: PathBuf,
    pub sha256: Option<String>,
}

impl Source {
    /// A file the consultant picked (not stored).
    pub fn file(name: impl Into<String>, path: impl Into<PathBuf>) -> Self {
        Self { name: name.into(), path: path.into(), sha256: None }
    }

    fn stored(store: &Store, name: String, sha256: String) -> Self {
        Self { name, path: store.blobs().path_of(&sha256), sha256: Some(sha256) }
    }
}

/// Whether a file that could not be read safely before is tried again: yes when the consultant
/// asks, no in a sync (a hostile portal file would otherwise crash-loop every sync).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    Yes,
    No,
}

/// The tender's downloaded portal documents, as sources (those still to download are skipped).
pub fn tender_sources(store: &Store, tender: Uuid) -> Result<Vec<Source>> {
    Ok(store
        .tender_documents(tender)?
        .into_iter()
        .filter_map(|d| d.sha256.map(|sha| Source::stored(store, d.title, sha)))
        .filter(|s| s.path.is_file())
        .collect())
}

/// Reads the tender's own downloaded documents and stores what they propose; refused with the
/// reason when the tender has none yet (the consultant then picks a file). Both shells call this.
pub fn propose_from_tender(store: &mut Store, tender: Uuid) -> Result<ProposeOutcome> {
    let sources = tender_sources(store, tender)?;
    if sources.is_empty() {
        return Err(ReadError::Store(tenderwacht_store::StoreError::invalid(
            "stukken",
            "deze aanbesteding heeft nog geen gedownloade stukken; kies zelf een bestand (in de app 'Leidraad kiezen…', op de opdrachtregel --file)",
        )));
    }
    propose(store, tender, &sources)
}

/// Reads the sources (each behind the wall, see `wall`) and stores what they propose for the
/// tender. The consultant asked: a file that failed before is tried again.
pub fn propose(store: &mut Store, tender: Uuid, sources: &[Source]) -> Result<ProposeOutcome> {
    propose_with(store, tender, sources, Retry::Yes)
}

/// Reads one source in the worker; a worker that crashed or ran out of memory or time is
/// remembered for the file's content, and a file remembered so is skipped unless retried.
fn read(store: &mut Store, s: &Source, retry: Retry) -> Result<Vec<text::Page>> {
    if let (Some(sha), Retry::No) = (&s.sha256, retry) {
        if let Some(reason) = store.reading_failure(sha)? {
            return Err(ReadError::Unsafe { file: s.name.clone(), reason: format!("{reason} (eerder; opnieuw proberen met 'Stukken lezen')") });
        }
    }
    let result = wall::extract_file(&s.path, &s.name);
    if let Some(sha) = &s.sha256 {
        match &result {
            Err(ReadError::Unsafe { reason, .. }) => store.set_reading_failure(sha, Some(reason))?,
            Ok(_) if store.reading_failure(sha)?.is_some() => store.set_reading_failure(sha, None)?,
            _ => {}
        }
    }
    result
}

fn propose_with(store: &mut Store, tender: Uuid, sources: &[Source], retry: Retry) -> Result<ProposeOutcome> {
    let closing = store.tender(tender)?.closing.map(local_date);
    let mut files = vec![];
    let mut drafts = vec![];
    let mut upload = crate::upload::UploadHints::default();
    for s in sources {
        match read(store, s, retry) {
            Ok(pages) => {
                let found = phrases::find(&pages, &s.name, closing);
                upload.merge(crate::upload::find(&pages, &s.name));
                files.push(FileReading {
                    file_name: s.name.clone(),
                    pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
                    found: u32::try_from(found.len()).unwrap_or(u32::MAX),
                    problem: None,
                });
                drafts.extend(found);
            }
            Err(e) => files.push(FileReading { file_name: s.name.clone(), pages: 0, found: 0, problem: Some(e.to_string()) }),
        }
    }
    // The same finding in two files (the NvI repeats the leidraad) is one proposal with both.
    let report = store.add_proposals(tender, crate::findings::dedupe(drafts))?;
    let upload = if upload.is_empty() { None } else { Some(upload.completed(&store.upload_rules(tender)?)) };
    Ok(ProposeOutcome { files, report, upload })
}

/// Reads the documents a sync downloaded (a leidraad, a new nota van inlichtingen) and stores what
/// they propose, per tender. A tender whose reading fails is skipped (its documents stay readable
/// on request); the outcomes of the others come back.
pub fn propose_downloaded_since(store: &mut Store, since: chrono::DateTime<chrono::Utc>) -> Result<Vec<(Uuid, ProposeOutcome)>> {
    let docs = store.documents_downloaded_since(since)?;
    let mut by_tender: Vec<(Uuid, Vec<Source>)> = vec![];
    for d in docs {
        let Some(sha) = d.sha256 else { continue };
        let source = Source::stored(store, d.title, sha);
        match by_tender.iter_mut().find(|(t, _)| *t == d.tender_id) {
            Some((_, list)) => list.push(source),
            None => by_tender.push((d.tender_id, vec![source])),
        }
    }
    let mut out = vec![];
    for (tender, sources) in by_tender {
        if let Ok(outcome) = propose_with(store, tender, &sources, Retry::No) {
            out.push((tender, outcome));
        }
    }
    Ok(out)
}
