"""A Python-Markdown extension that hands papersite's paper pages to MkDocs without parsing them.

A paper page's body is one raw HTML block that papersite rendered and escaped itself (see
``templates/paper.md.j2``). Python-Markdown would still walk it with ``html.parser`` to find where
the block ends, and MkDocs would walk it again to collect its ids: per page that is more work than
the rest of the Markdown conversion, about a third of MkDocs' time for 5,000 papers. This
preprocessor stores such a body as the one raw block it is, so neither walk happens. mkdocs.yml
lists it under ``markdown_extensions``.

The HTML that comes out is the same byte for byte as without the extension (the tests compare
both), so a tool that cannot load it can drop the line and build the same site, only slower and
without the paper pages' tables of contents. Those the extension adds: the toc extension sees no
heading inside raw HTML, and Material makes a page's "Skip to content" link and its contents
sidebar from MkDocs' table of contents, so a paper page had neither. Only a document whose first
and last non-blank lines are a paper page's opening and closing tags is touched (the template
writes nothing outside that one element); every other page goes through Markdown as before. The
ids inside a paper page are then unknown to MkDocs' anchor check: no page links to them.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import strip_tags
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

# The first and last lines of a paper page's body, as templates/paper.md.j2 writes them.
PAGE_OPENING = '<div class="ps-paper-page">'
PAGE_CLOSING = "</div>"
# Before MkDocs' own raw HTML preprocessor (21) and Python-Markdown's HTML block parser (20), after
# the whitespace normaliser (30), which removes the placeholder markers from the text.
_PRIORITY = 25
# A heading of the page as the template writes it, alone on its line: level, id, inner HTML.
_HEADING = re.compile(r'<h([12]) id="([^"]+)">(.*)</h\1>')

# A table-of-contents entry as Python-Markdown's toc extension makes it, and MkDocs reads it.
TocToken = dict[str, Any]


class PaperPagePreprocessor(Preprocessor):
    """Stores a whole paper page body as one raw HTML block, leaving its placeholder.

    The page's headings are kept in ``toc_tokens`` (None for any other document).
    """

    toc_tokens: list[TocToken] | None = None

    def run(self, lines: list[str]) -> list[str]:
        """The lines of a paper page replaced by a placeholder; any other document unchanged."""
        self.toc_tokens = None
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first] != PAGE_OPENING:
            return lines
        last = max(i for i, line in enumerate(lines) if line.strip())
        if lines[last] != PAGE_CLOSING:
            return lines
        body = lines[first : last + 1]
        self.toc_tokens = toc_tokens(body)
        placeholder = self.md.htmlStash.store("\n".join(body))
        # Blank lines around it, as Python-Markdown's HTML block parser leaves them.
        return [*lines[:first], "", placeholder, "", *lines[last + 1 :]]


def toc_tokens(lines: list[str]) -> list[TocToken]:
    """The table of contents of a paper page's lines: its <h1>, holding its <h2>s."""
    tokens: list[TocToken] = []
    for line in lines:
        heading = _HEADING.fullmatch(line)
        if heading is None:
            continue
        level, anchor, inner = int(heading[1]), heading[2], heading[3]
        # Every key the toc extension gives a token, not only those MkDocs reads: other readers of
        # mkdocs.yml (Zensical) read "html" and "data-toc-label" too, and failed without them. The
        # inner HTML is escaped already (the template escaped it), as the toc extension's is.
        token: TocToken = {
            "level": level,
            "id": anchor,
            "name": strip_tags(inner),
            "html": inner,
            "data-toc-label": "",
            "children": [],
        }
        if level == 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


class PaperPageContents(Postprocessor):
    """Hands MkDocs a paper page's table of contents, after the toc extension set an empty one."""

    def __init__(self, md: Markdown, pages: PaperPagePreprocessor) -> None:
        super().__init__(md)
        self.pages = pages

    def run(self, text: str) -> str:
        """The text unchanged; ``md.toc_tokens`` set for a paper page."""
        if self.pages.toc_tokens is not None:
            self.md.toc_tokens = self.pages.toc_tokens  # type: ignore[attr-defined]
        return text


class PaperPageExtension(Extension):
    """Registers :class:`PaperPagePreprocessor` and :class:`PaperPageContents`."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the preprocessor ahead of the HTML parsers, and the contents after everything."""
        pages = PaperPagePreprocessor(md)
        md.preprocessors.register(pages, "papersite_paper_page", _PRIORITY)
        md.postprocessors.register(PaperPageContents(md, pages), "papersite_paper_contents", 0)


def makeExtension(**kwargs: object) -> PaperPageExtension:
    """The extension, as Python-Markdown loads it by module name."""
    return PaperPageExtension(**kwargs)
