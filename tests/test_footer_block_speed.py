"""The shortcuts that make footer-block, template-footer and placeholder-text fast give what
the plain code gave.

Each shortcut rests on a fact about Unicode, about a regular expression or about a set of
stop words; the facts are checked here (over every code point where they are about
characters), and the fast paths against the plain ones on generated, tricky and real text.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint import packs
from lint.parse import parse
from lint.rules import footer_block as fb
from lint.rules import placeholder_text
from plain_forms import GLUE as _GLUE_PLAIN


def _chars():
    return (chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)


def _corpus_lines(corpus, news=120, blog=60):
    paths = sorted((corpus / "news").glob("*.txt"))[:news] + sorted((corpus / "blog").rglob("*.md"))[:blog]
    out = []
    for path in paths:
        out.extend(u.text for u in fb.units_of(parse(path.read_text(encoding="utf-8"), str(path))))
    return out


TRICKY = [
    "", " ", "\n\n", "a", "A", "1", "_", "'", "’", "-", "--", "'tis", "’Tis", "rock-'n'-roll",
    "don't", "DON’T", "it’s", "“Hello,” she said.", "U.S. Army", "1.0", "2019", "123abc", "abc123",
    "_foo_", "a_b", "a--b", "x-", "-x", "x'", "'x'", "İstanbul'da IS big", "ſome Thing-Else’s",
    "ΟΔΟΣ ΣΟΦΙΑΣ", "Straße STRASSE", "A1b2 Ⅻ x", "½ cup", "٣ apples", "e\u0301te", "ǅemal",
    "naïve café", "\u00a0non\u00a0breaking\u00a0", "tab\there", "line\u2028sep", "emoji 👩‍💻 ok",
    "word\x00nul", "Kelvin \u212a", "x" * 5000, "word " * 3000, "«Bonjour» — dit-il…",
]
_PIECES = ["a", "B", "é", "É", "ß", "1", "٣", "½", "_", "'", "’", "-", "–", "—", "“", "”", "‘", ".", ",",
           " ", "  ", "\t", "\n", "\u00a0", "\u2028", "(", ")", "[", "&", "/", "*", "\x00", "İ", "ı", "ſ",
           "K", "the", "The", "don't", "it’s", "U.S.", "2019"]
texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


# -- lower_words -------------------------------------------------------------------------

def _plain_lower_words(text):
    """lower_words as it was: the regex over the lower-cased text."""
    if packs.UNSAFE_FOLD_RX.search(text):
        return [w.lower() for w in fb._WORD.findall(text)]
    return fb._WORD.findall(text.lower())


def test_unicode_facts_lower_words_relies_on():
    run = re.compile(r"[\w'’-]")
    word, letter = re.compile(r"\w"), re.compile(r"[^\W\d_]")
    for c in _chars():
        # white space (where str.split splits) is never part of a word
        if c.isspace():
            assert not run.match(c), hex(ord(c))
        # a token of letters only (str.isalpha) is one word: every letter starts and ends one
        if c.isalpha():
            assert letter.match(c) and word.match(c), hex(ord(c))
    # the punctuation stripped from around a token is never part of a word, nor white space
    for c in fb._EDGE_PUNCTUATION:
        assert not word.match(c) and not c.isspace(), c
    # the ASCII table keeps exactly the characters of words' runs, lower-cased ASCII letters
    for b in range(128):
        c = chr(b)
        kept = fb._ASCII_RUN[b] == b != 32
        assert kept == (bool(run.match(c)) and not c.isupper()), hex(b)
        if not kept:
            assert fb._ASCII_RUN[b] == 32
    assert set(fb._NOT_LETTER) == {c for c in map(chr, range(128)) if run.match(c) and not letter.match(c)}
    assert set(fb._NOT_WORD) == {c for c in map(chr, range(128)) if run.match(c) and not word.match(c)}


@pytest.mark.parametrize("text", TRICKY)
def test_lower_words_on_tricky_text(text):
    assert fb.lower_words(text) == _plain_lower_words(text)


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_lower_words_equals_the_regex(text):
    assert fb.lower_words(text) == _plain_lower_words(text)


def test_lower_words_on_real_text(corpus):
    lines = _corpus_lines(corpus)
    assert sum(not t.isascii() for t in lines) > 100 and sum(t.isascii() for t in lines) > 100
    for text in lines:
        assert fb.lower_words(text) == _plain_lower_words(text), text


# -- pick_stop_words ---------------------------------------------------------------------

def _plain_pick(words, preferred="en", lowered=False):
    """pick_stop_words as it was: every language's cover counted."""
    best = fb.stop_words_for(preferred)
    sample = Counter(words[:3000] if lowered else [w.lower() for w in words[:3000]])
    total = sum(sample.values())
    if not total:
        return best
    best_cover = sum(n for w, n in sample.items() if w in best) / total
    for lang in fb._LANGUAGES:
        stop = fb.stop_words_for(lang)
        cover = sum(n for w, n in sample.items() if w in stop) / total
        if cover > best_cover + 0.05:
            best, best_cover = stop, cover
    return best


def test_other_stop_words_holds_every_list_but_the_preferred_one():
    for preferred in ("en", "de", "pt", "xx"):
        mine = fb.stop_words_for(preferred)
        others = fb._other_stop_words(preferred)
        for lang in fb._LANGUAGES:
            stop = fb.stop_words_for(lang)
            assert stop == mine or stop <= others, (preferred, lang)


SAMPLES = [
    "", "the the the", "der die das und ist nicht", "le la les et est dans", "o a os as e de que",
    "и в не на что", "ve bir bu da için", "the of and der die das le la et",
    "a equipe do serviço registrou nesta manhã o arrombamento de dois veículos que estavam",
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("preferred", ["en", "de", "pt", "xx"])
def test_pick_stop_words_on_samples(text, preferred):
    words = text.split() * 7
    assert fb.pick_stop_words(words, preferred) == _plain_pick(words, preferred)
    assert fb.pick_stop_words(words, preferred, lowered=True) == _plain_pick(words, preferred, lowered=True)


def test_pick_stop_words_on_real_pages(corpus):
    pages = sorted((corpus / "news").glob("*.txt"))[:150] + sorted((corpus / "blog").rglob("*.md"))[:150]
    pages += sorted((corpus / "boilerplate").rglob("*"))[:60] if (corpus / "boilerplate").is_dir() else []
    other = 0
    for path in pages:
        if not path.is_file():
            continue
        units = fb.units_of(parse(path.read_text(encoding="utf-8", errors="replace"), str(path)))
        words = [w for u in units for w in fb.lower_words(u.text)]
        picked = fb.pick_stop_words(words, "en", lowered=True)
        assert picked == _plain_pick(words, "en", lowered=True), path
        other += picked != fb.stop_words_for("en")
    many = [w for path in pages[:40] for w in fb.lower_words(path.read_text(encoding="utf-8", errors="replace"))]
    assert len(many) > 3000  # the sample is cut
    assert fb.pick_stop_words(many, "de", lowered=True) == _plain_pick(many, "de", lowered=True)


def test_first_words_keeps_the_sample():
    lists = [["a"] * 1000, ["b"] * 1500, ["c"] * 900, ["d"] * 10]
    flat = [w for lw in lists for w in lw]
    assert fb._first_words(lists)[:3000] == flat[:3000]
    assert fb._first_words(lists[:2]) == flat[:2500]
    assert fb._first_words([]) == []


# -- the cheap tests before the regexes ------------------------------------------------

def _plain_glue_starts(text):
    return [m.start() for m in _GLUE_PLAIN.finditer(text, 0, min(len(text), 300))]


def _fast_glue_starts(text):
    return [m.start() for m in fb._GLUE_AT_CAPITAL.finditer(text, 0, min(len(text), 300))]


_GLUE_PIECES = ["a", "ab", "abc", "A", "Ab", "AB", "Z", "z", "1", "٣", ".", "!", "?", "’", "'", '"', "”", ")",
                "]", " ", "\t", "\n", "é", "É", "A b", "A 1", "A\tb", "-"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_GLUE_PIECES), max_size=40).map("".join))
def test_glue_at_capital_starts_where_glue_does(text):
    assert _fast_glue_starts(text) == _plain_glue_starts(text)


def test_glue_at_capital_on_real_text(corpus):
    found = 0
    for text in _corpus_lines(corpus) + ["x" * 298 + "abcDe", "x" * 299 + "Ab", "Poached In Northern MichiganMichigan"]:
        assert _fast_glue_starts(text) == _plain_glue_starts(text), text
        found += bool(_plain_glue_starts(text))
    assert found > 20


_MARKER_PIECES = ["Alex", " ", "on", "said", "says", "wrote", ":", "September 17, 2018", "at", "6:34",
                  "am", "pm", "10", "Comments", "COMMENT", "responses", "Replies", "reply", "REPLY",
                  "thoughts", "to", "“Title”", "Leave a", "View all", "ſays", "İ", "\n", "-", "@", "x"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_MARKER_PIECES), max_size=12).map("".join))
def test_comment_marker_precheck_never_hides_a_match(text):
    if fb._COMMENT_HEADER.match(text.strip()):
        assert fb._may_be_comment_marker(text, fb._stem_text(text)), text


def test_comment_marker_precheck_on_known_markers():
    markers = ["Alex on September 17, 2018 at 6:34 am said:", "Jane says:", "November 19, 2019 at 9:45 am",
               "3 Comments", "10 thoughts on “Business Focus”", "3 responses to “x”", "View all comments",
               "Leave a Reply", "Reply", "  reply  ", "Cherie McCluney August 17, 2019 - 2:19 pm",
               "Jane wrote :\n"]
    for text in markers:
        assert fb._COMMENT_HEADER.match(text.strip()), text
        assert fb._may_be_comment_marker(text, fb._stem_text(text)), text
    assert not fb._may_be_comment_marker("The minister said on Tuesday.", "the minister said on tuesday.")


def _plain_self_evident(text):
    return bool(fb.consent_notice(text) or fb.promo_notice(text) or fb.glued_teaser(text) or fb.photo_credit(text)
                or fb._COMMENT_HEADER.match(text.strip()) or fb.known_phrase(text))


def _plain_notice_kind(text):
    if fb.consent_notice(text) and fb._ADDRESS.search(text):
        return "cookie notice"
    if fb.photo_credit(text):
        return "photo credit"
    return None


LINES = [
    "We use cookies to improve your experience on our website. By browsing, you accept our privacy settings.",
    "Sign up for our newsletter. No spam, unsubscribe at any time.", "Leave a Reply", "Share this:",
    "(Photo by Kevin Mazur/Getty Images)", "Sakib Ali/Hindustan Times/Getty Images", "© 2019 Example Media",
    "Is Violence In Sports On The Rise?Violence is part of the game and always has been for players",
    "Alex on September 17, 2018 at 6:34 am said:", "3 Comments", "The minister said on Tuesday.",
    "COOKİES: we use them, you consent to our site and privacy settings and analytics", "ſign up to join our inbox",
    "", "word " * 70, "Credit: NASA", "Photo: Jane Doe",
]


def test_self_evident_and_notice_kind_on_known_lines(corpus):
    lines = LINES + [t.strip() for t in _corpus_lines(corpus, news=200, blog=80)]
    evident = 0
    for text in lines:
        assert fb.self_evident(text) == _plain_self_evident(text), text
        assert fb.notice_kind(text) == _plain_notice_kind(text), text
        assert fb.comment_marker(text) == bool(fb._COMMENT_HEADER.match(text.strip())), text
        evident += fb.self_evident(text)
    assert evident > 10


def test_word_counts_by_a_bounded_split():
    for n in range(0, 70):
        text = " ".join(["w"] * n) + "  "
        assert min(len(text.split()), 61) == len(text.split(None, 60))
        assert (len(text.split()) > 30) == (len(text.split(None, 30)) > 30)


def test_has_unsafe_fold_is_the_regex():
    for text in ["", "abc", "İ", "ı", "ſ", "xİy", "K", "é" * 3, "ſ" * 2 + "a"]:
        assert packs.has_unsafe_fold(text) == bool(packs.UNSAFE_FOLD_RX.search(text))


# -- packs -------------------------------------------------------------------------------

def test_line_tokens_are_the_regex_split():
    for text in TRICKY + LINES + ["Share this: Facebook | Twitter", "a_b c-d e.f", "ABC def 123 x9y"]:
        tokens = packs.line_tokens(text)
        if packs.has_unsafe_fold(text):
            assert tokens is None
            continue
        plain = frozenset(t.lower() for t in packs._TOKEN_SPLIT.split(text)) - {""}
        assert tokens - {""} == plain, text


PHRASES = ["leave a reply", "your email address will not be published", "Share this:", "7k SHARES",
           "sign up for our newsletter", "ﬁnd us on Facebook", "straße gesperrt", "read_more now",
           "K9 unit", "follow us on twitter"]
WORDS = sorted({w for p in PHRASES for w in p.replace(":", " ").split()} | {"İ", "K", "ſ", "x", "é", "ſhare",
    "7\u212a", "emaıl", "Lİnk", "reply\u00e9", "“leave", "\u212a9", "read", "more", "us", "on"})


def _text_of(words, upper, sep):
    return sep.join(w.upper() if i < len(upper) and upper[i] else w for i, w in enumerate(words))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.lists(st.booleans(), max_size=12),
       st.sampled_from([" ", "  ", ", ", "\t", "-", "_", "", "'s "]))
def test_a_phrase_that_matches_has_all_its_words_among_the_tokens(words, upper, sep):
    text = _text_of(words, upper, sep)
    tokens = packs.line_tokens(text)
    for phrase in PHRASES:
        if tokens is not None and re.search(packs.phrase_regex(phrase), text, re.IGNORECASE):
            assert packs.phrase_words(phrase) <= tokens, (phrase, text)


def _every_regex(index, text):
    """PackIndex.hits without any pre-filter, spans sorted (the order of a category's spans
    follows the order of the set of a line's words; what the rules do with them does not)."""
    out = {}
    for ci, matcher in index.everything:
        for m in matcher.rx.finditer(text):
            out.setdefault(ci, []).append(m.span())
    return {ci: sorted(spans) for ci, spans in out.items()}


def _sorted(found):
    return {ci: sorted(spans) for ci, spans in found.items()}


def test_phrase_words():
    assert packs.phrase_words("Leave a Reply") == {"leave", "a", "reply"}
    assert packs.phrase_words("read_more now") == {"now"}
    assert packs.phrase_words("straße gesperrt") == {"gesperrt"}
    assert packs.phrase_words("!!") is None


def test_builtin_pack_is_loaded_once_and_shared(corpus):
    from lint.registry import builtin_pack_dir

    path = builtin_pack_dir() / "template-footer.yaml"
    rule = packs.load_pack(path, check_patterns=False)
    assert packs.load_pack(path, check_patterns=False) is rule
    assert packs.load_pack(path) is not rule  # a checked load is always fresh
    assert fb._footer_phrases() is rule.index()
    # the answers kept for recent lines are the answers
    fresh = packs.PackIndex(rule.categories)
    found = 0
    for text in _corpus_lines(corpus, news=80, blog=20) + LINES:
        expected = _every_regex(fresh, text)
        assert _sorted(rule.index().hits(text)) == _sorted(fresh._hits(text)) == expected, text
        found += bool(expected)
    assert found > 10


# -- placeholder-text --------------------------------------------------------------------

_PLACEHOLDER_PIECES = ["your", "add", "insert", "enter", "put", "text", "title", "headline", "content", "caption",
                       "copy", "name", "link", "goes", "here", "HERE", "Here", " ", "\n", "[", "]", "url",
                       "citation needed", "ſ", "İ", "x", "there", "where", "Text", "GOES"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PLACEHOLDER_PIECES), max_size=10).map("".join))
def test_placeholder_precheck_never_hides_a_placeholder(text):
    maybe = placeholder_text.may_hold(text)
    for (kind, rx), may in zip(placeholder_text.PATTERNS, maybe):
        if rx.search(text):
            assert may, (kind, text)


def test_placeholder_precheck_skips_prose():
    kinds = [k for k, _ in placeholder_text.PATTERNS]
    maybe = placeholder_text.may_hold("There were more people here than where we stood.")
    assert not maybe[kinds.index("placeholder")]
    assert placeholder_text.may_hold("Your title here")[kinds.index("placeholder")]


def test_union_regex_knows_the_flags_without_compiling():
    rules = packs.load_pack_dir(packs.Path(fb.__file__).parent / "packs")
    sources = [m.source for rule in rules for cat in rule.categories for m in cat.matchers]
    sources += ["(?x) a b", "(?s).x", "a(?m)b", "(?i:x)y", r"\(?i)"]
    for source in sources:
        lazy = packs.Matcher(source)
        try:
            expected = re.compile(source, re.IGNORECASE)
        except re.error:
            continue
        assert lazy.compiled_flags_and_pattern() == (expected.flags, expected.pattern), source
    assert packs.Matcher("(?x) a b").compiled_flags_and_pattern()[0] & re.VERBOSE


# -- the stop-word lists from the cache file ----------------------------------------------

@pytest.mark.parametrize("preferred", ["en", "de", "pt", "xx"])
def test_preferred_lists_built_and_loaded_equal_the_packages(preferred, tmp_path, monkeypatch):
    """_preferred_lists gives what the package's lists give, when it builds the cache file
    and when it reads it back (a second process would), and a damaged file is rebuilt."""
    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path))
    want = (fb.stop_words_for(preferred), fb._cover_table(preferred))
    for attempt in ("build", "load"):
        fb._preferred_lists.cache_clear()
        assert fb._preferred_lists(preferred) == want, attempt
    (file,) = tmp_path.glob(f"stopwords-{preferred}-*.txt")
    header, _, body = file.read_text(encoding="utf-8").partition("\n")
    if preferred != "xx":  # (xx has no list: nothing before the blank line)
        assert body.split("\n\n")[0].split("\n") == sorted(want[0])
    file.write_text(header + "\n" + body.replace("\n\n", "\n"), encoding="utf-8")  # damaged
    fb._preferred_lists.cache_clear()
    assert fb._preferred_lists(preferred) == want
    assert file.read_text(encoding="utf-8").partition("\n")[2] == body  # rebuilt
    fb._preferred_lists.cache_clear()


def test_preferred_lists_from_the_cache_do_not_import_the_package(tmp_path):
    import subprocess

    code = ("import sys; from lint.rules import footer_block as fb; fb._preferred_lists('en'); "
            "print('stop_words' in sys.modules)")
    env = {**__import__("os").environ, "ARTICLELINT_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    assert [r.stdout.strip() for r in runs] == ["True", "False"]  # built, then read
