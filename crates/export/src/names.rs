//! File names that are safe on every system the pack may travel to (a buyer's portal, Windows,
//! a USB stick): no separators, no `..`, no Windows-reserved names, bounded length; and the name
//! template consultants can change (`{nr:02} {type} - {provider}.{ext}`).

pub use tenderwacht_domain::text::{extension_or_bin as extension, safe_file_name as sanitize, MAX_FILE_NAME_BYTES as MAX_NAME_BYTES};

use tenderwacht_domain::DomainError;

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
pub fn render(template: &str, p: &NameParts) -> Result<String, DomainError> {
    let bad = |message: String| DomainError::invalid("sjabloon", message);
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            return Err(bad(format!("'{{' zonder '}}' in sjabloon '{template}'")));
        };
        let key = &rest[start + 1..start + len];
        let value = match key {
            "nr" => p.nr.to_string(),
            k if k.starts_with("nr:0") => {
                // A pack holds at most a few hundred files: more than 9 digits is a typing error,
                // and an unbounded width would allocate without limit.
                let width: usize = k[4..]
                    .parse()
                    .ok()
                    .filter(|w| *w <= 9)
                    .ok_or_else(|| bad(format!("onbekende breedte in '{{{k}}}' (gebruik 1 tot 9 cijfers, bijv. {{nr:02}})")))?;
                format!("{:0width$}", p.nr)
            }
            "type" => p.type_name.to_string(),
            "provider" => p.provider.to_string(),
            "requirement" => p.requirement.to_string(),
            "tender" => p.tender.to_string(),
            "ext" => p.ext.to_string(),
            other => return Err(bad(format!("onbekend veld '{{{other}}}' in sjabloon (wel: nr, nr:02, type, provider, requirement, tender, ext)"))),
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
        assert!(render("{nummer}", &p).unwrap_err().to_string().contains("nummer"));
        assert!(render("{nr:09999999999}", &p).unwrap_err().to_string().contains("breedte"));
        assert_eq!(render("{nr:09}", &p).unwrap(), "000000003");
        let mut taken = std::collections::HashSet::new();
        assert_eq!(unique("a.pdf".into(), &mut taken), "a.pdf");
        assert_eq!(unique("A.pdf".into(), &mut taken), "A (2).pdf");
        assert_eq!(extension("scan.PDF"), "pdf");
        assert_eq!(extension("geen-extensie"), "bin");
    }
}
