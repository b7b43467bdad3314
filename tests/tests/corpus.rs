//! The corpus of real buyers' documents (tests/fixtures/buyers): every facts file reads and
//! names only catalogue types that exist, the scorer counts as a person would, and — with
//! `--ignored`, when the documents are at hand — the corpus figures in a debug build (the
//! release figures are the reading benchmark's).

use chrono::{NaiveDate, TimeZone, Utc};
use tenderwacht_domain::{catalogue::default_catalogue, time::Period, MilestoneKind, ProposalAsked, ProposalDraft, ProposalKind};
use tenderwacht_reading::{phrases, text};
use tenderwacht_tests::corpus;

#[test]
fn every_facts_file_reads_and_names_catalogue_types_that_exist() {
    let all = corpus::load_all();
    assert!(all.len() >= 4, "facts files: {}", all.len());
    let catalogue = default_catalogue().unwrap();
    for (path, facts) in &all {
        assert_eq!(facts.sha256.len(), 64, "{}", path.display());
        for d in &facts.document {
            assert!(d.code.is_some() || d.name.is_some(), "{}: a document fact needs a code or a name: {}", path.display(), d.says);
            if let Some(code) = &d.code {
                assert!(catalogue.types.iter().any(|t| &t.code == code), "{}: unknown catalogue code {code}", path.display());
            }
            if let Some(age) = &d.max_age {
                Period::parse("max_age", age).unwrap();
            }
            if let Some(asked) = &d.asked {
                assert!(ProposalAsked::parse(asked).is_some(), "{}: asked {asked}", path.display());
            }
        }
        for d in &facts.date {
            if let Some(kind) = &d.kind {
                assert!(MilestoneKind::parse(kind).is_some(), "{}: milestone kind {kind}", path.display());
            }
        }
    }
}

fn draft(kind: ProposalKind, code: Option<&str>, name: &str, age: Option<Period>) -> ProposalDraft {
    ProposalDraft {
        kind,
        type_code: code.map(str::to_string),
        name: name.into(),
        max_age: age,
        note: String::new(),
        asked: ProposalAsked::WithBid,
        condition: String::new(),
        section: String::new(),
        milestone_kind: None,
        at: None,
        quote: String::new(),
        file_name: "x.pdf".into(),
        page: Some(1),
        also_in: vec![],
    }
}

#[test]
fn the_score_counts_a_document_only_with_its_age_and_a_date_only_on_its_day() {
    let facts: corpus::Facts = toml::from_str(
        r#"
        file = "x.pdf"
        buyer = "b"
        kind = "leidraad"
        producer = "p"
        source = "s"
        sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
        terms = "t"
        pages = 1
        [[document]]
        code = "kvk"
        max_age = "6m"
        asked = "with_bid"
        says = "niet ouder dan zes maanden"
        [[document]]
        name = "organogram"
        says = "organogram"
        [[date]]
        at = "2023-08-04"
        kind = "sluiting"
        says = "4-8-2023 17.00 uur"
        [[date]]
        at = "2023-06-15"
        says = "15-6-2023"
        "#,
    )
    .unwrap();
    let mut closing = draft(ProposalKind::Date, None, "", None);
    closing.milestone_kind = Some(MilestoneKind::Sluiting);
    closing.at = Some(Utc.with_ymd_and_hms(2023, 8, 4, 15, 0, 0).unwrap());
    let mut wrong_kind = closing.clone();
    wrong_kind.at = Some(Utc.with_ymd_and_hms(2023, 6, 15, 10, 0, 0).unwrap());
    let mut wrong_day = closing.clone();
    wrong_day.at = Some(Utc.with_ymd_and_hms(2023, 8, 5, 10, 0, 0).unwrap());
    let drafts = vec![
        draft(ProposalKind::Document, Some("kvk"), "", Some(Period::months(3))), // wrong age
        draft(ProposalKind::Deliverable, None, "Organogram juridische structuur", None),
        draft(ProposalKind::Document, Some("vog"), "", None), // not asked
        closing,
        wrong_kind, // the 15th's fact is a custom step, not a closing
        wrong_day,
    ];
    let r = corpus::score(&facts, &drafts);
    assert_eq!(r.documents, corpus::Score { wanted: 2, found: 1, proposed: 3, right: 1 });
    assert_eq!(r.dates, corpus::Score { wanted: 2, found: 1, proposed: 3, right: 1 });
    assert_eq!((r.asked_right, r.asked_judged), (0, 0), "the KvK fact was not found, so its moment is not judged");
}

#[test]
#[ignore = "needs the documents (TENDERWACHT_CORPUS); the reading benchmark prints the release figures"]
fn the_corpus_read_in_a_debug_build() {
    for (_, facts) in corpus::load_all() {
        let Some(path) = corpus::locate(&facts) else {
            println!("{}: ontbreekt", facts.file);
            continue;
        };
        let pages = text::extract(&std::fs::read(&path).unwrap(), &facts.file).unwrap();
        // TENDERWACHT_CORPUS_PAGE=37 shows how one page was laid out (text and tables).
        if let Some(n) = std::env::var("TENDERWACHT_CORPUS_PAGE").ok().and_then(|s| s.parse::<u32>().ok()) {
            for p in pages.iter().filter(|p| p.number == Some(n)) {
                println!("--- {} p.{n}\n{}\n--- tables: {:#?}", facts.file, p.text, p.tables);
            }
        }
        let drafts = phrases::find(&pages, &facts.file, facts.closing);
        let r = corpus::score(&facts, &drafts);
        println!("{}: {r:?}", facts.file);
        for d in &drafts {
            println!("    {}", corpus::describe(d));
        }
    }
    let _ = NaiveDate::MIN;
}
