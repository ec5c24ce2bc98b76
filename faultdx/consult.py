"""A guided consultation: the engine's own open questions, asked one at a time.

A ``Consultation`` starts from a ``Case`` and keeps the answers given so far; after each one
the engine runs again.  ``next_question`` is the open question of lowest rank (the order of
checks in the knowledge base) not already answered 不清楚.  ``why`` says which rules wait for a
question and what each answer would conclude, by running the engine on it; ``how`` traces every
conclusion back through the rules that fired to the facts they matched.  The dialogue over lines
of text that drives a ``Consultation`` is ``faultdx.conversation``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from faultdx.engine import Diagnoser, rule_catalogue
from faultdx.facts import NUMBER_RANGES, Case, FactError, normalise
from faultdx.result import Diagnosis, Firing, Question

SAMPLE_DATE = "01月01日"  # any date: an order date only fills a sentence
RULE_DESCRIPTIONS = {rule_id: description for rule_id, _, description in rule_catalogue()}


@dataclass(frozen=True)
class Answer:
    """One answer of the consultation; ``value`` is None for 不清楚."""
    key: str
    value: Any


@dataclass(frozen=True)
class Change:
    """What one answer changed in the diagnosis."""
    before: Diagnosis
    after: Diagnosis

    @property
    def category_changed(self) -> bool:
        return self.before.category != self.after.category

    @property
    def new_findings(self):
        return _added(self.before.findings, self.after.findings)

    @property
    def new_causes(self):
        return _added(self.before.causes, self.after.causes)

    @property
    def dropped_causes(self):
        return _added(self.after.causes, self.before.causes)

    @property
    def new_steps(self):
        return _added(self.before.steps, self.after.steps, key=lambda s: (s.phrase_id, s.text))

    @property
    def dropped_steps(self):
        return _added(self.after.steps, self.before.steps, key=lambda s: (s.phrase_id, s.text))

    @property
    def new_questions(self):
        return _added(self.before.questions, self.after.questions, key=lambda q: q.key)

    @property
    def new_rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(_added(self.before.rules, self.after.rules)))


def _added(old, new, key=lambda item: item) -> tuple:
    """The items of ``new`` that ``old`` does not have (compared by ``key``), in order."""
    had = {key(item) for item in old}
    return tuple(item for item in new if key(item) not in had)


@dataclass(frozen=True)
class Outcome:
    """What one possible answer to a question would change."""
    label: str
    change: Change


@dataclass(frozen=True)
class Why:
    """Why a question is asked: the rules waiting for it, and what its answers would conclude."""
    question: Question
    waiting: tuple[tuple[str, str], ...]
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True)
class Explanation:
    """How one conclusion was reached: the firings behind it, the concluding rule first."""
    kind: str
    text: str
    chain: tuple[Firing, ...]


class Consultation:
    """One guided consultation: a starting case, the answers so far, and every event in order."""

    def __init__(self, diagnoser: Diagnoser | None = None, case: Case | None = None, reading=None):
        self.diagnoser = diagnoser if diagnoser is not None else Diagnoser()
        self.start = case if case is not None else Case()
        self.reading = reading   # what was read from the ticket text, with its evidence (faultdx.reader)
        self.answers: list[Answer] = []
        self.log: list[dict[str, Any]] = []
        self._results: dict[Case, Diagnosis] = {}

    @property
    def case(self) -> Case:
        """The starting case with every answer so far."""
        case = self.start
        for answer in self.answers:
            if answer.value is not None:
                case = case.with_value(answer.key, answer.value)
        return case

    @property
    def skipped(self) -> frozenset[str]:
        return frozenset(a.key for a in self.answers if a.value is None)

    @property
    def result(self) -> Diagnosis:
        return self._diagnose(self.case)

    def next_question(self) -> Question | None:
        """The open question of lowest rank not answered 不清楚, or None when nothing is left to ask."""
        return next((q for q in self.result.questions if q.key not in self.skipped), None)

    def unknown(self) -> tuple[Question, ...]:
        """The questions still open: what stayed unknown, and where to check to learn it."""
        return self.result.questions

    def answer(self, key: str, value: Any) -> Change:
        """Record an answer (raw or canonical; raises FactError if it does not fit) and re-run the engine."""
        self.case.with_value(key, value)  # raises before anything is recorded
        return self._record(Answer(key, normalise(key, value)), "answer")

    def skip(self, key: str) -> Change:
        """Record 不清楚 for ``key``: the consultation goes on with the other branches."""
        return self._record(Answer(key, None), "skip")

    def back(self) -> Change | None:
        """Undo the last answer (or 不清楚); None when there is nothing to undo."""
        if not self.answers:
            return None
        before = self.result
        undone = self.answers.pop()
        self.log.append({"event": "back", "key": undone.key})
        return Change(before, self.result)

    def why(self, question: Question) -> Why:
        """The rules waiting for ``question`` and, per possible answer, what the engine would then conclude."""
        now = self.result
        outcomes = []
        for label, value in self._candidates(question):
            try:
                after = self._diagnose(self.case.with_value(question.key, value))
            except FactError:
                continue
            outcomes.append(Outcome(label, Change(now, after)))
        return Why(question, tuple((r, RULE_DESCRIPTIONS[r]) for r in question.asked_by), tuple(outcomes))

    def how(self) -> tuple[Explanation, ...]:
        """Every conclusion (category, causes, steps, service sentences) with the firings behind it."""
        result = self.result
        firings: dict[str, Firing] = {}
        for firing in result.fired:
            firings.setdefault(firing.rule, firing)

        def chain(rules) -> tuple[Firing, ...]:
            seen: dict[str, Firing] = {}
            stack = list(reversed(rules))
            while stack:
                rule_id = stack.pop()
                if rule_id in seen or rule_id not in firings:
                    continue
                seen[rule_id] = firings[rule_id]
                stack.extend(reversed(firings[rule_id].because))
            return tuple(seen.values())

        explanations = [Explanation("category", result.category_label, chain(result.category_rules))]
        explanations += [Explanation("cause", c.text, chain([c.rule])) for c in result.causes]
        explanations += [Explanation("step", s.text, chain([s.rule])) for s in result.steps]
        explanations += [Explanation("phrasing", s.text, chain([s.rule])) for s in result.phrasing]
        return tuple(explanations)

    def to_dict(self) -> dict[str, Any]:
        """The whole consultation as JSON-ready data: start, answers, every event, result, unknowns."""
        return {"started_from": self.start.known(),
                "answers": [{"key": a.key, "value": a.value, "unknown": a.value is None} for a in self.answers],
                "log": self.log,
                "result": self.result.to_dict(),
                "unknown": [{"key": q.key, "prompt": q.prompt, "where": q.where,
                             "answered_unknown": q.key in self.skipped} for q in self.unknown()]}

    def _record(self, answer: Answer, event: str) -> Change:
        before = self.result
        self.answers.append(answer)
        self.log.append({"event": event, "key": answer.key, "value": answer.value})
        return Change(before, self.result)

    def _diagnose(self, case: Case) -> Diagnosis:
        if case not in self._results:
            self._results[case] = self.diagnoser.diagnose(case)
        return self._results[case]

    def _candidates(self, question: Question) -> Iterator[tuple[str, Any]]:
        """The answers ``why`` looks ahead with: the choices, else values that reach each side of a test."""
        if question.choices:
            yield from ((label, value) for value, label in question.choices)
        elif question.kind == "bandwidth":
            known = [v for v in (self.case.crm_bw, self.case.nms_bw) if v is not None]
            for mbps in dict.fromkeys([*known, *(v / 2 for v in known), *(2 * v for v in known)] or [4.0]):
                yield f"{mbps:g}M", mbps
        elif question.kind == "date":
            yield SAMPLE_DATE, SAMPLE_DATE
        elif question.kind == "number":
            low, high = NUMBER_RANGES[question.key]
            yield from ((f"{v:g}", v) for v in (low, high))
