"""RP004 repeated-word: the same word twice in a row ("the the")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from operator import eq

from lint.diagnostic import Edit, Fix
from lint.rule import Rule, Scope

# A word (letters only) followed by itself once or more, separated by spaces or a line break.
# The word is read whole, without backtracking: the lookahead takes the run of letters once and
# the back-reference consumes it (an atomic group that Python 3.10 has too). A match needs white
# space right after the word, so it is always the whole run of letters anyway, and trying its
# shorter prefixes at every word of the text could never match: same matches, half the time.
_RUN = re.compile(r"(?<![\w'’-])(?=([^\W\d_]+))\1((?:[ \t]*\n?[ \t]*(?<=\s)\1)+)(?![\w'’-])", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")


def _may_repeat(text: str) -> bool:
    """False only when _RUN cannot match ``text``. Its copies are whole runs of letters with
    nothing but white space between them, so two neighbouring runs of letters of the
    lower-cased text are equal: a list of runs and a comparison (C) instead of _RUN's
    look-arounds at every position, which 98% of blocks fail. IGNORECASE compares letters
    by their (simple) lower case, which str.lower gives, but for İ ı ſ
    (:data:`lint.packs.UNSAFE_FOLD_RX`): text holding one is searched."""
    plain = text
    if not plain.isascii():
        for mark in _COMMON_MARKS:
            plain = plain.replace(mark, " ")
    if plain.isascii():
        # the runs of ASCII letters, lower-cased: spaces for every other character, then a
        # split (no regular expression); the marks replaced above are no letters, and the
        # text holds none of İ ı ſ
        runs = plain.translate(_ASCII_LETTERS_LOWER).split()
    else:
        from lint.packs import UNSAFE_FOLD_RX

        if UNSAFE_FOLD_RX.search(text):
            return True
        runs = _WORD.findall(text.lower())
    return any(map(eq, runs, islice(runs, 1, None)))


#: the non-ASCII characters of most English text, none a letter (quotes, dashes, the ellipsis,
#: the no-break space): a text with no others is ASCII once they are spaces
_COMMON_MARKS = "’“”—–‘…\u00a0"
_ASCII_LETTERS_LOWER = str.maketrans({i: chr(i).lower() if chr(i).isalpha() else " " for i in range(128)})

#: doubles that are grammatical or idiomatic, lower-cased
ALLOWED = frozenset(
    """
    had that is her do
    bye so no knock there now tut tsk ha blah yeah chop night hush pooh can goody well boo choo
    aye yada tom bora walla
    ding hey ho ah oh la na bang beep tick hip woo yum bla
    long far very really many
    """.split()
)


@lru_cache(maxsize=8)
def _allowed(extra: tuple[str, ...]) -> frozenset[str]:
    return ALLOWED | {w.lower() for w in extra}


def _only_space_between(source: str, block, m: re.Match) -> bool:
    """In the source, are the copies separated by nothing but white space? Markup between them
    means emphasis ("may actually *actually* work") or inline code the prose leaves out
    ("from `//` to `//@` to help")."""
    words = [(w.start(), w.end()) for w in _WORD.finditer(m.group(0))]
    base = m.start()
    for (_, end), (start, _) in zip(words, words[1:]):
        a, b = block.to_source(base + end - 1) + 1, block.to_source(base + start)
        if source[a:b].strip():
            return False
    return True


class RepeatedWord(Rule):
    """The same word twice in a row: "the the".

    **What it does**: flags a word followed directly by itself (ignoring case; spaces or a
    line break between them, no punctuation), and offers a fix that deletes the extra
    copies. A longer run ("the the the") is one finding.

    Not flagged, because the double is correct English:
    - grammatical doubles: "had had" (past perfect of *have*: "she had had enough"), "that
      that" (conjunction + pronoun: "he said that that was wrong"), "is is" ("what it is is
      a mistake"), "her her" ("gave her her keys"), "do do" (emphatic "I do do that");
    - reduplication and set phrases: "bye bye", "so so", "no no", "knock knock", "there
      there", "now now", "tut tut", "ha ha", "blah blah", "night night", "long long ago", "far
      far away", "very very", "really really", "many many";
    - names, when both words are capitalised ("Duran Duran", "Walla Walla", "Sirhan Sirhan"),
      and words with digits ("1 1").
    Interjections ("ding ding", "hey hey, ho ho", "ah ah") are not flagged either. Words
    separated by punctuation ("that, that") or by markup in the source (an emphasised "actually
    *actually*", inline code the prose leaves out) are deliberate or not adjacent, and not
    flagged.

    **Why**: a doubled word is the most common typo that spell checkers pass, and the eye
    skips it, especially across a line break.

    **Example**: `post.md:3:18: RP004 repeated word "the" [repeated-word]` with a fix that
    deletes the second "the".

    **Options**:
    - `allow` (default: none): more words whose doubling is fine in your texts.
    """

    code = "RP004"
    name = "repeated-word"
    family = "repetition"
    scope = Scope.BLOCK
    fixable = True

    @dataclass(frozen=True)
    class Options:
        allow: tuple[str, ...] = ()

    def check_block(self, doc, block, ctx):
        text = block.text
        if not _may_repeat(text):
            return
        allowed = _allowed(self.options.allow)
        for m in _RUN.finditer(text):
            first = m.group(1)
            if first.lower() in allowed:
                continue
            if not _only_space_between(doc.source, block, m):
                continue  # "*actually*" emphasised, or inline code left out of the prose between
            copies = _WORD.findall(m.group(2))
            if first[0].isupper() and all(c[0].isupper() for c in copies):
                continue  # a name ("Duran Duran") or shouting
            second_start = m.start(2) + len(m.group(2)) - len(m.group(2).lstrip())
            span = block.source_span(second_start, m.end())
            n = len(copies) + 1
            word = first.lower() if first.islower() or copies[0].islower() else first
            message = f'repeated word "{word}"' if n == 2 else f'word "{word}" repeated {n} times in a row'
            delete = block.source_span(m.end(1), m.end())
            fix = None
            if doc.source[delete.start : delete.end] == text[m.end(1) : m.end()]:
                fix = Fix(f'delete the repeated "{word}"', (Edit(delete, ""),))
            yield self.report(span, message, fix=fix)
