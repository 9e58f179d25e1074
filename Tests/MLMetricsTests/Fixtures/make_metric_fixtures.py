#!/usr/bin/env python3
"""Writes metrics.json: inputs, the scikit-learn 1.9 call and its value for each Metrics test case.
    python make_metric_fixtures.py > metrics.json      (scikit-learn 1.9.1, numpy 2.4)"""
import json, re, string, warnings
from collections import Counter
import numpy as np
from sklearn import metrics as M

warnings.simplefilter("ignore")
rng = np.random.default_rng(1234)
cases = []


def add(kind, call, value, **inputs):
    cases.append({"kind": kind, "call": call, "expected": float(value), **inputs})


def labels_case(name, t, p, pos="1"):
    t, p = list(t), list(p)
    calls = {
        "accuracy": "accuracy_score(t, p)",
        "balanced_accuracy": "balanced_accuracy_score(t, p)",
        "precision_macro": "precision_score(t, p, average='macro', zero_division=0)",
        "recall_macro": "recall_score(t, p, average='macro', zero_division=0)",
        "f1_macro": "f1_score(t, p, average='macro', zero_division=0)",
        "f1_micro": "f1_score(t, p, average='micro', zero_division=0)",
        "f1_weighted": "f1_score(t, p, average='weighted', zero_division=0)",
        "precision_weighted": "precision_score(t, p, average='weighted', zero_division=0)",
        "mcc": "matthews_corrcoef(t, p)",
    }
    if len(set(t) | set(p)) <= 2:
        calls.update({
            "precision": f"precision_score(t, p, pos_label={pos!r}, zero_division=0)",
            "recall": f"recall_score(t, p, pos_label={pos!r}, zero_division=0)",
            "f1": f"f1_score(t, p, pos_label={pos!r}, zero_division=0)",
        })
    env = {**{k: getattr(M, k) for k in dir(M)}, "t": t, "p": p}
    for metric, call in calls.items():
        add("labels", call, eval(call, env), name=name, metric=metric, truth=t, predicted=p, positive=pos)


# Random multiclass with a class that is only predicted ("z") and one only true ("y").
t = list(rng.choice(["a", "b", "c", "y"], 60))
p = [x if rng.random() < 0.55 else rng.choice(["a", "b", "c", "z"]) for x in t]
labels_case("multiclass with a class only predicted and one never predicted", t, p)
tb = list(rng.choice(["0", "1"], 40))
pb = [x if rng.random() < 0.7 else rng.choice(["0", "1"]) for x in tb]
labels_case("binary", tb, pb)
labels_case("constant prediction: mcc 0, zero-division precision", tb, ["0"] * 40)
labels_case("positive label absent from both (all zero)", ["0"] * 5, ["0"] * 5)
labels_case("perfect", ["x", "y", "y", "x"], ["x", "y", "y", "x"], pos="y")
labels_case("all wrong binary", ["0", "1", "0", "1"], ["1", "0", "1", "0"])
labels_case("non-ASCII labels sort by code point", ["ёж", "еж", "Еж", "ёж"], ["еж", "еж", "Еж", "ёж"])

# ROC AUC with many ties, and exact 0/1 probabilities for log loss.
y = rng.integers(0, 2, 80).astype(bool)
s = np.clip(np.round(0.3 * y + rng.random(80) * 0.7, 1), 0, 1)
add("roc_auc", "roc_auc_score(y, s)", M.roc_auc_score(y, s), truth=y.tolist(), scores=s.tolist())
add("roc_auc", "roc_auc_score(y, s)  # all scores tied", M.roc_auc_score(y, np.full(80, 0.5)),
    truth=y.tolist(), scores=[0.5] * 80)
add("log_loss_binary", "log_loss(y, s, labels=[False, True])", M.log_loss(y, s, labels=[False, True]),
    truth=y.tolist(), probabilities=s.tolist())
add("log_loss_binary", "log_loss(y, p) with p exactly 0 and 1 where wrong (clipped at eps)",
    M.log_loss([True, False, True], [0.0, 1.0, 1.0]), truth=[True, False, True], probabilities=[0.0, 1.0, 1.0])
yc = rng.integers(0, 3, 50)
yc[:3] = [0, 1, 2]
P = rng.random((50, 3)) + np.eye(3)[yc]
P[5] = [0.0, 0.0, 1.0]
P = P / P.sum(axis=1, keepdims=True)
add("roc_auc_ovr", "roc_auc_score(yc, P, multi_class='ovr', labels=[0, 1, 2])",
    M.roc_auc_score(yc, P, multi_class="ovr", labels=[0, 1, 2]), truth=yc.tolist(), probabilities=P.T.tolist())
add("log_loss_multiclass", "log_loss(yc, P, labels=[0, 1, 2])", M.log_loss(yc, P, labels=[0, 1, 2]),
    truth=yc.tolist(), probabilities=P.T.tolist())
Q = P.copy()
Q[:, 0] *= 0.5  # rows no longer sum to 1: sklearn warns, does not renormalise
add("log_loss_multiclass", "log_loss(yc, Q, labels=[0, 1, 2])  # unnormalised rows", 
    M.log_loss(yc, Q, labels=[0, 1, 2]), truth=yc.tolist(), probabilities=Q.T.tolist())

yr = rng.normal(0, 2, 30)
pr = yr + rng.normal(0, 1, 30)
for name, fn in [("rmse", "root_mean_squared_error"), ("mae", "mean_absolute_error"), ("r2", "r2_score")]:
    add("regression", f"{fn}(y, p)", getattr(M, fn)(yr, pr), metric=name, truth=yr.tolist(), predicted=pr.tolist())
add("regression", "r2_score([3, 3, 3], [3, 3, 3])  # constant truth, perfect", M.r2_score([3, 3, 3], [3, 3, 3]),
    metric="r2", truth=[3.0, 3.0, 3.0], predicted=[3.0, 3.0, 3.0])
add("regression", "r2_score([3, 3, 3], [3, 2, 3])  # constant truth, imperfect", M.r2_score([3, 3, 3], [3, 2, 3]),
    metric="r2", truth=[3.0, 3.0, 3.0], predicted=[3.0, 2.0, 3.0])


def normalize_answer(s):  # SQuAD v1.1 evaluate-v1.1.py, verbatim
    def remove_articles(text): return re.sub(r"\b(a|an|the)\b", " ", text)
    def white_space_fix(text): return " ".join(text.split())
    def remove_punc(text): return "".join(ch for ch in text if ch not in set(string.punctuation))
    return white_space_fix(remove_articles(remove_punc(s.lower())))


def f1(pred, gold):
    p, g = normalize_answer(pred).split(), normalize_answer(gold).split()
    same = sum((Counter(p) & Counter(g)).values())
    if same == 0:
        return 0.0
    return 2 * (same / len(p)) * (same / len(g)) / (same / len(p) + same / len(g))


texts = ["The Cat sat.", "a cat  sat", "«the» Volga", "An apple, the pear", "Theatre of the absurd",
         "Ёлка, ёжик — «лес»", "the", "", "state's  art", "don't stop_believing", "ÉCOLE the École"]
for a in texts:
    cases.append({"kind": "normalize", "call": "normalize_answer(text)", "text": a, "normalized": normalize_answer(a)})
pairs = [("The Cat sat.", ["a cat sat"]), ("cat cat dog", ["cat dog dog", "bird"]), ("the", ["a"]),
         ("Moscow river", ["the Moscow", "river Moscow city"]), ("«the» Volga", ["Volga"]), ("", [""])]
for pred, golds in pairs:
    add("token_f1", "max(f1_score(pred, g) for g in golds)  # SQuAD v1.1", max(f1(pred, g) for g in golds),
        prediction=pred, golds=golds)
    add("exact_match", "max(normalize_answer(pred) == normalize_answer(g) for g in golds)",
        max(float(normalize_answer(pred) == normalize_answer(g)) for g in golds), prediction=pred, golds=golds)

print(json.dumps({"sklearn": "1.9.1", "cases": cases}, ensure_ascii=False, indent=0))
