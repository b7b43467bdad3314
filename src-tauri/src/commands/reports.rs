//! What the Overzicht and the header ask: the agenda, the store's summary, tenders changed since
//! last looked at, and the re-tenders to expect from contracts ending.

use crate::{error::CommandError, state::AppState};
use tauri::State;
use tenderwacht_domain::agenda::{AgendaFilter, AgendaGroups, AgendaItem};
use tenderwacht_store::{ChangedTender, StoreInfo};

/// The agenda from two weeks back to `days` ahead.
#[tauri::command(async)]
pub fn agenda(state: State<'_, AppState>, days: u32) -> Result<Vec<AgendaItem>, CommandError> {
    let store = state.store()?;
    let filter = AgendaFilter::around(store.today(), days.min(366));
    Ok(store.agenda(&filter)?)
}

/// The agenda as the Overzicht shows it: three groups, each with its count and first `shown` lines.
#[tauri::command(async)]
pub fn agenda_groups(state: State<'_, AppState>, days: u32, shown: u32) -> Result<AgendaGroups, CommandError> {
    let store = state.store()?;
    let today = store.today();
    let items = store.agenda(&AgendaFilter::around(today, days.min(366)))?;
    Ok(AgendaGroups::of(items, today, shown as usize))
}

/// Where the data is and how much there is.
#[tauri::command(async)]
pub fn store_info(state: State<'_, AppState>) -> Result<StoreInfo, CommandError> {
    Ok(state.store()?.info()?)
}

#[tauri::command(async)]
pub fn changed_tenders(state: State<'_, AppState>) -> Result<Vec<ChangedTender>, CommandError> {
    Ok(state.store()?.changed_tender_list()?)
}

/// Contracts with no extension left that end within a year: the procedures to expect, with the
/// new procedure when a sync already brought it and the providers holding the old contract.
#[tauri::command(async)]
pub fn expected_retenders(state: State<'_, AppState>) -> Result<Vec<tenderwacht_store::ExpectedRetender>, CommandError> {
    Ok(state.store()?.expected_retenders(tenderwacht_domain::time::Period::months(12))?)
}
