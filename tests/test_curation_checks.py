from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable

import pytest

from papersite import curation_checks
from papersite.catalogue import Catalogue
from papersite.curation import CuratedPaper, Curation, CurationFiles
from papersite.errors import Problems

from .curation_helpers import ARXIV_TEACHING, SHARED_ID, SHARED_LINK, paper


def test_a_shared_arxiv_id_is_said_to_come_from_where_arxiv_id_of_took_it() -> None:
    # The curator's id wins over the abstract's link (arxiv_id_of). Asked again apart, the curator's
    # id of a paper papers.yaml has no entry for (one built in memory) was said to be the link's.
    linking = dataclasses.replace(paper("b"), links=("https://arxiv.org/abs/2405.04517",))
    curation = Curation(
        (),
        (
            CuratedPaper(
                dataclasses.replace(paper("a"), links=("https://arxiv.org/abs/2402.09371",))
            ),
            CuratedPaper(linking, arxiv_id="2402.09371"),
        ),
    )
    files = CurationFiles((), (), {}, "themes.yaml", "papers.yaml", {})
    problems = Problems()
    curation_checks.check_shared_arxiv_ids(files, curation, problems)
    assert [problem.message.split(", as")[0] for problem in problems] == [
        "paper 'b' has arXiv id 2402.09371"
    ]


@pytest.mark.parametrize(
    ("links", "ending"),
    [
        # Two curators' ids: one is mistyped, and null would be no fix.
        ((), SHARED_ID),
        ((ARXIV_TEACHING,), SHARED_LINK),
    ],
)
def test_a_shared_arxiv_id_read_from_a_link_offers_arxiv_null(
    links: tuple[str, ...], ending: str
) -> None:
    # The link may be to a paper the abstract cites: its paper has no id of its own to give.
    curation = Curation(
        (),
        (
            CuratedPaper(
                dataclasses.replace(paper("a"), links=links),
                arxiv_id=None if links else "2402.09371",
            ),
            CuratedPaper(paper("b"), arxiv_id="2402.09371"),
        ),
    )
    files = CurationFiles((), (), {}, "themes.yaml", "papers.yaml", {})
    problems = Problems()
    curation_checks.check_shared_arxiv_ids(files, curation, problems)
    [problem] = problems
    assert problem.message.endswith(ending)


def test_run_checks_runs_every_check_of_the_module(monkeypatch: pytest.MonkeyPatch) -> None:
    # content.py calls run_checks alone: a check_ function left out of its list never ran.
    checks = [
        name
        for name, function in inspect.getmembers(curation_checks, inspect.isfunction)
        if name.startswith("check_") and function.__module__ == curation_checks.__name__
    ]
    ran: list[str] = []

    def recorder(name: str) -> Callable[..., None]:
        return lambda *_: ran.append(name)

    for name in checks:
        monkeypatch.setattr(curation_checks, name, recorder(name))
    files = CurationFiles((), (), {}, "themes.yaml", "papers.yaml", {})
    curation_checks.run_checks(files, Catalogue((), (), ()), Curation((), ()), Problems())
    assert checks and sorted(ran) == sorted(checks)
