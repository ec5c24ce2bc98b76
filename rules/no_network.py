"""网络无法使用类: modem not synced, or synced but 678 (phrasebook 五.网络无法使用类 1–8)."""
from faultdx._experta import NOT
from faultdx.facts import Complaint, ErrorCode, Known, No, Yes
from faultdx.kb import Finding, RuleSet, rule

NO_SYNC = Finding(kind="no_sync")
REQUEST_LOST = Finding(kind="request_not_reaching")


class NoNetworkRules(RuleSet):
    @rule("NET-NOT-SYNCED", "用户端MODEM不同步", No("modem_sync"), NOT(ErrorCode(code=691)), item="五.网络无法使用类.1")
    def not_synced(self):
        self.category("no_network")
        self.finding("no_sync", "用户端MODEM不同步:原因在MODEM、局端端口或线路")
        self.advise(210, "net.1")

    @rule("NET-MODEM-SUSPECT", "不同步:先重起、更换MODEM", NO_SYNC, NOT(Known("exchange_sync")),
          item="五.网络无法使用类.2")
    def modem_suspect(self):
        self.cause("modem", "用户MODEM问题", side="user", likely=True, terminal=True)
        self.advise(220, "net.2")

    @rule("NET-PORT-SUSPECT", "不同步且局端尚未挂测:局端端口可能有问题", NO_SYNC, NOT(Known("exchange_sync")),
          item="五.网络无法使用类.3")
    def port_suspect(self):
        self.cause("exchange_port", "局端端口问题", side="operator", likely=True)
        self.advise(230, "net.3")

    @rule("NET-ASK-EXCHANGE-SYNC", "局端挂测能否同步,区分线路和端口", NO_SYNC, NOT(Known("exchange_sync")),
          item=("五.网络无法使用类.3", "五.网络无法使用类.4", "四.1"))
    def ask_exchange_sync(self):
        self.ask(235, "exchange_sync")

    @rule("NET-PORT-CONFIRMED", "局端挂测也不能同步:局端端口问题", NO_SYNC, No("exchange_sync"),
          item="五.网络无法使用类.3")
    def port_confirmed(self):
        self.cause("exchange_port", "局端端口问题:局端挂测也不能同步", side="operator")
        self.advise(230, "net.3")

    @rule("NET-LINE-QUALITY", "局端能同步、用户端不能同步:线路质量太差", NO_SYNC, Yes("exchange_sync"),
          item="五.网络无法使用类.4")
    def line_quality(self):
        self.cause("line", "线路质量太差:局端能同步,用户端不能同步", side="operator")
        self.advise(240, "net.4")

    @rule("NET-678-SYNCED", "MODEM同步但报678:请求到不了局端服务器,与帐号认证无关,不需解绑", ErrorCode(code=678),
          NOT(ErrorCode(code=691)), Yes("modem_sync"), item=("五.网络无法使用类.5", "五.网络无法使用类.6"))
    def synced_678(self):
        self.category("no_network")
        self.finding("request_not_reaching", "678且MODEM同步:请求无法到达局端服务器,与帐号认证无关,不需要解绑")
        self.advise(250, "net.5")
        self.cause("modem", "用户MODEM问题", side="user", likely=True, terminal=True)
        self.advise(260, "net.6")

    @rule("NET-678-ASK-SYNC", "报678:MODEM是否同步决定分支", ErrorCode(code=678), NOT(ErrorCode(code=691)),
          NOT(Known("modem_sync")), item=("五.网络无法使用类.1", "五.网络无法使用类.5"))
    def ask_sync_678(self):
        self.category("no_network")
        self.ask(205, "modem_sync")

    @rule("NET-OFFLINE-ASK-SYNC", "无法上网:先看MODEM是否同步", Complaint(kind="offline"), NOT(Known("modem_sync")),
          NOT(ErrorCode()), item=("五.网络无法使用类.1", "五.网络无法使用类.5"))
    def ask_sync_offline(self):
        self.category("no_network")
        self.ask(205, "modem_sync")

    @rule("NET-OFFLINE-SYNCED-ASK-CODE", "无法上网且MODEM同步:拨号报什么错误", Complaint(kind="offline"),
          Yes("modem_sync"), NOT(ErrorCode()), item=("五.拨号认证类.1", "五.网络无法使用类.5"))
    def ask_code_synced(self):
        self.category("no_network")
        self.ask(206, "error_codes")

    @rule("NET-678-ASK-ALARM", "678:网管上端口是否有告警决定端口处理", REQUEST_LOST, NOT(Known("port_alarm")),
          item=("五.网络无法使用类.7", "五.网络无法使用类.8"))
    def ask_alarm(self):
        self.ask(265, "port_alarm")

    @rule("NET-678-PORT-ALARM", "678且端口有告警:重起端口,仍不能用则更换端口", REQUEST_LOST, Yes("port_alarm"),
          item="五.网络无法使用类.7")
    def port_alarm(self):
        self.cause("exchange_port_alarm", "局端端口问题:网管上该端口有告警", side="operator")
        self.advise(270, "net.7")

    @rule("NET-678-ASK-CONFIG", "678且无告警:端口数据配置是否正常", REQUEST_LOST, No("port_alarm"),
          NOT(Known("port_config_ok")), item="五.网络无法使用类.8")
    def ask_config(self):
        self.ask(275, "port_config_ok")

    @rule("NET-678-PORT-NO-ALARM", "678、无告警、数据配置正常:重起端口,仍不能用则更换端口", REQUEST_LOST, No("port_alarm"),
          Yes("port_config_ok"), NOT(Yes("port_restarted")), item="五.网络无法使用类.8")
    def port_no_alarm(self):
        self.cause("exchange_port", "局端端口问题:网管上该端口无告警,数据配置正常", side="operator", likely=True)
        self.advise(280, "net.8")

    @rule("NET-678-PORT-RESTARTED", "端口已重起仍无法使用:更换端口并在局端测试", REQUEST_LOST, Yes("port_restarted"),
          item=("五.网络无法使用类.7", "五.网络无法使用类.8"))
    def port_restarted(self):
        self.cause("exchange_port", "局端端口问题:重起端口后仍无法使用", side="operator")
        self.advise_text(285, "端口已通过预处理系统重起仍无法使用:请更换端口,并在局端测试", "branch",
                         source="五.网络无法使用类.7/8(如仍然无法使用,请更换端口,并在局端测试)")

    @rule("NET-678-PORT-CONFIG-BAD", "678且端口数据配置异常:修正配置", REQUEST_LOST, No("port_config_ok"),
          source="五.网络无法使用类.8 的前提(数据配置正常)不成立时:先修正数据配置")
    def port_config_bad(self):
        self.cause("port_config", "局端端口数据配置异常", side="operator")
        self.advise_text(280, "端口数据配置异常:请核对并修正该端口数据配置,再让用户重新拨号", "internal",
                         source="五.网络无法使用类.8 的前提(数据配置正常)不成立")

    @rule("NET-INTERNET-DOWN", "上互联网不正常:就是无法上网", No("internet_ok"), NOT(Complaint(kind="offline")),
          item="五.网络无法使用类.1")
    def internet_down(self):
        self.declare(Complaint(kind="offline"))

    @rule("NET-DIAL-ERROR", "拨号失败而没有错误代码、也没有认证失败:先按网络无法使用类,问错误代码", Complaint(kind="dial_error"),
          NOT(ErrorCode()), NOT(Complaint(kind="auth_failed")), item=("五.拨号认证类.1", "五.网络无法使用类.5"))
    def net_dial_error(self):
        self.category("no_network")
        self.candidate("dial_auth", "拨号失败")
