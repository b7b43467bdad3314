//! Entry point of the `tenderwacht` desktop binary; everything lives in the library so tests and
//! the binary share it.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(e) = tenderwacht::run() {
        eprintln!("Tenderwacht kon niet starten: {e}");
        std::process::exit(1);
    }
}
