//! The traffic-light fills every sheet of the workbook shares (the checklist sheets and the
//! contracts sheet), in one place so neither sheet module imports the other.

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
