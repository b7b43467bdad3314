//! The reader on buyer's documents written for the test (tenderwacht_tests::leidraad): the exact
//! proposals from a leidraad in PDF and in DOCX, a nota van inlichtingen that changes one
//! requirement and the closing, the consultant's answers, and documents that cannot be read.

use chrono::{NaiveDate, TimeZone, Utc};
use tenderwacht_domain::{time::Period, MilestoneKind, ProposalDraft, ProposalEdit, ProposalKind, ProposalStatus};
use tenderwacht_reading::propose::{propose, Source};
use tenderwacht_reading::{phrases, text, ReadError};
use tenderwacht_store::Store;
use tenderwacht_tests::leidraad;

fn closing() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2027, 1, 15)
}

/// (kind, code or name, max age, note) of each proposal.
fn summary(drafts: &[ProposalDraft]) -> Vec<(ProposalKind, String, Option<Period>, String)> {
    drafts.iter().map(|d| (d.kind, d.type_code.clone().unwrap_or_else(|| d.name.clone()), d.max_age, d.note.clone())).collect()
}

fn expected() -> Vec<(ProposalKind, String, Option<Period>, String)> {
    use ProposalKind::*;
    let s = |t: &str| t.to_string();
    vec![
        (Document, s("kvk"), Some(Period::months(6)), s("")),
        (Document, s("gva"), Some(Period::months(24)), s("")),
        // "van na 1 januari 2026" with the closing on 15 January 2027: issued on 2 January 2026 at the earliest.
        (Document, s("vog"), Some(Period::days(378)), s("afgegeven na 1 januari 2026")),
        (Document, s("hkz"), None, s("of: ISO 9001, Kwaliteit Laat je Zien")),
        (Document, s("avb"), None, s("verzekerd bedrag € 2.500.000")),
        (Document, s("betalingsgedrag"), Some(Period::months(3)), s("")),
        (Document, s("uea"), None, s("")),
        (Document, s("meldcode"), None, s("")),
        (Document, s("wkkgz-klachten"), None, s("")),
        (Deliverable, s("Prijzenblad"), None, s("bijlage 3")),
        (Deliverable, s("Verklaring onderaanneming"), None, s("bijlage 4")),
        (Deliverable, s("Plan van aanpak"), None, s("maximaal 4 A4")),
        (Date, s("sluiting"), None, s("")),
    ]
}

#[test]
fn a_leidraad_in_pdf_gives_the_exact_proposals_with_their_page() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("leidraad.pdf");
    leidraad::write_pdf(&pdf, "Aanbestedingsleidraad", leidraad::LEIDRAAD, 2).unwrap();
    let pages = text::extract(&std::fs::read(&pdf).unwrap(), "leidraad.pdf").unwrap();
    let found = phrases::find(&pages, "leidraad.pdf", closing());
    assert_eq!(summary(&found), expected());
    let kvk = &found[0];
    assert_eq!(
        kvk.quote,
        "Inschrijver voegt een uittreksel uit het Handelsregister bij dat niet ouder is dan zes maanden op de uiterste datum van inschrijving."
    );
    let last = pages.last().and_then(|p| p.number);
    assert!(last >= Some(3), "two pages of ordinary text first");
    assert_eq!((kvk.file_name.as_str(), kvk.page), ("leidraad.pdf", last));
    let date = found.last().unwrap();
    assert_eq!(date.milestone_kind, Some(MilestoneKind::Sluiting));
    assert_eq!(date.at, Some(Utc.with_ymd_and_hms(2027, 1, 15, 11, 0, 0).unwrap()), "12:00 in Amsterdam");
}

#[test]
fn the_same_leidraad_in_docx_gives_the_same_proposals() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("leidraad.docx");
    leidraad::write_docx(&docx, "Aanbestedingsleidraad", leidraad::LEIDRAAD).unwrap();
    let pages = text::extract(&std::fs::read(&docx).unwrap(), "leidraad.docx").unwrap();
    let found = phrases::find(&pages, "leidraad.docx", closing());
    assert_eq!(summary(&found), expected());
    assert!(found.iter().all(|d| d.page.is_none()), "a DOCX has no pages");
}

#[test]
fn proposals_wait_for_an_answer_and_a_nota_van_inlichtingen_changes_what_was_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let tender = store.add_tender(&tenderwacht_tests::team::tender("Jeugdhulp Noord-Drenthe 2027")).unwrap();
    store.set_milestone(tender, MilestoneKind::Sluiting, Utc.with_ymd_and_hms(2027, 1, 15, 11, 0, 0).unwrap()).unwrap();
    let pdf = dir.path().join("leidraad.pdf");
    leidraad::write_pdf(&pdf, "Aanbestedingsleidraad", leidraad::LEIDRAAD, 0).unwrap();
    let src = |name: &str, path: &std::path::Path| Source::file(name, path);

    let outcome = propose(&mut store, tender, &[src("leidraad.pdf", &pdf)]).unwrap();
    assert_eq!(outcome.files[0].problem, None);
    // The closing is the tender's already: known, not proposed.
    assert_eq!((outcome.report.added.len(), outcome.report.known), (12, 1));
    assert!(store.requirements(tender).unwrap().is_empty(), "nothing is added without an answer");

    // Accept the KvK-uittreksel, the Prijzenblad with an edited name; reject the HKZ.
    let by = |code: &str| outcome.report.added.iter().find(|p| p.draft.type_code.as_deref() == Some(code) || p.draft.name == code).unwrap().id;
    store.accept_proposal(by("kvk"), &ProposalEdit::default()).unwrap();
    store.accept_proposal(by("Prijzenblad"), &ProposalEdit { name: Some("Prijzenblad perceel 1".into()), ..ProposalEdit::default() }).unwrap();
    store.reject_proposal(by("hkz")).unwrap();
    let reqs = store.requirements(tender).unwrap();
    assert_eq!(reqs.len(), 2);
    assert_eq!((reqs[0].type_code.as_deref(), reqs[0].max_age), (Some("kvk"), Some(Period::months(6))));
    assert_eq!(reqs[1].name, "Prijzenblad perceel 1");
    assert!(store.accept_proposal(by("kvk"), &ProposalEdit::default()).is_err(), "answered once");

    // Read again: nothing new, the rejection stays.
    let again = propose(&mut store, tender, &[src("leidraad.pdf", &pdf)]).unwrap();
    assert_eq!(again.report.added.len(), 0);
    assert_eq!(store.proposal(by("hkz")).unwrap().status, ProposalStatus::Rejected);

    // The nota van inlichtingen: the KvK-uittreksel becomes 3 months, the closing moves a week.
    let nvi = dir.path().join("nvi.docx");
    leidraad::write_docx(&nvi, "Nota van Inlichtingen 1", leidraad::NVI).unwrap();
    let changes = propose(&mut store, tender, &[src("Nota van Inlichtingen 1.docx", &nvi)]).unwrap();
    let kinds: Vec<(ProposalKind, Option<Period>)> = changes.report.added.iter().map(|p| (p.draft.kind, p.draft.max_age)).collect();
    assert_eq!(kinds, vec![(ProposalKind::Change, Some(Period::months(3))), (ProposalKind::Date, None)]);
    let change = &changes.report.added[0];
    assert_eq!(change.requirement_id, Some(reqs[0].id));
    assert_eq!(change.draft.quote, "Antwoord: De maximale ouderdom van het KvK-uittreksel wordt drie maanden in plaats van zes maanden.");
    store.accept_proposal(change.id, &ProposalEdit::default()).unwrap();
    store.accept_proposal(changes.report.added[1].id, &ProposalEdit::default()).unwrap();
    assert_eq!(store.requirements(tender).unwrap()[0].max_age, Some(Period::months(3)));
    assert_eq!(store.tender(tender).unwrap().closing, Some(Utc.with_ymd_and_hms(2027, 1, 22, 11, 0, 0).unwrap()));
}

#[test]
fn documents_that_cannot_be_read_say_why_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let read = |path: &std::path::Path, name: &str| text::extract(&std::fs::read(path).unwrap(), name);

    let scanned = dir.path().join("scan.pdf");
    leidraad::write_scanned_pdf(&scanned, 3).unwrap();
    let e = read(&scanned, "scan.pdf").unwrap_err();
    assert!(matches!(e, ReadError::NoText { .. }), "{e}");
    assert_eq!(
        e.to_string(),
        "scan.pdf: geen tekst gevonden: gescand document? Vraag de aanbestedende dienst om een doorzoekbare versie of lees het zelf"
    );

    let locked = dir.path().join("beveiligd.pdf");
    leidraad::write_encrypted_pdf(&locked).unwrap();
    assert!(matches!(read(&locked, "beveiligd.pdf"), Err(ReadError::Encrypted { .. })), "{:?}", read(&locked, "beveiligd.pdf"));

    let good = dir.path().join("leidraad.pdf");
    leidraad::write_pdf(&good, "Aanbestedingsleidraad", leidraad::LEIDRAAD, 0).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let damaged = dir.path().join("kapot.pdf");
    std::fs::write(&damaged, &bytes[..bytes.len() / 3]).unwrap();
    let e = read(&damaged, "kapot.pdf");
    assert!(matches!(e, Err(ReadError::DamagedPdf { .. }) | Err(ReadError::NoText { .. })), "{e:?}");

    let fake_docx = dir.path().join("formulier.docx");
    std::fs::write(&fake_docx, b"PK\x03\x04 dit is geen word-bestand").unwrap();
    assert!(matches!(read(&fake_docx, "formulier.docx"), Err(ReadError::NotDocx { .. })));
    let binary = dir.path().join("plaatje.png");
    std::fs::write(&binary, [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2]).unwrap();
    assert!(matches!(read(&binary, "plaatje.png"), Err(ReadError::Unsupported { .. })));

    // Through the store: the unreadable files are reported, the readable one still counts, and a
    // run of only unreadable files stores nothing.
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let tender = store.add_tender(&tenderwacht_tests::team::tender("Wmo Tynaarlo")).unwrap();
    let src = |name: &str, path: &std::path::Path| Source::file(name, path);
    let bad = propose(&mut store, tender, &[src("scan.pdf", &scanned), src("kapot.pdf", &damaged), src("formulier.docx", &fake_docx)]).unwrap();
    assert!(bad.files.iter().all(|f| f.problem.is_some()));
    assert!(store.proposals(tender, true).unwrap().is_empty());
    let mixed = propose(&mut store, tender, &[src("scan.pdf", &scanned), src("leidraad.pdf", &good)]).unwrap();
    assert_eq!(mixed.files.iter().map(|f| f.problem.is_some()).collect::<Vec<_>>(), vec![true, false]);
    assert_eq!(mixed.report.added.len(), 13);
}

#[test]
fn a_300_page_leidraad_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("lang.pdf");
    leidraad::write_pdf(&pdf, "Aanbestedingsleidraad", leidraad::LEIDRAAD, 300).unwrap();
    let pages = text::extract(&std::fs::read(&pdf).unwrap(), "lang.pdf").unwrap();
    assert!(pages.len() >= 300, "{} pages", pages.len());
    let found = phrases::find(&pages, "lang.pdf", closing());
    assert_eq!(summary(&found), expected());
}

/// The documents a portal sync downloads are read right away: the nota van inlichtingen of a
/// followed TenderNed tender becomes a change of its KvK requirement and of its closing, shown on
/// the tender to accept; an unreadable announcement is reported and does not stop the rest.
#[test]
fn a_nota_van_inlichtingen_arriving_with_a_sync_is_read_as_changes() {
    use tenderwacht_tests::server::Reply;
    use tenderwacht_tests::world::{World, LIST};
    let mut w = World::new();
    w.route_tenderned();
    w.enable("TenderNed");
    w.sync(Some("TenderNed"));
    let t = w.store.search_tenders("verblijf midden groningen", 10).unwrap().remove(0);
    w.store
        .edit_tender(t.id, &tenderwacht_domain::TenderPatch { status: Some(tenderwacht_domain::TenderStatus::Volgen), ..Default::default() })
        .unwrap();
    let kvk = tenderwacht_domain::RequirementInput {
        lot_number: None,
        type_code: Some("kvk".into()),
        name: String::new(),
        max_age: Some(Period::months(6)),
        note: String::new(),
    };
    let kvk = w.store.add_requirement(t.id, &kvk).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let (pdf, nvi, scan) = (dir.path().join("l.pdf"), dir.path().join("n.docx"), dir.path().join("s.pdf"));
    leidraad::write_pdf(&pdf, "Aanbestedingsleidraad", leidraad::LEIDRAAD, 0).unwrap();
    leidraad::write_docx(&nvi, "Nota van Inlichtingen 1", leidraad::NVI).unwrap();
    leidraad::write_scanned_pdf(&scan, 1).unwrap();
    for (id, doc, file, kind) in [
        ("400123", "d-ank-1", &scan, "application/pdf"),
        ("400123", "d-doc-1", &pdf, "application/pdf"),
        ("400130", "d-nvi-1", &nvi, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ] {
        w.server.route(&format!("{LIST}/{id}/documenten/{doc}/content"), vec![Reply::with_type(std::fs::read(file).unwrap(), kind)]);
    }
    let started = Utc::now();
    w.sync(Some("TenderNed"));
    let read = tenderwacht_reading::propose::propose_downloaded_since(&mut w.store, started).unwrap();
    assert_eq!(read.len(), 1, "one tender's documents");
    let (tender, outcome) = &read[0];
    assert_eq!(*tender, t.id);
    assert_eq!(
        outcome.files.iter().filter(|f| f.problem.as_deref().is_some_and(|p| p.contains("geen tekst gevonden"))).count(),
        1,
        "{:?}",
        outcome.files
    );
    let open = w.store.proposals(t.id, false).unwrap();
    let change = open.iter().find(|p| p.draft.kind == ProposalKind::Change).expect("the NvI's change");
    assert_eq!((change.requirement_id, change.draft.max_age), (Some(kvk), Some(Period::months(3))));
    assert!(change.draft.file_name.starts_with("Nota van Inlichtingen"), "{}", change.draft.file_name);
    let moved = open.iter().find(|p| p.draft.kind == ProposalKind::Date && p.draft.at == Some(Utc.with_ymd_and_hms(2027, 1, 22, 11, 0, 0).unwrap()));
    assert!(moved.is_some(), "the closing moved by the NvI: {open:#?}");
    // A later sync downloads nothing, so nothing new is proposed (moments are stored to the
    // second, so documents of the same second may be read again: the same proposals, not added twice).
    let started = Utc::now();
    w.sync(Some("TenderNed"));
    let again = tenderwacht_reading::propose::propose_downloaded_since(&mut w.store, started).unwrap();
    assert!(again.iter().all(|(_, o)| o.report.added.is_empty()));
    assert_eq!(w.store.proposals(t.id, false).unwrap().len(), open.len());
}

#[test]
fn a_document_asked_during_the_contract_becomes_an_obligation_of_the_contract_won() {
    use tenderwacht_domain::{CareDomain, ContractInput, PartyInput, ProposalAsked};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let tender = store.add_tender(&tenderwacht_tests::team::tender("Wlz verpleging en verzorging 2024")).unwrap();
    let draft = |code: &str, quote: &str| ProposalDraft {
        kind: ProposalKind::Document,
        type_code: Some(code.into()),
        name: String::new(),
        max_age: None,
        note: String::new(),
        asked: ProposalAsked::DuringContract,
        condition: String::new(),
        section: String::new(),
        milestone_kind: None,
        at: None,
        quote: quote.into(),
        file_name: "inkoopbeleid.pdf".into(),
        page: Some(50),
        also_in: vec![],
    };
    let report = store
        .add_proposals(tender, vec![draft("avb", "De verzekering dient uiterlijk vanaf de ingangsdatum van de overeenkomst in te gaan.")])
        .unwrap();
    store.accept_proposal(report.added[0].id, &ProposalEdit::default()).unwrap();
    assert!(store.requirements(tender).unwrap().is_empty(), "not a document of the bid");

    // The tender is won: the contract registered from it holds the obligation.
    let provider = store.add_provider(&PartyInput { name: "Zorgboerderij De Es".into(), kvk: "12345678".into(), ..Default::default() }).unwrap();
    let contract = store
        .add_contract(&ContractInput {
            title: String::new(),
            party_id: provider,
            members: vec![],
            buyer: "Zilveren Kruis Zorgkantoor".into(),
            municipalities: vec![],
            domain: CareDomain::Wmo,
            start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            extensions: 0,
            extension_length: None,
            notice: None,
            tender_id: Some(tender),
            products: vec![],
        })
        .unwrap();
    let types = |store: &Store| -> Vec<String> { store.contract_obligations(contract).unwrap().into_iter().map(|o| o.type_name).collect() };
    assert_eq!(types(&store).len(), 1, "{:?}", types(&store));

    // One accepted after the contract exists reaches it at once, under the type the consultant chose.
    let later = store
        .add_proposals(tender, vec![draft("hkz", "Het certificaat is uiterlijk 6 maanden na ingangsdatum van de overeenkomst behaald.")])
        .unwrap();
    store.accept_proposal(later.added[0].id, &ProposalEdit { type_code: Some("iso9001".into()), ..ProposalEdit::default() }).unwrap();
    let names = types(&store);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().any(|n| n.to_lowercase().contains("iso")), "{names:?}");
    assert!(store.requirements(tender).unwrap().is_empty());
}

#[test]
fn a_planning_step_of_no_named_kind_becomes_a_milestone_of_its_own_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let tender = store.add_tender(&tenderwacht_tests::team::tender("Wlz gehandicaptenzorg 2024")).unwrap();
    let step = |at: chrono::DateTime<Utc>| ProposalDraft {
        kind: ProposalKind::Date,
        type_code: None,
        name: "Vervaltermijn voor aantekenen van bezwaar tegen inkoopbeleid".into(),
        max_age: None,
        note: String::new(),
        asked: Default::default(),
        condition: String::new(),
        section: "tabel 1 op pagina 37".into(),
        milestone_kind: Some(MilestoneKind::Custom),
        at: Some(at),
        quote: "3. Vervaltermijn voor aantekenen van bezwaar tegen inkoopbeleid | Zorgaanbieder | 15-6-2023 12:00 uur".into(),
        file_name: "inkoopbeleid.pdf".into(),
        page: Some(37),
        also_in: vec![],
    };
    let first = store.add_proposals(tender, vec![step(Utc.with_ymd_and_hms(2023, 6, 15, 10, 0, 0).unwrap())]).unwrap();
    store.accept_proposal(first.added[0].id, &ProposalEdit::default()).unwrap();
    let custom = |store: &Store| -> Vec<(String, chrono::DateTime<Utc>)> {
        store.milestones(tender).unwrap().into_iter().filter(|m| m.kind == MilestoneKind::Custom).map(|m| (m.label, m.at)).collect()
    };
    assert_eq!(
        custom(&store),
        [("Vervaltermijn voor aantekenen van bezwaar tegen inkoopbeleid".to_string(), Utc.with_ymd_and_hms(2023, 6, 15, 10, 0, 0).unwrap())]
    );
    // An NvI moves the step: the same milestone moves, no second one appears.
    let moved = store.add_proposals(tender, vec![step(Utc.with_ymd_and_hms(2023, 6, 22, 10, 0, 0).unwrap())]).unwrap();
    store.accept_proposal(moved.added[0].id, &ProposalEdit::default()).unwrap();
    assert_eq!(custom(&store).len(), 1);
    assert_eq!(custom(&store)[0].1, Utc.with_ymd_and_hms(2023, 6, 22, 10, 0, 0).unwrap());
}

#[test]
fn a_document_outside_the_catalogue_becomes_a_type_of_its_own_and_later_tenders_know_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let first = store.add_tender(&tenderwacht_tests::team::tender("Wmo begeleiding 2027")).unwrap();
    let asked = |name: &str| ProposalDraft {
        kind: ProposalKind::Deliverable,
        type_code: None,
        name: name.into(),
        max_age: None,
        note: String::new(),
        asked: Default::default(),
        condition: String::new(),
        section: "Tabel 3".into(),
        milestone_kind: None,
        at: None,
        quote: format!("{name} | Bij inschrijving"),
        file_name: "inkoopdocument.pdf".into(),
        page: Some(12),
        also_in: vec![],
    };
    let report = store.add_proposals(first, vec![asked("Financieel plan"), asked("Prijzenblad")]).unwrap();
    let (plan, sheet) = (&report.added[0], &report.added[1]);
    let suggested = plan.suggested_type.clone().expect("a type is suggested for a document asked by its name");
    assert_eq!((suggested.code.as_str(), suggested.issuer.as_str()), ("financieel-plan", "Inschrijver"));
    assert!(sheet.suggested_type.is_none(), "a price sheet is written for this bid");
    assert!(store.accept_proposal(sheet.id, &ProposalEdit { as_new_type: true, ..ProposalEdit::default() }).is_err());

    let year = Period::months(12);
    let accepted = store.accept_proposal(plan.id, &ProposalEdit { as_new_type: true, max_age: Some(year), ..ProposalEdit::default() }).unwrap();
    assert_eq!(accepted.type_name.as_deref(), Some("Financieel plan"));
    let t = store.document_type("financieel-plan").unwrap();
    assert_eq!(t.rule, tenderwacht_domain::ValidityRule::MaxAge { period: year });
    let reqs = store.requirements(first).unwrap();
    assert_eq!(reqs.iter().filter(|r| r.type_code.as_deref() == Some("financieel-plan")).count(), 1, "{reqs:?}");

    // The next tender asking it is asking a catalogue document.
    let second = store.add_tender(&tenderwacht_tests::team::tender("Jeugdhulp ambulant 2027")).unwrap();
    let again = store.add_proposals(second, vec![asked("financieel plan")]).unwrap();
    assert_eq!(again.added[0].draft.kind, ProposalKind::Document);
    assert_eq!(again.added[0].draft.type_code.as_deref(), Some("financieel-plan"));
    assert!(again.added[0].suggested_type.is_none());
}

#[test]
fn the_same_finding_read_in_another_file_is_one_proposal_with_both_sources() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let tender = store.add_tender(&tenderwacht_tests::team::tender("Wmo begeleiding Drenthe 2027")).unwrap();
    let kvk = |file: &str, page: u32| ProposalDraft {
        kind: ProposalKind::Document,
        type_code: Some("kvk".into()),
        name: String::new(),
        max_age: Some(Period::months(3)),
        note: String::new(),
        asked: Default::default(),
        condition: String::new(),
        section: String::new(),
        milestone_kind: None,
        at: None,
        quote: "Een uittreksel van de KvK, niet ouder dan drie maanden.".into(),
        file_name: file.into(),
        page: Some(page),
        also_in: vec![],
    };
    let first = store.add_proposals(tender, vec![kvk("leidraad.pdf", 4)]).unwrap();
    let again = store.add_proposals(tender, vec![kvk("nvi.pdf", 12)]).unwrap();
    assert!(again.added.is_empty() && again.known == 1);
    let p = store.proposal(first.added[0].id).unwrap();
    assert_eq!(p.draft.file_name, "leidraad.pdf");
    assert_eq!(p.draft.also_in.iter().map(|s| (s.file_name.as_str(), s.page)).collect::<Vec<_>>(), [("nvi.pdf", Some(12))]);
    // Read again at the same places, nothing is added.
    store.add_proposals(tender, vec![kvk("nvi.pdf", 12), kvk("leidraad.pdf", 4)]).unwrap();
    assert_eq!(store.proposal(first.added[0].id).unwrap().draft.also_in.len(), 1);
}
