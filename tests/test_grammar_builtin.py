"""The builtin grammar slips (no backend): tricky cases beyond the fixtures."""

import pytest

from lint.backends import builtin


def flagged(fn, text, *args):
    return [text[s.start : s.end] for s in fn(text, *args)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("causing deaths and injuries.Isis’s response", [".I"]),
        ("It ended in 2019.The next year", [".T"]),
        ("Wait...Then go", ["...T"]),
        ("He asked “why?”Nobody answered.", ["?”N"]),
        ("The U.S. Army and U.S.A. Today", []),
        ("e.g. this, i.e. that, a.m. and p.m.", []),
        ("Pi is 3.14 and No.5 is fine.", []),
        ("Open index.html and main.py now.", []),
        ("Visit www.Example.com, https://a.org/Page.Html or me@Mail.Com.", []),
        ("J.R.R.Tolkien wrote it.", []),
        ("Mrs.Smith and Dr.Jones left.", []),
        ("Amazon.Com and Booking.Com sell.", []),
        ("The total was $1.5m.Officials said", [".O"]),
    ],
)
def test_missing_space_after_sentence(text, expected):
    assert flagged(builtin.missing_space_after_sentence, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Hello,, world", [",,"]),
        ("the others..", [".."]),
        ("bread, . Then", [", ."]),
        ("home;; late", [";;"]),
        ("He paused... then", []),
        ("Wait.... The end", []),
        ("apples, etc., and", []),
        ("The U.S., the U.K.", []),
        ("Really?! Wow!! Huh??", []),
        ("std::vector and 3:2", []),
        ("a ratio of 1,.5", []),
        ("numbers 0..=2 and 1..12", []),  # Rust/Ruby ranges, not a doubled stop
        ("backends such as GCC, .NET or Cranelift", []),  # a word that starts with a stop
    ],
)
def test_doubled_punctuation(text, expected):
    assert flagged(builtin.doubled_punctuation, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("(unclosed", ["("]),
        ("closed)", [")"]),
        ("(a [b) c]", ["[", "]"]),
        ("(a [b] {c})", []),
        ("1) wait 2) strike iv) retreat a) b)", []),
        ("Nice :) and ;-) and :(", []),
    ],
)
def test_unbalanced_brackets(text, expected):
    assert flagged(builtin.unbalanced_brackets, text) == expected


@pytest.mark.parametrize(
    "text,following,expected",
    [
        ('He said "hi" and "bye', None, ['"']),
        ("“Open and", None, ["“"]),
        ("“Open and", "Not a quote.", ["“"]),
        ("“Open and", "“Continued,” he said.", []),  # quotation over several paragraphs
        ("close” only", None, ["”"]),
        ("“one “two” three", None, ["“"]),
        ("“The attacks in the “White Desert” neutralized 327.”", None, []),  # nested, as published
        ("He is 5'10\" tall", None, []),
        ('a new version, and "Rust 2018" as well', None, []),  # a digit before a closing quote
        ('He is 5\'10" tall and "sure', None, ['"']),
        ("“a” and “b” and \"c\"", None, []),
    ],
)
def test_unbalanced_quotes(text, following, expected):
    assert flagged(builtin.unbalanced_quotes, text, following) == expected


def test_quotation_split_across_paragraphs():
    speech = [
        "“We were just leaving the city when the car overheated.",
        "So then the one guy offers to take me in to get lunch.",
        "I am going to move there after I retire,” Diesel said with a laugh.",
    ]
    assert builtin.unbalanced_quotes_in(speech) == [[], [], []]
    # without the opening half, the closing mark is a slip; without the closing half, the opening one
    assert [len(s) for s in builtin.unbalanced_quotes_in(speech[1:])] == [0, 1]
    assert [len(s) for s in builtin.unbalanced_quotes_in(speech[:2])] == [1, 0]
    # a closing mark more than QUOTE_SPAN_PARAGRAPHS later does not pair
    far = [speech[0]] + ["Filler paragraph."] * builtin.QUOTE_SPAN_PARAGRAPHS + [speech[2]]
    found = builtin.unbalanced_quotes_in(far)
    assert (len(found[0]), len(found[-1])) == (1, 1)
    # only one closing mark pairs: a second stray one is still reported
    found = builtin.unbalanced_quotes_in([speech[0], "retire,” he said, “twice” and ” more"])
    assert [[(s.start, s.message) for s in f] for f in found] == [[], [(30, "Closing quotation mark without an opening one")]]
