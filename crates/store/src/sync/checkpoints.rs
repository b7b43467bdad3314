//! WAL checkpoints on a second thread while a sync writes. Normally the writing connection copies
//! the write-ahead log back into the database itself, inside the commit that makes the log pass
//! 1,000 pages — a third of a large sync's write time on a laptop, while the other core idles
//! (the preparing thread is done by then). During a sync the writer only appends; this thread
//! copies, with its own connection (SQLite lets one checkpointer run beside one writer).
//!
//! When the sync ends, the thread makes its last copy while the sync reports: everything is
//! committed, and the copy is the same housekeeping any SQLite writer leaves to a later commit or
//! to closing the database. It is joined before the next sync starts and before the store closes
//! (or on request, [`Store::wait_for_checkpoints`]).

use crate::error::{Result, StoreError};
use crate::Store;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Sender};
use std::thread::JoinHandle;

/// SQLite's default: the log is copied back once it passes this many pages.
const AUTO_CHECKPOINT_PAGES: i64 = 1000;

/// The checkpointing thread of one sync; hand it back with [`Store::end_background_checkpoints`].
#[derive(Debug)]
pub struct BackgroundCheckpoints {
    nudge: Option<Sender<()>>,
    worker: Option<JoinHandle<Result<()>>>,
}

impl BackgroundCheckpoints {
    /// Asks for a checkpoint of what is committed so far (returns at once).
    pub fn nudge(&self) {
        if let Some(n) = &self.nudge {
            let _ = n.send(());
        }
    }

    fn finish(&mut self) -> Result<()> {
        self.nudge.take();
        match self.worker.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(StoreError::io("checkpoint", std::io::Error::other("de checkpoint-thread is gestopt"))),
            None => Ok(()),
        }
    }
}

impl Drop for BackgroundCheckpoints {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

fn checkpoint_loop(path: PathBuf, nudges: std::sync::mpsc::Receiver<()>) -> Result<()> {
    let conn = crate::db::open_existing(&path)?;
    // Every nudge that arrived while a checkpoint ran is covered by the next one.
    while nudges.recv().is_ok() {
        while nudges.try_recv().is_ok() {}
        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
    }
    // The sender is gone: one last copy of everything committed.
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
    Ok(())
}

impl Store {
    /// Moves checkpoints to a second thread until [`Self::end_background_checkpoints`].
    pub fn background_checkpoints(&mut self) -> Result<BackgroundCheckpoints> {
        // The previous sync's last copy is finished first (one checkpointer at a time). A failed
        // copy lost nothing — the log still holds it — and the next checkpoint copies it again.
        let _ = self.wait_for_checkpoints();
        let path = self.data_dir.join(crate::datadir::DB_FILE);
        let (nudge, nudges) = channel();
        let worker = std::thread::Builder::new()
            .name("tenderwacht-checkpoint".into())
            .spawn(move || checkpoint_loop(path, nudges))
            .map_err(|e| StoreError::io("checkpoint", e))?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        Ok(BackgroundCheckpoints { nudge: Some(nudge), worker: Some(worker) })
    }

    /// Gives checkpoints back to the writing connection; the thread makes its last copy in the
    /// background.
    pub fn end_background_checkpoints(&mut self, mut checkpoints: BackgroundCheckpoints) -> Result<()> {
        checkpoints.nudge.take();
        self.last_checkpoint = Some(checkpoints);
        self.conn.pragma_update(None, "wal_autocheckpoint", AUTO_CHECKPOINT_PAGES)?;
        Ok(())
    }

    /// Waits until the last sync's checkpoint thread is done.
    pub fn wait_for_checkpoints(&mut self) -> Result<()> {
        match self.last_checkpoint.take() {
            Some(mut cp) => cp.finish(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_copies_the_log_and_the_writer_gets_its_checkpoints_back() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let cp = store.background_checkpoints().unwrap_or_else(|e| panic!("{e}"));
        let auto: i64 = store.conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0)).unwrap_or_default();
        assert_eq!(auto, 0, "the writer no longer checkpoints itself");
        store.conn.execute_batch("CREATE TABLE t (x BLOB)").unwrap_or_else(|e| panic!("{e}"));
        for _ in 0..50 {
            store.conn.execute("INSERT INTO t VALUES (randomblob(4000))", []).unwrap_or_else(|e| panic!("{e}"));
        }
        cp.nudge();
        store.end_background_checkpoints(cp).unwrap_or_else(|e| panic!("{e}"));
        store.wait_for_checkpoints().unwrap_or_else(|e| panic!("{e}"));
        let auto: i64 = store.conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0)).unwrap_or_default();
        assert_eq!(auto, AUTO_CHECKPOINT_PAGES);
        // (busy, pages in the log, pages copied back) of a passive checkpoint that finds nothing new.
        let (_, log, copied): (i64, i64, i64) =
            store.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap_or((1, -1, -2));
        assert!(log > 0, "the rows went through the log");
        assert_eq!(log, copied, "everything committed was copied back");
    }
}
