#!/usr/bin/env python3
"""Writes solution/submission CSV pairs for every `podium score` metric and the values
scikit-learn 1.9 computes for them, so Podium can be checked end to end.

    python make_score_fixtures.py --out DIR [--rows 300] [--seed 7]

Each case gets DIR/<case>/solution.csv (id, label, Usage; rows shuffled), DIR/<case>/submission.csv
(the same ids in another order) and an entry in DIR/expected.json:
    {"<case>": {"metric": ..., "args": [...podium score options...], "public": x, "private": y, "rows": n}}
The committed fixture in Tests/ScoringTests/Fixtures/cases was made with the defaults.
"""
import argparse, csv, json, os, re, string
from collections import Counter

import numpy as np
from sklearn import metrics as M


def squad_normalize(s):
    # The SQuAD v1.1 evaluation script's normalize_answer, verbatim.
    def remove_articles(text):
        return re.sub(r"\b(a|an|the)\b", " ", text)
    def white_space_fix(text):
        return " ".join(text.split())
    def remove_punc(text):
        exclude = set(string.punctuation)
        return "".join(ch for ch in text if ch not in exclude)
    return white_space_fix(remove_articles(remove_punc(s.lower())))


def squad_f1(prediction, gold):
    p, g = squad_normalize(prediction).split(), squad_normalize(gold).split()
    common = Counter(p) & Counter(g)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(p), same / len(g)
    return 2 * precision * recall / (precision + recall)


def squad_em(prediction, gold):
    return float(squad_normalize(prediction) == squad_normalize(gold))


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--rows", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    n = a.rows
    expected = {}

    def case(name, metric, truth, usage, sub_header, sub_values, fn, args=(), sol_extra=None):
        """fn(mask) -> sklearn value on the rows where mask is true."""
        d = os.path.join(a.out, name)
        os.makedirs(d, exist_ok=True)
        ids = [f"q{i:05d}" for i in range(n)]
        order = rng.permutation(n)
        sol_header = ["id", "label", "Usage"] + ([sol_extra[0]] if sol_extra else [])
        write(os.path.join(d, "solution.csv"), sol_header,
              [[ids[i], truth[i], usage[i]] + ([sol_extra[1][i]] if sol_extra else []) for i in order])
        order = rng.permutation(n)
        write(os.path.join(d, "submission.csv"), ["id"] + sub_header,
              [[ids[i]] + list(sub_values[i]) for i in order])
        pub = np.array([u == "Public" for u in usage])
        expected[name] = {"metric": metric, "args": list(args), "rows": n,
                          "public": float(fn(pub)), "private": float(fn(~pub))}

    usage = ["Public" if x < 0.3 else "Private" for x in rng.random(n)]
    classes = np.array(["cat", "dog", "emu", "ëlk"])
    y = classes[rng.integers(0, 4, n)]
    p = np.where(rng.random(n) < 0.6, y, classes[rng.integers(0, 4, n)])
    yb = np.array(["0", "1"])[rng.integers(0, 2, n)]
    pb = np.where(rng.random(n) < 0.7, yb, np.array(["0", "1"])[rng.integers(0, 2, n)])

    label_metrics = {
        "accuracy": lambda t, q: M.accuracy_score(t, q),
        "balanced_accuracy": lambda t, q: M.balanced_accuracy_score(t, q),
        "precision_macro": lambda t, q: M.precision_score(t, q, average="macro", zero_division=0),
        "recall_macro": lambda t, q: M.recall_score(t, q, average="macro", zero_division=0),
        "f1_macro": lambda t, q: M.f1_score(t, q, average="macro", zero_division=0),
        "f1_micro": lambda t, q: M.f1_score(t, q, average="micro", zero_division=0),
        "f1_weighted": lambda t, q: M.f1_score(t, q, average="weighted", zero_division=0),
        "mcc": lambda t, q: M.matthews_corrcoef(t, q),
    }
    for metric, fn in label_metrics.items():
        case(f"{metric}_multiclass", metric, y, usage, ["label"], [[v] for v in p],
             lambda m, fn=fn: fn(y[m], p[m]))
    for metric in ["precision", "recall", "f1"]:
        fn = getattr(M, f"{metric}_score")
        case(f"{metric}_binary", metric, yb, usage, ["label"], [[v] for v in pb],
             lambda m, fn=fn: fn(yb[m], pb[m], pos_label="1", zero_division=0))
    # Binary with string labels and an explicit positive label.
    ys = np.where(yb == "1", "entailment", "not_entailment")
    ps = np.where(pb == "1", "entailment", "not_entailment")
    case("f1_binary_positive_label", "f1", ys, usage, ["label"], [[v] for v in ps],
         lambda m: M.f1_score(ys[m], ps[m], pos_label="entailment", zero_division=0),
         args=["--positive-label", "entailment"])
    case("mcc_binary", "mcc", yb, usage, ["label"], [[v] for v in pb], lambda m: M.matthews_corrcoef(yb[m], pb[m]))

    # Probabilities: ties (rounded to 0.1), exact 0 and 1 to exercise clipping.
    prob = np.clip(np.round(np.where(yb == "1", 0.65, 0.35) + rng.normal(0, 0.25, n), 1), 0, 1)
    case("roc_auc", "roc_auc", yb, usage, ["label"], [[repr(float(v))] for v in prob],
         lambda m: M.roc_auc_score(yb[m] == "1", prob[m]))
    case("log_loss_binary", "log_loss", yb, usage, ["label"], [[repr(float(v))] for v in prob],
         lambda m: M.log_loss(yb[m] == "1", prob[m], labels=[False, True]))
    raw = rng.random((n, 4)) + np.eye(4)[np.searchsorted(classes, y)] * 1.5
    raw[rng.random(n) < 0.05, 0] = 0.0
    P = raw / raw.sum(axis=1, keepdims=True)
    case("roc_auc_ovr", "roc_auc_ovr", y, usage, list(classes), [[repr(float(v)) for v in row] for row in P],
         lambda m: M.roc_auc_score(y[m], P[m], multi_class="ovr", labels=list(classes)))
    case("log_loss_multiclass", "log_loss", y, usage, list(classes), [[repr(float(v)) for v in row] for row in P],
         lambda m: M.log_loss(y[m], P[m], labels=list(classes)))

    yr = rng.normal(10, 3, n)
    pr = yr + rng.normal(0, 1.5, n)
    for metric, fn in {"rmse": M.root_mean_squared_error, "mae": M.mean_absolute_error, "r2": M.r2_score}.items():
        case(metric, metric, [repr(float(v)) for v in yr], usage, ["label"], [[repr(float(v))] for v in pr],
             lambda m, fn=fn: fn(yr[m], pr[m]))

    words = ["the", "cat", "a", "Moscow", "river", "an", "old", "Volga", "city", "«Neva»", "state's"]
    golds, answers = [], []
    for i in range(n):
        gold = [" ".join(rng.choice(words, rng.integers(1, 4))) for _ in range(rng.integers(1, 3))]
        golds.append(gold)
        answers.append(gold[0] + "." if rng.random() < 0.3 else " ".join(rng.choice(words, rng.integers(1, 4))))
    gold_cells = [json.dumps(g, ensure_ascii=False) if len(g) > 1 else g[0] for g in golds]
    for metric, fn in {"exact_match": squad_em, "token_f1": squad_f1}.items():
        case(metric, metric, gold_cells, usage, ["label"], [[x] for x in answers],
             lambda m, fn=fn: np.mean([max(fn(answers[i], g) for g in golds[i]) for i in np.flatnonzero(m)]))

    # MuSeRC EM: answer options grouped into questions of 3; binary F1a is plain f1.
    groups = [f"g{i // 3}" for i in range(n)]
    def muserc_em(m):
        rows = np.flatnonzero(m)
        by_group = {}
        for i in rows:
            by_group.setdefault(groups[i], []).append(yb[i] == pb[i])
        return np.mean([all(v) for v in by_group.values()])
    case("muserc_em", "muserc_em", yb, usage, ["label"], [[v] for v in pb], muserc_em,
         args=["--group-column", "question"], sol_extra=("question", groups))

    with open(os.path.join(a.out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
