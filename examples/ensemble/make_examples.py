#!/usr/bin/env python3
"""Makes examples/ensemble: real scikit-learn models' predictions on two tasks, laid out for `ensemble`.
    python examples/ensemble/make_examples.py        (from the repository root; seed 0)

Tasks: cancer (breast cancer, benign/malignant) and wine (three cultivars). Each dataset is split
train 50% / valid 25% / test 25% (stratified, random_state=0). Models: logistic regression, k-NN,
naive Bayes, random forest, all fitted on train. For each model and task:
  models/<model>/valid/<task>.csv   class probabilities on the validation rows
  models/<model>/test/<task>.csv    class probabilities on the test rows
  models/<model>/oof/<task>.csv     5-fold out-of-fold probabilities on the train rows (for stacking)
  labels/<task>.csv, train_labels/<task>.csv, test_labels/<task>.csv   the true values
"""
import os
import numpy as np
from sklearn.datasets import load_breast_cancer, load_wine
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict, train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

root = "examples/ensemble"


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(x if isinstance(x, str) else repr(float(x)) for x in row) + "\n")


cancer = load_breast_cancer()
wine = load_wine()
tasks = {
    "cancer": (cancer.data, np.array(["malignant", "benign"])[cancer.target]),
    "wine": (wine.data, np.array(["barolo", "grignolino", "barbera"])[wine.target]),
}
models = {
    "logreg": lambda: make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=1000)),
    "knn": lambda: make_pipeline(StandardScaler(), KNeighborsClassifier(9)),
    "nb": lambda: GaussianNB(),
    "forest": lambda: RandomForestClassifier(100, random_state=0),
}
for task, (X, y) in tasks.items():
    ids = np.array([f"{task}{i:03d}" for i in range(len(y))])
    Xtr, Xrest, ytr, yrest, itr, irest = train_test_split(X, y, ids, test_size=0.5, random_state=0, stratify=y)
    Xva, Xte, yva, yte, iva, ite = train_test_split(Xrest, yrest, irest, test_size=0.5, random_state=0, stratify=yrest)
    write(f"{root}/labels/{task}.csv", ["id", "label"], zip(iva, yva))
    write(f"{root}/train_labels/{task}.csv", ["id", "label"], zip(itr, ytr))
    write(f"{root}/test_labels/{task}.csv", ["id", "label"], zip(ite, yte))
    for name, make in models.items():
        model = make().fit(Xtr, ytr)
        classes = list(model.classes_)
        oof = cross_val_predict(make(), Xtr, ytr, cv=5, method="predict_proba")
        for part, ids_, P in [("valid", iva, model.predict_proba(Xva)), ("test", ite, model.predict_proba(Xte)), ("oof", itr, oof)]:
            write(f"{root}/models/{name}/{part}/{task}.csv", ["id", *classes], [(i, *p) for i, p in zip(ids_, P)])
