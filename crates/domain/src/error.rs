//! The domain's typed error: a value that breaks a rule, named by its field, so a shell can show
//! the Dutch reason next to the right input. The store wraps it (`tenderwacht_store::StoreError`)
//! and adds what only storage can go wrong with; the serialised `{code, field, message}` is the
//! store error's. Every error of every crate reaches a person in one shape, [`ErrorBody`], with
//! one of the [`ErrorCode`]s (a TypeScript union in the window: a renamed code fails `tsc`).

/// What a rule of the domain can refuse.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The user gave a value that breaks a rule; `field` names the input (a key for the window
    /// to place the message), `message` says why (Dutch). Shown as the field's Dutch name and the
    /// reason, never the key ("KvK-nummer: …", not "kvk: …").
    #[error("{}", shown(field, message))]
    Invalid { field: String, message: String },

    /// A shipped asset (catalogue, regions, profiles) does not parse: a build defect, found by a test.
    #[error("catalogus in assets is ongeldig: {0}")]
    Catalogue(String),

    /// A stored value the code cannot read (a bug or a hand-edited database).
    #[error("onleesbare waarde in kolom {column}: {value}")]
    Corrupt { column: &'static str, value: String },
}

impl DomainError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid { field: field.into(), message: message.into() }
    }

    /// A short, stable code for UIs and scripts (`--json`) to branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Invalid { .. } => ErrorCode::Invalid,
            Self::Catalogue(_) => ErrorCode::Catalogue,
            Self::Corrupt { .. } => ErrorCode::Store,
        }
    }

    /// The input field this error is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// The Dutch name of a field key as a person reads it ("kvk" is "KvK-nummer"); a key made of
/// a row and a field ("rij 3: kvk") keeps its row.
pub fn field_label(field: &str) -> String {
    let (row, key) = match field.rsplit_once(": ") {
        Some((row, key)) => (Some(row), key),
        None => (None, field),
    };
    let word = match key {
        "kvk" => "KvK-nummer".to_string(),
        "agb" => "AGB-code".to_string(),
        "email" => "e-mailadres".to_string(),
        "telefoon" => "telefoonnummer".to_string(),
        "url" => "adres".to_string(),
        "cpv" => "CPV-code".to_string(),
        "uitgiftedatum" => "afgiftedatum".to_string(),
        other => other.to_string(),
    };
    match row {
        Some(row) => format!("{row}: {word}"),
        None => crate::text::capital(&word),
    }
}

/// A refused value as one line: the field's Dutch name, then the reason; the name is left out
/// where the reason already says it ("'12' is geen KvK-nummer").
fn shown(field: &str, message: &str) -> String {
    let key = field.rsplit_once(": ").map_or(field, |(_, k)| k);
    let label = field_label(key);
    let row = field.rsplit_once(": ").map(|(row, _)| row);
    let says_it = message.to_lowercase().contains(&label.to_lowercase());
    match (row, says_it) {
        (Some(row), true) => format!("{row}: {message}"),
        (Some(_), false) => format!("{}: {message}", field_label(field)),
        (None, true) => crate::text::capital(message),
        (None, false) => format!("{label}: {message}"),
    }
}

pub type Result<T, E = DomainError> = std::result::Result<T, E>;

/// Every code an error can carry, across the crates: the window, events and `--json` branch on
/// these. Serialised in snake_case ("not_found").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// A value a rule refused; `field` names it.
    Invalid,
    NotFound,
    Ambiguous,
    Duplicate,
    /// The database failed or holds something unreadable.
    Store,
    /// The data folder was written by a newer Tenderwacht.
    NewerStore,
    Io,
    DataDir,
    Catalogue,
    Import,
    /// A pack is blocked by missing or invalid documents (`blockers` lists them).
    Blocked,
    Export,
    /// A portal could not be read.
    Source,
    /// A buyer's document could not be read.
    Reading,
    /// The store is unavailable after a failure elsewhere.
    Unavailable,
    NotInTeam,
    AlreadyInTeam,
    Unreachable,
    Key,
    /// A teammate renewed the team key: this laptop needs the new one before it syncs again.
    KeyRenewed,
    FolderTaken,
    NoTeam,
    StoreNotEmpty,
    File,
    /// The CLI could not write its output.
    Output,
    /// An update was not offered or not installed.
    Update,
}

impl ErrorCode {
    /// The word as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invalid => "invalid",
            Self::NotFound => "not_found",
            Self::Ambiguous => "ambiguous",
            Self::Duplicate => "duplicate",
            Self::Store => "store",
            Self::NewerStore => "newer_store",
            Self::Io => "io",
            Self::DataDir => "data_dir",
            Self::Catalogue => "catalogue",
            Self::Import => "import",
            Self::Blocked => "blocked",
            Self::Export => "export",
            Self::Source => "source",
            Self::Reading => "reading",
            Self::Unavailable => "unavailable",
            Self::NotInTeam => "not_in_team",
            Self::AlreadyInTeam => "already_in_team",
            Self::Unreachable => "unreachable",
            Self::Key => "key",
            Self::KeyRenewed => "key_renewed",
            Self::FolderTaken => "folder_taken",
            Self::NoTeam => "no_team",
            Self::StoreNotEmpty => "store_not_empty",
            Self::File => "file",
            Self::Output => "output",
            Self::Update => "update",
        }
    }

    /// A person's input was wrong (exit status 2 in the CLI), not the machine.
    pub fn is_user_error(self) -> bool {
        matches!(self, Self::Invalid | Self::NotFound | Self::Ambiguous | Self::Duplicate | Self::Import)
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The one serialised shape of an error: `{ code, field, message }`, and `blockers` when a pack
/// is blocked. Commands return it, events carry it, `--json` prints it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// The input the error is about, when there is one.
    pub field: Option<String>,
    /// What went wrong, in Dutch.
    pub message: String,
    /// What is missing or invalid at closing, when a pack is blocked.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub blockers: Option<Vec<String>>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, field: Option<&str>, message: impl Into<String>) -> Self {
        Self { code, field: field.map(str::to_string), message: message.into(), blockers: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_words() {
        for code in [ErrorCode::Invalid, ErrorCode::NotFound, ErrorCode::NewerStore, ErrorCode::StoreNotEmpty, ErrorCode::NoTeam] {
            assert_eq!(serde_json::to_value(code).unwrap_or_default(), serde_json::Value::from(code.as_str()));
        }
        let body = ErrorBody::new(ErrorCode::Invalid, Some("kvk"), "moet 8 cijfers zijn");
        assert_eq!(serde_json::to_string(&body).unwrap_or_default(), r#"{"code":"invalid","field":"kvk","message":"moet 8 cijfers zijn"}"#);
    }
}
