//! The domain in the consultant's own words: providers and cooperatives, the document catalogue,
//! documents, tenders with milestones and requirements, and bids. Plain data plus the validation
//! of user input; storage lives in `store`, judgement in `checklist`.

mod bid;
mod catalogue;
mod contract;
mod deliverable;
mod document;
mod facts;
mod party;
mod phase;
mod tender;
mod text_enum;
mod validate;

pub use bid::*;
pub use catalogue::*;
pub use contract::*;
pub use deliverable::*;
pub use document::*;
pub use facts::*;
pub use party::*;
pub use phase::*;
pub use tender::*;
pub use validate::*;
