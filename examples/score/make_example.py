#!/usr/bin/env python3
"""Makes the bundled `make demo` example from a real dataset: scikit-learn's wine data (178 wines,
3 cultivars), a 50/50 train/test split (seed 42), a logistic-regression model's test predictions as
labels and as class probabilities, and a hand-broken copy. Run from the repository root:
    python examples/score/make_example.py"""
import csv
import numpy as np
from sklearn.datasets import load_wine
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

data = load_wine()
names = np.array(["barolo", "grignolino", "barbera"])  # the three cultivars of the UCI wine data
X_train, X_test, y_train, y_test, i_train, i_test = train_test_split(
    data.data, names[data.target], np.arange(len(data.target)), test_size=0.5, random_state=42,
    stratify=data.target)
model = make_pipeline(StandardScaler(), LogisticRegression(C=0.05)).fit(X_train, y_train)
rng = np.random.default_rng(42)
usage = np.where(rng.random(len(y_test)) < 0.4, "Public", "Private")
ids = [f"wine{i:03d}" for i in i_test]
out = "examples/score"

def write(name, header, rows):
    with open(f"{out}/{name}", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)

write("solution.csv", ["id", "species", "Usage"], zip(ids, y_test, usage))
order = rng.permutation(len(ids))
predicted = model.predict(X_test)
write("submission.csv", ["id", "species"], [(ids[i], predicted[i]) for i in order])
proba = model.predict_proba(X_test)
write("probabilities.csv", ["id", *model.classes_], [(ids[i], *map(repr, map(float, proba[i]))) for i in order])
broken = [(ids[i], predicted[i]) for i in order]
broken[3] = (broken[3][0], "Barolo")           # wrong case: not one of the classes
broken[7] = (broken[6][0], broken[7][1])       # a duplicate id, so one id goes missing
broken[10] = ("wine999", broken[10][1])        # an id that is not in the test set
write("broken.csv", ["id", "species"], broken)
