"""The forward-chaining engine: the rule sets of ``faultdx.rules`` over the abstracted facts of a ``Case``.

A diagnosis runs in three stages (heuristic classification): ``faultdx.abstraction`` turns the case's
figures into qualitative states; the engine matches the rules on those states (its result depends on
nothing else, so it is cached by ``Abstract.key``); ``Diagnoser._result`` renders the conclusions with
the case's own figures and the site's contacts.
"""
from __future__ import annotations

import inspect
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any, Iterator

from faultdx._experta import Agenda, DepthStrategy, Fact, KnowledgeEngine, Rule
from faultdx._rete import LeanDepthStrategy, LeanKnowledgeEngine
from faultdx.abstraction import LEVEL_LABELS, VALUE_NAMES, Abstract, abstract
from faultdx.config import Config, load_config
from faultdx.facts import FIELDS, Case, display_value
from faultdx.kb import (CATEGORIES, CATEGORY_LABELS, Advice, Ask, Candidate, Category, Cause, Conflict, Finding,
                        OUTPUT_FACTS, Say)
from faultdx.phrasebook import PLACEHOLDER, Phrasebook, load_phrasebook
from faultdx.result import (CandidateItem, CauseItem, ConflictItem, Diagnosis, FindingItem, Firing, Question,
                            Step)
from faultdx.rules import RULE_SETS

_OUTPUT = OUTPUT_FACTS


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
    """A fact as a support engineer reads it: 帐号状态=在线, CRM与网管带宽=一致, 判断:…

    Figures appear as placeholders ({crm_bw}) that rendering fills with the case's own values.
    """
    data = fact.as_dict()
    name = type(fact).__name__
    if name == "InitialFact":
        return ""
    if name == "State":
        spec = FIELDS[data["field"]]
        return f"{spec.label}={spec.yes_no[0] if data['value'] else spec.yes_no[1]}"
    if name == "Figure":
        return f"{FIELDS[data['name']].label}={{{data['name']}}}"
    if name == "Level":
        label, states = LEVEL_LABELS.get(data["of"], (data["of"], {}))
        return f"{label}={states.get(data['state'], data['state'])}"
    if name in _SLOT_FIELDS:
        field_name = _SLOT_FIELDS[name]
        value = next(v for k, v in data.items() if not str(k).startswith("__"))
        return f"{FIELDS[field_name].label}={display_value(field_name, value if field_name != 'error_codes' else (value,))}"
    if name == "Category":
        return f"类别={CATEGORY_LABELS[data['name']]}"
    if name in ("Finding", "Cause", "Conflict"):
        return {"Finding": "判断", "Cause": "原因", "Conflict": "矛盾"}[name] + ":" + data["text"]
    values = ", ".join(f"{k}={v!r}" for k, v in data.items() if not str(k).startswith("__"))
    return f"{name}({values})"


_SLOT_FIELDS = {"ErrorCode": "error_codes", "Complaint": "complaints", "ServiceType": "service", "Contact": "contact",
                "Concern": "concerns", "AccountStatus": "account_status", "OnuPon": "onu_pon", "Link": "link",
                "MismatchReason": "mismatch_reason", "WorkflowStage": "stage"}


class _CatalogueTies:
    """Ties broken by rule, so runs are repeatable across processes.

    experta orders activations of equal salience on the same facts by hash order, which changes
    with Python's string-hash seed; here the rule earlier in the catalogue fires first.
    """

    def get_key(self, activation):
        salience, facts = super().get_key(activation)
        return salience, facts, -RULE_ORDER.get(activation.rule._wrapped.rule_id, len(RULE_ORDER))


class _StableDepth(_CatalogueTies, DepthStrategy):
    """experta's depth strategy (salience, then the most recent facts), ties broken by rule."""


class _LeanStableDepth(_CatalogueTies, LeanDepthStrategy):
    """The same key from the uncached depth strategy of ``faultdx._rete``."""


class _FaultRules(*RULE_SETS):
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
    """The rule sets on the lean Rete run of ``faultdx._rete``: what fires, and in which order, is experta's.
    The network is kept built on disk (``faultdx._netcache``; not for subclasses, whose rules the key misses)."""

    __strategy__ = _LeanStableDepth
    network_cache = True


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


@dataclass(frozen=True)
class Conclusions:
    """What the engine concluded for one abstract case, before any figure is filled in."""
    facts: tuple[Fact, ...]
    trace: tuple[Firing, ...]


_local = threading.local()


def shared_engine() -> "FaultEngine":
    """This thread's engine: the rule network is built once per process (and thread) for every Diagnoser."""
    engine = getattr(_local, "engine", None)
    if engine is None:
        engine = _local.engine = FaultEngine(Config())
    return engine


class Diagnoser:
    """Diagnoses cases on the shared engine, with its own configuration; results are plain data.

    ``cache_size`` engine results are kept, keyed by the abstract case (0: run the engine every time).
    """

    def __init__(self, config: Config | None = None, phrasebook: Phrasebook | None = None,
                 engine: "FaultEngine | StockFaultEngine | None" = None, cache_size: int = 4096):
        self.config = config if config is not None else load_config()
        self.phrasebook = phrasebook if phrasebook is not None else load_phrasebook()
        self.engine = engine if engine is not None else shared_engine()
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple, Conclusions] = OrderedDict()
        self._templates: OrderedDict[tuple, Diagnosis] = OrderedDict()

    def diagnose(self, case: Case) -> Diagnosis:
        view = abstract(case, self.config.thresholds)
        return _fill(self.template(view), case, view)

    def template(self, view: Abstract) -> Diagnosis:
        """The diagnosis of an abstract case with its figures still as {placeholders} (cached with the engine's run)."""
        hit = self._templates.get(view.key)
        if hit is not None:
            self._templates.move_to_end(view.key)
            return hit
        template = self._result(self.conclude(view))
        if self.cache_size:
            self._templates[view.key] = template
            if len(self._templates) > self.cache_size:
                self._templates.popitem(last=False)
        return template

    def conclude(self, view: Abstract) -> Conclusions:
        """The engine's conclusions for an abstract case (from the cache when it has them)."""
        hit = self._cache.get(view.key)
        if hit is not None:
            self._cache.move_to_end(view.key)
            return hit
        engine = self.engine
        engine.config = self.config  # the engine may serve other Diagnosers with other settings
        engine.reset()
        engine.declare(*view.facts())
        engine.run()
        conclusions = Conclusions(tuple(f for f in engine.facts.values() if isinstance(f, _OUTPUT)),
                                  tuple(engine.trace))
        if self.cache_size:
            self._cache[view.key] = conclusions
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return conclusions

    def _result(self, conclusions: Conclusions) -> Diagnosis:
        """The conclusions as a Diagnosis: sentences rendered, site contacts filled, figures left as {name}."""
        facts = conclusions.facts
        fill = _Filler({**{k: v for k, v in self.config.site.items() if v is not None},
                        **{name: "{%s}" % name for name in VALUE_NAMES}})

        def of(kind) -> Iterator[Fact]:
            return (f for f in facts if isinstance(f, kind))

        declared = {f["name"] for f in of(Category)}
        categories = tuple(c for c in CATEGORIES if c in declared)
        known = [c for c in categories if c != "unknown"]
        overruled = {o for f in of(Category) if "over" in f for o in f["over"]}
        category = next((c for c in known if c not in overruled), known[0] if known else "unknown")
        steps = self._steps(sorted(of(Advice), key=lambda f: (f["rank"], f["__factid__"])), fill)
        phrasing = self._steps(sorted(of(Say), key=lambda f: (f["rank"], f["__factid__"])), fill)
        asked: dict[str, list[str]] = {}
        for ask in sorted(of(Ask), key=lambda f: (f["rank"], f["__factid__"])):
            asked.setdefault(ask["key"], []).append(ask["rule"])
        causes: dict[tuple, CauseItem] = {}
        for f in of(Cause):  # a confirmed cause replaces the same cause held as likely
            item = CauseItem(f["id"], fill(f["text"]), f["likely"], f["rule"], f["side"])
            if (f["id"], True) in causes and not f["likely"]:
                del causes[(f["id"], True)]
            if not (f["likely"] and (f["id"], False) in causes):
                causes[(f["id"], f["likely"])] = item
        return Diagnosis(
            category=category, categories=categories,
            category_rules=tuple(dict.fromkeys(f["rule"] for f in of(Category) if f["name"] == category)),
            causes=tuple(causes.values()),
            findings=tuple(FindingItem(f["kind"], fill(f["text"]), f["rule"]) for f in of(Finding)),
            steps=steps, questions=tuple(self._question(key, tuple(rules)) for key, rules in asked.items()),
            fired=tuple(Firing(f.rule, f.description, tuple(fill(x) for x in f.facts if x), f.because)
                        for f in conclusions.trace),
            facts={}, warnings=tuple(dict.fromkeys(fill.warnings)), phrasing=phrasing,
            conflicts=tuple(ConflictItem(fill(f["text"]), tuple(f["recheck"]), f["rule"]) for f in of(Conflict)),
            candidates=_candidates(of(Candidate)) if category == "unknown" else ())

    def _steps(self, advice: list[Fact], fill: "_Filler") -> tuple[Step, ...]:
        steps: list[Step] = []
        seen = set()
        for item in advice:
            if item["phrase"]:
                phrase = self.phrasebook[item["phrase"]]
                text, missing = phrase.render({**fill.values, **{k: fill(v) for k, v in item["values"]}})
                fill.warnings += [f"{phrase.id}: {name} 未配置(在配置文件 [site] 中设置)" for name in missing]
                step = Step(text, phrase.id, phrase.audience, item["rule"])
            else:
                step = Step(fill(item["text"]), None, item["audience"], item["rule"], item["source"])
            if (step.phrase_id, step.text) not in seen:
                seen.add((step.phrase_id, step.text))
                steps.append(step)
        return tuple(steps)

    def _question(self, key: str, asked_by: tuple[str, ...]) -> Question:
        spec = FIELDS[key]
        ask = spec.ask
        phrase = self.phrasebook[ask.phrase] if ask.phrase else None
        return Question(key, ask.prompt, ask.where, spec.kind, spec.choices(), asked_by,
                        phrase.id if phrase else None, phrase.text if phrase else None, spec.unit)


def _fill(template: Diagnosis, case: Case, view: Abstract) -> Diagnosis:
    """The template with this case's figures in its {placeholders}, its facts and how its figures were abstracted."""
    values, warnings = view.values, []

    def put(text: str) -> str:
        if "{" not in text:
            return text

        def value(match: re.Match) -> str:
            found = values.get(match.group(1))
            if found is None:
                warnings.append(f"{match.group(1)} 未知")
                return f"〔{match.group(1)} 未知〕"
            return str(found)
        return PLACEHOLDER.sub(value, text)

    def steps(items: tuple[Step, ...]) -> tuple[Step, ...]:
        out, seen = [], set()
        for step in items:
            step = replace(step, text=put(step.text)) if "{" in step.text else step
            if (step.phrase_id, step.text) not in seen:
                seen.add((step.phrase_id, step.text))
                out.append(step)
        return tuple(out)

    filled = replace(
        template,
        causes=tuple(replace(c, text=put(c.text)) if "{" in c.text else c for c in template.causes),
        findings=tuple(replace(f, text=put(f.text)) if "{" in f.text else f for f in template.findings),
        steps=steps(template.steps), phrasing=steps(template.phrasing),
        fired=tuple(replace(f, facts=tuple(put(x) for x in f.facts)) if any("{" in x for x in f.facts) else f
                    for f in template.fired),
        conflicts=tuple(replace(c, text=put(c.text)) if "{" in c.text else c for c in template.conflicts),
        candidates=tuple(replace(c, evidence=tuple(put(e) for e in c.evidence)) if any("{" in e for e in c.evidence)
                         else c for c in template.candidates),
        facts=case.known(), abstractions=tuple(d.text() for d in view.derivations))
    if warnings:
        filled = replace(filled, warnings=tuple(dict.fromkeys(template.warnings + tuple(warnings))))
    return filled


class _Filler:
    """Fills {name} in the engine's texts with the case's figures and the site's contacts."""

    def __init__(self, values: dict[str, Any]):
        self.values = values
        self.warnings: list[str] = []

    def __call__(self, text: Any) -> Any:
        if not isinstance(text, str) or "{" not in text:
            return text

        def fill(match: re.Match) -> str:
            value = self.values.get(match.group(1))
            if value is None:
                self.warnings.append(f"{match.group(1)} 未知")
                return f"〔{match.group(1)} 未知〕"
            return str(value)
        return PLACEHOLDER.sub(fill, text)


def _candidates(candidates: Iterator[Fact]) -> tuple[CandidateItem, ...]:
    """The families the evidence points to, most evidence first."""
    evidence: dict[str, list[str]] = {}
    for fact in candidates:
        evidence.setdefault(fact["category"], [])
        if fact["evidence"] not in evidence[fact["category"]]:
            evidence[fact["category"]].append(fact["evidence"])
    ranked = sorted(evidence.items(), key=lambda kv: (-len(kv[1]), CATEGORIES.index(kv[0])))
    return tuple(CandidateItem(c, CATEGORY_LABELS[c], tuple(e)) for c, e in ranked if c != "unknown")
