//! Providers' documents for the intake tests and benchmark, made the way their issuers make them
//! (real ones are personal data and not public): a KvK extract laid out as the Kamer van
//! Koophandel's ("Uittreksel Handelsregister Kamer van Koophandel", "KvK-nummer", "Vestigingsnummer",
//! "Dit uittreksel is gewaarmerkt met een digitale handtekening ...", "vervaardigd op") and sealed
//! with a test certificate whose subject is "Kamer van Koophandel" (as KvK seals its PDFs since
//! 13 March 2020); a UBO extract; HKZ and ISO certificates of two differently laid-out bodies
//! ("Datum uitgifte" / "Geldig tot", "Date of issue" / "Valid until"); a VOG RP; a policy
//! schedule; a page with no text layer (a grey area); an HKZ certificate scanned as a copier does
//! (one JPEG per page) and a policy schedule photographed (`fixtures/intake`); e-mails carrying
//! them.

use tenderwacht_export::pdf::{self, Block};

/// The test certificate and key (self-signed, subject "Kamer van Koophandel"; for tests only).
pub const KVK_TEST_CERT: &str = include_str!("../fixtures/intake/kvk-test-cert.pem");
pub const KVK_TEST_KEY: &str = include_str!("../fixtures/intake/kvk-test-key.pem");

fn render(title: &str, subtitle: &str, lines: &[String]) -> Vec<u8> {
    let blocks = lines.iter().map(|l| Block::Paragraph(l.clone())).collect();
    pdf::render(&pdf::Document { title: title.into(), subtitle: subtitle.into(), blocks })
}

/// A KvK extract of `name`, sealed now by "Kamer van Koophandel" (its seal's time is the issue
/// date); `printed` is the "vervaardigd op" date on the page.
pub fn kvk_extract(name: &str, kvk: &str, branch: &str, printed: &str) -> Vec<u8> {
    let lines = vec![
        format!("KvK-nummer {kvk}"),
        "Pagina 1 (van 1)".into(),
        "Onderneming".into(),
        format!("Handelsnaam {name}"),
        "Rechtsvorm Besloten Vennootschap".into(),
        "Vestiging".into(),
        format!("Vestigingsnummer {branch}"),
        "Bezoekadres Hoofdweg 12, 9341 AB Veenhuizen".into(),
        "Dit uittreksel is gewaarmerkt met een digitale handtekening en is een officieel bewijs van inschrijving in het Handelsregister.".into(),
        format!("Uittreksel is vervaardigd op {printed} om 10.15 uur."),
    ];
    seal(&render("Uittreksel Handelsregister Kamer van Koophandel", "", &lines))
}

/// Seals a PDF with the test certificate, as the Kamer van Koophandel seals its extracts: the
/// signature (pdf_oxide writes its dictionary with `/M`, `/Name` and the CMS in `/Contents`),
/// then, in an incremental update that leaves the signed bytes as they are, the signature field
/// of the document's form that points to it (as a signing program makes it).
pub fn seal(pdf_bytes: &[u8]) -> Vec<u8> {
    use lopdf::{dictionary, IncrementalDocument, Object};
    use pdf_oxide::signatures::{sign_pdf_bytes, SignOptions, SigningCredentials};
    let credentials = SigningCredentials::from_pem(KVK_TEST_CERT, KVK_TEST_KEY).expect("test credentials");
    let options = SignOptions { name: Some("Kamer van Koophandel".into()), reason: Some("Waarmerk".into()), ..SignOptions::default() };
    let signed = sign_pdf_bytes(pdf_bytes, &credentials, options).expect("sealed");
    let mut doc = IncrementalDocument::load_from(signed.as_slice()).expect("the signed PDF");
    let prev = doc.get_prev_documents();
    let signature = prev
        .objects
        .iter()
        .find(|(_, o)| o.as_dict().is_ok_and(|d| d.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"Sig")))
        .map(|(id, _)| *id)
        .expect("a signature dictionary");
    let catalog = prev.trailer.get(b"Root").and_then(Object::as_reference).expect("a catalog");
    let page = prev.page_iter().next().expect("a page");
    let field = doc.new_document.add_object(dictionary! {
        "FT" => "Sig",
        "T" => Object::string_literal("Zegel"),
        "V" => signature,
        "Type" => "Annot",
        "Subtype" => "Widget",
        "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()],
        "F" => 132,
        "P" => page,
    });
    doc.opt_clone_object_to_new_document(catalog).expect("catalog");
    let root = doc.new_document.get_object_mut(catalog).and_then(Object::as_dict_mut).expect("catalog dictionary");
    root.set("AcroForm", dictionary! { "Fields" => vec![field.into()], "SigFlags" => 3 });
    let mut out = vec![];
    doc.save_to(&mut out).expect("the sealed PDF");
    out
}

/// An extract of the UBO register.
pub fn ubo_extract(name: &str, kvk: &str, printed: &str) -> Vec<u8> {
    let lines = vec![
        format!("KvK-nummer {kvk}"),
        format!("Naam {name}"),
        "Uiteindelijk belanghebbende(n)".into(),
        "Aard en omvang van het economisch belang: 75% of meer".into(),
        format!("Uittreksel is vervaardigd op {printed} om 09.02 uur."),
    ];
    seal(&render("Uittreksel UBO-register Kamer van Koophandel", "", &lines))
}

/// An HKZ certificate as one certifying body lays it out: labels in Dutch, dates as d-m-yyyy.
pub fn hkz_certificate(name: &str, kvk: &str, issued: &str, valid_until: &str) -> Vec<u8> {
    let lines = vec![
        format!("Hierbij wordt verklaard dat {name} (KvK {kvk}) voldoet aan de eisen van de HKZ-norm Kleine Organisaties 2021."),
        "Reikwijdte: begeleiding en dagbesteding voor volwassenen en jeugd.".into(),
        format!("Certificaatnummer: HKZ-{kvk}-01"),
        format!("Datum uitgifte: {issued}"),
        format!("Geldig tot: {valid_until}"),
    ];
    render("Certificaat", "Keurmerkinstituut Noord", &lines)
}

/// An HKZ certificate as many bodies print it: the holder by name only, no KvK number.
pub fn hkz_certificate_by_name(name: &str, issued: &str, valid_until: &str) -> Vec<u8> {
    let lines = vec![
        format!("Hierbij wordt verklaard dat {name} voldoet aan de eisen van de HKZ-norm Kleine Organisaties 2021."),
        "Reikwijdte: begeleiding en dagbesteding voor volwassenen en jeugd.".into(),
        format!("Datum uitgifte: {issued}"),
        format!("Geldig tot: {valid_until}"),
    ];
    render("Certificaat", "Keurmerkinstituut Noord", &lines)
}

/// An ISO 9001 certificate as another body lays it out: English labels, dates in words.
pub fn iso_certificate(name: &str, kvk: &str, issued: &str, valid_until: &str) -> Vec<u8> {
    let lines = vec![
        format!("This is to certify that the management system of {name}, Chamber of Commerce number {kvk},"),
        "has been found to conform to the quality management system standard ISO 9001:2015.".into(),
        format!("Date of issue: {issued}"),
        format!("Valid until: {valid_until}"),
    ];
    render("Certificate of Registration", "Certification Body Groningen", &lines)
}

/// A quality mark as a third body lays it out: its own name for it ("Keurmerk Zorg & Welzijn"),
/// no word Tenderwacht knows for a certificate type, the type's name split over two lines.
pub fn keurmerk_certificate(name: &str, kvk: &str, issued: &str, valid_until: &str) -> Vec<u8> {
    let lines = vec![
        "Keurmerk Zorg &".into(),
        "Welzijn".into(),
        format!("Toegekend aan {name}, KvK {kvk}, voor begeleiding en dagbesteding."),
        format!("Datum uitgifte: {issued}"),
        format!("Geldig tot: {valid_until}"),
    ];
    render("Stichting Kwaliteit Noord", "", &lines)
}

/// A VOG for a legal person: its printed date is the date of the application.
pub fn vog_rp(name: &str, kvk: &str, applied: &str) -> Vec<u8> {
    let lines = vec![
        "De Minister voor Rechtsbescherming verklaart dat uit een onderzoek naar het gedrag van de rechtspersoon".into(),
        format!("{name}, KvK-nummer {kvk},"),
        "gelet op het doel waarvoor de verklaring wordt gevraagd, geen bezwaar is gebleken.".into(),
        format!("Datum aanvraag: {applied}"),
    ];
    render("Verklaring Omtrent het Gedrag voor rechtspersonen", "Justis", &lines)
}

/// A policy schedule of a liability insurance.
pub fn polisblad(name: &str, kvk: &str, start: &str, end: &str) -> Vec<u8> {
    let lines = vec![
        format!("Verzekeringnemer: {name}, KvK-nummer {kvk}"),
        "Aansprakelijkheidsverzekering voor bedrijven, verzekerd bedrag € 2.500.000 per aanspraak".into(),
        format!("Ingangsdatum: {start}"),
        format!("Einddatum: {end}"),
    ];
    render("Polisblad", "Noordelijke Verzekeringen", &lines)
}

/// An e-mail with attachments, as a mail program saves it (.eml).
/// `from` is the sender's name and address.
pub fn eml(from: (&str, &str), subject: &str, attachments: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = mail_builder::MessageBuilder::new()
        .from(from)
        .to("bureau@tenderwacht.example")
        .subject(subject)
        .text_body("Goedemorgen, hierbij de documenten. Met vriendelijke groet");
    for (name, bytes) in attachments {
        builder = builder.attachment("application/pdf", *name, bytes.to_vec());
    }
    builder.write_to_vec().expect("an e-mail")
}

/// A page with no text layer, as a scanner makes it: only a picture (here a grey area).
pub fn scanned_page() -> Vec<u8> {
    use lopdf::{dictionary, Document, Stream};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let content = Stream::new(dictionary! {}, b"0.8 g 50 50 500 700 re f".to_vec());
    let content_id = doc.add_object(content);
    one_page(doc, pages_id, dictionary! { "Contents" => content_id })
}

/// Finishes a one-page A4 document: the page (`page` adds its contents and resources) under
/// `pages_id`, the page tree and the catalog, saved.
fn one_page(mut doc: lopdf::Document, pages_id: lopdf::ObjectId, mut page: lopdf::Dictionary) -> Vec<u8> {
    use lopdf::{dictionary, Object};
    page.set("Type", "Page");
    page.set("Parent", pages_id);
    page.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
    let page_id = doc.add_object(page);
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }));
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = vec![];
    doc.save_to(&mut out).expect("a PDF");
    out
}

/// The HKZ certificate of "Zorgboerderij De Linde B.V." (KvK 41234567, issued 3-2-2026, valid until
/// 2-2-2029) as an office copier scans it: one grey JPEG filling an A4 page, no text layer.
pub fn scanned_certificate() -> Vec<u8> {
    scan_pdf(include_bytes!("../fixtures/intake/hkz-certificaat-scan.jpg"), 1679, 2359)
}

/// The policy schedule of "Woongroep Het Anker" (KvK 52345678, 1-4-2026 to 1-4-2027) photographed
/// with a phone: the JPEG as the phone sends it.
pub const PHOTOGRAPHED_POLICY: &[u8] = include_bytes!("../fixtures/intake/polisblad-foto.jpg");

/// A PDF of one page holding only `jpeg` (grey, `width` x `height` pixels), as a scanner writes it.
pub fn scan_pdf(jpeg: &[u8], width: i64, height: i64) -> Vec<u8> {
    use lopdf::{dictionary, Document, Stream};
    let mut doc = Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => width, "Height" => height,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        },
        jpeg.to_vec(),
    );
    let image_id = doc.add_object(image);
    let content_id = doc.add_object(Stream::new(dictionary! {}, b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec()));
    let resources = dictionary! { "XObject" => dictionary! { "Im0" => image_id } };
    one_page(doc, pages_id, dictionary! { "Resources" => resources, "Contents" => content_id })
}
