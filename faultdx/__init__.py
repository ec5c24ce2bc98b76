"""faultdx: a broadband fault-diagnosis expert system built on experta.

    >>> from faultdx import Case, diagnose
    >>> result = diagnose(Case.from_values(error_codes="691", account_status="在线"))
    >>> result.category
    'dial_auth'

The engine, the configuration and the phrasebook are imported when first asked for (``faultdx.Diagnoser``),
so that ``import faultdx.reader`` or a command that never diagnoses does not load the rules.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Bound now: ``extract`` is also the name of a submodule, which importing it would set on this package.
from faultdx.extract import extract, extract_values, mask_passwords
from faultdx.facts import Case, FactError

if TYPE_CHECKING:
    from faultdx.config import Config, load_config
    from faultdx.engine import Diagnoser, rule_catalogue
    from faultdx.phrasebook import load_phrasebook
    from faultdx.result import Diagnosis

__all__ = ["Case", "Config", "Diagnoser", "Diagnosis", "FactError", "diagnose", "extract", "extract_values",
           "load_config", "load_phrasebook", "mask_passwords", "rule_catalogue"]

_LAZY = {"Config": "faultdx.config", "load_config": "faultdx.config", "Diagnoser": "faultdx.engine",
         "rule_catalogue": "faultdx.engine", "load_phrasebook": "faultdx.phrasebook", "Diagnosis": "faultdx.result"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


_default: Diagnoser | None = None


def diagnose(case: Case, config: Config | None = None) -> Diagnosis:
    """Diagnose one case (with the default site configuration unless ``config`` is given)."""
    global _default
    from faultdx.engine import Diagnoser
    if config is not None:
        return Diagnoser(config).diagnose(case)
    if _default is None:
        _default = Diagnoser()
    return _default.diagnose(case)
