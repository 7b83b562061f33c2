"""Markdown: blocks of prose with exact source positions.

markdown-it-py (CommonMark + GFM tables and strikethrough + footnotes) decides the structure.
Its tokens carry line ranges but no character offsets, so each block's inline content is laid
back onto its source lines (:class:`_ContentMap`), and the inline tokens are walked in order
with a cursor into that content: text is copied verbatim, markup (emphasis markers, link
brackets, escapes' backslashes) is left out, and what is not prose is dropped.

Blocks: paragraphs, headings (ATX and setext), list items (``list_item``: each paragraph of
an item), block quotes (``quote``), GFM table cells (``table_cell``), footnote texts
(``paragraph``), and the text of raw HTML blocks (``html_block``). A paragraph's soft line
breaks stay in the prose as the source's ``\\n``.

Dropped, never linted: YAML ``---`` / TOML ``+++`` front matter (``doc.front_matter``),
fenced and indented code, inline code, link destinations and titles (link text stays),
autolinks and bare URLs, images (alt text too: it describes a picture, it is not part of the
sentence around it), footnote markers, HTML comments and tags, ``<script>``/``<style>``/
``<code>`` content, reference definitions. HTML comments outside code are collected into
``doc.comments`` (suppressions, test expectations).
"""

from __future__ import annotations

import bisect
import re

from lint.document import Block, Comment, Document, Span, line_starts
from lint.parse.prose import Prose

_MD = None


def _markdown():
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin

        # maxNesting: markdown-it stops parsing the rest of the document past this depth of
        # nested lists/quotes (CommonMark's preset says 20); 100 keeps far from Python's
        # recursion limit while real documents never reach it
        md = MarkdownIt("commonmark", {"html": True, "maxNesting": 100})
        md.enable(["table", "strikethrough"])
        md.use(footnote_plugin)
        # keep escapes and entities as separate tokens: their source form differs from the text
        md.disable("text_join")
        # link destinations are dropped, never rendered: skip their normalisation (~10% of
        # the parse time on a link-heavy blog)
        md.normalizeLink = md.normalizeLinkText = lambda url: url
        md.validateLink = lambda url: True
        _MD = md
    return _MD


_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?P<fence>---|\+\+\+)[ \t]*\r?\n(?:.*?\r?\n)??(?P<close>(?P=fence)|\.\.\.)[ \t]*(?:\r?\n|\Z)",
    re.S,
)


def find_front_matter(source: str) -> Span | None:
    """Span of YAML (``---``) or TOML (``+++``) front matter at the start of ``source``
    (through the closing fence line, without its line break), or ``None``."""
    m = _FRONT_MATTER.match(source)
    if not m:
        return None
    if m.group("fence") == "+++" and m.group("close") == "...":
        return None
    end = m.end()
    while end > 0 and source[end - 1] in "\r\n":
        end -= 1
    return Span(0, end)


class _Lines:
    """Line starts and content ends (without ``\\r\\n``) of the source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = line_starts(source)

    def start(self, line: int) -> int:
        return self.starts[line]

    def newline(self, line: int) -> int:
        """Offset of the ``\\n`` ending 0-based ``line`` (``len(source)`` on the last line)."""
        if line + 1 < len(self.starts):
            return self.starts[line + 1] - 1
        return len(self.source)

    def end(self, line: int) -> int:
        """End of the line's content (before ``\\r\\n`` / ``\\n``)."""
        e = self.newline(line)
        if e > self.starts[line] and self.source[e - 1] == "\r" and e < len(self.source):
            e -= 1
        return e


class _ContentMap:
    """Maps offsets of a token's inline content (built by markdown-it from several source
    lines, container prefixes and indentation removed) back to source offsets."""

    __slots__ = ("content", "c_starts", "s_starts")

    def __init__(self, content: str, c_starts: list[int], s_starts: list[int]):
        self.content = content
        self.c_starts = c_starts
        self.s_starts = s_starts

    @classmethod
    def from_lines(cls, content: str, lines: _Lines, first_line: int, last_line: int) -> "_ContentMap":
        source = lines.source
        c_starts: list[int] = []
        s_starts: list[int] = []
        c = 0
        frags = content.split("\n")
        for k, frag in enumerate(frags):
            line = min(first_line + k, last_line)
            ls, le = lines.start(line), lines.end(line)
            body = frag.lstrip(" \t")
            lead = len(frag) - len(body)
            text_line = source[ls:le]
            core = body.rstrip(" \t")
            p = len(text_line.rstrip(" \t")) - len(core)
            if not (p >= 0 and text_line.startswith(body, p)):
                q = text_line.rfind(core) if core else -1
                p = q if q >= 0 else max(0, len(text_line) - len(body))
            c_starts.append(c)
            s_starts.append(ls + max(0, p - lead))
            if lead:
                c_starts.append(c + lead)
                s_starts.append(ls + p)
            c += len(frag)
            if k + 1 < len(frags):
                c_starts.append(c)
                s_starts.append(lines.newline(line))
                c += 1
        return cls(content, c_starts, s_starts)

    def to_source(self, i: int) -> int:
        k = bisect.bisect_right(self.c_starts, i) - 1
        if k < 0:
            return self.s_starts[0] if self.s_starts else 0
        return self.s_starts[k] + (i - self.c_starts[k])

    def end_to_source(self, i: int) -> int:
        """Source offset just after content character ``i - 1``."""
        return self.to_source(i - 1) + 1 if i > 0 else self.to_source(0)

    def emit(self, prose: Prose, source: str, a: int, b: int) -> None:
        """Append content ``[a, b)`` to ``prose``, verbatim where it matches the source."""
        c_starts, s_starts, content = self.c_starts, self.s_starts, self.content
        while a < b:
            k = bisect.bisect_right(c_starts, a) - 1
            stop = c_starts[k + 1] if k + 1 < len(c_starts) else b
            stop = min(stop, b)
            s = s_starts[k] + (a - c_starts[k])
            piece = content[a:stop]
            if source.startswith(piece, s):
                prose.verbatim(s, s + len(piece))
            else:  # e.g. NUL replaced by U+FFFD, an unescaped table pipe
                prose.replaced(piece, s, s + len(piece))
            a = stop


_LONE_COMMENT = re.compile(r"[ \t]*(<!--((?:(?!-->).)*)-->)[ \t]*$", re.S)


class _Walker:
    def __init__(self, source: str) -> None:
        self.source = source
        self.lines = _Lines(source)
        self.blocks: list[Block] = []
        self.comments: list[Comment] = []

    # -- inline content -------------------------------------------------------------------
    def inline(self, token, cmap: _ContentMap, kind: str, depth: int) -> None:
        prose = Prose(self.source)
        self.walk_inline(token.children or [], cmap, prose)
        block = prose.build(kind, depth=depth)
        if block is not None:
            self.blocks.append(block)

    def walk_inline(self, children, cmap: _ContentMap, prose: Prose) -> None:
        source, content = self.source, cmap.content
        cur = 0
        in_autolink = False
        skip_tag: str | None = None  # inside inline <code>…</code> (or script, style, …)
        for tok in children:
            t = tok.type
            if in_autolink:
                in_autolink = t != "link_close"
                continue
            if skip_tag is not None:
                if t == "html_inline":
                    i = content.find(tok.content, cur)
                    if i >= 0:
                        cur = i + len(tok.content)
                    m = _CLOSE_TAG.match(tok.content)
                    if m and m.group(1).lower() == skip_tag:
                        skip_tag = None
                continue
            if t == "text":
                text = tok.content
                i = content.find(text, cur)
                if i < 0:
                    continue
                cmap.emit(prose, source, i, i + len(text))
                cur = i + len(text)
            elif t == "text_special":
                markup = tok.markup or tok.content
                i = content.find(markup, cur)
                if i < 0:
                    continue
                if tok.info == "escape" and markup.startswith("\\") and tok.content == markup[1:]:
                    cmap.emit(prose, source, i + 1, i + len(markup))  # the escaped character
                elif tok.info == "escape":
                    cmap.emit(prose, source, i, i + len(markup))
                else:  # an entity: the character it stands for
                    prose.replaced(tok.content, cmap.to_source(i), cmap.end_to_source(i + len(markup)))
                cur = i + len(markup)
            elif t in ("softbreak", "hardbreak"):
                i = content.find("\n", cur)
                if i < 0:
                    continue
                if not prose.ends_with("\n"):  # "line<br>" + newline: one break
                    cmap.emit(prose, source, i, i + 1)
                cur = i + 1
            elif t == "code_inline":
                i = content.find(tok.markup, cur)
                if i < 0:
                    continue
                n = len(tok.markup)
                m = re.compile(r"(?<!`)`{%d}(?!`)" % n).search(content, i + n)
                cur = m.end() if m else i + n + len(tok.content)
                prose.gap()
            elif t in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
                i = content.find(tok.markup, cur)
                if i >= 0:
                    cur = i + len(tok.markup)
            elif t == "link_open":
                if tok.markup in ("autolink", "linkify"):
                    i = content.find("<", cur) if tok.markup == "autolink" else cur
                    end = content.find(">", i) + 1 if i >= 0 else 0
                    cur = max(cur, end)
                    in_autolink = True
                    prose.gap()
                else:
                    i = content.find("[", cur)
                    if i >= 0:
                        cur = i + 1
            elif t == "link_close":
                i = content.find("]", cur)
                if i >= 0:
                    cur = _link_tail_end(content, i + 1)
            elif t == "image":
                i = content.find("![", cur)
                if i >= 0:
                    j = _label_end(content, i + 1)
                    cur = _link_tail_end(content, j)
                prose.gap()
            elif t == "footnote_ref":
                i = content.find("[^", cur)
                if i >= 0:
                    j = content.find("]", i)
                    cur = j + 1 if j >= 0 else i + 2
                prose.gap()
            elif t == "html_inline":
                raw = tok.content
                i = content.find(raw, cur)
                if i < 0:
                    continue
                cur = i + len(raw)
                if raw.startswith("<!--"):
                    prose.gap(content=False)
                    self.comment(cmap.to_source(i), cmap.end_to_source(cur), raw)
                elif _BR.match(raw):  # a line break, as in HTML
                    prose.replaced("\n", cmap.to_source(i), cmap.end_to_source(cur))
                else:
                    m = _OPEN_TAG.match(raw)
                    skip = bool(m and m.group(1).lower() in _SKIP_INLINE and not raw.rstrip().endswith("/>"))
                    prose.gap(content=skip or bool(m and m.group(1).lower() == "img"))
                    if skip:
                        skip_tag = m.group(1).lower()
            # footnote_anchor and anything unknown: nothing in the source to step over

    def comment(self, start: int, end: int, raw: str) -> None:
        body = raw[4:-3] if raw.endswith("-->") else raw[4:]
        self.comments.append(Comment(Span(start, end), body))

    # -- blocks ---------------------------------------------------------------------------
    def lines_map(self, content: str, first: int, last: int) -> _ContentMap:
        return _ContentMap.from_lines(content, self.lines, first, last)

    def run(self, tokens) -> None:
        containers: list[str] = []
        row_cells: list[tuple[str, list[int], list[int]]] = []
        cell_no = 0
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            t = tok.type
            if t == "blockquote_open":
                containers.append("quote")
            elif t == "list_item_open":
                containers.append("list_item")
            elif t == "footnote_open":
                containers.append("footnote")
            elif t in ("blockquote_close", "list_item_close", "footnote_close"):
                if containers:
                    containers.pop()
            elif t == "paragraph_open" and i + 1 < n and tokens[i + 1].type == "inline":
                inline = tokens[i + 1]
                kind = "paragraph"
                for c in reversed(containers):
                    if c in ("quote", "list_item"):
                        kind = c
                        break
                depth = max(0, sum(1 for c in containers if c != "footnote") - 1)
                first, last = tok.map[0], tok.map[1] - 1
                self.inline(inline, self.lines_map(inline.content, first, last), kind, depth)
                i += 1
            elif t == "heading_open" and i + 1 < n and tokens[i + 1].type == "inline":
                inline = tokens[i + 1]
                first, last = tok.map[0], tok.map[1] - 1
                if tok.markup in ("=", "-"):  # setext: the underline is not content
                    last -= 1
                depth = max(0, len(containers) - 1)
                self.inline(inline, self.lines_map(inline.content, first, max(first, last)), "heading", depth)
                i += 1
            elif t == "tr_open" and tok.map:
                row_cells = self.table_row(tok.map[0])
                cell_no = 0
            elif t in ("th_open", "td_open") and i + 1 < n and tokens[i + 1].type == "inline":
                inline = tokens[i + 1]
                cmap, cell_no = self.cell_map(inline, row_cells, cell_no)
                if cmap is not None:
                    self.inline(inline, cmap, "table_cell", max(0, len(containers) - 1))
                i += 1
            elif t == "html_block" and tok.map:
                self.html_block(tok)
            # fence, code_block, hr, footnote anchors: not prose
            i += 1

    def table_row(self, line: int) -> list[tuple[str, list[int], list[int]]]:
        """Cells of a table row: (content, c_starts, s_starts) with GFM's pipe splitting."""
        source = self.source
        ls, le = self.lines.start(line), self.lines.end(line)
        cells = []
        cur_text: list[str] = []
        c_starts: list[int] = []
        s_starts: list[int] = []
        seg_start = ls
        length = 0
        escaped = False
        pos = ls
        while pos <= le:
            ch = source[pos] if pos < le else "|"
            if ch == "|" and (pos == le or not escaped):
                if pos > seg_start:
                    c_starts.append(length)
                    s_starts.append(seg_start)
                    cur_text.append(source[seg_start:pos])
                    length += pos - seg_start
                cells.append(_trim_cell("".join(cur_text), c_starts, s_starts))
                cur_text, c_starts, s_starts, length = [], [], [], 0
                seg_start = pos + 1
            elif ch == "|":  # escaped pipe: drop the backslash
                if pos - 1 > seg_start:
                    c_starts.append(length)
                    s_starts.append(seg_start)
                    cur_text.append(source[seg_start : pos - 1])
                    length += pos - 1 - seg_start
                seg_start = pos
            escaped = ch == "\\"
            pos += 1
        return cells

    def cell_map(self, inline, row: list, used: int) -> tuple[_ContentMap | None, int]:
        """The map of the row's next cell whose text is the token's content (cells come in
        order; a container prefix such as ``>`` may form an extra cell before them)."""
        content = inline.content
        for j in range(used, len(row)):
            text, cs, ss = row[j]
            if text == content:
                return (_ContentMap(content, cs, ss) if content else None), j + 1
        return None, used

    def html_block(self, tok) -> None:
        from lint.parse.html import extract_html

        first, last = tok.map[0], tok.map[1] - 1
        start, end = self.lines.start(first), self.lines.end(last)
        # an HTML block starts with "<": skip a container prefix ("> ", "- ") before it
        lt = self.source.find("<", start, self.lines.end(first))
        if lt > start:
            start = lt
        m = _LONE_COMMENT.match(self.source, start, end)
        if m:  # a comment alone (suppressions, expectations): no HTML parser needed
            self.comments.append(Comment(Span(m.start(1), m.end(1)), m.group(2)))
            return
        blocks, comments = extract_html(self.source, start, end, kind="html_block")
        self.blocks.extend(blocks)
        self.comments.extend(comments)


def _trim_cell(text: str, c_starts: list[int], s_starts: list[int]) -> tuple[str, list[int], list[int]]:
    lo = len(text) - len(text.lstrip(" \t"))
    hi = len(text.rstrip(" \t"))
    if hi <= lo:
        return "", [0], [s_starts[0] if s_starts else 0]
    out_c, out_s = [], []
    for k, c in enumerate(c_starts):
        c_end = c_starts[k + 1] if k + 1 < len(c_starts) else len(text)
        a, b = max(c, lo), min(c_end, hi)
        if a >= b:
            continue
        out_c.append(a - lo)
        out_s.append(s_starts[k] + (a - c))
    return text[lo:hi], out_c, out_s


_BR = re.compile(r"<br\s*/?>$", re.I)
_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_CLOSE_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)")
_SKIP_INLINE = {"code", "script", "style", "kbd", "samp", "pre", "svg", "math"}


def _label_end(s: str, i: int) -> int:
    """Index just after the ``]`` closing the link label whose ``[`` is at ``i``."""
    depth = 0
    n = len(s)
    while i < n:
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            m = re.match(r"`+", s[i:])
            run = m.group(0)
            close = re.compile(r"(?<!`)%s(?!`)" % run).search(s, i + len(run))
            i = close.end() if close else i + len(run)
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def _skip_ws(s: str, i: int) -> int:
    n = len(s)
    while i < n and s[i] in " \t\n":
        i += 1
    return i


_SIMPLE_DEST = re.compile(r'\([ \t]*[^\s()<>\\"\']*(?:[ \t]+"[^"\\\n]*")?[ \t]*\)')


def _link_tail_end(s: str, i: int) -> int:
    """After a link label ending at ``i``: skip ``(dest "title")``, ``[ref]`` or nothing."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    n = len(s)
    if i < n and s[i] == "(":
        m = _SIMPLE_DEST.match(s, i)
        if m:  # the usual "(url)" / "(url "title")": no need for the full parser
            return m.end()
        p = _skip_ws(s, i + 1)
        if p < n and s[p] == ")":
            return p + 1
        res = parseLinkDestination(s, p, n)
        if res.ok:
            p = _skip_ws(s, res.pos)
            title = parseLinkTitle(s, p, n)
            if title.ok:
                p = _skip_ws(s, title.pos)
            if p < n and s[p] == ")":
                return p + 1
        close = s.find(")", i)
        return close + 1 if close >= 0 else i
    if i < n and s[i] == "[":
        close = s.find("]", i + 1)
        return close + 1 if close >= 0 else i
    return i


def _markdown_input(source: str, front: Span | None) -> str:
    """The text markdown-it sees: same length and lines as the source, with the front matter
    blanked, a BOM blanked and lone CRs (which CommonMark reads as line breaks, while our line
    index does not) turned into spaces."""
    text = source
    if front is not None:
        blank = "".join(ch if ch == "\n" else " " for ch in source[front.start : front.end])
        text = blank + text[front.end :]
    if text.startswith("\ufeff"):
        text = " " + text[1:]
    if "\r" in text:
        text = re.sub(r"\r(?!\n)", " ", text)
    return text


def parse_markdown(source: str, path: str = "-") -> Document:
    front = find_front_matter(source)
    tokens = _markdown().parse(_markdown_input(source, front))
    walker = _Walker(source)
    walker.run(tokens)
    blocks = sorted(walker.blocks, key=lambda b: b.span.start)
    for k, block in enumerate(blocks):
        block.index = k
    comments = sorted(walker.comments, key=lambda c: c.span.start)
    return Document(
        path=path, source=source, format="markdown", blocks=blocks, comments=comments, front_matter=front
    )
