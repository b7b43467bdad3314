//! What leaves and enters Tenderwacht as files: submission packs, request lists, calendars,
//! spreadsheets, digests, provider and document imports, and backups. Every file is written
//! atomically with a safe name. Knows nothing of Tauri; the CLI and the app call the same code.

pub mod atomic;
pub mod backup;
pub mod calendar;
mod cells;
pub mod contract_sheet;
pub mod digest;
pub mod error;
pub mod facts;
pub mod import;
pub mod kept;
pub mod names;
pub mod pack;
pub mod pack_plan;
pub mod pdf;
pub mod progress;
pub mod request;
pub mod sheet;
pub mod tender_packs;

pub use error::{ExportError, Result};
