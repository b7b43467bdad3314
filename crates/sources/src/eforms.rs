//! eForms UBL notices (as TED publishes them and as the EU Publications Office's SDK examples show
//! them): every notice kind — prior information, call for competition (also a PIN used as one, and
//! the light regime `cn-social`), change, intention to award (VEAT), award, modification — with
//! every deadline it carries, its texts in one language, and the winners of an award. A notice that
//! breaks the rules a reader depends on (no notice id, one text given twice in one language, an
//! unknown language code) is refused with the reason.

use crate::error::SourceError;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use roxmltree::{Document, Node};
use std::collections::HashMap;
use tenderwacht_domain::{
    publication::{KeyKind, Notice, NoticeKind, SourceKind},
    Procedure,
};

/// What a notice says besides the publication itself: the ids a conformance run needs to check a
/// change notice against the notice it changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Identity {
    pub notice_id: String,
    pub contract_folder: Option<String>,
    /// The notice (id + "-" + version) a change notice changes.
    pub changes: Option<String>,
}

fn children<'a, 'b>(node: Node<'a, 'b>, name: &'static str) -> impl Iterator<Item = Node<'a, 'b>> {
    node.children().filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn child<'a, 'b>(node: Node<'a, 'b>, name: &'static str) -> Option<Node<'a, 'b>> {
    children(node, name).next()
}

fn path<'a, 'b>(node: Node<'a, 'b>, names: &[&'static str]) -> Option<Node<'a, 'b>> {
    names.iter().try_fold(node, |n, name| child(n, name))
}

/// The trimmed text of an element, when it has any (also the feed reader's).
pub(crate) fn text_of(node: Option<Node>) -> Option<String> {
    node.and_then(|n| n.text()).map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

fn descendants<'a, 'b>(node: Node<'a, 'b>, name: &'static str) -> impl Iterator<Item = Node<'a, 'b>> {
    node.descendants().filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The text of `name` under `node` in `lang`, else in the first language given.
fn localized(node: Node, name: &'static str, lang: &str) -> Option<String> {
    let all: Vec<Node> = children(node, name).collect();
    let chosen = all.iter().find(|n| n.attribute("languageID") == Some(lang));
    text_of(chosen.or(all.first()).copied())
}

/// The one language a tender is shown in: Dutch when the notice has it, else English, else the
/// notice's own language, else the first one found — for title, buyer and description alike.
fn notice_language(root: Node) -> String {
    let mut found: Vec<&str> = vec![];
    for n in root.descendants().filter(|n| n.is_element() && matches!(n.tag_name().name(), "Name" | "Description")) {
        if let Some(l) = n.attribute("languageID") {
            if !found.contains(&l) {
                found.push(l);
            }
        }
    }
    for preferred in ["NLD", "ENG"] {
        if found.contains(&preferred) {
            return preferred.to_string();
        }
    }
    text_of(child(root, "NoticeLanguageCode")).or_else(|| found.first().map(|l| l.to_string())).unwrap_or_default()
}

/// eForms dates carry their offset on the date ("2020-01-06+01:00") and on the time.
pub fn moment(date: Option<String>, time: Option<String>) -> Option<DateTime<Utc>> {
    let date = date?;
    let day = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    let offset_of = |s: &str| -> Option<FixedOffset> {
        if s.ends_with('Z') {
            return FixedOffset::east_opt(0);
        }
        let tail = s.get(s.len().checked_sub(6)?..)?;
        if tail.as_bytes().get(3) != Some(&b':') {
            return None;
        }
        let sign = match tail.as_bytes().first()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let h: i32 = tail.get(1..3)?.parse().ok()?;
        let m: i32 = tail.get(4..6)?.parse().ok()?;
        FixedOffset::east_opt(sign * (h * 3600 + m * 60))
    };
    let (clock, offset) = match &time {
        Some(t) => (NaiveTime::parse_from_str(t.get(..8)?, "%H:%M:%S").ok()?, offset_of(t).or_else(|| offset_of(&date))),
        // A deadline without time means the end of that day.
        None => (NaiveTime::from_hms_opt(23, 59, 59)?, offset_of(&date)),
    };
    match offset {
        Some(o) => o.from_local_datetime(&day.and_time(clock)).single().map(|d| d.with_timezone(&Utc)),
        None => tenderwacht_domain::time::local_to_utc("", day.and_time(clock)).ok(),
    }
}

/// The earliest end of every period of this name in the notice (lots may differ; the first one is
/// the one a bid on any lot faces first). A period whose date cannot be read is reported.
fn earliest(root: Node, name: &'static str, field: &str, unreadable: &mut Vec<(String, String)>) -> Option<DateTime<Utc>> {
    let mut best: Option<DateTime<Utc>> = None;
    for period in descendants(root, name) {
        let date = text_of(child(period, "EndDate"));
        let time = text_of(child(period, "EndTime"));
        match moment(date.clone(), time.clone()) {
            Some(at) => best = Some(best.map_or(at, |b| b.min(at))),
            None if date.is_some() => {
                let raw = format!("{} {}", date.unwrap_or_default(), time.unwrap_or_default()).trim().to_string();
                if !unreadable.iter().any(|(f, r)| f == field && *r == raw) {
                    unreadable.push((field.to_string(), raw));
                }
            }
            None => {}
        }
    }
    best
}

/// The kind of notice from the root element, the notice type code and the change extension.
fn kind_of(root_name: &str, notice_type: &str, is_change: bool, notes: &mut Vec<String>) -> NoticeKind {
    if is_change {
        return NoticeKind::Change;
    }
    match notice_type {
        t if t.starts_with("pin-cfc") => NoticeKind::Announcement,
        "pin-only" | "pin-buyer" | "pin-rtl" | "pin-tran" | "pmc" => NoticeKind::PriorInformation,
        "cn-standard" | "cn-social" | "cn-desg" | "qu-sy" => NoticeKind::Announcement,
        "veat" => NoticeKind::Intention,
        "can-standard" | "can-social" | "can-desg" | "can-tran" => NoticeKind::Award,
        "can-modif" | "compl" => NoticeKind::Modification,
        "subco" | "brin-eeig" | "brin-ecs" => NoticeKind::Other,
        other => {
            notes.push(format!("onbekende eForms-berichtsoort '{other}'"));
            match root_name {
                "ContractAwardNotice" => NoticeKind::Award,
                "PriorInformationNotice" => NoticeKind::PriorInformation,
                "ContractNotice" => NoticeKind::Announcement,
                _ => NoticeKind::Other,
            }
        }
    }
}

/// The kind of notice from an eForms notice type code alone (as TED's search gives it).
pub fn notice_kind(notice_type: &str, notes: &mut Vec<String>) -> NoticeKind {
    kind_of("", notice_type, false, notes)
}

/// The refusals a reader must make: every text field given at most once per language, and every
/// language code one of three capital letters.
fn check_languages(root: Node) -> Result<(), SourceError> {
    for parent in root.descendants().filter(|n| n.is_element()) {
        let mut seen: Vec<(&str, &str)> = vec![];
        for c in parent.children().filter(|c| c.is_element()) {
            let Some(lang) = c.attribute("languageID") else { continue };
            if lang.len() != 3 || !lang.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(SourceError::parse("eForms", format!("onbekende taalcode '{lang}' bij {}", c.tag_name().name())));
            }
            let key = (c.tag_name().name(), lang);
            if seen.contains(&key) {
                return Err(SourceError::parse("eForms", format!("{} staat twee keer in taal {lang} (in {})", key.0, parent.tag_name().name())));
            }
            seen.push(key);
        }
    }
    for lang in descendants(root, "Language").filter_map(|l| text_of(child(l, "ID"))) {
        if lang.len() != 3 || !lang.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(SourceError::parse("eForms", format!("onbekende taalcode '{lang}'")));
        }
    }
    Ok(())
}

/// Organisation names by id (ORG-0001 -> "Gemeente Assen"), in the notice's language.
fn organisations(root: Node, lang: &str) -> HashMap<String, (String, Option<String>)> {
    let mut out = HashMap::new();
    for company in descendants(root, "Organization").filter_map(|o| child(o, "Company")) {
        let Some(id) = text_of(path(company, &["PartyIdentification", "ID"])) else { continue };
        // A name per language may come as one PartyName each (seen in real notices: Bulgarian
        // first, Dutch second); the notice's language wins over the first.
        let names: Vec<Node> = children(company, "PartyName").flat_map(|pn| children(pn, "Name")).collect();
        let chosen = names.iter().find(|n| n.attribute("languageID") == Some(lang)).or(names.first());
        let name = text_of(chosen.copied()).unwrap_or_default();
        let nuts = text_of(path(company, &["PostalAddress", "CountrySubentityCode"]));
        out.insert(id, (name, nuts));
    }
    out
}

/// (lot, winner) pairs of an award: the lot results with a winner chosen, their tenders, the
/// tendering parties behind them and those parties' organisations.
fn winners(ext: Node, orgs: &HashMap<String, (String, Option<String>)>, lot_names: &HashMap<String, String>) -> Vec<(String, String)> {
    let Some(result) = child(ext, "NoticeResult") else { return vec![] };
    let tender_party: HashMap<String, String> =
        children(result, "LotTender").filter_map(|t| Some((text_of(child(t, "ID"))?, text_of(path(t, &["TenderingParty", "ID"]))?))).collect();
    let party_orgs: HashMap<String, Vec<String>> = children(result, "TenderingParty")
        .filter_map(|p| Some((text_of(child(p, "ID"))?, children(p, "Tenderer").filter_map(|t| text_of(child(t, "ID"))).collect())))
        .collect();
    let mut out: Vec<(String, String)> = vec![];
    for lot_result in children(result, "LotResult") {
        if text_of(child(lot_result, "TenderResultCode")).as_deref() != Some("selec-w") {
            continue;
        }
        let lot_id = text_of(path(lot_result, &["TenderLot", "ID"])).unwrap_or_default();
        let lot = if lot_names.len() > 1 { lot_names.get(&lot_id).cloned().unwrap_or(lot_id) } else { String::new() };
        for tender in children(lot_result, "LotTender").filter_map(|t| text_of(child(t, "ID"))) {
            let Some(party) = tender_party.get(&tender) else { continue };
            for org in party_orgs.get(party).into_iter().flatten() {
                if let Some((name, _)) = orgs.get(org).filter(|(n, _)| !n.is_empty()) {
                    let pair = (lot.clone(), name.clone());
                    if !out.contains(&pair) {
                        out.push(pair);
                    }
                }
            }
        }
    }
    out
}

/// Parses an eForms notice. `publication_number` is TED's number when the notice came from TED.
pub fn parse(bytes: &[u8], publication_number: Option<&str>) -> Result<Notice, SourceError> {
    parse_with_identity(bytes, publication_number).map(|(n, _)| n)
}

/// [`parse`], also returning the notice's ids (for checking a change against what it changes).
pub fn parse_with_identity(bytes: &[u8], publication_number: Option<&str>) -> Result<(Notice, Identity), SourceError> {
    let text = std::str::from_utf8(bytes).map_err(|e| SourceError::parse("eForms", e))?;
    let doc = Document::parse(text).map_err(|e| SourceError::parse("eForms", e))?;
    let root = doc.root_element();
    let root_name = root.tag_name().name();
    if !matches!(root_name, "ContractNotice" | "ContractAwardNotice" | "PriorInformationNotice" | "BusinessRegistrationInformationNotice") {
        return Err(SourceError::parse("eForms", format!("geen eForms-bericht (hoofdelement {root_name})")));
    }
    let notice_id = text_of(children(root, "ID").find(|n| n.attribute("schemeName") == Some("notice-id")).or_else(|| child(root, "ID")))
        .ok_or_else(|| SourceError::parse("eForms", "notice-id ontbreekt"))?;
    check_languages(root)?;
    let notice_type = text_of(child(root, "NoticeTypeCode")).unwrap_or_default();
    let lang = notice_language(root);
    let external = publication_number.map(str::to_string).unwrap_or_else(|| notice_id.clone());
    let mut n = Notice::new(SourceKind::Ted, external, bytes.to_vec(), "xml");
    n.version = text_of(child(root, "VersionID")).unwrap_or_default();
    let extensions = path(root, &["UBLExtensions", "UBLExtension", "ExtensionContent", "EformsExtension"]);
    let changes = extensions.and_then(|e| child(e, "Changes"));
    n.kind = kind_of(root_name, &notice_type, changes.is_some(), &mut n.notes);
    n.published_at = moment(text_of(child(root, "IssueDate")), text_of(child(root, "IssueTime")));
    let project = child(root, "ProcurementProject");
    if let Some(p) = project {
        n.title = localized(p, "Name", &lang).unwrap_or_default();
        n.description = localized(p, "Description", &lang).unwrap_or_default();
    }
    let orgs = extensions.map(|e| organisations(e, &lang)).unwrap_or_default();
    // Buyer: the organisation the (first) contracting party points to.
    let buyer_ref = text_of(path(root, &["ContractingParty", "Party", "PartyIdentification", "ID"]));
    if let Some((name, nuts)) = buyer_ref.and_then(|r| orgs.get(&r)) {
        n.buyer = name.clone();
        n.nuts.extend(nuts.clone());
    }
    // A group of lots (`GLO-…`, schemeName LotsGroup) is not a lot: it bundles lots for the award.
    let lots: Vec<Node> = children(root, "ProcurementProjectLot")
        .filter(|l| {
            !child(*l, "ID")
                .is_some_and(|id| id.attribute("schemeName") == Some("LotsGroup") || id.text().is_some_and(|t| t.trim().starts_with("GLO-")))
        })
        .collect();
    let mut cpv = vec![];
    let mut nuts = vec![];
    for scope in project.into_iter().chain(lots.iter().filter_map(|l| child(*l, "ProcurementProject"))) {
        for class in children(scope, "MainCommodityClassification").chain(children(scope, "AdditionalCommodityClassification")) {
            if let Some(code) = text_of(child(class, "ItemClassificationCode")) {
                if !cpv.contains(&code) {
                    cpv.push(code);
                }
            }
        }
        for loc in children(scope, "RealizedLocation") {
            if let Some(code) = text_of(path(loc, &["Address", "CountrySubentityCode"])) {
                if !nuts.contains(&code) {
                    nuts.push(code);
                }
            }
        }
    }
    n.cpv = cpv;
    // Places of performance first; the buyer's own NUTS only when none is given.
    if !nuts.is_empty() {
        n.nuts = nuts;
    }
    let lot_names: HashMap<String, String> = lots
        .iter()
        .filter_map(|l| Some((text_of(child(*l, "ID"))?, child(*l, "ProcurementProject").and_then(|p| localized(p, "Name", &lang))?)))
        .collect();
    if lots.len() > 1 {
        n.lots = lots.iter().filter_map(|l| child(*l, "ProcurementProject").and_then(|p| localized(p, "Name", &lang))).collect();
    }
    let mut unreadable = vec![];
    n.closing = earliest(root, "TenderSubmissionDeadlinePeriod", "sluitingsdatum", &mut unreadable);
    n.requests_deadline = earliest(root, "ParticipationRequestReceptionPeriod", "sluiting aanmelding", &mut unreadable);
    n.interest_deadline = earliest(root, "InterestExpressionReceptionPeriod", "uiterste blijk van belangstelling", &mut unreadable);
    n.questions_deadline = earliest(root, "AdditionalInformationRequestPeriod", "vragen-deadline", &mut unreadable);
    n.unreadable = unreadable;
    if let Some(ext) = extensions {
        n.winners = winners(ext, &orgs, &lot_names);
    }
    let social = notice_type.ends_with("-social");
    n.procedure = match text_of(path(root, &["TenderingProcess", "ProcedureCode"])).as_deref() {
        _ if social => Procedure::LichteRegeling,
        Some("open") => Procedure::Openbaar,
        Some("restricted") => Procedure::NietOpenbaar,
        Some("neg-w-call" | "neg-wo-call" | "comp-dial" | "innovation" | "oth-single" | "oth-mult" | "comp-tend") | None => Procedure::Onbekend,
        Some(other) => {
            n.notes.push(format!("onbekende procedurecode '{other}'"));
            Procedure::Onbekend
        }
    };
    let contract_folder = text_of(child(root, "ContractFolderID"));
    if let Some(folder) = &contract_folder {
        n.keys.push((KeyKind::ContractFolder, folder.clone()));
    }
    if let Some(number) = publication_number {
        n.keys.push((KeyKind::TedPublication, number.to_string()));
        n.url = Some(format!("https://ted.europa.eu/nl/notice/-/detail/{number}"));
    }
    if n.title.is_empty() && root_name != "BusinessRegistrationInformationNotice" {
        n.notes.push("eForms: geen titel (ProcurementProject/Name)".into());
    }
    let identity = Identity { notice_id, contract_folder, changes: changes.and_then(|c| text_of(child(c, "ChangedNoticeIdentifier"))) };
    Ok((n, identity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_on_dates_and_times() {
        let m = moment(Some("2027-01-15+01:00".into()), Some("12:00:00+01:00".into())).unwrap_or_else(|| panic!("moment"));
        assert_eq!(tenderwacht_domain::time::to_db(m), "2027-01-15T11:00:00Z");
        let z = moment(Some("2027-07-01Z".into()), Some("10:00:00Z".into())).unwrap_or_else(|| panic!("moment"));
        assert_eq!(tenderwacht_domain::time::to_db(z), "2027-07-01T10:00:00Z");
        let local = moment(Some("2027-07-01".into()), Some("10:00:00".into())).unwrap_or_else(|| panic!("moment"));
        assert_eq!(tenderwacht_domain::time::to_db(local), "2027-07-01T08:00:00Z", "no offset: Dutch time");
        assert!(moment(Some("gisteren".into()), None).is_none());
    }

    #[test]
    fn broken_xml_is_a_parse_error() {
        assert!(parse(b"<ContractNotice><cbc:ID", None).is_err());
        assert!(parse(b"<ContractNotice/>", None).is_err(), "no notice id");
        assert!(parse(&[0xff, 0xfe, 0x00], None).is_err());
        assert!(parse(b"<html><body/></html>", None).is_err());
    }
}
