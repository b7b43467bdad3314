//! The worker's CPU-time limit where the operating system gives no rlimit (Windows): the worker
//! watches its own CPU time on a thread of its own and ends itself with [`EXIT_CPU`] once past the
//! limit, so a document that makes a reader spin is one file's reason there too. A reader cannot
//! stop the watch: it is our own parsing code on another thread, not code the document brings.
//!
//! Why not the kernel: a job object's per-process time limit would do it, but no safe crate sets
//! it (win32job keeps its limit structure private) and this workspace forbids `unsafe`. Why not
//! the app watching the worker: Wine reports another process's CPU time far too low (11 s of
//! spinning read as 0.14 s), so that could not be proven here; a process's own time it reports
//! right.

use std::time::Duration;

/// The worker's exit code when it ended itself for its CPU time.
pub const EXIT_CPU: i32 = 6;

/// How often the worker's CPU time is read.
const EVERY: Duration = Duration::from_millis(200);

/// Ends this process with [`EXIT_CPU`] once it has used more than `limit` of CPU time (user and
/// kernel, all threads). Returns at once; the watch runs until the process ends.
pub fn hold_self_to(limit: Duration) -> std::io::Result<()> {
    // A process whose CPU time cannot be read is not started on a document.
    cpu_time::ProcessTime::try_now()?;
    std::thread::Builder::new().name("cpu-watch".into()).spawn(move || loop {
        std::thread::sleep(EVERY);
        match cpu_time::ProcessTime::try_now() {
            Ok(t) if t.as_duration() <= limit => {}
            Ok(_) => {
                eprintln!("cpu time limit of {} s", limit.as_secs());
                std::process::exit(EXIT_CPU);
            }
            Err(e) => {
                eprintln!("cpu time: {e}");
                std::process::exit(EXIT_CPU);
            }
        }
    })?;
    Ok(())
}
