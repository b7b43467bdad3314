//! Tenderwacht's domain in the consultant's own terms — providers and cooperatives, the document
//! catalogue, tenders with milestones and requirements, bids, contracts — and the rules that judge
//! them: a document's validity at the closing moment, a contract's obligations against today, a
//! notice cleaned before it is stored. Pure: nothing here opens a database or a file, so every rule
//! is tested at its edges on plain values and both shells (the desktop app and the CLI) reach the
//! same rule through the store and the satellites. The Dutch words of every vocabulary are
//! generated for the window (`labels`).

pub mod agenda;
pub mod archive;
mod arrival;
mod bid;
pub mod catalogue;
pub mod checklist;
pub mod contract;
mod deliverable;
mod document;
pub mod error;
mod facts;
pub mod ids;
pub mod ingest;
pub mod labels;
mod party;
mod phase;
pub mod profile;
pub mod publication;
pub mod regions;
pub mod team;
mod tender;
pub mod text;
mod text_enum;
pub mod time;
mod validate;

pub use arrival::*;
pub use bid::*;
pub use catalogue::*;
pub use contract::*;
pub use deliverable::*;
pub use document::*;
pub use error::{DomainError, ErrorBody, ErrorCode, Result};
pub use facts::*;
pub use party::*;
pub use phase::*;
pub use tender::*;
pub use validate::*;
