"""Cases no fault family claims: say so, and ask what would place them."""
from faultdx._experta import NOT
from faultdx.facts import Complaint, ErrorCode
from faultdx.kb import Category, rule


class GeneralRules:
    @rule("GEN-UNPLACED", "no fault family matches the facts: the case stays unknown",
          NOT(Category()), salience=-20)
    def unplaced(self):
        self.category("unknown")
        self.finding("unplaced", "现有信息不足以归入任何故障类别:请补充故障现象或错误代码")

    @rule("GEN-ASK-SYMPTOM", "nothing places the case: ask for the symptom",
          NOT(Category()), NOT(Complaint()), salience=-10)
    def ask_symptom(self):
        self.ask(900, "complaints")

    @rule("GEN-ASK-CODE", "nothing places the case: ask for the dial-up error",
          NOT(Category()), NOT(ErrorCode()), salience=-10)
    def ask_code(self):
        self.ask(901, "error_codes")
