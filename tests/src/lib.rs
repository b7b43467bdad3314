//! Shared helpers for the cross-crate integration tests: where the built binaries are, and a
//! private X server for desktop tests, so no test depends on the developer's own display.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod arrivals;
pub mod corpus;
pub mod leidraad;
pub mod server;
pub mod team;
pub mod world;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The workspace's target folder (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("target"))
}

/// A binary built by `cargo build` (the test script builds all binaries before testing).
pub fn binary(name: &str) -> PathBuf {
    let path = target_dir().join("debug").join(name);
    assert!(path.is_file(), "{} is missing: run `cargo build --workspace --bins` first (scripts/test.sh does)", path.display());
    path
}

/// Folder for screenshots and logs the tests leave for people to look at.
pub fn artifacts_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("artifacts");
    std::fs::create_dir_all(&dir).ok();
    dir
}

/// Every file under `dir`, at any depth (empty when `dir` does not exist).
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A child process that is killed when the guard drops, so a failing test leaves nothing running.
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A child started in its own process group; the whole group (the child and everything it
/// started, such as tauri-driver's WebKitWebDriver) is killed when the guard drops.
pub struct ProcessGroup(Child);

impl ProcessGroup {
    pub fn spawn(cmd: &mut Command) -> Self {
        use std::os::unix::process::CommandExt;
        Self(cmd.process_group(0).spawn().expect("spawn"))
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.0.id())]).status();
        let _ = self.0.wait();
    }
}

/// A private Xvfb display for one test.
pub struct Xvfb {
    pub display: String,
    child: Child,
}

impl Xvfb {
    /// Starts Xvfb on a free display. Tests run in parallel and an Xvfb killed elsewhere can
    /// leave its socket or lock behind, so a display that is taken (socket present, or Xvfb
    /// exits at once) is skipped rather than shared.
    pub fn start(width: u32, height: u32) -> Self {
        let first = 90 + std::process::id() % 400;
        for n in (first..first + 400).map(|n| 90 + (n - 90) % 800) {
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
            if socket.exists() {
                continue;
            }
            let display = format!(":{n}");
            let mut child = Command::new("Xvfb")
                .args([display.as_str(), "-screen", "0", &format!("{width}x{height}x24"), "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb not installed: run scripts/install-deps.sh");
            let mut exited = false;
            let up = wait_for(Duration::from_secs(10), || {
                exited = matches!(child.try_wait(), Ok(Some(_)));
                exited || socket.exists()
            });
            if up.is_ok() && !exited {
                return Self { display, child };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("no free X display for Xvfb");
    }
}

impl Drop for Xvfb {
    /// SIGTERM, so Xvfb removes its socket and lock file (SIGKILL leaves them behind).
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        if wait_for(Duration::from_secs(3), || matches!(self.child.try_wait(), Ok(Some(_)))).is_err() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// Polls `check` every 100 ms until it holds or `timeout` passes.
pub fn wait_for(timeout: Duration, mut check: impl FnMut() -> bool) -> Result<Duration, Duration> {
    let start = Instant::now();
    loop {
        if check() {
            return Ok(start.elapsed());
        }
        if start.elapsed() > timeout {
            return Err(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
