//! The app's shared state: one open store behind a mutex, so commands never hold two
//! connections that could disagree.

use crate::error::CommandError;
use std::sync::{Mutex, MutexGuard};
use tenderwacht_core::Store;

pub struct AppState {
    store: Mutex<Store>,
}

impl AppState {
    pub fn new(store: Store) -> Self {
        Self { store: Mutex::new(store) }
    }

    pub fn store(&self) -> Result<MutexGuard<'_, Store>, CommandError> {
        self.store.lock().map_err(|_| CommandError::Unavailable)
    }
}
