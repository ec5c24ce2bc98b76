"""Service sentences (phrasebook 三, 四) that the facts call for, beside the technical steps: one decision.

- 三.1 only when we contact the customer; 四.3 when the customer calls in to report.
- 三.5: a confirmed cause on our side → (1) the apology; a confirmed cause on the user's side → (3), filled
  with the fault as the customer hears it and what to check; otherwise → (2) 正在核实.
- 四.4 once exchange-side handling is complete: then no 三.1, no 抢修 and no 核实.
- 四.8 when a confirmed cause is a user-terminal problem.
- 三.4, 三.6–三.9 for what the customer voices (资费, 时限, 态度, 重复故障, 投诉倾向).
"""
from faultdx._experta import MATCH, NOT, P
from faultdx.facts import Concern, Contact, Yes
from faultdx.kb import Cause, RuleSet, rule

RESOLVED = Yes("exchange_done")
CONCERN_PHRASES = {"tariff": ("explain.4",), "slow_handling": ("explain.6.inconvenience", "explain.6.complex"),
                   "staff": ("explain.7.investigate",), "repeated": ("explain.8",), "complaint_threat": ("explain.9",)}


class ServiceLanguageRules(RuleSet):
    @rule("SVC-OPENING", "主动联系用户:先说规定的开场白", Contact(kind="customer_outbound"), NOT(RESOLVED), item="三.1")
    def opening(self):
        self.say(10, "explain.1")

    @rule("SVC-REPORT-RECEIVED", "用户来电申报故障:受理并请以后通过10000号申报", Contact(kind="customer_inbound"),
          item="四.3")
    def report_received(self):
        self.say(12, "handling.3")

    @rule("SVC-OPERATOR-CAUSE", "已确认是我方原因:致歉并说明正在抢修", Cause(side="operator", likely=False),
          NOT(RESOLVED), item="三.5")
    def operator_cause(self):
        self.say(20, "explain.5.operator")

    @rule("SVC-USER-CAUSE", "已确认是用户方原因:说明原因并请用户检查", Cause(side="user", likely=False, tell=MATCH.tell,
          check=MATCH.check), NOT(RESOLVED), item="三.5")
    def user_cause(self, tell, check):
        self.say(21, "explain.5.user_side", user_fault=tell, check=check)

    @rule("SVC-UNCONFIRMED", "还不能确认是哪一方的原因:正在核实(首问负责)", NOT(Cause(likely=False,
          side=P(lambda s: s in ("operator", "user")))), NOT(RESOLVED), salience=-5, item="三.5")
    def unconfirmed(self):
        self.say(22, "explain.5.unconfirmed")

    @rule("SVC-TERMINAL", "已确认是用户端终端问题:走宽心服务流程,派代维公司", Cause(terminal=True, likely=False),
          NOT(RESOLVED), item="四.8")
    def terminal(self):
        self.say(25, "handling.8")

    @rule("SVC-RESOLVED", "局端处理已完成:请确认", RESOLVED, item="四.4")
    def resolved(self):
        self.say(30, "handling.4")

    @rule("SVC-CONCERN", "客户的诉求:资费、时限、态度、重复故障、投诉倾向各有规定用语", Concern(kind=MATCH.kind),
          item=("三.4", "三.6", "三.7", "三.8", "三.9"),
          phrases=tuple(p for phrases in CONCERN_PHRASES.values() for p in phrases))
    def concern(self, kind):
        for rank, phrase in enumerate(CONCERN_PHRASES[kind], 40):
            self.say(rank, phrase)
        if kind in ("staff", "complaint_threat"):
            self.advise_text(5, "客户" + ("抱怨维护人员" if kind == "staff" else "有投诉倾向") + ":必须上报值班长"
                             + (",由值班长核实后向用户回复" if kind == "staff" else ",立即将电话转交值班长"), "internal",
                             source="三.7(必须上报值班长,由值班长核实后向用户回复);三.9(应立即将电话转交给值班长)")
