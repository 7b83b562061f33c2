"""Missing space after a sentence end."""

from lint.backends.builtin import missing_space_after_sentence
from lint.diagnostic import Severity

from ._grammar_slip import SlipRule


class MissingSpaceAfterSentence(SlipRule):
    """A sentence end glued to the next sentence: `injuries.Isis’s`.

    **What it does**: flags a full stop, question mark, exclamation mark or ellipsis (with an
    optional closing quote or bracket) that follows a lowercase word or a number and is
    followed directly by a capitalised word.

    **Why**: the missing space is a common slip when paragraphs are pasted together or
    scraped; readers and sentence-aware tools both stumble over it.

    It leaves alone abbreviations and initials (`U.S.`, `e.g.`, `J.R.R.Tolkien`,
    `Mrs.Smith`), decimals and numbers (`3.14`, `No.5`), file names and domains
    (`index.html`, `Amazon.Com`) and anything inside a URL, path or e-mail address.

    **Example**: `causing deaths and injuries.Isis’s response` → `injuries. Isis’s`.

    **Options**: none.
    """

    code = "GR001"
    name = "missing-space-after-sentence"
    severity = Severity.WARNING
    find = staticmethod(missing_space_after_sentence)
