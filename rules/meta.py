"""Findings about the run itself: suppressions, unreadable input, failing backends.

These rules are reported by the engine, not by matching text; they live here so that
``articlelint rules`` lists them and ``articlelint explain`` documents them.
"""

from __future__ import annotations

from lint.diagnostic import Severity
from lint.rule import Rule, Scope


class _EngineRule(Rule):
    family = "meta"
    scope = Scope.DOCUMENT

    def check(self, doc, ctx):
        return ()


class UnusedSuppression(_EngineRule):
    """A suppression comment that hides no finding.

    **What it does**: reports `<!-- articlelint: disable … -->` comments (and `enable`,
    `disable-next-line`, `disable-file`) that suppressed nothing in this run.

    **Why**: stale suppressions hide future problems and clutter the text. Only rules that
    ran are considered: a suppression of a rule you did not select is not "unused".

    **Example**: `<!-- articlelint: disable-next-line RP004 -->` above a line without a
    repeated word.

    **Options**: none.
    """

    code = "AL001"
    name = "unused-suppression"
    severity = Severity.INFO


class UnknownSuppression(_EngineRule):
    """A suppression comment that names no known rule.

    **What it does**: reports suppression comments whose codes match no rule code, code
    prefix, rule name or family.

    **Why**: a typo in a suppression silently suppresses nothing.

    **Example**: `<!-- articlelint: disable RP999 -->`.

    **Options**: none.
    """

    code = "AL002"
    name = "unknown-suppression"


class InputError(_EngineRule):
    """A file that could not be linted: invalid UTF-8, unreadable, too large.

    **What it does**: reports why a file was not linted (with the byte offset of invalid
    UTF-8). The exit status is 2.

    **Why**: a linter that skips a file silently passes it; this says so instead.

    **Example**: `notes.txt:1:1: AL100 invalid UTF-8 at byte offset 1042 (byte 0xe9)`.

    **Options**: none (see `max-file-size` in the config).
    """

    code = "AL100"
    name = "input-error"
    severity = Severity.ERROR


class RuleCrashed(_EngineRule):
    """A rule failed on this file (a bug in articlelint or a plug-in).

    **What it does**: reports the rule and the error instead of stopping the run; the exit
    status is 2. Run with `--debug` to see the traceback.

    **Why**: one broken rule must not hide every other finding, nor pass silently.

    **Example**: `a.md:1:1: AL900 rule repeated-paragraph failed: ValueError: …`.

    **Options**: none.
    """

    code = "AL900"
    name = "rule-crashed"
    severity = Severity.ERROR
