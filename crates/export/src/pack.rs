//! The submission pack of a bid: every document the tender asks for, named by a template, with an
//! index (PDF and plain text) that lists each requirement, its file, its validity at the closing
//! moment and its sha256 — as a zip or a folder. Missing or invalid items block the export with
//! the list of blockers unless forced; a forced pack marks them in the index. Files are streamed
//! (never read whole into memory), their hashes checked on the way, and the pack appears under
//! its final name only when complete.

use crate::atomic::AtomicFile;
use crate::error::{ExportError, Result};
use crate::names;
use crate::pack_plan::{PackEntry, PackFormat, PackPlan};
use crate::pdf::{self, Block, Row, Tone};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
pub use tenderwacht_domain::size_nl;
use tenderwacht_domain::time::{format_date_nl, format_moment_nl};

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
    let indexes: Vec<(&str, &[u8])> = [("00 Index.txt", text.as_bytes(), plan.index_txt), ("00 Index.pdf", index.as_slice(), plan.index_pdf)]
        .into_iter()
        .filter(|(_, _, keep)| *keep)
        .map(|(n, c, _)| (n, c))
        .collect();
    let mut files = indexes.len() as u32;
    let mut bytes: u64 = indexes.iter().map(|(_, c)| c.len() as u64).sum();
    let mut pool = ChunkPool::new();
    let path = match plan.format.unwrap_or(options.format) {
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
            for (name, content) in &indexes {
                zip.start_file(format!("{}/{name}", plan.name), stored).map_err(zerr)?;
                zip.write_all(content).map_err(|e| ExportError::io(&target, e))?;
            }
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
            for (name, content) in &indexes {
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
