"""articlelint: a linter for article text."""

__version__ = "0.1.0"
