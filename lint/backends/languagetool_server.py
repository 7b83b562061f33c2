"""Provision and run a local LanguageTool server (Java) on loopback.

Provisioning resolves LanguageTool's server and English module from Maven Central with the
``pom.xml`` shipped beside this module (``mvn dependency:copy-dependencies``) into a cache
folder: ``$ARTICLELINT_LT_HOME``, else ``$XDG_CACHE_HOME/articlelint/languagetool-6.8`` (default
``~/.cache/articlelint/languagetool-6.8``). It downloads into a temporary folder beside the
target and renames it into place, under a file lock, so a half-finished download is never used
and two processes provisioning at once do the work once.

The server is started as ``java -cp 'JARS/*' org.languagetool.server.HTTPServer --port PORT
--config EMPTY_FILE``: without ``--public`` it answers only requests from this computer, and no
``--allow-origin`` is set, so no web page can reach it either. Readiness is polled on
``/v2/languages``.

No third-party Python is imported here: provisioning needs only Maven and Java.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

LT_VERSION = "6.8"
SERVER_CLASS = "org.languagetool.server.HTTPServer"
POM_PATH = Path(__file__).with_name("languagetool") / "pom.xml"
#: JVM options: C1 only starts and warms up faster, which short lint runs feel most;
#: ``ARTICLELINT_LT_JAVA_OPTS`` replaces them (e.g. "-Xmx1g").
JAVA_OPTIONS = tuple(os.environ.get("ARTICLELINT_LT_JAVA_OPTS", "-XX:TieredStopAtLevel=1").split())
_COMPLETE = "PROVISIONED"  # marker written last, inside the temporary folder, before the rename


class ProvisionError(Exception):
    """LanguageTool could not be provisioned or started; the message says why."""


def lt_home() -> Path:
    """The folder that holds (or will hold) the provisioned LanguageTool."""
    env = os.environ.get("ARTICLELINT_LT_HOME")
    if env:
        return Path(env).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "articlelint" / f"languagetool-{LT_VERSION}"


def jars_dir(home: Path | None = None) -> Path:
    return (home or lt_home()) / "jars"


def is_provisioned(home: Path | None = None) -> bool:
    home = home or lt_home()
    return (home / _COMPLETE).is_file() and any(jars_dir(home).glob("languagetool-server-*.jar"))


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock (POSIX flock; elsewhere the atomic rename alone protects)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no flock; the rename below is still atomic
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def provision(home: Path | None = None, *, mvn: str | None = None, quiet: bool = True) -> Path:
    """Make sure LanguageTool's jars are in the cache folder; return that folder.

    Runs Maven only when the folder is missing or incomplete. Raises ProvisionError with the
    cause (Maven missing, resolution failed) otherwise.
    """
    home = home or lt_home()
    if is_provisioned(home):
        return home
    with _file_lock(home.parent / f".{home.name}.lock"):
        if is_provisioned(home):  # another process finished while we waited for the lock
            return home
        mvn_path = shutil.which(mvn or os.environ.get("ARTICLELINT_MVN", "mvn"))
        if mvn_path is None:
            raise ProvisionError(
                "Maven ('mvn') is not installed or not on PATH; it is needed once to download "
                "LanguageTool from Maven Central (or set grammar.languagetool.url / "
                "LANGUAGETOOL_URL to a running server)"
            )
        tmp = Path(tempfile.mkdtemp(prefix=f".{home.name}.tmp-", dir=home.parent))
        try:
            pom = tmp / "pom.xml"
            shutil.copyfile(POM_PATH, pom)
            cmd = [
                mvn_path,
                "-B",
                *(["-q"] if quiet else []),
                "-f",
                str(pom),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={tmp / 'jars'}",
            ]
            proc = subprocess.run(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE if quiet else None,
                stderr=subprocess.STDOUT if quiet else None,
                text=True,
                check=False,
            )
            if proc.returncode != 0 or not any((tmp / "jars").glob("languagetool-server-*.jar")):
                tail = "\n".join((proc.stdout or "").strip().splitlines()[-15:])
                raise ProvisionError(
                    f"Maven could not resolve LanguageTool {LT_VERSION} "
                    f"(exit {proc.returncode}){': ' + tail if tail else ''}"
                )
            (tmp / _COMPLETE).write_text(f"languagetool {LT_VERSION}\n", encoding="utf-8")
            if home.exists():  # an incomplete leftover (we hold the lock, so nobody uses it)
                shutil.rmtree(home)
            os.replace(tmp, home)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return home


# -- a server left running by `articlelint languagetool serve`, reused by later runs -------

STATE_FILE = "server.json"


def write_state(server: "LanguageToolServer") -> Path:
    """Record a running server so later runs on this machine reuse it instead of starting one."""
    import json

    assert server.process is not None
    path = server.home / STATE_FILE
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"url": server.url, "pid": server.process.pid, "version": LT_VERSION}),
                   encoding="utf-8")
    os.replace(tmp, path)
    return path


def clear_state(server: "LanguageToolServer") -> None:
    import json

    path = server.home / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if server.process is not None and data.get("pid") == server.process.pid:
            path.unlink()
    except (OSError, ValueError):
        pass


def running_server_url(home: Path | None = None) -> str | None:
    """The URL of a live server recorded by ``serve`` (loopback only), else None."""
    import json

    path = (home or lt_home()) / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        url, pid = str(data["url"]), int(data["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not url.startswith("http://127.0.0.1:") or data.get("version") != LT_VERSION:
        return None
    try:
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    try:
        with urllib.request.urlopen(f"{url}/v2/languages", timeout=2) as response:
            return url if response.status == 200 else None
    except (urllib.error.URLError, OSError):
        return None


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _die_with_parent():
    """On Linux, have the kernel stop Java when the Python process that started it dies, even
    by a signal that skips ``atexit`` (pre-commit or CI killing the run). None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
    except (OSError, ImportError):
        return None

    def set_parent_death_signal() -> None:
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    return set_parent_death_signal


class LanguageToolServer:
    """A LanguageTool HTTP server process on loopback; use as a context manager or start/stop."""

    host = "127.0.0.1"

    def __init__(self, home: Path | None = None, port: int | None = None, java: str | None = None):
        self.home = home or lt_home()
        self.port = port
        self.java = java or os.environ.get("ARTICLELINT_JAVA", "java")
        self.process: subprocess.Popen[bytes] | None = None
        self._workdir: Path | None = None
        self.start_seconds: float | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 120.0) -> LanguageToolServer:
        """Start the server and wait until it answers; raises ProvisionError otherwise."""
        if not is_provisioned(self.home):
            raise ProvisionError(
                f"LanguageTool is not provisioned in {self.home}; run 'articlelint languagetool "
                "provision'"
            )
        java = shutil.which(self.java)
        if java is None:
            raise ProvisionError(
                "Java is not installed or not on PATH; the local LanguageTool server needs "
                "Java 17 or newer (or set grammar.languagetool.url / LANGUAGETOOL_URL)"
            )
        if self.port is None:
            self.port = free_port(self.host)
        self._workdir = Path(tempfile.mkdtemp(prefix="articlelint-lt-"))
        config = self._workdir / "server.properties"
        config.write_text("", encoding="utf-8")
        log = open(self._workdir / "server.log", "wb")  # noqa: SIM115 - owned by the process
        cmd = [
            java,
            *JAVA_OPTIONS,
            "-cp",
            str(jars_dir(self.home) / "*"),  # java expands the wildcard itself (no shell)
            SERVER_CLASS,
            "--port",
            str(self.port),
            "--config",
            str(config),
        ]
        began = time.monotonic()
        try:
            self.process = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, preexec_fn=_die_with_parent()
            )
        finally:
            log.close()
        deadline = began + timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                tail = self.log_tail()
                self._cleanup()
                raise ProvisionError(f"LanguageTool server exited with status {code}: {tail}")
            if self._answers():
                self.start_seconds = time.monotonic() - began
                return self
            time.sleep(0.25)
        tail = self.log_tail()
        self.stop()
        raise ProvisionError(
            f"LanguageTool server did not answer on {self.url} within {timeout:.0f} s: {tail}"
        )

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/v2/languages", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def log_tail(self, lines: int = 8) -> str:
        if self._workdir is None:
            return ""
        try:
            text = (self._workdir / "server.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return " | ".join(text.strip().splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s) and remove its temporary files."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None
        self._cleanup()

    def _cleanup(self) -> None:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def __enter__(self) -> LanguageToolServer:
        if self.process is None:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """``python -m lint.backends.languagetool_server [provision|serve] [--port N]``.

    The click subgroup ``articlelint languagetool`` wraps the same functions.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    command = args.pop(0) if args else "serve"
    port = int(args[args.index("--port") + 1]) if "--port" in args else None
    try:
        home = provision(quiet=False)
        if command == "provision":
            print(home)
            return 0
        server = LanguageToolServer(home, port=port).start()
    except ProvisionError as exc:
        print(f"articlelint: {exc}", file=sys.stderr)
        return 2
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that `finally` stops Java
    print(f"LanguageTool {LT_VERSION} listening on {server.url} (Ctrl-C stops it)", flush=True)
    try:
        assert server.process is not None
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
