//! A tender in the window: the list and its filters, the detail, changes seen, and every edit of a
//! tender (new, closing moved, milestones, status, requirements, templates). Dates arrive as the
//! user typed them (Dutch time) and are parsed by the domain, so the app and the CLI agree.

use crate::{error::CommandError, state::AppState};
use tauri::State;
use tenderwacht_domain::{
    time::parse_moment, MilestoneKind, Procedure, RequirementTemplate, Tender, TenderDomain, TenderInput, TenderPatch, TenderStatus,
};
use tenderwacht_store::{TenderDetail, TenderFilter};
use uuid::Uuid;

/// The tender list: full-text search when `query` is given, else soonest closing first.
#[tauri::command(async)]
pub fn tenders(state: State<'_, AppState>, filter: TenderFilter) -> Result<Vec<Tender>, CommandError> {
    Ok(state.store()?.tenders(&TenderFilter { limit: Some(500), ..filter })?)
}

#[tauri::command(async)]
pub fn tender_detail(state: State<'_, AppState>, id: Uuid) -> Result<TenderDetail, CommandError> {
    Ok(state.store()?.tender_detail(id)?)
}

/// Marks a tender's changes as seen; returns how many.
#[tauri::command(async)]
pub fn mark_seen(state: State<'_, AppState>, id: Uuid) -> Result<usize, CommandError> {
    Ok(state.store()?.mark_changes_seen(id)?)
}

#[tauri::command(async)]
pub fn requirement_templates(state: State<'_, AppState>) -> Result<Vec<RequirementTemplate>, CommandError> {
    Ok(state.store()?.requirement_templates()?)
}

/// The arguments of `add_tender`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AddTenderArgs {
    pub title: String,
    pub buyer: String,
    pub closing: Option<String>,
    pub template: Option<String>,
    /// The province (empty: none), so a hand-made tender stays in the region filter.
    #[serde(default)]
    pub region: String,
    pub procedure: Option<Procedure>,
    pub domain: Option<TenderDomain>,
    pub status: Option<TenderStatus>,
}

/// Creates a tender with its closing moment and the requirements of a template.
#[tauri::command(async)]
pub fn add_tender(state: State<'_, AppState>, args: AddTenderArgs) -> Result<Uuid, CommandError> {
    let AddTenderArgs { title, buyer, closing, template, region, procedure, domain, status } = args;
    let closing = closing.as_deref().filter(|c| !c.trim().is_empty()).map(|c| parse_moment("sluiting", c)).transpose()?;
    let input = TenderInput {
        title,
        buyer,
        region: region.trim().to_string(),
        municipalities: vec![],
        nuts: vec![],
        cpv: vec![],
        procedure: procedure.unwrap_or(Procedure::Onbekend),
        domain: domain.unwrap_or(TenderDomain::Overig),
        description: String::new(),
        status: status.unwrap_or(TenderStatus::Inschrijven),
        lots: vec![],
        links: vec![],
    };
    let template = template.filter(|t| !t.trim().is_empty());
    Ok(state.store()?.create_tender(&input, closing, template.as_deref())?)
}

/// The arguments of `move_closing`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MoveClosingArgs {
    pub tender: Uuid,
    pub at: String,
}

/// Moves the tender's closing moment (adds one when it has none).
#[tauri::command(async)]
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
#[tauri::command(async)]
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
#[tauri::command(async)]
pub fn move_milestone(state: State<'_, AppState>, args: MoveMilestoneArgs) -> Result<(), CommandError> {
    let MoveMilestoneArgs { id, at } = args;
    let at = parse_moment("datum", &at)?;
    state.store()?.move_milestone(id, at)?;
    Ok(())
}

#[tauri::command(async)]
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

#[tauri::command(async)]
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
#[tauri::command(async)]
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

#[tauri::command(async)]
pub fn remove_requirement(state: State<'_, AppState>, id: Uuid) -> Result<(), CommandError> {
    Ok(state.store()?.remove_requirement(id)?)
}

/// The arguments of `edit_requirement`, as the window sends them (TypeScript type generated):
/// the maximum age as typed ("3 maanden", empty for none), read by the core's period rule.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EditRequirementArgs {
    pub id: Uuid,
    pub name: String,
    pub max_age: String,
    pub note: String,
}

/// Corrects a requirement's maximum age and note (and a deliverable's name).
#[tauri::command(async)]
pub fn edit_requirement(state: State<'_, AppState>, args: EditRequirementArgs) -> Result<tenderwacht_domain::Requirement, CommandError> {
    let max_age = match args.max_age.trim() {
        "" => None,
        text => Some(tenderwacht_domain::time::Period::parse("maximale ouderdom", text)?),
    };
    let edit = tenderwacht_domain::RequirementEdit { name: args.name, max_age, note: args.note };
    Ok(state.store()?.edit_requirement(args.id, &edit)?)
}

/// The arguments of `apply_template`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ApplyTemplateArgs {
    pub tender: Uuid,
    pub template: String,
}

/// Adds a template's requirements that the tender does not have yet; returns how many.
#[tauri::command(async)]
pub fn apply_template(state: State<'_, AppState>, args: ApplyTemplateArgs) -> Result<usize, CommandError> {
    let ApplyTemplateArgs { tender, template } = args;
    Ok(state.store()?.apply_template(tender, &template)?)
}
