"""Checks shared by the parser tests: the prose→source map is exact."""

from __future__ import annotations

from lint.document import Document


def assert_exact(doc: Document) -> None:
    """Every verbatim prose character is the source character it maps to; every block,
    sentence and comment span lies inside the source, sentences inside their block."""
    source = doc.source
    for block in doc.blocks:
        text = block.text
        assert text and text == text.strip(), (block.kind, text)
        for i, ch in enumerate(text):
            pos = block.to_source(i)
            if block.is_verbatim(i):
                assert source[pos] == ch, (doc.path, block.kind, i, text[max(0, i - 20) : i + 20])
        span = block.span
        assert 0 <= span.start < span.end <= len(source)
        assert list(block.gaps) == sorted(set(block.gaps)) and all(0 <= g <= len(text) for g in block.gaps)
        for sentence in doc.sentences_of(block):
            s = sentence.span
            assert span.start <= s.start < s.end <= span.end, (sentence.text, s, span)
            assert sentence.text == sentence.text.strip() and sentence.text
    starts = [b.span.start for b in doc.blocks]
    assert starts == sorted(starts), "blocks are in source order"
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    for c in doc.comments:
        assert source[c.span.start : c.span.start + 4] == "<!--"
        assert c.body in source[c.span.start : c.span.end]


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]
