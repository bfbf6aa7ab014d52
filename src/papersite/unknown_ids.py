"""Ids named that are not there: a paper's in papers.yaml, a theme's or a section's anywhere.

An entry under an id of no paper is told its likeliest cause (skipped in its dump, a dump unread or
missing, twins, a joined title, else "did you mean"); unknown theme and section ids are collected
(:class:`UnknownIds`) and said once every entry is read, when the typo's side can be told. Apart
from papers_file.py, whose entries it words: guessing what was meant is most of the work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from papersite.catalogue import PAPER_ID_MAX_LENGTH, Catalogue, Paper
from papersite.curation import PAPERS_FILE, THEMES_FILE, Theme, UnknownEntry
from papersite.errors import Problems
from papersite.sources import MissingDump
from papersite.themes_file import ThemesRead, refused_section_id
from papersite.wording import (
    closest,
    described_apart,
    did_you_mean,
    lines_named,
    listed,
    listing,
    nearest,
    suggest,
    suggestion,
)
from papersite.yamlfile import YamlDocument

if TYPE_CHECKING:  # papers_file.py imports this module
    from papersite.papers_file import DecisionsRead

# An id catalogue.assign_ids gave a paper whose title slugs as an earlier-captured one's: the slug
# cut to leave room for '-' and six hex digits of the title's hash.
HASHED_ID = re.compile(r"(?P<stem>.+)-[0-9a-f]{6}")
HASHED_STEM_LENGTH = PAPER_ID_MAX_LENGTH - 7
# The papers an unknown hashed id's hint names (the rest counted), and the longest title it shows
# in full: a longer one shows what follows the words all of them share. No command lists the rest
# while the error stands (export, even --rules-only, stops at it): eight keep the line readable.
TWINS_LISTED = 8
TWIN_TITLE_SHORT = 60
# The entries the error of a dump missing names, with their lines (the rest counted): enough to
# find them by, in one line.
UNFOUND_LISTED = 3
# How a fork's papers.yaml, of themes it replaced, starts over: down to its first line, not emptied,
# as an empty papers.yaml is refused, and 'papersite triage' with it; nor deleted, which is warned
# (NO_PAPERS_FILE).
_START_AFRESH = (
    f"start {PAPERS_FILE} afresh: leave only its line 'papers:' and run 'papersite triage'"
)
# For a theme id no theme has: the theme is gone, and so goes from the entries naming it.
_REMOVED = f"removed from {THEMES_FILE}? remove it from the entries, or {_START_AFRESH}"
# For a section maybe renamed to an id themes.yaml refuses (one a theme or section has already).
_CHOOSE = "choose another id for the section there, and write that one"
# From this many entries naming one unknown id on, they are said in one line. A theme or section
# renamed in themes.yaml alone leaves every entry naming it wrong: a line for each (87 of them)
# would bury the other errors. Two or three read as well one a line, each at its own place.
GROUPED_FROM = 4


def unknown_paper(
    key: str,
    line: int,
    document: YamlDocument,
    catalogue: Catalogue,
    problems: Problems,
    unknown: list[tuple[str, int]],
) -> UnknownEntry:
    """An error at an entry for no paper of the catalogue, or the id kept in ``unknown``.

    While a dump could not be read, the ids are kept, to be said at once by
    :func:`report_kept_unknown`; so are those no typo explains while sources.yaml lists a dump
    that is missing. Returns the entry with the papers its error names.
    """
    if key in catalogue.skipped_ids:
        message = f"paper '{key}' was skipped in its dump (see there why)"
        problems.error(document.path, line, message)
        return UnknownEntry(key, line)
    # With no paper read at all every entry is unknown, 477 errors for the shipped papers.yaml:
    # kept too, to be said in one line naming the cause.
    if catalogue.unread or not catalogue.papers:
        unknown.append((key, line))
        return UnknownEntry(key, line)
    ids = [paper.id for paper in catalogue.papers]
    twins, joined = _twins_hint(key, catalogue), _joined_hint(key, catalogue, document)
    if twins is not None:
        hint, meant = twins
    elif joined is not None:
        hint, meant = joined
    elif catalogue.missing and nearest(key, ids) is None:
        # A dump deleted leaves an error an entry for its papers (36 of them for one seed dump):
        # kept, to be said at once naming it. Which dump held a paper is gone with the dump, so
        # an id a typo away from a paper's (:func:`nearest`) is taken for a typo, said alone.
        unknown.append((key, line))
        return UnknownEntry(key, line)
    else:
        hint, meant = suggestion(key, ids, "no paper has a similar id")
    problems.error(document.path, line, f"unknown paper id '{key}' {hint}")
    return UnknownEntry(key, line, meant)


def report_kept_unknown(
    path: str, unknown: list[tuple[str, int]], catalogue: Catalogue, problems: Problems
) -> None:
    """One error for the unknown paper ids :func:`unknown_paper` kept, naming their likely cause.

    While sources.yaml lists a dump that is missing: the error names it, and a few entries by
    line. While a dump could not be read, it is said at the first of them; while no paper was
    read at all (no sources folder, no dumps in it), its cause is said at the sources folder, and
    the entries are not each told there is no similar id.
    """
    if unknown and not catalogue.unread and catalogue.papers:
        problems.error(path, unknown[0][1], _in_missing_dumps(unknown, catalogue.missing))
    elif unknown:
        (key, line), more = unknown[0], len(unknown) - 1
        others = f" and {more} more" if more else ""
        if catalogue.unread:
            cause = (
                f"{', '.join(catalogue.unread)} could not be read (see there why), and may hold "
                "them; check again once it is fixed"
            )
        else:
            cause = "no paper was read from the sources (see there why); check again once one is"
        problems.error(path, line, f"unknown paper id '{key}'{others}: {cause}")


def _in_missing_dumps(unknown: list[tuple[str, int]], missing: tuple[MissingDump, ...]) -> str:
    """The message of the unknown ids a dump sources.yaml lists, but is missing, may explain."""
    named = [f"'{key}' (line {line})" for key, line in unknown[:UNFOUND_LISTED]]
    if len(unknown) > UNFOUND_LISTED:
        named.append(f"{len(unknown) - UNFOUND_LISTED} more")
    dumps = listed([f"{dump.name} (line {dump.line})" for dump in missing])
    which, it = ("which is", "it") if len(missing) == 1 else ("which are", "them")
    # One entry is said in the singular throughout: "their ids" and "those entries" named none.
    entries, ids, held, those = (
        ("1 entry names a paper", "its id", "it", "that entry")
        if len(unknown) == 1
        else (f"{len(unknown)} entries name papers", "their ids", "them", "those entries")
    )
    return (
        f"unknown paper id {listed(named)}: {entries} no dump holds ({ids} no typo of "
        f"any paper's); {missing[0].path} lists {dumps}, {which} missing and may have held "
        f"{held}: restore {it}, or remove {those}"
    )


def _joined_hint(
    paper_id: str, catalogue: Catalogue, document: YamlDocument
) -> tuple[str, str] | None:
    """For an unknown id that is the slug of a title joined to a paper by its abstract: which.

    A retitled paper keeps the id of its first title; but an abstract pasted under another
    paper's title in an earlier dump joins the real paper's title to that one, and the paper is
    gone. The catalogue cannot tell the two apart; the curator, told both mentions, can.
    ``document`` is papers.yaml: where the paper has an entry already, the curator merges into it.
    """
    joined = catalogue.joined.get(paper_id)
    paper = catalogue.get(joined.paper_id) if joined is not None else None
    if joined is None or paper is None:
        return None
    # The title at matched_at, which the message cites: the paper's may be this very title.
    title, other = described_apart(joined.title, joined.matched_title)
    # A second entry under the paper's id is a duplicate key, an error of its own: merged instead.
    if paper.id in (document.data.get("papers") or {}):
        retitled = (
            f"merge it into the entry under '{paper.id}' (line {document.line('papers', paper.id)})"
        )
    else:
        retitled = f"put the entry under '{paper.id}'"
    hint = (
        f"(its title {title} at {joined.at} was joined by its abstract to {other} at "
        f"{joined.matched_at}, id '{paper.id}': if they are one paper, retitled, {retitled}; if "
        "two, one of those mentions has the other's abstract, pasted: correct it in its dump)"
    )
    return hint, paper.id


def _twins_hint(paper_id: str, catalogue: Catalogue) -> tuple[str, str | None] | None:
    """For an unknown id differing only in its hash suffix from a paper's: those papers, titled.

    Papers whose titles slug alike get their ids by capture order (catalogue.assign_ids): a new
    dump or a capture date edited gives one another's id, and an entry under the id it lost names
    no paper, or the other. The nearest id by its letters is then a guess between twins, as likely
    the wrong paper's: the curator picks by title instead, each told by the words it does not
    share. One such paper alone has no twin to confuse: the id is a typo, and its "did you mean".
    With the hint, the id it names alone, if one; None when the id is no such twin's.
    """
    hashed = HASHED_ID.fullmatch(paper_id)
    if hashed is None:
        return None
    stem = hashed["stem"]

    def is_hashed(paper: Paper) -> bool:
        twin = HASHED_ID.fullmatch(paper.id)
        return twin is not None and twin["stem"] == stem

    # An unhashed id first, the first captured's and the likeliest meant: by id alone, hashed
    # ones sort before it ('-' before a letter) and the cap left it out.
    twins = sorted(
        (
            paper
            for paper in catalogue.papers
            if paper.id[:HASHED_STEM_LENGTH].rstrip("-") == stem or is_hashed(paper)
        ),
        key=lambda paper: (is_hashed(paper), paper.id),
    )
    if closest(paper_id, [paper.id for paper in catalogue.papers]) not in {p.id for p in twins}:
        return None
    if len(twins) == 1:
        return did_you_mean(paper_id, twins[0].id), twins[0].id
    # Twins' titles share the words their 80 slug characters come from: the rest tells them apart.
    # The first and last by code point differ where any two first do.
    first, last = min(paper.title for paper in twins), max(paper.title for paper in twins)
    differ = next(
        (at for at, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), len(first)
    )
    shared = first.rfind(" ", 0, differ) + 1
    named = []
    for paper in twins[:TWINS_LISTED]:
        title = paper.title
        if shared and len(title) > TWIN_TITLE_SHORT:
            title = "…" + title[shared:]
        named.append(f"'{paper.id}' ({title})")
    if len(twins) > TWINS_LISTED:
        named.append(f"{len(twins) - TWINS_LISTED} more")
    # The catalogue keeps no capture order once the ids are given: an id without a hash was taken
    # first, the rest are by id alone.
    hint = (
        "(papers whose titles slug alike take their ids in capture order, which a new dump or "
        "capture date can change; those sharing this id's stem, by id, those without a hash "
        f"first: {listed(named)}; put the entry under the id of the paper it was written for)"
    )
    return hint, None


# --- unknown theme and section ids -------------------------------------------------------------


# What UnknownIds.add collects of an unknown theme or section id: see UnknownIds.named.
_Added = tuple[str, str | None, Theme | None, bool, list[tuple[str | int, int]]]


@dataclass
class UnknownIds:
    """The unknown theme and section ids the decisions name, reported once papers.yaml is read."""

    document: YamlDocument
    problems: Problems
    themes: tuple[Theme, ...] = ()
    # The line of each theme's id in themes.yaml, by its id.
    theme_lines: Mapping[str, int] = field(default_factory=dict)
    # By the id named (with its theme, for a section): the error, what to write instead when that
    # is known (a theme's new id), the theme it may have been renamed (one of a like title),
    # whether what it was meant to be is left to guess, then the entry and line of each place
    # naming it.
    named: dict[tuple[str, ...], _Added] = field(default_factory=dict)
    # The themes the unknown theme ids stand for, by a former id or by the theme's title, or may
    # stand for (see report), and those whose section an entry names by an unknown id.
    meant: set[str] = field(default_factory=set)
    # The ids of themes read that some entry names.
    named_themes: set[str] = field(default_factory=set)
    # The line of each section's id in themes.yaml, by its theme's id and its own.
    section_lines: Mapping[tuple[str, str], int] = field(default_factory=dict)
    # The sections read that some entry names, by their theme's id and their own.
    named_sections: set[tuple[str, str]] = field(default_factory=set)
    # The sections the unknown section ids may stand for: see report.
    meant_sections: set[tuple[str, str]] = field(default_factory=set)
    # The unknown section ids a theme's default_section names a few edits from a section id, by
    # its theme's id and the id named, with the line in themes.yaml (ThemesRead.unknown_defaults).
    defaults: Mapping[tuple[str, ...], int] = field(default_factory=dict)
    # Those of the defaults that many entries name too, and none the section's id: the section's
    # id is the typo, as report says at the entries and report_unknown_defaults at the default.
    section_typos: set[tuple[str, ...]] = field(default_factory=set)
    # The line of each default_section that names a section (ThemesRead.default_lines).
    default_lines: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def add(
        self,
        named: tuple[str, ...],
        message: str,
        entry: str | int,
        line: int,
        write: str | None = None,
        renamed: Theme | None = None,
        guessed: bool = False,
    ) -> None:
        """An unknown id named at a line of an entry; ``message`` says what is wrong there.

        With ``guessed``, nothing known says what the id was meant to be (no title, no other
        theme's section): :meth:`report` adds its guess, once every entry is read.
        """
        places = self.named.setdefault(named, (message, write, renamed, guessed, []))[4]
        places.append((entry, line))

    def report(self) -> None:
        """One error a place, or one for them all when many entries name the same id.

        What an unknown id was meant to be is guessed once every entry is read, from which ids
        entries name. A typo is a few edits (:func:`~papersite.wording.misspelt`): beside an id
        entries name, one in papers.yaml ("did you mean"); beside one no entry names, likelier
        one in themes.yaml than the same in many entries. Many entries naming an id like none is
        a rename in themes.yaml alone, to an id no entry names: it is named when it is the only
        one, they all are when several. An id merely alike to difflib is not said to be meant:
        a section or theme other entries fill, followed, moved papers into it without a word.

        A theme renamed is named by no entry, so that it has no papers is then no news: the error
        says to rename the id in each entry, and to keep it in the theme's 'formerly'. With more
        unknown theme ids than themes no entry names (a fork replacing the themes), they cannot
        all have been renamed: no rename is guessed, and each is said to be removed.
        """
        unnamed = [theme for theme in self.themes if theme.id not in self.named_themes]
        renames = sum(len(named) == 1 for named in self.named) <= len(unnamed)
        for named, added in self.named.items():
            unknown = self._note_meant(self._unknown(named, added, renames), unnamed)
            if unknown.entries < GROUPED_FROM:
                self._report_each(unknown)
            else:
                self._report_grouped(unknown)

    def _unknown(self, named: tuple[str, ...], added: _Added, renames: bool) -> _Unknown:
        """The unknown id ``named`` as :meth:`add` collected it, with the ids it may stand for.

        ``renames`` is false when there are more unknown theme ids than themes no entry names.
        """
        message, write, renamed, guessed, places = added
        kind = "theme" if len(named) == 1 else "section"
        ids, named_ids = self._ids(named)
        # A section id themes.yaml refuses is guessed of no entry: changed to it, the entries
        # would stay in error. It is likelier the renamed one, its new id being refused.
        guessable = [known for known in ids if kind == "theme" or not refused_section_id(known)]
        refused = [known for known in ids if known not in guessable and known not in named_ids]
        free = [known for known in guessable if known not in named_ids]
        # A theme's title or another theme's section is known, but a typo of an id no entry
        # names is likelier still when many entries name it (the id a theme's title misspelt).
        near = None if write else nearest(named[-1], guessable, named_ids)
        # Renames are guessed of sections whatever their number: a fork replaces themes.
        removed = kind == "theme" and not renames
        of_theme = " of the theme" if kind == "section" else ""
        only = (
            f"renamed to '{free[0]}' in {THEMES_FILE} (line {self._line(named, free[0])}), "
            f"the only {kind}{of_theme} no entry names?"
            if len(free) == 1 and not removed
            else None
        )
        # With no other section to guess, the one whose id is refused: a rename, most likely.
        taken = (
            f"renamed to '{refused[0]}' in {THEMES_FILE} "
            f"(line {self._line(named, refused[0])}), an id taken?"
            if len(refused) == 1 and not free
            else None
        )
        return _Unknown(
            named,
            message,
            write,
            renamed,
            guessed,
            # A decision's keys are checked in no order of the file's ('featured' first).
            lines=sorted(line for _, line in places),
            entries=len({entry for entry, _ in places}),
            ids=ids,
            named_ids=named_ids,
            guessable=guessable,
            refused=refused,
            free=free,
            near=near,
            removed=removed,
            only=only,
            taken=taken,
        )

    def _note_meant(self, unknown: _Unknown, unnamed: list[Theme]) -> _Unknown:
        """Record in ``meant`` and ``meant_sections`` what ``unknown`` may stand for.

        Returns it with the theme it may be a former id of, when guessed; ``unnamed`` are the
        themes no entry names.
        """
        named, free, renamed = unknown.named, unknown.free, unknown.renamed
        if unknown.kind == "theme" and unknown.write is None:
            if unknown.guessed or unknown.near is not None:
                only = free[0] if len(free) == 1 and not unknown.removed else None
                renamed = next((t for t in self.themes if t.id == (unknown.near or only)), None)
            elif renamed is None and len(unnamed) == 1 and not unknown.removed:
                renamed = unnamed[0]
            self.meant.update(theme.id for theme in ([renamed] if renamed else unnamed))
        if unknown.kind == "section":
            # Any section of the theme no entry names may be the one the id was meant for.
            self.meant_sections.update((named[0], section) for section in (*free, *unknown.refused))
            # And the entries would have put their papers in the theme: that it has none
            # then follows from the error.
            self.meant.add(named[0])
        return replace(unknown, renamed=renamed)

    def _report_each(self, unknown: _Unknown) -> None:
        """An error at each line naming ``unknown``: a few entries, a typo in each most likely."""
        message = unknown.message
        if unknown.guessed:
            message = f"{message} {self._guess(unknown)}"
        fix = f": write '{unknown.write}'" if unknown.write else ""
        for line in unknown.lines:
            self.problems.error(self.document.path, line, f"{message}{fix}")

    def _guess(self, unknown: _Unknown) -> str:
        """What a few entries naming ``unknown``, with nothing known of it, are told it may be."""
        given, free, near = unknown.given, unknown.free, unknown.near
        # A few entries: a typo in each, most likely. Alike to difflib only, or an id the given
        # one starts ('math-numeracy' for 'math'), an id other entries fill may be a renamed
        # one's neighbour: following it would move the papers there without a word. The start
        # of an id pasted is a paper id's mistake: theme and section ids are a few short words,
        # written out.
        meant = near or closest(given, unknown.guessable)
        if meant in unknown.named_ids and meant != near:
            meant = None
        if meant:
            return did_you_mean(given, meant)
        if unknown.removed:
            return f"{listing(unknown.ids, 'themes')}: {_REMOVED}"
        if unknown.only:
            return f"({unknown.only} if so, write '{free[0]}'{unknown.keep})"
        if unknown.taken:
            return f"({unknown.taken} if so, {_CHOOSE} here)"
        return listing(unknown.ids, f"{unknown.kind}s")

    def _report_grouped(self, unknown: _Unknown) -> None:
        """One error for the many entries naming ``unknown``, at the first line, naming the rest."""
        message, fix = self._grouped_fix(unknown)
        first, *others = unknown.lines
        self.problems.error(
            self.document.path,
            first,
            f"{message}, here and in {unknown.entries - 1} more entries "
            f"({lines_named(others)}): {fix}",
        )

    def _grouped_fix(self, unknown: _Unknown) -> tuple[str, str]:
        """The error's message for the many entries naming ``unknown``, and the fix it ends on."""
        named, given, kind, near = unknown.named, unknown.given, unknown.kind, unknown.near
        message, free, keep, gone = unknown.message, unknown.free, unknown.keep, unknown.gone
        default = self.defaults.get(named) if near not in unknown.named_ids else None
        if default is not None and near is not None:
            # Many entries and the default name it, none the section's id: that id is the typo,
            # as the error at the default says too (report_unknown_defaults). With a few, the
            # entries and the default are as likely the typo: each is told 'did you mean'.
            self.section_typos.add(named)
            return message, (
                f"section '{near}' ({THEMES_FILE} line {self._line(named, near)}) looks like "
                f"a misspelling of it, which the theme's default_section (line {default}) "
                "names too: correct its id there"
            )
        if unknown.write:
            return message, f"write '{unknown.write}' in each"
        if near is not None and (near in unknown.named_ids or not given.isascii()):
            # Ids in themes.yaml are ASCII (its schema): one with other letters is the typo.
            message = f"{unknown_id_message(named)} {did_you_mean(given, near)}"
            return message, "if so, correct it in each"
        if near is not None:
            return unknown_id_message(named), self._misspelt_there(unknown, near)
        if not unknown.guessed:
            # The id is a theme's title ('message' says whose): renamed, not gone.
            return message, f"renamed in {THEMES_FILE}? rename it in each{keep}"
        if unknown.removed:
            return f"{message} {listing(unknown.ids, 'themes')}", _REMOVED
        if unknown.only:
            return message, f"{unknown.only} rename it in each entry{keep}{gone}"
        if unknown.taken:
            return message, f"{unknown.taken} {_CHOOSE} in each entry"
        if free:
            each = listed([f"'{known}' (line {self._line(named, known)})" for known in free])
            return message, (
                f"renamed in {THEMES_FILE}? the {kind}s{unknown.of_theme} no entry names are "
                f"{each}: rename it in each entry to the one it became{keep}{gone}"
            )
        return f"{message} {listing(unknown.ids, f'{kind}s')}", (
            f"renamed or removed in {THEMES_FILE}? write in each entry the {kind} its "
            f"paper belongs in{keep}"
        )

    def _misspelt_there(self, unknown: _Unknown, near: str) -> str:
        """The fix when ``near``, an id no entry names, in themes.yaml may be the typo."""
        named, kind = unknown.named, unknown.kind
        # A default naming the section would be left naming the typo: one pass fixes both.
        default = self.default_lines.get((named[0], near)) if kind == "section" else None
        where = f"{kind} '{near}' ({THEMES_FILE} line {self._line(named, near)})"
        also = ""
        if default is None:
            where += ", which no entry names,"
        else:
            also = f" and default_section at line {default}"
        return (
            f"{where} looks like a misspelling of it: if so, correct its id there{also}; "
            f"if the {kind} was renamed, rename it in each entry{unknown.keep}"
        )

    def _ids(self, named: tuple[str, ...]) -> tuple[list[str], set[str]]:
        """The ids an unknown one may stand for, and those of them some entry names.

        All the themes for a theme id; for a section id, the sections of its theme.
        """
        if len(named) == 1:
            return [theme.id for theme in self.themes], self.named_themes
        theme = next((theme for theme in self.themes if theme.id == named[0]), None)
        ids = [section.id for section in (theme.sections if theme else ())]
        return ids, {section for known, section in self.named_sections if known == named[0]}

    def _line(self, named: tuple[str, ...], known: str) -> int | None:
        """The line in themes.yaml of a theme's id, or of a section's of the unknown id's theme."""
        if len(named) == 1:
            return self.theme_lines.get(known)
        return self.section_lines.get((named[0], known))


@dataclass(frozen=True)
class _Unknown:
    """An unknown theme or section id as UnknownIds.report words it, and what it may stand for.

    Made by UnknownIds._unknown from what :meth:`UnknownIds.add` collected.
    """

    # The id named, with its theme's first for a section; the error, what to write instead when
    # that is known, the theme it may have been renamed (UnknownIds._note_meant guesses it when
    # unknown), whether what it was meant to be is left to guess.
    named: tuple[str, ...]
    message: str
    write: str | None
    renamed: Theme | None
    guessed: bool
    # The lines naming it, in order, and how many entries they are in.
    lines: list[int]
    entries: int
    # The ids it may stand for (UnknownIds._ids) and those of them some entry names; those a
    # guess may name, those themes.yaml refuses, and those no entry names.
    ids: list[str]
    named_ids: set[str]
    guessable: list[str]
    refused: list[str]
    free: list[str]
    # The id it is a few edits from (:func:`~papersite.wording.nearest`), if any.
    near: str | None
    # A theme id said removed: with more unknown theme ids than themes no entry names, no rename.
    removed: bool
    # The hints of a rename to the only id no entry names, and to the only id refused, if so.
    only: str | None
    taken: str | None

    @property
    def kind(self) -> str:
        """The kind of id, as the messages call it: 'theme' or 'section'."""
        return "theme" if len(self.named) == 1 else "section"

    @property
    def given(self) -> str:
        """The unknown id itself, as written."""
        return self.named[-1]

    @property
    def of_theme(self) -> str:
        """What follows "the sections" in a message: the theme they are of."""
        return " of the theme" if self.kind == "section" else ""

    @property
    def keep(self) -> str:
        """How to keep the old id's addresses, if renamed (see _keep_old)."""
        # A section's old id has no addresses to keep: it is only an anchor.
        return _keep_old(self.named[0], self.renamed) if self.kind == "theme" else ""

    @property
    def gone(self) -> str:
        """The fix if the theme is gone rather than renamed."""
        # A fork replaces upstream's themes: the theme may be gone, not renamed.
        if self.kind != "theme":
            return ""
        return f"; or, if it is gone, remove it from the entries (or {_START_AFRESH})"


def report_unknown_defaults(
    path: str,
    read: ThemesRead,
    papers: DecisionsRead,
    problems: Problems,
) -> None:
    """An error at each default_section a few edits from a section id, saying which is the typo.

    The section's id is, when many entries name the default's spelling and none the section's
    (``papers.section_typos``, from UnknownIds.report, whose errors at those entries say so
    too), so that following them all fixes both at once. Else the default is ("did you mean"):
    with no entry to tell, or papers.yaml not read, the section's id, as written, is the one
    trusted, so that the advice is the same once papers.yaml is fixed.
    """
    for (theme_id, given), line in read.unknown_defaults.items():
        # From the lines read, not read.themes: a theme whose id is taken is not kept there.
        known = [
            section
            for theme, section in read.section_lines
            if theme == theme_id and not refused_section_id(section)
        ]
        named = {section for named, section in papers.named_sections if named == theme_id}
        near = nearest(given, known, named)
        if near is None:  # not so when read (themes_file._theme_rules): for the type checker
            hint = f" {suggest(given, known, 'sections')}"
        elif (theme_id, given) not in papers.section_typos:
            hint = f" {did_you_mean(given, near)}"
        else:
            hint = (
                f": section '{near}' (line {read.section_lines[(theme_id, near)]}) looks like a "
                "misspelling of it: correct its id there"
            )
        problems.error(path, line, f"{unknown_id_message((theme_id, given))}{hint}")


def unknown_id_message(named: tuple[str, ...]) -> str:
    """What the error at an unknown theme id, or (after its theme's) section id, says first."""
    if len(named) == 1:
        return f"unknown theme '{named[0]}'"
    return f"unknown section '{named[1]}' in theme '{named[0]}'"


def _keep_old(old: str, renamed: Theme | None) -> str:
    """For a theme maybe renamed from ``old``: how to keep the addresses the old id had.

    CONTRIBUTING.md asks for both: the new id in every entry, the old one in the theme's
    'formerly'. Without a theme to name (none like it, or several no entry names), the theme
    it became is said so.
    """
    if renamed is not None and old in renamed.formerly:
        return ""
    if renamed is None:
        add = f"'formerly: [{old}]' to the theme it became in {THEMES_FILE}"
    elif renamed.formerly:
        add = f"'{old}' to the 'formerly' of theme '{renamed.id}' in {THEMES_FILE}"
    else:
        add = f"'formerly: [{old}]' to theme '{renamed.id}' in {THEMES_FILE}"
    return f", and add {add} so its old addresses keep working"
