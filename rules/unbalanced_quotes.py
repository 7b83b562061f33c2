"""Unbalanced double quotation marks within a paragraph."""

from lint.backends.builtin import unbalanced_quotes_in
from lint.diagnostic import Severity

from ._grammar_slip import SlipRule


class UnbalancedQuotes(SlipRule):
    """A double quotation mark opened and not closed (or closed and never opened).

    **What it does**: pairs `“` `”` and straight `"` inside each paragraph and flags the ones
    left over. Single quotes are not checked: `’` is usually an apostrophe.

    **Why**: a quotation without its end makes the reader guess where the quoted words stop.
    A quotation that runs over several paragraphs is written with no closing mark at the end
    of each paragraph but the last, and an opening mark at the start of the next: that
    convention is not reported; nor is a quotation opened in one paragraph and closed a few
    paragraphs later (up to 6: a speech scraped as several paragraphs, or a paragraph break
    that fell inside a quote). Inch marks (`5'10"`) are not quotes.

    **Example**: `He said “we will win and left.` — the `“` is flagged.

    **Options**: none.
    """

    code = "GR004"
    name = "unbalanced-quotes"
    severity = Severity.WARNING
    fixable = False

    _doc = None  # the document whose slips are in _found (quotes pair across paragraphs)

    def slips(self, doc, block):
        if self._doc is not doc:
            self._found = unbalanced_quotes_in([b.text for b in doc.blocks])
            self._doc = doc
        return self._found[block.index]
