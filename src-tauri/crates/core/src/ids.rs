//! Identifiers for user data: UUIDv7, time-ordered and unique across laptops, so stores can later
//! be merged without renumbering anything.

use uuid::Uuid;

/// A fresh time-ordered identifier.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}
