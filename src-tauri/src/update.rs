//! Updates the consultant chooses (Instellingen › Updates): nothing is asked of the network until
//! looking for updates is turned on on this laptop; an update is offered only when it is newer,
//! made for this system and signed with the key in the app's config, and a backup is made before
//! it installs. Every refusal has its Dutch reason here, once, for the command and the start-up
//! check alike. Built on `tauri-plugin-updater` (its own commands are not allowed to the window).

use serde::Serialize;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};
use tenderwacht_store::UpdateChoice;

/// How long the update server may take to answer a check (a download gets its own, longer time).
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(20);
/// How long downloading the package may take (20 MB on a care farm's slow line).
pub const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(600);

/// What looking for an update found, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum UpdateCheck {
    /// Looking for updates is off on this laptop: nothing was asked.
    Off { current: String },
    /// This is the newest version.
    Newest { current: String },
    /// A newer version can be installed.
    Offered { current: String, version: String, date: Option<String>, notes: String },
    /// Nothing can be offered, and why (Dutch).
    Refused { current: String, reason: String },
}

/// Why an update is not offered or not installed, in Dutch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdateRefusal {
    #[error("geen verbinding met de updateserver; Tenderwacht zoekt het later opnieuw")]
    Offline,
    #[error("de updateserver antwoordde niet binnen {0} seconden; probeer het later opnieuw")]
    Timeout(u64),
    #[error("de updateserver gaf geen bruikbaar antwoord ({0})")]
    Server(String),
    #[error("de update is er niet voor dit systeem ({0}); er is niets geïnstalleerd")]
    Platform(String),
    #[error("de updateserver biedt versie {offered} aan, die niet nieuwer is dan deze versie {current}; er is niets geïnstalleerd")]
    NotNewer { offered: String, current: String },
    #[error("de handtekening van de update klopt niet (niet gemaakt met de sleutel van Tenderwacht); er is niets geïnstalleerd")]
    Signature,
    #[error("zoek eerst naar updates: er staat geen update klaar")]
    NothingPending,
    #[error("de back-up vóór de update mislukte, dus is de update niet geïnstalleerd: {0}")]
    Backup(String),
    #[error("de update kon niet worden geïnstalleerd: {0}")]
    Install(String),
}

impl UpdateRefusal {
    /// The plugin's error in the consultant's words. A timeout is told by the time allowed.
    pub fn of(e: &tauri_plugin_updater::Error, timeout: Duration) -> Self {
        use tauri_plugin_updater::Error as E;
        match e {
            E::Reqwest(r) if r.is_timeout() => Self::Timeout(timeout.as_secs().max(1)),
            E::Reqwest(r) if r.is_connect() => Self::Offline,
            E::Reqwest(r) => match r.status() {
                Some(status) => Self::Server(format!("HTTP {}", status.as_u16())),
                None => Self::Offline,
            },
            E::Network(detail) => Self::Server(detail.clone()),
            E::ReleaseNotFound => Self::Server("geen geldige versie-informatie".into()),
            E::Serialization(_) | E::Semver(_) | E::UrlParse(_) => Self::Server("onleesbare versie-informatie".into()),
            E::TargetNotFound(target) => Self::Platform(target.clone()),
            E::TargetsNotFound(targets) => Self::Platform(targets.join(", ")),
            E::InsecureTransportProtocol => Self::Server("het adres van de updateserver is niet beveiligd (geen https)".into()),
            E::UnsupportedArch | E::UnsupportedOs => Self::Platform(format!("{} {}", std::env::consts::OS, std::env::consts::ARCH)),
            E::Minisign(_) | E::Base64(_) | E::SignatureUtf8(_) | E::SignedVersionMismatch { .. } | E::MissingSignedVersion => Self::Signature,
            other => Self::Install(other.to_string()),
        }
    }
}

/// Where updates are looked for: the app's config, unless a test points elsewhere.
#[derive(Debug, Clone)]
pub struct UpdateSource {
    pub endpoints: Option<Vec<url::Url>>,
    pub pubkey: Option<String>,
    pub timeout: Duration,
}

impl UpdateSource {
    /// The endpoint and public key of `tauri.conf.json` (`plugins.updater`).
    pub fn configured() -> Self {
        Self { endpoints: None, pubkey: None, timeout: CHECK_TIMEOUT }
    }
}

/// The update found by the last check, until it is installed or a new check replaces it.
#[derive(Default)]
pub struct Pending(pub Mutex<Option<Update>>);

/// Looks for an update when this laptop's choice allows it; with looking off nothing is asked.
pub async fn look<R: Runtime>(app: &AppHandle<R>, choice: &UpdateChoice, source: &UpdateSource) -> (UpdateCheck, Option<Update>) {
    if !choice.look {
        return (UpdateCheck::Off { current: app.package_info().version.to_string() }, None);
    }
    check(app, source).await
}

/// Asks the update server once. Returns what to show and, when offered, the update to install.
pub async fn check<R: Runtime>(app: &AppHandle<R>, source: &UpdateSource) -> (UpdateCheck, Option<Update>) {
    let current = app.package_info().version.to_string();
    let refused = |reason: UpdateRefusal| (UpdateCheck::Refused { current: current.clone(), reason: reason.to_string() }, None);
    // The version offered, also when it is not newer (so a downgrade is named, not hidden).
    let offered: Arc<Mutex<Option<String>>> = Arc::default();
    let seen = offered.clone();
    let mut builder = app.updater_builder().timeout(source.timeout).version_comparator(move |current, remote| {
        if let Ok(mut v) = seen.lock() {
            *v = Some(remote.version.to_string());
        }
        remote.version > current
    });
    if let Some(pubkey) = &source.pubkey {
        builder = builder.pubkey(pubkey.clone());
    }
    if let Some(endpoints) = &source.endpoints {
        builder = match builder.endpoints(endpoints.clone()) {
            Ok(b) => b,
            Err(e) => return refused(UpdateRefusal::of(&e, source.timeout)),
        };
    }
    let updater = match builder.build() {
        Ok(u) => u,
        Err(e) => return refused(UpdateRefusal::of(&e, source.timeout)),
    };
    match updater.check().await {
        Ok(Some(mut update)) => {
            // The check's short timeout would also end a slow download.
            update.timeout = Some(DOWNLOAD_TIMEOUT);
            let shown = UpdateCheck::Offered {
                current: current.clone(),
                version: update.version.clone(),
                date: update.date.map(|d| d.date().to_string()),
                notes: update.body.clone().unwrap_or_default(),
            };
            (shown, Some(update))
        }
        Ok(None) => match offered.lock().ok().and_then(|v| v.clone()) {
            Some(version) if version != current => refused(UpdateRefusal::NotNewer { offered: version, current: current.clone() }),
            _ => (UpdateCheck::Newest { current: current.clone() }, None),
        },
        Err(e) => refused(UpdateRefusal::of(&e, source.timeout)),
    }
}

/// Downloads the update and checks its signature against the app's key; only verified bytes
/// come back (the plugin refuses to hand out a package whose signature does not match).
pub async fn fetch_verified(update: &Update) -> Result<Vec<u8>, UpdateRefusal> {
    update.download(|_, _| {}, || {}).await.map_err(|e| UpdateRefusal::of(&e, update.timeout.unwrap_or(DOWNLOAD_TIMEOUT)))
}
