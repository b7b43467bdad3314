//! Providers' documents read on arrival (issue 28): an e-mail with a sealed KvK extract and an
//! HKZ certificate becomes two waiting files with type, party and dates read from them; the same
//! mail again is said once; a confirmed file becomes the provider's document with those dates;
//! a scan, a mail without attachments and an unknown KvK number are named in Dutch.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use chrono::NaiveDate;
use tenderwacht_domain::{IntakeConfirm, IntakeStatus, PartyInput, Sureness};
use tenderwacht_reading::intake::take_in;
use tenderwacht_store::Store;
use tenderwacht_tests::arrivals;

fn day(d: u32, m: u32, y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_mail_with_a_sealed_kvk_extract_and_a_certificate_is_read_and_waits_for_the_consultant() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let provider = store
        .add_provider(&PartyInput {
            name: "Zorgboerderij De Es".into(),
            kvk: "12345678".into(),
            email: "info@de-es.example".into(),
            ..Default::default()
        })
        .unwrap();
    let extract = arrivals::kvk_extract("Zorgboerderij De Es B.V.", "12345678", "000012345678", "01-12-2026");
    let hkz = arrivals::hkz_certificate("Zorgboerderij De Es B.V.", "12345678", "12-03-2025", "11-03-2028");
    let mail = dir.path().join("documenten De Es.eml");
    std::fs::write(
        &mail,
        arrivals::eml(
            ("Info De Es", "info@de-es.example"),
            "Documenten voor de aanbesteding",
            &[("KvK uittreksel.pdf", &extract), ("certificaat.pdf", &hkz)],
        ),
    )
    .unwrap();

    let outcomes = take_in(&mut store, std::slice::from_ref(&mail)).unwrap();
    assert_eq!(outcomes.len(), 2, "{outcomes:#?}");
    assert!(outcomes.iter().all(|o| o.new && o.problem.is_none()), "{outcomes:#?}");
    let kvk = outcomes[0].item.clone().unwrap();
    let f = &kvk.facts;
    assert_eq!(f.type_code.as_ref().map(|t| t.value.as_str()), Some("kvk"));
    assert_eq!(f.kvk.as_ref().map(|t| t.value.as_str()), Some("12345678"));
    assert_eq!(f.branch.as_ref().map(|t| t.value.as_str()), Some("000012345678"));
    // The seal's time is the issue date, surer than the printed "vervaardigd op".
    let issued = f.issued.as_ref().unwrap();
    assert_eq!(issued.value, store.today());
    assert_eq!(issued.sure, Sureness::Sure);
    assert!(issued.from.contains("zegel van Kamer van Koophandel"), "{}", issued.from);
    assert_eq!(kvk.party_id, Some(provider));
    assert!(kvk.party_from.contains("12345678"), "{}", kvk.party_from);
    assert_eq!(kvk.sender, "info@de-es.example");
    let cert = outcomes[1].item.clone().unwrap();
    assert_eq!(cert.facts.type_code.as_ref().map(|t| t.value.as_str()), Some("hkz"));
    assert_eq!(cert.facts.issued.as_ref().map(|t| t.value), Some(day(12, 3, 2025)));
    assert_eq!(cert.facts.expires.as_ref().map(|t| t.value), Some(day(11, 3, 2028)));

    // Nothing is stored yet; the same mail again is said once, not added twice.
    assert!(store.documents(provider, false).unwrap().is_empty());
    let again = take_in(&mut store, &[mail]).unwrap();
    assert!(again.iter().all(|o| !o.new && o.problem.as_deref() == Some("dit bestand is al eerder binnengekomen")), "{again:#?}");
    assert_eq!(store.intake(false).unwrap().len(), 2);

    // Confirmed as read: the provider's documents, with the dates from the files.
    let doc = store.confirm_intake(kvk.id, &IntakeConfirm::default()).unwrap();
    assert_eq!((doc.type_code.as_str(), doc.issue_date), ("kvk", store.today()));
    let doc = store.confirm_intake(cert.id, &IntakeConfirm::default()).unwrap();
    assert_eq!((doc.issue_date, doc.expiry_date), (day(12, 3, 2025), Some(day(11, 3, 2028))));
    assert_eq!(store.documents(provider, false).unwrap().len(), 2);
    assert!(store.intake(false).unwrap().is_empty());
    assert!(store.intake(true).unwrap().iter().all(|i| i.status == IntakeStatus::Confirmed));
    assert!(store.confirm_intake(kvk.id, &IntakeConfirm::default()).is_err(), "answered once");
}

#[test]
fn what_cannot_be_read_is_named_and_waits_or_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, arrivals::scanned_page()).unwrap();
    let bare = dir.path().join("alleen tekst.eml");
    std::fs::write(&bare, arrivals::eml(("A", "a@b.example"), "Geen bijlage", &[])).unwrap();
    let unknown = dir.path().join("iso.pdf");
    std::fs::write(&unknown, arrivals::iso_certificate("Woongroep Het Anker", "87654321", "3 februari 2025", "2 februari 2028")).unwrap();
    let future = dir.path().join("polis.pdf");
    std::fs::write(&future, arrivals::polisblad("Woongroep Het Anker", "87654321", "01-01-2031", "01-01-2032")).unwrap();

    let out = take_in(&mut store, &[scan, bare, unknown, future]).unwrap();
    let scan = out[0].item.clone().unwrap();
    assert!(scan.facts.notes.iter().any(|n| n.contains("scan")), "{:?}", scan.facts.notes);
    assert_eq!(out[1].problem.as_deref(), Some("deze e-mail heeft geen bijlagen"));
    assert!(out[1].item.is_none());
    let iso = out[2].item.clone().unwrap();
    assert_eq!(iso.facts.type_code.as_ref().map(|t| t.value.as_str()), Some("iso9001"));
    assert_eq!(iso.facts.issued.as_ref().map(|t| t.value), Some(day(3, 2, 2025)));
    assert_eq!(iso.party_id, None);
    assert!(iso.party_from.contains("bij geen aanbieder"), "{}", iso.party_from);
    let polis = out[3].item.clone().unwrap();
    assert_eq!(polis.facts.type_code.as_ref().map(|t| t.value.as_str()), Some("avb"));
    assert!(polis.facts.notes.iter().any(|n| n.contains("toekomst")), "{:?}", polis.facts.notes);
    // Without a party the file cannot be stored: the consultant chooses; nothing half stored.
    let err = store.confirm_intake(iso.id, &IntakeConfirm::default()).unwrap_err().to_string();
    assert!(err.contains("kies de aanbieder"), "{err}");
    // Not in Tenderwacht yet: added under the name given, with the KvK number read, in one go.
    let new = IntakeConfirm { new_provider: Some("Woongroep Het Anker".into()), ..Default::default() };
    let doc = store.confirm_intake(iso.id, &new).unwrap();
    let anker = store.resolve_party("87654321", None).unwrap();
    assert_eq!(doc.party_id, anker);
    assert_eq!(store.party(anker).unwrap().name, "Woongroep Het Anker");
    // A file without a KvK number cannot found a provider: said, nothing added.
    let err =
        store.confirm_intake(scan.id, &IntakeConfirm { new_provider: Some("Nieuw".into()), type_code: Some("hkz".into()), ..Default::default() });
    assert!(err.unwrap_err().to_string().contains("geen KvK-nummer gelezen"));
    assert_eq!(store.parties(None).unwrap().len(), 1);
    store.discard_intake(scan.id).unwrap();
    assert_eq!(store.intake(false).unwrap().len(), 1);
}

/// A real Outlook .msg (from the msg_parser crate's own samples, unchanged): its attachment is
/// taken in with the mail's subject as where it came from, a Word 97 file it cannot read waits
/// with the reason, and a broken .msg is named, never half read.
#[test]
fn an_outlook_message_as_outlook_writes_it_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let fixtures = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join("intake");
    let out = take_in(&mut store, &[fixtures.join("outlook-attachment.msg"), fixtures.join("outlook-broken.msg")]).unwrap();
    let taken: Vec<_> = out.iter().filter_map(|o| o.item.clone()).collect();
    assert_eq!(taken.len(), 1, "one document sent along: {out:#?}");
    let item = &taken[0];
    assert_eq!(item.file_name, "loan_proposal.doc");
    assert!(item.source.contains("Please check all aspects in documents"), "{}", item.source);
    let said: Vec<String> = out.iter().filter_map(|o| o.problem.clone()).chain(item.facts.notes.iter().cloned()).collect();
    assert!(said.iter().any(|n| n.contains("dit bestandstype kan Tenderwacht niet lezen")), "{said:?}");
    // The signature's logos (inline, with a Content-ID) are not documents.
    assert_eq!(said.iter().filter(|n| n.contains("afbeelding in de tekst van de e-mail")).count(), 2, "{said:?}");
    let broken = out.last().unwrap();
    assert!(broken.item.is_none());
    assert!(broken.problem.as_deref().unwrap_or_default().contains("geen leesbare e-mail"), "{:?}", broken.problem);
    assert_eq!(store.intake(false).unwrap().len(), 1);
}

/// A cooperative sends its member's certificate, which names the member but carries no KvK
/// number: the member is found by its name in the document, before the sender's address; a
/// document naming nobody falls back to the sender (the cooperative).
#[test]
fn a_member_s_certificate_sent_by_its_cooperative_is_the_member_s() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let member = store.add_provider(&PartyInput { name: "Zorgboerderij De Es".into(), kvk: "12345678".into(), ..Default::default() }).unwrap();
    let coop = store
        .add_cooperative(&PartyInput {
            name: "Coöperatie Zorg Noord".into(),
            kvk: "23456789".into(),
            email: "inkoop@zorgnoord.example".into(),
            ..Default::default()
        })
        .unwrap();
    store.add_member(coop, member).unwrap();
    let hkz = arrivals::hkz_certificate_by_name("Zorgboerderij De Es B.V.", "12-03-2025", "11-03-2028");
    let polis = arrivals::polisblad("", "", "01-01-2026", "01-01-2027");
    let mail = dir.path().join("stukken.eml");
    std::fs::write(
        &mail,
        arrivals::eml(("Inkoop Zorg Noord", "inkoop@zorgnoord.example"), "Stukken leden", &[("hkz.pdf", &hkz), ("polis.pdf", &polis)]),
    )
    .unwrap();
    let out = take_in(&mut store, &[mail]).unwrap();
    let hkz = out[0].item.clone().unwrap();
    assert_eq!(hkz.party_id, Some(member), "{}", hkz.party_from);
    assert!(hkz.party_from.contains("naam 'Zorgboerderij De Es' in het document"), "{}", hkz.party_from);
    let polis = out[1].item.clone().unwrap();
    assert_eq!(polis.party_id, Some(coop), "{}", polis.party_from);
    assert!(polis.party_from.contains("afzender"), "{}", polis.party_from);
}

/// The consultant's own recognition words (issue 28, item 2): a quality mark whose body calls it
/// by a name Tenderwacht does not know is not typed at first; once a colleague adds the name to
/// the HKZ type on another laptop, the team's intake reads it as HKZ.
#[test]
fn words_a_colleague_adds_to_a_type_name_the_next_arrival_on_every_laptop() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, mut c, _) = tenderwacht_tests::team::team_of_three(root.path());
    let mark = arrivals::keurmerk_certificate("Zorgboerderij De Hoeve", "12345678", "3-2-2026", "2-2-2029");
    let before = tenderwacht_reading::intake::take_upload(&mut a.store, "keurmerk.pdf", &mark, "").unwrap();
    let item = before[0].item.clone().unwrap();
    assert_eq!(item.facts.type_code, None, "{:?}", item.facts);
    a.store.discard_intake(item.id).unwrap();

    // Too short a word is refused with the field named; a real phrase is kept, cleaned.
    let err = b.store.set_document_type_words("hkz", &["ZW".into()]).unwrap_err().to_string();
    assert!(err.contains("Herkenningswoorden") && err.contains("te kort"), "{err}");
    let hkz = b.store.set_document_type_words("hkz", &["  Keurmerk   Zorg & Welzijn ".into()]).unwrap();
    assert_eq!(hkz.words, vec!["Keurmerk Zorg & Welzijn"]);
    tenderwacht_tests::team::settle(&mut [&mut a, &mut b, &mut c]);
    assert_eq!(a.store.document_type("hkz").unwrap().words, vec!["Keurmerk Zorg & Welzijn"]);

    let mark = arrivals::keurmerk_certificate("Zorgboerderij De Hoeve", "12345678", "4-2-2026", "2-2-2029");
    let after = tenderwacht_reading::intake::take_upload(&mut a.store, "keurmerk-2.pdf", &mark, "").unwrap();
    let f = after[0].item.clone().unwrap().facts;
    let t = f.type_code.clone().unwrap_or_else(|| panic!("{f:?}"));
    assert_eq!(t.value, "hkz");
    assert!(t.from.starts_with("Keurmerk Zorg &"), "{}", t.from);
    assert_eq!(f.issued.map(|d| d.value), Some(day(4, 2, 2026)));
}

/// A mail whose attachments cannot be read as documents (issue 28, item 5): a password-protected
/// policy (AES-256, as a portal's download) and a file that is no document each wait with their
/// reason in Dutch; nothing is stored until the consultant chooses, and a confirm of the
/// protected one without a type is refused whole.
#[test]
fn a_password_protected_pdf_and_an_attachment_that_is_no_document_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    store.add_provider(&PartyInput { name: "Woongroep Het Anker".into(), kvk: "52345678".into(), ..Default::default() }).unwrap();
    let protected = include_bytes!("../fixtures/intake/polisblad-beveiligd.pdf");
    let program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".repeat(8);
    let mail = arrivals::eml(("Het Anker", "info@hetanker.example"), "Polis", &[("polis.pdf", protected), ("setup.exe", &program)]);
    let out = tenderwacht_reading::intake::take_upload(&mut store, "polis.eml", &mail, "").unwrap();
    assert_eq!(out.len(), 2, "{out:?}");
    let polis = out.iter().find(|o| o.file_name == "polis.pdf").unwrap();
    assert!(polis.problem.as_deref().is_some_and(|p| p.contains("beveiligd met een wachtwoord")), "{polis:?}");
    let item = polis.item.clone().unwrap();
    assert!(item.facts.type_code.is_none() && item.facts.issued.is_none());
    let exe = out.iter().find(|o| o.file_name == "setup.exe").unwrap();
    assert!(exe.problem.as_deref().is_some_and(|p| p.contains("setup.exe: dit bestandstype kan Tenderwacht niet lezen")), "{exe:?}");
    // Without the type and dates nothing is stored, and nothing half.
    let err = store.confirm_intake(item.id, &IntakeConfirm::default()).unwrap_err().to_string();
    assert!(!err.is_empty());
    assert!(store.documents(store.resolve_party("52345678", None).unwrap(), false).unwrap().is_empty());
    assert_eq!(store.intake(false).unwrap().len(), 2);
}
