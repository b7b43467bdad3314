//! The buyer's upload rules as a leidraad states them: which file types the portal takes
//! ("uitsluitend in PDF-formaat", "toegestane bestandsformaten: .pdf, .docx en .xlsx") and how
//! large a file or the whole upload may be ("maximaal 10 MB per bestand", "in totaal niet meer dan
//! 100 MB"). Found per sentence with the sentence kept, offered to the consultant beside the
//! proposals; nothing is set until "Overnemen".

use crate::sentences::sentences;
use crate::text::Page;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;
use tenderwacht_domain::UploadRules;
use ts_rs::TS;

/// File types a leidraad may name, as the extension the pack checks.
const TYPES: &[(&str, &str)] = &[
    ("pdf", r"\bpdf"),
    ("docx", r"\bdocx\b|\bword\b"),
    ("doc", r"\.doc\b|\bdoc\b"),
    ("xlsx", r"\bxlsx\b|\bexcel\b"),
    ("xls", r"\.xls\b|\bxls\b"),
    ("odt", r"\bodt\b"),
    ("ods", r"\bods\b"),
    ("zip", r"\bzip\b"),
    ("jpg", r"\bjpe?g\b"),
    ("png", r"\bpng\b"),
];

struct Patterns {
    /// A sentence about what is handed in through the portal.
    upload: Regex,
    /// A sentence that limits the file types.
    types: Regex,
    /// A size: "10 MB", "1,5 GB", "500 kB".
    size: Regex,
    /// The size is per file.
    per_file: Regex,
    /// The size is for everything together.
    total: Regex,
    kinds: Vec<(&'static str, Regex)>,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(p).unwrap_or_else(|e| unreachable!("a pattern of the upload rules does not compile: {e}"));
    Patterns {
        upload: re(r"upload|bestand|document|indien|aanlever|bijlage|platform|tenderned|portaal"),
        types: re(r"formaat|formaten|bestandstype|bestandsformaat|extensie|uitsluitend|alleen|toegestaan|geaccepteerd|aangeleverd in|in de vorm van"),
        size: re(r"(\d+(?:[.,]\d+)?)\s*(kb|mb|gb|megabyte|gigabyte)\b"),
        per_file: re(
            r"per (?:bestand|document|bijlage|upload van een bestand)|elk bestand|ieder bestand|een bestand mag|bestandsgrootte|grootte van een bestand",
        ),
        total: re(
            r"in totaal|totaal|alle bestanden (?:samen|tezamen)|per (?:upload|inschrijving|aanbieding|indiening)|gezamenlijk|omvang van de (?:inschrijving|aanbieding)",
        ),
        kinds: TYPES.iter().map(|(ext, p)| (*ext, re(p))).collect(),
    }
});

/// What a leidraad says about uploading, each rule with the sentence it came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UploadHints {
    /// Extensions the portal takes (lower case, no dot); empty when none were named.
    pub extensions: Vec<String>,
    #[ts(type = "number | null")]
    pub max_file_bytes: Option<u64>,
    #[ts(type = "number | null")]
    pub max_upload_bytes: Option<u64>,
    /// The sentences, with file and page.
    pub quotes: Vec<UploadQuote>,
    /// The rules in words, as the tender's upload rules are worded ("alleen pdf; …").
    pub summary: String,
    /// The tender's upload rules with these laid over them: what "Overnemen" sets.
    pub rules: UploadRules,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UploadQuote {
    pub quote: String,
    pub file_name: String,
    pub page: Option<u32>,
}

impl UploadHints {
    pub fn is_empty(&self) -> bool {
        self.extensions.is_empty() && self.max_file_bytes.is_none() && self.max_upload_bytes.is_none()
    }

    /// These hints laid over the tender's `current` rules: what the documents name replaces, the
    /// rest (name template, zip or loose files) stays.
    pub fn over(&self, current: &UploadRules) -> UploadRules {
        UploadRules {
            extensions: if self.extensions.is_empty() { current.extensions.clone() } else { self.extensions.clone() },
            max_file_bytes: self.max_file_bytes.or(current.max_file_bytes),
            max_upload_bytes: self.max_upload_bytes.or(current.max_upload_bytes),
            ..current.clone()
        }
    }

    /// With the summary (in the rules' own wording) and the rules to set, laid over `current`.
    pub fn completed(mut self, current: &UploadRules) -> Self {
        self.summary = self.over(&UploadRules::default()).summary();
        self.rules = self.over(current);
        self
    }

    /// Adds what another file said (the first size stated wins; types are joined).
    pub fn merge(&mut self, other: UploadHints) {
        for e in other.extensions {
            if !self.extensions.contains(&e) {
                self.extensions.push(e);
            }
        }
        self.max_file_bytes = self.max_file_bytes.or(other.max_file_bytes);
        self.max_upload_bytes = self.max_upload_bytes.or(other.max_upload_bytes);
        self.quotes.extend(other.quotes);
    }
}

fn bytes_of(number: &str, unit: &str) -> Option<u64> {
    let n: f64 = number.replace(',', ".").parse().ok()?;
    let factor = match unit {
        "kb" => 1_000.0,
        "mb" | "megabyte" => 1_000_000.0,
        _ => 1_000_000_000.0,
    };
    let v = (n * factor).round();
    (1.0..1e13).contains(&v).then_some(v as u64)
}

/// The upload rules one document states.
pub fn find(pages: &[Page], file_name: &str) -> UploadHints {
    let p = &*PATTERNS;
    let mut hints = UploadHints::default();
    for page in pages {
        for sentence in sentences(&page.text) {
            let lower = sentence.to_lowercase();
            if !p.upload.is_match(&lower) || lower.contains(" niet verplicht") {
                continue;
            }
            let mut said = false;
            if p.types.is_match(&lower) {
                let named: Vec<&str> = p.kinds.iter().filter(|(_, re)| re.is_match(&lower)).map(|(ext, _)| *ext).collect();
                // "in PDF-formaat" names one; a list of types names the set. A sentence that names
                // Word or Excel as the template's format ("het Excel-sjabloon") is no rule.
                if !named.is_empty() && !lower.contains("sjabloon") {
                    for ext in named {
                        if !hints.extensions.iter().any(|e| e == ext) {
                            hints.extensions.push(ext.to_string());
                        }
                    }
                    said = true;
                }
            }
            if let Some(c) = p.size.captures(&lower) {
                if let Some(bytes) = bytes_of(&c[1], &c[2]) {
                    if p.total.is_match(&lower) && !p.per_file.is_match(&lower) {
                        hints.max_upload_bytes = hints.max_upload_bytes.or(Some(bytes));
                        said = true;
                    } else if p.per_file.is_match(&lower) || lower.contains("bestand") {
                        hints.max_file_bytes = hints.max_file_bytes.or(Some(bytes));
                        said = true;
                    }
                }
            }
            if said {
                hints.quotes.push(UploadQuote { quote: sentence.chars().take(400).collect(), file_name: file_name.to_string(), page: page.number });
            }
        }
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Vec<Page> {
        vec![Page::text(Some(4), text)]
    }

    #[test]
    fn types_and_sizes_as_leidraden_state_them() {
        let h = find(&page("Alle documenten dienen uitsluitend in PDF-formaat te worden geüpload op TenderNed. De maximale bestandsgrootte per document is 20 MB."), "leidraad.pdf");
        assert_eq!(h.extensions, ["pdf"]);
        assert_eq!(h.max_file_bytes, Some(20_000_000));
        assert_eq!(h.quotes.len(), 2);
        assert_eq!(h.quotes[0].page, Some(4));
        let h =
            find(&page("Toegestane bestandsformaten zijn: .pdf, .docx en .xlsx. De bestanden mogen in totaal niet groter zijn dan 1,5 GB."), "l.pdf");
        assert_eq!(h.extensions, ["pdf", "docx", "xlsx"]);
        assert_eq!((h.max_file_bytes, h.max_upload_bytes), (None, Some(1_500_000_000)));
    }

    #[test]
    fn sentences_that_ask_nothing_of_the_upload_are_left_alone() {
        let h = find(&page("Vul het Excel-sjabloon van bijlage 3 in. Het contract heeft een waarde van 2 miljoen euro. Inschrijvers ontvangen een bevestiging per e-mail."), "l.pdf");
        assert!(h.is_empty(), "{h:?}");
    }
}
