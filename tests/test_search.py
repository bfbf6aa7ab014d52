from __future__ import annotations

import json
from pathlib import Path

import pytest

from papersite.search import (
    LARGE_INDEX_BYTES,
    MATERIAL_INDEX,
    SearchEntry,
    add_to_material_index,
    search_advice,
    without_search_plugin,
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
            SearchEntry("papers/a/", "<b>Bold</b> & Co", "Line one\n  line two é", ("x<y>",)),
            SearchEntry("papers/b/", "Plain", ""),
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


def test_pagefind_is_suggested_only_for_a_large_material_index(tmp_path: Path) -> None:
    index = tmp_path / MATERIAL_INDEX
    index.parent.mkdir()
    index.write_bytes(b" " * LARGE_INDEX_BYTES)
    assert search_advice(tmp_path, "material") is None
    assert search_advice(tmp_path, "pagefind") is None
    index.write_bytes(b" " * (LARGE_INDEX_BYTES + 1))
    advice = search_advice(tmp_path, "material")
    assert advice is not None and "5.0 MB" in advice and "search: pagefind" in advice
    assert search_advice(tmp_path / "elsewhere", "material") is None


def test_a_site_without_material_s_index_gets_none(tmp_path: Path) -> None:
    add_to_material_index(tmp_path, [SearchEntry("papers/a/", "A", "B")])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_a_pagefind_site_has_pagefind_s_index_and_search_page_and_no_material_search(
    pagefind_site: Path,
) -> None:
    assert (pagefind_site / "pagefind" / "pagefind-entry.json").is_file()
    assert (pagefind_site / "pagefind" / "pagefind-ui.js").is_file()
    assert not (pagefind_site / "search" / "search_index.json").exists()
    search_page = (pagefind_site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'src="../pagefind/pagefind-ui.js"' in search_page
    home = (pagefind_site / "index.html").read_text(encoding="utf-8")
    assert "md-search__input" not in home
    assert 'href="search/"' in home  # the Search page is in the navigation


@pytest.mark.slow
def test_pagefind_indexes_paper_pages_only(pagefind_site: Path) -> None:
    entry = json.loads((pagefind_site / "pagefind" / "pagefind-entry.json").read_text())
    pages = sum(language["page_count"] for language in entry["languages"].values())
    papers = json.loads((pagefind_site / "papers.json").read_text(encoding="utf-8"))
    assert pages == len(papers)
