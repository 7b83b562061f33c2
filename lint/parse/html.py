"""HTML: blocks of prose with exact source positions, with the standard library's parser.

``html.parser`` is tolerant (unclosed tags, stray end tags, broken markup never raise) and
reports where each event starts (``getpos()``), which a line index of the source turns into
offsets. Block-level elements (``p``, ``h1``–``h6``, ``li``, ``blockquote``, ``td``/``th``,
``div``/``section``/… text runs) start and end blocks; ``<br>`` is a line break inside a block
(the prose ``\\n`` stands for the tag). Whitespace that contains a source line break becomes one
space (HTML renders it so); other text is copied verbatim. Entities decode to the characters
they stand for, each mapped to the whole entity.

Skipped: ``<head>``, ``script``, ``style``, ``code``, ``pre``, ``noscript``, ``template``,
``svg``, ``math``, form controls' option lists and text areas, tags and attributes (``alt``
too), bare URLs in text. Comments are collected into ``doc.comments`` (not inside skipped
elements). ``nav``, ``header``, ``footer`` and ``aside`` stay prose: deciding that a line is
boilerplate is the boilerplate rules' job, and they need to see it to report it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from lint.document import Block, Comment, Document, Span
from lint.parse.prose import Prose

# Elements whose start or end ends the current block.
BLOCK_TAGS = frozenset(
    """
    address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main
    menu nav ol p section summary table tbody td tfoot th thead tr ul legend
    """.split()
) | frozenset(("button", "label"))
# Elements whose content is not prose.
SKIP_TAGS = frozenset(
    """
    head title script style code pre noscript template svg math select option datalist
    textarea iframe object canvas audio video map kbd samp
    """.split()
)
VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen".split()
)
# Starting one of these closes an open <p> (HTML's implied end tags).
_CLOSES_P = BLOCK_TAGS - {"button", "label", "body", "html"}
_KIND_OF = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "li": "list_item", "dt": "list_item", "dd": "list_item",
    "td": "table_cell", "th": "table_cell",
    "blockquote": "quote",
}
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?")
_COMMENT_END = re.compile(r"--!?>")
_WS_NL = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")


class _Extractor(HTMLParser):
    def __init__(self, source: str, start: int, end: int, kind: str | None) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = start
        self.end = end
        self.kind = kind  # force every block's kind (Markdown's raw HTML blocks)
        text = source[start:end]
        starts = [0]
        i = text.find("\n")
        while i != -1:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        self.starts = starts
        self.blocks: list[Block] = []
        self.comments: list[Comment] = []
        self.stack: list[str] = []
        self.skipping = 0  # open skipped elements
        self.prose = Prose(source)
        self.cursor = start  # end of the last text taken: prose never runs backwards

    # -- positions ------------------------------------------------------------------------
    def here(self) -> int:
        line, col = self.getpos()
        return self.base + self.starts[min(line - 1, len(self.starts) - 1)] + col

    # -- blocks ---------------------------------------------------------------------------
    def flush(self) -> None:
        if not self.prose:
            self.prose = Prose(self.source)
            return
        kind = self.kind
        if kind is None:
            kind = "paragraph"
            for tag in reversed(self.stack):
                if tag in _KIND_OF:
                    kind = _KIND_OF[tag]
                    break
        depth = max(0, sum(1 for t in self.stack if t in ("li", "dd", "dt", "blockquote")) - 1)
        block = self.prose.build(kind, depth=depth, markdown=self.kind == "html_block")
        if block is not None:
            self.blocks.append(block)
        self.prose = Prose(self.source)

    def _pop_to(self, tag: str) -> None:
        """Close the innermost open ``tag`` and everything opened inside it."""
        k = len(self.stack) - 1 - self.stack[::-1].index(tag)
        for t in self.stack[k:]:
            if t in SKIP_TAGS:
                self.skipping -= 1
        del self.stack[k:]

    def _implied_end(self, tag: str) -> None:
        if tag in _CLOSES_P and "p" in self.stack:
            k = len(self.stack) - 1 - self.stack[::-1].index("p")
            if all(t not in BLOCK_TAGS for t in self.stack[k + 1 :]):
                self._pop_to("p")
        if tag == "li":
            self._close_sibling("li", ("ul", "ol", "menu"))
        elif tag in ("dt", "dd"):
            self._close_sibling("dt", ("dl",))
            self._close_sibling("dd", ("dl",))
        elif tag in ("td", "th"):
            self._close_sibling("td", ("tr", "table"))
            self._close_sibling("th", ("tr", "table"))
        elif tag == "tr":
            self._close_sibling("tr", ("table", "tbody", "thead", "tfoot"))
        elif tag == "option":
            self._close_sibling("option", ("select", "datalist"))

    def _close_sibling(self, tag: str, scope: tuple[str, ...]) -> None:
        for t in reversed(self.stack):
            if t == tag:
                self._pop_to(tag)
                return
            if t in scope:
                return

    # -- events ---------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        start = self.here()
        raw = self.get_starttag_text() or ""
        end = start + len(raw)
        if tag == "br":
            if not self.skipping and self.prose and start >= self.cursor:
                self.prose.replaced("\n", start, end)
                self.cursor = end
            return
        if tag in BLOCK_TAGS:
            self.flush()
            self._implied_end(tag)
        elif not self.skipping:
            # an image or the start of skipped content (inline code) removes prose
            self.prose.gap(content=tag in SKIP_TAGS or tag in ("img", "input"))
        if tag in VOID_TAGS:
            return
        if tag in SKIP_TAGS:
            self.skipping += 1
        self.stack.append(tag)
        if raw.endswith("/>") and tag not in ("script", "style"):
            self.handle_endtag(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.flush()
        elif not self.skipping:
            self.prose.gap(content=False)
        if tag in self.stack:
            self._pop_to(tag)

    def handle_data(self, data: str) -> None:
        if self.skipping or not data:
            return
        start = self.here()
        self._text(start, data)

    def _text(self, start: int, data: str) -> None:
        source = self.source
        if start < self.cursor or not source.startswith(data, start):
            # html.parser's position can be off on markup it gives up on ("<![ "): find
            # the text after what was already taken; drop it if it is not there
            found = source.find(data, self.cursor, self.end)
            if found < 0:
                return
            start = found
        self.cursor = start + len(data)
        prose = self.prose
        pos = 0
        for m in _WS_NL.finditer(data):
            prose.verbatim(start + pos, start + m.start())
            prose.replaced(" ", start + m.start(), start + m.end())
            pos = m.end()
        prose.verbatim(start + pos, start + len(data))

    def _entity(self) -> None:
        if self.skipping:
            return
        start = self.here()
        m = _ENTITY.match(self.source, start)
        if not m or start < self.cursor:
            return
        self.cursor = m.end()
        raw = m.group(0)
        text = html.unescape(raw)
        if text == raw:
            self.prose.verbatim(start, m.end())
        else:
            self.prose.replaced(text, start, m.end())

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()

    def handle_comment(self, data: str) -> None:
        start = self.here()
        if self.skipping:
            return
        self.prose.gap(content=False)
        if not self.source.startswith("<!--" + data, start):
            return  # a "bogus comment" such as "</>" or "<!x>": markup, not a comment
        m = _COMMENT_END.search(self.source, start + 4, self.end)
        end = m.end() if m else self.end
        self.comments.append(Comment(Span(start, end), data))

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # Python < 3.13 raises AssertionError on "<![word]>"; skip such a section as markup
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            j = self.rawdata.find(">", i)
            return -1 if j < 0 else j + 1

    def close(self) -> None:
        super().close()
        self.flush()


def extract_html(
    source: str, start: int = 0, end: int | None = None, kind: str | None = None
) -> tuple[list[Block], list[Comment]]:
    """Blocks and comments of the HTML in ``source[start:end]`` (offsets into ``source``)."""
    end = len(source) if end is None else end
    parser = _Extractor(source, start, end, kind)
    try:
        parser.feed(source[start:end])
        parser.close()
    except AssertionError:  # html.parser's last resort on markup it cannot read
        parser.flush()
    return parser.blocks, parser.comments


def parse_html(source: str, path: str = "-") -> Document:
    blocks, comments = extract_html(source)
    for k, block in enumerate(blocks):
        block.index = k
    return Document(path=path, source=source, format="html", blocks=blocks, comments=comments)
