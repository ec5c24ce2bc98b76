"""A diagnosis as readable Chinese text or as tables, for the terminal."""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from faultdx.facts import FIELD_LABELS, display_value
from faultdx.kb import SIDE_LABELS
from faultdx.phrasebook import AUDIENCE_LABELS
from faultdx.result import Diagnosis, Firing, Question, Step

if TYPE_CHECKING:  # data classes only: render never calls into a consultation
    from faultdx.consult import Change, Explanation, Why


def question_line(question: Question) -> str:
    choices = " | ".join(label for _, label in question.choices)
    return f"{question.prompt}  (查看: {question.where})" + (f"  [{choices}]" if choices else "")


def known_line(facts: dict) -> str:
    """The known facts as labelled values: 帐号状态=在线;错误代码=691."""
    return ";".join(f"{FIELD_LABELS[k]}={value_label(k, v)}" for k, v in facts.items())


def evidence_lines(reading) -> list[str]:
    """What was read from the ticket text, each fact with the words it was read from."""
    if reading is None or not (reading.evidence or reading.warnings):
        return []
    lines = ["从工单读到:"] + [f"  {e.describe()}" for e in reading.evidence]
    return lines + [f"  注意: {w}" for w in reading.warnings]


def format_text(result: Diagnosis, why: bool = False, skipped: frozenset[str] = frozenset(), reading=None) -> str:
    """The result as a support engineer reads it on the phone; ``skipped`` questions were answered 不清楚.

    With ``why``, also what was read from the ticket text (``reading``), how figures became states, and the trace.
    """
    lines = [f"故障类别: {result.category_label} ({result.category})"]
    if result.facts:
        lines.append("已知情况: " + known_line(result.facts))
    if result.conflicts:
        lines.append("矛盾,请复核:")
        lines += [f"  ! {c.text}(复核: {'、'.join(FIELD_LABELS[k] for k in c.recheck)})" for c in result.conflicts]
    if result.candidates:
        lines.append("可能的类别(未确认,按证据多少排列;回答“待确认”的问题后再归类):")
        lines += [f"  - {c.label} ({c.category}) ← {'、'.join(c.evidence)}" for c in result.candidates]
    if result.findings:
        lines.append("判断:")
        lines += [f"  - {f.text}" for f in result.findings]
    if result.causes:
        lines.append("原因:")
        lines += [f"  - {c.text}" + ("(可能)" if c.likely else "") + f" [{SIDE_LABELS[c.side]}]" for c in result.causes]
    if result.steps:
        lines.append("处理步骤与用语:")
        lines += [f"  {i}. {_step_line(s)}" for i, s in enumerate(result.steps, 1)]
    if result.phrasing:
        lines.append("服务用语:")
        lines += [f"  - [{AUDIENCE_LABELS[s.audience]}] {s.text}  ‹{s.phrase_id}›" for s in result.phrasing]
    if result.questions:
        lines.append("待确认:")
        lines += [f"  ? {question_line(q)}" + (" —— 已答不清楚" if q.key in skipped else "") for q in result.questions]
    lines += [f"注意: {w}" for w in result.warnings]
    if why:
        if reading is not None and (reading.evidence or reading.warnings):
            lines += [""] + evidence_lines(reading)
        if result.abstractions:
            lines += ["", "数据抽象(数值 → 状态):"] + [f"  {a}" for a in result.abstractions]
        lines += ["", "推理过程:", format_trace(result)]
    return "\n".join(lines)


def format_trace(result: Diagnosis, tablefmt: str = "simple") -> str:
    from tabulate import tabulate
    rows = [(i, f.rule, f.description, "\n".join(f.facts)) for i, f in enumerate(result.fired, 1)]
    return tabulate(rows, headers=["#", "规则", "说明", "依据的事实"], tablefmt=tablefmt)


def value_label(field: str, value) -> str:
    """A case field's value as the support engineer would say it."""
    return display_value(field, value)


# --- the guided consultation -----------------------------------------------------------

HINTS = {"codes": "或直接输入错误代码(多个用逗号分隔,如 691,678)", "bandwidth": "输入带宽并带单位,如 4M、512K、1G",
         "number": "输入数字", "date": "输入日期,如 11月20日 或 11-20", "enum": "或输入选项名称",
         "multi": "或输入选项名称(多个用逗号分隔)", "bool": "或输入 是/否"}
def hint(question: Question) -> str:
    """How to answer ``question``, in words."""
    numbered = f"输入序号 1–{len(question.choices) + 1}," if question.choices else ""
    unit = f"(单位 {question.unit})" if question.unit else ""
    return numbered + HINTS[question.kind] + unit


CONSULT_HELP = "  回答: 序号或内容 · 不清楚 跳过此问 · ? 为什么问 · back 撤销上一个回答 · how 结论依据 · q 结束"


def format_opening(result: Diagnosis, reading=None) -> str:
    """What a consultation starts from (with what was read from the ticket, word by word), and what is concluded."""
    known = known_line(result.facts) or "(无)"
    lines = ["faultdx 引导诊断", CONSULT_HELP, f"已知情况: {known}", *evidence_lines(reading)]
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
    facts = ", ".join(firing.facts)
    return f"{firing.rule}: {firing.description}" + (f" [{facts}]" if facts else "")


def format_consult_result(result: Diagnosis, skipped: frozenset[str] = frozenset()) -> str:
    """The end of a consultation: the diagnosis, with what stayed unknown (``skipped``: answered 不清楚)."""
    return "\n".join(["", "════ 诊断结果 ════", format_text(result, skipped=skipped)])


def format_notes(result: Diagnosis) -> str:
    """A short plain-text summary of a consultation's result to paste into the ticket's handling notes."""
    lines = [f"【faultdx引导诊断】{result.category_label}"]
    if result.facts:
        lines.append("已查明: " + known_line(result.facts))
    if result.causes:
        lines.append("原因: " + ";".join(c.text + ("(待确认)" if c.likely else "") for c in result.causes))
    lines += [f"{i}. {s.text}" for i, s in enumerate(result.steps, 1)]
    if result.questions:
        lines.append("待查: " + ";".join(f"{q.prompt}({q.where})" for q in result.questions))
    return "\n".join(lines)


def _step_line(step: Step) -> str:
    mark = f"  ‹{step.phrase_id}›" if step.phrase_id else f"  ‹内部,来源: {step.source}›" if step.source else ""
    return f"[{AUDIENCE_LABELS[step.audience]}] {step.text}" + mark


def _short(text: str, width: int = 30) -> str:
    """``text`` cut to about ``width`` characters' worth of terminal columns (a Chinese character takes two)."""
    columns, limit = 0, 2 * width
    for index, char in enumerate(text):
        columns += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if columns > limit:
            return text[:index] + "…"
    return text


# --- the knowledge base described ------------------------------------------------------

def format_rules(infos) -> str:
    """Rules as a table: id, the phrasebook item or source, what it does, the phrases it says."""
    from tabulate import tabulate
    rows = [(r.id, "\n".join(r.items) or f"来源: {r.source}", r.description, " ".join(r.phrases)) for r in infos]
    return tabulate(rows, headers=["规则", "手册条目/来源", "说明", "用语"], maxcolwidths=[None, 28, 40, 24])


CHECK_KINDS = {"rule": "规则", "source": "规则来源", "item": "条目覆盖", "phrase": "用语使用", "placeholder": "占位符",
               "contradiction": "矛盾用语", "dead_end": "问题无去处", "spec": "与手册原文"}


def format_check(report) -> str:
    """The self-check: the coverage table (item → rules → phrases → tests), then every problem found."""
    from tabulate import tabulate
    rows = []
    for row in report.coverage:
        if row["not_expressible"]:
            rules = f"无法表达: {row['not_expressible']}"
        elif row["implemented_by"]:
            rules = row["implemented_by"]
        else:
            rules = " ".join(row["rules"]) or "—"
        rows.append((row["item"], row["title"], rules, " ".join(row["phrases"]) or "—", len(row["tests"]) or "—"))
    lines = [tabulate(rows, headers=["条目", "内容", "规则", "用语", "测试"], maxcolwidths=[None, 22, 40, 24, None]), ""]
    expressible = [r for r in report.coverage if not r["not_expressible"]]
    lines.append(f"条目 {len(report.coverage)} 项:可表达 {len(expressible)},无法表达 "
                 f"{len(report.coverage) - len(expressible)};探索了 {report.cases} 种情况")
    if report.ok:
        lines.append("自检通过:未发现问题")
    else:
        lines.append(f"发现 {len(report.problems)} 个问题:")
        lines += [f"  [{CHECK_KINDS.get(p.kind, p.kind)}] {p.where}: {p.message}" for p in report.problems]
    return "\n".join(lines)


def format_evaluation(evaluation, misses: bool = False) -> str:
    """Category accuracy, fact precision and recall per field, and the confusion table."""
    from tabulate import tabulate
    from faultdx.kb import CATEGORIES, CATEGORY_LABELS
    lines = [f"工单 {len(evaluation.rows)} 条:类别准确率 {evaluation.accuracy:.1%};"
             f"事实精确率 {evaluation.precision():.1%},召回率 {evaluation.recall():.1%}",
             f"(未能归类的工单按其首选的可能类别计:类别准确率 {evaluation.accuracy_with_candidates:.1%})", ""]
    rows = [(name, FIELD_LABELS[name], f"{evaluation.precision(name):.0%}", f"{evaluation.recall(name):.0%}",
             evaluation.tp[name], evaluation.fp[name], evaluation.fn[name]) for name in evaluation.fields()]
    lines.append(tabulate(rows, headers=["字段", "名称", "精确率", "召回率", "读对", "读错", "漏读"]))
    used = [c for c in CATEGORIES if any(c in pair for pair in evaluation.confusion)]
    table = [[CATEGORY_LABELS[e]] + [evaluation.confusion[(e, p)] or "" for p in used] for e in used]
    lines += ["", "混淆表(行:标注类别,列:诊断类别):",
              tabulate(table, headers=["标注\\诊断"] + [CATEGORY_LABELS[c] for c in used])]
    if misses:
        lines += ["", "未读对的工单:"]
        for row in evaluation.rows:
            if row.expected != row.predicted or row.missed or row.wrong:
                lines.append(f"  {row.id} [{row.expected}→{row.predicted}] 漏读 {row.missed or '-'} 读错 {row.wrong or '-'}"
                             f" | {row.text[:80]}")
    lines += [f"注意: {e}" for e in evaluation.errors]
    return "\n".join(lines)
