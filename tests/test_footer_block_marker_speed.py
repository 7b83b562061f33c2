"""footer-block's comment markers and headline-like lines, found with fewer regex runs, give
what the plain forms gave: the pattern of a commenter's header runs only on a line with a time
or a final colon, and a headline-like line's words are counted only when it has no sentence end.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.parse import parse
from lint.rules import footer_block as fb

_PIECES = ["Alex", " ", "  ", "on", "said", "says", "wrote", ":", " :", ": ", "September 17, 2018", "at",
           "6:34", "6 :34", "12:00", ":5", "am", "pm", "10", "3", "Comments", "COMMENT", "comment",
           "responses", "Response", "Replies", "reply", "REPLY", "repl", "thoughts", "Thought", "to",
           "“Title”", "Leave a", "View all", "Read", "ſays", "İ", "ı", "K", "\n", "\t", "\u00a0", "\u2028",
           "-", "@", ",", ".", "x", "The", "?", "!", "’", "\"", ")", "2019"]
lines = st.lists(st.sampled_from(_PIECES), max_size=16).map("".join)

TRICKY = [
    "", " ", ":", " : ", "\n:\n", "6:34", " 6:34 ", "Reply", "  reply  ", "REPLY:", "Jane says:",
    "Jane says :\n", "Jane says:\u00a0", "Jane says:\u2028", "Alex on September 17, 2018 at 6:34 am said:",
    "Cherie McCluney August 17, 2019 - 2:19 pm", "November 19, 2019 at 9:45 am", "3 Comments",
    "10 thoughts on “Business Focus: a: b”", "3 responses to “x”", "View all comments", "Leave a Reply",
    "Leave a Comment: it is free", "ſays:", "COMMENTS ſ", "İ said:", "The minister said on Tuesday.",
    "Results: 6:34, 2:19", "He replied: “No.”", "x" * 80 + " said:", "word " * 70 + "said:",
]


def _plain_marker(text):
    return bool(fb._COMMENT_HEADER.match(text.strip()))


def _corpus_lines(corpus):
    paths = sorted((corpus / "news").glob("*.txt"))[:250] + sorted((corpus / "blog").rglob("*.md"))[:120]
    out = []
    for path in paths:
        out.extend(u.text for u in fb.units_of(parse(path.read_text(encoding="utf-8", errors="replace"), str(path))))
    return out


def _check_marker(text):
    for line in (text, f"  {text}\n", f"\n{text} \t"):
        plain = _plain_marker(line)
        assert fb._comment_marker(line, fb._stem_text(line)) is plain, line
        assert fb.comment_marker.__wrapped__(line) is plain, line
        # the header of one comment: the cheap test never hides a match
        if fb._COMMENTER.match(line.strip()):
            assert fb._may_be_commenter(line), line


def test_comment_header_is_the_two_patterns_alternatives():
    assert fb._COMMENT_HEADER.pattern == fb._COMMENTER.pattern + "|" + fb._COMMENT_WORDS.pattern
    assert fb._COMMENT_HEADER.flags == fb._COMMENTER.flags == fb._COMMENT_WORDS.flags
    # every alternative of both is anchored at the start (so the union matches where one does)
    for rx in (fb._COMMENTER, fb._COMMENT_WORDS):
        assert all(alt.startswith("^") for alt in _top_level_alternatives(rx.pattern)), rx.pattern


def _top_level_alternatives(src):
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(src[start:i])
            start = i + 1
        i += 1
    return out + [src[start:]]


def test_comment_header_union_matches_where_a_part_does(corpus):
    for text in TRICKY + [t.strip() for t in _corpus_lines(corpus)]:
        whole = bool(fb._COMMENT_HEADER.match(text))
        assert whole == bool(fb._COMMENTER.match(text) or fb._COMMENT_WORDS.match(text)), text


def test_comment_marker_on_tricky_lines():
    for text in TRICKY:
        _check_marker(text)
    assert sum(_plain_marker(t) for t in TRICKY) >= 12


@settings(max_examples=3000, deadline=None)
@given(lines)
def test_comment_marker_on_generated_lines(text):
    _check_marker(text)


def test_comment_marker_on_real_lines(corpus):
    texts = _corpus_lines(corpus)
    found = 0
    for text in texts:
        _check_marker(text)
        found += _plain_marker(text)
    assert found >= 3


# -- headline_like -----------------------------------------------------------------------

def _plain_headline_like(unit):
    if unit.authored:
        return False
    text = unit.text.strip()
    if text[:1].islower():
        return False
    n = len(text.split(None, 25))
    return 4 <= n <= 25 and not fb.ends_sentence(text) and not fb._MID_SENTENCE_END.search(text)


_HEAD_PIECES = ["Ten", " ", "things", "We", "Learned", ".", "!", "?", "…", ":", ";", "”", ")", "’", "\n",
                "word", "A", "b", "1", "  ", "\t", "said.” He", "x. The"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_HEAD_PIECES), max_size=40).map("".join), st.booleans())
def test_headline_like_on_generated_lines(text, authored):
    unit = fb.Unit(0, 0, text, "line", authored=authored)
    assert fb.headline_like(unit) == _plain_headline_like(unit), text


def test_headline_like_on_real_units(corpus):
    like = 0
    for text in _corpus_lines(corpus) + TRICKY:
        for authored in (False, True):
            unit = fb.Unit(0, 0, text, "line", authored=authored)
            assert fb.headline_like(unit) == _plain_headline_like(unit), text
            like += fb.headline_like(unit)
    assert like > 20


# -- menu_like ---------------------------------------------------------------------------

def _plain_menu_like(unit):
    if fb.furniture_score(unit) < 1.0:
        return False
    text = unit.text.strip()
    if len(text.split()) <= 4 and not fb._CLAUSE_MARK.search(text) and not unit.authored:
        return True
    return fb.strong_furniture(unit)


def test_menu_like_on_real_units_of_every_class(corpus):
    texts = _corpus_lines(corpus) + TRICKY + [
        "Share this story", "Privacy Policy", "We use cookies to improve your experience on our website. "
        "By browsing, you accept our privacy settings and analytics.", "(Photo by Kevin Mazur/Getty Images)",
        "Home | News | Sport", "7k SHARES", "12 votes", "Leave a Reply"]
    menus = 0
    for text in texts:
        for cls in (fb.GOOD, fb.NEAR, fb.SHORT, fb.BAD):
            for authored in (False, True):
                for tally in (False, True):
                    unit = fb.Unit(0, 0, text, "line", cls=cls, authored=authored, tally=tally)
                    assert fb.menu_like(unit) == _plain_menu_like(unit), (text, cls, authored, tally)
                    menus += cls == fb.GOOD and fb.menu_like(unit)
    assert menus >= 3  # prose-like furniture


# -- headline_runs -----------------------------------------------------------------------

def _plain_headline_runs(units):
    like = [fb.headline_like(u) for u in units]
    out = [False] * len(units)
    i = 0
    while i < len(units):
        j = i
        headed = i > 0 and bool(fb._LIST_HEADING.match(units[i - 1].text.strip()))
        while j < len(units) and (like[j] or (headed and j > i and like[j - 1] and fb._dek(units[j]))):
            j += 1
        need = fb.HEADED_RUN if headed else fb.HEADLINE_RUN
        if j - i >= need and not fb._structured([units[k].text for k in range(i, j) if like[k]]):
            out[i - headed : j] = [True] * (j - i + headed)
        i = max(j, i + 1)
    return out


def test_headline_runs_on_real_pages(corpus):
    paths = sorted((corpus / "news").glob("*.txt"))[:300] + sorted((corpus / "blog").rglob("*.md"))[:150]
    if (corpus / "boilerplate").is_dir():
        paths += sorted(p for p in (corpus / "boilerplate").rglob("*") if p.is_file())[:80]
    flagged = 0
    for path in paths:
        units = fb.units_of(parse(path.read_text(encoding="utf-8", errors="replace"), str(path)))
        runs = fb.headline_runs(units)
        assert runs == _plain_headline_runs(units), path
        flagged += any(runs)
    assert flagged >= 1


_RUN_LINES = ["Most read", "Related coverage from Money:", "More from NBC News", "Ten Things We Learned Today",
              "Ministers Agree New Budget Deal For Schools", "A short summary of the story here", "Prose ends here.",
              "lower case line of words here", "June 9 -- Arena, City, FL", "June 10 -- Arena, Town, TX", "",
              "Share", "Trending", "One two three four five six seven eight nine ten eleven twelve"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_RUN_LINES), max_size=16), st.lists(st.booleans(), min_size=16, max_size=16))
def test_headline_runs_on_generated_pages(texts, authored):
    units = [fb.Unit(0, 0, t, "line", authored=a) for t, a in zip(texts, authored)]
    assert fb.headline_runs(units) == _plain_headline_runs(units)


def test_headline_runs_on_known_runs():
    heads = ["Ministers Agree New Budget Deal For Schools", "Ten Things We Learned From The Budget",
             "Storm Closes Roads Across The North", "Council Votes To Keep Library Open Late",
             "Court Rules On Disputed Election Result", "Team Wins Cup After Dramatic Final Match",
             "Prices Rise Again As Winter Begins Early", "New Bridge Opens After Years Of Delays"]
    pages = [["Prose ends here."] + heads, ["Prose ends here.", "Most read"] + heads[:3],
             ["Most read", "lower case line"] + heads[:3], ["Related coverage from Money:", heads[0],
              "A short summary of the story here", heads[1], heads[2]]]
    found = 0
    for texts in pages:
        units = [fb.Unit(0, 0, t, "line") for t in texts]
        runs = fb.headline_runs(units)
        assert runs == _plain_headline_runs(units), texts
        found += any(runs)
    assert found >= 3
