"""One engine run, stock experta against the lean run of faultdx._rete, on distinct generated cases.

    python benchmarks/engine_bench.py [--cases 2000] [--seed 12] [--profile 500]

The cases come from tests/case_corpus.py (seeded, every one distinct) and both Diagnosers run with cache_size=0,
so every diagnosis runs the engine (triage and consult reuse results by abstract case; this measures a miss).
The engines take turns, 100 cases each, so the machine's noise falls on both alike.  Prints medians (and
the 90th percentile) in milliseconds and the stock/lean ratio, all measured in this one run:

* diagnose: ``Diagnoser.diagnose`` of one case, as triage pays for a case it has not seen;
* consult: one case, then the same case with one answer to its first question (two diagnoses);
* the lean run split into reset, declaring the case's facts, run, and the rest (making the facts,
  building the Diagnosis);
* network build: constructing an engine, which now happens once per process.

``--profile N`` adds a cProfile of N lean diagnoses (own time by file, then by function).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import platform
import pstats
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from case_corpus import generated_cases  # noqa: E402
from faultdx.config import Config  # noqa: E402
from faultdx.engine import Diagnoser, FaultEngine, StockFaultEngine  # noqa: E402


BLOCK = 100  # cases per engine in turn: both share the machine's noise, neither runs in the other's garbage


def ms(start: int) -> float:
    return (time.perf_counter_ns() - start) / 1e6


def median_p90(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=10)[-1]


def answered(diagnoser: Diagnoser, case):
    """The case with one answer to its first question that offers choices (None if there is none)."""
    for question in diagnoser.diagnose(case).questions:
        if question.choices:
            return case.with_value(question.key, question.choices[0][0])
    return None


class Phases:
    """Times the lean engine's reset, the declaration of the input facts, and run, inside ``diagnose``."""

    def __init__(self, engine: FaultEngine):
        self.times = {"reset": 0.0, "declare": 0.0, "run": 0.0}
        for name in self.times:
            setattr(engine, name, self.timed(name, getattr(engine, name), engine))

    def timed(self, name, method, engine):
        def call(*args, **kwargs):
            if name == "declare" and engine.running:  # a rule's own declaration is part of run
                return method(*args, **kwargs)
            start = time.perf_counter_ns()
            try:
                return method(*args, **kwargs)
            finally:
                self.times[name] += ms(start)
        return call

    def take(self) -> dict[str, float]:
        taken, self.times = self.times, dict.fromkeys(self.times, 0.0)
        return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    options = parser.parse_args()
    config = Config()

    builds = {"stock": [], "lean": []}
    for _ in range(10):
        for name, kind in (("stock", StockFaultEngine), ("lean", FaultEngine)):
            start = time.perf_counter_ns()
            kind(config)
            builds[name].append(ms(start))

    cases = generated_cases(options.cases, options.seed)
    stock = Diagnoser(config, engine=StockFaultEngine(config), cache_size=0)
    lean = Diagnoser(config, engine=FaultEngine(config), cache_size=0)  # every run pays for the engine
    follow_ups = [answered(lean, case) for case in cases]
    for case in cases[:50]:  # warm up both
        stock.diagnose(case), lean.diagnose(case)

    diagnose = {"stock": [], "lean": []}
    consult = {"stock": [], "lean": []}
    pairs = list(zip(cases, follow_ups))
    for block in range(0, len(pairs), BLOCK):
        for name, diagnoser in (("stock", stock), ("lean", lean)):
            for case, follow_up in pairs[block:block + BLOCK]:
                start = time.perf_counter_ns()
                diagnoser.diagnose(case)
                diagnose[name].append(ms(start))
                if follow_up is not None:
                    start = time.perf_counter_ns()
                    diagnoser.diagnose(case)
                    diagnoser.diagnose(follow_up)
                    consult[name].append(ms(start))

    phases = Phases(lean.engine)
    split = {"reset": [], "declare": [], "run": [], "other": []}
    for case in cases:
        start = time.perf_counter_ns()
        lean.diagnose(case)
        total = ms(start)
        taken = phases.take()
        for name, spent in taken.items():
            split[name].append(spent)
        split["other"].append(total - sum(taken.values()))  # the case's facts, the Diagnosis

    print(f"engine benchmark: {len(cases)} distinct generated cases (seed {options.seed}), "
          f"{sum(f is not None for f in follow_ups)} with an answer to follow; "
          f"Python {platform.python_version()}, experta {version('experta')}")
    print(f"{'':36}{'stock':>10}{'lean':>10}{'ratio':>8}   (median ms; 90th percentile)")
    for label, samples in (("diagnose, one distinct case", diagnose), ("consult: case, then case + answer", consult),
                           ("network build (10 builds)", builds)):
        (stock_median, stock_p90), (lean_median, lean_p90) = median_p90(samples["stock"]), median_p90(samples["lean"])
        print(f"{label:36}{stock_median:10.3f}{lean_median:10.3f}{stock_median / lean_median:7.1f}x"
              f"   ({stock_p90:.3f}; {lean_p90:.3f})")
    medians = {name: statistics.median(samples) for name, samples in split.items()}
    print("lean diagnose, median per phase: " + ", ".join(f"{name} {value:.3f}" for name, value in medians.items())
          + " ms")

    if options.profile:
        profile = cProfile.Profile()
        profile.enable()
        for case in cases[:options.profile]:
            lean.diagnose(case)
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        print(f"\ncProfile of {min(options.profile, len(cases))} lean diagnoses (with the profiler's overhead);"
              " own time by file:")
        by_file: dict[str, float] = {}
        for (filename, _, function), (_, _, own, _, _) in stats.stats.items():
            where = filename if filename != "~" else function  # built-ins have no file
            if "site-packages" in where:
                where = where.split("site-packages/")[1]
            elif "/faultdx/" in where:
                where = "faultdx/" + where.split("/faultdx/")[1]
            elif "/" in where:
                where = "/".join(Path(where).parts[-2:]) if where.endswith("__init__.py") else Path(where).name
            by_file[where] = by_file.get(where, 0.0) + own
        total = sum(by_file.values())
        for where, own in sorted(by_file.items(), key=lambda item: -item[1])[:14]:
            print(f"  {100 * own / total:5.1f} %  {where}")
        stats.sort_stats("tottime").print_stats(20)
        text = out.getvalue()
        print("functions by own time:")
        print(text[text.index("   ncalls"):].rstrip())


if __name__ == "__main__":
    main()
