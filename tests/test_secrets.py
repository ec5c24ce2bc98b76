"""Secrets never leave (reliability audit SEC-*): one masking function, on every surface."""
import csv
import io
import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from faultdx import mask_passwords as exported
from faultdx.cli import main
from faultdx.config import Config
from faultdx.extract import mask_passwords as from_extract
from faultdx.secrets import MASK, is_secret_column, mask_passwords
from faultdx.triage import triage
from password_corpus import KEPT, PHRASINGS


def test_the_corpus_is_large_enough_and_distinctive():
    assert len(PHRASINGS) >= 60
    assert all(secret in phrase for phrase, secret in PHRASINGS)


def test_one_masking_function_everywhere():
    assert exported is from_extract is mask_passwords


@pytest.mark.parametrize("phrase,secret", PHRASINGS)
def test_sec_mask_every_phrasing(phrase, secret):
    masked = mask_passwords(phrase)
    assert secret not in masked and MASK in masked


@pytest.mark.parametrize("phrase", KEPT)
def test_ordinary_text_after_a_password_word_is_kept(phrase):
    assert mask_passwords(phrase) == phrase


def test_only_the_secret_goes_and_the_sentence_stays():
    assert mask_passwords("密码已重置为Sx1pass,请用户重新拨号") == "密码已重置为******,请用户重新拨号"
    assert mask_passwords("帐号:028,密码:x1,状态在线") == "帐号:028,密码:******,状态在线"


@pytest.mark.parametrize("header", ["密码", "初始密码", "PIN", "password", "用户密码"])
def test_password_columns_are_secret(header):
    assert is_secret_column(header)
    assert not is_secret_column("工单号") and not is_secret_column("密码状态")


PLACES = ("工单号", "故障现象", "处理过程", "宽带帐号", "密码", "帐号状态", "CRM带宽")


def corpus_export(path):
    """One row per (phrasing, column): the phrasing in that column, ordinary values elsewhere."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PLACES)
        for phrase, _ in PHRASINGS:
            for place in PLACES:
                base = {"工单号": "GD1", "故障现象": "用户报691错误", "处理过程": "", "宽带帐号": "028",
                        "密码": "", "帐号状态": "", "CRM带宽": ""}
                base[place] = phrase if place != "密码" else phrase.split(":")[-1]
                writer.writerow([base[p] for p in PLACES])


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "tsv", "table", "xlsx"])
def test_sec_triage_no_phrasing_leaks_in_any_format_or_column(tmp_path, fmt):
    source = tmp_path / "secrets.csv"
    corpus_export(source)
    out = io.BytesIO() if fmt == "xlsx" else io.StringIO()
    triage(str(source), out, fmt=fmt, config=Config(), width=200)
    if fmt == "xlsx":
        out.seek(0)
        output = "\n".join(str(v) for r in load_workbook(out).active.iter_rows(values_only=True) for v in r)
    else:
        output = out.getvalue()
    leaks = [secret for _, secret in PHRASINGS if secret in output]
    assert leaks == []


def test_sec_facts_are_read_from_the_masked_text():
    runner = CliRunner()
    one = json.loads(runner.invoke(main, ["diagnose", "--text", "用户无法上网,密码:Pw678abc", "--format", "json"]).output)
    assert 678 not in one["facts"].get("error_codes", [])
    two = json.loads(runner.invoke(main, ["diagnose", "--text", "用户网速慢,帐号密码是crm20m", "--format", "json"]).output)
    assert "crm_bw" not in two["facts"]


def test_sec_triage_facts_are_read_from_the_masked_text(tmp_path):
    source = tmp_path / "f.csv"
    source.write_text("工单号,故障现象\nA,用户无法上网,密码:Pw678abc\n".replace("上网,", "上网 "), encoding="utf-8")
    out = io.StringIO()
    triage(str(source), out, config=Config())
    assert 678 not in json.loads(out.getvalue())["facts"].get("error_codes", [])


@pytest.mark.parametrize("phrase,secret", PHRASINGS[::3])
def test_sec_dx_consult_every_surface(tmp_path, phrase, secret):
    runner = CliRunner(echo_stdin=False)
    surfaces = []
    for args in (["diagnose", "--text", phrase, "--format", "json"], ["diagnose", "--text", phrase, "--why"],
                 ["diagnose", "--account-status", phrase], ["diagnose", "--crm-bw", phrase],
                 ["consult", "--error-code", phrase], ["triage", "x.csv", "--map", phrase]):
        result = runner.invoke(main, args, input="")
        surfaces.append(result.output + result.stderr)
    saved = tmp_path / "c.json"
    result = runner.invoke(main, ["consult", "--text", phrase, "--notes", "--how", "--save", str(saved)],
                           input=f"{phrase}\n")
    surfaces += [result.output, result.stderr, saved.read_text() if saved.exists() else ""]
    typed = runner.invoke(main, ["consult", "--error-code", "691"], input=f"{phrase}\nq\n")
    surfaces.append(typed.output)
    # (CliRunner shows what was typed after the "> " prompt as a terminal would; the program itself does not)
    surfaces = ["\n".join(line for line in s.splitlines() if not line.startswith("> ")) for s in surfaces]
    assert [s for s in surfaces if secret in s] == []


ROW_CELL = st.one_of(st.sampled_from([p for p, _ in PHRASINGS]), st.text(max_size=20),
                     st.lists(st.sampled_from([p for p, _ in PHRASINGS] + ["用户报691错误", "帐号在线", "，", " "]),
                              max_size=4).map("".join))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(ROW_CELL, min_size=7, max_size=7), min_size=1, max_size=6),
       fmt=st.sampled_from(["jsonl", "csv", "tsv", "table"]))
def test_no_secret_in_any_output_or_error_message(tmp_path, rows, fmt):
    path = tmp_path / "p.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PLACES)
        writer.writerows(rows)
    out = io.StringIO()
    triage(str(path), out, fmt=fmt, config=Config(), width=400)
    output = out.getvalue()
    assert [s for _, s in PHRASINGS if s in output] == []


@settings(max_examples=400)
@given(st.text(alphabet="密码口令登录pPwWdDsSaAiInN :=：是为 1a,;（）()ｐＰ\u200b", max_size=30))
def test_masking_tries_the_pattern_only_where_a_password_word_can_start(text):
    """mask_passwords/blank_passwords skip to the characters a password word starts with: the result is the
    pattern's own substitution over the whole text."""
    from faultdx import secrets
    assert secrets.mask_passwords(text) == secrets.PASSWORD.sub(secrets._replace, text)
    assert secrets.blank_passwords(text) == secrets.PASSWORD.sub(secrets._blank, text)
