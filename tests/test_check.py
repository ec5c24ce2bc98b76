"""`faultdx check`: the knowledge base passes its own checks, and each kind of defect, planted, is found."""
import dataclasses

import pytest
from click.testing import CliRunner

import faultdx.catalogue
import faultdx.check
from faultdx.check import check
from faultdx.cli import main
from faultdx.engine import FaultEngine
from faultdx.facts import Complaint, ErrorCode
from faultdx.kb import rule
from faultdx.phrasebook import Phrase, Phrasebook, load_phrasebook

QUICK = dict(depth=2, limit=400)


def kinds(report):
    return {(p.kind, p.where) for p in report.problems}


def test_the_knowledge_base_passes_its_own_check():
    report = check(tests_dir="tests")
    assert report.ok, "\n".join(f"{p.kind} {p.where}: {p.message}" for p in report.problems[:20])
    assert report.cases >= 1000
    technical = [row for row in report.coverage if row["item"].startswith("五.") and "." in row["item"][2:]]
    assert technical and all(row["rules"] for row in technical)
    assert all(row["not_expressible"] for row in report.coverage if row["item"].startswith("二.(一)"))


def test_check_command_exits_0_and_prints_the_coverage_table():
    result = CliRunner().invoke(main, ["check", "--depth", "2"])
    assert result.exit_code == 0, result.output[-2000:]
    assert "五.拨号认证类.4" in result.output and "AUTH-ARREARS-PAID" in result.output
    assert "自检通过" in result.output


class NoSource(FaultEngine):
    @rule("PLANT-NO-SOURCE", "a rule that says nothing of where it comes from", ErrorCode(code=691))
    def planted(self):
        self.finding("planted", "planted")


class Hidden(FaultEngine):
    @rule("PLANT-HIDES-AUTH-691", "a rule with the name of another rule set's rule", ErrorCode(code=999),
          item="五.拨号认证类.1")
    def auth_691(self):
        self.finding("planted", "planted")


class Contradiction(FaultEngine):
    @rule("PLANT-RESTART-MODEM", "691: restart the modem", ErrorCode(code=691), item="五.网络无法使用类.2")
    def planted(self):
        self.advise(999, "net.2")


class Unfilled(FaultEngine):
    @rule("PLANT-UNFILLED", "bw.2 without its bandwidth", ErrorCode(code=691), item="五.带宽故障类.2")
    def planted(self):
        self.advise(999, "bw.2")


class DeadEnd(FaultEngine):
    @rule("PLANT-ASK-ROUTER", "ask something no rule uses", Complaint(kind="info_not_found"), item="四.17")
    def planted(self):
        self.ask(1, "router")


@pytest.mark.parametrize("engine,kind,where", [
    (NoSource, "source", "PLANT-NO-SOURCE"),
    (Hidden, "rule", "AUTH-691"),
    (Contradiction, "contradiction", "auth.2 + net.2"),
    (Unfilled, "placeholder", "bw.2: bw 未配置(在配置文件 [site] 中设置)"),
])
def test_a_planted_rule_defect_is_found(engine, kind, where):
    report = check(engine_class=engine, **QUICK)
    assert not report.ok and (kind, where) in kinds(report)


def test_a_planted_dead_end_question_is_found():
    report = check(engine_class=DeadEnd, **QUICK)
    assert {p.where for p in report.problems if p.kind == "dead_end"} >= {"router=是", "router=否"}


def test_a_planted_unused_or_altered_phrase_is_found(monkeypatch):
    book = load_phrasebook()
    extra = Phrase("bw.99", "五.带宽故障类.9", "branch", "planted", "没有任何规则说的一句话")
    altered = dataclasses.replace(book["auth.3"], text=book["auth.3"].text + "(改过)")
    planted = Phrasebook([*(p for p in book.values() if p.id != "auth.3"), altered, extra])
    for module in (faultdx.check, faultdx.catalogue):
        monkeypatch.setattr(module, "load_phrasebook", lambda: planted)
    report = check(**QUICK)
    assert ("phrase", "bw.99") in kinds(report) and ("spec", "auth.3") in kinds(report)


def test_a_planted_item_without_a_rule_is_found(monkeypatch):
    items = faultdx.catalogue.items()
    planted = (*items, faultdx.catalogue.Item("五.带宽故障类.10", "planted"))
    monkeypatch.setattr(faultdx.check, "items", lambda: planted)
    monkeypatch.setattr(faultdx.catalogue, "items", lambda: planted)
    assert ("item", "五.带宽故障类.10") in kinds(check(**QUICK))
