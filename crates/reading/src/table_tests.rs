//! Tests of the table reader through the phrase reader, as `phrases::find` uses it.
use crate::layout::Table;
use crate::phrases::Reading;
use crate::tables::read;
use tenderwacht_domain::{time::Period, MilestoneKind, ProposalKind};
use tenderwacht_domain::{ProposalAsked, ProposalDraft};

fn read_one(table: Table) -> Vec<ProposalDraft> {
    let reading = Reading { file_name: "leidraad.pdf", closing: None, year: Some(2023) };
    let mut out = vec![];
    read(&table, 0, Some(12), &mut None, &mut |text, place| reading.sentence(text, place, &mut out));
    out
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn a_document_table_asks_each_row_at_its_marked_column() {
    let table = Table {
        header: row(&["Document", "Toelichting", "Bij inschrijving", "Voor aanvang zorg", "6 maanden na start overeenkomst"]),
        rows: vec![
            row(&["Uittreksel Kamer van Koophandel", "Afschrift is niet ouder dan zes maanden op het moment van inschrijving.", "X", "", ""]),
            row(&["VOG rechtspersonen", "Niet ouder dan een jaar", "", "X", ""]),
            row(&["Bewijs aansprakelijkheidsverzekering", "Polisblad met verzekerd bedrag van € 2.500.000 per gebeurtenis", "", "", "X"]),
            row(&["UBO-register", "Uittreksel", "X", "", ""]),
        ],
        x: vec![],
    };
    let found: Vec<(Option<String>, Option<Period>, ProposalAsked, String)> =
        read_one(table).into_iter().map(|d| (d.type_code, d.max_age, d.asked, d.section)).collect();
    let section = "tabel 1 op pagina 12".to_string();
    assert_eq!(
        found,
        [
            (Some("kvk".into()), Some(Period::months(6)), ProposalAsked::WithBid, section.clone()),
            (Some("vog-rp".into()), Some(Period::months(12)), ProposalAsked::AfterAward, section.clone()),
            (Some("avb".into()), None, ProposalAsked::DuringContract, section.clone()),
            (Some("ubo".into()), None, ProposalAsked::WithBid, section),
        ]
    );
}

#[test]
fn a_planning_table_gives_its_dates() {
    let table = Table {
        header: row(&["Activiteit", "Datum"]),
        rows: vec![
            row(&["Uiterste datum stellen van vragen", "1-6-2023 12:00 uur"]),
            row(&["Publicatie Nota van Inlichtingen", "8-6-2023"]),
            row(&["Sluiting inschrijving", "15-6-2023 12.00 uur"]),
            row(&["Voorlopige gunning", "tot en met 4 juli"]),
        ],
        x: vec![],
    };
    let kinds: Vec<Option<MilestoneKind>> = read_one(table).into_iter().filter(|d| d.kind == ProposalKind::Date).map(|d| d.milestone_kind).collect();
    assert_eq!(
        kinds,
        [
            Some(MilestoneKind::VragenDeadline),
            Some(MilestoneKind::NotaVanInlichtingen),
            Some(MilestoneKind::Sluiting),
            Some(MilestoneKind::VoorlopigeGunning)
        ]
    );
}

#[test]
fn in_an_nvi_table_only_answers_count() {
    let table = Table {
        header: row(&["Nr", "Vraag", "Antwoord"]),
        rows: vec![
            row(&["1", "Moet het KvK-uittreksel niet ouder zijn dan zes maanden?", "Nee, het KvK-uittreksel mag niet ouder zijn dan drie maanden."]),
            row(&["2", "Is een VOG nodig bij inschrijving?", "Een VOG hoeft u niet bij te voegen."]),
        ],
        x: vec![],
    };
    let found: Vec<(Option<String>, Option<Period>)> = read_one(table).into_iter().map(|d| (d.type_code, d.max_age)).collect();
    assert_eq!(found, [(Some("kvk".into()), Some(Period::months(3)))]);
}

/// A document table as a page's layout breaks it: its header set over several lines comes as a
/// table of its own, the rows after it as another whose cells stand under the header's columns,
/// each row's wrapped lines as rows without a mark.
#[test]
fn a_broken_document_table_is_read_under_its_header() {
    let reading = Reading { file_name: "inkoopbeleid.pdf", closing: None, year: Some(2023) };
    let mut out = vec![];
    let mut heading = None;
    let header = Table {
        header: row(&["Overzicht aan te", "Toelichting", "Meesturen", "Moet voldoen", "Moet voldoen"]),
        rows: vec![
            row(&["leveren documenten", "", "bij de", "bij aanvang", "6 maanden na"]),
            row(&["", "", "inschrijving", "van de zorg", "ingangsdatum overeenkomst"]),
        ],
        x: vec![30.0, 120.0, 350.0, 420.0, 490.0],
    };
    let body = Table {
        header: row(&["Bestuursverklaring 2024", "De volledig ingevulde bestuursverklaring aan te leveren.", "X"]),
        rows: vec![
            row(&["Organogram", "Organogram van de juridische structuur.", "X"]),
            row(&["", "Ook van een eventuele holding.", ""]),
            row(&["Cliëntenraad", "Een cliëntenraad is ingesteld, tenzij de Wmcz dat niet verplicht stelt.", "X"]),
        ],
        x: vec![30.0, 120.0, 355.0],
    };
    let mut last = body.clone();
    last.x = vec![30.0, 120.0, 495.0];
    last.header = row(&["Klachtenregeling", "Gepubliceerd op de website, voldoet aan de Wkkgz.", "X"]);
    last.rows = vec![];
    for (n, t) in [header, body, last].iter().enumerate() {
        read(t, n, Some(47), &mut heading, &mut |text, place| reading.sentence(text, place, &mut out));
    }
    let found: Vec<(ProposalKind, String, ProposalAsked)> = out.into_iter().map(|d| (d.kind, d.type_code.unwrap_or(d.name), d.asked)).collect();
    assert_eq!(
        found,
        [
            (ProposalKind::Deliverable, "Bestuursverklaring 2024".to_string(), ProposalAsked::WithBid),
            (ProposalKind::Deliverable, "Organogram".to_string(), ProposalAsked::WithBid),
            (ProposalKind::Deliverable, "Cliëntenraad".to_string(), ProposalAsked::WithBid),
            (ProposalKind::Document, "wkkgz-klachten".to_string(), ProposalAsked::DuringContract),
        ]
    );
}

#[test]
fn every_step_of_a_planning_is_a_date_the_unknown_ones_by_their_name() {
    let table = Table {
        header: row(&["Stap", "Wie?", "Uiterste datum"]),
        rows: vec![
            row(&["1. Bekendmaking van het beleid", "Zorgkantoor", "1-6-2023"]),
            row(&["3. Vervaltermijn voor aantekenen van bezwaar", "Zorgaanbieder", "15-6-2023 12:00 uur"]),
            row(&["7. Datum van inschrijving voor nieuwe en bestaande zorgaanbieders", "Zorgaanbieder", "4-8-2023 17.00 uur"]),
        ],
        x: vec![],
    };
    let found: Vec<(Option<MilestoneKind>, String)> = read_one(table).into_iter().map(|d| (d.milestone_kind, d.name)).collect();
    assert_eq!(
        found,
        [
            (Some(MilestoneKind::Publicatie), "publicatie".to_string()),
            (Some(MilestoneKind::Custom), "Vervaltermijn voor aantekenen van bezwaar".to_string()),
            (Some(MilestoneKind::Sluiting), "sluiting".to_string()),
        ]
    );
}

/// Rows of a real document table (Zilveren Kruis, "Overzicht aan te leveren documenten"): the row
/// names its document; another one its explanation names counts only where its own bullet asks
/// it, each with the age said after its own name.
#[test]
fn a_row_asks_its_named_document_and_only_those_its_bullets_ask() {
    let table = Table {
        header: row(&["Overzicht aan te leveren documenten", "Toelichting op in te dienen bijlagen", "Meesturen bij de inschrijving"]),
        rows: vec![
            row(&[
                "Inschrijving Handelsregister KvK",
                "• Afschrift van inschrijving in het Handelsregister van de KvK. • Afschrift is niet ouder dan zes maanden op het moment van inschrijving. • Bevoegdheid van ondertekenaar moet blijken uit het afschrift of er moet een volmacht zijn (die eveneens verstrekt moet worden).",
                "X",
            ]),
            row(&[
                "Klachtenregeling",
                "• Het beleid voldoet aan de Wkkgz. • Uit het beleid blijkt voor cliënten tenminste: - Reactietermijn op klacht binnen zes weken; - Dat de zorgaanbieder is aangesloten bij een geschilleninstantie.",
                "X",
            ]),
        ],
        x: vec![],
    };
    let found: Vec<(Option<String>, Option<Period>)> = read_one(table).into_iter().map(|d| (d.type_code, d.max_age)).collect();
    assert_eq!(found, [(Some("kvk".into()), Some(Period::months(6))), (Some("machtiging".into()), None), (Some("wkkgz-klachten".into()), None)]);
}

/// The VNG model inkoopdocument's "Aan te leveren documenten/bewijsmiddelen": a number column, and
/// when in words ("Op verzoek") instead of an X; each row is asked at the time its cell says, and
/// a row no catalogue knows is proposed by its name.
#[test]
fn a_table_that_says_when_in_words_asks_each_row_then() {
    let table = Table {
        header: row(&["Nr.", "Document/Bewijsmiddel", "Bij verzoek tot deelname of inschrijving of op verzoek van de opdrachtgever", "Door wie?"]),
        rows: vec![
            row(&["1.", "UEA", "Bij verzoek tot deelname of inschrijving", "Potentiële opdrachtnemer"]),
            row(&[
                "4.",
                "Uittreksel Handelsregister Kamer van Koophandel niet ouder dan 6 kalendermaanden op moment van ontvangst",
                "Op verzoek",
                "Potentiële opdrachtnemer, Combinant",
            ]),
            row(&["6.", "Bewijsmiddel geschiktheidseis G1", "Bij verzoek tot deelname of inschrijving", "Potentiële opdrachtnemer"]),
            row(&["9.", "PM", "PM", "PM"]),
        ],
        x: vec![],
    };
    let found: Vec<(String, Option<Period>, ProposalAsked)> =
        read_one(table).into_iter().map(|d| (d.type_code.unwrap_or(d.name), d.max_age, d.asked)).collect();
    assert_eq!(
        found,
        [
            ("uea".to_string(), None, ProposalAsked::WithBid),
            ("kvk".to_string(), Some(Period::months(6)), ProposalAsked::OnRequest),
            ("Bewijsmiddel geschiktheidseis G1".to_string(), None, ProposalAsked::WithBid),
        ]
    );
}

/// A row named by a document no list knows asks it beside the catalogue documents its
/// explanation names (Zilveren Kruis: "Financieel plan" of jaarrekeningen and a begroting).
#[test]
fn a_row_named_by_an_unknown_document_asks_it_beside_the_known_ones() {
    let table = Table {
        header: row(&["Overzicht aan te leveren documenten", "Toelichting op in te dienen bijlagen", "Meesturen bij de inschrijving"]),
        rows: vec![row(&["Financieel plan", "• Enkelvoudige jaarrekeningen 2021 en 2022; • Begroting 2024.", "X"])],
        x: vec![],
    };
    let found: Vec<String> = read_one(table).into_iter().map(|d| d.type_code.unwrap_or(d.name)).collect();
    assert_eq!(found, ["jaarrekening", "Financieel plan"]);
}

/// A planning table is the document's dates of the kinds it names: a sentence dating one of those
/// kinds dates something else, unless it moves the date; a sentence's step of no named kind stays.
#[test]
fn the_planning_table_holds_the_dates_of_its_kinds() {
    let planning = Table {
        header: row(&["Activiteit", "Datum"]),
        rows: vec![row(&["Publicatie van het beleid", "1-6-2023"]), row(&["Definitieve terugkoppeling inschrijving", "25-10-2023"])],
        x: vec![],
    };
    let text = "De definitieve terugkoppeling op uw aanvraag ontvangt u uiterlijk 21 oktober 2023.\n\nDe sluitingsdatum is verschoven naar 11 augustus 2023 12:00 uur.\n\nDe publicatie van het beleid volgt op 1 juni 2023.\n\nDe definitieve gunning is verschoven naar 1 november 2023.\n";
    let page = crate::text::Page { tables: vec![planning], ..crate::text::Page::text(Some(3), text) };
    let dates: Vec<(Option<MilestoneKind>, String)> = crate::phrases::find(&[page], "nvi.pdf", None)
        .into_iter()
        .filter(|d| d.kind == ProposalKind::Date)
        .map(|d| (d.milestone_kind, d.at.map(|a| tenderwacht_domain::time::local_date(a).to_string()).unwrap_or_default()))
        .collect();
    assert_eq!(
        dates,
        [
            (Some(MilestoneKind::Sluiting), "2023-08-11".to_string()),
            (Some(MilestoneKind::DefinitieveGunning), "2023-11-01".to_string()),
            (Some(MilestoneKind::Publicatie), "2023-06-01".to_string()),
            (Some(MilestoneKind::DefinitieveGunning), "2023-10-25".to_string()),
        ]
    );
}

/// A row named by the buyer's annexes asks each one, with the part of its explanation that
/// names it (and so its condition); a long name of alternatives is named by its first, and a
/// document its explanation asks by name is asked beside it.
#[test]
fn a_row_of_annexes_asks_each_and_a_row_of_alternatives_is_named_by_its_first() {
    let table = Table {
        header: row(&["Overzicht aan te leveren documenten", "Toelichting", "Meesturen bij de inschrijving", "Moet voldoen op moment van zorglevering"]),
        rows: vec![
            row(&[
                "Bijlage 2 Onderaannemerschap en indien van toepassing Bijlage 3 Lijst met zorgkantoren bij de bestuursverklaring",
                "Bijlage 2 dient altijd toegevoegd te worden bij de inschrijving. Bijlage 3 alleen indien van toepassing toevoegen bij de inschrijving.",
                "X",
                "",
            ]),
            row(&[
                "Kwaliteitskader van de sector / werkt met een landelijk erkend kwaliteitssysteem met externe toetsing",
                "De zorgaanbieder kan aantonen dat hij zich houdt aan het kwaliteitskader. Over het eerste jaar moet verplicht een kwaliteitsverslag worden aangeleverd bij het zorgkantoor.",
                "",
                "X",
            ]),
        ],
        x: vec![],
    };
    let found: Vec<(String, String, String)> = read_one(table).into_iter().map(|d| (d.name, d.note, d.condition)).collect();
    let s = |t: &str| t.to_string();
    assert_eq!(
        found,
        [
            (s("Onderaannemerschap"), s("bijlage 2"), s("bij onderaanneming")),
            (s("Lijst met zorgkantoren bij de bestuursverklaring"), s("bijlage 3"), s("indien van toepassing")),
            (s("Kwaliteitskader van de sector"), s(""), s("")),
            (s("Kwaliteitsverslag"), s(""), s("")),
        ]
    );
}
