#!/usr/bin/env bash
# The platform core walk-through of the README on a fresh data folder: check the demo competition,
# add three teams, open qualifying, submit example predictions and a broken file, score, show the
# board, close and reveal, advance the top 2, open the final and see a team that did not advance refused.
#   scripts/demo-platform.sh [PODIUM_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
podium=${1:-$(swift build --show-bin-path)/podium}
export PODIUM_DATA=$(mktemp -d)
trap 'rm -rf "$PODIUM_DATA"' EXIT
examples=competitions/nti-digits/examples
step() { printf '\n$ podium %s\n' "$*"; "$podium" "$@"; }
step check competitions/nti-digits
step competition load competitions/nti-digits --opens-in 3
for team in alpha beta gamma; do step team add nti-digits "$team" >/dev/null; echo "(team $team added; its token is printed once)"; done
step round open nti-digits qualifying
step submissions add nti-digits qualifying --team alpha "$examples/logreg/qualifying.csv"
step submissions add nti-digits qualifying --team beta "$examples/forest/qualifying.csv"
step submissions add nti-digits qualifying --team gamma "$examples/naive_bayes/qualifying.csv"
step submissions add nti-digits qualifying --team gamma "$examples/knn/qualifying.csv"
step submissions add nti-digits qualifying --team gamma "$examples/broken.csv" || echo "(refused as expected: nothing charged)"
step work --once
step standings nti-digits --round qualifying
step round close nti-digits qualifying
step round reveal nti-digits qualifying
step standings nti-digits --round qualifying --private
step round advance nti-digits qualifying final
step round open nti-digits final
step submissions add nti-digits final --team alpha "$examples/logreg/final.csv"
step submissions add nti-digits final --team gamma "$examples/knn/final.csv" || echo "(refused as expected: gamma did not advance)"
step work --once
step standings nti-digits --round final
