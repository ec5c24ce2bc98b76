"""Benchmark of `faultdx triage` on the two seeded exports of benchmarks/exports.py, all figures from one run.

    python benchmarks/triage_bench.py                      # realistic 50,000 rows and repetitive 1,000,000 rows
    python benchmarks/triage_bench.py --realistic 20000 --repetitive 200000 --repeat 3

For each export it prints:
- the floor: a plain CSV → JSON Lines copy of the same rows in one Python process (csv + json);
- `faultdx triage FILE -o out.jsonl -q --jobs N`, the real command as a subprocess (start-up included):
  median tickets/s over --repeat runs, and the peak RSS of the largest process (main or worker);
- the ratio of the two;
- `--no-cache` (the engine run and the diagnosis built for every ticket, no row cache) on the first
  --slice rows: tickets/s, and whether its output is byte for byte the cached output of the same rows.

The command is the `faultdx` installed beside this Python (run from anywhere; in a checkout root the
local `faultdx/` would otherwise shadow the installed package when using `python -m`).
"""
from __future__ import annotations

import argparse
import csv
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import exports  # noqa: E402  (the seeded generators, beside this file)


def faultdx_command() -> list[str]:
    here = os.path.join(os.path.dirname(sys.executable), "faultdx")
    found = here if os.path.exists(here) else shutil.which("faultdx")
    if not found:
        sys.exit("faultdx is not installed beside this Python (./scripts/venv.sh, then .venv/bin/python …)")
    return [found]


# A fresh parent per run, so that the peak RSS is this run's (the largest of faultdx and its workers).
_WRAPPER = """import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - started
print(done.returncode, seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.stderr.buffer.write(done.stderr[-400:])"""


def run(args: list[str]) -> tuple[float, int]:
    """Seconds of one faultdx run, and the peak RSS in KiB of its largest process."""
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *faultdx_command(), *args], capture_output=True, text=True)
    status, seconds, peak = done.stdout.split()
    if int(status) not in (0, 1):
        sys.exit(f"faultdx {' '.join(args)} failed ({status}): {done.stderr}")
    return float(seconds), int(peak)


def floor(path: str, out: str) -> float:
    """Seconds for a plain CSV → JSON Lines copy of ``path`` in this process."""
    started = time.perf_counter()
    with open(path, encoding="utf-8", newline="") as source, open(out, "w", encoding="utf-8") as target:
        for row in csv.DictReader(source):
            target.write(json.dumps(row, ensure_ascii=False) + "\n")
    return time.perf_counter() - started


def head(path: str, rows: int, out: str) -> None:
    with open(path, encoding="utf-8") as source, open(out, "w", encoding="utf-8") as target:
        for number, line in enumerate(source):
            if number > rows:
                break
            target.write(line)


def distinct_texts(path: str) -> int:
    with open(path, encoding="utf-8", newline="") as source:
        return len({(row["故障现象"], row["处理过程"]) for row in csv.DictReader(source)})


def bench(kind: str, rows: int, options, tmp: str) -> dict:
    path, out = os.path.join(tmp, f"{kind}.csv"), os.path.join(tmp, f"{kind}.jsonl")
    exports.generate(path, rows, kind)
    print(f"\n{kind}: {rows:,} rows, {os.path.getsize(path) / 1e6:.1f} MB, "
          f"{distinct_texts(path):,} distinct (description, notes)", flush=True)
    floors = [floor(path, out) for _ in range(options.repeat)]
    base = statistics.median(floors)
    print(f"  floor (csv → JSON Lines, one process): median {base:.2f} s = {rows / base:,.0f} rows/s", flush=True)
    runs = [run(["triage", path, "-o", out, "-q", "--jobs", str(options.jobs)]) for _ in range(options.repeat)]
    seconds = statistics.median(s for s, _ in runs)
    peak = max(r for _, r in runs)
    rate = rows / seconds
    print(f"  faultdx triage --jobs {options.jobs}: median {seconds:.2f} s = {rate:,.0f} tickets/s "
          f"(runs: {', '.join(f'{s:.2f}' for s, _ in runs)} s); peak RSS {peak / 1024:.0f} MB", flush=True)
    print(f"  floor / triage: {(rows / base) / rate:.1f}x")
    part, cached, plain = (os.path.join(tmp, f"{kind}-{n}") for n in ("slice.csv", "cached.jsonl", "plain.jsonl"))
    head(path, options.slice, part)
    run(["triage", part, "-o", cached, "-q", "--jobs", str(options.jobs)])
    slow = statistics.median(run(["triage", part, "-o", plain, "-q", "--jobs", str(options.jobs), "--no-cache"])[0]
                             for _ in range(options.repeat))
    same = filecmp.cmp(cached, plain, shallow=False)
    print(f"  --no-cache on the first {options.slice:,} rows: median {slow:.2f} s = {options.slice / slow:,.0f} "
          f"tickets/s; output identical to the cached run: {'yes' if same else 'NO'}")
    return {"rate": rate, "floor": rows / base, "peak_mb": peak / 1024, "same": same}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realistic", type=int, default=50_000, help="rows of the realistic export (0: skip)")
    parser.add_argument("--repetitive", type=int, default=1_000_000, help="rows of the repetitive export (0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--slice", type=int, default=3_000, help="rows for the --no-cache comparison")
    options = parser.parse_args()
    print(f"faultdx: {faultdx_command()[0]}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        results = {kind: bench(kind, rows, options, tmp)
                   for kind, rows in (("realistic", options.realistic), ("repetitive", options.repetitive)) if rows}
    print()
    for kind, r in results.items():
        print(f"{kind}: {r['rate']:,.0f} tickets/s, {r['floor'] / r['rate']:.1f}x the floor, "
              f"peak RSS {r['peak_mb']:.0f} MB, --no-cache identical: {'yes' if r['same'] else 'NO'}")


if __name__ == "__main__":
    main()
