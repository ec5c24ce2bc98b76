"""Every technical scenario of the phrasebook: (name, facts, category, phrase id it must produce).

Shared by the diagnose tests and the consultation tests.  ``first`` is the first symptom a
consultation starts from.
"""
SCENARIOS = [
    # 拨号认证类
    ("auth-691-statement", dict(error_codes="691"), "dial_auth", "auth.2"),
    ("auth-alternating", dict(error_codes="691,678"), "dial_auth", "auth.2"),
    ("auth-check-password", dict(error_codes="691"), "dial_auth", "auth.3"),
    ("auth-arrears", dict(error_codes="691", account_status="欠费/停机", arrears_paid="yes"), "dial_auth", "auth.4"),
    ("auth-bound", dict(error_codes="691", account_status="绑定"), "dial_auth", "auth.5"),
    ("auth-online", dict(error_codes="691", account_status="在线"), "dial_auth", "auth.6"),
    ("auth-normal-simulated-dial", dict(error_codes="691", account_status="正常"), "dial_auth", "auth.7"),
    ("auth-still-691", dict(error_codes="691", account_status="在线", retry_failed="yes"), "dial_auth", "auth.7"),
    ("auth-xingtiandi", dict(error_codes="691", service="宽带星天地", bims_adsl_lock="yes"), "dial_auth", "auth.8"),
    ("auth-question", dict(error_codes="678"), "no_network", None),
    # 网络无法使用类
    ("net-not-synced", dict(modem_sync="no"), "no_network", "net.1"),
    ("net-not-synced-modem", dict(modem_sync="no"), "no_network", "net.2"),
    ("net-not-synced-port", dict(modem_sync="no", exchange_sync="no"), "no_network", "net.3"),
    ("net-line-quality", dict(modem_sync="no", exchange_sync="yes"), "no_network", "net.4"),
    ("net-678-synced", dict(error_codes="678", modem_sync="yes"), "no_network", "net.5"),
    ("net-678-modem", dict(error_codes="678", modem_sync="yes"), "no_network", "net.6"),
    ("net-678-port-alarm", dict(error_codes="678", modem_sync="yes", port_alarm="yes"), "no_network", "net.7"),
    ("net-678-port-no-alarm", dict(error_codes="678", modem_sync="yes", port_alarm="no", port_config_ok="yes"),
     "no_network", "net.8"),
    # 带宽故障类
    ("bw-slow", dict(complaints="网速慢"), "bandwidth", "bw.1"),
    ("bw-encoding", dict(complaints="网速慢", crm_bw="4M", nms_bw="4M", line_quality_ok="yes",
                         user_encoding_ok="no"), "bandwidth", "bw.2"),
    ("bw-mismatch-port-change", dict(complaints="网速慢", crm_bw="4M", nms_bw="2M", mismatch_reason="port_change"),
     "bandwidth", "bw.3"),
    ("bw-mismatch-speed-order", dict(complaints="网速慢", crm_bw="4M", nms_bw="2M", mismatch_reason="speed_order",
                                     order_date="11-20"), "bandwidth", "bw.3"),
    ("bw-mismatch-move", dict(complaints="网速慢", crm_bw="20M", nms_bw="10M", mismatch_reason="move_flow"),
     "bandwidth", "bw.3"),
    ("bw-line-poor", dict(complaints="网速慢", crm_bw="4M", nms_bw="4M", line_quality_ok="no"), "bandwidth", "bw.4"),
    ("bw-adjust", dict(complaints="网速慢", crm_bw="4M", nms_bw="4M", line_quality_ok="no"), "bandwidth", "bw.5"),
    ("bw-adjust-line", dict(complaints="网速慢", crm_bw="4M", nms_bw="4M", line_quality_ok="no"), "bandwidth",
     "bw.5.line"),
    ("bw-adjust-mismatch", dict(complaints="网速慢", crm_bw="4M", nms_bw="2M"), "bandwidth", "bw.5.mismatch"),
    ("bw-virus", dict(complaints="网速慢", crm_bw="4M", nms_bw="4M", line_quality_ok="yes"), "bandwidth", "bw.6"),
    ("bw-download", dict(complaints="下载慢"), "bandwidth", "bw.7"),
    ("bw-game", dict(complaints="游戏慢"), "bandwidth", "bw.8"),
    ("bw-drop-unsynced", dict(complaints="定时掉线", sync_at_drop="no"), "bandwidth", "bw.9"),
    ("bw-drop-synced", dict(complaints="定时掉线", sync_at_drop="yes"), "bandwidth", "bw.9"),
    # 其它错误代码
    ("code-769", dict(error_codes="769"), "error_code", "code.769"),
    ("code-633", dict(error_codes="633"), "error_code", "code.633"),
    # 流程卡单
    ("flow-switch-port", dict(stage="switch_port"), "workflow_stuck", "flow.1"),
    ("flow-man", dict(stage="宽带开通MAN"), "workflow_stuck", "flow.2"),
    ("flow-account", dict(stage="帐号开通"), "workflow_stuck", "flow.3"),
    ("flow-centre-done", dict(stage="centre_done"), "workflow_stuck", "flow.4"),
    ("flow-equipment", dict(stage="设备故障"), "workflow_stuck", "flow.5"),
    ("flow-resource", dict(stage="resource_missing"), "workflow_stuck", "flow.6"),
    ("flow-onu", dict(stage="onu_board_error"), "workflow_stuck", "flow.7"),
    ("flow-bss", dict(stage="经支"), "workflow_stuck", "flow.8"),
    # VPN, 宽带新天地, 光纤
    ("vpn-data-ok", dict(service="vpn", complaints="网页打不开", exchange_data_ok="yes"), "vpn", "vpn.1"),
    ("vpn-data-problem", dict(service="vpn", complaints="网页打不开", exchange_data_ok="no", exchange_data_fixed="yes"),
     "vpn", "vpn.2"),
    ("iptv-restart-stb", dict(service="iptv", complaints="认证失败", exchange_data_ok="yes", account_status="正常"),
     "iptv", "iptv.1"),
    ("iptv-bims", dict(service="iptv", complaints="认证失败", bims_account_ok="yes"), "iptv", "iptv.2"),
    ("fiber-query", dict(service="fiber", complaints="查不到资料"), "fiber_query", "fiber.1"),
]

FIRST_SYMPTOM = {  # category -> the facts a consultation starts from
    "dial_auth": None,  # the scenario's own error code
    "no_network": dict(complaints="无法上网"),
    "bandwidth": None,  # the scenario's own complaint
    "error_code": None,
    "workflow_stuck": dict(complaints="流程卡单"),
    "vpn": dict(complaints="网页打不开"),
    "iptv": dict(complaints="机顶盒认证失败"),
    "fiber_query": dict(complaints="查不到资料"),
}
