//! A provider's document read on arrival: which catalogue type it is (the same names the buyer's
//! documents are read with), the KvK and vestigingsnummer in it, and its dates — the Kamer van
//! Koophandel's digital seal for an extract (its signing time is the issue date, surer than any
//! printed label), "geldig tot", "datum uitgifte", "valid until" — each with its source and how
//! sure it is. The consultant confirms; nothing here stores anything.

use crate::layout::Page;
use crate::{dates, names};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;
use tenderwacht_domain::{time::local_date, ArrivalFacts, DocumentType, ReadFact, Sureness};

fn re(p: &str) -> Regex {
    // The patterns are constants of this file, covered by its tests.
    #[allow(clippy::expect_used)]
    Regex::new(p).expect("a valid pattern")
}

struct Patterns {
    types: Vec<(&'static str, Regex)>,
    kvk: Regex,
    loose_kvk: Regex,
    branch: Regex,
    issued: Regex,
    expires: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    types: names::CATALOGUE.iter().map(|(c, p)| (*c, re(p))).chain(RECOGNISED.iter().map(|(c, p)| (*c, re(p)))).collect(),
    kvk: re(
        r"(?:kvk|k\.v\.k\.|kamer van koophandel|handelsregister|dossier|chamber of commerce)[- ]?(?:nummer|nr\.?|number|no\.?)?[:\s]{0,4}(\d{4} ?\d{4})\b",
    ),
    loose_kvk: re(r"(?:^|[^\d])(\d{8})(?:[^\d]|$)"),
    branch: re(r"vestigingsnummer[:\s]{0,4}(\d{12})\b"),
    issued: re(
        r"datum (?:van )?(?:uitgifte|afgifte|uitreiking|afgegeven)|uitgiftedatum|afgiftedatum|afgegeven op|uitgegeven op|vervaardigd op|datum certificaat|certificaatdatum|ingangsdatum|date of issue|issue date|issued on|date issued|datum ondertekening|\bdatum\b:?",
    ),
    expires: re(
        r"geldig tot(?: en met)?|geldig t/m|geldig tot:|geldigheidsdatum|vervaldatum|verloopt op|einddatum|looptijd tot|expiry date|expiration date|valid until|valid through|expires on",
    ),
});

/// Words a document calls itself by that the buyer's documents rarely use (a policy schedule,
/// an insurance certificate).
const RECOGNISED: &[(&str, &str)] =
    &[("avb", r"polisblad|verzekeringsbewijs|verzekeringscertificaat|bewijs van verzekering|certificate of insurance")];

/// A date within `len` characters after a label, in a lower-case text.
fn date_after(lower: &str, at: usize, len: usize, year: Option<i32>) -> Option<NaiveDate> {
    let end = lower.char_indices().map(|(i, _)| i).find(|i| *i >= at + len).unwrap_or(lower.len());
    let window = lower.get(at..end)?;
    dates::find(window, year).map(|f| f.day)
}

/// The first label of `re` followed by a date, on any page (first pages first).
fn labelled(pages: &[Page], re: &Regex, year: Option<i32>) -> Option<ReadFact<NaiveDate>> {
    for page in pages {
        let lower = page.text.to_lowercase();
        for m in re.find_iter(&lower) {
            if let Some(day) = date_after(&lower, m.end(), 40, year) {
                let line = lower[..m.start()].rfind('\n').map_or(0, |i| i + 1);
                let line_end = lower[m.end()..].find('\n').map_or(lower.len(), |i| m.end() + i);
                let from: String = page.text.get(line..line_end).unwrap_or(m.as_str()).trim().chars().take(120).collect();
                return Some(ReadFact { value: day, from, page: page.number, sure: Sureness::Likely });
            }
        }
    }
    None
}

/// Reads a scan's text as OCR gave it: the same facts, but no fact surer than "waarschijnlijk"
/// and no date surer than "onzeker" (OCR misreads a 3 as an 8), so the consultant looks at each.
pub fn recognised(pages: &[Page], today: NaiveDate, own: &OwnWords) -> ArrivalFacts {
    let mut facts = read(pages, today, own);
    for f in [facts.type_code.as_mut(), facts.kvk.as_mut(), facts.branch.as_mut()].into_iter().flatten() {
        if f.sure == Sureness::Sure {
            f.sure = Sureness::Likely;
        }
    }
    for d in [facts.issued.as_mut(), facts.expires.as_mut()].into_iter().flatten() {
        d.sure = Sureness::Guess;
    }
    facts.notes.insert(0, "tekst herkend uit een scan of foto (OCR): controleer type, KvK-nummer en datums met het document".into());
    facts
}

/// The consultant's own recognition words of the catalogue's types (`DocumentType::words`), as
/// patterns: each phrase case-insensitive, as whole words, its spaces matching a line break or
/// hyphen too.
#[derive(Debug, Default)]
pub struct OwnWords(Vec<(String, Regex)>);

impl OwnWords {
    pub fn of(types: &[DocumentType]) -> Self {
        Self(types.iter().flat_map(|t| t.words.iter().filter_map(|w| phrase(w).map(|r| (t.code.clone(), r)))).collect())
    }
}

fn phrase(words: &str) -> Option<Regex> {
    let body = words.split_whitespace().map(|w| regex::escape(&w.to_lowercase())).collect::<Vec<_>>().join(r"[\s\-]+");
    let edge = |c: Option<char>| if c.is_some_and(char::is_alphanumeric) { r"\b" } else { "" };
    let pattern = format!("{}{body}{}", edge(words.trim().chars().next()), edge(words.trim().chars().last()));
    regex::RegexBuilder::new(&pattern).size_limit(1 << 20).build().ok()
}

/// Reads what an arriving document says of itself; `today` judges implausible dates, `own` adds
/// the consultant's recognition words to the names Tenderwacht knows (a tie goes to `own`).
pub fn read(pages: &[Page], today: NaiveDate, own: &OwnWords) -> ArrivalFacts {
    let p = &*PATTERNS;
    let mut facts = ArrivalFacts::default();
    if pages.iter().all(|pg| pg.text.trim().is_empty() && pg.tables.is_empty()) {
        facts.notes.push("geen tekstlaag: een scan; vul type en datums zelf in".into());
        return facts;
    }
    let folded = tenderwacht_domain::text::fold(&pages.iter().map(|pg| pg.text.as_str()).collect::<Vec<_>>().join(" "));
    facts.words = folded.chars().take(tenderwacht_domain::NAME_WORDS).collect();
    let year = dates::document_year(pages.iter().map(|pg| pg.text.as_str()));
    // The type: the name standing first on the first page that has text (a title comes first).
    if let Some(page) = pages.iter().find(|pg| !pg.text.trim().is_empty()) {
        let lower = page.text.to_lowercase();
        let own = own.0.iter().map(|(code, re)| (code.as_str(), re, 0));
        let known = p.types.iter().map(|(code, re)| (*code, re, 1));
        let first = own
            .chain(known)
            .filter_map(|(code, re, rank)| re.find(&lower).map(|m| (m.start(), rank, code, m)))
            .min_by_key(|(start, rank, _, _)| (*start, *rank));
        if let Some((start, _, code, m)) = first {
            let sure = if start < 400 { Sureness::Likely } else { Sureness::Guess };
            let from = page.text.get(m.range()).unwrap_or(m.as_str()).to_string();
            facts.type_code = Some(ReadFact { value: code.to_string(), from, page: page.number, sure });
        }
    }
    for page in pages {
        let lower = page.text.to_lowercase();
        if facts.kvk.is_none() {
            if let Some(c) = p.kvk.captures(&lower) {
                let digits: String = c[1].chars().filter(char::is_ascii_digit).collect();
                let from = page.text.get(c.get(0).map_or(0..0, |m| m.range())).unwrap_or("").trim().to_string();
                facts.kvk = Some(ReadFact { value: digits, from, page: page.number, sure: Sureness::Sure });
            }
        }
        if facts.branch.is_none() {
            if let Some(c) = p.branch.captures(&lower) {
                let from = page.text.get(c.get(0).map_or(0..0, |m| m.range())).unwrap_or("").trim().to_string();
                facts.branch = Some(ReadFact { value: c[1].to_string(), from, page: page.number, sure: Sureness::Sure });
            }
        }
    }
    if facts.kvk.is_none() {
        // An eight-digit number on its own, without a label: perhaps the KvK number.
        if let Some((page, c)) = pages.iter().find_map(|pg| p.loose_kvk.captures(&pg.text).map(|c| (pg, c))) {
            facts.kvk = Some(ReadFact { value: c[1].to_string(), from: c[1].to_string(), page: page.number, sure: Sureness::Guess });
        }
    }
    // The issue date: the Kamer van Koophandel's seal first, then a printed label.
    let seal = pages.iter().flat_map(|pg| pg.seals.iter()).find(|s| {
        let who = format!("{} {}", s.signer, s.certificate.as_deref().unwrap_or("")).to_lowercase();
        who.contains("kamer van koophandel") || who.contains("chamber of commerce") || who.split_whitespace().any(|w| w == "kvk")
    });
    if let Some(at) = seal.and_then(|s| s.signed_at.map(|t| (s, t))) {
        let (s, t) = at;
        let from = format!("digitaal zegel van {}, {}", s.signer, tenderwacht_domain::time::local_naive(t).format("%d-%m-%Y %H:%M"));
        facts.issued = Some(ReadFact { value: local_date(t), from, page: None, sure: Sureness::Sure });
    } else {
        facts.issued = labelled(pages, &p.issued, year);
    }
    facts.expires = labelled(pages, &p.expires, year);
    if let (Some(kind), Some(issued)) = (facts.type_code.as_ref(), facts.issued.as_mut()) {
        if matches!(kind.value.as_str(), "vog" | "vog-rp") && issued.sure != Sureness::Sure {
            issued.sure = Sureness::Guess;
            facts.notes.push("de datum op een VOG is de datum van de aanvraag, niet van afgifte: controleer de afgiftedatum".into());
        }
    }
    for (what, fact) in [("afgiftedatum", facts.issued.as_mut()), ("einddatum", facts.expires.as_mut())] {
        let Some(f) = fact else { continue };
        let future = what == "afgiftedatum" && f.value > today;
        let ancient = f.value < NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
        if future || ancient {
            f.sure = Sureness::Guess;
            let why = if future { "ligt in de toekomst" } else { "ligt vóór 2000" };
            facts.notes.push(format!("{what} {} {why}: controleer", f.value.format("%d-%m-%Y")));
        }
    }
    if facts.type_code.is_none() {
        facts.notes.push("het soort document is niet herkend: kies het type".into());
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Vec<Page> {
        vec![Page::text(Some(1), text)]
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or(NaiveDate::MIN)
    }

    fn read_page(pages: &[Page], today: NaiveDate) -> ArrivalFacts {
        read(pages, today, &OwnWords::default())
    }

    #[test]
    fn the_consultant_s_own_words_name_a_type_the_catalogue_does_not_know_so() {
        let text = "Keurmerk Zorg &\nWelzijn\nToegekend aan Zorgboerderij De Linde\nDatum uitgifte: 3-2-2026";
        assert_eq!(read_page(&page(text), today()).type_code, None);
        let hkz = DocumentType {
            id: uuid::Uuid::nil(),
            code: "hkz".into(),
            name: "HKZ-certificaat".into(),
            rule: tenderwacht_domain::ValidityRule::UntilPrinted,
            lead_time: tenderwacht_domain::time::Period::days(0),
            issuer: String::new(),
            note: String::new(),
            words: vec!["Keurmerk Zorg & Welzijn".into()],
        };
        let f = read(&page(text), today(), &OwnWords::of(&[hkz]));
        let t = f.type_code.unwrap_or_else(|| panic!("no type: {:?}", f.notes));
        assert_eq!(t.value, "hkz");
        assert_eq!(t.from, "Keurmerk Zorg &\nWelzijn");
        assert_eq!(t.sure, Sureness::Likely);
    }

    #[test]
    fn a_certificate_gives_its_type_holder_and_dates_from_its_labels() {
        let f = read_page(
            &page("Certificaat\nHKZ Kleine Organisaties 2021\nKvK-nummer: 1234 5678\nDatum uitgifte: 12-03-2025\nGeldig tot: 11 maart 2028"),
            today(),
        );
        assert_eq!(f.type_code.map(|t| t.value), Some("hkz".to_string()));
        assert_eq!(f.kvk.map(|k| (k.value, k.sure)), Some(("12345678".to_string(), Sureness::Sure)));
        assert_eq!(f.issued.map(|d| d.value), NaiveDate::from_ymd_opt(2025, 3, 12));
        let expires = f.expires.unwrap_or_else(|| unreachable!("an end date"));
        assert_eq!(
            (expires.value, expires.from.as_str()),
            (NaiveDate::from_ymd_opt(2028, 3, 11).unwrap_or(NaiveDate::MIN), "Geldig tot: 11 maart 2028")
        );
    }

    #[test]
    fn a_vogs_printed_date_is_its_application_and_odd_dates_are_doubted() {
        let f = read_page(&page("Verklaring Omtrent het Gedrag\nDatum: 03-11-2026"), today());
        assert_eq!(f.type_code.map(|t| t.value), Some("vog".to_string()));
        assert_eq!(f.issued.map(|d| d.sure), Some(Sureness::Guess));
        assert!(f.notes.iter().any(|n| n.contains("aanvraag")), "{:?}", f.notes);
        let f = read_page(&page("Polisblad\nIngangsdatum: 01-01-2031"), today());
        assert!(f.notes.iter().any(|n| n.contains("toekomst")), "{:?}", f.notes);
        let f = read_page(&page("Jaarrekening 1998\nDatum: 01-06-1999"), today());
        assert!(f.notes.iter().any(|n| n.contains("vóór 2000")), "{:?}", f.notes);
    }

    #[test]
    fn a_page_without_text_is_a_scan_and_an_unknown_paper_says_so() {
        let f = read_page(&page("  "), today());
        assert!(f.notes[0].contains("scan"));
        let f = read_page(&page("Notulen van de vergadering"), today());
        assert_eq!(f.type_code, None);
        assert!(f.notes.iter().any(|n| n.contains("niet herkend")));
    }
}
