"""拨号认证类: error 691, or 691 and 678 alternating (phrasebook 五.拨号认证类 1–8)."""
from faultdx._experta import NOT, P
from faultdx.facts import AccountStatus, ArrearsPaid, BimsLine, ErrorCode, RetryFailed, ServiceType
from faultdx.kb import Finding, rule

AUTH_FAILURE = Finding(kind="auth_failure")
EXPLAINING_STATUSES = {"arrears", "bound", "online"}  # account statuses that are themselves the cause


class DialAuthRules:
    @rule("AUTH-691", "691 means authentication fails", ErrorCode(code=691))
    def auth_691(self):
        self.category("dial_auth")
        self.finding("auth_failure", "691:认证无法通过,与ADSL端口和MODEM无关,不需重启或更换端口、MODEM")

    @rule("AUTH-691-678-ALTERNATING", "691 and 678 alternating is an authentication failure too",
          ErrorCode(code=691), ErrorCode(code=678))
    def auth_alternating(self):
        self.finding("auth_alternating", "一会691一会678:同样是认证无法通过,按691处理")

    @rule("AUTH-NOT-PORT", "an authentication failure needs no port or modem change", AUTH_FAILURE)
    def not_port(self):
        self.advise(110, "auth.2")

    @rule("AUTH-CHECK-PASSWORD", "first check account and password", AUTH_FAILURE)
    def check_password(self):
        self.advise(120, "auth.3")

    @rule("AUTH-ASK-STATUS", "the account status decides the cause of an authentication failure",
          AUTH_FAILURE, NOT(AccountStatus()), NOT(BimsLine(adsl_local_lock=True)))
    def ask_status(self):
        self.ask(130, "account_status")

    @rule("AUTH-ASK-SERVICE", "while the account status explains nothing, a 宽带星天地 user may need its own account",
          AUTH_FAILURE, NOT(ServiceType()), NOT(AccountStatus(status=P(lambda s: s in EXPLAINING_STATUSES))))
    def ask_service(self):
        self.ask(135, "service")

    @rule("AUTH-ARREARS", "account 欠费/停机: the CRM reactivation flow has not finished",
          AUTH_FAILURE, AccountStatus(status="arrears"))
    def arrears(self):
        self.cause("account_arrears", "预处理系统中帐号状态为欠费/停机:用户未欠费或已交清时,CRM复开流程还没有跑完")
        self.advise(140, "auth.4")

    @rule("AUTH-ARREARS-ASK-PAID", "whether the user has paid tells reactivation flow from real arrears",
          AUTH_FAILURE, AccountStatus(status="arrears"), NOT(ArrearsPaid()))
    def arrears_ask_paid(self):
        self.ask(141, "arrears_paid")

    @rule("AUTH-ARREARS-UNPAID", "the user really owes: payment first",
          AUTH_FAILURE, AccountStatus(status="arrears"), ArrearsPaid(paid=False))
    def arrears_unpaid(self):
        self.cause("account_unpaid", "用户确实欠费,帐号停机")
        self.advise_text(142, "用户确实欠费:请用户交清欠费,复开后再拨号", "branch")

    @rule("AUTH-BOUND", "account 绑定: change the binding to automatic", AUTH_FAILURE, AccountStatus(status="bound"))
    def bound(self):
        self.cause("account_bound", "预处理系统中帐号为绑定状态")
        self.advise(150, "auth.5")

    @rule("AUTH-ONLINE", "account 在线: kick it offline and wait 5 minutes", AUTH_FAILURE, AccountStatus(status="online"))
    def online(self):
        self.cause("account_online", "预处理系统中帐号显示在线(帐号未下线)")
        self.advise(160, "auth.6")

    @rule("AUTH-ONLINE-ASK-RETRY", "after the kick-offline, does 691 persist?",
          AUTH_FAILURE, AccountStatus(status="online"), NOT(RetryFailed()))
    def online_ask_retry(self):
        self.ask(161, "retry_failed")

    @rule("AUTH-SIMULATED-DIAL", "account normal: simulated dial test in the machine room",
          AUTH_FAILURE, AccountStatus(status="normal"))
    def simulated_dial(self):
        self.cause("account_normal", "预处理系统中帐号状态正常,需确认帐号密码本身")
        self.advise(170, "auth.7")

    @rule("AUTH-STILL-691", "still 691 after the fix: simulated dial test in the machine room",
          AUTH_FAILURE, RetryFailed(still_failing=True))
    def still_691(self):
        self.advise(170, "auth.7")

    @rule("AUTH-XINGTIANDI-ASK-LOCK", "a 宽带星天地 user: BIMS may show ADSL市话加锁",
          AUTH_FAILURE, ServiceType(kind="xingtiandi"), NOT(BimsLine()))
    def xingtiandi_ask(self):
        self.ask(125, "bims_adsl_lock")

    @rule("AUTH-XINGTIANDI", "宽带星天地 with ADSL市话加锁: dial with the 星天地 account",
          AUTH_FAILURE, ServiceType(kind="xingtiandi"), BimsLine(adsl_local_lock=True))
    def xingtiandi(self):
        self.cause("xingtiandi_lock", "宽带星天地用户,BIMS显示为ADSL市话加锁,未使用星天地帐号密码")
        self.advise(125, "auth.8")
