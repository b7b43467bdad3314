//! Commands that change data: each validates through the core (which names the wrong field) and
//! writes in one transaction. Dates arrive as the user typed them (Dutch time) and are parsed by
//! the core, so the app and the CLI accept the same input.

use crate::error::CommandError;
use crate::state::AppState;
use tauri::State;
use tenderwacht_domain::{
    profile::SearchProfile, time::parse_moment, Document, DocumentInput, DocumentType, MilestoneKind, PartyInput, Procedure, RequirementTemplate,
    TenderDomain, TenderInput, TenderPatch, TenderStatus,
};
use tenderwacht_store::StoreError;
use uuid::Uuid;

#[tauri::command]
pub fn document_types(state: State<'_, AppState>) -> Result<Vec<DocumentType>, CommandError> {
    Ok(state.store()?.document_types()?)
}

#[tauri::command]
pub fn requirement_templates(state: State<'_, AppState>) -> Result<Vec<RequirementTemplate>, CommandError> {
    Ok(state.store()?.requirement_templates()?)
}

/// Adds a search profile (no id) or replaces one; returns it as stored (lists cleaned).
#[tauri::command]
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
#[tauri::command]
pub fn remove_profile(state: State<'_, AppState>, id: Uuid) -> Result<(), CommandError> {
    Ok(state.store()?.remove_profile(id)?)
}

#[tauri::command]
pub fn add_provider(state: State<'_, AppState>, input: PartyInput) -> Result<Uuid, CommandError> {
    Ok(state.store()?.add_provider(&input)?)
}

/// What a file's name says about it, to fill the upload form: the catalogue type ("KvK
/// uittreksel ...", "VOG ...") and the issue date ("2026-09-15", "15-09-2026", "20260915").
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DocumentGuess {
    pub type_code: Option<String>,
    pub issue_date: Option<chrono::NaiveDate>,
}

#[tauri::command]
pub fn guess_document(state: State<'_, AppState>, file_name: String) -> Result<DocumentGuess, CommandError> {
    let types = state.store()?.document_types()?;
    let type_code = tenderwacht_export::import::guess_type(&file_name).filter(|code| types.iter().any(|t| t.code == *code)).map(str::to_string);
    Ok(DocumentGuess { type_code, issue_date: tenderwacht_export::import::guess_date(&file_name) })
}

/// Stores an uploaded file (the bytes the window read from the picked or dropped file) as a
/// document. The bytes go to a temporary file in the data folder first; the store then copies
/// them into place by hash, so nothing half-written ever appears.
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

#[tauri::command]
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

/// The arguments of `add_tender`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AddTenderArgs {
    pub title: String,
    pub buyer: String,
    pub closing: Option<String>,
    pub template: Option<String>,
}

/// Creates a tender with its closing moment and the requirements of a template.
#[tauri::command]
pub fn add_tender(state: State<'_, AppState>, args: AddTenderArgs) -> Result<Uuid, CommandError> {
    let AddTenderArgs { title, buyer, closing, template } = args;
    let closing = closing.as_deref().filter(|c| !c.trim().is_empty()).map(|c| parse_moment("sluiting", c)).transpose()?;
    let input = TenderInput {
        title,
        buyer,
        region: String::new(),
        municipalities: vec![],
        nuts: vec![],
        cpv: vec![],
        procedure: Procedure::Onbekend,
        domain: TenderDomain::Overig,
        description: String::new(),
        status: TenderStatus::Inschrijven,
        lots: vec![],
        links: vec![],
    };
    let template = template.filter(|t| !t.trim().is_empty());
    Ok(state.store()?.create_tender(&input, closing, template.as_deref())?)
}

/// The arguments of `add_bid`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AddBidArgs {
    pub tender: Uuid,
    pub party: Uuid,
}

#[tauri::command]
pub fn add_bid(state: State<'_, AppState>, args: AddBidArgs) -> Result<Uuid, CommandError> {
    let AddBidArgs { tender, party } = args;
    Ok(state.store()?.add_bid(tender, None, party, "")?)
}

/// The arguments of `move_closing`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MoveClosingArgs {
    pub tender: Uuid,
    pub at: String,
}

/// Moves the tender's closing moment (adds one when it has none).
#[tauri::command]
pub fn move_closing(state: State<'_, AppState>, args: MoveClosingArgs) -> Result<(), CommandError> {
    let MoveClosingArgs { tender, at } = args;
    let at = parse_moment("sluiting", &at)?;
    state.store()?.set_milestone(tender, MilestoneKind::Sluiting, at)?;
    Ok(())
}

/// The arguments of `add_milestone`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AddMilestoneArgs {
    pub tender: Uuid,
    pub kind: MilestoneKind,
    pub at: String,
    pub label: String,
}

/// Adds a dated moment (questions deadline, Nota van Inlichtingen, award, an Open House entry
/// moment...) typed in Dutch time; a custom one needs its label.
#[tauri::command]
pub fn add_milestone(state: State<'_, AppState>, args: AddMilestoneArgs) -> Result<Uuid, CommandError> {
    let AddMilestoneArgs { tender, kind, at, label } = args;
    let at = parse_moment("datum", &at)?;
    Ok(state.store()?.add_milestone(tender, kind, at, &label, "")?)
}

/// The arguments of `move_milestone`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MoveMilestoneArgs {
    pub id: Uuid,
    pub at: String,
}

/// Moves any milestone to a new moment typed in Dutch time.
#[tauri::command]
pub fn move_milestone(state: State<'_, AppState>, args: MoveMilestoneArgs) -> Result<(), CommandError> {
    let MoveMilestoneArgs { id, at } = args;
    let at = parse_moment("datum", &at)?;
    state.store()?.move_milestone(id, at)?;
    Ok(())
}

#[tauri::command]
pub fn remove_milestone(state: State<'_, AppState>, id: Uuid) -> Result<(), CommandError> {
    Ok(state.store()?.remove_milestone(id)?)
}

/// The arguments of `set_tender_status`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SetTenderStatusArgs {
    pub tender: Uuid,
    pub status: TenderStatus,
}

#[tauri::command]
pub fn set_tender_status(state: State<'_, AppState>, args: SetTenderStatusArgs) -> Result<(), CommandError> {
    let SetTenderStatusArgs { tender, status } = args;
    state.store()?.edit_tender(tender, &TenderPatch { status: Some(status), ..Default::default() })?;
    Ok(())
}

/// The arguments of `add_requirement`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AddRequirementArgs {
    pub tender: Uuid,
    pub type_code: Option<String>,
    pub name: Option<String>,
}

/// Adds a requirement: a catalogue document (`type_code`) or a tender-specific deliverable (`name`).
#[tauri::command]
pub fn add_requirement(state: State<'_, AppState>, args: AddRequirementArgs) -> Result<Uuid, CommandError> {
    let AddRequirementArgs { tender, type_code, name } = args;
    let input = tenderwacht_domain::RequirementInput {
        lot_number: None,
        type_code: type_code.filter(|c| !c.is_empty()),
        name: name.unwrap_or_default(),
        max_age: None,
        note: String::new(),
    };
    Ok(state.store()?.add_requirement(tender, &input)?)
}

#[tauri::command]
pub fn remove_requirement(state: State<'_, AppState>, id: Uuid) -> Result<(), CommandError> {
    Ok(state.store()?.remove_requirement(id)?)
}

/// The arguments of `apply_template`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ApplyTemplateArgs {
    pub tender: Uuid,
    pub template: String,
}

/// Adds a template's requirements that the tender does not have yet; returns how many.
#[tauri::command]
pub fn apply_template(state: State<'_, AppState>, args: ApplyTemplateArgs) -> Result<usize, CommandError> {
    let ApplyTemplateArgs { tender, template } = args;
    Ok(state.store()?.apply_template(tender, &template)?)
}

/// The arguments of `link_document`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LinkDocumentArgs {
    pub bid: Uuid,
    pub requirement: Uuid,
    pub member: Option<Uuid>,
    pub document: Option<Uuid>,
}

/// Links a document to a checklist cell (`None` returns to "the newest of the type"). `member` is
/// set when the cell belongs to a member of a bidding cooperative.
#[tauri::command]
pub fn link_document(state: State<'_, AppState>, args: LinkDocumentArgs) -> Result<(), CommandError> {
    let LinkDocumentArgs { bid, requirement, member, document } = args;
    let patch = tenderwacht_domain::BidItemPatch { member_id: member, document_id: Some(document), ..Default::default() };
    Ok(state.store()?.set_bid_item(bid, requirement, &patch)?)
}

/// The arguments of `set_deliverable`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SetDeliverableArgs {
    pub bid: Uuid,
    pub requirement: Uuid,
    pub member: Option<Uuid>,
    pub progress: Option<tenderwacht_domain::DeliverableState>,
    pub not_applicable: bool,
}

/// Sets the progress of a deliverable in a checklist cell, or marks it not applicable.
#[tauri::command]
pub fn set_deliverable(state: State<'_, AppState>, args: SetDeliverableArgs) -> Result<(), CommandError> {
    let SetDeliverableArgs { bid, requirement, member, progress, not_applicable } = args;
    let patch = tenderwacht_domain::BidItemPatch { member_id: member, state: progress, not_applicable: Some(not_applicable), ..Default::default() };
    Ok(state.store()?.set_bid_item(bid, requirement, &patch)?)
}

/// The facts forms ask of a provider (empty ones when none were entered).
#[tauri::command]
pub fn provider_facts(state: State<'_, AppState>, party: Uuid) -> Result<tenderwacht_domain::ProviderFacts, CommandError> {
    Ok(state.store()?.provider_facts(party)?)
}

/// The arguments of `set_provider_facts`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SetProviderFactsArgs {
    pub party: Uuid,
    pub facts: tenderwacht_domain::ProviderFacts,
}

/// Replaces a provider's facts (checked; a wrong one names its field).
#[tauri::command]
pub fn set_provider_facts(state: State<'_, AppState>, args: SetProviderFactsArgs) -> Result<tenderwacht_domain::ProviderFacts, CommandError> {
    Ok(state.store()?.set_provider_facts(args.party, &args.facts)?)
}
