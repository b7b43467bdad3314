//! A PDF's pages as a reader sees them, through `pdf_oxide`: its words with their boxes, put back
//! into lines, cells, tables and columns by `layout`. Chosen over lopdf's `extract_text` (the
//! wave-2 reader) by measuring on 27 real public Dutch PDFs from Word, Quartz, cairo, XPP,
//! InDesign and PowerPoint, with poppler's `pdftotext -layout` as the reference (README, "De
//! stukken van de koper lezen"): it is pure Rust, so it ships inside the installers.

use crate::error::{ReadError, Result};
use crate::layout::{self, Page, WordBox};

/// Reads every page; a page whose text cannot be decoded (an odd font) is left empty and the
/// others still count.
pub fn pages(bytes: &[u8], file: &str) -> Result<Vec<Page>> {
    let damaged = |e: pdf_oxide::Error| ReadError::DamagedPdf { file: file.to_string(), detail: e.to_string() };
    let mut doc = pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| match e {
        pdf_oxide::Error::EncryptedPdf => ReadError::Encrypted { file: file.to_string() },
        e => damaged(e),
    })?;
    if doc.is_encrypted() && !doc.authenticate(b"").unwrap_or(false) {
        return Err(ReadError::Encrypted { file: file.to_string() });
    }
    let count = doc.page_count().map_err(damaged)?;
    if count > crate::limits::PDF_PAGES {
        return Err(ReadError::TooLarge { file: file.to_string(), what: format!("{count} pagina's, meer dan {}", crate::limits::PDF_PAGES) });
    }
    if count == 0 {
        return Err(ReadError::DamagedPdf { file: file.to_string(), detail: "geen pagina's".into() });
    }
    let mut pages = Vec::with_capacity(count);
    // An NvI's question and answer columns, once its header is seen (see `qa`).
    let mut qa = None;
    for index in 0..count {
        let words: Vec<WordBox> = doc
            .extract_words(index)
            .unwrap_or_default()
            .into_iter()
            .map(|w| WordBox {
                x0: w.bbox.x,
                x1: w.bbox.x + w.bbox.width,
                y: w.bbox.y,
                height: w.bbox.height,
                text: w.text.chars().filter(|c| !c.is_control()).collect(),
            })
            .collect();
        let read = crate::qa::read_page(&layout::lines(words), &mut qa);
        let number = u32::try_from(index + 1).ok();
        pages.push(Page { number, text: read.text, tables: read.tables, seals: vec![] });
    }
    if let Some(first) = pages.first_mut() {
        first.seals = seals(&mut doc);
    }
    Ok(pages)
}

/// The document's signatures and seals, as their dictionaries state them (`/Name`, `/M`) and their
/// certificate's subject; a damaged signature dictionary gives none, never an error.
fn seals(doc: &mut pdf_oxide::PdfDocument) -> Vec<layout::Seal> {
    let found = pdf_oxide::signatures::enumerate_signatures(doc).unwrap_or_default();
    found
        .into_iter()
        .map(|s| layout::Seal {
            signer: s.signer_name.clone().or_else(|| s.certificate_cn.clone()).unwrap_or_default(),
            certificate: s.certificate_cn.clone(),
            signed_at: s
                .signing_time
                .as_deref()
                .and_then(pdf_oxide::signatures::parse_pdf_date_to_epoch)
                .and_then(|t| chrono::DateTime::from_timestamp(t, 0)),
        })
        .collect()
}

/// Each of the first `max_pages` pages' largest picture, as JPEG bytes when the PDF holds it so
/// (a scanner's DCT image goes to OCR as it is) or else as PNG; a page without a picture is
/// left out, a picture over [`crate::limits::OCR_PIXELS`] is refused.
pub fn page_pictures(bytes: &[u8], file: &str, max_pages: usize) -> Result<Vec<(u32, Vec<u8>)>> {
    use pdf_oxide::extractors::images::ImageData;
    let damaged = |e: pdf_oxide::Error| ReadError::DamagedPdf { file: file.to_string(), detail: e.to_string() };
    let doc = pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| match e {
        pdf_oxide::Error::EncryptedPdf => ReadError::Encrypted { file: file.to_string() },
        e => damaged(e),
    })?;
    let count = doc.page_count().map_err(damaged)?.min(max_pages);
    let mut out = vec![];
    for index in 0..count {
        let Ok(images) = doc.extract_images(index) else { continue };
        let Some(largest) = images.into_iter().max_by_key(|i| u64::from(i.width()) * u64::from(i.height())) else { continue };
        let pixels = u64::from(largest.width()) * u64::from(largest.height());
        if pixels > crate::limits::OCR_PIXELS {
            return Err(ReadError::TooLarge {
                file: file.to_string(),
                what: format!("een afbeelding van {} miljoen beeldpunten", pixels / 1_000_000),
            });
        }
        let picture = match largest.data() {
            ImageData::Jpeg(b) => b.clone(),
            ImageData::Raw { .. } => match largest.to_png_bytes() {
                Ok(b) => b,
                Err(_) => continue,
            },
        };
        out.push((u32::try_from(index + 1).unwrap_or(u32::MAX), picture));
    }
    Ok(out)
}
