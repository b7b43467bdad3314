//! The Tenderwacht desktop shell: opens the data folder, hands the store to the commands and shows
//! the Dutch UI from `ui/dist`. The only crate that knows Tauri; all work happens in the core.

// The command list, for the test that keeps the handler and the window to it (build.rs uses it too).
#[cfg(test)]
mod command_list;
mod commands;
mod error;
mod events;
mod state;
pub mod update;
mod upload;

pub use error::StartError;
use std::path::PathBuf;
use tenderwacht_domain::time;
use tenderwacht_store::{datadir, Store};

/// Options from the command line: `--data-dir PATH` and `--today YYYY-MM-DD`, as in the CLI
/// (with the same environment variables).
#[derive(Debug, Default)]
struct Options {
    data_dir: Option<PathBuf>,
    today: Option<String>,
    /// Show an empty window instead of the app (for `scripts/figures.py`).
    trivial: bool,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Options, StartError> {
    let mut opts = Options { today: std::env::var("TENDERWACHT_TODAY").ok().filter(|s| !s.is_empty()), ..Default::default() };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next()).ok_or_else(|| StartError::Args(format!("{key} mist een waarde")));
        match key.as_str() {
            "--data-dir" => opts.data_dir = Some(PathBuf::from(value()?)),
            "--today" => opts.today = Some(value()?),
            "--trivial-window" => opts.trivial = true,
            other => return Err(StartError::Args(format!("onbekende optie {other}; gebruik --data-dir PAD of --today JJJJ-MM-DD"))),
        }
    }
    Ok(opts)
}

/// Opens the store (creating an empty one on first start) and runs the window until it closes.
pub fn run() -> Result<(), StartError> {
    let opts = parse_args(std::env::args().skip(1))?;
    if opts.trivial {
        #[cfg(feature = "figures")]
        return commands::figures::run_trivial();
        #[cfg(not(feature = "figures"))]
        return Err(StartError::Args("--trivial-window bestaat alleen in een meetversie (cargo build --features figures)".into()));
    }
    let dir = datadir::resolve(opts.data_dir.as_deref())?;
    let mut store = Store::open(&dir)?;
    store.set_today(opts.today.as_deref().map(|t| time::parse_date("--today", t)).transpose()?);
    commands::exports::daily_backup(dir.clone());
    let (notify_dir, notify_today) = (dir.clone(), store.today());
    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(update::Pending::default())
        .setup(move |app| {
            // While the webview starts (about 0.4 s), the store makes what the first screen asks
            // for: the Overzicht's agenda and changed tenders are then answered from its cache.
            let warm = app.handle().clone();
            std::thread::spawn(move || {
                if let Some(state) = tauri::Manager::try_state::<state::AppState>(&warm) {
                    if let Ok(store) = state.store() {
                        let _ = store.agenda(&tenderwacht_domain::agenda::AgendaFilter::around(store.today(), 28));
                    }
                }
            });
            commands::team::start_background(app.handle().clone());
            commands::updates::look_at_start(app.handle().clone());
            commands::deliverables::watch_working_copies(app.handle().clone());
            // Announce what is due once the window is up, off the main thread.
            let handle = app.handle().clone();
            let (dir, today) = (notify_dir, notify_today);
            // A few seconds after start, so the first paint does not share the CPU with it.
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_secs(5));
                events::notify_due(&handle, &dir, today);
            });
            Ok(())
        })
        .manage(state::AppState::new(store))
        .invoke_handler(tauri::generate_handler![
            commands::reports::agenda,
            commands::reports::agenda_groups,
            commands::reports::store_info,
            commands::tenders::tenders,
            commands::tenders::tender_detail,
            commands::tenders::mark_seen,
            commands::reports::changed_tenders,
            commands::sources::sources,
            commands::sources::sync_reports,
            commands::sources::save_source,
            commands::sources::set_source_enabled,
            commands::sources::remove_source,
            commands::sources::preview_source,
            commands::sources::sync_now,
            commands::parties::providers,
            commands::parties::provider_detail,
            commands::bids::checklist,
            commands::sources::profiles,
            commands::sources::save_profile,
            commands::sources::remove_profile,
            commands::documents::document_types,
            commands::documents::set_type_words,
            commands::tenders::requirement_templates,
            commands::parties::add_provider,
            commands::documents::add_document,
            commands::documents::guess_document,
            commands::intake::intake_upload,
            commands::intake::intake_list,
            commands::intake::confirm_intake,
            commands::intake::discard_intake,
            commands::tenders::add_tender,
            commands::bids::add_bid,
            commands::tenders::move_closing,
            commands::tenders::add_milestone,
            commands::tenders::move_milestone,
            commands::tenders::remove_milestone,
            commands::tenders::set_tender_status,
            commands::tenders::add_requirement,
            commands::tenders::remove_requirement,
            commands::tenders::edit_requirement,
            commands::parties::add_cooperative,
            commands::parties::edit_party,
            commands::parties::party_removal,
            commands::parties::remove_party,
            commands::parties::add_member,
            commands::parties::remove_member,
            commands::documents::edit_document,
            commands::documents::document_removal,
            commands::documents::remove_document,
            commands::sources::import_portal_file,
            commands::exports::kept_copies,
            commands::exports::restore_kept,
            commands::tenders::apply_template,
            commands::bids::link_document,
            commands::bids::set_deliverable,
            commands::exports::export_packs,
            commands::exports::request_list,
            commands::exports::save_request_lists,
            commands::exports::save_fact_sheet,
            commands::parties::provider_facts,
            commands::parties::set_provider_facts,
            commands::exports::export_calendar,
            commands::exports::export_spreadsheet,
            commands::exports::digest_text,
            commands::exports::preview_provider_import,
            commands::exports::import_providers,
            commands::exports::backups,
            commands::exports::backup_now,
            commands::exports::restore_backup,
            commands::reports::expected_retenders,
            commands::contracts::contracts,
            commands::contracts::contract_detail,
            commands::contracts::add_contract,
            commands::contracts::extend_contract,
            commands::contracts::end_contract,
            commands::contracts::add_obligation,
            commands::contracts::add_contract_document,
            commands::contracts::open_contract_document,
            commands::contracts::report_change,
            commands::team::team_status,
            commands::team::team_folder_suggestions,
            commands::team::team_init,
            commands::team::team_key,
            commands::team::team_join,
            commands::team::team_sync,
            commands::team::team_conflicts,
            commands::team::team_remove_device,
            commands::team::team_rotate_key,
            commands::team::team_enter_key,
            commands::team::team_leave,
            commands::team::resolve_conflict,
            commands::deliverables::attach_deliverable,
            commands::deliverables::deliverable_files,
            commands::deliverables::set_deliverable_final,
            commands::deliverables::open_deliverable_file,
            commands::deliverables::open_working_copy,
            commands::deliverables::set_requirement_template,
            commands::deliverables::propose_requirements,
            commands::deliverables::propose_from_file,
            commands::deliverables::proposals,
            commands::deliverables::accept_proposal,
            commands::deliverables::reject_proposal,
            commands::deliverables::upload_rules,
            commands::deliverables::set_upload_rules,
            commands::updates::update_choice,
            commands::updates::set_update_choice,
            commands::updates::check_update,
            commands::updates::install_update,
            commands::open::open_link,
            commands::open::open_tender_document,
            commands::open::open_folder,
            commands::figures::painted,
            commands::figures::figure,
            commands::figures::figures_mode
        ])
        .run(tauri::generate_context!())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command list is written once (`command_list.rs`); the handler and the window's API
    /// must name exactly those commands.
    #[test]
    fn every_command_is_registered_and_called_by_name() {
        let listed: std::collections::BTreeSet<&str> = command_list::COMMANDS.iter().copied().collect();
        let lib = include_str!("lib.rs");
        let start = lib.find("generate_handler![").map(|i| i + "generate_handler![".len()).unwrap_or(0);
        let block = &lib[start..start + lib[start..].find(']').unwrap_or(0)];
        let handled: std::collections::BTreeSet<&str> =
            block.split(',').map(|s| s.trim()).filter(|s| !s.is_empty()).map(|s| s.rsplit("::").next().unwrap_or(s)).collect();
        assert_eq!(handled, listed, "generate_handler! in lib.rs and command_list.rs differ");
        let api = include_str!("../../ui/src/lib/api.ts");
        let called: std::collections::BTreeSet<&str> = api.split("invoke<").skip(1).filter_map(|s| s.split('"').nth(1)).collect();
        assert_eq!(called, listed, "ui/src/lib/api.ts and command_list.rs differ");
    }

    #[test]
    fn options() {
        let o = parse_args(["--data-dir", "/tmp/x", "--today=2026-11-23"].into_iter().map(String::from)).unwrap();
        assert_eq!(o.data_dir, Some(PathBuf::from("/tmp/x")));
        assert_eq!(o.today.as_deref(), Some("2026-11-23"));
        assert!(parse_args(["--data-dir"].into_iter().map(String::from)).is_err());
        assert!(parse_args(["--verbose"].into_iter().map(String::from)).is_err());
    }
}
