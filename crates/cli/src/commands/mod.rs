//! The CLI's command handlers, one file per area; each parses its arguments into core inputs,
//! calls the store once, and renders the result.

pub mod bids;
pub mod contracts;
pub mod deliverables;
pub mod documents;
pub mod exports;
pub mod facts;
pub mod import;
pub mod intake;
pub mod parties;
pub mod reports;
pub mod sources;
pub mod team;
pub mod tenders;

use tenderwacht_domain::time::{format_date_nl, format_moment_nl};

/// A removal as the CLI does it: refused with the reason when it cannot be done; without
/// `--yes` only said (what goes with it), exiting as a refusal so a script notices; with it done.
pub fn removal(
    ctx: &Ctx,
    what: &str,
    impact: tenderwacht_domain::RemovalImpact,
    yes: bool,
    remove: impl FnOnce() -> Result<tenderwacht_domain::RemovalImpact, crate::output::CliError>,
) -> Result<(), crate::output::CliError> {
    use tenderwacht_store::StoreError;
    if let Some(why) = impact.blocked {
        return Err(StoreError::invalid("verwijderen", format!("{what} {why}")).into());
    }
    let along = if impact.takes.is_empty() { String::new() } else { format!(" met {}", impact.takes.join(", ")) };
    if !yes {
        return Err(StoreError::invalid("verwijderen", format!("{what} wordt verwijderd{along}; herhaal met --yes om dat te doen")).into());
    }
    let done = remove()?;
    crate::output::emit(ctx.json, &done, || format!("Verwijderd: {what}{along}"))
}

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
