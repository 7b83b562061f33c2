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

from lint.backends.base import Match

# Finding codes are "<backend>:<rule id>": "LT:EN_A_VS_AN", "harper:ModalOf".
LT_PREFIX = "LT"
HARPER_PREFIX = "harper"

DISABLED_CATEGORIES = {
    LT_PREFIX: frozenset(
        {"STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "REPETITIONS_STYLE", "SEMANTICS", "CREATIVE_WRITING"}
    ),
    HARPER_PREFIX: frozenset({"Style", "Enhancement", "Readability", "Redundancy"}),
}

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


def finding_code(prefix: str, match: Match) -> str:
    return f"{prefix}:{match.rule_id}"


def enabled_by_default(prefix: str, match: Match, *, spelling: bool = False) -> bool:
    """Whether ``match`` from backend ``prefix`` is reported when the user chose nothing."""
    if match.spelling:
        return spelling
    if match.category in DISABLED_CATEGORIES.get(prefix, ()):
        return False
    if match.rule_id.startswith(DISABLED_RULE_PREFIXES.get(prefix, ())):
        return False
    return match.rule_id not in DISABLED_RULES.get(prefix, ())


def plausible(prefix: str, match: Match, text: str) -> bool:
    """Drop known backend quirks that no configuration can fix.

    - Harper's ``Spaces`` reads a space before a symbol as a space before the end of the
      sentence ("Required fields are marked *"): only a space before punctuation is a slip.
    """
    if prefix == HARPER_PREFIX and match.rule_id == "Spaces":
        following = text[match.end : match.end + 1]
        return not following or following in ".,;:!?"
    return True
