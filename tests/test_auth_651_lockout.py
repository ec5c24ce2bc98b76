"""651 after repeated authentication failures (rules/modern.py AUTH-651-LOCKOUT): the authentication side has locked
the MAC out for a few minutes, so the ticket is dial_auth with internal steps only; 651 alone stays the line's
(no_network), and evidence of a line that is down keeps it there.
"""
from faultdx import Case


def run(diagnoser, **facts):
    return diagnoser.diagnose(Case.from_values(facts))


def test_651_after_authentication_failures_is_dial_auth(diagnoser):
    r = run(diagnoser, error_codes=651, complaints="auth_failed")
    assert r.category == "dial_auth" and "AUTH-651-LOCKOUT" in r.category_rules
    assert ("auth_lockout", "neither", True) in [(c.id, c.side, c.likely) for c in r.causes]
    assert run(diagnoser, error_codes=651).category == "no_network"              # 651 alone: the line's
    assert run(diagnoser, error_codes=651, complaints="auth_failed", onu_los="yes").category == "no_network"
