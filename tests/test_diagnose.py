import re
from pathlib import Path

import pytest

from faultdx import Case, rule_catalogue
from faultdx.config import Config
from faultdx.engine import Diagnoser
from faultdx.phrasebook import PLACEHOLDER, load_phrasebook
from scenarios import SCENARIOS

TECHNICAL = ("auth.", "net.", "bw.", "code.", "flow.", "vpn.", "iptv.", "fiber.")


def run(diagnoser, **facts):
    return diagnoser.diagnose(Case.from_values(facts))


@pytest.mark.parametrize("name,facts,category,phrase_id", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_scenario_category_and_mandated_sentence(diagnoser, name, facts, category, phrase_id):
    result = run(diagnoser, **facts)
    assert result.category == category
    if phrase_id:
        phrase = load_phrasebook()[phrase_id]
        texts = [s.text for s in result.steps if s.phrase_id == phrase_id]
        assert texts, f"{phrase_id} not among {[s.phrase_id for s in result.steps]}"
        if not phrase.names():
            assert texts[0] == phrase.text


def test_every_technical_phrase_is_produced_by_some_scenario(diagnoser):
    produced = {s.phrase_id for _, facts, _, _ in SCENARIOS for s in run(diagnoser, **facts).steps}
    produced |= {q.phrase_id for _, facts, _, _ in SCENARIOS for q in run(diagnoser, **facts).questions}
    produced |= {q.phrase_id for q in run(diagnoser).questions}
    technical = {p for p in load_phrasebook() if p.startswith(TECHNICAL)}
    assert technical - produced == set()


def test_no_result_has_an_unfilled_placeholder(diagnoser):
    for _, facts, _, _ in SCENARIOS:
        for step in run(diagnoser, **facts).steps:
            assert not PLACEHOLDER.search(step.text)
            assert "X(M)" not in step.text and "XX月XX日" not in step.text


def test_bandwidth_mismatch_fills_values_and_the_order_date(diagnoser):
    result = run(diagnoser, complaints="网速慢", crm_bw="4M", nms_bw="2M", mismatch_reason="speed_order",
                 order_date="11月20日")
    text = next(s.text for s in result.steps if s.phrase_id == "bw.3")
    assert text == ("局端问题:经查CRM系统和网管带宽不一致,CRM为4M,网管为2M,是因CRM系统用户在11月20日有改速率订单/"
                    "造成用户低开,已修改用户新端口带宽请及时补流程,并留下联系方式,我方将继续跟踪。")


def test_bandwidth_consistent_fills_x_m_and_hotline(diagnoser):
    result = run(diagnoser, complaints="网速慢", crm_bw="10M", nms_bw="10M", line_quality_ok="yes",
                 user_encoding_ok="no")
    text = next(s.text for s in result.steps if s.phrase_id == "bw.2")
    assert "为10M,用户上网编码不一致" in text and "同时通知81718000配合" in text


def test_site_configuration_overrides_contacts():
    config = Config(site={**Config().site, "hotline": "88886666"})
    result = Diagnoser(config).diagnose(Case.from_values(complaints="网速慢", crm_bw="4M", nms_bw="4M",
                                                         line_quality_ok="yes", user_encoding_ok="no"))
    assert "同时通知88886666配合" in next(s.text for s in result.steps if s.phrase_id == "bw.2")


def test_unconfigured_contact_is_marked_and_warned(diagnoser):
    result = run(diagnoser, service="iptv", complaints="认证失败", bims_account_ok="yes")
    text = next(s.text for s in result.steps if s.phrase_id == "iptv.2")
    assert "〔xinchan_contact 未配置〕" in text
    assert any("xinchan_contact" in w for w in result.warnings)


def test_line_metrics_are_described_in_the_sentence(diagnoser):
    result = run(diagnoser, complaints="网速慢", crm_bw="4M", nms_bw="4M", attenuation_db=65, noise_margin_db=3)
    text = next(s.text for s in result.steps if s.phrase_id == "bw.4")
    assert "用户线路质量不达标(衰减 65dB,噪声容限 3dB)" in text  # no direction given: none assumed
    result = run(diagnoser, complaints="网速慢", crm_bw="4M", nms_bw="4M", attenuation_down_db=65, attenuation_up_db=20)
    text = next(s.text for s in result.steps if s.phrase_id == "bw.4")
    assert "用户线路质量不达标(上行衰减 20dB,下行衰减 65dB)" in text


def test_missing_account_status_becomes_a_question(diagnoser):
    result = run(diagnoser, error_codes="691")
    assert [q.key for q in result.questions] == ["account_status", "service"]
    assert "预处理系统" in result.questions[0].where
    assert not any(s.phrase_id in ("auth.4", "auth.5", "auth.6", "auth.7") for s in result.steps)


def test_service_type_is_not_asked_once_the_account_status_is_the_cause(diagnoser):
    assert "service" not in [q.key for q in run(diagnoser, error_codes="691", account_status="绑定").questions]
    assert "service" in [q.key for q in run(diagnoser, error_codes="691", account_status="正常").questions]


def test_678_without_sync_asks_for_sync_before_anything(diagnoser):
    result = run(diagnoser, error_codes="678")
    assert result.questions[0].key == "modem_sync"
    assert not any(s.phrase_id == "net.5" for s in result.steps)


def test_678_synced_asks_for_port_alarm(diagnoser):
    result = run(diagnoser, error_codes="678", modem_sync="yes")
    assert "port_alarm" in [q.key for q in result.questions]


def test_unknown_error_code_says_so_and_asks(diagnoser):
    result = run(diagnoser, error_codes="999")
    assert result.category == "unknown"
    assert any("999" in f.text and "不在知识库中" in f.text for f in result.findings)
    assert [q.key for q in result.questions] == ["modem_sync", "account_status", "complaints"]


def test_empty_case_asks_for_symptom_and_code(diagnoser):
    result = run(diagnoser)
    assert result.category == "unknown"
    assert [q.key for q in result.questions] == ["complaints", "error_codes"]
    assert result.questions[1].phrase_id == "auth.1"


def test_ping_thresholds(diagnoser):
    high = run(diagnoser, complaints="网速慢", ping_ms=35, loss_pct=8)
    assert {f.kind for f in high.findings} >= {"ping_abnormal"}
    ok = run(diagnoser, complaints="网速慢", ping_ms=20, loss_pct=4.9)
    assert "ping_normal" in {f.kind for f in ok.findings} and "ping_abnormal" not in {f.kind for f in ok.findings}


def test_download_speed_is_multiplied_by_8(diagnoser):
    result = run(diagnoser, complaints="下载慢", download_kBps=200)
    assert any("200KB/s ×8 = 1600K" in f.text for f in result.findings)


def test_every_firing_names_its_rule_and_facts(diagnoser):
    result = run(diagnoser, error_codes="691", account_status="在线")
    firing = next(f for f in result.fired if f.rule == "AUTH-ONLINE")
    assert "帐号状态=在线" in firing.facts
    assert firing.description


def test_steps_come_in_rank_order(diagnoser):
    result = run(diagnoser, error_codes="691", account_status="绑定")
    assert [s.phrase_id for s in result.steps] == ["auth.2", "auth.3", "auth.5"]


def test_rule_ids_are_unique_and_described():
    rows = rule_catalogue()
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(r[2] for r in rows)


def test_rules_name_only_existing_phrases_and_questions():
    from faultdx.fields import FIELDS
    source = "\n".join(p.read_text("utf-8") for p in Path(__file__).parents[1].joinpath("rules").glob("*.py"))
    phrases = set(re.findall(r'advise\(\d+, "([^"]+)"', source)) | set(re.findall(r'\("(flow\.\d)"', source))
    assert phrases and phrases <= set(load_phrasebook())
    keys = set(re.findall(r'ask\(\d+, "([^"]+)"', source))
    assert keys and all(FIELDS[key].ask for key in keys)


def test_results_are_the_same_on_a_reused_engine(diagnoser):
    facts = dict(error_codes="678", modem_sync="yes", port_alarm="no", port_config_ok="yes")
    first = run(diagnoser, **facts)
    run(diagnoser, complaints="网速慢")
    assert run(diagnoser, **facts) == first
