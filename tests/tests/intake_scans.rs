//! Scans and photos on arrival (issue 28, item 3): an HKZ certificate scanned as a copier makes it
//! (one JPEG per PDF page, no text layer) and a policy schedule photographed with a phone are read
//! with Tesseract behind the reading wall; their type, provider and dates are proposed, never as
//! sure (the consultant checks each); a picture Tesseract cannot read, or a hostile one, waits
//! with its reason. Tesseract with its Dutch model is installed by `scripts/install-deps.sh`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use chrono::NaiveDate;
use tenderwacht_domain::{PartyInput, Sureness};
use tenderwacht_reading::intake::take_upload;
use tenderwacht_store::Store;
use tenderwacht_tests::arrivals;

fn day(d: u32, m: u32, y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn tesseract_is_here() {
    assert!(
        tenderwacht_reading::ocr::engine().is_some(),
        "Tesseract ontbreekt: bash scripts/install-deps.sh installeert tesseract-ocr en tesseract-ocr-nld"
    );
}

fn store_with_providers(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join("data")).unwrap();
    for (name, kvk) in [("Zorgboerderij De Linde B.V.", "41234567"), ("Woongroep Het Anker", "52345678")] {
        store.add_provider(&PartyInput { name: name.into(), kvk: kvk.into(), ..Default::default() }).unwrap();
    }
    store
}

#[test]
fn a_scanned_certificate_and_a_photographed_policy_are_read_with_ocr() {
    tesseract_is_here();
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_providers(dir.path());
    let mail = arrivals::eml(
        ("Zorgboerderij De Linde", "info@delinde.example"),
        "Certificaat en polis",
        &[("scan0001.pdf", &arrivals::scanned_certificate()), ("IMG_2041.jpg", arrivals::PHOTOGRAPHED_POLICY)],
    );
    let out = take_upload(&mut store, "stukken.eml", &mail, "").unwrap();
    assert_eq!(out.len(), 2, "{out:?}");

    let scan = out[0].item.clone().unwrap();
    let f = &scan.facts;
    assert_eq!(f.type_code.as_ref().map(|t| t.value.as_str()), Some("hkz"), "{f:?}");
    assert_eq!(f.kvk.as_ref().map(|t| t.value.as_str()), Some("41234567"));
    assert_eq!(scan.party_name.as_deref(), Some("Zorgboerderij De Linde B.V."));
    assert_eq!(f.issued.as_ref().map(|t| t.value), Some(day(3, 2, 2026)));
    assert_eq!(f.expires.as_ref().map(|t| t.value), Some(day(2, 2, 2029)));
    // OCR can misread a digit: its dates are never sure, so "all sure at once" leaves it.
    assert_eq!(f.issued.as_ref().map(|t| t.sure), Some(Sureness::Guess));
    assert_ne!(f.kvk.as_ref().map(|t| t.sure), Some(Sureness::Sure));
    assert!(!f.all_sure());
    assert!(f.notes.iter().any(|n| n.contains("OCR")), "{:?}", f.notes);

    // The photo's party is the one its text names, not the cooperative that mailed it.
    let photo = out[1].item.clone().unwrap();
    let f = &photo.facts;
    assert_eq!(f.type_code.as_ref().map(|t| t.value.as_str()), Some("avb"), "{f:?}");
    assert_eq!(photo.party_name.as_deref(), Some("Woongroep Het Anker"));
    assert_eq!(f.issued.as_ref().map(|t| t.value), Some(day(1, 4, 2026)));
    assert_eq!(f.expires.as_ref().map(|t| t.value), Some(day(1, 4, 2027)));
}

#[test]
fn a_picture_ocr_cannot_read_waits_with_its_reason() {
    tesseract_is_here();
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_providers(dir.path());
    // A PNG whose header claims 60,000 x 60,000 pixels (14 GB unpacked) and holds nothing more.
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bomb.extend_from_slice(&60_000u32.to_be_bytes());
    bomb.extend_from_slice(&60_000u32.to_be_bytes());
    bomb.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    // A JPEG cut off after its first bytes.
    let cut = &arrivals::PHOTOGRAPHED_POLICY[..600];
    // A scanned page of only a grey area: no text to find.
    for (name, bytes) in [("groot.png", bomb), ("afgebroken.jpg", cut.to_vec()), ("grijs.pdf", arrivals::scanned_page())] {
        let out = take_upload(&mut store, name, &bytes, "").unwrap();
        let item = out[0].item.clone().unwrap_or_else(|| panic!("{name} waits in the intake: {out:?}"));
        assert!(item.facts.type_code.is_none() && item.facts.issued.is_none(), "{name}: {:?}", item.facts);
        let note = item.facts.notes.join(" | ");
        eprintln!("{name}: {note}");
        assert!(note.contains("scan") && note.contains("vul type en datums zelf in"), "{name}: {note}");
    }
    assert_eq!(store.intake(false).unwrap().len(), 3);
}

/// A laptop without Tesseract (most Windows laptops until the consultant installs it): the scan
/// waits for the consultant's dates and says why, through the CLI as a consultant runs it.
#[test]
fn without_tesseract_a_scan_waits_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let scan = dir.path().join("scan0001.pdf");
    std::fs::write(&scan, arrivals::scanned_certificate()).unwrap();
    let out = std::process::Command::new(tenderwacht_tests::binary("tenderwacht-cli"))
        .args(["document", "intake"])
        .arg(&scan)
        .env("TENDERWACHT_DATA_DIR", dir.path().join("data"))
        .env("TENDERWACHT_KEYCHAIN", "uit")
        .env("TENDERWACHT_TESSERACT", "uit")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text} {}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("scan0001.pdf — wacht"), "{text}");
    assert!(text.contains("tekstherkenning (Tesseract) is op deze laptop niet geïnstalleerd; vul type en datums zelf in"), "{text}");
    assert!(!text.contains("HKZ-certificaat"), "{text}");
}
