//! The desktop app end to end in its real window: tauri-driver drives WebKitWebDriver under a
//! private Xvfb, and `tests/e2e/checklist.e2e.mjs` (selenium-webdriver) clicks through the
//! consultant's flow. Screenshots land in `artifacts/e2e`.

// Test code: a panic is the failure report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;
use tenderwacht_tests::server::{fixture, FixtureServer, Reply};
use tenderwacht_tests::{artifacts_dir, binary, wait_for, walk, ProcessGroup, Xvfb};

/// One window at a time: three WebKit windows driven at once on a two-core machine made WebKit
/// declare a page hung now and then ("session deleted because of page crash or hang").
static ONE_WINDOW: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_window() -> std::sync::MutexGuard<'static, ()> {
    ONE_WINDOW.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let local = home.join("bin").join("tauri-driver");
    assert!(local.is_file(), "tauri-driver is missing: run scripts/install-deps.sh");
    local
}

/// tauri-driver on free ports under the given display, started and reachable (free ports for it
/// and the WebKitWebDriver it starts, so a stale driver from an earlier run cannot capture this one).
fn start_driver(x: &Xvfb) -> (ProcessGroup, u16) {
    let free_port = || std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (port, native_port) = (free_port(), free_port());
    let driver = ProcessGroup::spawn(
        Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", &x.display)
            .env("TENDERWACHT_TODAY", "2026-11-23")
            // A consultant's laptop in English: the window must speak Dutch all the same.
            .env("LANG", "en_US.UTF-8")
            .env("LANGUAGE", "en_US:en")
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    );
    let listening = || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok();
    wait_for(Duration::from_secs(20), listening).expect("tauri-driver did not start");
    (driver, port)
}

/// A won tender becomes a contract whose VOG obligation turns red when the VOG lapses, and the
/// Overzicht expects the re-tender (`tests/e2e/contracts.e2e.mjs`).
#[test]
fn a_won_tender_becomes_a_contract_and_its_obligation_turns_red_in_the_real_window() {
    let _window = one_window();
    let x = Xvfb::start(1280, 800);
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let e2e = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("e2e");
    let shots = artifacts_dir().join("e2e");
    // Two phases, each with a tauri-driver of its own: now, and the app started months later.
    for (phase, said) in [("now", "e2e contracts now: ok"), ("later", "e2e contracts later: ok")] {
        let (driver, port) = start_driver(&x);
        let out = Command::new("timeout")
            .args(["180", "node", "contracts.e2e.mjs"])
            .current_dir(&e2e)
            .env("TW_APP", binary("tenderwacht"))
            .env("TW_DATA", &data)
            .env("TW_CLI", binary("tenderwacht-cli"))
            .env("TW_SHOTS", &shots)
            .env("TW_PHASE", phase)
            .env("TW_DRIVER", format!("http://127.0.0.1:{port}/"))
            .output()
            .unwrap();
        drop(driver);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && stdout.contains(said), "e2e ({phase}) failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    }
    for name in
        ["c1-contract-verplichting-gereed", "c1b-contract-document-en-wijziging", "c2-overzicht-herinkoop", "c3-contract-verplichting-verlopen"]
    {
        assert!(shots.join(format!("{name}.png")).is_file(), "screenshot {name}");
    }
    let store = tenderwacht_store::Store::open(&data).unwrap();
    assert_eq!(store.contracts(&Default::default()).unwrap().len(), 1, "the contract the window made is in the store");
}

/// The buyer's leidraad is read in the tender detail, two proposals accepted and one rejected, the
/// final Prijzenblad attached, and the pack made holds it (`tests/e2e/deliverables.e2e.mjs`).
#[test]
fn a_leidraad_becomes_requirements_and_the_pack_holds_the_final_deliverable_in_the_real_window() {
    let _window = one_window();
    let x = Xvfb::start(1280, 800);
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let leidraad = root.path().join("leidraad.pdf");
    tenderwacht_tests::leidraad::write_pdf(&leidraad, "Aanbestedingsleidraad", tenderwacht_tests::leidraad::LEIDRAAD, 2).unwrap();
    // A later document asking a document no catalogue knows.
    let nvi = root.path().join("nvi.pdf");
    let answer = [
        "Antwoord: de inschrijver dient een ondertekende bestuursverklaring aan te leveren bij de inschrijving.",
        "Antwoord: de Gedragsverklaring Aanbesteden die de inschrijver overlegt, is niet ouder dan twee jaar.",
    ];
    tenderwacht_tests::leidraad::write_pdf(&nvi, "Nota van Inlichtingen", &answer, 0).unwrap();
    let (_driver, port) = start_driver(&x);
    let e2e = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("e2e");
    let shots = artifacts_dir().join("e2e");
    let out = Command::new("timeout")
        .args(["180", "node", "deliverables.e2e.mjs"])
        .env("TW_NVI", &nvi)
        .current_dir(&e2e)
        .env("TW_APP", binary("tenderwacht"))
        .env("TW_DATA", &data)
        .env("TW_CLI", binary("tenderwacht-cli"))
        .env("TW_SHOTS", &shots)
        .env("TW_LEIDRAAD", &leidraad)
        .env("TW_DRIVER", format!("http://127.0.0.1:{port}/"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("e2e deliverables: ok"), "e2e failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    for name in ["d1-eisen-uit-de-stukken", "d2-prijzenblad-definitief", "d3-pakket-compleet", "d4-nieuwe-documentsoort"] {
        assert!(shots.join(format!("{name}.png")).is_file(), "screenshot {name}");
    }
    // The pack the window made holds the final Prijzenblad, byte for byte.
    let exports = data.join("exports");
    let zip_path = std::fs::read_dir(&exports)
        .unwrap()
        .flat_map(|e| {
            let p = e.unwrap().path();
            if p.is_dir() {
                std::fs::read_dir(p).unwrap().map(|e| e.unwrap().path()).collect()
            } else {
                vec![p]
            }
        })
        .find(|p| p.extension().is_some_and(|e| e == "zip"))
        .expect("a zip in exports/");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let sheet = names.iter().find(|n| n.ends_with("Prijzenblad - Zorgboerderij De Eik.xlsx")).unwrap_or_else(|| panic!("{names:?}")).clone();
    let mut bytes = vec![];
    std::io::Read::read_to_end(&mut zip.by_name(&sheet).unwrap(), &mut bytes).unwrap();
    assert_eq!(bytes, b"PK\x03\x04 prijzenblad De Eik definitief");
    let store = tenderwacht_store::Store::open(&data).unwrap();
    let tender = store.search_tenders("Noord-Drenthe", 1).unwrap().remove(0);
    let proposals = store.proposals(tender.id, true).unwrap();
    let rejected = proposals.iter().filter(|p| p.status == tenderwacht_domain::ProposalStatus::Rejected).count();
    assert_eq!(rejected, 1, "the HKZ proposal rejected in the window");
}

/// An e-mail with a provider's certificate and policy schedule dropped in Binnengekomen: read,
/// shown with where each fact came from, and stored with "Alle zekere opslaan"
/// (`tests/e2e/intake.e2e.mjs`).
#[test]
fn an_arrived_mail_becomes_the_providers_documents_in_the_real_window() {
    use tenderwacht_tests::arrivals;
    let _window = one_window();
    let x = Xvfb::start(1280, 800);
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let hkz = arrivals::hkz_certificate("Zorgboerderij De Eik", "12345678", "12-03-2025", "11-03-2028");
    let polis = arrivals::polisblad("Zorgboerderij De Eik", "12345678", "01-01-2026", "01-01-2027");
    let mail = root.path().join("documenten.eml");
    std::fs::write(&mail, arrivals::eml(("De Eik", "info@de-eik.example"), "Documenten", &[("certificaat.pdf", &hkz), ("polisblad.pdf", &polis)]))
        .unwrap();
    let mark = root.path().join("keurmerk.pdf");
    std::fs::write(&mark, arrivals::keurmerk_certificate("Zorgboerderij De Eik", "12345678", "3-2-2026", "2-2-2029")).unwrap();
    let photo = root.path().join("IMG_2041.jpg");
    std::fs::write(&photo, arrivals::PHOTOGRAPHED_POLICY).unwrap();
    let (_driver, port) = start_driver(&x);
    let e2e = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("e2e");
    let shots = artifacts_dir().join("e2e");
    let out = Command::new("timeout")
        .args(["180", "node", "intake.e2e.mjs"])
        .current_dir(&e2e)
        .env("TW_APP", binary("tenderwacht"))
        .env("TW_DATA", &data)
        .env("TW_CLI", binary("tenderwacht-cli"))
        .env("TW_SHOTS", &shots)
        .env("TW_MAIL", &mail)
        .env("TW_MARK", &mark)
        .env("TW_PHOTO", &photo)
        .env("TW_DRIVER", format!("http://127.0.0.1:{port}/"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("e2e intake: ok"), "e2e failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    for name in ["i1-binnengekomen", "i2-opgeslagen", "i3-documenten-van-de-aanbieder", "i4-herkenningswoorden", "i5-keurmerk-en-foto"] {
        assert!(shots.join(format!("{name}.png")).is_file(), "screenshot {name}");
    }
    let store = tenderwacht_store::Store::open(&data).unwrap();
    let party = store.resolve_party("12345678", None).unwrap();
    let docs = store.documents(party, false).unwrap();
    let mut kinds: Vec<&str> = docs.iter().map(|d| d.type_code.as_str()).collect();
    kinds.sort();
    assert_eq!(kinds, ["avb", "hkz"]);
}

#[test]
fn checklist_follows_uploads_and_a_moved_closing_in_the_real_window() {
    let _window = one_window();
    // A screen as large as the largest window size the screenshots need.
    let x = Xvfb::start(1920, 1080);
    // The window starts on an empty data folder (the first-start guide); the script then adds a
    // portal publication and a hostile tender with `tenderwacht-cli` while the window is open, as
    // a colleague's sync would.
    let data = tempfile::tempdir().unwrap();
    let seeds = tempfile::tempdir().unwrap();
    let detail = seeds.path().join("tenderned-detail.json");
    std::fs::write(&detail, PUBLISHED_DETAIL).unwrap();
    // A TenderNed detail whose closing (2049) cannot be right: stored, its closing flagged.
    let flagged = seeds.path().join("tenderned-2049.json");
    std::fs::write(&flagged, FLAGGED_DETAIL).unwrap();
    // The CTM Solution feed on loopback, for the source form's dry run.
    let portal = FixtureServer::start();
    portal.route("/ctm/rss", vec![Reply::with_type(fixture("feeds/ctm.atom", &portal.base), "application/atom+xml")]);
    let (_driver, port) = start_driver(&x);
    let e2e = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("e2e");
    assert!(e2e.join("node_modules").is_dir(), "run scripts/install-deps.sh (npm ci in tests/e2e)");
    let shots = artifacts_dir().join("e2e");
    let out = Command::new("timeout")
        .args(["180", "node", "checklist.e2e.mjs"])
        .current_dir(&e2e)
        .env("TW_APP", binary("tenderwacht"))
        .env("TW_DATA", data.path())
        .env("TW_CLI", binary("tenderwacht-cli"))
        .env("TW_SEED_DETAIL", &detail)
        .env("TW_SEED_FLAGGED", &flagged)
        .env("TW_FEED_URL", portal.url("/ctm/rss"))
        .env("TW_SHOTS", &shots)
        .env("TW_DRIVER", format!("http://127.0.0.1:{port}/"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("e2e: ok"), "e2e failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    for name in [
        "0-eerste-start",
        "1-aanbieder-met-kvk",
        "2-checklist-gereed",
        "3-checklist-te-oud",
        "3b-checklist-cel-bijgewerkt",
        "4-pakketten",
        "5-vijandige-tekst",
        "6-tijdlijn-portaal",
        "6b-tijdlijn-nvi",
        "7-zoekprofiel-bewerken",
        "8-overzicht-daarna",
        "6c-sluiting-onwaarschijnlijk",
        "7b-bron-proef",
    ] {
        assert!(shots.join(format!("{name}.png")).is_file(), "screenshot {name}");
    }
    for size in ["1280x800", "1920x1080"] {
        for screen in ["overzicht", "aanbestedingen", "checklist", "aanbieders", "bronnen", "instellingen"] {
            assert!(shots.join(format!("scherm-{size}-{screen}.png")).is_file(), "screenshot {screen} at {size}");
        }
    }
    // The forced pack and the backup are real files in the data folder.
    let packs: Vec<_> = walk(&data.path().join("exports")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "zip")).collect();
    assert_eq!(packs.len(), 1, "{packs:?}");
    assert!(std::process::Command::new("unzip").arg("-tq").arg(&packs[0]).status().unwrap().success());
    assert_eq!(std::fs::read_dir(data.path().join("backups")).unwrap().count(), 2, "the daily backup and the one made by hand");
    // What the window did is in the store the CLI and core read too.
    let store = tenderwacht_store::Store::open(data.path()).unwrap();
    assert_eq!(store.parties(None).unwrap().len(), 1);
}

/// A TenderNed publication detail (the detail's own field names): the tender it makes shows when
/// it was first published.
const PUBLISHED_DETAIL: &str = r#"{"publicatieId": 700001, "kenmerk": 700001, "publicatieDatum": "2026-11-02", "aanbestedingNaam": "Wmo begeleiding Tynaarlo 2027",
    "aanbestedendeDienstNaam": "Gemeente Tynaarlo", "sluitingsDatum": "2027-02-01T12:00:00", "typePublicatie": "AAO", "publicatieCode": "EF16",
    "procedureCode": {"code": "SAD", "omschrijving": "Sociale en andere specifieke diensten"}, "isVroegtijdigBeeindigd": false}"#;

/// A TenderNed detail with a closing in 2049: kept, the closing empty and flagged on the tender.
const FLAGGED_DETAIL: &str = r#"{"publicatieId": 700002, "kenmerk": 700002, "publicatieDatum": "2026-11-12", "aanbestedingNaam": "Open House Wmo begeleiding Leeuwarden",
    "aanbestedendeDienstNaam": "Gemeente Leeuwarden", "sluitingsDatum": "2049-01-01T12:00:00", "typePublicatie": "AAO", "publicatieCode": "EF16",
    "procedureCode": {"code": "OH", "omschrijving": "Open House toelatingsprocedure"}, "isVroegtijdigBeeindigd": false}"#;

/// A new consultant's first week (`tests/e2e/firstweek.e2e.mjs`): the request list is the
/// selected provider's own, Dutch dates and field checks, a failed sync said in the header, the
/// team key kept on screen and shown again, a colleague's laptop taken out of the team (a new
/// key shown once, the old one refused) and leaving the team with the data kept.
#[test]
fn a_first_week_on_an_english_system_in_the_real_window() {
    let _window = one_window();
    let x = Xvfb::start(1280, 800);
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let team_folder = root.path().join("gedeeld");
    std::fs::create_dir_all(&team_folder).unwrap();
    {
        // Every portal points at a closed loopback port: the sync runs, and nobody answers.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut store = tenderwacht_store::Store::open(&data).unwrap();
        for s in store.sources().unwrap() {
            store.update_source(s.id, Some(&format!("http://127.0.0.1:{closed}/")), Some(true)).unwrap();
        }
    }
    let cli = |args: &[&str]| {
        let out =
            Command::new(binary("tenderwacht-cli")).arg("--data-dir").arg(&data).args(args).env("TENDERWACHT_TODAY", "2026-11-23").output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    cli(&["provider", "add", "--name", "Zorgboerderij De Eik", "--kvk", "12345678"]);
    cli(&["provider", "add", "--name", "Het Anker", "--kvk", "87654321"]);
    for (title, party, doc) in [("Jeugdhulp Assen 2027", "De Eik", "vog"), ("Wmo Emmen 2027", "Het Anker", "kvk")] {
        cli(&[
            "tender",
            "add",
            "--title",
            title,
            "--buyer",
            "Gemeente",
            "--domain",
            "jeugdwet",
            "--status",
            "inschrijven",
            "--closing",
            "2027-01-15 12:00",
        ]);
        cli(&["requirement", "add", title, "--type", doc]);
        cli(&["bid", "add", title, "--party", party]);
    }
    let (_driver, port) = start_driver(&x);
    let e2e = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("e2e");
    let shots = artifacts_dir().join("e2e");
    let out = Command::new("timeout")
        .args(["180", "node", "firstweek.e2e.mjs"])
        .current_dir(&e2e)
        .env("TW_APP", binary("tenderwacht"))
        .env("TW_DATA", &data)
        .env("TW_CLI", binary("tenderwacht-cli"))
        .env("TW_SHOTS", &shots)
        .env("TW_TEAM_FOLDER", &team_folder)
        .env("TW_DRIVER", format!("http://127.0.0.1:{port}/"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("e2e firstweek: ok"), "e2e failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    for name in [
        "f1-verzoek-per-aanbieder",
        "f2-datum-bestaat-niet",
        "f3-kalender-maandag",
        "f4-synchronisatie-mislukt",
        "f5-teamsleutel-na-opzetten",
        "f6-teamsleutel-opnieuw",
        "f7a-sleutel-vernieuwd",
        "f7-laptop-uit-team",
        "f8-team-verlaten",
    ] {
        assert!(shots.join(format!("{name}.png")).is_file(), "screenshot {name}");
    }
}

/// Correcting mistakes on the smallest supported window (`tests/e2e/corrections.e2e.mjs`): every
/// screen fits 1024×700; a provider renamed, a document's date corrected, a document and a
/// provider removed after saying what goes along, a provider under contract refused, a
/// requirement's maximum age typed in words, a new document said and highlighted.
#[test]
fn mistakes_are_corrected_on_a_1024_by_700_window() {
    let _window = one_window();
    let x = Xvfb::start(1024, 700);
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let cli = |args: &[&str]| -> serde_json::Value {
        let out = Command::new(binary("tenderwacht-cli"))
            .arg("--data-dir")
            .arg(&data)
            .arg("--json")
            .args(args)
            .env("TENDERWACHT_TODAY", "2026-11-23")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap_or_default()
    };
    cli(&["provider", "add", "--name", "Zorgboerderij De Eik", "--kvk", "12345678", "--place", "Gieten"]);
    cli(&["provider", "add", "--name", "Het Anker", "--kvk", "87654321"]);
    let kvk = root.path().join("KvK De Eik.pdf");
    let vog = root.path().join("VOG De Eik.pdf");
    std::fs::write(&kvk, b"%PDF-1.4 kvk").unwrap();
    std::fs::write(&vog, b"%PDF-1.4 vog").unwrap();
    let mut ids = vec![];
    for (code, file) in [("kvk", &kvk), ("vog", &vog)] {
        let doc = cli(&["document", "add", "--party", "De Eik", "--type", code, "--file", file.to_str().unwrap(), "--issued", "01-10-2026"]);
        ids.push(doc["id"].as_str().unwrap().to_string());
    }
    cli(&[
        "tender",
        "add",
        "--title",
        "Jeugdhulp Assen 2027",
        "--buyer",
        "Gemeente Assen",
        "--status",
        "inschrijven",
        "--closing",
        "2027-01-15 12:00",
    ]);
    cli(&["requirement", "add", "Jeugdhulp Assen", "--type", "vog"]);
    cli(&["requirement", "add", "Jeugdhulp Assen", "--type", "kvk"]);
    let bid = cli(&["bid", "add", "Jeugdhulp Assen", "--party", "De Eik"]);
    let bid = bid["id"].as_str().or(bid.as_str()).unwrap().to_string();
    cli(&["bid", "set", &bid, "kvk", "--document", &ids[0]]);
    cli(&[
        "contract",
        "add",
        "--party",
        "Het Anker",
        "--buyer",
        "Gemeente Emmen",
        "--domain",
        "wmo",
        "--start",
        "2026-01-01",
        "--end",
        "2027-12-31",
        "--product",
        "45A04: Begeleiding individueel",
    ]);
    let (_driver, port) = start_driver(&x);
    let e2e = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("e2e");
    let shots = artifacts_dir().join("e2e");
    let out = Command::new("timeout")
        .args(["180", "node", "corrections.e2e.mjs"])
        .current_dir(&e2e)
        .env("TW_PORTAL_FILE", PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/tenderned/page-0.json"))
        .env("TW_APP", binary("tenderwacht"))
        .env("TW_DATA", &data)
        .env("TW_CLI", binary("tenderwacht-cli"))
        .env("TW_SHOTS", &shots)
        .env("TW_DRIVER", format!("http://127.0.0.1:{port}/"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("e2e corrections: ok"), "e2e failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    for name in [
        "k-overzicht-1024x700",
        "k-aanbieders-1024x700",
        "k1-document-verwijderen-vraag",
        "k3-verwijderen-geweigerd",
        "k4-eis-bewerkt",
        "k5-aanbieder-verwijderen-vraag",
    ] {
        assert!(shots.join(format!("{name}.png")).is_file(), "screenshot {name}");
    }
}
