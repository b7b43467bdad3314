//! The packs of every bid of a tender, the one loop both the app and the CLI run: each bid
//! succeeds or fails on its own, with progress for the window.

use crate::error::{ExportError, Result};
use crate::pack::{write, PackOptions};
use crate::pack_plan::plan_with;
use std::path::Path;
use tenderwacht_store::{ChecklistScope, Store};
use uuid::Uuid;

/// What became of one bid's pack (the app's and the CLI's report of a tender's packs).
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PackOutcome {
    pub bidder: String,
    pub path: Option<String>,
    pub files: u32,
    /// Items missing or invalid at closing (blocking, or marked in a forced pack).
    pub blockers: Vec<String>,
    pub error: Option<String>,
}

/// Packs every bid of a tender into `out_dir`. Each bid succeeds or fails on its own (a blocked
/// bid does not stop the others); the outcomes come back in bid order. `progress` hears the bid
/// being packed (bidder, done so far, total) before each, and once more when all are done.
pub fn write_tender(
    store: &Store,
    tender: Uuid,
    out_dir: &Path,
    options: &PackOptions,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<Vec<PackOutcome>> {
    let bids = store.bids(Some(tender), None)?;
    if bids.is_empty() {
        return Err(ExportError::Invalid("deze aanbesteding heeft nog geen inschrijvingen".into()));
    }
    // One checklist for all the tender's bids (it judges every bid in a few set queries).
    let checklist = store.checklist(ChecklistScope::Tender(tender))?;
    let mut out = vec![];
    for (i, b) in bids.iter().enumerate() {
        progress(&b.party_name, i, bids.len());
        let result = plan_with(store, b.id, &options.template, &checklist).and_then(|p| write(&p, out_dir, options));
        let bidder = b.party_name.clone();
        out.push(match result {
            Ok(r) => PackOutcome { bidder, path: Some(r.path.display().to_string()), files: r.files, blockers: r.blockers, error: None },
            Err(ExportError::Blocked { blockers }) => {
                PackOutcome { bidder, path: None, files: 0, blockers, error: Some("niet gemaakt: er ontbreken stukken".into()) }
            }
            Err(e) => PackOutcome { bidder, path: None, files: 0, blockers: vec![], error: Some(e.to_string()) },
        });
    }
    progress("", bids.len(), bids.len());
    Ok(out)
}
