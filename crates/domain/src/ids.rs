//! Identifiers for user data: UUIDv7 (time-ordered, unique across laptops) for things only one
//! person creates, and UUIDv5 derived from the natural key for things two laptops could create
//! offline at once (a provider by KvK number, a catalogue type by code, a bid of one party on one
//! tender lot, a tender by its portal key), so the team's stores meet on one row, not two.

use uuid::Uuid;

/// The namespace of every derived id (a fixed, random UUID: changing it re-keys nothing stored,
/// but two versions of the app would then derive different ids for the same thing).
const NAMESPACE: Uuid = Uuid::from_u128(0x6d1f_0c8e_5b1a_4f3e_9c2d_7a41_b8e6_2f90);

/// A fresh time-ordered identifier.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// The id of a `kind` of thing with this natural key: the same on every laptop.
pub fn keyed(kind: &str, parts: &[&str]) -> Uuid {
    let mut name = String::with_capacity(kind.len() + parts.iter().map(|p| p.len() + 1).sum::<usize>());
    name.push_str(kind);
    for p in parts {
        name.push('\u{1f}');
        name.push_str(p);
    }
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_depend_on_every_part_and_its_boundaries() {
        assert_eq!(keyed("party", &["12345678"]), keyed("party", &["12345678"]));
        assert_ne!(keyed("party", &["12345678"]), keyed("document_type", &["12345678"]));
        assert_ne!(keyed("bid", &["a", "bc"]), keyed("bid", &["ab", "c"]));
    }
}
