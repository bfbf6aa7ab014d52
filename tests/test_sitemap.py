from __future__ import annotations

import functools
import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from papersite import mkdocs_glue
from papersite.build import build_site
from papersite.sitemap import MAX_URLS, split_sitemap

from .conftest import REPO
from .sites import loaded

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_URL = "https://papers.example.org/list/"


def _mkdocs_sitemap(site: Path, count: int) -> bytes:
    """A sitemap.xml of ``count`` pages as MkDocs writes it, with its .gz; its bytes."""
    entries = "".join(
        f"\n    <url>\n         <loc>{SITE_URL}papers/p{n}/</loc>\n"
        f"         <lastmod>2025-11-{n + 10:02d}</lastmod>\n    </url>"
        for n in range(count)
    )
    data = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}\n</urlset>'
    ).encode()
    (site / "sitemap.xml").write_bytes(data)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(data))
    return data


def _unwarned(message: str) -> None:
    raise AssertionError(f"warned: {message}")


def _locs(path: Path) -> list[str]:
    return [e.text or "" for e in ET.parse(path).getroot().iter(f"{NS}loc")]


def _parts_locs(site: Path, count: int) -> list[str]:
    """The addresses sitemap-1.xml to sitemap-``count``.xml list, in order."""
    return [loc for n in range(1, count + 1) for loc in _locs(site / f"sitemap-{n}.xml")]


def test_a_sitemap_is_split_past_50_000_urls_not_before(tmp_path: Path) -> None:
    # The protocol's limit, as split_sitemap applies it by default: at it, MkDocs' sitemap stays.
    data = _mkdocs_sitemap(tmp_path, MAX_URLS)
    assert split_sitemap(tmp_path, SITE_URL, 0, warn=_unwarned) == 0
    assert (tmp_path / "sitemap.xml").read_bytes() == data
    _mkdocs_sitemap(tmp_path, MAX_URLS + 1)
    assert split_sitemap(tmp_path, SITE_URL, 0, warn=_unwarned) == 2
    assert [len(_locs(tmp_path / f"sitemap-{n}.xml")) for n in (1, 2)] == [MAX_URLS, 1]


def test_a_sitemap_of_exactly_max_bytes_is_kept_and_one_byte_more_split(tmp_path: Path) -> None:
    data = _mkdocs_sitemap(tmp_path, 4)
    assert split_sitemap(tmp_path, SITE_URL, 0, warn=_unwarned, max_bytes=len(data)) == 0
    assert (tmp_path / "sitemap.xml").read_bytes() == data
    assert split_sitemap(tmp_path, SITE_URL, 0, warn=_unwarned, max_bytes=len(data) - 1) == 2


def test_a_sitemap_within_the_limits_is_kept_as_mkdocs_wrote_it(tmp_path: Path) -> None:
    data = _mkdocs_sitemap(tmp_path, 3)
    assert split_sitemap(tmp_path, SITE_URL, 0, warn=_unwarned, max_urls=3) == 0
    assert (tmp_path / "sitemap.xml").read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sitemap.xml", "sitemap.xml.gz"]


def test_a_site_without_a_sitemap_gets_none(tmp_path: Path) -> None:
    assert split_sitemap(tmp_path, SITE_URL, 0, warn=_unwarned, max_urls=1) == 0
    assert list(tmp_path.iterdir()) == []


def test_more_urls_than_a_sitemap_may_hold_are_split_under_a_sitemap_index(
    tmp_path: Path,
) -> None:
    _mkdocs_sitemap(tmp_path, 5)
    assert split_sitemap(tmp_path, SITE_URL, 1700000000, warn=_unwarned, max_urls=2) == 3
    index = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert index.tag == f"{NS}sitemapindex"
    # Named whole under site_url, each dated by its newest page, which crawlers compare.
    assert [
        (e.findtext(f"{NS}loc"), e.findtext(f"{NS}lastmod")) for e in index.iter(f"{NS}sitemap")
    ] == [
        (f"{SITE_URL}sitemap-1.xml", "2025-11-11"),
        (f"{SITE_URL}sitemap-2.xml", "2025-11-13"),
        (f"{SITE_URL}sitemap-3.xml", "2025-11-14"),
    ]
    # Every page once, in MkDocs' order, at most two a file.
    parts = [_locs(tmp_path / f"sitemap-{n}.xml") for n in (1, 2, 3)]
    assert [len(part) for part in parts] == [2, 2, 1]
    assert _parts_locs(tmp_path, 3) == [f"{SITE_URL}papers/p{n}/" for n in range(5)]
    # Each file has its gzipped copy, dated from the build, as MkDocs gives sitemap.xml.gz.
    for name in ("sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"):
        packed = (tmp_path / f"{name}.gz").read_bytes()
        assert gzip.decompress(packed) == (tmp_path / name).read_bytes()
        assert int.from_bytes(packed[4:8], "little") == 1700000000


def test_a_sitemap_over_the_byte_limit_is_split_too(tmp_path: Path) -> None:
    data = _mkdocs_sitemap(tmp_path, 6)
    count = split_sitemap(tmp_path, SITE_URL, 0, warn=_unwarned, max_bytes=len(data) // 2)
    assert count == 3
    for n in range(1, count + 1):
        assert (tmp_path / f"sitemap-{n}.xml").stat().st_size <= len(data) // 2
    assert _parts_locs(tmp_path, 3) == [f"{SITE_URL}papers/p{n}/" for n in range(6)]


@pytest.mark.parametrize(
    ("site_url", "index"),
    [
        ("https://example.org/papersite/", "https://example.org/papersite/sitemap-1.xml"),
        # MkDocs takes a site_url without its closing slash as the same folder.
        ("https://example.org/papersite", "https://example.org/papersite/sitemap-1.xml"),
        ("https://example.org", "https://example.org/sitemap-1.xml"),
    ],
)
def test_the_index_names_its_parts_under_the_site_url_s_path(
    tmp_path: Path, site_url: str, index: str
) -> None:
    _mkdocs_sitemap(tmp_path, 2)
    assert split_sitemap(tmp_path, site_url, 0, warn=_unwarned, max_urls=1) == 2
    assert _locs(tmp_path / "sitemap.xml")[0] == index


@pytest.mark.parametrize("site_url", ["/", "/papersite/", "", "//example.org/"])
def test_the_index_is_refused_a_site_url_that_is_not_absolute(
    tmp_path: Path, site_url: str
) -> None:
    # The protocol wants a part's address whole; '/sitemap-1.xml' would be at a host's root.
    # build never gets here with one: site_settings refuses such a mkdocs.yml at its line.
    data = _mkdocs_sitemap(tmp_path, 2)
    with pytest.raises(ValueError, match="needs an absolute site_url"):
        split_sitemap(tmp_path, site_url, 0, warn=_unwarned, max_urls=1)
    assert (tmp_path / "sitemap.xml").read_bytes() == data


def test_the_index_escapes_an_ampersand_of_the_site_url(tmp_path: Path) -> None:
    _mkdocs_sitemap(tmp_path, 2)
    split_sitemap(tmp_path, "https://example.org/a&b", 0, warn=_unwarned, max_urls=1)
    assert "<loc>https://example.org/a&amp;b/sitemap-1.xml</loc>" in (
        tmp_path / "sitemap.xml"
    ).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_built_site_with_more_pages_than_a_sitemap_holds_gets_a_sitemap_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAPERSITE_SITE_URL", SITE_URL)
    monkeypatch.setattr(mkdocs_glue, "split_sitemap", functools.partial(split_sitemap, max_urls=4))
    build_site(loaded(tmp_path), tmp_path / "site", config_file=REPO / "mkdocs.yml")
    site = tmp_path / "site"
    index = _locs(site / "sitemap.xml")
    assert len(index) > 1 and index[0] == f"{SITE_URL}sitemap-1.xml"
    pages = _parts_locs(site, len(index))
    assert len(pages) == len(set(pages)) > 4
    assert f"{SITE_URL}about/" in pages


# A theme's own sitemap.xml (custom_dir) need not write <url> as MkDocs does.
THEMES_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<s:urlset xmlns:s="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:x="http://www.w3.org/1999/xhtml">\n'
    "<s:url >\n  <s:loc>https://example.org/a/</s:loc>"
    "<s:lastmod>2025-01-02</s:lastmod></s:url >\n"
    '<s:url id="b" note="x > y"><s:loc>https://example.org/b/</s:loc>'
    '<x:link rel="alternate" href="https://example.org/de/b/"/></s:url>\n'
    "<s:url\n><s:loc>https://example.org/c/</s:loc><s:lastmod>2025-01-03</s:lastmod></s:url>\n"
    "</s:urlset>\n"
)


def test_a_theme_s_sitemap_is_read_as_xml_and_its_entries_kept_as_written(
    tmp_path: Path,
) -> None:
    (tmp_path / "sitemap.xml").write_text(THEMES_SITEMAP, encoding="utf-8")
    assert split_sitemap(tmp_path, SITE_URL, 0, warn=_unwarned, max_urls=2) == 2
    index = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert [e.findtext(f"{NS}lastmod") for e in index.iter(f"{NS}sitemap")] == [
        "2025-01-02",
        "2025-01-03",
    ]
    assert _parts_locs(tmp_path, 2) == [f"https://example.org/{page}/" for page in "abc"]
    # Under the urlset's opening as written, which declares the prefixes its entries use.
    first = (tmp_path / "sitemap-1.xml").read_text(encoding="utf-8")
    assert first.startswith(THEMES_SITEMAP[: THEMES_SITEMAP.index("<s:url ")])
    assert '<x:link rel="alternate" href="https://example.org/de/b/"/></s:url>\n' in first
    assert first.endswith("</s:urlset>\n")


@pytest.mark.parametrize(
    "stray",
    ["<!-- 5,000 more pages to come -->", "<s:note>kept</s:note>", "text"],
    ids=["comment", "element", "text"],
)
def test_a_sitemap_holding_more_than_its_entries_is_left_whole_with_a_warning(
    tmp_path: Path, stray: str
) -> None:
    # Between the last </url> and </urlset>, which a split would drop.
    written = THEMES_SITEMAP.replace("</s:urlset>", f"{stray}\n</s:urlset>")
    (tmp_path / "sitemap.xml").write_text(written, encoding="utf-8")
    warned: list[str] = []
    assert split_sitemap(tmp_path, SITE_URL, 0, warn=warned.append, max_urls=2) == 0
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == written
    assert warned == [
        "sitemap.xml has 3 URLs, more than the 2 a sitemap may hold, and is left whole, as a "
        f"split would drop what its <urlset> holds besides <url> entries: {stray!r}"
    ]


def test_a_sitemap_that_is_no_xml_is_left_whole_with_a_warning(tmp_path: Path) -> None:
    written = THEMES_SITEMAP.replace("</s:url >", "</s:url>", 1).replace("<s:url\n>", "<s:url <")
    (tmp_path / "sitemap.xml").write_text(written, encoding="utf-8")
    warned: list[str] = []
    assert split_sitemap(tmp_path, SITE_URL, 0, warn=warned.append) == 0
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == written
    assert warned == [
        "sitemap.xml the theme wrote is not well-formed XML (not well-formed (invalid token) at "
        "its line 6, column 8), which crawlers refuse"
    ]


def test_a_sitemap_past_the_limits_that_is_no_urlset_is_left_whole_with_a_warning(
    tmp_path: Path,
) -> None:
    written = THEMES_SITEMAP.replace("sitemaps.org/schemas/sitemap/0.9", "example.org/other")
    (tmp_path / "sitemap.xml").write_text(written, encoding="utf-8")
    warned: list[str] = []
    assert split_sitemap(tmp_path, SITE_URL, 0, warn=warned.append, max_bytes=100) == 0
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == written
    assert warned == [
        f"sitemap.xml has {len(written.encode()):,} bytes, more than the 100 a sitemap may hold, "
        "and is no <urlset> of http://www.sitemaps.org/schemas/sitemap/0.9 that papersite could "
        "split"
    ]
