"""Curation: themes, their sections and rules, and curators' decisions about single papers.

Curators edit content/curation/themes.yaml and content/curation/papers.yaml in pull requests.
Rules sort papers into themes automatically; decisions pinned in papers.yaml win over the rules.
The result is a :class:`Curation`, which every later stage (pages, feeds, exports) reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from papersite.catalogue import Catalogue, Paper
from papersite.errors import Problems

CURATION_DIR = "curation"


@dataclass(frozen=True)
class Section:
    """A part of a theme page, such as "Pruning and sparsity"."""

    id: str
    title: str
    intro: str = ""


@dataclass(frozen=True)
class Theme:
    """A theme of the reading list, in display order, with its Markdown introduction."""

    id: str
    title: str
    intro: str
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section | None:
        """The section with this id, if the theme has it."""
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(frozen=True)
class Placement:
    """A paper's place in one theme: the section, and whether a curator pinned it or rules did."""

    theme: str
    section: str
    pinned: bool
    score: float | None = None


@dataclass(frozen=True)
class ExtraLink:
    """A link a curator added, such as the code or the project page."""

    label: str
    url: str


@dataclass(frozen=True)
class CuratedPaper:
    """A paper with everything curation decided about it."""

    paper: Paper
    placements: tuple[Placement, ...] = ()
    note: str | None = None
    featured: frozenset[str] = frozenset()
    order: int | None = None
    tags: tuple[str, ...] = ()
    arxiv_id: str | None = None
    links: tuple[ExtraLink, ...] = ()

    @property
    def themes(self) -> tuple[str, ...]:
        """The ids of the themes the paper is in, in theme display order."""
        return tuple(p.theme for p in self.placements)

    def placement(self, theme_id: str) -> Placement | None:
        """The paper's place in one theme, if it is in it."""
        return next((p for p in self.placements if p.theme == theme_id), None)


@dataclass(frozen=True)
class HiddenPaper:
    """A paper a curator took off the site, with the reason they gave."""

    paper: Paper
    reason: str


@dataclass(frozen=True)
class Curation:
    """The curated reading list: themes in display order and every visible paper."""

    themes: tuple[Theme, ...]
    papers: tuple[CuratedPaper, ...]
    hidden: tuple[HiddenPaper, ...] = ()
    _index: dict[str, CuratedPaper] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update((item.paper.id, item) for item in self.papers)

    def get(self, paper_id: str) -> CuratedPaper | None:
        """The visible paper with this id, if any."""
        return self._index.get(paper_id)

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with this id, if any."""
        return next((t for t in self.themes if t.id == theme_id), None)

    def in_theme(self, theme_id: str) -> list[CuratedPaper]:
        """The papers in one theme, in reading order."""
        return sorted((item for item in self.papers if theme_id in item.themes), key=reading_order)

    def in_section(self, theme_id: str, section_id: str) -> list[CuratedPaper]:
        """The papers in one section of a theme, in reading order."""
        return [
            item
            for item in self.in_theme(theme_id)
            if (placement := item.placement(theme_id)) and placement.section == section_id
        ]

    def featured(self, theme_id: str) -> list[CuratedPaper]:
        """The theme's "start here" picks, in reading order."""
        return [item for item in self.in_theme(theme_id) if theme_id in item.featured]

    def unsorted(self) -> list[CuratedPaper]:
        """Visible papers in no theme, newest first."""
        return sorted((item for item in self.papers if not item.placements), key=newest_first)


def reading_order(item: CuratedPaper) -> tuple[int, int, int, str]:
    """Sort key: curator's order first, then newest published, then title."""
    published = item.paper.published or date.min
    return (
        item.order is None,
        item.order if item.order is not None else 0,
        -published.toordinal(),
        item.paper.title.casefold(),
    )


def newest_first(item: CuratedPaper) -> tuple[int, str]:
    """Sort key: newest published first (unknown dates last), then title."""
    published = item.paper.published or date.min
    return (-published.toordinal(), item.paper.title.casefold())


def uncurated(catalogue: Catalogue) -> Curation:
    """The curation of a content folder that has none: no themes, every paper unsorted."""
    return Curation(themes=(), papers=tuple(CuratedPaper(paper) for paper in catalogue.papers))


def load_curation(content: Path, catalogue: Catalogue, problems: Problems) -> Curation:
    """Read content/curation and sort the catalogue; problems are collected, not raised."""
    folder = content / CURATION_DIR
    if not folder.exists():
        return uncurated(catalogue)
    # The YAML loader, validation and rules land in the next change.
    problems.error(str(folder), None, "curation files are not supported yet")
    return uncurated(catalogue)
