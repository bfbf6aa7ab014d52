"""A Python-Markdown extension that hands papersite's paper pages to MkDocs without parsing them.

A paper page's body is one raw HTML block that papersite rendered and escaped itself (see
``templates/paper.md.j2``). Python-Markdown would still walk it with ``html.parser`` to find where
the block ends, and MkDocs would walk it again to collect its ids: per page that is more work than
the rest of the Markdown conversion, about a third of MkDocs' time for 5,000 papers. This
preprocessor stores such a body as the one raw block it is, so neither walk happens. mkdocs.yml
lists it under ``markdown_extensions``.

The HTML that comes out is the same byte for byte as without the extension (the tests compare
both), so a tool that cannot load it can drop the line and build the same site, only slower. Only a
document whose first and last non-blank lines are a paper page's opening and closing tags is
touched (the template writes nothing outside that one element); every other page goes through
Markdown as before. The ids inside a paper page are then unknown to MkDocs' anchor check: no page
links to them.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# The first and last lines of a paper page's body, as templates/paper.md.j2 writes them.
PAGE_OPENING = '<div class="ps-paper-page">'
PAGE_CLOSING = "</div>"
# Before MkDocs' own raw HTML preprocessor (21) and Python-Markdown's HTML block parser (20), after
# the whitespace normaliser (30), which removes the placeholder markers from the text.
_PRIORITY = 25


class PaperPagePreprocessor(Preprocessor):
    """Stores a whole paper page body as one raw HTML block, leaving its placeholder."""

    def run(self, lines: list[str]) -> list[str]:
        """The lines of a paper page replaced by a placeholder; any other document unchanged."""
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first] != PAGE_OPENING:
            return lines
        last = max(i for i, line in enumerate(lines) if line.strip())
        if lines[last] != PAGE_CLOSING:
            return lines
        placeholder = self.md.htmlStash.store("\n".join(lines[first : last + 1]))
        # Blank lines around it, as Python-Markdown's HTML block parser leaves them.
        return [*lines[:first], "", placeholder, "", *lines[last + 1 :]]


class PaperPageExtension(Extension):
    """Registers :class:`PaperPagePreprocessor`."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the preprocessor ahead of the HTML parsers."""
        md.preprocessors.register(PaperPagePreprocessor(md), "papersite_paper_page", _PRIORITY)


def makeExtension(**kwargs: object) -> PaperPageExtension:
    """The extension, as Python-Markdown loads it by module name."""
    return PaperPageExtension(**kwargs)
