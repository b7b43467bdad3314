//! A provider's documents in the window: the catalogue of types, the type guessed from a file's
//! name, and a new document uploaded with its dates.

use crate::{error::CommandError, state::AppState};
use tauri::State;
use tenderwacht_domain::{Document, DocumentEdit, DocumentInput, DocumentType, RemovalImpact};
use uuid::Uuid;

#[tauri::command(async)]
pub fn document_types(state: State<'_, AppState>) -> Result<Vec<DocumentType>, CommandError> {
    Ok(state.store()?.document_types()?)
}

/// Sets a document type's own recognition words (Instellingen › Documentsoorten herkennen).
#[tauri::command(async)]
pub fn set_type_words(state: State<'_, AppState>, code: String, words: Vec<String>) -> Result<DocumentType, CommandError> {
    Ok(state.store()?.set_document_type_words(&code, &words)?)
}

/// What a file's name says about it, to fill the upload form: the catalogue type ("KvK
/// uittreksel ...", "VOG ...") and the issue date ("2026-09-15", "15-09-2026", "20260915").
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DocumentGuess {
    pub type_code: Option<String>,
    pub issue_date: Option<chrono::NaiveDate>,
}

#[tauri::command(async)]
pub fn guess_document(state: State<'_, AppState>, file_name: String) -> Result<DocumentGuess, CommandError> {
    let types = state.store()?.document_types()?;
    let type_code = tenderwacht_export::import::guess_type(&file_name).filter(|code| types.iter().any(|t| t.code == *code)).map(str::to_string);
    Ok(DocumentGuess { type_code, issue_date: tenderwacht_export::import::guess_date(&file_name) })
}

/// What describes a document the window uploads (`add_document`).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AddDocumentMeta {
    pub party: Uuid,
    pub type_code: String,
    pub file_name: String,
    pub issued: chrono::NaiveDate,
    pub expires: Option<chrono::NaiveDate>,
}

/// Stores an uploaded file (the bytes the window read from the picked or dropped file) as a
/// document. The bytes go to a temporary file in the data folder's `tmp/` first; the store then
/// moves it into place by hash (written once), so nothing half-written ever appears.
#[tauri::command(async)]
pub fn add_document(request: tauri::ipc::Request<'_>, state: State<'_, AppState>) -> Result<Document, CommandError> {
    let upload = crate::upload::Upload::new(&request);
    let AddDocumentMeta { party, type_code, file_name, issued: issue_date, expires: expiry_date } = upload.meta()?;
    let tmp = upload.to_temp_file(&state.data_dir)?;
    let input = DocumentInput {
        party_id: party,
        type_code,
        file: tmp.path().to_path_buf(),
        original_name: Some(file_name),
        issue_date,
        expiry_date,
        note: String::new(),
    };
    Ok(state.store()?.add_document(&input)?)
}

/// The arguments of `edit_document`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EditDocumentArgs {
    pub id: Uuid,
    pub edit: DocumentEdit,
}

/// Corrects a document's type, name, dates or note (checked as a new one is).
#[tauri::command(async)]
pub fn edit_document(state: State<'_, AppState>, args: EditDocumentArgs) -> Result<Document, CommandError> {
    Ok(state.store()?.edit_document(args.id, &args.edit)?)
}

/// What removing a document would take along (checklist cells that show it).
#[tauri::command(async)]
pub fn document_removal(state: State<'_, AppState>, id: Uuid) -> Result<RemovalImpact, CommandError> {
    Ok(state.store()?.document_removal(id)?)
}

#[tauri::command(async)]
pub fn remove_document(state: State<'_, AppState>, id: Uuid) -> Result<RemovalImpact, CommandError> {
    Ok(state.store()?.remove_document(id)?)
}
