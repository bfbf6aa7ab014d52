"""One side of a review: a content folder read as ``papersite check`` reads it, every problem kept.

A Side holds its papers with their places on the site, its hidden ones, its dumps and which
of its files could not be read; paper_keys and by_keys tell one paper on both sides, whatever
its id. Apart from review.py so that review_dumps.py and review_themes.py read sides too
without importing the review that imports them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from papersite.catalogue import MatchKind, Paper, SourceSummary
from papersite.content import read_content
from papersite.curation import (
    CURATION_DIR,
    PAPERS_FILE,
    THEMES_FILE,
    CuratedPaper,
    Curation,
    CurationFiles,
    HiddenPaper,
)
from papersite.errors import PapersiteError, Problem, Problems, absent, display_path
from papersite.sources import SOURCES_DIR, SOURCES_FILE, Listing
from papersite.yamlfile import load_yaml_file

UNSORTED = "unsorted"


@dataclass(frozen=True)
class Place:
    """Where a paper shows on the site: a theme and its section; no theme means Unsorted."""

    theme: str
    section: str

    def __str__(self) -> str:
        return UNSORTED if self.theme == UNSORTED else f"{self.theme} / {self.section}"


@dataclass(frozen=True)
class Side:
    """One content folder, curated: its visible papers with their places, and its hidden ones."""

    curation: Curation
    places: dict[str, tuple[Place, ...]]
    hidden: dict[str, HiddenPaper]
    problems: tuple[Problem, ...]
    papers: dict[str, CuratedPaper]
    # themes.yaml and papers.yaml as the summary names them, those there but not read at all; or
    # the curation folder, there but not read.
    unread: tuple[str, ...]
    # The curation files as read, for the themes' rules; None without a curation folder.
    files: CurationFiles | None = None
    # Each dump's accounting, in file name order, with what sources.yaml says of it.
    dumps: tuple[SourceSummary, ...] = ()
    # The file names of the dumps that could not be read (binary, UTF-16, too big).
    unread_dumps: frozenset[str] = frozenset()
    # sources.yaml as the summary names it, when it is there but could not be read.
    sources_unread: str | None = None
    # The ids papers.yaml has an entry under, those naming no paper too (see _entry_ids).
    entries: frozenset[str] = frozenset()

    def has(self, paper_id: str) -> bool:
        """Whether the paper is in this side's dumps, shown or hidden."""
        return paper_id in self.papers or paper_id in self.hidden

    def title(self, paper_id: str) -> str:
        """The title of a paper on this side, shown or hidden."""
        item = self.papers.get(paper_id) or self.hidden[paper_id]
        return item.paper.title

    def paper(self, paper_id: str) -> Paper | None:
        """The paper with this id on this side, shown or hidden, as the dumps give it."""
        item = self.papers.get(paper_id) or self.hidden.get(paper_id)
        return None if item is None else item.paper


def paper_keys(paper: Paper) -> frozenset[tuple[MatchKind, str]]:
    """What tells one paper across captures: what the catalogue merged its mentions by.

    Each mention's title without case or punctuation, and its abstract when long enough to tell
    papers apart, for a paper retitled between versions (Paper.match_keys); the title as written,
    not as shown: one that reads TeX shows otherwise. A paper on both sides shares one.

    Not its id: an earlier capture can take a paper's id, and a paper can change ids.
    """
    return paper.match_keys


def by_keys(side: Side) -> dict[tuple[str, str], str]:
    """Each paper of a side, shown or hidden, by each of its keys (see paper_keys): its id."""
    found: dict[tuple[str, str], str] = {}
    for paper_id in (*side.papers, *side.hidden):
        paper = side.paper(paper_id)
        assert paper is not None  # one of the side's own ids
        for key in paper_keys(paper):
            found.setdefault(key, paper_id)
    return found


def curate(content: Path) -> Side:
    """One side of the review, read as ``papersite check`` reads it: every problem kept."""
    loaded = read_content(content)
    curation = loaded.curation
    places = {
        item.paper.id: tuple(Place(p.theme, p.section) for p in item.placements)
        or (Place(UNSORTED, UNSORTED),)
        for item in curation.papers
    }
    hidden = {item.paper.id: item for item in curation.hidden}
    papers = {item.paper.id: item for item in curation.papers}
    unread_dumps = frozenset(
        summary.source.name
        for summary in loaded.catalogue.sources
        if summary.path in loaded.catalogue.unread
    )
    sources = loaded.catalogue.sources
    sources_unread = None
    if any(summary.source.listing is Listing.UNREAD for summary in sources):
        sources_unread = display_path(content / SOURCES_DIR / SOURCES_FILE)
    # Without any theme read, every entry naming one is in error: no paper can be compared.
    themes_read = loaded.files is None or curation.themes or curation.unread_themes is not None
    unread = tuple(
        display_path(content / CURATION_DIR / name)
        for name, read in ((THEMES_FILE, themes_read), (PAPERS_FILE, curation.papers_read))
        if not read
    )
    folder = content / CURATION_DIR
    if loaded.files is None and not absent(folder):
        # A link that loops or leads nowhere (or out of the content) is no curation removed:
        # every theme read as gone and every paper as moved to Unsorted. As for an unreadable
        # themes.yaml, any theme may be one not read: the table says "not counted", and no
        # address is said to be dropped.
        unread = (display_path(folder),)
        curation = dataclasses.replace(curation, unread_themes=None)
    return Side(
        curation,
        places,
        hidden,
        loaded.problems,
        papers,
        unread,
        loaded.files,
        sources,
        unread_dumps,
        sources_unread,
        _entry_ids(content / CURATION_DIR / PAPERS_FILE),
    )


def _entry_ids(path: Path) -> frozenset[str]:
    """The ids papers.yaml has an entry under, as written; none when it cannot be read.

    Those naming no paper too, which CurationFiles.decisions leaves out: an entry left under an
    id its paper lost is still in the file, where a curator moves it. Its problems are the
    curation's to report, so they are dropped here.
    """
    if not path.is_file():
        return frozenset()
    try:
        document = load_yaml_file(path, problems=Problems(), report_duplicates=False)
    except PapersiteError:
        return frozenset()
    data = document.data
    entries = data.get("papers") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return frozenset()
    return frozenset(document.key_text("papers", key) for key in entries)
