//! A bid and its checklist: a new bid, the checklist of a tender or provider, and what a cell
//! changes (a linked document, a deliverable's progress or n.v.t.).

use crate::{error::CommandError, state::AppState};
use tauri::State;
use tenderwacht_domain::checklist::Checklist;
use tenderwacht_store::ChecklistScope;
use uuid::Uuid;

/// The arguments of `checklist`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ChecklistArgs {
    pub tender: Option<Uuid>,
    pub provider: Option<Uuid>,
}

/// The checklist of a tender's bids, or of a provider's part in bids.
#[tauri::command(async)]
pub fn checklist(state: State<'_, AppState>, args: ChecklistArgs) -> Result<Checklist, CommandError> {
    let ChecklistArgs { tender, provider } = args;
    let store = state.store()?;
    let scope = match (tender, provider) {
        (Some(t), _) => ChecklistScope::Tender(t),
        (None, Some(p)) => ChecklistScope::Party(p),
        (None, None) => return Err(tenderwacht_store::StoreError::invalid("checklist", "kies een aanbesteding of aanbieder").into()),
    };
    Ok(store.checklist(scope)?)
}

/// The arguments of `add_bid`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AddBidArgs {
    pub tender: Uuid,
    pub party: Uuid,
}

#[tauri::command(async)]
pub fn add_bid(state: State<'_, AppState>, args: AddBidArgs) -> Result<Uuid, CommandError> {
    let AddBidArgs { tender, party } = args;
    Ok(state.store()?.add_bid(tender, None, party, "")?)
}

/// The arguments of `link_document`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LinkDocumentArgs {
    pub bid: Uuid,
    pub requirement: Uuid,
    pub member: Option<Uuid>,
    pub document: Option<Uuid>,
}

/// Links a document to a checklist cell (`None` returns to "the newest of the type"). `member` is
/// set when the cell belongs to a member of a bidding cooperative.
#[tauri::command(async)]
pub fn link_document(state: State<'_, AppState>, args: LinkDocumentArgs) -> Result<(), CommandError> {
    let LinkDocumentArgs { bid, requirement, member, document } = args;
    let patch = tenderwacht_domain::BidItemPatch { member_id: member, document_id: Some(document), ..Default::default() };
    Ok(state.store()?.set_bid_item(bid, requirement, &patch)?)
}

/// The arguments of `set_deliverable`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SetDeliverableArgs {
    pub bid: Uuid,
    pub requirement: Uuid,
    pub member: Option<Uuid>,
    pub progress: Option<tenderwacht_domain::DeliverableState>,
    pub not_applicable: bool,
}

/// Sets the progress of a deliverable in a checklist cell, or marks it not applicable.
#[tauri::command(async)]
pub fn set_deliverable(state: State<'_, AppState>, args: SetDeliverableArgs) -> Result<(), CommandError> {
    let SetDeliverableArgs { bid, requirement, member, progress, not_applicable } = args;
    let patch = tenderwacht_domain::BidItemPatch { member_id: member, state: progress, not_applicable: Some(not_applicable), ..Default::default() };
    Ok(state.store()?.set_bid_item(bid, requirement, &patch)?)
}
