#!/usr/bin/env python3
"""Builds the demo competitions in competitions/ (run from the repository root; seed 0):

    python competitions/make_demo_competitions.py

nti-digits         real data: scikit-learn's handwritten digits (1,797 8x8 images, 10 classes).
                   Split (stratified, random_state=0): train 797 (public, with labels), practice test 200,
                   qualifying test 400, final test 400 (hidden, ~40 % Public / 60 % Private each).
                   examples/<model>/: five models fitted on train — logistic regression, random forest,
                   k-NN, Gaussian naive Bayes, gradient boosting — with 5-fold out-of-fold probabilities
                   on train (oof.csv) and probabilities and labels on each test set.
russian-superglue  built by its own competitions/russian-superglue/make_russian_superglue.py (standard library
                   only): the official formats and test sizes, synthetic labels.
"""
import csv, json, os
import numpy as np
from sklearn.datasets import load_digits
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict, train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow([repr(float(x)) if isinstance(x, (float, np.floating)) else x for x in row])


rng = np.random.default_rng(0)
root = "competitions/nti-digits"
digits = load_digits()
X, y = digits.data, digits.target
ids = np.array([f"img{i:04d}" for i in range(len(y))])
X_train, X_rest, y_train, y_rest, id_train, id_rest = train_test_split(X, y, ids, train_size=797, random_state=0, stratify=y)
X_prac, X_rest, y_prac, y_rest, id_prac, id_rest = train_test_split(X_rest, y_rest, id_rest, train_size=200, random_state=0, stratify=y_rest)
X_qual, X_fin, y_qual, y_fin, id_qual, id_fin = train_test_split(X_rest, y_rest, id_rest, train_size=400, random_state=0, stratify=y_rest)
pixels = [f"px{i}" for i in range(64)]
write(f"{root}/public/train.csv", ["id", *pixels, "label"], [(i, *map(int, x), int(t)) for i, x, t in zip(id_train, X_train, y_train)])
tests = {"practice": (X_prac, y_prac, id_prac), "qualifying": (X_qual, y_qual, id_qual), "final": (X_fin, y_fin, id_fin)}
for name, (Xs, ys, ids_) in tests.items():
    write(f"{root}/public/{name}_test.csv", ["id", *pixels], [(i, *map(int, x)) for i, x in zip(ids_, Xs)])
    usage = np.where(rng.random(len(ys)) < 0.4, "Public", "Private")
    write(f"{root}/hidden/{name}.csv", ["id", "label", "Usage"], zip(ids_, map(int, ys), usage))
    write(f"{root}/public/{name}_sample_submission.csv", ["id", "label"], [(i, 0) for i in ids_])
models = {
    "logreg": make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=2000)),
    "forest": RandomForestClassifier(200, random_state=0),
    "knn": make_pipeline(StandardScaler(), KNeighborsClassifier(5)),
    "naive_bayes": GaussianNB(),
    "boosting": GradientBoostingClassifier(n_estimators=60, max_depth=2, random_state=0),
}
classes = [str(c) for c in range(10)]
for name, model in models.items():
    oof = cross_val_predict(model, X_train, y_train, cv=5, method="predict_proba")
    write(f"{root}/examples/{name}/oof.csv", ["id", *classes], [(i, *p) for i, p in zip(id_train, oof)])
    model.fit(X_train, y_train)
    for test, (Xs, _, ids_) in tests.items():
        P = model.predict_proba(Xs)
        write(f"{root}/examples/{name}/{test}_probabilities.csv", ["id", *classes], [(i, *p) for i, p in zip(ids_, P)])
        write(f"{root}/examples/{name}/{test}.csv", ["id", "label"], [(i, int(c)) for i, c in zip(ids_, P.argmax(axis=1))])
write(f"{root}/examples/train_labels.csv", ["id", "label"], zip(id_train, map(int, y_train)))
broken = [["id", "label"]] + [[i, 0] for i in id_qual]
broken[3][1] = "seven"            # not a class
broken[5][0] = broken[4][0]       # a duplicate id (and so a missing one)
broken[9][1] = ""                 # an empty label
with open(f"{root}/examples/broken.csv", "w") as f:
    f.write("\n".join(",".join(map(str, r)) for r in broken) + "\n")
