//! Choices made on this laptop for this laptop (`device_setting`, never shared with the team):
//! whether Tenderwacht looks for updates, and what the last look found. Off until the consultant
//! turns it on, so a fresh install asks nothing of the network on its own.

use crate::error::Result;
use crate::store::now_db;
use crate::Store;
use rusqlite::OptionalExtension;

const UPDATES: &str = "updates";
const UPDATES_CHECKED: &str = "updates_checked_at";

/// The consultant's choice about updates on this laptop, and when they were last looked for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct UpdateChoice {
    /// Look for updates (at start and on request); off until turned on.
    pub look: bool,
    /// When updates were last looked for (UTC, RFC 3339), if ever.
    #[ts(type = "string | null")]
    pub checked_at: Option<String>,
}

impl Store {
    fn device_setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM device_setting WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    fn set_device_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO device_setting (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            rusqlite::params![key, value, now_db()],
        )?;
        Ok(())
    }

    /// This laptop's choice about updates.
    pub fn update_choice(&self) -> Result<UpdateChoice> {
        Ok(UpdateChoice { look: self.device_setting(UPDATES)?.as_deref() == Some("aan"), checked_at: self.device_setting(UPDATES_CHECKED)? })
    }

    /// Turns looking for updates on or off on this laptop.
    pub fn set_update_choice(&mut self, look: bool) -> Result<UpdateChoice> {
        self.set_device_setting(UPDATES, if look { "aan" } else { "uit" })?;
        self.update_choice()
    }

    /// Notes that updates were looked for just now.
    pub fn note_update_check(&mut self) -> Result<()> {
        self.set_device_setting(UPDATES_CHECKED, &now_db())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn updates_are_off_until_turned_on_and_stay_on_this_laptop() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.update_choice().unwrap(), UpdateChoice { look: false, checked_at: None });
        assert!(store.set_update_choice(true).unwrap().look);
        store.note_update_check().unwrap();
        let reopened = Store::open(dir.path()).unwrap();
        let choice = reopened.update_choice().unwrap();
        assert!(choice.look && choice.checked_at.is_some());
        assert!(!tenderwacht_domain::team::SYNCED_TABLES.contains(&"device_setting"), "a laptop's own choice is never shared");
        drop(reopened);
        assert!(!store.set_update_choice(false).unwrap().look);
    }
}
