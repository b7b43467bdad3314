//! Tenderwacht's core: the domain in the consultant's own terms, the SQLite store that keeps it,
//! and the rules that judge a bid's documents at the closing moment. The desktop shell and the CLI
//! are thin layers over this crate, so both always agree on what "gereed" means: the actions both
//! perform (moving a closing, following a tender, what a problem is) are store methods and domain
//! rules here, and the Dutch words of every vocabulary are generated for the window (`labels`).

pub mod agenda;
pub mod blobs;
pub mod catalogue;
pub mod checklist;
pub mod contract;
pub mod datadir;
pub mod db;
pub mod domain;
pub mod error;
pub mod ids;
pub mod import;
pub mod ingest;
pub mod labels;
pub mod payload;
pub mod profile;
pub mod publication;
pub mod regions;
pub mod store;
pub mod team;
pub mod time;

pub use error::{CoreError, Result};
pub use store::Store;
