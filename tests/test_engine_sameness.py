"""The lean engine (``faultdx._rete``) against experta as shipped: the same diagnosis, firing for firing.

Both engines run the rules as they are today and the results are compared with each other, never with
stored outputs, so the test holds while the rules change.
"""
import random

import pytest

from case_corpus import SAMPLERS, generated_cases
from faultdx import Case, rule_catalogue
from faultdx._experta import (AND, AS, EXISTS, FORALL, MATCH, NOT, OR, TEST, BusNode, ConflictSetNode, FactCapture,
                              Fact, FeatureTesterNode, KnowledgeEngine, L, P, ReteMatcher, Rule, W)
from faultdx._rete import LEAN_NODES, LeanBusNode, LeanKnowledgeEngine, LeanReteMatcher, network_nodes
from faultdx.config import Config
from faultdx.engine import Diagnoser, FaultEngine, StockFaultEngine, shared_engine
from scenarios import SCENARIOS

CORPUS = 2000


def diagnosers(config):
    return Diagnoser(config), Diagnoser(config, engine=StockFaultEngine(config))


def differences(mine, reference):
    """The cases where two lists of diagnoses disagree in any part: category, causes, steps, questions,
    phrasing, findings, warnings or the trace of firings (rule, facts matched, rules built on)."""
    return [(i, a, b) for i, (a, b) in enumerate(zip(mine, reference, strict=True)) if a != b]


def assert_same(lean, stock, cases):
    found = differences([lean.diagnose(c) for c in cases], [stock.diagnose(c) for c in cases])
    assert not found, explain(cases, found)


def explain(cases, found):
    i, mine, reference = found[0]
    return (f"{len(found)} case(s) differ; first {cases[i].known()}\n"
            f"lean  fired {mine.rules}\nstock fired {reference.rules}")


@pytest.fixture(scope="module")
def engines():
    return diagnosers(Config())


def scenario_cases():
    return [Case.from_values(facts) for _, facts, _, _ in SCENARIOS]


def test_the_lean_engine_converts_every_node_of_the_network():
    lean, stock = diagnosers(Config())
    assert type(lean.engine) is FaultEngine and type(lean.engine.matcher) is LeanReteMatcher
    assert type(stock.engine) is StockFaultEngine and type(stock.engine.matcher) is not LeanReteMatcher
    nodes = network_nodes(lean.engine.matcher.root_node)
    assert {type(node) for node in nodes} <= set(LEAN_NODES.values())  # every node of this network is lean
    assert type(lean.engine.matcher.root_node) is LeanBusNode  # and facts are dispatched by type


def test_every_scenario_gives_the_same_diagnosis(engines):
    assert_same(*engines, scenario_cases())


def test_every_answer_to_every_scenario_question_gives_the_same_diagnosis(engines):
    lean, stock = engines
    followed = []
    for case in scenario_cases():
        for question in lean.diagnose(case).questions:
            followed += [case.with_value(question.key, value) for value, _ in question.choices]
    assert len(followed) > len(SCENARIOS)
    assert_same(lean, stock, followed)


@pytest.fixture(scope="module")
def corpus(engines):
    """The generated cases and their diagnoses by the lean and by the stock engine, in that order."""
    cases = generated_cases(CORPUS)
    return cases, [engines[0].diagnose(c) for c in cases], [engines[1].diagnose(c) for c in cases]


def test_a_generated_corpus_gives_the_same_diagnoses(corpus):
    cases, lean, stock = corpus
    assert len(set(cases)) == CORPUS
    found = differences(lean, stock)
    assert not found, explain(cases, found)


def test_the_corpus_reaches_every_field_and_most_rules(corpus):
    cases, lean, _ = corpus
    assert set().union(*(case.known() for case in cases)) == set(SAMPLERS)
    fired = {rule for result in lean for rule in result.rules}
    catalogue = {rule_id for rule_id, _, _ in rule_catalogue()}
    assert len(fired & catalogue) >= 0.8 * len(catalogue), sorted(catalogue - fired)


def test_a_shared_engine_follows_each_diagnosers_configuration():
    default = Config()
    strict = Config(site={**default.site, "staff_no": "07"},
                    thresholds={**default.thresholds, "max_attenuation_db": 30.0, "min_noise_margin_db": 15.0})
    lean_default, stock_default = diagnosers(default)
    lean_strict, stock_strict = diagnosers(strict)
    assert lean_default.engine is lean_strict.engine is shared_engine()
    cases = generated_cases(CORPUS)[:200] + scenario_cases()
    assert any(lean_default.diagnose(c) != lean_strict.diagnose(c) for c in cases)  # the settings matter
    for case in cases:  # interleaved on the one shared engine
        assert lean_strict.diagnose(case) == stock_strict.diagnose(case), case.known()
        assert lean_default.diagnose(case) == stock_default.diagnose(case), case.known()


# --- experta features the rules do not use today, so that a rule rewrite cannot outrun the test ---------

class Item(Fact):
    pass


class Mark(Fact):
    pass


def logged(*patterns, salience=0):
    """A rule that records its firing: its name and what it matched (facts by id and content)."""
    def decorate(body):
        def fire(self, **values):
            self.log.append((body.__name__, tuple(sorted(
                (k, v.get("__factid__"), repr(v)) if isinstance(v, Fact) else (k, None, repr(v))
                for k, v in values.items()))))
            body(self, **values)
        fire.__name__ = body.__name__
        return Rule(*patterns, salience=salience)(fire)
    return decorate


class FeatureRules:
    @logged(Item(kind=MATCH.kind, n=MATCH.n), TEST(lambda n: n % 2 == 0))
    def even(self, kind, n):
        pass

    @logged(Item(kind="a", n=MATCH.n), NOT(Mark(n=MATCH.n)))
    def mark_a(self, n):
        self.declare(Mark(n=n, by="a"))

    @logged(AS.mark << Mark(n=MATCH.n, by="a"), Item(kind=~L("a"), n=MATCH.n), salience=-1)
    def remark(self, mark, n):
        self.retract(mark)
        self.declare(Mark(n=n, by="other"))

    @logged(AS.item << Item(kind="b", n=P(lambda n: n > 2)), salience=5)
    def demote_b(self, item):
        self.modify(item, kind="c", n=item["n"] - 1)

    @logged(OR(Item(kind="b"), Item(kind="c", n=MATCH.n)))
    def b_or_c(self, **values):
        pass

    @logged(EXISTS(Item(kind="d")))
    def some_d(self):
        pass

    @logged(FORALL(Item(kind="e", n=MATCH.n), Mark(n=MATCH.n)))
    def every_e_marked(self):
        pass

    @logged(Item(n=MATCH.x, m=MATCH.x))
    def n_is_m(self, x):
        pass

    @logged(Item(n=MATCH.x, m=~MATCH.x))  # n=MATCH.x is tested first (more patterns share it)
    def n_is_not_m(self, x):
        pass

    @logged(Item(kind="e", n=MATCH.x), Item(n=MATCH.x, m=~MATCH.x))  # a negated binding must come last
    def e_and_n_is_not_m(self, x):
        pass

    @logged(AS.item << Item(kind="c", n=MATCH.n), NOT(Item(kind="a", n=MATCH.n)), Item(kind="d", m=MATCH.n),
            salience=2)
    def c_without_a(self, item, n):
        self.retract(item)

    @logged(Item(kind=W(), n=MATCH.n & P(lambda n: n > 3)), Item(kind="a", m=MATCH.n | L(0)))
    def chained(self, n):
        pass


class LeanFeatures(FeatureRules, LeanKnowledgeEngine):
    pass


class StockFeatures(FeatureRules, KnowledgeEngine):
    pass


def run_features(engine, items):
    engine.log = []
    engine.reset()
    engine.declare(*(Item(kind=k, n=n, m=m) for k, n, m in items))
    engine.run(500)  # a bound, should the rules ever loop
    return engine.log, [repr(f) for f in engine.facts.values()]


def test_retraction_negation_or_exists_forall_and_bindings_run_the_same():
    rnd = random.Random(7)
    lean, stock = LeanFeatures(), StockFeatures()
    runs = [[(rnd.choice("abcde"), rnd.randint(0, 5), rnd.randint(0, 5)) for _ in range(rnd.randint(1, 8))]
            for _ in range(400)]
    fired = set()
    for items in runs:
        mine = run_features(lean, items)
        assert mine == run_features(stock, items), items
        fired |= {name for name, _ in mine[0]}
    rules = {name for name in vars(FeatureRules) if not name.startswith("_")}
    assert fired == rules  # every feature was exercised


# --- the network build of faultdx._rete against experta's own build -----------------------------------------

class NormalFormRules:
    """Conditions that experta rewrites before wiring: De Morgan, distribution, OR inside a fact's field, a field
    constraint that becomes an OR only on the second pass, NOT first, no fact at all, and a rule with no
    conditions."""

    @logged(NOT(OR(Item(kind="a"), Item(kind="b"))), Mark(n=MATCH.n))
    def neither_a_nor_b(self, n):
        pass

    @logged(Mark(n=MATCH.n), NOT(AND(Item(kind="a", n=MATCH.n), Item(kind="b", n=MATCH.n))))
    def not_both(self, n):
        pass

    @logged(AND(Item(kind="c"), OR(Mark(by="a"), Mark(by="other"))), Item(n=L(1) | L(2)))
    def distributed(self):
        pass

    @logged(Item(kind="d", n=MATCH.n & (L(3) | L(4))))
    def second_pass(self, n):
        pass

    @logged(Item(kind=~(L("a") | L("b")), m=MATCH.m), TEST(lambda m: m > 2))
    def neither_kind(self, m):
        pass

    @logged(EXISTS(Item(kind="e")), FORALL(Item(kind="e", n=MATCH.n), Mark(n=MATCH.n)))
    def quantified(self):
        pass

    @logged(TEST(lambda: True))
    def no_fact(self):
        pass

    @logged()
    def always(self):
        pass


class LeanNormalForms(NormalFormRules, LeanKnowledgeEngine):
    pass


class StockNormalForms(NormalFormRules, KnowledgeEngine):
    pass


def wiring(root) -> list:
    """The network from ``root`` as plain data: every node with what it tests and where its children are.

    Checks are interned by experta, so both builds of a process share them; the names under which a fact is
    captured are made from object ids, so they are numbered in order of appearance instead."""
    nodes = network_nodes(root)
    position = {id(node): i for i, node in enumerate(nodes)}
    captures: dict = {}
    rows = []
    for node in nodes:
        test = getattr(node, "matcher", None)
        if isinstance(test, FactCapture):
            test = ("capture", captures.setdefault(test.bind, len(captures)))
        elif isinstance(node, FeatureTesterNode) or type(test).__name__ == "WhereCheck":
            test = ("check", id(test))
        else:  # joins: a SameContextCheck each
            test = type(test).__name__
        rule = getattr(node, "rule", None)
        rows.append((type(node).__name__, test, None if rule is None else (tuple(rule), sorted(vars(rule).items())),
                     [(position[id(child.node)], child.callback.__name__) for child in node.children]))
    return rows


def experta_and_lean_builds(engine):
    """The network experta's ReteMatcher builds for ``engine``'s rules, and the one the lean matcher builds."""
    built = []
    for matcher in (ReteMatcher, LeanReteMatcher):
        ruleset = matcher.prepare_ruleset(engine)
        root = BusNode()
        matcher.build_beta_part(ruleset, matcher.build_alpha_part(ruleset, root))
        built.append((ruleset, root))
    return built


@pytest.mark.parametrize("engine_class", [FaultEngine, LeanFeatures, LeanNormalForms])
def test_the_lean_build_wires_the_network_experta_wires(engine_class):
    engine = engine_class(Config()) if engine_class is FaultEngine else engine_class()
    (stock_rules, stock_root), (lean_rules, lean_root) = experta_and_lean_builds(engine)
    assert stock_rules == lean_rules
    attributes = {rule: vars(rule) for rule in stock_rules}
    assert all(vars(rule) == attributes[rule] for rule in lean_rules)  # the rules' attributes too
    stock, lean = wiring(stock_root), wiring(lean_root)
    assert len(stock) > 3 * len(stock_rules) // 2  # a whole network, not an empty one
    assert lean == stock
    assert sum(type(node) is ConflictSetNode for node in network_nodes(lean_root)) >= len(lean_rules)


@pytest.mark.parametrize("engine_class", [FaultEngine, LeanFeatures, LeanNormalForms])
def test_the_conflict_sets_are_asked_in_experta_order(engine_class):
    engine = engine_class(Config()) if engine_class is FaultEngine else engine_class()
    matcher = engine.matcher
    expected = ReteMatcher._get_conflict_set_nodes.__wrapped__(matcher)  # experta's walk, uncached
    assert len(expected) > 5 and matcher._get_conflict_set_nodes() == expected
    assert [node.position for node in expected] == list(range(len(expected)))


def test_rewritten_conditions_run_the_same():
    rnd = random.Random(11)
    lean, stock = LeanNormalForms(), StockNormalForms()
    fired = set()
    for _ in range(300):
        items = [(rnd.choice("abcde"), rnd.randint(0, 5), rnd.randint(0, 5)) for _ in range(rnd.randint(0, 6))]
        marks = [(n, rnd.choice(("a", "other"))) for _, n, _ in items[:2]]
        for engine in (lean, stock):
            engine.log = []
            engine.reset()
            engine.declare(*(Item(kind=k, n=n, m=m) for k, n, m in items))
            engine.declare(*(Mark(n=n, by=by) for n, by in marks))
        lean.run(200)
        stock.run(200)
        assert lean.log == stock.log, items
        fired |= {name for name, _ in lean.log}
    assert fired == {name for name in vars(NormalFormRules) if not name.startswith("_")}
