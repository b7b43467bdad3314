//! Contracts after the award: who delivers (a provider, or a cooperative with the members who
//! deliver under it), for which buyer and municipalities, in which domain, from when to when, with
//! how many extension options left and what notice; and the obligations that run during the term.

mod term;

pub use term::*;

use crate::text_enum;
use crate::time::Period;
use crate::{CareDomain, Party};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

text_enum!(
    /// Where a contract stands.
    ContractState {
        Lopend => ("lopend", "lopend"),
        Beeindigd => ("beeindigd", "beëindigd"),
    }
);

/// When an obligation must be met: every year before a day, or valid throughout the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ObligationRule {
    /// A fresh document every year before this day (month 1-12, day 1-31; 29 Feb is the last day
    /// of February in other years).
    YearlyBefore { month: u32, day: u32 },
    /// The current document must be valid on every day of the term.
    ValidThroughout,
    /// A fresh document within this many days after a change the consultant records (new staff,
    /// a new location).
    AfterChange { within_days: u32 },
}

impl ObligationRule {
    /// Dutch wording: "jaarlijks vóór 1 april", "de hele looptijd geldig".
    pub fn describe(self) -> String {
        match self {
            Self::YearlyBefore { month, day } => {
                let months =
                    ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
                let name = months.get(usize::try_from(month).unwrap_or(0).saturating_sub(1)).copied().unwrap_or("?");
                format!("jaarlijks vóór {day} {name}")
            }
            Self::ValidThroughout => "de hele looptijd geldig".into(),
            Self::AfterChange { within_days } => format!("binnen {within_days} dagen na een wijziging"),
        }
    }
}

/// A requirement that runs during a contract's term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Obligation {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub type_code: String,
    pub type_name: String,
    pub rule: ObligationRule,
    pub note: String,
    /// For "after a change": the day the last change was reported.
    pub changed_on: Option<NaiveDate>,
}

text_enum!(
    /// What a contract's own file is.
    ContractDocumentKind {
        Overeenkomst => ("overeenkomst", "getekende overeenkomst"),
        Addendum => ("addendum", "addendum"),
        Overig => ("overig", "overig"),
    }
);

/// A contract's own file (the signed agreement, an addendum), stored content-addressed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContractDocument {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub kind: ContractDocumentKind,
    pub original_name: String,
    pub sha256: String,
    pub signed_on: Option<NaiveDate>,
    pub note: String,
}

/// A lot or product the contract covers, with the buyer's product code where it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContractProduct {
    #[serde(default)]
    pub code: String,
    pub name: String,
}

impl ContractProduct {
    /// "45A04: Begeleiding individueel" or just "Begeleiding individueel".
    pub fn parse(text: &str) -> crate::Result<Self> {
        let (code, name) = match text.split_once(':') {
            Some((c, n)) if !c.trim().is_empty() && !c.trim().contains(' ') => (c.trim().to_string(), n.trim().to_string()),
            _ => (String::new(), text.trim().to_string()),
        };
        if name.is_empty() {
            return Err(crate::DomainError::invalid("product", format!("'{text}' heeft geen naam (bijv. 45A04: Begeleiding individueel)")));
        }
        Ok(Self { code, name })
    }
}

/// A contract as the store keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Contract {
    pub id: Uuid,
    pub title: String,
    pub party_id: Uuid,
    pub party_name: String,
    /// Members of a contracting cooperative who deliver under it.
    pub members: Vec<Party>,
    pub buyer: String,
    pub municipalities: Vec<String>,
    pub domain: CareDomain,
    pub start: NaiveDate,
    /// The current end (after the extensions used).
    pub end: NaiveDate,
    pub extensions_total: u32,
    pub extensions_used: u32,
    pub extension_length: Option<Period>,
    pub notice: Option<Period>,
    pub tender_id: Option<Uuid>,
    pub state: ContractState,
    pub obligations: Vec<Obligation>,
    pub products: Vec<ContractProduct>,
    pub documents: Vec<ContractDocument>,
}

/// What a user gives to register a contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContractInput {
    /// Defaults to the tender's title (or "<buyer> <domain>").
    #[serde(default)]
    pub title: String,
    pub party_id: Uuid,
    #[serde(default)]
    pub members: Vec<Uuid>,
    pub buyer: String,
    #[serde(default)]
    pub municipalities: Vec<String>,
    pub domain: CareDomain,
    pub start: NaiveDate,
    pub end: NaiveDate,
    #[serde(default)]
    pub extensions: u32,
    pub extension_length: Option<Period>,
    pub notice: Option<Period>,
    pub tender_id: Option<Uuid>,
    #[serde(default)]
    pub products: Vec<ContractProduct>,
}
