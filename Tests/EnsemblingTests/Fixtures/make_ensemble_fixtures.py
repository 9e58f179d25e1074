#!/usr/bin/env python3
"""Makes the ensemble test fixtures from real scikit-learn models on real datasets, with the values
scikit-learn / scipy compute for them (scikit-learn 1.9.1, scipy 1.17.1, numpy 2.4):

    python make_ensemble_fixtures.py OUT_DIR       (writes OUT_DIR/<case>/..., OUT_DIR/expected.json)

stack_binary      breast cancer; models: logistic regression (class probabilities), k-NN (class
                  probabilities), naive Bayes (labels -> one-hot), out-of-fold by cross_val_predict(cv=5).
                  expected: LogisticRegression(C=0.5, tol=1e-10, max_iter=10000).fit(train_meta, y)
                  .predict_proba(test_meta), meta-features built as the ensemble README says.
stack_multiclass  wine (3 classes); models: random forest, k-NN, gaussian NB (class probabilities),
                  decision tree (labels); LogisticRegression(C=1.0, ...) as above.
stack_ridge       diabetes; models: ridge, k-NN regressor, random forest regressor (scores);
                  Ridge(alpha=1.0).fit(train_meta, y).predict(test_meta).
mean_*            the wine test probabilities blended: arithmetic np.average, geometric, power,
                  rank (scipy.stats.rankdata(method="average")), with weights 1, 2, 0.5.
"""
import json, os, sys
import numpy as np
from scipy.stats import rankdata
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import cross_val_predict, train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

out = sys.argv[1]
expected = {}


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(r if isinstance(r, str) else repr(float(r)) for r in row) + "\n")


def classification_case(name, X, y, classes, models, C, rng):
    ids = np.array([f"{name[:2]}{i:04d}" for i in range(len(y))])
    Xtr, Xte, ytr, yte, idtr, idte = train_test_split(X, y, ids, test_size=0.4, random_state=0, stratify=y)
    train_meta, test_meta = [], []
    for model_name, model, kind in models:
        model.fit(Xtr, ytr)
        if kind == "proba":
            oof = cross_val_predict(model, Xtr, ytr, cv=5, method="predict_proba")
            test = model.predict_proba(Xte)
            cols = list(classes[np.argsort(classes)])
            order = rng.permutation(len(idtr))  # rows shuffled: alignment is by id
            write(f"{out}/{name}/train_{model_name}.csv", ["id", *cols], [(idtr[i], *oof[i]) for i in order])
            write(f"{out}/{name}/test_{model_name}.csv", ["id", *cols], [(idte[i], *test[i]) for i in range(len(idte))])
            keep = slice(1, None) if len(classes) == 2 else slice(None)
            train_meta.append(oof[:, keep]); test_meta.append(test[:, keep])
        else:
            oof = cross_val_predict(model, Xtr, ytr, cv=5)
            test = model.predict(Xte)
            write(f"{out}/{name}/train_{model_name}.csv", ["id", "label"], [(idtr[i], oof[i]) for i in range(len(idtr))])
            write(f"{out}/{name}/test_{model_name}.csv", ["id", "label"], [(idte[i], test[i]) for i in range(len(idte))])
            names = sorted(set(oof) | set(test))
            train_meta.append(np.array([[float(v == n) for n in names] for v in oof]))
            test_meta.append(np.array([[float(v == n) for n in names] for v in test]))
    write(f"{out}/{name}/labels.csv", ["id", "target"], [(idtr[i], ytr[i]) for i in range(len(idtr))])
    write(f"{out}/{name}/test_labels.csv", ["id", "target"], [(idte[i], yte[i]) for i in range(len(idte))])
    meta = LogisticRegression(C=C, tol=1e-10, max_iter=10000).fit(np.hstack(train_meta), ytr)
    proba = meta.predict_proba(np.hstack(test_meta))
    expected[name] = {"C": C, "classes": list(meta.classes_), "ids": list(idte), "probabilities": proba.tolist(),
                      "call": f"LogisticRegression(C={C}, tol=1e-10, max_iter=10000).fit(train_meta, y).predict_proba(test_meta)"}
    return idte, [m for m in models]


rng = np.random.default_rng(0)
bc = load_breast_cancer()
classification_case("stack_binary", bc.data, np.array(["benign", "malignant"])[1 - bc.target], np.array(["benign", "malignant"]),
                    [("logreg", make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)), "proba"),
                     ("knn", make_pipeline(StandardScaler(), KNeighborsClassifier(7)), "proba"),
                     ("nb", GaussianNB(), "label")], 0.5, rng)
wine = load_wine()
wine_names = np.array(["barolo", "grignolino", "barbera"])
classification_case("stack_multiclass", wine.data, wine_names[wine.target], wine_names,
                    [("forest", RandomForestClassifier(50, random_state=0), "proba"),
                     ("knn", make_pipeline(StandardScaler(), KNeighborsClassifier(5)), "proba"),
                     ("nb", GaussianNB(), "proba"),
                     ("tree", DecisionTreeClassifier(max_depth=3, random_state=0), "label")], 1.0, rng)

# Ridge stacking on diabetes.
d = load_diabetes()
ids = np.array([f"dia{i:03d}" for i in range(len(d.target))])
Xtr, Xte, ytr, yte, idtr, idte = train_test_split(d.data, d.target, ids, test_size=0.3, random_state=0)
train_meta, test_meta = [], []
for model_name, model in [("ridge", Ridge(1.0)), ("knn", KNeighborsRegressor(10)), ("forest", RandomForestRegressor(50, random_state=0))]:
    oof = cross_val_predict(model, Xtr, ytr, cv=5)
    test = model.fit(Xtr, ytr).predict(Xte)
    write(f"{out}/stack_ridge/train_{model_name}.csv", ["id", "prediction"], zip(idtr, oof))
    write(f"{out}/stack_ridge/test_{model_name}.csv", ["id", "prediction"], zip(idte, test))
    train_meta.append(oof); test_meta.append(test)
write(f"{out}/stack_ridge/labels.csv", ["id", "target"], zip(idtr, ytr))
pred = Ridge(alpha=1.0).fit(np.column_stack(train_meta), ytr).predict(np.column_stack(test_meta))
expected["stack_ridge"] = {"ids": list(idte), "predictions": pred.tolist(), "call": "Ridge(alpha=1.0).fit(train_meta, y).predict(test_meta)"}

# Means over the wine test probabilities of the three probability models, weights 1, 2, 0.5.
import csv
def read(path):
    rows = list(csv.reader(open(path)))
    return rows[0][1:], {r[0]: np.array([float(x) for x in r[1:]]) for r in rows[1:]}
files = [f"{out}/stack_multiclass/test_{m}.csv" for m in ("forest", "knn", "nb")]
cols, first = read(files[0])
order = list(first.keys())
P = np.array([[read(f)[1][i] for i in order] for f in files])  # files x rows x classes
P[1, 0, :] = [0.0, 0.0, 1.0]  # a hard zero for the geometric mean's clipping
write(f"{out}/mean/knn_with_zero.csv", ["id", *cols], [(i, *P[1, r]) for r, i in enumerate(order)])
w = np.array([1.0, 2.0, 0.5])
clip = np.clip(P, 1e-15, 1 - 1e-15)
geo = np.exp(np.tensordot(w, np.log(clip), axes=1) / w.sum())
geo /= geo.sum(axis=1, keepdims=True)
power3 = (np.tensordot(w, P ** 3, axes=1) / w.sum()) ** (1 / 3)
ranks = np.stack([np.column_stack([rankdata(P[f][:, c], method="average") for c in range(P.shape[2])]) for f in range(3)])
rank = (np.tensordot(w, ranks, axes=1) / w.sum() - 1) / (P.shape[1] - 1)
expected["mean"] = {"ids": order, "classes": cols, "weights": w.tolist(),
                    "arithmetic": np.average(P, axis=0, weights=w).tolist(), "geometric": geo.tolist(),
                    "power3": power3.tolist(), "rank": rank.tolist(),
                    "calls": {"arithmetic": "np.average(P, axis=0, weights=w)",
                              "geometric": "exp(Σ w ln clip(P, 1e-15, 1-1e-15) / Σw), rows renormalised",
                              "power3": "(Σ w P**3 / Σw) ** (1/3)",
                              "rank": "(Σ w rankdata(P[f][:, c], method='average') / Σw - 1) / (n - 1)"}}
json.dump(expected, open(f"{out}/expected.json", "w"), indent=0)

# Hard vote: scikit-learn's VotingClassifier.predict (voting="hard") on label-encoded predictions:
#   np.apply_along_axis(lambda x: np.argmax(np.bincount(x, weights=w)), axis=1, arr=predictions)
# Labels are encoded in sorted order, so ties go to the lowest label.
vrng = np.random.default_rng(5)
labels = np.array(["ant", "bee", "cat", "ému"])
votes = vrng.integers(0, 4, (4, 200))
vw = np.array([1.0, 1.0, 2.0, 0.5])
vids = [f"v{i:03d}" for i in range(200)]
for f in range(4):
    order = vrng.permutation(200)
    write(f"{out}/vote/model{f}.csv", ["id", "label"], [(vids[i], labels[votes[f, i]]) for i in order])
for name, w in [("weighted", vw), ("unweighted", None)]:
    winners = np.apply_along_axis(lambda x: np.argmax(np.bincount(x, weights=w, minlength=4)), axis=0, arr=votes)
    expected[f"vote_{name}"] = {"ids": vids, "labels": labels[winners].tolist(), "weights": None if w is None else w.tolist(),
                                "call": "np.argmax(np.bincount(x, weights=w))  # VotingClassifier(voting='hard')"}
json.dump(expected, open(f"{out}/expected.json", "w"), indent=0)
