"""The rule network kept built on disk (``faultdx._netcache``): the same diagnoses as a network built in the
process, a key that changes with the rules, and a build whenever the file cannot be trusted."""
import glob
import os
import shutil
import subprocess
import sys

import pytest

from case_corpus import generated_cases
from faultdx import Case, _diskcache, _netcache, _rulefiles
from faultdx._rete import LeanReteMatcher, network_nodes
from faultdx.config import Config
from faultdx.engine import Diagnoser, FaultEngine, StockFaultEngine
from scenarios import SCENARIOS

BUILD = ("from faultdx.config import Config\nfrom faultdx.engine import FaultEngine\n"
         "FaultEngine(Config())\n")


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def network_files(home) -> list[str]:
    return glob.glob(os.path.join(home, "faultdx", f"{_netcache.NAME}-*.pickle"))


def built_elsewhere(home, seed: str) -> None:
    """A network built and stored by another process (another string-hash seed, so other set orders)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(home), "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", BUILD], env=env, check=True, cwd=os.path.dirname(__file__))


def no_build(monkeypatch):
    def refuse(self):
        raise AssertionError("the network was built, not loaded")
    monkeypatch.setattr(LeanReteMatcher, "_experta_network", refuse)


def test_a_network_from_another_process_diagnoses_as_experta(cache_home, monkeypatch):
    built_elsewhere(cache_home, "1")
    assert len(network_files(cache_home)) == 1
    class Built(FaultEngine):   # (a subclass builds its network: see below)
        pass
    built = Built(Config()).matcher
    no_build(monkeypatch)
    engine = FaultEngine(Config())
    # the alpha part's sharing depends on the string-hash seed (754 or 755 nodes), the rules' ends do not
    assert len(engine.matcher._conflict_sets) == len(built._conflict_sets) > 150
    cases = [Case.from_values(facts) for _, facts, _, _ in SCENARIOS] + generated_cases(400)
    loaded = Diagnoser(Config(), engine=engine, cache_size=0)
    stock = Diagnoser(Config(), engine=StockFaultEngine(Config()), cache_size=0)
    assert [loaded.diagnose(c) for c in cases] == [stock.diagnose(c) for c in cases]


def test_the_first_engine_stores_the_network_and_the_next_loads_it(cache_home, monkeypatch):
    first = FaultEngine(Config())
    assert len(network_files(cache_home)) == 1
    no_build(monkeypatch)
    second = FaultEngine(Config())
    assert len(network_nodes(second.matcher.root_node)) == len(network_nodes(first.matcher.root_node))
    case = Case.from_values({"error_codes": "691", "account_status": "在线"})
    assert Diagnoser(Config(), engine=second).diagnose(case) == Diagnoser(Config(), engine=first).diagnose(case)


def test_a_corrupt_or_foreign_file_is_built_again(cache_home):
    FaultEngine(Config())
    [path] = network_files(cache_home)
    with open(path, "r+b") as stream:   # the same key inside, a body that does not load
        stream.seek(-40, os.SEEK_END)
        stream.write(b"\0" * 40)
    engine = FaultEngine(Config())
    assert len(network_nodes(engine.matcher.root_node)) > 100


def test_a_function_that_is_not_where_it_was_means_a_build(cache_home, monkeypatch):
    FaultEngine(Config())
    functions = _netcache._functions(FaultEngine)
    monkeypatch.setattr(_netcache, "_functions", lambda engine_class: functions[1:] + functions[:1])
    built = []
    original = LeanReteMatcher._experta_network
    monkeypatch.setattr(LeanReteMatcher, "_experta_network", lambda self: built.append(1) or original(self))
    FaultEngine(Config())
    assert built == [1]


def test_a_subclass_builds_its_own_network(cache_home):
    class More(FaultEngine):   # rules the key would not cover
        pass
    More(Config())
    assert network_files(cache_home) == []


def test_the_key_covers_the_rules_code_and_data(tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    shutil.copytree(_rulefiles.directory(), rules, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(_rulefiles, "directory", lambda: str(rules))
    keys = [_netcache.cache_key(FaultEngine)]
    for name in ("codes.toml", "bandwidth.py", "phrasebook-zh.txt"):
        with open(rules / name, "a", encoding="utf-8") as stream:
            stream.write("\n")
        keys.append(_netcache.cache_key(FaultEngine))
    assert len(set(keys)) == 4
    assert _netcache.cache_key(StockFaultEngine) != keys[-1]


def test_the_package_code_reads_the_suffixes_asked_for(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "b.toml").write_text("x = 1\n")
    assert b"b.toml" not in _diskcache.package_code(str(tmp_path))
    assert b"b.toml" in _diskcache.package_code(str(tmp_path), (".py", ".toml"))
