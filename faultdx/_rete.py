"""A leaner run of experta's Rete network: the same activations, in the same order, with less work per fact.

experta 1.9.4 builds the network; ``LeanReteMatcher`` then turns its nodes into the subclasses below,
each overriding only how a node is activated:

* The bus hands a fact only to the nodes under its type test (a dict keyed by type), instead of copying
  the token into every type-test node to find out there that the type differs.
* A feature-test node runs its test on the fact first and builds a new token only when the test binds
  variables; experta copies the token on entry to every node, before any test.  No node here changes a
  token it receives, so the copies bought nothing: a token is only ever extended into a new one.
* A conflict-set node that receives a token queues itself, and ``changes`` collects the queued nodes in
  network order, instead of asking all of them on every cycle.
* ``reset`` clears the nodes that have memory, from a flat list, instead of a recursive walk that visits
  shared nodes once per parent; and since every reset reaches the same state (InitialFact declared and
  what it activates), the engine remembers that state once and restores copies of it afterwards.

The network itself is built as experta builds it (the same rules in normal form, the same nodes in the same
order; tests/test_engine_sameness.py compares both builds node for node), without what experta recomputes:
the rule function's signature on every rewrite of a rule, the normal form of a fact pattern on every pass,
and a new ``singledispatch`` function for the wiring of every rule.

``LeanDepthStrategy`` is experta's depth strategy without the ``lru_cache`` on ``get_key``: an activation
is equal only to one with the same key, and a new activation has none yet, so the cache never hits and
only walks collision chains (``Activation.__eq__``); the key itself is unchanged.  ``LeanKnowledgeEngine``
finds its rules and deffacts once per class instead of by ``inspect.getmembers`` on every reset.

Not kept: experta's MATCH/MATCHER debug logging inside the network (``experta.watch``); the stock engine
(``KnowledgeEngine`` with ``ReteMatcher``) still logs, and firing (the RULES watcher) logs in both.
"""
from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from itertools import chain, product
from operator import attrgetter

from faultdx._experta import (AND, EXISTS, FORALL, NOT, OR, TEST, Agenda, BusNode, ConflictSetNode, DefFacts,
                              DepthStrategy, Fact, FactCapture, FactList, FeatureCheck, FeatureTesterNode, InitialFact,
                              KnowledgeEngine, NoMemory, NotNode, OrdinaryMatchNode, ReteMatcher, Rule,
                              SameContextCheck, Token, TypeCheck, WhereCheck, WhereNode, dnf, extract_facts,
                              generate_checks, prepare_rule, unpack_exp)

_VALID = Token.TagType.VALID
_new_tuple = tuple.__new__


def _token(tag, data, context):
    """A Token without Token.__new__'s type assertions (the parts are known to be a tag, a set and a dict)."""
    return _new_tuple(Token, (tag, data, context))


def _compile_test(check):
    """``check(fact)`` as one closure, without the logging calls of experta's check objects."""
    kind = type(check)
    if kind is TypeCheck:
        fact_type = check.fact_type
        return lambda fact: type(fact) == fact_type
    if kind is FactCapture:
        bind = check.bind
        return lambda fact: {bind: fact}
    if kind is not FeatureCheck:
        return check
    what, function, expected = check.what, check.check, check.expected
    if isinstance(what, str) and (what.startswith("__") or what.endswith("__")):
        return lambda fact: function(fact, expected)  # experta tests the whole fact for such names
    path = (tuple(int(p) if p.isnumeric() else p for p in what.split("__")) if isinstance(what, str) else (what,))

    def test(fact):
        record = fact
        try:
            for part in path:
                record = record[part]
        except (IndexError, KeyError, TypeError):
            return False
        return function(record, expected)
    return test


class LeanBusNode(BusNode):
    """Sends a fact's token straight to the nodes below the type test its type passes."""

    routes: dict

    def add(self, fact):
        token = Token.valid(fact)
        for callback in self.routes.get(type(fact), ()):
            callback(token)

    def remove(self, fact):
        token = Token.invalid(fact)
        for callback in self.routes.get(type(fact), ()):
            callback(token)


class LeanFeatureTesterNode(FeatureTesterNode):
    """Tests the fact first; a binding test extends a new token, a plain one passes the token on."""

    test = None

    def activate(self, token):
        data = token.data
        if len(data) != 1:
            raise ValueError("a feature test takes a token of one fact")
        for fact in data:
            match = self.test(fact)
        if not match:
            return
        if isinstance(match, Mapping):
            context = token.context
            for key, value in match.items():
                if isinstance(key, tuple):  # negated condition
                    if key[1] in context and context[key[1]] == value:
                        return
                else:
                    if context.get(key, value) != value:
                        return
                    if (False, key) in context and context[(False, key)] == value:
                        return
            context = context.copy()
            context.update(match)
            token = _token(token.tag, data, context)
        for child in self.children:
            child.callback(token)


class LeanOrdinaryMatchNode(OrdinaryMatchNode):
    """experta's join, without the copy on entry and with unchecked token construction."""

    def activate_left(self, token):
        self._join(token, self.left_memory, self.right_memory, True)

    def activate_right(self, token):
        self._join(token, self.right_memory, self.left_memory, False)

    def _join(self, token, branch_memory, matching_memory, is_left):
        if token.tag is _VALID:
            branch_memory.append(token.to_info())
        else:
            try:
                branch_memory.remove(token.to_info())
            except ValueError:
                pass
        context = token.context
        for other_data, other_context in matching_memory:
            other_context = dict(other_context)
            if is_left:
                match = self.matcher(context, other_context)
            else:
                match = self.matcher(other_context, context)
            if match:
                newcontext = {k: v for k, v in context.items() if isinstance(k, str)}
                for k, v in other_context.items():
                    if not isinstance(k, tuple):  # negated values are not needed any further
                        newcontext[k] = v
                newtoken = _token(token.tag, token.data | other_data, newcontext)
                for child in self.children:
                    child.callback(newtoken)


class LeanNotNode(NotNode):
    """experta's NOT node, without the copy on entry (it passes tokens on unchanged)."""

    def activate_left(self, token):
        return self._activate_left(token)

    def activate_right(self, token):
        return self._activate_right(token)


class LeanWhereNode(WhereNode):
    """experta's TEST node, without the copy on entry (it passes tokens on unchanged)."""

    def activate(self, token):
        return self._activate(token)


class LeanConflictSetNode(ConflictSetNode):
    """experta's conflict-set node; it reads the token without copying it and queues itself for ``changes``."""

    queue: list
    position: int
    queued = False

    def activate(self, token):
        self._activate(token)
        if not self.queued:
            self.queued = True
            self.queue.append(self)


# The memories of experta's nodes: what their _reset wipes.
_MEMORY = {LeanOrdinaryMatchNode: ("left_memory", "right_memory"), LeanNotNode: ("left_memory", "right_memory"),
           LeanConflictSetNode: ("memory",)}
LEAN_NODES = {BusNode: LeanBusNode, FeatureTesterNode: LeanFeatureTesterNode, OrdinaryMatchNode: LeanOrdinaryMatchNode,
              NotNode: LeanNotNode, WhereNode: LeanWhereNode, ConflictSetNode: LeanConflictSetNode}
_by_position = attrgetter("position")


def network_nodes(root) -> list:
    """Every node reachable from ``root``, once each, parents before children."""
    seen, order, stack = set(), [], [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        order.append(node)
        stack.extend(child.node for child in reversed(node.children))
    return order


# --- building the network --------------------------------------------------------------------------------
# experta's own build, step for step, without what it recomputes: ``Rule.new_conditions`` reads the rule
# function's signature (inspect.signature) on every rewrite of every rule, and ``wire_rule`` makes a new
# ``singledispatch`` function, with eight registrations and an empty dispatch cache, for every rule.

@lru_cache(maxsize=None)
def _rule_state(kind: type, function) -> dict:
    """What experta's ``kind(...)(function)`` keeps of ``function``: its argument names and update_wrapper's copy."""
    probe = kind()(function)  # experta's own way, once per rule function
    return {k: v for k, v in vars(probe).items() if k not in ("_wrapped_self", "salience")}


def _renew(rule, *conditions):
    """``rule.new_conditions(*conditions)``: the same new rule, the function's signature read only once."""
    new = type(rule)(*conditions, salience=rule.salience)
    if rule._wrapped:
        vars(new).update(_rule_state(type(rule), rule._wrapped))
    return new


class _Preparing:
    """experta's ``prepare_rule`` of whole rules (utils.py), and its ``dnf`` of conditional elements (dnf.py).

    A rule's conditions are put in normal form again on every pass to the fixpoint, and many rules share
    patterns; the normal form of a fact pattern depends only on its value, so it is computed once per build.
    AND, OR and NOT are experta's rewrites, here so that they reach that memo; anything else is experta's.
    """

    def __init__(self):
        self.facts: dict = {}

    def dnf(self, exp):
        kind = type(exp)
        if kind is AND:
            if len(exp) == 1:
                return self.dnf(exp[0])
            if any(isinstance(e, OR) for e in exp):  # distributive property
                parts = [[self.dnf(x) for x in e] if isinstance(e, OR) else [self.dnf(e)] for e in exp]
                return OR(*[self.dnf(AND(*p)) for p in product(*parts)])
            return AND(*[self.dnf(x) for x in unpack_exp(exp, AND)])
        if kind is OR:
            if len(exp) == 1:
                return self.dnf(exp[0])
            return OR(*[self.dnf(x) for x in unpack_exp(exp, OR)])
        if kind is NOT:
            inner = exp[0]
            if isinstance(inner, NOT):  # double negation
                return self.dnf(inner[0])
            if isinstance(inner, OR):  # De Morgan
                return AND(*[NOT(self.dnf(x)) for x in inner])
            if isinstance(inner, AND):
                return OR(*[NOT(self.dnf(x)) for x in inner])
            return exp
        if not isinstance(exp, Fact):
            return dnf(exp)
        normal = self.facts.get(exp)
        if normal is None:
            normal = self.facts[exp] = dnf(exp)
        return normal

    def dnf_conditions(self, conditions: tuple) -> tuple:
        """experta's ``dnf`` of a whole rule, on its conditions: the rewrites of a rule are compared only by
        their conditions (the rule's function and salience are copied from one to the next), so the rules
        between the first and the last need not be made."""
        last, current = None, (AND(*[self.dnf(e) for e in conditions]),)
        while last != current:
            last, current = current, tuple(self.dnf(e) for e in current)
        return tuple(unpack_exp(current, AND))

    def prepare(self, rule):
        """experta's ``prepare_rule`` of a whole rule (a new rule, with the rule's function and salience)."""
        conditions = tuple(prepare_rule(e) for e in self.dnf_conditions(tuple(rule)))
        if not conditions:
            return _renew(rule, InitialFact())
        if isinstance(conditions[0], NOT) or len(extract_facts(conditions)) == 0:
            return _renew(rule, InitialFact(), *conditions)
        return _renew(rule, *self.dnf_conditions(conditions))


class _Wiring:
    """experta's ``wire_rule`` (utils.py): the beta network of one rule, with one dispatch table for all rules."""

    def __init__(self, alpha_terminals: dict):
        self.alpha_terminals = alpha_terminals

    def wire(self, rule, lhs):
        last_node = self.node(lhs)
        conflict_set_node = ConflictSetNode(rule)
        last_node.add_child(conflict_set_node, conflict_set_node.activate)

    def node(self, elem):
        kind = type(elem)
        wiring = _WIRINGS.get(kind)
        if wiring is None:  # as singledispatch: the first registered class in the type's MRO
            wiring = next((_WIRINGS[k] for k in kind.__mro__ if k in _WIRINGS), _Wiring._unknown)
            _WIRINGS[kind] = wiring
        return wiring(self, elem)

    def _unknown(self, elem):
        raise TypeError("Unknown type %s" % type(elem))

    def _test(self, elem):
        return WhereNode(WhereCheck(elem[0]))

    def _forall(self, elem):
        leader_node = self.node(elem[0])
        return self._two_nots(self.node(AND(*elem[1:])), leader_node)

    def _exists(self, elem):
        return self._two_nots(self.node(elem[0]), self.node(InitialFact()))

    def _two_nots(self, right, left):
        """How experta wires FORALL and EXISTS: ``right`` and ``left`` into a NOT node, which with InitialFact
        feeds a second NOT node."""
        first, second = NotNode(SameContextCheck()), NotNode(SameContextCheck())
        right.add_child(first, first.activate_right)
        left.add_child(first, first.activate_left)
        first.add_child(second, second.activate_right)
        self.node(InitialFact()).add_child(second, second.activate_left)
        return second

    def _and(self, elem):
        if len(elem) == 1:
            if isinstance(elem[0], Fact):
                return self.alpha_terminals[elem[0]]
            return self.node(elem[0])
        current_node = None
        for f, s in zip(elem, elem[1:]):
            if isinstance(s, TEST):
                if current_node is None:
                    current_node = self.node(f)
                new_node = self.node(s)
                current_node.add_child(new_node, new_node.activate)
                current_node = new_node
            else:
                node_cls = NotNode if isinstance(s, NOT) else OrdinaryMatchNode
                if current_node is None:
                    current_node = node_cls(SameContextCheck())
                    left_branch = self.node(f)
                    right_branch = self.node(s)
                else:
                    left_branch = current_node
                    right_branch = self.node(s)
                    current_node = node_cls(SameContextCheck())
                left_branch.add_child(current_node, current_node.activate_left)
                right_branch.add_child(current_node, current_node.activate_right)
        return current_node

    def _or(self, elem):
        raise SyntaxError("You can't use an OR clause inside FORALL or EXISTS")

    def _fact(self, elem):
        return self.alpha_terminals[elem]

    def _not(self, elem):
        return self.alpha_terminals[elem[0]]


_WIRINGS = {TEST: _Wiring._test, FORALL: _Wiring._forall, EXISTS: _Wiring._exists, Rule: _Wiring._and,
            AND: _Wiring._and, OR: _Wiring._or, Fact: _Wiring._fact, NOT: _Wiring._not, object: _Wiring._unknown}


class LeanReteMatcher(ReteMatcher):
    """experta's ReteMatcher; after the network is built its nodes become the lean subclasses above."""

    @staticmethod
    def prepare_ruleset(engine):
        preparing = _Preparing()
        return {preparing.prepare(rule) for rule in engine.get_rules()}

    @staticmethod
    def build_alpha_part(ruleset, root_node):
        """experta's ``build_alpha_part``, each fact pattern's checks made and sorted once, not once per rule.

        (experta keeps the checks of the last of equal patterns, here the first: they differ only in the name
        under which the fact is captured, which is made from the pattern's id.)
        """
        ruleset = ruleset.copy()
        ruleset.add(Rule(InitialFact()))  # the alpha part for InitialFact, which NOT, EXISTS and FORALL use
        rule_facts = {rule: extract_facts(rule) for rule in ruleset}
        fact_checks: dict = {}
        for fact in chain.from_iterable(rule_facts.values()):
            if fact not in fact_checks:
                fact_checks[fact] = set(generate_checks(fact))
        check_rank = Counter(chain.from_iterable(fact_checks.values()))

        def weighted_check_sort(check):
            if isinstance(check, TypeCheck):
                return (float("inf"), hash(check))
            if isinstance(check, FactCapture):
                return (float("-inf"), hash(check))
            if isinstance(check, FeatureCheck):
                return (check_rank[check], hash(check))
            raise TypeError("Unknown check type.")

        def weighted_rule_sort(rule):
            total = 0
            for fact in rule_facts[rule]:
                for check in fact_checks[fact]:
                    total += check_rank[check]
            return total / len(rule_facts[rule])

        sorted_checks: dict = {}
        fact_terminal_nodes = {}
        for rule in sorted(ruleset, key=weighted_rule_sort, reverse=True):
            for fact in rule_facts[rule]:
                checks = sorted_checks.get(fact)
                if checks is None:
                    checks = sorted_checks[fact] = sorted(fact_checks[fact], key=weighted_check_sort, reverse=True)
                current_node = root_node
                for check in checks:  # the existing node with this check, or a new one
                    for child in current_node.children:
                        if child.node.matcher is check:
                            current_node = child.node
                            break
                    else:
                        new_node = FeatureTesterNode(check)
                        current_node.add_child(new_node, new_node.activate)
                        current_node = new_node
                fact_terminal_nodes[fact] = current_node
        return fact_terminal_nodes

    @staticmethod
    def build_beta_part(ruleset, alpha_terminals):
        wiring = _Wiring(alpha_terminals)
        for rule in ruleset:
            if isinstance(rule[0], OR):
                for subrule in rule[0]:
                    wiring.wire(rule, subrule)
            else:
                wiring.wire(rule, rule)

    def build_network(self):
        """experta's network (from the disk cache for an engine class that says ``network_cache = True`` itself:
        ``faultdx._netcache``), then its nodes made lean."""
        if vars(type(self.engine)).get("network_cache"):
            from faultdx._netcache import cached_network
            self.root_node = cached_network(type(self.engine), self._experta_network)
        else:
            super().build_network()
        nodes = network_nodes(self.root_node)
        for node in nodes:
            lean = LEAN_NODES.get(type(node))
            if lean is not None:
                node.__class__ = lean
        for node in nodes:  # callbacks are bound methods: bind them again to the new classes
            node.children = [type(child)(child.node, getattr(child.node, child.callback.__name__))
                             if getattr(child.callback, "__self__", None) is child.node else child
                             for child in node.children]
            if type(node) is LeanFeatureTesterNode:
                node.test = _compile_test(node.matcher)
        self._memories = [node for node in nodes if not isinstance(node, NoMemory)]
        self._queue = []
        self._conflict_sets = tuple(node for node in nodes if isinstance(node, ConflictSetNode))
        conflict_sets = self._get_conflict_set_nodes()
        for position, node in enumerate(conflict_sets):
            node.position, node.queue = position, self._queue
        self._queued_only = all(type(node) is LeanConflictSetNode for node in conflict_sets)
        root = self.root_node
        tests = [child.node for child in root.children]
        if type(root) is LeanBusNode and all(type(n) is LeanFeatureTesterNode and type(n.matcher) is TypeCheck
                                             for n in tests):
            root.routes = {}
            for node in tests:
                root.routes.setdefault(node.matcher.fact_type, []).extend(c.callback for c in node.children)
        else:  # a network this module does not know: the bus stays experta's
            root.__class__ = BusNode

    def _experta_network(self):
        """The network as experta builds it (into this matcher's new root node), returned by its root."""
        super().build_network()
        return self.root_node

    def _get_conflict_set_nodes(self):
        """experta's list, in its order: where a depth-first walk from the root first meets each one (experta's
        walk enters shared nodes again and drops the repeats; ``network_nodes`` does not enter them again)."""
        return self._conflict_sets

    def reset(self):
        for node in self._memories:
            node._reset()

    def remember(self) -> bool:
        """Keep what the nodes hold now (a reset and its initial facts) for ``restore``; False if unknown nodes."""
        if self._queue or any(type(node) not in _MEMORY for node in self._memories):
            return False
        self._initial = [(node, name, memory.copy()) for node in self._memories for name in _MEMORY[type(node)]
                         if (memory := getattr(node, name))]
        return True

    def restore(self):
        """The nodes as ``remember`` found them: every memory wiped, then the remembered ones refilled."""
        self.reset()
        for node, name, memory in self._initial:
            setattr(node, name, memory.copy())

    def changes(self, adding=None, deleting=None):
        if not self._queued_only:
            return super().changes(adding, deleting)
        if deleting is not None:
            for fact in deleting:
                self.root_node.remove(fact)
        if adding is not None:
            for fact in adding:
                self.root_node.add(fact)
        added, removed = [], []
        queue = self._queue
        if queue:
            ready = sorted(queue, key=_by_position)
            queue.clear()
            for node in ready:  # in the order experta asks every conflict-set node
                node.queued = False
                node_added, node_removed = node.get_activations()
                added.extend(node_added)
                removed.extend(node_removed)
        return added, removed


class LeanDepthStrategy(DepthStrategy):
    """experta's DepthStrategy (salience, then the most recent facts), its key computed without a cache."""

    def get_key(self, activation):
        return (activation.rule.salience,
                sorted([fact["__factid__"] for fact in activation.facts], reverse=True))


@lru_cache(maxsize=None)
def _members(cls: type, kind: type) -> tuple[str, ...]:
    """The names of the class attributes of ``cls`` that are ``kind`` (Rule, DefFacts), in experta's order.

    As ``inspect.getmembers_static``: every name ``dir`` lists, sorted, each the attribute of the first class
    in the MRO that defines it (read from the class dictionaries, so no descriptor runs).
    """
    namespaces = [vars(klass) for klass in cls.__mro__]
    names = []
    for name in sorted(dir(cls)):
        for namespace in namespaces:
            if name in namespace:
                if isinstance(namespace[name], kind):
                    names.append(name)
                break
    return tuple(names)


@lru_cache(maxsize=None)
def _deffacts_arguments(deffacts) -> frozenset | None:
    """The keyword arguments a deffacts generator takes from ``reset`` (None: all of them)."""
    parameters = inspect.signature(deffacts).parameters.values()
    if any(p.kind == inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    return frozenset(p.name for p in parameters)


def _only_initial_fact(cls: type) -> bool:
    """Whether experta's own deffacts, which declares InitialFact and nothing else, is the only one of ``cls``."""
    names = _members(cls, DefFacts)
    return names == ("_declare_initial_fact",) and (
        inspect.getattr_static(cls, names[0]) is vars(KnowledgeEngine)["_declare_initial_fact"])


def _copy_facts(facts: FactList) -> FactList:
    """A fact list with the same facts, ids and counts (facts cannot change once declared)."""
    copy = FactList()
    copy.update(facts)
    copy.last_index = facts.last_index
    copy.reference_counter = facts.reference_counter.copy()
    copy.duplication = facts.duplication
    return copy


class LeanKnowledgeEngine(KnowledgeEngine):
    """A KnowledgeEngine with the lean matcher and strategy; rules and deffacts are found once per class."""

    __matcher__ = LeanReteMatcher
    __strategy__ = LeanDepthStrategy

    def _bound(self, name):
        member = getattr(self, name)  # binds the rule or deffacts to this engine, as experta's walk does
        member.ke = self
        return member

    def get_rules(self):
        return [self._bound(name) for name in _members(type(self), Rule)]

    def get_deffacts(self):
        return sorted((self._bound(name) for name in _members(type(self), DefFacts)), key=lambda d: d.order)

    _initial = None  # (facts, activations) just after the first reset, when the network could remember it

    def reset(self, **kwargs):
        """experta's reset; after the first, the state it reaches is restored rather than computed again.

        A reset always reaches the same state: empty memories, InitialFact declared, and what InitialFact
        activates.  So the first reset remembers the nodes' memories, the fact list and the agenda, and
        later resets restore copies of them.  Not with arguments to reset, nor with deffacts other than
        experta's InitialFact, whose facts could differ from one reset to the next.
        """
        if self._initial is not None and not kwargs:
            facts, activations = self._initial
            self.agenda = Agenda()
            self.agenda.activations = list(activations)
            self.facts = _copy_facts(facts)
            self.matcher.restore()
            self.running = False
            return
        self._reset(**kwargs)
        if (not kwargs and _only_initial_fact(type(self)) and not (self.facts.added or self.facts.removed)
                and self.matcher.remember()):
            self._initial = (_copy_facts(self.facts), tuple(self.agenda.activations))

    def _reset(self, **kwargs):
        """experta's reset, with the deffacts' signatures read once per class."""
        self.agenda = Agenda()
        self.facts = FactList()
        self.matcher.reset()
        deffacts = []
        for deffact in self.get_deffacts():
            accepted = _deffacts_arguments(deffact)
            deffacts.append(deffact(**kwargs) if accepted is None
                            else deffact(**{k: v for k, v in kwargs.items() if k in accepted}))
        self._KnowledgeEngine__declare(*chain.from_iterable(deffacts))  # experta's private declare, as its reset
        self.running = False
