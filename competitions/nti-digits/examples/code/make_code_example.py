#!/usr/bin/env python3
"""Builds the efficiency round's files from the digits already in the competition (standard library only):

    python3 competitions/nti-digits/examples/code/make_code_example.py      (from the repository root)

public/efficiency_sample.jsonl        ten training digits with their labels, for practice runs
hidden/final_inputs.jsonl             the final test set's records as JSON Lines (id, px0..px63; no labels),
                                      what a program reads on standard input
examples/code/nearest-centroid/       a program: nearest centroid of each digit, fitted on public/train.csv
examples/code/nearest-centroid.zip    the same, packed as a participant uploads it (run executable)"""
import csv, json, os, stat, zipfile

root = "competitions/nti-digits"
here = f"{root}/examples/code"
with open(f"{root}/public/train.csv") as f:
    rows = list(csv.DictReader(f))
sums, counts = {}, {}
for row in rows:
    label = row["label"]
    pixels = [int(row[f"px{i}"]) for i in range(64)]
    sums[label] = [a + b for a, b in zip(sums.get(label, [0] * 64), pixels)]
    counts[label] = counts.get(label, 0) + 1
centroids = {label: [round(s / counts[label], 4) for s in sums[label]] for label in sorted(sums)}
with open(f"{here}/nearest-centroid/centroids.json", "w") as f:
    json.dump(centroids, f, separators=(",", ":"))
    f.write("\n")
with open(f"{root}/public/final_test.csv") as f, open(f"{root}/hidden/final_inputs.jsonl", "w") as out:
    for row in csv.DictReader(f):
        record = {"id": row["id"], **{f"px{i}": int(row[f"px{i}"]) for i in range(64)}}
        out.write(json.dumps(record, separators=(",", ":")) + "\n")
with open(f"{root}/public/efficiency_sample.jsonl", "w") as out:  # practice runs: ten training digits, answers shown
    for row in rows[:10]:
        record = {"id": row["id"], **{f"px{i}": int(row[f"px{i}"]) for i in range(64)}, "label": int(row["label"])}
        out.write(json.dumps(record, separators=(",", ":")) + "\n")
with zipfile.ZipFile(f"{here}/nearest-centroid.zip", "w", zipfile.ZIP_DEFLATED) as archive:
    for name in ["run", "centroids.json"]:
        info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 0, 0, 0))
        info.create_system = 3
        mode = 0o755 if name == "run" else 0o644
        info.external_attr = (stat.S_IFREG | mode) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(f"{here}/nearest-centroid/{name}", "rb") as f:
            archive.writestr(info, f.read())
print("wrote", f"{root}/hidden/final_inputs.jsonl", f"{here}/nearest-centroid.zip")
