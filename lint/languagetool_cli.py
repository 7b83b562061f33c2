"""``articlelint languagetool provision|serve``: a local LanguageTool server by hand.

The grammar rule starts one by itself when ``grammar.backend`` uses LanguageTool and no URL
is configured; these commands are for running one server for many runs (set
``LANGUAGETOOL_URL`` to the URL ``serve`` prints), for CI service steps, and for tests.
"""

from __future__ import annotations

import signal
import sys

import click


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
    """
    from lint.backends.languagetool_server import LanguageToolServer, ProvisionError, provision

    try:
        home = provision(quiet=False)
        server = LanguageToolServer(home, port=port).start(timeout=timeout)
    except ProvisionError as exc:
        raise click.ClickException(str(exc)) from None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
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
        server.stop()
