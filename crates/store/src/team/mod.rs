//! The store's side of the team: every write recorded as a change set, changes from teammates
//! applied in one order, and the conflicts that leaves for a person to look at.

pub(crate) mod apply;
pub(crate) mod conflicts;
pub(crate) mod erasure;
pub(crate) mod log;
pub(crate) mod membership;
