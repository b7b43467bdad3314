//! One polite HTTP client for every source: an honest User-Agent, timeouts, a per-host rate limit,
//! retries with backoff on 429 and 5xx (honouring Retry-After), conditional requests, a body size
//! cap, and robots.txt for HTML pages.

use crate::error::SourceError;
use std::collections::HashMap;
use std::io::Read;
use std::time::{Duration, Instant};

/// How Tenderwacht introduces itself to portals.
pub const USER_AGENT: &str =
    concat!("Tenderwacht/", env!("CARGO_PKG_VERSION"), " (aanbestedingen zorg Noord-Nederland; desktop app, one request at a time)");

/// The largest answer a portal may give by default (a list page of a hundred items and a single
/// notice are far smaller).
pub const MAX_BODY_BYTES: u64 = 32 * 1024 * 1024;

/// Tunables; tests shorten the waits.
#[derive(Debug, Clone)]
pub struct HttpOptions {
    pub timeout: Duration,
    /// Minimum time between two requests to the same host.
    pub min_interval: Duration,
    pub retries: u32,
    /// First backoff; doubled each retry.
    pub backoff: Duration,
    /// Longest Retry-After honoured.
    pub max_retry_after: Duration,
    pub max_body: u64,
}

impl Default for HttpOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            min_interval: Duration::from_millis(500),
            retries: 3,
            backoff: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(60),
            max_body: MAX_BODY_BYTES,
        }
    }
}

/// A response body with its validators.
#[derive(Debug, Clone)]
pub struct Body {
    pub bytes: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub content_type: Option<String>,
}

/// The result of a (conditional) GET.
#[derive(Debug, Clone)]
pub enum Fetched {
    Body(Body),
    /// 304: the resource did not change since the validators were given.
    NotModified,
}

pub struct Fetcher {
    client: reqwest::blocking::Client,
    options: HttpOptions,
    last_request: HashMap<String, Instant>,
    robots: HashMap<String, Option<texting_robots::Robot>>,
    /// Requests sent, for reports and tests.
    pub requests: u64,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher").field("options", &self.options).field("requests", &self.requests).finish()
    }
}

fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .map(|u| format!("{}://{}:{}", u.scheme(), u.host_str().unwrap_or(""), u.port_or_known_default().unwrap_or(0)))
        .unwrap_or_default()
}

impl Fetcher {
    pub fn new(options: HttpOptions) -> Result<Self, SourceError> {
        let client = reqwest::blocking::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(options.timeout)
            .connect_timeout(options.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::limited(5))
            .tcp_nodelay(true)
            .build()
            .map_err(|e| SourceError::Network { url: String::new(), message: e.to_string() })?;
        Ok(Self { client, options, last_request: HashMap::new(), robots: HashMap::new(), requests: 0 })
    }

    fn wait_turn(&mut self, url: &str) {
        // Politeness is for portals; a loopback host is this machine (a local mirror or the test
        // fixture server) and is not slowed down.
        if reqwest::Url::parse(url).ok().and_then(|u| u.host_str().map(|h| matches!(h, "127.0.0.1" | "localhost" | "[::1]"))).unwrap_or(false) {
            return;
        }
        let host = host_of(url);
        if let Some(last) = self.last_request.get(&host) {
            let since = last.elapsed();
            if since < self.options.min_interval {
                std::thread::sleep(self.options.min_interval - since);
            }
        }
        self.last_request.insert(host, Instant::now());
    }

    /// GET with retries; `validators` (ETag, Last-Modified) make it conditional.
    pub fn get(&mut self, url: &str, validators: (Option<&str>, Option<&str>), accept: &str) -> Result<Fetched, SourceError> {
        self.send(url, validators, accept, None)
    }

    /// POST a JSON body (the TED search API), with the same retries.
    pub fn post_json(&mut self, url: &str, body: &serde_json::Value) -> Result<Body, SourceError> {
        match self.send(url, (None, None), "application/json", Some(body))? {
            Fetched::Body(b) => Ok(b),
            Fetched::NotModified => Err(SourceError::Status { url: url.into(), status: 304 }),
        }
    }

    fn send(
        &mut self,
        url: &str,
        validators: (Option<&str>, Option<&str>),
        accept: &str,
        json: Option<&serde_json::Value>,
    ) -> Result<Fetched, SourceError> {
        let mut attempt = 0;
        loop {
            self.wait_turn(url);
            self.requests += 1;
            let mut req = match json {
                Some(b) => self.client.post(url).json(b),
                None => self.client.get(url),
            }
            .header(reqwest::header::ACCEPT, accept);
            if let Some(etag) = validators.0 {
                req = req.header(reqwest::header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = validators.1 {
                req = req.header(reqwest::header::IF_MODIFIED_SINCE, lm);
            }
            let started = std::time::Instant::now();
            let result = req.send();
            let retry_wait = |attempt: u32| self.options.backoff * 2u32.saturating_pow(attempt);
            match result {
                Err(e) if attempt < self.options.retries && (e.is_timeout() || e.is_connect()) => {
                    std::thread::sleep(retry_wait(attempt));
                }
                Err(e) if e.is_timeout() => return Err(SourceError::Timeout { url: url.into(), seconds: self.options.timeout.as_secs().max(1) }),
                Err(e) => return Err(SourceError::Network { url: url.into(), message: network_message(&e) }),
                Ok(resp) => {
                    let status = resp.status();
                    if status == reqwest::StatusCode::NOT_MODIFIED {
                        return Ok(Fetched::NotModified);
                    }
                    if (status.as_u16() == 429 || status.is_server_error()) && attempt < self.options.retries {
                        let wait = retry_after(&resp).map(|w| w.min(self.options.max_retry_after)).unwrap_or_else(|| retry_wait(attempt));
                        std::thread::sleep(wait);
                    } else if !status.is_success() {
                        return Err(SourceError::Status { url: url.into(), status: status.as_u16() });
                    } else {
                        return self.read_body(url, resp, started).map(Fetched::Body);
                    }
                }
            }
            attempt += 1;
        }
    }

    /// Reads the body within the request's time limit: a server that drips a byte at a time
    /// never hits a per-read timeout, so the deadline is checked between reads (found by the
    /// network-faults test: a 200-byte drip took 20 s against a 0.8 s timeout).
    fn read_body(&self, url: &str, resp: reqwest::blocking::Response, started: std::time::Instant) -> Result<Body, SourceError> {
        let header = |name: reqwest::header::HeaderName| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let etag = header(reqwest::header::ETAG);
        let last_modified = header(reqwest::header::LAST_MODIFIED);
        let content_type = header(reqwest::header::CONTENT_TYPE);
        if resp.content_length().is_some_and(|n| n > self.options.max_body) {
            return Err(SourceError::TooLarge { url: url.into(), limit: self.options.max_body });
        }
        let timeout = || SourceError::Timeout { url: url.into(), seconds: self.options.timeout.as_secs().max(1) };
        let mut bytes = Vec::new();
        let mut limited = resp.take(self.options.max_body + 1);
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            if started.elapsed() > self.options.timeout {
                return Err(timeout());
            }
            match limited.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => bytes.extend_from_slice(chunk.get(..n).unwrap_or_default()),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if e.to_string().contains("timed out") || e.kind() == std::io::ErrorKind::TimedOut => return Err(timeout()),
                Err(_) => return Err(SourceError::Network { url: url.into(), message: "antwoord afgebroken".into() }),
            }
        }
        if bytes.len() as u64 > self.options.max_body {
            return Err(SourceError::TooLarge { url: url.into(), limit: self.options.max_body });
        }
        Ok(Body { bytes, etag, last_modified, content_type })
    }

    /// Whether robots.txt of the URL's host allows Tenderwacht to fetch it (fetched once per host).
    pub fn allowed_by_robots(&mut self, url: &str) -> Result<bool, SourceError> {
        let host = host_of(url);
        if !self.robots.contains_key(&host) {
            let mut robots_url = reqwest::Url::parse(url).map_err(|e| SourceError::Definition(format!("{url}: {e}")))?;
            robots_url.set_path("/robots.txt");
            robots_url.set_query(None);
            robots_url.set_fragment(None);
            let robots_url = robots_url.to_string();
            let robot = match self.get(&robots_url, (None, None), "text/plain") {
                Ok(Fetched::Body(b)) => texting_robots::Robot::new("Tenderwacht", &b.bytes).ok(),
                Ok(Fetched::NotModified) => None,
                Err(SourceError::Status { status, .. }) if (400..500).contains(&status) => None,
                Err(e) => return Err(e),
            };
            self.robots.insert(host.clone(), robot);
        }
        Ok(self.robots.get(&host).and_then(Option::as_ref).is_none_or(|r| r.allowed(url)))
    }
}

fn retry_after(resp: &reqwest::blocking::Response) -> Option<Duration> {
    let v = resp.headers().get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim().to_string();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(&v).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

/// A Dutch message for a failed request, with the innermost cause for support.
fn network_message(e: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    // The operating system's words (English, and different per system) stay out of the message:
    // the consultant reads what happened and what to try.
    let os = cause.to_string().to_lowercase();
    if os.contains("lookup address") || os.contains("name or service") || os.contains("no such host") || os.contains("nodename") || os.contains("dns")
    {
        "adres niet gevonden: geen internetverbinding, of het adres bestaat niet".into()
    } else if os.contains("refused") {
        "de server weigert de verbinding (adres of poort klopt niet, of de server is uit)".into()
    } else if os.contains("certificate") || os.contains("tls") || os.contains("ssl") {
        "de beveiligde verbinding is niet te vertrouwen (certificaat klopt niet)".into()
    } else if os.contains("reset") || os.contains("broken pipe") || os.contains("closed") {
        "de verbinding werd verbroken".into()
    } else if os.contains("unreachable") {
        "geen internetverbinding (netwerk onbereikbaar)".into()
    } else if e.is_connect() {
        "geen verbinding met de server (offline, of het adres bestaat niet)".into()
    } else if e.is_redirect() {
        "te veel doorverwijzingen".into()
    } else if e.is_body() || e.is_decode() {
        "antwoord afgebroken of onleesbaar".into()
    } else {
        "verzoek mislukt".into()
    }
}
