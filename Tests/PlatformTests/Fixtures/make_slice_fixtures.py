#!/usr/bin/env python3
"""Writes a solution with a slice column (LiDiRus-style tags), a submission, and what scikit-learn 1.9 computes on
each slice: the task's score (the mean of MCC and accuracy) on the slice's rows, and its 95% bootstrap interval over
the very resamples Podium draws (its SplitMix64 generator and FNV-1a seed, ported below), each resample scored by
scikit-learn with the rows' draw counts as sample_weight:

    bench/.venv/bin/python Tests/PlatformTests/Fixtures/make_slice_fixtures.py

Writes Tests/PlatformTests/Fixtures/slices/{solution.csv, submission.csv, expected.json}.
"""
import csv, json, os, random

import numpy as np
from sklearn.metrics import accuracy_score, matthews_corrcoef

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "slices")
MASK = (1 << 64) - 1
RESAMPLES = 1000
SEED = "fixture"  # TaskScorer.score(..., seed: "fixture") resamples slice S with the seed "fixture/slice/S"


def fnv1a(name):
    h = 0xcbf29ce484222325
    for byte in name.encode():
        h ^= byte
        h = (h * 0x100000001b3) & MASK
    return h


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def draw_counts(rows, seed):
    """Podium's Bootstrap of `rows` rows (at most 4,096: one bucket per row): each resample's draw counts."""
    generator = SplitMix64(seed)
    counts = np.zeros((RESAMPLES, rows))
    for r in range(RESAMPLES):
        for _ in range(rows):
            counts[r, generator.next() % rows] += 1
    return counts


def task_score(truth, predicted, weight=None):
    return (matthews_corrcoef(truth, predicted, sample_weight=weight)
            + accuracy_score(truth, predicted, sample_weight=weight)) / 2


rng = random.Random(29)
TAGS = ["logic/negation", "logic/quantifiers", "knowledge/common-sense", "lexical-semantics/factivity", ""]
rows = []
for i in range(600):
    label = rng.choice(["entailment", "not_entailment"])
    tags = sorted(set(rng.choice(TAGS) for _ in range(rng.choice([1, 2]))) - {""})
    right = 0.9 if any(t.startswith("knowledge") for t in tags) else 0.6
    predicted = label if rng.random() < right else ("not_entailment" if label == "entailment" else "entailment")
    rows.append((f"s{i:04d}", label, rng.choice(["Public", "Private"]), "; ".join(tags), predicted))

os.makedirs(here, exist_ok=True)
with open(f"{here}/solution.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "label", "Usage", "category"])
    w.writerows(r[:4] for r in rows)
shuffled = rows[:]
rng.shuffle(shuffled)  # the submission lists the ids in another order
with open(f"{here}/submission.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "label"])
    w.writerows((r[0], r[4]) for r in shuffled)

slices = {}
for index, row in enumerate(rows):
    tags = [t.strip() for t in row[3].split(";") if t.strip()]
    for name in set(tags) | {tag.split("/")[0] for tag in tags}:  # a row is in a family once, however many tags
        slices.setdefault(name, []).append(index)
expected = {}
for name, members in sorted(slices.items()):
    truth = [rows[i][1] for i in members]
    predicted = [rows[i][4] for i in members]
    score = task_score(truth, predicted)
    counts = draw_counts(len(members), fnv1a(f"{SEED}/slice/{name}"))
    resampled = np.array([task_score(truth, predicted, weight) for weight in counts])
    low, high = np.percentile(resampled[np.isfinite(resampled)], [2.5, 97.5])
    expected[name] = {"rows": len(members), "score": score, "low": min(low, score), "high": max(high, score)}
with open(f"{here}/expected.json", "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
print({name: round(e["score"], 4) for name, e in expected.items()})
