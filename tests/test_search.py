from __future__ import annotations

import dataclasses
import json
import math
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papersite.catalogue import ARXIV_ID, unversioned_arxiv_id
from papersite.errors import PapersiteError
from papersite.search import (
    LARGE_INDEX_BYTES,
    MATERIAL_INDEX,
    PagefindIndexer,
    SearchEntry,
    SearchSettings,
    add_to_material_index,
    search_advice,
    searched_arxiv_id,
    without_search_plugin,
    write_pagefind_pages,
)


def test_only_the_search_plugin_is_left_out_in_every_way_mkdocs_yml_lists_plugins() -> None:
    assert without_search_plugin(["search", "tags"]) == ["tags"]
    assert without_search_plugin([{"search": {"lang": "en"}}, {"tags": {}}]) == [{"tags": {}}]
    assert without_search_plugin({"search": None, "tags": {"x": 1}}) == [{"tags": {"x": 1}}]
    assert without_search_plugin(None) == []


def test_papers_are_appended_to_material_s_index_as_its_plugin_writes_entries(
    tmp_path: Path,
) -> None:
    index = tmp_path / MATERIAL_INDEX
    index.parent.mkdir()
    home = {"location": "", "title": "Home", "text": "<p>Hello</p>"}
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": [home]}), encoding="utf-8")
    add_to_material_index(
        tmp_path,
        [
            SearchEntry("a", "papers/a/", "<b>Bold</b> & Co", "Line one\n  line two é", ("x<y>",)),
            SearchEntry("b", "papers/b/", "Plain", ""),
        ],
    )
    written = index.read_text(encoding="utf-8")
    assert written.isascii() and ", " not in written
    assert json.loads(written) == {
        "config": {"lang": ["en"]},
        "docs": [
            home,
            {
                "location": "papers/a/",
                "title": "&lt;b&gt;Bold&lt;/b&gt; &amp; Co",
                "text": "<p>Line one line two é</p>",
                "tags": ["x&lt;y&gt;"],
            },
            {"location": "papers/b/", "title": "Plain", "text": ""},
        ],
    }


SCRIPTS = ("papersite.js", "search.js")


def test_a_paper_s_arxiv_id_is_in_material_s_index_in_a_field_it_searches_and_never_shows(
    tmp_path: Path,
) -> None:
    index = tmp_path / MATERIAL_INDEX
    index.parent.mkdir()
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}
    index.write_text(json.dumps({"config": {"fields": fields}, "docs": []}), encoding="utf-8")
    add_to_material_index(
        tmp_path,
        [
            SearchEntry("a", "papers/a/", "A", "Text.", arxiv="2312.00752"),
            SearchEntry("b", "papers/b/", "B", "Text."),
        ],
    )
    written = json.loads(index.read_text(encoding="utf-8"))
    # Material's search worker makes a lunr field of each field its config names; its results
    # show an entry's title, text and tags only. Weighed as the title: the id names the paper.
    assert written["config"]["fields"] == {**fields, "arxiv": {"boost": 1000.0}}
    assert written["docs"] == [
        {"location": "papers/a/", "title": "A", "text": "<p>Text.</p>", "arxiv": "2312.00752"},
        {"location": "papers/b/", "title": "B", "text": "<p>Text.</p>"},
    ]


def test_search_indexes_an_arxiv_id_without_its_version() -> None:
    assert searched_arxiv_id("2312.00752v2") == "2312.00752"
    assert searched_arxiv_id("2312.00752") == "2312.00752"
    assert searched_arxiv_id("hep-th/9901001v1") == "hep-th/9901001"
    assert searched_arxiv_id(None) is None


TEMPLATES = Path(__file__).parent.parent / "src" / "papersite" / "templates"
# What a script reads an arXiv id in a query with: the pattern and the function baring the ids.
ARXIV_READER = re.compile(
    r"^  var ARXIV_ID = new RegExp\(\n.*?^  \);$|^  function bareArxivIds\(query\) \{\n.*?^  \}$",
    re.S | re.M,
)


def test_both_scripts_read_an_arxiv_id_in_a_query_alike() -> None:
    # Material's search reads the query through papersite.js, Pagefind's Search page through
    # search.js, which searches for a ?q= before papersite.js has run: each holds the pattern,
    # and the two backends must take the same ids.
    found = [ARXIV_READER.findall((TEMPLATES / name).read_text("utf-8")) for name in SCRIPTS]
    assert len(found[0]) == 2 and found[0] == found[1], found


NODE = shutil.which("node")
# How readers paste an id: bare, as arXiv asks it cited, as its pages' addresses (the scheme
# optional) and Hugging Face's, whose Daily Papers the site is made from.
PASTED = (
    "{}",
    "arXiv:{}",
    "arxiv: {}",
    "https://arxiv.org/abs/{}",
    "http://www.arxiv.org/pdf/{}.pdf",
    "arxiv.org/html/{}/",
    "https://huggingface.co/papers/{}",
)


@pytest.mark.skipif(NODE is None, reason="node runs the scripts' pattern")
@settings(deadline=None)
@given(st.lists(st.from_regex(ARXIV_ID, fullmatch=True), min_size=1, max_size=8))
def test_the_scripts_read_every_arxiv_id_the_catalogue_takes_in_each_pasted_form(
    ids: list[str],
) -> None:
    # catalogue.ARXIV_ID decides the ids a paper can have, and search indexes them without
    # version (searched_arxiv_id); the scripts must bare each, pasted any way, to that id.
    assert NODE is not None
    queries = [
        f"state {form.format(version)} space"
        for arxiv_id in ids
        for version in (arxiv_id, unversioned_arxiv_id(arxiv_id) + "v12")
        for form in PASTED
    ]
    expected = [
        f"state {unversioned_arxiv_id(arxiv_id)} space"
        for arxiv_id in ids
        for _ in range(2)
        for _ in PASTED
    ]
    for name in SCRIPTS:
        reader = "\n".join(ARXIV_READER.findall((TEMPLATES / name).read_text("utf-8")))
        program = f"{reader}\nconsole.log(JSON.stringify({json.dumps(queries)}.map(bareArxivIds)));"
        run = subprocess.run(
            [NODE, "-e", program], capture_output=True, text=True, check=True, timeout=60
        )
        assert json.loads(run.stdout) == expected, name


def test_pagefind_is_suggested_only_for_a_large_material_index(tmp_path: Path) -> None:
    index = tmp_path / MATERIAL_INDEX
    index.parent.mkdir()
    index.write_bytes(b" " * LARGE_INDEX_BYTES)
    assert search_advice(tmp_path, "material") is None
    assert search_advice(tmp_path, "pagefind") is None
    index.write_bytes(b" " * (LARGE_INDEX_BYTES + 1))
    # Material's script fetches the index as every page loads, not when a reader searches.
    assert search_advice(tmp_path, "material") == (
        "search/search_index.json is 5.0 MB, which a reader's browser fetches on opening any "
        "page, searching or not: for a list this long, set 'search: pagefind' under "
        "extra.papersite in mkdocs.yml (see README, Search)"
    )
    assert search_advice(tmp_path / "elsewhere", "material") is None


def test_a_site_without_material_s_index_gets_none(tmp_path: Path) -> None:
    add_to_material_index(tmp_path, [SearchEntry("a", "papers/a/", "A", "B")])
    assert list(tmp_path.iterdir()) == []


def entries(count: int) -> list[SearchEntry]:
    """``count`` papers, the first with a title and abstract that must come out as text."""
    first = SearchEntry("a-1", "papers/a-1/", "<script>x</script> & y", "if a<b & c>d")
    rest = [
        SearchEntry(f"p{n}", f"papers/p{n}/", f"Paper {n}", f"Text {n}.")
        for n in range(2, 1 + count)
    ]
    return [first, *rest]


def test_pagefind_pages_hold_the_papers_a_group_to_a_page_each_under_its_id(
    tmp_path: Path,
) -> None:
    write_pagefind_pages(tmp_path, entries(7), 3, 'de"x')
    pages = [(tmp_path / f"{n}.html").read_text(encoding="utf-8") for n in range(3)]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["0.html", "1.html", "2.html"]
    first = pages[0]
    assert first.startswith('<!doctype html><html lang="de&quot;x">')
    assert "<main data-pagefind-body>" in first
    assert re.findall(r'<h2 id="([^"]+)">', first) == ["a-1", "p2", "p3"]
    assert '<h2 id="a-1">&lt;script&gt;x&lt;/script&gt; &amp; y</h2>' in first
    assert "<p>if a&lt;b &amp; c&gt;d</p>" in first
    assert re.findall(r'<h2 id="([^"]+)">', pages[2]) == ["p7"]


def test_pagefind_pages_hold_a_paper_s_arxiv_id_after_its_abstract_in_an_anchor_of_its_own(
    tmp_path: Path,
) -> None:
    papers = entries(3)
    papers[1] = dataclasses.replace(papers[1], arxiv="2312.00752")
    papers[2] = dataclasses.replace(papers[2], arxiv="hep-th/9901001")
    write_pagefind_pages(tmp_path, papers, 3, "en")
    page = (tmp_path / "0.html").read_text(encoding="utf-8")
    # An element with an id, which Pagefind lists among a page's anchors and search.js reads as
    # the abstract's end; not a heading, which would be a paper of its own to Pagefind.
    assert (
        '<h2 id="p2">Paper 2</h2><p>Text 2.</p><p id="arxiv:1">2312.00752</p>\n'
        '<h2 id="p3">Paper 3</h2><p>Text 3.</p><p id="arxiv:2">hep-th/9901001</p>\n'
    ) in page
    assert page.count('id="arxiv:') == 2  # the first paper has none


def test_pagefind_indexes_an_empty_list_which_finds_no_paper(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with PagefindIndexer([], tmp_path / "work", SearchSettings("pagefind")) as indexer:
        indexer.finish(site)  # Pagefind itself refuses a folder with nothing to index
    assert (site / "pagefind" / "pagefind.js").is_file()
    page = (tmp_path / "work" / "pagefind-pages" / "0.html").read_text(encoding="utf-8")
    assert "<h2" not in page  # no heading, so the Search page lists no paper


def fake_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """Make PagefindIndexer run ``script`` (a shell script) instead of Pagefind's binary."""
    binary = tmp_path / "fake-pagefind"
    binary.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr("pagefind_bin.get_executable", lambda: binary)


def test_a_failing_pagefind_is_reported_with_its_last_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_pagefind(tmp_path, monkeypatch, "echo 'Error: disk full' >&2; exit 3")
    indexer = PagefindIndexer(entries(2), tmp_path / "work", SearchSettings("pagefind"))
    with indexer, pytest.raises(PapersiteError, match="Pagefind indexing failed: Error: disk full"):
        indexer.finish(tmp_path / "site")


def test_leaving_the_indexer_unfinished_stops_pagefind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_pagefind(tmp_path, monkeypatch, "exec sleep 60")
    with PagefindIndexer(entries(2), tmp_path / "work", SearchSettings("pagefind")) as indexer:
        process = indexer._process
        assert process.poll() is None
    assert process.returncode is not None and process.returncode < 0  # killed, not finished


@pytest.mark.slow
def test_a_pagefind_site_has_pagefind_s_index_and_search_page_and_no_material_search(
    pagefind_site: Path,
) -> None:
    assert (pagefind_site / "pagefind" / "pagefind.js").is_file()
    # Pagefind's ready-made interfaces would link results to the unpublished group pages.
    bundle = {path.name for path in (pagefind_site / "pagefind").iterdir()}
    assert not {name for name in bundle if "ui" in name or "highlight" in name}, bundle
    assert (pagefind_site / "javascripts" / "search.js").is_file()
    assert not (pagefind_site / "search" / "search_index.json").exists()
    search_page = (pagefind_site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'src="../javascripts/search.js"' in search_page
    assert 'data-paper-url="papers/{id}/"' in search_page
    home = (pagefind_site / "index.html").read_text(encoding="utf-8")
    assert "md-search__input" not in home
    assert 'href="search/"' in home  # the Search page is in the navigation


@pytest.mark.slow
def test_pagefind_indexes_the_papers_ten_to_a_page(pagefind_site: Path) -> None:
    entry = json.loads((pagefind_site / "pagefind" / "pagefind-entry.json").read_text())
    pages = sum(language["page_count"] for language in entry["languages"].values())
    papers = json.loads((pagefind_site / "papers.json").read_text(encoding="utf-8"))
    assert pages == math.ceil(len(papers) / SearchSettings().group_size)
    assert not list(pagefind_site.glob("pagefind-pages*"))  # the indexed pages are not published
