import collections
import subprocess
import sys


def test_experta_imports_and_runs_on_this_python(tmp_path):
    code = ("import faultdx._experta as x, collections;"
            "assert not hasattr(collections, 'Mapping');"
            "from faultdx import Case, diagnose;"
            "print(diagnose(Case.from_values(error_codes='633')).category)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=tmp_path).stdout
    assert out.strip() == "error_code"


def test_collections_is_left_unchanged():
    import faultdx._experta  # noqa: F401
    assert not hasattr(collections, "Mapping")
