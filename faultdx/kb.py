"""What rule modules in ``faultdx.rules`` are written with.

A rule is an experta ``Rule`` with a stable id and a one-line description
(``@rule("AUTH-691-ONLINE", "…", patterns…)``).  Its right-hand side concludes by
declaring output facts through the ``Conclusions`` helpers: a category, an
intermediate finding, a cause, an ordered step (a phrase of the phrasebook, by id)
or a question for a fact that is still missing (a ``Case`` field name).
"""
from __future__ import annotations

from typing import Any, Callable

from faultdx._experta import Fact, Field, Rule

CATEGORIES = ("dial_auth", "no_network", "error_code", "bandwidth", "workflow_stuck",
              "vpn", "iptv", "fiber_query", "unknown")
CATEGORY_LABELS = {"dial_auth": "拨号认证类", "no_network": "网络无法使用类", "error_code": "其它错误代码",
                   "bandwidth": "带宽故障类", "workflow_stuck": "流程卡单", "vpn": "VPN用户网页无法打开",
                   "iptv": "宽带新天地认证失败", "fiber_query": "光纤用户无法查询资料", "unknown": "未能归类"}


class Category(Fact):
    """The fault family the case belongs to."""
    name = Field(lambda v: v in CATEGORIES, mandatory=True)


class Finding(Fact):
    """An intermediate conclusion other rules build on (kind, text, and any values)."""
    kind = Field(str, mandatory=True)
    text = Field(str, mandatory=True)


class Cause(Fact):
    """A cause of the fault, confirmed or, with ``likely``, one of several candidates."""
    id = Field(str, mandatory=True)
    text = Field(str, mandatory=True)


class Advice(Fact):
    """An ordered step: a phrase id with its values, or plain text where the phrasebook has none."""
    rank = Field(int, mandatory=True)


class Say(Fact):
    """A service sentence (phrasebook 一/三/四) that fits the situation, for the person on the phone."""
    rank = Field(int, mandatory=True)


class Ask(Fact):
    """A question for a case field that is still unknown."""
    key = Field(str, mandatory=True)
    rank = Field(int, mandatory=True)


def rule(rule_id: str, description: str, *patterns: Any, salience: int = 0) -> Callable:
    """An experta rule that carries a stable id and a one-line description."""
    def decorate(function: Callable) -> Rule:
        function.rule_id = rule_id
        function.description = description
        return Rule(*patterns, salience=salience)(function)
    return decorate


class Conclusions:
    """The helpers a rule's right-hand side concludes with; ``firing`` is the running rule's id."""

    firing: str | None = None

    def category(self, name: str) -> None:
        self.declare(Category(name=name, rule=self.firing))

    def finding(self, kind: str, text: str, **values: Any) -> None:
        self.declare(Finding(kind=kind, text=text, rule=self.firing, **values))

    def cause(self, cause_id: str, text: str, likely: bool = False) -> None:
        self.declare(Cause(id=cause_id, text=text, likely=likely, rule=self.firing))

    def advise(self, rank: int, phrase: str, **values: Any) -> None:
        self.declare(Advice(rank=rank, phrase=phrase, values=tuple(sorted(values.items())), rule=self.firing))

    def advise_text(self, rank: int, text: str, audience: str) -> None:
        """A step the phrasebook has no sentence for (its phrase id is null in results)."""
        self.declare(Advice(rank=rank, phrase="", text=text, audience=audience, rule=self.firing))

    def say(self, rank: int, phrase: str, **values: Any) -> None:
        self.declare(Say(rank=rank, phrase=phrase, values=tuple(sorted(values.items())), rule=self.firing))

    def ask(self, rank: int, key: str) -> None:
        self.declare(Ask(key=key, rank=rank, rule=self.firing))
