//! The digest: tenders that are new or changed since a date, short enough for the providers'
//! group chat and complete enough for an e-mail.

use crate::error::Result;
use chrono::NaiveDate;
use serde::Serialize;
use tenderwacht_domain::time::{format_date_nl, format_moment_nl};
use tenderwacht_store::{DigestEntry, Store};

/// Which tenders since when.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Digest {
    pub since: NaiveDate,
    pub new: Vec<DigestEntry>,
    pub changed: Vec<DigestEntry>,
}

/// Collects the digest since a local date (inclusive). Tenders outside the care domain are left out.
pub fn collect(store: &Store, since: NaiveDate) -> Result<Digest> {
    let (new, changed) = store.digest_since(since)?;
    Ok(Digest { since, new, changed })
}

fn line(t: &DigestEntry) -> String {
    let closing = t.closing.map(|c| format!(" — sluit {}", format_moment_nl(c))).unwrap_or_default();
    let region = if t.region.is_empty() { String::new() } else { format!(" ({})", t.region) };
    let phase = match t.phase {
        tenderwacht_domain::ProcedurePhase::Onbekend | tenderwacht_domain::ProcedurePhase::Open => String::new(),
        p => format!(" [{}]", p.label()),
    };
    format!("{} — {}{region}{closing}{phase}", t.title, t.buyer)
}

/// For the group chat: short lines, no markup.
pub fn chat_text(d: &Digest) -> String {
    let mut out = format!("Aanbestedingen sinds {}\n", format_date_nl(d.since));
    if d.new.is_empty() && d.changed.is_empty() {
        out.push_str("Geen nieuwe of gewijzigde aanbestedingen.\n");
        return out;
    }
    if !d.new.is_empty() {
        out.push_str(&format!("\nNieuw ({}):\n", d.new.len()));
        for t in &d.new {
            out.push_str(&format!("• {}\n", line(t)));
        }
    }
    if !d.changed.is_empty() {
        out.push_str(&format!("\nGewijzigd ({}):\n", d.changed.len()));
        for t in &d.changed {
            out.push_str(&format!("• {}: {}\n", t.title, t.changes.join("; ")));
        }
    }
    out
}

/// For an e-mail: a subject line, a greeting and links.
pub fn email_text(d: &Digest) -> String {
    let mut out = format!(
        "Onderwerp: Tenderwacht — {} nieuwe en {} gewijzigde aanbestedingen sinds {}\n\nBeste zorgaanbieder,\n\n",
        d.new.len(),
        d.changed.len(),
        format_date_nl(d.since)
    );
    if d.new.is_empty() && d.changed.is_empty() {
        out.push_str("Sinds ons vorige bericht zijn er geen nieuwe of gewijzigde aanbestedingen in jouw regio.\n");
    }
    if !d.new.is_empty() {
        out.push_str("Nieuwe aanbestedingen:\n\n");
        for t in &d.new {
            out.push_str(&format!("- {}\n", line(t)));
            if let Some(l) = &t.link {
                out.push_str(&format!("  {l}\n"));
            }
        }
        out.push('\n');
    }
    if !d.changed.is_empty() {
        out.push_str("Wijzigingen:\n\n");
        for t in &d.changed {
            out.push_str(&format!("- {}\n", line(t)));
            for c in &t.changes {
                out.push_str(&format!("  {c}\n"));
            }
        }
        out.push('\n');
    }
    out.push_str("Wil je meedoen aan een van deze aanbestedingen? Laat het ons weten, dan zetten we de checklist voor je klaar.\n\nMet vriendelijke groet,\nHet Tenderwacht-team\n");
    out
}
