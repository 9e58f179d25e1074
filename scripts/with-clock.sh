#!/usr/bin/env bash
# Runs a command with the wall clock moved by OFFSET (+365d, -365d, +12h, +90s) for it and every process it
# starts, as on a machine whose date is set that far away: the monotonic clock, and every wait and timer on it,
# is left alone (scripts/clock/shifted-clock.c, a preload built here with gcc). What the command leaves running
# (servers a killed test started) is ended with it: it runs in a session of its own, and every process still in
# that session afterwards is killed; past --limit SECONDS (default 1800) it is killed and counted as hung.
#   scripts/with-clock.sh OFFSET [--limit SECONDS] COMMAND...
set -uo pipefail
cd "$(dirname "$0")/.."
offset=${1:?usage: scripts/with-clock.sh OFFSET [--limit SECONDS] COMMAND...}
shift
limit=1800
if [ "${1:-}" = "--limit" ]; then limit=$2; shift 2; fi
if ! [[ $offset =~ ^([+-]?)([0-9]+)([dhs])$ ]]; then
  echo "with-clock.sh: OFFSET is a signed number of days, hours or seconds, e.g. +365d or -12h; got $offset" >&2
  exit 2
fi
unit=${BASH_REMATCH[3]}
seconds=$((${BASH_REMATCH[2]} * $([ "$unit" = d ] && echo 86400 || { [ "$unit" = h ] && echo 3600 || echo 1; })))
[ "${BASH_REMATCH[1]}" = "-" ] && seconds=$((-seconds))
preload=.build/shifted-clock.so
if [ ! -f $preload ] || [ scripts/clock/shifted-clock.c -nt $preload ]; then
  mkdir -p .build && gcc -shared -fPIC -O2 -o $preload scripts/clock/shifted-clock.c -ldl || exit 2
fi
export SHIFTED_CLOCK_SECONDS=$seconds LD_PRELOAD=$PWD/$preload${LD_PRELOAD:+:$LD_PRELOAD}
echo "== with the clock at $offset ($(date -u +%Y-%m-%dT%H:%MZ)): $*"
setsid --wait timeout -s KILL "$limit" "$@" &
leader=$!
wait $leader
status=$?
unset LD_PRELOAD
# Whatever the command left behind in its session (a runner's servers, a killed test's children).
pkill -KILL -s "$leader" 2>/dev/null || true
if [ $status = 137 ]; then echo "== killed after $limit s with the clock at $offset: it hung" >&2; fi
exit $status
