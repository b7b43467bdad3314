//! The layout's tests: words with positions as PDF engines give them, read back into lines,
//! cells, tables and text columns (the shapes seen in real buyers' documents).

use crate::layout::*;

pub(crate) fn word(text: &str, x0: f32, y: f32) -> WordBox {
    WordBox { text: text.into(), x0, x1: x0 + 5.5 * text.chars().count() as f32, y, height: 10.0 }
}

/// Words of one line from left to right starting at x, a space apart.
pub(crate) fn phrase(text: &str, x: f32, y: f32) -> Vec<WordBox> {
    let mut x = x;
    text.split(' ')
        .map(|t| {
            let w = word(t, x, y);
            x = w.x1 + 3.0;
            w
        })
        .collect()
}

#[test]
fn words_in_stream_order_become_lines_top_down() {
    let mut words = phrase("tweede regel", 72.0, 700.0);
    words.extend(phrase("eerste regel", 72.0, 712.0));
    let l = lines(words);
    assert_eq!(l.iter().map(Line::text).collect::<Vec<_>>(), ["eerste regel", "tweede regel"]);
}

#[test]
fn a_document_table_is_read_as_rows_with_the_header_and_hyphenation_joined() {
    let mut words = vec![];
    words.extend(phrase("Document", 72.0, 700.0));
    words.extend(phrase("Toelichting", 250.0, 700.0));
    words.extend(phrase("Bij inschrijving", 450.0, 700.0));
    // Row 1: two lines in the first column, the mark in the last.
    words.extend(phrase("Bewijs aansprakelijkheids-", 72.0, 680.0));
    words.extend(phrase("Polisblad met het verzekerde", 250.0, 680.0));
    words.extend(phrase("X", 450.0, 680.0));
    words.extend(phrase("verzekering", 72.0, 668.0));
    words.extend(phrase("bedrag", 250.0, 668.0));
    // Row 2, after the row's padding.
    words.extend(phrase("Uittreksel KvK", 72.0, 648.0));
    words.extend(phrase("Niet ouder dan zes maanden", 250.0, 648.0));
    words.extend(phrase("X", 450.0, 648.0));
    let page = layout(&lines(words));
    assert_eq!(page.tables.len(), 1, "{page:?}");
    let t = &page.tables[0];
    assert_eq!(t.header, ["Document", "Toelichting", "Bij inschrijving"]);
    assert_eq!(
        t.rows,
        [
            vec!["Bewijs aansprakelijkheidsverzekering", "Polisblad met het verzekerde bedrag", "X"],
            vec!["Uittreksel KvK", "Niet ouder dan zes maanden", "X"],
        ]
    );
    assert!(page.text.is_empty());
}

#[test]
fn two_columns_of_prose_are_read_one_after_the_other() {
    let mut words = vec![];
    for n in 0..6 {
        let y = 700.0 - 12.0 * n as f32;
        words.extend(phrase(&format!("links regel {n} van de eerste kolom met lopende tekst"), 72.0, y));
        words.extend(phrase(&format!("rechts regel {n} van de tweede kolom met lopende tekst"), 360.0, y));
    }
    let page = layout(&lines(words));
    assert!(page.tables.is_empty());
    let text: Vec<&str> = page.text.lines().filter(|l| !l.is_empty()).collect();
    assert!(text[0].starts_with("links regel 0") && text[5].starts_with("links regel 5") && text[6].starts_with("rechts regel 0"), "{text:?}");
}

#[test]
fn letter_spaced_pieces_are_mended_and_a_single_column_stays_text() {
    let words = vec![word("V", 72.0, 700.0), word("ervaltermijn", 77.6, 700.0), word("is", 150.0, 700.0)];
    let page = layout(&lines(words));
    assert_eq!(page.text, "Vervaltermijn is");
}

/// A tick column right of prose that runs up close to it (InDesign, Zilveren Kruis): the X is
/// its own cell, and a bullet's wrapped line in the second column keeps the table going.
#[test]
fn a_mark_close_to_the_text_is_its_own_cell_and_bullet_lines_stay_in_the_table() {
    // The KvK row's first line runs up to a space before the tick column.
    let kvk_line = phrase("• Afschrift van inschrijving in het Handelsregister van de KvK.", 150.0, 680.0);
    let mark_x = kvk_line.last().map(|w| w.x1).unwrap_or(0.0) + 3.0;
    let mut words = vec![];
    words.extend(phrase("Bestuursverklaring", 32.0, 700.0));
    words.extend(phrase("De zorgaanbieder levert haar in.", 150.0, 700.0));
    words.push(word("X", mark_x, 700.0));
    words.extend(phrase("Inschrijving", 32.0, 680.0));
    words.extend(kvk_line);
    words.push(word("X", mark_x, 680.0));
    words.extend(phrase("Handelsregister KvK", 32.0, 668.0));
    words.extend(phrase("• Op het afschrift staan de", 150.0, 668.0));
    words.extend(phrase("namen van de toezichthouders.", 159.0, 656.0));
    words.extend(phrase("• Niet ouder dan zes maanden.", 150.0, 644.0));
    let page = layout(&lines(words));
    assert_eq!(page.tables.len(), 1, "{page:?}");
    let t = &page.tables[0];
    let all: Vec<&Vec<String>> = std::iter::once(&t.header).chain(t.rows.iter()).collect();
    let kvk = all.iter().find(|r| r[0].starts_with("Inschrijving")).expect("the KvK row");
    assert_eq!(kvk.last().map(String::as_str), Some("X"), "{all:?}");
    assert!(kvk[1].contains("toezichthouders") && kvk[1].contains("zes maanden"), "{all:?}");
    assert!(page.text.is_empty(), "{}", page.text);
}

/// A Word planning (NvI, Zilveren Kruis): rows at nearly the pitch of a step's wrapped lines, the
/// step's text indented under its number; each dated line starts a row and keeps its step.
#[test]
fn a_planning_with_wrapped_steps_is_one_row_per_date() {
    let mut words = vec![];
    words.extend(phrase("Stap", 72.0, 660.0));
    words.extend(phrase("Wie?", 303.0, 660.0));
    words.extend(phrase("Uiterste datum", 392.0, 660.0));
    let steps = [
        ("1. Bekendmaking van het beleid voor", Some("contractering van Wlz zorg"), "1-6-2023"),
        ("4. Publicatie van de Nota", None, "7-7-2023"),
        ("5. Openstellen inkoopapplicatie voor", Some("inschrijving"), "7-7-2023"),
    ];
    let mut y = 644.0;
    for (step, wrapped, date) in steps {
        words.extend(phrase(step, 90.0, y));
        words.extend(phrase("Zorgkantoor", 303.0, y));
        words.extend(phrase(date, 392.0, y));
        y -= 12.9;
        if let Some(w) = wrapped {
            words.extend(phrase(w, 108.0, y));
            y -= 13.8;
        } else {
            y -= 2.8;
        }
    }
    let page = layout(&lines(words));
    assert_eq!(page.tables.len(), 1, "{page:?}");
    let rows = &page.tables[0].rows;
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0][0], "1. Bekendmaking van het beleid voor contractering van Wlz zorg");
    assert_eq!(rows[2].last().map(String::as_str), Some("7-7-2023"));
}

/// The same planning continued on the next page, without its header (Zilveren Kruis, NvI GGZ):
/// steps wrap under their own column, and two lines set left of it stand between two steps;
/// all of it is one table, each date with its step.
#[test]
fn a_planning_continued_without_its_header_stays_one_table() {
    let mut words = vec![];
    let mut y = 760.0;
    let step = |words: &mut Vec<WordBox>, text: &str, date: &str, wrapped: &[&str], y: &mut f32| {
        words.extend(phrase(text, 90.0, *y));
        words.extend(phrase("Zorgaanbieder", 303.0, *y));
        words.extend(phrase(date, 392.0, *y));
        for w in wrapped {
            *y -= 13.0;
            words.extend(phrase(w, 108.0, *y));
        }
        *y -= 13.8;
    };
    step(&mut words, "6. Vervaltermijn voor kortgedingprocedure", "27-7-2023", &["tegen het inkoopbeleid"], &mut y);
    step(&mut words, "11. Definitieve terugkoppeling inschrijving", "25-10-2023", &[], &mut y);
    words.extend(phrase("Toesturen eenjarige overeenkomst voor", 72.0, y));
    y -= 13.0;
    words.extend(phrase("ondertekening inclusief tariefpercentage", 72.0, y));
    y -= 13.8;
    step(&mut words, "12. Uiterste datum voor indiening", "1-11-2023", &["budgetformulier 2024"], &mut y);
    let page = layout(&lines(words));
    assert_eq!(page.tables.len(), 1, "{page:?}");
    assert!(page.text.is_empty(), "{}", page.text);
    let t = &page.tables[0];
    let dates: Vec<&str> =
        std::iter::once(&t.header).chain(t.rows.iter()).filter_map(|r| r.last().map(String::as_str)).filter(|d| !d.is_empty()).collect();
    assert_eq!(dates, ["27-7-2023", "25-10-2023", "1-11-2023"]);
}

/// A first column set up close to the second ("Bijlage 2 Onderaan-" then "Bijlage 2 dient ..."
/// less than a character's width further) is two cells where the second column starts; the first
/// cell's last lines running on below the rest of the row, within its column, are the row's.
#[test]
fn a_first_column_set_close_to_the_second_and_running_on_below_it_stays_in_its_row() {
    let mut words = vec![];
    words.extend(phrase("Document", 72.0, 700.0));
    words.extend(phrase("Toelichting", 180.0, 700.0));
    words.extend(phrase("Bij inschrijving", 400.0, 700.0));
    words.extend(phrase("Uittreksel KvK", 72.0, 680.0));
    words.extend(phrase("Niet ouder dan zes maanden.", 180.0, 680.0));
    words.extend(phrase("X", 400.0, 680.0));
    words.extend(phrase("Bijlage 2 Onderaan-", 72.0, 660.0));
    words.extend(phrase("Bijlage 2 dient altijd", 180.0, 660.0));
    words.extend(phrase("X", 400.0, 660.0));
    words.extend(phrase("nemerschap en", 72.0, 648.0));
    words.extend(phrase("toegevoegd te worden.", 180.0, 648.0));
    words.extend(phrase("indien van", 72.0, 636.0));
    words.extend(phrase("toepassing", 72.0, 624.0));
    words.extend(phrase("Bijlage 3 Lijst", 72.0, 612.0));
    words.extend(phrase("met zorgkantoren", 72.0, 600.0));
    words.extend(phrase("Hierna volgt de tekst van het hoofdstuk over de beoordeling.", 72.0, 575.0));
    let page = layout(&lines(words));
    assert_eq!(page.tables.len(), 1, "{page:?}");
    assert_eq!(
        page.tables[0].rows,
        [
            vec!["Uittreksel KvK", "Niet ouder dan zes maanden.", "X"],
            vec![
                "Bijlage 2 Onderaannemerschap en indien van toepassing Bijlage 3 Lijst met zorgkantoren",
                "Bijlage 2 dient altijd toegevoegd te worden.",
                "X"
            ],
        ]
    );
    assert_eq!(page.text, "Hierna volgt de tekst van het hoofdstuk over de beoordeling.");
}

/// A hyphen at a line's end between two vowels that would read as one sound is the compound's
/// own and stays; any other is the typesetter's and goes.
#[test]
fn a_compounds_hyphen_between_clashing_vowels_stays() {
    let joined = |a: &str, b: &str| {
        let mut cell = a.to_string();
        join_wrapped(&mut cell, b);
        cell
    };
    assert_eq!(joined("Organisatie-", "inrichting"), "Organisatie-inrichting");
    assert_eq!(joined("zee-", "egel"), "zee-egel");
    assert_eq!(joined("aansprakelijkheids-", "verzekering"), "aansprakelijkheidsverzekering");
    assert_eq!(joined("re-", "actie"), "reactie");
    assert_eq!(joined("Wet- en", "regelgeving"), "Wet- en regelgeving");
}
