#!/usr/bin/env python3
"""A scorer program that takes its time: sleeps SECONDS, then scores accuracy on each part. The crash and
concurrency tests score with it (through `make_slow_competition.py`) so that a worker is still busy when it is
killed, or shares the queue with others — a slow scorer in a test competition, instead of a delay in Podium.

    slow_accuracy.py SECONDS SOLUTION SUBMISSION OUTPUT        (standard library only)
"""
import csv, json, sys, time


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


seconds, solution, submission, output = float(sys.argv[1]), *sys.argv[2:5]
time.sleep(seconds)
predicted = {row["id"]: row["label"] for row in read(submission)}
parts = {"public": [], "private": []}
for row in read(solution):
    part = "private" if row.get("Usage", "Public").lower() == "private" else "public"
    parts[part].append(row["label"] == predicted[row["id"]])
with open(output, "w") as f:
    json.dump({part: {"accuracy": sum(hits) / len(hits)} if hits else None for part, hits in parts.items()}, f)
