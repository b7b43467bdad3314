//! TED: the search API v3 (POST `/v3/notices/search`, iteration paging) and the eForms UBL notices
//! it links to — contract notices (including `cn-social`, the light regime), prior information
//! notices used as a call for competition, change notices and contract award notices.

use crate::error::SourceError;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use roxmltree::{Document, Node};
use serde_json::{json, Value};
use tenderwacht_core::domain::Procedure;
use tenderwacht_core::publication::{KeyKind, Notice, NoticeKind, SourceKind};

pub const SEARCH_PATH: &str = "/v3/notices/search";

/// The search request for one page.
pub fn search_body(query: &str, limit: u32, token: Option<&str>) -> Value {
    let mut body = json!({
        "query": query,
        "fields": ["publication-number", "notice-title", "buyer-name", "publication-date", "links"],
        "limit": limit,
        "paginationMode": "ITERATION",
    });
    if let Some(t) = token {
        body["iterationNextToken"] = json!(t);
    }
    body
}

/// One hit of the search.
#[derive(Debug, Clone)]
pub struct Hit {
    pub publication_number: String,
    pub xml_url: Option<String>,
}

/// A search page: hits, the token of the next page, and hits that could not be read.
#[derive(Debug, Clone)]
pub struct SearchPage {
    pub hits: Vec<Hit>,
    pub next_token: Option<String>,
    pub rejected: Vec<(String, String)>,
}

pub fn parse_search(bytes: &[u8]) -> Result<SearchPage, SourceError> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| SourceError::parse("TED-zoekresultaat", e))?;
    let notices = v.get("notices").and_then(Value::as_array).ok_or_else(|| SourceError::parse("TED-zoekresultaat", "geen notices[]"))?;
    let mut hits = vec![];
    let mut rejected = vec![];
    for (i, n) in notices.iter().enumerate() {
        let Some(number) = n.get("publication-number").and_then(Value::as_str).filter(|s| !s.trim().is_empty()) else {
            rejected.push((format!("notice {i}"), "publication-number ontbreekt".into()));
            continue;
        };
        let xml = n.get("links").and_then(|l| l.get("xml")).and_then(|x| {
            x.get("MUL").or_else(|| x.as_object().and_then(|o| o.values().next())).and_then(Value::as_str).map(str::to_string)
        });
        hits.push(Hit { publication_number: number.trim().to_string(), xml_url: xml });
    }
    let next_token = v.get("iterationNextToken").and_then(Value::as_str).filter(|t| !t.is_empty() && !hits.is_empty()).map(str::to_string);
    Ok(SearchPage { hits, next_token, rejected })
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

fn text_of(node: Option<Node>) -> Option<String> {
    node.and_then(|n| n.text()).map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// The Dutch text among language variants, else the first.
fn localized(node: Node, name: &'static str) -> Option<String> {
    let all: Vec<Node> = children(node, name).collect();
    let nl = all.iter().find(|n| n.attribute("languageID") == Some("NLD"));
    text_of(nl.or(all.first()).copied())
}

/// eForms dates carry their offset on the date ("2020-01-06+01:00") and on the time.
fn moment(date: Option<String>, time: Option<String>) -> Option<DateTime<Utc>> {
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
        None => tenderwacht_core::time::local_to_utc("", day.and_time(clock)).ok(),
    }
}

fn period_end(node: Option<Node>) -> Option<DateTime<Utc>> {
    let n = node?;
    moment(text_of(child(n, "EndDate")), text_of(child(n, "EndTime")))
}

/// Parses an eForms notice. `publication_number` is TED's number when the notice came from TED.
pub fn parse_eforms(bytes: &[u8], publication_number: Option<&str>) -> Result<Notice, SourceError> {
    let text = std::str::from_utf8(bytes).map_err(|e| SourceError::parse("eForms", e))?;
    let doc = Document::parse(text).map_err(|e| SourceError::parse("eForms", e))?;
    let root = doc.root_element();
    let root_name = root.tag_name().name();
    let notice_type = text_of(child(root, "NoticeTypeCode")).unwrap_or_default();
    let notice_id = text_of(children(root, "ID").find(|n| n.attribute("schemeName") == Some("notice-id")).or_else(|| child(root, "ID")))
        .ok_or_else(|| SourceError::parse("eForms", "notice-id ontbreekt"))?;
    let external = publication_number.map(str::to_string).unwrap_or_else(|| notice_id.clone());
    let mut n = Notice::new(SourceKind::Ted, external, bytes.to_vec(), "xml");
    n.version = text_of(child(root, "VersionID")).unwrap_or_default();
    let extensions = path(root, &["UBLExtensions", "UBLExtension", "ExtensionContent", "EformsExtension"]);
    let is_change = extensions.and_then(|e| child(e, "Changes")).is_some();
    n.kind = match (root_name, notice_type.as_str()) {
        _ if is_change => NoticeKind::Change,
        ("ContractAwardNotice", _) => NoticeKind::Award,
        ("PriorInformationNotice", t) if t.starts_with("pin-cfc") => NoticeKind::Announcement,
        ("PriorInformationNotice", _) => NoticeKind::PriorInformation,
        ("ContractNotice", _) => NoticeKind::Announcement,
        _ => NoticeKind::Other,
    };
    n.published_at = moment(text_of(child(root, "IssueDate")), text_of(child(root, "IssueTime")));
    let project = child(root, "ProcurementProject");
    if let Some(p) = project {
        n.title = localized(p, "Name").unwrap_or_default();
        n.description = localized(p, "Description").unwrap_or_default();
    }
    // Buyer: the organisation the contracting party points to.
    let buyer_ref = text_of(path(root, &["ContractingParty", "Party", "PartyIdentification", "ID"]));
    if let (Some(ext), Some(r)) = (extensions, buyer_ref) {
        let orgs = child(ext, "Organizations");
        let company = orgs.into_iter().flat_map(|o| children(o, "Organization")).filter_map(|o| child(o, "Company")).find(|c| {
            text_of(path(*c, &["PartyIdentification", "ID"])).as_deref() == Some(r.as_str())
        });
        if let Some(c) = company {
            n.buyer = child(c, "PartyName").and_then(|pn| localized(pn, "Name")).unwrap_or_default();
            if let Some(code) = text_of(path(c, &["PostalAddress", "CountrySubentityCode"])) {
                n.nuts.push(code);
            }
        }
    }
    let lots: Vec<Node> = children(root, "ProcurementProjectLot").collect();
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
    if lots.len() > 1 {
        n.lots = lots.iter().filter_map(|l| child(*l, "ProcurementProject").and_then(|p| localized(p, "Name"))).collect();
    }
    n.closing = lots.iter().filter_map(|l| period_end(path(*l, &["TenderingProcess", "TenderSubmissionDeadlinePeriod"]))).min();
    n.questions_deadline = lots
        .iter()
        .filter_map(|l| period_end(path(*l, &["TenderingProcess", "AdditionalInformationRequestPeriod"])))
        .chain(period_end(path(root, &["TenderingProcess", "AdditionalInformationRequestPeriod"])))
        .min();
    let social = notice_type.ends_with("-social");
    n.procedure = match text_of(path(root, &["TenderingProcess", "ProcedureCode"])).as_deref() {
        _ if social => Procedure::LichteRegeling,
        Some("open") => Procedure::Openbaar,
        Some("restricted") => Procedure::NietOpenbaar,
        _ => Procedure::Onbekend,
    };
    if let Some(folder) = text_of(child(root, "ContractFolderID")) {
        n.keys.push((KeyKind::ContractFolder, folder));
    }
    if let Some(number) = publication_number {
        n.keys.push((KeyKind::TedPublication, number.to_string()));
        n.url = Some(format!("https://ted.europa.eu/nl/notice/-/detail/{number}"));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_on_dates_and_times() {
        let m = moment(Some("2027-01-15+01:00".into()), Some("12:00:00+01:00".into())).unwrap();
        assert_eq!(tenderwacht_core::time::to_db(m), "2027-01-15T11:00:00Z");
        let z = moment(Some("2027-07-01Z".into()), Some("10:00:00Z".into())).unwrap();
        assert_eq!(tenderwacht_core::time::to_db(z), "2027-07-01T10:00:00Z");
        let local = moment(Some("2027-07-01".into()), Some("10:00:00".into())).unwrap();
        assert_eq!(tenderwacht_core::time::to_db(local), "2027-07-01T08:00:00Z", "no offset: Dutch time");
        assert!(moment(Some("gisteren".into()), None).is_none());
    }

    #[test]
    fn broken_xml_is_a_parse_error() {
        assert!(parse_eforms(b"<ContractNotice><cbc:ID", None).is_err());
        assert!(parse_eforms(b"<ContractNotice/>", None).is_err(), "no notice id");
        assert!(parse_eforms(&[0xff, 0xfe, 0x00], None).is_err());
    }
}
