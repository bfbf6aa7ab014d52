from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any

import markdown
import pytest
from markdown.htmlparser import HTMLExtractor
from mkdocs.utils.meta import get_data

from papersite.build import load_mkdocs_config
from papersite.curation import Curation
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
