"""Parsing a dump's lines into records: its layout, page headers, papers, meta blocks and dates.

A dump is text copied from a Hugging Face "Daily Papers" listing page. Two layouts occur and are
told apart by content: the *spaced* layout separates every line with a blank line and may follow
a paper with a three-line meta block; the *dense* layout has no blank lines and no metadata, and
its last header phrase is glued to the first title.

The second stage of reading content: sources.py finds the dumps, says what sources.yaml tells of
each, and decodes a file's bytes into numbered lines; this module turns those lines into the
records of a :class:`~papersite.sources.Dump`, streaming, so a large dump costs memory for its
records, not for its text. :func:`read_dump` does both for one file. The data types both stages
share (SourceFile, Record, Dump) live in sources.py, which imports nothing from here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import html
import json
import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from html.entities import html5
from itertools import chain, dropwhile, islice
from typing import TypeVar

from papersite.characters import CONTROL, HIDDEN, hidden_effect, shows_nothing, unseen_names
from papersite.errors import PapersiteError, Problem, Severity, cannot_read, display_path
from papersite.sources import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    NAMED_CONTROL_LINES,
    SOURCES_FILE,
    Dump,
    LateDate,
    Layout,
    Line,
    Listing,
    Record,
    SourceFile,
    control_warning,
    open_lines,
    report_control_lines,
    text_lines,
)
from papersite.wording import shortened

# What the listing page prints above the papers. A title starting with one of these can only be
# told from a glued header by position, so the header zone ends at the first line that is not one.
HEADER_PHRASES = (
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!",
    "byAK and the research community",
    "Daily Papers",
    "Subscribe",
    "new",
)
_HEADER_BY_CASEFOLD = {phrase.casefold(): phrase for phrase in HEADER_PHRASES}
# Enough lines to see whether blank lines separate the first paper's title and abstract.
LAYOUT_LOOKAHEAD = 16
# The month names dumps print, which the site's dates print too.
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
# The page prints one space between a date's parts; a copy may hold more (`Nov 25  31`, the
# upvotes after two), or another (a browser copies `Dec&nbsp;2` as a no-break space), which
# change nothing of what the date says.
_PAGE_DATE = re.compile(r"(?P<month>[A-Z][a-z]{2})\s+(?P<day>\d{1,2})")
_META_DATE = re.compile(
    r"(?P<month>[A-Z][a-z]{2})\s+(?P<day>\d{1,2})(?:,\s+(?P<year>\d{4}))?(?:\s+(?P<upvotes>\d+))?"
)
# The page bullets the count with '•'; a copy typed or converted by hand may use '*', '-' or none.
# No organisation is named "4 authors": read as one, the count was published as its name.
_AUTHORS = re.compile(r"(?:[^\w\s]\s*)?(?P<count>\d+) authors?")
_ORGANIZATION = re.compile(r"(?P<handle>\S+) (?P<name>\S.*)")


# A character reference of HTML, as a scrape or a copy of a page's source holds: '&#x27;', '&amp;'.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def normalise_text(text: str) -> str:
    """Collapse runs of white space to one space, trim the ends, and compose the text (NFC)."""
    # str.split() is several times faster than a regex here, and abstracts are most of the input.
    text = " ".join(text.split())
    # Decomposed text (NFD, as macOS copies often are) is another string than the same text
    # composed: a search typed in NFC missed it, and its paper did not merge with its NFC copy.
    # Nearly every text is composed: is_normalized tells so without building a copy.
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _decoded(text: str, line: int, dump: Dump) -> str:
    """``text`` with its HTML entities read as the characters they stand for; a warning once a dump.

    Kept as text, 'Can&#x27;t' was shown as such, and its paper was another than the same title
    copied from the page. A bare '&' ('R&D') or a name HTML lacks ('&notit;') stays as written.
    An entity for no text (a control character, a surrogate) is U+FFFD, with a warning as a
    literal control character has.
    """
    if "&" not in text:
        return text
    controls = [m[0] for m in _ENTITY.finditer(text) if m[0][1] == "#" and _no_text_entity(m[0])]
    if controls:
        _report_control_entities(controls, line, dump)
    decoded = _ENTITY.sub(_entity, text)
    if decoded == text:
        return decoded
    if dump.entity_line is None:
        dump.entity_line = line
        first = next(match[0] for match in _ENTITY.finditer(text) if _entity(match) != match[0])
        dump.problems.append(
            Problem(
                dump.display,
                line,
                f"HTML entities ('{first}' here, and any on later lines) were read as the "
                "characters they stand for: is the dump a copy of the page's source? Copy the "
                "page's text from the browser instead",
                Severity.WARNING,
            )
        )
    if dump.double_escaped_line is None:
        _report_double_escaped(decoded, line, dump)
    return decoded


def _report_double_escaped(decoded: str, line: int, dump: Dump) -> None:
    """Warn, once a dump, of an entity that reading the line's entities made ('&amp;amp;').

    Read once, not until none is left: a browser reads the page's source once, so '&amp;amp;'
    is the '&amp;' the page shows, and copied from it, the same paper. Read again, a title that
    writes an entity on purpose ('Escaping &amp; in HTML') would lose it; said, not guessed at.
    """
    left = next(
        (match[0] for match in _ENTITY.finditer(decoded) if _entity(match) != match[0]), None
    )
    if left is None:
        return
    dump.double_escaped_line = line
    dump.problems.append(
        Problem(
            dump.display,
            line,
            f"HTML entity '{left}' is left once this line's entities are read (as any on later "
            f"lines): double-escaped? Kept as '{left}', as a browser shows it; if so, write the "
            "character it stands for in the dump",
            Severity.WARNING,
        )
    )


def _entity(match: re.Match[str]) -> str:
    """The character an HTML entity stands for; the entity as written when HTML has no such name."""
    entity = match[0]
    if entity[1] != "#":
        # html.unescape alone would read '&notit;' as '¬it;': a name is taken only whole.
        return html5.get(entity[1:], entity)
    return "\ufffd" if _no_text_entity(entity) else html.unescape(entity)


def _title_as_read(title: str) -> str:
    """A title as its paper would have it, its entities read, for a message naming it.

    Entities are read, with their warnings, once the paper is recorded (:func:`_emit`): a title
    named before, or skipped, showed them as written ('Can&#x27;t').
    """
    return normalise_text(_ENTITY.sub(_entity, title) if "&" in title else title)


def _no_text_entity(entity: str) -> bool:
    """Whether a numeric entity ('&#x1b;', '&#0;', '&#xD800;') stands for no text.

    That is a control character, a surrogate, a noncharacter or a number past Unicode (see
    :func:`_no_text_kind`). html.unescape drops most of them ('Escape&#x1b;[31mRed' read as
    'Escape[31mRed', unsaid) and reads others as U+FFFD: past the control-character check of the
    lines, which saw '&#x1b;'. '&#150;' stays the '–' HTML reads it as (Windows-1252), as a
    browser shows it.
    """
    char = html.unescape(entity)
    if char == "\ufffd":
        return _entity_number(entity) != 0xFFFD
    return not char or CONTROL.search(char) is not None


def _entity_number(entity: str) -> int:
    """The number a numeric entity ('&#x1b;', '&#27;') writes."""
    digits = entity[2:-1]
    return int(digits[1:], 16) if digits[0] in "xX" else int(digits)


def _no_text_kind(entity: str) -> str:
    """What a numeric entity standing for no text stands for, as a message names it."""
    number = _entity_number(entity)
    if number > 0x10FFFF:
        # html.unescape reads it as U+FFFD too: no code point, let alone a character.
        return "number past Unicode"
    if 0xD800 <= number <= 0xDFFF:
        return "surrogate"
    if 0xFDD0 <= number <= 0xFDEF or number & 0xFFFE == 0xFFFE:
        return "noncharacter"
    return "control character"


def _report_control_entities(entities: list[str], line: int, dump: Dump) -> None:
    """Warn of control characters written as entities on a line, as of literal ones (sources.py).

    Once a line: the warning of a line holding literal ones too names the entities as well. A
    surrogate, a noncharacter or a number past Unicode is no control character, and named for
    what it is.
    """
    literal = dump.control_lines.get(line)
    if literal == ():
        return
    # Set in place, a line holding literal ones keeps its place among those named one by one.
    dump.control_lines[line] = ()
    if line not in islice(dump.control_lines, NAMED_CONTROL_LINES):
        return
    # A line writing one entity twice names it once, and the entities in the order the line has
    # them, where the curator looks for them.
    kinds = {entity: _no_text_kind(entity) for entity in entities}
    many = len(kinds) > 1
    them = "them" if many else "it"
    if all(kind == "control character" for kind in kinds.values()):
        named = ", ".join(f"'{entity}'" for entity in kinds)
        what = (
            "control characters written as HTML entities"
            if many
            else "control character written as an HTML entity"
        )
    else:
        named = ", ".join(f"'{entity}' (a {kind})" for entity, kind in kinds.items())
        what = "HTML entities for no text" if many else "HTML entity for no text"
    if literal:
        # The literal ones' warning names these too: a second one named the entities alone.
        named_literal = Problem(dump.display, line, control_warning(literal), Severity.WARNING)
        both = control_warning(literal, f"{what}, {named}")
        dump.problems[dump.problems.index(named_literal)] = dataclasses.replace(
            named_literal, message=both
        )
        return
    dump.problems.append(
        Problem(
            dump.display,
            line,
            f"{what}, {named}: shown as U+FFFD; remove {them} from the dump",
            Severity.WARNING,
        )
    )


def read_dump(source: SourceFile) -> Dump:
    """Parse one dump file; bad records and bad files are reported in the result, never raised."""
    dump = Dump(source, display_path(source.path))
    try:
        with open_lines(dump) as lines:
            parse_lines(lines, dump)
    except PapersiteError as error:
        # A file that turns out binary or not a dump part-way is skipped whole: its records cannot
        # be trusted.
        return Dump(source, dump.display, problems=list(error.problems), unread=True)
    except OSError as exc:
        problem = Problem(dump.display, None, cannot_read(source.path, exc))
        return Dump(source, dump.display, problems=[problem], unread=True)
    if not dump.read and not dump.problems:
        dump.problems.append(
            Problem(dump.display, None, "no papers found in this file", Severity.WARNING)
        )
    return dump


def read_text(text: str, source: SourceFile) -> Dump:
    """Parse a dump held in memory, for tests: :func:`read_dump`'s parsing of its lines.

    The checks of the file's bytes are not made: size, line length, NUL, UTF-16, UTF-32 and
    UTF-8.
    """
    dump = Dump(source, source.name)
    parse_lines(text_lines(text, dump), dump)
    report_control_lines(dump)
    return dump


def detect_layout(lines: Iterable[tuple[int, str]]) -> Layout:
    """Spaced when a blank line separates the first few lines of text; dense otherwise."""
    seen_text = 0
    blank_after_text = False
    for _, text in lines:
        if text:
            if blank_after_text:
                return Layout.SPACED
            seen_text += 1
            if seen_text >= 3:
                return Layout.DENSE
        elif seen_text:
            blank_after_text = True
    return Layout.DENSE


def parse_lines(lines: Iterable[tuple[int, str]], dump: Dump) -> None:
    """Parse numbered, right-stripped lines of one dump into ``dump``, streaming."""
    stream = dropwhile(lambda line: not line[1], lines)
    head = list(islice(stream, LAYOUT_LOOKAHEAD))
    if not head:
        dump.problems.append(Problem(dump.display, None, "empty file", Severity.WARNING))
        return
    _refuse_markup(head[0], dump)
    dump.layout = detect_layout(head)
    rest = chain(head, stream)
    first, page_date = _strip_header(rest)
    if page_date is not None:
        match = _PAGE_DATE.fullmatch(page_date.text)
        assert match is not None
        month = MONTHS.get(match["month"])
        dump.page_day = None if month is None else (month, int(match["day"]))
    # The page date's warning comes first, but counts the dates the papers below it were read as.
    mark = len(dump.problems)
    body = _known_layout(_split_pages(first, rest, dump), dump)
    if dump.layout is Layout.SPACED:
        _parse_spaced(body, dump)
    else:
        _parse_dense(body, dump)
    _check_page_date(page_date, dump, mark)
    _report_undated(dump)


# How a page's source opens: a page's text opens with its header, or a title, which may hold
# brackets and tags ('[[Wiki]] Links', '<html> Understanding', '<s>'): none of them is refused.
_HTML_OPENING = re.compile(r"<!doctype\s+html|<\?xml", re.IGNORECASE)
# A comment ends at the next '<!--' too: '<!--.*?-->' (or '<!--[^>]*-->') scanned to the line's end
# from each '<!--' that no '-->' closes, and a 64 KB line of them took seconds to check; so no
# character is scanned from two of them. A comment holding '<!--' (a parse error in HTML) is text.
_MARKUP = re.compile(r"<!--(?:(?!<!--|-->).)*-->|</?([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
# Tags of a page's structure, as no title holds: '<b>' or '<s>' may be a title's words.
_PAGE_TAGS = frozenset(
    "html head body meta link script style title div p span a section article main header "
    "footer nav ul ol li table h1 h2 h3 h4 h5 h6".split()
)


def _refuse_markup(first: tuple[int, str], dump: Dump) -> None:
    """Refuse a file whose first line of text is JSON or HTML: no page's text copied, but its data.

    Read as a dump, Hugging Face's API JSON or a page saved as HTML published a paper for each
    bracket or tag ('[', '<body>'), silently: it is refused whole, as a binary file is.
    """
    number, text = first
    text = text.strip()
    if _opens_json(text):
        what = "JSON (Hugging Face's API, saved as .txt?)"
    elif _opens_html(text):
        what = "HTML (the page's source, saved as .txt?)"
    else:
        return
    raise PapersiteError(
        dump.display,
        number,
        f"'{shortened(text)}' opens {what}, not a Daily Papers page copied as text; file "
        "skipped: open the page in a browser, copy its text (select all, copy) and paste it "
        "into the dump",
    )


def _opens_json(text: str) -> bool:
    """Whether a line is JSON, or its start cut at the line's end ('[', '{', '[{"paper": {')."""
    if text[:1] not in ("[", "{"):
        return False
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        # A title fails before its end: '[[Wiki]] Links' at its 'W', '{ "quoted" } Policies' at
        # its '}'. A pretty-printed or cut JSON fails only there, wanting what the next line holds.
        return error.pos >= len(text)
    except RecursionError:
        # Brackets nested deeper than the parser goes ('[' * 5000): no title opens so, and the
        # error ended 'papersite check' in a traceback.
        return True
    return True


def _opens_html(text: str) -> bool:
    """Whether a line opens a page's source: a doctype, or tags of a page with little text.

    Tags making up most of the line, one of them a page's ('<html lang="en">', '<div><h3>Title
    </h3></div>'), or comments alone ('<!-- saved from url=... -->', as a browser saves a page).
    """
    if _HTML_OPENING.match(text):
        return True
    found = list(_MARKUP.finditer(text))
    if not found:
        return False
    if any(match[1] is None for match in found) and not _MARKUP.sub("", text).strip():
        return True
    markup = sum(len(match[0]) for match in found)
    return markup * 2 > len(text) and any(m[1] and m[1].lower() in _PAGE_TAGS for m in found)


def _report_undated(dump: Dump) -> None:
    """One warning for the year-less dates no capture date could date, at the first of them."""
    listing = dump.source.listing
    # A dump sources.yaml does not list, or whose entry is in error, is already reported, with
    # the fix: a second message for the same mistake would only repeat it, or contradict it.
    if not dump.undated or listing in (Listing.UNLISTED, Listing.IN_ERROR, Listing.UNREAD):
        return
    (line, text), more = dump.undated[0], len(dump.undated) - 1
    others = f" and {more} more" if more else ""
    fix = (
        f"give its entry in {SOURCES_FILE} a capture date (captured: YYYY-MM-DD)"
        if listing is Listing.LISTED
        else f"add it to {SOURCES_FILE} (captured: YYYY-MM-DD)"
    )
    dump.problems.append(
        Problem(
            dump.display,
            line,
            f"year-less date '{text}'{others} cannot be dated without the dump's capture date: "
            f"{fix}; until then the {'papers have' if more else 'paper has'} no date",
            Severity.WARNING,
        )
    )


def _strip_header(
    lines: Iterator[tuple[int, str]], seen: set[str] | None = None
) -> tuple[Line | None, Line | None]:
    """Read a page header off ``lines``: the page's first title, unglued, and its date line.

    ``seen`` holds header phrases already read off this header. Nothing past the first title is
    read, so the caller goes on with ``lines`` from the paper's abstract.
    """
    seen = set() if seen is None else seen
    page_date: Line | None = None
    for number, text in lines:
        if not text:
            continue
        # Any case: a dump typed or pasted by hand may open with "New" (the page shows "new").
        phrase = _HEADER_BY_CASEFOLD.get(text.casefold())
        if phrase is not None:
            seen.add(phrase)
            continue
        if page_date is None and seen and _PAGE_DATE.fullmatch(text):
            page_date = Line(number, text)
            continue
        for phrase in HEADER_PHRASES:
            if phrase not in seen and text.startswith(phrase) and text[len(phrase) :].strip():
                return Line(number, text[len(phrase) :].strip()), page_date
        return Line(number, text), page_date
    return None, page_date


# Marks where the header of another captured page was dropped, so that a parser finishes the
# paper it holds there. Told by identity: no line read from a dump is this object.
_PAGE_BREAK = Line(0, "")


def _split_pages(
    first: Line | None, lines: Iterator[tuple[int, str]], dump: Dump
) -> Iterator[tuple[int, str]]:
    """The lines of papers from ``first`` on, other pages' headers dropped and reported.

    Two captured pages pasted into one file would otherwise publish the second page's header
    ("new", "Get trending papers in your email inbox!", "Subscribe") as papers. One header phrase
    alone might be a title, so a page starts only where two follow each other. Either may be
    glued to its neighbour: the first to the end of the last line of a file that did not end in
    a newline, the second to the page's first title, as in the dense layout.
    """
    if first is None:
        return
    yield first
    # A line that is, or ends with, a header phrase, and the blank lines after it, until the next
    # text tells whether a page starts there.
    held: list[tuple[int, str]] = []
    phrase = ""
    for line in lines:
        _, text = line
        if held and not text:
            held.append(line)
            continue
        if held and _starts_header(text, phrase):
            start, glued = held[0]
            before = glued[: -len(phrase)].rstrip()
            if before:
                yield start, before
            # The chain is read only here: later pages must not nest one chain in another.
            next_first, page_date = _strip_header(chain([line], lines), {phrase})
            dated = f" ({page_date.text})" if page_date else ""
            dump.problems.append(
                Problem(
                    dump.display,
                    start,
                    f"another captured page{dated} starts here (two pages pasted into one "
                    "file?): its header is skipped and its papers are read; split the file so "
                    "that each page has its own capture date in sources.yaml",
                    Severity.WARNING,
                )
            )
            held = []
            yield _PAGE_BREAK
            if next_first is not None:
                yield next_first
            continue
        yield from held
        held = []
        # str.endswith takes the tuple in one call: nearly every line ends in none of them.
        phrase = ""
        if text.endswith(HEADER_PHRASES):
            phrase = next(p for p in HEADER_PHRASES if text.endswith(p))
        if phrase:
            held.append(line)
        else:
            yield line
    yield from held


# A listing that prints each paper's upvotes and submitter on lines of their own, above its title:
# '13', 'Submitted by', 'akhaliq'. The submitter may follow on the same line, after a colon or not,
# as a handle or a display name of any length ('Submitted by Jean Paul de Rossi'). No sentence
# punctuation: a title or an abstract may start so too ('Submitted by Humans: Detecting
# LLM-Written Peer Reviews', 'Submitted by reviewers to a large venue, ...'), and a rule taking
# any line starting so refused such a dump whole.
_SUBMITTER = r"@?[\w'-]+(?:\.[\w'-]+)*"
_HANDLE = re.compile(_SUBMITTER)
_SUBMITTED_BY = re.compile(
    rf"Submitted\s+by(?:(?::\s*|\s+)(?P<who>{_SUBMITTER}(?:\s+{_SUBMITTER})*)|:)?",
    re.IGNORECASE,
)
# Below a lone count, any submitter is the layout's: a name of four words ('Jean Paul de Rossi'),
# initials ('J. Smith') or a handle with its name ('akhaliq (AK)') published the count as a paper.
# The space after 'by' may be lost too, as copied page text loses it (the shipped dumps' header
# reads 'byAK and the research community'): 'Submitted byakhaliq' published '13' so.
_SUBMITTED_BY_ANY = re.compile(r"Submitted\s*by", re.IGNORECASE)


def _known_layout(lines: Iterator[tuple[int, str]], dump: Dump) -> Iterator[tuple[int, str]]:
    """The lines, until one of a layout no parser here reads: then PapersiteError, at its first.

    Read as titles and abstracts, the upvotes, 'Submitted by' and the handle made a junk paper
    each, every real abstract was said to lack the title above it, and the papers of one submitter
    merged as duplicates. The file is refused whole: no record of it can be trusted.
    """
    # The last line of text, when it is a lone number: the upvotes above a 'Submitted by'.
    count: tuple[int, str] | None = None
    # Lines read past a 'Submitted by' to tell its shape, given out again in their turn.
    ahead: deque[tuple[int, str]] = deque()
    while (line := ahead.popleft() if ahead else next(lines, None)) is not None:
        number, text = line
        text = text.strip()
        submitted = _SUBMITTED_BY.fullmatch(text)
        if (count and _SUBMITTED_BY_ANY.match(text)) or (
            submitted and _submitter_follows(submitted["who"], lines, ahead)
        ):
            first, shown = (
                (count[0], f"'{count[1]}' and '{text}' on lines of their own")
                if count
                else (number, f"'{text}' on a line of its own")
            )
            raise PapersiteError(
                dump.display,
                first,
                f"{shown} before a title: a page layout papersite does not read (upvotes and "
                "submitter above each paper); file skipped: copy each paper as its title, its "
                "abstract, then '• N authors', '·' and its date",
            )
        if text:
            count = (number, text) if text.isdigit() else None
        yield line


def _submitter_follows(
    who: str | None, lines: Iterator[tuple[int, str]], ahead: deque[tuple[int, str]]
) -> bool:
    """Whether a 'Submitted by' line with no count above it is followed as the layout's is.

    That is by a handle and a title, or with the submitter ``who`` on its line, of any length, by
    a title. A short title shaped so ('Submitted By Mistake', 'Submitted by Robots') is followed
    by its abstract instead, and read as the title it is. The lines read to tell are kept in
    ``ahead``.
    """
    wanted = 2 if who is None else 1
    texts = [text.strip() for _, text in ahead if text.strip()]
    while len(texts) < wanted and (line := next(lines, None)) is not None:
        ahead.append(line)
        if line[1].strip():
            texts.append(line[1].strip())
    if len(texts) < wanted:
        return False
    if who is None:
        return _HANDLE.fullmatch(texts[0]) is not None and _title_like(texts[1])
    # The name's length tells nothing: a one-word handle alone was taken, and 'Submitted by
    # Hugging Face' before a title was read as a paper, the title below it as its abstract.
    return _title_like(texts[0])


def _starts_header(text: str, previous: str) -> bool:
    """Whether a line after the header phrase ``previous`` goes on with the page header."""
    if text in HEADER_PHRASES:
        return True
    # "new" starts too many words ("newly") to be taken for a header glued to a title.
    return any(
        phrase not in (previous, "new") and text.startswith(phrase) for phrase in HEADER_PHRASES
    )


def _check_page_date(page_date: Line | None, dump: Dump, mark: int) -> None:
    """Warn when the page's date, or a year-less date of a paper, disagrees with the capture date.

    Year-less dates after the capture date were read as the year before: one warning says so for
    the whole dump, at the first of them, or within the page date's warning (at ``mark`` in the
    dump's problems) when that one is given too: it is most likely the same mistake.
    """
    captured = dump.source.captured
    if captured is None:
        return
    differs: tuple[int, str] | None = None
    if page_date is not None:
        line, text = page_date
        match = _PAGE_DATE.fullmatch(text)
        assert match is not None
        # The page is dated in Hugging Face's time zone: copied where the day has already
        # turned, as the latest time zones' is (see today_anywhere), it shows the day before.
        day_before = captured - timedelta(days=1)
        page = (MONTHS.get(match["month"]), int(match["day"]))
        if page not in ((captured.month, captured.day), (day_before.month, day_before.day)):
            differs = (
                line,
                f"page date '{text}' differs from captured {captured} in {SOURCES_FILE}: "
                "'captured' is the day the page was copied, its date or the day after; "
                "correct it",
            )
    if dump.after_capture:
        first, more = dump.after_capture[0], len(dump.after_capture) - 1
        where = f" (line {first.line})" if differs else ""
        others = f" and {more} more are" if more else " is"
        after = captured if differs else f"the dump's capture date, {captured} in {SOURCES_FILE}"
        how = (
            f"they were read a year earlier, this one as {first.read_as}"
            if more
            else f"it was read as {first.read_as}"
        )
        said = (
            f"year-less date '{first.text}'{where}{others} after {after}: {how}; a page shows no "
            "date after its capture: check 'captured', or move papers pasted from a later page to "
            "a dump of their own"
        )
        if differs is None:
            dump.problems.append(Problem(dump.display, first.line, said, Severity.WARNING))
            return
        differs = (differs[0], f"{differs[1]}; {said}")
    if differs is not None:
        dump.problems.insert(mark, Problem(dump.display, *differs, Severity.WARNING))


@dataclass
class _Pending:
    line: int
    title: str
    abstract: str | None = None
    # The abstract's line (one line, in either layout): a file found cut off ends there.
    abstract_line: int = 0
    # A title glued to lines that read like a title too, the last read as its abstract until the
    # next paragraph tells (see _unwrap): whether it is the title's last line instead.
    wrapped: bool = False


def _paragraphs(lines: Iterable[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    """Runs of non-blank lines; an empty run where another captured page starts."""
    block: list[tuple[int, str]] = []
    for line in lines:
        _, text = line
        if line is _PAGE_BREAK:
            if block:
                yield block
            yield []
            block = []
        elif text:
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _parse_spaced(lines: Iterable[tuple[int, str]], dump: Dump) -> None:
    pending: _Pending | None = None
    # Whether the paper whose lines were just skipped may still have its meta block to come.
    skipped = False
    for block, last in _with_last(_join_meta(_paragraphs(lines), dump)):
        if pending is not None and pending.wrapped:
            pending = _unwrap(pending, block, dump)
            # A paper skipped there may still have its meta block to come.
            skipped = pending is None
        if last and pending is not None and pending.abstract is not None and _cut_meta(block):
            _cut_in_meta(pending, block, dump)
            return
        if not block:
            _finish_spaced(pending, dump)
            pending, skipped = None, False
            continue
        kind = _meta_kind(block[0][1]) if len(block) == 1 else None
        if kind is None and len(block) == 1:
            pending, skipped = _spaced_text(pending, block[0], dump), False
            continue
        if kind is _MetaKind.DATE and _PAGE_DATE.fullmatch(block[0][1]):
            _finish_spaced(pending, dump)
            _lone_page_date(block[0], dump)
            pending, skipped = None, False
            continue
        # A meta line alone is a meta block, malformed, however it reads: taken for a title or an
        # abstract, it would shift every line after it until the next meta block, publishing the
        # next paper's title as an abstract and its abstract as a title.
        texts, meta = ([], block) if kind is not None else _unglue(block)
        if texts:
            pending = _glued_texts(pending, texts, meta, dump)
            skipped = pending is None
        if meta is None:
            continue
        # A multi-line paragraph can only be a meta block closing the pending paper.
        if pending is None:
            if not skipped:
                first, _ = meta[0]
                dump.skip(first, "meta block with no paper before it; skipped")
            skipped = False
        elif pending.abstract is None:
            _no_abstract(pending, dump)
        else:
            _emit(pending, meta, dump)
        pending = None
    if pending is not None and pending.wrapped:
        pending = _unwrap(pending, None, dump)
    if pending is not None and pending.abstract is not None:
        _check_cut_abstract(_emit(pending, None, dump), pending.abstract_line, dump)
    else:
        _finish_spaced(pending, dump)


class _MetaKind(enum.IntEnum):
    """Which line of a meta block a line is, in their order; WHOLE is all three on one line."""

    WHO = 0
    DOT = 1
    DATE = 2
    WHOLE = 3


def _meta_kind(text: str) -> _MetaKind | None:
    """Which line of a meta block a line of text is, or None for text (a title, an abstract).

    An organisation's line (`apple Apple`) reads like a title: only its place tells it apart.
    """
    text = text.strip()
    if text == "·":
        return _MetaKind.DOT
    if _is_date(text):
        return _MetaKind.DATE
    who, dot, when = text.rpartition(" · ")
    if dot and who.strip() and _is_date(when.strip()):
        return _MetaKind.WHOLE
    if text.startswith("•"):
        return _MetaKind.WHO
    return None


def _is_date(text: str) -> bool:
    match = _META_DATE.fullmatch(text)
    return match is not None and match["month"] in MONTHS


def _join_meta(
    paragraphs: Iterable[list[tuple[int, str]]], dump: Dump
) -> Iterator[list[tuple[int, str]]]:
    """The paragraphs, a meta block's lines that blank lines split into paragraphs joined again.

    Read one paragraph at a time, `• 4 authors`, `·` and `May 22` would be taken for a title, an
    abstract and a title. Joined in their order, they are the block they were meant as; a warning
    says where the blank lines are.
    """
    parts: list[tuple[int, str]] = []
    for block in paragraphs:
        kind = _meta_kind(block[0][1]) if len(block) == 1 else None
        if kind is not None and parts:
            previous = _meta_kind(parts[-1][1])
            if previous is not None and previous < _MetaKind.DATE and kind == previous + 1:
                parts.append(block[0])
                continue
        if parts:
            yield _joined(parts, dump)
            parts = []
        if kind is None:
            yield block
        else:
            parts = [block[0]]
    if parts:
        yield _joined(parts, dump)


def _joined(parts: list[tuple[int, str]], dump: Dump) -> list[tuple[int, str]]:
    if len(parts) > 1:
        (first, _), (last, _) = parts[0], parts[-1]
        dump.problems.append(
            Problem(
                dump.display,
                first,
                f"blank lines between the lines of a meta block (lines {first}-{last}): read as "
                "one block; remove the blank lines",
                Severity.WARNING,
            )
        )
    return parts


def _lone_page_date(line: tuple[int, str], dump: Dump) -> None:
    number, text = line
    dump.problems.append(
        Problem(
            dump.display,
            number,
            f"date '{text}' alone where a title should be: the date of another captured page, "
            "pasted in with its papers? It is not read, and the papers after it are; split the "
            "file so that each page has its own capture date in sources.yaml",
            Severity.WARNING,
        )
    )


_T = TypeVar("_T")


def _with_last(items: Iterable[_T]) -> Iterator[tuple[_T, bool]]:
    """Each item, and whether it is the last: a file cut off is told by how it ends."""
    iterator = iter(items)
    for previous in iterator:
        for item in iterator:
            yield previous, False
            previous = item
        yield previous, True


# What the dump's last line may be when the file was cut inside a meta block's date.
_DATE_PREFIX = re.compile(r"[A-Z][a-z]{0,2}(?:\s\d{1,2}(?:,\s?\d{0,3})?)?")
# The shipped abstracts end in one of these, or in a link: one that does not was cut mid-sentence.
_TEXT_ENDS = ".!?)]}\"'”’»"


def _cut_meta(block: list[tuple[int, str]]) -> bool:
    """Whether the last paragraph is the start of a meta block, cut off by the end of the file.

    `• 6 aut`, `• 6 authors` with or without its `·`, or a date cut before its year ends (`Nov`,
    `May 22, 20`). A date cut to another date (`Nov 28` to `Nov 2`) cannot be told from one.
    """
    if len(block) == 1:
        _, first = block[0]
        return _meta_kind(first) is _MetaKind.WHO
    if not 2 <= len(block) <= 3 or not _is_dot(block[1]):
        return False
    if len(block) == 2:
        return True
    _, when = block[2]
    when = when.strip()
    return not _META_DATE.fullmatch(when) and bool(_DATE_PREFIX.fullmatch(when))


def _is_dot(line: tuple[int, str]) -> bool:
    """Whether a line is the '·' between a meta block's authors and its date."""
    _, text = line
    return text.strip() == "·"


def _cut_in_meta(pending: _Pending, block: list[tuple[int, str]], dump: Dump) -> None:
    """Keep the last paper of a file cut inside its meta block, with what the block still says."""
    authors: int | None = None
    organization: str | None = None
    missing = "authors and date"
    if len(block) > 1:
        with contextlib.suppress(_MetaError):
            authors, organization = _parse_who(block[0], dump)
            missing = "date"
    title = _title_as_read(pending.title)
    record = _emit(pending, None, dump)
    if record is not None and (authors is not None or organization is not None):
        dump.records[-1] = dataclasses.replace(record, authors=authors, organization=organization)
    last, _ = block[-1]
    dump.problems.append(
        Problem(
            dump.display,
            last,
            f"the file looks cut off here, in the meta block of '{shortened(title)}': the paper is "
            f"kept without its {missing}; copy the rest of the page into the dump",
            Severity.WARNING,
        )
    )


def _check_cut_abstract(record: Record | None, line: int, dump: Dump) -> None:
    """Warn when the file's last paper ends mid-sentence, with no meta block after it."""
    if record is None:
        return
    abstract = record.abstract
    last_word = abstract.rsplit(" ", 1)[-1]
    if abstract[-1:] in _TEXT_ENDS or "/" in last_word or re.search(r"\w\.\w+$", last_word):
        return
    lost = " and no authors or date follow it" if dump.layout is Layout.SPACED else ""
    dump.problems.append(
        Problem(
            dump.display,
            line,
            f"the file looks cut off here: the abstract of '{shortened(record.title)}' ends "
            f"mid-sentence ('…{abstract[-30:]}'){lost}; the paper is kept as read: copy the rest "
            "of the page into the dump",
            Severity.WARNING,
        )
    )


def _spaced_text(pending: _Pending | None, line: tuple[int, str], dump: Dump) -> _Pending:
    """Take one paragraph of text: the pending paper's abstract, or the next paper's title."""
    number, text = line
    if pending is None:
        return _Pending(number, text)
    if pending.abstract is None:
        pending.abstract, pending.abstract_line = text, number
        return pending
    _emit(pending, None, dump)
    return _Pending(number, text)


def _unglue(
    block: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], list[tuple[int, str]] | None]:
    """A paragraph of several lines as the text lines and the meta block glued in it.

    Every line of a spaced dump is its own paragraph but for the meta block's three. Lines of text
    without the blank line between them (a title and its abstract, an abstract and the meta block)
    come before the meta block's '·'; a paragraph shaped like a meta block but malformed is all
    meta, reported as such.
    """
    for index, line in enumerate(block):
        if _is_dot(line):
            cut = max(index - 1, 0)
            return block[:cut], block[cut:]
    _, first = block[0]
    if first.lstrip().startswith("•") or any(_META_DATE.fullmatch(t) for _, t in block):
        return [], block
    return block, None


def _glued_texts(
    pending: _Pending | None,
    texts: list[tuple[int, str]],
    meta: list[tuple[int, str]] | None,
    dump: Dump,
) -> _Pending | None:
    """Read lines of text that lost the blank lines between them, when what each is is certain.

    That is when they are exactly what the paper in hand lacks: a title and its abstract after a
    finished paper, or the abstract of a title; then a warning says where the blank line goes.
    Otherwise the lines cannot be told apart: an error names them and the paper in hand, skipped.
    """
    (first, text), (last, _) = texts[0], texts[-1]
    if pending is not None and pending.abstract is not None:
        _emit(pending, None, dump)
        pending = None
    if pending is None and len(texts) == 1:
        _no_abstract(_Pending(first, text), dump)
        return None
    if pending is None and meta is None and all(_unlike_a_title(t) is None for _, t in texts[1:]):
        # Title-like lines, as many as a long title wraps over: the paragraph after them tells
        # whether the last is its abstract (see _unwrap), and the warning.
        *title, (abstract_line, abstract) = texts
        joined = " ".join(line for _, line in title)
        return _Pending(first, joined, abstract, abstract_line, wrapped=True)
    if len(texts) != (2 if pending is None else 1):
        _cannot_tell(first, last, pending.title if pending is not None else text, dump)
        return None
    if pending is None:
        abstract_line, abstract = texts[1]
        pending = _Pending(first, text, abstract, abstract_line)
        parts = f"title '{shortened(_title_as_read(pending.title))}' and its abstract"
        parts += ", and its meta block" if meta is not None else ""
    else:
        pending.abstract, pending.abstract_line = text, first
        parts = f"the abstract of '{shortened(_title_as_read(pending.title))}' and its meta block"
    _no_blank_line(first, parts, dump)
    return pending


def _cannot_tell(first: int, last: int, title: str, dump: Dump) -> None:
    """Skip paper ``title``, whose lines ``first`` to ``last`` lack the blank lines between them."""
    title = _title_as_read(title)
    dump.skip(
        first,
        f"lines {first}-{last} have no blank lines between them, so which is a title and which "
        f"an abstract cannot be told; paper '{shortened(title)}' skipped: separate them with "
        "blank lines",
        title,
    )


def _no_blank_line(line: int, parts: str, dump: Dump) -> None:
    """Warn that lines of text read as ``parts`` lack the blank line between them."""
    message = f"no blank line between {parts}: read as such; add the blank line"
    dump.problems.append(Problem(dump.display, line, message, Severity.WARNING))


def _unwrap(pending: _Pending, block: list[tuple[int, str]] | None, dump: Dump) -> _Pending | None:
    """Settle a title glued to title-like lines by the paragraph after them, with a warning.

    Abstract text next makes the lines one title, wrapped. Joined, not only hinted at: read the
    other way, that paragraph is an abstract without a title, which no page shows, and the advice
    to add a title above it made the dump worse. Anything else after them (a meta block, the next
    title, the end of the page) leaves two lines a title and its abstract, as
    :func:`_glued_texts` reads them, and more lines a paper skipped (None): which of them ends
    the title cannot be told.
    """
    pending.wrapped = False
    assert pending.abstract is not None
    if not block or _meta_kind(block[0][1]) is not None or not _unlike_a_title(block[0][1]):
        if pending.abstract_line > pending.line + 1:
            _cannot_tell(pending.line, pending.abstract_line, pending.title, dump)
            return None
        title = shortened(_title_as_read(pending.title))
        _no_blank_line(pending.line, f"title '{title}' and its abstract", dump)
        return pending
    pending.title = f"{pending.title} {pending.abstract}"
    dump.problems.append(
        Problem(
            dump.display,
            pending.line,
            f"title '{shortened(_title_as_read(pending.title))}' is wrapped over lines "
            f"{pending.line}-{pending.abstract_line}: joined as one title, as abstract text "
            "follows it; join its lines in the dump",
            Severity.WARNING,
        )
    )
    pending.abstract, pending.abstract_line = None, 0
    return pending


def _finish_spaced(pending: _Pending | None, dump: Dump) -> None:
    """End the paper in hand where its page ends: a title alone lost its abstract."""
    if pending is None:
        return
    if pending.abstract is None:
        _no_abstract(pending, dump)
    else:
        _emit(pending, None, dump)


def _parse_dense(lines: Iterable[tuple[int, str]], dump: Dump) -> None:
    """Titles and abstracts on alternating lines, resynchronised where a line breaks the rhythm.

    An abstract split over two lines (or a line lost) would otherwise shift every later line:
    abstracts read as titles, titles as abstracts, each a junk paper. A line at a title's place
    that reads like abstract text is taken for that break: it is not read, the paper before it
    (whose abstract it likely continues) is skipped, and the next line is a title again. An error,
    not a warning that keeps a joined abstract: the same lines come from a title lost between two
    abstracts, and joining those would publish two papers' text as one; the error names the line
    to mend, and the resynchronised lines after it spare a curator a cascade of unknown ids.
    """
    pending: _Pending | None = None
    # The paper just read, while the next line is at a title's place: a break there takes it back.
    previous: Record | None = None
    end = 0
    broken: _Break | None = None
    for line in lines:
        number, text = line
        if line is _PAGE_BREAK:
            if pending is not None:
                broken = _dangling(pending, previous, broken, dump)
            pending = previous = None
            _close_break(broken, dump)
            broken = None
        if not text:
            continue
        if pending is None:
            if _sentences(text):
                broken = _break(number, "sentences ending in a full stop", previous, broken, dump)
                previous = None
            else:
                pending = _Pending(number, text)
        elif (why := _unlike_a_title(pending.title)) and _title_like(text):
            # A "title" like no title, and a title where its abstract should be: it was abstract.
            broken = _break(pending.line, f"{why}, and a title after it", previous, broken, dump)
            previous = None
            pending = _Pending(number, text)
        else:
            pending.abstract, pending.abstract_line = text, number
            previous = _emit(pending, None, dump)
            end = number
            pending = None
            _close_break(broken, dump)
            broken = None
    if pending is not None:
        broken = _dangling(pending, previous, broken, dump)
    elif previous is not None:
        _check_cut_abstract(previous, end, dump)
    _close_break(broken, dump)


# Measured on the shipped dumps (508 papers): titles are 13-140 characters, and none ends in a full
# stop or holds two sentences; abstracts are 392-1,920 characters and 96% end in a full stop. A line
# at a title's place made of sentences ending in a full stop is text of an abstract. One longer
# than any title, or one sentence, is unlike a title, but still read as one when an abstract-like
# line follows: only a title-like line after it (or nothing) makes it abstract text.
LONGEST_TITLE = 300
_SENTENCES = re.compile(r"[^.]\. +[A-Z].*[^.]\.$")


def _sentences(text: str) -> bool:
    """Whether a line is sentences ending in a full stop, as abstracts and no titles are."""
    return text[-1:] == "." and _SENTENCES.search(text) is not None


def _unlike_a_title(text: str) -> str | None:
    """How a line at a title's place is unlike any title (too long, a sentence), or None."""
    if len(text) > LONGEST_TITLE:
        return f"{len(text):,} characters, longer than any title"
    if text[-1:] == "." and text[-2:-1] != ".":
        return "a sentence ending in a full stop"
    return None


def _title_like(text: str) -> bool:
    return len(text) <= LONGEST_TITLE and not text.endswith(".")


@dataclass
class _Break:
    """Lines at a title's place that read like abstract text, and the paper they took back."""

    first: int
    last: int
    why: str
    paper: Record | None


def _break(
    number: int, why: str, previous: Record | None, broken: _Break | None, dump: Dump
) -> _Break:
    """Note line ``number`` as breaking the alternation, taking back the paper just read."""
    if broken is not None and broken.last == number - 1 and previous is None:
        broken.last = number
        return broken
    _close_break(broken, dump)
    if previous is not None and dump.records and dump.records[-1] is previous:
        dump.records.pop()
    else:
        previous = None
    return _Break(number, number, why, previous)


def _dangling(
    pending: _Pending, previous: Record | None, broken: _Break | None, dump: Dump
) -> _Break | None:
    """End a title left without its abstract: a lone sentence there ends a split abstract."""
    why = _unlike_a_title(pending.title)
    if why is not None:
        return _break(pending.line, why, previous, broken, dump)
    _close_break(broken, dump)
    _no_abstract(pending, dump)
    return None


def _close_break(broken: _Break | None, dump: Dump) -> None:
    """Report a break once the lines alternate again (or the page ends): one error for its run."""
    if broken is None:
        return
    lines = (
        "this line is not read"
        if broken.first == broken.last
        else f"lines {broken.first}-{broken.last} are not read"
    )
    title = None
    lost = lines[0].upper() + lines[1:]
    if broken.paper is not None:
        paper = broken.paper
        title = paper.title
        lost = f"Paper '{shortened(title)}' (line {paper.line}) is skipped and {lines}"
        if _title_like(paper.abstract):
            # Read as that paper's abstract, it may be the title of a paper whose abstract is lost.
            dump.skipped_titles.append(paper.abstract)
            # If so, the break may be above that paper's line rather than at this abstract text:
            # the paper's "title" may end an abstract split there, or be a title that lost its
            # abstract. Both lines are named, so that no paper is dropped unsaid.
            lost = (
                f"Paper '{shortened(title)}' (line {paper.line}) and '{shortened(paper.abstract)}' "
                f"(line {paper.abstract_line}), read as its abstract but like a title, are skipped "
                f"and {lines}: if '{shortened(paper.abstract)}' is a title, line {paper.line} is "
                "the end of the abstract above it, split over two lines, or a title whose "
                "abstract is missing"
            )
    dump.skip(
        broken.first,
        f"reads like abstract text, not a title ({broken.why}), so titles and abstracts stop "
        "alternating here: is the abstract before it split over two lines, or a line missing? "
        f"{lost}",
        title,
    )


def _no_abstract(pending: _Pending, dump: Dump) -> None:
    """Skip a title left without its abstract, saying when it is more likely an abstract itself.

    A spaced dump whose title line was lost reads the abstract as the title, which then has none:
    blaming a truncated dump sent a curator looking at the wrong end of the paper.
    """
    why = _unlike_a_title(pending.title)
    title = _title_as_read(pending.title)
    if why is not None:
        dump.skip(
            pending.line,
            f"'{shortened(title)}' reads like abstract text, not a title ({why}), and no "
            "abstract follows it: is its paper's title missing? Paper skipped: add the title "
            "above it",
        )
        return
    dump.skip(
        pending.line,
        f"title '{shortened(title)}' has no abstract (truncated dump?); paper skipped",
        title,
    )


def _emit(pending: _Pending, block: list[tuple[int, str]] | None, dump: Dump) -> Record | None:
    """Record the paper in hand, with what its meta ``block`` (if any) says; None if it is bad."""
    assert pending.abstract is not None
    title = normalise_text(_decoded(pending.title, pending.line, dump))
    # Every format character is unprintable, and after normalise_text and the control
    # characters' replacement an ASCII text is printable: nearly every text skips the searches,
    # the tests answering in C, isascii() at once, isprintable() a character at a time. Blanks
    # that are printable (a variation selector, a Hangul filler) are looked for past those, and
    # shows_nothing stops at the first character that shows: the title's first letter, mostly.
    if not title.isascii() and (not title.isprintable() or shows_nothing(title)):
        title = _shown_title(title, pending.line, dump)
        if not title:
            return None
    abstract_line = pending.abstract_line or pending.line
    abstract = normalise_text(_decoded(pending.abstract, abstract_line, dump))
    if not abstract.isascii() and (not abstract.isprintable() or shows_nothing(abstract)):
        abstract = _shown_abstract(abstract, abstract_line, title, dump)
        if not abstract:
            return None
    meta = _NO_META
    if block is not None:
        try:
            meta = _parse_meta(block, dump)
        except _MetaError as error:
            # A '·' saved in another encoding than UTF-8 is no '·': the bytes are the mistake.
            if any(line in dump.undecodable for line, _ in block):
                dump.skip_undecodable(title)
            else:
                dump.skip(error.line, f"{error}; paper '{shortened(title)}' skipped", title)
            return None
    # By position, in Record's field order: keywords cost about 0.4 µs more a record (measured).
    record = Record(
        dump.source.name,
        pending.line,
        title,
        abstract,
        meta.authors,
        meta.organization,
        meta.published,
        meta.upvotes,
        meta.upvotes_as_of,
        meta.year_given,
        meta.date_line,
        pending.abstract_line or None,
    )
    dump.records.append(record)
    return record


def _shown_title(title: str, line: int, dump: Dump) -> str:
    """The title without the format characters that reorder or hide it; a warning names them.

    Other characters that do not show as themselves (private use, unassigned in this Python's
    Unicode) may be a newer script's letters, and stay. A title of nothing that shows is skipped
    with an error (returned empty).
    """
    left_out = HIDDEN.findall(title)
    shown = normalise_text(HIDDEN.sub("", title))
    # A joiner or a mark alone is kept, but is no title; nor are several between spaces.
    if shows_nothing(shown):
        named = unseen_names([*left_out, *shown])
        dump.skip(line, f"title of characters that do not show, {named}, only; paper skipped")
        return ""
    if not left_out:
        return title
    named = unseen_names(left_out)
    dump.problems.append(
        Problem(
            dump.display,
            line,
            f"title '{shortened(shown)}' holds characters that {hidden_effect(left_out)}: "
            f"{named}; they are left out of the title: remove them from the dump",
            Severity.WARNING,
        )
    )
    return shown


def _shown_abstract(abstract: str, line: int, title: str, dump: Dump) -> str:
    """The abstract without the format characters that reorder or hide it; a warning names them.

    The same characters as a title's (:func:`_shown_title`); any other stays: abstracts are text
    of any script. An abstract that shows nothing (:func:`shows_nothing`: a zero-width space
    alone, a variation selector) skips its paper with an error (returned empty).
    """
    if shows_nothing(abstract):
        named = unseen_names(abstract)
        dump.skip(
            line,
            f"the abstract of '{shortened(title)}' is of characters that do not show, {named}, "
            "only; paper skipped",
            title,
        )
        return ""
    found = HIDDEN.findall(abstract)
    if not found:
        return abstract
    shown = normalise_text(HIDDEN.sub("", abstract))
    dump.problems.append(
        Problem(
            dump.display,
            line,
            f"the abstract of '{shortened(title)}' holds characters that {hidden_effect(found)}: "
            f"{unseen_names(found)}; they are left out of the abstract: remove them from the dump",
            Severity.WARNING,
        )
    )
    return shown


@dataclass(frozen=True, slots=True)
class _Meta:
    """What a paper's meta block says: its authors or organisation, its date, and its upvotes."""

    authors: int | None = None
    organization: str | None = None
    published: date | None = None
    upvotes: int | None = None
    # The day the upvotes were counted: the dump's capture date.
    upvotes_as_of: date | None = None
    # Whether the date was written with its year: one without it takes the capture year.
    year_given: bool = True
    date_line: int | None = None


# A paper without a meta block (any paper of a dense dump).
_NO_META = _Meta()

_META_EXPECTED = "expected '• N authors' or an organisation, then '·', then a date"


class _MetaError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _parse_meta(block: list[tuple[int, str]], dump: Dump) -> _Meta:
    """Read `• N authors` (or `handle Name`), `·`, and `Mon D[, YYYY][ upvotes]`."""
    source = dump.source
    if len(block) != 3 or not _is_dot(block[1]):
        first, text = block[0]
        one_line = len(block) == 1 and _meta_kind(text) is _MetaKind.WHOLE
        on_lines = ", each on a line of its own" if one_line else ""
        raise _MetaError(first, f"malformed meta block: {_META_EXPECTED}{on_lines}")
    who, _, (date_line, when) = block
    authors, organization = _parse_who(who, dump)
    # As a title's: 'Nov&nbsp;17' copied from the page's source is 'Nov 17'.
    when = _decoded(when, date_line, dump)
    match = _META_DATE.fullmatch(when.strip())
    if not match or match["month"] not in MONTHS:
        raise _MetaError(
            date_line,
            "malformed meta block: expected a date like 'May 22, 2024' or 'Nov 20', the upvotes "
            f"after it if shown ('May 22, 2024 4', 'Nov 20 12'), got '{when}'",
        )
    published = _resolve_date(match, dump, date_line, when.strip())
    year_given = match["year"] is not None
    upvotes = _upvotes(match, dump, date_line, when.strip())
    as_of = None if upvotes is None else source.captured
    return _Meta(authors, organization, published, upvotes, as_of, year_given, date_line)


# More upvotes than any paper has: the most upvoted Daily Papers have a few thousand, and a
# million is far beyond Hugging Face's active accounts. A count over it is a paste gone wrong;
# published, it would be shown as is (and int() refuses one over 4,300 digits).
MAX_UPVOTES = 1_000_000


def _upvotes(match: re.Match[str], dump: Dump, line: int, text: str) -> int | None:
    """The upvotes a meta block's date shows, or None; a warning when they are likely no count.

    Over MAX_UPVOTES, they are dropped and the paper kept. A count that could be a year (1990 to
    2100) after a year-less date is most likely that date's year, its comma dropped: still read
    as upvotes, as it may be, but a warning says what was read and what was probably meant.
    """
    written = match["upvotes"]
    if written is None:
        return None
    upvotes = _count(written, MAX_UPVOTES)
    if upvotes is None:
        dump.problems.append(
            Problem(
                dump.display,
                line,
                f"the upvote count in '{shortened(text)}' is over {MAX_UPVOTES:,}, more than "
                "any paper has: the paper is kept without upvotes; correct it in the dump",
                Severity.WARNING,
            )
        )
        return None
    if match["year"] is None and EARLIEST_YEAR <= upvotes <= LATEST_YEAR:
        meant = f"{match['month']} {match['day']}, {upvotes}"
        dump.problems.append(
            Problem(
                dump.display,
                line,
                f"'{text}' was read as a date without its year and {upvotes} upvotes: is "
                f"{upvotes} its year, its comma dropped ('{meant}')? If so, add the comma",
                Severity.WARNING,
            )
        )
    return upvotes


# More authors than any paper has: the longest author lists, of particle physics, have about
# 5,000. A count over it is a paste gone wrong (and int() refuses one over 4,300 digits).
MAX_AUTHORS = 100_000


def _parse_who(line: tuple[int, str], dump: Dump) -> tuple[int | None, str | None]:
    """A meta block's first line: `• N authors`, or an organisation's `handle Name`.

    The number of authors, or the organisation's name: the other is None. A number of authors
    over MAX_AUTHORS is a warning, and the paper kept without it.
    """
    who_line, text = line
    # As a title's: 'Meta &amp; Co' is 'Meta & Co', and one space is one space.
    who = normalise_text(_decoded(text, who_line, dump))
    authors = _AUTHORS.fullmatch(who)
    if authors:
        count = _count(authors["count"], MAX_AUTHORS)
        if count is not None:
            return count, None
        dump.problems.append(
            Problem(
                dump.display,
                who_line,
                f"the number of authors in '{shortened(who)}' is over {MAX_AUTHORS:,}, more than "
                "any paper has: the paper is kept without it; correct it in the dump",
                Severity.WARNING,
            )
        )
        return None, None
    if who.startswith("•"):
        raise _MetaError(who_line, f"malformed meta block: '{who}' is not '• N authors'")
    organization = _ORGANIZATION.fullmatch(who)
    if not organization:
        raise _MetaError(who_line, f"malformed meta block: {_META_EXPECTED}, got '{who}'")
    return None, organization["name"].strip()


def _count(written: str, limit: int) -> int | None:
    """The number ``written`` (digits) spells, or None when it is over ``limit``."""
    # Its length first: int() of a huge count costs time, or raises over 4,300 digits. Leading
    # zeros are no reason to drop a count, so they are not counted, nor given to int(): any
    # script's, as \d matches them all ('٠' too) and int() reads them.
    digits = written.lstrip("0")
    if not digits.isascii():
        digits = "".join(dropwhile(lambda char: unicodedata.digit(char) == 0, digits))
    if len(digits) > len(str(limit)):
        return None
    number = int(digits or "0")
    return number if number <= limit else None


def year_less_year(source: SourceFile, page_day: tuple[int, int] | None) -> int | None:
    """The year a dump's year-less dates are of: its capture year, or its page date's.

    A page dated December 31 and copied on January 1 (the day after, see _check_page_date) is
    of the year before its capture: its year-less dates are of that year.
    """
    captured = source.captured
    if captured is not None and (captured.month, captured.day, page_day) == (1, 1, (12, 31)):
        return captured.year - 1
    return captured.year if captured is not None else source.captured_year


def _resolve_date(match: re.Match[str], dump: Dump, line: int, text: str) -> date | None:
    source = dump.source
    month, day = MONTHS[match["month"]], int(match["day"])
    year_text = match["year"]
    if year_text is not None:
        try:
            published = date(int(year_text), month, day)
        except ValueError:
            raise _MetaError(line, f"impossible date '{text}'") from None
        return _plausible(published, dump, line, text)
    if source.captured is None and source.captured_year is None:
        # Without a capture year a year-less date is unknown, not wrong: one warning per dump.
        _valid_month_day(month, day, line, text)
        dump.undated.append(Line(line, text))
        return None
    year = year_less_year(source, dump.page_day)
    assert year is not None
    try:
        candidate = date(year, month, day)
    except ValueError:
        candidate = None
    if source.captured is not None and (candidate is None or candidate > source.captured):
        # A listing never shows a future date: "Dec 5" read on 2025-11-20 is taken as 2024-12-05.
        try:
            previous = date(year - 1, month, day)
        except ValueError:
            previous = None
        if candidate is not None:
            # But it prints the year of every paper from an earlier year: more likely the capture
            # date is wrong, or a later page's papers were pasted in. Reported once per dump.
            dump.after_capture.append(LateDate(line, text, previous or candidate))
        elif previous is not None:
            # Feb 29 of a year that has none: no page captured that year showed it.
            dump.problems.append(
                Problem(
                    dump.display,
                    line,
                    f"year-less date '{text}' is not a date of {year}, the year of the dump's "
                    f"capture date ({source.captured} in {SOURCES_FILE}): it was read as "
                    f"{previous}; check 'captured'",
                    Severity.WARNING,
                )
            )
        candidate = previous or candidate
    if candidate is None:
        raise _MetaError(line, f"impossible date '{text}'")
    return candidate


def _plausible(published: date, dump: Dump, line: int, text: str) -> date | None:
    """The date, or None with a warning when no page captured then could have shown it.

    A warning, not an error: the paper is real and worth keeping (an error would skip it, and
    every curation decision about it with it); only its date is wrong, most likely a typo'd year.
    """
    source = dump.source
    if source.captured is not None:
        latest = source.captured
        after = f"the dump's capture date, {latest.isoformat()} in sources.yaml"
    elif source.captured_year is not None:
        latest = date(source.captured_year, 12, 31)
        after = f"{source.captured_year}, the dump's capture year in sources.yaml"
    else:
        latest, after = date(LATEST_YEAR, 12, 31), str(LATEST_YEAR)
    if published > latest:
        reason = f"is after {after}"
    elif published.year < EARLIEST_YEAR:
        reason = f"is before {EARLIEST_YEAR}"
    else:
        return published
    dump.problems.append(
        Problem(
            dump.display,
            line,
            f"date '{text}' {reason} (a typo in the year?): the paper is kept without a date; "
            "correct it in the dump",
            Severity.WARNING,
        )
    )
    return None


def _valid_month_day(month: int, day: int, line: int, text: str) -> None:
    try:
        date(2000, month, day)  # a leap year, so Feb 29 passes
    except ValueError:
        raise _MetaError(line, f"impossible date '{text}'") from None


def format_dump(records: list[Record], layout: Layout, page_date: date | None = None) -> str:
    """Write records out as a dump in either layout: the inverse of parsing (tests, benchmarks)."""
    if layout is Layout.DENSE:
        lines = [HEADER_PHRASES[0], HEADER_PHRASES[1], HEADER_PHRASES[4]]
        for index, record in enumerate(records):
            title = record.title if index else lines.pop() + record.title
            lines += [title, record.abstract]
        return "\n".join(lines) + "\n"
    header = ["new", HEADER_PHRASES[1], "Subscribe", "Daily Papers", HEADER_PHRASES[2]]
    if page_date is not None:
        header.append(f"{MONTH_NAMES[page_date.month - 1]} {page_date.day}")
    blocks = list(header)
    for record in records:
        blocks += [record.title, record.abstract]
        meta = _format_meta(record)
        if meta:
            blocks.append(meta)
    return "\n\n".join(blocks) + "\n"


def _format_meta(record: Record) -> str | None:
    if record.published is None:
        return None
    if record.organization is not None:
        who = f"{record.organization.replace(' ', '')} {record.organization}"
    else:
        who = f"  • {record.authors if record.authors is not None else 1} authors"
    published = record.published
    when = f"{MONTH_NAMES[published.month - 1]} {published.day}, {published.year}"
    if record.upvotes is not None:
        when += f" {record.upvotes}"
    return f"{who}\n·\n{when}"
