"""shared-template (BP005): a paragraph many files of the repository share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from lint.corpus import corpus_for, fingerprint, PARAGRAPH_KINDS
from lint.diagnostic import Related
from lint.document import Document, Span
from lint.rule import Context, Rule, Scope


class SharedTemplate(Rule):
    """A paragraph that at least `min-files` files of the repository share (a template).

    **What it does**: looks each paragraph up in an index of every included file of the
    repository (the nearest git root, else the config's folder when the file is under it,
    else the file's folder) and reports those whose normalised
    text (lower case, words only, numbers as `0`) appears in at least `min-files` files,
    saying how many and naming one other. "Many people came together to create Rust 1.79.0"
    and "… Rust 1.80.0" count as the same template. The index is cached in
    `.articlelint_cache/corpus/` and refreshed by file hash, so a pre-commit run that passes
    one changed file still sees the whole repository and does not re-read it. Paragraphs
    shorter than `min-words` words are ignored (headings, tag lines, sign-offs).

    **Why**: a paragraph pasted into many articles (a newsletter pitch, a standard
    disclaimer, a call for testers) is template text: it may be deliberate, but it should be
    a conscious choice, kept in one place, and readers and search engines see it as
    boilerplate.

    **Example**: in a blog where 35 posts end with "If you'd like to help us out by testing
    future releases, you might consider updating locally to use the beta channel …", each
    copy is reported: `template paragraph shared by 35 files (also in
    content/Rust-1.79.0.md:42)`.

    Off by default: turn it on with `extend-select = ["shared-template"]`.

    **Options**: `min-files` (3): files that must share a paragraph; `min-words` (8): shorter
    paragraphs are never templates; `max-files` (20000): the most files the index takes (the
    first in sorted order, with a notice on stderr when there are more); files over the
    config's `max-file-size` are not indexed.
    """

    code = "BP005"
    name = "shared-template"
    family = "boilerplate"
    scope = Scope.CORPUS
    # opt in: many repositories share templates on purpose (the Rust blog: 1,650 paragraphs in
    # 340 files), and a corpus rule re-runs on every file the results cache would answer
    default_enabled = False

    @dataclass(frozen=True)
    class Options:
        min_files: int = 3
        min_words: int = 8
        max_files: int = 20_000

    def check(self, doc: Document, ctx: Context) -> Iterator:
        if doc.path in ("", "-"):
            return
        index = corpus_for(ctx, doc.path, self.options.max_files)
        if index is None:
            return
        me = index.relative(doc.path)
        for block in doc.blocks:
            if block.kind not in PARAGRAPH_KINDS:
                continue
            fp = fingerprint(block.text, self.options.min_words)
            if fp is None:
                continue
            others = sorted({rel for rel, _ in index.occurrences(fp) if rel != me})
            count = len(others) + 1
            if count < self.options.min_files:
                continue
            other = others[0]
            line = min(ln for rel, ln in index.occurrences(fp) if rel == other)
            yield self.report(
                block.span,
                f"template paragraph shared by {count} files of the repository "
                f"(also in {other}:{line})",
                related=[Related(Span(0, 0), "another copy", path=str(index.root / other), line=line, column=1)],
                fingerprint_text=fp,
                files=count,
            )
