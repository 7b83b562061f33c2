"""Bad input: a clear message, the right exit status, never a traceback (``--debug`` shows
one), and the rest of the run goes on."""

from __future__ import annotations

import json
import os
import sys

import pytest

from clihelp import run

FOOTER = "The council met on Monday.\n\nLeave a Reply\n"


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(FOOTER, encoding="utf-8")
    return tmp_path


def no_traceback(r):
    assert "Traceback" not in r.output


def test_binary_file_is_skipped_with_a_notice(here):
    (here / "image.txt").write_bytes(b"GIF89a\x00\x01\x02binary\x00")
    r = run("check", "--isolated", "image.txt", "good.txt")
    assert "articlelint: notice: image.txt: binary file, skipped" in r.stderr
    assert "image.txt" not in r.stdout and "good.txt:3:1: BP001" in r.stdout
    assert r.exit_code == 1  # the notice is not an error; good.txt has a finding
    assert run("check", "--isolated", "image.txt").exit_code == 0
    assert "notice" not in run("check", "--isolated", "--quiet", "image.txt").stderr


def test_invalid_utf8_is_an_input_error_with_byte_offset_and_the_run_goes_on(here):
    (here / "latin1.txt").write_bytes("First line.\nCaf\xe9 au lait.\n".encode("latin-1"))
    r = run("check", "--isolated", "latin1.txt", "good.txt")
    assert "latin1.txt:2:4: AL100 invalid UTF-8 at byte offset 15 (byte 0xe9)" in r.stdout
    assert "good.txt:3:1: BP001" in r.stdout  # the rest of the run continues
    assert r.exit_code == 2
    assert "1 file(s) could not be linted" in r.stderr
    no_traceback(r)


def test_invalid_utf8_after_a_bom_counts_the_bom_bytes(here):
    (here / "bom.txt").write_bytes(b"\xef\xbb\xbfok\n\xff\n")
    r = run("check", "--isolated", "--format", "json", "bom.txt")
    (item,) = json.loads(r.stdout)
    assert "byte offset 6 " in item["message"] and item["line"] == 2 and item["code"] == "AL100"
    assert "articlelint: error: bom.txt: invalid UTF-8" in r.stderr  # machine format: also said on stderr
    assert r.exit_code == 2


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_bom_and_crlf_keep_positions_exact(here, bom, newline):
    text = "Größe des Rats.\n\nDer Rat tagte.\n\nLeave a Reply\n\nEnde.\n".replace("\n", newline)
    (here / "a.txt").write_bytes(bom + text.encode("utf-8"))
    r = run("check", "--isolated", "--select", "template-footer", "--format", "json", "a.txt")
    (item,) = json.loads(r.stdout)
    with open(here / "a.txt", encoding="utf-8-sig", newline="") as fh:
        source = fh.read()  # what an editor shows: no BOM, line ends kept
    assert source[item["offset"]:item["end_offset"]] == "Leave a Reply"
    assert (item["line"], item["column"], item["end_line"], item["end_column"]) == (5, 1, 5, 14)
    text_out = run("check", "--isolated", "--select", "template-footer", "a.txt").stdout
    assert text_out.startswith("a.txt:5:1: BP001 ")


def test_empty_file(here):
    (here / "empty.txt").write_bytes(b"")
    (here / "blank.txt").write_text("\n\n   \n")
    r = run("check", "--isolated", "empty.txt", "blank.txt")
    assert r.exit_code == 0 and r.stdout == ""
    assert "Found 0 findings in 2 files." in r.stderr


def test_unreadable_file(here, monkeypatch):
    target = here / "secret.txt"
    target.write_text(FOOTER)
    if os.geteuid() == 0:
        # root reads a chmod 000 file anyway: simulate the permission error at open()
        import pathlib

        real_open = pathlib.Path.open

        def deny(self, *args, **kwargs):
            if self.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, "open", deny)
    else:
        target.chmod(0)
    try:
        r = run("check", "--isolated", "secret.txt", "good.txt")
    finally:
        target.chmod(0o644)
    assert "secret.txt:1:1: AL100 cannot read file: Permission denied [input-error]" in r.stdout
    assert "good.txt:3:1: BP001" in r.stdout
    assert r.exit_code == 2
    no_traceback(r)


def test_huge_file_is_refused_without_reading_it(here):
    big = here / "big.txt"
    with big.open("wb") as fh:  # 50 MB of ordinary text
        line = b"The council met on Monday and voted to rebuild the old bridge.\n"
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    r = run("check", "--isolated", "big.txt", "good.txt")
    assert "big.txt:1:1: AL100 file is 50.0 MB, larger than max-file-size (5.0 MB)" in r.stdout
    assert "good.txt:3:1: BP001" in r.stdout
    assert r.exit_code == 2
    (here / ".articlelint.toml").write_text("max-file-size = 10\n")
    r = run("check", "good.txt")
    assert "larger than max-file-size" in r.stdout and r.exit_code == 2


def test_huge_stdin_is_refused(here):
    (here / ".articlelint.toml").write_text("max-file-size = 1000\n")
    r = run("check", "-", input="x" * 5000)
    assert "standard input is larger than max-file-size" in r.stdout and r.exit_code == 2


def test_unclosed_html(here):
    pytest.importorskip("lint.parse.html", reason="the HTML parser lands with the parse branch")
    (here / "a.html").write_text("<html><body><p>The council met.<div><p>Leave a Reply<p><b>unclosed")
    r = run("check", "--isolated", "a.html")
    no_traceback(r)
    assert r.exit_code in (0, 1)
    assert "AL900" not in r.stdout


def test_broken_toml_config(here):
    (here / ".articlelint.toml").write_text("select = [\n")
    r = run("check", "good.txt")
    assert r.exit_code == 2 and ".articlelint.toml:" in r.stderr and "invalid TOML" in r.stderr
    no_traceback(r)


@pytest.mark.parametrize("setting", ["include", "exclude"])
def test_pattern_that_cannot_compile_is_a_config_error(here, setting):
    (here / ".articlelint.toml").write_text(f'{setting} = ["*.[1-.]"]\n')
    for args in ((".",), ("good.txt",)) if setting == "exclude" else ((".",),):
        r = run("check", *args)
        assert r.exit_code == 2, args
        assert f"{here / '.articlelint.toml'}: {setting}: invalid pattern '*.[1-.]'" in r.stderr
        no_traceback(r)


def test_gitignore_line_that_cannot_compile_is_skipped_as_git_skips_it(here):
    (here / ".git").mkdir()
    (here / ".gitignore").write_text("[z-a]\nskip.txt\n")
    (here / "skip.txt").write_text(FOOTER, encoding="utf-8")
    r = run("check", "--isolated", "--format", "json", ".")
    assert r.exit_code == 1
    assert {d["path"] for d in json.loads(r.stdout)} == {"good.txt"}
    no_traceback(r)


def test_yaml_pack_schema_error(here):
    (here / "packs").mkdir()
    (here / "packs" / "p.yaml").write_text("code: X1\nname: x\nfamily: boilerplate\nmessage: m\ndoc: d\ncategories: []\n")
    (here / ".articlelint.toml").write_text('packs = ["packs"]\n')
    r = run("check", "good.txt")
    assert r.exit_code == 2
    assert f"{here / 'packs' / 'p.yaml'}:1: code 'X1' must be letters then 3 digits" in r.stderr
    (here / "packs" / "p.yaml").write_text("code: XY001\nname: x\n  bad: indent\n")
    r = run("check", "good.txt")
    assert r.exit_code == 2 and f"{here / 'packs' / 'p.yaml'}:3:" in r.stderr and "invalid YAML" in r.stderr
    no_traceback(r)


def test_path_that_does_not_exist(here):
    r = run("check", "--isolated", "nope.md", "good.txt")
    assert "nope.md:1:1: AL100 no such file or folder [input-error]" in r.stdout
    assert "good.txt:3:1: BP001" in r.stdout
    assert r.exit_code == 2
    no_traceback(r)


def test_folder_with_no_matching_files(here):
    (here / "empty").mkdir()
    (here / "empty" / "notes.rst").write_text(FOOTER)
    r = run("check", "--isolated", "empty")
    assert r.exit_code == 0
    assert "articlelint: warning: empty: no files to lint" in r.stderr


def test_folder_is_not_a_file_argument_error(here):
    (here / "dir.txt").mkdir()  # a folder with a file-like name is walked, not read
    r = run("check", "--isolated", "dir.txt")
    assert r.exit_code == 0 and "no files to lint" in r.stderr


def test_stdin(here):
    r = run("check", "--isolated", "-", input=FOOTER)
    assert r.stdout.startswith("-:3:1: BP001 ") and r.exit_code == 1
    r = run("check", "--isolated", "--stdin-filename", "news/story.txt", "-", input=FOOTER)
    assert r.stdout.startswith("news/story.txt:3:1: BP001 ")
    r = run("check", "--isolated", "--stdin-filename", "story.md", input="# Story\n\nLeave a Reply\n")
    assert r.stdout.startswith("story.md:3:1: BP001 ")  # no path: standard input, parsed as Markdown
    r = run("check", "--isolated", "-", input="")
    assert r.exit_code == 0 and r.stdout == ""
    r = run("check", "--isolated", "-", input=b"ok\n\xff\n")
    assert "-:2:1: AL100 invalid UTF-8 at byte offset 3" in r.stdout and r.exit_code == 2


def test_stdin_filename_picks_the_config_of_its_folder(here):
    (here / "news").mkdir()
    (here / "news" / ".articlelint.toml").write_text('ignore = ["BP001"]\n')
    r = run("check", "--stdin-filename", "news/story.txt", "-", input=FOOTER)
    assert r.exit_code == 0 and r.stdout == ""


def test_a_crashing_rule_is_reported_and_debug_shows_the_traceback(here, monkeypatch):
    from lint.packs import PackRule

    def boom(self, doc, ctx):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(PackRule, "check", boom)
    r = run("check", "--isolated", "good.txt")
    assert "good.txt:1:1: AL900 rule template-footer failed: RuntimeError: kaboom" in r.stdout
    assert r.exit_code == 2
    no_traceback(r)
    with pytest.raises(RuntimeError, match="kaboom"):
        run("check", "--isolated", "--debug", "good.txt")


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(here, monkeypatch):
    import lint.report

    def broken(*args, **kwargs):
        raise ValueError("reporter broke")

    monkeypatch.setattr(lint.report, "render", broken)
    r = run("check", "--isolated", "good.txt")
    assert r.exit_code == 2
    assert "articlelint: error: internal error: ValueError: reporter broke (run with --debug" in r.stderr
    no_traceback(r)
    with pytest.raises(ValueError, match="reporter broke"):
        run("check", "--isolated", "--debug", "good.txt")


def test_a_crashing_parser_is_reported_per_file(here, monkeypatch):
    import lint.parse.text

    def boom(source, path="-"):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(lint.parse.text, "parse_text", boom)
    r = run("check", "--isolated", "good.txt")
    assert "good.txt:1:1: AL900 the parser failed on this file: RuntimeError: parser bug" in r.stdout
    assert r.exit_code == 2
    no_traceback(r)


def test_utf16_is_an_encoding_error_not_binary(here):
    (here / "wide.txt").write_bytes("Leave a Reply\n".encode("utf-16"))
    r = run("check", "--isolated", "wide.txt")
    assert "wide.txt:1:1: AL100 the file is UTF-16 or UTF-32" in r.stdout and r.exit_code == 2
