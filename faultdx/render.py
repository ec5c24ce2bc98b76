"""A diagnosis as readable Chinese text or as tables, for the terminal."""
from __future__ import annotations

from tabulate import tabulate

from faultdx.facts import format_bandwidth, vocabulary_of
from faultdx.phrasebook import AUDIENCE_LABELS
from faultdx.result import Diagnosis, Question

FIELD_LABELS = {
    "error_codes": "错误代码", "complaints": "故障现象", "service": "业务类型", "account_status": "帐号状态",
    "arrears_paid": "已缴清欠费", "retry_failed": "处理后仍报691", "bims_adsl_lock": "BIMS ADSL市话加锁",
    "modem_sync": "用户端MODEM同步", "exchange_sync": "局端挂测同步", "port_alarm": "端口告警",
    "port_config_ok": "端口数据配置正常", "crm_bw": "CRM带宽", "nms_bw": "网管带宽", "user_encoding_ok": "上网编码一致",
    "mismatch_reason": "带宽不一致原因", "order_date": "改速率订单日期", "line_quality_ok": "线路质量达标",
    "attenuation_db": "衰减(dB)", "noise_margin_db": "噪声容限(dB)", "ping_ms": "PING DNS时延(ms)",
    "loss_pct": "掉包率(%)", "download_kBps": "下载速度(KB/s)", "sync_at_drop": "掉线时MODEM同步",
    "stage": "流程环节", "exchange_data_ok": "局端数据正常", "bims_account_ok": "BIMS帐号正常",
    "exchange_done": "局端处理已完成",
}


def question_line(question: Question) -> str:
    choices = " | ".join(label for _, label in question.choices)
    return f"{question.prompt}  (查看: {question.where})" + (f"  [{choices}]" if choices else "")


def format_text(result: Diagnosis, why: bool = False) -> str:
    """The result as a support engineer reads it on the phone."""
    lines = [f"故障类别: {result.category_label} ({result.category})"]
    if result.facts:
        lines.append("已知情况: " + ";".join(f"{FIELD_LABELS[k]}={_value(k, v)}" for k, v in result.facts.items()))
    if result.findings:
        lines.append("判断:")
        lines += [f"  - {f.text}" for f in result.findings]
    if result.causes:
        lines.append("原因:")
        lines += [f"  - {c.text}" + ("(可能)" if c.likely else "") for c in result.causes]
    if result.steps:
        lines.append("处理步骤与用语:")
        lines += [f"  {i}. [{AUDIENCE_LABELS[s.audience]}] {s.text}" + (f"  ‹{s.phrase_id}›" if s.phrase_id else "")
                  for i, s in enumerate(result.steps, 1)]
    if result.phrasing:
        lines.append("服务用语:")
        lines += [f"  - [{AUDIENCE_LABELS[s.audience]}] {s.text}  ‹{s.phrase_id}›" for s in result.phrasing]
    if result.questions:
        lines.append("待确认:")
        lines += [f"  ? {question_line(q)}" for q in result.questions]
    lines += [f"注意: {w}" for w in result.warnings]
    if why:
        lines += ["", "推理过程:", format_trace(result)]
    return "\n".join(lines)


def format_trace(result: Diagnosis, tablefmt: str = "simple") -> str:
    rows = [(i, f.rule, f.description, "\n".join(f.facts)) for i, f in enumerate(result.fired, 1)]
    return tabulate(rows, headers=["#", "规则", "说明", "依据的事实"], tablefmt=tablefmt)


def _value(field: str, value) -> str:
    vocabulary = vocabulary_of(field)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple):
        return ",".join(vocabulary[v][0] if v in vocabulary else str(v) for v in value)
    if field in ("crm_bw", "nms_bw"):
        return format_bandwidth(value)
    if isinstance(value, float):
        return f"{value:g}"
    return vocabulary[value][0] if value in vocabulary else str(value)
