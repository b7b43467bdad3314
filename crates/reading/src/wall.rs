//! The wall between a document from outside and the app: every PDF and DOCX is read by
//! `tenderwacht-reader`, a worker process of our own binaries that limits itself (memory, CPU time,
//! stack; see `limits`) before it touches the file. A worker that crashes, runs out of memory or
//! time is one file's reason ("dit document kan Tenderwacht niet veilig lezen: …"); the sync, the
//! app and the other files carry on.

use crate::error::{ReadError, Result};
use crate::limits;
use crate::text::Page;
use process_control::{ChildExt, Control};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The worker's binary name.
pub const WORKER: &str = "tenderwacht-reader";

/// What the worker writes on its standard output: the pages, or why the file cannot be read.
#[derive(Debug, Serialize, Deserialize)]
pub enum Answer {
    Pages(Vec<Page>),
    /// An e-mail's sender and attachments (a name ending in .eml or .msg).
    Mail(crate::mail::Mail),
    Refused(Refusal),
}

/// A reader's own refusal (the file is what it is), carried across the wall.
#[derive(Debug, Serialize, Deserialize)]
pub enum Refusal {
    NoText,
    Encrypted,
    DamagedPdf(String),
    NotDocx(String),
    Unsupported,
    NotMail(String),
    TooLarge(String),
    /// A limit the reader met inside the worker (OCR's child that could not read a picture).
    Unsafe(String),
    Io(String),
}

impl Refusal {
    pub fn from_error(e: &ReadError) -> Self {
        match e {
            ReadError::NoText { .. } => Self::NoText,
            ReadError::Encrypted { .. } => Self::Encrypted,
            ReadError::DamagedPdf { detail, .. } => Self::DamagedPdf(detail.clone()),
            ReadError::NotDocx { detail, .. } => Self::NotDocx(detail.clone()),
            ReadError::Unsupported { .. } => Self::Unsupported,
            ReadError::NotMail { detail, .. } => Self::NotMail(detail.clone()),
            ReadError::TooLarge { what, .. } => Self::TooLarge(what.clone()),
            ReadError::Unsafe { reason, .. } => Self::Unsafe(reason.clone()),
            other => Self::Io(other.to_string()),
        }
    }

    fn into_error(self, file: &str) -> ReadError {
        let file = file.to_string();
        match self {
            Self::NoText => ReadError::NoText { file },
            Self::Encrypted => ReadError::Encrypted { file },
            Self::DamagedPdf(detail) => ReadError::DamagedPdf { file, detail },
            Self::NotDocx(detail) => ReadError::NotDocx { file, detail },
            Self::Unsupported => ReadError::Unsupported { file },
            Self::NotMail(detail) => ReadError::NotMail { file, detail },
            Self::TooLarge(what) => ReadError::TooLarge { file, what },
            Self::Unsafe(reason) => ReadError::Unsafe { file, reason },
            Self::Io(reason) => ReadError::Unsafe { file, reason },
        }
    }
}

/// Where the worker is: `TENDERWACHT_READER`, else next to this executable, else one folder up
/// (a test binary in `target/debug/deps` finds `target/debug/tenderwacht-reader`).
pub fn worker_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("TENDERWACHT_READER") {
        return Ok(PathBuf::from(p));
    }
    let name = format!("{WORKER}{}", std::env::consts::EXE_SUFFIX);
    let exe =
        std::env::current_exe().map_err(|e| ReadError::Unsafe { file: String::new(), reason: format!("eigen programma niet gevonden: {e}") })?;
    let candidates = exe.ancestors().skip(1).take(2).map(|dir| dir.join(&name)).collect::<Vec<_>>();
    candidates.into_iter().find(|p| p.is_file()).ok_or_else(|| ReadError::Unsafe {
        file: String::new(),
        reason: format!("de documentlezer ({name}) ontbreekt naast {}; installeer Tenderwacht opnieuw", exe.display()),
    })
}

/// Reads a document file behind the wall; `name` names it in messages.
pub fn extract_file(path: &Path, name: &str) -> Result<Vec<Page>> {
    let size = std::fs::metadata(path).map_err(|e| ReadError::Io { file: name.to_string(), source: e })?.len();
    pages(ask(Some(path), None, size, name, Mode::Read)?, name)
}

/// Reads a document held in memory (an e-mail's attachment) behind the wall.
pub fn extract_bytes(bytes: &[u8], name: &str) -> Result<Vec<Page>> {
    pages(ask(None, Some(bytes), bytes.len() as u64, name, Mode::Read)?, name)
}

/// Reads the text of a scan or photo held in memory with OCR behind the wall: Tesseract runs as
/// the worker's child, inside its limits. `Ok(None)` when this laptop has no Tesseract.
pub fn recognise_bytes(bytes: &[u8], name: &str) -> Result<Option<Vec<Page>>> {
    let Some(engine) = crate::ocr::engine() else { return Ok(None) };
    pages(ask(None, Some(bytes), bytes.len() as u64, name, Mode::Ocr(&engine))?, name).map(Some)
}

/// What the worker is asked to do.
#[derive(Clone, Copy)]
enum Mode<'a> {
    Read,
    Ocr(&'a crate::ocr::Engine),
}

/// Opens an e-mail (.eml, .msg) behind the wall: its sender and attachments.
pub fn read_mail(path: &Path, name: &str) -> Result<crate::mail::Mail> {
    let size = std::fs::metadata(path).map_err(|e| ReadError::Io { file: name.to_string(), source: e })?.len();
    match ask(Some(path), None, size, name, Mode::Read)? {
        Answer::Mail(m) => Ok(m),
        _ => Err(ReadError::NotMail { file: name.to_string(), detail: "geen e-mail".into() }),
    }
}

/// Opens an e-mail held in memory (one dropped in the window) behind the wall.
pub fn read_mail_bytes(bytes: &[u8], name: &str) -> Result<crate::mail::Mail> {
    match ask(None, Some(bytes), bytes.len() as u64, name, Mode::Read)? {
        Answer::Mail(m) => Ok(m),
        _ => Err(ReadError::NotMail { file: name.to_string(), detail: "geen e-mail".into() }),
    }
}

fn pages(answer: Answer, name: &str) -> Result<Vec<Page>> {
    match answer {
        Answer::Pages(p) => Ok(p),
        _ => Err(ReadError::Unsupported { file: name.to_string() }),
    }
}

/// Runs the worker on a file (`path`) or on bytes given on its standard input (`-`).
fn ask(path: Option<&Path>, bytes: Option<&[u8]>, size: u64, name: &str, mode: Mode) -> Result<Answer> {
    if size > limits::DOCUMENT_FILE_BYTES {
        return Err(ReadError::TooLarge { file: name.to_string(), what: format!("bestand van {} MB", size / (1024 * 1024)) });
    }
    let unsafe_ = |reason: String| ReadError::Unsafe { file: name.to_string(), reason };
    let mut command = Command::new(worker_path()?);
    let wall = match mode {
        Mode::Read => limits::WORKER_WALL,
        Mode::Ocr(engine) => {
            command.arg("--ocr").arg(&engine.program).arg(&engine.languages);
            limits::OCR_WALL
        }
    };
    let mut child = command
        .arg(path.map_or(std::ffi::OsStr::new("-"), Path::as_os_str))
        .arg(name)
        .stdin(if bytes.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| unsafe_(format!("de documentlezer start niet: {e}")))?;
    // Both streams are drained on their own threads, each up to its limit, so a chatty worker
    // can neither block on a full pipe nor fill the app's memory.
    let drain = |stream: Option<Box<dyn Read + Send>>, limit: u64| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(s) = stream {
                let _ = s.take(limit + 1).read_to_end(&mut out);
            }
            out
        })
    };
    // The bytes go in on their own thread too, so a worker that stops reading cannot block us.
    let feed = bytes.map(|b| {
        let input = child.stdin.take();
        let b = b.to_vec();
        std::thread::spawn(move || {
            if let Some(mut i) = input {
                use std::io::Write;
                let _ = i.write_all(&b);
            }
        })
    });
    let stdout = drain(child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>), limits::WORKER_OUTPUT_BYTES);
    let stderr = drain(child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>), limits::WORKER_STDERR_BYTES);
    // The wall-clock limit for every platform; on Windows also the memory limit (a job object
    // around the worker, which watches its own CPU time; on Unix the worker sets its own,
    // stricter, limits before reading).
    let control = child.controlled().time_limit(wall).terminate_for_timeout();
    #[cfg(windows)]
    let control = control.memory_limit(usize::try_from(limits::WORKER_MEMORY_BYTES).unwrap_or(usize::MAX));
    let status = match control.wait() {
        Ok(Some(status)) => status,
        Ok(None) => return Err(unsafe_(format!("lezen duurde langer dan {} s", wall.as_secs()))),
        Err(e) => return Err(unsafe_(format!("de documentlezer is niet te volgen: {e}"))),
    };
    let out = stdout.join().unwrap_or_default();
    let err = stderr.join().unwrap_or_default();
    if !status.success() {
        return Err(unsafe_(crash_reason(status, &String::from_utf8_lossy(&err))));
    }
    if out.len() as u64 > limits::WORKER_OUTPUT_BYTES {
        return Err(ReadError::TooLarge { file: name.to_string(), what: "meer dan 64 MB tekst".into() });
    }
    if let Some(f) = feed {
        let _ = f.join();
    }
    match serde_json::from_slice::<Answer>(&out) {
        Ok(Answer::Refused(r)) => Err(r.into_error(name)),
        Ok(answer) => Ok(answer),
        Err(e) => Err(unsafe_(format!("onverwacht antwoord van de documentlezer ({e})"))),
    }
}

/// Why a worker ended badly, in the consultant's words (the signal or exit code for support).
fn crash_reason(status: process_control::ExitStatus, stderr: &str) -> String {
    if stderr.contains("memory allocation") || stderr.contains("out of memory") || stderr.contains("capacity overflow") {
        return format!("het vraagt meer dan {} MB geheugen (ingepakte gegevens die uitdijen?)", limits::WORKER_MEMORY_BYTES / (1024 * 1024));
    }
    if stderr.contains("stack overflow") {
        return "de opbouw is te diep genest (duizenden lagen)".into();
    }
    #[cfg(unix)]
    {
        if let Some(signal) = status.signal() {
            return match signal {
                24 | 9 => cpu_reason(),
                11 | 7 | 6 => format!("de lezer liep vast (signaal {signal}): beschadigd of misvormd bestand"),
                other => format!("de lezer werd gestopt (signaal {other})"),
            };
        }
    }
    // The worker's own CPU-time watch (Windows, `cpu`).
    if status.code() == Some(i64::from(crate::cpu::EXIT_CPU)) {
        return cpu_reason();
    }
    if stderr.contains("panicked") {
        return "de lezer liep vast op een misvormd onderdeel".into();
    }
    format!("de lezer stopte met code {}", status.code().unwrap_or(-1))
}

/// The reason of a worker ended for its CPU time.
pub fn cpu_reason() -> String {
    format!("lezen kostte meer dan {} s rekentijd", limits::WORKER_CPU_SECONDS)
}
