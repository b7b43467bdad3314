#!/usr/bin/env bash
# One command on a fresh Debian/Ubuntu machine: install what is needed, build the front end and
# start Tenderwacht. The first start creates an empty store in the data folder
# (~/.local/share/tenderwacht, or --data-dir / TENDERWACHT_DATA_DIR). Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "==> building the front end"
(cd ui && npm run build --silent)
echo "==> starting Tenderwacht"
exec cargo run --release --locked -p tenderwacht -- "$@"
