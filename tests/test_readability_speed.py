"""The shortcuts of the readability rules give what the plain code gave.

- Flesch–Kincaid grade from per-piece values (a memo of what textstat makes of each piece
  between white space) and, for a document, from the sum of its blocks' counts;
- the document's word count from its blocks' counts;
- sentences of at most ``limit`` words told without counting them;
- the sentence-end checks done without a regular expression search.

The facts each rests on are checked over every code point, the fast forms against the plain
ones (textstat's own functions where there are some) on generated and real text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.parse import parse
from lint.rules import _readability as R

ROOT = Path(__file__).resolve().parent.parent

_PIECES = ["a", "ab", "Abc", "ΟΔΟΣ", "Σ", "σ", "İ", "ß", "é", "1", "3.5", ".", "!", "?", "…", ",", "—", "-",
           "'", "’", "'s", "'t", "'ve", "'ll", "'re", "'d", "n't", '"', "“", "”", "(", ")", "_", "&", "%", "@",
           " ", " ", "  ", "\n", "\t", "\u00a0", "\u2028", "\x1c", "\u200b", "\u0301", "://", "www.", "WWW.x.com",
           "a.b@c.de", "http://x.y/z", "e.g.", "U.S.", "»", "«", "½", "٣"]
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


# the plain forms of the sentence-end checks, as they were
_SENTENCE_END = re.compile(r"[.!?…:][" + re.escape(R._CLOSERS) + r"]*$")
_TEXTSTAT_END = re.compile(r"[.!?][" + re.escape(R._CLOSERS) + r"]*$")


def _chars():
    return (chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)


def _ts():
    from lint.syllables import offline_textstat

    return offline_textstat("en_US")


# -- the facts ----------------------------------------------------------------------------

def test_unicode_facts_the_piece_values_rely_on():
    chars = list(_chars())
    spaces = [c for c in chars if c.isspace()]
    # lower-casing never makes or removes white space, so a cleaned piece is one word
    assert [c for c in chars if c.isspace() != any(x.isspace() for x in c.lower()) and c.lower()] == []
    # final sigma, the one context rule of str.lower, stops at white space: lower-casing a piece
    # alone gives what lower-casing it inside a text gives
    for sp in spaces:
        for text in (f"ΑΣ{sp}Α", f"Α{sp}ΣΑ", f"ΑΣ{sp}", f"{sp}Σ{sp}", f"ΑΣ'{sp}Α", f"Α\u0301Σ{sp}Α"):
            assert text.lower().split() == [p.lower() for p in text.split()], repr(text)
    # every white space character but the space is unprintable (at_most_words)
    assert [c for c in spaces if c.isprintable()] == [" "]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([p for p in _PIECES if not p.isspace()]), min_size=1, max_size=6).map("".join))
def test_a_piece_is_a_word_when_it_has_a_word_character(piece):
    if any(c.isspace() for c in piece):
        return
    # textstat's punctuation removal erases a piece exactly when it has no word character
    assert (R._ts_clean(piece) != "") == bool(re.search(r"\w", piece))


def test_a_single_character_is_a_word_when_it_is_a_word_character():
    word = re.compile(r"\w")
    for c in _chars():
        if not c.isspace():
            assert (R._ts_clean(c) != "") == bool(word.match(c)), hex(ord(c))
            assert (R._ts_clean(c + "'") != "") == bool(word.match(c)), hex(ord(c))


@settings(max_examples=2000, deadline=None)
@given(texts)
def test_cleaning_piece_by_piece_is_cleaning_the_text(text):
    # textstat cleans and lower-cases the whole text, then splits it
    whole = R._ts_clean(text).lower().split()
    by_piece = [w for w in (R._ts_clean(p).lower() for p in text.split()) if w]
    assert by_piece == whole


def test_the_copied_apostrophe_rule_is_textstats():
    from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

    assert R.RE_NONCONTRACTION_APOSTROPHE == RE_NONCONTRACTION_APOSTROPHE


@settings(max_examples=2000, deadline=None)
@given(texts)
def test_three_words_pattern_means_three_words(text):
    for sentence in R._TS_SENTENCE.findall(text):
        if R._THREE_WORDS.match(sentence):
            assert len(R._ts_clean(sentence).split()) >= 3, sentence


@settings(max_examples=2000, deadline=None)
@given(texts, st.integers(-1, 12))
def test_at_most_words_never_wrong(text, limit):
    if R.at_most_words(text, limit):
        assert R.count_words.__wrapped__(text) <= limit


def test_at_most_words_answers_common_sentences():
    assert R.at_most_words("A short sentence of six words.", 6)
    assert not R.at_most_words("A short sentence of six words.", 5)
    assert not R.at_most_words("Two\u00a0words.", 5)  # counted: a non-breaking space


@settings(max_examples=2000, deadline=None)
@given(texts)
def test_sentence_end_checks_equal_the_searches(text):
    stripped = text.rstrip()
    block = type("B", (), {"kind": "paragraph", "text": text})()
    assert R.is_running_prose(block) == (_SENTENCE_END.search(stripped) is not None)
    core = R.without_addresses(text).strip()
    assert R.as_prose(text) == (core if _TEXTSTAT_END.search(core) else core + ".")


# -- the counts ---------------------------------------------------------------------------------

def _documents():
    docs = []
    for path in sorted((ROOT / "examples").iterdir()) + sorted((ROOT / "tests" / "fixtures").rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".md", ".html"}:
            docs.append(parse(path.read_text(encoding="utf-8", errors="replace"), str(path)))
    return docs


TRICKY_BLOCKS = [
    ["Hello there !!abc. Go — — now."],
    ["— — a b.", "x — y.", "!! a b c."],
    ["ΟΔΟΣ ΣΟΦΙΑΣ ήταν κλειστή.", "İstanbul'da hava güzel."],
    ["Write to WWW.EXAMPLE.COM today.", "Or mail a@b.org now."],  # only the joined text's check removes it
    ["Write to WWW.EXAMPLE.COM today.", "No address here."],
    ["it's the dogs' 'bone'.", "'quoted'.", "”", "word " * 70 + "end."],
]


@pytest.mark.parametrize("texts", TRICKY_BLOCKS)
def test_document_counts_are_the_sums_of_the_blocks(texts):
    texts = [R.as_prose(t) for t in texts]
    joined = "\n".join(texts)
    counts = R.prose_fk_counts(texts, "en_US")
    assert R.prose_flesch_kincaid_grade(counts) == R.flesch_kincaid_grade(joined, "en_US") == _ts().flesch_kincaid_grade(joined)
    assert R.prose_words(texts, counts) == R.prose_words(texts) == R.count_words.__wrapped__(joined)


def test_document_counts_on_the_examples_and_fixtures():
    ts = _ts()
    n = 0
    for doc in _documents():
        blocks = R.prose_blocks(doc)
        if not blocks:
            continue
        texts = [R.block_prose(b) for b in blocks]
        joined = R.prose_text(blocks)
        counts = R.prose_fk_counts(texts, "en_US")
        assert R.prose_flesch_kincaid_grade(counts) == ts.flesch_kincaid_grade(joined), doc.path
        assert R.prose_words(texts, counts) == R.count_words.__wrapped__(joined) == ts.lexicon_count(joined), doc.path
        n += 1
    assert n > 60


def test_document_counts_on_the_news(corpus):
    ts = _ts()
    for path in sorted((corpus / "news").glob("*.txt"))[:120]:
        blocks = R.prose_blocks(parse(path.read_text(encoding="utf-8"), str(path)))
        if blocks:
            texts = [R.block_prose(b) for b in blocks]
            joined = "\n".join(texts)
            counts = R.prose_fk_counts(texts, "en_US")
            assert R.prose_flesch_kincaid_grade(counts) == ts.flesch_kincaid_grade(joined), path
            assert R.prose_words(texts, counts) == R.count_words.__wrapped__(joined), path


@settings(max_examples=1000, deadline=None)
@given(st.lists(texts, min_size=1, max_size=4))
def test_document_counts_on_generated_blocks(blocks):
    texts = [R.as_prose(t) for t in blocks]
    joined = "\n".join(texts)
    counts = R.prose_fk_counts(texts, "en_US")
    assert R.prose_flesch_kincaid_grade(counts) == _ts().flesch_kincaid_grade(joined)
    assert R.prose_words(texts, counts) == R.count_words.__wrapped__(joined)


def test_piece_memo_starts_again_when_full(monkeypatch):
    monkeypatch.setattr(R, "_MEMO_LIMIT", 5)
    memo, _ = R._piece_values("en_US")
    first = "one two three four five six seven eight nine ten eleven."
    second = "Twelve thirteen, fourteen."
    expected = [R.fk_counts.__wrapped__(t, "en_US") for t in (first, second, first)]
    memo.clear()
    assert R.fk_counts.__wrapped__(first, "en_US") == expected[0]
    assert len(memo) == 11  # the whole text, past the limit
    assert R.fk_counts.__wrapped__(second, "en_US") == expected[1]
    assert sorted(memo) == ["Twelve", "fourteen.", "thirteen,"]  # started again
    assert R.fk_counts.__wrapped__(first, "en_US") == expected[2] == expected[0]


def test_default_metric_never_imports_textstat(tmp_path, corpus):
    import subprocess
    import textwrap

    from conftest import SEED

    code = textwrap.dedent(f"""
        import sys
        from lint.config import Config
        from lint.engine import build_ruleset, lint_source
        from lint.rule import Context
        config = Config(select=("readability",), rules=(("readability-score", (("target", 0),)),))
        src = open({str(SEED)!r}, encoding="utf-8").read()
        diags = lint_source(src, "seed.txt", build_ruleset(config), Context(config=config)).diagnostics
        assert any(d.code == "RD001" for d in diags), diags
        assert "textstat" not in sys.modules
    """)
    env = {"ARTICLELINT_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
