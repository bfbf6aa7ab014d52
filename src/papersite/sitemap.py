"""The sitemap MkDocs writes, split into a sitemap index once it passes the protocol's limits.

sitemaps.org allows one sitemap file at most 50,000 URLs and 50 MiB uncompressed, and crawlers
refuse a larger one whole (Google Search Console: "Sitemap is too large"), so none of the site's
pages would be found through it. MkDocs writes one sitemap.xml, and its sitemap.xml.gz, of every
page however many there are, and a site of 50,000 papers has more pages than that. Past either
limit, the URLs go into ``sitemap-1.xml``, ``sitemap-2.xml``, … (each with its ``.gz``) and
``sitemap.xml`` becomes the sitemap index naming them: the protocol's answer, read where crawlers
and robots.txt already look. A site within the limits keeps MkDocs' sitemap byte for byte.

The sitemap is read as XML, not matched as MkDocs happens to write it: a theme's own sitemap.xml
(its ``custom_dir``) may write ``<url >``, attributes or a namespace prefix. Each entry is copied
into its part as written, its namespace prefixes declared by the ``<urlset>`` copied with it.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.parsers import expat
from xml.sax.saxutils import escape

SITEMAP = "sitemap.xml"
# sitemaps.org's limits of one sitemap file, and of one sitemap index.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024

_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Element names as expat gives them with namespace_separator=" ": the namespace, then the name.
_URLSET, _URL, _LASTMOD = (f"{_NAMESPACE} {name}" for name in ("urlset", "url", "lastmod"))
# One tag from its '<' to its '>', skipping a '>' inside a quoted attribute value.
_TAG = re.compile(rb"<(?:[^\"'>]|\"[^\"]*\"|'[^']*')*>")


def part_name(number: int) -> str:
    """The file name of the sitemap holding the ``number``-th share of the URLs, from 1."""
    return f"sitemap-{number}.xml"


@dataclass(frozen=True)
class _Entry:
    """One ``<url>`` of a sitemap: its bytes as written, and its ``<lastmod>`` if it has one."""

    written: bytes
    lastmod: str | None


@dataclass(frozen=True)
class _Urlset:
    """A sitemap cut where a split rejoins it: all before its entries, the entries, all after."""

    opening: bytes
    entries: list[_Entry]
    closing: bytes
    # What lies between the entries besides white space (a comment, another element), which a
    # split would drop: the first of it, or None.
    stray: bytes | None


def split_sitemap(
    site: Path,
    site_url: str,
    epoch: int,
    *,
    warn: Callable[[str], None],
    max_urls: int = MAX_URLS,
    max_bytes: int = MAX_BYTES,
) -> int:
    """Split ``site``'s sitemap.xml into parts under a sitemap index, when it passes the limits.

    The parts' addresses are under ``site_url``, an absolute address (the index must name them
    whole; a relative one raises ValueError); ``epoch`` dates the gzipped copies, as MkDocs dates
    sitemap.xml.gz. The number of parts written is returned: 0 when the sitemap is within
    ``max_urls`` URLs and ``max_bytes`` bytes, or the site has none (a theme without one). A
    sitemap that cannot be read as one, or is past the limits but cannot be split without losing
    some of it, is left as it is, and ``warn`` is told why, as crawlers will refuse it.
    """
    address = urlsplit(site_url)
    if not (address.scheme and address.netloc):
        # Crawlers read a sitemap index's <loc> as is: '/sitemap-1.xml' would be at the host's
        # root, not under a site published at a path.
        raise ValueError(f"the sitemap index needs an absolute site_url, not {site_url!r}")
    path = site / SITEMAP
    if not path.is_file():
        return 0
    data = path.read_bytes()
    try:
        urlset = _read(data)
    except expat.ExpatError as error:
        warn(
            f"{SITEMAP} the theme wrote is not well-formed XML ({expat.errors.messages[error.code]}"
            f" at its line {error.lineno}, column {error.offset + 1}), which crawlers refuse"
        )
        return 0
    count = len(urlset.entries) if urlset else 0
    if count <= max_urls and len(data) <= max_bytes:
        return 0
    past = (
        f"{SITEMAP} has {count:,} URLs, more than the {max_urls:,} a sitemap may hold"
        if count > max_urls
        else f"{SITEMAP} has {len(data):,} bytes, more than the {max_bytes:,} a sitemap may hold"
    )
    if urlset is None:
        warn(f"{past}, and is no <urlset> of {_NAMESPACE} that papersite could split")
        return 0
    if urlset.stray is not None:
        warn(
            f"{past}, and is left whole, as a split would drop what its <urlset> holds besides "
            f"<url> entries: {urlset.stray[:60].decode('utf-8', 'replace')!r}"
        )
        return 0
    parts = _shares(urlset, max_urls, max_bytes)
    base = site_url if site_url.endswith("/") else site_url + "/"
    index = [
        b'<?xml version="1.0" encoding="UTF-8"?>\n',
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n',
    ]
    for number, share in enumerate(parts, 1):
        name = part_name(number)
        lines = b"".join(_line(entry) for entry in share)
        _write(site / name, urlset.opening + b"\n" + lines + urlset.closing + b"\n", epoch)
        # A crawler reads the part again only when the index dates it later than its last visit.
        dates = [entry.lastmod for entry in share if entry.lastmod]
        lastmod = f"<lastmod>{escape(max(dates))}</lastmod>" if dates else ""
        index.append(f"    <sitemap><loc>{escape(base + name)}</loc>{lastmod}</sitemap>\n".encode())
    index.append(b"</sitemapindex>\n")
    _write(path, b"".join(index), epoch)
    return len(parts)


def _read(data: bytes) -> _Urlset | None:
    """The ``<urlset>`` of sitemap ``data``, or None when its root is another element.

    Malformed XML raises expat's ExpatError. expat tells where each element starts (its
    CurrentByteIndex): each entry is cut from ``data`` there, as written.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    depth = 0
    root = ""
    opening_end = closing_start = 0
    children: list[tuple[str, int, int]] = []  # each child of the root: name, start, end
    child_name, child_start, child_empty = "", 0, False
    lastmods: dict[int, str] = {}  # by the start of the entry holding it
    in_lastmod: list[str] | None = None

    def tag_end(start: int) -> int:
        found = _TAG.match(data, start)
        assert found is not None  # expat has read a tag there
        return found.end()

    def started(name: str, _attributes: dict[str, str]) -> None:
        nonlocal depth, root, opening_end, child_name, child_start, child_empty, in_lastmod
        depth += 1
        at = parser.CurrentByteIndex
        if depth == 1:
            root, opening_end = name, tag_end(at)
        elif depth == 2:
            child_name, child_start = name, at
            # An empty element's end is reported after its '/>', not at an end tag.
            child_empty = data[tag_end(at) - 2 : tag_end(at)] == b"/>"
        elif depth == 3 and name == _LASTMOD:
            in_lastmod = []

    def ended(name: str) -> None:
        nonlocal depth, closing_start, in_lastmod
        at = parser.CurrentByteIndex
        if depth == 1:
            closing_start = at
        elif depth == 2:
            children.append((child_name, child_start, at if child_empty else tag_end(at)))
        elif depth == 3 and in_lastmod is not None:
            lastmods[child_start] = "".join(in_lastmod).strip()
            in_lastmod = None
        depth -= 1

    def text(chunk: str) -> None:
        if in_lastmod is not None:
            in_lastmod.append(chunk)

    parser.StartElementHandler = started
    parser.EndElementHandler = ended
    parser.CharacterDataHandler = text
    parser.Parse(data, True)
    if root != _URLSET:
        return None
    entries, stray, after = [], None, opening_end
    for name, start, end in children:
        between = data[after:start].strip()
        if stray is None and (between or name != _URL):
            stray = between or data[start:end]
        if name == _URL:
            entries.append(_Entry(data[start:end], lastmods.get(start)))
        after = end
    if stray is None and data[after:closing_start].strip():
        stray = data[after:closing_start].strip()
    return _Urlset(data[:opening_end], entries, data[closing_start : tag_end(closing_start)], stray)


def _line(entry: _Entry) -> bytes:
    """``entry`` on a line of its own in a part, indented as MkDocs indents it."""
    return b"    " + entry.written + b"\n"


def _shares(urlset: _Urlset, max_urls: int, max_bytes: int) -> list[list[_Entry]]:
    """``urlset``'s entries in order, cut into lists that each make a sitemap within both limits."""
    frame = len(urlset.opening) + 1 + len(urlset.closing) + 1
    shares: list[list[_Entry]] = [[]]
    size = frame
    for entry in urlset.entries:
        cost = len(_line(entry))
        if shares[-1] and (len(shares[-1]) >= max_urls or size + cost > max_bytes):
            shares.append([])
            size = frame
        shares[-1].append(entry)
        size += cost
    return shares


def _write(path: Path, data: bytes, epoch: int) -> None:
    """``data`` into ``path`` and, gzipped and dated ``epoch``, into ``path``.gz, as MkDocs does."""
    path.write_bytes(data)
    packed = path.with_name(path.name + ".gz")
    with (
        packed.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, filename=str(packed), mode="wb", mtime=epoch) as out,
    ):
        out.write(data)
