"""Start-up: how long a whole `faultdx` process takes, and where the time goes inside one.

    python benchmarks/startup_bench.py [--runs 20] [--faultdx PATH] [--profile]

Whole processes, started from a temporary directory (so a checkout's faultdx/ cannot shadow the installed
one), each timed from spawn to exit; the median and the fastest of --runs, after 3 runs not counted (the
first of which may compile the lexicon into the cache):

* ``faultdx diagnose --text "用户报691错误,帐号在线"``;
* ``faultdx --help``;
* ``faultdx consult --error-code 691`` answering its first question from a pipe (``1``, then end of input).

Then the same diagnosis in fresh processes timed from inside, by phase (medians of --runs processes):
importing faultdx.cli, building the rule network (the first Diagnoser's engine), loading the compiled lexicon,
and one diagnosis (reading the text, the Diagnoser's configuration and phrasebook, the engine run, the text
output).  The interpreter itself is timed too (``python -c pass``).  ``--profile`` adds python -X importtime,
summed by top-level package, from one process.  Everything printed is measured in this one run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

TEXT = "用户报691错误,帐号在线"
WARMUP = 3

PHASES = r"""
import json, sys, time
t0 = time.perf_counter()
import faultdx.cli
t1 = time.perf_counter()
from faultdx.engine import shared_engine
shared_engine()
t2 = time.perf_counter()
from faultdx import reader
reader.lexicon()
t3 = time.perf_counter()
from faultdx.config import load_config
from faultdx.engine import Diagnoser
from faultdx.render import format_text
reading = reader.read(sys.argv[1], {})
diagnoser = Diagnoser(load_config(None))
output = format_text(diagnoser.diagnose(reading.case), why=False, reading=reading)
t4 = time.perf_counter()
assert output
print(json.dumps({"import faultdx.cli": t1 - t0, "rule network": t2 - t1, "lexicon": t3 - t2,
                  "one diagnosis": t4 - t3, "modules": len(sys.modules),
                  "tabulate imported": "tabulate" in sys.modules}))
"""


def median_ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:6.1f} ms   fastest {min(samples) * 1000:6.1f} ms"


def timed_runs(command: list[str], runs: int, cwd: str, stdin: bytes | None = None) -> list[float]:
    times = []
    for i in range(WARMUP + runs):
        start = time.perf_counter()
        done = subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode(errors='replace')}")
        if i >= WARMUP:
            times.append(elapsed)
    return times


def import_profile(python: str, cwd: str) -> Counter:
    """Own import time by top-level package (faultdx modules by name), from one process."""
    err = subprocess.run([python, "-X", "importtime", "-c", "import faultdx.cli"], capture_output=True, text=True,
                         cwd=cwd).stderr
    spent: Counter = Counter()
    for line in err.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            own, _, name = line.split(":", 1)[1].split("|")
            name = name.strip()
            spent[name if name.startswith("faultdx") else name.split(".")[0]] += int(own) / 1e6
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--faultdx", help="the faultdx command (default: the one beside this Python, else on PATH)")
    parser.add_argument("--profile", action="store_true", help="add python -X importtime by package")
    options = parser.parse_args()
    command = options.faultdx or str(Path(sys.executable).with_name("faultdx"))
    if not os.path.exists(command):
        command = shutil.which("faultdx") or sys.exit("no faultdx command found; give --faultdx")
    with open(command, "rb") as script:  # the console script's own interpreter
        first = script.readline()
    python = first[2:].decode().strip() if first.startswith(b"#!") else sys.executable
    runs = options.runs
    with tempfile.TemporaryDirectory() as cwd:
        print(f"faultdx: {command}\npython:  {python}\n{runs} runs each (after {WARMUP} not counted), "
              f"whole processes from spawn to exit:")
        rows = [("faultdx diagnose --text …", [command, "diagnose", "--text", TEXT], None),
                ("faultdx --help", [command, "--help"], None),
                ("faultdx consult (one answer)", [command, "consult", "--error-code", "691"], b"1\n"),
                ("python -c pass", [python, "-c", "pass"], None)]
        for label, argv, stdin in rows:
            print(f"  {label:<30} {median_ms(timed_runs(argv, runs, cwd, stdin))}")
        phases: dict[str, list[float]] = {}
        facts = {}
        for _ in range(runs):
            out = subprocess.run([python, "-c", PHASES, TEXT], capture_output=True, text=True, cwd=cwd, check=True)
            for name, value in json.loads(out.stdout).items():
                if isinstance(value, float):
                    phases.setdefault(name, []).append(value)
                else:
                    facts[name] = value
        print(f"inside one `diagnose --text` process (medians of {runs} fresh processes):")
        for name, samples in phases.items():
            print(f"  {name:<30} median {statistics.median(samples) * 1000:6.1f} ms")
        print("  " + ", ".join(f"{k}: {v}" for k, v in facts.items()))
        if options.profile:
            spent = import_profile(python, cwd)
            print(f"import time by package, one process (total {sum(spent.values()) * 1000:.1f} ms):")
            for name, seconds in spent.most_common(25):
                print(f"  {name:<30} {seconds * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
