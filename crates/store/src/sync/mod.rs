//! What a portal sync writes: publications and the tenders they become, the sources with their
//! cursors and runs, the search profiles, and the background checkpoints after a large sync.

pub(crate) mod checkpoints;
pub(crate) mod ingest_writes;
pub(crate) mod profiles;
pub(crate) mod publications;
pub(crate) mod sources;
