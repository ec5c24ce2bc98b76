"""The forward-chaining engine: the rule sets of ``faultdx.rules`` over the facts of a ``Case``."""
from __future__ import annotations

import inspect
import threading
from typing import Iterator

from faultdx._experta import Agenda, DepthStrategy, Fact, KnowledgeEngine, Rule
from faultdx._rete import LeanDepthStrategy, LeanKnowledgeEngine
from faultdx.config import Config, load_config
from faultdx.facts import Case
from faultdx.kb import CATEGORIES, Advice, Ask, Category, Cause, Conclusions, Finding, Say
from faultdx.phrasebook import Phrasebook, load_phrasebook
from faultdx.result import CauseItem, Diagnosis, FindingItem, Firing, Question, Step
from faultdx.rules import RULE_SETS
from faultdx.rules.questions import QUESTIONS

_OUTPUT = (Category, Finding, Cause, Advice, Ask, Say)


class _TracingAgenda(Agenda):
    """An agenda that records every activation the engine takes from it."""

    def __init__(self, engine: "FaultEngine"):
        super().__init__()
        self.engine = engine

    def get_next(self):
        activation = super().get_next()
        if activation is not None:
            function = activation.rule._wrapped
            self.engine.firing = function.rule_id
            facts = sorted((f for f in activation.facts if type(f) is not Fact), key=lambda f: f["__factid__"])
            origins = (self.engine.origin.get(f["__factid__"]) for f in facts)
            self.engine.trace.append(Firing(function.rule_id, function.description,
                                            tuple(describe(f) for f in facts),
                                            tuple(dict.fromkeys(rule for rule in origins if rule))))
        return activation


def describe(fact: Fact) -> str:
    """A fact as ``Name(field=value, …)``, without experta's internal fields."""
    hidden = ("text", "rule", "values") if isinstance(fact, _OUTPUT) else ()
    values = ", ".join(f"{k}={v!r}" for k, v in fact.as_dict().items()
                       if not str(k).startswith("__") and k not in hidden)
    return f"{type(fact).__name__}({values})"


class _CatalogueTies:
    """Ties broken by rule, so runs are repeatable across processes.

    experta orders activations of equal salience on the same facts by hash order, which changes
    with Python's string-hash seed; here the rule earlier in the catalogue fires first.
    """

    def get_key(self, activation):
        salience, facts = super().get_key(activation)
        return salience, facts, -RULE_ORDER[activation.rule._wrapped.rule_id]


class _StableDepth(_CatalogueTies, DepthStrategy):
    """experta's depth strategy (salience, then the most recent facts), ties broken by rule."""


class _LeanStableDepth(_CatalogueTies, LeanDepthStrategy):
    """The same key from the uncached depth strategy of ``faultdx._rete``."""


class _FaultRules(*RULE_SETS, Conclusions):
    """All rule sets; ``config`` carries site settings rules may read; firings are traced."""

    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        self.trace: list[Firing] = []
        self.origin: dict[int, str] = {}

    def declare(self, *facts):
        """Declare facts; one declared by a firing rule remembers that rule as its origin."""
        last = super().declare(*facts)
        if self.firing is not None:
            for fact in facts:
                if "__factid__" in fact:
                    self.origin[fact["__factid__"]] = self.firing
        return last

    def reset(self, **kwargs):
        super().reset(**kwargs)
        tracing = _TracingAgenda(self)
        tracing.activations = self.agenda.activations  # keep what reset() already activated
        self.agenda = tracing
        self.trace = []
        self.origin = {}
        self.firing = None


class FaultEngine(_FaultRules, LeanKnowledgeEngine):
    """The rule sets on the lean Rete run of ``faultdx._rete``: what fires, and in which order, is experta's."""

    __strategy__ = _LeanStableDepth


class StockFaultEngine(_FaultRules, KnowledgeEngine):
    """The rule sets on experta as shipped: the reference of the sameness test and of the engine benchmark."""

    __strategy__ = _StableDepth


def rule_catalogue() -> list[tuple[str, str, str]]:
    """Every rule as (id, family module, description), in rule-set order."""
    rows = []
    for rule_set in RULE_SETS:
        for _, member in inspect.getmembers(rule_set, lambda m: isinstance(m, Rule)):
            function = member._wrapped
            rows.append((function.rule_id, rule_set.__module__.rsplit(".", 1)[-1], function.description))
    return rows


RULE_ORDER = {rule_id: index for index, (rule_id, _, _) in enumerate(rule_catalogue())}


_local = threading.local()


def shared_engine() -> FaultEngine:
    """This thread's engine: the rule network is built once per process (and thread) for every Diagnoser."""
    engine = getattr(_local, "engine", None)
    if engine is None:
        engine = _local.engine = FaultEngine(Config())
    return engine


class Diagnoser:
    """Diagnoses cases on the shared engine, with its own configuration; results are plain data."""

    def __init__(self, config: Config | None = None, phrasebook: Phrasebook | None = None,
                 engine: FaultEngine | StockFaultEngine | None = None):
        self.config = config if config is not None else load_config()
        self.phrasebook = phrasebook if phrasebook is not None else load_phrasebook()
        self.engine = engine if engine is not None else shared_engine()

    def diagnose(self, case: Case) -> Diagnosis:
        engine = self.engine
        engine.config = self.config  # the engine may serve other Diagnosers with other settings
        engine.reset()
        engine.declare(*case.facts())
        engine.run()
        return self._result(case, list(engine.facts.values()), engine.trace)

    def _result(self, case: Case, facts: list[Fact], trace: list[Firing]) -> Diagnosis:
        def of(kind) -> Iterator[Fact]:
            return (f for f in facts if isinstance(f, kind))

        declared = {f["name"] for f in of(Category)}
        categories = tuple(c for c in CATEGORIES if c in declared)
        known = [c for c in categories if c != "unknown"]
        category = known[0] if known else "unknown"
        steps, warnings = self._steps(sorted(of(Advice), key=lambda f: (f["rank"], f["__factid__"])))
        phrasing, more = self._steps(sorted(of(Say), key=lambda f: (f["rank"], f["__factid__"])))
        asked: dict[str, list[str]] = {}
        for ask in sorted(of(Ask), key=lambda f: (f["rank"], f["__factid__"])):
            asked.setdefault(ask["key"], []).append(ask["rule"])
        questions = tuple(self._question(key, tuple(rules)) for key, rules in asked.items())
        return Diagnosis(
            category=category, categories=categories,
            category_rules=tuple(dict.fromkeys(f["rule"] for f in of(Category) if f["name"] == category)),
            causes=tuple(CauseItem(f["id"], f["text"], f["likely"], f["rule"]) for f in of(Cause)),
            findings=tuple(FindingItem(f["kind"], f["text"], f["rule"]) for f in of(Finding)),
            steps=steps, questions=questions, fired=tuple(trace), facts=case.known(),
            warnings=tuple(dict.fromkeys(warnings + more)), phrasing=phrasing)

    def _steps(self, advice: list[Fact]) -> tuple[tuple[Step, ...], tuple[str, ...]]:
        steps: list[Step] = []
        warnings: list[str] = []
        seen = set()
        for item in advice:
            if item["phrase"]:
                phrase = self.phrasebook[item["phrase"]]
                text, missing = phrase.render({**self.config.site, **dict(item["values"])})
                warnings += [f"{phrase.id}: {name} 未配置(在配置文件 [site] 中设置)" for name in missing]
                step = Step(text, phrase.id, phrase.audience, item["rule"])
            else:
                step = Step(item["text"], None, item["audience"], item["rule"])
            if (step.phrase_id, step.text) not in seen:
                seen.add((step.phrase_id, step.text))
                steps.append(step)
        return tuple(steps), tuple(dict.fromkeys(warnings))

    def _question(self, key: str, asked_by: tuple[str, ...]) -> Question:
        spec = QUESTIONS[key]
        phrase = self.phrasebook[spec["phrase"]] if "phrase" in spec else None
        return Question(key, spec["prompt"], spec["where"], spec["kind"], tuple(spec.get("choices", ())),
                        asked_by, phrase.id if phrase else None, phrase.text if phrase else None,
                        spec.get("unit", ""))
