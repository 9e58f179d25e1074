#!/usr/bin/env python3
"""Writes a small probing competition and a submission to it, and what scikit-learn 1.9 computes on it:

    bench/.venv/bin/python Tests/PlatformTests/Fixtures/make_probing_fixtures.py

Task `tense` (three classes) is answered with embeddings: for each of three layers, the train and test sentences'
float32 rows (layer 1 carries the class most clearly, layer 0 hardly). Podium fits its probe on them; scikit-learn's
`LogisticRegression(C=0.5, tol=1e-10, max_iter=100000).fit(train, y).predict(test)` gives the expected predictions,
and `accuracy_score` on the Public and Private rows the expected scores of each layer.
Task `length` (binary) is answered with one prediction file per layer, scored with `accuracy_score` as written;
its layer 1 is best on the Public part and layer 2 on the Private one.

Writes Tests/PlatformTests/Fixtures/probing/{competition/..., submission/..., expected.json}.
"""
import csv, json, os

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "probing")
rng = np.random.default_rng(29)
LAYERS, WIDTH, TRAIN, TEST, C = 3, 12, 150, 100, 0.5
SIGNAL = [0.15, 1.2, 0.6]  # how clearly each layer carries the class


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def embeddings(labels, layer, centers):
    noise = rng.normal(size=(len(labels), WIDTH))
    return (noise + SIGNAL[layer] * centers[labels]).astype(np.float32)


expected = {"C": C, "tense": {"public": [], "private": []}, "length": {"public": [], "private": []}}
usage = ["Public" if i % 2 == 0 else "Private" for i in range(TEST)]
public = np.array([u == "Public" for u in usage])

# tense: embeddings, three classes
classes = np.array(["future", "past", "present"])
y_train = rng.integers(0, 3, TRAIN)
y_test = rng.integers(0, 3, TEST)
write_csv(f"{here}/competition/public/tense_train.csv", ["id", "label"],
          [[f"tr{i}", classes[y]] for i, y in enumerate(y_train)])
write_csv(f"{here}/competition/hidden/tense.csv", ["id", "label", "Usage"],
          [[f"te{i}", classes[y], usage[i]] for i, y in enumerate(y_test)])
for layer in range(LAYERS):
    centers = rng.normal(size=(3, WIDTH))
    train = embeddings(y_train, layer, centers)
    test = embeddings(y_test, layer, centers)
    os.makedirs(f"{here}/submission/tense", exist_ok=True)
    np.save(f"{here}/submission/tense/layer_{layer}.train.npy", train)
    np.save(f"{here}/submission/tense/layer_{layer}.test.npy", test)
    model = LogisticRegression(C=C, tol=1e-10, max_iter=100000).fit(train.astype(np.float64), y_train)
    predicted = model.predict(test.astype(np.float64))
    expected["tense"]["public"].append(accuracy_score(y_test[public], predicted[public]))
    expected["tense"]["private"].append(accuracy_score(y_test[~public], predicted[~public]))

# length: prediction files, binary
y_length = rng.integers(0, 2, TEST)
write_csv(f"{here}/competition/hidden/length.csv", ["id", "label", "Usage"],
          [[f"te{i}", ["short", "long"][y], usage[i]] for i, y in enumerate(y_length)])
# Wrong answers per part: layer 1 is best on the Public part, layer 2 on the Private one, so the board (layer 1,
# chosen on the Public part) must show layer 1's Private score, not the better layer 2's.
WRONG = [(0.4, 0.4), (0.1, 0.3), (0.2, 0.1)]
for layer, (wrong_public, wrong_private) in enumerate(WRONG):
    wrong = np.zeros(TEST, dtype=bool)
    for part, rate in ((public, wrong_public), (~public, wrong_private)):
        rows = np.flatnonzero(part)
        wrong[rng.choice(rows, int(round(rate * len(rows))), replace=False)] = True
    predicted = np.where(wrong, 1 - y_length, y_length)
    write_csv(f"{here}/submission/length/layer_{layer}.csv", ["id", "label"],
              [[f"te{i}", ["short", "long"][p]] for i, p in enumerate(predicted)])
    expected["length"]["public"].append(accuracy_score(y_length[public], predicted[public]))
    expected["length"]["private"].append(accuracy_score(y_length[~public], predicted[~public]))

with open(f"{here}/competition/competition.yaml", "w") as f:
    f.write("""title: Probing fixture
tasks:
  - id: tense
    metric: accuracy
    target: label
    solution: hidden/tense.csv
    probe_train: public/tense_train.csv
  - id: length
    metric: accuracy
    target: label
    solution: hidden/length.csv
score: mean
rounds:
  - id: layers
    title: Layers
    submission: probing
    submissions: { per_day: 20 }
    probing: { layers: 4, width: 16, c: %s }
""" % C)
with open(f"{here}/expected.json", "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
print(json.dumps(expected))
