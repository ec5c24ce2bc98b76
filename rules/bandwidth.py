"""带宽故障类: slowness, CRM vs NMS bandwidth, line quality, PING, periodic drops (五.带宽故障类 1–9).

The rules see figures only as abstractions (``faultdx.abstraction``): Level(of="bandwidth", state=
"consistent"|"low"|"high"), Level(of="latency"/"loss", state="normal"|"high"), Level(of="speed",
state="reaches"|"below"); sentences name the figures as {crm_bw}, {nms_bw}, {order_date} ….
"""
from faultdx._experta import AND, MATCH, NOT, OR, P
from faultdx.facts import Complaint, ErrorCode, Figure, Known, Level, MismatchReason, No, ServiceType, Yes
from faultdx.kb import Finding, RuleSet, rule

SLOW_KINDS = {"slow", "download_slow", "game_slow"}
SLOW = Finding(kind="slow")
CONSISTENT = Level(of="bandwidth", state="consistent")
MISMATCH = Level(of="bandwidth", state=P(lambda s: s in ("low", "high")))
PING_BAD = OR(Level(of="latency", state="high"), Level(of="loss", state="high"))
# 定时掉线 is the broadband's drop: a VPN user's drop is the broadband's only when the internet drops too; a VPN that
# drops while the internet stays up (or is not yet known to drop) is VPN-DROP's (modern.py), as 691 from a VPN is VPN-691's
DROP = Complaint(kind="periodic_drop")
LINE_DROP = OR(AND(DROP, NOT(ServiceType(kind="vpn"))), AND(DROP, ServiceType(kind="vpn"), No("internet_ok")))
MISMATCH_TEXT = {
    "port_change": "分公司换端口未走常规资源维护",
    "speed_order": "CRM系统用户在{order_date}有改速率订单",
    "move_flow": "查营帐系统换端口(或是移机)流程未完成",
}
OPENED_LOW = "/造成用户低开"   # 带宽.3: said only when the network is set below what was sold


class BandwidthRules(RuleSet):
    @rule("BW-SLOW", "用户报网速慢", Complaint(kind=P(lambda k: k in SLOW_KINDS)), item="五.带宽故障类.1")
    def slow(self):
        self.category("bandwidth")
        self.finding("slow", "用户报网速慢:先比对CRM与网管带宽,再看线路质量、PING DNS")
        self.advise(310, "bw.1")

    @rule("BW-MEASURED-BELOW", "实测速率明显低于带宽:就是网速慢", Level(of="speed", state="below"),
          item="五.带宽故障类.1")
    def measured_below(self):
        self.category("bandwidth")
        self.finding("slow", "用户报网速慢:先比对CRM与网管带宽,再看线路质量、PING DNS")
        self.finding("speed_below", "{measured_how},明显低于带宽")
        self.advise(310, "bw.1")

    @rule("BW-MEASURED-REACHES", "实测(下载速率乘8)已达到带宽:不是带宽故障", Level(of="speed", state="reaches"),
          item="五.带宽故障类.1")
    def measured_reaches(self):
        self.finding("speed_reaches", "{measured_how},已达到带宽(下载的速率要乘8)")
        self.cause("rate_reached", "实际速率已达到带宽,并非带宽故障(下载软件显示的是字节,要乘8)", side="neither")

    @rule("BW-ASK-CRM", "网速慢:需要CRM带宽", SLOW, NOT(Figure(name="crm_bw")), item="五.带宽故障类.2")
    def ask_crm(self):
        self.ask(311, "crm_bw")

    @rule("BW-ASK-NMS", "网速慢:需要网管带宽", SLOW, NOT(Figure(name="nms_bw")), item="五.带宽故障类.2")
    def ask_nms(self):
        self.ask(312, "nms_bw")

    @rule("BW-CONSISTENT", "CRM与网管带宽一致", CONSISTENT, item=("五.带宽故障类.2", "五.带宽故障类.4"))
    def consistent(self):
        self.finding("bw_consistent", "CRM系统和网管带宽一致,为{crm_bw}")

    @rule("BW-MISMATCH-LOW", "网管带宽低于CRM(低开):局端问题,按申请与配置不符调整", Level(of="bandwidth", state="low"),
          item=("五.带宽故障类.3", "五.带宽故障类.5"))
    def mismatch_low(self):
        self.category("bandwidth")
        self.finding("bw_mismatch", "CRM为{crm_bw},网管为{nms_bw},带宽不一致(网管低于CRM,用户低开)")
        self.cause("bw_mismatch", "局端问题:CRM系统和网管带宽不一致(CRM {crm_bw},网管 {nms_bw})", side="operator")
        self.advise(350, "bw.5")
        self.advise(352, "bw.5.mismatch")

    @rule("BW-MISMATCH-HIGH", "网管带宽高于CRM(高开):资料不一致需修正,但不是网速慢的原因",
          Level(of="bandwidth", state="high"), item=("五.带宽故障类.3", "五.带宽故障类.5"))
    def mismatch_high(self):
        self.category("bandwidth")
        self.finding("bw_mismatch", "CRM为{crm_bw},网管为{nms_bw},带宽不一致(网管高于CRM,不限制用户速率)")
        self.advise(350, "bw.5")
        self.advise(352, "bw.5.mismatch")

    @rule("BW-MISMATCH-ASK-REASON", "CRM与网管为什么不一致", MISMATCH, NOT(MismatchReason()), item="五.带宽故障类.3")
    def ask_reason(self):
        self.ask(331, "mismatch_reason")

    @rule("BW-MISMATCH-EXPLAINED", "不一致的原因已查明:告知分公司补流程", Level(of="bandwidth", state=MATCH.state),
          MISMATCH, MismatchReason(reason=MATCH.reason), NOT(MismatchReason(reason="speed_order")),
          item="五.带宽故障类.3")
    def mismatch_explained(self, state, reason):
        self.advise(330, "bw.3", crm_bw="{crm_bw}", nms_bw="{nms_bw}", mismatch=MISMATCH_TEXT[reason])

    @rule("BW-MISMATCH-SPEED-ORDER", "CRM有改速率订单(日期已知):告知分公司", Level(of="bandwidth", state=MATCH.state),
          MISMATCH, MismatchReason(reason="speed_order"), Figure(name="order_date"), item="五.带宽故障类.3")
    def mismatch_speed_order(self, state):
        self.advise(330, "bw.3", crm_bw="{crm_bw}", nms_bw="{nms_bw}",
                    mismatch=MISMATCH_TEXT["speed_order"] + (OPENED_LOW if state == "low" else ""))

    @rule("BW-MISMATCH-ASK-DATE", "改速率订单:日期要写进用语", MISMATCH, MismatchReason(reason="speed_order"),
          NOT(Figure(name="order_date")), item="五.带宽故障类.3")
    def ask_order_date(self):
        self.ask(332, "order_date")

    @rule("BW-ASK-LINE", "带宽不是瓶颈:线路质量是否达标", SLOW, NOT(Level(of="bandwidth", state="low")),
          Figure(name="crm_bw"), Figure(name="nms_bw"), NOT(Known("line_quality_ok")), item="五.带宽故障类.4")
    def ask_line(self):
        self.ask(340, "line_quality_ok")

    @rule("BW-ASK-ENCODING", "带宽一致、线路达标:上网编码是否一致", SLOW, CONSISTENT, Yes("line_quality_ok"),
          NOT(Known("user_encoding_ok")), item="五.带宽故障类.2")
    def ask_encoding(self):
        self.ask(345, "user_encoding_ok")

    @rule("BW-ASK-PING", "带宽和线路正常:PING DNS时延区分网络路径与电脑", SLOW, NOT(Level(of="bandwidth", state="low")),
          Yes("line_quality_ok"), NOT(Figure(name="ping_ms")), item="五.带宽故障类.1")
    def ask_ping(self):
        self.ask(365, "ping_ms")

    @rule("BW-ASK-LOSS", "带宽和线路正常:PING DNS掉包率区分网络路径与电脑", SLOW, NOT(Level(of="bandwidth", state="low")),
          Yes("line_quality_ok"), NOT(Figure(name="loss_pct")), item="五.带宽故障类.1")
    def ask_loss(self):
        self.ask(366, "loss_pct")

    @rule("BW-ASK-DOWNLOAD", "下载慢:下载速度乘8才是线路速率", Complaint(kind="download_slow"),
          NOT(Figure(name="download_kBps")), NOT(Figure(name="measured_bw")), item="五.带宽故障类.1")
    def ask_download(self):
        self.ask(368, "download_kBps")

    @rule("BW-LINE-POOR", "线路质量不达标:整治线路,带宽调整选线路质量差", No("line_quality_ok"),
          item=("五.带宽故障类.4", "五.带宽故障类.5"))
    def line_poor(self):
        self.category("bandwidth")
        self.cause("line_quality", "线路质量问题:用户线路质量不达标", side="operator")
        self.advise(350, "bw.5")
        self.advise(351, "bw.5.line")

    @rule("BW-LINE-POOR-CONSISTENT", "带宽一致但线路质量不达标", CONSISTENT, No("line_quality_ok"), item="五.带宽故障类.4")
    def line_poor_consistent(self):
        self.advise(335, "bw.4", bw="{crm_bw}", line_metrics="{line_metrics}")

    @rule("BW-ENCODING", "带宽一致、上网编码不一致:两端拨测", CONSISTENT, No("user_encoding_ok"), item="五.带宽故障类.2")
    def encoding(self):
        self.category("bandwidth")
        self.cause("user_encoding", "局端问题:用户上网编码不一致", side="operator")
        self.advise(320, "bw.2", bw="{crm_bw}")

    @rule("BW-ENCODING-OK", "带宽一致、上网编码一致:排除编码问题", CONSISTENT, Yes("user_encoding_ok"),
          item="五.带宽故障类.2")
    def encoding_ok(self):
        self.finding("encoding_ok", "上网编码一致:排除编码问题(带宽.2不适用)")

    @rule("BW-ENCODING-MISMATCH", "带宽不一致且上网编码也不一致:两端拨测", MISMATCH, No("user_encoding_ok"),
          item="五.带宽故障类.2")
    def encoding_mismatch(self):
        self.category("bandwidth")
        self.cause("user_encoding", "局端问题:用户上网编码不一致", side="operator")
        self.advise_text(320, "用户上网编码不一致,请分公司分别在用户端和局端拨测,同时通知{hotline}配合。", "branch",
                         source="五.带宽故障类.2(带宽不一致时不能说“带宽一致”,只取编码部分)")

    @rule("BW-PC", "带宽、线路、编码、PING都正常而网速慢:用户电脑问题", Complaint(kind="slow"),
          NOT(Level(of="bandwidth", state="low")), Figure(name="crm_bw"), Figure(name="nms_bw"), Yes("line_quality_ok"),
          NOT(No("user_encoding_ok")), NOT(PING_BAD), NOT(Level(of="speed", state="reaches")), item="五.带宽故障类.6")
    def computer(self):
        self.cause("user_pc", "用户电脑问题(病毒等)", side="user", likely=True, terminal=True)
        self.advise(360, "bw.6")

    @rule("BW-DOWNLOAD-TIMES-8", "下载速率乘8才是线路速率", Figure(name="download_kBps"), item="五.带宽故障类.1")
    def download_rate(self):
        self.finding("download_rate", "{measured_how}")

    @rule("BW-PING-ABNORMAL", "PING DNS时延或掉包异常:问题在到局端的网络路径,不是电脑或服务器", PING_BAD,
          item="五.带宽故障类.1")
    def ping_abnormal(self):
        self.finding("ping_abnormal", "PING DNS 时延或掉包率异常:问题在用户到局端的线路或网络,不是用户电脑或服务器")
        self.cause("network_path", "用户到局端之间的线路或网络问题(PING DNS异常)", side="neither", likely=True)

    @rule("BW-PING-NORMAL", "PING DNS时延在20ms内、掉包率5%以下:网络路径正常", Level(of="latency", state="normal"),
          Level(of="loss", state="normal"), item="五.带宽故障类.1")
    def ping_normal(self):
        self.finding("ping_normal", "PING DNS 时延 {ping_ms}ms、掉包率 {loss_pct}%,正常")

    @rule("BW-DOWNLOAD", "下载慢且网络路径未见异常:换下载测试点", Complaint(kind="download_slow"), NOT(PING_BAD),
          NOT(Level(of="speed", state="reaches")), item="五.带宽故障类.7")
    def download(self):
        self.cause("download_server", "网络下载服务器问题", side="neither", likely=True)
        self.advise(370, "bw.7")

    @rule("BW-GAME", "游戏慢且网络路径未见异常:换游戏服务器", Complaint(kind="game_slow"), NOT(PING_BAD),
          item="五.带宽故障类.8")
    def game(self):
        self.cause("game_server", "游戏服务器问题", side="neither", likely=True)
        self.advise(380, "bw.8")

    @rule("BW-DROP", "掉线", LINE_DROP, item="五.带宽故障类.9")
    def drop(self):
        self.category("bandwidth")

    @rule("BW-DROP-REDIAL", "掉线后一时拨不上号、过后又能拨上:按掉线(带宽故障类.9),不按无法上网", LINE_DROP,
          Complaint(kind="dial_error"), NOT(Complaint(kind="offline")), NOT(Complaint(kind="auth_failed")),
          NOT(ErrorCode()), item="五.带宽故障类.9",
          source="corpus/README.md 标注约定:掉线后能恢复归带宽故障类,一直上不了网归网络无法使用类")
    def drop_redial(self):
        self.category("bandwidth", over=("no_network",))
        self.finding("drop_redial", "掉线后重拨失败、过后又能拨上:是掉线,按带宽故障类.9处理;如果一直拨不上号,按网络无法使用类")

    @rule("BW-DROP-ASK-SYNC", "掉线:掉线时MODEM是否同步", LINE_DROP, NOT(Known("sync_at_drop")),
          item="五.带宽故障类.9")
    def drop_ask(self):
        self.ask(390, "sync_at_drop")

    @rule("BW-DROP-INTERFERENCE", "掉线时MODEM不同步:线路受到干扰", LINE_DROP,
          No("sync_at_drop"), item="五.带宽故障类.9")
    def drop_interference(self):
        self.cause("line_interference", "掉线时MODEM不同步:线路受到干扰", side="operator")
        self.advise(390, "bw.9")

    @rule("BW-DROP-SESSION", "掉线时MODEM同步:检查用户连接时长", LINE_DROP, Yes("sync_at_drop"),
          item="五.带宽故障类.9")
    def drop_session(self):
        self.finding("drop_synced", "掉线时MODEM同步:线路未失步,需检查用户连接时长")
        self.advise(390, "bw.9")

    @rule("BW-DROP-ASK-SESSION", "掉线时MODEM同步:每次连接多久掉线", LINE_DROP,
          Yes("sync_at_drop"), NOT(Figure(name="session_minutes")), item="五.带宽故障类.9")
    def drop_ask_session(self):
        self.ask(391, "session_minutes")
