"""The forbidden-language checker (phrasebook 二. 服务禁忌和禁语).

Text is compared in a folded form — full-width to half-width, spaces and punctuation dropped, 您 read
as 你 — so near variants are caught; each hit reports its position in the original text.  The guesses
(应该是, 也许是, 可能是, 大概是) are forbidden only towards customers: the phrasebook's own sentences to
branches use them (五.带宽故障类.6 "可能是用户电脑问题").  The fixed wording of every mandated sentence is
set aside before the check, so a mandated sentence is never flagged; what is written into one of its
gaps (三.2 "您的业务目前出现了**现象") is still checked.

Most replies contain no forbidden phrase at all: a character-set test (every character of some
forbidden phrase present) decides that before any folding, so a clean reply costs one set().
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from faultdx.choices import LINT_AUDIENCES as AUDIENCES
from faultdx.phrasebook import PLACEHOLDER, load_phrasebook

RULE = "二.(二)4 服务禁语"
GUESS_RULE = "二.(二)4 服务禁语(对客户不得猜测)"

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
# The characters every variant of each forbidden phrase contains (optional parts dropped).
_REQUIRED = [frozenset(re.sub(r"\(\?:[^)]*\)\??|.\?", "", pattern)) for _, pattern, _, _ in FORBIDDEN]
_NEEDS_FOLDING = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")  # radicals/compatibility ideographs


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
        folded = unicodedata.normalize("NFKC", char) if ord(char) >= 128 else char
        for c in folded:
            if c.isspace() or unicodedata.category(c).startswith("P"):
                continue
            chars.append("你" if c == "您" else c.lower())
            where.append(offset)
    return "".join(chars), where


@lru_cache(maxsize=1)
def _mandated() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """The fixed wording of every mandated sentence, folded, its placeholders as named gap groups."""
    parts, gaps = [], {}
    for number, phrase in enumerate(load_phrasebook().values()):
        pieces = [re.escape(_fold(p)[0]) for p in PLACEHOLDER.split(phrase.text)[::2]]
        names = tuple(f"g{number}x{i}" for i in range(len(pieces) - 1))
        body = pieces[0] + "".join(f"(?P<{name}>.{{0,40}}?)" + piece for name, piece in zip(names, pieces[1:]))
        parts.append((len(body), f"(?P<p{number}>{body})"))
        gaps[f"p{number}"] = names
    return re.compile("|".join(p for _, p in sorted(parts, reverse=True))), gaps


def _mask_mandated(folded: str) -> str:
    """The folded text with the fixed wording of mandated sentences blanked out (their gaps kept)."""
    pattern, gaps = _mandated()

    def blank(match: re.Match) -> str:
        keep = [match.span(name) for name in gaps[match.lastgroup] if match.group(name)]
        out, at = [], match.start()
        for start, end in keep:
            out += ["\0" * (start - at), folded[start:end]]
            at = end
        out.append("\0" * (match.end() - at))
        return "".join(out)
    return pattern.sub(blank, folded)


def lint(text: str, audience: str = "customer") -> list[Hit]:
    """The forbidden phrases in ``text`` for the given audience, in order of position."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}")
    present = set(text)
    if "您" in present:
        present.add("你")
    if not any(required <= present for required in _REQUIRED) and not _NEEDS_FOLDING.search(text):
        return []
    folded, where = _fold(text)
    masked = _mask_mandated(folded)
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
