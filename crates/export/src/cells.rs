//! What every sheet of the workbook shares (the checklist sheets, the contracts sheet, the
//! providers' facts): the traffic-light fills, and text cut to what a cell can hold. In one place
//! so no sheet module imports another.

use rust_xlsxwriter::Color;

pub(crate) fn fill(tone: &str) -> Color {
    match tone {
        "green" => Color::RGB(0xC6EFCE),
        "amber" => Color::RGB(0xFFEB9C),
        "red" => Color::RGB(0xFFC7CE),
        "blue" => Color::RGB(0xDDEBF7),
        _ => Color::RGB(0xEDEDED),
    }
}

/// The most characters Excel keeps in a cell.
pub(crate) const CELL_CHARS: usize = 32_767;

/// Text as a cell can hold it: longer text is cut with a note saying so, so one long field
/// never fails the whole export.
pub(crate) fn text(value: &str) -> String {
    const NOTE: &str = " … (ingekort: de volledige tekst staat in Tenderwacht)";
    if value.chars().count() <= CELL_CHARS {
        return value.to_string();
    }
    let keep: String = value.chars().take(CELL_CHARS - NOTE.chars().count()).collect();
    keep + NOTE
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_text_is_cut_to_what_a_cell_holds() {
        let long = "x".repeat(40_000);
        let cut = super::text(&long);
        assert_eq!(cut.chars().count(), super::CELL_CHARS);
        assert!(cut.ends_with("(ingekort: de volledige tekst staat in Tenderwacht)"));
        assert_eq!(super::text("kort"), "kort");
    }
}
