#!/usr/bin/env bash
# `make playground`: the Microsoft 365 Agents Playground on 127.0.0.1:PGPORT, posting to the bot
# on 127.0.0.1:BOTPORT (start the bot with `make run` in another shell).
#   usage: scripts/playground.sh [DIR] [BOTPORT] [PGPORT]
# These machines must send nothing beyond loopback: the Playground always runs with the loopback
# guard preloaded (scripts/loopback-guard.js), telemetry off, and bound to 127.0.0.1.
# The tests (tests/browser) start the Playground through this same script.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$(mkdir -p "${1:-$ROOT/var/playground}" && cd "${1:-$ROOT/var/playground}" && pwd)"
BOTPORT="${2:-3978}"
PGPORT="${3:-56150}"
GUARD="${FOLJA_LOOPBACK_GUARD:-$ROOT/scripts/loopback-guard.js}"

[ -f "$GUARD" ] || { echo "playground: loopback guard not found at $GUARD (set FOLJA_LOOPBACK_GUARD)" >&2; exit 1; }
GUARD="$(realpath "$GUARD")"
bash "$ROOT/scripts/playground_install.sh" "$DIR"

# The Playground silently moves to a random port when its port is taken (then its serviceUrl is
# wrong), so refuse to start instead.
if ! python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1]))); s.close()" "$PGPORT" 2>/dev/null; then
  echo "playground: port $PGPORT on 127.0.0.1 is in use; choose another: make playground PLAYGROUND_PORT=..." >&2
  exit 1
fi

cd "$DIR"
export NODE_OPTIONS="--require $GUARD ${NODE_OPTIONS:-}"
export APPLICATION_INSIGHTS_NO_STATSBEAT=true TEAMSAPPTESTER_BROWSER=none LOOPBACK_GUARD_BIND=127.0.0.1
echo "playground: http://127.0.0.1:$PGPORT  →  bot http://127.0.0.1:$BOTPORT/api/messages" >&2
exec node node_modules/@microsoft/m365agentsplayground/cli.js start \
  --app-endpoint "http://127.0.0.1:$BOTPORT/api/messages" --channel-id msteams \
  --port "$PGPORT" --service-url "http://127.0.0.1:$PGPORT/_connector" --disable-telemetry
