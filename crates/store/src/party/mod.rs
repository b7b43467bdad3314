//! Providers and cooperatives in the store: the party rows with their facts, their documents and
//! the document-type catalogue those documents are judged by, and the intake of documents that
//! arrived and wait to become theirs.

pub(crate) mod catalogue;
pub(crate) mod documents;
pub(crate) mod facts;
pub(crate) mod intake;
pub(crate) mod parties;
pub(crate) mod removal;
