"""Unknown paper ids: why an id papers.yaml has an entry under names no paper, and what to write.

curation.py reads papers.yaml; an entry whose id is of no paper of the catalogue comes here. The
error names the likeliest cause: the paper skipped in its dump, a dump that could not be read, or
that sources.yaml lists and is missing (one error for every such id), twins whose titles slug
alike and took each other's ids, a title joined to another paper's by its abstract (a retitle, or
a pasted abstract), else "did you mean" the nearest id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from papersite.catalogue import PAPER_ID_MAX_LENGTH, Catalogue, Paper
from papersite.errors import Problems
from papersite.sources import MissingDump
from papersite.wording import (
    closest,
    described_apart,
    did_you_mean,
    listed,
    nearest,
    suggestion,
)
from papersite.yamlfile import YamlDocument

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
