//! The team's shared truth in the store's terms: which tables travel between laptops, the hybrid
//! logical clock that orders every change, and what a conflict and a device look like. The
//! store records and applies the changes (`store::team_log`, `store::team_apply`); the `team`
//! crate moves them through the shared folder.

use serde::Serialize;

/// The user-data tables that travel, attached to the session by name (never "all tables": the
/// search index's shadow tables, the HTTP cache, cursors, raw portal payloads and the change
/// digest stay local and are rebuilt or refilled here). Only columns are ever appended to these
/// tables, and a migration that changes one is listed in [`SYNC_SCHEMA_CHANGES`].
pub const SYNCED_TABLES: &[&str] = &[
    // Ordered by how often a write touches them (a portal sync writes tenders by the thousand):
    // SQLite's session looks a changed table up in this list for every row.
    "tender",
    "tender_key",
    "milestone",
    "tender_municipality",
    "tender_cpv",
    "tender_nuts",
    "tender_link",
    "tender_document",
    "tender_flag",
    "tender_winner",
    "lot",
    "bid_item",
    "document",
    "blob",
    "party",
    "party_municipality",
    "party_domain",
    "cooperative_member",
    "requirement",
    "bid",
    "bid_requirement",
    "document_type",
    "requirement_template",
    "requirement_template_item",
    "contract",
    "contract_member",
    "contract_municipality",
    "obligation",
    "party_facts",
    "deliverable_file",
    "requirement_proposal",
    "tender_upload_rules",
    "contract_document",
    "contract_product",
    "tender_merge",
];

/// Schema versions whose migration changed the columns of a synced table. Files written at a
/// schema on the other side of one of these cannot be applied here (SQLite would skip the table
/// with only a log line), so they wait with a reason instead.
pub const SYNC_SCHEMA_CHANGES: &[i64] = &[7, 8, 9, 10, 11, 18, 19, 21];

/// The shape of the synced tables at a schema version: the last migration up to it that changed
/// them. Two laptops exchange changesets only when theirs are the same; a file says its writer's
/// (a newer writer knows migrations this laptop does not).
pub fn sync_schema(schema_version: i64) -> i64 {
    SYNC_SCHEMA_CHANGES.iter().copied().filter(|v| *v <= schema_version).max().unwrap_or(0)
}

/// Columns the store derives or stamps itself: a concurrent difference in them is settled by the
/// order silently (or recomputed after apply) and never shown as a conflict.
pub fn is_bookkeeping(table: &str, column: &str) -> bool {
    matches!(column, "created_at" | "updated_at" | "joined_at")
        || (table == "document" && column == "is_current")
        || (table == "tender" && column == "phase")
        || (table == "tender_document" && column == "downloaded_at")
}

/// A column as the consultant knows it, for the conflict list.
pub fn column_label(column: &str) -> &str {
    match column {
        "name" => "naam",
        "kvk" => "KvK-nummer",
        "agb" => "AGB-code",
        "place" => "plaats",
        "contact" => "contactpersoon",
        "email" => "e-mail",
        "phone" => "telefoon",
        "notes" | "note" => "notitie",
        "active" => "actief",
        "title" => "titel",
        "buyer" => "aanbestedende dienst",
        "region" => "regio",
        "procedure" => "procedure",
        "domain" => "domein",
        "description" => "omschrijving",
        "status" => "status",
        "at_utc" => "datum en tijd",
        "label" => "omschrijving",
        "kind" => "soort",
        "state" => "stand",
        "owner" => "wie",
        "not_applicable" => "n.v.t.",
        "document_id" => "document",
        "issue_date" => "afgiftedatum",
        "expiry_date" => "vervaldatum",
        "original_name" => "bestandsnaam",
        "max_age_amount" | "max_age_unit" => "maximale ouderdom",
        "provided_by" => "aangeleverd door",
        "is_final" => "definitief",
        "changed_on" => "wijziging gemeld op",
        "agb_codes" => "AGB-codes",
        "template_document_id" => "sjabloon",
        "lead_time_days" => "doorlooptijd",
        "rule" | "rule_amount" | "rule_unit" => "geldigheidsregel",
        other => other,
    }
}

/// A hybrid logical clock reading: milliseconds since the epoch in the high bits, a counter in
/// the low 16, so it never goes backwards even when the wall clock does or another laptop's
/// clock runs a day ahead.
pub fn hlc_next(last: i64, now_ms: i64) -> i64 {
    (now_ms << 16).max(last + 1)
}

/// The wall-clock moment of a clock reading (for showing "when").
pub fn hlc_moment(hlc: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp_millis(hlc >> 16)
}

/// The order every laptop applies entries in.
pub type EntryKey = (i64, String, i64);

/// One changeset of one device, as read from a file or from the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub device_id: String,
    pub seq: i64,
    pub hlc: i64,
    pub schema_version: i64,
    pub changeset: Vec<u8>,
}

impl Entry {
    pub fn key(&self) -> EntryKey {
        (self.hlc, self.device_id.clone(), self.seq)
    }
}

/// This laptop's membership of a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub team_id: String,
    pub team_name: String,
    pub device_id: String,
    pub device_name: String,
    pub folder: String,
    /// The team key, 32 bytes as 64 hex digits; no key when `key_in_keychain`.
    pub key_hex: String,
    pub last_sync_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The key lives in the operating system's keychain, not in the store.
    pub key_in_keychain: bool,
    /// Which generation of the team key this laptop holds: 1 for the key the team was set up
    /// with, one more at every renewal (a laptop removed, a key rotated).
    pub key_epoch: i64,
}

impl Membership {
    /// This laptop joining (or setting up) team `team_id` as a new device.
    pub fn new_device(team_id: &str, team_name: &str, device_name: &str, folder: &str, key_hex: String) -> Self {
        Self {
            team_id: team_id.to_string(),
            team_name: team_name.trim().to_string(),
            device_id: uuid::Uuid::now_v7().to_string(),
            device_name: device_name.trim().to_string(),
            folder: folder.to_string(),
            key_hex,
            last_sync_at: None,
            key_in_keychain: false,
            key_epoch: 1,
        }
    }
}

/// What kind of thing an apply did to someone's edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A later edit of the same field won; the earlier value is kept here.
    Overschreven,
    /// An edit of a row another laptop deleted; the edit is kept here.
    Vervallen,
    /// A row the store's rules refused (e.g. a KvK number already taken by another row).
    Geweigerd,
    /// A row removed because what it belonged to was deleted elsewhere.
    Verwijderd,
    /// Two tenders of one procedure (taken from two portals on two laptops) made one.
    Samengevoegd,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Overschreven => "overschreven",
            Self::Vervallen => "vervallen",
            Self::Geweigerd => "geweigerd",
            Self::Verwijderd => "verwijderd",
            Self::Samengevoegd => "samengevoegd",
        }
    }

    pub fn parse(field: &'static str, s: &str) -> crate::Result<Self> {
        Ok(match s {
            "overschreven" => Self::Overschreven,
            "vervallen" => Self::Vervallen,
            "geweigerd" => Self::Geweigerd,
            "verwijderd" => Self::Verwijderd,
            "samengevoegd" => Self::Samengevoegd,
            other => return Err(crate::DomainError::invalid(field, format!("onbekende soort conflict: {other}"))),
        })
    }

    /// The Dutch sentence for the list.
    pub fn label(self) -> &'static str {
        match self {
            Self::Overschreven => "overschreven door een latere wijziging",
            Self::Vervallen => "wijziging vervallen: de rij is elders verwijderd",
            Self::Geweigerd => "niet toegevoegd: botst met bestaande gegevens",
            Self::Verwijderd => "verwijderd: hoorde bij iets dat elders is verwijderd",
            Self::Samengevoegd => "samengevoegd: één procedure stond twee keer in het team (van twee portalen)",
        }
    }
}

/// One conflict as the consultant sees it: what, who won and when, and the value that lost.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamConflict {
    pub id: String,
    pub kind: ConflictKind,
    pub label: String,
    pub table: String,
    pub row_key: String,
    pub row_label: String,
    pub column: String,
    /// The column in the consultant's words ("telefoon").
    pub column_label: String,
    pub kept_value: Option<String>,
    pub lost_value: Option<String>,
    /// Who made the winning change, and when (the losing value is the one that was there).
    pub won_device: String,
    pub won_at: Option<chrono::DateTime<chrono::Utc>>,
    /// "geaccepteerd" or "hersteld" once the consultant answered it.
    pub resolution: Option<String>,
}

/// A device of the team with what this laptop has seen of it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamDevice {
    pub device_id: String,
    pub name: String,
    pub is_self: bool,
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub last_seq: i64,
    pub last_seen_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When the team removed this laptop (its key was renewed without it): nothing it writes
    /// after that is read.
    pub removed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When this laptop said it left the team (it still holds the key until the key is renewed).
    pub left_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_never_goes_back_and_schema_gaps_are_refused() {
        let a = hlc_next(0, 1_000);
        assert_eq!(a, 1_000 << 16);
        assert_eq!(hlc_next(a, 500), a + 1, "a wall clock behind the last reading still moves forward");
        assert_eq!((sync_schema(6), sync_schema(7), sync_schema(8), sync_schema(9), sync_schema(10), sync_schema(12)), (0, 7, 8, 9, 10, 11));
    }
}
