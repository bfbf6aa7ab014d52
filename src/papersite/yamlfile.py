"""Safe YAML loading that remembers where every value came from.

PyYAML merges duplicate keys silently and reports no line numbers once a document is loaded, and
its full loader builds arbitrary Python objects. Curators' YAML arrives in pull requests from
strangers, so this module composes the node graph with the safe loader, reports every duplicate
key, bounds size, depth and alias expansion, and keeps a line number for every key and item. The
bounds are enforced while parsing, not after: a hostile file is refused before it can exhaust the
stack or fill memory with nodes.
"""

from __future__ import annotations

import json
import re
import stat
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from papersite.characters import CONTROL
from papersite.errors import PapersiteError, Problem, Problems, Severity, cannot_read
from papersite.markup import opens_list
from papersite.wording import closest, describe, listed

# A curation file is a few hundred KB; far past that something is wrong (or hostile).
MAX_BYTES = 4 * 1024 * 1024
# Real curation nests four levels; deep nesting is a way to exhaust the stack.
MAX_DEPTH = 40
# The shipped papers.yaml has about 2,500 values. Counted twice: as the parser builds nodes (a
# file of a million one-character items would otherwise cost gigabytes before any check), and as
# aliases are expanded (so anchors cannot multiply a small file).
MAX_NODES = 200_000

Location = tuple[str | int, ...]

# Enough of a file's start to tell UTF-16 or UTF-32 without a byte-order mark from UTF-8.
WIDE_SNIFF_BYTES = 64

_UNSEEN_BREAKS = {0x85: "next line", 0x2028: "line separator", 0x2029: "paragraph separator"}
_UNSEEN_BREAK = re.compile("[\x85\u2028\u2029]")
# The line breaks YAML 1.1 reads, and those an editor does (vim, less, GitHub, grep -n).
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# A CR not followed by LF: a line break to YAML (and to old Mac editors), not to str.split("\n").
_LONE_CR = re.compile("\r(?!\n)")
# Lines with a lone CR warned of one by one; past that, one warning for the file's line ends.
MOST_LONE_CR_LINES = 3

# A comment after a value: white space, '#', and the character after it when that is no space.
_COMMENT_AFTER = re.compile(r"[ \t]+#(\S?)")

_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_NULL = "tag:yaml.org,2002:null"
# What PyYAML's constructors raise, besides its own errors, on text a tag or a resolver gives
# them that is not what they build: a date's shape but no date (2025-13-45, a ValueError), or
# '!!int' before an empty value (an IndexError).
_CONSTRUCTOR_FAILURES = (ValueError, TypeError, LookupError, AttributeError, ArithmeticError)
# What YAML reads as null untagged; '!!null' before anything else reads it as null too.
_NULL_WRITTEN = frozenset({"", "~", "null", "Null", "NULL"})
# How a tag of YAML's own is written: '!!int' is 'tag:yaml.org,2002:int'.
_YAML_TAG = "tag:yaml.org,2002:"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
# Numbers as YAML 1.2's core schema reads them, as editors and GitHub's YAML tooling do: 010 is
# ten. PyYAML reads YAML 1.1's, where 010 is eight (octal), 1:30 is ninety (base 60) and 1_000 a
# thousand; a curator means none of them. Hexadecimal 0x10 and octal 0o10 are 1.2's too, spelled
# so that nobody writes them by chance: read as 1.2 reads them, they mean what editors show.
_INT_PATTERN = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_PATTERN = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$"
)


@dataclass(frozen=True)
class DuplicateKey:
    """A key written again in the same map: its place (the first one's), as written, and why.

    Its second value is dropped; ``problem`` says so at the line of the second key.
    """

    location: Location
    text: str
    problem: Problem


@dataclass(frozen=True)
class YamlDocument:
    """A loaded YAML file: plain data plus the line each key or item starts on."""

    path: str
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)
    # Keys YAML read as something other than text (yes, 2024, 2024-05-01), as written, by place:
    # a message can then name the key the way the curator wrote it, not as True.
    written: dict[Location, str] = field(default_factory=dict)
    # Every key written twice in one map, whether or not its problem went to the caller's list.
    duplicates: list[DuplicateKey] = field(default_factory=list)
    # Values YAML read as something other than text (yes, 010, ~), as written, by place: a
    # message can then say "not 'yes'" where the value is True.
    written_values: dict[Location, str] = field(default_factory=dict)
    # How many values (keys too) the file holds, as MAX_NODES counts them.
    values: int = 0
    # For text written as a '|' or '>' block, by place: the line each line of the text starts on
    # (None for a blank one), so a message about one of its lines can name that line.
    block_lines: dict[Location, tuple[int | None, ...]] = field(default_factory=dict)
    # For text written as a '>' block, by place: each line written as a list item that YAML joins
    # to the line above it ('Read:' then '- a' reads 'Read: - a'), as its 1-based line and text.
    folded_items: dict[Location, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    # The places of values written in quotes: a message may tell to take them off ('2' is text).
    quoted: set[Location] = field(default_factory=set)
    # The places of text written as a '|' block, whose nth line is the nth below the '|': a
    # message about a place inside the text can name its line (block_lines). A '>' block joins
    # lines, so a place inside one of its lines may be on any of the lines it joined.
    literal: set[Location] = field(default_factory=set)
    # For a map written in flow style ('{…}'), by place: the line its '}' is on, past its first
    # when it is written over lines; what replaces it whole replaces them all.
    flow_ends: dict[Location, int] = field(default_factory=dict)
    # The places of maps written in flow style holding an anchor, an alias or a comment: their
    # values, written out again, would lose them, and an alias elsewhere would lose its anchor.
    flow_extras: set[Location] = field(default_factory=set)

    def line(self, *location: str | int) -> int:
        """The 1-based line of the value at ``location``, or of its nearest ancestor."""
        key: Location = tuple(location)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)

    def key_text(self, *location: Any) -> str:
        """The last key of ``location`` as the file writes it."""
        key = location[-1]
        return self.written.get(tuple(location), key if isinstance(key, str) else str(key))


@dataclass(frozen=True)
class WideEncoding:
    """UTF-16 or UTF-32, as a file's first bytes show it: with a byte-order mark or without."""

    encoding: str  # "UTF-16" or "UTF-32"
    order: str  # "little" or "big" (-endian)
    # Empty when the file has none: the order is then a guess.
    mark: bytes

    def __str__(self) -> str:
        if self.mark:
            shown = self.mark.hex(" ").upper()
            return f"{self.encoding} text ({self.order}-endian, byte-order mark {shown})"
        return f"{self.encoding} text without a byte-order mark ({self.order}-endian, it seems)"


def wide_encoding(head: bytes) -> WideEncoding | None:
    """Whether a file starting with ``head`` (WIDE_SNIFF_BYTES of it) is UTF-16 or UTF-32 text.

    None for any other file. Editors on Windows save "Unicode" text as UTF-16, which a UTF-8
    reader refuses as binary for its NUL bytes, or (PyYAML) reads past its mark; UTF-32 is rarer,
    but one tool's export is enough. Without a mark, each ASCII character is a byte and one or
    three NULs, in the order most of ``head``'s characters show. Shared by the dumps' reader and
    the YAML files' readers, so that both name such a file alike.
    """
    # Told first: UTF-32's little-endian mark starts with UTF-16's.
    for mark, encoding, order in (
        (b"\xff\xfe\x00\x00", "UTF-32", "little"),
        (b"\x00\x00\xfe\xff", "UTF-32", "big"),
        (b"\xff\xfe", "UTF-16", "little"),
        (b"\xfe\xff", "UTF-16", "big"),
    ):
        if head.startswith(mark):
            return WideEncoding(encoding, order, mark)
    if b"\x00" not in head:
        return None
    # Told first too: the NULs of UTF-32's ASCII are pairs of UTF-16's, and none of UTF-16's ASCII
    # is three NULs and a character.
    for encoding, width in (("UTF-32", 4), ("UTF-16", 2)):
        guessed = _wide_order(head, width)
        if guessed is not None:
            return WideEncoding(encoding, guessed, b"")
    return None


def _wide_order(head: bytes, width: int) -> str | None:
    """The byte order ("little", "big") of most of ``head``'s units of ``width`` bytes, if ASCII.

    A unit is counted when its first byte (little-endian) or last (big-endian) is the only one
    that is not NUL. None for fewer than two units, or when most are not so.
    """
    units = [head[start : start + width] for start in range(0, len(head) - width + 1, width)]
    if len(units) < 2:
        return None
    blank = bytes(width - 1)
    little = sum(1 for unit in units if unit[0] and unit[1:] == blank)
    big = sum(1 for unit in units if unit[-1] and unit[:-1] == blank)
    if max(little, big) * 2 <= len(units):
        return None
    return "little" if little > big else "big"


def plain_key(text: str) -> str:
    """``text`` written as a YAML key that reads back as the same text: quoted only if it must be.

    Unquoted, yes, null, 2024 or 2024-05-01 are read as true, nothing, a number or a date. Read
    back as papersite reads it and as YAML 1.1 does: 1e3 is a number to one, 1:30 to the other.
    """
    line = f"{text}: 0"
    try:
        plain = yaml.safe_load(line) == {text: 0} and load_yaml_text(line, "key").data == {text: 0}
    except (yaml.YAMLError, ValueError, PapersiteError):  # ValueError: a date's shape, 2025-13-45
        plain = False
    return text if plain else single_quoted(text)


# How a file that is neither a file nor a folder is refused; told from its status, never opened.
NOT_A_FILE = "is not a regular file (a pipe, a socket or a device)"


def special_file(mode: int) -> bool:
    """Whether a file of status mode ``mode`` is a pipe, a socket or a device.

    Such a file is never to be opened: a named pipe waits for a writer for ever, and a device
    ('/dev/zero') is read until memory runs out.
    """
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def yaml_bytes(path: Path, name: str, *, named_by: str = "", too_big: str = "") -> bytes:
    """The bytes of the YAML file at ``path``; a pipe, a device or a file over MAX_BYTES raises.

    Every YAML file papersite reads (its own, mkdocs.yml and the files it inherits) is had so.
    The PapersiteError raised names the file ``name`` and ends with ``named_by`` (" (named by
    INHERIT at file:line)" for a settings file), the size's with ``too_big`` too: what to do
    about it. A folder, or a file that cannot be read, raises OSError as opening it does.
    """
    if special_file(path.stat().st_mode):
        raise PapersiteError(name, None, f"{NOT_A_FILE}{named_by}")
    # Never more than the limit is read, so a huge file costs no memory to refuse.
    with path.open("rb") as stream:
        raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        message = f"file is over {MAX_BYTES:,} bytes, the limit for YAML{named_by}"
        raise PapersiteError(name, None, message + too_big)
    return raw


def load_yaml_file(
    path: Path,
    display: str | None = None,
    *,
    problems: Problems | None = None,
    report_duplicates: bool = True,
    too_big: str = "",
) -> YamlDocument:
    """Read and safely load one YAML file; bad input raises PapersiteError naming the line.

    ``too_big`` ends the message of a file past MAX_BYTES or MAX_NODES: what to do about it.

    Mistakes that leave the data usable, duplicate keys (the first value is kept) and control
    characters written as escapes, go to ``problems`` when it is given, so the caller can check
    the rest of the file in the same pass; without it they raise too. With ``report_duplicates``
    false, duplicate keys are only listed in the document's ``duplicates``, for a caller that
    reports them itself with more to say (which entry the second one was likely meant to be).
    """
    name = display or str(path)
    try:
        raw = yaml_bytes(path, name, too_big=too_big)
    except OSError as exc:
        raise PapersiteError(name, None, cannot_read(path, exc)) from None
    # Refused even with a byte-order mark, as a dump is not: git shows such a file as binary, so
    # a pull request's diff of it cannot be reviewed. Told before decoding: UTF-16's ASCII is
    # UTF-8 too, NULs and all, which the parser refused as "character U+0000 is not allowed".
    wide = wide_encoding(raw[:WIDE_SNIFF_BYTES])
    if wide is not None:
        raise PapersiteError(name, None, f"{wide}: save the file as UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PapersiteError(name, line, "file is not UTF-8 text: save it as UTF-8") from None
    return load_yaml_text(
        text, name, problems=problems, report_duplicates=report_duplicates, too_big=too_big
    )


def load_yaml_text(
    text: str,
    path: str,
    *,
    problems: Problems | None = None,
    report_duplicates: bool = True,
    too_big: str = "",
) -> YamlDocument:
    """Safely load YAML text; ``path`` only names it in messages (the options: see above)."""
    lone = _lone_carriage_returns(text, path)
    # Messages name the line an editor shows, which a lone CR does not end: PyYAML's marks count
    # the lines of the text it reads, made below.
    shown = editor_lines(_UNSEEN_BREAK.sub(" ", text))
    # YAML ends a line at a lone CR as at LF and reads the same values either way; made LF, the
    # lines split at "\n" below are the ones PyYAML's marks count ('|' blocks, hints, columns).
    text = _LONE_CR.sub("\n", text)
    text, unseen = _without_unseen_breaks(text, path, shown)
    unseen = lone + unseen
    if unseen:
        if problems is None:
            raise PapersiteError.from_problems(unseen)
        problems.extend(unseen)
    try:
        loader = _BoundedLoader(text, path, too_big, shown)
    except yaml.reader.ReaderError as exc:
        # The reader checks the whole text up front and knows only the offset of the character.
        at = shown(text[: exc.position].count("\n") + 1)
        message = f"YAML syntax error: character U+{exc.character:04X} is not allowed"
        raise PapersiteError(path, at, message) from None
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line, reason = _syntax_error(text, exc, shown, loader.marks, loader.last_event)
        raise PapersiteError(path, line, f"YAML syntax error: {reason}") from None
    except yaml.YAMLError as exc:
        raise PapersiteError(path, None, f"YAML syntax error: {exc}") from None
    finally:
        loader.dispose()
    if root is None:
        return YamlDocument(path, None, {(): 1})
    converter = _Converter(path, text.split("\n"), shown)
    data = converter.convert(root, (), 0)
    found = converter.problems
    if not report_duplicates:
        left = {id(duplicate.problem) for duplicate in converter.duplicates}
        found = [problem for problem in found if id(problem) not in left]
    if found:
        if problems is None:
            raise PapersiteError.from_problems(found)
        problems.extend(found)
    return YamlDocument(
        path,
        data,
        converter.lines,
        converter.written,
        converter.duplicates,
        converter.written_values,
        max(loader.nodes, converter.nodes),
        converter.block_lines,
        converter.folded_items,
        converter.quoted,
        converter.literal,
        converter.flow_ends,
        converter.flow_extras,
    )


def _syntax_error(
    text: str,
    error: yaml.MarkedYAMLError,
    shown: Callable[[int], int],
    marks: list[yaml.Mark],
    last_event: yaml.Event | None,
) -> tuple[int | None, str]:
    """The line to name for a syntax error in ``text``, as an editor numbers it, and why.

    The most likely mistake, when one of the hints below recognises it, at the line to fix; else
    PyYAML's own words at its mark. ``marks`` and ``last_event`` are the loader's (see
    _open_at_end and _unclosed_quote); ``shown`` numbers ``text``'s lines as an editor does.
    """
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    hint = _syntax_hint(text, error)
    reason = (
        undefined_alias(text, error, shown, hint is not None)
        or hint
        or error.problem
        or error.context
        or "invalid YAML"
    )
    if first_key := _run_in_first_key(text, error):
        line, reason = first_key
    if misplaced := _misplaced_key(text, error):
        line, reason = misplaced
    if open_bracket := _unclosed_bracket(text, error) or _open_at_end(error, marks):
        line, reason = open_bracket
    if unplaced := _unended_key(text, error):
        line, reason = unplaced
    if unclosed := _unclosed_quote(error, last_event):
        line, reason = unclosed
    if odd := _odd_indent(text, [line, mark.line + 1 if mark else None]):
        line, reason = odd
    if line is not None:
        # The end of the file, where PyYAML stops when a value or a closing mark is missing,
        # is the line after the last one: the last one with text is where to look.
        line = shown(min(line, _last_written_line(text)))
    return line, reason


# What to say instead of "found '<scalar>'" when quoted text is followed by more text on its line.
_QUOTE_HINTS = {
    "'": "a ' inside text in single quotes ends the text; write it twice ('It''s') or put the "
    'text in double quotes ("It\'s")',
    '"': 'a " inside text in double quotes ends the text; write it as \\" or put the text in '
    "single quotes",
}
# Characters that open YAML syntax where a value starts, text never: an alias, an anchor, a tag, a
# block, a list item, reserved ones. ("[" and "{" open lists and maps, which a value may be.)
_SYNTAX_STARTS = "*&!|>-%@`"
# A line's first key, after any list dashes: its indentation is group 1's length.
_KEY_LINE = re.compile(r"^((?:\s*-)*\s*)([^\s#'\"\[{][^:]*?):(?:\s|$)")


def _syntax_hint(text: str, error: yaml.MarkedYAMLError) -> str | None:
    """What a curator most likely did, for the PyYAML errors that name only the parser's state.

    Curators' mistakes are few: a quote mark inside quoted text, ': ' inside plain text, a line
    indented unlike its neighbours, a tab. PyYAML reports them as "mapping values are not allowed
    here" or "expected <block end>", which say nothing to someone editing a list of papers.
    """
    mark = error.problem_mark
    if mark is None:
        return None
    problem = error.problem or ""
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    if escape := _escape_hint(error):
        return escape
    if "'\\t'" in problem:
        return (
            "a tab character: YAML indents and separates with spaces only; replace it with spaces"
        )
    if "'<scalar>'" in problem:
        # Text after a list or map that closed early: note: [RNN] classic.
        return (
            _quote_hint(line[: mark.column].rstrip())
            or _unquoted_syntax(text, mark)
            or _start_hint(line, "[{" + _SYNTAX_STARTS)
        )
    if problem == "mapping values are not allowed here":
        key = _KEY_LINE.match(line)
        if key and key.end() <= mark.column:
            return (
                f"': ' inside unquoted text reads as another key; put the text after "
                f"'{key.group(2)}:' in double quotes"
            )
        return _indent_hint(lines, mark.line, "so YAML reads it as more of the text above")
    if problem.startswith("expected <block end>"):
        if problem.endswith("found '-'") and line.lstrip().startswith("-"):
            return "a list item ('- ') among keys: remove the '- ', as the entries above have none"
        return (
            _indent_hint(lines, mark.line, "so YAML cannot tell which entry it belongs to")
            or _unquoted_syntax(text, mark)
            or _start_hint(line)
        )
    return _unquoted_syntax(text, mark) or _start_hint(line)


# An alias as written where PyYAML stops at it: '*' and the anchor's name, as its scanner reads one.
_ALIAS = re.compile(r"\*([0-9A-Za-z_-]+)")


def undefined_alias(
    text: str, error: yaml.MarkedYAMLError, shown: Callable[[int], int], text_hint: bool
) -> str | None:
    """For an alias that names no anchor before it: '*pkd' above its '&pkd', or a typo of it.

    PyYAML says "found undefined alias 'pkd'", naming neither the anchor nor the rule. A name
    that is an anchor's, or near one, was meant as an alias: told to quote it as text, the
    curator got a second error (an entry's text where a map goes). Only a name like no anchor's
    is left to ``text_hint``, the quoting hint, when there is one: 'note: *important'. ``text``
    is the text PyYAML read; ``shown`` numbers its lines as an editor does.
    """
    mark = error.problem_mark
    if mark is None or not (error.problem or "").startswith("found undefined alias"):
        return None
    # The mark's index, not its buffer: read from a file (mkdocs.yml, by MkDocs), it has none.
    alias = _ALIAS.match(text, mark.index)
    if alias is None:
        return None
    name = alias.group(1)
    # Each anchor's first place: all of this name's are past the alias, or it would be defined.
    anchors: dict[str, tuple[int, int]] = {}
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.AnchorToken):
                anchors.setdefault(token.value, (token.start_mark.line, token.start_mark.column))
            elif bracket := _BRACKET_TOKENS.get(type(token)):
                depth += 1 if bracket in "[{" else -1
                if depth > MAX_DEPTH + 1:
                    break  # the scanner's work grows with the lists open (see _flow_depths)
    except yaml.YAMLError:
        pass  # a mistake further on: the anchors before it are all there is to go by
    told = f"alias *{name} names no anchor defined before it"
    meant = name if name in anchors else closest(name, list(anchors))
    if meant is None:
        return None if text_hint else f"alias *{name}: no anchor &{name} in this file"
    line = shown(anchors[meant][0] + 1)
    later = f"anchor &{meant} is defined later, at line {line}; an alias must come after its anchor"
    if meant == name:
        return f"{told}: {later}"
    if anchors[meant] < (mark.line, mark.column):
        return f"{told}: did you mean *{meant} (anchor at line {line})?"
    return f"{told}: did you mean *{meant}? {later}"


_QUOTES = {'"': "double quotes", "'": "single quotes"}

# Spaces YAML does not indent with, which editors show as spaces: a no-break space pasted from a
# web page most often.
_ODD_SPACE = re.compile("^[ \t]*([\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000])")


def _odd_indent(text: str, numbers: list[int | None]) -> tuple[int, str] | None:
    """The first of the lines ``numbers`` indented with a space YAML does not take for one.

    YAML reads such a character as text, so the line starts in column 1 for it, and any message
    about its column names a column the curator does not see.
    """
    lines = text.split("\n")
    for number in numbers:
        if number is None or not 0 < number <= len(lines):
            continue
        if odd := _ODD_SPACE.match(lines[number - 1]):
            character = odd.group(1)
            name = unicodedata.name(character, "space").lower()
            return number, (
                f"this line is indented with U+{ord(character):04X} ({name}), which looks like a "
                "space but YAML reads as text; replace it with ordinary spaces"
            )
    return None


def _unclosed_quote(error: yaml.MarkedYAMLError, last: yaml.Event | None) -> tuple[int, str] | None:
    """The line a quoted text was opened on, and what to do, when the error comes of not closing it.

    YAML lets quoted text go on over lines, so a quote left open reads on to the next quote mark
    of its kind, most often the one opening a later note, and PyYAML reports the text after that
    mark ("expected <block end>, but found '<scalar>'"), or the end of the file when there is none:
    dozens of lines after the one to fix. ``last`` is the last event the parser gave out: the
    quoted text, when the error came right after it.
    """
    mark = error.problem_mark
    problem = error.problem or ""
    if (
        error.context == "while scanning a quoted scalar"
        and problem.startswith("found unexpected")  # the end of the file, or a '---' line
        and error.context_mark is not None
        and mark is not None
    ):
        opened = error.context_mark.line
        quote = _char_at(error.context_mark)
        end = "the end of the file" if "end of stream" in problem else f"line {mark.line + 1}"
        stopped = f"read on to {end}"
    elif (
        isinstance(last, yaml.ScalarEvent)
        and last.style in _QUOTES
        and last.start_mark is not None
        and isinstance(last.end_mark, yaml.Mark)  # PyYAML's own, with its buffer
        and last.start_mark.line < last.end_mark.line
        # Only a quote mark where a value or a comment starts was surely not meant to close the
        # text; one after words on its line ends text that does go on over lines.
        and _starts_value(_line_before(last.end_mark)[:-1])
    ):
        opened, quote = last.start_mark.line, last.style
        stopped = f"took the {quote} on line {last.end_mark.line + 1} for its end"
    else:
        return None
    if quote not in _QUOTES:
        return None
    return opened + 1, (
        f"the text in {_QUOTES[quote]} that starts on this line is never closed: end it with "
        f"{quote} (quoted text may go on over several lines, so YAML {stopped})"
    )


_BRACKETS = {"while parsing a flow mapping": "{}", "while parsing a flow sequence": "[]"}


def _unclosed_bracket(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """The line a '{' or '[' was opened on, and what to do, when the error comes of not closing it.

    Inside braces or brackets YAML reads on over lines, so one left open takes in the keys below
    it, and PyYAML reports the first ':' it cannot place there ("expected ',' or '}', but got
    ':'"), a line or more below. Only named when closing it at the end of its line lets the file
    parse past that: a ',' left out inside is another mistake.
    """
    mark, start = error.problem_mark, error.context_mark
    brackets = _BRACKETS.get(error.context or "")
    problem = error.problem or ""
    if brackets is None or mark is None or start is None or not problem.startswith("expected ','"):
        return None
    lines = text.split("\n")
    if start.line >= len(lines) or _char_at(start) != brackets[0]:
        return None
    line = lines[start.line]
    if " #" in line[start.column :]:
        return None  # a comment: the line's end is not where to close it
    fixed = list(lines)
    fixed[start.line] = line.rstrip() + brackets[1]
    if not _reads_past(fixed, mark.line):
        return None
    end = "the end of the file" if "<stream end>" in problem else f"line {mark.line + 1}"
    return start.line + 1, (
        f"the {brackets[0]} on this line is never closed: end it with {brackets[1]} (YAML read "
        f"on to {end} looking for it)"
    )


def _open_at_end(error: yaml.MarkedYAMLError, marks: list[yaml.Mark]) -> tuple[int, str] | None:
    """The line of the innermost '[' or '{' still open where the file ended, and what to do.

    A last line such as 'x: {order:' or 'tags: [a,' leaves PyYAML looking for a value, and it
    reports "expected the node content" at the end of the file, not where the bracket opened;
    ``marks`` are where the collections the parser was inside start.
    """
    # Both are PyYAML's insides, not its API: the parser's ``marks`` stack (loader.marks) and
    # "<stream end>" in its problem's words, as it names the end of the file. Should either
    # change, test_past_the_end_names_a_bracket_left_open_where_it_opens fails.
    if "<stream end>" not in (error.problem or ""):
        return None
    for mark in reversed(marks):
        opener = _char_at(mark)
        if opener in ("[", "{"):
            closer = "]" if opener == "[" else "}"
            return mark.line + 1, (
                f"the {opener} on this line is never closed: end it with {closer} (YAML read on "
                "to the end of the file looking for it)"
            )
    return None


def past_the_end(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """Where to name ``error``, which PyYAML found past ``text``'s last line with text, and why.

    For YAML another loader read (MkDocs' mkdocs.yml), named as :func:`load_yaml_text` names
    it: a quoted text or a '[' or '{' still open at the end at the line it opened on, anything
    else at the last line with text, in PyYAML's words. None for an error on a line of the file
    but a quoted text read on to a '---' line, also named where it opened. The line is the one
    an editor shows (see :func:`editor_lines`).
    """
    shown = editor_lines(text)
    # Each line as PyYAML counts them, split at "\n" below as its marks number them.
    text = _YAML_LINE_BREAK.sub("\n", text)
    end = _past_the_end(text, error)
    return None if end is None else (shown(end[0]), end[1])


def _past_the_end(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """:func:`past_the_end` for ``text`` whose lines all end in LF, as PyYAML numbers them."""
    mark = error.problem_mark or error.context_mark
    last = _last_written_line(text)
    # Parsed again for the marks of the collections open where it stopped, and for marks that
    # hold the text (MkDocs reads a stream: its marks do not); no tag is constructed.
    loader = yaml.SafeLoader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as again:
        # PyYAML's "found unexpected end of stream" named the last line, not the one to fix.
        if unclosed := _unclosed_quote(again, None):
            return unclosed
        if (
            mark is not None
            and mark.line + 1 > last
            and (opened := _open_at_end(again, loader.marks))
        ):
            return opened
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    if mark is None or mark.line + 1 <= last:
        return None
    return last, error.problem or error.context or "invalid YAML"


def unseen_break_at(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """The line of an invisible line break ``error`` comes of, as an editor numbers it, and why.

    For YAML another loader read (MkDocs' mkdocs.yml), which ends a line at U+0085, U+2028 or
    U+2029, as :func:`load_yaml_text` does not: a comment's words after one start a line of
    their own, and PyYAML names that line, one past the line an editor shows, in its words
    ("expected <block end>, but found '<scalar>'"). A break on the line of either of the
    error's marks or the line above is taken for its cause when the text reads past the error
    without it; None when there is none (see :func:`unseen_break_beside`).
    """
    near = _unseen_break_near(text, error)
    if near is None or not _reads_past_without_unseen_breaks(text, error):
        return None
    line, name = near
    return line, f"{name}, read as the end of the line; remove it"


def unseen_break_beside(text: str, error: yaml.MarkedYAMLError) -> str:
    """For the message of ``error``, the invisible line break near it that is not its cause.

    'site_author: me: you # note<U+2028>' is the ': ' inside text's mistake with or without
    the break: the mistake is named, and the break after it, to remove as well. Empty when
    there is no break near the error's marks, or when it is the cause (:func:`unseen_break_at`).
    """
    near = _unseen_break_near(text, error)
    if near is None or _reads_past_without_unseen_breaks(text, error):
        return ""
    line, name = near
    return f" (and line {line} holds an {name}, read as the end of the line: remove it too)"


def unseen_breaks(text: str) -> list[tuple[int, str]]:
    """Each line of ``text`` holding an invisible line break, as an editor numbers it, and its name.

    The name of the first on the line: "invisible line break U+2028 (line separator)".
    """
    found: dict[int, str] = {}
    for match in _UNSEEN_BREAK.finditer(text):
        code = ord(match.group())
        name = f"invisible line break U+{code:04X} ({_UNSEEN_BREAKS[code]})"
        found.setdefault(shown_line_at(text, match.start()), name)
    return list(found.items())


def _unseen_break_near(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """The first invisible line break on the line of ``error``'s marks or the line above.

    Its line, as an editor numbers it, and its name ("invisible line break U+2028 (line
    separator)"); None when there is none.
    """
    marks = [mark.line + 1 for mark in (error.problem_mark, error.context_mark) if mark]
    line = 1  # as YAML numbers them
    for found in _YAML_LINE_BREAK.finditer(text):
        character = found.group()
        if _UNSEEN_BREAK.fullmatch(character) and any(line <= mark <= line + 1 for mark in marks):
            name = f"U+{ord(character):04X} ({_UNSEEN_BREAKS[ord(character)]})"
            return shown_line_at(text, found.start()), f"invisible line break {name}"
        line += 1
    return None


def _reads_past_without_unseen_breaks(text: str, error: yaml.MarkedYAMLError) -> bool:
    """Whether ``text``, its invisible line breaks made spaces, reads past ``error``'s line.

    Lines are compared as an editor numbers them: the breaks made spaces end no line.
    """
    mark = error.problem_mark or error.context_mark
    spaced = _UNSEEN_BREAK.sub(" ", text)
    try:
        # Events only, as _reads_past: no tag is constructed (MkDocs' !ENV is none of PyYAML's).
        for _ in yaml.parse(spaced, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as again:
        at = again.problem_mark or again.context_mark
        if at is None or mark is None:
            return False
        return editor_lines(spaced)(at.line + 1) > editor_lines(text)(mark.line + 1)
    except yaml.YAMLError:
        return False
    return True


def editor_lines(text: str) -> Callable[[int], int]:
    """A function from a line of ``text`` as PyYAML numbers it (1-based) to the line editors show.

    YAML ends a line at CRLF, LF, a CR alone, U+0085, U+2028 and U+2029; vim, less, GitHub and
    grep -n at CRLF and LF only, and at a CR alone only in a file with no LF (old Mac line
    ends): every line after one of the others was named one too low. A line past the end keeps
    its distance from the last one.
    """
    if not _UNSEEN_BREAK.search(text) and not ("\n" in text and _LONE_CR.search(text)):
        return _same_line
    counted = ("\r\n", "\n") if "\n" in text else ("\r",)
    shown = [1]  # the editor's number of each line PyYAML counts
    for found in _YAML_LINE_BREAK.finditer(text):
        shown.append(shown[-1] + (found.group() in counted))

    def editor_line(line: int) -> int:
        return shown[min(line, len(shown)) - 1] + max(line - len(shown), 0)

    return editor_line


def _same_line(line: int) -> int:
    """A line numbered alike by PyYAML and editors: a text holding no line break they differ on."""
    return line


def shown_line_at(text: str, offset: int) -> int:
    """The line an editor shows ``text``'s character at ``offset`` on (see :func:`editor_lines`)."""
    return text.count("\n" if "\n" in text else "\r", 0, offset) + 1


def _last_written_line(text: str) -> int:
    """The number of the last line with more than spaces on it (1 for a file with none)."""
    lines = text.split("\n")
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return len(lines)


def _unended_key(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """The line a key YAML could not end starts on, and what to do, for "could not find ':'".

    A line with no ':' where a key goes is read on into the lines below, as one key over lines,
    which YAML does not allow, and PyYAML names the line where it gave up, a line or more
    below: after a paper id whose ':' was left out, or typed as a fullwidth '：'; or after a
    text block (intro: |) that a line indented less than its own ended early.
    """
    mark, start = error.problem_mark, error.context_mark
    if (
        error.context != "while scanning a simple key"
        or mark is None
        or start is None
        or start.line >= mark.line
    ):
        return None
    lines = text.split("\n")
    if start.line >= len(lines):
        return None
    line = lines[start.line]
    if block := _block_ended_at(text, start.line):
        key, opened, column = block
        here = _column_of(line)
        if here < column:
            return start.line + 1, (
                f"this line starts in column {here}, left of the text under '{key}' on line "
                f"{opened}, so YAML reads that text as ended and this line as a key without ':'; "
                f"indent it like the lines of the text above (column {column})"
            )
    if "\uff1a" in line:
        return start.line + 1, (
            "'：' (U+FF1A, a fullwidth colon) is not the ':' YAML ends a key with; "
            "replace it with ':'"
        )
    written = line.strip()
    if not written or written.startswith(("#", "-", "'", '"', "[", "{")):
        return None
    if run_in := _run_in_key(lines, start.line, mark.line):
        return start.line + 1, run_in
    if ":" in written:
        return None
    fixed = list(lines)
    fixed[start.line] = line.rstrip() + ":"
    if not _reads_past(fixed, mark.line):
        return None
    return start.line + 1, (
        f"'{written}' has no ':' after it, so YAML reads the lines below as more of it; add ':' "
        f"after '{written}'"
    )


# The keys of an entry in papers.yaml (tests check them against its schema): one of them at the
# start of a line is a key, whatever follows it.
_ENTRY_KEYS = frozenset(
    {"themes", "add", "remove", "featured", "note", "order", "hidden", "arxiv", "links", "tags"}
)
# A key and its value with the ':' or the space after it left out: 'tags [a]', 'tags:[a]'.
_RUN_IN = re.compile(r"(\s*)([A-Za-z_][\w-]*)(:?)[ \t]*(\S.*)")


def _run_in_key(lines: list[str], index: int, reported: int) -> str | None:
    """What to write when line ``index`` is a key run into its value: 'tags [a]', 'note:"x"'.

    YAML reads the whole line as one key, on into the lines below. Only said of a known key, or
    of a word before a list, a map or quoted text, and only when writing ': ' between them lets
    the file parse past the line PyYAML reported.
    """
    run_in = _RUN_IN.fullmatch(lines[index].rstrip())
    if run_in is None:
        return None
    indent, key, colon, value = run_in.groups()
    spaced = lines[index][len(indent) + len(key) + len(colon)] in " \t"
    if (colon and spaced) or not (key in _ENTRY_KEYS or value.startswith(("[", "{", "'", '"'))):
        return None
    fixed = list(lines)
    fixed[index] = f"{indent}{key}: {value}"
    if not _reads_past(fixed, reported):
        return None
    if colon:
        return (
            f"no space after '{key}:', so YAML reads the line as one key, on into the lines "
            f"below; write '{key}:' followed by a space"
        )
    return (
        f"'{key}' has no ':' after it, so YAML reads the line as one key, on into the lines "
        f"below; add ':' after '{key}'"
    )


def _run_in_first_key(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """The line above the error, and what to do, when it is an entry's first key run into its value.

    Right under the entry's id, 'tags [a]' reads as the id's text, and the entry's next key as a
    key inside that text: "mapping values are not allowed here", a line below the one to fix.
    """
    mark = error.problem_mark
    if mark is None or error.problem != "mapping values are not allowed here":
        return None
    lines = text.split("\n")
    above = next((i for i in range(mark.line - 1, -1, -1) if lines[i].strip()), None)
    if above is None or not (run_in := _run_in_key(lines, above, mark.line)):
        return None
    return above + 1, run_in


def _block_ended_at(text: str, index: int) -> tuple[str, int, int] | None:
    """The key, its line and the column of a text block (key: |) that line ``index`` ended.

    The column is that of the block's first line of text: YAML takes it for the whole block's.
    """
    last: yaml.Token | None = None
    key: yaml.Token | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(last, yaml.KeyToken):
                key = token
            last = token
    except yaml.YAMLError:
        pass  # the error being explained: the tokens before it are all that is wanted
    if not (
        isinstance(last, yaml.ScalarToken)
        and last.style in ("|", ">")
        and last.end_mark is not None
        and last.end_mark.line == index
        and isinstance(key, yaml.ScalarToken)
    ):
        return None
    lines = text.split("\n")
    for line in lines[last.start_mark.line + 1 : index]:
        if line.strip():
            return f"{key.value}: {last.style}", key.start_mark.line + 1, _column_of(line)
    return None


def _column_of(line: str) -> int:
    """The column a line's text starts in, counted from 1 as editors show them."""
    return len(line) - len(line.lstrip(" ")) + 1


def _char_at(mark: yaml.Mark) -> str:
    """The character at a mark, as PyYAML read it."""
    return (mark.buffer or "")[mark.pointer : mark.pointer + 1]


def _line_before(mark: yaml.Mark) -> str:
    """A mark's line up to the mark, as PyYAML read it.

    From PyYAML's buffer, not the text's lines: a byte-order mark takes no column there.
    """
    buffer = mark.buffer or ""
    return buffer[buffer.rfind("\n", 0, mark.pointer) + 1 : mark.pointer]


def _starts_value(before: str) -> bool:
    """Whether a quote mark after ``before``, a line up to it, opens a value or is in a comment.

    It does after a key, a list dash, or a flow list's or map's bracket or comma.
    """
    kept = before.rstrip()
    return not kept or kept[-1] in ":-[{," or kept.lstrip().startswith("#")


# What YAML reads as syntax in unquoted text inside a list or map in brackets, [a, b] or {k: v}:
# PyYAML ends such text at any of them ('kv[- ]cache', '4-bit?').
_FLOW_SYNTAX = "[]{}?"
# A key and the space after its ':', ending a line up to a value: group 1 is the key.
_KEY_BEFORE = re.compile(r"([^\s'\"\[\]{},][^:\[\]{},]*?):[ \t]+$")
# The dashes of list items at the start of a line, with its indentation.
_LIST_DASHES = re.compile(r"^[ \t]*(?:-[ \t]+)*")
_CLOSING = {"[": "]", "{": "}"}
_BRACKET_TOKENS: dict[type[yaml.Token], str] = {
    yaml.FlowSequenceStartToken: "[",
    yaml.FlowMappingStartToken: "{",
    yaml.FlowSequenceEndToken: "]",
    yaml.FlowMappingEndToken: "}",
}
# A comment ending a line, when it holds no quote mark that could make it part of quoted text.
_COMMENT_END = re.compile(r"[ \t]+#[^'\"]*$")
# Past this length a line is too long to show whole in a message: the value alone is shown.
_SHOWN_LINE = 60
# Anchors and tags before a value ('&cls ', '!!str '): YAML's syntax, written as such.
_PROPERTIES = re.compile(r"(?:[&!][^\s,\[\]{}]*[ \t]+)+")
# The schemas of the files curators write, which say where text may go.
_SCHEMAS = Path(__file__).parent / "schemas"


def _unquoted_syntax(text: str, mark: yaml.Mark) -> str | None:
    """For unquoted text holding YAML syntax where PyYAML stopped: '- [CLS] token', 'kv[- ]cache'.

    Text opening with '[' or '{' reads as a list or map, and in a list or map written in brackets
    text ends at any of '[]{}?' (README's keywords are written so: 'kv[- ]cache', '[CLS] token').
    The value the error is in is found on its line, with the lines YAML reads it on over, and told
    only where the schemas take text (not 'tags: [survey] [classic]', a list) and when the value
    in quotes, on one line, lets the file parse past it: a line out of place gets no such hint.
    The line is shown with the quotes, for the curator to copy; an anchor or a tag before the
    value ('&cls', '!!str') is kept outside them, as it is YAML's, not the text's.
    """
    lines = text.split("\n")
    depths = _flow_depths(text, mark.line)
    if mark.line >= len(lines) or depths is None:
        return None
    line = lines[mark.line]
    for start in reversed(range(min(mark.column, len(line) - 1) + 1)):
        before = line[:start]
        if line[start] in " \t" or not _opens_value(before):
            continue
        opener = depths(start)
        written = _value_at(line, start, bool(opener))
        if not written or written[0] in "'\"" or start + len(written) <= mark.column:
            continue
        properties = _PROPERTIES.match(written)
        kept = properties.group() if properties else ""
        if not _loads(kept + '"x"', meant="x"):
            kept = ""  # no tag the loader takes for text ('!important'): part of the text
        value = written[len(kept) :]
        if not value or value[0] in "'\"":
            return None
        if value[0] in "[{" + _SYNTAX_STARTS:
            if value[0] in "[{" and _holds_structure(value):
                return None  # a list or map that is one, with more after it: not text
            how, char = f"starts with '{value[0]}', which YAML reads as syntax", value[0]
        else:
            char = next((c for c in value if c in _FLOW_SYNTAX), "")
            if not opener or not char:
                return None
            how = f"holds '{char}', which YAML reads as syntax inside {opener} {_CLOSING[opener]}"
        scalar = _plain_scalar(lines, mark.line, start + len(kept), value)
        if scalar is None or _refused_as_text(scalar.key, scalar.items, scalar.text):
            return None
        quoted = quoted_text(scalar.text)
        rest = lines[scalar.end_line][scalar.end_column :]
        fixed = [*lines[: mark.line], before + kept + quoted + rest, *lines[scalar.end_line + 1 :]]
        # The value, wholly on the line fixed: an error past it is another mistake.
        if not _reads_past(fixed, mark.line):
            return None
        key = _KEY_BEFORE.search(_LIST_DASHES.sub("", before))
        what = f"text after '{key.group(1)}:'" if key else f"text '{value}'"
        # The line as it should read, with no comment and no list dash before a lone value; the
        # quoted text alone when that is long, or part of a list or map going on over lines.
        shown = (before + kept + quoted + (_COMMENT_END.sub("", rest) if opener else "")).strip()
        if not key or opener:
            shown = _LIST_DASHES.sub("", shown)
        if len(shown) > _SHOWN_LINE or not _loads(shown):
            shown = kept + quoted
        kind = "single quotes" if quoted[0] == "'" else "double quotes"
        if scalar.end_line > mark.line:
            # YAML read the text on over lines: pasted over its first line alone, the quoted
            # text would leave the others after it, an error.
            kind += (
                f", as one line in place of lines {mark.line + 1} to {scalar.end_line + 1} "
                "(YAML joins them with spaces)"
            )
        return f"{what} {how}, not text; put the text in {kind}: {shown}"
    return None


@dataclass(frozen=True)
class _PlainScalar:
    """Unquoted text as YAML reads it, where it ends, and the key whose value it is (or is in)."""

    text: str
    end_line: int
    end_column: int
    # The key of the map the text is in, and how many lists deep in its value: 'tags: a' is
    # ('tags', 0), '- a' under 'terms:' ('terms', 1). None when the text is in no map.
    key: str | None
    items: int


def _plain_scalar(lines: list[str], index: int, start: int, value: str) -> _PlainScalar | None:
    """The unquoted text starting at column ``start`` of line ``index``, ``value`` on that line.

    YAML reads unquoted text on over the lines below that are indented more than its key or its
    list item, joining them with spaces: 'note: [RNN] classic' may go on on the next line. The
    scanner is asked, with the value's syntax on its line written over (as 'xxx'), so that it
    reads the text whole; the tokens before it say whose value it is.
    """
    placeholder = "x" * len(value)
    probe = [
        *lines[:index],
        lines[index][:start] + placeholder + lines[index][start + len(value) :],
    ]
    # Each list or map open where the text starts: [kind, its key (a map's), whether it is a
    # list written at its key's own indentation, which only the next key or the map's end ends].
    open_: list[list[Any]] = []
    previous: yaml.Token | None = None
    try:
        for token in yaml.scan("\n".join([*probe, *lines[index + 1 :]]), Loader=yaml.SafeLoader):
            place = (token.start_mark.line, token.start_mark.column)
            if place >= (index, start):
                return _scalar_at(token, (index, start), placeholder, value, open_)
            if isinstance(token, (yaml.BlockMappingStartToken, yaml.FlowMappingStartToken)):
                open_.append(["map", None, False])
            elif isinstance(token, (yaml.BlockSequenceStartToken, yaml.FlowSequenceStartToken)):
                open_.append(["list", None, False])
            elif isinstance(token, (yaml.BlockEndToken, *_FLOW_ENDS)):
                if open_ and open_[-1][2]:
                    open_.pop()
                if open_:
                    open_.pop()
            elif isinstance(token, yaml.KeyToken):
                if open_ and open_[-1][2]:
                    open_.pop()
                if open_ and open_[-1][0] == "map":
                    open_[-1][1] = None
            elif isinstance(token, yaml.BlockEntryToken) and open_ and open_[-1][0] == "map":
                open_.append(["list", None, True])
            elif (
                isinstance(token, yaml.ScalarToken)
                and isinstance(previous, yaml.KeyToken)
                and open_
                and open_[-1][0] == "map"
            ):
                open_[-1][1] = token.value
            previous = token
    except yaml.YAMLError:
        pass  # a mistake further on, or in the text itself: nothing sure to say
    return None


_FLOW_ENDS = (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _scalar_at(
    token: yaml.Token, at: tuple[int, int], placeholder: str, value: str, open_: list[list[Any]]
) -> _PlainScalar | None:
    """The text of ``token`` when it is the unquoted text starting ``at``, with its place."""
    if (
        not isinstance(token, yaml.ScalarToken)
        or (token.start_mark.line, token.start_mark.column) != at
        or not token.plain
        or not token.value.startswith(placeholder)
    ):
        return None
    items = 0
    key = None
    for kind, name, _ in reversed(open_):
        if kind == "map":
            key = name
            break
        items += 1
    text = value + token.value[len(placeholder) :]
    return _PlainScalar(text, token.end_mark.line, token.end_mark.column, key, items)


def _opens_value(before: str) -> bool:
    """Whether a value may start after ``before``: a list item's dash, a key's ': ', a bracket."""
    if _LIST_DASHES.fullmatch(before):
        return True
    kept = before.rstrip(" \t")
    if kept.endswith(":"):
        return kept != before
    return kept[-1:] in ("[", "{", ",")


def _value_at(line: str, start: int, in_brackets: bool) -> str:
    """The unquoted value starting at ``start``: to the ',' or bracket ending it, or the line's end.

    Brackets inside it are counted, so 'kv[- ]cache' is one value; a comment ends it.
    """
    depth = 0
    end = len(line)
    for index in range(start, len(line)):
        char = line[index]
        if char == "#" and index > start and line[index - 1] in " \t":
            end = index
            break
        if not in_brackets:
            continue
        if char in "[{":
            depth += 1
        elif char in "]}" or (char == "," and depth == 0):
            if depth == 0:
                end = index
                break
            depth -= 1
    return line[start:end].rstrip()


def _loads(text: str, meant: str | None = None) -> bool:
    """Whether ``text`` is YAML on its own (reading as ``meant``, when that is given)."""
    try:
        read = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    except _CONSTRUCTOR_FAILURES:
        return False
    return meant is None or read == meant


def _holds_structure(value: str) -> bool:
    """Whether the list or map ``value`` opens with holds items or keys: '[a, b]', not '[CLS]'."""
    depth = 0
    for index, char in enumerate(value):
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return False
        elif char == "," or (char == ":" and value[index + 1 : index + 2] in (" ", "")):
            return True
    return True  # never closed: _unclosed_bracket's case


def _flow_depths(text: str, index: int) -> Callable[[int], str] | None:
    """A function giving the bracket a column of line ``index`` is inside of, '[', '{' or ''.

    From the scanner's tokens, so brackets in quoted text or comments count for nothing, and a
    list or map opened on a line above counts. None past the nesting the loader allows: the
    scanner's work grows with the lists and maps open (see _reads_past).
    """
    # Each '[', '{', ']' or '}' YAML reads as syntax, where it is.
    brackets: list[tuple[tuple[int, int], str]] = []
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > index:
                break
            if bracket := _BRACKET_TOKENS.get(type(token)):
                depth += 1 if bracket in "[{" else -1
                if depth > MAX_DEPTH + 1:
                    return None
                brackets.append(((token.start_mark.line, token.start_mark.column), bracket))
    except yaml.YAMLError:
        pass  # the error being explained: the tokens before it are all that is wanted

    def opener(column: int) -> str:
        open_brackets: list[str] = []
        for place, bracket in brackets:
            if place >= (index, column):
                break
            if bracket in "[{":
                open_brackets.append(bracket)
            elif open_brackets:
                open_brackets.pop()
        return open_brackets[-1] if open_brackets else ""

    return opener


def _refused_as_text(key: str | None, items: int, text: str) -> bool:
    """Whether the schemas say ``text`` cannot be the value of ``key`` (``items`` lists deep in it).

    A hint to quote text is wrong where no text goes: quoted, 'tags: [survey] [classic]' is
    refused as no list, and 'formerly: [speed] [cost]' as no theme id. A key the schemas do not
    name, or a place they say nothing of, refuses nothing.
    """
    if key is None:
        return False
    said = False
    for schema, root in _schema_places().get(key, []):
        for place in _items_of(schema, root, items):
            said = True
            if Draft202012Validator({**place, "$defs": root.get("$defs", {})}).is_valid(text):
                return False
    return said


@cache
def _schema_places() -> dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]:
    """The schema of each key the schemas name, with the schema it is in (for its '$ref's)."""
    places: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for path in sorted(_SCHEMAS.glob("*.schema.json")):
        root = json.loads(path.read_text(encoding="utf-8"))
        waiting: list[Any] = [root]
        while waiting:
            node = waiting.pop()
            if isinstance(node, dict):
                for name, schema in node.get("properties", {}).items():
                    places.setdefault(name, []).append((schema, root))
                waiting.extend(node.values())
            elif isinstance(node, list):
                waiting.extend(node)
    return places


def _items_of(schema: dict[str, Any], root: dict[str, Any], depth: int) -> list[dict[str, Any]]:
    """The schemas of the items ``depth`` lists deep in a value ``schema`` describes."""
    if depth == 0:
        return [schema]
    return [
        item
        for branch in _branches(schema, root)
        if isinstance(branch.get("items"), dict)
        for item in _items_of(branch["items"], root, depth - 1)
    ]


def _branches(schema: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    """The schemas a value may meet one of: through '$ref' (to root's $defs) and 'oneOf'."""
    if isinstance(ref := schema.get("$ref"), str) and ref.startswith("#/$defs/"):
        return _branches(root.get("$defs", {}).get(ref.removeprefix("#/$defs/"), {}), root)
    choices = schema.get("oneOf", schema.get("anyOf"))
    if isinstance(choices, list):
        return [branch for choice in choices for branch in _branches(choice, root)]
    return [schema]


def _start_hint(line: str, starts: str = _SYNTAX_STARTS) -> str | None:
    """For a value opening with one of ``starts``, which YAML reads as syntax: note: @karpathy."""
    key = _KEY_LINE.match(line)
    value = line[key.end() :].lstrip() if key else ""
    properties = _PROPERTIES.match(value)
    value = value[properties.end() :] if properties else value  # '&a', '!!str': YAML's own
    if key is None or not value or value[0] not in starts:
        return None
    if value[0] in "[{" and _holds_structure(value):
        return None  # a list or map that is one, with more after it: not text
    if _refused_as_text(key.group(2), 0, value):
        return None  # no text goes there: 'tags: [survey] classic'
    return (
        f"text after '{key.group(2)}:' starts with '{value[0]}', which YAML reads as syntax, not "
        "text; put the text in double quotes"
    )


# The text in double quotes at the start of a string, as written: up to the first " not escaped.
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
# An escape YAML reads in double quotes ('\n', '\"', '\u00e9'): PyYAML's own tables of them.
_ESCAPE = re.compile(
    r"\\(?:["
    + re.escape("".join(yaml.scanner.Scanner.ESCAPE_REPLACEMENTS))
    + "]|"
    + "|".join(
        f"{code}[0-9A-Fa-f]{{{length}}}"
        for code, length in yaml.scanner.Scanner.ESCAPE_CODES.items()
    )
    + ")"
)


def single_quoted(text: str) -> str:
    """``text`` in YAML's single quotes, which read it as written: an apostrophe written twice."""
    return "'" + text.replace("'", "''") + "'"


class _FlowDumper(yaml.SafeDumper):
    """The safe dumper, writing text over lines in double quotes, its breaks escaped.

    In flow style PyYAML writes such text in single quotes over lines, which no one line holds.
    """


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if "\n" in text or not text.isprintable() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_FlowDumper.add_representer(str, _represent_text)


def flow_items(mapping: Mapping[str, Any]) -> str:
    """The keys and values of ``mapping`` as YAML's flow style writes them, on one line.

    'tags: [moe], note: A note' ('' for none), to go between a flow mapping's braces.
    """
    if not mapping:
        return ""
    dumped = yaml.dump(
        dict(mapping),
        Dumper=_FlowDumper,
        default_flow_style=True,
        sort_keys=False,
        allow_unicode=True,
        width=1 << 30,
    )
    return str(dumped).strip()[1:-1]


def _holds_more_than_values(flow: str) -> bool:
    """Whether ``flow``, a flow-style map as written, holds an anchor, an alias or a comment."""
    # Most hold none of their marks, and are not read again; in quotes they are only text.
    if not any(mark in flow for mark in "&*#"):
        return False
    previous = 0
    try:
        for token in yaml.scan(flow, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                return True
            # Between two tokens are only spaces, line breaks and comments.
            if "#" in flow[previous : token.start_mark.index]:
                return True
            previous = token.end_mark.index
    except yaml.YAMLError:
        return True  # read whole, it cannot fail alone; if it does, it is kept as written
    return False


def quoted_text(text: str) -> str:
    r"""``text`` as a quoted YAML value to copy from a message: it reads back as ``text``.

    In double quotes, unless the text holds a '"' or a backslash and no character that does not
    show: single quotes read a backslash as itself, as a regex wants it. A character that does
    not show is written as the escape a message shows it as (errors.printable: '\xa0' for a
    no-break space), which double quotes read back as it; in single quotes the four characters
    '\xa0' copied from the message would be the text.
    """
    if text.isprintable():
        return single_quoted(text) if '"' in text or "\\" in text else f'"{text}"'
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else repr(c)[1:-1] for c in escaped) + '"'


def _escape_hint(error: yaml.MarkedYAMLError) -> str | None:
    r"""For a backslash in double quotes that starts no escape: regex: "\d+-bit".

    In double quotes YAML reads '\' as the start of an escape ('\n', '\"'); in single quotes a
    backslash is itself, which is how a regex is written.
    """
    start, mark = error.context_mark, error.problem_mark
    problem = error.problem or ""
    if (
        error.context != "while scanning a double-quoted scalar"
        or start is None
        or mark is None
        or not problem.startswith(("found unknown escape", "expected escape sequence"))
    ):
        return None
    buffer = mark.buffer or ""
    escape = buffer[buffer.rfind("\\", 0, mark.pointer) : mark.pointer + 1]
    reason = f"in double quotes a backslash starts an escape, and '{escape}' is none"
    written = _DOUBLE_QUOTED.match(buffer, start.pointer)
    if written is None or _ESCAPE.search(written.group(1)) or not written.group(1).isprintable():
        # An escape the text holds (\", \u00e9) would be itself in single quotes: the text
        # would read otherwise. Doubled, the backslash is itself in double quotes too. A
        # character that does not show is shown in the message as an escape ('\xa0'), which in
        # single quotes would be itself once copied.
        return (
            f"{reason}; write '\\{escape}' for a backslash followed by '{escape[1:]}' "
            "(each backslash meant as itself doubled)"
        )
    single = single_quoted(written.group(1))
    return f"{reason}; write the text in single quotes, {single}, in which a backslash is itself"


def _written_double_quoted(node: yaml.Node) -> str | None:
    """The text between a value's double quotes as written, on one line; None for other values."""
    start, end = node.start_mark, node.end_mark
    buffer = start.buffer or ""
    if not isinstance(node, yaml.ScalarNode) or node.style != '"':
        return None
    # An anchor or a tag may come before the quotes ('&a "x"'); neither holds a '"'.
    opening = buffer.find('"', start.pointer, end.pointer)
    written = _DOUBLE_QUOTED.match(buffer, opening) if opening >= 0 else None
    return written.group(1) if written and written.end() == end.pointer else None


def _read_escape(escape: str) -> str:
    r"""The character an escape in double quotes reads as: '\b' a backspace, '\x07' a bell."""
    if escape[1] in yaml.scanner.Scanner.ESCAPE_CODES:
        return chr(int(escape[2:], 16))
    replacement: str = yaml.scanner.Scanner.ESCAPE_REPLACEMENTS[escape[1]]
    return replacement


def _control_characters(value: str, written: str | None, key: str | None = None) -> str:
    r"""The refusal of text holding control characters: each one named, and where it came from.

    They come of escapes in double quotes, most often a regex's '\b' ("\bmamba\b" reads a
    backspace on each side of 'mamba'): removed, the regex would match 'Mambaformer' too, so
    the text is shown in single quotes, where a backslash is itself, as for "\d+-bit". A
    'keyword' (``key``) is not a regex: in single quotes its '\b' would be matched literally,
    the next error, while it matches whole words already; so it is shown without the escapes,
    and the single quotes go with 'regex:'.
    """
    found = list(dict.fromkeys(CONTROL.findall(value)))
    one = len(found) == 1
    named = (
        f"control character{'' if one else 's'} "
        f"{listed([f'U+{ord(char):04X}' for char in found])} in text"
    )
    escapes = [match.group() for match in _ESCAPE.finditer(written or "")]
    controls = list(dict.fromkeys(e for e in escapes if CONTROL.fullmatch(_read_escape(e))))
    if written is None or not controls:
        # Written over lines, or of no escape seen: what the text was meant to be is unsure.
        them = "it" if one else "them"
        return f"{named} (written as an escape?): nothing can show {them}; remove {them}"
    shown = listed([f"'{escape}'" for escape in controls])
    reason = (
        f"{named}, written {shown}: in double quotes a backslash starts an escape, and nothing "
        f"can show {'this one' if len(controls) == 1 else 'these'}"
    )
    removed = f"or remove {'it' if len(controls) == 1 else 'them'}"
    if any(escape not in controls for escape in escapes) or not written.isprintable():
        # As in _escape_hint: another escape (\", \u00e9) would be itself in single quotes.
        doubled = listed([f"'\\{escape}'" for escape in controls])
        follows = listed([f"'{escape[1:]}'" for escape in controls])
        as_written = (
            f"{doubled} for a backslash followed by {follows} (each backslash meant as itself "
            "doubled)"
        )
    else:
        as_written = (
            f"the text in single quotes, {single_quoted(written)}, in which a backslash is itself"
        )
    bare = CONTROL.sub("", value).strip()
    if key == "keyword" and bare:
        return (
            f"{reason}; a keyword matches whole words already: write {single_quoted(bare)}, "
            f"without {shown}, or 'regex:' for 'keyword:' and {as_written}"
        )
    return f"{reason}; write {as_written}, {removed}"


def _quote_hint(before: str) -> str | None:
    """The likely cause when quoted text is followed by more text: a quote mark inside it.

    note: 'It's a tour.' reads as the text 'It' and then s a tour.', which PyYAML reports as
    "expected <block end>, but found '<scalar>'". Only that shape gets the hint: the line holds
    a quoted text closed just before where the parser stopped.
    """
    quote = before[-1:]
    return _QUOTE_HINTS.get(quote) if quote and before.count(quote) >= 2 else None


def _indent_hint(lines: list[str], index: int, consequence: str) -> str | None:
    """Say how line ``index`` is indented against the nearest key line above it."""
    here = _KEY_LINE.match(lines[index]) if index < len(lines) else None
    if here is None:
        return None
    for above in range(index - 1, -1, -1):
        key = _KEY_LINE.match(lines[above])
        if key:
            column, wanted = len(here.group(1)) + 1, len(key.group(1)) + 1
            if column == wanted:
                return None
            # Columns, counted from 1 as editors show them.
            return (
                f"this line starts in column {column} and the key on line {above + 1} in column "
                f"{wanted}, {consequence}; the keys of one entry start in the same column"
            )
    return None


def _misplaced_key(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """The line to fix, and how, when a key indented unlike its entry's gets the error below it.

    PyYAML stops at the first line it cannot place, which is not always the one indented wrongly:
    a key moved left between two keys of its entry ends the entry, so the next key reads as more
    of its text; one moved left right under the key that opens its entry leaves that key empty,
    and every later key of the entry (or the next entry) fits nowhere. Only those two shapes are
    named, and only when indenting the line like the reported one lets the file parse past it;
    otherwise either line may be the wrong one, and _indent_hint's message stands.
    """
    mark = error.problem_mark
    problem = error.problem or ""
    if mark is None or not (
        problem == "mapping values are not allowed here"
        or problem.startswith("expected <block end>")
    ):
        return None
    lines = text.split("\n")
    here_key = _KEY_LINE.match(lines[mark.line]) if mark.line < len(lines) else None
    if here_key is None or here_key.group(1).strip() or mark.column >= here_key.end():
        return None  # no key at the mark, or ': ' inside text after the key: _syntax_hint's case
    here = len(here_key.group(1)) + 1
    # Above the mark the keys are the scanner's, so text that looks like one ("what they cost:"
    # in a block of text) is none; below it the scanner does not go.
    columns = _key_columns(text)
    above = sorted(i for i in columns if i < mark.line)
    after = (_KEY_LINE.match(line) for line in lines[mark.line + 1 :])
    below = [len(key.group(1)) + 1 for key in after if key][:1]
    # The line to fix starts left of every key between it and the reported line: those are its
    # own keys (or text), read as they were meant.
    lowest = here
    for position in range(len(above) - 1, 0, -1):
        index, before = above[position], above[position - 1]
        column = columns[index]
        if column >= lowest:
            continue
        lowest = column
        among = columns[before] == here and index == above[-1]
        # The reported line may be as much the odd one, between keys in this line's column;
        # unless the key after it opens an entry, as this line does not: that column is the
        # entries' one.
        if (
            among
            and below
            and below[0] == column
            and (not _opens_block(_next_key_line(lines, mark.line)) or _opens_block(lines[index]))
        ):
            return None
        opener = columns[before] == column and _opens_block(lines[before])
        # An entry's first key moved left among the entries, its own keys under it: it ends
        # the entries, and the next entry (the reported line) fits nowhere.
        sibling = None if among or opener else _sibling_above(columns, above[:position], here)
        if lines[index].lstrip().startswith("-") or not (among or opener or sibling is not None):
            continue  # a list item's dash is its own syntax: _syntax_hint's case
        if not _parses_past(lines, index, here, mark.line):
            return None
        if sibling is not None:
            parent = _parent_key(lines, columns, above, sibling, here)
            reason = (
                f"this line starts in column {column}, left of the keys on lines {sibling + 1} "
                f"and {mark.line + 1} in column {here}, so YAML reads it as ending the entries "
                f"{parent} and cannot place line {mark.line + 1}; indent it to column {here} "
                "like them"
            )
        elif among:
            reason = (
                f"this line starts in column {column} and the keys on lines {before + 1} and "
                f"{mark.line + 1} around it in column {here}, so YAML reads it as ending their "
                f"entry; indent it to column {here} like them"
            )
        else:
            reason = (
                f"this line starts in column {column} like the key on line {before + 1}, so YAML "
                f"reads that key as empty and cannot place line {mark.line + 1} (column {here}); "
                f"indent this line to column {here} like line {mark.line + 1}"
            )
        return index + 1, reason
    return None


def _key_columns(text: str) -> dict[int, int]:
    """The column of the first key on each line the scanner reads before it stops, by line index."""
    columns: dict[int, int] = {}
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.KeyToken) and token.start_mark is not None:
                columns.setdefault(token.start_mark.line, token.start_mark.column + 1)
    except yaml.YAMLError:
        pass  # the error being explained: the keys before it are all that is wanted
    return columns


def _sibling_above(columns: dict[int, int], above: list[int], column: int) -> int | None:
    """The nearest of the key lines ``above`` (line indexes, in order) in ``column``.

    Only when no key between it and the last of them starts left of that column: a key further
    left ends the map the key in ``column`` was in.
    """
    for index in reversed(above):
        if columns[index] <= column:
            return index if columns[index] == column else None
    return None


def _parent_key(
    lines: list[str], columns: dict[int, int], above: list[int], index: int, column: int
) -> str:
    """Where the keys in ``column`` from line ``index`` up are, for a message: under 'papers:'."""
    for parent in reversed([i for i in above if i < index]):
        if columns[parent] < column:
            key = _KEY_LINE.match(lines[parent])
            if key is None or key.group(1).strip():
                break
            return f"under '{key.group(2)}:' (line {parent + 1})"
    return "above"


def _next_key_line(lines: list[str], index: int) -> str:
    return next((line for line in lines[index + 1 :] if _KEY_LINE.match(line)), "")


def _opens_block(line: str) -> bool:
    """Whether a key line ends at its ':' (a comment aside): its value is on the lines below."""
    key = _KEY_LINE.match(line)
    rest = line[key.end() :].strip() if key else "x"
    return not rest or rest.startswith("#")


def _parses_past(lines: list[str], index: int, column: int, reported: int) -> bool:
    """Whether line ``index`` indented to ``column`` lets YAML read past line ``reported``."""
    fixed = list(lines)
    fixed[index] = " " * (column - 1) + fixed[index].lstrip(" ")
    return _reads_past(fixed, reported)


def _reads_past(fixed: list[str], reported: int) -> bool:
    """Whether YAML reads the lines ``fixed`` past line index ``reported``, as the loader would.

    Lines nesting deeper than the loader allows are no fix: the loader refuses them. Stopping
    there also keeps the re-parse as cheap as loading: PyYAML's scanner does work in proportion
    to the lists and maps open at every token, so 'tags: [[[[…' thousands deep took minutes.
    """
    depth = 0
    try:
        # Events only: the parser keeps its own stack, so no nesting can make this recurse.
        for event in yaml.parse("\n".join(fixed), Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        return exc.problem_mark is not None and exc.problem_mark.line > reported
    except yaml.YAMLError:
        return False
    return True


def _null_key(written: str) -> str:
    if not written:
        return "a key is missing before ':'"
    return (
        f"key {written} is read as nothing (YAML's null); quote it, '{written}', to mean the text"
    )


def unquoted_key(what: str, written: str, key: object) -> str:
    """Says a key YAML read as other than text (yes, 2024, 2024-05-01) must be quoted."""
    return (
        f"{what} {written} must be quoted ('{written}'): unquoted, YAML reads it as {describe(key)}"
    )


def _lone_carriage_returns(text: str, path: str) -> list[Problem]:
    """A warning for each line holding a CR alone, in a file whose other lines end in LF or CRLF.

    YAML ends a line there, as old Mac editors did; vim, less, GitHub and grep -n do not, and
    show no break. A file of lone CRs only is numbered alike by both. Lines are named as an
    editor numbers them, here and in every message about the file (see editor_lines). Past
    MOST_LONE_CR_LINES lines, one warning names the file's line ends: a file converted to CRLF
    twice ends every line in CR CR LF, and had a warning for each.
    """
    if "\n" not in text or not _LONE_CR.search(text):
        return []
    lines = text.split("\n")
    # A CR at a line's end was followed by its LF (or ends the file): a line end, not lone.
    found = [
        number for number, line in enumerate(lines, start=1) if "\r" in line.removesuffix("\r")
    ]
    if len(found) > MOST_LONE_CR_LINES:
        doubled = sum(1 for line in lines if line.endswith("\r\r"))
        ends = (
            "most lines end in CR CR LF (converted to Windows line ends twice?), which YAML reads "
            "as a blank line after each"
            if doubled * 2 > len(lines)
            else "a CR without a line feed ends part of a line, which YAML reads as a line break"
        )
        message = (
            f"{len(found):,} lines hold an invisible line break U+000D (carriage return) without "
            f"a line feed, the first this one: {ends}; save the file with LF (or CRLF) line ends"
        )
        return [Problem(path, found[0], message, Severity.WARNING)]
    message = (
        "invisible line break U+000D (carriage return) without a line feed, read as a line "
        "break; remove it, or end the line there in the editor"
    )
    return [Problem(path, number, message, Severity.WARNING) for number in found]


def _without_unseen_breaks(
    text: str, path: str, shown: Callable[[int], int]
) -> tuple[str, list[Problem]]:
    """The text with each line break only YAML sees made a space, and a warning for each line.

    YAML 1.1 breaks lines at U+0085, U+2028 and U+2029 as well; editors and GitHub show none of
    them, so every later line number would be off by one from the line a curator opens. The
    lines of ``text`` are PyYAML's: ``shown`` numbers them as an editor does.
    """
    found: list[Problem] = []
    if not _UNSEEN_BREAK.search(text):
        return text, found
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _UNSEEN_BREAK.finditer(line):
            code = ord(match.group())
            message = (
                f"invisible line break U+{code:04X} ({_UNSEEN_BREAKS[code]}), read as a space; "
                "remove it"
            )
            found.append(Problem(path, shown(number), message, Severity.WARNING))
            break  # one warning a line
    return _UNSEEN_BREAK.sub(" ", text), found


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader, refusing documents too deep or too large while it composes them.

    PyYAML's composer recurses once per nesting level, so ``[[[[…`` a few thousand deep would end in
    RecursionError, and it builds every node before anyone can count them.
    """

    def __init__(
        self,
        text: str,
        path: str,
        too_big: str = "",
        shown: Callable[[int], int] = _same_line,
    ) -> None:
        super().__init__(text)
        self.path = path
        self.too_big = too_big
        self.shown = shown  # a line as an editor numbers it (see editor_lines)
        self.depth = 0
        self.nodes = 0
        # A syntax error right after quoted text may come of a quote left open: see
        # _unclosed_quote.
        self.last_event: yaml.Event | None = None

    def get_event(self) -> yaml.Event:
        """Take the next event, remembering it."""
        event: yaml.Event = super().get_event()  # type: ignore[no-untyped-call]
        self.last_event = event
        return event

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Compose one node, counting it and the nesting it opens."""
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            target = self.anchors.get(event.anchor)
            # A list or map is given its end once composed: without one, the alias is inside it.
            # Composed, the value would hold itself, and reading it was told only as "nesting
            # deeper than 40 levels".
            if isinstance(target, yaml.CollectionNode) and target.end_mark is None:
                alias, anchor = event.start_mark, target.start_mark
                name = event.anchor
                raise PapersiteError(
                    self.path,
                    self.shown(alias.line + 1) if alias else None,
                    f"alias *{name} is inside its own anchor &{name}"
                    + (f" (line {self.shown(anchor.line + 1)})" if anchor else "")
                    + ": an anchor's value cannot hold itself",
                )
        self.nodes += 1
        self.depth += 1
        try:
            if self.nodes > MAX_NODES:
                raise self._refuse(f"document has more than {MAX_NODES:,} values{self.too_big}")
            if self.depth > MAX_DEPTH + 1:
                raise self._refuse(f"nesting deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _refuse(self, message: str) -> PapersiteError:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        return PapersiteError(self.path, self.shown(event.start_mark.line + 1), message)

    def construct_int(self, node: yaml.ScalarNode) -> int:
        """A whole number as YAML 1.2 reads it (see _INT_PATTERN); with !!int, refuses 1:30 too."""
        text = self.construct_scalar(node)
        if not isinstance(text, str) or not _INT_PATTERN.fullmatch(text):
            raise ValueError(text)
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text)


# PyYAML keeps resolvers in one dict per class, shared with its own loaders unless copied: the
# loader's are yaml.SafeLoader's, less YAML 1.1's numbers, plus 1.2's, whole numbers first (1.2's
# pattern for floats matches them too).
_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in (_INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BoundedLoader.add_implicit_resolver(_INT, _INT_PATTERN, list("-+0123456789"))
_BoundedLoader.add_implicit_resolver(_FLOAT, _FLOAT_PATTERN, list("-+.0123456789"))
# YAML 1.1's constructor for floats reads every float 1.2's pattern takes as 1.2 does.
_BoundedLoader.add_constructor(_INT, _BoundedLoader.construct_int)


_BLOCKS = ("|", ">")


def _block_lines(
    text_lines: list[str], node: yaml.ScalarNode, count: int
) -> tuple[tuple[int | None, ...], tuple[tuple[int, str], ...]] | None:
    """The 1-based line each of the ``count`` lines of a block's text starts on, None if blank.

    A '|' block keeps its lines: the text's nth is the nth below the '|'. A '>' block joins a
    line to the one before it when both start at the block's indent with no blank line between;
    a blank line there is the line break, and so are any more. None when whitespace-only lines
    deeper than a '>' block make it less plain to follow. Also the lines written as list items that
    a '>' block joins so (line and text).
    """
    header = node.start_mark.line
    # The block ends where its end mark is, or before it when that starts the next line.
    end = node.end_mark.line + (node.end_mark.column > 0)
    indent: int | None = None
    if any(char.isdigit() for char in text_lines[header][node.start_mark.column :].split("#")[0]):
        # An indentation indicator ('>2') counts from the parent's indent, which the node does not
        # give, and the first line may be deeper: the block's indent is the first line's, less
        # the spaces its text keeps. A blank line deeper than that still leaves the lines unknown.
        text = next((line for line in node.value.split("\n") if line.strip()), None)
        first = next((line for line in text_lines[header + 1 : end] if line.strip()), None)
        if text is not None and first is not None:
            indent = len(first) - len(first.lstrip(" ")) - (len(text) - len(text.lstrip(" ")))
    found: list[int | None] = [None] * count
    folded: list[tuple[int, str]] = []
    at = 0  # the line of the text the next line of the block goes on
    blanks = 0
    plain_before: bool | None = None  # whether the line before starts at the indent; None: first
    for number in range(header + 1, min(end, len(text_lines))):
        line = text_lines[number].rstrip("\r")
        if not line.strip():
            # Kept as text, spaces past the indent make no line of a '|' block another's (an
            # editor leaves them on blank lines); in a '>' one they stop a fold.
            if indent is not None and len(line) > indent and node.style != "|":
                return None
            blanks += 1
            continue
        if indent is None:
            indent = len(line) - len(line.lstrip(" "))
        elif len(line) - len(line.lstrip(" ")) < indent:
            break  # the block has ended: a comment, or the next key
        plain = line[indent] not in " \t"
        if node.style == "|" or plain_before is None:
            at = number - header - 1
        elif plain and plain_before:
            at += blanks  # joined to the line before, or a blank line for the break
            if not blanks and opens_list(line[indent:]):
                folded.append((number + 1, line[indent:].rstrip()))
        else:
            at += 1 + blanks
        plain_before = plain
        blanks = 0
        if at < count and found[at] is None:
            found[at] = number + 1
    return tuple(found), tuple(folded)


def _key_of(location: Location) -> str | None:
    """The key of the value at ``location``: a list item's is its list's; None at the top."""
    return next((part for part in reversed(location) if isinstance(part, str)), None)


def _unsupported_tag(tag: str, location: Location) -> str:
    """The refusal of a tag papersite does not read ('!custom'), naming it as written, and its key.

    PyYAML's own words ("could not determine a constructor") name neither the key nor the fix.
    """
    written = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
    message = f"unsupported YAML tag '{written}': remove it"
    key = _key_of(location)
    return f"'{key}': {message}" if key is not None else message


class _Converter:
    """Turns a composed node graph into plain data, checking as it goes."""

    def __init__(self, path: str, text_lines: list[str], shown: Callable[[int], int]) -> None:
        self.path = path
        self.text_lines = text_lines
        # PyYAML's marks count ``text_lines``; messages and places name an editor's lines.
        self.shown = shown
        self.lines: dict[Location, int] = {}
        self.written: dict[Location, str] = {}
        self.written_values: dict[Location, str] = {}
        self.block_lines: dict[Location, tuple[int | None, ...]] = {}
        self.folded_items: dict[Location, tuple[tuple[int, str], ...]] = {}
        self.quoted: set[Location] = set()
        self.literal: set[Location] = set()
        self.flow_ends: dict[Location, int] = {}
        self.flow_extras: set[Location] = set()
        self.duplicates: list[DuplicateKey] = []
        self.nodes = 0
        self.constructor = _BoundedLoader("", path)
        # Every duplicate key and control character is reported at once, so a curator fixes
        # them in one round.
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node, message: str) -> PapersiteError:
        return PapersiteError(self.path, self.line_of(node), message)

    def line_of(self, node: yaml.Node) -> int:
        """The line ``node`` starts on, as an editor numbers it."""
        return self.shown(node.start_mark.line + 1)

    def convert(self, node: yaml.Node, location: Location, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(
                node, f"document expands to more than {MAX_NODES:,} values (aliases nested?)"
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting deeper than {MAX_DEPTH} levels")
        self.lines.setdefault(location, self.line_of(node))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
            # The safe loader would refuse these too; composing alone does not look at them.
            raise self.fail(node, _unsupported_tag(node.tag, location))
        if isinstance(node, yaml.MappingNode):
            return self.convert_mapping(node, location, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.convert(item, (*location, index), depth + 1)
                for index, item in enumerate(node.value)
            ]
        value = self.convert_scalar(node, location)
        if isinstance(node, yaml.ScalarNode) and node.style in _QUOTES:
            self.quoted.add(location)
        if isinstance(value, str) and isinstance(node, yaml.ScalarNode) and node.style in _BLOCKS:
            placed = _block_lines(self.text_lines, node, value.count("\n") + 1)
            if placed is not None:
                lines, folded = placed
                self.block_lines[location] = tuple(
                    None if line is None else self.shown(line) for line in lines
                )
                if folded:
                    self.folded_items[location] = tuple(
                        (self.shown(line), item) for line, item in folded
                    )
                if node.style == "|":
                    self.literal.add(location)
        if isinstance(value, str) and isinstance(node, yaml.ScalarNode) and node.style is None:
            self.check_comment_after(node, value)
        elif not isinstance(value, str) and isinstance(node, yaml.ScalarNode):
            written = node.value or self.tag_written(node)
            if written:
                self.written_values[location] = written
        return value

    def tag_written(self, node: yaml.ScalarNode) -> str:
        """An empty value's tag as written ('!!null'), or '' for a value with no tag written.

        'arxiv: !!null' says null as plainly as 'arxiv: null'; 'arxiv:' says nothing, and may be
        a value not written yet. So do an anchor alone ('arxiv: &a') and the non-specific tag
        ('arxiv: !'), which YAML reads as that empty value too. Only the text the node spans
        tells them apart; an empty value that is not null has failed with its tag before.
        """
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or start.line >= len(self.text_lines):
            return ""
        spanned = self.text_lines[start.line][start.column : end.column].split()
        tags = [part for part in spanned if part.startswith("!") and part != "!"]
        return tags[0] if tags else ""

    def check_comment_after(self, node: yaml.Node, value: str) -> None:
        """Warn when a comment on the line of unquoted text most likely was part of the text.

        "note: Best paper #1 on RNNs" reads as "Best paper": YAML takes ' #' for the start of a
        comment. A comment after prose, or a '#' run into a word ("#1", "#ad"), was meant as
        text; "section: rnns  # moved" is a comment, and is left alone.
        """
        line = node.end_mark.line
        after = self.text_lines[line][node.end_mark.column :] if line < len(self.text_lines) else ""
        comment = _COMMENT_AFTER.match(after)
        if comment is None or not (" " in value or comment.group(1)):
            return
        shown = value if len(value) <= 40 else value[:40] + "…"
        message = (
            f"' #' starts a YAML comment, so the text ends before it and reads '{shown}': to keep "
            "the '#', put the whole text in double quotes; a comment goes on a line of its own"
        )
        self.problems.append(Problem(self.path, self.shown(line + 1), message, Severity.WARNING))

    def convert_mapping(self, node: yaml.MappingNode, location: Location, depth: int) -> Any:
        if node.flow_style:
            start, end = node.start_mark, node.end_mark
            self.flow_ends[location] = self.shown(end.line + 1)
            written = self.text_lines[start.line : end.line + 1]
            written[-1] = written[-1][: end.column]
            written[0] = written[0][start.column :]
            if _holds_more_than_values("\n".join(written)):
                self.flow_extras.add(location)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "merge keys ('<<') are not supported; write keys out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "mapping keys must be plain text")
            key = self.convert_scalar(key_node)
            if key is None:
                # null, ~ or nothing is YAML's empty value, which names nothing: the entry is
                # reported and skipped, so the rest of the file is still read.
                self.problems.append(
                    Problem(self.path, self.line_of(key_node), _null_key(key_node.value))
                )
                continue
            if key in result:
                first = self.lines.get((*location, key))
                line = self.line_of(key_node)
                first_written = self.written.get((*location, key), key)
                if not isinstance(key, str) and first_written != key_node.value:
                    # on after yes (both true), or yes after 1 (True == 1): no key written twice.
                    message = (
                        f"{unquoted_key('key', key_node.value, key)}, which cannot be told from "
                        f"{first_written} on line {first}"
                    )
                else:
                    message = f"duplicate key '{key_node.value}' (first defined on line {first})"
                problem = Problem(self.path, line, message)
                self.problems.append(problem)
                self.duplicates.append(DuplicateKey((*location, key), key_node.value, problem))
                continue
            if not isinstance(key, str):
                self.written[(*location, key)] = key_node.value
            self.lines[(*location, key)] = self.line_of(key_node)
            result[key] = self.convert(value_node, (*location, key), depth + 1)
        return result

    def convert_scalar(self, node: yaml.Node, location: Location = ()) -> Any:
        key = _key_of(location)
        if node.tag == _NULL and node.value not in _NULL_WRITTEN:
            # '!!null' reads any text as nothing: 'arxiv: !!null 1506.00019' drops the id without a
            # word. Meant as null, it is written plainly; meant as the value, it has no tag.
            write = f"'{key}: null'" if key is not None else "null"
            message = (
                f"'!!null' reads '{node.value}' as nothing: write {write} for nothing, or "
                f"'{node.value}' without the tag"
            )
            raise self.fail(node, f"'{key}': {message}" if key is not None else message)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            if node.tag not in self.constructor.yaml_constructors:
                raise self.fail(node, _unsupported_tag(node.tag, location)) from None
            raise self.fail(node, f"unsupported YAML value: {exc.problem}") from None
        except _CONSTRUCTOR_FAILURES:
            if isinstance(node, yaml.ScalarNode) and node.tag == _TIMESTAMP and node.style is None:
                # Plain text the resolver took for a date by its shape alone (2025-13-45): text,
                # as YAML 1.2 reads it, so the rest of the file is still read, and the schema or
                # the reader of the value says what it expected there.
                return node.value
            # An explicit tag (!!int, !!bool, !!timestamp) reaches them with any text at all.
            kind = node.tag.rsplit(":", 1)[-1].replace("timestamp", "date")
            message = f"'{node.value}' is not a valid {kind}"
            # The value's key, which an empty value alone leaves unsaid: "'' is not a valid int"
            # at a line holding a few keys.
            if key is not None:
                message = (
                    f"'{key}' is empty: {message}" if not node.value else f"'{key}': {message}"
                )
            raise self.fail(node, message) from None
        if isinstance(value, str) and CONTROL.search(value):
            # The reader refuses them written raw; a double-quoted escape ("\a", "\x07") gets
            # past it, and no page, feed or CSV cell can show one. Each is named at once, so
            # that one round of fixes is enough.
            message = _control_characters(value, _written_double_quoted(node), key)
            self.problems.append(Problem(self.path, self.line_of(node), message))
        return value
