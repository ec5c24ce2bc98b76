"""Benchmark of `faultdx triage`: a deterministic synthetic export, then figures measured in one run.

    python benchmarks/triage_bench.py --rows 1000000

Prints tickets/s end to end (the real command, as a subprocess, CSV in, JSON Lines out), the peak
RSS of that command and its workers, and the speed ratio to the one-engine-run-per-ticket mode
(--no-cache, measured on a slice of the same file).  Each timing is the median of --repeat runs.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

TEMPLATES = [  # (description, notes): every category, the way tickets are written, with noise
    ("用户报691错误,无法上网", "预处理系统查帐号{status},已告知分公司"),
    ("一会691一会678", "帐号在线,已踢下线,等待5分钟后重试"),
    ("宽带星天地用户拨号报691", "BIMS显示ADSL市话加锁"),
    ("拨号提示678错误", "MODEM同步正常,网管查看端口{alarm}告警,数据配置正常"),
    ("MODEM不同步,猫灯一直闪", "在局端能同步在用户端不能同步"),
    ("上不了网,ADSL灯不亮", "请外线到局端挂测"),
    ("用户反映网速慢", "查CRM为{crm}M,网管为{nms}M,时延{ping}ms 丢包{loss}%"),
    ("网速很慢,达不到{crm}M", "CRM {crm}M 网管{crm}M,线路质量差,下行衰减{att}dB"),
    ("下载速度慢,只有{kb}KB/s", "带宽一致"),
    ("玩游戏卡", "PING DNS 时延{ping}ms"),
    ("每隔半小时掉线", "掉线时MODEM不同步"),
    ("经常掉线", "掉线时猫同步"),
    ("报错误代码769", ""),
    ("拨号报633", "用户重复拨号"),
    ("开通流程卡单", "流程卡在{stage}环节"),
    ("VPN用户网页打不开", "查看局端数据正常"),
    ("宽带新天地机顶盒认证失败,上网正常", "局端数据正常,BIMS帐号正常"),
    ("光纤用户查不到资料", ""),
    ("报错误718", "用户密码:{pwd}"),
    ("用户来电咨询", "已回复"),
]
STAGES = ["宽带开通MAN", "帐号开通", "配(交换)端口", "资源配置无用户信息", "ONU板卡插错"]


def generate(path: str, rows: int, seed: int = 20261124) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["工单号", "故障现象", "处理过程", "宽带帐号"])
        for i in range(rows):
            desc, notes = rng.choice(TEMPLATES)
            values = dict(status=rng.choice(["在线", "绑定", "欠费", "正常"]), alarm=rng.choice(["有", "无"]),
                          crm=rng.choice([2, 4, 8, 10, 20]), nms=rng.choice([2, 4, 8, 10, 20]),
                          ping=rng.choice([8, 15, 35, 60]), loss=rng.choice([0, 2, 8]), att=rng.randint(40, 70),
                          kb=rng.choice([50, 120, 300]), stage=rng.choice(STAGES), pwd=rng.randint(100000, 999999))
            noise = rng.choice(["", " 。", ",请尽快处理", " 用户很着急!", " 联系电话138" + str(rng.randint(10000000, 99999999))])
            writer.writerow([f"GD{i:08d}", desc.format(**values) + noise, notes.format(**values), f"028{i:08d}"])


def run(args: list[str]) -> tuple[float, int]:
    """Seconds and peak RSS (KiB, the largest child process) of one faultdx run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "faultdx.cli", *args], check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return seconds, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--slow-rows", type=int, default=3_000, help="rows for the --no-cache comparison")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big, small, out = (os.path.join(tmp, n) for n in ("big.csv", "small.csv", "out.jsonl"))
        generate(big, options.rows)
        generate(small, options.slow_rows)
        print(f"generated {options.rows:,} rows ({os.path.getsize(big) / 1e6:.0f} MB) in {tmp}")
        fast = [run(["triage", big, "-o", out, "-q", "--jobs", str(options.jobs)]) for _ in range(options.repeat)]
        seconds = statistics.median(s for s, _ in fast)
        peak = max(r for _, r in fast)
        print(f"cached, --jobs {options.jobs}: median {seconds:.2f} s for {options.rows:,} rows "
              f"= {options.rows / seconds:,.0f} tickets/s; peak RSS {peak / 1024:.0f} MB")
        cached_small = statistics.median(run(["triage", small, "-o", out, "-q", "--jobs", "1"])[0]
                                         for _ in range(options.repeat))
        per_ticket = statistics.median(run(["triage", small, "-o", out, "-q", "--jobs", "1", "--no-cache"])[0]
                                       for _ in range(options.repeat))
        print(f"per-ticket engine (--no-cache, --jobs 1): median {per_ticket:.2f} s for {options.slow_rows:,} rows "
              f"= {options.slow_rows / per_ticket:,.0f} tickets/s")
        print(f"cached (--jobs 1) on the same rows: median {cached_small:.2f} s")
        print(f"speed ratio, end to end ({options.jobs} jobs, cached) to per-ticket mode: "
              f"{(options.rows / seconds) / (options.slow_rows / per_ticket):.0f}x")


if __name__ == "__main__":
    main()
