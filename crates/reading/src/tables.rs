//! The tables buyers put their requirements and planning in, read row by row: a document table
//! (a first column naming the document, a second explaining it, an X under one of several timing
//! columns — with the bid, before care starts, N months into the contract) asks each row's
//! document, at the time its marked column says; a planning table gives a date per row; an NvI set
//! out as question beside answer counts only its answers.

use crate::layout::Table;
use crate::meaning;
use crate::phrases::{Place, Reading};
use tenderwacht_domain::{ProposalAsked, ProposalDraft};

/// A cell that marks its column for the row ("X", a tick, "ja").
fn is_mark(cell: &str) -> bool {
    matches!(cell.trim().to_lowercase().as_str(), "x" | "✓" | "✔" | "☑" | "☒" | "•" | "ja" | "v")
}

/// Header words of a table that lists what must be handed in.
fn lists_documents(header: &str) -> bool {
    ["document", "bewijs", "stuk", "bijlage", "gevraagd", "aan te leveren", "in te dienen", "vereist", "verklaring", "eis", "toelichting", "geldigheid", "inschrijving"]
        .iter()
        .any(|w| header.contains(w))
}

/// Reads one table of a page; `n` numbers it on its page for the screen's grouping.
pub fn read(table: &Table, n: usize, page: Option<u32>, reading: &Reading, out: &mut Vec<ProposalDraft>) {
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
                let place = Place { page, section: section.clone(), implicit_demand: false, asked: None };
                reading.sentence(text, &place, out);
            }
        }
        return;
    }
    let mark_columns: Vec<usize> = (0..header.len()).filter(|c| table.rows.iter().any(|r| r.get(*c).is_some_and(|t| is_mark(t)))).collect();
    let documents = !mark_columns.is_empty() || lists_documents(&joined_header);
    // The header is a row like the others when it holds a document itself (no header at all).
    let first_is_row = !documents && !header.iter().all(|h| h.is_empty());
    let rows = first_is_row.then_some(&table.header).into_iter().chain(table.rows.iter());
    for row in rows {
        let marked = mark_columns.iter().copied().find(|c| row.get(*c).is_some_and(|t| is_mark(t)));
        let asked = marked.map(|c| when_column(header.get(c).map(String::as_str).unwrap_or("")));
        let text: Vec<&str> = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty() && !is_mark(c)).collect();
        if text.is_empty() {
            continue;
        }
        let place = Place { page, section: section.clone(), implicit_demand: documents, asked };
        reading.sentence(&text.join(" | "), &place, out);
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

#[cfg(test)]
mod tests {
    use super::*;
    use tenderwacht_domain::{time::Period, MilestoneKind, ProposalKind};

    fn read_one(table: Table) -> Vec<ProposalDraft> {
        let reading = Reading { file_name: "leidraad.pdf", closing: None, year: Some(2023) };
        let mut out = vec![];
        read(&table, 0, Some(12), &reading, &mut out);
        out
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn a_document_table_asks_each_row_at_its_marked_column() {
        let table = Table {
            header: row(&["Document", "Toelichting", "Bij inschrijving", "Voor aanvang zorg", "6 maanden na start overeenkomst"]),
            rows: vec![
                row(&["Uittreksel Kamer van Koophandel", "Afschrift is niet ouder dan zes maanden op het moment van inschrijving.", "X", "", ""]),
                row(&["VOG rechtspersonen", "Niet ouder dan een jaar", "", "X", ""]),
                row(&["Bewijs aansprakelijkheidsverzekering", "Polisblad met verzekerd bedrag van € 2.500.000 per gebeurtenis", "", "", "X"]),
                row(&["UBO-register", "Uittreksel", "X", "", ""]),
            ],
        };
        let found: Vec<(Option<String>, Option<Period>, ProposalAsked, String)> =
            read_one(table).into_iter().map(|d| (d.type_code, d.max_age, d.asked, d.section)).collect();
        let section = "tabel 1 op pagina 12".to_string();
        assert_eq!(
            found,
            [
                (Some("kvk".into()), Some(Period::months(6)), ProposalAsked::WithBid, section.clone()),
                (Some("vog-rp".into()), Some(Period::months(12)), ProposalAsked::AfterAward, section.clone()),
                (Some("avb".into()), None, ProposalAsked::DuringContract, section.clone()),
                (Some("ubo".into()), None, ProposalAsked::WithBid, section),
            ]
        );
    }

    #[test]
    fn a_planning_table_gives_its_dates() {
        let table = Table {
            header: row(&["Activiteit", "Datum"]),
            rows: vec![
                row(&["Uiterste datum stellen van vragen", "1-6-2023 12:00 uur"]),
                row(&["Publicatie Nota van Inlichtingen", "8-6-2023"]),
                row(&["Sluiting inschrijving", "15-6-2023 12.00 uur"]),
                row(&["Voorlopige gunning", "tot en met 4 juli"]),
            ],
        };
        let kinds: Vec<Option<MilestoneKind>> = read_one(table).into_iter().filter(|d| d.kind == ProposalKind::Date).map(|d| d.milestone_kind).collect();
        assert_eq!(
            kinds,
            [
                Some(MilestoneKind::VragenDeadline),
                Some(MilestoneKind::NotaVanInlichtingen),
                Some(MilestoneKind::Sluiting),
                Some(MilestoneKind::VoorlopigeGunning)
            ]
        );
    }

    #[test]
    fn in_an_nvi_table_only_answers_count() {
        let table = Table {
            header: row(&["Nr", "Vraag", "Antwoord"]),
            rows: vec![
                row(&["1", "Moet het KvK-uittreksel niet ouder zijn dan zes maanden?", "Nee, het KvK-uittreksel mag niet ouder zijn dan drie maanden."]),
                row(&["2", "Is een VOG nodig bij inschrijving?", "Een VOG hoeft u niet bij te voegen."]),
            ],
        };
        let found: Vec<(Option<String>, Option<Period>)> = read_one(table).into_iter().map(|d| (d.type_code, d.max_age)).collect();
        assert_eq!(found, [(Some("kvk".into()), Some(Period::months(3)))]);
    }
}
