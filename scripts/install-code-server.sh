#!/usr/bin/env bash
# Installs code-server (a real VS Code served to a browser) for the editor tests and `npm run demo`.
# @vscode/test-electron downloads VS Code from the internet; code-server comes from the npm registry,
# which these machines reach. Its install scripts download prebuilt binaries (ripgrep, native
# modules) from elsewhere, so they are skipped and the native modules are rebuilt from source
# instead (recipe in DESIGN.md). Idempotent: a marker file records a finished install; a second
# run does nothing and needs no network.
#
#   scripts/install-code-server.sh        install into $CODE_SERVER_DIR (default .cache/code-server)
#   scripts/install-code-server.sh --path print the code-server binary path, install if needed
set -euo pipefail

VERSION=4.100.3
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${CODE_SERVER_DIR:-$ROOT/.cache/code-server}"
PKG="$DIR/node_modules/code-server"
BIN="$PKG/out/node/entry.js"
MARKER="$DIR/.installed-$VERSION"

PRINT_PATH=0
if [ "${1:-}" = "--path" ]; then PRINT_PATH=1; fi
log() { echo "install-code-server: $*" >&2; }

if [ -f "$MARKER" ] && [ -f "$BIN" ]; then
  if [ "$PRINT_PATH" = 1 ]; then echo "$BIN"; else log "code-server $VERSION already installed in $DIR"; fi
  exit 0
fi

# ripgrep replaces the binary @vscode/ripgrep would download; libkrb5-dev lets `kerberos` build.
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
for tool in g++ make python3; do command -v "$tool" >/dev/null || missing+=(build-essential python3); done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
fi

start=$(date +%s)
# A half-finished install is started over; anything else at that path is left alone.
SENTINEL=.go-debug-profile-code-server
if [ -d "$DIR" ] && [ -n "$(ls -A "$DIR")" ] && [ ! -f "$DIR/$SENTINEL" ]; then
  log "$DIR exists and was not made by this script; set CODE_SERVER_DIR to another folder"
  exit 1
fi
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
touch "$SENTINEL"
echo '{"private":true}' > package.json

log "npm install code-server@$VERSION (scripts skipped)"
npm install --no-audit --no-fund --loglevel=error --ignore-scripts --prefer-offline "code-server@$VERSION" >&2

log "VS Code's own dependencies"
cd "$PKG/lib/vscode"
npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts --prefer-offline >&2
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg

log "rebuilding native modules from source (a few minutes)"
npm_config_yes=true npm rebuild --loglevel=error >&2
ln -sfn node_modules node_modules.asar

# argon2 (password hashing, loaded at start even with --auth none) is hoisted to $DIR.
cd "$DIR"
npm_config_build_from_source=true npm rebuild argon2 --loglevel=error >&2

touch "$MARKER"
log "code-server $VERSION installed in $DIR in $(( $(date +%s) - start )) s"
if [ "$PRINT_PATH" = 1 ]; then echo "$BIN"; fi
