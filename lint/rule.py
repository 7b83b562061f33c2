"""The Rule base class.

A rule is one class in one module of ``rules/``: a stable ``code`` and readable ``name`` (both
accepted everywhere), a ``family``, a default ``severity``, a ``scope`` and a frozen
``Options`` dataclass validated from config. Its docstring (*What it does / Why / Example /
Options*) is its documentation: ``articlelint explain RULE`` prints it.

Override one of ``check`` (whole document), ``check_block`` or ``check_sentence``; the
default ``check`` walks the document according to ``scope``. Report with :meth:`Rule.report`.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import types
import typing
from dataclasses import dataclass
from typing import Any, ClassVar, Iterable, Iterator

from lint.diagnostic import Diagnostic, Fix, Related, Severity
from lint.document import Block, Document, Sentence, Span

FAMILIES = ("repetition", "boilerplate", "grammar", "readability", "meta")


class Scope(enum.Enum):
    DOCUMENT = "document"  # the whole document at once
    BLOCK = "block"  # each block of prose
    SENTENCE = "sentence"  # each sentence
    LINE = "line"  # each line of each block (scraped dumps keep one block per line)
    TAIL = "tail"  # the end (and head) of the document
    CORPUS = "corpus"  # facts across the files of a repository


@dataclass(frozen=True)
class NoOptions:
    pass


class OptionsError(ValueError):
    """A rule option has an unknown name or a wrong type (message says which)."""


@dataclass
class Context:
    """What a rule may know beyond the document: its options come on the rule itself.

    ``services`` gives lazily-built shared helpers (corpus index, grammar backends), keyed by
    name, so a run that needs none of them never builds them.
    """

    config: Any = None  # lint.config.Config for this file
    services: dict = dataclasses.field(default_factory=dict)

    def service(self, name: str, factory):
        if name not in self.services:
            self.services[name] = factory()
        return self.services[name]


class Rule:
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    family: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    scope: ClassVar[Scope] = Scope.BLOCK
    #: enabled unless the config selects otherwise
    default_enabled: ClassVar[bool] = True
    fixable: ClassVar[bool] = False
    Options: ClassVar[type] = NoOptions
    #: where a YAML pack rule came from (None for Python rules)
    origin: ClassVar[str | None] = None
    #: False when findings depend on more than the file's text and the rule's options (other
    #: files of the repository, the clock, the network): the results cache then re-runs this
    #: rule on every run. Rules of scope CORPUS are never cached either. See lint/cache.py.
    cacheable: ClassVar[bool] = True

    def __init__(self, options: Any = None, severity: Severity | None = None) -> None:
        self.options = options if options is not None else self.Options()
        self.effective_severity = severity or self.severity

    # -- documentation ---------------------------------------------------------------
    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The docstring's first paragraph on one line."""
        first = cls.doc().split("\n\n", 1)[0]
        return " ".join(first.split())

    def cache_key(self, ctx: Context) -> str:
        """Extra input the findings depend on, besides the file, the config and the options
        (a backend's version, a word list's hash): part of the results cache key."""
        return ""

    def bind(self, rules: list["Rule"]) -> None:
        """Called once with every rule of the run (this one included), before any check: a
        rule whose findings defer to another rule's looks it up here."""

    def warm_up(self, ctx: Context) -> None:
        """Start, in the background, slow set-up the first check would wait for (a native
        library's model). Called at most once per process, before the first check, and only
        when the process has a core to spare and will not fork; check() must work without it."""

    # -- checking --------------------------------------------------------------------
    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        if self.scope in (Scope.BLOCK, Scope.TAIL, Scope.CORPUS):
            for block in doc.blocks:
                yield from self.check_block(doc, block, ctx)
        elif self.scope is Scope.SENTENCE:
            for sentence in doc.sentences:
                yield from self.check_sentence(doc, sentence, ctx)
        elif self.scope is Scope.LINE:
            for block in doc.blocks:
                for start, end in block.lines():
                    yield from self.check_line(doc, block, start, end, ctx)
        else:
            raise NotImplementedError(f"{type(self).__name__} must override check()")

    def check_block(self, doc: Document, block: Block, ctx: Context) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def check_sentence(self, doc: Document, sentence: Sentence, ctx: Context) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def check_line(self, doc: Document, block: Block, start: int, end: int, ctx: Context) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def report(
        self,
        span: Span,
        message: str,
        *,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
        fingerprint_text: str | None = None,
        code: str | None = None,
        name: str | None = None,
        **extra: Any,
    ) -> Diagnostic:
        """Build a finding of this rule (``code``/``name`` override for backend rules)."""
        return Diagnostic(
            code=code or self.code,
            name=name or self.name,
            family=self.family,
            severity=self.effective_severity,
            span=span,
            message=message,
            related=tuple(related),
            fix=fix,
            fingerprint_text=fingerprint_text,
            extra=extra,
        )


# -- options -------------------------------------------------------------------------

def build_options(rule: type[Rule], values: dict[str, Any], where: str = "") -> Any:
    """Validate ``values`` against ``rule.Options`` (names and types) and build it."""
    opts_cls = rule.Options
    fields = {f.name: f for f in dataclasses.fields(opts_cls)}
    hints = typing.get_type_hints(opts_cls)
    kwargs = {}
    for key, value in values.items():
        py_key = key.replace("-", "_")
        if py_key not in fields:
            from lint.suggest import did_you_mean

            choices = [k.replace("_", "-") for k in fields] + list(fields)
            raise OptionsError(
                f"{where}unknown option {key!r} for rule {rule.name}"
                + did_you_mean(key, choices)
                + (f" (options: {', '.join(sorted(fields))})" if fields else " (it has no options)")
            )
        kwargs[py_key] = _coerce(value, hints.get(py_key, Any), f"{where}{rule.name}.{key}")
    try:
        return opts_cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise OptionsError(f"{where}{rule.name}: {exc}") from None


def _coerce(value: Any, hint: Any, label: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            try:
                return _coerce(value, arg, label)
            except OptionsError:
                continue
        raise OptionsError(f"{label}: expected {_type_name(hint)}, got {type(value).__name__} {value!r}")
    if origin is typing.Literal:
        if value in args:
            return value
        raise OptionsError(f"{label}: expected one of {', '.join(map(repr, args))}, got {value!r}")
    if origin in (tuple, list, frozenset, set):
        if not isinstance(value, (list, tuple)):
            raise OptionsError(f"{label}: expected a list, got {type(value).__name__} {value!r}")
        item = args[0] if args else Any
        items = [_coerce(v, item, label) for v in value]
        return (origin if origin is not list else tuple)(items)
    if hint is type(None):
        if value is None:
            return None
        raise OptionsError(f"{label}: expected nothing, got {value!r}")
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is bool and not isinstance(value, bool):
        raise OptionsError(f"{label}: expected true or false, got {value!r}")
    if hint is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise OptionsError(f"{label}: expected an integer, got {value!r}")
    if isinstance(hint, type) and not isinstance(value, hint):
        raise OptionsError(f"{label}: expected {_type_name(hint)}, got {type(value).__name__} {value!r}")
    return value


def _type_name(hint: Any) -> str:
    return getattr(hint, "__name__", str(hint))
