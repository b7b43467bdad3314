//! The document-type catalogue: what a KvK extract or a Gedragsverklaring is, how long it stays
//! valid and how long it takes to obtain. Seeded from `assets/catalogue.toml`, editable after.

mod defaults;
mod suggest;

pub use defaults::*;
pub use suggest::*;

use crate::time::Period;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// How a document of a type stays valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ValidityRule {
    /// Valid through the end date printed on the document (certificates, policies).
    UntilPrinted,
    /// At most this old at the closing moment, counted from the issue date (KvK extract: 6 months).
    MaxAge { period: Period },
    /// Valid for this long from the issue date.
    ValidFor { period: Period },
    /// Does not expire (a policy statement, a signed declaration for this tender).
    None,
}

impl ValidityRule {
    pub fn db_parts(self) -> (&'static str, Option<Period>) {
        match self {
            Self::UntilPrinted => ("until_printed", None),
            Self::MaxAge { period } => ("max_age", Some(period)),
            Self::ValidFor { period } => ("valid_for", Some(period)),
            Self::None => ("none", None),
        }
    }

    /// Dutch description, e.g. "max. 6 maanden oud bij sluiting".
    pub fn describe(self) -> String {
        match self {
            Self::UntilPrinted => "geldig t/m vervaldatum op document".into(),
            Self::MaxAge { period } => format!("max. {} oud bij sluiting", period.describe()),
            Self::ValidFor { period } => format!("{} geldig vanaf afgifte", period.describe()),
            Self::None => "verloopt niet".into(),
        }
    }

    /// Parses the CLI form: `until`, `max-age:6m`, `valid-for:3y`, `none`.
    pub fn parse(field: &str, text: &str) -> crate::Result<Self> {
        let t = text.trim().to_lowercase();
        let (kind, arg) = t.split_once(':').map_or((t.as_str(), None), |(k, a)| (k, Some(a)));
        let period = |a: Option<&str>| {
            a.ok_or_else(|| crate::DomainError::invalid(field, format!("'{text}' mist een termijn, bijv. max-age:6m")))
                .and_then(|a| Period::parse(field, a))
        };
        match kind {
            "until" | "until_printed" | "until-printed" | "vervaldatum" => Ok(Self::UntilPrinted),
            "max-age" | "max_age" | "maxleeftijd" => Ok(Self::MaxAge { period: period(arg)? }),
            "valid-for" | "valid_for" | "geldig" => Ok(Self::ValidFor { period: period(arg)? }),
            "none" | "geen" => Ok(Self::None),
            _ => Err(crate::DomainError::invalid(field, format!("'{text}' onbekend; kies until, max-age:<termijn>, valid-for:<termijn> of none"))),
        }
    }
}

/// One entry of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentType {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub rule: ValidityRule,
    /// Time needed to obtain a new one (Justis: 8 weeks for a Gedragsverklaring).
    pub lead_time: Period,
    pub issuer: String,
    pub note: String,
    /// The consultant's own words an arriving document of this type calls itself by (beside the
    /// names Tenderwacht knows itself), e.g. "Keurmerk Zorg & Welzijn".
    #[serde(default)]
    pub words: Vec<String>,
}

/// The organisation that issues documents the provider writes itself (a meldcode, a
/// privacyverklaring, an eigen verklaring): those are drawn up ("opstellen"), not requested.
pub const SELF_ISSUER: &str = "Aanbieder";

impl DocumentType {
    /// How a new one is obtained, in the consultant's words.
    pub fn obtain(&self) -> Obtain {
        Obtain::of_issuer(&self.issuer)
    }
}

/// Requesting a document from its issuer, or writing it oneself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Obtain {
    Request,
    Write,
}

impl Obtain {
    /// Written by the provider itself when its issuer is the provider ("Aanbieder"), else requested.
    pub fn of_issuer(issuer: &str) -> Self {
        if issuer.trim().eq_ignore_ascii_case(SELF_ISSUER) {
            Self::Write
        } else {
            Self::Request
        }
    }

    /// "aanvragen" / "opstellen".
    pub fn verb(self) -> &'static str {
        match self {
            Self::Request => "aanvragen",
            Self::Write => "opstellen",
        }
    }

    /// "vraag nu een nieuwe aan" / "stel nu een nieuwe op".
    pub fn now(self) -> &'static str {
        match self {
            Self::Request => "vraag nu een nieuwe aan",
            Self::Write => "stel nu een nieuwe op",
        }
    }

    /// "nieuwe aanvragen" / "opnieuw opstellen".
    pub fn renew(self) -> &'static str {
        match self {
            Self::Request => "nieuwe aanvragen",
            Self::Write => "opnieuw opstellen",
        }
    }
}

/// Input for a new or edited catalogue entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentTypeInput {
    pub code: String,
    pub name: String,
    pub rule: ValidityRule,
    pub lead_time: Period,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub note: String,
    /// Recognition words (see [`DocumentType::words`]); checked by [`recognition_words`].
    #[serde(default)]
    pub words: Vec<String>,
}

/// The most recognition words one type carries.
pub const MAX_WORDS: usize = 30;

/// A type's recognition words as the consultant typed them, cleaned: trimmed, inner spaces made
/// one, the same phrase once (case aside), in the order typed. A phrase needs three letters (a
/// shorter one would match in every document) and at most 80 characters.
pub fn recognition_words(words: &[String]) -> crate::Result<Vec<String>> {
    let field = "herkenningswoorden";
    let mut out: Vec<String> = vec![];
    for w in words.iter().flat_map(|w| w.split(['\n', ';'])) {
        let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
        if w.is_empty() || out.iter().any(|o| o.to_lowercase() == w.to_lowercase()) {
            continue;
        }
        if w.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
            return Err(crate::DomainError::invalid(
                field,
                format!("'{w}' is te kort: gebruik minstens drie letters, anders past het in elk document"),
            ));
        }
        if w.chars().count() > 80 {
            return Err(crate::DomainError::invalid(field, format!("'{}…' is langer dan 80 tekens", w.chars().take(30).collect::<String>())));
        }
        out.push(w);
    }
    if out.len() > MAX_WORDS {
        return Err(crate::DomainError::invalid(field, format!("{} zinnen; hoogstens {MAX_WORDS} per documentsoort", out.len())));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognition_words_are_cleaned_and_short_ones_refused() {
        let typed = vec!["  Keurmerk   Zorg & Welzijn ".to_string(), "keurmerk zorg & welzijn; Kwaliteitskeurmerk\n".to_string()];
        assert_eq!(recognition_words(&typed).unwrap(), vec!["Keurmerk Zorg & Welzijn", "Kwaliteitskeurmerk"]);
        let err = recognition_words(&["ab".to_string()]).unwrap_err().to_string();
        assert!(err.contains("Herkenningswoorden") || err.contains("herkenningswoorden"), "{err}");
        assert!(err.contains("te kort"), "{err}");
    }
}
