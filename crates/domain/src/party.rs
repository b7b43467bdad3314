//! Providers (aanbieders) and cooperatives (coöperaties): both are parties that hold documents
//! and can bid; a cooperative bids as one legal entity for its member providers.

use crate::text_enum;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

text_enum!(
    /// Whether a party is a single provider or a cooperative of providers.
    PartyKind {
        Provider => ("provider", "aanbieder"),
        Cooperative => ("cooperative", "coöperatie"),
    }
);

text_enum!(
    /// The law a care service falls under.
    CareDomain {
        Jeugdwet => ("jeugdwet", "Jeugdwet"),
        Wmo => ("wmo", "Wmo"),
    }
);

/// A provider or cooperative as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Party {
    pub id: Uuid,
    pub kind: PartyKind,
    pub name: String,
    pub kvk: String,
    pub agb: Option<String>,
    pub place: String,
    pub municipalities: Vec<String>,
    pub domains: Vec<CareDomain>,
    pub contact: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub active: bool,
}

/// What a user enters to create a party. Validated by the store before anything is written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartyInput {
    pub name: String,
    pub kvk: String,
    #[serde(default)]
    pub agb: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub municipalities: Vec<String>,
    #[serde(default)]
    pub domains: Vec<CareDomain>,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub notes: String,
}

/// A partial edit: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartyPatch {
    pub name: Option<String>,
    pub kvk: Option<String>,
    pub agb: Option<String>,
    pub place: Option<String>,
    pub municipalities: Option<Vec<String>>,
    pub domains: Option<Vec<CareDomain>>,
    pub contact: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub active: Option<bool>,
}

/// A validated party input, ready to write: trimmed, municipalities and domains sorted and
/// deduplicated, KvK, AGB, e-mail and phone checked (each error names its field).
#[derive(Debug, Clone, PartialEq)]
pub struct CleanParty {
    pub name: String,
    pub kvk: String,
    pub agb: Option<String>,
    pub place: String,
    pub municipalities: Vec<String>,
    pub domains: Vec<CareDomain>,
    pub contact: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
}

impl PartyInput {
    /// The one check of a party's fields, for the store's writes and the CSV import's preview.
    pub fn clean(&self) -> crate::error::Result<CleanParty> {
        use crate::validate as v;
        let mut municipalities: Vec<String> = self.municipalities.iter().map(|m| m.trim().to_string()).filter(|m| !m.is_empty()).collect();
        municipalities.sort();
        municipalities.dedup();
        let mut domains = self.domains.clone();
        domains.sort_by_key(|x| x.as_str());
        domains.dedup();
        Ok(CleanParty {
            name: v::name("naam", &self.name)?,
            kvk: v::kvk("kvk", &self.kvk)?,
            agb: v::agb("agb", &self.agb)?,
            place: self.place.trim().to_string(),
            municipalities,
            domains,
            contact: self.contact.trim().to_string(),
            email: v::email("email", &self.email)?,
            phone: v::phone("telefoon", &self.phone)?,
            notes: self.notes.trim().to_string(),
        })
    }
}
