"""Triage runs the cyclic garbage collector rarely (faultdx.triage.GC_ALLOCATIONS) because triaging a row makes no
reference cycles: this checks that claim on a realistic export, and that a caller's collector setting is restored."""
import gc
import io
import sys
from pathlib import Path

from faultdx.config import Config
from faultdx.triage import GC_ALLOCATIONS, triage

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import exports  # noqa: E402  (the benchmarks' seeded generators)


def test_triaging_rows_leaves_no_cyclic_garbage(tmp_path):
    path = tmp_path / "realistic.csv"
    exports.generate(str(path), 2000, "realistic")
    triage(str(path), io.StringIO(), config=Config())   # the rule network, the lexicon … built and cached
    gc.collect()
    gc.disable()
    try:
        triage(str(path), io.StringIO(), config=Config())
        triage(str(path), io.StringIO(), config=Config(), use_cache=False)
        assert gc.collect() < 50   # the run's own few (its file objects); per row there would be thousands
    finally:
        gc.enable()


def test_the_callers_collector_setting_is_restored(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("工单号,故障现象\nA,用户报691错误\n", encoding="utf-8")
    old = gc.get_threshold()
    seen = []
    triage(str(path), None, config=Config(), progress=lambda *a: seen.append(gc.get_threshold()[0]))
    assert seen and seen[0] >= GC_ALLOCATIONS and gc.get_threshold() == old
