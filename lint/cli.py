"""The command line: ``articlelint check|rules|explain|init``.

Exit status (computed apart from printing, see :class:`Outcome`): 0 nothing at or above
``--fail-on``; 1 findings; 2 usage, config or input error.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import click

from lint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class Outcome:
    """Counts findings and errors of a run and owns the exit status."""

    fail_on: str = "warning"
    findings: int = 0
    failing: int = 0
    files: int = 0
    errors: int = 0

    def add(self, result, fail_on: str | None = None) -> None:
        """Count a file's findings against ``fail_on`` (its config's), or the run's."""
        from lint.diagnostic import Severity

        self.files += 1
        if result.has_error:
            self.errors += 1
        fail_on = fail_on or self.fail_on
        threshold = None if fail_on == "never" else Severity.parse(fail_on)
        for d in result.diagnostics:
            self.findings += 1
            if threshold is not None and d.severity >= threshold:
                self.failing += 1

    @property
    def exit_status(self) -> int:
        if self.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failing else EXIT_OK


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"articlelint: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    out = []
    for v in values:
        out.extend(p for p in v.replace(" ", ",").split(",") if p)
    return tuple(out)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="articlelint")
def main() -> None:
    """A linter for article text: repeated paragraphs, grammar slips, template footers,
    readability."""


FORMAT_CHOICES = ("text", "json", "sarif", "github", "checkstyle", "rdjsonl")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes, names or families (comma-separated).")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selected ones.")
@click.option("--ignore", multiple=True, help="Rules or finding codes to ignore.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "never"]), default=None,
              help="Lowest severity that makes the exit status 1 [default: warning].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file for every path (no discovery).")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--stdin-filename", help="The path to report (and pick a parser and config by) when reading '-'; "
              "with no PATHS, reads standard input.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Do not report findings recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record the current findings in this baseline file (exit 0, or 2 if a file could not be linted).")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of findings.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option("--color/--no-color", default=None, help="Colour the text output [default: only on a terminal].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for many files; 1 lints in-process [default: number of cores].")
@click.option("--no-cache", is_flag=True, help="Do not read or write the results cache (.articlelint_cache/).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), envvar="ARTICLELINT_CACHE_DIR",
              help="Keep the results cache here [default: .articlelint_cache/ in the project root].")
def check(paths, fmt, output, select, extend_select, ignore, fail_on, config_file, isolated,
          stdin_filename, baseline, write_baseline, statistics, quiet, debug, color,
          jobs=None, no_cache=False, cache_dir=None):
    """Lint PATHS (files or folders; '-' reads standard input)."""
    try:
        status = _check(paths, fmt, output, select, extend_select, ignore, fail_on, config_file,
                        isolated, stdin_filename, baseline, write_baseline, statistics, quiet,
                        debug, color, jobs=jobs, no_cache=no_cache, cache_dir=cache_dir)
    except click.exceptions.Exit:
        raise
    except click.ClickException:
        raise
    except KeyboardInterrupt:
        raise _fail("interrupted")
    except Exception as exc:  # never a traceback unless asked for
        if debug:
            raise
        raise _fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
    raise click.exceptions.Exit(status)


def _check(paths, fmt, output, select, extend_select, ignore, fail_on, config_file, isolated,
           stdin_filename, baseline_file, write_baseline, statistics, quiet, debug, color,
           jobs=None, no_cache=False, cache_dir=None) -> int:
    from lint.config import ConfigCache
    from lint.report import render

    from lint.runner import RunOptions, UsageError, collect_targets, lint_targets

    if config_file is not None and not config_file.is_file():
        raise _fail(f"{config_file}: config file does not exist")
    overrides = {"select": _split(select), "extend_select": _split(extend_select)}
    configs = ConfigCache(config_file, isolated, overrides)

    def notice(message: str) -> None:
        if not quiet:
            click.echo(f"articlelint: warning: {message}", err=True)

    try:
        # no paths: the current folder, or standard input when it is given a name
        default = ("-",) if stdin_filename else (".",)
        targets = collect_targets(paths or default, configs, stdin_filename, on_notice=notice)
        _check_cli_selectors(targets, {"--select": _split(select), "--extend-select": _split(extend_select),
                                       "--ignore": _split(ignore)})
    except Exception as exc:
        if not isinstance(exc, (UsageError, *_setup_errors())):
            raise
        raise _fail(str(exc))

    baseline = None
    if baseline_file is not None:
        from lint.baseline import Baseline, BaselineError

        try:
            baseline = Baseline(baseline_file)
        except BaselineError as exc:
            raise _fail(str(exc))

    from lint import replay

    recorder = replay.active()
    if recorder is not None:  # an answer a re-run of this command may print (lint.replay)
        recorder.note_inputs(targets, extra_files=(config_file, baseline_file))

    options = RunOptions(extra_ignore=_split(ignore) or (), baseline=baseline, debug=debug,
                         stdin_filename=stdin_filename, jobs=jobs, cache=not no_cache,
                         cache_dir=cache_dir,
                         keep_sources=fmt in ("sarif", "rdjsonl") or write_baseline is not None)
    try:
        all_results = lint_targets(targets, options)
    except Exception as exc:
        if not isinstance(exc, _setup_errors()):
            raise
        raise _fail(str(exc))
    results = []
    for result in all_results:
        if result.skipped == "binary":
            if not quiet:
                click.echo(f"articlelint: notice: {result.notice}", err=True)
            continue
        if result.skipped and fmt != "text" and output is None:
            # the report on stdout is for machines; say it where a person looks too
            for d in result.diagnostics:
                click.echo(f"articlelint: error: {result.path}: {d.message}", err=True)
        results.append(result)
    # --fail-on wins; otherwise each file's own config decides for its findings
    fail_on_of = {t.path if t.path != "-" else (stdin_filename or "-"): t.config.fail_on for t in targets}

    if write_baseline is not None:
        from lint.baseline import write_baseline as write_bl

        try:
            n = write_bl(write_baseline, results)
        except OSError as exc:
            raise _fail(f"{write_baseline}: cannot write the baseline: {exc.strerror or exc}")
        click.echo(f"articlelint: wrote {n} finding(s) to {write_baseline}", err=True)
        failed = [r for r in results if r.has_error]
        for r in failed:
            for d in r.diagnostics:
                if d.code in ("AL100", "AL900") or d.extra.get("run_error"):
                    click.echo(f"articlelint: error: {r.path}: {d.message}", err=True)
        return EXIT_ERROR if failed else EXIT_OK

    outcome = Outcome(fail_on=fail_on or "warning")
    for r in results:
        outcome.add(r, fail_on or fail_on_of.get(r.path))
    if recorder is not None:
        stats = options.stats
        recorder.note_run(
            output is None and not stdin_filename and not stats.get("unsettled") and not stats.get("progress")
            and len(all_results) == len(results) and not any(r.has_error or r.skipped for r in results),
            stats.get("cache_folders", ()))

    # 3. report
    if statistics:
        counts = Counter((d.code, d.name) for r in results for d in r.diagnostics)
        text = "".join(f"{n:6d}  {code:<10} {name}\n" for (code, name), n in counts.most_common())
    else:
        if color is None:
            color = (fmt == "text" and output is None and sys.stdout.isatty()
                     and not os.environ.get("NO_COLOR"))
        # only SARIF lists the rules (loading them imports every rule module)
        rules = None
        if fmt == "sarif":
            from lint.registry import load_registry

            rules = list(load_registry())
        text = render(fmt, results, color=bool(color), rules=rules)
    if output is not None:
        tmp = output.with_name(output.name + ".tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(output)
        except OSError as exc:
            raise _fail(f"{output}: cannot write the report: {exc.strerror or exc}")
    else:
        click.echo(text, nl=False, color=bool(color) if not statistics else None)
    if not quiet and fmt == "text":
        n, files = outcome.findings, len(results)
        summary = f"Found {n} finding{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}."
        if outcome.errors:
            summary += f" {outcome.errors} file(s) could not be linted."
        click.echo(summary, err=True)
    return outcome.exit_status


def _setup_errors() -> tuple[type[Exception], ...]:
    """Errors of a bad config, pack or rule plugin: a message, never a traceback. (Imported
    only when something failed: the pack loader brings in a YAML parser.)"""
    from lint.config import ConfigError
    from lint.packs import PackError
    from lint.registry import RegistryError

    return ConfigError, PackError, RegistryError


def _check_cli_selectors(targets, given: dict) -> None:
    """Unknown rule selectors on the command line are a usage error naming the option."""
    if not any(given.values()):
        return  # nothing to check: loading the rules would import every rule module
    from lint.engine import _known_selector
    from lint.registry import load_registry
    from lint.suggest import did_you_mean

    packs = {t.config.packs for t in targets} or {()}
    registries = [load_registry(p) for p in sorted(packs)]
    for option, selectors in given.items():
        for s in selectors or ():
            if not any(_known_selector(r, s) for r in registries):
                names = {n for r in registries for n in (*r.by_code, *r.by_name)}
                raise click.UsageError(f"{option}: unknown rule selector {s!r}" + did_you_mean(s, sorted(names)))


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              help="markdown: the table in the README.")
@click.option("--all", "show_all", is_flag=True, help="Include rules of the meta family.")
def rules_cmd(fmt, show_all):
    """List the rules: code, name, family, severity, fixable."""
    import json as _json

    registry = _registry_or_exit()
    rows = [r for r in registry if show_all or r.family != "meta"]
    if fmt == "markdown":
        click.echo("| Code | Name | Family | Severity | Fixable | On by default | What it flags |")
        click.echo("|---|---|---|---|---|---|---|")
        for r in rows:
            summary = r.summary().replace("|", "\\|")
            click.echo(f"| {r.code} | `{r.name}` | {r.family} | {r.severity} | {'yes' if r.fixable else 'no'} "
                       f"| {'yes' if r.default_enabled else 'no'} | {summary} |")
        return
    if fmt == "json":
        click.echo(_json.dumps([
            {"code": r.code, "name": r.name, "family": r.family, "severity": str(r.severity),
             "fixable": r.fixable, "default_enabled": r.default_enabled, "summary": r.summary()}
            for r in rows], indent=2))
        return
    click.echo(f"{'CODE':<7} {'NAME':<28} {'FAMILY':<12} {'SEVERITY':<8} {'FIX':<4} SUMMARY")
    for r in rows:
        enabled = "" if r.default_enabled else " (off by default)"
        click.echo(f"{r.code:<7} {r.name:<28} {r.family:<12} {str(r.severity):<8} {'yes' if r.fixable else '-':<4} {r.summary()}{enabled}")


def _registry_or_exit():
    """The registry with the packs the current folder's config names (if any)."""
    from lint.config import find_config, load_config
    from lint.registry import load_registry

    try:
        found = find_config(Path.cwd())
        packs = load_config(found).packs if found else ()
        return load_registry(packs)
    except _setup_errors() as exc:
        raise _fail(str(exc))


@main.command()
@click.argument("rule")
def explain(rule):
    """Print the documentation of RULE (a code or a name)."""
    from lint.suggest import did_you_mean

    registry = _registry_or_exit()
    found = registry.get(rule)
    if found is None:
        raise _fail(f"unknown rule {rule!r}" + did_you_mean(rule, list(registry.by_name) + list(registry.by_code)))
    header = f"{found.code} {found.name} ({found.family}, {found.severity}"
    header += ", fixable)" if found.fixable else ")"
    click.echo(header)
    click.echo("")
    click.echo(found.doc())
    import dataclasses

    fields = dataclasses.fields(found.Options)
    if fields:
        click.echo("")
        click.echo("Options (defaults):")
        for f in fields:
            click.echo(f"  {f.name.replace('_', '-')} = {f.default!r}")


@main.command()
@click.option("--pyproject", is_flag=True, help="Append a [tool.articlelint] table to pyproject.toml instead.")
def init(pyproject):
    """Write a starter config (.articlelint.toml) in the current folder."""
    from lint.config import STARTER

    if pyproject:
        path = Path("pyproject.toml")
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        if "[tool.articlelint" in existing:
            raise _fail("pyproject.toml already has a [tool.articlelint] table")
        body = _as_pyproject(STARTER)
        path.write_text(existing + ("\n" if existing and not existing.endswith("\n") else "") + body, encoding="utf-8")
    else:
        path = Path(".articlelint.toml")
        if path.exists():
            raise _fail(f"{path} already exists")
        path.write_text(STARTER, encoding="utf-8")
    click.echo(f"wrote {path}")


def _as_pyproject(starter: str) -> str:
    out = ["[tool.articlelint]"]
    for line in starter.splitlines():
        stripped = line.lstrip("# ")
        if line.startswith("[") :
            line = "[tool.articlelint." + line[1:]
        elif line.startswith("# [") and stripped.startswith("["):
            line = "# [tool.articlelint." + stripped[1:]
        out.append(line)
    return "\n".join(out) + "\n"


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input/output (the default and only transport).")
@click.option("--debounce", type=click.FloatRange(min=0), default=0.3, show_default=True,
              help="Seconds to wait after a change before linting (open and save lint at once).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file for every document (no discovery).")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
def server(stdio, debounce, config_file, isolated):
    """Run the language server (LSP over stdio) for editors."""
    from lint.server import serve

    serve(debounce=debounce, config=config_file, isolated=isolated)


from lint.languagetool_cli import languagetool as _languagetool_group  # noqa: E402
main.add_command(_languagetool_group)
