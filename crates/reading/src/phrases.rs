//! The Dutch sentences in which buyers state what a bid must hold, matched to the catalogue
//! ("een uittreksel uit het Handelsregister dat niet ouder is dan zes maanden" → KvK-uittreksel,
//! at most 6 months old), to deliverables ("Bijlage 3: Prijzenblad, in te vullen en te uploaden"),
//! to changes of a requirement ("de maximale ouderdom van het KvK-uittreksel wordt drie maanden")
//! and to dates ("de sluitingsdatum wordt verschoven naar 15 januari 2027 om 12:00 uur").

use crate::meaning::{self, Place};
use crate::text::Page;
use crate::{dates, names, words};
use chrono::{NaiveDate, NaiveTime};
use regex::Regex;
use std::sync::LazyLock;
use tenderwacht_domain::{time::Period, MilestoneKind, ProposalAsked, ProposalDraft, ProposalKind};

struct Patterns {
    catalogue: Vec<(&'static str, Regex)>,
    deliverables: Vec<(&'static str, Regex)>,
    demand: Regex,
    submit: Regex,
    annex: Regex,
    limit: Regex,
    amount: Regex,
    url: Regex,
}

fn re(p: &str) -> Regex {
    // The patterns are constants of this file, covered by its tests.
    #[allow(clippy::expect_used)]
    Regex::new(p).expect("a valid pattern")
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    catalogue: names::CATALOGUE.iter().map(|(c, p)| (*c, re(p))).collect(),
    deliverables: names::DELIVERABLES.iter().map(|(n, p)| (*n, re(p))).collect(),
    demand: re(
        r"\b(?:dient|dienen|moet|moeten|overleg|overlegt|overleggen|voeg|voegt|bijvoegen|bij te voegen|lever|levert|leveren|aanleveren|aan te leveren|in te dienen|indienen|vereist|verplicht|beschikt|beschikken|upload|uploadt|uploaden|te uploaden|vraagt|gevraagd|verlangt|verlangd|mee te sturen|meesturen|overgelegd|toevoegen|toe te voegen|voegt|aantonen|aan te tonen|overhandigen|verstrekken|te overleggen|in het bezit|beschikken over|afschrift|kopie)\b|niet ouder|\bstuurt\b[^.;]{0,80}\bmee\b",
    ),
    submit: re(
        r"in te vullen|invullen|ingevuld|onderteken|op te stellen|in te dienen|indienen|bij te voegen|bijvoegen|toevoegen|toe te voegen|toegevoegd|aan te leveren|aanleveren|uploaden|te uploaden|mee te sturen|worden aangeleverd|worden ingediend|worden bijgevoegd|worden meegestuurd",
    ),
    annex: re(r"bijlage\s+([0-9]{1,2}[a-z]?|[a-z])\s*[:\-–]\s*([^.;:,\n(|]{3,80})"),
    limit: re(&format!(r"(?:maximaal|max\.?|ten hoogste|hooguit|niet meer dan) {} (a4|a4'?s|pagina'?s|kantjes|woorden)", words::NUMBER)),
    amount: re(r"(?:€|eur(?:o)?)\s?(\d{1,3}(?:[.\s]\d{3})+|\d+)(?:,(?:\d{2}|-))?(?:\s?(miljoen))?|(\d+(?:,\d+)?) miljoen euro"),
    url: re(r"(?:https?://|www\.)[^\s)]+"),
});

/// Catalogue types buyers usually supply as their own form: named as an annex, they are a
/// deliverable to fill in.
const BUYER_FORMS: [&str; 1] = ["combinatie"];

/// The proposals of one document. `closing` turns "van na 1 januari 2026" into a maximum age.
pub fn find(pages: &[Page], file_name: &str, closing: Option<NaiveDate>) -> Vec<ProposalDraft> {
    let year = dates::document_year(pages.iter().flat_map(|p| {
        std::iter::once(p.text.as_str()).chain(p.tables.iter().flat_map(|t| t.header.iter().chain(t.rows.iter().flatten()).map(String::as_str)))
    }));
    let reading = Reading { file_name, closing, year };
    let mut out: Vec<ProposalDraft> = vec![];
    // A document table's header, for the parts of the table its page's layout broke off.
    let mut heading = None;
    let mut carry: Option<String> = None;
    for page in pages {
        // An NvI's question ("Vraag 12: ... niet ouder dan zes maanden?") is never a requirement;
        // only its answer counts.
        let mut question_left = 0u32;
        // A list under "U levert de volgende stukken aan:" asks each of its items, though the
        // items ("Bijlage 4: Inschrijvingsformulier;") say no verb.
        let mut list_left = 0u32;
        // When the list's intro says its items are asked ("kan de volgende documenten
        // opvragen:" is on request), unless an item says otherwise.
        let mut list_asked = None;
        let mut place = Place { page: page.number, ..Place::default() };
        // The documents the sentence before named, for one that speaks of them without a name.
        let mut last = out.len()..out.len();
        let mut sentences = crate::sentences::sentences(&page.text);
        // A sentence the page break cut ("… ook niet een afschrift" | "van inschrijving …") is
        // read whole on the new page, so what its start says (a negation) holds for its end.
        if let (Some(before), Some(first)) = (carry.take(), sentences.first_mut()) {
            let (label, body) = first.split_once(": ").filter(|(l, _)| *l == "Antwoord").map_or(("", first.as_str()), |(l, b)| (l, b));
            if body.starts_with(char::is_lowercase) {
                *first = if label.is_empty() { format!("{before} {body}") } else { format!("{label}: {before} {body}") };
            }
        }
        // Bounded: pages of one unending "sentence" carry no more than its last part along.
        carry = sentences.last().filter(|s| !s.trim_end().ends_with(['.', '!', '?', ';', ':'])).map(|s| {
            let s = s.trim_start_matches("Antwoord: ");
            let skip = s.chars().count().saturating_sub(crate::limits::CARRIED_SENTENCE_CHARS);
            s.chars().skip(skip).collect()
        });
        for sentence in sentences {
            let trimmed = sentence.trim_end();
            if trimmed.ends_with(':') {
                if meaning::is_answer(&sentence) {
                    question_left = 0; // "Antwoord: ... hebben wij opgenomen:" opens the answer
                }
                let lower = trimmed.to_lowercase();
                let intro = PATTERNS.demand.is_match(&lower) || lower.contains("volgende documenten") || lower.contains("volgende stukken");
                list_left = if intro && !meaning::negated(&lower) { 15 } else { 0 };
                list_asked = Some(meaning::asked(&lower)).filter(|a| *a != ProposalAsked::WithBid);
                continue;
            }
            place.implicit_demand = list_left > 0;
            place.asked = list_asked.filter(|_| list_left > 0 && meaning::asked(&sentence.to_lowercase()) == ProposalAsked::WithBid);
            list_left = list_left.saturating_sub(1);
            if meaning::is_answer(&sentence) {
                question_left = 0;
            } else if meaning::is_question(&sentence) {
                if sentence.trim_start().starts_with("Vraag: ") {
                    question_left = 60; // a question set beside its answer (`qa`): all of it
                } else if !sentence.trim_end().ends_with('?') {
                    question_left = 8; // the question's further sentences, until its answer
                }
                continue;
            } else if question_left > 0 {
                question_left -= 1;
                continue;
            }
            let before = out.len();
            reading.sentence(&sentence, &place, &mut out);
            if out.len() > before {
                last = before..out.len();
            } else {
                // "• Afschrift is niet ouder dan 6 maanden" under the bullet that named it.
                let lower = sentence.to_lowercase();
                if let Some(age) = words::max_age(&lower).filter(|_| meaning::refers_back(&lower)) {
                    for d in out[last.clone()].iter_mut().filter(|d| d.kind != ProposalKind::Date && d.max_age.is_none()) {
                        d.max_age = Some(age);
                    }
                }
                last = out.len()..out.len();
            }
        }
        for (n, table) in page.tables.iter().enumerate() {
            crate::tables::read(table, n, page.number, &mut heading, &mut |text, place| reading.sentence(text, place, &mut out));
        }
    }
    crate::findings::dedupe(crate::findings::planning_holds(out))
}

/// One document's reading: its name, the tender's closing and the document's own year.
pub struct Reading<'a> {
    pub file_name: &'a str,
    pub closing: Option<NaiveDate>,
    pub year: Option<i32>,
}

impl Reading<'_> {
    /// The findings of one sentence (or table row).
    pub fn sentence(&self, sentence: &str, place: &Place, out: &mut Vec<ProposalDraft>) {
        let p = &*PATTERNS;
        // A web address is no sentence's words ("…/gva/kan-er-naast-de-gva-ook-om-een-vogrp-
        // gevraagd-worden"): blanked, at its length, so the places of the other words hold.
        let lower = sentence.to_lowercase().replace("een half jaar", "zes maanden");
        let lower = p.url.replace_all(&lower, |c: &regex::Captures| " ".repeat(c[0].len())).into_owned();
        let quote: String = sentence.chars().take(400).collect();
        let asked = place.asked.unwrap_or_else(|| meaning::asked(&lower));
        let condition = meaning::condition(&lower);
        let draft = |kind, type_code: Option<&str>, name: &str| ProposalDraft {
            kind,
            type_code: type_code.map(str::to_string),
            name: name.to_string(),
            max_age: None,
            note: String::new(),
            asked,
            condition: condition.clone(),
            section: place.section.clone(),
            milestone_kind: None,
            at: None,
            quote: quote.clone(),
            file_name: self.file_name.to_string(),
            page: place.page,
            also_in: vec![],
        };
        let changing = meaning::changes(&lower);
        // Dates.
        let kind = dates::kind(&lower).or(place.dated_row.then_some(MilestoneKind::Custom));
        if let (Some(kind), Some(found)) = (kind, dates::find(&lower, self.year)) {
            let (h, m) = found.time.unwrap_or((12, 0));
            if let Some(at) =
                NaiveTime::from_hms_opt(h, m, 0).and_then(|t| tenderwacht_domain::time::local_to_utc("datum", found.day.and_time(t)).ok())
            {
                let step = place.label.as_deref().filter(|_| kind == MilestoneKind::Custom).unwrap_or(kind.label());
                let mut d = draft(ProposalKind::Date, None, step);
                d.asked = ProposalAsked::WithBid;
                d.condition = String::new();
                d.milestone_kind = Some(kind);
                d.at = Some(at);
                let mut notes = vec![];
                if found.time.is_none() {
                    notes.push("tijd niet genoemd; 12:00 uur aangenomen".to_string());
                }
                if found.year_assumed {
                    notes.push("jaar niet genoemd; uit het document genomen".to_string());
                }
                d.note = notes.join("; ");
                out.push(d);
                return;
            }
        }
        // A row marked under a timing column is asked, whatever its explanation says of cases
        // where it is not ("indien ... niet verplicht is").
        if meaning::negated(&lower) && place.asked.is_none() {
            return; // "wordt niet gevraagd", "hoeven niet te worden aangeleverd": no requirement
        }
        let demanded = place.implicit_demand || p.demand.is_match(&lower) || changing;
        // An annex is a form to hand in when the sentence says so outside its title ("Bijlage 4:
        // Verklaring onderaanneming in te vullen"); "Bijlage 1: Aan te leveren documenten" is
        // the list's heading, not a form.
        let annex = p.annex.captures(&lower).filter(|c| {
            c.get(2).is_some_and(|t| {
                let end = (t.start() + annex_title(t.as_str()).len()).min(t.end());
                p.submit.is_match(&format!("{} {}", &lower[..t.start()], lower.get(end..).unwrap_or("")))
            })
        });
        // Catalogue documents: each one named, or the first of alternatives ("HKZ of ISO 9001");
        // one named only to be refused ("een GVA volstaat niet") becomes a note on the others.
        let mut matched_catalogue = false;
        // Whether a document table row's own name is a catalogue document's.
        let mut label_is_catalogue = false;
        if demanded || annex.is_some() {
            let mut hits: Vec<(&str, regex::Match)> = vec![];
            // Every place a more specific name stands ("VOG RP"), which a broader one ("VOG")
            // may not claim again.
            let mut taken: Vec<std::ops::Range<usize>> = vec![];
            for (code, re) in &p.catalogue {
                // A declaration the buyer supplies as an annex ("Bijlage 4: Verklaring
                // onderaanneming") is a form to fill in, not a document from outside.
                let in_annex = |m: &regex::Match| {
                    BUYER_FORMS.contains(code) && annex.as_ref().and_then(|c| c.get(2)).is_some_and(|t| t.start() <= m.start() && m.end() <= t.end())
                };
                let free = |m: &regex::Match| !taken.iter().any(|t| t.start < m.end() && m.start() < t.end);
                if let Some(m) = re.find_iter(&lower).find(|m| !in_annex(m) && free(m)) {
                    hits.push((code, m));
                }
                taken.extend(re.find_iter(&lower).map(|m| m.range()));
            }
            hits.sort_by_key(|(_, m)| m.start());
            // A document table's row whose name is a catalogue document asks that document; one
            // its explanation names besides counts only where its own bullet asks it ("er moet
            // een volmacht zijn (die eveneens verstrekt moet worden)"), not where it describes
            // the first ("uit het beleid blijkt ... aangesloten bij een geschilleninstantie").
            if place.implicit_demand && place.label.is_some() {
                // Where the row's name ends in its text (past a number cell before it).
                let label_end = place
                    .label
                    .as_deref()
                    .and_then(|l| {
                        let l = l.to_lowercase();
                        lower.find(&l).map(|i| i + l.len())
                    })
                    .unwrap_or(0);
                // The name is a catalogue document's when one is found in it, or named in the
                // explanation with a word of it ("Inschrijving Handelsregister KvK" and "het
                // Handelsregister van de KvK").
                let label_words: Vec<&str> =
                    lower.get(..label_end).unwrap_or("").split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3).collect();
                label_is_catalogue = hits
                    .iter()
                    .any(|(_, m)| m.end() <= label_end || m.as_str().split(|c: char| !c.is_alphanumeric()).any(|w| label_words.contains(&w)));
                if label_is_catalogue {
                    hits.retain(|(_, m)| m.end() <= label_end || p.demand.is_match(crate::sentences::bullet_around(&lower, m.range())));
                }
            }
            let written = |m: &regex::Match| sentence.get(m.range()).unwrap_or(m.as_str()).trim().to_string();
            // "Een VOG voor natuurlijke personen en/of een GVA volstaat niet" refuses both: a
            // document joined by "en/of" to a refused one is refused with it.
            let mut refusing = vec![false; hits.len()];
            for i in (0..hits.len()).rev() {
                let end = hits[i].1.end();
                refusing[i] = meaning::refuses(&lower[end..])
                    || (i + 1 < hits.len() && refusing[i + 1] && meaning::joined_to_next(lower.get(end..hits[i + 1].1.start()).unwrap_or("")));
            }
            let mut flags = refusing.into_iter();
            let (refused, hits): (Vec<_>, Vec<_>) = hits.into_iter().partition(|_| flags.next().unwrap_or(false));
            // Alternatives stand close together ("HKZ of ISO 9001"); an "of" far between two
            // names in a table row's explanation is another matter ("... of er moet een volmacht
            // zijn").
            let alternatives = hits.len() > 1
                && hits.windows(2).any(|w| {
                    // Two names may overlap (different patterns over the same words): nothing between.
                    let between = lower.get(w[0].1.end()..w[1].1.start()).unwrap_or("");
                    between.contains(" of ") && between.chars().count() <= 40
                });
            let chosen: Vec<&(&str, regex::Match)> = if alternatives { hits.iter().take(1).collect() } else { hits.iter().collect() };
            let several = chosen.len() > 1;
            for (i, (code, m)) in chosen.iter().enumerate() {
                matched_catalogue = true;
                let kind = if changing { ProposalKind::Change } else { ProposalKind::Document };
                let mut d = draft(kind, Some(code), "");
                // Several documents in one text: each takes the age said between its name and
                // the next one's (the first from the start).
                let own = if several {
                    let from = if i == 0 { 0 } else { m.start() };
                    let to = chosen.get(i + 1).map_or(lower.len(), |(_, next)| next.start());
                    &lower[from..to]
                } else {
                    &lower[..]
                };
                d.max_age = words::max_age(own);
                let mut notes = vec![];
                if let Some((after, written)) = words::issued_after(&lower) {
                    notes.push(format!("afgegeven na {written}"));
                    if let Some(c) = self.closing {
                        let days = (c - after).num_days() - 1;
                        d.max_age = u32::try_from(days).ok().filter(|n| *n > 0).map(Period::days);
                    }
                }
                if matches!(*code, "avb" | "bav") {
                    if let Some(amount) = insured_amount(&p.amount, &lower) {
                        notes.push(format!("verzekerd bedrag {amount}"));
                    }
                }
                if alternatives {
                    let others: Vec<String> = hits.iter().skip(1).map(|(_, m)| written(m)).collect();
                    notes.push(format!("of: {}", others.join(", ")));
                }
                if !refused.is_empty() {
                    let names: Vec<String> = refused.iter().map(|(_, m)| written(m)).collect();
                    notes.push(format!("volstaat niet: {}", names.join(", ")));
                }
                d.note = notes.join("; ");
                if kind == ProposalKind::Change && d.max_age.is_none() {
                    continue; // a change without a new age is not one we can apply
                }
                out.push(d);
            }
            if !refused.is_empty() && !matched_catalogue {
                return; // only refusals: nothing asked
            }
        }
        // A row named by a document no list knows ("Financieel plan") asks that document too,
        // beside the catalogue documents its explanation names ("jaarrekeningen").
        let row_named = place.implicit_demand && place.label.is_some() && !label_is_catalogue && place.asked.is_some();
        if matched_catalogue && !row_named {
            return;
        }
        // Deliverables: a named one, or an annex to fill in.
        let limit = p.limit.captures(&lower).and_then(|c| words::number(&c[1]).map(|n| format!("maximaal {n} {}", unit_label(&c[2]))));
        let named = p.deliverables.iter().find(|(_, re)| re.is_match(&lower)).map(|(n, _)| *n);
        let (name, annex_note) = match (&annex, named) {
            (Some(c), Some(n)) => (Some(n.to_string()), Some(format!("bijlage {}", c[1].to_uppercase()))),
            (Some(c), None) => (Some(annex_title(&c[2])), Some(format!("bijlage {}", c[1].to_uppercase()))),
            (None, Some(n)) if demanded => (Some(n.to_string()), None),
            _ => (None, None),
        };
        // A row of a document table names its document, though no list knows the name; so does
        // a sentence that asks a document by a compound name ("bestuursverklaring").
        let name = if matched_catalogue { None } else { name };
        let by_name = || p.submit.find(&lower).filter(|_| demanded).and_then(|m| names::asked_by_name(&lower, m.range()));
        let row_name = place.label.clone().filter(|_| place.implicit_demand && name.is_none());
        // A row's explanation may ask another document by its name ("Kwaliteitskader" whose
        // text says "een kwaliteitsverslag moet worden aangeleverd"): both are asked.
        let also = row_name.as_ref().and_then(|r| by_name().filter(|n| !r.to_lowercase().contains(&n.to_lowercase())));
        let name = name.or(row_name).or_else(by_name);
        for (i, name) in name.into_iter().chain(also).enumerate() {
            let mut d = draft(ProposalKind::Deliverable, None, &name);
            if i == 0 {
                d.note = [annex_note.clone(), limit.clone()].into_iter().flatten().collect::<Vec<_>>().join("; ");
            }
            out.push(d);
        }
    }
}

fn insured_amount(re: &Regex, lower: &str) -> Option<String> {
    let c = re.captures(lower)?;
    if let Some(m) = c.get(3) {
        return Some(format!("€ {} miljoen", m.as_str()));
    }
    let digits: String = c.get(1)?.as_str().chars().filter(char::is_ascii_digit).collect();
    let mut n: u64 = digits.parse().ok()?;
    if c.get(2).is_some() {
        n = n.saturating_mul(1_000_000);
    }
    if n < 10_000 {
        return None; // not an insured amount (a fee, a page count)
    }
    let s = n.to_string();
    let grouped: Vec<String> = s.as_bytes().rchunks(3).rev().map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    Some(format!("€ {}", grouped.join(".")))
}

fn unit_label(unit: &str) -> &'static str {
    match unit {
        "woorden" => "woorden",
        "a4" | "a4's" | "a4s" => "A4",
        _ => "pagina's",
    }
}

/// An annex's title without the instruction that follows it ("Verklaring onderaanneming in te
/// vullen" → "Verklaring onderaanneming").
fn annex_title(raw: &str) -> String {
    let mut t = raw.trim();
    for cut in [" in te vullen", " invullen", " ingevuld", " ondertekend", " te uploaden", " bij te voegen", " dient", " moet", " en te "] {
        if let Some(i) = t.find(cut) {
            t = &t[..i];
        }
    }
    tenderwacht_domain::text::capital(t.trim())
}
