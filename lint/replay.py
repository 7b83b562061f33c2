"""Replays: an unchanged re-run of the same command answered whole, before anything loads.

The results cache (:mod:`lint.cache`) spares an unchanged file its linting, but a run still
starts click, reads the configs, walks the folders, opens the cache and renders the report:
over 500 cached files that is most of a tenth of a second, which is more than the linting
of one changed file. So when a ``check`` run ends with every finding settled (answered from
the results cache or stored in it), it also records what it printed, its exit status and the
*stamps* (size and modification time) of everything its answer depends on, in
``<cache folder>/replay/<key>``. The key hashes the command line, the working folder, the
environment, which of stdin/stdout/stderr are terminals and the Python that runs. The next run
of that command stats those paths and, if none changed, prints the record and exits, having
imported nothing but this module.

What the stamps cover (a superset of what decides a run's output):
- every linted file;
- every folder a walk listed (a file added, removed or renamed changes its mtime) and, in
  each, the files that steer a walk or a config (``.gitignore``, ``.articlelint.toml``,
  ``pyproject.toml``) — an edit in place changes no folder's mtime;
- in each folder from a linted file's folder up to the root, what config discovery and the
  .gitignore chain look for: those files (or that they are absent) and whether ``.git``
  exists (the folders themselves change for unrelated reasons: ``/tmp``, a home folder);
- the config files, rule packs, the grammar dictionary and the baseline;
- articlelint's own code folders and files, and every folder on ``sys.path`` (installing or
  removing a package changes them).

A record is written only if every stamp is older than :data:`RACY_NS` (a file written in the
same clock tick as the stamp could change unseen), the run's findings were all storable (no
crashed rule, no backend that could not answer, no rule that reads other files such as
``shared-template``), nothing was read from standard input, the report went to stdout, and
the exit status was 0 or 1. A record that cannot be read, or whose stamps differ, is passed
over: the run goes on as usual and records afresh. Like the results cache, a replay trusts
size and modification time (ruff's cache does the same); ``--no-cache`` or
``ARTICLELINT_NO_CACHE=1`` turns both off.

The record is a small text format parsed with ``bytes`` methods: ``json`` would import ``re``,
which costs more than the rest of a replay.
"""

from __future__ import annotations

import os
import sys

MAGIC = b"articlelint-replay 1\n"
FOLDER = "replay"
#: records kept per cache folder (the newest)
KEEP = 64
#: as lint.cache.RACY_NS (imported there, it would cost this module's start-up)
RACY_NS = 2_000_000_000
#: files in a folder that steer a walk or a config (an in-place edit leaves the folder's mtime)
STEERING = (".gitignore", ".articlelint.toml", "pyproject.toml")
_FALSE = ("", "0", "false", "no")


def main() -> None:
    """The ``articlelint`` command: a replay when one is recorded and still true, else the
    click CLI (recording its answer when it qualifies)."""
    argv = sys.argv[1:]
    recorder = None
    if _may_replay(argv):
        try:
            key = run_key(argv)
            folders = lookup_folders(argv)
        except Exception:  # (an odd working folder or environment): no replay
            key = folders = None
        if key is not None:
            for folder in folders:
                record = _read(os.path.join(folder, FOLDER, key))
                if record is not None and _unchanged(record[1]):
                    _emit(record[0], record[2])
            recorder = Recorder(key, folders)
    global _active
    _active = recorder
    from lint.cli import main as cli_main

    if recorder is None:
        cli_main()
        return
    recorder.start()
    status = None  # an exception other than SystemExit: nothing is recorded
    try:
        cli_main(standalone_mode=True)
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        raise
    finally:
        recorder.stop()
        _active = None
        recorder.finish(status)


def _may_replay(argv: list[str]) -> bool:
    if argv[:1] != ["check"] or "--no-cache" in argv or "-" in argv:
        return False
    if sys.stdout is None or sys.stderr is None:  # a closed stream: the CLI says what it says
        return False
    return os.environ.get("ARTICLELINT_NO_CACHE", "").strip().lower() in _FALSE


# -- the key and where records live ---------------------------------------------------------

def _hasher():
    try:
        from _blake2 import blake2b  # what hashlib.blake2b is, without OpenSSL's start-up
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b
    return blake2b(digest_size=16)


def _tty(stream) -> str:
    try:
        return "1" if stream is not None and stream.isatty() else "0"
    except (AttributeError, ValueError, OSError):
        return "0"


def run_key(argv: list[str]) -> str:
    """What a record is found by: the command line, the working folder, the environment, the
    terminals and the Python."""
    parts = [
        MAGIC.decode(), repr(argv), os.getcwd(), sys.version, sys.executable, repr(sys.path),
        _tty(sys.stdin) + _tty(sys.stdout) + _tty(sys.stderr),
        repr(sorted((k, v) for k, v in os.environ.items() if k != "_")),
    ]
    h = _hasher()
    h.update("\0".join(parts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _explicit_folder(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--cache-dir" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--cache-dir="):
            return arg[len("--cache-dir="):]
    return os.environ.get("ARTICLELINT_CACHE_DIR") or None


def lookup_folders(argv: list[str]) -> list[str]:
    """Cache folders where a record of this command may be: ``--cache-dir`` (or
    ``$ARTICLELINT_CACHE_DIR``), else ``.articlelint_cache`` in the working folder and each
    folder above it, nearest first (the results cache lives in the project root)."""
    explicit = _explicit_folder(argv)
    if explicit:
        return [os.path.abspath(explicit)]
    here = os.getcwd()
    out = []
    while True:
        out.append(os.path.join(here, ".articlelint_cache"))
        up = os.path.dirname(here)
        if up == here:
            return out
        here = up


# -- stamps ----------------------------------------------------------------------------------

def stamp(path: bytes | str) -> str:
    """``f<size>:<mtime ns>`` of a file, ``d<mtime ns>`` of a folder, ``-`` for nothing.
    (A record may also hold ``e``: something exists there, whatever it is.)"""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return "-"
    if st.st_mode & 0o170000 == 0o040000:
        return f"d{st.st_mtime_ns}"
    return f"f{st.st_size}:{st.st_mtime_ns}"


def _unchanged(deps: list[tuple[bytes, str]]) -> bool:
    for path, recorded in deps:
        now = stamp(path)
        if now != recorded and not (recorded == "e" and now != "-"):
            return False
    return True


# -- records ---------------------------------------------------------------------------------

def _read(file: str):
    """``(status, deps, outputs)`` of a record, or None (absent, unreadable, malformed)."""
    try:
        with open(file, "rb") as fh:
            data = fh.read()
    except (OSError, ValueError):
        return None
    try:
        return _parse(data)
    except (ValueError, IndexError):
        return None


def _parse(data: bytes):
    if not data.startswith(MAGIC):
        raise ValueError("not a record")
    pos = len(MAGIC)
    status = None
    deps: list[tuple[bytes, str]] = []
    outputs: list[tuple[int, bytes]] = []
    while True:
        end = data.index(b"\n", pos)
        line = data[pos:end]
        pos = end + 1
        if line == b"end":
            break
        kind, _, rest = line.partition(b" ")
        if kind == b"status":
            status = int(rest)
        elif kind == b"dep":
            st, tab, path = rest.partition(b"\t")
            if not tab or not path:
                raise ValueError("bad dep")
            deps.append((path, st.decode("ascii")))
        elif kind == b"out":
            fd, _, size = rest.partition(b" ")
            fd_n, size_n = int(fd), int(size)
            if fd_n not in (1, 2) or size_n < 0 or pos + size_n > len(data):
                raise ValueError("bad output")
            outputs.append((fd_n, data[pos:pos + size_n]))
            pos += size_n
        else:
            raise ValueError("unknown line")
    if status not in (0, 1) or not deps or pos != len(data):
        raise ValueError("incomplete record")
    return status, deps, outputs


def _format(status: int, deps: dict[str, str], outputs: list[tuple[int, bytes]]) -> bytes:
    parts = [MAGIC, b"status %d\n" % status]
    for path, st in deps.items():
        parts.append(b"dep " + st.encode("ascii") + b"\t" + os.fsencode(path) + b"\n")
    for fd, data in outputs:
        parts.append(b"out %d %d\n" % (fd, len(data)))
        parts.append(data)
    parts.append(b"end\n")
    return b"".join(parts)


def _emit(status: int, outputs: list[tuple[int, bytes]]) -> None:
    """Print a record's output and exit with its status."""
    streams = {1: sys.stdout, 2: sys.stderr}
    try:
        for fd, data in outputs:
            stream = streams[fd]
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
    except BrokenPipeError:
        # the reader went away (``| head``): as Python's docs advise, no second error at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(status)


# -- recording -------------------------------------------------------------------------------

_active: "Recorder | None" = None


def active() -> "Recorder | None":
    """The recorder of this process's run, when it came through :func:`main`."""
    return _active


class _Tee:
    """A binary stream that writes to another and keeps what went through, in order."""

    def __init__(self, fd: int, real, log: list) -> None:
        self.fd, self.real, self.log = fd, real, log

    def write(self, data) -> int:
        data = bytes(data)
        n = self.real.write(data)
        self.log.append((self.fd, data))
        return len(data) if n is None else n

    def flush(self) -> None:
        self.real.flush()

    def isatty(self) -> bool:
        return self.real.isatty()

    def fileno(self) -> int:
        return self.real.fileno()

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    @property
    def closed(self) -> bool:
        return self.real.closed

    def close(self) -> None:  # the real stream is not ours to close
        self.real.flush()


class Recorder:
    """Collects a run's output and the stamps its answer depends on; writes the record if the
    CLI said the run qualifies (:meth:`note_run`)."""

    def __init__(self, key: str, folders: list[str]) -> None:
        self.key = key
        self.folders = folders
        self.log: list[tuple[int, bytes]] = []
        self.deps: dict[str, str] = {}
        self.folder: str | None = None  # where to write, once the CLI said the run qualifies
        self.failed = False
        self._saved = None
        self._started = 0

    # output
    def start(self) -> None:
        import io

        from lint import files

        files.visited = []
        self._saved = (sys.stdout, sys.stderr)
        wrapped = []
        for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
            buffer = getattr(stream, "buffer", None)
            if buffer is None:
                self.failed = True
                return
            wrapped.append(io.TextIOWrapper(
                _Tee(fd, buffer, self.log), encoding=stream.encoding, errors=stream.errors,
                line_buffering=stream.line_buffering, write_through=True))
        sys.stdout, sys.stderr = wrapped

    def stop(self) -> None:
        from lint import files

        files.visited = None
        if self._saved is None:
            return
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                self.failed = True
        sys.stdout, sys.stderr = self._saved
        self._saved = None

    # what the answer depends on (called by the CLI, after collecting targets, before linting)
    def note_inputs(self, targets, extra_files=()) -> None:
        """Stamp the targets, the folders walked and above, configs, packs, code, sys.path."""
        try:
            self._note_inputs(targets, extra_files)
        except Exception:
            self.failed = True

    def _note_inputs(self, targets, extra_files) -> None:
        from lint import files

        now = _now_ns()
        deps = self.deps
        cwd = os.getcwd()
        folders: set[str] = set(files.visited or ())
        starts: set[str] = set()
        for t in targets:
            if t.path == "-":
                self.failed = True
                return
            path = os.path.join(cwd, t.path)
            deps[path] = stamp(path)
            starts.add(os.path.realpath(os.path.dirname(path)))
            cfg = t.config
            if cfg.path is not None:
                deps[str(cfg.path)] = stamp(cfg.path)
            for pack in cfg.packs or ():
                self._tree(pack)
            dictionary = getattr(getattr(cfg, "grammar", None), "dictionary", None)
            if dictionary:
                deps[str(dictionary)] = stamp(dictionary)
        for f in extra_files:
            if f is not None:
                deps[os.path.abspath(f)] = stamp(f)
        for start in starts:
            self._upwards(start)
        for folder in folders:
            deps[folder] = stamp(folder)
            for name in STEERING:
                p = os.path.join(folder, name)
                deps[p] = stamp(p)
        from lint.cache import code_folders

        for code in code_folders():
            self._tree(str(code))
        for entry in sys.path:
            if entry and os.path.isdir(entry):
                deps[os.path.abspath(entry)] = stamp(entry)
        for path, st in deps.items():
            if "\n" in path or "\t" in path:
                self.failed = True
                return
            if st not in ("-", "e") and int(st[1:].rpartition(":")[2]) + RACY_NS >= now:
                self.failed = True  # changed too recently for its stamp to prove it unchanged
                return

    def _upwards(self, start: str) -> None:
        """From ``start`` up to the root, what config discovery and the .gitignore chain look
        for: config files, ``.gitignore`` (stamped) and ``.git`` (whether it exists: git
        changes the folder itself all the time)."""
        here = start
        while True:
            for name in STEERING:
                p = os.path.join(here, name)
                self.deps[p] = stamp(p)
            git = os.path.join(here, ".git")
            self.deps[git] = "e" if os.path.exists(git) else "-"
            up = os.path.dirname(here)
            if up == here:
                return
            here = up

    def _tree(self, root: str) -> None:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d != "__pycache__" and not d.startswith(".")]
            self.deps[dirpath] = stamp(dirpath)
            for name in filenames:
                p = os.path.join(dirpath, name)
                self.deps[p] = stamp(p)

    # the verdict (called by the CLI once the run's results are in)
    def note_run(self, qualifies: bool, cache_folders) -> None:
        """``qualifies``: every finding settled, no input error, report on stdout.
        ``cache_folders``: the results-cache folders the run used."""
        folders = {os.path.abspath(f) for f in cache_folders}
        if not qualifies or len(folders) != 1:
            self.failed = True
            return
        folder = folders.pop()
        if folder not in self.folders:
            self.failed = True  # not where the next run would look
            return
        self.folder = folder

    def finish(self, status: int | None) -> None:
        if self.failed or self.folder is None or status not in (0, 1) or not self.deps:
            return
        try:
            self._write(_format(status, self.deps, self._merged()))
        except Exception:  # a record is an optimisation: never a failed run
            pass

    def _merged(self) -> list[tuple[int, bytes]]:
        out: list[tuple[int, bytes]] = []
        for fd, data in self.log:
            if out and out[-1][0] == fd:
                out[-1] = (fd, out[-1][1] + data)
            elif data:
                out.append((fd, data))
        return out

    def _write(self, data: bytes) -> None:
        from pathlib import Path

        from lint.cache import _write_atomic

        folder = os.path.join(self.folder, FOLDER)
        os.makedirs(folder, exist_ok=True)
        if _write_atomic(Path(folder, self.key), data):
            _prune(folder)


def _now_ns() -> int:
    import time

    return time.time_ns()


def _prune(folder: str) -> None:
    """Keep the newest :data:`KEEP` records."""
    try:
        entries = [e for e in os.scandir(folder) if e.is_file() and not e.name.startswith(".")]
    except OSError:
        return
    if len(entries) <= KEEP:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for e in entries[:-KEEP]:
        try:
            os.unlink(e.path)
        except OSError:
            pass
