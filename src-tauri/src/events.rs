//! Typed events from background work to the window, and the background sync that sends them.
//! Every event is named once, in [`window_events!`]'s table with its payload type: the shell
//! sends it with [`send`], and `ui/src/lib/bindings/events.ts` (the window's listen helpers) is
//! generated from the same table, so a renamed event or payload fails `tsc`.

use crate::state::AppState;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use tauri::{AppHandle, Emitter, Manager};
use tenderwacht_sources::sync::{Progress, SyncOptions, SyncReport};
use tenderwacht_sources::Syncer;

/// A payload the window listens for, under its event name.
pub trait WindowEvent: Serialize + Clone {
    const NAME: &'static str;
}

/// Sends an event to every window; a window that is gone misses it (nothing to do about it).
pub fn send<E: WindowEvent>(app: &AppHandle, payload: E) {
    let _ = app.emit(E::NAME, payload);
}

/// The table of events: listen helper, event name, payload type (a ts-rs binding).
macro_rules! window_events {
    ($($helper:ident: $name:literal => $payload:ty as $ts:literal),* $(,)?) => {
        $(impl WindowEvent for $payload { const NAME: &'static str = $name; })*

        /// The window's listen helpers, as TypeScript (written by a test next to the bindings).
        #[cfg(test)]
        pub fn typescript() -> String {
            let mut out = String::from("// Generated from src-tauri/src/events.rs by `cargo test`; do not edit.\n");
            out.push_str("import { listen, type UnlistenFn } from \"@tauri-apps/api/event\";\n");
            $(out.push_str(&format!("import type {{ {0} }} from \"./{0}\";\n", $ts));)*
            out.push_str("\nexport const events = {\n");
            $(out.push_str(&format!(
                "  {}: (f: (payload: {1}) => void): Promise<UnlistenFn> => listen<{1}>(\"{2}\", (e) => f(e.payload)),\n",
                stringify!($helper), $ts, $name
            ));)*
            out.push_str("};\n");
            out
        }
    };
}

window_events! {
    onSyncProgress: "sync-progress" => Progress as "Progress",
    onSyncFinished: "sync-finished" => SyncFinished as "SyncFinished",
    onTeamSynced: "team-synced" => TeamSynced as "TeamSynced",
    onDeliverableSaved: "deliverable-saved" => DeliverableSaved as "DeliverableSaved",
    onExportProgress: "export-progress" => ExportProgress as "ExportProgress",
    onUpdateFound: "update-found" => UpdateFound as "UpdateFound",
}

/// The payload of `update-found`: the start-up look found an update to offer.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct UpdateFound {
    pub check: crate::update::UpdateCheck,
}

/// The payload of `sync-finished`.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SyncFinished {
    pub reports: Vec<SyncReport>,
    /// Set when the sync could not run at all (the store failed).
    pub error: Option<tenderwacht_domain::ErrorBody>,
}

/// The payload of `team-synced`: the state after a round, and its report or why it did not run.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamSynced {
    pub status: Option<tenderwacht_team::TeamStatus>,
    pub report: Option<tenderwacht_team::SyncReport>,
    pub error: Option<tenderwacht_domain::ErrorBody>,
}

/// The payload of `deliverable-saved`: a save in a working copy became a new version.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DeliverableSaved {
    pub files: Vec<tenderwacht_domain::DeliverableFile>,
}

/// Progress of a longer export, for the status line.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ExportProgress {
    pub label: String,
    pub done: u32,
    pub total: u32,
}

/// Runs a sync on its own connection and reports through events.
pub fn run_sync(app: AppHandle, data_dir: PathBuf, today: chrono::NaiveDate) {
    let result = (|| -> Result<Vec<SyncReport>, crate::error::CommandError> {
        let mut store = tenderwacht_store::Store::open(&data_dir)?;
        store.set_today(Some(today));
        let profiles = store.profiles()?;
        let started = chrono::Utc::now();
        let mut syncer = Syncer::new(&mut store, profiles, SyncOptions::default())?;
        let reports = syncer.sync_all(None, &mut |p: &Progress| {
            send(&app, p.clone());
        })?;
        drop(syncer);
        // New documents (a leidraad, a nota van inlichtingen) are read for proposals right away;
        // the tender detail shows them as changes to accept.
        tenderwacht_reading::propose::propose_downloaded_since(&mut store, started)?;
        Ok(reports)
    })();
    let payload = match result {
        Ok(reports) => SyncFinished { reports, error: None },
        Err(e) => SyncFinished { reports: vec![], error: Some(e.body()) },
    };
    send(&app, payload);
    notify_due(&app, &data_dir, today);
    if let Some(state) = app.try_state::<AppState>() {
        state.syncing.store(false, Ordering::SeqCst);
    }
}

/// Shows a desktop notification for each action due today or tomorrow and each changed tender
/// not announced before, and remembers them (once per item). A notification that cannot be shown
/// (no notification service) is tried again next time.
pub fn notify_due(app: &AppHandle, data_dir: &std::path::Path, today: chrono::NaiveDate) {
    use tauri_plugin_notification::NotificationExt;
    let result = (|| -> Result<(), tenderwacht_store::StoreError> {
        let mut store = tenderwacht_store::Store::open(data_dir)?;
        store.set_today(Some(today));
        let mut shown = vec![];
        for n in store.due_notifications()? {
            match app.notification().builder().title(&n.title).body(&n.body).show() {
                Ok(()) => shown.push(n.key),
                Err(e) => {
                    eprintln!("tenderwacht: melding niet getoond: {e}");
                    break;
                }
            }
        }
        store.mark_notified(&shown)
    })();
    if let Err(e) = result {
        eprintln!("tenderwacht: meldingen: {e}");
    }
}

#[cfg(test)]
mod tests {
    /// Writes the listen helpers next to the type bindings (the test command fails when stale).
    #[test]
    fn export_events_ts() {
        let dir = std::env::var("TS_RS_EXPORT_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| "ui/src/lib/bindings".into());
        let dir = if dir.is_absolute() { dir } else { std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir) };
        let text = super::typescript();
        assert!(text.contains("onSyncFinished: (f: (payload: SyncFinished) => void)"), "{text}");
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("events.ts"), text).unwrap_or_else(|e| panic!("{e}"));
    }
}
