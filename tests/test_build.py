from __future__ import annotations

import csv
import dataclasses
import errno
import html
import io
import json
import multiprocessing
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator

from papersite import build as build_module
from papersite import content as content_module
from papersite import mkdocs_glue
from papersite.build import build_content, build_epoch, build_site
from papersite.catalogue import Catalogue
from papersite.cli import main
from papersite.content import Loaded
from papersite.errors import PapersiteError, Problem, Terminated, display_path
from papersite.mkdocs_glue import load_mkdocs_yaml
from papersite.related import RelatedWorker
from papersite.render import MARKER
from papersite.tags import text_order

from .conftest import REPO
from .sites import HOSTILE_TAG, THEMES, config_with, loaded, related_listed, tree, write_content

pytestmark = pytest.mark.slow
CONFIG = REPO / "mkdocs.yml"
# The name the fixture sites are built with: mkdocs.yml's, which a fork changes.
SITE_NAME = load_mkdocs_yaml(CONFIG)["site_name"]
FEEDS_SITEMAP = "feeds/sitemap.xml"
HOSTILE_IDS = (
    "script-alert-title-script-friends",
    "counting-stars-with-underscores-pipes-hashes",
    "7-7-jinja-if-true-templates-endif",
    "heading-title",
    "etc-passwd",
)


class _Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(page: Path) -> list[tuple[str, dict[str, str | None]]]:
    return elements_of(page.read_text(encoding="utf-8"))


def elements_of(html_text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html_text)
    return parser.tags


def test_hostile_titles_and_abstracts_show_exactly_as_written(curated_site: Path) -> None:
    papers = {p["id"]: p for p in json.loads((curated_site / "papers.json").read_text())}
    for paper_id in HOSTILE_IDS:
        page = (curated_site / "papers" / paper_id / "index.html").read_text(encoding="utf-8")
        h1 = re.search(r'<h1 id="title">(.*?)</h1>', page)
        abstract = re.search(r'<p class="ps-abstract">(.*?)</p>', page)
        title = re.search(r"<title>(.*?)</title>", page)
        assert h1 and abstract and title, paper_id
        assert html.unescape(h1.group(1)) == papers[paper_id]["title"]
        # Escaped as HTML, the site's name too: a lab's may hold "&".
        assert html.unescape(title.group(1)) == f"{papers[paper_id]['title']} - {SITE_NAME}"
        assert html.unescape(abstract.group(1)) == papers[paper_id]["abstract"]


def test_every_paper_page_has_a_skip_link_and_a_table_of_contents(curated_site: Path) -> None:
    # Material makes both from MkDocs' table of contents, which saw no heading in a paper page's
    # raw HTML: keyboard readers tabbed through the whole header on every paper page.
    for page_file in sorted((curated_site / "papers").glob("*/index.html")):
        page = page_file.read_text(encoding="utf-8")
        assert '<a href="#title" class="md-skip">' in page, page_file
        contents = re.search(r'data-md-type="toc".*?</nav>', page, re.DOTALL)
        assert contents is not None, page_file
        anchors = re.findall(r'href="#([a-z-]+)"', contents.group())
        assert anchors[0] == "abstract" and anchors[-2:] == ["cite", "sources"], anchors
        assert set(anchors) <= set(re.findall(r'<h2 id="([a-z-]+)"', page))


def test_no_markup_from_the_data_comes_alive_anywhere(curated_site: Path) -> None:
    scripts = sum(tag == "script" for tag, _ in elements(curated_site / "about" / "index.html"))
    for page in curated_site.rglob("*.html"):
        found = elements(page)
        assert sum(tag == "script" for tag, _ in found) == scripts, page
        for tag, attrs in found:
            assert tag not in {"iframe", "img"} or "onerror" not in attrs, page
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            for name in ("href", "src"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:")), (page, tag, attrs)


def test_search_index_keeps_hostile_titles_as_text(curated_site: Path) -> None:
    index = json.loads((curated_site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"]]
    assert "&lt;script&gt;alert('title')&lt;/script&gt; &amp; Friends" in titles
    assert not any("<script" in doc["title"] or "<script" in doc["text"] for doc in index["docs"])
    # Material's results insert titles and tags as HTML: no tag may hold markup.
    tags = [tag for doc in index["docs"] for tag in doc.get("tags", [])]
    assert "&lt;i&gt;tag&lt;/i&gt; &amp; co" in tags and not any("<" in tag for tag in tags)


def test_material_search_finds_each_paper_once_by_title_abstract_and_tags(
    curated_site: Path,
) -> None:
    index = json.loads((curated_site / "search/search_index.json").read_text(encoding="utf-8"))
    papers = json.loads((curated_site / "papers.json").read_text(encoding="utf-8"))
    by_location: dict[str, list[dict[str, Any]]] = {}
    for doc in index["docs"]:
        by_location.setdefault(doc["location"].partition("#")[0], []).append(doc)
    for paper in papers:
        # One entry, no sections: a paper's Links, Cite or Sources never match a query.
        [entry] = by_location.pop(paper["url"])
        assert entry["location"] == paper["url"]
        assert entry["title"] == html.escape(paper["title"], quote=False)
        assert entry["text"] == f"<p>{html.escape(' '.join(paper['abstract'].split()), False)}</p>"
        # The tags as its page shows them, alphabetical whatever their case.
        tags = sorted(paper["tags"], key=text_order)
        assert entry.get("tags", []) == [html.escape(tag, quote=False) for tag in tags]
    assert not any(location.startswith("papers/") for location in by_location)
    assert "" in by_location and "about/" in by_location  # other pages still indexed by MkDocs


def test_material_search_holds_each_abstract_and_paper_list_once(curated_site: Path) -> None:
    index = json.loads((curated_site / "search/search_index.json").read_text(encoding="utf-8"))
    papers = json.loads((curated_site / "papers.json").read_text(encoding="utf-8"))
    for paper in papers:
        abstract = html.escape(" ".join(paper["abstract"].split()), quote=False)[:60]
        holding = [doc["location"] for doc in index["docs"] if abstract in doc["text"]]
        # Theme pages fold the abstract in, but only the paper's own entry indexes it.
        assert holding == [paper["url"]], paper["id"]
        # Nor is a theme page's entry of a paper a second result: a search lists it once.
        title = html.escape(paper["title"], quote=False)
        titled = [doc["location"] for doc in index["docs"] if doc["title"] == title]
        assert titled == [paper["url"]], paper["id"]
    unsorted = [doc for doc in index["docs"] if doc["location"].startswith("unsorted/")]
    assert unsorted and not any(p["title"] in doc["text"] for p in papers for doc in unsorted)


def test_material_search_indexes_no_pager_and_no_tag_s_page(paged_site: Path) -> None:
    index = json.loads((paged_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert (paged_site / "tags/attention/2/index.html").is_file()
    assert (paged_site / "unsorted/2/index.html").is_file()
    # A tag's page lists papers by title, each found on its own: it would be a second result.
    locations = {doc["location"].partition("#")[0] for doc in index["docs"]}
    assert "tags/" in locations and not any(
        at.startswith("tags/") and at != "tags/" for at in locations
    )
    # A pager's links ("Page 1 of 3 1 2 3 Next →") and Unsorted's pages by date match no query.
    for doc in index["docs"]:
        text = doc["text"]
        assert not re.search(r"Page \d+ of|Next →|Older →|Pages by date|Sections:", text), doc
    assert any(at.startswith("unsorted/") for at in locations)


def test_tags_page_lists_escaped_tags_linking_to_the_pages_chips_link_to(
    curated_site: Path,
) -> None:
    tags = (curated_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert html.escape(HOSTILE_TAG, quote=False) in tags
    assert HOSTILE_TAG not in tags
    # Older links to a tag's anchor on the Tags page still land on the tag.
    ids = set(re.findall(r'id="([^"]+)"', tags))
    assert {"tag:ltigttagltigt-amp-co", "tag:attention"} <= ids
    theme = (curated_site / "themes/efficiency/index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'class="md-tag" href="\.\./\.\./tags/([^"]+)/"', theme))
    assert linked == {"i-tag-i-co", "attention"}
    for slug in linked:
        assert f'href="../tags/{slug}/"' in tags
        assert (curated_site / "tags" / slug / "index.html").is_file()
    # A tag's page is out of the navigation, as a paper's is: the Tags page stands for it.
    home = (curated_site / "index.html").read_text(encoding="utf-8")
    assert 'href="tags/"' in home and "tags/attention/" not in home.split('class="md-content"')[0]


def test_tags_and_their_papers_are_in_alphabetical_order_whatever_their_case(
    tmp_path: Path,
) -> None:
    site = loaded(tmp_path)
    tags = {
        "gated-attention-for-large-language-models": ("MIR-Bench", "Med-EASi"),
        "pretraining-with-hierarchical-memories": ("zebra", "attention", "MIR-Bench"),
    }
    # A title in lower case, which Material's own order puts after every capitalised one.
    lower = {"pretraining-with-hierarchical-memories": "attention to hierarchical memories"}
    papers = tuple(
        dataclasses.replace(
            item,
            paper=dataclasses.replace(item.paper, title=lower.get(item.paper.id, item.paper.title)),
            tags=tags.get(item.paper.id, ()),
        )
        for item in site.curation.papers
    )
    curation = dataclasses.replace(site.curation, papers=papers)
    built = tmp_path / "site"
    # mkdocs.yml as shipped: standard Material, no sort keys of papersite's named in it.
    build_site(Loaded(site.catalogue, curation, ()), built, config_file=CONFIG)
    tags_page = (built / "tags/index.html").read_text("utf-8")
    assert re.findall(r'id="tag:([^"]+)"', tags_page) == [
        "attention",
        "med-easi",
        "mir-bench",
        "zebra",
    ]
    # The papers under a tag by title ("attention to ..." before "Gated ..."), on its own page.
    mir_bench = (built / "tags/mir-bench/index.html").read_text("utf-8")
    mir_bench = mir_bench.split('class="md-content"')[1]
    assert re.findall(r'<a href="[^"]*papers/([^/]+)/"', mir_bench) == [
        "pretraining-with-hierarchical-memories",
        "gated-attention-for-large-language-models",
    ]
    # The tags a paper's page shows under its title, and its entry on the theme page.
    theme_page = (built / "themes/efficiency/index.html").read_text("utf-8")
    for paper_id, shown in (
        ("gated-attention-for-large-language-models", ["Med-EASi", "MIR-Bench"]),
        ("pretraining-with-hierarchical-memories", ["attention", "MIR-Bench", "zebra"]),
    ):
        page = (built / "papers" / paper_id / "index.html").read_text("utf-8")
        header = page.split('<nav class="md-tags"')[1].split("</nav>")[0]
        assert re.findall(r'class="md-tag[^"]*"[^>]*>([^<]+)<', header) == shown
        # Each leads to its tag's own page.
        slugs = [tag.lower() for tag in shown]
        assert re.findall(r'<a href="\.\./\.\./tags/([^"/]+)/"', header) == slugs
        entry = theme_page.split(f'id="paper-{paper_id}"')[1].split("</article>")[0]
        assert re.findall(r'class="md-tag"[^>]*>([^<]+)<', entry) == shown


def test_a_tag_named_index_leaves_the_tags_page_in_place(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    # tags/index.md would have been served where the Tags page is, and MkDocs kept only one.
    papers = tuple(
        dataclasses.replace(item, tags=("index",)) if item.tags else item
        for item in site.curation.papers
    )
    built = tmp_path / "site"
    curation = dataclasses.replace(site.curation, papers=papers)
    build_site(Loaded(site.catalogue, curation, ()), built, config_file=CONFIG, strict=True)
    tags_page = (built / "tags/index.html").read_text("utf-8")
    assert "<title>Tags - " in tags_page
    [slug] = re.findall(r'class="md-tag" href="\.\./tags/([^"/]+)/"', tags_page)
    assert re.fullmatch(r"index-[0-9a-f]{8}", slug)
    tag_page = (built / "tags" / slug / "index.html").read_text("utf-8")
    assert 'href="../../tags/#tag:index"' in tag_page
    theme = (built / "themes/efficiency/index.html").read_text("utf-8")
    assert f'class="md-tag" href="../../tags/{slug}/"' in theme


def test_feeds_parse_as_atom(curated_site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feeds = sorted(set((curated_site / "feeds").glob("*.xml")) - {curated_site / FEEDS_SITEMAP})
    assert [f.name for f in feeds] == ["efficiency.xml", "papers.xml", "reasoning.xml"]
    for feed in feeds:
        root = ET.parse(feed).getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        updated = [e.findtext("a:updated", "", ns) for e in root.findall("a:entry", ns)]
        assert updated == sorted(updated, reverse=True)
    titles = [
        e.findtext("a:title", namespaces=ns)
        for e in ET.parse(curated_site / "feeds/papers.xml").getroot().findall("a:entry", ns)
    ]
    assert "<script>alert('title')</script> & Friends" in titles


def test_every_page_names_the_site_s_feed_in_its_head_and_its_themes_their_own(
    curated_site: Path,
) -> None:
    # What a feed reader given a page's address looks for: <link rel="alternate"> in the head.
    pages = set(curated_site.rglob("*.html"))
    assert len(pages) > 10
    mount = urlsplit(load_mkdocs_yaml(CONFIG)["site_url"]).path
    titles = {
        "efficiency": f"{SITE_NAME}: Efficiency <& friends>",
        "reasoning": f"{SITE_NAME}: Arithmetic reasoning",
    }
    papers = json.loads((curated_site / "papers.json").read_text(encoding="utf-8"))
    # A theme's pages name their theme, a paper's page each theme the paper is in.
    themes_of = {f"papers/{p['id']}/index.html": p["themes"] for p in papers}
    themes_of |= {
        page.relative_to(curated_site).as_posix(): [page.parent.name]
        for page in pages
        if page.parent.parent.name == "themes"
    }
    assert any(themes for path, themes in themes_of.items() if path.startswith("papers/"))
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        feeds = {
            attrs.get("href"): attrs.get("title")
            for tag, attrs in elements_of(head)
            if tag == "link" and attrs.get("type") == "application/atom+xml"
        }
        wanted = {"feeds/papers.xml": f"{SITE_NAME}: newest papers"}
        for theme in themes_of.get(page.relative_to(curated_site).as_posix(), []):
            wanted[f"feeds/{theme}.xml"] = titles[theme]
        # 404.html is served at any depth, so it links from the site root (site_url's path).
        found = {
            (curated_site / h.removeprefix(mount) if h.startswith("/") else page.parent / h)
            .resolve()
            .relative_to(curated_site.resolve())
            .as_posix(): title
            for h, title in feeds.items()
            if h
        }
        assert found == wanted, page.relative_to(curated_site)
    # Material fetches sitemap.xml next to each: a sitemap naming no page, not a 404.
    sitemap = ET.parse(curated_site / FEEDS_SITEMAP).getroot()
    assert sitemap.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert len(sitemap) == 0


def test_a_paper_page_links_to_its_entry_in_every_list_that_holds_it(paged_site: Path) -> None:
    # A theme or Unsorted page lists up to hundreds of papers: the link lands on the paper's.
    pages = sorted((paged_site / "papers").glob("*/index.html"))
    assert len(pages) >= 9
    for page in pages:
        text = page.read_text(encoding="utf-8")
        listed = text.split('id="in-the-reading-list"')[1].split('id="links"')[0]
        links = re.findall(r'href="([^"]+)"', listed)
        assert links, page
        for link in links:
            address, _, anchor = link.partition("#")
            assert anchor == f"paper-{page.parent.name}", (page, link)
            target = (page.parent / address / "index.html").resolve()
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (page, link)


def test_a_renamed_theme_s_old_addresses_are_built_as_redirects(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    themes = tuple(
        dataclasses.replace(theme, formerly=("efficient-ml",))
        if theme.id == "efficiency"
        else theme
        for theme in site.curation.themes
    )
    renamed = dataclasses.replace(site, curation=dataclasses.replace(site.curation, themes=themes))
    config = config_with(tmp_path, CONFIG, "theme_page_size", "1")
    # Strict: MkDocs says nothing of the HTML files it copies.
    build_site(renamed, tmp_path / "site", config_file=config, strict=True)
    built = tmp_path / "site"
    for old, new in (("", ""), ("2/", "2/")):
        page = built / "themes/efficient-ml" / old / "index.html"
        text = page.read_text(encoding="utf-8")
        # Copied as written: no theme, no livereload, the refresh first in the page.
        assert text.startswith("<!doctype html>") and "md-header" not in text
        target = re.findall(r'content="0; url=([^"]+)"', text)
        assert target == [f"{'../' * (2 + old.count('/'))}themes/efficiency/{new}"]
        landed = page.parent / target[0] / "index.html"
        assert '<h1 id="' in landed.read_text(encoding="utf-8")
        assert landed.resolve() == (built / "themes/efficiency" / new / "index.html").resolve()
    assert (built / "feeds/efficient-ml.xml").read_bytes() == (
        built / "feeds/efficiency.xml"
    ).read_bytes()
    # Search engines learn of the new address only.
    assert "efficient-ml" not in (built / "sitemap.xml").read_text(encoding="utf-8")


def test_paper_and_theme_pages_have_descriptions_of_their_own(curated_site: Path) -> None:
    site_wide = load_mkdocs_yaml(CONFIG)["site_description"]

    def description(page: str) -> str | None:
        metas = [a for t, a in elements(curated_site / page) if t == "meta"]
        return next(a.get("content") for a in metas if a.get("name") == "description")

    # As written, once the browser reads the attribute: nothing in it comes alive.
    assert description("papers/script-alert-title-script-friends/index.html") == (
        "Abstract with <img src=x onerror=alert(1)> and <b>bold</b> & an entity &amp done."
    )
    assert description("papers/gated-attention-for-large-language-models/index.html") == (
        "Gating mechanisms help."
    )
    assert description("themes/reasoning/index.html") == "2 papers on Arithmetic reasoning"
    assert description("index.html") == site_wide
    # Every other page has its own (render.list_page_description and the like).
    assert description("about/index.html") != site_wide
    assert description("tags/attention/index.html") == (
        "5 papers curators tagged “attention”, by title."
    )


def test_a_shared_link_previews_the_page(curated_site: Path) -> None:
    def preview(page: str) -> dict[str, str | None]:
        found = elements(curated_site / page)
        canonical = next(a["href"] for t, a in found if t == "link" and a.get("rel") == "canonical")
        properties = {
            str(a.get("property") or a.get("name")): a.get("content")
            for t, a in found
            if t == "meta" and (a.get("property") or a.get("name") or "").startswith(("og:", "tw"))
        }
        # Where the preview leads: the page's own address, as search engines are told.
        assert properties.pop("og:url") == canonical
        return properties

    site = load_mkdocs_yaml(CONFIG)
    # A paper by its title and abstract, as written: nothing in them comes alive.
    assert preview("papers/script-alert-title-script-friends/index.html") == {
        "og:type": "article",
        "og:site_name": site["site_name"],
        "og:title": "<script>alert('title')</script> & Friends",
        "og:description": (
            "Abstract with <img src=x onerror=alert(1)> and <b>bold</b> & an entity &amp done."
        ),
        "twitter:card": "summary",
    }
    assert preview("themes/reasoning/index.html")["og:title"] == "Arithmetic reasoning"
    assert preview("tags/attention/index.html")["og:description"] == (
        "5 papers curators tagged “attention”, by title."
    )
    home = preview("index.html")
    assert (home["og:type"], home["og:title"]) == ("website", site["site_name"])
    assert home["og:description"] == site["site_description"]


def test_the_site_s_name_description_and_author_show_as_written_in_every_head(
    tmp_path: Path,
) -> None:
    # Material writes them into the page as they are: a '"' ended the description's attribute,
    # and the rest of it came out as attributes of their own.
    written = {
        "site_name": 'Papers "we" <read> & AT&amp;T',
        "site_description": 'Say "hi" to <b>bold</b> & &amp; entities',
        "site_author": 'The "lab" <team> & co',
    }
    text = CONFIG.read_text(encoding="utf-8")
    for key, value in written.items():
        line = re.compile(rf"(?m)^(# )?{key}: .*$")
        assert line.search(text), f"the shipped mkdocs.yml has no {key} line"
        text = line.sub(f"{key}: {json.dumps(value)}", text, count=1)
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    build_site(loaded(tmp_path), tmp_path / "site", config_file=config)
    site = tmp_path / "site"
    for page in ("index.html", "about/index.html", "papers/etc-passwd/index.html"):
        metas = {
            str(a.get("name") or a.get("property")): a.get("content")
            for t, a in elements(site / page)
            if t == "meta"
        }
        assert metas["author"] == written["site_author"]
        assert metas["og:site_name"] == written["site_name"]
        header = [
            a for t, a in elements(site / page) if "md-header__button" in (a.get("class") or "")
        ]
        assert header[0]["aria-label"] == written["site_name"]
    home = {
        str(a.get("name") or a.get("property")): a.get("content")
        for t, a in elements(site / "index.html")
        if t == "meta"
    }
    # Escaped once: papersite's own og:description escapes it itself.
    assert home["description"] == home["og:description"] == written["site_description"]
    title = re.search(r"<title>(.*?)</title>", (site / "index.html").read_text("utf-8"))
    assert title and html.unescape(title[1]) == written["site_name"]
    # The feeds are papersite's, made from mkdocs.yml as written: escaped once, as XML.
    feed = ET.parse(site / "feeds/papers.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.findtext("a:author/a:name", namespaces=ns) == written["site_author"]
    assert (feed.findtext("a:title", namespaces=ns) or "").startswith(written["site_name"])


def test_a_site_url_beyond_ascii_is_published_as_a_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The shipped mkdocs.yml reads site_url from here (!ENV), as the deploy sets it.
    monkeypatch.setenv("PAPERSITE_SITE_URL", "https://bücher.example/lesen/café/")
    build_site(loaded(tmp_path), tmp_path / "site", config_file=CONFIG)
    site = tmp_path / "site"
    uri = "https://xn--bcher-kva.example/lesen/caf%C3%A9/"
    # sitemaps.org asks for URIs in <loc>, where MkDocs writes site_url as it is.
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locs = [e.text or "" for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith(uri) and loc.isascii() for loc in locs)
    # Pages, feeds and citations name the same addresses.
    assert f'<link rel="canonical" href="{uri}about/">' in (site / "about/index.html").read_text(
        encoding="utf-8"
    )
    assert f"<id>{uri}feeds/papers.xml</id>" in (site / "feeds/papers.xml").read_text("utf-8")
    # (Where BibTeX's url had the host percent-encoded, which no resolver looks up.)
    assert f"url = {{{uri}papers/" in (site / "bibtex/papers.bib").read_text(encoding="utf-8")


def test_every_relative_link_resolves(curated_site: Path) -> None:
    # 404.html links from the site root (site_url), as it is served at any depth.
    for page in set(curated_site.rglob("*.html")) - {curated_site / "404.html"}:
        for _, attrs in elements(page):
            for name in ("href", "src"):
                target = attrs.get(name)
                if not target or re.match(r"^[a-z]+:|^#", target):
                    continue
                path = (page.parent / target.split("#")[0].split("?")[0]).resolve()
                path = path / "index.html" if path.is_dir() else path
                assert path.is_file(), f"{page.relative_to(curated_site)}: {target}"


def test_the_404_page_names_itself_and_links_home_search_and_themes_from_the_site_root(
    curated_site: Path,
) -> None:
    # GitHub Pages serves 404.html at any missing address, however deep: a relative link would
    # resolve against that address, so every one is from site_url's path and names a file.
    mount = urlsplit(load_mkdocs_yaml(CONFIG)["site_url"]).path
    text = (curated_site / "404.html").read_text(encoding="utf-8")
    titles = [html.unescape(title) for title in re.findall(r"<title>(.*?)</title>", text)]
    assert titles == [f"Page not found - {SITE_NAME}"]
    for _, attrs in elements_of(text):
        for name in ("href", "src"):
            target = attrs.get(name)
            if not target or re.match(r"^[a-z]+:|^#", target):
                continue
            assert target.startswith(mount), target
            path = curated_site / target.removeprefix(mount).split("#")[0].split("?")[0]
            assert (path / "index.html" if path.is_dir() else path).is_file(), target
    article = text.split("<article")[1].split("</article>")[0]
    links = [
        (href, html.unescape(t))
        for href, t in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', article)
    ]
    themes = [(f"{mount}themes/{theme.id}/", theme.title) for theme in THEMES]
    assert links == [(mount, "The home page"), (f"{mount}?q=", "Search"), *themes]


def test_a_build_whose_material_index_is_large_suggests_pagefind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = write_content(tmp_path)
    argv = ["build", "--content", str(content), "--site-dir", str(tmp_path / "site")]
    assert main(argv) == 0
    assert "pagefind" not in capsys.readouterr().err
    monkeypatch.setattr("papersite.search.LARGE_INDEX_BYTES", 1000)
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert re.search(r"search/search_index\.json is [\d.]+ MB, .* 'search: pagefind'", err), err


def test_published_papers_json_is_the_export_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_content(tmp_path)
    site = tmp_path / "site"
    assert main(["build", "--content", str(content), "--site-dir", str(site)]) == 0
    summary = capsys.readouterr().out.strip()
    assert re.fullmatch(
        r"Built 9 papers: 13 pages, \d+ files, [\d.]+ MB in .+ in [\d.]+ s", summary
    )
    assert main(["export", "--content", str(content), "-o", str(tmp_path / "export.json")]) == 0
    assert (site / "papers.json").read_bytes() == (tmp_path / "export.json").read_bytes()
    assert main(["export", "--format", "csv", "--content", str(content)]) == 0
    assert (site / "papers.csv").read_text(encoding="utf-8") == capsys.readouterr().out
    assert main(["export", "--schema", "-o", str(tmp_path / "schema.json")]) == 0
    assert (site / "papers.schema.json").read_bytes() == (tmp_path / "schema.json").read_bytes()
    # Not Material's tags.json beside them: its titles and tags were HTML-escaped ("LLM&#x27;s"),
    # as the pages' front matter is for Material's templates, which escape nothing.
    assert not (site / "tags.json").exists()


def test_the_site_publishes_the_schemas_of_its_data_and_the_about_page_links_them(
    curated_site: Path,
) -> None:
    schema = json.loads((curated_site / "papers.schema.json").read_text(encoding="utf-8"))
    papers = json.loads((curated_site / "papers.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(papers)
    themes_schema = json.loads((curated_site / "themes.schema.json").read_text(encoding="utf-8"))
    themes = json.loads((curated_site / "themes.json").read_text(encoding="utf-8"))
    Draft202012Validator(themes_schema).validate(themes)
    assert [theme["id"] for theme in themes] == [theme.id for theme in THEMES]
    about = (curated_site / "about" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../papers.schema.json">papers.schema.json</a>' in about
    assert '<a href="../themes.json">themes.json</a>' in about
    assert '<a href="../themes.schema.json">themes.schema.json</a>' in about


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = loaded(tmp_path)
    build_site(site, tmp_path / "one", config_file=CONFIG)
    build_site(site, tmp_path / "two", config_file=CONFIG)
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert "sitemap.xml.gz" in one and "search/search_index.json" in one
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    # The sitemap is dated from the newest date in the content, not from today.
    assert b"<lastmod>2025-11-21</lastmod>" in one["sitemap.xml"]


def test_source_date_epoch_dates_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_site(loaded(tmp_path), tmp_path / "site", config_file=CONFIG)
    assert b"<lastmod>2023-11-14</lastmod>" in (tmp_path / "site/sitemap.xml").read_bytes()


def _dated(catalogue: Catalogue, day: date) -> Catalogue:
    """The catalogue with every paper published on ``day``, and no capture dates."""
    papers = tuple(
        dataclasses.replace(p, published=day, upvotes=None, upvotes_as_of=None)
        for p in catalogue.papers
    )
    return dataclasses.replace(catalogue, papers=papers, _index={})


@pytest.mark.parametrize(("day", "epoch"), [(date(2204, 5, 22), 2**32 - 1), (date(1900, 1, 1), 0)])
def test_a_date_gzip_cannot_hold_still_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: date, epoch: int
) -> None:
    # The sources drop such dates; the build must not trust that every catalogue came from them.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = loaded(tmp_path)
    catalogue = _dated(site.catalogue, day)
    assert build_epoch(catalogue) == epoch
    build_site(
        dataclasses.replace(site, catalogue=catalogue), tmp_path / "site", config_file=CONFIG
    )
    assert (tmp_path / "site" / "sitemap.xml.gz").exists()


@pytest.mark.parametrize("raw", ["-1", "4294967296", "ten"])
def test_a_source_date_epoch_gzip_cannot_hold_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", raw)
    with pytest.raises(PapersiteError) as caught:
        build_epoch(loaded(tmp_path).catalogue)
    assert str(caught.value) == (
        f"SOURCE_DATE_EPOCH: expected whole seconds since 1970, at most 4294967295 (2106), "
        f"got {raw!r}"
    )


def _built_once(tmp_path: Path) -> tuple[Loaded, Path, dict[str, bytes]]:
    """The fixture content, its site built in tmp_path/site, and that site's files."""
    site = loaded(tmp_path)
    target = tmp_path / "site"
    build_site(site, target, config_file=CONFIG)
    return site, target, tree(target)


@pytest.mark.parametrize(
    "failure",
    [PapersiteError("mkdocs.yml", None, "boom"), RuntimeError("plugin bug"), KeyboardInterrupt()],
)
@pytest.mark.parametrize("inside_mkdocs", [False, True], ids=["before-mkdocs", "inside-mkdocs"])
def test_a_failed_build_leaves_the_previous_site_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException, inside_mkdocs: bool
) -> None:
    import mkdocs.commands.build

    site, target, before = _built_once(tmp_path)

    def fail(*args: object, **kwargs: object) -> None:
        raise failure

    def half_build(config: Any, **kwargs: object) -> None:
        # MkDocs has written part of the new site when it fails.
        out = Path(config["site_dir"])
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text("half a site")
        raise failure

    if inside_mkdocs:
        monkeypatch.setattr(mkdocs.commands.build, "build", half_build)
    else:
        monkeypatch.setattr(build_module, "run_mkdocs", fail)
    with pytest.raises(type(failure)):
        build_site(site, target, config_file=CONFIG)
    assert tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_a_stop_asked_for_where_python_could_not_raise_it_keeps_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SIGTERM handled in a finaliser: its Terminated was dropped and MkDocs built on to the end.
    site, target, before = _built_once(tmp_path)
    monkeypatch.setattr(Terminated, "requested", False)
    real = mkdocs_glue.run_mkdocs

    def stop_dropped(*args: Any, **kwargs: Any) -> None:
        real(*args, **kwargs)
        Terminated.requested = True

    monkeypatch.setattr(build_module, "run_mkdocs", stop_dropped)
    with pytest.raises(Terminated):
        build_site(site, target, config_file=CONFIG)
    assert tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_an_mkdocs_error_is_reported_with_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        CONFIG.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"),
        encoding="utf-8",
    )
    with pytest.raises(PapersiteError) as error:
        build_site(loaded(tmp_path), tmp_path / "site", config_file=config)
    assert error.value.path == str(config)
    assert "no-such-theme" in error.value.message
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("command", ["generate", "build", "serve"])
@pytest.mark.parametrize(("written", "kind"), [("- a\n", "a list"), ("hello\n", "'hello'")])
def test_an_mkdocs_yml_that_holds_no_settings_is_one_line_at_line_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, written: str, kind: str
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(written, encoding="utf-8")
    where = {
        "generate": ["--out", str(tmp_path / "docs")],
        "build": ["--site-dir", str(tmp_path / "site")],
    }
    args = [command, "--content", str(write_content(tmp_path)), "--config", str(config)]
    assert main([*args, *where.get(command, [])]) == 1
    assert capsys.readouterr().err == (
        f"{config}:1: expected settings (key: value) at the top level, not {kind}\n"
    )


def _config_with_page_size(tmp_path: Path, size: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    text = CONFIG.read_text(encoding="utf-8")
    assert "    unsorted_page_size: 1000\n" in text
    config.write_text(text.replace("unsorted_page_size: 1000", f"unsorted_page_size: {size}"))
    return config


def test_unsorted_and_theme_pages_build_strictly_out_of_the_nav(tmp_path: Path) -> None:
    config = _config_with_page_size(tmp_path, "1")
    text = config.read_text(encoding="utf-8")
    assert "    theme_page_size: 300\n" in text
    config.write_text(text.replace("theme_page_size: 300", "theme_page_size: 1"), "utf-8")
    build_site(loaded(tmp_path), tmp_path / "site", config_file=config, strict=True)
    assert (tmp_path / "site/unsorted/index.html").is_file()
    second = (tmp_path / "site/unsorted/2/index.html").read_text(encoding="utf-8")
    assert "Unsorted, page 2" in second
    third = (tmp_path / "site/themes/efficiency/3/index.html").read_text(encoding="utf-8")
    assert "Efficiency &lt;&amp; friends&gt;, page 3" in third
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    # Only the first pages are in the navigation.
    assert "unsorted/2/" not in home and "themes/efficiency/2/" not in home


@pytest.mark.parametrize("size", ["0", "-3", "ten", "2.5", "true"])
def test_a_bad_unsorted_page_size_names_the_config_file(tmp_path: Path, size: str) -> None:
    config = _config_with_page_size(tmp_path, size)
    with pytest.raises(PapersiteError, match="unsorted_page_size must be a whole number") as error:
        build_site(loaded(tmp_path), tmp_path / "site", config_file=config)
    assert error.value.path == str(config)


@pytest.mark.parametrize("name", ["project", "foreign"])
def test_build_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path: Path, name: str) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious")
    target = Path.cwd() if name == "project" else foreign
    with pytest.raises(PapersiteError, match=r"refusing|holds no built site"):
        build_site(loaded(tmp_path), target, config_file=CONFIG)
    assert (foreign / "thesis.tex").read_text() == "precious"


def test_a_folder_holding_only_a_file_manager_s_litter_is_taken_as_empty(tmp_path: Path) -> None:
    # A folder just made in Finder holds a .DS_Store: it was "not empty and holds no built site".
    site = tmp_path / "site"
    site.mkdir()
    (site / ".DS_Store").write_bytes(b"Bud1")
    (site / "Thumbs.db").write_bytes(b"")
    assert build_module.check_site_folder(site, CONFIG) == site.absolute()
    (site / "thesis.tex").write_text("precious")
    with pytest.raises(PapersiteError, match="holds no built site"):
        build_module.check_site_folder(site, CONFIG)


@pytest.mark.parametrize("command", ["build", "generate"])
def test_a_refused_folder_is_named_as_typed_by_build_and_generate_alike(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    content = write_content(tmp_path)
    (tmp_path / "notsite").mkdir()
    (tmp_path / "notsite/thesis.tex").write_text("precious")
    monkeypatch.chdir(tmp_path)
    out = "--site-dir" if command == "build" else "--out"
    args = [command, "--content", str(content), "--config", str(CONFIG), out, "notsite"]
    assert main(args) == 1
    assert capsys.readouterr().err.startswith("notsite: folder is not empty and ")


@pytest.mark.parametrize(
    ("out", "said"), [(".", "there: it is, or holds,"), ("content/new", "inside")]
)
def test_generate_refuses_the_project_and_the_content_whatever_marker_they_hold(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    out: str,
    said: str,
) -> None:
    # Its pruning would remove every file it did not write: the checkout, .git included.
    monkeypatch.chdir(tmp_path)
    content = write_content(tmp_path)
    for folder in (tmp_path, content):
        (folder / MARKER).touch()
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    args = ["generate", "--content", "content", "--config", str(CONFIG), "--out", out]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{out}: refusing to write the pages {said}")
    assert err.count("\n") == 1
    assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == before


@pytest.mark.parametrize(("folder", "out"), [(".", "content/../gen"), ("content", "../gen")])
def test_generate_writes_to_a_folder_beside_the_content_reached_through_dotdot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, out: str
) -> None:
    # '..' was kept in the written spelling, so content/../gen read as inside the content.
    write_content(tmp_path)
    monkeypatch.chdir(tmp_path / folder)
    content = "content" if folder == "." else "."
    args = ["generate", "--content", content, "--config", str(CONFIG), "--out", out]
    assert main(args) == 0
    assert (tmp_path / "gen" / MARKER).is_file()


def test_generate_removes_nothing_from_a_folder_holding_a_committed_marker_and_project_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `--out tests` (docs_dir: tests) with a marker a pull request committed there: pruning
    # removed every test, and the pages took their place.
    monkeypatch.chdir(tmp_path)
    write_content(tmp_path)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / MARKER).touch()
    (tmp_path / "tests" / "test_site.py").write_text("def test_site() -> None: ...\n")
    args = ["generate", "--content", "content", "--config", str(CONFIG), "--out", "tests"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("tests/test_site.py: not a file papersite writes")
    assert err.count("\n") == 1
    assert sorted(p.name for p in (tmp_path / "tests").iterdir()) == [MARKER, "test_site.py"]


def test_the_shipped_content_builds(shipped_site: Path) -> None:
    # tests/test_content.py counts the shipped reading list's papers; this holds for any content.
    papers = json.loads((shipped_site / "papers.json").read_text(encoding="utf-8"))
    assert papers
    pages = list((shipped_site / "papers").glob("*/index.html"))
    assert len(pages) == len(papers)
    nav = (shipped_site / "index.html").read_text(encoding="utf-8")
    # Paper pages are never in the navigation: thousands of entries would slow every page.
    assert nav.count("papers/") < 40


def test_strict_build_of_the_curated_fixture_has_no_mkdocs_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_site(loaded(tmp_path), tmp_path / "site", config_file=CONFIG, strict=True)
    assert capsys.readouterr().err == ""


REFUSED = (
    "refusing to replace a folder holding the project, the content or your home folder: "
    "choose a site folder of its own, such as ./site"
)


@pytest.mark.parametrize(
    "where", ["home", "root", "repo", "content", "content-parent", "link", "sources"]
)
def test_build_refuses_a_site_dir_that_holds_the_user_s_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    content = write_content(tmp_path)
    # An index.html makes the folder look like a built site to the emptiness check.
    (content / "index.html").write_text("not a site")
    (tmp_path / "link").symlink_to(content)
    target = {
        "home": Path.home(),
        "root": Path("/"),
        "repo": REPO,
        "content": content,
        "content-parent": tmp_path,
        "link": tmp_path / "link",
        "sources": content / "sources",
    }[where]
    before = sorted(p.name for p in content.iterdir())
    argv = ["build", "--content", str(content), "--config", str(CONFIG), "--site-dir", str(target)]
    sources_before = sorted(p.name for p in (content / "sources").iterdir())
    assert main(argv) == 1
    reason = (
        "refusing to build the site inside the content folder" if where == "sources" else REFUSED
    )
    assert capsys.readouterr().err == f"{display_path(target.absolute())}: {reason}\n"
    assert sorted(p.name for p in content.iterdir()) == before
    assert sorted(p.name for p in (content / "sources").iterdir()) == sources_before


def _fail_on_moving_the_new_site(
    monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> list[tuple[str, str]]:
    """Make the rename that moves the built site into place fail; returns the renames seen."""
    real = os.rename
    seen: list[tuple[str, str]] = []

    def rename(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> None:
        seen.append((Path(source).name, Path(destination).name))
        if Path(source).name == "site" and Path(source).parent.name.startswith(".site.building-"):
            raise failure
        real(source, destination)

    monkeypatch.setattr(os, "rename", rename)
    return seen


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_swap_puts_the_previous_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    site, target, before = _built_once(tmp_path)
    seen = _fail_on_moving_the_new_site(monkeypatch, failure)
    expected = PapersiteError if isinstance(failure, OSError) else KeyboardInterrupt
    with pytest.raises(expected) as caught:
        build_site(site, target, config_file=CONFIG)
    assert ("site", "previous") in seen  # the old site had been moved aside
    assert tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]
    if isinstance(caught.value, PapersiteError):
        assert caught.value.message == (
            "cannot move the new site into place: No space left on device; "
            "the previous site is kept"
        )


class _Text(HTMLParser):
    """Every text node of a page, character references resolved: what a reader sees as text."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []

    def handle_data(self, data: str) -> None:
        self.nodes.append(data)


def text_nodes(page: Path) -> list[str]:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.nodes


# Where each hostile paper is listed, besides its own page (tested above).
LISTED_ON = {
    "index.html": HOSTILE_IDS,
    "themes/efficiency/index.html": ("script-alert-title-script-friends",),
    "themes/reasoning/index.html": ("counting-stars-with-underscores-pipes-hashes",),
    "unsorted/index.html": (
        "7-7-jinja-if-true-templates-endif",
        "heading-title",
        "etc-passwd",
    ),
    "tags/attention/index.html": (
        "script-alert-title-script-friends",
        "counting-stars-with-underscores-pipes-hashes",
    ),
}


@pytest.mark.parametrize("page", sorted(LISTED_ON))
def test_hostile_titles_are_one_text_node_on_every_listing_page(
    curated_site: Path, page: str
) -> None:
    # One text node: Markdown, HTML or a template splitting the title would make it several.
    papers = {p["id"]: p for p in json.loads((curated_site / "papers.json").read_text())}
    nodes = text_nodes(curated_site / page)
    for paper_id in LISTED_ON[page]:
        title = papers[paper_id]["title"]
        assert any(title in node for node in nodes), (page, title)


def test_a_hostile_note_shows_its_markup_as_text_and_keeps_only_safe_links(
    curated_site: Path,
) -> None:
    for page in ("papers/script-alert-title-script-friends", "themes/efficiency"):
        path = curated_site / page / "index.html"
        assert any("<script>alert('note')</script> <b>raw</b>" in n for n in text_nodes(path))
        links = [attrs for tag, attrs in elements(path) if tag == "a"]
        assert {"href": "https://example.org/a_b"} in links
        # [bad](javascript:…) shows its text plain: no <a> without an address.
        assert {} not in links
        assert any("</b> bad " in n for n in text_nodes(path))


def test_hostile_text_is_kept_exactly_in_every_data_file(curated_site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    papers = {p["id"]: p for p in json.loads((curated_site / "papers.json").read_text())}
    rows = {
        r["id"]: r for r in csv.DictReader(io.StringIO((curated_site / "papers.csv").read_text()))
    }
    entries = {
        e.findtext("a:id", "", ns).rsplit("/", 2)[-2]: e
        for e in ET.parse(curated_site / "feeds/papers.xml").getroot().findall("a:entry", ns)
    }
    for paper_id in HOSTILE_IDS:
        paper = papers[paper_id]
        assert (rows[paper_id]["title"], rows[paper_id]["abstract"]) == (
            paper["title"],
            paper["abstract"],
        )
        assert entries[paper_id].findtext("a:title", "", ns) == paper["title"]
        assert entries[paper_id].findtext("a:summary", "", ns) == paper["abstract"]
    assert (
        rows["script-alert-title-script-friends"]["note"]
        == papers["script-alert-title-script-friends"]["note"]
    )


def test_bibtex_files_keep_every_entry_s_fields_apart(curated_site: Path) -> None:
    from .test_bibtex import bibtex_fields

    for path in sorted((curated_site / "bibtex").glob("*.bib")):
        comment, *entries = path.read_text(encoding="utf-8").split("\n\n")
        assert all(line.startswith("% ") for line in comment.splitlines()), path.name
        for entry in entries:
            assert list(bibtex_fields(entry)) in (
                ["title", "key", "year", "url"],
                ["title", "key", "url"],
                ["title", "key", "year", "howpublished", "url"],
            ), (path.name, entry)


def test_papers_bib_cites_every_paper_once_as_its_page_does(curated_site: Path) -> None:
    papers = json.loads((curated_site / "papers.json").read_text(encoding="utf-8"))
    text = (curated_site / "bibtex" / "papers.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@misc\{([^,]+),", text, flags=re.MULTILINE)
    assert keys == [paper["id"] for paper in papers]
    # The same entry as under the paper's Cite heading, HTML-unescaped there.
    page = (curated_site / "papers" / keys[0] / "index.html").read_text(encoding="utf-8")
    cited = html.unescape(page.split('<pre class="ps-bibtex"><code>')[1].split("</code>")[0])
    assert cited in text
    about = (curated_site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../bibtex/papers.bib"' in about


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_control_characters_in_a_dump_reach_no_built_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_content(tmp_path)
    (content / "sources" / "control.txt").write_bytes(
        "Bell\x07 and \x1b[31mEscape\x02 Title\x03\n\n"
        "Abstract with \x01 STX\x02wzxhzdk:0\x03 and DEL\x7f and CSI\x9b.\n".encode()
    )
    site = tmp_path / "site"
    argv = ["build", "--content", str(content), "--config", str(CONFIG), "--site-dir", str(site)]
    assert main(argv) == 0, capsys.readouterr().err
    papers = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    assert "Bell\ufffd and \ufffd[31mEscape\ufffd Title\ufffd" in [p["title"] for p in papers]
    for path in site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".csv", ".bib"}:
            text = path.read_text(encoding="utf-8")
            assert not CONTROL.search(text), path.relative_to(site)


def test_builds_in_separate_processes_are_byte_identical(
    tmp_path: Path, curated_content: Path
) -> None:
    # Each process hashes strings with its own seed: set or dict order leaking into a page shows.
    content = curated_content
    trees = []
    for seed in ("1", "2"):
        site = tmp_path / f"site-{seed}"
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        command = [sys.executable, "-m", "papersite", "build", "--content", str(content)]
        command += ["--config", str(CONFIG), "--site-dir", str(site)]
        subprocess.run(
            command, check=True, capture_output=True, env={**env, "PYTHONHASHSEED": seed}
        )
        trees.append(tree(site))
    assert trees[0].keys() == trees[1].keys()
    assert len([name for name in trees[0] if name.startswith("themes/")]) == 3
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []


def _worker_in(background: bool) -> Callable[..., RelatedWorker]:
    """RelatedWorker for build_content, comparing in a second process or not whatever it asks."""
    return lambda **asked: RelatedWorker(background=background)


def test_related_papers_from_the_worker_process_build_the_same_site(
    tmp_path: Path, curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = curated_content
    trees = []
    warned: list[Problem] = []
    for background in (True, False):
        worker = _worker_in(background)
        monkeypatch.setattr(build_module, "RelatedWorker", worker)
        site = tmp_path / f"site-{background}"
        build_content(content, site, config_file=CONFIG, warn=warned.extend)
        trees.append(tree(site))
    assert warned == []
    assert trees[0].keys() == trees[1].keys()
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []
    pages = [v.decode() for k, v in trees[0].items() if k.startswith("papers/")]
    assert sum("No related papers found" not in page for page in pages) > 3


def test_every_command_that_renders_lists_related_papers_as_mkdocs_yml_says(
    tmp_path: Path, curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = config_with(tmp_path, CONFIG, "related_papers", "1")
    listed = []
    # build, the worker comparing the papers in its own process or in this one; then generate.
    for background in (True, False):
        worker = _worker_in(background)
        monkeypatch.setattr(build_module, "RelatedWorker", worker)
        site = tmp_path / f"site-{background}"
        build_content(curated_content, site, config_file=config)
        listed.append([related_listed(page) for page in site.glob("papers/*/index.html")])
    docs = tmp_path / "docs"
    argv = ["generate", "--content", str(curated_content), "--config", str(config)]
    assert main([*argv, "--out", str(docs)]) == 0
    listed.append([related_listed(page) for page in docs.glob("papers/*.md")])
    for pages in listed:
        assert all(ids is not None and len(ids) <= 1 for ids in pages)
        assert sum(bool(ids) for ids in pages) > 3


def test_a_list_without_related_papers_starts_no_worker_process(
    tmp_path: Path, curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool | None] = []

    def worker(*, background: bool | None = None) -> RelatedWorker:
        asked.append(background)
        return RelatedWorker(background=False)

    monkeypatch.setattr(build_module, "RelatedWorker", worker)
    for count in ("0", "2"):
        (tmp_path / count).mkdir()
        config = config_with(tmp_path / count, CONFIG, "related_papers", count)
        build_content(curated_content, tmp_path / count / "site", config_file=config)
    # None leaves it to RelatedWorker: a second process where one saves time.
    assert asked == [False, None]


def test_a_mistake_in_mkdocs_yml_is_raised_after_the_contents_warnings(
    tmp_path: Path, curated_content: Path
) -> None:
    config = config_with(tmp_path, CONFIG, "related_papers", "many")
    (curated_content / "sources" / "stray.md").write_text("not a dump\n", encoding="utf-8")
    warned: list[Problem] = []
    with pytest.raises(PapersiteError, match="related_papers"):
        build_content(curated_content, tmp_path / "site", config_file=config, warn=warned.extend)
    assert [problem.path.endswith("stray.md") for problem in warned] == [True]
    assert [p.name for p in multiprocessing.active_children()] == []


def test_content_that_fails_to_load_stops_the_worker_process(
    tmp_path: Path, curated_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = _worker_in(True)
    monkeypatch.setattr(build_module, "RelatedWorker", worker)
    content = curated_content
    (content / "curation" / "themes.yaml").write_text("themes: [\n", encoding="utf-8")
    with pytest.raises(PapersiteError, match=r"themes\.yaml"):
        build_content(content, tmp_path / "site", config_file=CONFIG)
    assert [p.name for p in multiprocessing.active_children()] == []
    assert not (tmp_path / "site").exists()


def test_an_interrupted_build_command_exits_130_in_one_line_and_keeps_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, target, before = _built_once(tmp_path)

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "run_mkdocs", interrupt)
    content = str(tmp_path / "content")
    argv = ["build", "--content", content, "--config", str(CONFIG), "--site-dir", str(target)]
    assert main(argv) == 130
    assert capsys.readouterr().err == "papersite: interrupted\n"
    assert tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def _dead_pid() -> int:
    """The id of a process that has exited."""
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(finished.stdout)


def test_a_killed_build_keeps_the_site_and_the_next_build_clears_its_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import signal
    import time

    _, target, before = _built_once(tmp_path)
    content = str(tmp_path / "content")
    command = [sys.executable, "-m", "papersite", "build", "--content", content]
    command += ["--config", str(CONFIG), "--site-dir", str(target)]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        # Killed once its work folder holds the generated pages, well before the swap.
        while not list(tmp_path.glob(".site.building-*/docs/papers")):
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert tree(target) == before
    [left] = tmp_path.glob(".site.building-*")
    argv = ["build", "--content", content, "--config", str(CONFIG), "--site-dir", str(target)]
    assert main(argv) == 0
    assert f"{left}: removed what a killed build left" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_a_site_a_build_was_killed_while_swapping_is_put_back(tmp_path: Path) -> None:
    import socket

    from papersite.build import OWNER_FILE, recover_killed_builds

    _, target, before = _built_once(tmp_path)
    # Killed between the two renames: the old site is in the work folder and none is in place.
    work = tmp_path / ".site.building-killed"
    work.mkdir()
    (work / OWNER_FILE).write_text(f"{socket.gethostname()} {_dead_pid()}\n")
    target.rename(work / "previous")
    recovered = recover_killed_builds(target)
    assert recovered[0].endswith("put back the site that a killed build had moved aside")
    assert tree(target) == before
    assert not work.exists()


@pytest.mark.parametrize("owner", ["running", "other host", "none"])
def test_work_folders_of_live_or_foreign_builds_are_left_alone(tmp_path: Path, owner: str) -> None:
    import socket

    from papersite.build import OWNER_FILE, recover_killed_builds

    work = tmp_path / ".site.building-other"
    (work / "previous").mkdir(parents=True)
    if owner == "running":
        (work / OWNER_FILE).write_text(f"{socket.gethostname()} {os.getpid()}\n")
    elif owner == "other host":
        (work / OWNER_FILE).write_text(f"not-{socket.gethostname()} {_dead_pid()}\n")
    assert recover_killed_builds(tmp_path / "site") == ()
    assert (work / "previous").is_dir()
    assert not (tmp_path / "site").exists()


def test_a_full_disk_during_a_build_is_one_line_and_keeps_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from papersite.render import SiteWriter

    _, target, before = _built_once(tmp_path)
    real = SiteWriter.write

    def write(self: SiteWriter, relative: str, data: str | bytes) -> None:
        if relative.startswith("papers/"):
            raise OSError(errno.ENOSPC, "No space left on device")  # as write() fails: no file
        real(self, relative, data)

    monkeypatch.setattr(SiteWriter, "write", write)
    content = str(tmp_path / "content")
    argv = ["build", "--content", content, "--config", str(CONFIG), "--site-dir", str(target)]
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        f"{target}: cannot write: No space left on device; the previous site is kept\n"
    )
    assert tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_a_site_dir_whose_folder_cannot_be_written_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tempfile

    # chmod cannot stop root, who runs the tests in CI's container: mkdtemp fails as it would.
    def refused(prefix: str, dir: Path) -> str:
        raise PermissionError(errno.EACCES, "Permission denied", str(dir / f"{prefix}x1y2"))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    content = str(write_content(tmp_path))
    target = tmp_path / "ro" / "site"
    argv = ["build", "--content", content, "--config", str(CONFIG), "--site-dir", str(target)]
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        f"{target.parent}: cannot write: Permission denied; "
        "a build writes the new site there, then renames it to site\n"
    )


@pytest.mark.parametrize("command", ["build", "generate"])
@pytest.mark.parametrize("below", ["", "sub", "sub/site"])
def test_a_site_or_docs_folder_that_is_or_lies_under_a_file_is_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, below: str
) -> None:
    # Told by the machine, it was "a-file: cannot write: File exists; a build writes the new site
    # there, then renames it to sub" (the work folder's), "Not a directory" for generate.
    content = str(write_content(tmp_path))
    (tmp_path / "a-file").write_text("not a folder")
    target = tmp_path / "a-file" / below if below else tmp_path / "a-file"
    out = "--site-dir" if command == "build" else "--out"
    argv = [command, "--content", content, "--config", str(CONFIG), out, str(target)]
    assert main(argv) == 1
    said = f"lies under {tmp_path / 'a-file'}, a file," if below else "is a file,"
    assert capsys.readouterr().err == f"{target}: {said} not a folder\n"
    assert (tmp_path / "a-file").read_text() == "not a folder"


@pytest.mark.parametrize("existing", [True, False], ids=["link-to-a-site", "dangling-link"])
def test_a_site_dir_that_is_a_link_is_built_into_the_folder_it_points_to(
    tmp_path: Path, existing: bool
) -> None:
    site = loaded(tmp_path)
    real = tmp_path / "served" / "site"
    if existing:
        build_site(site, real, config_file=CONFIG)
        (real / "papers.json").unlink()  # back after the build only if the build went there
    link = tmp_path / "www"
    link.symlink_to(real)
    build_site(site, link, config_file=CONFIG)
    assert link.is_symlink() and link.readlink() == real
    assert (real / "papers.json").is_file() and (real / "index.html").is_file()
    # The swap happened beside the real folder, and left nothing behind there or beside the link.
    assert sorted(p.name for p in real.parent.iterdir()) == ["site"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "served", "www"]


LOOP = "symbolic-link loop: following the link never reaches a folder"


@pytest.mark.parametrize("command", ["build", "generate"])
@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("self", LOOP),  # ln -s self self
        ("one", LOOP),  # one -> two -> one
        ("self/site", "lies under self, a symbolic-link loop: following it never reaches a folder"),
    ],
)
def test_an_output_folder_whose_links_loop_is_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    given: str,
    said: str,
) -> None:
    # Path.resolve raised RuntimeError("Symlink loop from ...") in the checks: a traceback.
    content = str(write_content(tmp_path))
    monkeypatch.chdir(tmp_path)
    Path("self").symlink_to("self")
    Path("one").symlink_to("two")
    Path("two").symlink_to("one")
    out = "--site-dir" if command == "build" else "--out"
    argv = [command, "--content", content, "--config", str(CONFIG), out, given]
    assert main(argv) == 1
    assert capsys.readouterr().err == f"{given}: {said}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "one", "self", "two"]


@pytest.mark.parametrize("command", ["build", "generate"])
def test_a_refused_output_folder_is_said_before_the_content_is_read(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    # The refusal came after reading and checking the whole content, and its errors hid it.
    content = write_content(tmp_path)
    (content / "curation").mkdir()
    (content / "curation" / "papers.yaml").write_text("papers: [\n")
    monkeypatch.chdir(tmp_path)
    read: list[str] = []

    def load_content(path: Path, **kwargs: Any) -> Loaded:
        read.append(str(path))
        return content_module.load_content(path, **kwargs)

    monkeypatch.setattr(build_module, "load_content", load_content)
    out = "--site-dir" if command == "build" else "--out"
    argv = [command, "--content", "content", "--config", str(CONFIG), out, "content/new"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    refusal = (
        "refusing to build the site inside the content folder"
        if command == "build"
        else "refusing to write the pages inside the content or the templates: choose a folder "
        "of their own, such as build/docs"
    )
    assert err == f"content/new: {refusal}\n"
    assert read == []


def test_a_build_stopped_by_sigterm_cleans_up_and_says_so(tmp_path: Path) -> None:
    import signal
    import time

    _, target, before = _built_once(tmp_path)
    content = str(tmp_path / "content")
    command = [sys.executable, "-m", "papersite", "build", "--content", content]
    command += ["--config", str(CONFIG), "--site-dir", str(target)]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        # Stopped once its work folder holds the generated pages, well before the swap.
        while not list(tmp_path.glob(".site.building-*/docs/papers")):
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    finally:
        child.kill()
        child.wait()
    assert err == "papersite: terminated\n"
    assert child.returncode == 128 + signal.SIGTERM
    assert tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]
