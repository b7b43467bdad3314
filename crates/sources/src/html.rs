//! Configurable HTML listing pages: a source definition (TOML) names the CSS selectors of a row
//! and its title, link, buyer, date and type, the date format, and the next-page link. For portals
//! without an API; robots.txt is honoured by the sync before any page is read.

use crate::error::SourceError;
use chrono::{NaiveDate, NaiveDateTime};
use scraper::{ElementRef, Html, Selector};
use serde::{Deserialize, Serialize};
use tenderwacht_domain::publication::{Notice, SourceKind};

/// A listing definition as written in a source definition file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HtmlDefinition {
    pub name: String,
    pub url: String,
    pub row: String,
    pub title: String,
    /// Selector of the link; its `href` is used (default: the title element's own link).
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub buyer: Option<String>,
    /// Fixed buyer when the page belongs to one buyer.
    #[serde(default)]
    pub buyer_name: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    /// chrono format of `date`, e.g. "%d-%m-%Y %H:%M" or "%d-%m-%Y".
    #[serde(default = "default_date_format")]
    pub date_format: String,
    /// What the date is: "sluiting" (default) or "publicatie".
    #[serde(default = "default_date_meaning")]
    pub date_meaning: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub next_page: Option<String>,
    /// At most this many pages per sync.
    #[serde(default = "default_max_pages")]
    pub max_pages: u32,
}

fn default_date_format() -> String {
    "%d-%m-%Y".into()
}

fn default_date_meaning() -> String {
    "sluiting".into()
}

fn default_max_pages() -> u32 {
    10
}

/// A definition file: `[source]` with the fields above.
#[derive(Debug, Deserialize)]
struct DefinitionFile {
    source: HtmlDefinition,
}

fn selector(field: &str, css: &str) -> Result<Selector, SourceError> {
    Selector::parse(css).map_err(|e| SourceError::Definition(format!("{field}: selector '{css}' ongeldig: {e}")))
}

impl HtmlDefinition {
    /// Reads and checks a definition file.
    pub fn parse(text: &str) -> Result<Self, SourceError> {
        let f: DefinitionFile = toml::from_str(text).map_err(|e| SourceError::Definition(e.to_string()))?;
        f.source.check()?;
        Ok(f.source)
    }

    pub fn check(&self) -> Result<(), SourceError> {
        selector("row", &self.row)?;
        selector("title", &self.title)?;
        for (f, s) in [("link", &self.link), ("buyer", &self.buyer), ("date", &self.date), ("type", &self.kind), ("next_page", &self.next_page)] {
            if let Some(s) = s {
                selector(f, s)?;
            }
        }
        if !(self.url.starts_with("http://") || self.url.starts_with("https://")) {
            return Err(SourceError::Definition(format!("url '{}' is geen http(s)", self.url)));
        }
        Ok(())
    }
}

/// Decodes a page by the charset its Content-Type or `<meta charset>` names (windows-1252 pages
/// still exist on municipal sites), falling back to UTF-8 with replacement characters.
pub fn decode_page(bytes: &[u8], content_type: Option<&str>) -> String {
    let from_header =
        content_type.and_then(|ct| ct.split(';').find_map(|p| p.trim().strip_prefix("charset=").map(|c| c.trim_matches('"').to_string())));
    let from_meta = || {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
        let i = head.find("charset=")?;
        let rest = &head[i + 8..];
        let label: String =
            rest.trim_start_matches(['"', '\'']).chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        (!label.is_empty()).then_some(label)
    };
    let encoding = from_header.or_else(from_meta).and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())).unwrap_or(encoding_rs::UTF_8);
    encoding.decode(bytes).0.into_owned()
}

fn element_text(e: ElementRef) -> String {
    e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads one listing page: the notices on it and the absolute URL of the next page.
pub fn parse_listing(html: &str, def: &HtmlDefinition, page_url: &str) -> Result<(Vec<Notice>, Option<String>), SourceError> {
    let doc = Html::parse_document(html);
    let row = selector("row", &def.row)?;
    let title = selector("title", &def.title)?;
    let opt = |f: &str, s: &Option<String>| s.as_deref().map(|s| selector(f, s)).transpose();
    let (link, buyer, date, kind, next) =
        (opt("link", &def.link)?, opt("buyer", &def.buyer)?, opt("date", &def.date)?, opt("type", &def.kind)?, opt("next_page", &def.next_page)?);
    let base = reqwest::Url::parse(page_url).map_err(|e| SourceError::Definition(format!("{page_url}: {e}")))?;
    let mut out = vec![];
    for r in doc.select(&row) {
        let Some(t) = r.select(&title).next() else { continue };
        let title_text = element_text(t);
        if title_text.is_empty() {
            continue;
        }
        let href = link
            .as_ref()
            .and_then(|l| r.select(l).next())
            .or(Some(t))
            .and_then(|e| e.value().attr("href").or_else(|| e.select(&selector("a", "a").ok()?).next()?.value().attr("href")))
            .and_then(|h| base.join(h).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .map(|u| u.to_string());
        let pick = |s: &Option<Selector>| s.as_ref().and_then(|s| r.select(s).next()).map(element_text);
        let date_text = pick(&date);
        let moment = date_text.as_deref().and_then(|d| {
            NaiveDateTime::parse_from_str(d, &def.date_format)
                .ok()
                .or_else(|| NaiveDate::parse_from_str(d, &def.date_format).ok().and_then(|d| d.and_hms_opt(0, 0, 0)))
                .and_then(|n| tenderwacht_domain::time::local_to_utc("", n).ok())
        });
        let id = href.clone().unwrap_or_else(|| format!("{}#{}", page_url, title_text));
        let raw = r.html().into_bytes();
        let mut n = Notice::new(SourceKind::Html, id, raw, "html");
        n.title = title_text;
        n.url = href;
        n.buyer = pick(&buyer).or_else(|| def.buyer_name.clone()).unwrap_or_default();
        if def.date_meaning == "publicatie" {
            n.published_at = moment;
        } else {
            n.closing = moment;
        }
        // A date that is there but cannot be read (31-02-2026, a changed format) is kept as a
        // flag on the tender, never dropped without a word.
        if let (Some(text), None) = (date_text.as_deref().map(str::trim).filter(|t| !t.is_empty()), moment) {
            let field = if def.date_meaning == "publicatie" { "publicatiedatum" } else { "sluitingsdatum" };
            n.unreadable.push((field.to_string(), text.to_string()));
        }
        if let Some(k) = pick(&kind) {
            n.kind = crate::tenderned_codes::by_label(&k, &mut n.notes);
            n.procedure = crate::tenderned::procedure("", &k);
        }
        out.push(n);
    }
    let next_url = next
        .as_ref()
        .and_then(|s| doc.select(s).next())
        .and_then(|e| e.value().attr("href"))
        .and_then(|h| base.join(h).ok())
        .map(|u| u.to_string())
        .filter(|u| u != page_url);
    Ok((out, next_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_decoded_by_their_charset() {
        let latin = b"<html><head><meta charset=\"windows-1252\"></head><body>S\xfadwest-Frysl\xe2n</body></html>";
        assert!(decode_page(latin, None).contains("Súdwest-Fryslân"));
        assert!(decode_page(b"S\xfadwest", Some("text/html; charset=ISO-8859-1")).contains("Súdwest"));
        assert!(decode_page("Súdwest".as_bytes(), Some("text/html")).contains("Súdwest"));
        assert!(decode_page(b"S\xfadwest", None).contains('\u{fffd}'), "unknown bytes become a replacement character, never a panic");
    }

    #[test]
    fn an_impossible_date_is_kept_as_unreadable() {
        let def = HtmlDefinition::parse("[source]\nname='x'\nurl='https://e.nl/a'\nrow='li'\ntitle='a'\ndate='.sluit'\ndate_format='%d-%m-%Y'\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let page = "<ul><li><a href='/t/1'>Jeugdhulp Assen</a><span class='sluit'>31-02-2026</span></li></ul>";
        let (list, _) = parse_listing(page, &def, "https://e.nl/a").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(list.len(), 1, "the row is kept");
        assert_eq!(list[0].closing, None);
        assert_eq!(list[0].unreadable, vec![("sluitingsdatum".to_string(), "31-02-2026".to_string())]);
    }

    #[test]
    fn bad_definitions_name_the_field() {
        let e = HtmlDefinition::parse("[source]\nname='x'\nurl='https://e.nl'\nrow='tr['\ntitle='a'\n").unwrap_err();
        assert!(e.to_string().contains("row"), "{e}");
        assert!(HtmlDefinition::parse("[source]\nname='x'\nurl='ftp://e.nl'\nrow='tr'\ntitle='a'\n").is_err());
    }
}
