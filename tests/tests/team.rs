//! Three laptops sharing one store through a shared folder: each works offline, the folder
//! delivers files late, shuffled and partly, and in the end all three hold the same data and the
//! same conflict list. Every laptop has its own view of the shared folder, as a cloud client
//! gives it; `deliver` plays the cloud, copying files between views in the order a test picks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, TimeZone, Utc};
use std::path::Path;
use tenderwacht_domain::*;
use tenderwacht_team::TeamStatus;
use tenderwacht_tests::team::*;

#[test]
fn three_laptops_work_offline_and_end_with_one_truth() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, mut c, _key) = team_of_three(root.path());
    assert_eq!(dump(&a.store), dump(&b.store), "B starts from A's snapshot");
    let p = a.store.resolve_party("12345678", None).unwrap();

    // Offline: A and C change the same field, B another field of the same provider.
    a.store.edit_party(p, &PartyPatch { phone: Some("050-1111111".into()), ..Default::default() }).unwrap();
    b.store.edit_party(p, &PartyPatch { email: Some("info@dehoeve.nl".into()), ..Default::default() }).unwrap();
    c.store.edit_party(p, &PartyPatch { phone: Some("050-3333333".into()), ..Default::default() }).unwrap();
    // B and C both add the same new provider (same KvK) offline.
    b.store.add_provider(&provider("Woongroep Het Anker", "87654321")).unwrap();
    c.store.add_provider(&provider("Woongroep Anker BV", "87654321")).unwrap();
    // B uploads a VOG for the provider.
    let file = root.path().join("vog.pdf");
    std::fs::write(&file, b"%PDF-1.4 VOG De Hoeve").unwrap();
    let doc = b
        .store
        .add_document(&DocumentInput {
            party_id: p,
            type_code: "vog".into(),
            file,
            original_name: None,
            issue_date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            expiry_date: None,
            note: String::new(),
        })
        .unwrap();

    settle(&mut [&mut c, &mut a, &mut b]);
    let (da, db, dc) = (dump(&a.store), dump(&b.store), dump(&c.store));
    assert_eq!(da, db, "A and B agree");
    assert_eq!(da, dc, "A and C agree");
    assert_eq!(conflicts(&a.store), conflicts(&b.store));
    assert_eq!(conflicts(&a.store), conflicts(&c.store));

    let party = a.store.party(p).unwrap();
    assert_eq!(party.email, "info@dehoeve.nl", "an edit of another field survives");
    let phones = ["050-1111111", "050-3333333"];
    assert!(phones.contains(&party.phone.as_str()), "{}", party.phone);
    let list = a.store.team_conflicts(false).unwrap();
    let phone = list.iter().find(|c| c.column == "phone").expect("the phone conflict is listed");
    assert_eq!(phone.kept_value.as_deref(), Some(party.phone.as_str()));
    let loser = phones.iter().find(|p| **p != party.phone).unwrap();
    assert_eq!(phone.lost_value.as_deref(), Some(*loser), "the losing value stays visible");
    assert_eq!(phone.row_label, "Zorgboerderij De Hoeve");
    let anker: Vec<_> = a.store.parties(None).unwrap().into_iter().filter(|p| p.kvk == "87654321").collect();
    assert_eq!(anker.len(), 1, "one provider per KvK number, not two");

    // The document's file is fetched from the folder when first needed.
    assert!(!a.store.blobs().exists(&doc.sha256), "not sent along with the changes");
    assert!(tenderwacht_team::fetch_blob(&a.store, &doc.sha256).unwrap());
    assert_eq!(std::fs::read(a.store.blobs().path_of(&doc.sha256)).unwrap(), b"%PDF-1.4 VOG De Hoeve");

    // Restoring the losing phone number is an edit that reaches everyone.
    a.store.resolve_conflict(&phone.id, true).unwrap();
    settle(&mut [&mut a, &mut b, &mut c]);
    for l in [&a, &b, &c] {
        assert_eq!(l.store.party(p).unwrap().phone, *loser);
    }
    let status: TeamStatus = tenderwacht_team::status(&a.store).unwrap();
    assert_eq!(status.devices.len(), 3, "{:?}", status.devices);
    assert_eq!(status.outgoing, 0);
}

/// One random edit on one laptop; an edit the store refuses (a duplicate, a missing row) is
/// simply not made, as in the app.
fn random_edit(l: &mut Laptop, rng: &mut fastrand::Rng, files: &Path) {
    let s = &mut l.store;
    let parties = s.parties(None).unwrap();
    let tenders = s.tenders(&Default::default()).unwrap();
    let kvks = ["11111111", "22222222", "33333333", "44444444", "55555555"];
    let words = ["Noord", "Zuid", "Oost", "West", "Midden", "Hoeve", "Anker", "Linde"];
    let word = |rng: &mut fastrand::Rng| words[rng.usize(..words.len())].to_string();
    match rng.u8(..13) {
        0 => {
            let _ = s.add_provider(&provider(&format!("Zorg {}", word(rng)), kvks[rng.usize(..kvks.len())]));
        }
        1 | 2 if !parties.is_empty() => {
            let p = &parties[rng.usize(..parties.len())];
            let mut patch = PartyPatch::default();
            match rng.u8(..4) {
                0 => patch.phone = Some(format!("050-{}", rng.u32(1_000_000..9_999_999))),
                1 => patch.email = Some(format!("{}@zorg.nl", word(rng).to_lowercase())),
                2 => patch.place = Some(word(rng)),
                _ => patch.notes = Some(word(rng)),
            }
            let _ = s.edit_party(p.id, &patch);
        }
        3 => {
            let _ = s.add_tender(&tender(&format!("Jeugdhulp {} {}", word(rng), rng.u16(..100))));
        }
        4 if !tenders.is_empty() => {
            let t = &tenders[rng.usize(..tenders.len())];
            let status = [TenderStatus::Volgen, TenderStatus::Inschrijven, TenderStatus::Ingediend][rng.usize(..3)];
            let _ = s.edit_tender(t.id, &TenderPatch { status: Some(status), ..Default::default() });
        }
        5 if !tenders.is_empty() => {
            let t = &tenders[rng.usize(..tenders.len())];
            let at = Utc.with_ymd_and_hms(2027, 1 + rng.u32(..12), 1 + rng.u32(..28), 10, 0, 0).unwrap();
            let detail = s.tender_detail(t.id).unwrap();
            match detail.milestones.first() {
                Some(m) if rng.bool() => {
                    let _ = if rng.bool() { s.move_milestone(m.id, at).map(|_| ()) } else { s.remove_milestone(m.id) };
                }
                _ => {
                    let _ = s.add_milestone(t.id, MilestoneKind::Sluiting, at, "", "");
                }
            }
        }
        6 if !tenders.is_empty() => {
            let t = &tenders[rng.usize(..tenders.len())];
            let detail = s.tender_detail(t.id).unwrap();
            match detail.requirements.first() {
                Some(r) if rng.u8(..3) == 0 => {
                    let _ = s.remove_requirement(r.id);
                }
                _ => {
                    let input = RequirementInput {
                        lot_number: None,
                        type_code: None,
                        name: format!("Plan van aanpak {}", word(rng)),
                        max_age: None,
                        note: String::new(),
                    };
                    let _ = s.add_requirement(t.id, &input);
                }
            }
        }
        7 | 8 if !tenders.is_empty() && !parties.is_empty() => {
            let t = &tenders[rng.usize(..tenders.len())];
            let p = &parties[rng.usize(..parties.len())];
            let detail = s.tender_detail(t.id).unwrap();
            match (detail.bids.iter().find(|b| b.party_id == p.id), detail.requirements.first()) {
                (Some(b), _) if rng.u8(..4) == 0 => {
                    let _ = s.remove_bid(b.id);
                }
                (Some(b), Some(r)) => {
                    let state = [DeliverableState::Open, DeliverableState::Bezig, DeliverableState::Aangeleverd][rng.usize(..3)];
                    let _ = s.set_bid_item(b.id, r.id, &BidItemPatch { state: Some(state), ..Default::default() });
                }
                _ => {
                    let _ = s.add_bid(t.id, None, p.id, "");
                }
            }
        }
        9 | 10 if !parties.is_empty() => {
            let p = &parties[rng.usize(..parties.len())];
            let file = files.join(format!("doc-{}.pdf", rng.u64(..)));
            std::fs::write(&file, format!("%PDF-1.4 {}", rng.u64(..))).unwrap();
            let input = DocumentInput {
                party_id: p.id,
                type_code: ["vog", "kvk"][rng.usize(..2)].into(),
                file,
                original_name: None,
                issue_date: NaiveDate::from_ymd_opt(2026, 1 + rng.u32(..11), 1 + rng.u32(..28)).unwrap(),
                expiry_date: None,
                note: String::new(),
            };
            let _ = s.add_document(&input);
        }
        11 if !parties.is_empty() => {
            let p = &parties[rng.usize(..parties.len())];
            let contracts = s.contracts(&Default::default()).unwrap();
            match contracts.first() {
                Some(c) if rng.bool() => {
                    let _ = if rng.bool() {
                        s.extend_contract(c.id).map(|_| ())
                    } else {
                        s.add_obligation(c.id, "vog", ObligationRule::AfterChange { within_days: 14 }, "")
                            .and_then(|o| s.report_change(o, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()))
                    };
                }
                _ => {
                    let input = ContractInput {
                        title: format!("Wmo {}", word(rng)),
                        party_id: p.id,
                        members: vec![],
                        buyer: "Gemeente Emmen".into(),
                        municipalities: vec!["Emmen".into()],
                        domain: CareDomain::Wmo,
                        start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                        end: NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
                        extensions: 2,
                        extension_length: Some(tenderwacht_domain::time::Period::months(12)),
                        notice: None,
                        tender_id: None,
                        products: vec![ContractProduct { code: "45A04".into(), name: "Begeleiding individueel".into() }],
                    };
                    let _ = s.add_contract(&input);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn random_edits_delivered_in_shuffled_orders_converge() {
    let seeds: u64 = std::env::var("TW_TEAM_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(6);
    for seed in 0..seeds {
        let root = tempfile::tempdir().unwrap();
        let files = root.path().join("files");
        std::fs::create_dir_all(&files).unwrap();
        let (a, b, c, _key) = team_of_three(root.path());
        let mut ls = [a, b, c];
        let mut rng = fastrand::Rng::with_seed(seed);
        for _ in 0..60 {
            let i = rng.usize(..3);
            random_edit(&mut ls[i], &mut rng, &files);
            if rng.u8(..3) == 0 {
                let j = rng.usize(..3);
                tenderwacht_team::sync(&mut ls[j].store).unwrap();
            }
            if rng.u8(..3) == 0 {
                // The cloud hands a random part of one laptop's view to another, in no order.
                let (from, to) = (rng.usize(..3), rng.usize(..3));
                if from != to {
                    let (src, dst) = (ls[from].view.clone(), ls[to].view.clone());
                    deliver(&src, &dst, &mut |_| rng.bool());
                }
            }
        }
        let [a, b, c] = &mut ls;
        settle(&mut [a, b, c]);
        let da = dump(&ls[0].store);
        assert_eq!(da, dump(&ls[1].store), "seed {seed}: A and B differ");
        assert_eq!(da, dump(&ls[2].store), "seed {seed}: A and C differ");
        assert_eq!(conflicts(&ls[0].store), conflicts(&ls[1].store), "seed {seed}");
        assert_eq!(conflicts(&ls[0].store), conflicts(&ls[2].store), "seed {seed}");
        for l in &ls {
            assert!(l.store.integrity_ok().unwrap());
            let fk: i64 = l.store.connection().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
            assert_eq!(fk, 0, "seed {seed}: no dangling reference");
        }
    }
}

/// Two laptops import the same portal notice offline: after the sync there is one tender, with
/// one closing, not two.
#[test]
fn the_same_portal_notice_imported_on_two_laptops_makes_one_tender() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, mut c, _key) = team_of_three(root.path());
    let file = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/ted/cn-social-swf.xml");
    let regions = tenderwacht_domain::regions::Regions::default_regions().unwrap();
    for l in [&mut a, &mut b] {
        let notices: Vec<_> = tenderwacht_sources::files::read_path(&file).unwrap().into_iter().flat_map(|r| r.notices).collect();
        assert!(!notices.is_empty());
        for out in l.store.ingest_batch(None, &notices, &regions).unwrap() {
            out.unwrap();
        }
    }
    let before = a.store.tenders(&Default::default()).unwrap().len();
    settle(&mut [&mut a, &mut b, &mut c]);
    assert_eq!(a.store.tenders(&Default::default()).unwrap().len(), before, "no second tender");
    assert_eq!(dump(&a.store), dump(&b.store));
    assert_eq!(dump(&a.store), dump(&c.store), "the third laptop got the tender from the others");
    let t = c.store.tenders(&Default::default()).unwrap().into_iter().find(|t| t.title.len() > 3 && t.title != "Jeugdhulp Groningen 2027").unwrap();
    let closings = c.store.tender_detail(t.id).unwrap().milestones.iter().filter(|m| m.kind == MilestoneKind::Sluiting).count();
    assert!(closings <= 1, "one closing, not one per laptop");
    assert!(c.store.search_tenders(&t.title, 5).unwrap().iter().any(|x| x.id == t.id), "the search index is rebuilt after apply");
}

/// What issue 14 adds travels: Bram reads the leidraad and proposes, Carla accepts one and rejects
/// another, Anna attaches the final Prijzenblad; every laptop ends with the same proposals, answers,
/// requirements, file versions and upload rules, and Carla fetches the Prijzenblad's file from the
/// folder to make the pack.
#[test]
fn proposals_answers_deliverable_files_and_upload_rules_travel() {
    let root = tempfile::tempdir().unwrap();
    let (mut a, mut b, mut c, _key) = team_of_three(root.path());
    let t = a.store.search_tenders("Jeugdhulp Groningen", 1).unwrap().remove(0).id;
    let leidraad = root.path().join("leidraad.txt");
    std::fs::write(&leidraad, "Bijlage 3: Prijzenblad, in te vullen en te uploaden.\nInschrijver beschikt over een HKZ-certificaat.\n").unwrap();
    let src = [tenderwacht_reading::propose::Source::file("leidraad.txt", leidraad)];
    let out = tenderwacht_reading::propose::propose(&mut b.store, t, &src).unwrap();
    assert_eq!(out.report.added.len(), 2);
    settle(&mut [&mut a, &mut b, &mut c]);
    let open = c.store.proposals(t, false).unwrap();
    let sheet = open.iter().find(|p| p.draft.name == "Prijzenblad").unwrap().id;
    let hkz = open.iter().find(|p| p.draft.type_code.as_deref() == Some("hkz")).unwrap().id;
    c.store.accept_proposal(sheet, &ProposalEdit::default()).unwrap();
    c.store.reject_proposal(hkz).unwrap();
    c.store.set_upload_rules(t, UploadRules { extensions: vec!["pdf".into(), "xlsx".into()], ..UploadRules::default() }).unwrap();
    settle(&mut [&mut a, &mut b, &mut c]);

    let req = a.store.resolve_requirement(t, "Prijzenblad").unwrap();
    let bid = a.store.bids(Some(t), None).unwrap()[0].id;
    let file = root.path().join("prijzenblad.xlsx");
    std::fs::write(&file, b"PK\x03\x04 prijzenblad De Hoeve").unwrap();
    let cell = a.store.deliverable_cell(bid, req, None).unwrap();
    let f = a.store.attach_deliverable_file(cell, &file, None, true).unwrap();
    settle(&mut [&mut a, &mut b, &mut c]);

    assert_eq!(dump(&a.store), dump(&b.store));
    assert_eq!(dump(&a.store), dump(&c.store));
    assert!(b.store.proposals(t, false).unwrap().is_empty(), "both answered, on every laptop");
    assert_eq!(b.store.upload_rules(t).unwrap().extensions, vec!["pdf", "xlsx"]);
    let on_c = c.store.deliverable_files(bid).unwrap();
    assert_eq!((on_c.len(), on_c[0].is_final, on_c[0].sha256.as_str()), (1, true, f.sha256.as_str()));
    assert!(tenderwacht_team::fetch_blob(&c.store, &f.sha256).unwrap(), "the file comes from the folder");
    assert_eq!(std::fs::read(c.store.blobs().path_of(&f.sha256)).unwrap(), b"PK\x03\x04 prijzenblad De Hoeve");
}
