"""Atom feeds of the reading list: every paper, and one per theme, newest first.

Built with ElementTree, which escapes text itself, so a hostile title stays text in every reader.
Papers with no known publication date are left out: Atom requires a date, and inventing one would
put them at the top or the bottom of every reader for no reason.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, date, datetime

from papersite.curation import CuratedPaper, newest_first
from papersite.markup import clean_text
from papersite.urls import paper_url

ATOM = "http://www.w3.org/2005/Atom"
# xml:lang's namespace, which ElementTree writes with its reserved prefix "xml".
XML = "http://www.w3.org/XML/1998/namespace"
# Atom requires a feed to name its author: who does, when mkdocs.yml's site_author does not.
DEFAULT_AUTHOR = "papersite curators"


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    # ElementTree escapes markup but writes any character as it is: one XML forbids (a control,
    # U+FFFE) in a text or an attribute made the whole feed unreadable, so none is ever written.
    cleaned = {name: clean_text(value) for name, value in attributes.items()}
    element = ET.SubElement(parent, tag, cleaned)
    if text is not None:
        element.text = clean_text(text)
    return element


def atom_feed(
    *,
    title: str,
    feed_url: str,
    feed_id: str | None = None,
    page_url: str,
    site_url: str,
    items: Iterable[CuratedPaper],
    built: datetime,
    max_entries: int,
    author: str | None,
    language: str,
) -> bytes:
    """Atom XML of the ``max_entries`` newest dated papers among ``items``.

    ``built`` dates an empty feed; ``author`` names its author, :data:`DEFAULT_AUTHOR` when None;
    ``language`` is the site's, the feed's ``xml:lang``, which readers hyphenate and read aloud by;
    ``feed_id`` is the feed's ``atom:id``, ``feed_url`` when None (Atom asks that it never change,
    though the feed moves).
    """
    dated = sorted((item for item in items if item.paper.published), key=newest_first)
    entries = dated[:max_entries]
    # Plain names and an xmlns attribute: ElementTree would otherwise invent "ns0:" prefixes.
    root = ET.Element("feed", {"xmlns": ATOM, f"{{{XML}}}lang": language})
    _add(root, "title", title)
    _add(root, "id", feed_id or feed_url)
    _add(root, "link", rel="self", href=feed_url, type="application/atom+xml")
    _add(root, "link", rel="alternate", href=page_url, type="text/html")
    newest = entries[0].paper.published if entries else None
    _add(root, "updated", _timestamp(newest) if newest else _iso(built))
    _add(_add(root, "author"), "name", author or DEFAULT_AUTHOR)
    for item in entries:
        paper = item.paper
        assert paper.published is not None  # filtered above
        url = site_url + paper_url(paper.id)
        entry = _add(root, "entry")
        _add(entry, "title", paper.title, type="text")
        _add(entry, "id", url)
        _add(entry, "link", rel="alternate", href=url, type="text/html")
        _add(entry, "published", _timestamp(paper.published))
        _add(entry, "updated", _timestamp(paper.published))
        for theme in item.themes:
            _add(entry, "category", term=theme)
        _add(entry, "summary", paper.abstract, type="text")
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
