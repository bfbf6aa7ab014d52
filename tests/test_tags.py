from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest

from papersite.tags import (
    SORT_OPTIONS,
    tag_order,
    tag_slugs,
    text_order,
    title_order,
    with_tag_order,
)


def test_text_order_is_alphabetical_whatever_the_case() -> None:
    tags = ["zebra", "LLM", "attention", "MIR-Bench", "Med-EASi", "llm"]
    assert sorted(tags, key=text_order) == [
        "attention",
        "LLM",
        "llm",
        "Med-EASi",
        "MIR-Bench",
        "zebra",
    ]


def test_texts_that_differ_only_in_case_keep_one_order_whatever_came_first() -> None:
    assert sorted(["llm", "LLM", "Llm"], key=text_order) == ["LLM", "Llm", "llm"]
    assert sorted(["LLM", "Llm", "llm"], key=text_order) == ["LLM", "Llm", "llm"]


def test_material_s_keys_compare_tags_and_titles_as_readers_see_them() -> None:
    # Front matter holds them HTML-escaped; readers see them unescaped.
    assert tag_order(SimpleNamespace(name="&lt;i&gt;tag&lt;/i&gt; &amp; co")) == text_order(
        "<i>tag</i> & co"
    )
    tags = [SimpleNamespace(name=name) for name in ("zebra", "MIR-Bench", "Med-EASi", "attention")]
    # listings_tags_sort_by gets the tag and its subtree.
    assert [t.name for t in sorted(tags, key=lambda t: tag_order(t, object()))] == [
        "attention",
        "Med-EASi",
        "MIR-Bench",
        "zebra",
    ]
    listed = [
        SimpleNamespace(item=SimpleNamespace(title=title, url=url))
        for title, url in (
            ("MIR-Bench: many shots", "papers/a/"),
            ("Med-EASi", "papers/b/"),
            ("attention &amp; memory", "papers/c/"),
            ("Twins", "papers/e/"),
            ("Twins", "papers/d/"),
        )
    ]
    # Two papers of one title by their addresses, so a build lists them as the last did.
    assert [m.item.url for m in sorted(listed, key=title_order)] == [
        "papers/c/",
        "papers/b/",
        "papers/a/",
        "papers/d/",
        "papers/e/",
    ]


def test_material_s_tags_plugin_gets_papersite_s_order_unless_mkdocs_yml_sets_one() -> None:
    ours = dict(SORT_OPTIONS)
    written: list[Any] = ["search", "tags", {"other": {"x": 1}}]
    assert with_tag_order(written, "material") == ["search", {"tags": ours}, {"other": {"x": 1}}]
    assert written == ["search", "tags", {"other": {"x": 1}}]  # mkdocs.yml as read, unchanged

    def own(tag: object) -> str:
        return "mine"

    # An order mkdocs.yml names wins; the plugin's other options stay.
    mine = [{"tags": {"listings_sort_by": own, "enabled": True}}]
    assert with_tag_order(mine, {"name": "material", "font": False}) == [
        {"tags": {**ours, "listings_sort_by": own, "enabled": True}}
    ]
    assert mine == [{"tags": {"listings_sort_by": own, "enabled": True}}]
    # Plugins written as a mapping; an entry with no options.
    assert with_tag_order({"search": None, "material/tags": None}, "material") == {
        "search": None,
        "material/tags": ours,
    }
    # Under another theme, "tags" is some other plugin; "material/tags" is Material's anywhere.
    assert with_tag_order(["tags"], "mkdocs") == ["tags"]
    assert with_tag_order(["material/tags"], {"name": "mkdocs"}) == [{"material/tags": ours}]
    # What MkDocs would refuse is left for MkDocs to report.
    assert with_tag_order([{"tags": "on"}], "material") == [{"tags": "on"}]
    assert with_tag_order([{"tags": {}, "search": {}}], "material") == [{"tags": {}, "search": {}}]
    assert with_tag_order("tags", "material") == "tags"


def test_each_tag_gets_a_folder_name_of_its_own_made_of_its_name() -> None:
    tags = ["Linear RNN", "Café", "<i>tag</i> & co", "C++", "C#", "日本語", "中文", "x"]
    slugs = tag_slugs(tags)
    assert slugs["Linear RNN"] == "linear-rnn"
    assert slugs["Café"] == "cafe"
    assert slugs["<i>tag</i> & co"] == "i-tag-i-co"
    assert slugs["x"] == "x"
    # Tags that slug alike, or to nothing, are told apart by their names' hashes; of alike tags
    # as common, the first in text_order keeps the plain slug.
    assert slugs["C#"] == "c" and re.fullmatch(r"c-[0-9a-f]{8}", slugs["C++"])
    assert re.fullmatch(r"tag-[0-9a-f]{8}", slugs["日本語"])
    assert len(set(slugs.values())) == len(tags)
    assert all(re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", slug) for slug in slugs.values())
    # The same from build to build, whatever order the tags come in.
    assert tag_slugs(reversed(tags)) == slugs


def test_of_tags_that_slug_alike_the_commonest_keeps_the_plain_slug() -> None:
    # 'survey' on three papers kept tags/survey/ no longer once a look-alike came on one: its
    # links broke for a tag rarer than it.
    slugs = tag_slugs(["survey", "Survey!", "survey", "survey"])
    assert slugs["survey"] == "survey"
    assert re.fullmatch(r"survey-[0-9a-f]{8}", slugs["Survey!"])
    assert tag_slugs(["Survey!", "survey", "Survey!", "Survey!"])["Survey!"] == "survey"


def test_a_tag_named_like_another_s_hashed_slug_does_not_take_its_folder() -> None:
    c_plus = tag_slugs(["C++", "C#"])["C++"]
    slugs = tag_slugs(["C++", "C#", c_plus])
    assert slugs[c_plus] == c_plus and slugs["C++"] != c_plus
    assert len(set(slugs.values())) == 3


@pytest.mark.parametrize("name", ["index", "Index", "INDEX!"])
def test_a_tag_named_index_does_not_take_the_tags_page_s_file(name: str) -> None:
    # tags/index.md would be served where tags.md is, tags/index.html: MkDocs keeps one of them.
    slug = tag_slugs([name, "README"])[name]
    assert re.fullmatch(r"index-[0-9a-f]{8}", slug)
    # MkDocs reads only "README" as an index, in capitals; a slug is lower-case.
    assert tag_slugs(["README"]) == {"README": "readme"}
