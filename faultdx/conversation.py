"""The guided consultation as a dialogue over lines of text: ask, read, answer, explain, undo.

``converse(consultation, read, write)`` holds a ``faultdx.consult.Consultation`` until nothing is left
to ask, ``q``, end of input or Ctrl-C.  ``interpret`` reads one typed line as a numbered choice, a
label, a value, 不清楚 or a command.  What a person typed is echoed only masked (passwords), with
control characters escaped and shortened.  When the answers are piped in (``interactive`` False),
an answer that is refused stops the dialogue ("refused") instead of letting every later line answer
the wrong question.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

from faultdx.consult import Consultation
from faultdx.display import safe_text
from faultdx.facts import FactError, fold, normalise
from faultdx.render import (CONSULT_HELP, format_back, format_change, format_consult_result, format_how,
                            format_opening, format_question, format_why, hint)
from faultdx.result import Question

UNKNOWN_LABEL = "不清楚"
SKIP_WORDS = frozenset({"不清楚", "不知道", "未知", "skip", "s"})
COMMANDS = {"?": "why", "why": "why", "为什么": "why", "how": "how", "依据": "how", "back": "back", "b": "back",
            "撤销": "back", "返回": "back", "q": "quit", "quit": "quit", "exit": "quit", "结束": "quit",
            "退出": "quit", "help": "help", "h": "help", "帮助": "help"}
ECHO_LIMIT = 40  # characters of a refused answer shown back
FINAL_PROMPT = "输入 how 查看每个结论的依据,back 撤销上一个回答,直接回车结束"


@dataclass(frozen=True)
class Reply:
    """What a line typed at a question means: a command, 不清楚, a value for the field, or an error."""
    command: str | None = None
    skip: bool = False
    value: Any = None
    error: str | None = None


def interpret(question: Question, typed: str) -> Reply:
    """Read one line typed at ``question``: a numbered choice, a label, a value, 不清楚, or a command."""
    key = fold(typed)
    if not key:
        return Reply(error=f"请回答:{hint(question)};不清楚请输入 {UNKNOWN_LABEL}")
    if key in COMMANDS:
        return Reply(command=COMMANDS[key])
    choices = question.choices
    if key in SKIP_WORDS or (choices and key == str(len(choices) + 1)):
        return Reply(skip=True)
    chosen = next((value for number, (value, label) in enumerate(choices, 1)
                   if key in (str(number), fold(label))), None)
    shown = safe_text(typed.strip(), ECHO_LIMIT)
    try:
        value = normalise(question.key, chosen if chosen is not None else typed.strip())
    except FactError as exc:
        return Reply(error=f"无法识别“{shown}”:{exc.accepted};{hint(question)}")
    if isinstance(value, float) and not math.isfinite(value):
        return Reply(error=f"无法识别“{shown}”:数值超出范围;{hint(question)}")
    return Reply(value=value)


def converse(consultation: Consultation, read: Callable[[str], str | None], write: Callable[[str], None],
             interactive: bool = True) -> str:
    """Hold the consultation over lines of text until nothing is left to ask, q, end of input or Ctrl-C.

    ``read(prompt)`` returns the line typed, or None at end of input.  Returns how it ended:
    "done", "quit", "eof", "interrupt" or "refused" (a piped answer that does not fit); in every case
    the result so far has been written.
    """
    write(format_opening(consultation.result, consultation.reading))
    try:
        while True:
            question = consultation.next_question()
            if question is None:
                write(_result(consultation))
                if not _final_prompt(consultation, read, write):
                    return "done"
                continue
            number = len(consultation.answers) + 1
            write(format_question(question, number))
            ending = _ask(consultation, question, number, read, write, interactive)
            if ending:
                write(_result(consultation))
                return ending
    except KeyboardInterrupt:
        write(_result(consultation))
        return "interrupt"


def _result(consultation: Consultation) -> str:
    return format_consult_result(consultation.result, consultation.skipped)


def _ask(consultation: Consultation, question: Question, number: int, read, write, interactive: bool) -> str | None:
    """Read replies to one question until it is answered or undone; "quit", "eof" or "refused" ends the dialogue."""
    while True:
        line = read("> ")
        if line is None:
            return "eof"
        reply = interpret(question, line)
        if reply.error:
            write("  " + reply.error)
            if not interactive:
                write(f"  (回答来自管道或文件,第 {number} 个问题的回答无法识别,已停止;后面的回答不会错位)")
                return "refused"
            continue
        if reply.command == "quit":
            return "quit"
        if reply.command == "back":
            _back(consultation, write)
            return None
        if reply.command in ("why", "how", "help"):
            write({"why": lambda: format_why(consultation.why(question)),
                   "how": lambda: format_how(consultation.how()),
                   "help": lambda: CONSULT_HELP}[reply.command]())
            write(format_question(question, number))  # the question again: it has scrolled away
            continue
        value = None if reply.skip else reply.value
        change = consultation.skip(question.key) if reply.skip else consultation.answer(question.key, value)
        write(format_change(question.key, value, change))
        return None


def _back(consultation: Consultation, write) -> bool:
    last = consultation.answers[-1] if consultation.answers else None
    change = consultation.back()
    write(format_back(last.key if last else None, last.value if last else None, change))
    return change is not None


def _final_prompt(consultation: Consultation, read, write) -> bool:
    """After the result: how, or back to reopen the consultation (True); anything else ends it."""
    write(FINAL_PROMPT)
    while True:
        line = read("> ")
        command = COMMANDS.get(fold(line)) if line is not None else "quit"
        if command == "how":
            write(format_how(consultation.how()))
        elif command == "back":
            if _back(consultation, write):
                return True
        elif command in ("why", "help"):
            write("已没有待回答的问题。" + FINAL_PROMPT)
        else:
            return False
