"""Helpers for the edge tests: run the installed command as a user would, as root or as `nobody`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FAULTDX = str(Path(sys.executable).parent / "faultdx")
IS_ROOT = os.geteuid() == 0
SETPRIV = shutil.which("setpriv")
NOBODY = 65534


def run(*args, input=None, user=None, env=None, timeout=120, cwd=None):
    """The installed ``faultdx`` with ``args``; ``user="nobody"`` drops root with setpriv. Returns CompletedProcess."""
    command = [FAULTDX, *map(str, args)]
    if user == "nobody":
        command = [SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    environment = {**os.environ, "LANG": "C.UTF-8", **(env or {})}
    return subprocess.run(command, input=input, capture_output=True, timeout=timeout, env=environment, cwd=cwd)


def text(completed) -> tuple[str, str]:
    return completed.stdout.decode("utf-8", "replace"), completed.stderr.decode("utf-8", "replace")


def one_clean_line(completed) -> str:
    """The stderr of a refused run: one line, no traceback."""
    err = completed.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    return err


needs_root = pytest.mark.skipif(not IS_ROOT, reason="needs root (mknod, mount, setpriv)")
needs_nobody = pytest.mark.skipif(not (IS_ROOT and SETPRIV), reason="needs root and setpriv to act as nobody")


def world_dir(tmp_path: Path, name: str, mode: int = 0o777) -> Path:
    """A directory `nobody` can reach (tmp_path's parents are made traversable)."""
    for parent in [tmp_path, *tmp_path.parents][:4]:
        try:
            parent.chmod(parent.stat().st_mode | 0o011)
        except PermissionError:
            pass
    path = tmp_path / name
    path.mkdir()
    path.chmod(mode)
    return path


def sample_copy(directory: Path) -> Path:
    target = directory / "tickets.csv"
    shutil.copy(SAMPLES / "tickets.csv", target)
    target.chmod(0o644)
    return target


def big_export(path: Path, rows: int, distinct: bool = False) -> Path:
    """An export of ``rows`` rows made by repeating the sample's rows with new ticket ids; ``distinct``: each
    description ends with its own address, so no row is served from triage's row cache (a run that takes time)."""
    import csv
    sample = list(csv.reader(open(SAMPLES / "tickets.csv", encoding="utf-8", newline="")))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(sample[0])
        for i in range(rows):
            row = sample[1 + i % (len(sample) - 1)][1:]
            if distinct:
                row = [row[0] + f" 地址:{i // 100}号楼{i % 100}室", *row[1:]]
            writer.writerow([f"GD{i:09d}", *row])
    return path
