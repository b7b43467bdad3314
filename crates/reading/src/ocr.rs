//! Text from a scan or a photo (a provider's certificate scanned on an office copier, a policy
//! photographed with a phone), read by Tesseract, the system program, with its Dutch model. It runs
//! only inside the reading worker, as the worker's child: it inherits the worker's limits (memory,
//! CPU time, no file writes, no network) and gets the picture on its standard input, so a hostile
//! image can only end that child. Where Tesseract is not installed the file is said to be a scan and
//! waits for the consultant's dates (the intake says so).

use crate::error::{ReadError, Result};
use crate::layout::Page;
use crate::limits;
use process_control::{ChildExt, Control};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Tesseract as found on this laptop: the program and the languages it reads with ("nld+eng").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engine {
    pub program: PathBuf,
    pub languages: String,
}

/// What tells a picture file from its first bytes (a name says nothing: "scan0001.pdf.jpg").
pub fn is_picture(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8, 0xFF]) || bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*")
}

/// Tesseract on this laptop: `TENDERWACHT_TESSERACT` (a path, or `uit` for none), else
/// `tesseract` on the PATH, else (Windows) the UB Mannheim installer's folder. `None` when it is
/// not there or reads neither Dutch nor English. Once found it is kept; not found, it is looked
/// for again at the next scan, so installing it while the app runs is enough.
pub fn engine() -> Option<Engine> {
    static FOUND: OnceLock<Engine> = OnceLock::new();
    if let Some(e) = FOUND.get() {
        return Some(e.clone());
    }
    let found = find()?;
    Some(FOUND.get_or_init(|| found).clone())
}

fn find() -> Option<Engine> {
    let program = match std::env::var_os("TENDERWACHT_TESSERACT") {
        Some(p) if p == "uit" => return None,
        Some(p) => PathBuf::from(p),
        None => on_path()?,
    };
    let languages = languages(&program)?;
    Some(Engine { program, languages })
}

fn on_path() -> Option<PathBuf> {
    let name = format!("tesseract{}", std::env::consts::EXE_SUFFIX);
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if cfg!(windows) {
        for var in ["ProgramFiles", "LOCALAPPDATA"] {
            if let Some(base) = std::env::var_os(var) {
                dirs.push(Path::new(&base).join("Tesseract-OCR"));
                dirs.push(Path::new(&base).join("Programs").join("Tesseract-OCR"));
            }
        }
    }
    dirs.into_iter().map(|d| d.join(&name)).find(|p| p.is_file())
}

/// The languages to read with: Dutch and English where installed (a certificate from an
/// international body is in English), from `tesseract --list-langs`.
fn languages(program: &Path) -> Option<String> {
    let mut child = Command::new(program).arg("--list-langs").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().ok()?;
    let mut out = String::new();
    let reader = child.stdout.take().map(|s| {
        std::thread::spawn(move || {
            let mut s = s.take(64 * 1024);
            let mut text = String::new();
            let _ = s.read_to_string(&mut text);
            text
        })
    });
    let status = child.controlled().time_limit(std::time::Duration::from_secs(10)).terminate_for_timeout().wait().ok()??;
    if let Some(r) = reader {
        out = r.join().unwrap_or_default();
    }
    if !status.success() {
        return None;
    }
    let listed: Vec<&str> = out.lines().skip(1).map(str::trim).collect();
    let chosen: Vec<&str> = ["nld", "eng"].into_iter().filter(|l| listed.contains(l)).collect();
    (!chosen.is_empty()).then(|| chosen.join("+"))
}

/// The pictures to read of a file: the file itself when it is one, else each page's largest
/// picture of a PDF without a text layer (a scanner puts one per page), first pages first.
pub fn pictures(bytes: &[u8], file: &str) -> Result<Vec<(u32, Vec<u8>)>> {
    if is_picture(bytes) {
        return Ok(vec![(1, bytes.to_vec())]);
    }
    if crate::text::sniff(bytes, file)? != crate::text::Kind::Pdf {
        return Err(ReadError::Unsupported { file: file.to_string() });
    }
    crate::pdf::page_pictures(bytes, file, limits::OCR_PAGES)
}

/// Reads the text of a scan or photo with Tesseract (inside the worker); a page Tesseract cannot
/// read is empty and the others count; no text on any page is [`ReadError::NoText`].
pub fn recognise(bytes: &[u8], file: &str, engine: &Engine) -> Result<Vec<Page>> {
    let pictures = pictures(bytes, file)?;
    if pictures.is_empty() {
        return Err(ReadError::NoText { file: file.to_string() });
    }
    let mut pages = vec![];
    let mut failed = None;
    for (number, picture) in pictures {
        match read_picture(&picture, engine) {
            Ok(text) => pages.push(Page::text(Some(number), text)),
            Err(why) => failed = Some(why),
        }
    }
    if pages.iter().all(|p| p.text.chars().filter(|c| c.is_alphabetic()).count() < 20) {
        return Err(match failed {
            Some(reason) => ReadError::Unsafe { file: file.to_string(), reason },
            None => ReadError::NoText { file: file.to_string() },
        });
    }
    Ok(pages)
}

/// One picture through Tesseract: given on its standard input, text on its standard output
/// (bounded), one thread (OpenMP's threads would each take a share of the worker's memory), ended
/// after [`limits::OCR_PAGE_WALL`].
fn read_picture(picture: &[u8], engine: &Engine) -> std::result::Result<String, String> {
    let mut child = Command::new(&engine.program)
        .args(["stdin", "stdout", "-l", &engine.languages, "--psm", "3"])
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("Tesseract start niet ({e})"))?;
    let input = child.stdin.take();
    let picture = picture.to_vec();
    let feed = std::thread::spawn(move || {
        if let Some(mut i) = input {
            let _ = i.write_all(&picture);
        }
    });
    let output = child.stdout.take().map(|s| {
        std::thread::spawn(move || {
            let mut out = vec![];
            let _ = s.take(limits::OCR_TEXT_BYTES).read_to_end(&mut out);
            out
        })
    });
    let status = match child.controlled().time_limit(limits::OCR_PAGE_WALL).terminate_for_timeout().wait() {
        Ok(Some(s)) => s,
        Ok(None) => return Err(format!("een pagina duurde langer dan {} s", limits::OCR_PAGE_WALL.as_secs())),
        Err(e) => return Err(format!("Tesseract is niet te volgen ({e})")),
    };
    let _ = feed.join();
    let out = output.and_then(|o| o.join().ok()).unwrap_or_default();
    if !status.success() {
        return Err("beschadigd, te groot of geen afbeelding".into());
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_told_by_their_first_bytes() {
        assert!(is_picture(&[0xFF, 0xD8, 0xFF, 0xE0]));
        assert!(is_picture(b"\x89PNG\r\n\x1a\n...."));
        assert!(is_picture(b"II*\0...."));
        assert!(!is_picture(b"%PDF-1.7"));
        assert!(!is_picture(b"PK\x03\x04"));
    }

    #[test]
    fn a_file_that_is_neither_picture_nor_pdf_has_no_pictures() {
        assert!(matches!(pictures(b"PK\x03\x04rest", "x.docx"), Err(ReadError::Unsupported { .. })));
    }
}
