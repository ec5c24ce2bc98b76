import pytest

from faultdx import Case, extract, extract_values, mask_passwords

CASES = [
    ("用户报691错误,帐号在线", {"error_codes": (691,), "account_status": "online"}),
    ("拨号提示678", {"error_codes": (678,), "complaints": ("dial_error",)}),
    ("一会691一会678", {"error_codes": (691, 678)}),
    ("MODEM不同步", {"modem_sync": False}),
    ("猫灯不亮", {"modem_sync": False}),
    ("ADSL灯闪", {"modem_sync": False, "service": "broadband"}),
    ("同步正常", {"modem_sync": True}),
    ("帐号欠费已缴", {"account_status": "arrears", "arrears_paid": True}),
    ("帐号在线", {"account_status": "online"}),
    ("端口有告警", {"port_alarm": True}),
    ("端口无告警", {"port_alarm": False}),
    ("CRM为4M,网管为2M", {"crm_bw": "4m", "nms_bw": "2m"}),
    ("CRM 20M 网管10M", {"crm_bw": "20m", "nms_bw": "10m"}),
    ("时延35ms 丢包8%", {"ping_ms": 35.0, "loss_pct": 8.0}),
    ("下载慢", {"complaints": ("download_slow",)}),
    ("游戏卡", {"complaints": ("game_slow",)}),
    ("每隔半小时掉线", {"complaints": ("periodic_drop",), "session_minutes": 30}),
    ("流程卡在宽带开通MAN环节", {"stage": "man_activation", "complaints": ("order_stuck",)}),
    ("机顶盒认证失败", {"service": "iptv", "complaints": ("iptv_auth_failed",)}),
    ("VPN网页打不开", {"service": "vpn", "complaints": ("web_unreachable",)}),
    ("光纤用户查不到资料", {"service": "fiber", "complaints": ("info_not_found",)}),
    ("用户报６９１，ＣＲＭ为４Ｍ", {"error_codes": (691,), "crm_bw": "4m"}),
    ("在局端能同步在用户端不能同步", {"exchange_sync": True, "modem_sync": False}),
    ("掉线时MODEM同步", {"sync_at_drop": True}),
    ("下载速度200KB/s", {"download_kBps": 200.0}),
    ("衰减65dB 噪声容限3dB", {"attenuation_db": 65.0, "noise_margin_db": 3.0}),
    ("BIMS显示ADSL市话加锁,宽带星天地用户", {"bims_adsl_lock": True, "service": "xingtiandi"}),
    ("踢下线后还是报691", {"error_codes": (691,), "retry_failed": True}),
    ("查CRM有改速率订单,11月20日", {"mismatch_reason": "speed_order", "order_date": "11月20日"}),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_extract_values(text, expected):
    assert extract(text) == Case.from_values(expected)
    assert extract_values(text) == Case.from_values(expected).known()


@pytest.mark.parametrize("text", ["端口无告警", "没有告警", "未见告警"])
def test_negated_alarm(text):
    assert extract_values(text)["port_alarm"] is False


def test_not_arrears_is_not_arrears():
    assert "account_status" not in extract_values("帐号不是欠费")


def test_phone_numbers_and_speeds_are_not_error_codes():
    assert "error_codes" not in extract_values("联系电话13912345678,网速100M,等了300秒")


def test_extract_gives_a_valid_case():
    case = extract("用户报691错误,帐号在线")
    assert case.error_codes == (691,) and case.account_status == "online"


@pytest.mark.parametrize("text", ["密码:abc123", "密码是 abc123", "密码：abc123", "password=abc123", "口令 abc123"])
def test_passwords_are_masked(text):
    masked = mask_passwords("用户" + text + ",报691")
    assert "abc123" not in masked and "******" in masked and "报691" in masked
