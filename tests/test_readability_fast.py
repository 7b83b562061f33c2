"""The fast Flesch–Kincaid grade must be textstat's own number, float for float."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.parse import parse
from lint.rules._readability import block_prose, flesch_kincaid_grade, prose_blocks, prose_text
from lint.syllables import offline_textstat

HERE = Path(__file__).parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus"

TRICKY = [
    "",
    ".",
    "   ",
    "!!! ??? ...",
    "Hi. Go.",
    "It's the dogs' bone, isn't it? 'Quoted' words aren't contractions'.",
    "Rock'n'roll isn't dead.\nThe 1990s were 50% louder; e-mail was new.",
    "ΟΔΟΣ ΣΟΦΙΑΣ ήταν κλειστή. İstanbul'da hava güzel.",
    "Naïve café owners résumé — über-long co-operation!",
    "A sentence without an end",
    "3.5 million people. Dr. Smith arrived at 10 p.m. on Jan. 3.",
    "word " * 300 + ".",
    "Ünïcödé ẞtraße. ﬁne ligatures. x\u00a0y\u2009z.",
    # pieces that punctuation removal erases, inside sentences of three pieces or more
    "Hello there !!abc. — — go. A b — c d. x ' ' y.",
    "ΟΔΟΣ. ΣΟΦΙΑΣ ΣΟΦΙΑΣ ΣΟΦΙΑΣ. ὈΔΥΣΣΕΎΣ’ ship.",
    "'Tis o'clock, rock'n'roll' 've 'll 're 'd 's 't ''.",
    "one two three\nfour. five six\u2028seven eight.",
]


def _texts() -> list[str]:
    texts = list(TRICKY)
    for path in sorted((ROOT / "examples").iterdir()):
        doc = parse(path.read_text(encoding="utf-8"), str(path))
        texts.append(prose_text(prose_blocks(doc)))
        texts.extend(block_prose(b) for b in prose_blocks(doc))
    for path in sorted((HERE / "fixtures").rglob("*"))[:400]:
        if path.is_file() and path.suffix in {".txt", ".md", ".html"}:
            doc = parse(path.read_text(encoding="utf-8", errors="replace"), str(path))
            texts.append(prose_text(prose_blocks(doc)))
    news = CORPUS / "news"
    if news.is_dir():
        for path in sorted(news.glob("*.txt"))[:60]:
            doc = parse(path.read_text(encoding="utf-8", errors="replace"), str(path))
            texts.append(prose_text(prose_blocks(doc)))
            texts.extend(b.text for b in doc.blocks[:10])  # raw blocks too: headings, menus
    return texts


@pytest.mark.parametrize("lang", ["en_US", "de_DE", "fr"])
def test_fast_fk_is_textstat_fk(lang):
    ts = offline_textstat(lang)
    texts = _texts()
    assert len(texts) > 100
    differ = [t[:80] for t in texts if flesch_kincaid_grade(t, lang) != ts.flesch_kincaid_grade(t)]
    assert differ == []


def test_fast_fk_catches_a_changed_formula():
    # the comparison above can fail: a text whose grade is not trivially zero
    ts = offline_textstat("en_US")
    text = "The committee deliberated extensively regarding the unprecedented circumstances."
    assert flesch_kincaid_grade(text, "en_US") == ts.flesch_kincaid_grade(text) > 10
