//! A data folder and the loopback fixture server wired together for the source tests: the shipped
//! sources point at the server (disabled until a test routes them), and a sync with short
//! timeouts and retries.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::server::{fixture, FixtureServer, Reply};
use std::time::Duration;
use tenderwacht_sources::http::HttpOptions;
use tenderwacht_sources::sync::{SyncOptions, SyncReport};
use tenderwacht_sources::Syncer;
use tenderwacht_store::Store;

/// TenderNed's list endpoint as the fixtures route it.
pub const LIST: &str = "/papi/tenderned-rs-tns/v2/publicaties";

pub fn options() -> SyncOptions {
    SyncOptions {
        http: HttpOptions {
            timeout: Duration::from_millis(800),
            min_interval: Duration::ZERO,
            retries: 2,
            backoff: Duration::from_millis(10),
            max_retry_after: Duration::from_secs(1),
            max_body: 1024 * 1024,
        },
        download_documents: true,
        max_pages: 10,
    }
}

pub struct World {
    pub _dir: tempfile::TempDir,
    pub store: Store,
    pub server: FixtureServer,
}

#[allow(clippy::new_without_default)]
impl World {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let server = FixtureServer::start();
        for s in store.sources().unwrap() {
            // Point the shipped sources at the fixture server; only enable what a test routes.
            store.update_source(s.id, Some(&server.base), Some(false)).unwrap();
        }
        Self { _dir: dir, store, server }
    }

    pub fn enable(&mut self, name: &str) {
        let s = self.store.source(name).unwrap();
        self.store.update_source(s.id, None, Some(true)).unwrap();
    }

    pub fn route_tenderned(&self) {
        let b = &self.server.base;
        self.server.route(
            &format!("{LIST}?page=0&size=100"),
            vec![Reply::Body {
                body: fixture("tenderned/page-0.json", b).into(),
                content_type: "application/json".into(),
                etag: Some("\"p0-v1\"".into()),
            }],
        );
        self.server.route(&format!("{LIST}?page=1&size=100"), vec![Reply::json(fixture("tenderned/page-1.json", b))]);
        for id in ["400123", "400130", "400125", "400126", "400120", "400119"] {
            self.server.route(&format!("{LIST}/{id}"), vec![Reply::json(fixture(&format!("tenderned/detail-{id}.json"), b))]);
        }
        for id in ["400123", "400130"] {
            self.server.route(&format!("{LIST}/{id}/documenten"), vec![Reply::json(fixture(&format!("tenderned/documents-{id}.json"), b))]);
        }
    }

    pub fn sync(&mut self, only: Option<&str>) -> Vec<SyncReport> {
        let profile = self.store_profile();
        let mut syncer = Syncer::new(&mut self.store, profile, options()).unwrap();
        syncer.sync_all(only, &mut |_| {}).unwrap()
    }

    pub fn store_profile(&self) -> Vec<tenderwacht_domain::profile::SearchProfile> {
        self.store.profiles().unwrap()
    }
}
