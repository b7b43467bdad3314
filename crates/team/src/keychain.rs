//! The team key in the operating system's keychain (Windows Credential Manager, macOS Keychain,
//! the Secret Service on Linux) instead of in the store, next to the data it protects. Where there
//! is no keychain (a Linux without a Secret Service, or `TENDERWACHT_KEYCHAIN=uit`), the key stays
//! in the store and `team status` says why. `TENDERWACHT_KEYCHAIN=test` uses the keyring crate's
//! in-memory mock, so tests never touch a real keychain.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use tenderwacht_domain::team::Membership;

/// The service name the key is kept under (the account is the team and this laptop).
pub const SERVICE: &str = "nl.tenderwacht.team";
/// Environment variable: `uit` keeps the key in the store, `test` uses the in-memory mock.
pub const KEYCHAIN_ENV: &str = "TENDERWACHT_KEYCHAIN";

/// One entry per account for the life of the process: the mock keeps a password only in its
/// entry, and a real keychain is asked once rather than at every sync round.
fn entries() -> &'static Mutex<HashMap<String, keyring::Entry>> {
    static ENTRIES: OnceLock<Mutex<HashMap<String, keyring::Entry>>> = OnceLock::new();
    ENTRIES.get_or_init(Mutex::default)
}

/// How the keychain is used when set in-process (tests), ahead of `TENDERWACHT_KEYCHAIN`.
static CHOSEN: Mutex<Option<Keychain>> = Mutex::new(None);

/// Which keychain to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keychain {
    /// The operating system's (the default).
    System,
    /// None: the key stays in the store (`TENDERWACHT_KEYCHAIN=uit`).
    Off,
    /// The keyring crate's in-memory mock (`TENDERWACHT_KEYCHAIN=test`).
    Mock,
}

/// Chooses the keychain for this process, ahead of the environment (for tests: no environment
/// variable has to be set while other threads run).
pub fn choose(keychain: Keychain) {
    if let Ok(mut c) = CHOSEN.lock() {
        *c = Some(keychain);
    }
}

fn chosen() -> Keychain {
    if let Some(k) = CHOSEN.lock().ok().and_then(|c| *c) {
        return k;
    }
    match std::env::var(KEYCHAIN_ENV).as_deref() {
        Ok("uit") => Keychain::Off,
        Ok("test") => Keychain::Mock,
        _ => Keychain::System,
    }
}

/// Why the key cannot go in a keychain here, if it cannot (Dutch).
pub fn unavailable() -> Option<String> {
    match chosen() {
        Keychain::Off => return Some("de sleutelbos is uitgezet (TENDERWACHT_KEYCHAIN=uit)".into()),
        Keychain::Mock => {
            static MOCK: OnceLock<()> = OnceLock::new();
            MOCK.get_or_init(|| keyring::set_default_credential_builder(keyring::mock::default_credential_builder()));
            return None;
        }
        Keychain::System => {}
    }
    // The Secret Service is reached over the session bus; without one, asking would only fail
    // (or start a bus of its own), so the answer is known at once.
    if cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none_or(|v| v.is_empty()) {
        return Some("geen sleutelbos gevonden (geen Secret Service: er draait geen sessiebus)".into());
    }
    None
}

/// The account of this laptop's key in the keychain.
pub fn account(m: &Membership) -> String {
    format!("{}:{}", m.team_id, m.device_id)
}

fn with_entry<T>(account: &str, f: impl FnOnce(&keyring::Entry) -> keyring::Result<T>) -> Result<T, String> {
    let mut entries = entries().lock().map_err(|_| "de sleutelbos is tijdelijk niet beschikbaar".to_string())?;
    if !entries.contains_key(account) {
        let entry = keyring::Entry::new(SERVICE, account).map_err(|e| words(&e))?;
        entries.insert(account.to_string(), entry);
    }
    let entry = entries.get(account).ok_or_else(|| "de sleutelbos is tijdelijk niet beschikbaar".to_string())?;
    f(entry).map_err(|e| words(&e))
}

/// Puts the key in the keychain and reads it back: `Ok` only when the keychain holds it.
pub fn put(account: &str, key_hex: &str) -> Result<(), String> {
    if let Some(why) = unavailable() {
        return Err(why);
    }
    with_entry(account, |e| e.set_password(key_hex))?;
    match with_entry(account, |e| e.get_password())? {
        read if read == key_hex => Ok(()),
        _ => Err("de sleutelbos gaf een andere sleutel terug dan er in werd gezet".into()),
    }
}

/// The key from the keychain.
pub fn get(account: &str) -> Result<String, String> {
    with_entry(account, |e| e.get_password())
}

/// Removes the key from the keychain (after leaving the team).
pub fn delete(account: &str) -> Result<(), String> {
    if let Some(why) = unavailable() {
        return Err(why);
    }
    with_entry(account, |e| e.delete_credential())
}

/// The keychain's error in the consultant's words.
fn words(e: &keyring::Error) -> String {
    match e {
        keyring::Error::NoEntry => {
            "de teamsleutel staat niet in de sleutelbos van deze computer; sluit opnieuw aan bij het team met de teamsleutel".into()
        }
        keyring::Error::NoStorageAccess(detail) => format!("geen toegang tot de sleutelbos ({detail}); is die vergrendeld?"),
        keyring::Error::PlatformFailure(detail) => format!("de sleutelbos gaf een fout ({detail})"),
        other => format!("de sleutelbos: {other}"),
    }
}
