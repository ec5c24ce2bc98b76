"""A diagnosis as readable Chinese text or as tables, for the terminal."""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from tabulate import tabulate

from faultdx.facts import format_bandwidth, vocabulary_of
from faultdx.phrasebook import AUDIENCE_LABELS
from faultdx.result import Diagnosis, Firing, Question, Step

if TYPE_CHECKING:  # data classes only: render never calls into a consultation
    from faultdx.consult import Change, Explanation, Why

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


def format_text(result: Diagnosis, why: bool = False, skipped: frozenset[str] = frozenset()) -> str:
    """The result as a support engineer reads it on the phone; ``skipped`` questions were answered 不清楚."""
    lines = [f"故障类别: {result.category_label} ({result.category})"]
    if result.facts:
        lines.append("已知情况: " + ";".join(f"{FIELD_LABELS[k]}={value_label(k, v)}" for k, v in result.facts.items()))
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
        lines += [f"  ? {question_line(q)}" + (" —— 已答不清楚" if q.key in skipped else "") for q in result.questions]
    lines += [f"注意: {w}" for w in result.warnings]
    if why:
        lines += ["", "推理过程:", format_trace(result)]
    return "\n".join(lines)


def format_trace(result: Diagnosis, tablefmt: str = "simple") -> str:
    rows = [(i, f.rule, f.description, "\n".join(f.facts)) for i, f in enumerate(result.fired, 1)]
    return tabulate(rows, headers=["#", "规则", "说明", "依据的事实"], tablefmt=tablefmt)


def value_label(field: str, value) -> str:
    """A case field's value as the support engineer would say it."""
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


# --- the guided consultation -----------------------------------------------------------

HINTS = {"codes": "或直接输入错误代码(多个用逗号分隔,如 691,678)", "bandwidth": "输入带宽并带单位,如 4M、512K、1G",
         "number": "输入数字", "date": "输入日期,如 11月20日 或 11-20", "enum": "或输入选项名称",
         "bool": "或输入 是/否"}
def hint(question: Question) -> str:
    """How to answer ``question``, in words."""
    numbered = f"输入序号 1–{len(question.choices) + 1}," if question.choices else ""
    unit = f"(单位 {question.unit})" if question.unit else ""
    return numbered + HINTS[question.kind] + unit


CONSULT_HELP = "  回答: 序号或内容 · 不清楚 跳过此问 · ? 为什么问 · back 撤销上一个回答 · how 结论依据 · q 结束"


def format_opening(result: Diagnosis) -> str:
    """What a consultation starts from, and what is concluded already."""
    known = ";".join(f"{FIELD_LABELS[k]}={value_label(k, v)}" for k, v in result.facts.items()) or "(无)"
    lines = ["faultdx 引导诊断", CONSULT_HELP, f"已知情况: {known}"]
    if result.category != "unknown":
        lines.append(f"当前判断: {result.category_label}")
    lines += [f"  {_step_line(s)}" for s in result.steps]
    return "\n".join(lines)


def format_question(question: Question, number: int) -> str:
    lines = [f"", f"[问题 {number}] {question.prompt}", f"  查看: {question.where}"]
    if question.phrase_text:
        lines.append(f"  用语: {question.phrase_text}  ‹{question.phrase_id}›")
    if question.choices:
        lines.append("  " + "   ".join(f"{i} {label}" for i, (_, label) in
                                       enumerate((*question.choices, (None, "不清楚")), 1)))
    else:
        lines.append(f"  {hint(question)};不清楚请输入 不清楚")
    return "\n".join(lines)


def format_change(key: str, value, change: "Change") -> str:
    """What one answer recorded and what it changed in the diagnosis."""
    lines = [f"  ✓ {FIELD_LABELS[key]} = " + ("不清楚" if value is None else value_label(key, value))]
    lines += _change_lines(change)
    if len(lines) == 1:
        lines.append("  (暂无新结论)")
    return "\n".join(lines)


def format_back(key: str | None, value, change: "Change | None") -> str:
    if change is None:
        return "  没有可撤销的回答"
    lines = [f"  ↶ 已撤销: {FIELD_LABELS[key]} = " + ("不清楚" if value is None else value_label(key, value))]
    return "\n".join(lines + _change_lines(change))


def _change_lines(change: "Change") -> list[str]:
    lines = []
    if change.category_changed:
        lines.append(f"  → 故障类别: {change.after.category_label}")
    lines += [f"  + 判断: {f.text}" for f in change.new_findings]
    lines += [f"  + 原因: {c.text}" + ("(可能)" if c.likely else "") for c in change.new_causes]
    lines += [f"  − 原因不再成立: {c.text}" for c in change.dropped_causes]
    lines += [f"  + {_step_line(s)}" for s in change.new_steps]
    lines += [f"  − 步骤撤回: {_short(s.text)}" + (f"  ‹{s.phrase_id}›" if s.phrase_id else "")
              for s in change.dropped_steps]
    return lines


def format_why(why: "Why") -> str:
    """Why a question is asked: the rules waiting for it and what each answer would conclude."""
    lines = [f"为什么问「{why.question.prompt}」", "  等待这个回答的规则:"]
    lines += [f"    {rule_id} — {description}" for rule_id, description in why.waiting]
    if why.outcomes:
        lines.append("  各个回答会得出:")
        for number, outcome in enumerate(why.outcomes, 1):
            prefix = f"{number} {outcome.label}" if why.question.choices else f"若为 {outcome.label}"
            lines.append(f"    {prefix} → {_outcome_text(outcome.change)}")
    if why.question.choices:
        lines.append(f"    {len(why.question.choices) + 1} 不清楚 → 跳过此问,继续其它分支")
    return "\n".join(lines)


def _outcome_text(change: "Change") -> str:
    parts = []
    if change.category_changed:
        parts.append(f"类别 {change.after.category_label}")
    parts += [f"判断 {f.text}" for f in change.new_findings]
    parts += [f"原因 {c.text}" + ("(可能)" if c.likely else "") for c in change.new_causes]
    parts += [f"不再是 {c.text}" for c in change.dropped_causes]
    parts += [f"步骤 ‹{s.phrase_id}›" if s.phrase_id else f"步骤 {_short(s.text)}" for s in change.new_steps]
    parts += [f"再问 {q.prompt}" for q in change.new_questions]
    if not parts and change.new_rules:
        parts.append("规则 " + "、".join(change.new_rules))
    return ";".join(parts) or "暂无新结论"


def format_how(explanations: "tuple[Explanation, ...]") -> str:
    """Each conclusion with the rules that fired for it and the facts that made them fire."""
    kinds = {"category": "故障类别", "cause": "原因", "step": "步骤", "phrasing": "服务用语"}
    lines = ["推理依据(结论 ← 规则: 说明 [依据的事实]):"]
    for explanation in explanations:
        lines.append(f"  {kinds[explanation.kind]}: {_short(explanation.text, 40)}")
        lines += [f"    ← {_firing_text(f)}" for f in explanation.chain]
    return "\n".join(lines)


def _firing_text(firing: Firing) -> str:
    facts = ", ".join(f for f in firing.facts if f != "InitialFact()")
    return f"{firing.rule}: {firing.description}" + (f" [{facts}]" if facts else "")


def format_consult_result(result: Diagnosis, skipped: frozenset[str] = frozenset()) -> str:
    """The end of a consultation: the diagnosis, with what stayed unknown (``skipped``: answered 不清楚)."""
    return "\n".join(["", "════ 诊断结果 ════", format_text(result, skipped=skipped)])


def format_notes(result: Diagnosis) -> str:
    """A short plain-text summary of a consultation's result to paste into the ticket's handling notes."""
    lines = [f"【faultdx引导诊断】{result.category_label}"]
    if result.facts:
        lines.append("已查明: " + ";".join(f"{FIELD_LABELS[k]}={value_label(k, v)}" for k, v in result.facts.items()))
    if result.causes:
        lines.append("原因: " + ";".join(c.text + ("(待确认)" if c.likely else "") for c in result.causes))
    lines += [f"{i}. {s.text}" for i, s in enumerate(result.steps, 1)]
    if result.questions:
        lines.append("待查: " + ";".join(f"{q.prompt}({q.where})" for q in result.questions))
    return "\n".join(lines)


def _step_line(step: Step) -> str:
    return f"[{AUDIENCE_LABELS[step.audience]}] {step.text}" + (f"  ‹{step.phrase_id}›" if step.phrase_id else "")


def _short(text: str, width: int = 30) -> str:
    """``text`` cut to about ``width`` characters' worth of terminal columns (a Chinese character takes two)."""
    columns, limit = 0, 2 * width
    for index, char in enumerate(text):
        columns += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if columns > limit:
            return text[:index] + "…"
    return text
