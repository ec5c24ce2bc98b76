"""Triage with workers that read, triage and write parts of the input themselves (issue 12): whatever the part size,
the bytes written and the summary are those of triage in one process — quoted cells over several lines, blank lines,
bad rows, GBK in, a byte order mark out, JSON Lines, CSV and TSV out, --strict's stop — and the parts' files are
gone afterwards.  A stream with no bytes under it (``io.StringIO``) is written the old way, the same."""
import io
import sys
import tempfile
from pathlib import Path

import pytest

from faultdx import triage as triage_module
from faultdx.config import Config
from faultdx.triage import StrictStop, triage

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import exports  # noqa: E402  (the benchmarks' seeded generators)

ROOT = Path(__file__).resolve().parent.parent
TRICKY = ('工单号,故障现象,处理过程\nA1,"用户报691\n错误",帐号在线\r\nA2,"网速慢 ""4M""",CRM为4M,网管为2M\r'
          'A3,,\n\nA4,掉线,"ping 200ms\n丢包10%"\nA5,只有一列\nA6,"x",y,z\nA7,"密码是abc123,上不了网",@cmd\n'
          'A8,"衰减 70dB,噪声容限 3dB",=1+1\n')


@pytest.fixture(autouse=True)
def own_temp(tmp_path, monkeypatch):
    """The parts' directories are made in a directory of this test's, to see that none is left."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    yield
    assert list(temp.iterdir()) == []


@pytest.fixture
def cut(monkeypatch):
    """How many runs were cut into parts (the main process calls _triage_parts)."""
    calls = []
    original = triage_module._triage_parts
    monkeypatch.setattr(triage_module, "_triage_parts", lambda *a: calls.append(a[2]) or original(*a))
    return calls


def run(path, fmt="jsonl", encoding="utf-8", **options):
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
    try:
        summary = triage(str(path), out, fmt=fmt, config=Config(), **options)
    finally:
        out.flush()
    return raw.getvalue(), comparable(summary)


def comparable(summary):
    return {k: v for k, v in summary.to_dict().items() if k not in ("seconds", "rows_per_second")}


def tricky(tmp_path, copies=40, encoding="utf-8"):
    head, body = TRICKY.split("\n", 1)
    path = tmp_path / "tricky.csv"
    path.write_bytes((head + "\n" + body * copies).encode(encoding))
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv"])
@pytest.mark.parametrize("part_bytes", [64, 700, 1 << 20])
def test_parts_give_the_bytes_and_summary_of_one_process(tmp_path, cut, fmt, part_bytes):
    path = tricky(tmp_path)
    one = run(path, fmt)
    assert run(path, fmt, jobs=2, min_parallel_bytes=0, part_bytes=part_bytes) == one
    assert cut == [part_bytes]
    assert one[1]["rows"] == 40 * 9 and one[1]["by_status"]["error"]["count"] and one[1]["by_status"]["ok"]["count"]


def test_gbk_in_and_a_byte_order_mark_out_once(tmp_path, cut):
    path = tricky(tmp_path, encoding="gb18030")
    one = run(path, "csv", encoding="utf-8-sig")
    assert one[0].startswith(b"\xef\xbb\xbf") and one[0].count(b"\xef\xbb\xbf") == 1
    assert run(path, "csv", encoding="utf-8-sig", jobs=2, min_parallel_bytes=0, part_bytes=300) == one
    jsonl = run(path, "jsonl", encoding="utf-8-sig", jobs=2, min_parallel_bytes=0, part_bytes=300)
    assert jsonl == run(path, "jsonl", encoding="utf-8-sig") and jsonl[0].count(b"\xef\xbb\xbf") == 1
    assert len(cut) == 2


def test_json_lines_in(tmp_path, cut):
    lines = ['{"工单号": "J%d", "故障现象": "用户报691错误"}' % n if n % 7 else "not json" for n in range(300)]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(path, jobs=2, min_parallel_bytes=0, part_bytes=500) == run(path)
    assert cut


def test_a_realistic_export(tmp_path, cut):
    path = tmp_path / "realistic.csv"
    exports.generate(str(path), 3000, "realistic")
    assert run(path, jobs=2, min_parallel_bytes=0, part_bytes=20_000) == run(path)
    assert cut


def test_strict_stops_at_the_first_bad_row_with_the_rows_before_it_written(tmp_path, cut):
    path = tmp_path / "t.csv"
    good = "".join(f"G{n},用户报691错误,帐号在线\n" for n in range(200))
    path.write_text("工单号,故障现象,处理过程\n" + good + "B1,,\n" + good, encoding="utf-8")

    def stopped(**options):
        raw = io.BytesIO()
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        with pytest.raises(StrictStop) as stop:
            triage(str(path), out, config=Config(), strict=True, **options)
        out.flush()
        return raw.getvalue(), str(stop.value)
    one = stopped()
    assert one[0].count(b"\n") == 200 and ":201:" in one[1]
    assert stopped(jobs=2, min_parallel_bytes=0, part_bytes=500) == one
    assert cut


def test_the_summary_alone(tmp_path, cut):
    path = tricky(tmp_path)
    one = comparable(triage(str(path), None, config=Config()))
    assert comparable(triage(str(path), None, config=Config(), jobs=2, min_parallel_bytes=0, part_bytes=200)) == one
    assert cut


def test_a_text_stream_without_bytes_under_it_is_written_as_before(tmp_path, cut):
    path = tricky(tmp_path)
    out = io.StringIO()
    triage(str(path), out, config=Config(), jobs=2, min_parallel_bytes=0, part_bytes=200)
    assert out.getvalue().encode() == run(path)[0]
    assert cut == []


def test_formats_that_cannot_be_cut_are_written_as_before(tmp_path, cut):
    path = tricky(tmp_path)
    for fmt in ("json", "table"):
        assert run(path, fmt, jobs=2, min_parallel_bytes=0, part_bytes=200) == run(path, fmt)
    assert cut == []


def test_progress_is_reported_part_by_part_up_to_every_row_and_byte(tmp_path, cut):
    path = tricky(tmp_path)
    seen = []
    triage(str(path), None, config=Config(), jobs=2, min_parallel_bytes=0, part_bytes=300,
           progress=lambda rows, done, size: seen.append((rows, done, size)))
    assert len(seen) > 3 and seen == sorted(seen)
    assert seen[-1] == (40 * 9, path.stat().st_size, path.stat().st_size)


def test_parts_appended_to_a_file_by_the_kernel(tmp_path, cut):
    path = tricky(tmp_path)
    target = tmp_path / "out.jsonl"
    with open(target, "w", encoding="utf-8", newline="") as out:
        triage(str(path), out, config=Config(), jobs=2, min_parallel_bytes=0, part_bytes=300)
    assert target.read_bytes() == run(path)[0] and cut
