//! How results reach the terminal: aligned plain-text tables for people, JSON for scripts, and
//! errors on stderr that name the field.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write as _;
use tenderwacht_store::StoreError;

/// Prints `value` as JSON, or the human rendering.
pub fn emit<T: Serialize>(json: bool, value: &T, human: impl FnOnce() -> String) -> Result<(), CliError> {
    let text = if json {
        serde_json::to_string_pretty(value).map_err(|e| CliError::Output(e.to_string()))?
    } else {
        let text = human();
        if text.is_empty() {
            return Ok(());
        }
        terminal_safe(text.trim_end()).into_owned()
    };
    // A reader that stops early (`| head`) is not an error.
    match writeln!(std::io::stdout().lock(), "{text}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Output(e.to_string())),
        _ => Ok(()),
    }
}

/// Text as a terminal may show it: control characters (an escape sequence in a scraped title
/// could recolour or rewrite the terminal) and bidirectional overrides (they reverse what follows
/// on the line) become visible `<U+202E>` marks; line breaks and tabs stay. Stored data is not
/// changed; the JSON output keeps every character.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && c != '\n' && c != '\t') || tenderwacht_domain::text::is_bidi_control(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A plain-text table with a header row; column widths follow the longest cell.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    if rows.is_empty() {
        return "(geen)".into();
    }
    // Marks first, so the widths count what the terminal shows.
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| terminal_safe(c).into_owned()).collect()).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<&str>, out: &mut String| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = widths.get(i).copied().unwrap_or(0).saturating_sub(c.chars().count());
                if i + 1 == cells.len() {
                    (*c).to_string()
                } else {
                    format!("{c}{}", " ".repeat(pad))
                }
            })
            .collect();
        let _ = writeln!(out, "{}", parts.join("  ").trim_end());
    };
    line(headers.to_vec(), &mut out);
    line(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().iter().map(String::as_str).collect(), &mut out);
    for row in &rows {
        line(row.iter().map(String::as_str).collect(), &mut out);
    }
    out
}

/// Key-value lines for one record.
pub fn fields(pairs: &[(&str, String)]) -> String {
    let width = pairs.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for (k, v) in pairs {
        if !v.is_empty() {
            let _ = writeln!(out, "{k}:{} {}", " ".repeat(width - k.chars().count()), terminal_safe(v));
        }
    }
    out
}

/// Errors of the CLI: the core's, plus output failures.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] StoreError),
    #[error("uitvoer mislukt: {0}")]
    Output(String),
    #[error(transparent)]
    Source(#[from] tenderwacht_sources::SourceError),
    #[error(transparent)]
    Export(#[from] tenderwacht_export::ExportError),
    #[error(transparent)]
    Team(#[from] tenderwacht_team::TeamError),
    #[error(transparent)]
    Reading(#[from] tenderwacht_reading::ReadError),
}

/// A domain rule's refusal reaches the caller as the store's error (same code, field and message).
impl From<tenderwacht_domain::DomainError> for CliError {
    fn from(e: tenderwacht_domain::DomainError) -> Self {
        Self::Core(e.into())
    }
}

impl CliError {
    /// Exit status: 2 for a user's wrong input (nothing was written), 1 for anything else.
    pub fn exit_code(&self) -> i32 {
        use tenderwacht_domain::ErrorCode as C;
        // A wrong reference or value; an import's rows count only where an import can fail.
        let wrong = |c: C, import: bool| c.is_user_error() && (import || c != C::Import);
        let user = match self {
            Self::Core(e) | Self::Export(tenderwacht_export::ExportError::Core(e)) => wrong(e.code(), true),
            Self::Source(tenderwacht_sources::SourceError::Core(e)) | Self::Reading(tenderwacht_reading::ReadError::Store(e)) => {
                wrong(e.code(), false)
            }
            Self::Source(tenderwacht_sources::SourceError::Definition(_) | tenderwacht_sources::SourceError::Parse { .. }) => true,
            Self::Reading(_) => true,
            Self::Export(
                tenderwacht_export::ExportError::Blocked { .. }
                | tenderwacht_export::ExportError::Invalid(_)
                | tenderwacht_export::ExportError::Backup { .. },
            ) => true,
            Self::Team(e) => {
                wrong(e.code(), false) || matches!(e.code(), C::NotInTeam | C::AlreadyInTeam | C::Key | C::FolderTaken | C::NoTeam | C::StoreNotEmpty)
            }
            _ => false,
        };
        if user {
            2
        } else {
            1
        }
    }

    /// The one serialised shape of this error (`--json`).
    pub fn body(&self) -> tenderwacht_domain::ErrorBody {
        use tenderwacht_domain::{ErrorBody, ErrorCode as C};
        match self {
            Self::Core(e) | Self::Reading(tenderwacht_reading::ReadError::Store(e)) => e.body(),
            Self::Output(m) => ErrorBody::new(C::Output, None, m.clone()),
            Self::Source(e) => ErrorBody::new(C::Source, None, e.to_string()),
            Self::Export(tenderwacht_export::ExportError::Blocked { blockers }) => {
                ErrorBody { blockers: Some(blockers.clone()), ..ErrorBody::new(C::Blocked, None, self.to_string()) }
            }
            Self::Export(e) => ErrorBody::new(C::Export, None, e.to_string()),
            Self::Team(e) => ErrorBody::new(e.code(), None, e.to_string()),
            Self::Reading(e) => ErrorBody::new(C::Reading, None, e.to_string()),
        }
    }

    pub fn report(&self, json: bool) {
        if json {
            let value = serde_json::to_value(self.body()).unwrap_or_default();
            eprintln!("{}", serde_json::json!({ "error": value }));
        } else {
            eprintln!("fout: {}", terminal_safe(&self.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_overrides_are_shown_not_obeyed() {
        let title = "Jeugdhulp \u{202e}gnidnebsaanA\u{202c} \u{1b}[2J\u{1b}]0;x\u{7}Assen";
        assert_eq!(terminal_safe(title), "Jeugdhulp <U+202E>gnidnebsaanA<U+202C> <U+001B>[2J<U+001B>]0;x<U+0007>Assen");
        assert!(matches!(terminal_safe("Súdwest-Fryslân\tregel\n"), Cow::Borrowed(_)));
        let t = table(&["titel", "x"], &[vec![title.into(), "1".into()], vec!["kort".into(), "2".into()]]);
        let lines: Vec<&str> = t.lines().collect();
        // The second column starts at the same place in every row.
        assert_eq!(lines[2].find("  1").map(|i| i + 2), lines[3].find('2'));
        assert!(!t.contains('\u{202e}') && !t.contains('\u{1b}'));
    }
}
