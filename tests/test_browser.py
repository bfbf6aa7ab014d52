"""The built site in a real browser: Debian's headless Chromium, driven by Playwright.

Playwright's own browser downloads are never used (the machine cannot fetch them): the test
launches /usr/bin/chromium, which .ci/run installs with apt-get. Screenshots land in
build/screenshots/ for a person to look at.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

import pytest
from benchmarks.bench_build import QuietHandler, serving

from papersite.build import build_site
from papersite.catalogue import read_catalogue
from papersite.characters import HIDDEN
from papersite.content import Loaded, load_content
from papersite.curation import CuratedPaper, Curation
from papersite.mkdocs_glue import load_mkdocs_yaml
from papersite.search import (
    PagefindIndexer,
    SearchEntry,
    SearchSettings,
    add_to_material_index,
)

from .conftest import REPO, seeds_only
from .sites import HOSTILE_TAG, config_with, write_content
from .test_serve import preview_running

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "build" / "screenshots"
# The name the sites here are built with: mkdocs.yml's, which a fork changes.
SITE_NAME = load_mkdocs_yaml(REPO / "mkdocs.yml")["site_name"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("needs Debian's chromium: apt-get install chromium", allow_module_level=True)

from playwright.sync_api import (  # noqa: E402
    Browser,
    ConsoleMessage,
    Dialog,
    Page,
    Route,
    expect,
    sync_playwright,
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@contextlib.contextmanager
def page_of(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page that records console errors, uncaught exceptions and dialogs (alert())."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def on_dialog(dialog: Dialog) -> None:
        problems.append(f"dialog: {dialog.message}")  # an alert() ran: data came alive
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.set_default_timeout(15_000)
    try:
        yield page, problems
    finally:
        page.close()


def material_search(page: Page, query: str) -> None:
    """Type a query into Material's search once its index has loaded: one typed before is lost."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material reads the query on keyup, which fill() does not send


@contextlib.contextmanager
def serving_as_published(site: Path) -> Iterator[str]:
    """Serve a built site as GitHub Pages does; yields its address (site_url's path on this host).

    The site lies under site_url's path (/papersite/), and any address it does not have gets
    404.html with status 404, however deep, which is how readers of a stale link meet that page.
    """
    mount = urlsplit(load_mkdocs_yaml(REPO / "mkdocs.yml")["site_url"]).path

    class Published(QuietHandler):
        def translate_path(self, path: str) -> str:
            inside = path.startswith(mount)
            return super().translate_path("/" + path.removeprefix(mount) if inside else "/-/")

        def send_error(self, code: int, *args: Any, **kwargs: Any) -> None:
            if code != 404:
                super().send_error(code, *args, **kwargs)
                return
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serving(site, Published, mount) as base:
        yield base


@contextlib.contextmanager
def search_script(browser: Browser, site: Path) -> Iterator[tuple[Page, list[str]]]:
    """``site``'s Search page, served, once its script is ready (window.papersiteSearch)."""
    with serving(site) as base, page_of(browser) as (page, problems):
        page.goto(base + "search/")
        page.wait_for_function("window.papersiteSearch !== undefined")
        yield page, problems


@functools.cache
def shipped_themes() -> list[tuple[str, str]]:
    """The shipped content's themes, id and title, in the site's order (a fork's own, say)."""
    curation = load_content(REPO / "content").curation
    return [(theme.id, theme.title) for theme in curation.themes]


def first_paper(site: Path) -> str:
    """The id of the built site's paper that comes first by name."""
    return min(path.name for path in (site / "papers").iterdir() if path.is_dir())


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


@seeds_only
def test_home_paper_page_and_material_search_on_the_shipped_site(
    browser: Browser, shipped_site: Path
) -> None:
    papers = json.loads((shipped_site / "papers.json").read_text(encoding="utf-8"))
    paper = next(p for p in papers if p["published"] and p["upvotes"])
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base)
        assert page.title() == SITE_NAME
        assert page.locator("h1").first.inner_text().rstrip("¶") == SITE_NAME
        assert page.locator(".md-nav__link", has_text="Unsorted").first.is_visible()
        shot(page, "home")

        page.goto(base + paper["url"])
        assert page.locator("h1#title").inner_text() == paper["title"]
        assert page.locator(".ps-abstract").inner_text() == paper["abstract"]
        assert page.locator("h2#related-papers + ol li").count() == 5
        shot(page, "paper")

        page.goto(base)
        material_search(page, paper["title"])
        hit = page.locator(".md-search-result__item", has_text=paper["title"]).first
        hit.wait_for(state="visible")
        shot(page, "search")

        # Words of the abstract alone find the paper too, shown under its title. A fresh page, so
        # the title search's results cannot stand in for this one's.
        # Its three rarest long words (across every paper), so that it ranks first for them.
        def words_of(text: str) -> set[str]:
            return set(re.findall(r"\b[a-z]{8,}\b", text.lower()))

        spread = Counter(w for p in papers for w in words_of(p["title"] + " " + p["abstract"]))
        candidates = words_of(paper["abstract"]) - words_of(paper["title"])
        words = sorted(candidates, key=lambda w: (spread[w], w))
        page.goto(base)
        material_search(page, " ".join(words[:3]))
        found = page.locator(".md-search-result__item", has_text=paper["title"]).first
        found.locator("mark", has_text=re.compile(words[0], re.IGNORECASE)).first.wait_for()
        shot(page, "search-abstract")
        assert problems == []


def test_theme_page_and_hostile_text_in_the_browser(browser: Browser, curated_site: Path) -> None:
    title = "<script>alert('title')</script> & Friends"
    with serving(curated_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "themes/efficiency/")
        assert page.locator("h1").first.inner_text().rstrip("¶") == "Efficiency <& friends>"
        assert page.locator("h2#attention").inner_text().startswith("Attention | *gating*")
        entry = page.locator("#paper-script-alert-title-script-friends")
        assert entry.inner_text() == title
        details = page.locator("details.abstract").first
        assert not details.get_attribute("open")
        details.locator("summary").click()
        assert "<img src=x onerror=alert(1)>" in details.inner_text()
        shot(page, "theme")

        page.goto(base + "papers/counting-stars-with-underscores-pipes-hashes/")
        abstract = page.locator(".ps-abstract").inner_text()
        assert "w_{min}ge d_y+1 if d_x<d_y holds; **not bold**, `not code`" in abstract
        shot(page, "paper-hostile")

        page.goto(base + "papers/7-7-jinja-if-true-templates-endif/")
        assert page.locator("h1#title").inner_text() == (
            "{{ 7*7 }} Jinja {% if true %}Templates{% endif %}"
        )

        # Material's results insert titles and tags as HTML: they must show as written.
        page.goto(base)
        material_search(page, "Friends")
        hit = page.locator("a[href*='papers/script-alert-title-script-friends/']").first
        hit.wait_for()
        assert hit.locator("h1, h2").first.inner_text() == title
        assert hit.locator(".md-tag", has_text=HOSTILE_TAG).count() == 1
        assert page.locator(".md-search-result i, .md-search-result script").count() == 0
        shot(page, "search-hostile")
        assert problems == []


# An address the site does not have, as a stale link's: GitHub Pages serves 404.html at it.
MISSING = "papers/a-paper-since-renamed/and/deeper/"
# What Chromium's console says of each, the page itself.
NOT_FOUND = (
    "console: Failed to load resource: the server responded with a status of 404 (Not Found)"
)


def test_a_stale_link_at_any_depth_gets_a_404_page_whose_links_lead_on(
    browser: Browser, shipped_site: Path
) -> None:
    papers = json.loads((shipped_site / "papers.json").read_text(encoding="utf-8"))
    themes = {theme for p in papers for theme in p["themes"]}
    with serving_as_published(shipped_site) as base, page_of(browser) as (page, problems):
        failed: list[str] = []  # the missing address alone: its styles and script load
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        content = page.locator("article.md-content__inner")
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(base + MISSING)
            assert response is not None and response.status == 404
            assert page.title() == f"Page not found - {SITE_NAME}"
            expect(content.locator("h1")).to_have_text("Page not found")
            # Material's styles came from the site root, not from beside the missing address.
            assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") in (
                "sticky",
                "fixed",
            )
            shot(page, f"404-{width}")
        page.set_viewport_size({"width": 1280, "height": 900})

        content.get_by_role("link", name="The home page").click()
        page.wait_for_url(base)
        assert page.title() == SITE_NAME

        page.goto(base + MISSING)
        content.get_by_role("link", name="Search").click()
        expect(page.locator("input.md-search__input")).to_be_focused()  # the dialog is open
        # The paper id's words: the folder after papers/, not the last one ("deeper").
        expect(page.locator("input.md-search__input")).to_have_value("a paper since renamed")

        page.goto(base + MISSING)
        listed = content.locator("h2 + ul a")
        names = listed.all_inner_texts()
        hrefs = [a.get_attribute("href") for a in listed.all()]
        root = urlsplit(base).path
        assert sorted(map(str, hrefs)) == sorted(f"{root}themes/{theme}/" for theme in themes)
        for name, href in zip(names, hrefs, strict=True):
            response = page.goto(base + str(href).removeprefix(root))
            assert response is not None and response.status == 200
            expect(page.locator("h1").first).to_contain_text(name)
        assert set(failed) == {base + MISSING}
        assert problems == [NOT_FOUND] * len(failed), problems


def test_the_404_page_searches_for_the_words_of_a_renamed_paper_s_old_address(
    browser: Browser, shipped_site: Path
) -> None:
    # A paper's id is its title's words: a stale link names the title the paper had.
    papers = json.loads((shipped_site / "papers.json").read_text(encoding="utf-8"))
    paper = next(p for p in papers if p["id"].count("-") >= 4)
    old = paper["id"].rsplit("-", 1)[0] + "-v1"
    with serving_as_published(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(f"{base}papers/{old}/")
        page.locator("article").get_by_role("link", name="Search").click()
        expect(page.locator("input.md-search__input")).to_have_value(old.replace("-", " "))
        first = page.locator(".md-search-result__item").first
        expect(first).to_contain_text(paper["title"])  # the title holds every word but v1
        shot(page, "404-search")
        page.goto(f"{base}themes/efficiency/7/")  # no words: the link opens the dialog, empty
        page.locator("article").get_by_role("link", name="Search").click()
        expect(page.locator("input.md-search__input")).to_be_focused()
        expect(page.locator("input.md-search__input")).to_have_value("")
        assert problems == [NOT_FOUND] * 2, problems


@pytest.fixture(scope="module", params=["material", "pagefind"])
def deployed_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built as the deploy builds it: with a repository on GitHub to link."""
    from benchmarks.bench_build import pagefind_config

    from papersite.cli import main

    root = tmp_path_factory.mktemp(f"deployed-{request.param}")
    config = REPO / "mkdocs.yml" if request.param == "material" else pagefind_config(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PAPERSITE_REPO_URL", "https://github.com/owner/reading")
        site = ["--config", str(config), "--site-dir", str(root / "site")]
        status = main(["build", "--content", str(REPO / "content"), *site])
    assert status == 0
    return root / "site"


def test_a_reader_s_browser_asks_no_other_host_for_anything(
    browser: Browser, deployed_site: Path
) -> None:
    """Privacy, and a site that works offline: every page loads from the site's own host alone.

    Material asked api.github.com about the repository on every page a reader opened (stars,
    forks, latest release) until papersite's copy of partials/source.html stopped it.
    """
    papers = json.loads((deployed_site / "papers.json").read_text(encoding="utf-8"))
    # The paper pages most likely to load something: TeX in the abstract (as math would need
    # MathJax) and a curator's note (whose images and links lead elsewhere).
    with_tex = next((p for p in papers if "$" in p["abstract"] or "\\" in p["abstract"]), papers[0])
    with_note = next((p for p in papers if p.get("note")), papers[-1])
    theme = shipped_themes()[0][0]
    pagefind = (deployed_site / "pagefind").is_dir()
    pages = ["", f"themes/{theme}/", with_tex["url"], with_note["url"], "tags/", "unsorted/"]
    pages += ["about/", MISSING, "search/?q=attention" if pagefind else ""]
    with serving_as_published(deployed_site) as base, page_of(browser) as (page, problems):
        host = urlsplit(base).netloc
        outside: list[str] = []
        page.on(
            "request", lambda r: None if urlsplit(r.url).netloc == host else outside.append(r.url)
        )
        for address in pages:
            page.goto(base + address, wait_until="networkidle")
            expect(page.locator(".md-header .md-source")).to_have_count(1)  # the repository link
        if pagefind:
            expect(page.locator(".ps-search-result").first).to_be_visible()
        else:
            material_search(page, "attention")
            expect(page.locator(".md-search-result__item").first).to_be_visible()
        page.wait_for_load_state("networkidle")
    assert outside == []
    assert problems == [NOT_FOUND], problems


def test_the_404_page_of_a_pagefind_site_links_to_its_search_page(
    browser: Browser, pagefind_site: Path
) -> None:
    with serving_as_published(pagefind_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "papers/gated-attention-for-llms/")
        page.locator("article").get_by_role("link", name="Search").click()
        page.wait_for_url(base + "search/?q=gated+attention+for+llms")
        expect(page.locator("#ps-search-input")).to_have_value("gated attention for llms")
        expect(page.locator(".ps-search-result a").first).to_be_visible()
        # An address naming the page's file, as a local build's are, searches its folder's words.
        page.goto(base + "papers/gated-attention-for-llms/index.html")
        page.locator("article").get_by_role("link", name="Search").click()
        page.wait_for_url(base + "search/?q=gated+attention+for+llms")
        # Deeper in a paper's folder, the paper id's words still: not those of the last folder.
        page.goto(base + "papers/gated-attention-for-llms/figures/old-chart/")
        page.locator("article").get_by_role("link", name="Search").click()
        page.wait_for_url(base + "search/?q=gated+attention+for+llms")
        assert problems == [NOT_FOUND] * 3, problems


def test_the_404_page_of_a_pagefind_site_finds_a_renamed_paper_by_most_of_its_old_words(
    browser: Browser, pagefind_site: Path
) -> None:
    # The old address holds a word no paper holds ("v2") and its title's last word swapped for a
    # word of another paper's title: no paper holds every word, the renamed one holds the most.
    papers = json.loads((pagefind_site / "papers.json").read_text(encoding="utf-8"))
    paper = max(papers, key=lambda p: (p["id"].count("-"), p["id"]))
    own = set(re.findall(r"\w+", f"{paper['title']} {paper['abstract']}".lower()))
    other = next(
        word
        for p in papers
        for word in re.findall(r"[a-z]{6,}", p["title"].lower())
        if not any(w.startswith(word[:4]) for w in own)
    )
    old = "-".join([*paper["id"].split("-")[:-1], other, "v2"])
    with serving_as_published(pagefind_site) as base, page_of(browser) as (page, problems):
        page.goto(f"{base}papers/{old}/")
        page.locator("article").get_by_role("link", name="Search").click()
        expect(page.locator(".ps-search-result a").first).to_have_text(paper["title"])
        expect(page.locator("#ps-search-status")).to_contain_text("No paper holds \u201cv2\u201d: ")
        # A query no paper answers at all still says so.
        assert listed_titles(page, base, "xyzzy v2") == []
        expect(page.locator("#ps-search-status")).to_have_text(
            "No papers match \u201cxyzzy v2\u201d."
        )
        assert problems == [NOT_FOUND], problems


@pytest.mark.parametrize(
    ("query", "widened"),
    [
        ('"mixture of experts"', ["mixture", "experts"]),  # a phrase's common words left out
        ("the of", ["the", "of"]),  # unless nothing else is left
        ("experts", None),  # one word: nothing to leave out
    ],
)
def test_pagefind_search_asks_for_the_words_apart_when_no_paper_holds_them_all(
    browser: Browser, pagefind_site: Path, query: str, widened: list[str] | None
) -> None:
    with search_script(browser, pagefind_site) as (page, problems):
        asked = page.evaluate(
            """async (query) => {
              let asked = null;
              const widen = async (terms) => { asked = terms; return []; };
              await new window.papersiteSearch.Results(query, [], widen).next(10);
              return asked;
            }""",
            query,
        )
        assert asked == widened
        assert problems == []


def test_pagefind_search_names_a_word_no_paper_holds_not_one_only_unlisted_papers_hold(
    browser: Browser, pagefind_site: Path
) -> None:
    # Eleven papers hold "alpha beta", the twelfth "gamma": the ten listed first hold no "gamma",
    # yet a paper read does; no paper holds "delta" (Pagefind backed off to "d" for it).
    with search_script(browser, pagefind_site) as (page, problems):
        found = page.evaluate(
            """async () => {
              const texts = [...Array(11).fill("alpha beta"), "gamma d"];
              const group = {
                raw_content: texts.map((text) => `A. ${text}`).join(" "),
                sub_results: texts.map((text, i) => ({
                  anchor: { id: `p${i}`, location: 3 * i }, title: "A", excerpt: "",
                  weighted_locations: [1, 2].map((n) => ({ location: 3 * i + n, weight: 1 })),
                })),
              };
              const widen = async () => [{ terms: ["alpha", "beta", "gamma", "delta"],
                                           data: async () => group }];
              const query = "alpha beta gamma delta";
              const results = new window.papersiteSearch.Results(query, [], widen);
              const listed = (await results.next(10)).map((paper) => paper.id);
              return { listed, unheld: results.unheld() };
            }"""
        )
        first = sorted(f"p{i}" for i in range(11))[:10]  # equal scores: by id
        assert found == {"listed": first, "unheld": ["delta"]}
        assert problems == []


def test_pagefind_search_asks_for_each_word_at_once_and_orders_groups_alike_however_answered(
    browser: Browser, pagefind_site: Path
) -> None:
    # Pagefind answers the last word first: every search is asked before any answer, and groups
    # found by as many words with equal scores come in the query's order of words.
    with search_script(browser, pagefind_site) as (page, problems):
        found = page.evaluate(
            """async () => {
              let waiting = 0;
              let most = 0;
              const terms = ["alpha", "beta", "gamma"];
              const module = {
                search: (term) => {
                  most = Math.max(most, ++waiting);
                  const wait = 20 * (terms.length - terms.indexOf(term));
                  return new Promise((resolve) => setTimeout(() => {
                    waiting--;
                    const results = [{ id: `only-${term}`, score: 1 }, { id: "all", score: 1 }];
                    resolve({ results });
                  }, wait));
                },
              };
              const groups = await window.papersiteSearch.anyWordGroups(module, terms);
              return { most, groups: groups.map((group) => group.terms.join(" ")) };
            }"""
        )
        assert found == {"most": 3, "groups": ["alpha beta gamma", "alpha", "beta", "gamma"]}
        assert problems == []


@seeds_only
def test_pagefind_excerpts_of_papers_holding_some_words_read_as_pagefind_s_own(
    browser: Browser, shipped_pagefind_site: Path
) -> None:
    # When no paper holds every word, each is asked alone and the excerpts made again for all the
    # words found: for one word, they are Pagefind's own (where each word it marked is the word).
    with search_script(browser, shipped_pagefind_site) as (page, problems):
        found = page.evaluate(
            """async () => {
              const pagefind = await import(new URL("../pagefind/pagefind.js", location.href));
              const differ = [];
              let same = 0;
              for (const term of ["memory", "reasoning", "video"]) {
                const marked = /<mark>([^<]*)<\\/mark>/g;
                const isTerm = (excerpt) => [...excerpt.matchAll(marked)].every((mark) =>
                  mark[1].toLowerCase().split(/[^a-z]+/).some((part) => part.startsWith(term)));
                const own = (await pagefind.search(term)).results.slice(0, 10);
                const groups = await window.papersiteSearch.anyWordGroups(pagefind, [term]);
                for (let g = 0; g < own.length; g++) {
                  const excerpts = {};
                  for (const section of (await own[g].data()).sub_results) {
                    excerpts[section.anchor?.id] = section.excerpt;
                  }
                  for (const section of (await groups[g].data()).sub_results) {
                    const expected = excerpts[section.anchor.id];
                    if (!isTerm(expected)) continue;
                    if (section.excerpt === expected) same++;
                    else differ.push([expected, section.excerpt]);
                  }
                }
              }
              return { same, differ };
            }"""
        )
        assert found["differ"] == []
        assert found["same"] > 20
        assert problems == []


def reindexed(site: Path, root: Path, papers: list[SearchEntry], group_size: int) -> Path:
    """A copy of the Pagefind ``site`` in ``root``, its index made of ``papers`` alone."""
    copy = root / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    settings = SearchSettings(backend="pagefind", group_size=group_size)
    with PagefindIndexer(papers, root, settings) as indexer:
        indexer.finish(copy)
    return copy


@pytest.fixture(scope="module")
def prefix_site(pagefind_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Pagefind site with an index of its own papers, one to a group: twelve hold words
    opening with "arc" ("architecture"), the last alone holds "ARC" whole; another holds "GPT-4"
    and "46%"."""
    papers = [
        SearchEntry(
            f"architecture-{n:02}",
            f"papers/architecture-{n:02}/",
            f"Architecture {n}",
            "Architectures and architecture: an architecture of architectures.",
        )
        for n in range(12)
    ]
    papers.append(
        SearchEntry("scores", "papers/scores/", "Scores", "Models score 46% and GPT-4 scores 75%.")
    )
    papers.append(
        SearchEntry(
            "arc",
            "papers/arc/",
            "Abstract reasoning",
            "We evaluate on the Abstraction and Reasoning Corpus (ARC).",
        )
    )
    return reindexed(pagefind_site, tmp_path_factory.mktemp("prefix"), papers, group_size=1)


def test_pagefind_search_finds_a_short_word_behind_groups_of_longer_words_opening_with_it(
    browser: Browser, prefix_site: Path
) -> None:
    # Asked "arc", Pagefind finds the groups holding "architecture" too, the one holding "ARC"
    # after more than a batch of them: it was taken for Pagefind backing off, and nothing listed.
    with search_script(browser, prefix_site) as (page, problems):
        fragments: list[str] = []
        page.on(
            "request",
            lambda request: fragments.append(request.url) if "/fragment/" in request.url else None,
        )
        # A short word no paper holds, though many hold words opening with it, reads no group.
        assert page.evaluate("window.papersiteSearch.rank('ar', 10)") == []
        assert fragments == []
        found = page.evaluate(
            """async () => {
              const listed = await window.papersiteSearch.rank("ARC", 10);
              const pagefind = await import(new URL("../pagefind/pagefind.js", location.href));
              const groups = (await pagefind.search("arc")).results;
              let place = 0;
              while (!(await groups[place].data()).sub_results.some(
                (section) => section.anchor?.id === "arc")) place++;
              return { listed, place };
            }"""
        )
        assert found["place"] >= 8, found  # behind the first batch of groups
        assert found["listed"] == ["arc"]
        assert problems == []


def test_back_on_the_search_page_lists_as_many_papers_and_scrolls_to_where_the_reader_was(
    browser: Browser, prefix_site: Path
) -> None:
    # Back after opening a paper, the page listed the first ten papers again, at the top: the
    # browser scrolled before they were listed, and one opened after "More results" was gone.
    with serving(prefix_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": 390, "height": 500})
        page.goto(base + "search/?q=architecture")
        results = page.locator(".ps-search-result")
        expect(results).to_have_count(10)
        page.locator("#ps-search-more").click()
        expect(results).to_have_count(12)
        results.last.scroll_into_view_if_needed()
        scrolled = page.evaluate("scrollY")
        assert scrolled > 500
        page.goto(base + "about/")
        page.go_back()
        expect(page.locator("#ps-search-status")).to_have_text(
            "12 papers for \u201carchitecture\u201d, best first."
        )
        expect(results).to_have_count(12)
        page.wait_for_function(f"scrollY === {scrolled}")
        # A query typed since starts at its first papers, at the top.
        page.locator("#ps-search-input").fill("architectures")
        expect(results).to_have_count(10)
        page.goto(base + "about/")
        page.go_back()
        expect(results).to_have_count(10)
        assert page.evaluate("scrollY") == 0
        assert problems == []


def test_pagefind_excerpts_mark_only_the_words_that_stand_for_the_query_s(
    browser: Browser, prefix_site: Path
) -> None:
    # Pagefind finds "46%" for the "4" of "GPT-4", and marked it in its excerpt.
    with serving(prefix_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "search/?q=GPT-4")
        expect(page.locator(".ps-search-result p")).to_have_count(1)
        excerpt = page.locator(".ps-search-result p").inner_html()
        assert re.findall("<mark>([^<]*)</mark>", excerpt) == ["GPT-4"], excerpt
        assert problems == []


@pytest.fixture(scope="module")
def phrase_site(pagefind_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Pagefind site with an index of its own papers, all in one group, four of them holding
    "state space" (in the title, twice in the abstract, hyphenated, plural) and two its words
    otherwise; and "mixture of experts" beside "mixture offers experts"."""
    papers = [
        SearchEntry(id_, f"papers/{id_}/", title, abstract)
        for id_, title, abstract in (
            ("titled", "Structured State Space Models", "We study them."),
            ("twice", "Recurrences", "A state space model is one state space model of many."),
            ("hyphenated", "Scans", "A state-space model, scanned."),
            ("plural", "State Spaces for Sequences", "Sequences, modelled."),
            ("apart", "Space and state", "The state of a space."),
            ("prefix", "Statistical space", "Statistics of a space."),
            ("experts", "Mixture of experts", "Routing tokens."),
            ("offers", "Mixture offers experts", "Routing tokens again."),
        )
    ]
    return reindexed(pagefind_site, tmp_path_factory.mktemp("phrase"), papers, group_size=10)


def test_pagefind_search_lists_every_paper_of_a_group_holding_a_quoted_phrase(
    browser: Browser, phrase_site: Path
) -> None:
    # Pagefind gives only the first place of a phrase in a page, and a group is a page of papers:
    # "state space" listed the first paper holding it alone ("deep neural" 26 of the shipped 41).
    with search_script(browser, phrase_site) as (page, problems):
        listed = page.evaluate("window.papersiteSearch.rank('\"state space\"', 10)")
        assert sorted(listed) == ["hyphenated", "plural", "titled", "twice"], listed
        assert sorted(listed[:2]) == ["plural", "titled"], listed  # the phrase in the title first
        listed = page.evaluate("window.papersiteSearch.rank('\"mixture of experts\"', 10)")
        assert listed == ["experts"], listed
        page.locator("#ps-search-input").fill("\u201cstate space\u201d")  # as phones type it
        expect(page.locator("#ps-search-status")).to_have_text(
            "4 papers for \u201cstate space\u201d, best first."
        )
        excerpts = [p.inner_html() for p in page.locator(".ps-search-result p").all()]
        assert "A <mark>state</mark> <mark>space</mark> model is one <mark>state</mark> " in (
            "".join(excerpts)
        ), excerpts
        assert problems == []


# What papersite leaves out of titles and abstracts as hiding in a word: a query may hold them too.
HIDING = [chr(code) for code in range(0x10000) if HIDDEN.fullmatch(chr(code))]


def test_pagefind_search_reads_a_query_without_the_characters_that_hide_in_a_word(
    browser: Browser, phrase_site: Path
) -> None:
    # A word pasted from a PDF with a soft hyphen ("spa<U+00AD>ce"), or with a zero-width space,
    # was asked as two words, or as one no paper holds.
    with search_script(browser, phrase_site) as (page, problems):
        space = page.evaluate("window.papersiteSearch.rank('space', 10)")
        assert len(space) == 6, space
        for hiding in HIDING:
            listed = page.evaluate("(q) => window.papersiteSearch.rank(q, 10)", f"spa{hiding}ce")
            assert listed == space, (hex(ord(hiding)), listed)
        page.locator("#ps-search-input").fill("\u200bstate\u00ad space\ufeff")
        expect(page.locator("#ps-search-status")).to_have_text(
            "5 papers for \u201cstate space\u201d, best first."
        )
        assert page.evaluate("new URL(location).searchParams.get('q')") == "state space"
        assert problems == []


def test_a_printed_list_shows_its_abstracts_without_a_script_and_lets_them_run_across_pages(
    browser: Browser, shipped_site: Path
) -> None:
    # Material opens closed <details> as printing starts, by script; a page opened from disk or
    # with scripts off printed every paper as a title over a closed "Abstract" box.
    theme = shipped_themes()[0][0]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        with serving(shipped_site) as base:
            page.goto(f"{base}themes/{theme}/")
            abstract = page.locator(".ps-paper details.abstract").first
            assert abstract.get_attribute("open") is None
            expect(abstract.locator("p")).to_be_hidden()  # on the screen, closed
            page.emulate_media(media="print")
            expect(abstract.locator("p")).to_be_visible()
            # Material keeps a box whole on a page: an abstract too long for what a page had left
            # went to the next one, leaving its title behind and a third of the page blank.
            style = "(e, p) => getComputedStyle(e)[p]"
            assert abstract.evaluate(style, "breakInside") == "auto"
            title = page.locator(".ps-paper h3").first
            assert title.evaluate(style, "breakAfter") == "avoid"
    finally:
        context.close()


def test_a_printed_paper_page_leaves_out_its_links_to_its_sections_and_the_copy_button(
    browser: Browser, shipped_site: Path
) -> None:
    # The row of links to the page's sections, shown under the title on a phone's screen, printed
    # above the abstract: on paper they lead nowhere.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": 390, "height": 800})
        paper = first_paper(shipped_site)
        page.goto(f"{base}papers/{paper}/")
        expect(page.locator(".ps-page-contents")).to_be_visible()
        copy = page.locator(".ps-bibtex .md-code__nav button")
        expect(copy).to_be_visible()
        page.emulate_media(media="print")
        expect(page.locator(".ps-page-contents")).to_be_hidden()
        expect(page.locator("#abstract")).to_be_visible()
        # Material's print styles hide its older copy button, not this one: on paper, an icon.
        expect(copy).to_be_hidden()
        expect(page.locator(".ps-bibtex code")).to_be_visible()
        assert problems == []


def test_a_printed_page_keeps_each_section_heading_with_what_it_heads(
    browser: Browser, shipped_site: Path
) -> None:
    # A paper page's "Related papers" or "Links", a theme's section titles, ended a printed page
    # (126 times in the shipped site's 1,594 printed pages in Chromium), what they head on the next.
    theme = shipped_themes()[0][0]
    paper = first_paper(shipped_site)
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        for address in (f"papers/{paper}/", f"themes/{theme}/"):
            page.goto(base + address)
            page.emulate_media(media="print")
            headings = page.locator(".md-typeset h2")
            assert headings.count() >= 2, address
            breaks = headings.evaluate_all("(hs) => hs.map((h) => getComputedStyle(h).breakAfter)")
            assert set(breaks) == {"avoid"}, address
            page.emulate_media(media="screen")
        assert problems == []


def test_a_printed_home_page_keeps_each_theme_s_card_whole(
    browser: Browser, shipped_site: Path
) -> None:
    # The third card printed split: its title and "Start here:" ending the first page.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base)
        page.emulate_media(media="print")
        cards = page.locator(".grid.ps-themes > ul > li")
        assert cards.count() == len(shipped_themes())
        breaks = cards.evaluate_all("(cs) => cs.map((c) => getComputedStyle(c).breakInside)")
        assert set(breaks) == {"avoid"}
        assert problems == []


@seeds_only  # a fork's Tags page may well fill a page
def test_a_short_page_prints_on_one_page(browser: Browser, shipped_site: Path) -> None:
    # Material's body is at least as tall as the window, in print a page: with the space above
    # the content, the Tags page printed a second page, blank.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "tags/")
        printed = page.pdf()
        assert len(re.findall(rb"/Type\s*/Page\b(?!s)", printed)) == 1
        page.emulate_media(media="print")
        # Nor does a margin after the last line: with it, a text that just filled a page printed
        # another, blank.
        margin = "(e) => getComputedStyle(e).marginBottom"
        assert page.locator(".md-content__inner").evaluate(margin) == "0px"
        paper = first_paper(shipped_site)
        page.goto(f"{base}papers/{paper}/")
        assert page.locator(".ps-paper-page > :last-child").evaluate(margin) == "0px"
        assert problems == []


def test_later_pages_of_a_list_mark_its_entry_in_the_navigation(
    browser: Browser, paged_site: Path
) -> None:
    # The site's own entries, not the page's table of contents that Material nests under them.
    active = ".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link--active"
    with serving(paged_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "themes/efficiency/3/")
        assert page.locator("h1").first.inner_text().rstrip("¶").endswith(", page 3")
        expect(page.locator(active)).to_have_count(1)
        assert page.locator(active).inner_text().strip() == "Efficiency <& friends>"
        assert page.locator(active).get_attribute("aria-current") == "page"
        shot(page, "theme-page-3")
        page.goto(base + "unsorted/2/")
        expect(page.locator(active)).to_have_text("Unsorted")
        page.goto(base + "themes/reasoning/")  # a first page: Material marks it, once
        expect(page.locator(active)).to_have_count(1)
        expect(page.locator(active)).to_have_text("Arithmetic reasoning")
        assert problems == []


def test_a_paper_s_tag_leads_to_the_tag_s_page_which_marks_tags_in_the_navigation(
    browser: Browser, shipped_site: Path
) -> None:
    active = ".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link--active"
    papers = json.loads((shipped_site / "papers.json").read_text(encoding="utf-8"))
    paper = next((p for p in papers if p["tags"]), None)
    if paper is None:
        pytest.skip("no paper of the shipped content has a tag")
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + paper["url"])
        # The chip under the title: it led to the Tags page, a list of every tag's papers.
        page.locator("nav.md-tags a.md-tag").first.click()
        page.wait_for_url(re.compile(r"/tags/[a-z0-9-]+/$"))
        expect(page.locator(f"#paper-{paper['id']}")).to_have_count(1)
        expect(page.locator(active)).to_have_text("Tags")
        shot(page, "tag-page")
        page.goto(base + "tags/")
        expect(page.locator(".ps-tag-index li")).to_have_count(
            len({tag for p in papers for tag in p["tags"]})
        )
        shot(page, "tags-page")
        assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_focused_or_hovered_tag_chip_is_readable_in_either_colour_scheme(
    scheme: Literal["light", "dark"], browser: Browser, shipped_site: Path
) -> None:
    # Material fills a focused or hovered chip with the accent colour behind white text: 4.26:1
    # with indigo, under WCAG's 4.5:1, on the one chip a keyboard reader is on.
    papers = json.loads((shipped_site / "papers.json").read_text(encoding="utf-8"))
    paper = next((p for p in papers if p["tags"]), None)
    if paper is None:
        pytest.skip("no paper of the shipped content has a tag")
    chip = "nav.md-tags a.md-tag"
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.emulate_media(color_scheme=scheme)
        page.goto(base + paper["url"])
        page.locator(chip).first.focus()
        transitions_ended(page)  # Material's colour transition, 125 ms
        focused = contrast(page, chip, background=True)
        shot(page, f"tag-chip-focused-{scheme}")
        page.locator(chip).first.blur()
        page.locator(chip).first.hover()
        transitions_ended(page)
        hovered = contrast(page, chip, background=True)
        assert min(focused, hovered) >= 4.5, (focused, hovered)
        assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tab_reaches_the_colour_scheme_toggle_by_the_name_it_shows(
    scheme: Literal["light", "dark"], browser: Browser, shipped_site: Path
) -> None:
    # Material checks neither of the toggle's radio buttons, so Tab went to the first, the light
    # scheme's: on a first dark visit a screen reader heard "Switch to dark mode" on a dark page,
    # and no focus showed, that button's label (the icon) being hidden.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.emulate_media(color_scheme=scheme)
        page.goto(base)
        for _ in range(6):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.md-option')"):
                break
        focused = page.evaluate(
            """() => { const option = document.activeElement, label = option.nextElementSibling;
                return [option.getAttribute("aria-label"), label.title, label.hidden,
                        label.getBoundingClientRect().width > 0]; }"""
        )
        shot(page, f"palette-focused-{scheme}")
        assert focused[0] == focused[1] and focused[2:] == [False, True], focused
        # Checked from the script, not clicked: the page keeps the reader's scheme.
        body = page.evaluate("document.body.dataset.mdColorScheme")
        assert body == {"light": "default", "dark": "slate"}[scheme]
        assert problems == []


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_a_paper_page_s_sections_are_listed_on_every_screen(
    width: int, browser: Browser, shipped_site: Path
) -> None:
    # Material shows a page's contents beside it from 960 px on, and narrower only in the
    # navigation drawer, under the page's entry, which a paper's page lacks: on a phone or a
    # tablet neither a keyboard nor a finger could reach "Cite" but by scrolling.
    papers = json.loads((shipped_site / "papers.json").read_text(encoding="utf-8"))
    paper = max(papers, key=lambda p: bool(p["tags"]))
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(base + paper["url"])
        ours = page.get_by_role("navigation", name="Table of contents").locator("a")
        materials = page.locator(".md-sidebar--secondary .md-nav__link")
        # One list of the sections shows, whichever the width, and takes the Tab key.
        shown = ours if width < 960 else materials
        expect(shown.filter(has_text="Cite")).to_be_visible()
        expect(page.get_by_role("navigation", name="Table of contents")).to_have_count(1)
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim() === 'Cite'"):
                break
        expect(shown.filter(has_text="Cite")).to_be_focused()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile("#cite$"))
        expect(page.locator("h2#cite")).to_be_in_viewport()
        if width < 960:  # each a target a thumb hits, WCAG 2.5.8
            heights = ours.evaluate_all("(links) => links.map(a => a.offsetHeight)")
            assert min(heights) >= 24, heights
        shot(page, f"paper-contents-{width}")
        assert problems == []


@pytest.mark.parametrize("width", [1280, 768])
@seeds_only
def test_a_theme_s_start_here_links_are_targets_a_thumb_hits(
    width: int, browser: Browser, shipped_site: Path
) -> None:
    # The "Start here" box sets its text small (12.8 px): its titles were links 15 px tall, under
    # WCAG 2.5.8's 24 px, kept apart only by their notes, which a pick may lack.
    theme = shipped_themes()[0][0]
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + f"themes/{theme}/")
        links = page.locator(".admonition .ps-list > li > a")
        expect(links.first).to_be_visible()
        heights = links.evaluate_all(
            "(links) => links.flatMap(a => [...a.getClientRects()].map(r => r.height))"
        )
        assert min(heights) >= 24, heights
        shot(page, f"theme-start-here-{width}")
        assert problems == []


@pytest.mark.parametrize("width", [1280, 390])
def test_tab_from_material_s_search_field_goes_to_something_seen(
    width: int, browser: Browser, shipped_site: Path
) -> None:
    # Tab closes Material's search, and the next Tab stop was its results' box (a tabindex for
    # scrolling it), closed with it: nothing, 0 px tall, took the focus; the result links a
    # reader scrolls by are reached with the arrow keys. Likewise back with Shift+Tab.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + f"themes/{shipped_themes()[0][0]}/")
        if width < 1220:  # Material's breakpoint: the field sits behind the header's button
            page.locator("label.md-header__button[for=__search]").click()
        material_search(page, "attention")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        page.keyboard.press("ArrowDown")  # into the results, as Material has it
        expect(page.locator(".md-search-result__link").first).to_be_focused()
        page.keyboard.press("ArrowUp")
        expect(page.locator("input.md-search__input")).to_be_focused()
        seen = (
            "() => { const box = document.activeElement.getBoundingClientRect();"
            " return box.width > 0 && box.height > 0; }"
        )
        page.keyboard.press("Tab")
        transitions_ended(page)
        assert page.evaluate(seen), page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        page.keyboard.press("Shift+Tab")
        transitions_ended(page)
        assert page.evaluate(seen), page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        assert problems == []


def test_pagefind_search_lists_papers_as_text_and_opens_their_pages(
    browser: Browser, pagefind_site: Path
) -> None:
    title = "Pretraining with Hierarchical Memories"
    with serving(pagefind_site) as base, page_of(browser) as (page, problems):
        page.goto(base)  # the home page's field opens the Search page
        page.locator("#ps-home-search").fill("Friends")
        page.locator("#ps-home-search").press("Enter")
        page.wait_for_url("**/search/?q=Friends")
        expect(page.locator("#ps-search-input")).to_have_value("Friends")
        page.locator("#ps-search-input").fill(title)
        hit = page.locator(".ps-search-result a").first
        expect(hit).to_have_text(title)
        assert hit.get_attribute("href") == "/papers/pretraining-with-hierarchical-memories/"
        assert "?q=Pretraining+with" in page.url  # the address repeats the search
        # The excerpt goes on from the title shown above it, with the words found marked.
        excerpt = page.locator(".ps-search-result p").first
        expect(excerpt).to_have_text("Small models fetch memory blocks from a bank.")  # no "…"
        assert excerpt.locator("mark").count() > 0
        shot(page, "search-pagefind")
        hit.click()
        page.wait_for_url("**/papers/pretraining-with-hierarchical-memories/")
        assert page.locator("h1#title").inner_text() == title

        page.goto(base + "search/?q=Friends")
        expect(page.locator(".ps-search-result a").first).to_have_text(
            "<script>alert('title')</script> & Friends"
        )
        assert page.locator(".ps-search-result script").count() == 0

        # Both words are in the one Pagefind page of this small site, but in no one paper: the
        # papers holding one of them are listed, saying so.
        page.locator("#ps-search-input").fill("pretraining friends")
        expect(page.locator("#ps-search-status")).to_have_text(
            "No paper holds every word of \u201cpretraining friends\u201d: 2 papers holding the"
            " most of them, best first."
        )
        expect(page.locator(".ps-search-result a")).to_have_count(2)
        # Each paper listed marks every word of the query it holds, not one word's only.
        page.locator("#ps-search-input").fill("fetch blocks entity")
        expect(page.locator("#ps-search-status")).to_have_text(
            "No paper holds every word of \u201cfetch blocks entity\u201d: 2 papers holding the"
            " most of them, best first."
        )
        expect(page.locator(".ps-search-result a")).to_have_text(
            [title, "<script>alert('title')</script> & Friends"]
        )
        excerpts = page.locator(".ps-search-result p")
        expect(excerpts.nth(0)).to_have_text("Small models fetch memory blocks from a bank.")
        expect(excerpts.nth(0).locator("mark")).to_have_text(["fetch", "blocks"])
        expect(excerpts.nth(1).locator("mark")).to_have_text(["entity"])
        # The word marked, not the period after it: Pagefind's excerpt marks "bank.".
        page.locator("#ps-search-input").fill("bank")
        expect(excerpts.nth(0).locator("mark")).to_have_text(["bank"])
        expect(excerpts.nth(0)).to_have_text("Small models fetch memory blocks from a bank.")
        page.locator("#ps-search-input").fill("hierarchical memories")
        expect(page.locator(".ps-search-result a")).to_have_text([title])
        # One paper, no more: the button is hidden (Material's buttons would show it regardless).
        expect(page.locator("#ps-search-more")).to_be_hidden()
        # Common words are left out of the search: this paper has no "for" (another one has).
        page.locator("#ps-search-input").fill("pretraining for memories")
        expect(page.locator(".ps-search-result a")).to_have_text([title])

        page.locator("#ps-search-input").fill("zebrafishology")
        expect(page.locator("#ps-search-status")).to_have_text(
            "No papers match \u201czebrafishology\u201d."
        )
        expect(page.locator(".ps-search-result")).to_have_count(0)

        # An address with a doubled slash still loads the index and links to this site's pages.
        page.goto(base + "/search/?q=hierarchical+memories")
        hit = page.locator(".ps-search-result a").first
        expect(hit).to_have_text(title)
        assert hit.get_attribute("href") == "/papers/pretraining-with-hierarchical-memories/"
        assert problems == []

        # Opened from the disk, the page says what it needs rather than a browser's error.
        page.goto((pagefind_site / "search" / "index.html").as_uri() + "?q=memories")
        expect(page.locator("#ps-search-status")).to_have_text(
            "Search needs the site served over HTTP, e.g. python3 -m http.server -d site."
        )


def test_pagefind_excerpts_mark_the_words_found_without_the_punctuation_about_them(
    browser: Browser, pagefind_site: Path
) -> None:
    # Pagefind marks a word as the text splits at spaces: 'model.', 'models,' were marked.
    cases = {
        "<mark>model.</mark> a <mark>models,</mark>": "<mark>model</mark>. a <mark>models</mark>,",
        "<mark>(Schr\u00f6dinger)</mark>": "(<mark>Schr\u00f6dinger</mark>)",
        "<mark>na\u00efve,</mark>": "<mark>na\u00efve</mark>,",
        "<mark>nai\u0308ve.</mark>": "<mark>nai\u0308ve</mark>.",  # a combining diaeresis
        "<mark>\u201cstate-space\u201d</mark>": "\u201c<mark>state-space</mark>\u201d",
        "<mark>GPT-4:</mark>": "<mark>GPT-4</mark>:",
        "<mark>\u6a21\u578b\u3002</mark>": "<mark>\u6a21\u578b</mark>\u3002",
        "<mark>&lt;model&gt;</mark>": "&lt;<mark>model</mark>&gt;",  # escaped, as Pagefind's
        "<mark>AT&amp;T.</mark>": "<mark>AT&amp;T</mark>.",
        "<mark>\u2014</mark>": "<mark>\u2014</mark>",  # no word in it: left as it is
    }
    with search_script(browser, pagefind_site) as (page, problems):
        marked = page.evaluate(
            "(excerpts) => excerpts.map(window.papersiteSearch.markWords)", list(cases)
        )
        assert dict(zip(cases, marked, strict=True)) == cases
        assert problems == []


@pytest.mark.parametrize(
    ("query", "title", "marked"),
    [
        # Found by its title alone: the excerpt, the abstract's opening, marks nothing.
        ("hierarchical", "Pretraining with Hierarchical Memories", ["Hierarchical"]),
        (
            "pretraining memory",
            "Pretraining with Hierarchical Memories",
            ["Pretraining", "Memories"],
        ),
        # The title is text: marked, it stays so.
        ("friends", "<script>alert('title')</script> & Friends", ["Friends"]),
    ],
)
def test_pagefind_search_marks_the_words_found_in_a_paper_s_title(
    browser: Browser, pagefind_site: Path, query: str, title: str, marked: list[str]
) -> None:
    with serving(pagefind_site) as base, page_of(browser) as (page, problems):
        page.goto(base + f"search/?q={query}")
        hit = page.locator(".ps-search-result a").first
        expect(hit).to_have_text(title)
        expect(hit.locator("mark")).to_have_text(marked)
        assert page.locator(".ps-search-result script").count() == 0
        shot(page, f"search-title-marked-{query.split()[0]}")
        assert problems == []


# Forty words of an abstract before the query's (an excerpt is thirty).
OPENING = " ".join(f"step{n}" for n in range(40))


@pytest.fixture(scope="module")
def late_word_site(pagefind_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Pagefind site with an index of three papers in one group, the second holding
    "attention" in its title and, forty words into its abstract, "efficiently" and "attention"
    beside text that must stay text; the third "attention" in its title only."""
    papers = [
        SearchEntry("first", "papers/first/", "Recurrent networks", "Gates and cells."),
        SearchEntry(
            "attention-as-an-rnn",
            "papers/attention-as-an-rnn/",
            "Attention as an RNN",
            f"{OPENING} so <script>alert(1)</script> it runs efficiently, unlike attention over"
            " long inputs, " + " ".join(f"tail{n}" for n in range(20)),
        ),
        SearchEntry("title-only", "papers/title-only/", "Attention and memory", OPENING),
    ]
    return reindexed(pagefind_site, tmp_path_factory.mktemp("late"), papers, group_size=3)


@pytest.mark.parametrize(
    ("query", "paper", "marked", "excerpt"),
    [
        # Found in the title and late in the abstract: the excerpt is where the abstract holds
        # the word the title does not, the words of both marked.
        (
            "efficient attention",
            "attention-as-an-rnn",
            ["efficiently", "attention"],
            r"^\u2026 step2\d .* so <script>alert\(1\)</script> it runs efficiently, unlike"
            r" attention .* \u2026$",
        ),
        # Every word in the title: the excerpt is where the abstract holds one.
        ("attention", "attention-as-an-rnn", ["attention"], r"^\u2026 step\d+ .*attention over"),
        # None in the abstract: its opening, as Pagefind gives it.
        ("memory", "title-only", [], r"^step0 step1 .* step2\d \u2026$"),
    ],
)
def test_pagefind_excerpts_show_a_word_found_late_in_the_abstract_of_a_paper_found_by_its_title(
    browser: Browser,
    late_word_site: Path,
    query: str,
    paper: str,
    marked: list[str],
    excerpt: str,
) -> None:
    # Pagefind's excerpt goes where the words found weigh most, which is the title: for
    # "efficient attention", "Attention as an RNN" showed its abstract's opening, marking nothing.
    with serving(late_word_site) as base, page_of(browser) as (page, problems):
        page.goto(base + f"search/?q={query}")
        result = page.locator(".ps-search-result").filter(
            has=page.locator(f"a[href$='papers/{paper}/']")
        )
        shown = result.locator("p")
        expect(shown).to_have_text(re.compile(excerpt))
        expect(shown.locator("mark")).to_have_text(marked)
        assert page.locator(".ps-search-result script").count() == 0
        assert problems == []


@pytest.fixture(scope="module")
def arxiv_site(pagefind_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Pagefind site with an index of five papers, three to a group: two with an arXiv id,
    the third citing the first's in its abstract, bare, the fourth as "arXiv:2312.00752", the
    fifth with an old-style id."""
    papers = [
        SearchEntry(
            "mamba",
            "papers/mamba/",
            "Mamba: Linear-Time Sequence Modeling",
            "Selective state spaces match Transformers in pretraining and downstream evaluation.",
            arxiv="2312.00752",
        ),
        SearchEntry(
            "other",
            "papers/other/",
            "Other models",
            "Another paper of the month.",
            arxiv="2312.01234",
        ),
        SearchEntry("citing", "papers/citing/", "A citing paper", "We build on 2312.00752 here."),
        SearchEntry(
            "prefixed",
            "papers/prefixed/",
            "A paper citing as arXiv asks",
            "Compared with arXiv:2312.00752 on long inputs.",
        ),
        SearchEntry(
            "strings",
            "papers/strings/",
            "Strings on branes",
            "Dualities of branes in the large N limit.",
            arxiv="hep-th/9901001",
        ),
    ]
    return reindexed(pagefind_site, tmp_path_factory.mktemp("arxiv"), papers, group_size=3)


@pytest.mark.parametrize(
    "query",
    [
        "2312.00752",
        "arXiv:2312.00752",
        "https://arxiv.org/abs/2312.00752v2",
        "https://arxiv.org/pdf/2312.00752",
        # Taken as no id before: found nothing, or other papers for "huggingface" and "co".
        "https://arxiv.org/html/2312.00752v2",
        "arxiv.org/abs/2312.00752",
        "https://huggingface.co/papers/2312.00752",
    ],
)
def test_pagefind_search_finds_a_paper_by_its_arxiv_id_as_readers_paste_it(
    browser: Browser, arxiv_site: Path, query: str
) -> None:
    # The id was nowhere in the index: the paper page shows it, the search found nothing.
    with serving(arxiv_site) as base, page_of(browser) as (page, problems):
        titles = listed_titles(page, base, query)
        # The paper first, as by its title; then the abstracts citing the id, bare or as
        # "arXiv:2312.00752" (which Pagefind, finding the paper's id whole, did not find).
        assert titles[0] == "Mamba: Linear-Time Sequence Modeling", titles
        assert sorted(titles[1:]) == ["A citing paper", "A paper citing as arXiv asks"], titles
        excerpts = page.locator(".ps-search-result p")
        # Its excerpt is its abstract, the id in it nowhere, marked or not.
        expect(excerpts.first).to_have_text(
            "Selective state spaces match Transformers in pretraining and downstream evaluation."
        )
        marked = {
            titles[1]: excerpts.nth(1).locator("mark").all_inner_texts(),
            titles[2]: excerpts.nth(2).locator("mark").all_inner_texts(),
        }
        assert marked == {
            "A citing paper": ["2312.00752"],
            "A paper citing as arXiv asks": ["arXiv:2312.00752"],
        }, marked
        assert problems == []


@pytest.mark.parametrize(
    "query",
    [
        "hep-th/9901001",
        "arXiv:hep-th/9901001",
        "https://arxiv.org/abs/hep-th/9901001v1",
        "https://arxiv.org/pdf/hep-th/9901001v2",
    ],
)
def test_pagefind_search_finds_a_paper_by_its_old_style_arxiv_id_as_readers_paste_it(
    browser: Browser, arxiv_site: Path, query: str
) -> None:
    # Its hyphen was split before the address was bared: "https://arxiv.org/abs/hep th/9901001"
    # was no address, and "https", "arxiv", "org" and "abs" were words no paper held.
    with serving(arxiv_site) as base, page_of(browser) as (page, problems):
        assert listed_titles(page, base, query) == ["Strings on branes"]
        expect(page.locator("#ps-search-status")).to_have_text(re.compile(r"^1 paper\b"))
        assert problems == []


def test_pagefind_search_keeps_a_paper_s_arxiv_id_out_of_its_excerpt_and_finds_it_only_whole(
    browser: Browser, arxiv_site: Path
) -> None:
    with serving(arxiv_site) as base, page_of(browser) as (page, problems):
        # The abstract's last word: Pagefind's excerpt ran on into the id after it.
        assert listed_titles(page, base, "evaluation") == ["Mamba: Linear-Time Sequence Modeling"]
        expect(page.locator(".ps-search-result p")).to_have_text(
            "Selective state spaces match Transformers in pretraining and downstream evaluation."
        )
        expect(page.locator(".ps-search-result p mark")).to_have_text(["evaluation"])
        # An id's first part is a number Pagefind finds in every id of its month: the ids are
        # not listed for it, the abstracts holding it are.
        assert sorted(listed_titles(page, base, "2312")) == [
            "A citing paper",
            "A paper citing as arXiv asks",
        ]
        assert problems == []


# Groups as Pagefind hands them over, each with two papers: the first holds the word "alpha", the
# second "beta", and from group ``both`` on, the first holds both. Counts the groups read.
FAKE_GROUPS = """([count, both]) => {
  window.read = 0;
  const groups = [];
  for (let g = 0; g < count; g++) {
    const first = g >= both ? "alpha beta" : "alpha";
    // Each paper a heading (its title, "A." or "B.") and its text, numbered as Pagefind does.
    const second = 1 + first.split(" ").length;
    groups.push({ data: async () => {
      window.read++;
      const at = (text, from) =>
        text.split(" ").map((_, i) => ({ location: from + i, weight: 1, balanced_score: 1 }));
      return {
        raw_content: `A. ${first} B. beta`,
        sub_results: [
          { anchor: { id: `g${g}a`, location: 0 }, title: "A", excerpt: "",
            weighted_locations: at(first, 1) },
          { anchor: { id: `g${g}b`, location: second }, title: "B", excerpt: "",
            weighted_locations: at("beta", second + 1) },
        ],
      };
    } });
  }
  return groups;
}"""


def test_the_search_status_quotes_a_query_once_and_only_its_start_when_long(
    browser: Browser, pagefind_site: Path
) -> None:
    status = "#ps-search-status"
    with serving(pagefind_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "search/")
        field = page.locator("#ps-search-input")
        for typed in ('"hierarchical memories"', "\u201chierarchical memories\u201d"):
            field.fill(typed)
            expect(page.locator(status)).to_have_text(
                "1 paper for \u201chierarchical memories\u201d."
            )
        # Quotes inside the query are its own: kept.
        field.fill('"hierarchical" "memories"')
        expect(page.locator(status)).to_have_text(
            '1 paper for \u201c"hierarchical" "memories"\u201d.'
        )
        # The status line is read out whole at each change: a pasted abstract is shortened.
        long = " ".join(["hierarchical memories"] * 100)
        field.fill(long)
        shortened = re.compile(
            "^1 paper for \u201c(hierarchical memories )+hierarchical\u2026\u201d.$"
        )
        expect(page.locator(status)).to_have_text(shortened)
        assert len(page.locator(status).inner_text()) < 100
        assert problems == []


def test_pagefind_excerpts_say_where_they_cut_the_abstract(
    browser: Browser, shipped_pagefind_site: Path
) -> None:
    papers = json.loads((shipped_pagefind_site / "papers.json").read_text(encoding="utf-8"))
    counts = Counter(
        word
        for p in papers
        for word in set(re.findall(r"[a-z]+", f"{p['title']} {p['abstract']}".lower()))
    )

    def rare_word(where: slice) -> tuple[str, str]:
        """A paper's title, and a word only it holds, among its abstract's words ``where``."""
        return next(
            (p["title"], word)
            for p in papers
            for word in p["abstract"].split()[where]
            if re.fullmatch(r"[a-z]{6,}", word) and counts[word] == 1
        )

    with serving(shipped_pagefind_site) as base, page_of(browser) as (page, problems):
        for where, pattern in (
            (slice(0, 2), r"^[^\u2026]+ \u2026$"),  # the abstract's start, cut short
            (slice(-2, None), r"^\u2026 [^\u2026]+$"),  # from its middle to its end
            (slice(40, 42), r"^\u2026 [^\u2026]+ \u2026$"),
        ):
            title, word = rare_word(where)
            page.goto(f"{base}search/?q={word}")
            expect(page.locator(".ps-search-result a").first).to_have_text(title)
            expect(page.locator(".ps-search-result p").first).to_have_text(re.compile(pattern))
        assert problems == []


def test_without_javascript_the_search_page_links_to_the_pages_listing_every_paper(
    browser: Browser, pagefind_site: Path
) -> None:
    page = browser.new_page(java_script_enabled=False)
    try:
        with serving_as_published(pagefind_site) as base:
            page.goto(base + "search/")
            message = page.locator("article p").filter(has_text="needs JavaScript")
            links = message.get_by_role("link")
            expect(links).to_have_text(["the themes", "Tags", "Unsorted"])
            hrefs = [link.get_attribute("href") or "" for link in links.all()]
            assert not any(href.startswith(("/", "http")) for href in hrefs), hrefs
            for name, address in (
                ("the themes", "#themes"),
                ("Tags", "tags/"),
                ("Unsorted", "unsorted/"),
            ):
                page.goto(base + "search/")
                with page.expect_navigation() as navigation:
                    message.get_by_role("link", name=name).click()
                response = navigation.value
                assert response is not None and response.status == 200, name
                assert page.url == base + address, page.url
            page.goto(base)  # the themes are listed under the home page's heading
            expect(page.locator("h2#themes")).to_be_visible()
    finally:
        page.close()


def test_pagefind_groups_are_read_a_few_at_a_time_for_papers_holding_every_word(
    browser: Browser, pagefind_site: Path
) -> None:
    with search_script(browser, pagefind_site) as (page, problems):
        found = page.evaluate(
            f"""async () => {{
              const groups = ({FAKE_GROUPS})([100, 90]);
              const results = new window.papersiteSearch.Results("alpha beta", groups);
              const none = await results.next(10);
              const readFirst = window.read;
              const later = [];
              while (results.hasMore()) {{ later.push(...await results.next(10)); }}
              return {{ none: none.length, readFirst, readAll: window.read,
                        later: later.map((paper) => paper.id) }};
            }}"""
        )
        # No paper of the first groups holds both words: four batches of eight, then a pause.
        assert found["none"] == 0 and found["readFirst"] == 32
        assert found["readAll"] == 100
        assert found["later"] == [f"g{g}a" for g in range(90, 100)]
        assert problems == []


# One group of papers, each a title ("A.") and one word, as Pagefind hands it over for a query.
ONE_WORD_PAPERS = """(words) => [{ data: async () => ({
  raw_content: words.map((word) => `A. ${word}`).join(" "),
  sub_results: words.map((word, i) => ({
    anchor: { id: word, location: 2 * i }, title: "A", excerpt: "",
    weighted_locations: [{ location: 2 * i + 1, weight: 1, balanced_score: 1 }],
  })),
}) }]"""


@pytest.mark.parametrize(
    ("query", "found", "listed"),
    [
        # Pagefind's stemmer makes these one word; they share fewer than four letters.
        ("copy", ["copies", "copying"], ["copies", "copying"]),
        ("bodies", ["body", "bodies"], ["bodies", "body"]),
        ("cats", ["cat"], ["cat"]),
        # What Pagefind finds for a word it has nothing like: no paper holds the word.
        ("rlhf", ["RL"], []),
        ("xyzzy", ["X"], []),
        # A term shorter than four letters is a word whole, not the opening of one.
        ("C#", ["C", "Convolutional", "Code"], ["C"]),
        ("GPT-4", ["GPT-4", "GPT-4K", "GPT-46%"], ["GPT-4"]),
        ("&amp;", ["Amplifying", "ample"], []),
        ("RL", ["RL", "RLHF"], ["RL"]),
        # Words like a term, found by its stem or a misspelling's opening, stand for it...
        ("efficency", ["efficient", "efficacy"], ["efficacy", "efficient"]),
        ("continuation continual", ["continuous"], ["continuous"]),
        # ...but not a word Pagefind found for another term, which opens more like that one:
        # "statistical" is not "state" (Pagefind finds no "statistical" for "state").
        (
            "state statistical",
            ["state", "statistical", "statistics", "state-statistics"],
            ["state-statistics"],
        ),
        (
            "transformer translation",
            ["translation", "transformers", "Transforming-translations"],
            ["Transforming-translations"],
        ),
    ],
)
def test_pagefind_words_stand_for_the_query_word_by_stem_not_by_first_letters(
    browser: Browser, pagefind_site: Path, query: str, found: list[str], listed: list[str]
) -> None:
    with search_script(browser, pagefind_site) as (page, problems):
        papers = page.evaluate(
            f"""async ([query, words]) => {{
              const results = new window.papersiteSearch.Results(query, ({ONE_WORD_PAPERS})(words));
              return (await results.next(10)).map((paper) => paper.id);
            }}""",
            [query, found],
        )
        assert sorted(papers) == listed
        assert problems == []


@seeds_only
def test_the_search_fields_example_finds_papers(
    browser: Browser, shipped_pagefind_site: Path
) -> None:
    with serving(shipped_pagefind_site) as base, page_of(browser) as (page, problems):
        for field in ("#ps-home-search", "#ps-search-input"):
            page.goto(base if field == "#ps-home-search" else base + "search/")
            placeholder = page.locator(field).get_attribute("placeholder") or ""
            assert placeholder.startswith("e.g. "), placeholder
            page.goto(base + "search/")
            page.locator("#ps-search-input").fill(placeholder.removeprefix("e.g. "))
            expect(page.locator(".ps-search-result").first).to_be_visible()
        assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1440])
def test_the_home_page_s_search_field_has_a_button_that_searches(
    scheme: Literal["light", "dark"], width: int, browser: Browser, pagefind_site: Path
) -> None:
    # The field lists nothing as one types, unlike the Search page's that looks the same: only
    # Enter searched, and nothing said so.
    with serving(pagefind_site) as base, page_of(browser) as (page, problems):
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base)
        field = page.locator("#ps-home-search")
        button = page.get_by_role("search").get_by_role("button", name="Search")
        expect(button).to_be_visible()
        # Beside the field, as tall, inside the page; readable in either scheme.
        box, beside = field.bounding_box(), button.bounding_box()
        assert box and beside
        assert abs(beside["y"] - box["y"]) < 1 and abs(beside["height"] - box["height"]) < 1
        assert box["x"] + box["width"] <= beside["x"] and beside["x"] + beside["width"] <= width
        assert contrast(page, "form.ps-search button", background=True) >= 4.5
        field.fill("hierarchical memories")
        shot(page, f"home-search-{width}-{scheme}")
        # By keyboard: the button is the next Tab stop after the field.
        field.press("Tab")
        expect(button).to_be_focused()
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?q=hierarchical+memories")
        expect(page.locator(".ps-search-result a")).to_have_text(
            ["Pretraining with Hierarchical Memories"]
        )
        page.go_back()
        page.locator("#ps-home-search").fill("Friends")
        button.click()
        page.wait_for_url("**/search/?q=Friends")
        assert problems == []


@pytest.mark.parametrize("width", [375, 768, 1440])
def test_the_home_page_s_theme_cards_leave_no_blank_cell(
    browser: Browser, curated_site: Path, width: int
) -> None:
    # Three themes in two columns left a blank cell beside the third: an odd last card spans
    # the row. The site has two themes; cards are copied to try three and four.
    with serving(curated_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base)
        grid = page.locator(".grid.cards")
        for count in (2, 3, 4, 5):
            cards = page.evaluate(
                """(count) => {
                  const list = document.querySelector(".grid.cards > ul");
                  while (list.children.length > count) list.lastElementChild.remove();
                  while (list.children.length < count) {
                    list.appendChild(list.children[0].cloneNode(true));
                  }
                  return [...list.children].map((card) => {
                    const box = card.getBoundingClientRect();
                    return [Math.round(box.x), Math.round(box.y), Math.round(box.width)];
                  });
                }""",
                count,
            )
            full = grid.bounding_box()
            assert full
            columns = len({x for x, _, _ in cards})
            assert columns == (1 if width < 700 else 2), (count, cards)
            # Every row full: a card alone on its row spans it.
            for _, y, card_width in cards:
                if sum(other_y == y for _, other_y, _ in cards) == 1:
                    assert abs(card_width - full["width"]) <= 1, (count, cards)
            if count == 3:
                shot(page, f"home-themes-{width}")
        assert problems == []


def test_a_pagefind_site_s_header_leads_to_its_search_page_as_material_s_does(
    browser: Browser, pagefind_site: Path, curated_site: Path
) -> None:
    # Material's header has a search button only with its own search.
    with serving(pagefind_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "papers/counting-with-transformers/")
        button = page.locator(".md-header__inner a.ps-search-button")
        expect(button).to_have_count(1)
        expect(button).to_have_accessible_name("Search")
        assert button.get_attribute("href") == "../../search/"
        # Where Material puts its own: after the colour schemes' toggle.
        order = page.locator(".md-header__inner > *").evaluate_all(
            "nodes => nodes.map(n => n.className)"
        )
        assert order.index("md-header__button md-icon ps-search-button") > next(
            i for i, name in enumerate(order) if "md-header__option" in name
        )
        button.click()
        page.wait_for_url("**/search/")
        # Material's keys: "/" to the field on the Search page, and to that page elsewhere. The
        # page opened with the cursor in its field, as it does without a query.
        field = page.locator("#ps-search-input")
        expect(field).to_be_focused()
        field.blur()
        page.locator("body").press("/")
        expect(page.locator("#ps-search-input")).to_be_focused()
        page.keyboard.type("s")  # typed in the field, not a key to search with
        expect(page.locator("#ps-search-input")).to_have_value("s")
        page.goto(base + "about/")
        page.locator("body").press("s")
        page.wait_for_url("**/search/")
        # Opened by the key, its field has the cursor, as Material's search dialog has.
        expect(page.locator("#ps-search-input")).to_be_focused()
        # A radio button focused (Material's colour schemes) takes no text: the keys still search.
        page.goto(base + "about/")
        page.locator("#__palette_0").focus()
        expect(page.locator("#__palette_0")).to_be_focused()
        page.keyboard.press("/")
        page.wait_for_url("**/search/")
        expect(page.locator("#ps-search-input")).to_be_focused()
        # With a query given, the focus stays at the page's top: a screen reader reads the page
        # and a phone shows the results, not its keyboard.
        page.goto(base + "search/?q=attention")
        expect(page.locator(".ps-search-result").first).to_be_visible()
        expect(page.locator("#ps-search-input")).not_to_be_focused()
        # The home page's own field takes the key, on the page: nothing typed after it is lost.
        page.goto(base)
        page.locator("body").press("/")
        expect(page.locator("#ps-home-search")).to_be_focused()
        page.keyboard.type("Efficiency")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?q=Efficiency")
        page.goto(base)
        page.locator("#__palette_0").focus()
        page.keyboard.press("s")
        expect(page.locator("#ps-home-search")).to_be_focused()
        assert problems == []
    with serving(curated_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        expect(page.locator(".ps-search-button")).to_have_count(0)
        expect(page.locator("label.md-header__button[for=__search]")).to_have_count(1)
        page.locator("body").press("/")  # Material's own search dialog, as before
        expect(page.locator(".md-search__input")).to_be_focused()
        assert problems == []


def test_a_key_that_opens_the_search_page_leaves_nothing_on_the_page_it_left(
    browser: Browser, pagefind_site: Path
) -> None:
    # Chromium as readers have it: Playwright turns off its back/forward cache, which on Back
    # restores the page left as it was, its scripts' listeners too.
    cached = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    try:
        with serving(pagefind_site) as base, page_of(cached) as (page, problems):
            field = page.locator("#ps-search-input")
            page.goto(base + "unsorted/")
            page.set_viewport_size({"width": 1280, "height": 400})
            assert page.evaluate("document.documentElement.scrollHeight > innerHeight + 100")
            page.evaluate("window.psLeft = true")
            page.locator("body").press("/")
            page.wait_for_url("**/search/")
            page.go_back(wait_until="commit")  # a page from the cache fires no "load"
            page.wait_for_url("**/unsorted/", wait_until="commit")
            assert page.evaluate("window.psLeft === true")  # the page kept, not loaded again
            # Space scrolls, and what is typed is neither kept nor put in the Search field.
            page.keyboard.press(" ")
            page.wait_for_function("scrollY > 0")
            page.keyboard.type("xyz")
            page.keyboard.press("/")
            page.wait_for_url("**/search/")
            expect(field).to_be_focused()
            expect(field).to_have_value("")
            # A load the reader stopped leaves the page as it was too.
            held: list[Route] = []
            page.route("**/search/", lambda route: held.append(route))
            page.goto(base + "unsorted/")
            page.keyboard.press("/")
            for _ in range(200):
                if held:
                    break
                page.wait_for_timeout(50)
            held[0].abort("aborted")  # as Escape does: no error page, the page stays
            page.unroute("**/search/")
            page.keyboard.press(" ")
            page.wait_for_function("scrollY > 0")
            assert page.url == base + "unsorted/"
            page.keyboard.type("xyz")
            page.locator(".ps-search-button").click()
            page.wait_for_url("**/search/")
            expect(field).to_be_focused()
            expect(field).to_have_value("")
            assert problems == []
    finally:
        cached.close()


@seeds_only
def test_pagefind_search_lists_more_papers_on_request_each_once(
    browser: Browser, shipped_pagefind_site: Path
) -> None:
    papers = json.loads((shipped_pagefind_site / "papers.json").read_text(encoding="utf-8"))
    text = {f"/papers/{p['id']}/": f"{p['title']} {p['abstract']}".lower() for p in papers}
    with serving(shipped_pagefind_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "search/?q=language")
        links = page.locator(".ps-search-result a")
        expect(links).to_have_count(10)
        # The papers listed so far, not a total the page does not know, and how to list more.
        status = page.locator("#ps-search-status")
        more = ", best first; More results lists more."
        expect(status).to_have_text(f"The first 10 papers for \u201clanguage\u201d{more}")
        assert "language" in links.first.inner_text().lower()  # title words rank first
        # By keyboard: the focus goes on to the first paper added, not back to the page's top.
        page.locator("#ps-search-more").focus()
        page.keyboard.press("Enter")
        expect(links).to_have_count(20)
        expect(links.nth(10)).to_be_focused()
        expect(status).to_have_text(f"The first 20 papers for \u201clanguage\u201d{more}")
        hrefs = [link.get_attribute("href") or "" for link in links.all()]
        assert len(set(hrefs)) == 20
        assert all("languag" in text[href] for href in hrefs), hrefs
        shot(page, "search-pagefind-more")
        assert problems == []


def contrast(page: Page, selector: str, background: bool = False) -> float:
    """The WCAG contrast ratio of an element's text colour to the page's background.

    With ``background``, to the element's own (a button's, say).
    """
    colours = page.evaluate(
        """([selector, own]) => [
          getComputedStyle(document.querySelector(selector)).color,
          getComputedStyle(own ? document.querySelector(selector) : document.body).backgroundColor,
        ]""",
        [selector, background],
    )

    def luminance(colour: str) -> float:
        red, green, blue = (float(x) / 255 for x in re.findall(r"[\d.]+", colour)[:3])
        linear = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted(map(luminance, colours), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@seeds_only
def test_more_results_is_readable_in_either_colour_scheme(
    scheme: Literal["light", "dark"], browser: Browser, shipped_pagefind_site: Path
) -> None:
    with serving(shipped_pagefind_site) as base, page_of(browser) as (page, problems):
        page.emulate_media(color_scheme=scheme)
        page.goto(base + "search/?q=language")
        expect(page.locator("#ps-search-more")).to_be_visible()
        assert contrast(page, "#ps-search-more") >= 4.5  # WCAG AA for text
        page.locator("#ps-search-more").scroll_into_view_if_needed()
        shot(page, f"search-pagefind-more-{scheme}")
        assert problems == []


def listed_titles(page: Page, base: str, query: str) -> list[str]:
    """The titles the Search page lists for ``query``, once it says what it found."""
    page.goto(base + f"search/?q={query}")
    expect(page.locator("#ps-search-status")).not_to_have_text(re.compile(r"^(Searching.*)?$"))
    return [link.inner_text() for link in page.locator(".ps-search-result a").all()]


@seeds_only
def test_pagefind_search_ranks_papers_by_the_query_words_their_titles_hold(
    browser: Browser, shipped_pagefind_site: Path
) -> None:
    with serving(shipped_pagefind_site) as base, page_of(browser) as (page, problems):
        # Both words in the title first: a title that repeats one word ("HiP Attention: Sparse
        # ... Attention with Hierarchical Attention Pruning") came first before.
        titles = [t.lower() for t in listed_titles(page, base, "linear attention")]
        held = [("linear" in title) + ("attention" in title) for title in titles]
        assert len(titles) == 10 and held[0] == 2 and held == sorted(held, reverse=True), titles

        # The word spelt out before words that share only its stem ("Multiple"), a hyphenated
        # title word ("Multiplication-Free") included.
        titles = [t.lower() for t in listed_titles(page, base, "multiplication")]
        held = [("multiplication" in title) + ("multipl" in title) for title in titles]
        assert held[:3] == [2, 2, 2] and held == sorted(held, reverse=True), titles

        # A tie between titles holding the same words goes to the title the query fills most.
        titles = listed_titles(page, base, "Continual learning with hypernetworks")
        assert titles[0] == "Continual learning with hypernetworks", titles
        assert problems == []


@seeds_only
def test_pagefind_search_takes_hyphenated_words_and_quoted_phrases_as_readers_write_them(
    browser: Browser, shipped_pagefind_site: Path
) -> None:
    with serving(shipped_pagefind_site) as base, page_of(browser) as (page, problems):
        # A hyphenated query finds what its words find ("mixture-of-experts" found one paper), and
        # only that: asked whole, Pagefind backs off to "sparse" for "sparse-memory".
        for hyphenated, apart in (
            ("mixture-of-experts", "mixture of experts"),
            ("sparse-memory", "sparse memory"),
        ):
            listed = listed_titles(page, base, apart)
            assert len(listed) >= 4
            assert listed_titles(page, base, hyphenated) == listed

        # A quoted phrase: Pagefind finds it word for word, common words included, and the papers
        # with the phrase in their title come first (Pagefind may place it in the abstract only).
        for quoted in ('"linear attention"', "\u201clinear attention\u201d"):  # as phones type it
            titles = [t.lower() for t in listed_titles(page, base, quoted)]
            assert len(titles) == 10, (quoted, titles)
            assert all("linear attention" in title for title in titles[:3]), (quoted, titles)
        # "Mixtures of Experts" too, which Pagefind's one place of the phrase in a group missed.
        titles = listed_titles(page, base, '"mixture of experts"')
        assert titles and re.search("Mixtures? of Experts", titles[0]), titles
        assert "MoEfication: Transformer Feed-forward Layers are Mixtures of Experts" in titles
        assert problems == []


@seeds_only
@pytest.mark.parametrize(
    ("query", "near"),
    [
        # Pagefind stems a word and finds what opens like it: "continual", "efficient", "memorize".
        ("continuation", "continuation"),
        ("efficency", "efficency"),
        ("memorable", "memorable"),
        ("continuation learning", "continuation"),
        # The word itself, with an English ending, or as typed so far: not words like it.
        ("model", ""),
        ("models", ""),
        ("efficiency", ""),
        ("multipl", ""),
    ],
)
def test_pagefind_search_says_when_papers_hold_only_words_like_the_query_s(
    browser: Browser, shipped_pagefind_site: Path, query: str, near: str
) -> None:
    with serving(shipped_pagefind_site) as base, page_of(browser) as (page, problems):
        assert len(listed_titles(page, base, query)) == 10
        said = (
            f"No paper holds \u201c{near}\u201d: the first 10 papers with words like it"
            if near
            else f"The first 10 papers for \u201c{query}\u201d"
        )
        expect(page.locator("#ps-search-status")).to_have_text(
            f"{said}, best first; More results lists more."
        )
        assert problems == []


@seeds_only
@pytest.mark.parametrize("query", ["sudoku", "hypernetworks"])
def test_pagefind_search_says_how_many_papers_once_it_lists_them_all(
    browser: Browser, shipped_pagefind_site: Path, query: str
) -> None:
    # Each message listing several papers says their order, listed in full or not; one paper has
    # no order to tell.
    with serving(shipped_pagefind_site) as base, page_of(browser) as (page, problems):
        listed = len(listed_titles(page, base, query))
        expect(page.locator("#ps-search-more")).to_be_hidden()
        said = f"{listed} papers for \u201c{query}\u201d, best first."
        if listed == 1:
            said = f"1 paper for \u201c{query}\u201d."
        expect(page.locator("#ps-search-status")).to_have_text(said)
        assert (query == "sudoku") == (listed == 1), listed
        assert problems == []


@pytest.mark.parametrize("word", ["xyzzy", "atention", "RLHF"])
def test_pagefind_search_lists_nothing_for_a_word_no_paper_holds(
    browser: Browser, shipped_pagefind_site: Path, word: str
) -> None:
    # Pagefind backs off to the word's first letters ("X", "at", "RL"): the papers holding those
    # are not listed.
    with serving(shipped_pagefind_site) as base, page_of(browser) as (page, problems):
        assert listed_titles(page, base, word) == []
        expect(page.locator("#ps-search-status")).to_have_text(
            f"No papers match \u201c{word}\u201d."
        )
        assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_entry_a_paper_page_links_to_is_marked_without_losing_contrast(
    scheme: Literal["light", "dark"], browser: Browser, shipped_site: Path
) -> None:
    # A tinted background took the entry's link to 4.17:1 in the dark scheme, the one entry the
    # reader was sent to: an outline marks it instead.
    papers = json.loads((shipped_site / "papers.json").read_text(encoding="utf-8"))
    unsorted = next(p["id"] for p in papers if not p["themes"])
    theme = next(t for p in papers for t in p["themes"])
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.emulate_media(color_scheme=scheme)
        for address in (f"unsorted/#paper-{unsorted}", f"themes/{theme}/"):
            page.goto(base + address)
            entry = page.locator(":target").first if "#" in address else None
            if entry is None:  # a theme page's paper heading, reached by its anchor
                heading = page.locator(".ps-paper h3").first
                page.goto(base + address + "#" + (heading.get_attribute("id") or ""))
                entry = page.locator(":target").first
            expect(entry).to_be_visible()
            style = entry.evaluate(
                "(e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).outlineStyle]"
            )
            assert style == ["rgba(0, 0, 0, 0)", "solid"], (address, style)
            link = "#" + (entry.get_attribute("id") or "") + " a"
            assert contrast(page, link) >= 4.5
        shot(page, f"target-{scheme}")
        assert problems == []


@seeds_only
def test_material_search_results_show_a_few_lines_of_each_abstract(
    browser: Browser, shipped_site: Path
) -> None:
    # Each result showed its whole abstract: on a phone, one result filled the screen.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": 375, "height": 812})
        page.goto(base)
        page.locator("label.md-header__button[for=__search]").click()
        material_search(page, "KV cache")
        text = page.locator(".md-search-result__article > p").first
        expect(text).to_be_visible()
        lines = text.evaluate(
            "(e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)"
        )
        assert lines <= 4.1, lines
        # Clipped on the screen only: the words matched past the fourth line are still there.
        assert len(text.inner_text()) > 400
        shot(page, "search-material-phone")
        assert problems == []


@seeds_only
def test_material_search_shows_where_an_abstract_clipped_to_four_lines_holds_the_query(
    browser: Browser, shipped_site: Path
) -> None:
    # "Efficiently Modeling Long Sequences with Structured State Spaces", second for "efficient
    # attention", showed its abstract's first four lines, "efficiently" (its fourth sentence)
    # hidden below them: nothing said why it was listed but its title.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        material_search(page, "efficient attention")
        # The abstracts, not the "Missing:" line Material writes under some.
        texts = page.locator(".md-search-result__article > p:not(.md-search-result__terms)")
        expect(texts.nth(5)).to_be_visible()
        seen = texts.evaluate_all(
            """(texts) => texts.map((text) => {
              const mark = text.querySelector("mark");
              return {
                start: text.textContent.slice(0, 2),
                seen: !mark || mark.getBoundingClientRect().bottom
                  <= text.getBoundingClientRect().bottom,
                tags: [...text.children].map((child) => child.tagName),
              };
            })"""
        )
        assert all(text["seen"] for text in seen), seen
        assert {tag for text in seen for tag in text["tags"]} <= {"MARK"}  # moved as text
        assert sum(text["start"] == "\u2026 " for text in seen) >= 2, seen  # cut where it was
        assert problems == []


# Counts, per abstract of Material's results, how often a script measures it.
COUNT_MEASURES = """(() => {
  const measure = Element.prototype.getBoundingClientRect;
  window.measures = new Map();
  Element.prototype.getBoundingClientRect = function () {
    if (this.matches(".md-search-result__article > p")) {
      window.measures.set(this, (window.measures.get(this) || 0) + 1);
    }
    return measure.call(this);
  };
})();"""


def test_material_search_measures_each_abstract_once_however_many_results_come(
    browser: Browser, shipped_site: Path
) -> None:
    # Each change to the result list measured every abstract listed so far that was not cut
    # (forcing layout for each), the changes papersite.js makes included: Material adds results
    # as the reader scrolls, so the first were measured again with every batch.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.add_init_script(COUNT_MEASURES)
        page.goto(base + "about/")
        material_search(page, "efficient attention")
        items = page.locator(".md-search-result__item")
        expect(items.nth(5)).to_be_visible()
        page.locator(".md-search__scrollwrap").evaluate("(e) => e.scrollTo(0, e.scrollHeight)")
        expect(items.nth(10)).to_be_attached()  # a second batch
        counts = page.evaluate("[...window.measures.values()]")
        assert len(counts) >= 10 and max(counts) == 1, counts
        assert problems == []


def test_the_about_page_s_fields_read_on_a_narrow_phone(
    browser: Browser, shipped_site: Path
) -> None:
    # Three columns left "meaning" 80 px wide, a word a line, cut off at 320 px.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": 320, "height": 700})
        page.goto(base + "about/")
        table = page.locator(".ps-fields table")
        table.scroll_into_view_if_needed()
        overflow = table.evaluate("(t) => t.scrollWidth - t.clientWidth")
        meaning = page.locator(".ps-fields td:last-child").first.bounding_box()
        assert overflow <= 0 and meaning is not None and meaning["width"] >= 240, (
            overflow,
            meaning,
        )
        shot(page, "about-fields-phone")
        assert problems == []


@seeds_only
def test_the_citation_s_copy_button_hides_none_of_it_on_a_phone(
    browser: Browser, shipped_site: Path
) -> None:
    # The citation wraps on a narrow screen; its first line ran under the copy button.
    paper = "papers/a-survey-of-quantization-methods-for-efficient-neural-network-inference/"
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(base + paper)
        citation = page.locator("pre.ps-bibtex")
        citation.scroll_into_view_if_needed()
        button = citation.locator(".md-code__button")
        button.wait_for()
        overlaps = citation.evaluate(
            """(pre) => {
                const button = pre.querySelector(".md-code__button").getBoundingClientRect();
                const range = document.createRange();
                range.selectNodeContents(pre.querySelector("code"));
                return [...range.getClientRects()].filter((r) => r.width > 0
                    && r.left < button.right && r.right > button.left
                    && r.top < button.bottom && r.bottom > button.top).length;
            }"""
        )
        shot(page, "paper-citation-phone")
        assert overlaps == 0
        assert problems == []


def transitions_ended(page: Page) -> None:
    """Wait until the page's transitions and finite animations have ended (colours read then)."""
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running'"
        " || a.effect.getComputedTiming().endTime === Infinity)"
    )


def axe_violations(page: Page) -> list[str]:
    """axe-core's findings on the page as it stands, one line each: rule, impact, first element."""
    from axe_playwright_python.sync_playwright import Axe

    # Once transitions end: colour-contrast reads the colours as computed at that moment, and
    # failed once on Material's search field at a phone's width, most likely caught fading in.
    transitions_ended(page)
    results = Axe().run(page).response
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['nodes'][0]['target']} - {v['help']}"
        for v in results["violations"]
    ]


# Every kind of page a reader meets, with a theme's, a tag's and a paper's below; the last,
# missing, gets 404.html.
READER_PAGES = ("", "tags/", "unsorted/", "about/", MISSING)


def tag_page(site: Path) -> tuple[str, ...]:
    """The first tag's page, as the Tags page links to it; none while no paper has a tag."""
    tags = (site / "tags/index.html").read_text(encoding="utf-8")
    found = re.search(r'class="md-tag" href="\.\./(tags/[^"]+/)"', tags)
    return (found.group(1),) if found else ()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_every_kind_of_page_passes_axe_core_s_accessibility_rules(
    scheme: Literal["light", "dark"], width: int, browser: Browser, shipped_site: Path
) -> None:
    # Found this way: links told from text by colour alone, the footer line under 4.5:1 in the
    # light scheme, Material's search dialog without a name.
    papers = json.loads((shipped_site / "papers.json").read_text(encoding="utf-8"))
    # A paper in a theme with a curator's note, where the content has one (a fork's may not yet).
    paper = max(papers, key=lambda p: (bool(p["themes"]), bool(p["note"])))
    found = {}
    with serving_as_published(shipped_site) as base, page_of(browser) as (page, problems):
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size({"width": width, "height": 900})
        theme = f"themes/{paper['themes'][0]}/"
        for address in (*READER_PAGES, theme, *tag_page(shipped_site), paper["url"]):
            page.goto(base + address)
            found[address] = axe_violations(page)
        # Material's search, open and showing papers.
        page.goto(base)
        if width < 1220:  # Material's breakpoint: the field sits behind the header's button
            page.locator("label.md-header__button[for=__search]").click()
        material_search(page, "attention")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        found["search"] = axe_violations(page)
        shot(page, f"axe-search-{scheme}-{width}")
        assert problems == [NOT_FOUND], problems  # the missing address's own status
    failing = [f"{address or 'home'}: {v}" for address, vs in found.items() for v in vs]
    assert not failing, "\n".join(failing)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pagefind_search_page_passes_axe_core_s_accessibility_rules(
    scheme: Literal["light", "dark"], browser: Browser, shipped_pagefind_site: Path
) -> None:
    with serving(shipped_pagefind_site) as base, page_of(browser) as (page, problems):
        page.emulate_media(color_scheme=scheme)
        page.goto(base)
        home = axe_violations(page)
        page.goto(base + "search/?q=attention")
        page.locator(".ps-search-result").first.wait_for(state="visible")
        assert (home, axe_violations(page)) == ([], [])
        assert problems == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_pages_of_a_long_list_pass_axe_core_and_their_pagers_name_the_current_page(
    width: int, browser: Browser, paged_site: Path
) -> None:
    # Two pagers a page, each a landmark: named apart, the current page marked in each.
    found = {}
    with serving(paged_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": width, "height": 900})
        for address in ("themes/efficiency/2/", "unsorted/2/"):
            page.goto(base + address)
            pagers = page.get_by_role("navigation", name=re.compile("^Pages of "))
            expect(pagers).to_have_count(2)
            for pager in pagers.all():
                expect(pager.locator('[aria-current="page"]')).to_have_text("2")
            found[address] = axe_violations(page)
            shot(page, f"list-page-2-{address.split('/')[0]}-{width}")
        assert problems == []
    assert found == {"themes/efficiency/2/": [], "unsorted/2/": []}


# The lines an element's boxes sit on, each its top rounded: a link whose text wraps has two.
LINES = "e => [...e.getClientRects()].map(r => Math.round(r.top))"


@pytest.mark.parametrize("width", [1280, 390, 360])
def test_a_long_list_s_pager_and_sections_wrap_in_one_piece_on_a_phone(
    width: int, browser: Browser, paged_site: Path
) -> None:
    # On a phone "Next →" wrapped alone onto a line of its own, and a section's "pages 1–2" broke
    # after the dash; at 1280 px the sections stayed in one column, two of 18rem not fitting.
    with serving(paged_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + "themes/efficiency/2/")
        pager = page.locator("nav.ps-pager").first
        (of,) = pager.locator(".ps-pager-of").evaluate(LINES)
        links = [link.evaluate(LINES) for link in pager.locator("a").all()]
        assert all(len(lines) == 1 for lines in links), links
        # The arrows on the line of the page beside them; on a phone (under 45em, Material's
        # breakpoint), below "Page N of M".
        assert links[0] == links[1] and links[-2] == links[-1], links
        assert (of < links[0][0]) == (width < 720), (of, links)
        sections = page.locator("ul.ps-sections > li")
        assert sections.count() > 1
        lefts = {
            li.evaluate("e => Math.round(e.getBoundingClientRect().left)") for li in sections.all()
        }
        assert len(lefts) == (2 if width == 1280 else 1), lefts
        for meta in page.locator("ul.ps-sections .ps-meta").all():
            assert len(meta.evaluate(LINES)) == 1, meta.inner_text()
        shot(page, f"list-pager-{width}")
        assert problems == []


@pytest.fixture(scope="module")
def unsorted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture site with every paper unsorted, one a page.

    Its undated papers' pages make one entry of "Pages by date": "Pages 8–9".
    """
    root = tmp_path_factory.mktemp("unsorted")
    catalogue = read_catalogue(write_content(root))
    curation = Curation((), tuple(CuratedPaper(paper) for paper in catalogue.papers))
    config = config_with(root, REPO / "mkdocs.yml", "unsorted_page_size", "1")
    build_site(Loaded(catalogue, curation, ()), root / "site", config_file=config)
    return root / "site"


# The text of an element that sits on more than one line, for each such element ``selector`` names.
BROKEN = """selector => [...document.querySelectorAll(selector)]
  .filter(e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size > 1)
  .map(e => e.textContent)"""


PAST_EDGE = """selector => [...document.querySelectorAll(selector)]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
  .map(e => e.textContent)"""


def test_unsorted_s_pages_by_date_keep_each_span_of_pages_whole_with_large_text_on_a_phone(
    browser: Browser, unsorted_site: Path
) -> None:
    # With a phone's text made larger (at 300% on 390 px) "Pages 8–9" broke after its dash: "9"
    # went alone onto the next line. Phones from 280 px, text from Material's size to thrice it.
    broken: dict[tuple[int, int], list[str]] = {}
    with serving(unsorted_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "unsorted/2/")
        labels = page.locator("ul.ps-contents > li > :first-child").all_inner_texts()
        assert any("–" in label for label in labels), labels  # a span of pages: "Pages 8–9"
        for percent in range(100, 301, 25):
            # Material sets the root's font size to 125%; a reader's setting scales it.
            page.evaluate(f"document.documentElement.style.fontSize = '{1.25 * percent}%'")
            for width in (280, 320, 360, 390):
                page.set_viewport_size({"width": width, "height": 900})
                found = page.evaluate(BROKEN, "ul.ps-contents > li > :first-child .ps-keep")
                # Nor, kept whole, does a label run past the screen's edge.
                found += page.evaluate(PAST_EDGE, "ul.ps-contents > li > :first-child")
                if found:
                    broken[percent, width] = found
        shot(page, "unsorted-pages-by-date-large-text")
        assert problems == []
    assert broken == {}


@seeds_only
def test_each_abstract_s_button_names_its_paper_to_a_screen_reader(
    browser: Browser, shipped_site: Path
) -> None:
    # The Efficiency page had 86 buttons all read "Abstract, collapsed".
    theme, _ = shipped_themes()[0]
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + f"themes/{theme}/")
        papers = page.locator("article.ps-paper")
        assert papers.count() > 1
        for i in range(papers.count()):
            title = papers.nth(i).locator("h3").inner_text().rstrip("¶")
            summary = papers.nth(i).locator("details.abstract > summary")
            expect(summary).to_have_accessible_name(f"Abstract of {title}")
            # On the screen, and copied, it still reads "Abstract", under its title: hidden words
            # were copied run together ("Abstractof ...").
            assert summary.inner_text() == "Abstract"
        page.locator("details.abstract").first.scroll_into_view_if_needed()
        shot(page, "theme-abstract-names")
        assert problems == []


def test_the_about_page_s_feed_and_bibtex_links_say_what_they_are(
    browser: Browser, shipped_site: Path
) -> None:
    # A theme's feed and its BibTeX were both read "Efficiency", as the theme page's link is.
    theme, title = shipped_themes()[0]
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        data = page.locator("h2#data ~ ul").first
        feed = data.get_by_role("link", name=f"{title} (Atom feed)", exact=True)
        bibtex = data.get_by_role("link", name=f"{title} (BibTeX)", exact=True)
        assert (feed.get_attribute("href"), bibtex.get_attribute("href")) == (
            f"../feeds/{theme}.xml",
            f"../bibtex/{theme}.bib",
        )
        # Shown and copied as before, the theme's name: the words in front say what they are.
        assert (feed.inner_text(), bibtex.inner_text()) == (title, title)
        # Nor do search results show words the page does not.
        index = (shipped_site / "search" / "search_index.json").read_text(encoding="utf-8")
        assert "(Atom feed)" not in index
        expect(page.get_by_role("link", name=title, exact=True)).to_have_count(1)
        data.scroll_into_view_if_needed()
        shot(page, "about-data-links")
        assert problems == []


@seeds_only
@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("BRNN", "A Critical Review of Recurrent Neural Networks"),  # "bidirectional RNN (BRNN)"
        ("2024", "Unlocking State-Tracking in Linear RNNs"),  # "Sarrof et al. (2024)"
        ("TransNormerLLM", "Gated Linear Attention Transformers"),  # one word, not three
    ],
)
def test_material_search_finds_words_in_brackets_and_quotes(
    browser: Browser, shipped_site: Path, query: str, title: str
) -> None:
    # Material split words only at spaces and hyphens: "(BRNN)" was no "BRNN".
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        material_search(page, query)
        titles = page.locator(".md-search-result__item > a h1")
        expect(titles.first).to_contain_text(title)
        assert titles.count() <= 2, titles.all_text_contents()
        assert problems == []


@seeds_only
@pytest.mark.parametrize(
    ("query", "most"),
    [
        ("e.g.", 60),  # 55 papers hold it
        ("U.S.", 1),  # one does
        ("GPT-3.5", 40),  # 32 hold "GPT" and "3.5"
    ],
)
def test_material_search_keeps_dotted_words_whole(
    browser: Browser, shipped_site: Path, query: str, most: int
) -> None:
    # Split at its dots, "e.g." was "e" and "g", words Material finds by their start: both found
    # 482 of the 506 pages, "U.S." 483.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        material_search(page, query)
        status = page.get_by_role("status")
        expect(status).to_have_text(re.compile(r"^\d+ matching documents?$"))
        found = int((status.text_content() or "").split()[0])
        assert 1 <= found <= most, (query, found)
        assert problems == []


@seeds_only
@pytest.mark.parametrize("query", ["csv", "json"])
def test_material_search_splits_file_names_at_their_dots(
    browser: Browser, shipped_site: Path, query: str
) -> None:
    # Kept whole, "papers.csv" was no "csv": About's section on the data files went unfound.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        material_search(page, query)
        fields = page.locator(f".md-search-result__link[href$='about/?h={query}#fields']")
        expect(fields).to_have_count(1)
        expect(fields).to_contain_text("Fields of papers.json and papers.csv")
        assert problems == []


@pytest.mark.parametrize(
    "query",
    [
        "2505.06708",
        "arXiv:2505.06708",
        "https://arxiv.org/abs/2505.06708v3",
        "arxiv:2505.06708v1",
        # Taken as no id before: "co" found another paper first.
        "https://arxiv.org/html/2505.06708v3",
        "www.arxiv.org/abs/2505.06708",
        "https://huggingface.co/papers/2505.06708",
    ],
)
def test_material_search_finds_a_paper_by_its_arxiv_id_as_readers_paste_it(
    browser: Browser, curated_site: Path, query: str
) -> None:
    # The id was in no field of the index, and "2505.06708v3" is no "2505.06708" to lunr.
    with serving(curated_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        material_search(page, query)
        expect(page.get_by_role("status")).to_have_text("1 matching document")
        result = page.locator(".md-search-result__item > a").first
        expect(result).to_have_attribute(
            "href", re.compile(r"papers/gated-attention-for-large-language-models/")
        )
        # Its abstract as it was: the id shows nowhere in a result, marked or not.
        expect(result.locator("mark")).to_have_count(0)
        expect(result).not_to_contain_text("2505")
        assert problems == []


@pytest.fixture(scope="module")
def old_id_site(curated_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated Material site with two papers more in its index: one whose arXiv id is
    old-style, one whose abstract writes that id."""
    copy = tmp_path_factory.mktemp("old-id") / "site"
    shutil.copytree(curated_site, copy)
    add_to_material_index(
        copy,
        [
            SearchEntry(
                "strings",
                "papers/strings/",
                "Strings on branes",
                "Dualities of branes in the large N limit.",
                arxiv="hep-th/9901001",
            ),
            SearchEntry(
                "citing",
                "papers/citing/",
                "A citing paper",
                "We build on hep-th/9901001 here.",
            ),
        ],
    )
    return copy


@pytest.mark.parametrize(
    "query", ["hep-th/9901001", "arXiv:hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001v1"]
)
def test_material_search_finds_an_old_style_arxiv_id_whole_not_by_its_parts(
    browser: Browser, old_id_site: Path, query: str
) -> None:
    # mkdocs.yml's separator splits the id into "hep", "th" and "9901001", and Material found
    # pages by the start of each: the home page and About were listed too, for "th".
    with serving(old_id_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        material_search(page, query)
        expect(page.get_by_role("status")).to_have_text("2 matching documents")
        results = page.locator(".md-search-result__item > a")
        expect(results.first).to_have_attribute("href", re.compile(r"papers/strings/(\?|$)"))
        expect(results.nth(1)).to_have_attribute("href", re.compile(r"papers/citing/(\?|$)"))
        assert problems == []


# What the reader sees in Material's search field: the input's own value, not the one papersite.js
# gives Material to read.
SHOWN = "(e) => Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').get.call(e)"


@seeds_only
@pytest.mark.parametrize("entered", ["typed", "address"])
@pytest.mark.parametrize(
    "title",
    [
        "Git Re-Basin: Merging Models modulo Permutation Symmetries",
        "LaVin-DiT: Large Vision Diffusion Transformer",
    ],
)
def test_material_search_finds_a_title_with_a_colon_after_a_hyphenated_word(
    browser: Browser, shipped_site: Path, title: str, entered: str
) -> None:
    # lunr read "Basin:" as a field to search in and threw: "No matching documents", whether the
    # title was pasted or came in the address's ?q= (the 404 page's Search link).
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        if entered == "typed":
            page.goto(base + "about/")
            material_search(page, title)
        else:
            page.goto(base + "about/?" + urlencode({"q": title}))
        box = page.locator("input.md-search__input")
        expect(page.locator(".md-search-result__item > a h1").first).to_have_text(title)
        assert box.evaluate(SHOWN) == title  # the reader's text as it was
        assert problems == []


@seeds_only
def test_material_search_keeps_a_word_ending_in_a_colon(
    browser: Browser, shipped_site: Path
) -> None:
    # "Titans:" was dropped from the query, as a field with no word after it: nothing was found.
    title = "Titans: Learning to Memorize at Test Time"
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        material_search(page, "Titans:")
        first = page.locator(".md-search-result__item > a").first
        expect(first.locator("h1")).to_have_text(title)
        expect(first.locator("h1 mark")).to_have_text("Titans")
        assert page.locator("input.md-search__input").evaluate(SHOWN) == "Titans:"
        # A colon naming a field of Material's index is left to it.
        page.goto(base + "about/")
        material_search(page, "title:titans")
        expect(page.get_by_role("status")).to_have_text("1 matching document")
        expect(first.locator("h1")).to_have_text(title)
        assert problems == []


@seeds_only
@pytest.mark.parametrize(
    ("query", "paper"),
    [
        # A hyphen ending a word: lunr read "Byte-*" as "Byte" and a lone wildcard, which every
        # page matched. As the dump has it, a no-break space after "Byte-".
        (
            "Hierarchical Autoregressive Transformers: Combining Byte-\xa0and Word-Level "
            "Processing for Robust, Adaptable Language Models",
            "hierarchical-autoregressive-transformers-combining-byte-and-word-level",
        ),
        (
            "Byte- and Word-",
            "hierarchical-autoregressive-transformers-combining-byte-and-word-level",
        ),
        # A stop word followed by another: "be", never indexed, found the words starting with it.
        (
            "Memorize, Factorize, or be Naïve: Learning Optimal Feature Interaction Methods for "
            "CTR Prediction",
            "memorize-factorize-or-be-naive-learning-optimal-feature-interaction-methods-for",
        ),
        (
            "Can Github issues be solved with Tree Of Thoughts?",
            "can-github-issues-be-solved-with-tree-of-thoughts",
        ),
    ],
)
def test_material_search_lists_a_title_pasted_whole_first(
    browser: Browser, shipped_site: Path, query: str, paper: str
) -> None:
    # The paper was not in the top 10: the tagged papers came first, the tag "benchmark" (or
    # "survey", for a lone wildcard) weighing a thousand times a title in Material's search.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        material_search(page, query)
        first = page.locator(".md-search-result__item > a").first
        expect(first).to_have_attribute("href", re.compile(f"/papers/{paper}/[?#]"))
        assert page.locator("input.md-search__input").evaluate(SHOWN) == query
        assert problems == []


@seeds_only
def test_material_search_reads_a_query_without_the_characters_that_hide_in_a_word(
    browser: Browser, shipped_site: Path
) -> None:
    # "mam<U+00AD>ba", pasted from a PDF, found no document: the index holds "mamba".
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        material_search(page, "mamba")
        status = page.get_by_role("status")
        expect(status).to_have_text(re.compile(r"^\d+ matching documents$"))
        found = status.text_content()
        box = page.locator("input.md-search__input")
        for hiding in HIDING:
            box.fill("")
            box.press("End")
            expect(status).not_to_have_text(found or "")
            box.fill(f"mam{hiding}ba")
            box.press("End")
            expect(status).to_have_text(found or "")
        assert problems == []


@seeds_only
@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("the -", None),
        ("the +", None),
        ("of the - ", None),
        ("the *", None),
        ("the –", None),
        # A word after the lone sign: the stop word goes, as before a word.
        ("the - mamba", "Mamba"),
    ],
)
def test_material_search_keeps_a_stop_word_before_a_lone_modifier(
    browser: Browser, shipped_site: Path, query: str, word: str | None
) -> None:
    # Typing "the -word", the reader has "the -" on the way: "the" was left out as a stop word
    # followed by another, and the lone "-" made the query nothing lunr finds: "No matching
    # documents" where Material, before the query was rewritten, listed 127 papers. So did
    # "the *" and "the –". And "the - mamba" kept its "the", which found 136 papers, an unrelated
    # one third.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        material_search(page, query)
        expect(page.get_by_role("status")).to_have_text(re.compile(r"^\d+ matching documents$"))
        if word is not None:
            titles = page.locator(".md-search-result__item > a h1")
            expect(titles.nth(2)).to_be_visible()
            assert all(word in title for title in titles.all_inner_texts()[:3])
        assert page.locator("input.md-search__input").evaluate(SHOWN) == query
        assert problems == []


def test_material_search_announces_how_many_papers_it_found(
    browser: Browser, shipped_site: Path
) -> None:
    # "209 matching documents" showed and was never read out: the line was no live region.
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        material_search(page, "attention")
        status = page.get_by_role("status")
        expect(status).to_have_count(1)
        expect(status).to_have_text(re.compile(r"^\d+ matching documents$"))
        assert status.evaluate("(e) => e.matches('.md-search .md-search-result__meta')")
        shot(page, "search-material-status")
        assert problems == []


@pytest.mark.parametrize("opening", ["/", "s", "click"])
@seeds_only
def test_closing_material_search_gives_the_focus_back_where_it_was(
    opening: str, browser: Browser, shipped_site: Path
) -> None:
    # Escape left the focus on the page's body: the next Tab went to the results, then the top.
    theme, _ = shipped_themes()[0]
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + f"themes/{theme}/")
        summary = page.locator("details.abstract > summary").nth(2)
        summary.focus()
        # Read on, scrolled away: the focus put back must not scroll back to it. At once, not by
        # the wheel, whose smooth scroll went on after its first step was read.
        page.evaluate("window.scrollTo({top: 3000, behavior: 'instant'})")
        scrolled = page.evaluate("window.scrollY")
        assert scrolled > 0
        if opening == "click":
            page.locator("input.md-search__input").click()
        else:
            page.keyboard.press(opening)
        expect(page.locator("input.md-search__input")).to_be_focused()
        expect(page.locator("#__search")).to_be_checked()
        page.keyboard.type("kv cache")
        page.keyboard.press("Escape")
        expect(page.locator("#__search")).not_to_be_checked()
        expect(summary).to_be_focused()
        assert page.evaluate("window.scrollY") == scrolled
        # The reader goes on from there: Tab reaches what follows it on the page.
        page.keyboard.press("Tab")
        onward = summary.evaluate(
            "(s) => !!(s.compareDocumentPosition(document.activeElement)"
            " & Node.DOCUMENT_POSITION_FOLLOWING)"
            " && !!document.activeElement.closest('.md-content')"
        )
        assert onward
        assert problems == []


def test_tab_out_of_material_search_moves_on_as_material_has_it(
    browser: Browser, shipped_site: Path
) -> None:
    # Tab closes the search as Escape does, then moves on from its field: a focus put back
    # before the field made the next Tab land on the field again. On past the results' box too,
    # closed with the search (test_tab_from_material_s_search_field_goes_to_something_seen).
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.goto(base + "about/")
        page.locator("input.md-option").first.focus()
        page.keyboard.press("Tab")
        field = page.locator("input.md-search__input")
        expect(field).to_be_focused()
        page.keyboard.press("Tab")
        expect(page.locator(".md-nav--primary a.md-nav__link").first).to_be_focused()
        assert problems == []


def tab_stops(page: Page, count: int) -> list[dict[str, Any]]:
    """The next ``count`` elements Tab focuses, each its tag, text and box on the screen."""
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                """() => {
                    const e = document.activeElement;
                    const r = e.getBoundingClientRect();
                    return {tag: e.tagName, text: (e.innerText || e.ariaLabel || "").trim(),
                            left: r.left, right: r.right, search: !!e.closest(".md-search"),
                            drawer: !!e.closest(".md-sidebar--primary"),
                            visible: e.checkVisibility(
                                {visibilityProperty: true, opacityProperty: true})};
                }"""
            )
        )
    return stops


@seeds_only
def test_on_a_phone_no_tab_stop_is_off_the_screen_and_the_menu_button_opens_the_navigation(
    browser: Browser, shipped_site: Path
) -> None:
    # The closed drawer's links took Tab stops 5 to 12, off the screen's left edge (x=-242), and
    # the ☰ that opens it was a label no keyboard could reach.
    (theme, _), (_, other) = shipped_themes()[:2]
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": 375, "height": 812})
        page.goto(base + f"themes/{theme}/")
        # A list left open in the drawer (the page's contents) stays out of the way too.
        menu = page.locator(".md-header .ps-menu-button")
        menu.click()
        page.locator(".md-sidebar--primary label[for=__toc]").first.click()
        page.locator("label.md-overlay").click(position={"x": 350, "y": 400})
        expect(page.locator("#__drawer")).not_to_be_checked()
        page.wait_for_timeout(400)  # the drawer's slide
        page.locator("body").focus()
        # Material's search field and results are left out: the field opens the search as it
        # takes the focus, sliding in from the left, and is measured on its way.
        stops = [s for s in tab_stops(page, 40) if not s["search"]]
        off = [s for s in stops if s["left"] < 0 or s["right"] > 375]
        assert off == [] and len(stops) > 30, off

        page.goto(base + f"themes/{theme}/")
        expect(menu).to_have_attribute("aria-expanded", "false")
        page.keyboard.press("Tab")
        for _ in range(10):
            if page.evaluate("document.activeElement.classList.contains('ps-menu-button')"):
                break
            page.keyboard.press("Tab")
        expect(menu).to_be_focused()
        expect(page.get_by_role("button", name="Navigation", exact=True)).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("#__drawer")).to_be_checked()
        expect(menu).to_have_attribute("aria-expanded", "true")
        # The focus goes into the drawer, which covers the button it was on.
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
        page.wait_for_timeout(400)  # the drawer's slide
        # Up to the second theme's link, and no further: Tab past the drawer's last link closes
        # it, and a fork's drawer (two themes, no tags) held fewer stops than a fixed count.
        stops = []
        for _ in range(12):
            stops += [s for s in tab_stops(page, 1) if not s["search"]]
            if stops and stops[-1]["text"] == other:
                break
        reached = next(s for s in stops if s["text"] == other)
        # The page's own contents, a label in the drawer, is a stop: it had no way in by keys.
        assert any(s["tag"] == "LABEL" and s["drawer"] for s in stops), stops
        # None unseen on the way: the page's contents, a panel not opened, took six stops.
        drawer = [s for s in stops if s["drawer"]]
        unseen = [s for s in drawer if not s["visible"] or s["left"] < 0 or s["right"] > 375]
        assert unseen == [] and len(drawer) >= 3 and reached, stops
        page.get_by_role("link", name=other).focus()
        shot(page, "drawer-keyboard-phone")
        menu.focus()  # and Space on the ☰ closes the drawer again
        page.keyboard.press(" ")
        expect(page.locator("#__drawer")).not_to_be_checked()
        expect(menu).to_have_attribute("aria-expanded", "false")
        page.wait_for_timeout(400)  # the drawer's slide
        shot(page, "menu-button-phone")  # the ☰ as the label looked, with the focus's outline
        # Escape closes it too, the focus back on the button.
        page.keyboard.press("Enter")
        expect(page.locator("#__drawer")).to_be_checked()
        page.keyboard.press("Escape")
        expect(page.locator("#__drawer")).not_to_be_checked()
        expect(menu).to_be_focused()
        assert problems == []


def test_on_a_phone_the_drawer_s_contents_panel_and_its_edges_work_from_the_keyboard(
    browser: Browser, shipped_site: Path
) -> None:
    # Space did nothing on the page's contents entry; opened, the panel covered the focus; the
    # drawer reopened focused a link under the panel; Tab past the drawer's last link went on
    # into the page beneath it, unseen.
    theme, _ = shipped_themes()[0]
    with serving(shipped_site) as base, page_of(browser) as (page, problems):
        page.set_viewport_size({"width": 375, "height": 812})
        page.goto(base + f"themes/{theme}/")
        menu = page.locator(".md-header .ps-menu-button")
        menu.focus()
        page.keyboard.press("Enter")
        entry = page.locator('.md-sidebar--primary .md-nav__link[for="__toc"]')
        entry.focus()
        page.keyboard.press(" ")
        expect(page.locator("#__toc")).to_be_checked()
        in_panel = "!!document.activeElement.closest('.md-sidebar--primary .md-nav--secondary')"
        page.wait_for_function(in_panel)
        page.wait_for_timeout(400)  # the panel's slide
        shot(page, "drawer-contents-phone")
        # Its links, then out of the drawer: the list under the panel has no unseen Tab stops.
        links = page.locator(".md-sidebar--primary .md-nav--secondary a[href]").count()
        for _ in range(links - 1):
            page.keyboard.press("Tab")
            assert page.evaluate(in_panel)
        page.keyboard.press("Tab")
        expect(page.locator("#__drawer")).not_to_be_checked()
        menu.focus()
        page.keyboard.press("Enter")
        # Closed and opened again, the focus is where the eye is: in the panel still shown.
        page.keyboard.press("Escape")
        expect(page.locator("#__drawer")).not_to_be_checked()
        expect(menu).to_be_focused()
        page.keyboard.press("Enter")
        assert page.evaluate(in_panel)
        # The panel's back arrow closes it, the focus back on the entry.
        back = page.locator('.md-sidebar--primary label.md-nav__title[for="__toc"]')
        back.focus()
        page.keyboard.press("Enter")
        expect(page.locator("#__toc")).not_to_be_checked()
        expect(entry).to_be_focused()
        # Tab past the last link closes the drawer: what comes next lay under it.
        for _ in range(30):
            page.keyboard.press("Tab")
            if not page.locator("#__drawer").is_checked():
                break
        expect(page.locator("#__drawer")).not_to_be_checked()
        expect(menu).to_have_attribute("aria-expanded", "false")
        # The search opens over the drawer, and Escape closes both, the focus on the ☰.
        menu.focus()
        page.keyboard.press("Enter")
        page.locator(".md-sidebar--primary a[href]").nth(1).focus()
        page.keyboard.press("/")
        expect(page.locator("input.md-search__input")).to_be_focused()
        page.keyboard.press("Escape")
        expect(page.locator("#__search")).not_to_be_checked()
        expect(page.locator("#__drawer")).not_to_be_checked()
        expect(menu).to_be_focused()
        assert problems == []


def test_the_preview_shows_the_content_s_errors_on_its_pages_until_they_are_fixed(
    browser: Browser, curated_content: Path, tmp_path: Path
) -> None:
    # The browser kept the last good pages without a sign of a mistake: only the terminal said.
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    papers = curated_content / "curation" / "papers.yaml"
    good = papers.read_text(encoding="utf-8")
    with (
        preview_running(curated_content, tmp_path / "mkdocs.yml") as (_, base),
        page_of(browser) as (page, problems),
    ):
        page.goto(base + "about/")
        # The message quotes the curator's text, which must show as written, never run.
        hostile = "<img src=x onerror=alert(1)>"
        papers.write_text(good.replace("teaching-transformers-to-add:", f"{hostile}:", 1))
        box = page.locator("#papersite-preview-problems")
        # No reload by hand: MkDocs reloads the page when the preview writes the problems.
        expect(box).to_contain_text(
            f"content/curation/papers.yaml:3: unknown paper id '{hostile}'", timeout=30_000
        )
        expect(box).to_contain_text("1 error, 1 warning; this preview shows the last good pages")
        assert box.locator("img").count() == 0
        assert contrast(page, "#papersite-preview-problems li") >= 4.5
        shot(page, "preview-problems-light")
        # Under the header: its buttons, the way to the navigation on a phone, stay reachable.
        page.set_viewport_size({"width": 375, "height": 700})
        page.locator(".md-header .ps-menu-button").wait_for()  # made by papersite.js
        assert page.evaluate(
            """() => {
                const menu = document.querySelector(".md-header .ps-menu-button");
                const r = menu.getBoundingClientRect();
                return menu.contains(document.elementFromPoint(r.x + r.width / 2, r.y + 5));
            }"""
        )
        shot(page, "preview-problems-phone")
        # Material keeps the scheme a page loaded with: the dark one in a page of its own.
        with page_of(browser) as (dark, dark_problems):
            dark.emulate_media(color_scheme="dark")
            dark.goto(base + "about/")
            expect(dark.locator("#papersite-preview-problems")).to_be_visible()
            assert contrast(dark, "#papersite-preview-problems li") >= 4.5
            shot(dark, "preview-problems-dark")
            # Hidden by the curator, until the next reload.
            dark.get_by_role("button", name="Hide the content's errors").click()
            expect(dark.locator("#papersite-preview-problems")).to_have_count(0)
            assert dark_problems == []
        papers.write_text(good)
        expect(box).to_have_count(0, timeout=30_000)
        assert problems == []
