//! The tables buyers put their requirements and planning in, read row by row: a document table
//! (a first column naming the document, a second explaining it, an X under one of several timing
//! columns — with the bid, before care starts, N months into the contract) asks each row's
//! document, at the time its marked column says; a planning table gives a date per row; an NvI set
//! out as question beside answer counts only its answers.

use crate::layout::Table;
use crate::meaning;
use crate::meaning::Place;
use tenderwacht_domain::ProposalAsked;

/// A cell that marks its column for the row ("X", a tick, "ja").
fn is_mark(cell: &str) -> bool {
    matches!(cell.trim().to_lowercase().as_str(), "x" | "✓" | "✔" | "☑" | "☒" | "•" | "ja" | "v")
}

/// Header words of a table that lists what must be handed in.
fn lists_documents(header: &str) -> bool {
    [
        "document",
        "bewijs",
        "stuk",
        "bijlage",
        "gevraagd",
        "aan te leveren",
        "in te dienen",
        "vereist",
        "verklaring",
        "eis",
        "toelichting",
        "geldigheid",
        "inschrijving",
    ]
    .iter()
    .any(|w| header.contains(w))
}

/// A document table's header as last seen: the parts of the table that the page's layout broke
/// off (a header set over several lines, the rows after a heading row or a page break) are read
/// under it, each cell under the header column it stands beneath.
#[derive(Debug, Clone, Default)]
pub struct Heading {
    header: Vec<String>,
    x: Vec<f32>,
}

/// Column edges this close (PDF points) belong to one column of the header.
const UNDER: f32 = 12.0;

fn words(cell: &str) -> usize {
    cell.split_whitespace().count()
}

/// A table of short cells without marks whose columns read as a document table's header once
/// joined top to bottom ("Overzicht aan te" / "leveren documenten", "Meesturen" / "bij de" /
/// "inschrijving"): a header set over several lines.
fn header_block(table: &Table) -> Option<Vec<String>> {
    let all = || std::iter::once(&table.header).chain(table.rows.iter());
    if table.header.len() < 3 || all().flatten().any(|c| is_mark(c) || words(c) > 6) {
        return None;
    }
    let mut joined = vec![String::new(); table.header.len()];
    for row in all() {
        for (c, cell) in row.iter().enumerate().take(joined.len()) {
            crate::layout::join_wrapped(&mut joined[c], cell);
        }
    }
    let lower: Vec<String> = joined.iter().map(|h| h.to_lowercase()).collect();
    let timing = lower.iter().filter(|h| ["inschrijving", "moment", "aanvang", "start", "na ", "voor "].iter().any(|w| h.contains(w))).count();
    (lists_documents(&lower.join(" | ")) && timing >= 1).then_some(lower)
}

/// The rows of a table, each with the lines that continue it: a line that does not start a row
/// (no mark in a document table, no date in a planning) belongs to the row above (the layout may
/// give each line as a row).
fn merged(rows: Vec<&Vec<String>>, starts_row: impl Fn(&[String]) -> bool) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![];
    for row in rows {
        match out.last_mut() {
            Some(last) if !starts_row(row) => {
                for (c, cell) in row.iter().enumerate() {
                    match last.get_mut(c) {
                        Some(target) => crate::layout::join_wrapped(target, cell),
                        None => last.push(cell.clone()),
                    }
                }
            }
            _ => out.push(row.clone()),
        }
    }
    out
}

fn is_mark_row(row: &[String]) -> bool {
    row.iter().any(|c| is_mark(c))
}

/// When a cell of a timing column says its row's document is asked ("Op verzoek", "Bij verzoek
/// tot deelname of inschrijving"), in a table that says it in words instead of an X.
fn timing_cell(cell: &str) -> Option<ProposalAsked> {
    let lower = cell.trim().to_lowercase();
    if words(&lower) > 8 {
        return None;
    }
    if lower.contains("op verzoek") || lower.contains("op aanvraag") || lower.contains("desgevraagd") {
        Some(ProposalAsked::OnRequest)
    } else if ["looptijd", "na ingang", "jaarlijks"].iter().any(|w| lower.contains(w)) {
        Some(ProposalAsked::DuringContract)
    } else if ["gunning", "aanvang", "start", "contractering"].iter().any(|w| lower.contains(w)) {
        Some(ProposalAsked::AfterAward)
    } else if ["inschrijving", "deelname", "aanmelding", "indienen"].iter().any(|w| lower.contains(w)) {
        Some(ProposalAsked::WithBid)
    } else {
        None
    }
}

/// The row's name: its first cell with words (past a cell of only its number), when short
/// enough to be one.
fn label(row: &[String]) -> Option<String> {
    let first = row.iter().map(|c| c.trim()).find(|c| c.chars().any(char::is_alphabetic))?;
    let first = first.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')').trim();
    // A long name of alternatives is named by its first ("Kwaliteitskader van de sector / werkt
    // met een landelijk erkend kwaliteitssysteem met externe toetsing").
    let first = match first.split_once(" / ") {
        Some((head, _)) if words(first) > 12 => head.trim(),
        _ => first,
    };
    let name_like = first.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) && !first.ends_with(['.', ',', ':', ';', '-']);
    (name_like && !is_mark(first) && (1..=12).contains(&words(first)) && first.chars().any(char::is_alphabetic)).then(|| first.to_string())
}

/// A planning row's step: its first cell without the step number, cut at 80 characters.
fn step(row: &[String]) -> Option<String> {
    let first = row.iter().map(|c| c.trim()).find(|c| !c.is_empty())?;
    let first = first.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c.is_whitespace());
    let cut: String = first.chars().take(80).collect();
    cut.chars().any(char::is_alphabetic).then(|| cut.trim().to_string())
}

/// Reads one table of a page; `n` numbers it on its page for the screen's grouping. `heading` is
/// the document table's header seen last, in this file. `sentence` reads each row's text at its
/// place (the phrase reader's, so a row is read as the sentences around it are).
pub fn read(table: &Table, n: usize, page: Option<u32>, heading: &mut Option<Heading>, sentence: &mut dyn FnMut(&str, &Place)) {
    if let Some(header) = header_block(table) {
        *heading = Some(Heading { header, x: table.x.clone() });
        return;
    }
    // A header set over several lines with the table's first rows right beneath it, in one
    // block: the header's lines are the longest run of first lines that reads as one.
    let part = |rows: &[Vec<String>]| Table { header: table.header.clone(), rows: rows.to_vec(), x: table.x.clone() };
    // Only the rows before the first with a mark or a long cell can be header lines, and the rest
    // must hold a mark: one pass finds how far to look, instead of every prefix of every table.
    let plain = table.rows.iter().take_while(|r| r.iter().all(|c| !is_mark(c) && words(c) <= 6)).count().min(table.rows.len().saturating_sub(1));
    let split = (1..=plain).rev().find_map(|k| header_block(&part(&table.rows[..k])).map(|h| (k, h)));
    if let Some((k, header)) = split.filter(|(k, _)| table.rows[*k..].iter().flatten().any(|c| is_mark(c))) {
        *heading = Some(Heading { header, x: table.x.clone() });
        let rest = Table { header: table.rows[k].clone(), rows: table.rows[k + 1..].to_vec(), x: table.x.clone() };
        return read(&rest, n, page, heading, sentence);
    }
    let header: Vec<String> = table.header.iter().map(|h| h.to_lowercase()).collect();
    let joined_header = header.join(" | ");
    let section = match page {
        Some(p) => format!("tabel {} op pagina {p}", n + 1),
        None => format!("tabel {}", n + 1),
    };
    // Question beside answer: only the answer column counts.
    let answer_col = header.iter().position(|h| h.contains("antwoord") || h.contains("reactie"));
    if let (Some(answer), true) = (answer_col, header.iter().any(|h| h.contains("vraag"))) {
        for row in &table.rows {
            if let Some(text) = row.get(answer).filter(|t| !t.trim().is_empty()) {
                let place = Place { page, section: section.clone(), ..Place::default() };
                sentence(text, &place);
            }
        }
        return;
    }
    let has_mark = |row: &Vec<String>| row.iter().any(|c| is_mark(c));
    let header_is_row = has_mark(&table.header) || table.header.iter().any(|c| words(c) > 8);
    // A broken-off part of a document table: its rows under the header seen before.
    let marks = has_mark(&table.header) || table.rows.iter().any(has_mark);
    if let Some(h) = heading.as_ref().filter(|h| marks && header_is_row && !table.x.is_empty() && !h.x.is_empty()) {
        for row in &merged(std::iter::once(&table.header).chain(table.rows.iter()).collect(), is_mark_row) {
            let column = |c: usize| table.x.get(c).map(|x| h.x.iter().rposition(|hx| *hx <= x + UNDER).unwrap_or(0));
            let marked = row.iter().enumerate().find(|(_, t)| is_mark(t)).and_then(|(c, _)| column(c));
            let asked = marked.map(|c| when_column(h.header.get(c).map(String::as_str).unwrap_or("")));
            let text: Vec<&str> = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty() && !is_mark(c)).collect();
            if text.is_empty() {
                continue;
            }
            let place = Place { page, section: section.clone(), implicit_demand: true, asked, label: label(row), dated_row: false };
            read_row(&text, &place, sentence);
        }
        return;
    }
    let mark_columns: Vec<usize> = (0..header.len()).filter(|c| table.rows.iter().any(|r| r.get(*c).is_some_and(|t| is_mark(t)))).collect();
    let documents = !mark_columns.is_empty() || lists_documents(&joined_header);
    // A column of short cells that say when, in words, instead of an X.
    let timing_columns: Vec<usize> = (0..header.len())
        .filter(|c| {
            let cells: Vec<&str> = table.rows.iter().filter_map(|r| r.get(*c)).map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
            documents
                && mark_columns.is_empty()
                && !cells.is_empty()
                && cells.iter().all(|t| words(t) <= 8)
                && cells.iter().any(|t| timing_cell(t).is_some())
        })
        .collect();
    if documents && !header_is_row {
        *heading = Some(Heading { header: header.clone(), x: table.x.clone() });
    }
    // The header is a row like the others when it holds a document itself (no header at all).
    let first_is_row = !documents && !header.iter().all(|h| h.is_empty());
    let rows: Vec<&Vec<String>> = first_is_row.then_some(&table.header).into_iter().chain(table.rows.iter()).collect();
    // A date in a cell of its own ("15-6-2023 12:00 uur"), not one inside a cell of prose.
    // (A year is assumed only to see a date written without one, "tot en met 4 juli".)
    let has_date = |r: &[String]| r.iter().any(|c| words(c) <= 6 && crate::dates::find(&c.to_lowercase(), Some(2000)).is_some());
    let dated = rows.iter().filter(|r| has_date(r.as_slice())).count();
    let rows = if !mark_columns.is_empty() {
        merged(rows, is_mark_row)
    } else if !documents && dated >= 2 {
        // A planning whose steps wrap: a line without a date continues the step above it.
        merged(rows, |r| has_date(r))
    } else {
        rows.into_iter().cloned().collect()
    };
    // A planning: most rows give a date (a table of prose with a date here and there is not one).
    let planning = dated >= 2 && dated * 3 >= rows.len() * 2;
    for row in &rows {
        let marked = mark_columns.iter().copied().find(|c| row.get(*c).is_some_and(|t| is_mark(t)));
        let timed = timing_columns.iter().find_map(|c| row.get(*c).and_then(|t| timing_cell(t)));
        let asked = marked.map(|c| when_column(header.get(c).map(String::as_str).unwrap_or(""))).or(timed);
        let text: Vec<&str> = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty() && !is_mark(c)).collect();
        if text.is_empty() {
            continue;
        }
        // A row names its document only in a table that marks its rows (an X per row, or when
        // in words).
        let name = if documents { label(row).filter(|_| !mark_columns.is_empty() || timed.is_some()) } else { step(row) };
        let place = Place { page, section: section.clone(), implicit_demand: documents, asked, label: name, dated_row: !documents && planning };
        if documents && asked.is_some() {
            read_row(&text, &place, sentence);
        } else {
            sentence(&text.join(" | "), &place);
        }
    }
}

/// A marked row of a document table. A row named by the buyer's annexes ("Bijlage 2
/// Onderaannemerschap en indien van toepassing Bijlage 3 Lijst met zorgkantoren") asks each
/// annex, with the sentences of its explanation that name it ("Bijlage 3 alleen indien van
/// toepassing toevoegen"); any other row is read whole.
fn read_row(text: &[&str], place: &Place, sentence: &mut dyn FnMut(&str, &Place)) {
    static ANNEX: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)\bbijlage\s+(\d{1,2}[a-z]?)\b\s*[:\-–]?\s*").unwrap_or_else(|_| unreachable!()));
    let Some(first) = text.first() else { return };
    let starts: Vec<regex::Captures> = ANNEX.captures_iter(first).collect();
    if starts.first().is_none_or(|c| c.get(0).is_none_or(|m| m.start() != 0)) {
        sentence(&text.join(" | "), place);
        return;
    }
    let explanation = text[1..].join(" ");
    let sentences: Vec<&str> = explanation.split_inclusive(". ").collect();
    for (i, c) in starts.iter().enumerate() {
        let (Some(whole), Some(number)) = (c.get(0), c.get(1)) else { continue };
        let end = starts.get(i + 1).and_then(|n| n.get(0)).map_or(first.len(), |m| m.start());
        let title = first.get(whole.end()..end).unwrap_or("");
        // "… en indien van toepassing" before the next annex is that annex's condition.
        let title = match title.find(" en ").or_else(|| title.find(" of ")) {
            Some(k) if i + 1 < starts.len() => &title[..k],
            _ => title,
        };
        let before = if i > 0 {
            let prev = first.get(starts[i - 1].get(0).map_or(0, |m| m.end())..whole.start()).unwrap_or("");
            prev.find(" en ").or_else(|| prev.find(" of ")).map_or("", |k| prev[k + 4..].trim())
        } else {
            ""
        };
        let named = format!("bijlage {}", number.as_str().to_lowercase());
        let own: Vec<&str> = sentences.iter().copied().filter(|t| t.to_lowercase().contains(&named)).collect();
        let says = if own.is_empty() { explanation.clone() } else { own.concat() };
        let title = title.trim();
        let before = if says.to_lowercase().contains(&before.to_lowercase()) { "" } else { before };
        let row = [format!("Bijlage {}: {title}", number.as_str()), before.to_string(), says.trim().to_string()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" | ");
        let place = Place { label: Some(title.to_string()).filter(|t| !t.is_empty()), ..place.clone() };
        sentence(row.trim(), &place);
    }
}

/// When a timing column's header says the document is asked.
fn when_column(header: &str) -> ProposalAsked {
    if header.contains("inschrijving") || header.contains("indienen") || header.contains("aanmelding") {
        return ProposalAsked::WithBid;
    }
    match meaning::asked(header) {
        ProposalAsked::WithBid if header.contains("aanvang") || header.contains("start") || header.contains("gunning") => ProposalAsked::AfterAward,
        asked => asked,
    }
}
