#!/usr/bin/env python3
"""The pages a participant refreshes, against the same server's /healthz (the ceiling), with wrk (2 threads,
32 connections, 5 s each): nti-digits with 20 teams on the practice board, 2 scored submissions each, served by the
release binary with SQLite. Pages are fetched anonymously and with a team's session cookie (from the login form).
Goals (issue 16): a leaderboard page at least half the ceiling, the other pages at least a tenth.

    python3 bench/pages/run.py PODIUM_BINARY [SECONDS]"""
import json, os, shutil, signal, subprocess, sys, tempfile, urllib.request

podium = os.path.abspath(sys.argv[1])
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
sys.path.insert(0, os.path.join(root, "bench"))
from loopback import login, serve, upload, wrk  # noqa: E402

data = tempfile.mkdtemp(prefix="podium-pages-")
run = lambda *args: subprocess.run([podium, *args, "--data", data], capture_output=True, text=True, check=True)
run("competition", "load", "competitions/nti-digits", "--opens-in", "3")
run("round", "open", "nti-digits", "practice")
server, base = serve(podium, data, "--workers", "0", "--organiser-token", "org")
try:
    tokens = []
    for index in range(20):
        request = urllib.request.Request(f"{base}/api/v1/competitions/nti-digits/teams",
                                         data=json.dumps({"name": f"team {index:02d}"}).encode(), method="POST",
                                         headers={"Content-Type": "application/json", "Authorization": "Bearer org"})
        tokens.append(json.loads(urllib.request.urlopen(request, timeout=10).read())["token"])
    for token in tokens * 2:
        status, _ = upload(base, token)
        assert status == 202, status
    subprocess.run([podium, "work", "--once", "--workers", "2", "--data", data], capture_output=True, check=True)
    cookie = login(int(base.rsplit(":", 1)[1]), tokens[-1])
    pages = [
        ("/healthz (ceiling)", "/healthz", None, None),
        ("leaderboard page", "/c/nti-digits/practice/leaderboard", None, 0.5),
        ("leaderboard page, logged in", "/c/nti-digits/practice/leaderboard", cookie, 0.5),
        ("competition page", "/c/nti-digits", None, 0.1),
        ("competition page, logged in", "/c/nti-digits", cookie, 0.1),
        ("own submissions (submit page)", "/c/nti-digits/practice/submit", cookie, 0.1),
        ("/c/…/my (to the open round)", "/c/nti-digits/my", cookie, 0.1),
    ]
    results = {name: wrk(base + path, cookie, seconds) for name, path, cookie, _ in pages}
    ceiling = max(results["/healthz (ceiling)"][0], wrk(base + "/healthz", None, seconds)[0])
    print("| page (wrk 2×32) | req/s | p99 | of /healthz | goal |")
    print("|---|---|---|---|---|")
    for name, _, _, goal in pages:
        rate, p99 = results[name]
        verdict = "" if goal is None else f"≥ {goal} {'✓' if rate / ceiling >= goal else '✗'}"
        print(f"| {name} | {rate:.0f} | {p99:.1f} ms | {rate / ceiling:.2f} | {verdict} |")
finally:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    shutil.rmtree(data, ignore_errors=True)
