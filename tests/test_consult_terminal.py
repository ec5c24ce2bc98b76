"""The real `faultdx consult` in a pseudo-terminal, its screen rendered by a terminal emulator (pyte)."""
import os
import signal
import sys
from pathlib import Path

import pexpect
import pyte
import pytest

COLUMNS, ROWS = 120, 200


def default_ctrl_c():
    """In the child: Ctrl-C does what it does at a terminal. A test run started in the background (``cmd &``
    without job control) ignores SIGINT, children inherit that, and Python then keeps ignoring it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Terminal:
    """A child process on a pty whose output is drawn on an emulated screen, as a person would see it."""

    def __init__(self, cwd, *args):
        env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
        # the installed console script, run outside the checkout so the installed package is the one used
        self.child = pexpect.spawn(str(Path(sys.executable).parent / "faultdx"), ["consult", *args], env=env,
                                   cwd=str(cwd), encoding="utf-8", dimensions=(ROWS, COLUMNS), timeout=60,
                                   preexec_fn=default_ctrl_c)
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.Stream(self.screen)

    def expect(self, pattern):
        self.child.expect(pattern)
        self.stream.feed(self.child.before + self.child.after)

    def wait_for_prompt(self):
        self.expect(r"\n> ")

    def lines(self):
        return [line.rstrip() for line in self.screen.display if line.strip()]

    def cursor_line(self):
        return self.screen.display[self.screen.cursor.y].rstrip()

    def finish(self):
        self.child.expect(pexpect.EOF)
        self.stream.feed(self.child.before)
        self.child.close()
        return self.child.exitstatus


@pytest.fixture
def terminal(tmp_path):
    terminals = []

    def start(*args):
        terminals.append(Terminal(tmp_path, *args))
        return terminals[-1]
    yield start
    for t in terminals:
        t.child.terminate(force=True)


def test_prompts_answers_and_ctrl_c_look_right_on_a_screen(terminal):
    term = terminal("--error-code", "691")
    term.wait_for_prompt()
    lines = term.lines()
    assert "[问题 1] 预处理系统中该帐号的状态是什么?" in lines
    assert "  1 欠费/停机   2 绑定   3 在线   4 正常   5 不清楚" in lines
    assert term.cursor_line() == ">" and term.screen.cursor.x == 2  # waiting right after "> "

    term.child.sendline("3")
    term.wait_for_prompt()
    lines = term.lines()
    assert "> 3" in lines  # the typed answer, echoed by the terminal
    assert "  ✓ 帐号状态 = 在线" in lines
    assert "[问题 2] 处理后(如踢下线并等待5分钟、改为不绑定)再拨号,是否还是报691?" in lines

    term.child.sendline("?")
    term.wait_for_prompt()
    assert "    1 是 → 步骤 ‹auth.7›" in term.lines()

    term.child.sendintr()
    assert term.finish() == 0
    lines = term.lines()
    assert "════ 诊断结果 ════" in lines
    assert not any("Traceback" in line or "Aborted" in line for line in lines)
    assert "  ? 处理后(如踢下线并等待5分钟、改为不绑定)再拨号,是否还是报691?  (查看: 请分公司让用户重新拨号)  [是 | 否]" in lines


def test_a_whole_consultation_to_its_end(terminal):
    term = terminal("--complaint", "网速慢")
    for answer in ("4M", "4M", "2"):  # CRM, 网管, 线路质量不达标
        term.wait_for_prompt()
        term.child.sendline(answer)
    term.expect("直接回车结束")
    term.wait_for_prompt()
    term.child.sendline("")
    assert term.finish() == 0
    text = "\n".join(term.lines())
    assert "线路质量问题:查CRM系统和网管带宽一致,为4M,用户线路质量不达标" in text
    assert "  ✓ 线路质量达标 = 不达标" in text


PENDING_CTRL_C = r"""
import os, signal, sys, threading
import readline  # noqa: F401  (input() waits in readline's select(), as at the consult prompt)
from faultdx.clikit import interruptible_prompt

def send_ctrl_c():
    # This thread takes the signal: Python's handler is tripped, but the select() the main thread waits in
    # is never interrupted -- what happens when a Ctrl-C comes just before select() starts to wait.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    threading.Event().wait(0.5)
    os.kill(os.getpid(), signal.SIGINT)

threading.Thread(target=send_ctrl_c, daemon=True).start()   # before the mask below, which it would inherit
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})    # the main thread: Ctrl-C goes to the other one
try:
    with interruptible_prompt() if sys.argv[1] == "guarded" else open(os.devnull):
        input("> ")
except KeyboardInterrupt:
    print("INTERRUPTED")
"""


def test_a_ctrl_c_that_does_not_interrupt_the_wait_is_still_acted_on():
    """Without the guard this child waits for a key forever (CPython 3.11's readline; checked when it was written)."""
    child = pexpect.spawn(sys.executable, ["-c", PENDING_CTRL_C, "guarded"], encoding="utf-8", timeout=5,
                          preexec_fn=default_ctrl_c)
    seen = child.expect(["INTERRUPTED", pexpect.TIMEOUT])
    child.close(force=True)
    assert seen == 0   # acted on within the timer's 0.2 s
