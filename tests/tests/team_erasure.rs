//! Erasure that reaches the shared folder: a VOG added, synced to three laptops and deleted;
//! its sealed file leaves every laptop's view of the folder (and every laptop) once all three
//! hold the deletion, and after the horizon no file in the folder, opened with the team key,
//! holds its bytes or its name; a laptop joining afterwards starts from the folded snapshot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use tenderwacht_domain::*;
use tenderwacht_team::files;
use tenderwacht_tests::team::*;

const VOG: &[u8] = b"%PDF-1.4 Verklaring Omtrent het Gedrag van J. Jansen, begeleider";
const NAME: &str = "VOG Jan Jansen 2026.pdf";

#[test]
fn a_deleted_vog_leaves_the_shared_folder() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, mut c, key) = team_of_three(root.path());
    let p = b.store.resolve_party("12345678", None).unwrap();
    let file = root.path().join(NAME);
    std::fs::write(&file, VOG).unwrap();
    let input = DocumentInput {
        party_id: p,
        type_code: "vog".into(),
        file,
        original_name: Some(NAME.into()),
        issue_date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        expiry_date: None,
        note: String::new(),
    };
    let doc = b.store.add_document(&input).unwrap();
    settle_all(&mut [&mut a, &mut b, &mut c]);
    assert!(tenderwacht_team::fetch_blob(&a.store, &doc.sha256).unwrap(), "the VOG reached the folder");
    let holds = |dir: &std::path::Path, needle: &[u8]| -> Vec<String> {
        tenderwacht_tests::walk(dir)
            .into_iter()
            .filter(|f| files::read(f, &key).is_ok_and(|(_, plain)| plain.windows(needle.len()).any(|w| w == needle)))
            .map(|f| f.strip_prefix(dir).unwrap().display().to_string())
            .collect()
    };
    assert!(!holds(&a.view, VOG).is_empty());

    // Deleted on A: once all three hold the deletion, its sealed file is out of every view and
    // off every laptop; the status said what waits before.
    a.store.remove_document(doc.id).unwrap();
    sync(&mut a);
    let line = tenderwacht_team::status(&a.store).unwrap().erasure;
    assert!(line.contains("30 dagen") && line.contains("verwijderde documentbestanden"), "{line}");
    settle_all(&mut [&mut a, &mut b, &mut c]);
    settle_all(&mut [&mut a, &mut b, &mut c]);
    for l in [&a, &b, &c] {
        assert!(holds(&l.view, VOG).is_empty(), "a sealed file in {} still holds the VOG: {:?}", l.view.display(), holds(&l.view, VOG));
        assert!(!l.store.blobs().exists(&doc.sha256), "the laptop's own copy is gone");
    }
    assert!(!holds(&a.view, NAME.as_bytes()).is_empty(), "its name is still in the change files, within the horizon");

    // Past the horizon the change files that carried it are folded into a clean snapshot.
    let later = chrono::Utc::now() + chrono::Duration::days(tenderwacht_team::HORIZON_DAYS + 1);
    let report = tenderwacht_team::erase_at(&mut a.store, later).unwrap();
    assert!(report.entries_pruned > 0 && report.change_files_removed > 0, "{report:?}");
    for l in [&mut b, &mut c] {
        tenderwacht_team::erase_at(&mut l.store, later).unwrap();
    }
    for l in [&a, &b, &c] {
        assert_eq!(holds(&l.view, NAME.as_bytes()), Vec::<String>::new(), "nothing in the folder holds the VOG's name");
        assert_eq!(holds(&l.view, VOG), Vec::<String>::new());
    }
    // The team goes on: an edit travels, a newcomer starts from the folded snapshot.
    a.store.edit_party(p, &PartyPatch { phone: Some("050-1234567".into()), ..Default::default() }).unwrap();
    settle_all(&mut [&mut a, &mut b, &mut c]);
    assert_eq!(dump(&a.store), dump(&b.store));
    let mut d = joined(root.path(), &a.view, &key, "Laptop Dirk");
    sync(&mut d);
    assert_eq!(dump(&d.store), dump(&a.store));
    assert_eq!(d.store.party(p).unwrap().phone, "050-1234567");
}
