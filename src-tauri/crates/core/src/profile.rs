//! Search profiles: which publications matter to the consultancy (care, in the three northern
//! provinces). Matching is a pure function of a notice and the region data, shared by every source.

use crate::error::{CoreError, Result};
use crate::publication::Notice;
use crate::regions::Regions;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The shipped profiles.
pub const DEFAULT_PROFILES: &str = include_str!("../../../../assets/profiles.toml");

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
    let raw: RawProfiles = toml::from_str(text).map_err(|e| CoreError::Catalogue(format!("profiles: {e}")))?;
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
    pub fn judge(&self, n: &Notice, regions: &Regions) -> ProfileVerdict {
        let subject = n.cpv.iter().any(|c| self.cpv_prefixes.iter().any(|p| c.starts_with(p.as_str()))) || {
            let text = crate::regions::fold_buyer(&format!("{} {}", n.title, n.description));
            let padded = format!(" {text}");
            self.keywords.iter().any(|k| padded.contains(&format!(" {}", crate::regions::fold_buyer(k))))
        };
        if !subject {
            return ProfileVerdict::OffTopic;
        }
        let nuts = n.nuts.iter().any(|c| self.nuts.iter().any(|p| c.eq_ignore_ascii_case(p)));
        let buyer_folded = crate::regions::fold_buyer(&n.buyer);
        let listed = self.buyers.iter().any(|b| crate::regions::fold_buyer(b) == buyer_folded);
        let regional = self.buyers_from_regions && regions.for_buyer(&n.buyer).is_some();
        if nuts || listed || regional {
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
