#!/usr/bin/env python3
"""A per-class report: macro F1 (the task's score), the recall of the worst class, and the error rate;
each class's precision and recall go to stderr for the organiser.

    report.py SOLUTION SUBMISSION OUTPUT        (standard library only)
"""
import csv, json, sys


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def report(truth, predicted):
    labels = sorted(set(truth) | set(predicted))
    f1s, recalls = [], []
    for label in labels:
        tp = sum(t == label and p == label for t, p in zip(truth, predicted))
        fp = sum(t != label and p == label for t, p in zip(truth, predicted))
        fn = sum(t == label and p != label for t, p in zip(truth, predicted))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
        if label in truth:
            recalls.append(recall)
        print(f"class {label}: precision {precision:.4f} recall {recall:.4f}", file=sys.stderr)
    errors = sum(t != p for t, p in zip(truth, predicted))
    return {"macro_f1": sum(f1s) / len(f1s), "worst_class_recall": min(recalls), "error_rate": errors / len(truth)}


def main():
    solution_path, submission_path, output_path = sys.argv[1:4]
    predictions = {row["id"]: row["label"] for row in read(submission_path)}
    parts = {"public": ([], []), "private": ([], [])}
    for row in read(solution_path):
        part = "private" if row.get("Usage", "Public").lower() == "private" else "public"
        parts[part][0].append(row["label"])
        parts[part][1].append(predictions[row["id"]])
    with open(output_path, "w") as f:
        json.dump({part: report(t, p) if t else None for part, (t, p) in parts.items()}, f)


if __name__ == "__main__":
    main()
