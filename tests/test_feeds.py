from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

from papersite.catalogue import Paper
from papersite.curation import CuratedPaper, Placement
from papersite.dumps import read_text
from papersite.feeds import ATOM, XML, atom_feed
from papersite.options import DEFAULT_FEED_ENTRIES
from papersite.sources import SourceFile

NS = {"a": ATOM}
BUILT = datetime(2025, 11, 20, tzinfo=UTC)


def paper(paper_id: str, title: str, published: date | None) -> Paper:
    return Paper(paper_id, title, "Abstract <b>x</b> & y.", 3, None, published, None, None, (), ())


def feed(
    items: list[CuratedPaper],
    max_entries: int = DEFAULT_FEED_ENTRIES,
    author: str | None = None,
    language: str = "en",
    feed_id: str | None = None,
) -> ET.Element:
    data = atom_feed(
        title="papersite: all",
        feed_url="https://example.org/feeds/papers.xml",
        page_url="https://example.org/",
        site_url="https://example.org/",
        items=items,
        built=BUILT,
        max_entries=max_entries,
        author=author,
        language=language,
        feed_id=feed_id,
    )
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns=")
    return ET.fromstring(data)


def test_feed_parses_as_atom_newest_first_with_text_kept_exactly() -> None:
    hostile = "<script>alert(1)</script> & {{ x }} \x02"
    root = feed(
        [
            CuratedPaper(paper("old", "Old", date(2024, 1, 2))),
            CuratedPaper(paper("new", hostile, date(2025, 5, 10))),
            CuratedPaper(paper("undated", "Undated", None)),
        ]
    )
    assert root.tag == f"{{{ATOM}}}feed"
    assert root.findtext("a:updated", namespaces=NS) == "2025-05-10T00:00:00Z"
    entries = root.findall("a:entry", NS)
    assert [e.findtext("a:id", namespaces=NS) for e in entries] == [
        "https://example.org/papers/new/",
        "https://example.org/papers/old/",
    ]
    assert entries[0].findtext("a:title", namespaces=NS) == hostile.replace("\x02", "\ufffd")
    assert entries[0].findtext("a:summary", namespaces=NS) == "Abstract <b>x</b> & y."
    for entry in entries:
        assert entry.find("a:link", NS) is not None
        assert entry.findtext("a:updated", namespaces=NS)


def test_empty_feed_is_dated_by_the_build_and_long_feeds_are_capped() -> None:
    assert feed([]).findtext("a:updated", namespaces=NS) == "2025-11-20T00:00:00Z"
    many = [CuratedPaper(paper(f"p{i}", f"P{i}", date(2025, 1, 1 + i % 28))) for i in range(150)]
    assert len(feed(many).findall("a:entry", NS)) == DEFAULT_FEED_ENTRIES == 100


def test_a_feed_names_its_author_or_else_the_curators() -> None:
    # Atom requires an author of a feed whose entries name none.
    assert feed([]).findtext("a:author/a:name", namespaces=NS) == "papersite curators"
    named = feed([], author="Ada & <Grace>")
    assert named.findtext("a:author/a:name", namespaces=NS) == "Ada & <Grace>"


def test_a_feed_holds_the_newest_max_entries_papers() -> None:
    items = [CuratedPaper(paper(f"p{day}", f"P{day}", date(2025, 1, day))) for day in (3, 9, 5, 1)]
    entries = feed(items, max_entries=2).findall("a:entry", NS)
    ids = [entry.findtext("a:id", namespaces=NS) for entry in entries]
    assert ids == ["https://example.org/papers/p9/", "https://example.org/papers/p5/"]


def test_a_feed_is_in_the_language_it_is_given() -> None:
    # Readers hyphenate and read aloud a feed by its xml:lang, which entries inherit.
    for language in ("en", "pt-BR", "zh-Hant"):
        assert feed([], language=language).get(f"{{{XML}}}lang") == language


def test_an_entry_has_a_category_for_each_theme_of_its_paper() -> None:
    placements = (
        Placement("efficiency", "pruning", pinned=True),
        Placement("sequence-models", "ssm", pinned=False),
    )
    root = feed(
        [
            CuratedPaper(paper("both", "Both", date(2025, 1, 2)), placements),
            CuratedPaper(paper("none", "None", date(2025, 1, 1))),
        ]
    )
    both, none = root.findall("a:entry", NS)
    assert [c.get("term") for c in both.findall("a:category", NS)] == [
        "efficiency",
        "sequence-models",
    ]
    assert none.findall("a:category", NS) == []


def test_a_feed_s_id_is_the_one_given_else_its_address() -> None:
    # Atom asks that a feed's id never change: a feed that moves keeps its old id.
    assert feed([]).findtext("a:id", namespaces=NS) == "https://example.org/feeds/papers.xml"
    kept = feed([], feed_id="https://example.org/old/papers.xml")
    assert kept.findtext("a:id", namespaces=NS) == "https://example.org/old/papers.xml"


def test_a_dump_title_xml_forbids_gives_a_warning_and_a_feed_that_parses() -> None:
    # One U+FFFE in a dump's title made the whole feed "not well-formed (invalid token)".
    dump = read_text(
        "Half\ufffeway\n\nIts abstract.\n", SourceFile(Path("d.txt"), "d.txt", "d.txt")
    )
    assert [(p.line, p.message) for p in dump.problems] == [
        (1, "control character '\ufffe': shown as U+FFFD; remove it from the dump")
    ]
    (record,) = dump.records
    item = CuratedPaper(paper("half", record.title, date(2025, 1, 2)))
    assert feed([item]).findtext("a:entry/a:title", namespaces=NS) == "Half\ufffdway"


def test_a_feed_never_writes_a_character_xml_forbids() -> None:
    # Whatever reaches it, in a text or an attribute: readers refuse a feed with one whole.
    bad = "a\x01\ud800\ufffe\uffffb"
    item = CuratedPaper(paper("p", bad, date(2025, 1, 2)), (Placement(bad, "s", pinned=False),))
    entry = feed([item]).find("a:entry", NS)
    assert entry is not None
    assert entry.findtext("a:title", namespaces=NS) == "a\ufffd\ufffd\ufffd\ufffdb"
    assert [c.get("term") for c in entry.findall("a:category", NS)] == [
        "a\ufffd\ufffd\ufffd\ufffdb"
    ]
