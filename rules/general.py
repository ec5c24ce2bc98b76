"""Cases no fault family claims: rank what the evidence points to, and ask what would place them.

A case field is asked under one branch of the phrasebook (MODEM同步 under 网络无法使用类.1, 实测速率 under
带宽故障类.1 …): when a ticket tells such a field and no family is confirmed, that branch's family is a likely
one (issue #9 item 8), never a confirmed one — the category stays 未能归类 and the questions stay.
"""
from faultdx._experta import EXISTS, MATCH, NOT, OR, TEST
from faultdx.facts import (FIELDS, AccountStatus, Complaint, ErrorCode, Figure, Known, Level, ServiceType, State,
                           display_value)
from faultdx.kb import Category, Conflict, Finding, RuleSet, rule

RECORDS_QUERY = Finding(kind="records_not_found")  # a records query, not a fault: nothing to ask
# GEN-UNPLACED's finding first: the rules below join a case's facts only once it is unplaced (matching every State and
# Figure of every case against NOT(Category()) cost a fifth of a diagnosis); a conflict ranks its own candidates
UNPLACED = (Finding(kind="unplaced"), NOT(Conflict()))
# the family of the phrasebook branch each field is asked under
SERVICE_FAMILY = {"iptv": "iptv", "vpn": "vpn", "xingtiandi": "dial_auth"}
STATE_FAMILY = {"modem_sync": "no_network", "exchange_sync": "no_network", "port_alarm": "no_network",
                "port_config_ok": "no_network", "port_restarted": "no_network", "onu_los": "no_network",
                "apps_ok": "no_network", "line_quality_ok": "bandwidth", "user_encoding_ok": "bandwidth",
                "sync_at_drop": "bandwidth", "arrears_paid": "dial_auth", "retry_failed": "dial_auth",
                "bims_adsl_lock": "dial_auth", "bims_account_ok": "iptv"}
FIGURE_FAMILY = {"crm_bw": "bandwidth", "nms_bw": "bandwidth", "plan_bw": "bandwidth", "measured_bw": "bandwidth",
                 "download_kBps": "bandwidth", "ping_ms": "bandwidth", "loss_pct": "bandwidth",
                 "session_minutes": "bandwidth", "attenuation_db": "bandwidth", "attenuation_up_db": "bandwidth",
                 "attenuation_down_db": "bandwidth", "noise_margin_db": "bandwidth", "rx_power_dbm": "no_network"}
LIKELY = ("issue #9 第8条:有证据而未能确认类别时,按证据列出可能的类别并提问;"
          "证据所指的类别是话务手册中问这一项的分支(见 rules/general.py 的 SERVICE_FAMILY、STATE_FAMILY、FIGURE_FAMILY)")
MEASURED = OR(Figure(name="measured_bw"), Figure(name="download_kBps"))


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

    # --- likely families of an unplaced case (ranked by engine._candidates, most evidence first) ----------------
    @rule("GEN-LIKELY-FIELDS", "没有确认类别:已知的业务类型、检查结果和数据指向问它们的那一类", *UNPLACED, salience=-25,
          source=LIKELY)
    def likely_fields(self):
        # one firing reads the case's facts (a rule per kind of fact joined every State and Figure of every case)
        for fact in list(self.facts.values()):
            kind = type(fact)
            if kind is ServiceType and fact["kind"] in SERVICE_FAMILY:
                self.candidate(SERVICE_FAMILY[fact["kind"]], f"业务类型={display_value('service', fact['kind'])}")
            elif kind is State and fact["field"] in STATE_FAMILY:
                name = fact["field"]
                self.candidate(STATE_FAMILY[name], f"{FIELDS[name].label}={display_value(name, fact['value'])}")
            elif kind is Figure and fact["name"] in FIGURE_FAMILY:
                name = fact["name"]
                self.candidate(FIGURE_FAMILY[name], f"{FIELDS[name].label}={{{name}}}")

    @rule("GEN-LIKELY-ACCOUNT", "没有确认类别:帐号状态正常指向拨号认证类", *UNPLACED, AccountStatus(status="normal"),
          salience=-25, source=LIKELY)
    def likely_account(self):
        self.candidate("dial_auth", "帐号状态=正常")

    @rule("GEN-LIKELY-VPN-AUTH", "没有确认类别:VPN用户说认证失败,可能是VPN帐号", *UNPLACED,
          Complaint(kind="auth_failed"), ServiceType(kind="vpn"), salience=-25,
          source=LIKELY + ";微软 691 ERROR_AUTHENTICATION_FAILURE 用于VPN时是VPN帐号(见 VPN-691 的来源)")
    def likely_vpn_auth(self):
        self.candidate("vpn", "VPN用户认证失败")

    @rule("GEN-LIKELY-RECORDS", "没有确认类别:查不到资料而业务类型未知,可能是光纤用户", *UNPLACED,
          Complaint(kind="info_not_found"), NOT(ServiceType()), salience=-25,
          source=LIKELY + ";五.光纤用户无法查询资料只对光纤用户")
    def likely_records(self):
        self.candidate("fiber_query", "查不到资料")

    @rule("GEN-LIKELY-SERVICE-ASK-INTERNET", "只知道业务类型(IPTV/VPN):上互联网是否正常,区分本业务和无法上网",
          *UNPLACED, ServiceType(kind=MATCH.kind), TEST(lambda kind: kind in ("iptv", "vpn")), NOT(Complaint()),
          NOT(Known("internet_ok")), salience=-25,
          item=("五.宽带新天地认证失败", "五.VPN用户网页无法打开"))
    def likely_service_ask_internet(self, kind):
        self.ask(700, "internet_ok")

    @rule("GEN-LIKELY-SPEED-ASK-CRM", "有测速结果而不知带宽:CRM带宽决定是否网速慢", *UNPLACED, MEASURED,
          NOT(Level(of="speed")), NOT(Figure(name="crm_bw")), salience=-25, item=("五.带宽故障类.1", "五.带宽故障类.2"))
    def likely_speed_ask_crm(self):
        self.ask(311, "crm_bw")
