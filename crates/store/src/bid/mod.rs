//! A bid in the store: the bid and its items, the checklist loaded for a set of bids in set
//! queries, deliverable files with their versions, and the working copies of the buyer's templates.

pub(crate) mod bids;
pub(crate) mod checklist;
pub(crate) mod deliverables;
pub(crate) mod working_copies;
