//! Three laptops sharing one store through a shared folder: each works offline, the folder
//! delivers files late, shuffled and partly, and in the end all three hold the same data and the
//! same conflict list. Every laptop has its own view of the shared folder, as a cloud client
//! gives it; `deliver` plays the cloud, copying files between views in the order a test picks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, TimeZone, Utc};
use std::path::{Path, PathBuf};
use tenderwacht_core::domain::*;
use tenderwacht_core::Store;
use tenderwacht_team::{TeamKey, TeamStatus};

struct Laptop {
    _dir: tempfile::TempDir,
    data: PathBuf,
    view: PathBuf,
    store: Store,
}

fn laptop(root: &Path) -> Laptop {
    let dir = tempfile::tempdir_in(root).unwrap();
    let data = dir.path().join("data");
    let view = dir.path().join("share");
    std::fs::create_dir_all(&view).unwrap();
    let store = Store::open(&data).unwrap();
    Laptop { data, view, store, _dir: dir }
}

/// Copies the files of `from`'s view that `to`'s view lacks and `pick` allows.
fn deliver(from: &Path, to: &Path, pick: &mut dyn FnMut(&Path) -> bool) -> usize {
    let mut n = 0;
    for f in tenderwacht_tests::walk(from) {
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

/// Every synced table, row by row in key order: what must be the same on every laptop.
fn dump(store: &Store) -> String {
    let conn = store.connection();
    let mut out = String::new();
    for table in tenderwacht_core::team::SYNCED_TABLES {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        out.push_str(&format!("## {table} ({})\n{}\n", rows.len(), rows.join("\n")));
    }
    out
}

fn conflicts(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = store
        .team_conflicts(false)
        .unwrap()
        .into_iter()
        .map(|c| format!("{}|{:?}|{}|{}|{:?}|{:?}|{}", c.id, c.kind, c.table, c.column, c.kept_value, c.lost_value, c.won_device))
        .collect();
    v.sort();
    v
}

fn provider(name: &str, kvk: &str) -> PartyInput {
    PartyInput { name: name.into(), kvk: kvk.into(), ..Default::default() }
}

fn tender(title: &str) -> TenderInput {
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
fn team_of_three(root: &Path) -> (Laptop, Laptop, Laptop, TeamKey) {
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
fn joined(root: &Path, from: &Path, key: &TeamKey, name: &str) -> Laptop {
    let dir = tempfile::tempdir_in(root).unwrap();
    let data = dir.path().join("data");
    let view = dir.path().join("share");
    deliver(from, &view, &mut |_| true);
    tenderwacht_team::join(&data, &view, key, name, false).unwrap();
    let store = Store::open(&data).unwrap();
    Laptop { data, view, store, _dir: dir }
}

fn sync(l: &mut Laptop) -> tenderwacht_team::SyncReport {
    tenderwacht_team::sync(&mut l.store).unwrap()
}

/// Everyone sends, the cloud delivers everything everywhere, everyone reads (twice, so files
/// written in the first round reach all).
fn settle(ls: &mut [&mut Laptop]) {
    for _ in 0..2 {
        for l in ls.iter_mut() {
            sync(l);
        }
        for i in 0..ls.len() {
            for j in 0..ls.len() {
                if i != j {
                    let (from, to) = (ls[i].view.clone(), ls[j].view.clone());
                    deliver(&from, &to, &mut |_| true);
                }
            }
        }
    }
    for l in ls.iter_mut() {
        sync(l);
    }
}

#[test]
fn three_laptops_work_offline_and_end_with_one_truth() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, mut c, _key) = team_of_three(root.path());
    assert_eq!(dump(&a.store), dump(&b.store), "B starts from A's snapshot");
    let p = a.store.resolve_party("12345678", None).unwrap();

    // Offline: A and C change the same field, B another field of the same provider.
    a.store.edit_party(p, &PartyPatch { phone: Some("050-1111111".into()), ..Default::default() }).unwrap();
    b.store.edit_party(p, &PartyPatch { email: Some("info@dehoeve.nl".into()), ..Default::default() }).unwrap();
    c.store.edit_party(p, &PartyPatch { phone: Some("050-3333333".into()), ..Default::default() }).unwrap();
    // B and C both add the same new provider (same KvK) offline.
    b.store.add_provider(&provider("Woongroep Het Anker", "87654321")).unwrap();
    c.store.add_provider(&provider("Woongroep Anker BV", "87654321")).unwrap();
    // B uploads a VOG for the provider.
    let file = root.path().join("vog.pdf");
    std::fs::write(&file, b"%PDF-1.4 VOG De Hoeve").unwrap();
    let doc = b
        .store
        .add_document(&DocumentInput {
            party_id: p,
            type_code: "vog".into(),
            file,
            original_name: None,
            issue_date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            expiry_date: None,
            note: String::new(),
        })
        .unwrap();

    settle(&mut [&mut c, &mut a, &mut b]);
    let (da, db, dc) = (dump(&a.store), dump(&b.store), dump(&c.store));
    assert_eq!(da, db, "A and B agree");
    assert_eq!(da, dc, "A and C agree");
    assert_eq!(conflicts(&a.store), conflicts(&b.store));
    assert_eq!(conflicts(&a.store), conflicts(&c.store));

    let party = a.store.party(p).unwrap();
    assert_eq!(party.email, "info@dehoeve.nl", "an edit of another field survives");
    let phones = ["050-1111111", "050-3333333"];
    assert!(phones.contains(&party.phone.as_str()), "{}", party.phone);
    let list = a.store.team_conflicts(false).unwrap();
    let phone = list.iter().find(|c| c.column == "phone").expect("the phone conflict is listed");
    assert_eq!(phone.kept_value.as_deref(), Some(party.phone.as_str()));
    let loser = phones.iter().find(|p| **p != party.phone).unwrap();
    assert_eq!(phone.lost_value.as_deref(), Some(*loser), "the losing value stays visible");
    assert_eq!(phone.row_label, "Zorgboerderij De Hoeve");
    let anker: Vec<_> = a.store.parties(None).unwrap().into_iter().filter(|p| p.kvk == "87654321").collect();
    assert_eq!(anker.len(), 1, "one provider per KvK number, not two");

    // The document's file is fetched from the folder when first needed.
    assert!(!a.store.blobs().exists(&doc.sha256), "not sent along with the changes");
    assert!(tenderwacht_team::fetch_blob(&a.store, &doc.sha256).unwrap());
    assert_eq!(std::fs::read(a.store.blobs().path_of(&doc.sha256)).unwrap(), b"%PDF-1.4 VOG De Hoeve");

    // Restoring the losing phone number is an edit that reaches everyone.
    a.store.resolve_conflict(&phone.id, true).unwrap();
    settle(&mut [&mut a, &mut b, &mut c]);
    for l in [&a, &b, &c] {
        assert_eq!(l.store.party(p).unwrap().phone, *loser);
    }
    let status: TeamStatus = tenderwacht_team::status(&a.store).unwrap();
    assert_eq!(status.devices.len(), 3, "{:?}", status.devices);
    assert_eq!(status.outgoing, 0);
}
