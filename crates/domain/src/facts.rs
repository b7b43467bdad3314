//! The facts about a provider that tender forms ask again and again: legal and trade names, the
//! vestiging number, AGB codes (one per location or practice), the address, who signs (name and
//! role) and the quality marks held.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProviderFacts {
    #[serde(default)]
    pub legal_name: String,
    #[serde(default)]
    pub trade_names: Vec<String>,
    /// Vestigingsnummer (12 digits) in the Handelsregister.
    #[serde(default)]
    pub vestiging: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub signatory_name: String,
    #[serde(default)]
    pub signatory_role: String,
    #[serde(default)]
    pub quality_marks: Vec<String>,
    /// AGB codes (8 digits each) beyond the provider's main one.
    #[serde(default)]
    pub agb_codes: Vec<String>,
}

impl ProviderFacts {
    /// Checks and tidies what was typed; names the field that is wrong.
    pub fn cleaned(&self) -> crate::Result<Self> {
        let t = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let list = |v: &[String]| v.iter().map(|s| t(s)).filter(|s| !s.is_empty()).collect::<Vec<_>>();
        let vestiging: String = self.vestiging.chars().filter(|c| !c.is_whitespace()).collect();
        if !vestiging.is_empty() && (vestiging.len() != 12 || !vestiging.bytes().all(|b| b.is_ascii_digit())) {
            return Err(crate::DomainError::invalid("vestigingsnummer", "moet 12 cijfers zijn"));
        }
        let postcode = t(&self.postcode).to_uppercase();
        let compact: String = postcode.chars().filter(|c| !c.is_whitespace()).collect();
        let dutch = compact.len() == 6 && compact[..4].bytes().all(|b| b.is_ascii_digit()) && compact[4..].bytes().all(|b| b.is_ascii_uppercase());
        if !postcode.is_empty() && !dutch {
            return Err(crate::DomainError::invalid("postcode", format!("'{}' is geen Nederlandse postcode (1234 AB)", self.postcode)));
        }
        let mut agb_codes: Vec<String> = vec![];
        for raw in &self.agb_codes {
            if let Some(code) = crate::agb("AGB-codes", raw)? {
                if !agb_codes.contains(&code) {
                    agb_codes.push(code);
                }
            }
        }
        Ok(Self {
            agb_codes,
            legal_name: t(&self.legal_name),
            trade_names: list(&self.trade_names),
            vestiging,
            street: t(&self.street),
            postcode: if dutch { format!("{} {}", &compact[..4], &compact[4..]) } else { String::new() },
            city: t(&self.city),
            signatory_name: t(&self.signatory_name),
            signatory_role: t(&self.signatory_role),
            quality_marks: list(&self.quality_marks),
        })
    }
}
