//! What a sync tells the consultant: per source the counts, the items refused or warned about
//! with their reason, the changes, and progress for a progress bar. Shared by the sync and the
//! preparing thread (neither depends on the other for it).

use serde::{Deserialize, Serialize};

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
    /// Set when the portal did not answer (no connection, refused, no answer in time, a server
    /// error): the few words the header says ("geen internetverbinding"). Older reports lack it.
    #[serde(default)]
    pub unanswered: Option<String>,
    pub warnings: Vec<Line>,
    pub changes: Vec<Line>,
    pub documents_downloaded: u32,
    pub requests: u64,
    pub duration_ms: u64,
}

impl SyncReport {
    /// Records an error of the source; one where the portal did not answer at all also says so
    /// in `unanswered` (the first such reason is kept).
    pub fn failed(&mut self, e: &crate::error::SourceError) {
        self.errors.push(e.to_string());
        if self.unanswered.is_none() {
            self.unanswered = e.unanswered().map(str::to_string);
        }
    }
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
