//! Where tenders come from: clients and parsers for the TenderNed publications API, the TED search
//! API with its eForms notices, RSS/Atom feeds and configurable HTML listing pages, plus the sync
//! that turns what they return into publications in the store. Knows nothing of Tauri.

pub mod eforms;
pub mod error;
pub mod feed;
pub mod html;
pub mod http;
mod lenient_json;
pub mod pipeline;
pub mod report;
pub mod sync;
pub mod ted;
pub mod tenderned;

pub use error::SourceError;
pub use sync::{SyncOptions, SyncReport, Syncer};

/// Reads a publication file a consultant saved: an eForms XML notice or a TenderNed JSON detail.
pub fn import_publication(bytes: &[u8], name: &str) -> Result<tenderwacht_core::publication::Notice, SourceError> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).map_or(b' ', |i| bytes[i]);
    match start {
        b'<' => eforms::parse(bytes, None),
        b'{' => {
            tenderned::parse_detail(bytes)?;
            let item = tenderned::Item::from_bytes(bytes).map_err(|reason| SourceError::parse(name, reason))?;
            Ok(tenderned::to_notice(&item, None, &[], "https://www.tenderned.nl"))
        }
        _ => Err(SourceError::parse(name, "geen eForms-XML en geen TenderNed-JSON")),
    }
}
