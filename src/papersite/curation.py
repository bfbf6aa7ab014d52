"""Curation's records and the sort: themes, sections, curators' decisions, into a Curation.

:func:`sort_papers` places every paper, decisions winning over the rules; pages, feeds, exports
and reviews read the :class:`Curation` it gives. Apart from the stage's readers (themes_file.py,
papers_file.py, unknown_ids.py), which hand on these records, and its checks (curation_checks.py),
so that what reads a curation needs none of them; content.py runs the stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from papersite.catalogue import ARXIV_ID, Catalogue, Paper, linked_arxiv_id
from papersite.errors import Problems
from papersite.rules import RunawayRegex, Term, Text, ThemeRules, ThemeScore
from papersite.wording import counted

CURATION_DIR = "curation"
THEMES_FILE = "themes.yaml"
PAPERS_FILE = "papers.yaml"
# The most featured papers a theme should have: CONTRIBUTING.md asks curators for 3–5.
FEATURED_AT_MOST = 5


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
    only once papers.yaml has said which papers are hidden (see
    :func:`~papersite.curation_checks.check_intro_links`).
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
class UnknownEntry:
    """An entry of papers.yaml under an id of no paper, and the paper its error names as meant.

    ``meant`` is the id the error's hint names alone (its "did you mean", the one twin, the paper
    its title was joined to); None when it names no paper, or several twins to choose from. A
    review tells by it whose decisions the entry was written for (review.py).
    """

    key: str
    line: int
    meant: str | None = None


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
    """The paper's placements, in theme order, from its rules' scores and its decision.

    The rules place it in each theme whose rules accept it. A decision's 'themes' replaces those,
    then 'remove' takes themes out and 'add' puts themes in; a theme it names is pinned. The
    section is the one the decision names, else the one the theme's rules score highest (their
    default section when none scores), else, for a theme without rules, its first.
    """
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
