#!/usr/bin/env bash
# Checks `podium score --json` against scikit-learn on fresh random files (ids shuffled), the way a
# new user would: every metric, Public and Private parts, to 1e-9.
#   scripts/crosscheck-sklearn.sh [ROWS] [SEED]
# Installs numpy and scikit-learn into bench/.venv (PyPI) on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-5000}
seed=${2:-$RANDOM}
# The venv may exist without them (make browser-test makes it for selenium): check the imports.
[ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
bench/.venv/bin/python -c "import numpy, pandas, sklearn" 2>/dev/null || bench/.venv/bin/pip install -q numpy scikit-learn pandas
swift build -c release --product podium >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench/.venv/bin/python Tests/ScoringTests/Fixtures/make_score_fixtures.py --out "$work" --rows "$rows" --seed "$seed"
bench/.venv/bin/python - "$work" "$(swift build -c release --show-bin-path)/podium" <<'PY'
import json, subprocess, sys
work, podium = sys.argv[1], sys.argv[2]
expected = json.load(open(f"{work}/expected.json"))
worst, failed = 0.0, 0
for case, e in sorted(expected.items()):
    cmd = [podium, "score", "--solution", f"{work}/{case}/solution.csv", "--metric", e["metric"], "--json",
           *e["args"], f"{work}/{case}/submission.csv"]
    out = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    for part in ("public", "private"):
        diff = abs(out[part] - e[part])
        worst = max(worst, diff)
        ok = diff <= 1e-9
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {case:28s} {part:7s} podium={out[part]!r:24} sklearn={e[part]!r:24} |diff|={diff:.1e}")
print(f"{len(expected)} cases, worst |diff| {worst:.2e}, {failed} failed")
sys.exit(1 if failed else 0)
PY
