"""A seeded corpus of distinct cases, derived from ``faultdx.facts`` so that new ``Case`` fields are covered too.

Each ``Case`` field is sampled by what its type and ``faultdx.facts`` say it accepts: a canonical value of
its vocabulary, yes/no, a number in ``NUMBER_RANGES``, a bandwidth tier, a date, dial-up codes.  A field of
a kind this module cannot tell raises, so a new kind of field is noticed rather than left out.  Used by the
engine sameness test and ``benchmarks/engine_bench.py``; it stores no expected outputs.
"""
from __future__ import annotations

import random
import typing
from dataclasses import fields
from typing import Any, Callable

from faultdx.facts import NUMBER_RANGES, Case, FactError, normalise, vocabulary_of
from faultdx.rules import RULE_SETS

BANDWIDTHS = ("512K", "1M", "2M", "4M", "8M", "10M", "20M", "50M", "100M")
DIAL_CODES = (691, 678, 769, 633)  # the phrasebook's codes; codes the rules test are added below


def _literals(pattern: Any, kind: type) -> set:
    """Every value of type ``kind`` a rule pattern compares a field with (walks facts and conditional elements)."""
    if isinstance(pattern, dict):
        return {v for v in pattern.values() if type(v) is kind}
    if isinstance(pattern, tuple):
        return set().union(*(_literals(p, kind) for p in pattern))
    return set()


def _rule_codes() -> tuple[int, ...]:
    found = set(DIAL_CODES)
    for rule_set in RULE_SETS:
        for member in vars(rule_set).values():
            if isinstance(member, tuple):  # an experta Rule is a tuple of its patterns
                found |= {v for v in _literals(member, int) if 0 < v < 1_000_000}
    return tuple(sorted(found))


def _accepts(name: str, raw: Any) -> bool:
    try:
        normalise(name, raw)
    except (FactError, ValueError, TypeError):
        return False
    return True


def _sampler(name: str, hint: Any) -> Callable[[random.Random, dict], Any]:
    """How to draw a raw value for one ``Case`` field."""
    args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    origin = typing.get_origin(hint)
    vocabulary = tuple(vocabulary_of(name))
    if origin is tuple and args[0] is int:
        codes = _rule_codes()
        return lambda rnd, case: tuple(rnd.choice(codes) if rnd.random() < 0.85 else rnd.randint(600, 799)
                                       for _ in range(rnd.choice((1, 1, 1, 2))))
    if origin is tuple and args[0] is str and vocabulary:
        return lambda rnd, case: tuple(rnd.sample(vocabulary, rnd.choice((1, 1, 1, 2))))
    if args[0] is str and vocabulary:
        return lambda rnd, case: rnd.choice(vocabulary)
    if args[0] is bool:
        return lambda rnd, case: rnd.random() < 0.5
    if args[0] is float and name in NUMBER_RANGES:
        low, high = NUMBER_RANGES[name]

        def number(rnd: random.Random, case: dict) -> float:
            mode = rnd.random()
            if mode < 0.25:
                return round(rnd.uniform(low, high), 1)
            if mode < 0.75:  # where thresholds usually lie: the first 100 units of the range
                return round(rnd.uniform(low, min(high, low + 100)), 1)
            return float(rnd.randint(int(low), int(min(high, low + 30))))
        return number
    if args[0] is float and _accepts(name, "4M"):
        # bandwidth fields often share the case's tier, so records agree as often as they differ
        return lambda rnd, case: case["tier"] if rnd.random() < 0.5 else rnd.choice(BANDWIDTHS)
    if args[0] is str and _accepts(name, "11-20"):
        return lambda rnd, case: f"{rnd.randint(1, 12)}-{rnd.randint(1, 28)}"
    raise TypeError(f"case_corpus cannot sample Case.{name} ({hint}); teach _sampler this kind of field")


SAMPLERS = {f.name: _sampler(f.name, typing.get_type_hints(Case)[f.name]) for f in fields(Case)}


def random_case(rnd: random.Random) -> Case:
    """One case: each field known with a probability drawn per case (sparse to dense)."""
    density = rnd.choice((0.05, 0.1, 0.15, 0.25, 0.4, 0.7))
    scratch = {"tier": rnd.choice(BANDWIDTHS)}
    values = {name: sample(rnd, scratch) for name, sample in SAMPLERS.items() if rnd.random() < density}
    return Case.from_values(values)


def generated_cases(count: int, seed: int = 12) -> list[Case]:
    """``count`` distinct cases, the same list for the same seed."""
    rnd = random.Random(seed)
    cases: dict[Case, None] = {}
    while len(cases) < count:
        cases.setdefault(random_case(rnd))
    return list(cases)
