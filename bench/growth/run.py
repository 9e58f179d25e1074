#!/usr/bin/env python3
"""Costs as an event grows (issue 17): per-job scoring cost and board-page throughput with 400, 1,600 and
6,400 earlier submissions (100, 400 and 1,600 teams × 4), on one box (SQLite), with the slope printed.
The fixture is built through the real accept path, over the API with 16 clients at once.

    python3 bench/growth/run.py PODIUM_BINARY [TEAMS...]      (default 100 400 1600)

Per-job cost: 200 more uploads (from the same teams) scored by `podium work --once --workers 2`, wall time
divided by 200; the best of three such batches (the machine is noisy). Board page: wrk (2 threads, 32 connections, 5 s) on the practice leaderboard page and on
/healthz of the same server (the ceiling), anonymous and logged in as a team (its header and own-row notice
are made per request); p99 latency from wrk's distribution."""
import json, os, shutil, signal, subprocess, sys, tempfile, threading, time, urllib.request

podium = os.path.abspath(sys.argv[1])
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
sys.path.insert(0, os.path.join(root, "bench"))
from loopback import login, serve, upload, wrk  # noqa: E402


def measure(teams):
    data = tempfile.mkdtemp(prefix="podium-growth-")
    run = lambda *args: subprocess.run([podium, *args, "--data", data], capture_output=True, text=True, check=True)
    run("competition", "load", "competitions/nti-digits", "--opens-in", "3")
    run("round", "open", "nti-digits", "practice")
    server, base = serve(podium, data, "--workers", "0", "--organiser-token", "org")
    port = int(base.rsplit(":", 1)[1])
    tokens = []
    for index in range(teams):
        request = urllib.request.Request(f"{base}/api/v1/competitions/nti-digits/teams",
                                         data=json.dumps({"name": f"t{index:05d}"}).encode(), method="POST",
                                         headers={"Content-Type": "application/json", "Authorization": "Bearer org"})
        tokens.append(json.loads(urllib.request.urlopen(request, timeout=10).read())["token"])

    def send(jobs):
        refused = []

        def client(offset):
            for n in range(offset, len(jobs), 16):
                status, _ = upload(base, jobs[n])
                if status != 202:
                    refused.append(status)
        threads = [threading.Thread(target=client, args=(i,)) for i in range(16)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        if refused:
            sys.exit(f"{len(refused)} of {len(jobs)} uploads were refused (HTTP {sorted(set(refused))})")

    send([token for token in tokens for _ in range(4)])  # the history: 4 scored submissions per team
    subprocess.run([podium, "work", "--once", "--workers", "2", "--data", data], capture_output=True, check=True)
    per_job = float("inf")
    for batch in range(3):  # the best of three batches of 200 new jobs
        send((tokens * (200 // teams + 1))[batch * 200 % teams:][:200])
        start = time.perf_counter()
        subprocess.run([podium, "work", "--once", "--workers", "2", "--data", data], capture_output=True, check=True)
        per_job = min(per_job, (time.perf_counter() - start) / 200 * 1000)
    page = wrk(f"{base}/c/nti-digits/practice/leaderboard")
    own = wrk(f"{base}/c/nti-digits/practice/leaderboard", cookie=login(port, tokens[-1]))
    ceiling = wrk(f"{base}/healthz")
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    shutil.rmtree(data, ignore_errors=True)
    return per_job, page, own, ceiling


rows = []
for teams in [int(t) for t in sys.argv[2:]] or [100, 400, 1600]:
    per_job, page, own, ceiling = measure(teams)
    rows.append((teams, teams * 4, per_job, page, own, ceiling))
    print(f"   {teams} teams, {teams * 4} submissions: {per_job:.1f} ms per job; page {page[0]:.0f} req/s "
          f"p99 {page[1]:.1f} ms; logged in {own[0]:.0f} req/s; /healthz {ceiling[0]:.0f} req/s", flush=True)
print("| teams | earlier submissions | scoring cost per job | board page (wrk 2×32) | p99 | page, logged in | p99 "
      "| /healthz | page / ceiling |")
print("|---|---|---|---|---|---|---|---|---|")
for teams, subs, per_job, page, own, ceiling in rows:
    print(f"| {teams} | {subs} | {per_job:.1f} ms | {page[0]:.0f} req/s | {page[1]:.1f} ms | {own[0]:.0f} req/s | "
          f"{own[1]:.1f} ms | {ceiling[0]:.0f} req/s | {page[0] / ceiling[0]:.2f} |")
for (teams, subs, per_job, *_) in rows[1:]:
    print(f"slope of the per-job cost, {rows[0][1]} → {subs} submissions: {per_job / rows[0][2]:.2f}x (goal ≤ 1.3x "
          f"at 1,600)")
