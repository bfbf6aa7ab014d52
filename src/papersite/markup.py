"""Turning scraped text and curators' Markdown into markup that shows exactly what was written.

Titles and abstracts come from scraped web pages and contain ``<``, ``_``, ``*``, ``|``, ``{…}``,
``#`` and LaTeX residue. None of it may come alive on a page, so data never goes through Markdown as
Markdown: it is HTML-escaped and placed inside raw HTML blocks, which Python-Markdown passes through
untouched. Where text must stay Markdown (headings that feed the table of contents), every character
Markdown could act on is backslash-escaped as well. Curators' notes are Markdown without raw HTML:
they are rendered here, with raw HTML turned into text, headings into bold text, images into links
to them, links without text into their addresses (left out when they have none), links without
an address into their text and unsafe link schemes dropped.
Text for the GitHub-flavoured Markdown of ``papersite review`` is backslash-escaped the same
way (:func:`escape_gfm`), or, where it must show to the letter (an address), put in a code span
(:func:`code_span`).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import TypeVar
from urllib.parse import quote

import markdown
import regex
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    IMAGE_REFERENCE_RE,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from pymdownx.slugs import slugify

from papersite.characters import CONTROL, INVISIBLE, shows_nothing, unseen_name
from papersite.wording import shortened

# Every character Python-Markdown (with the tables extension) lets a backslash escape.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
# Marks that start inline Markdown on GitHub (code, emphasis, links, tags, entities, table cells,
# strike-through, math). Text escaped with them never starts a line, so block marks such as "#" or
# "-" are inert.
_MARKS_SHOWN = re.compile(r"([\\`*_\[\]<>|&~$])")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_NOTE_EXTENSIONS = ("fenced_code", "tables", "sane_lists")


def clean_text(text: str) -> str:
    """Text without control characters, which no page, feed or citation can show."""
    # Every character CONTROL matches (categories Cc, Cs, Cn) is one str.isprintable() rejects:
    # so a printable text (nearly every line of a dump, every field of a page) skips the regex,
    # which costs half again as much as the test on the dumps' 240,000 lines at 50,000 papers.
    return text if text.isprintable() else CONTROL.sub("\ufffd", text)


def escape_html(text: str) -> str:
    """Text for an HTML element or attribute: shows exactly as written, nothing comes alive."""
    return html.escape(clean_text(text), quote=True)


# Material's tags plugin makes each tag's anchor with this slug, lower-cased.
_TAG_SLUG = slugify(case="lower")


def tag_anchor(tag: str) -> str:
    """The id of a tag's heading on the tags page, as Material's tags plugin makes it."""
    # The plugin slugs the name as written in the front matter, which papersite escapes.
    return "tag:" + str(_TAG_SLUG(escape_html(tag), "-"))


def escape_markdown(text: str) -> str:
    """Text for a Markdown line (a heading): HTML-escaped, then every Markdown special escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape_html(text))


def escape_gfm(text: str) -> str:
    """Untrusted text for a GitHub-flavoured Markdown line, a list item's start included.

    GitHub honours a backslash before any ASCII punctuation, so nothing in a title (``<``, ``|``,
    ``*``, ``[``, ``$``) can become a tag, a table cell, emphasis, a Markdown link or math in the
    summary; nor, at the start of an item, a heading, a list or a code block (``#``, ``-``,
    ``1.``, leading spaces). Line breaks (a carriage return too, which CommonMark ends a line at)
    become spaces, so no text starts a block of its own. ``www.`` and ``://`` are escaped, which
    keeps cmark-gfm from linking a bare address (checked with GitHub's renderer); an e-mail
    address and an ``@name`` may still be linked, as GitHub does after rendering. Characters
    that do not show as themselves are named, as in :func:`code_span`.
    """
    shown = _MARKS_SHOWN.sub(r"\\\1", _unseen_named(_one_line(clean_text(text))).lstrip())
    shown = _AUTOLINKED.sub(r"\\\g<0>", shown)
    return _block_start_escaped(shown)


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def _block_start_escaped(text: str) -> str:
    """Text whose start would make a line a heading, a list item or an underline, escaped."""
    digits = len(text) - len(text.lstrip("0123456789"))
    if digits and text[digits : digits + 1] in (".", ")"):
        return f"{text[:digits]}\\{text[digits:]}"  # 1. or 1) starts an ordered list
    return f"\\{text}" if text[:1] in ("#", "+", "=", "-") else text


def _unseen_named(text: str) -> str:
    """Characters that do not show as themselves, named as ``<U+202E>``.

    Those ``str.isprintable()`` rejects, as errors.printable escapes them in the terminal: ones
    that show nothing or reorder what follows (a zero-width space, a right-to-left override),
    and spaces other than the space (U+00A0, U+3000), which show as one, so that "tag
    'deep<U+00A0>learning' looks like 'deep learning'" does not name one tag twice.
    """
    # Nearly every text is printable as it is: isprintable() answers in C, once.
    if text.isprintable() and (text.isascii() or not INVISIBLE.search(text)):
        return text
    named = "".join(c if c.isprintable() else unseen_name(c) for c in text)
    return INVISIBLE.sub(lambda match: unseen_name(match.group()), named)


# The characters that open an autolink in cmark-gfm: the "." of "www." and the ":" of "://".
_AUTOLINKED = re.compile(r"(?i)(?<=\bwww)\.|:(?=//)")
_BACKTICKS = re.compile(r"`+")


def code_span(text: str) -> str:
    """Untrusted text as a GitHub-flavoured Markdown code span: it shows to the letter, inert.

    Inside a code span nothing is a link, a tag, emphasis or an autolinked address, so an address
    a reviewer must check reads exactly as written. The fence is one backtick longer than the
    longest run the text holds, with a space inside it where the text starts or ends with a
    backtick or a space (Markdown takes one off each side). Line breaks, which would end the list
    item or table row, become spaces; characters that do not show as themselves (a right-to-left
    override, a zero-width space, a no-break space) are named, as ``<U+202E>``, so none hides.
    """
    shown = _unseen_named(_one_line(clean_text(text)))
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(shown)), default=0) + 1)
    pad = " " if shown[:1] in ("`", " ") or shown[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def safe_url(url: str) -> str | None:
    """The URL if a reader can follow it safely (http, https, mailto or relative), else None."""
    seen = _as_browsers_read(url)
    match = _SCHEME.match(seen)
    if match is None:
        return None if seen.startswith(("//", "\\")) else url
    return url if match.group(1) in SAFE_SCHEMES else None


def is_relative(url: str) -> bool:
    """Whether the URL names no scheme, so it leads somewhere that depends on the page."""
    return _SCHEME.match(_as_browsers_read(url)) is None


def _as_browsers_read(url: str) -> str:
    # Browsers drop tabs, newlines and entities before reading the scheme, so check what they see.
    return CONTROL.sub("", "".join(html.unescape(url).split()).lower())


def escape_url(url: str) -> str:
    """A URL for an href attribute: spaces and quotes percent-encoded, then HTML-escaped."""
    return escape_html(quote(clean_text(url), safe=":/?#[]@!$&'()*+,;=%~"))


class _DropUnsafeLinks(Treeprocessor):
    """Removes href and src values whose scheme could run code (javascript:, data:, …).

    The values removed are kept in ``dropped`` (an image's :class:`_ImagesAsLinks` keeps), and
    relative ones in ``relative`` (as written), for :func:`note_problems` to name. Relative ones
    that lead from the page's folder get ``prefix`` before them (see :func:`render_note`). A link
    left with no text is removed; one with text shows it plain.
    """

    dropped: list[str]
    relative: list[str]
    prefix: str

    def run(self, root: ET.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in list(root.iter()):
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and safe_url(value) is None:
                    # An image's is told by _ImagesAsLinks, which left its mark for this.
                    if element.attrib.pop(_WAS_IMAGE, None) is None:
                        self.dropped.append(value)
                    del element.attrib[attribute]
                    if element.tag == "a" and not element.text and not len(element):
                        # Left without text by _EmptyLinksShown, not to show an unsafe address
                        # as a link's: an empty <a> is of no use to a reader.
                        _remove_inline(element, parents)
                    elif element.tag == "a":
                        # Its text shows plain, as a link's with no address does: an <a> with
                        # no href reads as a link that leads nowhere.
                        _unwrap(element, parents)
                elif value is not None and is_relative(value):
                    self.relative.append(value)
                    if self.prefix and _leads_from_folder(value):
                        element.set(attribute, self.prefix + value)


# What a link removed may leave holding nothing, to be removed in turn: an empty paragraph,
# emphasis, heading, list item, list or quote shows as a gap, a bullet or a bar with nothing by it.
# A table goes when none of its cells holds anything (_remove_emptied_row).
_EMPTIED_BLOCKS = frozenset(
    {"p", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
)
_EMPTIED = _EMPTIED_BLOCKS | {"em", "strong"}


def _remove_inline(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> None:
    """Removes an element a link left empty, keeping the text after it inline, and what it empties.

    What it leaves empty (:data:`_EMPTIED`) goes too: the emphasis around it, its paragraph, its
    list item and the list, a quote; and its table row (:func:`_remove_emptied_row`).
    """
    parent = parents[element]
    # A block's tail is the line break between blocks; an inline element's is text that shows.
    if element.tail and element.tag not in _EMPTIED_BLOCKS:
        index = list(parent).index(element)
        if index:
            parent[index - 1].tail = (parent[index - 1].tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
    emptied = _is_empty(parent)
    if emptied and parent.tag in _EMPTIED and parent in parents:
        _remove_inline(parent, parents)
    elif emptied and parent.tag in ("td", "th"):
        _remove_emptied_row(parent, parents)
    elif parent.tag in _TRIMMED:
        _trim_edges(parent)


def _remove_emptied_row(cell: ET.Element, parents: dict[ET.Element, ET.Element]) -> None:
    """Removes the body row an emptied ``cell`` leaves with nothing in it, or its whole table.

    An empty row shows as a gap across the table. The header row stays, naming the columns,
    unless no cell of the table holds anything: then the table, a grid of nothing, goes.
    """
    row = parents[cell]
    section = parents[row]
    table = parents[section]
    if all(_is_empty(each) for each in table.iter() if each.tag in ("td", "th")):
        _remove_inline(table, parents)
    elif section.tag == "tbody" and all(_is_empty(each) for each in row):
        section.remove(row)


def _is_empty(element: ET.Element) -> bool:
    """Whether an element holds neither elements nor text that is more than spaces."""
    return not len(element) and not (element.text or "").strip()


# Blocks whose text a removal may leave starting or ending with a line break or spaces; not
# those holding blocks (a list, a quote, a loose list's item), whose text is the line breaks
# between them, nor table cells.
_TRIMMED = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"})
# What Markdown leaves out at a block's edges; a no-break space written there is meant.
_SPACES = " \t\n"


def _trim_edges(block: ET.Element) -> None:
    r"""Drops the line breaks and spaces at the start and end of a block's text.

    Left by a link removed next to them: ``a  \n[](<>)`` ended its paragraph with an empty line,
    ``*[](<>)* b`` began it with a space. Markdown leaves none there itself.
    """
    if any(child.tag in _EMPTIED_BLOCKS for child in block):
        return
    while len(block) and block[0].tag == "br" and not (block.text or "").strip():
        block.text = block[0].tail
        block.remove(block[0])
    while len(block) and block[-1].tag == "br" and not (block[-1].tail or "").strip():
        before = block[-2] if len(block) > 1 else None
        block.remove(block[-1])
        if before is not None:
            before.tail = (before.tail or "").rstrip(_SPACES) or None
        else:
            block.text = (block.text or "").rstrip(_SPACES) or None
    if block.text:
        block.text = block.text.lstrip(_SPACES) or None
    if len(block) and block[-1].tail:
        block[-1].tail = block[-1].tail.rstrip(_SPACES) or None
    elif not len(block) and block.text:
        block.text = block.text.rstrip(_SPACES) or None


def _unwrap(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> None:
    """Replaces an inline element with what it holds, its text and elements, in their place."""
    parent = parents[element]
    index = list(parent).index(element)
    inside = list(element)
    # Its text joins what comes before it; its tail, what it holds last.
    before = parent[index - 1] if index else None
    joined = (element.text or "") + ("" if inside else element.tail or "")
    if before is not None:
        before.tail = (before.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    if inside:
        inside[-1].tail = (inside[-1].tail or "") + (element.tail or "")
    parent[index : index + 1] = inside
    for child in inside:
        parents[child] = parent


def _shown_text(md: markdown.Markdown, element: ET.Element) -> str:
    """An element's text as a page shows it, with the entities Python-Markdown stashed decoded.

    Until the tree is serialised, ``&#8203;`` or ``&nbsp;`` in a link's text is a placeholder
    of letters and digits, which would pass for text a reader sees.
    """
    stash = md.htmlStash.rawHtmlBlocks

    def decoded(match: re.Match[str]) -> str:
        stashed = stash[int(match.group(1))]
        return html.unescape(stashed) if isinstance(stashed, str) else match.group()

    return HTML_PLACEHOLDER_RE.sub(decoded, "".join(element.itertext()))


def _leads_from_folder(url: str) -> bool:
    """Whether a relative URL leads from the page's folder: neither ``/…`` nor ``#…``."""
    # As browsers read it: "&#47;x" is "/x". "//host" names a host and was dropped as unsafe.
    return not _as_browsers_read(url).startswith(("/", "#"))


# An HTML tag or comment as a curator would write one: <em>, </div>, <br/>, <a href="…">, <!-- -->.
_RAW_HTML = re.compile(r"<(?:!--|/?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)")


class _FindRawHtml(Treeprocessor):
    """Collects in ``found`` the raw HTML a note's text holds, outside code, which shows as text."""

    found: list[str]

    def run(self, root: ET.Element) -> None:
        self._look(root)

    def _look(self, element: ET.Element) -> None:
        if element.tag in ("code", "pre"):
            return  # written to show as code
        for text in (element.text, *(child.tail for child in element)):
            if text and (match := _RAW_HTML.search(text)):
                self.found.append(match.group())
        for child in element:
            self._look(child)


class _HeadingsAsBold(Treeprocessor):
    """Makes a note's headings bold paragraphs, collecting their text in ``found``.

    A note sits under a paper's <h3> on theme pages (and an <h2> on its own page), an intro under
    its page's title: a heading of its own, at any level, would read as one of the page's, and
    "# Why read it" as a page-sized <h1> in the middle of a list.

    An empty heading ("#" alone on its line, or one that shows nothing: "# &#8203;") is
    removed, its text "" in ``found``: it would show as an empty paragraph. One holding only a
    link with neither text nor a safe address is not counted: :class:`_DropUnsafeLinks` removes
    the link, and the heading with it, and says so.
    """

    found: list[str]

    def run(self, root: ET.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in list(root.iter()):
            tag = element.tag  # a function, not text, for a comment node
            if isinstance(tag, str) and len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
                # As shown, not the placeholders of the entities in it ("Tom &amp; Jerry").
                text = _shown_text(self.md, element)
                # A zero-width space alone was "heading '\u200b' shows as bold text": it shows
                # nothing, as "#" alone does.
                empty = shows_nothing(text)
                if not empty:
                    self.found.append(text.strip())
                elif element.find(".//a") is None:
                    self.found.append("")
                    parents[element].remove(element)
                    continue
                bold = ET.Element("strong")
                bold.text, bold[:] = element.text, list(element)
                element.tag, element.text, element[:] = "p", None, [bold]


# Marks a link that was written as an image (_ImageAsLink), for _ImagesAsLinks; never shown.
_WAS_IMAGE = "data-papersite-image"


class _ImageAsLink(LinkInlineProcessor):
    """Reads ``![alt](src)`` as a link to ``src``, marked :data:`_WAS_IMAGE`.

    Its alt text is then read as a link's text is, for :class:`_ImagesAsLinks` to keep plain:
    ``![*a* chart](…)`` shows "a chart", as a browser shows an image's alt text, not "*a* chart".
    """

    # Overrides InlineProcessor's, whose signature is not Pattern's (its stubs ignore it too).
    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[ET.Element | str | None, int | None, int | None]:
        link, start, end = super().handleMatch(m, data)
        if isinstance(link, ET.Element):
            link.set(_WAS_IMAGE, "")
        return link, start, end


class _ImageReferenceAsLink(ReferenceInlineProcessor):
    """Reads ``![alt][ref]`` as a link, as :class:`_ImageAsLink` reads ``![alt](src)``."""

    def makeTag(self, href: str, title: str, text: str) -> ET.Element:
        link = super().makeTag(href, title, text)
        link.set(_WAS_IMAGE, "")
        return link


class _ShortImageReferenceAsLink(_ImageReferenceAsLink, ShortReferenceInlineProcessor):
    """Reads ``![ref]`` as a link, as :class:`_ImageAsLink` reads ``![alt](src)``."""


class _ImagesAsLinks(Treeprocessor):
    """Makes a note's images links to them, collecting their addresses in ``found``.

    A reading list loads nothing from elsewhere: an image in a note would be fetched from its
    host, which learns of each reader, on every page that shows the note. The inline patterns
    above read each image as a link; this shows its alt text plain, as a browser would (its
    address when it has none) and, inside a link, the alt text alone, as links do not nest. A
    link with no address nests nothing: it shows its text plain (:class:`_EmptyLinksShown`), so
    an image inside it stays a link; so does one inside an unsafe link (:class:`_DropUnsafeLinks`).
    """

    found: list[str]
    dropped: list[str]

    def run(self, root: ET.Element) -> None:
        self._replace(root, in_link=False)

    def _replace(self, element: ET.Element, *, in_link: bool) -> None:
        for child in element:
            if child.tag == "a" and _WAS_IMAGE in child.attrib:
                src = child.get("href", "")
                # An unsafe one is dropped, and told here: inside a link, the link keeps only
                # its text; else _DropUnsafeLinks removes it, as the mark left on it says. One
                # with no address is left out (_EmptyLinksShown). Neither shows its address.
                unsafe = safe_url(src) is None
                if unsafe:
                    self.dropped.append(src)
                shown = not unsafe and not shows_nothing(html.unescape(src))
                if shown:
                    self.found.append(src)
                alt = "".join(child.itertext())
                if shows_nothing(_shown_text(self.md, child)):
                    alt = src if shown else ""
                child.text, child[:] = alt, []
                if in_link:
                    child.tag = "span"
                    child.attrib.clear()
                elif not unsafe:
                    del child.attrib[_WAS_IMAGE]
            href = child.get("href", "")
            # An unsafe link is dropped and shows its text plain (_DropUnsafeLinks), as one with
            # no address does: an image inside it keeps its own link.
            linked = (
                child.tag == "a"
                and not shows_nothing(html.unescape(href))
                and safe_url(href) is not None
            )
            self._replace(child, in_link=in_link or linked)


class _EmptyLinksShown(Treeprocessor):
    """Gives a link with no text its address as text, collecting the addresses in ``found``.

    ``[](https://…)`` makes an ``<a>`` with nothing inside: it shows nothing, and no reader can
    see or follow it. It shows its address, as an image without alt text does. Text that only
    looks blank (``&nbsp;``, a zero-width space, a Hangul filler) is no text either.

    A link with no address either (``[](<>)``) is removed, and counted in ``left_out``. One with
    an unsafe address is left with no text, for :class:`_DropUnsafeLinks` to remove: its address
    is not for a reader to follow, and it is said to be dropped instead.

    A link with text but no address (``[the paper]()``, its address forgotten) shows its text
    without a link, collected in ``unlinked``: ``<a href="">`` would only reload the page. Not
    collected is one all of whose text still links, an image's (``[![alt](i.png)]()``).
    """

    found: list[str]
    left_out: int
    unlinked: list[str]

    def run(self, root: ET.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in list(root.iter("a")):
            href = element.get("href")
            if href is None:
                continue
            text = _shown_text(self.md, element)
            if not shows_nothing(text):
                if shows_nothing(html.unescape(href)):
                    if not _all_linked(self.md, element):
                        self.unlinked.append(text.strip())
                    _unwrap(element, parents)
                continue
            if shows_nothing(html.unescape(href)):
                self.left_out += 1
                _remove_inline(element, parents)
            elif safe_url(href) is not None:
                self.found.append(href)
                element.text, element[:] = href, []
            else:
                element.text, element[:] = None, []


def _all_linked(md: markdown.Markdown, link: ET.Element) -> bool:
    """Whether all the text a link shows is in links inside it that have an address."""
    inner = [
        _shown_text(md, a)
        for a in link.iter("a")
        if a is not link and not shows_nothing(html.unescape(a.get("href", "")))
    ]
    # Spaces between them are no text of the link's own.
    return "".join(_shown_text(md, link).split()) == "".join("".join(inner).split())


def _note_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=list(_NOTE_EXTENSIONS), output_format="html")
    # Without these, raw HTML is ordinary text, which the serialiser escapes.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # Same names and priorities: each replaces Python-Markdown's own, which makes an <img>.
    md.inlinePatterns.register(_ImageAsLink(IMAGE_LINK_RE, md), "image_link", 150)
    md.inlinePatterns.register(
        _ImageReferenceAsLink(IMAGE_REFERENCE_RE, md), "image_reference", 140
    )
    md.inlinePatterns.register(
        _ShortImageReferenceAsLink(IMAGE_REFERENCE_RE, md), "short_image_ref", 125
    )
    md.treeprocessors.register(_DropUnsafeLinks(md), "papersite_drop_unsafe_links", 0)
    md.treeprocessors.register(_HeadingsAsBold(md), "papersite_headings_as_bold", 1)
    md.treeprocessors.register(_FindRawHtml(md), "papersite_find_raw_html", 2)
    # Before the headings are read: "# [](https://…)" is a heading that shows its address.
    md.treeprocessors.register(_EmptyLinksShown(md), "papersite_empty_links_shown", 3)
    # Before the links are checked: an image's address, now a link's, is checked as one. Before
    # empty links are found too: an image is a link's text (its alt text, or else its address).
    md.treeprocessors.register(_ImagesAsLinks(md), "papersite_images_as_links", 4)
    return md


_NOTES = _note_markdown()


def render_note(text: str, *, prefix: str = "") -> str:
    """A curator's Markdown note as HTML; raw HTML shows as text and unsafe links are dropped.

    ``prefix`` goes before each relative link that leads from the page's folder: ``../`` a folder
    the note is shown below the page its links were written from (a theme's later pages).
    """
    return _convert_note(text, prefix).html


# Python-Markdown's list items: '-', '*' or '+', or a number and '.', then a space or a tab. A
# list numbered from anything but 1 is rarely meant after a line of text ('... in\n2023. We'),
# but goes on as one: 2, 3 after 1. It is meant after a line ending with a colon ('Read:\n3.
# this'), or when an item follows it: with a blank line before, it renders as a list from 3.
_ITEM = re.compile(r" {0,3}(?:[-*+]|\d+\.)[ \t]+\S")
_FIRST_ITEM = re.compile(r" {0,3}(?:[-*+]|1\.)[ \t]+\S")
# A line that opens a block of its own, after which a list item may follow without a blank line.
_OPENS_BLOCK = re.compile(r" {0,3}(?:#|>|[-*+][ \t]|\d+\.[ \t])| {4}|\t")
# A block quote's line (a nested one's too), and what it quotes: text there goes on, lazily, on
# the lines below it that have no '>' ('> quote\n- item' is one paragraph in the quote), as text
# does.
_QUOTE = re.compile(r" {0,3}(?:> ?)+")
_FENCE = re.compile(r" {0,3}(?:```|~~~)")
# What ends a paragraph without a blank line, as Python-Markdown's block processors find it: a
# heading ('#' first on the line, no space needed), a rule (its HRProcessor's pattern: three or
# more '-', '_' or '*', up to two spaces between them) and, under a block's first line, a setext
# underline. What follows each starts a block of its own, where a list may start.
_HEADING = re.compile(r"#")
_RULE = re.compile(r" {0,3}(?:(?:-+ {0,2}){3,}|(?:_+ {0,2}){3,}|(?:\*+ {0,2}){3,}) *$")
_UNDERLINE = re.compile(r"(?:=+|-+) *$")


def unlisted_items(text: str) -> list[str]:
    r"""The lines of Markdown ``text`` written as list items that render as paragraph text.

    Python-Markdown, unlike GitHub's, starts a list only after a blank line: '- b' right under a
    line of text stays in that paragraph, and the page shows the dash. Found in the text as
    written, so that '\-' (a dash meant as text) is none.
    """
    return [line.strip() for _, line in unlisted_lines(text)]


# A note's check asks for them three times: for its problems, their lines and curation's own.
@lru_cache(maxsize=8)
def unlisted_lines(text: str) -> tuple[tuple[int, str], ...]:
    """:func:`unlisted_items` with the index of each line in ``text.splitlines()``."""
    found = []
    fenced = False
    # Whether the paragraph going on is text (not a list, heading, quote or code); None between.
    text_paragraph: bool | None = None
    start = -2  # the index of the block's first line
    quoting = False  # the block has a '>' line: all below it is in the quote
    listing = False  # the line before was one found
    lines = text.splitlines()
    for index, line in enumerate(lines):
        quote = _QUOTE.match(line)
        quoted = line[quote.end() :] if quote else line
        if _FENCE.match(line):
            fenced, text_paragraph = not fenced, None
        elif fenced:
            continue
        elif not quoted.strip():
            text_paragraph = None  # a blank line, or a bare '>' (a blank line in the quote)
        elif (
            _HEADING.match(quoted)
            or _RULE.match(quoted)
            or (index == start + 1 and _UNDERLINE.match(quoted))
        ):
            text_paragraph = None
        elif text_paragraph is None or (quote and not quoting):
            # A '>' under text starts the quote, a block of its own: '> - a' in it is a list.
            start, quoting = index, bool(quote)
            text_paragraph = not _OPENS_BLOCK.match(quoted)
        elif text_paragraph and (listing or _starts_list(lines, index)) and _ITEM.match(line):
            found.append((index, line))
            listing = True
            continue
        listing = False
    return tuple(found)


def opens_list(line: str) -> bool:
    """Whether ``line`` is written as a list's first item: '-', '*', '+' or '1.', then a space."""
    return bool(_FIRST_ITEM.match(line))


def _starts_list(lines: list[str], index: int) -> bool:
    """Whether the line at ``index``, under a line of text, is written as a list's first item."""
    line = lines[index]
    if _FIRST_ITEM.match(line):
        return True
    if not _ITEM.match(line):
        return False
    after = lines[index + 1] if index + 1 < len(lines) else ""
    return lines[index - 1].rstrip().endswith(":") or bool(_ITEM.match(after))


def note_problems(text: str, *, pages: int = 1) -> tuple[str, ...]:
    """What rendering the note changes from what its curator wrote: raw HTML, links, images.

    Headings show as bold text, images as links, raw HTML as text, links without text as their
    addresses and links without an address as their text; links with neither are left out, and
    unsafe links and images dropped. Each link is told of, up to :data:`_LINKS_TOLD` of a kind.

    A note shown on ``pages`` > 1 pages (a paper's, its themes') also may not link relatively: the
    same address leads somewhere else from each page.
    """
    return tuple(_once((kind, message) for kind, _, message in _told(text, pages)))


def located_note_problems(text: str, *, pages: int = 1) -> tuple[tuple[int | None, str], ...]:
    """:func:`note_problems` with the index in ``text.splitlines()`` of the line each is on.

    The line is the first that, with the lines above it, makes what is told: the line of a
    link's address, or of its reference's definition; a setext heading's is its text's. None
    where no such line is found, or where the note without it would still tell it.
    """
    lines = text.splitlines()
    joined = "\n".join(lines)
    # The note as its lines make it, for its cuts to be compared with; the text itself when it
    # is the same, which _told renders.
    full = _convert_note(text if text.removesuffix("\n") == joined else joined)
    # A cut that ends inside a fenced block leaves its fence unclosed, and Python-Markdown
    # renders what the block holds as text, links and all, which the whole note shows as code:
    # no cut ends there. One the whole note leaves unclosed is text, and cuts may end in it.
    inside: list[bool] = []
    fenced, opened = False, 0
    for line in lines:
        if _FENCE.match(line):
            fenced, opened = not fenced, len(inside)
        inside.append(fenced)
    if fenced:
        inside[opened:] = [False] * (len(lines) - opened)
    counts = [count for count, code in enumerate(inside, 1) if not code]

    def made(note: _Converted, kind: str, number: int) -> int:
        """How many of the whole note's ``number``-th item of ``kind`` ``note`` holds."""
        found: tuple[str, ...] | int = getattr(note, kind)
        if isinstance(found, int):
            return found
        # Known by what it quotes, not by its place in the list: a link above whose reference
        # is defined below joins the list only with its definition, so a cut's items need not
        # be the whole note's first ones. The kth of the same text is found by counting it.
        return found.count(getattr(full, kind)[number])

    def line_of(kind: str, number: int) -> int | None:
        if kind == "unlisted":
            return unlisted_lines(text)[0][0]
        if not kind:
            return None
        whole: tuple[str, ...] | int = getattr(full, kind)
        if (whole if isinstance(whole, int) else len(whole)) <= number:
            return None  # lines split where Markdown's are not ('\u2028') make less of it
        before = number if isinstance(whole, int) else whole[:number].count(whole[number])
        # Outside fenced blocks, what the lines above a line make seldom changes with the lines
        # below it (a reference's definition, an underline, a table's second line add to it):
        # the fewest lines that make the problem end with its line. Halving finds them in few
        # renders.
        low, high = 0, len(counts) - 1
        while low < high:
            middle = (low + high) // 2
            if made(_convert_note("\n".join(lines[: counts[middle]])), kind, number) > before:
                high = middle
            else:
                low = middle + 1
        found = counts[low] - 1
        # Where the rule fails, the line found is not the problem's: the note without it would
        # still tell it. Told at the key's line, then, rather than at a line that is fine.
        blanked = _convert_note("\n".join([*lines[:found], "", *lines[found + 1 :]]))
        if made(blanked, kind, number) >= made(full, kind, number):
            return None
        if kind == "headings" and found and _UNDERLINE.match(lines[found]):
            return found - 1  # the underline of a setext heading: its text is on the line above
        return found

    told = _told(text, pages)
    return tuple(_once((kind, (line_of(kind, number), message)) for kind, number, message in told))


# What a note's problem is told as: its message, or its line and message.
_Told = TypeVar("_Told", bound=Hashable)


def _once(told: Iterable[tuple[str, _Told]]) -> list[_Told]:
    """Each of ``told`` (kind, what is told) once, but for links left out, each told apart.

    Two links to one unsafe reference definition were two warnings alike, at the definition's
    line: the same one thing to mend. A link left out is not named, so each one told is one more.
    """
    seen: set[_Told] = set()
    once = []
    for kind, item in told:
        if kind == "left_out" or item not in seen:
            once.append(item)
            seen.add(item)
    return once


# At most this many warnings of each kind of link problem in one note, the last saying how many
# more there are: a note of pasted links could otherwise bury the file's other warnings.
_LINKS_TOLD = 5


def _told(text: str, pages: int) -> list[tuple[str, int, str]]:
    """What :func:`note_problems` tells, each with where it is from.

    That is the :class:`_Converted` field it is of ('unlisted' for the list items) and the
    number of its item there.
    """
    note = _convert_note(text)
    problems: list[tuple[str, int, str]] = []
    unlisted = unlisted_items(text)
    if unlisted:
        problems.append(("unlisted", 0, unlisted_problem(unlisted)))
    if note.raw_html:
        problems.append(
            (
                "raw_html",
                0,
                f"raw HTML {note.raw_html[0]!r} shows as text to readers: write Markdown instead "
                "(*emphasis*, [text](https://…)), or put it in `backticks` to show it as code",
            )
        )
    headings = [heading for heading in note.headings if heading]
    if headings:
        problems.append(
            (
                "headings",
                note.headings.index(headings[0]),
                f"heading {shortened(headings[0], 50)!r} shows as bold text: a heading here "
                "would read as one of the page's own; write **bold** instead",
            )
        )
    if len(headings) < len(note.headings):
        problems.append(
            (
                "headings",
                note.headings.index(""),
                "an empty heading (a line of '#' alone) shows nothing: write '\\#' for the "
                "character itself",
            )
        )
    problems += _each_link(
        "images",
        [repr(shortened(image, 50)) for image in note.images],
        lambda number: (
            # One of the site's own would leak nothing: notes show no image at all.
            "image {} shows as a link, not as an image: notes and intros show no images, not "
            "even the site's own; write [text](…) to link to it"
            if is_relative(note.images[number])
            else "image {} shows as a link, not as an image: the site loads nothing from other "
            "sites, which would learn of every reader; write [text](https://…) to link to it"
        ),
    )
    problems += _each_link(
        "empty_links",
        [repr(shortened(link, 50)) for link in note.empty_links],
        "link {} shows as its address, having no text: write [text](https://…) to say what it "
        "leads to",
    )
    problems += _each_link(
        "left_out",
        ["a link"] * note.left_out,
        "{} with neither text nor address is left out: give it both, as [text](https://…)",
    )
    problems += _each_link(
        "unlinked",
        [repr(shortened(text, 50)) for text in note.unlinked],
        "link {} shows as plain text, having no address: give it one, as [text](https://…)",
    )
    problems += _each_link(
        "dropped",
        [repr(link) for link in note.dropped],
        # In words that fit an intro too: the intros of themes are checked with these.
        "link {} is dropped: only an https://, http://, mailto: or relative address is linked",
    )
    problems += _each_link(
        "dropped_images",
        [repr(image) for image in note.dropped_images],
        "image {} is dropped: only an https://, http://, mailto: or relative address is linked",
    )
    if pages > 1:
        problems += _each_link(
            "relative",
            [repr(link) for link in note.relative],
            "relative link {} leads somewhere else from each page that shows the note (the "
            "paper's and its themes'): give the full address, https://…",
        )
    return problems


def _each_link(
    kind: str, names: list[str], message: str | Callable[[int], str]
) -> list[tuple[str, int, str]]:
    """``message`` of each of the first :data:`_LINKS_TOLD` links named, its name in the ``{}``.

    ``message`` may be made for each link, from its number. The last told is named with how
    many more there are, as "'x' (and 3 more)".
    """
    told = []
    for number, name in enumerate(names[:_LINKS_TOLD]):
        more = len(names) - _LINKS_TOLD if number == _LINKS_TOLD - 1 else 0
        named = f"{name} (and {more} more)" if more > 0 else name
        template = message if isinstance(message, str) else message(number)
        told.append((kind, number, template.format(named)))
    return told


def unlisted_problem(unlisted: list[str]) -> str:
    """What :func:`note_problems` says of the items :func:`unlisted_items` found."""
    more = len(unlisted) - 1
    return (
        f"{shortened(unlisted[0], 50)!r}{f' (and {more} more)' if more else ''} reads as "
        "more of the line above it, not as a list item: a list needs a blank line before it "
        "(in a '|' block: a '>' block or quotes fold a single blank line away); write '\\-' "
        "for a dash that starts no list"
    )


class _ShownText(HTMLParser):
    """Collects the text of HTML in ``parts``, without its tags and their attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def shown_text(text: str) -> str:
    """The text a reader sees of a note, as its pages show it: no tags nor link addresses.

    Runs of spaces and line breaks are one space, and entities ('&#8203;') the characters they
    stand for. No-break spaces ('&nbsp;') stay, as a browser keeps them.
    """
    parser = _ShownText()
    parser.feed(_convert_note(text).html)
    parser.close()
    return _HTML_SPACES.sub(" ", "".join(parser.parts)).strip(" ")


# What a browser shows as one space, at most, and none at a block's edges: HTML's white space.
_HTML_SPACES = re.compile(r"[ \t\n\r\f]+")


def shown_length(text: str) -> int:
    """How many characters a reader sees of a note: its :func:`shown_text`.

    Characters are counted as a reader tells them apart (grapheme clusters): a family emoji of
    three people and two joiners is one, and so is an accented letter, composed or not.
    """
    return len(regex.findall(r"\X", shown_text(text)))


def relative_links(text: str) -> tuple[str, ...]:
    """The relative addresses a note or intro links to (links and images), as written."""
    return _convert_note(text).relative


@dataclass(frozen=True)
class _Converted:
    """A note as HTML, and what rendering it changed from what its curator wrote."""

    html: str
    raw_html: tuple[str, ...]  # shown as text
    headings: tuple[str, ...]  # their text, shown bold
    images: tuple[str, ...]  # their addresses, shown as links
    empty_links: tuple[str, ...]  # their addresses, shown as their text
    left_out: int  # links with neither text nor address, removed
    unlinked: tuple[str, ...]  # the text of links without an address, shown as plain text
    dropped: tuple[str, ...]  # unsafe links, removed
    dropped_images: tuple[str, ...]  # images of unsafe addresses, removed
    relative: tuple[str, ...]  # relative links, as written


# A note's check asks for its render for the text it shows, its problems and its length, and
# for each problem's line for cuts of it that the others' share: each is made once.
@lru_cache(maxsize=64)
def _convert_note(text: str, prefix: str = "") -> _Converted:
    """The note as HTML, with what rendering it changed (:class:`_Converted`)."""
    _NOTES.reset()
    links = _NOTES.treeprocessors["papersite_drop_unsafe_links"]
    raw = _NOTES.treeprocessors["papersite_find_raw_html"]
    headings = _NOTES.treeprocessors["papersite_headings_as_bold"]
    images = _NOTES.treeprocessors["papersite_images_as_links"]
    empty_links = _NOTES.treeprocessors["papersite_empty_links_shown"]
    assert isinstance(links, _DropUnsafeLinks) and isinstance(raw, _FindRawHtml)
    assert isinstance(headings, _HeadingsAsBold) and isinstance(images, _ImagesAsLinks)
    assert isinstance(empty_links, _EmptyLinksShown)
    links.dropped, links.relative, links.prefix, raw.found = [], [], prefix, []
    headings.found, images.found, empty_links.found, empty_links.left_out = [], [], [], 0
    images.dropped = []
    empty_links.unlinked = []
    rendered: str = _NOTES.convert(clean_text(text))
    return _Converted(
        rendered,
        tuple(raw.found),
        tuple(headings.found),
        tuple(images.found),
        tuple(empty_links.found),
        empty_links.left_out,
        tuple(empty_links.unlinked),
        tuple(links.dropped),
        tuple(images.dropped),
        tuple(links.relative),
    )
