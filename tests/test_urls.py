from __future__ import annotations

import re

import pytest

from papersite import urls
from papersite.mkdocs_glue import THEME_OVERRIDES
from papersite.render import TEMPLATES


@pytest.mark.parametrize(
    ("url", "file", "root"),
    [
        (urls.HOME, "index.md", ""),
        (urls.TAGS, "tags.md", "../"),
        (urls.paper_url("a-paper"), "papers/a-paper.md", "../../"),
        (urls.list_page_url(urls.UNSORTED, 1), "unsorted.md", "../"),
        (urls.list_page_url(urls.UNSORTED, 3), "unsorted/3.md", "../../"),
        (urls.list_page_url(urls.theme_url("t"), 2), "themes/t/2.md", "../../../"),
    ],
)
def test_a_page_s_address_gives_its_file_and_the_way_back(url: str, file: str, root: str) -> None:
    assert urls.page_file(url) == file
    assert urls.up_to_root(url) == root


def test_templates_take_the_site_s_addresses_from_urls() -> None:
    # A path written after a page's root is an address spelled out of papersite.urls.
    spelled = re.compile(r"\{\{ (?:page\.)?root \}\}[\w/]")
    for template in TEMPLATES.glob("*.j2"):
        assert not spelled.search(template.read_text(encoding="utf-8")), template.name


def test_the_theme_override_names_the_newest_papers_feed_and_the_search_page() -> None:
    # MkDocs renders main.html with its own templates, which cannot reach papersite.urls.
    head = (THEME_OVERRIDES / "main.html").read_text(encoding="utf-8")
    assert f"{{{{ '{urls.NEWEST_FEED}' | url }}}}" in head
    # And the Search page, for papersite.js' search button (twice: the link and the button).
    assert head.count(f"{{{{ '{urls.SEARCH}' | url }}}}") == 2


def test_the_404_page_finds_the_themes_and_the_search_page_where_they_are() -> None:
    # It picks them out of the navigation by address, spelled there as urls spells them.
    page = (THEME_OVERRIDES / "404.html").read_text(encoding="utf-8")
    assert f'item.url.startswith("{urls.THEMES}")' in page
    assert f'item.url == "{urls.SEARCH}"' in page
    # And the papers' folder, for papersite.js to search a missing paper address's id (twice: the
    # Search page's link and Material's).
    assert page.count(f"data-ps-search-address=\"{{{{ '{urls.PAPERS}' | url }}}}\"") == 2


def test_the_way_up_to_a_folder_holding_a_page_climbs_a_folder_a_level() -> None:
    first = urls.theme_url("t")
    for number in (1, 2, 3):
        page = urls.list_page_url(first, number)
        assert urls.up_to_root(page) == urls.up_to(page, first) + urls.up_to_root(first)
    assert urls.up_to(urls.list_page_url(first, 2), first) == "../"
    with pytest.raises(ValueError, match="is not in"):
        urls.up_to(urls.paper_url("p"), first)


@pytest.mark.parametrize(
    ("address", "uri"),
    [
        ("https://example.github.io/papers/", "https://example.github.io/papers/"),
        ("https://bücher.example/lesen/", "https://xn--bcher-kva.example/lesen/"),
        ("https://example.org/café/漢/", "https://example.org/caf%C3%A9/%E6%BC%A2/"),
        # Escapes already there stay as written, not escaped twice.
        ("https://example.org/a%20b/é/", "https://example.org/a%20b/%C3%A9/"),
        ("https://bücher.example:8443/", "https://xn--bcher-kva.example:8443/"),
        # As browsers write them (IDNA 2008): Python's codec (IDNA 2003) wrote strasse.de and
        # xn--4xa.example (σ), other domains.
        ("https://straße.de/", "https://xn--strae-oqa.de/"),
        ("https://ς.example/", "https://xn--3xa.example/"),
        ("https://BÜCHER.example/", "https://xn--bcher-kva.example/"),
    ],
)
def test_site_url_is_written_as_a_uri(address: str, uri: str) -> None:
    assert urls.as_uri(address) == uri


@pytest.mark.parametrize("host", ["é" * 64 + ".example", "☃.net"])
def test_a_host_idna_refuses_is_no_uri(host: str) -> None:
    # mkdocs_glue refuses such a site_url at its line before any address is built on it.
    with pytest.raises(UnicodeError):
        urls.as_uri(f"https://{host}/")
