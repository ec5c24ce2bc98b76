"""The knowledge base described: every rule with its phrasebook item or source, the phrases and questions it
uses, and every item of the phrasebook with what implements it.

``rules()`` reads the rule sets themselves (the ``item``/``source``/``phrases`` of ``faultdx.kb.rule`` and the
phrase ids and field names their bodies name), so ``faultdx rules 拨号认证.4`` goes from a spec item to its
rules in one step, and ``faultdx phrases ID`` from a sentence to the rules that say it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import CodeType
from typing import Iterable

from faultdx import _rulefiles
from faultdx.fields import FIELDS
from faultdx.phrasebook import Phrase, load_phrasebook

SPEC_FILE = "phrasebook-zh.txt"


@dataclass(frozen=True)
class RuleInfo:
    id: str
    family: str
    description: str
    items: tuple[str, ...]
    source: str
    phrases: tuple[str, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    not_expressible: str = ""
    implemented_by: str = ""


def _constants(code: CodeType) -> Iterable[str]:
    for const in code.co_consts:
        if isinstance(const, str):
            yield const
        elif isinstance(const, CodeType):
            yield from _constants(const)


def rules_of(engine_class) -> list[RuleInfo]:
    """Every rule of an engine class (or rule set), in the order its rule sets are composed."""
    from faultdx._experta import Rule
    book = load_phrasebook()
    rows, seen = [], set()
    for klass in engine_class.__mro__:
        for name, member in vars(klass).items():
            if not isinstance(member, Rule) or name in seen:
                continue
            seen.add(name)
            function = member._wrapped
            names = set(_constants(function.__code__))
            phrases = tuple(dict.fromkeys([*sorted(p for p in names if p in book),
                                           *getattr(function, "declared_phrases", ())]))
            questions = tuple(sorted(q for q in names if q in FIELDS and FIELDS[q].ask))
            rows.append(RuleInfo(function.rule_id, klass.__module__.rsplit(".", 1)[-1], function.description,
                                 getattr(function, "items", ()), getattr(function, "source", ""), phrases, questions))
    return rows


def rules() -> list[RuleInfo]:
    """Every rule of the knowledge base."""
    from faultdx.engine import FaultEngine
    return rules_of(FaultEngine)


@lru_cache(maxsize=1)
def items() -> tuple[Item, ...]:
    """Every item of the phrasebook (rules/items.toml)."""
    raw = _rulefiles.load_toml("items.toml")
    return tuple(Item(**entry) for entry in raw["item"])


def contradictions() -> list[tuple[tuple[str, str], str]]:
    """Pairs of phrases that must never be given together, and why."""
    raw = _rulefiles.load_toml("items.toml")
    return [(tuple(entry["phrases"]), entry["why"]) for entry in raw.get("contradiction", [])]


def spec_text() -> str:
    """The bundled copy of the operator's phrasebook."""
    return _rulefiles.read_text(SPEC_FILE)


def item_of(phrase: Phrase) -> str:
    """The item a phrase belongs to: its section without a variant (三.5(1) → 三.5)."""
    return re.sub(r"\(\d\)$", "", phrase.section)


def _key(text: str) -> str:
    return text.replace("类", "").replace("五.", "").replace(" ", "")


def find_items(query: str) -> list[Item]:
    """Items matching a query such as 拨号认证.4, 五.拨号认证类.4, 三.5 or 宽带新天地 (prefix, 类 and 五. optional)."""
    key = _key(query)
    exact = [item for item in items() if _key(item.id) == key]
    if exact:
        return exact
    return [item for item in items() if _key(item.id).startswith(key) or key in item.title]


def rules_for_item(item_id: str, infos: list[RuleInfo] | None = None) -> list[RuleInfo]:
    """The rules that implement an item: those naming it, and those saying one of its phrases."""
    book = load_phrasebook()
    phrases = {p.id for p in book.values() if item_of(p) == item_id}
    return [r for r in (infos if infos is not None else rules())
            if item_id in r.items or phrases.intersection(r.phrases)]


def rules_for_phrase(phrase_id: str, infos: list[RuleInfo] | None = None) -> list[RuleInfo]:
    """The rules that say a phrase, or ask the question whose wording it is (auth.1 is the error-code question)."""
    asked_with = {key for key, spec in FIELDS.items() if spec.ask is not None and spec.ask.phrase == phrase_id}
    return [r for r in (infos if infos is not None else rules())
            if phrase_id in r.phrases or asked_with & set(r.questions)]
