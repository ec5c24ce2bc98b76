"""Reading ticket exports row by row: CSV/TSV (UTF-8, GB18030/GBK, UTF-16 with BOM), Excel .xlsx, JSON Lines.

Every reader yields ``(row_number, cells)`` with 1-based data-row numbers and never holds the
whole file.  Every input row gives exactly one item, in order: a row that cannot be read (an
unterminated quote, a ragged or oversized row, bad JSON, a bad cell) is yielded as
``(row_number, RowError)`` and reading goes on after it.  Problems with the file as a whole (no
header, duplicate headers, an unknown encoding, undecodable bytes under ``errors="strict"``) raise
``InputError``, whose message names the file.

Inputs need not be seekable (``-``, /dev/stdin, ``<(…)``): the encoding and the format are sniffed
from a bounded prefix, which is then read again from memory.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
import stat
import sys
from dataclasses import dataclass
from typing import IO, Callable, Iterator

from faultdx.display import os_error_text
from faultdx.choices import ENCODING_ERRORS, INPUT_FORMATS as FORMATS  # noqa: F401  (re-exported)

EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".tab": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
              ".jsonl": "jsonl", ".ndjson": "jsonl"}
SNIFF_BYTES = 4 << 20          # at most this much is read to choose the encoding
SNIFF_NON_ASCII = 64 << 10     # … or until this many non-ASCII bytes were seen
MAX_LINE = 1 << 20             # characters in one physical line
MAX_RECORD_CHARS = 1 << 20     # characters in one CSV record (a quoted cell may span lines)
MAX_RECORD_LINES = 2000        # physical lines in one CSV record
SPOOL_LIMIT = 2 << 30          # bytes of standard input kept to read an .xlsx from it
DELIMITERS = (",", "\t", ";", "|")
DELIMITER_NAMES = {",": "逗号", "\t": "制表符", ";": "分号", "|": "竖线"}
REPLACED = "\ufffd"


class InputError(Exception):
    """Input that cannot be read at all (exit status 2); the message names the file."""


@dataclass(frozen=True)
class RowError:
    """A row that could not be read; ``kind`` counts it in the summary; ``cells`` what could be read of it
    (so that its error row still shows the ticket id)."""
    message: str
    kind: str = "unreadable_row"
    cells: dict | None = None


class Cells(dict):
    """A row's cells by column; ``warnings`` says what was odd about reading it (the row is still diagnosed)."""
    warnings: tuple[str, ...] = ()


@dataclass
class Rows:
    """What a reader gives: the header (empty for JSON Lines), the rows, and what it learnt on the way."""
    header: list[str]
    rows: Iterator[tuple[int, dict | RowError]]
    size: int | None = None                                  # bytes to read, when known (for progress)
    position: Callable[[], int] = lambda: 0                  # bytes read so far
    encoding: str | None = None
    delimiter: str | None = None
    header_lines: int = 0                                    # physical lines up to the end of the CSV header

    def __iter__(self):  # (header, rows) unpacking, as before
        return iter((self.header, self.rows))


# --- bytes in ---------------------------------------------------------------------------

class Source(io.RawIOBase):
    """A byte stream (a file, a pipe, standard input) with a prefix that can be looked at before reading."""

    def __init__(self, raw: IO[bytes], name: str, size: int | None):
        self.raw, self.name, self.size = raw, name, size
        self.head = b""
        self.head_pos = 0
        self.offset = 0   # bytes handed out
        self.pulled = 0   # bytes read from raw

    @classmethod
    def open(cls, path: str) -> "Source":
        if path == "-":
            return cls(sys.stdin.buffer, "<stdin>", None)
        try:
            raw = open(path, "rb")
        except OSError as exc:
            raise InputError(f"{path}: {os_error_text(exc)}") from None
        try:
            info = os.fstat(raw.fileno())
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
        except OSError:
            size = None
        return cls(raw, path, size)

    def peek_bytes(self, limit: int, enough: Callable[[bytes], bool] = lambda b: False) -> bytes:
        """Up to ``limit`` bytes from the start, read once and kept to be read again."""
        while len(self.head) < limit and not enough(self.head):
            try:
                chunk = self.raw.read(min(1 << 16, limit - len(self.head)))
            except OSError as exc:
                raise InputError(f"{self.name}: {os_error_text(exc)}") from None
            if not chunk:
                break
            self.head += chunk
            self.pulled += len(chunk)
        return self.head

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head_pos < len(self.head):
            data = self.head[self.head_pos:self.head_pos + len(buffer)]
            self.head_pos += len(data)
            if self.head_pos >= len(self.head):
                self.head, self.head_pos = b"", 0
        else:
            try:
                data = self.raw.read(len(buffer))
            except OSError as exc:
                raise InputError(f"{self.name}: {os_error_text(exc)}") from None
            self.pulled += len(data)
        buffer[:len(data)] = data
        self.offset += len(data)
        return len(data)

    def close(self) -> None:
        if self.raw is not sys.stdin.buffer:
            self.raw.close()
        super().close()


def input_format(path: str, given: str | None, head: bytes = b"") -> str:
    """The input format: given, else from the extension; standard input is sniffed from its first bytes."""
    if given:
        return given
    if path == "-":
        return sniff_format(head)
    ext = os.path.splitext(path)[1].lower()
    if ext not in EXTENSIONS:
        raise InputError(f"{path}: 无法从扩展名 '{ext or '(无)'}' 判断格式;请用 --input-format "
                         f"{'/'.join(FORMATS)} 指定")
    return EXTENSIONS[ext]


def sniff_format(head: bytes) -> str:
    """xlsx (a zip), JSON Lines (an object first) or CSV, from the first bytes."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return "jsonl" if text.startswith(b"{") else "csv"


# --- encodings --------------------------------------------------------------------------

def codec_problem(name: str) -> str | None:
    """Why ``name`` is not a usable text encoding (unknown, or a bytes-to-bytes codec like rot13), or None."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return "未知的编码"
    return None if getattr(info, "_is_text_encoding", True) else "不是文本编码"


def check_encoding(name: str, option: str = "--encoding") -> str:
    """The codec's name, or InputError if it is unknown or not a text encoding."""
    problem = codec_problem(name)
    if problem:
        raise InputError(f"{option} {name!r}: {problem}")
    return name


BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


_ASCII = bytes(range(128))


def _enough(head: bytes) -> bool:
    """Enough non-ASCII bytes seen to tell UTF-8 from GB18030."""
    return len(head.translate(None, _ASCII)) >= SNIFF_NON_ASCII


def guess_encoding(head: bytes, name: str, complete: bool) -> str:
    """UTF-8/16/32 by BOM, else UTF-8 or GB18030, from a prefix; ``complete``: the prefix is the whole input."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    if head:
        nuls = head.count(0)
        if nuls >= 16 and nuls * 4 > len(head):  # a few NULs in a text export are read (as U+FFFD)
            even, odd = head[0::2].count(0) * 2, head[1::2].count(0) * 2  # NULs per half, scaled to the whole
            if odd > len(head) * 0.4 and even < len(head) * 0.1:
                raise InputError(f"{name}: 看起来是无 BOM 的 UTF-16LE 文本;请用 --encoding utf-16-le")
            if even > len(head) * 0.4 and odd < len(head) * 0.1:
                raise InputError(f"{name}: 看起来是无 BOM 的 UTF-16BE 文本;请用 --encoding utf-16-be")
            raise InputError(f"{name}: 内容是二进制数据({nuls} 个 NUL 字节),不是文本")
    failures = []
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=complete)
            return encoding
        except UnicodeDecodeError as exc:
            failures.append(f"{encoding} 在第 {exc.start} 字节")
    raise InputError(f"{name}: 不是 UTF-8、UTF-16 或 GB18030/GBK 文本({'; '.join(failures)});"
                     f"请用 --encoding 指定编码,或用 --encoding-errors replace 跳过坏字节")


def detect_encoding(stream: IO[bytes], name: str) -> str:
    """The encoding of a byte stream, from its first bytes (see ``guess_encoding``)."""
    head = b""
    while len(head) < SNIFF_BYTES and not _enough(head):
        chunk = stream.read(1 << 16)
        if not chunk:
            return guess_encoding(head, name, True)
        head += chunk
    return guess_encoding(head, name, False)


def _text(source: Source, encoding: str | None, errors: str) -> tuple[IO[str], str]:
    if encoding:
        check_encoding(encoding)
    else:
        head = source.peek_bytes(SNIFF_BYTES, _enough)
        complete = len(head) < SNIFF_BYTES and not _enough(head)
        try:
            encoding = guess_encoding(head, source.name, complete)
        except InputError:
            if errors != "replace" or b"\x00" in head[:4096]:
                raise
            encoding = "utf-8"
    stream = io.TextIOWrapper(io.BufferedReader(source, 1 << 16), encoding=encoding, errors=errors, newline="")
    return stream, encoding


# --- CSV --------------------------------------------------------------------------------

def _undecodable_line(path: str, encoding: str, limit: int = 1 << 30) -> int | None:
    """The number of the first line of the file ``path`` that does not decode, for an error message; None when
    that cannot be told (standard input, a pipe, UTF-16/32 whose newlines are not single bytes, a huge file)."""
    try:
        if "16" in encoding or "32" in encoding or not os.path.isfile(path) or os.path.getsize(path) > limit:
            return None
        decoder = codecs.getincrementaldecoder(encoding)()
        with open(path, "rb") as raw:
            for number, line in enumerate(raw, 1):
                try:
                    decoder.decode(line)
                except UnicodeDecodeError:
                    return number
    except (OSError, LookupError):
        return None
    return None


class _Lines:
    """Physical lines of a text stream, each at most MAX_LINE characters, with lines that can be put back."""

    def __init__(self, text: IO[str], name: str, encoding: str):
        self.text, self.name, self.encoding = text, name, encoding
        self.number = 0           # physical line number of the last line handed out
        self.pending: list[Iterator] = []  # lines to read again, the top of the stack first

    def read(self) -> tuple[int, str, bool] | None:
        """(line number, line, too long) or None at the end; a too-long line is cut and its rest skipped."""
        while self.pending:
            item = next(self.pending[-1], None)
            if item is not None:
                return item
            self.pending.pop()
        try:
            line = self.text.readline(MAX_LINE)
            if not line:
                return None
            too_long = len(line) >= MAX_LINE and not line.endswith(("\n", "\r"))
            if too_long:
                while (rest := self.text.readline(MAX_LINE)) and not rest.endswith(("\n", "\r")):
                    pass
        except UnicodeError as exc:  # UnicodeDecodeError, or e.g. "UTF-16 stream does not start with BOM"
            reason = getattr(exc, "reason", None) or str(exc)
            where = _undecodable_line(self.name, self.encoding)  # the stream decodes ahead, in chunks
            place = f"第 {where} 行的字节" if where else f"第 {self.number + 1} 行或其后的字节"
            raise InputError(f"{self.name}: {place}无法按 {self.encoding} 解码"
                             f"({reason});请用 --encoding 指定编码,或用 --encoding-errors replace 跳过坏字节"
                             ) from None
        self.number += 1
        return self.number, line.replace("\x00", REPLACED), too_long

    def put_back(self, lines) -> None:
        """Read ``lines`` (an iterable of (number, line, too long)) before anything else."""
        self.pending.append(iter(lines))


class _Overflow:
    """The lines of a record too long to hold: kept on disk so that they can be read again."""

    def __init__(self):
        import tempfile
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        self.count = 0

    def add(self, number: int, line: str, too_long: bool) -> None:
        self.file.write(json.dumps([number, line, too_long]) + "\n")
        self.count += 1

    def lines(self):
        self.file.seek(0)
        for raw in self.file:
            yield tuple(json.loads(raw))
        self.file.close()


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of , TAB ; | outside quotes (comma on a tie)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _records(lines: _Lines, delimiter: str) -> Iterator[tuple[int, list[str] | RowError]]:
    """Logical CSV records, each (first line number, cells or RowError)."""
    while (first := lines.read()) is not None:
        number, line, too_long = first
        if too_long:
            yield number, RowError(f"第 {number} 行超过 {MAX_LINE} 个字符", "oversized")
            continue
        parts, size, quotes = [line], len(line), line.count('"')
        if not quotes:   # most lines: no quoted cell, so the cells are the line split (as csv.reader reads it)
            yield number, _split_plain(line, delimiter)
            continue
        overflow = None
        while quotes % 2:
            more = lines.read()
            if more is None:
                break
            if overflow is None and (len(parts) >= MAX_RECORD_LINES or size + len(more[1]) > MAX_RECORD_CHARS
                                     or more[2]):
                overflow = _Overflow()
            if overflow is not None:
                overflow.add(*more)
            else:
                parts.append(more[1])
                size += len(more[1])
            quotes += more[1].count('"')
        if quotes % 2:
            # the quote never closes: report this line and read the lines after it again as rows
            yield number, RowError(f"第 {number} 行: 引号未闭合(之后的行照常读取)", "unterminated_quote",
                                   _first_cells(line, delimiter))
            if overflow is not None:
                lines.put_back(overflow.lines())
            lines.put_back(_numbered(parts[1:], number))
            continue
        if overflow is not None:
            lines_in = len(parts) + overflow.count
            for _ in overflow.lines():
                pass
            yield number, RowError(f"第 {number} 行起的记录跨 {lines_in} 行、超过 {MAX_RECORD_CHARS} 个字符"
                                   f"或 {MAX_RECORD_LINES} 行", "oversized", _first_cells(line, delimiter))
            continue
        try:
            cells = next(csv.reader(parts, delimiter=delimiter, strict=False), [])
        except csv.Error as exc:
            yield number, RowError(f"第 {number} 行无法按 CSV 读取: {exc}", "unreadable_row")
            continue
        yield number, cells


def _split_plain(line: str, delimiter: str) -> list[str]:
    """The cells of one line without a ``"``: what ``csv.reader`` gives (a blank line none), without making one."""
    body = line.rstrip("\r\n")
    return body.split(delimiter) if body else []


def _first_cells(line: str, delimiter: str) -> list[str]:
    """What can be read of a broken record's first line (for its ticket id)."""
    try:
        return next(csv.reader([line[:4096].rstrip("\r\n")], delimiter=delimiter, strict=False), [])
    except csv.Error:
        return []


def _numbered(texts: list[str], first: int):
    return [(first + i, text, False) for i, text in enumerate(texts, 1)]


def check_header(header: list[str], name: str) -> list[str]:
    """The header with names stripped; duplicate non-empty names are an InputError naming them."""
    header = [h.strip() for h in header]
    seen: dict[str, int] = {}
    duplicates = []
    for index, column in enumerate(header, 1):
        if column and column in seen:
            duplicates.append(f"'{column}'(第 {seen[column]} 列和第 {index} 列)")
        seen.setdefault(column, index)
    if duplicates:
        raise InputError(f"{name}: 表头有重复的列名 {', '.join(duplicates)};请改名后再试。现有列: "
                         + ", ".join(h or "(空)" for h in header))
    return header


csv.field_size_limit(MAX_RECORD_CHARS + 1)


@dataclass(frozen=True)
class Resume:
    """Where reading starts in the middle of a file (``faultdx.distributed`` reads byte ranges): the header
    and delimiter read before, and the physical line number and row number of the range's first record."""
    header: list[str]
    delimiter: str | None
    line: int
    row: int


def read_csv(path: str, encoding: str | None = None, errors: str = "strict", source: Source | None = None,
             resume: Resume | None = None) -> Rows:
    source = source or Source.open(path)
    name = source.name
    text, encoding = _text(source, encoding, errors)
    lines = _Lines(text, name, encoding)
    if resume is None:
        first = lines.read()
        while first is not None and not first[1].strip():
            first = lines.read()
        if first is None:
            raise InputError(f"{name}: 空文件(没有表头行)")
        delimiter = sniff_delimiter(first[1])
        lines.put_back([first])
        records = _records(lines, delimiter)
        _, header = next(records)
        if isinstance(header, RowError):
            raise InputError(f"{name}: 表头无法读取: {header.message}")
        header = check_header(header, name)
    else:
        header, delimiter, lines.number = resume.header, resume.delimiter, resume.line - 1
        records = _records(lines, delimiter)
    width = len(header)
    replacing = errors == "replace"

    def rows():
        number = resume.row - 1 if resume else 0
        for line_number, cells in records:
            number += 1
            if isinstance(cells, RowError):
                yield number, RowError(cells.message, cells.kind, dict(zip(header, cells.cells or ())))
                continue
            extra = [c for c in cells[width:] if c.strip()]
            if extra or 0 < len(cells) < width:
                yield number, RowError(f"第 {line_number} 行有 {len(cells)} 个字段,表头有 {width} 列"
                                       f"(分隔符: {DELIMITER_NAMES[delimiter]})", "ragged", dict(zip(header, cells)))
                continue
            row = Cells(zip(header, cells))
            if replacing and any(REPLACED in c for c in cells):
                row.warnings = (DECODE_WARNING,)
            yield number, row
        source.close()
    return Rows(header, rows(), source.size, lambda: source.offset, encoding, delimiter,
                0 if resume else lines.number)


DECODE_WARNING = "含无法解码的字节,已替换为 \ufffd(--encoding-errors replace)"


# --- xlsx -------------------------------------------------------------------------------

def _seekable_copy(source: Source) -> IO[bytes]:
    """An .xlsx is a zip, read from its end: standard input or a pipe is copied to a temporary file first."""
    try:
        if source.raw.seekable() and not source.head:
            return source.raw
    except (AttributeError, ValueError):
        pass
    import tempfile
    spool = tempfile.SpooledTemporaryFile(max_size=32 << 20)
    total = 0
    while chunk := source.read(1 << 20):
        total += len(chunk)
        if total > SPOOL_LIMIT:
            raise InputError(f"{source.name}: 超过 {SPOOL_LIMIT >> 30} GB,无法从管道读取 .xlsx")
        spool.write(chunk)
    spool.seek(0)
    return spool


def read_xlsx(path: str, source: Source | None = None) -> Rows:
    from faultdx import xlsxread   # only for workbooks (its parser takes a few ms to import)
    source = source or Source.open(path)
    name = source.name
    read = [0]

    def progress(count: int) -> None:
        read[0] += count
    try:
        size, sheet = xlsxread.read_sheet(_seekable_copy(source), progress)
        header_row = None
        for _, values in sheet:
            if isinstance(values, list) and any(v.strip() for v in values):
                header_row = values
                break
            if not isinstance(values, list):
                raise InputError(f"{name}: 表头行无法读取 ({getattr(values, 'message', values)})")
    except xlsxread.WorkbookError as exc:
        raise InputError(f"{name}: 不是可读取的 .xlsx 工作簿({exc})") from None
    if header_row is None:
        raise InputError(f"{name}: 空工作簿(没有表头行)")
    header = check_header(header_row, name)

    def rows():
        number = 0
        try:
            for sheet_row, values in sheet:
                number += 1
                if isinstance(values, xlsxread.CellProblem):
                    yield number, RowError(f"工作表第 {sheet_row} 行{values.message}", "bad_cell")
                elif isinstance(values, str):
                    yield number, RowError(values, "truncated_sheet")
                elif len(values) > len(header) and any(v.strip() for v in values[len(header):]):
                    yield number, RowError(f"工作表第 {sheet_row} 行有 {len(values)} 列数据,表头只有 {len(header)} 列",
                                           "ragged", dict(zip(header, values)))
                else:
                    yield number, Cells(zip(header, values))
        except xlsxread.WorkbookError as exc:
            raise InputError(f"{name}: 读到第 {number} 行后工作簿损坏({exc})") from None
        finally:
            source.close()  # the reference also keeps the file open while the sheet is read
    return Rows(header, rows(), size, lambda: read[0])


# --- JSON Lines -------------------------------------------------------------------------

_JSON_ERRORS = (("Expecting value", "缺少值"), ("Expecting property name", "属性名应放在双引号中"),
                ("Expecting ',' delimiter", "缺少逗号"), ("Expecting ':' delimiter", "缺少冒号"),
                ("Unterminated string", "字符串没有结束"), ("Extra data", "对象之后有多余的内容"),
                ("Invalid control character", "字符串中有控制字符"), ("Invalid \\escape", "无效的转义"),
                ("Invalid \\uXXXX escape", "无效的 \\u 转义"))


def _reject_constant(name: str):
    raise ValueError(f"不允许 {name}")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"数值 {text[:40]} 超出范围")
    return value


def parse_json_row(line: str) -> dict | RowError:
    """One JSON Lines row as cells, or a RowError (bad JSON, not an object, NaN/Infinity, too deep or too big)."""
    try:
        record = json.loads(line, parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        said = next((zh for en, zh in _JSON_ERRORS if exc.msg.startswith(en)), exc.msg)
        return RowError(f"不是有效的 JSON: {said}(第 {exc.colno} 列)", "bad_json")
    except RecursionError:
        return RowError("JSON 嵌套过深", "bad_json")
    except ValueError as exc:  # NaN/Infinity (our messages), or an integer with too many digits (Python's)
        said = "整数位数过多" if "digits" in str(exc) else str(exc)[:80]
        return RowError(f"JSON 数值无效: {said}", "bad_json")
    if not isinstance(record, dict):
        return RowError("JSON Lines 的每一行必须是一个对象 {…}", "bad_json")
    return object_cells(record)


def object_cells(record: dict) -> Cells | RowError:
    """A JSON object's members (or a mapping's: ``faultdx.distributed``) as cells, every value as text."""
    cells = Cells()
    for key, value in record.items():
        if value is None:
            cells[str(key)] = ""
        elif isinstance(value, str):
            cells[str(key)] = value
        elif isinstance(value, (dict, list)):
            try:
                cells[str(key)] = json.dumps(value, ensure_ascii=False, allow_nan=False)
            except (ValueError, RecursionError):
                return RowError(f"列 {str(key)[:40]!r} 的值无法读取", "bad_json")
        else:
            try:
                cells[str(key)] = str(value)
            except ValueError:
                return RowError(f"列 {str(key)[:40]!r} 的数字位数过多", "bad_json")
    return cells


def read_jsonl(path: str, encoding: str | None = None, errors: str = "strict", source: Source | None = None,
               resume: Resume | None = None) -> Rows:
    source = source or Source.open(path)
    text, encoding = _text(source, encoding or None, errors)
    lines = _Lines(text, source.name, encoding)
    if resume:
        lines.number = resume.line - 1

    def rows():
        number = resume.row - 1 if resume else 0
        while (item := lines.read()) is not None:
            line_number, line, too_long = item
            if not line.strip():
                continue
            number += 1
            if too_long:
                yield number, RowError(f"第 {line_number} 行超过 {MAX_LINE} 个字符", "oversized")
                continue
            row = parse_json_row(line)
            if errors == "replace" and REPLACED in line and isinstance(row, Cells):
                row.warnings = (DECODE_WARNING,)
            yield number, row
        source.close()
    return Rows([], rows(), source.size, lambda: source.offset, encoding)


def read_rows(path: str, fmt: str | None = None, encoding: str | None = None, errors: str = "strict") -> Rows:
    """The rows of the file (header empty for JSON Lines, whose keys vary per row); see the module docstring."""
    if errors not in ENCODING_ERRORS:
        raise InputError(f"--encoding-errors {errors!r}: 只能是 strict 或 replace")
    if encoding:
        check_encoding(encoding)
    if fmt is None and path != "-":
        fmt = input_format(path, None)
    source = Source.open(path)
    fmt = fmt or sniff_format(source.peek_bytes(64))
    if fmt == "xlsx":
        return read_xlsx(path, source)
    if fmt == "jsonl":
        return read_jsonl(path, encoding, errors, source)
    return read_csv(path, encoding, errors, source)
