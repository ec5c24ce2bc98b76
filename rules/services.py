"""VPN用户网页无法打开, 宽带新天地认证失败, 光纤用户无法查询资料."""
from faultdx._experta import NOT
from faultdx.facts import BimsAccount, Complaint, ExchangeData, ServiceType
from faultdx.kb import Finding, rule

VPN_FAULT = Finding(kind="vpn_web")
IPTV_FAULT = Finding(kind="iptv_auth")


class ServiceRules:
    @rule("VPN-WEB", "a VPN user cannot open web pages", ServiceType(kind="vpn"), Complaint(kind="web_unreachable"))
    def vpn(self):
        self.category("vpn")
        self.finding("vpn_web", "VPN用户网页无法打开:先查看局端数据")

    @rule("VPN-ASK-DATA", "VPN: is the exchange-side data normal?", VPN_FAULT, NOT(ExchangeData()))
    def vpn_ask(self):
        self.ask(610, "exchange_data_ok")

    @rule("VPN-DATA-OK", "VPN, exchange data normal: the VPN centre must confirm", VPN_FAULT, ExchangeData(normal=True))
    def vpn_ok(self):
        self.cause("vpn_centre", "局端数据正常,问题在VPN中心点", likely=True)
        self.advise(610, "vpn.1")

    @rule("VPN-DATA-FIXED", "VPN, exchange data had a problem: the user confirms recovery", VPN_FAULT,
          ExchangeData(normal=False))
    def vpn_fixed(self):
        self.cause("exchange_data", "局端数据有问题")
        self.advise(620, "vpn.2")

    @rule("IPTV-AUTH", "宽带新天地 reports authentication failure while the internet works",
          Complaint(kind="iptv_auth_failed"))
    def iptv(self):
        self.category("iptv")
        self.finding("iptv_auth", "宽带新天地认证失败,上互联网正常:查局端数据、帐号与BIMS帐号")

    @rule("IPTV-ASK-DATA", "宽带新天地: is the exchange-side data normal?", IPTV_FAULT, NOT(ExchangeData()))
    def iptv_ask_data(self):
        self.ask(705, "exchange_data_ok")

    @rule("IPTV-RESTART-STB", "宽带新天地, exchange data and account normal: restart, then replace the set-top box",
          IPTV_FAULT, ExchangeData(normal=True), NOT(BimsAccount(normal=False)))
    def iptv_stb(self):
        self.cause("set_top_box", "机顶盒问题", likely=True)
        self.advise(710, "iptv.1")

    @rule("IPTV-DATA-BAD", "宽带新天地, exchange data abnormal: correct it first", IPTV_FAULT, ExchangeData(normal=False))
    def iptv_data_bad(self):
        self.cause("exchange_data", "局端数据异常")
        self.advise_text(705, "局端数据异常:请修正局端数据后让用户重新认证", "internal")

    @rule("IPTV-ASK-BIMS", "宽带新天地: is the BIMS account normal?", IPTV_FAULT, NOT(BimsAccount()))
    def iptv_ask_bims(self):
        self.ask(715, "bims_account_ok")

    @rule("IPTV-BIMS-OK", "宽带新天地, BIMS account normal: check the terminal password, then the platform",
          IPTV_FAULT, BimsAccount(normal=True))
    def iptv_bims(self):
        self.cause("terminal_or_platform", "终端帐号密码输入错误或平台数据问题", likely=True)
        self.advise(720, "iptv.2")

    @rule("IPTV-BIMS-BAD", "宽带新天地, BIMS account abnormal: correct the account first", IPTV_FAULT,
          BimsAccount(normal=False))
    def iptv_bims_bad(self):
        self.cause("bims_account", "BIMS帐号异常")
        self.advise_text(715, "BIMS帐号异常:请核实并修正BIMS帐号后让用户重新认证", "internal")

    @rule("FIBER-QUERY", "a fibre user's data cannot be found: get a contact number and the IP address",
          ServiceType(kind="fiber"), Complaint(kind="info_not_found"))
    def fiber(self):
        self.category("fiber_query")
        self.cause("fiber_records", "光纤用户资料无法按号码查询,需用户联系电话与IP地址定位")
        self.advise(810, "fiber.1")

    @rule("SERVICE-ASK-TYPE", "web pages or records fail: the service type decides the branch",
          Complaint(kind="web_unreachable"), NOT(ServiceType()))
    def ask_service_web(self):
        self.ask(600, "service")

    @rule("SERVICE-ASK-TYPE-RECORDS", "records not found: the service type decides the branch",
          Complaint(kind="info_not_found"), NOT(ServiceType()))
    def ask_service_records(self):
        self.ask(800, "service")
