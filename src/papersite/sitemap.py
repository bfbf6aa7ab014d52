"""The sitemap MkDocs writes, split into a sitemap index once it passes the protocol's limits.

sitemaps.org allows one sitemap file at most 50,000 URLs and 50 MiB uncompressed, and crawlers
refuse a larger one whole (Google Search Console: "Sitemap is too large"), so none of the site's
pages would be found through it. MkDocs writes one sitemap.xml, and its sitemap.xml.gz, of every
page however many there are, and a site of 50,000 papers has more pages than that. Past either
limit, the URLs go into ``sitemap-1.xml``, ``sitemap-2.xml``, … (each with its ``.gz``) and
``sitemap.xml`` becomes the sitemap index naming them: the protocol's answer, read where crawlers
and robots.txt already look. A site within the limits keeps MkDocs' sitemap byte for byte.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from xml.sax.saxutils import escape

SITEMAP = "sitemap.xml"
# sitemaps.org's limits of one sitemap file, and of one sitemap index.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024

_URL = re.compile(r"<url>.*?</url>", re.DOTALL)
_URLSET = re.compile(r"<urlset\b[^>]*>")
_LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")
_FOOTER = "</urlset>\n"


def part_name(number: int) -> str:
    """The file name of the sitemap holding the ``number``-th share of the URLs, from 1."""
    return f"sitemap-{number}.xml"


def split_sitemap(
    site: Path, site_url: str, epoch: int, *, max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES
) -> int:
    """Split ``site``'s sitemap.xml into parts under a sitemap index, when it passes the limits.

    The parts' addresses are under ``site_url`` (the index must name them whole); ``epoch`` dates
    the gzipped copies, as MkDocs dates sitemap.xml.gz. The number of parts written is returned:
    0 when the sitemap is within ``max_urls`` URLs and ``max_bytes`` bytes, or the site has none
    (a theme without one).
    """
    path = site / SITEMAP
    if not path.is_file():
        return 0
    data = path.read_bytes()
    text = data.decode("utf-8")
    entries = [match.group() for match in _URL.finditer(text)]
    if len(entries) <= max_urls and len(data) <= max_bytes:
        return 0
    opening = _URLSET.search(text)
    if opening is None:  # not MkDocs' sitemap: nothing to split safely
        return 0
    header = text[: opening.end()] + "\n"
    parts = _shares(entries, header, max_urls, max_bytes)
    base = site_url if site_url.endswith("/") else site_url + "/"
    index = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n',
    ]
    for number, share in enumerate(parts, 1):
        name = part_name(number)
        _write(site / name, header + "".join(f"    {entry}\n" for entry in share) + _FOOTER, epoch)
        # A crawler reads the part again only when the index dates it later than its last visit.
        dates = [found for entry in share for found in _LASTMOD.findall(entry)]
        lastmod = f"<lastmod>{max(dates)}</lastmod>" if dates else ""
        index.append(f"    <sitemap><loc>{escape(base + name)}</loc>{lastmod}</sitemap>\n")
    index.append("</sitemapindex>\n")
    _write(path, "".join(index), epoch)
    return len(parts)


def _shares(entries: list[str], header: str, max_urls: int, max_bytes: int) -> list[list[str]]:
    """``entries`` in order, cut into lists that each make a sitemap within both limits."""
    frame = len((header + _FOOTER).encode("utf-8"))
    shares: list[list[str]] = [[]]
    size = frame
    for entry in entries:
        cost = len(f"    {entry}\n".encode())
        if shares[-1] and (len(shares[-1]) >= max_urls or size + cost > max_bytes):
            shares.append([])
            size = frame
        shares[-1].append(entry)
        size += cost
    return shares


def _write(path: Path, text: str, epoch: int) -> None:
    """``text`` into ``path`` and, gzipped and dated ``epoch``, into ``path``.gz, as MkDocs does."""
    data = text.encode("utf-8")
    path.write_bytes(data)
    packed = path.with_name(path.name + ".gz")
    with (
        packed.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, filename=str(packed), mode="wb", mtime=epoch) as out,
    ):
        out.write(data)
