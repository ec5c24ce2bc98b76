"""The observations a diagnosis starts from.

``Case`` is the plain, hashable record of everything known about one fault;
``Case.from_values`` validates and normalises raw values (Chinese or English
labels, "4M"/"512K" bandwidths, full-width digits).  ``Case.facts()`` turns it
into experta facts, one fact template per kind of observation.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from typing import Any, Iterable

from faultdx._experta import Fact, Field


class FactError(ValueError):
    """A value that does not fit a case field; names the field and what it accepts."""

    def __init__(self, field_name: str, value: Any, accepted: str):
        self.field = field_name
        self.value = value
        self.accepted = accepted
        super().__init__(f"{field_name}: {value!r} is not valid; accepted: {accepted}")


# canonical value -> the labels that mean it (matched after NFKC + lower-case)
VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {
    "account_status": {
        "arrears": ("欠费/停机", "欠费", "停机", "欠费停机", "arrears", "suspended"),
        "bound": ("绑定", "bound"),
        "online": ("在线", "online"),
        "normal": ("正常", "normal"),
    },
    "complaint": {
        "dial_error": ("拨号报错", "拨号错误", "dial_error"),
        "offline": ("无法上网", "上不了网", "网络无法使用", "断网", "offline"),
        "slow": ("网速慢", "速度慢", "slow"),
        "download_slow": ("下载慢", "下载速度慢", "download_slow"),
        "game_slow": ("游戏慢", "游戏卡", "游戏速度慢", "game_slow"),
        "periodic_drop": ("定时掉线", "掉线", "periodic_drop"),
        "order_stuck": ("流程卡单", "卡单", "order_stuck"),
        "web_unreachable": ("网页无法打开", "网页打不开", "web_unreachable"),
        "iptv_auth_failed": ("认证失败", "机顶盒认证失败", "iptv_auth_failed"),
        "info_not_found": ("无法查询资料", "查不到资料", "info_not_found"),
    },
    "service": {
        "broadband": ("宽带", "普通宽带", "ADSL", "broadband"),
        "xingtiandi": ("宽带星天地", "星天地", "xingtiandi"),
        "iptv": ("宽带新天地", "新天地", "机顶盒", "iptv"),
        "vpn": ("VPN", "vpn"),
        "fiber": ("光纤", "fiber", "fibre", "ftth", "fttb"),
    },
    "stage": {
        "switch_port": ("配(交换)端口", "配交换端口", "配端口", "交换端口", "switch_port"),
        "man_activation": ("宽带开通MAN", "开通MAN", "MAN", "man_activation"),
        "account_activation": ("帐号开通", "账号开通", "account_activation"),
        "centre_done": ("我中心环节已完成", "中心环节已完成", "centre_done"),
        "equipment_fault": ("设备故障", "equipment_fault"),
        "resource_missing": ("资源配置无用户信息", "资源配置系统无用户", "resource_missing"),
        "onu_board_error": ("ONU板卡插错", "板卡插错", "onu_board_error"),
        "bss_coordination": ("经支", "协调经支", "bss_coordination"),
    },
    "mismatch_reason": {
        "port_change": ("分公司换端口未走常规资源维护", "换端口", "port_change"),
        "speed_order": ("改速率订单", "用户低开", "speed_order"),
        "move_flow": ("换端口(或是移机)流程未完成", "移机", "move_flow"),
    },
}

TRUE_WORDS = ("yes", "y", "true", "1", "是", "有", "同步", "正常", "一致", "达标", "已缴", "仍然")
FALSE_WORDS = ("no", "n", "false", "0", "否", "无", "没有", "不同步", "异常", "不正常", "不一致", "不达标", "未缴")

_BANDWIDTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|mb|mbps|mbit|mbit/s|兆|k|kb|kbps|kbit|kbit/s|g|gb|gbps)?\s*$")
_DATE = re.compile(r"^\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?\s*$")


def fold(text: str) -> str:
    """Full-width to half-width, lower case, no spaces: the form labels are compared in."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


_LABELS = {name: {**{fold(label): canon for canon, labels in vocabulary.items() for label in labels},
                   **{canon: canon for canon in vocabulary}}
           for name, vocabulary in VOCABULARY.items()}


def canonical(field_name: str, value: Any) -> str:
    """The canonical value of an enumerated field, from any of its labels."""
    labels = _LABELS[field_name]
    if value in labels:
        return labels[value]
    key = fold(str(value))
    if key in labels:
        return labels[key]
    accepted = ", ".join(f"{c} ({labels[0]})" for c, labels in VOCABULARY[field_name].items())
    raise FactError(field_name, value, accepted)


def vocabulary_of(field_name: str) -> dict[str, tuple[str, ...]]:
    """The vocabulary of an enumerated case field ({} for other fields); complaints use "complaint"."""
    return VOCABULARY.get("complaint" if field_name == "complaints" else field_name, {})


def parse_bool(field_name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = fold(str(value))
    if key in FALSE_WORDS:
        return False
    if key in TRUE_WORDS:
        return True
    raise FactError(field_name, value, "yes/no (是/否, 有/无, 正常/异常)")


def parse_bandwidth(field_name: str, value: Any) -> float:
    """Megabits per second from "4M", "512K", "1G" or a bare number of M."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        mbps = float(value)
    else:
        match = _BANDWIDTH.match(fold(str(value)))
        if not match:
            raise FactError(field_name, value, "a bandwidth such as 4M, 512K or 20 (M)")
        unit = (match.group(2) or "m")[0]
        mbps = float(match.group(1)) * {"m": 1.0, "兆": 1.0, "k": 0.001, "g": 1000.0}[unit]
    if mbps <= 0:
        raise FactError(field_name, value, "a bandwidth greater than 0")
    return mbps


def parse_number(field_name: str, value: Any, low: float, high: float) -> float:
    try:
        number = float(fold(str(value)).rstrip("ms%db"))
    except ValueError:
        raise FactError(field_name, value, f"a number from {low:g} to {high:g}") from None
    if not low <= number <= high:
        raise FactError(field_name, value, f"a number from {low:g} to {high:g}")
    return number


def parse_code(value: Any) -> int:
    text = fold(str(value))
    if not text.isdigit() or len(text) > 6:
        raise FactError("error_codes", value, "dial-up error numbers such as 691, 678, 769, 633")
    return int(text)


def parse_date(value: Any) -> str:
    match = _DATE.match(fold(str(value)))
    if not match or not (1 <= int(match.group(1)) <= 12 and 1 <= int(match.group(2)) <= 31):
        raise FactError("order_date", value, "a month and day such as 11月20日 or 11-20")
    return f"{int(match.group(1)):02d}月{int(match.group(2)):02d}日"


def format_bandwidth(mbps: float) -> str:
    """The X(M) of the phrasebook: 4 -> "4M", 0.512 -> "512K"."""
    if mbps < 1:
        return f"{mbps * 1000:g}K"
    return f"{mbps:g}M"


@dataclass(frozen=True)
class Case:
    """Everything known about one fault.  ``None`` (or empty) means not known yet."""

    error_codes: tuple[int, ...] = ()
    complaints: tuple[str, ...] = ()
    service: str | None = None
    account_status: str | None = None
    arrears_paid: bool | None = None
    retry_failed: bool | None = None
    bims_adsl_lock: bool | None = None
    modem_sync: bool | None = None
    exchange_sync: bool | None = None
    port_alarm: bool | None = None
    port_config_ok: bool | None = None
    crm_bw: float | None = None
    nms_bw: float | None = None
    user_encoding_ok: bool | None = None
    mismatch_reason: str | None = None
    order_date: str | None = None
    line_quality_ok: bool | None = None
    attenuation_db: float | None = None
    noise_margin_db: float | None = None
    ping_ms: float | None = None
    loss_pct: float | None = None
    download_kBps: float | None = None
    sync_at_drop: bool | None = None
    stage: str | None = None
    exchange_data_ok: bool | None = None
    bims_account_ok: bool | None = None
    exchange_done: bool | None = None

    @classmethod
    def from_values(cls, values: dict[str, Any] | None = None, **more: Any) -> "Case":
        """Validate and normalise raw values; raises FactError naming the first bad field."""
        raw = {**(values or {}), **more}
        known = {f.name for f in fields(cls)}
        clean: dict[str, Any] = {}
        for name, value in raw.items():
            if name not in known:
                raise FactError(name, value, "one of " + ", ".join(sorted(known)))
            if value is None or value == "" or value == ():
                continue
            clean[name] = normalise(name, value)
        return cls(**clean)

    def with_value(self, name: str, value: Any) -> "Case":
        """This case with one more fact (validated); codes and complaints are added to those known."""
        if name not in FIELD_NAMES:
            raise FactError(name, value, "one of " + ", ".join(FIELD_NAMES))
        clean = normalise(name, value)
        if isinstance(clean, tuple):
            clean = tuple(dict.fromkeys(getattr(self, name) + clean))
        return replace(self, **{name: clean})

    def known(self) -> dict[str, Any]:
        """The fields that are known, in declaration order."""
        return {name: value for name in FIELD_NAMES if (value := getattr(self, name)) is not None and value != ()}

    def facts(self) -> list[Fact]:
        """The experta facts for this case: one per observation."""
        return list(_facts(self))


NUMBER_RANGES = {"attenuation_db": (0, 120), "noise_margin_db": (-20, 80), "ping_ms": (0, 100000),
            "loss_pct": (0, 100), "download_kBps": (0, 10_000_000)}


def normalise(name: str, value: Any) -> Any:
    """The canonical form of one case field's value."""
    if name == "error_codes":
        items = re.split(r"[,，/、\s]+", fold(value)) if isinstance(value, str) else value
        return tuple(dict.fromkeys(parse_code(v) for v in items if str(v).strip()))
    if name == "complaints":
        items = re.split(r"[,，、]+", value) if isinstance(value, str) else value
        return tuple(dict.fromkeys(canonical("complaint", v) for v in items if str(v).strip()))
    if name in ("service", "account_status", "stage", "mismatch_reason"):
        return canonical(name, value)
    if name in ("crm_bw", "nms_bw"):
        return parse_bandwidth(name, value)
    if name in NUMBER_RANGES:
        return parse_number(name, value, *NUMBER_RANGES[name])
    if name == "order_date":
        return parse_date(value)
    return parse_bool(name, value)


# --- experta fact templates: one per kind of observation -------------------------------

class ErrorCode(Fact):
    """A dial-up error code the user reports."""
    code = Field(int, mandatory=True)


class Complaint(Fact):
    """What the user or branch says is wrong (网速慢, 定时掉线, 流程卡单 …)."""
    kind = Field(str, mandatory=True)


class ServiceType(Fact):
    """The kind of service: broadband, xingtiandi (宽带星天地), iptv (宽带新天地), vpn, fiber."""
    kind = Field(str, mandatory=True)


class AccountStatus(Fact):
    """The account's status in the pre-processing system (预处理系统)."""
    status = Field(str, mandatory=True)


class ArrearsPaid(Fact):
    """Whether a user shown as 欠费/停机 has in fact paid (or never owed)."""
    paid = Field(bool, mandatory=True)


class RetryFailed(Fact):
    """Whether the user still gets the same error after the account was fixed or kicked offline."""
    still_failing = Field(bool, mandatory=True)


class BimsLine(Fact):
    """Whether BIMS shows the line as ADSL市话加锁."""
    adsl_local_lock = Field(bool, mandatory=True)


class ModemSync(Fact):
    """Modem (DSL) sync at the user end or, with a test modem, at the exchange end."""
    end = Field(str, mandatory=True)
    synced = Field(bool, mandatory=True)


class PortAlarm(Fact):
    """Whether the network-management system shows an alarm on the user's port."""
    present = Field(bool, mandatory=True)


class PortConfig(Fact):
    """Whether the port's data configuration is normal."""
    normal = Field(bool, mandatory=True)


class Bandwidth(Fact):
    """A bandwidth on record: ``system`` is crm (what was sold) or nms (what is configured)."""
    system = Field(str, mandatory=True)
    mbps = Field(float, mandatory=True)


class UserEncoding(Fact):
    """Whether the user's access encoding (上网编码) is consistent."""
    consistent = Field(bool, mandatory=True)


class MismatchReason(Fact):
    """Why CRM and NMS bandwidth differ, as found in CRM / the billing system."""
    reason = Field(str, mandatory=True)


class OrderDate(Fact):
    """The date of the CRM speed-change order (XX月XX日)."""
    date = Field(str, mandatory=True)


class LineQuality(Fact):
    """Whether line quality is up to standard (预处理系统 线路信息采集)."""
    acceptable = Field(bool, mandatory=True)


class LineMetric(Fact):
    """A measured line figure: ``name`` attenuation_db or noise_margin_db."""
    name = Field(str, mandatory=True)
    value = Field(float, mandatory=True)


class DnsPing(Fact):
    """Ping to the DNS server: ``measure`` ping_ms (latency) or loss_pct."""
    measure = Field(str, mandatory=True)
    value = Field(float, mandatory=True)


class DownloadSpeed(Fact):
    """The download speed the user sees, in kilobytes per second."""
    kbytes_per_s = Field(float, mandatory=True)


class DropSync(Fact):
    """Whether the modem stays synced at the moment of a periodic drop."""
    synced = Field(bool, mandatory=True)


class WorkflowStage(Fact):
    """The stage a stuck provisioning order is in."""
    stage = Field(str, mandatory=True)


class ExchangeData(Fact):
    """Whether the exchange-side data for the user is normal."""
    normal = Field(bool, mandatory=True)


class BimsAccount(Fact):
    """Whether the user's BIMS account is normal."""
    normal = Field(bool, mandatory=True)


class ExchangeHandled(Fact):
    """Whether exchange-side handling of the fault is complete."""
    done = Field(bool, mandatory=True)


def _facts(case: Case) -> Iterable[Fact]:
    for code in case.error_codes:
        yield ErrorCode(code=code)
    for kind in case.complaints:
        yield Complaint(kind=kind)
    simple = (("service", ServiceType, "kind"), ("account_status", AccountStatus, "status"),
              ("arrears_paid", ArrearsPaid, "paid"), ("retry_failed", RetryFailed, "still_failing"),
              ("bims_adsl_lock", BimsLine, "adsl_local_lock"), ("port_alarm", PortAlarm, "present"),
              ("port_config_ok", PortConfig, "normal"), ("user_encoding_ok", UserEncoding, "consistent"),
              ("mismatch_reason", MismatchReason, "reason"), ("order_date", OrderDate, "date"),
              ("line_quality_ok", LineQuality, "acceptable"), ("download_kBps", DownloadSpeed, "kbytes_per_s"),
              ("sync_at_drop", DropSync, "synced"), ("stage", WorkflowStage, "stage"),
              ("exchange_data_ok", ExchangeData, "normal"), ("bims_account_ok", BimsAccount, "normal"),
              ("exchange_done", ExchangeHandled, "done"))
    for name, template, slot in simple:
        value = getattr(case, name)
        if value is not None:
            yield template(**{slot: value})
    for name, end in (("modem_sync", "user"), ("exchange_sync", "exchange")):
        if getattr(case, name) is not None:
            yield ModemSync(end=end, synced=getattr(case, name))
    for name, system in (("crm_bw", "crm"), ("nms_bw", "nms")):
        if getattr(case, name) is not None:
            yield Bandwidth(system=system, mbps=getattr(case, name))
    for name in ("attenuation_db", "noise_margin_db"):
        if getattr(case, name) is not None:
            yield LineMetric(name=name, value=getattr(case, name))
    for name in ("ping_ms", "loss_pct"):
        if getattr(case, name) is not None:
            yield DnsPing(measure=name, value=getattr(case, name))


FIELD_NAMES = tuple(f.name for f in fields(Case))
