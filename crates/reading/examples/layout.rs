//! What the reader sees of a document, for the developer tuning it: `cargo run -p
//! tenderwacht-reading --example layout -- FILE [PAGE…]` prints each page's running text and its
//! tables, row by row with " | " between the cells, as `phrases::find` gets them (read in this
//! process, not behind the wall: for documents you trust). With `LINES=1` a PDF's lines come
//! first, each cell with the x where it starts; with `PROPOSE=1` only the proposals, each with
//! the sentence or row it came from.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("gebruik: layout BESTAND [PAGINA…]");
        std::process::exit(2);
    };
    let wanted: Vec<u32> = args[1..].iter().filter_map(|a| a.parse().ok()).collect();
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    };
    let pages = match tenderwacht_reading::text::extract(&bytes, file) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    if std::env::var_os("PROPOSE").is_some() {
        for d in tenderwacht_reading::phrases::find(&pages, file, None) {
            let code = d.type_code.as_deref().unwrap_or(&d.name);
            let age = d.max_age.map(|p| p.describe()).unwrap_or_default();
            println!("{} {code} {age} ({}) {} p.{:?}\n    «{}»", d.kind.as_str(), d.asked.as_str(), d.condition, d.page, d.quote);
        }
        return;
    }
    if std::env::var_os("LINES").is_some() {
        print_lines(&bytes, &wanted);
    }
    for page in pages.iter().filter(|p| wanted.is_empty() || p.number.is_some_and(|n| wanted.contains(&n))) {
        println!("===== pagina {}", page.number.map(|n| n.to_string()).unwrap_or_default());
        println!("{}", page.text);
        for (n, table) in page.tables.iter().enumerate() {
            println!("----- tabel {} (kolommen op {:?})", n + 1, table.x);
            println!("KOP {}", table.header.join(" | "));
            for row in &table.rows {
                println!("RIJ {}", row.join(" | "));
            }
        }
    }
}

fn print_lines(bytes: &[u8], wanted: &[u32]) {
    use tenderwacht_reading::layout::{lines, WordBox};
    let Ok(doc) = pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()) else { return };
    for index in 0..doc.page_count().unwrap_or(0) {
        let number = u32::try_from(index + 1).unwrap_or(0);
        if !wanted.is_empty() && !wanted.contains(&number) {
            continue;
        }
        println!("===== regels van pagina {number}");
        let words = doc.extract_words(index).unwrap_or_default().into_iter().map(|w| WordBox {
            x0: w.bbox.x,
            x1: w.bbox.x + w.bbox.width,
            y: w.bbox.y,
            height: w.bbox.height,
            text: w.text,
        });
        for line in lines(words.collect()) {
            let cells: Vec<String> = line.cells.iter().map(|c| format!("[{:.0}] {}", c.x0, c.text)).collect();
            println!("{:6.1} {}", line.center, cells.join("  "));
        }
    }
}
