//! A team that changes: a laptop removed (the key renewed without it), the new key entered on
//! the laptops that stay, and a laptop that leaves the team. See `epoch` for how files sealed
//! with an older key are still read, and what is refused.

use crate::crypt::Keys;
use crate::crypt::TeamKey;
use crate::epoch::{key_of, keyring_of};
use crate::epoch::{Keyring, RemovedDevice, Renewal};
use crate::error::{Result, TeamError};
use crate::files::{self, FileKind};
use crate::folder::Folder;
use crate::keychain;
use crate::ops::{sync, SyncReport};
use crate::records::{epoch_of, header, json, DeviceInfo, TeamInfo};
use serde::Serialize;
use std::path::Path;
use tenderwacht_domain::team::{Membership, TeamDevice};
use tenderwacht_store::Store;

/// The teammate a consultant named (by name, or the first characters of its id); this laptop
/// itself and an already removed one are refused with the reason.
pub fn find_device(store: &Store, text: &str) -> Result<TeamDevice> {
    let wanted = text.trim().to_lowercase();
    let devices = store.team_devices()?;
    let hits: Vec<&TeamDevice> = devices
        .iter()
        .filter(|d| d.name.to_lowercase() == wanted || (wanted.len() >= 6 && d.device_id.to_lowercase().starts_with(&wanted)))
        .collect();
    let names = || devices.iter().filter(|d| !d.is_self && d.removed_at.is_none()).map(|d| d.name.clone()).collect::<Vec<_>>().join(", ");
    let device = match hits.as_slice() {
        [one] => (*one).clone(),
        [] => return Err(TeamError::Key(format!("geen laptop '{text}' in het team (wel: {})", names()))),
        _ => return Err(TeamError::Key(format!("meer laptops heten '{text}': geef de eerste tekens van het id (team status --json)"))),
    };
    if device.is_self {
        return Err(TeamError::Key("dit is deze laptop zelf: gebruik team leave om het team te verlaten".into()));
    }
    if device.removed_at.is_some() {
        return Err(TeamError::Key(format!("{} is al uit het team verwijderd", device.name)));
    }
    Ok(device)
}

/// Renews the team key, shutting out the laptops in `remove` (none: only a new key, e.g. after
/// a key was shown to the wrong person). Sends and reads first; returns the new key, to be given
/// to the colleagues who stay. From here on everything is sealed with it.
pub fn renew_key(store: &mut Store, remove: &[TeamDevice]) -> Result<TeamKey> {
    let m = store.membership()?.ok_or(TeamError::NotInTeam)?;
    let folder = Folder::new(Path::new(&m.folder));
    folder.reachable()?;
    sync(store)?;
    let m = store.membership()?.ok_or(TeamError::NotInTeam)?;
    let keys = keyring_of(&m, &folder)?;
    let epoch = keys.epoch() + 1;
    if folder.renewal_file(epoch).exists() {
        return Err(TeamError::File {
            name: format!("keys/{epoch:04}.twt"),
            reason: "een collega vernieuwt de teamsleutel op dit moment ook; synchroniseer en kijk of dat nog nodig is".into(),
        });
    }
    let new = TeamKey::generate();
    let renewal = Renewal {
        epoch,
        previous_key: keys.current().to_hex(),
        by_device: m.device_id.clone(),
        by_name: m.device_name.clone(),
        at: chrono::Utc::now(),
        removed: remove.iter().map(|d| RemovedDevice { device_id: d.device_id.clone(), name: d.name.clone() }).collect(),
        held: store.team_entries_held()?,
    };
    let pending = String::from_utf8(json(&renewal)?).map_err(|e| TeamError::File { name: "vernieuwing".into(), reason: e.to_string() })?;
    store.renew_team_key(&new.to_hex(), i64::from(epoch), Some(&pending))?;
    for d in &renewal.removed {
        store.note_device_removed(&d.device_id, &d.name, renewal.at)?;
    }
    crate::epoch::finish_renewal(store)?;
    sync(store)?;
    Ok(new)
}

/// Takes the team's new key on a laptop that stays: checks that it opens the team in the folder
/// and that the renewals lead back to this laptop's key, sends again what this laptop sealed with
/// the old key after the renewal (the team does not take that), and syncs.
pub fn enter_key(store: &mut Store, key: &TeamKey) -> Result<SyncReport> {
    let m = store.membership()?.ok_or(TeamError::NotInTeam)?;
    let folder = Folder::new(Path::new(&m.folder));
    folder.reachable()?;
    let (h, info) =
        files::read(&folder.team_file(), key).map_err(|_| TeamError::Key("deze sleutel past niet bij het team in de gedeelde map".into()))?;
    let info: TeamInfo = serde_json::from_slice(&info).map_err(|e| TeamError::File { name: "team.twt".into(), reason: e.to_string() })?;
    if info.team_id != m.team_id {
        return Err(TeamError::Key("deze sleutel hoort bij een ander team".into()));
    }
    if h.epoch <= epoch_of(&m) {
        return Err(TeamError::Key("deze laptop heeft deze sleutel al".into()));
    }
    let ring = Keyring::load(&folder, key.clone(), h.epoch);
    let own = key_of(&m)?;
    if ring.for_epoch(epoch_of(&m)) != Some(&own) {
        return Err(TeamError::Key(
            "de vernieuwingen in de gedeelde map sluiten niet aan op de sleutel van deze laptop (nog niet alles binnen?); probeer het straks opnieuw"
                .into(),
        ));
    }
    if let Some(r) = ring.removal_of(&m.device_id) {
        return Err(TeamError::Key(format!(
            "deze laptop is op {} door {} uit het team verwijderd; sluit opnieuw aan met team join (vanuit een lege gegevensmap, of met --vervang)",
            tenderwacht_domain::time::format_moment_nl(r.at),
            r.by_name
        )));
    }
    let held = ring.renewal_after(epoch_of(&m)).and_then(|r| r.held.get(&m.device_id).copied()).unwrap_or(0);
    store.resend_own_entries_after(held)?;
    store.renew_team_key(&key.to_hex(), i64::from(h.epoch), None)?;
    // What this laptop sealed with the old key after the renewal goes again with the new key,
    // under the same names; a file that would not be rewritten goes now.
    for f in folder.own_change_files(&m.device_id) {
        let old = files::read_header(&f.path).is_some_and(|fh| fh.epoch < h.epoch);
        if old && f.last > held {
            std::fs::remove_file(&f.path).map_err(|e| TeamError::io(&f.path, &e))?;
        }
    }
    sync(store)
}

/// What leaving the team did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LeaveReport {
    /// The team heard it (a last round and the device file saying so); false when the shared
    /// folder was out of reach or the key was renewed.
    pub told_team: bool,
    /// This laptop's changes that never reached the team.
    #[ts(type = "number")]
    pub unsent: i64,
}

/// This laptop leaves its team: a last sync round, its device file says it left, the key goes
/// from the keychain, and the store keeps its data without recording for a team. (Wiping the
/// data is the caller's, with the store closed: `tenderwacht_store::datadir::wipe`.)
pub fn leave(store: &mut Store) -> Result<LeaveReport> {
    let m = store.membership()?.ok_or(TeamError::NotInTeam)?;
    let folder = Folder::new(Path::new(&m.folder));
    let told_team = folder.reachable().is_ok() && sync(store).is_ok() && say_left(store, &folder).is_ok();
    let unsent = store.unexported_count()?;
    let m: Membership = store.membership()?.unwrap_or(m);
    if m.key_in_keychain {
        // A key left in the keychain opens nothing any more; failing to remove it stops nothing.
        let _ = keychain::delete(&keychain::account(&m));
    }
    store.leave_team()?;
    Ok(LeaveReport { told_team, unsent })
}

fn say_left(store: &Store, folder: &Folder) -> Result<()> {
    let m = store.membership()?.ok_or(TeamError::NotInTeam)?;
    let schema = store.schema_version()?;
    let info = DeviceInfo {
        device_id: m.device_id.clone(),
        name: m.device_name.clone(),
        schema_version: schema,
        left_at: Some(chrono::Utc::now()),
        held: store.team_entries_held()?,
    };
    files::write(&folder.device_file(&m.device_id), &key_of(&m)?, header(FileKind::Device, &m, schema, 0, 0), &json(&info)?)
}
