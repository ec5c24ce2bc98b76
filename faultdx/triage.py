"""Batch triage of ticket exports: one output row per input row, in order, streamed.

``triage(path, out, ...)`` reads rows (``faultdx.tickets``), maps columns to roles and case
fields (header problems are errors before any row), masks passwords in every cell
(``faultdx.secrets``), extracts facts from the masked free text, lets structured columns win,
diagnoses (with a cache keyed by the case: the engine is a pure function of the facts), and
writes the records with one of ``faultdx.output.WRITERS``.  Worker processes do the per-row work
when ``jobs > 1`` (``faultdx.workers``).
"""
from __future__ import annotations

import contextlib
import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import IO, Any, Callable, Iterable, Iterator


from faultdx.config import Config
from faultdx.display import json_text
from faultdx.abstraction import abstract
from faultdx.engine import Diagnoser, _fill
from faultdx.phrasebook import PLACEHOLDER
from faultdx.facts import FIELD_NAMES, Case, FactError
from faultdx.reader import Reading, read
from faultdx.kb import CATEGORY_LABELS
from faultdx.lint import lint
from faultdx.output import OUTPUT_FORMATS, STATUS_LABELS, WRITERS, neutralise  # noqa: F401  (re-exported)
from faultdx.render import FIELD_LABELS
from faultdx.sanity import case_problem, raw_problem
from faultdx.secrets import mask_cell, mask_cells, mask_passwords
from faultdx.tickets import InputError, RowError, read_rows
from faultdx.workers import WorkerPool

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
QUOTE_LIMIT = 80  # characters of a cell quoted in an error message
CACHE_LIMIT = 4096      # rows (and diagnosis JSON templates) kept per process
MAX_BATCH, MIN_BATCH = 500, 25
TYPICAL_ROW_BYTES = 100  # of a ticket export (id, a sentence or two of description and notes, an account)
ERROR_KINDS = {  # kind -> what a person reads in the summary
    "empty_row": "空行", "no_text": "没有可诊断的内容", "bad_value": "结构化列的值无效",
    "oversized": "行或单元格过大", "unterminated_quote": "引号未闭合", "ragged": "字段数与表头不符",
    "bad_json": "JSON 无效", "bad_cell": "Excel 单元格无法读取", "truncated_sheet": "工作表其后未读取",
    "unreadable_row": "无法读取的行", "bad_number": "数值超出范围", "internal": "内部错误(已写报告)",
}
CRASH_REPORTS = 3   # per process: the first rows that meet a fault of faultdx's each write a report; later ones name the last


class StrictStop(Exception):
    """--strict met a bad row; the message is FILE:ROW: message."""


def fold_header(name: str) -> str:
    return "".join(str(name).split()).lower()


def resolve_columns(header: Iterable[str], overrides: dict[str, str] | None = None) -> dict[str, str]:
    """role or case field -> the column that holds it (the first such column); ``overrides`` (from --map) win."""
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


def check_columns(header: list[str], mapping: dict[str, str], source: str) -> dict[str, str]:
    """The resolved columns of a header, or InputError: a --map to a missing column, nothing to diagnose."""
    existing = "、".join(h or "(空)" for h in header)
    missing = [f"{role}={column}" for role, column in mapping.items() if column not in header]
    if missing:
        raise InputError(f"{source}: --map {', '.join(missing)}: 表头中没有这一列;现有列: {existing}")
    columns = resolve_columns(header, mapping)
    if not any(role in columns for role in (*TEXT_ROLES, *FIELD_NAMES)):
        raise InputError(f"{source}: 找不到故障描述、处理过程或任何结构化列;现有列: {existing}。"
                         f"请用 --map description=列名 指定")
    return columns


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """--map field=column pairs; raises ValueError naming a bad one."""
    valid = set(ROLE_ALIASES) | set(FIELD_NAMES)
    mapping = {}
    for pair in pairs:
        role, sep, column = pair.partition("=")
        if not sep or not column or role not in valid:
            raise ValueError(f"--map {mask_passwords(pair)!r}: 应为 字段=列名,字段是 {', '.join(sorted(valid))} 之一")
        mapping[role] = column
    return mapping


@dataclass(frozen=True)
class _Body:
    """What a row's record holds after its own fields (ticket_id … error_kind), as the row cache keeps it:
    JSON text (thousands of live nested dicts would slow every garbage collection) and the summary's counts."""
    text: str           # the JSON object's members after error_kind, with the closing brace
    category: str
    lint: int
    warned: bool
    likely: str | None = None   # an unplaced case's first likely family (the summary counts them)


@dataclass
class RowTriage:
    """Turns one row's cells into one output record: a JSON Lines line (``line``) or a plain dict (``record``).

    Two caches of pure functions, both off with ``use_cache=False`` (the output is the same): whole rows
    keyed by exactly what is read from them (the free text, the structured cells, the linted cell), so a
    row seen before costs a lookup; and, in the Diagnoser, engine results keyed by the abstract case
    (``faultdx.abstraction``), so rows that differ only in their figures share one engine run.
    """

    diagnoser: Diagnoser
    source: str
    use_cache: bool = True
    lint_column: str | None = None
    shared: "SharedTemplates | None" = None
    rows: dict = field(default_factory=dict)
    _key_of: tuple = field(default=(None, ()), init=False, repr=False)   # (mapping last seen, the columns a key reads)
    templates: dict = field(default_factory=dict)
    crash_reports: int = field(default=0, init=False, repr=False)   # written for rows with a fault of faultdx's
    last_report: str = field(default="", init=False, repr=False)

    def record(self, number: int, cells: dict | RowError, columns: dict[str, str]) -> dict[str, Any]:
        """The output record of one row."""
        base, body, cached = self._row(number, cells, columns)
        return {**base, **(body if body is not None else json.loads("{" + cached.text))}

    def line(self, number: int, cells: dict | RowError, columns: dict[str, str]) -> tuple[dict[str, Any], str]:
        """The summary's view of one row and the row's JSON text (the JSON of ``record``)."""
        base, body, cached = self._row(number, cells, columns)
        if cached is None:
            record = {**base, **body}
            return _summary_view(record), json_text(record)
        view = {**base, "category": cached.category, "lint": cached.lint, "warnings": cached.warned,
                "likely": cached.likely}
        del view["ticket_id"], view["row"]
        return view, f"{json_text(base)[:-1]}, {cached.text}"

    def _row(self, number: int, cells: dict | RowError, columns: dict[str, str]) -> tuple[dict, dict | None, _Body | None]:
        """(the row's own fields, the rest as a dict or None when it came from the cache, the rest as _Body or
        None for an error row)."""
        warnings = list(getattr(cells, "warnings", ()))
        key = None
        if self.use_cache and isinstance(cells, dict) and not warnings:
            key = self._key(cells, columns)   # of the cells as they are: masking them is a function of them
            hit = self.rows.get(key)
            if hit is not None:
                column = columns.get("ticket_id", "")
                return _base(number, mask_cell(column, cells.get(column, ""))), None, hit
        if isinstance(cells, dict):
            cells = mask_cells(cells)
        readable = cells if isinstance(cells, dict) else mask_cells(cells.cells or {})
        base = _base(number, readable.get(columns.get("ticket_id", ""), ""))
        try:
            cached = self._body(cells, columns, warnings)
        except RowProblem as exc:
            base.update(status="error", error=f"{self.source}:{number}: {exc}", error_kind=exc.kind)
            return base, _error_body(warnings), None
        except Exception:   # a fault of faultdx's on this row: the row says so, and the others are triaged
            if os.environ.get("FAULTDX_TRACEBACK"):   # for developers and tests: the real traceback
                raise
            if self.crash_reports < CRASH_REPORTS:
                from faultdx.crash import crash_report
                self.crash_reports += 1
                self.last_report = crash_report(f"{self.source}:{number}")
            base.update(status="error", error=f"{self.source}:{number}: 内部错误,本行未诊断;详细报告: "
                                              f"{self.last_report},请交给维护人员", error_kind="internal")
            return base, _error_body(warnings), None
        if key is not None:
            if len(self.rows) >= CACHE_LIMIT:
                self.rows.clear()
            self.rows[key] = cached
        return base, None, cached

    def _key(self, cells: dict, columns: dict[str, str]) -> tuple:
        """Everything a row's record (after its own fields) is computed from: the cells it reads (the free text,
        the structured cells, the linted cell; None for one the row lacks), whether the row is blank and whether a
        cell is too long."""
        seen, names = self._key_of
        if columns is not seen:   # one mapping per file (per batch of JSON Lines): kept, not hashed again per row
            names = _key_columns(tuple(columns.items()), self.lint_column)
            self._key_of = (columns, names)
        values = cells.values()
        return (*map(cells.get, names), not "".join(values).strip(), max(map(len, values), default=0) > MAX_CELL)

    def _body(self, cells: dict | RowError, columns: dict[str, str], warnings: list[str]) -> _Body:
        """The fields of an ok record after its own; RowProblem says why there are none."""
        for name, column in _structured(columns) if isinstance(cells, dict) else ():
            problem = raw_problem(name, cells.get(column, "").strip())
            if problem:
                raise RowProblem(f"列 {_quote(column)} ({name}): {problem}", "bad_value")
        reading = self.case(cells, columns)
        case = reading.case
        known = case.known()
        problem = case_problem(known)
        if problem:
            raise RowProblem(f"{FIELD_LABELS.get(problem[0], problem[0])}: {problem[1]}", "bad_number")
        diagnosis, category, likely = self._diagnosis(case)
        rest = {"facts": _jsonable(known), "evidence": reading.to_list()}
        column = self.lint_column or columns.get("notes")
        if column is not None:
            rest["lint"] = [{"start": h.start, "end": h.end, "text": h.text, "forbidden": h.forbidden,
                             "instead_id": h.instead_id} for h in lint(cells.get(column, ""))]
        rest["warnings"] = warnings + list(reading.warnings)
        return _Body(f"{diagnosis}, {json_text(rest)[1:]}", category, len(rest.get("lint", ())),
                     bool(rest["warnings"]), likely)

    def _diagnosis(self, case: Case) -> tuple[str, str, str | None]:
        """The JSON members of the diagnosis fields (no braces), the category and the first likely family.

        With the cache, the JSON is made once per abstract case from the Diagnoser's template and this row's
        figures are put into its {placeholders} as JSON strings; ``--no-cache`` builds the Diagnosis itself
        (the tests compare the two on a realistic export).
        """
        if not self.use_cache:
            fields = _diagnosis_fields(self.diagnoser.diagnose(case))
            return json_text(fields)[1:-1], fields["category"], _likely(fields)
        view = abstract(case, self.diagnoser.config.thresholds, explain=False)   # the records carry no derivations
        entry = self.templates.get(view.key)   # a template is a pure function of the abstract case
        if entry is None:
            if len(self.templates) >= CACHE_LIMIT:
                self.templates.clear()
            template = self.shared.get(view.key) if self.shared is not None else None
            if template is None:
                template = self.diagnoser.template(view)
                if self.shared is not None:
                    self.shared.put(view.key, template)
            entry = self.templates[view.key] = (template, json_text(_diagnosis_fields(template))[1:-1],
                                                _fillable_as_json(template))
        template, text, fillable = entry
        likely = template.candidates[0].category if template.candidates else None
        if not fillable:
            return json_text(_diagnosis_fields(_fill(template, case, view)))[1:-1], template.category, likely
        if "{" in text:
            values = view.values
            text = PLACEHOLDER.sub(lambda m: _json_value(values, m.group(1)), text)
        return text, template.category, likely

    def case(self, cells: dict | RowError, columns: dict[str, str]) -> Reading:
        """The reading of one row (cells already masked): its case and evidence; RowProblem says why there is none."""
        if isinstance(cells, RowError):
            raise RowProblem(cells.message, cells.kind)
        if not any(v.strip() for v in cells.values()):
            raise RowProblem("空行", "empty_row")
        for column, value in cells.items():
            if len(value) > MAX_CELL:
                raise RowProblem(f"列 {_quote(column)} 的单元格有 {len(value)} 个字符,超过上限 {MAX_CELL}", "oversized")
        text = " ".join(cells.get(columns[r], "") for r in TEXT_ROLES if r in columns)
        structured = {name: cells.get(column, "").strip() for name, column in _structured(columns)}
        try:
            reading = read(text, {k: v for k, v in structured.items() if v})
        except FactError as exc:
            column = dict(_structured(columns)).get(exc.field, exc.field)
            raise RowProblem(f"列 {_quote(column)} ({exc.field}): {_quote(exc.value)} 无效:"
                             f"{exc.accepted}", "bad_value") from None
        if not reading.case.known() and not text.strip():
            raise RowProblem("没有故障描述、处理过程或结构化字段可供诊断", "no_text")
        return reading


def _json_value(values: dict[str, Any], name: str) -> str:
    """A figure as it goes into a JSON string: what engine._fill would put there, JSON-escaped."""
    found = values.get(name)
    return json_text(f"〔{name} 未知〕" if found is None else str(found))[1:-1]


def _fillable_as_json(template) -> bool:
    """Whether filling the template's JSON gives the JSON of the filled Diagnosis: engine._fill drops a step
    that becomes the same as an earlier one once filled, which text substitution would not do."""
    if any("{" in (q.prompt or "") + (q.where or "") for q in template.questions):
        return False  # only causes and steps are filled
    for steps in (template.steps, template.phrasing):
        ids = [s.phrase_id for s in steps]
        if any(ids.count(s.phrase_id) > 1 for s in steps if "{" in s.text):
            return False
    return True


def _quote(value: Any) -> str:
    """A cell value quoted in an error message: masked and shortened (escaping is the writer's job)."""
    text = mask_passwords(str(value))
    return repr(text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT] + "…")


def _error_body(warnings: list[str]) -> dict[str, Any]:
    """The fields of an error row's record after its own."""
    return {"category": "unknown", "causes": [], "steps": [], "questions": [], "candidates": [], "rules": [],
            "phrasing": [], "facts": {}, "evidence": [], "warnings": warnings}


def _base(number: int, ticket: Any) -> dict[str, Any]:
    """A record's own fields (its ticket id masked already), before those of its diagnosis."""
    return {"ticket_id": str(ticket).strip()[:200] or str(number), "row": number,
            "status": "ok", "error": None, "error_kind": None}


@lru_cache(maxsize=64)
def _key_columns(columns: tuple[tuple[str, str], ...], lint_column: str | None) -> tuple[str, ...]:
    """The columns a row's record (after its own fields) is read from, for the row cache's key."""
    mapping = dict(columns)
    return (*(mapping[r] for r in TEXT_ROLES if r in mapping), *(column for _, column in _structured_of(columns)),
            lint_column or mapping.get("notes"))


def _structured(columns: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The (case field, column) pairs of the structured columns, in field order (asked three times a row)."""
    return _structured_of(tuple(columns.items()))


@lru_cache(maxsize=64)
def _structured_of(columns: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    mapping = dict(columns)
    return tuple((name, mapping[name]) for name in FIELD_NAMES if name in mapping)


class RowProblem(Exception):
    """Why one row could not be diagnosed (it still gets an output row with status error)."""

    def __init__(self, message: str, kind: str = "unreadable_row"):
        super().__init__(message)
        self.kind = kind


def _likely(record: dict[str, Any]) -> str | None:
    """A record's first likely family (an unplaced case's), or None."""
    candidates = record.get("candidates")
    return candidates[0]["category"] if candidates else None


def _jsonable(facts: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in facts.items()}


def _diagnosis_fields(result) -> dict[str, Any]:
    return {
        "category": result.category,
        "causes": [c.text for c in result.causes],
        "steps": [{"text": s.text, "phrase_id": s.phrase_id, "audience": s.audience} for s in result.steps],
        "questions": [{"key": q.key, "prompt": q.prompt, "where": q.where} for q in result.questions],
        "candidates": [{"category": c.category, "label": c.label, "evidence": list(c.evidence)}
                       for c in result.candidates],   # likely families of an unplaced case, not confirmed
        "rules": result.rules,
        "phrasing": [{"text": s.text, "phrase_id": s.phrase_id, "audience": s.audience} for s in result.phrasing],
    }


def flat_row(record: dict[str, Any]) -> list[str]:
    """A record as the CSV writer's row (kept for callers of the old API)."""
    return WRITERS["csv"].prepare(record)


# --- the pipeline ---------------------------------------------------------------------

@dataclass
class Summary:
    by_category: Counter = field(default_factory=Counter)
    by_status: Counter = field(default_factory=Counter)
    by_error: Counter = field(default_factory=Counter)
    by_likely: Counter = field(default_factory=Counter)   # unplaced rows by their first likely family
    lint_hits: int = 0
    warned: int = 0
    rows: int = 0
    seconds: float = 0.0
    output: str | None = None

    def add(self, record: dict[str, Any]) -> None:
        self.rows += 1
        self.by_status[record["status"]] += 1
        self.by_category[record["category"]] += 1
        if record.get("error_kind"):
            self.by_error[record["error_kind"]] += 1
        if record.get("likely"):
            self.by_likely[record["likely"]] += 1
        self.lint_hits += record.get("lint", 0)
        self.warned += bool(record.get("warnings"))

    def merge(self, part: "Summary") -> None:
        """Add the summary of a part of the rows (parts in order: the counts' order of first appearance is kept)."""
        self.by_category.update(part.by_category)
        self.by_status.update(part.by_status)
        self.by_error.update(part.by_error)
        self.by_likely.update(part.by_likely)
        self.lint_hits += part.lint_hits
        self.warned += part.warned
        self.rows += part.rows

    def percent(self, count: int) -> float:
        return round(100 * count / self.rows, 1) if self.rows else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data (keys in English, labels in Chinese)."""
        return {
            "rows": self.rows,
            "seconds": round(self.seconds, 3),
            "rows_per_second": round(self.rows / self.seconds) if self.seconds else None,
            "by_status": {s: {"count": n, "percent": self.percent(n)} for s, n in sorted(self.by_status.items())},
            "by_category": [{"category": c, "label": CATEGORY_LABELS.get(c, c), "count": n,
                             "percent": self.percent(n)} for c, n in self._categories()],
            "errors": [{"kind": k, "label": ERROR_KINDS.get(k, k), "count": n, "percent": self.percent(n)}
                       for k, n in self.by_error.most_common()],
            "unknown_by_likely": [{"category": c, "label": CATEGORY_LABELS.get(c, c), "count": n}
                                  for c, n in _ranked(self.by_likely)],
            "lint_hits": self.lint_hits,
            "rows_with_warnings": self.warned,
            "output": self.output,
        }

    def _categories(self):
        return _ranked(self.by_category)

    def table(self) -> str:
        from tabulate import tabulate
        categories = [(CATEGORY_LABELS.get(c, c), c, f"{n:,}", f"{self.percent(n)}%") for c, n in self._categories()]
        status = [(STATUS_LABELS.get(s, s), f"{n:,}", f"{self.percent(n)}%") for s, n in sorted(self.by_status.items())]
        text = (tabulate(categories, headers=["故障类别", "类别代码", "工单数", "占比"], tablefmt="simple",
                         colalign=("left", "left", "right", "right")) + "\n\n"
                + tabulate(status, headers=["状态", "工单数", "占比"], tablefmt="simple",
                           colalign=("left", "right", "right")))
        if self.by_error:
            errors = [(ERROR_KINDS.get(k, k), f"{n:,}", f"{self.percent(n)}%") for k, n in self.by_error.most_common()]
            text += "\n\n" + tabulate(errors, headers=["出错原因", "工单数", "占比"], tablefmt="simple",
                                      colalign=("left", "right", "right"))
        if self.by_likely:
            likely = _ranked(self.by_likely)
            unplaced, suggested = self.by_category.get("unknown", 0), sum(self.by_likely.values())
            text += (f"\n\n未能归类 {unplaced:,} 行中,可能的类别(未确认,见输出的 candidates / 可能的类别(未确认) 列): "
                     + "、".join(f"{CATEGORY_LABELS.get(c, c)} {n:,}" for c, n in likely)
                     + (f";没有线索 {unplaced - suggested:,}" if unplaced > suggested else ""))
        rate = f",{self.rows / self.seconds:,.0f} 行/秒" if self.seconds else ""
        text += f"\n\n服务禁语: {self.lint_hits:,} 处"
        if self.warned:
            text += f"\n有提示的行: {self.warned:,} 行(见输出的 warnings / 提示 列)"
        text += f"\n共 {self.rows:,} 行,用时 {self.seconds:.1f} 秒{rate}"
        if self.output:
            text += f"\n结果已写入: {self.output}"
        return text


def _ranked(counts: Counter) -> list[tuple[str, int]]:
    """Counts most first, ties by name (the summary's order, the same in every run)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


class RunDirectory:
    """A directory private to one run (in the temporary directory, named with this process's id), removed at the
    end; the directories of this user's runs that died without removing theirs (killed) are removed first."""

    PREFIX = "faultdx-run-"

    def __init__(self, directory: str):
        self.directory = directory

    @classmethod
    @contextlib.contextmanager
    def for_run(cls, wanted: bool) -> Iterator:
        """A new directory for one run (None when not ``wanted`` or when it cannot be made), removed at the end."""
        made = cls.create() if wanted else None
        try:
            yield made
        finally:
            if made is not None:
                made.remove()

    @classmethod
    def create(cls):
        import tempfile
        try:
            cls.remove_stale(tempfile.gettempdir())
            return cls(tempfile.mkdtemp(prefix=f"{cls.PREFIX}{os.getpid()}-"))
        except OSError:
            return None

    @classmethod
    def remove_stale(cls, directory: str) -> None:
        import shutil
        import stat
        for entry in os.listdir(directory):
            pid = entry[len(cls.PREFIX):].split("-", 1)[0] if entry.startswith(cls.PREFIX) else ""
            if not pid.isdigit():
                continue
            path = os.path.join(directory, entry)
            try:
                st = os.lstat(path)
                if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
                    continue
                os.kill(int(pid), 0)
            except ProcessLookupError:   # its run is gone
                shutil.rmtree(path, ignore_errors=True)
            except OSError:   # alive (or not ours to ask about)
                continue

    def remove(self) -> None:
        """Remove the directory; again if a worker still running a cancelled task wrote a file while it went."""
        import shutil
        for _ in range(20):
            shutil.rmtree(self.directory, ignore_errors=True)
            if not os.path.lexists(self.directory):
                return
            time.sleep(0.05)


class SharedTemplates(RunDirectory):
    """Diagnosis templates shared by the workers of one run, through a directory private to that run.

    Every worker would otherwise run the engine for every abstract case it meets, so with N workers most cases
    ran N times (about 800 runs of ~0.8 ms each per worker on a realistic export).  A worker that runs one appends
    the template to a log of its own in the directory; a worker that meets a case it has not seen first reads what
    the other logs gained since it last looked.  A template is a pure function of the abstract case and the
    configuration, which are the same in every worker of a run.

    A record is its length, a digest of it and the pickled (key, template): a record still being written (its
    bytes not all there, or not yet matching the digest) is read on a later look.  The logs are loaded only from
    a directory no one else may write to, and only files no one else may write to; anything that goes wrong means
    the engine is run as before.  One log per worker rather than one file per template: creating and renaming
    ~900 files in a run cost a realistic 50,000-row export ~1 s of system time on ext4 (5.5 s against 4.6 s).
    """

    PREFIX = "faultdx-templates-"
    LOG = "log-"
    _HEADER = 24   # the record's length (8 bytes) and its BLAKE2b-128 digest

    def __init__(self, directory: str):
        super().__init__(directory)
        self._process: int | None = None   # the process the state below belongs to (a forked worker starts anew)

    def __getstate__(self) -> dict:
        return {"directory": self.directory}   # a worker that unpickles it starts with no log and nothing read

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["directory"])

    def _mine(self) -> None:
        if self._process != os.getpid():
            self._process, self._log, self._read, self._known = os.getpid(), None, {}, {}

    @staticmethod
    def _key(key: tuple) -> str:
        from faultdx._diskcache import make_key
        return make_key(repr(key))

    def get(self, key: tuple):
        """The template of an abstract case, or None when no worker has stored it (yet)."""
        self._mine()
        name = self._key(key)
        if name not in self._known:
            self._catch_up()
        return self._known.pop(name, None)   # the caller keeps it from now on

    def put(self, key: tuple, template) -> None:
        import hashlib
        import pickle
        self._mine()
        try:
            record = pickle.dumps((self._key(key), template), protocol=pickle.HIGHEST_PROTOCOL)
            data = memoryview(len(record).to_bytes(8, "little") + hashlib.blake2b(record, digest_size=16).digest()
                              + record)
            if self._log is None:
                from faultdx._diskcache import _private
                if not _private(os.stat(self.directory)):
                    return
                import tempfile
                descriptor, path = tempfile.mkstemp(prefix=self.LOG, dir=self.directory)
                self._log = (open(descriptor, "wb", buffering=0), os.path.basename(path))   # closed with this object
            while data:
                data = data[self._log[0].write(data):]
        except Exception:  # unwritable, full, or a template that does not pickle: the others run the engine
            return

    def _catch_up(self) -> None:
        """Read the records the other workers' logs gained since the last look."""
        import hashlib
        import pickle

        from faultdx._diskcache import _private
        own = self._log[1] if self._log is not None else None
        try:
            if not _private(os.stat(self.directory)):
                return
            names = [n for n in os.listdir(self.directory) if n.startswith(self.LOG) and n != own]
        except OSError:
            return
        for name in names:
            start = self._read.get(name, 0)
            try:
                with open(os.path.join(self.directory, name), "rb") as stream:
                    if not _private(os.fstat(stream.fileno())):
                        continue
                    stream.seek(start)
                    data = stream.read()
            except OSError:
                continue
            at, header = 0, self._HEADER
            while len(data) - at >= header:
                end = at + header + int.from_bytes(data[at:at + 8], "little")
                record = data[at + header:end]
                if end > len(data) or hashlib.blake2b(record, digest_size=16).digest() != data[at + 8:at + header]:
                    break   # still being written: read again on the next look
                try:
                    stored_key, template = pickle.loads(record)
                    self._known.setdefault(stored_key, template)
                except Exception:  # a record that does not load is not used
                    pass
                at = end
            self._read[name] = start + at


class PartOutputs(RunDirectory):
    """Where the workers of a run that cut its input into parts write each part's output, for this process to
    append to the real output in order (see ``_triage_parts``)."""

    PREFIX = "faultdx-parts-"


_worker: RowTriage | None = None


def _init_worker(config: Config, source: str, use_cache: bool, lint_column: str | None,
                 shared: SharedTemplates | None = None) -> None:
    global _worker
    _worker = RowTriage(Diagnoser(config, cache_size=4096 if use_cache else 0), source, use_cache, lint_column,
                        shared)


# Triaging a row makes no reference cycles (0 objects found by gc.collect() after 20,000 realistic rows), so the
# cyclic garbage collector's passes over the young objects, every 700 allocations by default, are pure cost: ~5 %
# of a realistic export's time in one process (3.9 s against 4.1-4.3 s for 20,000 rows).  Triage lets it run every
# GC_ALLOCATIONS allocations instead; a worker process also freezes what it was forked with (the lexicon, the rule
# network), which no collection need walk.
GC_ALLOCATIONS = 50_000


def _start_worker(*args) -> None:
    """A worker process's initializer (see GC_ALLOCATIONS)."""
    import gc
    gc.freeze()
    gc.set_threshold(GC_ALLOCATIONS, *gc.get_threshold()[1:])
    _init_worker(*args)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """GC_ALLOCATIONS for triage in this process, the caller's setting again afterwards."""
    import gc
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], GC_ALLOCATIONS), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _prepare_before_fork() -> None:
    """Build what every worker needs once, here, so that forked workers share it instead of each building it:
    the lexicon, the password pattern (~90 ms to compile) and the rule network."""
    from faultdx import secrets
    from faultdx.engine import shared_engine
    from faultdx.reader import lexicon
    lexicon()
    secrets.mask_passwords("p")
    shared_engine()


def _work(batch: tuple[str, dict[str, str], list], worker: RowTriage | None = None) -> list[tuple[dict[str, Any], Any]]:
    fmt, columns, rows = batch
    worker = worker or _worker
    out = []
    prepare = WRITERS[fmt].prepare
    for number, cells in rows:
        if fmt in ("jsonl", "json"):
            out.append(worker.line(number, cells, columns))
        else:
            record = worker.record(number, cells, columns)
            out.append((_summary_view(record), prepare(record)))
    return out


def _summary_view(record: dict[str, Any]) -> dict[str, Any]:
    return {"status": record["status"], "category": record["category"], "error": record["error"],
            "error_kind": record.get("error_kind"), "lint": len(record.get("lint", ())),
            "warnings": bool(record.get("warnings")), "likely": _likely(record)}


def _batches(rows: Iterator, header: list[str], mapping: dict[str, str], fmt: str, size: int, source: str):
    fixed = check_columns(header, mapping, source) if header else None
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


def triage_rows(worker: RowTriage, rows: Iterable, header: list[str], mapping: dict[str, str], fmt: str,
                source: str) -> Iterator[tuple[dict[str, Any], Any]]:
    """The (summary view, output item) of each ``(number, cells)`` row, as triage's workers make them: for
    callers that read and split the rows themselves (``faultdx.distributed``)."""
    for batch in _batches(iter(rows), header, mapping, fmt, MAX_BATCH, source):
        yield from _work(batch, worker)


Progress = Callable[[int, int, "int | None"], None]  # (rows done, bytes read, bytes in all or None)


def triage(path: str, out: IO | None, *, fmt: str = "jsonl", config: Config | None = None,
           input_format: str | None = None, encoding: str | None = None, encoding_errors: str = "strict",
           mapping: dict[str, str] | None = None, jobs: int = 1, use_cache: bool = True, strict: bool = False,
           lint_column: str | None = None, progress: Progress | None = None, batch_size: int | None = None,
           width: int | None = None, before_rows: Callable[[], None] | None = None,
           min_parallel_bytes: int = 128 << 10, part_bytes: int | None = None) -> Summary:
    """Triage every row of ``path`` into ``out`` (None: count only); returns the summary.

    ``out`` is a text stream, or a binary one for xlsx.  Header problems raise InputError before
    any row is written; ``before_rows`` is called once they have been checked.  A file smaller than
    ``min_parallel_bytes`` is done in this process (starting workers would take longer than the work).

    With ``jobs > 1`` a CSV or JSON Lines file that can be cut by bytes (``faultdx.split``) and written as
    JSON Lines, CSV or TSV (or counted only) is cut into parts of about ``part_bytes``: each worker reads its
    part, triages it and writes its output to a file of its own, which this process appends to ``out`` in
    order, so that reading, encoding and writing are done in parallel too.  Otherwise this process reads the
    rows and sends ``batch_size`` rows at a time to a worker (by default at most 500: a batch is ~0.1 s of
    work on varied tickets, so no worker waits long for the last one, and few enough that every worker gets
    several batches of a small file), and writes what comes back.  The output is the same either way.
    """
    config = config if config is not None else Config()
    source = "<stdin>" if path == "-" else path
    if fmt not in WRITERS:
        raise ValueError(f"unknown output format {fmt!r}")
    rows = read_rows(path, input_format, encoding, encoding_errors)
    if rows.size is not None and rows.size < min_parallel_bytes:
        jobs = 1
    if batch_size is None:
        batch_size = MAX_BATCH if rows.size is None or jobs == 1 else \
            max(MIN_BATCH, min(MAX_BATCH, rows.size // (TYPICAL_ROW_BYTES * jobs * 4)))
    batches = _batches(rows.rows, rows.header, mapping or {}, fmt, batch_size, source)
    if rows.header:
        check_columns(rows.header, mapping or {}, source)
    if before_rows:
        before_rows()
    writer = WRITERS[fmt](out, width=width) if out is not None else None
    summary = Summary()
    started = time.perf_counter()
    pool = None
    info = _cuttable(path, input_format, rows, fmt, out) if jobs > 1 else None
    with SharedTemplates.for_run(use_cache and jobs > 1) as shared, PartOutputs.for_run(info is not None) as parts, \
            _fewer_collections():
        try:
            if jobs > 1:
                _prepare_before_fork()
                pool = WorkerPool(jobs, _start_worker, (config, source, use_cache, lint_column, shared))
            if parts is not None:
                rows.rows.close()
                job = _PartJob(fmt if out is not None else None, tuple(sorted((mapping or {}).items())),
                               parts.directory, *part_encoding(out), encoding_errors, strict)
                size = part_bytes or max(MIN_PART, min(MAX_PART, info.size // (jobs * PARTS_PER_WORKER)))
                _triage_parts(pool, info, size, job, out, summary, strict, progress)
            else:
                if pool is None:
                    _init_worker(config, source, use_cache, lint_column)
                for done in pool.imap(_work, batches) if pool is not None else map(_work, batches):
                    for view, item in done:
                        if strict and view["status"] == "error":
                            raise StrictStop(view["error"])
                        summary.add(view)
                        if writer is not None:
                            writer.write(item)
                    if progress:
                        progress(summary.rows, rows.position(), rows.size)
            if pool is not None:
                pool.close()
                pool = None
        finally:
            if pool is not None:
                pool.kill()
    if writer is not None:
        writer.close()
    summary.seconds = time.perf_counter() - started
    return summary


# --- cutting the input into parts that the workers read and write themselves ------------------

# Bytes of input per part: the output is 10-20 times as large (~1.8 KB of JSON a ticket) and waits in the temporary
# directory until it is appended, at most 2 × jobs parts at a time.
MIN_PART, MAX_PART = 128 << 10, 512 << 10
PARTS_PER_WORKER = 8   # … aiming at this many parts per worker, so that none waits long for the last
CONCATENABLE = ("jsonl", "csv", "tsv")  # output formats whose rows are written the same wherever they start


@dataclass(frozen=True)
class _PartJob:
    """What every part of a run is triaged with (the worker's RowTriage holds the rest)."""
    fmt: str | None        # output format, None: the summary only
    mapping: tuple
    directory: str         # where the parts' outputs are written
    encoding: str          # … in the output's encoding (without the BOM, which this process writes)
    errors: str            # … and its error handler
    read_errors: str       # --encoding-errors
    strict: bool


def _cuttable(path: str, given: str | None, rows, fmt: str, out: IO | None):
    """The ``faultdx.split.FileInfo`` of an input the workers can read in parts and whose output they can write in
    parts, else None."""
    if path == "-" or rows.size is None or not os.path.isfile(path) or os.linesep != "\n":
        return None
    if out is not None and (fmt not in CONCATENABLE or part_encoding(out) is None):
        return None
    try:
        from faultdx import split
        from faultdx.tickets import input_format
    except ImportError:   # NumPy missing: the rows are read here
        return None
    info = split.FileInfo(path, input_format(path, given), rows.size, rows.encoding, rows.header, rows.delimiter,
                          rows.header_lines)
    return info if info.splittable else None


def part_encoding(out: IO | None) -> tuple[str, str] | None:
    """(encoding, errors) the workers write a text stream's parts in, or None when its bytes cannot be appended
    to as they are (no binary buffer under it, UTF-16/32 with their byte order marks)."""
    if out is None:
        return "utf-8", "strict"
    if getattr(out, "buffer", None) is None or not getattr(out, "encoding", None):
        return None
    import codecs
    name = codecs.lookup(out.encoding).name
    if name in ("utf-16", "utf-32"):
        return None
    return ("utf-8" if name == "utf-8-sig" else name), (out.errors or "strict")


def _scan(block: tuple) -> Any:
    from faultdx.split import scan
    return scan(*block)


def _triage_parts(pool: WorkerPool, info, size: int, job: _PartJob, out: IO | None, summary: Summary,
                  strict: bool, progress: Progress | None) -> None:
    """Scan the file's blocks in the workers, plan the parts, let the workers triage them and append their output
    to ``out`` in order."""
    from faultdx.split import blocks_of, plan
    blocks = list(pool.imap(_scan, [(info.path, start, stop, info.size, info.encoding, not start)
                                    for start, stop in blocks_of(info.size, size)]))
    if any(b.long for b in blocks):   # a line too long to cut safely: one part, read by one worker
        from faultdx.split import Part
        parts = [Part(info.path, info.fmt, info.encoding, 0, info.size, None, None)]
    else:
        parts = plan(info, blocks)
    for part, (written, counts, first_error, failure) in zip(parts, pool.imap(_triage_part, (
            (n, part, job) for n, part in enumerate(parts)))):
        summary.merge(counts)
        if written is not None:
            append_part(out, written)
        if failure is not None:
            raise failure
        if strict and first_error is not None:
            raise StrictStop(first_error)
        if progress:
            progress(summary.rows, part.end, info.size)


def _triage_part(task: tuple) -> tuple[str | None, Summary, str | None, BaseException | None]:
    """A worker's part: its output file (None: the summary only), summary and first error, and the exception that
    stopped it (the input or the output failed) for the main process to raise in its turn."""
    from faultdx.split import PlanError, read_part
    index, part, job = task
    counts = Summary()
    first_error = failure = written = None
    try:
        if job.fmt:
            written = PartFile(os.path.join(job.directory, f"{index}.part"), job.fmt, job.encoding, job.errors)
        rows = read_part(part, job.read_errors)
        for view, item in triage_rows(_worker, rows.rows, rows.header, dict(job.mapping), job.fmt or "jsonl",
                                      part.path):
            if view["status"] == "error" and first_error is None:
                first_error = view["error"]
                if job.strict:
                    break
            counts.add(view)
            if written is not None:
                written.write(item)
        else:
            PlanError.check(part.path, part.rows, counts.rows)
    except (OSError, InputError, UnicodeError) as exc:
        failure = exc
    finally:
        if written is not None:
            written.close()
    return (written.path if written is not None else None), counts, first_error, failure


class PartFile:
    """The records of one part written to a file of the run's parts directory, for ``append_part`` to append in
    order: the output format's rows without its header, in the output's encoding without its byte order mark
    (``part_encoding``), through a 1 MiB buffer (a part is megabytes: few system calls)."""

    def __init__(self, path: str, fmt: str, encoding: str, errors: str):
        self.path = path
        self.stream = open(path, "w", buffering=1 << 20, encoding=encoding, errors=errors, newline="")
        self.write = WRITERS[fmt](self.stream, with_header=False).write

    def close(self) -> None:
        self.stream.close()


def append_part(out: IO, path: str) -> None:
    """Append a part's output file to ``out`` and remove it (a text stream: its pending text first, with the byte
    order mark if its encoding has one and nothing was written yet, then the part's bytes)."""
    import shutil
    out.write("")
    out.flush()
    target = out.buffer
    with open(path, "rb") as part:
        if not _copy_in_kernel(part, target):
            shutil.copyfileobj(part, target, 1 << 20)
    os.unlink(path)


def _copy_in_kernel(part: IO[bytes], target: IO[bytes]) -> bool:
    """Append ``part`` to ``target`` with ``os.sendfile`` (the bytes are not copied through this process: the
    repetitive export's 1.8 GB of records take about a second less), when ``target`` is a file descriptor that
    accepts it; False if nothing was copied and it should be done the ordinary way."""
    try:
        descriptor = target.fileno()
    except (AttributeError, OSError, ValueError):   # BytesIO and the like
        return False
    target.flush()
    size, offset = os.fstat(part.fileno()).st_size, 0
    while offset < size:
        try:
            sent = os.sendfile(descriptor, part.fileno(), offset, size - offset)
        except OSError:
            if offset == 0:
                return False   # not a descriptor sendfile writes to: the ordinary way
            raise
        if sent == 0:
            break
        offset += sent
    return True
