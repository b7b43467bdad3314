//! Buyer -> municipality -> youth-care region -> province, from `assets/regions.toml`, so a tender
//! from "gemeente Sudwest Fryslan" or "RIGG" lands in the right region even without NUTS codes.

use crate::error::{DomainError, Result};
use serde::Deserialize;

/// The shipped region data, embedded at compile time.
pub const DEFAULT_REGIONS: &str = include_str!("../../../assets/regions.toml");

#[derive(Debug, Deserialize)]
struct RawRegions {
    province: Vec<RawProvince>,
    #[serde(default)]
    province_buyer: Vec<RawProvinceBuyer>,
}

#[derive(Debug, Deserialize)]
struct RawProvince {
    name: String,
    nuts: Vec<String>,
    region: Vec<RawRegion>,
}

#[derive(Debug, Deserialize)]
struct RawRegion {
    name: String,
    municipalities: Vec<String>,
    #[serde(default)]
    buyers: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawProvinceBuyer {
    province: String,
    names: Vec<String>,
}

/// Where a buyer or tender belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionMatch {
    pub province: String,
    /// The youth-care region, when known.
    pub region: Option<String>,
    pub municipality: Option<String>,
}

#[derive(Debug, Clone)]
struct Entry {
    key: String,
    hit: RegionMatch,
}

impl Entry {
    fn new(key: String, hit: RegionMatch) -> Self {
        Self { key, hit }
    }
}

/// The lookup tables.
#[derive(Debug, Clone)]
pub struct Regions {
    /// Municipalities and buyer aliases, folded.
    names: Vec<Entry>,
    /// Folded name -> its first position in `names` (a buyer is looked up per publication).
    index: std::collections::HashMap<String, usize>,
    /// The most words any name has.
    max_words: usize,
    nuts: Vec<(String, String)>,
    municipalities: Vec<String>,
    /// The provinces, in the asset's order (the region filter's options).
    provinces: Vec<String>,
}

/// Folds a buyer name: lower case, no diacritics, hyphens and punctuation as spaces, without the
/// words "gemeente"/"gem." in front.
pub fn fold_buyer(name: &str) -> String {
    let folded = crate::text::fold_with(name, |c| if c.is_alphanumeric() { c } else { ' ' });
    for prefix in ["gemeente ", "gem "] {
        if let Some(rest) = folded.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    if folded == "gemeente" || folded == "gem" {
        return String::new();
    }
    folded
}

impl Regions {
    pub fn parse(text: &str) -> Result<Self> {
        let raw: RawRegions = toml::from_str(text).map_err(|e| DomainError::Catalogue(format!("regions: {e}")))?;
        let mut names = Vec::new();
        let mut nuts = Vec::new();
        let mut municipalities = Vec::new();
        for p in &raw.province {
            for code in &p.nuts {
                nuts.push((code.clone(), p.name.clone()));
            }
            for r in &p.region {
                for m in &r.municipalities {
                    municipalities.push(m.clone());
                    names.push(Entry::new(
                        fold_buyer(m),
                        RegionMatch { province: p.name.clone(), region: Some(r.name.clone()), municipality: Some(m.clone()) },
                    ));
                }
                for b in &r.buyers {
                    names.push(Entry::new(fold_buyer(b), RegionMatch { province: p.name.clone(), region: Some(r.name.clone()), municipality: None }));
                }
            }
        }
        for pb in &raw.province_buyer {
            for n in &pb.names {
                names.push(Entry::new(fold_buyer(n), RegionMatch { province: pb.province.clone(), region: None, municipality: None }));
            }
        }
        // Longest names first, so "Midden-Groningen" wins over "Groningen".
        names.sort_by_key(|e| std::cmp::Reverse(e.key.len()));
        let mut index = std::collections::HashMap::new();
        for (i, e) in names.iter().enumerate() {
            index.entry(e.key.clone()).or_insert(i);
        }
        let max_words = names.iter().map(|e| e.key.split(' ').count()).max().unwrap_or(1);
        let provinces = raw.province.iter().map(|p| p.name.clone()).collect();
        Ok(Self { names, index, max_words, nuts, municipalities, provinces })
    }

    /// The provinces the consultancy works in, in the asset's order.
    pub fn provinces(&self) -> &[String] {
        &self.provinces
    }

    pub fn default_regions() -> Result<Self> {
        Self::parse(DEFAULT_REGIONS)
    }

    /// The region of a buyer: an exact (folded) name, else a known name inside it as whole words.
    pub fn for_buyer(&self, buyer: &str) -> Option<RegionMatch> {
        let b = fold_buyer(buyer);
        if b.is_empty() {
            return None;
        }
        if let Some(&i) = self.index.get(&b) {
            return Some(self.names[i].hit.clone());
        }
        // A known name inside the buyer as whole words: look up every run of up to `max_words`
        // words, and keep the name that comes first (longest names first).
        let words: Vec<&str> = b.split(' ').collect();
        let mut best: Option<usize> = None;
        for start in 0..words.len() {
            for len in 1..=self.max_words.min(words.len() - start) {
                let run = words[start..start + len].join(" ");
                if let Some(&i) = self.index.get(&run) {
                    best = Some(best.map_or(i, |b: usize| b.min(i)));
                }
            }
        }
        best.map(|i| self.names[i].hit.clone())
    }

    /// The province of a NUTS code (NL112 -> Groningen); level-2 codes (NL11) match by prefix.
    pub fn province_for_nuts(&self, code: &str) -> Option<String> {
        let c = code.trim().to_uppercase();
        self.nuts.iter().find(|(n, _)| *n == c || (c.len() >= 4 && n.starts_with(&c))).map(|(_, p)| p.clone())
    }

    /// All NUTS-3 codes of the three provinces.
    pub fn nuts_codes(&self) -> Vec<String> {
        self.nuts.iter().map(|(n, _)| n.clone()).collect()
    }

    /// All municipality names.
    pub fn municipalities(&self) -> &[String] {
        &self.municipalities
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buyers_land_in_their_region() {
        let r = Regions::default_regions().unwrap();
        let m = r.for_buyer("Gemeente Midden-Groningen").unwrap();
        assert_eq!(m.municipality.as_deref(), Some("Midden-Groningen"));
        assert_eq!(m.region.as_deref(), Some("Groningen"));
        let s = r.for_buyer("gemeente Sudwest Fryslan").unwrap();
        assert_eq!(s.municipality.as_deref(), Some("Súdwest-Fryslân"));
        assert_eq!(s.province, "Friesland");
        assert_eq!(r.for_buyer("RIGG").unwrap().region.as_deref(), Some("Groningen"));
        assert_eq!(r.for_buyer("Sociaal Domein Fryslân").unwrap().province, "Friesland");
        assert_eq!(r.for_buyer("Gemeente Emmen, afdeling inkoop").unwrap().region.as_deref(), Some("Zuid-Drenthe"));
        assert_eq!(r.for_buyer("Gemeente Groningen").unwrap().municipality.as_deref(), Some("Groningen"));
        assert_eq!(r.for_buyer("Gemeente Utrecht"), None);
        assert_eq!(r.for_buyer(""), None);
        assert_eq!(r.province_for_nuts("nl131").as_deref(), Some("Drenthe"));
        assert_eq!(r.province_for_nuts("NL12").as_deref(), Some("Friesland"));
        assert_eq!(r.province_for_nuts("NL329"), None);
        assert_eq!(r.municipalities().len(), 40);
    }
}
