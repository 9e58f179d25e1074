#!/usr/bin/env bash
# Ensemble benchmarks, each side by side in one run (median of RUNS):
#   1. `ensemble mean` on 10 files × 1,000,000 rows × 3 class probabilities vs pandas + numpy, and what the
#      hardware allows for the same bytes (bench/limits/limits.c): mapping them and counting lines with memchr,
#      and parsing every number with the C library's strtod;
#   2. `ensemble stack` on 100,000 rows × 10 binary models vs scikit-learn (one BLAS thread), both doing
#      read + align + 5-fold cross-validated score + fit + predict + write.
#   bench/ensemble/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
# The venv may exist without them (make browser-test makes it for selenium): check the imports.
[ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
bench/.venv/bin/python -c "import numpy, pandas, sklearn" 2>/dev/null || bench/.venv/bin/pip install -q numpy pandas scikit-learn
swift build -c release --product ensemble >/dev/null 2>&1
mkdir -p bench/data && cc -O2 -o bench/data/limits bench/limits/limits.c
ensemble="$(swift build -c release --show-bin-path)/ensemble"
mean_data=bench/data/ensemble-mean
stack_data=bench/data/ensemble-stack
if [ ! -f "$mean_data/model9.csv" ]; then mkdir -p "$mean_data"; bench/.venv/bin/python bench/ensemble/generate.py mean "$mean_data"; fi
if [ ! -f "$stack_data/test9.csv" ]; then mkdir -p "$stack_data"; bench/.venv/bin/python bench/ensemble/generate.py stack "$stack_data"; fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bench/.venv/bin/python - "$ensemble" "$mean_data" "$stack_data" "$out" "$runs" <<'PY'
import os, statistics, subprocess, sys, time
ensemble, mean_data, stack_data, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
py = sys.executable
files = [f"{mean_data}/model{i}.csv" for i in range(10)]
one_thread = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
benches = {
    "mean: 10 files x 1M rows x 3 classes": {
        "ensemble mean": [ensemble, "mean", *files, "-o", f"{out}/m1.csv"],
        "pandas + numpy": [py, "bench/ensemble/mean_baseline.py", f"{out}/m2.csv", *files],
        "limit: read, memchr": ["bench/data/limits", "lines", *files],
        "limit: read, strtod": ["bench/data/limits", "numbers", *files],
    },
    "stack: 100k rows x 10 models, 5-fold CV + fit + predict": {
        "ensemble stack": [ensemble, "stack", "--train", *[f"{stack_data}/train{m}.csv" for m in range(10)],
                           "--labels", f"{stack_data}/labels.csv", "--test", *[f"{stack_data}/test{m}.csv" for m in range(10)],
                           "-o", f"{out}/s1.csv"],
        "scikit-learn (1 BLAS thread)": [py, "bench/ensemble/stack_baseline.py", stack_data, "10", f"{out}/s2.csv"],
    },
}
for title, sides in benches.items():
    times, peaks = {}, {}
    for _ in range(runs):
        for name, cmd in sides.items():
            t = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=one_thread)
            err = proc.stderr.read()
            _, status, usage = os.wait4(proc.pid, 0)
            times.setdefault(name, []).append(time.perf_counter() - t)
            assert status == 0, (name, err.decode())
            peaks[name] = max(peaks.get(name, 0), usage.ru_maxrss)
    print(title)
    med = {k: statistics.median(v) for k, v in times.items()}
    for name in sides:
        print(f"  {name:30s} {med[name]:7.3f} s   peak RSS {peaks[name] / 1024:6.0f} MB")
    names = list(sides)
    print(f"  ratio: {med[names[1]] / med[names[0]]:.1f}x")
    for limit in names[2:]:
        print(f"  ratio {names[0]} / {limit}: {med[names[0]] / med[limit]:.1f}x")
# The two sides must agree.
import numpy as np, pandas as pd
a = pd.read_csv(f"{out}/m1.csv", dtype={"id": str}).set_index("id")
b = pd.read_csv(f"{out}/m2.csv", dtype={"id": str}).set_index("id").reindex(a.index)
print(f"mean outputs agree: max |diff| {np.abs(a.to_numpy() - b.to_numpy()).max():.1e}")
a = pd.read_csv(f"{out}/s1.csv", dtype={"id": str}).set_index("id")
b = pd.read_csv(f"{out}/s2.csv", dtype={"id": str}).set_index("id").reindex(a.index)
print(f"stack outputs agree: max |diff| {np.abs(a.to_numpy() - b.to_numpy()).max():.1e}")
PY
