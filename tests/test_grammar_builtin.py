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
