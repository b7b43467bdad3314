//! A publication as every portal parser delivers it: one notice about one procedure, normalised to
//! the domain's terms, with its raw payload kept for audit. Also the checks that turn strangers'
//! text into plain, bounded text and refuse absurd dates before anything reaches the store.

use crate::text_enum;
use crate::Procedure;
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum!(
    /// Which portal family a publication came from.
    SourceKind {
        Tenderned => ("tenderned", "TenderNed"),
        Ted => ("ted", "TED"),
        Feed => ("feed", "RSS/Atom"),
        Html => ("html", "webpagina"),
        Import => ("import", "import"),
    }
);

/// The tender list's source filter: each portal kind a sync reads, and [`HAND_MADE_SOURCE`] for
/// tenders typed in by hand (the store's filter and the window's options use these words).
pub const TENDER_SOURCE_FILTERS: &[(&str, &str)] =
    &[("tenderned", "TenderNed"), ("ted", "TED"), ("feed", "Feed"), ("html", "Website"), (HAND_MADE_SOURCE, "Handmatig ingevoerd")];

/// The source filter's word for tenders no portal published.
pub const HAND_MADE_SOURCE: &str = "handmatig";

text_enum!(
    /// What a publication says about its procedure.
    NoticeKind {
        Announcement => ("announcement", "aankondiging"),
        PriorInformation => ("prior_information", "vooraankondiging"),
        Change => ("change", "rectificatie"),
        Award => ("award", "gunning"),
        Intention => ("intention", "voornemen tot gunning"),
        Modification => ("modification", "wijziging van een opdracht"),
        Cancellation => ("cancellation", "intrekking"),
        Other => ("other", "overig"),
    }
);

text_enum!(
    /// Identifiers that link publications of the same procedure across portals.
    KeyKind {
        Kenmerk => ("kenmerk", "TenderNed-kenmerk"),
        TedPublication => ("ted_publication", "TED-publicatienummer"),
        ContractFolder => ("contract_folder", "ContractFolderID"),
        Fingerprint => ("fingerprint", "titel + opdrachtgever + sluiting"),
    }
);

text_enum!(
    /// Category of a portal document.
    DocumentCategory {
        Aankondiging => ("aankondiging", "aankondiging"),
        NotaVanInlichtingen => ("nota_van_inlichtingen", "nota van inlichtingen"),
        Aanbestedingsstuk => ("aanbestedingsstuk", "aanbestedingsstuk"),
    }
);

/// A document the portal offers for a procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PortalDocument {
    pub external_id: String,
    pub category: DocumentCategory,
    pub title: String,
    pub url: String,
    pub published_at: Option<DateTime<Utc>>,
}

/// One normalised publication.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub source_kind: SourceKind,
    /// The portal's own id of this publication (TenderNed publicatieId, TED notice id...).
    pub external_id: String,
    /// Version of the publication where the portal has one (eForms VersionID).
    pub version: String,
    pub kind: NoticeKind,
    pub published_at: Option<DateTime<Utc>>,
    pub title: String,
    pub buyer: String,
    pub description: String,
    pub cpv: Vec<String>,
    pub nuts: Vec<String>,
    pub procedure: Procedure,
    pub lots: Vec<String>,
    /// The tender submission deadline.
    pub closing: Option<DateTime<Utc>>,
    /// The deadline for requests to participate (restricted procedures).
    pub requests_deadline: Option<DateTime<Utc>>,
    /// The deadline for expressions of interest (a PIN used as call for competition).
    pub interest_deadline: Option<DateTime<Utc>>,
    pub questions_deadline: Option<DateTime<Utc>>,
    pub contract_start: Option<DateTime<Utc>>,
    /// Winners an award notice names: (lot, name), lot empty for the whole procedure.
    pub winners: Vec<(String, String)>,
    /// Values the portal sent that could not be read, with the Dutch field name
    /// (`("sluitingsdatum", "31-02-2026")`): the field stays empty, the tender shows a marker.
    pub unreadable: Vec<(String, String)>,
    /// Report lines about the format itself (an unknown code, a missing expected field), so a
    /// change at the portal shows on the first sync after it.
    pub notes: Vec<String>,
    pub keys: Vec<(KeyKind, String)>,
    pub url: Option<String>,
    pub documents: Vec<PortalDocument>,
    pub raw: Vec<u8>,
    /// `json`, `xml`, `html` or `rss`.
    pub raw_format: &'static str,
}

impl Notice {
    /// An empty notice of a source, to fill in field by field.
    pub fn new(source_kind: SourceKind, external_id: impl Into<String>, raw: Vec<u8>, raw_format: &'static str) -> Self {
        Self {
            source_kind,
            external_id: external_id.into(),
            version: String::new(),
            kind: NoticeKind::Announcement,
            published_at: None,
            title: String::new(),
            buyer: String::new(),
            description: String::new(),
            cpv: vec![],
            nuts: vec![],
            procedure: Procedure::Onbekend,
            lots: vec![],
            closing: None,
            requests_deadline: None,
            interest_deadline: None,
            questions_deadline: None,
            contract_start: None,
            winners: vec![],
            unreadable: vec![],
            notes: vec![],
            keys: vec![],
            url: None,
            documents: vec![],
            raw,
            raw_format,
        }
    }
}

/// Longest title, buyer or document name kept; longer text is cut at a character boundary.
pub const MAX_NAME: usize = 300;
/// Longest description kept.
pub const MAX_TEXT: usize = 20_000;

/// Turns scraped text into plain text: tags removed, common entities decoded, control characters
/// and bidirectional overrides dropped, whitespace collapsed, length bounded. The result is shown
/// as text everywhere, never as markup.
pub fn plain_text(input: &str, max_chars: usize) -> String {
    if is_plain_already(input, max_chars) {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len().min(max_chars * 4));
    let mut in_tag = false;
    for c in input.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if in_tag => {}
            _ => out.push(c),
        }
    }
    let decoded = decode_entities(&out);
    let cleaned: String = decoded.chars().map(|c| if c.is_control() { ' ' } else { c }).filter(|c| !crate::text::is_bidi_control(*c)).collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &collapsed[..i]),
        None => collapsed,
    }
}

/// True for text that [`plain_text`] would return unchanged: ASCII without markup, entities,
/// control characters or extra spaces, and short enough — most titles and buyers, checked in one
/// pass instead of five.
fn is_plain_already(s: &str, max_chars: usize) -> bool {
    let b = s.as_bytes();
    if b.len() > max_chars || b.first().is_some_and(|c| *c == b' ') || b.last().is_some_and(|c| *c == b' ') {
        return false;
    }
    let mut prev_space = false;
    for &c in b {
        let space = c == b' ';
        if !c.is_ascii() || c < 0x20 || c == 0x7f || c == b'<' || c == b'&' || (space && prev_space) {
            return false;
        }
        prev_space = space;
    }
    true
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &tail[1..e];
            let ch = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32),
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a moment is plausible for a procedure published around `now`: not before 2000, not
/// more than five years ahead (a closing in 1970 or 2049 is a portal error, not a date).
pub fn plausible(moment: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    moment.year() >= 2000 && moment <= now + chrono::Duration::days(5 * 366)
}

/// Normalised text for the fingerprint key: folded, punctuation removed.
pub fn fingerprint(title: &str, buyer: &str, closing: Option<DateTime<Utc>>) -> Option<String> {
    let closing = closing?;
    let t = crate::text::fold_with(title, |c| if c.is_alphanumeric() { c } else { ' ' });
    if t.is_empty() {
        return None;
    }
    Some(format!("{t}|{}|{}", crate::regions::fold_buyer(buyer), crate::time::local_date(closing)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortcut_for_plain_text_agrees_with_the_long_way() {
        for s in ["Jeugdhulp Assen 2027", " lead", "trail ", "two  spaces", "tab\there", "a<b", "a&amp;b", "Súdwest", "", "x", "del\u{7f}"] {
            let long_way = {
                let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
                if is_plain_already(s, 300) {
                    Some(collapsed)
                } else {
                    None
                }
            };
            if let Some(expected) = long_way {
                assert_eq!(plain_text(s, 300), expected, "{s:?}");
                assert_eq!(s, expected, "{s:?} is only taken as plain when it is");
            }
        }
        assert!(is_plain_already("Jeugdhulp Assen 2027", 300));
        assert!(!is_plain_already("Jeugdhulp Assen 2027", 5), "too long is cut by the long way");
        assert_eq!(plain_text("Jeugdhulp Assen 2027", 9), "Jeugdhulp…");
    }

    #[test]
    fn scraped_text_becomes_plain_text() {
        assert_eq!(plain_text("<b>Jeugdhulp</b> &amp; Wmo<script>alert(1)</script>", 100), "Jeugdhulp & Wmo alert(1)");
        assert_eq!(plain_text("a\u{202e}b\u{0007}c  \n d", 100), "ab c d");
        assert_eq!(plain_text("&#233;&#x00E9;&bogus; & x", 100), "éé&bogus; & x");
        assert_eq!(plain_text("abcdef", 3), "abc…");
        assert_eq!(plain_text("<img src=x onerror=alert(1)>Titel", 100), "Titel");
    }

    #[test]
    fn absurd_dates_are_not_plausible() {
        let now = crate::time::parse_moment("x", "2026-11-23 12:00").unwrap();
        assert!(!plausible(DateTime::<Utc>::UNIX_EPOCH, now));
        assert!(!plausible(crate::time::parse_moment("x", "2049-01-01 12:00").unwrap(), now));
        assert!(plausible(crate::time::parse_moment("x", "2027-01-15 12:00").unwrap(), now));
    }

    #[test]
    fn fingerprints_ignore_spelling_noise() {
        let c = crate::time::parse_moment("x", "2027-01-15 12:00").ok();
        assert_eq!(
            fingerprint("Jeugdhulp Súdwest-Fryslân 2027", "Gemeente Súdwest-Fryslân", c),
            fingerprint("jeugdhulp sudwest fryslan 2027", "Sudwest Fryslan", c)
        );
        assert_eq!(fingerprint("x", "y", None), None);
    }
}
