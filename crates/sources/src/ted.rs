//! TED: the search API v3 (POST `/v3/notices/search`, iteration paging). A hit carries its
//! publication number, link to the eForms XML (read by [`crate::eforms`]) and the fields asked
//! for — title and buyer per language, and the deadlines per lot as a date ("2026-10-02+02:00")
//! with the time apart ("10:00:00+02:00"). `timedOut: true` means TED stopped searching early and
//! the page may be incomplete: the sync asks again and reports it when it stays so.

use crate::error::SourceError;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use tenderwacht_domain::publication::{KeyKind, Notice, NoticeKind, SourceKind};

pub const SEARCH_PATH: &str = "/v3/notices/search";

/// The fields every search asks for (names as the TED search API defines them).
pub const FIELDS: [&str; 10] = [
    "publication-number",
    "notice-type",
    "notice-title",
    "buyer-name",
    "publication-date",
    "deadline-receipt-tender-date-lot",
    "deadline-receipt-tender-time-lot",
    "deadline-receipt-request-date-lot",
    "deadline-receipt-request-time-lot",
    "links",
];

/// The search request for one page, as TED's own clients send it: the fields, every notice
/// (`scope: ALL`, so awards and changes arrive too), iteration paging with the token of the page
/// before. TED allows at most 250 per page; Tenderwacht asks for at most 100.
pub fn search_body(query: &str, limit: u32, token: Option<&str>) -> Value {
    let mut body = json!({
        "query": query,
        "fields": FIELDS,
        "limit": limit.clamp(1, 100),
        "scope": "ALL",
        "paginationMode": "ITERATION",
        "checkQuerySyntax": false,
    });
    if let Some(t) = token {
        body["iterationNextToken"] = json!(t);
    }
    body
}

/// One hit of the search, with the fields read from it.
#[derive(Debug, Clone, Default)]
pub struct Hit {
    pub publication_number: String,
    pub xml_url: Option<String>,
    pub notice_type: Option<String>,
    pub title: Option<String>,
    pub buyer: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub closing: Option<DateTime<Utc>>,
    pub requests_deadline: Option<DateTime<Utc>>,
    /// Deadline values that could not be read, as sent.
    pub unreadable: Vec<(String, String)>,
    /// The hit as TED sent it, kept as the payload when there is no XML.
    pub raw: Vec<u8>,
}

/// A search page: hits, the token of the next page, hits that could not be read, and whether TED
/// says it stopped early.
#[derive(Debug, Clone)]
pub struct SearchPage {
    pub hits: Vec<Hit>,
    pub next_token: Option<String>,
    pub rejected: Vec<(String, String)>,
    pub timed_out: bool,
    pub total: Option<u64>,
}

/// The value in Dutch, else English, else the first language (TED keys languages in lower case:
/// `{"nld": "..."}`, or with a list: `{"eng": ["..."]}`).
fn by_language(v: Option<&Value>) -> Option<String> {
    let first = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Array(a) => a.iter().find_map(Value::as_str).map(|s| s.trim().to_string()),
            _ => None,
        }
        .filter(|s| !s.is_empty())
    };
    match v? {
        Value::Object(o) => ["nld", "NLD", "eng", "ENG"].iter().find_map(|k| o.get(*k).and_then(first)).or_else(|| o.values().find_map(first)),
        other => first(other),
    }
}

/// A list of strings or one string.
fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => vec![],
    }
}

/// The earliest deadline of the lots: date i with time i (the time may be missing: end of day).
fn earliest_deadline(dates: Vec<String>, times: Vec<String>, field: &str, unreadable: &mut Vec<(String, String)>) -> Option<DateTime<Utc>> {
    let mut best: Option<DateTime<Utc>> = None;
    for (i, date) in dates.iter().enumerate() {
        let time = times.get(i).cloned();
        match crate::eforms::moment(Some(date.clone()), time.clone()) {
            Some(at) => best = Some(best.map_or(at, |b| b.min(at))),
            None => unreadable.push((field.to_string(), format!("{date} {}", time.unwrap_or_default()).trim().to_string())),
        }
    }
    best
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
        let xml = n
            .get("links")
            .and_then(|l| l.get("xml"))
            .and_then(|x| x.get("MUL").or_else(|| x.as_object().and_then(|o| o.values().next())).and_then(Value::as_str).map(str::to_string));
        let mut unreadable = vec![];
        let closing = earliest_deadline(
            strings(n.get("deadline-receipt-tender-date-lot")),
            strings(n.get("deadline-receipt-tender-time-lot")),
            "sluitingsdatum",
            &mut unreadable,
        );
        let requests_deadline = earliest_deadline(
            strings(n.get("deadline-receipt-request-date-lot")),
            strings(n.get("deadline-receipt-request-time-lot")),
            "sluiting aanmelding",
            &mut unreadable,
        );
        hits.push(Hit {
            publication_number: number.trim().to_string(),
            xml_url: xml,
            notice_type: strings(n.get("notice-type")).into_iter().next(),
            title: by_language(n.get("notice-title")),
            buyer: by_language(n.get("buyer-name")),
            published_at: strings(n.get("publication-date")).first().and_then(|d| crate::eforms::moment(Some(d.clone()), Some("00:00:00".into()))),
            closing,
            requests_deadline,
            unreadable,
            raw: serde_json::to_vec(n).unwrap_or_default(),
        });
    }
    let next_token = v.get("iterationNextToken").and_then(Value::as_str).filter(|t| !t.is_empty() && !hits.is_empty()).map(str::to_string);
    let timed_out = v.get("timedOut").and_then(Value::as_bool).unwrap_or(false);
    Ok(SearchPage { hits, next_token, rejected, timed_out, total: v.get("totalNoticeCount").and_then(Value::as_u64) })
}

/// Completes a notice read from the XML with what the search gave and the XML lacked (a deadline).
pub fn complete(n: &mut Notice, hit: &Hit) {
    if n.closing.is_none() {
        n.closing = hit.closing;
    }
    if n.requests_deadline.is_none() {
        n.requests_deadline = hit.requests_deadline;
    }
}

/// A notice from the search fields alone, for a hit whose XML TED does not link.
pub fn hit_notice(hit: &Hit) -> Notice {
    let mut n = Notice::new(SourceKind::Ted, hit.publication_number.clone(), hit.raw.clone(), "json");
    let mut notes = vec![];
    n.kind = match hit.notice_type.as_deref() {
        Some(t) => crate::eforms::notice_kind(t, &mut notes),
        None => NoticeKind::Announcement,
    };
    n.notes = notes;
    n.title = hit.title.clone().unwrap_or_default();
    n.buyer = hit.buyer.clone().unwrap_or_default();
    n.published_at = hit.published_at;
    n.closing = hit.closing;
    n.requests_deadline = hit.requests_deadline;
    n.unreadable = hit.unreadable.clone();
    n.keys.push((KeyKind::TedPublication, hit.publication_number.clone()));
    n.url = Some(format!("https://ted.europa.eu/nl/notice/-/detail/{}", hit.publication_number));
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_with_its_time_apart() {
        let page = parse_search(
            br#"{"notices":[{"publication-number":"1-2026","deadline-receipt-tender-date-lot":["2026-10-14Z","2026-10-02+02:00"],
                "deadline-receipt-tender-time-lot":["09:00:00Z","10:00:00+02:00"],"notice-title":{"bul":"x","nld":"Jeugdhulp"}}],
                "totalNoticeCount":1,"timedOut":true}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(page.timed_out);
        let hit = &page.hits[0];
        assert_eq!(hit.closing.map(tenderwacht_domain::time::to_db).as_deref(), Some("2026-10-02T08:00:00Z"), "the earliest lot");
        assert_eq!(hit.title.as_deref(), Some("Jeugdhulp"), "Dutch first");
    }

    #[test]
    fn the_body_keeps_within_the_limits() {
        let b = search_body("x", 500, Some("t"));
        assert_eq!(b["limit"], 100);
        assert_eq!(b["scope"], "ALL");
        assert_eq!(b["paginationMode"], "ITERATION");
        assert_eq!(b["iterationNextToken"], "t");
    }
}
