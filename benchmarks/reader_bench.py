"""Reading ticket text (issue 9: extraction speed on one core), all figures from one run.

    python benchmarks/reader_bench.py [--texts 20000] [--repeat 5]

Two sets of texts, each read ``--repeat`` times in one process (one core), the first pass not counted (it
loads the lexicon):
- the realistic export of benchmarks/exports.py (seeded): description and notes of each row, as triage reads
  them (every text distinct: figures, codes, addresses vary);
- the labelled corpus (corpus/tickets.csv): real people's wording, longer and more varied.

Prints the median microseconds per text and texts per second for each, and the issue's target (50,000 texts/s).

With ``--stages``, also what the reader's scans cost alone on the realistic texts (normalising, the clause
breaks, the lexicon's two automaton passes, the number pattern: C libraries, but for the offset table of
normalising), before any reading of what they found: the floor a reader of this design cannot go below,
whatever its Python does.
"""
from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import exports  # noqa: E402  (the seeded generators, beside this file)

from faultdx import reader  # noqa: E402
from faultdx.reader import read  # noqa: E402

TARGET = 50_000
CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "tickets.csv"


def timed(texts: list[str], repeat: int, function=read) -> list[float]:
    """Seconds per pass of ``function`` over ``texts``, ``repeat`` passes after one not counted."""
    for text in texts:
        function(text)
    seconds = []
    for _ in range(repeat):
        started = time.process_time()
        for text in texts:
            function(text)
        seconds.append(time.process_time() - started)
    return seconds


def report(name: str, texts: list[str], repeat: int) -> None:
    seconds = timed(texts, repeat)
    per_text = statistics.median(seconds) / len(texts)
    chars = sum(map(len, texts)) / len(texts)
    print(f"{name}: {len(texts):,} texts, {chars:.0f} characters on average; median of {repeat} passes "
          f"{per_text * 1e6:.1f} µs per text = {1 / per_text:,.0f} texts/s on one core "
          f"(passes: {', '.join(f'{s:.2f}' for s in seconds)} s); the target {TARGET:,}/s is "
          f"{'met' if 1 / per_text >= TARGET else f'{TARGET * per_text:.1f}× away'}")


def stages(texts: list[str], repeat: int) -> None:
    """The median µs per text of each scan the reader makes, alone, and their sum."""
    lex = reader.lexicon()
    normal = [reader.normalise_text(reader.blank_passwords(t))[0] for t in texts]
    scans = {
        "passwords blanked": (texts, reader.blank_passwords),
        "normalised (NFKC, OpenCC, spelling; its offset table in Python)": (texts, reader.normalise_text),
        "clause breaks": (normal, lambda t: list(lex.clause.finditer(t))),
        "lexicon automaton": (normal, lambda t: list(lex.automaton.iter_long(t))),
        "side-word automaton": (normal, lambda t: list(lex.side_automaton.iter(t))),
        "number pattern": (normal, lambda t: list(reader._NUMBER.finditer(t))),
    }
    total = 0.0
    for name, (inputs, scan) in scans.items():
        per_text = statistics.median(timed(inputs, repeat, scan)) / len(inputs) * 1e6
        total += per_text
        print(f"  {name}: {per_text:.1f} µs per text")
    print(f"  the scans alone: {total:.1f} µs per text = {1e6 / total:,.0f} texts/s "
          f"(the target needs {1e6 / TARGET:.0f} µs for the whole reading)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=20_000, help="texts of the realistic export")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--stages", action="store_true", help="also the cost of the scans in C alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "realistic.csv")
        exports.generate(path, args.texts, "realistic")
        with open(path, encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
    texts = [f"{row['故障现象']} {row['处理过程']}" for row in rows]
    report("realistic export", texts, args.repeat)
    if args.stages:
        stages(texts, args.repeat)
    if CORPUS.exists():
        with open(CORPUS, encoding="utf-8", newline="") as stream:
            corpus = [row["text"] for row in csv.DictReader(stream)]
        report("labelled corpus", corpus * max(1, 5000 // len(corpus)), args.repeat)


if __name__ == "__main__":
    main()
