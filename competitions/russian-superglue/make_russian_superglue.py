#!/usr/bin/env python3
"""Builds competitions/russian-superglue in Russian SuperGLUE's official submission formats (standard
library only; seed 2020):

    python3 competitions/russian-superglue/make_russian_superglue.py      (from the repository root)

The ids and sizes are the real test sets' (LiDiRus 1104, RCB 438, PARus 500, MuSeRC 322 passages /
1813 questions / 7614 answers, TERRa 3198, RUSSE 18892, RWSD 154, DaNetQA 805, RuCoS 7257) and so are the
label sets, but THE LABELS ARE SYNTHETIC: the real test answers are not public. Each answer key carries a
Kaggle-style "Usage" (Public / Private, half each; for MuSeRC per passage).

Writes hidden/<Task>.jsonl (the answer keys), public/sample_submission.zip (random predictions, laid out
as participants send them: a submission/ folder, with the __MACOSX/ and .DS_Store junk a Mac adds) and
examples/majority.zip (the majority-class baseline in the same layout)."""
import io, json, os, random, zipfile

root = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(2020)
FLAT = {  # task: (file stem, labels with their synthetic frequencies, test size)
    "lidirus": ("LiDiRus", [("not_entailment", 0.6), ("entailment", 0.4)], 1104),
    "rcb": ("RCB", [("neutral", 0.45), ("entailment", 0.35), ("contradiction", 0.2)], 438),
    "parus": ("PARus", [(0, 0.5), (1, 0.5)], 500),
    "terra": ("TERRa", [("entailment", 0.5), ("not_entailment", 0.5)], 3198),
    "russe": ("RUSSE", [("false", 0.6), ("true", 0.4)], 18892),
    "rwsd": ("RWSD", [("False", 0.6), ("True", 0.4)], 154),
    "danetqa": ("DaNetQA", [("true", 0.55), ("false", 0.45)], 805),
}
ENTITIES = ["Москва", "Санкт-Петербург", "Волга", "Пушкин", "Толстой", "Байкал", "Россия", "Гагарин", "Казань",
            "Менделеев", "Урал", "Чехов", "Новосибирск", "Ломоносов", "Енисей", "Королёв"]


def draw(weighted):
    x, total = rng.random(), 0.0
    for label, weight in weighted:
        total += weight
        if x < total:
            return label
    return weighted[-1][0]


def jsonl(objects):
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)


def usage():
    return "Public" if rng.random() < 0.5 else "Private"


keys, majority, randoms = {}, {}, {}
for task, (stem, labels, size) in FLAT.items():
    truth = [draw(labels) for _ in range(size)]
    keys[stem] = jsonl({"idx": i, "label": y, "Usage": usage()} for i, y in enumerate(truth))
    common = max((label for label, _ in labels), key=truth.count)
    majority[stem] = jsonl({"idx": i, "label": common} for i in range(size))
    randoms[stem] = jsonl({"idx": i, "label": rng.choice(labels)[0]} for i in range(size))

# MuSeRC: 322 passages, 1813 questions (5 or 6 per passage), 7614 answers (4 or 5 per question); ids of
# questions and answers run across the file.
questions_per = [5] * 322
for i in rng.sample(range(322), 1813 - 5 * 322):
    questions_per[i] += 1
answers_per = [4] * 1813
for i in rng.sample(range(1813), 7614 - 4 * 1813):
    answers_per[i] += 1
passages, question_id, answer_id = [], 0, 0
for p, count in enumerate(questions_per):
    questions = []
    for _ in range(count):
        answers = [{"idx": answer_id + a, "label": 1 if rng.random() < 0.4 else 0} for a in range(answers_per[question_id])]
        answer_id += len(answers)
        questions.append({"idx": question_id, "answers": answers})
        question_id += 1
    passages.append({"idx": p, "passage": {"questions": questions}})
assert (question_id, answer_id) == (1813, 7614)


def museRC(label_of):
    return jsonl({"idx": p["idx"], "passage": {"questions": [
        {"idx": q["idx"], "answers": [{"idx": a["idx"], "label": label_of(a)} for a in q["answers"]]}
        for q in p["passage"]["questions"]]}} for p in passages)


keys["MuSeRC"] = jsonl({"idx": p["idx"], "Usage": usage(), "passage": p["passage"]} for p in passages)
majority["MuSeRC"] = museRC(lambda a: 0)
randoms["MuSeRC"] = museRC(lambda a: rng.randint(0, 1))

# RuCoS: one or two gold entities per query (an array in the key); predictions are one string.
golds = [rng.sample(ENTITIES, rng.randint(1, 2)) for _ in range(7257)]
keys["RuCoS"] = jsonl({"idx": i, "label": g if len(g) > 1 else g[0], "Usage": usage()} for i, g in enumerate(golds))
first = max(ENTITIES, key=lambda e: sum(e in g for g in golds))
majority["RuCoS"] = jsonl({"idx": i, "label": first} for i in range(7257))
randoms["RuCoS"] = jsonl({"idx": i, "label": rng.choice(ENTITIES)} for i in range(7257))

os.makedirs(f"{root}/hidden", exist_ok=True)
for stem, text in keys.items():
    with open(f"{root}/hidden/{stem}.jsonl", "w", encoding="utf-8") as f:
        f.write(text)


def archive(path, files):
    """A submission archive as a Mac's "Compress" makes it: a submission/ folder and its junk."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("submission/", date_time=(2020, 6, 1, 0, 0, 0)), "")
        for stem, text in sorted(files.items()):
            z.writestr(zipfile.ZipInfo(f"submission/{stem}.jsonl", date_time=(2020, 6, 1, 0, 0, 0)), text,
                       compress_type=zipfile.ZIP_DEFLATED)
            z.writestr(zipfile.ZipInfo(f"__MACOSX/submission/._{stem}.jsonl", date_time=(2020, 6, 1, 0, 0, 0)),
                       b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
        z.writestr(zipfile.ZipInfo("submission/.DS_Store", date_time=(2020, 6, 1, 0, 0, 0)), b"\x00\x00\x00\x01Bud1")
    with open(path, "wb") as f:
        f.write(buffer.getvalue())


# LiDiRus's diagnostic categories (the real dataset's names, written as slice tags family/name), one or two per
# item, drawn with a generator of their own so that every file above stays as it was.
CATEGORIES = {
    "lexical-semantics": ["lexical-entailment", "morphological-negation", "factivity", "symmetry-collectivity",
                          "redundancy", "named-entities", "quantifiers"],
    "predicate-argument-structure": ["core-args", "prepositional-phrases", "ellipsis-implicits",
                                     "anaphora-coreference", "active-passive", "nominalization",
                                     "genitives-partitives", "datives", "relative-clauses", "coordination-scope",
                                     "intersectivity", "restrictivity"],
    "logic": ["negation", "double-negation", "intervals-numbers", "conjunction", "disjunction", "conditionals",
              "universal", "existential", "temporal", "upward-monotone", "downward-monotone", "non-monotone"],
    "knowledge": ["common-sense", "world-knowledge"],
}
TAGS = [f"{family}/{name}" for family, names in CATEGORIES.items() for name in names]
diagnostic = random.Random(2021)
lidirus = [json.loads(line) for line in keys["LiDiRus"].splitlines()]
for item in lidirus:
    item["category"] = ";".join(diagnostic.sample(TAGS, diagnostic.choice([1, 1, 2])))
keys["LiDiRus"] = jsonl(lidirus)
with open(f"{root}/hidden/LiDiRus.jsonl", "w", encoding="utf-8") as f:
    f.write(keys["LiDiRus"])

# examples/diagnosed.zip: a synthetic model whose LiDiRus answers are right more often on some families than on
# others (so the diagnostics page has something to show), and right 70% of the time elsewhere.
SKILL = {"lexical-semantics": 0.75, "predicate-argument-structure": 0.8, "logic": 0.55, "knowledge": 0.9}
diagnosed = dict(majority)
for task, (stem, labels, size) in FLAT.items():
    names = [label for label, _ in labels]
    rows = [json.loads(line) for line in keys[stem].splitlines()]
    out = []
    for row in rows:
        if stem == "LiDiRus":
            families = [tag.split("/")[0] for tag in row["category"].split(";")]
            right = min(SKILL[family] for family in families)
        else:
            right = 0.7
        label = row["label"] if diagnostic.random() < right else diagnostic.choice([n for n in names if n != row["label"]])
        out.append({"idx": row["idx"], "label": label})
    diagnosed[stem] = jsonl(out)

archive(f"{root}/public/sample_submission.zip", randoms)
archive(f"{root}/examples/majority.zip", majority)
archive(f"{root}/examples/diagnosed.zip", diagnosed)
print({stem: text.count("\n") for stem, text in keys.items()})
