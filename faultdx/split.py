"""Cutting a CSV or JSON Lines export into byte ranges that each start at a record, knowing the row number
there, so that several processes can read and triage one file at once (``faultdx.triage`` with ``--jobs``, and
``faultdx.distributed`` on a Dask cluster).

A file in an encoding where ``"``, CR and LF are always single bytes (UTF-8 with or without BOM, GB18030/GBK, …)
is cut into blocks: the scan of each block (``scan``, NumPy; one task per block) finds its line ends and the
lines with an odd number of quotes; ``plan`` pairs those lines (a quoted cell that spans lines opens on one and
closes on the next, exactly as ``faultdx.tickets`` reads them, an unterminated quote included) and cuts only where
a record starts, knowing the physical line and the row number there; ``read_part`` then reads a partition with
``faultdx.tickets`` from that point (``Resume``).  Other inputs (.xlsx, UTF-16/32, a line over ``MAX_LINE``
bytes, a pipe) are not cut.
"""
from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from faultdx.tickets import MAX_LINE, InputError, Resume, Rows, Source, read_csv, read_jsonl


class PlanError(InputError):
    """A partition did not hold the rows its plan counted (the file changed while it was read, or a bug): the run
    stops rather than misnumber rows."""

    @classmethod
    def check(cls, source: str, expected: int | None, found: int) -> None:
        """Raise one when a partition whose rows the plan counted (``expected``; None: not counted) read ``found``."""
        if expected is not None and found != expected:
            raise cls(f"{source}: 分区应有 {expected} 行,实际读到 {found} 行;文件是否在运行中被改动?")

# Encodings in which the bytes of '"', CR and LF never occur inside another character: a file in one of them
# can be cut by bytes.  (GB18030's trail bytes are 0x30-0x39 and 0x40-0xFE.)
SPLITTABLE = {"utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "ascii", "iso8859-1", "cp1252", "big5"}
_TERMINATOR = re.compile(rb"\r\n|\r|\n")
_WHITESPACE = bytes(c for c in range(128) if chr(c).isspace())


@dataclass(frozen=True)
class FileInfo:
    path: str
    fmt: str
    size: int | None
    encoding: str | None
    header: list[str]
    delimiter: str | None
    header_lines: int

    @property
    def splittable(self) -> bool:
        if self.fmt not in ("csv", "jsonl") or self.size is None or not self.encoding:
            return False
        return codecs.lookup(self.encoding).name in SPLITTABLE


@dataclass(frozen=True)
class Block:
    """What the scan of one byte range (whole lines: ``start`` and ``end`` are line starts) found."""
    start: int
    end: int
    lines: int
    odd: Any              # indices (in the block) of the lines with an odd number of '"'
    odd_end: int | None   # where the line after the first of them starts
    nonblank: int         # lines that are not blank (JSON Lines skips blank lines)
    long: bool            # a line may be longer than MAX_LINE characters: the file is not cut


def _line_start(handle, position: int, size: int) -> int | None:
    """The first line start at or after ``position`` (lines end at LF, CRLF or a lone CR, as the reader reads
    them), or None if no line ends within MAX_LINE bytes."""
    if position <= 0 or position >= size:
        return max(0, min(position, size))
    base = position - 1
    handle.seek(base)
    while base - position <= MAX_LINE:
        data = handle.read(1 << 16)
        if not data:
            return size
        found = _TERMINATOR.search(data)
        if found:
            end = base + found.end()
            if found.group() == b"\r" and found.end() == len(data) and handle.read(1) == b"\n":
                end += 1
            return end
        base += len(data)
    return None


def scan(path: str, start: int, stop: int, size: int, encoding: str, first: bool) -> Block:
    """Scan the lines that start in ``start``..``stop`` (a task: one per block of a file)."""
    with open(path, "rb") as handle:
        begin = _line_start(handle, start, size)
        end = _line_start(handle, stop, size)
        if begin is None or end is None:
            return Block(start, stop, 0, np.zeros(0, np.int64), None, 0, True)
        handle.seek(begin)
        data = handle.read(end - begin)
    buffer = np.frombuffer(data, np.uint8)
    if not len(buffer):
        return Block(begin, end, 0, np.zeros(0, np.int64), None, 0, False)
    lf = buffer == 10
    lone_cr = buffer == 13
    lone_cr[:-1] &= ~lf[1:]        # a CR at the end of the block is a line end: the block ends at a line start
    ends = np.flatnonzero(lf | lone_cr)
    if not len(ends) or ends[-1] != len(buffer) - 1:
        ends = np.append(ends, len(buffer) - 1)   # the file's last line, without a line end
    starts = np.concatenate(([0], ends[:-1] + 1))
    long = bool((ends - starts + 1 >= MAX_LINE).any())
    quotes = np.bincount(np.searchsorted(ends, np.flatnonzero(buffer == 34)), minlength=len(ends))
    odd = np.flatnonzero(quotes & 1)
    odd_end = begin + int(ends[odd[0]]) + 1 if len(odd) else None
    visible = np.add.reduceat((buffer >= 128) | ~np.isin(buffer, np.frombuffer(_WHITESPACE, np.uint8)), starts)
    ascii_text = np.add.reduceat((buffer < 128) & ~np.isin(buffer, np.frombuffer(_WHITESPACE, np.uint8)), starts)
    nonblank = int(np.count_nonzero(ascii_text))
    if not first:
        encoding = _without_bom(encoding)
    for line in np.flatnonzero((ascii_text == 0) & (visible > 0)):  # non-ASCII only: blank if it is all spaces
        nonblank += bool(data[starts[line]:ends[line] + 1].decode(encoding, "replace").strip())
    return Block(begin, end, len(ends), odd, odd_end, nonblank, long)


@dataclass(frozen=True)
class Part:
    """One partition of a file: bytes ``start``..``end``, read from the file's start (``resume`` None: the header
    is in it) or from a record start; ``rows`` is how many rows the plan counted in it (None: not counted)."""
    path: str
    fmt: str
    encoding: str | None
    start: int
    end: int
    resume: Resume | None
    rows: int | None


class _Slice(io.RawIOBase):
    """Bytes ``start``..``end`` of a file."""

    def __init__(self, path: str, start: int, end: int):
        try:
            self.file = open(path, "rb")
        except OSError as exc:
            raise InputError(f"{path}: {exc.strerror or exc}") from None
        self.file.seek(start)
        self.left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.left <= 0:
            return 0
        count = self.file.readinto(memoryview(buffer)[:min(len(buffer), self.left)]) or 0
        self.left -= count
        return count

    def close(self) -> None:
        self.file.close()
        super().close()


def read_part(part: Part, errors: str = "strict") -> Rows:
    """The header and ``(number, cells)`` rows of a partition, as ``faultdx.tickets`` reads them."""
    encoding = part.encoding
    if part.resume is not None:
        encoding = _without_bom(encoding)
    source = Source(_Slice(part.path, part.start, part.end), part.path, part.end - part.start)
    read = read_csv if part.fmt == "csv" else read_jsonl
    return read(part.path, encoding, errors, source, part.resume)


def _without_bom(encoding: str) -> str:
    """The encoding of a file's bytes after its start: a BOM is only at the start."""
    return "utf-8" if encoding.lower().replace("_", "-") in ("utf-8-sig", "utf8-sig") else encoding


# --- the plan: where to cut a file --------------------------------------------------------

def blocks_of(size: int, blocksize: int) -> list[tuple[int, int]]:
    return [(start, min(size, start + blocksize)) for start in range(0, max(size, 1), blocksize)]


def plan(info: FileInfo, blocks: list[Block]) -> list[Part]:
    """The partitions of a file from the scans of its blocks, cut only where a record starts."""
    bases = np.cumsum([0] + [b.lines for b in blocks])
    total_lines = int(bases[-1])
    if info.fmt == "jsonl":
        before = np.cumsum([0] + [b.nonblank for b in blocks])
        cuts = [(b.start, int(bases[i]) + 1, int(before[i])) for i, b in enumerate(blocks) if i and b.lines]
        total = int(before[-1])
    else:
        odd = np.concatenate([b.odd + base for b, base in zip(blocks, bases)] or [np.zeros(0, np.int64)])
        closers = odd[1::2]
        openers = odd[0::2][:len(closers)]
        head = info.header_lines  # lines 0 .. head-1 (from 0) are blank lines and the header
        spans = np.concatenate(([0], np.cumsum(np.where(openers >= head, closers - openers, 0))))

        def rows_before(line: int) -> int:  # rows that start after the header and before this record start
            return line - head - int(spans[np.searchsorted(closers, line)])
        cuts = []
        for i, block in enumerate(blocks):
            if not i or not block.lines:
                continue
            line, offset = int(bases[i]), block.start
            opened = int(np.searchsorted(odd, line))
            if opened % 2 and opened < len(odd):  # inside a quoted cell: cut after the line that closes it
                line = int(odd[opened]) + 1
                offset = next(b.odd_end for b in blocks[i:] if b.odd_end is not None)
            if line >= head and offset < info.size:
                cuts.append((offset, line + 1, rows_before(line)))
        total = rows_before(total_lines) if total_lines >= head else 0
    parts: list[Part] = []
    starts = [(0, None, 0)] + sorted(set(cuts))
    starts = [c for n, c in enumerate(starts) if not n or c[0] > starts[n - 1][0]]
    for n, (offset, line, before) in enumerate(starts):
        end, after = (starts[n + 1][0], starts[n + 1][2]) if n + 1 < len(starts) else (info.size, total)
        resume = None if line is None else Resume(info.header, info.delimiter, line, before + 1)
        parts.append(Part(info.path, info.fmt, info.encoding, offset, end, resume, after - before))
    return parts
