#!/usr/bin/env python3
"""Writes Fixtures/probe/<case>.json: a probe's train and test features (float32 values, as sentence embeddings
are stored) and what scikit-learn 1.9.1 fits on them:

    LogisticRegression(C=C, tol=1e-12, max_iter=100000).fit(X_train.astype(np.float64), y_train)

then `predict_proba(X_test)` and `predict(X_test)`. Cases: three classes (softmax) and two (sigmoid).

    bench/.venv/bin/python Tests/EnsemblingTests/Fixtures/make_probe_fixtures.py
"""
import json, os

import numpy as np
from sklearn.linear_model import LogisticRegression

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "probe")
os.makedirs(here, exist_ok=True)
rng = np.random.default_rng(29)
for case, classes, C in [("three_classes", 3, 0.5), ("two_classes", 2, 2.0)]:
    width, train, test = 16, 200, 60
    centres = rng.normal(0, 1, (classes, width))
    y = rng.integers(0, classes, train + test)
    x = (centres[y] + rng.normal(0, 1.5, (train + test, width))).astype(np.float32)
    model = LogisticRegression(C=C, tol=1e-12, max_iter=100000).fit(x[:train].astype(np.float64), y[:train])
    with open(f"{here}/{case}.json", "w") as f:
        json.dump({
            "C": C, "classes": classes,
            "x_train": x[:train].astype(np.float64).tolist(), "y_train": y[:train].tolist(),
            "x_test": x[train:].astype(np.float64).tolist(),
            "probabilities": model.predict_proba(x[train:].astype(np.float64)).tolist(),
            "predicted": model.predict(x[train:].astype(np.float64)).tolist(),
        }, f)
    print(case, model.n_iter_, model.score(x[train:].astype(np.float64), y[train:]))
