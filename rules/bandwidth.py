"""带宽故障类: slowness, CRM vs NMS bandwidth, line quality, periodic drops (五.带宽故障类 1–9)."""
from faultdx._experta import MATCH, NOT, TEST, P
from faultdx.facts import (Bandwidth, Complaint, DnsPing, DownloadSpeed, DropSync, LineMetric, LineQuality,
                           MismatchReason, OrderDate, UserEncoding, format_bandwidth)
from faultdx.kb import Finding, rule

SLOW_KINDS = {"slow", "download_slow", "game_slow"}
SLOW = Finding(kind="slow")
CONSISTENT = Finding(kind="bw_consistent")
MISMATCH = Finding(kind="bw_mismatch")
MISMATCH_TEXT = {
    "port_change": "分公司换端口未走常规资源维护",
    "speed_order": "CRM系统用户在{order_date}有改速率订单/造成用户低开",
    "move_flow": "查营帐系统换端口(或是移机)流程未完成",
}
METRIC_LABELS = {"attenuation_db": "下行衰减", "noise_margin_db": "噪声容限"}


class BandwidthRules:
    @rule("BW-SLOW", "the user reports slowness", Complaint(kind=P(lambda k: k in SLOW_KINDS)))
    def slow(self):
        self.category("bandwidth")
        self.finding("slow", "用户报网速慢:先比对CRM与网管带宽,再看线路质量、PING DNS")
        self.advise(310, "bw.1")

    @rule("BW-ASK-CRM", "slowness: the CRM bandwidth is needed", SLOW, NOT(Bandwidth(system="crm")))
    def ask_crm(self):
        self.ask(311, "crm_bw")

    @rule("BW-ASK-NMS", "slowness: the NMS bandwidth is needed", SLOW, NOT(Bandwidth(system="nms")))
    def ask_nms(self):
        self.ask(312, "nms_bw")

    @rule("BW-CONSISTENT", "CRM and NMS bandwidth agree",
          Bandwidth(system="crm", mbps=MATCH.crm), Bandwidth(system="nms", mbps=MATCH.nms),
          TEST(lambda crm, nms: abs(crm - nms) < 1e-9))
    def consistent(self, crm):
        self.finding("bw_consistent", f"CRM系统和网管带宽一致,为{format_bandwidth(crm)}", bw=format_bandwidth(crm))

    @rule("BW-MISMATCH", "CRM and NMS bandwidth differ: adjust with 申请带宽和配置带宽不一致",
          Bandwidth(system="crm", mbps=MATCH.crm), Bandwidth(system="nms", mbps=MATCH.nms),
          TEST(lambda crm, nms: abs(crm - nms) >= 1e-9))
    def mismatch(self, crm, nms):
        self.category("bandwidth")
        self.finding("bw_mismatch", f"CRM为{format_bandwidth(crm)},网管为{format_bandwidth(nms)},带宽不一致")
        self.cause("bw_mismatch", f"局端问题:CRM系统和网管带宽不一致(CRM {format_bandwidth(crm)},网管 {format_bandwidth(nms)})")
        self.advise(350, "bw.5")
        self.advise(352, "bw.5.mismatch")

    @rule("BW-MISMATCH-ASK-REASON", "why do CRM and NMS differ?", MISMATCH, NOT(MismatchReason()))
    def ask_reason(self):
        self.ask(331, "mismatch_reason")

    @rule("BW-MISMATCH-EXPLAINED", "the reason for the mismatch is known: tell the branch",
          Bandwidth(system="crm", mbps=MATCH.crm), Bandwidth(system="nms", mbps=MATCH.nms), MISMATCH,
          MismatchReason(reason=MATCH.reason), TEST(lambda reason: reason != "speed_order"))
    def mismatch_explained(self, crm, nms, reason):
        self.advise(330, "bw.3", crm_bw=format_bandwidth(crm), nms_bw=format_bandwidth(nms),
                    mismatch=MISMATCH_TEXT[reason])

    @rule("BW-MISMATCH-SPEED-ORDER", "a CRM speed-change order on a known date made the user open low",
          Bandwidth(system="crm", mbps=MATCH.crm), Bandwidth(system="nms", mbps=MATCH.nms), MISMATCH,
          MismatchReason(reason="speed_order"), OrderDate(date=MATCH.date))
    def mismatch_speed_order(self, crm, nms, date):
        self.advise(330, "bw.3", crm_bw=format_bandwidth(crm), nms_bw=format_bandwidth(nms),
                    mismatch=MISMATCH_TEXT["speed_order"].format(order_date=date))

    @rule("BW-MISMATCH-ASK-DATE", "a speed-change order: its date goes into the sentence",
          MISMATCH, MismatchReason(reason="speed_order"), NOT(OrderDate()))
    def ask_order_date(self):
        self.ask(332, "order_date")

    @rule("BW-ASK-LINE", "bandwidth consistent: is the line quality up to standard?",
          SLOW, CONSISTENT, NOT(LineQuality()))
    def ask_line(self):
        self.ask(340, "line_quality_ok")

    @rule("BW-ASK-ENCODING", "bandwidth consistent, line fine: is the access encoding consistent?",
          SLOW, CONSISTENT, LineQuality(acceptable=True), NOT(UserEncoding()))
    def ask_encoding(self):
        self.ask(345, "user_encoding_ok")

    @rule("BW-ASK-PING", "bandwidth and line in order: PING DNS latency tells the network path from the computer",
          SLOW, CONSISTENT, LineQuality(acceptable=True), NOT(DnsPing(measure="ping_ms")))
    def ask_ping(self):
        self.ask(365, "ping_ms")

    @rule("BW-ASK-LOSS", "bandwidth and line in order: PING DNS packet loss tells the network path from the computer",
          SLOW, CONSISTENT, LineQuality(acceptable=True), NOT(DnsPing(measure="loss_pct")))
    def ask_loss(self):
        self.ask(366, "loss_pct")

    @rule("BW-LINE-METRIC-POOR", "a measured attenuation or noise margin beyond the site thresholds",
          LineMetric(name=MATCH.name, value=MATCH.value), NOT(LineQuality()))
    def line_metric(self, name, value):
        limits = self.config.line
        if (name == "attenuation_db" and value > limits["max_attenuation_db"]) or (
                name == "noise_margin_db" and value < limits["min_noise_margin_db"]):
            self.declare(LineQuality(acceptable=False))

    @rule("BW-LINE-POOR", "bandwidth consistent but the line is not up to standard",
          CONSISTENT, LineQuality(acceptable=False), Bandwidth(system="crm", mbps=MATCH.crm))
    def line_poor(self, crm):
        metrics = "".join(f"{METRIC_LABELS[f['name']]} {f['value']:g}dB," for f in self.facts.values()
                          if isinstance(f, LineMetric))
        self.category("bandwidth")
        self.cause("line_quality", "线路质量问题:用户线路质量不达标")
        self.advise(335, "bw.4", bw=format_bandwidth(crm), line_metrics=f"({metrics.rstrip(',')})" if metrics else "")
        self.advise(350, "bw.5")
        self.advise(351, "bw.5.line")

    @rule("BW-ENCODING", "bandwidth consistent, access encoding inconsistent: dial tests at both ends",
          CONSISTENT, UserEncoding(consistent=False), Bandwidth(system="crm", mbps=MATCH.crm))
    def encoding(self, crm):
        self.category("bandwidth")
        self.cause("user_encoding", "局端问题:用户上网编码不一致")
        self.advise(320, "bw.2", bw=format_bandwidth(crm))

    @rule("BW-PC", "slow with bandwidth and line in order: the user's computer",
          Complaint(kind="slow"), CONSISTENT, LineQuality(acceptable=True), NOT(UserEncoding(consistent=False)))
    def computer(self):
        self.cause("user_pc", "用户电脑问题(病毒等)", likely=True)
        self.advise(360, "bw.6")

    @rule("BW-DOWNLOAD", "slow downloads: try another download test point", Complaint(kind="download_slow"))
    def download(self):
        self.cause("download_server", "网络下载服务器问题", likely=True)
        self.advise(370, "bw.7")

    @rule("BW-GAME", "slow games: try another game server", Complaint(kind="game_slow"))
    def game(self):
        self.cause("game_server", "游戏服务器问题", likely=True)
        self.advise(380, "bw.8")

    @rule("BW-PING-LATENCY-HIGH", "ping to DNS above 20 ms is abnormal",
          DnsPing(measure="ping_ms", value=MATCH.ms), TEST(lambda ms: ms > 20))
    def latency_high(self, ms):
        self.finding("ping_abnormal", f"PING DNS 时延 {ms:g}ms,超过正常的20ms")

    @rule("BW-PING-LOSS-HIGH", "packet loss to DNS of 5 % or more is abnormal",
          DnsPing(measure="loss_pct", value=MATCH.pct), TEST(lambda pct: pct >= 5))
    def loss_high(self, pct):
        self.finding("ping_abnormal", f"PING DNS 掉包率 {pct:g}%,不在正常的5%以下")

    @rule("BW-PING-NORMAL", "ping to DNS within 20 ms and loss under 5 % is normal",
          DnsPing(measure="ping_ms", value=MATCH.ms), DnsPing(measure="loss_pct", value=MATCH.pct),
          TEST(lambda ms, pct: ms <= 20 and pct < 5))
    def ping_normal(self, ms, pct):
        self.finding("ping_normal", f"PING DNS 时延 {ms:g}ms、掉包率 {pct:g}%,正常")

    @rule("BW-DOWNLOAD-TIMES-8", "a download speed in KB/s times 8 is the line rate in kbit/s",
          DownloadSpeed(kbytes_per_s=MATCH.kbytes))
    def download_rate(self, kbytes):
        self.finding("download_rate", f"下载速率 {kbytes:g}KB/s ×8 = {format_bandwidth(kbytes * 8 / 1000)}")

    @rule("BW-DROP", "periodic drops", Complaint(kind="periodic_drop"))
    def drop(self):
        self.category("bandwidth")

    @rule("BW-DROP-ASK-SYNC", "periodic drops: is the modem synced at the moment of the drop?",
          Complaint(kind="periodic_drop"), NOT(DropSync()))
    def drop_ask(self):
        self.ask(390, "sync_at_drop")

    @rule("BW-DROP-INTERFERENCE", "drops with sync lost: the line is disturbed",
          Complaint(kind="periodic_drop"), DropSync(synced=False))
    def drop_interference(self):
        self.cause("line_interference", "定时掉线且掉线时MODEM不同步:线路受到干扰")
        self.advise(390, "bw.9")

    @rule("BW-DROP-SESSION", "drops with the modem synced: check the connection time limit",
          Complaint(kind="periodic_drop"), DropSync(synced=True))
    def drop_session(self):
        self.cause("session_time", "定时掉线且掉线时MODEM同步:检查用户连接时长")
        self.advise(390, "bw.9")
