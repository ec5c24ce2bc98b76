"""Interrupted runs (reliability audit OUT-SIG-*): Ctrl-C, SIGTERM and SIGHUP during a parallel triage stop at
once, with exit 128+N (130 for Ctrl-C), one line and no traceback, the old output intact, no temporary left and
no worker left running."""
import os
import signal
import subprocess
import time

import pytest

from edges import FAULTDX, big_export


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("sig") / "big.csv"
    return big_export(path, 150000, distinct=True)


def wait_until_handled(pid: int, timeout: float = 60.0) -> None:
    """Until the command handles SIGTERM (its handlers are set once it runs, after its imports): a signal sent
    before that is the interpreter's default, which is not what these tests are about; on a loaded machine
    start-up alone can take longer than the tests' delays."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(f"/proc/{pid}/status") as status:
            caught = next(int(line.split()[1], 16) for line in status if line.startswith("SigCgt:"))
        if caught >> (signal.SIGTERM - 1) & 1:
            return
        time.sleep(0.01)
    pytest.fail(f"the command set no signal handler in {timeout:.0f} s")


def interrupt(tmp_path, big_csv, signum, to_group, jobs=2, delay=2.0):
    out = tmp_path / "out.jsonl"
    out.write_text("OLD CONTENT\n")
    temp = tmp_path / "temp"   # the run's own temporary directory: the parts' and the templates' go there
    temp.mkdir()
    child = subprocess.Popen([FAULTDX, "triage", str(big_csv), "-o", str(out), "--jobs", str(jobs)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                             env={**os.environ, "TMPDIR": str(temp)},
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    wait_until_handled(child.pid)
    time.sleep(delay)
    assert child.poll() is None, "finished before the signal: use a bigger input"
    (os.killpg if to_group else os.kill)(child.pid, signum)
    try:
        _, err = child.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        pytest.fail("still running 30 s after the signal (hung)")
    err = err.decode()
    assert child.returncode == 128 + signum
    assert "Traceback" not in err and "已中断" in err and "输出文件未改动" in err and err.strip().count("\n") == 0, err
    assert out.read_text() == "OLD CONTENT\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "temp"]  # no temporary left
    assert list(temp.iterdir()) == []
    left = subprocess.run(["pgrep", "-s", str(child.pid)], capture_output=True).stdout
    assert left == b"", "worker processes left running"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["INT", "TERM", "HUP"])
@pytest.mark.parametrize("to_group", [True, False], ids=["group", "main"])
def test_out_sig_interrupted_parallel_triage(tmp_path, big_csv, signum, to_group):
    interrupt(tmp_path, big_csv, signum, to_group)


def test_out_sig_int_repeat_never_hangs(tmp_path_factory, big_csv):
    for trial in range(4):
        interrupt(tmp_path_factory.mktemp(f"r{trial}"), big_csv, signal.SIGINT, True, delay=1.0 + trial * 0.7)


def test_out_sig_int_single_job(tmp_path, big_csv):
    interrupt(tmp_path, big_csv, signal.SIGINT, True, jobs=1)


def test_interrupted_run_to_standard_output_does_not_speak_of_an_output_file(big_csv):
    """Without -o there is no output file to keep: the message says only that the run was interrupted."""
    child = subprocess.Popen([FAULTDX, "triage", str(big_csv), "--jobs", "2", "-q"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, start_new_session=True)
    wait_until_handled(child.pid)
    time.sleep(2.0)
    assert child.poll() is None, "finished before the signal: use a bigger input"
    os.kill(child.pid, signal.SIGTERM)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 128 + signal.SIGTERM
    assert "已中断" in err.decode() and "输出文件" not in err.decode()


def test_ctrl_c_while_the_command_is_still_importing_is_one_line_and_130():
    """Before the command's own handling begins (its imports): exit 130 and one line, no traceback."""
    import sys
    probe = ("import builtins\nimport faultdx.__main__ as entry\nreal = builtins.__import__\n"
             "def interrupted(name, *args, **kwargs):\n"
             "    if name == 'faultdx.cli':\n        raise KeyboardInterrupt\n    return real(name, *args, **kwargs)\n"
             "builtins.__import__ = interrupted\nentry.run()\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (130, "已中断(Ctrl-C)\n")
