//! A Nota van Inlichtingen set out as question beside answer (a Word table with "Vraag" and
//! "Antwoord" over its two columns, its header only once at the top): from that header on, the
//! left column's text is the question and the right column's the answer, page after page. Read as
//! running text the two would interleave line by line, and a question's "niet ouder dan zes
//! maanden" would count as a requirement; so each pair becomes "Vraag: …" then "Antwoord: …",
//! which the phrase reader skips and reads respectively.

use crate::layout::{layout, Layout, Line};

/// Where the question and the answer columns start (PDF points), from the header line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Columns {
    question: f32,
    answer: f32,
}

/// Column starts within this many points of the header's are that column.
const ALIGN: f32 = 8.0;

fn header(line: &Line) -> Option<Columns> {
    match line.cells.as_slice() {
        [q, a] if q.text.trim().eq_ignore_ascii_case("vraag") && a.text.trim().eq_ignore_ascii_case("antwoord") => {
            Some(Columns { question: q.x0, answer: a.x0 })
        }
        _ => None,
    }
}

/// Reads one page of a document whose NvI columns (`qa`) may have been set by an earlier page;
/// a header line on this page sets them from there on.
pub fn read_page(lines: &[Line], qa: &mut Option<Columns>) -> Layout {
    // Columns set by an earlier page hold from this page's top; otherwise from its header on.
    let start = match (*qa, lines.iter().position(|l| header(l).is_some())) {
        (Some(_), _) => 0,
        (None, Some(i)) => i,
        (None, None) => return layout(lines),
    };
    let mut out = layout(&lines[..start]);
    let (mut question, mut answer): (Vec<String>, Vec<String>) = (vec![], vec![]);
    let mut text = std::mem::take(&mut out.text);
    let flush = |question: &mut Vec<String>, answer: &mut Vec<String>, text: &mut String| {
        for (label, part) in [("Vraag", question), ("Antwoord", answer)] {
            if !part.is_empty() {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(&format!("{label}: {}", part.join("\n")));
                part.clear();
            }
        }
    };
    let mut left_ended = false;
    for line in &lines[start..] {
        if let Some(columns) = header(line) {
            flush(&mut question, &mut answer, &mut text);
            *qa = Some(columns);
            continue;
        }
        let Some(columns) = *qa else { continue };
        // The page's number in its footer belongs to neither column.
        if line.cells.iter().all(|c| c.text.trim().chars().all(|ch| ch.is_ascii_digit())) {
            continue;
        }
        let left: Vec<&str> = line.cells.iter().filter(|c| c.x0 < columns.answer - ALIGN && c.x1 < columns.answer).map(|c| c.text.as_str()).collect();
        let right: Vec<&str> = line.cells.iter().filter(|c| c.x0 >= columns.answer - ALIGN).map(|c| c.text.as_str()).collect();
        let across = line.cells.iter().any(|c| c.x0 < columns.answer - ALIGN && c.x1 >= columns.answer);
        if across {
            // A line over both columns (a heading, the text after the table) is running text.
            flush(&mut question, &mut answer, &mut text);
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&line.text());
            continue;
        }
        // A question that starts again after its column had ended (the answer went on alone),
        // or after an answer carried over from the page before, is the next pair's.
        if !left.is_empty() && !answer.is_empty() && (left_ended || question.is_empty()) {
            flush(&mut question, &mut answer, &mut text);
        }
        left_ended = left.is_empty() && !question.is_empty();
        if !left.is_empty() {
            question.push(left.join(" "));
        }
        if !right.is_empty() {
            answer.push(right.join(" "));
        }
    }
    flush(&mut question, &mut answer, &mut text);
    out.text = text;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::lines;
    use crate::layout_tests::phrase;
    use crate::text::Page;

    /// Two pages of an NvI as Word sets it (Zilveren Kruis): the header once, questions left,
    /// answers right, an answer carried over the page break. Only the answers ask: the question's
    /// "niet ouder dan zes maanden" is none, nor is the answer's negated end on the next page.
    #[test]
    fn only_the_answers_beside_the_questions_ask() {
        let mut first = phrase("Vraag", 78.0, 700.0);
        first.extend(phrase("Antwoord", 303.0, 700.0));
        first.extend(phrase("Moet het uittreksel niet ouder", 78.0, 680.0));
        first.extend(phrase("Nieuwe aanbieders dienen een VOG RP", 303.0, 680.0));
        first.extend(phrase("dan zes maanden zijn?", 78.0, 668.0));
        first.extend(phrase("aan te leveren die niet ouder is dan een jaar.", 303.0, 668.0));
        first.extend(phrase("Moet ik iets sturen?", 78.0, 640.0));
        first.extend(phrase("Nee. Aanvullende documenten hoeven niet te", 303.0, 640.0));
        first.extend(phrase("worden aangeleverd; ook niet een afschrift", 303.0, 628.0));
        first.extend(phrase("93", 460.0, 60.0));
        let second = phrase("van de KvK en een afschrift van het UBO-register.", 303.0, 760.0);
        let mut qa = None;
        let pages: Vec<Page> = [first, second]
            .into_iter()
            .enumerate()
            .map(|(n, words)| {
                let read = read_page(&lines(words), &mut qa);
                Page { number: Some(n as u32 + 1), text: read.text, tables: read.tables, seals: vec![] }
            })
            .collect();
        assert!(pages[0].text.starts_with("Vraag: Moet het uittreksel"), "{}", pages[0].text);
        assert!(!pages[0].text.contains("93"), "{}", pages[0].text);
        let found: Vec<String> = crate::phrases::find(&pages, "nvi.pdf", None).into_iter().filter_map(|d| d.type_code).collect();
        assert_eq!(found, ["vog-rp"]);
    }
}
