#!/usr/bin/env bash
# Windows, proven here as far as this machine allows: the command line and the reader worker are
# built for x86_64-pc-windows-gnu (mingw-w64, bundled SQLite with its session extension), the
# store's and the CLI's own tests run under Wine (a 64-bit prefix, no display), and the .exe is
# used as a consultant on Windows would: the data folder under %APPDATA% (no --data-dir), a
# provider list saved by Excel (Windows-1252, CRLF), a document read through the worker, a
# spreadsheet export and a backup. Called by scripts/test.sh; scripts/install-deps.sh installs
# mingw-w64, Wine and the Rust target.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc-posix
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc-posix CXX_x86_64_pc_windows_gnu=x86_64-w64-mingw32-g++-posix
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$PWD/scripts/wine/run-test.sh"
export WINEPREFIX="${WINEPREFIX:-$PWD/target/wine}" WINEARCH=win64 WINEDEBUG=-all
unset DISPLAY

start=$(date +%s)
echo "==> build for Windows ($target): tenderwacht-cli.exe, tenderwacht-reader.exe"
cargo build --locked --target "$target" -p tenderwacht-cli -p tenderwacht-reading --bin tenderwacht-cli --bin tenderwacht-reader
built=$(date +%s)

if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "==> a 64-bit Wine prefix in $WINEPREFIX"
  wineboot --init >/dev/null 2>&1
  wineserver --wait
fi
# Wine 8 lacks bcryptprimitives.dll, which Rust's standard library needs (ProcessPrng): a
# stand-in for the test prefix only (scripts/wine/bcryptprimitives.c).
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c -ladvapi32

echo "==> the store's and the CLI's tests under Wine"
cargo test --locked --target "$target" -p tenderwacht-store -p tenderwacht-cli --no-fail-fast
echo "==> the reading worker's CPU-time watch under Wine (Windows has no rlimit)"
cargo test --locked --target "$target" -p tenderwacht-reading --test cpu_watch
tested=$(date +%s)

echo "==> tenderwacht-cli.exe as on a Windows laptop"
bin="target/$target/debug"
user="$(wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')"
appdata="$WINEPREFIX/drive_c/users/$user/AppData/Roaming/Tenderwacht/tenderwacht/data"
rm -rf "$appdata"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cli() { wine "$bin/tenderwacht-cli.exe" "$@" | tr -d '\r'; }
cli --version
# Saved by Excel on a Dutch laptop: Windows-1252 and CRLF line ends.
printf 'naam;kvk;plaats;gemeenten;domeinen\r\nZorgboerderij De Eik;12345678;Sneek;Súdwest-Fryslân;jeugdwet\r\nWoongroep Het Anker;87654321;Assen;Assen;wmo\r\n' \
  | iconv -f UTF-8 -t WINDOWS-1252 > "$work/aanbieders.csv"
cli provider import "Z:$work/aanbieders.csv" | tee "$work/import.txt"
cli provider list | tee "$work/list.txt"
grep -q "Súdwest-Fryslân\|Zorgboerderij De Eik" "$work/list.txt" || { echo "the Excel CSV was not read" >&2; exit 1; }
[ -f "$appdata/tenderwacht.sqlite" ] || { echo "no store under %APPDATA% ($appdata)" >&2; exit 1; }
echo "   data folder: %APPDATA%\\Tenderwacht\\tenderwacht\\data"
printf 'Inschrijvers leveren een uittreksel uit het Handelsregister van de KvK dat niet ouder is dan zes maanden.\r\n' > "$work/leidraad.txt"
cli tender add --title "Windows Wmo 2027" --closing "15-01-2027 12:00" >/dev/null
cli requirement propose "Windows Wmo" --file "Z:$work/leidraad.txt" | tee "$work/propose.txt"
grep -q "KvK" "$work/propose.txt" || { echo "the worker read nothing under Windows" >&2; exit 1; }
cli export xlsx --out "Z:$work" >/dev/null
ls "$work"/*.xlsx >/dev/null
# A folder path past Windows' old 260-character limit (a tender and a provider in deep folders).
seg="Aanbesteding Jeugdhulp en Wmo regio Noord-Nederland 2027"
deep="$work/$seg/$seg/$seg/$seg/$seg/Zorgboerderij De Eik"
cli export xlsx --out "Z:$deep/checklist.xlsx" >/dev/null
[ -f "$deep/checklist.xlsx" ] || { echo "a path of ${#deep} characters could not be written" >&2; exit 1; }
echo "   a path of ${#deep} characters written"
cli backup create >/dev/null
ls "$appdata/backups" | head -1
# The desktop shell compiles and links for Windows too (WebView2Loader.dll dynamically; Wine has
# no WebView2, so its window cannot be tried here). 6.5 minutes on 2 cores: only on request.
if [ "${TENDERWACHT_WINDOWS_SHELL:-0}" = 1 ]; then
  echo "==> the desktop shell for Windows (tenderwacht.exe)"
  (cd ui && npm run build >/dev/null)
  cargo build --locked --target "$target" -p tenderwacht
fi
echo "==> Windows: built in $((built - start)) s, tests in $((tested - built)) s, done in $(( $(date +%s) - start )) s"
