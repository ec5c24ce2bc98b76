"""Triage on a Dask cluster (issue 13): the records ``faultdx.triage`` gives on one machine, in the same order.

Two ways in:

- ``triage_files(client, paths, out)`` (what ``faultdx triage --dask`` runs): the workers read the exports
  themselves, so paths are as the workers see them (a glob is expanded by a worker).  A CSV or JSON Lines file
  that can be cut by bytes is cut as ``faultdx.split`` says: one scan task per block, the plan made here, one
  task per partition, which checks that it read the rows the plan counted.  Other inputs (.xlsx, UTF-16/32, a
  line over ``MAX_LINE`` bytes, a pipe) are read whole by one worker and their rows split among the tasks.
  Results come back in order; the caller's writer writes them.
- ``triage_frame(ddf)`` / ``triage_bag(bag)``: tickets already in a Dask pipeline (a DataFrame with a column per
  field, a Bag of dicts) to a DataFrame of records (declared ``meta``, built on ``map_partitions``) or a Bag of
  record dicts.  ``row`` is the 1-based position in the collection.

Each worker process builds the engine and phrasebook once per configuration, and keeps a ``RowTriage`` (with
its row cache) per file it works on; a lock keeps one partition at a time per process (the engine is shared).
"""
from __future__ import annotations

import contextlib
import glob
import importlib.util
import logging
import math
import operator
import os
import pickle
import re
import signal
import tempfile
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import IO, Any, Callable, Iterable, Iterator

from faultdx import _forkserver
from faultdx.config import Config
from faultdx.engine import Diagnoser
from faultdx.display import os_error_text
from faultdx.output import WRITERS, AtomicOutput, OutputError
from faultdx.split import FileInfo, Part, PlanError, blocks_of, plan, read_part, scan  # noqa: F401  (scan: tests)
from faultdx.tickets import InputError, RowError, input_format, object_cells, read_rows
from faultdx.triage import (CONCATENABLE, PartFile, PartOutputs, RowTriage, SharedTemplates, StrictStop, Summary,
                            append_part, check_columns, part_encoding, resolve_columns, triage_rows)

try:  # pandas, dask.dataframe and dask.bag are imported where used (a worker reading exports does without them)
    import dask
    import distributed
    import numpy as np
    if importlib.util.find_spec("pandas") is None:
        raise ImportError("No module named 'pandas'")
except ImportError as exc:  # faultdx[dask] is not installed
    _MISSING: ImportError | None = exc
else:
    _MISSING = None

INSTALL_HINT = "--dask 需要 Dask,请先安装: pip install 'faultdx[dask]'"
# Bytes of input per partition when not given (see the README): 512 KiB is ~3,700 realistic rows, ~0.6 s of a
# worker's time, so Dask's milliseconds per task stay under 1 %; up to 32 per worker, so that the workers finish
# together (500,000 rows on 2 workers: 9 partitions of 8 MiB took 54.4 s, 17 of 4 MiB 52.7 s in an earlier round;
# 18 of 3.8 MiB 43.7-44.1 s, 64 of 1 MiB 42.1-42.5 s in this one).
MIN_BLOCK, MAX_BLOCK = 512 << 10, 4 << 20
TAIL_PIECES = 4   # see file_blocks
PARTITIONS_PER_WORKER = 32


class DaskMissing(InputError):
    """faultdx[dask] is not installed."""


def missing() -> bool:
    """Whether faultdx[dask] is not installed."""
    return _MISSING is not None


def require() -> None:
    if _MISSING is not None:
        raise DaskMissing(INSTALL_HINT)


def parse_size(text: str) -> int:
    """Bytes from "4M", "512K", "1G", "4MB", "4MiB" (K, M, G are powers of 1024) or a plain number; ValueError."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*", text, re.IGNORECASE)
    if not found:
        raise ValueError("应为字节数,如 4M、512K 或 1048576")
    size = int(float(found.group(1)) * 1024 ** " kmg".index(found.group(2).lower() or " "))
    if size < 1:
        raise ValueError("至少 1 字节")
    return size


class OutputFiles:
    """One output file per input in a directory (``triage_files``' ``out``): each written atomically and renamed
    into place when ``stack`` closes without an error (so a failed run leaves every old output as it was)."""

    def __init__(self, stack: contextlib.ExitStack, directory: str, extension: str, encoding: str | None,
                 binary: bool):
        self.stack, self.directory, self.extension, self.encoding, self.binary = (stack, directory, extension,
                                                                                  encoding, binary)
        self.taken: dict[str, str] = {}
        try:
            os.makedirs(directory, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"--output-dir {directory}: 无法创建目录({os_error_text(exc)})") from None

    def __call__(self, source: str) -> IO:
        target = os.path.join(self.directory, os.path.splitext(os.path.basename(source))[0] + self.extension)
        if target in self.taken:
            raise OutputError(f"--output-dir: {self.taken[target]} 和 {source} 的结果都会写到 {target};"
                              f"请分开运行或改名")
        self.taken[target] = source
        return self.stack.enter_context(AtomicOutput(target, self.encoding, binary=self.binary, inputs=[source],
                                                     option="--output-dir"))


# --- the cluster ------------------------------------------------------------------------

POLL_SECONDS = 0.2
_signals: list = []   # while ``connect`` defers them: [{signal: old handler}, the signal received or None]


@contextlib.contextmanager
def _deferred_signals() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP only recorded, and acted on (their old handler called) by ``check_signals``
    between waits: an exception raised in this thread while it waits on a lock it shares with Dask's IO loop
    thread can leave the lock held and the loop (and closing the cluster) stuck.  A second signal acts at once."""
    if threading.current_thread() is not threading.main_thread() or _signals:
        yield
        return
    old = {}

    def record(signum, frame):
        if _signals[1] is not None:
            _call(old, signum)
        _signals[1] = signum
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        old[signum] = signal.signal(signum, record)
    _signals[:] = [old, None]

    def restore() -> int | None:
        pending = _signals[1]
        _signals.clear()
        for signum, handler in old.items():
            signal.signal(signum, handler)
        return pending
    try:
        yield
    except BaseException:
        restore()
        raise
    pending = restore()
    if pending is not None:
        _call(old, pending)


def check_signals() -> None:
    """Act on a signal that came while ``connect`` defers them (at a point where that is safe)."""
    if _signals and _signals[1] is not None:
        _call(_signals[0], _signals[1])


def _call(handlers: dict, signum: int) -> None:
    handler = handlers.get(signum)
    if callable(handler):
        handler(signum, None)
    raise KeyboardInterrupt if signum == signal.SIGINT else SystemExit(128 + signum)


@contextlib.contextmanager
def connect(address: str | None = None, workers: int | None = None) -> Iterator["distributed.Client"]:
    """A client of the scheduler at ``address``, or of a LocalCluster of ``workers`` worker processes (one thread
    each) on this machine, shut down on the way out (Ctrl-C included).  Dask's and tornado's own log lines are
    not shown (English, and with experta's ``logging.basicConfig`` every INFO line would be): what goes wrong
    reaches the caller as an exception."""
    require()
    loggers = [logging.getLogger(name) for name in ("distributed", "tornado")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        with _deferred_signals(), _client(address, workers) as client:
            yield client
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


# Dask's statistical profiler samples every worker's stack 100 times a second for the dashboard's profile page; with
# every core busy with a partition that costs the workers ~3 % (500,000 rows: 50.6-52.7 s against 53.1-53.7 s), so
# the LocalCluster faultdx starts runs without it unless DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED says otherwise.
_WORKER_QUIET = {"distributed.worker.profile.enabled": False} if _MISSING is None and \
    "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED" not in os.environ else {}


@contextlib.contextmanager
def _client(address: str | None, workers: int | None) -> Iterator["distributed.Client"]:
    """A client of the scheduler at ``address``, or of a new LocalCluster."""
    if address:
        try:
            client = distributed.Client(address, timeout="20s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"--dask {address}: 无法连接 Dask 调度器({exc})") from None
        with client:
            yield client
        return
    # The terminal's Ctrl-C goes to the whole process group: the workers ignore it (this process handles it
    # and closes the cluster).  They inherit SIG_IGN (through the fork server, which starts with the first of
    # them), so Python and asyncio leave it; a worker started again after a crash gets it from the plugin.
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with dask.config.set({"distributed.nanny.pre-spawn-environ.DASK_LOGGING__DISTRIBUTED": "critical",
                              **_WORKER_QUIET, **_forkserver.dask_config()}):
            cluster = distributed.LocalCluster(n_workers=workers or len(os.sched_getaffinity(0)),
                                               threads_per_worker=1, processes=True, dashboard_address=":0",
                                               silence_logs=logging.ERROR)
    finally:
        signal.signal(signal.SIGINT, old)
    with cluster, distributed.Client(cluster) as client:
        client.register_plugin(_LocalWorker())
        yield client


if _MISSING is None:
    class _LocalWorker(distributed.WorkerPlugin):
        """A worker of the LocalCluster faultdx starts ignores Ctrl-C (see ``connect``) and runs the cyclic garbage
        collector as rarely as a ``--jobs`` worker does (``faultdx.triage.GC_ALLOCATIONS``) and, as one, freezes
        what it was started with (the lexicon, the rule network), which no collection need walk: nothing else."""
        name = "faultdx-local-worker"

        def setup(self, worker) -> None:
            import gc

            from faultdx.triage import GC_ALLOCATIONS
            gc.freeze()
            gc.set_threshold(GC_ALLOCATIONS, *gc.get_threshold()[1:])
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
            except ValueError:  # not the process's main thread: a worker in this process
                pass


def dashboard(client: "distributed.Client") -> str | None:
    """The dashboard's address, when the scheduler serves one (a LocalCluster's needs bokeh in this process)."""
    if isinstance(client.cluster, distributed.LocalCluster) and importlib.util.find_spec("bokeh") is None:
        return None
    try:
        if "dashboard" in client.scheduler_info().get("services", {}):
            return client.dashboard_link
    except Exception:  # an old or odd scheduler: no address to show
        pass
    return None


def worker_count(client: "distributed.Client") -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


# --- what runs on the workers -------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    """What every partition of a run is triaged with."""
    config: Config
    fmt: str = "jsonl"
    mapping: tuple[tuple[str, str], ...] = ()
    use_cache: bool = True
    lint_column: str | None = None
    errors: str = "strict"        # --encoding-errors
    keep_items: bool = True       # False: the summary only
    shared: str | None = None     # a directory the workers share diagnosis templates through (a local cluster)
    parts: tuple[str, str, str] | None = None   # (directory, encoding, errors): a local cluster's workers write each
    #                                             partition's output to a file there instead of sending it back


_LOCK = threading.Lock()
_engines: dict[tuple, Diagnoser] = {}
_triagers: OrderedDict[tuple, RowTriage] = OrderedDict()
TRIAGERS_KEPT = 16  # files whose row caches a worker keeps


def _row_triage(config: Config, use_cache: bool, lint_column: str | None, source: str,
                shared: str | None = None) -> RowTriage:
    """This process's RowTriage for a file (call with _LOCK held): the Diagnoser is built once per configuration."""
    engine_key = (pickle.dumps(config), use_cache)
    key = (*engine_key, lint_column, source, shared)
    found = _triagers.get(key)
    if found is not None:
        _triagers.move_to_end(key)
        return found
    diagnoser = _engines.get(engine_key)
    if diagnoser is None:
        diagnoser = _engines[engine_key] = Diagnoser(config, cache_size=4096 if use_cache else 0)
    found = _triagers[key] = RowTriage(diagnoser, source, use_cache, lint_column,
                                       SharedTemplates(shared) if shared and use_cache else None)
    if len(_triagers) > TRIAGERS_KEPT:
        _triagers.popitem(last=False)
    return found


def inspect(patterns: Iterable[str], fmt: str | None, encoding: str | None, errors: str) -> list[FileInfo]:
    """The files named (globs expanded, in sorted order), each with its format, encoding and header (runs on a
    worker: the paths are the workers')."""
    infos = []
    for pattern in patterns:
        literal = not glob.has_magic(pattern) or os.path.exists(pattern)
        paths = [pattern] if literal else sorted(glob.glob(pattern))
        if not paths:
            raise InputError(f"{pattern}: 没有匹配的文件")
        for path in paths:
            kind = input_format(path, fmt)
            rows = read_rows(path, kind, encoding, errors)
            rows.rows.close()
            try:
                size = os.stat(path).st_size if os.path.isfile(path) else None
            except OSError:
                size = None
            infos.append(FileInfo(path, kind, size, rows.encoding, rows.header, rows.delimiter, rows.header_lines))
    return infos


def triage_part(part: Part, job: Job) -> tuple[list, Summary, str | None]:
    """A partition's output items (in order), summary and first error (a task)."""
    rows = read_part(part, job.errors)
    return _triage_numbered(rows.rows, rows.header, part.path, job, part.rows)


def triage_chunk(chunk: tuple[list[str], list], source: str, job: Job) -> tuple[list, Summary, str | None]:
    """The items, summary and first error of rows a worker read and split (a task)."""
    header, rows = chunk
    return _triage_numbered(rows, header, source, job, None)


def read_chunks(path: str, fmt: str, encoding: str | None, errors: str, count: int) -> list[tuple[list[str], list]]:
    """A file that cannot be cut by bytes, read whole and its rows split in ``count`` (a task)."""
    rows = read_rows(path, fmt, encoding, errors)
    everything = list(rows.rows)
    size = max(1, math.ceil(len(everything) / count))
    return [(rows.header, everything[i * size:(i + 1) * size]) for i in range(count)]


def _triage_numbered(rows: Iterable, header: list[str], source: str, job: Job,
                     expected: int | None) -> tuple[list | str, Summary, str | None]:
    """The partition's output items (or the file they were written to, with ``job.parts``), summary and first
    error."""
    items: list = []
    summary = Summary()
    first_error = written = None
    if job.parts is not None and job.keep_items:
        directory, encoding, errors = job.parts
        handle, path = tempfile.mkstemp(suffix=".part", dir=directory)   # a task run again writes another file
        os.close(handle)
        written = PartFile(path, job.fmt, encoding, errors)
    try:
        with _LOCK:
            worker = _row_triage(job.config, job.use_cache, job.lint_column, source, job.shared)
            for view, item in triage_rows(worker, rows, header, dict(job.mapping), job.fmt, source):
                summary.add(view)
                if first_error is None and view["status"] == "error":
                    first_error = view["error"]
                if written is not None:
                    written.write(item)
                elif job.keep_items:
                    items.append(item)
    finally:
        if written is not None:
            written.close()
    PlanError.check(source, expected, summary.rows)
    return (written.path if written is not None else items), summary, first_error


def auto_blocksize(total: int, workers: int) -> int:
    return max(MIN_BLOCK, min(MAX_BLOCK, total // max(1, workers * PARTITIONS_PER_WORKER) + 1))


# --- the run ------------------------------------------------------------------------------

def triage_files(client: "distributed.Client", paths: Iterable[str], out: Any = None, *, fmt: str = "jsonl",
                 config: Config | None = None, input_format: str | None = None, encoding: str | None = None,
                 encoding_errors: str = "strict", mapping: dict[str, str] | None = None, use_cache: bool = True,
                 strict: bool = False, lint_column: str | None = None, width: int | None = None,
                 blocksize: int | None = None, progress: Callable[[int, int, int | None], None] | None = None,
                 before_rows: Callable[[list[str]], None] | None = None) -> Summary:
    """Triage every row of the files (globs allowed) on the cluster; returns the summary of all of them.

    ``out``: one stream for the records of every file (in order: file by file, row by row), or a function that
    gives the stream of one file (called for every file, in order, once the headers were checked), or None
    (the summary only).  ``blocksize``: bytes of input per partition (default: up to PARTITIONS_PER_WORKER
    partitions per worker, between MIN_BLOCK and MAX_BLOCK).  ``before_rows(paths)`` is called once every header
    was checked.  Header problems raise InputError before any partition runs; ``strict`` raises StrictStop at the first bad
    row (in order).
    """
    require()
    started = time.perf_counter()
    if fmt not in WRITERS:
        raise ValueError(f"unknown output format {fmt!r}")
    mapping = mapping or {}
    # the workers of a cluster on this machine share the templates the engine made (see SharedTemplates); on a
    # remote cluster each worker keeps its own
    local = _local(client)
    with SharedTemplates.for_run(use_cache and local) as shared, \
            PartOutputs.for_run(local and out is not None and fmt in CONCATENABLE) as parts:
        infos = _results([client.submit(inspect, list(paths), input_format, encoding, encoding_errors,
                                        pure=False)])[0]
        for info in infos:
            if info.header:
                check_columns(info.header, mapping, info.path)
        if before_rows:
            before_rows([info.path for info in infos])
        if callable(out):
            streams = [out(info.path) for info in infos]
            writers = [WRITERS[fmt](stream, width=width) for stream in streams]
        else:
            streams = [out] * len(infos) if out is not None else []
            writers = [WRITERS[fmt](out, width=width)] * len(infos) if out is not None else []
        encodings = {part_encoding(stream) for stream in streams}
        in_parts = parts is not None and len(encodings) == 1 and None not in encodings
        job = Job(config if config is not None else Config(), fmt if out is not None else "jsonl",
                  tuple(sorted(mapping.items())), use_cache, lint_column, encoding_errors, out is not None,
                  shared.directory if shared is not None else None,
                  (parts.directory, *encodings.pop()) if in_parts else None)
        total = sum(info.size or 0 for info in infos)
        workers = worker_count(client)
        blocksize = blocksize or auto_blocksize(total, workers)
        tasks = _submit(client, infos, job, blocksize, workers)
        summary = Summary()
        uncounted = {task.future.key: task for task in tasks}  # done partitions not yet in the progress
        done_bytes = 0

        def write_ready() -> bool:
            wrote = False
            while tasks and tasks[0].future.done():
                task = tasks.popleft()
                items, part, first_error = task.future.result()
                task.future.release()
                if strict and first_error is not None:
                    raise StrictStop(first_error)
                summary.merge(part)
                if writers:
                    writer = writers[task.file]
                    if isinstance(items, str):   # the file a worker of a local cluster wrote them to
                        append_part(streams[task.file], items)
                    else:
                        for item in items:
                            writer.write(item)
                    if task.last and (callable(out) or task.file == len(infos) - 1):
                        writer.close()
                wrote = True
            return wrote
        try:
            while tasks:
                check_signals()
                finished = [key for key, task in uncounted.items() if task.future.done()]
                for key in finished:
                    done_bytes += uncounted.pop(key).size
                wrote = write_ready()
                if finished and progress:
                    progress(summary.rows, int(done_bytes), total)
                if not finished and not wrote:
                    _wait([task.future for task in uncounted.values()] or [tasks[0].future], "FIRST_COMPLETED")
        except BaseException:
            client.cancel([task.future for task in tasks])
            raise
        summary.seconds = time.perf_counter() - started
        return summary


def _local(client: "distributed.Client") -> bool:
    """Whether the client's cluster is a LocalCluster of this process (its workers see this machine's files)."""
    return isinstance(getattr(client, "cluster", None), distributed.LocalCluster)


@dataclass
class _Task:
    future: Any
    file: int        # index of the input file
    size: float      # bytes of input (for progress)
    last: bool       # the file's last partition


def file_blocks(size: int, blocksize: int, workers: int) -> list[tuple[int, int]]:
    """The byte blocks a file is cut into: ``blocksize`` each, except that the bytes of the last ``workers`` blocks
    are cut into TAIL_PIECES times as many.  A run then ends on partitions a quarter the size, so the workers
    finish within about a quarter-partition of each other, where one would otherwise wait up to a whole partition
    for the last (100,000 realistic rows on 2 workers: 0.2 s idle at the end, ~0.6 s a partition)."""
    blocks = blocks_of(size, blocksize)
    if len(blocks) <= 2 * workers:
        return blocks
    start = blocks[-workers][0]
    piece = -(-(size - start) // (workers * TAIL_PIECES))
    return blocks[:-workers] + [(at, min(size, at + piece)) for at in range(start, size, piece)]


def _submit(client: "distributed.Client", infos: list[FileInfo], job: Job, blocksize: int, workers: int) -> deque:
    """The partitions' tasks, in output order: files cut by bytes where that is sound, else read whole by one
    worker and their rows split (``workers``: the cluster's, for ``file_blocks``)."""
    scans = {index: [client.submit(scan, info.path, start, stop, info.size, info.encoding, not start, pure=False)
                     for start, stop in file_blocks(info.size, blocksize, workers)]
             for index, info in enumerate(infos) if info.splittable}
    tasks: deque = deque()
    for index, info in enumerate(infos):
        blocks = _results(scans.pop(index)) if index in scans else None
        if blocks is not None and not any(b.long for b in blocks):
            parts = plan(info, blocks)
            tasks.extend(_Task(client.submit(triage_part, part, job, pure=False), index, part.end - part.start,
                               n == len(parts) - 1) for n, part in enumerate(parts))
            continue
        estimate = (info.size or 0) * (8 if info.fmt == "xlsx" else 1)  # an .xlsx is zipped
        count = max(1, math.ceil(estimate / blocksize))
        whole = client.submit(read_chunks, info.path, info.fmt, info.encoding, job.errors, count, pure=False)
        for n in range(count):
            chunk = client.submit(operator.getitem, whole, n, pure=False)
            tasks.append(_Task(client.submit(triage_chunk, chunk, info.path, job, pure=False), index,
                               (info.size or 0) / count, n == count - 1))
    return tasks


def _results(futures: list) -> list:
    """The futures' results, waiting in steps so that a signal is acted on between them (``check_signals``)."""
    while not all(future.done() for future in futures):
        check_signals()
        _wait(futures, "ALL_COMPLETED")
    return [future.result() for future in futures]


def _wait(futures: list, until: str) -> None:
    """Until the futures are done (``until``: ALL_COMPLETED or FIRST_COMPLETED), or POLL_SECONDS."""
    try:
        distributed.wait(futures, timeout=POLL_SECONDS, return_when=until)
    except TimeoutError:
        pass


# --- Dask collections in, Dask collections out ----------------------------------------------

RECORD_COLUMNS = ("ticket_id", "row", "status", "error", "error_kind", "category", "causes", "steps", "questions",
                  "candidates", "rules", "phrasing", "facts", "evidence", "lint", "warnings")


def record_meta() -> "pd.DataFrame":
    """The records DataFrame's meta: ``row`` an int64, every other column objects (text, None, lists, dicts)."""
    import pandas as pd
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "row" else object) for c in RECORD_COLUMNS})


def _offsets(lengths: list[int]) -> list[int]:
    """The number of rows before each partition."""
    return [int(n) for n in np.cumsum([0] + list(lengths))[:-1]]


def _cells(values: Any) -> Any:
    """A row as cells, every value as text (missing values empty), or a RowError."""
    if not isinstance(values, dict):
        return RowError(f"不是字段到值的映射,而是 {type(values).__name__}", "bad_json")
    return object_cells({k: None if _missing(v) else v for k, v in values.items()})


def _missing(value: Any) -> bool:
    if value is None or isinstance(value, (str, list, tuple, dict, set)):
        return value is None
    try:
        import pandas as pd
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # an array: not a missing value
        return False


def _records(rows: Iterable[tuple[int, Any]], columns: dict[str, str] | None, mapping: dict[str, str],
             config: Config, use_cache: bool, lint_column: str | None, source: str) -> list[dict]:
    with _LOCK:
        worker = _row_triage(config, use_cache, lint_column, source)
        out = []
        for number, cells in rows:
            keys = columns if columns is not None else resolve_columns(
                cells if isinstance(cells, dict) else (), mapping)
            out.append(worker.record(number, cells, keys))
        return out


def _frame_partition(frame: "pd.DataFrame", offsets: list[int], columns: dict[str, str], config: Config,
                     use_cache: bool, lint_column: str | None, source: str, partition_info=None) -> "pd.DataFrame":
    first = offsets[partition_info["number"]] + 1 if partition_info else 1
    names = [str(c) for c in frame.columns]
    rows = ((first + i, _cells(dict(zip(names, values))))
            for i, values in enumerate(frame.itertuples(index=False, name=None)))
    records = _records(rows, columns, {}, config, use_cache, lint_column, source)
    import pandas as pd
    data = {c: pd.Series([r.get(c) for r in records], index=frame.index, dtype=object) for c in RECORD_COLUMNS}
    data["row"] = pd.Series([r["row"] for r in records], index=frame.index, dtype="int64")
    return pd.DataFrame(data, index=frame.index)


def triage_frame(ddf: "dask.dataframe.DataFrame", mapping: dict[str, str] | None = None, *,
                 config: Config | None = None, use_cache: bool = True, lint_column: str | None = None,
                 source: str = "<dataframe>") -> "dask.dataframe.DataFrame":
    """A Dask DataFrame of tickets (a column per field, as in an export's header) to a Dask DataFrame of records
    (the columns of ``RECORD_COLUMNS``, the input's index kept), lazily.  Missing values are empty cells; read
    the tickets as text (``dtype=str``) for the records an export gives.  Header problems raise InputError now.
    """
    require()
    columns = check_columns([str(c) for c in ddf.columns], mapping or {}, source)
    lengths = [dask.delayed(len)(part) for part in ddf.to_delayed()]
    offsets = dask.delayed(_offsets)(lengths)
    return ddf.map_partitions(_frame_partition, offsets, columns, config if config is not None else Config(),
                              use_cache, lint_column, source, meta=record_meta(), align_dataframes=False)


def _bag_partition(rows: Iterable, index: Iterable[int], offsets: list[int], mapping: dict[str, str],
                   config: Config, use_cache: bool, lint_column: str | None, source: str) -> list[dict]:
    first = offsets[next(iter(index))] + 1
    numbered = ((first + i, _cells(values)) for i, values in enumerate(rows))
    return _records(numbered, None, mapping, config, use_cache, lint_column, source)


def triage_bag(bag: "dask.bag.Bag", mapping: dict[str, str] | None = None, *, config: Config | None = None,
               use_cache: bool = True, lint_column: str | None = None, source: str = "<bag>") -> "dask.bag.Bag":
    """A Dask Bag of tickets (dicts: field or column -> value; keys may differ, as in JSON Lines) to a Bag of
    record dicts, lazily.  An element that is not a dict is one record with status error."""
    require()
    lengths = bag.map_partitions(lambda rows: [sum(1 for _ in rows)])
    offsets = dask.delayed(_offsets)(lengths)
    from dask import bag as bags
    index = bags.from_sequence(range(bag.npartitions), npartitions=bag.npartitions)
    return bag.map_partitions(_bag_partition, index, offsets, dict(mapping or {}),
                              config if config is not None else Config(), use_cache, lint_column, source)
