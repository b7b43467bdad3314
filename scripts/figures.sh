#!/usr/bin/env bash
# Builds the release app and the foundation benchmark's data folder (20,000 tenders, 150
# providers), then prints the desktop figures next to a trivial Tauri window. Not part of the test
# command (it takes several minutes); see README "Benchmarks".
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run build >/dev/null)
cargo build --release --locked -p tenderwacht --features figures
data="${TENDERWACHT_FIGURES_DIR:-target/figures-data}"
if [ ! -f "$data/tenderwacht.sqlite" ]; then
  mkdir -p "$data"
  TENDERWACHT_BENCH_DIR="$(realpath "$data")" cargo bench --locked -p tenderwacht-store --bench store >/dev/null
fi
python3 scripts/figures.py target/release/tenderwacht "$data" "${1:-5}"
