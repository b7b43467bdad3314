//! The Tenderwacht desktop shell: opens the data folder, hands the store to the commands and shows
//! the Dutch UI from `ui/dist`. The only crate that knows Tauri; all work happens in the core.

// The command list, for the test that keeps the handler and the window to it (build.rs uses it too).
#[cfg(test)]
mod command_list;
mod commands;
mod contracts;
mod deliverables;
mod edit;
mod error;
mod events;
mod exports;
mod figures;
mod open;
mod sources;
mod state;
mod team;
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
        return figures::run_trivial();
    }
    let dir = datadir::resolve(opts.data_dir.as_deref())?;
    let mut store = Store::open(&dir)?;
    store.set_today(opts.today.as_deref().map(|t| time::parse_date("--today", t)).transpose()?);
    exports::daily_backup(dir.clone());
    let (notify_dir, notify_today) = (dir.clone(), store.today());
    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .setup(move |app| {
            team::start_background(app.handle().clone());
            deliverables::watch_working_copies(app.handle().clone());
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
            commands::agenda,
            commands::store_info,
            commands::tenders,
            commands::tender_detail,
            commands::mark_seen,
            commands::changed_tenders,
            commands::sources,
            commands::sync_reports,
            sources::save_source,
            sources::set_source_enabled,
            sources::remove_source,
            sources::preview_source,
            commands::sync_now,
            commands::providers,
            commands::provider_detail,
            commands::checklist,
            commands::profiles,
            edit::save_profile,
            edit::remove_profile,
            edit::document_types,
            edit::requirement_templates,
            edit::add_provider,
            edit::add_document,
            edit::guess_document,
            edit::add_tender,
            edit::add_bid,
            edit::move_closing,
            edit::add_milestone,
            edit::move_milestone,
            edit::remove_milestone,
            edit::set_tender_status,
            edit::add_requirement,
            edit::remove_requirement,
            edit::apply_template,
            edit::link_document,
            edit::set_deliverable,
            exports::export_packs,
            exports::request_list,
            exports::save_request_lists,
            exports::save_fact_sheet,
            edit::provider_facts,
            edit::set_provider_facts,
            exports::export_calendar,
            exports::export_spreadsheet,
            exports::digest_text,
            exports::preview_provider_import,
            exports::import_providers,
            exports::backups,
            exports::backup_now,
            exports::restore_backup,
            commands::expected_retenders,
            contracts::contracts,
            contracts::contract_detail,
            contracts::add_contract,
            contracts::extend_contract,
            contracts::end_contract,
            contracts::add_obligation,
            contracts::add_contract_document,
            contracts::open_contract_document,
            contracts::report_change,
            team::team_status,
            team::team_init,
            team::team_join,
            team::team_sync,
            team::team_conflicts,
            team::resolve_conflict,
            deliverables::attach_deliverable,
            deliverables::deliverable_files,
            deliverables::set_deliverable_final,
            deliverables::open_deliverable_file,
            deliverables::open_working_copy,
            deliverables::set_requirement_template,
            deliverables::propose_requirements,
            deliverables::propose_from_file,
            deliverables::proposals,
            deliverables::accept_proposal,
            deliverables::reject_proposal,
            deliverables::upload_rules,
            deliverables::set_upload_rules,
            open::open_link,
            open::open_tender_document,
            open::open_folder,
            figures::painted,
            figures::figure,
            figures::figures_mode
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
