//! The agenda as an iCalendar file (RFC 5545) that Outlook, Google and Apple Calendar import:
//! milestones at their exact moment (UTC), action dates and document expiries as all-day events,
//! each with a reminder, and a UID made from what the event *is* (tender, party, kind — never its
//! date), so importing a newer file moves an event instead of adding a second one.

use crate::error::Result;
use chrono::{Duration, NaiveDate};
use icalendar::{Alarm, Calendar, Component, Event, EventLike};
use sha2::{Digest, Sha256};
use tenderwacht_domain::agenda::{AgendaFilter, AgendaItem, AgendaKind};
use tenderwacht_store::Store;
use uuid::Uuid;

/// Which part of the agenda to export.
#[derive(Debug, Clone, Default)]
pub struct CalendarFilter {
    pub party: Option<Uuid>,
    pub tender: Option<Uuid>,
    /// Days ahead of today (default a year); the past 30 days are included for overdue items.
    /// Contract ends and notice deadlines are included however far ahead they are.
    pub days: Option<u32>,
}

/// The stable identity of an agenda item.
pub fn uid(item: &AgendaItem) -> String {
    let identity = format!(
        "{}|{}|{}|{}|{}",
        item.kind.as_str(),
        item.tender_id.map(|t| t.to_string()).unwrap_or_default(),
        item.party_id.map(|p| p.to_string()).unwrap_or_default(),
        item.milestone_kind.map(|m| m.as_str()).unwrap_or_default(),
        item.title
    );
    format!("{}@tenderwacht", &hex::encode(Sha256::digest(identity.as_bytes()))[..32])
}

fn event(item: &AgendaItem) -> Event {
    let mut e = Event::new();
    let mut chars = item.title.chars();
    let summary: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    e.uid(&uid(item)).summary(&summary).description(&item.detail);
    let prefix = match item.kind {
        AgendaKind::Milestone => "Tenderwacht",
        AgendaKind::Action => "Tenderwacht: actie",
        AgendaKind::Expiry => "Tenderwacht: verloopt",
        AgendaKind::Contract => "Tenderwacht: contract",
    };
    e.add_property("CATEGORIES", prefix);
    match item.at {
        Some(at) => {
            e.starts(at).ends(at + Duration::minutes(30));
            e.alarm(Alarm::display(&summary, -Duration::days(1)));
            e.alarm(Alarm::display(&summary, -Duration::hours(2)));
        }
        None => {
            // DTEND of an all-day event is the next day (exclusive), as RFC 5545 wants.
            e.starts(item.date).ends(item.date.succ_opt().unwrap_or(item.date));
            // All-day events: remind at 09:00 on the day before (start is midnight).
            e.alarm(Alarm::display(&summary, -Duration::hours(15)));
        }
    }
    e.done()
}

/// The calendar text of the filtered agenda.
pub fn export(store: &Store, filter: &CalendarFilter) -> Result<String> {
    let today = store.today();
    let from = today - Duration::days(30);
    let to = today + Duration::days(i64::from(filter.days.unwrap_or(365)));
    let mut items = store.agenda(&AgendaFilter { from, to, party: filter.party, tender: filter.tender, region: None })?;
    // Every contract end and notice deadline, however far beyond the window.
    if filter.tender.is_none() {
        if let Some(after) = to.succ_opt() {
            items.extend(store.contract_term_dates(filter.party, after, after + Duration::days(365 * 50))?);
        }
    }
    Ok(render(&items, today))
}

/// The calendar text of agenda items.
pub fn render(items: &[AgendaItem], _today: NaiveDate) -> String {
    let mut cal = Calendar::new();
    cal.name("Tenderwacht").description("Mijlpalen, acties en vervaldata uit Tenderwacht");
    let mut seen = std::collections::HashSet::new();
    for item in items {
        // The agenda may list an item twice (a requirement shared by two bids); one event each.
        if seen.insert(uid(item)) {
            cal.push(event(item));
        }
    }
    cal.done().to_string()
}
