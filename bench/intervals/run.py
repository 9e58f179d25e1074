#!/usr/bin/env python3
"""What intervals cost (issue 15): scoring with 1,000 bootstrap resamples per part against scoring without,
side by side in one run, the median of RUNS runs of each.

1. `podium score --metric f1_macro` on bench/score's 1,000,000-row, 10-class files (generated there when
   missing), with `--intervals 1000` and without.
2. The nine-task Russian SuperGLUE composite (32,670 test rows; RUSSE 18,892 and RuCoS 7,257 are resampled in
   4,096 buckets, the others row by row or, MuSeRC, question by question): JOBS uploads of the example zip,
   rescored by `podium rescore` (each job read, validated and scored), per job, in the competition's round
   with `intervals: none` and with the default `intervals: bootstrap`.

    python3 bench/intervals/run.py PODIUM_BINARY [RUNS] [JOBS]"""
import json, os, re, shutil, statistics, subprocess, sys, tempfile, time, urllib.request

podium = os.path.abspath(sys.argv[1])
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
sys.path.insert(0, os.path.join(root, "bench"))
from loopback import multipart, score_data, serve, timed  # noqa: E402

data = score_data()


score = [podium, "score", "--solution", f"{data}/solution.csv", "--metric", "f1_macro", "--json",
         f"{data}/submission.csv"]
times = {"without": [], "with": []}
for _ in range(runs):
    times["without"].append(timed(score)[0])
    seconds, out = timed(score + ["--intervals", "1000"])
    times["with"].append(seconds)
result = json.loads(out)
plain, resampled = statistics.median(times["without"]), statistics.median(times["with"])
print(f"podium score, 1,000,000 rows, 10 classes, f1_macro, Public + Private (median of {runs}):")
print(f"  without intervals   {plain:6.3f} s")
print(f"  1,000 resamples     {resampled:6.3f} s   (+{resampled - plain:.3f} s, {resampled / plain:.2f}x)")
print(f"  public {result['public']:.6f}, 95% interval [{result['public_interval'][0]:.6f}, "
      f"{result['public_interval'][1]:.6f}]")


def composite(intervals):
    """Seconds per job of rescoring JOBS Russian SuperGLUE uploads, median of RUNS rescores."""
    work = tempfile.mkdtemp(prefix="podium-intervals-")
    try:
        folder = f"{work}/russian-superglue"
        shutil.copytree("competitions/russian-superglue", folder)
        yaml = open(f"{folder}/competition.yaml").read()
        yaml = yaml.replace("submissions: { per_day: 3 }", f"submissions: {{ per_day: 1000 }}\n    intervals: {intervals}")
        open(f"{folder}/competition.yaml", "w").write(yaml)
        run = lambda *args: subprocess.run([podium, *args, "--data", f"{work}/data"], capture_output=True, text=True,
                                           check=True).stdout
        run("competition", "load", folder)
        run("round", "open", "russian-superglue", "leaderboard")
        token = json.loads(run("team", "add", "russian-superglue", "bench", "--json"))["token"]
        server, base = serve(podium, f"{work}/data", "--workers", "0")
        body, kind = multipart("competitions/russian-superglue/examples/majority.zip", "submission.zip",
                               "application/zip")
        for _ in range(jobs):
            request = urllib.request.Request(
                f"{base}/api/v1/competitions/russian-superglue/rounds/leaderboard/submissions", data=body,
                method="POST", headers={"Content-Type": kind, "Authorization": f"Bearer {token}"})
            urllib.request.urlopen(request, timeout=60).read()
        server.terminate()
        server.wait()
        run("work", "--once")
        return statistics.median(timed([podium, "rescore", "russian-superglue", "--data", f"{work}/data"])[0] / jobs
                                 for _ in range(runs))
    finally:
        shutil.rmtree(work, ignore_errors=True)


none, bootstrap = composite("none"), composite("bootstrap")
print(f"Russian SuperGLUE, nine tasks, 32,670 test rows, per job of {jobs} rescored (median of {runs}):")
print(f"  intervals: none        {none * 1000:7.1f} ms")
print(f"  intervals: bootstrap   {bootstrap * 1000:7.1f} ms   (+{(bootstrap - none) * 1000:.1f} ms, "
      f"{bootstrap / none:.2f}x)")
