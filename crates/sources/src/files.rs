//! Saved portal files read the way a sync reads them: an eForms notice, a TenderNed list page or
//! detail, a TED search response, an RSS/Atom feed (CTM included). One file may hold many
//! publications. This is what `tenderwacht-cli tender import FILE|FOLDER [--dry-run]` and the
//! conformance run over the official eForms examples use: every file gets a row per publication
//! with what was found, or the reason it was refused — never a panic, never a silent drop.

use crate::error::SourceError;
use crate::{eforms, feed, ted, tenderned};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tenderwacht_domain::publication::{Notice, NoticeKind};

/// What one file held.
#[derive(Debug)]
pub struct FileReading {
    pub path: PathBuf,
    /// "eForms", "TenderNed-lijst", "TenderNed-detail", "TED-zoekresultaat", "feed", ...
    pub kind: &'static str,
    pub notices: Vec<Notice>,
    /// eForms ids, per notice (for checking a change against what it changes).
    identities: Vec<Option<eforms::Identity>>,
    /// Refused publications or the whole file, with the reason.
    pub refused: Vec<(String, String)>,
    /// Anything else to say about the file (a documents list holds no publication).
    pub note: Option<String>,
}

impl FileReading {
    /// Nothing read (yet) from `path`; with a reason, the whole file is refused.
    fn unread(path: &Path, reason: Option<String>) -> Self {
        FileReading {
            path: path.to_path_buf(),
            kind: "onbekend",
            notices: vec![],
            identities: vec![],
            refused: reason.map(|r| (path.display().to_string(), r)).into_iter().collect(),
            note: None,
        }
    }
}

/// One line of the conformance table.
#[derive(Debug, Clone, Default, Serialize, PartialEq, ts_rs::TS)]
#[ts(export, rename = "PortalFileRow")]
pub struct Row {
    pub file: String,
    pub kind: String,
    pub notice: String,
    pub phase: String,
    pub title: String,
    pub buyer: String,
    pub closing: String,
    pub other_deadlines: Vec<String>,
    pub cpv: Vec<String>,
    pub nuts: Vec<String>,
    pub lots: usize,
    pub winners: Vec<String>,
    /// Report lines: unknown codes, unreadable values.
    pub notes: Vec<String>,
    /// Set when refused: why.
    pub refused: Option<String>,
}

fn json_kind(v: &serde_json::Value) -> Option<&'static str> {
    let o = v.as_object()?;
    if o.contains_key("notices") {
        Some("TED-zoekresultaat")
    } else if o.contains_key("content") {
        Some("TenderNed-lijst")
    } else if o.contains_key("documenten") {
        Some("TenderNed-documenten")
    } else if o.contains_key("publicatieId") {
        Some("TenderNed-detail")
    } else {
        None
    }
}

/// Reads one file's bytes. `name` is used in reasons.
pub fn read_bytes(bytes: &[u8], path: &Path) -> FileReading {
    let mut r = FileReading::unread(path, None);
    let name = path.display().to_string();
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).map_or(b' ', |i| bytes[i]);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_string();
    match start {
        b'<' if head.contains("<feed") || head.contains("<rss") => {
            r.kind = "feed";
            match feed::parse_feed(bytes) {
                Ok(list) => {
                    r.identities = list.iter().map(|_| None).collect();
                    r.notices = list;
                }
                Err(e) => r.refused.push((name, e.to_string())),
            }
        }
        b'<' => {
            r.kind = "eForms";
            match eforms::parse_with_identity(bytes, None) {
                Ok((n, id)) => {
                    r.notices.push(n);
                    r.identities.push(Some(id));
                }
                Err(e) => r.refused.push((name, e.to_string())),
            }
        }
        b'{' => match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(v) => match json_kind(&v) {
                Some("TED-zoekresultaat") => {
                    r.kind = "TED-zoekresultaat";
                    match ted::parse_search(bytes) {
                        Ok(page) => {
                            r.refused.extend(page.rejected);
                            if page.timed_out {
                                r.note = Some("timedOut: TED meldt dat deze pagina onvolledig kan zijn".into());
                            }
                            r.notices = page.hits.iter().map(ted::hit_notice).collect();
                        }
                        Err(e) => r.refused.push((name, e.to_string())),
                    }
                }
                Some("TenderNed-lijst") => {
                    r.kind = "TenderNed-lijst";
                    match tenderned::parse_page(bytes) {
                        Ok(page) => {
                            r.refused.extend(page.rejected);
                            r.notices = page.items.iter().map(|i| tenderned::to_notice(i, None, &[], "https://www.tenderned.nl")).collect();
                        }
                        Err(e) => r.refused.push((name, e.to_string())),
                    }
                }
                Some("TenderNed-detail") => {
                    r.kind = "TenderNed-detail";
                    match tenderned::Item::from_bytes(bytes) {
                        Ok(item) => r.notices.push(tenderned::to_notice(&item, None, &[], "https://www.tenderned.nl")),
                        Err(reason) => r.refused.push((name, reason.to_string())),
                    }
                }
                Some(kind) => {
                    r.kind = kind;
                    let n = tenderned::parse_documents(bytes, "https://www.tenderned.nl").map(|d| d.len()).unwrap_or(0);
                    r.note = Some(format!("{n} document(en); geen publicatie"));
                }
                None => r.refused.push((name, "JSON zonder notices, content of publicatieId: geen bekend portaalformaat".into())),
            },
            Err(e) => r.refused.push((name, SourceError::parse("JSON", e).to_string())),
        },
        _ => r.refused.push((name, "geen XML en geen JSON".into())),
    }
    r.identities.resize(r.notices.len(), None);
    r
}

/// The largest saved portal file read, the same as the largest answer a sync accepts.
pub const MAX_FILE_BYTES: u64 = crate::http::MAX_BODY_BYTES;

/// Reads a file, or every file in a folder (sorted, not recursive into hidden entries). A file
/// that cannot be read becomes a refusal; reading never panics the caller (a panic in a parser is
/// caught and reported as one).
pub fn read_path(path: &Path) -> Result<Vec<FileReading>, SourceError> {
    let mut files: Vec<PathBuf> = if path.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| tenderwacht_store::StoreError::io(path, e))?;
        let mut list: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .collect();
        list.sort();
        list
    } else {
        vec![path.to_path_buf()]
    };
    let mut out = vec![];
    for file in files.drain(..) {
        // A saved portal file is read whole: one past the size a portal answer may have (the
        // sync's own limit) is refused before it is read (an eForms notice with a 500 MB
        // description would otherwise fill memory several times over while parsed).
        if let Some(len) = std::fs::metadata(&file).ok().map(|m| m.len()).filter(|n| *n > MAX_FILE_BYTES) {
            out.push(FileReading::unread(
                &file,
                Some(format!("te groot ({} MB; een publicatie is hoogstens {} MB)", len >> 20, MAX_FILE_BYTES >> 20)),
            ));
            continue;
        }
        let reading = match std::fs::read(&file) {
            Ok(bytes) => std::panic::catch_unwind(|| read_bytes(&bytes, &file))
                .unwrap_or_else(|_| FileReading::unread(&file, Some("PANIC tijdens het lezen".into()))),
            Err(e) => FileReading::unread(&file, Some(tenderwacht_store::StoreError::io(&file, e).to_string())),
        };
        out.push(reading);
    }
    check_changes(&mut out);
    Ok(out)
}

/// Reads one file the window uploaded (its bytes and the name it had), under the same size
/// limit and panic guard as a file on disk.
pub fn read_upload(bytes: &[u8], name: &str) -> Vec<FileReading> {
    let path = Path::new(name);
    let reading = if bytes.len() as u64 > MAX_FILE_BYTES {
        FileReading::unread(path, Some(format!("te groot ({} MB; een publicatie is hoogstens {} MB)", bytes.len() >> 20, MAX_FILE_BYTES >> 20)))
    } else {
        std::panic::catch_unwind(|| read_bytes(bytes, path)).unwrap_or_else(|_| FileReading::unread(path, Some("PANIC tijdens het lezen".into())))
    };
    let mut out = vec![reading];
    check_changes(&mut out);
    out
}

/// A change notice must keep the procedure's ContractFolderID: one that changes a notice read in
/// the same run under another folder id is refused (the eForms rule that fields such as the
/// procedure's identifier cannot change).
fn check_changes(readings: &mut [FileReading]) {
    let mut folders = std::collections::HashMap::new();
    for r in readings.iter() {
        for (n, id) in r.notices.iter().zip(&r.identities) {
            if let Some(id) = id {
                folders.insert(format!("{}-{}", id.notice_id, n.version), id.contract_folder.clone());
            }
        }
    }
    for r in readings.iter_mut() {
        let mut keep = vec![];
        let notices = std::mem::take(&mut r.notices);
        let identities = std::mem::take(&mut r.identities);
        for (n, id) in notices.into_iter().zip(identities) {
            let changed = id.as_ref().and_then(|i| i.changes.as_ref().map(|c| (c.clone(), i.contract_folder.clone())));
            match changed.and_then(|(target, own)| folders.get(&target).map(|theirs| (target, own, theirs.clone()))) {
                Some((target, own, theirs)) if own != theirs => r.refused.push((
                    r.path.display().to_string(),
                    format!(
                        "wijziging van {target} met een andere ContractFolderID ({} in plaats van {})",
                        own.unwrap_or_default(),
                        theirs.unwrap_or_default()
                    ),
                )),
                _ => {
                    keep.push(n);
                    r.identities.push(id);
                }
            }
        }
        r.notices = keep;
    }
}

fn moment(at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    at.map(tenderwacht_domain::time::format_moment_nl).unwrap_or_default()
}

/// The rows of one file: a row per publication read, a row per refusal.
pub fn rows(r: &FileReading) -> Vec<Row> {
    let file = r.path.file_name().map_or_else(|| r.path.display().to_string(), |n| n.to_string_lossy().to_string());
    let mut out = vec![];
    for n in &r.notices {
        let mut other = vec![];
        for (label, at) in [("aanmelding", n.requests_deadline), ("belangstelling", n.interest_deadline), ("vragen", n.questions_deadline)] {
            if let Some(at) = at {
                other.push(format!("{label} {}", tenderwacht_domain::time::format_moment_nl(at)));
            }
        }
        let mut notes = n.notes.clone();
        notes.extend(n.unreadable.iter().map(|(f, raw)| format!("{f} onleesbaar: {raw}")));
        if n.kind == NoticeKind::Other && n.title.is_empty() {
            notes.push("geen aanbestedingsbericht".into());
        }
        out.push(Row {
            file: file.clone(),
            kind: r.kind.to_string(),
            notice: n.kind.label().to_string(),
            phase: tenderwacht_domain::ingest::phase_of(n).map(|p| p.label().to_string()).unwrap_or_else(|| "(geen)".into()),
            title: n.title.clone(),
            buyer: n.buyer.clone(),
            closing: moment(n.closing),
            other_deadlines: other,
            cpv: n.cpv.clone(),
            nuts: n.nuts.clone(),
            lots: n.lots.len(),
            winners: n.winners.iter().map(|(lot, w)| if lot.is_empty() { w.clone() } else { format!("{lot}: {w}") }).collect(),
            notes,
            refused: None,
        });
    }
    for (item, reason) in &r.refused {
        let item = if item == &r.path.display().to_string() { String::new() } else { item.clone() };
        out.push(Row { file: file.clone(), kind: r.kind.to_string(), notice: item, refused: Some(reason.clone()), ..Row::default() });
    }
    if out.is_empty() {
        out.push(Row { file, kind: r.kind.to_string(), notes: r.note.iter().cloned().collect(), ..Row::default() });
    }
    out
}
