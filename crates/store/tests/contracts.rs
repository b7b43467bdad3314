//! Contracts through a real data folder: registered from a won tender, extended to its clamped
//! end, filtered by ending date, obligations judged against today (a lapsed VOG turns red), and
//! the expected re-tender linked to the new procedure of the same buyer and domain; and the
//! provider facts forms ask, typed or imported.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use tenderwacht_domain::{checklist::ItemStatus, time::Period, *};
use tenderwacht_store::ContractFilter;

#[test]
fn a_won_tender_becomes_a_contract_whose_obligations_are_judged_today() {
    let mut f = fixture();
    let s = &mut f.store;
    let p = s.add_provider(&provider("Zorgboerderij De Eik", "12345678")).unwrap();
    let t = s.add_tender(&tender("Jeugdhulp Drenthe 2026")).unwrap();
    let input = ContractInput {
        title: String::new(),
        party_id: p,
        members: vec![],
        buyer: "Gemeente Assen".into(),
        municipalities: vec!["Assen".into(), "Tynaarlo".into()],
        domain: CareDomain::Jeugdwet,
        start: d("2026-01-01"),
        end: d("2027-01-31"),
        extensions: 1,
        extension_length: Some(Period::months(1)),
        notice: Some(Period::months(3)),
        tender_id: Some(t),
        products: vec![],
    };
    let id = s.add_contract(&input).unwrap();
    assert_eq!(s.add_contract(&input).unwrap_err().to_string(), "contract bestaat al: Jeugdhulp Drenthe 2026", "one contract per tender and party");
    let c = s.contract(id).unwrap();
    assert_eq!((c.title.as_str(), c.municipalities.len()), ("Jeugdhulp Drenthe 2026", 2));
    assert_eq!(tenderwacht_domain::contract::notice_deadline(&c), Some(d("2026-10-31")));

    // Extended from the 31st by a month: the end of February.
    let c = s.extend_contract(id).unwrap();
    assert_eq!((c.end, c.extensions_used), (d("2027-02-28"), 1));
    assert!(s.extend_contract(id).unwrap_err().to_string().contains("Alle 1 verlengingsopties"));

    let within = |s: &tenderwacht_store::Store, months| {
        s.contracts(&ContractFilter { ending_within: Some(Period::months(months)), ..Default::default() }).unwrap().len()
    };
    assert_eq!((within(s, 3), within(s, 4)), (0, 1), "ends 28 Feb 2027, today is 23 Nov 2026");

    // A VOG valid throughout: fine now, red once it lapsed.
    s.add_obligation(id, "vog", ObligationRule::ValidThroughout, "").unwrap();
    let status = |s: &tenderwacht_store::Store| s.obligation_views(&ContractFilter::default()).unwrap()[0].judged.status;
    assert_eq!(status(s), ItemStatus::Ontbreekt, "no VOG yet");
    s.add_document(&DocumentInput {
        party_id: p,
        type_code: "vog".into(),
        file: f.file.clone(),
        original_name: Some("vog.pdf".into()),
        issue_date: d("2026-11-01"),
        expiry_date: None,
        note: String::new(),
    })
    .unwrap();
    assert_eq!(status(s), ItemStatus::Gereed);
    s.set_today(Some(d("2027-06-01")));
    assert_eq!(status(s), ItemStatus::Ontbreekt, "the VOG lapsed during the term");

    // No extension left and the end near: a new procedure of the same buyer and domain is linked.
    s.set_today(Some(d("2026-11-23")));
    let newer = s.add_tender(&tender("Jeugdhulp Drenthe 2027-2030")).unwrap();
    let expected = s.expected_retenders(Period::months(6)).unwrap();
    assert_eq!(expected.len(), 1);
    assert_eq!(expected[0].text, "herinkoop verwacht voor Jeugdhulp Drenthe 2026, contract loopt af op zo 28 feb 2027");
    assert_eq!(expected[0].new_tender_id, Some(newer));
    assert_eq!(expected[0].holders, ["Zorgboerderij De Eik"]);

    // Ended: out of the running list and of the expected re-tenders.
    s.end_contract(id, Some(d("2026-12-31"))).unwrap();
    assert!(s.contracts(&ContractFilter::default()).unwrap().is_empty());
    assert!(s.expected_retenders(Period::months(6)).unwrap().is_empty());
}

/// The agenda's SQL pre-selection of obligations that may need action misses none: on every day
/// of a year, with documents of every validity rule and obligations of both kinds, it finds
/// exactly the problems the full judgement finds.
#[test]
fn the_quick_selection_of_obligations_needing_action_misses_none() {
    let mut f = fixture();
    let s = &mut f.store;
    let p = s.add_provider(&provider("Zorgboerderij De Eik", "12345678")).unwrap();
    let input = ContractInput {
        title: "Wmo Assen".into(),
        party_id: p,
        members: vec![],
        buyer: "Gemeente Assen".into(),
        municipalities: vec![],
        domain: CareDomain::Wmo,
        start: d("2026-01-01"),
        end: d("2029-12-31"),
        extensions: 0,
        extension_length: None,
        notice: None,
        tender_id: None,
        products: vec![],
    };
    let c = s.add_contract(&input).unwrap();
    for (code, rule) in [
        ("vog", ObligationRule::ValidThroughout),
        ("kvk", ObligationRule::ValidThroughout),
        ("hkz", ObligationRule::ValidThroughout),
        ("avb", ObligationRule::YearlyBefore { month: 4, day: 1 }),
        ("jaarrekening", ObligationRule::YearlyBefore { month: 2, day: 29 }),
        ("meldcode", ObligationRule::YearlyBefore { month: 12, day: 31 }),
        ("vog", ObligationRule::AfterChange { within_days: 14 }),
        ("uea", ObligationRule::AfterChange { within_days: 30 }),
    ] {
        s.add_obligation(c, code, rule, "").unwrap();
    }
    // New staff on 10 June 2026: a fresh VOG within 14 days (the one of January does not count).
    let after = s.resolve_obligation(c, "vog").unwrap_err();
    assert!(after.to_string().contains("vog"), "two VOG obligations: ask which ({after})");
    let changed =
        s.contract(c).unwrap().obligations.into_iter().find(|o| matches!(o.rule, ObligationRule::AfterChange { within_days: 14 })).unwrap().id;
    s.report_change(changed, d("2026-06-10")).unwrap();
    assert!(s.report_change(changed, d("2026-12-01")).is_err(), "a change in the future");
    for (code, issued, expires) in [
        ("vog", "2026-01-31", None),
        ("kvk", "2026-08-31", None),
        ("hkz", "2025-05-01", Some("2027-01-15")),
        ("avb", "2026-03-15", Some("2027-03-15")),
        ("meldcode", "2025-12-31", None),
    ] {
        s.add_document(&DocumentInput {
            party_id: p,
            type_code: code.into(),
            file: f.file.clone(),
            original_name: Some(format!("{code}.pdf")),
            issue_date: d(issued),
            expiry_date: expires.map(d),
            note: String::new(),
        })
        .unwrap();
    }
    let mut day = d("2026-01-01");
    let mut seen_problem = 0;
    while day <= d("2028-03-31") {
        s.set_today(Some(day));
        let full: Vec<_> = s
            .obligation_views(&ContractFilter::default())
            .unwrap()
            .into_iter()
            .filter(|o| o.judged.status.is_problem())
            .map(|o| o.obligation_id)
            .collect();
        let quick: Vec<_> = s.obligations_needing_action(None).unwrap().iter().map(|o| o.obligation_id).collect();
        assert_eq!(quick, full, "on {day}");
        seen_problem += full.len();
        day = day.succ_opt().unwrap();
    }
    assert!(seen_problem > 100, "the test met problems to find ({seen_problem})");
    s.set_today(Some(d("2026-06-20")));
    let vog = s.contract_obligations(c).unwrap().into_iter().find(|o| o.obligation_id == changed).unwrap();
    assert_eq!((vog.judged.status, vog.judged.due), (ItemStatus::NietOpTijd, Some(d("2026-06-24"))), "{}", vog.judged.reason);
}

/// A contract's products (with the buyer's codes) and its own files are kept with it; the list
/// loads them for every contract at once.
#[test]
fn products_and_the_signed_agreement_stay_with_the_contract() {
    let mut f = fixture();
    let file = f.file.clone();
    let s = &mut f.store;
    let p = s.add_provider(&provider("Zorgboerderij De Eik", "12345678")).unwrap();
    let mut input = ContractInput {
        title: "Wmo Assen".into(),
        party_id: p,
        members: vec![],
        buyer: "Gemeente Assen".into(),
        municipalities: vec!["Assen".into()],
        domain: CareDomain::Wmo,
        start: d("2026-01-01"),
        end: d("2027-12-31"),
        extensions: 0,
        extension_length: None,
        notice: None,
        tender_id: None,
        products: vec![ContractProduct::parse("45A04: Begeleiding individueel").unwrap(), ContractProduct::parse("Dagbesteding").unwrap()],
    };
    assert!(ContractProduct::parse("45A04:").is_err());
    let c = s.add_contract(&input).unwrap();
    input.title = "Wmo Tynaarlo".into();
    input.products = vec![];
    let other = s.add_contract(&input).unwrap();
    let doc =
        s.add_contract_document(c, ContractDocumentKind::Overeenkomst, &file, Some("Overeenkomst Wmo Assen.pdf"), Some(d("2025-12-15"))).unwrap();
    assert!(s.add_contract_document(c, ContractDocumentKind::Addendum, &file, None, Some(d("2027-01-01"))).is_err(), "signed in the future");
    let list = s.contracts(&ContractFilter::default()).unwrap();
    let assen = list.iter().find(|x| x.id == c).unwrap();
    assert_eq!(
        assen.products.iter().map(|p| (p.code.as_str(), p.name.as_str())).collect::<Vec<_>>(),
        [("", "Dagbesteding"), ("45A04", "Begeleiding individueel")]
    );
    assert_eq!(assen.documents, vec![doc.clone()]);
    assert_eq!((assen.municipalities.len(), list.iter().find(|x| x.id == other).unwrap().documents.len()), (1, 0));
    assert!(s.blobs().exists(&doc.sha256));
}

/// The facts forms ask are kept per provider, checked (vestiging 12 digits, a Dutch postcode) and
/// tidied; wrong input names the field and changes nothing.
#[test]
fn provider_facts_round_trip_and_wrong_input_names_the_field() {
    let mut f = fixture();
    let s = &mut f.store;
    let p = s.add_provider(&provider("Zorgboerderij De Eik", "12345678")).unwrap();
    assert_eq!(s.provider_facts(p).unwrap(), ProviderFacts::default());
    let facts = ProviderFacts {
        legal_name: "  De Eik   Zorg B.V. ".into(),
        trade_names: vec!["De Eik".into(), " ".into()],
        vestiging: "0000 1234 5678".into(),
        postcode: "9401ab".into(),
        city: "Assen".into(),
        signatory_name: "Anne de Vries".into(),
        signatory_role: "directeur".into(),
        quality_marks: vec!["HKZ".into()],
        agb_codes: vec!["01234567".into(), " ".into(), "01234567".into(), "76543210".into()],
        ..Default::default()
    };
    let saved = s.set_provider_facts(p, &facts).unwrap();
    assert_eq!((saved.legal_name.as_str(), saved.vestiging.as_str(), saved.postcode.as_str()), ("De Eik Zorg B.V.", "000012345678", "9401 AB"));
    assert_eq!(saved.trade_names, ["De Eik"]);
    assert_eq!(saved.agb_codes, ["01234567", "76543210"]);
    let wrong = s.set_provider_facts(p, &ProviderFacts { agb_codes: vec!["123".into()], ..saved.clone() }).unwrap_err().to_string();
    assert!(wrong.starts_with("AGB-codes:"), "{wrong}");
    assert_eq!(s.provider_facts(p).unwrap(), saved);
    let wrong = s.set_provider_facts(p, &ProviderFacts { vestiging: "123".into(), ..saved.clone() }).unwrap_err().to_string();
    assert!(wrong.starts_with("Vestigingsnummer:"), "{wrong}");
    let wrong = s.set_provider_facts(p, &ProviderFacts { postcode: "AB 1234".into(), ..saved.clone() }).unwrap_err().to_string();
    assert!(wrong.contains("geen Nederlandse postcode"), "{wrong}");
    assert_eq!(s.provider_facts(p).unwrap(), saved, "nothing changed");
}

/// A provider sheet with the facts columns brings the facts along; a wrong one names the row
/// and the field, and nothing is imported.
#[test]
fn provider_import_brings_the_facts_forms_ask() {
    let mut f = fixture();
    let csv = f._dir.path().join("aanbieders.csv");
    std::fs::write(&csv, "naam;kvk;plaats;statutaire naam;vestigingsnummer;postcode;tekenbevoegde;functie;keurmerken\nDe Eik;12345678;Assen;De Eik Zorg B.V.;000012345678;9401ab;Anne de Vries;directeur;HKZ, ISO 9001\nDe Linde;23456789;Emmen;;;;;;\n").unwrap();
    let import = tenderwacht_store::import::read_providers_csv(&csv).unwrap();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    let ids = f.store.import_providers(&import, false).unwrap();
    let facts = f.store.provider_facts(ids[0]).unwrap();
    assert_eq!((facts.legal_name.as_str(), facts.postcode.as_str(), facts.city.as_str()), ("De Eik Zorg B.V.", "9401 AB", "Assen"));
    assert_eq!(facts.quality_marks, ["HKZ", "ISO 9001"]);
    assert_eq!(f.store.provider_facts(ids[1]).unwrap(), ProviderFacts::default(), "no facts, no row");
    std::fs::write(&csv, "naam;kvk;vestigingsnummer\nDe Beuk;34567890;12\n").unwrap();
    let bad = tenderwacht_store::import::read_providers_csv(&csv).unwrap();
    assert_eq!(bad.errors.len(), 1);
    assert!(bad.errors[0].message.starts_with("Vestigingsnummer"), "{:?}", bad.errors);
}
