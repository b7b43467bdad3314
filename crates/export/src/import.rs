//! Bringing data in from files consultants already have: providers from a spreadsheet (XLSX, the
//! same columns and checks as CSV) and documents from a folder tree `<provider>/<file>` with the
//! document type guessed from the file name. Both are previewed first; nothing is written while
//! any row is wrong, unless those rows are skipped explicitly.

use crate::error::{ExportError, Result};
use calamine::{Data, Reader};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tenderwacht_domain::{DocumentInput, PartyKind};
use tenderwacht_store::{
    import::{providers_from_rows, ProviderImport},
    Store,
};
use uuid::Uuid;

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        // KvK numbers typed as numbers: no ".0".
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // Excel's serial day number: days since 1899-12-30.
        Data::DateTime(dt) => NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| base.checked_add_signed(chrono::Duration::days(dt.as_f64().floor() as i64)))
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A sheet as header names and numbered rows of text.
type Table = (Vec<String>, Vec<(u64, Vec<String>)>);

/// What a provider sheet may hold: rows (a consultancy supports a hundred providers; a sheet
/// of thousands is a mistake), columns read (the known headers are a dozen), and the zip's stated
/// unpacked size and per-part ratio (a sheet of a hundred rows unpacks to kilobytes).
pub const XLSX_ROWS: u32 = 50_000;
pub const XLSX_COLUMNS: u32 = 64;
pub const XLSX_UNPACKED_BYTES: u64 = 256 << 20;
pub const XLSX_RATIO: u64 = 200;
/// An XLSX of a provider list has a dozen parts; ten thousand is no ordinary workbook.
pub const XLSX_PARTS: usize = 10_000;

/// The XLSX's zip directory, checked before calamine unpacks anything (its shared strings are
/// read whole on open): a part that unpacks far beyond text, or too much together, is refused.
fn check_xlsx_directory(path: &Path) -> Result<()> {
    use tenderwacht_domain::archive::{self, ArchiveLimits, ArchiveRefusal};
    let refuse = |m: String| ExportError::format(path.display().to_string(), m);
    let file = std::fs::File::open(path).map_err(|e| ExportError::io(path, e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|_| refuse("het Excel-bestand is beschadigd of geen geldig .xlsx-bestand".into()))?;
    let limits = ArchiveLimits { entries: XLSX_PARTS, unpacked_bytes: XLSX_UNPACKED_BYTES, ratio: XLSX_RATIO };
    let count = zip.len();
    let parts = (0..count).map(|i| zip.by_index_raw(i).map(|e| (e.name().to_string(), e.compressed_size(), e.size())));
    match archive::judge(count, parts, limits).map_err(|e| refuse(e.to_string()))? {
        Ok(()) => Ok(()),
        Err(ArchiveRefusal::TooManyParts { parts, .. }) => Err(refuse(format!("{parts} onderdelen: geen gewoon Excel-bestand"))),
        Err(ArchiveRefusal::Inflates { part, unpacked_mb }) => Err(refuse(format!("onderdeel {part} dijt uit tot {unpacked_mb} MB: geweigerd"))),
        Err(ArchiveRefusal::TooLarge { unpacked_mb, .. }) => {
            Err(refuse(format!("uitgepakt {unpacked_mb} MB: te groot voor een lijst met aanbieders")))
        }
    }
}

/// Reads providers from the first sheet of an XLSX file, cell by cell (a single cell in the far
/// corner must not make a sheet of 17 billion empty cells). calamine can panic on a damaged file
/// (an empty shared-strings table referenced by a cell — found by the fuzz test), so the read
/// runs behind a panic boundary and a damaged file is reported as such.
pub fn providers_xlsx(path: &Path) -> Result<ProviderImport> {
    let damaged = || ExportError::format(path.display().to_string(), "het Excel-bestand is beschadigd of geen geldig .xlsx-bestand");
    check_xlsx_directory(path)?;
    let read = std::panic::catch_unwind(|| -> Result<Table> {
        let fmt = |e: calamine::XlsxError| ExportError::format(path.display().to_string(), e);
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).map_err(fmt)?;
        let first =
            book.sheet_names().first().cloned().ok_or_else(|| ExportError::format(path.display().to_string(), "het bestand heeft geen werkblad"))?;
        let mut cells = book.worksheet_cells_reader(&first).map_err(fmt)?;
        let mut grid: std::collections::BTreeMap<u32, Vec<String>> = std::collections::BTreeMap::new();
        while let Some(cell) = cells.next_cell().map_err(fmt)? {
            let (row, col) = cell.get_position();
            if col >= XLSX_COLUMNS {
                continue;
            }
            if row >= XLSX_ROWS {
                return Err(ExportError::format(path.display().to_string(), format!("meer dan {XLSX_ROWS} rijen: splits de lijst")));
            }
            let text = cell_text(&Data::from(cell.get_value().clone()));
            if text.is_empty() {
                continue;
            }
            let line = grid.entry(row).or_default();
            let col = col as usize;
            if line.len() <= col {
                line.resize(col + 1, String::new());
            }
            line[col] = text;
        }
        let width = grid.values().map(Vec::len).max().unwrap_or(0);
        let mut rows = grid.into_iter().map(|(r, mut line)| {
            line.resize(width, String::new());
            (r, line)
        });
        let headers = rows.next().map(|(_, h)| h).unwrap_or_default();
        let records = rows.map(|(r, line)| (u64::from(r) + 1, line)).collect();
        Ok((headers, records))
    });
    let (headers, records) = read.map_err(|_| damaged())??;
    Ok(providers_from_rows(&headers, records, &[';', '|', ','])?)
}

/// Providers from a CSV or XLSX file, by extension.
pub fn providers_file(path: &Path) -> Result<ProviderImport> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() {
        Some("xlsx" | "xlsm") => providers_xlsx(path),
        Some("csv" | "txt") => Ok(tenderwacht_store::import::read_providers_csv(path)?),
        _ => Err(ExportError::Invalid(format!("{}: kies een .csv- of .xlsx-bestand", path.display()))),
    }
}

/// One file found in a document folder, with what Tenderwacht makes of it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DocumentCandidate {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub folder: String,
    pub file_name: String,
    pub party_id: Option<Uuid>,
    pub party_name: Option<String>,
    pub type_code: Option<String>,
    pub type_name: Option<String>,
    pub issue_date: Option<NaiveDate>,
    /// Why it cannot be imported as it is.
    pub error: Option<String>,
    /// The provider already has this file as this type (an earlier import); skipped.
    pub already_present: bool,
}

/// Words in file names, folded, and the catalogue code they point to (first match wins, most
/// specific first).
const TYPE_WORDS: &[(&str, &str)] = &[
    ("gedragsverklaring", "gva"),
    ("gva", "gva"),
    ("vog", "vog"),
    ("verklaring omtrent", "vog"),
    ("kvk", "kvk"),
    ("handelsregister", "kvk"),
    ("uittreksel", "kvk"),
    ("uea", "uea"),
    ("espd", "uea"),
    ("eigen verklaring", "eigen-verklaring"),
    ("hkz", "hkz"),
    ("iso", "iso9001"),
    ("laat je zien", "kkljz"),
    ("kkljz", "kkljz"),
    ("beroepsaansprakelijkheid", "bav"),
    ("bav", "bav"),
    ("bedrijfsaansprakelijkheid", "avb"),
    ("avb", "avb"),
    ("polis", "avb"),
    ("klachtenregeling", "wkkgz-klachten"),
    ("geschil", "wkkgz-geschillen"),
    ("meldcode", "meldcode"),
    ("privacy", "privacy"),
    ("jaarrekening", "jaarrekening"),
    ("betalingsgedrag", "betalingsgedrag"),
    ("skj", "skj"),
    ("big", "big"),
];

/// The catalogue code a file name suggests.
pub fn guess_type(file_name: &str) -> Option<&'static str> {
    let folded = tenderwacht_domain::text::fold_with(file_name, |c| if c.is_alphanumeric() { c } else { ' ' });
    let padded = format!(" {folded} ");
    TYPE_WORDS.iter().find(|(w, _)| padded.contains(&format!(" {w}"))).map(|(_, code)| *code)
}

/// A date in a file name: 2026-03-01, 20260301 or 01-03-2026.
pub fn guess_date(file_name: &str) -> Option<NaiveDate> {
    let digits: Vec<&str> = file_name.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    for w in digits.windows(3) {
        if let (Ok(a), Ok(b), Ok(c)) = (w[0].parse::<i32>(), w[1].parse::<u32>(), w[2].parse::<u32>()) {
            if w[0].len() == 4 {
                if let Some(d) = NaiveDate::from_ymd_opt(a, b, c) {
                    return Some(d);
                }
            } else if w[2].len() == 4 {
                if let Some(d) = NaiveDate::from_ymd_opt(i32::try_from(c).unwrap_or(0), b, u32::try_from(a).unwrap_or(0)) {
                    return Some(d);
                }
            }
        }
    }
    digits.iter().filter(|s| s.len() == 8).find_map(|s| NaiveDate::parse_from_str(s, "%Y%m%d").ok())
}

fn sha256_of(path: &Path) -> Result<String> {
    let mut f = std::fs::File::open(path).map_err(|e| ExportError::io(path, e))?;
    Ok(crate::backup::copy_hashing(&mut f, &mut std::io::sink(), path)?.0)
}

/// Looks at a folder tree `<provider>/<file>` without writing anything.
pub fn preview_folder(store: &Store, root: &Path) -> Result<Vec<DocumentCandidate>> {
    let types = store.document_types()?;
    let mut out = vec![];
    let mut dirs: Vec<_> = std::fs::read_dir(root).map_err(|e| ExportError::io(root, e))?.flatten().collect();
    dirs.sort_by_key(std::fs::DirEntry::file_name);
    for dir in dirs {
        let Ok(kind) = dir.file_type() else { continue };
        // Symbolic links are not followed: the import reads only what is inside the chosen folder.
        if !kind.is_dir() {
            continue;
        }
        let folder = dir.file_name().to_string_lossy().into_owned();
        let party = store.resolve_party(&folder, Some(PartyKind::Provider)).ok().and_then(|id| store.party(id).ok());
        let mut files: Vec<_> = std::fs::read_dir(dir.path()).map_err(|e| ExportError::io(dir.path(), e))?.flatten().collect();
        files.sort_by_key(std::fs::DirEntry::file_name);
        for f in files {
            let Ok(fk) = f.file_type() else { continue };
            let file_name = f.file_name().to_string_lossy().into_owned();
            if file_name.starts_with('.') {
                continue;
            }
            let mut c = DocumentCandidate {
                path: f.path(),
                folder: folder.clone(),
                file_name: file_name.clone(),
                party_id: party.as_ref().map(|p| p.id),
                party_name: party.as_ref().map(|p| p.name.clone()),
                type_code: None,
                type_name: None,
                issue_date: guess_date(&file_name),
                error: None,
                already_present: false,
            };
            if !fk.is_file() {
                c.error = Some("geen gewoon bestand (map of koppeling); overgeslagen".into());
            } else if party.is_none() {
                c.error = Some(format!("geen aanbieder gevonden voor map '{folder}' (gebruik de naam of het KvK-nummer)"));
            }
            if let Some(code) = guess_type(&file_name) {
                if let Some(t) = types.iter().find(|t| t.code == code) {
                    c.type_code = Some(t.code.clone());
                    c.type_name = Some(t.name.clone());
                }
            }
            if c.error.is_none() && c.type_code.is_none() {
                c.error = Some("soort document niet te herkennen aan de naam".into());
            }
            let printed = c
                .type_code
                .as_ref()
                .and_then(|code| types.iter().find(|t| &t.code == code))
                .is_some_and(|t| matches!(t.rule, tenderwacht_domain::ValidityRule::UntilPrinted));
            if c.error.is_none() && printed {
                c.error = Some(format!(
                    "{} heeft een vervaldatum op het document; voeg het los toe met die datum",
                    c.type_name.clone().unwrap_or_default()
                ));
            }
            if let (Some(p), Some(code), true) = (&party, &c.type_code, fk.is_file()) {
                let sha = sha256_of(&c.path)?;
                c.already_present = store.documents(p.id, false)?.iter().any(|d| d.sha256 == sha && &d.type_code == code);
            }
            if c.issue_date.is_none() {
                c.issue_date = f.metadata().ok().and_then(|m| m.modified().ok()).map(|t| tenderwacht_domain::time::local_date(t.into()));
            }
            out.push(c);
        }
    }
    Ok(out)
}

/// Imports previewed documents: refuses when any has an error unless `skip_invalid`.
pub fn commit_folder(store: &mut Store, candidates: &[DocumentCandidate], skip_invalid: bool) -> Result<u32> {
    let bad: Vec<String> = candidates.iter().filter_map(|c| c.error.as_ref().map(|e| format!("{}/{}: {e}", c.folder, c.file_name))).collect();
    if !bad.is_empty() && !skip_invalid {
        return Err(ExportError::Invalid(format!("{} bestand(en) niet te importeren, niets geïmporteerd:\n{}", bad.len(), bad.join("\n"))));
    }
    let mut n = 0;
    // Files an earlier (perhaps interrupted) import already stored are skipped: importing the same
    // folder again completes it instead of doubling it.
    for c in candidates.iter().filter(|c| c.error.is_none() && !c.already_present) {
        let (Some(party_id), Some(type_code), Some(issue_date)) = (c.party_id, c.type_code.clone(), c.issue_date) else { continue };
        store.add_document(&DocumentInput {
            party_id,
            type_code,
            file: c.path.clone(),
            original_name: Some(c.file_name.clone()),
            issue_date,
            expiry_date: None,
            note: format!("geïmporteerd uit map {}", c.folder),
        })?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_types_and_dates_from_names() {
        assert_eq!(guess_type("KvK uittreksel 2026-09-01.pdf"), Some("kvk"));
        assert_eq!(guess_type("gedragsverklaring-aanbesteden.pdf"), Some("gva"));
        assert_eq!(guess_type("Polis_BAV_2026.pdf"), Some("bav"));
        assert_eq!(guess_type("vakantiefoto.jpg"), None);
        assert_eq!(guess_date("KvK 2026-09-01.pdf"), NaiveDate::from_ymd_opt(2026, 9, 1));
        assert_eq!(guess_date("vog_15-03-2026.pdf"), NaiveDate::from_ymd_opt(2026, 3, 15));
        assert_eq!(guess_date("scan20260115.pdf"), NaiveDate::from_ymd_opt(2026, 1, 15));
        assert_eq!(guess_date("2026-13-45.pdf"), None);
    }
}
