"""The forbidden-language checker (phrasebook 二. 服务禁忌和禁语).

Text is compared in a folded form — full-width to half-width, spaces and punctuation dropped, 您 read
as 你 — so near variants are caught; each hit reports its position in the original text.  The guesses
(应该是, 也许是, 可能是, 大概是) are forbidden only towards customers.  The phrasebook's own mandated
sentences are never flagged: their fixed wording is set aside before the check.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from faultdx.phrasebook import PLACEHOLDER, load_phrasebook

RULE = "二.(二)4 服务禁语"
GUESS_RULE = "二.(二)4 服务禁语(对客户不得猜测)"
AUDIENCES = ("customer", "internal")

# (forbidden phrase as the spec lists it, folded pattern, audiences it applies to, phrase id to use instead)
FORBIDDEN = [
    ("怎么又问", r"怎么又问", AUDIENCES, "polite.8"),
    ("这是谁说的", r"这是谁说的", AUDIENCES, "explain.5.unconfirmed"),
    ("先听我说", r"(?:你)?先听我说", AUDIENCES, "polite.9"),
    ("我也不清楚", r"我也不太?清楚", AUDIENCES, "explain.5.unconfirmed"),
    ("解决不了", r"解决不了", AUDIENCES, "handling.16"),
    ("我给你联系电话", r"我给你(?:个)?联系电话", AUDIENCES, "handling.2"),
    ("你自己去联系一下", r"你自己去?联系一下", AUDIENCES, "handling.2"),
    ("这个不属于我们的职责", r"这个?不属于我们的?职责", AUDIENCES, "explain.4"),
    ("你的故障是咋个回事", r"你的故障是咋个?回事", AUDIENCES, "explain.2.ask"),
    ("我都等了很久了", r"我都等了很久了?", AUDIENCES, "polite.6"),
    ("应该是", r"应该是", ("customer",), "explain.5.unconfirmed"),
    ("也许是", r"也许是", ("customer",), "explain.5.unconfirmed"),
    ("可能是", r"可能是", ("customer",), "explain.5.unconfirmed"),
    ("大概是", r"大概是", ("customer",), "explain.5.unconfirmed"),
]
_COMPILED = [(word, re.compile(pattern), audiences, instead) for word, pattern, audiences, instead in FORBIDDEN]


@dataclass(frozen=True)
class Hit:
    start: int       # character offset in the checked text
    end: int
    text: str        # what was written
    forbidden: str   # the 禁语 of the list it matches
    rule: str
    instead_id: str | None
    instead: str | None


def _fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset it came from."""
    chars, where = [], []
    for offset, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char)
        for c in folded:
            if c.isspace() or unicodedata.category(c).startswith("P"):
                continue
            chars.append("你" if c == "您" else c.lower())
            where.append(offset)
    return "".join(chars), where


@lru_cache(maxsize=1)
def _mandated() -> re.Pattern:
    """The fixed wording of every customer-facing sentence, folded, placeholders as gaps."""
    parts = []
    for phrase in load_phrasebook().values():
        if phrase.audience != "customer":
            continue
        pieces = PLACEHOLDER.split(phrase.text)[::2]
        parts.append(".{0,40}?".join(re.escape(_fold(p)[0]) for p in pieces))
    return re.compile("|".join(sorted(parts, key=len, reverse=True)))


def lint(text: str, audience: str = "customer") -> list[Hit]:
    """The forbidden phrases in ``text`` for the given audience, in order of position."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}")
    folded, where = _fold(text)
    masked = _mandated().sub(lambda m: "\0" * len(m.group(0)), folded)
    phrases = load_phrasebook()
    hits = []
    for word, pattern, audiences, instead in _COMPILED:
        if audience not in audiences:
            continue
        for match in pattern.finditer(masked):
            start, end = where[match.start()], where[match.end() - 1] + 1
            hits.append(Hit(start, end, text[start:end], word, GUESS_RULE if len(audiences) == 1 else RULE,
                            instead, phrases[instead].text if instead else None))
    return sorted(hits, key=lambda h: (h.start, h.end))
