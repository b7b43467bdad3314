//! Reads the buyer's documents of a tender (leidraad, bijlagen, nota's van inlichtingen) and
//! proposes the requirements they state, so the consultant accepts sentences instead of typing
//! requirements in. Knows nothing of Tauri; the app and the CLI call [`propose::propose`].

pub mod arrival;
pub mod cpu;
pub mod dates;
pub mod error;
mod findings;
pub mod intake;
pub mod layout;
pub mod limits;
pub mod mail;
pub mod meaning;
pub mod names;
pub mod ocr;
pub mod pdf;
pub mod phrases;
pub mod propose;
pub mod qa;
pub mod sentences;
pub mod tables;
pub mod text;
pub mod upload;
pub mod wall;
pub mod words;

pub use error::{ReadError, Result};
#[cfg(test)]
mod layout_tests;
#[cfg(test)]
mod phrases_tests;
#[cfg(test)]
mod table_tests;
