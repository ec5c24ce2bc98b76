"""Reading the first (active) sheet of an .xlsx workbook row by row, with bounded memory and time.

openpyxl's read-only mode trusts the file: it pads rows to the declared ``<dimension>`` (a 1.6 KB
file declaring A1:XFD1048576 yields a million rows of 16,384 cells), builds every text node whole
(a 1.5 MB file inflating to a 1.5 GB string takes gigabytes) and raises on one bad cell.  This
reader parses the sheet XML itself with expat, streamed from the zip member in chunks:

- every zip member read is capped in decompressed size (``MEMBER_LIMITS``);
- a cell's text is kept only up to ``CELL_LIMIT`` characters (the rest is counted, not stored),
  and an oversized cell makes its row an error row;
- columns past ``COLUMN_LIMIT`` are ignored; the declared dimension is never used;
- a run of more than ``EMPTY_RUN_LIMIT`` empty rows ends the sheet with one error row that says so;
- a cell that cannot be read (a bad number, a shared-string index out of range, a bad date) makes
  its row an error row naming the cell; reading goes on.

expat resolves no external entities and stops entity amplification (billion laughs).
"""
from __future__ import annotations

import datetime as _dt
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import IO, Callable, Iterator
from xml.parsers import expat

CELL_LIMIT = 65536            # characters kept of one cell
COLUMN_LIMIT = 1024           # columns read per row
EMPTY_RUN_LIMIT = 1000        # empty rows in a row before the rest of the sheet is taken to be empty
MEMBER_LIMITS = {"sheet": 4 << 30, "sharedStrings": 256 << 20, "other": 16 << 20}  # decompressed bytes
SHARED_STRING_LIMIT = 2_000_000
CHUNK = 1 << 16
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57})
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


class WorkbookError(Exception):
    """The workbook cannot be read at all."""


@dataclass(frozen=True)
class CellProblem:
    """A cell that could not be read; its row becomes an error row."""
    ref: str
    message: str


class _Oversized(str):
    """A cell text that was cut at CELL_LIMIT; ``length`` is the real length."""
    length: int = 0


def column_index(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number - 1


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _parse_member(book: zipfile.ZipFile, name: str, limit: int, parser, progress: Callable[[int], None] | None = None,
                  events: list | None = None):
    """Feed one zip member to an expat parser in chunks, stopping at ``limit`` decompressed bytes.

    When ``events`` is given, this is a generator that yields whatever the handlers appended to it after
    each chunk (so rows stream out while the sheet is parsed).
    """
    try:
        member = book.open(name)
    except KeyError:
        raise WorkbookError(f"缺少 {name}") from None
    total = 0
    with member:
        while True:
            try:
                chunk = member.read(CHUNK)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # zlib.error is not an OSError
                raise WorkbookError(f"{name} 无法解压 ({exc})") from None
            except Exception as exc:  # zlib.error
                raise WorkbookError(f"{name} 无法解压 ({exc})") from None
            total += len(chunk)
            if total > limit:
                raise WorkbookError(f"{name} 解压后超过 {limit >> 20} MB,不像正常的工单导出(可能是压缩炸弹)")
            try:
                parser.Parse(chunk, not chunk)
            except expat.ExpatError as exc:
                raise WorkbookError(f"{name} 不是有效的 XML ({expat.ErrorString(exc.code)}, "
                                    f"第 {exc.lineno} 行第 {exc.offset} 列)") from None
            if progress:
                progress(len(chunk))
            if events is not None and events:
                yield from events
                events.clear()
            if not chunk:
                return


def _drain(generator) -> None:
    for _ in generator:
        pass


def _new_parser():
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    return parser


def _attributes_of(book: zipfile.ZipFile, name: str, tag: str) -> list[dict]:
    """The attributes of every ``tag`` element of a small XML member."""
    found: list[dict] = []
    parser = _new_parser()
    parser.StartElementHandler = lambda t, attrs: found.append(attrs) if t.endswith("}" + tag) else None
    _drain(_parse_member(book, name, MEMBER_LIMITS["other"], parser))
    return found


def _sheet_path(book: zipfile.ZipFile) -> str:
    """The path of the active sheet (the first one when the workbook does not say)."""
    sheets = _attributes_of(book, "xl/workbook.xml", "sheet")
    if not sheets:
        raise WorkbookError("工作簿中没有工作表")
    views = _attributes_of(book, "xl/workbook.xml", "workbookView")
    try:
        active = int(views[0].get("activeTab", 0)) if views else 0
    except ValueError:
        active = 0
    sheet = sheets[active] if 0 <= active < len(sheets) else sheets[0]
    rel_id = sheet.get(f"{NS_REL}}}id")
    try:
        rels = {r.get("Id"): r.get("Target", "") for r in
                _attributes_of(book, "xl/_rels/workbook.xml.rels", "Relationship")}
    except WorkbookError:
        rels = {}
    target = rels.get(rel_id)
    if not target:
        return "xl/worksheets/sheet1.xml"
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _date_styles(book: zipfile.ZipFile) -> frozenset[int]:
    """Indexes of the cell styles whose number format shows a date."""
    if "xl/styles.xml" not in book.namelist():
        return frozenset()
    custom: dict[int, str] = {}
    xfs: list[int] = []
    in_xfs = [False]
    parser = _new_parser()

    def start(tag, attrs):
        local = tag.rsplit("}", 1)[-1]
        if local == "numFmt":
            try:
                custom[int(attrs.get("numFmtId", -1))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif local == "cellXfs":
            in_xfs[0] = True
        elif local == "xf" and in_xfs[0]:
            try:
                xfs.append(int(attrs.get("numFmtId", 0)))
            except ValueError:
                xfs.append(0)

    def end(tag):
        if tag.endswith("}cellXfs"):
            in_xfs[0] = False
    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        _drain(_parse_member(book, "xl/styles.xml", MEMBER_LIMITS["other"], parser))
    except WorkbookError:
        return frozenset()

    def is_date(fmt_id: int) -> bool:
        if fmt_id in DATE_FORMAT_IDS:
            return True
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", custom.get(fmt_id, "")).lower()
        return bool(code) and any(c in code for c in "ymd") and "0" not in code.split(";")[0][:1]
    return frozenset(i for i, fmt_id in enumerate(xfs) if is_date(fmt_id))


class _Text:
    """Collects character data up to CELL_LIMIT, counting the rest."""

    def __init__(self):
        self.parts: list[str] = []
        self.size = 0

    def add(self, data: str) -> None:
        room = CELL_LIMIT - self.size
        if room > 0:
            self.parts.append(data[:room])
        self.size += len(data)

    def value(self) -> str:
        text = "".join(self.parts)
        if self.size > CELL_LIMIT:
            text = _Oversized(text)
            text.length = self.size
        return text


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    path = "xl/sharedStrings.xml"
    if path not in book.namelist():
        return []
    strings: list[str] = []
    state = {"si": None, "t": False, "rph": 0}
    parser = _new_parser()

    def start(tag, attrs):
        local = tag.rsplit("}", 1)[-1]
        if local == "si":
            state["si"] = _Text()
        elif local == "rPh":
            state["rph"] += 1  # phonetic runs are not part of the text
        elif local == "t" and state["si"] is not None and not state["rph"]:
            state["t"] = True

    def end(tag):
        local = tag.rsplit("}", 1)[-1]
        if local == "si" and state["si"] is not None:
            strings.append(state["si"].value())
            state["si"] = None
            if len(strings) > SHARED_STRING_LIMIT:
                raise WorkbookError(f"共享字符串超过 {SHARED_STRING_LIMIT} 个")
        elif local == "rPh":
            state["rph"] -= 1
        elif local == "t":
            state["t"] = False

    def text(data):
        if state["t"]:
            state["si"].add(data)
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    _drain(_parse_member(book, path, MEMBER_LIMITS["sharedStrings"], parser))
    return strings


def _excel_date(serial: float) -> str:
    moment = _dt.datetime(1899, 12, 30) + _dt.timedelta(days=serial)
    if moment.hour == moment.minute == moment.second == 0:
        return moment.date().isoformat()
    return moment.isoformat(sep=" ", timespec="seconds")


def _number(text: str) -> str:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)


def _cell_value(kind: str, raw: str, style: int, strings: list[str], date_styles: frozenset[int]):
    """The text of one cell, or raise ValueError/IndexError with the reason."""
    if kind == "s":
        index = int(raw)
        if not 0 <= index < len(strings):
            raise IndexError(f"共享字符串编号 {raw} 不存在(共 {len(strings)} 个)")
        return strings[index]
    if kind in ("str", "inlineStr", "e"):
        return raw
    if kind == "b":
        return {"1": "True", "0": "False"}.get(raw.strip(), raw)
    if kind == "d":
        text = raw.strip()
        _dt.datetime.fromisoformat(text.replace("Z", ""))  # raises ValueError for 2024-99-99
        return text
    if not raw.strip():
        return ""
    if style in date_styles:
        serial = float(raw)
        if not 0 <= serial < 2958466:
            raise ValueError(f"日期序号 {raw} 超出范围")
        return _excel_date(serial)
    return _number(raw)


def read_sheet(path_or_file: str | IO[bytes], progress: Callable[[int], None] | None = None
               ) -> tuple[int, Iterator[tuple[int, list | CellProblem | str]]]:
    """(uncompressed size of the sheet, rows): each row is (sheet row number, list of cell texts),
    or (row number, CellProblem) for a row with a bad cell, or (row number, str) for a message row
    (an oversized cell or a sheet cut short).  Raises WorkbookError if the workbook cannot be opened.
    """
    try:
        book = zipfile.ZipFile(path_or_file)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookError(f"不是 .xlsx 文件 ({exc})") from None
    try:
        sheet = _sheet_path(book)
        info = book.getinfo(sheet)
    except KeyError:
        raise WorkbookError(f"工作簿缺少工作表 {sheet}") from None
    strings = _shared_strings(book)
    date_styles = _date_styles(book)
    return info.file_size, _rows(book, sheet, strings, date_styles, progress)


def _rows(book, sheet, strings, date_styles, progress):
    events: list = []
    state = {"row": 0, "cells": {}, "problem": None, "cell": None, "text": None, "in_v": False, "in_t": False,
             "rph": 0, "next_col": 0}
    parser = _new_parser()

    def start(tag, attrs):
        local = tag.rsplit("}", 1)[-1]
        if local == "row":
            try:
                number = int(attrs.get("r", state["row"] + 1))
            except ValueError:
                number = state["row"] + 1
            state.update(row=max(number, state["row"] + 1), cells={}, problem=None, next_col=0)
        elif local == "c":
            ref = attrs.get("r", "")
            match = _CELL_REF.match(ref)
            col = column_index(match.group(1)) if match else state["next_col"]
            state["next_col"] = col + 1
            try:
                style = int(attrs.get("s", 0))
            except ValueError:
                style = 0
            state["cell"] = (ref or f"{column_letters(col)}{state['row']}", col, attrs.get("t", "n"), style)
            state["text"] = _Text()
        elif local == "v" and state["cell"]:
            state["in_v"] = True
        elif local == "rPh":
            state["rph"] += 1
        elif local == "t" and state["cell"] and not state["rph"]:
            state["in_t"] = True

    def end(tag):
        local = tag.rsplit("}", 1)[-1]
        if local == "c" and state["cell"]:
            ref, col, kind, style = state["cell"]
            state["cell"] = None
            if state["problem"]:
                return
            if col >= COLUMN_LIMIT:
                if state["text"].size:
                    state["problem"] = f"单元格 {ref} 超出第 {COLUMN_LIMIT} 列,不读取"
                return
            raw = state["text"].value()
            if isinstance(raw, _Oversized):
                state["problem"] = f"单元格 {ref} 有 {raw.length} 个字符,超过上限 {CELL_LIMIT}"
                return
            try:
                state["cells"][col] = _cell_value(kind, raw, style, strings, date_styles)
            except (ValueError, IndexError, OverflowError) as exc:
                reason = str(exc) if isinstance(exc, IndexError) else f"值 {raw[:40]!r} 无法按类型 {kind} 读取"
                state["problem"] = CellProblem(ref, f"单元格 {ref}: {reason}")
        elif local == "row":
            number = state["row"]
            if state["problem"]:
                events.append((number, state["problem"]))
            else:
                cells = state["cells"]
                width = max(cells) + 1 if cells else 0
                events.append((number, [cells.get(i, "") for i in range(width)]))
        elif local == "v":
            state["in_v"] = False
        elif local == "t":
            state["in_t"] = False
        elif local == "rPh":
            state["rph"] -= 1

    def text(data):
        if state["in_v"] or state["in_t"]:
            state["text"].add(data)
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    last = held = 0  # held: empty rows not yet given out (trailing empty rows are never given out)
    try:
        for number, cells in _parse_member(book, sheet, MEMBER_LIMITS["sheet"], parser, progress, events):
            held += number - last - 1
            last = number
            if isinstance(cells, list) and not any(c.strip() for c in cells):
                held += 1
                continue
            if held > EMPTY_RUN_LIMIT:
                yield number - held, (f"第 {number - held} 行起连续 {held} 行为空(超过 {EMPTY_RUN_LIMIT} 行),"
                                      f"其后的内容未读取")
                return
            for empty in range(number - held, number):
                yield empty, []
            held = 0
            yield number, cells
    finally:
        book.close()
