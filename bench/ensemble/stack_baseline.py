#!/usr/bin/env python3
"""What a user would write for `ensemble stack`: read the out-of-fold and test files, align on id,
positive-class meta-features, a 5-fold stratified cross-validated score of the meta-learner, fit,
predict_proba, to_csv. Run with one BLAS thread.
    python stack_baseline.py DIR MODELS OUT"""
import sys
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.metrics import log_loss

d, models, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
labels = pd.read_csv(f"{d}/labels.csv", dtype={"id": str}).set_index("id")
train = np.column_stack([pd.read_csv(f"{d}/train{m}.csv", dtype={"id": str}).set_index("id").reindex(labels.index)["yes"] for m in range(models)])
tests = [pd.read_csv(f"{d}/test{m}.csv", dtype={"id": str}).set_index("id") for m in range(models)]
test = np.column_stack([t.reindex(tests[0].index)["yes"] for t in tests])
y = labels["label"].to_numpy()
meta = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000)
oof = cross_val_predict(meta, train, y, cv=StratifiedKFold(5, shuffle=True, random_state=0), method="predict_proba")
print(f"cv log_loss {log_loss(y, oof):.6f}", file=sys.stderr)
proba = meta.fit(train, y).predict_proba(test)
pd.DataFrame(proba, index=tests[0].index, columns=meta.classes_).to_csv(out)
