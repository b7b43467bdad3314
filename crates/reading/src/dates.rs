//! The dates of a procedure as buyers write them, in sentences and planning tables: "15 januari
//! 2027 om 12:00 uur", "15-6-2023 12:00 uur", "4-8-2023 17.00 uur", "tot en met 15 juni 12:00"
//! (the year taken from the document), "12:00u" — and which milestone each row or sentence names
//! (questions deadline, NvI, closing, award, standstill, contract start, Open House entry).

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;
use tenderwacht_domain::MilestoneKind;

/// A date found in a text, with its time when one was written and whether its year was taken from
/// the document (the text gave none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub day: NaiveDate,
    pub time: Option<(u32, u32)>,
    pub year_assumed: bool,
}

const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("april", 4),
    ("mei", 5),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mrt", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("okt", 10),
    ("nov", 11),
    ("dec", 12),
];

fn re(p: &str) -> Regex {
    // The patterns are constants of this file, covered by its tests.
    #[allow(clippy::expect_used)]
    Regex::new(p).expect("a valid pattern")
}

static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(\d{1,2}) (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec)\b\.?(?: (\d{4}))?",
    )
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{1,2})[-/](\d{1,2})[-/](\d{4}|\d{2})\b"));
static TIME: LazyLock<Regex> = LazyLock::new(|| re(r"^[,\s]*(?:om|tot|vóór|voor|uiterlijk|te)?\s*(?:om\s*)?(\d{1,2})[:.](\d{2})\s*(?:uur|u\b)?"));

/// The first date in a lower-case text. `year` is the document's own year, used for a date
/// written without one; without it such a date is not taken.
pub fn find(lower: &str, year: Option<i32>) -> Option<Found> {
    let mut found: Vec<(usize, Found, usize)> = vec![];
    if let Some(c) = WRITTEN.captures_iter(lower).find_map(|c| written(&c, year)) {
        found.push(c);
    }
    if let Some(c) = NUMERIC.captures_iter(lower).find_map(|c| numeric(&c)) {
        found.push(c);
    }
    let (_, mut date, end) = found.into_iter().min_by_key(|(start, _, _)| *start)?;
    date.time = time_after(&lower[end..]);
    Some(date)
}

fn written(c: &regex::Captures, year: Option<i32>) -> Option<(usize, Found, usize)> {
    let whole = c.get(0)?;
    let month = MONTHS.iter().find(|(m, _)| *m == &c[2])?.1;
    let (y, assumed) = match c.get(3) {
        Some(y) => (y.as_str().parse().ok()?, false),
        None => (year?, true),
    };
    let day = NaiveDate::from_ymd_opt(y, month, c[1].parse().ok()?)?;
    Some((whole.start(), Found { day, time: None, year_assumed: assumed }, whole.end()))
}

fn numeric(c: &regex::Captures) -> Option<(usize, Found, usize)> {
    let whole = c.get(0)?;
    let y: i32 = c[3].parse().ok()?;
    let y = if y < 100 { 2000 + y } else { y };
    let day = NaiveDate::from_ymd_opt(y, c[2].parse().ok()?, c[1].parse().ok()?)?;
    Some((whole.start(), Found { day, time: None, year_assumed: false }, whole.end()))
}

fn time_after(rest: &str) -> Option<(u32, u32)> {
    let c = TIME.captures(rest)?;
    let (h, m): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

/// The year most dates of a document are in, for the dates written without one.
pub fn document_year<'a>(texts: impl Iterator<Item = &'a str>) -> Option<i32> {
    let mut counts: Vec<(i32, u32)> = vec![];
    for text in texts {
        let lower = text.to_lowercase();
        let years = WRITTEN
            .captures_iter(&lower)
            .filter_map(|c| c.get(3).and_then(|y| y.as_str().parse::<i32>().ok()))
            .chain(NUMERIC.captures_iter(&lower).filter_map(|c| numeric(&c).map(|(_, f, _)| f.day.year())));
        for y in years.filter(|y| (2000..2100).contains(y)) {
            match counts.iter_mut().find(|(k, _)| *k == y) {
                Some((_, n)) => *n += 1,
                None => counts.push((y, 1)),
            }
        }
    }
    counts.into_iter().max_by_key(|(y, n)| (*n, *y)).map(|(y, _)| y)
}

/// Which milestone a sentence or planning row names, the most specific first (the publication of
/// the NvI before the questions it answers, the entry to an Open House before a closing).
static KINDS: LazyLock<Vec<(MilestoneKind, Regex)>> = LazyLock::new(|| {
    [
        (
            MilestoneKind::NotaVanInlichtingen,
            r"(?:publicatie|publiceren|verzending|verzenden|beantwoording|beantwoorden)[^|]{0,25}(?:nota van inlichtingen|\bnvi\b|vragen)|(?:nota van inlichtingen|\bnvi\b)[^|]{0,30}(?:gepubliceerd|verzonden|beschikbaar|publicatie)",
        ),
        (
            MilestoneKind::VragenDeadline,
            r"(?:stellen|indienen|insturen) van (?:de )?(?:vragen|verduidelijkingsvragen)|vragen (?:stellen|indienen|kunnen worden gesteld)|(?:uiterste|deadline|sluiting)[^|]{0,20}vragen|vragenronde|\bvragen\b[^|]{0,15}\b(?:tot|uiterlijk|vóór)\b",
        ),
        (
            MilestoneKind::SluitingAanmelding,
            r"(?:sluiting|uiterste|deadline|indienen)[^|]{0,25}aanmelding|aanmelden[^|]{0,20}\b(?:tot|uiterlijk|vóór)\b|aanmeldingstermijn",
        ),
        (MilestoneKind::Toetredingsmoment, r"toetredingsmoment|toetreding (?:tot|per|op)\b|toetredingsdatum|instapmoment|toelatingsmoment"),
        (
            MilestoneKind::Publicatie,
            r"(?:bekendmaking|publicatie|aankondiging) (?:van )?(?:het |de )?(?:beleid|inkoopbeleid|aankondiging|aanbesteding|opdracht|inkoopdocument|leidraad|procedure)|publicatiedatum",
        ),
        (
            MilestoneKind::Sluiting,
            r"sluitingsdatum|sluitingstermijn|sluitingstijd|sluiting (?:van de )?(?:inschrijving|aanbesteding|termijn)|uiterste (?:datum|termijn|moment|tijdstip) (?:van|voor) (?:de |het )?(?:inschrijving\b|inschrijven|(?:indiening|indienen) (?:van )?(?:de |uw |een )?(?:inschrijving|offerte|aanbieding))|termijn voor (?:het )?(?:indienen|inschrijven)(?: van (?:de |uw )?(?:inschrijving|offerte))?(?:$|[^a-z ])|deadline (?:voor (?:het )?)?(?:indienen|inschrijven|inschrijving)|(?:indienen|indiening) (?:van (?:de |uw )?)?(?:inschrijving(?:en)?|offertes?|aanbieding(?:en)?)|inschrijving(?:en)? (?:indienen|in te dienen)|inschrijven (?:kan )?tot|datum van (?:inschrijving|indiening)|inschrijfdatum|inschrijvingsdatum",
        ),
        (
            MilestoneKind::VoorlopigeGunning,
            r"voorlopige gunning|voornemen (?:tot|van) gunning|gunningsvoornemen|voorgenomen gunning|gunningsbeslissing|bekendmaking (?:van de )?gunning|(?:terugkoppeling|bekendmaking|mededeling) (?:van de |van het )?(?:uitkomst|resultaat|uitslag)(?: van de beoordeling)?",
        ),
        (MilestoneKind::EindeStandstill, r"standstill|opschortende termijn|vervaltermijn[^|]{0,60}(?:uitkomst|gunning|terugkoppeling|beoordeling van de inschrijving)"),
        (MilestoneKind::DefinitieveGunning, r"definitieve gunning|definitief gegund|definitieve (?:terugkoppeling|toewijzing|gunningsbeslissing)"),
        (
            MilestoneKind::StartContract,
            r"(?:ingangsdatum|ingang|start|aanvang|begin)(?: van)? (?:de )?(?:overeenkomst|opdracht|contract|dienstverlening|zorglevering)|contractstart|ingangsdatum",
        ),
    ]
    .into_iter()
    .map(|(k, p)| (k, re(p)))
    .collect()
});

/// The milestone a (lower-case) text names, if any.
pub fn kind(lower: &str) -> Option<MilestoneKind> {
    // A term to start proceedings against the final award ("vervaltermijn voor kortgeding-
    // procedure tegen de definitieve terugkoppeling") is neither that award nor the standstill:
    // a step of its own.
    if lower.contains("vervaltermijn") && lower.contains("definitieve") {
        return None;
    }
    // An objection or summary proceedings ("bezwaar tegen het inkoopbeleid", "vervaltermijn
    // voor kortgedingprocedure") is the standstill only against the outcome; otherwise a step of
    // its own, never the closing.
    if lower.contains("bezwaar") || lower.contains("kortgeding") {
        return KINDS.iter().find(|(k, re)| *k == MilestoneKind::EindeStandstill && re.is_match(lower)).map(|(k, _)| *k);
    }
    KINDS.iter().find(|(_, re)| re.is_match(lower)).map(|(k, _)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, time: Option<(u32, u32)>, year_assumed: bool) -> Option<Found> {
        NaiveDate::from_ymd_opt(y, m, d).map(|day| Found { day, time, year_assumed })
    }

    #[test]
    fn dates_as_buyers_write_them() {
        assert_eq!(find("wordt verschoven naar 15 januari 2027 om 12:00 uur", None), at(2027, 1, 15, Some((12, 0)), false));
        assert_eq!(find("sluiting inschrijving | 15-6-2023 12:00 uur", None), at(2023, 6, 15, Some((12, 0)), false));
        assert_eq!(find("publicatie nvi  4-8-2023 17.00 uur", None), at(2023, 8, 4, Some((17, 0)), false));
        assert_eq!(find("vragen tot en met 15 juni 12:00u", Some(2023)), at(2023, 6, 15, Some((12, 0)), true));
        assert_eq!(find("vragen tot en met 15 juni", None), None, "no year, none in the document");
        assert_eq!(find("op 3 mrt. 2027", None), at(2027, 3, 3, None, false));
        assert_eq!(find("op 31 februari 2027", None), None);
        assert_eq!(find("artikel 2.38 van de wet", None), None);
    }

    #[test]
    fn the_milestone_a_row_names() {
        assert_eq!(kind("uiterste datum voor het stellen van vragen"), Some(MilestoneKind::VragenDeadline));
        assert_eq!(kind("publicatie nota van inlichtingen"), Some(MilestoneKind::NotaVanInlichtingen));
        assert_eq!(kind("indienen inschrijving | 15-6-2023"), Some(MilestoneKind::Sluiting));
        assert_eq!(kind("voorlopige gunning"), Some(MilestoneKind::VoorlopigeGunning));
        assert_eq!(kind("einde opschortende termijn"), Some(MilestoneKind::EindeStandstill));
        assert_eq!(kind("ingangsdatum overeenkomst"), Some(MilestoneKind::StartContract));
        assert_eq!(kind("uiterste datum aanmelding toetredingsmoment 2"), Some(MilestoneKind::SluitingAanmelding));
        assert_eq!(kind("toetredingsmoment 2: 1 januari 2027"), Some(MilestoneKind::Toetredingsmoment));
        assert_eq!(kind("de gemeente koopt jeugdhulp in"), None);
        assert_eq!(kind("vervaltermijn voor kortgedingprocedure tegen de uitkomst van de beoordeling"), Some(MilestoneKind::EindeStandstill));
        assert_eq!(kind("vervaltermijn voor kortgedingprocedure tegen de definitieve terugkoppeling"), None);
        assert_eq!(kind("de deadline voor het indienen van een bezwaar tegen het inkoopbeleid lag op 15 juni 12:00"), None);
        assert_eq!(
            kind("we beantwoorden de gestelde vragen uiterlijk op 7 juli 2023 in de nota van inlichtingen"),
            Some(MilestoneKind::NotaVanInlichtingen)
        );
    }

    #[test]
    fn the_documents_year() {
        let texts = ["planning 2023: 15-6-2023, 4 augustus 2023", "opgesteld 1 januari 2022"];
        assert_eq!(document_year(texts.iter().copied()), Some(2023));
    }
}
