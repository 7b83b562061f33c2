"""footer-block's later shortcuts give what the plain code gave: notice_kind and comment
markers asked only of self-evident lines, the photo-credit and newsletter checks self_evident
makes after their cheap conditions (and its word count made only when needed),
pick_stop_words' two counts in one pass, and source spans computed only for reported units."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.parse import parse
from lint.rules import footer_block as fb

from test_footer_block_speed import LINES, _corpus_lines, _plain_pick

_PIECES = ["Photo", "photo by", "Image:", "Credit:", "credits :", "©", "/", "Getty Images", "AFP", "Reuters",
           "sign up", "Subscribe", "newsletter", "no spam", "follow us", "join our", "inbox", "e-mail updates",
           "cookie", "we", "you", "consent", "privacy", "(", ")", ".", " ", "  ", "Jane Doe", "ſign", "İ",
           "video", "the", "The", "\n", "x", "word " * 10,
           "3 Comments", "Leave a Reply", "Reply", "said:", "May 2, 2019 at 6:34 am", "thoughts on", ":"]
lines = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)


def _all_lines(corpus):
    return LINES + [t.strip() for t in _corpus_lines(corpus, news=200, blog=80)]


def _check_line(text):
    # a notice is self-evident furniture, so only self-evident lines need notice_kind
    if fb.notice_kind(text):
        assert fb.self_evident(text), text
    # so is a comment marker (asked of a unit's text as it is, the shortcut of it stripped)
    for line in (text, f"  {text}\n", f"\n{text} "):
        if fb.comment_marker(line):
            assert fb.self_evident(line.strip()), line
    # the checks after the cheap conditions agree with the public functions when those hold
    words = len(text.split(None, 60))
    if words <= 60 and fb._may_match(text, fb._PROMO_STEMS):
        assert fb._promo_words(text) == fb.promo_notice(text), text
    if words <= 60 and fb._may_match(text, fb._CREDIT_STEMS):
        assert fb._credit_forms(text, words) == fb.photo_credit(text), text


def test_notice_and_self_evident_shortcuts_on_real_lines(corpus):
    texts = _all_lines(corpus)
    for text in texts:
        _check_line(text)
    assert sum(map(bool, map(fb.notice_kind, texts))) >= 3
    assert sum(map(fb.comment_marker, texts)) >= 3


@settings(max_examples=2000, deadline=None)
@given(lines)
def test_notice_and_self_evident_shortcuts_on_generated_lines(text):
    _check_line(text)


def test_pick_stop_words_one_pass_counts(corpus):
    samples = [[], ["the"], ["der", "die", "und"] * 20, ["и", "в", "не"] * 30, ["le", "la", "the"] * 15]
    for path in sorted((corpus / "news").glob("*.txt"))[:150] + sorted((corpus / "blog").rglob("*.md"))[:80]:
        units = fb.units_of(parse(path.read_text(encoding="utf-8", errors="replace"), str(path)))
        samples.append(fb._first_words(fb.lower_words(u.text) for u in units))
    for words in samples:
        for preferred in ("en", "de", "fr", "xx"):
            assert fb.pick_stop_words(words, preferred, lowered=True) == _plain_pick(words, preferred, lowered=True)
            best, others = fb.stop_words_for(preferred), fb._other_stop_words(preferred)
            both = sum(fb._cover_table(preferred).get(w, 0) for w in words[:3000])
            assert both & fb._LOW_COUNT == fb._count_in(words[:3000], best)
            assert both >> 32 == fb._count_in(words[:3000], others)


def test_units_report_their_blocks_spans(corpus):
    paths = sorted((corpus / "news").glob("*.txt"))[:40] + sorted((corpus / "blog").rglob("*.md"))[:40]
    for path in paths:
        doc = parse(path.read_text(encoding="utf-8", errors="replace"), str(path))
        units = fb.units_of(doc)
        blocks = [b for b in doc.blocks if b.text.strip()]
        assert [u.text for u in units] == [b.text for b in blocks]
        assert [u.span for u in units] == [b.span for b in blocks]
    assert fb.Unit(3, 9, "Share", "line").span == fb.Span(3, 9)


def _plain_self_evident(text):
    """self_evident as it was: every test behind the word count of a bounded split."""
    low = fb._stem_text(text)
    words = len(text.split(None, 60))
    return bool(
        (fb._has_stem(low, ("cookie",)) and fb.consent_notice(text))
        or (words <= 60 and fb._has_stem(low, fb._PROMO_STEMS) and fb.promo_notice(text))
        or fb.glued_teaser(text)
        or (words <= 60 and fb._has_stem(low, fb._CREDIT_STEMS) and fb.photo_credit(text))
        or (fb._may_be_comment_marker(text, low) and fb.comment_marker(text))
        or (words <= 30 and fb.known_phrase(text))
    )


def test_self_evident_counts_words_only_when_needed(corpus):
    texts = _all_lines(corpus)
    for text in texts:
        assert fb.self_evident.__wrapped__(text) is _plain_self_evident(text), text
    # around the length bound: 60 characters hold at most 30 words, in any white space
    for n in range(25, 36):
        for sep in (" ", "\u00a0", "\n", "\u2028", "\t "):
            for word in ("a", "Share", "ab"):
                text = sep.join([word] * n)
                assert fb.self_evident.__wrapped__(text) is _plain_self_evident(text), (n, sep, word)
                assert len(text) > 60 or len(text.split()) <= 30


_SHARE = ["Share", "Tweet", "Email", "Print", "Facebook", "Photo", "Credit:", "©", "Reuters", "/", "sign",
          "Leave a Reply", "3 Comments", "said:", "cookie", "a", " ", "\u00a0", "\n", ".", "|", "İ", "ſ"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_SHARE), max_size=70).map(" ".join))
def test_self_evident_counts_words_only_when_needed_on_generated_lines(text):
    assert fb.self_evident.__wrapped__(text) is _plain_self_evident(text), text
