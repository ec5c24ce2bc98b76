"""The knowledge base checks itself (``faultdx check``).

Static checks read the rules, the phrasebook and the item list (rules/items.toml):
- every rule names the phrasebook item it implements or the source of its knowledge;
- every item names what implements it, or is listed as not expressible with a reason;
- every technical (五) sentence is said by some rule, and every phrase id a rule names exists;
- every sentence of the phrasebook is verbatim in the bundled copy of the source.

Dynamic checks explore the knowledge base the way a consultation does — from every first symptom,
answering every open question with each of its answers (figures on each side of their thresholds),
a few levels deep — and run the engine on every case met:
- no sentence renders a placeholder as 〔… 未知〕, or as 〔… 未配置〕 without a site key that exists;
- no result says two sentences that contradict each other (the pairs of items.toml);
- every answer to every question leads somewhere: a new conclusion or sentence, or the consultation goes on.
"""
from __future__ import annotations

import ast
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from faultdx.abstraction import sample_values
from faultdx.catalogue import (RuleInfo, contradictions, item_of, items, rules_for_item, rules_of, spec_text)
from faultdx.config import SITE_DEFAULTS, Config
from faultdx.facts import FIELDS, Case, FactError
from faultdx.phrasebook import load_phrasebook
from faultdx.result import Diagnosis

PHRASE_ID = re.compile(r"^(?:polite|explain|handling|auth|net|bw|code|flow|vpn|iptv|fiber)\.[\w.]+$")
FAMILY_SLUGS = {"五.拨号认证类": "auth", "五.网络无法使用类": "net", "五.带宽故障类": "bw", "五.其它错误代码": "code",
                "五.流程卡单": "flow", "五.VPN用户网页无法打开": "vpn", "五.宽带新天地认证失败": "iptv",
                "五.光纤用户无法查询资料": "fiber", "三": "explain", "四": "handling", "一": "polite"}


@dataclass(frozen=True)
class Problem:
    kind: str       # rule | source | item | phrase | placeholder | contradiction | dead_end | spec
    where: str
    message: str


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    coverage: list[dict] = field(default_factory=list)
    cases: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check(engine_class=None, config: Config | None = None, tests_dir: str | Path | None = None,
          depth: int = 4, limit: int = 3000) -> Report:
    """Run every check on the knowledge base (or on ``engine_class``, e.g. one with a planted defect)."""
    from faultdx.engine import Diagnoser, FaultEngine
    engine_class = engine_class or FaultEngine
    diagnoser = _Memo(Diagnoser(config or Config()))
    if engine_class is not FaultEngine:
        diagnoser.diagnoser.engine = engine_class(diagnoser.config)
    infos = rules_of(engine_class)
    report = Report()
    report.problems += _hidden_rules(engine_class) + _static(infos)
    report.cases = _explore(diagnoser, report.problems, depth, limit)
    report.coverage = _coverage(infos, tests_dir)
    return report


class _Memo:
    """A diagnoser that remembers every case it has diagnosed (exploring meets the same cases again and again)."""

    def __init__(self, diagnoser):
        self.diagnoser, self.config, self.results = diagnoser, diagnoser.config, {}

    def diagnose(self, case: Case) -> Diagnosis:
        if case not in self.results:
            self.results[case] = self.diagnoser.diagnose(case)
        return self.results[case]


def _hidden_rules(engine_class) -> list[Problem]:
    """Rules a same-named rule of another rule set hides: composed into one engine, only one would run."""
    from faultdx._experta import Rule
    owners: dict[str, list[str]] = {}
    for klass in engine_class.__mro__:
        for name, member in vars(klass).items():
            if isinstance(member, Rule):
                owners.setdefault(name, []).append(member._wrapped.rule_id)
    return [Problem("rule", ids[-1], f"规则方法名 {name} 与 {'、'.join(ids[:-1])} 重复,被其遮盖,永远不会运行")
            for name, ids in owners.items() if len(ids) > 1]


def _static(infos: list[RuleInfo]) -> list[Problem]:
    problems = []
    ids = [info.id for info in infos]
    problems += [Problem("rule", rule_id, "规则编号重复") for rule_id in sorted({i for i in ids if ids.count(i) > 1})]
    book = load_phrasebook()
    known_items = {item.id for item in items()}
    for info in infos:
        if not info.items and not info.source:
            problems.append(Problem("source", info.id, "规则既没有注明实现的手册条目(item),也没有注明知识来源(source)"))
        for item in info.items:
            if item not in known_items:
                problems.append(Problem("source", info.id, f"注明的手册条目 {item} 不在 rules/items.toml 中"))
    for item in items():
        if item.not_expressible or item.implemented_by:
            continue
        phrases = [p for p in book.values() if item_of(p) == item.id]
        rules = rules_for_item(item.id, infos)
        if item.id.startswith("五") and not rules:
            problems.append(Problem("item", item.id, "技术条目没有任何规则实现"))
        elif not phrases and not rules:
            problems.append(Problem("item", item.id, "没有规则或用语实现,也没有说明为何无法表达"))
    said = {p for info in infos for p in info.phrases}
    said |= {FIELDS[q].ask.phrase for info in infos for q in info.questions if FIELDS[q].ask.phrase}
    for phrase in book.values():
        if phrase.section.startswith("五") and phrase.id not in said:
            problems.append(Problem("phrase", phrase.id, "技术用语没有任何规则使用"))
    for info in infos:
        function_names = _rule_constants(info)
        for name in function_names:
            if PHRASE_ID.match(name) and name not in book:
                problems.append(Problem("phrase", info.id, f"规则引用了不存在的用语 {name}"))
    spec = "".join(spec_text().split())
    for phrase in book.values():
        if "".join(phrase.spec_text().split()) not in spec:
            problems.append(Problem("spec", phrase.id, "用语与手册原文不一致"))
    return problems


def _rule_constants(info: RuleInfo) -> set[str]:
    from faultdx.engine import FaultEngine
    from faultdx.catalogue import _constants
    from faultdx._experta import Rule
    for klass in FaultEngine.__mro__:
        for member in vars(klass).values():
            if isinstance(member, Rule) and member._wrapped.rule_id == info.id:
                return set(_constants(member._wrapped.__code__))
    return set()


def _seeds() -> list[Case]:
    """The first symptoms a consultation may start from."""
    from faultdx.rules.error_codes import KNOWN_CODES
    seeds = [Case()]
    seeds += [Case(complaints=(c,)) for c in FIELDS["complaints"].vocabulary]
    seeds += [Case(error_codes=(c,)) for c in sorted(KNOWN_CODES | {999})] + [Case(error_codes=(691, 678))]
    seeds += [Case(stage=s) for s in FIELDS["stage"].vocabulary]
    seeds += [Case(contact=c) for c in FIELDS["contact"].vocabulary]
    seeds += [Case(concerns=(c,)) for c in FIELDS["concerns"].vocabulary]
    seeds += [Case(service=s, complaints=c) for s in FIELDS["service"].vocabulary
              for c in (("web_unreachable",), ("auth_failed",), ("info_not_found",))]
    return seeds


def answers(question, case: Case, thresholds) -> list[tuple[str, object]]:
    """The answers to explore for a question: its choices, or figures on each side of their thresholds."""
    if question.choices:
        return [(label, value) for value, label in question.choices]
    return sample_values(question.key, case, thresholds)


def _explore(diagnoser, problems: list[Problem], depth: int, limit: int) -> int:
    pairs = contradictions()
    thresholds = diagnoser.config.thresholds
    seen: set[Case] = set()
    queue = deque((case, 0) for case in _seeds())
    reported: set[tuple] = set()

    def report(problem: Problem) -> None:
        key = (problem.kind, problem.where, problem.message)
        if key not in reported:
            reported.add(key)
            problems.append(problem)

    while queue and len(seen) < limit:
        case, level = queue.popleft()
        if case in seen:
            continue
        seen.add(case)
        result = diagnoser.diagnose(case)
        _check_result(case, result, pairs, report)
        if level >= depth:
            continue
        for question in result.questions:
            for label, value in answers(question, case, thresholds):
                try:
                    after_case = case.with_value(question.key, value)
                except FactError:
                    continue
                if not _leads_somewhere(diagnoser, case, result, after_case, question.key, thresholds):
                    report(Problem("dead_end", f"{question.key}={label}",
                                   f"无论其它问题怎样回答,这个回答都不改变任何结论、用语或问题(起始: {_case_text(case)})"))
                queue.append((after_case, level + 1))
    return len(seen)


def _check_result(case: Case, result: Diagnosis, pairs, report) -> None:
    for warning in result.warnings:
        name = warning.split(":")[-1].split()[0] if ":" in warning else warning.split()[0]
        if "未知" in warning or ("未配置" in warning and name not in SITE_DEFAULTS):
            report(Problem("placeholder", warning, f"占位符无法填写(情况: {_case_text(case)})"))
    said = {s.phrase_id for s in (*result.steps, *result.phrasing) if s.phrase_id}
    for (first, second), why in pairs:
        if first in said and second in said:
            report(Problem("contradiction", f"{first} + {second}", f"{why}(情况: {_case_text(case)})"))


def _view(result: Diagnosis):
    return (result.category, frozenset(c.text for c in result.causes), frozenset(f.text for f in result.findings),
            frozenset((s.phrase_id, s.text) for s in (*result.steps, *result.phrasing)),
            frozenset(c.text for c in result.conflicts), frozenset((c.category, c.evidence) for c in result.candidates))


def _leads_somewhere(diagnoser, case: Case, before: Diagnosis, after_case: Case, key: str, thresholds) -> bool:
    """Whether an answer changes a conclusion now, or changes what another open question's answer concludes."""
    after = diagnoser.diagnose(after_case)
    if _view(after) != _view(before) or {q.key for q in after.questions} - {q.key for q in before.questions}:
        return True
    for other in after.questions:   # an answer that needs a second one (CRM and 网管 bandwidth) to conclude
        for _, value in answers(other, after_case, thresholds):
            try:
                both, alone = after_case.with_value(other.key, value), case.with_value(other.key, value)
            except FactError:
                continue
            with_it, without = diagnoser.diagnose(both), diagnoser.diagnose(alone)
            if _view(with_it) != _view(without) or {q.key for q in with_it.questions} - {key} != \
                    {q.key for q in without.questions} - {key}:
                return True
    return False


def _case_text(case: Case) -> str:
    from faultdx.render import known_line
    return known_line(case.known()) or "(无)"


def _coverage(infos: list[RuleInfo], tests_dir: str | Path | None) -> list[dict]:
    book = load_phrasebook()
    tests = _test_index(Path(tests_dir)) if tests_dir else {}
    rows = []
    for item in items():
        phrases = [p.id for p in book.values() if item_of(p) == item.id]
        slug = _slug(item.id)
        named = sorted(name for name, body in tests.items()
                       if slug and (name.startswith(f"test_{slug}_") or name == f"test_{slug}")
                       or any(f'"{p}"' in body for p in phrases))
        rows.append({"item": item.id, "title": item.title, "rules": [r.id for r in rules_for_item(item.id, infos)],
                     "phrases": phrases, "tests": named,
                     "not_expressible": item.not_expressible, "implemented_by": item.implemented_by})
    return rows


def _slug(item_id: str) -> str:
    for prefix, slug in FAMILY_SLUGS.items():
        if item_id.startswith(prefix):
            number = item_id[len(prefix):].lstrip(".")
            return f"{slug}_{number}" if number else slug
    return ""


def _test_index(folder: Path) -> dict[str, str]:
    """Test function name -> its source, for every test module in ``folder``."""
    index = {}
    for path in sorted(folder.glob("test_*.py")):
        source = path.read_text("utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                index[node.name] = ast.get_source_segment(source, node) or ""
    return index
