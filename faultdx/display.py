"""Nothing raw reaches a terminal: control characters shown as visible escapes, strict JSON.

Ticket cells and typed answers may hold ESC/OSC sequences (set the title, clear the screen, fake
a link), C1 controls (U+0080–U+009F, which some terminals obey as ESC [ …) and bidi overrides
(U+202A–U+202E, U+2066–U+2069, which reorder what is shown).  ``escape_controls`` turns each into
a visible ``\\x1b`` / ``\\u202e`` form; ``safe_text`` also masks passwords and shortens;
``json_text`` writes strict JSON (no NaN/Infinity) with those characters as ``\\u`` escapes.
"""
from __future__ import annotations

import errno
import functools
import re
from typing import Any

from faultdx.secrets import mask_passwords

# C0 except TAB and LF, DEL, C1, bidi embeddings/overrides/isolates, line/paragraph separators
# (and lone surrogates: undecodable bytes read with surrogateescape, which would go out raw)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f"
                       "\u061c\ud800-\udfff]")
_CONTROLS_ALL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c"
                           "\ud800-\udfff]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c]")


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep_newlines: bool = True) -> str:
    """``text`` with control and bidi characters as visible escapes (TAB and, if asked, LF kept)."""
    return (_CONTROLS if keep_newlines else _CONTROLS_ALL).sub(_visible, text)


def safe_text(value: Any, limit: int | None = None, keep_newlines: bool = False) -> str:
    """A value that came from a user, fit to print: passwords masked, controls escaped, shortened."""
    text = str(value)
    if limit is None:
        return escape_controls(mask_passwords(text), keep_newlines)
    length = len(text)
    text = escape_controls(mask_passwords(text[:4 * limit]), keep_newlines)  # megabytes are not masked to be cut
    return text if len(text) <= limit and length <= 4 * limit else text[:limit] + f"…(共 {length} 字)"


def json_text(data: Any, indent: int | None = None) -> str:
    """Strict JSON (ValueError on NaN/Infinity), Chinese kept readable, C1/bidi controls as \\u escapes."""
    one_line = _one_line_encoder() if indent is None else None   # triage writes a few of these per row
    if one_line is not None:
        text = "".join(one_line(data, 0))
    else:
        import json   # here, not at the top: a text diagnosis writes no JSON
        text = json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)
    return _JSON_UNSAFE.sub(_unicode_escape, text) if _JSON_UNSAFE.search(text) else text


def _unicode_escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


@functools.cache
def _one_line_encoder():
    """What ``json.dumps(data, ensure_ascii=False, allow_nan=False)`` runs, made once: ``dumps`` makes a
    JSONEncoder and its C encoder on every call.  Without the circular-reference check (the data written are
    trees of dicts, lists and scalars).  None where the C encoder is missing (then ``dumps`` is used).
    Made on first use: a text diagnosis writes no JSON and need not import ``json``."""
    from json import encoder
    if encoder.c_make_encoder is None:
        return None
    return encoder.c_make_encoder(None, encoder.JSONEncoder().default, encoder.encode_basestring, None, ": ", ", ",
                                  False, False, False)


OS_ERRORS = {errno.ENOENT: "文件或目录不存在", errno.EACCES: "没有权限", errno.EPERM: "没有权限",
             errno.EISDIR: "是一个目录", errno.ENOTDIR: "路径中有一项不是目录", errno.ENOSPC: "磁盘空间不足",
             errno.EDQUOT: "超出磁盘配额", errno.EROFS: "文件系统只读", errno.EIO: "读写错误(设备或介质故障)",
             errno.ENAMETOOLONG: "文件名太长", errno.ELOOP: "符号链接层数过多", errno.EMFILE: "打开的文件太多",
             errno.ENFILE: "打开的文件太多", errno.EBUSY: "设备或资源忙", errno.ETXTBSY: "文件正被使用",
             errno.EFBIG: "文件太大", errno.ENXIO: "设备不存在", errno.ENODEV: "设备不存在",
             errno.EINVAL: "参数无效", errno.EAGAIN: "资源暂时不可用"}


def os_error_text(exc: OSError) -> str:
    """What went wrong with a file, in Chinese (the system's own message only for an error not listed)."""
    return OS_ERRORS.get(exc.errno) or exc.strerror or str(exc)
