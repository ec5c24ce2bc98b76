"""The one place faultdx imports experta from.

``faultdx._rete`` (a leaner run of experta's Rete network) takes experta's internals from here too.

experta 1.9.4 (the latest release) pins ``frozendict==1.2``, whose module body
subclasses ``collections.Mapping``; that alias was removed in Python 3.10.  The
alias is restored only while frozendict is first imported, then removed again,
so nothing else in the process sees a changed ``collections``.
"""
import collections
import collections.abc
import sys

if "frozendict" not in sys.modules and not hasattr(collections, "Mapping"):
    collections.Mapping = collections.abc.Mapping
    try:
        import frozendict  # noqa: F401  (imported for its side effect on sys.modules)
    finally:
        del collections.Mapping

from experta import (AND, AS, EXISTS, FORALL, MATCH, NOT, OR, TEST, DefFacts, Fact, Field,  # noqa: E402
                     KnowledgeEngine, L, P, Rule, W)
from experta.agenda import Agenda  # noqa: E402
from experta.fact import InitialFact  # noqa: E402
from experta.factlist import FactList  # noqa: E402
from experta.matchers import ReteMatcher  # noqa: E402
from experta.matchers.rete.check import (FactCapture, FeatureCheck, SameContextCheck, TypeCheck,  # noqa: E402
                                         WhereCheck)
from experta.matchers.rete.dnf import dnf, unpack_exp  # noqa: E402
from experta.matchers.rete.mixins import NoMemory  # noqa: E402
from experta.matchers.rete.nodes import (BusNode, ConflictSetNode, FeatureTesterNode, NotNode,  # noqa: E402
                                         OrdinaryMatchNode, WhereNode)
from experta.matchers.rete.token import Token  # noqa: E402
from experta.matchers.rete.utils import extract_facts, generate_checks, prepare_rule  # noqa: E402
from experta.strategies import DepthStrategy  # noqa: E402

__all__ = ["AND", "AS", "EXISTS", "FORALL", "MATCH", "NOT", "OR", "TEST", "DefFacts", "Fact", "Field",
           "KnowledgeEngine", "L", "P", "Rule", "W", "Agenda", "DepthStrategy", "FactList", "InitialFact",
           "ReteMatcher", "FactCapture", "FeatureCheck", "SameContextCheck", "TypeCheck", "WhereCheck", "NoMemory",
           "BusNode", "ConflictSetNode", "FeatureTesterNode", "NotNode", "OrdinaryMatchNode", "WhereNode", "Token",
           "dnf", "unpack_exp", "extract_facts", "generate_checks", "prepare_rule"]
