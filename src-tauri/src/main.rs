//! Entry point of the `tenderwacht` desktop binary; everything lives in the library so tests and
//! the binary share it.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The allocator of both binaries (see the workspace manifest for why).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if let Err(e) = tenderwacht::run() {
        eprintln!("Tenderwacht kon niet starten: {e}");
        std::process::exit(1);
    }
}
