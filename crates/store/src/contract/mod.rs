//! A contract in the store: the contract with its members, municipalities and products, its own
//! files, and its obligations judged for every delivering party.

pub(crate) mod contract_documents;
pub(crate) mod contracts;
pub(crate) mod obligations;
