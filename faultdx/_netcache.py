"""experta's Rete network of the rule sets, kept built on disk between runs (``faultdx._diskcache``).

Building the network (normal forms of 170 rules, their checks, the nodes) is the same work on every start;
its result depends only on the rule sets' code and data, this package's code, experta and the Python, which
is what the cache key covers (the bytes of every file of ``faultdx`` and ``faultdx.rules``, experta's and
frozendict's version and files, the Python).  What is kept is the network exactly as experta's steps build it
(``LeanReteMatcher.build_network`` then makes its nodes lean, as after a build).

A network holds what pickle cannot store by name: the rule functions and the lambdas of ``P`` and ``TEST``
(kept as their place among the rule sets' functions, found again on load by the same walk, and checked by
name), and experta's objects whose pickled form would be wrong: conditional elements and field constraints
are tuples made with other arguments than their items, a fact or frozendict caches its hash (which depends
on this process's string-hash seed), and a ``FeatureCheck`` holds a closure and a ``WhereCheck`` a view of
its test's parameters (both are made again, as experta makes them, from what they check).  A file that does not load, or does not match, is built again.
"""
from __future__ import annotations

import os
import pickle
import sys
from types import FunctionType
from typing import Any, Callable

from experta.conditionalelement import ConditionalElement

from faultdx._experta import Fact, FeatureCheck, Rule, WhereCheck
from frozendict import frozendict  # noqa: I001  (after faultdx._experta, which makes it importable)

NAME = "network"


def _functions(engine_class: type) -> list[FunctionType]:
    """Every function the rules of ``engine_class`` hold (their bodies, the lambdas of their conditions), once
    each, in an order that depends only on the code: the rules by name, each walked depth first."""
    found: dict[int, FunctionType] = {}

    def walk(value: Any) -> None:
        if isinstance(value, FunctionType):
            found.setdefault(id(value), value)
        elif isinstance(value, Fact):
            for item in value.values():
                walk(item)
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        if isinstance(value, Rule):
            walk(value._wrapped)

    for name in sorted(dir(engine_class)):
        member = next((vars(klass)[name] for klass in engine_class.__mro__ if name in vars(klass)), None)
        if isinstance(member, Rule):
            walk(member)
    return list(found.values())


def _tuple(cls: type, items: tuple) -> tuple:
    return tuple.__new__(cls, items)


def _fact(cls: type, items: dict, state: dict) -> Fact:
    fact = dict.__new__(cls)
    dict.update(fact, items)
    vars(fact).update(state)
    return fact


def _frozendict(cls: type, items: dict):
    return cls(items)


class _Pickler(pickle.Pickler):
    def __init__(self, file, functions: list[FunctionType]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ids = {id(function): (number, function.__qualname__) for number, function in enumerate(functions)}

    def persistent_id(self, obj):
        # a function of the rules; any other is pickled by name (or fails to pickle: then nothing is kept)
        return self._ids.get(id(obj)) if isinstance(obj, FunctionType) else None

    def reducer_override(self, obj):
        kind = type(obj)
        if isinstance(obj, FeatureCheck):
            return FeatureCheck, (obj.what, obj.how)
        if isinstance(obj, WhereCheck):   # (holds the test's parameter names as a dict view)
            return WhereCheck, (obj.test,)
        if isinstance(obj, Fact):
            return _fact, (kind, dict(obj), {k: v for k, v in vars(obj).items() if k != "_hash"})
        if isinstance(obj, ConditionalElement):
            return _tuple, (kind, tuple(obj)), dict(vars(obj)) or None
        if isinstance(obj, frozendict):
            return _frozendict, (kind, dict(obj))
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, functions: list[FunctionType]):
        super().__init__(file)
        self._functions = functions

    def persistent_load(self, pid):
        number, name = pid
        function = self._functions[number] if 0 <= number < len(self._functions) else None
        if function is None or function.__qualname__ != name:
            raise pickle.UnpicklingError(f"the rules' function {number} is not {name}")
        return function


def cache_key(engine_class: type) -> str:
    """What the network of ``engine_class`` is made from: this package's and the rules' files, experta, the Python."""
    import experta
    import frozendict as frozendict_module

    from faultdx import _diskcache, _rulefiles
    return _diskcache.make_key(
        f"{engine_class.__module__}.{engine_class.__qualname__}",
        _diskcache.package_code(os.path.dirname(__file__)),
        _diskcache.package_code(_rulefiles.directory(), (".py", ".toml", ".txt")),
        _diskcache.module_identity(sys.modules["faultdx"], "faultdx"),
        _diskcache.module_identity(experta, "experta"), _diskcache.module_identity(frozendict_module, "frozendict"),
        _diskcache.python_identity())


def cached_network(engine_class: type, build: Callable[[], Any]):
    """experta's network of ``engine_class`` (its root node): from the disk cache, else ``build()`` and kept."""
    from faultdx import _diskcache
    functions = _functions(engine_class)
    key = cache_key(engine_class)
    root = _diskcache.load(NAME, key, unpickler=lambda stream: _Unpickler(stream, functions))
    if root is None:
        root = build()
        _diskcache.store(NAME, key, root, pickler=lambda stream: _Pickler(stream, functions))
    return root
