"""A pack index finds a line's keyed phrases by intersecting the line's words with a set of the
keys, not with the dict of them (which made the intersection go through every key): the same
keys, so the same spans (their order within a category follows a set's, as before: no caller
reads it) and the same template-footer findings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.packs import PackIndex, line_tokens, load_pack, load_pack_dir
from lint.parse import parse
from lint.registry import builtin_pack_dir


def _indexes():
    return [rule.index() for rule in load_pack_dir(builtin_pack_dir(), check_patterns=False)]


def _plain_hits(index, text):
    """PackIndex._hits as it was: the words intersected with the dict of keys."""
    tokens = line_tokens(text)
    if tokens is None:
        candidates = index.everything
    else:
        keyed = tuple(x for k in tokens.intersection(index.by_key) for x in index.by_key[k]
                      if x[1].words is None or x[1].words <= tokens)
        union = index._always_any if index._always_any is not False else None
        if union is not None and union.search(text) is None:
            candidates = keyed
        else:
            candidates = index.always + keyed
    out = {}
    for ci, matcher in candidates:
        for m in matcher.finditer(text):
            out.setdefault(ci, []).append(m.span())
    return out


def _same(a, b):
    return {k: sorted(v) for k, v in a.items()} == {k: sorted(v) for k, v in b.items()}


def _lines(corpus):
    paths = sorted((corpus / "news").glob("*.txt"))[:250] + sorted((corpus / "blog").rglob("*.md"))[:120]
    if (corpus / "boilerplate").is_dir():
        paths += sorted(p for p in (corpus / "boilerplate").rglob("*") if p.is_file())[:80]
    out = []
    for path in paths:
        doc = parse(path.read_text(encoding="utf-8", errors="replace"), str(path))
        out.extend(b.text[s:e] for b in doc.blocks for s, e in b.lines())
    return out


def test_keys_are_the_dicts_keys():
    for index in _indexes():
        assert index._keys == frozenset(index.by_key)
        assert PackIndex(()).__dict__["_keys"] == frozenset()


def test_hits_on_real_lines(corpus):
    lines = _lines(corpus)
    for index in _indexes():
        index._hits("Share this story")  # the union of always-run patterns built
        found = 0
        for text in lines:
            fast = index._hits(text)
            assert _same(fast, _plain_hits(index, text)), text
            found += bool(fast)
        assert found >= 1


_PIECES = ["Share", "this", "story", "on", "Facebook", "Twitter", "leave", "a", "reply", "read", "more",
           "all", "rights", "reserved", "©", "2019", "Posted", "by", "Jane", "|", " ", "  ", "\n", "-", "’",
           "İ", "ſhare", "SHARE", "Subscribe", "newsletter", "x", ".", ":", "advertisement", "_"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map(" ".join))
def test_hits_on_generated_lines(text):
    for index in _indexes():
        index._hits("Share this story")
        assert _same(index._hits(text), _plain_hits(index, text)), text


def test_template_footer_findings_on_known_lines():
    from lint.rule import Context

    rule_cls = load_pack(builtin_pack_dir() / "template-footer.yaml", check_patterns=False)
    text = "Body text here.\n\nShare this story\n\nAll rights reserved © 2019\n\nLeave a Reply\n"
    findings = list(rule_cls().check(parse(text, "x.txt"), Context()))
    assert len(findings) >= 2


def test_template_footer_findings_as_with_the_plain_hits(corpus, monkeypatch):
    from lint.rule import Context

    rule_cls = load_pack(builtin_pack_dir() / "template-footer.yaml", check_patterns=False)
    paths = sorted((corpus / "news").glob("*.txt"))[:200] + sorted((corpus / "blog").rglob("*.md"))[:100]
    if (corpus / "boilerplate").is_dir():
        paths += sorted(p for p in (corpus / "boilerplate").rglob("*") if p.is_file())[:80]
    docs = [parse(p.read_text(encoding="utf-8", errors="replace"), str(p)) for p in paths]

    def findings():
        rule_cls.index()._recent.clear()
        return [(d.span, d.message, d.extra) for doc in docs for d in rule_cls().check(doc, Context())]

    fast = findings()
    monkeypatch.setattr(PackIndex, "_hits", _plain_hits)
    assert findings() == fast
    assert len(fast) >= 5
