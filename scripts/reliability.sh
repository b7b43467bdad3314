#!/usr/bin/env bash
# The reliability suite with more runs than the test command, ending in one summary table for the
# closing note: operation, runs, kills, failures, fuzz executions, crashes.
#   CRASH_RUNS=200 FUZZ_CASES=100000 bash scripts/reliability.sh
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --workspace --bins >/dev/null 2>&1 || { echo "build failed" >&2; exit 1; }
rm -rf artifacts/reliability
mkdir -p artifacts/reliability
status=0
run() { # name, command...
  local name=$1; shift
  if "$@" >"artifacts/reliability/$name.log" 2>&1; then echo "ok" >"artifacts/reliability/$name.status"; else echo "FAILED" >"artifacts/reliability/$name.status"; status=1; fi
}
run crash env TENDERWACHT_CRASH_RUNS="${CRASH_RUNS:-50}" cargo test -q -p tenderwacht-tests --test crash
run fuzz env TENDERWACHT_FUZZ_CASES="${FUZZ_CASES:-20000}" cargo test -q -p tenderwacht-tests --test fuzz
run disk cargo test -q -p tenderwacht-tests --test hostile_disk
run hostile-files cargo test -q -p tenderwacht-tests --test hostile_files -- --nocapture
run hostile-team cargo test -q -p tenderwacht-tests --test team_hostile
run hostile-exports cargo test -q -p tenderwacht-export --test hostile_sheets --test backup_hostile
run network cargo test -q -p tenderwacht-tests --test sync -- network_faults faults_end
run migrations cargo test -q -p tenderwacht-store --test migrations
run migration-pins cargo test -q -p tenderwacht-store --lib db::
python3 - <<'PY'
import glob, json, os
rows = []
for f in sorted(glob.glob("artifacts/reliability/crash-*.json")):
    d = json.load(open(f))
    rows.append((f"kill -9 during {d['operation']}", d["runs"], d["kills"], d["failures"], "", ""))
for f in sorted(glob.glob("artifacts/reliability/fuzz-*.json")):
    d = json.load(open(f))
    rows.append((f"fuzz {d['target']}", "", "", "", d["executions"], d["crashes"]))
for f in sorted(glob.glob("artifacts/reliability/disk-*.json")):
    d = json.load(open(f))
    rows.append((d["operation"], d["runs"], "", d["failures"], "", ""))
def st(name):
    p = f"artifacts/reliability/{name}.status"
    return open(p).read().strip() if os.path.exists(p) else "not run"
rows.append(("network faults (reset, DNS, drip, cap, redirect loop, wrong type)", 6, "", 0 if st("network") == "ok" else 1, "", ""))
rows.append(("hostile documents through the reading worker (nesting, bombs, pages, DOCX)", "", "", 0 if st("hostile-files") == "ok" else 1, "", ""))
rows.append(("hostile team folder (links, pipes, bombs, junk snapshots)", "", "", 0 if st("hostile-team") == "ok" else 1, "", ""))
rows.append(("hostile workbooks and backups", "", "", 0 if st("hostile-exports") == "ok" else 1, "", ""))
rows.append(("migrations from every schema fixture", "", "", 0 if st("migrations") == "ok" else 1, "", ""))
rows.append(("edited migration detected", "", "", 0 if st("migration-pins") == "ok" else 1, "", ""))
head = ("operation", "runs", "kills", "failures", "fuzz executions", "crashes")
w = [max(len(str(r[i])) for r in rows + [head]) for i in range(6)]
line = lambda r: "  ".join(str(c).ljust(w[i]) for i, c in enumerate(r))
print(line(head)); print("  ".join("-" * x for x in w))
for r in rows: print(line(r))
for name in ["crash", "fuzz", "disk", "hostile-files", "hostile-team", "hostile-exports", "network", "migrations", "migration-pins"]:
    if st(name) != "ok":
        print(f"\n{name}: {st(name)} — see artifacts/reliability/{name}.log")
PY
exit $status
