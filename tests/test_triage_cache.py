"""The triage caches change nothing but the speed (issue 12): the row cache, the abstract-case engine cache and
the diagnosis JSON filled from a template give the output that building every Diagnosis afresh (--no-cache) gives,
on a realistic export (figures vary per ticket) and on a repetitive one (rows repeat), in JSON Lines and CSV."""
import io
import json
import os
import sys
from pathlib import Path

import pytest

from faultdx.config import Config
from faultdx.triage import RowTriage, triage

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import exports  # noqa: E402  (the benchmarks' seeded generators)


@pytest.fixture(scope="module", params=["realistic", "repetitive"])
def export(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("exports") / f"{request.param}.csv"
    exports.generate(str(path), 1200, request.param)
    return path


def output(path, fmt, **options):
    out = io.StringIO()
    triage(str(path), out, fmt=fmt, config=Config(), **options)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_cache_and_no_cache_give_the_same_output(export, fmt):
    cached = output(export, fmt)
    assert cached == output(export, fmt, use_cache=False)
    assert len(cached.splitlines()) >= 1200


def test_two_workers_give_the_same_output_as_one(export):
    assert output(export, "jsonl", jobs=2, min_parallel_bytes=0, batch_size=100) == output(export, "jsonl")


def test_the_realistic_export_varies_and_the_repetitive_one_repeats(export):
    lines = [json.loads(line) for line in output(export, "jsonl").splitlines()]
    bodies = {json.dumps({k: v for k, v in r.items() if k not in ("ticket_id", "row")}, sort_keys=True)
              for r in lines}
    if export.stem == "realistic":
        assert len(bodies) > 0.8 * len(lines)   # figures, addresses: almost every record is its own
    else:
        assert len(bodies) < 0.3 * len(lines)   # the row cache serves most rows


def test_a_cached_row_is_the_same_record_as_a_fresh_one():
    row = {"工单号": "A1", "故障现象": "用户反映网速慢", "处理过程": "查CRM为4M,网管为2M,时延35ms 丢包8%"}
    columns = {"ticket_id": "工单号", "description": "故障现象", "notes": "处理过程"}
    from faultdx.engine import Diagnoser
    cached = RowTriage(Diagnoser(Config()), "t.csv")
    first = cached.line(2, dict(row), columns)[1]
    again = cached.line(3, {**row, "工单号": "A2"}, columns)[1]
    assert len(cached.rows) == 1
    assert json.loads(again) == {**json.loads(first), "ticket_id": "A2", "row": 3}
    fresh = RowTriage(Diagnoser(Config(), cache_size=0), "t.csv", use_cache=False)
    assert fresh.line(3, {**row, "工单号": "A2"}, columns)[1] == again
    assert cached.record(3, {**row, "工单号": "A2"}, columns) == json.loads(again)


def test_figures_are_filled_into_the_cached_template_per_row():
    columns = {"ticket_id": "工单号", "description": "故障现象", "notes": "处理过程"}
    from faultdx.engine import Diagnoser
    cached = RowTriage(Diagnoser(Config()), "t.csv")
    texts = []
    for crm, nms in (("4M", "2M"), ("8M", "4M"), ("20M", "10M")):
        row = {"工单号": crm, "故障现象": "用户反映网速慢", "处理过程": f"查CRM为{crm},网管为{nms}"}
        texts.append(json.loads(cached.line(2, row, columns)[1]))
    assert len(cached.templates) == 1   # one abstract case (CRM above 网管), one engine run
    causes = [" ".join(t["causes"]) for t in texts]
    assert "CRM 4M,网管 2M" in causes[0] and "CRM 8M,网管 4M" in causes[1] and "CRM 20M,网管 10M" in causes[2]


# --- templates shared between the workers of a run ----------------------------------------------------------

ROW_COLUMNS = {"ticket_id": "工单号", "description": "故障现象", "notes": "处理过程"}
ROWS = [{"工单号": f"A{i}", "故障现象": text, "处理过程": notes} for i, (text, notes) in enumerate([
    ("用户反映网速慢", "查CRM为4M,网管为2M,时延35ms 丢包8%"),
    ("拨号报691", "帐号状态欠费"),
    ("VPN连不上,报789错误", "经路由器拨号"),
    ("光猫LOS红灯,没网了", "收光-28dBm"),
])]


class CountingDiagnoser:
    """A Diagnoser that counts its engine runs."""

    def __init__(self):
        from faultdx.engine import Diagnoser
        self.inner, self.runs = Diagnoser(Config()), 0
        self.config = self.inner.config

    def template(self, view):
        self.runs += 1
        return self.inner.template(view)

    def diagnose(self, case):
        return self.inner.diagnose(case)


def test_a_worker_uses_the_template_another_worker_made(tmp_path):
    from faultdx.triage import SharedTemplates
    first, second = CountingDiagnoser(), CountingDiagnoser()
    one = RowTriage(first, "t.csv", shared=SharedTemplates(str(tmp_path)))
    two = RowTriage(second, "t.csv", shared=SharedTemplates(str(tmp_path)))
    lines_one = [one.line(i + 2, dict(row), ROW_COLUMNS)[1] for i, row in enumerate(ROWS)]
    lines_two = [two.line(i + 2, dict(row), ROW_COLUMNS)[1] for i, row in enumerate(ROWS)]
    assert first.runs == len(ROWS) and second.runs == 0
    assert lines_two == lines_one
    alone = RowTriage(CountingDiagnoser(), "t.csv")
    assert [alone.line(i + 2, dict(row), ROW_COLUMNS)[1] for i, row in enumerate(ROWS)] == lines_one


def _logs(directory):
    return sorted(p for p in Path(directory).iterdir() if p.name.startswith("log-"))


def test_a_template_is_read_from_another_workers_log_once_whole(tmp_path):
    from faultdx.triage import SharedTemplates
    writer, reader = SharedTemplates(str(tmp_path)), SharedTemplates(str(tmp_path))
    writer.put(("a",), "template of a")
    writer.put(("b",), "template of b")
    assert writer.get(("a",)) is None   # a worker's own templates are its RowTriage's, not read back
    [log] = _logs(tmp_path)
    whole = log.read_bytes()
    log.write_bytes(whole[:-3])   # b's record still being written
    assert reader.get(("a",)) == "template of a"
    assert reader.get(("b",)) is None
    log.write_bytes(whole)   # now whole: read on the next look, from where the last one stopped
    assert reader.get(("b",)) == "template of b"
    assert reader.get(("c",)) is None


def test_a_record_that_does_not_match_its_digest_or_a_log_others_may_write_is_not_used(tmp_path):
    from faultdx.triage import SharedTemplates
    writer = SharedTemplates(str(tmp_path))
    writer.put(("a",), "template of a")
    [log] = _logs(tmp_path)
    data = bytearray(log.read_bytes())
    data[-1] ^= 1
    log.write_bytes(bytes(data))
    assert SharedTemplates(str(tmp_path)).get(("a",)) is None
    data[-1] ^= 1
    log.write_bytes(bytes(data))
    log.chmod(0o666)
    assert SharedTemplates(str(tmp_path)).get(("a",)) is None
    log.chmod(0o600)
    assert SharedTemplates(str(tmp_path)).get(("a",)) == "template of a"


def test_templates_shared_without_a_directory_are_not_shared_and_raise_nothing(tmp_path):
    from faultdx.triage import SharedTemplates
    missing = SharedTemplates(str(tmp_path / "gone"))
    missing.put(("a",), "x")
    assert missing.get(("a",)) is None


def test_a_pickled_shared_templates_starts_with_no_log(tmp_path):
    import pickle

    from faultdx.triage import SharedTemplates
    shared = SharedTemplates(str(tmp_path))
    shared.put(("a",), "template of a")
    again = pickle.loads(pickle.dumps(shared))   # a Dask worker's copy
    assert again.directory == shared.directory and again.get(("a",)) == "template of a"


def test_parallel_triage_shares_through_a_directory_it_removes_afterwards(export, tmp_path, monkeypatch):
    import tempfile

    from faultdx.triage import SharedTemplates
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    made = []
    create = SharedTemplates.create.__func__
    monkeypatch.setattr(SharedTemplates, "create", classmethod(lambda cls: made.append(create(cls)) or made[-1]))
    assert output(export, "jsonl", jobs=2, min_parallel_bytes=0, batch_size=100) == output(export, "jsonl")
    assert len(made) == 1 and made[0].directory.startswith(str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_a_shared_directory_left_by_a_killed_run_is_removed_by_the_next(tmp_path):
    import subprocess

    from faultdx.triage import SharedTemplates
    dead = subprocess.Popen(["true"])
    dead.wait()   # a process id that no longer runs
    left = tmp_path / f"{SharedTemplates.PREFIX}{dead.pid}-abc"
    left.mkdir()
    (left / "template").write_bytes(b"x")
    alive = tmp_path / f"{SharedTemplates.PREFIX}{os.getpid()}-def"
    alive.mkdir()
    other = tmp_path / "faultdx-templates-notapid"
    other.mkdir()
    SharedTemplates.remove_stale(str(tmp_path))
    assert not left.exists() and alive.exists() and other.exists()
