#!/usr/bin/env python3
"""Data for the ensemble benchmark (seed 2026).
    python generate.py mean OUT_DIR [ROWS] [FILES]   class-probability files (3 classes), rows shuffled per file
    python generate.py stack OUT_DIR [ROWS] [MODELS] binary out-of-fold + test probabilities and labels"""
import sys
import numpy as np
import pandas as pd

kind, out = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(2026)
if kind == "mean":
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    files = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    ids = np.array([f"r{i:07d}" for i in range(rows)])
    for f in range(files):
        p = rng.dirichlet([1, 1, 1], rows)
        order = rng.permutation(rows)
        pd.DataFrame({"id": ids[order], "a": p[order, 0], "b": p[order, 1], "c": p[order, 2]}).to_csv(
            f"{out}/model{f}.csv", index=False)
else:
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    models = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    y = rng.integers(0, 2, rows)
    ids = np.array([f"t{i:06d}" for i in range(rows)])
    test_ids = np.array([f"s{i:06d}" for i in range(rows)])
    y_test = rng.integers(0, 2, rows)
    pd.DataFrame({"id": ids, "label": np.where(y == 1, "yes", "no")}).to_csv(f"{out}/labels.csv", index=False)
    for m in range(models):
        skill = 0.5 + 0.1 * m / models
        for name, ids_, truth in (("train", ids, y), ("test", test_ids, y_test)):
            p = np.clip(rng.normal(np.where(truth == 1, skill, 1 - skill), 0.25), 0, 1)
            pd.DataFrame({"id": ids_, "no": 1 - p, "yes": p}).to_csv(f"{out}/{name}{m}.csv", index=False)
