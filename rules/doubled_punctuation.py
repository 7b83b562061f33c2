"""Doubled punctuation."""

from lint.backends.builtin import doubled_punctuation
from lint.diagnostic import Severity

from ._grammar_slip import SlipRule


class DoubledPunctuation(SlipRule):
    """Two punctuation marks where one belongs: `,,` `;;` `,.` `..`.

    **What it does**: flags doubled commas and semicolons, a comma or semicolon followed by a
    full stop or another comma/semicolon, exactly two full stops after a word, and `: :`.

    **Why**: doubled marks are editing leftovers. An ellipsis (`...`, `…`), `etc.,`, `U.S.,`,
    `?!` and `!!` (emphasis, a matter of taste) are not reported.

    **Example**: `the others..` → `the others.`; `Hello,, world` → `Hello, world`.

    **Options**: none.
    """

    code = "GR002"
    name = "doubled-punctuation"
    severity = Severity.WARNING
    find = staticmethod(doubled_punctuation)
