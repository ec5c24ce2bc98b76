"""Data abstraction, the first stage of a diagnosis: figures become the qualitative states rules reason on.

Heuristic classification (Clancey) in three stages you can see in the code: this module abstracts a
``Case`` (PING 35 ms → 时延=偏高; CRM 4M, 网管 2M → 带宽=低开), the rules of ``faultdx.rules`` match
heuristically on the abstractions and refine, and ``faultdx.engine`` renders the conclusions with the
case's own figures.  The engine never sees a figure, only ``Level``/``Figure`` facts, so its result is
a function of ``Abstract.key`` — which is what the result cache is keyed on: it cannot drift from
the rules.

Every threshold is defined once, in ``faultdx.config.THRESHOLD_DEFAULTS`` (site-configurable under
``[thresholds]``); ``SOURCES`` says where each comes from.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

from faultdx.config import THRESHOLD_DEFAULTS
from faultdx.facts import (FIELDS, AccountStatus, Case, Complaint, Concern, Contact, ErrorCode, Figure, Level, Link,
                           MismatchReason, OnuPon, ServiceType, State, WorkflowStage, display_value,
                           format_bandwidth, K_PER_M)

SOURCES = {
    "ping_ms_max": "五.带宽故障类.1(PING DNS的时延在20MS内算正常)",
    "loss_pct_max": "五.带宽故障类.1(掉包率在5%以下为正常)",
    "max_attenuation_db": "非话务手册:ADSL常用经验值(衰减超过60dB难以稳定同步),可在[thresholds]中按本地标准修改",
    "min_noise_margin_db": "非话务手册:ADSL常用经验值(噪声容限低于6dB易掉线),可在[thresholds]中按本地标准修改",
    "bandwidth_tolerance": "五.带宽故障类.2/3按X(M)比较带宽;端口模板按K=1024计(2048K即2M),2.5%以内视为一致",
    "speed_ok_ratio": "五.带宽故障类.1(下载的速率要乘8);达到带宽的90%视为达到,非话务手册,可在[thresholds]中修改",
    "rx_power_min_dbm": "ITU-T G.984.2 GPON B+类:ONU接收灵敏度-28dBm,留1dB余量",
    "rx_power_max_dbm": "ITU-T G.984.2 GPON B+类:ONU过载光功率-8dBm",
    "forced_redial_minutes": "非话务手册:运营商PPPoE会话定时重认证(约每天一次),见rules/modern.py的来源",
}

# Non-figure fields declared as they are: field -> (template, slot).
_AS_IS = {"service": (ServiceType, "kind"), "contact": (Contact, "kind"), "account_status": (AccountStatus, "status"),
          "onu_pon": (OnuPon, "state"), "link": (Link, "kind"), "mismatch_reason": (MismatchReason, "reason"),
          "stage": (WorkflowStage, "stage")}
_MANY = {"error_codes": (ErrorCode, "code"), "complaints": (Complaint, "kind"), "concerns": (Concern, "kind")}
TEMPLATES = {t.__name__: t for t in (State, Figure, Level, *(t for t, _ in _AS_IS.values()),
                                     *(t for t, _ in _MANY.values()))}

# Every name a sentence may take a figure by: the figure fields and the texts derived from them.
VALUE_NAMES = tuple(name for name, spec in FIELDS.items() if spec.figure) + ("line_metrics", "measured_rate",
                                                                            "measured_how")

LEVEL_LABELS = {
    "bandwidth": ("CRM与网管带宽", {"consistent": "一致", "low": "不一致,网管低于CRM(低开)",
                                   "high": "不一致,网管高于CRM(高开)"}),
    "latency": ("PING DNS时延", {"normal": "正常", "high": "偏高"}),
    "loss": ("PING DNS掉包率", {"normal": "正常", "high": "偏高"}),
    "speed": ("实际速率", {"reaches": "达到带宽", "below": "明显低于带宽"}),
    "optical": ("光猫接收光功率", {"normal": "正常", "low": "过低(光衰过大)", "high": "过高(过载)"}),
    "session": ("连接时长", {"day": "约一天以上才掉线", "short": "连上不久就掉线"}),
    "line_metrics": ("线路指标", {"poor": "超出门限"}),
    "hundred_cap": ("实测速率", {"yes": "约100M(大带宽套餐只跑到百兆)"}),
}


@dataclass(frozen=True)
class Derivation:
    """One abstraction step: which state was concluded from which figures, and by what threshold."""
    state: str
    value: str
    because: str

    def text(self) -> str:
        name, values = LEVEL_LABELS.get(self.state, (FIELDS[self.state].label if self.state in FIELDS else self.state,
                                                    {}))
        return f"{name}={values.get(self.value, self.value)} ← {self.because}"


@dataclass(frozen=True)
class Abstract:
    """A case as the engine sees it (``key``: hashable fact descriptions), plus what rendering needs."""
    key: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]
    derivations: tuple[Derivation, ...]
    values: Mapping[str, str]   # figures and derived texts by name, for sentences ({crm_bw} → "4M")

    def facts(self) -> list:
        """The experta facts to declare."""
        return [TEMPLATES[name](**dict(slots)) for name, slots in self.key]


def _fact(template, **slots) -> tuple[str, tuple[tuple[str, Any], ...]]:
    return template.__name__, tuple(slots.items())


def abstract(case: Case, thresholds: Mapping[str, float] = THRESHOLD_DEFAULTS, explain: bool = True) -> Abstract:
    """The qualitative facts of ``case`` and the figures that fill its sentences; with ``explain=False`` without
    the derivations' texts (batch triage writes none: it saves formatting figures into them for every row)."""
    t = thresholds
    key: list = []
    derived: list[Derivation] = []
    values: dict[str, str] = {}
    known = case.known()
    for name, value in known.items():
        spec = FIELDS[name]
        if name in _MANY:
            template, slot = _MANY[name]
            key += [_fact(template, **{slot: item}) for item in value]
        elif name == "stage" and value == "equipment_fault":   # 设备故障 given as the stage: the condition
            if case.equipment_fault is None:
                key.append(_fact(State, field="equipment_fault", value=True))
        elif name in _AS_IS:
            template, slot = _AS_IS[name]
            key.append(_fact(template, **{slot: value}))
        elif spec.kind == "bool":
            key.append(_fact(State, field=name, value=value))
        if spec.figure:
            key.append(_fact(Figure, name=name))
            values[name] = display_value(name, value)

    def level(of: str, state: str, because: Callable[[], str]) -> None:
        key.append(_fact(Level, of=of, state=state))
        if explain:
            derived.append(Derivation(of, state, because()))

    crm, nms = case.crm_bw, case.nms_bw
    if crm is not None and nms is not None:
        tolerance = t["bandwidth_tolerance"] * max(crm, nms)
        state = "consistent" if abs(crm - nms) <= tolerance else "low" if nms < crm else "high"
        level("bandwidth", state, lambda: f"CRM {format_bandwidth(crm)},网管 {format_bandwidth(nms)}")
    if case.ping_ms is not None:
        high = case.ping_ms > t["ping_ms_max"]
        level("latency", "high" if high else "normal",
              lambda: f"{case.ping_ms:g}ms {'>' if high else '≤'} {t['ping_ms_max']:g}ms({SOURCES['ping_ms_max']})")
    if case.loss_pct is not None:
        high = case.loss_pct >= t["loss_pct_max"]
        level("loss", "high" if high else "normal",
              lambda: f"{case.loss_pct:g}% {'≥' if high else '<'} {t['loss_pct_max']:g}%({SOURCES['loss_pct_max']})")
    if "offline" in case.complaints and case.internet_ok is None:   # 无法上网 says the internet is down
        key.append(_fact(State, field="internet_ok", value=False))
        derived.append(Derivation("internet_ok", "否", "故障现象:无法上网"))
    _line(case, t, key, derived, values)
    _speed(case, t, level, values)
    if case.rx_power_dbm is not None:
        power = case.rx_power_dbm
        state = "low" if power < t["rx_power_min_dbm"] else "high" if power > t["rx_power_max_dbm"] else "normal"
        level("optical", state, lambda: f"{power:g}dBm,正常范围 {t['rx_power_min_dbm']:g}~{t['rx_power_max_dbm']:g}dBm"
                                f"({SOURCES['rx_power_min_dbm']})")
    if case.session_minutes is not None:
        day = case.session_minutes >= t["forced_redial_minutes"]
        level("session", "day" if day else "short",
              lambda: f"每次连接 {case.session_minutes:g} 分钟 {'≥' if day else '<'} {t['forced_redial_minutes']:g} 分钟")
    return Abstract(tuple(sorted(key)), tuple(derived) if explain else (), values)


def _line(case: Case, t: Mapping[str, float], key: list, derived: list, values: dict) -> None:
    """Line figures: a description for bw.4 and, when beyond a threshold, 线路质量达标=否."""
    metrics = [(label, case_value) for label, case_value in
               (("衰减", case.attenuation_db), ("上行衰减", case.attenuation_up_db),
                ("下行衰减", case.attenuation_down_db), ("噪声容限", case.noise_margin_db)) if case_value is not None]
    values["line_metrics"] = "(" + ",".join(f"{label} {v:g}dB" for label, v in metrics) + ")" if metrics else ""
    poor = [f"{label} {v:g}dB > {t['max_attenuation_db']:g}dB" for label, v in metrics
            if label != "噪声容限" and v > t["max_attenuation_db"]]
    poor += [f"噪声容限 {v:g}dB < {t['min_noise_margin_db']:g}dB" for label, v in metrics
             if label == "噪声容限" and v < t["min_noise_margin_db"]]
    if poor:
        key.append(_fact(Level, of="line_metrics", state="poor"))
        derived.append(Derivation("line_metrics", "poor", ";".join(poor) + f"({SOURCES['max_attenuation_db']})"))
        if case.line_quality_ok is None:
            key.append(_fact(State, field="line_quality_ok", value=False))
            derived.append(Derivation("line_quality_ok", "不达标", "线路指标超出门限"))


def _speed(case: Case, t: Mapping[str, float], level, values: dict) -> None:
    """What the user measured, in Mbit/s (a download in KB/s times 8, as 带宽.1 says), against the bandwidth sold."""
    measured, how = None, ""
    if case.measured_bw is not None:
        measured, how = case.measured_bw, f"实测 {format_bandwidth(case.measured_bw)}"
    elif case.download_kBps is not None:
        measured = case.download_kBps * 8 / K_PER_M
        how = f"下载 {case.download_kBps:g}KB/s ×8 = {case.download_kBps * 8:g}K(约{format_bandwidth(measured)})"
    if measured is not None:
        values["measured_rate"] = format_bandwidth(measured)
        values["measured_how"] = how
    reference, which = (case.crm_bw, "CRM带宽") if case.crm_bw is not None else (case.plan_bw, "套餐带宽")
    if measured is None or reference is None:
        return
    ratio = measured / reference
    reaches = ratio >= t["speed_ok_ratio"]
    if reference >= 300 and 80 <= measured <= 105:   # a 100M NIC or 4-wire cable on a 300M+ plan
        level("hundred_cap", "yes", lambda: f"{how},{which} {format_bandwidth(reference)}:百兆网卡或网线的上限约为100M")
    level("speed", "reaches" if reaches else "below",
          lambda: f"{how},为{which} {format_bandwidth(reference)} 的 {ratio:.0%}"
          f"({'≥' if reaches else '<'} {t['speed_ok_ratio']:.0%},{SOURCES['speed_ok_ratio']})")


def sample_values(name: str, case: Case, thresholds: Mapping[str, float] = THRESHOLD_DEFAULTS) -> list[tuple[str, Any]]:
    """Values of a figure on each side of the thresholds its abstraction uses, given what ``case`` knows.

    For looking ahead (a consultation's ``why``) and for exploring the knowledge base (``faultdx check``):
    every qualitative state a figure can reach is reached by one of these values.
    """
    t = thresholds
    spec = FIELDS[name]
    if spec.kind == "bandwidth":
        if name == "nms_bw" and case.crm_bw is not None:
            base = case.crm_bw
        elif name == "crm_bw" and case.nms_bw is not None:
            base = case.nms_bw
        else:
            base = case.crm_bw or case.plan_bw or 4.0
        if name == "measured_bw":
            return [(format_bandwidth(base * 0.5), base * 0.5), (format_bandwidth(base), base)]
        values = [base] if name in ("crm_bw", "plan_bw") and not (case.crm_bw or case.nms_bw) else \
            [base, base / 2, base * 2]
        return [(format_bandwidth(v), v) for v in dict.fromkeys(values)]
    if spec.kind == "date":
        return [("11月20日", "11月20日")]
    edges = {"ping_ms": (t["ping_ms_max"] / 2, t["ping_ms_max"] * 2), "loss_pct": (0.0, t["loss_pct_max"] * 2),
             "rx_power_dbm": ((t["rx_power_min_dbm"] + t["rx_power_max_dbm"]) / 2, t["rx_power_min_dbm"] - 3),
             "session_minutes": (30.0, t["forced_redial_minutes"] + 60),
             "download_kBps": (((case.crm_bw or case.plan_bw or 4.0) * K_PER_M / 8) * 0.5,
                               (case.crm_bw or case.plan_bw or 4.0) * K_PER_M / 8)}
    if name in edges:
        return [(f"{v:g}", v) for v in edges[name]]
    if spec.range:
        return [(f"{v:g}", v) for v in spec.range]
    return []
