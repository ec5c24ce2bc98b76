"""The knowledge files read without importlib.resources, and TOML kept parsed in the disk cache."""
import tomllib
from importlib import resources

import pytest

from faultdx import _rulefiles

FILES = ["phrasebook.toml", "codes.toml", "items.toml", "lexicon.toml"]


@pytest.mark.parametrize("name", FILES)
def test_files_are_the_installed_package_resources(name):
    assert _rulefiles.read_bytes(name) == resources.files("faultdx.rules").joinpath(name).read_bytes()
    assert _rulefiles.read_text(name) == resources.files("faultdx.rules").joinpath(name).read_text("utf-8")


@pytest.mark.parametrize("name", FILES)
def test_cached_toml_is_the_parsed_file(name, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parsed = tomllib.loads(resources.files("faultdx.rules").joinpath(name).read_text("utf-8"))
    first = _rulefiles.load_toml(name)                 # parsed, then stored
    assert list((tmp_path / "faultdx").glob("toml-*.pickle"))
    second = _rulefiles.load_toml(name)                # from the cache
    assert first == parsed and second == parsed and second is not first


def test_a_corrupt_cached_toml_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = _rulefiles.load_toml("codes.toml")
    for path in (tmp_path / "faultdx").glob("toml-codes-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert _rulefiles.load_toml("codes.toml") == expected
