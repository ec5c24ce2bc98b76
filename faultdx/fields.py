"""Every case field in one place: its Chinese label, kind, vocabulary, range, unit and question.

A field is one kind of observation about a fault.  ``FIELDS`` is the single table that the rest
reads: ``faultdx.facts`` parses values by ``kind``/``vocabulary``/``range``; the command line makes
one option per field with its ``label`` as help; triage reads a column headed by the field name
or its label; the engine asks for a missing field with its ``question``; results show a value as
``label=value`` (帐号状态=在线).

Kinds: ``codes`` (dial-up error numbers, several), ``multi`` (several values of a vocabulary),
``enum`` (one value of a vocabulary), ``bool``, ``bandwidth`` (Mbit/s, from 4M/512K/1G; K=1024),
``number`` (within ``range``, in ``unit``), ``date`` (month and day).  A ``figure`` (bandwidths,
measurements, dates) reaches the rules only through its abstraction (``faultdx.abstraction``);
its value travels beside the diagnosis to fill the sentences.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Ask:
    """How to ask for a field: the prompt, where the answer is found, and optionally a phrasebook sentence."""
    prompt: str
    where: str
    phrase: str | None = None
    choices: tuple[tuple[str, str], ...] = ()   # (value, label); default: from the vocabulary or yes/no


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str
    ask: Ask | None = None
    vocabulary: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> labels (first shown)
    yes_no: tuple[str, str] = ("是", "否")  # how a bool reads: true label, false label
    range: tuple[float, float] | None = None
    unit: str = ""
    figure: bool = False

    def choices(self) -> tuple[tuple[str, str], ...]:
        """The numbered choices of this field's question."""
        if self.ask and self.ask.choices:
            return self.ask.choices
        if self.kind == "bool":
            return (("yes", self.yes_no[0]), ("no", self.yes_no[1]))
        if self.kind in ("enum", "multi"):
            return tuple((value, labels[0]) for value, labels in self.vocabulary.items())
        return ()


def _f(name, label, kind, ask=None, **more) -> FieldSpec:
    return FieldSpec(name, label, kind, ask, **more)


_FIELDS = (
    # --- what is reported -------------------------------------------------------------------------
    _f("error_codes", "错误代码", "codes",
       Ask("用户拨号报什么错误代码?(其它代码可直接输入)", "向分公司或用户确认拨号时的提示", phrase="auth.1",
           choices=(("691", "691"), ("678", "678"), ("691,678", "一会691一会678"), ("651", "651"), ("769", "769"),
                    ("633", "633")))),
    _f("complaints", "故障现象", "multi",
       Ask("故障现象是什么?", "向分公司或用户确认故障现象", phrase="explain.2.ask",
           choices=(("offline", "无法上网"), ("slow", "网速慢"), ("periodic_drop", "掉线/断线"),
                    ("dial_error", "拨号报错"), ("web_unreachable", "网页打不开"), ("high_latency", "延迟高"),
                    ("download_slow", "下载慢"), ("game_slow", "游戏慢"), ("auth_failed", "认证失败"),
                    ("iptv_black_screen", "电视黑屏"), ("iptv_buffering", "电视卡顿"),
                    ("vpn_connect_failed", "VPN连不上"), ("order_stuck", "流程卡单"),
                    ("install_pending", "新装/移机未完成"), ("info_not_found", "查不到资料"))),
       vocabulary={
           "dial_error": ("拨号报错", "拨号错误", "dial_error"),
           "offline": ("无法上网", "上不了网", "网络无法使用", "断网", "offline"),
           "slow": ("网速慢", "速度慢", "slow"),
           "download_slow": ("下载慢", "下载速度慢", "download_slow"),
           "game_slow": ("游戏慢", "游戏卡", "游戏速度慢", "game_slow"),
           "periodic_drop": ("掉线", "定时掉线", "断线", "periodic_drop"),
           "high_latency": ("延迟高", "时延高", "延时高", "high_latency"),
           "order_stuck": ("流程卡单", "卡单", "order_stuck"),
           "install_pending": ("新装/移机未完成", "新装未完成", "移机未完成", "装机未完成", "install_pending"),
           "web_unreachable": ("网页打不开", "网页无法打开", "web_unreachable"),
           "auth_failed": ("认证失败", "auth_failed"),
           "iptv_auth_failed": ("机顶盒认证失败", "IPTV认证失败", "宽带新天地认证失败", "iptv_auth_failed"),
           "iptv_black_screen": ("电视黑屏", "黑屏", "机顶盒黑屏", "iptv_black_screen"),
           "iptv_buffering": ("电视卡顿", "卡顿", "马赛克", "缓冲", "iptv_buffering"),
           "iptv_epg": ("EPG打不开", "菜单进不去", "iptv_epg"),
           "iptv_fault": ("电视(IPTV)用不了", "IPTV用不了", "电视看不了", "iptv_fault"),
           "vpn_connect_failed": ("VPN连不上", "VPN无法连接", "vpn_connect_failed"),
           "wifi_problem": ("无线(Wi-Fi)问题", "WiFi问题", "无线信号差", "wifi_problem"),
           "info_not_found": ("查不到资料", "无法查询资料", "info_not_found"),
       }),
    _f("service", "业务类型", "enum",
       Ask("用户的业务类型?", "营帐系统 / 预处理系统 → 用户业务"),
       vocabulary={
           "broadband": ("宽带", "普通宽带", "ADSL", "broadband"),
           "xingtiandi": ("宽带星天地", "星天地", "xingtiandi"),
           "iptv": ("宽带新天地", "新天地", "IPTV", "ITV", "机顶盒", "iptv"),
           "vpn": ("VPN", "vpn"),
           "fiber": ("光纤", "FTTH", "FTTB", "fiber", "fibre"),
       }),
    _f("contact", "通话对象", "enum",
       Ask("现在和谁通话?", "本次通话"),
       vocabulary={
           "customer_outbound": ("主动联系用户", "回访用户", "customer_outbound"),
           "customer_inbound": ("用户来电申报", "用户来电", "customer_inbound"),
           "branch": ("分公司", "branch"),
           "technician": ("外线师傅", "装维", "technician"),
           "account_manager": ("政企客户经理", "客户经理", "account_manager"),
       }),
    _f("concerns", "客户诉求", "multi",
       Ask("客户是否有以下诉求或情绪?", "通话中客户的表述"),
       vocabulary={
           "slow_handling": ("抱怨处理时限长", "处理太慢", "slow_handling"),
           "staff": ("抱怨维护人员技能或态度", "服务态度差", "staff"),
           "repeated": ("故障重复发生", "多次报修", "repeated"),
           "complaint_threat": ("有投诉倾向", "要投诉", "complaint_threat"),
           "tariff": ("资费等非维护问题", "资费", "tariff"),
       }),
    # --- 拨号认证类 ---------------------------------------------------------------------------------
    _f("account_status", "帐号状态", "enum",
       Ask("预处理系统中该帐号的状态是什么?", "预处理系统 → 帐号状态"),
       vocabulary={
           "arrears": ("欠费/停机", "欠费", "停机", "欠费停机", "arrears", "suspended"),
           "bound": ("绑定", "bound"),
           "online": ("在线", "online"),
           "normal": ("正常", "normal"),
       }),
    _f("arrears_paid", "未欠费或已交清", "bool",
       Ask("用户是否并未欠费或已经交清欠费?", "CRM系统 / 营帐系统 → 欠费记录")),
    _f("retry_failed", "处理后仍报错", "bool",
       Ask("处理后(如踢下线并等待5分钟、改为不绑定)再拨号,是否还是报691?", "请分公司让用户重新拨号")),
    _f("bims_adsl_lock", "BIMS显示ADSL市话加锁", "bool",
       Ask("BIMS中该用户是否显示为“ADSL市话加锁”?", "BIMS系统 → 用户资料")),
    # --- 网络无法使用类 -------------------------------------------------------------------------------
    _f("modem_sync", "用户端MODEM同步", "bool",
       Ask("用户端MODEM(光猫)是否同步(ADSL/PON灯常亮)?", "请分公司或用户查看MODEM/光猫指示灯"),
       yes_no=("同步", "不同步")),
    _f("exchange_sync", "局端挂测同步", "bool",
       Ask("在局端挂测能否同步?", "请外线师傅在局端挂测", phrase="handling.1.ask"), yes_no=("能同步", "不能同步")),
    _f("port_alarm", "端口告警", "bool", Ask("网管上该端口是否有告警?", "网管系统 → 端口状态"),
       yes_no=("有告警", "无告警")),
    _f("port_config_ok", "端口数据配置正常", "bool", Ask("该端口数据配置是否正常?", "网管系统 → 端口数据配置"),
       yes_no=("正常", "异常")),
    _f("port_restarted", "已重起端口仍不能用", "bool",
       Ask("是否已通过预处理系统重起端口,且仍然无法使用?", "预处理系统 → 端口操作记录"),
       yes_no=("已重起仍不能用", "未重起")),
    _f("onu_los", "光猫LOS灯红", "bool", Ask("光猫LOS灯是否亮红灯或闪烁?", "请用户查看光猫指示灯"),
       yes_no=("LOS红灯", "LOS灯不亮")),
    _f("onu_pon", "光猫PON灯", "enum", Ask("光猫PON(注册)灯是什么状态?", "请用户查看光猫指示灯"),
       vocabulary={"on": ("常亮", "on"), "blinking": ("闪烁", "闪", "blinking"), "off": ("不亮", "熄灭", "off")}),
    _f("rx_power_dbm", "光猫接收光功率(dBm)", "number",
       Ask("光猫接收光功率是多少 dBm?", "光猫管理页面 / 网管 → 光功率"), range=(-60, 10), unit="dBm", figure=True),
    # --- 带宽故障类 ---------------------------------------------------------------------------------
    # bandwidths in Mbit/s: a product or port template is at least 64K; a measured speed at least 1K
    _f("crm_bw", "CRM带宽", "bandwidth", Ask("CRM系统中用户的带宽是多少?(如 4M、512K)", "CRM系统 → 用户产品速率"),
       range=(64 / 1024, 100_000), figure=True),
    _f("nms_bw", "网管带宽", "bandwidth", Ask("网管上该端口配置的带宽是多少?(如 4M、512K)", "网管系统 → 端口速率模板"),
       range=(64 / 1024, 100_000), figure=True),
    _f("plan_bw", "用户所述套餐带宽", "bandwidth",
       Ask("用户办理的是多少兆的宽带?(如 100M、300M、1000M)", "向用户确认,并以CRM系统为准"), range=(64 / 1024, 100_000),
       figure=True),
    _f("measured_bw", "实测速率", "bandwidth",
       Ask("用户测速结果是多少?(如 80M、12M)", "请用户用有线直连电脑测速"), range=(1 / 1024, 100_000), figure=True),
    _f("user_encoding_ok", "上网编码一致", "bool", Ask("用户上网编码是否一致?", "预处理系统 / 网管 → 用户上网编码"),
       yes_no=("一致", "不一致")),
    _f("mismatch_reason", "带宽不一致原因", "enum",
       Ask("CRM与网管带宽不一致的原因是什么?", "CRM系统订单 / 营帐系统流程 / 资源维护记录"),
       vocabulary={
           "port_change": ("分公司换端口未走常规资源维护", "换端口", "port_change"),
           "speed_order": ("改速率订单", "用户低开", "speed_order"),
           "move_flow": ("换端口(或是移机)流程未完成", "移机", "move_flow"),
       }),
    _f("order_date", "改速率订单日期", "date", Ask("CRM系统中改速率订单的日期?(如 11月20日)", "CRM系统 → 用户订单"),
       figure=True),
    _f("line_quality_ok", "线路质量达标", "bool",
       Ask("用户线路质量是否达标?", "预处理系统 → 线路信息采集(上、下行衰减,噪声容限)"), yes_no=("达标", "不达标")),
    _f("attenuation_db", "衰减(dB)", "number", range=(0, 120), unit="dB", figure=True),
    _f("attenuation_up_db", "上行衰减(dB)", "number", range=(0, 120), unit="dB", figure=True),
    _f("attenuation_down_db", "下行衰减(dB)", "number", range=(0, 120), unit="dB", figure=True),
    _f("noise_margin_db", "噪声容限(dB)", "number", range=(-20, 80), unit="dB", figure=True),
    _f("ping_ms", "PING DNS时延(ms)", "number", Ask("PING DNS 的时延是多少 ms?", "请用户或分公司 PING DNS"),
       range=(0, 100000), unit="ms", figure=True),
    _f("loss_pct", "掉包率(%)", "number", Ask("PING DNS 的掉包率是多少 %?", "请用户或分公司 PING DNS"),
       range=(0, 100), unit="%", figure=True),
    _f("download_kBps", "下载速度(KB/s)", "number",
       Ask("用户下载速度是多少 KB/s?(下载软件显示的速度)", "请用户在下载时查看"), range=(0, 10_000_000), unit="KB/s",
       figure=True),
    _f("link", "测速/上网方式", "enum", Ask("用户是无线(Wi-Fi)还是网线直连?", "向用户确认"),
       vocabulary={"wifi": ("无线(Wi-Fi)", "无线", "WiFi", "wifi", "wlan"), "wired": ("有线", "网线直连", "wired")}),
    _f("router", "经路由器上网", "bool", Ask("用户是否通过自己的路由器拨号或上网?", "向用户确认")),
    _f("sync_at_drop", "掉线时MODEM同步", "bool", Ask("掉线时MODEM是否同步?", "请用户在掉线时查看MODEM指示灯"),
       yes_no=("同步", "不同步")),
    _f("session_minutes", "每次连接时长(分钟)", "number",
       Ask("每次连上后多久掉线?(分钟)", "向用户确认,或查看认证系统的上下线记录"), range=(0, 525600), unit="分钟",
       figure=True),
    _f("apps_ok", "聊天软件等能用", "bool", Ask("QQ、微信等软件是否能正常使用?", "向用户确认")),
    # --- 流程卡单 -----------------------------------------------------------------------------------
    _f("stage", "流程环节", "enum", Ask("流程卡在哪个环节?", "电子运维 / 流程系统 → 工单当前环节"),
       vocabulary={
           "switch_port": ("配(交换)端口", "配交换端口", "配端口", "交换端口", "switch_port"),
           "man_activation": ("宽带开通MAN", "开通MAN", "MAN", "man_activation"),
           "account_activation": ("帐号开通", "账号开通", "account_activation"),
           "centre_done": ("我中心环节已完成", "中心环节已完成", "centre_done"),
           "equipment_fault": ("设备故障", "因设备故障", "equipment_fault"),  # not a stage: read as 因设备故障流程无法执行
           "resource_missing": ("资源配置无用户信息", "资源配置系统无用户", "resource_missing"),
           "onu_board_error": ("ONU板卡插错", "板卡插错", "onu_board_error"),
           "bss_coordination": ("经支", "协调经支", "bss_coordination"),
       }),
    _f("equipment_fault", "因设备故障流程无法执行", "bool",
       Ask("是否因设备故障,流程暂时无法执行?", "电子运维 / 网管 → 设备告警")),
    # --- VPN, 宽带新天地, 光纤 ---------------------------------------------------------------------
    _f("internet_ok", "上互联网正常", "bool", Ask("用户上互联网是否正常?", "向用户确认能否正常打开网页")),
    _f("exchange_data_ok", "局端数据正常", "bool", Ask("局端数据是否正常?", "网管 / 预处理系统 → 局端数据"),
       yes_no=("正常", "有问题")),
    _f("exchange_data_fixed", "局端数据已修正", "bool", Ask("局端数据问题是否已经修正?", "本次处理记录"),
       yes_no=("已修正", "未修正")),
    _f("bims_account_ok", "BIMS帐号正常", "bool", Ask("BIMS中该用户帐号是否正常?", "BIMS系统 → 帐号状态"),
       yes_no=("正常", "异常")),
    _f("exchange_done", "局端处理已完成", "bool", Ask("局端处理是否已经完成?", "本次处理记录")),
)

FIELDS: Mapping[str, FieldSpec] = MappingProxyType({f.name: f for f in _FIELDS})
FIELD_LABELS: Mapping[str, str] = MappingProxyType({f.name: f.label for f in _FIELDS})
KINDS = ("codes", "multi", "enum", "bool", "bandwidth", "number", "date")
assert all(f.kind in KINDS for f in _FIELDS)
assert all(f.kind not in ("enum", "multi") or f.vocabulary for f in _FIELDS)


def vocabulary_of(name: str) -> Mapping[str, tuple[str, ...]]:
    """The vocabulary of an enumerated field ({} for other fields)."""
    spec = FIELDS.get(name)
    return spec.vocabulary if spec else {}
