//! The text rules every part of Tenderwacht shares, stated once: which characters reorder or hide
//! text (bidirectional controls), how names are folded for matching, what a safe file name and an
//! extension are. Scraped titles, a pack's file names, a working copy's path and the terminal's
//! output all call these, so a rule cannot drift between them.

/// True for the Unicode bidirectional controls: the embeddings and overrides (U+202A–U+202E), the
/// isolates (U+2066–U+2069), the marks (U+200E, U+200F) and the Arabic letter mark (U+061C). Shown
/// or stored, they reverse what follows ("rapport\u{202e}fdp.exe" looks like a PDF).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Folds a name for matching: lower case, diacritics removed, spaces collapsed.
pub fn fold(text: &str) -> String {
    fold_with(text, |c| c)
}

/// Folds `text` like [`fold`], after mapping each folded character through `map` (a character
/// mapped to whitespace separates words). One pass and one allocation: folding runs several
/// times per scraped publication, so it must be cheap; ASCII text skips Unicode decomposition.
pub fn fold_with(text: &str, map: impl Fn(char) -> char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut push = |c: char| {
        let c = map(c);
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    };
    if text.is_ascii() {
        text.bytes().for_each(|b| push(char::from(b.to_ascii_lowercase())));
    } else {
        use unicode_normalization::UnicodeNormalization;
        for c in text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)) {
            c.to_lowercase().for_each(&mut push);
        }
    }
    out
}

/// Longest file name Tenderwacht writes, in bytes (most file systems allow 255; leave room for
/// suffixes such as " (2)").
pub const MAX_FILE_NAME_BYTES: usize = 150;

/// Windows' reserved device names: a file called `CON.pdf` cannot be opened there.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5",
    "lpt6", "lpt7", "lpt8", "lpt9",
];

/// One path component made safe on every system a file may travel to (a buyer's portal,
/// Windows, a USB stick): separators and characters Windows forbids become `_`, control
/// characters and bidi controls are dropped, leading/trailing dots and spaces go, reserved names
/// get a `_` prefix, and the result is at most [`MAX_FILE_NAME_BYTES`] (the extension kept).
pub fn safe_file_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = out.trim_matches(|c: char| c == '.' || c == ' ').to_string();
    out = if trimmed.is_empty() { "bestand".to_string() } else { trimmed };
    let stem = out.split('.').next().unwrap_or_default().trim_end().to_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        out = format!("_{out}");
    }
    truncate_keep_extension(&out, MAX_FILE_NAME_BYTES)
}

fn truncate_keep_extension(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.').filter(|(s, e)| !s.is_empty() && is_extension(e)) {
        Some((s, e)) => (s, format!(".{e}")),
        None => (name, String::new()),
    };
    let mut cut = max.saturating_sub(ext.len());
    while cut > 0 && !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{ext}", stem[..cut].trim_end())
}

/// What an extension is: 1 to 8 ASCII letters and digits with at least one letter ("pdf", "7z",
/// "xlsx"; not "0" of "versie 2.0", not "2026", not " prijzenblad").
pub fn is_extension(text: &str) -> bool {
    (1..=8).contains(&text.len()) && text.chars().all(|c| c.is_ascii_alphanumeric()) && text.chars().any(|c| c.is_ascii_alphabetic())
}

/// The extension of a file name (the last component of a path or an address, query left out),
/// lower case, when it has one by [`is_extension`].
pub fn extension_of(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let last = last.split(['?', '#']).next().unwrap_or(last);
    last.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).filter(|e| is_extension(e))
}

/// The extension of a stored file's original name; `bin` when it has none.
pub fn extension_or_bin(original: &str) -> String {
    extension_of(original).unwrap_or_else(|| "bin".into())
}

/// The extension of a file the buyer published, from its title or address, else from its first
/// bytes (an Office file is a zip whose first entry names its kind); `bin` when nothing tells.
pub fn published_extension(title: &str, url: &str, head: &[u8]) -> String {
    if let Some(e) = extension_of(title).or_else(|| extension_of(url)) {
        return e;
    }
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if head.starts_with(b"%PDF") {
        "pdf".into()
    } else if head.starts_with(b"PK") && contains(b"xl/") {
        "xlsx".into()
    } else if head.starts_with(b"PK") && contains(b"word/") {
        "docx".into()
    } else {
        "bin".into()
    }
}

/// Text from a file in UTF-8 (a byte-order mark dropped), or else in Windows-1252, as Excel on
/// a Dutch Windows laptop saves "CSV (gescheiden door lijstscheidingsteken)" and as older Word
/// exports are; the flag says it was not UTF-8 (€, ë and curly quotes are read right either way).
pub fn decode_text(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.trim_start_matches('\u{feff}').to_string(), false),
        Err(_) => (encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(), true),
    }
}

/// The text with its first letter upper case ("kvK-nummer" stays, "naam" becomes "Naam").
pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_from_excel_is_read_right() {
        // "Zorgboerderij De Eik;€ 2.500;coöperatie" as Excel saves it on a Dutch Windows laptop.
        let bytes = b"Zorgboerderij De Eik;\x80 2.500;co\xf6peratie \x93Noord\x94\r\n";
        let (text, legacy) = decode_text(bytes);
        assert!(legacy);
        assert_eq!(text, "Zorgboerderij De Eik;€ 2.500;coöperatie “Noord”\r\n");
        assert_eq!(decode_text("\u{feff}naam;kvk".as_bytes()), ("naam;kvk".to_string(), false));
    }

    #[test]
    fn hostile_names_become_safe() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name("a/b\\c:d*e?f\"g<h>i|j"), "a_b_c_d_e_f_g_h_i_j");
        assert_eq!(safe_file_name("CON.pdf"), "_CON.pdf");
        assert_eq!(safe_file_name("con .txt"), "_con .txt");
        assert_eq!(safe_file_name("lpt1"), "_lpt1");
        assert_eq!(safe_file_name("  ..  "), "bestand");
        assert_eq!(safe_file_name("rapport.\u{202e}fdp.exe"), "rapport.fdp.exe");
        assert_eq!(safe_file_name("a\u{061C}b\u{2067}c"), "abc");
        assert_eq!(safe_file_name("tab\there"), "tab here");
        let long = format!("{}.pdf", "é".repeat(200));
        let s = safe_file_name(&long);
        assert!(s.len() <= MAX_FILE_NAME_BYTES && s.ends_with(".pdf"), "{s}");
    }

    #[test]
    fn one_rule_for_extensions() {
        assert_eq!(extension_of("Prijzenblad.XLSX").as_deref(), Some("xlsx"));
        assert_eq!(extension_of("https://x.nl/a/leidraad.pdf?v=2").as_deref(), Some("pdf"));
        assert_eq!(extension_of("archief.7z").as_deref(), Some("7z"));
        assert_eq!(extension_of("Leidraad versie 2.0"), None);
        assert_eq!(extension_of("Bijlage 3. Prijzenblad"), None);
        assert_eq!(extension_of("jaarverslag.2026"), None);
        assert_eq!(extension_or_bin("zonder"), "bin");
        assert_eq!(published_extension("Prijzenblad", "https://x.nl/download?id=3", b"PK\x03\x04....xl/workbook.xml"), "xlsx");
        assert_eq!(published_extension("Leidraad", "", b"%PDF-1.7"), "pdf");
    }

    #[test]
    fn bidi_controls_are_one_set() {
        for c in ['\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert!(is_bidi_control(c), "{c:?}");
        }
        assert!(!is_bidi_control('a') && !is_bidi_control('\u{2070}'));
    }

    #[test]
    fn folding() {
        assert_eq!(fold("  Súdwest-FRYSLÂN \t gemeente "), "sudwest-fryslan gemeente");
        assert_eq!(fold("Jeugdhulp  Assen"), "jeugdhulp assen");
    }
}
