"""The pull-request review: what a change to the content does to the site, readable in seconds.

``papersite review --base-content DIR`` compares the content of a pull request with the content of
its base branch (checked out into another folder) into a Review, which summary.py writes as a
Markdown summary for the job page:
papers per theme before and after, themes whose page (title, place, intro, sections) or rules
changed, papers added (with their curator links, featuring, order, note, tags and arXiv id),
papers new to the dumps
that papers.yaml hides on arrival (with the reason), moved between themes
or sections, and removed, papers papers.yaml now pins where the rules had placed them (the
site shows them as before), papers whose note, featuring, order, tags or arXiv id changed (the
new note's start, the old and new order and id), each curator link
added, removed or changed (its label and address, to the letter), papers whose id now names another
paper, papers whose title, abstract or date the dumps now give otherwise (a new dump's mention of a
paper can change what its page shows), and every message ``papersite check`` gives on the pull
request's content. The comparison is by paper id, which is the paper's address, so a reviewer sees
which pages appear, move or disappear; only whether a hidden paper is new, or was shown, is told
by the paper (its title, or its abstract as the catalogue merges mentions), as an earlier capture
can take a paper's id. A paper whose id changed (an older page gave it an earlier title, or another
paper captured earlier took its id, or two papers traded ids) is that paper: compared with itself
under its new id, its id change named, and said when papers.yaml's decisions under an id now land
on another paper (a paper that moves as its entry stays under its old id is placed by the
rules, and says so). Themes are compared by id too, a theme renamed with its old id under 'formerly'
as the theme it was, and a section given a new id with its papers as the section it was (two
sections trading ids each renamed, their anchors now landing on the other); the addresses of a
theme's id or former id that the site stops publishing are named, and those a former id adds;
so is each tag page's address the site stops publishing (its tag on no paper now, or given
another address as another tag's name came to slug alike, or as it was renamed, only in case
say), which no redirect keeps, and each that another tag took, which now shows that tag's papers.
Dumps are compared by file name, or by bytes or most of their records when renamed: each one
added, removed, renamed, relabelled, redated or edited is named, as papers' pages list them (one
holding another's bytes as swapped with it, or a copy of it), or said to read as before when only
its spaces or line endings changed, or said not to be readable (its papers then may still be in
it, not in no dump). A sources.yaml that cannot be read is said in one line, and no dump called
relabelled or redated for it, nor any paper's title, abstract or date compared (the capture dates
decide them). A papers.yaml the pull request deletes is said in one line, first, above the papers
its entries leave one by one. A pull request that changes none of this gets one line saying so.

A mistake in papers.yaml is not a decision: where it leaves a paper (the rules' place, no note, not
featured) is no curator's doing. So papers are not compared at all while either side's papers.yaml
or themes.yaml, or its curation folder (a link that loops or leads nowhere), cannot be read (without
themes.yaml no entry naming a theme can be applied), and a
paper whose entry holds an error is listed as not compared, not as edited; so is one whose entry
the pull request leaves under an id of no paper (a typo, its old id) whose error names it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from papersite import urls
from papersite.catalogue import Paper
from papersite.curation import (
    CURATION_DIR,
    PAPERS_FILE,
    THEMES_FILE,
    CuratedPaper,
    Curation,
    ExtraLink,
    HiddenPaper,
    Theme,
    arxiv_id_of,
    arxiv_id_source,
)
from papersite.errors import (
    PapersiteError,
    Problem,
    Severity,
    absent,
    display_path,
)
from papersite.markup import code_span, escape_gfm
from papersite.review_dumps import DumpChange, dumps_changed
from papersite.review_sides import UNSORTED, Place, Side, by_keys, curate, paper_keys
from papersite.review_text import shortened, text_edit
from papersite.review_themes import ThemeEdit, themes_edited
from papersite.sources import (
    SOURCES_DIR,
    no_sources_folder,
)
from papersite.tags import plain_slug, tag_slugs, text_order
from papersite.wording import closest, listed

# Said of a paper whose old id another paper took; with papers.yaml's entry under it, if any,
# which is no longer its.
TAKEN = "**its old id now names another paper**"
TAKEN_DECIDED = f"{TAKEN}, to which what papers.yaml decides under it now applies"


@dataclass(frozen=True)
class ThemeCount:
    """Papers in one theme (or Unsorted) on the base branch and in the pull request.

    A count is None when that side's papers.yaml could not be read (the rules alone would have
    placed the papers, and the number would read as the curators'), or its themes.yaml could not
    read the theme or its rules (or, for Unsorted, some theme or theme's rules, whose papers then
    fall here).
    """

    theme: str
    title: str
    base: int | None
    head: int | None
    featured: int | None
    # "new" for a theme only the pull request has, "removed" for one only the base branch has.
    status: str = ""
    # For a theme the pull request renames (its 'formerly' holds a base theme's id): the base
    # theme's id, whose papers are counted as its own on the base branch.
    was: str | None = None
    # Papers featured on the base branch, None as ``featured`` is: a pick unfeatured shows.
    base_featured: int | None = None

    @property
    def delta(self) -> int | None:
        """How many papers the pull request adds to the theme (negative: takes away)."""
        if self.base is None or self.head is None:
            return None
        return self.head - self.base


@dataclass(frozen=True)
class Addresses:
    """A base theme's page, feed and BibTeX, under an id the pull request drops or leads on.

    ``old`` is the id in those addresses: a base theme's own id, or one of its former ids.
    ``now`` is the theme they lead to in the pull request, through its 'formerly'; None when the
    site stops publishing them. ``typo``, for addresses dropped: a former id the pull request adds
    that is likely meant as ``old``, and the theme listing it. ``renamed`` when ``now`` is the
    theme ``old`` named on the base branch, renamed: not another theme's.
    """

    old: str
    now: str | None
    typo: tuple[str, str] | None = None
    renamed: bool = False


@dataclass(frozen=True)
class TagAddress:
    """A base tag's page, at an address (its slug, ``old``) the pull request's site has not.

    ``now`` is the tag's slug in the pull request, when it keeps pages under another address
    (another tag's name came to slug alike and both got hashed slugs, or it was renamed, to
    ``renamed``, with a hashed slug, which hashes the name); None when no paper on the site has the
    tag any more. Tags have no 'formerly': no redirect keeps the old address. ``shown`` is the
    other tag whose pages the old address shows in the pull request (a commoner look-alike took
    it), when it is not gone.
    """

    tag: str
    old: str
    now: str | None = None
    renamed: str | None = None
    shown: str | None = None


@dataclass(frozen=True)
class PaperChange:
    """A paper added, moved or removed: its places before and after the pull request.

    ``note`` says why a paper left or never showed (the reason it is hidden), or that an added one
    was unhidden or is not yet decided (where it stands is the rules' call), in Markdown whose
    curators' text is escaped or in code spans;
    ``links`` are an added paper's curator links, new addresses on the site a reviewer checks.
    """

    paper_id: str
    title: str
    before: tuple[Place, ...]
    after: tuple[Place, ...]
    note: str | None = None
    links: tuple[ExtraLink, ...] = ()
    # For a paper whose id changed: the id it had on the base branch (``paper_id`` is its id now);
    # ``id_taken`` when another paper has that id now, whose page it is.
    was_id: str | None = None
    id_taken: bool = False


@dataclass(frozen=True)
class PaperEdit:
    """A paper on both sides that changed other than in its place: what changed, in words."""

    paper_id: str
    title: str
    changes: tuple[str, ...]


@dataclass(frozen=True)
class NotCompared:
    """A paper whose entry in papers.yaml is in error on one side or both (Curation.in_error).

    What the curators decided for it is not applied in full there, so a change found there might
    be the error's doing rather than theirs. Likewise a paper moved in or out of a theme whose
    rules the pull request could not read (``rules``); one the base branch alone could not read
    the rules of is moved, as the fix places it, saying so (_rules_unread_on_base).
    """

    paper_id: str
    title: str
    base: bool
    head: bool
    # For a paper whose decisions the pull request's papers.yaml holds under an id of no paper
    # (a typo, or the id it had): where each such entry is, as a path and line, in file order.
    entries: tuple[str, ...] = ()
    # The themes whose rules a side could not read that it is in on either side, by their ids in
    # the pull request (_placed_by_unread_rules).
    rules: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """Which side's entry or theme's rules are in error, in words."""
        if self.base and self.head:
            side = "in this pull request and on the base branch"
        else:
            side = "in this pull request" if self.head else "on the base branch"
        if self.rules:
            # The base branch's errors are not under Check, which lists the pull request's alone.
            check = " (see Check)" if self.head else ""
            themes = listed([code_span(theme) for theme in self.rules])
            side += f": the rules of {themes} could not be read{check}"
        if not self.entries:
            return side
        # Each one: the decisions may be in any, and the first may be a stray line of them.
        at = listed([code_span(entry) for entry in self.entries])
        if len(self.entries) == 1:
            return f"{side}: its entry at {at} names no paper now (see Check)"
        return f"{side}: its entries at {at} name no paper now (see Check)"


@dataclass(frozen=True)
class Review:
    """Everything the summary shows: counts, changed papers and the check's messages.

    ``base_unread`` and ``head_unread`` name a side's themes.yaml and papers.yaml, those of them
    that could not be read, or its curation folder when that could not be: the papers are then not
    compared (no totals, no lists), only the check's messages are listed.
    """

    base_total: int | None
    head_total: int | None
    counts: tuple[ThemeCount, ...]
    added: tuple[PaperChange, ...]
    moved: tuple[PaperChange, ...]
    removed: tuple[PaperChange, ...]
    problems: tuple[Problem, ...]
    edited: tuple[PaperEdit, ...] = ()
    not_compared: tuple[NotCompared, ...] = ()
    # Papers on the site on both sides whose title, abstract or date changed in the catalogue,
    # and how many papers' upvotes did (every capture reads them anew: counted, not listed).
    catalogue: tuple[PaperEdit, ...] = ()
    upvotes_changed: int = 0
    base_unread: tuple[str, ...] = ()
    head_unread: tuple[str, ...] = ()
    # Themes.yaml does not depend on papers.yaml: its edits are listed even when papers are not.
    themes_edited: tuple[ThemeEdit, ...] = ()
    # Addresses links and feed readers use that the pull request drops or leads elsewhere.
    addresses: tuple[Addresses, ...] = ()
    # Tag pages' addresses the pull request's site drops, by tag name.
    tag_addresses: tuple[TagAddress, ...] = ()
    # Papers new to the dumps that papers.yaml hides from the start: on the site on neither side,
    # but the hiding and its reason are a decision the reviewer checks.
    added_hidden: tuple[PaperChange, ...] = ()
    # Dumps added, removed, relabelled, redated or edited: the papers' Sources lists name them.
    dumps: tuple[DumpChange, ...] = ()
    # A side's sources.yaml, named as the summary names it, when it could not be read: dumps'
    # labels and capture dates are then not compared.
    base_sources_unread: str | None = None
    head_sources_unread: str | None = None
    # The pull request's papers.yaml, named as the summary names it, when the pull request deletes
    # it: the entries it held are gone, which the lists tell paper by paper.
    papers_deleted: str | None = None
    # The pull request's curation folder, named as the summary names it, when the pull request
    # deletes it, with the curation files the base branch's held (themes.yaml, papers.yaml):
    # every paper is then unsorted.
    curation_deleted: str | None = None
    curation_files_deleted: tuple[str, ...] = ()
    # How many entries the base branch's papers.yaml held, when the pull request deletes it (or
    # the curation folder).
    entries_deleted: int = 0
    # Papers on the site on both sides, in the same places, that the pull request's papers.yaml
    # pins where the base branch left them to the rules: the site shows them as before, but
    # deciding them is what a triage pull request is for.
    decided: tuple[PaperChange, ...] = ()

    @property
    def compared(self) -> bool:
        """Whether the papers were compared: both sides' curation files could be read."""
        return not self.base_unread and not self.head_unread

    @property
    def unchanged(self) -> bool:
        """Whether the pull request changes nothing the site shows: no paper, theme or dump.

        The check's messages are the pull request's alone: a comment edited can leave one there.
        Papers newly decided where they stood (``decided``) change papers.yaml, not the site: the
        summary says so with its "no change" line.
        """
        return (
            self.compared
            and self.base_total == self.head_total
            # A count neither side could make (one error on both) is no change either.
            and all(c.base == c.head and not c.status and c.was is None for c in self.counts)
            and not any(
                (
                    self.added,
                    self.added_hidden,
                    self.moved,
                    self.removed,
                    self.edited,
                    self.not_compared,
                    self.catalogue,
                    self.upvotes_changed,
                    self.themes_edited,
                    self.addresses,
                    self.tag_addresses,
                    [dump for dump in self.dumps if not dump.site_unchanged],
                    self.base_sources_unread,
                    self.head_sources_unread,
                )
            )
        )

    @property
    def errors(self) -> int:
        """How many of the check's messages are errors."""
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        """How many of the check's messages are warnings."""
        return len(self.problems) - self.errors


@dataclass(frozen=True)
class _Comparison:
    """The two sides of a review, and what is known of their papers' ids."""

    # The base branch's side with its papers, and the themes and sections it places them in,
    # under their ids in the pull request (_papers_under_new_ids, _under_new_ids); its curation
    # as read keeps the base's ids.
    base: Side
    head: Side
    # The ids of the papers whose entry in papers.yaml is in error on either side, the base
    # branch's under the ids the papers have in the pull request: those are not compared.
    in_error: frozenset[str]
    # The papers whose id changed, new id to old (_id_changes).
    was_ids: dict[str, str]
    # The old ids of those that the pull request gives another paper, each with the title the
    # base branch gave it (_taken_ids): the decisions papers.yaml holds under one are now that
    # other paper's.
    taken: dict[str, str]
    # Papers a theme's rules, unread on the base branch alone, may have kept from where the
    # pull request's rules put them, with those themes' ids in the pull request
    # (_placed_by_unread_rules): their places now are known, those before the error's.
    base_rules_unread: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)


def review(base_content: Path, head_content: Path) -> Review:
    """Compare the pull request's content with the base branch's; only the head's problems count.

    Both folders are read the way ``papersite check`` reads them, collecting problems instead of
    stopping, so a summary is written even for content with errors; those errors are its point.
    Raises PapersiteError only when either folder has no sources/ at all.
    """
    for content in (base_content, head_content):
        _check_is_content(content)
    base = curate(base_content)
    head = curate(head_content)
    renames = _renames(base.curation, head.curation)
    deleted = _papers_deleted(base_content, head_content)
    files_deleted = _curation_deleted(base_content, head_content)
    folder_deleted = display_path(head_content / CURATION_DIR) if files_deleted else None
    # Counted so as not to say entries are gone of a file that held none ('papers:' alone).
    # Entries, not decisions: one only adding a theme or giving a note leaves the paper to triage.
    entries_deleted = len(base.entries) if deleted or files_deleted else 0
    if base.unread or head.unread:
        return dataclasses.replace(
            _review_unread(base, head, renames),
            papers_deleted=deleted,
            curation_deleted=folder_deleted,
            curation_files_deleted=files_deleted,
            entries_deleted=entries_deleted,
        )
    # A paper whose id changed is the same paper: compared under its new id, it is not one paper
    # removed and another added, and its place, notes and dump data compare with its own.
    was_ids = _id_changes(base, head)
    taken = _taken_ids(base, head, was_ids)
    now_ids = {old: new for new, old in was_ids.items()}
    base = _papers_under_new_ids(base, now_ids)
    base_in_error = frozenset(now_ids.get(old, old) for old in base.curation.in_error)
    astray = _entries_astray(base, head, was_ids, now_ids)
    in_error = base_in_error | head.curation.in_error | astray.keys()
    # Without a side's capture dates, which mention of a paper wins the merge and what its dates
    # read as are the error's doing: every dated paper would read as changed.
    catalogue: tuple[PaperEdit, ...] = ()
    upvotes_changed = 0
    if base.sources_unread is None and head.sources_unread is None:
        catalogue, upvotes_changed = _catalogue_changes(base, head)
    # A theme or section renamed is the same one: its papers did not move, nor were unfeatured.
    sections = _section_renames(base, head, renames)
    base = _under_new_ids(base, renames, sections)
    by_rules = _placed_by_unread_rules(base, head, renames, was_ids)
    # Rules the pull request reads where the base branch could not place its papers anew: where
    # they stand now is known, and listed as a move the fix makes.
    in_error |= {paper_id for paper_id, rules in by_rules.items() if rules.head}
    fixed = {paper_id: rules.themes for paper_id, rules in by_rules.items() if not rules.head}
    compared = _Comparison(base, head, in_error, was_ids, taken, fixed)
    return Review(
        base_total=len(base.places),
        head_total=len(head.places),
        counts=_counts(base, head, renames),
        added=_added(compared),
        added_hidden=_added_hidden(compared),
        moved=_moved(compared),
        removed=_removed(compared),
        problems=head.problems,
        edited=_edited(compared),
        not_compared=_not_compared_papers(base, head, base_in_error, in_error, astray, by_rules),
        catalogue=catalogue,
        upvotes_changed=upvotes_changed,
        themes_edited=themes_edited(base, head, renames, sections),
        addresses=_addresses_changed(base.curation, head.curation, renames),
        tag_addresses=_tag_addresses_changed(base.curation, head.curation),
        dumps=dumps_changed(base, head),
        base_sources_unread=base.sources_unread,
        head_sources_unread=head.sources_unread,
        papers_deleted=deleted,
        curation_deleted=folder_deleted,
        curation_files_deleted=files_deleted,
        entries_deleted=entries_deleted,
        decided=_decided(compared),
    )


def _papers_deleted(base_content: Path, head_content: Path) -> str | None:
    """The pull request's papers.yaml as the summary names it, if the pull request deletes it."""
    was, now = (content / CURATION_DIR / PAPERS_FILE for content in (base_content, head_content))
    # In a curation folder that cannot be read (a link that loops) it is not there to read either:
    # the folder is what the summary names then.
    deleted = absent(now) and now.parent.is_dir() and not absent(was)
    return display_path(now) if deleted else None


def _curation_deleted(base_content: Path, head_content: Path) -> tuple[str, ...]:
    """The base branch's curation files (themes.yaml, papers.yaml) gone with their folder.

    None when the pull request keeps the folder, or the base branch has neither file.
    """
    was, now = (content / CURATION_DIR for content in (base_content, head_content))
    if not absent(now):
        return ()
    return tuple(name for name in (THEMES_FILE, PAPERS_FILE) if not absent(was / name))


def _renames(base: Curation, head: Curation) -> dict[str, str]:
    """The base themes the pull request renames, old id to new, compared as one theme.

    A theme new to the pull request renames the one base theme its 'formerly' names; naming two,
    it merges them, whose papers' moves are the news.
    """
    renames = {}
    for theme in head.themes:
        olds = [old for old in theme.formerly if base.theme(old) is not None]
        if base.theme(theme.id) is None and len(olds) == 1:
            renames[olds[0]] = theme.id
    return renames


def _section_renames(base: Side, head: Side, renames: dict[str, str]) -> dict[str, dict[str, str]]:
    """The sections the pull request renames, old id to new, by theme (its id in the pull request).

    A section whose papers, all or most (more than half of each one's), are under another id of
    the same theme in the pull request, and not under its own, is one section under a new id:
    its papers did not move. The new id is one the base branch lacks, or one its section leaves
    too: two sections that swap ids (or a chain, A to B and B to C) are each renamed.
    """

    def papers(side: Side, theme_id: str, section_id: str) -> set[str]:
        place = Place(theme_id, section_id)
        return {paper_id for paper_id, places in side.places.items() if place in places}

    def same(before: set[str], after: set[str]) -> bool:
        return 2 * len(before & after) > max(len(before), len(after))

    base_id = {new: old for old, new in renames.items()}
    found = {}
    for theme in head.curation.themes:
        was = base.curation.theme(base_id.get(theme.id, theme.id))
        if was is None:
            continue
        pairs: dict[str, str] = {}
        for section in was.sections:
            before = papers(base, was.id, section.id)
            if same(before, papers(head, theme.id, section.id)):
                continue  # its papers stayed: the section kept its id
            new = next(
                (
                    now.id
                    for now in theme.sections
                    if now.id != section.id
                    and now.id not in pairs.values()
                    and same(before, papers(head, theme.id, now.id))
                ),
                None,
            )
            if new is not None:
                pairs[section.id] = new
        # An id a base section keeps is no other's new id, and an id the pull request still has
        # is another section's only if that one is renamed to it: drop pairs until none is left.
        while dropped := [
            old
            for old, new in pairs.items()
            if (was.section(new) is not None and new not in pairs)
            or (theme.section(old) is not None and old not in pairs.values())
        ]:
            for old in dropped:
                del pairs[old]
        if pairs:
            found[theme.id] = pairs
    return found


def _same_paper(was: Paper, now: Paper) -> bool:
    """Whether two papers, one from each side, are one paper (see paper_keys)."""
    return not paper_keys(was).isdisjoint(paper_keys(now))


def _id_changes(base: Side, head: Side) -> dict[str, str]:
    """The papers whose id changed, new id to old: each is one paper on both sides.

    A paper takes another id when the dumps change which of its mentions came first (an earlier
    capture under another title), and the curators move its entry in papers.yaml with it; or
    when another paper whose title slugs the same is captured earlier and takes its id (an older
    dump added, capture dates edited). Its old id may name another paper now: the decisions
    papers.yaml holds under it are that paper's from now on (_taken_ids). Its new id may be one
    the base branch gives another paper only if that paper's id changes too (two papers trading
    ids, or a chain of them): otherwise the id "now names another paper", an edit of its own.
    """
    known = by_keys(base)
    changes: dict[str, str] = {}
    for paper_id in sorted((*head.papers, *head.hidden)):
        paper = head.paper(paper_id)
        assert paper is not None  # one of the side's own ids
        olds = {known[key] for key in paper_keys(paper) if key in known}
        # Two base papers that are now one were merged: neither simply changed its id.
        if len(olds) != 1 or (old := olds.pop()) == paper_id or old in changes.values():
            continue
        # Still there under its old id: the paper split in two, or was retitled, not moved.
        was = base.paper(old)
        assert was is not None  # one of the base's own ids, by by_keys
        if (still := head.paper(old)) is not None and _same_paper(was, still):
            continue
        changes[paper_id] = old
    # An id the base branch gives a paper that keeps it cannot be another's new id: drop those
    # until every new id the base branch holds is one its paper leaves.
    while dropped := [new for new in changes if base.has(new) and new not in changes.values()]:
        for new in dropped:
            del changes[new]
    return changes


def _taken_ids(base: Side, head: Side, was_ids: dict[str, str]) -> dict[str, str]:
    """The old ids of papers whose id changed that the pull request gives another paper.

    Each with the title of the paper the base branch gave it: what papers.yaml decides under the
    id (its note, featuring, place) was written for that paper and now applies to another one,
    which took the id. ``base`` is the base branch's side as read, under its own ids.
    """
    return {old: base.title(old) for old in was_ids.values() if head.has(old)}


def _papers_under_new_ids(side: Side, now_ids: dict[str, str]) -> Side:
    """The base side with each paper whose id changed under its new id (old id to new given)."""
    # Its places, decisions and hiding: the curation as read keeps the base's ids.
    if not now_ids:
        return side
    return dataclasses.replace(
        side,
        places={now_ids.get(key, key): value for key, value in side.places.items()},
        papers={now_ids.get(key, key): value for key, value in side.papers.items()},
        hidden={now_ids.get(key, key): value for key, value in side.hidden.items()},
    )


def _under_new_ids(
    side: Side, renames: dict[str, str], sections: dict[str, dict[str, str]]
) -> Side:
    """The base side with each theme and section the pull request renames under its new id.

    ``sections`` are by the theme's id in the pull request (_section_renames).
    """
    # Where it places and features papers: the rest (the curation as read) keeps the base's ids.
    if not renames and not sections:
        return side

    def place(was: Place) -> Place:
        theme = renames.get(was.theme, was.theme)
        return Place(theme, sections.get(theme, {}).get(was.section, was.section))

    places = {paper_id: tuple(place(p) for p in before) for paper_id, before in side.places.items()}
    papers = {
        paper_id: dataclasses.replace(
            item, featured=frozenset(renames.get(theme, theme) for theme in item.featured)
        )
        for paper_id, item in side.papers.items()
    }
    return dataclasses.replace(side, places=places, papers=papers)


def _addresses_changed(
    base: Curation, head: Curation, renames: dict[str, str]
) -> tuple[Addresses, ...]:
    """The base site's theme addresses the pull request drops, or keeps under another theme.

    Dropped: each id the base branch's site published, as a theme's id or a former one, that the
    pull request's does not. Kept: each base theme's id that another theme lists in 'formerly',
    and each former id that now leads to a theme other than its own (renamed or not).
    """
    if head.unread_themes is None:
        return ()  # any theme may be one it could not read: which addresses go is not known
    leads = {old: theme.id for theme in head.themes for old in theme.formerly}
    # A theme the pull request's themes.yaml could not read is a mistake under Check, not a drop.
    published = {theme.id for theme in head.themes} | set(leads) | head.unread_themes
    was_published = [old for theme in base.themes for old in (theme.id, *theme.formerly)]
    dropped = [old for old in was_published if old not in published]
    # A former id that names nothing the base branch published, close to one dropped: a typo.
    typos = {
        meant: (written, leads[written])
        for written in leads
        if written not in was_published and (meant := closest(written, dropped)) is not None
    }
    changes = []
    for theme in base.themes:
        if theme.id in leads:
            renamed = renames.get(theme.id) == leads[theme.id]
            changes.append(Addresses(theme.id, leads[theme.id], renamed=renamed))
        # Its feed's readers get another theme's papers from now on.
        same = renames.get(theme.id, theme.id)
        changes += [
            Addresses(old, leads[old])
            for old in theme.formerly
            if old in leads and leads[old] != same
        ]
        changes += [
            Addresses(old, None, typos.get(old))
            for old in (theme.id, *theme.formerly)
            if old in dropped
        ]
    return tuple(changes)


def _tag_addresses_changed(base: Curation, head: Curation) -> tuple[TagAddress, ...]:
    """The base site's tag pages, by tag name, whose address the pull request's site has not.

    Each tag's first page, as each theme's: a list's later pages come and go with its papers,
    and are not named for a theme either.
    """
    before, after = _tag_slugs(base), _tag_slugs(head)
    # By address, not by name: a tag renamed to a name that slugs alike ("Survey" to "survey")
    # keeps its pages where they were.
    holders = {now: name for name, now in after.items()}
    changes = []
    for tag, slug in sorted(before.items(), key=lambda item: text_order(item[0])):
        holder = holders.get(slug)
        if tag in after:
            # Its address may now be a commoner look-alike's ("C#" given "tags/c/" of "C++"):
            # published still, but not its pages.
            if after[tag] != slug:
                changes.append(TagAddress(tag, slug, after[tag], shown=holder))
            continue
        # Still published, it shows this tag renamed, unless a tag of the base branch too
        # ("survéy" beside "survey", not only another case of it) took it over.
        if holder is not None and (
            holder not in before or text_order(holder)[0] == text_order(tag)[0]
        ):
            continue
        # Renamed only in case ("index" to "Index"), or to a name of the same slug before its
        # hash, it is the same tag: its pages moved, they did not go. A name the base branch has
        # too is a tag of its own, and two such names leave which one it became unknown. Names
        # with no ASCII letter or digit all slug to nothing: "日本語" and "中文" are not alike.
        base_slug = plain_slug(tag)
        same = [
            name
            for name in after
            if name not in before
            and (
                text_order(name)[0] == text_order(tag)[0]
                or (base_slug and plain_slug(name) == base_slug)
            )
        ]
        renamed = same[0] if len(same) == 1 else None
        changes.append(
            TagAddress(tag, slug, after[renamed] if renamed else None, renamed, shown=holder)
        )
    return tuple(changes)


def _tag_slugs(side: Curation) -> dict[str, str]:
    """The slug of each tag of the side's papers on the site, made as render.py makes them."""
    # From every tag at once: whether a tag's slug is hashed depends on the others.
    return tag_slugs(tag for item in side.papers for tag in item.tags)


def _check_is_content(content: Path) -> None:
    """Raise PapersiteError unless the folder has a sources/ folder, as content does."""
    # A mistyped folder would otherwise review as "every paper added" or "every paper removed".
    if not (content / SOURCES_DIR).is_dir():
        raise PapersiteError.from_problems(
            [no_sources_folder(content, "no sources folder: is this a content folder?")]
        )


def _review_unread(base: Side, head: Side, renames: dict[str, str]) -> Review:
    """The review when either side's papers.yaml could not be read: counts and problems only."""
    # Every paper would differ only by the rules' placing them where the file could not be
    # read: the error is the news, and the comparison waits for it to be fixed.
    return Review(
        base_total=None if base.unread else len(base.places),
        head_total=None if head.unread else len(head.places),
        counts=_counts(base, head, renames),
        added=(),
        moved=(),
        removed=(),
        problems=head.problems,
        base_unread=base.unread,
        head_unread=head.unread,
        themes_edited=themes_edited(base, head, renames, {}),
        addresses=_addresses_changed(base.curation, head.curation, renames),
        dumps=dumps_changed(base, head),
        base_sources_unread=base.sources_unread,
        head_sources_unread=head.sources_unread,
    )


def _not_compared_papers(
    base: Side,
    head: Side,
    base_in_error: frozenset[str],
    in_error: frozenset[str],
    astray: dict[str, tuple[str, ...]],
    by_rules: dict[str, _UnreadRules],
) -> tuple[NotCompared, ...]:
    """The papers not compared, in order of id: their entry in papers.yaml is in error on a side.

    ``base_in_error`` are the base branch's, under the ids the papers have in the pull request;
    ``astray`` the papers whose entry the pull request leaves under an id of no paper, with
    where those entries are (_entries_astray); ``by_rules`` those in a theme whose rules a side
    could not read (_placed_by_unread_rules).
    """
    not_compared = []
    for paper_id in sorted(in_error):
        rules = by_rules.get(paper_id, _UnreadRules())
        not_compared.append(
            NotCompared(
                paper_id,
                (head if head.has(paper_id) else base).title(paper_id),
                paper_id in base_in_error or rules.base,
                paper_id in head.curation.in_error or paper_id in astray or rules.head,
                astray.get(paper_id, ()),
                rules.themes,
            )
        )
    return tuple(not_compared)


@dataclass(frozen=True)
class _UnreadRules:
    """The themes whose rules a side could not read that a paper's move touches."""

    # Their ids in the pull request.
    themes: tuple[str, ...] = ()
    # Whether the base branch's rules of any of them are unread, and the pull request's.
    base: bool = False
    head: bool = False


def _placed_by_unread_rules(
    base: Side, head: Side, renames: dict[str, str], was_ids: dict[str, str]
) -> dict[str, _UnreadRules]:
    """Papers on the site on both sides that a theme's rules, unread on a side, may have moved.

    A theme whose rules a side could not read ('threshold: four') holds there only the papers
    papers.yaml puts in it: those its rules place go elsewhere, or to Unsorted, by the mistake's
    doing, not the curators'. Each paper whose places differ between the sides, in such a theme
    on either, with those themes' ids (in the pull request's) and whether the base branch's and
    the pull request's rules of them are the unread ones. papers.yaml overrides the rules: a
    theme is left out for a paper its papers.yaml, on the side not reading the theme's rules,
    pins in or out of it (Decision.sets_place), so the curators' move and edits of it are still
    listed. ``base``'s places are under the pull request's ids (_under_new_ids), its curation
    files as read under its own (``was_ids``, new paper id to old).
    """
    if base.files is None or head.files is None:
        return {}
    base_unread = {renames.get(theme, theme) for theme in base.files.without_rules}
    head_unread = head.files.without_rules
    found: dict[str, _UnreadRules] = {}
    if not base_unread and not head_unread:
        return found
    base_theme_ids = {new: old for old, new in renames.items()}
    for paper_id, after in head.places.items():
        before = base.places.get(paper_id)
        if before is None or set(before) == set(after):
            continue
        themes = dict.fromkeys(place.theme for place in (*before, *after))
        base_decision = base.files.decisions.get(was_ids.get(paper_id, paper_id))
        head_decision = head.files.decisions.get(paper_id)
        on_base = {
            theme
            for theme in themes
            if theme in base_unread
            and not (
                base_decision is not None
                and base_decision.sets_place(base_theme_ids.get(theme, theme))
            )
        }
        on_head = {
            theme
            for theme in themes
            if theme in head_unread
            and not (head_decision is not None and head_decision.sets_place(theme))
        }
        unread = tuple(theme for theme in themes if theme in on_base | on_head)
        if unread:
            found[paper_id] = _UnreadRules(unread, bool(on_base), bool(on_head))
    return found


def _entries_astray(
    base: Side, head: Side, was_ids: dict[str, str], now_ids: dict[str, str]
) -> dict[str, tuple[str, ...]]:
    """Papers that lose their entry as the pull request leaves it under an id of no paper.

    Each paper the pull request does not decide, whose decisions an entry under an unknown id
    likely holds: the id it had (``was_ids``, new id to old; ``now_ids`` the same, old id to
    new), or the one its error names as meant
    (a typo's "did you mean", a twin, a title joined). Either the base branch decides it, or the
    entry is new to the pull request: what it loses, or what the entry meant to give it, is the
    error's doing, not the curators'. By paper id, where each such entry is, in file order.
    The base side's curation files, as read, keep its own ids.
    """
    if base.files is None or head.files is None:
        return {}
    astray: dict[str, tuple[str, ...]] = {}
    # An entry the base branch has under the same unknown id is no edit of the pull request's.
    base_keys = {entry.key for entry in base.files.unknown_entries}
    for entry in head.files.unknown_entries:
        for paper_id in (entry.meant, now_ids.get(entry.key)):
            if (
                paper_id is not None
                and head.has(paper_id)
                and (
                    was_ids.get(paper_id, paper_id) in base.files.decisions
                    or entry.key not in base_keys
                )
                and paper_id not in head.files.decisions
            ):
                where = f"{head.files.papers_path}:{entry.line}"
                if where not in astray.get(paper_id, ()):
                    astray[paper_id] = (*astray.get(paper_id, ()), where)
    return astray


def _added(compared: _Comparison) -> tuple[PaperChange, ...]:
    """Papers on the site only in the pull request, noting those it unhides or leaves undecided."""
    base, head = compared.base, compared.head
    return tuple(
        PaperChange(
            paper_id,
            head.title(paper_id),
            (),
            after,
            _added_note(compared, paper_id),
            head.papers[paper_id].links,
            compared.was_ids.get(paper_id),
        )
        for paper_id, after in head.places.items()
        if paper_id not in compared.in_error and paper_id not in base.places
    )


def _added_hidden(compared: _Comparison) -> tuple[PaperChange, ...]:
    """Papers in no dump on the base branch that the pull request hides as they arrive, and why."""
    # Without them a dump's papers and the Added list would not square, and the hiding, which
    # keeps a paper off the site for good, would pass unseen. By paper (paper_keys, as "the id
    # now names another paper" tells), not by id: a paper whose id an earlier capture took is
    # hidden under another id, yet it was there (if shown, it is listed as removed), and that
    # capture's paper, new, arrives under an id the base branch had; a paper retitled by a new
    # dump was there under its old title.
    known = by_keys(compared.base)
    return tuple(
        PaperChange(paper_id, item.paper.title, (), (), f"hidden: {_reason(item)}")
        for paper_id, item in compared.head.hidden.items()
        if paper_id not in compared.in_error and paper_keys(item.paper).isdisjoint(known)
    )


def _added_note(compared: _Comparison, paper_id: str) -> str | None:
    """That an added paper was hidden before, what papers.yaml says of it, or that it says nothing.

    Its featuring, reading order, tags, note and arXiv id are on the site from now on, as much as
    its links: a reviewer reads them here rather than only in the diff (a new tag makes a tag page
    of its own).
    """
    head, taken = compared.head, compared.taken
    item = head.papers[paper_id]
    notes = ["unhidden"] if paper_id in compared.base.hidden else []
    was_id = compared.was_ids.get(paper_id)
    notes += [f"**id changed**, was `{was_id}`"] if was_id else []
    decided = _decided_ids(head)
    notes += [_taken(was_id in decided)] if was_id in taken else []
    notes += [_took(taken[paper_id], paper_id in decided)] if paper_id in taken else []
    notes += (
        [f"featured in {escape_gfm(', '.join(sorted(item.featured)))}"] if item.featured else []
    )
    # Tags as the paper's page lists them, under its title and before the note; each in a code
    # span, as the edits name them: a tag is the curators' text, and one reading "x; note: y"
    # must not pass for a note.
    tags = sorted(item.tags, key=text_order)
    notes += [f"reading order {item.order}"] if item.order is not None else []
    notes += [f"tags: {', '.join(code_span(tag) for tag in tags)}"] if tags else []
    notes += [f"note: {escape_gfm(shortened(item.note))}"] if item.note else []
    # Its arXiv link and BibTeX come from it: a wrong id is a wrong link.
    given = item.arxiv_id is not None or item.no_arxiv_id
    notes += [f"arXiv id {_arxiv(item)}"] if given else []
    notes += [note] if (note := _undecided(head, paper_id)) else []
    notes += [note] if (note := _place_unknown(head, paper_id)) else []
    return "; ".join(notes) or None


def _place_unknown(side: Side, paper_id: str) -> str:
    """That the paper may belong in themes whose rules the side could not read; or nothing.

    Such a theme holds only the papers papers.yaml puts in it: where the paper stands is then the
    mistake's doing, unless papers.yaml pins it in or out of each such theme (Decision.sets_place).
    """
    if side.files is None or not side.files.without_rules:
        return ""
    decision = side.files.decisions.get(paper_id)
    themes = [
        theme.id
        for theme in side.files.themes
        if theme.id in side.files.without_rules
        and not (decision is not None and decision.sets_place(theme.id))
    ]
    if not themes:
        return ""
    themes_said = listed([code_span(theme) for theme in themes])
    return f"may belong in {themes_said}, whose rules could not be read: see Check"


def _reason(item: HiddenPaper) -> str:
    """Why papers.yaml hides a paper, shortened as a note is: the review must fit the job page."""
    # A reason of a megabyte would otherwise make the summary one GitHub refuses to show.
    return escape_gfm(shortened(item.reason))


def _undecided(side: Side, paper_id: str) -> str:
    """How a paper stands when papers.yaml does not set its themes: the rules' call, not a pin.

    A new dump's papers come in so; a reviewer asks for them to be decided (``papersite triage``,
    which lists a paper whose entry only adds or removes themes too: the rules still choose).
    """
    decision = side.files.decisions.get(paper_id) if side.files else None
    if side.files is None or not side.files.themes or (decision and decision.sets_themes):
        return ""
    placed = "placed by the rules: " if side.papers[paper_id].placements else ""
    return f"{placed}not yet decided in papers.yaml"


def _moved(compared: _Comparison) -> tuple[PaperChange, ...]:
    """Papers on the site on both sides whose themes or sections changed.

    One whose id changed, leaving its entry in papers.yaml under the old id (another paper's,
    when in ``compared.taken``), says that papers.yaml no longer decides it; one whose entry the
    pull request deletes says so too, but not that its entry is under the old id. One whose
    themes the base branch's papers.yaml pins and the pull request's does not says that the pull
    request removed them (_unpinned). Any other that papers.yaml does not place says that the
    rules did, as an added one does (_undecided). One that a theme's rules, unread on the base
    branch alone, kept from its place there says so too (_rules_unread_on_base).
    """
    base, head = compared.base, compared.head
    moved = []
    base_decided, head_decided = _decided_ids(base), _decided_ids(head)
    for paper_id, after in head.places.items():
        before = base.places.get(paper_id)
        if paper_id in compared.in_error or before is None or set(before) == set(after):
            continue
        note = None
        was_id = compared.was_ids.get(paper_id)
        # Its pinned places, note and featuring stayed with the id: the move is the rules' doing,
        # which the place alone would pass off as the curators'. An entry the pull request
        # deletes leaves the rules to place it too, but no entry stays under the old id.
        if was_id in base_decided and paper_id not in head_decided:
            placed = "placed by the rules: " if head.papers[paper_id].placements else ""
            other = ", which another paper now has" if was_id in compared.taken else ""
            entry = f", its entry being under its old id{other}" if was_id in head.entries else ""
            note = f"{placed}papers.yaml no longer decides it{entry}"
        elif unpinned := _unpinned(compared, paper_id):
            placed = ": placed by the rules now" if head.papers[paper_id].placements else ""
            note = f"{unpinned}{placed}"
        elif undecided := _undecided(head, paper_id):
            # As an added paper says it: a rule's edit moved it, not a curator's decision.
            note = undecided
        if themes := compared.base_rules_unread.get(paper_id):
            note = "; ".join(filter(None, (note, _rules_unread_on_base(themes))))
        moved.append(PaperChange(paper_id, head.title(paper_id), before, after, note))
    return tuple(moved)


def _decided(compared: _Comparison) -> tuple[PaperChange, ...]:
    """Papers on the site on both sides, in the same places, that papers.yaml now pins there.

    Left to the rules on the base branch (no entry, or one without 'themes', as _undecided and
    triage tell: 'add' and 'remove' only adjust the rules' choice), decided in the pull request:
    ``papersite triage``'s snippet pasted does this to every paper the rules placed, and changes
    nothing on the site, so no other list has them. The reverse, a pin removed where the rules
    leave the paper, is an edit (_edited).
    """
    base, head = compared.base, compared.head
    if base.files is None or head.files is None:
        return ()
    decided = []
    for paper_id, after in head.places.items():
        before = base.places.get(paper_id)
        if paper_id in compared.in_error or before is None or set(before) != set(after):
            continue  # moved papers say so among the moves
        # The base side's curation files, as read, keep its own ids.
        was = base.files.decisions.get(compared.was_ids.get(paper_id, paper_id))
        now = head.files.decisions.get(paper_id)
        if now is not None and now.sets_themes and not (was is not None and was.sets_themes):
            decided.append(PaperChange(paper_id, head.title(paper_id), before, after))
    return tuple(decided)


def _rules_unread_on_base(themes: Sequence[str]) -> str:
    """That the base branch could not read these themes' rules, so a paper's place there is off."""
    said = listed([code_span(theme) for theme in themes])
    return (
        f"the rules of {said} could not be read on the base branch, so its place there was the "
        "error's"
    )


def _unpinned(compared: _Comparison, paper_id: str) -> str:
    """That the pull request removes the themes the base branch's papers.yaml pins a paper to.

    Its entry deleted, or left without 'themes', 'add' or 'remove': the rules place it now, and
    "not yet decided" (_undecided) would say no curator ever did, hiding the decision removed.
    Said of a paper moved, and of one the rules leave where it was, which is listed nowhere else.
    """
    base, head = compared.base.files, compared.head.files
    if base is None or head is None:
        return ""
    # The base side's curation files, as read, keep its own ids.
    was = base.decisions.get(compared.was_ids.get(paper_id, paper_id))
    now = head.decisions.get(paper_id)
    if was is None or not was.pins_themes or (now is not None and now.pins_themes):
        return ""
    return f"its {'entry' if now is None else 'themes'} in papers.yaml removed in this pull request"


def _edited(compared: _Comparison) -> tuple[PaperEdit, ...]:
    """Papers whose id or curation changed other than in place, then hidden ones likewise."""
    base, head, in_error = compared.base, compared.head, compared.in_error
    edited = []
    decided = _decided_ids(head)
    for item in head.curation.papers:
        if item.paper.id in in_error:
            continue
        previous = base.papers.get(item.paper.id)
        if previous is None:
            continue
        changes = _id_changed(compared, item.paper.id, decided, shown=True)
        # A paper moved says so among the moves; one that stays would have it said nowhere. An
        # entry left under the paper's old id was not removed: its id change says so.
        stays = set(base.places[item.paper.id]) == set(head.places[item.paper.id])
        stays &= compared.was_ids.get(item.paper.id) not in head.entries
        if stays and (unpinned := _unpinned(compared, item.paper.id)):
            changes += (f"{unpinned}: the rules leave it where it was",)
        if unread := compared.base_rules_unread.get(item.paper.id):
            # Out of the theme on the base branch by the error alone, it was not featured there:
            # its featuring in the theme now is no curator's edit, as its move says.
            featured = (previous.featured - set(unread)) | (item.featured & set(unread))
            previous = dataclasses.replace(previous, featured=featured)
        changes += _edits(previous, item)
        if changes:
            edited.append(PaperEdit(item.paper.id, item.paper.title, changes))
    for paper_id, now in head.hidden.items():
        # Off the site on both sides, but the reason is what a reviewer of hiding reads.
        was = base.hidden.get(paper_id)
        if was is None or paper_id in in_error:
            continue
        changes = _id_changed(compared, paper_id, decided, shown=False)
        if was.reason != now.reason:
            changes += (f"reason for hiding, now: {_reason(now)}",)
        if changes:
            edited.append(PaperEdit(paper_id, now.paper.title, changes))
    return tuple(edited)


def _id_changed(
    compared: _Comparison, paper_id: str, decided: frozenset[str], *, shown: bool
) -> tuple[str, ...]:
    """That the paper's id changed, and for one on the site, the address its page leaves.

    Its old id may name another paper now, and its new id may have named another paper (two
    papers trading ids): either way decisions papers.yaml holds under an id land on another
    paper, which is said (``compared.taken``) when ``decided``, the ids papers.yaml has an entry
    under, holds that id.
    """
    taken = compared.taken
    old = compared.was_ids.get(paper_id)
    if old is None:
        return ()
    # Papers' pages have no redirect: links to the old address break.
    page = f" (its page leaves `{urls.paper_url(old)}`)" if shown else ""
    changes = [f"**id changed**, was `{old}`{page}"]
    if old in taken:
        changes.append(_taken(old in decided))
    if paper_id in taken:
        changes.append(_took(taken[paper_id], paper_id in decided))
    return tuple(changes)


def _decided_ids(side: Side) -> frozenset[str]:
    """The ids of this side's papers (shown or hidden alike) papers.yaml has an entry under."""
    return frozenset(side.files.decisions) if side.files else frozenset()


def _taken(decided: bool) -> str:
    """That a paper's old id names another paper, and whether papers.yaml's entry goes with it."""
    # Without an entry under the id nothing of papers.yaml moves: saying so would send a reviewer
    # looking for decisions that are not there.
    return TAKEN_DECIDED if decided else TAKEN


def _took(title: str, decided: bool) -> str:
    """That a paper took another's id (its title given), and, when ``decided``, its entry too."""
    took = f"**took the id of another paper**, {escape_gfm(title)}"
    return f"{took}: what papers.yaml decides under it applies to this paper" if decided else took


def _removed(compared: _Comparison) -> tuple[PaperChange, ...]:
    """Papers on the site only on the base branch: hidden by the pull request (why), or gone.

    One whose id changed to an id another paper now has says so (``compared.taken``).

    A paper whose id an earlier capture took, hidden under the id it has now, is removed too:
    the same paper (paper_keys, as "the id now names another paper" tells), not by its id.
    """
    base, head, in_error = compared.base, compared.head, compared.in_error
    hidden_now = {key: item for item in head.hidden.values() for key in paper_keys(item.paper)}
    removed = []
    for paper_id, before in base.places.items():
        paper = base.paper(paper_id)
        assert paper is not None  # on the base branch's site
        now = head.paper(paper_id) if paper_id in head.places else None
        if now is not None and paper_keys(now) & paper_keys(paper):
            continue  # still on the site: a hidden paper sharing its abstract is another page
        elsewhere = next((hidden_now[k] for k in paper_keys(paper) if k in hidden_now), None)
        if elsewhere is not None and elsewhere.paper.id != paper_id:
            if not {paper_id, elsewhere.paper.id} & in_error:
                note = f"hidden: {_reason(elsewhere)}"
                now_id = elsewhere.paper.id
                removed.append(
                    PaperChange(now_id, paper.title, before, (), note, (), paper_id, id_taken=True)
                )
        elif paper_id not in head.places and paper_id not in in_error:
            hidden = head.hidden.get(paper_id)
            note = f"hidden: {_reason(hidden)}" if hidden is not None else _gone(head, paper)
            was_id = compared.was_ids.get(paper_id)
            id_taken = was_id in compared.taken
            removed.append(
                PaperChange(paper_id, paper.title, before, (), note, (), was_id, id_taken=id_taken)
            )
    return tuple(removed)


def _gone(head: Side, paper: Paper) -> str:
    """Why a paper the pull request neither shows nor hides left: its dumps, or their reading."""
    # As ``papersite check`` says it: a dump that could not be read may still hold the paper.
    unread = [code_span(name) for name in paper.sources if name in head.unread_dumps]
    if unread:
        return f"{', '.join(unread)} could not be read, and may hold it: see Check"
    return "no longer in any dump"


def _catalogue_changes(base: Side, head: Side) -> tuple[tuple[PaperEdit, ...], int]:
    """Papers on the site whose title, abstract or date changed; how many papers' upvotes did.

    A new dump's mention of a paper can win the merge (catalogue.merge_records) and change what
    its page shows, with no line of papers.yaml changed. Only a page the base branch's site has
    can change: a paper the pull request unhides is added, its page read as new.
    """
    changed = []
    upvotes = 0
    for item in head.curation.papers:
        previous = base.papers.get(item.paper.id)
        now, was = item.paper, previous.paper if previous else None
        if was is None or not _same_paper(was, now):
            continue  # added (new, or unhidden), or another paper under the id: listed as such
        changes = []
        if was.title != now.title:
            changes.append(f"title, was {escape_gfm(was.title)}")
        if was.abstract != now.abstract:
            changes.append("abstract")
        if was.published != now.published:
            changes.append(f"date {_date(was.published)} → {_date(now.published)}")
        if changes:
            changed.append(PaperEdit(now.id, now.title, tuple(changes)))
        upvotes += was.upvotes != now.upvotes
    return tuple(changed), upvotes


def _date(day: date | None) -> str:
    return "unknown" if day is None else day.isoformat()


def _edits(before: CuratedPaper, after: CuratedPaper) -> tuple[str, ...]:
    """What a curator changed about a paper besides its place, in the order a reader meets it."""
    changes = []
    if not _same_paper(before.paper, after.paper):
        # A paper captured earlier whose title slugs the same took the id, and with it every
        # decision papers.yaml holds under it: the one way an id still moves (README, "ids").
        changes.append(f"**the id now names another paper**, was {escape_gfm(before.paper.title)}")
    changes += [f"featured in `{theme}`" for theme in sorted(after.featured - before.featured)]
    changes += [
        f"no longer featured in `{theme}`" for theme in sorted(before.featured - after.featured)
    ]
    # The new text's start, as an added paper's: a reviewer reads what the page will say.
    changes += [text_edit("note", after.note)] if before.note != after.note else []
    if before.order != after.order:
        changes.append(f"reading order {_order(before.order)} → {_order(after.order)}")
    # Each named: a new tag makes a page of its own on the site. Their order in papers.yaml is
    # not the page's (text_order), so a reordering alone is no change.
    added, removed = set(after.tags) - set(before.tags), set(before.tags) - set(after.tags)
    changes += [f"tag {code_span(tag)} added" for tag in sorted(added, key=text_order)]
    changes += [f"tag {code_span(tag)} removed" for tag in sorted(removed, key=text_order)]
    # Both ids, as the page links them: a wrong one changes the paper's arXiv link and its
    # BibTeX, unseen otherwise. Compared as linked too: an id deleted that the abstract links
    # anyway changes nothing on the page.
    if arxiv_id_of(before) != arxiv_id_of(after):
        changes.append(f"arXiv id {_arxiv(before)} → {_arxiv(after)}")
    changes += _link_edits(before.links, after.links)
    return tuple(changes)


def _order(order: int | None) -> str:
    return "none" if order is None else str(order)


def _arxiv(item: CuratedPaper) -> str:
    """The arXiv id the paper's page links, and whence when not papers.yaml's (arxiv_id_source).

    An 'arxiv: null' shows the id it takes away only beside the other side's: "none → `null`"
    hid that the paper had one, from its abstract.
    """
    # In a code span, as tags are: the curators' text, shown to the letter.
    if item.no_arxiv_id:
        return f"none ({code_span('arxiv: null')})"
    found = arxiv_id_source(item)
    if found is None:
        return "none"
    arxiv_id, link = found
    return code_span(arxiv_id) if link is None else f"{code_span(arxiv_id)} (from its abstract)"


def _link_edits(before: Sequence[ExtraLink], after: Sequence[ExtraLink]) -> list[str]:
    """Each curator link added, removed, readdressed or relabelled, with its label and address.

    A new outbound address is what a reviewer has to check, so each is named, in a code span:
    labels and addresses are untrusted text and must show as written, never as a live link.
    """
    was = {link.label: link.url for link in before}
    now = {link.label: link.url for link in after}
    added = [label for label in now if label not in was]
    removed = [label for label in was if label not in now]
    changes = []
    for old in removed:
        # The same address under another label: a label changed, not a link added.
        new = next((label for label in added if now[label] == was[old]), None)
        if new is None:
            changes.append(f"link {code_span(old)} removed: {code_span(was[old])}")
        else:
            added.remove(new)
            changes.append(
                f"link {code_span(old)} now labelled {code_span(new)}: {code_span(now[new])}"
            )
    changes += [
        f"link {code_span(label)} now {code_span(now[label])}, was {code_span(was[label])}"
        for label in now
        if label in was and now[label] != was[label]
    ]
    changes += [f"link {code_span(label)} added: {code_span(now[label])}" for label in added]
    if not changes and tuple(before) != tuple(after):
        changes.append("links reordered")  # the paper's page lists them in papers.yaml's order
    return changes


def _counts(base: Side, head: Side, renames: dict[str, str]) -> tuple[ThemeCount, ...]:
    """Papers per theme on each side, and featured; None where a side's errors make the count.

    A theme whose rules a side could not read holds there only the papers papers.yaml puts in
    it, the rest falling to Unsorted: neither count, nor its featured papers, is the curators'.
    """
    before, after = base.curation, head.curation
    base_rules, head_rules = _rules_unread(base), _rules_unread(head)
    # Head themes in display order, then any theme the pull request deletes, then Unsorted; a
    # theme renamed counts its base papers under its new id.
    themes: list[Theme] = list(after.themes)
    themes += [t for t in before.themes if after.theme(t.id) is None and t.id not in renames]
    base_id = {new: old for old, new in renames.items()}
    counts = [
        ThemeCount(
            theme.id,
            theme.title,
            len(before.in_theme(old)) if _theme_counted(before, old, base_rules) else None,
            len(after.in_theme(theme.id)) if _theme_counted(after, theme.id, head_rules) else None,
            len(after.featured(theme.id))
            if after.theme(theme.id) and after.papers_read and theme.id not in head_rules
            else None,
            "" if theme.id in base_id else _status(before, after, theme.id),
            base_id.get(theme.id),
            len(before.featured(old))
            if before.theme(old) and before.papers_read and old not in base_rules
            else None,
        )
        for theme in themes
        for old in [base_id.get(theme.id, theme.id)]
    ]
    # A theme that could not be read, or whose rules could not, sends its papers to other themes
    # or here: not a count.
    counts.append(
        ThemeCount(
            UNSORTED,
            "Unsorted",
            len(before.unsorted()) if _every_theme_read(before) and not base_rules else None,
            len(after.unsorted()) if _every_theme_read(after) and not head_rules else None,
            None,
        )
    )
    return tuple(counts)


def _rules_unread(side: Side) -> frozenset[str]:
    """The ids (the side's own) of the themes read whose rules the side could not read."""
    return side.files.without_rules if side.files else frozenset()


def _status(base: Curation, head: Curation, theme_id: str) -> str:
    """Whether the pull request adds or removes the theme; a theme a side cannot read, neither."""

    def has(side: Curation) -> bool:
        unread = side.unread_themes
        return side.theme(theme_id) is not None or unread is None or theme_id in unread

    return "new" if not has(base) else "removed" if not has(head) else ""


def _every_theme_read(side: Curation) -> bool:
    return side.papers_read and side.unread_themes == frozenset()


def _theme_counted(side: Curation, theme_id: str, rules_unread: frozenset[str]) -> bool:
    """Whether the side's count of a theme is the curators': its papers.yaml, theme and rules read.

    A theme one side's themes.yaml holds but could not read has no papers there, and one whose
    rules (``rules_unread``) it could not read only those papers.yaml puts in it; that is a
    mistake to fix (under Check), not a theme emptied or deleted.
    """
    if not side.papers_read or theme_id in rules_unread:
        return False
    if side.theme(theme_id) is not None:
        return True
    return side.unread_themes is not None and theme_id not in side.unread_themes
