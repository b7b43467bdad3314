//! What one document's findings become once it is read whole: a planning table's dates hold
//! over sentences that date the same kinds, and a finding read twice is proposed once.

use chrono::NaiveDate;
use tenderwacht_domain::{MilestoneKind, ProposalDraft, ProposalKind};

/// Where a document's planning table gives a step of a named kind, the table is its date: a
/// sentence elsewhere dating that kind repeats the table (the same day) or dates something else
/// ("de definitieve terugkoppeling op uw aanvraag HHC ontvangt u uiterlijk 21 oktober"; "kort na
/// publicatie van het beleid (12 juni)"), unless it says the date changes ("wordt verschoven
/// naar"). Steps of no named kind stay: the consultant judges those.
pub(crate) fn planning_holds(drafts: Vec<ProposalDraft>) -> Vec<ProposalDraft> {
    let in_table = |d: &ProposalDraft| d.kind == ProposalKind::Date && !d.section.is_empty();
    let planned: Vec<(Option<MilestoneKind>, Option<NaiveDate>)> =
        drafts.iter().filter(|d| in_table(d)).map(|d| (d.milestone_kind, d.at.map(tenderwacht_domain::time::local_date))).collect();
    if planned.is_empty() {
        return drafts;
    }
    drafts
        .into_iter()
        .filter(|d| {
            if d.kind != ProposalKind::Date || in_table(d) || d.milestone_kind == Some(MilestoneKind::Custom) {
                return true;
            }
            let day = d.at.map(tenderwacht_domain::time::local_date);
            let same_day = planned.iter().any(|(_, at)| *at == day);
            let kind_planned = planned.iter().any(|(k, _)| *k == d.milestone_kind);
            let changes = crate::meaning::changes(&d.quote.to_lowercase());
            !same_day && (!kind_planned || changes)
        })
        .collect()
}

/// The same finding twice (a summary repeats the body; a table, the text and an NvI ask the same
/// document) is proposed once, with every place it was read: the first occurrence, or a later one
/// that gives an age where the first gave none.
pub(crate) fn dedupe(drafts: Vec<ProposalDraft>) -> Vec<ProposalDraft> {
    let mut out: Vec<ProposalDraft> = vec![];
    for d in drafts {
        let same = out.iter_mut().find(|o| {
            // Two dates of one kind at different moments are both shown: the consultant chooses.
            o.kind == d.kind
                && o.type_code == d.type_code
                && o.name.to_lowercase() == d.name.to_lowercase()
                && o.milestone_kind == d.milestone_kind
                && o.at == d.at
        });
        match same {
            Some(o) if o.max_age.is_none() && d.max_age.is_some() => {
                let earlier = std::mem::replace(o, d);
                o.add_source(earlier.source());
                earlier.also_in.into_iter().for_each(|s| o.add_source(s));
            }
            Some(o) if o.max_age == d.max_age || d.max_age.is_none() => {
                o.add_source(d.source());
                d.also_in.into_iter().for_each(|s| o.add_source(s));
            }
            Some(_) => out.push(d), // two different ages: both shown, the consultant chooses
            None => out.push(d),
        }
    }
    out
}
