//! A page's words with their positions turned back into what a reader sees: lines, the cells of a
//! line (text separated by a wide gap), tables (lines whose cells keep to the same columns, cut
//! into rows where the line pitch widens), and text columns that flow down the page. The PDF
//! engine gives words in content-stream order; buyers put their requirements in tables and their
//! NvI answers beside the questions, so the order on paper is what counts.

use serde::{Deserialize, Serialize};

/// One page of text (a PDF page; a DOCX or text file is one "page" without a number): its running
/// text in reading order and its tables, row by row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub number: Option<u32>,
    pub text: String,
    #[serde(default)]
    pub tables: Vec<Table>,
    /// The document's digital signatures and seals (a KvK extract's), carried with its first page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seals: Vec<Seal>,
}

impl Page {
    /// A page of running text only.
    pub fn text(number: Option<u32>, text: impl Into<String>) -> Self {
        Self { number, text: text.into(), tables: vec![], seals: vec![] }
    }
}

/// A digital signature or seal in a PDF: who signed (the signature's name or its certificate's
/// subject) and when (its `/M`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seal {
    pub signer: String,
    pub certificate: Option<String>,
    pub signed_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One word and its box in PDF points (y grows upwards, as in PDF space).
#[derive(Debug, Clone, PartialEq)]
pub struct WordBox {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Bottom of the box.
    pub y: f32,
    pub height: f32,
}

impl WordBox {
    fn center(&self) -> f32 {
        self.y + self.height / 2.0
    }
}

/// Text that stands apart on a line, with where it starts and ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub x0: f32,
    pub x1: f32,
    pub text: String,
    /// Words after a wider gap than a space (where the cell may hold two columns' text that
    /// ran up close): each word's start and its byte offset in `text`.
    pub gaps: Vec<(f32, usize)>,
}

/// A line of a page: its cells from left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub cells: Vec<Cell>,
    /// Vertical centre (PDF points, upwards) and the height of its tallest word.
    pub center: f32,
    pub height: f32,
}

impl Line {
    /// The line as text, its cells apart by two spaces.
    pub fn text(&self) -> String {
        self.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("  ")
    }
}

/// A table as read: the first row is taken as its header.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The left edge of each column in PDF points; empty where the source has no positions
    /// (DOCX). A table broken by the page's layout is put together again by these.
    #[serde(default)]
    pub x: Vec<f32>,
}

/// Words → lines, top to bottom, each line's words left to right and grouped into cells.
pub fn lines(mut words: Vec<WordBox>) -> Vec<Line> {
    words.retain(|w| !w.text.trim().is_empty() && w.height.is_finite() && w.x0.is_finite() && w.y.is_finite());
    words.sort_by(|a, b| b.center().total_cmp(&a.center()));
    let mut grouped: Vec<Vec<WordBox>> = vec![];
    for w in words {
        let joins = grouped.last().is_some_and(|line| {
            let (center, height) = band(line);
            (center - w.center()).abs() <= 0.45 * height.min(w.height).max(1.0)
        });
        match grouped.last_mut() {
            Some(line) if joins => line.push(w),
            _ => grouped.push(vec![w]),
        }
    }
    grouped.into_iter().map(cells).collect()
}

fn band(words: &[WordBox]) -> (f32, f32) {
    let n = words.len().max(1) as f32;
    let center = words.iter().map(WordBox::center).sum::<f32>() / n;
    let height = words.iter().map(|w| w.height).fold(0.0, f32::max);
    (center, height)
}

/// A word that is only a tick-column's mark ("X", a tick).
fn is_mark_word(text: &str) -> bool {
    matches!(text.trim(), "X" | "x" | "✓" | "✔" | "☑" | "☒")
}

fn cells(mut words: Vec<WordBox>) -> Line {
    words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let (center, height) = band(&words);
    let mut cells: Vec<Cell> = vec![];
    let last = words.len().saturating_sub(1);
    for (n, w) in words.into_iter().enumerate() {
        let h = w.height.max(1.0);
        // A mark that ends its line after a space is the tick column's, even where the text
        // beside it runs up close to that column ("... van de KvK. X").
        let own_mark = n == last && n > 0 && is_mark_word(&w.text) && cells.last().is_some_and(|c| w.x0 - c.x1 > 0.12 * h);
        match cells.last_mut() {
            // A gap of more than a character or so is a new column; text set with wide
            // letter-spacing is broken into pieces without a gap, which are mended here.
            Some(c) if !own_mark && w.x0 - c.x1 <= 1.1 * h => {
                if w.x0 - c.x1 > 0.12 * h {
                    c.text.push(' ');
                }
                if w.x0 - c.x1 > 0.4 * h {
                    c.gaps.push((w.x0, c.text.len()));
                }
                c.text.push_str(w.text.trim());
                c.x1 = c.x1.max(w.x1);
            }
            _ => cells.push(Cell { x0: w.x0, x1: w.x1, text: w.text.trim().to_string(), gaps: vec![] }),
        }
    }
    Line { cells, center, height }
}

/// What a page's lines hold: running text (in reading order, columns one after the other) and
/// tables.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub text: String,
    pub tables: Vec<Table>,
}

/// Column starts within this many points of each other are one column.
const ALIGN: f32 = 6.0;

/// The most a wrapped line is indented under its first (a bullet and its space).
const INDENT: f32 = 24.0;

/// Splits a page's lines into running text and tables.
pub fn layout(lines: &[Line]) -> Layout {
    let mut out = Layout::default();
    let mut text_lines: Vec<String> = vec![];
    let mut i = 0;
    while i < lines.len() {
        let run = table_run(lines, i);
        if run > i + 1 {
            let block = &lines[i..run];
            match read_block(block) {
                Block::Table(t) => {
                    flush(&mut text_lines, &mut out.text);
                    out.tables.push(t);
                }
                Block::Columns(cols) => {
                    for col in cols {
                        text_lines.extend(col);
                        flush(&mut text_lines, &mut out.text);
                    }
                }
            }
            i = run;
        } else {
            text_lines.push(lines[i].text());
            i += 1;
        }
    }
    flush(&mut text_lines, &mut out.text);
    out
}

fn flush(lines: &mut Vec<String>, text: &mut String) {
    if lines.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&lines.join("\n"));
    lines.clear();
}

/// The end (exclusive) of a run of lines from `start` that belong to one table: it starts at a
/// line of two or more cells and goes on while lines stay close and keep to its columns.
fn table_run(lines: &[Line], start: usize) -> usize {
    let first = &lines[start];
    if first.cells.len() < 2 {
        return start;
    }
    let mut anchors: Vec<f32> = first.cells.iter().map(|c| c.x0).collect();
    let mut end = start + 1;
    while end < lines.len() {
        let (prev, line) = (&lines[end - 1], &lines[end]);
        let gap = prev.center - line.center;
        if gap > 3.5 * prev.height.max(line.height).max(1.0) {
            break;
        }
        let fits = line.cells.iter().all(|c| anchors.iter().any(|a| (a - c.x0).abs() <= ALIGN) || c.x0 > anchors[0] + ALIGN);
        // A line in a later column, or wrapped under a bullet of one ("• Op het afschrift ..."
        // then "het toezichthoudend orgaan ..." a bullet's width further right; a planning's
        // step "1. Bekendmaking van het beleid voor" then "contractering van Wlz zorg 2024").
        let aligned = line.cells.iter().any(|c| anchors.iter().skip(1).any(|&a| c.x0 >= a - ALIGN && c.x0 <= a + INDENT));
        // A few lines of the first column alone (or wrapped under it, or set a little left of
        // it) at the usual pitch, with the table going on right after them ("Toesturen
        // eenjarige overeenkomst voor" / "ondertekening" between two steps of a planning, or a
        // step's wrapped "tegen het inkoopbeleid"), belong to it.
        let interlude = !aligned
            && line.cells.len() == 1
            && (line.cells[0].x0 - anchors[0]).abs() <= INDENT
            && gap <= 1.5 * prev.height.max(line.height).max(1.0)
            && {
                // Indented under the first column it wraps the row above; at or left of it the
                // table must go on after it (or it is the text that follows the table).
                let wraps = line.cells[0].x0 > anchors[0] + ALIGN;
                let resumes = |l: &Line| l.cells.len() >= 2 && l.cells.iter().any(|c| anchors.iter().skip(1).any(|&a| (a - c.x0).abs() <= ALIGN));
                // The last row's first cell running on below the others, within its column,
                // after a line of it that ends mid-sentence ("indien van" / "toepassing Bijlage 3").
                let second = anchors.iter().copied().filter(|&a| a > anchors[0] + ALIGN).fold(f32::MAX, f32::min);
                let open = prev.cells.first().is_some_and(|c| (c.x0 - anchors[0]).abs() <= INDENT && !c.text.trim_end().ends_with(['.', ':', ';']));
                let runs_on = open && line.cells[0].x1 < second;
                wraps || runs_on || lines[end + 1..].iter().take(4).any(resumes)
            };
        if interlude {
            end += 1;
            continue;
        }
        if !fits || !(aligned || line.cells.len() >= 2) {
            break;
        }
        for c in &line.cells {
            if !anchors.iter().any(|a| (a - c.x0).abs() <= ALIGN) {
                anchors.push(c.x0);
            }
        }
        end += 1;
    }
    // A table needs at least two lines with two or more cells.
    if lines[start..end].iter().filter(|l| l.cells.len() >= 2).count() >= 2 {
        end
    } else {
        start
    }
}

enum Block {
    Table(Table),
    Columns(Vec<Vec<String>>),
}

fn read_block(block: &[Line]) -> Block {
    let mut anchors: Vec<f32> = block.iter().flat_map(|l| l.cells.iter().map(|c| c.x0)).collect();
    anchors.sort_by(f32::total_cmp);
    anchors.dedup_by(|a, b| (*a - *b).abs() <= ALIGN);
    // An indented column that never shares a line with the one just left of it is that column's
    // wrapped lines (a bullet's text under its first line), not a column of its own.
    // The indent is measured from the column's rightmost start merged so far, so a step number's
    // text and its wrapped lines ("1. Bekendmaking" at 90, "contractering van" at 108) both
    // join the column they are indented under.
    let mut reach = anchors.clone();
    loop {
        let at = |x: f32| anchors.iter().rposition(|a| *a <= x + ALIGN).unwrap_or(0);
        let shared = |i: usize| block.iter().any(|l| l.cells.iter().any(|c| at(c.x0) == i) && l.cells.iter().any(|c| at(c.x0) == i + 1));
        match (0..anchors.len().saturating_sub(1)).find(|&i| anchors[i + 1] - reach[i] <= INDENT && !shared(i)) {
            Some(i) => {
                reach[i] = anchors.remove(i + 1);
                reach.remove(i + 1);
            }
            None => break,
        }
    }
    let column_of = |x: f32| anchors.iter().rposition(|a| *a <= x + ALIGN).unwrap_or(0);
    // Rows: a wider pitch than the block's usual one starts a new row.
    let pitches: Vec<f32> = block.windows(2).map(|w| w[0].center - w[1].center).collect();
    let mut sorted = pitches.clone();
    sorted.sort_by(f32::total_cmp);
    let usual = sorted.first().copied().unwrap_or(0.0);
    let even = sorted.last().is_some_and(|max| *max <= usual * 1.15 + 0.5);
    // A last column of short cells (a date, an X) holds one per row: a line with one there,
    // where the row has one already, starts the next row (Word sets rows of a planning at
    // nearly the pitch of a step's wrapped lines, so the pitch alone cannot tell them).
    let last = anchors.len().saturating_sub(1);
    let in_last = |l: &Line| l.cells.iter().any(|c| column_of(c.x0) == last);
    let short_last =
        last > 0 && block.iter().flat_map(|l| l.cells.iter()).filter(|c| column_of(c.x0) == last).all(|c| c.text.split_whitespace().count() <= 5);
    let mut rows: Vec<Vec<String>> = vec![];
    for (n, line) in block.iter().enumerate() {
        let filled = rows.last().is_some_and(|r: &Vec<String>| !r[last].is_empty());
        let new_row = n == 0 || pitches[n - 1] > usual * 1.25 + 0.5 || even || (short_last && filled && in_last(line));
        if new_row {
            rows.push(vec![String::new(); anchors.len()]);
        }
        if let Some(row) = rows.last_mut() {
            for c in &line.cells {
                for (x, text) in split_at_columns(c, &anchors) {
                    join_wrapped(&mut row[column_of(x)], text);
                }
            }
        }
    }
    // Two columns of running prose at an even pitch are text columns, not a table.
    let prose = |col: usize| rows.iter().filter(|r| r[col].chars().count() > 35).count() * 2 >= rows.len();
    if anchors.len() == 2 && even && prose(0) && prose(1) {
        let cols = (0..2).map(|c| rows.iter().map(|r| r[c].clone()).filter(|t| !t.is_empty()).collect()).collect();
        return Block::Columns(cols);
    }
    let mut rows = rows.into_iter();
    let header = rows.next().unwrap_or_default();
    Block::Table(Table { header, rows: rows.filter(|r| r.iter().any(|c| !c.is_empty())).collect(), x: anchors })
}

/// A cell's text split where a word after a wide gap starts at a later column's left edge: a
/// first column's text set up close to the second ("Bijlage 2 Onderaan-   Bijlage 2 dient ...")
/// is two cells. Each part with where it starts.
fn split_at_columns<'a>(cell: &'a Cell, anchors: &[f32]) -> Vec<(f32, &'a str)> {
    let mut parts = vec![];
    let (mut x, mut from) = (cell.x0, 0);
    for &(start, offset) in &cell.gaps {
        if let Some(&a) = anchors.iter().find(|&&a| a > x + ALIGN && (a - start).abs() <= 2.0) {
            if let (Some(before), Some(_)) = (cell.text.get(from..offset), cell.text.get(offset..)) {
                parts.push((x, before.trim()));
                (x, from) = (a, offset);
            }
        }
    }
    parts.push((x, cell.text.get(from..).unwrap_or("").trim()));
    parts
}

/// Pairs of vowels Dutch writes apart with a hyphen in a compound, lest they read as one sound.
const VOWEL_CLASHES: &[&str] = &["aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu"];

/// Adds a wrapped line to a cell: a word hyphenated at the end of a line is joined
/// ("aansprakelijkheids-" + "verzekering").
pub fn join_wrapped(cell: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    let before = cell.chars().rev().nth(1);
    if cell.ends_with('-') && before.is_some_and(char::is_lowercase) && next.starts_with(char::is_lowercase) {
        // Two vowels read as one sound keep the hyphen of a compound ("organisatie-" +
        // "inrichting", "zee-" + "egel"); any other break is the typesetter's and is joined.
        let clash = before.zip(next.chars().next()).is_some_and(|(a, b)| VOWEL_CLASHES.contains(&[a, b].iter().collect::<String>().as_str()));
        if !clash {
            cell.pop();
        }
    } else if !cell.is_empty() {
        cell.push(' ');
    }
    cell.push_str(next);
}
