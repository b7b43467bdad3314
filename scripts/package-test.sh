#!/usr/bin/env bash
# The .deb and .rpm tried as a user gets them (run after scripts/package.sh): lintian finds no
# error, the desktop entry validates, the .deb installs with apt, the program its Exec line names
# paints the welcome under Xvfb on an empty data folder, the packaged command line answers on the
# same folder, and the package removes cleanly. Needs root or sudo (apt-get install).
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
deb="$(ls target/release/bundle/deb/*.deb)"
rpm="$(ls target/release/bundle/rpm/*.rpm)"
work="$(mktemp -d)"
cleanup() {
  [ -n "${driver_pid:-}" ] && kill -- "-$driver_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  if dpkg-query -W -f='${Status}' tenderwacht 2>/dev/null | grep -q "install ok installed"; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq tenderwacht >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> lintian $deb (errors fail; warnings are waived in packaging/lintian-overrides with a reason)"
lint_status=0
lintian --fail-on error --show-overrides "$deb" >"$work/lintian.txt" 2>&1 || lint_status=$?
grep -v '^running with root' "$work/lintian.txt" | sed 's/^/   /' || true
[ "$lint_status" -eq 0 ] || { echo "lintian reports errors" >&2; exit 1; }

echo "==> rpm: what $rpm holds"
rpm -qp --queryformat '%{NAME} %{VERSION}-%{RELEASE} %{ARCH}: %{SUMMARY}\n' "$rpm" 2>/dev/null
# The listing is read whole first: `rpm -qpl | grep -q` under pipefail failed when grep had its
# line and left rpm writing into a closed pipe (seen once: "the rpm lacks" a file it held).
listing="$(rpm -qpl "$rpm" 2>/dev/null)"
for f in /usr/bin/tenderwacht /usr/bin/tenderwacht-cli /usr/bin/tenderwacht-reader /usr/share/doc/tenderwacht/copyright /usr/share/applications/Tenderwacht.desktop; do
  grep -qx "$f" <<<"$listing" || { echo "the rpm lacks $f" >&2; exit 1; }
done

echo "==> apt-get install ./$deb"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "./$deb" >/dev/null
desktop=/usr/share/applications/Tenderwacht.desktop
desktop-file-validate "$desktop"
exec_line="$(sed -n 's/^Exec=//p' "$desktop")"
program="$(command -v "${exec_line%% *}")"
echo "   desktop entry: Exec=$exec_line -> $program"

echo "==> the installed app under Xvfb, empty data folder"
home="$work/home"; mkdir -p "$home"
display=":$(( 90 + RANDOM % 100 ))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
native="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
shots="artifacts/e2e"; mkdir -p "$shots"
setsid env -u TENDERWACHT_DATA_DIR -u XDG_DATA_HOME HOME="$home" DISPLAY="$display" LANG=en_US.UTF-8 \
  "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" --port "$port" --native-port "$native" >/dev/null 2>&1 & driver_pid=$!
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
(cd tests/e2e && TW_APP="$program" TW_HOME="$home" TW_SHOTS="$(realpath "../../$shots")" TW_DRIVER="http://127.0.0.1:$port/" \
  timeout 120 node installed.e2e.mjs)

echo "==> the packaged command line on the same folder"
env -u TENDERWACHT_DATA_DIR -u XDG_DATA_HOME HOME="$home" /usr/bin/tenderwacht-cli --version
cli() { env -u TENDERWACHT_DATA_DIR -u TENDERWACHT_READER -u XDG_DATA_HOME HOME="$home" /usr/bin/tenderwacht-cli "$@"; }
cli provider list
# A buyer's document read through the packaged reader worker (/usr/bin/tenderwacht-reader).
printf 'Inschrijvers leveren een uittreksel uit het Handelsregister van de KvK dat niet ouder is dan zes maanden.\n' > "$work/leidraad.txt"
cli tender add --title "Pakkettest Wmo" --closing "15-01-2027 12:00" >/dev/null
cli requirement propose "Pakkettest" --file "$work/leidraad.txt" | tee "$work/propose.txt"
grep -q "KvK" "$work/propose.txt" || { echo "the packaged reader proposed nothing" >&2; exit 1; }

echo "==> apt-get remove tenderwacht"
DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq tenderwacht >/dev/null
[ ! -e /usr/bin/tenderwacht ] && [ ! -e /usr/bin/tenderwacht-cli ] && [ ! -e /usr/bin/tenderwacht-reader ] || { echo "files left after removal" >&2; exit 1; }
echo "==> package test passed"
