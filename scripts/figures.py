#!/usr/bin/env python3
"""Desktop figures for the closing note: launch-to-painted Overzicht, filtering the tender list and
memory of the whole process tree (WebKit helpers included), each next to a trivial Tauri window
(the same binary with an empty page, `--trivial-window`) measured the same way in the same run.

Usage: scripts/figures.sh (builds the release binary and the benchmark data folder, then runs this).
       python3 scripts/figures.py BINARY DATA_DIR [RUNS]
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def tree(pid):
    """The pid and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_mb(pid):
    """Proportional set size of the process tree, in MB (shared pages counted once in total)."""
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def launch(binary, args, env, expect_done):
    """Starts the binary, returns (ms to 'painted', figures dict, MB after settling)."""
    start = time.perf_counter()
    proc = subprocess.Popen([binary, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, start_new_session=True)
    painted = None
    figures = {}
    memory = float("nan")
    deadline = start + 90
    try:
        for line in proc.stdout:
            line = line.strip()
            if line == "painted" and painted is None:
                painted = (time.perf_counter() - start) * 1000
                time.sleep(2.0)  # let the helpers settle after start, then measure
                memory = pss_mb(proc.pid)
                if not expect_done:
                    break
            elif line.startswith("figure "):
                _, name, value = line.split()
                figures[name] = float(value)
                if name == "done":
                    break
            if time.perf_counter() > deadline:
                break
    finally:
        try:
            os.killpg(proc.pid, 9)
        except ProcessLookupError:
            pass
        proc.wait()
    if painted is None:
        raise SystemExit(f"{binary} {' '.join(args)}: no 'painted' line within 60 s")
    return painted, figures, memory


def main():
    binary, data_dir = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    env = dict(os.environ, TENDERWACHT_FIGURES="1", TENDERWACHT_TODAY="2026-11-23")
    xvfb = None
    if not env.get("DISPLAY"):
        display = ":97"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        env["DISPLAY"] = display
    try:
        # Warm-up: page cache, WebKit caches, today's backup of the data folder.
        launch(binary, ["--trivial-window"], env, False)
        launch(binary, ["--data-dir", data_dir], env, True)
        trivial, app, app_figures = [], [], []
        for _ in range(runs):
            trivial.append(launch(binary, ["--trivial-window"], env, False))
            app.append(launch(binary, ["--data-dir", data_dir], env, True))
    finally:
        if xvfb:
            xvfb.kill()
    med = statistics.median
    t_paint, a_paint = med(r[0] for r in trivial), med(r[0] for r in app)
    t_mem, a_mem = med(r[2] for r in trivial), med(r[2] for r in app)
    print(f"Tenderwacht desktop figures ({runs} runs each, median; release build; data folder {data_dir})")
    print(f"  launch -> painted:  app {a_paint:7.0f} ms   trivial window {t_paint:7.0f} ms   (target app < 500 ms)")
    print(f"  memory after start: app {a_mem:7.1f} MB   trivial window {t_mem:7.1f} MB   ratio {a_mem / t_mem:.2f}x (target <= 1.30x; PSS of the process tree)")
    names = [n for n in app[0][1] if n.startswith("filter_") and not n.endswith(("_rows", "_request"))]
    for n in names:
        ms = med(r[1].get(n, float("nan")) for r in app)
        req = med(r[1].get(f"{n}_request", float("nan")) for r in app)
        rows = app[0][1].get(f"{n}_rows", 0)
        print(f"  {n:<15} {ms:6.1f} ms  (query {req:5.1f} ms; {rows:.0f} tenders, first 100 drawn; request to painted list; target < 100 ms)")


if __name__ == "__main__":
    main()
