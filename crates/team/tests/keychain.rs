//! The team key leaves the store for the keychain (the keyring crate's mock here, never a real
//! keychain): after the first sync round the database holds no key, the key still opens the
//! team's files and can be shown again, and a second laptop joins with it and does the same.
//! Where there is no keychain the key stays in the store and `team status` warns.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tenderwacht_store::Store;

#[test]
fn the_key_moves_to_the_keychain_and_the_store_keeps_none() {
    tenderwacht_team::keychain::choose(tenderwacht_team::keychain::Keychain::Mock);
    let (a_dir, b_dir, shared) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = Store::open(a_dir.path()).unwrap();
    let key = tenderwacht_team::init(&mut a, shared.path(), "Bureau Noord", "Laptop Anna").unwrap();
    let m = a.membership().unwrap().unwrap();
    assert!(m.key_in_keychain, "moved at the first round");
    assert_eq!(m.key_hex, "-".repeat(64));
    assert_eq!(tenderwacht_team::key(&a).unwrap().to_hex(), key.to_hex(), "shown again from the keychain");
    assert_eq!(tenderwacht_team::status(&a).unwrap().key_warning, None);
    // The database file holds no copy of the key.
    drop(a);
    let db = std::fs::read(a_dir.path().join("tenderwacht.sqlite")).unwrap();
    let wal = std::fs::read(a_dir.path().join("tenderwacht.sqlite-wal")).unwrap_or_default();
    let hex = key.to_hex();
    for bytes in [&db, &wal] {
        assert!(!bytes.windows(hex.len()).any(|w| w == hex.as_bytes()), "the key is still in the store's files");
    }
    // Reopened, the store syncs with the key from the keychain.
    let mut a = Store::open(a_dir.path()).unwrap();
    tenderwacht_team::sync(&mut a).unwrap();

    // A second laptop joins with the key and keeps it in its own keychain entry.
    tenderwacht_team::join(b_dir.path(), shared.path(), &key, "Laptop Bram", false).unwrap();
    let b = Store::open(b_dir.path()).unwrap();
    let mb = b.membership().unwrap().unwrap();
    assert!(mb.key_in_keychain);
    assert_ne!(tenderwacht_team::keychain::account(&mb), tenderwacht_team::keychain::account(&m));
    assert_eq!(tenderwacht_team::key(&b).unwrap().to_hex(), hex);
}
