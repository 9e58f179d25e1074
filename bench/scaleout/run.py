#!/usr/bin/env python3
"""Scale-out on PostgreSQL beside SQLite on one box: accepted uploads per second through 1 and 2 web
replicas, jobs scored per second with 1, 2 and 4 `podium work` processes, and upload-to-scored latency.
Loopback only; every loop bounded. Run under scripts/with-postgres.sh (it needs PODIUM_DATABASE_URL):

    scripts/with-postgres.sh python3 bench/scaleout/run.py PODIUM_BINARY [SECONDS] [uploads]

Every process has its own --data folder. Uploads are the nti-digits practice file (200 rows); the web
replicas run no workers while uploads are measured, and the workers start on a full queue when scoring is.
"""
import json, os, shutil, signal, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request

podium = os.path.abspath(sys.argv[1])
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10
only_uploads = len(sys.argv) > 3 and sys.argv[3] == "uploads"  # the accept rows alone (before/after an accept change)
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
sys.path.insert(0, os.path.join(root, "bench"))
from loopback import free_port, upload  # noqa: E402

SECRET = {"PODIUM_SESSION_SECRET": "bench-" + os.urandom(16).hex()}


class Event:
    """A fresh database (PostgreSQL, or a SQLite file in a folder) with nti-digits loaded and `teams` teams."""

    def __init__(self, postgres, teams):
        self.folder = tempfile.mkdtemp(prefix="podium-bench-")
        if postgres:
            name = "bench_" + os.urandom(6).hex()
            server = os.environ["PODIUM_DATABASE_URL"]
            subprocess.run(["psql", server, "-qc", f"CREATE DATABASE {name}"], check=True)
            self.url = server.rsplit("/", 1)[0] + "/" + name
        else:
            self.url = f"sqlite:{self.folder}/podium.sqlite"
        # On one box every process shares the database file and a files folder; on PostgreSQL, only the database.
        self.shared = [] if postgres else ["--files", f"{self.folder}/files"]
        self.environment = {**os.environ, **SECRET, "PODIUM_DATABASE_URL": self.url}
        self.cli("competition", "load", "competitions/nti-digits", "--opens-in", "3")
        self.cli("round", "open", "nti-digits", "practice")
        # Teams through the organiser API of a temporary server: one process, not one per team.
        replica = self.start(["serve", "--workers", "0"], port=free_port())
        self.tokens = []
        for index in range(teams):
            request = urllib.request.Request(
                f"{replica.base}/api/v1/competitions/nti-digits/teams", data=json.dumps({"name": f"t{index:04d}"}).encode(),
                method="POST", headers={"Content-Type": "application/json", "Authorization": "Bearer org"})
            self.tokens.append(json.loads(urllib.request.urlopen(request, timeout=10).read())["token"])
        replica.stop()

    def cli(self, *args):
        return subprocess.run([podium, *args, *self.shared, "--data", self.folder], capture_output=True, text=True, check=True,
                              env=self.environment).stdout

    def start(self, arguments, port=None):
        return Process(arguments + self.shared, self.environment, port)

    def count(self, status):
        if self.url.startswith("sqlite:"):
            import sqlite3
            with sqlite3.connect(self.url[len("sqlite:"):], timeout=30) as db:
                return db.execute("SELECT COUNT(*) FROM submission WHERE status = ?", (status,)).fetchone()[0]
        out = subprocess.run(["psql", self.url, "-At", "-c", f"SELECT COUNT(*) FROM submission WHERE status = '{status}'"],
                             capture_output=True, text=True, check=True).stdout
        return int(out.strip())

    def latencies(self):
        sql = "SELECT {} FROM submission WHERE status = 'scored'"
        if self.url.startswith("sqlite:"):
            import sqlite3
            with sqlite3.connect(self.url[len("sqlite:"):], timeout=30) as db:
                return sorted(r[0] for r in db.execute(sql.format("(julianday(scoredAt) - julianday(createdAt)) * 86400.0")))
        out = subprocess.run(["psql", self.url, "-At", "-c", sql.format("EXTRACT(EPOCH FROM scoredAt - createdAt)")],
                             capture_output=True, text=True, check=True).stdout
        return sorted(float(line) for line in out.split())

    def close(self):
        shutil.rmtree(self.folder, ignore_errors=True)


def cpu_seconds(pids):
    """User and system CPU seconds the processes `pids` have used so far (those gone count nothing)."""
    total = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def database_pids():
    """The PostgreSQL server's processes (its connections' backends among them)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if open(f"/proc/{entry}/comm").read().strip() == "postgres":
                    pids.append(int(entry))
            except OSError:
                pass
    return pids


class Process:
    def __init__(self, arguments, environment, port=None):
        self.data = tempfile.mkdtemp(prefix="podium-bench-proc-")
        self.port = port
        extra = ["--port", str(port), "--organiser-token", "org", "--rate-limit", "100000", "--competitions", "/nonexistent"] if port else []
        self.process = subprocess.Popen([podium, *arguments, *extra, "--data", self.data], env=environment,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if port:
            for _ in range(300):
                try:
                    urllib.request.urlopen(self.base + "/healthz", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.05)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.data, ignore_errors=True)


def uploads_per_second(postgres, replicas, clients=16):
    """Accepted uploads per second for `seconds`, `clients` at once, spread over the replicas (no scoring)."""
    event = Event(postgres, teams=clients * 40)
    servers = [event.start(["serve", "--workers", "0"], port=free_port()) for _ in range(replicas)]
    accepted = []
    deadline = time.time() + seconds

    def client(index):
        n = 0
        tokens = event.tokens[index::clients]
        while time.time() < deadline:
            status, _ = upload(servers[n % replicas].base, tokens[(n // replicas) % len(tokens)])
            if status == 202:
                accepted.append(1)
            n += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    server_pids = [server.process.pid for server in servers]
    database = database_pids() if postgres else []
    cpu_before = (cpu_seconds(server_pids), cpu_seconds(database), time.process_time())
    start = time.time()
    [t.start() for t in threads]
    [t.join() for t in threads]
    elapsed = time.time() - start
    cpu_after = (cpu_seconds(server_pids), cpu_seconds(set(database) | set(database_pids())), time.process_time())
    for server in servers:
        server.stop()
    event.close()
    per_accept = [(after - before) * 1000 / max(1, len(accepted)) for before, after in zip(cpu_before, cpu_after)]
    return len(accepted) / elapsed, per_accept


def jobs_per_second(postgres, workers, jobs=400):
    """Jobs scored per second by `workers` `podium work` processes (1 thread each) starting on `jobs` queued jobs."""
    event = Event(postgres, teams=jobs // 20)
    replica = event.start(["serve", "--workers", "0"], port=free_port())
    for token in event.tokens:
        for _ in range(20):
            upload(replica.base, token)
    replica.stop()
    start = time.time()
    processes = [event.start(["work", "--once", "--workers", "1"]) for _ in range(workers)]
    for p in processes:
        p.process.wait(timeout=600)
        shutil.rmtree(p.data, ignore_errors=True)
    elapsed = time.time() - start
    scored = event.count("scored")
    event.close()
    return scored / elapsed, scored


def latency(postgres, rate=10):
    """p50/p99 upload → scored at `rate` uploads per second over 2 replicas (PostgreSQL) or one server
    (SQLite), 2 worker threads either way."""
    event = Event(postgres, teams=int(rate * seconds) // 10 + 1)
    if postgres:
        servers = [event.start(["serve", "--workers", "0"], port=free_port()) for _ in range(2)]
        workers = [event.start(["work", "--workers", "1"]) for _ in range(2)]
    else:
        servers, workers = [event.start(["serve", "--workers", "2"], port=free_port())], []
    count = int(rate * seconds)
    threads = []
    for n in range(count):
        token = event.tokens[n // 10]
        threads.append(threading.Thread(target=upload, args=(servers[n % len(servers)].base, token)))
        threads[-1].start()
        time.sleep(1 / rate)
    [t.join() for t in threads]
    deadline = time.time() + 60
    while event.count("scored") < count and time.time() < deadline:
        time.sleep(0.2)
    values = event.latencies()
    for p in servers + workers:
        p.stop()
    event.close()
    return values[len(values) // 2] * 1000, values[max(0, int(len(values) * 0.99) - 1)] * 1000


def cpu_text(per_accept):
    server, database, client = per_accept
    return f"CPU ms per accept: server {server:.2f}, database {database:.2f}, clients {client:.2f}"


rows = []
sqlite_up, sqlite_cpu = uploads_per_second(False, 1)
rows.append(("accepted uploads/s, 16 clients", "SQLite, 1 server", f"{sqlite_up:.0f} ({cpu_text(sqlite_cpu)})"))
postgres_up = {}
for n in (1, 2):
    postgres_up[n], cpu = uploads_per_second(True, n)
    rows.append(("accepted uploads/s, 16 clients", f"PostgreSQL, {n} replica{'s' if n > 1 else ''}",
                 f"{postgres_up[n]:.0f} ({cpu_text(cpu)})"))
rows.append(("accepts, PostgreSQL (1 replica) / SQLite", "ratio (goal ≥ 0.7)", f"{postgres_up[1] / sqlite_up:.2f}"))
if only_uploads:
    print("| measure | topology | result |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    sys.exit(0)
rate, scored = jobs_per_second(False, 1)
rows.append(("jobs scored/s (400 queued)", "SQLite, 1 worker process", f"{rate:.0f} ({scored} scored)"))
for n in (1, 2, 4):
    rate, scored = jobs_per_second(True, n)
    rows.append(("jobs scored/s (400 queued)", f"PostgreSQL, {n} worker process{'es' if n > 1 else ''}", f"{rate:.0f} ({scored} scored)"))
for postgres, label in ((False, "SQLite, 1 server, 2 worker threads"), (True, "PostgreSQL, 2 replicas + 2 worker processes")):
    p50, p99 = latency(postgres)
    rows.append(("upload → scored at 10/s", label, f"p50 {p50:.0f} ms, p99 {p99:.0f} ms"))
print("| measure | topology | result |")
print("|---|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")
