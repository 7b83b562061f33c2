"""Language server latency: time from a change to its diagnostics, over stdio.

Starts ``articlelint server --debounce 0`` (debounce off, so the figure is the server's own
cost), opens each file, then sends N edits one at a time (each waits for its diagnostics) and
reports the median and worst time per edit. Run on demand, never as a test:

    python bench/server_latency.py [--edits 20] FILE...
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pygls.protocol import default_converter

LANG = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


async def main(files: list[Path], edits: int) -> None:
    client = LanguageClient(converter_factory=default_converter)
    arrived: asyncio.Queue = asyncio.Queue()
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = lambda ls, p: arrived.put_nowait((time.perf_counter(), p))
    register_lsp_features(client, features)
    await client.start_io(sys.executable, "-m", "lint", "server", "--debounce", "0")
    await client.initialize_session(types.InitializeParams(capabilities=client_capabilities("neovim")))

    async def wait(uri: str, version: int) -> tuple[float, types.PublishDiagnosticsParams]:
        while True:
            t, p = await asyncio.wait_for(arrived.get(), 300)
            if p.uri == uri and p.version == version:
                return t, p

    print(f"{'file':<48} {'chars':>7} {'open s':>7} {'median ms':>9} {'max ms':>7} findings")
    for path in files:
        text = path.read_text(encoding="utf-8")
        uri = from_fs_path(str(path.resolve()))
        t0 = time.perf_counter()
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri, LANG.get(path.suffix.lower(), "plaintext"), 1, text)))
        t1, p = await wait(uri, 1)
        times = []
        for version in range(2, edits + 2):
            text = text + ("x" if version % 2 else " ")  # one keystroke at the end
            start = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [types.TextDocumentContentChangeWholeDocument(text)]))
            t, p = await wait(uri, version)
            times.append((t - start) * 1000)
        print(f"{str(path)[-48:]:<48} {len(text):>7} {t1 - t0:>7.2f} {statistics.median(times):>9.1f} "
              f"{max(times):>7.1f} {len(p.diagnostics)}")
        client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    await client.shutdown_session()
    await client.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    asyncio.run(main(args.files, args.edits))
