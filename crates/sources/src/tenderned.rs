//! The TenderNed publications API (`/papi/tenderned-rs-tns/v2/publicaties`): list pages of
//! `content[]`, the detail of one publication and its documents list, read leniently (a missing or
//! odd field is dropped, never a panic) into notices.

use crate::error::SourceError;
use crate::lenient_json::{code_and_label, entries, member, text};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::value::RawValue;
use serde_json::Value;
use tenderwacht_domain::publication::{DocumentCategory, KeyKind, Notice, PortalDocument, SourceKind};

pub const LIST_PATH: &str = "/papi/tenderned-rs-tns/v2/publicaties";

/// One list page.
#[derive(Debug, Clone)]
pub struct Page {
    pub items: Vec<Item>,
    pub last: bool,
    /// Items that could not be read, with the reason.
    pub rejected: Vec<(String, String)>,
}

/// A list item as the listing needs it — its id and publication date, for the cursor and the
/// backfill window — with its raw JSON exactly as the portal sent it. The other fields are read
/// from the bytes later, on the preparing thread ([`to_notice`]), so the listing never builds a
/// JSON tree (building and freeing those trees was a third of a list sync).
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub published: Option<DateTime<Utc>>,
    pub bytes: Vec<u8>,
}

impl Item {
    /// An item from one JSON object (a list entry or a saved detail file).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ItemError> {
        let head: Head = serde_json::from_slice(bytes).map_err(ItemError::Json)?;
        let id = text(head.id).map(|id| id.trim().to_string()).filter(|id| !id.is_empty()).ok_or(ItemError::NoId)?;
        Ok(Self { id, published: text(head.published).and_then(|s| parse_moment(&s)), bytes: bytes.to_vec() })
    }

    /// The numeric publication id, for the cursor.
    pub fn number(&self) -> Option<u64> {
        self.id.parse().ok()
    }
}

/// Why one TenderNed item is refused (the report names the item; the rest of the page is kept).
#[derive(Debug, thiserror::Error)]
pub enum ItemError {
    #[error("geen geldige JSON: {0}")]
    Json(serde_json::Error),
    #[error("publicatieId ontbreekt")]
    NoId,
}

/// A list page as sent; each item kept as its raw text.
#[derive(serde::Deserialize)]
struct RawPage<'a> {
    #[serde(borrow)]
    content: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    last: Option<Value>,
    #[serde(default)]
    number: Option<Value>,
    #[serde(default, rename = "totalPages")]
    total_pages: Option<Value>,
}

/// What the listing reads of an item; everything else is skipped unparsed.
#[derive(serde::Deserialize)]
struct Head<'a> {
    #[serde(rename = "publicatieId", borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(rename = "publicatieDatum", borrow, default)]
    published: Option<&'a RawValue>,
}

/// The fields Tenderwacht reads from a list item or a detail, each kept as the JSON the portal
/// sent and read leniently afterwards: a text may come as a string or a number, a code as an
/// object (`code`, `omschrijving`) or a plain string; anything else is as good as missing.
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Fields<'a> {
    #[serde(borrow, default)]
    publicatie_datum: Option<&'a RawValue>,
    /// `{code, omschrijving}` on a list item, a plain code on a detail.
    #[serde(borrow, default)]
    type_publicatie: Option<&'a RawValue>,
    /// The eForms form code on a list item (`publicatiecode`, an object) ...
    #[serde(borrow, default)]
    publicatiecode: Option<&'a RawValue>,
    /// ... and on a detail (`publicatieCode`).
    #[serde(borrow, default)]
    publicatie_code: Option<&'a RawValue>,
    #[serde(borrow, default)]
    is_vroegtijdige_beeindiging: Option<&'a RawValue>,
    #[serde(borrow, default)]
    is_vroegtijdig_beeindigd: Option<&'a RawValue>,
    #[serde(borrow, default)]
    aanbesteding_naam: Option<&'a RawValue>,
    #[serde(borrow, default)]
    opdrachtgever_naam: Option<&'a RawValue>,
    #[serde(borrow, default)]
    aanbestedende_dienst_naam: Option<&'a RawValue>,
    #[serde(borrow, default)]
    opdracht_beschrijving: Option<&'a RawValue>,
    /// The procedure on a list item ...
    #[serde(borrow, default)]
    procedure: Option<&'a RawValue>,
    /// ... and on a detail.
    #[serde(borrow, default)]
    procedure_code: Option<&'a RawValue>,
    #[serde(borrow, default)]
    sluitings_datum: Option<&'a RawValue>,
    #[serde(borrow, default)]
    aanvang_opdracht_datum: Option<&'a RawValue>,
    #[serde(borrow, default)]
    link: Option<&'a RawValue>,
    #[serde(borrow, default)]
    cpv_codes: Option<&'a RawValue>,
    #[serde(borrow, default)]
    nuts_codes: Option<&'a RawValue>,
    #[serde(borrow, default)]
    kenmerk: Option<&'a RawValue>,
}

/// A JSON `true` (anything else, or nothing, is false).
fn flag(raw: Option<&RawValue>) -> bool {
    raw.is_some_and(|r| r.get().trim() == "true")
}

/// Parses a list page. A body that is not a page is an error; a bad item is rejected alone.
pub fn parse_page(bytes: &[u8]) -> Result<Page, SourceError> {
    let page: RawPage = serde_json::from_slice(bytes).map_err(|e| SourceError::parse("TenderNed-lijst", e))?;
    let content = page.content.ok_or_else(|| SourceError::parse("TenderNed-lijst", "geen content[]"))?;
    let mut items = Vec::with_capacity(content.len());
    let mut rejected = vec![];
    for (i, raw) in content.iter().enumerate() {
        if !raw.get().starts_with('{') {
            rejected.push((format!("item {i}"), "geen object".to_string()));
            continue;
        }
        match Item::from_bytes(raw.get().as_bytes()) {
            Ok(item) => items.push(item),
            Err(reason) => rejected.push((format!("item {i}"), reason.to_string())),
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
    // The usual shapes first (`2027-01-15T12:00:00`, `2026-11-10`), without building a format
    // each time: a list sync reads two moments per item.
    if let Ok(n) = s.parse::<NaiveDateTime>() {
        return tenderwacht_domain::time::local_to_utc("", n).ok();
    }
    if s.len() == 10 {
        if let Ok(d) = s.parse::<NaiveDate>() {
            return tenderwacht_domain::time::local_to_utc("", d.and_hms_opt(0, 0, 0)?).ok();
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, f) {
            return tenderwacht_domain::time::local_to_utc("", n).ok();
        }
    }
    let d = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    tenderwacht_domain::time::local_to_utc("", d.and_hms_opt(0, 0, 0)?).ok()
}

pub use crate::tenderned_codes::procedure;

/// A notice from a list item, optionally completed with the detail and documents.
pub fn to_notice(item: &Item, detail: Option<&Value>, documents: &[PortalDocument], base_url: &str) -> Notice {
    match reqwest::Url::parse(base_url) {
        Ok(base) => to_notice_at(item, detail, documents, &base),
        Err(_) => {
            let mut n = to_notice_at(item, detail, documents, &FALLBACK_BASE);
            n.url = None;
            n
        }
    }
}

static FALLBACK_BASE: std::sync::LazyLock<reqwest::Url> =
    std::sync::LazyLock::new(|| reqwest::Url::parse("https://www.tenderned.nl").unwrap_or_else(|_| unreachable!("a fixed, valid URL")));

/// [`to_notice`] with the portal's address parsed once (a sync converts thousands of items).
/// The detail's fields take precedence over the list item's; the payload is then the merged
/// object.
pub fn to_notice_at(item: &Item, detail: Option<&Value>, documents: &[PortalDocument], base: &reqwest::Url) -> Notice {
    let raw = match detail {
        Some(d) => serde_json::from_slice::<Value>(&item.bytes)
            .map(|listed| merge(&listed, Some(d)))
            .and_then(|merged| serde_json::to_vec(&merged))
            .unwrap_or_else(|_| item.bytes.clone()),
        None => item.bytes.clone(),
    };
    let mut n = notice_from_raw(item.id.clone(), raw, base);
    n.documents = documents.to_vec();
    n
}

/// A notice from a list item alone, keeping the item's bytes as the payload without a copy (the
/// preparing thread converts thousands of them per sync).
pub fn into_notice(item: Item, base: &reqwest::Url) -> Notice {
    notice_from_raw(item.id, item.bytes, base)
}

fn notice_from_raw(id: String, raw: Vec<u8>, base: &reqwest::Url) -> Notice {
    let mut n = Notice::new(SourceKind::Tenderned, id, Vec::new(), "json");
    // An item that passed the listing is a JSON object, so its fields only fail to read when a
    // field appears twice; then a parsed map keeps the last one, as the portal's own reader would,
    // and that is what is kept.
    let deduplicated = match serde_json::from_slice::<Fields>(&raw) {
        Ok(f) => {
            fill(&mut n, &f, base);
            None
        }
        Err(_) => Some(serde_json::from_slice::<serde_json::Map<String, Value>>(&raw).and_then(|m| serde_json::to_vec(&m)).unwrap_or_default()),
    };
    n.raw = match deduplicated {
        Some(fixed) => {
            if let Ok(f) = serde_json::from_slice::<Fields>(&fixed) {
                fill(&mut n, &f, base);
            }
            if fixed.is_empty() {
                raw
            } else {
                fixed
            }
        }
        None => raw,
    };
    n
}

fn fill(n: &mut Notice, f: &Fields, base: &reqwest::Url) {
    n.title = text(f.aanbesteding_naam).unwrap_or_default();
    n.buyer = text(f.opdrachtgever_naam).or_else(|| text(f.aanbestedende_dienst_naam)).unwrap_or_default();
    n.description = text(f.opdracht_beschrijving).unwrap_or_default();
    let (tcode, tlabel) = code_and_label(f.type_publicatie);
    let (form, _) = code_and_label(f.publicatiecode.or(f.publicatie_code));
    let ended = flag(f.is_vroegtijdige_beeindiging) || flag(f.is_vroegtijdig_beeindigd);
    n.kind = crate::tenderned_codes::notice_kind(&tcode, &tlabel, &form, ended, &mut n.notes);
    let (pcode, plabel) = code_and_label(f.procedure.or(f.procedure_code));
    n.procedure = procedure(&pcode, &plabel);
    n.published_at = text(f.publicatie_datum).and_then(|s| parse_moment(&s));
    if let Some(raw) = text(f.sluitings_datum) {
        match parse_moment(&raw) {
            Some(at) => n.closing = Some(at),
            None => n.unreadable.push(("sluitingsdatum".into(), raw)),
        }
    }
    n.contract_start = text(f.aanvang_opdracht_datum).and_then(|s| parse_moment(&s));
    n.url = text(member(f.link, "href")).map(|h| absolute_at(base, &h));
    let codes = |raw: Option<&RawValue>| -> Vec<String> {
        entries(raw).into_iter().filter_map(|c| text(member(Some(c), "code")).or_else(|| text(Some(c)))).collect()
    };
    n.cpv = codes(f.cpv_codes);
    n.nuts = codes(f.nuts_codes);
    if let Some(k) = text(f.kenmerk) {
        n.keys.push((KeyKind::Kenmerk, k));
    }
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

/// A link relative to the portal's parsed address.
fn absolute_at(base: &reqwest::Url, href: &str) -> String {
    match base.join(href) {
        Ok(u) => u.to_string(),
        Err(_) => href.to_string(),
    }
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

fn value_text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Parses a documents list (`publicatieCategorie` ANK / NVI / DOC).
pub fn parse_documents(bytes: &[u8], base_url: &str) -> Result<Vec<PortalDocument>, SourceError> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| SourceError::parse("TenderNed-documenten", e))?;
    let list = v.get("documenten").and_then(Value::as_array).or_else(|| v.as_array()).cloned().unwrap_or_default();
    let mut out = vec![];
    for d in &list {
        let code = match d.get("publicatieCategorie") {
            Some(Value::Object(o)) => o.get("code").and_then(Value::as_str).unwrap_or_default(),
            Some(Value::String(s)) => s.as_str(),
            _ => "",
        };
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
        let (Some(id), Some(href)) = (value_text(d, "documentId"), href) else { continue };
        out.push(PortalDocument {
            external_id: id,
            category,
            title: value_text(d, "documentNaam").unwrap_or_else(|| "document".into()),
            url: absolute(base_url, href),
            published_at: value_text(d, "datumPublicatie").and_then(|s| parse_moment(&s)),
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
        assert_eq!(tenderwacht_domain::time::to_db(n.closing.unwrap()), "2027-01-15T11:00:00Z");
        assert!(parse_page(b"{\"content\": 5}").is_err());
        assert!(parse_page(b"<html>").is_err());
    }

    #[test]
    fn moments_in_every_shape_the_portal_uses() {
        let at = |s: &str| parse_moment(s).map(tenderwacht_domain::time::to_db);
        assert_eq!(at("2027-01-15T12:00:00").as_deref(), Some("2027-01-15T11:00:00Z"), "Dutch winter time");
        assert_eq!(at("2027-07-15T12:00:00.000").as_deref(), Some("2027-07-15T10:00:00Z"), "summer time, fractions");
        assert_eq!(at(" 2026-11-10 ").as_deref(), Some("2026-11-09T23:00:00Z"), "a date is its Dutch midnight");
        assert_eq!(at("2027-01-15T12:00:00+01:00").as_deref(), Some("2027-01-15T11:00:00Z"));
        assert_eq!(at("2027-01-15T12:00").as_deref(), Some("2027-01-15T11:00:00Z"));
        assert_eq!(at("2027-01-15 12:00:00").as_deref(), Some("2027-01-15T11:00:00Z"));
        assert_eq!(at("2027-01-15 en verder").as_deref(), Some("2027-01-14T23:00:00Z"));
        assert_eq!(at("morgen"), None);
        assert_eq!(at("2027-02-30"), None);
    }

    #[test]
    fn a_field_given_twice_counts_once_and_the_last_wins() {
        let page = parse_page(
            br#"{"content":[{"publicatieId":"7","aanbestedingNaam":"Eerst","aanbestedingNaam":"Jeugdhulp Emmen","typePublicatie":{"code":"AAO","code":"REC"}}]}"#,
        )
        .unwrap();
        let n = to_notice(&page.items[0], None, &[], "https://www.tenderned.nl");
        assert_eq!(n.title, "Jeugdhulp Emmen");
        assert_eq!(n.kind, tenderwacht_domain::publication::NoticeKind::Change);
        let kept: Value = serde_json::from_slice(&n.raw).unwrap();
        assert_eq!(kept["aanbestedingNaam"], "Jeugdhulp Emmen", "the payload kept is the deduplicated object");
    }

    #[test]
    fn relative_links() {
        assert_eq!(absolute("https://www.tenderned.nl", "/papi/x"), "https://www.tenderned.nl/papi/x");
    }
}
