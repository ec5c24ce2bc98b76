"""Facts from free ticket text, in the way tickets are really written.

``extract_values(text)`` returns raw ``Case`` field values ("用户报691错误,帐号在线" ->
``{"error_codes": (691,), "account_status": "online"}``); ``extract(text)`` the ``Case``.
Text is folded first (full-width to half-width, lower case), so ６９１ and ＣＲＭ match too.
Negations are read: "无告警" is no alarm, "不是欠费" is not arrears.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from faultdx.facts import Case
from faultdx.secrets import PASSWORD, mask_passwords  # noqa: F401  (one masking function, kept importable here)

_NEG = "(?:不是|并非|没有|未|无|不|非|没)"
_NUM = r"(\d+(?:\.\d+)?)"


def _c(pattern: str) -> re.Pattern:
    return re.compile(pattern)


CODE = _c(r"(?<![\d.])(\d{3})(?![\d.])(?!\s*(?:(?:ms|mb|m|kb|k|g)(?![a-z])|%|毫秒|兆|元|分钟|秒|号|天))")
CODE_CONTEXT = _c(r"(?:错误|代码|报|提示|error|err|一会)[^\d,。;]{0,6}$")
KNOWN_CODES = ("691", "678", "769", "633")

# (field, value, pattern, gates): the pattern is tried only if one of the gate substrings is in the text.
RULES: list[tuple[str, Any, re.Pattern, str]] = [
    ("exchange_sync", False, _c(r"局端(?:挂测)?(?:也)?(?:不能|无法|不|没有?)同步"), ("局端",)),
    ("exchange_sync", True, _c(r"局端(?:挂测)?(?:能|可以|可)?同步"), ("局端",)),
    ("sync_at_drop", False, _c(r"掉线时?(?:modem|moden|猫)?(?:也)?(?:不同步|失步|灯灭|灯闪)"), ("掉线",)),
    ("sync_at_drop", True, _c(r"掉线时?(?:modem|moden|猫)?(?:仍|还)?(?:是)?同步"), ("掉线",)),
    ("account_status", "arrears", _c(r"(?<!不是)(?<!没有)(?<![未无非没])(?:欠费|停机)"), ("欠费", "停机")),
    ("arrears_paid", True, _c(r"(?:欠费)?已(?:经)?(?:缴|交)(?:清|费)?|(?:缴|交)清(?:欠费)?|未欠费|没有欠费"), ("缴", "交", "欠费")),
    ("arrears_paid", False, _c(r"(?:未|没|还没)(?:缴|交)(?:费|清)|仍(?:然)?欠费"), ("缴", "交", "欠费")),
    ("account_status", "bound", _c(r"(?<![不解未没])绑定(?!已解|解除)"), ("绑定",)),
    ("account_status", "online", _c(r"(?:帐号|账号|状态|显示)[^,。;]{0,4}(?<!不)在线"), ("在线",)),
    ("account_status", "normal", _c(r"(?:帐号|账号)(?:状态)?(?:正常)|状态正常"), ("正常",)),
    ("retry_failed", True, _c(r"(?:还是|仍然|仍|依然|依旧)(?:报)?691"), ("691",)),
    ("bims_adsl_lock", True, _c(r"市话加锁"), ("加锁",)),
    ("port_alarm", False, _c(r"(?:无|没有|未见|未发现|不存在)(?:端口)?告警|告警(?:无|没有|已消除|消失)"), ("告警",)),
    ("port_alarm", True, _c(r"告警"), ("告警",)),
    ("port_config_ok", False, _c(r"(?:数据)?配置(?:错误|异常|不正常|有误|有问题)"), ("配置",)),
    ("port_config_ok", True, _c(r"(?:数据)?配置正常"), ("配置",)),
    ("user_encoding_ok", False, _c(r"编码不一致"), ("编码",)),
    ("user_encoding_ok", True, _c(r"编码一致"), ("编码",)),
    ("line_quality_ok", False, _c(r"线路(?:质量)?(?:太|很|较)?(?:差|不达标|不好|不合格)|线路受(?:到)?干扰"), ("线路",)),
    ("line_quality_ok", True, _c(r"线路(?:质量)?(?:正常|达标|良好|好|合格)"), ("线路",)),
    ("mismatch_reason", "port_change", _c(r"换端口未走"), ("换端口",)),
    ("mismatch_reason", "speed_order", _c(r"改速率订单|低开"), ("订单", "低开")),
    ("mismatch_reason", "move_flow", _c(r"移机|换端口(?:\(或是移机\))?流程未完成"), ("移机", "流程未完成")),
    ("exchange_data_ok", False, _c(r"局端数据(?:异常|有问题|问题|错误|有误|不正常)"), ("局端数据",)),
    ("exchange_data_ok", True, _c(r"局端数据正常"), ("局端数据",)),
    ("bims_account_ok", False, _c(r"bims(?:帐号|账号)(?:异常|有问题|不正常)"), ("bims",)),
    ("bims_account_ok", True, _c(r"bims(?:帐号|账号)正常"), ("bims",)),
    ("exchange_done", True, _c(r"局端(?:已)?处理(?:完成|完毕|好)|局端已(?:修改|恢复|处理)|问题已解决"), ("局端", "已解决")),
    ("service", "vpn", _c(r"vpn"), ("vpn",)),
    ("service", "iptv", _c(r"新天地|机顶盒|iptv|itv"), ("新天地", "机顶盒", "tv")),
    ("service", "xingtiandi", _c(r"星天地"), ("星天地",)),
    ("service", "fiber", _c(r"光纤|ftth|fttb|光猫"), ("光", "ftt")),
]

MODEM_NOT_SYNCED = _c(r"(?:modem|moden|猫|adsl)?(?:不同步|没有同步|无法同步|未同步|不能同步|失步)"
                      r"|(?:猫|modem|moden|adsl)(?:指示)?灯(?:不亮|闪烁?|灭|一直闪)")
MODEM_SYNCED = _c(r"(?<![不没未法能])(?:同步正常|已同步|能同步|可以同步|同步(?:了|良好|ok))"
                  r"|(?:modem|moden|猫)(?:已)?同步|(?:adsl|猫|modem)(?:指示)?灯(?:常亮|正常)")
DROP_SPAN = _c(r"掉线时?(?:modem|moden|猫)?(?:也|仍|还)?(?:是)?(?:不同步|同步|失步|灯灭|灯闪)")
EXCHANGE_SPAN = _c(r"局端(?:挂测)?(?:也)?(?:不能|无法|能|可以|可|不|没有?)?同步")

COMPLAINTS = [  # (complaint, pattern, gates)
    ("download_slow", _c(r"下载(?:速度|速率)?(?:很|太|非常)?慢"), ("下载",)),
    ("game_slow", _c(r"游戏(?:速度)?(?:很|太)?(?:慢|卡|延迟)"), ("游戏",)),
    ("slow", _c(r"(?:网速|速度|上网|网络|打开网页|浏览)(?:很|太|非常|特别|较)?慢|网慢|带宽不足|达不到"),
     ("慢", "带宽不足", "达不到")),
    ("periodic_drop", _c(r"(?:定时|每隔|经常|频繁|老是|总是|时常|隔一段时间|一会儿就)[^,。;]{0,6}掉线|掉线频繁"), ("掉线",)),
    ("offline", _c(r"(?:上不了|无法上|不能上|上不去)网|网络无法使用|断网|无法上网"), ("网",)),
    ("order_stuck", _c(r"卡单|流程卡|工单卡|流程(?:停|滞留)在|流程在"), ("卡", "流程")),
    ("web_unreachable", _c(r"网页(?:打不开|无法打开|不能打开|开不了)"), ("网页",)),
    ("iptv_auth_failed", _c(r"认证失败|认证不通过"), ("认证",)),
    ("info_not_found", _c(r"(?:查不到|无法查询|不能查询|没查到|查询不到)(?:用户)?资料"), ("资料",)),
]
STAGES = [
    ("switch_port", _c(r"配\(?交换\)?端口|交换端口")),
    ("man_activation", _c(r"开通man|宽带开通")),
    ("account_activation", _c(r"(?:帐号|账号)开通")),
    ("centre_done", _c(r"中心环节已完成")),
    ("resource_missing", _c(r"资源配置(?:系统)?(?:中)?(?:无|没有|查不到)")),
    ("onu_board_error", _c(r"板卡插错")),
    ("equipment_fault", _c(r"设备故障")),
    ("bss_coordination", _c(r"经支")),
]
BANDWIDTH = {  # field: (pattern, gates)
    "crm_bw": (_c(r"crm[^\d,。;]{0,8}" + _NUM + r"\s*(m|k|g|兆)?"), ("crm",)),
    "nms_bw": (_c(r"网管[^\d,。;]{0,8}" + _NUM + r"\s*(m|k|g|兆)?"), ("网管",)),
}
NUMBERS = {  # field: (pattern, gates)
    "attenuation_db": (_c(r"衰减[^\d,。;]{0,6}" + _NUM), ("衰减",)),
    "noise_margin_db": (_c(r"(?:噪声容限|信噪比|snr)[^\d,。;]{0,6}" + _NUM), ("噪声容限", "信噪比", "snr")),
    "ping_ms": (_c(r"(?:时延|延时|延迟|ping[^\d]{0,12})[^\d,。;]{0,4}" + _NUM + r"\s*(?:ms|毫秒)"),
                ("时延", "延时", "延迟", "ping")),
    "loss_pct": (_c(r"(?:丢包|掉包)(?:率)?[^\d,。;]{0,4}" + _NUM + r"\s*%?"), ("丢包", "掉包")),
}
DOWNLOAD = _c(r"下载(?:速度|速率)?[^\d,。;]{0,6}" + _NUM + r"\s*(kb/s|k/s|kb|k|mb/s|m/s)")
ORDER_DATE = _c(r"(\d{1,2})月(\d{1,2})日")
SYNC_GATES = ("同步", "灯")
GATES = frozenset(g for gates in ([r[3] for r in RULES] + [c[2] for c in COMPLAINTS] + [SYNC_GATES, ("下载",)]
                                   + [v[1] for v in (*BANDWIDTH.values(), *NUMBERS.values())]) for g in gates)


def fold(text: str) -> str:
    """Full-width to half-width and lower case (lengths may change; used for matching only)."""
    return unicodedata.normalize("NFKC", text).lower()


def extract_values(text: str) -> dict[str, Any]:
    """Raw case values found in ``text`` (see the module docstring)."""
    t = fold(text or "")
    present = {g for g in GATES if g in t}  # one cheap substring test per gate word, before any regex
    values: dict[str, Any] = {}
    codes = _codes(t)
    if codes:
        values["error_codes"] = codes
    for name, value, pattern, gates in RULES:
        if name not in values and not present.isdisjoint(gates) and pattern.search(t):
            values[name] = value
    if not present.isdisjoint(SYNC_GATES):
        rest = DROP_SPAN.sub(" ", EXCHANGE_SPAN.sub(" ", t))
        if MODEM_NOT_SYNCED.search(rest):
            values["modem_sync"] = False
        elif MODEM_SYNCED.search(rest):
            values["modem_sync"] = True
    complaints = tuple(kind for kind, pattern, gates in COMPLAINTS
                       if not present.isdisjoint(gates) and pattern.search(t))
    if "order_stuck" in complaints or "流程" in t or "工单" in t:
        stage = next((s for s, pattern in STAGES if pattern.search(t)), None)
        if stage:
            values["stage"] = stage
    if complaints:
        values["complaints"] = complaints
    for name, (pattern, gates) in BANDWIDTH.items():
        match = not present.isdisjoint(gates) and pattern.search(t)
        if match:
            values[name] = match.group(1) + (match.group(2) or "m")
    for name, (pattern, gates) in NUMBERS.items():
        match = not present.isdisjoint(gates) and pattern.search(t)
        if match:
            values[name] = float(match.group(1))
    match = "下载" in present and DOWNLOAD.search(t)
    if match:
        values["download_kBps"] = float(match.group(1)) * (1000 if match.group(2).startswith("m") else 1)
    match = values.get("mismatch_reason") == "speed_order" and ORDER_DATE.search(t)
    if match:
        values["order_date"] = f"{match.group(1)}月{match.group(2)}日"
    return values


def _codes(t: str) -> tuple[int, ...]:
    found = []
    for match in CODE.finditer(t):
        code = match.group(1)
        if code in KNOWN_CODES or CODE_CONTEXT.search(t, max(0, match.start() - 10), match.start()):
            found.append(int(code))
    return tuple(dict.fromkeys(found))


def extract(text: str) -> Case:
    """The ``Case`` described by ``text``; values that do not validate are left out."""
    return Case.from_values(extract_values(text))
