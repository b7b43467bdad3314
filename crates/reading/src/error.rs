//! Why a buyer's document could not be read, in words the consultant can act on; each names the file.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{file}: geen tekst gevonden: gescand document? Vraag de aanbestedende dienst om een doorzoekbare versie of lees het zelf")]
    NoText { file: String },
    #[error("{file}: de PDF is beveiligd met een wachtwoord; open hem en sla hem onbeveiligd op")]
    Encrypted { file: String },
    #[error("{file}: de PDF is beschadigd en niet te lezen ({detail})")]
    DamagedPdf { file: String, detail: String },
    #[error("{file}: geen geldig Word-document (.docx) ({detail})")]
    NotDocx { file: String, detail: String },
    #[error("{file}: geen leesbare e-mail ({detail})")]
    NotMail { file: String, detail: String },
    #[error("{file}: dit bestandstype kan Tenderwacht niet lezen (wel: PDF, Word (DOCX) en tekst, en in Binnengekomen ook scans en foto's)")]
    Unsupported { file: String },
    #[error("{file}: dit document kan Tenderwacht niet veilig lezen: {reason}")]
    Unsafe { file: String, reason: String },
    #[error("{file}: te groot om te lezen ({what}); vraag een kleinere of gesplitste versie")]
    TooLarge { file: String, what: String },
    #[error("{file}: niet te openen: {source}")]
    Io { file: String, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] tenderwacht_store::StoreError),
}

/// A domain rule's refusal reaches the caller as the store's error (same code, field and message).
impl From<tenderwacht_domain::DomainError> for ReadError {
    fn from(e: tenderwacht_domain::DomainError) -> Self {
        Self::Store(e.into())
    }
}

pub type Result<T> = std::result::Result<T, ReadError>;
