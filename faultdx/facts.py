"""The observations a diagnosis starts from, and the experta fact templates the rules match.

``Case`` is the plain, hashable record of everything known about one fault (its fields and their
knowledge are in ``faultdx.fields``); ``Case.from_values`` validates and normalises raw values
(Chinese or English labels, "4M"/"512K" bandwidths, full-width digits).  Figures in a case reach
the rules only through ``faultdx.abstraction``, which turns the case into the facts declared here:
one template per kind of observation, plus the qualitative states figures are abstracted to.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, fields, replace
from typing import Any

from faultdx._experta import Fact, Field
from faultdx.fields import FIELD_LABELS, FIELDS, vocabulary_of  # noqa: F401  (re-exported)


class FactError(ValueError):
    """A value that does not fit a case field; names the field and what it accepts."""

    def __init__(self, field_name: str, value: Any, accepted: str):
        self.field = field_name
        self.value = value
        self.accepted = accepted
        super().__init__(f"{field_name}: {value!r} 无效:{accepted}")


VOCABULARY = {name: spec.vocabulary for name, spec in FIELDS.items() if spec.vocabulary}
NUMBER_RANGES = {name: spec.range for name, spec in FIELDS.items() if spec.kind == "number"}

TRUE_WORDS = ("yes", "y", "true", "1", "是", "有", "同步", "能同步", "正常", "一致", "达标", "已缴", "已交", "仍然", "对")
FALSE_WORDS = ("no", "n", "false", "0", "否", "无", "没有", "不同步", "不能同步", "异常", "不正常", "不一致", "不达标",
               "未缴", "未交", "不是")

K_PER_M = 1024          # port templates: 512K, 1024K and 2048K are 0.5, 1 and 2M
M_PER_G = 1000          # plans: 1G (千兆) is 1000M
MAX_MBPS = 100_000
_UNIT = {"m": 1.0, "mb": 1.0, "mbps": 1.0, "mbit": 1.0, "mbit/s": 1.0, "兆": 1.0, "m宽带": 1.0,
         "k": 1 / K_PER_M, "kb": 1 / K_PER_M, "kbps": 1 / K_PER_M, "kbit": 1 / K_PER_M, "kbit/s": 1 / K_PER_M,
         "g": M_PER_G, "gb": M_PER_G, "gbps": M_PER_G}
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$", re.ASCII)
_BANDWIDTH = re.compile(r"^(\d+(?:\.\d+)?)([a-z兆/宽带]*)$", re.ASCII | re.IGNORECASE)
_DATE = re.compile(r"^(\d{1,2})(?:月|-|/|\.)(\d{1,2})日?$", re.ASCII)
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


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
    accepted = "应为以下之一: " + "、".join(f"{labels[0]} ({c})" for c, labels in VOCABULARY[field_name].items())
    raise FactError(field_name, value, accepted)


def parse_bool(field_name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = fold(str(value))
    spec = FIELDS.get(field_name)
    if spec and key == fold(spec.yes_no[1]):
        return False
    if spec and key == fold(spec.yes_no[0]):
        return True
    if key in FALSE_WORDS:
        return False
    if key in TRUE_WORDS:
        return True
    accepted = "应为 是/否" + (f" 或 {'/'.join(spec.yes_no)}" if spec and spec.yes_no != ("是", "否") else "") + " (yes/no)"
    raise FactError(field_name, value, accepted)


def parse_bandwidth(field_name: str, value: Any) -> float:
    """Megabits per second from "4M", "512K" (K = 1/1024 M), "1G" or a bare number of M."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        mbps = float(value)
    else:
        match = _BANDWIDTH.match(fold(str(value)))
        unit = match.group(2) if match else None
        if not match or (unit and unit not in _UNIT):
            raise FactError(field_name, value, "应为带宽,如 4M、512K、1G 或 20(单位 M)")
        mbps = float(match.group(1)) * _UNIT[unit or "m"]
    spec = FIELDS.get(field_name)
    low, high = spec.range if spec is not None and spec.range else (0.0, MAX_MBPS)
    if not (math.isfinite(mbps) and 0 < mbps and low <= mbps <= high):
        raise FactError(field_name, value, f"数值超出范围:带宽应不小于 {format_bandwidth(low) if low else '0'} "
                                           f"且不超过 {high:,.0f}M")
    return mbps


def parse_number(field_name: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = fold(str(value))
        unit = FIELDS[field_name].unit.lower() if field_name in FIELDS else ""
        if unit and text.endswith(unit):
            text = text[: -len(unit)]
        if not _NUMBER.match(text):
            raise FactError(field_name, value, f"应为 {low:g} 到 {high:g} 之间的数")
        number = float(text)
    if not (math.isfinite(number) and low <= number <= high):
        raise FactError(field_name, value, f"数值超出范围:应为 {low:g} 到 {high:g} 之间的数")
    return number


def parse_code(value: Any) -> int:
    text = fold(str(value))
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise FactError("error_codes", value, "应为拨号错误代码,如 691、678、651、769、633")
    return int(text)


def parse_date(value: Any) -> str:
    match = _DATE.match(fold(str(value)))
    month, day = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    if not match:
        raise FactError("order_date", value, "应为月和日,如 11月20日 或 11-20")
    if not (1 <= month <= 12 and 1 <= day <= _DAYS[month - 1]):
        raise FactError("order_date", value, "这一天不是存在的日期;应为月和日,如 11月20日 或 11-20")
    return f"{month:02d}月{day:02d}日"


def format_bandwidth(mbps: float) -> str:
    """The X(M) of the phrasebook: 4 -> "4M", 0.5 -> "512K", 2 -> "2M"."""
    if mbps < 1:
        return f"{round(mbps * K_PER_M, 1):g}K"
    return f"{round(mbps, 3):g}M"


def _items(value: Any) -> list:
    """A multi-valued field's items, from a list or a comma-separated string (several strings allowed)."""
    raw = [value] if isinstance(value, (str, int)) else list(value)
    return [part for item in raw for part in re.split(r"[,，、/\s]+", str(item)) if part.strip()]


def normalise(name: str, value: Any) -> Any:
    """The canonical form of one case field's value."""
    kind = FIELDS[name].kind
    if kind == "codes":
        if type(value) is tuple and all(type(v) is int and 0 <= v < 1_000_000 for v in value):
            return tuple(dict.fromkeys(value))   # what parse_code gives for each: the reader's codes, one by one
        return tuple(dict.fromkeys(parse_code(v) for v in _items(value)))
    if kind == "multi":
        raw = [value] if isinstance(value, str) else list(value)
        items = [part for item in raw for part in re.split(r"[,，、]+", str(item)) if part.strip()]
        return tuple(dict.fromkeys(canonical(name, v) for v in items))
    if kind == "enum":
        return canonical(name, value)
    if kind == "bandwidth":
        return parse_bandwidth(name, value)
    if kind == "number":
        return parse_number(name, value, *FIELDS[name].range)
    if kind == "date":
        return parse_date(value)
    return parse_bool(name, value)


def _split_stage(values: dict[str, Any]) -> None:
    """"设备故障" is a condition beside a stage (流程卡单.5), not a stage: --stage 宽带开通MAN --stage 设备故障
    gives the stage and equipment_fault; 设备故障 alone stays the stage value equipment_fault, which the
    abstraction reads as the same condition."""
    stage = values.get("stage")
    if stage is None or isinstance(stage, str) and "," not in stage and "，" not in stage:
        return
    items = _items(stage) if isinstance(stage, str) else list(stage)
    stages = [canonical("stage", s) for s in items]
    others = [s for s in stages if s != "equipment_fault"]
    if len(others) < len(stages) and others:
        values.setdefault("equipment_fault", True)
    if len(set(others)) > 1:
        raise FactError("stage", ",".join(map(str, items)), "应为一个流程环节(需要时另加 设备故障)")
    values["stage"] = others[0] if others else "equipment_fault"


@dataclass(frozen=True)
class Case:
    """Everything known about one fault.  ``None`` (or empty) means not known yet.

    The fields, in order, are those of ``faultdx.fields.FIELDS`` (checked at import).
    """

    error_codes: tuple[int, ...] = ()
    complaints: tuple[str, ...] = ()
    service: str | None = None
    contact: str | None = None
    concerns: tuple[str, ...] = ()
    account_status: str | None = None
    arrears_paid: bool | None = None
    retry_failed: bool | None = None
    bims_adsl_lock: bool | None = None
    modem_sync: bool | None = None
    exchange_sync: bool | None = None
    port_alarm: bool | None = None
    port_config_ok: bool | None = None
    port_restarted: bool | None = None
    onu_los: bool | None = None
    onu_pon: str | None = None
    rx_power_dbm: float | None = None
    crm_bw: float | None = None
    nms_bw: float | None = None
    plan_bw: float | None = None
    measured_bw: float | None = None
    user_encoding_ok: bool | None = None
    mismatch_reason: str | None = None
    order_date: str | None = None
    line_quality_ok: bool | None = None
    attenuation_db: float | None = None
    attenuation_up_db: float | None = None
    attenuation_down_db: float | None = None
    noise_margin_db: float | None = None
    ping_ms: float | None = None
    loss_pct: float | None = None
    download_kBps: float | None = None
    link: str | None = None
    router: bool | None = None
    sync_at_drop: bool | None = None
    session_minutes: float | None = None
    apps_ok: bool | None = None
    stage: str | None = None
    equipment_fault: bool | None = None
    internet_ok: bool | None = None
    exchange_data_ok: bool | None = None
    exchange_data_fixed: bool | None = None
    bims_account_ok: bool | None = None
    exchange_done: bool | None = None

    @classmethod
    def from_values(cls, values: dict[str, Any] | None = None, **more: Any) -> "Case":
        """Validate and normalise raw values; raises FactError naming the first bad field."""
        raw = {**(values or {}), **more}
        _split_stage(raw)
        clean: dict[str, Any] = {}
        for name, value in raw.items():
            if name not in FIELDS:
                raise FactError(name, value, "不是事实字段;应为以下之一: " + ", ".join(FIELD_NAMES))
            if value is None or value == "" or value == ():
                continue
            clean[name] = normalise(name, value)
        return cls(**clean)

    def with_value(self, name: str, value: Any) -> "Case":
        """This case with one more fact (validated); codes and complaints are added to those known."""
        if name not in FIELDS:
            raise FactError(name, value, "不是事实字段;应为以下之一: " + ", ".join(FIELD_NAMES))
        clean = normalise(name, value)
        if isinstance(clean, tuple):
            clean = tuple(dict.fromkeys(getattr(self, name) + clean))
        return replace(self, **{name: clean})

    @classmethod
    def trusted(cls, clean: dict[str, Any]) -> "Case":
        """A case from values that are already normalised (the reader's), without checking them again:
        a frozen dataclass's __init__ sets 45 fields one by one, which is most of a short ticket's reading."""
        case = object.__new__(cls)
        case.__dict__.update(_DEFAULTS)
        case.__dict__.update(clean)
        case.__dict__["_known"] = {name: clean[name] for name in sorted(clean, key=_FIELD_INDEX.__getitem__)
                                   if clean[name] is not None and clean[name] != ()}   # what known() would find
        return case

    def known(self) -> dict[str, Any]:
        """The fields that are known, in declaration order (a new dict each time; computed once per case)."""
        known = self.__dict__.get("_known")
        if known is None:
            known = {name: value for name in FIELD_NAMES if (value := getattr(self, name)) is not None and value != ()}
            object.__setattr__(self, "_known", known)
        return dict(known)


FIELD_NAMES = tuple(f.name for f in fields(Case))
_DEFAULTS = {f.name: f.default for f in fields(Case)}
_FIELD_INDEX = {name: index for index, name in enumerate(FIELD_NAMES)}
assert FIELD_NAMES == tuple(FIELDS), "Case and faultdx.fields.FIELDS must list the same fields in the same order"


def display_value(name: str, value: Any) -> str:
    """A case field's value as a support engineer says it (帐号状态 在线, CRM带宽 4M, 是/否)."""
    spec = FIELDS[name]
    vocabulary = spec.vocabulary
    if isinstance(value, bool):
        return spec.yes_no[0] if value else spec.yes_no[1]
    if isinstance(value, tuple):
        return ",".join(vocabulary[v][0] if v in vocabulary else str(v) for v in value)
    if spec.kind == "bandwidth":
        return format_bandwidth(value)
    if isinstance(value, float):
        return f"{value:g}"
    return vocabulary[value][0] if value in vocabulary else str(value)


# --- experta fact templates: one per kind of observation --------------------------------------
# Observations that are not figures are declared as they are; figures are declared only as the
# qualitative states of faultdx.abstraction (and as Figure(name=…) saying that a figure is known).

class ErrorCode(Fact):
    """A dial-up error code the user reports."""
    code = Field(int, mandatory=True)


class Complaint(Fact):
    """What the user or branch says is wrong (网速慢, 掉线, 流程卡单 …)."""
    kind = Field(str, mandatory=True)


class ServiceType(Fact):
    """The kind of service: broadband, xingtiandi (宽带星天地), iptv (宽带新天地), vpn, fiber."""
    kind = Field(str, mandatory=True)


class Contact(Fact):
    """Who is on the line: customer_outbound (we call the user), customer_inbound, branch, technician …"""
    kind = Field(str, mandatory=True)


class Concern(Fact):
    """What the customer voices besides the fault: slow handling, staff, repeated faults, a complaint …"""
    kind = Field(str, mandatory=True)


class AccountStatus(Fact):
    """The account's status in the pre-processing system (预处理系统)."""
    status = Field(str, mandatory=True)


class State(Fact):
    """A yes/no observation by field name: State(field="modem_sync", value=False).

    One template for the many two-valued observations keeps the rule network small; each is still
    one fact with one normalised value.
    """
    field = Field(str, mandatory=True)
    value = Field(bool, mandatory=True)


class OnuPon(Fact):
    """The fibre modem's PON (registration) light: on, blinking, off."""
    state = Field(str, mandatory=True)


class Link(Fact):
    """How the user's device connects: wifi or wired."""
    kind = Field(str, mandatory=True)


class MismatchReason(Fact):
    """Why CRM and NMS bandwidth differ, as found in CRM / the billing system."""
    reason = Field(str, mandatory=True)


class WorkflowStage(Fact):
    """The stage a stuck provisioning order is in."""
    stage = Field(str, mandatory=True)


class Figure(Fact):
    """A figure (bandwidth, measurement, date) is known; its value fills sentences after the engine runs."""
    name = Field(str, mandatory=True)


class Level(Fact):
    """A figure abstracted to a qualitative state: Level(of="latency", state="high")."""
    of = Field(str, mandatory=True)
    state = Field(str, mandatory=True)


def Yes(name: str) -> State:  # noqa: N802  (reads as a pattern in rules: Yes("modem_sync"))
    """The pattern (or fact) that a yes/no field is true."""
    return State(field=name, value=True)


def No(name: str) -> State:  # noqa: N802
    """The pattern (or fact) that a yes/no field is false."""
    return State(field=name, value=False)


def Known(name: str) -> State:  # noqa: N802
    """The pattern that a yes/no field is known, whatever its value."""
    return State(field=name)
