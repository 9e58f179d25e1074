#!/usr/bin/env python3
"""Fair play at the issue's scale, with the release binary and SQLite:

    bench/.venv/bin/python bench/integrity/run.py PODIUM [TEAMS SUBMISSIONS ROWS]   (default 400 10 2000)

1. Signals. TEAMS teams make SUBMISSIONS submissions each (ROWS rows, half Public, half Private; every
   submission a better model than the team's last, so each scored job moves the team's board row and compares
   its errors with every other team's: the worst case), plus five copiers and a prober. `podium work --once
   --json` scores them and reports the time each job spent on its round's signals (mean and p99). Beside it, what
   an organiser would otherwise run after each scored job: every pair's Cohen's kappa recomputed from scratch with
   numpy (the error matrix already in memory: one TEAMS×ROWS/2 matrix product per job). Goal: under 5 ms a job.
2. The review page and its API for that round, organiser logged in: median and worst of 30 requests each. Goal:
   under 100 ms.
3. The probing attack of Tests/PlatformTests/ProbingAttackTests over HTTP: from a coin-flip submission, flip 16
   rows, submit, keep the flip if the public score the team is shown rose; 61 submissions on a standard round and
   on a Ladder round (step 0.01). Printed: how far each board's public and Private scores moved.
"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time, urllib.parse, urllib.request
from concurrent.futures import ThreadPoolExecutor

import numpy as np

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(root, "bench"))
from loopback import multipart, serve  # noqa: E402

podium = os.path.abspath(sys.argv[1])
teams, per_team, rows = (int(a) for a in (sys.argv[2:5] if len(sys.argv) > 4 else (400, 10, 2000)))
work = tempfile.mkdtemp(prefix="integrity-bench-")
data = f"{work}/data"
folder = f"{work}/fair-cup"
os.makedirs(f"{folder}/hidden")
rng = np.random.default_rng(32)
truth = rng.integers(0, 2, rows)
usage = np.where(np.arange(rows) % 2 == 0, "Public", "Private")
with open(f"{folder}/competition.yaml", "w") as f:
    f.write("""title: Fair cup
tasks:
  - { id: labels, metric: accuracy, id_column: id, target: label, classes: ["0", "1"], solution: hidden/solution.csv }
score: mean
rounds:
  - id: main
    submissions: { per_day: 1000 }
    intervals: none
  - id: ladder
    submissions: { per_day: 1000 }
    intervals: none
    public_board: ladder
    ladder_step: 0.01
""")
with open(f"{folder}/hidden/solution.csv", "w") as f:
    f.write("id,label,Usage\n" + "".join(f"r{i},{truth[i]},{usage[i]}\n" for i in range(rows)))


def write(answers, name):
    path = f"{work}/files/{name}.csv"
    with open(path, "w") as f:
        f.write("id,label\n" + "".join(f"r{i},{answers[i]}\n" for i in range(rows)))
    return path


def run(*args):
    return subprocess.run([podium, *args, "--data", data], capture_output=True, text=True, check=True).stdout


def api(base, path, token, body=None, method=None):
    headers = {"Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=body, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def submit(base, token, round_, path):
    body, kind = multipart(path)
    request = urllib.request.Request(f"{base}/api/v1/competitions/fair-cup/rounds/{round_}/submissions", data=body,
                                     method="POST", headers={"Content-Type": kind, "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["id"]


os.makedirs(f"{work}/files")
run("competition", "load", folder)
run("round", "open", "fair-cup", "main")
run("round", "open", "fair-cup", "ladder")

# Every team's models: hard rows (every fifth) right half the time, the others from 70 % up to 90 % over its
# submissions; five teams copy another's latest file with 5 % of the answers changed.
hard = np.arange(rows) % 5 == 0
uploads = []  # (team, path)
errors = {}  # the Private error pattern of each team's latest model, for the baseline
for team in range(teams):
    for n in range(per_team):
        accuracy = 0.70 + 0.20 * n / max(1, per_team - 1) + 0.01 * rng.random()
        right = np.where(hard, rng.random(rows) < 0.5, rng.random(rows) < accuracy)
        answers = np.where(right, truth, 1 - truth)
        uploads.append((team, write(answers, f"t{team}-{n}")))
        errors[team] = ~right[1::2]
copied = []
for copier in range(5):
    source_team = 10 + copier
    right = ~errors[source_team]
    flip = rng.random(right.size) < 0.05
    answers_private = np.where(right ^ flip, truth[1::2], 1 - truth[1::2])
    answers = truth.copy()
    answers[1::2] = answers_private
    answers[0::2] = np.where(rng.random(rows // 2) < 0.8, truth[0::2], 1 - truth[0::2])
    copied.append((teams + copier, write(answers, f"copier{copier}")))

server, base = serve(podium, data, "--workers", "0", "--organiser-token", "org")
try:
    names = [f"team {i:03d}" for i in range(teams)] + [f"copier {i}" for i in range(5)] + ["prober"]
    tokens = {i: api(base, "/api/v1/competitions/fair-cup/teams", "org", {"name": name})["token"]
              for i, name in enumerate(names)}
    # Uploads in submission order, several at a time (each team's in its own order).
    with ThreadPoolExecutor(8) as pool:
        for n in range(per_team):
            batch = [(team, path) for team, path in uploads if path.endswith(f"-{n}.csv")]
            list(pool.map(lambda item: submit(base, tokens[item[0]], "main", item[1]), batch))
        list(pool.map(lambda item: submit(base, tokens[item[0]], "main", item[1]), copied))
finally:
    server.terminate()
    server.wait()

started = time.perf_counter()
result = json.loads(run("work", "--once", "--json"))
wall = time.perf_counter() - started
scored = result["scored"]

# The baseline: after each scored job, every pair's kappa from scratch (numpy, errors in memory).
matrix = np.array([errors[t] for t in range(teams)], dtype=np.float32)
jobs = 50
t0 = time.perf_counter()
for _ in range(jobs):
    n = matrix.shape[1]
    wrong = matrix.sum(axis=1)
    both = matrix @ matrix.T
    neither = n - wrong[:, None] - wrong[None, :] + both
    observed = (both + neither) / n
    pa = wrong / n
    expected = pa[:, None] * pa[None, :] + (1 - pa[:, None]) * (1 - pa[None, :])
    kappa = (observed - expected) / (1 - expected)
baseline_ms = (time.perf_counter() - t0) / jobs * 1000

# What an organiser's script would do after each scored job: read every team's latest file and the solution with
# pandas, then every pair's kappa as above (3 runs).
import pandas as pd  # noqa: E402
latest_files = {team: path for team, path in uploads}
t0 = time.perf_counter()
for _ in range(3):
    solution = pd.read_csv(f"{folder}/hidden/solution.csv")
    private = solution[solution.Usage == "Private"].set_index("id").label
    frames = [pd.read_csv(latest_files[t]).set_index("id").label.reindex(private.index) for t in range(teams)]
    wrong = np.array([(f.values != private.values) for f in frames], dtype=np.float32)
    both = wrong @ wrong.T
script_ms = (time.perf_counter() - t0) / 3 * 1000

print(f"{teams} teams × {per_team} submissions + 5 copiers, {rows} rows ({rows // 2} Private): {scored} jobs scored "
      f"in {wall:.1f} s")
print("| per scored job | mean | p99 |")
print("|---|---|---|")
print(f"| Podium: the round's signals updated (podium work --once --json) | {result['signal_ms_mean']:.2f} ms | "
      f"{result['signal_ms_p99']:.2f} ms |")
print(f"| numpy: every pair's kappa recomputed ({teams}×{teams}) | {baseline_ms:.2f} ms | |")
print(f"| pandas + numpy: every team's latest file read, then every pair's kappa | {script_ms:.0f} ms | |")
print(f"ratio numpy in memory / Podium: {baseline_ms / result['signal_ms_mean']:.1f}x; "
      f"pandas script / Podium: {script_ms / result['signal_ms_mean']:.0f}x; goal < 5 ms: "
      f"{'✓' if result['signal_ms_mean'] < 5 else '✗'}")

server, base = serve(podium, data, "--workers", "1", "--organiser-token", "org")
try:
    report = api(base, "/api/v1/competitions/fair-cup/rounds/main/integrity", "org")
    kinds = {}
    for case in report["cases"]:
        kinds[case["kind"]] = kinds.get(case["kind"], 0) + 1
    print(f"cases: {kinds}")
    copier_cases = [c for c in report["cases"] if c["kind"] == "shared_predictions"
                    and any(t.startswith("copier") for t in c["teams"])]
    print(f"copiers flagged: {len(copier_cases)} of 5; honest pairs flagged: "
          f"{sum(1 for c in report['cases'] if c['kind'] == 'shared_predictions') - len(copier_cases)}")
    # The review page, logged in as an organiser through the form.
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    page = opener.open(base + "/admin").read().decode()
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    opener.open(base + "/admin/login", data=urllib.parse.urlencode({"csrf": csrf, "token": "org"}).encode()).read()

    def timed(fetch):
        times = []
        for _ in range(30):
            t = time.perf_counter()
            fetch()
            times.append((time.perf_counter() - t) * 1000)
        return statistics.median(times), max(times)

    page_ms = timed(lambda: opener.open(base + "/admin/integrity/fair-cup/main").read())
    api_ms = timed(lambda: api(base, "/api/v1/competitions/fair-cup/rounds/main/integrity", "org"))
    print("| review (30 requests) | median | worst |")
    print("|---|---|---|")
    print(f"| page /admin/integrity/fair-cup/main | {page_ms[0]:.1f} ms | {page_ms[1]:.1f} ms |")
    print(f"| API …/rounds/main/integrity | {api_ms[0]:.1f} ms | {api_ms[1]:.1f} ms |")
    print(f"goal < 100 ms: {'✓' if max(page_ms[0], api_ms[0]) < 100 else '✗'}")

    # The probing attack on each board.
    prober = tokens[len(names) - 1]

    def shown(round_, answers, n):
        id_ = submit(base, prober, round_, write(answers, f"probe-{round_}-{n}"))
        for _ in range(600):
            submission = api(base, f"/api/v1/submissions/{id_}", prober)
            if submission["status"] == "scored":
                return submission["public_score"]
            time.sleep(0.02)
        raise SystemExit("not scored")

    def row(round_):
        board = api(base, f"/api/v1/competitions/fair-cup/rounds/{round_}/leaderboard", "org")
        entry = next(r for r in board["rows"] if r["team"] == "prober")
        return entry["score"], api(base, f"/api/v1/submissions/{entry['submission']}", "org")["private_score"]

    print("| probing attack, 61 submissions | public before → after | Private before → after |")
    print("|---|---|---|")
    for round_ in ["main", "ladder"]:
        attack = np.random.default_rng(2015)
        best = attack.integers(0, 2, rows)
        best_shown = shown(round_, best, "start")
        before = row(round_)
        for attempt in range(60):
            trial = best.copy()
            first = (attempt * 16) % rows
            trial[first:first + 16] = 1 - trial[first:first + 16]
            score = shown(round_, trial, attempt)
            if score > best_shown:
                best, best_shown = trial, score
        after = row(round_)
        label = "standard board" if round_ == "main" else "Ladder (step 0.01)"
        print(f"| {label} | {before[0]:.4f} → {after[0]:.4f} ({after[0] - before[0]:+.4f}) | "
              f"{before[1]:.4f} → {after[1]:.4f} ({after[1] - before[1]:+.4f}) |")
finally:
    server.terminate()
    server.wait()
    if os.environ.get("KEEP"):
        print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
