import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from faultdx.cli import main
from faultdx.config import Config
from faultdx.tickets import InputError, detect_encoding
from faultdx.triage import neutralise, resolve_columns, triage

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE_ROWS = 39


def run_triage(path, fmt="jsonl", **options):
    out = io.StringIO()
    summary = triage(str(path), out, fmt=fmt, config=Config(), **options)
    return summary, out.getvalue()


def records(path, **options):
    return [json.loads(line) for line in run_triage(path, **options)[1].splitlines()]


def write_csv(tmp_path, rows, name="t.csv", encoding="utf-8"):
    path = tmp_path / name
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.mark.parametrize("name", ["tickets.csv", "tickets-gbk.csv", "tickets.xlsx", "tickets.jsonl"])
def test_every_sample_format_gives_the_same_records(name):
    def comparable(path):
        return [{**r, "error": r["error"] and r["error"].split(":", 2)[-1]} for r in records(path)]
    assert comparable(SAMPLES / name) == comparable(SAMPLES / "tickets.csv")


def test_sample_covers_every_category_one_row_per_ticket_in_order():
    result = records(SAMPLES / "tickets.csv")
    assert [r["row"] for r in result] == list(range(1, SAMPLE_ROWS + 1))
    assert {r["category"] for r in result} == {"dial_auth", "no_network", "bandwidth", "error_code",
                                               "workflow_stuck", "vpn", "iptv", "fiber_query", "unknown"}


def test_record_has_the_promised_fields():
    record = records(SAMPLES / "tickets.csv")[0]
    assert {"ticket_id", "row", "status", "error", "category", "causes", "steps", "questions", "rules",
            "facts"} <= set(record)
    assert record["steps"][0].keys() == {"text", "phrase_id", "audience"}


def test_an_unplaced_ticket_lists_its_likely_families_with_the_evidence_and_stays_unplaced(tmp_path):
    path = write_csv(tmp_path, [["工单号", "故障现象"], ["A1", "光猫的收光功率-30dBm"], ["A2", "光猫的收光功率-29dBm"],
                                ["A3", "用户报691错误"]])
    for options in ({}, {"use_cache": False}):
        got = records(path, **options)
        assert [r["category"] for r in got] == ["unknown", "unknown", "dial_auth"]
        assert got[0]["candidates"][0]["category"] == "no_network" and "光猫接收光功率(dBm)=-30" in got[0]["candidates"][0]["evidence"]
        assert "光猫接收光功率(dBm)=-29" in got[1]["candidates"][0]["evidence"]   # this row's figure, not the cached one's
        assert got[2]["candidates"] == []
    table = list(csv.reader(io.StringIO(run_triage(path, fmt="csv")[1].lstrip("\ufeff"))))
    column = table[0].index("可能的类别(未确认)")
    assert table[1][column].startswith("网络无法使用类 ← ") and table[3][column] == ""


def test_the_summary_counts_unplaced_tickets_by_their_likely_family(tmp_path):
    path = write_csv(tmp_path, [["工单号", "故障现象"], ["A1", "光猫的收光功率-30dBm"], ["A2", "帐号状态正常"],
                                ["A3", "光猫的收光功率-28dBm"], ["A4", "没说什么"], ["A5", "用户报691错误"]])
    for fmt in ("jsonl", "csv"):
        summary, _ = run_triage(path, fmt=fmt)
        assert summary.to_dict()["unknown_by_likely"] == [
            {"category": "no_network", "label": "网络无法使用类", "count": 2},
            {"category": "dial_auth", "label": "拨号认证类", "count": 1}]
        assert "未能归类 4 行中,可能的类别" in summary.table() and "网络无法使用类 2、拨号认证类 1;没有线索 1" in summary.table()


def test_gbk_is_detected_not_mojibake():
    assert detect_encoding(open(SAMPLES / "tickets-gbk.csv", "rb"), "x") == "gb18030"
    assert records(SAMPLES / "tickets-gbk.csv")[0]["category"] == "dial_auth"


def test_utf8_bom_is_detected(tmp_path):
    path = write_csv(tmp_path, [["工单号", "故障现象"], ["A1", "用户报691错误"]], encoding="utf-8-sig")
    record = records(path)[0]
    assert record["ticket_id"] == "A1" and record["category"] == "dial_auth"


def test_undecodable_file_names_file_and_offset(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes("工单号,故障现象\nA1,".encode("utf-8") + b"\xff\xff\x80\x80\n")
    with pytest.raises(InputError) as error:
        run_triage(path)
    assert "bad.csv" in str(error.value) and "第 26 字节" in str(error.value)


def test_encoding_override(tmp_path):
    path = write_csv(tmp_path, [["工单号", "故障现象"], ["A1", "用户报691错误"]], encoding="gb18030")
    assert records(path, encoding="gb18030")[0]["category"] == "dial_auth"


@pytest.mark.parametrize("header", [["ticket_id", "description"], ["工单编号", "问题描述"], ["id", "故障描述"]])
def test_usual_headers_are_recognised(tmp_path, header):
    path = write_csv(tmp_path, [header, ["X9", "用户报691错误"]])
    record = records(path)[0]
    assert record["ticket_id"] == "X9" and record["category"] == "dial_auth"


def test_map_overrides_columns(tmp_path):
    path = write_csv(tmp_path, [["编号", "说明"], ["X9", "用户报691错误"]])
    record = records(path, mapping={"ticket_id": "编号", "description": "说明"})[0]
    assert record["ticket_id"] == "X9" and record["category"] == "dial_auth"


def test_missing_ticket_id_column_falls_back_to_row_number(tmp_path):
    path = write_csv(tmp_path, [["故障现象"], ["用户报691错误"], ["用户报633"]])
    assert [r["ticket_id"] for r in records(path)] == ["1", "2"]


def test_structured_columns_win_over_text(tmp_path):
    path = write_csv(tmp_path, [["故障现象", "帐号状态"], ["用户报691错误,帐号在线", "绑定"]])
    assert records(path)[0]["facts"]["account_status"] == "bound"


def test_bad_structured_value_is_an_error_row_naming_file_row_and_column(tmp_path):
    path = write_csv(tmp_path, [["工单号", "故障现象", "帐号状态"], ["A", "报691", "冻结"], ["B", "报633", ""]])
    result = records(path)
    assert result[0]["status"] == "error"
    assert f"{path}:1:" in result[0]["error"] and "帐号状态" in result[0]["error"]
    assert result[1]["status"] == "ok"


@pytest.mark.parametrize("cells", [["", ""], ["A", ""], ["A", "x" * 1_000_000], ["A", "\x00\x01\x02\ufffd��"]])
def test_odd_rows_still_get_their_output_row(tmp_path, cells):
    path = write_csv(tmp_path, [["工单号", "故障现象"], cells, ["Z", "用户报691错误"]])
    result = records(path)
    assert len(result) == 2 and result[1]["category"] == "dial_auth"
    assert result[0]["status"] in ("ok", "error")
    if result[0]["status"] == "ok":
        assert result[0]["category"] == "unknown"


def test_short_and_long_rows_are_error_rows_that_keep_their_ticket_id(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("工单号,故障现象\nA\nB,用户报691,extra,cells\nC,用户报691,,\n", encoding="utf-8")
    result = records(path)
    assert [r["ticket_id"] for r in result] == ["A", "B", "C"]
    assert [r["status"] for r in result] == ["error", "error", "ok"]  # empty trailing cells are not extra data
    assert [r["error_kind"] for r in result[:2]] == ["ragged", "ragged"]
    assert "第 3 行有 4 个字段,表头有 2 列" in result[1]["error"]


def test_bad_json_line_is_an_error_row(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"工单号": "A", "故障现象": "报691"}\n{not json\n[1,2]\n{"工单号": "D", "故障现象": "报633"}\n',
                    encoding="utf-8")
    result = records(path)
    assert [r["status"] for r in result] == ["ok", "error", "error", "ok"]
    assert f"{path}:2: 不是有效的 JSON" in result[1]["error"]


def test_passwords_never_reach_the_output(tmp_path):
    path = write_csv(tmp_path, [["工单号", "故障现象", "处理过程"], ["密码:abc123", "报691", "用户密码是 s3cr3t"]])
    for fmt in ("jsonl", "csv", "table"):
        output = run_triage(path, fmt=fmt)[1]
        assert "abc123" not in output and "s3cr3t" not in output


def test_formula_cells_are_neutralised():
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert [neutralise(c)[0] for c in ("+1", "-1", "@x")] == ["'"] * 3
    assert neutralise("GD01") == "GD01"


def test_csv_output_from_the_sample_has_no_formula_cells():
    output = run_triage(SAMPLES / "tickets.csv", fmt="csv")[1]
    rows = list(csv.reader(io.StringIO(output)))
    assert len(rows) == SAMPLE_ROWS + 1
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]


def test_cached_and_per_ticket_modes_give_identical_output():
    cached = run_triage(SAMPLES / "tickets.csv", use_cache=True)[1]
    per_ticket = run_triage(SAMPLES / "tickets.csv", use_cache=False)[1]
    assert cached == per_ticket


def test_parallel_jobs_keep_order_and_content():
    one = run_triage(SAMPLES / "tickets.csv", jobs=1)[1]
    two = run_triage(SAMPLES / "tickets.csv", jobs=2, batch_size=5, min_parallel_bytes=0)[1]
    assert one == two


def test_json_array_output():
    data = json.loads(run_triage(SAMPLES / "tickets.csv", fmt="json")[1])
    assert len(data) == SAMPLE_ROWS


def test_resolve_columns_prefers_first_match():
    assert resolve_columns(["工单号", "id", "故障现象"])["ticket_id"] == "工单号"


# --- command line --------------------------------------------------------------------

def invoke(*args, **kwargs):
    return CliRunner().invoke(main, ["triage", *args], **kwargs)


def test_cli_exit_1_when_some_rows_are_errors_and_summary_on_stderr():
    result = invoke(str(SAMPLES / "tickets.csv"), "-j", "1")
    assert result.exit_code == 1
    assert result.stdout.count("\n") == SAMPLE_ROWS
    assert "带宽故障类" in result.stderr and "error" in result.stderr


def test_cli_exit_0_when_all_ok(tmp_path):
    path = write_csv(tmp_path, [["工单号", "故障现象"], ["A", "用户报691错误"]])
    assert invoke(str(path), "-q").exit_code == 0


def test_cli_unreadable_input_exits_2(tmp_path):
    result = invoke(str(tmp_path / "missing.csv"))
    assert result.exit_code == 2 and "missing.csv" in result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = invoke(str(empty))
    assert result.exit_code == 2 and "empty" in result.stderr


def test_cli_strict_stops_at_first_bad_row():
    result = invoke(str(SAMPLES / "tickets.csv"), "--strict", "-j", "1", "-q")
    assert result.exit_code == 1
    assert "tickets.csv:37:" in result.stderr


def test_cli_output_file_is_atomic_and_format_from_extension(tmp_path):
    out = tmp_path / "out.csv"
    result = invoke(str(SAMPLES / "tickets.csv"), "-o", str(out), "-q", "-j", "1")
    assert result.exit_code == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for Excel
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_cli_failed_run_leaves_no_file(tmp_path):
    out = tmp_path / "out.jsonl"
    result = invoke(str(SAMPLES / "tickets.csv"), "-o", str(out), "--strict", "-q", "-j", "1")
    assert result.exit_code == 1 and os.listdir(tmp_path) == []


def test_cli_summary_only_goes_to_stdout():
    result = invoke(str(SAMPLES / "tickets.csv"), "--summary-only", "-j", "1")
    assert "工单数" in result.stdout and "ticket_id" not in result.stdout


def test_cli_reads_csv_from_stdin():
    data = (SAMPLES / "tickets-gbk.csv").read_bytes()
    result = invoke("-", "-q", "-j", "1", input=data)
    assert result.stdout.count("\n") == SAMPLE_ROWS


def test_cli_quiet_prints_nothing_on_stderr():
    result = invoke(str(SAMPLES / "tickets.csv"), "-q", "-j", "1")
    assert result.stderr == ""


def test_cli_bad_map_is_a_usage_error():
    result = invoke(str(SAMPLES / "tickets.csv"), "--map", "nonsense")
    assert result.exit_code == 2 and "--map" in result.stderr
