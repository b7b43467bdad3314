//! The limits every document read stays within, in one table: what the operating system enforces
//! on the reading worker, and what the parsers check themselves so an honest large file passes and
//! a hostile one stops early with a reason. Each limit says why it is what it is and the largest
//! real file it was checked against.

use std::time::Duration;

/// The worker's address space (RLIMIT_AS on Linux, a job's process memory on Windows): a Flate
/// bomb or a zip64 size lie stops at this ceiling instead of at the laptop's. Honest documents
/// need a small part of it (the reading benchmark's 400-page document is measured in the README).
pub const WORKER_MEMORY_BYTES: u64 = 1024 * 1024 * 1024;

/// CPU seconds per document (RLIMIT_CPU; a job's per-process time on Windows). Honest documents
/// take seconds; a 10,000-page PDF took 77 s before the page limit.
pub const WORKER_CPU_SECONDS: u64 = 30;

/// Wall-clock time per document, for a worker that waits rather than computes (it cannot, but
/// the parent does not trust that): CPU limit plus slack for a busy machine.
pub const WORKER_WALL: Duration = Duration::from_secs(60);

/// The reader's own stack. lopdf and docx-rs recurse per nesting level; honest documents nest a
/// few dozen levels, so 64 MiB is generous, and a deeper hostile file ends as a crashed worker.
pub const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// How much text a worker may send back (a page of dense text is a few KB).
pub const WORKER_OUTPUT_BYTES: u64 = 64 * 1024 * 1024;

/// What a worker may write to its error stream before the rest is dropped.
pub const WORKER_STDERR_BYTES: u64 = 64 * 1024;

/// The biggest document file read at all (a leidraad with annexes is a few MB).
pub const DOCUMENT_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// Pages of a PDF read (text extraction grows about quadratically with the page count in lopdf;
/// a leidraad or NvI runs to tens or a few hundred pages).
pub const PDF_PAGES: usize = 3_000;

/// Entries in a DOCX (a Word document has a few dozen parts, more with many pictures).
pub const DOCX_ENTRIES: usize = 5_000;

/// Unpacked size of all parts of a DOCX together, as its directory states it (text and a few
/// pictures are megabytes, not hundreds).
pub const DOCX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// The unpacked-to-packed ratio of one part beyond which it is a bomb, not a document (text
/// compresses 5–20×; a part of zeros 1000×).
pub const DOCX_RATIO: u64 = 200;

/// The most attachments of one e-mail taken into the intake.
pub const MAIL_ATTACHMENTS: usize = 100;

/// The most bytes of one e-mail's attachments together (they cross the wall as hex, twice their
/// size, within [`WORKER_OUTPUT_BYTES`]).
pub const MAIL_ATTACHMENT_BYTES: u64 = 30 * 1024 * 1024;

/// Pages of a scan read with OCR: a provider's certificate, extract or policy is one to four
/// pages; a longer scan's first pages carry its type, holder and dates.
pub const OCR_PAGES: usize = 4;

/// Pixels of one scanned picture read with OCR: an A4 page at 600 dpi is 35 million; beyond that
/// it is no office scan (and Tesseract would need gigabytes).
pub const OCR_PIXELS: u64 = 40_000_000;

/// Wall-clock time for Tesseract on one page (an A4 at 200 dpi takes 1–3 s on a laptop core; it
/// also has the worker's CPU limit).
pub const OCR_PAGE_WALL: Duration = Duration::from_secs(45);

/// The worker's wall-clock time for a scan: its pages one after another, plus slack.
pub const OCR_WALL: Duration = Duration::from_secs(45 * OCR_PAGES as u64 + 15);

/// The text Tesseract may send back for one page.
pub const OCR_TEXT_BYTES: u64 = 1024 * 1024;

/// The most of a sentence cut by a page break that is read again with the next page's start
/// (characters): pages of one unending "sentence" must not grow it page after page; a real
/// sentence is shorter and is carried whole.
pub const CARRIED_SENTENCE_CHARS: usize = 600;
