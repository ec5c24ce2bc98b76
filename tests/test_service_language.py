import json

import pytest
from click.testing import CliRunner

from faultdx import Case
from faultdx.cli import main
from faultdx.lint import FORBIDDEN, lint
from faultdx.phrasebook import find_phrases, load_phrasebook

SERVICE_SECTIONS = ("一", "三", "四")


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


@pytest.mark.parametrize("phrase_id", [p for p, v in load_phrasebook().items() if v.section[0] in SERVICE_SECTIONS])
def test_every_service_sentence_is_found_by_faultdx_phrases(phrase_id):
    phrase = load_phrasebook()[phrase_id]
    result = invoke("phrases", "--section", phrase.section[0], "--format", "json")
    assert phrase_id in [row["id"] for row in json.loads(result.output)]
    one = invoke("phrases", phrase_id, "--format", "text")
    assert one.exit_code == 0 and one.stdout.strip() == phrase.render({"hotline": "81718000"}, spec_tokens=True)[0]


def test_variants_by_situation_are_separate_entries():
    ids = set(load_phrasebook())
    assert {"explain.5.operator", "explain.5.unconfirmed", "explain.5.user_side"} <= ids
    assert {"explain.6.inconvenience", "explain.6.complex", "handling.14.offsite", "handling.14.onsite"} <= ids


def test_keyword_search_and_filters():
    assert [p.id for p in find_phrases("投诉")] == ["explain.9"]
    assert all(p.audience == "account_manager" for p in find_phrases(audience="account_manager"))
    result = invoke("phrases", "投诉")
    assert result.exit_code == 0 and "explain.9" in result.output


def test_set_fills_placeholders():
    result = invoke("phrases", "handling.2", "--set", "team=线路")
    assert result.stdout.strip() == "好的,此问题我将转达到线路班组,请留下您的联系方式,他们会及时处理并与你联系"
    assert "手册条目 四.2" in result.stderr


def test_unknown_phrase_query_exits_2():
    assert invoke("phrases", "no-such-thing").exit_code == 2


@pytest.mark.parametrize("word", [f[0] for f in FORBIDDEN])
def test_every_forbidden_phrase_is_caught(word):
    hits = lint(f"好的,{word},请稍等")
    assert [h.forbidden for h in hits] == [word]
    assert hits[0].text == word and hits[0].start == 3


@pytest.mark.parametrize("text,word", [
    ("我 也 不 清 楚", "我也不清楚"), ("您自己去联系一下！", "你自己去联系一下"), ("我给您联系电话", "我给你联系电话"),
    ("这个，不属于我们的职责", "这个不属于我们的职责"), ("您的故障是咋个回事?", "你的故障是咋个回事"),
    ("ＸＸ应该是线路", "应该是"), ("我也不太清楚", "我也不清楚"),
])
def test_near_variants_are_caught(text, word):
    assert word in [h.forbidden for h in lint(text)]


def test_guesses_are_allowed_between_engineers():
    assert lint("可能是端口问题", audience="internal") == []
    assert [h.forbidden for h in lint("我也不清楚", audience="internal")] == ["我也不清楚"]


def test_no_false_alarm_on_any_mandated_customer_sentence():
    for phrase in load_phrasebook().values():
        if phrase.audience == "customer":
            assert lint(phrase.render({}, spec_tokens=True)[0]) == [], phrase.id


def test_hit_suggests_the_mandated_sentence():
    hit = lint("我也不清楚")[0]
    assert hit.instead_id == "explain.5.unconfirmed" and hit.instead == "我们正在核实,稍后将向您反馈"


def test_lint_cli_exit_status_and_json(tmp_path):
    assert invoke("lint", "您好,请稍等").exit_code == 0
    found = invoke("lint", "我也不清楚", "--format", "json")
    assert found.exit_code == 1 and json.loads(found.output)[0]["forbidden"] == "我也不清楚"
    replies = tmp_path / "r.txt"
    replies.write_text("您好\n解决不了\n", encoding="utf-8")
    result = invoke("lint", "-f", str(replies), "--format", "json")
    assert [h["line"] for h in json.loads(result.output)] == [2]


def test_diagnosis_gains_service_sentences(diagnoser):
    operator = diagnoser.diagnose(Case.from_values(error_codes="691", account_status="绑定"))
    assert [s.phrase_id for s in operator.phrasing] == ["explain.5.operator"]
    calling = diagnoser.diagnose(Case.from_values(error_codes="691", account_status="绑定", contact="主动联系用户"))
    assert [s.phrase_id for s in calling.phrasing] == ["explain.1", "explain.5.operator"]  # 三.1 only when we call
    user = diagnoser.diagnose(Case.from_values(error_codes="769"))
    assert "explain.5.user_side" in [s.phrase_id for s in user.phrasing]
    assert any("本次故障应该是电脑网卡驱动程序故障引起的,请您先检查一下电脑的网卡驱动程序和网卡设置,好吗?" in s.text
               for s in user.phrasing)
    unconfirmed = diagnoser.diagnose(Case.from_values(error_codes="678"))
    assert "explain.5.unconfirmed" in [s.phrase_id for s in unconfirmed.phrasing]
    done = diagnoser.diagnose(Case.from_values(error_codes="678", modem_sync="yes", port_alarm="yes",
                                               exchange_done="yes"))
    assert "handling.4" in [s.phrase_id for s in done.phrasing]


def test_triage_lints_the_notes_column(tmp_path):
    from tests_helpers import records_of
    path = tmp_path / "t.csv"
    path.write_text("工单号,故障现象,处理过程\nA,报691,回复用户:我也不清楚\nB,报633,已处理\n", encoding="utf-8")
    result = records_of(path)
    assert [h["forbidden"] for h in result[0]["lint"]] == ["我也不清楚"] and result[1]["lint"] == []
