"""Facts from free ticket text: the former entry points, now served by ``faultdx.reader``.

``extract_values(text)`` returns the case values found in the text; ``extract(text)`` the ``Case``.
New code should call ``faultdx.reader.read(text, values)``, which also gives the evidence of every fact.
The reader is imported when first used: ``import faultdx`` binds ``extract`` from here and stays light.
"""
from __future__ import annotations

TYPE_CHECKING = False   # typing.TYPE_CHECKING without importing typing (and re) before the command turns gc off

if TYPE_CHECKING:
    from faultdx.facts import Case, fold  # noqa: F401  (fold re-exported for callers of the former module)
    from faultdx.reader import extract_values, mask_passwords, read  # noqa: F401

_FROM = {"Case": "faultdx.facts", "fold": "faultdx.facts", "extract_values": "faultdx.reader",
         "mask_passwords": "faultdx.reader", "read": "faultdx.reader"}


def __getattr__(name: str):
    """The former module's other names, re-exported from where they live (imported on first use)."""
    if name not in _FROM:   # (asked for __path__ while faultdx/__init__ imports this module)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from faultdx import _lazy
    return _lazy(globals(), _FROM, name)


def extract(text: str) -> Case:
    """The ``Case`` described by ``text``; figures that do not validate are left out (with a warning in read())."""
    from faultdx.reader import read
    return read(text).case
