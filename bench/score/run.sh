#!/usr/bin/env bash
# Scoring benchmark: `podium score --metric f1_macro` against pandas + scikit-learn on a
# 1,000,000-row, 10-class solution with a Usage split and a shuffled submission.
#   bench/score/run.sh [ROWS] [RUNS]
# Prints each side's median wall time over RUNS runs, their ratio, and what the hardware allows for the same
# bytes: mapping both files and counting their lines with memchr (bench/limits/limits.c), with Podium's ratio
# to it.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1000000}
runs=${2:-5}
data=bench/data/score-$rows
# The venv may exist without them (make browser-test makes it for selenium): check the imports.
[ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
bench/.venv/bin/python -c "import numpy, pandas, sklearn" 2>/dev/null || bench/.venv/bin/pip install -q numpy pandas scikit-learn
swift build -c release --product podium >/dev/null 2>&1
mkdir -p bench/data && cc -O2 -o bench/data/limits bench/limits/limits.c
podium="$(swift build -c release --show-bin-path)/podium"
if [ ! -f "$data/submission.csv" ]; then
  mkdir -p "$data"
  bench/.venv/bin/python bench/score/generate.py "$data" "$rows"
fi
bench/.venv/bin/python - "$podium" "$data" "$runs" <<'PY'
import json, os, statistics, subprocess, sys, time
podium, data, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
sol, sub = f"{data}/solution.csv", f"{data}/submission.csv"
sides = {
    "podium score": [podium, "score", "--solution", sol, "--metric", "f1_macro", "--json", sub],
    "pandas + sklearn": [sys.executable, "bench/score/baseline.py", sol, sub],
    "limit: read, memchr": ["bench/data/limits", "lines", sol, sub],
}
times, outputs, peaks = {}, {}, {}
for _ in range(runs):
    for name, cmd in sides.items():
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak RSS
        times.setdefault(name, []).append(time.perf_counter() - t)
        assert status == 0, (name, status)
        outputs[name] = out
        peaks[name] = max(peaks.get(name, 0), usage.ru_maxrss)
p, b = json.loads(outputs["podium score"]), json.loads(outputs["pandas + sklearn"])
assert abs(p["public"] - b["public"]) < 1e-9 and abs(p["private"] - b["private"]) < 1e-9, (p, b)
med = {k: statistics.median(v) for k, v in times.items()}
print(f"rows={p['rows']} runs={runs} (median wall time, peak RSS of that process)")
for name in sides:
    print(f"  {name:18s} {med[name]:7.3f} s   peak RSS {peaks[name] / 1024:6.0f} MB")
print(f"  ratio pandas+sklearn / podium: {med['pandas + sklearn'] / med['podium score']:.1f}x")
print(f"  ratio podium / limit: {med['podium score'] / med['limit: read, memchr']:.1f}x")
print(f"  scores agree: public {p['public']:.12f}, private {p['private']:.12f}")
PY
