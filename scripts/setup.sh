#!/usr/bin/env bash
# Makes a fresh Debian machine ready for `npm test` and `npm run demo`; runs before both
# (npm's pretest/predemo) and in CI. Every step checks first, so on a ready machine it only
# looks: npm packages, Delve at the pinned version, Chromium and gdb (apt), code-server.
set -euo pipefail
cd "$(dirname "$0")/.."

DLV_VERSION=v1.27.2
export PATH="$(go env GOPATH)/bin:$PATH"

if [ ! -x node_modules/.bin/vsce ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi

if ! dlv version 2>/dev/null | grep -q "Version: ${DLV_VERSION#v}"; then
  echo "== dlv $DLV_VERSION"
  go install "github.com/go-delve/delve/cmd/dlv@$DLV_VERSION"
fi

if ! command -v chromium >/dev/null; then
  echo "== chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# gcore (gdb) writes the core files the core-session tests debug.
if ! command -v gcore >/dev/null; then
  echo "== gdb (gcore)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gdb >/dev/null
fi

bash scripts/install-code-server.sh

# Fixture programs built on a public module (goldmark): its source into the module cache, from
# the Go module proxy, so their builds and the editor's step into it work offline afterwards.
for fixture in test/fixtures/publicmodule test/fixtures/markdownsite; do
  (cd "$fixture" && go mod download)
done

# Foreign profiles for the engine's corpus test (pinned modules into the Go module cache).
node scripts/corpus.mjs
