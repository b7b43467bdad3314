//! Providers and cooperatives in the store: the party rows with their facts, their documents and
//! the document-type catalogue those documents are judged by.

pub(crate) mod catalogue;
pub(crate) mod documents;
pub(crate) mod facts;
pub(crate) mod parties;
pub(crate) mod removal;
