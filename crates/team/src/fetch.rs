//! Fetching a teammate's document file from the shared folder when it is first needed (for a
//! pack, a backup, or opening it), sealed with whichever key generation it was sent under.

use crate::epoch::{key_of, keyring_of, Keyring};
use crate::error::Result;
use crate::files::{self, FileKind};
use crate::folder::Folder;
use crate::records::epoch_of;
use std::path::Path;
use tenderwacht_store::Store;

/// Makes sure a document file is here, fetching it from the team folder when a teammate added
/// it; false when it has not arrived there yet ("wordt opgehaald").
pub fn fetch_blob(store: &Store, sha256: &str) -> Result<bool> {
    if store.blobs().exists(sha256) {
        return Ok(true);
    }
    let Some(m) = store.membership()? else { return Ok(false) };
    let folder = Folder::new(Path::new(&m.folder));
    if folder.reachable().is_err() {
        return Ok(false);
    }
    // With a key renewed elsewhere the file may still be sealed with this laptop's key.
    let keys = keyring_of(&m, &folder).map_or_else(|_| key_of(&m).map(|k| Keyring::load(&folder, k, epoch_of(&m))), Ok)?;
    for key in keys.newest_first() {
        match files::read(&folder.blob_file(&key.blob_name(sha256)), &keys) {
            Ok((h, bytes)) if h.kind == FileKind::Blob && h.team_id == m.team_id => {
                store.blobs().put_bytes(sha256, &bytes)?;
                return Ok(true);
            }
            _ => {}
        }
    }
    Ok(false)
}

/// Fetches every document file this store references but does not hold (before a submission
/// pack or a backup needs them); returns how many arrived and how many are still on their way.
/// Fetches from the team folder the files the packs of these bids can hold and this laptop lacks
/// (only those: not every missing file of the store); returns (fetched, still missing). Both
/// shells call this before making packs.
pub fn fetch_for_packs(store: &Store, bids: &[uuid::Uuid]) -> Result<(usize, usize)> {
    fetch_each(store, store.files_for_packs(bids)?)
}

fn fetch_each(store: &Store, shas: impl IntoIterator<Item = String>) -> Result<(usize, usize)> {
    let (mut fetched, mut missing) = (0, 0);
    for sha in shas {
        if store.blobs().exists(&sha) {
            continue;
        }
        if fetch_blob(store, &sha)? {
            fetched += 1;
        } else {
            missing += 1;
        }
    }
    Ok((fetched, missing))
}

pub fn fetch_missing_blobs(store: &Store) -> Result<(usize, usize)> {
    fetch_each(store, store.blob_list()?.into_iter().map(|(sha, _)| sha))
}
