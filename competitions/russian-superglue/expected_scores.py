#!/usr/bin/env python3
"""The scores scikit-learn (and, for RuCoS, the SQuAD v1.1 evaluation rules the benchmark uses) give the
sample submission public/sample_submission.zip against hidden/, for the tests to compare Podium with:

    bench/.venv/bin/python competitions/russian-superglue/expected_scores.py > Tests/PlatformTests/Fixtures/russian_superglue_sample.json

LiDiRus matthews_corrcoef; RCB (f1_score(average='macro', zero_division=0) + accuracy_score) / 2; PARus,
TERRa, RUSSE, RWSD, DaNetQA accuracy_score; MuSeRC (f1_score(pos_label=1) over answers + the share of
questions with every answer right) / 2; RuCoS (max F1 over the gold answers + max EM) / 2 with SQuAD's
normalize_answer; each on the Public rows and on the Private ones; the composite is the mean of the nine."""
import collections, json, os, re, string, sys, zipfile
from sklearn.metrics import accuracy_score, f1_score, matthews_corrcoef

root = os.path.dirname(os.path.abspath(__file__))
archive = zipfile.ZipFile(f"{root}/public/sample_submission.zip")
submitted = {os.path.basename(n): archive.read(n).decode() for n in archive.namelist()
             if n.endswith(".jsonl") and "__MACOSX" not in n and not os.path.basename(n).startswith("._")}


def lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def text(value):
    return value if isinstance(value, str) else json.dumps(value)


def normalize_answer(s):  # SQuAD v1.1's evaluate-v1.1.py
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def token_f1(prediction, gold):
    p, g = normalize_answer(prediction).split(), normalize_answer(gold).split()
    common = sum((collections.Counter(p) & collections.Counter(g)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


scores = {"public": {}, "private": {}}
flat = {"lidirus": ("LiDiRus", lambda t, p: matthews_corrcoef(t, p)),
        "rcb": ("RCB", lambda t, p: (f1_score(t, p, average="macro", zero_division=0) + accuracy_score(t, p)) / 2),
        "parus": ("PARus", accuracy_score), "terra": ("TERRa", accuracy_score), "russe": ("RUSSE", accuracy_score),
        "rwsd": ("RWSD", accuracy_score), "danetqa": ("DaNetQA", accuracy_score)}
for task, (stem, metric) in flat.items():
    key = lines(open(f"{root}/hidden/{stem}.jsonl", encoding="utf-8").read())
    predicted = {row["idx"]: text(row["label"]) for row in lines(submitted[f"{stem}.jsonl"])}
    for split in ("Public", "Private"):
        rows = [row for row in key if row["Usage"] == split]
        scores[split.lower()][task] = float(metric([text(r["label"]) for r in rows], [predicted[r["idx"]] for r in rows]))

key = lines(open(f"{root}/hidden/MuSeRC.jsonl", encoding="utf-8").read())
predicted = {a["idx"]: a["label"] for p in lines(submitted["MuSeRC.jsonl"]) for q in p["passage"]["questions"]
             for a in q["answers"]}
for split in ("Public", "Private"):
    questions = [q for p in key if p["Usage"] == split for q in p["passage"]["questions"]]
    truth = [a["label"] for q in questions for a in q["answers"]]
    guess = [predicted[a["idx"]] for q in questions for a in q["answers"]]
    em = sum(all(predicted[a["idx"]] == a["label"] for a in q["answers"]) for q in questions) / len(questions)
    scores[split.lower()]["muserc"] = (float(f1_score(truth, guess, pos_label=1)) + em) / 2

key = lines(open(f"{root}/hidden/RuCoS.jsonl", encoding="utf-8").read())
predicted = {row["idx"]: row["label"] for row in lines(submitted["RuCoS.jsonl"])}
for split in ("Public", "Private"):
    rows = [row for row in key if row["Usage"] == split]
    golds = [r["label"] if isinstance(r["label"], list) else [r["label"]] for r in rows]
    f1 = sum(max(token_f1(predicted[r["idx"]], g) for g in gs) for r, gs in zip(rows, golds)) / len(rows)
    em = sum(max(float(normalize_answer(predicted[r["idx"]]) == normalize_answer(g)) for g in gs)
             for r, gs in zip(rows, golds)) / len(rows)
    scores[split.lower()]["rucos"] = (f1 + em) / 2

scores["composite"] = {split: sum(scores[split].values()) / 9 for split in ("public", "private")}
json.dump(scores, sys.stdout, indent=1, sort_keys=True)
print()
