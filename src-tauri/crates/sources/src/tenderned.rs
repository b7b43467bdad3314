//! The TenderNed publications API (`/papi/tenderned-rs-tns/v2/publicaties`): list pages of
//! `content[]`, the detail of one publication and its documents list, read leniently (a missing or
//! odd field is dropped, never a panic) into notices.

use crate::error::SourceError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;
use tenderwacht_core::domain::Procedure;
use tenderwacht_core::publication::{DocumentCategory, KeyKind, Notice, NoticeKind, PortalDocument, SourceKind};

pub const LIST_PATH: &str = "/papi/tenderned-rs-tns/v2/publicaties";

/// One list page.
#[derive(Debug, Clone)]
pub struct Page {
    pub items: Vec<Item>,
    pub last: bool,
    /// Items that could not be read, with the reason.
    pub rejected: Vec<(String, String)>,
}

/// A list item with its own raw JSON: parsed, and the bytes exactly as the portal sent them (kept
/// as the publication's payload without serialising the parsed value again).
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub raw: Value,
    pub bytes: Vec<u8>,
}

impl Item {
    /// An item from a parsed value (an imported detail file).
    pub fn from_value(id: String, raw: Value) -> Self {
        let bytes = serde_json::to_vec(&raw).unwrap_or_default();
        Self { id, raw, bytes }
    }
}

/// A list page as sent; each item kept as its raw text.
#[derive(serde::Deserialize)]
struct RawPage<'a> {
    #[serde(borrow)]
    content: Option<Vec<&'a serde_json::value::RawValue>>,
    #[serde(default)]
    last: Option<Value>,
    #[serde(default)]
    number: Option<Value>,
    #[serde(default, rename = "totalPages")]
    total_pages: Option<Value>,
}

impl Item {
    /// The numeric publication id, for the cursor.
    pub fn number(&self) -> Option<u64> {
        self.id.parse().ok()
    }
}

fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn code_and_label(v: &Value, key: &str) -> (String, String) {
    match v.get(key) {
        Some(Value::Object(o)) => (
            o.get("code").and_then(Value::as_str).unwrap_or_default().to_string(),
            o.get("omschrijving").and_then(Value::as_str).unwrap_or_default().to_string(),
        ),
        Some(Value::String(s)) => (s.clone(), s.clone()),
        _ => (String::new(), String::new()),
    }
}

/// Parses a list page. A body that is not a page is an error; a bad item is rejected alone.
pub fn parse_page(bytes: &[u8]) -> Result<Page, SourceError> {
    let page: RawPage = serde_json::from_slice(bytes).map_err(|e| SourceError::parse("TenderNed-lijst", e))?;
    let content = page.content.ok_or_else(|| SourceError::parse("TenderNed-lijst", "geen content[]"))?;
    let mut items = Vec::with_capacity(content.len());
    let mut rejected = vec![];
    for (i, raw) in content.iter().enumerate() {
        let value: Value = match serde_json::from_str(raw.get()) {
            Ok(v) => v,
            Err(e) => {
                rejected.push((format!("item {i}"), e.to_string()));
                continue;
            }
        };
        match text(&value, "publicatieId") {
            Some(id) if !id.trim().is_empty() => {
                items.push(Item { id: id.trim().to_string(), raw: value, bytes: raw.get().as_bytes().to_vec() })
            }
            _ => rejected.push((format!("item {i}"), "publicatieId ontbreekt".to_string())),
        }
    }
    let last = page.last.as_ref().and_then(Value::as_bool).unwrap_or_else(|| {
        let number = page.number.as_ref().and_then(Value::as_u64).unwrap_or(0);
        let total = page.total_pages.as_ref().and_then(Value::as_u64).unwrap_or(0);
        number + 1 >= total
    });
    Ok(Page { items, last, rejected })
}

/// Reads a TenderNed date or date-time: with offset, without (meant in Dutch time), or a date.
pub fn parse_moment(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, f) {
            return tenderwacht_core::time::local_to_utc("", n).ok();
        }
    }
    let d = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    tenderwacht_core::time::local_to_utc("", d.and_hms_opt(0, 0, 0)?).ok()
}

/// The kind of publication from TenderNed's type (code and description).
pub fn notice_kind(code: &str, label: &str) -> NoticeKind {
    let l = label.to_lowercase();
    let c = code.to_uppercase();
    if l.contains("rectificatie") || l.contains("wijziging") || c == "REC" || c == "RECT" {
        NoticeKind::Change
    } else if l.contains("intrekking") || l.contains("ingetrokken") {
        NoticeKind::Cancellation
    } else if l.contains("gegunde") || l.contains("gunning") || c == "AGO" {
        NoticeKind::Award
    } else if l.contains("vooraankondiging") || c == "VAO" {
        NoticeKind::PriorInformation
    } else if l.contains("aankondiging") || c == "AAO" {
        NoticeKind::Announcement
    } else {
        NoticeKind::Other
    }
}

/// The procedure from TenderNed's code and description; unknown ones stay "onbekend".
pub fn procedure(code: &str, label: &str) -> Procedure {
    let l = format!("{} {}", code.to_lowercase(), label.to_lowercase());
    if l.contains("open house") || l.contains("toelating") {
        Procedure::OpenHouse
    } else if l.contains("sociale en andere specifieke") || l.contains("lichte") || l.contains("sad") {
        Procedure::LichteRegeling
    } else if l.contains("niet-openbaar") || l.contains("niet openbaar") {
        Procedure::NietOpenbaar
    } else if l.contains("meervoudig") || l.contains("onderhands") {
        Procedure::MeervoudigOnderhands
    } else if l.contains("openbaar") {
        Procedure::Openbaar
    } else {
        Procedure::Onbekend
    }
}

/// The publication date of a list item.
pub fn published_at(item: &Item) -> Option<DateTime<Utc>> {
    text(&item.raw, "publicatieDatum").and_then(|s| parse_moment(&s))
}

/// A notice from a list item, optionally completed with the detail and documents.
pub fn to_notice(item: &Item, detail: Option<&Value>, documents: &[PortalDocument], base_url: &str) -> Notice {
    let merged;
    let v = match detail {
        Some(d) => {
            merged = merge(&item.raw, Some(d));
            &merged
        }
        None => &item.raw,
    };
    let raw = if detail.is_some() { serde_json::to_vec(v).unwrap_or_default() } else { item.bytes.clone() };
    let mut n = Notice::new(SourceKind::Tenderned, item.id.clone(), raw, "json");
    n.title = text(v, "aanbestedingNaam").unwrap_or_default();
    n.buyer = text(v, "opdrachtgeverNaam").or_else(|| text(v, "aanbestedendeDienstNaam")).unwrap_or_default();
    n.description = text(v, "opdrachtBeschrijving").unwrap_or_default();
    let (tcode, tlabel) = code_and_label(v, "typePublicatie");
    n.kind = notice_kind(&tcode, &tlabel);
    let (pcode, plabel) = code_and_label(v, "procedure");
    n.procedure = procedure(&pcode, &plabel);
    n.published_at = text(v, "publicatieDatum").and_then(|s| parse_moment(&s));
    n.closing = text(v, "sluitingsDatum").and_then(|s| parse_moment(&s));
    n.questions_deadline = text(v, "sluitingsDatumVragen").and_then(|s| parse_moment(&s));
    n.contract_start = text(v, "aanvangOpdrachtDatum").and_then(|s| parse_moment(&s));
    n.url = v.get("link").and_then(|l| l.get("href")).and_then(Value::as_str).map(|h| absolute(base_url, h));
    let codes = |key: &str| -> Vec<String> {
        v.get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|c| c.get("code").and_then(Value::as_str).or_else(|| c.as_str()).map(str::to_string)).collect())
            .unwrap_or_default()
    };
    n.cpv = codes("cpvCodes");
    n.nuts = codes("nutsCodes");
    n.lots = v
        .get("percelen")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|p| text(p, "perceelNaam")).collect())
        .unwrap_or_default();
    if let Some(k) = text(v, "kenmerk") {
        n.keys.push((KeyKind::Kenmerk, k));
    }
    if let Some(ted) = text(v, "tedNummer").or_else(|| text(v, "publicatieNummerTed")) {
        n.keys.push((KeyKind::TedPublication, ted));
    }
    n.documents = documents.to_vec();
    n
}

fn merge(item: &Value, detail: Option<&Value>) -> Value {
    let mut out = item.clone();
    if let (Some(Value::Object(d)), Value::Object(o)) = (detail, &mut out) {
        for (k, v) in d {
            o.insert(k.clone(), v.clone());
        }
    }
    out
}

/// Resolves a link that may be relative to the portal.
pub fn absolute(base_url: &str, href: &str) -> String {
    match reqwest::Url::parse(base_url).and_then(|b| b.join(href)) {
        Ok(u) => u.to_string(),
        Err(_) => href.to_string(),
    }
}

/// Parses the detail of one publication.
pub fn parse_detail(bytes: &[u8]) -> Result<Value, SourceError> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| SourceError::parse("TenderNed-detail", e))?;
    if !v.is_object() {
        return Err(SourceError::parse("TenderNed-detail", "geen object"));
    }
    Ok(v)
}

/// Parses a documents list (`publicatieCategorie` ANK / NVI / DOC).
pub fn parse_documents(bytes: &[u8], base_url: &str) -> Result<Vec<PortalDocument>, SourceError> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| SourceError::parse("TenderNed-documenten", e))?;
    let list = v.get("documenten").and_then(Value::as_array).or_else(|| v.as_array()).cloned().unwrap_or_default();
    let mut out = vec![];
    for d in &list {
        let (code, _) = code_and_label(d, "publicatieCategorie");
        let category = match code.to_uppercase().as_str() {
            "ANK" => DocumentCategory::Aankondiging,
            "NVI" => DocumentCategory::NotaVanInlichtingen,
            _ => DocumentCategory::Aanbestedingsstuk,
        };
        let href = d
            .get("links")
            .and_then(|l| l.get("download"))
            .and_then(|l| l.get("href"))
            .and_then(Value::as_str)
            .or_else(|| d.get("url").and_then(Value::as_str));
        let (Some(id), Some(href)) = (text(d, "documentId"), href) else { continue };
        out.push(PortalDocument {
            external_id: id,
            category,
            title: text(d, "documentNaam").unwrap_or_else(|| "document".into()),
            url: absolute(base_url, href),
            published_at: text(d, "datumPublicatie").and_then(|s| parse_moment(&s)),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_list_parsing() {
        let page = parse_page(
            br#"{"content":[{"publicatieId":123,"aanbestedingNaam":"A","sluitingsDatum":"2027-01-15T12:00:00"},{"aanbestedingNaam":"zonder id"}],"last":true}"#,
        )
        .unwrap();
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.rejected.len(), 1);
        assert!(page.last);
        let n = to_notice(&page.items[0], None, &[], "https://www.tenderned.nl");
        assert_eq!(n.external_id, "123");
        assert_eq!(tenderwacht_core::time::to_db(n.closing.unwrap()), "2027-01-15T11:00:00Z");
        assert!(parse_page(b"{\"content\": 5}").is_err());
        assert!(parse_page(b"<html>").is_err());
    }

    #[test]
    fn kinds_and_procedures() {
        assert_eq!(notice_kind("REC", "Rectificatie"), NoticeKind::Change);
        assert_eq!(notice_kind("AGO", "Aankondiging van een gegunde opdracht"), NoticeKind::Award);
        assert_eq!(notice_kind("AAO", "Aankondiging van een opdracht"), NoticeKind::Announcement);
        assert_eq!(notice_kind("XYZ", "iets nieuws"), NoticeKind::Other);
        assert_eq!(procedure("SAD", "Sociale en andere specifieke diensten"), Procedure::LichteRegeling);
        assert_eq!(procedure("NOP", "Niet-openbaar"), Procedure::NietOpenbaar);
        assert_eq!(procedure("OPE", "Openbaar"), Procedure::Openbaar);
        assert_eq!(procedure("?", "Onbekende procedure 2031"), Procedure::Onbekend);
        assert_eq!(absolute("https://www.tenderned.nl", "/papi/x"), "https://www.tenderned.nl/papi/x");
    }
}
