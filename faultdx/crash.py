"""Crash reports: the traceback of a fault of faultdx's, passwords masked, in a file a maintainer can be given."""
from __future__ import annotations

import os
import sys
import tempfile
import traceback

from faultdx.secrets import mask_passwords


def crash_report(context: str = "") -> str:
    """Write the exception being handled (with ``context``: which row, say) to a new file; its path, or a note
    that it could not be written."""
    text = mask_passwords(f"faultdx {' '.join(sys.argv[1:2])}\n{context}\n{traceback.format_exc()}")
    try:
        handle, path = tempfile.mkstemp(prefix="faultdx-crash-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        return path
    except OSError:
        return "(无法写报告文件)"
