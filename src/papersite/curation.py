"""Curation: themes, their sections and rules, and curators' decisions about single papers.

Curators edit content/curation/themes.yaml and content/curation/papers.yaml in pull requests.
Rules sort papers into themes automatically; decisions pinned in papers.yaml win over the rules.
The result is a :class:`Curation`, which every later stage (pages, feeds, exports) reads.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from papersite import urls
from papersite.catalogue import (
    ARXIV_ID,
    Catalogue,
    Paper,
    linked_arxiv_id,
    slugify,
)
from papersite.errors import (
    Problems,
    absent,
    display_path,
)
from papersite.markup import (
    located_note_problems,
    note_problems,
    relative_links,
    unlisted_lines,
    unlisted_problem,
)
from papersite.rules import (
    DEFAULT_TITLE_WEIGHT,
    RegexBudget,
    RunawayRegex,
    SectionRule,
    Term,
    Text,
    ThemeRules,
    ThemeScore,
    keyword_folded,
    keyword_pattern,
    keyword_start,
    keyword_within,
    regex_syntax,
)
from papersite.schema import (
    SchemaProblem,
    foreign_letters,
    load_checked,
    not_an_id,
)
from papersite.wording import (
    closest,
    counted,
    describe,
    did_you_mean,
    listed,
    listing,
    nearest,
    shortened,
)
from papersite.yamlfile import (
    Location,
    YamlDocument,
)

if TYPE_CHECKING:  # unknown_ids.py imports this module
    from papersite.unknown_ids import UnknownEntry

CURATION_DIR = "curation"
THEMES_FILE = "themes.yaml"
PAPERS_FILE = "papers.yaml"
# A theme's id names files and addresses beside the whole site's own (papersite.urls): its page,
# its feed and its citations. These ids would take the place of one of the site's, without a word
# from MkDocs.
RESERVED_THEME_IDS = {
    urls.EVERY_PAPER: f"{urls.NEWEST_FEED} is the feed of every paper",
    "index": f"{urls.THEMES}index.md would be the themes folder's own page, at {urls.THEMES}",
    urls.SITEMAP: f"{urls.FEEDS_SITEMAP} is the empty sitemap Material for MkDocs looks for "
    "next to the feeds",
}
# The most featured papers a theme should have: CONTRIBUTING.md asks curators for 3–5.
FEATURED_AT_MOST = 5
# A section's id is its heading's anchor on the theme's page, beside the anchor each paper listed
# there has, paper-<paper id> (templates/_macros.j2), where the paper's own page links to. A
# section id starting so could be a paper's anchor: the page would hold two elements with one id
# and the paper's link land on the heading. Refused whether or not that paper is there yet: a new
# dump or a rule change brings papers to a theme without themes.yaml changing. The page's other
# ids cannot collide: Material's all start with '__', which an id may not, and a heading toc names
# (the page's title) gives way to an id written out, taking '_1'; intros and notes have none.
PAPER_ANCHOR_PREFIX = "paper-"


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
    # Its earlier ids ('formerly' in themes.yaml): the site keeps their addresses leading here.
    formerly: tuple[str, ...] = ()

    def section(self, section_id: str) -> Section | None:
        """The section with this id, if the theme has it."""
        return next((s for s in self.sections if s.id == section_id), None)


# Where a theme's page lists the papers placed in a section it lacks (Curation.grouped).
OTHER_SECTION = Section("other", "Other papers")


@dataclass(frozen=True)
class Placement:
    """A paper's place in one theme: the section, and whether a curator pinned it or rules did.

    ``score`` is what the theme's rules scored the paper, also for a pinned placement; None when
    the theme has no rules. The site shows neither this nor ``pinned``: they record why the paper
    is where it is, for code that reads a curation (triage scores every theme itself).
    """

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
    # The curator's 'arxiv: null': the paper has no arXiv id, even when its abstract links one
    # of its month (a cited paper's).
    no_arxiv_id: bool = False
    links: tuple[ExtraLink, ...] = ()

    @property
    def themes(self) -> tuple[str, ...]:
        """The ids of the themes the paper is in, in theme display order."""
        return tuple(p.theme for p in self.placements)

    def placement(self, theme_id: str) -> Placement | None:
        """The paper's place in one theme, if it is in it."""
        return next((p for p in self.placements if p.theme == theme_id), None)


def arxiv_id_of(item: CuratedPaper) -> str | None:
    """The paper's arXiv id: the curator's when it is one, else an arXiv link's in its abstract.

    Only a link that can be the paper's own (catalogue.linked_arxiv_id): an abstract links the
    papers it cites too, and a curator's 'arxiv: null' says none is. The one id its page links,
    its citation names and the exports give, so they all agree.
    """
    found = arxiv_id_source(item)
    return found[0] if found is not None else None


def arxiv_id_source(item: CuratedPaper) -> tuple[str, str | None] | None:
    """The paper's arXiv id, as :func:`arxiv_id_of` gives it, and the link it is read from.

    The link is None for the curator's id. The one place that decides whose id it is: the
    warning of a shared id and papersite.review's "(from its abstract)" say where it came from by
    this, and cannot tell another story.
    """
    if item.no_arxiv_id:
        return None
    if item.arxiv_id and ARXIV_ID.fullmatch(item.arxiv_id):
        return item.arxiv_id, None
    linked = linked_arxiv_id(item.paper)
    return (linked[1], linked[0]) if linked is not None else None


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
    # False when papers.yaml is there but could not be read: the papers are where the rules
    # alone put them, which is not what the curators decided.
    papers_read: bool = True
    # Papers whose entry in papers.yaml holds a mistake that keeps some or all of what it decides
    # from being applied (see CurationFiles.in_error): where they stand is not the curators' call.
    in_error: frozenset[str] = frozenset()
    # Ids of themes in themes.yaml that could not be read (see CurationFiles.unread_themes): the
    # papers they would hold are elsewhere, or unsorted. None when any theme may be one of them.
    unread_themes: frozenset[str] | None = frozenset()
    # Derived from papers, never passed in (init=False), so dataclasses.replace makes them afresh.
    _index: dict[str, CuratedPaper] = field(init=False, repr=False, compare=False)
    # Each theme's papers in reading order, made once: pages ask for them section by section, and
    # going through every paper each time was a twentieth of rendering a large list.
    _by_theme: dict[str, tuple[CuratedPaper, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        members: dict[str, list[CuratedPaper]] = {}
        for item in self.papers:
            for theme_id in dict.fromkeys(item.themes):
                members.setdefault(theme_id, []).append(item)
        # A frozen dataclass sets its own fields only through object.__setattr__.
        object.__setattr__(self, "_index", {item.paper.id: item for item in self.papers})
        object.__setattr__(
            self,
            "_by_theme",
            {
                theme_id: tuple(sorted(items, key=reading_order))
                for theme_id, items in members.items()
            },
        )

    def get(self, paper_id: str) -> CuratedPaper | None:
        """The visible paper with this id, if any."""
        return self._index.get(paper_id)

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with this id, if any."""
        return next((t for t in self.themes if t.id == theme_id), None)

    def in_theme(self, theme_id: str) -> list[CuratedPaper]:
        """The papers in one theme, in reading order."""
        return list(self._by_theme.get(theme_id, ()))

    def in_section(self, theme_id: str, section_id: str) -> list[CuratedPaper]:
        """The papers in one section of a theme, in reading order."""
        return [
            item
            for item in self.in_theme(theme_id)
            if (placement := item.placement(theme_id)) and placement.section == section_id
        ]

    def grouped(self, theme: Theme) -> list[tuple[Section, list[CuratedPaper]]]:
        """A theme's sections in page order, each with its papers in reading order.

        What its page lists and themes.json gives, so the two cannot differ. Papers placed in a
        section the theme lacks go last, under :data:`OTHER_SECTION`, so no paper of the theme is
        left off its page.
        """
        papers: dict[str, list[CuratedPaper]] = {section.id: [] for section in theme.sections}
        stray: list[CuratedPaper] = []
        for item in self.in_theme(theme.id):
            placement = item.placement(theme.id)
            if placement is not None:
                papers.get(placement.section, stray).append(item)
        groups = [(section, papers[section.id]) for section in theme.sections]
        if stray:
            groups.append((OTHER_SECTION, stray))
        return groups

    def featured(self, theme_id: str) -> list[CuratedPaper]:
        """The theme's "start here" picks, in reading order."""
        return [item for item in self.in_theme(theme_id) if theme_id in item.featured]

    def unsorted(self) -> list[CuratedPaper]:
        """Visible papers in no theme, newest first."""
        return sorted((item for item in self.papers if not item.placements), key=newest_first)

    def summary(self, folder: str) -> str:
        """One line for ``papersite check``: the themes with their papers, unsorted and hidden.

        ``folder`` is the curation folder as messages name it.
        """
        if not self.themes and self.unread_themes is None:
            # themes.yaml could not be read: every paper is unsorted, which says nothing.
            unread = THEMES_FILE if self.papers_read else f"{THEMES_FILE} and {PAPERS_FILE}"
            return f"{folder}: themes and papers not counted, as {unread} could not be read"
        if not self.papers_read:
            # Counts of the rules alone would read as if the curators' decisions had moved papers.
            ids = ", ".join(t.id for t in self.themes)
            return (
                f"{folder}: {_themes_with(ids, len(self.themes))}; papers not counted, "
                f"as {PAPERS_FILE} could not be read"
            )
        counts = ", ".join(f"{t.id} {len(self.in_theme(t.id))}" for t in self.themes)
        return (
            f"{folder}: {_themes_with(counts, len(self.themes))}, "
            f"{len(self.unsorted())} unsorted, {len(self.hidden)} hidden"
        )


def _themes_with(details: str, count: int) -> str:
    """'3 themes (details)', '1 theme (details)'; '0 themes' without empty brackets."""
    return f"{counted(count, 'theme')} ({details})" if count else counted(count, "theme")


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


@dataclass(frozen=True)
class PinnedTheme:
    """A theme a curator named for a paper, with the section when they chose one."""

    theme: str
    section: str | None = None


@dataclass(frozen=True)
class Decision:
    """What papers.yaml says about one paper; ``line`` is where its entry starts."""

    paper_id: str
    line: int
    # For an entry with no key of its own, beside or below its id, to put a 'themes' line with:
    # one written '{}', or an alias of another entry's map ('id: *shared'). Its keys but 'add'
    # and 'remove' in flow style, as 'flow' has them ('' for none): triage's line replaces it.
    bare: str | None = None
    # For such an alias: the line of the entry whose map it shares, where its anchor is.
    alias_of: int | None = None
    themes: tuple[PinnedTheme, ...] | None = None
    add: tuple[PinnedTheme, ...] = ()
    remove: tuple[str, ...] = ()
    note: str | None = None
    featured: bool | tuple[str, ...] = False
    # Where 'featured' is written (the entry's line without it): featuring is reported there.
    featured_line: int | None = None
    order: int | None = None
    hidden: str | None = None
    arxiv_id: str | None = None
    # 'arxiv: null': no arXiv id, whatever the abstract links.
    no_arxiv_id: bool = False
    # Where 'arxiv' is written: a warning that another paper has the id points there.
    arxiv_line: int | None = None
    links: tuple[ExtraLink, ...] = ()
    tags: tuple[str, ...] = ()
    # For an entry written in flow style ('id: {add: [x], tags: [moe]}') without 'themes': its
    # keys but 'add' and 'remove', in flow style ('tags: [moe]'); None for one written as a block
    # (or kept, see flow_kept).
    # triage's line for it is the whole entry: a key on a line of its own cannot go in braces.
    flow: str | None = None
    # The line such an entry's '}' is on: written over lines, its snippet replaces them all.
    flow_end: int | None = None
    # For an entry in flow style holding an anchor, an alias or a comment: 'flow' is None, and
    # triage names the keys to replace in its braces. Written out from its values, the entry
    # would lose them, and an alias elsewhere its anchor; the values do not say where an anchor
    # was, an alias reads as a copy, and comments are not read: the curator's text is left as is.
    flow_kept: bool = False
    # False when the entry names a theme or section that does not exist, or mixes 'themes' with
    # 'add'/'remove': that is reported, and checks of where the paper ends up are skipped, since
    # they would only echo it ("featured, but the paper is in no theme"). False too when it names
    # a theme whose entry in themes.yaml could not be read, so nothing can be said of it.
    sound: bool = True

    @property
    def pins_themes(self) -> bool:
        """Whether the decision changes the paper's themes or sections at all."""
        return self.themes is not None or bool(self.add or self.remove)

    @property
    def sets_themes(self) -> bool:
        """Whether 'themes' sets the paper's themes, so the rules choose none of them.

        'add' and 'remove' alone only adjust the rules' choice: triage still lists the paper.
        """
        return self.themes is not None

    def sets_place(self, theme_id: str) -> bool:
        """Whether the decision alone sets the paper's place in the theme, whatever its rules say.

        In it with a section named ('themes' or 'add'), or out of it ('remove', or 'themes'
        without it), as _placements applies them; named without a section, the paper is in the
        section the theme's rules score it highest in.
        """
        pins = [pin for pin in (*(self.themes or ()), *self.add) if pin.theme == theme_id]
        if pins:
            return any(pin.section is not None for pin in pins)
        return theme_id in self.remove or self.themes is not None


@dataclass(frozen=True)
class IntroLink:
    """A relative link in the intro of a theme or of one of its sections, at its line.

    It leads from the theme's page, where both intros show; whether a page is there is known
    only once papers.yaml has said which papers are hidden (see :func:`check_intro_links`).
    """

    theme: str
    url: str
    line: int


@dataclass(frozen=True)
class LiteralKeyword:
    """A keyword holding regex syntax ('kv[- ]cache', 'L^p'), which is matched as written."""

    path: str
    line: int | None
    term: Term
    syntax: tuple[str, ...]
    # Written as the whole term ('- kv[- ]cache'), with no 'keyword:' to change.
    alone: bool


@dataclass(frozen=True)
class RuleTerm:
    """A term of a theme's rules, its 'terms' or its 'exclude', with the line it is written on.

    Or of one of its sections' 'terms', which choose a paper's section: ``section`` names it.
    """

    theme: str
    term: Term
    line: int
    excluding: bool
    section: str | None = None


@dataclass(frozen=True)
class CurationFiles:
    """The two curation files, read and checked: themes with their rules, and the decisions."""

    themes: tuple[Theme, ...]
    rules: tuple[ThemeRules, ...]
    decisions: Mapping[str, Decision]
    themes_path: str
    papers_path: str
    theme_lines: Mapping[str, int]
    # False when a theme of themes.yaml, or a theme's rules, could not be read: the rules may then
    # leave a paper out of a theme it belongs to, so where a paper the rules place ends up is not
    # checked. An invalid regex leaves it True: the rest of the rules are read.
    themes_sound: bool = True
    # Themes read whose rules could not be: that such a theme has no papers may be only that.
    without_rules: frozenset[str] = frozenset()
    # False when papers.yaml is there but could not be read at all (see Curation.papers_read).
    papers_read: bool = True
    # Ids of papers whose entry could not be read (a mistake inside it: the rules alone place the
    # paper), or was read without what it says of an unknown theme or section (Decision.sound),
    # or holds a key twice (its second value dropped).
    in_error: frozenset[str] = frozenset()
    # Ids of themes.yaml's entries that could not be read; None when an id, or the whole file,
    # could not be: then any theme may be missing.
    unread_themes: frozenset[str] | None = frozenset()
    intro_links: tuple[IntroLink, ...] = ()
    # papers.yaml's entries under an id of no paper, each with the papers its error names as
    # meant: a review tells by them a paper whose decisions such an entry holds (review.py).
    unknown_entries: tuple[UnknownEntry, ...] = ()
    # Themes papers.yaml names by another id, one in their 'formerly' or their title's, or whose
    # section it names by an unknown id: that such a theme has no papers is no news, as the
    # errors at those entries say what to write.
    misnamed: frozenset[str] = frozenset()
    # The line of each section's id, by its theme's id and its own.
    section_lines: Mapping[tuple[str, str], int] = field(default_factory=dict)
    # Sections an unknown section id of papers.yaml may stand for, by their theme's id and their
    # own: those of its theme no entry names. That such a section has no papers is no news either.
    misnamed_sections: frozenset[tuple[str, str]] = frozenset()
    # Keywords holding regex syntax: whether they match any paper is known only with the papers.
    literal_keywords: tuple[LiteralKeyword, ...] = ()
    # The terms of the themes' rules read: whether one matches most papers is known with them.
    rule_terms: tuple[RuleTerm, ...] = ()
    # Each paper's scores, by the id of the paper (kept with them, so the id stays its own): the
    # sort with the decisions, the one by the rules alone and triage all ask for them, and scoring
    # is most of their time. Kept for one reading of the curation, as the regexes' budget is;
    # mutable, so not part of what the files are.
    _scored: dict[int, tuple[Paper, dict[str, ThemeScore]]] = field(
        init=False, default_factory=dict, compare=False, repr=False
    )

    def scores(self, paper: Paper) -> dict[str, ThemeScore]:
        """What each theme's rules make of the paper, by theme id; scored once, then kept."""
        kept = self._scored.get(id(paper))
        if kept is not None and kept[0] is paper:
            return kept[1]
        text = Text.of(paper)  # folded once for every theme's prefilter
        scores = {rules.theme: rules.score(text) for rules in self.rules}
        self._scored[id(paper)] = (paper, scores)
        return scores

    def forget_scores(self) -> None:
        """Score every paper afresh: a regex that ran away now matches nothing (see _placed)."""
        self._scored.clear()


def missing(stray: str | None, message: str) -> str:
    """``message``, a curation file's "missing: ...", naming the ``stray`` file meant for it."""
    if stray is None:
        return message
    return message.replace("missing", f"missing ({stray} is there: rename it?)", 1)


# --- ids written as titles ----------------------------------------------------------------------


def title_hint(value: str, kind: str, themes: Sequence[Theme], theme_id: str | None) -> str | None:
    """For a title written where an id goes: '(that is the title of section 'x': write its id)'.

    ``kind`` is what the place takes, "theme" or "section"; ``theme_id`` is the theme a section id
    is looked up in. Titles match ignoring case and the spaces around them; None when none does.
    """
    wanted = value.strip().casefold()
    own = [theme for theme in themes if theme.id == theme_id]
    others = [theme for theme in themes if theme.id != theme_id]
    for theme in own + others if kind == "section" else ():
        for section in theme.sections:
            if section.title.strip().casefold() == wanted:
                where = "" if theme.id == theme_id else f" of theme '{theme.id}'"
                return f"(that is the title of section '{section.id}'{where}: write its id)"
    titled = theme_titled(value, themes)
    if titled is not None:
        fix = "write its id" if kind == "theme" else "write a section id"
        return f"(that is the title of theme '{titled.id}': {fix})"
    for theme in themes if kind == "theme" else ():
        if any(section.title.strip().casefold() == wanted for section in theme.sections):
            return f"(that is the title of a section of theme '{theme.id}': write a theme id)"
    return None


def theme_titled(value: str, themes: Sequence[Theme]) -> Theme | None:
    """The theme whose title ``value`` is, ignoring case and the spaces around them."""
    wanted = value.strip().casefold()
    return next((theme for theme in themes if theme.title.strip().casefold() == wanted), None)


def section_whose(section_id: str, theme: Theme, themes: Sequence[Theme]) -> str | None:
    """Whose a section id the theme does not have is: a section's title, another theme's id."""
    title = title_hint(section_id, "section", themes, theme.id)
    if title is not None:
        return title
    owners = [t.id for t in themes if t.id != theme.id and t.section(section_id) is not None]
    if owners:
        named = listed([f"'{owner}'" for owner in owners])
        return f"(a section of theme{'s' if len(owners) > 1 else ''} {named})"
    return None


def invalid_id(
    document: YamlDocument, problem: SchemaProblem, themes: Sequence[Theme], theme_id: str | None
) -> str | None:
    """For an id the schema refused: the id of the theme or section whose title it is, or near.

    An id is near one it looks like, with letters outside ASCII in its place ('fast-deсoding',
    its 'с' Cyrillic: :func:`~papersite.wording.looks_like`), or is but for case or a typo
    ('Recurrent-Networks': :func:`~papersite.wording.nearest`). Else a section id of a known
    theme is shown one of that theme's own sections for an example: the schema's, of another
    theme, would send the curator looking in the wrong list.
    """
    kind = problem.id_kind
    if kind is None:
        return None
    value: Any = document.data
    for step in problem.location:
        value = value[step]
    if not isinstance(value, str):
        return None
    hint = title_hint(value, kind, themes, theme_id)
    if kind == "theme":
        known = [theme.id for theme in themes]
    else:
        theme = next((theme for theme in themes if theme.id == theme_id), None)
        # One refused (refused_section_id) is no id to suggest, nor an example of one.
        known = [
            section.id
            for section in (theme.sections if theme else ())
            if not refused_section_id(section.id)
        ]
    near = nearest(value, known)
    if hint is None and near is not None:
        hint = did_you_mean(value, near)
    if hint:
        return f"{describe(value)} is not a valid id {hint}"
    if kind == "section" and known and not foreign_letters(value):
        return not_an_id(value, known[0])
    return None  # the schema's message says it


# --- themes.yaml -------------------------------------------------------------------------------


def _explain_themes(document: YamlDocument, problem: SchemaProblem) -> str | None:
    """A default section written as a title names the section's id.

    The themes are read here from the document as written, for the ones not read yet.
    """
    if problem.location[2:] != ("rules", "default_section"):
        return None
    themes: list[Theme] = []
    for entry in document.data.get("themes") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        sections = tuple(
            Section(item["id"], item["title"])
            for item in entry.get("sections") or []
            if isinstance(item, dict)
            and isinstance(item.get("id"), str)
            and isinstance(item.get("title"), str)
        )
        themes.append(Theme(entry["id"], str(entry.get("title", "")), "", sections))
    own = document.data["themes"][problem.location[1]].get("id")
    return invalid_id(document, problem, themes, own if isinstance(own, str) else None)


@dataclass(frozen=True)
class ThemesRead:
    """What themes.yaml gave: the themes read, and what is known of the entries that were not."""

    themes: tuple[Theme, ...] = ()
    rules: tuple[ThemeRules, ...] = ()
    lines: dict[str, int] = field(default_factory=dict)
    # The line of each section's id, by its theme's id and its own.
    section_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    # The ids of entries not read (a mistake inside one, a second entry with an id): papers.yaml
    # may name them, but nothing it says of them can be checked. None when some entry's id, or
    # the whole file, could not be read: then no theme id papers.yaml names can be judged.
    unchecked: frozenset[str] | None = None
    # Themes read whose 'rules' could not be: the theme and its sections are known, without rules.
    without_rules: frozenset[str] = frozenset()
    intro_links: tuple[IntroLink, ...] = ()
    # By former id ('formerly'): the theme it became, and the line of that theme's id.
    former: dict[str, tuple[str, int]] = field(default_factory=dict)
    literal_keywords: tuple[LiteralKeyword, ...] = ()
    # The terms and exclusions of the rules kept, with their lines (see CurationFiles.rule_terms).
    rule_terms: tuple[RuleTerm, ...] = ()
    # A default_section a few edits from a section id, by its theme's id and the id it names,
    # with its line: which of the two is the typo is told once papers.yaml is read.
    unknown_defaults: dict[tuple[str, ...], int] = field(default_factory=dict)
    # The line of each default_section written that names a section, by its theme's id and the
    # section's: an error saying to correct that section's id says to correct the default too.
    default_lines: dict[tuple[str, str], int] = field(default_factory=dict)


def read_themes(path: Path, problems: Problems, stray: str | None = None) -> ThemesRead:
    """The themes and their rules; an entry with a mistake costs only what the mistake is in.

    ``stray`` is a file beside it most likely meant to be it ("themes.yml"), named when it is
    missing.
    """
    if absent(path):
        needed = f"missing: a curation folder needs {THEMES_FILE}"
        problems.error(display_path(path), None, missing(stray, needed))
        return ThemesRead()
    loaded = load_checked(path, "themes", problems, explain=_explain_themes)
    if loaded is None:
        return ThemesRead()
    document, broken = loaded
    themes: list[Theme] = []
    rules: list[ThemeRules] = []
    lines: dict[str, int] = {}
    section_lines: dict[tuple[str, str], int] = {}
    unchecked: set[str] | None = set()
    without_rules: set[str] = set()
    intro_links: list[IntroLink] = []
    former: dict[str, tuple[str, int]] = {}
    literal: list[LiteralKeyword] = []
    rule_terms: list[RuleTerm] = []
    unknown_defaults: dict[tuple[str, ...], int] = {}
    default_lines: dict[tuple[str, str], int] = {}
    # One for every regex of the file: together they may take only so long over the papers.
    budget = RegexBudget()
    # Every id an entry has, read or not: none of them can be a former id as well.
    current = {
        entry["id"]: document.line("themes", index, "id")
        for index, entry in enumerate(document.data["themes"])
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    }
    for index, entry in enumerate(document.data["themes"]):
        # The places of the entry's mistakes, from inside the entry: ("rules", "threshold").
        mistakes = {location[2:] for location in broken if location[1] == index}
        # A mistake in 'formerly' costs only the old addresses: the theme is read without them.
        formerly_broken = any(mistake[:1] == ("formerly",) for mistake in mistakes)
        mistakes = {mistake for mistake in mistakes if mistake[:1] != ("formerly",)}
        if any(mistake[:1] != ("rules",) for mistake in mistakes):
            theme_id = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(theme_id, str) and unchecked is not None:
                unchecked.update(_ids_meant(entry))
            else:
                unchecked = None
            continue
        line = document.line("themes", index, "id")
        if entry["id"] in lines:
            problems.error(
                document.path,
                line,
                f"duplicate theme id '{entry['id']}' (first defined on line {lines[entry['id']]})",
            )
            # Papers may name this entry's sections, which the first one need not have.
            if unchecked is not None:
                unchecked.add(entry["id"])
            continue
        lines[entry["id"]] = line
        theme = _theme(document, index, entry, problems)
        for number, item in enumerate(entry["sections"]):
            # The first of two with one id: the one kept (see _theme).
            section_lines.setdefault(
                (theme.id, item["id"]), document.line("themes", index, "sections", number, "id")
            )
        if formerly_broken:
            # Papers naming an old id it lists wait for the fix, as for an entry not read.
            if unchecked is not None:
                unchecked.update(_former_ids(entry.get("formerly")))
        else:
            formerly = _formerly(document, index, current, former, problems)
            theme = dataclasses.replace(theme, formerly=formerly)
        # The theme's terms with their lines, its sections' too, kept once the rules are (see
        # rule_terms below).
        terms_written: list[RuleTerm] = []
        # Compiled for a theme without rules too, which has no use for them yet: a bad regex
        # is reported where it is written, not once someone adds rules.
        sections = _section_rules(document, index, theme, problems, literal, budget, terms_written)
        theme_rules = None
        if "rules" in entry and not mistakes:
            theme_rules = _theme_rules(
                document,
                index,
                theme,
                entry["rules"],
                sections,
                problems,
                literal,
                budget,
                unknown_defaults,
                terms_written,
            )
            written = entry["rules"].get("default_section")
            if written is not None and theme.section(written) is not None:
                default_lines[(theme.id, written)] = document.line(
                    "themes", index, "rules", "default_section"
                )
        if entry["id"] in RESERVED_THEME_IDS:
            problems.error(
                document.path,
                line,
                f"theme id '{entry['id']}' is taken: {RESERVED_THEME_IDS[entry['id']]}; "
                "choose another id",
            )
            # Checked all the same, but not kept: it is no theme of the site, and papers.yaml
            # naming it (or the id it had before, its title's) waits for the new id.
            if unchecked is not None:
                unchecked.update(_ids_meant(entry))
            continue
        themes.append(theme)
        intro_links.extend(_intro_links(document, index, theme))
        if mistakes:
            without_rules.add(theme.id)
        elif theme_rules is not None:
            rules.append(theme_rules)
            rule_terms.extend(terms_written)
    return ThemesRead(
        tuple(themes),
        tuple(rules),
        lines,
        section_lines,
        None if unchecked is None else frozenset(unchecked),
        frozenset(without_rules),
        tuple(intro_links),
        former,
        tuple(literal),
        tuple(rule_terms),
        unknown_defaults,
        default_lines,
    )


def _former_ids(value: Any) -> list[str]:
    """The ids 'formerly' holds as written: one, or a list of them (anything else left out)."""
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, str)]


def _formerly(
    document: YamlDocument,
    index: int,
    current: Mapping[str, int],
    former: dict[str, tuple[str, int]],
    problems: Problems,
) -> tuple[str, ...]:
    """A theme's 'formerly', checked; each old id kept is added to ``former``.

    An old id's address leads to the theme, so it must be free: no theme's id now (whose page is
    there), none the site keeps for itself, and no other theme's old id.
    """
    entry = document.data["themes"][index]
    value = entry.get("formerly")
    if value is None:
        return ()
    theme_id = entry["id"]
    kept: list[str] = []
    for number, old in enumerate(_former_ids(value)):
        line = document.line(
            "themes", index, "formerly", *([number] if isinstance(value, list) else [])
        )
        if old == theme_id:
            message = f"'formerly' names the theme's own id '{old}': remove it"
        elif old in current:
            message = (
                f"'formerly' names '{old}', the id of the theme on line {current[old]}: an address "
                f"can lead to one theme only; remove '{old}' from 'formerly'"
            )
        elif old in RESERVED_THEME_IDS:
            message = f"'formerly' cannot name '{old}': {RESERVED_THEME_IDS[old]}; remove it"
        elif old in former:
            owner, owner_line = former[old]
            message = (
                f"'formerly' names '{old}', already a former id of theme '{owner}' (line "
                f"{owner_line}): its old address can lead to one theme only; keep it in one"
            )
        else:
            former[old] = (theme_id, document.line("themes", index, "id"))
            kept.append(old)
            continue
        problems.error(document.path, line, message)
    return tuple(kept)


def _intro_links(document: YamlDocument, index: int, theme: Theme) -> list[IntroLink]:
    """The relative links of a theme's intro and its sections', each at its intro's line."""
    entry = document.data["themes"][index]
    places: list[tuple[Location, Any]] = [(("themes", index, "intro"), entry.get("intro"))]
    for number, item in enumerate(entry["sections"]):
        places.append((("themes", index, "sections", number, "intro"), item.get("intro")))
    return [
        IntroLink(theme.id, url, document.line(*place))
        for place, text in places
        if text
        for url in relative_links(text)
    ]


def _ids_meant(entry: dict[str, Any]) -> set[str]:
    """The ids papers.yaml may name a theme whose entry is in error by.

    Its id, and the id meant when the id is the mistake ("Arithmetic Reasoning"), or when it was
    refused and the theme is likely known by its title's ('papers' titled "Multimodal"): the
    papers naming 'arithmetic-reasoning' or 'multimodal' wait for the fix rather than each be an
    error. So do those naming an id the entry lists under 'formerly'.
    """
    meant = {entry["id"], slugify(entry["id"]), *_former_ids(entry.get("formerly"))}
    if isinstance(entry.get("title"), str):
        meant.add(slugify(entry["title"]))
    return meant - {""}


def _theme(document: YamlDocument, index: int, entry: dict[str, Any], problems: Problems) -> Theme:
    sections: list[Section] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(entry["sections"]):
        line = document.line("themes", index, "sections", number, "id")
        if item["id"] in seen:
            problems.error(
                document.path,
                line,
                f"duplicate section id '{item['id']}' in theme '{entry['id']}' "
                f"(first defined on line {seen[item['id']]})",
            )
            continue
        seen[item["id"]] = line
        if refused_section_id(item["id"]):
            # Kept all the same: papers.yaml may name it, and is checked against it as usual.
            problems.error(
                document.path,
                line,
                f"section id '{item['id']}' is taken: on the theme's page, "
                f"#{PAPER_ANCHOR_PREFIX}<id> is the anchor of the paper with that id, where the "
                f"paper's own page links to; choose an id that does not start with "
                f"'{PAPER_ANCHOR_PREFIX}'",
            )
        where = ("themes", index, "sections", number, "intro")
        check_markdown(document, where, item.get("intro"), problems)
        sections.append(Section(item["id"], item["title"], item.get("intro", "").strip()))
    check_markdown(document, ("themes", index, "intro"), entry.get("intro"), problems)
    return Theme(entry["id"], entry["title"], entry.get("intro", "").strip(), tuple(sections))


def refused_section_id(section_id: str) -> bool:
    """Whether themes.yaml refuses a section id (:func:`_theme` reports it): a paper's anchor's.

    Such a section is kept, but its id is none to suggest: entries changed to it would be in
    error again once the section's id is fixed.
    """
    return section_id.startswith(PAPER_ANCHOR_PREFIX)


def check_markdown(
    document: YamlDocument,
    location: Location,
    text: str | None,
    problems: Problems,
    *,
    pages: int = 1,
) -> None:
    """Warn of what rendering ``text``, Markdown at ``location`` shown on ``pages``, changes.

    List items under text are told at the first one's line when the text is a '|' or '>' block,
    whose lines are known; else, as for the rest, at the key's. List items a '>' block joins to
    the line above are told instead, at the first one's line. The rest (a link, raw HTML) are
    told at their own line in a '|' block, whose lines are the text's one for one; a '>' block
    may have joined the line to others, and quoted or plain text to any number.
    """
    if not text:
        return
    line = document.line(*location)
    found = unlisted_lines(text)
    unlisted = unlisted_problem([item.strip() for _, item in found]) if found else None
    if folded := document.folded_items.get(location):
        more = len(folded) - 1
        problems.warning(
            document.path,
            folded[0][0],
            f"'{location[-1]}': {shortened(folded[0][1], 50)!r}"
            f"{f' (and {more} more)' if more else ''} is joined to the line above it: a '>' "
            "block folds its lines into one; write the text as a '|' block to keep its lines, "
            # A '|' block would make a dash meant as text a list item: the escape keeps the fold.
            "with a blank line before a list; write '\\-' for a dash that starts no list",
        )
    # The block's lines are YAML's, split at newlines only; splitlines() splits at more.
    lines = document.block_lines.get(location, ())
    split = text.splitlines()
    if split != text.split("\n")[: len(split)]:
        lines = ()
    # Each problem is looked for at its line (a few renders each) only in a '|' block, whose
    # lines are the text's one for one; elsewhere only list items are told at theirs.
    if lines and location in document.literal:
        told = located_note_problems(text, pages=pages)
    else:
        told = tuple(
            (found[0][0] if message == unlisted else None, message)
            for message in note_problems(text, pages=pages)
        )
    for index, message in told:
        at = line
        if message == unlisted and folded:
            # Fixed with the fold; told, it would quote joined text the curator never wrote.
            continue
        if index is not None and index < len(lines):
            at = lines[index] or line
        problems.warning(document.path, at, f"'{location[-1]}': {message}")


def _section_rules(
    document: YamlDocument,
    index: int,
    theme: Theme,
    problems: Problems,
    literal: list[LiteralKeyword],
    budget: RegexBudget,
    rule_terms: list[RuleTerm],
) -> tuple[SectionRule, ...]:
    """The terms of each section of a theme, compiled; a bad regex is reported at its line.

    Each term is added to ``rule_terms``, naming its section.
    """
    found: list[SectionRule] = []
    for number, item in enumerate(document.data["themes"][index]["sections"]):
        if theme.section(item["id"]):
            place = ("themes", index, "sections", number, "terms")
            lines: list[tuple[Term, int]] = []
            terms = _terms(document, item.get("terms", []), place, problems, literal, budget, lines)
            found.append(SectionRule(item["id"], terms))
            rule_terms.extend(
                RuleTerm(theme.id, term, line, False, item["id"]) for term, line in lines
            )
    return tuple(found)


def _theme_rules(
    document: YamlDocument,
    index: int,
    theme: Theme,
    entry: dict[str, Any],
    section_rules: tuple[SectionRule, ...],
    problems: Problems,
    literal: list[LiteralKeyword],
    budget: RegexBudget,
    unknown_defaults: dict[tuple[str, ...], int],
    rule_terms: list[RuleTerm],
) -> ThemeRules:
    """A theme's rules, compiled; each of its terms and exclusions is added to ``rule_terms``."""
    place = ("themes", index, "rules")

    def terms(items: list[Any], *location: str | int) -> tuple[Term, ...]:
        lines: list[tuple[Term, int]] = []
        found = _terms(document, items, location, problems, literal, budget, lines)
        excluding = location[-1] == "exclude"
        rule_terms.extend(RuleTerm(theme.id, term, line, excluding) for term, line in lines)
        return found

    default = entry.get("default_section", theme.sections[0].id)
    if theme.section(default) is None:
        known = [section.id for section in theme.sections]
        # One refused (refused_section_id) is no id to suggest; listed, it is only what there is.
        guessable = [known_id for known_id in known if not refused_section_id(known_id)]
        line = document.line(*place, "default_section")
        if nearest(default, guessable) is not None:
            # The typo may be the section's id: papers.yaml tells which (report_defaults).
            unknown_defaults[(theme.id, default)] = line
        else:
            close = closest(default, guessable)
            hint = did_you_mean(default, close) if close else listing(known, "sections")
            problems.error(
                document.path, line, f"unknown section '{default}' in theme '{theme.id}' {hint}"
            )
        default = theme.sections[0].id
    rules = ThemeRules(
        theme=theme.id,
        threshold=float(entry["threshold"]),
        terms=terms(entry["terms"], *place, "terms"),
        sections=section_rules,
        default_section=default,
        exclude=terms(entry.get("exclude", []), *place, "exclude"),
        title_weight=float(entry.get("title_weight", DEFAULT_TITLE_WEIGHT)),
    )
    _check_threshold(document.path, document.line(*place, "threshold"), rules, problems)
    return rules


def _check_threshold(path: str, line: int, rules: ThemeRules, problems: Problems) -> None:
    """Warn at a threshold above the most a paper can score: the rules then place no paper.

    A term earns its weight once in the abstract and title_weight times it in the title
    (rules.score_terms), so a paper matching every term of positive weight in both scores the
    most there is; a term left out for a mistake, which is an error of its own, counts nothing.
    """
    weights = sum(term.weight for term in rules.terms if term.weight > 0)
    # Rounded as ThemeRules.score rounds a score, so a sum that float arithmetic puts a hair
    # under the threshold is not told as out of reach.
    most = round(weights * (1 + rules.title_weight), 3)
    if most >= rules.threshold:
        return
    problems.warning(
        path,
        line,
        f"threshold {rules.threshold:g} is out of reach of theme '{rules.theme}': a paper "
        f"matching each of its terms of positive weight ({weights:g} in all) in its title (×"
        f"{rules.title_weight:g}) and abstract scores {most:g}, so the rules put no paper in it; "
        "lower the threshold, or weigh the terms more",
    )


def _terms(
    document: YamlDocument,
    items: list[Any],
    location: tuple[str | int, ...],
    problems: Problems,
    literal: list[LiteralKeyword],
    budget: RegexBudget,
    lines: list[tuple[Term, int]] | None = None,
) -> tuple[Term, ...]:
    """Compile a list of terms; a bad one is reported and left out, one with regex syntax kept.

    Each term kept is added to ``lines``, when given, with the line it is written on.
    """
    found: list[Term] = []
    seen = _ListTerms()
    for number, item in enumerate(items):
        at: tuple[str | int, ...] = (number, "keyword")
        if isinstance(item, str):
            item, at = {"keyword": item}, (number,)
        weight = float(item.get("weight", 1.0))
        if "keyword" in item:
            term = Term.keyword(item["keyword"], weight)
            line = document.line(*location, *at)
            # '*' or '-' alone leaves no word to find, and the empty pattern matches every text:
            # one such term would score every paper into the theme (or, excluding, out of it).
            if term.matches_empty():
                problems.error(
                    document.path,
                    line,
                    f"keyword '{item['keyword']}' would match every paper: a keyword needs a "
                    "word to find ('*' only ends one, as in 'quantiz*')",
                )
                continue
            syntax = regex_syntax(item["keyword"])
            if syntax:
                # Notation such as 'L^p' or '[CLS] token' is often meant as written: whether the
                # keyword finds nothing is told once the papers are read.
                literal.append(LiteralKeyword(document.path, line, term, syntax, at == (number,)))
            _check_repeat(document.path, line, term, seen, location[-1] == "exclude", problems)
            _check_weight(document, item, term, (*location, number), problems)
            found.append(term)
            if lines is not None:
                lines.append((term, line))
            continue
        line = document.line(*location, number, "regex")
        try:
            term = Term.regex(item["regex"], weight, (document.path, line), budget)
        except re.error as exc:
            problems.error(
                document.path,
                line,
                f"invalid regex '{item['regex']}': {exc.msg}"
                + (f" at position {exc.pos}" if exc.pos is not None else ""),
            )
            continue
        # A regex is searched, not matched whole: one that can match empty text finds it in every
        # paper, as a keyword of '*' alone would, and nothing in the results would say so.
        if term.matches_empty():
            problems.error(
                document.path,
                line,
                f"regex '{item['regex']}' matches empty text, and so every paper: make part of it "
                "required ('+', one or more, instead of '*', which allows none; no '?' after the "
                "whole; no empty alternative, as in 'a|')",
            )
            continue
        _check_repeat(document.path, line, term, seen, location[-1] == "exclude", problems)
        _check_weight(document, item, term, (*location, number), problems)
        found.append(term)
        if lines is not None:
            lines.append((term, line))
    return tuple(found)


def _check_weight(
    document: YamlDocument,
    item: dict[str, Any],
    term: Term,
    place: tuple[str | int, ...],
    problems: Problems,
) -> None:
    """Warn at a weight that does nothing: 0 on a term that scores, any on an exclusion.

    ``place`` is the term's in the document. Both read as meant and change no paper's place, so
    only a triage of disagreements would show that the edit did nothing.
    """
    if "weight" not in item:
        return
    line = document.line(*place, "weight")
    if place[-2] == "exclude":
        # ThemeRules.score keeps out a paper any exclusion matches, whatever its weight.
        problems.warning(
            document.path,
            line,
            f"'weight' does nothing in 'exclude': a paper {term.kind} '{term.text}' matches is "
            "kept out of the theme whatever its weight; remove the weight (a term of 'terms' "
            "with a negative weight counts against a paper instead)",
        )
    elif term.weight == 0:
        problems.warning(
            document.path,
            line,
            f"{term.kind} '{term.text}' has weight 0, so it changes no paper's score: give it "
            "the weight meant (negative to count against a paper), or remove it",
        )


def _sameness(term: Term) -> str:
    r"""What a term finds, as a key: two terms of a list with one key find the same text.

    Both kinds match in any case. A keyword is known by its pattern, written folded as
    re.IGNORECASE matches letters (rules.keyword_folded: 'Hopfield' and 'hopfield', 'ſparsity'
    and 'sparsity', 'µ-law' and 'μ-law'; 'key value' and 'key-value' are one keyword); a regex by
    its text, in lower case too unless it holds an escape ('\S' is not '\s'), so a regex is the
    same as a keyword only when it is that keyword's pattern. Whether some other regex finds what
    a keyword finds cannot be told reliably: 'mamba' as a regex finds 'Mambaformer' too, which the
    keyword does not.
    """
    if term.kind == "keyword":
        # Not lower(): 'ſ', 'İ' and the micro sign 'µ' stay apart from 's', 'i' and 'μ' under it,
        # and a repeat was told as a keyword finding nothing another does not.
        return keyword_pattern(keyword_folded(term.text))
    return term.text if "\\" in term.text else term.text.lower()


@dataclass
class _ListTerms:
    """The terms of one list read so far, found by what an added term may repeat or overlap."""

    # Each term by what makes it the same as another (see _sameness), with its line, in list order.
    by_sameness: dict[str, tuple[Term, int]] = field(default_factory=dict)
    # The keywords among them by their start (see keyword_start), each with its place in
    # by_sameness; and those starts, sorted, so the ones a start begins stand together.
    by_start: dict[str, list[tuple[int, Term, int]]] = field(default_factory=dict)
    starts: list[str] = field(default_factory=list)

    def overlap_candidates(self, start: str) -> list[tuple[Term, int]]:
        """The keywords so far whose start begins ``start`` or begins with it, in list order.

        Only these can find a text a keyword of that start finds (see keyword_within): pairing
        a keyword with each earlier one took minutes for a list of thousands.
        """
        found = [
            entry for end in range(len(start) + 1) for entry in self.by_start.get(start[:end], ())
        ]
        # Longer starts beginning with it follow it in sorted order (an equal one is found above).
        at = bisect.bisect_right(self.starts, start)
        while at < len(self.starts) and self.starts[at].startswith(start):
            found.extend(self.by_start[self.starts[at]])
            at += 1
        return [(term, line) for _, term, line in sorted(found, key=lambda entry: entry[0])]

    def add(self, term: Term, line: int) -> tuple[Term, int]:
        """The term read first of those the same as ``term``, with its line: ``term`` when new.

        A new keyword is indexed by its start too, with its place in by_sameness.
        """
        earlier = self.by_sameness.setdefault(_sameness(term), (term, line))
        if earlier[0] is term and term.kind == "keyword":
            start = keyword_start(term.text)
            if start not in self.by_start:
                bisect.insort(self.starts, start)
            self.by_start.setdefault(start, []).append((len(self.by_sameness) - 1, term, line))
        return earlier


def _check_repeat(
    path: str,
    line: int,
    term: Term,
    seen: _ListTerms,
    excluding: bool,
    problems: Problems,
) -> None:
    """Warn of a term the same as an earlier one of its list: a paper would score both.

    Or of a keyword whose every match starts with one of another keyword of the list (the
    narrower is told at its line; see keyword_within): a paper it finds scores both too.
    """
    earlier = seen.add(term, line)
    if earlier[0] is term:
        # A regex overlaps nothing that can be told (see _check_overlap), so only keywords pair.
        if term.kind == "keyword":
            for other, other_line in seen.overlap_candidates(keyword_start(term.text)):
                if other is not term:
                    _check_overlap(path, (term, line), (other, other_line), excluding, problems)
        return
    first, first_line = earlier
    advice = (
        "either keeps the same papers out; remove one"
        if excluding
        else f"a paper matching one matches both, so both weights count ({first.weight:g} and "
        f"{term.weight:g}); keep one, with the weight meant"
    )
    problems.warning(
        path,
        line,
        f"{term.kind} '{term.text}' repeats {first.kind} '{first.text}' (line {first_line}): "
        f"{advice}",
    )


def _check_overlap(
    path: str,
    one: tuple[Term, int],
    other: tuple[Term, int],
    excluding: bool,
    problems: Problems,
) -> None:
    """Warn of a keyword that finds nothing another of its list does not: a paper scores both.

    Weights of opposite signs are left alone: a narrower keyword taking back what a wider one
    gives ('efficien*', then 'efficiently' at -1) is written so on purpose. So is a weight of 0,
    which counts nothing.
    """
    terms = (one, other)
    if any(term.kind != "keyword" for term, _ in terms):
        return  # what a regex finds cannot be told reliably (see _sameness)
    if not excluding and one[0].weight * other[0].weight <= 0:
        return
    for (narrow, narrow_line), (wide, wide_line) in (terms, terms[::-1]):
        if keyword_within(narrow.text, wide.text):
            advice = (
                f"'{wide.text}' already keeps out every paper it does; remove it"
                if excluding
                else f"a paper matching it matches both, so both weights count "
                f"({narrow.weight:g} and {wide.weight:g}); keep one, with the weight meant"
            )
            problems.warning(
                path,
                narrow_line,
                f"keyword '{narrow.text}' finds nothing keyword '{wide.text}' (line {wide_line}) "
                f"does not: {advice}",
            )
            return


# --- papers.yaml -------------------------------------------------------------------------------


# --- sorting -----------------------------------------------------------------------------------


def sort_papers(
    files: CurationFiles,
    catalogue: Catalogue,
    problems: Problems | None = None,
    *,
    rules_only: bool = False,
) -> Curation:
    """Place every paper: rules first, then the paper's decision on top, unless ``rules_only``.

    ``problems`` receives what only shows once rules and decisions meet, such as a paper featured
    in a theme it is not in, and a regex of the rules that runs away (see :func:`_placed`);
    without it, that raises RunawayRegex.
    """
    papers: list[CuratedPaper] = []
    hidden: list[HiddenPaper] = []
    for paper in catalogue.papers:
        decision = None if rules_only else files.decisions.get(paper.id)
        if decision is not None and decision.hidden is not None:
            hidden.append(HiddenPaper(paper, decision.hidden))
            if decision.featured and problems is not None:
                # The theme's "start here" list would lose it without a word.
                problems.warning(
                    files.papers_path, decision.featured_line, "hidden, so 'featured' has no effect"
                )
            continue
        placements = _placed(files, paper, decision, problems)
        if decision is None:
            papers.append(CuratedPaper(paper, placements))
            continue
        # Unless every theme's rules were read, only a paper whose themes are all pinned is
        # surely where it belongs: rules not read might have put it in another theme.
        placed = decision.sound and (files.themes_sound or decision.themes is not None)
        papers.append(
            CuratedPaper(
                paper,
                placements,
                note=decision.note,
                featured=_featured(files, decision, placements, problems if placed else None),
                order=decision.order,
                tags=decision.tags,
                arxiv_id=decision.arxiv_id,
                no_arxiv_id=decision.no_arxiv_id,
                links=decision.links,
            )
        )
    return Curation(
        files.themes,
        tuple(papers),
        tuple(hidden),
        papers_read=files.papers_read,
        in_error=files.in_error,
        unread_themes=files.unread_themes,
    )


def _placed(
    files: CurationFiles, paper: Paper, decision: Decision | None, problems: Problems | None
) -> tuple[Placement, ...]:
    """The paper's placements, a regex that runs away on the way reported to ``problems``.

    One such regex would otherwise stop the whole run, every other problem of the content unsaid
    (and a review's summary with them). It is told at its line, and from then on matches nothing,
    as does every regex once the budget they share is spent (see Term.search): the keywords still
    score, so the papers land somewhere and the checks that follow the sorting still run, on
    placements that a fix may change, as the error says. The paper is scored again from the
    start, so no theme keeps a score the runaway cut short. Each RunawayRegex stops a term (or
    all) for good, so this ends after at most one for each regex term.
    """
    while True:
        try:
            # Sections are worked out here, lazily (ThemeScore.section): inside the try too.
            return _placements(files, files.scores(paper), decision)
        except RunawayRegex as runaway:
            # Scores kept from before hold the regex's matches, which from now on it does not make:
            # a later pass (the rules alone, triage) scores every paper with it stopped.
            files.forget_scores()
            if problems is None:
                raise
            problems.extend(runaway.problems)


def _placements(
    files: CurationFiles, scores: dict[str, ThemeScore], decision: Decision | None
) -> tuple[Placement, ...]:
    chosen: dict[str, str | None] = {t: None for t, s in scores.items() if s.accepted}
    pinned: set[str] = set()
    if decision is not None:
        if decision.themes is not None:
            chosen = {pin.theme: pin.section for pin in decision.themes}
            pinned = set(chosen)
        for theme_id in decision.remove:
            chosen.pop(theme_id, None)
        for pin in decision.add:
            chosen[pin.theme] = pin.section
            pinned.add(pin.theme)
    placements: list[Placement] = []
    for theme in files.themes:
        if theme.id not in chosen:
            continue
        score = scores.get(theme.id)
        section = chosen[theme.id] or (score.section if score else theme.sections[0].id)
        placements.append(
            Placement(theme.id, section, theme.id in pinned, score.score if score else None)
        )
    return tuple(placements)


def _featured_fix(decision: Decision, theme_id: str | None) -> str:
    """How to fix featuring in ``theme_id`` (None: in all its themes) a paper not in it.

    As the entry has it: 'add' beside 'themes' is an error, and beside 'remove' naming the theme;
    a second 'add' beside the entry's own is a duplicate key.
    """
    if theme_id is None:
        if decision.themes is not None:
            return "name its themes in 'themes', or drop 'featured'"
        return "put it in one with 'add', or drop 'featured'"
    drop = f"or take '{theme_id}' out of 'featured'"
    if decision.themes is not None:
        return f"add '{theme_id}' to its 'themes', {drop}"
    if theme_id in decision.remove:
        return f"take '{theme_id}' out of its 'remove', {drop}"
    if decision.add:
        return f"add '{theme_id}' to its 'add', {drop}"
    return f"add it with 'add: [{theme_id}]', {drop}"


def _featured(
    files: CurationFiles,
    decision: Decision,
    placements: tuple[Placement, ...],
    problems: Problems | None,
) -> frozenset[str]:
    themes = {placement.theme for placement in placements}
    if decision.featured is True:
        wanted: tuple[str, ...] = tuple(themes)
        if not themes and problems is not None:
            problems.error(
                files.papers_path,
                decision.featured_line,
                f"featured, but the paper is in no theme: {_featured_fix(decision, None)}",
            )
    elif decision.featured is False:
        wanted = ()
    else:
        wanted = decision.featured
        for theme_id in wanted:
            if theme_id not in themes and problems is not None:
                problems.error(
                    files.papers_path,
                    decision.featured_line,
                    f"featured in '{theme_id}', but the paper is not in that theme: "
                    + _featured_fix(decision, theme_id),
                )
    featured = frozenset(theme_id for theme_id in wanted if theme_id in themes)
    if featured and decision.note is None and problems is not None:
        # "Start here" sends readers to it first; the note is where they learn why.
        problems.warning(
            files.papers_path,
            decision.featured_line,
            "featured without a 'note': say in one line why to read it first",
        )
    return featured
