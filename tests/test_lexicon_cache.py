"""The compiled lexicon kept on disk (faultdx._diskcache): a hit reads exactly as a fresh compile, and a cache
that is corrupt, stale, foreign or cannot be written is passed over without a word."""
import csv
import os
import pickle
from importlib import resources
from pathlib import Path

import pytest

from faultdx import _diskcache, reader

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "tickets.csv"
EXTRA = ["用户报691错误,帐号在线", "帳號在線，撥號提示錯誤691", "网速慢，CRM 4M 网管 2M，ping 35ms 丢包 8%",
         "光猫LOS灯红，不能上网", "密码: secret123 帐号欠费", ""]


def texts() -> list[str]:
    with open(CORPUS, encoding="utf-8", newline="") as stream:
        return [row["text"] for row in csv.DictReader(stream)] + EXTRA


def readings() -> list:
    return [reader.read(text) for text in texts()]


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """An empty $XDG_CACHE_HOME, and a lexicon() that has to find its lexicon again (before and after)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    reader.lexicon.cache_clear()
    yield tmp_path
    reader.lexicon.cache_clear()


def cache_files(home: Path) -> list[Path]:
    return sorted((home / "faultdx").glob("lexicon-*.pickle"))


def compile_forbidden(monkeypatch):
    def fail(text):
        raise AssertionError("compiled although the cache holds the lexicon")
    monkeypatch.setattr(reader, "compile_lexicon", fail)


def test_a_cache_hit_reads_every_text_as_a_fresh_compile(cache_home, monkeypatch):
    fresh = readings()  # compiled, then stored
    [stored] = cache_files(cache_home)
    assert (stored.parent.stat().st_mode & 0o777) == 0o700
    reader.lexicon.cache_clear()
    compile_forbidden(monkeypatch)
    loaded = readings()
    assert loaded == fresh
    assert sum(bool(r.evidence) for r in loaded) > len(loaded) // 2  # the texts are read, not ignored
    lexicon = reader.lexicon()
    assert lexicon.converter.convert("帳號") == "帐号"  # the converter is made again from its config
    source = resources.files("faultdx.rules").joinpath("lexicon.toml").read_text("utf-8")
    monkeypatch.undo()
    assert sorted(lexicon.automaton.items()) == sorted(reader.compile_lexicon(source).automaton.items())


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other key", "not a pair"])
def test_a_damaged_cache_file_is_ignored_and_replaced(cache_home, monkeypatch, damage):
    fresh = readings()
    [stored] = cache_files(cache_home)
    data = stored.read_bytes()
    stored.write_bytes({"garbage": b"\x80\x05not a pickle at all",
                        "truncated": data[: len(data) // 2],
                        "empty": b"",
                        "other key": pickle.dumps(("0" * 64, "a lexicon of another key")),
                        "not a pair": pickle.dumps(["x"])}[damage])
    reader.lexicon.cache_clear()
    assert readings() == fresh
    assert cache_files(cache_home) == [stored] and stored.stat().st_size > 0
    reader.lexicon.cache_clear()
    compile_forbidden(monkeypatch)
    assert readings() == fresh  # compiled again and stored again, whole: the next run loads it


def test_no_cache_directory_means_compiling_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    reader.lexicon.cache_clear()
    try:
        assert readings()[0] == reader.read(texts()[0])
        assert not (tmp_path / "faultdx").exists()
    finally:
        reader.lexicon.cache_clear()


def test_a_relative_xdg_cache_home_is_not_used(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert _diskcache.cache_dir() == str(tmp_path / ".cache" / "faultdx")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert _diskcache.cache_dir() == str(tmp_path / ".cache" / "faultdx")


def test_stale_keys_miss_and_unused_files_are_removed(tmp_path):
    directory = str(tmp_path / "c")
    assert _diskcache.store("thing", "a" * 64, {"v": 1}, directory=directory)
    assert _diskcache.load("thing", "a" * 64, directory=directory) == {"v": 1}
    assert _diskcache.load("thing", "b" * 64, directory=directory) is None  # another key: another file
    old = Path(directory) / f"thing-{'a' * 32}.pickle"
    os.utime(old, (0, 0))  # not used for decades
    assert _diskcache.store("thing", "b" * 64, {"v": 2}, directory=directory)
    assert not old.exists() and _diskcache.load("thing", "b" * 64, directory=directory) == {"v": 2}


def test_a_file_under_a_key_prefix_holding_another_key_is_refused(tmp_path):
    directory = str(tmp_path / "c")
    first, second = "c" * 32 + "1" * 32, "c" * 32 + "2" * 32  # the file name keeps 32 digits of the key
    assert _diskcache.store("thing", first, "first", directory=directory)
    assert _diskcache.load("thing", second, directory=directory) is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners here")
def test_a_cache_others_may_write_to_is_not_loaded(tmp_path):
    directory = tmp_path / "c"
    assert _diskcache.store("thing", "d" * 64, "mine", directory=str(directory))
    directory.chmod(0o777)
    assert _diskcache.load("thing", "d" * 64, directory=str(directory)) is None
    assert not _diskcache.store("thing", "e" * 64, "mine", directory=str(directory))
    directory.chmod(0o700)
    (directory / f"thing-{'d' * 32}.pickle").chmod(0o666)
    assert _diskcache.load("thing", "d" * 64, directory=str(directory)) is None


def test_the_key_follows_every_part():
    key = _diskcache.make_key(b"lexicon", "code", "versions")
    assert key == _diskcache.make_key(b"lexicon", "code", "versions")
    assert key != _diskcache.make_key(b"lexicon!", "code", "versions")
    assert key != _diskcache.make_key(b"lexicon", "code", "versions 2")
    assert _diskcache.make_key(b"ab", b"c") != _diskcache.make_key(b"a", b"bc")
    import ahocorasick
    identity = _diskcache.module_identity(ahocorasick, "pyahocorasick")
    assert identity.startswith("pyahocorasick ") and " ? " not in identity  # its version was found
