"""Repetition rules (RP001-RP005): normalisation, word order, the seed article, bad input."""

import pytest

from conftest import SEED
from lint.config import Config, ConfigError
from lint.engine import build_ruleset, lint_source
from lint.rules import _repetition as rep


def run(source: str, *codes: str, path: str = "doc.txt", **rules):
    config = Config(select=codes, rules=tuple((k, tuple(v.items())) for k, v in rules.items()))
    result = lint_source(source, path, build_ruleset(config), debug=True)
    li = result.line_index
    return [(li.line_col(d.span.start)[0], d.code, d.message, d) for d in result.diagnostics]


def test_normalisation_ignores_case_punctuation_digits_and_unicode_forms():
    a = rep.normal_words("The ﬁrst 3 results — “fine”, said Ｍr. Smith!")
    b = rep.normal_words("the first 7 RESULTS: fine said Mr smith")
    assert a == b == ["the", "first", "0", "results", "fine", "said", "mr", "smith"]


def test_urls_and_tags_are_not_words():
    assert rep.normal_words("Source: https://example.com/the-same-title-here <b>x</b>") == ["source", "x"]


def test_word_order_matters():
    a = rep.normal_words("Prices are going up while costs go down")
    b = rep.normal_words("Prices are going down while costs go up")
    assert rep.similarity(a, b) == 0.0
    assert rep.similarity(a, a) == 1.0


def test_swapped_paragraphs_are_not_near_duplicates():
    a = "Analysts expect that prices are going up while costs go down for most manufacturers in the region."
    b = "Analysts expect that prices are going down while costs go up for most manufacturers in the region."
    assert run(a + "\n\n" + b + "\n", "RP001", "RP002", "RP003") == []


def test_near_duplicate_message_and_related():
    a = ("Water prices will rise by six percent next year, the regional utility announced on Monday,"
         " citing the cost of repairing pipes damaged in last winter's floods.")
    b = ("Water prices will rise by about six percent next year, the regional utility said on Monday,"
         " citing the cost of repairing pipes damaged in the floods.")
    found = run(a + "\n\nSomething else entirely is written here to separate them.\n\n" + b + "\n", "RP002")
    assert [(line, code) for line, code, _, _ in found] == [(5, "RP002")]
    message, diag = found[0][2], found[0][3]
    assert message.startswith("paragraph is ") and "% similar to the paragraph at line 1" in message
    assert diag.related[0].span.start == 0


def test_seed_restatement_flagged_and_paraphrase_not(corpus):
    source = SEED.read_text(encoding="utf-8")
    found = run(source, "RP003", path="seed-article.txt")
    assert len(found) == 1
    line, code, message, diag = found[0]
    assert (line, code) == (10, "RP003")
    assert source[diag.span.start:diag.span.end] == (
        "For IS, maintaining control of the Badia al-Sham desert is vital for survival."
    )
    assert "line 8" in message and "83% similar" in message
    related = diag.related[0].span
    assert source[related.start:related.end].startswith("For Daesh, maintaining control")


def test_paragraph_repeated_ten_thousand_times_is_one_finding_per_rule():
    para = "This paragraph was pasted again and again by a broken template engine on the site."
    source = "\n\n".join([para] * 10_000) + "\n"
    found = run(source, "RP001", "RP002", "RP003", "RP005")
    codes = sorted(code for _, code, _, _ in found)
    assert codes == ["RP001", "RP005"]
    rp001 = next(f for f in found if f[1] == "RP001")
    assert rp001[0] == 3 and "repeated 9,999 times" in rp001[2]


def test_repeated_sentence_defers_to_the_paragraph_rules_only_when_they_run():
    para = "The council approved the new budget for the harbour after a long debate on Monday."
    source = f"{para}\n\nSomething else happened later in the week at the town hall.\n\n{para}\n"
    assert [code for _, code, _, _ in run(source, "RP001", "RP003")] == ["RP001"]
    # with the paragraph rules off, the copy is still reported, as a repeated sentence
    assert [(line, code) for line, code, _, _ in run(source, "RP003")] == [(5, "RP003")]
    # and with RP001 asking for longer paragraphs than this one, RP003 reports it too
    found = run(source, "RP001", "RP003", **{"repeated-paragraph": {"min-words": 40}})
    assert [code for _, code, _, _ in found] == ["RP003"]


def test_long_single_line_collapses_repeated_sentences(corpus):
    one = " ".join(SEED.read_text(encoding="utf-8").split())
    source = " ".join([one] * 150) + "\n"
    found = run(source, "RP001", "RP002", "RP003")
    assert found, "a text that repeats itself 150 times must be flagged"
    assert len(found) <= 30  # one finding per distinct sentence, not 150 × 30
    assert all(code == "RP003" and "times" in message for _, code, message, _ in found)


def test_thousands_of_one_word_lines_are_quiet():
    distinct = "\n".join(f"item{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676 % 26)}" for i in range(5000))
    assert run(distinct + "\n", "RP001", "RP002", "RP003", "RP004", "RP005") == []


def test_thousands_of_the_same_line_only_repetitive_document():
    source = "\n".join(["hello"] * 5000) + "\n"
    found = run(source, "RP001", "RP002", "RP003", "RP004", "RP005")
    assert [(line, code) for line, code, _, _ in found] == [(1, "RP005")]
    assert "duplicate-line fraction 1.00" in found[0][2]


@pytest.mark.parametrize("source", [" ".join(["_"] * 300), " ".join(["__ --"] * 300), "\n".join(["____"] * 300)])
def test_words_without_letters_are_measured_without_a_crash(source):
    """Underscores are word characters: such a text has words but no line with a letter or a
    digit (the duplicate-line fraction once divided by zero lines: AL900)."""
    found = run(source + "\n", "RP005")  # debug=True: a crash raises here
    assert all(code == "RP005" for _, code, _, _ in found)
    assert run(source.replace("_", "x") + "\n", "RP005")  # the same text in letters is flagged


def test_short_document_not_measured_by_repetitive_document():
    assert run("Buy now. Buy now. Buy now.\n", "RP005") == []
    assert run("Buy now. Buy now. Buy now.\n", "RP005", **{"repetitive-document": {"min-words": 1}})


def test_repeated_word_fix_deletes_the_second_word():
    source = ("The report was sent on Friday to the members of the the\n"
              "the committee, who read it before the vote. She had had enough.\n")
    found = run(source, "RP004", path="doc.md")  # Markdown: the two lines are one paragraph
    assert len(found) == 1 and "repeated 3 times" in found[0][2]
    fix = found[0][3].fix
    (edit,) = fix.edits
    fixed = source[: edit.span.start] + edit.replacement + source[edit.span.end :]
    assert fixed == ("The report was sent on Friday to the members of the committee,"
                     " who read it before the vote. She had had enough.\n")


def test_repeated_word_allow_option():
    assert run("It was very very cold and so so good.\n", "RP004") == []
    found = run("We went to to the shop.\n", "RP004", **{"repeated-word": {"allow": ["to"]}})
    assert found == []


def test_bad_threshold_is_a_config_error():
    with pytest.raises(ConfigError):
        build_ruleset(Config(select=("RP002",), rules=(("near-duplicate-paragraph", (("threshold", 1.5),)),)))


def test_headings_and_list_items_are_not_paragraphs():
    source = (
        "## Summary\n\nThe first founder built a bakery that now ships bread to four cities.\n\n"
        "## Summary\n\nThe second founder repairs bicycles and kitchen machines in a garage.\n\n"
        "- Add one cup of flour for every person sitting at the table tonight\n"
        "- Add one cup of flour for every person sitting at the table tonight\n"
    )
    assert run(source, "RP001", "RP002", "RP003", path="post.md") == []


def test_markdown_paragraph_repeat_points_at_first():
    source = "# Title\n\nThe council approved the budget of four million euros on Tuesday evening.\n\n" \
             "Other news came later in the evening from the regional government.\n\n" \
             "The council approved the budget of four million euros on Tuesday evening.\n"
    found = run(source, "RP001", path="post.md")
    assert [(line, code) for line, code, _, _ in found] == [(7, "RP001")]
    assert "line 3" in found[0][2]
