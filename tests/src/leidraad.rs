//! Buyer's documents written for the tests and the benchmark: a leidraad (PDF and DOCX) whose
//! requirement sentences use the phrasings Dutch buyers use, a nota van inlichtingen that changes
//! one requirement and the closing, and a long leidraad padded with ordinary text.

use std::path::Path;
use tenderwacht_export::pdf::{self, Block};

/// The requirement sentences of the leidraad, each a paragraph.
pub const LEIDRAAD: &[&str] = &[
    "In deze leidraad leest u hoe u inschrijft. Afkortingen als UEA, VOG en KvK worden achterin uitgelegd.",
    "Inschrijver voegt een uittreksel uit het Handelsregister bij dat niet ouder is dan zes maanden op de uiterste datum van inschrijving.",
    "Inschrijver dient een Gedragsverklaring Aanbesteden te overleggen, niet ouder dan twee jaar op de uiterste datum van inschrijving.",
    "Voor elke medewerker die met jeugdigen werkt is een VOG vereist van na 1 januari 2026.",
    "Inschrijver beschikt over een geldig HKZ-certificaat of een ISO 9001-certificaat of het Keurmerk Kwaliteit Laat je Zien.",
    "Inschrijver beschikt over een bedrijfsaansprakelijkheidsverzekering met een verzekerd bedrag van ten minste € 2.500.000,- per gebeurtenis.",
    "Een verklaring betalingsgedrag nakoming fiscale verplichtingen, maximaal 3 maanden oud, dient te worden bijgevoegd.",
    "Het Uniform Europees Aanbestedingsdocument (UEA) dient volledig ingevuld en ondertekend te worden geüpload.",
    "De meldcode huiselijk geweld en kindermishandeling en de klachtenregeling dienen te worden meegestuurd.",
    "Bijlage 1: Programma van eisen (ter informatie).",
    "Bijlage 3: Prijzenblad, in te vullen en als Excel-bestand te uploaden.",
    "Bijlage 4: Verklaring onderaanneming, ingevuld en ondertekend bij te voegen.",
    "Inschrijver levert een Plan van aanpak van maximaal 4 A4.",
    "De sluitingsdatum van deze aanbesteding is 15 januari 2027 om 12:00 uur.",
    "Alle documenten worden via TenderNed geüpload; de maximale bestandsgrootte per document is 25 MB.",
];

/// The nota van inlichtingen: one requirement and the closing change.
pub const NVI: &[&str] = &[
    "Vraag 3: Kan de termijn voor het KvK-uittreksel worden verkort?",
    "Antwoord: De maximale ouderdom van het KvK-uittreksel wordt drie maanden in plaats van zes maanden.",
    "Vraag 4: Kan de sluitingsdatum later?",
    "Antwoord: De sluitingsdatum wordt verschoven naar 22 januari 2027 om 12:00 uur.",
];

/// Ordinary text that states no requirement, to pad a long document.
const FILLER: &str = "Deze paragraaf beschrijft de achtergrond van de opdracht, de samenwerking tussen de gemeenten in de regio en \
de manier waarop de toegang tot jeugdhulp is georganiseerd. De gemeenten streven naar passende hulp dichtbij huis, \
in samenhang met het onderwijs en de huisartsen, en met aandacht voor de kosten op de lange termijn.";

/// Writes a PDF with the paragraphs, after `filler_pages` pages of ordinary text.
pub fn write_pdf(path: &Path, title: &str, paragraphs: &[&str], filler_pages: usize) -> std::io::Result<()> {
    let mut blocks = vec![];
    for i in 0..filler_pages * 18 {
        if i % 18 == 0 {
            blocks.push(Block::Heading(format!("Hoofdstuk {}", i / 18 + 1)));
        }
        blocks.push(Block::Paragraph(FILLER.to_string()));
    }
    blocks.push(Block::Heading("Eisen aan de inschrijving".into()));
    blocks.extend(paragraphs.iter().map(|p| Block::Paragraph((*p).to_string())));
    let bytes = pdf::render(&pdf::Document { title: title.into(), subtitle: "Aanbestedende dienst: Gemeente Tynaarlo".into(), blocks });
    std::fs::write(path, bytes)
}

/// Writes a DOCX with a heading and the paragraphs.
pub fn write_docx(path: &Path, title: &str, paragraphs: &[&str]) -> std::io::Result<()> {
    use docx_rs::{Docx, Paragraph, Run};
    let mut doc = Docx::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(title).bold()));
    for p in paragraphs {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(*p)));
    }
    let file = std::fs::File::create(path)?;
    doc.build().pack(file).map_err(std::io::Error::other)?;
    Ok(())
}

/// A PDF of `pages` pages without any text (what a scanner makes, minus the image).
pub fn write_scanned_pdf(path: &Path, pages: usize) -> std::io::Result<()> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut kids = vec![];
    for _ in 0..pages {
        let content = doc.add_object(Stream::new(dictionary! {}, b"0.5 g 50 50 495 742 re f".to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()], "Contents" => content,
        });
        kids.push(Object::Reference(page));
    }
    let count = i64::try_from(kids.len()).unwrap_or(0);
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.save(path).map(|_| ())
}

/// The leidraad PDF protected with a user password.
pub fn write_encrypted_pdf(path: &Path) -> std::io::Result<()> {
    use lopdf::{EncryptionState, EncryptionVersion, Permissions};
    let plain = path.with_extension("plain.pdf");
    write_pdf(&plain, "Aanbestedingsleidraad", LEIDRAAD, 0)?;
    let mut doc = lopdf::Document::load(&plain).map_err(std::io::Error::other)?;
    let id = lopdf::Object::String(b"tenderwacht-test-0001".to_vec(), lopdf::StringFormat::Literal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "eigenaar",
        user_password: "geheim",
        key_length: 128,
        permissions: Permissions::default(),
    };
    let state = EncryptionState::try_from(version).map_err(std::io::Error::other)?;
    doc.encrypt(&state).map_err(std::io::Error::other)?;
    doc.save(path).map(|_| ())
}
