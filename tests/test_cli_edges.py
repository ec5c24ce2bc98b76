"""The command line for the people who use it (UX audit) and its exit statuses (reliability audit DX/CO/LINT rows)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from wcwidth import wcswidth

from edges import SAMPLES, one_clean_line, run, text
from faultdx.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_cli_symlink_is_the_top_level_cli():
    """faultdx/cli.py is a symlink to ../cli.py on purpose (the card wants a top-level cli.py); see README."""
    assert (ROOT / "faultdx" / "cli.py").is_symlink()
    assert (ROOT / "faultdx" / "cli.py").resolve() == (ROOT / "cli.py").resolve()


def test_version_and_python_dash_m(tmp_path):
    assert run("--version").stdout.decode().startswith("faultdx ")
    module = subprocess.run([sys.executable, "-m", "faultdx", "--version"], capture_output=True, cwd=tmp_path)
    assert module.returncode == 0 and module.stdout.decode().startswith("faultdx ")


def test_help_is_chinese_with_examples_and_exit_statuses(invoke):
    top = invoke("--help").output
    assert "用法:" in top and "选项:" in top and "命令:" in top and "退出状态" in top
    for command in ("triage", "diagnose", "consult", "lint", "rules", "phrases"):
        helped = invoke(command, "--help")
        assert helped.exit_code == 0 and "用法:" in helped.output and "显示本帮助并退出" in helped.output
    assert "示例" in invoke("triage", "--help").output


def test_usage_errors_are_chinese_one_line_and_exit_2(invoke):
    result = invoke("diagnos")
    assert result.exit_code == 2 and "没有命令 'diagnos'" in result.stderr and "diagnose" in result.stderr
    bad = invoke("triage", SAMPLES / "tickets.csv", "--format", "bogus")
    assert bad.exit_code == 2 and "不是" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("flag", ["--notes", "--how", "--save=x.json"])
def test_diagnose_options_that_need_interactive_say_so(flag, invoke):
    result = invoke("diagnose", "--error-code", "691", flag)
    assert result.exit_code == 2 and "-i/--interactive" in result.stderr


def test_text_dash_reads_the_ticket_from_stdin(invoke):
    result = invoke("diagnose", "-t", "-", "--format", "json", input="用户报691错误,帐号在线")
    assert result.exit_code == 0 and json.loads(result.output)["facts"]["account_status"] == "online"


@pytest.mark.parametrize("args,word", [
    (["--crm-bw", "9" * 400], "数值超出范围"),                           # DX-INF-BW
    (["--order-date", "2-30", "--crm-bw", "4M", "--nms-bw", "2M", "--mismatch-reason", "改速率订单"], "不是存在的日期"),
    (["--error-code", "٣"], "0–9 以外的数字"), (["--error-code", "９９９"], None),  # DX-ODD-NUM: full-width is fine
    (["--ping-ms", "1_000"], "含 _"),
    (["--crm-bw", "0.0000001M"], "不小于 64K"), (["--nms-bw", "0K"], "数值超出范围")])  # DX-ODD-NUM: tiny bandwidths
def test_dx_figures_that_cannot_be_true_exit_2(args, word, invoke):
    result = invoke("diagnose", *args, "--format", "json")
    if word is None:
        assert result.exit_code == 0
    else:
        assert result.exit_code == 2 and word in result.stderr


def test_json_output_is_strict(invoke):
    out = invoke("diagnose", "--crm-bw", "4M", "--nms-bw", "2M", "--complaint", "网速慢", "--format", "json").output
    json.loads(out, parse_constant=lambda name: pytest.fail(name))


def test_lint_binary_file_is_exit_2(tmp_path):
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\x91\xff\x00" * 100)
    result = run("lint", "-f", garbage)
    assert result.returncode == 2 and "UTF-8" in one_clean_line(result)


# --- consult ---------------------------------------------------------------------------------

def consult(answers, *args):
    return run("consult", *args, input="".join(f"{a}\n" for a in answers).encode("utf-8", "surrogateescape"))


def test_co_invalid_utf8_answer_is_not_echoed_raw():
    result = run("consult", "--error-code", "691", input=b"\xff\xfe\x80\n3\n")
    assert b"\xff" not in result.stdout and "无法识别" in text(result)[0] and result.returncode == 2


def test_co_long_answer_is_echoed_short():
    result = run("consult", "--error-code", "691", input=b"x" * 10_000_000 + b"\nq\n")
    assert len(result.stdout) < 20000 and "共 10000000 字" in text(result)[0]


def test_co_long_digits_are_refused_not_infinity():
    result = run("consult", "--complaint", "网速慢", "--crm-bw", "4M", input=b"9" * 10_000_000 + b"\nq\n")
    out = text(result)[0]
    assert "infM" not in out and "数值超出范围" in out and result.returncode == 2


def test_co_typed_escape_sequences_are_shown_escaped():
    result = consult(["\x1b]0;PWN\x07\x1b[2J", "q"], "--error-code", "691")
    assert b"\x1b" not in result.stdout and "\\x1b]0;PWN\\x07" in text(result)[0]


def test_co_save_empty_name_is_exit_2():
    result = run("consult", "--error-code", "691", "--save", "", input=b"")
    assert result.returncode == 2 and "文件名为空" in one_clean_line(result)


def test_the_question_is_shown_again_after_why_how_and_help(invoke):
    result = invoke("consult", "--error-code", "691", input="?\nhow\nhelp\n3\nq\n")
    assert result.output.count("[问题 1] 预处理系统中该帐号的状态是什么?") == 4


def test_save_and_notes_are_written(tmp_path, invoke):
    saved = tmp_path / "c.json"
    result = invoke("consult", "--error-code", "691", "--notes", "--save", saved, input="3\n1\n")
    assert result.exit_code == 0 and "---- 处理记录 ----" in result.output
    assert json.loads(saved.read_text())["answers"][0]["value"] == "online"


# --- triage presentation -----------------------------------------------------------------------

def test_table_fits_the_terminal_width():
    for columns in (80, 120):
        result = run("triage", SAMPLES / "tickets.csv", "--format", "table", "-q", env={"COLUMNS": str(columns)})
        widths = [wcswidth(line) for line in text(result)[0].splitlines()]
        assert max(widths) <= columns and len(widths) > 100


def test_summary_only_as_json_with_percentages_and_error_reasons(tmp_path):
    result = run("triage", SAMPLES / "tickets.csv", "--summary-only", "--format", "json")
    summary = json.loads(result.stdout)
    assert summary["rows"] == 39 and summary["by_status"]["error"] == {"count": 2, "percent": 5.1}
    assert {e["kind"] for e in summary["errors"]} == {"no_text", "bad_value"}
    assert sum(c["count"] for c in summary["by_category"]) == 39 and result.returncode == 1
    out = tmp_path / "sum.json"
    written = run("triage", SAMPLES / "tickets.csv", "--summary-only", "-o", out)
    assert written.stdout == b"" and json.loads(out.read_text())["rows"] == 39


def test_text_summary_has_percentages_reasons_and_where_the_output_went(tmp_path):
    result = run("triage", SAMPLES / "tickets.csv", "-o", tmp_path / "o.csv", "-j", "1")
    err = text(result)[1]
    for word in ("占比", "出错原因", "结构化列的值无效", "没有可诊断的内容", "结果已写入", "5.1%"):
        assert word in err


def test_csv_headers_are_chinese_with_category_label_and_code():
    out = run("triage", SAMPLES / "tickets.csv", "--format", "csv", "-q").stdout.decode("utf-8-sig")
    header, first = out.splitlines()[:2]
    assert header.startswith("工单号,行号,状态,错误,故障类别,类别代码,原因,处理步骤")
    assert ",拨号认证类,dial_auth," in first


def test_an_unexpected_error_is_one_line_and_a_masked_report(monkeypatch, tmp_path):
    import faultdx.cli as cli

    def broken(*args, **kwargs):
        raise RuntimeError("密码:Sx9secret went wrong")
    monkeypatch.setattr("faultdx.triage.triage", broken)  # the CLI imports it when the command runs
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.delenv("FAULTDX_TRACEBACK", raising=False)
    result = CliRunner().invoke(main, ["triage", str(SAMPLES / "tickets.csv"), "-q"])
    assert result.exit_code == 70 and "内部错误" in result.stderr and result.stderr.count("\n") == 1
    report = next(tmp_path.glob("faultdx-crash-*.txt")).read_text()
    assert "RuntimeError" in report and "Sx9secret" not in report and "Traceback" not in result.stderr


def test_a_fault_on_one_row_is_that_row_error_and_the_others_are_triaged(monkeypatch, tmp_path):
    import faultdx.reader
    real = faultdx.reader.read

    def broken_on_one(text, values=None):
        if "坏行" in (text or ""):
            raise RuntimeError("密码:Sx9secret went wrong")
        return real(text, values)
    monkeypatch.setattr("faultdx.triage.read", broken_on_one)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.delenv("FAULTDX_TRACEBACK", raising=False)
    path = tmp_path / "t.csv"
    path.write_text("工单号,故障现象\nA,用户报691错误\nB,坏行 网速慢\nC,坏行 经常掉线\nD,无法上网\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["triage", str(path), "-j", "1", "-q"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["ticket_id"] for r in records] == ["A", "B", "C", "D"] and result.exit_code == 1
    assert [r["error_kind"] for r in records] == [None, "internal", "internal", None]
    assert records[1]["error"].startswith(f"{path}:2: 内部错误") and "\n" not in records[1]["error"]
    reports = list(tmp_path.glob("faultdx-crash-*.txt"))
    assert len(reports) == 2 and all(str(r) in rec["error"] for r, rec in zip(sorted(reports, key=lambda r: r.stat().st_mtime_ns), records[1:3]))
    assert all("RuntimeError" in r.read_text() and "Sx9secret" not in r.read_text() for r in reports)
    assert "Traceback" not in result.stderr
