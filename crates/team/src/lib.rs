//! Three laptops, one truth, without a server: each laptop's changes (SQLite changesets recorded
//! by the store) travel as immutable, encrypted files through a folder the team already shares
//! (OneDrive, SharePoint, Syncthing, a network share), with a starting snapshot for a laptop that
//! joins and content-addressed document files fetched when first needed. Knows nothing of Tauri.

pub mod crypt;
pub mod epoch;
pub mod erase;
pub mod error;
pub mod fetch;
pub mod files;
pub mod folder;
pub mod keychain;
pub mod ops;
pub mod places;
pub mod records;
pub mod renew;
pub mod setup;

pub use crypt::TeamKey;
pub use erase::{erase_at, ErasureReport, HORIZON_DAYS};
pub use error::{Result, TeamError};
pub use fetch::{fetch_blob, fetch_for_packs, fetch_missing_blobs};
pub use ops::{key, status, sync, SyncReport, TeamStatus, WaitingFile};
pub use places::{suggested_folders, FolderSuggestion};
pub use renew::{enter_key, find_device, leave, renew_key, LeaveReport};
pub use setup::{default_device_name, init, join};
