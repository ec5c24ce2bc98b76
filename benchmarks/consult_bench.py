"""How long a person waits at `faultdx consult`: one answer (engine re-run) and one `why` (look-ahead).

    python benchmarks/consult_bench.py [--cases 200]

Each case is distinct (a different ping figure), so no result is served from the consultation's cache.
Prints medians in milliseconds, measured in this one run.
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
    diagnoser = Diagnoser(Config())
    answer, why_bandwidth, why_symptom = [], [], []
    for i in range(cases):
        consultation = Consultation(diagnoser, Case.from_values(complaints="网速慢", ping_ms=i % 1000))
        answer.append(timed(consultation.answer, "crm_bw", f"{i % 100 + 1}M"))
        why_bandwidth.append(timed(consultation.why, consultation.next_question()))  # nms_bw: 2 look-aheads
        empty = Consultation(diagnoser, Case.from_values(loss_pct=i % 100))
        why_symptom.append(timed(empty.why, empty.next_question()))  # complaints: 10 look-aheads
    print(f"cases: {cases}")
    print(f"first answer (2 engine runs)     median {statistics.median(answer):6.1f} ms")
    print(f"why, bandwidth (2 look-aheads)   median {statistics.median(why_bandwidth):6.1f} ms")
    print(f"why, symptom (10 look-aheads)    median {statistics.median(why_symptom):6.1f} ms")


if __name__ == "__main__":
    main()
