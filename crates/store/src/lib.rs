//! Tenderwacht's store: the SQLite database and the content-addressed file folder of one data
//! folder, behind methods named after what the consultant does. The rules it applies come from
//! `tenderwacht-domain`; this crate only reads, writes and loads in set queries what those rules
//! judge. Queries are grouped by aggregate — `tender`, `party`, `bid`, `contract`, `sync` (what a
//! portal sync writes) and `team` (recording and applying the team's changes) — each file next to
//! its tables; `db` opens every connection one way, `blobs` keeps files by their sha256.

mod agenda;
mod bid;
pub mod blobs;
mod contract;
pub mod datadir;
pub mod db;
mod device;
pub mod error;
pub mod import;
mod notifications;
mod party;
pub mod payload;
mod store;
mod sync;
mod team;
mod tender;

pub use error::{Result, StoreError};
pub use store::*;

pub use bid::checklist::ChecklistScope;
pub use bid::deliverables::DeliverableCell;
pub use bid::working_copies::{WorkingCopy, WORKING_COPY_DIR};
pub use contract::contracts::ExpectedRetender;
pub use contract::obligations::ObligationView;
pub use contract::ContractFilter;
pub use device::UpdateChoice;
pub use notifications::DueNotification;
pub(crate) use party::catalogue::{read_type, TYPE_COLS_T};
pub use party::parties::PartyDetail;
pub use sync::checkpoints::BackgroundCheckpoints;
pub use sync::publications::{IngestOutcome, IngestStatus, PublicationReader};
pub use sync::sources::{Source, SyncRunSummary};
pub use team::apply::ApplyOutcome;
pub use tender::changes::{ChangeEvent, ChangedTender, DigestEntry, TenderDetail};
pub use tender::merge::DuplicateTender;
pub use tender::proposals::ProposalReport;
pub use tender::tender_documents::TenderDocument;
pub use tender::tenders::TenderFilter;
