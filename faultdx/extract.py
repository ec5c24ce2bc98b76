"""Facts from free ticket text: the former entry points, now served by ``faultdx.reader``.

``extract_values(text)`` returns the case values found in the text; ``extract(text)`` the ``Case``.
New code should call ``faultdx.reader.read(text, values)``, which also gives the evidence of every fact.
"""
from __future__ import annotations

from faultdx.facts import Case, fold  # noqa: F401  (fold re-exported for callers of the former module)
from faultdx.reader import extract_values, mask_passwords, read  # noqa: F401


def extract(text: str) -> Case:
    """The ``Case`` described by ``text``; figures that do not validate are left out (with a warning in read())."""
    return read(text).case
