#!/usr/bin/env bash
# The demo command (README.md): installs and builds what is missing (the WASM package only:
# the demo runs nothing else), starts the built-in ITSM on 127.0.0.1 (a ServiceNow Table API
# look-alike; PORT=N to choose its port, default 8787), escalates the example conversation
# through the WASM package, then serves the screens (web-demo/: the employee's chat widget,
# the admin console, the cockpit; WEB_PORT=N, default 8080) against that ITSM until Ctrl-C.
# Any failed step says so and exits non-zero.
#   ./scripts/demo.sh --itsm rt   the same escalation into a real Request Tracker 5 instead:
#                                 Debian's packages (installed when missing), a throwaway
#                                 SQLite database, 127.0.0.1:RT_PORT (default 8080), until Ctrl-C
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ITSM=builtin
case "${1:-}" in
  "") ;;
  --itsm)
    case "${2:-}" in rt | builtin) ITSM="$2" ;; *) echo "usage: scripts/demo.sh [--itsm rt|builtin]" >&2; exit 2 ;; esac ;;
  *) echo "usage: scripts/demo.sh [--itsm rt|builtin]" >&2; exit 2 ;;
esac
"$ROOT/scripts/setup.sh" demo
cd "$ROOT"

if [ "$ITSM" = rt ]; then
  RT_PORT="${RT_PORT:-8080}"
  RT_URL="http://127.0.0.1:$RT_PORT"
  LOG="$(mktemp)"
  echo "[demo] starting Request Tracker 5 on $RT_URL (tests/rt/rt-server.mjs; the first run installs Debian's packages, which takes minutes)"
  node tests/rt/rt-server.mjs --serve --port "$RT_PORT" >"$LOG" 2>&1 &
  RT_PID=$!
  trap 'kill -TERM "$RT_PID" 2>/dev/null; wait 2>/dev/null; rm -f "$LOG"' EXIT
  # It prints its details once RT answers; it exits if RT cannot start.
  until grep -q '"baseUrl"' "$LOG"; do
    if ! kill -0 "$RT_PID" 2>/dev/null; then
      cat "$LOG" >&2
      echo "[demo] Request Tracker did not start (the lines above say why; RT_PORT=N for another port)" >&2
      exit 1
    fi
    sleep 1
  done
  CONFIG=examples/rt/config.json
  if [ "$RT_PORT" != 8080 ]; then
    CONFIG="$(mktemp)"
    sed "s#http://127.0.0.1:8080/#$RT_URL/#" examples/rt/config.json >"$CONFIG"
  fi
  echo "[demo] escalating examples/servicenow/conversation.json into RT with examples/rt/config.json"
  if ! node wasm/dist/cli.mjs escalate --config "$CONFIG" --conversation examples/servicenow/conversation.json --yes; then
    echo "[demo] the escalation failed: the error above says why" >&2
    exit 1
  fi
  echo
  echo "[demo] RT keeps running at $RT_URL (user root, password in the details below); press Ctrl-C to stop it"
  sed -n '/^{/,/^}/p' "$LOG"
  echo "  the ticket through REST 2:  curl -s -u root:<password> $RT_URL/REST/2.0/ticket/1"
  wait "$RT_PID" || true
  exit 0
fi
PORT="${PORT:-8787}"
URL="http://127.0.0.1:$PORT"
CLI="node wasm/dist/cli.mjs"
SIM_PID=""

sim_up() { node -e "fetch('$URL/__sim/stats').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
if sim_up; then
  echo "[demo] the built-in ITSM is already running at $URL"
else
  $CLI itsm-sim --port "$PORT" --data .sim-data/itsm.json --quiet &
  SIM_PID=$!
  trap '[ -n "$SIM_PID" ] && kill -TERM "$SIM_PID" 2>/dev/null; wait 2>/dev/null' EXIT
  for _ in $(seq 1 50); do
    sim_up && break
    kill -0 "$SIM_PID" 2>/dev/null || break
    sleep 0.1
  done
  if ! sim_up; then
    echo "[demo] the built-in ITSM did not start on $URL (is the port taken? choose another with PORT=N)" >&2
    exit 1
  fi
fi

CONFIG=examples/servicenow/config.json
if [ "$PORT" != 8787 ]; then
  CONFIG="$(mktemp)"
  sed "s#http://127.0.0.1:8787/#$URL/#" examples/servicenow/config.json >"$CONFIG"
fi

echo "[demo] escalating examples/servicenow/conversation.json (answering the confirmation with yes)"
# The store keeps each conversation's escalation between runs, so escalating the same
# conversation again returns its ticket instead of creating another.
ESCALATE="$CLI escalate --config $CONFIG --conversation examples/servicenow/conversation.json --store .sim-data/escalations --yes"
if ! $ESCALATE; then
  echo "[demo] the escalation failed: the error above says why; nothing else was run" >&2
  exit 1
fi

cat <<EOT

[demo] Where to look:
  tickets in the built-in ITSM:  curl -s $URL/__sim/incidents
  the same, as ServiceNow serves it:
      curl -s -u tb.integration:tb-demo-password '$URL/api/now/table/incident?sysparm_limit=5'
  records are kept in:           .sim-data/itsm.json
  escalate the same conversation again (its ticket is returned, no second one is created):
      $ESCALATE
  inject a fault for the next request, then escalate another conversation:
      curl -s -X POST $URL/__sim/faults -H 'content-type: application/json' -d '{"next":["commit-then-timeout"]}'
EOT
WEB_PORT="${WEB_PORT:-8080}"
echo
echo "[demo] starting the screens (web-demo/server.mjs) on http://127.0.0.1:$WEB_PORT against the ITSM at $URL/"
echo "[demo] settings and conversations are kept in .demo-data/; press Ctrl-C to stop"
# In the foreground: it prints the employee, admin and cockpit URLs, and Ctrl-C stops it (and
# the built-in ITSM with it, through the trap above).
if ! node web-demo/server.mjs --port "$WEB_PORT" --itsm "$URL/" --data .demo-data; then
  echo "[demo] the web demo stopped with an error (is port $WEB_PORT taken? choose another with WEB_PORT=N)" >&2
  exit 1
fi
