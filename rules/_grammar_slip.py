"""Shared plumbing for the builtin grammar-slip rules (not a rule module: leading underscore)."""

from __future__ import annotations

from typing import Callable, Iterator

from lint.backends.builtin import Slip
from lint.diagnostic import Diagnostic, Edit, Fix
from lint.document import Block, Document
from lint.rule import Context, Rule, Scope


class SlipRule(Rule):
    """Base for rules that run one pure function of ``lint.backends.builtin`` on each block."""

    family = "grammar"
    scope = Scope.BLOCK
    fixable = True
    find: Callable[..., list[Slip]]

    def slips(self, doc: Document, block: Block) -> list[Slip]:
        return type(self).find(block.text)

    def check_block(self, doc: Document, block: Block, ctx: Context) -> Iterator[Diagnostic]:
        for slip in self.slips(doc, block):
            if block.gap_within(slip.start, slip.end):
                # inline code, an image or a URL stood between these characters ("`Send`,
                # `Sync`." reads ",." once the code is dropped): not a slip, and a fix
                # would delete what stood between
                continue
            span = block.source_span(slip.start, slip.end)
            fix = None
            verbatim = all(block.is_verbatim(i) for i in range(slip.start, slip.end))
            if slip.replacement is not None and verbatim:
                fix = Fix(f"Replace with {slip.replacement!r}", (Edit(span, slip.replacement),))
            yield self.report(span, slip.message, fix=fix)
