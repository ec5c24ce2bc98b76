"""Reading ticket text: facts from the words people really write, each with its evidence.

``read(text, values)`` is the one way from a ticket to a ``Case``, used by ``diagnose --text``, triage and
consult.  The text is normalised (NFKC, traditional to simplified with OpenCC, lower case, spaces and
typos out), split into clauses (on punctuation and 但/但是/不过), and scanned once with an Aho–Corasick
automaton built from the lexicon (rules/lexicon.toml): every surface form of every fact.  A negator before
a form in its clause (不欠费, 没有告警, 不会断网) flips or cancels it; qualifiers turn what a form means (断网
with 经常 before it is a drop).  Figures are read by one quantity reader: numbers with their units (M, 兆,
Mbps, MB/s, KB/s, K, G, 千兆, ms, %, dB, dBm, 分钟/小时/天), ranges (9-10MB/s), approximations (左右, 多), and
a role from the words around them (the plan: 300M宽带, 办的100M; what was measured: 测速只有80; bytes:
下载12MB/s; CRM, 网管, 延迟, 丢包, 衰减, 光功率).  Error codes are 3-digit numbers 600–999 next to an error
word (错误651, 651错误, 提示 789, e=691), or 691/678 alone.

Every fact read carries its ``Evidence``: the span of the original text, the surface form and the lexicon
entry that read it.  Values given as options or columns win over the text; a figure in the text that does not
validate, or two mentions that contradict each other, become warnings naming the span — never a silently
different fact.
"""
from __future__ import annotations

import bisect
import itertools
import operator
import re
import sys
import types
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Mapping

from faultdx import _rulefiles
from faultdx.facts import FIELDS, Case, FactError, normalise
from faultdx.secrets import blank_passwords, mask_passwords  # noqa: F401  (re-exported)

SERVICE_PRIORITY = ("vpn", "iptv", "xingtiandi", "fiber", "broadband")   # the more specific service wins
_FIELD_ORDER = {name: index for index, name in enumerate(FIELDS)}
_CASE_FIELDS = frozenset(FIELDS)
_CANONICAL_KINDS = frozenset({"multi", "enum", "bool"})
PHRASEBOOK_CODES = (691, 678)   # read even without an error word next to them
CODE_RANGE = range(600, 1000)   # Windows RAS error codes
LATENCY_COMPLAINT_MS = 150      # a latency people write down above this is their complaint (ITU-T G.114)


@dataclass(frozen=True)
class Evidence:
    """Why a fact was read: the field and value, where in the text, the words written, the lexicon entry."""
    field: str
    value: Any
    start: int
    end: int
    text: str
    entry: str
    negated: bool = False

    @classmethod
    def _made(cls, field: str, value: Any, start: int, end: int, text: str, entry: str, negated: bool) -> "Evidence":
        """The same as ``Evidence(...)``, without the frozen dataclass's seven ``object.__setattr__`` calls (the
        reader makes several per ticket)."""
        made = _new_object(cls)
        made.__dict__.update(field=field, value=value, start=start, end=end, text=text, entry=entry, negated=negated)
        return made

    def describe(self) -> str:
        from faultdx.facts import FIELD_LABELS, display_value
        multi = FIELDS[self.field].kind in ("multi", "codes")
        value = normalise(self.field, self.value) if isinstance(self.value, str) and not multi else self.value
        shown = display_value(self.field, (self.value,) if multi else value)
        return f"{FIELD_LABELS[self.field]}={shown} ← “{self.text}”" + ("(否定)" if self.negated else "")


_new_object = object.__new__


@dataclass(frozen=True)
class Reading:
    """A case read from text (and structured values), with the evidence of every fact and any warnings."""
    case: Case
    evidence: tuple[Evidence, ...] = ()
    warnings: tuple[str, ...] = ()

    def evidence_for(self, name: str) -> tuple[Evidence, ...]:
        return tuple(e for e in self.evidence if e.field == name)

    def to_list(self) -> list[dict[str, Any]]:
        """The evidence as JSON-ready records."""
        return [{"field": e.field, "value": e.value, "start": e.start, "end": e.end, "text": e.text,
                 "entry": e.entry, "negated": e.negated} for e in self.evidence]


# --- the lexicon --------------------------------------------------------------------------------------

@dataclass
class _Term:
    id: str
    field: str
    value: Any
    negation: str
    needs: tuple[str, ...] = ()
    needs_text: tuple[str, ...] = ()
    unless_text: tuple[str, ...] = ()


@dataclass
class _Lexicon:
    automaton: Any
    terms: list[_Term]
    qualifiers: list[tuple[str, dict[tuple[str, Any], tuple[str, Any]], frozenset]]   # (scope, turns, spared term ids)
    text_qualifiers: list[tuple[tuple[str, ...], dict[tuple[str, Any], tuple[str, Any]]]]   # (words, turns)
    spelling: re.Pattern
    replacements: dict[str, str]
    negators: tuple[str, ...]
    gap: int
    clause: re.Pattern
    quantities: dict[str, tuple[str, ...]]
    converter: Any
    games: tuple[str, ...] = ()
    pairs: list = field(default_factory=list)          # (field, value, gap, either) per [[pair]]
    side_automaton: Any = None                         # the words read beside the forms, in one pass (see _side_words)
    not_negators: tuple[str, ...] = ()                 # words with a negator in them that negate nothing (不断, 无线)
    shared_forms: frozenset = frozenset()              # forms of two fields, the second a named_inside one (反复断网)
    context: Any = None                                # the [context] word lists, by name (context.past …; see _context)


def _expand(form: str, sets: Mapping[str, list[str]]) -> list[str]:
    parts = re.split(r"\{(\w+)\}", form)
    choices = [[p] if i % 2 == 0 else sets[p] for i, p in enumerate(parts)]
    return ["".join(c) for c in itertools.product(*choices)]


def _expand_all(patterns, sets: Mapping[str, list[str]]) -> list[str]:
    """Every word of ``patterns`` with its {sets} expanded, each once, in order."""
    return list(dict.fromkeys(w for pattern in patterns for w in _expand(pattern, sets) if w))


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The lexicon of rules/lexicon.toml, compiled once and kept compiled on disk (``faultdx._diskcache``).

    The cache key covers the lexicon's bytes, this package's code and version, pyahocorasick (whose automatons
    are pickled), OpenCC and the Python; the OpenCC converter is not pickled but made again from its config.
    """
    import os

    import ahocorasick
    import opencc

    from faultdx import _diskcache
    source = _rulefiles.read_bytes("lexicon.toml")
    key = _diskcache.make_key(source, _diskcache.package_code(os.path.dirname(__file__)),
                              _diskcache.module_identity(sys.modules["faultdx"], "faultdx"),
                              _diskcache.module_identity(ahocorasick, "pyahocorasick"),
                              _diskcache.module_identity(opencc, "opencc"), _diskcache.python_identity())
    text = source.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")   # as read_text() reads it
    return _diskcache.cached("lexicon", key, lambda: compile_lexicon(text),
                             persistent_id=_converter_recipe, persistent_load=_converter_from_recipe)


def _converter_recipe(obj: Any) -> tuple[str, str] | None:
    """An OpenCC converter kept out of the pickle: the config file it was made from."""
    import opencc
    return ("opencc", obj.config) if isinstance(obj, opencc.OpenCC) else None


def _converter_from_recipe(recipe: tuple[str, str]) -> Any:
    import opencc
    kind, config = recipe
    if kind != "opencc":
        raise ValueError(f"unknown object kept outside the lexicon cache: {kind!r}")
    return opencc.OpenCC(config)


# Patterns the reader scans every text with start with a literal in each branch, or with a character class, and
# put a lookbehind after the first character rather than before it ((?<!\d)\. is written \.(?<!\d\.)): then
# Python's re skips in C to the places where a match can start (its "charset prefix") instead of trying the
# whole pattern at every character; it does not look inside a leading lookbehind, an optional group, a \d+ or a
# branch that starts with a class.  The spelling pattern and the clause breaks are 2-4 times faster so.

def _whitespace() -> str:
    r"""Every character ``\s`` matches (re's \s in a str pattern is str.isspace), for a pattern that lists them as
    literals; filtered one by one, never a string of every character (60 MB)."""
    return "".join(filter(str.isspace, map(chr, range(sys.maxunicode + 1))))


def compile_lexicon(text: str) -> _Lexicon:
    """The lexicon from the text of rules/lexicon.toml: one automaton over every form."""
    import tomllib

    import ahocorasick
    import opencc
    raw = tomllib.loads(text)
    sets: dict[str, list[str]] = {}
    for name, words in raw["sets"].items():   # a set may name an earlier one ({relays} in tvtext); "" stays
        sets[name] = [w for word in words for w in _expand(word, sets)]
    automaton = ahocorasick.Automaton()
    terms: list[_Term] = []
    seen: dict[str, tuple] = {}
    shared: dict[str, int] = {}   # 反复断网: a drop (the form's first term) that comes back (a named_inside field's)
    inside_fields = set(raw.get("named_inside", ()))
    for entry in raw["term"]:
        field_name = entry["field"]
        kind = FIELDS[field_name].kind
        default = "flip" if kind == "bool" else "cancel"
        term = _Term(entry["id"], field_name, entry["value"], entry.get("negation", default),
                     *(tuple(_expand_all(entry.get(key, ()), sets)) for key in ("needs", "needs_text", "unless_text")))
        terms.append(term)
        for form in _expand_all(entry["forms"], sets):
            if form not in seen:
                seen[form] = ("term", len(terms) - 1)
            elif seen[form][0] == "term" and field_name in inside_fields and not term.needs_text \
                    and term.value is not False and terms[seen[form][1]].field != field_name:
                shared.setdefault(form, len(terms) - 1)
    for form in _expand_all(raw.get("not_read", ()), sets):
        seen.setdefault(form, ("stop", -1))   # 获取不到ipv6: read as nothing, and not as the 获取不到ip inside it
    qualifiers, text_qualifiers, qualifier_words = [], [], {}
    for entry in raw.get("qualifier", []):
        turns = {}
        for old, new in entry["turns"].items():   # "" turns it into nothing: not the ticket's (手机信号时断时续)
            (of, ov), (nf, nv) = old.split("=", 1), new.split("=", 1) if new else ("", None)
            turns[(of, ov)] = (nf, nv)
        words = _expand_all(entry["words"], sets)
        scope = entry.get("scope", "clause")
        if scope == "text":   # anywhere in the text: a plain word test
            text_qualifiers.append((tuple(words), turns))
            continue
        spared = frozenset(entry.get("spares", ()))   # term ids it leaves as they are
        unknown = spared - {t.id for t in terms}
        if unknown:
            raise ValueError(f"rules/lexicon.toml: a qualifier spares terms that do not exist: {sorted(unknown)}")
        qualifiers.append((scope, turns, spared))
        for form in words:   # in their own automaton: a qualifier may overlap the form it qualifies
            qualifier_words.setdefault(form, []).append(len(qualifiers) - 1)
    side: dict[str, list] = {}   # word -> [qualifier indexes, pair uses, term named inside, a bare number's word]
    for form, (kind, index) in seen.items():
        automaton.add_word(form, (kind, index, len(form)))
        if kind == "term" and terms[index].field in inside_fields and not terms[index].needs_text \
                and terms[index].value is not False:
            side.setdefault(form, [None, None, None, False])[2] = index
    for form, index in shared.items():
        side.setdefault(form, [None, None, None, False])[2] = index
    automaton.make_automaton()
    for form, indexes in qualifier_words.items():
        side.setdefault(form, [None, None, None, False])[0] = tuple(indexes)
    replacements = dict(raw["spelling"])
    spelling = re.compile("|".join(re.escape(c) + r"\s*" for c in _whitespace())   # \s+, one literal per branch
                          + "|" + "|".join(re.escape(k) for k in sorted(replacements, key=len, reverse=True)))
    negation = raw["negation"]
    not_breaks = negation.get("not_breaks", ())   # 超不过, 跑不过: the 不过 of "cannot pass", not "but"
    breaks = "|".join(re.escape(b) + "".join(f"(?<!{re.escape(w)})" for w in not_breaks if w.endswith(b) and len(w) > len(b))
                      for b in sorted(negation["breaks"], key=len, reverse=True))   # tested only where the break is
    clause = re.compile("|".join(map(re.escape, ",，。!！?？;；:：\n、…()（）[]【】")) + r"|\.(?<!\d\.)(?!\d)|" + breaks)
    quantities = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in raw["quantities"].items()}
    quantities["letter_before"] = (quantities["latency_before"] + quantities["crm_before"] + quantities["noise_before"]
                                   + quantities["power_before"])   # words a figure may follow without a space (ping20)
    quantities["unitless_before"] = tuple(sorted({w for k in _UNITLESS_GROUPS for w in quantities[k]},
                                                 key=lambda w: (-len(w), w)))
    pairs = []
    words: dict[str, list] = {}
    for number, entry in enumerate(raw.get("pair", [])):
        pairs.append((entry["field"], entry["value"], entry.get("gap", 8), entry.get("either", False)))
        for role in ("subjects", "symptoms"):
            for word in _expand_all(entry[role], sets):
                words.setdefault(word, []).append((number, role))
    for word, uses in words.items():
        side.setdefault(word, [None, None, None, False])[1] = tuple(uses)
    for word in quantities["unitless_before"]:
        side.setdefault(word, [None, None, None, False])[3] = True
    side_automaton = None
    if side:
        side_automaton = ahocorasick.Automaton()
        for word, (indexes, uses, inside, bare) in side.items():
            roles = sum(1 << (2 * number + (role == "symptoms")) for number, role in uses or ())
            side_automaton.add_word(word, (len(word), indexes, uses, inside, bare, roles))
        side_automaton.make_automaton()
    return _Lexicon(automaton, terms, qualifiers, text_qualifiers, spelling, replacements,
                    tuple(sorted(negation["words"], key=len, reverse=True)), negation["gap"], clause, quantities,
                    opencc.OpenCC("t2s"), tuple(sets["game"]), pairs, side_automaton,
                    tuple(sorted(negation.get("not_negators", ()), key=len, reverse=True)), frozenset(shared),
                    _context(raw["context"]))


CONTEXT_LISTS = ("past", "over", "still", "set_right", "listed", "bands", "drop_words", "operator_session",
                 "session_leads", "not_regular", "not_a_session", "promised", "rises", "short_of", "port_words",
                 "loss_after", "counted", "latency_after", "address_after", "grumbles", "vpn_tool", "dialling",
                 "dial_works", "dial_drops", "dial_code_words", "wifi_words", "wired_words", "works_words",
                 "trouble_words", "works_weakly", "but", "bounds", "bare_failures", "vpn_connected", "lan_words", "downloading",
                 "speed_test", "speed_context")


def _context(table: Mapping[str, list[str]]) -> "types.SimpleNamespace":
    """The lexicon's [context] lists as attributes, each a tuple in the order written (kept with the lexicon: the
    patterns made of a list are kept by its identity), and two made from them: the words before a measured figure
    that say it falls short as a set (``grumble_set``), and the words that say plainly that something works
    (``works_plainly``: ``works_words`` less ``works_weakly``)."""
    missing = [name for name in CONTEXT_LISTS if not table.get(name)]
    if missing or set(table) - set(CONTEXT_LISTS):
        raise ValueError(f"rules/lexicon.toml [context]: the reader reads the lists {', '.join(CONTEXT_LISTS)}; "
                         f"missing or empty: {missing}, unknown: {sorted(set(table) - set(CONTEXT_LISTS))}")
    context = types.SimpleNamespace(**{name: tuple(words) for name, words in table.items()})
    context.grumble_set = frozenset(context.grumbles)
    context.works_plainly = tuple(w for w in context.works_words if w not in context.works_weakly)
    return context


# --- normalising ---------------------------------------------------------------------------------------

def normalise_text(text: str) -> tuple[str, list[int], dict[int, int]]:
    """The text as the lexicon reads it; for each of its characters the offset in ``text`` it comes from; and,
    for the characters of a spelling replacement (wi-fi → wifi), the offset after all they replaced (any other
    character ends one after its offset)."""
    lex = lexicon()
    nfkc = unicodedata.normalize("NFKC", text)
    if len(nfkc) == len(text):
        where = list(range(len(text)))
    else:
        pieces = [(unicodedata.normalize("NFKC", c), i) for i, c in enumerate(text)]
        nfkc = "".join(p for p, _ in pieces)
        where = [i for p, i in pieces for _ in p]
    simple = lex.converter.convert(nfkc)
    if len(simple) != len(nfkc):
        simple = "".join(lex.converter.convert(c) if len(lex.converter.convert(c)) == 1 else c for c in nfkc)
    lower = simple.lower()
    if len(lower) != len(simple):
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in simple)
    out, mapping, ends, at = [], [], {}, 0
    for match in lex.spelling.finditer(lower):
        out.append(lower[at:match.start()])
        mapping.extend(where[at:match.start()])
        if match.group(0).isspace():   # spaces go, except one between two ASCII words (691 chap, error 691)
            left, right = lower[match.start() - 1:match.start()], lower[match.end():match.end() + 1]
            keep = left.isascii() and left.isalnum() and right.isascii() and right.isalnum()
            replacement = "\n" if "\n" in match.group(0) else " " if keep else ""   # a line break still ends a clause
        else:
            replacement = lex.replacements.get(match.group(0), "")
        out.append(replacement)
        for _ in replacement:
            ends[len(mapping)] = where[match.end() - 1] + 1
            mapping.append(where[match.start()])
        at = match.end()
    out.append(lower[at:])
    mapping.extend(where[at:])
    return "".join(out), mapping, ends


# --- reading -------------------------------------------------------------------------------------------

@dataclass
class _Found:
    field: str
    value: Any
    start: int      # in the normalised text
    end: int
    entry: str
    negated: bool = False


@dataclass
class _Scan:
    text: str                 # normalised
    where: list[int]          # for each character of text: where it starts in original
    ends: dict[int, int]      # … and where it ends, when not one after (a spelling replacement)
    original: str
    clause_starts: list[int] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    service_spans: list[tuple[int, int]] = field(default_factory=list)   # the spans that name a service (光信号, 宽带新天地)
    side: "_SideWords | None" = None
    context: Any = None       # the lexicon's context words (_Lexicon.context)

    def clause(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.clause_starts, position) - 1
        start = self.clause_starts[index]
        end = self.clause_starts[index + 1] - 1 if index + 1 < len(self.clause_starts) else len(self.text)
        return start, end

    def original_span(self, start: int, end: int) -> tuple[int, int, str]:
        if not self.where:
            return 0, 0, ""
        first = self.where[min(start, len(self.where) - 1)]
        index = min(end, len(self.where)) - 1
        last = self.ends.get(index, self.where[index] + 1)
        return first, last, self.original[first:last]


def read(text: str | None, values: Mapping[str, Any] | None = None) -> Reading:
    """The case a ticket describes: structured ``values`` (strict: FactError names the field) over the text."""
    found, warnings, scan = _read_text(text or "")
    structured: dict[str, Any] = {}
    for name, value in (values or {}).items():
        if value is None or value == "" or value == ():
            continue
        if name not in FIELDS:
            raise FactError(name, value, "不是事实字段")
        structured[name] = value
    clean, evidence = _settle(found, scan, warnings, set(structured))
    if structured:
        from faultdx.facts import _split_stage
        structured = dict(structured)
        _split_stage(structured)
        for name, value in structured.items():
            if value is None:
                continue
            clean[name] = normalise(name, value)   # raises FactError for the caller to name its option/column
    unknown = set(clean) - _CASE_FIELDS
    if unknown:
        raise TypeError(f"not case fields: {sorted(unknown)}")
    return Reading(Case.trusted(clean), tuple(evidence), tuple(warnings))


def _read_text(text: str) -> tuple[list[_Found], list[str], _Scan]:
    original = blank_passwords(text)
    normal, where, ends = normalise_text(original)
    lex = lexicon()
    scan = _Scan(normal, where, ends, original)
    scan.context = lex.context
    scan.clause_starts = [0] + [m.end() for m in lex.clause.finditer(normal)]
    found: list[_Found] = []
    scan.side = _side_words(normal, lex)
    qualifiers = scan.side.qualifiers
    for end_index, (kind, index, length) in lex.automaton.iter_long(normal):
        start, end = end_index - length + 1, end_index + 1
        scan.spans.append((start, end))
        if kind == "stop":
            continue
        term = lex.terms[index]
        if term.field == "service":
            scan.service_spans.append((start, end))
        if term.needs:
            clause_start, clause_end = scan.clause(start)
            clause_text = normal[clause_start:clause_end]
            if not any(w in clause_text for w in term.needs):
                continue
        if term.needs_text and not _words_pattern(term.needs_text).search(normal):
            continue
        if term.unless_text and _words_pattern(term.unless_text).search(normal):
            continue
        found.append(_Found(term.field, term.value, start, end, term.id))
    for item in found:
        _qualify(item, qualifiers, scan, lex)
        if item.field and _negated(item, scan, lex):
            _negate(item, lex)
    found = [f for f in found if f.field]
    found += _pairs(scan, lex, found, qualifiers)
    found += _named_inside(scan, lex, found)
    found += _quantities(scan, lex)
    found += _codes(scan, lex)
    return found, [], scan


class _SideWords:
    """The words of a text read beside the lexicon's forms, found in one pass of the lexicon's side automaton:
    the qualifiers (start, end, qualifier index), in the automaton's order; the subject and symptom words of the
    pairs (start, -end, uses); the forms of the named_inside fields (start, end, term index); and the words a
    number without a unit is read after (start, end)."""
    __slots__ = ("qualifiers", "pair_words", "roles", "inside", "unitless")

    def __init__(self):
        self.qualifiers: list[tuple[int, int, int]] = []
        self.pair_words: list[tuple[int, int, tuple]] = []
        self.roles = 0   # bit 2n: a subject of pair n is named; bit 2n+1: a symptom of it
        self.inside: list[tuple[int, int, int]] = []
        self.unitless: list[tuple[int, int]] = []


def _side_words(text: str, lex: _Lexicon) -> _SideWords:
    side = _SideWords()
    if lex.side_automaton is None:
        return side
    for end_index, (length, indexes, uses, inside, bare, roles) in lex.side_automaton.iter(text):
        start, end = end_index - length + 1, end_index + 1
        if indexes:
            side.qualifiers += [(start, end, index) for index in indexes]
        if uses:
            side.pair_words.append((start, -end, uses))
            side.roles |= roles
        if inside is not None:
            side.inside.append((start, end, inside))
        if bare:
            side.unitless.append((start, end))
    return side


def _named_inside(scan: _Scan, lex: _Lexicon, found: list[_Found]) -> list[_Found]:
    """Services and routers named inside a longer form of another term (无法通过路由器上网: offline, and a router).

    A form the lexicon matched on its own (read, negated or cancelled) is not read again, nor is a form that
    overlaps another of the same field (路由 in 路由器, 路由器 in 小米路由器): that one already said it."""
    hits = scan.side.inside
    if not hits:
        return []
    matched = set(scan.spans)
    covered = [(f.start, f.end, f.field) for f in found]
    out: list[_Found] = []
    for start, end, index in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):   # longest first
        term = lex.terms[index]
        if ((start, end) in matched and scan.text[start:end] not in lex.shared_forms) or any(start < e and s < end and field == term.field for s, e, field in covered):
            continue
        out.append(_Found(term.field, term.value, start, end, term.id))
        covered.append((start, end, term.field))
    return sorted(out, key=lambda f: f.start)


def _pairs(scan: _Scan, lex: _Lexicon, found: list[_Found], qualifiers) -> list[_Found]:
    """Facts read from a subject and a symptom in the same clause (网速……慢), where no form of the lexicon said it."""
    roles = scan.side.roles
    if not ((roles & _derived(lex, "_subject_bits", lambda lex: sum(1 << 2 * n for n in range(len(lex.pairs))))) << 1) & roles:
        return []   # no pair has both a subject and a symptom named (before the test for words inside longer ones)
    text = scan.text
    hits: dict[tuple[int, str], list[tuple[int, int, int]]] = {}
    starts = scan.clause_starts
    words = sorted(scan.side.pair_words)   # by start, the longest first (one word per start and end)
    reach = -1   # the furthest end of the words before: a word that ends within it is inside a longer one
    for start, minus_end, uses in words:
        end = -minus_end
        inside, reach = end <= reach, max(reach, end)
        if inside:
            continue   # 网 inside 网页: the longer word is the one meant
        clause = bisect.bisect_right(starts, start)
        for number, role in uses:
            hits.setdefault((number, role), []).append((start, end, clause))
    both = sorted({n for n, role in hits if role == "symptoms"} & {n for n, role in hits if role == "subjects"})
    if not both:
        return []
    already = {(f.field, str(f.value), bisect.bisect_right(starts, f.start)) for f in found}
    out: list[_Found] = []
    for number in both:   # the lexicon's order, only the pairs with a subject and a symptom
        field_name, value, gap, either = lex.pairs[number]
        subjects, symptoms = hits[(number, "subjects")], hits[(number, "symptoms")]
        for s_start, s_end, clause in subjects:
            if (field_name, str(value), clause) in already or value == "wifi_problem" and _inside_longer(s_start, s_end, scan):
                continue   # 光信号弱 is the fibre's signal, not a Wi-Fi's
            for y_start, y_end, y_clause in symptoms:
                if y_clause != clause:
                    continue
                ordered = s_end <= y_start and y_start - s_end <= gap
                reverse = either and y_end <= s_start and s_start - y_end <= 4
                if not (ordered or reverse) or _in_span(y_start, scan.spans):
                    continue
                start, end = min(s_start, y_start), max(s_end, y_end)
                item = _Found(field_name, value, start, end, f"搭配:{text[s_start:s_end]}…{text[y_start:y_end]}")
                probe = _Found(field_name, value, y_start, y_end, item.entry)
                if _negated(probe, scan, lex):
                    continue
                _qualify(item, qualifiers, scan, lex)
                if item.field:
                    out.append(item)
                already.add((field_name, str(value), clause))
                break
    return out


def _vpn_only_as_a_tool(text: str, context) -> bool:
    """Whether every VPN the text names is one used now and then (试过其他VPN, 还要用vpn才能稳定), not one connected to."""
    places = [m.start() for m in re.finditer("vpn", text)]
    return bool(places) and all(_vpn_as_a_tool(text, p, context) for p in places) \
        and not any(w in text for w in ("pptp", "l2tp", "ipsec", "ikev2"))


def _vpn_as_a_tool(text: str, position: int, context) -> bool:
    """Whether the VPN named at ``position`` follows a word of using one now and then (试过其他VPN, 还要用vpn)."""
    return bool(_ends_with_any(text[max(0, position - 3):position], context.vpn_tool, 0))


def _inside_longer(start: int, end: int, scan: _Scan) -> bool:
    """Whether [start, end) lies inside a longer name of a service (信号 inside 光信号 is the fibre's, not the Wi-Fi's)."""
    return any(s <= start and end <= e and e - s > end - start for s, e in scan.service_spans)


def _qualify(item: _Found, qualifiers, scan: _Scan, lex: _Lexicon) -> None:
    what = (item.field, str(item.value))
    if what in _text_turned(lex):
        for words, turns in lex.text_qualifiers:
            turned = turns.get(what)
            if turned is not None and _words_pattern(words).search(scan.text) and not (
                    turned[1] == "vpn_connect_failed" and (_vpn_only_as_a_tool(scan.text, lex.context)
                                                           or _words_pattern(lex.context.vpn_connected).search(
                                                               scan.text, 0, item.start))):
                item.field, item.value = turned
                return
    for start, end, index in qualifiers:
        scope, turns, spared = lex.qualifiers[index]
        turned = turns.get(what)   # (the item is unchanged until one turns it)
        if turned is None or _inside_longer(start, end, scan) or item.entry in spared:   # 信号 in 光信号 is no Wi-Fi
            continue
        if scope == "after":   # 断网,过一会儿又好了: a word after it in its sentence (not 报修后又好了: a repair)
            if 0 <= start - item.end <= 20 and not _SENTENCE_END.search(scan.text, item.end, start) \
                    and not any(w in scan.text[item.end:start] for w in lex.context.set_right):
                item.field, item.value = turned
                item.entry += "+" + scan.text[start:end]
                return
            continue
        if scope == "sentence" and 0 <= start - item.end <= 3 and scan.clause(start) == scan.clause(item.start):
            # 经常断开wifi, 断开重连wifi, 连不上家里wifi: the word right after it
            item.field, item.value = turned
            item.entry += "+" + scan.text[start:end]
            return
        same = scan.clause(start) == scan.clause(item.start) if scope == "clause" else \
            not _SENTENCE_END.search(scan.text, end, item.start) and not _one_of_a_list(scan.text, start, end, item.start, lex.context)
        if same and end <= item.start + 1 and item.start - end <= (8 if scope == "clause" else 20):
            item.field, item.value = turned
            item.entry += "+" + scan.text[start:end]
            return


def _one_of_a_list(text: str, start: int, end: int, item_start: int, context) -> bool:
    """The qualifying word is one of several things named together, and all of them fail (电脑和wifi都没网, 有线、无线都断):
    the failure is of them all, not of that one."""
    between = text[end:item_start]
    if "都" not in between:
        return False
    before = text[max(0, start - 6):start]
    return (any(w in before for w in context.listed) or any(between.startswith(w) for w in context.listed)) \
        and not any(b in before or b in between for b in context.bands)


def _derived(lex: _Lexicon, name: str, build: Callable[[_Lexicon], Any]) -> Any:
    """A table made from the lexicon the first time it is needed, then kept on it (not in its disk cache)."""
    found = lex.__dict__.get(name)
    if found is None:
        found = lex.__dict__[name] = build(lex)
    return found


def _text_turned(lex: _Lexicon) -> frozenset:
    """The (field, value) pairs some text qualifier turns."""
    return _derived(lex, "_text_turned", lambda lex: frozenset(k for _, turns in lex.text_qualifiers for k in turns))


def _negated(item: _Found, scan: _Scan, lex: _Lexicon) -> bool:
    """A negator of the same clause ends at most ``gap`` characters before the item (and is not inside another form)."""
    clause_start, _ = scan.clause(item.start)
    pattern, longest = _derived(lex, "_negators", lambda lex: _alternation(lex.negators))
    for match in pattern.finditer(scan.text, max(clause_start, item.start - lex.gap - longest), item.start):
        if item.start - match.end() <= lex.gap and not any(
                s <= match.start() < e or match.end() <= s and e <= item.start   # 端口无告警 数据配置正常: 无 is 告警's
                for s, e in scan.spans if (s, e) != (item.start, item.end)) \
                and not _in_not_negator(match.start(), scan, lex):
            return True
    return False


def _in_not_negator(position: int, scan: _Scan, lex: _Lexicon) -> bool:
    """Whether the negator at ``position`` is part of a word that negates nothing (不断掉线, 无线经常掉线, 非常卡)."""
    if not lex.not_negators:
        return False
    pattern, longest = _derived(lex, "_not_negators", lambda lex: _alternation(lex.not_negators))
    return any(m.start() <= position < m.end()
               for m in pattern.finditer(scan.text, max(0, position - longest + 1), position + longest))


@lru_cache(maxsize=None)
def _alternation(words: tuple[str, ...]) -> tuple[re.Pattern, int]:
    """One compiled alternation of ``words`` (longest first) and the length of the longest."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered))), max(map(len, ordered))


@lru_cache(maxsize=None)
def _tail(words: tuple[str, ...], slack: int) -> tuple[re.Pattern, int]:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, ordered)) + f")(?=.{{0,{slack}}}$)", re.S), max(map(len, ordered))


def _negate(item: _Found, lex: _Lexicon) -> None:
    # reversed: the first term of an id wins
    by_id = _derived(lex, "_terms_by_id", lambda lex: {t.id: t for t in reversed(lex.terms)})
    term = by_id.get(item.entry.split("+")[0])
    if term is None:
        return
    item.negated = True
    if term.negation == "flip":
        item.value = not item.value
    elif term.negation == "cancel":
        item.field = ""
    elif "=" in term.negation:
        name, value = term.negation.split("=", 1)
        item.field, item.value = name, {"true": True, "false": False}.get(value, value)


# --- figures ---------------------------------------------------------------------------------------------

_UNITS = (r"mbit/s|gbps|gb/s|mbps|mb/s|mbit|kbps|kb/s|kbit|兆每秒|dbm|min|千兆|m/s|k/s|mb|kb|ms|db|毫秒|分钟|小时|"
          r"g|m|兆|k|%|h|天")
_NUMBER = re.compile(   # a figure or a range (9-10mb/s, 40~80m, 600多～700多)
    r"(?P<sign>-)?(?<![\d.])(?P<num>\d+(?:\.\d+)?)(?![\d]|\.\d)"
    r"(?:(?:多|余)?(?:-|~|～|到|至)(?P<num2>\d+(?:\.\d+)?))?"
    r"(?P<approx>左右|多|余|来)?\s?"
    r"(?P<unit>" + _UNITS + r")?")
_RANGE_TAIL = re.compile(r"\s?[-~～]\s?(\d+(?:\.\d+)?)\s?")   # …-100ms after 50ms: a range with the unit at both ends
_WORD_PLAN = re.compile(r"(千兆|百兆|万兆)")
_ANY_FIGURE = re.compile(r"[\d兆每百十]")
_SENTENCE_END = re.compile(r"[。!！?？;；\n]")
_DATE = re.compile(r"(\d(?<!\d\d)\d?)月(\d{1,2})[日号]")
_CN_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "半": 0.5,
               "几": None}
_EVERY = re.compile(r"每隔?(?P<n>\d+(?:\.\d+)?|[一两二三四五六七八九十半]+)(?:个)?(?P<unit>分钟|min|小时|钟头|天)")
_PERIOD = re.compile(r"(?P<n>\d(?<![\d.每隔]\d)\d*)个?(?P<unit>小时|钟头|天)(?!前|内|以来|了|多|都|频繁|经常|一直|不停|老是|总是|不间断|不断)")   # 24小时频繁掉线: all day, not a period
_SESSION = re.compile(   # a length of time, then a drop after it in the same sentence (分30秒: 6分30秒)
    r"(?P<n>\d(?<![\d.每隔~～到至-]\d)\d*(?:\.\d+)?)个?"
    r"(?P<unit>分钟|min|分(?=\d{1,2}秒)|小时|钟头)(?:(?P<sec>\d{1,2})秒)?(?!内|前|以内|之内)(?:左右|多)?(?:后|以后|之后)?"
    r"(?P<gap>[^。!！?？;；\n]{0,24}?)(?P<drop>断线|掉线|断开|断网|下线|掉网|断一次|掉一次)")
_BYTES_UNITS = {"mb/s": 1024.0, "m/s": 1024.0, "兆每秒": 1024.0, "kb/s": 1.0, "k/s": 1.0}
_BIT_UNITS = {"mbps": 1.0, "mbit/s": 1.0, "mbit": 1.0, "m": 1.0, "mb": 1.0, "兆": 1.0, "kbps": 1 / 1024, "kbit": 1 / 1024,
              "k": 1 / 1024, "kb": 1 / 1024,
              "gbps": 1000.0, "gb/s": 1000.0, "g": 1000.0, "千兆": 1000.0}


# The word groups after which _role reads a number written without a unit.
_UNITLESS_GROUPS = ("latency_before", "attenuation_up_before", "attenuation_down_before", "attenuation_before",
                    "noise_before", "power_before", "crm_before", "nms_before", "measured_before")


def _ends_with_any(text: str, words: tuple[str, ...], slack: int = 2) -> str | None:
    """A word that ends ``text`` (allowing ``slack`` characters after it); the last such: 实际只有 ends with 只有,
    not 实际.

    ``words`` should be a tuple that lives on (the lexicon's, or a module constant): its pattern is kept by the
    tuple's identity, which is cheaper than hashing every word of it on each call."""
    pattern, longest = _by_identity(words, slack, _tail)
    match = None
    for match in pattern.finditer(text, max(0, len(text) - longest - slack)):
        pass
    return match.group(0) if match else None


def _by_identity(words: tuple[str, ...], extra: Any, make: Callable) -> Any:
    """``make(words, extra)``, kept by the tuple's identity (and ``extra``): for tuples that live on (the lexicon's,
    module constants), cheaper than an lru_cache hashing every word on each call.  The tuple is kept with the
    value, so its id stays its own."""
    entry = _KEPT.get((id(words), extra))
    if entry is None or entry[0] is not words:
        entry = _KEPT[(id(words), extra)] = (words, make(words, extra))
    return entry[1]


_KEPT: dict[tuple[int, Any], tuple[tuple[str, ...], Any]] = {}


def _ends_near(spans: list[tuple[int, int]], start: int, end: int, slack: int) -> bool:
    """Whether a word of ``spans`` lies within text[start:end] and ends at most ``slack`` characters before its
    end: what ``_ends_with_any(text[start:end], words, slack)`` tests, from the words' occurrences."""
    return any(start <= s and e <= end and e >= end - slack for s, e in spans)


def _in_span(position: int, spans) -> bool:
    """Whether ``position`` is inside one of ``spans`` (the lexicon's matches: sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (position, _AFTER_ANY_END)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


_AFTER_ANY_END = float("inf")


def _quantities(scan: _Scan, lex: _Lexicon) -> list[_Found]:
    text, q = scan.text, lex.quantities
    if not _ANY_FIGURE.search(text):
        return []
    found: list[_Found] = []
    taken_until = 0    # the end of the last range with its unit at both ends: its second figure is read already
    unitless = None    # where the words a number without a unit is read after are, found when first needed
    for match in _NUMBER.finditer(text):
        start, end = match.start("num"), match.end()
        unit = match.group("unit") or ""
        if not unit:   # most numbers in tickets are bare (addresses, phone numbers): this test first
            if unitless is None:
                unitless = scan.side.unitless
            sign = 1 if match.group("sign") else 0
            if (not (unitless and _ends_near(unitless, max(0, start - sign - 8), start - sign, 6))
                    and not _starts_with_any(text[end:end + 4], lex.context.latency_after) or text.startswith(lex.context.counted, end)):
                continue   # a bare number (an address, a phone number) with none of the words _role reads one after
                # or before (300的延迟), or a count (ping 4次)
        if start < taken_until or _in_span(start, scan.spans) or text.startswith("月", end) or text.startswith(("日", "号"), end) and \
                "月" in text[max(0, start - 3):start] or text.startswith(lex.context.address_after, match.end("num2") if match.group("num2") else match.end("num")):
            continue   # inside a word of the lexicon, a date, or an address (48号楼, 5单元)
        before_letter = start > 0 and text[start - 1].isascii() and text[start - 1].isalpha()
        after = text[end:end + 1]
        if (after.isascii() and after.isalnum()) or before_letter and not _ends_with_any(
                text[max(0, start - 6):start], q["letter_before"], 0):
            continue   # part of a name: r2s, win10, ax86u
        if match.group(0).rstrip() in q["not_figures"]:
            continue   # a Wi-Fi band or a mobile network (2.4g, 5g, 4g), not a bandwidth
        sign = 1 if match.group("sign") else 0
        value = float(match.group("num"))
        if match.group("num2"):
            value = (_colloquial_low(value, match.group("num2")) + float(match.group("num2"))) / 2
        elif unit and (tail := _RANGE_TAIL.match(text, end)) and text.startswith(unit, tail.end()) \
                and not text[tail.end() + len(unit):tail.end() + len(unit) + 1].isalpha():
            value = (value + float(tail.group(1))) / 2          # 50ms-100ms, 40M~80M
            end = taken_until = tail.end() + len(unit)
        clause_start, clause_end = scan.clause(start)
        before = text[clause_start:start - sign]
        if not before and start >= 2 and text[start - 1] in "(（":   # 光纤宽带(100Mbps): the words before the bracket
            before = text[max(0, start - 9):start - 1]
        rest = text[end:clause_end]
        item = _role(value, unit, before, rest, match, scan, q, lex)
        if item:
            name, number, entry = item
            if name == "ping_ms" and not match.group("num2") and (pair := _COMMA_PAIR.search(text[max(0, start - 3):start])) \
                    and int(pair.group(1)) * 100 + 100 == number:
                number = number - 50   # 4,500的延迟: 四五百, four to five hundred
            found.append(_Found(name, number, match.start(), end, entry))
    for match in _EVERY.finditer(text):
        clause_start, clause_end = scan.clause(match.start())
        if not any(w in text[clause_start:clause_end] for w in lex.context.drop_words):
            continue
        raw = match.group("n")
        number = float(raw) if raw[0].isdigit() else _chinese_number(raw)
        if number is None:
            continue
        minutes = number * {"分钟": 1, "min": 1, "小时": 60, "钟头": 60, "天": 1440}[match.group("unit")]
        found.append(_Found("session_minutes", minutes, match.start(), match.end(), "数值:每隔…掉线"))
    for match in _PERIOD.finditer(text):   # 运营商48小时强制下线, 24小时后机房释放IP就断网: the operator's session length
        clause_start, clause_end = scan.clause(match.start())
        after, clause = text[match.end():min(clause_end, match.end() + 16)], text[clause_start:clause_end]
        if any(w in after for w in lex.context.drop_words + ("释放",)) and any(w in clause for w in lex.context.operator_session) \
                and not any(w in text[clause_start:match.start()] for w in lex.context.drop_words):
            minutes = float(match.group("n")) * {"小时": 60, "钟头": 60, "天": 1440}[match.group("unit")]
            found.append(_Found("session_minutes", minutes, match.start(), match.end(), "数值:运营商定时下线"))
    for match in _SESSION.finditer(text) if "分" in text or "小时" in text or "min" in text else ():
        gap, before = match.group("gap"), text[max(0, match.start() - 3):match.start()]   # 20分钟左右断线一次,
        lead = before.endswith(lex.context.session_leads)   # 经过10分钟后…断开: a session's length
        if before.endswith(lex.context.not_regular) or any(w in gap for w in lex.context.not_a_session) or not lead and (
                len(gap) > 8 or scan.clause(match.start("n")) != scan.clause(match.start("drop"))):
            continue   # 有时10分钟就断: no regular length; 断线后2分钟才恢复: a wait, not a session
        minutes = float(match.group("n")) * (60 if match.group("unit") in ("小时", "钟头") else 1) \
            + float(match.group("sec") or 0) / 60
        found.append(_Found("session_minutes", minutes, match.start("n"), match.start("gap"), "数值:连接多久后掉线"))
    if any(w in text for w in ("订单", "改速")):
        for match in _DATE.finditer(text):
            found.append(_Found("order_date", f"{match.group(1)}月{match.group(2)}日", match.start(), match.end(),
                                "数值:订单日期"))
    for match in _CN_FIGURE.finditer(text):   # 只有不到一百兆, 办的两百兆: a figure written in Chinese numerals
        value = _cn_figure(match.group("num"))
        if value is None or _in_span(match.start(), scan.spans) or any(f.start <= match.start() < f.end for f in found):
            continue
        clause_start, clause_end = scan.clause(match.start())
        unit = {"毫秒": "ms"}.get(match.group("unit") or "", match.group("unit") or "")
        item = _role(value, unit, text[clause_start:match.start()], text[match.end():clause_end], match, scan, q, lex)
        if item and item[0] in ("plan_bw", "measured_bw", "ping_ms") and (unit or item[0] != "plan_bw"):
            found.append(_Found(item[0], item[1], match.start(), match.end(), item[2]))
    for match in _PERCENT_BEFORE.finditer(text):   # 丢包百分之30, 丢包率百分之二十: a percentage written the Chinese way
        raw = match.group("num")
        value = float(raw) if raw[0].isdigit() else _cn_figure(raw) if any(c in _CN_UNITS for c in raw) \
            else _chinese_number(raw)
        if value is None or any(f.start <= match.start() < f.end for f in found):
            continue
        clause_start, clause_end = scan.clause(match.start())
        item = _role(value, "%", text[clause_start:match.start()], text[match.end():clause_end], match, scan, q, lex)
        if item:
            found.append(_Found(item[0], item[1], match.start(), match.end(), item[2]))
    for match in _WORD_PLAN.finditer(text):
        if any(f.start <= match.start() < f.end for f in found):
            continue
        rest = text[match.end():scan.clause(match.start())[1]]
        before = text[scan.clause(match.start())[0]:match.start()]
        mbps = {"千兆": 1000.0, "百兆": 100.0, "万兆": 10000.0}[match.group(1)]
        if _ends_with_any(before[-8:], lex.context.grumbles, 2):
            if not any(w in before for w in lex.context.port_words):
                found.append(_Found("measured_bw", mbps, match.start(), match.end(), "数值:实测速率(只有)"))
            else:   # 网口连接后只有百兆: a port's negotiated rate, not a speed test — still the slowness complained of
                found.append(_Found("complaints", "slow", match.start(), match.end(), "数值:端口速率偏低"))
            continue
        if _starts_with_any(rest, q["plan_after"]) and not rest.startswith(("网卡", "口", "网口", "交换", "路由")) \
                or _ends_with_any(before, q["plan_before"], 0):
            found.append(_Found("plan_bw", {"千兆": 1000.0, "百兆": 100.0, "万兆": 10000.0}[match.group(1)],
                                match.start(), match.end(), "数值:套餐"))
    return found


def _starts_with_any(text: str, words: tuple[str, ...]) -> bool:
    return text.startswith(words)


_CN_FIGURE = re.compile(r"(?P<num>[一二两三四五六七八九十百千][一二两三四五六七八九十百千]{0,5})(?P<sign>)(?P<num2>)(?P<approx>多|来|余)?"
                        r"(?P<unit>兆(?!每秒)|毫秒|ms)?")   # the groups _role reads of a _NUMBER match; a class first
_PERCENT_BEFORE = re.compile(r"百分之(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)(?P<sign>)(?P<num2>)(?P<approx>)(?P<unit>)")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _cn_figure(raw: str) -> float | None:
    """一百 → 100, 两百五 → 250, 九十 → 90, 三百 → 300; None for a word that is no number (千兆 is _WORD_PLAN's)."""
    if raw in ("千", "百", "万") or not any(c in _CN_UNITS for c in raw):
        return None
    total, digit, last_unit = 0, 0, 0
    for char in raw:
        if char in _CN_DIGITS:
            value = _CN_DIGITS[char]
            digit = (digit + value) / 2 if digit and value == digit + 1 else value   # 二三十, 三四百: twenty or thirty
        else:
            last_unit = _CN_UNITS[char]
            total += (digit or 1) * last_unit
            digit = 0
    if digit:   # 两百五: the digit after 百 is the tens
        total += digit * (last_unit // 10 if last_unit >= 100 else 1)
    return float(total)


def _chinese_number(raw: str) -> float | None:
    if raw == "十":
        return 10.0
    total = 0.0
    for char in raw:
        value = _CN_NUMBERS.get(char)
        if value is None:
            return None
        total = total * 10 + value if value >= 1 and char != "十" else (total or 1) * 10 if char == "十" else total + value
    return total


def _role(value: float, unit: str, before: str, rest: str, match: re.Match, scan: _Scan, q,
          lex: _Lexicon) -> tuple | None:
    """(field, value, entry) for a number, from its unit and the words around it; None when it says nothing.

    A number without a unit says something only after a word of ``q["unitless_before"]`` (every check
    below that can return one for it needs such a word); _quantities skips the others before calling this.
    """
    near = _Near.of(before[-8:], lex)
    if unit in ("ms", "毫秒") or (not unit and (near.word("latency_before", 6)
                                                 or _starts_with_any(rest, lex.context.latency_after))):
        return "ping_ms", value, "数值:时延" + ("(升到)" if _ends_with_any(near.text, lex.context.rises, 1) else "")
    if unit == "%":   # 丢包率10%, 75%丢包, 30%的丢包
        return ("loss_pct", value, "数值:丢包率") if near.word("loss_before", 3) or rest.startswith(lex.context.loss_after) else None
    if near.word("attenuation_up_before", 2):
        return "attenuation_up_db", value, "数值:上行衰减"
    if near.word("attenuation_down_before", 2):
        return "attenuation_down_db", value, "数值:下行衰减"
    if near.word("attenuation_before", 2) and unit in ("", "db"):
        return "attenuation_db", value, "数值:衰减"
    if near.word("noise_before", 2) and unit in ("", "db"):
        return "noise_margin_db", value, "数值:噪声容限"
    if near.word("power_before", 3) or unit == "dbm":
        if unit in ("", "dbm") and (match.group("sign") or unit == "dbm"):
            return "rx_power_dbm", -abs(value), "数值:光功率"
        return None
    if unit in ("分钟", "min", "小时", "h", "天", "db"):
        return None
    original_unit = scan.original_span(match.start("unit"), match.end("unit"))[2] if unit else ""
    if near.word("crm_before", 4) and unit not in _BYTES_UNITS:
        return "crm_bw", value * _BIT_UNITS.get(unit or "m", 1.0), "数值:CRM带宽"
    if near.word("nms_before", 4) and unit not in _BYTES_UNITS:
        return "nms_bw", value * _BIT_UNITS.get(unit or "m", 1.0), "数值:网管带宽"
    if near.word("upload_before", 4):
        return None   # an upload speed says nothing of the download
    download = near.word("download_before", 4)
    if unit in ("mb/s", "kb/s") and original_unit[:2] in ("Mb", "Kb"):
        unit = "mbps" if unit == "mb/s" else "kbps"   # Mb/s, Kb/s: the standard way of writing bits (MB/s, mb/s: bytes)
    is_bytes = unit in _BYTES_UNITS or (unit in ("mb", "kb") and ("B" in original_unit or download))
    if is_bytes and _promised(before, near, lex):
        return None
    if is_bytes:
        factor = 1024.0 if unit.startswith("m") or unit == "兆每秒" else 1.0
        fell = near.word("measured_before", 2) in lex.context.grumble_set
        return "download_kBps", value * factor, "数值:下载速度(字节)" + ("(只有)" if fell else "")
    if unit in ("k", "kbps", "kbit") and download:
        return "download_kBps", value, "数值:下载速度(字节)"
    mbps = value * _BIT_UNITS.get(unit, 1.0) if unit else value
    if download not in (None, "下载", "迅雷") and unit in ("mbps", "mbit/s", "mbit", "gbps") \
            and not _promised(before, near, lex):
        # a download speed in bits per second is a measured speed (下载速度为3.92Mb/s); a bare 下载30mbps,
        # 上传10mbps is more often the plan's two directions
        return "measured_bw", mbps, "数值:实测速率(下载,比特)"
    measured = near.word("measured_before", 2)
    if before.endswith(lex.context.bounds):   # 只有不到一百兆, 达不到千兆: a bound the speed stays under, not a speed measured or
        # subscribed (only the complaint is read from it, see _settle)
        return ("measured_bw", mbps, _BOUND_ENTRY) if measured in lex.context.grumble_set and unit else None
    if measured in lex.context.grumble_set and unit:
        return "measured_bw", mbps, "数值:实测速率(只有)"
    past = unit and any(w in before for w in lex.context.past) and not near.word("plan_before", 1)   # 不像以前随随便40~80M的:
    # a figure of the past is no plan (之前办的300M is: what was subscribed to before is the plan still)
    if unit and not past and _starts_with_any(rest, q["plan_after"]) and not rest.startswith(("网卡", "口", "网口", "交换机")):
        return "plan_bw", mbps, "数值:套餐"
    if near.word("plan_before", 1) and unit:
        return "plan_bw", mbps, "数值:套餐"
    if unit and not past and not measured and not download and _starts_with_any(rest, lex.context.short_of):
        return "plan_bw", mbps, "数值:套餐"   # 1000M只有100M, 300M跑不满: what falls short is the plan
    if measured and not _promised(before, near, lex):
        if unit or (_has_speed_context(scan.text, lex) and 1 <= value <= 10000):
            return "measured_bw", mbps, "数值:实测速率" + ("(只有)" if measured in lex.context.grumble_set else "")
    return None


def _promised(before: str, near: "_Near", lex: _Lexicon) -> bool:
    """最快下载速度32M/s, 标榜下载速度每秒达7.2MB: a speed promised or possible, not today's (最快才2MB/s is)."""
    return _words_pattern(lex.context.promised).search(before, max(0, len(before) - 10)) is not None \
        and near.word("measured_before", 2) not in lex.context.grumble_set


_BOUND_ENTRY = "数值:实测速率上限(只有)"
_COMMA_PAIR = re.compile(r"(?<![\d,，、])([1-9])[,，、]$")


def _colloquial_low(low: float, high: str) -> float:
    """The low end of a range written the colloquial way: 3-500 is three to five hundred, 2-300M two to three hundred."""
    if low < 10 and low == int(low) and "." not in high and len(high) >= 3:
        scale = 10 ** (len(high) - 1)
        if float(high) % scale == 0 and low * scale < float(high):
            return low * scale
    return low


_ROLE_GROUPS = ("latency_before", "loss_before", "attenuation_up_before", "attenuation_down_before",
                "attenuation_before", "noise_before", "power_before", "crm_before", "nms_before", "upload_before",
                "download_before", "measured_before", "plan_before")


class _Near:
    """The words of _role's groups in the few characters before a number, found in one automaton pass;
    ``word(group, slack)`` is what ``_ends_with_any(text, q[group], slack)`` would return."""
    __slots__ = ("text", "length", "by_group", "longest", "words")

    def __init__(self, text: str, lex: _Lexicon):
        automaton, self.longest = _derived(lex, "_near", _near_automaton)
        self.text, self.length = text, len(text)
        self.by_group: dict[str, list[tuple[int, int, str]]] = {}   # group -> (start, -end, word) of its words
        for end_index, (groups, length) in automaton.iter(text) if text else ():
            found = (end_index - length + 1, -end_index - 1, text[end_index - length + 1:end_index + 1])
            for group in groups:
                self.by_group.setdefault(group, []).append(found)
        self.words: dict[tuple[str, int], str | None] = {}

    @staticmethod
    def of(text: str, lex: _Lexicon) -> "_Near":
        """The words before a number, kept for the next number with the same few characters before it (测速只有,
        延迟: they recur from ticket to ticket); at most _NEAR_KEPT texts are kept."""
        kept = _derived(lex, "_near_kept", lambda lex: {})
        near = kept.get(text)
        if near is None:
            if len(kept) >= _NEAR_KEPT:
                kept.clear()
            near = kept[text] = _Near(text, lex)
        return near

    def word(self, group: str, slack: int) -> str | None:
        try:
            return self.words[group, slack]
        except KeyError:
            found = self.words[group, slack] = self._word(group, slack)
            return found

    def _word(self, group: str, slack: int) -> str | None:
        words = self.by_group.get(group)
        if not words:
            return None
        first = max(0, self.length - self.longest[group] - slack)   # where _ends_with_any's search starts
        fits = [w for w in words if w[0] >= first and -w[1] >= self.length - slack]
        if len(fits) < 2:
            return fits[0][2] if fits else None
        fits.sort()
        last, after = None, first
        for start, minus_end, word in fits:   # as the regex's finditer goes: the leftmost, the longest there, on
            if start >= after:
                last, after = word, -minus_end
        return last


_NEAR_KEPT = 4096


def _near_automaton(lex: _Lexicon):
    import ahocorasick
    automaton, groups_of = ahocorasick.Automaton(), {}
    for group in _ROLE_GROUPS:
        for word in lex.quantities[group]:
            groups_of.setdefault(word, set()).add(group)
    for word, groups in groups_of.items():
        automaton.add_word(word, (frozenset(groups), len(word)))
    automaton.make_automaton()
    return automaton, {group: max(map(len, lex.quantities[group])) for group in _ROLE_GROUPS}


def _has_speed_context(text: str, lex: _Lexicon) -> bool:
    return _words_pattern(lex.context.speed_context).search(text) is not None


_CODE = re.compile(r"(\d(?<![\d.]\d)\d\d)(?!\d|\.\d)")
_NOT_A_CODE_AFTER = re.compile(r"(?:gbps|mbps|kbps|mb|kb|ms|m|k|g|%|兆|毫秒|分钟|小时|天|元|块|号|楼|db|秒|个|次|人|户|多|左右|米|s)")


def _codes(scan: _Scan, lex: _Lexicon) -> list[_Found]:
    text = scan.text
    words = lex.quantities["code_words"]
    found = []
    for match in _CODE.finditer(text):
        code = int(match.group(1))
        start, end = match.span(1)
        if _NOT_A_CODE_AFTER.match(text, end) or (start and text[start - 1].isascii() and text[start - 1].isalpha()) \
                or (end < len(text) and text[end].isascii() and text[end].isalpha()):
            continue
        clause_start, clause_end = scan.clause(start)
        before, after = text[max(clause_start, start - 6):start], text[end:min(clause_end, end + 4)]
        near_word = _ends_with_any(before, words, 2) or _starts_with_any(after.lstrip(), words) or any(
            w in text[clause_start:start] for w in lex.quantities["code_clause_words"])   # L2TP我一直809
        if code in PHRASEBOOK_CODES or (code in CODE_RANGE and near_word):
            found.append(_Found("error_codes", code, start, end, "数值:错误代码"))
    if found and any(text[i.end:i.end + 1] in _LIST_SEPS or text[i.start - 1:i.start] in _LIST_SEPS for i in found):
        # Error 601,102: a code listed with a number that is no dial-up code is an application's
        found = [i for i in found if i.value in PHRASEBOOK_CODES or not _listed_with_other_numbers(text, i)]
        # 在691,629,619之间乱跳: the codes listed with one read as a code are codes too
        read_at = {i.start for i in found}
        for match in _CODE_LIST.finditer(text):
            numbers = list(_CODE.finditer(match.group()))
            if any(match.start() + n.start() in read_at for n in numbers) \
                    and not _NOT_A_CODE_AFTER.match(text, match.end()) \
                    and all(int(n.group(1)) in CODE_RANGE for n in numbers):
                found += [_Found("error_codes", int(n.group(1)), match.start() + n.start(), match.start() + n.end(),
                                 _LISTED_CODE) for n in numbers if match.start() + n.start() not in read_at]
    return found


_LISTED_CODE = "数值:错误代码列表"
_LIST_SEPS = frozenset(",、/")
_CODE_LIST = re.compile(r"(?<![\d.,])\d{3}(?:[,、/]\d{3})+(?![\d.,])")
_NEXT_NUMBER = re.compile(r"[,、/](\d{3})(?![\d.])")
_PREVIOUS_NUMBER = re.compile(r"(?<![\d.])(\d{3})[,、/]$")


def _listed_with_other_numbers(text: str, item: _Found) -> bool:
    """Whether the code has a three-digit number beside it in a list (601,102) that is no dial-up error code."""
    beside = (_NEXT_NUMBER.match(text, item.end), _PREVIOUS_NUMBER.search(text, max(0, item.start - 4), item.start))
    return any(m and int(m.group(1)) not in CODE_RANGE and not _NOT_A_CODE_AFTER.match(text, m.end(1)) for m in beside)


# --- settling what was read ---------------------------------------------------------------------------

def _settle(found: list[_Found], scan: _Scan, warnings: list[str], given: set[str]) -> tuple[dict, list[Evidence]]:
    """One value per field (all values for a multi-valued one), each with its evidence."""
    by_field: dict[str, list[_Found]] = {}
    for item in found:
        by_field.setdefault(item.field, []).append(item)
    lan = _words_pattern(scan.context.lan_words).search(scan.text)   # (most texts name no LAN: the filters below keep all)
    for name in ("complaints", "measured_bw", "download_kBps") if lan else ():   # 内网传输只能跑到20M/s: the LAN's
        if name in by_field:   # speed, not the line's
            by_field[name] = [i for i in by_field[name] if not (
                (name != "complaints" or i.value in ("slow", "download_slow")) and _about_the_lan(scan, i.start))]
    if "complaints" in by_field and _words_pattern(scan.context.past).search(scan.text):   # 以前经常掉线,现在好了: a fault of the past
        by_field["complaints"] = [i for i in by_field["complaints"] if not _over_now(scan, i.start)]
    kinds = {i.value for i in by_field.get("complaints", [])}
    for item in by_field.get("measured_bw", []):   # 测速只有80: a measured speed people complain of
        if item.entry.endswith("(只有)") and not kinds & {"download_slow", "slow"}:
            by_field.setdefault("complaints", []).append(
                _Found("complaints", "slow", item.start, item.end, "数值:实测速率偏低"))
    if "measured_bw" in by_field:   # 只有不到一百兆: slow, and no figure
        by_field["measured_bw"] = [i for i in by_field["measured_bw"] if i.entry != _BOUND_ENTRY]
    for item in [i for i in by_field.get("download_kBps", []) if i.entry.endswith("(只有)")][:1]:
        if not kinds & {"download_slow", "slow"}:   # 下载可达50MB/s,现在跌到2MB/s: the download is slow now
            by_field.setdefault("complaints", []).append(
                _Found("complaints", "download_slow", item.start, item.end, "数值:下载速度偏低"))
    for name in ("measured_bw", "download_kBps", "ping_ms"):   # 可达50MB/s,跌到2MB/s; 平时20ms,飙到200ms: today's figure
        if len(by_field.get(name, ())) < 2:
            continue   # (one figure is today's)
        fallen = [i for i in by_field[name] if i.entry.endswith(("(只有)", "(升到)"))]
        if fallen and len(fallen) < len(by_field[name]):
            by_field[name] = fallen
        elif name == "measured_bw":   # 有线可以跑到900M,无线测速都在500M左右: the figure said to work is the comparison
            short = [i for i in by_field[name] if not any(w in _clause_text(scan, i.start) for w in scan.context.works_words)]
            by_field[name] = short if short else by_field[name]
    if "service" not in by_field and "service" not in given and ("onu_los" in by_field or "onu_pon" in by_field):
        light = (by_field.get("onu_los") or by_field["onu_pon"])[0]   # LOS and PON lights are a fibre modem's
        by_field["service"] = [_Found("service", "fiber", light.start, light.end, "光猫指示灯")]
    for item in by_field.get("ping_ms", []):   # 延迟400多: a latency people complain of (ITU-T G.114: 150 ms)
        if item.value >= LATENCY_COMPLAINT_MS and "dns" not in scan.text:
            by_field.setdefault("complaints", []).append(
                _Found("complaints", "high_latency", item.start, item.end, "数值:时延过高"))
    _wifi_slowness(by_field, scan)
    complaints = by_field.get("complaints")
    if complaints and len(complaints) > 1:   # (one complaint explains no other)
        kinds = {i.value for i in complaints}
        if kinds & _PRUNABLE and kinds & _PRUNING_KINDS:
            by_field["complaints"] = _pruned(complaints, scan, kinds)
    links = by_field.get("link", [])
    trouble = [i for i in by_field.get("complaints", []) if i.value == "wifi_problem"][:1]
    if links and trouble and all(i.value == "wired" for i in links):   # 网线直连可以跑满,无线速度砍半
        links = links + [_Found("link", "wifi", trouble[0].start, trouble[0].end, "故障现象:无线问题")]
    if len({i.value for i in links}) > 1:   # 有线正常,无线只能60M: the link the complaint is about
        chosen = _link_in_contrast(links, scan)
        by_field["link"] = chosen if len({i.value for i in chosen}) == 1 else by_field["link"]
    links = by_field.get("link", [])
    if links and by_field.get("complaints") and len({i.value for i in links}) == 1 \
            and all(_said_to_work(scan, i.start) for i in links):
        del by_field["link"]   # 电脑直连光猫可跑满网速,路由…只有: the link said to work is the comparison of a complaint
    if "service" in by_field:   # 试过其他VPN, 要用vpn才能稳定: a VPN used as a tool, not the customer's VPN service
        by_field["service"] = [i for i in by_field["service"] if not (
            i.value == "vpn" and i.entry == "vpn" and _vpn_as_a_tool(scan.text, i.start, scan.context))]
    if "link" not in by_field:   # a Wi-Fi problem is a device on Wi-Fi
        by_field["link"] = [_Found("link", "wifi", i.start, i.end, "故障现象:无线问题")
                            for i in by_field.get("complaints", []) if i.value == "wifi_problem"][:1] or []
        if not by_field["link"]:
            del by_field["link"]
    kinds = {i.value for i in by_field.get("complaints", [])}   # with the latency read from a figure (王者一直500ms)
    if "high_latency" in kinds and "game_slow" not in kinds and _words_pattern(lexicon().games).search(scan.text):   # latency in a game is a slow game
        first = next(i for i in by_field["complaints"] if i.value == "high_latency")
        by_field["complaints"].append(_Found("complaints", "game_slow", first.start, first.end, "时延:游戏"))
    if "vpn_connect_failed" in kinds and "service" not in given:   # a VPN that cannot connect is a VPN user's
        first = next(i for i in by_field["complaints"] if i.value == "vpn_connect_failed")
        if first.entry.startswith("vpn_connect"):
            by_field.setdefault("service", []).append(_Found("service", "vpn", first.start, first.end, first.entry))
    for period in [i for i in by_field.get("session_minutes", []) if i.entry == "数值:运营商定时下线"]:
        for item in by_field.get("complaints", []):   # 24小时后机房释放IP就断网: the operator's periodic drop
            if item.value == "offline" and item.start > period.start and scan.clause(item.start) == scan.clause(period.start):
                item.value, item.entry = "periodic_drop", item.entry + "+定时下线"
    complaints = by_field.get("complaints", [])
    if "download_kBps" in by_field and "measured_bw" not in by_field and _words_pattern(scan.context.downloading).search(scan.text) \
            and not _words_pattern(scan.context.speed_test).search(scan.text) and not any(i.value == "download_slow" for i in complaints):
        for item in complaints:   # 被限速了…wget…限制在256KiB/s: the slowness is the download's (no speed test said)
            if item.value == "slow":
                item.value, item.entry = "download_slow", item.entry + "+下载"
    downloads = {scan.clause(i.start) for i in complaints if i.value == "download_slow"}
    if downloads:   # 下载速度最高只能达到100M: the slowness of a download, said once
        complaints = by_field["complaints"] = [i for i in complaints if i.value != "slow" or scan.clause(i.start) not in downloads]
    auth = [i for i in complaints if i.value == "auth_failed"][:1]
    if auth and not any(i.value == "dial_error" for i in complaints) and _dialling_fails(scan):
        complaints.append(_Found("complaints", "dial_error", auth[0].start, auth[0].end, "认证失败:拨号时"))   # 拨号…认证失败
    if "service" in by_field and any(i.value == "vpn" for i in by_field["service"]) and "error_codes" in by_field \
            and not any(i.value == "vpn_connect_failed" for i in by_field.get("complaints", [])):
        first = by_field["error_codes"][0]   # PPTP、L2TP报691: in a VPN ticket, the code is the VPN's
        by_field.setdefault("complaints", []).append(
            _Found("complaints", "vpn_connect_failed", first.start, first.end, "错误代码:VPN"))
    for item in list(by_field.get("error_codes", [])):   # a VPN error code is a VPN that cannot connect
        from faultdx.rules.error_codes import CODES
        if CODES.get(item.value, {}).get("category") == "vpn" and item.entry != _LISTED_CODE:   # (not one of a list)
            by_field.setdefault("complaints", []).append(
                _Found("complaints", "vpn_connect_failed", item.start, item.end, "代码表:VPN错误代码"))
            sentence = _sentence_span(scan, item.start)   # 无法连接,错误809: what does not connect is the VPN
            by_field["complaints"] = [i for i in by_field["complaints"]
                                      if not (i.value == "offline" and sentence[0] <= i.start < sentence[1])]
    if "error_codes" in by_field and not any(i.value in ("dial_error", "vpn_connect_failed")
                                             for i in by_field.get("complaints", ())):
        for item in by_field["error_codes"]:   # 故障代码629, 错误代码769: a dial-up's error code is a failed dial-up
            if scan.text[max(0, item.start - 5):item.start].rstrip("为是:`'\"").endswith(scan.context.dial_code_words):
                by_field.setdefault("complaints", []).append(
                    _Found("complaints", "dial_error", item.start, item.end, "错误代码:拨号"))
                break
    clean: dict[str, Any] = {}
    evidence: list[Evidence] = []
    span = scan.original_span
    for name in sorted(by_field, key=_FIELD_ORDER.__getitem__):
        items = by_field[name]
        if not items or name in given:
            continue
        spec = FIELDS[name]
        if spec.kind in ("multi", "codes"):
            values = tuple(dict.fromkeys(i.value for i in sorted(items, key=_BY_START)))
            chosen = items
        else:
            values_seen = [items[0].value] if len(items) == 1 else list(dict.fromkeys(i.value for i in items))
            if len(values_seen) > 1 and name == "service":
                best = min(values_seen, key=SERVICE_PRIORITY.index)
                chosen, values = [i for i in items if i.value == best], best
            elif len(values_seen) > 1 and spec.kind in ("number", "bandwidth"):
                chosen, values = items[:1], items[0].value   # the first figure of its kind
            elif len(values_seen) > 1:
                spans = "、".join(f"“{scan.original_span(i.start, i.end)[2]}”" for i in items)
                warnings.append(f"文本中{spec.label}前后矛盾({spans}),未采用")
                continue
            else:
                chosen, values = items, values_seen[0]
        try:   # the lexicon's values are canonical already; figures, dates and codes are checked
            clean[name] = values if spec.kind in _CANONICAL_KINDS else normalise(name, values)
        except FactError as exc:
            written = scan.original_span(chosen[0].start, chosen[0].end)[2]
            warnings.append(f"文本中“{written}”不是有效的{spec.label}({exc.accepted}),未采用")
            continue
        for item in chosen:
            start, end, surface = span(item.start, item.end)
            evidence.append(Evidence._made(name, item.value, start, end, surface, item.entry, item.negated))
    evidence.sort(key=_EVIDENCE_ORDER)
    return clean, evidence


def _pruned(complaints: list[_Found], scan: _Scan, kinds: set) -> list[_Found]:
    """The complaints without those another complaint read explains (each rule names its case)."""
    if "install_pending" in kinds:   # 2013年入住后…也上不了网: a line never put in is not offline or slow
        complaints = [i for i in complaints if i.value not in ("offline", "slow")]
    if "high_latency" in kinds:   # 延迟很高…现在光纤还卡: the lag is the latency, not a slow line (no speed said)
        complaints = [i for i in complaints if not (
            i.value == "slow" and scan.text[i.end - 1:i.end] == "卡" and not any(w in scan.text[i.start:i.end] for w in "慢速"))]
    if kinds & _NAMES_WHAT_FAILS:   # 微信连不上 beside mail.qq.com访问不了: the bare 连不上 is the named failure's
        complaints = [i for i in complaints if not (
            i.value in ("offline", "periodic_drop") and scan.text[i.start:i.end] in scan.context.bare_failures)]
    if kinds & _IPTV_SPECIFIC:   # 卡顿到完全看不了: the stutter says what is wrong with the TV (in its clause: 无法播放4k频道,
        # 且…切换…就会卡顿 are two faults)
        specific = {scan.clause(i.start) for i in complaints if i.value in _IPTV_SPECIFIC}
        complaints = [i for i in complaints if i.value != "iptv_fault" or scan.clause(i.start) not in specific]
    return complaints


_NAMES_WHAT_FAILS = frozenset({"web_unreachable", "dial_error", "vpn_connect_failed", "wifi_problem", "iptv_fault",
                               "iptv_buffering", "iptv_black_screen", "iptv_auth_failed", "iptv_epg"})
_IPTV_SPECIFIC = frozenset({"iptv_buffering", "iptv_black_screen", "iptv_auth_failed", "iptv_epg"})
_PRUNING_KINDS = frozenset({"install_pending", "high_latency"}) | _NAMES_WHAT_FAILS   # (_IPTV_SPECIFIC is inside it)
_PRUNABLE = frozenset({"offline", "slow", "periodic_drop", "iptv_fault"})
_BY_START = operator.attrgetter("start")
_EVIDENCE_ORDER = operator.attrgetter("start", "field")


def _dialling_fails(scan: _Scan) -> bool:
    """Whether the text names a dial-up (拨号, PPPoE) in a clause that does not say it works (or drops: a dial-up
    that drops was made: 10分钟后,内网和PPPoE同时断开)."""
    said_made = scan.context.dial_works + scan.context.dial_drops
    for word in scan.context.dialling:
        at = scan.text.find(word)
        while at >= 0:
            if not any(w in _clause_text(scan, at) for w in said_made):
                return True
            at = scan.text.find(word, at + len(word))
    return False


def _clause_text(scan: _Scan, position: int) -> str:
    start, end = scan.clause(position)
    return scan.text[start:end]


def _sentence_span(scan: _Scan, position: int) -> tuple[int, int]:
    """The sentence (up to 。!?; or a line end) around ``position``, in the normalised text."""
    start = max((m.end() for m in _SENTENCE_END.finditer(scan.text, 0, position)), default=0)
    end = _SENTENCE_END.search(scan.text, position)
    return start, end.start() if end else len(scan.text)


def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """One compiled alternation of ``words`` (a tuple that lives on: a context list, a module constant): is any of
    them in a text, in one scan."""
    return _by_identity(words, None, lambda words, _: _alternation(words)[0])


def _over_now(scan: _Scan, position: int) -> bool:
    """Whether the complaint at ``position`` is said of the past (以前, 之前) and its sentence then says it is over."""
    clause_start, clause_end = scan.clause(position)
    if not any(w in scan.text[clause_start:position] for w in scan.context.past):
        return False
    rest = scan.text[clause_end:_sentence_span(scan, position)[1]]
    over = _words_pattern(scan.context.over).search(rest)   # 原先网速太慢,便更换为长城宽带: over; 换成了千兆还是慢: not
    return over is not None and not any(w in rest[over.end():] for w in scan.context.still)


def _about_the_lan(scan: _Scan, position: int) -> bool:
    """Whether the sentence at ``position`` speaks of a transfer inside the home network (NAS, iperf, 内网传输)."""
    start, end = _sentence_span(scan, position)
    return any(w in scan.text[start:end] for w in scan.context.lan_words)


def _wifi_slowness(by_field: dict[str, list[_Found]], scan: _Scan) -> None:
    """连上WiFi后速度很慢, 无线速度砍半: slowness said of the Wi-Fi (and not of a wired link too) is a Wi-Fi problem."""
    complaints = by_field.get("complaints", [])
    if not _words_pattern(scan.context.wifi_words).search(scan.text) or any(i.value == "wifi_problem" for i in complaints):
        return   # no Wi-Fi named anywhere: no clause can say the slowness is the Wi-Fi's
    slowness = [i for i in complaints if i.value in ("slow", "download_slow")] + by_field.get("measured_bw", [])
    if _words_pattern(scan.context.wired_words).search(scan.text) and any(
            any(w in _clause_text(scan, i.start) for w in scan.context.wired_words) for i in slowness):
        return   # 网线直连只有100M,无线也卡: slow on the wire too, not the Wi-Fi's alone
    for item in complaints:
        if item.value in ("slow", "download_slow"):
            clause = _clause_text(scan, item.start)
            if any(w in clause for w in scan.context.wifi_words) and not any(w in clause for w in scan.context.wired_words):
                complaints.append(_Found("complaints", "wifi_problem", item.start, item.end, "无线上网慢"))
                return


def _said_to_work(scan: _Scan, position: int) -> bool:
    """Whether the clause at ``position`` says it works (电脑直连光猫可跑满网速) or, saying nothing wrong, the next
    clause of its sentence does (如果将盒子的线直连光猫,直播是没问题的) — not where a 但 follows (WiFi连接正常,但不能使用
    网络: the link works and the ticket's trouble is on it)."""
    start, end = scan.clause(position)
    here = scan.text[start:end]
    if any(w in here for w in scan.context.trouble_words) or any(w in scan.text[max(start, end - 2):end + 4] for w in scan.context.but):
        return False
    if any(w in here for w in scan.context.works_plainly):
        return True
    if end + 1 >= len(scan.text) or _SENTENCE_END.match(scan.text, end):
        return False
    after = _clause_text(scan, end + 1)
    return not any(w in after for w in scan.context.trouble_words) and any(w in after for w in scan.context.works_plainly)


def _link_in_contrast(items: list[_Found], scan: _Scan) -> list[_Found]:
    """Wired and Wi-Fi both named: when one is said to work (有线连接是正常的, 网线直连可以跑满) and the other is
    not, the ticket is about the other; otherwise both stay, and _settle warns of the contradiction."""
    works, trouble = set(), set()
    for item in items:
        clause = _clause_text(scan, item.start)
        if any(w in clause for w in scan.context.trouble_words):
            trouble.add(item.value)
        elif any(w in clause for w in scan.context.works_words):
            works.add(item.value)
    values = {i.value for i in items}
    chosen = [v for v in values if v not in works and any(o in works and o not in trouble for o in values - {v})]
    return [i for i in items if i.value == chosen[0]] if len(chosen) == 1 else items


def extract_values(text: str) -> dict[str, Any]:
    """Case values found in ``text`` (normalised), for callers that want plain values."""
    return read(text).case.known()


