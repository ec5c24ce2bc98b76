"""On a real terminal (pexpect + pyte): line editing at the consult prompt, the progress bar of triage."""
import io
import os
import sys
from pathlib import Path

import pexpect
import pyte

from edges import big_export

FAULTDX = str(Path(sys.executable).parent / "faultdx")


def spawn(tmp_path, *args, columns=120, rows=60):
    env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    env.pop("COLUMNS", None)
    child = pexpect.spawn(FAULTDX, list(args), env=env, cwd=str(tmp_path), encoding="utf-8",
                          dimensions=(rows, columns), timeout=120)
    screen = pyte.Screen(columns, rows)
    return child, screen, pyte.Stream(screen)


def test_readline_edits_chinese_and_arrow_keys_do_not_type_escapes(tmp_path):
    child, screen, stream = spawn(tmp_path, "consult", "--error-code", "691")
    child.expect(r"\n> ")
    stream.feed(child.before + child.after)
    child.send("在在\x7f线")       # Backspace over a wide character, as a person would fix a typo
    child.send("\x1b[A\x1b[B")   # Up and Down: history keys, not text
    child.send("\r")
    child.expect(r"\n> ")
    stream.feed(child.before + child.after)
    lines = [line.rstrip() for line in screen.display]
    assert "> 在线" in lines and "  ✓ 帐号状态 = 在线" in lines
    assert not any("^[[A" in line or "\\x1b[A" in line for line in lines)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_progress_bar_on_a_terminal(tmp_path):
    source = big_export(tmp_path / "big.csv", 60000)
    child, screen, stream = spawn(tmp_path, "triage", str(source), "-o", str(tmp_path / "out.jsonl"), "-j", "1")
    child.logfile_read = io.StringIO()
    child.expect("100%")
    child.expect(pexpect.EOF)
    output = child.logfile_read.getvalue()
    child.close()
    assert child.exitstatus == 1  # the sample's two bad rows, repeated
    assert "分诊" in output and "行/秒" in output and "%" in output
    assert "共 60,000 行" in output and "结果已写入" in output
