//! The team in the app: set up or join from Instellingen, sync by hand, answer conflicts; and
//! the background round that syncs on start, shortly after edits and every few minutes while the
//! shared folder is reachable, telling the window through `team-synced`.

use crate::events::TeamSynced;

use crate::{error::CommandError, state::AppState};
use std::{path::PathBuf, time::Duration, time::Instant};
use tauri::{AppHandle, Manager, State};
use tenderwacht_domain::team::TeamConflict;
use tenderwacht_store::Store;
use tenderwacht_team::{LeaveReport, SyncReport, TeamKey, TeamStatus};

/// How long after the last edit the background round waits, and how often it looks anyway.
const DEBOUNCE: Duration = Duration::from_secs(8);
const PERIOD: Duration = Duration::from_secs(180);

/// The team as this laptop sees it; `None` before it is in one.
#[tauri::command(async)]
pub fn team_status(state: State<'_, AppState>) -> Result<Option<TeamStatus>, CommandError> {
    let store = state.store()?;
    if store.membership()?.is_none() {
        return Ok(None);
    }
    Ok(Some(tenderwacht_team::status(&store)?))
}

/// Folders on this laptop that are usually shared (OneDrive of the organisation first), offered
/// when a team is set up or joined.
#[tauri::command(async)]
pub fn team_folder_suggestions() -> Vec<tenderwacht_team::FolderSuggestion> {
    tenderwacht_team::suggested_folders()
}

/// The arguments of `team_init`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamInitArgs {
    pub folder: String,
    pub name: String,
    pub device: String,
}

/// Sets up a team in `folder`; returns the key to give the others.
#[tauri::command(async)]
pub fn team_init(state: State<'_, AppState>, args: TeamInitArgs) -> Result<String, CommandError> {
    let TeamInitArgs { folder, name, device } = args;
    let mut store = state.store()?;
    let device = if device.trim().is_empty() { tenderwacht_team::default_device_name() } else { device };
    let key = tenderwacht_team::init(&mut store, &PathBuf::from(folder), &name, &device)?;
    Ok(key.display())
}

/// The team key again, for a colleague who joins (the window asks to confirm first).
#[tauri::command(async)]
pub fn team_key(state: State<'_, AppState>) -> Result<String, CommandError> {
    Ok(tenderwacht_team::key(&*state.store()?)?.display())
}

/// The arguments of `team_join`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamJoinArgs {
    pub folder: String,
    pub key: String,
    pub device: String,
    pub replace: bool,
}

/// Joins a team: this laptop's store becomes the first laptop's (the window's store is closed
/// for the moment the database file is replaced, then opened again either way).
#[tauri::command(async)]
pub fn team_join(state: State<'_, AppState>, args: TeamJoinArgs) -> Result<SyncReport, CommandError> {
    let TeamJoinArgs { folder, key, device, replace } = args;
    let key = TeamKey::parse(&key)?;
    let device = if device.trim().is_empty() { tenderwacht_team::default_device_name() } else { device };
    let mut guard = state.store()?;
    let today = guard.today();
    let scratch_dir = state.data_dir.join("tmp").join("join-scratch");
    let _ = std::fs::remove_dir_all(&scratch_dir);
    let old = std::mem::replace(&mut *guard, Store::open(&scratch_dir)?);
    drop(old);
    let joined = tenderwacht_team::join(&state.data_dir, &PathBuf::from(folder), &key, &device, replace);
    let mut reopened = Store::open(&state.data_dir)?;
    reopened.set_today(Some(today));
    drop(std::mem::replace(&mut *guard, reopened));
    let _ = std::fs::remove_dir_all(&scratch_dir);
    Ok(joined?)
}

/// One round now, on its own connection; the window hears `team-synced` as well.
#[tauri::command]
pub async fn team_sync(app: AppHandle, state: State<'_, AppState>) -> Result<SyncReport, CommandError> {
    let dir = state.data_dir.clone();
    let report = tauri::async_runtime::spawn_blocking(move || round(&app, &dir)).await.map_err(|_| CommandError::Unavailable)??;
    Ok(report)
}

/// Takes a laptop out of the team: the key is renewed without it; returns the new key, shown
/// once to hand to the colleagues who stay.
#[tauri::command(async)]
pub fn team_remove_device(state: State<'_, AppState>, device_id: String) -> Result<String, CommandError> {
    let mut store = state.store()?;
    let device = tenderwacht_team::find_device(&store, &device_id)?;
    Ok(tenderwacht_team::renew_key(&mut store, std::slice::from_ref(&device))?.display())
}

/// A new team key without removing anyone; returns it.
#[tauri::command(async)]
pub fn team_rotate_key(state: State<'_, AppState>) -> Result<String, CommandError> {
    Ok(tenderwacht_team::renew_key(&mut *state.store()?, &[])?.display())
}

/// The team's new key, typed on a laptop that stays; then a round.
#[tauri::command(async)]
pub fn team_enter_key(state: State<'_, AppState>, key: String) -> Result<SyncReport, CommandError> {
    let key = TeamKey::parse(&key)?;
    Ok(tenderwacht_team::enter_key(&mut *state.store()?, &key)?)
}

/// This laptop leaves the team; with `wipe` its data goes too (the window's store is closed for
/// that and a fresh, empty one opened in its place).
#[tauri::command(async)]
pub fn team_leave(state: State<'_, AppState>, wipe: bool) -> Result<LeaveReport, CommandError> {
    let mut guard = state.store()?;
    let report = tenderwacht_team::leave(&mut guard)?;
    if wipe {
        let today = guard.today();
        // Outside the data folder: the wipe takes its tmp folder too.
        let scratch_dir = std::env::temp_dir().join(format!("tenderwacht-leave-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch_dir);
        drop(std::mem::replace(&mut *guard, Store::open(&scratch_dir)?));
        let wiped = tenderwacht_store::datadir::wipe(&state.data_dir);
        let mut fresh = Store::open(&state.data_dir)?;
        fresh.set_today(Some(today));
        drop(std::mem::replace(&mut *guard, fresh));
        let _ = std::fs::remove_dir_all(&scratch_dir);
        wiped?;
    }
    Ok(report)
}

#[tauri::command(async)]
pub fn team_conflicts(state: State<'_, AppState>, all: bool) -> Result<Vec<TeamConflict>, CommandError> {
    Ok(state.store()?.team_conflicts(!all)?)
}

/// The arguments of `resolve_conflict`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ResolveConflictArgs {
    pub id: String,
    pub restore: bool,
}

/// Accepts a conflict's outcome, or restores the losing value (an edit that travels).
#[tauri::command(async)]
pub fn resolve_conflict(state: State<'_, AppState>, args: ResolveConflictArgs) -> Result<(), CommandError> {
    let ResolveConflictArgs { id, restore } = args;
    Ok(state.store()?.resolve_conflict(&id, restore)?)
}

/// A sync round on its own connection, announced to the window.
fn round(app: &AppHandle, dir: &std::path::Path) -> Result<SyncReport, CommandError> {
    let mut store = Store::open(dir)?;
    let result = tenderwacht_team::sync(&mut store).map_err(CommandError::from);
    let status = tenderwacht_team::status(&store).ok();
    let payload = match &result {
        Ok(r) => TeamSynced { status, report: Some(r.clone()), error: None },
        Err(e) => TeamSynced { status, report: None, error: Some(e.body()) },
    };
    crate::events::send(app, payload);
    result
}

/// The background rounds: on start, shortly after local edits, and every few minutes; quiet
/// while the laptop is in no team or the folder is out of reach (the header says so).
pub fn start_background(app: AppHandle) {
    std::thread::spawn(move || {
        let Some(dir) = app.try_state::<AppState>().map(|s| s.data_dir.clone()) else { return };
        std::thread::sleep(Duration::from_secs(2));
        let mut last_round: Option<Instant> = None;
        let mut pending: Option<(i64, Instant)> = None;
        loop {
            let Ok(store) = Store::open(&dir) else { return };
            let member = store.membership().ok().flatten().is_some();
            let outgoing = store.unexported_count().unwrap_or(0);
            drop(store);
            if member {
                let now = Instant::now();
                // An edit waits until the consultant paused for a moment (one round per burst).
                let settled = match pending {
                    Some((n, since)) if n == outgoing => now.duration_since(since) >= DEBOUNCE,
                    _ => {
                        pending = (outgoing > 0).then_some((outgoing, now));
                        false
                    }
                };
                let due = last_round.is_none_or(|t| now.duration_since(t) >= PERIOD);
                if due || (outgoing > 0 && settled) {
                    let _ = round(&app, &dir);
                    last_round = Some(Instant::now());
                    pending = None;
                }
            }
            std::thread::sleep(Duration::from_secs(2));
        }
    });
}
