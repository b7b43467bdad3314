//! What deserves a desktop notification — actions due today or tomorrow, tenders with unseen
//! changes — and the memory of what was already announced, so each item is announced once.

use crate::error::Result;
use crate::Store;
use chrono::Duration;
use rusqlite::params;
use serde::Serialize;
use tenderwacht_domain::{
    agenda::{AgendaFilter, AgendaKind},
    time::format_date_nl,
};

/// One notification to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueNotification {
    /// What it is about; stored once shown.
    pub key: String,
    pub title: String,
    pub body: String,
}

impl Store {
    /// Notifications not shown before: actions due today or tomorrow (and overdue ones still
    /// open), and tenders with changes nobody has seen.
    pub fn due_notifications(&self) -> Result<Vec<DueNotification>> {
        let today = self.today();
        let mut out = vec![];
        let agenda =
            self.agenda(&AgendaFilter { from: today - Duration::days(14), to: today + Duration::days(1), party: None, tender: None, region: None })?;
        for item in agenda.into_iter().filter(|i| i.kind == AgendaKind::Action) {
            let when = if item.date < today {
                format!("te laat (was {})", format_date_nl(item.date))
            } else if item.date == today {
                "vandaag".to_string()
            } else {
                "morgen".to_string()
            };
            out.push(DueNotification {
                key: format!(
                    "action:{}:{}:{}",
                    item.tender_id.map(|t| t.to_string()).unwrap_or_default(),
                    item.party_id.map(|p| p.to_string()).unwrap_or_default(),
                    item.title
                ),
                title: format!("Actie {when}: {}", item.title),
                body: format!("{} — {}", item.tender_title.unwrap_or_default(), item.detail),
            });
        }
        for t in self.changed_tender_list()? {
            out.push(DueNotification {
                key: format!("changed:{}:{}", t.tender_id, tenderwacht_domain::time::to_db(t.last_change)),
                title: format!("Gewijzigd: {}", t.title),
                body: format!("{} — {} wijziging(en) nog niet bekeken", t.buyer, t.changes),
            });
        }
        let mut stmt = self.conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM notification_sent WHERE key = ?1)")?;
        let mut fresh = vec![];
        for n in out {
            let sent: bool = stmt.query_row([&n.key], |r| r.get(0))?;
            if !sent {
                fresh.push(n);
            }
        }
        Ok(fresh)
    }

    /// Remembers that these notifications were shown.
    pub fn mark_notified(&mut self, keys: &[String]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached("INSERT OR IGNORE INTO notification_sent (key, sent_at) VALUES (?1, ?2)")?;
            for k in keys {
                stmt.execute(params![k, crate::now_db()])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
