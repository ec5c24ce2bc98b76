"""其它错误代码: 769 and 633, and codes the knowledge base does not know."""
from faultdx._experta import MATCH, NOT, TEST
from faultdx.facts import AccountStatus, ErrorCode, ModemSync
from faultdx.kb import rule

KNOWN_CODES = frozenset({691, 678, 769, 633})


class ErrorCodeRules:
    @rule("CODE-769", "769: the network card driver is faulty", ErrorCode(code=769))
    def code_769(self):
        self.category("error_code")
        self.cause("nic_driver", "用户电脑网卡驱动程序故障")
        self.advise(410, "code.769")

    @rule("CODE-633", "633: the user dialled twice", ErrorCode(code=633))
    def code_633(self):
        self.category("error_code")
        self.cause("repeat_dial", "用户重复拨号")
        self.advise(420, "code.633")

    @rule("CODE-UNKNOWN", "an error code the knowledge base does not know",
          ErrorCode(code=MATCH.code), TEST(lambda code: code not in KNOWN_CODES))
    def unknown_code(self, code):
        self.category("unknown")
        self.finding("unknown_code", f"错误代码{code}不在知识库中(已知:691、678、769、633):请按下列问题缩小范围")

    @rule("CODE-UNKNOWN-ASK-SYNC", "an unknown code: modem sync separates line faults from the rest",
          ErrorCode(code=MATCH.code), TEST(lambda code: code not in KNOWN_CODES), NOT(ModemSync(end="user")))
    def unknown_ask_sync(self, code):
        self.ask(430, "modem_sync")

    @rule("CODE-UNKNOWN-ASK-STATUS", "an unknown code: the account status rules out authentication",
          ErrorCode(code=MATCH.code), TEST(lambda code: code not in KNOWN_CODES), NOT(AccountStatus()))
    def unknown_ask_status(self, code):
        self.ask(431, "account_status")
