"""Output that never destroys, and one small writer class per output format.

``AtomicOutput(path)`` writes a regular file atomically: a temporary file in the same directory,
written, flushed, fsync'ed and renamed over the target only on success; its mode is the
replaced file's, or what the umask gives a new file.  ``check_target`` refuses, before anything
is read, a target that is not a regular file (device, FIFO, directory, socket), a symlink, a file
the user may not write (or that has no write bit at all, even for root), the input file itself, a
file in a sticky directory that someone else owns, and a missing or unwritable directory.  Every
temporary file is removed on every way out: an exception, a full disk, a bad encoding, and
SIGTERM/SIGHUP/SIGINT (``remove_temporaries`` is called by the signal handling in the CLI and at exit).

Writers take records (plain dicts as made by ``faultdx.triage``): ``prepare(record)`` turns one into
what ``write`` needs (this runs in the worker processes), ``write`` adds it, ``close`` finishes.
"""
from __future__ import annotations

import atexit
import csv
import errno
import os
import stat
from typing import IO, Any, Iterable


from faultdx.display import escape_controls, json_text, os_error_text  # noqa: F401  (os_error_text re-exported)
from faultdx.kb import CATEGORY_LABELS
from faultdx.phrasebook import AUDIENCE_LABELS
from faultdx.render import FIELD_LABELS, value_label
from faultdx.tickets import codec_problem

FORMAT_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
                     ".tab": "tsv", ".txt": "table", ".xlsx": "xlsx"}
STATUS_LABELS = {"ok": "正常", "error": "出错"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_CELL_LIMIT = 32767
_temporaries: set[str] = set()
_abandoned: list[str] = []   # outputs given up in this process (the old file, if any, left as it was)


class OutputError(Exception):
    """Output that cannot be written (exit status 2); the message names the file and why, in one line."""


def writing_a_file() -> bool:
    """Whether an output file was being written when the run stopped: still open, or given up on the way out."""
    return bool(_temporaries or _abandoned)


def remove_temporaries() -> None:
    """Remove every temporary output file still open (at exit, on a signal)."""
    for path in list(_temporaries):
        try:
            os.unlink(path)
        except OSError:
            pass
        _temporaries.discard(path)


atexit.register(remove_temporaries)


def output_format(fmt: str | None, path: str | None) -> str:
    """The output format: --format, else from -o's extension (an unknown extension is an error), else jsonl."""
    if fmt:
        return fmt
    if not path or _is_devnull(path):
        return "jsonl"
    ext = os.path.splitext(path)[1].lower()
    if ext not in FORMAT_EXTENSIONS:
        raise OutputError(f"-o {path}: 无法从扩展名 '{ext or '(无)'}' 判断输出格式;请用 --format "
                          f"{'/'.join(sorted(set(FORMAT_EXTENSIONS.values())))} 指定,"
                          f"或使用扩展名 {' '.join(FORMAT_EXTENSIONS)}")
    return FORMAT_EXTENSIONS[ext]


def check_output_encoding(name: str) -> str:
    """A text encoding that can write Chinese, or OutputError."""
    problem = codec_problem(name)
    if problem:
        raise OutputError(f"--output-encoding {name!r}: {problem}")
    try:
        "工单号故障现象".encode(name)
    except UnicodeError:
        raise OutputError(f"--output-encoding {name!r}: 无法写出中文;请用 utf-8、utf-8-sig 或 gb18030") from None
    return name


def _describe(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "目录"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"),
                       (stat.S_ISFIFO, "命名管道(FIFO)"), (stat.S_ISSOCK, "套接字")):
        if test(mode):
            return name
    return "特殊文件"


def _is_devnull(path: str) -> bool:
    try:
        return os.path.samestat(os.stat(path), os.stat(os.devnull))
    except OSError:
        return False


def check_target(path: str, inputs: Iterable[str] = (), option: str = "-o") -> None:
    """Refuse (OutputError) a target that AtomicOutput must not replace; see the module docstring."""
    if not path:
        raise OutputError(f"{option}: 文件名为空")
    where = f"{option} {path}"
    if _is_devnull(path):
        return   # -o /dev/null: the output is thrown away, as asked (only the summary is wanted)
    directory = os.path.dirname(os.path.abspath(path))
    try:
        target = os.lstat(path)
    except FileNotFoundError:
        target = None
    except OSError as exc:
        raise OutputError(f"{where}: {os_error_text(exc)}") from None
    if target is not None:
        if stat.S_ISLNK(target.st_mode):
            raise OutputError(f"{where}: 是符号链接,不会替换它;请直接写到链接指向的文件 {os.path.realpath(path)}")
        if not stat.S_ISREG(target.st_mode):
            raise OutputError(f"{where}: 是{_describe(target.st_mode)},不是普通文件,不会写入或替换它")
        for source in inputs:
            if source and source != "-":
                try:
                    if os.path.samestat(os.stat(source), target):
                        raise OutputError(f"{where}: 就是输入文件,写出会毁掉它;请换一个输出文件名")
                except OSError:
                    pass
        if not target.st_mode & 0o222 or not os.access(path, os.W_OK):
            if _read_only_fs(directory):
                raise OutputError(f"{where}: 所在文件系统只读,不能替换它")
            raise OutputError(f"{where}: 文件是只读的(权限 {stat.filemode(target.st_mode)}),不会替换它")
        folder = os.stat(directory)
        euid = os.geteuid()
        if folder.st_mode & stat.S_ISVTX and euid not in (0, target.st_uid, folder.st_uid):
            raise OutputError(f"{where}: 文件属于其他用户,且所在目录设有粘滞位,无法替换")
    if not os.path.isdir(directory):
        raise OutputError(f"{where}: 目录 {directory} 不存在")
    if not os.access(directory, os.W_OK | os.X_OK):
        reason = "所在文件系统只读" if _read_only_fs(directory) else "没有写权限"
        raise OutputError(f"{where}: 目录 {directory} {reason}")


def _read_only_fs(directory: str) -> bool:
    try:
        return bool(os.statvfs(directory).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask



def _ours(error: OSError, *paths: str | None) -> bool:
    """Whether an OSError met while the output was open is the output's: a write error names no file; one that
    names another file (an input that vanished, read by a Dask worker) is that file's and is reported as such."""
    return error.filename is None or error.filename in paths


class AtomicOutput:
    """A file written to a temporary name beside it and renamed into place only on success."""

    def __init__(self, path: str, encoding: str | None = "utf-8", binary: bool = False, inputs: Iterable[str] = (),
                 option: str = "-o"):
        self.path, self.encoding, self.binary, self.inputs, self.option = path, encoding, binary, tuple(inputs), option
        self.temp: str | None = None
        self.stream: IO | None = None

    def _untouched(self) -> str:
        return "原文件未改动" if os.path.lexists(self.path) else "没有留下文件"

    def check(self) -> "AtomicOutput":
        check_target(self.path, self.inputs, self.option)
        return self

    def __enter__(self) -> IO:
        self.check()
        if _is_devnull(self.path):
            self.stream = open(os.devnull, "wb" if self.binary else "w", encoding=None if self.binary else self.encoding)
            return self.stream
        directory = os.path.dirname(os.path.abspath(self.path))
        try:
            mode = stat.S_IMODE(os.stat(self.path).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        try:
            import tempfile
            handle, self.temp = tempfile.mkstemp(prefix=".faultdx-", suffix=".part", dir=directory)
        except OSError as exc:
            raise OutputError(f"{self.option} {self.path}: 无法在 {directory} 中创建临时文件({os_error_text(exc)})"
                              ) from None
        _temporaries.add(self.temp)
        try:
            os.fchmod(handle, mode)
            if self.binary:
                self.stream = os.fdopen(handle, "wb")
            else:
                self.stream = os.fdopen(handle, "w", encoding=self.encoding, newline="")
        except BaseException:
            try:
                os.close(handle)
            except OSError:   # fdopen may already own (and have closed) it: the interruption is what matters
                pass
            self._discard()
            raise
        return self.stream

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            self._close_quietly()
            self._discard()
            _abandoned.append(self.path)
            if isinstance(value, OSError) and kind is not OutputError and _ours(value, self.temp, self.path):
                raise OutputError(f"{self.option} {self.path}: 写入失败({os_error_text(value)}),"
                                  f"{self._untouched()}") from None
            return
        if self.temp is None:   # /dev/null
            self._close_quietly()
            return
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.replace(self.temp, self.path)
            _temporaries.discard(self.temp)
        except OSError as exc:
            self._close_quietly()
            self._discard()
            raise OutputError(f"{self.option} {self.path}: 写入失败({os_error_text(exc)}),{self._untouched()}"
                              ) from None

    def _close_quietly(self) -> None:
        try:
            if self.stream is not None:
                self.stream.close()
        except (OSError, ValueError):
            pass

    def _discard(self) -> None:
        if self.temp:
            try:
                os.unlink(self.temp)
            except OSError:
                pass
            _temporaries.discard(self.temp)


def write_keeping(output: AtomicOutput, text: str, prefix: str) -> None:
    """Write ``text`` through ``output``; if that fails, keep it in a temporary file and raise OutputError
    saying where (or, if even that fails, with the text after the message's first line)."""
    try:
        with output as stream:
            stream.write(text)
        return
    except OutputError as exc:
        problem = str(exc)
    try:
        import tempfile
        handle, kept = tempfile.mkstemp(prefix=prefix, suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
    except OSError:
        raise OutputError(f"{problem};记录如下\n{text}") from None
    raise OutputError(f"{problem};记录已另存到 {kept}")


# --- writers ----------------------------------------------------------------------------

COLUMNS = (  # (record key, header for people)
    ("ticket_id", "工单号"), ("row", "行号"), ("status", "状态"), ("error", "错误"), ("category_label", "故障类别"),
    ("category", "类别代码"), ("causes", "原因"), ("steps", "处理步骤"), ("questions", "待确认"),
    ("candidates", "可能的类别(未确认)"), ("rules", "规则"),
    ("facts", "已知情况"), ("phrasing", "服务用语"), ("lint", "服务禁语"), ("warnings", "提示"),
)
WIDTHS = {"ticket_id": 18, "row": 6, "status": 6, "error": 40, "category_label": 14, "category": 14, "causes": 40,
          "steps": 70, "questions": 40, "candidates": 40, "rules": 30, "facts": 40, "phrasing": 50, "lint": 30, "warnings": 30}


def neutralise(cell: str) -> str:
    """A cell Excel will not run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def facts_text(facts: dict[str, Any]) -> str:
    """Known facts as a person reads them: 帐号状态=在线;CRM带宽=4M."""
    parts = []
    for key, value in facts.items():
        label = FIELD_LABELS.get(key, key)
        try:
            shown = value_label(key, tuple(value) if isinstance(value, list) else value)
        except (KeyError, TypeError, ValueError):
            shown = str(value)
        parts.append(f"{label}={shown}")
    return ";".join(parts)


def flat_cells(record: dict[str, Any]) -> dict[str, str]:
    """A record as text cells for people (CSV, TSV, xlsx, table), keyed like COLUMNS, controls escaped."""
    steps = "\n".join(f"{i}. [{AUDIENCE_LABELS.get(s['audience'], s['audience'])}] {s['text']}"
                      for i, s in enumerate(record.get("steps", ()), 1))
    cells = {
        "ticket_id": record["ticket_id"], "row": str(record["row"]),
        "status": STATUS_LABELS.get(record["status"], record["status"]), "error": record.get("error") or "",
        "category_label": CATEGORY_LABELS.get(record["category"], record["category"]), "category": record["category"],
        "causes": "\n".join(record.get("causes", ())), "steps": steps,
        "questions": "\n".join(q["prompt"] for q in record.get("questions", ())),
        "candidates": "\n".join(f"{c['label']} ← {'、'.join(c['evidence'])}" for c in record.get("candidates", ())),
        "rules": " ".join(record.get("rules", ())), "facts": facts_text(record.get("facts", {})),
        "phrasing": "\n".join(s["text"] for s in record.get("phrasing", ())),
        "lint": "\n".join(f"{h['text']} → {h['instead_id']}" for h in record.get("lint", ())),
        "warnings": "\n".join(record.get("warnings", ())),
    }
    return {k: escape_controls(v) for k, v in cells.items()}


class JsonlWriter:
    """JSON Lines: one strict JSON object per line (the items are the JSON texts)."""
    binary = False

    def __init__(self, stream: IO[str], **_):
        self.stream = stream

    @staticmethod
    def prepare(record: dict[str, Any]) -> str:
        return json_text(record)

    def write(self, item: str) -> None:
        self.stream.write(item + "\n")

    def close(self) -> None:
        pass


class JsonWriter(JsonlWriter):
    """One JSON array, written as the records come."""

    def __init__(self, stream: IO[str], **_):
        super().__init__(stream)
        self.count = 0
        stream.write("[")

    def write(self, item: str) -> None:
        self.stream.write(("," if self.count else "") + "\n" + item)
        self.count += 1

    def close(self) -> None:
        self.stream.write("\n]\n")


class CsvWriter:
    """CSV for Excel: Chinese headers, the category's label and code, formula-like cells neutralised."""
    binary = False
    delimiter = ","

    def __init__(self, stream: IO[str], with_header: bool = True, **_):
        self.writer = csv.writer(stream, delimiter=self.delimiter)
        if with_header:   # False: rows that follow others (a part of the output, see faultdx.triage)
            self.writer.writerow([header for _, header in COLUMNS])

    @staticmethod
    def prepare(record: dict[str, Any]) -> list[str]:
        cells = flat_cells(record)
        return [neutralise(cells[key]) for key, _ in COLUMNS]

    def write(self, item: list[str]) -> None:
        self.writer.writerow(item)

    def close(self) -> None:
        pass


class TsvWriter(CsvWriter):
    """Tab-separated text (what Excel calls 文本文件(制表符分隔))."""
    delimiter = "\t"


class TableWriter:
    """A table to read, as wide as the terminal (long cells wrap); held whole, laid out at the end."""
    binary = False
    COLUMNS = (("ticket_id", "工单"), ("row", "行"), ("status", "状态"), ("category_label", "类别"),
               ("steps", "处理步骤/错误"), ("questions", "待确认"))

    def __init__(self, stream: IO[str], width: int | None = None, **_):
        self.stream = stream
        import shutil
        self.width = width or shutil.get_terminal_size((160, 24)).columns
        self.rows: list[list[str]] = []

    @staticmethod
    def prepare(record: dict[str, Any]) -> list[str]:
        cells = flat_cells(record)
        cells["steps"] = cells["steps"] or cells["error"]
        return [cells[key] for key, _ in TableWriter.COLUMNS]

    def write(self, item: list[str]) -> None:
        self.rows.append(item)

    def column_widths(self) -> list[int]:
        fixed = [18, 6, 4, 12]
        room = max(20, self.width - sum(fixed) - 3 * len(self.COLUMNS) - 1)
        return fixed + [max(10, room * 3 // 5), max(8, room - max(10, room * 3 // 5))]

    def close(self) -> None:
        headers = [header for _, header in self.COLUMNS]
        from tabulate import tabulate
        self.stream.write(tabulate(self.rows, headers=headers, tablefmt="grid",
                                   maxcolwidths=self.column_widths()) + "\n")


class XlsxWriter:
    """A real Excel workbook (openpyxl write-only, streamed): Chinese headers, frozen header row,
    column widths that fit, multi-line cells wrapped, every cell text (never a formula)."""
    binary = True

    def __init__(self, stream: IO[bytes], **_):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
        self.stream = stream
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("分诊结果")
        self.sheet.freeze_panes = "A2"
        for index, (key, _) in enumerate(COLUMNS, 1):
            self.sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[key]
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.bold = Font(bold=True)
        self.sheet.append([self._cell(header, bold=True) for _, header in COLUMNS])

    def _cell(self, text: str, bold: bool = False):
        from openpyxl.cell import WriteOnlyCell
        if len(text) > XLSX_CELL_LIMIT:
            text = text[:XLSX_CELL_LIMIT - 20] + "…(超出 Excel 单元格上限)"
        cell = WriteOnlyCell(self.sheet, value=text)
        cell.data_type = "s"  # text, even when it starts with = (never a formula)
        if bold:
            cell.font = self.bold
        elif "\n" in text:
            cell.alignment = self.wrap
        return cell

    @staticmethod
    def prepare(record: dict[str, Any]) -> list[str]:
        cells = flat_cells(record)
        return [cells[key] for key, _ in COLUMNS]

    def write(self, item: list[str]) -> None:
        self.sheet.append([self._cell(text) for text in item])

    def close(self) -> None:
        self.book.save(self.stream)


WRITERS = {"jsonl": JsonlWriter, "json": JsonWriter, "csv": CsvWriter, "tsv": TsvWriter, "table": TableWriter,
           "xlsx": XlsxWriter}
OUTPUT_FORMATS = tuple(WRITERS)
