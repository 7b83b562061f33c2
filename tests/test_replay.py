"""Replays (lint.replay): an unchanged re-run of a command prints what the last run printed,
byte for byte, without loading the CLI; anything its answer depends on that changes makes it
a full run again. Runs are real processes: the command line is what is replayed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lint import cache, replay


#: runs lint.replay.main and says at exit whether the CLI was loaded (a full run) or not
RUNNER = """\
import atexit, os, sys
def mark():
    with open(os.environ["REPLAY_MARK"], "a") as fh:
        fh.write("full\\n" if "lint.cli" in sys.modules else "replay\\n")
atexit.register(mark)
sys.argv[0] = "articlelint"
from lint.replay import main
main()
"""

REPEATS = """\
# Notes

The council approved the new budget on Tuesday after a long debate about roads.

Residents can read the plan online.

The council approved the new budget on Tuesday after a long debate about roads.
"""

CLEAN = """\
# Clean

A short and plain paragraph about a garden.

Another paragraph, about the weather in spring.
"""


def _age(root: Path) -> None:
    """Time passes: every file and folder under ``root`` (and ``root``) written in the last
    seconds gets an mtime a minute ago (a stamp newer than two seconds is not trusted, and
    tests write their files just now). Older ones keep theirs, as they would."""
    now = time.time()
    when = now - 60
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for path in [os.path.join(dirpath, n) for n in filenames] + [dirpath]:
            if os.stat(path).st_mtime > now - 5:
                os.utime(path, (when, when))


@pytest.fixture
def project(tmp_path):
    proj = tmp_path / "proj"
    (proj / ".git").mkdir(parents=True)  # the git root: folders above are not stamped whole
    (proj / "docs").mkdir()
    (proj / ".articlelint.toml").write_text('[grammar]\nbackend = "none"\n', encoding="utf-8")
    (proj / "docs" / "a.md").write_text(REPEATS, encoding="utf-8")
    (proj / "docs" / "b.md").write_text(CLEAN, encoding="utf-8")
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "runner.py").write_text(RUNNER, encoding="utf-8")
    _age(tmp_path)
    return proj


def run(project: Path, *args: str, env_extra: dict | None = None, check_mark: bool = True):
    mark = project.parent / "mark.txt"
    if mark.exists():
        mark.unlink()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARTICLELINT_")}
    env["REPLAY_MARK"] = str(mark)
    env.update(env_extra or {})
    proc = subprocess.run([sys.executable, str(project.parent / "tools" / "runner.py"), *args],
                          cwd=project, env=env, capture_output=True, timeout=120)
    how = mark.read_text().strip() if mark.exists() else "none"
    return proc.returncode, proc.stdout, proc.stderr, how


def records(project: Path) -> list[Path]:
    folder = project / ".articlelint_cache" / replay.FOLDER
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def settle(folder: Path) -> None:
    """Time passes (see _age) over the project and the runner."""
    _age(folder if folder.name != "proj" else folder.parent)


def test_an_unchanged_rerun_is_replayed_byte_for_byte(project):
    first = run(project, "check", "docs")
    assert first[0] == 1 and first[3] == "full"
    assert b"docs/a.md:7:1: RP001" in first[1]
    assert b"Found" in first[2]
    assert len(records(project)) == 1
    settle(project)
    second = run(project, "check", "docs")
    assert second == (*first[:3], "replay")


@pytest.mark.parametrize("args", [
    ("check", "--format", "json", "docs"),
    ("check", "-q", "docs/b.md"),
    ("check", "--statistics", "docs", "docs/a.md"),
    ("check", "--format", "github", "--fail-on", "never", "docs"),
])
def test_formats_and_options_replay_what_the_run_printed(project, args):
    full = run(project, *args)
    settle(project)
    replayed = run(project, *args)
    assert full[3] == "full" and replayed[3] == "replay"
    assert replayed[:3] == full[:3]


def _recorded(project, *args):
    assert run(project, *args)[3] == "full"
    settle(project)
    assert run(project, *args)[3] == "replay"


def test_an_edited_file_is_linted_again(project):
    _recorded(project, "check", "docs")
    (project / "docs" / "a.md").write_text(CLEAN, encoding="utf-8")
    settle(project)  # an mtime a minute ago, but another one
    code, out, err, how = run(project, "check", "docs")
    assert how == "full" and code == 0 and out == b""


def test_a_new_file_in_a_walked_folder_is_linted(project):
    _recorded(project, "check", "docs")
    sub = project / "docs" / "deep" / "er"
    sub.mkdir(parents=True)
    (sub / "c.md").write_text(REPEATS, encoding="utf-8")
    settle(project)
    code, out, err, how = run(project, "check", "docs")
    assert how == "full" and b"docs/deep/er/c.md:7:1: RP001" in out


def test_a_new_file_deep_in_a_folder_without_targets_is_seen(project):
    (project / "docs" / "empty" / "deeper").mkdir(parents=True)
    _age(project)
    _recorded(project, "check", "docs")
    (project / "docs" / "empty" / "deeper" / "d.md").write_text(REPEATS, encoding="utf-8")
    settle(project)
    code, out, err, how = run(project, "check", "docs")
    assert how == "full" and b"docs/empty/deeper/d.md:7:1: RP001" in out


def test_an_edited_config_is_read_again(project):
    _recorded(project, "check", "docs")
    (project / ".articlelint.toml").write_text('ignore = ["RP001"]\n[grammar]\nbackend = "none"\n',
                                              encoding="utf-8")
    settle(project)
    code, out, err, how = run(project, "check", "docs")
    assert how == "full" and b"RP001" not in out


def test_a_config_created_in_a_subfolder_is_read(project):
    _recorded(project, "check", "docs")
    (project / "docs" / ".articlelint.toml").write_text('ignore = ["RP001"]\n[grammar]\nbackend = "none"\n',
                                                       encoding="utf-8")
    settle(project)
    code, out, err, how = run(project, "check", "docs")
    assert how == "full" and b"RP001" not in out


def test_a_gitignore_edited_in_place_is_read(project):
    (project / ".gitignore").write_text("# nothing\n", encoding="utf-8")
    _age(project)
    _recorded(project, "check", "docs")
    (project / ".gitignore").write_text("docs/a.md\n", encoding="utf-8")
    settle(project)  # an edit in place: the folder's mtime is unchanged
    code, out, err, how = run(project, "check", "docs")
    assert how == "full" and b"a.md" not in out


def test_a_config_created_above_the_project_is_read(project):
    # no git root and no config of its own: discovery goes up to the file system's root
    (project / ".git").rmdir()
    (project / ".articlelint.toml").unlink()
    settle(project.parent)
    args = ("check", "--select", "repetition", "docs")
    _recorded(project, *args)
    (project.parent / ".articlelint.toml").write_text('ignore = ["RP001"]\n', encoding="utf-8")
    settle(project.parent)
    code, out, err, how = run(project, *args)
    assert how == "full" and b"RP001" not in out


def test_a_git_root_created_above_the_walk_is_seen(project):
    # outside git a walk reads no .gitignore above its folder; once the project is a git
    # repository, the project's .gitignore applies
    (project / ".git").rmdir()
    (project / ".gitignore").write_text("docs/a.md\n", encoding="utf-8")
    settle(project.parent)
    _recorded(project, "check", "docs")
    assert b"a.md" in run(project, "check", "docs")[1]
    (project / ".git").mkdir()
    settle(project.parent)
    code, out, err, how = run(project, "check", "docs")
    assert how == "full" and b"a.md" not in out


def test_folders_above_the_files_may_change(project):
    # the project's parent gets new entries all the time (here: the runner's marks); only
    # what config discovery looks for there counts
    _recorded(project, "check", "docs")
    (project.parent / "unrelated.txt").write_text("x", encoding="utf-8")
    settle(project.parent)
    assert run(project, "check", "docs")[3] == "replay"


def test_other_arguments_or_environment_are_other_runs(project):
    _recorded(project, "check", "docs")
    assert run(project, "check", "docs/a.md")[3] == "full"
    assert run(project, "check", "docs", env_extra={"NO_COLOR": "1"})[3] == "full"


def test_a_recently_changed_file_is_not_recorded(project):
    run(project, "check", "docs")
    settle(project)
    for record in records(project):
        record.unlink()
    os.utime(project / "docs" / "b.md")  # modified now: racy
    assert run(project, "check", "docs")[3] == "full"
    assert records(project) == []
    assert run(project, "check", "docs")[3] == "full"


def test_no_cache_neither_reads_nor_writes_records(project):
    _recorded(project, "check", "docs")
    assert run(project, "check", "--no-cache", "docs")[3] == "full"
    env = {"ARTICLELINT_NO_CACHE": "1"}
    assert run(project, "check", "docs", env_extra=env)[3] == "full"
    settle(project)
    assert run(project, "check", "docs", env_extra=env)[3] == "full"
    assert len(records(project)) == 1


def test_runs_that_do_not_qualify_are_not_recorded(project, tmp_path):
    (project / "docs" / "bad.md").write_bytes(b"caf\xe9 au lait\n")  # invalid UTF-8: exit 2
    out = tmp_path / "report.txt"
    _age(project)
    for args in (("check", "docs"), ("check", "-o", str(out), "docs/a.md"),
                 ("check", "--write-baseline", str(tmp_path / "bl.json"), "docs/a.md")):
        run(project, *args)
        settle(project)
        run(project, *args)
        assert run(project, *args)[3] == "full", args
    assert records(project) == []
    stdin = subprocess.run([sys.executable, str(project.parent / "tools" / "runner.py"), "check",
                            "--stdin-filename", "x.md"], input=REPEATS.encode(), cwd=project,
                           capture_output=True, env={**os.environ, "REPLAY_MARK": str(tmp_path / "m")})
    assert stdin.returncode == 1 and records(project) == []


def test_uncacheable_rules_are_never_replayed(project):
    # shared-template reads the other files of the repository: a changed other file changes
    # this file's findings, so such a run is not recorded
    _age(project)
    for _ in range(3):
        settle(project)
        assert run(project, "check", "--extend-select", "shared-template", "docs")[3] == "full"
    assert records(project) == []


def test_a_broken_record_is_passed_over(project):
    _recorded(project, "check", "docs")
    good = run(project, "check", "docs")
    (record,) = records(project)
    data = record.read_bytes()
    for broken in (b"", b"garbage", data[:-3], data.replace(b"status 1", b"status x"),
                   data.replace(b"out 1 ", b"out 7 "), data + b"tail", data.replace(b"status 1", b"status 2")):
        record.write_bytes(broken)
        code, out, err, how = run(project, "check", "docs")
        assert how == "full" and (code, out, err) == good[:3]


def test_the_record_format_round_trips_and_rejects_junk():
    deps = {"/a/b.md": "f12:34", "/a": "d56", "/a/.gitignore": "-"}
    outputs = [(1, b"one\n"), (2, b"two\n\x00\xff"), (1, b"")]
    data = replay._format(1, deps, outputs)
    status, parsed, out = replay._parse(data)
    assert status == 1 and out == outputs
    assert parsed == [(os.fsencode(p), s) for p, s in deps.items()]
    for junk in (data[1:], data.replace(b"end\n", b""), data.replace(b"dep d56\t/a\n", b"dep d56\n")):
        with pytest.raises((ValueError, IndexError)):
            replay._parse(junk)


def test_stamps_and_the_racy_window_agree_with_the_results_cache(tmp_path):
    assert replay.RACY_NS == cache.RACY_NS
    f = tmp_path / "f.txt"
    f.write_text("abc", encoding="utf-8")
    st = os.stat(f)
    assert replay.stamp(f) == f"f3:{st.st_mtime_ns}"
    assert replay.stamp(tmp_path) == f"d{os.stat(tmp_path).st_mtime_ns}"
    assert replay.stamp(tmp_path / "absent") == "-"


def test_the_command_line_goes_through_replays():
    import tomllib

    root = Path(__file__).resolve().parent.parent
    scripts = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["articlelint"] == "lint.replay:main"
    assert "lint.replay import main" in (root / "lint" / "__main__.py").read_text(encoding="utf-8")
