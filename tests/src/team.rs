//! Helpers for the team tests: laptops with their own view of the shared folder, a cloud that
//! delivers files between views in the order a test picks, and dumps to compare stores.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use std::path::{Path, PathBuf};
use tenderwacht_domain::*;
use tenderwacht_store::Store;
use tenderwacht_team::TeamKey;

pub struct Laptop {
    pub _dir: tempfile::TempDir,
    pub data: PathBuf,
    pub view: PathBuf,
    pub store: Store,
}

pub fn laptop(root: &Path) -> Laptop {
    let dir = tempfile::tempdir_in(root).unwrap();
    let data = dir.path().join("data");
    let view = dir.path().join("share");
    std::fs::create_dir_all(&view).unwrap();
    let store = Store::open(&data).unwrap();
    Laptop { data, view, store, _dir: dir }
}

/// Copies the files of `from`'s view that `to`'s view lacks and `pick` allows.
pub fn deliver(from: &Path, to: &Path, pick: &mut dyn FnMut(&Path) -> bool) -> usize {
    let mut n = 0;
    for f in crate::walk(from) {
        let rel = f.strip_prefix(from).unwrap();
        let target = to.join(rel);
        let name = rel.file_name().unwrap().to_string_lossy().into_owned();
        if target.exists() || name.starts_with('.') || !pick(rel) {
            continue;
        }
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&f, &target).unwrap();
        n += 1;
    }
    n
}

/// Copies every file of `from`'s view that `to`'s view lacks or holds in an older version (a
/// cloud folder delivers a file its writer replaced, such as the team file after a key renewal).
pub fn deliver_all(from: &Path, to: &Path) -> usize {
    let mut n = 0;
    for f in crate::walk(from) {
        let rel = f.strip_prefix(from).unwrap();
        let target = to.join(rel);
        if rel.file_name().unwrap().to_string_lossy().starts_with('.') || std::fs::read(&target).ok() == std::fs::read(&f).ok() {
            continue;
        }
        // The newer file wins, as in a cloud folder.
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        if target.exists() && modified(&f) <= modified(&target) {
            continue;
        }
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&f, &target).unwrap();
        n += 1;
    }
    n
}

/// Every synced table, row by row in key order: what must be the same on every laptop.
pub fn dump(store: &Store) -> String {
    let conn = store.connection();
    let mut out = String::new();
    for table in tenderwacht_domain::team::SYNCED_TABLES {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| Ok((0..n).map(|i| show(r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        out.push_str(&format!("## {table} ({})\n{}\n", rows.len(), rows.join("\n")));
    }
    out
}

pub fn show(v: rusqlite::types::ValueRef) -> String {
    match v {
        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        other => format!("{other:?}"),
    }
}

pub fn conflicts(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = store
        .team_conflicts(false)
        .unwrap()
        .into_iter()
        .map(|c| format!("{}|{:?}|{}|{}|{:?}|{:?}|{}", c.id, c.kind, c.table, c.column, c.kept_value, c.lost_value, c.won_device))
        .collect();
    v.sort();
    v
}

pub fn provider(name: &str, kvk: &str) -> PartyInput {
    PartyInput { name: name.into(), kvk: kvk.into(), ..Default::default() }
}

pub fn tender(title: &str) -> TenderInput {
    TenderInput {
        title: title.into(),
        buyer: "Gemeente Groningen".into(),
        region: String::new(),
        municipalities: vec![],
        nuts: vec![],
        cpv: vec![],
        procedure: Procedure::OpenHouse,
        domain: TenderDomain::Jeugdwet,
        description: String::new(),
        status: TenderStatus::Volgen,
        lots: vec![],
        links: vec![],
    }
}

/// Sets up A with some data, a team in A's view, and B and C joined through the cloud.
pub fn team_of_three(root: &Path) -> (Laptop, Laptop, Laptop, TeamKey) {
    let mut a = laptop(root);
    let p = a.store.add_provider(&provider("Zorgboerderij De Hoeve", "12345678")).unwrap();
    let t = a.store.create_tender(&tender("Jeugdhulp Groningen 2027"), Some(Utc.with_ymd_and_hms(2027, 3, 1, 11, 0, 0).unwrap()), None).unwrap();
    a.store.add_bid(t, None, p, "").unwrap();
    let key = tenderwacht_team::init(&mut a.store, &a.view, "Bureau Noord", "Laptop Anna").unwrap();
    let b = joined(root, &a.view, &key, "Laptop Bram");
    let c = joined(root, &a.view, &key, "Laptop Carla");
    (a, b, c, key)
}

/// A new laptop: its view receives the folder, then it joins from an empty data folder.
pub fn joined(root: &Path, from: &Path, key: &TeamKey, name: &str) -> Laptop {
    let dir = tempfile::tempdir_in(root).unwrap();
    let data = dir.path().join("data");
    let view = dir.path().join("share");
    deliver(from, &view, &mut |_| true);
    tenderwacht_team::join(&data, &view, key, name, false).unwrap();
    let store = Store::open(&data).unwrap();
    Laptop { data, view, store, _dir: dir }
}

pub fn sync(l: &mut Laptop) -> tenderwacht_team::SyncReport {
    tenderwacht_team::sync(&mut l.store).unwrap()
}

/// As [`settle`], with a cloud that also delivers the files their writers replaced (device
/// files say what each laptop holds; the erasure waits for that).
pub fn settle_all(ls: &mut [&mut Laptop]) {
    settle_through(ls, &|from, to| {
        deliver_all(from, to);
    });
}

/// Everyone sends, the cloud delivers everything everywhere, everyone reads (twice, so files
/// written in the first round reach all).
pub fn settle(ls: &mut [&mut Laptop]) {
    settle_through(ls, &|from, to| {
        deliver(from, to, &mut |_| true);
    });
}

fn settle_through(ls: &mut [&mut Laptop], cloud: &dyn Fn(&Path, &Path)) {
    for _ in 0..2 {
        for l in ls.iter_mut() {
            sync(l);
        }
        for i in 0..ls.len() {
            for j in 0..ls.len() {
                if i != j {
                    let (from, to) = (ls[i].view.clone(), ls[j].view.clone());
                    cloud(&from, &to);
                }
            }
        }
    }
    for l in ls.iter_mut() {
        sync(l);
    }
}
