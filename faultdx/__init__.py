"""faultdx: a broadband fault-diagnosis expert system built on experta.

    >>> from faultdx import Case, diagnose
    >>> result = diagnose(Case.from_values(error_codes="691", account_status="在线"))
    >>> result.category
    'dial_auth'
"""
from faultdx.config import Config, load_config
from faultdx.engine import Diagnoser, rule_catalogue
from faultdx.extract import extract, extract_values, mask_passwords
from faultdx.facts import Case, FactError
from faultdx.phrasebook import load_phrasebook
from faultdx.result import Diagnosis

__all__ = ["Case", "Config", "Diagnoser", "Diagnosis", "FactError", "diagnose", "extract", "extract_values",
           "load_config", "load_phrasebook", "mask_passwords", "rule_catalogue"]

_default: Diagnoser | None = None


def diagnose(case: Case, config: Config | None = None) -> Diagnosis:
    """Diagnose one case (with the default site configuration unless ``config`` is given)."""
    global _default
    if config is not None:
        return Diagnoser(config).diagnose(case)
    if _default is None:
        _default = Diagnoser()
    return _default.diagnose(case)
