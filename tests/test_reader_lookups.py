"""The reader's fast lookups give what the plain ones they replace give (issue 12: per-row Python on a budget).

``_Near.word`` (one automaton pass for all of _role's word groups) and ``_ends_near`` (the occurrences of the
words a bare number is read after, from the one pass of ``_side_words``) stand for ``_ends_with_any`` (one
regex search per group); generated texts made of those words, digits and other characters must give the same
answer for every group and slack."""
from hypothesis import given
from hypothesis import strategies as st

from faultdx.reader import _ROLE_GROUPS, _ends_near, _ends_with_any, _Near, _side_words, lexicon

LEX = lexicon()
WORDS = sorted({w for group in (*_ROLE_GROUPS, "unitless_before") for w in LEX.quantities[group]})
PIECES = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(list("只有才的 5m宽带网管ping")),
                            st.text(alphabet="测速下载延迟衰减ab1", max_size=3)), max_size=6).map("".join)


@given(PIECES, st.integers(0, 6))
def test_near_word_is_what_the_regex_finds(text, slack):
    text = text[-8:]
    near = _Near(text, LEX)
    for group in _ROLE_GROUPS:
        assert near.word(group, slack) == _ends_with_any(text, LEX.quantities[group], slack), (group, text, slack)


@given(PIECES, st.integers(0, 12))
def test_ends_near_is_what_the_regex_finds(text, cut):
    end = min(cut, len(text))
    start = max(0, end - 8)
    spans = _side_words(text, LEX).unitless
    expected = _ends_with_any(text[start:end], LEX.quantities["unitless_before"], 6) is not None
    assert _ends_near(spans, start, end, 6) == expected, (text, start, end)


def test_the_examples_the_groups_are_for():
    assert _Near("测速只有", LEX).word("measured_before", 2) == "测速只有"
    assert _Near("ping ", LEX).word("latency_before", 6) == "ping"
    assert _Near("网管查看为", LEX).word("nms_before", 4) == "网管"
    assert _Near("地址:武侯", LEX).word("latency_before", 6) is None
