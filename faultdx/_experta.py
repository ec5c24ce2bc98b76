"""The one place faultdx imports experta from.

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

from experta import AND, AS, MATCH, NOT, OR, TEST, Fact, Field, KnowledgeEngine, P, Rule  # noqa: E402
from experta.agenda import Agenda  # noqa: E402
from experta.strategies import DepthStrategy  # noqa: E402

__all__ = ["AND", "AS", "MATCH", "NOT", "OR", "TEST", "Fact", "Field", "KnowledgeEngine", "P", "Rule", "Agenda", "DepthStrategy"]
