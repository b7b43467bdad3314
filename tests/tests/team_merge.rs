//! One procedure stays one tender across laptops: Anna's laptop syncs TenderNed, Bram's (offline
//! at a care farm) imports the same procedure's TED notice; each adds work to its own tender.
//! After the rounds the team holds one tender with both laptops' work, and every laptop lists
//! the merge with the conflicts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use tenderwacht_domain::publication::{KeyKind, Notice, SourceKind};
use tenderwacht_domain::regions::Regions;
use tenderwacht_domain::team::ConflictKind;
use tenderwacht_domain::*;
use tenderwacht_tests::team::*;

fn at(s: &str) -> DateTime<Utc> {
    tenderwacht_domain::time::parse_moment("t", s).unwrap()
}

fn tenderned() -> Notice {
    let mut n = Notice::new(SourceKind::Tenderned, "1001", b"{\"publicatieId\":\"1001\"}".to_vec(), "json");
    n.title = "Jeugdhulp Súdwest-Fryslân 2027".into();
    n.buyer = "Gemeente Súdwest-Fryslân".into();
    n.published_at = Some(at("2026-11-02 09:00"));
    n.closing = Some(at("2027-01-15 12:00"));
    n.procedure = Procedure::LichteRegeling;
    n.keys = vec![(KeyKind::Kenmerk, "400123".into())];
    n
}

fn ted() -> Notice {
    let mut n = Notice::new(SourceKind::Ted, "654321-2026", b"<ContractNotice/>".to_vec(), "xml");
    n.title = "JEUGDHULP SUDWEST FRYSLAN 2027".into();
    n.buyer = "gemeente Sudwest Fryslan".into();
    n.published_at = Some(at("2026-11-03 09:00"));
    n.closing = Some(at("2027-01-15 12:00"));
    n.keys = vec![(KeyKind::TedPublication, "654321-2026".into()), (KeyKind::ContractFolder, "cf-1".into())];
    n
}

fn procedure_tenders(l: &Laptop) -> Vec<Tender> {
    l.store
        .tenders(&Default::default())
        .unwrap()
        .into_iter()
        .filter(|t| t.title.to_lowercase().contains("fryslân") || t.title.contains("FRYSLAN"))
        .collect()
}

#[test]
fn one_procedure_from_two_portals_on_two_laptops_becomes_one_tender() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, mut c, _) = team_of_three(root.path());
    let regions = Regions::default_regions().unwrap();
    let p = a.store.resolve_party("12345678", None).unwrap();

    // Offline, each laptop takes the procedure from its own portal and works on it.
    let t_a = a.store.ingest(None, &tenderned(), &regions).unwrap().tender_id;
    let input = RequirementInput { lot_number: None, type_code: Some("vog".into()), name: String::new(), max_age: None, note: String::new() };
    a.store.add_requirement(t_a, &input).unwrap();
    let t_b = b.store.ingest(None, &ted(), &regions).unwrap().tender_id;
    assert_ne!(t_a, t_b, "two portals, two tenders");
    b.store.add_requirement(t_b, &input).unwrap();
    b.store.add_requirement(t_b, &RequirementInput { type_code: Some("kvk".into()), ..input.clone() }).unwrap();
    b.store.add_bid(t_b, None, p, "via TED").unwrap();

    settle_all(&mut [&mut a, &mut b, &mut c]);
    settle_all(&mut [&mut a, &mut b, &mut c]);
    for l in [&mut a, &mut b, &mut c] {
        let list = procedure_tenders(l);
        assert_eq!(list.len(), 1, "one tender for the procedure: {:?}", list.iter().map(|t| (&t.id, &t.title)).collect::<Vec<_>>());
        let t = list[0].id;
        let kinds: Vec<String> = l.store.requirements(t).unwrap().iter().map(|r| r.type_code.clone().unwrap_or_default()).collect();
        assert_eq!(kinds.iter().filter(|k| *k == "vog").count(), 1, "the same requirement once: {kinds:?}");
        assert!(kinds.contains(&"kvk".to_string()), "{kinds:?}");
        assert_eq!(l.store.bids(Some(t), None).unwrap().len(), 1, "Bram's bid kept");
        let merges: Vec<_> = l.store.team_conflicts(false).unwrap().into_iter().filter(|c| c.kind == ConflictKind::Samengevoegd).collect();
        assert_eq!(merges.len(), 1, "listed once on every laptop");
        let said = merges[0].lost_value.clone().unwrap_or_default();
        assert!(said.contains("Fryslân 2027: ") || said.contains("FRYSLAN 2027: "), "names the tender merged: {said}");
        assert!(said.contains("1 eis(en)") && said.contains("samengevoegd"), "{said}");
        assert!(l.store.resolve_conflict(&merges[0].id, true).is_err(), "not undone with one click");
    }
    assert_eq!(dump(&a.store), dump(&b.store));
    assert_eq!(dump(&a.store), dump(&c.store));
    assert_eq!(conflicts(&a.store), conflicts(&b.store));
    // A later TED notice of the procedure lands on the one tender.
    let mut again = ted();
    again.external_id = "700001-2026".into();
    again.keys = vec![(KeyKind::ContractFolder, "cf-1".into())];
    let out = b.store.ingest(None, &again, &regions).unwrap();
    assert_eq!(out.tender_id, procedure_tenders(&b)[0].id);
    // And TenderNed's next look on Anna's laptop finds it too (its kenmerk moved along).
    let out = a.store.ingest(None, &tenderned(), &regions).unwrap();
    assert_eq!(out.tender_id, procedure_tenders(&a)[0].id);
    assert_eq!(procedure_tenders(&a).len(), 1);
}
