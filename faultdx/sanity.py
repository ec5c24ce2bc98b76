"""Checks at the edges that the fact model does not (yet) make: figures written the way people write them.

``raw_problem(field, value)`` refuses a figure with digits that are not 0–9 (٣, ३ …: Python reads them,
a person would not) or with ``_`` (``1_000`` is Python syntax, not a number on a ticket).
``case_problem(case)`` refuses what passed the fact model but cannot be true: a figure that is not
finite (a 400-digit bandwidth) and a date that does not exist (02月30日).
"""
from __future__ import annotations

import datetime
import math
import re
import unicodedata
from typing import Any

from faultdx.facts import NUMBER_RANGES

FIGURES = frozenset({"error_codes", "crm_bw", "nms_bw", *NUMBER_RANGES})
_DATE = re.compile(r"^(\d{2})月(\d{2})日$")


def raw_problem(field: str, value: Any) -> str | None:
    """Why a raw figure is not acceptable as written, or None."""
    if field not in FIGURES:
        return None
    for item in value if isinstance(value, (list, tuple)) else (value,):
        text = unicodedata.normalize("NFKC", str(item))
        if "_" in text:
            return f"{item!r} 不是数字写法(含 _)"
        if any(c.isdigit() and not "0" <= c <= "9" for c in text):
            return f"{item!r} 含 0–9 以外的数字"
    return None


def case_problem(known: dict[str, Any]) -> tuple[str, str] | None:
    """(field, why) for the first known value that cannot be true, or None."""
    for field, value in known.items():
        if isinstance(value, float) and not math.isfinite(value):
            return field, "数值超出范围"
        if field == "order_date" and isinstance(value, str):
            match = _DATE.match(value)
            if match:
                try:
                    datetime.date(2000, int(match.group(1)), int(match.group(2)))  # a leap year: 02月29日 exists
                except ValueError:
                    return field, f"{value} 不是存在的日期"
    return None
