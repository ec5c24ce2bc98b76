"""Every row accounted for (reliability audit, triage input rows, and issue #11 item 2)."""
import io
import json
import resource
import subprocess
import time

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from edges import FAULTDX, SAMPLES, one_clean_line, run, text
from faultdx import xlsxread
from faultdx.config import Config
from faultdx.tickets import InputError, read_rows
from faultdx.triage import triage
from hostile import HEADER, inline, row, text_bomb, workbook


def records(completed):
    return [json.loads(line) for line in completed.stdout.decode().splitlines()]


def library_records(path, **options):
    out = io.StringIO()
    triage(str(path), out, config=Config(), **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# --- CSV: broken rows become one error row each, in place ---------------------------------

def test_in_unterm_quote_does_not_swallow_the_rest(tmp_path):
    path = write(tmp_path, "u.csv", '工单号,故障现象\nU1,"用户报691错误\nU2,拨号报678\nU3,"ok"\n')
    result = run("triage", path, "-q")
    got = records(result)
    assert result.returncode == 1
    assert [(r["ticket_id"], r["status"]) for r in got] == [("U1", "error"), ("U2", "ok"), ("U3", "ok")]
    assert "引号未闭合" in got[0]["error"] and got[0]["error_kind"] == "unterminated_quote"


def test_in_1mcell_nl_a_huge_multi_line_cell_is_one_error_row_not_phantoms(tmp_path):
    cell = ("a" * 100 + "\n") * 10000
    path = write(tmp_path, "nl.csv", f'工单号,故障现象,处理过程\nB1,"{cell}",x\nB2,用户报691错误,帐号在线\n')
    got = records(run("triage", path, "-q"))
    assert [(r["ticket_id"], r["row"], r["status"]) for r in got] == [("B1", 1, "error"), ("B2", 2, "ok")]
    assert got[0]["error_kind"] == "oversized"


def test_in_1mcell_a_single_oversized_line_is_an_error_row(tmp_path):
    path = write(tmp_path, "big.csv", "工单号,故障现象\nA," + "x" * 1_200_000 + "\nB,用户报691错误\n")
    got = library_records(path)
    assert [r["status"] for r in got] == ["error", "ok"] and got[1]["ticket_id"] == "B"


def test_a_multi_line_cell_within_bounds_is_one_row(tmp_path):
    path = write(tmp_path, "m.csv", '工单号,故障现象\nM1,"用户报691错误\n帐号在线"\nM2,拨号报678\n')
    got = library_records(path)
    assert [r["ticket_id"] for r in got] == ["M1", "M2"] and got[0]["facts"]["account_status"] == "online"


CSV_PIECES = st.sampled_from(['"', '""', ",", "\n", "\r\n", "用户报691错误", "A1", "x", " ", "\x00"])


@given(lines=st.lists(st.lists(CSV_PIECES, max_size=8).map("".join), min_size=1, max_size=12))
def test_every_physical_record_gives_one_row_and_nothing_is_invented(lines):
    """Whatever the quotes do, rows come out numbered 1..N, at most one per physical line, and reading ends."""
    data = "工单号,故障现象\n" + "\n".join(lines) + "\n"
    try:
        got = read_rows_of(data)
    except InputError as exc:  # mostly NUL bytes: refused as binary, which is right
        assume("二进制" not in str(exc))
        raise
    assert [n for n, _ in got] == list(range(1, len(got) + 1))
    assert len(got) <= data.count("\n") + data.count("\r")


def read_rows_of(data: str):
    import os
    import tempfile
    handle, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(data)
    try:
        return list(read_rows(path).rows)
    finally:
        os.unlink(path)


# --- header problems are errors before any row ---------------------------------------------

def test_in_map_missing_column_is_exit_2_naming_the_columns(tmp_path):
    result = run("triage", SAMPLES / "tickets.csv", "--map", "description=不存在的列", "--summary-only")
    err = one_clean_line(result)
    assert result.returncode == 2 and "不存在的列" in err and "故障现象" in err and result.stdout == b""


def test_no_description_or_structured_column_is_exit_2(tmp_path):
    result = run("triage", write(tmp_path, "x.csv", "编号,说明\nA,用户报691错误\n"))
    assert result.returncode == 2 and "--map description=" in one_clean_line(result)


def test_in_duphdr_duplicate_headers_are_named(tmp_path):
    result = run("triage", write(tmp_path, "d.csv", "工单号,故障现象,故障现象\nD1,用户报691错误,网速慢\n"))
    err = one_clean_line(result)
    assert result.returncode == 2 and "'故障现象'(第 2 列和第 3 列)" in err


# --- delimiters and encodings ----------------------------------------------------------------

@pytest.mark.parametrize("delimiter", ["\t", ";", "|", ","])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-8-sig"])
def test_delimiters_are_sniffed(tmp_path, delimiter, encoding):
    data = f"工单号{delimiter}故障现象\nT1{delimiter}用户报691错误 帐号在线\n"
    got = library_records(write(tmp_path, "t.txt", data.encode(encoding)))
    assert got[0]["ticket_id"] == "T1" and got[0]["category"] == "dial_auth"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom"])
def test_excel_unicode_text_utf16_with_bom(tmp_path, encoding):
    data = "工单号\t故障现象\nT1\t用户报691错误\n"
    raw = b"\xfe\xff" + data.encode("utf-16-be") if encoding == "utf-16-be-bom" else data.encode("utf-16")
    got = records(run("triage", write(tmp_path, "u.txt", raw), "-q"))
    assert got[0]["ticket_id"] == "T1" and got[0]["category"] == "dial_auth"


def test_in_utf16_ascii_without_bom_is_named(tmp_path):
    result = run("triage", write(tmp_path, "u.csv", "id,description\nA1,dial 691\n".encode("utf-16-le")))
    assert result.returncode == 2 and "UTF-16LE" in one_clean_line(result)


def test_encoding_errors_replace_reads_past_bad_bytes_and_flags_the_row(tmp_path):
    body = "".join(f"T{i},用户报691错误\n" for i in range(1, 3000)).encode("utf-8")
    raw = "工单号,故障现象\n".encode() + body + "T3000,用户报6".encode() + b"\xe9\x94" + "91错误\nT3001,网速慢\n".encode()
    path = write(tmp_path, "bad.csv", raw)
    strict = run("triage", path, "-q")
    assert strict.returncode == 2 and "--encoding-errors replace" in one_clean_line(strict)
    replaced = run("triage", path, "-q", "--encoding-errors", "replace")
    got = records(replaced)
    assert len(got) == 3001 and replaced.returncode == 0
    assert got[2999]["warnings"] and not got[2998]["warnings"] and got[3000]["ticket_id"] == "T3001"


@pytest.mark.parametrize("encoding,word", [("rot13", "不是文本编码"), ("bogus", "未知的编码")])
@pytest.mark.parametrize("sample", ["tickets.csv", "tickets.jsonl"])
def test_in_enc_bad_input_encodings_are_exit_2(encoding, word, sample):
    result = run("triage", SAMPLES / sample, "--encoding", encoding)
    assert result.returncode == 2 and word in one_clean_line(result)


def test_in_enc_utf16_on_a_utf8_file_is_exit_2():
    result = run("triage", SAMPLES / "tickets.csv", "--encoding", "utf-16", "-q")
    assert result.returncode == 2 and "utf-16" in one_clean_line(result)


def test_in_devzero_endless_input_is_refused_quickly():
    started = time.monotonic()
    result = run("triage", "/dev/zero", "--input-format", "csv", "-q", timeout=60)
    assert result.returncode == 2 and "二进制" in one_clean_line(result) and time.monotonic() - started < 30


def test_in_devstdin_and_process_substitution_work_like_a_file():
    data = (SAMPLES / "tickets.csv").read_bytes()
    assert len(records(run("triage", "/dev/stdin", "--input-format", "csv", "-q", input=data))) == 39
    script = f'"{FAULTDX}" triage <(cat "{SAMPLES / "tickets-gbk.csv"}") --input-format csv -q | wc -l'
    assert subprocess.run(["bash", "-c", script], capture_output=True).stdout.strip() == b"39"


@pytest.mark.parametrize("sample", ["tickets.jsonl", "tickets.xlsx", "tickets-gbk.csv"])
def test_stdin_dash_recognises_json_lines_and_xlsx(sample):
    result = run("triage", "-", "-q", input=(SAMPLES / sample).read_bytes())
    got = records(result)
    assert len(got) == 39 and got[0]["ticket_id"] == "GD2026112401" and got[0]["category"] == "dial_auth"


def test_in_inf_bw_is_an_error_row_and_the_json_stays_strict(tmp_path):
    path = write(tmp_path, "inf.csv", "工单号,故障现象,CRM带宽\nI1,网速慢," + "9" * 400 + "\n")
    out = run("triage", path, "-q").stdout.decode()
    json.loads(out, parse_constant=lambda name: pytest.fail(f"non-standard JSON {name}"))
    assert json.loads(out)["status"] == "error" and "Infinity" not in out


# --- JSON Lines ------------------------------------------------------------------------------

@pytest.mark.parametrize("line,reason", [("[" * 100000 + "]" * 100000, "嵌套过深"),
                                         ('{"CRM带宽": ' + "9" * 5000 + "}", "数值"),
                                         ('{"衰减": NaN}', "NaN"), ('{"衰减": Infinity}', "Infinity"),
                                         ('{"CRM带宽": 1e999}', "超出范围")])
def test_in_jsonl_deep_bigint_nan_are_error_rows(tmp_path, line, reason):
    path = write(tmp_path, "x.jsonl", line + '\n{"工单号": "OK", "故障现象": "用户报691错误"}\n')
    result = run("triage", path, "-q")
    got = records(result)
    assert result.returncode == 1 and "Traceback" not in text(result)[1]
    assert got[0]["status"] == "error" and reason in got[0]["error"] and got[1]["ticket_id"] == "OK"


# --- xlsx ------------------------------------------------------------------------------------

def xlsx_rows(tmp_path, cells: str, **kw):
    path = workbook(tmp_path / "x.xlsx", HEADER + cells + row(9, inline("A9", "LAST"), inline("B9", "用户报691错误")), **kw)
    return run("triage", path, "-q")


@pytest.mark.parametrize("cell,reason", [('<c r="B2"><v>not-a-number</v></c>', "无法按类型 n"),
                                         ('<c r="B2" t="s"><v>99</v></c>', "共享字符串编号 99"),
                                         ('<c r="B2" t="d"><v>2024-99-99</v></c>', "无法按类型 d")])
def test_in_xlsx_a_bad_cell_is_an_error_row(tmp_path, cell, reason):
    result = xlsx_rows(tmp_path, row(2, inline("A2", "BAD"), cell), shared="<si><t>x</t></si>")
    got = records(result)
    assert result.returncode == 1 and reason in got[0]["error"] and "B2" in got[0]["error"]
    assert got[0]["ticket_id"] == "1" and got[-1]["ticket_id"] == "LAST" and len(got) == 8  # rows 2..9


def test_in_xlsx_badxml_after_dimension_is_exit_2_naming_the_file(tmp_path):
    rows = "".join(row(i, inline(f"A{i}", f"T{i}"), inline(f"B{i}", "报691")) for i in range(2, 5002))
    path = workbook(tmp_path / "cut.xlsx", (HEADER + rows)[:-300], dimension="A1:B5001")
    path.write_bytes(path.read_bytes())
    result = run("triage", path, "-q", "-o", tmp_path / "x.jsonl")
    assert result.returncode == 2 and "cut.xlsx" in one_clean_line(result)
    assert not (tmp_path / "x.jsonl").exists()


def test_in_xlsx_bomb_sparse_declared_extent_is_not_padded(tmp_path):
    path = workbook(tmp_path / "sparse.xlsx", HEADER + row(2, inline("A2", "S1"), inline("B2", "用户报691错误"))
                    + row(1048576, inline("XFD1048576", "x")), dimension="A1:XFD1048576")
    started = time.monotonic()
    got = records(run("triage", path, "-q", timeout=60))
    assert time.monotonic() - started < 20
    assert [r["ticket_id"] for r in got] == ["S1", "2"] and "其后的内容未读取" in got[1]["error"]


def limited_memory():
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.parametrize("dimension", [None, "A1:B3"])
def test_in_xlsx_bomb_cell_is_an_error_row_in_bounded_memory(tmp_path, dimension):
    path = workbook(tmp_path / "bomb.xlsx", sheet_chunks=[
        HEADER.encode(), b'<row r="2"><c r="A2" t="inlineStr"><is><t>', *text_bomb(1500 << 20),
        b"</t></is></c></row>", row(3, inline("A3", "C2"), inline("B3", "用户报691错误")).encode(),
        b"</sheetData></worksheet>"], dimension=dimension)
    assert path.stat().st_size < 3 << 20
    result = subprocess.run([FAULTDX, "triage", str(path), "-q", "-j", "1"], capture_output=True, timeout=120,
                            preexec_fn=limited_memory)  # 1 GB of address space for a 1.5 GB cell
    got = records(result)
    assert [r["status"] for r in got] == ["error", "ok"] and "超过上限" in got[0]["error"]


def test_in_xlsx_bomb_sst_is_refused_quickly(tmp_path, monkeypatch):
    monkeypatch.setitem(xlsxread.MEMBER_LIMITS, "sharedStrings", 4 << 20)
    path = workbook(tmp_path / "sst.xlsx", HEADER, shared="<si><t>" + "a" * (5 << 20) + "</t></si>")
    with pytest.raises(InputError, match="压缩炸弹"):
        read_rows(str(path))


def test_in_xlsx_bomb_rows_streams_the_first_rows_at_once(tmp_path):
    def chunks():
        yield HEADER.encode()
        for start in range(2, 600002, 10000):
            yield "".join(row(i, inline(f"A{i}", f"R{i}"), inline(f"B{i}", "报691")) for i in
                          range(start, start + 10000)).encode()
        yield b"</sheetData></worksheet>"
    path = workbook(tmp_path / "rows.xlsx", sheet_chunks=chunks())
    started = time.monotonic()
    child = subprocess.Popen([FAULTDX, "triage", str(path), "-q", "-j", "1"], stdout=subprocess.PIPE)
    first = child.stdout.readline()
    elapsed = time.monotonic() - started
    child.kill()
    child.wait()
    assert json.loads(first)["ticket_id"] == "R2" and elapsed < 10


def test_xlsx_empty_rows_inside_keep_their_numbers_and_trailing_ones_are_dropped(tmp_path):
    path = workbook(tmp_path / "gaps.xlsx", HEADER + row(2, inline("A2", "A"), inline("B2", "报691"))
                    + row(4, inline("A4", "C"), inline("B4", "报678")) + row(5) + row(6))
    got = library_records(path)
    assert [(r["row"], r["ticket_id"], r["status"]) for r in got] == [(1, "A", "ok"), (2, "2", "error"), (3, "C", "ok")]


def dtd_sheet(tmp_path, dtd: str, cell: str):
    import zipfile

    from hostile import MAIN, RELS, WORKBOOK
    path = tmp_path / "dtd.xlsx"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", RELS)
        book.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0"?><!DOCTYPE worksheet [{dtd}]>'
                      f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER}'
                      f'{row(2, inline("A2", "X1"), inline("B2", cell))}</sheetData></worksheet>')
    return path


def test_in_xlsx_xxe_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-XXE")
    path = dtd_sheet(tmp_path, f'<!ENTITY xxe SYSTEM "file://{secret}">', "&xxe;用户报691错误")
    result = run("triage", path, "-q")
    assert b"TOPSECRET" not in result.stdout + result.stderr and "Traceback" not in text(result)[1]


def test_in_xlsx_laughs_entity_amplification_is_refused(tmp_path):
    dtd = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    result = run("triage", dtd_sheet(tmp_path, dtd, "&a9;"), "-q", timeout=60)
    assert result.returncode == 2 and "dtd.xlsx" in one_clean_line(result)


def test_in_gbk_bad_with_explicit_encoding_names_the_line_of_the_bad_bytes(tmp_path):
    """--encoding gbk decodes ahead in chunks; the message still names the line the bad bytes are on."""
    from faultdx.tickets import InputError, read_rows
    lines = ["工单号,故障现象,处理过程".encode("gbk")] + [f"G{i},用户报691错误,帐号在线".encode("gbk") for i in range(1200)]
    lines[1000] += b"\x81\x20bad"
    path = tmp_path / "gbk-bad.csv"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(InputError, match="第 1001 行的字节无法按 gbk 解码"):
        list(read_rows(str(path), None, "gbk", "strict").rows)


@given(st.text(alphabet=list("ab 中,\t;|\x1c\u3000\\'="), max_size=30), st.sampled_from(["", "\n", "\r", "\r\n"]),
       st.sampled_from([",", "\t", ";", "|"]))
def test_a_line_without_quotes_is_split_as_csv_reader_reads_it(body, end, delimiter):
    import csv

    from faultdx.tickets import _split_plain
    line = body + end
    assert _split_plain(line, delimiter) == next(csv.reader([line], delimiter=delimiter, strict=False), [])
