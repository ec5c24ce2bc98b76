"""What a start costs: modules imported only where used, and bytecode left by the install (nothing compiled)."""
import importlib
import importlib.util
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import faultdx


def modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code`` (from a directory without faultdx/)."""
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).parent).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_faultdx_loads_nothing_heavy():
    # the faultdx command turns the cyclic garbage collector off only once faultdx/__init__ has run (it is in the
    # package), so the package itself imports nothing until a name is asked for
    loaded = modules_after("import faultdx") - modules_after("")   # (an editable install's finder imports re …)
    assert "faultdx.extract" in loaded
    assert not {"faultdx.facts", "faultdx.reader", "experta", "typing", "re", "faultdx.engine", "faultdx.rules",
                "faultdx.config", "faultdx.phrasebook", "tabulate", "openpyxl", "faultdx.triage",
                "faultdx.consult"} & loaded
    assert {"faultdx.facts", "experta"} <= modules_after("import faultdx\nfaultdx.Case")


def test_the_command_diagnoses_text_without_the_file_readers_and_writers():
    modules_after("from faultdx import reader\nreader.lexicon()")   # compiled into the disk cache (with tomllib)
    loaded = modules_after("import sys\nsys.argv = ['faultdx', 'diagnose', '--text', '用户报691错误,帐号在线']\n"
                           "from faultdx.__main__ import run\n"
                           "try:\n    run()\nexcept SystemExit as exc:\n    assert exc.code == 0\n") - modules_after("")
    assert {"faultdx.engine", "faultdx.rules", "faultdx.cli"} <= loaded
    assert not {"faultdx.tickets", "faultdx.output", "faultdx.lint", "csv", "json", "pathlib", "tomllib", "tabulate", "openpyxl",
                "faultdx.triage", "faultdx.consult", "importlib.metadata"} & loaded


def test_the_choices_of_the_command_line_are_those_of_the_readers_writers_and_checker():
    from faultdx import choices, lint, output, tickets
    assert choices.OUTPUT_FORMATS == output.OUTPUT_FORMATS == tuple(output.WRITERS)
    assert (choices.INPUT_FORMATS, choices.ENCODING_ERRORS) == (tickets.FORMATS, tickets.ENCODING_ERRORS)
    assert choices.LINT_AUDIENCES == lint.AUDIENCES


def test_a_text_diagnosis_needs_no_table_file_or_consultation_modules():  # (the rule trace of --why is a table)
    loaded = modules_after(
        "from faultdx import Diagnoser, reader\n"
        "from faultdx.config import Config\n"
        "from faultdx.render import format_text\n"
        "reading = reader.read('用户报691错误,帐号在线')\n"
        "result = Diagnoser(Config()).diagnose(reading.case)\n"
        "assert result.category == 'dial_auth' and format_text(result, reading=reading)\n")
    assert {"faultdx.engine", "faultdx.rules", "ahocorasick"} <= loaded
    assert not {"tabulate", "wcwidth", "openpyxl", "faultdx.triage", "faultdx.tickets", "faultdx.consult",
                "importlib.metadata"} & loaded


def test_the_package_names_resolve_on_first_use():
    for name in faultdx.__all__:
        assert getattr(faultdx, name) is not None
    importlib.import_module("faultdx.extract")  # the submodule of the same name
    from faultdx.engine import Diagnoser
    assert callable(faultdx.extract) and faultdx.extract is sys.modules["faultdx.extract"].extract
    assert faultdx.Diagnoser is Diagnoser
    assert set(faultdx.__all__) <= set(dir(faultdx))
    with pytest.raises(AttributeError):
        faultdx.no_such_name  # noqa: B018


def stale_or_missing_bytecode(package_dir: Path) -> list[str]:
    """The sources under ``package_dir`` whose cached bytecode is missing or does not match the source."""
    problems = []
    for source in sorted(package_dir.rglob("*.py")):
        try:
            header = Path(importlib.util.cache_from_source(str(source))).read_bytes()[:16]
        except OSError:
            problems.append(f"{source}: no bytecode")
            continue
        flags = struct.unpack("<I", header[4:8])[0]
        stat = os.stat(source)
        if header[:4] != importlib.util.MAGIC_NUMBER:
            problems.append(f"{source}: bytecode of another Python")
        elif flags == 0 and struct.unpack("<II", header[8:16]) != (int(stat.st_mtime) & 0xFFFFFFFF,
                                                                    stat.st_size & 0xFFFFFFFF):
            problems.append(f"{source}: bytecode older than the source")
    return problems


@pytest.mark.skipif("site-packages" not in faultdx.__file__, reason="faultdx runs from a checkout, not installed")
def test_the_install_left_bytecode_for_every_module():
    package = Path(faultdx.__file__).parent
    assert len(list(package.rglob("*.py"))) > 20
    assert stale_or_missing_bytecode(package) == []


def test_the_bytecode_check_sees_a_missing_and_a_stale_file(tmp_path):
    (tmp_path / "fresh.py").write_text("x = 1\n")
    (tmp_path / "stale.py").write_text("x = 1\n")
    (tmp_path / "missing.py").write_text("x = 1\n")
    import py_compile
    py_compile.compile(str(tmp_path / "fresh.py"))
    py_compile.compile(str(tmp_path / "stale.py"))
    (tmp_path / "stale.py").write_text("x = 22\n")
    assert stale_or_missing_bytecode(tmp_path) == [f"{tmp_path / 'missing.py'}: no bytecode",
                                                   f"{tmp_path / 'stale.py'}: bytecode older than the source"]
