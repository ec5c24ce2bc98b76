"""What rule modules in ``faultdx.rules`` are written with.

A rule is an experta ``Rule`` with a stable id, a one-line Chinese description, and where its
knowledge comes from: ``item`` names the phrasebook item it implements (五.拨号认证类.4), ``source``
any other source (a document, a standard) for knowledge that is not in the phrasebook::

    class DialAuthRules(RuleSet):
        @rule("AUTH-BOUND", "帐号为绑定状态:改为不绑定", AUTH_FAILURE, AccountStatus(status="bound"),
              item="五.拨号认证类.5")
        def bound(self):
            self.cause("account_bound", "预处理系统中帐号为绑定状态", side="operator")
            self.advise(150, "auth.5")

A rule concludes by declaring output facts through the ``RuleSet`` helpers: a category, a finding
other rules build on, a cause (with the side it lies on), an ordered step (a phrasebook sentence by
id, or an internal step with its source), a service sentence, a question for a missing case field,
or a contradiction between facts.  Texts may name figures of the case as ``{crm_bw}``: they are
filled after the engine has run (the engine itself sees only abstractions).
"""
from __future__ import annotations

from typing import Any, Callable

from faultdx._experta import Fact, Field, Rule

CATEGORIES = ("dial_auth", "no_network", "error_code", "bandwidth", "workflow_stuck",
              "vpn", "iptv", "fiber_query", "unknown")
CATEGORY_LABELS = {"dial_auth": "拨号认证类", "no_network": "网络无法使用类", "error_code": "其它错误代码",
                   "bandwidth": "带宽故障类", "workflow_stuck": "流程卡单", "vpn": "VPN用户网页无法打开",
                   "iptv": "宽带新天地认证失败", "fiber_query": "光纤用户无法查询资料", "unknown": "未能归类"}
SIDES = ("operator", "user", "neither")
SIDE_LABELS = {"operator": "我方(电信)原因", "user": "用户方原因", "neither": "非故障/流程"}


class Category(Fact):
    """The fault family the case belongs to; ``over``: families whose symptoms this one explains (they step aside)."""
    name = Field(lambda v: v in CATEGORIES, mandatory=True)


class Finding(Fact):
    """An intermediate conclusion other rules build on (kind, text, and any values)."""
    kind = Field(str, mandatory=True)
    text = Field(str, mandatory=True)


class Cause(Fact):
    """A cause of the fault, confirmed or, with ``likely``, one of several candidates; ``side`` is whose it is."""
    id = Field(str, mandatory=True)
    text = Field(str, mandatory=True)
    side = Field(lambda v: v in SIDES, mandatory=True)


class Advice(Fact):
    """An ordered step: a phrase id with its values, or an internal step (with its source)."""
    rank = Field(int, mandatory=True)


class Say(Fact):
    """A service sentence (phrasebook 一/三/四) that fits the situation, for the person on the phone."""
    rank = Field(int, mandatory=True)


class Ask(Fact):
    """A question for a case field that is still unknown."""
    key = Field(str, mandatory=True)
    rank = Field(int, mandatory=True)


class Conflict(Fact):
    """Facts that cannot all be true: what contradicts what, and which fields to re-check."""
    text = Field(str, mandatory=True)


class Candidate(Fact):
    """A family the evidence points to without confirming it (ranked in the result when none is confirmed)."""
    category = Field(lambda v: v in CATEGORIES, mandatory=True)
    evidence = Field(str, mandatory=True)


OUTPUT_FACTS = (Category, Finding, Cause, Advice, Say, Ask, Conflict, Candidate)


def rule(rule_id: str, description: str, *patterns: Any, item: str | tuple[str, ...] = (), source: str = "",
         phrases: tuple[str, ...] = (), salience: int = 0) -> Callable:
    """An experta rule with a stable id, a Chinese description and where its knowledge comes from.

    ``item``: the phrasebook item(s) the rule implements; ``source``: for knowledge not in the
    phrasebook, where it comes from; ``phrases``: phrase ids the rule emits that its body does not
    name literally (e.g. taken from a table).
    """
    def decorate(function: Callable) -> Rule:
        function.rule_id = rule_id
        function.description = description
        function.items = (item,) if isinstance(item, str) else tuple(item)
        function.source = source
        function.declared_phrases = tuple(phrases)
        return Rule(*patterns, salience=salience)(function)
    return decorate


class RuleSet:
    """The base of every rule set: the helpers a rule's right-hand side concludes with.

    ``firing`` is the id of the running rule (set by the engine), recorded on every conclusion.
    """

    firing: str | None = None

    def category(self, name: str, over: tuple[str, ...] = ()) -> None:
        """The family of the case.  ``over`` names families another rule may also have declared whose symptoms
        this family explains (a line not yet installed is why there is no internet): they are not chosen over it."""
        if over:
            self.declare(Category(name=name, over=tuple(over), rule=self.firing))
        else:
            self.declare(Category(name=name, rule=self.firing))

    def finding(self, kind: str, text: str, **values: Any) -> None:
        self.declare(Finding(kind=kind, text=text, rule=self.firing, **values))

    def cause(self, cause_id: str, text: str, side: str, likely: bool = False, tell: str = "", check: str = "",
              terminal: bool = False) -> None:
        """A cause and whose side it is on.  For the user's side, ``tell`` is the fault as the customer hears it
        and ``check`` what they should check (三.5(3)); ``terminal`` marks a user-terminal problem (四.8)."""
        self.declare(Cause(id=cause_id, text=text, side=side, likely=likely, tell=tell, check=check,
                           terminal=terminal, rule=self.firing))

    def advise(self, rank: int, phrase: str, **values: Any) -> None:
        self.declare(Advice(rank=rank, phrase=phrase, values=tuple(sorted(values.items())), rule=self.firing))

    def advise_text(self, rank: int, text: str, audience: str, source: str) -> None:
        """A step the phrasebook has no sentence for (its phrase id is null in results); ``source`` says why."""
        self.declare(Advice(rank=rank, phrase="", text=text, audience=audience, source=source, rule=self.firing))

    def say(self, rank: int, phrase: str, **values: Any) -> None:
        self.declare(Say(rank=rank, phrase=phrase, values=tuple(sorted(values.items())), rule=self.firing))

    def ask(self, rank: int, key: str) -> None:
        self.declare(Ask(key=key, rank=rank, rule=self.firing))

    def candidate(self, category: str, evidence: str) -> None:
        """A family this evidence points to, while nothing confirms one."""
        self.declare(Candidate(category=category, evidence=evidence, rule=self.firing))

    def conflict(self, text: str, *recheck: str) -> None:
        """Facts that contradict each other: say so, and ask to re-check the fields named."""
        self.declare(Conflict(text=text, recheck=tuple(recheck), rule=self.firing))


Conclusions = RuleSet  # the former name
