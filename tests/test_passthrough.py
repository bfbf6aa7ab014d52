from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from markdown.htmlparser import HTMLExtractor
from mkdocs.utils.meta import get_data

from papersite.curation import Curation
from papersite.mkdocs_glue import load_mkdocs_config
from papersite.passthrough import PaperPagePreprocessor
from papersite.render import generate

from .conftest import REPO
from .sites import SETTINGS, loaded

EXTENSION = "papersite.passthrough"
# Blank lines inside the HTML (a code block in a note) and Markdown-looking text.
NOTE = (
    "First *paragraph*.\n\n```\ncode line\n\n    after a blank line\n```\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n"
)


@functools.cache
def shipped_config() -> Any:
    """The shipped mkdocs.yml as MkDocs validates it (any existing docs folder will do)."""
    return load_mkdocs_config(REPO / "mkdocs.yml", docs_dir=str(REPO / "tests"))


def mkdocs_markdown(with_extension: bool) -> markdown.Markdown:
    """Python-Markdown as the shipped mkdocs.yml sets it up, with or without the extension."""
    config = shipped_config()
    extensions = [e for e in config["markdown_extensions"] if with_extension or e != EXTENSION]
    return markdown.Markdown(extensions=extensions, extension_configs=config["mdx_configs"])


@pytest.fixture
def paper_pages(tmp_path: Path) -> list[str]:
    """The Markdown of every paper page of the fixture site, one with a note of several blocks."""
    site = loaded(tmp_path)
    papers = tuple(
        dataclasses.replace(item, note=NOTE) if item.paper.id.startswith("counting-with") else item
        for item in site.curation.papers
    )
    out = tmp_path / "docs"
    generate(site.catalogue, Curation(site.curation.themes, papers), SETTINGS, out)
    return [get_data(p.read_text(encoding="utf-8"))[0] for p in sorted(out.glob("papers/*.md"))]


def test_the_shipped_configuration_loads_the_extension() -> None:
    assert EXTENSION in shipped_config()["markdown_extensions"]


def test_paper_pages_come_out_the_same_without_being_parsed(
    paper_pages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(paper_pages) > 5
    assert any("after a blank line" in page for page in paper_pages)
    expected = [mkdocs_markdown(with_extension=False).convert(page) for page in paper_pages]
    parsed: list[str] = []
    feed = HTMLExtractor.feed

    def counting_feed(self: HTMLExtractor, data: str, *args: Any) -> None:
        parsed.append(data)
        feed(self, data, *args)

    monkeypatch.setattr(HTMLExtractor, "feed", counting_feed)
    actual = [mkdocs_markdown(with_extension=True).convert(page) for page in paper_pages]
    assert actual == expected
    # Python-Markdown's HTML block parser saw only the placeholders, no tag of the pages.
    assert all("<" not in text for text in parsed)


@pytest.mark.parametrize(
    "document",
    [
        "# A heading\n\nA paragraph with <b>raw</b> HTML.\n",
        '<div class="ps-paper-page">\n<p>opened</p>\n</div>\n\nMarkdown *after* it.\n',
        '<div class="ps-other">\n<p>another element</p>\n</div>\n',
        "",
    ],
)
def test_other_documents_go_through_markdown_as_before(document: str) -> None:
    lines = document.split("\n")
    assert PaperPagePreprocessor(markdown.Markdown()).run(list(lines)) == lines
    with_it = mkdocs_markdown(with_extension=True).convert(document)
    assert with_it == mkdocs_markdown(with_extension=False).convert(document)


def test_a_paper_page_s_table_of_contents_is_its_title_holding_its_sections(
    paper_pages: list[str],
) -> None:
    # The toc extension sees no heading in raw HTML: without these, MkDocs' table of contents
    # was empty, and Material drew no "Skip to content" link and no contents for paper pages.
    md = mkdocs_markdown(with_extension=True)
    md.convert(paper_pages[0])
    (title,) = md.toc_tokens  # type: ignore[attr-defined]
    assert (title["level"], title["id"]) == (1, "title")
    sections = [(child["level"], child["id"]) for child in title["children"]]
    assert sections[0] == (2, "abstract") and sections[-1] == (2, "sources")
    # Names are HTML, as the toc extension's are: a title's markup stays escaped.
    md.convert(paper_pages[0].replace(title["name"], "&lt;b&gt;x&lt;/b&gt;"))
    assert md.toc_tokens[0]["name"] == "&lt;b&gt;x&lt;/b&gt;"  # type: ignore[attr-defined]
    # Any other page keeps the toc extension's own.
    md.convert("# Heading\n\n## Part\n")
    assert [t["id"] for t in md.toc_tokens] == ["heading"]  # type: ignore[attr-defined]


def test_a_paper_page_s_contents_are_what_the_toc_extension_makes_of_the_same_headings(
    paper_pages: list[str],
) -> None:
    # Tokens with only the keys MkDocs reads built with MkDocs, but Zensical, which reads
    # mkdocs.yml too, read "data-toc-label" and stopped with a KeyError on the first paper page.
    # A page whose headings Markdown reads as plain text, so both sides see the same words.
    page = next(p for p in paper_pages if re.search(r"<h1[^>]*>[\w\s:,-]+</h1>", p))
    md = mkdocs_markdown(with_extension=True)
    md.convert(page)
    ours = md.toc_tokens  # type: ignore[attr-defined]
    # The same headings as Markdown, with their ids, through the toc extension alone.
    headings = re.findall(r'<h([12]) id="([^"]+)">(.*)</h\1>', page)
    assert len(headings) > 2
    written = [f"{'#' * int(level)} {text} {{#{id_}}}" for level, id_, text in headings]
    plain = markdown.Markdown(extensions=["toc", "attr_list"])
    plain.convert("\n\n".join(written))
    assert ours == plain.toc_tokens  # type: ignore[attr-defined]
