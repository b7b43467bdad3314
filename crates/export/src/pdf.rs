//! Printable PDFs (pack index, request lists) from a small document model: headings, paragraphs
//! and tables whose cells wrap, over A4 pages with a page footer. Written with `pdf-writer` and the
//! standard Helvetica fonts (WinAnsi encoding covers Dutch text: ë, é, ï, €, quotes), so no font
//! files ship with the app. Status cells are coloured and always carry their word.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// A status colour family, as on screen and in spreadsheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Green,
    Amber,
    Red,
    Grey,
    Blue,
}

impl Tone {
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "green" => Self::Green,
            "amber" => Self::Amber,
            "red" => Self::Red,
            "grey" => Self::Grey,
            "blue" => Self::Blue,
            _ => return None,
        })
    }

    fn rgb(self) -> (f32, f32, f32) {
        match self {
            Self::Green => (0.10, 0.45, 0.20),
            Self::Amber => (0.70, 0.42, 0.00),
            Self::Red => (0.75, 0.10, 0.10),
            Self::Grey => (0.40, 0.40, 0.40),
            Self::Blue => (0.10, 0.30, 0.65),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// Column widths as fractions of the text width; a row may colour one cell (its index).
    Table {
        widths: Vec<f32>,
        header: Vec<String>,
        rows: Vec<Row>,
    },
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<String>,
    pub tone: Option<(usize, Tone)>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    pub blocks: Vec<Block>,
}

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
const SIZE: f32 = 9.5;
const LEADING: f32 = 12.5;

/// Helvetica advance widths (1/1000 em) for ASCII 32..=126, from the standard AFM metrics.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584,
    584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667,
    611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500,
    722, 500, 500, 500, 334, 260, 334, 584,
];

/// The WinAnsi byte for a character ('?' when it has none).
fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '€' => 0x80,
        '‚' => 0x82,
        '„' => 0x84,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        _ => b'?',
    }
}

fn base_letter(b: u8) -> u8 {
    match b {
        0xC0..=0xC5 => b'A',
        0xC8..=0xCB => b'E',
        0xCC..=0xCF => b'I',
        0xD2..=0xD6 => b'O',
        0xD9..=0xDC => b'U',
        0xE0..=0xE5 => b'a',
        0xE8..=0xEB => b'e',
        0xEC..=0xEF => b'i',
        0xF2..=0xF6 => b'o',
        0xF9..=0xFC => b'u',
        0xE7 => b'c',
        0xC7 => b'C',
        0xF1 => b'n',
        0x80 => b'0',
        0x96 | 0x97 => b'-',
        _ => b'n',
    }
}

fn width(text: &str, size: f32, bold: bool) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| {
            let b = win_ansi(c);
            let b = if (32..=126).contains(&b) { b } else { base_letter(b) };
            u32::from(HELVETICA[usize::from(b - 32)])
        })
        .sum();
    units as f32 / 1000.0 * size * if bold { 1.05 } else { 1.0 }
}

/// Wraps text into lines no wider than `max` points (long words are cut).
pub fn wrap(text: &str, max: f32, size: f32, bold: bool) -> Vec<String> {
    let mut lines = vec![];
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if width(&candidate, size, bold) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut piece = String::new();
            for c in word.chars() {
                if width(&format!("{piece}{c}"), size, bold) > max && !piece.is_empty() {
                    lines.push(std::mem::take(&mut piece));
                }
                piece.push(c);
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}

enum Op {
    Text { x: f32, y: f32, text: String, bold: bool, size: f32, tone: Option<Tone> },
    Rule { y: f32 },
}

struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn new() -> Self {
        Self { pages: vec![vec![]], y: PAGE_H - MARGIN }
    }
    fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN + 20.0 {
            self.pages.push(vec![]);
            self.y = PAGE_H - MARGIN;
        }
    }
    fn push(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.push(op);
        }
    }
    fn line(&mut self, text: &str, size: f32, bold: bool) {
        self.ensure(size * 1.35);
        self.y -= size * 1.35;
        let y = self.y;
        self.push(Op::Text { x: MARGIN, y, text: text.to_string(), bold, size, tone: None });
    }
}

/// Renders the document to PDF bytes.
pub fn render(doc: &Document) -> Vec<u8> {
    let text_w = PAGE_W - 2.0 * MARGIN;
    let mut l = Layout::new();
    for t in wrap(&doc.title, text_w, 16.0, true) {
        l.line(&t, 16.0, true);
    }
    for t in wrap(&doc.subtitle, text_w, SIZE, false) {
        l.line(&t, SIZE, false);
    }
    l.y -= 6.0;
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => {
                l.y -= 6.0;
                for t in wrap(h, text_w, 12.0, true) {
                    l.line(&t, 12.0, true);
                }
            }
            Block::Paragraph(p) => {
                for t in wrap(p, text_w, SIZE, false) {
                    l.line(&t, SIZE, false);
                }
            }
            Block::Table { widths, header, rows } => {
                let cols: Vec<f32> = widths.iter().map(|w| w * text_w).collect();
                let draw_row = |l: &mut Layout, cells: &[String], bold: bool, tone: Option<(usize, Tone)>| {
                    let wrapped: Vec<Vec<String>> = cells.iter().zip(&cols).map(|(c, w)| wrap(c, w - 6.0, SIZE, bold)).collect();
                    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1) as f32 * LEADING + 4.0;
                    l.ensure(height);
                    let top = l.y;
                    let mut x = MARGIN;
                    for (i, (lines, w)) in wrapped.iter().zip(&cols).enumerate() {
                        let cell_tone = tone.filter(|(idx, _)| *idx == i).map(|(_, t)| t);
                        for (n, t) in lines.iter().enumerate() {
                            l.push(Op::Text {
                                x,
                                y: top - LEADING * (n as f32 + 1.0),
                                text: t.clone(),
                                bold: bold || cell_tone.is_some(),
                                size: SIZE,
                                tone: cell_tone,
                            });
                        }
                        x += w;
                    }
                    l.y = top - height;
                    l.push(Op::Rule { y: l.y + 2.0 });
                };
                draw_row(&mut l, header, true, None);
                for r in rows {
                    draw_row(&mut l, &r.cells, false, r.tone);
                }
                l.y -= 6.0;
            }
        }
    }
    write_pdf(doc, l.pages)
}

fn encode(text: &str) -> Vec<u8> {
    text.chars().map(win_ansi).collect()
}

fn write_pdf(doc: &Document, pages: Vec<Vec<Op>>) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let mut next = 6;
    let total = pages.len();
    let mut page_ids = vec![];
    for (n, ops) in pages.into_iter().enumerate() {
        let page_id = Ref::new(next);
        let content_id = Ref::new(next + 1);
        next += 2;
        page_ids.push(page_id);
        let mut c = Content::new();
        for op in &ops {
            match op {
                Op::Text { x, y, text, bold, size, tone } => {
                    let (r, g, b) = tone.map_or((0.1, 0.1, 0.12), Tone::rgb);
                    c.set_fill_rgb(r, g, b);
                    c.begin_text();
                    c.set_font(Name(if *bold { b"F2" } else { b"F1" }), *size);
                    c.next_line(*x, *y);
                    c.show(Str(&encode(text)));
                    c.end_text();
                }
                Op::Rule { y } => {
                    c.set_stroke_rgb(0.85, 0.85, 0.85);
                    c.set_line_width(0.5);
                    c.move_to(MARGIN, *y);
                    c.line_to(PAGE_W - MARGIN, *y);
                    c.stroke();
                }
            }
        }
        let footer = format!("{} · pagina {} van {}", doc.title, n + 1, total);
        c.set_fill_rgb(0.45, 0.45, 0.45);
        c.begin_text();
        c.set_font(Name(b"F1"), 8.0);
        c.next_line(MARGIN, MARGIN - 20.0);
        c.show(Str(&encode(&footer)));
        c.end_text();
        pdf.stream(content_id, &c.finish());
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        page.parent(tree);
        page.contents(content_id);
        page.resources().fonts().pair(Name(b"F1"), regular).pair(Name(b"F2"), bold);
        page.finish();
    }
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_ids.iter().copied()).count(i32::try_from(page_ids.len()).unwrap_or(i32::MAX));
    pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info).title(TextStr(&doc.title)).producer(TextStr("Tenderwacht"));
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_paginates() {
        assert_eq!(wrap("een twee drie", 1000.0, 10.0, false), vec!["een twee drie"]);
        let narrow = wrap("een twee drie vier", 40.0, 10.0, false);
        assert!(narrow.len() >= 2, "{narrow:?}");
        let rows: Vec<Row> = (0..200).map(|i| Row { cells: vec![format!("Rij {i}"), "gereed".into()], tone: Some((1, Tone::Green)) }).collect();
        let doc = Document {
            title: "Index — Jeugdhulp Súdwest-Fryslân".into(),
            subtitle: "sluiting di 15 dec 2026, 12:00".into(),
            blocks: vec![Block::Table { widths: vec![0.7, 0.3], header: vec!["Eis".into(), "Status".into()], rows }],
        };
        let bytes = render(&doc);
        assert!(bytes.starts_with(b"%PDF-"));
        let parsed = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert!(parsed.get_pages().len() >= 3, "200 rows need several pages");
    }
}
