//! The Contracten screen's commands: list with filters, one contract with its obligations judged
//! today, register one from a won tender, extend, end, add an obligation or report a change, and
//! the contract's own files.

use crate::{error::CommandError, state::AppState};
use serde::Serialize;
use tauri::State;
use tenderwacht_domain::{
    time::parse_date, time::Period, CareDomain, Contract, ContractDocument, ContractDocumentKind, ContractInput, ContractProduct, ObligationRule,
};
use tenderwacht_store::{ContractFilter, ObligationView, StoreError};
use uuid::Uuid;

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

#[tauri::command(async)]
pub fn contracts(state: State<'_, AppState>, filter: ContractFilter) -> Result<Vec<ContractRow>, CommandError> {
    let store = state.store()?;
    let mut open_by_contract: std::collections::HashMap<Uuid, usize> = std::collections::HashMap::new();
    for v in store.obligation_views(&filter)?.iter().filter(|v| v.judged.status.is_problem()) {
        *open_by_contract.entry(v.contract_id).or_default() += 1;
    }
    Ok(store
        .contracts(&filter)?
        .into_iter()
        .map(|c| {
            let open = open_by_contract.get(&c.id).copied().unwrap_or(0);
            ContractRow {
                notice_deadline: tenderwacht_domain::contract::notice_deadline(&c),
                open_obligations: u32::try_from(open).unwrap_or(u32::MAX),
                contract: c,
            }
        })
        .collect())
}

#[tauri::command(async)]
pub fn contract_detail(state: State<'_, AppState>, id: Uuid) -> Result<ContractDetail, CommandError> {
    let store = state.store()?;
    let contract = store.contract(id)?;
    let obligations = store.contract_obligations(id)?;
    Ok(ContractDetail { notice_deadline: tenderwacht_domain::contract::notice_deadline(&contract), contract, obligations })
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
    /// Lots or products, "45A04: Begeleiding individueel" (code optional).
    pub products: Vec<String>,
}

#[tauri::command(async)]
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
        products: args.products.iter().filter(|p| !p.trim().is_empty()).map(|p| ContractProduct::parse(p)).collect::<Result<_, _>>()?,
    };
    Ok(state.store()?.add_contract(&input)?)
}

#[tauri::command(async)]
pub fn extend_contract(state: State<'_, AppState>, id: Uuid) -> Result<Contract, CommandError> {
    Ok(state.store()?.extend_contract(id)?)
}

#[tauri::command(async)]
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

#[tauri::command(async)]
pub fn add_obligation(state: State<'_, AppState>, args: AddObligationArgs) -> Result<Uuid, CommandError> {
    Ok(state.store()?.add_obligation(args.contract, &args.type_code, args.rule, "")?)
}

/// What describes a contract's own file the window uploads (`add_contract_document`).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AddContractDocumentMeta {
    pub contract: Uuid,
    pub kind: ContractDocumentKind,
    pub signed: Option<chrono::NaiveDate>,
    pub file_name: String,
}

/// Stores one of the contract's own files (the signed agreement, an addendum), sent as raw bytes.
#[tauri::command(async)]
pub fn add_contract_document(request: tauri::ipc::Request<'_>, state: State<'_, AppState>) -> Result<ContractDocument, CommandError> {
    let upload = crate::upload::Upload::new(&request);
    let AddContractDocumentMeta { contract, kind, signed, file_name: name } = upload.meta()?;
    let tmp = upload.to_temp_file(&state.data_dir)?;
    Ok(state.store()?.add_contract_document(contract, kind, tmp.path(), Some(&name), signed)?)
}

/// Opens one of the contract's own files in the system's program.
#[tauri::command(async)]
pub fn open_contract_document(app: tauri::AppHandle, state: State<'_, AppState>, args: OpenContractDocumentArgs) -> Result<(), CommandError> {
    let store = state.store()?;
    let doc = store
        .contract(args.contract)?
        .documents
        .into_iter()
        .find(|d| d.id == args.document)
        .ok_or_else(|| StoreError::NotFound { what: "contractdocument", key: args.document.to_string() })?;
    crate::commands::open::open_stored(&app, &state, &store, &doc.sha256, &doc.original_name)
}

/// The arguments of `open_contract_document`.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct OpenContractDocumentArgs {
    pub contract: Uuid,
    pub document: Uuid,
}

/// The arguments of `report_change`.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportChangeArgs {
    pub obligation: Uuid,
    /// YYYY-MM-DD
    pub on: String,
}

/// Records a change (new staff, a new location) for an "after a change" obligation.
#[tauri::command(async)]
pub fn report_change(state: State<'_, AppState>, args: ReportChangeArgs) -> Result<(), CommandError> {
    Ok(state.store()?.report_change(args.obligation, parse_date("wijziging", &args.on)?)?)
}
