#!/usr/bin/env python3
"""Makes a copy of competitions/nti-digits whose task is scored by `slow_accuracy.py` after SECONDS, and the
scorers folder that names it; prints the two folders (competition, then scorers) on one line each.

    python3 scripts/slow-scoring/make_slow_competition.py SECONDS INTO        (from the repository root)

The copy keeps the slug nti-digits (its folder's name). Load it and run every podium process with
`--scorers <the printed scorers folder>`."""
import os, shutil, sys

seconds, into = sys.argv[1], os.path.abspath(sys.argv[2])
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
competition = os.path.join(into, "nti-digits")
shutil.copytree(os.path.join(root, "competitions", "nti-digits"), competition)
yaml = os.path.join(competition, "competition.yaml")
text = open(yaml).read()
assert "    metric: accuracy\n" in text
open(yaml, "w").write(text.replace("    metric: accuracy\n", "    scorer: slow-accuracy\n"))
scorer = os.path.join(into, "scorers", "slow-accuracy")
os.makedirs(scorer)
with open(os.path.join(scorer, "scorer.yaml"), "w") as f:
    f.write(f"""description: accuracy, after {seconds} s (tests only)
command: [python3, {os.path.join(here, "slow_accuracy.py")}, "{seconds}", "{{solution}}", "{{submission}}", "{{output}}"]
input: labels
metrics:
  - {{ name: accuracy, direction: higher }}
timeout_seconds: 120
memory_mb: 512
version: "1"
""")
print(competition)
print(os.path.dirname(scorer))
