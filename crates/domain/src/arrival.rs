//! What a provider's document says of itself when it arrives — its type, whose it is, when it
//! was issued and until when it holds — each with where it was read and how sure the reading is,
//! so the consultant confirms instead of typing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::text_enum!(
    /// How sure a reading from the file is.
    Sureness {
        Sure => ("sure", "zeker"),
        Likely => ("likely", "waarschijnlijk"),
        Guess => ("guess", "onzeker"),
    }
);

/// One fact read from a file: the value, the words or field it was read from, its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReadFact<T> {
    pub value: T,
    /// The sentence, label or field ("KvK-nummer 12345678", "digitaal zegel van Kamer van
    /// Koophandel, 7-12-2026 10:15").
    pub from: String,
    pub page: Option<u32>,
    pub sure: Sureness,
}

/// Everything read from one arriving document; nothing here is stored until confirmed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArrivalFacts {
    /// Catalogue code of the document's type.
    pub type_code: Option<ReadFact<String>>,
    /// The KvK number (8 digits) in the text.
    pub kvk: Option<ReadFact<String>>,
    /// The vestigingsnummer (12 digits) in the text.
    pub branch: Option<ReadFact<String>>,
    pub issued: Option<ReadFact<NaiveDate>>,
    pub expires: Option<ReadFact<NaiveDate>>,
    /// What the consultant should know ("geen tekstlaag: gescand document", "de datum op een VOG
    /// is de aanvraagdatum", "afgiftedatum ligt in de toekomst").
    pub notes: Vec<String>,
    /// The document's first words, folded (`text::fold`), for finding the provider it names when
    /// it carries no KvK number; kept with the waiting file only, never shown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(skip)]
    pub words: String,
}

/// How many characters of a document's folded text are kept for finding its provider by name.
pub const NAME_WORDS: usize = 8000;

impl ArrivalFacts {
    /// Whether every fact a document needs was read surely enough to confirm all at once.
    pub fn all_sure(&self) -> bool {
        let sure = |s: Sureness| s != Sureness::Guess;
        self.type_code.as_ref().is_some_and(|f| sure(f.sure)) && self.issued.as_ref().is_some_and(|f| sure(f.sure))
    }
}

crate::text_enum!(
    /// Where an arrived file stands.
    IntakeStatus {
        Waiting => ("waiting", "wacht"),
        Confirmed => ("confirmed", "opgeslagen"),
        Discarded => ("discarded", "weggegooid"),
    }
);

/// An arrived file in the intake, with what was read from it and the party it seems to be of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IntakeItem {
    pub id: uuid::Uuid,
    pub sha256: String,
    pub file_name: String,
    /// Where it came from: "bijlage van mail.eml (Onderwerp)" or the file's folder.
    pub source: String,
    /// The e-mail's sender, when it came in a mail.
    pub sender: String,
    pub facts: ArrivalFacts,
    /// The provider it seems to be of: by the KvK number in the text, else the sender's address.
    pub party_id: Option<uuid::Uuid>,
    pub party_name: Option<String>,
    /// How the party was found ("KvK-nummer 12345678 in het document", "afzender info@x.nl").
    pub party_from: String,
    pub status: IntakeStatus,
    pub document_id: Option<uuid::Uuid>,
}

/// The consultant's answer for one arrived file: what was read, or corrected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IntakeConfirm {
    pub party_id: Option<uuid::Uuid>,
    pub type_code: Option<String>,
    pub issued: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    /// No provider yet: add one by this name (with the KvK number and sender read) and store the
    /// file under it, in one write.
    #[serde(default)]
    pub new_provider: Option<String>,
}
