import json

from click.testing import CliRunner

from faultdx.cli import main


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def test_diagnose_options_give_readable_chinese():
    result = invoke("diagnose", "--error-code", "691", "--account-status", "在线")
    assert result.exit_code == 0
    assert "拨号认证类" in result.output
    assert "请在预处理系统中把该帐号踢下线,请等待5分钟后再试一次" in result.output


def test_diagnose_free_text():
    result = invoke("diagnose", "--text", "用户报691错误,帐号在线")
    assert result.exit_code == 0 and "‹auth.6›" in result.output


def test_options_win_over_text():
    result = invoke("diagnose", "--text", "用户报691错误,帐号在线", "--account-status", "绑定", "--format", "json")
    data = json.loads(result.output)
    assert data["facts"]["account_status"] == "bound"


def test_json_output_is_the_result_object():
    result = invoke("diagnose", "--crm-bw", "4M", "--nms-bw", "2M", "--complaint", "网速慢", "--format", "json")
    data = json.loads(result.output)
    assert data["category"] == "bandwidth"
    assert {"text", "phrase_id", "audience", "rule"} <= set(data["steps"][0])
    assert data["questions"][0]["key"] == "mismatch_reason"
    assert "BW-MISMATCH-LOW" in [f["rule"] for f in data["fired"]]


def test_why_shows_the_rule_trace():
    result = invoke("diagnose", "--stage", "宽带开通MAN", "--why")
    assert "推理过程" in result.output and "FLOW-STAGE" in result.output
    assert "流程环节=宽带开通MAN" in result.output


def test_unknown_account_status_is_a_usage_error():
    result = invoke("diagnose", "--account-status", "foo")
    assert result.exit_code == 2
    assert "--account-status" in result.output and "在线" in result.output


def test_negative_bandwidth_is_a_usage_error():
    result = invoke("diagnose", "--crm-bw", "-4M")
    assert result.exit_code == 2 and "--crm-bw" in result.output


def test_non_numeric_error_code_is_a_usage_error():
    result = invoke("diagnose", "--error-code", "abc")
    assert result.exit_code == 2 and "--error-code" in result.output


def test_rules_table_and_json():
    table = invoke("rules")
    assert table.exit_code == 0 and "AUTH-ONLINE" in table.output
    data = json.loads(invoke("rules", "--format", "json").output)
    assert {"id", "family", "description", "items", "source", "phrases", "questions"} == set(data[0])
    assert all(rule["items"] or rule["source"] for rule in data)  # every rule says where its knowledge comes from


def test_rules_for_a_phrasebook_item_in_one_step():
    result = invoke("rules", "拨号认证.4")
    assert result.exit_code == 0 and "AUTH-ARREARS-PAID" in result.output and "auth.4" in result.output
    assert "AUTH-BOUND" not in result.output
    assert invoke("rules", "no-such-item").exit_code == 2


def test_config_file_overrides_contacts(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[site]\nxinchan_contact = "87654321"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "diagnose", "--service", "iptv",
                                       "--complaint", "认证失败", "--bims-account-ok", "yes"])
    assert "请联系信产公司87654321确认平台数据" in result.output


def test_bad_config_file_names_the_file(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[site]\nnonsense = 1\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "rules"])
    assert result.exit_code == 2 and str(config) in result.output
