//! File names that are safe on every system the pack may travel to (a buyer's portal, Windows,
//! a USB stick): no separators, no `..`, no Windows-reserved names, bounded length; and the name
//! template consultants can change (`{nr:02} {type} - {provider}.{ext}`).

/// Longest file name we write, in bytes (most file systems allow 255; leave room for suffixes).
pub const MAX_NAME_BYTES: usize = 150;

const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5",
    "lpt6", "lpt7", "lpt8", "lpt9",
];

/// One path component made safe: separators and characters Windows forbids become `_`, control
/// characters and bidi overrides are dropped, leading/trailing dots and spaces go, reserved names
/// get a `_` prefix, and the result is at most [`MAX_NAME_BYTES`] (the extension kept).
pub fn sanitize(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'))
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = out.trim_matches(|c: char| c == '.' || c == ' ').to_string();
    out = if trimmed.is_empty() { "bestand".to_string() } else { trimmed };
    let stem = out.split('.').next().unwrap_or_default().to_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        out = format!("_{out}");
    }
    truncate_keep_extension(&out, MAX_NAME_BYTES)
}

fn truncate_keep_extension(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && e.len() <= 10 => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    let mut cut = max.saturating_sub(ext.len());
    while cut > 0 && !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{ext}", stem[..cut].trim_end())
}

/// The extension of a stored file's original name, lower case, safe; `bin` when it has none.
pub fn extension(original: &str) -> String {
    original
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .filter(|e| !e.is_empty() && e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".into())
}

/// Values for a name template.
#[derive(Debug, Clone, Default)]
pub struct NameParts<'a> {
    pub nr: usize,
    pub type_name: &'a str,
    pub provider: &'a str,
    pub ext: &'a str,
    pub requirement: &'a str,
    pub tender: &'a str,
}

/// The default pack name template.
pub const DEFAULT_TEMPLATE: &str = "{nr:02} {type} - {provider}.{ext}";

/// Renders a template: `{nr}`, `{nr:02}` (zero-padded), `{type}`, `{provider}`, `{requirement}`,
/// `{tender}`, `{ext}`. An unknown placeholder is an error naming it. The result is sanitised.
pub fn render(template: &str, p: &NameParts) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            return Err(format!("'{{' zonder '}}' in sjabloon '{template}'"));
        };
        let key = &rest[start + 1..start + len];
        let value = match key {
            "nr" => p.nr.to_string(),
            k if k.starts_with("nr:0") => {
                let width: usize = k[4..].parse().map_err(|_| format!("onbekende breedte in '{{{k}}}'"))?;
                format!("{:0width$}", p.nr)
            }
            "type" => p.type_name.to_string(),
            "provider" => p.provider.to_string(),
            "requirement" => p.requirement.to_string(),
            "tender" => p.tender.to_string(),
            "ext" => p.ext.to_string(),
            other => return Err(format!("onbekend veld '{{{other}}}' in sjabloon (wel: nr, nr:02, type, provider, requirement, tender, ext)")),
        };
        // A value must not smuggle a separator into the name.
        out.push_str(&value.replace(['/', '\\'], "_"));
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Ok(sanitize(&out))
}

/// Makes `name` unique among `taken` by adding " (2)", " (3)"... before the extension.
pub fn unique(name: String, taken: &mut std::collections::HashSet<String>) -> String {
    if taken.insert(name.to_lowercase()) {
        return name;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), format!(".{e}")),
        None => (name.clone(), String::new()),
    };
    (2..).map(|i| format!("{stem} ({i}){ext}")).find(|candidate| taken.insert(candidate.to_lowercase())).unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_safe() {
        assert_eq!(sanitize("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(sanitize("a/b\\c:d*e?f\"g<h>i|j"), "a_b_c_d_e_f_g_h_i_j");
        assert_eq!(sanitize("CON.pdf"), "_CON.pdf");
        assert_eq!(sanitize("lpt1"), "_lpt1");
        assert_eq!(sanitize("  ..  "), "bestand");
        assert_eq!(sanitize("rapport.\u{202e}fdp.exe"), "rapport.fdp.exe");
        assert_eq!(sanitize("tab\there"), "tab here");
        let long = format!("{}.pdf", "é".repeat(200));
        let s = sanitize(&long);
        assert!(s.len() <= MAX_NAME_BYTES && s.ends_with(".pdf"), "{s}");
    }

    #[test]
    fn template_renders_and_refuses_unknown_fields() {
        let p = NameParts { nr: 3, type_name: "KvK-uittreksel", provider: "Zorgboerderij De Es", ext: "pdf", ..Default::default() };
        assert_eq!(render(DEFAULT_TEMPLATE, &p).unwrap(), "03 KvK-uittreksel - Zorgboerderij De Es.pdf");
        let evil = NameParts { provider: "../x", ..p.clone() };
        assert_eq!(render("{provider}.{ext}", &evil).unwrap(), "_x.pdf");
        assert!(render("{nummer}", &p).unwrap_err().contains("nummer"));
        let mut taken = std::collections::HashSet::new();
        assert_eq!(unique("a.pdf".into(), &mut taken), "a.pdf");
        assert_eq!(unique("A.pdf".into(), &mut taken), "A (2).pdf");
        assert_eq!(extension("scan.PDF"), "pdf");
        assert_eq!(extension("geen-extensie"), "bin");
    }
}
