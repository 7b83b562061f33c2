"""Grammar slips found by a backend: Harper (default), LanguageTool, or both."""

from __future__ import annotations

import time

from pathlib import Path
from typing import Iterator

from lint.diagnostic import Diagnostic, Edit, Fix, Severity
from lint.document import Document, Span
from lint.rule import Context, Rule, Scope


class GrammarBackend(Rule):
    """Grammar slips found by Harper or LanguageTool; each finding is coded by backend rule.

    **What it does**: sends the prose of each paragraph (markup, code and URLs already
    stripped) to the grammar backend chosen by `grammar.backend` and reports what it finds at
    the exact source position. Finding codes name the backend rule: `harper:AnA`,
    `LT:EN_A_VS_AN`, so one backend rule can be ignored (`ignore = ["LT:EN_A_VS_AN"]`) or
    given its own severity (`[rules."LT:EN_A_VS_AN"] severity = "error"`).

    - `harper` (default): offline, in-process, tens of milliseconds per article.
    - `languagetool`: a LanguageTool server. Text goes only to `grammar.languagetool.url`
      (or `$LANGUAGETOOL_URL`) or, when neither is set, to a server articlelint provisions
      (Maven, Java 17) and starts on 127.0.0.1 (`articlelint languagetool serve` runs one by
      hand). Never the public LanguageTool API unless you configure its URL.
    - `both`: both, a finding reported once when both flag the same words; `none`: off.

    Results are cached by (backend, version, options, paragraph hash): an unchanged paragraph
    is never sent twice. A backend that is missing, down, slow or refuses gives one
    `grammar-backend-unavailable` finding naming the cause, and the exit status is 2.

    **Why**: grammar slips (wrong article, agreement, confused words) undermine trust in an
    article, and good checkers exist; this rule makes them usable in a hook or CI.

    **Off by default**: spelling and other dictionary checks (news is full of names;
    `grammar.spelling = true` turns them on, with `grammar.dictionary`, a file of one word per
    line); findings that duplicate another family (long sentences: readability); matters of
    taste, dialect and house style (style and redundancy categories, British or American
    usage, Oxford comma, title case, contractions, curly quotes, dashes, two spaces after a
    full stop, commas before "and" or after an introductory phrase, renamed places, accents on
    loanwords, open or hyphenated compounds); and what the builtin GR001-GR004 rules already
    report. Never reported: a finding beside inline code, an image or a URL the parser dropped
    (the backend saw "an trait object" for "an `Any` trait object"), and a lower-case start of
    a list item, table cell or heading. The full list is `lint/backends/policy.py`;
    `grammar.enable = ["LT:COMMA_COMPOUND_SENTENCE"]` turns one back on, `grammar.disable`
    turns any off.

    **Quality** (`python bench/grammar_eval.py`, 747 GUG learner sentences, spelling off,
    these defaults): LanguageTool flags 40.0% of erroneous sentences and 11.7% of perfect
    ones, Harper 27.4% / 10.8%, both 44.4% / 14.6%. LanguageTool is the best backend (and the
    quieter one on edited prose: 114 findings per 100 news articles, Harper 88, most of
    Harper's false); Harper stays the default backend because it needs no Java server and
    costs tens of milliseconds. Neither reaches 50% / 10%: see `docs/grammar.md`.

    **Example**: `This is an test.` → `LT:EN_A_VS_AN Use “a” instead of ‘an’…` or
    `harper:AnA Incorrect indefinite article.`

    **Options**: set under `[grammar]`: `backend`, `spelling`, `dictionary`, `enable`,
    `disable`, `[grammar.languagetool] url / local / port`.
    """

    code = "GR100"
    name = "grammar-backend"
    family = "grammar"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT

    def warm_up(self, ctx: Context) -> None:
        # Harper's linter takes about 0.6 s to build, with the GIL released: build it while
        # the other rules run. LanguageTool's server starts on first use as before.
        from lint.backends.base import BackendError

        grammar = _grammar_config(ctx)
        if grammar.backend in ("harper", "both"):
            try:
                backend, _ = _backend(ctx, "harper", grammar)
            except BackendError:
                return  # check() reports it
            warm = getattr(backend, "warm_up", None)
            if warm is not None:
                warm()

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        from lint.backends.base import BackendError
        from lint.backends.policy import plausible

        grammar = _grammar_config(ctx)
        names = {"harper": ("harper",), "languagetool": ("languagetool",),
                 "both": ("languagetool", "harper"), "none": ()}.get(grammar.backend)
        if names is None:
            yield _unavailable(doc, f"unknown grammar backend {grammar.backend!r}")
            return
        if not names:
            return
        blocks = [b for b in doc.blocks if b.text.strip()]
        if not blocks:
            return
        texts = [b.text for b in blocks]
        seen_spans: set[tuple[int, int]] = set()
        found: list[Diagnostic] = []
        for name in names:
            try:
                backend, prefix = _backend(ctx, name, grammar)
                answers = _check_cached(ctx, backend, texts)
            except BackendError as exc:  # the other backend of "both" still reports
                found.append(_unavailable(doc, exc.cause))
                continue
            for block, matches in zip(blocks, answers):
                for m in matches:
                    code = f"{prefix}:{m.rule_id}"
                    if not _reported(prefix, m, code, grammar) or not plausible(prefix, m, block.text, block.gaps, block.kind):
                        continue
                    span = block.source_span(m.start, m.end)
                    if (span.start, span.end) in seen_spans:  # "both": the same words, once
                        continue
                    seen_spans.add((span.start, span.end))
                    fix = None
                    if m.replacements and all(block.is_verbatim(i) for i in range(m.start, m.end)):
                        fix = Fix(f"Replace with {m.replacements[0]!r}", (Edit(span, m.replacements[0]),))
                    message = m.message.strip()
                    if m.replacements:
                        message += " Suggestion: " + ", ".join(repr(r) for r in m.replacements[:3])
                    found.append(self.report(span, message, fix=fix, code=code,
                                             category=m.category, backend=backend.name))
        yield from found


def _defaults_doc() -> str:
    from lint.backends.policy import (DISABLED_CATEGORIES, DISABLED_RULE_PREFIXES, DISABLED_RULES,
                                      SPELLING_LIKE_CATEGORIES, SPELLING_LIKE_RULES)

    lines = ["", "**Backend rules off by default** (from `lint/backends/policy.py`):", ""]
    for prefix in sorted(DISABLED_RULES):
        cats = ", ".join(sorted(DISABLED_CATEGORIES.get(prefix, ())))
        rules = ", ".join(f"`{prefix}:{r}`" for r in sorted(DISABLED_RULES[prefix]))
        starts = "".join(f", `{prefix}:{p}*`" for p in DISABLED_RULE_PREFIXES.get(prefix, ()))
        lines.append(f"- {prefix}: categories {cats}; rules {rules}{starts}.")
        spelling = sorted(SPELLING_LIKE_CATEGORIES.get(prefix, ())) + [
            f"`{prefix}:{r}`" for r in sorted(SPELLING_LIKE_RULES.get(prefix, ()))]
        if spelling:
            lines.append(f"- {prefix}, with spelling (dictionary checks): {', '.join(spelling)}.")
    return "\n".join("    " + line if line else "" for line in lines)  # the docstring's indent


GrammarBackend.__doc__ = (GrammarBackend.__doc__ or "") + _defaults_doc()


class GrammarBackendUnavailable(Rule):
    """The grammar backend could not check the text: missing, down, slow or refusing.

    **What it does**: reports, once per file, why grammar was not checked: Harper not
    installed, Java or Maven missing, the LanguageTool server refusing connections, timing
    out, or answering HTTP 413/500. The exit status is 2: a grammar check that did not run
    must never pass silently.

    **Why**: a linter that quietly reports zero grammar findings when its backend is down
    is worse than one that fails.

    **Example**: `a.md:1:1: AL200 grammar not checked: LanguageTool at http://127.0.0.1:8081/
    is not reachable (connection refused); is the server running?`

    **Options**: none; see `[grammar]` in the config.
    """

    code = "AL200"
    name = "grammar-backend-unavailable"
    family = "meta"
    severity = Severity.ERROR
    scope = Scope.DOCUMENT

    def check(self, doc, ctx):
        return ()


# -- helpers -----------------------------------------------------------------------------

def _grammar_config(ctx: Context):
    from lint.config import GrammarConfig

    config = ctx.config
    return getattr(config, "grammar", None) or GrammarConfig()


def _unavailable(doc: Document, cause: str) -> Diagnostic:
    rule = GrammarBackendUnavailable()
    return rule.report(Span(0, 0), f"grammar not checked: {cause}", run_error=True)


def _reported(prefix: str, match, code: str, grammar) -> bool:
    from lint.backends.policy import enabled_by_default

    def named(selectors) -> bool:
        return any(code == s or code.upper().startswith(s.upper()) or s == match.category
                   for s in selectors)

    if named(grammar.disable):
        return False
    if named(grammar.enable):
        return True
    return enabled_by_default(prefix, match, spelling=grammar.spelling)


def _dictionary_words(ctx: Context, grammar) -> tuple[str, ...]:
    if not grammar.dictionary:
        return ()
    from lint.backends.base import BackendError

    config = ctx.config
    root = getattr(config, "root", None) or Path.cwd()
    path = Path(grammar.dictionary)
    if not path.is_absolute():
        path = root / path
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BackendError(f"cannot read the grammar dictionary {path}: {exc}") from exc
    return tuple(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))


def _backend(ctx: Context, name: str, grammar):
    """(backend, finding-code prefix); backends are shared by the whole process."""
    from lint.backends import get_backend, languagetool_url
    from lint.backends.policy import HARPER_PREFIX, LT_PREFIX

    words = _dictionary_words(ctx, grammar) if grammar.spelling else ()
    lt = grammar.languagetool
    backend = get_backend(
        name,
        words=words,
        spelling=grammar.spelling,
        languagetool_url=languagetool_url(lt.url),
        languagetool_local=lt.local,
        languagetool_port=lt.port,
    )
    return backend, (LT_PREFIX if name == "languagetool" else HARPER_PREFIX)


def _check_cached(ctx: Context, backend, texts: list[str]):
    from lint.backends.base import BackendError
    from lint.backends.cache import ResultCache, cache_dir, cached_check

    root = getattr(ctx.config, "root", None)
    # the same folder as the results cache (lint.cache); a runner may pass its --no-cache /
    # --cache-dir as ctx.services["cache-settings"] = (enabled, folder or None)
    enabled, folder = ctx.services.get("cache-settings", (None, None))
    cache = ctx.service("grammar-cache", lambda: ResultCache(cache_dir(root, folder), enabled=enabled))
    failures = ctx.service("grammar-failures", dict)
    key = (backend.name, getattr(backend, "options_key", ""))
    failed = failures.get(key)
    if failed is not None and time.monotonic() - failed[1] < RETRY_AFTER:
        raise BackendError(failed[0])  # do not wait for a dead server once per file
    try:
        answers = cached_check(backend, texts, cache)
    except BackendError as exc:
        failures[key] = (exc.cause, time.monotonic())
        raise
    failures.pop(key, None)  # back up (a long-lived language server sees it recover)
    return answers


#: seconds before a backend that failed is tried again (a CLI run over many files asks a
#: dead server about once in this time, not once per file; an editor's server recovers)
RETRY_AFTER = 30.0
