"""Cases no fault family claims: rank what the evidence points to, and ask what would place them."""
from faultdx._experta import EXISTS, NOT
from faultdx.facts import Complaint, ErrorCode
from faultdx.kb import Category, Conflict, Finding, RuleSet, rule

RECORDS_QUERY = Finding(kind="records_not_found")  # a records query, not a fault: nothing to ask


class GeneralRules(RuleSet):
    @rule("GEN-UNPLACED", "没有哪一类故障能确认:暂不归类", NOT(Category()), NOT(Conflict()), salience=-20,
          source="不猜测:证据不足时不归类,列出可能的类别并提问(issue #9 第8条)")
    def unplaced(self):
        self.category("unknown")
        self.finding("unplaced", "现有信息不足以确认任何故障类别:请补充故障现象或错误代码")

    @rule("GEN-UNPLACED-CONFLICT", "事实互相矛盾:复核前不归类", NOT(Category()), EXISTS(Conflict()), salience=-20,
          source="不猜测:事实矛盾时不归类,先复核(issue #10)")
    def unplaced_conflict(self):
        self.category("unknown")
        self.finding("unplaced", "现有事实互相矛盾:按“矛盾,请复核”中的各项复核后再归类")

    @rule("GEN-ASK-SYMPTOM", "无法归类:问故障现象", NOT(Category()), NOT(Complaint()), NOT(Conflict()), NOT(RECORDS_QUERY),
          salience=-10,
          item="三.2")
    def ask_symptom(self):
        self.ask(900, "complaints")

    @rule("GEN-ASK-CODE", "无法归类:问拨号错误代码", NOT(Category()), NOT(ErrorCode()), NOT(Conflict()), NOT(RECORDS_QUERY),
          salience=-10,
          item="五.拨号认证类.1")
    def ask_code(self):
        self.ask(901, "error_codes")
