//! The default catalogue and requirement templates shipped in `assets/catalogue.toml`, parsed and
//! checked here so a broken asset fails a test instead of a consultant's first start.

use crate::error::{DomainError, Result};
use crate::time::Period;
use crate::{DocumentTypeInput, ValidityRule};
use serde::Deserialize;

/// The shipped catalogue, embedded at compile time.
pub const DEFAULT_CATALOGUE: &str = include_str!("../../../../assets/catalogue.toml");

#[derive(Debug, Deserialize)]
struct RawCatalogue {
    #[serde(rename = "type")]
    types: Vec<RawType>,
    #[serde(rename = "template", default)]
    templates: Vec<RawTemplate>,
}

#[derive(Debug, Deserialize)]
struct RawType {
    code: String,
    name: String,
    rule: String,
    lead_time: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize)]
struct RawTemplate {
    name: String,
    #[serde(default)]
    documents: Vec<String>,
    #[serde(default)]
    deliverables: Vec<String>,
}

/// A requirement template from the asset file.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateSeed {
    pub name: String,
    pub documents: Vec<String>,
    pub deliverables: Vec<String>,
}

/// The parsed default catalogue.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub types: Vec<DocumentTypeInput>,
    pub templates: Vec<TemplateSeed>,
}

/// Parses a catalogue file; every type and template reference is checked.
pub fn parse(text: &str) -> Result<Catalogue> {
    let raw: RawCatalogue = toml::from_str(text).map_err(|e| DomainError::Catalogue(e.to_string()))?;
    let mut types = Vec::with_capacity(raw.types.len());
    for t in raw.types {
        let field = format!("type {}", t.code);
        let rule = ValidityRule::parse(&field, &t.rule).map_err(|e| DomainError::Catalogue(e.to_string()))?;
        let lead_time = Period::parse(&field, &t.lead_time).map_err(|e| DomainError::Catalogue(e.to_string()))?;
        if types.iter().any(|x: &DocumentTypeInput| x.code == t.code) {
            return Err(DomainError::Catalogue(format!("code {} komt twee keer voor", t.code)));
        }
        types.push(DocumentTypeInput { code: t.code, name: t.name, rule, lead_time, issuer: t.issuer, note: t.note, words: vec![] });
    }
    for tpl in &raw.templates {
        for code in &tpl.documents {
            if !types.iter().any(|t| &t.code == code) {
                return Err(DomainError::Catalogue(format!("sjabloon {} noemt onbekend type {code}", tpl.name)));
            }
        }
    }
    let templates = raw.templates.into_iter().map(|t| TemplateSeed { name: t.name, documents: t.documents, deliverables: t.deliverables }).collect();
    Ok(Catalogue { types, templates })
}

pub fn default_catalogue() -> Result<Catalogue> {
    parse(DEFAULT_CATALOGUE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_catalogue_covers_the_required_types() {
        let c = default_catalogue().unwrap();
        for code in [
            "kvk",
            "gva",
            "vog",
            "uea",
            "eigen-verklaring",
            "hkz",
            "iso9001",
            "kkljz",
            "avb",
            "bav",
            "wkkgz-klachten",
            "wkkgz-geschillen",
            "meldcode",
            "privacy",
            "jaarrekening",
            "betalingsgedrag",
            "skj",
            "big",
        ] {
            assert!(c.types.iter().any(|t| t.code == code), "missing {code}");
        }
        let kvk = c.types.iter().find(|t| t.code == "kvk").unwrap();
        assert_eq!(kvk.rule, ValidityRule::MaxAge { period: Period::months(6) });
        let gva = c.types.iter().find(|t| t.code == "gva").unwrap();
        assert_eq!(gva.rule, ValidityRule::MaxAge { period: Period::months(24) });
        assert_eq!(gva.lead_time, Period::days(56));
        assert!(!c.templates.is_empty());
    }

    #[test]
    fn broken_catalogue_is_rejected() {
        assert!(parse("[[type]]\ncode='x'\nname='X'\nrule='max-age'\nlead_time='1d'\n").is_err());
        assert!(parse("[[type]]\ncode='x'\nname='X'\nrule='none'\nlead_time='1d'\n[[template]]\nname='t'\ndocuments=['y']\n").is_err());
    }
}
