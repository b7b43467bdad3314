//! The app's shared state: one open store behind a mutex for the screens, and the data folder so
//! a background sync can open its own connection (WAL lets both work at once) instead of holding
//! the screens' lock for minutes.

use crate::error::CommandError;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Mutex, MutexGuard};
use tenderwacht_store::Store;

pub struct AppState {
    store: Mutex<Store>,
    pub data_dir: PathBuf,
    /// True while a sync runs; a second "Nu synchroniseren" is refused.
    pub syncing: AtomicBool,
    /// Bumped when a backup replaced the database: a long-lived background connection (the
    /// working-copy watcher) opens the store again instead of writing to the file set aside.
    pub restored: AtomicU64,
}

impl AppState {
    pub fn new(store: Store) -> Self {
        let data_dir = store.data_dir().to_path_buf();
        Self { store: Mutex::new(store), data_dir, syncing: AtomicBool::new(false), restored: AtomicU64::new(0) }
    }

    pub fn store(&self) -> Result<MutexGuard<'_, Store>, CommandError> {
        self.store.lock().map_err(|_| CommandError::Unavailable)
    }
}
