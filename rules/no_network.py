"""网络无法使用类: modem not synced, or synced but 678 (phrasebook 五.网络无法使用类 1–8)."""
from faultdx._experta import NOT
from faultdx.facts import Complaint, ErrorCode, ModemSync, PortAlarm, PortConfig
from faultdx.kb import Finding, rule

NO_SYNC = Finding(kind="no_sync")
REQUEST_LOST = Finding(kind="request_not_reaching")


class NoNetworkRules:
    @rule("NET-NOT-SYNCED", "the user's modem does not sync", ModemSync(end="user", synced=False))
    def not_synced(self):
        self.category("no_network")
        self.finding("no_sync", "用户端MODEM不同步:原因在MODEM、局端端口或线路")
        self.advise(210, "net.1")

    @rule("NET-MODEM-SUSPECT", "not synced: restart or replace the modem first",
          NO_SYNC, NOT(ModemSync(end="exchange")))
    def modem_suspect(self):
        self.cause("modem", "用户MODEM问题", likely=True)
        self.advise(220, "net.2")

    @rule("NET-PORT-SUSPECT", "not synced and no sync at the exchange either (or not tested): the port",
          NO_SYNC, NOT(ModemSync(end="exchange", synced=True)))
    def port_suspect(self):
        self.cause("exchange_port", "局端端口问题", likely=True)
        self.advise(230, "net.3")

    @rule("NET-ASK-EXCHANGE-SYNC", "a sync test at the exchange tells line from port", NO_SYNC, NOT(ModemSync(end="exchange")))
    def ask_exchange_sync(self):
        self.ask(235, "exchange_sync")

    @rule("NET-PORT-CONFIRMED", "no sync at the exchange end: the exchange port",
          NO_SYNC, ModemSync(end="exchange", synced=False))
    def port_confirmed(self):
        self.finding("port_fault", "局端挂测也不能同步:局端端口问题")

    @rule("NET-LINE-QUALITY", "syncs at the exchange but not at the user end: the line",
          NO_SYNC, ModemSync(end="exchange", synced=True))
    def line_quality(self):
        self.cause("line", "线路质量太差:局端能同步,用户端不能同步")
        self.advise(240, "net.4")

    @rule("NET-678-SYNCED", "678 with the modem synced: the request does not reach the server, no unbinding",
          ErrorCode(code=678), NOT(ErrorCode(code=691)), ModemSync(end="user", synced=True))
    def synced_678(self):
        self.category("no_network")
        self.finding("request_not_reaching", "678且MODEM同步:请求无法到达局端服务器,与帐号认证无关,不需要解绑")
        self.advise(250, "net.5")
        self.cause("modem", "用户MODEM问题", likely=True)
        self.advise(260, "net.6")

    @rule("NET-678-ASK-SYNC", "678: whether the modem syncs decides the branch",
          ErrorCode(code=678), NOT(ErrorCode(code=691)), NOT(ModemSync(end="user")))
    def ask_sync_678(self):
        self.category("no_network")
        self.ask(205, "modem_sync")

    @rule("NET-OFFLINE-ASK-SYNC", "no network: whether the modem syncs comes first",
          Complaint(kind="offline"), NOT(ModemSync(end="user")), NOT(ErrorCode()))
    def ask_sync_offline(self):
        self.category("no_network")
        self.ask(205, "modem_sync")

    @rule("NET-OFFLINE-SYNCED-ASK-CODE", "no network with the modem synced: which error does dialling give?",
          Complaint(kind="offline"), ModemSync(end="user", synced=True), NOT(ErrorCode()))
    def ask_code_synced(self):
        self.category("no_network")
        self.ask(206, "error_codes")

    @rule("NET-678-ASK-ALARM", "678: a port alarm on the NMS decides the port step", REQUEST_LOST, NOT(PortAlarm()))
    def ask_alarm(self):
        self.ask(265, "port_alarm")

    @rule("NET-678-PORT-ALARM", "678 and the port shows an alarm: restart, then replace the port",
          REQUEST_LOST, PortAlarm(present=True))
    def port_alarm(self):
        self.cause("exchange_port_alarm", "局端端口问题:网管上该端口有告警")
        self.advise(270, "net.7")

    @rule("NET-678-ASK-CONFIG", "678 without alarm: is the port's data configuration normal?",
          REQUEST_LOST, PortAlarm(present=False), NOT(PortConfig()))
    def ask_config(self):
        self.ask(275, "port_config_ok")

    @rule("NET-678-PORT-NO-ALARM", "678, no alarm, data normal: restart, then replace the port",
          REQUEST_LOST, PortAlarm(present=False), PortConfig(normal=True))
    def port_no_alarm(self):
        self.cause("exchange_port", "局端端口问题:网管上该端口无告警,数据配置正常", likely=True)
        self.advise(280, "net.8")

    @rule("NET-678-PORT-CONFIG-BAD", "678 and the port's data configuration is wrong: correct it",
          REQUEST_LOST, PortConfig(normal=False))
    def port_config_bad(self):
        self.cause("port_config", "局端端口数据配置异常")
        self.advise_text(280, "端口数据配置异常:请核对并修正该端口数据配置,再让用户重新拨号", "internal")
