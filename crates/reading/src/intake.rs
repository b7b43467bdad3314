//! The one path from arrived files to the intake, for the app and the CLI: files, a folder's
//! files, or an e-mail's attachments, each read behind the wall, its facts read
//! (`arrival::read`), and kept in the intake until the consultant confirms it. A file that cannot
//! be read still waits there, with its reason; the same file twice is said once.

use crate::error::{ReadError, Result};
use crate::{arrival, mail, wall};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tenderwacht_domain::{ArrivalFacts, IntakeItem};
use tenderwacht_store::Store;
use ts_rs::TS;

/// What taking in one file did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IntakeOutcome {
    pub file_name: String,
    /// The entry in the intake, when the file is in it (new or already there).
    pub item: Option<IntakeItem>,
    /// Whether the entry is new; `false` for a file that was already in (or stored).
    pub new: bool,
    /// Why the file is not in the intake, or what to know of it (Dutch).
    pub problem: Option<String>,
}

/// Every file of `paths`: a folder stands for its files (not deeper), a mail for its attachments.
pub fn take_in(store: &mut Store, paths: &[PathBuf]) -> Result<Vec<IntakeOutcome>> {
    let mut out = vec![];
    for path in paths {
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| ReadError::Io { file: path.display().to_string(), source: e })?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect();
            files.sort();
            for f in files {
                out.extend(take_file(store, &f)?);
            }
        } else {
            out.extend(take_file(store, path)?);
        }
    }
    Ok(out)
}

fn name_of(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

fn take_file(store: &mut Store, path: &Path) -> Result<Vec<IntakeOutcome>> {
    let name = name_of(path);
    let size = std::fs::metadata(path).map_err(|e| ReadError::Io { file: name.clone(), source: e })?.len();
    if size > crate::limits::DOCUMENT_FILE_BYTES {
        let problem = ReadError::TooLarge { file: name.clone(), what: format!("bestand van {} MB", size / (1024 * 1024)) }.to_string();
        return Ok(vec![IntakeOutcome { file_name: name, item: None, new: false, problem: Some(problem) }]);
    }
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io { file: name.clone(), source: e })?;
    let source = path.parent().map(|p| p.display().to_string()).unwrap_or_default();
    take_upload(store, &name, &bytes, &source)
}

/// One file given as bytes (dropped in the window, or read from disk): a mail stands for its
/// attachments; `source` says where it came from.
pub fn take_upload(store: &mut Store, name: &str, bytes: &[u8], source: &str) -> Result<Vec<IntakeOutcome>> {
    if !mail::is_mail(name) {
        return Ok(vec![take_bytes(store, name, bytes, source, "")?]);
    }
    let m = match wall::read_mail_bytes(bytes, name) {
        Ok(m) => m,
        Err(e) => return Ok(vec![IntakeOutcome { file_name: name.to_string(), item: None, new: false, problem: Some(e.to_string()) }]),
    };
    let source = format!("bijlage van {name}{}", if m.subject.is_empty() { String::new() } else { format!(" ({})", m.subject) });
    let sender = m.from.clone().unwrap_or_default();
    let mut out: Vec<IntakeOutcome> = m
        .skipped
        .iter()
        .map(|s| IntakeOutcome { file_name: name.to_string(), item: None, new: false, problem: Some(format!("bijlage overgeslagen: {s}")) })
        .collect();
    if m.attachments.is_empty() && m.skipped.is_empty() {
        out.push(IntakeOutcome { file_name: name.to_string(), item: None, new: false, problem: Some("deze e-mail heeft geen bijlagen".into()) });
        return Ok(out);
    }
    for a in &m.attachments {
        out.push(take_bytes(store, &a.name, &a.bytes, &source, &sender)?);
    }
    Ok(out)
}

/// One file into the intake: read behind the wall, its facts kept with it. A file the reader
/// refuses (no document, damaged, password) waits with the reason as a note.
fn take_bytes(store: &mut Store, name: &str, bytes: &[u8], source: &str, sender: &str) -> Result<IntakeOutcome> {
    let today = store.today();
    let own = arrival::OwnWords::of(&store.document_types()?);
    let (facts, problem) = match wall::extract_bytes(bytes, name) {
        Ok(pages) => (arrival::read(&pages, today, &own), None),
        Err(ReadError::NoText { .. }) => (scanned(bytes, name, today, &own), None),
        Err(ReadError::Unsupported { .. }) if crate::ocr::is_picture(bytes) => (scanned(bytes, name, today, &own), None),
        Err(e) => {
            let mut f = ArrivalFacts::default();
            let why = e.to_string();
            f.notes.push(why.clone());
            (f, Some(why))
        }
    };
    let (item, new) = store.add_intake(name, bytes, source, sender, &facts)?;
    let problem = problem.or_else(|| (!new).then(|| "dit bestand is al eerder binnengekomen".to_string()));
    Ok(IntakeOutcome { file_name: name.to_string(), item: Some(item), new, problem })
}

/// A scan or photo: its text read with OCR behind the wall where this laptop has Tesseract, its
/// facts then only as sure as OCR can be; else it waits for the consultant, with the reason.
fn scanned(bytes: &[u8], name: &str, today: chrono::NaiveDate, own: &arrival::OwnWords) -> ArrivalFacts {
    let waits = |why: &str| {
        let mut f = ArrivalFacts::default();
        f.notes.push(format!("{why}; vul type en datums zelf in"));
        f
    };
    match wall::recognise_bytes(bytes, name) {
        Ok(Some(pages)) => arrival::recognised(&pages, today, own),
        Ok(None) => waits("een scan zonder tekstlaag, en tekstherkenning (Tesseract) is op deze laptop niet geïnstalleerd"),
        Err(ReadError::NoText { .. }) => waits("een scan zonder tekstlaag waarin de tekstherkenning geen tekst vond"),
        Err(ReadError::Unsafe { reason, .. }) => waits(&format!("een scan of foto die de tekstherkenning niet kon lezen ({reason})")),
        Err(ReadError::TooLarge { what, .. }) => waits(&format!("een scan of foto te groot voor de tekstherkenning ({what})")),
        Err(e) => waits(&format!("een scan zonder tekstlaag; {e}")),
    }
}
