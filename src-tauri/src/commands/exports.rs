//! Commands for what leaves the app: submission packs, request lists, calendar, spreadsheet,
//! digest, provider import and backups. Heavy work runs on a blocking thread with its own store
//! connection (the screens stay responsive) and reports progress through events. Files go to the
//! data folder's `exports/` (the only place the app writes besides its store); paths never come
//! from the window.

use crate::events::ExportProgress;

use crate::{error::CommandError, state::AppState};
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, State};
use tenderwacht_domain::PartyInput;
use tenderwacht_export::{
    backup, backup::BackupInfo, calendar, digest, names, pack::PackOptions, pack_plan::PackFormat, request, sheet, ExportError,
};
use tenderwacht_store::{import::RowError, Store};
use uuid::Uuid;

pub const EXPORTS_DIR: &str = "exports";

fn exports_dir(state: &AppState) -> PathBuf {
    state.data_dir.join(EXPORTS_DIR)
}

/// Runs `work` on a blocking thread with its own connection to the store.
async fn in_background<T: Send + 'static>(
    data_dir: PathBuf,
    today: chrono::NaiveDate,
    work: impl FnOnce(&mut Store) -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(move || {
        let mut store = Store::open(&data_dir)?;
        store.set_today(Some(today));
        work(&mut store)
    })
    .await
    .map_err(|_| CommandError::Unavailable)?
}

/// The arguments of `export_packs`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ExportPacksArgs {
    pub tender: Uuid,
    pub force: bool,
    pub folder: bool,
}

/// Packs of every bid of a tender, into `exports/<tender>/`.
#[tauri::command]
pub async fn export_packs(
    app: AppHandle,
    state: State<'_, AppState>,
    args: ExportPacksArgs,
) -> Result<Vec<tenderwacht_export::tender_packs::PackOutcome>, CommandError> {
    let ExportPacksArgs { tender, force, folder } = args;
    let today = state.store()?.today();
    let root = exports_dir(&state);
    in_background(state.data_dir.clone(), today, move |store| {
        // Teammates' files these packs hold come from the team folder first (only those).
        tenderwacht_team::fetch_for_packs(store, &store.bid_ids_of_tender(tender)?)?;
        let title = store.tender(tender)?.title;
        let out = root.join(names::sanitize(&title));
        let options = PackOptions { format: if folder { PackFormat::Folder } else { PackFormat::Zip }, force, ..Default::default() };
        let mut progress = |bidder: &str, done: usize, total: usize| {
            let label = if bidder.is_empty() { "Pakketten klaar".to_string() } else { format!("Pakket {bidder}") };
            let (done, total) = (u32::try_from(done).unwrap_or(u32::MAX), u32::try_from(total).unwrap_or(u32::MAX));
            crate::events::send(&app, ExportProgress { label, done, total });
        };
        Ok(tenderwacht_export::tender_packs::write_tender(store, tender, &out, &options, &mut progress)?)
    })
    .await
}

/// A provider's request list: the text to paste, plus the list itself.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RequestListView {
    pub text: String,
    pub list: request::RequestList,
}

#[tauri::command(async)]
pub fn request_list(state: State<'_, AppState>, party: Uuid) -> Result<RequestListView, CommandError> {
    let list = request::for_party(&*state.store()?, party)?;
    Ok(RequestListView { text: request::text(&list), list })
}

/// Writes a provider's one-page fact sheet (PDF) into `exports/Feitenbladen/`; returns the file.
#[tauri::command(async)]
pub fn save_fact_sheet(state: State<'_, AppState>, party: Uuid) -> Result<String, CommandError> {
    let store = state.store()?;
    let name = store.party(party)?.name;
    let target = exports_dir(&state).join("Feitenbladen").join(format!("{}.pdf", names::sanitize(&format!("Feitenblad - {name}"))));
    Ok(tenderwacht_export::facts::write_fact_sheet(&store, party, &target)?.display().to_string())
}

/// Writes request lists (one provider, or every provider that owes something) as .txt and .pdf
/// into `exports/Verzoeklijsten/`; returns the folder.
#[tauri::command(async)]
pub fn save_request_lists(state: State<'_, AppState>, party: Option<Uuid>) -> Result<String, CommandError> {
    let store = state.store()?;
    let lists = match party {
        Some(p) => vec![request::for_party(&store, p)?],
        None => request::for_all(&store)?,
    };
    let dir = exports_dir(&state).join("Verzoeklijsten");
    request::write_lists(&lists, &dir)?;
    Ok(dir.display().to_string())
}

/// The arguments of `export_calendar`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ExportCalendarArgs {
    pub party: Option<Uuid>,
    pub tender: Option<Uuid>,
}

/// The agenda as `exports/tenderwacht.ics` (optionally one provider or tender).
#[tauri::command(async)]
pub fn export_calendar(state: State<'_, AppState>, args: ExportCalendarArgs) -> Result<String, CommandError> {
    let ExportCalendarArgs { party, tender } = args;
    let text = calendar::export(&*state.store()?, &calendar::CalendarFilter { party, tender, days: None })?;
    let path = tenderwacht_export::atomic::write(&exports_dir(&state).join("tenderwacht.ics"), text.as_bytes())?;
    Ok(path.display().to_string())
}

/// The checklist matrix and tender list as `exports/tenderwacht-checklist.xlsx`.
#[tauri::command]
pub async fn export_spreadsheet(app: AppHandle, state: State<'_, AppState>) -> Result<String, CommandError> {
    let today = state.store()?.today();
    let target = exports_dir(&state).join("tenderwacht-checklist.xlsx");
    in_background(state.data_dir.clone(), today, move |store| {
        let mut progress = |label: &str, done: usize, total: usize| {
            let (done, total) = (u32::try_from(done).unwrap_or(u32::MAX), u32::try_from(total).unwrap_or(u32::MAX));
            crate::events::send(&app, ExportProgress { label: label.to_string(), done, total });
        };
        Ok(sheet::export_with(store, &[], &target, &mut progress)?.display().to_string())
    })
    .await
}

/// The digest since a date, as chat text and e-mail text.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DigestView {
    pub chat: String,
    pub email: String,
    pub new: u32,
    pub changed: u32,
}

#[tauri::command(async)]
pub fn digest_text(state: State<'_, AppState>, since: String) -> Result<DigestView, CommandError> {
    let since = tenderwacht_domain::time::parse_date("sinds", &since)?;
    let d = digest::collect(&*state.store()?, since)?;
    Ok(DigestView {
        chat: digest::chat_text(&d),
        email: digest::email_text(&d),
        new: u32::try_from(d.new.len()).unwrap_or(0),
        changed: u32::try_from(d.changed.len()).unwrap_or(0),
    })
}

/// A provider file checked row by row, before anything is written.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportPreview {
    pub rows: Vec<PartyInput>,
    pub errors: Vec<RowError>,
}

fn read_import(state: &AppState, file_name: &str, bytes: &[u8]) -> Result<tenderwacht_store::import::ProviderImport, CommandError> {
    let ext = names::extension(file_name);
    let tmp_dir = state.data_dir.join("tmp");
    std::fs::create_dir_all(&tmp_dir).map_err(|e| ExportError::io(&tmp_dir, e))?;
    let tmp = tempfile::Builder::new().suffix(&format!(".{ext}")).tempfile_in(&tmp_dir).map_err(|e| ExportError::io(&tmp_dir, e))?;
    std::fs::write(tmp.path(), bytes).map_err(|e| ExportError::io(tmp.path(), e))?;
    Ok(tenderwacht_export::import::providers_file(tmp.path())?)
}

/// What describes a provider sheet the window uploads (`preview_provider_import`, `import_providers`).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ProviderImportMeta {
    pub file_name: String,
    /// Import the good rows and leave the wrong ones (only `import_providers`).
    #[serde(default)]
    pub skip_invalid: bool,
}

#[tauri::command(async)]
pub fn preview_provider_import(request: tauri::ipc::Request<'_>, state: State<'_, AppState>) -> Result<ImportPreview, CommandError> {
    let upload = crate::upload::Upload::new(&request);
    let meta: ProviderImportMeta = upload.meta()?;
    let import = read_import(&state, &meta.file_name, upload.bytes()?)?;
    Ok(ImportPreview { rows: import.rows.into_iter().map(|(_, p)| p).collect(), errors: import.errors })
}

#[tauri::command(async)]
pub fn import_providers(request: tauri::ipc::Request<'_>, state: State<'_, AppState>) -> Result<u32, CommandError> {
    let upload = crate::upload::Upload::new(&request);
    let meta: ProviderImportMeta = upload.meta()?;
    let import = read_import(&state, &meta.file_name, upload.bytes()?)?;
    let ids = state.store()?.import_providers(&import, meta.skip_invalid)?;
    Ok(u32::try_from(ids.len()).unwrap_or(u32::MAX))
}

#[tauri::command(async)]
pub fn backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, CommandError> {
    Ok(backup::list(&state.data_dir)?)
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo, CommandError> {
    let today = state.store()?.today();
    in_background(state.data_dir.clone(), today, move |store| {
        let target = store.data_dir().join(backup::BACKUP_DIR).join(backup::manual_name(chrono::Utc::now()));
        Ok(backup::create(store, &target)?)
    })
    .await
}

/// Restores a backup from the data folder's `backups/` (named, never a path): the screens' store
/// is closed for the moment of replacing and opened again on the restored data.
#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, name: String) -> Result<backup::RestoreReport, CommandError> {
    let Some(found) = backup::list(&state.data_dir)?.into_iter().find(|b| b.name == name) else {
        return Err(ExportError::Invalid(format!("back-up '{name}' niet gevonden")).into());
    };
    replacing_database(&state, |dir| backup::restore(&found.path, dir))
}

/// Replaces the store's database by `replace` with the screens' store closed for the moment: they
/// are parked on an empty store, and the store is opened again on whatever is there afterwards
/// (the watchers see the generation change and reopen theirs).
fn replacing_database(
    state: &AppState,
    replace: impl FnOnce(&std::path::Path) -> Result<backup::RestoreReport, ExportError>,
) -> Result<backup::RestoreReport, CommandError> {
    let mut guard = state.store()?;
    let today = guard.today();
    let parking = tempfile::tempdir().map_err(|e| ExportError::io(std::env::temp_dir(), e))?;
    let old = std::mem::replace(&mut *guard, Store::open(parking.path())?);
    drop(old);
    let result = replace(&state.data_dir);
    state.restored.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let mut reopened = Store::open(&state.data_dir)?;
    reopened.set_today(Some(today));
    *guard = reopened;
    Ok(result?)
}

/// The databases a restore set aside, newest first.
#[tauri::command(async)]
pub fn kept_copies(state: State<'_, AppState>) -> Result<Vec<tenderwacht_export::kept::KeptCopy>, CommandError> {
    Ok(tenderwacht_export::kept::list(&state.data_dir)?)
}

/// Puts a database a restore set aside back (undoes a restore), the screens' store closed for the
/// moment of replacing as in `restore_backup`.
#[tauri::command(async)]
pub fn restore_kept(state: State<'_, AppState>, name: String) -> Result<backup::RestoreReport, CommandError> {
    replacing_database(&state, |dir| tenderwacht_export::kept::restore(dir, &name))
}

/// Makes today's backup on start if there is none, keeping the last 14; runs in the background.
pub fn daily_backup(data_dir: PathBuf) {
    std::thread::spawn(move || {
        // After the window's first paint: the backup reads the whole store.
        std::thread::sleep(std::time::Duration::from_secs(3));
        let result = Store::open(&data_dir).map_err(ExportError::from).and_then(|store| backup::daily(&store, store.today(), 14));
        if let Err(e) = result {
            eprintln!("tenderwacht: dagelijkse back-up mislukt: {e}");
        }
    });
}
