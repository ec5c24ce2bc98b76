"""The knowledge files installed with the rules (``faultdx.rules``), read without importing that package.

``importlib.resources`` reads them too, but importing it costs about 5 ms at every start (it brings
``tempfile`` and ``zipfile``), and these files are always plain files in the package's directory:
setup.cfg installs ``rules/`` as ``faultdx.rules`` (an editable install points at the checkout's ``rules/``).
"""
from __future__ import annotations

import functools
import importlib.util
import os


@functools.cache
def directory() -> str:
    """Where ``faultdx.rules`` is, found without running its ``__init__`` (which loads the engine)."""
    spec = importlib.util.find_spec("faultdx.rules")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("faultdx.rules 未安装")
    return list(spec.submodule_search_locations)[0]


def read_bytes(name: str) -> bytes:
    with open(os.path.join(directory(), name), "rb") as stream:
        return stream.read()


def read_text(name: str) -> str:
    """The file as UTF-8 text, line ends read as ``\\n`` (as ``importlib.resources`` reads it)."""
    with open(os.path.join(directory(), name), encoding="utf-8") as stream:
        return stream.read()


def load_toml(name: str) -> dict:
    """A TOML knowledge file (phrasebook.toml, codes.toml, items.toml) parsed, and kept parsed in the disk cache
    (``faultdx._diskcache``, keyed on the file's bytes): unpickling plain data is several times faster than
    importing ``tomllib`` and parsing. Each call returns its own copy."""
    from faultdx import _diskcache
    data = read_bytes(name)

    def parse() -> dict:
        import tomllib
        return tomllib.loads(data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))

    key = _diskcache.make_key(data, _diskcache.python_identity())
    return _diskcache.cached("toml-" + name.removesuffix(".toml"), key, parse)
