"""Safe YAML loading that remembers where every value came from.

PyYAML merges duplicate keys silently and reports no line numbers once a document is loaded, and
its full loader builds arbitrary Python objects. Curators' YAML arrives in pull requests from
strangers, so this module composes the node graph with the safe loader, reports every duplicate
key, bounds size, depth and alias expansion, and keeps a line number for every key and item. The
bounds are enforced while parsing, not after: a hostile file is refused before it can exhaust the
stack or fill memory with nodes. A file that does not parse is told as the curator's likely
mistake, at the line to fix, by yaml_hints.py.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from papersite.characters import CONTROL
from papersite.errors import PapersiteError, Problem, Problems, Severity, cannot_read
from papersite.markup import opens_list
from papersite.wording import describe, listed

# A curation file is a few hundred KB; far past that something is wrong (or hostile).
MAX_BYTES = 4 * 1024 * 1024
# Real curation nests four levels; deep nesting is a way to exhaust the stack.
MAX_DEPTH = 40
# How a file nested deeper is refused, at the line the nesting goes too deep.
TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels"
# The shipped papers.yaml has about 2,500 values. Counted twice: as the parser builds nodes (a
# file of a million one-character items would otherwise cost gigabytes before any check), and as
# aliases are expanded (so anchors cannot multiply a small file).
MAX_NODES = 200_000

Location = tuple[str | int, ...]

# Enough of a file's start to tell UTF-16 or UTF-32 without a byte-order mark from UTF-8.
WIDE_SNIFF_BYTES = 64

# The line breaks YAML 1.1 reads that editors and GitHub do not show, and how messages name them.
UNSEEN_BREAKS = {0x85: "next line", 0x2028: "line separator", 0x2029: "paragraph separator"}
UNSEEN_BREAK = re.compile("[\x85\u2028\u2029]")
# The line breaks YAML 1.1 reads, and those an editor does (vim, less, GitHub, grep -n).
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
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
CONSTRUCTOR_FAILURES = (ValueError, TypeError, LookupError, AttributeError, ArithmeticError)
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
    shown = editor_lines(UNSEEN_BREAK.sub(" ", text))
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
        # Imported here: the hints read this module's bounds and line numbering, so it cannot
        # import them before it is loaded itself.
        from papersite.yaml_hints import syntax_error

        line, reason = syntax_error(text, exc, shown, loader.marks, loader.last_event)
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


# How the two quoted styles are named in messages, by their quote mark (a node's style).
QUOTES = {'"': "double quotes", "'": "single quotes"}


def editor_lines(text: str) -> Callable[[int], int]:
    """A function from a line of ``text`` as PyYAML numbers it (1-based) to the line editors show.

    YAML ends a line at CRLF, LF, a CR alone, U+0085, U+2028 and U+2029; vim, less, GitHub and
    grep -n at CRLF and LF only, and at a CR alone only in a file with no LF (old Mac line
    ends): every line after one of the others was named one too low. A line past the end keeps
    its distance from the last one.
    """
    if not UNSEEN_BREAK.search(text) and not ("\n" in text and _LONE_CR.search(text)):
        return _same_line
    counted = ("\r\n", "\n") if "\n" in text else ("\r",)
    shown = [1]  # the editor's number of each line PyYAML counts
    for found in YAML_LINE_BREAK.finditer(text):
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


# The text in double quotes at the start of a string, as written: up to the first " not escaped.
DOUBLE_QUOTED = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
# An escape YAML reads in double quotes ('\n', '\"', '\u00e9'): PyYAML's own tables of them.
ESCAPE = re.compile(
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


def _written_double_quoted(node: yaml.Node) -> str | None:
    """The text between a value's double quotes as written, on one line; None for other values."""
    start, end = node.start_mark, node.end_mark
    buffer = start.buffer or ""
    if not isinstance(node, yaml.ScalarNode) or node.style != '"':
        return None
    # An anchor or a tag may come before the quotes ('&a "x"'); neither holds a '"'.
    opening = buffer.find('"', start.pointer, end.pointer)
    written = DOUBLE_QUOTED.match(buffer, opening) if opening >= 0 else None
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
    escapes = [match.group() for match in ESCAPE.finditer(written or "")]
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
        # As in yaml_hints._escape_hint: another escape (\", \u00e9) would be itself in single
        # quotes.
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
    if not UNSEEN_BREAK.search(text):
        return text, found
    for number, line in enumerate(text.split("\n"), start=1):
        for match in UNSEEN_BREAK.finditer(line):
            code = ord(match.group())
            message = (
                f"invisible line break U+{code:04X} ({UNSEEN_BREAKS[code]}), read as a space; "
                "remove it"
            )
            found.append(Problem(path, shown(number), message, Severity.WARNING))
            break  # one warning a line
    return UNSEEN_BREAK.sub(" ", text), found


class EventLoader(yaml.SafeLoader):
    """The safe loader, remembering the last event its parser gave out.

    A syntax error right after quoted text may come of a quote left open: see
    yaml_hints._unclosed_quote, which reads ``last_event``, as :func:`yaml_hints.syntax_error`
    reads the parser's ``marks``.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.last_event: yaml.Event | None = None

    def get_event(self) -> yaml.Event:
        """Take the next event, remembering it."""
        event: yaml.Event = super().get_event()  # type: ignore[no-untyped-call]
        self.last_event = event
        return event


class _BoundedLoader(EventLoader):
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
                raise self._refuse(TOO_DEEP)
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


def unsupported_tag(tag: str, location: Location, fix: str = ": remove it") -> str:
    """The refusal of a tag papersite does not read ('!custom'), naming it as written, and its key.

    PyYAML's own words ("could not determine a constructor") name neither the key nor the fix.
    ``fix`` follows the tag: another one for a tag of MkDocs' (yaml_hints.unknown_tag).
    """
    written = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
    message = f"unsupported YAML tag '{written}'{fix}"
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
            raise self.fail(node, TOO_DEEP)
        self.lines.setdefault(location, self.line_of(node))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
            # The safe loader would refuse these too; composing alone does not look at them.
            raise self.fail(node, unsupported_tag(node.tag, location))
        if isinstance(node, yaml.MappingNode):
            return self.convert_mapping(node, location, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.convert(item, (*location, index), depth + 1)
                for index, item in enumerate(node.value)
            ]
        value = self.convert_scalar(node, location)
        if isinstance(node, yaml.ScalarNode) and node.style in QUOTES:
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
                raise self.fail(node, unsupported_tag(node.tag, location)) from None
            raise self.fail(node, f"unsupported YAML value: {exc.problem}") from None
        except CONSTRUCTOR_FAILURES:
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
