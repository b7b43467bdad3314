//! Bronnen in the window: the sources and their sync reports, a sync started in the background,
//! add, edit, switch off and remove a source, a dry run of an unsaved one (its first page read for
//! real into a scratch store, via the sources crate's preview), and the search profiles.

use crate::{error::CommandError, events, state::AppState};
use std::sync::atomic::Ordering;
use tauri::{AppHandle, State};
use tenderwacht_domain::{profile::SearchProfile, publication::SourceKind};
use tenderwacht_sources::preview::Preview;
use tenderwacht_store::{Source, StoreError, SyncRunSummary};
use uuid::Uuid;

/// A source as the Bronnen form sends it; no id for a new one.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SourceInput {
    pub id: Option<Uuid>,
    pub name: String,
    pub kind: SourceKind,
    pub base_url: String,
    /// The HTML listing definition, a TED query...
    #[ts(type = "unknown")]
    pub config: serde_json::Value,
}

/// The HTML listing definition is checked (selectors, URL) before it is stored.
fn checked_config(input: &SourceInput) -> Result<serde_json::Value, CommandError> {
    if input.kind != SourceKind::Html {
        return Ok(input.config.clone());
    }
    let mut def: tenderwacht_sources::html::HtmlDefinition = serde_json::from_value(input.config.clone())
        .map_err(|e| tenderwacht_store::StoreError::invalid("beschrijving", format!("onvolledig: {e}")))?;
    def.name = input.name.clone();
    def.url = input.base_url.clone();
    def.check()?;
    serde_json::to_value(&def).map_err(|e| tenderwacht_store::StoreError::invalid("beschrijving", e.to_string()).into())
}

/// Adds a source (no id) or changes one; returns the sources.
#[tauri::command(async)]
pub fn save_source(state: State<'_, AppState>, source: SourceInput) -> Result<Vec<Source>, CommandError> {
    let config = checked_config(&source)?;
    let mut store = state.store()?;
    match source.id {
        Some(id) => store.edit_source(id, &source.name, &source.base_url, &config)?,
        None => {
            store.add_source(&source.name, source.kind, &source.base_url, &config)?;
        }
    }
    Ok(store.sources()?)
}

/// The arguments of `set_source_enabled`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SetSourceEnabledArgs {
    pub id: Uuid,
    pub enabled: bool,
}

/// Switches a source on or off.
#[tauri::command(async)]
pub fn set_source_enabled(state: State<'_, AppState>, args: SetSourceEnabledArgs) -> Result<Vec<Source>, CommandError> {
    let SetSourceEnabledArgs { id, enabled } = args;
    let mut store = state.store()?;
    store.update_source(id, None, Some(enabled))?;
    Ok(store.sources()?)
}

/// Removes a source; what it brought in stays.
#[tauri::command(async)]
pub fn remove_source(state: State<'_, AppState>, id: Uuid) -> Result<Vec<Source>, CommandError> {
    let mut store = state.store()?;
    store.remove_source(id)?;
    Ok(store.sources()?)
}

/// Reads the first page of a source as it stands in the form, stores nothing. The portal is read
/// on a thread of its own (the HTTP client blocks, which the async runtime does not allow), and
/// the window waits without blocking.
#[tauri::command]
pub async fn preview_source(state: State<'_, AppState>, source: SourceInput) -> Result<Preview, CommandError> {
    let config = checked_config(&source)?;
    let profiles = state.store()?.profiles()?;
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(tenderwacht_sources::preview::preview(
            &source.name,
            source.kind,
            &source.base_url,
            &config,
            Default::default(),
            &profiles,
            &mut |_| {},
        ));
    });
    match tauri::async_runtime::spawn_blocking(move || result.recv()).await {
        Ok(Ok(preview)) => Ok(preview?),
        _ => Err(CommandError::Unavailable),
    }
}

#[tauri::command(async)]
pub fn sources(state: State<'_, AppState>) -> Result<Vec<Source>, CommandError> {
    Ok(state.store()?.sources()?)
}

#[tauri::command(async)]
pub fn sync_reports(state: State<'_, AppState>) -> Result<Vec<SyncRunSummary>, CommandError> {
    Ok(state.store()?.last_sync_reports()?)
}

/// Starts a sync of every enabled source in the background; progress and the result arrive as
/// `sync-progress` and `sync-finished` events. Returns false when a sync is already running.
#[tauri::command(async)]
pub fn sync_now(app: AppHandle, state: State<'_, AppState>) -> Result<bool, CommandError> {
    if state.syncing.swap(true, Ordering::SeqCst) {
        return Ok(false);
    }
    let data_dir = state.data_dir.clone();
    let today = state.store()?.today();
    std::thread::spawn(move || events::run_sync(app, data_dir, today));
    Ok(true)
}

/// The search profiles a sync keeps publications for.
#[tauri::command(async)]
pub fn profiles(state: State<'_, AppState>) -> Result<Vec<tenderwacht_domain::profile::SearchProfile>, CommandError> {
    Ok(state.store()?.profiles()?)
}

/// Adds a search profile (no id) or replaces one; returns it as stored (lists cleaned).
#[tauri::command(async)]
pub fn save_profile(state: State<'_, AppState>, profile: SearchProfile) -> Result<SearchProfile, CommandError> {
    let mut store = state.store()?;
    Ok(match profile.id {
        Some(id) => store.update_profile(id, &profile)?,
        None => {
            let id = store.add_profile(&profile)?;
            store
                .profiles()?
                .into_iter()
                .find(|p| p.id == Some(id))
                .ok_or_else(|| StoreError::NotFound { what: "zoekprofiel", key: id.to_string() })?
        }
    })
}

/// Removes a search profile (the last one stays; the core says why).
#[tauri::command(async)]
pub fn remove_profile(state: State<'_, AppState>, id: Uuid) -> Result<(), CommandError> {
    Ok(state.store()?.remove_profile(id)?)
}

/// What describes a saved portal file the window uploads (`import_portal_file`).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportPortalFileMeta {
    pub file_name: String,
    /// Only read and report; store nothing.
    pub dry_run: bool,
}

/// Reads a saved portal file (eForms XML, a TenderNed or TED answer, a feed) as a sync reads it
/// and, unless it is a trial run, stores its publications: the CLI's `tender import`.
#[tauri::command(async)]
pub fn import_portal_file(
    request: tauri::ipc::Request<'_>,
    state: State<'_, AppState>,
) -> Result<tenderwacht_sources::import::ImportOutcome, CommandError> {
    let upload = crate::upload::Upload::new(&request);
    let ImportPortalFileMeta { file_name, dry_run } = upload.meta()?;
    let readings = tenderwacht_sources::files::read_upload(upload.bytes()?, &file_name);
    let mut store = state.store()?;
    let out = tenderwacht_sources::import::import(&mut store, readings, dry_run)?;
    match out.nothing_read() {
        Some(reason) if !dry_run => Err(StoreError::invalid("bestand", format!("{file_name}: {reason}")).into()),
        _ => Ok(out),
    }
}
