//! Where a sentence begins and ends in a buyer's text: running text split into sentences (wrapped
//! lines joined, bullets and annex lines apart), and the bullet of a table cell around a word,
//! so each rule the phrase reader applies sees one sentence's words.

/// Splits a page into sentences: lines wrapped inside a sentence are joined (a word hyphenated at
/// the end of a line too), bullets and "Bijlage" lines start a new one.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut current = String::new();
    let mut previous_len = usize::MAX;
    for raw in text.lines() {
        let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        // A short line without punctuation before a capital is a heading, not a wrapped sentence.
        let after_heading = previous_len < 50 && !current.ends_with([',', '-']) && line.starts_with(char::is_uppercase);
        previous_len = line.chars().count();
        let starts_new = after_heading
            || line.is_empty()
            || line.starts_with(['•', '-', '–', '*', '▪', '◦'])
            || line.to_lowercase().starts_with("bijlage")
            || line
                .split_once(['.', ')'])
                .is_some_and(|(n, rest)| !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_alphanumeric()) && rest.starts_with(' '));
        if starts_new && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if line.is_empty() {
            continue;
        }
        crate::layout::join_wrapped(&mut current, &line);
        // A line ending in a colon announces what follows (a list): its own sentence.
        if current.ends_with(['.', ';', '!', '?', ':']) {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    // A chunk may still hold several sentences: split after ". " before a capital or a digit.
    let mut split = vec![];
    for s in out {
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..bytes.len().saturating_sub(1) {
            if bytes[i] == b' ' && matches!(bytes[i - 1], b'.' | b'!' | b'?') && s[i + 1..].starts_with(|c: char| c.is_uppercase()) {
                let before = &s[..i - 1];
                let abbreviation = before.rsplit(' ').next().is_some_and(|w| w.len() <= 3 && w.chars().all(char::is_lowercase));
                if !abbreviation {
                    split.push(s[start..i].trim().to_string());
                    start = i + 1;
                }
            }
        }
        split.push(s[start..].trim().to_string());
    }
    split.retain(|s| s.chars().any(char::is_alphabetic));
    split
}

/// The bullet or sentence of a table cell's text around `at`: from the list mark or full stop
/// before it to the next one after it.
pub fn bullet_around(text: &str, at: std::ops::Range<usize>) -> &str {
    const MARKS: [&str; 4] = ["•", " - ", ". ", " | "];
    let start = MARKS.iter().filter_map(|m| text[..at.start].rfind(m).map(|i| i + m.len())).max().unwrap_or(0);
    let end = MARKS.iter().filter_map(|m| text[at.end..].find(m).map(|i| at.end + i)).min().unwrap_or(text.len());
    &text[start..end]
}
