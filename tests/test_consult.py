"""The guided consultation from Python: questions, skip, back, why, how, and the 4-question promise."""
import json

import pytest

from faultdx import Case, Diagnoser, FactError
from faultdx.config import Config
from faultdx.consult import Consultation
from faultdx.conversation import interpret
from faultdx.phrasebook import load_phrasebook
from scenarios import FIRST_SYMPTOM, SCENARIOS

WITH_STEP = [s for s in SCENARIOS if s[3]]


def consult(diagnoser, **facts):
    return Consultation(diagnoser, Case.from_values(facts))


def first_symptom(category, facts):
    return FIRST_SYMPTOM[category] or {k: facts[k] for k in ("error_codes", "complaints") if k in facts}


@pytest.mark.parametrize("name,facts,category,phrase_id", WITH_STEP, ids=[s[0] for s in WITH_STEP])
def test_first_symptom_reaches_the_mandated_step_in_at_most_four_questions(diagnoser, name, facts, category,
                                                                           phrase_id):
    """Answer from the scenario's facts, 不清楚 to anything else; count the questions asked."""
    consultation = consult(diagnoser, **first_symptom(category, facts))
    asked = []
    while not any(s.phrase_id == phrase_id for s in consultation.result.steps):
        question = consultation.next_question()
        assert question is not None, f"no more questions after {asked}"
        asked.append(question.key)
        if question.key in facts:
            consultation.answer(question.key, facts[question.key])
        else:
            consultation.skip(question.key)
    assert len(asked) <= 4, asked
    expected = diagnoser.diagnose(Case.from_values(facts))
    reached = {s.phrase_id: s.text for s in consultation.result.steps}
    assert reached[phrase_id] == next(s.text for s in expected.steps if s.phrase_id == phrase_id)


def test_every_fault_family_is_covered_by_the_four_question_test():
    assert {category for _, _, category, _ in WITH_STEP} == set(FIRST_SYMPTOM)


def test_questions_come_from_the_rules_in_rank_order(diagnoser):
    consultation = consult(diagnoser, error_codes="691")
    question = consultation.next_question()
    assert question.key == "account_status" and question.asked_by == ("AUTH-ASK-STATUS",)


def test_skip_goes_on_with_the_other_branches(diagnoser):
    consultation = consult(diagnoser, error_codes="691")
    consultation.skip("account_status")
    assert consultation.next_question().key == "service"
    assert "account_status" in consultation.skipped
    assert "account_status" in [q.key for q in consultation.unknown()]


def test_back_undoes_the_last_answer(diagnoser):
    consultation = consult(diagnoser, error_codes="691")
    before = consultation.result
    consultation.answer("account_status", "在线")
    change = consultation.back()
    assert consultation.result == before and consultation.answers == []
    assert [c.id for c in change.dropped_causes] == ["account_online"]
    assert consultation.back() is None


def test_answer_reports_what_changed(diagnoser):
    consultation = consult(diagnoser, complaints="无法上网")
    change = consultation.answer("error_codes", "691")
    assert change.category_changed and change.after.category == "dial_auth"
    assert [s.phrase_id for s in change.new_steps] == ["auth.2", "auth.3"]
    assert "account_status" in [q.key for q in change.new_questions]


def test_a_bad_answer_raises_and_records_nothing(diagnoser):
    consultation = consult(diagnoser, complaints="网速慢")
    with pytest.raises(FactError):
        consultation.answer("crm_bw", "fast")
    assert consultation.answers == [] and consultation.log == []


def test_why_names_the_waiting_rule_and_what_each_answer_concludes(diagnoser):
    consultation = consult(diagnoser, error_codes="691")
    why = consultation.why(consultation.next_question())
    assert why.waiting[0][0] == "AUTH-ASK-STATUS" and why.waiting[0][1]
    steps = {o.label: [s.phrase_id for s in o.change.new_steps] for o in why.outcomes}
    # 欠费/停机 concludes nothing yet: auth.4 waits for whether the user has paid (拨号认证.4)
    assert steps == {"欠费/停机": [], "绑定": ["auth.5"], "在线": ["auth.6"], "正常": ["auth.7"]}
    questions = {o.label: [q.key for q in o.change.new_questions] for o in why.outcomes}
    assert "arrears_paid" in questions["欠费/停机"]
    assert consultation.answers == []  # looking ahead records nothing


def test_why_for_a_bandwidth_looks_at_both_sides_of_the_comparison(diagnoser):
    consultation = consult(diagnoser, complaints="网速慢", crm_bw="4M")
    why = consultation.why(consultation.next_question())
    assert why.question.key == "nms_bw"
    fired = {label: o.change.new_rules for label, o in ((o.label, o) for o in why.outcomes)}
    assert "BW-CONSISTENT" in fired["4M"] and "BW-MISMATCH-LOW" in fired["2M"] and "BW-MISMATCH-HIGH" in fired["8M"]


def test_how_traces_each_conclusion_back_to_the_facts(diagnoser):
    consultation = consult(diagnoser, error_codes="691")
    consultation.answer("account_status", "在线")
    cause = next(e for e in consultation.how() if e.kind == "cause")
    assert [f.rule for f in cause.chain] == ["AUTH-ONLINE", "AUTH-691"]
    assert "帐号状态=在线" in cause.chain[0].facts
    assert cause.chain[1].facts == ("错误代码=691",)
    category = next(e for e in consultation.how() if e.kind == "category")
    assert category.text == "拨号认证类" and category.chain[0].rule == "AUTH-691"


def test_every_step_has_an_explanation(diagnoser):
    consultation = consult(diagnoser, complaints="网速慢", crm_bw="4M", nms_bw="2M", mismatch_reason="port_change")
    steps = [e for e in consultation.how() if e.kind == "step"]
    assert len(steps) == len(consultation.result.steps) and all(e.chain for e in steps)


def test_consultation_as_json(diagnoser):
    consultation = consult(diagnoser, error_codes="691")
    consultation.skip("account_status")
    consultation.answer("service", "宽带星天地")
    data = json.loads(json.dumps(consultation.to_dict(), ensure_ascii=False))
    assert data["started_from"] == {"error_codes": [691]}
    assert data["answers"] == [{"key": "account_status", "value": None, "unknown": True},
                               {"key": "service", "value": "xingtiandi", "unknown": False}]
    unknown = {q["key"]: q["answered_unknown"] for q in data["unknown"]}
    assert unknown == {"bims_adsl_lock": False, "account_status": True}
    assert data["result"]["category"] == "dial_auth"


@pytest.mark.parametrize("typed,value", [("3", "online"), ("在线", "online"), (" online ", "online"),
                                         ("１", "arrears")])
def test_interpret_choices_by_number_or_label(diagnoser, typed, value):
    question = consult(diagnoser, error_codes="691").next_question()
    assert interpret(question, typed).value == value


@pytest.mark.parametrize("typed,command", [("?", "why"), ("？", "why"), ("why", "why"), ("back", "back"),
                                          ("q", "quit"), ("how", "how")])
def test_interpret_commands(diagnoser, typed, command):
    question = consult(diagnoser, error_codes="691").next_question()
    assert interpret(question, typed).command == command


@pytest.mark.parametrize("typed", ["5", "不清楚", "skip"])
def test_interpret_unknown(diagnoser, typed):
    question = consult(diagnoser, error_codes="691").next_question()
    assert interpret(question, typed).skip


def test_interpret_rejects_what_does_not_fit(diagnoser):
    question = consult(diagnoser, error_codes="691").next_question()
    for typed in ("9", "离线", ""):
        reply = interpret(question, typed)
        assert reply.error and reply.value is None and not reply.skip


def test_interpret_quantities_with_units(diagnoser):
    consultation = consult(diagnoser, complaints="网速慢", crm_bw="4M", nms_bw="4M", line_quality_ok="yes",
                           user_encoding_ok="yes")
    ping = consultation.next_question()
    assert ping.key == "ping_ms" and ping.unit == "ms"
    assert interpret(ping, "35ms").value == 35.0
    assert "单位 ms" in interpret(ping, "fast").error
    bandwidth = consult(diagnoser, complaints="网速慢").next_question()
    assert interpret(bandwidth, "512K").value == 0.5  # port templates: K = 1/1024 M
    assert "4M" in interpret(bandwidth, "-4M").error


def test_interpret_never_echoes_a_password(diagnoser):
    question = consult(diagnoser, complaints="网速慢").next_question()
    assert "abc123" not in interpret(question, "密码:abc123").error


def test_symptom_question_carries_the_mandated_wording(diagnoser):
    question = consult(diagnoser).next_question()
    assert question.key == "complaints"
    assert question.phrase_text == load_phrasebook()["explain.2.ask"].text


def test_every_question_explains_how_to_answer_and_refuses_what_it_cannot_read():
    """Each field's question has an answering hint, and an unreadable answer is an error to show, never a crash
    (the audit found ``xyz`` at the first question, 故障现象, ending the consultation with an internal error)."""
    from faultdx.conversation import interpret
    from faultdx.fields import FIELDS, KINDS
    from faultdx.render import HINTS, hint
    assert set(HINTS) == set(KINDS)
    diagnoser = Diagnoser(Config())
    for key, spec in FIELDS.items():
        if spec.ask is None:
            continue
        question = diagnoser._question(key, ())
        assert hint(question)
        reply = interpret(question, "xyz")
        assert reply.error and "xyz" in reply.error, key
