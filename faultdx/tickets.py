"""Reading ticket exports row by row: CSV (UTF-8, UTF-8 with BOM, GB18030/GBK), Excel .xlsx, JSON Lines.

Every reader yields ``(row_number, cells)`` with 1-based data-row numbers and never holds the
whole file: CSV is decoded incrementally, .xlsx is read with openpyxl's read-only (streaming) mode.
A row that cannot be read (bad JSON, a broken line) is yielded as ``(row_number, RowError)``
so that it still gets its output row.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from typing import IO, Iterator

ENCODINGS = ("utf-8-sig", "gb18030")
FORMATS = ("csv", "xlsx", "jsonl")


class InputError(Exception):
    """Input that cannot be read at all (exit status 2); the message names the file."""


@dataclass(frozen=True)
class RowError:
    message: str


def input_format(path: str, given: str | None) -> str:
    if given:
        return given
    if path == "-":
        return "csv"
    ext = os.path.splitext(path)[1].lower()
    formats = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl"}
    if ext not in formats:
        raise InputError(f"{path}: cannot tell the format from '{ext or 'no extension'}'; "
                         f"use --input-format {'/'.join(FORMATS)}")
    return formats[ext]


def open_binary(path: str) -> IO[bytes]:
    """The file, or standard input spooled to a temporary file so that it can be read twice."""
    if path != "-":
        try:
            return open(path, "rb")
        except OSError as exc:
            raise InputError(f"{path}: {exc.strerror}") from None
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    shutil.copyfileobj(sys.stdin.buffer, spool)
    spool.seek(0)
    return spool


def detect_encoding(stream: IO[bytes], name: str) -> str:
    """The first of UTF-8 (BOM or not) and GB18030 that decodes the whole stream; one pass each, in chunks."""
    failures = []
    for encoding in ENCODINGS:
        stream.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        offset = 0
        try:
            while chunk := stream.read(1 << 20):
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
            stream.seek(0)
            return encoding
        except UnicodeDecodeError as exc:
            failures.append(f"{encoding.replace('-sig', '')} at byte {offset + exc.start}")
    raise InputError(f"{name}: not UTF-8 or GB18030/GBK text ({'; '.join(failures)}); "
                     f"give the encoding with --encoding")


def read_csv(path: str, encoding: str | None) -> tuple[list[str], Iterator[tuple[int, dict | RowError]]]:
    stream = open_binary(path)
    name = "<stdin>" if path == "-" else path
    encoding = encoding or detect_encoding(stream, name)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"--encoding: unknown encoding {encoding!r}") from None
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    lines = (line.replace("\x00", "\ufffd") for line in text)
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{name}: empty file (no header row)") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: does not decode as {encoding}: {exc.reason}") from None
    header = [h.strip() for h in header]

    def rows():
        number = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: does not decode as {encoding} after data row {number}: {exc.reason}") from None
            except csv.Error as exc:
                number += 1
                yield number, RowError(f"unreadable CSV line: {exc}")
                continue
            number += 1
            yield number, dict(zip(header, cells))
        stream.close()
    return header, rows()


def read_xlsx(path: str) -> tuple[list[str], Iterator[tuple[int, dict | RowError]]]:
    from openpyxl import load_workbook
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-workbook
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    sheet_rows = book.active.iter_rows(values_only=True)
    header_row = next(sheet_rows, None)
    if header_row is None:
        raise InputError(f"{path}: empty workbook (no header row)")
    header = ["" if h is None else str(h).strip() for h in header_row]

    def rows():
        for number, values in enumerate(sheet_rows, 1):
            yield number, {h: "" if v is None else _cell(v) for h, v in zip(header, values)}
        book.close()
    return header, rows()


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_jsonl(path: str, encoding: str | None) -> tuple[list[str], Iterator[tuple[int, dict | RowError]]]:
    stream = open_binary(path)
    text = io.TextIOWrapper(stream, encoding=encoding or "utf-8-sig", errors="replace")

    def rows():
        number = 0
        for line in text:
            if not line.strip():
                continue
            number += 1
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, RowError(f"not valid JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(record, dict):
                yield number, RowError("a JSON Lines row must be an object")
                continue
            yield number, {str(k): "" if v is None else (v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                                                         if isinstance(v, (dict, list)) else str(v))
                           for k, v in record.items()}
        stream.close()
    return [], rows()


def read_rows(path: str, fmt: str | None = None, encoding: str | None = None):
    """(header, rows) for the file; header is empty for JSON Lines (keys vary per row)."""
    fmt = input_format(path, fmt)
    if fmt == "xlsx":
        if path == "-":
            raise InputError("standard input is read as CSV only")
        return read_xlsx(path)
    if fmt == "jsonl":
        return read_jsonl(path, encoding)
    return read_csv(path, encoding)
