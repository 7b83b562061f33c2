"""Linting one file: source → Document → rules → pipeline → :class:`FileResult`.

The CLI, the language server, the cache and the parallel runner all call :func:`lint_source`
or :class:`Linter`; nothing here prints.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePath
from typing import Iterable

from lint import pipeline
from lint.config import Config, ConfigError
from lint.diagnostic import Diagnostic, Severity
from lint.document import Document, LineIndex, Span
from lint.registry import Registry, load_registry, selector_matches
from lint.rule import Context, OptionsError, Rule, build_options
from lint.source import InputError, read_source
from lint.suggest import did_you_mean
from lint.suppress import parse_suppressions


from lint.result import ERROR_CODES, FileResult  # noqa: E402,F401 (re-exported)


@dataclass
class RuleSet:
    rules: list[Rule]
    settings: pipeline.PipelineSettings
    meta: dict[str, Rule]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: Path | None = None


def _known_selector(registry: Registry, selector: str) -> bool:
    # backend rule codes ("LT:EN_A_VS_AN", "harper:ModalOf") are finding-level codes
    return ":" in selector or registry.is_selector(selector)


def _check_selectors(registry: Registry, selectors: Iterable[str], where: str) -> None:
    for s in selectors:
        if not _known_selector(registry, s):
            names = list(registry.by_code) + list(registry.by_name)
            raise ConfigError(f"{where}: unknown rule selector {s!r}" + did_you_mean(s, names))


def may_enable(rule: type[Rule], config: Config) -> bool:
    """Would :func:`build_ruleset` enable ``rule`` under ``config``? Asked before the registry
    is loaded (see lint.runner's early warm-up), so it errs towards yes: a selector that is
    both another rule's exact code and a prefix of this one's counts as naming this one too.
    A wrong yes costs background work only; nothing reported depends on it."""
    for key, values in config.rule_settings().items():
        enable = dict(values).get("enabled") if key in (rule.name, rule.code) else None
        if enable is not None:
            return enable is True
    named = lambda selectors: any(selector_matches(s, rule.code, rule.name, rule.family) for s in selectors)
    if named(config.ignore):
        return False
    on = rule.default_enabled if config.select is None else named(config.select)
    return on or named(config.extend_select)


def build_ruleset(config: Config, registry: Registry | None = None) -> RuleSet:
    """Instantiate the rules a config enables, with validated options (raises ConfigError)."""
    registry = registry or load_registry(config.packs)
    where = config.where()
    _check_selectors(registry, config.select or (), config.where("select"))
    _check_selectors(registry, config.extend_select, config.where("extend-select"))
    _check_selectors(registry, config.ignore, config.where("ignore"))
    for glob, codes in config.per_file_ignores:
        _check_selectors(registry, codes, config.where("per-file-ignores", glob))

    if config.select is None:
        enabled = {r for r in registry.rules if r.default_enabled}
    else:
        enabled = {r for s in config.select for r in registry.match(s)}
    enabled |= {r for s in config.extend_select for r in registry.match(s)}
    enabled = {
        r for r in enabled
        if not any(selector_matches(s, r.code, r.name, r.family) for s in config.ignore)
    }

    settings_by_rule = config.rule_settings()
    overrides: list[tuple[str, Severity]] = []
    per_rule: dict[type[Rule], tuple[dict, Severity | None]] = {}
    for key, values in settings_by_rule.items():
        values = dict(values)
        severity = None
        if "severity" in values:
            try:
                severity = Severity.parse(str(values.pop("severity")))
            except ValueError as exc:
                raise ConfigError(f"{config.where('rules', key, 'severity')}: rules.{key}.severity: {exc}") from None
        enable = values.pop("enabled", None)
        rule = registry.get(key)
        if rule is None:
            if ":" in key and not values:  # a backend rule: severity only
                if severity is not None:
                    overrides.append((key, severity))
                if enable is False:
                    config = config  # disabled backend rules are ignored at finding level
                continue
            names = list(registry.by_name) + list(registry.by_code)
            raise ConfigError(f"{config.where('rules', key)}: [rules.{key}]: unknown rule {key!r}" + did_you_mean(key, names))
        if enable is True:
            enabled.add(rule)
        elif enable is False:
            enabled.discard(rule)
        elif enable is not None:
            raise ConfigError(f"{config.where('rules', key, 'enabled')}: rules.{key}.enabled must be true or false")
        for option, value in values.items():  # one at a time, to name the line of a bad one
            try:
                build_options(rule, {option: value}, where=f"{config.where('rules', key, option)}: ")
            except OptionsError as exc:
                raise ConfigError(str(exc)) from None
        per_rule[rule] = (values, severity)

    instances = []
    # by code; a rule with background set-up (Rule.warm_up) last, so that the others run
    # while it gets ready (the order of findings does not depend on the order of rules)
    for rule in sorted(enabled, key=lambda r: (r.warm_up is not Rule.warm_up, r.code)):
        values, severity = per_rule.get(rule, ({}, None))
        try:
            options = build_options(rule, values, where=f"{where}: ")
        except OptionsError as exc:
            raise ConfigError(str(exc)) from None
        instances.append(rule(options, severity))
    for instance in instances:
        instance.bind(instances)

    extra_ignore = tuple(
        k for k, items in settings_by_rule.items() if ":" in k and dict(items).get("enabled") is False
    )
    meta = {r.name: r() for r in registry.rules if r.family == "meta"}
    settings = pipeline.PipelineSettings(
        ignore=config.ignore + extra_ignore,
        severity_overrides=tuple(overrides),
        is_known=lambda s: _known_selector(registry, s),
        ran=frozenset((r.code, r.name, r.family) for r in instances),
    )
    return RuleSet(instances, settings, meta, config.per_file_ignores, config.root)


def _per_file_ignores(ruleset: RuleSet, path: str) -> tuple[str, ...]:
    if not ruleset.per_file_ignores or path == "-":
        return ()
    p = Path(path).resolve()
    rel = p.as_posix()
    if ruleset.root is not None:
        try:
            rel = p.relative_to(ruleset.root.resolve()).as_posix()
        except ValueError:
            pass
    out: list[str] = []
    for glob, codes in ruleset.per_file_ignores:
        if fnmatch(rel, glob) or fnmatch(PurePath(rel).name, glob) or PurePath(rel).match(glob):
            out.extend(codes)
    return tuple(out)


def run_rules(doc: Document, rules: Iterable[Rule], ruleset: RuleSet, ctx: Context,
              debug: bool = False) -> list[Diagnostic]:
    """The raw findings of ``rules`` on ``doc`` (a crashing rule gives one AL900 finding)."""
    found: list[Diagnostic] = []
    for rule in rules:
        try:
            found.extend(rule.check(doc, ctx))
        except Exception as exc:
            if debug:
                raise
            crashed = ruleset.meta["rule-crashed"]
            found.append(crashed.report(
                Span(0, 0),
                f"rule {rule.name} failed: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                traceback=traceback.format_exc(),
            ))
    return found


def finish_document(doc: Document, found: list[Diagnostic], ruleset: RuleSet,
                    baseline=None) -> list[Diagnostic]:
    """Raw findings → the file's findings: suppressions, ignores, severities, baseline, sort."""
    found = [d.with_(path=doc.path) if d.path != doc.path else d for d in found]
    suppressions = parse_suppressions(doc) if doc.comments else []
    settings = ruleset.settings
    pfi = _per_file_ignores(ruleset, doc.path)
    if pfi:
        settings = pipeline.PipelineSettings(
            ignore=settings.ignore + pfi,
            severity_overrides=settings.severity_overrides,
            is_known=settings.is_known,
            ran=settings.ran,
        )
    out = pipeline.run(found, doc, suppressions, settings, ruleset.meta, baseline)
    return [d.with_(path=doc.path) if d.path != doc.path else d for d in out]


def lint_document(doc: Document, ruleset: RuleSet, ctx: Context | None = None,
                  baseline=None, debug: bool = False) -> list[Diagnostic]:
    found = run_rules(doc, ruleset.rules, ruleset, ctx or Context(), debug)
    return finish_document(doc, found, ruleset, baseline)


def lint_source(source: str, path: str, ruleset: RuleSet, ctx: Context | None = None,
                baseline=None, debug: bool = False, fmt: str | None = None) -> FileResult:
    from lint.parse import parse

    try:
        doc = parse(source, path, fmt)
    except Exception as exc:  # a parser bug must not stop the run nor pass the file silently
        if debug:
            raise
        crashed = ruleset.meta["rule-crashed"]
        diag = crashed.report(
            Span(0, 0),
            f"the parser failed on this file: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
            traceback=traceback.format_exc(),
        ).with_(path=path)
        return FileResult(path, source, [diag])
    diags = lint_document(doc, ruleset, ctx, baseline, debug)
    return FileResult(path, source, diags)


def input_error_result(path: str, error: InputError, ruleset: RuleSet | None, meta_rule: Rule | None = None) -> FileResult:
    if error.kind == "binary":
        return FileResult(path, None, [], skipped="binary", notice=error.message)
    rule = meta_rule or (ruleset.meta["input-error"] if ruleset else None)
    text = error.text or ""
    at = min(error.offset, len(text))
    diag = rule.report(Span(at, at), error.message).with_(path=path)
    return FileResult(path, text, [diag], skipped=error.kind)


def lint_path(path: str, config: Config, ctx: Context | None = None, baseline=None,
              debug: bool = False, stdin_filename: str | None = None,
              ruleset: RuleSet | None = None) -> FileResult:
    ruleset = ruleset or build_ruleset(config)
    display = stdin_filename if path == "-" and stdin_filename else path
    try:
        src = read_source(path, config.max_file_size)
    except InputError as exc:
        return input_error_result(display, exc, ruleset)
    return lint_source(src.text, display, ruleset, ctx or Context(config=config), baseline, debug)
