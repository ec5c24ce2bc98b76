"""其它错误代码: 769 and 633 from the phrasebook, the dial-up and VPN codes of ``codes.toml``, and unknown codes.

``codes.toml`` is knowledge as data: for each Windows RAS code people report (651, 619, 718, 809 …)
its meaning, the family it is filed under, whose side it usually is, internal steps and the source
they come from.  Codes the phrasebook itself handles (691, 678, 769, 633) keep their own rules.
"""
from faultdx import _rulefiles
from faultdx._experta import MATCH, NOT, TEST, P
from faultdx.facts import AccountStatus, Complaint, ErrorCode, Known, Yes
from faultdx.kb import RuleSet, rule

PHRASEBOOK_CODES = frozenset({691, 678, 769, 633})
SIDE = {"user": "user", "operator": "operator", "either": "neither"}


def load_codes() -> dict[int, dict]:
    """The code table of ``codes.toml``: code -> meaning_zh, category, side, steps_zh, source, source_note."""
    raw = _rulefiles.load_toml("codes.toml")
    return {int(code): entry for code, entry in raw["code"].items()}


CODES = load_codes()
KNOWN_CODES = PHRASEBOOK_CODES | frozenset(CODES)


class ErrorCodeRules(RuleSet):
    @rule("CODE-769", "报769:用户电脑网卡驱动程序故障", ErrorCode(code=769), item="五.其它错误代码.1")
    def code_769(self):
        self.category("error_code")
        self.cause("nic_driver", "用户电脑网卡驱动程序故障", side="user", terminal=True, tell="电脑网卡驱动程序故障",
                   check="电脑的网卡驱动程序和网卡设置,")
        self.advise(410, "code.769")

    @rule("CODE-633", "报633:用户重复拨号", ErrorCode(code=633), item="五.其它错误代码.2")
    def code_633(self):
        self.category("error_code")
        self.cause("repeat_dial", "用户重复拨号", side="user", terminal=True, tell="电脑重复拨号",
                   check="电脑的拨号:重起电脑,再重新安装拨号软件,")
        self.advise(420, "code.633")

    @rule("CODE-TABLE", "代码表中的错误代码:按其含义归类并给出内部处理步骤", ErrorCode(code=MATCH.code),
          TEST(lambda code: code in CODES and code not in PHRASEBOOK_CODES),
          source="rules/codes.toml(各代码含义见微软 Routing and Remote Access Error Codes,处理步骤各有来源)")
    def code_table(self, code):
        entry = CODES[code]
        self.category(entry["category"])
        self.finding(f"code_{code}", f"错误代码{code}:{entry['meaning_zh']}")
        self.cause(f"code_{code}", f"错误代码{code}:{entry['meaning_zh']}", side=SIDE[entry["side"]], likely=True)
        for number, step in enumerate(entry["steps_zh"]):
            self.advise_text(440 + number, f"{code}:{step}", "internal", source=entry["source"])

    @rule("CODE-UNKNOWN", "知识库中没有的错误代码", ErrorCode(code=MATCH.code), TEST(lambda code: code not in KNOWN_CODES),
          source="知识库未收录该代码:不猜测,按下列问题缩小范围")
    def unknown_code(self, code):
        self.finding("unknown_code", f"错误代码{code}不在知识库中:请按下列问题缩小范围")
        self.candidate("unknown", f"错误代码{code}")

    @rule("CODE-UNKNOWN-ASK-SYNC", "未知代码:MODEM是否同步区分线路故障和其它", ErrorCode(code=MATCH.code),
          TEST(lambda code: code not in KNOWN_CODES), NOT(Known("modem_sync")), item="五.网络无法使用类.1")
    def unknown_ask_sync(self, code):
        self.ask(430, "modem_sync")

    @rule("CODE-UNKNOWN-SYNCED", "未知代码且MODEM同步:可排除线路不同步", ErrorCode(code=MATCH.code),
          TEST(lambda code: code not in KNOWN_CODES), Yes("modem_sync"), item="五.网络无法使用类.5")
    def unknown_synced(self, code):
        self.finding("synced", "用户端MODEM同步:可排除线路不同步,问题在拨号认证或局端之后")

    @rule("CODE-UNKNOWN-STATUS", "未知代码而帐号状态异常:先按帐号状态处理", ErrorCode(code=MATCH.code),
          TEST(lambda code: code not in KNOWN_CODES), AccountStatus(status=P(lambda s: s != "normal")),
          item=("五.拨号认证类.4", "五.拨号认证类.5", "五.拨号认证类.6"))
    def unknown_status(self, code):
        self.cause("account_state", "预处理系统中帐号状态异常(欠费/绑定/在线),也会导致拨号失败", side="operator",
                   likely=True)
        self.advise_text(432, "帐号状态异常:请按欠费/停机、绑定、在线的处理方式先处理帐号状态,再让用户重新拨号", "internal",
                         source="五.拨号认证类.4–6")

    @rule("CODE-UNKNOWN-STATUS-NORMAL", "未知代码而帐号状态正常:可排除帐号状态问题", ErrorCode(code=MATCH.code),
          TEST(lambda code: code not in KNOWN_CODES), AccountStatus(status="normal"), item="五.拨号认证类.7")
    def unknown_status_normal(self, code):
        self.finding("status_normal", "预处理系统中帐号状态正常:可排除帐号状态问题")

    @rule("CODE-UNKNOWN-OFFLINE", "未知代码且无法上网:可能属于网络无法使用类", ErrorCode(code=MATCH.code),
          TEST(lambda code: code not in KNOWN_CODES), Complaint(kind="offline"), item="五.网络无法使用类.1")
    def unknown_offline(self, code):
        self.candidate("no_network", "无法上网")

    @rule("CODE-UNKNOWN-ASK-STATUS", "未知代码:帐号状态可排除认证问题", ErrorCode(code=MATCH.code),
          TEST(lambda code: code not in KNOWN_CODES), NOT(AccountStatus()), item="五.拨号认证类.4")
    def unknown_ask_status(self, code):
        self.ask(431, "account_status")
