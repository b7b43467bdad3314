//! Updates tried against a loopback update server in a mock Tauri app: a newer, signed version
//! is offered and its package verifies; a wrong signature, a manifest without this system, an
//! older version and a server that does not answer in time are refused with their Dutch reason;
//! with looking off (the default) nothing is asked, and an unreachable server is named as such.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use base64::Engine;
use std::time::Duration;
use tauri::test::MockRuntime;
use tenderwacht::update::{self, UpdateCheck, UpdateSource};
use tenderwacht_store::UpdateChoice;
use tenderwacht_tests::server::{FixtureServer, Reply};

/// The package the server hands out (its content does not matter: only its signature is checked).
const PACKAGE: &[u8] = b"Tenderwacht 9.9.9 voor de test";

struct Keys {
    pk: minisign::PublicKey,
    sk: minisign::SecretKey,
}

impl Keys {
    fn new() -> Self {
        let minisign::KeyPair { pk, sk } = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        Self { pk, sk }
    }
    /// The public key as Tauri's config holds it: base64 of the minisign key file.
    fn pubkey(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.pk.to_box().unwrap().to_string())
    }
    /// A signature as `tauri signer sign` writes it into latest.json: base64 of the .sig file.
    fn sign(&self, data: &[u8]) -> String {
        let sig = minisign::sign(Some(&self.pk), &self.sk, std::io::Cursor::new(data), Some("tenderwacht test"), Some("signature")).unwrap();
        base64::engine::general_purpose::STANDARD.encode(sig.to_string())
    }
}

fn app() -> tauri::App<MockRuntime> {
    let mut context = tauri::test::mock_context(tauri::test::noop_assets());
    context.config_mut().plugins.0.insert("updater".into(), serde_json::json!({ "pubkey": "", "endpoints": [] }));
    tauri::test::mock_builder().plugin(tauri_plugin_updater::Builder::new().build()).build(context).unwrap()
}

/// latest.json in Tauri's static format, for the given platforms.
fn manifest(version: &str, signature: &str, url: &str, platforms: &[&str]) -> Vec<u8> {
    let entries: serde_json::Map<String, serde_json::Value> =
        platforms.iter().map(|p| (p.to_string(), serde_json::json!({ "signature": signature, "url": url }))).collect();
    serde_json::to_vec(&serde_json::json!({
        "version": version,
        "notes": "Eisen per tabel overnemen",
        "pub_date": "2026-12-01T12:00:00Z",
        "platforms": entries,
    }))
    .unwrap()
}

fn this_platform() -> String {
    format!("{}-{}", if cfg!(target_os = "macos") { "darwin" } else { std::env::consts::OS }, std::env::consts::ARCH)
}

fn source(server: &FixtureServer, keys: &Keys, timeout: Duration) -> UpdateSource {
    UpdateSource { endpoints: Some(vec![server.url("/latest.json").parse().unwrap()]), pubkey: Some(keys.pubkey()), timeout }
}

const ON: UpdateChoice = UpdateChoice { look: true, checked_at: None };

fn refused(check: &UpdateCheck) -> &str {
    match check {
        UpdateCheck::Refused { reason, .. } => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_newer_signed_version_is_offered_and_its_package_verifies() {
    let (server, keys, app) = (FixtureServer::start(), Keys::new(), app());
    let url = server.url("/tenderwacht.tar.gz");
    server.route("/latest.json", vec![Reply::json(manifest("9.9.9", &keys.sign(PACKAGE), &url, &[&this_platform(), "windows-x86_64"]))]);
    server.route("/tenderwacht.tar.gz", vec![Reply::with_type(PACKAGE, "application/octet-stream")]);
    let (check, found) = tauri::async_runtime::block_on(update::look(app.handle(), &ON, &source(&server, &keys, Duration::from_secs(10))));
    assert_eq!(
        check,
        UpdateCheck::Offered {
            current: "0.1.0".into(),
            version: "9.9.9".into(),
            date: Some("2026-12-01".into()),
            notes: "Eisen per tabel overnemen".into()
        }
    );
    let bytes = tauri::async_runtime::block_on(update::fetch_verified(&found.unwrap())).unwrap();
    assert_eq!(bytes, PACKAGE);
}

#[test]
fn a_package_signed_with_another_key_is_refused() {
    let (server, keys, other, app) = (FixtureServer::start(), Keys::new(), Keys::new(), app());
    let url = server.url("/tenderwacht.tar.gz");
    server.route("/latest.json", vec![Reply::json(manifest("9.9.9", &other.sign(PACKAGE), &url, &[&this_platform()]))]);
    server.route("/tenderwacht.tar.gz", vec![Reply::with_type(PACKAGE, "application/octet-stream")]);
    let (_, found) = tauri::async_runtime::block_on(update::look(app.handle(), &ON, &source(&server, &keys, Duration::from_secs(10))));
    let refusal = tauri::async_runtime::block_on(update::fetch_verified(&found.expect("offered before the download"))).unwrap_err();
    assert!(refusal.to_string().starts_with("de handtekening van de update klopt niet"), "{refusal}");
}

#[test]
fn a_manifest_without_this_system_an_older_version_and_a_slow_server_are_refused_in_dutch() {
    let (server, keys, app) = (FixtureServer::start(), Keys::new(), app());
    let url = server.url("/tenderwacht.tar.gz");
    let look = |timeout| tauri::async_runtime::block_on(update::look(app.handle(), &ON, &source(&server, &keys, timeout)));

    server.route("/latest.json", vec![Reply::json(manifest("9.9.9", &keys.sign(PACKAGE), &url, &["windows-x86_64"]))]);
    let (check, found) = look(Duration::from_secs(10));
    assert!(found.is_none());
    assert_eq!(refused(&check), format!("de update is er niet voor dit systeem ({}); er is niets geïnstalleerd", this_platform()));

    server.route("/latest.json", vec![Reply::json(manifest("0.0.9", &keys.sign(PACKAGE), &url, &[&this_platform()]))]);
    let (check, found) = look(Duration::from_secs(10));
    assert!(found.is_none());
    assert_eq!(refused(&check), "de updateserver biedt versie 0.0.9 aan, die niet nieuwer is dan deze versie 0.1.0; er is niets geïnstalleerd");

    server.route("/latest.json", vec![Reply::json(manifest("0.1.0", &keys.sign(PACKAGE), &url, &[&this_platform()]))]);
    assert_eq!(look(Duration::from_secs(10)).0, UpdateCheck::Newest { current: "0.1.0".into() });

    let slow =
        Reply::Slow { delay: Duration::from_secs(4), then: Box::new(Reply::json(manifest("9.9.9", &keys.sign(PACKAGE), &url, &[&this_platform()]))) };
    server.route("/latest.json", vec![slow]);
    let (check, found) = look(Duration::from_secs(1));
    assert!(found.is_none());
    assert_eq!(refused(&check), "de updateserver antwoordde niet binnen 1 seconden; probeer het later opnieuw");
}

#[test]
fn with_looking_off_nothing_is_asked_and_an_unreachable_server_is_named() {
    let (server, keys, app) = (FixtureServer::start(), Keys::new(), app());
    server.route("/latest.json", vec![Reply::json(manifest("9.9.9", &keys.sign(PACKAGE), &server.url("/p"), &[&this_platform()]))]);
    let off = UpdateChoice { look: false, checked_at: None };
    let (check, found) = tauri::async_runtime::block_on(update::look(app.handle(), &off, &source(&server, &keys, Duration::from_secs(5))));
    assert_eq!(check, UpdateCheck::Off { current: "0.1.0".into() });
    assert!(found.is_none());
    assert_eq!(server.hits("/latest.json"), 0, "looking off must not ask the server anything");

    // A port nobody listens on: the laptop is offline as far as updates go.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let nowhere = UpdateSource {
        endpoints: Some(vec![format!("http://127.0.0.1:{closed}/latest.json").parse().unwrap()]),
        pubkey: Some(keys.pubkey()),
        timeout: Duration::from_secs(5),
    };
    let (check, _) = tauri::async_runtime::block_on(update::look(app.handle(), &ON, &nowhere));
    assert_eq!(refused(&check), "geen verbinding met de updateserver; Tenderwacht zoekt het later opnieuw");
}
