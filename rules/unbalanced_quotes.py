"""Unbalanced double quotation marks within a paragraph."""

from lint.backends.builtin import unbalanced_quotes
from lint.diagnostic import Severity

from ._grammar_slip import SlipRule


class UnbalancedQuotes(SlipRule):
    """A double quotation mark opened and not closed (or closed and never opened).

    **What it does**: pairs `“` `”` and straight `"` inside each paragraph and flags the ones
    left over. Single quotes are not checked: `’` is usually an apostrophe.

    **Why**: a quotation without its end makes the reader guess where the quoted words stop.
    A quotation that runs over several paragraphs is written with no closing mark at the end
    of each paragraph but the last, and an opening mark at the start of the next: that
    convention is not reported. Inch marks (`5'10"`) are not quotes.

    **Example**: `He said “we will win and left.` — the `“` is flagged.

    **Options**: none.
    """

    code = "GR004"
    name = "unbalanced-quotes"
    severity = Severity.WARNING
    fixable = False

    def slips(self, doc, block):
        following = doc.blocks[block.index + 1].text if block.index + 1 < len(doc.blocks) else None
        return unbalanced_quotes(block.text, following)
