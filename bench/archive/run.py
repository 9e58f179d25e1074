#!/usr/bin/env python3
"""Export and import of a whole event: `podium export` and `podium import` beside what a user would otherwise use
(`tar czf` and `tar xzf` of the data folder), time and peak memory, on an event of 1,000 teams and 10,000 scored
submissions of 200 rows each (every file distinct), and on one a tenth its size (memory should not grow with it).
Loopback only; standard library only. With PODIUM_DATABASE_URL set (scripts/with-postgres.sh), imports into
PostgreSQL too.

    python3 bench/archive/run.py PODIUM_BINARY [TEAMS]
"""
import concurrent.futures, json, os, random, shutil, subprocess, sys, tempfile, time, urllib.request

podium = os.path.abspath(sys.argv[1])
teams = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
sys.path.insert(0, os.path.join(root, "bench"))
from loopback import serve  # noqa: E402

# The event is built on SQLite; PostgreSQL (when given) is only imported into and exported from.
POSTGRES = os.environ.pop("PODIUM_DATABASE_URL", None)
PRACTICE = "competitions/nti-digits/examples/knn/practice.csv"
IDS = [line.split(",")[0] for line in open(PRACTICE).read().splitlines()[1:]]
PER_TEAM = 10  # the practice round allows 20 a day


def cli(folder, *args):
    return subprocess.run([podium, *args, "--data", folder], capture_output=True, text=True, check=True).stdout


def body(seed):
    """A multipart body of 200 rows of predictions no other upload has."""
    rng = random.Random(seed)
    content = ("id,label\n" + "".join(f"{i},{rng.randrange(10)}\n" for i in IDS)).encode()
    boundary = "archive" + os.urandom(8).hex()
    return ((f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n"
             "Content-Type: text/csv\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode(),
            f"multipart/form-data; boundary={boundary}")


def build(teams):
    """A data folder with nti-digits, `teams` teams and PER_TEAM scored submissions each."""
    folder = tempfile.mkdtemp(prefix="podium-archive-bench-")
    cli(folder, "competition", "load", "competitions/nti-digits", "--opens-in", "3")
    cli(folder, "round", "open", "nti-digits", "practice")
    server, base = serve(podium, folder, "--workers", "0", "--organiser-token", "org")
    tokens = []
    for index in range(teams):
        request = urllib.request.Request(
            f"{base}/api/v1/competitions/nti-digits/teams", data=json.dumps({"name": f"t{index:04d}"}).encode(),
            method="POST", headers={"Content-Type": "application/json", "Authorization": "Bearer org"})
        tokens.append(json.loads(urllib.request.urlopen(request, timeout=10).read())["token"])

    def send(job):
        token, seed = job
        data, kind = body(seed)
        request = urllib.request.Request(
            f"{base}/api/v1/competitions/nti-digits/rounds/practice/submissions", data=data, method="POST",
            headers={"Content-Type": kind, "Authorization": f"Bearer {token}"})
        return urllib.request.urlopen(request, timeout=60).status

    jobs = [(token, n * 100_000 + t) for n in range(PER_TEAM) for t, token in enumerate(tokens)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(send, jobs))
    server.terminate()
    server.wait()
    assert statuses.count(202) == len(jobs), {s: statuses.count(s) for s in set(statuses)}
    subprocess.run([podium, "work", "--once", "--workers", "2", "--data", folder], check=True, capture_output=True)
    return folder


def measure(command, environment=None):
    """(seconds, peak resident MB) of `command` run to its end."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(environment or {})})
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{command[:3]} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def postgres_database():
    server = POSTGRES
    name = "archive_" + os.urandom(6).hex()
    subprocess.run(["psql", server, "-qc", f"CREATE DATABASE {name}"], check=True)
    return server.rsplit("/", 1)[0] + "/" + name


def row(what, podium_run, baseline_run, baseline_name):
    (seconds, memory), (base_seconds, base_memory) = podium_run, baseline_run
    print(f"| {what} | {seconds:.2f} s | {memory:.0f} MB | {baseline_name} {base_seconds:.2f} s, {base_memory:.0f} MB "
          f"| {seconds / base_seconds:.2f} |", flush=True)


def run(teams):
    folder = build(teams)
    work = tempfile.mkdtemp(prefix="podium-archive-out-")
    try:
        with __import__("sqlite3").connect(f"{folder}/podium.sqlite") as db:
            scored = db.execute("SELECT COUNT(*) FROM submission WHERE status = 'scored'").fetchone()[0]
            files = db.execute("SELECT COUNT(DISTINCT sha256) FROM submissionFile").fetchone()[0]
        archive, tarball = f"{work}/event.tar.gz", f"{work}/data.tar.gz"
        export = measure([podium, "export", "-o", archive, "--data", folder])
        tar = measure(["tar", "czf", tarball, "-C", folder, "."])
        size, tar_size = os.path.getsize(archive) >> 20, os.path.getsize(tarball) >> 20
        print(f"\n{teams} teams, {scored} scored submissions, {files} distinct files; archive {size} MB, "
              f"data folder as tar.gz {tar_size} MB\n")
        print("| step | podium | peak memory | baseline | ratio (podium / baseline) |\n|---|---|---|---|---|")
        row("export (SQLite)", export, tar, "tar czf")
        imported = measure([podium, "import", archive, "--data", f"{work}/imported"])
        os.makedirs(f"{work}/untarred")
        untar = measure(["tar", "xzf", tarball, "-C", f"{work}/untarred"])
        row("import into SQLite", imported, untar, "tar xzf")
        if POSTGRES:
            url = postgres_database()
            into_postgres = measure([podium, "import", archive, "--data", f"{work}/pg"], {"PODIUM_DATABASE_URL": url})
            row("import into PostgreSQL", into_postgres, untar, "tar xzf")
            from_postgres = measure([podium, "export", "-o", f"{work}/pg.tar.gz", "--data", f"{work}/pg"],
                                    {"PODIUM_DATABASE_URL": url})
            row("export (PostgreSQL)", from_postgres, tar, "tar czf")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


for size in (max(1, teams // 10), teams):
    run(size)
