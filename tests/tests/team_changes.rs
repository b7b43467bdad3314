//! A team that changes: a laptop removed (the key renewed without it) reads nothing new and
//! what it writes is refused, the two that stay carry on with their data; a change sealed with
//! the old key after the renewal is sent again under the new one; a laptop leaves and keeps or
//! wipes its data. Every laptop has its own view of the shared folder; `deliver_all` plays the
//! cloud, which also delivers a file its writer replaced.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use tenderwacht_domain::*;
use tenderwacht_team::files::{self, FileKind, Header};
use tenderwacht_team::folder::Folder;
use tenderwacht_team::{TeamError, TeamKey};
use tenderwacht_tests::team::*;

fn spread(ls: &[&Laptop]) {
    for from in ls {
        for to in ls {
            if from.view != to.view {
                deliver_all(&from.view, &to.view);
            }
        }
    }
}

fn phone(l: &Laptop) -> String {
    let p = l.store.resolve_party("12345678", None).unwrap();
    l.store.party(p).unwrap().phone
}

#[test]
fn a_removed_laptop_reads_nothing_new_and_what_it_writes_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, mut c, old_key) = team_of_three(root.path());
    // A VOG from before the removal: its file stays readable for whoever holds the new key.
    let p = b.store.resolve_party("12345678", None).unwrap();
    let vog = root.path().join("vog.pdf");
    std::fs::write(&vog, b"%PDF-1.4 VOG De Hoeve").unwrap();
    let input = DocumentInput {
        party_id: p,
        type_code: "vog".into(),
        file: vog,
        original_name: None,
        issue_date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        expiry_date: None,
        note: String::new(),
    };
    let doc = b.store.add_document(&input).unwrap();
    sync(&mut b);
    spread(&[&a, &b, &c]);
    for l in [&mut a, &mut c] {
        sync(l);
    }

    let carla = tenderwacht_team::find_device(&a.store, "laptop carla").unwrap();
    assert!(tenderwacht_team::find_device(&a.store, "Laptop Anna").is_err(), "this laptop itself is not removed");
    let new_key = tenderwacht_team::renew_key(&mut a.store, std::slice::from_ref(&carla)).unwrap();
    assert_ne!(new_key, old_key);
    spread(&[&a, &b, &c]);

    // The others stop before they send or read anything, and say why.
    for l in [&mut b, &mut c] {
        let e = tenderwacht_team::sync(&mut l.store).unwrap_err();
        assert!(matches!(e, TeamError::KeyRenewed { .. }), "{e}");
        assert!(e.to_string().contains("Laptop Anna"), "{e}");
    }

    // Carla, with only the old key, writes as an older Tenderwacht (or a thief) would.
    c.store.edit_party(p, &PartyPatch { phone: Some("050-6666666".into()), ..Default::default() }).unwrap();
    let entries = c.store.unexported_entries().unwrap();
    let m = c.store.membership().unwrap().unwrap();
    let (first, last) = (entries[0].seq, entries[entries.len() - 1].seq);
    let h = Header {
        format: files::FORMAT,
        kind: FileKind::Changes,
        team_id: m.team_id.clone(),
        schema_version: entries[0].schema_version,
        sync_schema: tenderwacht_domain::team::sync_schema(entries[0].schema_version),
        device_id: m.device_id.clone(),
        device_name: m.device_name.clone(),
        seq: first,
        last_seq: last,
        hlc: entries[entries.len() - 1].hlc,
        length: 0,
        sha256: String::new(),
        epoch: 1,
    };
    let path = Folder::new(&c.view).change_file(&m.device_id, first, last);
    files::write(&path, &old_key, h, &files::encode_entries(&entries)).unwrap();
    spread(&[&a, &b, &c]);

    // Bram enters the new key and carries on; Carla's write is refused on both, with the reason.
    tenderwacht_team::enter_key(&mut b.store, &new_key).unwrap();
    b.store.edit_party(p, &PartyPatch { email: Some("info@dehoeve.nl".into()), ..Default::default() }).unwrap();
    for _ in 0..2 {
        for l in [&mut a, &mut b] {
            let r = sync(l);
            assert!(r.waiting.iter().any(|w| w.reason.contains("Laptop Carla") && w.reason.contains("uit het team verwijderd")), "{:?}", r.waiting);
        }
        spread(&[&a, &b]);
    }
    assert_eq!(dump(&a.store), dump(&b.store), "the two that stay hold the same data");
    assert_eq!(phone(&a), "", "the removed laptop's edit was not taken");
    assert_eq!(a.store.party(p).unwrap().email, "info@dehoeve.nl");
    let status = tenderwacht_team::status(&b.store).unwrap();
    let removed = status.devices.iter().find(|d| d.name == "Laptop Carla").unwrap();
    assert!(removed.removed_at.is_some(), "{:?}", status.devices);

    // Nothing written since the renewal opens with the old key; the new key is refused to Carla.
    let folder = Folder::new(&a.view);
    let newer: Vec<_> = tenderwacht_tests::walk(&a.view)
        .into_iter()
        .filter(|f| files::read_header(f).is_some_and(|h| h.epoch == 2 && h.kind != FileKind::Blob))
        .collect();
    assert!(newer.len() >= 4, "team file, renewal, snapshot, changes: {newer:?}");
    for f in &newer {
        assert!(files::read(f, &old_key).is_err(), "{} opens with the old key", f.display());
    }
    assert!(folder.renewal_file(2).exists());
    let e = tenderwacht_team::enter_key(&mut c.store, &new_key).unwrap_err();
    assert!(e.to_string().contains("uit het team verwijderd"), "{e}");

    // A newcomer joins with the new key, gets everything, and the old VOG's file.
    let err = tenderwacht_team::join(&root.path().join("thief"), &a.view, &old_key, "Dief", false).unwrap_err();
    assert!(err.to_string().contains("past niet"), "{err}");
    let mut d = joined(root.path(), &a.view, &new_key, "Laptop Dirk");
    sync(&mut d);
    assert_eq!(dump(&d.store), dump(&a.store));
    assert!(tenderwacht_team::fetch_blob(&d.store, &doc.sha256).unwrap(), "a file sealed with the old key is read through the renewal");
}

#[test]
fn a_change_sealed_with_the_old_key_after_the_renewal_is_sent_again_with_the_new() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, mut c, _) = team_of_three(root.path());
    let p = a.store.resolve_party("12345678", None).unwrap();
    // Anna renews the key (nobody removed) while Bram, offline, edits and syncs into his view.
    let new_key = tenderwacht_team::renew_key(&mut a.store, &[]).unwrap();
    b.store.edit_party(p, &PartyPatch { phone: Some("050-2222222".into()), ..Default::default() }).unwrap();
    sync(&mut b);
    deliver_all(&b.view, &a.view);
    let r = sync(&mut a);
    assert_eq!(phone(&a), "", "sealed with the old key after the renewal: not taken");
    assert!(r.waiting.iter().any(|w| w.reason.contains("opnieuw") && w.reason.contains("Laptop Bram")), "{:?}", r.waiting);

    deliver_all(&a.view, &b.view);
    deliver_all(&a.view, &c.view);
    tenderwacht_team::enter_key(&mut b.store, &new_key).unwrap();
    tenderwacht_team::enter_key(&mut c.store, &new_key).unwrap();
    assert!(tenderwacht_team::enter_key(&mut c.store, &new_key).is_err(), "entered once");
    for _ in 0..2 {
        for l in [&mut a, &mut b, &mut c] {
            sync(l);
        }
        spread(&[&a, &b, &c]);
    }
    let r = sync(&mut a);
    assert!(r.waiting.is_empty(), "{:?}", r.waiting);
    assert_eq!(phone(&a), "050-2222222", "sent again with the new key and taken");
    assert_eq!(dump(&a.store), dump(&b.store));
    assert_eq!(dump(&a.store), dump(&c.store));
    assert!(tenderwacht_team::enter_key(&mut a.store, &TeamKey::generate()).is_err(), "a foreign key is refused");
}

#[test]
fn a_laptop_that_leaves_keeps_or_wipes_its_data() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, mut c, _) = team_of_three(root.path());
    let report = tenderwacht_team::leave(&mut c.store).unwrap();
    assert!(report.told_team);
    assert_eq!(report.unsent, 0);
    assert!(c.store.membership().unwrap().is_none());
    assert_eq!(c.store.parties(None).unwrap().len(), 1, "the data stays");
    c.store.add_provider(&provider("Woongroep Het Anker", "87654321")).unwrap();
    assert_eq!(c.store.unexported_count().unwrap(), 0, "nothing is recorded for the team any more");
    assert!(matches!(tenderwacht_team::sync(&mut c.store), Err(TeamError::NotInTeam)));

    deliver_all(&c.view, &a.view);
    sync(&mut a);
    let status = tenderwacht_team::status(&a.store).unwrap();
    let carla = status.devices.iter().find(|d| d.name == "Laptop Carla").unwrap();
    assert!(carla.left_at.is_some(), "{:?}", status.devices);

    // Bram leaves and wipes: the data folder holds nothing of Tenderwacht's afterwards.
    b.store.add_provider(&provider("Ambulant Noord", "11223344")).unwrap();
    let report = tenderwacht_team::leave(&mut b.store).unwrap();
    assert!(report.told_team);
    let data = b.data.clone();
    drop(std::mem::replace(&mut b.store, tenderwacht_store::Store::open(&root.path().join("scratch")).unwrap()));
    assert!(tenderwacht_store::datadir::wipe(&data).unwrap() >= 2);
    let fresh = tenderwacht_store::Store::open(&data).unwrap();
    assert!(fresh.parties(None).unwrap().is_empty());
    // What Bram sent before leaving reached Anna.
    deliver_all(&b.view, &a.view);
    sync(&mut a);
    assert!(a.store.parties(None).unwrap().iter().any(|p| p.kvk == "11223344"));
}
