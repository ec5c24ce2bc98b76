"""Cutting an export into partitions for Dask (issue 13) without a cluster: the scan of each byte range, the plan
that pairs the lines with an odd number of quotes, and the partitions read from a Resume give exactly the rows
``faultdx.tickets`` gives when it reads the file whole, with the same row and line numbers (quoted cells that span
lines, unterminated quotes, blank lines, CR/LF/CRLF, BOM, GB18030), whatever the block size."""
import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("distributed")
from faultdx import distributed as fdx  # noqa: E402
from faultdx.tickets import MAX_LINE, read_rows  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ["samples/tickets.csv", "samples/tickets-gbk.csv", "samples/tickets.jsonl"]


def parts_of(path, blocksize, encoding=None, errors="strict"):
    """The partitions faultdx.distributed would run, planned in this process; None: the file is not cut."""
    info, = fdx.inspect([str(path)], None, encoding, errors)
    assert info.splittable
    blocks = [fdx.scan(info.path, a, b, info.size, info.encoding, not a) for a, b in fdx.blocks_of(info.size, blocksize)]
    return None if any(b.long for b in blocks) else fdx.plan(info, blocks)


def comparable(rows):
    return [(n, dict(c) if isinstance(c, dict) else (c.message, c.kind, c.cells), getattr(c, "warnings", ()))
            for n, c in rows]


def assert_same_rows(path, blocksizes, encoding=None, errors="strict"):
    whole = comparable(read_rows(str(path), None, encoding, errors).rows)
    for blocksize in blocksizes:
        parts = parts_of(path, blocksize, encoding, errors)
        got = []
        for part in parts:
            rows = comparable(fdx.read_part(part, errors).rows)
            assert len(rows) == part.rows  # what the plan counted is what the partition reads
            got += rows
        assert got == whole, blocksize
        yield parts


@pytest.mark.parametrize("name", SAMPLES)
def test_the_samples_cut_anywhere_read_the_same(name):
    counts = [len(parts) for parts in assert_same_rows(ROOT / name, [1, 7, 100, 1 << 20])]
    assert counts[0] > 10 and counts[-1] == 1


TRICKY = ('\n  \n工单号,故障现象,"处理\n过程"\nA1,"多行\n描述\n第三行",x\r\nA2,"a""b",y\rA3,"未闭合,z\n\n'
          'A4,ok,"q"\nA5,"x\r\ny",\n')


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_quoted_cells_over_lines_and_an_unterminated_quote(tmp_path, encoding):
    path = tmp_path / "t.csv"
    path.write_bytes(TRICKY.encode(encoding))
    for parts in assert_same_rows(path, [1, 2, 3, 5, 8, 13, 21]):
        assert all(p.resume is None or p.resume.row > 0 for p in parts)
    rows = [cells for _, cells in read_rows(str(path)).rows]
    assert rows[0]["故障现象"] == "多行\n描述\n第三行"
    assert "unterminated_quote" in [getattr(c, "kind", None) for c in rows]


CELL = st.sampled_from(["", "x", "中文", " ", '"q"', '"多\n行"', '"a""b"', '"\r\n"', '"开', "\u3000", '""'])
END = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def csv_texts(draw):
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        cells = draw(st.lists(CELL, min_size=0, max_size=4))
        lines.append(",".join(cells) + draw(END))
    last = draw(st.sampled_from(["", "tail", '"open']))
    return draw(st.sampled_from(["", "\n", " \r\n"])) + 'id,text,"no\ntes"' + draw(END) + "".join(lines) + last


@given(csv_texts(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]), st.integers(1, 40))
def test_any_csv_cut_anywhere_reads_as_a_whole(tmp_path_factory, text, encoding, blocksize):
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes(text.encode(encoding))
    list(assert_same_rows(path, [blocksize]))


JSON_LINE = st.sampled_from(['{"a": "x"}', "", "  ", "\u3000", "\x1c", "not json", '{"b": "中文"}', "[1]", '"s"',
                             "\ufeff{}"])


@given(st.lists(st.tuples(JSON_LINE, END), max_size=12), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
       st.integers(1, 30))
def test_any_json_lines_cut_anywhere_read_as_a_whole(tmp_path_factory, lines, encoding, blocksize):
    path = tmp_path_factory.mktemp("jsonl") / "t.jsonl"
    path.write_bytes("".join(a + b for a, b in lines).encode(encoding))
    list(assert_same_rows(path, [blocksize]))


def test_bad_bytes_replaced_are_read_the_same(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes('工单号,故障现象\nA1,"坏'.encode() + b"\xff\xe4" + '字节\n跨行"\nA2,"\n'.encode() + b"\x81"
                     + '"\nA3,ok\n'.encode())
    list(assert_same_rows(path, [1, 4, 9], errors="replace"))


def test_a_line_too_long_to_scan_leaves_the_file_whole(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("id,text\n" + "A1," + "x" * MAX_LINE + "\nA2,ok\n", encoding="utf-8")
    assert parts_of(path, 1 << 16) is None


def test_only_byte_safe_encodings_are_cut(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "工单号\t故障现象\nA1\t\"x\"\n".encode("utf-16-le"))
    info, = fdx.inspect([str(path)], None, None, "strict")
    assert info.encoding == "utf-16" and not info.splittable
    assert not fdx.inspect([str(ROOT / "samples" / "tickets.xlsx")], None, None, "strict")[0].splittable


def test_globs_are_expanded_in_order_and_a_glob_that_matches_nothing_is_an_error(tmp_path):
    for name in ("b.jsonl", "a.jsonl"):
        (tmp_path / name).write_text(json.dumps({"故障现象": "691"}) + "\n", encoding="utf-8")
    assert [i.path for i in fdx.inspect([str(tmp_path / "*.jsonl")], None, None, "strict")] == \
        [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]
    with pytest.raises(fdx.InputError, match="没有匹配的文件"):
        fdx.inspect([str(tmp_path / "*.csv")], None, None, "strict")


@pytest.mark.parametrize("text, size", [("4M", 4 << 20), ("512k", 512 << 10), ("4MiB", 4 << 20), ("1000", 1000),
                                        ("1.5G", 3 << 29), ("2 MB", 2 << 20)])
def test_sizes(text, size):
    assert fdx.parse_size(text) == size


@pytest.mark.parametrize("text", ["", "4X", "-1", "0", "M"])
def test_bad_sizes(text):
    with pytest.raises(ValueError):
        fdx.parse_size(text)


def test_the_default_partitions_are_a_few_per_worker_within_bounds():
    assert fdx.auto_blocksize(64 << 20, 2) == (64 << 20) // (2 * fdx.PARTITIONS_PER_WORKER) + 1
    assert fdx.PARTITIONS_PER_WORKER >= 8
    assert fdx.auto_blocksize(10 << 10, 2) == fdx.MIN_BLOCK
    assert fdx.auto_blocksize(10 << 30, 2) == fdx.MAX_BLOCK


def test_a_file_ends_on_smaller_partitions_so_that_the_workers_finish_together():
    size, block = 40 * fdx.MIN_BLOCK + 123, fdx.MIN_BLOCK
    blocks = fdx.file_blocks(size, block, 2)
    assert blocks[0][0] == 0 and blocks[-1][1] == size
    assert all(one[1] == two[0] for one, two in zip(blocks, blocks[1:]))  # every byte once, in order
    assert blocks[:-2 * fdx.TAIL_PIECES] == fdx.blocks_of(size, block)[:-2]
    tail = [stop - start for start, stop in blocks[-2 * fdx.TAIL_PIECES:]]
    assert max(tail) <= block // fdx.TAIL_PIECES + 1 and len(blocks) == len(fdx.blocks_of(size, block)) + 6


def test_a_file_of_a_few_blocks_is_cut_as_it_is():
    assert fdx.file_blocks(3 * fdx.MIN_BLOCK, fdx.MIN_BLOCK, 2) == fdx.blocks_of(3 * fdx.MIN_BLOCK, fdx.MIN_BLOCK)
