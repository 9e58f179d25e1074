#!/usr/bin/env python3
"""One run of every benchmark, as one table (what `make bench` prints and bench/RESULTS.md records):
scoring against pandas + scikit-learn, ensembling against pandas + numpy and scikit-learn, the server
against its own hello-world route, each beside what the hardware allows for the same bytes
(bench/limits/limits.c); then the cost of intervals, a 1M-row upload end to end, the growth table (costs at 100, 400 and 1,600 teams) and the scale-out
table (PostgreSQL replicas and workers beside SQLite on one box). Runs bench/score/run.sh, bench/ensemble/run.sh,
the load suite of scripts/torture/run.py, bench/pages/run.py, bench/growth/run.py and bench/scaleout/run.py (under
scripts/with-postgres.sh) on the release binary.   python3 bench/all.py [RUNS]"""
import re, subprocess, sys

runs = sys.argv[1] if len(sys.argv) > 1 else "3"
podium = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], capture_output=True, text=True).stdout.strip() + "/podium"
score = subprocess.run(["bench/score/run.sh", "1000000", runs], capture_output=True, text=True, check=True).stdout
ensemble = subprocess.run(["bench/ensemble/run.sh", runs], capture_output=True, text=True, check=True).stdout
load = subprocess.run(["python3", "scripts/torture/run.py", podium, "load"], capture_output=True, text=True).stdout
pages = subprocess.run(["python3", "bench/pages/run.py", podium], capture_output=True, text=True).stdout
print(score, ensemble, load, pages, sep="\n")


def side(text, name):
    m = re.search(re.escape(name) + r"\s+([\d.]+) s\s+peak RSS\s+(\d+) MB", text)
    return float(m.group(1)), int(m.group(2))


def rate(name):
    m = re.search(re.escape(name) + r"\s+(\d+) req/s\s+p99\s+([\d.]+) ms", load)
    return int(m.group(1)), float(m.group(2))


rows = []
p, b, lim = side(score, "podium score"), side(score, "pandas + sklearn"), side(score, "limit: read, memchr")
rows.append(("score 1M rows, f1_macro", f"{p[0]:.3f} s, {p[1]} MB", "pandas + scikit-learn", f"{b[0]:.3f} s, {b[1]} MB",
             f"{b[0] / p[0]:.1f}x", f"read + memchr lines {lim[0]:.3f} s", f"{p[0] / lim[0]:.1f}x"))
p, b = side(ensemble, "ensemble mean"), side(ensemble, "pandas + numpy")
lim, parse = side(ensemble, "limit: read, memchr"), side(ensemble, "limit: read, strtod")
rows.append(("ensemble mean 10 x 1M x 3", f"{p[0]:.3f} s, {p[1]} MB", "pandas + numpy", f"{b[0]:.3f} s, {b[1]} MB",
             f"{b[0] / p[0]:.1f}x", f"read + memchr {lim[0]:.3f} s; libc strtod {parse[0]:.3f} s",
             f"{p[0] / lim[0]:.1f}x; {p[0] / parse[0]:.2f}x"))
p, b = side(ensemble, "ensemble stack"), side(ensemble, "scikit-learn (1 BLAS thread)")
rows.append(("ensemble stack 100k x 10", f"{p[0]:.3f} s, {p[1]} MB", "scikit-learn, 1 BLAS thread", f"{b[0]:.3f} s, {b[1]} MB",
             f"{b[0] / p[0]:.1f}x", "", ""))
ceiling, board, page = rate("/healthz (ceiling)"), rate("leaderboard JSON"), rate("leaderboard page")
rows.append(("leaderboard JSON (wrk, 32 conn.)", f"{board[0]} req/s, p99 {board[1]} ms", "", "", "",
             f"/healthz {ceiling[0]} req/s", f"{board[0] / ceiling[0]:.2f} of it"))
rows.append(("leaderboard page", f"{page[0]} req/s, p99 {page[1]} ms", "", "", "", f"/healthz {ceiling[0]} req/s",
             f"{page[0] / ceiling[0]:.2f} of it"))
for name in ["leaderboard page, logged in", "competition page", "own submissions (submit page)"]:
    m = re.search(r"\| " + re.escape(name) + r" \| (\d+) \| ([\d.]+) ms \| ([\d.]+) \| (.*?) \|", pages)
    if m:
        rows.append((f"{name} (bench/pages, 20 teams)", f"{m.group(1)} req/s, p99 {m.group(2)} ms", "goal", m.group(4),
                     "", "/healthz of the same server", f"{m.group(3)} of it"))
uploads = re.search(r"p50 (\d+) ms, p99 (\d+) ms", load)
rows.append(("10,000-row uploads at 20/s, upload → scored", f"p50 {uploads.group(1)} ms, p99 {uploads.group(2)} ms",
             "goal", "p99 < 1000 ms", "", "", ""))
print("| benchmark | Podium | against | them | ratio | what the hardware allows | Podium / that |")
print("|---|---|---|---|---|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")

print()
print("Intervals (bench/intervals/run.py: scoring with 1,000 bootstrap resamples a part and without):")
intervals = subprocess.run(["python3", "bench/intervals/run.py", podium, runs], capture_output=True, text=True)
print(intervals.stdout or intervals.stderr)

print()
print("A 1M-row upload, first byte to stored score (bench/upload/run.py), against podium score on the same files:")
uploaded = subprocess.run(["python3", "bench/upload/run.py", podium, runs], capture_output=True, text=True)
print(uploaded.stdout or uploaded.stderr)

print()
print("Growth (bench/growth/run.py: 100, 400 and 1,600 teams, 4 earlier submissions each):")
growth = subprocess.run(["python3", "bench/growth/run.py", podium], capture_output=True, text=True)
print(growth.stdout or growth.stderr)

print()
print("Scale-out (bench/scaleout/run.py on a throw-away PostgreSQL):")
scaleout = subprocess.run(["scripts/with-postgres.sh", "python3", "bench/scaleout/run.py", podium, "10"],
                          capture_output=True, text=True)
print(scaleout.stdout or scaleout.stderr)
