"""Finding the raw dumps, what sources.yaml says of each, and decoding a dump's bytes into lines.

The first stage of reading content. :func:`discover_sources` lists the dumps in content/sources
(only .txt files, none linked from outside the content folder) as SourceFiles, labelled and dated
by sources.yaml. :func:`open_lines` decodes one file into numbered, cleaned lines as it is read,
refusing what is no dump (too big, binary, a huge line) and reading UTF-16, UTF-32 and bytes that
are not UTF-8 with a message. dumps.py parses those lines into a :class:`Dump`'s records.

The data types of both stages are here (SourceFile, Line, Record, Dump, Layout), so that
dumps.py imports them from this module and this module nothing from it.
"""

from __future__ import annotations

import calendar
import codecs
import contextlib
import enum
import io
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO, NamedTuple

from papersite.characters import CONTROL
from papersite.errors import (
    PapersiteError,
    Problem,
    Problems,
    Severity,
    absent,
    cannot_read,
    display_path,
    resolved,
    unlistable,
)
from papersite.markup import clean_text
from papersite.wording import as_yaml, closest, counted, suggest
from papersite.yamlfile import (
    NOT_A_FILE,
    WIDE_SNIFF_BYTES,
    DuplicateKey,
    WideEncoding,
    YamlDocument,
    load_yaml_file,
    special_file,
    wide_encoding,
)

# The folder of raw dumps in a content folder, and the file in it naming each dump's capture.
SOURCES_DIR = "sources"
SOURCES_FILE = "sources.yaml"

# No arXiv abstract comes near this; a longer line means the file is not a dump (or is hostile).
MAX_LINE_BYTES = 64 * 1024
# One captured listing page is under 1 MB; the cap keeps a hostile file from filling memory with
# millions of tiny records.
MAX_DUMP_BYTES = 32 * 1024 * 1024
# Where a line ends, as _raw_lines ends it: at LF, CRLF or a CR alone.
_LINE_END = re.compile(r"\r\n?|\n")
# Years a capture or a paper's date may have (sources.schema.json bounds captured years alike);
# anything outside is a typo, and would also date the site's files beyond what gzip can hold.
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
# The latest time zone, Kiribati's, is this far ahead of UTC: a page captured there today is not in
# the future for a machine (CI's) still on yesterday's date.
LATEST_UTC_OFFSET = timedelta(hours=14)

# The one text form of a date that sources.schema.json ("format": "date") lets editors accept.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A day written with dashes, leading zeros or not (2025-02-30, 2025-2-30): when it is no day, what
# is wrong is its month or day, not its form.
_DASHED_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
# A year alone, quoted ('2025'): taken as the year it spells, as a quoted date is taken as its day.
_YEAR = re.compile(r"\d{4}")
# Other ways people write a day, each told to write it as above: 20251031 (which YAML reads as a
# number), 2025/10/31 or 2025.10.31, 2025-1-5 (no leading zeros), and 31.10.2025. Slashes with the
# year last are left out: 10/11/2025 is October in one country and November in another.
_OTHER_DATES = (
    re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"),
    re.compile(r"(?P<year>\d{4})([-/._])(?P<month>\d{1,2})\2(?P<day>\d{1,2})"),
    re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})"),
)
# Whole numbers written in a base other than ten, '_' aside, as YAML spells them: 0x7E9 and 0o3751
# are 2025 to YAML 1.2 (papersite's reading), 0b11111101001 and 33:45 to YAML 1.1 (other tools').
# No curator writes a year so but by mistake, and an editor shows the digits, not the year read.
_OTHER_BASES = (
    (re.compile(r"0x[0-9a-f]+", re.IGNORECASE), 16, "a hexadecimal number"),
    (re.compile(r"0o[0-7]+", re.IGNORECASE), 8, "an octal number"),
    (re.compile(r"0b[01]+", re.IGNORECASE), 2, "a binary number"),
    (re.compile(r"[1-9][0-9]*(?::[0-5]?[0-9])+"), 60, "a sexagesimal (base 60) number"),
)
# Digits after a leading zero: 0999 was shown as "captured 999", and 02025 read as 2025 unseen.
_LEADING_ZERO = re.compile(r"0[0-9]+")
# A year with a sign: +2025 was read as 2025 unseen; no year is written so but by a slip.
_SIGNED = re.compile(r"\+[0-9]+")
# Digits alone, once any '_' is taken out: YAML 1.1 reads 2_025 as 2025, papersite as text.
_DIGITS = re.compile(r"[0-9]+")


class Line(NamedTuple):
    """A line of a dump held by its number in the file (from 1) and its text, cleaned and stripped.

    Lines streaming from a file through the parser are plain ``(number, text)`` tuples, unpacked
    by name where they are read: a NamedTuple built for each of a dump's lines costs ingest about
    5%. A Line is what is kept past that loop: a page's date line, its first title, year-less
    dates. Being a ``tuple[int, str]``, it goes wherever those do.
    """

    number: int
    text: str


@dataclass(frozen=True)
class LateDate:
    """A year-less date after the dump's capture date: its line, as written, and the date read.

    Rare (a wrong capture date, or a later page's papers pasted in), so a named type costs nothing
    where a plain tuple would be read by position.
    """

    line: int
    text: str
    read_as: date


class Layout(enum.Enum):
    """How a dump is laid out."""

    SPACED = "spaced"
    DENSE = "dense"


class Listing(enum.Enum):
    """What sources.yaml says of a dump: it decides what a dump without a capture date is told."""

    # There is no sources.yaml: it is optional, and the first dump needing a date asks for it.
    NO_SOURCES_YAML = "no sources.yaml"
    # Listed under its file name; 'captured' may still be left out.
    LISTED = "listed"
    # sources.yaml lists other files: a warning names the dump where it is found.
    UNLISTED = "not listed"
    # sources.yaml, or the dump's entry in it, holds an error that already names the problem.
    IN_ERROR = "in error"
    # sources.yaml could not be read at all (its error names the problem): no dump has a label
    # or a capture date, so what the dumps give each paper is not what the curators wrote.
    UNREAD = "sources.yaml unread"


@dataclass(frozen=True)
class SourceFile:
    """One dump and what sources.yaml says about it."""

    path: Path
    name: str
    label: str
    captured: date | None = None
    captured_year: int | None = None
    listing: Listing = Listing.NO_SOURCES_YAML
    # Where sources.yaml writes 'captured' (path, line): a message blaming the date points there.
    captured_at: tuple[str, int] | None = None


@dataclass(frozen=True)
class MissingDump:
    """A dump sources.yaml lists that the sources folder does not hold: deleted, most likely.

    Its papers are gone with it, and papers.yaml's entries for them name no paper: their errors
    are said as one, naming it (unknown_ids.py).
    """

    name: str
    # sources.yaml as messages name it, and the line of the dump's entry there.
    path: str
    line: int


@dataclass(frozen=True)
class Discovery:
    """What :func:`discover_sources` found: the dumps to read, and those gone or not read.

    ``missing`` are the dumps sources.yaml lists but the folder lacks, unless likely renamed;
    ``outside`` names, as messages do, the dumps not read for linking outside the content folder.
    """

    sources: tuple[SourceFile, ...] = ()
    missing: tuple[MissingDump, ...] = ()
    outside: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Record:
    """One paper as one dump shows it."""

    source: str
    line: int
    title: str
    abstract: str
    authors: int | None = None
    organization: str | None = None
    published: date | None = None
    upvotes: int | None = None
    upvotes_as_of: date | None = None
    # False when the date was written without its year and read with the capture year's.
    year_given: bool = True
    # The line of the date, where a warning about the date points (None: no date written).
    date_line: int | None = None
    # The line of the abstract, where a warning about its links points (None: not read from a
    # file). Not compared, as tests compare records parsed with records built by hand.
    abstract_line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class UndecodableLine:
    """A line that does not decode: its number, its first bad byte and its column (from 1).

    Not UTF-8, or not the UTF-16 or UTF-32 a byte-order mark names: the column then counts
    characters, and the byte is the first of the bad character's.
    """

    line: int
    byte: int
    column: int


@dataclass
class Dump:
    """What one file gave: its records, and every record or file skipped with the reason."""

    source: SourceFile
    display: str
    layout: Layout | None = None
    records: list[Record] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Year-less dates left unknown for want of a capture date: line and text of each.
    undated: list[Line] = field(default_factory=list)
    # Year-less dates after the capture date, each with the date it was read as.
    after_capture: list[LateDate] = field(default_factory=list)
    # The (month, day) of the page's date in its header, if it shows one.
    page_day: tuple[int, int] | None = None
    # The titles of papers skipped, and whether the whole file was: papers.yaml's entries for
    # them name no paper, and saying why spares a curator a list of "unknown paper id" errors.
    skipped_titles: list[str] = field(default_factory=list)
    unread: bool = False
    # Lines that did not decode (not UTF-8, mostly), by number, in file order (see open_lines).
    undecodable: dict[int, UndecodableLine] = field(default_factory=dict)
    # Papers skipped because their meta block holds such a line: the one error about those lines
    # says why, rather than one "malformed meta block" a paper (skip_undecodable).
    skipped_undecodable: int = 0
    # Lines holding control characters, by number, in the order found, each with the literal
    # ones it holds: the first NAMED_CONTROL_LINES each have a warning, the rest one for the dump
    # (see report_control_lines). Entities are read after the lines (dumps.py): a line may come
    # twice, and its one warning then names both; () once its entities are named.
    control_lines: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # The first line whose HTML entities were decoded: one warning a dump, there (dumps.py).
    entity_line: int | None = None
    # The first line where entities are left once they are read ('&amp;amp;'): one warning there.
    double_escaped_line: int | None = None

    @property
    def read(self) -> int:
        """Records found in the file, whether kept or skipped."""
        return len(self.records) + len(self.skipped)

    def skip(self, line: int, reason: str, title: str | None = None) -> None:
        """Skip one record (with its paper's title when known), reporting why."""
        problem = Problem(self.display, line, reason, Severity.ERROR)
        self.skipped.append(problem)
        self.problems.append(problem)
        if title is not None:
            self.skipped_titles.append(title)

    def skip_undecodable(self, title: str) -> None:
        """Skip a paper whose meta block holds a line that does not decode: its error says so.

        The paper is counted among those skipped and reported by open_lines, once the lines are
        read, in the one error about the lines that do not decode.
        """
        self.skipped_undecodable += 1
        self.skipped_titles.append(title)


# Content arrives in pull requests; a link to /proc/self/environ or ~/.ssh would be published.
OUTSIDE_CONTENT = "symbolic link to a place outside the content folder; not read"


def outside_content(path: Path, content: Path) -> bool:
    """Whether ``path``, symbolic links followed, lies outside the content folder."""
    return not resolved(path).is_relative_to(resolved(content))


def tools_file(path: Path) -> bool:
    """Whether a file in a content folder is the tools' (.gitkeep, .DS_Store), never a curator's.

    Hidden files are: a folder's placeholder, an editor's swap file, the desktop's notes.
    """
    return path.name.startswith(".")


def unreadable_link(path: Path, what: str) -> str | None:
    """Why ``path``, a symbolic link that loops or leads nowhere, cannot be read; else None.

    Such a link stands for a file or folder meant to be read: "no sources folder" sent the
    curator looking for a folder that is there, as a link.
    """
    try:
        path.stat()
    except OSError as error:
        return cannot_read(path, error, what) if path.is_symlink() else None
    return None


def no_sources_folder(content: Path, said: str) -> Problem:
    """The problem of ``content`` without a sources folder, worded ``said``, unless a link is why.

    The content folder, or its sources folder, may be a link that loops or leads nowhere: named
    as such, not as a folder missing (``--content`` a broken link said "no sources folder").
    """
    folder = content / SOURCES_DIR
    return link_in_the_way(folder) or Problem(display_path(folder), None, said)


def link_in_the_way(path: Path) -> Problem | None:
    """The first folder of ``path``, from its top, or ``path``, that is a link that cannot be.

    A link that loops or leads nowhere, named as such (see :func:`unreadable_link`), in any part:
    ``--content lk/loopc/x``, ``loopc`` looping, was said to have no sources folder. A stat a
    part: for a path already found missing.
    """
    for part in (*reversed(path.parents), path):
        link = unreadable_link(part, "folder")
        if link is not None:
            return Problem(display_path(part), None, link)
    return None


def today_anywhere(now: datetime | None = None) -> date:
    """The latest date it is anywhere on Earth ``now`` (by default, now): no page is captured later.

    Only checks read the clock: no generated file depends on it (see build.build_epoch).
    """
    return ((now or datetime.now(UTC)).astimezone(UTC) + LATEST_UTC_OFFSET).date()


def discover_sources(
    content: Path,
    problems: Problems,
    today: date | None = None,
) -> Discovery:
    """The dumps under content/sources, in name order, labelled from sources.yaml when present.

    Only .txt files are dumps; any other file is reported and not read, as are files (or the
    folder) that link outside the content folder. When sources.yaml lists dumps, one it does not
    list is reported too, unless it is no regular file (reading it says it cannot be read): its
    papers would otherwise go without a label and a capture date unseen.
    A capture date after ``today`` (by default :func:`today_anywhere`) is refused.
    With them come the dumps sources.yaml lists but the folder lacks, and those linking outside.
    """
    folder = content / SOURCES_DIR
    if not folder.is_dir():
        problems.extend([no_sources_folder(content, "no sources folder: put the dumps there")])
        return Discovery()
    if outside_content(folder, content):
        problems.error(display_path(folder), None, OUTSIDE_CONTENT)
        return Discovery()
    if (refusal := unlistable(folder)) is not None:
        problems.error(display_path(folder), None, cannot_read(folder, refusal, "folder"))
        return Discovery()
    described, duplicates, unlisted = _read_listing(folder, content, problems, today)
    found, outside_dumps, ignored = _dumps_in(folder, content, described, unlisted, problems)
    if not found and not ignored:
        # Else the only sign was every papers.yaml entry an unknown id, and every theme empty.
        problems.warning(
            display_path(folder), None, "no dumps in this folder: put the dumps (.txt) there"
        )
    unlisted_names = [source.name for source in found if source.listing is Listing.UNLISTED]
    # Said after the keys written twice, as yamlfile would, but found first: the dump a key
    # missing its '.txt' names is not also offered for a copied entry.
    missing, missing_dumps, meant = _listed_not_found(described, ignored, unlisted_names, folder)
    meant |= _refuse_duplicates(duplicates, [n for n in unlisted_names if n not in meant], problems)
    for line, message in missing:
        problems.error(display_path(folder / SOURCES_FILE), line, message)
    _warn_unlisted(found, meant, problems)
    return Discovery(tuple(found), tuple(missing_dumps), tuple(outside_dumps))


def _read_listing(
    folder: Path, content: Path, problems: Problems, today: date | None
) -> tuple[dict[str, tuple[SourceFile, int]], list[DuplicateKey], Listing]:
    """What the sources folder's sources.yaml says of each dump, with the line of its entry.

    With them, its keys written twice (see _read_sources_yaml), and what a dump it does not
    list is: NO_SOURCES_YAML, UNLISTED, or UNREAD when sources.yaml could not be read.
    """
    yaml_path = folder / SOURCES_FILE
    # A broken link is not "no sources.yaml": reading it says it cannot be read.
    if absent(yaml_path):
        return {}, [], Listing.NO_SOURCES_YAML
    if yaml_path.exists() and outside_content(yaml_path, content):
        problems.error(display_path(yaml_path), None, OUTSIDE_CONTENT)
        return {}, [], Listing.UNREAD
    described, duplicates = _read_sources_yaml(yaml_path, problems, today or today_anywhere())
    # sources.yaml that cannot be read lists nothing, and its error says so once.
    unlisted = Listing.UNREAD if described is None else Listing.UNLISTED
    return described or {}, duplicates, unlisted


def _dumps_in(
    folder: Path,
    content: Path,
    described: dict[str, tuple[SourceFile, int]],
    unlisted: Listing,
    problems: Problems,
) -> tuple[list[SourceFile], list[str], set[str]]:
    """The dumps in ``folder``, in name order, as ``described`` (each popped from it) or not.

    With them, the dumps linking outside ``content`` (named as messages name them), which are
    not read, and the names of the files that are no dump (see _is_dump).
    """
    found: list[SourceFile] = []
    outside_dumps: list[str] = []
    ignored: set[str] = set()
    for path in sorted(folder.iterdir()):
        if tools_file(path) or path.name == SOURCES_FILE:
            continue
        # A dump replaced by a broken link, a folder or a pipe is a dump that cannot be read
        # (read_dump says so, once): not a file sources.yaml lists by mistake, nor one removed, as
        # its papers may come back.
        if not _is_dump(path, problems):
            ignored.add(path.name)
            continue
        # A broken link leads nowhere, so nowhere outside either: its error is that it is broken.
        broken = path.is_symlink() and not path.exists()
        if not broken and outside_content(path, content):
            described.pop(path.name, None)
            problems.error(display_path(path), None, OUTSIDE_CONTENT)
            # Unread like a dump that cannot be read: papers.yaml's entries for its papers are
            # then one error naming it, not one "unknown paper id" each (unknown_ids.py).
            outside_dumps.append(display_path(path))
            continue
        entry = described.pop(path.name, None)
        found.append(
            entry[0] if entry else SourceFile(path, path.name, path.name, listing=unlisted)
        )
    return found, outside_dumps, ignored


def _listed_not_found(
    described: dict[str, tuple[SourceFile, int]],
    ignored: set[str],
    unlisted_names: list[str],
    folder: Path,
) -> tuple[list[tuple[int, str]], list[MissingDump], set[str]]:
    """The errors, by line, for the entries of sources.yaml naming no dump in ``folder``.

    ``described`` holds those entries, ``ignored`` the files that are no dump. With the errors,
    the dumps gone, and the unlisted dumps an entry likely meant (a typo, a rename), which its
    error names: they are warned of no further.
    """
    missing: list[tuple[int, str]] = []
    missing_dumps: list[MissingDump] = []
    meant: set[str] = set()
    # One dump gone from the list and one unlisted come: most likely one renamed, however unlike
    # the names (a separate warning said to list the new one, as if unrelated).
    gone = [name for name in described if name not in ignored]
    renamed = unlisted_names[0] if len(gone) == 1 and len(unlisted_names) == 1 else None
    for name, (_, line) in described.items():
        if name in ignored:
            message = f"lists '{name}', which is not a dump: only .txt files are read"
        else:
            # A typo such as a missing '.txt' leaves its dump unlisted: name it, and let this
            # error be the only message about it rather than a warning to list what is listed.
            close = _closest_name(name, unlisted_names)
            hint = f" (did you mean '{close}'?)" if close else ""
            if close is None and renamed is not None:
                close, hint = renamed, f" (renamed to '{renamed}'?)"
            if close:
                meant.add(close)
            else:
                # Renamed, its papers are still read: only a dump gone takes its papers along.
                missing_dumps.append(MissingDump(name, display_path(folder / SOURCES_FILE), line))
            message = f"lists '{name}', but {display_path(folder)} has no such file{hint}"
        missing.append((line, message))
    return missing, missing_dumps, meant


def _refuse_duplicates(
    duplicates: list[DuplicateKey], unlisted_names: list[str], problems: Problems
) -> set[str]:
    """Refuse sources.yaml's keys written twice; the unlisted dumps they likely meant, named.

    ``unlisted_names`` are the dumps no entry lists, nor names as likely meant.
    """
    meant: set[str] = set()
    for duplicate in duplicates:
        message = duplicate.problem.message
        if duplicate.location[:-1] == ("sources",):
            # An entry copied for a new dump, its key left unchanged: that dump is unlisted.
            close = _meant_by_duplicate(
                duplicate.text, [n for n in unlisted_names if n not in meant]
            )
            if close:
                meant.add(close)
                message += f": did you mean '{close}', which no entry lists?"
        problems.error(duplicate.problem.path, duplicate.problem.line, message)
    return meant


def _warn_unlisted(found: list[SourceFile], meant: set[str], problems: Problems) -> None:
    """Warn of each dump sources.yaml does not list, but those an error names as ``meant``."""
    for source in found:
        # One that is no regular file (a folder, a pipe, a broken link) has one message, that
        # it cannot be read (read_dump): a label and a capture date would not make it a dump.
        listable = source.path.is_file()
        if source.listing is Listing.UNLISTED and source.name not in meant and listable:
            problems.warning(
                display_path(source.path),
                None,
                f"not listed in {SOURCES_FILE}: add it there with a label and the day the page "
                "was captured (captured: YYYY-MM-DD); until then its papers' pages name it by "
                "its file name, and its year-less dates and upvotes go undated",
            )


def _closest_name(name: str, names: list[str]) -> str | None:
    """The dump a sources.yaml key most likely meant: one it starts (no '.txt'), case aside."""
    folded = {candidate.casefold(): candidate for candidate in names}
    close = closest(name.casefold(), list(folded))
    return folded[close] if close is not None else None


def _meant_by_duplicate(name: str, unlisted: list[str]) -> str | None:
    """The dump a key written a second time was most likely meant for, among those unlisted.

    A second entry was written for some dump: when only one dump is left without an entry, it is
    that one, however unlike the copied key its name is.
    """
    return unlisted[0] if len(unlisted) == 1 else _closest_name(name, unlisted)


def _is_dump(path: Path, problems: Problems) -> bool:
    """Whether a file in the sources folder is read as a dump; a warning says why not.

    Anything named .txt is: one that is no regular file (a broken link, a folder, a pipe) is a
    dump that cannot be read, which reading it (open_lines) says.
    """
    if path.suffix.lower() == ".txt":
        return True
    if path.is_dir():
        reason = f"a folder, not read: dumps go directly in {display_path(path.parent)}"
    else:
        # Not beside a sources.yaml: "sources.yaml~", an editor's backup, means no other file.
        misnamed = path.stem.lower() in ("sources", "source") and absent(path.parent / SOURCES_FILE)
        hint = f" (did you mean {SOURCES_FILE}?)" if misnamed else ""
        # A README or notes beside the dumps would otherwise be published as papers.
        reason = f"not a .txt file, so not read as a dump{hint}"
    problems.warning(display_path(path), None, reason)
    return False


def _read_sources_yaml(
    path: Path, problems: Problems, today: date
) -> tuple[dict[str, tuple[SourceFile, int]] | None, list[DuplicateKey]]:
    """Each file sources.yaml describes, or None when it lists none for an error reported.

    With them, the keys written twice: the caller reports those once it knows which dumps are
    unlisted, as one of them is likely what the second key was meant for.
    """
    shown = display_path(path)
    try:
        # Duplicate keys keep their first value: the rest is still checked.
        document = load_yaml_file(path, shown, problems=problems, report_duplicates=False)
    except PapersiteError as error:
        problems.extend(error.problems)
        return None, []
    return _parse_sources_document(document, path.parent, problems, today), document.duplicates


def _parse_sources_document(
    document: YamlDocument, folder: Path, problems: Problems, today: date
) -> dict[str, tuple[SourceFile, int]] | None:
    """Each described file with the line its entry starts on; None when no list could be read."""
    data = document.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.error(document.path, document.line(), "expected one key, 'sources'")
        return None
    for key in data:
        if key != "sources":
            # Named at its own line; the entries under 'sources' are still read.
            hint = suggest(str(key), ["sources"], "expected")
            problems.error(document.path, document.line(key), f"unknown key '{key}' {hint}")
    if "sources" not in data and data:
        # 'sourcse:' lists nothing, but its error is the one message: not one per dump as unlisted.
        return None
    entries = data.get("sources") or {}
    if not isinstance(entries, dict):
        problems.error(document.path, document.line("sources"), "'sources' must map file names")
        return None
    result: dict[str, tuple[SourceFile, int]] = {}
    for key, entry in entries.items():
        line = document.line("sources", key)
        # A key YAML reads as other than text (005_2026_11_30 as a number, 2025-11-30 as a date)
        # is a file name written without '.txt': its messages name it as the curator wrote it.
        name = document.key_text("sources", key)
        if not isinstance(entry, dict):
            problems.error(document.path, line, f"'{name}' must have 'label' and 'captured'")
            # Still listed: the dump is read by its file name, and told of no other mistake.
            result[name] = (SourceFile(folder / name, name, name, listing=Listing.IN_ERROR), line)
            continue
        unknown = [other for other in entry if other not in ("label", "captured")]
        for other in unknown:
            # Reported, and the entry's other keys still read: a typo in one costs no more.
            where = document.line("sources", key, other)
            hint = suggest(str(other), ["label", "captured"], "expected")
            problems.error(document.path, where, f"unknown key '{other}' {hint}")
        label = entry.get("label", name)
        if not isinstance(label, str) or not label.strip():
            # Reported at the label's own line, and the entry's capture date is still read: it
            # dates the dump's papers and ranks it for ids, which a bad label changes nothing of.
            where = document.line("sources", key, "label")
            problems.error(document.path, where, f"'{name}': {_label_problem(label)}")
            label = name
        captured: tuple[date | None, int | None] | str = (None, None)
        if "captured" in entry:
            written = document.written_values.get(("sources", key, "captured"))
            captured = _read_captured(entry["captured"], today, written)
        # 'captrued:' may be the capture date: its error, not a request for one, is what is said.
        listing = Listing.IN_ERROR if unknown and "captured" not in entry else Listing.LISTED
        if isinstance(captured, str):
            # The label is still shown: only the date is unknown, as if 'captured' were left out.
            where = document.line("sources", key, "captured")
            problems.error(document.path, where, f"'{name}': {captured}")
            captured = (None, None)
            listing = Listing.IN_ERROR
        full, year = captured
        captured_at = (document.path, document.line("sources", key, "captured")) if year else None
        source = SourceFile(folder / name, name, label, full, year, listing, captured_at)
        result[name] = (source, line)
    return result


def _label_problem(value: object) -> str:
    """What is wrong with a label that is not text, or is blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        # 'label:' with nothing after it, or '': what was meant is unknown, the file name is shown
        # (a blank label would show readers an empty source).
        return (
            "label is empty: write the text readers see for this dump, "
            "or leave 'label' out to show its file name"
        )
    return "label must be text"


def _read_captured(
    value: object, today: date, written: str | None = None
) -> tuple[date | None, int | None] | str:
    """The capture day (when known) and year a captured value gives, or what is wrong with it.

    ``written``: the value as the file writes it, when YAML read it as other than text.
    """
    text = value if isinstance(value, str) else written
    if text is not None and (wrong := _not_plain_digits(text, as_text=isinstance(value, str))):
        return wrong
    # Quoted with spaces around ('2025-02-30 ', or an NBSP pasted from a web page): told only
    # that it must be a date, the curator looked for a mistake in the form, not the day.
    bare = value.strip() if isinstance(value, str) else ""
    if _DASHED_DATE.fullmatch(bare) and (no_day := _no_such_day(bare)):
        if not EARLIEST_YEAR <= int(bare[:4]) <= LATEST_YEAR:
            # The year is what to fix first: "February 0 has 29 days" talks of a calendar no
            # capture is dated in.
            return f"captured {bare} is not between {EARLIEST_YEAR} and {LATEST_YEAR}"
        # Written as a day, but no such day (2025-02-30, 2025-2-30): "must be a date" would send
        # the curator looking for a mistake in the form.
        spaces = "" if bare == value else "; remove the spaces around it too"
        return f"captured '{value}' is an impossible date: {no_day}{spaces}"
    if isinstance(value, datetime):
        # YAML reads 2025-10-31T09:30:00 as a datetime (a date too, but not comparable with one):
        # the day is what dates a dump.
        value = value.date()
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        # Quoted ('2025-10-31'): the schema editors check against accepts it, so papersite does.
        text = value
        try:
            value = date.fromisoformat(text)
        except ValueError:
            # A day of every calendar's but of year 0, which Python's has none of.
            return f"captured {text} is not between {EARLIEST_YEAR} and {LATEST_YEAR}"
    elif isinstance(value, str) and _YEAR.fullmatch(value):
        # README lets dates be quoted or not; a year is a date too, with the same bounds.
        value = int(value)
    if value is None:
        # 'captured:' with nothing after it, which the schema refuses too. Taken as no date, it
        # went unseen, while a dump without one ranks after every dated dump for ids.
        return (
            "captured is empty: write the day the page was captured (2025-10-31), "
            "or the year (2025) when the day is unknown"
        )
    meant = _written_otherwise(value)
    if isinstance(value, date):
        full, year = value, value.year
    elif isinstance(value, int) and not isinstance(value, bool) and meant is None:
        full, year = None, value
    else:
        hint = f" (did you mean {meant.isoformat()}?)" if meant else ""
        if not meant and isinstance(value, str) and _YEAR.fullmatch(value.strip()):
            # ' 2025' quoted: the spaces are hard to see in the message's quotes.
            hint = f" (did you mean {value.strip()}?)"
        return f"captured must be a date (2025-10-31) or a year (2025), not {as_yaml(value)}{hint}"
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return f"captured {full or year} is not between {EARLIEST_YEAR} and {LATEST_YEAR}"
    # A typo'd year (2027 for 2025) would date the dump's papers, its upvotes "as of", and the
    # feeds and sitemap of every build after it, in the future.
    if full is not None and full > today:
        return (
            f"captured {full.isoformat()} is after today, {today.isoformat()} (the date in the "
            "latest time zone, UTC+14): a page cannot be captured in the future (a typo in the "
            "year?)"
        )
    if full is None and year > today.year:
        return (
            f"captured {year} is after this year, {today.year}: a page cannot be captured in "
            "the future (a typo?)"
        )
    return full, year


def _not_plain_digits(text: str, *, as_text: bool) -> str | None:
    """What is wrong with a year written but in plain digits: 0x7E9, 0999, +2025, 2_025.

    ``as_text``: whether YAML read ``text`` as text, which the message quotes, as other text.
    """
    shown = f"'{text}'" if as_text else text
    digits = text.replace("_", "")
    for form, base, name in _OTHER_BASES:
        if not form.fullmatch(digits):
            continue
        if base == 60:
            year = 0
            for part in digits.split(":"):
                year = year * 60 + int(part)
        else:
            year = int(digits[2:], base)
        return f"captured {shown} is {year} written as {name}: {_in_plain_digits(year)}"
    if _SIGNED.fullmatch(digits):
        year = int(digits)
        return f"captured {shown} is {year} written with a sign: {_in_plain_digits(year)}"
    # 2025_11_20 is a day written otherwise, which the caller names as one.
    if "_" in text and _DIGITS.fullmatch(digits) and _written_otherwise(text) is None:
        year = int(digits)
        return (
            f"captured {shown} has '_' in it: YAML 1.1 reads it as {year}, papersite as text; "
            f"{_in_plain_digits(year)}"
        )
    if _LEADING_ZERO.fullmatch(text):
        year = int(text)
        return f"captured {shown} is {year} written with a leading zero: {_in_plain_digits(year)}"
    return None


def _in_plain_digits(year: int) -> str:
    """How to write a year read from other digits: as itself when it may be one, else in bounds."""
    if EARLIEST_YEAR <= year <= LATEST_YEAR:
        return f"write the year in plain digits, {year}"
    return f"write the year in plain digits, from {EARLIEST_YEAR} to {LATEST_YEAR}"


def _no_such_day(text: str) -> str | None:
    """Why a date written with dashes (2025-02-30, 2025-2-30) is no day: its month, or its day.

    None when it is a day of its month. The month and day are named as written.
    """
    year, month, day = text.split("-")
    if not 1 <= int(month) <= 12:
        return f"there is no month {month}"
    if int(day) == 0:
        return f"there is no day {day}"
    days = calendar.monthrange(int(year), int(month))[1]
    if int(day) <= days:
        return None
    return f"{calendar.month_name[int(month)]} {int(year)} has {days} days"


def _written_otherwise(value: object) -> date | None:
    """The day a captured value written in another date form (20251031, 31.10.2025) means."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    for form in _OTHER_DATES:
        # Quoted with a space (' 2025-10-31'), which the message's quotes hardly show.
        found = form.fullmatch(str(value).strip())
        if found is None:
            continue
        with contextlib.suppress(ValueError):
            meant = date(int(found["year"]), int(found["month"]), int(found["day"]))
            if EARLIEST_YEAR <= meant.year <= LATEST_YEAR:
                return meant
    return None


@contextlib.contextmanager
def open_lines(dump: Dump) -> Iterator[Iterator[tuple[int, str]]]:
    """The numbered, cleaned lines of ``dump``'s file, decoded as they are read.

    A file over MAX_DUMP_BYTES, or found binary, UTF-16 or UTF-32 without a byte-order mark or
    holding a huge line, or no regular file (a folder, a pipe), raises PapersiteError: at
    opening, or part-way through the lines; a file that cannot be read raises OSError. UTF-16
    or UTF-32 with a byte-order mark is read, with a warning in ``dump.problems``; bytes that are
    not UTF-8 are one error there once the lines have been read, put before whatever their reader
    reported: it is the cause of much of that. Papers its reader skipped with
    ``Dump.skip_undecodable`` are skipped with that error. Control characters are a warning a line
    for the first lines holding them, then one for the rest, once the lines have been read (see
    :func:`report_control_lines`).
    """
    status = dump.source.path.stat()
    # Told from its status, never opened: opening a pipe waits for a writer, for ever.
    if stat.S_ISDIR(status.st_mode):
        folder = display_path(dump.source.path.parent)
        raise PapersiteError(
            dump.display, None, f"is a folder, not a file: dumps go directly in {folder}"
        )
    if special_file(status.st_mode):
        raise PapersiteError(dump.display, None, NOT_A_FILE)
    size = status.st_size
    if size > MAX_DUMP_BYTES:
        raise PapersiteError(
            dump.display,
            None,
            f"file is {size:,} bytes; a dump may be at most {MAX_DUMP_BYTES:,} "
            "(one captured page is well under 1 MB): split it; file skipped",
        )
    with dump.source.path.open("rb") as handle:
        wide = wide_encoding(handle.read(WIDE_SNIFF_BYTES))
        handle.seek(0)
        stream: BinaryIO = handle
        if wide is not None and not wide.mark:
            # The byte order would be a guess: the file is named for what it is, not "binary".
            raise PapersiteError(dump.display, 1, f"{wide}: save the file as UTF-8; file skipped")
        if wide is not None:
            # With a mark the text decodes exactly, so it is read; with a warning, as git shows
            # such a file as binary, so a pull request's diff of it cannot be reviewed.
            dump.problems.append(
                Problem(
                    dump.display,
                    1,
                    f"{wide}: read as such; save the file as UTF-8",
                    Severity.WARNING,
                )
            )
            # As UTF-8, so its lines are checked (length, NUL) as any dump's are.
            stream = io.BytesIO(_wide_text(handle.read(), wide, dump).encode("utf-8"))
        # Where the reader's problems start: the error about bytes that do not decode goes there.
        start = len(dump.problems)
        yield _numbered_lines(stream, dump)
    report_control_lines(dump)
    if dump.undecodable:
        _report_undecodable(dump, start, wide)


def _report_undecodable(dump: Dump, start: int, wide: WideEncoding | None) -> None:
    """One error for the lines that do not decode, before the problems reported after ``start``.

    They are not UTF-8, or, with ``wide``, not the UTF-16 or UTF-32 its byte-order mark names.
    The papers skipped for such a line in their meta block are skipped with it: listed once, and
    counted one each, so that the dump's accounting (read = kept + skipped) still holds.
    """
    first, *others = dump.undecodable.values()
    more = f" (and {counted(len(others), 'more line')})" if others else ""
    where = f"byte 0x{first.byte:02x} at column {first.column}{more}"
    if wide is None:
        message = f"not UTF-8: {where}, shown as U+FFFD; save the file as UTF-8"
    else:
        message = (
            f"not valid {wide.encoding} despite its byte-order mark: {where}, shown as U+FFFD; "
            "save the file as UTF-8"
        )
    if dump.skipped_undecodable:
        skipped = counted(dump.skipped_undecodable, "paper")
        message += f" ({skipped} skipped until then: such a line is in their meta block)"
    problem = Problem(dump.display, first.line, message)
    dump.problems.insert(start, problem)
    dump.skipped[:0] = [problem] * dump.skipped_undecodable


def text_lines(text: str, dump: Dump) -> list[Line]:
    """The numbered, cleaned lines of a dump held in memory, for tests; see :func:`_clean`.

    The checks of a file's bytes are not made: size, line length, NUL, UTF-16, UTF-32 and UTF-8.
    """
    lines = [
        Line(number, _clean(line, number, dump)) for number, line in enumerate(text.split("\n"), 1)
    ]
    if lines and lines[0].text.startswith("\ufeff"):
        lines[0] = Line(1, lines[0].text[1:])
    return lines


# The lines holding control characters that are named one by one, each in a warning of its own:
# a dump pasted from a terminal has them on every line, and one warning a line buried the rest.
NAMED_CONTROL_LINES = 3


def _clean(line: str, number: int, dump: Dump) -> str:
    """Line ``number`` right-stripped, its control characters replaced, with a warning naming them.

    They become U+FFFD here, once (a NUL refuses the file earlier), so that no page, feed,
    citation or export, nor MkDocs, ever sees one; but silently, a terminal's colour code pasted
    into a title showed as a U+FFFD nobody was told of. Past the first NAMED_CONTROL_LINES lines
    holding them, a line is only noted, for :func:`report_control_lines`.
    """
    line = line.rstrip()
    # Nearly every line is printable: the test answers in C, before any regex (as clean_text's).
    if line.isprintable():
        return line
    found = tuple(dict.fromkeys(CONTROL.findall(line)))
    if found:
        dump.control_lines[number] = found
    if found and len(dump.control_lines) <= NAMED_CONTROL_LINES:
        dump.problems.append(
            Problem(dump.display, number, control_warning(found), Severity.WARNING)
        )
    return clean_text(line)


def control_warning(found: tuple[str, ...], entities: str = "") -> str:
    """The warning naming a line's literal control characters ``found``, each once, in order.

    ``entities`` names those written as HTML entities on the line too (dumps.py): one warning a
    line names them all, so that no character is left to find once the others are removed.
    """
    # Quoted as they are: Problem prints them escaped ('\x1b').
    named = ", ".join(f"'{char}'" for char in found)
    what = "characters" if len(found) > 1 else "character"
    also = f", and {entities}" if entities else ""
    them = "them" if len(found) > 1 or entities else "it"
    return f"control {what} {named}{also}: shown as U+FFFD; remove {them} from the dump"


def report_control_lines(dump: Dump) -> None:
    """One warning for the lines holding control characters past those named one by one."""
    # In line order: entities written on a line are found after later lines (dumps.py), and
    # 'this line' is the first of them.
    more = sorted(list(dump.control_lines)[NAMED_CONTROL_LINES:])
    if not more:
        return
    others = f" and {counted(len(more) - 1, 'more line')}" if len(more) > 1 else ""
    dump.problems.append(
        Problem(
            dump.display,
            more[0],
            f"control characters on this line{others}, as on the {NAMED_CONTROL_LINES} lines "
            "named above: shown as U+FFFD; remove them from the dump",
            Severity.WARNING,
        )
    )


def _numbered_lines(handle: BinaryIO, dump: Dump) -> Iterator[tuple[int, str]]:
    """Decode a binary stream line by line, refusing binary data and huge lines.

    A line that is not UTF-8 is decoded with U+FFFD for its bad bytes and noted in
    ``dump.undecodable``: one stray byte must not drop every paper of the dump (and so turn every
    decision about them in papers.yaml into an "unknown paper id"). Control characters are
    reported in ``dump.problems`` (see :func:`_clean`).
    """
    display, undecodable = dump.display, dump.undecodable
    for number, raw in enumerate(_raw_lines(handle), 1):
        if len(raw) > MAX_LINE_BYTES:
            raise PapersiteError(
                display,
                number,
                f"line is longer than {MAX_LINE_BYTES:,} bytes; file skipped "
                "(is it a Daily Papers dump?)",
            )
        if b"\x00" in raw:
            raise PapersiteError(display, number, "binary file (NUL byte); file skipped")
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            undecodable[number] = UndecodableLine(number, raw[exc.start], exc.start + 1)
            text = raw.decode("utf-8", errors="replace")
        yield number, _clean(text, number, dump)


def _raw_lines(handle: BinaryIO) -> Iterator[bytes]:
    """The stream's lines as bytes, each ending at LF, CRLF or a lone CR; at most one byte too long.

    Lines longer than MAX_LINE_BYTES come in pieces of MAX_LINE_BYTES + 1 bytes, for the caller to
    refuse. A binary readline() ends lines at LF only: a file saved with old Mac line ends (CR
    alone) read as one line, every paper lost. Such a line is split at its CRs here, the piece
    after the last one carried over to the next read.
    """
    # A CR looked for as a byte's value, not as b"\r": a C memchr, three times faster (measured).
    readline, limit, cr = handle.readline, MAX_LINE_BYTES + 1, ord("\r")
    while raw := readline(limit):
        # Nearly every line holds no CR, or only a CRLF's (before its LF) or one ending the file.
        while cr in raw and raw.find(b"\r") < len(raw) - 1 - (raw[-1] == ord("\n")):
            *lines, raw = raw.splitlines(keepends=True)
            yield from lines
            # Unless it ends in LF, the last may go on in the next read (its CR a CRLF's).
            if not raw.endswith(b"\n"):
                raw += readline(limit - len(raw))
        yield raw


def _wide_text(data: bytes, wide: WideEncoding, dump: Dump) -> str:
    """The text of a UTF-16 or UTF-32 file with a byte-order mark, as ``wide`` names it.

    Decoded whole: such files are rare and under MAX_DUMP_BYTES. Like a byte that is not UTF-8,
    a bad character is shown as U+FFFD and its line noted in ``dump.undecodable``, so that a paper
    whose meta block it breaks (a file cut short) is skipped with the one error about such lines,
    not blamed on its meta block.
    """
    text = data.decode(wide.encoding, _MARK_BAD)
    line, start = 1, 0
    # Line by line, as the UTF-8 reader notes them: the first bad character of each line.
    while found := _MARKED_BAD.search(text, start):
        bad = found.start()
        line += len(_LINE_END.findall(text, start, bad))
        begins = max(start, text.rfind("\n", start, bad) + 1, text.rfind("\r", start, bad) + 1)
        dump.undecodable[line] = UndecodableLine(line, ord(found[0]) - 0xDC00, bad - begins + 1)
        end = _LINE_END.search(text, bad)
        if end is None:
            break
        line, start = line + 1, end.end()
    return _MARKED_BAD.sub("\ufffd", text)


def _mark_bad(error: UnicodeError) -> tuple[str, int]:
    """A bad character's first byte as a lone surrogate, U+DC00 to U+DCFF, as surrogateescape.

    No good UTF-16 or UTF-32 character decodes to one, so the bad ones can be found after the
    file is decoded whole, in C; noting them as the codec finds them would need state here.
    """
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return chr(0xDC00 + error.object[error.start]), error.end


# The error handler _wide_text decodes with, and the characters it puts for bad ones.
_MARK_BAD = "papersite-mark-bad"
codecs.register_error(_MARK_BAD, _mark_bad)
_MARKED_BAD = re.compile("[\udc00-\udcff]")
