//! Commands from the buyer's documents to the pack: proposals read from the tender's documents,
//! deliverable files (uploaded, or saved in a working copy of the buyer's template and picked up
//! by a watcher), and the buyer's upload rules. Thin: the work is in the core and reading crates.

use crate::events::DeliverableSaved;

use crate::{commands::open::opener_error, error::CommandError, state::AppState};
use serde::Deserialize;
use std::{collections::HashMap, path::PathBuf, time::Duration, time::SystemTime};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_opener::OpenerExt;
use tenderwacht_domain::{time::Period, DeliverableFile, Proposal, ProposalEdit, UploadRules, UploadRulesView};
use tenderwacht_reading::propose::{propose, propose_from_tender, ProposeOutcome, Source};
use tenderwacht_store::{DeliverableCell, Store};
use uuid::Uuid;

/// A deliverable cell as the window names it.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CellArgs {
    pub bid: Uuid,
    pub requirement: Uuid,
    pub member: Option<Uuid>,
}

fn cell(store: &Store, a: &CellArgs) -> Result<DeliverableCell, CommandError> {
    Ok(store.deliverable_cell(a.bid, a.requirement, a.member)?)
}

/// What describes a deliverable file the window uploads (`attach_deliverable`).
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AttachDeliverableMeta {
    pub cell: CellArgs,
    pub file_name: String,
    pub is_final: bool,
}

/// Stores an uploaded file as the next version of a deliverable (final when asked).
#[tauri::command(async)]
pub fn attach_deliverable(request: tauri::ipc::Request<'_>, state: State<'_, AppState>) -> Result<DeliverableFile, CommandError> {
    let upload = crate::upload::Upload::new(&request);
    let AttachDeliverableMeta { cell: args, file_name, is_final } = upload.meta()?;
    let tmp = upload.to_temp_file(&state.data_dir)?;
    let mut store = state.store()?;
    let c = cell(&store, &args)?;
    Ok(store.attach_deliverable_file(c, tmp.path(), Some(&file_name), is_final)?)
}

/// Every version of a bid's deliverable files.
#[tauri::command(async)]
pub fn deliverable_files(state: State<'_, AppState>, bid: Uuid) -> Result<Vec<DeliverableFile>, CommandError> {
    Ok(state.store()?.deliverable_files(bid)?)
}

/// The arguments of `set_deliverable_final`.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SetFinalArgs {
    pub file: Uuid,
    pub is_final: bool,
}

/// Marks a version final (the others of its cell not), or takes the mark away.
#[tauri::command(async)]
pub fn set_deliverable_final(state: State<'_, AppState>, args: SetFinalArgs) -> Result<DeliverableFile, CommandError> {
    Ok(state.store()?.set_deliverable_final(args.file, args.is_final)?)
}

/// Opens a version in the system's program (a copy under its own name).
#[tauri::command(async)]
pub fn open_deliverable_file(app: AppHandle, state: State<'_, AppState>, file: Uuid) -> Result<(), CommandError> {
    let store = state.store()?;
    let f = store.deliverable_file(file)?;
    crate::commands::open::open_stored(&app, &state, &store, &f.sha256, &f.original_name)
}

/// Opens the bid's working copy of the buyer's template in the system's program (made on first
/// use); saving it there makes the next version. Returns its path.
#[tauri::command(async)]
pub fn open_working_copy(app: AppHandle, state: State<'_, AppState>, args: CellArgs) -> Result<String, CommandError> {
    let path = {
        let mut store = state.store()?;
        let c = cell(&store, &args)?;
        // A teammate's template or version may still be in the team folder.
        for sha in store.working_copy_blobs(c)? {
            tenderwacht_team::fetch_blob(&store, &sha)?;
        }
        store.open_working_copy(c)?
    };
    app.opener().open_path(path.display().to_string(), None::<&str>).map_err(opener_error)?;
    Ok(path.display().to_string())
}

/// The arguments of `set_requirement_template`.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SetTemplateArgs {
    pub requirement: Uuid,
    pub document: Option<Uuid>,
}

/// Sets (or clears) the buyer's template of a deliverable.
#[tauri::command(async)]
pub fn set_requirement_template(state: State<'_, AppState>, args: SetTemplateArgs) -> Result<(), CommandError> {
    Ok(state.store()?.set_requirement_template(args.requirement, args.document)?)
}

/// Reads the tender's downloaded documents and stores what they propose.
#[tauri::command(async)]
pub fn propose_requirements(state: State<'_, AppState>, tender: Uuid) -> Result<ProposeOutcome, CommandError> {
    Ok(propose_from_tender(&mut *state.store()?, tender)?)
}

/// What describes a buyer's document the window hands in to read (`propose_from_file`).
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ProposeFromFileMeta {
    pub tender: Uuid,
    pub file_name: String,
}

/// Reads an uploaded document (a leidraad the consultant has on disk) and stores what it proposes.
#[tauri::command(async)]
pub fn propose_from_file(request: tauri::ipc::Request<'_>, state: State<'_, AppState>) -> Result<ProposeOutcome, CommandError> {
    let upload = crate::upload::Upload::new(&request);
    let ProposeFromFileMeta { tender, file_name: name } = upload.meta()?;
    let tmp = upload.to_temp_file(&state.data_dir)?;
    let mut store = state.store()?;
    Ok(propose(&mut store, tender, &[Source::file(name, tmp.path())])?)
}

/// The arguments of `proposals`.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ProposalsArgs {
    pub tender: Uuid,
    pub all: bool,
}

#[tauri::command(async)]
pub fn proposals(state: State<'_, AppState>, args: ProposalsArgs) -> Result<Vec<Proposal>, CommandError> {
    Ok(state.store()?.proposals(args.tender, args.all)?)
}

/// The arguments of `accept_proposal`.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AcceptProposalArgs {
    pub id: Uuid,
    /// `None`: as proposed.
    pub type_code: Option<String>,
    pub name: Option<String>,
    /// A maximum age as typed (`3m`, `90d`), read by the core's one period rule.
    pub max_age: Option<String>,
    pub no_max_age: bool,
    pub note: Option<String>,
    /// Take a document asked by its name into the catalogue as a new type.
    #[serde(default)]
    pub as_new_type: bool,
}

/// Accepts a proposal, as proposed or edited.
#[tauri::command(async)]
pub fn accept_proposal(state: State<'_, AppState>, args: AcceptProposalArgs) -> Result<Proposal, CommandError> {
    let max_age = args.max_age.as_deref().filter(|t| !t.trim().is_empty()).map(|t| Period::parse("maximale ouderdom", t)).transpose()?;
    let edit = ProposalEdit {
        type_code: args.type_code,
        name: args.name,
        max_age,
        no_max_age: args.no_max_age,
        note: args.note,
        as_new_type: args.as_new_type,
    };
    Ok(state.store()?.accept_proposal(args.id, &edit)?)
}

#[tauri::command(async)]
pub fn reject_proposal(state: State<'_, AppState>, id: Uuid) -> Result<Proposal, CommandError> {
    Ok(state.store()?.reject_proposal(id)?)
}

#[tauri::command(async)]
pub fn upload_rules(state: State<'_, AppState>, tender: Uuid) -> Result<UploadRulesView, CommandError> {
    Ok(state.store()?.upload_rules(tender)?.into())
}

/// The arguments of `set_upload_rules`.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SetUploadRulesArgs {
    pub tender: Uuid,
    pub rules: UploadRules,
}

#[tauri::command(async)]
pub fn set_upload_rules(state: State<'_, AppState>, args: SetUploadRulesArgs) -> Result<UploadRulesView, CommandError> {
    Ok(state.store()?.set_upload_rules(args.tender, args.rules)?.into())
}

/// How often the working copies are looked at (a stat of each; hashed only when one changed).
const WATCH_EVERY: Duration = Duration::from_secs(2);

/// Watches the working copies: when one was saved (its time or size changed), the store keeps it
/// as the next version and the window hears `deliverable-saved`.
pub fn watch_working_copies(app: AppHandle) {
    std::thread::spawn(move || {
        let Some(dir) = app.try_state::<AppState>().map(|s| s.data_dir.clone()) else { return };
        let mut seen: HashMap<PathBuf, (SystemTime, u64)> = HashMap::new();
        // One connection for the watcher's life, opened again after a failure or a restore.
        let mut store: Option<(Store, u64)> = None;
        loop {
            std::thread::sleep(WATCH_EVERY);
            let generation = app.try_state::<AppState>().map(|s| s.restored.load(std::sync::atomic::Ordering::SeqCst)).unwrap_or(0);
            if store.as_ref().is_none_or(|(_, g)| *g != generation) {
                store = Store::open(&dir).ok().map(|s| (s, generation));
            }
            let Some((store, _)) = store.as_mut() else { continue };
            let Ok(copies) = store.working_copies() else { continue };
            let mut changed = false;
            for c in copies.iter().filter(|c| c.present) {
                let path = PathBuf::from(&c.path);
                let Ok(meta) = std::fs::metadata(&path) else { continue };
                let stamp = (meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len());
                if seen.insert(path, stamp) != Some(stamp) {
                    changed = true;
                }
            }
            if !changed {
                continue;
            }
            match store.collect_working_copies() {
                Ok(files) if !files.is_empty() => {
                    crate::events::send(&app, DeliverableSaved { files });
                }
                Ok(_) => {}
                Err(e) => eprintln!("tenderwacht: werkkopie niet opgeslagen: {e}"),
            }
        }
    });
}
