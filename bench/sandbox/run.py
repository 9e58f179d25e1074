#!/usr/bin/env python3
"""The sandbox's own cost per run, and how much its measurements spread (issue 28).

    python3 bench/sandbox/run.py PODIUM_BINARY [RUNS]        (from the repository root; RUNS default 50)

overhead  a program that reads its one record and prints a header (/bin/sh, cat): its wall time run bare, as
          a user times it by hand (subprocess from Python, the median of RUNS), against its wall time in
          Podium's sandbox (`podium measure --repeats RUNS`: bubblewrap's namespaces, setpriv, prlimit, a fresh
          cgroup per run, created and removed, the parent's poll loop; the median start-up). Goal: under 50 ms.
spread    a program that sleeps 25 ms per record over 40 records, measured 10 times at batch size 1: the
          median records/s and its lowest and highest as a share of the median (the true value is 40/s), and
          what MOROCCO's formula, records / (wall − start-up), reads from the same runs.

MOROCCO ran each model in `docker run`; no Docker engine runs on this machine, so that row is not measured here.
Prints a markdown table."""
import json, os, shutil, statistics, subprocess, sys, tempfile, time

podium = os.path.abspath(sys.argv[1])
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 50
work = tempfile.mkdtemp(prefix="podium-bench-sandbox-")
os.chmod(work, 0o755)


def program(name, text, records):
    folder = os.path.join(work, name)
    os.makedirs(folder)
    os.chmod(folder, 0o755)
    with open(os.path.join(folder, "run"), "w") as f:
        f.write(text)
    os.chmod(os.path.join(folder, "run"), 0o755)
    inputs = os.path.join(work, f"{name}.jsonl")
    with open(inputs, "w") as f:
        f.writelines(f'{{"id": {i}}}\n' for i in range(records))
    return folder, inputs


def measure(folder, inputs, repeats, sizes="1"):
    out = subprocess.run([podium, "measure", folder, "--inputs", inputs, "--repeats", str(repeats), "--batch-sizes",
                          sizes, "--json"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


trivial, trivial_inputs = program("trivial", "#!/bin/sh\ncat > /dev/null\necho id,label\n", 1)
bare = []
for _ in range(runs):
    with open(trivial_inputs, "rb") as stdin:
        started = time.perf_counter()
        subprocess.run(["./run", "--batch-size", "1"], cwd=trivial, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
        bare.append(time.perf_counter() - started)
sandboxed = measure(trivial, trivial_inputs, runs)
bare_ms = statistics.median(bare) * 1000
sandbox_ms = sandboxed["startup_seconds"] * 1000
low, high = (x * 1000 for x in sandboxed["spread"]["startup_seconds"])

sleeper, sleeper_inputs = program(
    "sleeper", "#!/usr/bin/python3\nimport sys, time\nprint('id,label')\nfor line in sys.stdin:\n"
    "    time.sleep(0.025)\n    print(1, 1, sep=',', flush=True)\n", 40)
spread = measure(sleeper, sleeper_inputs, 10)
speed = spread["records_per_second"]["1"]
slow, fast = spread["spread"]["records_per_second_1"]
morocco = speed * 40 / 39  # records / (wall − start-up) on the same runs: the same difference, all 40 records

print(f"| measure | bare | in Podium's sandbox | difference | ratio |")
print("|---|---|---|---|---|")
print(f"| one run of a trivial program, median of {runs} (wall) | {bare_ms:.1f} ms | {sandbox_ms:.1f} ms "
      f"(lowest {low:.1f}, highest {high:.1f}) | {sandbox_ms - bare_ms:+.1f} ms per run (goal < 50 ms) | "
      f"{sandbox_ms / bare_ms:.1f}x |")
print(f"| records/s of a program sleeping 25 ms per record, 10 runs | true value 40.0 | median {speed:.2f} "
      f"(lowest {slow:.2f}, highest {fast:.2f}) | {100 * (speed - 40) / 40:+.2f} % off; spread "
      f"{100 * (fast - slow) / speed:.2f} % of the median | |")
print(f"| the same runs by MOROCCO's formula, records / (wall − start-up) | true value 40.0 | {morocco:.2f} | "
      f"{100 * (morocco - 40) / 40:+.2f} % off | |")
shutil.rmtree(work, ignore_errors=True)
