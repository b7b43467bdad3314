//! Search profiles: which publications matter to the consultancy (care, in the three northern
//! provinces). Matching is a pure function of a notice and the region data, shared by every source.

use crate::error::{DomainError, Result};
use crate::publication::Notice;
use crate::regions::Regions;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The shipped profiles.
pub const DEFAULT_PROFILES: &str = include_str!("../../../assets/profiles.toml");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchProfile {
    #[serde(default)]
    pub id: Option<Uuid>,
    pub name: String,
    #[serde(default)]
    pub cpv_prefixes: Vec<String>,
    #[serde(default)]
    pub nuts: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub buyers: Vec<String>,
    /// Also accept buyers that resolve to a municipality or purchasing body of the region data.
    #[serde(default)]
    pub buyers_from_regions: bool,
}

#[derive(Debug, Deserialize)]
struct RawProfiles {
    profile: Vec<SearchProfile>,
}

pub fn parse_profiles(text: &str) -> Result<Vec<SearchProfile>> {
    let raw: RawProfiles = toml::from_str(text).map_err(|e| DomainError::Catalogue(format!("profiles: {e}")))?;
    Ok(raw.profile)
}

/// Why a notice matched or not, for the sync report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileVerdict {
    Match,
    OffTopic,
    OutsideRegion,
}

impl SearchProfile {
    /// Judges one notice (prepares the profile each time; use [`SearchProfile::matcher`] in loops).
    pub fn judge(&self, n: &Notice, regions: &Regions) -> ProfileVerdict {
        self.matcher().judge(n, regions)
    }

    /// The profile with its words folded once, for judging many notices.
    pub fn matcher(&self) -> ProfileMatcher {
        ProfileMatcher {
            cpv_prefixes: self.cpv_prefixes.clone(),
            nuts: self.nuts.iter().map(|n| n.to_uppercase()).collect(),
            keywords: self.keywords.iter().map(|k| format!(" {}", crate::regions::fold_buyer(k))).collect(),
            buyers: self.buyers.iter().map(|b| crate::regions::fold_buyer(b)).collect(),
            buyers_from_regions: self.buyers_from_regions,
        }
    }
}

/// A search profile prepared for matching.
#[derive(Debug, Clone)]
pub struct ProfileMatcher {
    cpv_prefixes: Vec<String>,
    nuts: Vec<String>,
    /// Folded keywords with a leading space (word-prefix search).
    keywords: Vec<String>,
    buyers: Vec<String>,
    buyers_from_regions: bool,
}

/// What a profile looks at in a publication (or in a tender made from one).
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub buyer: &'a str,
    pub cpv: &'a [String],
    pub nuts: &'a [String],
}

impl<'a> From<&'a Notice> for Subject<'a> {
    fn from(n: &'a Notice) -> Self {
        Subject { title: &n.title, description: &n.description, buyer: &n.buyer, cpv: &n.cpv, nuts: &n.nuts }
    }
}

impl<'a> From<&'a crate::Tender> for Subject<'a> {
    fn from(t: &'a crate::Tender) -> Self {
        Subject { title: &t.title, description: &t.description, buyer: &t.buyer, cpv: &t.cpv, nuts: &t.nuts }
    }
}

impl ProfileVerdict {
    /// Why a publication is not kept, in the consultant's words; `None` when it is.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            Self::Match => None,
            Self::OffTopic => Some("valt buiten de zoekprofielen: geen passende CPV-code of trefwoord"),
            Self::OutsideRegion => Some("valt buiten de zoekprofielen: opdrachtgever en NUTS-code buiten de regio"),
        }
    }
}

impl ProfileMatcher {
    pub fn judge(&self, n: &Notice, regions: &Regions) -> ProfileVerdict {
        self.judge_subject(Subject::from(n), regions)
    }

    pub fn judge_subject(&self, n: Subject, regions: &Regions) -> ProfileVerdict {
        let subject = n.cpv.iter().any(|c| self.cpv_prefixes.iter().any(|p| c.starts_with(p.as_str()))) || {
            let text = format!(" {}", crate::regions::fold_buyer(&format!("{} {}", n.title, n.description)));
            self.keywords.iter().any(|k| text.contains(k.as_str()))
        };
        if !subject {
            return ProfileVerdict::OffTopic;
        }
        let nuts = n.nuts.iter().any(|c| self.nuts.iter().any(|p| c.eq_ignore_ascii_case(p)));
        if nuts {
            return ProfileVerdict::Match;
        }
        let listed = !self.buyers.is_empty() && self.buyers.contains(&crate::regions::fold_buyer(n.buyer));
        let regional = self.buyers_from_regions && regions.for_buyer(n.buyer).is_some();
        if listed || regional {
            ProfileVerdict::Match
        } else {
            ProfileVerdict::OutsideRegion
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publication::SourceKind;

    #[test]
    fn default_profile_matches_northern_care_only() {
        let p = &parse_profiles(DEFAULT_PROFILES).unwrap()[0];
        let regions = Regions::default_regions().unwrap();
        let mut n = Notice::new(SourceKind::Tenderned, "1", vec![], "json");
        n.title = "Inkoop Jeugdhulp 2027".into();
        n.buyer = "Gemeente Midden-Groningen".into();
        assert_eq!(p.judge(&n, &regions), ProfileVerdict::Match, "keyword + buyer without NUTS");
        n.buyer = "Gemeente Utrecht".into();
        assert_eq!(p.judge(&n, &regions), ProfileVerdict::OutsideRegion);
        n.nuts = vec!["NL131".into()];
        assert_eq!(p.judge(&n, &regions), ProfileVerdict::Match, "NUTS alone places it");
        n.title = "Levering kantoorpapier".into();
        assert_eq!(p.judge(&n, &regions), ProfileVerdict::OffTopic);
        n.cpv = vec!["85311300".into()];
        assert_eq!(p.judge(&n, &regions), ProfileVerdict::Match, "CPV 85*");
    }
}
