"""How long a person waits at `faultdx consult`: one answer (engine re-run) and one `why` (look-ahead).

    python benchmarks/consult_bench.py [--cases 200]

Each case has a different ping figure, but many fall in the same qualitative state (ping > 20 ms or not), so
the Diagnoser's cache, keyed by the abstract case, would serve most of them: the figures are measured twice,
without that cache (``cache_size=0``: every answer and look-ahead runs the engine, what a new case costs) and
with the default cache (what a session of similar cases costs). Prints medians in milliseconds, measured in
this one run.
"""
import argparse
import statistics
import time

from faultdx import Case, Diagnoser
from faultdx.config import Config
from faultdx.consult import Consultation


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    cases = parser.parse_args().cases
    print(f"cases: {cases}")
    for label, diagnoser in (("no cache", Diagnoser(Config(), cache_size=0)), ("default cache", Diagnoser(Config()))):
        answer, why_bandwidth, why_symptom = [], [], []
        for i in range(cases):
            consultation = Consultation(diagnoser, Case.from_values(complaints="网速慢", ping_ms=i % 1000))
            answer.append(timed(consultation.answer, "crm_bw", f"{i % 100 + 1}M"))
            why_bandwidth.append(timed(consultation.why, consultation.next_question()))  # nms_bw: 2 look-aheads
            empty = Consultation(diagnoser, Case.from_values(loss_pct=i % 100))
            why_symptom.append(timed(empty.why, empty.next_question()))  # complaints: 10 look-aheads
        print(f"{label}:")
        print(f"  first answer (2 diagnoses)       median {statistics.median(answer):6.1f} ms")
        print(f"  why, bandwidth (2 look-aheads)   median {statistics.median(why_bandwidth):6.1f} ms")
        print(f"  why, symptom (10 look-aheads)    median {statistics.median(why_symptom):6.1f} ms")


if __name__ == "__main__":
    main()
