#!/usr/bin/env python3
"""Writes the demo's probing competition (RuSentEval's protocol, synthetic data) and its two baselines:

    bench/.venv/bin/python competitions/rusenteval-probing/make_rusenteval_probing.py

Three probing tasks over 240 train and 160 test "sentences" (public and private halves): sentence_length (three
classes, surface information), tense (two) and subject_number (two). Each "model" has eight layers of 16-dimensional
features; every task's signal in a layer follows a curve of its own, as RuSentEval found: surface information early,
syntax in the middle, semantics late. "rubert-like" sends its layers' embeddings (float16 .npy) and Podium fits the
round's probe; "shallow" sends one prediction file per layer (its probe fitted here, with scikit-learn's
LogisticRegression(C=1.0)). Fixed seed: the same bytes on every run.
"""
import csv, io, os, zipfile

import numpy as np
from sklearn.linear_model import LogisticRegression

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(2021)
LAYERS, WIDTH, TRAIN, TEST = 8, 16, 240, 160
TASKS = {  # task: (classes, signal per layer for each model)
    "sentence_length": (["long", "medium", "short"],
                        {"rubert-like": [1.6, 1.4, 1.1, 0.8, 0.6, 0.5, 0.4, 0.3],
                         "shallow": [1.2, 1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.3]}),
    "tense": (["past", "present"],
              {"rubert-like": [0.2, 0.5, 0.9, 1.3, 1.2, 0.9, 0.7, 0.6],
               "shallow": [0.2, 0.4, 0.6, 0.7, 0.6, 0.5, 0.4, 0.3]}),
    "subject_number": (["plural", "singular"],
                       {"rubert-like": [0.1, 0.2, 0.3, 0.6, 0.9, 1.2, 1.3, 1.1],
                        "shallow": [0.1, 0.2, 0.2, 0.3, 0.4, 0.5, 0.5, 0.4]}),
}


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def fixed_zip(path):
    return zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)


def add(archive, name, data):
    info = zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0))  # fixed: the same zip on every run
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


os.makedirs(f"{here}/examples", exist_ok=True)
archives = {model: fixed_zip(f"{here}/examples/{model}.zip") for model in ["rubert-like", "shallow"]}
for task, (classes, signals) in TASKS.items():
    y_train = rng.integers(0, len(classes), TRAIN)
    y_test = rng.integers(0, len(classes), TEST)
    write_csv(f"{here}/public/{task}_train.csv", ["id", "label"],
              [[f"{task}-train-{i}", classes[y]] for i, y in enumerate(y_train)])
    write_csv(f"{here}/hidden/{task}.csv", ["id", "label", "Usage"],
              [[f"{task}-test-{i}", classes[y], "Public" if i % 2 == 0 else "Private"] for i, y in enumerate(y_test)])
    for model, signal in signals.items():
        for layer in range(LAYERS):
            centers = rng.normal(size=(len(classes), WIDTH))
            strength = 0.35 * signal[layer]
            train = rng.normal(size=(TRAIN, WIDTH)) + strength * centers[y_train]
            test = rng.normal(size=(TEST, WIDTH)) + strength * centers[y_test]
            if model == "rubert-like":
                add(archives[model], f"{task}/layer_{layer}.train.npy", npy_bytes(train.astype(np.float16)))
                add(archives[model], f"{task}/layer_{layer}.test.npy", npy_bytes(test.astype(np.float16)))
            else:
                predicted = LogisticRegression(C=1.0).fit(train, y_train).predict(test)
                text = io.StringIO()
                w = csv.writer(text, lineterminator="\n")
                w.writerow(["id", "label"])
                w.writerows([[f"{task}-test-{i}", classes[p]] for i, p in enumerate(predicted)])
                add(archives[model], f"{task}/layer_{layer}.csv", text.getvalue())
for archive in archives.values():
    archive.close()
for model in archives:
    print(f"examples/{model}.zip: {os.path.getsize(f'{here}/examples/{model}.zip')} bytes")
