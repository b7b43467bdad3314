//! Errors of fetching and parsing, each naming the URL or the part of the payload that failed, so
//! a sync report line tells the consultant what went wrong where.

use tenderwacht_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{url}: {}", status_nl(*status))]
    Status { url: String, status: u16 },
    #[error("{url}: geen antwoord binnen {seconds} s")]
    Timeout { url: String, seconds: u64 },
    #[error("{url}: {message}")]
    Network { url: String, message: String },
    #[error("{url}: antwoord groter dan {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: robots.txt staat ophalen niet toe")]
    Robots { url: String },
    #[error("{what}: onleesbaar ({message})")]
    Parse { what: String, message: String },
    #[error("bronbeschrijving: {0}")]
    Definition(String),
    #[error("voorbereiden van publicaties: {0}")]
    Worker(String),
    #[error(transparent)]
    Core(#[from] StoreError),
}

impl SourceError {
    /// When the portal did not answer at all (no connection, refused, no answer in time, a server
    /// error), the few words the window's header says; `None` when it answered (even with junk).
    pub fn unanswered(&self) -> Option<&'static str> {
        match self {
            Self::Network { message, .. } if message.contains("geen internetverbinding") || message.contains("offline") => {
                Some("geen internetverbinding")
            }
            Self::Network { .. } => Some("bronnen niet bereikbaar"),
            Self::Timeout { .. } => Some("de bronnen antwoorden niet"),
            Self::Status { .. } => Some("de bronnen geven een foutmelding"),
            _ => None,
        }
    }
}

/// A domain rule's refusal reaches the caller as the store's error (same code, field and message).
impl From<tenderwacht_domain::DomainError> for SourceError {
    fn from(e: tenderwacht_domain::DomainError) -> Self {
        Self::Core(e.into())
    }
}

/// An HTTP status in the consultant's words (the number stays, for a support call).
fn status_nl(status: u16) -> String {
    let what = match status {
        401 | 403 => "geen toegang",
        404 | 410 => "pagina niet gevonden",
        429 => "te veel verzoeken, later opnieuw",
        500..=599 => "storing bij de server",
        _ => "fout van de server",
    };
    format!("{what} (code {status})")
}

impl SourceError {
    pub fn parse(what: impl Into<String>, message: impl std::fmt::Display) -> Self {
        Self::Parse { what: what.into(), message: message.to_string() }
    }
}
