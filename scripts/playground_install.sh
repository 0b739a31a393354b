#!/usr/bin/env bash
# Installs the pinned Microsoft 365 Agents Playground into DIR (default var/playground) with
# `npm ci` from scripts/playground/. A no-op when that lock file is already installed there, so
# .ci/run and `make playground` can call it every time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$(mkdir -p "${1:-$ROOT/var/playground}" && cd "${1:-$ROOT/var/playground}" && pwd)"
SRC="$ROOT/scripts/playground"
CLI="$DIR/node_modules/@microsoft/m365agentsplayground/cli.js"

command -v npm >/dev/null || { echo "playground: npm is not installed (Debian: apt-get install nodejs npm)" >&2; exit 1; }
if [ -f "$CLI" ] && cmp -s "$SRC/package-lock.json" "$DIR/package-lock.json"; then
  exit 0
fi
cp "$SRC/package.json" "$SRC/package-lock.json" "$DIR/"
(cd "$DIR" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
test -f "$CLI" || { echo "playground: $CLI missing after npm ci" >&2; exit 1; }
echo "playground: installed $(node -p "require('$DIR/node_modules/@microsoft/m365agentsplayground/package.json').version") in $DIR"
