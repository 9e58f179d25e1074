#!/usr/bin/env bash
# make api-fuzz: schemathesis (all its checks) against a live `podium serve` holding the demo competitions,
# with a team's token, the organiser's and a participant's (in a team of their own), for a bounded time each (API_FUZZ_SECONDS, default
# 120; API_FUZZ_SEED picks another seed). Passes when no request gets a 5xx, every response conforms to web/static/openapi.json, none takes over
# 5 s, the server is still up at the end, and a Python client generated from the document submits a file and
# reads the board. schemathesis and openapi-python-client are installed from PyPI into bench/.venv.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${API_FUZZ_SECONDS:-120}"
venv="$root/bench/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import schemathesis" 2>/dev/null || "$venv/bin/pip" install -q schemathesis
[ -x "$venv/bin/openapi-python-client" ] || "$venv/bin/pip" install -q openapi-python-client
swift build --product podium
podium="$(swift build --show-bin-path)/podium"
data="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT
for slug in nti-digits russian-superglue; do "$podium" competition load "competitions/$slug" --opens-in 3 --data "$data" >/dev/null; done
token=$("$podium" team add nti-digits fuzz --data "$data" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
"$podium" round open nti-digits qualifying --data "$data" >/dev/null
"$podium" round open russian-superglue leaderboard --data "$data" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
organiser="org-fuzz-$RANDOM$RANDOM"
"$podium" serve --data "$data" --port "$port" --workers 1 --organiser-token "$organiser" --rate-limit 100000 \
  --competitions "$root/competitions" >"$data/serve.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
# A participant who signed up and founded a team, for the participation routes.
participant=$(curl -sf -X POST "$base/api/v1/competitions/nti-digits/participants" -H 'Content-Type: application/json' \
  -d '{"name": "fuzz participant", "accept_rules": true}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -sf -X POST "$base/api/v1/competitions/nti-digits/teams" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $participant" -d '{"name": "fuzz team"}' >/dev/null
status=0
for who in team organiser participant; do
  case "$who" in team) bearer="$token" ;; organiser) bearer="$organiser" ;; *) bearer="$participant" ;; esac
  echo "== schemathesis as the $who, $seconds s"
  "$venv/bin/schemathesis" --config-file "$root/scripts/schemathesis.toml" run "$base/api/v1/openapi.json" --checks all --max-time "$seconds" \
    --max-response-time 5 --request-timeout 10 --seed "${API_FUZZ_SEED:-20261128}" -H "Authorization: Bearer $bearer" \
    --suppress-health-check all --no-color || status=1
done
curl -sf "$base/healthz" >/dev/null || { echo "the server is down after fuzzing"; tail -20 "$data/serve.log"; status=1; }
echo "== a client generated from the document (openapi-python-client) submits a file and reads the board"
"$venv/bin/python" scripts/try-generated-client.py "$base" "$token" || status=1
exit $status
