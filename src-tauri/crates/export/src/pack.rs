//! The submission pack of a bid: every document the tender asks for, named by a template, with an
//! index (PDF and plain text) that lists each requirement, its file, its validity at the closing
//! moment and its sha256 — as a zip or a folder. Missing or invalid items block the export with
//! the list of blockers unless forced; a forced pack marks them in the index. Files are streamed
//! (never read whole into memory), their hashes checked on the way, and the pack appears under
//! its final name only when complete.

use crate::atomic::AtomicFile;
use crate::error::{ExportError, Result};
use crate::names::{self, NameParts};
use crate::pdf::{self, Block, Row, Tone};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use tenderwacht_core::checklist::ItemStatus;
use tenderwacht_core::store::ChecklistScope;
use tenderwacht_core::time::{format_date_nl, format_moment_nl};
use tenderwacht_core::Store;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum PackFormat {
    Zip,
    Folder,
}

#[derive(Debug, Clone)]
pub struct PackOptions {
    pub template: String,
    pub format: PackFormat,
    /// Export even with blockers; the index marks them.
    pub force: bool,
}

impl Default for PackOptions {
    fn default() -> Self {
        Self { template: names::DEFAULT_TEMPLATE.into(), format: PackFormat::Zip, force: false }
    }
}

/// One line of the pack: a requirement for one party, with its file when it has one.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PackEntry {
    pub nr: u32,
    pub requirement: String,
    pub party: String,
    pub status: ItemStatus,
    pub reason: String,
    pub valid_until: Option<NaiveDate>,
    /// Name inside the pack.
    pub file_name: Option<String>,
    pub sha256: Option<String>,
    #[ts(type = "number | null")]
    pub size: Option<u64>,
    #[serde(skip)]
    #[ts(skip)]
    source: Option<PathBuf>,
    pub blocker: bool,
}

/// What a pack will hold, before anything is written.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PackPlan {
    pub bid_id: Uuid,
    pub tender_title: String,
    pub bidder: String,
    pub closing: Option<DateTime<Utc>>,
    pub name: String,
    pub entries: Vec<PackEntry>,
    pub blockers: Vec<String>,
}

/// What was written.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PackResult {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub files: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Blockers the index marks (a forced pack).
    pub blockers: Vec<String>,
}

/// Plans the pack of a bid: numbering, names, statuses at closing, blockers.
pub fn plan(store: &Store, bid: Uuid, template: &str) -> Result<PackPlan> {
    let b = store.bid(bid)?;
    let checklist = store.checklist(ChecklistScope::Tender(b.tender_id))?;
    let rows: Vec<_> = checklist.rows.into_iter().filter(|r| r.bid_id == bid).collect();
    let closing = rows.first().and_then(|r| r.closing);
    let mut taken = HashSet::from(["00 index.pdf".to_string(), "00 index.txt".to_string()]);
    let mut entries = vec![];
    let mut blockers = vec![];
    for (i, r) in rows.iter().enumerate() {
        let nr = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let blocker = r.status.is_problem();
        if blocker {
            blockers.push(format!("{} ({}): {}", r.requirement_name, r.party_name, r.reason));
        }
        let (mut file_name, mut sha256, mut size, mut source) = (None, None, None, None);
        if let (Some(doc_id), false) = (r.document_id, r.status == ItemStatus::Nvt) {
            let doc = store.document(doc_id)?;
            let ext = names::extension(&doc.original_name);
            let parts = NameParts {
                nr: nr as usize,
                type_name: &doc.type_name,
                provider: &r.party_name,
                ext: &ext,
                requirement: &r.requirement_name,
                tender: &r.tender_title,
            };
            let name = names::render(template, &parts).map_err(ExportError::Invalid)?;
            if store.blobs().exists(&doc.sha256) {
                file_name = Some(names::unique(name, &mut taken));
                source = Some(store.blobs().path_of(&doc.sha256));
                sha256 = Some(doc.sha256);
                size = Some(doc.size);
            } else {
                // A teammate's document whose file has not arrived from the team folder yet.
                blockers.push(format!(
                    "{} ({}): bestand wordt nog opgehaald uit de teammap; synchroniseer en probeer opnieuw",
                    r.requirement_name, r.party_name
                ));
            }
        }
        entries.push(PackEntry {
            nr,
            requirement: r.requirement_name.clone(),
            party: r.party_name.clone(),
            status: r.status,
            reason: r.reason.clone(),
            valid_until: r.valid_until,
            file_name,
            sha256,
            size,
            source,
            blocker,
        });
    }
    let name = names::sanitize(&format!("{} - {}", b.tender_title, b.party_name));
    Ok(PackPlan { bid_id: bid, tender_title: b.tender_title, bidder: b.party_name, closing, name, entries, blockers })
}

fn closing_text(plan: &PackPlan) -> String {
    plan.closing.map_or_else(|| "geen sluitingsdatum bekend (beoordeeld op vandaag)".into(), |c| format!("sluiting {}", format_moment_nl(c)))
}

/// The plain-text index.
pub fn index_text(plan: &PackPlan, made: DateTime<Utc>) -> String {
    let mut out = format!(
        "Indieningspakket — {}\nInschrijver: {}\n{}\nGemaakt: {}\n\n",
        plan.tender_title,
        plan.bidder,
        closing_text(plan),
        format_moment_nl(made)
    );
    if !plan.blockers.is_empty() {
        out.push_str(&format!("LET OP: {} onderdelen ontbreken of zijn ongeldig bij sluiting (gemarkeerd met !!).\n\n", plan.blockers.len()));
    }
    for e in &plan.entries {
        let mark = if e.blocker { "!! " } else { "" };
        out.push_str(&format!("{mark}{:02}. {} — {}\n", e.nr, e.requirement, e.party));
        out.push_str(&format!("    status bij sluiting: {} ({})\n", e.status.label(), e.reason));
        if let Some(v) = e.valid_until {
            out.push_str(&format!("    geldig t/m: {}\n", format_date_nl(v)));
        }
        match (&e.file_name, &e.sha256) {
            (Some(f), Some(h)) => out.push_str(&format!("    bestand: {f}\n    sha256: {h}\n")),
            _ => out.push_str("    bestand: geen\n"),
        }
    }
    out
}

/// The PDF index.
pub fn index_pdf(plan: &PackPlan, made: DateTime<Utc>) -> Vec<u8> {
    let rows = plan
        .entries
        .iter()
        .map(|e| Row {
            cells: vec![
                format!("{:02}", e.nr),
                format!("{}\n{}", e.requirement, e.party),
                e.file_name.clone().unwrap_or_else(|| "—".into()),
                format!("{}{}", if e.blocker { "!! " } else { "" }, e.status.label())
                    + &e.valid_until.map(|v| format!("\nt/m {}", format_date_nl(v))).unwrap_or_default(),
                e.sha256.clone().unwrap_or_default(),
            ],
            tone: Tone::from_name(e.status.tone()).map(|t| (3, t)),
        })
        .collect();
    let mut blocks = vec![];
    if !plan.blockers.is_empty() {
        blocks.push(Block::Heading(format!("Let op: {} onderdelen ontbreken of zijn ongeldig bij sluiting", plan.blockers.len())));
        for b in &plan.blockers {
            blocks.push(Block::Paragraph(format!("• {b}")));
        }
    }
    blocks.push(Block::Table {
        widths: vec![0.06, 0.30, 0.28, 0.16, 0.20],
        header: vec!["Nr".into(), "Eis / partij".into(), "Bestand".into(), "Bij sluiting".into(), "sha256".into()],
        rows,
    });
    pdf::render(&pdf::Document {
        title: format!("Indieningspakket — {}", plan.tender_title),
        subtitle: format!("Inschrijver: {} · {} · gemaakt {}", plan.bidder, closing_text(plan), format_moment_nl(made)),
        blocks,
    })
}

/// Read buffers shared by all files of a pack: allocated once (fresh 1 MB buffers per chunk cost
/// page faults and TLB flushes that showed up as 15% of packing time).
struct ChunkPool(Vec<Vec<u8>>);

const CHUNK: usize = 1 << 20;

impl ChunkPool {
    fn new() -> Self {
        Self((0..4).map(|_| vec![0u8; CHUNK]).collect())
    }
}

/// Copies a stored file into `out`, checking its sha256 on the way. The hash runs on a second
/// thread over the same chunks (handed over, then given back), so checking costs little time on a
/// two-core laptop; memory stays at the pool's four chunks.
fn copy_checked(entry: &PackEntry, out: &mut dyn Write, pool: &mut ChunkPool) -> Result<u64> {
    let (Some(src), Some(expected)) = (&entry.source, &entry.sha256) else { return Ok(0) };
    let mut file = std::fs::File::open(src).map_err(|e| ExportError::io(src, e))?;
    let (spare_tx, spare) = std::sync::mpsc::sync_channel::<Vec<u8>>(pool.0.len());
    for buf in pool.0.drain(..) {
        let _ = spare_tx.send(buf);
    }
    let result = std::thread::scope(|scope| -> Result<(String, u64)> {
        let (to_hasher, chunks) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
        let recycle = spare_tx.clone();
        let hasher = scope.spawn(move || {
            let mut h = Sha256::new();
            for chunk in chunks {
                h.update(&chunk);
                let _ = recycle.send(chunk);
            }
            hex::encode(h.finalize())
        });
        let mut total = 0u64;
        let mut failure = None;
        while let Ok(mut buf) = spare.recv() {
            buf.resize(CHUNK, 0);
            let n = match file.read(&mut buf) {
                Ok(n) => n,
                Err(e) => {
                    failure = Some(ExportError::io(src, e));
                    0
                }
            };
            if n == 0 {
                let _ = spare_tx.send(buf);
                break;
            }
            buf.truncate(n);
            if let Err(e) = out.write_all(&buf) {
                failure = Some(ExportError::io(src, e));
                let _ = spare_tx.send(buf);
                break;
            }
            total += n as u64;
            if to_hasher.send(buf).is_err() {
                break;
            }
        }
        drop(to_hasher);
        let actual = hasher.join().map_err(|_| ExportError::Invalid("controle van de hash mislukt".into()))?;
        match failure {
            Some(e) => Err(e),
            None => Ok((actual, total)),
        }
    });
    drop(spare_tx);
    pool.0.extend(spare.try_iter());
    let (actual, total) = result?;
    if actual != *expected {
        return Err(ExportError::Invalid(format!(
            "{}: het opgeslagen bestand is beschadigd (sha256 klopt niet); voeg het document opnieuw toe",
            entry.file_name.as_deref().unwrap_or_default()
        )));
    }
    Ok(total)
}

/// Writes the pack of a planned bid into `out_dir`.
pub fn write(plan: &PackPlan, out_dir: &Path, options: &PackOptions) -> Result<PackResult> {
    if !plan.blockers.is_empty() && !options.force {
        return Err(ExportError::Blocked { blockers: plan.blockers.clone() });
    }
    let made = Utc::now();
    let text = index_text(plan, made);
    let index = index_pdf(plan, made);
    let mut files = 2u32;
    let mut bytes = (text.len() + index.len()) as u64;
    let mut pool = ChunkPool::new();
    let path = match options.format {
        PackFormat::Zip => {
            let target = out_dir.join(format!("{}.zip", plan.name));
            let file = AtomicFile::create(&target)?;
            let mut zip = zip::ZipWriter::new(std::io::BufWriter::with_capacity(1 << 20, file));
            // Documents are PDFs and scans, compressed already: store them as they are.
            let stored = crate::atomic::zip_options().compression_method(zip::CompressionMethod::Stored).large_file(false);
            let zerr = |e: zip::result::ZipError| ExportError::format("zip", e);
            for e in &plan.entries {
                let Some(name) = &e.file_name else { continue };
                let opts = stored.large_file(e.size.unwrap_or(0) >= u64::from(u32::MAX));
                zip.start_file(format!("{}/{name}", plan.name), opts).map_err(zerr)?;
                bytes += copy_checked(e, &mut zip, &mut pool)?;
                files += 1;
            }
            zip.start_file(format!("{}/00 Index.txt", plan.name), stored).map_err(zerr)?;
            zip.write_all(text.as_bytes()).map_err(|e| ExportError::io(&target, e))?;
            zip.start_file(format!("{}/00 Index.pdf", plan.name), stored).map_err(zerr)?;
            zip.write_all(&index).map_err(|e| ExportError::io(&target, e))?;
            let buffered = zip.finish().map_err(zerr)?;
            let file = buffered.into_inner().map_err(|e| ExportError::io(&target, e.into_error()))?;
            file.commit()?
        }
        PackFormat::Folder => {
            std::fs::create_dir_all(out_dir).map_err(|e| ExportError::io(out_dir, e))?;
            let tmp =
                tempfile::Builder::new().prefix(".tenderwacht-").suffix(".part").tempdir_in(out_dir).map_err(|e| ExportError::io(out_dir, e))?;
            for e in &plan.entries {
                let Some(name) = &e.file_name else { continue };
                let dest = tmp.path().join(name);
                let mut f = std::fs::File::create(&dest).map_err(|err| ExportError::io(&dest, err))?;
                bytes += copy_checked(e, &mut f, &mut pool)?;
                f.sync_all().map_err(|err| ExportError::io(&dest, err))?;
                files += 1;
            }
            for (name, content) in [("00 Index.txt", text.as_bytes()), ("00 Index.pdf", index.as_slice())] {
                let dest = tmp.path().join(name);
                std::fs::write(&dest, content).map_err(|e| ExportError::io(&dest, e))?;
            }
            let target = out_dir.join(&plan.name);
            if target.exists() {
                // Replace an earlier pack: move it aside first, so a failure keeps one of the two.
                let old = out_dir.join(format!(".{}.old", plan.name));
                let _ = std::fs::remove_dir_all(&old);
                std::fs::rename(&target, &old).map_err(|e| ExportError::io(&target, e))?;
                let done = tmp.keep();
                std::fs::rename(&done, &target).map_err(|e| ExportError::io(&target, e))?;
                let _ = std::fs::remove_dir_all(&old);
            } else {
                let done = tmp.keep();
                std::fs::rename(&done, &target).map_err(|e| ExportError::io(&target, e))?;
            }
            target
        }
    };
    Ok(PackResult { path, files, bytes, blockers: plan.blockers.clone() })
}
