//! The Contracten screen's commands: list with filters, one contract with its obligations judged
//! today, register one from a won tender, extend, end, and add an obligation.

use crate::error::CommandError;
use crate::state::AppState;
use serde::Serialize;
use tauri::State;
use tenderwacht_core::domain::{CareDomain, Contract, ContractInput, ObligationRule};
use tenderwacht_core::store::{ContractFilter, ObligationView};
use tenderwacht_core::time::{parse_date, Period};
use uuid::Uuid;

/// The contract list's filters as the window sends them.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ContractQuery {
    pub party: Option<Uuid>,
    pub municipality: Option<String>,
    pub domain: Option<CareDomain>,
    /// Only contracts ending within this many months.
    pub ending_within_months: Option<u32>,
    pub include_ended: bool,
}

/// A contract in the list: the contract and how many of its obligations need action.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ContractRow {
    pub contract: Contract,
    pub open_obligations: u32,
    pub notice_deadline: Option<chrono::NaiveDate>,
}

/// One contract with its obligations judged today.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ContractDetail {
    pub contract: Contract,
    pub notice_deadline: Option<chrono::NaiveDate>,
    pub obligations: Vec<ObligationView>,
}

#[tauri::command]
pub fn contracts(state: State<'_, AppState>, query: ContractQuery) -> Result<Vec<ContractRow>, CommandError> {
    let store = state.store()?;
    let filter = ContractFilter {
        party: query.party,
        municipality: query.municipality.filter(|m| !m.trim().is_empty()),
        domain: query.domain,
        ending_within: query.ending_within_months.map(Period::months),
        include_ended: query.include_ended,
    };
    let views = store.obligation_views(&filter)?;
    Ok(store
        .contracts(&filter)?
        .into_iter()
        .map(|c| {
            let open = views.iter().filter(|v| v.contract_id == c.id && v.judged.status.is_problem()).count();
            ContractRow {
                notice_deadline: tenderwacht_core::contract::notice_deadline(&c),
                open_obligations: u32::try_from(open).unwrap_or(u32::MAX),
                contract: c,
            }
        })
        .collect())
}

#[tauri::command]
pub fn contract_detail(state: State<'_, AppState>, id: Uuid) -> Result<ContractDetail, CommandError> {
    let store = state.store()?;
    let contract = store.contract(id)?;
    let obligations = store.contract_obligations(id)?;
    Ok(ContractDetail { notice_deadline: tenderwacht_core::contract::notice_deadline(&contract), contract, obligations })
}

/// The arguments of `add_contract`, as the window sends them (dates as typed, YYYY-MM-DD;
/// periods as `12m`, `3m`).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AddContractArgs {
    pub tender: Option<Uuid>,
    pub party: Uuid,
    pub buyer: String,
    pub domain: CareDomain,
    pub municipalities: Vec<String>,
    pub start: String,
    pub end: String,
    pub extensions: u32,
    pub extension_length: Option<String>,
    pub notice: Option<String>,
}

#[tauri::command]
pub fn add_contract(state: State<'_, AppState>, args: AddContractArgs) -> Result<Uuid, CommandError> {
    let period = |field: &str, t: &Option<String>| t.as_deref().filter(|s| !s.trim().is_empty()).map(|s| Period::parse(field, s)).transpose();
    let input = ContractInput {
        title: String::new(),
        party_id: args.party,
        members: vec![],
        buyer: args.buyer,
        municipalities: args.municipalities,
        domain: args.domain,
        start: parse_date("startdatum", &args.start)?,
        end: parse_date("einddatum", &args.end)?,
        extensions: args.extensions,
        extension_length: period("verlenging", &args.extension_length)?,
        notice: period("opzegtermijn", &args.notice)?,
        tender_id: args.tender,
    };
    Ok(state.store()?.add_contract(&input)?)
}

#[tauri::command]
pub fn extend_contract(state: State<'_, AppState>, id: Uuid) -> Result<Contract, CommandError> {
    Ok(state.store()?.extend_contract(id)?)
}

#[tauri::command]
pub fn end_contract(state: State<'_, AppState>, id: Uuid) -> Result<Contract, CommandError> {
    Ok(state.store()?.end_contract(id, None)?)
}

/// The arguments of `add_obligation`, as the window sends them.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AddObligationArgs {
    pub contract: Uuid,
    pub type_code: String,
    pub rule: ObligationRule,
}

#[tauri::command]
pub fn add_obligation(state: State<'_, AppState>, args: AddObligationArgs) -> Result<Uuid, CommandError> {
    Ok(state.store()?.add_obligation(args.contract, &args.type_code, args.rule, "")?)
}
