from __future__ import annotations

from types import SimpleNamespace

from papersite.tags import tag_order, title_order


def test_tags_sort_alphabetically_whatever_their_case_then_as_written() -> None:
    names = ["MIR-Bench", "zebra", "Med-EASi", "attention", "Attention", "&lt;i&gt; &amp; co"]
    tags = [SimpleNamespace(name=name) for name in names]
    # listings_tags_sort_by passes the tag and its subtree; tags_sort_by the tag alone.
    ordered = [t.name for t in sorted(tags, key=lambda tag: tag_order(tag, object()))]
    assert ordered == [
        "&lt;i&gt; &amp; co",
        "Attention",
        "attention",
        "Med-EASi",
        "MIR-Bench",
        "zebra",
    ]
    assert sorted(tags, key=tag_order) == sorted(tags, key=lambda tag: tag_order(tag, object()))


def test_papers_under_a_tag_sort_by_title_whatever_its_case() -> None:
    titles = [
        "MIR-Bench: Benchmarking",
        "lower case first word",
        "Med-EASi: Finely Annotated",
        None,
    ]
    mappings = [SimpleNamespace(item=SimpleNamespace(title=title)) for title in titles]
    ordered = [m.item.title for m in sorted(mappings, key=title_order)]
    assert ordered == [
        "lower case first word",
        "Med-EASi: Finely Annotated",
        "MIR-Bench: Benchmarking",
        None,
    ]
