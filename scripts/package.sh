#!/usr/bin/env bash
# Builds the release app and the command line, and packs them as a .deb and an .rpm with the
# pinned Tauri CLI (ui/package.json), offline. AppImage needs downloads this machine cannot make:
# the release workflow (.github/workflows/release.yml) builds it. The packages land in
# target/release/bundle/{deb,rpm}. Usage: scripts/package.sh [bundles], default "deb,rpm";
# scripts/package.sh --no-bundle builds and writes target/packaging/depends.conf.json only (the
# release workflow bundles with tauri-action).
set -euo pipefail
cd "$(dirname "$0")/.."
bundles="${1:-deb,rpm}"
[ -x ui/node_modules/.bin/tauri ] || (cd ui && npm ci --no-fund --no-audit --loglevel=error)
triple="$(rustc -vV | sed -n 's/^host: //p')"

echo "==> front end (ui/dist)"
(cd ui && npm run build >/dev/null)

echo "==> tenderwacht-cli and the document reader's worker (release), shipped beside the app"
cargo build --release --locked -p tenderwacht-cli -p tenderwacht-reading --bin tenderwacht-cli --bin tenderwacht-reader
mkdir -p src-tauri/binaries
for bin in tenderwacht-cli tenderwacht-reader; do cp "target/release/$bin" "src-tauri/binaries/$bin-$triple"; done

start=$(date +%s)
echo "==> tauri build (release app, no bundle yet)"
tauri=(ui/node_modules/.bin/tauri)
CI=true "${tauri[@]}" build --ci --no-bundle --config src-tauri/tauri.package.conf.json -- --locked

# The .deb's dependencies as Debian computes them (dpkg-shlibdeps over both binaries), and its
# changelog compressed as policy asks.
mkdir -p target/packaging/debian
printf 'Source: tenderwacht\n\nPackage: tenderwacht\nArchitecture: any\n' > target/packaging/debian/control
depends="$(cd target/packaging && dpkg-shlibdeps -O -e ../release/tenderwacht -e "../../src-tauri/binaries/tenderwacht-cli-$triple" -e "../../src-tauri/binaries/tenderwacht-reader-$triple" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; exit 1; }
gzip -9nc packaging/changelog > target/packaging/changelog.gz
python3 - "$depends" > target/packaging/depends.conf.json <<'PY'
import json, sys
print(json.dumps({"bundle": {"linux": {"deb": {"depends": [d.strip() for d in sys.argv[1].split(",")]}}}}))
PY

if [ "$bundles" = --no-bundle ]; then
  echo "==> built; Depends: $depends"
  exit 0
fi
echo "==> tauri bundle --bundles $bundles (Depends: $depends)"
CI=true "${tauri[@]}" bundle --ci --bundles "$bundles" --config src-tauri/tauri.package.conf.json --config target/packaging/depends.conf.json
echo "==> packages built in $(( $(date +%s) - start )) s:"
find target/release/bundle -maxdepth 2 -type f \( -name '*.deb' -o -name '*.rpm' -o -name '*.AppImage' \) -printf '   %p (%s bytes)\n'
