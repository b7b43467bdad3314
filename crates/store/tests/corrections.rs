//! Correcting what was entered by mistake: a document's facts edited (checked as a new one is,
//! the newest-of-its-type mark set again), a document or a provider removed after saying what
//! goes with it, a provider under contract refused, a requirement's maximum age and note edited,
//! and a KvK number another provider has named by that provider.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use tenderwacht_domain::{time::Period, *};

fn add_doc(f: &mut Fixture, party: uuid::Uuid, code: &str, issued: &str) -> Document {
    f.store
        .add_document(&DocumentInput {
            party_id: party,
            type_code: code.into(),
            file: f.file.clone(),
            original_name: Some(format!("{code} {issued}.pdf")),
            issue_date: d(issued),
            expiry_date: None,
            note: String::new(),
        })
        .unwrap()
}

#[test]
fn a_document_is_corrected_and_removed_with_what_it_takes_along() {
    let mut f = fixture();
    let p = f.store.add_provider(&provider("Zorgboerderij De Eik", "12345678")).unwrap();
    let old = add_doc(&mut f, p, "kvk", "2026-05-01");
    let new = add_doc(&mut f, p, "kvk", "2026-10-01");
    assert!(old.superseded || f.store.document(old.id).unwrap().superseded, "the older KvK is history");
    // The newer one was typed with the wrong year: corrected, the other becomes current again.
    let edit = DocumentEdit {
        type_code: "kvk".into(),
        original_name: "KvK De Eik.pdf".into(),
        issue_date: d("2025-10-01"),
        expiry_date: None,
        note: "jaartal".into(),
    };
    let fixed = f.store.edit_document(new.id, &edit).unwrap();
    assert_eq!((fixed.issue_date, fixed.original_name.as_str(), fixed.note.as_str()), (d("2025-10-01"), "KvK De Eik.pdf", "jaartal"));
    assert!(fixed.superseded, "now the older of the two");
    assert!(!f.store.document(old.id).unwrap().superseded);
    // Checked as a new document is: no future issue date, a printed end date where the type needs one.
    let future = DocumentEdit { issue_date: d("2027-01-01"), ..edit.clone() };
    assert_eq!(f.store.edit_document(new.id, &future).unwrap_err().field(), Some("uitgiftedatum"));
    let gva = DocumentEdit { type_code: "gva".into(), ..edit.clone() };
    let e = f.store.edit_document(new.id, &gva);
    if f.store.document_type("gva").unwrap().rule == ValidityRule::UntilPrinted {
        assert_eq!(e.unwrap_err().field(), Some("vervaldatum"));
    } else {
        assert_eq!(e.unwrap().type_code, "gva");
    }

    // Linked in a checklist: removing says so, and the cell is open again afterwards.
    let t = f.store.add_tender(&tender("Jeugdhulp Assen 2027")).unwrap();
    let req = f
        .store
        .add_requirement(
            t,
            &RequirementInput { lot_number: None, type_code: Some("kvk".into()), name: String::new(), max_age: None, note: String::new() },
        )
        .unwrap();
    let bid = f.store.add_bid(t, None, p, "").unwrap();
    f.store.set_bid_item(bid, req, &BidItemPatch { document_id: Some(Some(old.id)), ..Default::default() }).unwrap();
    let impact = f.store.document_removal(old.id).unwrap();
    assert_eq!(impact.blocked, None);
    assert_eq!(impact.takes, ["1 koppeling in een checklist (die cel staat daarna weer open)"]);
    f.store.remove_document(old.id).unwrap();
    assert!(f.store.document(old.id).is_err());
    let left = f.store.documents(p, false).unwrap();
    assert_eq!(left.len(), 1);
    assert!(!left[0].superseded, "the remaining document of its type is current again");
    assert!(f.store.integrity_ok().unwrap());
}

#[test]
fn a_provider_is_removed_with_its_records_unless_it_is_under_contract() {
    let mut f = fixture();
    let p = f.store.add_provider(&provider("Zorgboerderij De Eik", "12345678")).unwrap();
    let q = f.store.add_provider(&provider("Woongroep Het Anker", "23456789")).unwrap();
    let coop = f.store.add_cooperative(&provider("Coöperatie Zorg Noord", "34567890")).unwrap();
    f.store.add_member(coop, p).unwrap();
    add_doc(&mut f, p, "kvk", "2026-10-01");
    add_doc(&mut f, p, "vog", "2026-10-01");
    let t = f.store.add_tender(&tender("Jeugdhulp Assen 2027")).unwrap();
    f.store.add_bid(t, None, p, "").unwrap();

    let impact = f.store.party_removal(p).unwrap();
    assert_eq!(impact.blocked, None);
    assert_eq!(impact.takes, ["2 documenten", "1 inschrijving met haar checklist", "1 lidmaatschap van een coöperatie"]);
    f.store.remove_party(p).unwrap();
    assert!(f.store.party(p).is_err());
    assert!(f.store.members(coop).unwrap().is_empty());
    assert!(f.store.bids(Some(t), None).unwrap().is_empty());
    let fk: i64 = f.store.connection().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 0);

    // Under contract: refused with the reason, nothing removed.
    let contract = ContractInput {
        title: "Wmo Assen".into(),
        party_id: q,
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
        products: vec![],
    };
    f.store.add_contract(&contract).unwrap();
    let blocked = f.store.party_removal(q).unwrap().blocked.unwrap();
    assert!(blocked.contains("1 contract") && blocked.contains("inactief"), "{blocked}");
    let e = f.store.remove_party(q).unwrap_err();
    assert!(e.to_string().starts_with("Woongroep Het Anker heeft 1 contract"), "{e}");
    assert!(f.store.party(q).is_ok());
}

#[test]
fn a_requirement_is_corrected() {
    let mut f = fixture();
    let t = f.store.add_tender(&tender("Jeugdhulp Assen 2027")).unwrap();
    let kvk = f
        .store
        .add_requirement(
            t,
            &RequirementInput { lot_number: None, type_code: Some("kvk".into()), name: String::new(), max_age: None, note: String::new() },
        )
        .unwrap();
    let plan = f
        .store
        .add_requirement(
            t,
            &RequirementInput { lot_number: None, type_code: None, name: "Plan van aanpak".into(), max_age: None, note: String::new() },
        )
        .unwrap();
    f.store
        .add_requirement(t, &RequirementInput { lot_number: None, type_code: None, name: "Prijzenblad".into(), max_age: None, note: String::new() })
        .unwrap();
    let r = f
        .store
        .edit_requirement(kvk, &RequirementEdit { name: "genegeerd".into(), max_age: Some(Period::months(3)), note: " NvI 2 ".into() })
        .unwrap();
    assert_eq!((r.max_age, r.max_age_text.as_deref(), r.note.as_str()), (Some(Period::months(3)), Some("3 maanden"), "NvI 2"));
    assert_ne!(r.name, "genegeerd", "a catalogue document keeps its type's name");
    let r = f.store.edit_requirement(kvk, &RequirementEdit { name: String::new(), max_age: None, note: String::new() }).unwrap();
    assert_eq!(r.max_age, None);
    let r =
        f.store.edit_requirement(plan, &RequirementEdit { name: "Plan van aanpak (max. 4 A4)".into(), max_age: None, note: String::new() }).unwrap();
    assert_eq!(r.name, "Plan van aanpak (max. 4 A4)");
    let e = f.store.edit_requirement(plan, &RequirementEdit { name: "Prijzenblad".into(), max_age: None, note: String::new() }).unwrap_err();
    assert_eq!(e.field(), Some("naam"));
}

#[test]
fn a_taken_kvk_number_names_the_provider_that_has_it() {
    let mut f = fixture();
    f.store.add_provider(&provider("Zorgboerderij De Eik", "12345678")).unwrap();
    let e = f.store.add_provider(&provider("De Eik (dubbel)", "12345678")).unwrap_err();
    assert_eq!(e.to_string(), "KvK-nummer 12345678 hoort al bij Zorgboerderij De Eik");
    assert_eq!((e.code(), e.field()), (ErrorCode::Duplicate, Some("kvk")));
}
