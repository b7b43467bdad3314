//! The text of a buyer's document, page by page: PDF through `pdf_oxide` with its layout (`pdf`),
//! DOCX through `docx-rs` with its tables cell by cell, plain text as it is. The kind is told by the content, not the name (portals serve `download?id=…`).
//! The parsers' own limits (pages, a DOCX's parts and unpacked size) are checked here; the app
//! calls this only inside the reading worker (`wall`), which the operating system limits too.

use crate::error::{ReadError, Result};
pub use crate::layout::{Page, Table};
use docx_rs::{DocumentChild, ParagraphChild, RunChild, StructuredDataTagChild, TableCellContent, TableChild, TableRowChild};

/// What kind of file the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Docx,
    Text,
}

/// Tells the kind from the first bytes (and, for a zip, the name of a Word part inside it).
pub fn sniff(bytes: &[u8], file: &str) -> Result<Kind> {
    let head = &bytes[..bytes.len().min(4096)];
    if head.starts_with(b"%PDF") || head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Ok(Kind::Pdf);
    }
    if head.starts_with(b"PK\x03\x04") {
        return Ok(Kind::Docx); // docx-rs says so when it is another zip
    }
    let text_like = std::str::from_utf8(head).is_ok() || head.iter().all(|b| *b >= 0x09);
    if text_like && !head.contains(&0) {
        return Ok(Kind::Text);
    }
    Err(ReadError::Unsupported { file: file.to_string() })
}

/// Reads the text of a document; `file` names it in messages.
pub fn extract(bytes: &[u8], file: &str) -> Result<Vec<Page>> {
    let pages = match sniff(bytes, file)? {
        Kind::Pdf => crate::pdf::pages(bytes, file)?,
        Kind::Docx => docx_text(bytes, file)?,
        Kind::Text => vec![Page::text(None, decode_text(bytes))],
    };
    let letters = |p: &Page| {
        let in_tables: usize = p
            .tables
            .iter()
            .flat_map(|t| t.header.iter().chain(t.rows.iter().flatten()))
            .map(|c| c.chars().filter(|c| c.is_alphabetic()).count())
            .sum();
        p.text.chars().filter(|c| c.is_alphabetic()).count() + in_tables
    };
    if pages.iter().all(|p| letters(p) < 20) {
        return Err(ReadError::NoText { file: file.to_string() });
    }
    Ok(pages)
}

/// Plain text in UTF-8, or Windows-1252 as older Dutch files are (the domain's one rule).
fn decode_text(bytes: &[u8]) -> String {
    tenderwacht_domain::text::decode_text(bytes).0
}

/// A DOCX's zip directory, checked before anything is unpacked: its number of parts, their
/// stated unpacked size together, and no part that unpacks far beyond what text does.
fn check_docx_directory(bytes: &[u8], file: &str) -> Result<()> {
    use crate::limits::{DOCX_ENTRIES, DOCX_RATIO, DOCX_UNPACKED_BYTES};
    use tenderwacht_domain::archive::{self, ArchiveLimits, ArchiveRefusal};
    let not_docx = |detail: String| ReadError::NotDocx { file: file.to_string(), detail };
    let too_large = |what: String| ReadError::TooLarge { file: file.to_string(), what };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_docx(e.to_string()))?;
    let limits = ArchiveLimits { entries: DOCX_ENTRIES, unpacked_bytes: DOCX_UNPACKED_BYTES, ratio: DOCX_RATIO };
    let count = archive.len();
    let parts = (0..count).map(|i| archive.by_index_raw(i).map(|e| (e.name().to_string(), e.compressed_size(), e.size())));
    match archive::judge(count, parts, limits).map_err(|e| not_docx(e.to_string()))? {
        Ok(()) => Ok(()),
        Err(ArchiveRefusal::TooManyParts { parts, limit }) => Err(too_large(format!("{parts} onderdelen, meer dan {limit}"))),
        Err(ArchiveRefusal::Inflates { part, unpacked_mb }) => Err(too_large(format!("onderdeel {part} dijt uit tot {unpacked_mb} MB"))),
        Err(ArchiveRefusal::TooLarge { unpacked_mb, limit_mb }) => Err(too_large(format!("uitgepakt {unpacked_mb} MB, meer dan {limit_mb} MB"))),
    }
}

fn docx_text(bytes: &[u8], file: &str) -> Result<Vec<Page>> {
    check_docx_directory(bytes, file)?;
    let docx = docx_rs::read_docx(bytes).map_err(|e| ReadError::NotDocx { file: file.to_string(), detail: e.to_string() })?;
    let mut page = Page::text(None, String::new());
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => paragraph(p, &mut page.text),
            DocumentChild::Table(t) => page.tables.push(read_table(t)),
            DocumentChild::StructuredDataTag(t) => tag(t, &mut page.text),
            _ => {}
        }
    }
    Ok(vec![page])
}

/// A Word table cell by cell, its first row as the header (a table inside a cell becomes that
/// cell's text).
fn read_table(t: &docx_rs::Table) -> Table {
    let mut rows: Vec<Vec<String>> = vec![];
    for TableChild::TableRow(row) in &t.rows {
        let cells = row
            .cells
            .iter()
            .map(|TableRowChild::TableCell(cell)| {
                let mut text = String::new();
                for c in &cell.children {
                    match c {
                        TableCellContent::Paragraph(p) => paragraph(p, &mut text),
                        TableCellContent::Table(t) => table(t, &mut text),
                        TableCellContent::StructuredDataTag(t) => tag(t, &mut text),
                        TableCellContent::TableOfContents(_) => {}
                    }
                }
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .collect();
        rows.push(cells);
    }
    let mut rows = rows.into_iter();
    let header = rows.next().unwrap_or_default();
    Table { header, rows: rows.filter(|r| r.iter().any(|c| !c.is_empty())).collect(), x: vec![] }
}

fn paragraph(p: &docx_rs::Paragraph, out: &mut String) {
    // A list item (bulleted or numbered) starts with a bullet, as a PDF's would: the phrase
    // reader reads it as one item of the list its intro announces.
    if p.property.numbering_property.is_some() {
        out.push_str("• ");
    }
    for c in &p.children {
        paragraph_child(c, out);
    }
    out.push('\n');
}

fn paragraph_child(c: &ParagraphChild, out: &mut String) {
    match c {
        ParagraphChild::Run(r) => run(r, out),
        ParagraphChild::Hyperlink(h) => h.children.iter().for_each(|c| paragraph_child(c, out)),
        ParagraphChild::Insert(i) => i.children.iter().for_each(|c| {
            if let docx_rs::InsertChild::Run(r) = c {
                run(r, out)
            }
        }),
        ParagraphChild::StructuredDataTag(t) => tag(t, out),
        _ => {}
    }
}

fn run(r: &docx_rs::Run, out: &mut String) {
    for c in &r.children {
        match c {
            RunChild::Text(t) => out.push_str(&t.text),
            RunChild::Tab(_) | RunChild::PTab(_) => out.push(' '),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => out.push('\n'),
            _ => {}
        }
    }
}

fn table(t: &docx_rs::Table, out: &mut String) {
    for TableChild::TableRow(row) in &t.rows {
        for TableRowChild::TableCell(cell) in &row.cells {
            for c in &cell.children {
                match c {
                    TableCellContent::Paragraph(p) => paragraph(p, out),
                    TableCellContent::Table(t) => table(t, out),
                    TableCellContent::StructuredDataTag(t) => tag(t, out),
                    TableCellContent::TableOfContents(_) => {}
                }
            }
        }
    }
}

fn tag(t: &docx_rs::StructuredDataTag, out: &mut String) {
    for c in &t.children {
        match c {
            StructuredDataTagChild::Run(r) => run(r, out),
            StructuredDataTagChild::Paragraph(p) => paragraph(p, out),
            StructuredDataTagChild::Table(t) => table(t, out),
            StructuredDataTagChild::StructuredDataTag(t) => tag(t, out),
            _ => {}
        }
    }
}
