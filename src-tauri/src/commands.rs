//! The commands the UI may call. Each is thin: take the store from state, call the core once,
//! map the error. Every command is also listed in `build.rs` and allowed in `capabilities/`.

use crate::error::CommandError;
use crate::state::AppState;
use tauri::State;
use tenderwacht_core::agenda::{AgendaFilter, AgendaItem};
use tenderwacht_core::store::StoreInfo;

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
