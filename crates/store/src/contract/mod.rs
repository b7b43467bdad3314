//! A contract in the store: the contract with its members, municipalities and products, its own
//! files, and its obligations judged for every delivering party. The filter both lists use lives
//! here, so `contracts` (which loads a contract's obligations) and `obligations` do not import
//! each other.

pub(crate) mod contract_documents;
pub(crate) mod contracts;
pub(crate) mod obligations;

use tenderwacht_domain::{time::Period, CareDomain};
use ts_rs::TS;
use uuid::Uuid;

/// Which contracts to list; the window sends it as is (generated type).
#[derive(Debug, Clone, Default, serde::Deserialize, TS)]
#[ts(export)]
pub struct ContractFilter {
    pub party: Option<Uuid>,
    pub municipality: Option<String>,
    pub domain: Option<CareDomain>,
    /// Only those ending within this period from today.
    pub ending_within: Option<Period>,
    /// Also the ended ones.
    #[serde(default)]
    pub include_ended: bool,
}
