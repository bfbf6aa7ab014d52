from __future__ import annotations

from datetime import date

from papersite.catalogue import Paper
from papersite.curation import CuratedPaper, Curation, Placement, Section, Theme


def paper(paper_id: str, published: date | None = None) -> Paper:
    return Paper(paper_id, paper_id.title(), "Abstract.", None, None, published, None, None, (), ())


def test_sections_list_curator_order_first_then_newest() -> None:
    theme = Theme("efficiency", "Efficiency", "", (Section("pruning", "Pruning"),))
    pin = (Placement("efficiency", "pruning", pinned=True),)
    old = CuratedPaper(paper("old", date(2020, 1, 1)), pin)
    new = CuratedPaper(paper("new", date(2024, 1, 1)), pin)
    first = CuratedPaper(
        paper("first", date(2019, 1, 1)), pin, order=1, featured=frozenset({"efficiency"})
    )
    loose = CuratedPaper(paper("loose"))
    curation = Curation((theme,), (old, new, first, loose))
    assert [i.paper.id for i in curation.in_section("efficiency", "pruning")] == [
        "first",
        "new",
        "old",
    ]
    assert [i.paper.id for i in curation.featured("efficiency")] == ["first"]
    assert [i.paper.id for i in curation.unsorted()] == ["loose"]
    assert curation.get("new") is new
