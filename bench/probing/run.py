#!/usr/bin/env python3
"""A probing round's heaviest submission, scored by Podium and by scikit-learn doing the same work:

    bench/.venv/bin/python bench/probing/run.py PODIUM [LAYERS WIDTH SENTENCES]   (default 13 768 10000)

The data (numpy, seed 2021): SENTENCES synthetic sentences, 80 % train and 20 % test (half Public, half
Private), three classes, LAYERS layers of WIDTH float16 dimensions whose class signal rises and falls with the
layer. Podium: `podium submissions add` of the zip (every layer's files checked), then `podium work --once` fits
the round's probe on each layer and scores it. scikit-learn: for each layer, np.load both files,
LogisticRegression(C=1.0, tol=1e-8, max_iter=10000).fit(train).predict(test) and accuracy_score on each part
(Podium's probe stops at the same gradient size: 1e-8 on the mean loss). The script checks both sides give every
layer the same Public and Private accuracy, and prints the wall times and their ratio.
"""
import json, os, shutil, sqlite3, subprocess, sys, tempfile, time, zipfile

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

podium = os.path.abspath(sys.argv[1])
layers, width, sentences = (int(a) for a in (sys.argv[2:5] if len(sys.argv) > 4 else (13, 768, 10000)))
train_count = sentences * 4 // 5
test_count = sentences - train_count
work = tempfile.mkdtemp(prefix="probing-bench-")
rng = np.random.default_rng(2021)
classes = ["a", "b", "c"]
y_train = rng.integers(0, 3, train_count)
y_test = rng.integers(0, 3, test_count)
public = np.arange(test_count) % 2 == 0
folder = f"{work}/competitions/probe-bench"
os.makedirs(f"{folder}/public")
os.makedirs(f"{folder}/hidden")
with open(f"{folder}/public/task_train.csv", "w") as f:
    f.write("id,label\n" + "".join(f"tr{i},{classes[y]}\n" for i, y in enumerate(y_train)))
with open(f"{folder}/hidden/task.csv", "w") as f:
    f.write("id,label,Usage\n" + "".join(
        f"te{i},{classes[y]},{'Public' if public[i] else 'Private'}\n" for i, y in enumerate(y_test)))
with open(f"{folder}/competition.yaml", "w") as f:
    f.write(f"""title: Probing bench
tasks:
  - id: task
    metric: accuracy
    target: label
    solution: hidden/task.csv
    probe_train: public/task_train.csv
rounds:
  - id: layers
    submission: probing
    probing: {{ layers: {layers}, width: {width}, c: 1.0 }}
""")
files = f"{work}/files"
os.makedirs(f"{files}/task")
for layer in range(layers):
    strength = 0.02 + 0.06 * np.sin(np.pi * layer / max(layers - 1, 1))
    centers = rng.normal(size=(3, width))
    for name, labels in (("train", y_train), ("test", y_test)):
        values = rng.normal(size=(len(labels), width)) + strength * centers[labels]
        np.save(f"{files}/task/layer_{layer}.{name}.npy", values.astype(np.float16))
archive = f"{work}/submission.zip"
with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:
    for name in sorted(os.listdir(f"{files}/task")):
        z.write(f"{files}/task/{name}", f"task/{name}")
size = os.path.getsize(archive)


def run(*arguments):
    result = subprocess.run([podium, *arguments, "--data", f"{work}/data"], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"podium {' '.join(arguments)}: {result.stdout}{result.stderr}")
    return result.stdout


run("competition", "load", folder)
run("round", "open", "probe-bench", "layers")
run("team", "add", "probe-bench", "probers")
started = time.monotonic()
run("submissions", "add", "probe-bench", "layers", "--team", "probers", archive)
accepted = time.monotonic() - started
started = time.monotonic()
run("work", "--once")
scored = time.monotonic() - started
with sqlite3.connect(f"{work}/data/podium.sqlite") as db:
    status, error, stored = db.execute("SELECT status, error, scores FROM submission").fetchone()
if status != "scored":
    sys.exit(f"the submission is {status}: {error}")
scores = json.loads(stored)["layers"]["task"]

started = time.monotonic()
expected_public, expected_private = [], []
for layer in range(layers):
    train = np.load(f"{files}/task/layer_{layer}.train.npy").astype(np.float64)
    test = np.load(f"{files}/task/layer_{layer}.test.npy").astype(np.float64)
    predicted = LogisticRegression(C=1.0, tol=1e-8, max_iter=10000).fit(train, y_train).predict(test)
    expected_public.append(accuracy_score(y_test[public], predicted[public]))
    expected_private.append(accuracy_score(y_test[~public], predicted[~public]))
sklearn = time.monotonic() - started

print(f"layers={layers} width={width} sentences={sentences} (train {train_count}, test {test_count}); "
      f"zip {size / 1e6:.0f} MB of float16")
print(f"  podium submissions add (every layer checked)   {accepted:7.2f} s")
print(f"  podium work --once (13 probes fitted, scored)  {scored:7.2f} s".replace("13", str(layers)))
print(f"  scikit-learn (load, fit, predict, score)      {sklearn:7.2f} s")
print(f"  ratio scikit-learn / podium scoring            {sklearn / scored:7.2f}")
same = all(abs(a - b) < 1e-12 for a, b in zip(scores["public"] + scores["private"], expected_public + expected_private))
print(f"  every layer's Public and Private accuracy the same on both sides: {same}")
if not same:
    print("  podium ", scores["public"], scores["private"])
    print("  sklearn", expected_public, expected_private)
shutil.rmtree(work, ignore_errors=True)
