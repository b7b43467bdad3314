//! Aids for `scripts/figures.py`, which measures launch-to-painted time, list filtering and memory
//! next to a trivial Tauri window: with `TENDERWACHT_FIGURES=1` the window reports on stdout when
//! the Overzicht is painted and how long filters took; `--trivial-window` starts the same binary
//! with an empty page instead of the app, measured the same way. The hooks are compiled only with
//! the `figures` feature (`scripts/figures.sh` builds with it): in the shipped app the three
//! commands exist and do nothing, and the trivial window (a second embedded context) is absent.

use std::io::Write;

pub fn enabled() -> bool {
    cfg!(feature = "figures") && std::env::var_os("TENDERWACHT_FIGURES").is_some_and(|v| v == "1")
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// The first screen is painted with its data.
#[tauri::command(async)]
pub fn painted() {
    if enabled() {
        say("painted");
    }
}

/// A measured figure from the window (milliseconds).
#[tauri::command(async)]
pub fn figure(name: String, ms: f64) {
    if enabled() {
        let name: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').take(40).collect();
        say(&format!("figure {name} {ms:.1}"));
    }
}

/// Whether the window should run its measurements.
#[tauri::command(async)]
pub fn figures_mode() -> bool {
    enabled()
}

/// The trivial window: the same binary, configuration and WebKit, showing `trivial.html`.
#[cfg(feature = "figures")]
pub fn run_trivial() -> Result<(), crate::StartError> {
    let mut context = tauri::generate_context!();
    for w in &mut context.config_mut().app.windows {
        w.url = tauri::WebviewUrl::App("trivial.html".into());
        w.title = "Tenderwacht (leeg venster)".into();
    }
    tauri::Builder::default().invoke_handler(tauri::generate_handler![painted]).run(context)?;
    Ok(())
}
