"""Whole consultations through the command line, answers given as input lines (one fault family each)."""
import json

from click.testing import CliRunner

from faultdx.cli import main
from faultdx.phrasebook import load_phrasebook

BOOK = load_phrasebook()


def consult(answers, *args, command=("consult",)):
    result = CliRunner().invoke(main, [*command, *args], input="".join(f"{a}\n" for a in answers))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_dial_auth_online_then_still_691():
    result = consult(["3", "1"], "--error-code", "691")
    assert result.exit_code == 0
    assert "[问题 1] 预处理系统中该帐号的状态是什么?" in result.output
    assert "1 欠费/停机   2 绑定   3 在线   4 正常   5 不清楚" in result.output
    assert "✓ 帐号状态 = 在线" in result.output
    assert BOOK["auth.6"].text in result.output and BOOK["auth.7"].text in result.output
    assert "════ 诊断结果 ════" in result.output


def test_no_network_with_why_before_answering():
    result = consult(["2", "?", "1"], "--complaint", "无法上网")
    assert "为什么问「在局端挂测能否同步?」" in result.output
    assert "NET-ASK-EXCHANGE-SYNC" in result.output
    assert "1 能同步 → 原因 线路质量太差" in result.output
    assert BOOK["net.4"].text in result.output


def test_bandwidth_with_skip_and_back():
    result = consult(["4M", "2M", "不清楚", "back", "1"], "--complaint", "网速慢")
    output = result.output
    assert "✓ 带宽不一致原因 = 不清楚" in output
    assert "↶ 已撤销: 带宽不一致原因 = 不清楚" in output
    assert "✓ 带宽不一致原因 = 分公司换端口未走常规资源维护" in output
    assert "CRM为4M,网管为2M,是因分公司换端口未走常规资源维护" in output
    assert output.count("[问题 3] CRM与网管带宽不一致的原因是什么?") == 2  # asked again after back


def test_error_code_from_nothing_known():
    result = consult(["拨号报错", "769"])
    assert "用语: 您好,可否麻烦您简要描述一下故障情况?" in result.output
    assert BOOK["code.769"].text in result.output


def test_workflow_stage_then_how():
    result = consult(["2", "how"], "--text", "流程卡单了")
    assert BOOK["flow.2"].text in result.output
    assert "推理依据" in result.output
    assert "← FLOW-STAGE:" in result.output and "流程环节=宽带开通MAN" in result.output


def test_vpn_service_typed_as_a_label():
    result = consult(["VPN", "2", "1"], "--complaint", "网页打不开")  # data had a problem, now corrected
    assert "✓ 业务类型 = VPN" in result.output
    assert BOOK["vpn.2"].text in result.output


def test_iptv_skip_is_listed_as_unknown_with_where_to_check():
    result = consult(["3", "1", "3", "1"], "--complaint", "认证失败")  # 新天地, internet works, data 不清楚, BIMS ok
    assert BOOK["iptv.2"].text.split("{")[0] in result.output
    assert "局端数据是否正常?  (查看: 网管 / 预处理系统 → 局端数据)" in result.output
    assert "—— 已答不清楚" in result.output


def test_fiber_needs_only_the_service_type():
    result = consult(["光纤"], "--complaint", "查不到资料")
    assert BOOK["fiber.1"].text in result.output


def test_q_ends_with_the_result_so_far():
    result = consult(["q"], "--error-code", "691")
    assert result.exit_code == 0
    assert "════ 诊断结果 ════" in result.output and BOOK["auth.2"].text in result.output
    assert "[问题 2]" not in result.output


def test_end_of_input_ends_cleanly():
    result = consult([], "--error-code", "678")
    assert result.exit_code == 0 and result.exception is None
    assert "════ 诊断结果 ════" in result.output and "输入结束" in result.output
    assert "用户端MODEM(光猫)是否同步" in result.output  # what stayed unknown


def test_a_refused_piped_answer_stops_instead_of_shifting_the_answers():
    result = consult(["fast", "4M"], "--complaint", "网速慢")
    assert "无法识别“fast”" in result.output
    assert "✓ CRM带宽 = 4M" not in result.output  # "4M" was meant for the next question, not this one
    assert "已停止" in result.output and "════ 诊断结果 ════" in result.output
    assert result.exit_code == 2


def test_back_with_nothing_to_undo():
    result = consult(["back", "q"], "--error-code", "691")
    assert "没有可撤销的回答" in result.output


def test_back_at_the_end_reopens_the_consultation():
    result = consult(["2", "back", "3"], "--complaint", "流程卡单")
    assert BOOK["flow.2"].text in result.output and BOOK["flow.3"].text in result.output
    assert "↶ 已撤销: 流程环节 = 宽带开通MAN" in result.output


def test_diagnose_interactive_is_the_same_consultation():
    result = consult(["2"], "--error-code", "691", command=("diagnose", "--interactive"))
    assert BOOK["auth.5"].text in result.output


def test_save_writes_the_whole_consultation(tmp_path):
    path = tmp_path / "c.json"
    consult(["不清楚", "2", "1"], "--error-code", "691", "--save", str(path))
    data = json.loads(path.read_text("utf-8"))
    assert [a["key"] for a in data["answers"]] == ["account_status", "service", "bims_adsl_lock"]
    assert data["answers"][0]["unknown"] is True
    assert "auth.8" in [s["phrase_id"] for s in data["result"]["steps"]]
    assert [e["event"] for e in data["log"]] == ["skip", "answer", "answer"]


def test_save_to_a_missing_directory_fails_before_asking(tmp_path):
    result = consult(["3"], "--error-code", "691", "--save", str(tmp_path / "no" / "c.json"))
    assert result.exit_code == 2 and "--save" in result.output and "[问题 1]" not in result.output


def test_notes_are_a_short_plain_summary():
    result = consult(["3", "2"], "--error-code", "691", "--notes")
    notes = result.output.split("---- 处理记录 ----\n", 1)[1]
    assert notes.startswith("【faultdx引导诊断】拨号认证类\n")
    assert "帐号状态=在线" in notes and BOOK["auth.6"].text in notes
    assert "‹" not in notes and "[分公司]" not in notes


def test_how_flag_explains_without_being_asked():
    result = consult(["4"], "--error-code", "691", "--how")
    assert "← AUTH-STATUS-NORMAL:" in result.output


def test_password_in_ticket_text_is_never_echoed():
    result = consult(["q"], "--text", "用户报691,密码:abc123")
    assert "abc123" not in result.output


def test_bad_starting_option_is_a_usage_error():
    result = consult([], "--account-status", "foo")
    assert result.exit_code == 2 and "--account-status" in result.output
