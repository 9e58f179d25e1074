#!/usr/bin/env python3
"""Quadratic-kappa fixtures: for each case, solution.csv (id,label,Usage) and submission.csv, and the
values of sklearn.metrics.cohen_kappa_score(truth, predicted, weights="quadratic") on each part
(scikit-learn 1.9.1).   python make_kappa_fixtures.py OUT_DIR"""
import csv, json, os, sys
import numpy as np
from sklearn.metrics import cohen_kappa_score

out = sys.argv[1]
rng = np.random.default_rng(3)
expected = {}
for case, (n, k, noise) in enumerate([(200, 5, 1.0), (150, 3, 0.5), (300, 6, 2.0), (40, 4, 0.0)]):
    truth = rng.integers(0, k, n)
    predicted = np.clip(truth + np.round(rng.normal(0, noise, n)).astype(int), 0, k - 1)
    usage = np.where(rng.random(n) < 0.4, "Public", "Private")
    d = f"{out}/case{case}"
    os.makedirs(d, exist_ok=True)
    with open(f"{d}/solution.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n"); w.writerow(["id", "label", "Usage"])
        w.writerows((f"r{i}", int(t), u) for i, (t, u) in enumerate(zip(truth, usage)))
    order = rng.permutation(n)
    with open(f"{d}/submission.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n"); w.writerow(["id", "label"])
        w.writerows((f"r{i}", int(predicted[i])) for i in order)
    pub = usage == "Public"
    expected[f"case{case}"] = {
        "public": cohen_kappa_score(truth[pub], predicted[pub], weights="quadratic"),
        "private": cohen_kappa_score(truth[~pub], predicted[~pub], weights="quadratic"),
        "call": "cohen_kappa_score(truth[part], predicted[part], weights='quadratic')",
    }
json.dump(expected, open(f"{out}/expected.json", "w"), indent=1)
