"""The result of a diagnosis: category, causes, ordered steps, open questions and the rule trace."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from faultdx.kb import CATEGORY_LABELS


@dataclass(frozen=True)
class Step:
    text: str
    phrase_id: str | None
    audience: str
    rule: str
    source: str | None = None   # for a step not from the phrasebook (phrase_id null): where it comes from


@dataclass(frozen=True)
class CauseItem:
    id: str
    text: str
    likely: bool
    rule: str
    side: str = "neither"       # operator | user | neither


@dataclass(frozen=True)
class FindingItem:
    kind: str
    text: str
    rule: str


@dataclass(frozen=True)
class Question:
    key: str
    prompt: str
    where: str
    kind: str
    choices: tuple[tuple[str, str], ...]
    asked_by: tuple[str, ...]
    phrase_id: str | None = None
    phrase_text: str | None = None
    unit: str = ""


@dataclass(frozen=True)
class ConflictItem:
    """Facts that contradict each other, and the fields to re-check."""
    text: str
    recheck: tuple[str, ...]
    rule: str


@dataclass(frozen=True)
class CandidateItem:
    """A family the evidence points to while none is confirmed, with that evidence."""
    category: str
    label: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Firing:
    """One rule firing: the facts it matched, and the rules whose conclusions among them it built on."""
    rule: str
    description: str
    facts: tuple[str, ...]
    because: tuple[str, ...] = ()


@dataclass(frozen=True)
class Diagnosis:
    category: str
    categories: tuple[str, ...]
    causes: tuple[CauseItem, ...]
    findings: tuple[FindingItem, ...]
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    fired: tuple[Firing, ...]
    facts: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    phrasing: tuple[Step, ...] = ()
    category_rules: tuple[str, ...] = ()
    conflicts: tuple[ConflictItem, ...] = ()
    candidates: tuple[CandidateItem, ...] = ()
    abstractions: tuple[str, ...] = ()   # how figures became states (数据抽象), one line each

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS[self.category]

    @property
    def rules(self) -> list[str]:
        return [f.rule for f in self.fired]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["category_label"] = self.category_label
        for question in data["questions"]:
            question["choices"] = [{"value": v, "label": label} for v, label in question["choices"]]
        return data
