//! The CLI's command handlers, one file per area; each parses its arguments into core inputs,
//! calls the store once, and renders the result.

pub mod bids;
pub mod contracts;
pub mod deliverables;
pub mod documents;
pub mod exports;
pub mod facts;
pub mod import;
pub mod parties;
pub mod reports;
pub mod sources;
pub mod team;
pub mod tenders;

use tenderwacht_domain::time::{format_date_nl, format_moment_nl};

/// What every handler needs besides the store.
#[derive(Debug)]
pub struct Ctx {
    pub json: bool,
}

/// A short id for tables: the last 8 characters, enough to type back (ids match on fragments).
pub fn short(id: &uuid::Uuid) -> String {
    let s = id.to_string();
    s[s.len() - 8..].to_string()
}

pub fn date_opt(d: Option<chrono::NaiveDate>) -> String {
    d.map(format_date_nl).unwrap_or_default()
}

pub fn moment_opt(m: Option<chrono::DateTime<chrono::Utc>>) -> String {
    m.map(format_moment_nl).unwrap_or_else(|| "—".into())
}
