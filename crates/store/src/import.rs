//! Importing providers from a CSV file as consultants keep them in a spreadsheet (with the facts
//! forms ask, when the sheet has those columns): every row is checked first and reported with its
//! line number; nothing is written while any row is wrong.

use crate::error::{Result, StoreError};
use crate::Store;
use serde::Serialize;
use std::path::Path;
use tenderwacht_domain::{CareDomain, PartyInput, ProviderFacts};
use ts_rs::TS;
use uuid::Uuid;

/// A row that cannot be imported, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RowError {
    /// Line in the file (the header is line 1).
    pub line: u64,
    pub message: String,
}

/// Parsed rows and the errors found in them.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderImport {
    pub rows: Vec<(u64, PartyInput)>,
    /// The facts forms ask, for the rows that had any (by line).
    pub facts: std::collections::HashMap<u64, ProviderFacts>,
    pub errors: Vec<RowError>,
}

/// Header names accepted per field (Dutch first, English second).
const COLUMNS: &[(&str, &[&str])] = &[
    ("name", &["naam", "name"]),
    ("kvk", &["kvk", "kvk-nummer", "kvknummer"]),
    ("agb", &["agb", "agb-code"]),
    ("place", &["plaats", "place", "vestigingsplaats"]),
    ("municipalities", &["gemeenten", "municipalities"]),
    ("domains", &["domeinen", "domains", "domein"]),
    ("contact", &["contactpersoon", "contact"]),
    ("email", &["email", "e-mail"]),
    ("phone", &["telefoon", "phone"]),
    ("notes", &["notities", "notes", "opmerkingen"]),
    ("legal_name", &["statutaire naam", "legal name"]),
    ("trade_names", &["handelsnamen", "handelsnaam", "trade names"]),
    ("vestiging", &["vestigingsnummer", "vestiging"]),
    ("street", &["adres", "straat", "street"]),
    ("postcode", &["postcode"]),
    ("signatory_name", &["tekenbevoegde", "signatory"]),
    ("signatory_role", &["functie tekenbevoegde", "functie", "signatory role"]),
    ("quality_marks", &["keurmerken", "keurmerk", "quality marks"]),
    ("agb_codes", &["agb-codes", "agb codes", "overige agb-codes"]),
];

/// The largest provider CSV read (a million providers fit in about a tenth of it).
pub const CSV_MAX_BYTES: u64 = 256 * 1024 * 1024;
/// The longest field: a name, a list of municipalities or a note; a longer one is a broken file
/// (an unclosed quote swallows the rest of the file into one field).
pub const CSV_MAX_FIELD: usize = 64 * 1024;
/// At most this many columns, as in a spreadsheet import.
pub const CSV_MAX_COLUMNS: usize = 64;
/// At most this many rows.
pub const CSV_MAX_ROWS: usize = 2_000_000;

/// Reads a provider CSV (comma or semicolon separated, UTF-8 with or without BOM, or Windows-1252
/// as Excel saves it; CRLF or LF). Lists in a cell (municipalities, domains) are separated by `;`
/// or `|` (or `,` in a semicolon file). Read behind limits: file size, field length, columns and
/// rows; a row past a field or column limit is an error of that row, the rest still counts.
pub fn read_providers_csv(path: &Path) -> Result<ProviderImport> {
    let size = std::fs::metadata(path).map_err(|e| StoreError::io(path, e))?.len();
    if size > CSV_MAX_BYTES {
        return Err(StoreError::Import(format!("het bestand is te groot ({} MB; hoogstens {} MB)", size >> 20, CSV_MAX_BYTES >> 20)));
    }
    let bytes = std::fs::read(path).map_err(|e| StoreError::io(path, e))?;
    let (text, _legacy) = tenderwacht_domain::text::decode_text(&bytes);
    drop(bytes);
    let text = text.as_str();
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
    let list_seps: &[char] = if delimiter == b';' { &[',', '|'] } else { &[';', '|'] };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().map_err(|e| StoreError::Import(e.to_string()))?.iter().map(str::to_string).collect();
    if headers.len() > CSV_MAX_COLUMNS {
        return Err(StoreError::Import(format!("de eerste regel heeft {} kolommen; hoogstens {CSV_MAX_COLUMNS}", headers.len())));
    }
    let mut records = vec![];
    let mut unreadable = vec![];
    for (i, record) in reader.records().enumerate() {
        let line = i as u64 + 2;
        if i >= CSV_MAX_ROWS {
            return Err(StoreError::Import(format!("meer dan {CSV_MAX_ROWS} regels; splits het bestand")));
        }
        match record {
            Ok(r) if r.len() > CSV_MAX_COLUMNS => {
                unreadable.push(RowError { line, message: format!("{} kolommen; hoogstens {CSV_MAX_COLUMNS}", r.len()) })
            }
            Ok(r) if r.iter().any(|f| f.len() > CSV_MAX_FIELD) => unreadable
                .push(RowError { line, message: format!("een veld is langer dan {} kB (een aanhalingsteken niet gesloten?)", CSV_MAX_FIELD / 1024) }),
            Ok(r) => records.push((line, r.iter().map(str::to_string).collect())),
            Err(e) => unreadable.push(RowError { line, message: format!("onleesbare regel: {e}") }),
        }
    }
    let mut import = providers_from_rows(&headers, records, list_seps)?;
    import.errors.extend(unreadable);
    import.errors.sort_by_key(|e| e.line);
    Ok(import)
}

/// Checks provider rows from any table (CSV, spreadsheet): `headers` name the columns, each row
/// carries its line number. Lists in a cell are split on `list_seps`.
pub fn providers_from_rows(headers: &[String], records: Vec<(u64, Vec<String>)>, list_seps: &[char]) -> Result<ProviderImport> {
    let index = |field: &str| -> Option<usize> {
        let names = COLUMNS.iter().find(|(f, _)| *f == field).map(|(_, n)| *n).unwrap_or_default();
        headers.iter().position(|h| names.contains(&h.trim().to_lowercase().as_str()))
    };
    let (Some(name_col), Some(kvk_col)) = (index("name"), index("kvk")) else {
        return Err(StoreError::Import("kolommen 'naam' en 'kvk' zijn verplicht".into()));
    };
    let cols: Vec<Option<usize>> = COLUMNS.iter().map(|(f, _)| index(f)).collect();
    let mut rows = vec![];
    let mut facts = std::collections::HashMap::new();
    let mut errors = vec![];
    for (line, record) in records {
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).map(|s| s.trim().to_string()).unwrap_or_default();
        let list = |c: Option<usize>| -> Vec<String> { cell(c).split(list_seps).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect() };
        let mut domains = vec![];
        let mut bad_domain = None;
        for d in list(cols[5]) {
            match CareDomain::parse(&d) {
                Some(x) => domains.push(x),
                None => bad_domain = Some(d),
            }
        }
        if let Some(d) = bad_domain {
            errors.push(RowError { line, message: format!("domeinen: '{d}' onbekend; kies jeugdwet of wmo") });
            continue;
        }
        let input = PartyInput {
            name: cell(Some(name_col)),
            kvk: cell(Some(kvk_col)),
            agb: cell(cols[2]),
            place: cell(cols[3]),
            municipalities: list(cols[4]),
            domains,
            contact: cell(cols[6]),
            email: cell(cols[7]),
            phone: cell(cols[8]),
            notes: cell(cols[9]),
        };
        let raw = ProviderFacts {
            legal_name: cell(cols[10]),
            trade_names: list(cols[11]),
            vestiging: cell(cols[12]),
            street: cell(cols[13]),
            postcode: cell(cols[14]),
            city: if cell(cols[14]).is_empty() { String::new() } else { cell(cols[3]) },
            signatory_name: cell(cols[15]),
            signatory_role: cell(cols[16]),
            quality_marks: list(cols[17]),
            agb_codes: list(cols[18]),
        };
        let checked = if raw == ProviderFacts::default() { Ok(None) } else { raw.cleaned().map(Some).map_err(StoreError::from) };
        match (input.clean().map(|_| ()).map_err(crate::StoreError::from), checked) {
            (Ok(()), Ok(f)) => {
                if let Some(f) = f {
                    facts.insert(line, f);
                }
                rows.push((line, input));
            }
            (Err(e), _) | (_, Err(e)) => errors.push(RowError { line, message: e.to_string() }),
        }
    }
    // KvK numbers must be unique within the file too.
    let mut seen = std::collections::HashMap::new();
    for (line, input) in &rows {
        let kvk: String = input.kvk.chars().filter(char::is_ascii_digit).collect();
        if let Some(first) = seen.insert(kvk.clone(), *line) {
            errors.push(RowError { line: *line, message: format!("KvK-nummer {kvk} staat ook op regel {first}") });
        }
    }
    errors.sort_by_key(|e| e.line);
    Ok(ProviderImport { rows, facts, errors })
}

impl Store {
    /// Imports the valid rows; refuses when any row is wrong unless `skip_invalid` is set.
    /// All or nothing: one transaction.
    pub fn import_providers(&mut self, import: &ProviderImport, skip_invalid: bool) -> Result<Vec<Uuid>> {
        if !import.errors.is_empty() && !skip_invalid {
            let lines: Vec<String> = import.errors.iter().map(|e| format!("regel {}: {}", e.line, e.message)).collect();
            return Err(StoreError::Import(format!("{} ongeldige regel(s), niets geïmporteerd:\n{}", lines.len(), lines.join("\n"))));
        }
        let bad: std::collections::HashSet<u64> = import.errors.iter().map(|e| e.line).collect();
        let rows: Vec<(PartyInput, Option<ProviderFacts>)> =
            import.rows.iter().filter(|(l, _)| !bad.contains(l)).map(|(l, p)| (p.clone(), import.facts.get(l).cloned())).collect();
        self.add_providers_with_facts(&rows)
    }
}
