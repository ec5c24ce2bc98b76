"""Batch triage of ticket exports: one output row per input row, in order, streamed.

``triage(path, out, ...)`` reads rows (``faultdx.tickets``), maps columns to roles and case
fields, extracts facts from the free text, lets structured columns win, diagnoses (with a cache
keyed by the case: the engine is a pure function of the facts), and writes JSON Lines, JSON,
CSV or a table.  Worker processes do the per-row work when ``jobs > 1``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from typing import IO, Any, Callable, Iterable, Iterator

from tabulate import tabulate

from faultdx.config import Config
from faultdx.engine import Diagnoser
from faultdx.facts import FIELD_NAMES, Case, FactError
from faultdx.reader import Reading, mask_passwords, read
from faultdx.kb import CATEGORY_LABELS
from faultdx.lint import lint
from faultdx.phrasebook import AUDIENCE_LABELS
from faultdx.render import FIELD_LABELS
from faultdx.tickets import RowError, read_rows

ROLE_ALIASES = {
    "ticket_id": ("工单号", "工单编号", "ticket_id", "id", "单号", "ticket"),
    "description": ("故障现象", "故障描述", "问题描述", "description", "描述", "故障内容"),
    "notes": ("处理过程", "处理记录", "备注", "notes"),
    "account": ("帐号", "账号", "宽带帐号", "宽带账号", "account"),
    "error_codes": ("错误代码", "error_code", "错误码"),
    "account_status": ("帐号状态", "账号状态"),
    "service": ("业务类型",),
    "stage": ("流程环节", "卡单环节"),
}
TEXT_ROLES = ("description", "notes")
MAX_CELL = 65536
OUTPUT_FORMATS = ("jsonl", "json", "csv", "table")
CSV_COLUMNS = ("ticket_id", "row", "status", "error", "category", "causes", "steps", "questions", "rules", "facts",
               "phrasing", "lint")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CACHE_LIMIT = 20000


class StrictStop(Exception):
    """--strict met a bad row; the message is FILE:ROW: message."""


def fold_header(name: str) -> str:
    return "".join(str(name).split()).lower()


def resolve_columns(header: Iterable[str], overrides: dict[str, str] | None = None) -> dict[str, str]:
    """role or case field -> the column that holds it; ``overrides`` (from --map) win."""
    aliases: dict[str, str] = {}
    for role, names in ROLE_ALIASES.items():
        for name in names:
            aliases[fold_header(name)] = role
    for name in FIELD_NAMES:
        aliases.setdefault(fold_header(name), name)
        aliases.setdefault(fold_header(FIELD_LABELS[name]), name)
    columns: dict[str, str] = {}
    for column in header:
        role = aliases.get(fold_header(column))
        if role and role not in columns:
            columns[role] = column
    columns.update(overrides or {})
    return columns


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """--map field=column pairs; raises ValueError naming a bad one."""
    valid = set(ROLE_ALIASES) | set(FIELD_NAMES)
    mapping = {}
    for pair in pairs:
        role, sep, column = pair.partition("=")
        if not sep or not column or role not in valid:
            raise ValueError(f"--map {pair!r}: expected field=column with field one of {', '.join(sorted(valid))}")
        mapping[role] = column
    return mapping


@dataclass
class RowTriage:
    """Turns one row's cells into one output record (a plain dict)."""

    diagnoser: Diagnoser
    source: str
    use_cache: bool = True
    lint_column: str | None = None
    cache: dict = field(default_factory=dict)

    def record(self, number: int, cells: dict | RowError, columns: dict[str, str]) -> dict[str, Any]:
        """The output record of one row."""
        return self._build(number, cells, columns)[0]

    def json_text(self, number: int, cells: dict | RowError, columns: dict[str, str]) -> tuple[dict, str]:
        """The record and its JSON text, built around the cached JSON of its diagnosis part."""
        record, fragment = self._build(number, cells, columns)
        if fragment is None:
            return record, json.dumps(record, ensure_ascii=False)
        head = json.dumps({k: record[k] for k in ("ticket_id", "row", "status", "error")}, ensure_ascii=False)
        tail = json.dumps({k: record[k] for k in ("facts", "evidence", "warnings", "lint") if k in record},
                          ensure_ascii=False)
        return record, f"{head[:-1]}, {fragment}, {tail[1:]}"

    def _build(self, number: int, cells: dict | RowError, columns: dict[str, str]) -> tuple[dict, str | None]:
        ticket = cells.get(columns.get("ticket_id", ""), "") if isinstance(cells, dict) else ""
        base = {"ticket_id": _safe_text(ticket) or str(number), "row": number}
        try:
            reading = self.case(cells, columns)
        except RowProblem as exc:
            return {**base, "status": "error", "error": f"{self.source}:{number}: {exc}", "category": "unknown",
                    "causes": [], "steps": [], "questions": [], "rules": [], "phrasing": [], "facts": {},
                    "evidence": [], "warnings": []}, None
        case = reading.case
        fields, fragment = self.diagnosis(case)
        record = {**base, "status": "ok", "error": None, **fields, "facts": _jsonable(case.known()),
                  "evidence": reading.to_list(), "warnings": list(reading.warnings)}
        column = self.lint_column or columns.get("notes")
        if column is not None:
            record["lint"] = [{"start": h.start, "end": h.end, "text": h.text, "forbidden": h.forbidden,
                               "instead_id": h.instead_id} for h in lint(mask_passwords(cells.get(column, "")))]
        return record, fragment

    def case(self, cells: dict | RowError, columns: dict[str, str]) -> Reading:
        if isinstance(cells, RowError):
            raise RowProblem(cells.message)
        if not any(v.strip() for v in cells.values()):
            raise RowProblem("empty row")
        for column, value in cells.items():
            if len(value) > MAX_CELL:
                raise RowProblem(f"column {column!r}: cell of {len(value)} characters exceeds {MAX_CELL}")
        text = " ".join(cells.get(columns[r], "") for r in TEXT_ROLES if r in columns)
        structured = {name: cells.get(column, "").strip() for name, column in _structured(columns)}
        try:
            reading = read(text, {k: v for k, v in structured.items() if v})
        except FactError as exc:
            column = dict(_structured(columns)).get(exc.field, exc.field)
            raise RowProblem(f"column {column!r} ({exc.field}): {mask_passwords(str(exc.value))!r} "
                             f"is not valid; accepted: {exc.accepted}") from None
        if not reading.case.known() and not text.strip():
            raise RowProblem("no description, notes or structured fields to diagnose")
        return reading

    def diagnosis(self, case: Case) -> tuple[dict[str, Any], str]:
        """The diagnosis fields of a record and their JSON text, from the cache unless --no-cache."""
        if not self.use_cache:
            return _diagnosis_fields(self.diagnoser.diagnose(case))
        hit = self.cache.get(case)
        if hit is None:
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            hit = self.cache[case] = _diagnosis_fields(self.diagnoser.diagnose(case))
        return hit


def _structured(columns: dict[str, str]) -> list[tuple[str, str]]:
    """The (case field, column) pairs of the structured columns, in field order."""
    return [(name, columns[name]) for name in FIELD_NAMES if name in columns]


class RowProblem(Exception):
    """Why one row could not be diagnosed (it still gets an output row with status error)."""


def _safe_text(value: Any) -> str:
    return mask_passwords(str(value)).strip()


def _jsonable(facts: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in facts.items()}


def _diagnosis_fields(result) -> tuple[dict[str, Any], str]:
    fields = {
        "category": result.category,
        "causes": [c.text for c in result.causes],
        "steps": [{"text": s.text, "phrase_id": s.phrase_id, "audience": s.audience} for s in result.steps],
        "questions": [{"key": q.key, "prompt": q.prompt, "where": q.where} for q in result.questions],
        "rules": result.rules,
        "phrasing": [{"text": s.text, "phrase_id": s.phrase_id, "audience": s.audience} for s in result.phrasing],
    }
    return fields, json.dumps(fields, ensure_ascii=False)[1:-1]


# --- output ---------------------------------------------------------------------------

def neutralise(cell: str) -> str:
    """A cell Excel will not run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def flat_row(record: dict[str, Any]) -> list[str]:
    steps = "\n".join(f"{i}. [{AUDIENCE_LABELS[s['audience']]}] {s['text']}" for i, s in enumerate(record["steps"], 1))
    return [
        neutralise(record["ticket_id"]), str(record["row"]), record["status"], neutralise(record["error"] or ""),
        record["category"], "\n".join(record["causes"]), steps,
        "\n".join(q["prompt"] for q in record["questions"]), " ".join(record["rules"]),
        json.dumps(record["facts"], ensure_ascii=False),
        "\n".join(s["text"] for s in record["phrasing"]),
        neutralise("\n".join(f"{h['text']} → {h['instead_id']}" for h in record.get("lint", []))),
    ]


class Writer:
    """Writes serialised records in one of OUTPUT_FORMATS to a text stream."""

    def __init__(self, stream: IO[str], fmt: str):
        self.stream, self.fmt, self.count = stream, fmt, 0
        self.table: list[list[str]] = []
        if fmt == "csv":
            self.csv = csv.writer(stream)
            self.csv.writerow(CSV_COLUMNS)
        elif fmt == "json":
            stream.write("[")

    def write(self, item: Any) -> None:
        if self.fmt == "jsonl":
            self.stream.write(item + "\n")
        elif self.fmt == "json":
            self.stream.write(("," if self.count else "") + "\n" + item)
        elif self.fmt == "csv":
            self.csv.writerow(item)
        else:
            self.table.append(item)  # a table is for reading: it is laid out once all rows are in
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.stream.write("\n]\n")
        elif self.fmt == "table":
            rows = [[r[0], r[1], r[2], CATEGORY_LABELS[r[4]], r[6] or r[3], r[7]] for r in self.table]
            self.stream.write(tabulate(rows, headers=["工单", "行", "状态", "类别", "处理步骤/错误", "待确认"],
                                       tablefmt="grid") + "\n")


class AtomicOutput:
    """A text file written to a temporary name and renamed into place only on success."""

    def __init__(self, path: str, encoding: str):
        self.path, self.encoding = path, encoding

    def __enter__(self) -> IO[str]:
        directory = os.path.dirname(os.path.abspath(self.path))
        handle, self.temp = tempfile.mkstemp(prefix=".faultdx-", suffix=".part", dir=directory)
        self.stream = io.open(handle, "w", encoding=self.encoding, newline="")
        return self.stream

    def __exit__(self, kind, value, traceback) -> None:
        self.stream.close()
        if kind is None:
            os.replace(self.temp, self.path)
        else:
            os.unlink(self.temp)


# --- the pipeline ---------------------------------------------------------------------

@dataclass
class Summary:
    by_category: Counter = field(default_factory=Counter)
    by_status: Counter = field(default_factory=Counter)
    lint_hits: int = 0
    rows: int = 0
    seconds: float = 0.0

    def add(self, record: dict[str, Any]) -> None:
        self.rows += 1
        self.by_status[record["status"]] += 1
        self.by_category[record["category"]] += 1
        self.lint_hits += record.get("lint", 0)

    def table(self) -> str:
        rows = [(CATEGORY_LABELS[c], c, n) for c, n in sorted(self.by_category.items(), key=lambda kv: -kv[1])]
        status = [(s, n) for s, n in sorted(self.by_status.items())]
        rate = f"{self.rows / self.seconds:,.0f} 行/秒" if self.seconds else ""
        return (tabulate(rows, headers=["类别", "category", "工单数"], tablefmt="simple") + "\n\n"
                + tabulate(status, headers=["状态", "工单数"], tablefmt="simple")
                + f"\n\n服务禁语: {self.lint_hits} 处"
                + f"\n共 {self.rows} 行,用时 {self.seconds:.1f} 秒 {rate}")


_worker: RowTriage | None = None


def _init_worker(config: Config, source: str, use_cache: bool, lint_column: str | None) -> None:
    global _worker
    _worker = RowTriage(Diagnoser(config, cache_size=4096 if use_cache else 0), source, use_cache, lint_column)


def _work(batch: tuple[str, dict[str, str], list]) -> list[tuple[dict[str, Any], Any]]:
    fmt, columns, rows = batch
    out = []
    for number, cells in rows:
        if fmt in ("jsonl", "json"):
            record, item = _worker.json_text(number, cells, columns)
        else:
            record = _worker.record(number, cells, columns)
            item = flat_row(record)
        out.append((_summary_view(record), item))
    return out


def _summary_view(record: dict[str, Any]) -> dict[str, Any]:
    return {"status": record["status"], "category": record["category"], "error": record["error"],
            "lint": len(record.get("lint", ()))}


def _batches(rows: Iterator, header: list[str], mapping: dict[str, str], fmt: str, size: int):
    fixed = resolve_columns(header, mapping) if header else None
    while batch := list(islice(rows, size)):
        if fixed is not None:
            yield fmt, fixed, batch
        else:  # JSON Lines: keys may differ from row to row
            for key, group in _group_by_keys(batch):
                yield fmt, resolve_columns(key, mapping), group


def _group_by_keys(batch: list):
    group, key = [], None
    for number, cells in batch:
        this = tuple(cells) if isinstance(cells, dict) else key
        if group and this != key:
            yield key or (), group
            group = []
        key = this
        group.append((number, cells))
    if group:
        yield key or (), group


def triage(path: str, out: IO[str] | None, *, fmt: str = "jsonl", config: Config | None = None,
           input_format: str | None = None, encoding: str | None = None, mapping: dict[str, str] | None = None,
           jobs: int = 1, use_cache: bool = True, strict: bool = False, lint_column: str | None = None,
           progress: Callable[[int], None] | None = None, batch_size: int = 2000) -> Summary:
    """Triage every row of ``path`` into ``out`` (None: count only); returns the summary."""
    config = config if config is not None else Config()
    source = "<stdin>" if path == "-" else path
    header, rows = read_rows(path, input_format, encoding)
    writer = Writer(out, fmt) if out is not None else None
    summary = Summary()
    started = time.perf_counter()
    batches = _batches(rows, header, mapping or {}, fmt, batch_size)
    pool = None
    if jobs > 1:
        pool = get_context("fork" if sys.platform.startswith("linux") else "spawn").Pool(
            jobs, _init_worker, (config, source, use_cache, lint_column))
        results = pool.imap(_work, batches)
    else:
        _init_worker(config, source, use_cache, lint_column)
        results = map(_work, batches)
    try:
        for done in results:
            for view, item in done:
                if strict and view["status"] == "error":
                    raise StrictStop(view["error"])
                summary.add(view)
                if writer is not None:
                    writer.write(item)
            if progress:
                progress(summary.rows)
    finally:
        if pool is not None:
            pool.terminate()
    if writer is not None:
        writer.close()
    summary.seconds = time.perf_counter() - started
    return summary
