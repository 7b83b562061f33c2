"""RP001 repeated-paragraph: a paragraph whose text equals an earlier paragraph's."""

from __future__ import annotations

from dataclasses import dataclass

from lint.diagnostic import Related
from lint.rule import Rule, Scope

from . import _repetition as rep


class RepeatedParagraph(Rule):
    """A paragraph that repeats an earlier paragraph of the document.

    **What it does**: compares every prose paragraph with the earlier ones after normalising
    case, spacing, punctuation and digits (each digit counts as `0`) and Unicode (NFKC), and
    flags the later copy; the finding's related location is the first one. A trailing photo
    credit ("… | Getty", "(Photo: Reuters/…)", "Credit: …") is ignored, so a caption that
    restates a paragraph counts as a copy. The message says what kind of repeat it looks like
    when the page tells: a photo caption, a pull quote, or a text that opens and closes the
    document (a site's promo or template text). A paragraph copied more than `collapse-after`
    times is reported once, with the count ("repeated 9,999 times"), not once per copy.

    Headings, list items and table cells are not paragraphs here: they repeat by design (a
    "Summary" heading per section, "Read more" links, "1 cup flour", release-note bullets, the
    same question put to each interviewee). Plain-text dumps with one block per line are
    judged line by line.

    **Why**: a paragraph pasted twice is the most common slip of a hasty edit and the most
    visible flaw of a scraped article; no one intends it.

    **Example**: an article whose third paragraph appears again, word for word, as its eighth:
    `article.txt:15:1: RP001 paragraph repeats the paragraph at line 5 [repeated-paragraph]`.

    **Options**:
    - `min-words` (default 8): shorter paragraphs are not compared, so "Buy now", "Share this
      article" or a repeated short question are not flagged.
    - `collapse-after` (default 5): at most this many findings per repeated paragraph; more
      copies become one finding with the count.
    """

    code = "RP001"
    name = "repeated-paragraph"
    family = "repetition"
    scope = Scope.DOCUMENT

    @dataclass(frozen=True)
    class Options:
        min_words: int = 8
        collapse_after: int = 5

    def check(self, doc, ctx):
        groups = rep.paragraph_groups(doc, self.options.min_words)
        pairs = [(later, group[0]) for group in groups for later in group[1:]]
        for earlier, copies in rep.collapse(pairs, self.options.collapse_after):
            line = rep.line_of(doc, earlier)
            if len(copies) == 1:
                later = copies[0]
                kind = rep.repeat_kind(doc, earlier, later)
                message = f"paragraph repeats the paragraph at line {line}"
                related = [rep.related_first(earlier, "paragraph")]
            else:
                later = copies[0]
                kind = ""
                message = (
                    f"paragraph repeated {rep.count_words(len(copies))} after its first"
                    f" occurrence at line {line}"
                )
                related = [rep.related_first(earlier, "paragraph")] + [
                    Related(c.span, "copy") for c in copies[1:10]
                ]
            if kind:
                message += f" ({kind})"
            yield self.report(later.span, message, related=related, copies=len(copies))
