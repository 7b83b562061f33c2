"""Recall and false flags of the repetition rules (RP001-RP003) on the shared corpus.

For every article of ``corpus/news`` with more than 4 paragraphs (blocks of 8+ words that end
like a sentence: titles, list lines and links are not paragraphs), three
variants are made, each with one injection at a random later position:

- exact: a copy of a random paragraph, inserted as a new paragraph after it;
- near: a copy with 2-3 words replaced by other words of the article and one clause (a
  comma-delimited stretch) or, failing that, the last quarter of the words dropped;
- sentence: a random sentence (8+ words, from the shared segmenter) appended to a later
  paragraph.

Recall counts an injection as found when a finding of the expected rule (exact: RP001; near:
RP002 or RP001; sentence: RP003) starts on the injected text. The untouched originals (news, and
with --blog the Markdown posts of ``corpus/blog``) are linted too: every finding is printed and
looked up in ``repetition_eval_review.tsv`` (file, line, code, verdict: genuine = a real
repeat in the original; design = text that really repeats, but on purpose: a generated report
that shows each update twice, a closing formula per section; false = a false flag: no repeat a
reader would call one, such as two parallel statements), so the counts are reproducible.

Run: ``python bench/repetition_eval.py [--corpus ../shared/corpus] [--blog] [--seed 1124]``
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.engine import build_ruleset, lint_source  # noqa: E402
from lint.segment import split_sentences  # noqa: E402

RULES = ("RP001", "RP002", "RP003")
REVIEW = Path(__file__).with_name("repetition_eval_review.tsv")
_BLANK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _BLANK.split(text) if p.strip()]


def eligible(paras: list[str]) -> list[int]:
    """Prose paragraphs: 8+ words, ending like a sentence (not a title, a list or a link)."""
    return [
        i for i, p in enumerate(paras)
        if len(p.split()) >= 8 and p.rstrip().endswith(_ENDS) and not _title(p) and not _BULLET.match(p)
    ]


_BULLET = re.compile(r"(?:[-*•–—]|--)\s")


def _title(p: str) -> bool:
    """Title Case ("Blockchain Stocks Are Next!"): a headline, not a paragraph."""
    long_words = [w for w in p.split() if len(w) >= 4 and w[0].isalpha()]
    return len(p.split()) <= 16 and sum(w[0].isupper() for w in long_words) >= 0.75 * max(1, len(long_words))


_ENDS = (".", "!", "?", '"', "”", "’", "'", ")")


def near_copy(par: str, vocab: list[str], rng: random.Random) -> str:
    words = par.split()
    # drop one clause: a stretch between two commas (or a comma and the end)
    cuts = [i for i, w in enumerate(words) if w.endswith(",")]
    if cuts:
        i = rng.choice(cuts)
        j = next((k for k in range(i + 1, len(words)) if words[k].endswith((",", ".", ";"))), len(words) - 1)
        if j - i <= max(3, len(words) // 4):
            last = words[j][-1] if words[j][-1] in ".;" else ""
            words = words[: i + 1] + words[j + 1 :]
            words[i] = words[i].rstrip(",") + last if j + 1 >= len(words) else words[i]
        else:
            words = words[: len(words) - len(words) // 4]
    else:
        words = words[: len(words) - len(words) // 4]
    # change a few words
    for _ in range(rng.choice((2, 3))):
        k = rng.randrange(len(words))
        words[k] = rng.choice(vocab)
    return " ".join(words)


def inject(text: str, kind: str, rng: random.Random) -> tuple[str, int, int] | None:
    """The variant and the source range of the injected text."""
    paras = paragraphs(text)
    cand = eligible(paras)
    if kind == "near":
        cand = [i for i in cand if len(paras[i].split()) >= 15]
    if not cand:
        return None
    i = rng.choice(cand)
    if kind in ("exact", "near"):
        j = rng.randint(i + 1, len(paras))
        new = paras[i] if kind == "exact" else near_copy(paras[i], text.split(), rng)
        out = paras[:j] + [new] + paras[j:]
        offset = sum(len(p) + 2 for p in out[:j])
        return "\n\n".join(out) + "\n", offset, offset + len(new)
    sentences = [(i, s, e) for i in cand for s, e in split_sentences(paras[i]) if len(paras[i][s:e].split()) >= 8]
    sentences = [x for x in sentences if x[0] < len(paras) - 1]
    if not sentences:
        return None
    i, s, e = rng.choice(sentences)
    j = rng.randint(i + 1, len(paras) - 1)
    sentence = paras[i][s:e]
    offset = sum(len(p) + 2 for p in paras[:j]) + len(paras[j]) + 1
    paras = paras[:j] + [paras[j] + " " + sentence] + paras[j + 1 :]
    return "\n\n".join(paras) + "\n", offset, offset + len(sentence)


def load_review() -> dict[tuple[str, int, str], str]:
    out = {}
    if REVIEW.exists():
        for raw in REVIEW.read_text(encoding="utf-8").splitlines():
            if raw.strip() and not raw.startswith("#"):
                f, line, code, verdict = raw.split("\t")[:4]
                out[(f, int(line), code)] = verdict
    return out


def strip_markdown(source: str) -> str:
    """Without the Markdown parser: drop +++ front matter and fenced code, keep the rest."""
    source = re.sub(r"\A\+\+\+.*?\n\+\+\+\n", "", source, flags=re.S)
    return re.sub(r"^```.*?^```[^\n]*$", "", source, flags=re.S | re.M)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--seed", type=int, default=1124)
    ap.add_argument("--blog", action="store_true", help="also lint the blog posts for false flags")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    rng = random.Random(args.seed)
    ruleset = build_ruleset(Config(select=RULES))
    expect = {"exact": {"RP001"}, "near": {"RP001", "RP002"}, "sentence": {"RP003"}}
    found = {k: 0 for k in expect}
    total = {k: 0 for k in expect}
    missed: dict[str, list[str]] = {k: [] for k in expect}
    as_paragraph = {k: 0 for k in expect}
    originals = []
    t0 = time.perf_counter()
    for path in sorted((corpus / "news").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if len(eligible(paragraphs(text))) <= 4:
            continue
        originals.append((path.name, text))
        for kind in ("exact", "near", "sentence"):
            variant = inject(text, kind, rng)
            if variant is None:
                continue
            src, offset, end = variant
            total[kind] += 1
            res = lint_source(src, path.name, ruleset)
            # found: a finding of the expected rule that starts inside the injected text (a
            # paragraph the text parser split into a title line and a body is flagged at the
            # body), or, for a sentence, covers it (the segmenter glued it to a URL before it)
            hit = any(
                d.code in expect[kind]
                and (offset <= d.span.start < end or kind == "sentence" and d.span.start <= offset < d.span.end)
                for d in res.diagnostics
            )
            if not hit and kind == "sentence":
                # the paragraph that received the sentence reported as a near copy as a whole
                whole = any(d.code in ("RP001", "RP002") and d.span.start <= offset < d.span.end for d in res.diagnostics)
                as_paragraph[kind] += whole
                hit = whole
            found[kind] += hit
            if not hit:
                line = res.line_index.line_col(offset)[0]
                missed[kind].append(f"{path.name}:{line}")
    print(f"articles with more than 4 paragraphs: {len(originals)} (seed {args.seed})")
    for kind in expect:
        r = found[kind] / total[kind] if total[kind] else 0
        note = f" ({as_paragraph[kind]} of them as a near-duplicate paragraph)" if as_paragraph[kind] else ""
        print(f"recall {kind:9s} {found[kind]}/{total[kind]} = {r:.1%}{note}")
        for m in missed[kind][:10]:
            print(f"    missed {m}")
    review = load_review()
    sets = [("news (over 4 paragraphs)", originals, "text")]
    if args.blog:
        posts = sorted((corpus / "blog").rglob("*.md"))
        try:
            import lint.parse.markdown  # noqa: F401

            blog = [(str(p.relative_to(corpus)), p.read_text(encoding="utf-8")) for p in posts]
            fmt = "markdown"
        except ImportError:
            blog = [(str(p.relative_to(corpus)), strip_markdown(p.read_text(encoding="utf-8"))) for p in posts]
            fmt = "text"
        sets.append((f"blog ({fmt} parser)", blog, fmt))
    for label, docs, fmt in sets:
        counts = {"genuine": 0, "design": 0, "false": 0, "unreviewed": 0}
        print(f"\nfindings on the untouched originals: {label}, {len(docs)} files")
        for name, text in docs:
            res = lint_source(text, name, ruleset, fmt=fmt)
            for d in res.diagnostics:
                line = res.line_index.line_col(d.span.start)[0]
                verdict = review.get((name, line, d.code), "unreviewed")
                counts[verdict if verdict in counts else "unreviewed"] += 1
                print(f"  [{verdict}] {name}:{line} {d.code} {d.message} :: {text[d.span.start:d.span.end][:90]!r}")
        n = len(docs)
        print(f"  genuine repeats {counts['genuine']}, repeats by design (generated pages, formulas)"
              f" {counts['design']}, false flags {counts['false']}"
              f" ({100 * counts['false'] / max(n, 1):.2f} per 100 files), unreviewed {counts['unreviewed']}")
    print(f"\n{time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
