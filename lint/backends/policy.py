"""Which backend findings are reported by default.

Kept apart from the backends (which answer everything they find, so the cache serves any
configuration) and from the rule (so ``bench/grammar_eval.py`` measures the very same policy).

Off by default, and why:
- spelling (LanguageTool's MORFOLOGIK_RULE_*, Harper's SpellCheck and SplitWords, which
  both judge words missing from a dictionary): news is full of proper nouns; ``grammar.spelling = true`` turns it on, with the project dictionary;
- findings that duplicate another family: long sentences (readability family), a word
  repeated ("the the": RP004 of the repetition family);
- matters of taste: style, redundancy, plain-English and word-repetition-style categories,
  serial (Oxford) comma either way, title case, contractions, spelled-out numbers, "boring"
  words, curly quotes and dashes, commas before "and" in compound sentences and after
  sentence-initial adverbs ("For example,"), renamed places, the casing of names ("Isis" or
  "ISIS" is a house style), accents on loanwords, open or hyphenated compounds.

A user turns one back on with ``select`` (e.g. ``LT:COMMA_COMPOUND_SENTENCE``) and turns any
other off with ``ignore`` (e.g. ``harper:ModalOf``).
"""

from __future__ import annotations

import bisect
from typing import Sequence

from lint.backends.base import Match

# Finding codes are "<backend>:<rule id>": "LT:EN_A_VS_AN", "harper:ModalOf".
LT_PREFIX = "LT"
HARPER_PREFIX = "harper"

DISABLED_CATEGORIES = {
    LT_PREFIX: frozenset(
        {"STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "REPETITIONS_STYLE", "SEMANTICS", "CREATIVE_WRITING",
         # dialect and house style: British usage checked as en-US ("afterwards", "have a
         # look"), US style-guide conventions ("etc." before a bracket, a comma after a year)
         "BRITISH_ENGLISH", "AMERICAN_ENGLISH_STYLE"}
    ),
    HARPER_PREFIX: frozenset({"Style", "Enhancement", "Readability", "Redundancy",
                              "Regionalism"}),  # dialect ("take a look" / "have a look")
}

#: Findings that judge words against a dictionary, like spelling, reported only with
#: ``grammar.spelling = true``: multi-word names ("Michael Barbaro"), brand names ("Github"),
#: words with digits ("Ms2ger", a user name), and Harper's WrongNegative, which by its own
#: description looks at unknown words ("des" in "Bundesamt des Innern", the name "Degen").
SPELLING_LIKE_CATEGORIES = {
    LT_PREFIX: frozenset({"MULTITOKEN_SPELLING", "PROPER_NOUNS"}),
    HARPER_PREFIX: frozenset(),
}
SPELLING_LIKE_RULES = {
    LT_PREFIX: frozenset({"NUMBERS_IN_WORDS"}),
    HARPER_PREFIX: frozenset({"WrongNegative"}),
}

#: "Start a sentence with a capital": a list item, table cell or heading that starts in lower
#: case is a fragment by house style ("- helps with tooling"), not a slip.
SENTENCE_START_RULES = {LT_PREFIX: "UPPERCASE_SENTENCE_START", HARPER_PREFIX: "SentenceCapitalization"}
FRAGMENT_BLOCKS = frozenset({"list_item", "table_cell", "heading"})

DISABLED_RULES = {
    LT_PREFIX: frozenset(
        {
            # duplicates the readability family
            "TOO_LONG_SENTENCE",
            # duplicates the repetition family (RP004 repeated-word)
            "ENGLISH_WORD_REPEAT_RULE",
            "TOO_LONG_PARAGRAPH",
            # taste
            "SERIAL_COMMA_ON",
            "SERIAL_COMMA_OFF",
            "EN_QUOTES",
            "DASH_RULE",
            "EN_UNPAIRED_QUOTES",  # the builtin unbalanced-quotes rule reports these
            "EN_UNPAIRED_BRACKETS",  # and unbalanced-brackets these
            "COMMA_COMPOUND_SENTENCE",
            "COMMA_COMPOUND_SENTENCE_2",
            "SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA",
            "PRP_COMMA",
            "EN_TITLE_CASE",
            "PARAGRAPH_REPEAT_BEGINNING_RULE",
            "EN_REPEATEDWORDS_PROBLEM",
            # the builtin missing-space and doubled-punctuation rules report these
            "SENTENCE_WHITESPACE",
            "DOUBLE_PUNCTUATION",
            # typography taste
            "ARROWS",
            "HYPHEN_TO_EN",  # en dash for a hyphen: like DASH_RULE
            # two spaces after a full stop: a typing convention, and invisible in Markdown
            # and HTML
            "CONSECUTIVE_SPACES",
            "WHITESPACE_RULE",
            # house style: casing of titles ("president of the United States"), spelling
            # variants kept consistent (-ise/-ize), "April of 2016"
            "EN_SPECIFIC_CASE",
            "EN_WORD_COHERENCY",
            "MONTH_OF_XXXX",
            # comma taste: after an introductory phrase ("In October we ..."), after a month
            # ("June, 2015")
            "MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE",
            "COMMA_AFTER_A_MONTH",
        }
    ),
    HARPER_PREFIX: frozenset(
        {
            "LongSentences",
            "RepeatedWords",  # RP004 repeated-word reports "the the"
            "OxfordComma",
            "NoOxfordComma",
            "SpelledNumbers",
            "AvoidContractions",
            "BoringWords",
            "TitleCase",
            "DiscourseMarkers",
            "UpdatePlaceNames",
            "OrthographicConsistency",  # "Isis" vs "ISIS": a publication's house style
            "CompoundNouns",  # "harbour master" or "harbourmaster": house style
            "UseEllipsisCharacter",
            "NumericRangeEnDash",  # typography taste; "12-16" is often a date
            "EllipsisLength",
            "UnclosedQuotes",  # the builtin unbalanced-quotes rule reports these
            "CompoundNouns",  # open or closed compounds ("harbour master") are dialect and house style
            "RoadMap",  # "roadmap" or "road map": the same
            "Codebase",
            "Codebases",
            "Dashes",  # "--" for an em dash: typography taste, like LanguageTool's DASH_RULE
            "NoFrenchSpaces",  # two spaces after a full stop: a convention, invisible in HTML
            "AvoidCurses",  # a swear word in a quote is reporting, not a slip
            "ExpandMemoryShorthands",  # "3 GB" is standard
        }
    ),
}


#: Families of backend rules named by prefix: accents on loanwords ("detente" or
#: "détente", "cafe" or "café" are both English) are taste, and so are open, hyphenated or
#: closed compounds ("well being", "well-being"; Harper's CompoundNouns is off for the same
#: reason). On GUG dev, EN_COMPOUNDS_* flagged 2 erroneous and 4 perfect sentences.
DISABLED_RULE_PREFIXES = {
    LT_PREFIX: ("EN_DIACRITICS_REPLACE", "CAFE_DIACRITIC", "EN_COMPOUNDS_"),
    HARPER_PREFIX: (),
}


def spelling_like(prefix: str, match: Match) -> bool:
    return (match.category in SPELLING_LIKE_CATEGORIES.get(prefix, ())
            or match.rule_id in SPELLING_LIKE_RULES.get(prefix, ()))


def finding_code(prefix: str, match: Match) -> str:
    return f"{prefix}:{match.rule_id}"


def enabled_by_default(prefix: str, match: Match, *, spelling: bool = False) -> bool:
    """Whether ``match`` from backend ``prefix`` is reported when the user chose nothing."""
    if match.spelling or spelling_like(prefix, match):
        return spelling
    if match.category in DISABLED_CATEGORIES.get(prefix, ()):
        return False
    if match.rule_id.startswith(DISABLED_RULE_PREFIXES.get(prefix, ())):
        return False
    return match.rule_id not in DISABLED_RULES.get(prefix, ())


def beside_gap(gaps: Sequence[int], text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]``, widened over the spaces around it, touch a place where the
    parser dropped something a reader sees (``Block.gaps``: inline code, an image, a URL)?

    The backend saw "an trait object" for "an `Any` trait object", "the, which" for "the
    `Foo`, which", a sentence starting "needs this" for "`cargo` needs this": what it flags
    beside a gap is about text that is not there. On the 754 Markdown posts of the blog corpus
    these were most of LanguageTool's and Harper's findings (THE_PUNCT, A_TO, EN_A_VS_AN,
    UPPERCASE_SENTENCE_START, SentenceCapitalization, AnA)."""
    if not gaps:
        return False
    lo, hi = start, end
    while lo > 0 and text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and text[hi].isspace():
        hi += 1
    k = bisect.bisect_left(gaps, lo)
    return k < len(gaps) and gaps[k] <= hi


def plausible(prefix: str, match: Match, text: str, gaps: Sequence[int] = (), kind: str = "") -> bool:
    """Drop known backend quirks that no configuration can fix.

    - A finding beside a gap (``beside_gap``) is about text the backend never saw.
    - A lower-case start of a list item, table cell or heading (``kind``, the block's kind) is
      a fragment, not a sentence that lost its capital.
    - Harper's ``Spaces`` reads a space before a symbol as a space before the end of the
      sentence ("Required fields are marked *"): only a space before punctuation is a slip.
    """
    if beside_gap(gaps, text, match.start, match.end):
        return False
    if (kind in FRAGMENT_BLOCKS and match.rule_id == SENTENCE_START_RULES.get(prefix)
            and not text[: match.start].strip()):
        return False
    if prefix == HARPER_PREFIX and match.rule_id == "Spaces":
        following = text[match.end : match.end + 1]
        return not following or following in ".,;:!?"
    return True
