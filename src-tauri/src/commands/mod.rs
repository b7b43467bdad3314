//! The commands the window may call, one file per area as in the CLI: `reports` (Overzicht and
//! header), `tenders`, `parties`, `documents`, `bids` (bids and the checklist), `deliverables`
//! (deliverable files, proposals from the buyer's documents, upload rules), `contracts`,
//! `sources` (sources, sync, profiles), `exports` (packs, lists, calendar, spreadsheet, digest,
//! import, backups), `team`, `updates` (Instellingen › Updates), `open` (links, files and folders outside the window) and `figures`
//! (measurement hooks, active only with the `figures` feature). Each is thin: take the store from state,
//! call the crates once, map the error. Every command is listed in `command_list.rs`.
//! Every command is `#[tauri::command(async)]`: a plain command runs on the main thread, which
//! also runs the window, so reading a 40-page leidraad froze the window until WebKit declared the
//! page hung. Off the main thread the window keeps painting while the store's lock is waited for.

pub mod bids;
pub mod contracts;
pub mod deliverables;
pub mod documents;
pub mod exports;
pub mod figures;
pub mod intake;
pub mod open;
pub mod parties;
pub mod reports;
pub mod sources;
pub mod team;
pub mod tenders;
pub mod updates;
