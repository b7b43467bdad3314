//! `tenderwacht-reader [--ocr TESSERACT TALEN] <file|-> <name>`: reads one document (or e-mail,
//! by its name; or, with `--ocr`, a scan's or photo's text through Tesseract as its child) behind
//! the wall; `-` reads it from standard input. It first limits
//! itself — memory, CPU time, no new files, no network where the system allows it (see
//! `tenderwacht_reading::limits`) — then reads the file on a thread with a large stack and writes
//! the pages (or the reader's refusal) as JSON on its standard output. A hostile file can only
//! end this process; the app reads the way it ended as the file's reason.

use std::io::Write;
use tenderwacht_reading::wall::{Answer, Refusal};
use tenderwacht_reading::{limits, mail, ocr, text};

fn main() {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // With `--ocr`, the scan's text is read by Tesseract (the program and its languages follow).
    let engine = if args.get(1).is_some_and(|a| a == "--ocr") && args.len() >= 4 {
        let languages = args.remove(3).to_string_lossy().into_owned();
        let program = std::path::PathBuf::from(args.remove(2));
        args.remove(1);
        Some(ocr::Engine { program, languages })
    } else {
        None
    };
    let (Some(path), Some(name)) = (args.get(1), args.get(2)) else {
        eprintln!("gebruik: tenderwacht-reader [--ocr <tesseract> <talen>] <bestand> <naam>");
        std::process::exit(2);
    };
    let name = name.to_string_lossy().into_owned();
    // Read the file before the limits forbid opening anything new.
    let read = if path == "-" {
        use std::io::Read;
        let mut b = vec![];
        std::io::stdin().lock().take(limits::DOCUMENT_FILE_BYTES).read_to_end(&mut b).map(|_| b)
    } else {
        std::fs::read(path)
    };
    let bytes = match read {
        Ok(b) => b,
        Err(e) => return answer(&Answer::Refused(Refusal::Io(format!("niet te openen: {e}")))),
    };
    if let Err(e) = confine() {
        eprintln!("limits: {e}");
        std::process::exit(3);
    }
    let reader = std::thread::Builder::new().stack_size(limits::WORKER_STACK_BYTES).spawn(move || {
        let read = if let Some(engine) = &engine {
            ocr::recognise(&bytes, &name, engine).map(Answer::Pages)
        } else if mail::is_mail(&name) {
            mail::read(&bytes, &name).map(Answer::Mail)
        } else {
            text::extract(&bytes, &name).map(Answer::Pages)
        };
        read.unwrap_or_else(|e| Answer::Refused(Refusal::from_error(&e)))
    });
    match reader.map(|h| h.join()) {
        Ok(Ok(a)) => answer(&a),
        // A panic in a parser: the panic message is on stderr already; the app names it.
        Ok(Err(_)) => std::process::exit(4),
        Err(e) => {
            eprintln!("thread: {e}");
            std::process::exit(3);
        }
    }
}

fn answer(a: &Answer) {
    let mut out = std::io::stdout().lock();
    if serde_json::to_writer(&mut out, a).and_then(|()| out.flush().map_err(serde_json::Error::io)).is_err() {
        std::process::exit(5);
    }
}

/// The limits the operating system holds this process to from here on.
#[cfg(unix)]
fn confine() -> std::io::Result<()> {
    use rlimit::Resource;
    Resource::AS.set(limits::WORKER_MEMORY_BYTES, limits::WORKER_MEMORY_BYTES)?;
    // The soft limit sends SIGXCPU, the hard one a second later SIGKILL.
    Resource::CPU.set(limits::WORKER_CPU_SECONDS, limits::WORKER_CPU_SECONDS + 1)?;
    // No file may be written, no more than a few opened (the document is already in memory).
    Resource::FSIZE.set(0, 0)?;
    Resource::NOFILE.set(16, 16)?;
    Resource::CORE.set(0, 0)?;
    // No network: a new, empty network namespace where unprivileged user namespaces are allowed
    // (most Linux desktops); where they are not, the readers have no network code to begin with.
    #[cfg(target_os = "linux")]
    let _ = nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWUSER | nix::sched::CloneFlags::CLONE_NEWNET);
    Ok(())
}

/// On Windows the app's wall puts the worker in a job object with the memory limit before it
/// waits for it (process_control, see `wall::extract_file`), and ends it after the wall-clock
/// limit; the worker holds itself to its CPU time (`cpu`): win32job, tried first, could not set
/// a per-process memory or CPU limit.
#[cfg(windows)]
fn confine() -> std::io::Result<()> {
    tenderwacht_reading::cpu::hold_self_to(std::time::Duration::from_secs(limits::WORKER_CPU_SECONDS))
}

#[cfg(not(any(unix, windows)))]
fn confine() -> std::io::Result<()> {
    Ok(())
}
