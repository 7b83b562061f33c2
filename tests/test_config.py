"""Config files: discovery (nearest wins), every key validated with file:line and a
did-you-mean, per-rule tables, per-file-ignores, exclude, .gitignore and user packs."""

from __future__ import annotations

import json
import re
import textwrap
import tomllib
from pathlib import Path

import pytest

from clihelp import run
from lint.config import Config, ConfigError, STARTER, load_config, toml_key_lines

FOOTER = "The council met on Monday.\n\nLeave a Reply\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def findings(r) -> list[tuple[str, int, str]]:
    """(path, line, code) of JSON output."""
    return [(i["path"], i["line"], i["code"]) for i in json.loads(r.stdout)]


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- key lines ------------------------------------------------------------------------------

def test_key_lines_cover_tables_dotted_and_inline_keys():
    text = textwrap.dedent('''\
        # comment with [brackets] and key = 1
        [tool.articlelint]
        select = [
          "boilerplate",
        ]
        doc = """
        fake = 1
        """
        rules.template-footer.max-words = 12

        [tool.articlelint.rules."template-footer"]
        severity = "error"

        [tool.articlelint.grammar]
        languagetool = { url = "http://x", port = 8081 }
        ''')
    lines = toml_key_lines(text)
    assert lines[("tool", "articlelint")] == 2
    assert lines[("tool", "articlelint", "select")] == 3
    assert ("tool", "articlelint", "fake") not in lines  # inside a multi-line string
    assert lines[("tool", "articlelint", "rules", "template-footer", "max-words")] == 9
    assert lines[("tool", "articlelint", "rules", "template-footer")] == 9  # first mention
    assert lines[("tool", "articlelint", "rules", "template-footer", "severity")] == 12
    assert lines[("tool", "articlelint", "grammar", "languagetool", "port")] == 15


# -- validation: file, line, did-you-mean, exit 2 --------------------------------------------

@pytest.mark.parametrize("body,line,needle", [
    ('ignore = []\nselct = ["BP001"]\n', 2, "unknown key 'selct' (did you mean 'select'?)"),
    ('ignore = "BP001"\nfail-on = 3\n', 2, "fail-on must be a string, got integer 3"),
    ('fail-on = "warn"\n', 1, "did you mean 'warning'?"),
    ('max-file-size = "10MB"\n', 1, "max-file-size must be an integer"),
    ('select = [1, 2]\n', 1, "select must be a list of strings"),
    ('\n[grammar]\nbackend = "harpr"\n', 3, "did you mean 'harper'?"),
    ('[grammar]\nspeling = true\n', 2, "unknown key grammar.speling (did you mean 'spelling'?)"),
    ('[grammar.languagetool]\nurl = "http://localhost"\nprot = 1\n', 3, "did you mean 'port'?"),
    ('[per-file-ignores]\n"a/*.md" = "BP001"\n"b/*.md" = [3]\n', 3, "must be a list of strings"),
])
def test_invalid_key_or_type_names_file_and_line(here, body, line, needle):
    write(here / ".articlelint.toml", body)
    write(here / "a.txt", "Fine.\n")
    r = run("check", "a.txt")
    assert r.exit_code == 2
    assert f"{here / '.articlelint.toml'}:{line}: " in r.stderr
    assert needle in r.stderr
    assert "Traceback" not in r.output


@pytest.mark.parametrize("body,line,needle", [
    ('select = ["boilerplate", "template-foter"]\n', 1, "did you mean 'template-footer'?"),
    ('\nignore = ["BP01x"]\n', 2, "unknown rule selector 'BP01x'"),
    ('[rules.template-fotter]\nseverity = "error"\n', 1, "unknown rule 'template-fotter' (did you mean 'template-footer'?)"),
    ('[rules.template-footer]\nseverity = "eror"\n', 2, "unknown severity 'eror'"),
    ('[rules.template-footer]\nseverity = "error"\nmax-word = 5\n', 3, "did you mean 'max-words'?"),
    ('[rules.template-footer]\nmax-words = "five"\n', 2, "expected an integer"),
    ('[per-file-ignores]\n"x.txt" = ["nope-rule"]\n', 2, "unknown rule selector 'nope-rule'"),
])
def test_unknown_rule_or_option_names_file_and_line(here, body, line, needle):
    write(here / ".articlelint.toml", body)
    write(here / "a.txt", "Fine.\n")
    r = run("check", "a.txt")
    assert r.exit_code == 2, r.output
    assert f"{here / '.articlelint.toml'}:{line}: " in r.stderr
    assert needle in r.stderr


def test_pyproject_errors_point_into_pyproject(here):
    write(here / "pyproject.toml", '[project]\nname = "x"\n\n[tool.articlelint]\nignore = []\nexlude = ["a"]\n')
    write(here / "a.txt", "Fine.\n")
    r = run("check", "a.txt")
    assert r.exit_code == 2
    assert f"pyproject.toml:6: unknown key 'exlude' (did you mean 'exclude'?)" in r.stderr


def test_broken_toml_names_file_line_and_column(here):
    write(here / ".articlelint.toml", 'select = ["BP001"]\nignore = [\n"x" "y"]\n')
    write(here / "a.txt", "Fine.\n")
    r = run("check", "a.txt")
    assert r.exit_code == 2
    assert re.search(re.escape(str(here / ".articlelint.toml")) + r":3:\d+: invalid TOML: ", r.stderr), r.stderr
    assert "Traceback" not in r.output


def test_config_file_option_missing_file(here):
    write(here / "a.txt", "Fine.\n")
    r = run("check", "--config", "nope.toml", "a.txt")
    assert r.exit_code == 2 and "nope.toml: config file does not exist" in r.stderr


def test_cli_selector_errors_name_the_option(here):
    write(here / "a.txt", "Fine.\n")
    for option in ("--select", "--extend-select", "--ignore"):
        r = run("check", "--isolated", option, "templat-footer", "a.txt")
        assert r.exit_code == 2
        assert f"{option}: unknown rule selector 'templat-footer' (did you mean 'template-footer'?)" in r.stderr


# -- discovery --------------------------------------------------------------------------------

def test_nearest_config_wins_per_file(here):
    """Two folders with different configs in one run: each file gets its own."""
    write(here / ".articlelint.toml", '[rules.template-footer]\nseverity = "error"\n')
    write(here / "news/a.txt", FOOTER)
    write(here / "blog/.articlelint.toml", 'ignore = ["template-footer"]\n')
    write(here / "blog/b.txt", FOOTER)
    write(here / "docs/pyproject.toml", '[tool.articlelint]\nfail-on = "error"\n[tool.articlelint.rules.BP001]\nseverity = "info"\n')
    write(here / "docs/c.txt", FOOTER)
    write(here / "plain/pyproject.toml", '[project]\nname = "no-table-here"\n')  # passed over
    write(here / "plain/d.txt", FOOTER)
    r = run("check", "--format", "json", ".")
    items = {i["path"]: i["severity"] for i in json.loads(r.stdout)}
    assert items == {"docs/c.txt": "info", "news/a.txt": "error", "plain/d.txt": "error"}
    assert r.exit_code == 1


def test_articlelint_toml_beats_pyproject_in_same_folder(here):
    write(here / "pyproject.toml", '[tool.articlelint]\nignore = ["BP001"]\n')
    write(here / ".articlelint.toml", "ignore = []\n")
    write(here / "a.txt", FOOTER)
    assert findings(run("check", "--format", "json", "a.txt")) == [("a.txt", 3, "BP001")]


def test_isolated_and_explicit_config(here):
    write(here / ".articlelint.toml", 'ignore = ["BP001"]\n')
    write(here / "other.toml", '[rules.template-footer]\nseverity = "info"\n')
    write(here / "a.txt", FOOTER)
    assert run("check", "a.txt").exit_code == 0
    r = run("check", "--isolated", "a.txt")
    assert r.exit_code == 1 and "BP001" in r.stdout
    r = run("check", "--config", "other.toml", "--format", "json", "a.txt")
    assert [i["severity"] for i in json.loads(r.stdout)] == ["info"]
    assert r.exit_code == 0  # info is below the default fail-on (warning)


def test_config_fail_on_and_cli_override(here):
    write(here / ".articlelint.toml", 'fail-on = "error"\n')
    write(here / "a.txt", FOOTER)
    assert run("check", "a.txt").exit_code == 0
    assert run("check", "--fail-on", "warning", "a.txt").exit_code == 1


def test_per_rule_options_change_behaviour(here):
    write(here / "a.txt", "Intro line.\n\nLeave a Reply please dear reader\n")
    assert run("check", "--isolated", "a.txt").exit_code == 0  # phrase covers too little
    write(here / ".articlelint.toml", "[rules.template-footer]\nmin-coverage = 0.3\n")
    assert findings(run("check", "--format", "json", "a.txt")) == [("a.txt", 3, "BP001")]
    write(here / ".articlelint.toml", "[rules.template-footer]\nmin-coverage = 0.3\nenabled = false\n")
    assert run("check", "a.txt").exit_code == 0


def test_per_file_ignores_by_glob(here):
    write(here / ".articlelint.toml", '[per-file-ignores]\n"drafts/*.txt" = ["boilerplate"]\n"*-old.txt" = ["BP001"]\n')
    write(here / "drafts/a.txt", FOOTER)
    write(here / "news/b-old.txt", FOOTER)
    write(here / "news/c.txt", FOOTER)
    assert findings(run("check", "--format", "json", ".")) == [("news/c.txt", 3, "BP001")]


def test_select_ignore_extend_select_by_code_prefix_name_family(here):
    write(here / "a.txt", FOOTER)
    for selector in ("BP001", "BP", "bp", "template-footer", "boilerplate", "ALL"):
        assert findings(run("check", "--isolated", "--select", selector, "--format", "json", "a.txt")) == [("a.txt", 3, "BP001")], selector
        r = run("check", "--isolated", "--ignore", selector, "--format", "json", "a.txt")
        assert findings(r) == [], selector
    # extend-select adds to a selection that does not include the rule
    assert findings(run("check", "--isolated", "--select", "meta", "--format", "json", "a.txt")) == []
    assert findings(run("check", "--isolated", "--select", "meta", "--extend-select", "boilerplate",
                        "--format", "json", "a.txt")) == [("a.txt", 3, "BP001")]
    # comma-separated lists
    assert findings(run("check", "--isolated", "--select", "meta,BP001", "--format", "json", "a.txt")) == [("a.txt", 3, "BP001")]


def test_exclude_and_gitignore_are_honoured(here):
    write(here / ".articlelint.toml", 'exclude = ["drafts/", "*.skip.txt"]\n')
    write(here / ".gitignore", "build/\nignored.txt\n")
    write(here / "sub/.gitignore", "local.txt\n")
    for name in ("a.txt", "drafts/b.txt", "c.skip.txt", "build/d.txt", "ignored.txt", "sub/local.txt",
                 "sub/e.md", "notes.rst"):
        write(here / name, FOOTER)
    r = run("check", "--format", "json", ".")
    assert sorted({p for p, _, _ in findings(r)}) == ["a.txt", "sub/e.md"] or \
        sorted({p for p, _, _ in findings(r)}) == ["a.txt"]  # .md needs the Markdown parser
    # an excluded file named explicitly (as pre-commit does) is skipped too
    assert run("check", "drafts/b.txt").exit_code == 0


def test_nested_config_exclude_applies_below_it(here):
    write(here / ".articlelint.toml", "ignore = []\n")
    write(here / "site/.articlelint.toml", 'exclude = ["generated/"]\n')
    write(here / "site/generated/x.txt", FOOTER)
    write(here / "site/y.txt", FOOTER)
    assert [p for p, _, _ in findings(run("check", "--format", "json", "."))] == ["site/y.txt"]


def test_user_pack_folder_is_used(here):
    write(here / "packs/house.yaml", '''\
        code: HS001
        name: house-signoff
        family: boilerplate
        message: "house sign-off: {text}"
        doc: |
          The newsroom's sign-off line.

          **What it does**: flags it. **Why**: it is template. **Example**: "Reporting by the desk".
          **Options**: none.
        categories:
          - name: signoff
            phrases: ["reporting by the desk"]
        ''')
    write(here / ".articlelint.toml", 'packs = ["packs"]\n[rules.house-signoff]\nseverity = "error"\n')
    write(here / "a.txt", "The council met.\n\nReporting by the desk\n")
    r = run("check", "--format", "json", "a.txt")
    assert [(i["code"], i["rule"], i["severity"], i["line"]) for i in json.loads(r.stdout)] == [
        ("HS001", "house-signoff", "error", 3)]
    r = run("check", "--select", "house-signoff", "a.txt")
    assert r.exit_code == 1 and "[house-signoff]" in r.stdout
    r = run("rules")  # the current folder's config adds its packs to the list
    assert r.exit_code == 0 and "HS001" in r.stdout and "house-signoff" in r.stdout
    r = run("explain", "HS001")
    assert r.exit_code == 0 and "The newsroom's sign-off line." in r.stdout


def test_yaml_pack_schema_error_names_file_and_line(here):
    write(here / "packs/bad.yaml", '''\
        code: HS001
        name: house-signoff
        family: boilerplate
        message: "x"
        doc: "x"
        categories:
          - name: signoff
            phrases: ["ok"]
            colour: red
        ''')
    write(here / ".articlelint.toml", 'packs = ["packs"]\n')
    write(here / "a.txt", "Fine.\n")
    r = run("check", "a.txt")
    assert r.exit_code == 2
    assert f"{here / 'packs' / 'bad.yaml'}:9: unknown key 'colour'" in r.stderr
    assert "Traceback" not in r.output


def test_missing_pack_folder(here):
    write(here / ".articlelint.toml", 'packs = ["nowhere"]\n')
    write(here / "a.txt", "Fine.\n")
    r = run("check", "a.txt")
    assert r.exit_code == 2 and "pack folder does not exist" in r.stderr


# -- init ---------------------------------------------------------------------------------

def test_init_writes_a_valid_starter(here):
    r = run("init")
    assert r.exit_code == 0
    config = load_config(here / ".articlelint.toml")
    assert config.fail_on == "warning" and config.grammar.backend == "harper"
    assert run("init").exit_code == 2  # never overwrites
    write(here / "a.txt", FOOTER)
    assert run("check", "a.txt").exit_code == 1


def test_init_pyproject_appends_valid_toml(here):
    write(here / "pyproject.toml", '[project]\nname = "demo"\nversion = "1"\n')
    r = run("init", "--pyproject")
    assert r.exit_code == 0, r.output
    text = (here / "pyproject.toml").read_text()
    data = tomllib.loads(text)
    assert data["project"]["name"] == "demo"
    assert data["tool"]["articlelint"]["fail-on"] == "warning"
    config = load_config(here / "pyproject.toml")
    assert config.include and config.grammar.backend == "harper"
    assert run("init", "--pyproject").exit_code == 2  # already there
    # every commented-out example, uncommented, is still valid config
    uncommented = re.sub(r"^# (?=\[|[a-z-]+ = |\"[^\"]+\" = )", "", STARTER, flags=re.M)
    write(here / "full.toml", uncommented.replace('"drafts/*.md" = ["readability"]', '"drafts/*.md" = ["boilerplate"]'))
    assert load_config(here / "full.toml").rule_settings()["template-footer"] == {"severity": "error"}


def test_cli_extend_select_adds_to_the_config_list(here):
    write(here / ".articlelint.toml", 'select = ["meta"]\nextend-select = ["AL"]\n')
    write(here / "a.txt", FOOTER)
    assert findings(run("check", "--format", "json", "a.txt")) == []
    assert findings(run("check", "--extend-select", "BP001", "--format", "json", "a.txt")) == [("a.txt", 3, "BP001")]


def test_fail_on_is_per_config(here):
    write(here / "strict/.articlelint.toml", 'fail-on = "warning"\n')
    write(here / "lax/.articlelint.toml", 'fail-on = "error"\n')
    write(here / "lax/a.txt", FOOTER)
    assert run("check", "lax").exit_code == 0
    write(here / "strict/b.txt", FOOTER)
    assert run("check", "lax", "strict").exit_code == 1
    assert run("check", "--fail-on", "never", "lax", "strict").exit_code == 0
