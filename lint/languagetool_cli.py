"""``articlelint languagetool provision|serve``: a local LanguageTool server by hand.

The grammar rule starts one by itself when ``grammar.backend`` uses LanguageTool and no URL
is configured; these commands are for running one server for many runs (set
``LANGUAGETOOL_URL`` to the URL ``serve`` prints), for CI service steps, and for tests.
"""

from __future__ import annotations

import signal
import sys

import click


def _warm_up(url: str) -> None:
    import urllib.error
    import urllib.parse
    import urllib.request

    data = urllib.parse.urlencode({"language": "en-US", "text": "This is a warm-up text."}).encode()
    try:
        urllib.request.urlopen(f"{url}/v2/check", data=data, timeout=300).close()
    except (urllib.error.URLError, OSError):
        pass  # a slow first check later is the only cost


@click.group("languagetool")
def languagetool() -> None:
    """Provision and run a local LanguageTool server (Java 17 and Maven needed)."""


@languagetool.command("provision")
def provision_cmd() -> None:
    """Download LanguageTool from Maven Central into the cache folder (once) and print it."""
    from lint.backends.languagetool_server import ProvisionError, provision

    try:
        home = provision(quiet=False)
    except ProvisionError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(home))


@languagetool.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port on 127.0.0.1 [default: a free one].")
@click.option("--timeout", type=float, default=120.0, show_default=True,
              help="Seconds to wait for the server to answer.")
def serve_cmd(port: int | None, timeout: float) -> None:
    """Provision if needed, start LanguageTool on 127.0.0.1, print its URL, run until stopped.

    The server accepts connections from this computer only (no --public, no --allow-origin).
    While it runs, `articlelint check` with the languagetool backend and no URL configured
    uses it instead of starting its own.
    """
    from lint.backends.languagetool_server import (
        LanguageToolServer,
        ProvisionError,
        clear_state,
        provision,
        write_state,
    )

    try:
        home = provision(quiet=False)
        server = LanguageToolServer(home, port=port).start(timeout=timeout)
    except ProvisionError as exc:
        raise click.ClickException(str(exc)) from None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    _warm_up(server.url)  # LanguageTool loads its English rules on the first check
    write_state(server)  # later `articlelint check` runs on this machine reuse this server
    click.echo(f"LanguageTool listening on {server.url} (started in {server.start_seconds:.1f} s); "
               f"export LANGUAGETOOL_URL={server.url}", err=False)
    try:
        assert server.process is not None
        code = server.process.wait()
        if code:
            raise click.ClickException(f"LanguageTool stopped with status {code}: {server.log_tail()}")
    except KeyboardInterrupt:
        pass
    finally:
        clear_state(server)
        server.stop()
