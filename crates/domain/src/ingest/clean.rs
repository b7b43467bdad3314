//! Checking and cleaning one notice: what is kept, what is flagged (with the Dutch line the tender
//! shows), which milestones and which phase it signals.

use crate::error::{DomainError, Result};
use crate::publication::{fingerprint, plain_text, plausible, KeyKind, Notice, NoticeKind, PortalDocument, MAX_NAME, MAX_TEXT};
use crate::regions::Regions;
use crate::{self as d, MilestoneKind, ProcedurePhase, TenderDomain};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// A notice after cleaning: plain text, valid codes, plausible dates.
#[derive(Debug)]
pub struct Clean {
    pub title: String,
    pub buyer: String,
    pub description: String,
    pub cpv: Vec<String>,
    pub nuts: Vec<String>,
    pub lots: Vec<String>,
    pub milestones: Vec<(MilestoneKind, DateTime<Utc>)>,
    /// When the portal published it, if plausible.
    pub published_at: Option<DateTime<Utc>>,
    pub url: Option<String>,
    pub documents: Vec<PortalDocument>,
    pub keys: Vec<(KeyKind, String)>,
    /// Report lines: what was dropped or looked odd.
    pub warnings: Vec<String>,
    /// Lines shown on the tender itself: a field that could not be kept ("sluitingsdatum
    /// onleesbaar: 31-02-2026"), as (field, message).
    pub flags: Vec<(String, String)>,
    /// The phase this notice signals (none for a rectification).
    pub phase: Option<ProcedurePhase>,
    /// (lot, name) of the winners an award names.
    pub winners: Vec<(String, String)>,
    /// Province from the buyer (else from NUTS), municipality when the buyer is one.
    pub province: String,
    pub municipality: Option<String>,
    pub domain: TenderDomain,
}

/// A publication checked, cleaned, placed in its region and compressed, ready for the store.
#[derive(Debug)]
pub struct Prepared {
    pub notice: Notice,
    pub clean: Clean,
    pub payload_sha: String,
}

impl Prepared {
    /// The portal's id of the publication.
    pub fn external_id(&self) -> &str {
        &self.notice.external_id
    }
}

/// Checks and prepares one publication. Only a publication without a title is refused (there is
/// nothing to show); every other fault leaves its field empty and becomes a warning, and a date
/// that could not be kept also a flag on the tender.
pub fn prepare(notice: Notice, regions: &Regions, now: DateTime<Utc>) -> Result<Prepared> {
    let mut clean = clean(&notice, now)?;
    let place = regions.for_buyer(&clean.buyer);
    clean.province =
        place.as_ref().map(|p| p.province.clone()).or_else(|| clean.nuts.iter().find_map(|code| regions.province_for_nuts(code))).unwrap_or_default();
    clean.municipality = place.and_then(|p| p.municipality);
    clean.domain = domain_of(&clean.title, &clean.description);
    let payload_sha = hex::encode(Sha256::digest(&notice.raw));
    Ok(Prepared { notice, clean, payload_sha })
}

/// The phase a notice signals: its kind, and for an announcement whether it asks for tenders or
/// only for requests to participate. A rectification (and anything unknown) signals none.
pub fn phase_of(n: &Notice) -> Option<ProcedurePhase> {
    match n.kind {
        NoticeKind::PriorInformation => Some(ProcedurePhase::Vooraankondiging),
        NoticeKind::Announcement if n.closing.is_none() && n.requests_deadline.is_some() => Some(ProcedurePhase::Aanmelding),
        NoticeKind::Announcement => Some(ProcedurePhase::Open),
        NoticeKind::Intention => Some(ProcedurePhase::VoornemenTotGunning),
        NoticeKind::Award | NoticeKind::Modification => Some(ProcedurePhase::Gegund),
        NoticeKind::Cancellation => Some(ProcedurePhase::Ingetrokken),
        NoticeKind::Change | NoticeKind::Other => None,
    }
}

/// The Dutch field name of a deadline, for warnings and flags ("sluitingsdatum onleesbaar: ...").
fn field_name(kind: MilestoneKind) -> &'static str {
    match kind {
        MilestoneKind::Sluiting => "sluitingsdatum",
        MilestoneKind::SluitingAanmelding => "sluiting aanmelding",
        MilestoneKind::Interesse => "uiterste blijk van belangstelling",
        MilestoneKind::VragenDeadline => "vragen-deadline",
        MilestoneKind::StartContract => "start contract",
        other => other.label(),
    }
}

fn clean(n: &Notice, now: DateTime<Utc>) -> Result<Clean> {
    let mut warnings = n.notes.clone();
    let mut flags = vec![];
    let title = plain_text(&n.title, MAX_NAME);
    if title.is_empty() {
        return Err(DomainError::invalid("titel", "publicatie zonder titel"));
    }
    for (field, raw) in &n.unreadable {
        let line = format!("{field} onleesbaar: {}", plain_text(raw, 60));
        warnings.push(line.clone());
        flags.push((field.clone(), line));
    }
    // The publication date is the publication's own (the tender's first one shows on its
    // detail), not a milestone.
    let published_at = match n.published_at {
        Some(at) if plausible(at, now) => Some(at),
        Some(at) => {
            warnings.push(format!("publicatiedatum {} genegeerd (onwaarschijnlijke datum)", crate::time::to_db(at)));
            None
        }
        None => None,
    };
    let mut milestones = vec![];
    for (kind, at) in [
        (MilestoneKind::Sluiting, n.closing),
        (MilestoneKind::SluitingAanmelding, n.requests_deadline),
        (MilestoneKind::Interesse, n.interest_deadline),
        (MilestoneKind::VragenDeadline, n.questions_deadline),
        (MilestoneKind::StartContract, n.contract_start),
    ] {
        match at {
            Some(at) if plausible(at, now) => milestones.push((kind, at)),
            Some(at) => {
                let line = format!("{} onwaarschijnlijk: {}", field_name(kind), crate::time::format_moment_nl(at));
                warnings.push(format!("{line} (veld leeg gelaten)"));
                if kind.is_closing() {
                    flags.push((field_name(kind).to_string(), line));
                }
            }
            None => {}
        }
    }
    let mut cpv = vec![];
    for c in &n.cpv {
        match d::cpv("cpv", c) {
            Ok(c) if !cpv.contains(&c) => cpv.push(c),
            Ok(_) => {}
            Err(_) => warnings.push(format!("CPV-code '{}' genegeerd", plain_text(c, 40))),
        }
    }
    // Foreign NUTS codes are normal on TED; only the Dutch ones are kept.
    let mut nuts = vec![];
    for c in &n.nuts {
        if let Ok(c) = d::nuts("nuts", c) {
            if !nuts.contains(&c) {
                nuts.push(c);
            }
        }
    }
    let url = match &n.url {
        Some(u) => match d::url("link", u) {
            Ok(u) => Some(u),
            Err(_) => {
                warnings.push(format!("link '{}' genegeerd (geen http(s))", plain_text(u, 80)));
                None
            }
        },
        None => None,
    };
    let mut documents = vec![];
    for doc in &n.documents {
        match d::url("document", &doc.url) {
            Ok(u) => documents.push(PortalDocument {
                url: u,
                title: plain_text(&doc.title, MAX_NAME),
                external_id: plain_text(&doc.external_id, 200),
                ..doc.clone()
            }),
            Err(_) => warnings.push(format!("document '{}' genegeerd (geen http(s)-link)", plain_text(&doc.title, 80))),
        }
    }
    let mut keys: Vec<(KeyKind, String)> = n.keys.iter().map(|(k, v)| (*k, plain_text(v, 200))).filter(|(_, v)| !v.is_empty()).collect();
    let buyer = plain_text(&n.buyer, MAX_NAME);
    let kept_closing = milestones.iter().find(|(k, _)| *k == MilestoneKind::Sluiting).map(|(_, at)| *at);
    if let Some(fp) = fingerprint(&title, &buyer, kept_closing) {
        keys.push((KeyKind::Fingerprint, fp));
    }
    let winners =
        n.winners.iter().map(|(lot, name)| (plain_text(lot, 40), plain_text(name, MAX_NAME))).filter(|(_, name)| !name.is_empty()).collect();
    Ok(Clean {
        lots: n.lots.iter().map(|l| plain_text(l, MAX_NAME)).filter(|l| !l.is_empty()).collect(),
        description: plain_text(&n.description, MAX_TEXT),
        title,
        buyer,
        cpv,
        nuts,
        milestones,
        published_at,
        url,
        documents,
        keys,
        warnings,
        flags,
        phase: phase_of(n),
        winners,
        province: String::new(),
        municipality: None,
        domain: TenderDomain::Overig,
    })
}

fn domain_of(title: &str, description: &str) -> TenderDomain {
    let text = crate::regions::fold_buyer(&format!("{title} {description}"));
    let padded = format!(" {text}");
    let jeugd = padded.contains(" jeugd");
    let wmo = padded.contains(" wmo");
    match (jeugd, wmo) {
        (true, true) => TenderDomain::Beide,
        (true, false) => TenderDomain::Jeugdwet,
        (false, true) => TenderDomain::Wmo,
        (false, false) => TenderDomain::Overig,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publication::SourceKind;

    fn regions() -> Regions {
        Regions::default_regions().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_implausible_closing_is_flagged_and_the_rest_is_kept() {
        let now = crate::time::parse_moment("x", "2026-11-28 12:00").unwrap_or_else(|e| panic!("{e}"));
        let mut n = Notice::new(SourceKind::Tenderned, "1", b"{}".to_vec(), "json");
        n.title = "Open House Wmo begeleiding Leeuwarden".into();
        n.closing = crate::time::parse_moment("x", "2049-01-01 12:00").ok();
        n.questions_deadline = crate::time::parse_moment("x", "2026-12-10 12:00").ok();
        let p = prepare(n, &regions(), now).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            p.clean.milestones,
            vec![(MilestoneKind::VragenDeadline, crate::time::parse_moment("x", "2026-12-10 12:00").unwrap_or_else(|e| panic!("{e}")))]
        );
        assert_eq!(p.clean.flags.len(), 1);
        assert!(p.clean.flags[0].1.starts_with("sluitingsdatum onwaarschijnlijk: "), "{:?}", p.clean.flags);
        assert!(p.clean.flags[0].1.contains("2049"));
    }

    #[test]
    fn an_unreadable_value_becomes_a_flag() {
        let mut n = Notice::new(SourceKind::Html, "1", b"{}".to_vec(), "json");
        n.title = "Jeugdhulp Assen".into();
        n.unreadable.push(("sluitingsdatum".into(), "31-02-2026".into()));
        let p = prepare(n, &regions(), Utc::now()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.clean.flags, vec![("sluitingsdatum".to_string(), "sluitingsdatum onleesbaar: 31-02-2026".to_string())]);
        assert!(p.clean.warnings.contains(&"sluitingsdatum onleesbaar: 31-02-2026".to_string()));
    }

    #[test]
    fn phases_from_notice_kinds() {
        let mut n = Notice::new(SourceKind::Ted, "1", vec![], "xml");
        n.kind = NoticeKind::Announcement;
        assert_eq!(phase_of(&n), Some(ProcedurePhase::Open));
        n.requests_deadline = Some(Utc::now());
        assert_eq!(phase_of(&n), Some(ProcedurePhase::Aanmelding));
        n.closing = Some(Utc::now());
        assert_eq!(phase_of(&n), Some(ProcedurePhase::Open), "a second round asks for tenders");
        n.kind = NoticeKind::Intention;
        assert_eq!(phase_of(&n), Some(ProcedurePhase::VoornemenTotGunning));
        n.kind = NoticeKind::Change;
        assert_eq!(phase_of(&n), None);
    }
}
