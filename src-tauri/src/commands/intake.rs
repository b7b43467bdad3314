//! "Binnengekomen" in the window: files dropped or picked (documents, or e-mails whose attachments
//! count) read for type, provider and dates, waiting until the consultant stores or discards them.

use crate::{error::CommandError, state::AppState};
use tauri::State;
use tenderwacht_domain::{Document, IntakeConfirm, IntakeItem};
use tenderwacht_reading::intake::{take_upload, IntakeOutcome};
use uuid::Uuid;

/// What describes a file the window hands to the intake (`intake_upload`).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IntakeUploadMeta {
    pub file_name: String,
}

/// Takes one dropped or picked file (the bytes the window read) into the intake; a mail gives one
/// outcome per attachment.
#[tauri::command(async)]
pub fn intake_upload(request: tauri::ipc::Request<'_>, state: State<'_, AppState>) -> Result<Vec<IntakeOutcome>, CommandError> {
    let upload = crate::upload::Upload::new(&request);
    let IntakeUploadMeta { file_name } = upload.meta()?;
    let bytes = upload.bytes()?;
    let mut store = state.store()?;
    Ok(take_upload(&mut store, &file_name, bytes, "in het venster toegevoegd")?)
}

/// What waits in the intake (with `all`, also what was stored or thrown away).
#[tauri::command(async)]
pub fn intake_list(state: State<'_, AppState>, all: bool) -> Result<Vec<IntakeItem>, CommandError> {
    Ok(state.store()?.intake(all)?)
}

/// The arguments of `confirm_intake`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ConfirmIntakeArgs {
    pub id: Uuid,
    pub answer: IntakeConfirm,
}

/// Stores a waiting file as the provider's document, as read or as corrected.
#[tauri::command(async)]
pub fn confirm_intake(state: State<'_, AppState>, args: ConfirmIntakeArgs) -> Result<Document, CommandError> {
    Ok(state.store()?.confirm_intake(args.id, &args.answer)?)
}

/// Throws a waiting file away.
#[tauri::command(async)]
pub fn discard_intake(state: State<'_, AppState>, id: Uuid) -> Result<(), CommandError> {
    Ok(state.store()?.discard_intake(id)?)
}
