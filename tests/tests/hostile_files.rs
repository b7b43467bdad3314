//! Hostile and broken documents, generated here (no bombs checked in), read as the app and a sync
//! read them: behind the wall (`tenderwacht-reader`, limited by the operating system). Each case
//! ends within the worker's limits with a clear Dutch reason on that one file; the test process
//! lives on, the store stays sound, and a file that crashed the reader is not read again by a
//! sync (the consultant may retry). Figures (time per case) are printed for the README.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::time::{Duration, Instant};
use tenderwacht_reading::{limits, wall, ReadError};
use tenderwacht_tests::binary;

/// The worker is found next to the test binary's folder (`target/debug`), as the app finds it
/// next to itself; scripts/test.sh builds it first.
fn use_worker() {
    let _ = binary("tenderwacht-reader");
}

/// A PDF of the given objects (object 1 is the catalog), with a correct cross-reference table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = vec![];
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

/// Catalog, pages and one page whose content is object 4.
fn one_page(content: Vec<u8>) -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        content,
    ])
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

fn deflate(data: impl FnOnce(&mut dyn Write)) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    data(&mut z);
    z.finish().unwrap()
}

fn zeros(w: &mut dyn Write, bytes: u64) {
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..bytes >> 20 {
        w.write_all(&chunk).unwrap();
    }
}

/// A real DOCX (written by docx-rs, as Word would have it) whose main part is replaced.
fn docx_with(document: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("echt.docx");
    tenderwacht_tests::leidraad::write_docx(&path, "Leidraad", tenderwacht_tests::leidraad::LEIDRAAD).unwrap();
    let mut source = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = vec![];
        std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
        w.start_file(&*name, zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)).unwrap();
        w.write_all(if name == "word/document.xml" { document } else { &data }).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn document_xml(body: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).into_bytes()
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// Reads `bytes` as the file `name` behind the wall; returns the error and the time it took.
fn read_hostile(name: &str, bytes: &[u8]) -> (std::result::Result<usize, ReadError>, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let started = Instant::now();
    let result = wall::extract_file(&path, name).map(|pages| pages.len());
    (result, started.elapsed())
}

/// Each hostile shape, its expected reason, and the time it took (printed).
#[test]
fn hostile_documents_end_as_a_reason_on_that_file_within_the_limits() {
    use_worker();
    let deep = |open: &str, close: &str, n: usize| format!("{}{}", open.repeat(n), close.repeat(n)).into_bytes();
    let cases: Vec<(&str, &str, Vec<u8>, &[&str])> = vec![
        (
            "arrays in an object (100,000 deep)",
            "diep.pdf",
            {
                let mut o = b"<< /Type /Catalog /Pages 2 0 R /X ".to_vec();
                o.extend(deep("[", "]", 100_000));
                o.extend_from_slice(b" >>");
                pdf(&[o, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()])
            },
            &["niet veilig", "beschadigd", "genest"],
        ),
        (
            "dictionaries in the catalog (50,000 deep, unterminated)",
            "dict.pdf",
            {
                let mut o = b"<< /Type /Catalog /Pages 2 0 R /X ".to_vec();
                o.extend("<< /A ".repeat(50_000).into_bytes());
                pdf(&[o])
            },
            &["niet veilig", "beschadigd", "genest"],
        ),
        (
            "arrays in a content stream (100,000 deep)",
            "inhoud.pdf",
            one_page(stream("", &deep("[", "]", 100_000))),
            &["niet veilig", "geen tekst", "beschadigd"],
        ),
        (
            "a content stream inflating to 1.5 GiB",
            "bom.pdf",
            one_page(stream("/Filter /FlateDecode", &deflate(|w| zeros(w, 1536 << 20)))),
            // pdf_oxide stops inflating at its own cap and reads the page as empty.
            &["niet veilig", "geheugen", "geen tekst"],
        ),
        (
            "a DOCX part inflating to 1 GiB",
            "bom.docx",
            {
                let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                w.start_file("[Content_Types].xml", zip::write::SimpleFileOptions::default()).unwrap();
                w.write_all(CONTENT_TYPES).unwrap();
                w.start_file(
                    "word/document.xml",
                    zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true),
                )
                .unwrap();
                let chunk = vec![b' '; 1 << 20];
                for _ in 0..1024 {
                    w.write_all(&chunk).unwrap();
                }
                w.finish().unwrap().into_inner()
            },
            &["te groot", "dijt uit"],
        ),
        (
            "a DOCX with 1,000 nested tables",
            "tabellen.docx",
            {
                let body =
                    format!("{}<w:p><w:r><w:t>diep</w:t></w:r></w:p>{}", "<w:tbl><w:tr><w:tc>".repeat(1000), "</w:tc></w:tr></w:tbl>".repeat(1000));
                docx_with(&document_xml(&body))
            },
            &["niet veilig", "geen tekst", "geen geldig"],
        ),
        (
            "a DOCX with a bad CRC",
            "crc.docx",
            {
                let mut bytes = docx_with(&document_xml(&"<w:p><w:r><w:t>Inschrijver voegt een uittreksel bij.</w:t></w:r></w:p>".repeat(50)));
                // Flip a byte inside the compressed document part (after the first local header).
                let at = bytes.windows(17).position(|w| w == b"word/document.xml").unwrap() + 40;
                bytes[at] ^= 0x55;
                bytes
            },
            &["niet veilig", "geen geldig", "geen tekst"],
        ),
        (
            "20,000 pages (reading time grew about quadratically: 10,000 pages took 77 s)",
            "paginas.pdf",
            {
                let pages = 20_000;
                let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 3)).collect();
                let mut objects = vec![
                    b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                    format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")).into_bytes(),
                ];
                objects.extend((0..pages).map(|_| b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec()));
                pdf(&objects)
            },
            &["pagina's, meer dan 3000", "niet veilig"],
        ),
    ];
    let mut figures = vec![];
    for (what, name, bytes, reasons) in cases {
        let (result, took) = read_hostile(name, &bytes);
        let e = result.expect_err(what).to_string();
        assert!(reasons.iter().any(|r| e.contains(r)), "{what}: {e}");
        assert!(e.starts_with(name), "{what}: the reason names the file: {e}");
        assert!(took < limits::WORKER_WALL + Duration::from_secs(5), "{what}: {took:?}");
        figures.push(format!("{what}: {:.1} s — {e}", took.as_secs_f64()));
    }
    println!("hostile documents:\n  {}", figures.join("\n  "));
}

/// A portal document that crashes the reader is remembered: the sync downloads it and its reading
/// fails with the reason, the next sync does not read it again (no crash loop) and succeeds, the
/// consultant's own "Stukken lezen" does read it again, and the store stays sound.
#[test]
fn a_portal_document_that_crashed_the_reader_is_not_read_again_by_a_sync() {
    use tenderwacht_tests::server::Reply;
    use tenderwacht_tests::world::{World, LIST};
    use_worker();
    let mut w = World::new();
    w.route_tenderned();
    w.enable("TenderNed");
    w.sync(Some("TenderNed"));
    let t = w.store.search_tenders("verblijf midden groningen", 10).unwrap().remove(0);
    w.store
        .edit_tender(t.id, &tenderwacht_domain::TenderPatch { status: Some(tenderwacht_domain::TenderStatus::Volgen), ..Default::default() })
        .unwrap();
    let mut o = b"<< /Type /Catalog /Pages 2 0 R /X ".to_vec();
    o.extend("[".repeat(200_000).into_bytes());
    w.server.route(&format!("{LIST}/400123/documenten/d-doc-1/content"), vec![Reply::with_type(pdf(&[o]), "application/pdf")]);
    let started = chrono::Utc::now();
    w.sync(Some("TenderNed"));
    let read = tenderwacht_reading::propose::propose_downloaded_since(&mut w.store, started).unwrap();
    let bad = read.iter().flat_map(|(_, o)| &o.files).find(|f| f.problem.as_deref().is_some_and(|p| p.contains("niet veilig"))).cloned();
    let bad = bad.unwrap_or_else(|| panic!("the hostile leidraad is refused with the reason: {read:?}"));
    // The next sync's reading skips it, quickly, and says it was refused before.
    let again_started = Instant::now();
    let again = tenderwacht_reading::propose::propose_downloaded_since(&mut w.store, started).unwrap();
    let skipped = again.iter().flat_map(|(_, o)| &o.files).find(|f| f.file_name == bad.file_name).unwrap();
    assert!(skipped.problem.as_deref().unwrap().contains("eerder"), "{skipped:?}");
    assert!(again_started.elapsed() < Duration::from_secs(5));
    w.sync(Some("TenderNed"));
    // The consultant retries: it is read again (and refused again, with the reason).
    let retried = tenderwacht_reading::propose::propose_from_tender(&mut w.store, t.id).unwrap();
    let retried = retried.files.iter().find(|f| f.file_name == bad.file_name).unwrap();
    assert!(retried.problem.as_deref().is_some_and(|p| p.contains("niet veilig") && !p.contains("eerder")), "{retried:?}");
    assert!(w.store.integrity_ok().unwrap());
}

/// A feed nested a million deep (the feed parser's namespace stack overflowed at 65,536: a panic)
/// and a feed with one 5 MB text are refused with a reason before parsing; a real feed still reads.
#[test]
fn hostile_feeds_are_refused_before_the_parser_sees_them() {
    let mut deep = String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>");
    deep.push_str(&"<item>".repeat(1_000_000));
    let e = tenderwacht_sources::feed::parse_feed(deep.as_bytes()).unwrap_err().to_string();
    assert!(e.contains("diep genest"), "{e}");
    let long = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x</title><description>{}</description></item></channel></rss>",
        "a".repeat(5 << 20)
    );
    let e = tenderwacht_sources::feed::parse_feed(long.as_bytes()).unwrap_err().to_string();
    assert!(e.contains("één tekst van 5 MB"), "{e}");
    let ctm = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/feeds/ctm.atom")).unwrap();
    assert!(!tenderwacht_sources::feed::parse_feed(&ctm).unwrap().is_empty());
}
