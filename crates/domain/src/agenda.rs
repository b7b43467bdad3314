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
