//! A second thread for the pure half of ingesting: the profile check, cleaning, region lookup,
//! hashing and compressing of a batch happen there while the store writes the previous batch on
//! the sync's own thread. On a two-core laptop a sync then takes about as long as its slower half
//! instead of the sum. Batches come back in the order they were sent.

use crate::error::SourceError;
use crate::sync::Line;
use chrono::Utc;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use tenderwacht_core::profile::{ProfileMatcher, ProfileVerdict};
use tenderwacht_core::publication::Notice;
use tenderwacht_core::regions::Regions;
use tenderwacht_core::store::{prepare, Prepared};

/// What the worker is given: notices, or TenderNed list items it turns into notices itself (the
/// conversion and dropping the parsed JSON are a quarter of a list sync's work).
#[derive(Debug)]
pub enum Batch {
    Notices(Vec<Notice>),
    TendernedItems { items: Vec<crate::tenderned::Item>, base_url: reqwest::Url },
}

impl Batch {
    fn into_notices(self) -> Vec<Notice> {
        match self {
            Batch::Notices(n) => n,
            Batch::TendernedItems { items, base_url } => {
                items.iter().map(|i| crate::tenderned::to_notice_at(i, None, &[], &base_url)).collect()
            }
        }
    }
}

/// A batch after the profile check and preparation.
#[derive(Debug, Default)]
pub struct Triaged {
    pub prepared: Vec<Prepared>,
    /// Outside every search profile (not stored).
    pub filtered: u32,
    /// Refused, with the reason.
    pub rejected: Vec<Line>,
}

/// The best verdict of any profile (Match over OutsideRegion over OffTopic); no profiles keep
/// everything.
pub fn verdict(profiles: &[ProfileMatcher], regions: &Regions, notice: &Notice) -> ProfileVerdict {
    if profiles.is_empty() {
        return ProfileVerdict::Match;
    }
    let mut best = ProfileVerdict::OffTopic;
    for p in profiles {
        match p.judge(notice, regions) {
            ProfileVerdict::Match => return ProfileVerdict::Match,
            ProfileVerdict::OutsideRegion => best = ProfileVerdict::OutsideRegion,
            ProfileVerdict::OffTopic => {}
        }
    }
    best
}

/// Checks and prepares one batch (the worker's job; also usable inline).
pub fn triage(batch: Vec<Notice>, profiles: &[ProfileMatcher], regions: &Regions) -> Triaged {
    let now = Utc::now();
    let mut out = Triaged { prepared: Vec::with_capacity(batch.len()), ..Default::default() };
    for notice in batch {
        if verdict(profiles, regions, &notice) != ProfileVerdict::Match {
            out.filtered += 1;
            continue;
        }
        let id = notice.external_id.clone();
        match prepare(notice, regions, now) {
            Ok(p) => out.prepared.push(p),
            Err(e) => out.rejected.push(Line { item: id, message: e.to_string() }),
        }
    }
    out
}

/// The worker thread and its two queues. The queues are unbounded: a listing hands over every
/// page before it takes anything back (it writes oldest first), which a bounded queue would
/// deadlock; what waits is at most one sync's publications.
#[derive(Debug)]
pub struct Preparer {
    to_worker: Option<Sender<Batch>>,
    from_worker: Receiver<Triaged>,
    worker: Option<JoinHandle<()>>,
    in_flight: usize,
}

impl Preparer {
    pub fn start(profiles: Arc<Vec<ProfileMatcher>>, regions: Arc<Regions>) -> Result<Self, SourceError> {
        let (to_worker, inbox) = channel::<Batch>();
        let (outbox, from_worker) = channel::<Triaged>();
        let worker = std::thread::Builder::new()
            .name("tenderwacht-prepare".into())
            .spawn(move || {
                for batch in inbox {
                    if outbox.send(triage(batch.into_notices(), &profiles, &regions)).is_err() {
                        break;
                    }
                }
            })
            .map_err(|e| SourceError::Worker(e.to_string()))?;
        Ok(Self { to_worker: Some(to_worker), from_worker, worker: Some(worker), in_flight: 0 })
    }

    /// Batches sent and not yet taken back.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Hands a batch to the worker.
    pub fn submit(&mut self, batch: Batch) -> Result<(), SourceError> {
        let sender = self.to_worker.as_ref().ok_or_else(|| SourceError::Worker("gestopt".into()))?;
        sender.send(batch).map_err(|_| SourceError::Worker("voorbereiding gestopt".into()))?;
        self.in_flight += 1;
        Ok(())
    }

    /// The oldest batch sent, once prepared.
    pub fn take(&mut self) -> Result<Triaged, SourceError> {
        let triaged = self.from_worker.recv().map_err(|_| SourceError::Worker("voorbereiding gestopt".into()))?;
        self.in_flight -= 1;
        Ok(triaged)
    }
}

impl Drop for Preparer {
    fn drop(&mut self) {
        // Closing the inbox ends the worker's loop; drain so a blocked send cannot hang the join.
        self.to_worker.take();
        while self.in_flight > 0 && self.from_worker.recv().is_ok() {
            self.in_flight -= 1;
        }
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenderwacht_core::publication::SourceKind;

    fn notice(id: &str, title: &str) -> Notice {
        let mut n = Notice::new(SourceKind::Feed, id, b"{}".to_vec(), "json");
        n.title = title.into();
        n
    }

    #[test]
    fn batches_come_back_in_order_with_rejections() {
        let regions = Arc::new(Regions::default_regions().unwrap_or_else(|e| panic!("{e}")));
        let mut p = Preparer::start(Arc::new(vec![]), regions).unwrap_or_else(|e| panic!("{e}"));
        p.submit(Batch::Notices(vec![notice("a", "Jeugdhulp"), notice("b", "")])).unwrap_or_else(|e| panic!("{e}"));
        p.submit(Batch::Notices(vec![notice("c", "Wmo")])).unwrap_or_else(|e| panic!("{e}"));
        let first = p.take().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first.prepared.len(), 1);
        assert_eq!(first.prepared[0].external_id(), "a");
        assert_eq!(first.rejected.len(), 1, "the untitled one is refused with a reason");
        let second = p.take().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(second.prepared[0].external_id(), "c");
        assert_eq!(p.in_flight(), 0);
    }
}
