//! Each real sample shape the sources were tried on (see `tests/fixtures/README.md`) read the way a
//! sync reads it, with the fields that matter checked: kind, phase, every deadline, the language,
//! winners, flags for values that cannot be kept. Also the conformance run over the official
//! eForms examples when `../shared/formats/eforms` is beside the clone (a user's clone has none).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Duration;
use tenderwacht_domain::{
    publication::{NoticeKind, SourceKind},
    regions::Regions,
    time::{format_moment_nl, to_db},
    MilestoneKind, ProcedurePhase, TenderStatus,
};
use tenderwacht_sources::http::HttpOptions;
use tenderwacht_sources::sync::SyncOptions;
use tenderwacht_sources::{eforms, feed, files, ted, tenderned, Syncer};
use tenderwacht_store::Store;
use tenderwacht_tests::server::{fixture, FixtureServer, Reply};

fn raw(path: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(path)).unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

#[test]
fn the_ctm_atom_feed_is_read_with_its_nested_publication() {
    let list = feed::parse_feed(&raw("feeds/ctm.atom")).unwrap();
    assert_eq!(list.len(), 2);
    let n = &list[0];
    assert_eq!(n.external_id, "465501", "the PID of the entry id");
    assert_eq!(n.title, "Dagbesteding en begeleiding Wmo Westerkwartier 2027");
    assert_eq!(n.buyer, "Gemeente Westerkwartier", "authority@name");
    assert_eq!(n.closing.map(to_db).as_deref(), Some("2027-01-20T09:00:00Z"), "etq is Dutch time");
    assert_eq!(n.published_at.map(to_db).as_deref(), Some("2026-11-16T08:00:00Z"));
    assert_eq!(n.cpv, vec!["85312000-9", "85311000-2"]);
    assert_eq!(n.procedure, tenderwacht_domain::Procedure::LichteRegeling);
    assert_eq!(list[1].procedure, tenderwacht_domain::Procedure::Openbaar, "02 - Openbare procedure");
    assert!(n.notes.is_empty(), "{:?}", n.notes);
    // An impossible closing is kept as unreadable, the entry stays.
    let broken = String::from_utf8(raw("feeds/ctm.atom")).unwrap().replace("2027-01-20T10:00:00", "2027-02-31T10:00:00");
    let list = feed::parse_feed(broken.as_bytes()).unwrap();
    assert_eq!(list[0].closing, None);
    assert_eq!(list[0].unreadable, vec![("sluitingsdatum".to_string(), "2027-02-31T10:00:00".to_string())]);
}

#[test]
fn tenderned_codes_flags_and_the_detail_shape() {
    let page = tenderned::parse_page(&raw("tenderned/page-kinds.json")).unwrap();
    let notices: Vec<_> = page.items.iter().map(|i| tenderned::to_notice(i, None, &[], "https://www.tenderned.nl")).collect();
    let kinds: Vec<NoticeKind> = notices.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NoticeKind::Intention,
            NoticeKind::Award,
            NoticeKind::Cancellation,
            NoticeKind::Cancellation,
            NoticeKind::PriorInformation,
            NoticeKind::Modification,
            NoticeKind::PriorInformation,
            NoticeKind::Other
        ]
    );
    assert_eq!(notices[7].notes, vec!["onbekende publicatiesoort XYZ (Nieuw soort bericht)".to_string()]);
    let phases: Vec<Option<ProcedurePhase>> = notices.iter().map(tenderwacht_domain::ingest::phase_of).collect();
    assert_eq!(phases[0], Some(ProcedurePhase::VoornemenTotGunning), "EF25 is a VEAT, not an award");
    assert_eq!(phases[3], Some(ProcedurePhase::Ingetrokken), "isVroegtijdigeBeeindiging");

    let item = tenderned::Item::from_bytes(&raw("tenderned/detail-400123.json")).unwrap();
    let n = tenderned::to_notice(&item, None, &[], "https://www.tenderned.nl");
    assert_eq!(n.external_id, "400123", "publicatieId as a number");
    assert_eq!(n.kind, NoticeKind::Announcement, "typePublicatie as a plain code");
    assert_eq!(n.buyer, "Gemeente Midden-Groningen", "aanbestedendeDienstNaam");
    assert_eq!(n.procedure, tenderwacht_domain::Procedure::LichteRegeling, "procedureCode");
    assert_eq!(n.cpv, vec!["85311300-5", "bogus"]);
    assert_eq!(n.closing.map(format_moment_nl).as_deref(), Some("vr 15 jan 2027, 12:00"));
}

#[test]
fn eforms_deadlines_languages_and_winners() {
    let pin = eforms::parse(&raw("ted/pin-cfc-nl.xml"), None).unwrap();
    assert_eq!(pin.kind, NoticeKind::Announcement, "a PIN used as call for competition");
    assert_eq!(pin.interest_deadline.map(to_db).as_deref(), Some("2027-02-15T11:00:00Z"));
    assert_eq!(pin.title, "Wmo begeleiding thuis Assen 2027", "Dutch, though Bulgarian comes first");
    assert_eq!(pin.buyer, "Gemeente Assen");
    assert_eq!(pin.description, "Begeleiding en dagbesteding voor inwoners van Assen.");

    let restricted = eforms::parse(&raw("ted/cn-restricted.xml"), None).unwrap();
    assert_eq!(restricted.closing, None);
    assert_eq!(restricted.requests_deadline.map(to_db).as_deref(), Some("2027-01-18T09:00:00Z"));
    assert_eq!(tenderwacht_domain::ingest::phase_of(&restricted), Some(ProcedurePhase::Aanmelding));

    let award = eforms::parse(&raw("ted/can-first.xml"), None).unwrap();
    assert_eq!(award.kind, NoticeKind::Award);
    assert_eq!(award.winners, vec![(String::new(), "Zorggroep Noord B.V.".to_string())]);
}

#[test]
fn each_deadline_lands_as_a_milestone_and_the_checklist_faces_the_right_one() {
    let (_d, mut store) = store();
    let regions = Regions::default_regions().unwrap();
    let pin = eforms::parse(&raw("ted/pin-cfc-nl.xml"), None).unwrap();
    let out = store.ingest(None, &pin, &regions).unwrap();
    let detail = store.tender_detail(out.tender_id).unwrap();
    assert!(detail.milestones.iter().any(|m| m.kind == MilestoneKind::Interesse));
    assert_eq!(detail.tender.closing.map(to_db).as_deref(), Some("2027-02-15T11:00:00Z"), "the bid faces the interest deadline");
    assert_eq!(detail.tender.phase, ProcedurePhase::Open);

    let restricted = eforms::parse(&raw("ted/cn-restricted.xml"), None).unwrap();
    let out = store.ingest(None, &restricted, &regions).unwrap();
    let t = store.tender(out.tender_id).unwrap();
    assert_eq!(t.closing.map(to_db).as_deref(), Some("2027-01-18T09:00:00Z"), "sluiting aanmelding");
    assert_eq!(t.phase, ProcedurePhase::Aanmelding);
}

#[test]
fn an_award_of_an_unknown_procedure_is_history_not_a_new_tender() {
    let (_d, mut store) = store();
    let regions = Regions::default_regions().unwrap();
    let award = eforms::parse(&raw("ted/can-first.xml"), Some("760001-2026")).unwrap();
    let out = store.ingest(None, &award, &regions).unwrap();
    let detail = store.tender_detail(out.tender_id).unwrap();
    assert_eq!(detail.tender.phase, ProcedurePhase::Gegund);
    assert_eq!(detail.tender.status, TenderStatus::Vervallen, "not 'nieuw'");
    assert_eq!(detail.winners, vec!["Zorggroep Noord B.V.".to_string()]);
    let since = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let (new, _) = store.digest_since(since).unwrap();
    assert!(new.iter().all(|e| e.title != detail.tender.title), "not in the digest's new tenders");

    // A procedure announced first and awarded later moves forward, and an old announcement read
    // after the award moves nothing back.
    let cn = eforms::parse(&raw("ted/cn-social-swf.xml"), Some("712345-2026")).unwrap();
    let first = store.ingest(None, &cn, &regions).unwrap();
    assert_eq!(store.tender(first.tender_id).unwrap().phase, ProcedurePhase::Open);
    let mut can = award.clone();
    can.external_id = "760002-2026".into();
    can.keys = cn.keys.iter().filter(|(k, _)| *k == tenderwacht_domain::publication::KeyKind::ContractFolder).cloned().collect();
    let later = store.ingest(None, &can, &regions).unwrap();
    assert_eq!(later.tender_id, first.tender_id);
    assert!(later.changes.iter().any(|c| c == "fase: open -> gegund"), "{:?}", later.changes);
    let mut old = cn.clone();
    old.external_id = "700000-2026".into();
    old.version = "00".into();
    store.ingest(None, &old, &regions).unwrap();
    assert_eq!(store.tender(first.tender_id).unwrap().phase, ProcedurePhase::Gegund);
}

#[test]
fn ted_search_date_and_time_apart_and_a_timed_out_page_asked_again() {
    let page = ted::parse_search(&raw("ted/search-complete.json")).unwrap();
    assert!(!page.timed_out);
    assert_eq!(page.hits[0].closing.map(to_db).as_deref(), Some("2027-03-01T11:00:00Z"));
    assert_eq!(page.hits[1].closing.map(to_db).as_deref(), Some("2027-02-10T11:00:00Z"), "a Z date with a Z time");
    assert_eq!(page.hits[1].title.as_deref(), Some("Jeugdhulp Ooststellingwerf 2027"));

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let server = FixtureServer::start();
    let b = server.base.clone();
    for s in store.sources().unwrap() {
        store.update_source(s.id, Some(&server.base), Some(s.kind == SourceKind::Ted)).unwrap();
    }
    server.route(
        "/v3/notices/search",
        vec![Reply::json(fixture("ted/search-timed-out.json", &b)), Reply::json(fixture("ted/search-complete.json", &b))],
    );
    server.route("/ted/notice/712345-2026.xml", vec![Reply::with_type(fixture("ted/cn-social-swf.xml", &b), "application/xml")]);
    let options = SyncOptions {
        http: HttpOptions { timeout: Duration::from_secs(2), min_interval: Duration::ZERO, retries: 1, ..HttpOptions::default() },
        download_documents: false,
        max_pages: 3,
    };
    let profiles = store.profiles().unwrap();
    let mut syncer = Syncer::new(&mut store, profiles, options).unwrap();
    let report = syncer.sync_all(Some("TED"), &mut |_| {}).unwrap().remove(0);
    assert_eq!(server.hits("/v3/notices/search"), 2, "the timed-out page is asked again");
    assert!(report.errors.is_empty(), "{report:#?}");
    assert_eq!(report.new, 2, "{report:#?}");
    assert!(report.warnings.iter().any(|l| l.message.contains("geen XML-link")), "{report:#?}");
    let hit = store.search_tenders("ooststellingwerf", 5).unwrap();
    assert_eq!(hit.len(), 1);
    assert_eq!(hit[0].closing.map(to_db).as_deref(), Some("2027-02-10T11:00:00Z"));

    // Removing the source keeps what it brought in.
    let ted = store.source("TED").unwrap();
    store.remove_source(ted.id).unwrap();
    assert!(store.source("TED").is_err());
    assert_eq!(store.publication_payloads(hit[0].id).unwrap().len(), 1);
    assert_eq!(store.search_tenders("ooststellingwerf", 5).unwrap().len(), 1);
}

#[test]
fn the_projects_own_fixtures_all_read_without_refusals_but_the_broken_ones() {
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for folder in ["feeds", "tenderned", "ted"] {
        for r in files::read_path(&base.join(folder)).unwrap() {
            let name = r.path.file_name().unwrap().to_string_lossy().to_string();
            let broken = name.contains("broken") || name == "detail-400119.json";
            let rows = files::rows(&r);
            assert!(rows.iter().all(|row| row.refused.as_deref().is_none_or(|m| !m.starts_with("PANIC"))), "{name}");
            if broken {
                assert!(!r.refused.is_empty(), "{name} is broken on purpose");
            }
        }
    }
}

/// The official eForms SDK examples, when the shared folder is beside the clone: every valid
/// notice read, every INVALID_* refused with a reason, no panic. The table itself is printed by
/// `scripts/test.sh` through the CLI.
#[test]
fn conformance_over_the_official_eforms_examples() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/formats/eforms");
    if !folder.is_dir() {
        eprintln!("{} is not there: conformance run skipped (a user's clone has no shared folder)", folder.display());
        return;
    }
    let readings = files::read_path(&folder).unwrap();
    let mut read = 0;
    let mut with_deadline = 0;
    for r in &readings {
        let name = r.path.file_name().unwrap().to_string_lossy().to_string();
        let rows = files::rows(r);
        assert!(rows.iter().all(|row| row.refused.as_deref().is_none_or(|m| !m.starts_with("PANIC"))), "{name} panicked");
        if name.starts_with("INVALID_") {
            assert!(r.notices.is_empty() && !r.refused.is_empty(), "{name} must be refused with a reason");
        } else {
            assert_eq!((r.notices.len(), r.refused.len()), (1, 0), "{name}: {:?}", r.refused);
            read += 1;
            let n = &r.notices[0];
            if n.closing.or(n.requests_deadline).or(n.interest_deadline).is_some() {
                with_deadline += 1;
            }
        }
    }
    assert_eq!(read, 76);
    // Of the examples that carry a tender, participation or interest deadline, every one has it read.
    let expected = readings
        .iter()
        .filter(|r| !r.path.to_string_lossy().contains("INVALID_"))
        .filter(|r| {
            let text = std::fs::read_to_string(&r.path).unwrap_or_default();
            ["TenderSubmissionDeadlinePeriod", "ParticipationRequestReceptionPeriod", "InterestExpressionReceptionPeriod"]
                .iter()
                .any(|p| text.contains(&format!(":{p}>")))
        })
        .count();
    assert_eq!(with_deadline, expected);
}

/// A buyer named once per language, each in its own PartyName (Bulgarian first), is stored by
/// its Dutch name; a group of lots (GLO-…) is not counted as a lot.
#[test]
fn eforms_buyer_names_per_language_and_a_lots_group() {
    let n = eforms::parse(&raw("ted/cn-lots-group.xml"), Some("712346-2026")).unwrap();
    assert_eq!(n.buyer, "Gemeente Súdwest-Fryslân");
    assert_eq!(n.lots, vec!["Ambulante specialistische jeugdhulp".to_string(), "Jeugdhulp met verblijf".to_string()]);
}
