//! The CLI as a person runs it, for the CLI's tests: a temporary data folder, a fixed "today",
//! and helpers that expect success (stdout), JSON, or a user error (exit 2, stderr).

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Cli {
    pub dir: tempfile::TempDir,
}

impl Cli {
    pub fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let start = || {
            Command::new(env!("CARGO_BIN_EXE_tenderwacht-cli"))
                .args(args)
                .env("TENDERWACHT_DATA_DIR", self.data())
                .env("TENDERWACHT_TODAY", "2026-11-23")
                .output()
        };
        // Under Wine, starting a process now and then fails with ERROR_INTERNAL_ERROR (1359)
        // before the program runs at all: that start is tried again, nothing else is.
        let mut out = start();
        for _ in 0..3 {
            match &out {
                Err(e) if e.raw_os_error() == Some(1359) => out = start(),
                _ => break,
            }
        }
        out.unwrap()
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        serde_json::from_str(&self.ok(&a)).unwrap()
    }

    /// Runs and expects a user error (exit 2); returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?} should fail with 2: {}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8(out.stderr).unwrap()
    }

    pub fn file(&self, name: &str, content: &[u8]) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        p.to_string_lossy().into_owned()
    }
}

pub fn status_of(list: &Value, code: &str) -> String {
    let rows = list["rows"].as_array().unwrap();
    let row = rows.iter().find(|r| r["type_code"] == code || r["requirement_name"] == code).unwrap();
    row["status"].as_str().unwrap().to_string()
}

pub fn db_size(p: &Path) -> u64 {
    std::fs::metadata(p.join("tenderwacht.sqlite")).map(|m| m.len()).unwrap_or(0)
}
