"""Sort keys for Material's tags plugin, named in mkdocs.yml: alphabetical whatever the case.

Material sorts tags, and the pages listed under each on the Tags page, by their text as written,
so "MIR-Bench" comes before "Med-EASi" and every lower-case name after every capitalised one.
These keys compare the casefolded text, then the text itself, so names that differ only in case
keep one order from build to build. Tags and titles reach the plugin HTML-escaped (papersite
escapes front matter) and are compared as readers see them.
"""

from __future__ import annotations

import html
from typing import Protocol


class _Named(Protocol):
    @property
    def name(self) -> str: ...


class _Titled(Protocol):
    @property
    def title(self) -> object: ...


class _Listed(Protocol):
    @property
    def item(self) -> _Titled: ...


def text_order(text: str) -> tuple[str, str]:
    """Text as readers see it, case aside, then as written."""
    shown = html.unescape(text)
    return shown.casefold(), shown


def tag_order(tag: _Named, *_: object) -> tuple[str, str]:
    """A tag by its name (``tags_sort_by`` and ``listings_tags_sort_by``)."""
    return text_order(tag.name)


def title_order(mapping: _Listed) -> tuple[str, str]:
    """A page listed under a tag by its title (``listings_sort_by``)."""
    # Material's own key coerces too: a title from front matter may be any YAML value.
    return text_order(str(mapping.item.title))
