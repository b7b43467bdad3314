//! The CPU-time watch that holds the reading worker on Windows (`cpu`): a process that spins on a
//! reader's thread ends itself once past its limit, with the worker's code for it; one that only
//! waits is left alone. Run here on Linux and, by scripts/windows.sh, under Wine, where it is the
//! worker's CPU limit. The child is this test binary again, in one of its helper roles
//! (`harness = false`: a plain program, started with its role in the environment).

// A test program without libtest's harness: its helpers and checks may end it on a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};
use tenderwacht_reading::cpu::{hold_self_to, EXIT_CPU};

/// Set in the helper's environment: "spin" or "wait".
const HELPER: &str = "TENDERWACHT_CPU_HELPER";

fn main() -> ExitCode {
    match std::env::var(HELPER).as_deref() {
        // As the worker: the watch first, then the "reader" on a thread of its own.
        Ok("spin") => {
            hold_self_to(Duration::from_secs(1)).expect("the watch starts");
            let reader = std::thread::spawn(|| {
                let mut x: u64 = 1;
                loop {
                    x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
                }
            });
            let _ = reader.join();
            return ExitCode::SUCCESS;
        }
        Ok("wait") => {
            hold_self_to(Duration::from_secs(1)).expect("the watch starts");
            std::thread::sleep(Duration::from_secs(3));
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    // `cargo test -- --list` and filters: the two checks are the whole of this binary.
    if std::env::args().any(|a| a == "--list") {
        println!("a_spinning_process_is_ended_past_its_cpu_time: test\na_waiting_process_is_left_alone: test");
        return ExitCode::SUCCESS;
    }
    a_spinning_process_is_ended_past_its_cpu_time();
    println!("test a_spinning_process_is_ended_past_its_cpu_time ... ok");
    a_waiting_process_is_left_alone();
    println!("test a_waiting_process_is_left_alone ... ok");
    ExitCode::SUCCESS
}

fn helper(role: &str) -> Child {
    let exe = std::env::current_exe().expect("the test binary");
    Command::new(exe).env(HELPER, role).stdout(Stdio::null()).spawn().expect("the helper starts")
}

/// Waits for the child, ending it after `within` if it is still there (a safety net, not a check
/// of speed: the assertions are on how it ended).
fn wait(child: &mut Child, within: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < within {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn a_spinning_process_is_ended_past_its_cpu_time() {
    let mut child = helper("spin");
    let status = wait(&mut child, Duration::from_secs(60)).expect("the watch ended the spinning process");
    assert_eq!(status.code(), Some(EXIT_CPU), "{status:?}");
}

fn a_waiting_process_is_left_alone() {
    let mut child = helper("wait");
    let status = wait(&mut child, Duration::from_secs(60)).expect("the waiting process ends by itself");
    assert!(status.success(), "the watch ended a process that used no CPU time: {status:?}");
}
