"""Parsers: ``parse(source, path) -> Document`` for plain text, Markdown and HTML."""

from __future__ import annotations

from pathlib import PurePath

from lint.document import Document

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def format_for(path: str) -> str:
    suffix = PurePath(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def parse(source: str, path: str = "-", fmt: str | None = None) -> Document:
    fmt = fmt or format_for(path)
    if fmt == "markdown":
        from lint.parse.markdown import parse_markdown

        return parse_markdown(source, path)
    if fmt == "html":
        from lint.parse.html import parse_html

        return parse_html(source, path)
    from lint.parse.text import parse_text

    return parse_text(source, path)
