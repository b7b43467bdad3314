//! Commands of Instellingen › Updates: the laptop's choice, looking for an update, installing it
//! (a backup first). Looking runs only when the consultant turned it on; the start-up look is
//! silent unless it finds an update.

use crate::events::{self, UpdateFound};
use crate::update::{self, Pending, UpdateCheck, UpdateRefusal, UpdateSource};
use crate::{error::CommandError, state::AppState};
use tauri::{AppHandle, Manager, State};
use tenderwacht_export::backup;
use tenderwacht_store::UpdateChoice;

/// This laptop's choice about updates.
#[tauri::command(async)]
pub fn update_choice(state: State<'_, AppState>) -> Result<UpdateChoice, CommandError> {
    Ok(state.store()?.update_choice()?)
}

/// Turns looking for updates on or off on this laptop.
#[tauri::command(async)]
pub fn set_update_choice(state: State<'_, AppState>, look: bool) -> Result<UpdateChoice, CommandError> {
    Ok(state.store()?.set_update_choice(look)?)
}

/// Looks for an update now, when the consultant turned looking on; otherwise asks nothing.
#[tauri::command(async)]
pub async fn check_update(app: AppHandle, state: State<'_, AppState>, pending: State<'_, Pending>) -> Result<UpdateCheck, CommandError> {
    let choice = state.store()?.update_choice()?;
    let (shown, found) = update::look(&app, &choice, &UpdateSource::configured()).await;
    if choice.look {
        state.store()?.note_update_check()?;
    }
    if let Ok(mut p) = pending.0.lock() {
        *p = found;
    }
    Ok(shown)
}

/// Installs the update the last check offered: downloaded and its signature checked, then a
/// backup of the store, then the installer; the app starts again on the new version.
#[tauri::command(async)]
pub async fn install_update(app: AppHandle, state: State<'_, AppState>, pending: State<'_, Pending>) -> Result<(), CommandError> {
    let update = pending.0.lock().map_err(|_| CommandError::Unavailable)?.take().ok_or(UpdateRefusal::NothingPending)?;
    let bytes = update::fetch_verified(&update).await?;
    let target = state.data_dir.join(backup::BACKUP_DIR).join(backup::manual_name(chrono::Utc::now()));
    {
        let store = state.store()?;
        backup::create(&store, &target).map_err(|e| UpdateRefusal::Backup(e.to_string()))?;
    }
    update.install(bytes).map_err(|e| UpdateRefusal::Install(e.to_string()))?;
    app.restart();
}

/// At start, when looking is on: one quiet look a while after the first paint; the window hears
/// of it only when an update is offered (offline or refused, it says nothing until asked).
pub fn look_at_start(app: AppHandle) {
    let Some(state) = app.try_state::<AppState>() else { return };
    let Some(choice) = state.store().ok().and_then(|s| s.update_choice().ok()).filter(|c| c.look) else { return };
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(8));
        let (shown, found) = tauri::async_runtime::block_on(update::look(&app, &choice, &UpdateSource::configured()));
        if let Some(state) = app.try_state::<AppState>() {
            if let Ok(mut store) = state.store() {
                let _ = store.note_update_check();
            }
        }
        if found.is_some() {
            if let Some(pending) = app.try_state::<Pending>() {
                if let Ok(mut p) = pending.0.lock() {
                    *p = found;
                }
            }
            events::send(&app, UpdateFound { check: shown });
        }
    });
}
