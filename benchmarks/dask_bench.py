"""Benchmark of triage on a Dask LocalCluster (issue 13) against `faultdx triage --jobs 2`, all figures from one run.

    .venv/bin/python benchmarks/dask_bench.py                   # 100,000 realistic rows, 3 runs of each
    .venv/bin/python benchmarks/dask_bench.py --rows 20000 --repeat 1

On the seeded realistic export of benchmarks/exports.py (figures vary per ticket: many distinct fact sets) it prints
medians over --repeat runs of:
- `faultdx triage FILE -o out.jsonl --jobs 2` and `faultdx triage FILE --dask --jobs 2 -o out.jsonl`, the real
  commands as subprocesses: wall-clock seconds (start-up and the LocalCluster's start included) and the run time
  the summary reports; the overhead of --dask against --jobs 2 on both; whether the outputs are byte for byte
  the same;
- `faultdx.distributed.triage_files` on a new LocalCluster of 1 and of 2 workers per run (its start timed apart,
  the workers cold as a command's are): tickets/s,
  the partitions (bytes and rows each, the default sizing), the share of the workers' time spent in the partition
  tasks (from Dask's task stream: what is not is scheduling, scans, transfers, waiting for the client), and the
  workers' peak RSS.

Run it with the Python that has faultdx[dask] installed, from anywhere (`faultdx` beside it is the command run).
"""
from __future__ import annotations

import argparse
import filecmp
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import exports  # noqa: E402  (the seeded generators, beside this file)


def command(args: list[str]) -> tuple[float, float]:
    """Wall-clock seconds of one faultdx command, and the run time its summary reports."""
    faultdx = os.path.join(os.path.dirname(sys.executable), "faultdx")
    started = time.perf_counter()
    done = subprocess.run([faultdx, "triage", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    found = re.findall(r"共 [\d,]+ 行,用时 ([\d.]+) 秒", done.stderr)  # the summary's line, not a progress line
    if done.returncode not in (0, 1) or not found:
        sys.exit(f"faultdx {' '.join(args)} failed ({done.returncode}): {done.stderr[-400:]}")
    return wall, float(found[-1])


def on_cluster(path: str, out: str, workers: int, repeat: int) -> dict:
    """triage_files on a new LocalCluster per run (cold workers, as a command has them); its start not in the run."""
    from distributed import get_task_stream

    from faultdx import distributed as fdx
    from faultdx.config import Config
    size = os.path.getsize(path)
    starts, seconds, busy, peaks = [], [], [], []
    for _ in range(repeat):
        started = time.perf_counter()
        with fdx.connect(None, workers) as client:
            starts.append(time.perf_counter() - started)
            with get_task_stream(client) as stream, open(out, "w", encoding="utf-8", newline="") as handle:
                started = time.perf_counter()
                summary = fdx.triage_files(client, [path], handle, config=Config())
                seconds.append(time.perf_counter() - started)
            tasks = [task for task in stream.data if task["key"].startswith("triage_part")]
            spent = sum(s["stop"] - s["start"] for task in tasks for s in task["startstops"] if s["action"] == "compute")
            busy.append(spent / (seconds[-1] * workers))
            peaks.append(max(client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).values()))
    median = statistics.median(seconds)
    return {"start": statistics.median(starts), "seconds": median, "rate": summary.rows / median,
            "busy": statistics.median(busy), "parts": len(tasks), "part_bytes": size / len(tasks),
            "part_rows": summary.rows / len(tasks), "peak_mib": max(peaks) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="faultdx-dask-bench-") as folder:
        path = os.path.join(folder, "realistic.csv")
        exports.generate(path, options.rows, "realistic")
        size = os.path.getsize(path)
        print(f"{options.rows:,} realistic rows, {size / 2**20:.1f} MiB, {os.cpu_count()} CPUs, "
              f"median of {options.repeat} run(s)")
        plain = os.path.join(folder, "plain.jsonl")
        on_dask = os.path.join(folder, "dask.jsonl")
        runs = {"--jobs 2": [command([path, "-o", plain, "--jobs", "2"]) for _ in range(options.repeat)],
                "--dask --jobs 2": [command([path, "--dask", "--jobs", "2", "-o", on_dask])
                                    for _ in range(options.repeat)]}
        medians = {name: (statistics.median(w for w, _ in r), statistics.median(s for _, s in r))
                   for name, r in runs.items()}
        for name, (wall, run) in medians.items():
            print(f"faultdx triage {name:16} {wall:6.1f} s wall ({options.rows / wall:7,.0f} tickets/s), "
                  f"{run:6.1f} s run ({options.rows / run:7,.0f} tickets/s)")
        (wall_1, run_1), (wall_2, run_2) = medians.values()
        print(f"--dask against --jobs 2: {100 * (wall_2 / wall_1 - 1):+.1f} % wall, {100 * (run_2 / run_1 - 1):+.1f} % "
              f"run; same output: {filecmp.cmp(plain, on_dask, shallow=False)}")
        for workers in (1, 2):
            found = on_cluster(path, os.path.join(folder, f"lib{workers}.jsonl"), workers, options.repeat)
            print(f"triage_files, {workers} worker(s): cluster start {found['start']:.1f} s (not counted), "
                  f"{found['seconds']:6.1f} s, {found['rate']:7,.0f} tickets/s; "
                  f"{found['parts']} partitions of {found['part_bytes'] / 2**20:.2f} MiB ({found['part_rows']:,.0f} "
                  f"rows); workers in partition tasks {100 * found['busy']:.1f} % of the time; "
                  f"worker peak RSS {found['peak_mib']:.0f} MiB; same output: "
                  f"{filecmp.cmp(plain, os.path.join(folder, f'lib{workers}.jsonl'), shallow=False)}")


if __name__ == "__main__":
    main()
