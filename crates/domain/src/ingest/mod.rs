//! Between a portal's notice and the store: the pure half of ingesting. A notice is checked and
//! cleaned (plain text, valid codes, plausible dates; a value that fails is kept out and flagged,
//! the rest of the publication stays), its procedure phase and deadlines are derived, and it is
//! placed in its region and compressed — without touching the store, so a sync prepares the next
//! batch on a second thread while the store writes the previous one. The store only writes what
//! this module prepared; nothing here imports the store.

mod clean;

pub use clean::{phase_of, prepare, Clean, Prepared};
