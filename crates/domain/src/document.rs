//! Documents a party holds: a stored file of a catalogue type with its dates. A newer document of
//! a type supersedes the older one for new links, but history is kept.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Document {
    pub id: Uuid,
    pub party_id: Uuid,
    pub type_id: Uuid,
    pub type_code: String,
    pub type_name: String,
    pub sha256: String,
    pub size: u64,
    pub original_name: String,
    pub issue_date: NaiveDate,
    /// The end date printed on the document, when it has one.
    pub expiry_date: Option<NaiveDate>,
    pub note: String,
    pub created_at: DateTime<Utc>,
    /// True when a newer document of the same type exists for this party.
    pub superseded: bool,
    /// True while the file is still on its way from the team folder (a teammate added it).
    #[serde(default)]
    pub arriving: bool,
    /// Its type's validity rule judged today: the library's chip (no rule in the window).
    #[serde(default)]
    pub validity: crate::checklist::LibraryValidity,
}

/// What a user gives to register a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentInput {
    pub party_id: Uuid,
    pub type_code: String,
    #[ts(type = "string")]
    pub file: PathBuf,
    /// Name to remember; defaults to the file's own name.
    pub original_name: Option<String>,
    pub issue_date: NaiveDate,
    pub expiry_date: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

/// A change to a registered document's facts (its file stays: a new file is a new document).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentEdit {
    pub type_code: String,
    pub original_name: String,
    pub issue_date: NaiveDate,
    pub expiry_date: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

/// What removing a record would take along, said before it is done: `blocked` when it cannot
/// be removed (and why), else one Dutch line per kind of thing that goes with it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemovalImpact {
    pub blocked: Option<String>,
    pub takes: Vec<String>,
}

impl RemovalImpact {
    /// "1 document", "3 documenten": a count with the right Dutch form, or nothing for zero.
    pub fn count(n: usize, one: &str, many: &str) -> Option<String> {
        match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        }
    }
}
