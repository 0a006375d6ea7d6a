#!/usr/bin/env bash
# The demo command (README.md): installs and builds what is missing (the WASM package only:
# the demo runs nothing else), starts the built-in ITSM on 127.0.0.1 (a ServiceNow Table API
# look-alike; PORT=N to choose its port, default 8787), escalates the example conversation
# through the WASM package, then serves the screens (web-demo/: the employee's chat widget,
# the admin console, the cockpit; WEB_PORT=N, default 8080) against that ITSM until Ctrl-C.
# Any failed step says so and exits non-zero.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" demo
cd "$ROOT"
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
