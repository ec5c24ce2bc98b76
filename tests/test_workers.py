"""The worker pool keeps order, reports a failing or dying worker instead of hanging, and always stops."""
import os
import signal
import time

import pytest

from faultdx.workers import WorkerFailed, WorkerPool


def _nothing():
    pass


def _square(n):
    return n * n


def _fail(n):
    if n == 3:
        raise ValueError("boom")
    return n


def _die(n):
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.05)
    return n


def test_results_come_in_order():
    pool = WorkerPool(2, _nothing)
    assert list(pool.imap(_square, range(50), ahead=4)) == [n * n for n in range(50)]
    pool.close()
    assert not any(p.is_alive() for p in pool.processes)


@pytest.mark.parametrize("function,reason", [(_fail, "ValueError: boom"), (_die, "意外退出")])
def test_a_failing_or_dying_worker_is_reported_not_waited_for(function, reason):
    pool = WorkerPool(2, _nothing)
    started = time.monotonic()
    with pytest.raises(WorkerFailed, match=reason):
        list(pool.imap(function, range(20)))
    pool.kill()
    assert time.monotonic() - started < 20 and not any(p.is_alive() for p in pool.processes)
