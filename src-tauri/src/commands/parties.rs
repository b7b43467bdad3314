//! Providers and cooperatives in the window: the list, one party with its library, a new
//! provider, and the facts forms ask.

use crate::{error::CommandError, state::AppState};
use tauri::State;
use tenderwacht_domain::{Party, PartyInput, PartyPatch, RemovalImpact};
use tenderwacht_store::PartyDetail;
use uuid::Uuid;

/// Providers and cooperatives, by name.
#[tauri::command(async)]
pub fn providers(state: State<'_, AppState>) -> Result<Vec<Party>, CommandError> {
    Ok(state.store()?.parties(None)?)
}

/// A provider or cooperative with its document library, bids and memberships.
#[tauri::command(async)]
pub fn provider_detail(state: State<'_, AppState>, id: Uuid) -> Result<PartyDetail, CommandError> {
    Ok(state.store()?.party_detail(id)?)
}

#[tauri::command(async)]
pub fn add_provider(state: State<'_, AppState>, input: PartyInput) -> Result<Uuid, CommandError> {
    Ok(state.store()?.add_provider(&input)?)
}

/// The facts forms ask of a provider (empty ones when none were entered).
#[tauri::command(async)]
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
#[tauri::command(async)]
pub fn set_provider_facts(state: State<'_, AppState>, args: SetProviderFactsArgs) -> Result<tenderwacht_domain::ProviderFacts, CommandError> {
    Ok(state.store()?.set_provider_facts(args.party, &args.facts)?)
}

/// A new cooperative (it bids as one legal party; its members are providers).
#[tauri::command(async)]
pub fn add_cooperative(state: State<'_, AppState>, input: PartyInput) -> Result<Uuid, CommandError> {
    Ok(state.store()?.add_cooperative(&input)?)
}

/// The arguments of `edit_party`, as the window sends them (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EditPartyArgs {
    pub id: Uuid,
    pub patch: PartyPatch,
}

/// Corrects a provider's or cooperative's fields (checked; a KvK number another has names it).
#[tauri::command(async)]
pub fn edit_party(state: State<'_, AppState>, args: EditPartyArgs) -> Result<Party, CommandError> {
    Ok(state.store()?.edit_party(args.id, &args.patch)?)
}

/// What removing a provider or cooperative would take along, or why it cannot be removed.
#[tauri::command(async)]
pub fn party_removal(state: State<'_, AppState>, id: Uuid) -> Result<RemovalImpact, CommandError> {
    Ok(state.store()?.party_removal(id)?)
}

#[tauri::command(async)]
pub fn remove_party(state: State<'_, AppState>, id: Uuid) -> Result<RemovalImpact, CommandError> {
    Ok(state.store()?.remove_party(id)?)
}

/// The arguments of `add_member` and `remove_member` (TypeScript type generated).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MemberArgs {
    pub cooperative: Uuid,
    pub provider: Uuid,
}

#[tauri::command(async)]
pub fn add_member(state: State<'_, AppState>, args: MemberArgs) -> Result<(), CommandError> {
    Ok(state.store()?.add_member(args.cooperative, args.provider)?)
}

#[tauri::command(async)]
pub fn remove_member(state: State<'_, AppState>, args: MemberArgs) -> Result<(), CommandError> {
    Ok(state.store()?.remove_member(args.cooperative, args.provider)?)
}
