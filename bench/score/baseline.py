#!/usr/bin/env python3
"""What a user would otherwise write: pandas + scikit-learn, macro F1 on each split.
    python baseline.py SOLUTION SUBMISSION"""
import json, sys
import pandas as pd
from sklearn.metrics import f1_score

solution = pd.read_csv(sys.argv[1], dtype={"id": str, "label": str})
submission = pd.read_csv(sys.argv[2], dtype={"id": str, "label": str})
merged = solution.merge(submission, on="id", suffixes=("_true", "_pred"), validate="one_to_one")
result = {}
for part in ("Public", "Private"):
    rows = merged[merged["Usage"] == part]
    result[part.lower()] = f1_score(rows["label_true"], rows["label_pred"], average="macro", zero_division=0)
print(json.dumps(result))
