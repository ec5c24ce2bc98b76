"""An ordered parallel map over worker processes that can always be stopped.

``multiprocessing.Pool.terminate()`` can deadlock when a worker dies while writing a result (the
result-handler thread waits forever for the rest of the message), and workers that share the
terminal's process group print a KeyboardInterrupt traceback each on Ctrl-C.  Here the workers
ignore SIGINT and die quietly of SIGTERM and SIGHUP (the default action, not the main process's handlers
they would inherit, which raise and made multiprocessing print "Process ForkProcess-1:" when a whole
process group was terminated); the three are blocked across the fork, so there is no window.  Only the
main process handles them; stopping kills the workers and joins nothing that could wait on them.
"""
from __future__ import annotations

import queue
import signal
import traceback
from multiprocessing import get_context
from typing import Any, Callable, Iterable, Iterator

POLL_SECONDS = 0.5
_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


class WorkerFailed(RuntimeError):
    """A worker raised (the message is its traceback) or died."""


def _worker_main(tasks, results, initializer, initargs) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
    try:
        initializer(*initargs)
    except BaseException:
        results.put((-1, False, traceback.format_exc()))
        return
    while True:
        task = tasks.get()
        if task is None:
            return
        index, function, argument = task
        try:
            results.put((index, True, function(argument)))
        except BaseException:
            results.put((index, False, traceback.format_exc()))


class WorkerPool:
    """``jobs`` worker processes; ``imap(function, items)`` gives the results in order, ``ahead`` items in flight."""

    def __init__(self, jobs: int, initializer: Callable, initargs: tuple = (), method: str = "fork"):
        context = get_context(method)
        self.tasks = context.Queue()
        self.results = context.Queue()
        self.processes = [context.Process(target=_worker_main, args=(self.tasks, self.results, initializer, initargs),
                                          daemon=True) for _ in range(jobs)]
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        try:
            for process in self.processes:
                process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def imap(self, function: Callable[[Any], Any], items: Iterable, ahead: int | None = None) -> Iterator:
        ahead = ahead or 2 * len(self.processes)
        items = iter(items)
        done: dict[int, Any] = {}
        sent = given = 0
        exhausted = False
        while True:
            while not exhausted and sent - given < ahead:
                item = next(items, _END)
                if item is _END:
                    exhausted = True
                else:
                    self.tasks.put((sent, function, item))
                    sent += 1
            if given == sent:
                return
            while given not in done:
                index, ok, value = self._get()
                if not ok:
                    raise WorkerFailed(value)
                done[index] = value
            yield done.pop(given)
            given += 1

    def _get(self):
        while True:
            try:
                return self.results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                dead = [p for p in self.processes if not p.is_alive()]
                if dead:
                    raise WorkerFailed(f"工作进程 {dead[0].pid} 意外退出(退出码 {dead[0].exitcode})") from None

    def close(self) -> None:
        """Let the workers finish and exit (after all results were read)."""
        for _ in self.processes:
            self.tasks.put(None)
        for process in self.processes:
            process.join(timeout=5)
        self.kill()

    def kill(self) -> None:
        """Stop at once: kill the workers, wait for nothing that could wait on them."""
        for process in self.processes:
            if process.is_alive():
                process.kill()
        for process in self.processes:
            process.join(timeout=2)
        for q in (self.tasks, self.results):
            q.cancel_join_thread()
            q.close()


_END = object()
