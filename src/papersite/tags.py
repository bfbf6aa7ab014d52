"""The order readers expect of tags, and of the papers listed under each: alphabetical, any case.

Sorting text as written puts every capital before every lower-case letter ("LLM" before
"attention", "MIR-Bench" before "Med-EASi"). :func:`text_order` compares the casefolded text
first and the text itself after, so names that differ only in case keep one order from build to
build. papersite orders a paper's tags with it (theme pages, paper pages, search entries).

Material's tags plugin orders the tags under a page's title, the tags of the Tags page and the
pages under each tag by text as written, and takes other orders only as Python functions in its
options. mkdocs.yml stays standard Material, loadable without papersite, so the functions are not
named there: ``papersite build`` and ``serve`` hand them to the plugin as they load mkdocs.yml
(:func:`with_tag_order`), as they hand the theme papersite's template overrides. Plain
``mkdocs build`` keeps Material's own order.

Each tag has a page of its own, at an address made of its name (:func:`tag_slugs`).
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

# What a tag's address keeps of its name: ASCII letters and digits, other runs made one "-".
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# A tag's name is at most 40 characters (schema.py); its address is kept as short.
SLUG_LENGTH = 40
# Slugs MkDocs gives another meaning as a page's file name: tags/index.md is the Tags page's own
# file (tags.md and it would both become tags/index.html, and MkDocs keeps one). MkDocs reads
# README.md so too, but only in capitals, which no slug has.
RESERVED_SLUGS = frozenset({"index"})


class _Named(Protocol):
    @property
    def name(self) -> str: ...


class _Item(Protocol):
    @property
    def title(self) -> object: ...

    @property
    def url(self) -> str: ...


class _Listed(Protocol):
    @property
    def item(self) -> _Item: ...


def text_order(text: str) -> tuple[str, str]:
    """A sort key: the text whatever its case, then as written, so that no two texts tie."""
    return text.casefold(), text


def tag_slugs(tags: Iterable[str]) -> dict[str, str]:
    """Each tag's folder name under the Tags page: lower-case ASCII letters, digits and '-'.

    ``tags`` holds each use of a tag (one per paper it is on). Made of the name ("Linear RNN" is
    ``linear-rnn``, "Café" ``cafe``), so the address says what it lists. A tag whose name keeps no
    letter or digit in ASCII ("日本語"), that shares its slug with a commoner tag ("Résumé" on one
    paper beside "resume" on two; of tags as common, all but the first in :func:`text_order`), or
    whose slug MkDocs reads as another page's (``index``, :data:`RESERVED_SLUGS`), ends in a few
    hex digits of its name's hash: every tag gets a folder of its own, the same whatever order the
    tags come in.
    """
    uses: dict[str, int] = {}
    for tag in tags:
        uses[tag] = uses.get(tag, 0) + 1
    names = sorted(uses, key=text_order)
    plain = {name: plain_slug(name) for name in names}
    # The commonest tag of a slug keeps it: a rarer look-alike added later moved the page of one
    # in use to a hashed address, breaking every link to it. Of equals, the first keeps it.
    keeper: dict[str, str] = {}
    for name, slug in plain.items():
        if slug not in keeper or uses[name] > uses[keeper[slug]]:
            keeper[slug] = name
    slugs = {
        name: slug
        for name, slug in plain.items()
        if slug and keeper[slug] == name and slug not in RESERVED_SLUGS
    }
    taken = set(plain.values())
    for name, slug in plain.items():
        if name in slugs:
            continue
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
        # The whole hash only for a tag named like another's slug with its digits ("x 1a2b3c4d").
        for length in (8, len(digest)):
            slugs[name] = f"{slug or 'tag'}-{digest[:length]}"
            if slugs[name] not in taken:
                break
        taken.add(slugs[name])
    return slugs


def plain_slug(name: str) -> str:
    """The name's letters and digits in ASCII, lower-case, joined by '-' (accents dropped)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")
    return slug[:SLUG_LENGTH].rstrip("-")


def tag_order(tag: _Named, *_: object) -> tuple[str, str]:
    """Material's key for a tag (``tags_sort_by``, ``listings_tags_sort_by``): by its name."""
    # Compared as readers see it: papersite writes tags into front matter HTML-escaped.
    return text_order(html.unescape(tag.name))


def title_order(mapping: _Listed) -> tuple[str, str, str]:
    """Material's key for a page listed under a tag (``listings_sort_by``): by title, then address.

    Two papers may share a title (their ids differ); the address keeps them in one order.
    """
    # str(), as Material's own key: a title from front matter may be any YAML value.
    title = html.unescape(str(mapping.item.title))
    return (*text_order(title), str(mapping.item.url))


# The tags plugin's options that take a sort key: the tags under a page's title, the tags of a
# listing (the Tags page), and the pages under each tag there.
SORT_OPTIONS: Mapping[str, Callable[..., object]] = {
    "tags_sort_by": tag_order,
    "listings_tags_sort_by": tag_order,
    "listings_sort_by": title_order,
}


def with_tag_order(plugins: Any, theme: Any) -> Any:
    """mkdocs.yml's ``plugins`` with papersite's sort keys given to Material's tags plugin.

    ``plugins`` and ``theme`` are as mkdocs.yml writes them; nothing of them is changed in place.
    An option mkdocs.yml sets itself wins. A plugin written ``tags`` is Material's only under
    Material's theme (MkDocs looks for ``<theme>/tags`` first); any other is left alone, and so
    is anything MkDocs would refuse, for MkDocs to report.
    """
    name = theme.get("name") if isinstance(theme, Mapping) else theme
    ours = {"material/tags", "tags"} if name == "material" else {"material/tags"}

    def ordered(plugin: object, options: Any) -> Any:
        if plugin not in ours or not (options is None or isinstance(options, Mapping)):
            return options
        return {**SORT_OPTIONS, **(options or {})}

    if isinstance(plugins, Mapping):
        return {plugin: ordered(plugin, options) for plugin, options in plugins.items()}
    if not isinstance(plugins, list):
        return plugins
    entries: list[Any] = []
    for entry in plugins:
        if isinstance(entry, str) and entry in ours:
            entry = {entry: ordered(entry, None)}
        elif isinstance(entry, Mapping) and len(entry) == 1:
            [(plugin, options)] = entry.items()
            entry = {plugin: ordered(plugin, options)}
        entries.append(entry)
    return entries
