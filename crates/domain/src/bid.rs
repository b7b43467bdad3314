//! Bids (inschrijvingen): one party's participation in one tender (and lot), and what the
//! consultant recorded per requirement.

use crate::text_enum;
use crate::PartyKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Bid {
    pub id: Uuid,
    pub tender_id: Uuid,
    pub tender_title: String,
    pub lot_number: Option<u32>,
    pub party_id: Uuid,
    pub party_name: String,
    pub party_kind: PartyKind,
    pub note: String,
}

text_enum!(
    /// Progress of a tender-specific deliverable.
    DeliverableState {
        Open => ("open", "open"),
        Bezig => ("bezig", "bezig"),
        Aangeleverd => ("aangeleverd", "aangeleverd"),
    }
);

text_enum!(
    /// For a cooperative's bid: who provides a requirement.
    ProvidedBy {
        Bidder => ("bidder", "inschrijver"),
        Members => ("members", "elk lid"),
    }
);

/// An edit of one bid x requirement (x providing party) cell. `None` leaves a field unchanged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BidItemPatch {
    /// For a cooperative bid whose requirement every member provides: which member.
    pub member_id: Option<Uuid>,
    /// Link this document; `Some(None)` returns to "newest of the type".
    pub document_id: Option<Option<Uuid>>,
    pub state: Option<DeliverableState>,
    pub not_applicable: Option<bool>,
    pub owner: Option<String>,
    pub note: Option<String>,
}
