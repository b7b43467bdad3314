//! The commands the UI may call. Each is thin: take the store from state, call the core once,
//! map the error. Every command is also listed in `build.rs` and allowed in `capabilities/`.

use crate::error::CommandError;
use crate::events;
use crate::state::AppState;
use std::sync::atomic::Ordering;
use tauri::{AppHandle, State};
use tenderwacht_domain::{
    agenda::{AgendaFilter, AgendaItem},
    checklist::Checklist,
    Party, Tender,
};
use tenderwacht_store::{ChangedTender, ChecklistScope, PartyDetail, Source, StoreInfo, SyncRunSummary, TenderDetail, TenderFilter};
use uuid::Uuid;

/// The agenda from two weeks back to `days` ahead.
#[tauri::command]
pub fn agenda(state: State<'_, AppState>, days: u32) -> Result<Vec<AgendaItem>, CommandError> {
    let store = state.store()?;
    let filter = AgendaFilter::around(store.today(), days.min(366));
    Ok(store.agenda(&filter)?)
}

/// Where the data is and how much there is.
#[tauri::command]
pub fn store_info(state: State<'_, AppState>) -> Result<StoreInfo, CommandError> {
    Ok(state.store()?.info()?)
}

/// The tender list: full-text search when `query` is given, else soonest closing first.
#[tauri::command]
pub fn tenders(state: State<'_, AppState>, filter: TenderFilter) -> Result<Vec<Tender>, CommandError> {
    Ok(state.store()?.tenders(&TenderFilter { limit: Some(500), ..filter })?)
}

#[tauri::command]
pub fn tender_detail(state: State<'_, AppState>, id: Uuid) -> Result<TenderDetail, CommandError> {
    Ok(state.store()?.tender_detail(id)?)
}

/// Marks a tender's changes as seen; returns how many.
#[tauri::command]
pub fn mark_seen(state: State<'_, AppState>, id: Uuid) -> Result<usize, CommandError> {
    Ok(state.store()?.mark_changes_seen(id)?)
}

#[tauri::command]
pub fn changed_tenders(state: State<'_, AppState>) -> Result<Vec<ChangedTender>, CommandError> {
    Ok(state.store()?.changed_tender_list()?)
}

#[tauri::command]
pub fn sources(state: State<'_, AppState>) -> Result<Vec<Source>, CommandError> {
    Ok(state.store()?.sources()?)
}

#[tauri::command]
pub fn sync_reports(state: State<'_, AppState>) -> Result<Vec<SyncRunSummary>, CommandError> {
    Ok(state.store()?.last_sync_reports()?)
}

/// Starts a sync of every enabled source in the background; progress and the result arrive as
/// `sync-progress` and `sync-finished` events. Returns false when a sync is already running.
#[tauri::command]
pub fn sync_now(app: AppHandle, state: State<'_, AppState>) -> Result<bool, CommandError> {
    if state.syncing.swap(true, Ordering::SeqCst) {
        return Ok(false);
    }
    let data_dir = state.data_dir.clone();
    let today = state.store()?.today();
    std::thread::spawn(move || events::run_sync(app, data_dir, today));
    Ok(true)
}

/// Providers and cooperatives, by name.
#[tauri::command]
pub fn providers(state: State<'_, AppState>) -> Result<Vec<Party>, CommandError> {
    Ok(state.store()?.parties(None)?)
}

/// A provider or cooperative with its document library, bids and memberships.
#[tauri::command]
pub fn provider_detail(state: State<'_, AppState>, id: Uuid) -> Result<PartyDetail, CommandError> {
    Ok(state.store()?.party_detail(id)?)
}

/// The arguments of `checklist`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ChecklistArgs {
    pub tender: Option<Uuid>,
    pub provider: Option<Uuid>,
}

/// The checklist of a tender's bids, or of a provider's part in bids.
#[tauri::command]
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

/// The search profiles a sync keeps publications for.
#[tauri::command]
pub fn profiles(state: State<'_, AppState>) -> Result<Vec<tenderwacht_domain::profile::SearchProfile>, CommandError> {
    Ok(state.store()?.profiles()?)
}

/// Contracts with no extension left that end within a year: the procedures to expect, with the
/// new procedure when a sync already brought it and the providers holding the old contract.
#[tauri::command]
pub fn expected_retenders(state: State<'_, AppState>) -> Result<Vec<tenderwacht_store::ExpectedRetender>, CommandError> {
    Ok(state.store()?.expected_retenders(tenderwacht_domain::time::Period::months(12))?)
}
