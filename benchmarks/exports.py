"""Synthetic ticket exports for the benchmarks, both seeded (the same rows every run).

- ``realistic``: figures vary per ticket as in a real export (ping 1–300 ms, loss 0–30 %, attenuation
  10–70 dB, noise margin 0–30 dB, bandwidth tiers 512K–1000M, measured speeds, optical power, order dates,
  several error codes, addresses), every fault family in the phrasebook's wording and in the words people write
  (断流, 千兆跑不满, 光猫LOS红灯, 651, traditional script), with noise; almost every ticket is a distinct text and most are a distinct case.
- ``repetitive``: a bounded set of fact combinations, as in the first benchmark of this project; the
  per-case cache serves most rows.
"""
from __future__ import annotations

import csv
import random

HEADER = ["工单号", "故障现象", "处理过程", "宽带帐号"]
BANDWIDTHS = ["512K", "1M", "2M", "4M", "8M", "10M", "20M", "50M", "100M", "200M", "300M", "500M", "1000M"]
STAGES = ["宽带开通MAN", "帐号开通", "配(交换)端口", "资源配置无用户信息", "ONU板卡插错", "经支"]
CODES = [691, 678, 651, 769, 633, 718, 619, 789, 809, 720, 797, 815, 629, 734]
NOISE = ["", "。", ",请尽快处理", " 用户很着急!", ",用户要求今天上门", ",已多次报修", ",用户称要投诉"]
ESTATES = ["锦江", "金牛", "青羊", "武侯", "成华", "高新", "天府", "温江", "双流", "郫都"]

REALISTIC = [  # (description, notes) templates; {…} are drawn per ticket
    ("用户报{code}错误,无法上网", "预处理系统查帐号{status},已告知分公司"),
    ("拨号提示错误{code}", "MODEM{sync},网管查看端口{alarm}告警"),
    ("宽带连接错误{code}", "{phone},MODEM{sync},下行衰减{att}dB"),
    ("用户反映网速慢", "查CRM为{crm},网管为{nms},时延{ping}ms 丢包{loss}%"),
    ("网速很慢,达不到{crm}", "CRM {crm} 网管{crm},线路质量差,下行衰减{att}dB,噪声容限{snr}dB"),
    ("{plan}宽带测速只有{measured}左右", "用户用{link}测的"),
    ("下载速度只有{kb}KB/s", "套餐{plan}"),
    ("千兆跑不满,只能跑到{measured}", "电脑直连光猫测速"),
    ("玩游戏卡,延迟{ping}多", "PING DNS 时延{ping}ms 丢包{loss}%"),
    ("宽带老是断流,隔一阵就重拨", "掉线时猫{sync},ping {ping}ms 丢包{loss}%"),
    ("每隔{minutes}分钟掉线一次", "掉线时MODEM{sync}"),
    ("光猫LOS红灯一直闪,没网了", "收光{power}dBm"),
    ("光猫PON灯闪烁,上不了网", "网管查ONU不在线,收光{power}dBm"),
    ("無法上網,撥號提示錯誤{code}", "光貓燈號正常,時延{ping}ms"),
    ("網速很慢,測速只有{measured}", "{plan}的寬頻"),
    ("开通流程卡单,{month}月{day}日装机", "流程卡在{stage}环节"),
    ("VPN连不上,报{vpncode}错误", "经路由器拨号,ping {ping}ms"),
    ("网页打不开,QQ能用", "已让用户清DNS缓存,ping DNS {ping}ms"),
    ("机顶盒认证失败,上网正常,测速{measured}", "局端数据正常,BIMS帐号正常"),
    ("电视黑屏,点播正常", "{phone},宽带{plan}测速{measured}"),
    ("改速率订单后网速慢", "CRM为{crm},网管为{nms},CRM系统用户在{month}月{day}日有改速率订单"),
    ("用户来电咨询{plan}资费", "已回复,{phone}"),
]
REPETITIVE = [
    ("用户报691错误,无法上网", "预处理系统查帐号{status},已告知分公司"),
    ("一会691一会678", "帐号在线,已踢下线,等待5分钟后重试"),
    ("拨号提示678错误", "MODEM同步正常,网管查看端口{alarm}告警,数据配置正常"),
    ("MODEM不同步,猫灯一直闪", "在局端能同步在用户端不能同步"),
    ("用户反映网速慢", "查CRM为{crm4}M,网管为{nms4}M"),
    ("每隔半小时掉线", "掉线时MODEM不同步"),
    ("报错误代码769", ""),
    ("开通流程卡单,{month}月{day}日装机", "流程卡在{stage}环节"),
    ("VPN用户网页打不开", "查看局端数据正常"),
    ("光纤用户查不到资料", ""),
]


def _values(rng: random.Random) -> dict:
    return dict(code=rng.choice(CODES), vpncode=rng.choice([619, 789, 809, 800]),
                status=rng.choice(["在线", "绑定", "欠费", "正常"]), alarm=rng.choice(["有", "无"]),
                sync=rng.choice(["同步", "不同步"]), crm=rng.choice(BANDWIDTHS), nms=rng.choice(BANDWIDTHS),
                plan=rng.choice(["100M", "200M", "300M", "500M", "1000M", "千兆", "百兆"]),
                measured=f"{rng.randint(5, 950)}M", link=rng.choice(["wifi", "网线", "手机"]),
                kb=rng.randint(20, 12000), ping=rng.randint(1, 300), loss=rng.randint(0, 30),
                att=rng.randint(10, 70), snr=rng.randint(0, 30), minutes=rng.randint(1, 120),
                power=f"-{rng.randint(150, 320) / 10:g}", stage=rng.choice(STAGES), month=rng.randint(1, 12),
                day=rng.randint(1, 28), phone="联系电话138" + str(rng.randint(10000000, 99999999)),
                crm4=rng.choice([2, 4, 8, 10]), nms4=rng.choice([2, 4, 8, 10]))


def generate(path: str, rows: int, kind: str = "realistic", seed: int = 20261126) -> None:
    """Write ``rows`` tickets of the ``kind`` of export to a UTF-8 CSV at ``path``."""
    templates = REALISTIC if kind == "realistic" else REPETITIVE
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            desc, notes = rng.choice(templates)
            values = _values(rng)
            noise = (rng.choice(NOISE) + f" 地址:{rng.choice(ESTATES)}{rng.randint(1, 80)}号小区{rng.randint(1, 30)}栋"
                     f"{rng.randint(1, 6)}单元" if kind == "realistic" else "")
            writer.writerow([f"GD{i:08d}", desc.format(**values) + noise, notes.format(**values), f"028{i:08d}"])
