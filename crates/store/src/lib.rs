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
pub mod error;
pub mod import;
mod notifications;
mod party;
pub mod payload;
mod store;
mod sync;
mod team;
mod tender;

pub(crate) use bid::{checklist, deliverables, working_copies};
pub(crate) use contract::{contract_documents, contracts, obligations};
pub(crate) use party::{catalogue, parties};
pub(crate) use sync::{checkpoints, ingest_writes, profiles, publications, sources};
pub(crate) use team::apply as team_apply;
pub(crate) use tender::{changes, milestones, proposals, publication_changes, requirements, search, tender_documents, tenders};

pub use error::{Result, StoreError};
pub use store::*;

pub(crate) use catalogue::{read_type, TYPE_COLS_T};
pub use changes::{ChangeEvent, ChangedTender, DigestEntry, TenderDetail};
pub use checklist::ChecklistScope;
pub use checkpoints::BackgroundCheckpoints;
pub use contracts::{ContractFilter, ExpectedRetender};
pub use deliverables::DeliverableCell;
pub use notifications::DueNotification;
pub use obligations::ObligationView;
pub use parties::{validate_party, PartyDetail};
pub use proposals::ProposalReport;
pub use publications::{IngestOutcome, IngestStatus, PublicationReader};
pub use sources::{Source, SyncRunSummary};
pub use team_apply::ApplyOutcome;
pub use tender_documents::TenderDocument;
pub use tenders::TenderFilter;
pub use working_copies::{WorkingCopy, WORKING_COPY_DIR};
