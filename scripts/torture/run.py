#!/usr/bin/env python3
"""Podium under the conditions of a hackathon's last night, against the real `podium` binary on
loopback only, every loop bounded in count and time. Standard library only (plus Debian's wrk).

    python3 scripts/torture/run.py PODIUM_BINARY [crash] [concurrency] [load]

crash        `podium serve --workers 4`; 10 teams upload 200 valid files while the server is killed with
             SIGKILL 5 times at random moments and restarted. Then: every accepted submission has exactly one
             score, every quota counter equals the accepted count, and a local webhook receiver got every
             submission.scored event (duplicates are counted and reported). A `podium backup` taken mid-load is
             whole and restores consistent: quotas, queue and the kept board agree, before and after its queue
             is scored.
concurrency  50 parallel uploads from one team with 5 slots left → exactly 5 × 202 and 45 × 429; 20 teams
             at once → none affected by another; two `podium work` processes beside the server's workers →
             no job scored twice.
load         wrk against the leaderboard JSON, the leaderboard page and /healthz (the ceiling) — the JSON
             should reach half the ceiling — and 10,000-row uploads at 20 per second: p99 upload-to-scored < 1 s.
code         a code job (a program in the sandbox that takes ~14 s over its 9 measured runs) whose `podium work
             --code` process is killed with SIGKILL mid-run: no process of the run is left, and a second worker
             takes the job after its lease and scores it (2 attempts, one score).
topology     (PostgreSQL, not in the default set: run under scripts/with-postgres.sh, which exports
             PODIUM_DATABASE_URL) two `podium serve --workers 0` replicas and two `podium work` processes,
             each with its own --data; 10 teams upload through both replicas while a replica and a worker are
             killed with SIGKILL 5 times and restarted: every accepted submission scored exactly once, quotas
             exact, every event delivered once by id although both replicas run a notifier; 50 concurrent
             uploads for 5 slots over both replicas → exactly 5 × 202; a login on one replica is valid on the other.

Prints each check and a closing "N passed, N failed" line; exits 1 on any failure.
"""
import json, os, random, re, shutil, signal, socket, sqlite3, statistics, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

podium = os.path.abspath(sys.argv[1])
suites = sys.argv[2:] or ["crash", "concurrency", "load", "code"]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
results = {"passed": 0, "failed": 0}
examples = "competitions/nti-digits/examples"


def check(name, condition, detail=""):
    results["passed" if condition else "failed"] += 1
    print(f"{'ok  ' if condition else 'FAIL'} {name}{'' if condition else '  ' + str(detail)}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(data, *args):
    return subprocess.run([podium, *args, "--data", data], capture_output=True, text=True, check=True).stdout


class Server:
    """`podium serve` on a free loopback port, restartable."""

    def __init__(self, data, workers=4, extra=(), environment=None):
        self.data, self.port, self.workers, self.extra = data, free_port(), workers, list(extra)
        self.environment = {**os.environ, **(environment or {})}
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(
            [podium, "serve", "--data", self.data, "--port", str(self.port), "--workers", str(self.workers),
             "--organiser-token", "org", "--competitions", "/nonexistent", *self.extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.environment)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1).read()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)


def multipart(path):
    boundary = "torture" + str(random.getrandbits(64))
    content = open(path, "rb").read()
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{os.path.basename(path)}\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def upload(base, slug, round_, token, path, timeout=30):
    """(status, json) of one upload; status 0 when no answer came."""
    body, content_type = multipart(path)
    request = urllib.request.Request(f"{base}/api/v1/competitions/{slug}/rounds/{round_}/submissions", data=body, method="POST",
                                     headers={"Content-Type": content_type, "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
    except OSError:
        return 0, {}


def get(base, path, token=None):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def database(data):
    connection = sqlite3.connect(f"file:{data}/podium.sqlite?mode=ro", uri=True, timeout=30)
    return connection


def slow_competition(seconds):
    """nti-digits scored by a scorer program that sleeps `seconds` first (scripts/slow-scoring): (folder, the
    --scorers arguments every process needs)."""
    into = tempfile.mkdtemp(prefix="podium-slow-")
    folder, scorers = subprocess.run(["python3", "scripts/slow-scoring/make_slow_competition.py", str(seconds), into],
                                     capture_output=True, text=True, check=True).stdout.split()
    return folder, ["--scorers", scorers]


def prepare(slug_folder="competitions/nti-digits", teams=10, scorers=()):
    data = tempfile.mkdtemp(prefix="podium-torture-")
    cli(data, "competition", "load", slug_folder, "--opens-in", "3", *scorers)  # dated rounds moved onto today
    slug = os.path.basename(slug_folder.rstrip("/"))
    tokens = [json.loads(cli(data, "team", "add", slug, f"team{i:02d}", "--json"))["token"] for i in range(teams)]
    return data, slug, tokens


class Receiver:
    """A webhook receiver recording every delivery and processing each event id once."""

    def __init__(self):
        self.ids = []
        self.seen = set()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                outer.ids.append((body.get("id"), body.get("type")))
                outer.seen.add((self.headers.get("X-Podium-Event-Id"), body.get("type")))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def processed(self, type_):
        """Event ids processed once each, as a receiver honouring X-Podium-Event-Id does."""
        return [int(i) for i, t in self.seen if t == type_ and i is not None]


def wait_scored(data, expected, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        with database(data) as db:
            done = db.execute("SELECT COUNT(*) FROM submission WHERE status IN ('scored', 'failed')").fetchone()[0]
        if done >= expected:
            return True
        time.sleep(0.2)
    return False


def crash():
    print("== crash: 10 teams, 200 uploads, 5 SIGKILLs during scoring")
    folder, scorers = slow_competition(0.04)  # each job takes 40 ms more, so kills land mid-job
    data, slug, tokens = prepare(folder, scorers=scorers)
    cli(data, "round", "open", slug, "practice")
    receiver = Receiver()
    server = Server(data, workers=4,
                    extra=["--lease", "2", "--rate-limit", "500", "--notify", f"webhook={receiver.url}", *scorers])
    server.start()
    time.sleep(1.5)  # the notifier's first pass sets its cursor
    files = [f"{examples}/{m}/practice.csv" for m in ("logreg", "forest", "knn", "naive_bayes", "boosting")]
    refused = []

    def team(index):
        sent = 0
        while sent < 20:
            status, body = upload(server.base, slug, "practice", tokens[index], files[(index + sent) % 5])
            if status == 202:
                sent += 1
            elif status == 0:
                time.sleep(0.2)  # the server is down: try again
            elif status == 429 and body.get("error", {}).get("code") == "quota_exceeded":
                return  # an accepted upload's answer was lost in a kill and the retry filled the quota
            else:
                refused.append((status, body))
                return

    threads = [threading.Thread(target=team, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    # Kills further apart than the 2 s lease (plus a restart): the jobs a kill orphans are taken again when their
    # lease runs out and are scored before the next kill. Closer kills resonated with the lease: the same orphans
    # were in flight at the next kill too, and a job whose worker stops 3 times is given up by design (a job that
    # crashes every worker must not stop the queue), about one run in four.
    backup = data + "-backup"
    time.sleep(0.5)
    cli(data, "backup", "-o", backup)  # taken while uploads and scoring go on
    for _ in range(5):
        time.sleep(random.uniform(2.5, 3.5))
        server.kill()
        time.sleep(0.3)
        server.start()
    for thread in threads:
        thread.join(timeout=300)
    with database(data) as db:
        accepted = db.execute("SELECT COUNT(*) FROM submission").fetchone()[0]
        counts = [row[0] for row in db.execute("SELECT COUNT(*) FROM submission GROUP BY teamId")]
    check("every team got its 20 uploads in despite the kills", not refused and counts == [20] * 10, (refused[:3], counts))
    check("every accepted submission is scored", wait_scored(data, accepted), accepted)
    time.sleep(4)  # the notifier delivers the backlog
    server.stop()
    with database(data) as db:
        statuses = dict(db.execute("SELECT status, COUNT(*) FROM submission GROUP BY status").fetchall())
        scored_events = db.execute("SELECT COUNT(*), COUNT(DISTINCT json_extract(payload, '$.submission')) FROM event WHERE type = 'submission.scored'").fetchone()
        charged = dict(db.execute("SELECT teamId, SUM(charged) FROM submission GROUP BY teamId").fetchall())
        per_team = dict(db.execute("SELECT teamId, COUNT(*) FROM submission GROUP BY teamId").fetchall())
        event_ids = {row[0] for row in db.execute("SELECT id FROM event WHERE type = 'submission.scored'")}
        done = db.execute("SELECT COUNT(*) FROM scoringJob WHERE state = 'done'").fetchone()[0]
    check("exactly one score per submission", statuses == {"scored": accepted} and scored_events == (accepted, accepted) and done == accepted,
          (statuses, scored_events, done))
    check("every quota counter equals the team's accepted count", charged == per_team, (charged, per_team))
    received = [i for i, t in receiver.ids if t == "submission.scored"]
    processed = receiver.processed("submission.scored")
    check("the webhook receiver processed every submission.scored event exactly once (by X-Podium-Event-Id)",
          sorted(processed) == sorted(event_ids), (len(processed), len(event_ids)))
    print(f"   raw deliveries {len(received)} for {len(event_ids)} events: {len(received) - len(set(received))} repeated after a kill "
          "fell between a receiver's 200 and its record")
    restored_backup(backup, folder, slug, scorers)
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(backup, ignore_errors=True)


def restored_backup(backup, folder, slug, scorers):
    """A backup taken mid-load restores to a consistent state: whole, quotas equal to what was accepted, one job per
    submission in the state its submission says, the kept public board equal to one rebuilt from the submissions;
    and its queue, scored by `podium work`, leaves every submission scored with the boards still agreeing."""
    verified = subprocess.run([podium, "verify", backup], capture_output=True, text=True)
    check("the backup taken under load is whole (podium verify)", verified.returncode == 0, verified.stderr)

    def agree():
        with database(backup) as db:
            charged = dict(db.execute("SELECT teamId, SUM(charged) FROM submission GROUP BY teamId").fetchall())
            per_team = dict(db.execute("SELECT teamId, COUNT(*) FROM submission GROUP BY teamId").fetchall())
            mismatched = db.execute(
                "SELECT COUNT(*) FROM submission s LEFT JOIN scoringJob j ON j.submissionId = s.id WHERE j.submissionId IS NULL "
                "OR (j.state = 'done') <> (s.status IN ('scored', 'failed'))").fetchone()[0]
        kept = cli(backup, "standings", slug, "--round", "practice", "--json", *scorers)
        cli(backup, "competition", "load", folder, *scorers)  # a load rebuilds the kept board from the submissions
        rebuilt = cli(backup, "standings", slug, "--round", "practice", "--json", *scorers)
        return charged == per_team, mismatched == 0, json.loads(kept)["rows"] == json.loads(rebuilt)["rows"], len(per_team)

    with database(backup) as db:
        held, unscored = db.execute(
            "SELECT COUNT(*), SUM(status NOT IN ('scored', 'failed')) FROM submission").fetchone()
    print(f"   the backup holds {held} of the 200 submissions, {unscored} of them not scored yet")
    quotas, queue, boards, teams = agree()
    check("the restored backup: quotas, queue and the kept board agree with its submissions",
          quotas and queue and boards and teams == 10, (quotas, queue, boards, teams))
    subprocess.run([podium, "work", "--once", "--data", backup, *scorers], capture_output=True, check=True)
    with database(backup) as db:
        waiting = db.execute("SELECT COUNT(*) FROM submission WHERE status NOT IN ('scored', 'failed')").fetchone()[0]
    quotas, queue, boards, _ = agree()
    check("the restored backup's queue scored by podium work: nothing left, everything still agrees",
          waiting == 0 and quotas and queue and boards, (waiting, quotas, queue, boards))


def concurrency():
    print("== concurrency")
    folder, scorers = slow_competition(0.02)  # 20 ms a job: the server's workers and two processes share the queue
    data, slug, tokens = prepare(folder, teams=20, scorers=scorers)
    cli(data, "round", "open", slug, "qualifying")
    server = Server(data, workers=2, extra=["--rate-limit", "1000", *scorers])
    server.start()
    file = f"{examples}/knn/qualifying.csv"
    statuses = []
    barrier = threading.Barrier(50)

    def one():
        barrier.wait()
        statuses.append(upload(server.base, slug, "qualifying", tokens[0], file)[0])

    threads = [threading.Thread(target=one) for _ in range(50)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    check("50 parallel uploads with 5 slots: exactly 5 x 202 and 45 x 429",
          statuses.count(202) == 5 and statuses.count(429) == 45, {s: statuses.count(s) for s in set(statuses)})
    statuses = []
    barrier = threading.Barrier(19)

    def team(index):
        barrier.wait()
        statuses.append(upload(server.base, slug, "qualifying", tokens[index], file)[0])

    threads = [threading.Thread(target=team, args=(i,)) for i in range(1, 20)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    check("19 more teams at once: every one accepted", statuses == [202] * 19, statuses)
    workers = [subprocess.Popen([podium, "work", "--once", "--data", data, *scorers], stdout=subprocess.DEVNULL)
               for _ in range(2)]
    [w.wait(timeout=120) for w in workers]
    check("all scored with two podium work processes beside the server's workers", wait_scored(data, 24))
    server.stop()
    with database(data) as db:
        events = db.execute("SELECT COUNT(*), COUNT(DISTINCT json_extract(payload, '$.submission')) FROM event WHERE type = 'submission.scored'").fetchone()
        claims = db.execute("SELECT SUM(attempts) FROM scoringJob").fetchone()[0]
    check("no job scored twice", events == (24, 24) and claims == 24, (events, claims))
    shutil.rmtree(data, ignore_errors=True)


def make_big_competition(rows=10_000):
    """A one-task competition with a 10,000-row test set and a matching submission."""
    folder = tempfile.mkdtemp(prefix="bigcomp-") + "/big"
    os.makedirs(f"{folder}/hidden")
    rng = random.Random(1)
    labels = [str(rng.randrange(10)) for _ in range(rows)]
    with open(f"{folder}/hidden/test.csv", "w") as f:
        f.write("id,label,Usage\n" + "".join(f"r{i:05d},{l},{'Public' if i % 3 else 'Private'}\n" for i, l in enumerate(labels)))
    with open(f"{folder}/submission.csv", "w") as f:
        f.write("id,label\n" + "".join(f"r{i:05d},{l if rng.random() < 0.8 else rng.randrange(10)}\n" for i, l in enumerate(labels)))
    with open(f"{folder}/competition.yaml", "w") as f:
        f.write("title: Load\ntasks:\n  - { id: big, metric: accuracy, solution: hidden/test.csv }\nrounds:\n  - { id: main }\n")
    return folder


def wrk(url, seconds=5):
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", url], capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return rate, p99_ms


def load():
    print("== load")
    folder = make_big_competition()
    data = tempfile.mkdtemp(prefix="podium-load-")
    cli(data, "competition", "load", folder)
    token = json.loads(cli(data, "team", "add", "big", "loader", "--json"))["token"]
    cli(data, "round", "open", "big", "main")
    server = Server(data, workers=2, extra=["--rate-limit", "100000"])
    server.start()
    for i in range(3):  # a board with a few rows
        upload(server.base, "big", "main", token, f"{folder}/submission.csv")
    wait_scored(data, 3)
    if shutil.which("wrk"):
        ceiling = wrk(server.base + "/healthz")
        board = wrk(server.base + "/api/v1/competitions/big/rounds/main/leaderboard")
        page = wrk(server.base + "/c/big/main/leaderboard")
        print(f"   /healthz (ceiling)     {ceiling[0]:9.0f} req/s  p99 {ceiling[1]:7.2f} ms")
        print(f"   leaderboard JSON       {board[0]:9.0f} req/s  p99 {board[1]:7.2f} ms")
        print(f"   leaderboard page       {page[0]:9.0f} req/s  p99 {page[1]:7.2f} ms")
        check("the leaderboard JSON reaches half the hello-world ceiling", board[0] >= 0.5 * ceiling[0], f"{board[0]:.0f} vs {ceiling[0]:.0f}")
    else:
        check("wrk is installed", False, "apt-get install wrk")
    latencies, lock = [], threading.Lock()

    def one():
        started = time.time()
        status, body = upload(server.base, "big", "main", token, f"{folder}/submission.csv")
        if status != 202:
            with lock:
                latencies.append(float("inf"))
            return
        while time.time() - started < 10:
            state = get(server.base, f"/api/v1/submissions/{body['id']}", token)
            if state["status"] in ("scored", "failed"):
                with lock:
                    latencies.append(time.time() - started)
                return
            time.sleep(0.02)
        with lock:
            latencies.append(float("inf"))

    threads = []
    for _ in range(200):  # 20 per second for 10 seconds
        thread = threading.Thread(target=one)
        thread.start()
        threads.append(thread)
        time.sleep(0.05)
    [t.join() for t in threads]
    latencies.sort()
    p50, p99 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99) - 1]
    print(f"   uploads (10,000 rows, 20/s): {len(latencies)} done, p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms")
    check("upload-to-scored p99 under 1 s at 20 uploads per second", p99 < 1.0, f"p99 {p99:.3f} s")
    server.stop()
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(os.path.dirname(folder), ignore_errors=True)


def code():
    print("== code: a worker killed in the middle of a program's run")
    import stat, zipfile
    data, slug, tokens = prepare(teams=1)
    cli(data, "round", "open", slug, "efficiency")
    marker = f"1.{random.randrange(10**6):06d}"  # the program's sleep, findable among the machine's processes
    archive = os.path.join(data, "slow.zip")
    with zipfile.ZipFile(archive, "w") as z:
        for name, text, mode in [
            ("run", f"#!/bin/sh\nsleep {marker}\nexec ./predict \"$@\"\n", 0o755),
            ("predict", open(f"{examples}/code/nearest-centroid/run").read(), 0o755),
            ("centroids.json", open(f"{examples}/code/nearest-centroid/centroids.json").read(), 0o644),
        ]:
            info = zipfile.ZipInfo(name)
            info.create_system, info.external_attr = 3, (stat.S_IFREG | mode) << 16
            z.writestr(info, text)

    def running():
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                if marker.encode() in open(f"/proc/{pid}/cmdline", "rb").read():
                    found.append(int(pid))
            except OSError:
                pass
        return found

    def worker():
        return subprocess.Popen([podium, "work", "--code", "--lease", "2", "--data", data],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    first = worker()
    server = Server(data, workers=0, extra=["--code-workers", "0"])
    server.start()
    status, body = upload(server.base, slug, "efficiency", tokens[0], archive)
    check("the archive is accepted", status == 202, (status, body))
    deadline = time.time() + 30
    while time.time() < deadline and not running():
        time.sleep(0.05)
    check("the program runs in the sandbox", bool(running()))
    time.sleep(1)
    first.send_signal(signal.SIGKILL)
    first.wait()
    time.sleep(1)
    check("no process of the run survives its worker's SIGKILL", not running(), running())
    second = worker()
    scored = wait_scored(data, 1, seconds=120)
    second.send_signal(signal.SIGTERM)
    second.wait(timeout=30)
    server.stop()
    with database(data) as db:
        row = db.execute("SELECT s.status, j.attempts, s.charged FROM submission s JOIN scoringJob j ON j.submissionId = s.id").fetchone()
    check("the job was taken again after its lease and scored once", scored and row[0] == "scored" and row[1] == 2, row)
    shutil.rmtree(data, ignore_errors=True)


def topology():
    import topology as suite  # scripts/torture/topology.py, handed this module's helpers
    suite.run(sys.modules[__name__])


for suite in suites:
    {"crash": crash, "concurrency": concurrency, "load": load, "code": code, "topology": topology}[suite]()
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
