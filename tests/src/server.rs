//! The loopback fixture server: serves hand-written portal pages on 127.0.0.1 with scripted
//! behaviour per URL — pages, 304 on a matching ETag, 429 or 500 before success, slow and
//! truncated bodies — so sources are tested for real without touching the internet.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the server answers to one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// 200 with a body; with `etag`, a request carrying that ETag gets 304.
    Body { body: Vec<u8>, content_type: String, etag: Option<String> },
    /// A bare status, optionally with Retry-After (seconds).
    Status { status: u16, retry_after: Option<u64> },
    /// Waits, then answers.
    Slow { delay: Duration, then: Box<Reply> },
    /// Announces more bytes than it sends, then closes the connection.
    Truncated { body: Vec<u8> },
}

impl Reply {
    pub fn json(body: impl Into<Vec<u8>>) -> Self {
        Self::Body { body: body.into(), content_type: "application/json".into(), etag: None }
    }
    pub fn with_type(body: impl Into<Vec<u8>>, content_type: &str) -> Self {
        Self::Body { body: body.into(), content_type: content_type.into(), etag: None }
    }
    pub fn status(status: u16) -> Self {
        Self::Status { status, retry_after: None }
    }
}

#[derive(Default)]
struct State {
    routes: HashMap<String, Vec<Reply>>,
    hits: HashMap<String, usize>,
    user_agents: Vec<String>,
}

pub struct FixtureServer {
    pub base: String,
    state: Arc<Mutex<State>>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

/// Reads a fixture file from `tests/fixtures`, with `{BASE}` replaced by the server's address.
pub fn fixture(name: &str, base: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()));
    match String::from_utf8(bytes) {
        Ok(s) => s.replace("{BASE}", base).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

impl FixtureServer {
    pub fn start() -> Self {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(0);
        let base = format!("http://127.0.0.1:{port}");
        let state = Arc::new(Mutex::new(State::default()));
        let (srv, st) = (server.clone(), state.clone());
        let thread = std::thread::spawn(move || {
            for request in srv.incoming_requests() {
                let st = st.clone();
                std::thread::spawn(move || answer(request, &st));
            }
        });
        Self { base, state, server, thread: Some(thread) }
    }

    /// Scripts the replies of a path (with query, if any); the last reply repeats.
    pub fn route(&self, path: &str, replies: Vec<Reply>) {
        let mut s = self.state.lock().expect("server state");
        s.routes.insert(path.to_string(), replies);
    }

    /// Requests received for a path (with query).
    pub fn hits(&self, path: &str) -> usize {
        self.state.lock().expect("server state").hits.get(path).copied().unwrap_or(0)
    }

    pub fn user_agents(&self) -> Vec<String> {
        self.state.lock().expect("server state").user_agents.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn answer(mut request: tiny_http::Request, state: &Mutex<State>) {
    let url = request.url().to_string();
    let mut sink = Vec::new();
    let _ = std::io::Read::read_to_end(request.as_reader(), &mut sink);
    let header = |name: &'static str| request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_string());
    let if_none_match = header("If-None-Match");
    let reply = {
        let mut s = match state.lock() {
            Ok(s) => s,
            Err(_) => return,
        };
        if let Some(ua) = header("User-Agent") {
            s.user_agents.push(ua);
        }
        *s.hits.entry(url.clone()).or_insert(0) += 1;
        let path_only = url.split('?').next().unwrap_or_default().to_string();
        let key = if s.routes.contains_key(&url) { url.clone() } else { path_only };
        match s.routes.get_mut(&key) {
            Some(list) if list.len() > 1 => Some(list.remove(0)),
            Some(list) => list.first().cloned(),
            None => None,
        }
    };
    let reply = reply.unwrap_or(Reply::status(404));
    respond(request, reply, if_none_match.as_deref());
}

fn respond(request: tiny_http::Request, reply: Reply, if_none_match: Option<&str>) {
    let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).ok();
    match reply {
        Reply::Slow { delay, then } => {
            std::thread::sleep(delay);
            respond(request, *then, if_none_match);
        }
        Reply::Status { status, retry_after } => {
            let mut r = tiny_http::Response::empty(status);
            if let Some(h) = retry_after.and_then(|s| header("Retry-After", &s.to_string())) {
                r = r.with_header(h);
            }
            let _ = request.respond(r);
        }
        Reply::Body { body, content_type, etag } => {
            if etag.is_some() && etag.as_deref() == if_none_match {
                let _ = request.respond(tiny_http::Response::empty(304));
                return;
            }
            let mut r = tiny_http::Response::from_data(body);
            if let Some(h) = header("Content-Type", &content_type) {
                r = r.with_header(h);
            }
            if let Some(h) = etag.and_then(|e| header("ETag", &e)) {
                r = r.with_header(h);
            }
            let _ = request.respond(r);
        }
        Reply::Truncated { body } => {
            let announced = body.len() + 4096;
            let r = tiny_http::Response::new(
                tiny_http::StatusCode(200),
                header("Content-Type", "application/json").into_iter().collect(),
                std::io::Cursor::new(body),
                Some(announced),
                None,
            );
            let _ = request.respond(r);
        }
    }
}
