"""Running the command line in-process (click's runner) for tests."""

from __future__ import annotations

from click.testing import CliRunner

from lint.cli import main


def run(*args, input=None, env=None):
    """Invoke ``articlelint ARGS``; exceptions propagate so a traceback fails the test."""
    return CliRunner().invoke(main, [str(a) for a in args], input=input, env=env, catch_exceptions=False)
