//! Typed events from background work to the window, and the background sync that sends them.

use crate::state::AppState;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use tauri::{AppHandle, Emitter, Manager};
use tenderwacht_sources::sync::{Progress, SyncOptions, SyncReport};
use tenderwacht_sources::Syncer;

pub const SYNC_PROGRESS: &str = "sync-progress";
pub const SYNC_FINISHED: &str = "sync-finished";

/// The payload of `sync-finished`.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SyncFinished {
    pub reports: Vec<SyncReport>,
    /// Set when the sync could not run at all (the store failed).
    pub error: Option<crate::error::ErrorInfo>,
}

/// Runs a sync on its own connection and reports through events.
pub fn run_sync(app: AppHandle, data_dir: PathBuf, today: chrono::NaiveDate) {
    let result = (|| -> Result<Vec<SyncReport>, crate::error::CommandError> {
        let mut store = tenderwacht_core::Store::open(&data_dir)?;
        store.set_today(Some(today));
        let profiles = store.profiles()?;
        let started = chrono::Utc::now();
        let mut syncer = Syncer::new(&mut store, profiles, SyncOptions::default())?;
        let reports = syncer.sync_all(None, &mut |p: &Progress| {
            let _ = app.emit(SYNC_PROGRESS, p);
        })?;
        drop(syncer);
        // New documents (a leidraad, a nota van inlichtingen) are read for proposals right away;
        // the tender detail shows them as changes to accept.
        tenderwacht_reading::propose::propose_downloaded_since(&mut store, started)?;
        Ok(reports)
    })();
    let payload = match result {
        Ok(reports) => SyncFinished { reports, error: None },
        Err(e) => SyncFinished { reports: vec![], error: Some((&e).into()) },
    };
    let _ = app.emit(SYNC_FINISHED, payload);
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
    let result = (|| -> Result<(), tenderwacht_core::CoreError> {
        let mut store = tenderwacht_core::Store::open(data_dir)?;
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
