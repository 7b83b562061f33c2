"""placeholder-text (BP004): drafting placeholders left in published text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from lint.document import Document
from lint.packs import has_unsafe_fold
from lint.rule import Context, Rule, Scope

# Template variable names that are clearly placeholders when written as {name}.
_TEMPLATE_NAMES = (
    "name|first_?name|last_?name|full_?name|user_?name|user|email|company|company_?name|"
    "title|date|url|link|city|country|author|product|product_?name|site_?name|brand|"
    "keyword|keywords|topic|price|phone|address|location|recipient|sender|organi[sz]ation"
)

PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("lorem ipsum", re.compile(r"\blorem\s+ipsum(?:\s+dolor\s+sit\s+amet)?\b|\bdolor\s+sit\s+amet\b", re.IGNORECASE)),
    # journalists' "to come": TK or TKTK, upper case, not a name such as "TK Maxx"
    ("TK (to come)", re.compile(r"(?<![\w-])TK(?:TK)+(?![\w-])|(?<![\w-])TK(?![\w-])(?!\s*[A-Z0-9&])")),
    ("[insert …]", re.compile(r"[\[<({]\s*insert\b[^\]>)}\n]{0,60}[\]>)}]", re.IGNORECASE)),
    ("INSERT …", re.compile(r"\bINSERT(?:\s+[A-Z]{2,}){1,3}\b")),
    ("template variable", re.compile(r"\{\{\s*[\w.\-|' ]{1,60}?\s*\}\}|\{%\s*[^%\n]{1,60}%\}|\$\{\s*\w+\s*\}")),
    ("template variable", re.compile(rf"(?<![\w{{$])\{{\s*(?:{_TEMPLATE_NAMES})\s*\}}(?!\}})", re.IGNORECASE)),
    ("format placeholder", re.compile(r"(?<![\w%\\])%(?:\(\w+\))?[sd](?![\w])")),
    ("placeholder", re.compile(
        r"\b(?:your|add|insert|enter|put)\s+(?:text|title|headline|content|caption|copy|name)\s+here\b"
        r"|\b(?:text|headline|title|caption|copy|link)\s+goes\s+here\b"
        r"|\[(?:link|url|citation needed|source|photo|image|quote|name|date)\]",
        re.IGNORECASE,
    )),
)

# What each pattern above cannot match without (literals, found with `in`, which is much
# faster than a regex scan): a block is searched only for the patterns it may hold. The
# case-insensitive ones are tested on the lower-cased text, which is exact unless the text
# holds İ, ı or ſ (which re.IGNORECASE folds to ASCII letters, and lower() does not): then
# every pattern runs. "placeholder" needs a "[", or "here" with "goes" and one of its nouns,
# or with one of its verbs and one of its nouns ("there" and "where" are common, the rest
# together rare).
_PUT = ("your", "add", "insert", "enter", "put")
_PUT_WHAT = ("text", "title", "headline", "content", "caption", "copy", "name")
_GOES_WHAT = ("text", "headline", "title", "caption", "copy", "link")


def _any_in(low: str, words: tuple[str, ...]) -> bool:
    for word in words:
        if word in low:
            return True
    return False


def may_hold(text: str) -> list[bool]:
    """For each pattern, whether ``text`` may match it."""
    if has_unsafe_fold(text):
        return [True] * len(PATTERNS)
    low = text.lower()
    brace = "{" in text
    return [
        "lorem" in low or "dolor" in low,
        "TK" in text,
        "insert" in low,
        "INSERT" in text,
        brace,
        brace,
        "%" in text,
        "[" in text or ("here" in low and (
            ("goes" in low and _any_in(low, _GOES_WHAT)) or (_any_in(low, _PUT) and _any_in(low, _PUT_WHAT)))),
    ]


class PlaceholderText(Rule):
    """Drafting placeholders left in the text: lorem ipsum, TK, [insert …], {{ name }}.

    **What it does**: flags placeholder text that a writer or a template meant to replace:
    lorem ipsum, the journalists' "TK"/"TKTK" (to come; upper case, and not a name such as
    "TK Maxx"), "[insert quote]", "INSERT LINK", template variables (`{{ name }}`,
    `{% if %}`, `${name}`, `{first_name}` and other well-known variable names, but not any
    word in braces), printf placeholders (`%s`, `%d`, `%(name)s`) and "text goes here".
    Code is never seen: the Markdown and HTML parsers drop code spans and blocks.

    **Why**: a placeholder that reaches readers is an unmistakable sign of an unfinished or
    machine-filled article.

    **Example**:

        The company was founded in TK by [insert founder].     <- BP004 (twice)
        Dear {{ first_name }}, thanks for subscribing!          <- BP004

    **Options**: `kinds` (all): the placeholder kinds to report, from `lorem ipsum`,
    `TK (to come)`, `[insert …]`, `INSERT …`, `template variable`, `format placeholder`,
    `placeholder`.
    """

    code = "BP004"
    name = "placeholder-text"
    family = "boilerplate"
    scope = Scope.BLOCK

    @dataclass(frozen=True)
    class Options:
        kinds: tuple[str, ...] = tuple(dict.fromkeys(k for k, _ in PATTERNS))

    def check(self, doc: Document, ctx: Context) -> Iterator:
        kinds = set(self.options.kinds)
        for block in doc.blocks:
            text = block.text
            maybe = may_hold(text)
            if not any(maybe):
                continue
            seen: list[tuple[int, int]] = []
            for (kind, rx), may in zip(PATTERNS, maybe):
                if kind not in kinds or not may:
                    continue
                for m in rx.finditer(text):
                    if any(a < m.end() and m.start() < b for a, b in seen):
                        continue
                    seen.append(m.span())
                    yield self.report(
                        block.source_span(m.start(), m.end()),
                        f"placeholder left in the text ({kind}): “{m.group(0)}”",
                        fingerprint_text=m.group(0),
                        kind=kind,
                    )
