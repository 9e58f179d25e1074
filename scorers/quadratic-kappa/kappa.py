#!/usr/bin/env python3
"""Cohen's quadratic weighted kappa, as sklearn.metrics.cohen_kappa_score(y1, y2, weights="quadratic").

    kappa.py SOLUTION SUBMISSION OUTPUT

SOLUTION has id, label and Usage (Public/Private) columns; SUBMISSION has id and label (already
validated by Podium: same ids, known labels). Labels are ordinal integers. Writes
{"public": {"quadratic_kappa": x}, "private": {"quadratic_kappa": y}} to OUTPUT (private is null
when there are no Private rows). Standard library only.
"""
import csv, json, sys


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def quadratic_kappa(truth, predicted):
    # sklearn: confusion matrix over the sorted union of labels, weights (i - j)^2 by label position.
    labels = sorted(set(truth) | set(predicted))
    index = {label: i for i, label in enumerate(labels)}
    k = len(labels)
    observed = [[0.0] * k for _ in range(k)]
    for t, p in zip(truth, predicted):
        observed[index[t]][index[p]] += 1
    n = float(len(truth))
    row = [sum(observed[i]) for i in range(k)]
    col = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    numerator = denominator = 0.0
    for i in range(k):
        for j in range(k):
            weight = (i - j) ** 2
            numerator += weight * observed[i][j]
            denominator += weight * row[i] * col[j] / n
    return 1.0 - numerator / denominator if denominator else 1.0


def main():
    solution_path, submission_path, output_path = sys.argv[1:4]
    predictions = {row["id"]: int(row["label"]) for row in read(submission_path)}
    parts = {"public": ([], []), "private": ([], [])}
    for row in read(solution_path):
        part = "private" if row.get("Usage", "Public").lower() == "private" else "public"
        parts[part][0].append(int(row["label"]))
        parts[part][1].append(predictions[row["id"]])
    result = {}
    for part, (truth, predicted) in parts.items():
        result[part] = {"quadratic_kappa": quadratic_kappa(truth, predicted)} if truth else None
    with open(output_path, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
