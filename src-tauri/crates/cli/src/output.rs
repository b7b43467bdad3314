//! How results reach the terminal: aligned plain-text tables for people, JSON for scripts, and
//! errors on stderr that name the field.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write as _;
use tenderwacht_core::CoreError;

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
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
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
    Core(#[from] CoreError),
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

impl CliError {
    /// Exit status: 2 for a user's wrong input (nothing was written), 1 for anything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Core(e) if matches!(e.code(), "invalid" | "not_found" | "ambiguous" | "duplicate" | "import") => 2,
            Self::Source(tenderwacht_sources::SourceError::Core(e)) if matches!(e.code(), "invalid" | "not_found" | "ambiguous" | "duplicate") => 2,
            Self::Source(tenderwacht_sources::SourceError::Definition(_) | tenderwacht_sources::SourceError::Parse { .. }) => 2,
            Self::Export(tenderwacht_export::ExportError::Core(e))
                if matches!(e.code(), "invalid" | "not_found" | "ambiguous" | "duplicate" | "import") =>
            {
                2
            }
            Self::Reading(tenderwacht_reading::ReadError::Store(e)) if matches!(e.code(), "invalid" | "not_found" | "ambiguous" | "duplicate") => 2,
            Self::Reading(tenderwacht_reading::ReadError::Store(_)) => 1,
            Self::Reading(_) => 2,
            Self::Export(
                tenderwacht_export::ExportError::Blocked { .. }
                | tenderwacht_export::ExportError::Invalid(_)
                | tenderwacht_export::ExportError::Backup { .. },
            ) => 2,
            Self::Team(e)
                if matches!(
                    e.code(),
                    "invalid"
                        | "not_found"
                        | "ambiguous"
                        | "duplicate"
                        | "not_in_team"
                        | "already_in_team"
                        | "key"
                        | "folder_taken"
                        | "no_team"
                        | "store_not_empty"
                ) =>
            {
                2
            }
            _ => 1,
        }
    }

    pub fn report(&self, json: bool) {
        if json {
            let value = match self {
                Self::Core(e) => serde_json::to_value(e).unwrap_or_default(),
                Self::Output(m) => serde_json::json!({ "code": "output", "field": null, "message": m }),
                Self::Source(e) => serde_json::json!({ "code": "source", "field": null, "message": e.to_string() }),
                Self::Export(tenderwacht_export::ExportError::Blocked { blockers }) => {
                    serde_json::json!({ "code": "blocked", "field": null, "message": self.to_string(), "blockers": blockers })
                }
                Self::Export(e) => serde_json::json!({ "code": "export", "field": null, "message": e.to_string() }),
                Self::Team(e) => serde_json::json!({ "code": e.code(), "field": null, "message": e.to_string() }),
                Self::Reading(tenderwacht_reading::ReadError::Store(e)) => serde_json::to_value(e).unwrap_or_default(),
                Self::Reading(e) => serde_json::json!({ "code": "reading", "field": null, "message": e.to_string() }),
            };
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
