//! Generates Tauri's context and the permission set of the app's own commands: each command must be
//! allowed explicitly in `capabilities/`, so a new command is not reachable by accident.

const COMMANDS: &[&str] = &[
    "agenda",
    "store_info",
    "tenders",
    "tender_detail",
    "mark_seen",
    "changed_tenders",
    "sources",
    "sync_reports",
    "save_source",
    "set_source_enabled",
    "remove_source",
    "preview_source",
    "sync_now",
    "providers",
    "provider_detail",
    "checklist",
    "profiles",
    "save_profile",
    "remove_profile",
    "document_types",
    "requirement_templates",
    "add_provider",
    "add_document",
    "guess_document",
    "add_tender",
    "add_bid",
    "move_closing",
    "add_milestone",
    "move_milestone",
    "remove_milestone",
    "set_tender_status",
    "add_requirement",
    "remove_requirement",
    "apply_template",
    "link_document",
    "set_deliverable",
    "export_packs",
    "request_list",
    "save_request_lists",
    "export_calendar",
    "export_spreadsheet",
    "digest_text",
    "preview_provider_import",
    "import_providers",
    "backups",
    "backup_now",
    "restore_backup",
    "open_link",
    "open_tender_document",
    "open_folder",
    "painted",
    "figure",
    "figures_mode",
];

fn main() {
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        // Build scripts report failure by panicking; say what broke.
        panic!("tauri-build failed: {e:#}");
    }
}
