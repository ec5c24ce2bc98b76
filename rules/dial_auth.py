"""拨号认证类: error 691, or 691 and 678 alternating (phrasebook 五.拨号认证类 1–8)."""
from faultdx._experta import AND, NOT, OR, P
from faultdx.facts import AccountStatus, Complaint, ErrorCode, Known, No, ServiceType, State, Yes
from faultdx.kb import Finding, RuleSet, rule

AUTH_FAILURE = Finding(kind="auth_failure")
ACCOUNT_HANDLED = Finding(kind="account_handled")   # the status was acted on: does 691 persist?
EXPLAINING_STATUSES = {"arrears", "bound", "online"}  # account statuses that are themselves a cause
XINGTIANDI_LOCK = AND(ServiceType(kind="xingtiandi"), Yes("bims_adsl_lock"))
VPN_CONTEXT = OR(ServiceType(kind="vpn"), Complaint(kind="vpn_connect_failed"))   # 691 from a VPN: see VPN-691


class DialAuthRules(RuleSet):
    @rule("AUTH-691", "报691:认证无法通过", ErrorCode(code=691), NOT(No("modem_sync")), NOT(VPN_CONTEXT),
          item=("五.拨号认证类.1", "五.拨号认证类.2"))
    def auth_691(self):
        self.category("dial_auth")
        self.finding("auth_failure", "691:认证无法通过,与ADSL端口和MODEM无关,不需重启或更换端口、MODEM")

    @rule("AUTH-691-678-ALTERNATING", "一会报691一会报678:同样是认证无法通过", ErrorCode(code=691), ErrorCode(code=678),
          NOT(No("modem_sync")), item=("五.拨号认证类.1", "五.拨号认证类.2"))
    def auth_alternating(self):
        self.finding("auth_alternating", "一会691一会678:同样是认证无法通过,按691处理")

    @rule("AUTH-691-CONTRADICTS-NO-SYNC", "报691却说MODEM不同步:两者矛盾,需复核", ErrorCode(code=691), No("modem_sync"),
          item="五.拨号认证类.2")
    def contradiction(self):
        self.conflict("报691说明拨号请求已到达认证服务器(用户端MODEM应已同步),与“用户端MODEM不同步”矛盾:"
                      "请复核MODEM同步灯和拨号时的错误代码,再按其中一类处理", "modem_sync", "error_codes")
        self.candidate("dial_auth", "报691")
        self.candidate("no_network", "用户端MODEM不同步")

    @rule("AUTH-NOT-PORT", "认证问题与端口、MODEM无关,不需重启或更换", AUTH_FAILURE, item="五.拨号认证类.2")
    def not_port(self):
        self.advise(110, "auth.2")

    @rule("AUTH-CHECK-PASSWORD", "先检查帐号和密码", AUTH_FAILURE, item="五.拨号认证类.3")
    def check_password(self):
        self.advise(120, "auth.3")

    @rule("AUTH-ASK-STATUS", "认证失败的原因要看预处理系统中的帐号状态", AUTH_FAILURE, NOT(AccountStatus()),
          NOT(XINGTIANDI_LOCK), item=("五.拨号认证类.4", "五.拨号认证类.5", "五.拨号认证类.6"))
    def ask_status(self):
        self.ask(130, "account_status")

    @rule("AUTH-ASK-SERVICE", "帐号状态说明不了问题时,宽带星天地用户可能要用星天地帐号", AUTH_FAILURE,
          NOT(ServiceType()), NOT(AccountStatus(status=P(lambda s: s in EXPLAINING_STATUSES))),
          item="五.拨号认证类.8")
    def ask_service(self):
        self.ask(135, "service")

    @rule("AUTH-ARREARS", "帐号欠费/停机:先确认用户是否确实欠费", AUTH_FAILURE, AccountStatus(status="arrears"),
          item="五.拨号认证类.4")
    def arrears(self):
        self.finding("account_arrears", "预处理系统中帐号状态为欠费/停机:用户未欠费或已交清时是CRM复开流程没有跑完")

    @rule("AUTH-ARREARS-ASK-PAID", "欠费/停机:用户是否未欠费或已交清,决定是复开流程问题还是确实欠费", AUTH_FAILURE,
          AccountStatus(status="arrears"), NOT(Known("arrears_paid")), item="五.拨号认证类.4")
    def arrears_ask_paid(self):
        self.cause("account_reactivation", "CRM复开流程没有跑完(待确认用户未欠费或已交清)", side="operator", likely=True)
        self.cause("account_unpaid", "用户确实欠费,帐号停机(待确认)", side="user", likely=True)
        self.ask(141, "arrears_paid")

    @rule("AUTH-ARREARS-PAID", "未欠费或已交清仍为欠费/停机:CRM复开流程没有跑完,通知相关人员", AUTH_FAILURE,
          AccountStatus(status="arrears"), Yes("arrears_paid"), item="五.拨号认证类.4")
    def arrears_paid(self):
        self.cause("account_reactivation", "用户未欠费或已交清欠费,CRM系统中帐号的复开流程还没有跑完", side="operator")
        self.advise(140, "auth.4")
        self.finding("account_handled", "已按帐号状态处理(通知复开):处理后需确认是否还报691")

    @rule("AUTH-ARREARS-UNPAID", "用户确实欠费:先交清欠费", AUTH_FAILURE, AccountStatus(status="arrears"),
          No("arrears_paid"), source="五.拨号认证类.4 的反面:复开流程只在用户未欠费或已交清时适用")
    def arrears_unpaid(self):
        self.cause("account_unpaid", "用户确实欠费,帐号停机", side="user", tell="帐号欠费停机",
                   check="是否已交清欠费,交清并复开后再重新拨号,")
        self.advise_text(142, "用户确实欠费:请用户交清欠费,复开后再拨号", "branch",
                         source="五.拨号认证类.4 的反面(如果用户未欠费或则已经交清欠费…)")

    @rule("AUTH-BOUND", "帐号为绑定状态:改为自动精确绑定到端口(不绑定)", AUTH_FAILURE, AccountStatus(status="bound"),
          item="五.拨号认证类.5")
    def bound(self):
        self.cause("account_bound", "预处理系统中帐号为绑定状态", side="operator")
        self.advise(150, "auth.5")
        self.finding("account_handled", "已按帐号状态处理(改为不绑定):处理后需确认是否还报691")

    @rule("AUTH-ONLINE", "帐号显示在线:踢下线,等待5分钟后再试", AUTH_FAILURE, AccountStatus(status="online"),
          item="五.拨号认证类.6")
    def online(self):
        self.cause("account_online", "预处理系统中帐号显示在线(帐号未下线)", side="operator")
        self.advise(160, "auth.6")
        self.finding("account_handled", "已按帐号状态处理(踢下线):处理后需确认是否还报691")

    @rule("AUTH-ASK-RETRY", "按帐号状态处理后,是否还是报691", AUTH_FAILURE, ACCOUNT_HANDLED, NOT(Known("retry_failed")),
          item="五.拨号认证类.7")
    def ask_retry(self):
        self.ask(161, "retry_failed")

    @rule("AUTH-STILL-691", "处理后还是报691:机房模拟拨号测试", AUTH_FAILURE, Yes("retry_failed"),
          item="五.拨号认证类.7")
    def still_691(self):
        self.advise(170, "auth.7")

    @rule("AUTH-RETRY-OK", "处理后再拨号不再报691:问题已解决,请分公司确认", AUTH_FAILURE, ACCOUNT_HANDLED,
          No("retry_failed"), item=("五.拨号认证类.7", "四.4"))
    def retry_ok(self):
        self.finding("resolved", "按帐号状态处理后再拨号不再报691:故障已排除")
        self.declare(State(field="exchange_done", value=True))

    @rule("AUTH-STATUS-NORMAL", "帐号状态正常仍报691:机房模拟拨号测试", AUTH_FAILURE, AccountStatus(status="normal"),
          NOT(XINGTIANDI_LOCK), item=("五.拨号认证类.3", "五.拨号认证类.7"))
    def status_normal(self):
        self.finding("account_normal", "预处理系统中帐号状态正常:需确认帐号密码本身")
        self.cause("credentials", "帐号或密码输入有误,或帐号本身异常(待模拟拨号确认)", side="neither", likely=True)
        self.advise(170, "auth.7")

    @rule("AUTH-XINGTIANDI-ASK-LOCK", "宽带星天地用户:BIMS是否显示ADSL市话加锁", AUTH_FAILURE,
          ServiceType(kind="xingtiandi"), NOT(Known("bims_adsl_lock")), item="五.拨号认证类.8")
    def xingtiandi_ask(self):
        self.ask(125, "bims_adsl_lock")

    @rule("AUTH-XINGTIANDI-NO-LOCK", "宽带星天地但BIMS未显示ADSL市话加锁:不是星天地帐号的问题", AUTH_FAILURE,
          ServiceType(kind="xingtiandi"), No("bims_adsl_lock"), item="五.拨号认证类.8")
    def xingtiandi_no_lock(self):
        self.finding("not_xingtiandi", "BIMS未显示ADSL市话加锁:不是星天地帐号的问题(拨号认证.8不适用)")

    @rule("AUTH-NOT-XINGTIANDI", "不是宽带星天地用户:不涉及星天地帐号", AUTH_FAILURE,
          ServiceType(kind=P(lambda k: k != "xingtiandi")), item="五.拨号认证类.8")
    def not_xingtiandi(self):
        self.finding("not_xingtiandi", "业务类型不是宽带星天地:不涉及星天地帐号(拨号认证.8不适用)")

    @rule("AUTH-XINGTIANDI", "宽带星天地且ADSL市话加锁:用星天地帐号、密码拨号", AUTH_FAILURE, XINGTIANDI_LOCK,
          item="五.拨号认证类.8")
    def xingtiandi(self):
        self.cause("xingtiandi_lock", "宽带星天地用户,BIMS显示为ADSL市话加锁,未使用星天地帐号密码", side="user",
                   tell="没有使用宽带星天地的帐号、密码拨号", check="是否使用宽带星天地帐号、密码拨号,")
        self.advise(125, "auth.8")

    @rule("AUTH-STATUS-NO-CODE", "帐号欠费/停机、绑定或在线而没有报错误代码:拨号认证类,问拨号报什么错误",
          AccountStatus(status=P(lambda s: s in EXPLAINING_STATUSES)), NOT(ErrorCode()), NOT(Complaint(kind="auth_failed")),
          NOT(ServiceType(kind="iptv")), item=("五.拨号认证类.1", "五.拨号认证类.4", "五.拨号认证类.5", "五.拨号认证类.6"))
    def status_no_code(self):
        self.category("dial_auth")
        self.finding("account_state", "预处理系统中帐号状态异常(欠费/停机、绑定或在线):用户拨号会认证失败,先确认拨号报什么错误")
        self.ask(100, "error_codes")

    @rule("AUTH-DIAL-ERROR", "拨号报错:可能是拨号认证类", Complaint(kind="dial_error"), item="五.拨号认证类.1")
    def dial_error(self):
        self.candidate("dial_auth", "拨号报错")

    @rule("AUTH-DIAL-ERROR-ASK-CODE", "只说拨号报错:问错误代码", Complaint(kind="dial_error"), NOT(ErrorCode()),
          item="五.拨号认证类.1")
    def dial_error_ask_code(self):
        self.ask(100, "error_codes")

    @rule("AUTH-FAILED", "“认证失败”(不是宽带新天地用户):可能是拨号认证类", Complaint(kind="auth_failed"),
          NOT(ServiceType(kind="iptv")), item="五.拨号认证类.1")
    def failed(self):
        self.candidate("dial_auth", "认证失败")

    @rule("AUTH-FAILED-DIAL", "拨号时提示认证失败(帐号密码错误):与691同为认证无法通过", Complaint(kind="auth_failed"),
          NOT(ErrorCode()), NOT(ServiceType(kind="iptv")), NOT(VPN_CONTEXT),
          item="五.拨号认证类.2", source="微软:691 即 ERROR_AUTHENTICATION_FAILURE(用户名或密码无效),拨号软件显示为认证失败 "
                                         "https://learn.microsoft.com/en-us/windows/win32/rras/routing-and-remote-access-error-codes")
    def failed_dial(self):
        self.category("dial_auth")
        self.finding("auth_failure", "拨号认证失败:与691相同,认证无法通过,与端口和MODEM无关")

    @rule("AUTH-FAILED-ASK-CODE", "只说“认证失败”:问拨号时的错误代码", Complaint(kind="auth_failed"),
          NOT(ErrorCode()), NOT(ServiceType(kind="iptv")), item="五.拨号认证类.1")
    def failed_ask_code(self):
        self.ask(101, "error_codes")

    @rule("AUTH-FAILED-ASK-SERVICE", "“认证失败”可能是宽带拨号,也可能是宽带新天地机顶盒:问业务类型",
          Complaint(kind="auth_failed"), NOT(ServiceType()), NOT(ErrorCode()),
          item=("五.拨号认证类.1", "五.宽带新天地认证失败"))
    def failed_ask_service(self):
        self.candidate("iptv", "认证失败")
        self.ask(100, "service")
