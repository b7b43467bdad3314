//! Provider sheets from outside read behind limits: a stray cell in Excel's far corner does not
//! make a sheet of billions of cells, a sheet too long is refused with the reason, and a shared
//! strings part that unpacks to hundreds of megabytes is refused from the zip directory.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use tenderwacht_export::import;

#[test]
fn a_provider_sheet_with_a_far_corner_cell_or_a_bomb_is_refused_or_read_small() {
    let dir = tempfile::tempdir().unwrap();
    // One provider, and one stray cell at the last row and column Excel has.
    let path = dir.path().join("hoek.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    for (c, h) in ["Naam", "KvK"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "De Eik").unwrap();
    s.write_string(1, 1, "12345678").unwrap();
    s.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(&path).unwrap();
    let read = import::providers_xlsx(&path).unwrap();
    assert_eq!((read.rows.len(), read.rows[0].1.name.as_str()), (1, "De Eik"), "the stray cell is left out, not a 17-billion-cell sheet");
    // A stray cell far down in a column that is read: refused with the reason.
    let far = dir.path().join("ver.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "Naam").unwrap();
    s.write_string(1_048_575, 0, "x").unwrap();
    book.save(&far).unwrap();
    let e = import::providers_xlsx(&far).map(|_| ()).unwrap_err().to_string();
    assert!(e.contains("rijen"), "{e}");
    // A sheet whose shared strings unpack to 300 MB: refused from the zip directory.
    let bomb = dir.path().join("bom.xlsx");
    {
        let mut w = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        w.start_file("xl/sharedStrings.xml", zip::write::SimpleFileOptions::default().large_file(true)).unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..300 {
            std::io::Write::write_all(&mut w, &chunk).unwrap();
        }
        w.finish().unwrap();
    }
    let e = import::providers_xlsx(&bomb).map(|_| ()).unwrap_err().to_string();
    assert!(e.contains("dijt uit") || e.contains("te groot"), "{e}");
}
