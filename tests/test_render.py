from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import posixpath
import re
import shutil
import threading
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from papersite import render, urls
from papersite.bibtex import LOST_CHARACTERS
from papersite.catalogue import Catalogue, read_catalogue
from papersite.content import Loaded
from papersite.curation import (
    FEATURED_AT_MOST,
    CuratedPaper,
    Curation,
    ExtraLink,
    Placement,
    Section,
    Theme,
    uncurated,
)
from papersite.errors import CannotWrite, PapersiteError, Stopped, display_path
from papersite.exports import EXPORT_FIELDS
from papersite.markup import escape_html, render_note
from papersite.render import (
    MARKER,
    DateRun,
    ListPage,
    NavEntry,
    PaperView,
    SectionView,
    SiteSettings,
    SiteWriter,
    ThemeView,
    _yaml_string,
    could_have_written,
    date_range,
    date_runs,
    generate,
    paginate_theme,
    paper_sections,
    refusals_to_write,
    search_example,
    summarize,
)

from .conftest import HASH_SEEDS, REPO, at_least, run_hash_seeded
from .sites import (
    HOSTILE_NOTE,
    HOSTILE_TAG,
    SETTINGS,
    curate,
    loaded,
    related_listed,
    with_options,
    write_content,
)
from .test_passthrough import mkdocs_markdown

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_PAGES = {
    "index.md": "home.md",
    "themes/efficiency.md": "theme-efficiency.md",
    "papers/script-alert-title-script-friends.md": "paper-hostile.md",
    "papers/gated-attention-for-large-language-models.md": "paper-gated-attention.md",
    "unsorted.md": "unsorted.md",
    "tags.md": "tags.md",
    "tags/attention.md": "tag-attention.md",
}
# With Pagefind as the search backend, the site has a Search page.
PAGEFIND = with_options(search="pagefind")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    generate(site.catalogue, site.curation, SETTINGS, out)
    return out


@pytest.mark.parametrize("page", sorted(GOLDEN_PAGES))
def test_pages_match_the_golden_files(docs: Path, page: str, update_golden: bool) -> None:
    """Regenerate on purpose with `make golden` (pytest --update-golden) and review the diff."""
    golden = GOLDEN / GOLDEN_PAGES[page]
    actual = (docs / page).read_text(encoding="utf-8")
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run `make golden` and review it"
    assert actual == golden.read_text(encoding="utf-8"), f"{page} differs from {golden.name}"


def test_hostile_text_is_escaped_in_every_generated_page(docs: Path) -> None:
    for path in docs.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        for live in ("<script", "<b>", "<img", "<iframe", "<i>", 'href="javascript'):
            assert live not in text, f"{live!r} is live in {path.relative_to(docs)}"
    paper = (docs / "papers/script-alert-title-script-friends.md").read_text(encoding="utf-8")
    assert (
        '<h1 id="title">&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; Friends</h1>'
        in paper
    )
    assert 'title: "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; Friends"' in paper
    jinja = (docs / "papers/7-7-jinja-if-true-templates-endif.md").read_text(encoding="utf-8")
    assert "{{ 7*7 }} Jinja {% if true %}Templates{% endif %}" in jinja  # shown, not evaluated


def test_data_files_and_feeds_are_written(docs: Path) -> None:
    for name in (
        "papers.json",
        "papers.schema.json",
        "papers.csv",
        "themes.json",
        "themes.schema.json",
        "feeds/papers.xml",
        "feeds/efficiency.xml",
        "feeds/reasoning.xml",
        "bibtex/efficiency.bib",
        "bibtex/reasoning.bib",
        "stylesheets/papersite.css",
        "javascripts/papersite.js",
        "tags.md",
        "about.md",
        MARKER,
    ):
        assert (docs / name).is_file(), name


def renamed(site: Loaded, *old_ids: str) -> Curation:
    """The fixture curation with 'efficiency' having had the ids ``old_ids``."""
    themes = tuple(
        dataclasses.replace(theme, formerly=old_ids) if theme.id == "efficiency" else theme
        for theme in site.curation.themes
    )
    return dataclasses.replace(site.curation, themes=themes)


def test_a_former_id_s_addresses_lead_to_the_theme(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    # In the site's language, as its pages are.
    settings = dataclasses.replace(with_options(theme_page_size=1), language="de")
    generate(site.catalogue, renamed(site, "efficient-ml", "speed"), settings, out)
    # Three pages of 'efficiency' (test_a_long_theme_is_split...): each old one leads to its own.
    for old in ("efficient-ml", "speed"):
        for number, new in (
            (1, "themes/efficiency/"),
            (2, "themes/efficiency/2/"),
            (3, "themes/efficiency/3/"),
        ):
            url = f"themes/{old}/" if number == 1 else f"themes/{old}/{number}/"
            page = (out / url / "index.html").read_text(encoding="utf-8")
            back = "../" * url.count("/")
            assert f'<meta http-equiv="refresh" content="0; url={back}{new}">' in page
            assert f'<link rel="canonical" href="{SETTINGS.site_url}{new}">' in page
            assert f'<a href="{back}{new}">' in page
            assert '<meta name="robots" content="noindex">' in page
            # Feed readers follow neither the script nor the refresh: it names the theme's
            # feeds in its head, as the theme's page does.
            assert re.findall(r'<link rel="alternate" type="application/atom\+xml".*>', page) == [
                '<link rel="alternate" type="application/atom+xml" title="papersite: newest '
                f'papers" href="{back}feeds/papers.xml">',
                '<link rel="alternate" type="application/atom+xml" title="papersite: Efficiency '
                f'&lt;&amp; friends&gt;" href="{back}feeds/efficiency.xml">',
            ]
            # The relative way there lands on the theme's page as MkDocs serves it.
            landed = (out / url / back / new).resolve()
            expected = out / (new.removesuffix("/") + ".md")
            assert landed.with_suffix(".md") == expected.resolve() and expected.is_file()
        assert not (out / f"themes/{old}/4").exists()
        assert not (out / f"themes/{old}.md").exists()  # no page of its own, nor in the nav
        # A feed reader polls the old address: it gets the theme's feed; a citation manager its
        # BibTeX.
        for kind, name in (("feeds", "{}.xml"), ("bibtex", "{}.bib")):
            old_file = out / kind / name.format(old)
            assert old_file.read_bytes() == (out / kind / name.format("efficiency")).read_bytes()
    # The feed keeps the id it had at its first address ('formerly' lists the oldest first):
    # Atom asks that it never change. Its self link is where the theme's feed is now.
    feed = ET.parse(out / "feeds/efficiency.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.findtext(f"{atom}id") == f"{SETTINGS.site_url}feeds/efficient-ml.xml"
    self_link = feed.find(f"{atom}link[@rel='self']")
    assert self_link is not None
    assert self_link.get("href") == f"{SETTINGS.site_url}feeds/efficiency.xml"
    # The title is the new page's, escaped as text.
    first = (out / "themes/speed/index.html").read_text(encoding="utf-8")
    assert "<title>Moved: Efficiency &lt;&amp; friends&gt;</title>" in first
    assert '<html lang="de">' in first
    # Dropped from 'formerly' (or renamed back), the old addresses go with the next run.
    generate(site.catalogue, renamed(site, "speed"), settings, out)
    assert not (out / "themes/efficient-ml").exists()
    assert not (out / "feeds/efficient-ml.xml").exists()
    assert (out / "themes/speed/3/index.html").is_file()


def test_a_title_like_a_path_gets_a_safe_address_inside_the_folder(docs: Path) -> None:
    assert (docs / "papers/etc-passwd.md").is_file()
    written = {p.resolve() for p in docs.parent.rglob("*") if p.is_file()}
    assert all(p.is_relative_to(docs.parent.resolve()) for p in written)


@pytest.mark.parametrize(
    "paper_id", ["../../etc/passwd", "/etc/passwd", "a/b", "..", "UPPER", "x" * 101, "a.md", ""]
)
def test_ids_that_are_not_page_addresses_are_refused_before_writing(
    tmp_path: Path, paper_id: str
) -> None:
    catalogue = read_catalogue(write_content(tmp_path))
    bad = dataclasses.replace(catalogue.papers[0], id=paper_id)
    out = tmp_path / "docs"
    with pytest.raises(PapersiteError, match="cannot be a page address"):
        generate(catalogue, Curation((), (CuratedPaper(bad),)), SETTINGS, out)
    assert not out.exists()


@pytest.mark.parametrize("relative", ["../x.md", "/etc/x", "a/../../b", "a//b", ".hidden", "a\\b"])
def test_the_writer_never_leaves_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: str
) -> None:
    monkeypatch.chdir(tmp_path)
    writer = SiteWriter(Path("out"))
    with pytest.raises(PapersiteError, match="refusing to write") as error:
        writer.write(relative, "x")
    assert error.value.path == "out"  # as typed, as every message names a path


@pytest.mark.parametrize("link", ["papers", "papers/x.md"])
def test_the_writer_never_follows_a_link_out_of_its_folder(tmp_path: Path, link: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    writer = SiteWriter(tmp_path / "out")
    writer.write("papers/y.md", "inside")  # the folder is resolved and remembered before the link
    if link == "papers":
        for child in (tmp_path / "out/papers").iterdir():
            child.unlink()
        (tmp_path / "out/papers").rmdir()
        writer = SiteWriter(tmp_path / "out")
    (tmp_path / "out" / link).symlink_to(outside / "x.md" if link.endswith(".md") else outside)
    with pytest.raises(PapersiteError, match="refusing to write"):
        writer.write("papers/x.md", "escaped")
    assert list(outside.iterdir()) == []


def test_the_writer_tells_a_link_that_loops_in_its_folder_in_one_line(tmp_path: Path) -> None:
    # Path.resolve raised RuntimeError("Symlink loop from ..."): a traceback.
    out = tmp_path / "out"
    writer = SiteWriter(out)
    (out / "x.md").symlink_to("x.md")
    with pytest.raises(CannotWrite) as error, refusals_to_write(out):
        writer.write("x.md", "page")
    assert error.value.message == "cannot write: Too many levels of symbolic links"


def test_a_stopped_writer_writes_no_page_more_and_removes_nothing(tmp_path: Path) -> None:
    # The preview's regeneration, stopped as the preview stops (papersite.serve._Watcher).
    out = tmp_path / "out"
    SiteWriter(out).write("old.md", "from an earlier run")
    stop = threading.Event()
    writer = SiteWriter(out, stop=stop)
    writer.write("a.md", "written")
    stop.set()
    with pytest.raises(Stopped):
        writer.write("b.md", "not written")
    with pytest.raises(Stopped):
        writer.prune()
    kept = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert kept == {MARKER, "old.md", "a.md"}


def test_a_second_write_to_a_fresh_folder_replaces_the_first(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path / "out")
    writer.write("a/page.md", "first")
    writer.write("a/page.md", "second")
    assert (tmp_path / "out/a/page.md").read_text() == "second"
    writer.prune()
    out = tmp_path / "out"
    kept = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert kept == {MARKER, "a/page.md"}


def test_the_writer_keeps_unchanged_files_and_removes_stale_ones(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = SiteWriter(out)
    first.write("a/keep.md", "same")
    first.write("a/stale.md", "old")
    first.prune()
    stamp = (out / "a/keep.md").stat().st_mtime_ns
    os.utime(out / "a/keep.md", ns=(stamp - 10**9, stamp - 10**9))
    second = SiteWriter(out)
    second.write("a/keep.md", "same")
    second.prune()
    assert (out / "a/keep.md").stat().st_mtime_ns == stamp - 10**9
    assert not (out / "a/stale.md").exists()
    # What a watcher of the folder sees change: two files made, then one removed, then none.
    assert (first.changed, second.changed) == (2, 1)
    third = SiteWriter(out)
    third.write("a/keep.md", "same")
    third.prune()
    fourth = SiteWriter(out)
    fourth.write("a/keep.md", "changed")
    fourth.prune()
    assert (third.changed, fourth.changed) == (0, 1)


def test_the_writer_leaves_the_files_it_is_told_to_keep(tmp_path: Path) -> None:
    # The preview's own files in the docs folder (papersite serve writes them, a build never).
    out = tmp_path / "out"
    first = SiteWriter(out)
    first.write("a/page.md", "page")
    first.prune()
    (out / "a" / "preview.js").write_text("the preview's")
    second = SiteWriter(out, keep=["a/preview.js"])
    second.write("a/page.md", "page")
    second.prune()
    assert (out / "a" / "preview.js").read_text() == "the preview's"


def test_the_writer_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(PapersiteError, match="not made by papersite"):
        SiteWriter(tmp_path)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.mark.parametrize(
    "foreign",
    ["test_cli.py", "conftest.py", "workflows/ci.yml", ".github/workflows/ci.md", "Makefile"],
)
def test_the_writer_refuses_a_marked_folder_holding_a_file_it_never_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, foreign: str
) -> None:
    # A pull request can commit the marker into tests/, .github/ or src/: pruning removed them.
    monkeypatch.chdir(tmp_path)
    out = Path("tests")
    for name in (MARKER, "papers/stale.md", foreign):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("the project's")
    before = _files(out)
    with pytest.raises(PapersiteError) as error:
        SiteWriter(out).prune()
    assert error.value.path == f"tests/{foreign}"
    assert error.value.message.startswith("not a file papersite writes, in a folder holding")
    assert _files(out) == before  # nothing written, nothing removed


def test_the_writer_removes_nothing_when_a_foreign_file_came_while_it_wrote(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    first = SiteWriter(out)
    first.write("papers/stale.md", "old")
    first.prune()
    second = SiteWriter(out)
    second.write("index.md", "new")
    (out / "notes.txt").write_text("mine")
    with pytest.raises(PapersiteError, match="not a file papersite writes") as error:
        second.prune()
    assert error.value.path == display_path(out / "notes.txt")
    assert (out / "papers/stale.md").read_text() == "old"
    assert (out / "notes.txt").read_text() == "mine"


def test_a_writer_told_not_to_refuse_foreign_files_writes_and_still_never_prunes_them(
    tmp_path: Path,
) -> None:
    # The preview's box of problems must say that a folder is refused: its writer writes there.
    out = tmp_path / "out"
    SiteWriter(out).prune()
    (out / ".index.md.swp").write_text("vim's")
    with pytest.raises(PapersiteError, match="not a file papersite writes"):
        SiteWriter(out)
    writer = SiteWriter(out, refuse_foreign=False)
    writer.write("box.json", "{}")
    assert (out / "box.json").read_text() == "{}"
    with pytest.raises(PapersiteError, match="not a file papersite writes"):
        writer.prune()
    assert (out / ".index.md.swp").read_text() == "vim's"


def test_the_writer_takes_a_folder_holding_only_litter_for_an_empty_one(tmp_path: Path) -> None:
    # A folder just made in Finder: it was "not empty and was not made by papersite".
    (tmp_path / ".DS_Store").write_bytes(b"Bud1")
    (tmp_path / "desktop.ini").write_text("[.ShellClassInfo]")
    writer = SiteWriter(tmp_path)
    writer.write("index.md", "home")
    writer.prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == [MARKER, "index.md"]
    # A folder holding a litter's name that is no file (a folder) is not empty.
    other = tmp_path / "other"
    (other / ".DS_Store").mkdir(parents=True)
    with pytest.raises(PapersiteError, match="not made by papersite"):
        SiteWriter(other)


def test_the_writer_removes_a_file_manager_s_litter(tmp_path: Path) -> None:
    out = tmp_path / "out"
    SiteWriter(out).prune()
    (out / "papers").mkdir()
    (out / "papers" / ".DS_Store").write_bytes(b"Bud1")
    writer = SiteWriter(out)
    writer.write("index.md", "home")
    writer.prune()
    assert sorted(_files(out)) == [MARKER, "index.md"]


def test_papersite_could_have_written_every_file_it_writes(tmp_path: Path) -> None:
    # WRITTEN_SUFFIXES must grow with what papersite writes, or the next run refuses the folder.
    site = loaded(tmp_path)
    settings = with_options(PAGEFIND, theme_page_size=1)
    generate(site.catalogue, renamed(site, "efficient-ml"), settings, tmp_path / "docs")
    written = [Path(name) for name in _files(tmp_path / "docs") if name != MARKER]
    assert {path.suffix for path in written} >= {".md", ".html", ".json", ".xml", ".bib", ".js"}
    assert [path for path in written if not could_have_written(path)] == []
    # Regenerating into the folder is not refused.
    generate(site.catalogue, site.curation, settings, tmp_path / "docs")


# The fixture site generated into the folder docs/ under the one named.
GENERATE = """
import sys
from pathlib import Path

from papersite.render import generate
from tests.sites import SETTINGS, loaded

root = Path(sys.argv[1])
site = loaded(root)
generate(site.catalogue, site.curation, SETTINGS, root / "docs")
"""


def test_generation_is_the_same_bytes_in_processes_hashing_apart(tmp_path: Path) -> None:
    outputs = []
    for seed in HASH_SEEDS:
        run_hash_seeded(seed, GENERATE, str(tmp_path / seed))
        folder = tmp_path / seed / "docs"
        outputs.append(
            {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        )
    assert len(outputs[0]) > 10
    assert outputs[0] == outputs[1]


def test_tags_are_escaped_in_front_matter(docs: Path) -> None:
    page = (docs / "papers/script-alert-title-script-friends.md").read_text(encoding="utf-8")
    assert '  - "&lt;i&gt;tag&lt;/i&gt; &amp; co"' in page
    assert HOSTILE_TAG not in page


def test_a_paper_s_tags_are_in_alphabetical_order_whatever_their_case(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    paper_id = "gated-attention-for-large-language-models"
    papers = tuple(
        dataclasses.replace(item, tags=("zebra", "LLM", "attention"))
        if item.paper.id == paper_id
        else item
        for item in site.curation.papers
    )
    out = tmp_path / "docs"
    result = generate(
        site.catalogue, dataclasses.replace(site.curation, papers=papers), SETTINGS, out
    )
    wanted = ["attention", "LLM", "zebra"]
    # Its page (Material shows the front matter's tags under the title) and search entry.
    assert front_matter_of(out / f"papers/{paper_id}.md")["tags"] == wanted
    [entry] = [e for e in result.search_entries if e.id == paper_id]
    assert list(entry.tags) == wanted
    # Its entry on the theme page.
    theme = (out / "themes/efficiency.md").read_text(encoding="utf-8")
    entry_html = theme.split(f'id="paper-{paper_id}"')[1].split("</article>")[0]
    assert re.findall(r'class="md-tag" href="[^"]*">([^<]+)<', entry_html) == wanted


def test_the_pages_anchor_papers_with_urls_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Curators' links name a paper's anchor by urls.PAPER_ANCHOR_PREFIX (themes_file checks them):
    # a template spelling the prefix itself would leave those links landing nowhere once it changed.
    monkeypatch.setattr(urls, "PAPER_ANCHOR_PREFIX", "item-")
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    generate(site.catalogue, site.curation, SETTINGS, out)
    pages = "".join(page.read_text(encoding="utf-8") for page in out.rglob("*.md"))
    assert 'id="item-' in pages
    assert "#item-" in pages
    assert not re.search(r'(id="|#)paper-', pages)


@pytest.mark.parametrize(
    ("url", "settings"),
    [
        (urls.ABOUT, SETTINGS),
        (urls.TAGS, SETTINGS),
        (urls.UNSORTED, SETTINGS),
        # Only a site searched with Pagefind has a Search page.
        (urls.SEARCH, PAGEFIND),
    ],
)
def test_a_page_s_nav_entry_and_its_title_are_the_same_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, settings: SiteSettings
) -> None:
    monkeypatch.setitem(render.PAGE_TITLES, url, "Colophon")
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    result = generate(site.catalogue, site.curation, settings, out)
    assert NavEntry("Colophon", urls.page_file(url)) in result.nav
    assert front_matter_of(out / urls.page_file(url))["title"] == "Colophon"
    assert "\n# Colophon\n" in (out / urls.page_file(url)).read_text(encoding="utf-8")


def generate_sources(tmp_path: Path, files: dict[str, str]) -> Path:
    """The docs folder generated, every paper unsorted, from content/sources holding ``files``."""
    sources = tmp_path / "content/sources"
    sources.mkdir(parents=True)
    for name, text in files.items():
        (sources / name).write_text(text, encoding="utf-8")
    catalogue = read_catalogue(sources.parent)
    generate(catalogue, uncurated(catalogue), SETTINGS, tmp_path / "docs")
    return tmp_path / "docs"


def test_a_paper_page_names_its_dumps_by_label_oldest_capture_first(tmp_path: Path) -> None:
    # One paper in four dumps whose file names are not in capture order.
    dump = "Daily Papers\n\nOne Paper\n\nIts abstract.\n"
    docs = generate_sources(
        tmp_path,
        {name: dump for name in ("a.txt", "b.txt", "c.txt", "d.txt")}
        | {
            "sources.yaml": "sources:\n"
            "  a.txt: {label: Captured some time in 2025, captured: 2025}\n"
            "  b.txt: {label: Captured 20 November 2025, captured: 2025-11-20}\n"
            "  d.txt: {captured: 2024-05-01}\n"
        },
    )
    page = (docs / "papers/one-paper.md").read_text(encoding="utf-8")
    assert (
        "<p>Seen in 4 saved pages of Daily Papers:</p>\n<ul>\n"
        "<li><code>d.txt</code></li>\n"
        '<li><span title="b.txt">Captured 20 November 2025</span></li>\n'
        '<li><span title="a.txt">Captured some time in 2025</span></li>\n'
        "<li><code>c.txt</code></li>\n</ul>\n"
    ) in page


def test_uncurated_content_puts_every_paper_in_unsorted(tmp_path: Path) -> None:
    catalogue = read_catalogue(write_content(tmp_path))
    out = tmp_path / "docs"
    result = generate(catalogue, curate(catalogue).__class__((), ()), SETTINGS, out)
    assert result.pages == 4
    # No paper has a tag, so Tags is left out of the navigation, and its page says why.
    assert [entry.path for entry in result.nav] == ["index.md", "unsorted.md", "about.md"]
    tags = (out / "tags.md").read_text(encoding="utf-8")
    assert "No paper has a tag yet" in tags
    assert "material/tags" not in tags


def test_tags_are_in_the_navigation_once_a_paper_has_one(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    result = generate(site.catalogue, site.curation, SETTINGS, tmp_path / "docs")
    paths = [entry.path for entry in result.nav]
    assert "tags.md" in paths
    # A tag's own pages are reached from the Tags page, never from the navigation.
    assert not [path for path in paths if path.startswith("tags/")]


def test_the_tags_page_lists_each_tag_once_with_its_count_and_its_page(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    generate(site.catalogue, site.curation, SETTINGS, out)
    tags = (out / "tags.md").read_text(encoding="utf-8")
    # No listing of every paper under every tag: that grew past a megabyte at 5,000 papers.
    assert "material/tags" not in tags and "papers/" not in tags
    tagged = sum("attention" in item.tags for item in site.curation.papers)
    assert (
        '<li id="tag:attention"><a class="md-tag" href="../tags/attention/">attention</a> '
        f'<span class="ps-meta">{tagged} papers</span></li>'
    ) in tags
    hostile = escape_html(HOSTILE_TAG)
    assert (
        '<li id="tag:ltigttagltigt-amp-co">'
        f'<a class="md-tag" href="../tags/i-tag-i-co/">{hostile}</a>' in tags
    )
    # Each chip of a paper leads to its tag's page, on theme pages and under a paper's title.
    theme = (out / "themes/efficiency.md").read_text(encoding="utf-8")
    assert 'class="md-tag" href="../../tags/attention/">attention</a>' in theme
    paper = (out / "papers/script-alert-title-script-friends.md").read_text(encoding="utf-8")
    assert f'tag_pages:\n  "{hostile}": tags/i-tag-i-co/\n  "attention": tags/attention/\n' in paper


def test_a_tag_s_papers_are_listed_by_title_on_its_own_linked_pages(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    # Split as Unsorted is, by its setting: no size of their own to keep in step.
    settings = with_options(unsorted_page_size=2)
    generate(site.catalogue, site.curation, settings, out)
    views = {item.paper.id: item.paper.title for item in site.curation.papers}
    tagged = sorted(
        (item.paper.id for item in site.curation.papers if "attention" in item.tags),
        key=lambda paper_id: (views[paper_id].casefold(), views[paper_id], paper_id),
    )
    pages = [out / "tags/attention.md", *sorted((out / "tags/attention").glob("*.md"))]
    assert len(pages) == (len(tagged) + 1) // 2 >= 2
    listed: list[str] = []
    for number, path in enumerate(pages, start=1):
        text = path.read_text(encoding="utf-8")
        listed += re.findall(r'<li id="paper-([^"]+)"><a href="(?:\.\./)+papers/\1/"', text)
        assert f"Page {number} of {len(pages)}" in text
        assert ("← Previous" in text) is (number > 1)
        assert ("Next →" in text) is (number < len(pages))
    assert listed == tagged
    first = pages[0].read_text(encoding="utf-8")
    assert f"{len(tagged)} papers tagged" in first
    assert '<a class="md-tag" href="../../tags/#tag:attention">attention</a>' in first
    # Its first data-ps-nav names the Tags page, whose entry papersite.js marks as current.
    assert re.findall(r'data-ps-nav="([^"]+)"', first)[:1] == ["../../tags/"]
    second = (out / "tags/attention/2.md").read_text(encoding="utf-8")
    assert 'title: "Tag: attention, page 2"\n' in second
    assert 'href="../../../tags/attention/">← Previous</a>' in second
    assert re.findall(r'data-ps-nav="([^"]+)"', second)[:1] == ["../../../tags/"]


def test_generate_command_writes_markdown_and_refuses_a_foreign_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from papersite.cli import main

    from .conftest import REPO

    content = write_content(tmp_path)
    config = str(REPO / "mkdocs.yml")
    out = tmp_path / "docs"
    assert main(["generate", "--content", str(content), "--config", config, "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"Generated 13 pages and 24 files in {out}\n"
    assert (out / "papers/etc-passwd.md").is_file()
    # A folder just made in Finder is as good as an empty one.
    finder = tmp_path / "finder"
    finder.mkdir()
    (finder / ".DS_Store").write_bytes(b"Bud1")
    args = ["generate", "--content", str(content), "--config", config, "--out", str(finder)]
    assert main(args) == 0
    assert capsys.readouterr().out == f"Generated 13 pages and 24 files in {finder}\n"
    assert not (finder / ".DS_Store").exists()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    assert (
        main(["generate", "--content", str(content), "--config", config, "--out", str(foreign)])
        == 1
    )
    assert capsys.readouterr().err == (
        f"{foreign}: folder is not empty and was not made by papersite: choose another\n"
    )
    assert sorted(p.name for p in foreign.iterdir()) == ["keep.txt"]
    # A file papersite never writes, in a folder it made: one line too, and the folder kept.
    (out / "notes.txt").write_text("mine")
    assert main(["generate", "--content", str(content), "--config", config, "--out", str(out)]) == 1
    assert capsys.readouterr().err.startswith(f"{out / 'notes.txt'}: not a file papersite writes")
    assert (out / "notes.txt").read_text() == "mine"


def test_a_title_in_tex_is_text_in_every_page_and_data_file(tmp_path: Path) -> None:
    # Daily Papers copies some titles with their authors' TeX: readers see them as text.
    dump = (
        "Daily Papers\n\n\\texttt{nlse}: A Solver for PanGu-$π$\n\nIts abstract.\n\n"
        "  • 2 authors\n\n·\n\nMay 22, 2024\n"
    )
    docs = generate_sources(tmp_path, {"tex.txt": dump})
    # Its address is the title as written, as it always was.
    page = (docs / "papers/texttt-nlse-a-solver-for-pangu.md").read_text(encoding="utf-8")
    assert '<h1 id="title">nlse: A Solver for PanGu-π</h1>' in page
    text_in, bibtex_in = [], []
    for path in docs.rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        assert "texttt{" not in text and "for PanGu-$" not in text, path
        name = path.relative_to(docs).as_posix()
        text_in += [name] if "nlse: A Solver for PanGu-π" in text else []
        bibtex_in += [name] if "nlse: A Solver for PanGu-{\\ensuremath{\\pi}}" in text else []
    assert sorted(text_in) == [
        "feeds/papers.xml",
        "index.md",
        "papers.csv",
        "papers.json",
        "papers/texttt-nlse-a-solver-for-pangu.md",
        "unsorted.md",
    ]
    assert sorted(bibtex_in) == ["bibtex/papers.bib", "papers/texttt-nlse-a-solver-for-pangu.md"]


def test_titles_like_paths_or_a_thousand_characters_get_bounded_addresses_inside(
    tmp_path: Path,
) -> None:
    titles = [
        "../../etc/passwd",
        "/" * 1000,
        "A" * 1000,
        "é" * 1000,
        "word " * 200,
        "..",
        "C:\\Windows\\system32",
        "%2e%2e%2fsecret",
    ]
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    text = "\n".join(f"{title}\nAbstract {index}." for index, title in enumerate(titles))
    (content / "sources" / "paths.txt").write_text(text + "\n", encoding="utf-8")
    catalogue = read_catalogue(content)
    assert len(catalogue) == len(titles)
    out = tmp_path / "out" / "docs"
    generate(catalogue, uncurated(catalogue), SETTINGS, out)
    pages = sorted(p.name for p in (out / "papers").iterdir())
    assert len(pages) == len(titles)
    assert all(len(name) <= 80 + len(".md") for name in pages), pages
    written = [p.resolve() for p in (tmp_path / "out").rglob("*")]
    assert all(p.is_relative_to(out.resolve()) for p in written if p != out.resolve())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"]


@settings(max_examples=at_least(300), deadline=None)
@given(
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FF), max_size=40)
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
)
def test_front_matter_strings_read_back_as_the_escaped_text(text: str) -> None:
    dumped = _yaml_string(text)
    assert yaml.safe_load(f"title: {dumped}\n") == {"title": escape_html(text)}
    if escape_html(text).isprintable() and max(escape_html(text), default="") <= "\ufffd":
        # The fast path writes what PyYAML itself writes, so front matter never changes with it.
        slow = yaml.safe_dump(
            escape_html(text), default_style='"', width=1_000_000, allow_unicode=True
        )
        assert dumped == slow.strip()


def _every_paper_unsorted(tmp_path: Path, size: int) -> tuple[Catalogue, Path]:
    """The fixture papers, none in a theme, generated with Unsorted in pages of ``size``."""
    catalogue = read_catalogue(write_content(tmp_path))
    out = tmp_path / "docs"
    settings = with_options(unsorted_page_size=size)
    generate(
        catalogue, Curation((), tuple(CuratedPaper(p) for p in catalogue.papers)), settings, out
    )
    return catalogue, out


def test_a_long_unsorted_list_is_split_into_linked_pages(tmp_path: Path) -> None:
    catalogue, out = _every_paper_unsorted(tmp_path, 2)
    total = len(catalogue.papers)
    pages = [out / "unsorted.md", *sorted((out / "unsorted").glob("*.md"))]
    assert len(pages) == (total + 1) // 2 >= 3
    listed: list[str] = []
    for number, path in enumerate(pages, start=1):
        text = path.read_text(encoding="utf-8")
        ids = re.findall(r'<li id="paper-([^"]+)"><a href="(?:\.\./)+papers/\1/"', text)
        assert 1 <= len(ids) <= 2
        listed += ids
        assert f"Page {number} of {len(pages)}" in text
        assert ("← Newer" in text) is (number > 1)
        assert ("Older →" in text) is (number < len(pages))
        # Each paper's page links to the Unsorted page that lists it, at its item's anchor.
        for paper_id in ids:
            paper = (out / "papers" / f"{paper_id}.md").read_text(encoding="utf-8")
            page_url = "unsorted/" if number == 1 else f"unsorted/{number}/"
            assert f'href="../../{page_url}#paper-{paper_id}">Unsorted</a>' in paper
    assert sorted(listed) == sorted(p.id for p in catalogue.papers)  # each paper once
    second = (out / "unsorted" / "2.md").read_text(encoding="utf-8")
    assert 'href="../../unsorted/">← Newer</a>' in second
    assert 'data-ps-nav="../../unsorted/"' in second
    assert "data-ps-nav" not in (out / "unsorted.md").read_text(encoding="utf-8")
    assert "title: Unsorted, page 2\n" in second


@pytest.mark.parametrize(
    ("number", "count", "window"),
    [
        (1, 1, (1,)),
        (3, 5, (1, 2, 3, 4, 5)),
        (7, 7, (1, 2, 3, 4, 5, 6, 7)),
        (1, 17, (1, 2, None, 17)),
        # A gap of one page shows the page, not an ellipsis that hides only it.
        (4, 17, (1, 2, 3, 4, 5, None, 17)),
        (9, 17, (1, None, 8, 9, 10, None, 17)),
        (17, 17, (1, None, 16, 17)),
    ],
)
def test_a_pager_links_the_first_last_and_neighbouring_pages(
    number: int, count: int, window: tuple[int | None, ...]
) -> None:
    page: ListPage[str] = ListPage("unsorted/", "Unsorted", number, count, (), 0, 0)
    assert page.window == window


@pytest.mark.parametrize(("first", "last", "named"), [(3, 3, "page 3"), (2, 4, "pages 2–4")])
def test_pages_of_a_list_are_named_alike_everywhere(first: int, last: int, named: str) -> None:
    # A theme's sections and Unsorted's pages by date worded them each in their own template.
    assert str(render.page_span(first, last)) == named


@pytest.mark.parametrize(
    ("days", "spans"),
    [
        ((date(2022, 11, 3), date(2021, 3, 1)), "Nov 2022 – Mar 2021"),
        ((date(2022, 11, 30), date(2022, 11, 1)), "Nov 2022"),
        ((date(2019, 1, 2), None, None), "Jan 2019 and 2 papers with publication date unknown"),
        ((None,), "1 paper with publication date unknown"),
    ],
)
def test_a_page_of_newest_first_papers_spans_months_and_counts_its_undated(
    days: tuple[date | None, ...], spans: str
) -> None:
    assert date_range(days) == spans


def test_every_unsorted_page_links_every_page_and_says_what_dates_each_holds(
    tmp_path: Path,
) -> None:
    _, out = _every_paper_unsorted(tmp_path, 2)
    second = (out / "unsorted" / "2.md").read_text(encoding="utf-8")
    # A landmark named apart from the one below the list, the page it is on marked as current.
    top = second.partition('<nav class="ps-pager" aria-label="Pages of Unsorted, top"')[2]
    pager = top.partition("</nav>")[0]
    assert re.findall(r'<a (?:rel="\w+" )?href="([^"]+)"', pager) == [
        "../../unsorted/",
        "../../unsorted/",
        "../../unsorted/2/",
        "../../unsorted/3/",
        "../../unsorted/4/",
        "../../unsorted/5/",
        "../../unsorted/3/",
    ]
    assert '<a href="../../unsorted/2/" aria-current="page"' in pager
    # Each arrow in one piece with the page beside it, which wraps as one: "Next →" went alone
    # onto a line of its own on a phone.
    keep = re.findall(r'<span class="ps-pager-keep">(.*?)</span>', pager, re.DOTALL)
    assert [re.findall(r'href="([^"]+)"', links) for links in keep] == [
        ["../../unsorted/", "../../unsorted/"],
        ["../../unsorted/5/", "../../unsorted/3/"],
    ]
    assert second.count('aria-label="Pages of Unsorted, bottom"') == 1
    # Newest first: what each page spans, the undated papers last.
    dates = re.findall(r"<li>(?:<a [^>]+>|<strong>)(Page \d)(?:</a>|</strong>) (.*)</li>", top)
    unknown = "paper with publication date unknown"
    assert dates == [
        ("Page 1", '<span class="ps-meta">Oct 2025 – May 2025</span>'),
        ("Page 2", '<span class="ps-meta">May 2025 (this page)</span>'),
        ("Page 3", '<span class="ps-meta">May 2025</span>'),
        ("Page 4", f'<span class="ps-meta">May 2025 and 1 {unknown}</span>'),
        ("Page 5", f'<span class="ps-meta">1 {unknown}</span>'),
    ]


def test_unsorted_pages_holding_only_undated_papers_are_one_line_of_its_pages_by_date(
    tmp_path: Path,
) -> None:
    catalogue, out = _every_paper_unsorted(tmp_path, 1)
    count = len(catalogue.papers)
    undated = sum(paper.published is None for paper in catalogue.papers)
    assert undated >= 2
    first = count - undated + 1
    run = f'Pages <span class="ps-keep">{first}–{count}</span>'
    lines = {}
    for number in (1, count):
        text = (out / urls.page_file(urls.list_page_url(urls.UNSORTED, number))).read_text("utf-8")
        contents = text.partition('<ul class="ps-contents ps-date-runs" data-search-exclude>\n')[2]
        lines[number] = contents.partition("</ul>")[0].splitlines()
    # One line for the undated pages, linking the first of them, after a line for each dated one.
    assert len(lines[1]) == first
    link = f'<a href="../unsorted/{first}/">{run}</a>'
    undated_papers = "papers with publication date unknown"
    assert lines[1][-1] == f'<li>{link} <span class="ps-meta">{undated_papers}</span></li>'
    here = f"{undated_papers} (this is page {count})"
    assert (
        lines[count][-1] == f'<li><strong>{run}</strong> <span class="ps-meta">{here}</span></li>'
    )
    # The pager still links the page before, inside the run.
    assert f'<a rel="prev" href="../../unsorted/{count - 1}/">' in text


@pytest.mark.parametrize(
    ("pages", "runs"),
    [
        (
            [[date(2025, 5, 1)], [None], [None], [None]],
            [(1, 1, "May 2025"), (2, 4, "papers with publication date unknown")],
        ),
        # A page holding dated papers too keeps its line: it says how many are undated.
        (
            [[date(2025, 5, 1), None], [None]],
            [
                (1, 1, "May 2025 and 1 paper with publication date unknown"),
                (2, 2, "1 paper with publication date unknown"),
            ],
        ),
        ([[None, None]], [(1, 1, "2 papers with publication date unknown")]),
        ([[]], [(1, 1, "")]),
    ],
)
def test_date_runs_join_only_pages_after_each_other_holding_only_undated_papers(
    pages: list[list[date | None]], runs: list[tuple[int, int, str]]
) -> None:
    assert date_runs(pages) == tuple(DateRun(*run) for run in runs)


def test_a_paper_with_no_known_date_reads_the_same_in_every_list(docs: Path) -> None:
    # Theme lists and Unsorted said "Publication date unknown", a related list nothing at all.
    undated = "counting-with-transformers"
    related = (docs / "papers/gated-attention-for-large-language-models.md").read_text("utf-8")
    theme = (docs / "themes/reasoning.md").read_text(encoding="utf-8")
    tag = (docs / "tags/attention.md").read_text(encoding="utf-8")
    unknown = '<span class="ps-meta">Publication date unknown</span>'
    assert f'/papers/{undated}/">Counting With Transformers</a> {unknown}</li>' in related
    assert f'/papers/{undated}/">Counting With Transformers</a> {unknown}</li>' in tag
    entry = theme.partition(f'<h3 id="paper-{undated}"')[2]
    assert '</h3>\n<p class="ps-meta">Publication date unknown</p>' in entry
    # A dated related paper is worded as under its title.
    assert '<span class="ps-meta">Published 29 Oct 2025</span></li>' in related


def test_every_page_of_a_long_theme_lists_all_its_sections_and_where_each_is(
    tmp_path: Path,
) -> None:
    site = loaded(tmp_path)
    efficiency, *others = site.curation.themes
    sections = (Section("none", "None yet", "Why it matters."), *efficiency.sections)
    themes = (dataclasses.replace(efficiency, sections=sections), *others)
    curation = dataclasses.replace(site.curation, themes=themes)
    out = tmp_path / "docs"
    generate(site.catalogue, curation, with_options(theme_page_size=1), out)
    for number in (1, 2, 3):
        url = urls.list_page_url(urls.theme_url("efficiency"), number)
        text = (out / urls.page_file(url)).read_text(encoding="utf-8")
        contents = text.partition('<ul class="ps-contents ps-sections" data-search-exclude>\n')[2]
        listed = re.findall(
            r'<li><a href="([^"]*)">([^<]+)</a> <span class="ps-meta">([^<]+)<', contents
        )
        # Here, the anchor on this page; elsewhere, the page it starts on.
        assert listed == [
            (
                "#none" if number == 1 else "../../../themes/efficiency/#none",
                "None yet",
                "no papers yet · page 1",
            ),
            (
                "#attention" if number < 3 else "../../../themes/efficiency/#attention",
                "Attention | *gating*",
                "2 papers · pages 1–2",
            ),
            (
                "#memory" if number == 3 else f"{'../' * (number + 1)}themes/efficiency/3/#memory",
                "Memory &amp; {{ recall }}",
                "1 paper · page 3",
            ),
        ], number
    # The empty section keeps its heading and introduction, its heading one small line.
    first = (out / "themes/efficiency.md").read_text(encoding="utf-8")
    heading = '## None yet <span class="ps-meta">· no papers yet</span> { #none .ps-empty '
    assert heading in first
    assert "Why it matters." in first and "No papers in this section yet." not in first


def test_an_empty_section_says_so_beside_its_heading_but_not_in_the_table_of_contents(
    tmp_path: Path,
) -> None:
    # "· no papers yet" was in the heading's text, so the page's table of contents said it too.
    site = loaded(tmp_path)
    efficiency, *others = site.curation.themes
    title = 'Gates & "heads" | *soon* {x}'
    sections = (Section("none", title), *efficiency.sections)
    themes = (dataclasses.replace(efficiency, sections=sections), *others)
    curation = dataclasses.replace(site.curation, themes=themes)
    out = tmp_path / "docs"
    generate(site.catalogue, curation, SETTINGS, out)
    page = (out / "themes/efficiency.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    converter = mkdocs_markdown(with_extension=True)
    built = converter.convert(page)
    shown = escape_html(title)
    beside = '<span class="ps-meta">· no papers yet</span>'
    assert f'<h2 class="ps-empty" id="none">{shown} {beside}' in built
    assert "data-toc-label" not in built
    # Every section keeps the id papers' pages link to; the entry names the title alone.
    [heading] = converter.toc_tokens  # type: ignore[attr-defined]
    toc = [(t["id"], t["name"]) for t in heading["children"]]
    assert toc == [
        ("none", shown),
        ("attention", "Attention | *gating*"),
        ("memory", "Memory &amp; {{ recall }}"),
    ]


def start_here(text: str) -> str:
    """The inside of a theme page's "Start here" box; "" without one.

    It ends where its list does: a pick's note may hold a list and blocks of its own.
    """
    _, _, box = text.partition('<p class="admonition-title">Start here</p>')
    return box.partition("\n</ul>\n</div>\n\n")[0]


def test_the_start_here_box_says_why_to_read_each_pick_under_its_title(docs: Path) -> None:
    theme = (docs / "themes/efficiency.md").read_text(encoding="utf-8")
    note = render_note(HOSTILE_NOTE)
    link = (
        '<a href="../../papers/script-alert-title-script-friends/">'
        "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; Friends</a>"
    )
    # After the link, not in it: the link's name is the title alone.
    pick = f'<li>{link}\n<div class="ps-pick-note" data-search-exclude>\n{note}\n</div>\n</li>'
    assert pick in start_here(theme)
    # The entry in its section keeps the note, for a reader who jumps to the section.
    assert theme.count(note) == 2
    # A pick without a note is its title alone, with no empty box under it.
    reasoning = (docs / "themes/reasoning.md").read_text(encoding="utf-8")
    assert "ps-pick-note" not in reasoning and "counting-with-transformers" in start_here(reasoning)
    # The home page's cards are small: titles only.
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "script-alert-title-script-friends" in home and note not in home


def test_the_home_page_s_card_names_the_first_picks_and_links_to_the_rest(
    tmp_path: Path,
) -> None:
    site = loaded(tmp_path)
    # Every paper featured in one theme: more than `check` accepts without a warning.
    everywhere = (Placement("efficiency", "attention", pinned=True),)
    papers = tuple(
        dataclasses.replace(item, placements=everywhere, featured=frozenset({"efficiency"}))
        for item in site.curation.papers
    )
    assert len(papers) > FEATURED_AT_MOST
    out = tmp_path / "docs"
    generate(site.catalogue, dataclasses.replace(site.curation, papers=papers), SETTINGS, out)
    home = (out / "index.md").read_text(encoding="utf-8")
    card = home.partition("<p>Start here:</p>")[2].partition("\n</li>\n")[0]
    assert len(re.findall(r'<li><a href="papers/', card)) == FEATURED_AT_MOST
    more = len(papers) - FEATURED_AT_MOST
    assert f'<p><a href="themes/efficiency/">and {more} more on the theme page</a></p>' in card
    # The theme's own box lists every pick.
    theme = (out / "themes/efficiency.md").read_text(encoding="utf-8")
    assert len(re.findall("<li><a ", start_here(theme))) == len(papers)


def test_the_home_page_says_by_how_many_its_cards_count_past_the_papers_in_themes(
    tmp_path: Path,
) -> None:
    # A paper in three themes was "1 paper in more than one theme", but the cards counted it
    # two more times: adding them up found more papers than the page's numbers allowed for.
    site = loaded(tmp_path)
    third = Theme("third", "Third", "", (Section("all", "All"),))
    themes = (*site.curation.themes, third)
    first, *rest = site.curation.papers
    assert all(len(item.themes) <= 1 for item in rest)
    thrice = tuple(Placement(t.id, t.sections[0].id, pinned=True) for t in themes)
    papers = (dataclasses.replace(first, placements=thrice), *rest)
    curation = dataclasses.replace(site.curation, themes=themes, papers=papers)
    out = tmp_path / "docs"
    generate(site.catalogue, curation, SETTINGS, out)
    home = (out / "index.md").read_text(encoding="utf-8")
    cards = [int(n) for n in re.findall(r"</strong></a> · (\d+) papers?</p>", home)]
    unsorted = int(re.findall(r"Unsorted</a>: (\d+) papers? in no theme yet", home)[0])
    in_a_theme = len(papers) - unsorted
    assert sum(cards) == in_a_theme + 2
    assert (
        "1 paper is in more than one theme and counted in each: the cards add up to "
        f"{sum(cards)}, 2 more than the {in_a_theme} papers in a theme."
    ) in home
    assert f"A curated reading list of {len(papers)} machine-learning papers" in home


def as_listed(docs: Path, theme_id: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """A theme's "Start here" papers and its sections with their papers, as its pages list them.

    Read from the generated Markdown, page after page; a section continued on the next page is
    one section.
    """
    pages = [docs / urls.page_file(urls.theme_url(theme_id))]
    while (following := docs / f"themes/{theme_id}/{len(pages) + 1}.md").exists():
        pages.append(following)
    texts = [page.read_text(encoding="utf-8") for page in pages]
    featured = re.findall(r'<li><a href="[./]*papers/([^/"]+)/"', start_here(texts[0]))
    sections: list[tuple[str, list[str]]] = []
    for text in texts:
        for heading, paper_id in re.findall(
            r'^## .*\{ #([^ ]+) \}$|<h3 id="paper-([^"]+)"', text, re.MULTILINE
        ):
            if heading and not (sections and sections[-1][0] == heading):
                sections.append((heading, []))
            elif paper_id:
                sections[-1][1].append(paper_id)
    return featured, sections


def test_themes_json_lists_each_section_s_papers_as_its_pages_do(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    unsorted = [item for item in site.curation.papers if not item.placements]
    assert len(unsorted) >= 2
    moved: dict[str, dict[str, Any]] = {
        # A curator's order puts the later one of two papers of a day first.
        "gated-attention-for-large-language-models": {"order": 1},
        # Placed in a section the theme lacks: its page lists it last, under "Other papers".
        unsorted[0].paper.id: {"placements": (Placement("efficiency", "gone", pinned=True),)},
        unsorted[1].paper.id: {
            "placements": (Placement("reasoning", "counting", pinned=True),),
            "featured": frozenset({"reasoning"}),
            "order": 2,
        },
    }
    papers = tuple(
        dataclasses.replace(item, **moved.get(item.paper.id, {})) for item in site.curation.papers
    )
    curation = dataclasses.replace(site.curation, papers=papers)
    out = tmp_path / "docs"
    # Two papers a page: sections are split across pages, and go on on the next.
    generate(site.catalogue, curation, with_options(theme_page_size=2), out)
    themes = json.loads((out / "themes.json").read_text(encoding="utf-8"))
    assert [theme["id"] for theme in themes] == ["efficiency", "reasoning"]
    for theme in themes:
        featured, sections = as_listed(out, theme["id"])
        assert theme["featured"] == featured
        assert [(s["id"], s["papers"]) for s in theme["sections"]] == sections
    efficiency, reasoning = themes
    assert [s["id"] for s in efficiency["sections"]] == ["attention", "memory", "other"]
    assert efficiency["sections"][0]["papers"][0] == "gated-attention-for-large-language-models"
    # Featured in reading order too: a curator's order comes before none.
    assert reasoning["featured"] == [unsorted[1].paper.id, "counting-with-transformers"]
    assert (out / "themes/efficiency/2.md").exists()


def test_a_long_theme_is_split_into_linked_pages_in_reading_order(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    generate(site.catalogue, site.curation, with_options(theme_page_size=1), out)
    pages = [out / "themes/efficiency.md", *(out / f"themes/efficiency/{n}.md" for n in (2, 3))]
    assert not (out / "themes/efficiency/4.md").exists()
    texts = [page.read_text(encoding="utf-8") for page in pages]
    anchored = [re.findall(r'<h3 id="paper-([^"]+)"', text) for text in texts]
    # One paper a page: the two of the first section, then the one of the second.
    assert [len(ids) for ids in anchored] == [1, 1, 1]
    assert sorted(anchored[0] + anchored[1]) == [
        "gated-attention-for-large-language-models",
        "script-alert-title-script-friends",
    ]
    assert anchored[2] == ["pretraining-with-hierarchical-memories"]
    assert texts[1].startswith('---\ntitle: "Efficiency &lt;&amp; friends&gt;, page 2"\n')
    assert "(continued) { #attention }" in texts[1] and "(continued)" not in texts[2]
    # The theme's and the section's introductions open the theme and the section only.
    # (In the page itself: every page's description in its front matter is the introduction's.)
    bodies = [text.split("---\n", 2)[2] for text in texts]
    assert ["Making models" in body for body in bodies] == [True, False, False]
    assert ["Gates on heads." in text for text in texts] == [True, False, False]
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of 3" in text
        # Worded as Unsorted's and a tag's pages say which of their papers they list.
        assert f"3 papers; this page lists paper {number} · " in text
        assert ("← Previous" in text) is (number > 1) and ("Next →" in text) is (number < 3)
    assert 'href="../../../themes/efficiency/">← Previous</a>' in texts[1]
    assert 'href="../../../themes/efficiency/3/">Next →</a>' in texts[1]
    # Later pages name the first, whose entry in the navigation stands for them (papersite.js).
    assert ["data-ps-nav" in text for text in texts] == [False, True, True]
    assert 'data-ps-nav="../../../themes/efficiency/"' in texts[2]
    # A paper's page links to the theme page that lists it, at its anchor.
    for number, ids in enumerate(anchored, start=1):
        paper = (out / "papers" / f"{ids[0]}.md").read_text(encoding="utf-8")
        url = "themes/efficiency/" if number == 1 else f"themes/efficiency/{number}/"
        assert f'href="../../{url}#paper-{ids[0]}"' in paper


def test_intro_links_on_a_theme_s_later_pages_lead_where_they_do_from_its_first(
    tmp_path: Path,
) -> None:
    # Curators write an intro's relative links from themes/<id>/
    # (curation_checks.check_intro_links); a section that starts on page 2 shows its intro a
    # folder deeper, at themes/<id>/2/.
    site = loaded(tmp_path)
    paper = "gated-attention-for-large-language-models"
    intro = f"[a paper](../../papers/{paper}/), [a theme](../reasoning/)"
    efficiency, *others = site.curation.themes
    sections = (
        *(dataclasses.replace(section, intro=intro) for section in efficiency.sections),
        Section("empty", "Empty", intro),  # no papers: it falls on the last page
    )
    themes = (dataclasses.replace(efficiency, intro=intro, sections=sections), *others)
    curation = dataclasses.replace(site.curation, themes=themes)
    out = tmp_path / "docs"
    generate(site.catalogue, curation, with_options(theme_page_size=1), out)
    shown = {}
    for number in (1, 2, 3):
        url = urls.list_page_url(urls.theme_url("efficiency"), number)
        text = (out / urls.page_file(url)).read_text(encoding="utf-8")
        intros = re.findall(r'<div class="ps-intro">\n(.*?)\n</div>', text, re.DOTALL)
        hrefs = [href for html in intros for href in re.findall(r'href="([^"]+)"', html)]
        shown[number] = len(intros)
        assert len(hrefs) == 2 * len(intros)
        for href in hrefs:
            target = posixpath.normpath(posixpath.join(url, href))
            assert target in (f"papers/{paper}", "themes/reasoning")
            assert (out / urls.page_file(f"{target}/")).is_file(), (number, href)
    # The theme's and the attention section's on page 1; memory's and empty's on page 3.
    assert shown == {1: 2, 2: 0, 3: 2}


def test_the_home_page_lists_as_many_recent_papers_as_recent_papers_says(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    listed = {}
    for count in (3, 0):
        out = tmp_path / f"recent-{count}"
        settings = with_options(recent_papers=count)
        generate(site.catalogue, site.curation, settings, out)
        listed[count] = (out / "index.md").read_text(encoding="utf-8")
    recent = listed[3].split("## Most recently published\n", 1)[1].split("## Contribute")[0]
    assert re.findall(r'<li><a href="papers/([^/"]+)/"', recent) == [
        "pretraining-with-hierarchical-memories",
        "etc-passwd",
        "heading-title",
    ]
    # 0: no such list, and no heading over nothing.
    assert "Most recently published" not in listed[0]
    assert "## Themes" in listed[0] and "## Contribute" in listed[0]
    # Nor in a reading list with no papers yet.
    nothing = Catalogue((), (), ())
    generate(nothing, uncurated(nothing), SETTINGS, tmp_path / "empty")
    home = (tmp_path / "empty" / "index.md").read_text(encoding="utf-8")
    assert "Most recently published" not in home and "## Contribute" in home


def test_every_feed_holds_as_many_papers_as_feed_entries_says(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    generate(site.catalogue, site.curation, with_options(feed_entries=2), out)
    for name, newest in (
        ("papers", ["pretraining-with-hierarchical-memories", "etc-passwd"]),
        (
            "efficiency",
            ["pretraining-with-hierarchical-memories", "script-alert-title-script-friends"],
        ),
    ):
        feed = (out / "feeds" / f"{name}.xml").read_text(encoding="utf-8")
        assert (
            re.findall(r"<entry>\s*<title[^>]*>[^<]*</title>\s*<id>[^<]*/papers/([^/]+)/", feed)
            == newest
        )


def test_every_feed_names_mkdocs_yml_s_site_author(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    generate(site.catalogue, site.curation, dataclasses.replace(SETTINGS, site_author="Ada"), out)
    for name in ("papers", "efficiency", "reasoning"):
        feed = (out / "feeds" / f"{name}.xml").read_text(encoding="utf-8")
        assert "<author>\n    <name>Ada</name>\n  </author>" in feed, name


def test_every_feed_is_in_the_site_s_language(tmp_path: Path) -> None:
    # mkdocs.yml's theme.language, as site_settings reads it.
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    german = dataclasses.replace(SETTINGS, language="de")
    generate(site.catalogue, site.curation, german, out)
    for name in ("papers", "efficiency", "reasoning"):
        feed = (out / "feeds" / f"{name}.xml").read_text(encoding="utf-8")
        assert re.search(r'<feed xmlns="[^"]+" xml:lang="de">', feed), name


def test_a_paper_page_lists_as_many_related_papers_as_related_papers_says(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    gated = "gated-attention-for-large-language-models.md"
    listed = {}
    for count in (2, 0):
        out = tmp_path / f"related-{count}"
        settings = with_options(related_papers=count)
        generate(site.catalogue, site.curation, settings, out)
        listed[count] = {page.name: related_listed(page) for page in (out / "papers").glob("*.md")}
        home = (out / "index.md").read_text(encoding="utf-8")
        assert ("abstract, links, related papers and a citation" in home) is (count > 0)
        assert ("abstract, links and a citation" in home) is (count == 0)
    # The first two of the four the default lists.
    shipped = related_listed(GOLDEN / "paper-gated-attention.md")
    assert shipped is not None and len(shipped) == 4
    assert listed[2][gated] == shipped[:2]
    assert all(ids is not None and len(ids) <= 2 for ids in listed[2].values())
    # 0: no section at all, rather than a heading over "No related papers found."
    assert set(listed[0].values()) == {None}


def test_a_paper_page_lists_its_sections_for_screens_without_material_s_contents(
    tmp_path: Path,
) -> None:
    # On a phone or a tablet Material shows a page's contents only in the navigation drawer, under
    # the page's entry, which a paper's page lacks: its sections could not be reached from a list.
    # The page lists them itself, each heading it has and no other, with or without a note and
    # related papers.
    site = loaded(tmp_path)
    pages = 0
    noted = set()
    for count in (5, 0):
        out = tmp_path / f"related-{count}"
        generate(site.catalogue, site.curation, with_options(related_papers=count), out)
        for page in (out / "papers").glob("*.md"):
            text = page.read_text(encoding="utf-8")
            contents = re.search(
                r'<nav class="ps-page-contents" aria-label="Table of contents">\n<ul>\n'
                r"(.*?)</ul>\n</nav>\n<h2",
                text,
                re.S,
            )
            assert contents is not None, page.name
            listed = re.findall(r'<li><a href="#([a-z-]+)">', contents.group(1))
            assert listed == re.findall(r'<h2 id="([a-z-]+)">', text), page.name
            pages += 1
            noted.add("curators-note" in listed)
    assert pages > 2 and noted == {True, False}


def test_a_paper_page_s_sections_are_one_list_its_contents_and_headings_follow(
    tmp_path: Path,
) -> None:
    # The contents repeated each heading's condition and anchor in the template: they could
    # disagree with the headings. Now both follow PaperView.sections.
    every = ["abstract", "curators-note", "in-the-reading-list", "links", "related-papers"]
    every += ["cite", "sources"]
    for note, related in ((True, True), (False, True), (True, False), (False, False)):
        anchors = [anchor for anchor, _ in paper_sections(note=note, related=related)]
        expected = [
            anchor
            for anchor in every
            if (note or anchor != "curators-note") and (related or anchor != "related-papers")
        ]
        assert anchors == expected
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    generate(site.catalogue, site.curation, with_options(related_papers=0), out)
    text = next((out / "papers").glob("*.md")).read_text(encoding="utf-8")
    assert "Curator&#39;s" not in text
    assert '<h2 id="related-papers">' not in text and '<h2 id="cite">Cite</h2>' in text


def test_theme_pages_keep_empty_sections_where_they_fall() -> None:
    def view(paper_id: str) -> PaperView:
        return PaperView(
            paper_id,
            paper_id,
            "",
            None,
            None,
            None,
            None,
            None,
            (),
            None,
            (),
            None,
            (),
            None,
            (),
            (),
        )

    sections = (
        SectionView("a", "A", None, tuple(view(f"a{i}") for i in range(3))),
        SectionView("b", "B", None, ()),
        SectionView("c", "C", None, (view("c0"),)),
    )
    pages = paginate_theme(ThemeView("t", "T", None, 4, (), sections), 2)
    assert [
        [(s.id, [p.id for p in s.papers], s.continued) for s in page.items] for page in pages
    ] == [
        [("a", ["a0", "a1"], False)],
        [("a", ["a2"], True), ("b", [], False), ("c", ["c0"], False)],
    ]
    assert [(page.first, page.last, page.path, page.url) for page in pages] == [
        (1, 2, "themes/t.md", "themes/t/"),
        (3, 4, "themes/t/2.md", "themes/t/2/"),
    ]
    [empty] = paginate_theme(ThemeView("t", "T", None, 0, (), (sections[1],)), 2)
    assert (empty.count, [s.id for s in empty.items], empty.first, empty.last) == (1, ["b"], 0, 0)


def test_the_search_option_gives_the_site_a_search_page(tmp_path: Path) -> None:
    # The option alone, as mkdocs.yml's extra.papersite.search sets it, with its group size.
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    settings = with_options(search="pagefind", search_group_size=3)
    result = generate(site.catalogue, site.curation, settings, out)
    assert (result.search.backend, result.search.group_size) == ("pagefind", 3)
    assert NavEntry("Search", "search.md") in result.nav
    assert (out / "search.md").is_file()


def test_the_search_example_is_a_title_whose_words_a_paper_it_names_holds(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    # No paper holds "friends" and "efficiency", nor "arithmetic" and "reasoning": the first
    # section whose words a paper of it holds ("Gated Attention ...", "Gating mechanisms").
    assert search_example(site.curation) == "Attention | *gating*"
    out = tmp_path / "docs"
    generate(site.catalogue, site.curation, PAGEFIND, out)
    for name in ("index.md", "search.md"):
        page = (out / name).read_text(encoding="utf-8")
        assert ' placeholder="e.g. Attention | *gating*">' in page, name


def test_no_search_example_when_no_title_finds_a_paper(tmp_path: Path) -> None:
    catalogue = read_catalogue(write_content(tmp_path))
    out = tmp_path / "docs"
    generate(catalogue, uncurated(catalogue), PAGEFIND, out)
    for name in ("index.md", "search.md"):
        page = (out / name).read_text(encoding="utf-8")
        assert 'type="search"' in page and "placeholder" not in page, name


def test_citations_name_the_arxiv_id_the_page_links_to(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    # One paper's id from the curator (the fixture's), another's from an arXiv link in its abstract
    # (of its month, October 2025: a link to an older paper is to one it cites).
    linked = "pretraining-with-hierarchical-memories"
    papers = tuple(
        dataclasses.replace(
            item, paper=dataclasses.replace(item.paper, links=("https://arxiv.org/abs/2510.21450",))
        )
        if item.paper.id == linked
        else item
        for item in site.curation.papers
    )
    out = tmp_path / "docs"
    result = generate(
        site.catalogue, dataclasses.replace(site.curation, papers=papers), SETTINGS, out
    )
    bib = (out / "bibtex/efficiency.bib").read_text(encoding="utf-8")
    for paper_id, arxiv_id in (
        ("gated-attention-for-large-language-models", "2505.06708"),
        (linked, "2510.21450"),
    ):
        page = (out / f"papers/{paper_id}.md").read_text(encoding="utf-8")
        assert f'<a href="https://arxiv.org/abs/{arxiv_id}">arXiv:{arxiv_id}</a>' in page
        fields = f"  howpublished = {{arXiv:{arxiv_id}}},\n"
        assert fields in page
        assert f"@misc{{{paper_id},\n" in bib and fields in bib.split(f"@misc{{{paper_id},")[1]
    assert bib.count("howpublished") == 2  # the theme's third paper has no arXiv id
    # papers.json and papers.csv give the same ids: a reader of the data cites what a page links.
    exported = {o["id"]: o["arxiv"] for o in json.loads((out / "papers.json").read_text("utf-8"))}
    rows = {
        r["id"]: r["arxiv"]
        for r in csv.DictReader(io.StringIO((out / "papers.csv").read_text("utf-8")))
    }
    expected: dict[str, str | None] = {
        "gated-attention-for-large-language-models": "2505.06708",
        linked: "2510.21450",
        "script-alert-title-script-friends": None,
    }
    # And search finds each paper by that id.
    searched = {entry.id: entry.arxiv for entry in result.search_entries}
    for paper_id, exported_id in expected.items():
        assert exported[paper_id] == exported_id
        assert rows[paper_id] == (exported_id or "")
        assert searched[paper_id] == exported_id


def test_a_paper_page_links_each_address_once_under_the_curator_s_label(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    paper_id = "gated-attention-for-large-language-models"  # the curator gave arXiv 2505.06708
    curator = (
        ExtraLink("Code", "https://github.com/qiuzh20/gated_attention"),
        ExtraLink("Abstract", "https://arxiv.org/abs/2505.06708/"),
        ExtraLink("Weights", "https://huggingface.co/QwQZh/gated_attention"),
        ExtraLink("Weights, again", "https://huggingface.co/QwQZh/gated_attention"),
    )
    scraped = (
        "http://GitHub.com/qiuzh20/gated_attention/",
        "https://github.com/qiuzh20/gated_attention/issues",
    )
    papers = tuple(
        dataclasses.replace(
            item, links=curator, paper=dataclasses.replace(item.paper, links=scraped)
        )
        if item.paper.id == paper_id
        else item
        for item in site.curation.papers
    )
    out = tmp_path / "docs"
    generate(site.catalogue, dataclasses.replace(site.curation, papers=papers), SETTINGS, out)
    page = (out / f"papers/{paper_id}.md").read_text(encoding="utf-8")
    links = page.split('<h2 id="links">Links</h2>')[1].split("</ul>")[0]
    assert re.findall(r">([^<>]+)</a>", links) == [
        "arXiv:2505.06708",
        "Code",
        "Weights",
        "github.com/qiuzh20/gated_attention/issues",
    ]


def test_a_citation_that_lost_characters_says_so_on_its_page_and_in_its_files(
    tmp_path: Path,
) -> None:
    site = loaded(tmp_path)
    lossy = "gated-attention-for-large-language-models"
    papers = tuple(
        dataclasses.replace(item, paper=dataclasses.replace(item.paper, title="大模型 Gated?"))
        if item.paper.id == lossy
        else item
        for item in site.curation.papers
    )
    out = tmp_path / "docs"
    generate(site.catalogue, dataclasses.replace(site.curation, papers=papers), SETTINGS, out)
    said = "Characters pdflatex cannot typeset were written ? in this citation;"
    for page in (out / "papers").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert (said in text) is (page.stem == lossy), page.name
    assert "title = {{??? Gated?}}" in (out / f"papers/{lossy}.md").read_text(encoding="utf-8")
    for bib in (out / "bibtex").glob("*.bib"):
        text = bib.read_text(encoding="utf-8")
        assert (LOST_CHARACTERS in text) is (f"@misc{{{lossy}," in text), bib.name


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("Gating mechanisms help. Code: https://x.org", "Gating mechanisms help."),
        # A period after an abbreviation ends no sentence.
        ("As Smith et al. Show, gates help. More.", "As Smith et al. Show, gates help."),
        ("Models, e.g. Transformers, scale. Then more.", "Models, e.g. Transformers, scale."),
        ("Is  it\nfast? Yes.", "Is it fast?"),
        ("Version 2.5 is out. Next.", "Version 2.5 is out."),
    ],
)
def test_a_description_is_the_first_sentence(text: str, described: str) -> None:
    assert summarize(text) == described


def test_a_long_description_is_cut_at_a_word_within_the_limit() -> None:
    text = "Ab " + "word " * 40 + "unfinished"
    described = summarize(text)
    assert len(described) <= 160 and described.endswith("word…")
    assert text.startswith(described.removesuffix("…"))
    long_word = "x" * 300
    assert summarize(long_word) == "x" * 159 + "…"
    assert summarize("One, " + "two, " * 40).endswith("two…")


def front_matter_of(page: Path) -> dict[str, object]:
    """A generated page's front matter, as MkDocs reads it."""
    loaded_yaml: dict[str, object] = yaml.safe_load(page.read_text("utf-8").split("---\n")[1])
    return loaded_yaml


def test_paper_and_theme_pages_describe_themselves(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    generate(site.catalogue, site.curation, SETTINGS, out)
    # HTML-escaped: Material prints the description into an attribute as it stands.
    assert front_matter_of(out / "papers/script-alert-title-script-friends.md")["description"] == (
        escape_html(
            "Abstract with <img src=x onerror=alert(1)> and <b>bold</b> & an entity &amp done."
        )
    )
    counting = front_matter_of(out / "papers/counting-with-transformers.md")["description"]
    assert isinstance(counting, str) and 0 < len(counting) <= 160
    # A theme by its introduction's text, or by what it holds when it has none.
    assert front_matter_of(out / "themes/efficiency.md")["description"] == escape_html(
        "Making models cheaper. <iframe src=x></iframe>"
    )
    assert (
        front_matter_of(out / "themes/reasoning.md")["description"]
        == "2 papers on Arithmetic reasoning"
    )


def test_a_list_page_says_which_papers_it_holds() -> None:
    # A page of one paper said "papers 2 to 2", in its text and its description.
    def page(first: int, last: int) -> ListPage[str]:
        return ListPage("unsorted/", "Unsorted", 2, 3, (), first, last)

    assert page(301, 600).holds == "papers 301 to 600"
    assert page(2, 2).holds == "paper 2"


def test_every_listing_page_describes_itself(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    settings = with_options(theme_page_size=1, unsorted_page_size=1, search="pagefind")
    generate(site.catalogue, site.curation, settings, out)

    def described(page: str) -> object:
        return front_matter_of(out / page)["description"]

    # A theme's later page says which page it is and what it lists, not page 1's introduction.
    assert described("themes/efficiency/2.md") == escape_html(
        "3 papers on Efficiency <& friends>; page 2 of 3 lists paper 2, "
        "in Attention | *gating* (continued)."
    )
    assert described("themes/efficiency/3.md") == escape_html(
        "3 papers on Efficiency <& friends>; page 3 of 3 lists paper 3, in Memory & {{ recall }}."
    )
    # Unsorted's pages by the months they span, as its "Pages by date" lists them.
    assert [described("unsorted.md"), described("unsorted/4.md")] == [
        "4 papers not yet sorted into a theme, newest first; page 1 of 4 lists paper 1 (May 2025).",
        "4 papers not yet sorted into a theme, newest first; page 4 of 4 lists paper 4 "
        "(1 paper with publication date unknown).",
    ]
    assert described("tags/attention/2.md") == (
        "5 papers curators tagged “attention”, by title; page 2 of 5 lists paper 2."
    )
    assert described("tags/i-tag-i-co.md") == escape_html(
        "1 paper curators tagged “<i>tag</i> & co”, by title."
    )
    assert described("tags.md") == "The 2 tags curators gave papers, with how many papers each has."
    assert described("about.md") == (
        "How papersite is made from Hugging Face Daily Papers, and its papers as data: JSON, CSV, "
        "JSON Schemas, Atom feeds and BibTeX."
    )
    assert described("search.md") == (
        f"Search the titles and abstracts of {len(site.curation.papers)} papers."
    )
    # No two pages alike, which told a search engine nothing of each.
    # (The home page has none: Material gives it mkdocs.yml's site_description.)
    pages = set(out.rglob("*.md")) - {out / "index.md"}
    descriptions = [front_matter_of(p).get("description") for p in pages]
    assert None not in descriptions and len(set(descriptions)) == len(descriptions)


def test_a_site_at_its_hosts_root_has_a_robots_txt_naming_its_sitemap(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    out = tmp_path / "docs"
    at_root = dataclasses.replace(SETTINGS, site_url="https://papers.example.org/")
    generate(site.catalogue, site.curation, at_root, out)
    assert (out / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nDisallow:\n\nSitemap: https://papers.example.org/sitemap.xml\n"
    )
    # Under a path (a project's GitHub Pages site) crawlers would never read it: none, and the
    # one written before goes, as any file the run does not write.
    generate(site.catalogue, site.curation, SETTINGS, out)
    assert not (out / "robots.txt").exists()


def test_a_paper_page_names_the_feed_of_each_of_its_themes(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    both = "gated-attention-for-large-language-models"
    papers = tuple(
        dataclasses.replace(
            item, placements=(*item.placements, Placement("reasoning", "counting", pinned=True))
        )
        if item.paper.id == both
        else item
        for item in site.curation.papers
    )
    out = tmp_path / "docs"
    generate(site.catalogue, dataclasses.replace(site.curation, papers=papers), SETTINGS, out)
    # What templates/overrides/main.html names in the head: titles as Material prints them.
    efficiency = {
        "title": escape_html("papersite: Efficiency <& friends>"),
        "url": "feeds/efficiency.xml",
    }
    reasoning = {"title": "papersite: Arithmetic reasoning", "url": "feeds/reasoning.xml"}
    # In two themes: both feeds, in the themes' display order.
    assert front_matter_of(out / f"papers/{both}.md")["feeds"] == [efficiency, reasoning]
    assert front_matter_of(out / "papers/counting-with-transformers.md")["feeds"] == [reasoning]
    # In none: only the site's feed of newest papers, which every page names.
    assert "feeds" not in front_matter_of(out / "papers/etc-passwd.md")
    # A theme's pages name their theme's feed the same way.
    assert front_matter_of(out / "themes/efficiency.md")["feeds"] == [efficiency]


def test_the_about_page_links_to_the_repository_when_mkdocs_yml_names_it(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    repo = "https://github.com/owner/papersite"
    for site_settings, fork in (
        (SETTINGS, "<li>Fork the repository and edit"),
        (
            dataclasses.replace(SETTINGS, repo_url=repo),
            f'<li><a href="{repo}">Fork the repository</a> and edit',
        ),
    ):
        out = tmp_path / ("linked" if site_settings.repo_url else "plain")
        generate(site.catalogue, site.curation, site_settings, out)
        assert fork in (out / "about.md").read_text(encoding="utf-8")


def test_the_about_page_describes_every_field_of_the_data_files(docs: Path) -> None:
    about = (docs / "about.md").read_text(encoding="utf-8")
    assert "README" not in about  # readers reusing the data need nothing but the site
    rows = re.findall(r"<tr><td><code>(\w+)</code></td><td>([^<]+)</td><td>(.*)</td></tr>", about)
    assert [(name, kind) for name, kind, _ in rows] == [(f.name, f.type) for f in EXPORT_FIELDS]
    meanings = dict((name, meaning) for name, _, meaning in rows)
    # The meanings' Markdown, code and all, as HTML.
    assert meanings["url"] == (
        "the paper's page on the site, relative to the site root: <code>papers/&lt;id&gt;/</code>"
    )
    assert '<a href="#fields">fields below</a>' in about


def test_the_about_page_links_every_data_file_beside_the_pages(docs: Path) -> None:
    about = (docs / "about.md").read_text(encoding="utf-8")
    data = sorted(path.name for path in docs.iterdir() if path.suffix in (".json", ".csv"))
    assert data == [
        "papers.csv",
        "papers.json",
        "papers.schema.json",
        "themes.json",
        "themes.schema.json",
    ]
    for name in data:
        assert f'<a href="../{name}">{name}</a>' in about, name
    # Said of the data only once it holds what the theme pages show (themes.json).
    assert "as its pages group and order the papers" in about


def _break_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, line: int, text: str
) -> Path:
    """A copy of the templates in which line ``line`` of ``name`` reads ``text``, in use."""
    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    lines = (templates / name).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = text + "\n"
    (templates / name).write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(render, "TEMPLATES", templates)
    return templates / name


@pytest.mark.parametrize(
    ("name", "line", "text", "message"),
    [
        ("home.md.j2", 4, "{{ oops( total curated }}", "expected token ',', got 'curated'"),
        ("home.md.j2", 4, "{{ undefined_var }}", "'undefined_var' is undefined"),
        # Without Jinja's count of characters from the template's start ("at 409").
        ("home.md.j2", 4, "{{ total ` }}", "unexpected char '`'"),
        ("home.md.j2", 4, "{{ total|no_such_filter }}", "No filter named 'no_such_filter'."),
        ("home.md.j2", 4, "{{ total is no_such_test }}", "No test named 'no_such_test'."),
        # Known only when the line runs: Jinja2 leaves a filter inside an `if` to then.
        (
            "home.md.j2",
            4,
            "{% if total %}{{ total|no_such_filter }}{% endif %}",
            "No filter named 'no_such_filter' found.",
        ),
        ("home.md.j2", 4, '{% include "gone.md.j2" %}', "no template named 'gone.md.j2'"),
        # In a macro another template calls: the macro's line, not the call's.
        (
            "_macros.j2",
            8,
            "{{ p.no_such_field }}",
            "'papersite.render.PaperView object' has no attribute 'no_such_field'",
        ),
        (
            "_macros.j2",
            8,
            "{% endif %}",
            "Encountered unknown tag 'endif'. Jinja was looking for the following tags: "
            "'endmacro'. The innermost block that needs to be closed is 'macro'.",
        ),
    ],
)
def test_a_mistake_in_a_template_is_one_error_at_its_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    line: int,
    text: str,
    message: str,
) -> None:
    site = loaded(tmp_path)
    broken = _break_template(tmp_path, monkeypatch, name, line, text)
    with pytest.raises(PapersiteError) as raised:
        generate(site.catalogue, site.curation, SETTINGS, tmp_path / "docs")
    assert [str(problem) for problem in raised.value.problems] == [
        f"{display_path(broken)}:{line}: {message}"
    ]


def test_a_template_python_asks_for_that_does_not_exist_is_a_bug(tmp_path: Path) -> None:
    site = loaded(tmp_path)
    renderer = render.Renderer(site.catalogue, site.curation, SETTINGS)
    with pytest.raises(jinja2.TemplateNotFound):
        renderer.render("no-such-page.md.j2")


def test_the_generate_command_names_a_template_mistake_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from papersite.cli import main

    broken = _break_template(tmp_path, monkeypatch, "home.md.j2", 4, "{{ oops( total curated }}")
    content = write_content(tmp_path)
    config = str(REPO / "mkdocs.yml")
    out = str(tmp_path / "docs")
    assert main(["generate", "--content", str(content), "--config", config, "--out", out]) == 1
    assert capsys.readouterr().err == (
        f"{display_path(broken)}:4: expected token ',', got 'curated'\n"
    )
