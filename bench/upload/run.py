#!/usr/bin/env python3
"""A 1,000,000-row upload through the API, from the first byte sent to the score stored (issue 16), side by
side with `podium score` on the same two files and with what the hardware allows (mapping both files and
counting their lines, bench/limits/limits.c): the median of RUNS runs of each.

The server runs one scoring worker in its process and has scored one upload before the timed ones (its answer
key is loaded, as during an event); the client sends bench/score's submission (19 MB) as a
multipart upload to a one-task competition whose solution is bench/score's, then polls the submission until
it is scored. The round has `intervals: none`, as `podium score` computes none.

    python3 bench/upload/run.py PODIUM_BINARY [RUNS]"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time, urllib.request

podium = os.path.abspath(sys.argv[1])
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
sys.path.insert(0, os.path.join(root, "bench"))
from loopback import multipart, score_data, serve, timed  # noqa: E402

data = score_data()
subprocess.run(["cc", "-O2", "-o", "bench/data/limits", "bench/limits/limits.c"], check=True)
work = tempfile.mkdtemp(prefix="podium-upload-")
folder = f"{work}/big"
os.makedirs(f"{folder}/hidden")
shutil.copy(f"{data}/solution.csv", f"{folder}/hidden/solution.csv")
open(f"{folder}/competition.yaml", "w").write(
    "title: Upload benchmark\n"
    "tasks:\n  - { id: labels, metric: f1_macro, id_column: id, target: label, solution: hidden/solution.csv }\n"
    "score: mean\n"
    "rounds:\n  - id: main\n    submissions: { per_day: 1000 }\n    intervals: none\n")
run = lambda *args: subprocess.run([podium, *args, "--data", f"{work}/data"], capture_output=True, text=True,
                                   check=True).stdout
run("competition", "load", folder)
run("round", "open", "big", "main")
token = json.loads(run("team", "add", "big", "bench", "--json"))["token"]
server, base = serve(podium, f"{work}/data", "--workers", "1")

body, kind = multipart(f"{data}/submission.csv", "submission.csv")
headers = {"Content-Type": kind, "Authorization": f"Bearer {token}"}


def upload():
    started = time.perf_counter()
    request = urllib.request.Request(f"{base}/api/v1/competitions/big/rounds/main/submissions", data=body,
                                     method="POST", headers=headers)
    submission = json.loads(urllib.request.urlopen(request, timeout=120).read())["id"]
    while True:
        status = json.loads(urllib.request.urlopen(
            urllib.request.Request(f"{base}/api/v1/submissions/{submission}", headers=headers),
            timeout=60).read())
        if status["status"] in ("scored", "failed"):
            assert status["status"] == "scored", status
            return time.perf_counter() - started, status["public_score"]
        time.sleep(0.005)


try:
    upload()  # the server loads the answer key once, as a running event's server has
    times = {"upload → scored": [], "podium score": [], "limit: read, memchr": []}
    for _ in range(runs):
        seconds, uploaded = upload()
        times["upload → scored"].append(seconds)
        seconds, out = timed([podium, "score", "--solution", f"{data}/solution.csv", "--metric", "f1_macro", "--json",
                              f"{data}/submission.csv"])
        times["podium score"].append(seconds)
        times["limit: read, memchr"].append(
            timed(["bench/data/limits", "lines", f"{data}/solution.csv", f"{data}/submission.csv"])[0])
    assert abs(json.loads(out)["public"] - uploaded) < 1e-12, (out, uploaded)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"1,000,000-row upload, 19 MB, f1_macro (median of {runs}):")
    for name, seconds in median.items():
        print(f"  {name:22s} {seconds:6.3f} s")
    print(f"  ratio upload / podium score: {median['upload → scored'] / median['podium score']:.2f}x")
    print(f"  ratio upload / limit: {median['upload → scored'] / median['limit: read, memchr']:.1f}x")
finally:
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)
