#!/usr/bin/env bash
# Installs what building, running and testing Tenderwacht needs on Debian 12 / Ubuntu 22.04+:
# the WebKitGTK and build packages Tauri needs, Xvfb and X tools for the desktop tests, and the
# front end's npm packages, and libclang for SQLite's session extension (rusqlite
# generates its bindings with bindgen when the `session` feature is on), and lintian, rpm and
# desktop-file-utils to check the packages scripts/package.sh makes, and mingw-w64, Wine and
# Rust's x86_64-pc-windows-gnu target for the Windows build and its tests (scripts/windows.sh), and
# Tesseract with its Dutch model for reading scanned documents and photos in the intake. Safe to
# run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  libwebkit2gtk-4.1-dev build-essential pkg-config curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth x11-utils xdotool imagemagick webkit2gtk-driver
  zip unzip python3
  libclang-dev
  lintian rpm desktop-file-utils dpkg-dev
  gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix wine wine64
  tesseract-ocr tesseract-ocr-nld
)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> apt-get install ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

# rustfmt and clippy for the test command's formatting and lint steps.
for component in rustfmt clippy; do
  cmd=fmt; [ "$component" = clippy ] && cmd=clippy
  if ! cargo "$cmd" --version >/dev/null 2>&1; then
    echo "==> rustup component add $component"
    rustup component add "$component"
  fi
done

# The Windows target for scripts/windows.sh (the standard library for x86_64-pc-windows-gnu).
if ! rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
  echo "==> rustup target add x86_64-pc-windows-gnu"
  rustup target add x86_64-pc-windows-gnu
fi

# The WebDriver bridge for the desktop end-to-end test (version known to work with WebKitWebDriver).
if ! [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  echo "==> cargo install tauri-driver"
  cargo install tauri-driver --locked --version 2.1.0
fi

echo "==> npm ci (ui, tests/e2e)"
(cd ui && npm ci --no-fund --no-audit --loglevel=error)
(cd tests/e2e && npm ci --no-fund --no-audit --loglevel=error)
