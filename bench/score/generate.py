#!/usr/bin/env python3
"""Writes a labelled solution (id, label, Usage) and a shuffled submission for the scoring benchmark.
    python generate.py OUT_DIR [ROWS] [CLASSES]   (seed fixed at 2026)"""
import sys
import numpy as np
import pandas as pd

out, rows = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
classes = int(sys.argv[3]) if len(sys.argv) > 3 else 10
rng = np.random.default_rng(2026)
names = np.array([f"class_{k}" for k in range(classes)])
ids = np.array([f"row{i:07d}" for i in range(rows)])
truth = rng.integers(0, classes, rows)
guess = np.where(rng.random(rows) < 0.7, truth, rng.integers(0, classes, rows))
usage = np.where(rng.random(rows) < 0.3, "Public", "Private")
pd.DataFrame({"id": ids, "label": names[truth], "Usage": usage}).to_csv(f"{out}/solution.csv", index=False)
order = rng.permutation(rows)
pd.DataFrame({"id": ids[order], "label": names[guess[order]]}).to_csv(f"{out}/submission.csv", index=False)
