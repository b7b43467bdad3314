//! RSS and Atom feeds (such as a platform's publication feed): each entry becomes a notice with its
//! title, link, date and, where the feed gives one, the buyer (author or category).

use crate::error::SourceError;
use tenderwacht_core::publication::{Notice, SourceKind};

/// Parses a feed. A body that is not a feed is an error; an entry without title is skipped.
pub fn parse_feed(bytes: &[u8]) -> Result<Vec<Notice>, SourceError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_garbage() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>CTM</title>
            <item><title>Wmo begeleiding Assen</title><link>https://example.org/t/1</link><guid>t-1</guid>
            <author>Gemeente Assen</author><pubDate>Mon, 02 Nov 2026 09:00:00 +0100</pubDate></item>
            <item><title></title><link>https://example.org/t/2</link></item></channel></rss>"#;
        let list = parse_feed(rss).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].external_id, "t-1");
        assert_eq!(list[0].buyer, "Gemeente Assen");
        assert!(parse_feed(b"{\"not\": \"a feed\"}").is_err());
    }
}
