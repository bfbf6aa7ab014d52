"""The catalogue: every paper once, merged from all its mentions across the dumps.

Mentions are matched by title (case, accents, punctuation and spacing aside), or by abstract, read
the same way, when a paper was retitled between versions; a mention merged by title whose abstract
is like none of the others' gets a warning, since it may be another paper of the same title. A
merged paper keeps the richest metadata any mention has: a date beats no date, and upvotes come
from the latest capture that shows them; a mention dated otherwise than those before it gets a
warning, since the page shows one date (a day apart aside, which time zones may explain). The title
is the exception: one with a capital beats one all in lower case, however rich the other's mention.
Each paper gets a stable id, an ASCII slug of its title, which is also its address; when two titles
slug the same, the paper captured first keeps the plain slug. Ids and matching read titles as
written; TeX markup some authors put in a title (`$π$`, a command) is read as text only in the
title readers are shown.
"""

from __future__ import annotations

import hashlib
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from papersite.dumps import read_dump, year_less_year
from papersite.errors import Problem, Problems, printable
from papersite.sources import (
    SOURCES_FILE,
    Dump,
    Layout,
    MissingDump,
    Record,
    SourceFile,
    discover_sources,
)
from papersite.wording import counted, describe, described_apart

if TYPE_CHECKING:
    from pylatexenc.latex2text import LatexNodes2Text
    from pylatexenc.latexwalker import LatexNode

# A paper's id is its page's folder, in every link to it, and its key in the exports, which document
# the limit (exports.EXPORT_FIELDS, and README, which a test holds to them): changing it changes
# published ids. 80 keeps an address readable in a link; half the shipped titles slug to 70 or
# fewer, longer ones are cut at a word.
PAPER_ID_MAX_LENGTH = 80
# Abstracts at least this long tell a retitled paper; shorter ones ("Abstract withheld.") could be
# any paper's.
MIN_MATCHED_ABSTRACT = 100
# Two mentions merged by title whose abstracts share less than this share of the shorter one's
# words are likely two papers with one title. Measured on the shipped dumps: unrelated abstracts
# share at most 0.50 (0.40 for 999 pairs in 1,000), a follow-up paper's 0.71; an abstract with a
# third of its sentences rewritten still shares 0.61, one cut short all of its words.
MIN_SHARED_WORDS = 0.5

# Typographic dashes, quotes and CJK punctuation end a URL as white space does: abstracts glue
# them on ("https://github.com/a/b—see"), while no real address holds them.
_URL = re.compile(
    r"https?://[^\s<>\"'`{}\\|^"
    r"\u2013\u2014\u2018\u2019\u201c\u201d\u00ab\u00bb\u3001\u3002\uff0c]+",
    re.IGNORECASE,
)
# Sentence punctuation after a URL, and LaTeX leftovers such as "}}" or "$", are not part of it.
_URL_TRAILING = ".,;:!?*'\"}>$~"
# A closing bracket ends a URL only when the URL opened none: "Mamba_(snake)" and "a[1]" keep it.
_URL_BRACKETS = {")": "(", "]": "["}
# An arXiv id's version ('v2' of '2312.00752v2'): ids that differ only in it name one paper, which
# search and the check for two papers with one id read without it (unversioned_arxiv_id).
ARXIV_VERSION = re.compile(r"v\d+$", re.ASCII)
# An arXiv id, as papers.schema.json has it, its year and month digits in group 1 or 2:
# '2312.00752' (YYMM.number, since 2007), 'hep-th/9901001' or 'math.GT/0309136'
# (archive/YYMMnumber, 1991-2007). ASCII digits only, as the schema's [0-9]: the search
# scripts read a query's ids so (a test holds them to this pattern).
ARXIV_ID = re.compile(
    r"(?:(\d{4})\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/(\d{4})\d{3})(?:v\d+)?", re.ASCII
)
# A link (a whole URL, as extract_links gives it) to a paper's arXiv page or PDF, its id without
# the version in group 1. The id must end the path, a version or '.pdf' aside: a typo'd
# '2312.007521' is no link to 2312.00752, which would give two papers one id. ASCII digits only,
# as ARXIV_ID's: '٢٣١٢.٠٠٧٥٢' is no id of arXiv's, and Python's int() would read its month.
ARXIV_LINK = re.compile(
    r"https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/"
    r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?(?=[/?#]|$)",
    re.ASCII,
)
# How many months a paper's date may be from its arXiv id's YYMM: the id takes the month of the
# day arXiv announces it, and a date near the turn of a month may be on either side of it (time
# zones, the announcement's cut-off). Measured on papers.yaml's ids: a day or two before, at most.
ARXIV_MONTHS_APART = 1
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")
_WORD_CHARACTER = re.compile(r"[^\W_]")
# An ASCII abstract (every shipped one is) is folded to its letters and digits by one
# bytes.translate, some 4 us a paper: the regular expression match_key uses takes 30.
_ASCII_LOWER = bytes.maketrans(string.ascii_uppercase.encode(), string.ascii_lowercase.encode())
_ASCII_NON_WORD = bytes(c for c in range(128) if not chr(c).isalnum())
# What makes a title TeX (authors paste their paper's, and Daily Papers shows it unread): a
# command, an escaped special ("100\%", "\&"), an accent on a letter ("Caf\'e", "{\'E}cole"),
# inline math as Pandoc reads it (`$` hugging its text, the closing one before no digit, so "$5 to
# $10" is money), or a tie before a word ("Byte-~and"; "~120k" is "about", "1~5" a range).
_TEX_MATH = re.compile(r"(?<!\\)\$(?=\S)[^$]+(?<=\S)\$(?!\d)")
_TEX_TIE = re.compile(r"(?<=[A-Za-z-])~(?=[A-Za-z])")
_TEX_ACCENT = re.compile(r"""\\['"`^~=.]""")
_TEX_ACCENTED = re.compile(rf"{_TEX_ACCENT.pattern}(?:\\?[A-Za-z]|\{{\\?[A-Za-z]\}})")
_TEX_MARKUP = re.compile(
    rf"\\[A-Za-z%&#$_{{}}]|{_TEX_ACCENTED.pattern}|{_TEX_MATH.pattern}|{_TEX_TIE.pattern}"
)

# An accent command in an abstract, on the letters that accent goes on in Latin-script names and
# words (`Schr\"odinger`, `R\'enyi`, `dise\~nados`), bare or braced (`\"{o}`, `{\"o}`, `\"{\i}`):
# the letter it makes (TeX's `\i` takes the space after it). Any other markup of an abstract
# stays as written (authors' own macros).
# Each mark: the combining character it stands for, and the letters it goes on.
_ACCENTS = {
    "'": ("\u0301", "aeiouyAEIOUYcnszCNSZ"),
    "`": ("\u0300", "aeiouAEIOU"),
    "^": ("\u0302", "aeiouAEIOU"),
    '"': ("\u0308", "aeiouyAEIOUY"),
    "~": ("\u0303", "aonAON"),
}
_ACCENT_COMMAND = re.compile(
    r"""(?P<open>\{)?\\(?P<mark>['`^"~])"""
    r"""(?:\{(?P<braced>\\[ij]|[A-Za-z])\}|(?P<bare>\\[ij](?![A-Za-z]) ?|[A-Za-z]))(?(open)\})"""
)


# What a match key of Paper.match_keys holds: a mention's title (by match_key) or its abstract (by
# abstract_key). A Literal, so that a misspelt kind fails the type check rather than never matching.
MatchKind = Literal["title", "abstract"]


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper with everything the dumps say about it."""

    id: str
    title: str
    abstract: str
    authors: int | None
    organization: str | None
    published: date | None
    upvotes: int | None
    upvotes_as_of: date | None
    links: tuple[str, ...]
    sources: tuple[str, ...]
    # What build_catalogue merged its mentions by: ("title", each one's title as written, by
    # match_key) and ("abstract", each one's abstract long enough to tell papers apart). Not the
    # title shown: display_title reads TeX, and "$\Pi$-Net" merged with "Pi-Net" shows as "Π-Net".
    match_keys: frozenset[tuple[MatchKind, str]] = frozenset()
    # Where the abstract shown is written (the dump as displayed, its line): a warning about the
    # arXiv id one of its links gives points there. Not part of what the paper is.
    abstract_at: tuple[str, int] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SourceSummary:
    """The accounting for one dump: every record read is kept, merged or skipped."""

    path: str
    layout: Layout | None
    read: int
    # The papers first captured in this dump: no dump captured before it (capture_order) has them.
    papers: int
    merged: int
    skipped: tuple[Problem, ...]
    # The file's name, label and capture date from sources.yaml: pages name a dump by its label.
    source: SourceFile
    # Of those merged, the mentions under a title no paper had, joined by their abstract: the
    # curator learns that a paper was retitled, not only that it was seen again.
    retitled: int = 0

    def __str__(self) -> str:
        layout = self.layout.value if self.layout else "unread"
        retitled = ""
        if self.retitled:
            whose = "its abstract" if self.retitled == 1 else "their abstracts"
            retitled = f" ({self.retitled} retitled: matched by {whose})"
        # A dump's file name is the pull request's to choose: a newline in it made lines of its own.
        return printable(
            f"{self.path}: {layout}, {counted(self.read, 'record')} read, "
            f"{counted(self.papers, 'new paper')}, {counted(self.merged, 'duplicate')} merged"
            f"{retitled}, {len(self.skipped)} skipped"
        )


@dataclass(frozen=True)
class JoinedTitle:
    """A title no paper had, joined to a paper by its abstract: a retitle, or an abstract pasted.

    Which one the catalogue cannot tell; papers.yaml's entry under the title's slug can, and its
    message names both mentions (curation's unknown paper id).
    """

    title: str
    paper_id: str
    # Where the title was first read ("b.txt:3"), and the paper's mention with its abstract there.
    at: str
    matched_at: str
    # The title written at matched_at: the paper's own may be this one's, from a richer mention.
    matched_title: str


@dataclass(frozen=True)
class Catalogue:
    """All papers, ordered by id, and how each source contributed."""

    papers: tuple[Paper, ...]
    sources: tuple[SourceSummary, ...]
    problems: tuple[Problem, ...]
    # What was not read: the ids papers skipped in their dumps would have had, and the dumps not
    # read at all. Curation tells a curator why papers.yaml's entries for them name no paper.
    skipped_ids: frozenset[str] = frozenset()
    unread: tuple[str, ...] = ()
    # The dumps sources.yaml lists that are missing: deleted, their papers with them.
    missing: tuple[MissingDump, ...] = ()
    # By their slugs, the titles joined to a paper by their abstracts: an entry under one names
    # no paper, and the curator learns where it went.
    joined: dict[str, JoinedTitle] = field(default_factory=dict)
    _index: dict[str, Paper] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update((paper.id, paper) for paper in self.papers)

    @property
    def waiting_for_dumps(self) -> bool:
        """Whether a dump's papers are left out: unread, or listed in sources.yaml and missing.

        Checks that count papers wait while it is (curation_checks): a dump's error is told, and
        what they would say from the rest may be false once it is read (or restored).
        """
        return bool(self.unread or self.missing)

    def get(self, paper_id: str) -> Paper | None:
        """The paper with this id, if any."""
        return self._index.get(paper_id)

    def __len__(self) -> int:
        return len(self.papers)


def read_catalogue(content: Path, today: date | None = None) -> Catalogue:
    """Read every dump under content/sources and merge them; problems are collected, not raised.

    ``today`` is the latest capture date allowed, by default today's (see ``today_anywhere``).
    """
    problems = Problems()
    found = discover_sources(content, problems, today)
    dumps = [read_dump(source) for source in found.sources]
    for dump in dumps:
        problems.extend(dump.problems)
    return build_catalogue(dumps, problems, found.missing, found.outside)


def build_catalogue(
    dumps: Iterable[Dump],
    problems: Problems | None = None,
    missing: Iterable[MissingDump] = (),
    outside: Iterable[str] = (),
) -> Catalogue:
    """Merge the records of parsed dumps into one catalogue, with the dumps ``missing``.

    ``outside`` names the dumps not read for linking outside the content folder: unread, as
    those that could not be read are.

    Records are merged in the order the dumps were captured (:func:`capture_order`), so which
    mention joins which, where a paper is first seen and its id do not hang on file names. The
    summaries keep the order the dumps come in (file name order), each counting the papers first
    captured in its dump as new.
    """
    problems = problems if problems is not None else Problems()
    dumps = list(dumps)
    # A later capture walked first could meet a paper's new title and revised abstract before the
    # capture that ties them to its old ones, and make it a second paper.
    captures = sorted(dumps, key=capture_order)
    ranks = {id(dump): rank for rank, dump in enumerate(captures)}
    merger = _Merger()
    summaries = {id(dump): merger.walk(dump, ranks[id(dump)]) for dump in captures}
    displays = {dump.source.name: dump.display for dump in dumps}
    ids = merger.ids()
    papers = merger.papers(ids, displays)
    merger.report(ids, displays, _Mentions.of(dumps, ranks), problems)
    skipped = {
        slugify(t)
        for dump in dumps
        for t in dump.skipped_titles
        if match_key(t) not in merger.groups
    }
    unread = tuple(sorted([*(dump.display for dump in dumps if dump.unread), *outside]))
    in_order = tuple(summaries[id(dump)] for dump in dumps)
    return Catalogue(
        tuple(papers),
        in_order,
        tuple(problems),
        frozenset(skipped),
        unread,
        tuple(missing),
        merger.joined_titles(ids, displays),
    )


# One mention as _Merger.add merged it: into a paper of its own, into one of its title, or into one
# whose abstract it has, under a title no paper had (merged too: SourceSummary.retitled).
_Merged = Literal["new", "merged", "retitled"]


@dataclass(slots=True)
class _Merger:
    """The mentions merged so far, by paper, as build_catalogue walks them in capture order.

    A paper's key is the title, by match_key, of its first mention walked.
    """

    # Each paper's mentions, in the order walked.
    groups: dict[str, list[Record]] = field(default_factory=dict)
    # Per paper, its first mention by capture: the dump's rank, the line, and the title there.
    first_seen: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    # A paper is renamed between versions (a word added to its title) but keeps its abstract: a
    # mention whose title matches no paper's joins the paper whose abstract it has, and later
    # mentions with that title join it too. Its title is chosen as any other's (merge_records):
    # a later mention is not always the better one (a dump cut short mid-title).
    # Per abstract key, each paper's abstracts as written that have it.
    by_abstract: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # The first mention of each paper's abstract as written: where to warn of two papers sharing it.
    carriers: dict[tuple[str, str], Record] = field(default_factory=dict)
    # The titles so joined, by match_key, and the key of the paper each joined.
    retitled: dict[str, str] = field(default_factory=dict)
    # Each title joined by its abstract: the paper's key, its first mention, and the one matched.
    joins: list[tuple[str, Record, Record]] = field(default_factory=list)
    # Per paper, what its mentions were merged by (Paper.match_keys).
    matched: dict[str, set[tuple[MatchKind, str]]] = field(default_factory=dict)
    # Mentions merged by title whose abstracts tell of another paper: a paper of the same title
    # would otherwise take the page's abstract and date without a word (see _report_unlike).
    unlike: list[tuple[str, Record, Record]] = field(default_factory=list)

    def walk(self, dump: Dump, rank: int) -> SourceSummary:
        """Merge the records of ``dump``, the ``rank``-th captured, and account for them."""
        outcomes = Counter(self.add(record, rank) for record in dump.records)
        return SourceSummary(
            dump.display,
            dump.layout,
            dump.read,
            outcomes["new"],
            outcomes["merged"] + outcomes["retitled"],
            tuple(dump.skipped),
            dump.source,
            outcomes["retitled"],
        )

    def add(self, record: Record, rank: int) -> _Merged:
        """Merge one mention, from the dump captured ``rank``-th, into its paper."""
        # Locals: this runs for every record read, and reads each of them more than once.
        groups = self.groups
        by_abstract = self.by_abstract
        matched = self.matched
        first_seen = self.first_seen
        joined = False
        title_key = match_key(record.title)
        key = self.retitled.get(title_key, title_key)
        abstract = abstract_key(record.abstract)
        if key not in groups and abstract in by_abstract:
            # The key keeps no punctuation: '1.5B' and '15B' are one to it, not to a reader.
            # Any mention's abstract as written will do: one may have had a typo mended.
            written = numbers(record.abstract)
            match = next(
                (seen for seen in by_abstract[abstract] if numbers(seen[1]) == written), None
            )
            if match is not None:
                key = self.retitled[title_key] = match[0]
                self.joins.append((key, record, self.carriers[match]))
                joined = True
        if abstract:
            texts = by_abstract.setdefault(abstract, [])
            # Mentions mostly repeat an abstract as captured before: kept once per paper.
            if (key, record.abstract) not in texts:
                texts.append((key, record.abstract))
                self.carriers[key, record.abstract] = record
        # An abstract the paper already has, as matched, is like its own: no words to count
        # (a mention that lost its spaces shares none with the others).
        known = ("abstract", abstract) in matched.get(key, ())
        # Kept for the paper: another side's capture of it shares one (papersite review).
        matched.setdefault(key, set()).add(("title", title_key))
        if abstract:
            matched[key].add(("abstract", abstract))
        if key in groups:
            other = None if known else _unlike_abstract(record, groups[key])
            if other is not None:
                self.unlike.append((key, other, record))
            groups[key].append(record)
            outcome: _Merged = "retitled" if joined else "merged"
        else:
            groups[key] = [record]
            outcome = "new"
        seen = (rank, record.line, record.title)
        if key not in first_seen or seen < first_seen[key]:
            first_seen[key] = seen
        return outcome

    def ids(self) -> dict[str, str]:
        """Each paper's id, by its key."""
        # A paper captured later can never take an earlier one's id (and its curation with it), so
        # adding a dump never renames the papers already there, whatever its file is called.
        keys = sorted(self.groups, key=self.first_seen.__getitem__)
        return dict(zip(keys, assign_ids(self.first_seen[key][2] for key in keys), strict=True))

    def papers(self, ids: dict[str, str], displays: dict[str, str]) -> list[Paper]:
        """The papers, ordered by id; ``displays`` are the dumps' paths as shown, by file name."""
        papers = [
            merge_records(ids[key], records, frozenset(self.matched[key]), displays)
            for key, records in self.groups.items()
        ]
        papers.sort(key=lambda paper: paper.id)
        return papers

    def report(
        self, ids: dict[str, str], displays: dict[str, str], mentions: _Mentions, problems: Problems
    ) -> None:
        """Warn of mentions unlike their paper's, abstracts two papers share and dates at odds."""
        for key, other, record in self.unlike:
            _report_unlike(record, other, self.groups[key], displays, problems)
        # A mention reported for its abstract has its date said there: one mistake, one message.
        reported = {id(record) for _, _, record in self.unlike}
        _report_shared(
            self.by_abstract, self.carriers, reported, self.groups, ids, displays, problems
        )
        for records in self.groups.values():
            _report_dates(records, mentions, reported, problems)

    def joined_titles(
        self, ids: dict[str, str], displays: dict[str, str]
    ) -> dict[str, JoinedTitle]:
        """The titles joined to a paper by their abstracts, by their slugs (Catalogue.joined)."""
        joined: dict[str, JoinedTitle] = {}
        for key, record, carrier in self.joins:
            joined.setdefault(
                slugify(record.title),
                JoinedTitle(
                    record.title,
                    ids[key],
                    f"{displays[record.source]}:{record.line}",
                    f"{displays[carrier.source]}:{carrier.line}",
                    carrier.title,
                ),
            )
        return joined


def shared_words(first: str, second: str) -> float:
    """The share of the shorter text's words (without case, each once) that the other one has."""
    first_words = set(_WORD.findall(first.casefold()))
    second_words = set(_WORD.findall(second.casefold()))
    fewer = min(len(first_words), len(second_words))
    return len(first_words & second_words) / fewer if fewer else 1.0


def _unlike_abstract(record: Record, earlier: list[Record]) -> Record | None:
    """The first mention captured earlier, when the record's abstract is like none of theirs.

    An abstract too short to tell papers apart ("Abstract withheld.", or none) is like any.
    """
    if len(record.abstract) < MIN_MATCHED_ABSTRACT:
        return None
    compared = [r for r in earlier if len(r.abstract) >= MIN_MATCHED_ABSTRACT]
    for mention in compared:
        # Most mentions repeat the abstract as captured before: no words to count.
        if mention.abstract == record.abstract:
            return None
        if shared_words(mention.abstract, record.abstract) >= MIN_SHARED_WORDS:
            return None
    return compared[0] if compared else None


def _report_unlike(
    record: Record,
    other: Record,
    records: list[Record],
    displays: dict[str, str],
    problems: Problems,
) -> None:
    """Warn at a mention merged by title with one whose abstract tells of another paper."""
    kept = max(records, key=_richness)  # whose abstract and date the page shows: merge_records
    dated = kept.published.isoformat() if kept.published else "none"
    place = _mention(kept, record, other, displays)
    share = shared_words(other.abstract, record.abstract)
    problems.warning(
        displays[record.source],
        record.line,
        f"{describe(record.title)} is merged by its title with the mention at "
        f"{displays[other.source]}:{other.line}, but their abstracts share only {share:.0%} of "
        f"their words; the page shows the abstract and date ({dated}) of {place}; if they are "
        "two papers, edit or remove the wrong mention in its dump (a title names one paper)",
    )


def _report_shared(
    by_abstract: dict[str, list[tuple[str, str]]],
    carriers: dict[tuple[str, str], Record],
    reported: set[int],
    groups: dict[str, list[Record]],
    ids: dict[str, str],
    displays: dict[str, str],
    problems: Problems,
) -> None:
    """Warn at a mention whose abstract is another paper's, its numbers too: two papers or one.

    ``groups`` and ``ids`` are build_catalogue's mentions and ids by paper key: the advice names
    where the second paper's title was first read, and its page.

    The join reads a paper's new title as the same paper only when the title is met first with
    an abstract the paper has. Met first with a revised one (a later capture read first: one of
    the same day whose file sorts first, one known by its year alone), it is a second paper, and a
    later mention with the old abstract comes to it by its title; an abstract pasted under another
    paper's title looks the same. Which it is no rule tells, and merging two papers loses one: so
    each stays as read, and the curator is told.
    """
    for texts in by_abstract.values():
        # Nearly every abstract key is one paper's: its numbers are read only where it is not.
        if len(texts) < 2 or all(key == texts[0][0] for key, _ in texts):
            continue
        # Per numbers, the first paper with them and its mention of the abstract.
        first_by_numbers: dict[tuple[str, ...], tuple[str, Record]] = {}
        # A paper with the abstract twice as written (a comma mended) is one mistake, told once.
        told: set[tuple[str, str]] = set()
        for key, text in texts:
            record = carriers[key, text]
            first_key, first = first_by_numbers.setdefault(tuple(numbers(text)), (key, record))
            # Not by title: a paper's retitled mention joined by its abstract is still that paper.
            if first_key == key or (key, first_key) in told:
                continue
            if id(record) in reported or id(first) in reported:
                continue  # told already: its abstract is unlike its paper's others
            told.add((key, first_key))
            title, other = described_apart(record.title, first.title)
            # Where the title was first read, with another abstract. Moving that dump's capture
            # date after this one would join them, but it records a date the page does not have,
            # and may hand another paper's id (and decisions) on: hiding the page is the answer.
            named = groups[key][0]
            problems.warning(
                displays[record.source],
                record.line,
                f"{title} has the abstract of {other} at {displays[first.source]}:{first.line}, "
                "another paper here: if this is that paper under a new title, it has two pages, "
                f"that title being first read at {displays[named.source]}:{named.line} with "
                "another abstract (a title is joined to a paper by its abstract only where it is "
                f"first read): hide the second, '{ids[key]}', in papers.yaml, which answers this "
                "warning; if the abstract is that paper's, pasted, correct it in this dump",
                paper=ids[key],
            )


@dataclass(frozen=True)
class _Mentions:
    """What the date warnings need to know of the dumps, by file name."""

    rank: dict[str, int]
    displays: dict[str, str]
    sources: dict[str, SourceFile]
    # The latest year a dump writes out in a paper's date: the page prints the year of papers
    # from an earlier year only, so the dump was captured in a later year than that.
    latest_year_given: dict[str, int]
    # The (month, day) each dump's page header shows, if it shows one.
    page_days: dict[str, tuple[int, int] | None]

    @classmethod
    def of(cls, dumps: list[Dump], ranks: dict[int, int]) -> _Mentions:
        """The facts of ``dumps`` the date warnings use."""
        latest: dict[str, int] = {}
        for dump in dumps:
            years = [r.published.year for r in dump.records if r.published and r.year_given]
            latest[dump.source.name] = max(years, default=0)
        return cls(
            {dump.source.name: ranks[id(dump)] for dump in dumps},
            {dump.source.name: dump.display for dump in dumps},
            {dump.source.name: dump.source for dump in dumps},
            latest,
            {dump.source.name: dump.page_day for dump in dumps},
        )

    def day_before_s_page(self, record: Record) -> date | None:
        """December 31, when the dump of ``record`` may be that day's page, copied on January 1.

        Copied the day after its date (see dumps._check_page_date), its year-less dates read a
        year late. A header tells: dated January 1 it is that day's page, whose year is right;
        dated December 31, its year-less dates were read with that day's year (year_less_year).
        """
        captured = self.sources[record.source].captured
        if captured is None or (captured.month, captured.day) != (1, 1):
            return None
        if self.page_days[record.source] is not None:
            return None
        return captured - timedelta(days=1)

    def captured(self, record: Record) -> str:
        """The capture date that dated a year-less mention, and where sources.yaml writes it."""
        source = self.sources[record.source]
        when = source.captured or source.captured_year
        where = f"{source.captured_at[0]}:{source.captured_at[1]}" if source.captured_at else None
        return f"captured: {when} at {where}" if where else f"captured: {when} in {SOURCES_FILE}"

    def year_from(self, record: Record) -> str:
        """What gave a year-less mention its year, said after "it took the year of its"."""
        source = self.sources[record.source]
        year = year_less_year(source, self.page_days[record.source])
        if source.captured is not None and year != source.captured.year:
            return f"page's date, Dec 31, the day before its dump's {self.captured(record)}"
        return f"dump's {self.captured(record)}"


def _report_dates(
    records: list[Record], mentions: _Mentions, reported: set[int], problems: Problems
) -> None:
    """Warn at a mention dated otherwise than every mention of the paper captured before it.

    The page shows one date (merge_records); another mention's would be lost without a word.
    """
    dated = sorted(
        (r for r in records if r.published is not None),
        key=lambda r: (mentions.rank[r.source], r.line),
    )
    if len(dated) < 2:
        return
    first = dated[0]
    seen = {first.published}
    warned: set[int] = set()
    kept = max(records, key=_richness)  # whose date the page shows, as in merge_records
    for record in dated[1:]:
        assert record.published is not None and first.published is not None
        # Whether Hugging Face prints a paper's date in the reader's time zone or its own is not
        # known: two captures a day apart may both be faithful copies. Not worth a warning.
        if record.published in seen or abs((record.published - first.published).days) == 1:
            continue
        seen.add(record.published)
        wrong = _misread_year(record, first, mentions)
        at, other = (first, record) if wrong is first else (record, first)
        if id(at) in warned:
            # One warning a mention: a second date this one is blamed against is said at its own
            # mention, which is not told that the first is wrong twice over.
            at, other, wrong = record, first, None
        if id(at) in reported:
            continue
        warned.add(id(at))
        assert at.published is not None and other.published is not None
        assert kept.published is not None  # a dated mention is richer than any undated one
        problems.warning(
            mentions.displays[at.source],
            _date_line(at),
            f"{describe(at.title)} is dated {at.published.isoformat()} here, but "
            f"{other.published.isoformat()} in the mention at {mentions.displays[other.source]}:"
            f"{_date_line(other)}; the page shows {kept.published.isoformat()}, the date of "
            f"{_mention(kept, at, other, mentions.displays)} ({_why_kept(kept, records)}); "
            + _date_fix(at, other, wrong, mentions),
        )


def _misread_year(record: Record, other: Record, mentions: _Mentions) -> Record | None:
    """The mention whose year-less date most likely took a wrong capture year, if one does.

    None when the two differ otherwise than in the year, or when nothing tells which is wrong.
    """
    if not _same_day(record, other):
        return None
    year_less = [mention for mention in (record, other) if not mention.year_given]
    if not year_less:
        return None
    if len(year_less) == 1:
        # The year written is the page's, but the capture year is a curator's: either may be
        # wrong, unless the year-less mention's dump writes out a year as late as the other's.
        (undated,) = year_less
        written = other if undated is record else record
        return written if _year_stands(undated, written, mentions) else None
    # A page copied on January 1 may be the page of December 31: its year-less dates then read a
    # year late.
    for mention, earlier in ((record, other), (other, record)):
        if mentions.day_before_s_page(mention) and _later(mention, earlier):
            return mention
    # A dump that writes out a year as late as the other mention's is no page of that year: its
    # capture year stands, and the other dump's is the one to doubt.
    stands = [_year_stands(record, other, mentions), _year_stands(other, record, mentions)]
    if stands[0] == stands[1]:
        return None
    return other if stands[0] else record


def _year_stands(record: Record, other: Record, mentions: _Mentions) -> bool:
    """Whether the dump of ``record`` shows it is no page of the year ``other`` is dated in."""
    assert other.published is not None
    return mentions.latest_year_given[record.source] >= other.published.year


def _date_fix(at: Record, other: Record, wrong: Record | None, mentions: _Mentions) -> str:
    """What to correct for two mentions' dates, said at the mention ``at``."""
    if wrong is None:
        if not _same_day(at, other) or (at.year_given and other.year_given):
            return "correct the wrong date in its dump"
        if not at.year_given and other.year_given:
            return (
                f"this date was written without its year, so it took the year of its "
                f"{mentions.year_from(at)}; correct the wrong date: that 'captured', or the year "
                "written in that mention's dump"
            )
        if at.year_given:
            return (
                f"that date was written without its year, so it took the year of its "
                f"{mentions.year_from(other)}; correct the wrong date: this one in its dump, or "
                "that 'captured'"
            )
        return (
            "both were written without their year, and read with their dumps' capture years: "
            f"one of them is most likely wrong ({mentions.captured(at)} for this dump, "
            f"{mentions.captured(other)} for that one); correct it"
        )
    if at.year_given:
        latest = mentions.latest_year_given[other.source]
        dump = "this dump" if other.source == at.source else "that dump"
        return (
            f"that date was written without its year, so it took the year of its "
            f"{mentions.year_from(other)}, which stands: {dump} writes dates of {latest} with "
            f"their year, as no page of {latest} would; this date is most likely wrong: correct "
            "it in its dump"
        )
    said = (
        f"this date was written without its year, so it took the year of its "
        f"{mentions.year_from(at)}"
    )
    day_before = mentions.day_before_s_page(at)
    if day_before is not None:
        return (
            f"{said}; a page copied the day after its date may be the page of {day_before}, "
            f"whose year-less dates are of {day_before.year}: if it is, write captured: "
            f"{day_before} there"
        )
    if not other.year_given and _year_stands(other, at, mentions):
        latest = mentions.latest_year_given[other.source]
        said += (
            f", which is most likely wrong: that mention is written without its year too, but "
            f"its dump writes dates of {latest} with theirs, as no page of {latest} would"
        )
        return f"{said}; correct it there"
    return f"{said}, which is most likely wrong: correct it there"


def _date_line(record: Record) -> int:
    """Where a mention's date is written, or its title's line if not known."""
    return record.line if record.date_line is None else record.date_line


def _same_day(record: Record, other: Record) -> bool:
    """Whether two dated mentions give the same month and day, whatever their years."""
    assert record.published is not None and other.published is not None
    return record.published.replace(year=2000) == other.published.replace(year=2000)


def _later(record: Record, other: Record) -> bool:
    assert record.published is not None and other.published is not None
    return record.published > other.published


def _why_kept(kept: Record, records: list[Record]) -> str:
    """Why merge_records takes the date of ``kept``: its metadata, or its place on a tie."""
    richest = _richness(kept)
    if any(r is not kept and _richness(r) == richest for r in records):
        return "the first captured of the mentions with the most metadata"
    return "the mention with the most metadata"


def _mention(kept: Record, record: Record, other: Record, displays: dict[str, str]) -> str:
    """Which mention the page shows, said from the warning at ``record`` naming ``other``."""
    if kept is record:
        return "this mention"
    if kept is other:
        return "that mention"
    return f"the one at {displays[kept.source]}:{kept.line}"


def capture_order(dump: Dump) -> tuple[int, int, str]:
    """Dumps in the order their pages were captured, file names breaking ties.

    A dump known only by its year counts from that year's first day: the day is unknown, and so
    the dumps added after it, captured later, cannot take its papers' ids. A dump with no capture
    date comes after all those with one.
    """
    source = dump.source
    if source.captured is not None:
        return (0, source.captured.toordinal(), source.name)
    if source.captured_year is not None:
        return (0, date(source.captured_year, 1, 1).toordinal(), source.name)
    return (1, 0, source.name)


def match_key(title: str) -> str:
    """What two mentions of one paper share: the title without case, accents or punctuation."""
    folded = _folded(title)
    # A title of punctuation alone ("...", "//") keeps its text, or all such titles would merge.
    return _NON_WORD.sub(" ", folded).strip() or folded


def abstract_key(abstract: str) -> str:
    """What two mentions of a retitled paper share: the abstract's letters and digits alone.

    Without case or accents, as titles are matched, and without spacing: "on to" and "onto" are
    one text. Empty when under MIN_MATCHED_ABSTRACT characters, too short to tell papers apart.
    """
    if abstract.isascii():
        key = abstract.encode("ascii").translate(_ASCII_LOWER, _ASCII_NON_WORD).decode("ascii")
    else:
        key = _NON_WORD.sub("", _folded(abstract))
    return key if len(key) >= MIN_MATCHED_ABSTRACT else ""


# A number as written: digits, with the points, commas, colons, slashes and exponents inside it.
# Dashes and signs are left out: a reader takes 'GPT-4' and 'GPT 4', '1-3k' and '1–3k' for one.
_NUMBER = re.compile(r"\d(?:(?:[.,:/]|\^[-−–]?)?\d)*")
# A comma before three digits that end the number separates thousands: '7,000' is '7000'.
_THOUSANDS = re.compile(r",(?=\d{3}(?!\d))")
_MINUS = str.maketrans("−–", "--")
# An exponent in TeX's braces: '10^{-3}' is '10^-3' to a reader, and one capture of an abstract
# may have the braces another lacks.
_BRACED_EXPONENT = re.compile(r"\^\{([-−–]?\d[\d.,]*)\}")


def numbers(text: str) -> list[str]:
    """The numbers a text writes, in order: what abstract_key cannot tell apart ('1.5', '15')."""
    text = _BRACED_EXPONENT.sub(r"^\1", text)
    return [_THOUSANDS.sub("", number).translate(_MINUS) for number in _NUMBER.findall(text)]


def _folded(text: str) -> str:
    """The text without case or accents."""
    folded = text.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return folded


def slugify(title: str) -> str:
    """An ASCII slug of a title, cut at a word boundary to fit PAPER_ID_MAX_LENGTH."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_title.lower()).strip("-")
    if len(slug) > PAPER_ID_MAX_LENGTH:
        cut = slug[: PAPER_ID_MAX_LENGTH + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:PAPER_ID_MAX_LENGTH]
    return slug.strip("-")


def _digest(title: str) -> str:
    return hashlib.sha256(title.encode("utf-8")).hexdigest()[:6]


# MkDocs serves papers/index.md at papers/, not at papers/index/ where the paper's links point.
_RESERVED_IDS = frozenset({"index"})


def assign_ids(titles: Iterable[str]) -> list[str]:
    """Unique ids for titles in order; a later title whose slug is taken gets a hash suffix."""
    taken: set[str] = set(_RESERVED_IDS)
    ids: list[str] = []
    for title in titles:
        slug = slugify(title)
        if not slug or slug in taken:
            # The suffix hashes the title, so it does not depend on which papers came before.
            stem = slugify(title)[: PAPER_ID_MAX_LENGTH - 7].rstrip("-") or "paper"
            slug = f"{stem}-{_digest(title)}"
            while slug in taken:
                slug = f"{stem}-{_digest(slug)}"
        taken.add(slug)
        ids.append(slug)
    return ids


def merge_records(
    paper_id: str,
    records: list[Record],
    match_keys: frozenset[tuple[MatchKind, str]] = frozenset(),
    displays: dict[str, str] | None = None,
) -> Paper:
    """One paper from all its mentions, in capture order: the richest value of each field wins.

    On a tie the first mention wins. ``match_keys`` are what the mentions were merged by
    (Paper.match_keys); ``displays`` the dumps' paths as shown, by file name, for
    Paper.abstract_at (by default the file names).
    """
    # The dated mention with most metadata gives the paper's fields; ties go to the earliest.
    best = max(records, key=_richness)
    # Metadata says nothing of how well a mention writes the title: one all in lower case ("a
    # critical review of ...") names the paper only when no mention has a capital.
    named = (
        max(records, key=lambda r: (not r.title.islower(), _richness(r)))
        if best.title.islower()
        else best
    )
    dated = [r for r in records if r.published is not None]
    with_upvotes = [r for r in records if r.upvotes is not None]
    latest_votes = max(with_upvotes, key=_upvotes_date) if with_upvotes else None
    authors = next((r.authors for r in (best, *records) if r.authors is not None), None)
    organization = next(
        (r.organization for r in (best, *records) if r.organization is not None), None
    )
    return Paper(
        id=paper_id,
        title=display_title(named.title),
        abstract=display_abstract(best.abstract),
        authors=authors,
        organization=organization,
        published=(best if best.published else dated[0]).published if dated else None,
        upvotes=latest_votes.upvotes if latest_votes else None,
        upvotes_as_of=latest_votes.upvotes_as_of if latest_votes else None,
        links=extract_links(best.abstract),
        # By file name, as papers.json promises, whatever order the mentions were merged in.
        sources=tuple(sorted({r.source for r in records})),
        match_keys=match_keys,
        abstract_at=(
            ((displays or {}).get(best.source, best.source), best.abstract_line)
            if best.abstract_line is not None
            else None
        ),
    )


def unversioned_arxiv_id(arxiv_id: str) -> str:
    """The arXiv id without its version: '2312.00752v2' as '2312.00752'."""
    return ARXIV_VERSION.sub("", arxiv_id)


def arxiv_month(arxiv_id: str) -> tuple[int, int] | None:
    """The year and month an arXiv id was given in (its YYMM), or None for no arXiv id."""
    match = ARXIV_ID.fullmatch(arxiv_id)
    if match is None:
        return None
    digits = match.group(1) or match.group(2)
    two_digits, month = int(digits[:2]), int(digits[2:])
    # Old-style ids began in 1991; new-style ones in 2007.
    return (1900 + two_digits if two_digits >= 91 else 2000 + two_digits), month


def linked_arxiv_id(paper: Paper) -> tuple[str, str] | None:
    """The first arXiv link in the paper's abstract that can be its own: the link and its id.

    An abstract links the papers it cites as well as its own: a link is the paper's only when its
    id was given in the month of the paper's date (ARXIV_MONTHS_APART aside), since an id's YYMM
    is the month of its first version, which is the date Daily Papers shows. A paper without a
    date takes its first link's.
    """
    for url in paper.links:
        match = ARXIV_LINK.match(url)
        if match is None:
            continue
        given = arxiv_month(match.group(1))
        if paper.published is None or (
            given is not None
            and abs(given[0] * 12 + given[1] - paper.published.year * 12 - paper.published.month)
            <= ARXIV_MONTHS_APART
        ):
            return url, match.group(1)
    return None


def display_title(title: str) -> str:
    r"""The title as text when it holds TeX markup (`$\pi$` as `π`), else as written.

    Pages, feeds, search and exports show this; ids and matching read the title as written, so
    that reading TeX better never renames a paper. A title whose markup cannot be read for sure (a
    command pylatexenc has no text for, a `$` or brace left open, an accent on no letter) or that
    would show a part as nothing (`\emph{}: A Title`, `\texttt{}`) stays as written, markup and
    all, rather than lose words.
    """
    if not _TEX_MARKUP.search(title):
        return title
    # Characters TeX reads otherwise are text in a title: "50% faster" is no comment, "~120k" no
    # tie; a `$` of no pair is money, and the title stays as written.
    if re.search(r"(?<!\\)\$", _TEX_MATH.sub("", title)):
        return title
    # An accent on no letter is no accent: `He said \"hi\" ok` is quoting, not "ḧiök".
    if len(_TEX_ACCENT.findall(title)) != len(_TEX_ACCENTED.findall(title)):
        return title
    # A special after an even run of backslashes is bare: `\\%` is a line break, then a "%".
    tex = re.sub(r"(?<!\\)((?:\\\\)*)([%&#])", r"\1\\\2", title)
    tex = _TEX_TIE.sub("\u00a0", tex)
    tex = re.sub(r"(?<!\\)~", r"\\textasciitilde{}", tex)  # not the accent `\~{n}`
    try:
        return _tex_as_text(title, tex)
    except Exception:
        # A title is a stranger's text, and pylatexenc fails on some of it otherwise than with
        # its LatexWalkerError: an IndexError for any `\href`, a RecursionError for a few hundred
        # nested braces. The title as written is always something to show.
        return title


def display_abstract(abstract: str) -> str:
    r"""The abstract with TeX's accent commands as the letters they make (`Schr\"odinger`).

    Only accents on letters they go on are read (`\'e`, not the `\'t` of an escaped "don\'t",
    nor the `\"h` of a quoted `\"hi\"`); the rest of an abstract's markup, mostly its authors'
    own macros, stays as written.
    """
    if "\\" not in abstract:
        return abstract

    def letter(command: re.Match[str]) -> str:
        combining, letters = _ACCENTS[command["mark"]]
        base = (command["braced"] or command["bare"]).removeprefix("\\").strip()
        if base not in letters:
            return command[0]
        return unicodedata.normalize("NFC", base + combining)

    return _ACCENT_COMMAND.sub(letter, abstract)


def _tex_as_text(title: str, tex: str) -> str:
    """:func:`display_title`'s reading of ``tex``, the title made TeX; ``title`` if unsure."""
    # Imported here: few titles hold TeX, and pylatexenc's reader takes 30 ms to import.
    from pylatexenc.latexwalker import (
        LatexEnvironmentNode,
        LatexMacroNode,
        LatexMathNode,
        LatexWalker,
        LatexWalkerError,
    )

    try:
        nodes = LatexWalker(tex, tolerant_parsing=False).get_latex_nodes()[0]
    except LatexWalkerError:
        return title
    converter = _latex_to_text()
    for node in _all_nodes(nodes):
        if isinstance(node, LatexEnvironmentNode):
            return title  # pylatexenc has text for no environment
        if isinstance(node, LatexMacroNode):
            if converter.latex_context.get_macro_spec(node.macroname) is None:
                return title  # pylatexenc would drop it silently, its argument too (`\foo{x}`)
            if node.macroname in _MADE_UP_TEXT:
                return title
            if not (node.nodeargd and any(node.nodeargd.argnlist)):
                continue  # `\,` or `\quad` is a space, not a part of the title
        elif not isinstance(node, LatexMathNode):
            continue
        # A part shown as nothing (`\emph{}`, `$\,$`, `\hspace{1em}`) may be where the author's
        # word went missing: the title as written says more than ": A Title" would.
        if not str(converter.node_to_text(node)).strip():
            return title
    # A line break (`\\`) or `\quad` is one space in a heading; a tie stays a no-break space.
    text = re.sub(r"[^\S\u00a0]+", " ", str(converter.nodelist_to_text(nodes))).strip()
    # No letter or digit left of a title with some (`\ldots`) would make an empty heading.
    if not _WORD_CHARACTER.search(text) and _WORD_CHARACTER.search(title):
        return title
    return text


# Commands pylatexenc writes text for that is not the author's: the day of the build (`\today`),
# placeholders (`<cit.>`, `< g r a p h i c s >`, "[NO \title GIVEN]"), a list's bullet, a format
# string left unfilled (`\textfrac{1}{2}` as "%s/%s12"). A title holding one stays as written.
_MADE_UP_TEXT = frozenset(
    """today maketitle cite citep citet citealp citeauthor citeyear nocite ref eqref pageref
    autoref cref Cref nameref label includegraphics textfrac href footnote footnotemark thanks
    item input include""".split()
)


def _all_nodes(nodes: Iterable[LatexNode | None]) -> Iterable[LatexNode]:
    """Every node of parsed TeX, nested ones (arguments, groups, math) after their parent."""
    from pylatexenc.latexwalker import (
        LatexEnvironmentNode,
        LatexGroupNode,
        LatexMacroNode,
        LatexMathNode,
    )

    for node in nodes:
        if node is None:
            continue
        yield node
        if isinstance(node, LatexMacroNode):
            if node.nodeargd is not None:
                yield from _all_nodes(node.nodeargd.argnlist)
        elif isinstance(node, (LatexEnvironmentNode, LatexGroupNode, LatexMathNode)):
            yield from _all_nodes(node.nodelist)


@cache
def _latex_to_text() -> LatexNodes2Text:
    """The TeX reader of pylatexenc, made once and only when a title holds TeX (it takes 90 ms)."""
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()  # a new one each call: ours to add to
    # pylatexenc has no text for `\texttt`, and writes `\mathbb{USCD}` as "𝕌𝕊ℂ𝔻", which search
    # does not find as "USCD" and BibTeX cannot typeset: their text is their argument.
    fonts = ("texttt", "mathbb", "mathcal", "mathfrak", "mathscr", "mathbf", "mathsf", "mathtt")
    context.add_context_category(
        "papersite", prepend=True, macros=[MacroTextSpec(name, discard=False) for name in fonts]
    )
    return LatexNodes2Text(latex_context=context)


def _richness(record: Record) -> tuple[int, int, int, int]:
    return (
        record.published is not None,
        record.authors is not None or record.organization is not None,
        record.upvotes is not None,
        len(record.abstract),
    )


def _upvotes_date(record: Record) -> date:
    """The day a mention's upvotes were read: the latest count is the paper's."""
    return record.upvotes_as_of or date.min


def extract_links(text: str) -> tuple[str, ...]:
    """The URLs in a text, cleaned of trailing punctuation and LaTeX residue, in order, once."""
    links: list[str] = []
    if "://" not in text:  # most abstracts have no link; skip the regex scan for them
        return ()
    for match in _URL.finditer(text):
        url = _trim_url(match.group())
        if url.count("/") >= 2 and "." in url.split("/", 3)[2] and url not in links:
            links.append(url)
    return tuple(links)


def _trim_url(url: str) -> str:
    while url:
        last = url[-1]
        opening = _URL_BRACKETS.get(last)
        if last in _URL_TRAILING or (opening and url.count(opening) < url.count(last)):
            url = url[:-1]
        else:
            break
    return url
