"""Service sentences (phrasebook 三, 四) that the facts call for, beside the technical steps."""
from faultdx._experta import MATCH, NOT, P
from faultdx.facts import ExchangeHandled
from faultdx.kb import Cause, rule

# Confirmed causes on the operator's side, and on the user's side (cause ids of the rule sets).
OPERATOR_SIDE = {"account_arrears", "account_bound", "account_online", "exchange_port_alarm", "line", "port_config",
                 "bw_mismatch", "line_quality", "user_encoding", "line_interference", "exchange_data", "bims_account",
                 "stage_switch_port", "stage_man_activation", "stage_account_activation", "stage_equipment_fault",
                 "stage_resource_missing", "stage_onu_board_error", "stage_bss_coordination"}
USER_SIDE = {"nic_driver", "repeat_dial", "xingtiandi_lock", "account_unpaid"}


class ServiceLanguageRules:
    @rule("SVC-OPENING", "contacting the customer starts with the mandated opening line (三.1)")
    def opening(self):
        self.say(10, "explain.1", staff_no=self.config.site.get("staff_no"))

    @rule("SVC-OPERATOR-CAUSE", "a confirmed cause on the operator's side: apologise (三.5(1))",
          Cause(id=P(lambda c: c in OPERATOR_SIDE), likely=False))
    def operator_cause(self):
        self.say(20, "explain.5.operator")

    @rule("SVC-USER-CAUSE", "a confirmed cause on the user's side: explain and ask them to check (三.5(3))",
          Cause(id=P(lambda c: c in USER_SIDE), likely=False, text=MATCH.fault))
    def user_cause(self, fault):
        self.say(20, "explain.5.user_side", user_fault=fault, check=",")

    @rule("SVC-UNCONFIRMED", "no confirmed cause yet: we are checking, first-responder rule (三.5(2))",
          NOT(Cause(likely=False)), salience=-5)
    def unconfirmed(self):
        self.say(20, "explain.5.unconfirmed")

    @rule("SVC-RESOLVED", "exchange-side handling is complete: ask to confirm (四.4)", ExchangeHandled(done=True))
    def resolved(self):
        self.say(30, "handling.4")
