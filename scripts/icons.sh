#!/usr/bin/env bash
# Makes every icon size the installers need (PNG sizes, Windows .ico, macOS .icns, Windows Store
# logos) from the one source image, assets/icons/tenderwacht.svg, with the pinned Tauri CLI. The
# results are committed in src-tauri/icons; run this again only when the source image changes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x ui/node_modules/.bin/tauri ] || (cd ui && npm ci --no-fund --no-audit --loglevel=error)
ui/node_modules/.bin/tauri icon assets/icons/tenderwacht.svg --output src-tauri/icons
# Mobile icons are not shipped: Tenderwacht is a desktop app.
rm -rf src-tauri/icons/android src-tauri/icons/ios
