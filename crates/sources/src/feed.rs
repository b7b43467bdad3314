//! RSS and Atom feeds (such as a platform's publication feed): each entry becomes a notice with its
//! title, link, date and, where the feed gives one, the buyer (author or category). RSS is read by
//! `feed-rs`; Atom by `roxmltree`, because the CTM Solution / EU-Supply feed — the one Atom feed
//! that matters here — carries `<content type="text/xml">` with a nested
//! `<publication xmlns="http://www.eu-supply.com/Rss/Publications">` (buyer, closing moment in Dutch
//! time, procedure, CPV codes), which `feed-rs` refuses as a whole ("unsupported content type").

use crate::eforms::text_of;
use crate::error::SourceError;
use chrono::{DateTime, NaiveDateTime, Utc};
use roxmltree::{Document, Node};
use tenderwacht_domain::publication::{Notice, SourceKind};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const CTM: &str = "http://www.eu-supply.com/Rss/Publications";

/// The deepest element nesting a feed may have: real RSS and Atom feeds nest under ten deep; the
/// feed parser's namespace stack overflows at 65,536 (a panic, or wrapping in a release build).
pub const MAX_FEED_DEPTH: usize = 256;
/// The longest text in one element: a feed item's description is a few kB (the largest CTM
/// item seen was under 20 kB); a longer one is refused rather than carried through the parser.
pub const MAX_FEED_TEXT: usize = 4 * 1024 * 1024;

/// Why a feed is refused before it is parsed: nested too deep or one text too long.
fn beyond_limits(bytes: &[u8]) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().check_end_names = false;
    let (mut depth, mut buf) = (0usize, Vec::new());
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > MAX_FEED_DEPTH {
                    return Some(format!("elementen meer dan {MAX_FEED_DEPTH} diep genest; dit is geen gewone feed"));
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Text(t)) if t.len() > MAX_FEED_TEXT => {
                return Some(format!("één tekst van {} MB; hoogstens {} MB", t.len() >> 20, MAX_FEED_TEXT >> 20));
            }
            Ok(Event::CData(t)) if t.len() > MAX_FEED_TEXT => {
                return Some(format!("één tekst van {} MB; hoogstens {} MB", t.len() >> 20, MAX_FEED_TEXT >> 20));
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// Parses a feed. A body that is not a feed is an error; an entry without title is skipped with a
/// note on the first notice (so the report shows it).
pub fn parse_feed(bytes: &[u8]) -> Result<Vec<Notice>, SourceError> {
    if let Some(why) = beyond_limits(bytes) {
        return Err(SourceError::parse("feed", why));
    }
    let text = std::str::from_utf8(bytes).ok();
    if let Some(doc) = text.and_then(|t| Document::parse(t).ok()) {
        let root = doc.root_element();
        if root.tag_name().name() == "feed" && root.tag_name().namespace() == Some(ATOM) {
            return Ok(parse_atom(text.unwrap_or_default(), root));
        }
    }
    parse_rss(bytes)
}

fn parse_rss(bytes: &[u8]) -> Result<Vec<Notice>, SourceError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| SourceError::parse("feed", e))?;
    let mut out = vec![];
    for entry in feed.entries {
        let Some(title) = entry.title.as_ref().map(|t| t.content.clone()).filter(|t| !t.trim().is_empty()) else { continue };
        let link = entry.links.first().map(|l| l.href.clone());
        let id = if entry.id.trim().is_empty() { link.clone().unwrap_or_else(|| title.clone()) } else { entry.id.clone() };
        let raw = serde_json::to_vec(&serde_json::json!({
            "id": id, "title": title, "link": link,
            "summary": entry.summary.as_ref().map(|s| s.content.clone()),
            "published": entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
            "authors": entry.authors.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
            "categories": entry.categories.iter().map(|c| c.term.clone()).collect::<Vec<_>>(),
        }))
        .unwrap_or_default();
        let mut n = Notice::new(SourceKind::Feed, id, raw, "json");
        n.title = title;
        n.description = entry.summary.map(|s| s.content).unwrap_or_default();
        n.published_at = entry.published.or(entry.updated);
        n.url = link;
        // RSS <author> arrives as a person named "author" with the text as e-mail.
        let author = entry.authors.first().and_then(|a| if a.name == "author" { a.email.clone() } else { Some(a.name.clone()) });
        n.buyer = author.or_else(|| entry.categories.first().map(|c| c.term.clone())).unwrap_or_default();
        out.push(n);
    }
    Ok(out)
}

fn atom_child<'a, 'b>(node: Node<'a, 'b>, name: &str) -> Option<Node<'a, 'b>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
}

fn ctm_child<'a, 'b>(node: Node<'a, 'b>, name: &str) -> Option<Node<'a, 'b>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(CTM))
}

/// CTM's moments carry no offset ("2026-10-13T11:00:00"): they are Dutch time.
fn dutch_moment(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")).ok()?;
    tenderwacht_domain::time::local_to_utc("", naive).ok()
}

/// The request number in a CTM entry id (`...rwlentrance_s.asp?PID=460057&PP=...`), else the id.
fn ctm_number(id: &str) -> String {
    id.split(['?', '&'])
        .find_map(|part| part.strip_prefix("PID="))
        .map(|n| n.chars().take_while(char::is_ascii_digit).collect::<String>())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| id.to_string())
}

fn parse_atom(text: &str, root: Node) -> Vec<Notice> {
    let mut out: Vec<Notice> = vec![];
    let mut skipped = vec![];
    for (i, entry) in root.children().filter(|c| c.is_element() && c.tag_name().name() == "entry").enumerate() {
        let id = text_of(atom_child(entry, "id"));
        let Some(title) = text_of(atom_child(entry, "title")) else {
            skipped.push(format!("entry {}: geen titel; overgeslagen", i + 1));
            continue;
        };
        let link = atom_child(entry, "link").and_then(|l| l.attribute("href")).map(str::to_string);
        let Some(id) = id.or_else(|| link.clone()) else {
            skipped.push(format!("entry {} ('{title}'): geen id en geen link; overgeslagen", i + 1));
            continue;
        };
        let publication = atom_child(entry, "content").and_then(|c| ctm_child(c, "publication"));
        let external = if publication.is_some() { ctm_number(&id) } else { id.clone() };
        let raw = text.get(entry.range()).unwrap_or_default().as_bytes().to_vec();
        let mut n = Notice::new(SourceKind::Feed, external, raw, "xml");
        n.title = title;
        n.url = link;
        n.published_at = text_of(atom_child(entry, "published")).or_else(|| text_of(atom_child(entry, "updated"))).and_then(|s| dutch_moment(&s));
        n.buyer = text_of(atom_child(entry, "author").and_then(|a| atom_child(a, "name"))).unwrap_or_default();
        n.description = text_of(atom_child(entry, "summary")).unwrap_or_default();
        if let Some(p) = publication {
            read_ctm(&mut n, p);
        }
        out.push(n);
    }
    if let Some(first) = out.first_mut() {
        first.notes.extend(skipped);
    }
    out
}

/// The nested CTM publication: buyer, closing moment, procedure and CPV codes.
fn read_ctm(n: &mut Notice, p: Node) {
    if let Some(name) = ctm_child(p, "authority").and_then(|a| a.attribute("name")).map(str::trim).filter(|s| !s.is_empty()) {
        n.buyer = name.to_string();
    }
    if n.published_at.is_none() {
        n.published_at = text_of(ctm_child(p, "publishedTime")).and_then(|s| dutch_moment(&s));
    }
    match text_of(ctm_child(p, "etq")) {
        Some(etq) => match dutch_moment(&etq) {
            Some(at) => n.closing = Some(at),
            None => n.unreadable.push(("sluitingsdatum".into(), etq)),
        },
        None => n.notes.push("CTM: geen sluitingsmoment (etq) in de publicatie".into()),
    }
    if let Some(template) = text_of(ctm_child(p, "processTemplate")) {
        n.procedure = crate::tenderned::procedure("", &template);
        if n.procedure == tenderwacht_domain::Procedure::Onbekend {
            n.notes.push(format!("onbekende CTM-procedure '{template}'"));
        }
    }
    if let Some(codes) = ctm_child(p, "cpvCodes") {
        n.cpv = codes
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == "cpvCode")
            .filter_map(|c| c.attribute("code"))
            .map(str::to_string)
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_garbage() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>
            <item><title>Wmo begeleiding Assen</title><link>https://example.org/t/1</link><guid>t-1</guid>
            <author>Gemeente Assen</author><pubDate>Mon, 02 Nov 2026 09:00:00 +0100</pubDate></item>
            <item><title></title><link>https://example.org/t/2</link></item></channel></rss>"#;
        let list = parse_feed(rss).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].external_id, "t-1");
        assert_eq!(list[0].buyer, "Gemeente Assen");
        assert!(parse_feed(b"{\"not\": \"a feed\"}").is_err());
    }

    #[test]
    fn ctm_numbers_and_dutch_moments() {
        assert_eq!(ctm_number("https://eu.eu-supply.com/app/rfq/rwlentrance_s.asp?PID=460057&PP=transactions.asp&B=CTMSOLUTION&PS=1"), "460057");
        assert_eq!(ctm_number("urn:no-pid-here"), "urn:no-pid-here");
        let at = |s: &str| dutch_moment(s).map(tenderwacht_domain::time::to_db);
        assert_eq!(at("2026-10-13T11:00:00").as_deref(), Some("2026-10-13T09:00:00Z"), "summer time");
        assert_eq!(at("2027-01-15T12:00:00").as_deref(), Some("2027-01-15T11:00:00Z"), "winter time");
        assert_eq!(at("2026-08-26T04:34:00+02:00").as_deref(), Some("2026-08-26T02:34:00Z"));
        assert_eq!(at("20261013"), None);
    }
}
