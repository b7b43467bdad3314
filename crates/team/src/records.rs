//! What this laptop writes into the shared folder about itself and the team: the team file's
//! and device files' contents, the clear header every file carries, and the starting snapshot.

use crate::crypt::TeamKey;
use crate::error::{Result, TeamError};
use crate::files::{self, FileKind, Header};
use crate::folder::Folder;
use serde::{Deserialize, Serialize};
use tenderwacht_domain::team::{sync_schema, Membership};
use tenderwacht_store::Store;

/// What the team file says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct TeamInfo {
    pub(crate) team_id: String,
    pub(crate) name: String,
}

/// What a device file says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DeviceInfo {
    pub(crate) device_id: String,
    pub(crate) name: String,
    pub(crate) schema_version: i64,
    /// Set when the laptop left the team (`team leave`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) left_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Per device, the last of its changes this laptop holds (for erasure: what every laptop
    /// holds may leave the folder).
    #[serde(default)]
    pub(crate) held: std::collections::BTreeMap<String, i64>,
}

pub(crate) fn header(kind: FileKind, m: &Membership, schema_version: i64, seq: i64, hlc: i64) -> Header {
    Header {
        format: files::FORMAT,
        kind,
        team_id: m.team_id.clone(),
        schema_version,
        sync_schema: sync_schema(schema_version),
        device_id: m.device_id.clone(),
        device_name: m.device_name.clone(),
        seq,
        last_seq: seq,
        hlc,
        length: 0,
        sha256: String::new(),
        epoch: epoch_of(m),
    }
}

pub(crate) fn json<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| TeamError::File { name: "json".into(), reason: e.to_string() })
}

/// A clean copy (`VACUUM INTO`: no free pages holding deleted rows), sealed; returns its path.
pub(crate) fn write_snapshot(store: &Store, folder: &Folder, key: &TeamKey, m: &Membership) -> Result<std::path::PathBuf> {
    let tmp_dir = store.data_dir().join("tmp");
    std::fs::create_dir_all(&tmp_dir).map_err(|e| TeamError::io(&tmp_dir, &e))?;
    let scratch = tempfile::tempdir_in(&tmp_dir).map_err(|e| TeamError::io(&tmp_dir, &e))?;
    let copy = scratch.path().join("startpunt.sqlite");
    store.clean_copy_to(&copy)?;
    let bytes = std::fs::read(&copy).map_err(|e| TeamError::io(&copy, &e))?;
    let hlc = chrono::Utc::now().timestamp_millis() << 16;
    let path = folder.snapshot_file(&m.device_id, hlc);
    files::write(&path, key, header(FileKind::Snapshot, m, store.schema_version()?, 0, hlc), &bytes)?;
    Ok(path)
}

/// The generation of the key this laptop holds, as files name it.
pub(crate) fn epoch_of(m: &Membership) -> u32 {
    u32::try_from(m.key_epoch).unwrap_or(1).max(1)
}
