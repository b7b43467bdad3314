//! A second thread for the pure half of ingesting: the profile check, cleaning, region lookup,
//! hashing and compressing of a batch happen there while the store writes the previous batch on
//! the sync's own thread. On a two-core laptop a sync then takes about as long as its slower half
//! instead of the sum. Batches come back in the order they were sent.

use crate::error::SourceError;
use crate::report::Line;
use chrono::Utc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use tenderwacht_domain::{
    profile::{ProfileMatcher, ProfileVerdict},
    publication::Notice,
    regions::Regions,
};
use tenderwacht_store::payload::{stage, Staged};

/// What the worker is given: notices, or TenderNed list items it turns into notices itself (the
/// conversion and dropping the parsed JSON are a quarter of a list sync's work).
#[derive(Debug)]
pub enum Batch {
    Notices(Vec<Notice>),
    TendernedItems {
        items: Vec<crate::tenderned::Item>,
        base_url: reqwest::Url,
    },
    /// Nothing more follows from this feeder; comes back as a [`Triaged`] with `end` set.
    End,
}

impl Batch {
    fn into_notices(self) -> Vec<Notice> {
        match self {
            Batch::Notices(n) => n,
            Batch::TendernedItems { items, base_url } => items.into_iter().map(|i| crate::tenderned::into_notice(i, &base_url)).collect(),
            Batch::End => vec![],
        }
    }
}

/// A batch after the profile check and preparation.
#[derive(Debug, Default)]
pub struct Triaged {
    pub prepared: Vec<Staged>,
    /// Outside every search profile (not stored).
    pub filtered: u32,
    /// Refused, with the reason.
    pub rejected: Vec<Line>,
    /// The answer to [`Batch::End`].
    pub end: bool,
}

/// The best verdict of any profile (Match over OutsideRegion over OffTopic); no profiles keep
/// everything.
pub fn verdict(profiles: &[ProfileMatcher], regions: &Regions, notice: &Notice) -> ProfileVerdict {
    verdict_of(profiles, regions, notice.into())
}

/// The same verdict for what a profile looks at (a tender the preview made, say).
pub fn verdict_of(profiles: &[ProfileMatcher], regions: &Regions, subject: tenderwacht_domain::profile::Subject) -> ProfileVerdict {
    if profiles.is_empty() {
        return ProfileVerdict::Match;
    }
    let mut best = ProfileVerdict::OffTopic;
    for p in profiles {
        match p.judge_subject(subject, regions) {
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
        match stage(notice, regions, now) {
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
    /// Batches sent (by this or a [`Feeder`]) and not yet taken back.
    in_flight: Arc<AtomicUsize>,
}

/// Hands batches to the worker from another thread (the one reading a portal's list), while the
/// preparer's owner takes the results; ends with [`Feeder::end`].
#[derive(Debug, Clone)]
pub struct Feeder {
    to_worker: Sender<Batch>,
    in_flight: Arc<AtomicUsize>,
}

impl Feeder {
    pub fn submit(&self, batch: Batch) -> Result<(), SourceError> {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        self.to_worker.send(batch).map_err(|_| {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            SourceError::Worker("voorbereiding gestopt".into())
        })
    }

    /// Says that nothing more follows; the owner's [`Preparer::take`] then returns an `end` batch.
    pub fn end(&self) -> Result<(), SourceError> {
        self.submit(Batch::End)
    }
}

impl Preparer {
    pub fn start(profiles: Arc<Vec<ProfileMatcher>>, regions: Arc<Regions>) -> Result<Self, SourceError> {
        let (to_worker, inbox) = channel::<Batch>();
        let (outbox, from_worker) = channel::<Triaged>();
        let worker = std::thread::Builder::new()
            .name("tenderwacht-prepare".into())
            .spawn(move || {
                for batch in inbox {
                    let triaged = match batch {
                        Batch::End => Triaged { end: true, ..Default::default() },
                        batch => triage(batch.into_notices(), &profiles, &regions),
                    };
                    if outbox.send(triaged).is_err() {
                        break;
                    }
                }
            })
            .map_err(|e| SourceError::Worker(e.to_string()))?;
        Ok(Self { to_worker: Some(to_worker), from_worker, worker: Some(worker), in_flight: Arc::new(AtomicUsize::new(0)) })
    }

    /// A handle to feed the worker from another thread.
    pub fn feeder(&self) -> Result<Feeder, SourceError> {
        let to_worker = self.to_worker.clone().ok_or_else(|| SourceError::Worker("gestopt".into()))?;
        Ok(Feeder { to_worker, in_flight: Arc::clone(&self.in_flight) })
    }

    /// Batches sent and not yet taken back.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// Hands a batch to the worker.
    pub fn submit(&mut self, batch: Batch) -> Result<(), SourceError> {
        self.feeder()?.submit(batch)
    }

    /// The oldest batch sent when it is prepared already, without waiting.
    pub fn try_take(&mut self) -> Option<Triaged> {
        let triaged = self.from_worker.try_recv().ok()?;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        Some(triaged)
    }

    /// The oldest batch sent, once prepared.
    pub fn take(&mut self) -> Result<Triaged, SourceError> {
        let triaged = self.from_worker.recv().map_err(|_| SourceError::Worker("voorbereiding gestopt".into()))?;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        Ok(triaged)
    }
}

impl Drop for Preparer {
    fn drop(&mut self) {
        // Closing the inbox ends the worker's loop; drain so a blocked send cannot hang the join.
        self.to_worker.take();
        while self.in_flight() > 0 && self.from_worker.recv().is_ok() {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
        }
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenderwacht_domain::publication::SourceKind;

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
        assert_eq!(first.prepared[0].prepared.external_id(), "a");
        assert_eq!(first.rejected.len(), 1, "the untitled one is refused with a reason");
        let second = p.take().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(second.prepared[0].prepared.external_id(), "c");
        assert_eq!(p.in_flight(), 0);
    }

    #[test]
    fn a_feeder_on_another_thread_ends_with_an_end_batch() {
        let regions = Arc::new(Regions::default_regions().unwrap_or_else(|e| panic!("{e}")));
        let mut p = Preparer::start(Arc::new(vec![]), regions).unwrap_or_else(|e| panic!("{e}"));
        let feeder = p.feeder().unwrap_or_else(|e| panic!("{e}"));
        let lister = std::thread::spawn(move || {
            for i in 0..5 {
                feeder.submit(Batch::Notices(vec![notice(&format!("n{i}"), "Wmo")])).unwrap_or_else(|e| panic!("{e}"));
            }
            feeder.end().unwrap_or_else(|e| panic!("{e}"));
        });
        let mut ids = vec![];
        loop {
            let t = p.take().unwrap_or_else(|e| panic!("{e}"));
            if t.end {
                break;
            }
            ids.extend(t.prepared.iter().map(|p| p.prepared.external_id().to_string()));
        }
        lister.join().unwrap_or_else(|_| panic!("lister"));
        assert_eq!(ids, ["n0", "n1", "n2", "n3", "n4"]);
        assert_eq!(p.in_flight(), 0);
    }
}
