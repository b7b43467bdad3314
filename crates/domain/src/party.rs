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
