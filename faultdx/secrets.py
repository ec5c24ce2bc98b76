"""Passwords never leave: the one masking function, applied to every text that came from a user.

``mask_passwords(text)`` replaces the secret after a password word (密码, 口令, password, pwd,
pass, pw, PIN …) by ``******`` and keeps everything else, so facts are read from the masked
text and anything echoed (records, ticket ids, error messages, consultation echoes, saved
files, option errors) is masked the same way.

What counts as a password word: the word spelt with ASCII or full-width letters, in any case,
with spaces or zero-width characters between its letters (密 码, 密\u200b码, ｐａｓｓｗｏｒｄ), optionally
qualified before the connector ((初始), 已, 已经). What follows it is a secret when

- a strong connector comes first (``:`` ``：`` ``=`` ``->`` ``→``, possibly after 是/为): then any
  token is masked, Chinese or not, up to the next space-led Chinese text or full-width punctuation;
- a word connector (是, 为, 改成, 重置为, 设为 …; in English is, was, to) or nothing comes
  first: then only a value that starts with a letter, digit or symbol (not Chinese) is masked,
  so "密码是否正确" and "检查密码错误" keep their words.

A password may contain spaces and punctuation: the secret runs on over ``,`` ``;`` and single
spaces while the next character is still part of an ASCII-like token, and stops at Chinese
text, a newline or full-width punctuation.
"""
from __future__ import annotations

import functools
import re
from typing import Mapping

MASK = "******"

# invisible characters a password word may be split by
_GAP = "[ \t\u3000\u00a0\u200b-\u200d\u2060\ufeff\u00ad]*"
_FULLWIDTH = 0xFEE0


def _letters(word: str) -> str:
    """A pattern for ``word`` in ASCII or full-width letters, any case, with invisible gaps between them."""
    parts = []
    for char in word:
        if char.isascii() and char.isalpha():
            variants = {char.lower(), char.upper()}
            variants |= {chr(ord(v) + _FULLWIDTH) for v in set(variants)}
            parts.append("[" + "".join(sorted(variants)) + "]")
        else:
            parts.append(re.escape(char))
    return _GAP.join(parts)


_CHINESE_WORDS = ("密码", "密碼", "口令", "登录密码", "登陆密码", "pin码")
_ENGLISH_WORDS = ("password", "passwords", "passwd", "passcode", "passphrase", "pass word", "pwd", "pass", "pw", "pin",
                  "pin code")
_WORDS = sorted({*_CHINESE_WORDS, *_ENGLISH_WORDS}, key=len, reverse=True)
_ASCII_LETTER = "A-Za-z\uff21-\uff3a\uff41-\uff5a"
_QUALIFIER = r"(?:[（(][^）)\n]{0,12}[）)])?(?:已经|已被|已|被|现在|现|统一|都|也|均)?"
_WORD_CONNECTOR = ("(?:是|为|為|改成|改为|改為|修改为|修改成|更改为|更改成|变更为|变更成|重置为|重置成|重设为|"
                   "重新设置为|设置为|设置成|设为|设成|换成|换为|初始为|默认为|is|was|are|set\\s+to|changed\\s+to|"
                   "reset\\s+to)")
_STRONG_CONNECTOR = "(?::|：|=|＝|﹦|->|=>|→|-->|⇒)"
_SP = "[ \t\u3000\u00a0]*"
_CONNECTOR_AHEAD = f"(?={_SP}{_QUALIFIER}{_SP}(?:{_WORD_CONNECTOR}|{_STRONG_CONNECTOR}))"
# an English word does not start inside another word ("bypass"): no letter of the same width just before it,
# unless a connector follows ("Sx1passpin: 1234" is two secrets run together)
_WORD_START = "(?:(?<![A-Za-z])(?=[A-Za-z])|(?<![\uff21-\uff3a\uff41-\uff5a])(?=[\uff21-\uff3a\uff41-\uff5a]))"
KEYWORD = "(?:" + "|".join(
    f"(?:{_WORD_START}{_letters(w)}|{_letters(w)}{_CONNECTOR_AHEAD})(?![{_ASCII_LETTER}])" if w[0].isascii()
    else _letters(w) for w in _WORDS) + ")"

# a value stops where the next "password word + connector" starts (several in one cell, even run together)
_KEYWORD_ANYWHERE = "(?:" + "|".join(_letters(w) for w in _WORDS) + ")"
_CHINESE_KEYWORD = "(?:" + "|".join(_letters(w) for w in _CHINESE_WORDS) + ")"
_NEXT = (f"(?!{_KEYWORD_ANYWHERE}{_SP}{_QUALIFIER}{_SP}(?:{_WORD_CONNECTOR}|{_STRONG_CONNECTOR}))"
         f"(?!{_CHINESE_KEYWORD}{_SP}[!-~\uff01-\uff5e])")
# ASCII-like characters a password is made of (printable ASCII, full-width forms, invisible joiners)
_CHAR = f"(?:{_NEXT}(?![，；！？（）：])[!-~\uff01-\uff5e\u200b-\u200d\u2060\u00ad])"
_WEAK_VALUE = f"{_CHAR}+(?:[ ,;]{_CHAR}+)*(?<![,;.])"  # a trailing , ; . is the sentence's, not the password's
# after ":" or "=" a Chinese password is masked too (up to 16 characters, to the next punctuation)
_STRONG_VALUE = f"(?:{_WEAK_VALUE}|(?:{_NEXT}[^\\s，。；、！？,;:\u3000]){{1,16}})"

_PASSWORD_PATTERN = (
    f"(?i)(?P<head>{KEYWORD}{_SP}{_QUALIFIER}{_SP}"
    f"(?:(?:{_WORD_CONNECTOR}{_SP})?(?P<strong>{_STRONG_CONNECTOR}){_SP}(?P<value>{_STRONG_VALUE})"
    f"|{_WORD_CONNECTOR}{_SP}(?P<weak>{_WEAK_VALUE})"
    f"|{_SP}(?P<bare>{_WEAK_VALUE})))")
_MAYBE = re.compile("[密口登pPｐＰ]")  # the first character of every password word
_LAZY = {  # compiled on first use: together they take ~90 ms to compile, and most texts have no password word
    "PASSWORD": lambda: _PASSWORD_PATTERN,
    "_ENGLISH_BARE": lambda: f"(?i){'|'.join(_letters(w) for w in _ENGLISH_WORDS)}",
    "SECRET_HEADER": lambda: f"(?i)^\\W*(?:\\w{{0,6}}?){KEYWORD}\\W*$",
}


def _compiled(name: str) -> re.Pattern:
    return globals().get(name) or __getattr__(name)


def __getattr__(name: str):
    """PASSWORD, SECRET_HEADER and _ENGLISH_BARE, compiled the first time they are used (PEP 562)."""
    if name in _LAZY:
        pattern = globals()[name] = re.compile(_LAZY[name]())
        return pattern
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _secret_start(match: re.Match) -> int | None:
    """Where in the match the secret starts (it runs to the match's end); None when it is not a secret."""
    if match.group("bare") is not None:
        word_end = match.start("bare") - match.start()
        keyword = match.group("head")[:word_end].strip(" \t\u3000\u00a0")
        if _compiled("_ENGLISH_BARE").fullmatch(keyword):  # English needs a connector: "password expired" is not a secret
            return None
        return word_end
    return match.start("value" if match.group("value") is not None else "weak") - match.start()


def _replace(match: re.Match) -> str:
    start = _secret_start(match)
    head = match.group("head")
    return head if start is None else head[:start] + MASK


def _blank(match: re.Match) -> str:
    start = _secret_start(match)
    head = match.group("head")
    return head if start is None else head[:start] + "*" * (len(head) - start)


def mask_passwords(text: str) -> str:
    """``text`` with every password after a password word replaced by ******."""
    if not text or not _MAYBE.search(text):  # most cells have no password word at all: one cheap scan
        return text
    return _substitute(text, _replace)


def blank_passwords(text: str) -> str:
    """``text`` with every password's characters replaced by * one for one: offsets into it stay those of ``text``
    (the reader reads facts from this and quotes evidence by offset)."""
    if not text or not _MAYBE.search(text):
        return text
    return _substitute(text, _blank)


def _substitute(text: str, function) -> str:
    """``PASSWORD.sub(function, text)``, trying the pattern only where a password word can start (the same
    result: every password word starts with a character of ``_MAYBE``; ten times faster on "ping 20ms")."""
    out, at = [], 0
    password = _compiled("PASSWORD")
    for candidate in _MAYBE.finditer(text):
        start = candidate.start()
        if start < at:
            continue
        match = password.match(text, start)
        if match:
            out += (text[at:start], function(match))
            at = match.end()
    if not out:
        return text
    out.append(text[at:])
    return "".join(out)




@functools.lru_cache(maxsize=4096)
def is_secret_column(name: str) -> bool:
    """A column whose header names a password (密码, 初始密码, PIN, password …): its cells are secret."""
    return bool(_compiled("SECRET_HEADER").match(str(name).strip()))


def mask_cell(column: str, value: str) -> str:
    """One cell as ``mask_cells`` gives it."""
    return MASK if value and is_secret_column(column) else mask_passwords(value)


def mask_cells(cells: Mapping[str, str]) -> dict[str, str]:
    """A row's cells with password columns blanked out and passwords in every other cell masked."""
    return {column: mask_cell(column, value) for column, value in cells.items()}
