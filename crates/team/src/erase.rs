//! Erasure that reaches the shared folder. A deleted document's sealed file leaves the folder
//! (and each laptop) once every laptop of the team holds the deletion; changes older than the
//! horizon that every laptop holds leave the log and the folder, folded into a new starting
//! snapshot made without free pages, so a deleted row's values are not recoverable from the
//! folder past the horizon. A laptop that has not synced holds it up (it is named), never the
//! other way round: nobody is forced to join again.

use crate::epoch::Keyring;
use crate::error::{Result, TeamError};
use crate::files;
use crate::folder::Folder;
use serde::Serialize;
use std::collections::BTreeMap;
use tenderwacht_domain::team::Membership;
use tenderwacht_store::Store;

/// How long a deleted row's values may stay in the team's change files: 30 days. The AVG gives
/// one month to act on an erasure request (art. 12(3)); within that a laptop back from two weeks
/// away still syncs from the change files without joining again.
pub const HORIZON_DAYS: i64 = 30;

/// What one erasure pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ErasureReport {
    /// Deleted documents' files taken out of the folder.
    pub files_erased: usize,
    /// Change-log entries pruned past the horizon.
    pub entries_pruned: usize,
    /// Change files folded into a new starting snapshot and taken out of the folder.
    pub change_files_removed: usize,
}

/// Per device, what every current laptop holds (the least of what each says); a laptop that
/// has not said holds the whole team up (its name is returned).
fn agreed(store: &Store) -> Result<(BTreeMap<String, i64>, Vec<String>)> {
    let team = store.team_held()?;
    let mut waiting = vec![];
    let mut out: Option<BTreeMap<String, i64>> = None;
    for (_, name, held) in &team {
        let Some(held) = held else {
            waiting.push(name.clone());
            continue;
        };
        out = Some(match out {
            None => held.clone(),
            Some(acc) => acc.into_iter().map(|(d, s)| (d.clone(), s.min(held.get(&d).copied().unwrap_or(0)))).collect(),
        });
    }
    if !waiting.is_empty() {
        return Ok((BTreeMap::new(), waiting));
    }
    Ok((out.unwrap_or_default(), waiting))
}

fn dominates(agreed: &BTreeMap<String, i64>, needed: &BTreeMap<String, i64>) -> bool {
    needed.iter().all(|(d, s)| agreed.get(d).copied().unwrap_or(0) >= *s)
}

/// One pass, at the end of a sync round (`now` is the moment the horizon counts back from).
pub(crate) fn erase(store: &mut Store, folder: &Folder, keys: &Keyring, m: &Membership, now: chrono::DateTime<chrono::Utc>) -> Result<ErasureReport> {
    let mut report = ErasureReport::default();
    let own = store.team_entries_held()?;
    store.note_unreferenced_blobs(&own)?;
    let (agreed, waiting) = agreed(store)?;
    if !waiting.is_empty() {
        return Ok(report);
    }
    for (sha, needed, erased) in store.blobs_gone()? {
        if !dominates(&agreed, &needed) {
            continue;
        }
        for key in keys.newest_first() {
            let path = folder.blob_file(&key.blob_name(&sha));
            match std::fs::remove_file(&path) {
                Ok(()) => report.files_erased += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(TeamError::io(&path, &e)),
            }
        }
        if !erased {
            store.blob_erased(&sha)?;
        }
    }
    let before = (now - chrono::Duration::days(HORIZON_DAYS)).timestamp_millis() << 16;
    report.entries_pruned = store.prune_entries(&agreed, before)?;
    let floors = store.team_floors()?;
    let old: Vec<_> = folder
        .change_files()?
        .into_iter()
        .filter(|f| f.last <= floors.get(&f.device_id).copied().unwrap_or(0) && files::read_header(&f.path).is_some_and(|h| h.hlc < before))
        .collect();
    if old.is_empty() {
        return Ok(report);
    }
    // The new starting point first (a joining laptop needs what the files held), then the files
    // and every older snapshot go.
    let written = crate::records::write_snapshot(store, folder, keys.current(), m)?;
    for f in &old {
        match std::fs::remove_file(&f.path) {
            Ok(()) => report.change_files_removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(TeamError::io(&f.path, &e)),
        }
    }
    for s in folder.snapshots()? {
        if s == written {
            break;
        }
        let _ = std::fs::remove_file(&s);
    }
    Ok(report)
}

/// An erasure pass as if it were `now` (a sync round runs one at the current moment; tests and
/// a laptop catching up after the horizon pass a moment of their own).
pub fn erase_at(store: &mut Store, now: chrono::DateTime<chrono::Utc>) -> Result<ErasureReport> {
    let m = store.membership()?.ok_or(TeamError::NotInTeam)?;
    let folder = Folder::new(std::path::Path::new(&m.folder));
    folder.reachable()?;
    let keys = crate::epoch::keyring_of(&m, &folder)?;
    erase(store, &folder, &keys, &m, now)
}

/// The "verwijderd na" line of `team status`: the horizon, and what still waits for whom.
pub fn erasure_line(store: &Store) -> Result<String> {
    let (agreed, waiting) = agreed(store)?;
    let pending: Vec<_> = store.blobs_gone()?.into_iter().filter(|(_, _, erased)| !erased).map(|(sha, needed, _)| (sha, needed)).collect();
    let held_up = pending.iter().filter(|(_, needed)| !dominates(&agreed, needed)).count();
    let mut line = format!(
        "wat is verwijderd, verdwijnt uit de gedeelde map zodra elke laptop het heeft verwerkt; wijzigingen na {HORIZON_DAYS} dagen (ook de waarden van verwijderde gegevens)"
    );
    if !pending.is_empty() {
        line.push_str(&format!("; {} verwijderde documentbestanden staan nog in de map", pending.len()));
        if !waiting.is_empty() {
            line.push_str(&format!(" (wacht op {})", waiting.join(", ")));
        } else if held_up > 0 {
            line.push_str(" (nog niet door elke laptop verwerkt)");
        } else {
            line.push_str(" (gaan bij de volgende synchronisatie weg)");
        }
    } else if !waiting.is_empty() {
        line.push_str(&format!("; wacht op {}", waiting.join(", ")));
    }
    Ok(line)
}
