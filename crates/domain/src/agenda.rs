//! The agenda: one ordered list of everything due — milestones of followed tenders, "actie vóór"
//! dates from the checklist, and documents that expire soon — filtered by provider, tender,
//! region and period. This is what the consultant opens on Monday morning. The types live here;
//! the queries that fill them are the store's (`store/agenda.rs`).

use crate::checklist::ItemStatus;
use crate::text_enum;
use crate::time::Period;
use crate::MilestoneKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

text_enum!(
    /// What kind of thing is due.
    AgendaKind {
        Milestone => ("milestone", "mijlpaal"),
        Action => ("action", "actie"),
        Expiry => ("expiry", "verloopt"),
        Contract => ("contract", "contract"),
    }
);

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaItem {
    /// Local (Amsterdam) date the item is due.
    pub date: NaiveDate,
    /// The exact moment, for milestones.
    pub at: Option<DateTime<Utc>>,
    pub kind: AgendaKind,
    pub milestone_kind: Option<MilestoneKind>,
    pub title: String,
    pub detail: String,
    pub tender_id: Option<Uuid>,
    pub tender_title: Option<String>,
    pub party_id: Option<Uuid>,
    pub party_name: Option<String>,
    pub status: Option<ItemStatus>,
    /// Due before today.
    pub overdue: bool,
}

/// What to show. Dates are inclusive local dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub party: Option<Uuid>,
    pub tender: Option<Uuid>,
    pub region: Option<String>,
}

impl AgendaFilter {
    /// The default view: two weeks back (overdue) to `days` ahead.
    pub fn around(today: NaiveDate, days: u32) -> Self {
        Self { from: Period::days(14).before(today), to: Period::days(days).after(today), party: None, tender: None, region: None }
    }
}

/// One group of the Overzicht: how many lines it has and the first of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaGroup {
    pub count: u32,
    pub items: Vec<AgendaItem>,
}

/// The agenda as the Overzicht groups it: what is late (actions and lapsed documents; a passed
/// milestone is history, not work), what is due within seven days, and the rest of the period.
/// Each group carries its count and only its first `shown` lines, so a busy month's thousand
/// lines do not cross into the window before the consultant asks for them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaGroups {
    pub late: AgendaGroup,
    pub week: AgendaGroup,
    pub later: AgendaGroup,
}

impl AgendaGroups {
    /// Groups `items` (in agenda order) against `today`, keeping `shown` lines of each group.
    pub fn of(items: Vec<AgendaItem>, today: NaiveDate, shown: usize) -> Self {
        let mut groups = Self::default();
        for item in items {
            let group = if item.overdue {
                if item.kind == AgendaKind::Milestone {
                    continue;
                }
                &mut groups.late
            } else if (item.date - today).num_days() < 7 {
                &mut groups.week
            } else {
                &mut groups.later
            };
            group.count += 1;
            if group.items.len() < shown {
                group.items.push(item);
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(day: u32, kind: AgendaKind, overdue: bool) -> AgendaItem {
        AgendaItem {
            date: NaiveDate::from_ymd_opt(2026, 12, day).unwrap_or_default(),
            at: None,
            kind,
            milestone_kind: None,
            title: format!("{day}"),
            detail: String::new(),
            tender_id: None,
            tender_title: None,
            party_id: None,
            party_name: None,
            status: None,
            overdue,
        }
    }

    #[test]
    fn groups_count_every_line_and_carry_only_the_first() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        let items = vec![
            item(1, AgendaKind::Milestone, true),
            item(2, AgendaKind::Action, true),
            item(3, AgendaKind::Expiry, true),
            item(7, AgendaKind::Milestone, false),
            item(13, AgendaKind::Action, false),
            item(14, AgendaKind::Action, false),
            item(20, AgendaKind::Contract, false),
        ];
        let g = AgendaGroups::of(items, today, 1);
        assert_eq!((g.late.count, g.week.count, g.later.count), (2, 2, 2), "a passed milestone is left out");
        assert_eq!(g.late.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(), ["2"]);
        assert_eq!(g.week.items[0].title, "7");
        assert_eq!(g.later.items[0].title, "14", "13 December is six days away: this week");
    }
}
