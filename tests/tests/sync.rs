//! Sources against the loopback fixture server: TenderNed paging with details and documents, a
//! rectification after its notice, conditional requests, TED search + eForms with a change notice,
//! the same tender on two portals, an RSS feed, an HTML listing with robots.txt, and faults
//! (429, 500, slow, truncated, malformed) that end as report lines while the rest goes on.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};
use tenderwacht_domain::{publication::DocumentCategory, publication::SourceKind, ChangeKind, MilestoneKind, TenderStatus};
use tenderwacht_store::Store;
use tenderwacht_tests::server::{fixture, Reply};

use tenderwacht_tests::world::LIST;

use tenderwacht_tests::world::World;

fn tender_by_title(store: &Store, needle: &str) -> tenderwacht_domain::Tender {
    let hits = store.search_tenders(needle, 10).unwrap();
    assert_eq!(hits.len(), 1, "exactly one tender for {needle:?}: {:?}", hits.iter().map(|t| &t.title).collect::<Vec<_>>());
    hits.into_iter().next().unwrap()
}

#[test]
fn tenderned_paging_details_documents_and_conditional_requests() {
    let mut w = World::new();
    w.route_tenderned();
    w.enable("TenderNed");
    let r = w.sync(Some("TenderNed")).remove(0);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.fetched, 7, "{r:#?}");
    assert_eq!((r.new, r.updated, r.filtered), (4, 1, 1), "{r:#?}");
    let rejected: Vec<&str> = r.rejected.iter().map(|l| l.message.as_str()).collect();
    assert_eq!(rejected.len(), 2, "{rejected:?}");
    assert!(rejected.iter().any(|m| m.contains("publicatieId")));
    // The 2049 closing no longer loses the Open House: it is stored, its closing empty and flagged.
    assert!(r.warnings.iter().any(|l| l.message.contains("sluitingsdatum onwaarschijnlijk")), "{:?}", r.warnings);
    let open_house = tender_by_title(&w.store, "open house leeuwarden");
    assert_eq!(open_house.closing, None);
    assert_eq!(w.store.tender_flags(open_house.id).unwrap().len(), 1);
    assert!(rejected.iter().any(|m| m.contains("onleesbaar")), "malformed detail refused");
    assert!(r.warnings.iter().any(|l| l.message.contains("bogus")), "{:?}", r.warnings);
    assert_eq!(w.server.hits(&format!("{LIST}/400124")), 0, "an off-topic item outside the region needs no detail");
    assert!(w.server.user_agents().iter().all(|ua| ua.starts_with("Tenderwacht/")));

    // The rectification (a later publication of kenmerk 9001) moved the closing and added a NvI.
    let t = tender_by_title(&w.store, "verblijf midden groningen");
    assert_eq!(t.region, "Groningen");
    assert_eq!(tenderwacht_domain::time::format_moment_nl(t.closing.unwrap()), "vr 29 jan 2027, 12:00");
    let events = w.store.changes(t.id).unwrap();
    assert!(events.iter().any(|e| e.kind == ChangeKind::MilestoneMoved && e.old_value.as_deref() == Some("vr 15 jan 2027, 12:00")));
    assert!(events.iter().any(|e| e.kind == ChangeKind::DocumentsAdded && e.new_value.as_deref() == Some("Nota van Inlichtingen 1.pdf")));
    let docs = w.store.tender_documents(t.id).unwrap();
    assert_eq!(docs.len(), 3);
    assert!(docs.iter().any(|d| d.category == DocumentCategory::NotaVanInlichtingen));
    let kinds: Vec<MilestoneKind> = w.store.milestones(t.id).unwrap().iter().map(|m| m.kind).collect();
    // TenderNed's API gives the closing and the contract start (aanvangOpdrachtDatum); it has no
    // questions deadline field (the wave-1 fixture's `sluitingsDatumVragen` was invented).
    assert_eq!(kinds, [MilestoneKind::Sluiting, MilestoneKind::StartContract], "{kinds:?}");

    // Hostile text is stored as text; a javascript: link is not stored at all.
    let assen = tender_by_title(&w.store, "dagbesteding assen");
    assert!(!assen.title.contains('<'), "{}", assen.title);
    assert!(assen.links.is_empty());
    assert_eq!(assen.description, "Begeleiding individueel en groep.");

    // The next sync sends the ETag, gets 304 and fetches nothing else.
    let details_before = w.server.hits(&format!("{LIST}/400123"));
    let again = w.sync(Some("TenderNed")).remove(0);
    assert_eq!((again.fetched, again.new, again.updated), (0, 0, 0), "{again:#?}");
    assert_eq!(w.server.hits(&format!("{LIST}/400123")), details_before);
    assert_eq!(w.store.tenders(&Default::default()).unwrap().len(), 4, "nothing duplicated");
    assert_eq!(w.store.last_sync_reports().unwrap()[0].source, "TenderNed");
}

#[test]
fn followed_tenders_get_their_documents_offline_once() {
    let mut w = World::new();
    w.route_tenderned();
    w.enable("TenderNed");
    w.sync(Some("TenderNed"));
    let t = tender_by_title(&w.store, "verblijf midden groningen");
    w.store.edit_tender(t.id, &tenderwacht_domain::TenderPatch { status: Some(TenderStatus::Volgen), ..Default::default() }).unwrap();
    for (id, doc) in [("400123", "d-ank-1"), ("400123", "d-doc-1"), ("400130", "d-nvi-1")] {
        w.server.route(&format!("{LIST}/{id}/documenten/{doc}/content"), vec![Reply::with_type(format!("%PDF-1.4 {doc}"), "application/pdf")]);
    }
    let r = w.sync(Some("TenderNed"));
    assert_eq!(r.last().unwrap().documents_downloaded, 3, "{r:#?}");
    let docs = w.store.tender_documents(t.id).unwrap();
    for d in &docs {
        let sha = d.sha256.as_ref().expect("downloaded");
        assert!(w.store.blobs().verify(sha).unwrap());
    }
    let again = w.sync(Some("TenderNed"));
    assert_eq!(again.last().unwrap().documents_downloaded, 0, "downloaded once");
}

#[test]
fn ted_change_notice_and_the_same_tender_on_two_portals() {
    let mut w = World::new();
    w.route_tenderned();
    w.enable("TenderNed");
    w.sync(Some("TenderNed"));
    let b = w.server.base.clone();
    w.server.route("/v3/notices/search", vec![Reply::json(fixture("ted/search-1.json", &b)), Reply::json(fixture("ted/search-2.json", &b))]);
    w.server.route("/ted/notice/712345-2026.xml", vec![Reply::with_type(fixture("ted/cn-social-swf.xml", &b), "application/xml")]);
    w.server.route("/ted/notice/745678-2026.xml", vec![Reply::with_type(fixture("ted/change-swf.xml", &b), "application/xml")]);
    w.server.route("/ted/notice/745999-2026.xml", vec![Reply::with_type(fixture("ted/broken.xml", &b), "application/xml")]);
    w.enable("TED");
    let r = w.sync(Some("TED")).remove(0);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.fetched, 3);
    assert_eq!(r.rejected.len(), 2, "{:?}", r.rejected);
    assert_eq!(r.updated, 2, "{r:#?}");
    // One tender: the TenderNed publication, the TED notice and its change notice.
    let t = tender_by_title(&w.store, "specialistische jeugdhulp sudwest");
    assert_eq!(tenderwacht_domain::time::format_moment_nl(t.closing.unwrap()), "ma 15 mrt 2027, 12:00");
    assert_eq!(w.store.publication_payloads(t.id).unwrap().len(), 3);
    assert!(t.cpv.contains(&"85312000".to_string()));
    let events = w.store.changes(t.id).unwrap();
    assert!(events.iter().any(|e| e.kind == ChangeKind::MilestoneMoved && e.field == "sluiting"), "{events:#?}");
    assert!(events.iter().any(|e| e.kind == ChangeKind::MilestoneAdded && e.field == "vragen_deadline"), "{events:#?}");
    assert_eq!(w.server.hits("/v3/notices/search"), 2, "iteration paging");
}

#[test]
fn faults_end_as_report_lines_and_other_sources_still_sync() {
    let mut w = World::new();
    let b = w.server.base.clone();
    // TenderNed: 429 first, then the page; the second page is cut off mid-body.
    w.server.route(
        &format!("{LIST}?page=0&size=100"),
        vec![Reply::Status { status: 429, retry_after: Some(0) }, Reply::json(fixture("tenderned/page-0.json", &b))],
    );
    w.server.route(&format!("{LIST}?page=1&size=100"), vec![Reply::Truncated { body: fixture("tenderned/page-1.json", &b)[..200].to_vec() }]);
    for id in ["400130", "400125", "400126"] {
        w.server.route(&format!("{LIST}/{id}"), vec![Reply::json(fixture(&format!("tenderned/detail-{id}.json"), &b))]);
    }
    // TED answers too slowly, every time.
    w.server.route("/v3/notices/search", vec![Reply::Slow { delay: Duration::from_secs(3), then: Box::new(Reply::json("{}")) }]);
    // A feed and an HTML source that work, and one that always fails.
    let feed = w.store.add_source("CTM", SourceKind::Feed, &w.server.url("/ctm/rss"), &serde_json::json!({})).unwrap();
    w.server.route("/ctm/rss", vec![Reply::with_type(fixture("feeds/ctm.atom", &b), "application/atom+xml")]);
    let broken = w.store.add_source("Kapot", SourceKind::Feed, &w.server.url("/kapot"), &serde_json::json!({})).unwrap();
    w.server.route("/kapot", vec![Reply::status(500)]);
    w.enable("TenderNed");
    w.enable("TED");
    let _ = (feed, broken);
    let started = Instant::now();
    let reports = w.sync(None);
    assert!(started.elapsed() < Duration::from_secs(20), "timeouts are bounded");
    let by = |name: &str| reports.iter().find(|r| r.source == name).unwrap();
    let tn = by("TenderNed");
    assert_eq!(w.server.hits(&format!("{LIST}?page=0&size=100")), 2, "retried after 429");
    assert!(tn.errors.iter().any(|e| e.contains("page=1")), "{:?}", tn.errors);
    assert!(tn.new >= 1, "page 0 was ingested despite page 1 failing: {tn:#?}");
    let ted = by("TED");
    assert!(ted.errors.iter().any(|e| e.contains("geen antwoord")), "{:?}", ted.errors);
    let ctm = by("CTM");
    assert_eq!((ctm.new, ctm.filtered), (1, 1), "{ctm:#?}");
    let kapot = by("Kapot");
    assert!(kapot.errors.iter().any(|e| e.contains("storing bij de server (code 500)")), "{:?}", kapot.errors);
    assert_eq!(w.server.hits("/kapot"), 3, "500 is retried, then reported");
    let westerkwartier = tender_by_title(&w.store, "westerkwartier");
    assert_eq!(westerkwartier.region, "Groningen");
    // Nothing stored earlier is lost or duplicated by a second, healthy run.
    let before = w.store.tenders(&Default::default()).unwrap().len();
    w.sync(Some("CTM"));
    assert_eq!(w.store.tenders(&Default::default()).unwrap().len(), before);
}

#[test]
fn html_listing_from_the_shipped_definition_honours_robots() {
    let mut w = World::new();
    let b = w.server.base.clone();
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/sources/gemeente-voorbeeld.toml")).unwrap();
    let mut def = tenderwacht_sources::html::HtmlDefinition::parse(&text).unwrap();
    def.url = w.server.url("/aanbestedingen");
    w.server.route("/robots.txt", vec![Reply::with_type(fixture("html/robots.txt", &b), "text/plain")]);
    w.server.route("/aanbestedingen", vec![Reply::with_type(fixture("html/aanbestedingen-1.html", &b), "text/html")]);
    w.server.route("/aanbestedingen?pagina=2", vec![Reply::with_type(fixture("html/aanbestedingen-2.html", &b), "text/html")]);
    w.store.add_source(&def.name, SourceKind::Html, &def.url, &serde_json::to_value(&def).unwrap()).unwrap();
    let mut private = def.clone();
    private.name = "Afgeschermd".into();
    private.url = w.server.url("/prive/lijst");
    w.store.add_source(&private.name, SourceKind::Html, &private.url, &serde_json::to_value(&private).unwrap()).unwrap();
    let reports = w.sync(None);
    let site = reports.iter().find(|r| r.source == def.name).unwrap();
    assert!(site.errors.is_empty(), "{:?}", site.errors);
    assert_eq!((site.fetched, site.new), (3, 3), "{site:#?}");
    let wmo = tender_by_title(&w.store, "huishoudelijke ondersteuning");
    assert_eq!(wmo.buyer, "Gemeente Tynaarlo");
    assert_eq!(tenderwacht_domain::time::format_moment_nl(wmo.closing.unwrap()), "vr 18 dec 2026, 12:00");
    assert_eq!(wmo.links[0].url, w.server.url("/aanbestedingen/wmo-huishoudelijke-ondersteuning"));
    let vervoer = tender_by_title(&w.store, "vervoer");
    assert_eq!(vervoer.title, "Jeugdhulp vervoer");
    assert!(vervoer.links.is_empty(), "javascript: link dropped");
    let private_report = reports.iter().find(|r| r.source == "Afgeschermd").unwrap();
    assert!(private_report.errors.iter().any(|e| e.contains("robots.txt")), "{:?}", private_report.errors);
    assert_eq!(w.server.hits("/prive/lijst"), 0, "a disallowed page is never requested");
}

#[test]
fn a_later_sync_reads_new_items_and_one_known_page_then_stops() {
    let mut w = World::new();
    let item = |id: u32, title: &str| {
        serde_json::json!({
            "publicatieId": id.to_string(), "publicatieDatum": chrono::Utc::now().date_naive().to_string(),
            "typePublicatie": { "code": "AAO", "omschrijving": "Aankondiging van een opdracht" },
            "aanbestedingNaam": title, "opdrachtgeverNaam": "Gemeente Assen", "sluitingsDatum": "2027-02-01T12:00:00"
        })
    };
    let page = |items: Vec<serde_json::Value>, last: bool| Reply::json(serde_json::json!({ "content": items, "last": last }).to_string());
    let p = |n: u32| format!("{LIST}?page={n}&size=100");
    w.server.route(&p(0), vec![page(vec![item(500_002, "Wmo begeleiding Assen 2"), item(500_001, "Wmo begeleiding Assen 1")], false)]);
    w.server.route(&p(1), vec![page(vec![item(500_000, "Wmo begeleiding Assen 0")], true)]);
    w.enable("TenderNed");
    let first = w.sync(Some("TenderNed")).remove(0);
    assert_eq!(first.new, 3, "{first:#?}");
    // New publications arrive at the top; the listing grows by a page.
    w.server.route(&p(0), vec![page(vec![item(500_004, "Wmo begeleiding Assen 4"), item(500_003, "Wmo begeleiding Assen 3")], false)]);
    w.server.route(&p(1), vec![page(vec![item(500_002, "Wmo begeleiding Assen 2"), item(500_001, "Wmo begeleiding Assen 1")], false)]);
    w.server.route(&p(2), vec![page(vec![item(500_000, "Wmo begeleiding Assen 0")], true)]);
    let second = w.sync(Some("TenderNed")).remove(0);
    assert_eq!((second.new, second.unchanged), (2, 2), "{second:#?}");
    assert_eq!(w.server.hits(&p(2)), 0, "one known page (the backfill window) is read, not the whole history");
}

/// A list-only source is streamed: pages are written as they are read, newest first. A
/// rectification read before its (older) announcement keeps its own dates; the announcement only
/// adds what is missing. A page that fails keeps what was read before it, leaves the cursor where
/// it was, and the next sync completes the rest without duplicates.
#[test]
fn a_list_only_sync_streams_pages_and_an_older_publication_moves_nothing_back() {
    let mut w = World::new();
    let today = chrono::Utc::now().date_naive();
    let item = |id: u32, days_ago: i64, kind: &str, title: &str, kenmerk: &str, closing: &str| {
        serde_json::json!({
            "publicatieId": id.to_string(), "publicatieDatum": (today - chrono::Duration::days(days_ago)).to_string(),
            "typePublicatie": { "code": kind, "omschrijving": if kind == "REC" { "Rectificatie" } else { "Aankondiging van een opdracht" } },
            "aanbestedingNaam": title, "opdrachtgeverNaam": "Gemeente Emmen", "sluitingsDatum": closing, "kenmerk": kenmerk
        })
    };
    let page = |items: Vec<serde_json::Value>, last: bool| Reply::json(serde_json::json!({ "content": items, "last": last }).to_string());
    let p = |n: u32| format!("{LIST}?page={n}&size=100");
    w.server.route(
        &p(0),
        vec![page(
            vec![
                item(600_010, 1, "REC", "Jeugdhulp Emmen 2027 (rectificatie)", "K-77", "2027-03-01T12:00:00"),
                item(600_009, 2, "AAO", "Wmo begeleiding Emmen", "K-78", "2027-02-20T12:00:00"),
            ],
            false,
        )],
    );
    w.server.route(&p(1), vec![page(vec![item(600_005, 10, "AAO", "Jeugdhulp Emmen 2027", "K-77", "2027-02-15T12:00:00")], false)]);
    w.server.route(&p(2), vec![Reply::status(500)]);
    let tn = w.store.source("TenderNed").unwrap();
    let list_only = serde_json::json!({ "page_size": 100, "fetch_details": false, "first_sync_days": 60, "backfill_pages": 1 });
    w.store.add_source("TenderNed lijst", SourceKind::Tenderned, &tn.base_url, &list_only).unwrap();
    let first = w.sync(Some("TenderNed lijst")).remove(0);
    assert!(first.errors.iter().any(|e| e.contains("page=2")), "{first:#?}");
    assert_eq!((first.fetched, first.new, first.unchanged), (3, 2, 1), "{first:#?}");
    let jeugd = tender_by_title(&w.store, "jeugdhulp");
    assert_eq!(tenderwacht_domain::time::format_moment_nl(jeugd.closing.unwrap()), "ma 1 mrt 2027, 12:00", "the newest publication's date stays");
    assert_eq!(w.store.publication_payloads(jeugd.id).unwrap().len(), 2, "both publications are kept, on one tender");
    let detail = w.store.tender_detail(jeugd.id).unwrap();
    assert_eq!(
        detail.published_at.map(tenderwacht_domain::time::local_date),
        Some(today - chrono::Duration::days(10)),
        "first published: the announcement"
    );
    assert!(detail.milestones.iter().all(|m| m.kind != MilestoneKind::Publicatie), "the publication date is no milestone");
    assert_eq!(w.store.source("TenderNed lijst").unwrap().cursor, None, "a failed page leaves the cursor");
    // The portal recovers: the rest arrives, nothing is stored twice.
    w.server.route(&p(2), vec![page(vec![item(600_001, 20, "AAO", "Dagbesteding Emmen", "K-79", "2027-01-20T12:00:00")], true)]);
    let second = w.sync(Some("TenderNed lijst")).remove(0);
    assert!(second.errors.is_empty(), "{second:#?}");
    assert_eq!((second.new, second.unchanged), (1, 3), "{second:#?}");
    assert_eq!(w.store.tenders(&Default::default()).unwrap().len(), 3);
    let cursor = w.store.source("TenderNed lijst").unwrap().cursor.unwrap();
    assert!(cursor.contains("600010"), "{cursor}");
}
