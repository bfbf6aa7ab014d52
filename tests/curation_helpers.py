"""Helpers of the tests that curate a content folder: write its curation files, sort it, read
its problems as a curator sees them.

Shared by the tests of the curation's modules (test_curation.py, test_curation_checks.py,
test_unknown_ids.py, …); the content folder they take is conftest.py's ``content`` fixture.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from papersite.catalogue import Paper, read_catalogue
from papersite.content import sort_catalogue
from papersite.curation import Curation
from papersite.errors import Problems

# The curation files as messages name them, with the working folder at the content's parent.
P = "content/curation/papers.yaml"
T = "content/curation/themes.yaml"
HEADER = "# yaml-language-server: $schema=../../src/papersite/schemas/papers.schema.json\n"

# How the warning of a shared arXiv id ends, and links in the fixture's abstracts giving one.
SHARED_ID = (
    "their pages would link one arXiv page and their citations cite one paper; give the wrong one "
    "its own id with 'arxiv' in papers.yaml"
)
SHARED_LINK = SHARED_ID + ", or 'arxiv: null' if it has none: a link may be to a paper it cites"
ARXIV_PDF = "https://arxiv.org/pdf/2312.00752v2.pdf"
ARXIV_TEACHING = "https://arxiv.org/abs/2402.09371"


def paper(paper_id: str, published: date | None = None) -> Paper:
    """A paper built in memory, titled after its id, with no dump behind it."""
    return Paper(paper_id, paper_id.title(), "Abstract.", None, None, published, None, None, (), ())


def write(content: Path, *, themes: str | None = None, papers: str | None = None) -> None:
    """Replace the content folder's themes.yaml, papers.yaml or both with the text given."""
    if themes is not None:
        (content / "curation" / "themes.yaml").write_text(themes, encoding="utf-8")
    if papers is not None:
        (content / "curation" / "papers.yaml").write_text(papers, encoding="utf-8")


def curate(content: Path, *, rules_only: bool = False) -> tuple[Curation, list[str]]:
    """The content folder's curation, sorted, and its problems as the CLI prints them."""
    problems = Problems()
    curation = sort_catalogue(content, read_catalogue(content), problems, rules_only=rules_only)
    return curation, [str(problem) for problem in problems]


def errors(content: Path) -> list[str]:
    """The errors of curating the content folder, warnings left out."""
    return [problem for problem in curate(content)[1] if ": warning: " not in problem]
