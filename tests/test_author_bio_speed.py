"""author-bio picks its last paragraphs from the end of the document, counting each block's words
only up to five: the same blocks as the plain form, which split every block of the document."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.parse import parse
from lint.rules.author_bio import tail_prose


def _plain_tail(blocks, n):
    prose = [b for b in blocks if len(b.text.split()) >= 5 and b.kind != "heading"]
    return prose[-n:] if n > 0 else []


_NS = (-1, 0, 1, 2, 3, 4, 7, 1000)


def _docs(corpus):
    paths = sorted((corpus / "news").glob("*.txt"))[:200] + sorted((corpus / "blog").rglob("*.md"))[:150]
    if (corpus / "boilerplate").is_dir():
        paths += sorted(p for p in (corpus / "boilerplate").rglob("*") if p.is_file())[:80]
    for path in paths:
        yield parse(path.read_text(encoding="utf-8", errors="replace"), str(path))


def test_tail_prose_on_real_documents(corpus):
    kinds = set()
    for doc in _docs(corpus):
        kinds.update(b.kind for b in doc.blocks)
        for n in _NS:
            assert tail_prose(doc.blocks, n) == _plain_tail(doc.blocks, n), (doc.path, n)
    assert "heading" in kinds


_TEXTS = ["", " ", "one", "one two three four", "one two three four five", " a b c d e ", "a\tb\nc d\u00a0e",
          "a b c d", "a  b  c  d  e  f", "\u2028a b c d e", "word " * 40, "a b c d e\n"]


class _Bare:
    """A block as tail_prose reads it: its kind and text."""

    def __init__(self, kind, text):
        self.kind, self.text = kind, text


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TEXTS), st.sampled_from(["paragraph", "heading", "line", "list_item"])),
                max_size=14),
       st.sampled_from(_NS))
def test_tail_prose_on_generated_blocks(items, n):
    blocks = [_Bare(kind, text) for text, kind in items]
    assert tail_prose(blocks, n) == _plain_tail(blocks, n)


def test_author_bio_findings_as_with_the_plain_tail(corpus, monkeypatch):
    from lint.rule import Context
    from lint.rules import author_bio

    docs = list(_docs(corpus))
    for fixture in sorted((Path(__file__).parent / "fixtures" / "author-bio").glob("*.txt")):
        docs.append(parse(fixture.read_text(encoding="utf-8"), str(fixture)))
    rules = [author_bio.AuthorBio(), author_bio.AuthorBio(author_bio.AuthorBio.Options(tail_blocks=1)),
             author_bio.AuthorBio(author_bio.AuthorBio.Options(tail_blocks=0))]

    def findings():
        return [[(d.span, d.message) for d in rule.check(doc, Context())] for doc in docs for rule in rules]

    fast = findings()
    monkeypatch.setattr(author_bio, "tail_prose", _plain_tail)
    assert findings() == fast
    assert sum(map(len, fast)) >= 2


# -- the opening tried on the block's own text ----------------------------------------

_OPEN_PIECES = ["Jane", "Doe", "Dr.", "Dr", "Mr", "Jr.", "Sr", ",", " ", "  ", "\n", "\t", "\u00a0", "\u2028",
                "\x1c", "is", "was", "has been", "has", "writes", "a writer", "de", "van", "al-Amin", "J.",
                "O'Neill", "Mary-Kate", "’", "x", "is-", "isn't", "1", "_", "."]


def _opening_agrees(text):
    from lint.rules.author_bio import _OPENING

    assert bool(_OPENING.match(text)) == bool(_OPENING.match(" ".join(text.split()))), text


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_OPEN_PIECES), max_size=14).map("".join))
def test_opening_on_the_raw_text_on_generated_text(text):
    _opening_agrees(text)


def test_opening_on_the_raw_text_on_real_blocks(corpus):
    from lint.rules.author_bio import _OPENING

    found = 0
    for doc in _docs(corpus):
        for block in doc.blocks:
            _opening_agrees(block.text)
            found += bool(_OPENING.match(block.text))
    for text in ["  Jane\n  Doe   is a writer", "Dr.\tJane Doe,\u2028Jr. writes for x", "Jane\x1cis", "Jane is"]:
        _opening_agrees(text)
    assert found > 20
