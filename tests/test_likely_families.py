"""Issue #9 item 8: a ticket with evidence but no confirmed family ranks the likely families (never confirms one),
and a family that explains another's symptoms is chosen over it (Category.over)."""
from pathlib import Path

from click.testing import CliRunner

from faultdx import Case
from faultdx.cli import main
from faultdx.evaluate import evaluate, load_corpus

CORPUS = str(Path(__file__).resolve().parents[1] / "corpus" / "tickets.csv")


def likely(diagnoser, **facts):
    result = diagnoser.diagnose(Case.from_values(facts))
    return result.category, [(c.category, c.evidence) for c in result.candidates], [q.key for q in result.questions]


def test_a_service_with_a_code_the_knowledge_base_lacks_suggests_its_family(diagnoser):
    category, candidates, questions = likely(diagnoser, service="iptv", error_codes="1302")
    assert category == "unknown" and candidates == [("iptv", ("业务类型=宽带新天地",))]
    assert "internet_ok" in questions   # tells the service's own fault from no internet at all


def test_a_service_fault_with_no_symptom_is_filed_under_the_service_and_asks(diagnoser):
    for service, family in (("iptv", "iptv"), ("vpn", "vpn")):
        category, candidates, questions = likely(diagnoser, service=service)
        assert category == family and candidates == [] and questions == ["internet_ok", "complaints"]
    assert likely(diagnoser, service="iptv", internet_ok="no")[0] == "no_network"
    assert likely(diagnoser, service="iptv", complaints="网速慢")[0] == "bandwidth"


def test_a_figure_alone_suggests_the_branch_that_asks_for_it_with_its_value(diagnoser):
    category, candidates, questions = likely(diagnoser, measured_bw="100M")
    assert category == "unknown" and candidates == [("bandwidth", ("实测速率=100M",))]
    assert "crm_bw" in questions   # the figure it is measured against decides whether the speed is low


def test_more_evidence_ranks_first(diagnoser):
    _, candidates, _ = likely(diagnoser, service="vpn", complaints="认证失败")
    assert [c for c, _ in candidates] == ["vpn", "dial_auth"]


def test_a_confirmed_family_shows_no_candidates(diagnoser):
    result = diagnoser.diagnose(Case.from_values(service="iptv", complaints="黑屏"))
    assert result.category == "iptv" and result.candidates == ()


def test_nothing_about_a_fault_stays_unplaced_without_candidates(diagnoser):
    category, candidates, _ = likely(diagnoser, concerns="处理太慢")
    assert category == "unknown" and candidates == []


def test_the_text_result_says_the_likely_families_are_not_confirmed():
    output = CliRunner().invoke(main, ["diagnose", "--measured-bw", "100M"]).output
    assert "故障类别: 未能归类 (unknown)" in output and "可能的类别(未确认" in output


def test_a_line_not_yet_installed_is_workflow_stuck_not_no_internet(diagnoser):
    result = diagnoser.diagnose(Case.from_values(complaints="新装未完成,无法上网"))
    assert result.category == "workflow_stuck" and "no_network" in result.categories


def test_a_drop_whose_redial_fails_for_a_while_is_a_drop(diagnoser):
    assert diagnoser.diagnose(Case.from_values(complaints="掉线,拨号报错")).category == "bandwidth"
    assert diagnoser.diagnose(Case.from_values(complaints="掉线,拨号报错,无法上网")).category == "no_network"


def test_wifi_that_will_not_connect_is_a_wifi_fault(diagnoser):
    assert diagnoser.diagnose(Case.from_values(complaints="WiFi问题,无法上网", link="wifi")).category == "bandwidth"
    assert diagnoser.diagnose(Case.from_values(complaints="WiFi问题,无法上网", link="wifi",
                                               modem_sync="no")).category == "no_network"


def test_eval_counts_an_unplaced_ticket_by_its_first_likely_family():
    result = evaluate(load_corpus(CORPUS), split="dev")
    assert any(r.predicted == "unknown" and r.candidates for r in result.rows)
    assert result.accuracy_with_candidates > result.accuracy
