"""The `topology` suite of scripts/torture/run.py: Podium on the topology of an event that outgrew one box —
two web replicas and two scoring workers on PostgreSQL, each process with its own --data folder — while a
replica and a worker are killed with SIGKILL and restarted. Needs PODIUM_DATABASE_URL (scripts/with-postgres.sh)."""
import json, os, random, shutil, signal, subprocess, tempfile, threading, time, urllib.parse, urllib.request


def psql(sql):
    """Rows of `sql` on the event's database, as lists of strings."""
    out = subprocess.run(["psql", os.environ["PODIUM_DATABASE_URL"], "-At", "-F", "\t", "-c", sql],
                         capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


class Worker:
    """A `podium work` process with its own data folder, restartable."""

    def __init__(self, h, environment, extra=()):
        self.h, self.environment, self.extra = h, {**os.environ, **environment}, list(extra)
        self.data = tempfile.mkdtemp(prefix="podium-topology-")
        self.process = None

    def start(self):
        self.process = subprocess.Popen([self.h.podium, "work", "--workers", "2", "--lease", "2", "--data", self.data,
                                         *self.extra],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.environment)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def login_cookie(base, token):
    """Logs a team in through the pages of replica `base`; returns its session cookie."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    page = opener.open(f"{base}/login?c=nti-digits", timeout=10).read().decode()
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    body = urllib.parse.urlencode({"csrf": csrf, "c": "nti-digits", "token": token}).encode()
    opener.open(urllib.request.Request(f"{base}/login", data=body, method="POST"), timeout=10).read()
    return next(c for c in opener.handlers if isinstance(c, urllib.request.HTTPCookieProcessor)).cookiejar


def run(h):
    print("== topology: 2 replicas + 2 workers on PostgreSQL, SIGKILLs of a replica and a worker")
    if "PODIUM_DATABASE_URL" not in os.environ:
        h.check("PODIUM_DATABASE_URL is set (run under scripts/with-postgres.sh)", False)
        return
    environment = {"PODIUM_SESSION_SECRET": "topology-" + os.urandom(16).hex()}
    setup = tempfile.mkdtemp(prefix="podium-topology-setup-")
    cli = lambda *args: subprocess.run([h.podium, *args, "--data", setup], capture_output=True, text=True, check=True,
                                       env={**os.environ, **environment}).stdout
    # About 40 ms a job with the scorer's own start (as the in-process delay it replaces), so kills land mid-job.
    folder, scorers = h.slow_competition(0.01)
    cli("competition", "load", folder, "--opens-in", "3", *scorers)
    tokens = [json.loads(cli("team", "add", "nti-digits", f"team{i:02d}", "--json"))["token"] for i in range(11)]
    cli("round", "open", "nti-digits", "practice")
    cli("round", "open", "nti-digits", "qualifying")
    shutil.rmtree(setup, ignore_errors=True)
    receiver = h.Receiver()
    # Two replicas (no workers), each with its own data folder and its notifier.
    replicas = [h.Server(tempfile.mkdtemp(prefix="podium-topology-"), workers=0, environment=environment,
                         extra=["--lease", "2", "--rate-limit", "1000", "--notify", f"webhook={receiver.url}", *scorers])
                for _ in range(2)]
    workers = [Worker(h, environment, scorers) for _ in range(2)]
    for process in replicas + workers:
        process.start()
    time.sleep(1.5)  # a notifier's first pass sets its cursor

    # A login made on one replica is valid on the other.
    jar = login_cookie(replicas[0].base, tokens[10])
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    request = urllib.request.Request(f"{replicas[1].base}/c/nti-digits/qualifying/submit", headers={"Cookie": cookie})
    page = urllib.request.urlopen(request, timeout=10).read().decode()
    h.check("a login made on one replica is valid on the other", "Team <strong>team10</strong>" in page)

    # 50 concurrent uploads for 5 slots, over both replicas.
    statuses = []
    barrier = threading.Barrier(50)

    def one(index):
        barrier.wait()
        statuses.append(h.upload(replicas[index % 2].base, "nti-digits", "qualifying", tokens[10],
                                 f"{h.examples}/knn/qualifying.csv")[0])

    threads = [threading.Thread(target=one, args=(i,)) for i in range(50)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    h.check("50 concurrent uploads for 5 slots over both replicas: exactly 5 x 202, 45 x 429",
            statuses.count(202) == 5 and statuses.count(429) == 45, {s: statuses.count(s) for s in set(statuses)})

    # 10 teams upload 20 files each through both replicas while processes are killed.
    files = [f"{h.examples}/{m}/practice.csv" for m in ("logreg", "forest", "knn", "naive_bayes", "boosting")]
    refused = []

    def team(index):
        sent, attempt = 0, 0
        while sent < 20 and attempt < 400:
            attempt += 1
            status, body = h.upload(replicas[(index + attempt) % 2].base, "nti-digits", "practice", tokens[index],
                                    files[(index + sent) % 5])
            if status == 202:
                sent += 1
            elif status == 0:
                time.sleep(0.1)  # that replica is down: the next attempt goes to the other
            elif status == 429 and body.get("error", {}).get("code") == "quota_exceeded":
                return  # an accepted upload's answer was lost in a kill and the retry filled the quota
            else:
                refused.append((status, body))
                return

    threads = [threading.Thread(target=team, args=(i,)) for i in range(10)]
    [t.start() for t in threads]
    for _ in range(5):
        # Further apart than the 2 s lease, so the job a killed worker held is claimed and finished by a live one
        # before the next kill (three kills in a row on one job fail it, by design, and refund its slot).
        time.sleep(random.uniform(2.5, 3.5))
        replica, worker = random.choice(replicas), random.choice(workers)
        replica.kill()
        worker.kill()
        time.sleep(0.3)
        replica.start()
        worker.start()
    [t.join(timeout=300) for t in threads]
    per_team = dict(psql("SELECT t.name, COUNT(*) FROM submission s JOIN team t ON t.id = s.teamId "
                         "WHERE s.round = 'practice' GROUP BY t.name"))
    check_counts = all(int(n) == 20 for n in per_team.values()) and len(per_team) == 10
    h.check("every team got its 20 uploads in through both replicas despite the kills", not refused and check_counts,
            (refused[:3], per_team))
    accepted = int(psql("SELECT COUNT(*) FROM submission")[0][0])
    deadline = time.time() + 180
    while time.time() < deadline:
        done = int(psql("SELECT COUNT(*) FROM submission WHERE status IN ('scored', 'failed')")[0][0])
        if done >= accepted:
            break
        time.sleep(0.5)
    time.sleep(4)  # the notifier delivers the backlog
    statuses = dict(psql("SELECT status, COUNT(*) FROM submission GROUP BY status"))
    events = psql("SELECT COUNT(*), COUNT(DISTINCT payload::json->>'submission') FROM event WHERE type = 'submission.scored'")[0]
    jobs_done = int(psql("SELECT COUNT(*) FROM scoringJob WHERE state = 'done'")[0][0])
    h.check("every accepted submission scored exactly once",
            statuses == {"scored": str(accepted)} and events == [str(accepted), str(accepted)] and jobs_done == accepted,
            (accepted, statuses, events, jobs_done,
             psql("SELECT s.id, j.attempts, s.errorDetail FROM submission s JOIN scoringJob j ON j.submissionId = s.id "
                  "WHERE s.status <> 'scored'")))
    charged = psql("SELECT teamId, SUM(charged::int), COUNT(*) FROM submission GROUP BY teamId")
    h.check("every quota counter equals the team's accepted count", all(row[1] == row[2] for row in charged), charged)
    event_ids = {int(row[0]) for row in psql("SELECT id FROM event WHERE type = 'submission.scored'")}
    processed = set(receiver.processed("submission.scored"))
    raw = [i for i, t in receiver.ids if t == "submission.scored"]
    h.check("every submission.scored event reached the webhook (once by X-Podium-Event-Id) with two replicas notifying",
            processed == event_ids, (len(processed), len(event_ids)))
    # An organiser closes the round through one replica: both replicas run a notifier, the chat hears it once.
    request = urllib.request.Request(f"{replicas[1].base}/api/v1/competitions/nti-digits/rounds/practice/close",
                                     method="POST", headers={"Authorization": "Bearer org"})
    urllib.request.urlopen(request, timeout=10).read()
    time.sleep(3)
    closed = [i for i, t in receiver.ids if t == "round.closed"]
    h.check("a round.closed reaches the webhook once although two replicas run a notifier", len(closed) == 1, closed)
    print(f"   {accepted} accepted; raw deliveries {len(raw)} for {len(event_ids)} events "
          f"({len(raw) - len(set(raw))} repeated after a kill fell between the receiver's 200 and its record)")
    for process in replicas + workers:
        process.stop()
    for replica in replicas:
        shutil.rmtree(replica.data, ignore_errors=True)
    for worker in workers:
        shutil.rmtree(worker.data, ignore_errors=True)
