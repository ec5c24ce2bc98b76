"""How well faultdx reads real tickets: category accuracy and per-field fact precision and recall on a labelled
corpus (``faultdx eval corpus/tickets.csv``).

A corpus is a CSV with at least the columns ``id``, ``text``, ``category`` (the family a support engineer
would file the ticket under) and ``facts`` (a JSON object of the case fields the text states); ``split``
(dev, holdout, sample …) is optional.  Each text is read and diagnosed as ``faultdx diagnose --text`` would.
Facts are compared field by field: a multi-valued field (complaints, error codes) item by item, a figure
within 5 %, anything else exactly.
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from faultdx.facts import FIELDS, Case, FactError
from faultdx.kb import CATEGORIES

NUMBER_TOLERANCE = 0.05


@dataclass
class Scored:
    id: str
    split: str
    text: str
    expected: str
    predicted: str
    candidates: tuple[str, ...]
    missed: dict[str, Any]
    wrong: dict[str, Any]


@dataclass
class Evaluation:
    rows: list[Scored] = field(default_factory=list)
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    confusion: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(r.expected == r.predicted for r in self.rows) / len(self.rows) if self.rows else 0.0

    @property
    def accuracy_with_candidates(self) -> float:
        """Right family, counting an unplaced ticket as placed by its first-ranked candidate family."""
        def placed(row: Scored) -> str:
            return row.candidates[0] if row.predicted == "unknown" and row.candidates else row.predicted
        return sum(r.expected == placed(r) for r in self.rows) / len(self.rows) if self.rows else 0.0

    def precision(self, name: str | None = None) -> float:
        tp = self.tp[name] if name else sum(self.tp.values())
        fp = self.fp[name] if name else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, name: str | None = None) -> float:
        tp = self.tp[name] if name else sum(self.tp.values())
        fn = self.fn[name] if name else sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else 1.0

    def fields(self) -> list[str]:
        seen = set(self.tp) | set(self.fp) | set(self.fn)
        return [name for name in FIELDS if name in seen]

    def to_dict(self) -> dict[str, Any]:
        return {"rows": len(self.rows), "accuracy": self.accuracy,
                "accuracy_with_candidates": self.accuracy_with_candidates, "precision": self.precision(),
                "recall": self.recall(),
                "fields": {n: {"precision": self.precision(n), "recall": self.recall(n), "tp": self.tp[n],
                               "fp": self.fp[n], "fn": self.fn[n]} for n in self.fields()},
                "confusion": {f"{e}->{p}": n for (e, p), n in sorted(self.confusion.items())},
                "misses": [{"id": r.id, "expected": r.expected, "predicted": r.predicted, "missed": r.missed,
                            "wrong": r.wrong} for r in self.rows if r.expected != r.predicted or r.missed or r.wrong],
                "errors": self.errors}


def _items(name: str, value: Any) -> list[Any]:
    return list(value) if FIELDS[name].kind in ("multi", "codes") else [value]


def _same(name: str, expected: Any, predicted: Any) -> bool:
    if FIELDS[name].kind in ("number", "bandwidth"):
        return abs(float(expected) - float(predicted)) <= max(NUMBER_TOLERANCE * abs(float(expected)), 0.5)
    return expected == predicted


def compare(expected: Case, predicted: Case) -> tuple[dict, dict, dict]:
    """(matched, missed, wrong): per field, the expected values read, not read, and values read wrongly."""
    matched, missed, wrong = {}, {}, {}
    want, got = expected.known(), predicted.known()
    for name in FIELDS:
        wanted, have = _items(name, want[name]) if name in want else [], _items(name, got[name]) if name in got else []
        hits = [w for w in wanted if any(_same(name, w, h) for h in have)]
        extra = [h for h in have if not any(_same(name, w, h) for w in wanted)]
        if hits:
            matched[name] = hits
        if len(hits) < len(wanted):
            missed[name] = [w for w in wanted if w not in hits]
        if extra:
            wrong[name] = extra
    return matched, missed, wrong


def evaluate(rows: Iterable[dict[str, str]], diagnoser=None, split: str | None = None) -> Evaluation:
    """Read and diagnose every labelled row (of ``split`` only, when given) and score the results."""
    from faultdx.engine import Diagnoser
    from faultdx.reader import read
    diagnoser = diagnoser or Diagnoser()
    result = Evaluation()
    for row in rows:
        if split and row.get("split", "") != split:
            continue
        try:
            expected = Case.from_values(json.loads(row.get("facts") or "{}"))
        except (ValueError, FactError) as exc:
            result.errors.append(f"{row.get('id')}: facts: {exc}")
            continue
        if row.get("category") not in CATEGORIES:
            result.errors.append(f"{row.get('id')}: category {row.get('category')!r} is not one of {CATEGORIES}")
            continue
        reading = read(row.get("text", ""))
        diagnosis = diagnoser.diagnose(reading.case)
        matched, missed, wrong = compare(expected, reading.case)
        for name, values in matched.items():
            result.tp[name] += len(values)
        for name, values in missed.items():
            result.fn[name] += len(values)
        for name, values in wrong.items():
            result.fp[name] += len(values)
        result.confusion[(row["category"], diagnosis.category)] += 1
        result.rows.append(Scored(row.get("id", ""), row.get("split", ""), row.get("text", ""), row["category"],
                                  diagnosis.category, tuple(c.category for c in diagnosis.candidates), missed, wrong))
    return result


def load_corpus(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
