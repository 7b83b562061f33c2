"""YAML rule packs: data only (phrases, patterns, message, scope), turned into Rule classes.

A pack file holds one rule::

    code: BP001
    name: template-footer
    family: boilerplate
    severity: warning
    scope: line            # line: a phrase must form most of its own line; block; sentence
    min_coverage: 0.6      # share of the line's letters and digits the phrases must cover
    max_words: 30          # longer lines are prose, never a match (line scope)
    message: "template footer: {label}"
    doc: |
      What it does / Why / Example / Options (the rule's documentation)
    categories:
      - name: comment-form
        label: comment form
        phrases: ["leave a reply", "your email address will not be published"]
        patterns: ['required fields are marked\\s*\\*?']

Phrases match case-insensitively with any run of spaces or punctuation between words. Patterns
are regular expressions (the ``regex`` module's syntax), also case-insensitive.
Schema errors name the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from lint.diagnostic import Severity
from lint.document import Block, Document
from lint.rule import FAMILIES, Context, Rule, Scope

# (PyYAML is imported where a pack is parsed: a built-in pack comes from a cache of its parsed
# data, and importing yaml alone costs about 10 ms of every run's start)


def _yaml_loader():
    """PyYAML, and libyaml's composer when PyYAML was built with it (about 40x faster than the
    pure-Python one; it gives the same nodes and marks)."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PackError(ValueError):
    """A pack file is not valid; the message starts with ``file:line:``."""


PACK_KEYS = {
    "code": str,
    "name": str,
    "family": str,
    "severity": str,
    "scope": str,
    "min_coverage": float,
    "max_words": int,
    "message": str,
    "doc": str,
    "default_enabled": bool,
    "categories": list,
}
REQUIRED = ("code", "name", "family", "message", "doc", "categories")
CATEGORY_KEYS = {"name": str, "label": str, "phrases": list, "patterns": list, "message": str}
SCOPES = {"line", "block", "sentence"}


@dataclass(frozen=True)
class PackOptions:
    min_coverage: float = 0.6
    max_words: int = 30


class Matcher:
    """One phrase or pattern of a category. A phrase's regex is compiled on first use and run
    only when a line has the phrase's longest word (``key``, ASCII) among its words (see
    Category.hits): a pack of hundreds of phrases then costs little per line and nothing to
    load. The key is a necessary condition (phrase words match literally, ignoring ASCII
    case, between non-word characters), so findings do not change. ``words`` (a phrase's
    ASCII words, lower-cased; key among them) narrows it further the same way: the regex
    runs only when the line has every one of them."""

    __slots__ = ("source", "key", "words", "_rx", "_anchored")

    def __init__(self, source: str, key: str | None = None, rx: re.Pattern | None = None,
                 words: frozenset[str] | None = None) -> None:
        self.source = source
        self.key = key
        self.words = words
        self._rx = rx
        self._anchored: bool | None = None

    @property
    def rx(self) -> re.Pattern:
        if self._rx is None:
            self._rx = re.compile(self.source, re.IGNORECASE)
        return self._rx

    @property
    def anchored(self) -> bool:
        """Can the regex match only at the start of the text? (``^…`` without MULTILINE and
        no alternative outside a group.) Then one ``match`` finds what ``finditer`` would."""
        if self._anchored is None:
            self._anchored = starts_anchored(self.rx)
        return self._anchored

    def compiled_flags_and_pattern(self) -> tuple[int, str]:
        """``(rx.flags, rx.pattern)`` without compiling ``rx`` when the source sets no global
        flag: then they are those of ``re.compile(source, re.IGNORECASE)`` (a union of the
        patterns is compiled once; each of them only when it has to run)."""
        if self._rx is None and isinstance(self.source, str) and not _GLOBAL_FLAGS.search(self.source):
            return re.IGNORECASE | re.UNICODE, self.source
        return self.rx.flags, self.rx.pattern

    def finditer(self, text: str):
        if self.anchored:
            m = self.rx.match(text)
            return (m,) if m is not None else ()
        return self.rx.finditer(text)


# a pattern with global inline flags ("(?x)…", at its start; Python 3.10 took them anywhere)
# has other flags than the ones given
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\\g<")


def union_regex(matchers: list[Matcher]) -> re.Pattern | None:
    """One regex that matches a text where any of ``matchers`` does (their alternation), or
    None when that cannot be built faithfully (mixed flags, back-references, inline flags)."""
    if len(matchers) < 2:
        return None
    compiled = [m.compiled_flags_and_pattern() for m in matchers]
    flags = {f for f, _ in compiled}
    sources = [src for _, src in compiled]
    if len(flags) != 1 or any(_BACKREFERENCE.search(src) for src in sources):
        return None
    flags = flags.pop()
    body = "|".join(f"(?:{src})" for src in sources)
    start = _SHARED_START
    if not flags & re.VERBOSE and all(src.startswith(start) and _sequence_rest(src[len(start):]) for src in sources):
        # "(?:^\W*a)|(?:^\W*b)" matches where "^\W*(?:(?:a)|(?:b))" does: one run of \W*
        # for all of them instead of one each (every source is ^\W* then the rest, in sequence)
        body = start + "(?:" + "|".join(f"(?:{src[len(start):]})" for src in sources) + ")"
    try:
        return re.compile(body, flags)
    except re.error:
        return None


#: how most line patterns start; a union factors it out (see union_regex)
_SHARED_START = "^\\W*"


def _sequence_rest(rest: str) -> bool:
    """Does ``prefix + rest`` read as the prefix followed by ``rest`` as a whole (for a prefix
    ending in a quantified item)? True when ``rest`` does not start with a quantifier or a
    lazy/possessive mark, has plainly balanced groups and no alternative outside a group."""
    if rest[:1] in ("*", "+", "?", "{"):
        return False
    bar, balanced = _scan_groups(rest)
    return balanced and not bar


def starts_anchored(rx: re.Pattern) -> bool:
    """Is every match of ``rx`` at position 0? True when the pattern starts with ``^`` or
    ``\\A`` (without MULTILINE) and has no alternative outside a group: a scan of the source
    (escapes and character classes skipped), not a parse, since it runs for every pack regex
    a line meets."""
    if rx.flags & re.MULTILINE or not isinstance(rx.pattern, str):
        return False
    src = rx.pattern
    if not (src.startswith("^") or src.startswith("\\A")):
        return False
    return not _scan_groups(src)[0]


def _scan_groups(src: str) -> tuple[bool, bool]:
    """(an alternative ``|`` outside any group; the groups are plainly balanced: no ``)`` that
    closes nothing, none left open, no ``(?#`` comment). A scan of the source that skips
    escapes and character classes, stopping at the first alternative outside a group."""
    depth, i, n, in_class, plain = 0, 0, len(src), False, True
    while i < n:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if src.startswith("]", i + 1):  # "[]…]": a leading ] is literal
                i += 1
            elif src.startswith("^]", i + 1):
                i += 2
        elif c == "(":
            depth += 1
            plain = plain and not src.startswith("?#", i + 1)
        elif c == ")":
            depth -= 1
            plain = plain and depth >= 0
        elif c == "|" and depth == 0:
            return True, False
        i += 1
    return False, plain and depth == 0 and not in_class


def phrase_key(phrase: str) -> str | None:
    """The longest word of a phrase, lower-cased, when it is ASCII (else no pre-filter)."""
    words = re.findall(r"\w+", phrase)
    if not words:
        return None
    longest = max(words, key=len)
    return longest.lower() if longest.isascii() else None


def phrase_words(phrase: str) -> frozenset[str] | None:
    """The words of a phrase a line must have for its regex to match: each ASCII word of
    letters and digits, lower-cased (a word with ``_`` is split by the line's token split,
    a non-ASCII one may fold differently: neither is required). None when there is none."""
    words = frozenset(w.lower() for w in re.findall(r"\w+", phrase) if w.isascii() and w.isalnum())
    return words or None


# Words as the phrase regexes delimit them: a phrase word matches only between [\W_] characters.
_TOKEN_SPLIT = re.compile(r"[\W_]+")
# The same for ASCII text: letters and digits kept (lower-cased), every other character a space
_ASCII_TOKEN = bytes(
    c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256)
)
# The only characters re.IGNORECASE matches to an ASCII letter or digit that lower() does not
# turn into it (found by trying every code point): a line holding one gets no pre-filter.
UNSAFE_FOLD_RX = re.compile("[\u0130\u0131\u017f]")  # İ ı ſ


def has_unsafe_fold(text: str) -> bool:
    """``UNSAFE_FOLD_RX.search(text)``, faster: three C scans for one character each."""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text


def line_tokens(text: str) -> frozenset[str] | None:
    """The lower-cased words of a line (None when it holds İ, ı or ſ: no pre-filter). An ASCII
    line's words, the runs of letters and digits, come from a byte table (the same words as
    the regex split, without its empty edges, which no phrase word equals)."""
    if text.isascii():
        return frozenset(text.encode("ascii").translate(_ASCII_TOKEN).decode("ascii").split())
    if has_unsafe_fold(text):
        return None
    return frozenset(t.lower() for t in _TOKEN_SPLIT.split(text))


@dataclass(frozen=True)
class Category:
    name: str
    label: str
    matchers: tuple[Matcher, ...]
    message: str | None

    @property
    def regexes(self) -> tuple[re.Pattern, ...]:
        return tuple(m.rx for m in self.matchers)


class PackIndex:
    """The phrases and patterns of a pack's categories, indexed by their phrases' key words.

    ``hits(text)`` runs only the regexes that can match: every pattern, and the phrases whose
    key word is one of an ASCII line's words (a phrase regex matches its words only between
    non-word characters, so the key is then a whole token of the line). The results are those
    of running every regex."""

    def __init__(self, categories: tuple[Category, ...]) -> None:
        self.categories = categories
        self.everything = tuple((ci, m) for ci, cat in enumerate(categories) for m in cat.matchers)
        always, by_key = [], {}
        for ci, m in self.everything:
            if m.key is None or not m.key.isalnum():
                always.append((ci, m))  # a pattern, or a key the word split would break
            else:
                by_key.setdefault(m.key, []).append((ci, m))
        self.always = tuple(always)
        self.by_key = {k: tuple(v) for k, v in by_key.items()}
        #: the keys as a set: a line's words intersect it from the smaller side (a set's
        #: intersection with a dict goes through every key of the dict)
        self._keys = frozenset(self.by_key)
        #: one regex of all the always-run ones: a line it does not match skips them all
        self._always_any: re.Pattern | None | bool = False  # False: not built yet
        #: the latest answers by text: template-footer and footer-block ask about the same
        #: lines of a document (callers only read the answers)
        self._recent: dict[str, dict[int, list[tuple[int, int]]]] = {}

    def hits(self, text: str) -> dict[int, list[tuple[int, int]]]:
        """Category index → spans its phrases and patterns match in ``text``."""
        found = self._recent.get(text)
        if found is None:
            if len(self._recent) >= 1024:
                self._recent.clear()
            found = self._recent[text] = self._hits(text)
        return found

    def _hits(self, text: str) -> dict[int, list[tuple[int, int]]]:
        tokens = line_tokens(text)
        if tokens is None:
            candidates = self.everything
        else:
            by_key = self.by_key
            keyed = tuple(x for k in tokens.intersection(self._keys) for x in by_key[k]
                          if x[1].words is None or x[1].words <= tokens)
            if self._always_any is False:
                self._always_any = union_regex([m for _, m in self.always])
            if self._always_any is not None and self._always_any.search(text) is None:
                candidates = keyed
            else:
                candidates = self.always + keyed
        out: dict[int, list[tuple[int, int]]] = {}
        for ci, matcher in candidates:
            for m in matcher.finditer(text):
                out.setdefault(ci, []).append(m.span())
        return out



def phrase_regex(phrase: str) -> str:
    """A phrase as a regex: words in order, any spaces/punctuation between them."""
    words = re.findall(r"\w+|[^\w\s]", phrase)
    parts = [re.escape(w) for w in words if re.match(r"\w", w)]
    body = r"[\W_]+".join(parts)
    return r"(?<!\w)" + body + r"(?!\w)"


class PackRule(Rule):
    """Base of rules built from YAML packs."""

    categories: tuple[Category, ...] = ()
    message_template: str = ""
    pack_scope: str = "line"
    Options = PackOptions

    @classmethod
    def index(cls) -> PackIndex:
        if cls.__dict__.get("_index") is None:
            cls._index = PackIndex(cls.categories)
        return cls._index

    def check(self, doc: Document, ctx: Context) -> Iterator:
        for block in doc.blocks:
            if self.pack_scope == "block":
                ranges = [(0, len(block.text))]
            elif self.pack_scope == "sentence":
                ranges = [(s.start, s.end) for s in doc.sentences_of(block)]
            else:
                ranges = block.lines()
            for start, end in ranges:
                # (a function, not a generator: most lines have no finding, and making and
                # running a generator for each of them cost more than its checks)
                finding = self._check_range(block, start, end)
                if finding is not None:
                    yield finding

    def _check_range(self, block: Block, start: int, end: int):
        """The finding of ``block.text[start:end]``, or None."""
        text = block.text[start:end]
        if not text.strip():
            return None
        # (more than max_words words: the split stops after max_words + 1 of them)
        if self.pack_scope == "line" and len(text.split(None, max(self.options.max_words, 0))) > self.options.max_words:
            return None
        alnum = None
        found = self.index().hits(text)
        if not found:
            return None
        best: tuple[float, Category, list[tuple[int, int]]] | None = None
        for ci, cat in enumerate(self.categories):
            hits = found.get(ci)
            if not hits:
                continue
            if alnum is None:
                alnum = sum(map(str.isalnum, text))
                if not alnum:
                    return None
            covered = covered_alnum(text, hits)
            coverage = covered / alnum
            if best is None or coverage > best[0]:
                best = (coverage, cat, hits)
        if best is None:
            return None
        coverage, cat, hits = best
        if self.pack_scope in ("line", "block") and coverage < self.options.min_coverage:
            return None
        if self.pack_scope == "sentence":
            lo, hi = min(h[0] for h in hits), max(h[1] for h in hits)
        else:  # the whole line/block is the boilerplate
            lo = len(text) - len(text.lstrip())
            hi = len(text.rstrip())
        matched = text[lo:hi]
        template = cat.message or self.message_template
        message = template.format(label=cat.label, category=cat.name, text=_shorten(matched))
        return self.report(
            block.source_span(start + lo, start + hi),
            message,
            fingerprint_text=matched,
            category=cat.name,
        )


def covered_alnum(text: str, hits: list[tuple[int, int]]) -> int:
    """How many letters and digits of ``text`` the spans cover."""
    mask = bytearray(len(text))
    for a, b in hits:
        mask[a:b] = b"\x01" * (b - a)
    return sum(1 for i, ch in enumerate(text) if mask[i] and ch.isalnum())


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- loading -------------------------------------------------------------------------

def load_pack_dir(folder: Path, check_patterns: bool = True) -> list[type[Rule]]:
    """The rules of every pack in ``folder``. ``check_patterns=False`` (the built-in packs,
    whose patterns the test suite compiles) leaves patterns to compile on first use: that is
    most of the start-up of a one-file run."""
    if not folder.is_dir():
        raise PackError(f"{folder}: pack folder does not exist")
    return [load_pack(path, check_patterns) for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))]


#: packs loaded without pattern checks (the built-in ones), by path and text: the registry
#: and footer-block's phrase list share one rule class, so one index and compiled regexes
_UNCHECKED: dict[tuple[str, str], type[Rule]] = {}


def load_pack(path: Path, check_patterns: bool = True) -> type[Rule]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read pack: {exc}") from None
    if check_patterns:
        return _load_pack_text(path, text, True)
    key = (str(path), text)
    rule = _UNCHECKED.get(key)
    if rule is None:
        rule = _UNCHECKED[key] = _load_pack_text(path, text, False)
    return rule


def _load_pack_text(path: Path, text: str, check_patterns: bool) -> type[Rule]:
    if check_patterns:
        return _build_rule(path, *_parse_pack(path, text), check_patterns=True)
    # a built-in pack: its checked data (plain JSON values) comes from a cache file keyed by
    # the pack's text and articlelint's code (lint.cache.code_stamp), so a run needs no YAML parser
    import hashlib
    import json

    from lint.cache import code_stamp
    from lint.syllables import cached_build

    built: list[type[Rule]] = []

    def build() -> dict[str, Any]:
        node, data = _parse_pack(path, text)
        built.append(_build_rule(path, node, data, False))  # a bad pack raises: nothing cached
        return _plain(data)

    def load(body: str) -> dict[str, Any] | None:
        data = json.loads(body)
        return data if isinstance(data, dict) and isinstance(data.get("categories"), list) else None

    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    data = cached_build(f"pack-{path.stem}.json", f"{_PLAIN_FORMAT} {digest} {code_stamp()}", build,
                        lambda plain: json.dumps(plain, ensure_ascii=False), load)
    return built[0] if built else _build_rule(path, None, data, False)


#: bump when the cached form of a pack's data changes
_PLAIN_FORMAT = "pack-data 1"


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """A checked pack's data without its YAML nodes (what :func:`_build_rule` reads)."""
    return {key: value for key, value in data.items() if key != "__nodes__"}


def _parse_pack(path: Path, text: str):
    """``(node, data)``: the YAML node of a pack and its top-level keys, checked."""
    yaml, loader = _yaml_loader()
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"{mark.line + 1}:" if mark else ""
        raise PackError(f"{path}:{line} invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(node, yaml.MappingNode):
        raise PackError(f"{path}:1: a pack must be a mapping of keys (code, name, …)")
    return node, _mapping(path, node, PACK_KEYS, REQUIRED)


def _err(path: Path, node, message: str) -> PackError:
    """An error at ``node`` (None: checked data, where no node tells the line)."""
    line = f"{node.start_mark.line + 1}:" if node is not None else ""
    return PackError(f"{path}:{line} {message}")


def _item(cat: dict, key: str, i: int):
    """The YAML node of item ``i`` of a category's ``key`` list, None in checked data."""
    nodes = cat["__nodes__"]
    return nodes[key].value[i] if key in nodes else None


def _mapping(path: Path, node, schema: dict, required=()) -> dict[str, Any]:
    import yaml

    from lint.suggest import did_you_mean

    out: dict[str, Any] = {"__nodes__": {}}
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in schema:
            raise _err(path, key_node, f"unknown key {key!r}" + did_you_mean(key, schema))
        value = yaml.SafeLoader(  # construct the plain value of this node
            ""
        ).construct_object(value_node, deep=True)
        want = schema[key]
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise _err(path, value_node, f"{key!r} must be {want.__name__}, got {type(value).__name__}")
        out[key] = value
        out["__nodes__"][key] = value_node
    for key in required:
        if key not in out:
            raise _err(path, node, f"missing required key {key!r}")
    return out


def _build_rule(path: Path, node, data: dict, check_patterns: bool = True) -> type[Rule]:
    """The rule class of a pack's data: checked, with the YAML ``node`` and the nodes in
    ``data["__nodes__"]`` (where errors are), or (``node`` None) plain data a run with
    nodes checked before (see _load_pack_text)."""
    nodes = data.get("__nodes__", {})
    if data["family"] not in FAMILIES:
        raise _err(path, nodes.get("family"), f"unknown family {data['family']!r} (one of {', '.join(FAMILIES)})")
    scope = data.get("scope", "line")
    if scope not in SCOPES:
        raise _err(path, nodes.get("scope"), f"unknown scope {scope!r} (one of {', '.join(sorted(SCOPES))})")
    try:
        severity = Severity.parse(data.get("severity", "warning"))
    except ValueError as exc:
        raise _err(path, nodes.get("severity"), str(exc)) from None
    if not re.fullmatch(r"[A-Z][A-Z0-9]*\d{3}", data["code"]):
        raise _err(path, nodes.get("code"), f"code {data['code']!r} must be letters then 3 digits, like BP001")
    if not re.fullmatch(r"[a-z][a-z0-9-]*", data["name"]):
        raise _err(path, nodes.get("name"), f"name {data['name']!r} must be kebab-case")
    categories = []
    for k, cat_value in enumerate(data["categories"]):
        if node is None:  # checked data: each category a mapping of the right keys
            cat_node, cat = None, {**cat_value, "__nodes__": {}}
        else:
            import yaml

            cat_node = nodes["categories"].value[k]
            if not isinstance(cat_node, yaml.MappingNode):
                raise _err(path, cat_node, "each category must be a mapping (name, label, phrases, patterns)")
            cat = _mapping(path, cat_node, CATEGORY_KEYS, ("name",))
        regexes = []
        for i, phrase in enumerate(cat.get("phrases", [])):
            if not isinstance(phrase, str) or not re.search(r"\w", phrase):
                raise _err(path, _item(cat, "phrases", i), f"phrase must be a non-empty string, got {phrase!r}")
            regexes.append(Matcher(phrase_regex(phrase), phrase_key(phrase), None, phrase_words(phrase)))
        for i, pattern in enumerate(cat.get("patterns", [])):
            try:
                rx = re.compile(str(pattern), re.IGNORECASE) if check_patterns else None
                regexes.append(Matcher(str(pattern), None, rx))
            except re.error as exc:
                raise _err(path, _item(cat, "patterns", i), f"invalid pattern {pattern!r}: {exc}") from None
        if not regexes:
            raise _err(path, cat_node, f"category {cat['name']!r} has no phrases or patterns")
        categories.append(
            Category(cat["name"], cat.get("label", cat["name"]), tuple(regexes), cat.get("message"))
        )
    try:
        data["message"].format(label="", category="", text="")
    except (KeyError, IndexError, ValueError) as exc:
        raise _err(path, nodes.get("message"), f"message may use {{label}}, {{category}}, {{text}} only ({exc})") from None
    defaults = PackOptions(
        min_coverage=data.get("min_coverage", PackOptions.min_coverage),
        max_words=data.get("max_words", PackOptions.max_words),
    )
    options_cls = _options_with_defaults(defaults)
    attrs = {
        "__doc__": data["doc"],
        "__module__": "lint.packs",
        "code": data["code"],
        "name": data["name"],
        "family": data["family"],
        "severity": severity,
        "scope": Scope.LINE if scope == "line" else Scope.BLOCK if scope == "block" else Scope.SENTENCE,
        "default_enabled": data.get("default_enabled", True),
        "origin": str(path),
        "categories": tuple(categories),
        "message_template": data["message"],
        "pack_scope": scope,
        "Options": options_cls,
    }
    class_name = "".join(part.capitalize() for part in data["name"].split("-"))
    return type(class_name, (PackRule,), attrs)


def _options_with_defaults(defaults: PackOptions) -> type:
    from dataclasses import make_dataclass, field

    return make_dataclass(
        "Options",
        [
            ("min_coverage", float, field(default=defaults.min_coverage)),
            ("max_words", int, field(default=defaults.max_words)),
        ],
        frozen=True,
    )
