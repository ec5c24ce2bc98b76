"""A VPN that connects and then drops (rules/modern.py VPN-DROP-*): filed under vpn with internal steps only.

The fact is the corpus's own (corpus/README.md): complaints=periodic_drop with service=vpn.  While the internet is
not known to fail with it, the drop is the VPN's; when the internet fails too it is the broadband's (无法上网, and the
drop is 定时掉线, 五.带宽故障类.9) and the VPN rules step aside.
"""
import pytest

from faultdx import Case
from faultdx.extract import extract

VPN_DROP_RULES = {"VPN-DROP", "VPN-DROP-KEEPALIVE", "VPN-DROP-MTU", "VPN-DROP-SERVER", "VPN-DROP-ROUTER"}


def run(diagnoser, **facts):
    return diagnoser.diagnose(Case.from_values(facts))


def test_a_vpn_that_drops_is_filed_under_vpn_with_internal_steps_only(diagnoser):
    r = run(diagnoser, complaints="掉线", service="vpn")
    assert r.category == "vpn" and r.category_rules == ("VPN-DROP",)
    assert {"VPN-DROP", "VPN-DROP-KEEPALIVE", "VPN-DROP-MTU", "VPN-DROP-SERVER"} <= set(r.rules)
    assert "BW-DROP" not in r.rules and "BW-DROP-ASK-SYNC" not in r.rules   # not the broadband's 定时掉线
    assert [(c.id, c.side, c.likely) for c in r.causes] == [("vpn_keepalive", "neither", True)]
    # every step is internal and names where it comes from: no customer sentence of its own
    assert r.steps and all(s.phrase_id is None and s.audience == "internal" and s.source for s in r.steps)
    texts = " ".join(s.text for s in r.steps)
    assert "保活" in texts and "1492" in texts and "MSS" in texts and "VPN中心点" in texts
    # the question that tells a VPN drop from a broadband drop comes first; MODEM sync is not asked
    assert [q.key for q in r.questions] == ["internet_ok", "router"]


def test_through_a_router_the_passthrough_and_nat_step_is_added(diagnoser):
    r = run(diagnoser, complaints="掉线", service="vpn", router="yes", internet_ok="yes")
    assert r.category == "vpn" and "VPN-DROP-ROUTER" in r.rules
    assert any("GRE 47" in s.text and "UDP 500/4500" in s.text for s in r.steps)
    assert r.questions == ()
    assert "VPN-DROP-ROUTER" not in run(diagnoser, complaints="掉线", service="vpn", router="no").rules


def test_when_the_internet_drops_too_it_is_the_broadbands_fault(diagnoser):
    r = run(diagnoser, complaints="掉线", service="vpn", internet_ok="no")
    # the internet down is 无法上网 (NET-INTERNET-DOWN, as for any ticket) and the drop is the line's (BW-DROP)
    assert r.category == "no_network" and {"BW-DROP", "NET-INTERNET-DOWN", "VPN-DROP-INTERNET-DOWN"} <= set(r.rules)
    assert not VPN_DROP_RULES & set(r.rules) and "vpn" not in r.categories
    assert {"modem_sync", "sync_at_drop"} <= {q.key for q in r.questions}


def test_a_vpn_that_cannot_connect_at_all_does_not_get_the_drop_rules(diagnoser):
    r = run(diagnoser, complaints="VPN连不上", service="vpn")
    assert r.category == "vpn" and "VPN-CONNECT" in r.rules
    assert not any(rule.startswith("VPN-DROP") for rule in r.rules)
    assert not any("1492" in s.text for s in r.steps)


def test_a_broadband_drop_without_a_vpn_stays_the_phrasebooks(diagnoser):
    r = run(diagnoser, complaints="掉线")
    assert r.category == "bandwidth" and r.category_rules == ("BW-DROP",)
    assert not any(rule.startswith("VPN-DROP") for rule in r.rules)
    assert [q.key for q in r.questions] == ["sync_at_drop"]
    synced = run(diagnoser, complaints="掉线", sync_at_drop="yes", router="yes")
    assert "DROP-ROUTER" in synced.rules and synced.category == "bandwidth"


@pytest.mark.parametrize("text, router", [
    # corpus R568 and R728 (corpus/tickets.csv), as written
    ("设备能正常连接vpn，刚开始还能正常访问外网，但是过个几分钟就访问不了，vpn还是连接的状态，接着就自动断开了", False),
    ("openconnect 接口配置完成后，每隔45s -1min 会断开一次。在原版openwrt中可以正常使用。", True),
])
def test_the_corpus_tickets_are_placed(diagnoser, text, router):
    r = diagnoser.diagnose(extract(text))
    assert r.category == "vpn" and "VPN-DROP" in r.rules
    assert ("VPN-DROP-ROUTER" in r.rules) is router
