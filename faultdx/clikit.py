"""How the command line ends, and what it shows while it works: exit statuses, signals, crash reports, progress.

``FaultdxGroup.main`` turns every way out of a command into one line on stderr and one exit status (see
the README's table): usage errors 2, input/output/configuration errors 2, Ctrl-C 130, SIGTERM/SIGHUP
128+N (they unwind like Ctrl-C, so temporary files go), a closed pipe 141, anything unexpected 70 with
a report file (passwords masked).  ``Progress`` is triage's progress bar (click's) on a terminal.
"""
from __future__ import annotations

import contextlib
import gc
import io
import os
import signal
import sys
import time
from typing import Iterator

import click
from click.utils import _PacifyFlushWrapper as PacifyFlushWrapper

from faultdx.config import ConfigError
from faultdx.display import os_error_text, safe_text

EX_SOFTWARE = 70
EX_PIPE = 141


class Interrupted(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C so that temporary files are removed on the way out."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class FaultdxGroup(click.Group):
    """The command group; ``main`` turns every way out into one line and a meaningful exit status."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        handlers = _install_signal_handlers()
        unraisable = sys.unraisablehook
        sys.unraisablehook = _ignore  # e.g. a half-written zip closing itself after a full disk: no traceback
        status = None
        try:
            status = self._run(args, prog_name or "faultdx", complete_var, **extra)
        finally:
            if "faultdx.output" in sys.modules:  # else no output file was begun
                sys.modules["faultdx.output"].remove_temporaries()
            if status != 0:  # what a failed run left half-written (an .xlsx's zip) is finalised while its noise is
                gc.collect()  # ignored; after a run that worked there is none (a full collection: 0.1 s after --dask)
            for signum, handler in handlers.items():
                signal.signal(signum, handler)
            if not standalone_mode:
                sys.unraisablehook = unraisable
        if standalone_mode:
            sys.exit(status)
        return status

    def _run(self, args, prog_name, complete_var, **extra) -> int:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            sys.stdout.flush()
            return result if isinstance(result, int) else 0
        except SystemExit as exc:
            if isinstance(sys.stdout, PacifyFlushWrapper):  # click's own handling of a closed pipe (EPIPE)
                _silence_stdout()
                return EX_PIPE
            _flush_quietly()
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except click.exceptions.Exit as exc:
            return exc.exit_code
        except click.UsageError as exc:
            _show_usage_error(exc)
            return 2
        except (click.Abort, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            click.echo("已中断(Ctrl-C)" + _kept(), err=True)
            return 130
        except Interrupted as exc:
            click.echo(f"\n已中断(信号 {signal.Signals(exc.signum).name})" + _kept(), err=True)
            return 128 + exc.signum
        except BrokenPipeError:
            _silence_stdout()
            return EX_PIPE
        except ConfigError as exc:
            click.echo(f"faultdx: 错误: {safe_text(exc, 400)}", err=True)
            return 2
        except OSError as exc:
            click.echo(f"faultdx: 错误: {safe_text(exc.filename or '标准输出', 200)}: {os_error_text(exc)}", err=True)
            return 2
        except Exception as exc:
            if isinstance(exc, _file_errors()):  # an input or output that cannot be used: one line, like ConfigError
                click.echo(f"faultdx: 错误: {safe_text(exc, 400)}", err=True)
                return 2
            if os.environ.get("FAULTDX_TRACEBACK"):  # for developers and tests: the real traceback
                raise
            from faultdx.crash import crash_report
            click.echo(f"faultdx: 内部错误,未完成。详细报告: {crash_report()};请交给维护人员", err=True)
            return EX_SOFTWARE


def _file_errors() -> tuple[type[Exception], ...]:
    """faultdx.tickets.InputError and faultdx.output.OutputError, of those modules that were imported: they are
    imported only by the commands that read or write files (and an exception of a module never imported cannot
    have been raised)."""
    return tuple(getattr(sys.modules[module], name) for module, name in (("faultdx.tickets", "InputError"),
                                                                       ("faultdx.output", "OutputError"))
                 if module in sys.modules)


def _kept() -> str:
    """What an interruption left as it was: said only when an output file was being written."""
    output = sys.modules.get("faultdx.output")
    return ";输出文件未改动" if output is not None and output.writing_a_file() else ""


def _ignore(*_) -> None:
    pass


@contextlib.contextmanager
def interruptible_prompt() -> Iterator[None]:
    """While a person is asked for a line on a terminal: a Ctrl-C is acted on even if it came at the wrong instant.

    CPython's readline waits for a key in select() with no timeout and looks at signals only when select() is
    interrupted. A Ctrl-C that arrives after the prompt is shown but before select() starts waiting is caught
    by Python's handler and then left pending until the next key, so the program seems to ignore it
    (tests/test_consult_terminal.py makes that happen on purpose). A timer interrupts that wait five times a
    second, so a pending Ctrl-C raises KeyboardInterrupt within 0.2 s; readline goes on waiting otherwise.
    """
    if not hasattr(signal, "setitimer") or not sys.stdin.isatty():   # no person at a terminal: nothing to guard
        yield
        return
    try:
        old = signal.signal(signal.SIGALRM, _ignore)
    except ValueError:  # not the main thread: signals are not ours to arrange
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, 0.2, 0.2)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _install_signal_handlers() -> dict:
    """SIGTERM and SIGHUP unwind like Ctrl-C (temporary files removed, exit 128+N); returns the old handlers."""
    def handler(signum, frame):
        raise Interrupted(signum)
    old = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        try:
            old[signum] = signal.signal(signum, handler)
        except (ValueError, OSError):  # not the main thread
            pass
    return old


def _flush_quietly() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so that the final flush at exit says nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _show_usage_error(exc: click.UsageError) -> None:
    ctx = exc.ctx
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        click.echo(f"用 '{ctx.command_path} -h' 查看帮助。", err=True)
    click.echo(f"faultdx: 错误: {safe_text(exc.format_message(), 400)}", err=True)


class Progress:
    """A progress bar on stderr (rows, %, rate, ETA) when the total is known, else a counter line."""

    def __init__(self):
        self.bar = None
        self.started = time.monotonic()
        self.rows = 0

    def __call__(self, rows: int, done: int, total: int | None) -> None:
        self.rows = rows
        if total:
            if self.bar is None:
                self.bar = click.progressbar(length=total, label="分诊", file=sys.stderr, show_eta=True,
                                             show_percent=True, width=24, item_show_func=self._rate)
                self.bar.__enter__()
            self.bar.update(min(done, total) - self.bar.pos, current_item=rows)
        else:
            click.echo(f"\r已处理 {rows:,} 行 {self._rate(rows)}", err=True, nl=False)

    def _rate(self, rows) -> str:
        seconds = time.monotonic() - self.started
        return f"{self.rows:,} 行 {self.rows / seconds:,.0f} 行/秒" if seconds > 0 and rows is not None else ""

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
        else:
            click.echo("", err=True)


class ProgressLines:
    """Progress for a log (stderr not a terminal): a line at every tenth of the input done."""

    def __init__(self):
        self.started = time.monotonic()
        self.shown = 0

    def __call__(self, rows: int, done: int, total: int | None) -> None:
        tenth = 10 * done // total if total else 0
        if tenth > self.shown:
            self.shown = tenth
            seconds = time.monotonic() - self.started
            click.echo(f"分诊进度 {10 * tenth}%,已写出 {rows:,} 行,用时 {seconds:.0f} 秒", err=True)

    def close(self) -> None:
        pass
