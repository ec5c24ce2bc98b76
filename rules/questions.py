"""What to ask for each missing fact: the prompt, where to look, and the choices.

Keys are ``faultdx.facts.Case`` field names; rules ask by key (``self.ask(rank, key)``).
``phrase`` names the phrasebook sentence the question is, where it is one.  ``choices`` are
(value, label) pairs; a "codes" question also takes any other code typed in.
"""
from faultdx.facts import VOCABULARY

YES_NO = (("yes", "是"), ("no", "否"))


def _choices(field_name):
    return tuple((value, labels[0]) for value, labels in VOCABULARY[field_name].items())


QUESTIONS = {
    "error_codes": dict(prompt="用户拨号报什么错误代码?(其它代码可直接输入)", where="向分公司或用户确认拨号时的提示",
                        kind="codes", phrase="auth.1", choices=(("691", "691"), ("678", "678"),
                                                                ("691,678", "一会691一会678"), ("769", "769"),
                                                                ("633", "633"))),
    "complaints": dict(prompt="故障现象是什么?", where="向分公司或用户确认故障现象",
                       kind="enum", choices=_choices("complaint"), phrase="explain.2.ask"),
    "account_status": dict(prompt="预处理系统中该帐号的状态是什么?", where="预处理系统 → 帐号状态",
                           kind="enum", choices=_choices("account_status")),
    "arrears_paid": dict(prompt="用户是否并未欠费或已经交清欠费?", where="CRM系统 / 营帐系统 → 欠费记录",
                         kind="bool", choices=YES_NO),
    "retry_failed": dict(prompt="处理后(踢下线并等待5分钟)再拨号,是否还是报691?", where="请分公司让用户重新拨号",
                         kind="bool", choices=YES_NO),
    "bims_adsl_lock": dict(prompt="BIMS中该用户是否显示为“ADSL市话加锁”?", where="BIMS系统 → 用户资料",
                           kind="bool", choices=YES_NO),
    "service": dict(prompt="用户的业务类型?", where="营帐系统 / 预处理系统 → 用户业务",
                    kind="enum", choices=_choices("service")),
    "modem_sync": dict(prompt="用户端MODEM是否同步(ADSL灯常亮)?", where="请分公司或用户查看MODEM指示灯",
                       kind="bool", choices=(("yes", "同步"), ("no", "不同步"))),
    "exchange_sync": dict(prompt="在局端挂测能否同步?", where="请外线师傅在局端挂测",
                          kind="bool", choices=(("yes", "能同步"), ("no", "不能同步"))),
    "port_alarm": dict(prompt="网管上该端口是否有告警?", where="网管系统 → 端口状态",
                       kind="bool", choices=(("yes", "有告警"), ("no", "无告警"))),
    "port_config_ok": dict(prompt="该端口数据配置是否正常?", where="网管系统 → 端口数据配置",
                           kind="bool", choices=(("yes", "正常"), ("no", "异常"))),
    "crm_bw": dict(prompt="CRM系统中用户的带宽是多少?(如 4M、512K)", where="CRM系统 → 用户产品速率",
                   kind="bandwidth"),
    "nms_bw": dict(prompt="网管上该端口配置的带宽是多少?(如 4M、512K)", where="网管系统 → 端口速率模板",
                   kind="bandwidth"),
    "user_encoding_ok": dict(prompt="用户上网编码是否一致?", where="预处理系统 / 网管 → 用户上网编码",
                             kind="bool", choices=(("yes", "一致"), ("no", "不一致"))),
    "mismatch_reason": dict(prompt="CRM与网管带宽不一致的原因是什么?", where="CRM系统订单 / 营帐系统流程 / 资源维护记录",
                            kind="enum", choices=_choices("mismatch_reason")),
    "order_date": dict(prompt="CRM系统中改速率订单的日期?(如 11月20日)", where="CRM系统 → 用户订单",
                       kind="date"),
    "line_quality_ok": dict(prompt="用户线路质量是否达标?", where="预处理系统 → 线路信息采集(上、下行衰减,噪声容限)",
                            kind="bool", choices=(("yes", "达标"), ("no", "不达标"))),
    "ping_ms": dict(prompt="PING DNS 的时延是多少 ms?", where="请用户或分公司 PING DNS", kind="number", unit="ms"),
    "loss_pct": dict(prompt="PING DNS 的掉包率是多少 %?", where="请用户或分公司 PING DNS", kind="number", unit="%"),
    "sync_at_drop": dict(prompt="掉线时MODEM是否同步?", where="请用户在掉线时查看MODEM指示灯",
                         kind="bool", choices=(("yes", "同步"), ("no", "不同步"))),
    "stage": dict(prompt="流程卡在哪个环节?", where="电子运维 / 流程系统 → 工单当前环节",
                  kind="enum", choices=_choices("stage")),
    "exchange_data_ok": dict(prompt="局端数据是否正常?", where="网管 / 预处理系统 → 局端数据",
                             kind="bool", choices=(("yes", "正常"), ("no", "有问题"))),
    "bims_account_ok": dict(prompt="BIMS中该用户帐号是否正常?", where="BIMS系统 → 帐号状态",
                            kind="bool", choices=(("yes", "正常"), ("no", "异常"))),
    "exchange_done": dict(prompt="局端处理是否已经完成?", where="本次处理记录", kind="bool", choices=YES_NO),
}
