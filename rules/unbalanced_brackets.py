"""Unbalanced brackets within a paragraph."""

from lint.backends.builtin import unbalanced_brackets
from lint.diagnostic import Severity

from ._grammar_slip import SlipRule


class UnbalancedBrackets(SlipRule):
    """A bracket opened and not closed (or closed and never opened) within a paragraph.

    **What it does**: pairs `(` `)`, `[` `]` and `{` `}` inside each paragraph and flags the
    ones left over.

    **Why**: a lost bracket usually means a lost piece of the sentence. Enumerators
    (`1)`, `a)`, `iv)`) and faces (`:)`, `;-)`) are not brackets and are not reported.

    **Example**: `The army (SAA and Russia launched an offensive.` — the `(` is flagged.

    **Options**: none.
    """

    code = "GR003"
    name = "unbalanced-brackets"
    severity = Severity.WARNING
    fixable = False
    find = staticmethod(unbalanced_brackets)
