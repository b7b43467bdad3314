//! Without a keychain (here: turned off) the team key stays in the store, the team works as
//! before, and `team status` says where the key is and why.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tenderwacht_store::Store;

#[test]
fn without_a_keychain_the_key_stays_in_the_store_with_a_warning() {
    tenderwacht_team::keychain::choose(tenderwacht_team::keychain::Keychain::Off);
    let (dir, shared) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut store = Store::open(dir.path()).unwrap();
    let key = tenderwacht_team::init(&mut store, shared.path(), "Bureau Noord", "Laptop Anna").unwrap();
    let m = store.membership().unwrap().unwrap();
    assert!(!m.key_in_keychain);
    assert_eq!(m.key_hex, key.to_hex());
    let warning = tenderwacht_team::status(&store).unwrap().key_warning.expect("a warning");
    assert_eq!(
        warning,
        "De teamsleutel staat in de database van deze laptop, niet in de sleutelbos van het systeem: de sleutelbos is uitgezet (TENDERWACHT_KEYCHAIN=uit)."
    );
    tenderwacht_team::sync(&mut store).unwrap();
}
