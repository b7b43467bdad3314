//! A tender in the store: the tender row and its milestones, requirements, portal documents and
//! upload rules; the changes a later publication brings; requirements proposed from its documents;
//! the full-text search over tenders; two tenders of one procedure made one (`merge`).

pub(crate) mod changes;
pub(crate) mod merge;
pub(crate) mod milestones;
pub(crate) mod proposals;
pub(crate) mod publication_changes;
pub(crate) mod requirements;
pub(crate) mod search;
pub(crate) mod tender_documents;
pub(crate) mod tenders;
pub(crate) mod upload_rules;
