"""The reader's patterns written for speed find what the plain way of writing them finds (issue 12).

Python's re skips in C to where a match can start only when a pattern starts with a literal in every branch or
with a character class; so the reader lists ``\\s`` as literals in its spelling pattern and puts a lookbehind
after a pattern's first character instead of before it.  Each is compared here with the plain pattern on
generated text made of the characters and words they look for."""
import re
import tomllib

from hypothesis import given
from hypothesis import strategies as st

from faultdx import _rulefiles, reader

LEX = reader.lexicon()
RAW = tomllib.loads(_rulefiles.read_bytes("lexicon.toml").decode("utf-8"))
SPACES = "".join(re.findall(r"\s", "".join(map(chr, range(0x3001)))))   # every \s is below U+3001
PIECES = st.lists(st.one_of(
    st.sampled_from(sorted(RAW["spelling"])), st.sampled_from(RAW["negation"]["breaks"] + RAW["negation"]["not_breaks"]),
    st.sampled_from(list("0123456789.-~～到至每隔个分钟小时钟头天月日号秒后断线掉前多内左右兆毫秒ms一二两三四五六七八九十百千")),
    st.text(alphabet=SPACES + ",，。!！?？;；:：、…()（）[]【】.ab", max_size=3)), max_size=12).map("".join)


def spans(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groupdict() or m.groups()) for m in pattern.finditer(text)]


def test_every_space_is_listed():
    import sys
    assert set(reader._whitespace()) == set(re.findall(r"\s", "".join(map(chr, range(sys.maxunicode + 1)))))
    assert set(reader._whitespace()) == set(SPACES)


@given(PIECES)
def test_spelling_pattern_is_the_plain_one(text):
    replacements = RAW["spelling"]
    plain = re.compile(r"\s+|" + "|".join(re.escape(k) for k in sorted(replacements, key=len, reverse=True)))
    text = text.lower()
    assert [(m.span(), m.group()) for m in LEX.spelling.finditer(text)] == \
        [(m.span(), m.group()) for m in plain.finditer(text)]


@given(PIECES)
def test_clause_pattern_is_the_plain_one(text):
    breaks = LEX.clause.pattern.split(r"|\.(?<!\d\.)(?!\d)|", 1)[1]
    plain = re.compile(r"[,，。!！?？;；:：\n、…()（）\[\]【】]|(?<!\d)\.(?!\d)|" + breaks)
    assert [m.span() for m in LEX.clause.finditer(text)] == [m.span() for m in plain.finditer(text)]


PLAIN = {
    "_PERIOD": r"(?<![\d.每隔])(?P<n>\d+)个?(?P<unit>小时|钟头|天)(?!前|内|以来|了|多|都|频繁|经常|一直|不停|老是|总是|不间断|不断)",
    "_CODE": r"(?<![\d.])(\d{3})(?!\d|\.\d)",
    "_DATE": r"(?<!\d)(\d{1,2})月(\d{1,2})[日号]",
    "_CN_FIGURE": r"(?P<sign>)(?P<num>[一二两三四五六七八九十百千]{1,6})(?P<num2>)(?P<approx>多|来|余)?(?P<unit>兆(?!每秒)|毫秒|ms)?",
}


@given(PIECES)
def test_figure_patterns_are_the_plain_ones(text):
    for name, plain in PLAIN.items():
        assert spans(getattr(reader, name), text) == spans(re.compile(plain), text), name
    session = reader._SESSION.pattern.replace(r"(?P<n>\d(?<![\d.每隔~～到至-]\d)\d*(?:\.\d+)?)",
                                              r"(?<![\d.每隔~～到至-])(?P<n>\d+(?:\.\d+)?)")
    assert session != reader._SESSION.pattern
    assert spans(reader._SESSION, text) == spans(re.compile(session), text)


def test_the_patterns_skip_to_where_a_match_can_start():
    """The point of writing them so: each has a literal or a character class prefix (re's INFO block)."""
    from re import _compiler, _parser
    for pattern in (LEX.spelling, LEX.clause, reader._PERIOD, reader._CODE, reader._DATE, reader._CN_FIGURE,
                    reader._SESSION):
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        assert _compiler._get_charset_prefix(parsed, pattern.flags) or _compiler._get_literal_prefix(parsed, pattern.flags)[0], \
            pattern.pattern[:40]
