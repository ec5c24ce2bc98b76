"""faultdx: a broadband fault-diagnosis expert system built on experta.

    >>> from faultdx import Case, diagnose
    >>> result = diagnose(Case.from_values(error_codes="691", account_status="在线"))
    >>> result.category
    'dial_auth'

Every name is imported when first asked for (``faultdx.Case``, ``faultdx.Diagnoser``): ``import faultdx.reader``
or a command that never diagnoses does not load the rules, and importing a submodule first runs nothing heavy
here (the ``faultdx`` command turns the cyclic garbage collector off while it imports; see ``faultdx.__main__``).
"""
from __future__ import annotations

import importlib
TYPE_CHECKING = False   # typing.TYPE_CHECKING without importing typing (and re) before the command turns gc off

# Bound now: ``extract`` is also the name of a submodule, which importing it would set on this package
# (the submodule itself imports the reader only when called).
from faultdx.extract import extract

if TYPE_CHECKING:
    from faultdx.config import Config, load_config
    from faultdx.engine import Diagnoser, rule_catalogue
    from faultdx.facts import Case, FactError
    from faultdx.phrasebook import load_phrasebook
    from faultdx.reader import extract_values
    from faultdx.result import Diagnosis
    from faultdx.secrets import mask_passwords

__all__ = ["Case", "Config", "Diagnoser", "Diagnosis", "FactError", "diagnose", "extract", "extract_values",
           "load_config", "load_phrasebook", "mask_passwords", "rule_catalogue"]

_LAZY = {"Case": "faultdx.facts", "FactError": "faultdx.facts", "extract_values": "faultdx.reader",
         "mask_passwords": "faultdx.secrets", "Config": "faultdx.config", "load_config": "faultdx.config",
         "Diagnoser": "faultdx.engine", "rule_catalogue": "faultdx.engine", "load_phrasebook": "faultdx.phrasebook",
         "Diagnosis": "faultdx.result"}


def _lazy(namespace: dict, modules: dict[str, str], name: str):
    """A module's ``__getattr__``: ``name`` imported from the module ``modules`` gives for it, then bound in
    ``namespace`` (the module's globals) so that this runs once per name."""
    module = modules.get(name)
    if module is None:
        raise AttributeError(f"module {namespace['__name__']!r} has no attribute {name!r}")
    value = namespace[name] = getattr(importlib.import_module(module), name)
    return value


def __getattr__(name: str):
    return _lazy(globals(), _LAZY, name)


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
