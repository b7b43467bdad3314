//! Where tenders come from: clients and parsers for the TenderNed publications API, the TED search
//! API with its eForms notices, RSS/Atom feeds (the CTM Solution feed among them) and configurable
//! HTML listing pages; the sync that turns what they return into publications in the store; saved
//! portal files read the same way (`files`, the conformance run); and the dry run of a source
//! (`preview`). Knows nothing of Tauri.

pub mod eforms;
pub mod error;
pub mod feed;
pub mod files;
pub mod html;
pub mod http;
pub mod import;
mod lenient_json;
pub mod pipeline;
pub mod preview;
pub mod report;
pub mod sync;
pub mod ted;
pub mod tenderned;
pub mod tenderned_codes;

pub use error::SourceError;
pub use sync::{SyncOptions, SyncReport, Syncer};
