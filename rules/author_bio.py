"""author-bio (BP003): a writer's bio paragraph at the end of an article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from lint.document import Document
from lint.rule import Context, Rule, Scope

# "Alaina", "Alan Joel", "Julian E. Zelizer", "Mary-Kate O'Neill", "Dr. Jane Doe Jr."
_NAME = r"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+|de|van|von|da|del|al-[A-Z][\w-]+)){0,3}(?:,?\s+(?:Jr|Sr)\.?)?"
_BIO_VERB = r"(?:is|was|has\s+been|has|writes|serves|holds|works|lives|covers|blogs|teaches)"
_OPENING = re.compile(rf"^\s*(?P<name>{_NAME})\s+{_BIO_VERB}\b")
_ROLES = (
    r"(?:writer|author|journalist|reporter|editor|columnist|blogger|correspondent|freelancer"
    r"|novelist|poet|essayist|podcaster|commentator|copywriter|ghostwriter|storyteller"
    r"|contributing\s+(?:writer|editor))s?"
)
# the predicate that makes it a bio of a writer, not news about a person: the role is what
# the person *is* ("is a young writer", "has been … a columnist"), or the person writes
_ROLE = re.compile(
    rf"\b(?:is|was|has\s+been|serves\s+as|works\s+as|worked\s+as)\s+"
    rf"(?:(?!(?:who|that|which|whose|whom)\b)[\w'’-]+,?\s+){{0,8}}?{_ROLES}\b(?!['’]s)"
    r"|\bwrites\s+(?:at|for|about|on|regularly|a\s+(?:weekly|monthly|daily))\b",
    re.IGNORECASE,
)
# signs of reporting rather than a bio: attribution and quotation
_NEWS = re.compile(r"\b(?:said|says|told|according\s+to|announced|reported)\b|[“”\"]", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|my|me|we|our)\b")
_SENTENCE = re.compile(r"[.!?…](?:\s|$)")
# capitalised words that open a sentence but never name a person ("Who is the best blogger?")
_NOT_NAMES = frozenset(
    "who what which whose whoever this that these those it he she they there here each every "
    "any some our your their his her its the a an".split()
)


def tail_prose(blocks, n: int) -> list:
    """The last ``n`` blocks (in order) of five words or more that are not headings: found
    from the end, each block's words counted only up to five (a bio is at the end; the
    plain form, tests/test_author_bio_speed.py, split every block of the document)."""
    if n <= 0:
        return []
    out = []
    for block in reversed(blocks):
        if block.kind != "heading" and len(block.text.split(None, 4)) >= 5:
            out.append(block)
            if len(out) == n:
                break
    out.reverse()
    return out


class AuthorBio(Rule):
    """A short third-person paragraph at the end that introduces the writer (an author bio).

    **What it does**: flags one of the last `tail-blocks` paragraphs of a document when it
    opens with a person's name and a bio verb ("Alaina is …", "Alan Joel has been …",
    "Jane Doe writes …"), describes the person as a writer (writer, author, journalist,
    reporter, editor, columnist, blogger, contributor, "author of", "writes at his popular
    blog", "passionate about") and is short (at most `max-words` words, `max-sentences`
    sentences). No byline is needed. Paragraphs that report — with "said", "told",
    "according to" or quotation marks — or speak in the first person are left alone, so a
    news paragraph about a person ("Kurt Volker is a former special envoy …") is not a bio.

    **Why**: a contributor bio is part of the site's template around the article, not the
    article; scraped or syndicated copies carry it into the text.

    **Example**:

        …the ministry said in a statement.

        Alaina is a young writer passionate about sharing her work with the world.   <- BP003

    **Options**: `tail-blocks` (4): how many of the last paragraphs (of five words or more)
    are looked at; `max-words` (90); `max-sentences` (4).
    """

    code = "BP003"
    name = "author-bio"
    family = "boilerplate"
    scope = Scope.TAIL

    @dataclass(frozen=True)
    class Options:
        tail_blocks: int = 4
        max_words: int = 90
        max_sentences: int = 4

    def check(self, doc: Document, ctx: Context) -> Iterator:
        opts = self.options
        for block in tail_prose(doc.blocks, opts.tail_blocks):
            # (white space in _OPENING is \s* or \s+ only: it matches the block's text where it
            # matches the text with single spaces, tests/test_author_bio_speed.py)
            if not _OPENING.match(block.text):
                continue
            text = " ".join(block.text.split())
            m = _OPENING.match(text)
            if not m or text.endswith((":", "?")) or m.group("name").split()[0].lower() in _NOT_NAMES:
                continue
            if len(text.split()) > opts.max_words or len(_SENTENCE.findall(text)) > opts.max_sentences:
                continue
            if _NEWS.search(text) or _FIRST_PERSON.search(text):
                continue
            if not _ROLE.search(text):
                continue
            name = m.group("name")
            yield self.report(
                block.span,
                f"author bio at the end of the article (introduces {name} as a writer)",
                fingerprint_text=text,
            )
