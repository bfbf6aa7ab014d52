"""What a curator most likely did, when a YAML file does not parse: PyYAML's errors reworded.

PyYAML names its parser's state where it gave up, often lines below the mistake; the hints here
recognise the few mistakes curators make (a quote or a bracket left open, ': ' inside text, a key
indented unlike its entry) and name the line to fix and the fix. Apart from yamlfile.py, the
loader, which calls :func:`syntax_error`; options.py words mkdocs.yml's errors the same way,
through :func:`read_again`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from papersite.wording import closest, did_you_mean
from papersite.yamlfile import (
    CONSTRUCTOR_FAILURES,
    DOUBLE_QUOTED,
    ESCAPE,
    MAX_DEPTH,
    QUOTES,
    UNSEEN_BREAK,
    UNSEEN_BREAKS,
    YAML_LINE_BREAK,
    EventLoader,
    Location,
    editor_lines,
    shown_line_at,
    single_quoted,
    unsupported_tag,
)


def syntax_error(
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
        or _duplicate_anchor(error, shown)
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
    if problem == "but found another document":
        # A '---' line starts a YAML document; a second is a file pasted twice, or a stray line.
        # Its '---' was told as text starting with '-', to be quoted, or PyYAML's bare fragment.
        marker = " ('---')" if line.startswith("---") else ""
        return (
            f"a second YAML document starts here{marker}: papersite reads one document a file; "
            "remove this line and what follows it, or, if the file was pasted twice, the copy above"
        )
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


# PyYAML's words where an anchor's name comes again: "found duplicate anchor 'x'; first
# occurrence" at the first, "second occurrence" at the second.
_DUPLICATE_ANCHOR = re.compile(r"found duplicate anchor '([^']*)'; first occurrence")


def _duplicate_anchor(error: yaml.MarkedYAMLError, shown: Callable[[int], int]) -> str | None:
    """For an anchor's name written twice ('a: &x 1' then 'b: &x 2'), said at the second.

    YAML 1.2 lets a later anchor take the name over, but PyYAML, which reads papersite's files and
    MkDocs' mkdocs.yml, refuses it, saying only "second occurrence": which name, where the first
    is and what to do went unsaid. ``shown`` numbers the lines as an editor does.
    """
    found = _DUPLICATE_ANCHOR.fullmatch(error.context or "")
    first = error.context_mark
    if found is None or first is None or error.problem_mark is None:
        return None
    name = found.group(1)
    return (
        f"anchor &{name} is already defined at line {shown(first.line + 1)}: give this one "
        f"another name, and the aliases *{name} meant for it"
    )


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
        and last.style in QUOTES
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
    if quote not in QUOTES:
        return None
    return opened + 1, (
        f"the text in {QUOTES[quote]} that starts on this line is never closed: end it with "
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
    # change, test_read_again_names_a_bracket_left_open_where_it_opens fails.
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


def read_again(text: str, error: yaml.MarkedYAMLError) -> tuple[int | None, str] | None:
    """Where to name ``error``, which another loader raised reading ``text``, and why.

    For YAML another loader read (MkDocs' mkdocs.yml and the files it inherits), named and
    worded as :func:`yamlfile.load_yaml_text` names a syntax error (:func:`syntax_error`): a
    '[' or a quote left open at the line it opened on, a tab, ': ' inside text, a key indented
    unlike its neighbours. ``text`` is parsed again for the parser's state the hints read. None
    when it parses, the error having come of building a value (a tag that loader does not know,
    which its own words name), or when it stops elsewhere. The line is the one an editor shows
    (see :func:`editor_lines`).
    """
    shown = editor_lines(text)
    # Each line as PyYAML counts them, split at "\n" below as its marks number them.
    text = YAML_LINE_BREAK.sub("\n", text)
    # Only parsed and composed, no tag constructed: MkDocs' own (!ENV, !!python/name:) are none
    # of papersite's, and no mistake.
    loader = EventLoader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as again:
        if _place(again) != _place(error):
            return None  # not the mistake that loader told: its words stand
        return syntax_error(text, again, shown, loader.marks, loader.last_event)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


# PyYAML's words for a tag its loader has no constructor for; the tag follows, as Python shows it.
_NO_CONSTRUCTOR = "could not determine a constructor for the tag "


def unknown_tag(
    text: str, error: yaml.MarkedYAMLError, known: Sequence[str] = (), unread: Sequence[str] = ()
) -> str | None:
    """Why a tag another loader has no constructor for is refused, as papers.yaml's is worded.

    For YAML another loader read (MkDocs' mkdocs.yml): PyYAML's "could not determine a
    constructor for the tag '!NOPE'", called a syntax error, named neither the key nor the fix,
    where papers.yaml says "'site_name': unsupported YAML tag '!NOPE': remove it"
    (:func:`yamlfile.unsupported_tag`). ``known`` are the tags that loader reads ('!ENV'): one
    the tag is a typo of is suggested instead, as removing the tag would leave its argument as
    the value. ``unread`` are tags MkDocs reads and papersite's reading of the file does not
    ('!relative'): said so, not to be removed. None for any other error, or when ``text``,
    parsed again, has no node where the error is.
    """
    mark, problem = error.problem_mark, error.problem or ""
    if (
        mark is None
        or not isinstance(error, yaml.constructor.ConstructorError)
        or not problem.startswith(_NO_CONSTRUCTOR)
    ):
        return None
    # Only composed, as read_again does: no tag constructed, so this one is no error here.
    loader = EventLoader(YAML_LINE_BREAK.sub("\n", text))
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    refused = problem.removeprefix(_NO_CONSTRUCTOR)
    found = _node_at(root, (mark.line, mark.column), refused) if root is not None else None
    if found is None:
        return None
    node, location = found
    if node.tag in unread:
        fix = ", which MkDocs reads but papersite does not: write out the value it stands for"
        return unsupported_tag(node.tag, location, fix)
    meant = closest(node.tag, list(known)) if known else None
    if meant is not None:
        return unsupported_tag(node.tag, location, f" {did_you_mean(node.tag, meant)}")
    return unsupported_tag(node.tag, location)


def _node_at(
    root: yaml.Node, place: tuple[int, int], tag: str
) -> tuple[yaml.Node, Location] | None:
    """The node starting at ``place`` (line, column) with ``tag`` (as Python shows it), and where.

    Where is as yamlfile locates values; a key is at its map's location, as yamlfile reads keys:
    its message names no key. The tag tells the nodes starting at one place apart: a map starts
    where its first key does.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, Location]] = [(root, ())]
    while stack:
        node, location = stack.pop()
        if id(node) in seen:
            continue  # an alias: its anchor's node, met already
        seen.add(id(node))
        if (node.start_mark.line, node.start_mark.column) == place and repr(node.tag) == tag:
            return node, location
        children: list[tuple[yaml.Node, Location]] = []
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                children.append((key, location))
                children.append((value, (*location, name) if isinstance(name, str) else location))
        elif isinstance(node, yaml.SequenceNode):
            children.extend((item, (*location, index)) for index, item in enumerate(node.value))
        # In the order written, so a node an alias repeats is found where its anchor is.
        stack.extend(reversed(children))
    return None


def _place(error: yaml.MarkedYAMLError) -> tuple[str | None, int, int] | None:
    """What ``error`` says and where, as lines and columns (its marks' offsets may differ)."""
    mark = error.problem_mark
    return None if mark is None else (error.problem, mark.line, mark.column)


def unseen_break_at(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """The line of an invisible line break ``error`` comes of, as an editor numbers it, and why.

    For YAML another loader read (MkDocs' mkdocs.yml), which ends a line at U+0085, U+2028 or
    U+2029, as :func:`yamlfile.load_yaml_text` does not: a comment's words after one start a line of
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
    for match in UNSEEN_BREAK.finditer(text):
        code = ord(match.group())
        name = f"invisible line break U+{code:04X} ({UNSEEN_BREAKS[code]})"
        found.setdefault(shown_line_at(text, match.start()), name)
    return list(found.items())


def _unseen_break_near(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """The first invisible line break on the line of ``error``'s marks or the line above.

    Its line, as an editor numbers it, and its name ("invisible line break U+2028 (line
    separator)"); None when there is none.
    """
    marks = [mark.line + 1 for mark in (error.problem_mark, error.context_mark) if mark]
    line = 1  # as YAML numbers them
    for found in YAML_LINE_BREAK.finditer(text):
        character = found.group()
        if UNSEEN_BREAK.fullmatch(character) and any(line <= mark <= line + 1 for mark in marks):
            name = f"U+{ord(character):04X} ({UNSEEN_BREAKS[ord(character)]})"
            return shown_line_at(text, found.start()), f"invisible line break {name}"
        line += 1
    return None


def _reads_past_without_unseen_breaks(text: str, error: yaml.MarkedYAMLError) -> bool:
    """Whether ``text``, its invisible line breaks made spaces, reads past ``error``'s line.

    Lines are compared as an editor numbers them: the breaks made spaces end no line.
    """
    mark = error.problem_mark or error.context_mark
    spaced = UNSEEN_BREAK.sub(" ", text)
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
    except CONSTRUCTOR_FAILURES:
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
    written = DOUBLE_QUOTED.match(buffer, start.pointer)
    if written is None or ESCAPE.search(written.group(1)) or not written.group(1).isprintable():
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
