"""VPN用户网页无法打开, 宽带新天地认证失败, 光纤用户无法查询资料 (and records not found for other users, 四.17)."""
from faultdx._experta import MATCH, NOT, OR, TEST, P
from faultdx.facts import AccountStatus, Complaint, ErrorCode, Known, No, ServiceType, Yes
from faultdx.kb import Category, Conflict, Finding, RuleSet, rule

VPN_FAULT = Finding(kind="vpn_web")
IPTV_FAULT = Finding(kind="iptv_auth")
IPTV_HEADING = "五.宽带新天地认证失败"
SERVICE_FAMILIES = {"iptv": ("iptv", "宽带新天地(IPTV)", "电视"), "vpn": ("vpn", "VPN", "VPN")}


class ServiceRules(RuleSet):
    @rule("VPN-WEB", "VPN用户网页无法打开", ServiceType(kind="vpn"), Complaint(kind="web_unreachable"),
          item="五.VPN用户网页无法打开")
    def vpn(self):
        self.category("vpn")
        self.finding("vpn_web", "VPN用户网页无法打开:先查看局端数据")

    @rule("VPN-ASK-DATA", "VPN:局端数据是否正常", VPN_FAULT, NOT(Known("exchange_data_ok")),
          item=("五.VPN用户网页无法打开.1", "五.VPN用户网页无法打开.2"))
    def vpn_ask(self):
        self.ask(610, "exchange_data_ok")

    @rule("VPN-DATA-OK", "VPN、局端数据正常:请用户联系VPN中心点", VPN_FAULT, Yes("exchange_data_ok"),
          item="五.VPN用户网页无法打开.1")
    def vpn_ok(self):
        self.cause("vpn_centre", "局端数据正常,问题在VPN中心点", side="neither", likely=True)
        self.advise(610, "vpn.1")

    @rule("VPN-DATA-BAD", "VPN、局端数据有问题:先修正局端数据", VPN_FAULT, No("exchange_data_ok"),
          item="五.VPN用户网页无法打开.2")
    def vpn_bad(self):
        self.cause("exchange_data", "局端数据有问题", side="operator")

    @rule("VPN-ASK-FIXED", "VPN、局端数据有问题:是否已经修正", VPN_FAULT, No("exchange_data_ok"),
          NOT(Known("exchange_data_fixed")), item="五.VPN用户网页无法打开.2")
    def vpn_ask_fixed(self):
        self.advise_text(615, "局端数据有问题:请先修正局端数据", "internal",
                         source="五.VPN用户网页无法打开.2(查看局端数据问…请用户核实是否恢复:先修正再请用户核实)")
        self.ask(615, "exchange_data_fixed")

    @rule("VPN-DATA-FIXED", "VPN、局端数据已修正:请用户核实是否恢复", VPN_FAULT, No("exchange_data_ok"),
          Yes("exchange_data_fixed"), item="五.VPN用户网页无法打开.2")
    def vpn_fixed(self):
        self.advise(620, "vpn.2")

    @rule("IPTV-AUTH", "机顶盒提示认证失败", Complaint(kind="iptv_auth_failed"), NOT(ErrorCode(code=691)),
          NOT(No("internet_ok")), item=IPTV_HEADING)
    def iptv(self):
        self.category("iptv")
        self.finding("iptv_auth", "宽带新天地认证失败:查局端数据、帐号与BIMS帐号")

    @rule("IPTV-AUTH-SERVICE", "宽带新天地用户报认证失败", Complaint(kind="auth_failed"), ServiceType(kind="iptv"),
          NOT(ErrorCode(code=691)), NOT(No("internet_ok")), item=IPTV_HEADING)
    def iptv_service(self):
        self.category("iptv")
        self.finding("iptv_auth", "宽带新天地认证失败:查局端数据、帐号与BIMS帐号")

    @rule("IPTV-ASK-INTERNET", "宽带新天地认证失败的前提:上互联网正常", IPTV_FAULT, NOT(Known("internet_ok")),
          item=IPTV_HEADING)
    def iptv_ask_internet(self):
        self.ask(700, "internet_ok")

    @rule("IPTV-INTERNET-OK", "上互联网正常:符合宽带新天地认证失败的前提", IPTV_FAULT, Yes("internet_ok"),
          item=IPTV_HEADING)
    def iptv_internet_ok(self):
        self.finding("internet_ok", "上互联网正常:符合宽带新天地认证失败的前提,按本类处理")

    @rule("IPTV-INTERNET-DOWN", "机顶盒认证失败且上互联网也不正常:先按无法上网处理",
          Complaint(kind=P(lambda k: k in ("iptv_auth_failed", "auth_failed"))), ServiceType(kind="iptv"),
          No("internet_ok"), item=(IPTV_HEADING, "五.网络无法使用类.1"))
    def iptv_internet_down(self):
        self.finding("iptv_not_branch", "上互联网也不正常:不属于宽带新天地认证失败(其前提是上互联网正常),先按无法上网处理")

    @rule("IPTV-ASK-DATA", "宽带新天地:局端数据是否正常", IPTV_FAULT, NOT(Known("exchange_data_ok")),
          item="五.宽带新天地认证失败.1")
    def iptv_ask_data(self):
        self.ask(705, "exchange_data_ok")

    @rule("IPTV-DATA-OK", "宽带新天地、局端数据正常:排除局端数据", IPTV_FAULT, Yes("exchange_data_ok"),
          item="五.宽带新天地认证失败.1")
    def iptv_data_ok(self):
        self.finding("iptv_data_ok", "局端数据正常:排除局端数据问题")

    @rule("IPTV-ASK-ACCOUNT", "宽带新天地、局端数据正常:帐号是否正常", IPTV_FAULT, Yes("exchange_data_ok"),
          NOT(AccountStatus()), item="五.宽带新天地认证失败.1")
    def iptv_ask_account(self):
        self.ask(706, "account_status")

    @rule("IPTV-RESTART-STB", "宽带新天地、局端数据和帐号都正常:重起机顶盒,仍不行则更换", IPTV_FAULT,
          Yes("exchange_data_ok"), AccountStatus(status="normal"), item="五.宽带新天地认证失败.1")
    def iptv_stb(self):
        self.cause("set_top_box", "机顶盒问题", side="user", likely=True, terminal=True)
        self.advise(710, "iptv.1")

    @rule("IPTV-DATA-BAD", "宽带新天地、局端数据异常:先修正", IPTV_FAULT, No("exchange_data_ok"),
          source="五.宽带新天地认证失败.1 的前提(局端数据正常)不成立:先修正局端数据")
    def iptv_data_bad(self):
        self.cause("exchange_data", "局端数据异常", side="operator")
        self.advise_text(705, "局端数据异常:请修正局端数据后让用户重新认证", "internal",
                         source="五.宽带新天地认证失败.1 的前提(局端数据正常)不成立")

    @rule("IPTV-ACCOUNT-BAD", "宽带新天地、帐号状态异常:按帐号状态处理", IPTV_FAULT,
          AccountStatus(status=P(lambda s: s != "normal")),
          source="五.宽带新天地认证失败.1 的前提(帐号正常)不成立:按五.拨号认证类4–6的帐号状态处理")
    def iptv_account_bad(self):
        self.cause("iptv_account", "帐号状态异常(欠费/绑定/在线)", side="operator", likely=True)
        self.advise_text(708, "帐号状态不正常:请先按帐号状态(欠费/绑定/在线)处理后让用户重新认证", "internal",
                         source="五.宽带新天地认证失败.1 的前提(帐号正常)不成立")

    @rule("IPTV-ASK-BIMS", "宽带新天地:BIMS帐号是否正常", IPTV_FAULT, NOT(Known("bims_account_ok")),
          item="五.宽带新天地认证失败.2")
    def iptv_ask_bims(self):
        self.ask(715, "bims_account_ok")

    @rule("IPTV-BIMS-OK", "宽带新天地、BIMS帐号正常:核对终端上的帐号密码,再联系信产公司确认平台数据", IPTV_FAULT,
          Yes("bims_account_ok"), item="五.宽带新天地认证失败.2")
    def iptv_bims(self):
        self.cause("terminal_or_platform", "终端帐号密码输入错误或平台数据问题", side="neither", likely=True)
        self.advise(720, "iptv.2")

    @rule("IPTV-BIMS-BAD", "宽带新天地、BIMS帐号异常:先修正BIMS帐号", IPTV_FAULT, No("bims_account_ok"),
          source="五.宽带新天地认证失败.2 的前提(BIMS帐号正常)不成立:先修正BIMS帐号")
    def iptv_bims_bad(self):
        self.cause("bims_account", "BIMS帐号异常", side="operator")
        self.advise_text(715, "BIMS帐号异常:请核实并修正BIMS帐号后让用户重新认证", "internal",
                         source="五.宽带新天地认证失败.2 的前提(BIMS帐号正常)不成立")

    @rule("FIBER-QUERY", "光纤用户资料查不到:请提供联系电话和IP地址", ServiceType(kind="fiber"),
          Complaint(kind="info_not_found"), item="五.光纤用户无法查询资料.1")
    def fiber(self):
        self.category("fiber_query")
        self.cause("fiber_records", "光纤用户资料无法按号码查询,需用户联系电话与IP地址定位", side="neither")
        self.advise(810, "fiber.1")

    @rule("RECORDS-NOT-FOUND", "非光纤用户的号码查不到资料:请再确认是否使用这个业务", Complaint(kind="info_not_found"),
          ServiceType(kind=P(lambda k: k != "fiber")), item="四.17")
    def records_not_found(self):
        self.finding("records_not_found", "所报号码在系统中没查到资料(非光纤用户)")
        self.advise(820, "handling.17")

    @rule("SERVICE-ASK-TYPE", "网页打不开:业务类型决定分支", Complaint(kind="web_unreachable"), NOT(ServiceType()),
          item="五.VPN用户网页无法打开")
    def ask_service_web(self):
        self.ask(600, "service")

    @rule("SERVICE-ASK-TYPE-RECORDS", "查不到资料:业务类型决定分支", Complaint(kind="info_not_found"), NOT(ServiceType()),
          item=("五.光纤用户无法查询资料", "四.17"))
    def ask_service_records(self):
        self.ask(800, "service")

    @rule("VPN-691", "VPN拨号报691:VPN帐号认证失败,不是宽带拨号认证", ErrorCode(code=691),
          OR(ServiceType(kind="vpn"), Complaint(kind="vpn_connect_failed")),
          source="微软 691 ERROR_AUTHENTICATION_FAILURE(用户名或密码无效)用于VPN时是VPN帐号 "
                 "https://learn.microsoft.com/en-us/windows/win32/rras/routing-and-remote-access-error-codes")
    def vpn_691(self):
        self.category("vpn")
        self.cause("vpn_credentials", "VPN帐号或密码认证失败", side="neither", likely=True)
        self.advise_text(625, "VPN报691:请用户核对VPN帐号和密码,仍失败请联系VPN中心点", "internal",
                         source="微软 691 ERROR_AUTHENTICATION_FAILURE")

    @rule("SERVICE-NO-SYMPTOM", "只知道是IPTV或VPN业务的故障、没有宽带线路的现象:按该业务的类别,先问上网是否正常和故障现象",
          ServiceType(kind=MATCH.kind), TEST(lambda kind: kind in SERVICE_FAMILIES), NOT(Complaint()), NOT(ErrorCode()),
          NOT(Category()), NOT(Conflict()), salience=-5, item=(IPTV_HEADING, "五.VPN用户网页无法打开"),
          source="话务手册按业务分出“宽带新天地认证失败”“VPN用户网页无法打开”两类;corpus/README.md 标注约定:IPTV的"
                 "故障归 iptv,VPN的故障归 vpn;有宽带线路的现象(无法上网、网速慢、掉线)时由那些规则归类")
    def service_no_symptom(self, kind):
        family, name, what = SERVICE_FAMILIES[kind]
        self.category(family)
        self.finding("service_only", f"只知道是{name}业务的故障,没有读到故障现象:按本业务归类;先问上互联网是否正常"
                                     f"(不正常则按无法上网处理),再问{what}的具体现象")
        self.ask(700, "internet_ok")
        self.ask(701, "complaints")
