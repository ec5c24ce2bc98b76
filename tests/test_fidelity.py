"""Regression tests for the item-by-item fidelity audit (shared/audits/fidelity-2026-11.md).

Each test is named after the phrasebook item it checks and asserts the whole outcome: category, causes
with their side, steps in order, service sentences and the questions still open.
"""
from click.testing import CliRunner

from faultdx import Case
from faultdx.cli import main
from faultdx.lint import lint
from faultdx.phrasebook import find_phrases, load_phrasebook

BOOK = load_phrasebook()


def outcome(diagnoser, **facts):
    r = diagnoser.diagnose(Case.from_values(facts))
    return dict(category=r.category, causes=[(c.id, c.side, c.likely) for c in r.causes],
                steps=[s.phrase_id or s.text for s in r.steps], phrasing=[s.phrase_id for s in r.phrasing],
                questions=[q.key for q in r.questions], conflicts=len(r.conflicts))


def step_text(diagnoser, phrase_id, **facts):
    return next(s.text for s in diagnoser.diagnose(Case.from_values(facts)).steps if s.phrase_id == phrase_id)


def test_auth_1_codes_as_a_comma_list_on_the_command_line():
    result = CliRunner().invoke(main, ["diagnose", "--error-code", "691,678", "--modem-sync", "yes", "--format", "json"])
    assert result.exit_code == 0 and '"error_codes": [\n      691,\n      678\n    ]' in result.output


def test_auth_2_691_with_an_unsynced_modem_is_a_contradiction_not_two_branches(diagnoser):
    assert outcome(diagnoser, error_codes="691,678", modem_sync="no") == dict(
        category="unknown", causes=[], steps=[], phrasing=["explain.5.unconfirmed"], questions=[], conflicts=1)
    result = diagnoser.diagnose(Case.from_values(error_codes="691", modem_sync="no"))
    assert set(result.conflicts[0].recheck) == {"modem_sync", "error_codes"}
    assert [c.category for c in result.candidates] == ["dial_auth", "no_network"]


def test_auth_2_691_678_alternating_ignores_the_port(diagnoser):
    assert outcome(diagnoser, error_codes="691,678", modem_sync="yes", port_alarm="yes") == dict(
        category="dial_auth", causes=[], steps=["auth.2", "auth.3"], phrasing=["explain.5.unconfirmed"],
        questions=["account_status", "service"], conflicts=0)


def test_auth_4_only_when_paid_or_not_owed(diagnoser):
    assert outcome(diagnoser, error_codes="691", account_status="欠费") == dict(
        category="dial_auth", causes=[("account_reactivation", "operator", True), ("account_unpaid", "user", True)],
        steps=["auth.2", "auth.3"], phrasing=["explain.5.unconfirmed"], questions=["arrears_paid"], conflicts=0)
    assert outcome(diagnoser, error_codes="691", account_status="欠费", arrears_paid="yes") == dict(
        category="dial_auth", causes=[("account_reactivation", "operator", False)],
        steps=["auth.2", "auth.3", "auth.4"], phrasing=["explain.5.operator"], questions=["retry_failed"],
        conflicts=0)
    assert outcome(diagnoser, error_codes="691", account_status="欠费", arrears_paid="no") == dict(
        category="dial_auth", causes=[("account_unpaid", "user", False)],
        steps=["auth.2", "auth.3", "用户确实欠费:请用户交清欠费,复开后再拨号"], phrasing=["explain.5.user_side"],
        questions=[], conflicts=0)


def test_auth_7_still_691_is_asked_after_any_status_fix(diagnoser):
    assert outcome(diagnoser, error_codes="691", account_status="绑定")["questions"] == ["retry_failed"]
    assert outcome(diagnoser, error_codes="691", account_status="绑定", retry_failed="yes")["steps"] == [
        "auth.2", "auth.3", "auth.5", "auth.7"]
    assert outcome(diagnoser, error_codes="691", account_status="绑定", retry_failed="no") == dict(
        category="dial_auth", causes=[("account_bound", "operator", False)], steps=["auth.2", "auth.3", "auth.5"],
        phrasing=["handling.4"], questions=[], conflicts=0)


def test_auth_7_a_normal_status_is_not_a_confirmed_cause(diagnoser):
    assert outcome(diagnoser, error_codes="691", account_status="正常") == dict(
        category="dial_auth", causes=[("credentials", "neither", True)], steps=["auth.2", "auth.3", "auth.7"],
        phrasing=["explain.5.unconfirmed"], questions=["service"], conflicts=0)


def test_auth_8_a_lock_on_ordinary_broadband_still_asks_the_status(diagnoser):
    assert outcome(diagnoser, error_codes="691", service="宽带", bims_adsl_lock="yes") == dict(
        category="dial_auth", causes=[], steps=["auth.2", "auth.3"], phrasing=["explain.5.unconfirmed"],
        questions=["account_status"], conflicts=0)
    assert outcome(diagnoser, error_codes="691", service="星天地", bims_adsl_lock="yes") == dict(
        category="dial_auth", causes=[("xingtiandi_lock", "user", False)], steps=["auth.2", "auth.3", "auth.8"],
        phrasing=["explain.5.user_side"], questions=[], conflicts=0)


def test_net_3_an_exchange_test_without_sync_confirms_the_port(diagnoser):
    assert outcome(diagnoser, modem_sync="no", exchange_sync="no") == dict(
        category="no_network", causes=[("exchange_port", "operator", False)], steps=["net.1", "net.3"],
        phrasing=["explain.5.operator"], questions=[], conflicts=0)
    question = diagnoser.diagnose(Case.from_values(modem_sync="no")).questions[0]
    assert question.key == "exchange_sync" and question.phrase_id == "handling.1.ask"  # 四.1 asks the 师傅


def test_bw_1_an_abnormal_ping_changes_the_cause(diagnoser):
    facts = dict(complaints="网速慢", crm_bw="4M", nms_bw="4M", line_quality_ok="yes", user_encoding_ok="yes")
    assert outcome(diagnoser, **facts, ping_ms=150, loss_pct=30) == dict(
        category="bandwidth", causes=[("network_path", "neither", True)], steps=["bw.1"],
        phrasing=["explain.5.unconfirmed"], questions=[], conflicts=0)
    assert outcome(diagnoser, **facts, ping_ms=20, loss_pct=4.9) == dict(
        category="bandwidth", causes=[("user_pc", "user", True)], steps=["bw.1", "bw.6"],
        phrasing=["explain.5.unconfirmed"], questions=[], conflicts=0)


def test_bw_1_a_download_speed_times_8_is_compared_with_the_bandwidth(diagnoser):
    reached = diagnoser.diagnose(Case.from_values(complaints="下载慢", crm_bw="4M", nms_bw="4M", download_kBps=480))
    assert [(c.id, c.likely) for c in reached.causes] == [("rate_reached", False)]
    assert "bw.7" not in [s.phrase_id for s in reached.steps]
    assert any("480KB/s ×8 = 3840K" in f.text for f in reached.findings)
    below = outcome(diagnoser, complaints="下载慢", crm_bw="4M", nms_bw="4M", download_kBps=100)
    assert below["steps"] == ["bw.1", "请用户按规范测速:网线直连、单台电脑、关闭其它下载,用运营商测速平台多测几次", "bw.7"]
    assert below["questions"] == ["link", "line_quality_ok"]
    assert outcome(diagnoser, complaints="下载慢")["questions"] == ["crm_bw", "nms_bw", "download_kBps"]


def test_bw_3_2048k_is_2m(diagnoser):
    assert outcome(diagnoser, complaints="网速慢", crm_bw="2M", nms_bw="2048K") == dict(
        category="bandwidth", causes=[], steps=["bw.1"], phrasing=["explain.5.unconfirmed"],
        questions=["line_quality_ok"], conflicts=0)


def test_bw_3_opened_higher_than_sold_is_not_low(diagnoser):
    facts = dict(crm_bw="2M", nms_bw="4M", mismatch_reason="改速率订单", order_date="11-20")
    assert outcome(diagnoser, **facts) == dict(
        category="bandwidth", causes=[], steps=["bw.3", "bw.5", "bw.5.mismatch"], phrasing=["explain.5.unconfirmed"],
        questions=[], conflicts=0)
    assert "CRM系统用户在11月20日有改速率订单,已修改" in step_text(diagnoser, "bw.3", **facts)
    low = step_text(diagnoser, "bw.3", crm_bw="4M", nms_bw="2M", mismatch_reason="改速率订单", order_date="11-20")
    assert "CRM系统用户在11月20日有改速率订单/造成用户低开,已修改" in low


def test_bw_4_without_figures_leaves_the_optional_description_out(diagnoser):
    facts = dict(complaints="网速慢", crm_bw="4M", nms_bw="4M", line_quality_ok="no")
    assert step_text(diagnoser, "bw.4", **facts) == (
        "线路质量问题:查CRM系统和网管带宽一致,为4M,用户线路质量不达标,可在预处理系统中线路信息采集进行查看请整治线路")
    result = diagnoser.diagnose(Case.from_values(facts))
    assert result.warnings == ()
    assert outcome(diagnoser, **facts) == dict(
        category="bandwidth", causes=[("line_quality", "operator", False)], steps=["bw.1", "bw.4", "bw.5", "bw.5.line"],
        phrasing=["explain.5.operator"], questions=[], conflicts=0)


def test_bw_5_a_mismatch_does_not_hide_a_poor_line_or_encoding(diagnoser):
    assert outcome(diagnoser, complaints="网速慢", crm_bw="4M", nms_bw="2M", line_quality_ok="no",
                   mismatch_reason="换端口") == dict(
        category="bandwidth", causes=[("line_quality", "operator", False), ("bw_mismatch", "operator", False)],
        steps=["bw.1", "bw.3", "bw.5", "bw.5.line", "bw.5.mismatch"], phrasing=["explain.5.operator"], questions=[],
        conflicts=0)
    encoding = outcome(diagnoser, complaints="网速慢", crm_bw="4M", nms_bw="2M", user_encoding_ok="no",
                       mismatch_reason="换端口")
    assert encoding["causes"] == [("user_encoding", "operator", False), ("bw_mismatch", "operator", False)]
    assert "用户上网编码不一致,请分公司分别在用户端和局端拨测,同时通知81718000配合。" in encoding["steps"]


def test_flow_5_an_equipment_fault_beside_a_stage(diagnoser):
    assert outcome(diagnoser, stage=["宽带开通MAN", "设备故障"]) == dict(
        category="workflow_stuck", causes=[("stage_man_activation", "neither", False),
                                           ("stage_equipment_fault", "operator", False)],
        steps=["flow.2", "flow.5"], phrasing=["explain.5.operator"], questions=[], conflicts=0)
    result = CliRunner().invoke(main, ["diagnose", "--stage", "宽带开通MAN", "--stage", "设备故障"])
    assert BOOK["flow.2"].text in result.output and BOOK["flow.5"].text in result.output


def test_flow_a_stuck_order_stage_is_not_an_apology(diagnoser):
    assert outcome(diagnoser, stage="宽带开通MAN") == dict(
        category="workflow_stuck", causes=[("stage_man_activation", "neither", False)], steps=["flow.2"],
        phrasing=["explain.5.unconfirmed"], questions=[], conflicts=0)


def test_vpn_2_only_once_the_exchange_data_is_corrected(diagnoser):
    facts = dict(service="vpn", complaints="网页打不开", exchange_data_ok="no")
    assert outcome(diagnoser, **facts) == dict(
        category="vpn", causes=[("exchange_data", "operator", False)], steps=["局端数据有问题:请先修正局端数据"],
        phrasing=["explain.5.operator"], questions=["exchange_data_fixed"], conflicts=0)
    assert outcome(diagnoser, **facts, exchange_data_fixed="yes")["steps"] == ["vpn.2"]


def test_iptv_only_for_iptv_users_whose_internet_works(diagnoser):
    # 认证失败 from an ordinary broadband user is the dial authentication failure (the 691 branch), never IPTV
    assert outcome(diagnoser, complaints="认证失败", service="宽带") == dict(
        category="dial_auth", causes=[], steps=["auth.2", "auth.3"], phrasing=["explain.5.unconfirmed"],
        questions=["error_codes", "account_status"], conflicts=0)
    assert outcome(diagnoser, complaints="认证失败", service="新天地", internet_ok="no") == dict(
        category="no_network", causes=[], steps=[], phrasing=["explain.5.unconfirmed"], questions=["modem_sync"],
        conflicts=0)
    dial = diagnoser.diagnose(Case.from_values(complaints="认证失败", error_codes="691"))
    assert dial.category == "dial_auth" and "iptv" not in dial.categories
    # 无法上网 says the internet is down: the IPTV branch's premise fails without being asked (audit re-run, 2026-11-26)
    down = diagnoser.diagnose(Case.from_values(complaints=("认证失败", "无法上网"), service="新天地"))
    assert down.category == "no_network" and "iptv" not in down.categories
    assert [f.kind for f in down.findings] == ["iptv_not_branch"]
    assert "internet_ok" not in [q.key for q in down.questions] and "exchange_data_ok" not in [q.key for q in down.questions]


def test_iptv_1_needs_exchange_data_and_account_normal(diagnoser):
    assert outcome(diagnoser, complaints="认证失败", service="新天地", exchange_data_ok="yes") == dict(
        category="iptv", causes=[], steps=[], phrasing=["explain.5.unconfirmed"],
        questions=["internet_ok", "account_status", "bims_account_ok"], conflicts=0)
    assert outcome(diagnoser, complaints="认证失败", service="新天地", exchange_data_ok="yes", account_status="正常",
                   internet_ok="yes") == dict(
        category="iptv", causes=[("set_top_box", "user", True)], steps=["iptv.1"], phrasing=["explain.5.unconfirmed"],
        questions=["bims_account_ok"], conflicts=0)


def test_handling_17_records_not_found_for_a_user_who_is_not_on_fibre(diagnoser):
    assert outcome(diagnoser, complaints="查不到资料", service="宽带") == dict(
        category="unknown", causes=[], steps=["handling.17"], phrasing=["explain.5.unconfirmed"], questions=[],
        conflicts=0)


def test_explain_1_only_when_we_call_the_customer(diagnoser):
    assert "explain.1" not in outcome(diagnoser)["phrasing"]
    assert "explain.1" in outcome(diagnoser, error_codes="691", contact="主动联系用户")["phrasing"]
    assert "handling.3" in outcome(diagnoser, error_codes="691", contact="用户来电")["phrasing"]


def test_explain_5_one_decision_from_the_confirmed_causes_sides(diagnoser):
    assert outcome(diagnoser, error_codes="769")["phrasing"] == ["explain.5.user_side", "handling.8"]
    said = next(s.text for s in diagnoser.diagnose(Case.from_values(error_codes="633")).phrasing
                if s.phrase_id == "explain.5.user_side")
    assert said.endswith("本次故障应该是电脑重复拨号引起的,请您先检查一下电脑的拨号:重起电脑,再重新安装拨号软件,好吗?")
    user = diagnoser.diagnose(Case.from_values(error_codes="769")).phrasing[0].text
    assert user == ("您好,从您反映的情况来看并结合我们的排查判断,本次故障应该是电脑网卡驱动程序故障引起的,"
                    "请您先检查一下电脑的网卡驱动程序和网卡设置,好吗?")
    assert outcome(diagnoser, error_codes="691", account_status="绑定")["phrasing"] == ["explain.5.operator"]
    assert outcome(diagnoser, stage="centre_done")["phrasing"] == ["explain.5.unconfirmed"]  # confirmed, neither side
    assert outcome(diagnoser, error_codes="769", crm_bw="4M", nms_bw="2M", complaints="网速慢")["phrasing"] == [
        "explain.5.operator", "explain.5.user_side", "handling.8"]


def test_handling_4_no_rescue_or_checking_after_resolution(diagnoser):
    assert outcome(diagnoser, error_codes="691", account_status="绑定", exchange_done="yes",
                   contact="主动联系用户")["phrasing"] == ["handling.4"]
    assert outcome(diagnoser, exchange_done="yes")["phrasing"] == ["handling.4"]


def test_handling_8_a_confirmed_user_terminal_problem(diagnoser):
    assert "handling.8" in outcome(diagnoser, error_codes="633")["phrasing"]
    assert "handling.8" not in outcome(diagnoser, modem_sync="no")["phrasing"]  # the modem is only likely


def test_phrase_search_finds_what_the_source_prints_in_placeholders():
    for query, phrase_id in (("81718000", "handling.1.later"), ("调度人员XX号", "explain.1"), ("XX班组", "handling.2"),
                             ("84352167", "flow.1"), ("赵老师", "flow.6"), ("可报相关指标", "handling.9"),
                             ("用户……", "handling.11.answer"), ("X(M)", "bw.2"), ("FTTB项目组", "flow.7")):
        assert phrase_id in [p.id for p in find_phrases(query)], query


def test_lint_never_flags_a_mandated_sentence():
    for phrase in BOOK.values():
        for audience in ("customer", "internal"):
            assert lint(phrase.spec_text(), audience) == [], phrase.id
    assert lint("用户网速慢,可能是用户电脑问题,请查杀病毒") == []


def test_lint_still_checks_what_is_written_into_a_mandated_gap():
    hits = lint("您好,您的业务目前出现了我也不清楚的现象,是吗?")
    assert [h.forbidden for h in hits] == ["我也不清楚"]
