"""Nothing raw reaches a terminal (reliability audit INJ-TERM, CO-PTY echo): controls become visible escapes."""
import json

import pytest

from edges import run, text
from faultdx.display import escape_controls, json_text, safe_text

PAYLOADS = ["\x1b]0;PWNED\x07\x1b[2J", "\x1b[31mred", "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "\x9b2J\x9d0;x\x9c",
            "abc\u202etxt.exe", "\u2066iso\u2069", "bell\x07back\x08del\x7f"]
RAW = ("\x1b", "\x9b", "\x9d", "\x9c", "\u202e", "\u2066", "\u2069", "\x07", "\x08", "\x7f")


@pytest.fixture
def ansi_csv(tmp_path):
    path = tmp_path / "ansi.csv"
    lines = ["工单号,故障现象,处理过程,帐号状态"]
    for payload in PAYLOADS:
        cell = '"' + payload.replace('"', '""') + '"'
        lines.append(f"{cell},用户报691错误,{cell},")
        lines.append(f"ok,用户报691错误,,{cell}")  # an error message quoting the bad cell
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "jsonl", "json"])
def test_inj_term_no_raw_control_or_bidi_character_in_any_format(ansi_csv, fmt):
    result = run("triage", ansi_csv, "--format", fmt, "-q")
    out = result.stdout.decode("utf-8-sig")
    assert [c for c in RAW if c in out] == []
    assert "\\x1b]0;PWNED" in out or "\\u001b]0;PWNED" in out  # shown, not obeyed
    if fmt in ("jsonl", "json"):
        parsed = [json.loads(line) for line in out.splitlines()] if fmt == "jsonl" else json.loads(out)
        assert parsed[0]["ticket_id"] == PAYLOADS[0]  # JSON escapes them and keeps the value exact


def test_error_messages_on_stderr_are_escaped(tmp_path):
    result = run("triage", tmp_path / "\x1b[2Jmissing.csv")
    assert "\x1b" not in text(result)[1] and "\\x1b[2J" in text(result)[1]


def test_escape_functions():
    assert escape_controls("a\x1bb\nc\td") == "a\\x1bb\nc\td"
    assert escape_controls("x\u202ey", keep_newlines=False) == "x\\u202ey"
    assert safe_text("密码:Sx1pass \x1b" + "y" * 100, 20).startswith("密码:****** \\x1b")
    assert json_text({"a": "\x9b\u202e\u2028"}) == '{"a": "\\u009b\\u202e\\u2028"}'
    with pytest.raises(ValueError):
        json_text({"a": float("inf")})


# json_text makes its C encoder once (issue 12): the same text as json.dumps, the same errors
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_JSON_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=12)


@given(_JSON_DATA)
def test_json_text_is_json_dumps_with_controls_escaped(data):
    import re
    expected = re.sub("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c]",
                      lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, allow_nan=False))
    assert json_text(data) == expected
    assert json.loads(json_text(data)) == json.loads(expected)


@pytest.mark.parametrize("bad", [float("nan"), {"x": [float("inf")]}, {"o": object()}])
def test_json_text_refuses_what_strict_json_refuses(bad):
    with pytest.raises((ValueError, TypeError)):
        json_text(bad)
