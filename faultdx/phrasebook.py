"""The operator's mandated sentences, loaded from ``faultdx.rules/phrasebook.toml``."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

from faultdx import _rulefiles

AUDIENCES = ("customer", "branch", "technician", "account_manager", "internal")
AUDIENCE_LABELS = {"customer": "客户", "branch": "分公司", "technician": "外线师傅",
                   "account_manager": "政企客户经理", "internal": "内部"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class PhraseError(KeyError):
    """A phrase id that the phrasebook does not have."""


@dataclass(frozen=True)
class Phrase:
    id: str
    section: str
    audience: str
    situation: str
    text: str
    placeholders: Mapping[str, str] = field(default_factory=dict)
    optional: tuple[str, ...] = ()   # placeholders the phrasebook marks as optional (可描述…): may stay empty

    def names(self) -> list[str]:
        """The placeholder names in the text, in order."""
        return PLACEHOLDER.findall(self.text)

    def spec_text(self) -> str:
        """The sentence as the phrasebook prints it, placeholders shown as the spec's own tokens."""
        return PLACEHOLDER.sub(lambda m: self.placeholders[m.group(1)], self.text)

    def render(self, values: Mapping[str, object], spec_tokens: bool = False) -> tuple[str, list[str]]:
        """The text with placeholders filled from ``values``; also the names that had no value.

        A missing value is shown as 〔name 未配置〕 (or, with ``spec_tokens``, as the spec's own
        token such as XX), never as a bare {name}.
        """
        missing: list[str] = []

        def fill(match: re.Match) -> str:
            value = values.get(match.group(1))
            if value == "" and match.group(1) in self.optional and not spec_tokens:
                return ""
            if value is None or value == "":
                missing.append(match.group(1))
                return self.placeholders[match.group(1)] if spec_tokens else f"〔{match.group(1)} 未配置〕"
            return str(value)

        return PLACEHOLDER.sub(fill, self.text), missing


class Phrasebook(Mapping[str, Phrase]):
    """All phrases by id, in the phrasebook's order."""

    def __init__(self, phrases: list[Phrase]):
        self._phrases = {p.id: p for p in phrases}

    def __getitem__(self, phrase_id: str) -> Phrase:
        try:
            return self._phrases[phrase_id]
        except KeyError:
            raise PhraseError(f"no phrase with id {phrase_id!r}") from None

    def __iter__(self):
        return iter(self._phrases)

    def __len__(self) -> int:
        return len(self._phrases)


@lru_cache(maxsize=1)
def load_phrasebook() -> Phrasebook:
    """The bundled phrasebook (found after a non-editable install too)."""
    raw = _rulefiles.load_toml("phrasebook.toml")
    phrases = []
    for entry in raw["phrase"]:
        phrase = Phrase(**{**entry, "placeholders": dict(entry.get("placeholders", {})),
                           "optional": tuple(entry.get("optional", ()))})
        if phrase.audience not in AUDIENCES:
            raise ValueError(f"phrase {phrase.id}: audience {phrase.audience!r} not in {AUDIENCES}")
        undeclared = set(phrase.names()) - set(phrase.placeholders)
        if undeclared:
            raise ValueError(f"phrase {phrase.id}: placeholders {sorted(undeclared)} have no spec token")
        phrases.append(phrase)
    return Phrasebook(phrases)


def find_phrases(query: str | None = None, section: str | None = None, audience: str | None = None,
                 site: Mapping[str, object] | None = None) -> list[Phrase]:
    """Phrases whose section starts with ``section``, for ``audience``, containing ``query``.

    The query is looked for in the id, the situation, the section and the sentence as the phrasebook
    prints it (its own tokens: 调度人员XX号, XX班组, X(M)) and as filled from ``site`` (81718000, 赵老师…),
    ignoring spaces and full-width forms.
    """
    from faultdx.config import SITE_DEFAULTS
    site = SITE_DEFAULTS if site is None else site
    key = _search_fold(query) if query else ""
    found = []
    for phrase in load_phrasebook().values():
        if section and not phrase.section.startswith(section):
            continue
        if audience and phrase.audience != audience:
            continue
        texts = (phrase.id, phrase.situation, phrase.section, phrase.text, phrase.spec_text(),
                 phrase.render(site)[0])
        if key and not any(key in _search_fold(text) for text in texts):
            continue
        found.append(phrase)
    return found


def _search_fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()
