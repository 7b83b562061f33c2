"""The pack pre-filter (a phrase's regex runs only when its longest word is one of the line's
words) never changes what a pack finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.packs import Category, Matcher, PackIndex, load_pack_dir, phrase_key, phrase_regex
from lint.registry import builtin_pack_dir

PHRASES = ["leave a reply", "your email address will not be published", "Share this:", "7k SHARES",
           "sign up for our newsletter", "ﬁnd us on Facebook", "straße gesperrt"]
WORDS = sorted({w for p in PHRASES for w in p.replace(":", " ").split()} | {"İ", "K", "ſ", "x", "\u00e9",
    "ſhare", "7\u212a", "emaıl", "Lİnk", "reply\u00e9", "“leave"})  # case folds re.IGNORECASE makes


def _both(matcher: Matcher, text: str):
    fast = PackIndex((Category("c", "c", (matcher,), None),)).hits(text).get(0, [])
    full = [m.span() for m in matcher.rx.finditer(text)]
    return fast, full


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.lists(st.booleans(), max_size=12),
       st.sampled_from([" ", "  ", ", ", "\t", "-", "_", "", "'s "]))
def test_prefilter_is_exact(words, upper, sep):
    words = [w.upper() if (upper[i] if i < len(upper) else False) else w for i, w in enumerate(words)]
    text = sep.join(words)
    for phrase in PHRASES:
        fast, full = _both(Matcher(phrase_regex(phrase), phrase_key(phrase)), text)
        assert fast == full


def test_builtin_pack_phrases_keep_their_matches(corpus):
    lines = [l for f in sorted((corpus / "news").glob("*.txt"))[:25]
             for l in f.read_text(encoding="utf-8").splitlines()]
    rules = load_pack_dir(builtin_pack_dir())
    checked = 0
    for rule in rules:
        for cat in rule.categories:
            for matcher in cat.matchers:
                for line in lines:
                    fast, full = _both(matcher, line)
                    assert fast == full, (matcher.source, line)
                    checked += bool(full)
    assert checked  # the corpus does contain pack phrases


def test_phrase_key():
    assert phrase_key("Leave a Reply") == "leave"
    assert phrase_key("your email address") == "address"
    assert phrase_key("straße") is None
    assert phrase_key("!!") is None


FRAGMENTS = ["lorem", "Ipsum", "dolor sit amet", "TK", "TKTK", "[", "]", "{", "}", "{{", "}}", "%", "s", "d",
             "LOREM", "DOLOR", "Insert", "inſert", "İnsert", "HERE", "goes", "${", "{%", "%}", "GOES",
             "(name)", "insert", "INSERT", "LINK", "HERE", "here", "goes", "your", "text", "name", "$",
             " ", "-", "x", "first_name", "Maxx", "<", ">", "photo", "%(", ")"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14))
def test_placeholder_prefilter_is_exact(parts):
    from lint.rules.placeholder_text import PATTERNS, may_hold

    text = "".join(parts)
    maybe = may_hold(text)
    assert len(maybe) == len(PATTERNS)
    for (kind, rx), may in zip(PATTERNS, maybe):
        if rx.search(text):
            assert may, (kind, text)


def test_starts_anchored_only_when_every_match_is_at_the_start():
    import re

    from lint.packs import starts_anchored

    yes = [r"^\W*share\W*$", r"\Acomments", r"^(?:a|b)c", r"^[|]a", r"^a\|b", r"^[]|]x"]
    # the last is anchored but not seen as such (the scan looks at the source's first mark):
    # a missed shortcut, never a wrong one
    no = [r"^a|b", r"(?:^a)|b", r"(?m)^share", r"share", r"(a)^", r"x^", r"^(?:a)|b", r"(?:^a)"]
    assert [starts_anchored(re.compile(p, re.I)) for p in yes] == [True] * len(yes)
    assert [starts_anchored(re.compile(p, re.I)) for p in no] == [False] * len(no)
    # and where it holds, one match finds what finditer finds
    for pattern in yes + no:
        matcher = Matcher(pattern)
        for text in ["share", "comments here", "ac\nbc", "b and ^a", "x\nshare", ""]:
            assert [m.span() for m in matcher.finditer(text)] == [m.span() for m in matcher.rx.finditer(text)]
