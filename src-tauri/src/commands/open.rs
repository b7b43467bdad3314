//! Opening things outside the window, decided here and not by the page: web links only when they
//! are http(s), offline portal documents and exports only from inside the data folder. The window
//! sends ids, never paths, and has no opener permission of its own.

use crate::{error::CommandError, state::AppState};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;
use tenderwacht_export::{names, ExportError};
use tenderwacht_store::StoreError;
use uuid::Uuid;

pub(crate) fn opener_error(e: tauri_plugin_opener::Error) -> CommandError {
    StoreError::invalid("openen", format!("kon niet openen: {e}")).into()
}

/// Opens a web link in the system browser; anything but http(s) is refused.
#[tauri::command(async)]
pub fn open_link(app: AppHandle, url: String) -> Result<(), CommandError> {
    let url = tenderwacht_domain::url("link", &url)?;
    app.opener().open_url(url, None::<&str>).map_err(opener_error)
}

/// The arguments of `open_tender_document`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct OpenTenderDocumentArgs {
    pub tender: Uuid,
    pub document: Uuid,
}

/// Opens a portal document that was downloaded for offline use, under its own name.
#[tauri::command(async)]
pub fn open_tender_document(app: AppHandle, state: State<'_, AppState>, args: OpenTenderDocumentArgs) -> Result<(), CommandError> {
    let OpenTenderDocumentArgs { tender, document } = args;
    let store = state.store()?;
    let doc = store.tender_document(tender, document)?;
    let (Some(sha), Some(name)) = (doc.sha256.as_deref(), store.tender_document_file_name(&doc)) else {
        return Err(StoreError::invalid("document", "dit document is nog niet gedownload; synchroniseer eerst").into());
    };
    open_stored(&app, &state, &store, sha, &name)
}

/// Opens a stored file in the system's program: a teammate's file fetched from the team folder
/// first, then a copy under its own name in `tmp/open/` (stored files are named by hash; the name
/// lets the system pick the right program).
pub(crate) fn open_stored(app: &AppHandle, state: &AppState, store: &tenderwacht_store::Store, sha: &str, name: &str) -> Result<(), CommandError> {
    if !tenderwacht_team::fetch_blob(store, sha)? {
        return Err(StoreError::invalid("bestand", "het bestand wordt nog opgehaald uit de teammap; probeer het zo opnieuw").into());
    }
    let src = store.blobs().path_of(sha);
    let dest = state.data_dir.join("tmp").join("open").join(sha.get(..12).unwrap_or_default()).join(names::sanitize(name));
    if !dest.exists() {
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| ExportError::io(parent, e))?;
        }
        std::fs::copy(&src, &dest).map_err(|e| ExportError::io(&src, e))?;
    }
    app.opener().open_path(dest.display().to_string(), None::<&str>).map_err(opener_error)
}

/// Opens the data folder's exports (or backups) folder in the file manager.
#[tauri::command(async)]
pub fn open_folder(app: AppHandle, state: State<'_, AppState>, which: String) -> Result<(), CommandError> {
    let dir = match which.as_str() {
        "exports" => state.data_dir.join(crate::commands::exports::EXPORTS_DIR),
        "backups" => state.data_dir.join(tenderwacht_export::backup::BACKUP_DIR),
        "data" => state.data_dir.clone(),
        _ => return Err(StoreError::invalid("map", "onbekende map").into()),
    };
    std::fs::create_dir_all(&dir).map_err(|e| ExportError::io(&dir, e))?;
    app.opener().open_path(dir.display().to_string(), None::<&str>).map_err(opener_error)
}
