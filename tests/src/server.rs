//! The loopback fixture server (plain std TCP, one write per response): serves hand-written portal pages on 127.0.0.1 with scripted
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
    Body { body: Arc<[u8]>, content_type: String, etag: Option<String> },
    /// A bare status, optionally with Retry-After (seconds).
    Status { status: u16, retry_after: Option<u64> },
    /// Waits, then answers.
    Slow { delay: Duration, then: Box<Reply> },
    /// Announces more bytes than it sends, then closes the connection.
    Truncated { body: Vec<u8> },
    /// Closes the connection without answering (a reset as the client sees it).
    Close,
    /// Sends the head, then the body one byte per `every` (a drip that never finishes in time).
    Drip { body: Vec<u8>, every: Duration },
    /// A redirect to `location`.
    Redirect { location: String },
    /// 200 announcing `len` bytes of JSON and sending them (for body caps).
    Huge { len: usize },
}

impl Reply {
    pub fn json(body: impl Into<Vec<u8>>) -> Self {
        Self::Body { body: body.into().into(), content_type: "application/json".into(), etag: None }
    }
    pub fn with_type(body: impl Into<Vec<u8>>, content_type: &str) -> Self {
        Self::Body { body: body.into().into(), content_type: content_type.into(), etag: None }
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
    stop: Arc<std::sync::atomic::AtomicBool>,
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
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
        let base = format!("http://127.0.0.1:{port}");
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (st, flag) = (state.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if flag.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = conn else { continue };
                let st = st.clone();
                // Named, so a profile of a benchmark tells the server's work from the client's.
                let _ = std::thread::Builder::new().name("fixture-server".into()).spawn(move || serve(stream, &st));
            }
        });
        Self { base, state, stop, thread: Some(thread) }
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
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wake the accept loop.
        let _ = std::net::TcpStream::connect(self.base.trim_start_matches("http://"));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Reads one request (head and body), answers it in a single write, and closes the connection
/// (every response says `Connection: close`).
fn serve(mut stream: std::net::TcpStream, state: &Mutex<State>) {
    use std::io::{Read, Write};
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if buf.len() > 64 * 1024 {
            return;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let url = lines.next().and_then(|l| l.split(' ').nth(1)).unwrap_or("/").to_string();
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())).collect();
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let body_len: usize = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    while buf.len() < head_end + body_len {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let reply = {
        let Ok(mut s) = state.lock() else { return };
        if let Some(ua) = header("user-agent") {
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
    if answer(&mut stream, reply, header("if-none-match").as_deref()).is_ok() {
        let _ = stream.flush();
        let _ = stream.shutdown(std::net::Shutdown::Both);
    }
}

fn head(status: u16, extra: &str, len: usize) -> Vec<u8> {
    format!("HTTP/1.1 {status} {}\r\nConnection: close\r\nContent-Length: {len}\r\n{extra}\r\n", reason(status)).into_bytes()
}

/// Writes one scripted answer. Head and body go out separately, so a large body is sent from the
/// shared copy instead of being copied for every request.
fn answer(stream: &mut std::net::TcpStream, reply: Reply, if_none_match: Option<&str>) -> std::io::Result<()> {
    use std::io::Write;
    match reply {
        Reply::Slow { delay, then } => {
            std::thread::sleep(delay);
            answer(stream, *then, if_none_match)
        }
        Reply::Close => stream.shutdown(std::net::Shutdown::Both),
        Reply::Drip { body, every } => {
            stream.write_all(&head(200, "Content-Type: application/json\r\n", body.len()))?;
            for b in body {
                std::thread::sleep(every);
                stream.write_all(&[b]).and_then(|()| stream.flush())?;
            }
            Ok(())
        }
        Reply::Huge { len } => {
            stream.write_all(&head(200, "Content-Type: application/json\r\n", len))?;
            let chunk = vec![b' '; 64 * 1024];
            let mut left = len;
            while left > 0 {
                let n = left.min(chunk.len());
                stream.write_all(&chunk[..n])?;
                left -= n;
            }
            Ok(())
        }
        Reply::Redirect { location } => stream.write_all(&head(302, &format!("Location: {location}\r\n"), 0)),
        Reply::Status { status, retry_after } => {
            let extra = retry_after.map(|s| format!("Retry-After: {s}\r\n")).unwrap_or_default();
            stream.write_all(&head(status, &extra, 0))
        }
        Reply::Body { body, content_type, etag } => {
            if etag.is_some() && etag.as_deref() == if_none_match {
                return stream.write_all(&head(304, "", 0));
            }
            let mut extra = format!("Content-Type: {content_type}\r\n");
            if let Some(e) = etag {
                extra.push_str(&format!("ETag: {e}\r\n"));
            }
            stream.write_all(&head(200, &extra, body.len()))?;
            stream.write_all(&body)
        }
        Reply::Truncated { body } => {
            stream.write_all(&head(200, "Content-Type: application/json\r\n", body.len() + 4096))?;
            stream.write_all(&body)
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        302 => "Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
