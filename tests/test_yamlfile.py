from __future__ import annotations

import re
import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from papersite import yamlfile
from papersite.errors import PapersiteError, Problems, Severity
from papersite.yamlfile import (
    MAX_BYTES,
    MAX_DEPTH,
    flow_items,
    load_yaml_file,
    load_yaml_text,
    plain_key,
)


def test_values_keep_their_line_numbers() -> None:
    document = load_yaml_text("a:\n  b: 1\n  c:\n    - x\n    - y\n", "f.yaml")
    assert document.data == {"a": {"b": 1, "c": ["x", "y"]}}
    assert document.line("a", "b") == 2
    assert document.line("a", "c", 1) == 5
    assert document.line("a", "missing") == 1


NOTE = "x:\n  note: {}\n  order: 1\n"
NOTE_TEXTS = (
    "*the* classic",
    "[RNN] classic",
    "@karpathy likes it",
    "%50 of it",
    "- a list",
    "`code` here",
    "| a pipe",
    "> a quote",
)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first defined on line 1)"),
        (
            "a: [1, 2\n",
            1,
            "YAML syntax error: the [ on this line is never closed: end it with ] (YAML read on "
            "to the end of the file looking for it)",
        ),
        (
            "a:\n  note: 'It's a tour.'\n  order: 1\n",
            2,
            "YAML syntax error: a ' inside text in single quotes ends the text; write it twice "
            "('It''s') or put the text in double quotes (\"It's\")",
        ),
        (
            'a: {note: "a "b" c"}\n',
            1,
            'YAML syntax error: a " inside text in double quotes ends the text; write it as \\" '
            "or put the text in single quotes",
        ),
        (
            "a: !!python/object:os.system ls\n",
            1,
            "'a': unsupported YAML tag '!!python/object:os.system': remove it",
        ),
        ("a:\n  - !custom x\n", 2, "'a': unsupported YAML tag '!custom': remove it"),
        ("!custom x\n", 1, "unsupported YAML tag '!custom': remove it"),
        (
            "a: !!null 'x y'\n",
            1,
            "'a': '!!null' reads 'x y' as nothing: write 'a: null' for nothing, or 'x y' without "
            "the tag",
        ),
        (
            "- !!null 0\n",
            1,
            "'!!null' reads '0' as nothing: write null for nothing, or '0' without the tag",
        ),
        (
            "base: &b {x: 1}\nother:\n  <<: *b\n",
            3,
            "merge keys ('<<') are not supported; write keys out",
        ),
        ("? [a, b]\n: 1\n", 1, "mapping keys must be plain text"),
        (
            "a: 1\nnull: 2\n",
            2,
            "key null is read as nothing (YAML's null); quote it, 'null', to mean the text",
        ),
        ("a: 1\nb: x\x1fy\n", 2, "YAML syntax error: character U+001F is not allowed"),
        (
            "x:\n  note: A short read: why.\n",
            2,
            "YAML syntax error: ': ' inside unquoted text reads as another key; put the text "
            "after 'note:' in double quotes",
        ),
        (
            "x:\n  themes: [a]\n    featured: true\n",
            3,
            "YAML syntax error: this line starts in column 5 and the key on line 2 in column 3, "
            "so YAML cannot tell which entry it belongs to; the keys of one entry start in the "
            "same column",
        ),
        (
            "- id: a\n title: b\n",
            2,
            "YAML syntax error: this line starts in column 2 and the key on line 1 in column 3, "
            "so YAML cannot tell which entry it belongs to; the keys of one entry start in the "
            "same column",
        ),
        (
            "p:\n  x:\n    a: 1\n    note: hi\n      order: 1\n",
            5,
            "YAML syntax error: this line starts in column 7 and the key on line 4 in column 5, "
            "so YAML reads it as more of the text above; the keys of one entry start in the "
            "same column",
        ),
        (
            "x:\n\tthemes: [a]\n",
            2,
            "YAML syntax error: a tab character: YAML indents and separates with spaces only; "
            "replace it with spaces",
        ),
        # Text opening with a character YAML reads as syntax: parser jargon before.
        *(
            (
                NOTE.format(text),
                2,
                f"YAML syntax error: text after 'note:' starts with '{text[0]}', which YAML reads "
                f'as syntax, not text; put the text in double quotes: note: "{text}"',
            )
            for text in NOTE_TEXTS
        ),
        # A list or map that is not closed is one, not text: named where it opens.
        (
            "x:\n  themes: [a, b\n  order: 1\n",
            2,
            "YAML syntax error: the [ on this line is never closed: end it with ] (YAML read on "
            "to line 3 looking for it)",
        ),
        (
            "x:\n  themes: {sequence-models: recurrent-networks\n  order: 1\n\n  # B\ny:\n"
            "  themes: []\n",
            2,
            "YAML syntax error: the { on this line is never closed: end it with } (YAML read on "
            "to line 3 looking for it)",
        ),
        (
            "x:\n  links: {code: https://github.com/a/b#readme\n",
            2,
            "YAML syntax error: the { on this line is never closed: end it with } (YAML read on "
            "to the end of the file looking for it)",
        ),
        # A file ending inside one, a value missing: PyYAML stops past the last line.
        *(
            (
                text,
                2,
                f"YAML syntax error: the {opener} on this line is never closed: end it with "
                f"{closer} (YAML read on to the end of the file looking for it)",
            )
            for text, opener, closer in [
                ("x:\n  themes: {a:\n", "{", "}"),
                ("x:\n  tags: [a,\n\n", "[", "]"),
                ("x:\n  themes: {a: [b, {c:\n", "{", "}"),
            ]
        ),
        # A second document: a stray '---' was told to be quoted, a file pasted twice was told
        # PyYAML's bare "but found another document".
        *(
            (
                text,
                line,
                "YAML syntax error: a second YAML document starts here ('---'): papersite reads "
                "one document a file; remove this line and what follows it, or, if the file was "
                "pasted twice, the copy above",
            )
            for text, line in [
                ("---\n---\n", 2),
                ("---\npapers:\n  a: {order: 1}\n---\npapers:\n  a: {order: 1}\n", 4),
            ]
        ),
        (
            "%YAML 1.2\n---\na: 1\n%YAML 1.2\n---\na: 1\n",
            4,
            "YAML syntax error: a second YAML document starts here: papersite reads one document "
            "a file; remove this line and what follows it, or, if the file was pasted twice, the "
            "copy above",
        ),
        # Nothing open to name: the last line, not the one after it.
        (
            "%YAML 1.1\n\n",
            1,
            "YAML syntax error: expected '<document start>', but found '<stream end>'",
        ),
        # A ',' left out, not a '}': closing the map at the line's end would mend nothing.
        ("x:\n  themes: {a: b c: d}\n", 2, "YAML syntax error: expected ',' or '}', but got ':'"),
        (
            "papers:\n  a-b:\n    order: 1\n  - c-d:\n    order: 2\n",
            4,
            "YAML syntax error: a list item ('- ') among keys: remove the '- ', as the entries "
            "above have none",
        ),
    ],
)
def test_bad_yaml_is_refused_with_line_and_reason(text: str, line: int, message: str) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert (caught.value.path, caught.value.line, caught.value.message) == ("f.yaml", line, message)


def among(line: int, column: int, before: int, after: int, wanted: int) -> str:
    return (
        f"f.yaml:{line}: YAML syntax error: this line starts in column {column} and the keys on "
        f"lines {before} and {after} around it in column {wanted}, so YAML reads it as ending "
        f"their entry; indent it to column {wanted} like them"
    )


def emptied(line: int, column: int, opener: int, reported: int, wanted: int) -> str:
    return (
        f"f.yaml:{line}: YAML syntax error: this line starts in column {column} like the key on "
        f"line {opener}, so YAML reads that key as empty and cannot place line {reported} "
        f"(column {wanted}); indent this line to column {wanted} like line {reported}"
    )


def ending(line: int, column: int, sibling: int, reported: int, wanted: int, parent: str) -> str:
    return (
        f"f.yaml:{line}: YAML syntax error: this line starts in column {column}, left of the keys "
        f"on lines {sibling} and {reported} in column {wanted}, so YAML reads it as ending the "
        f"entries {parent} and cannot place line {reported}; indent it to column {wanted} like "
        "them"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A paper id moved to column 1 among the others: PyYAML stopped at the next id, line 6,
        # and named line 5 against it.
        (
            "papers:\n  a:\n    themes: []\nrecurrent-memory:\n    themes: {s: r}\n  next-id:\n"
            "    themes: []\n",
            ending(4, 1, 2, 6, 3, "under 'papers:' (line 1)"),
        ),
        (
            "papers:\n  a:\n    themes: []\n\n  # R\nrecurrent-memory:\n    themes: {s: r}\n"
            "    order: 1\n\n  # N\n  next-id:\n    themes: []\n",
            ending(6, 1, 2, 11, 3, "under 'papers:' (line 1)"),
        ),
        # A paper id moved to column 1 empties 'papers:'; PyYAML stopped at the next id, line 8.
        (
            "papers:\n\n  # 4M\n4m-masked:\n    themes: []\n\n  # A Coreset\n  a-coreset:\n"
            "    themes: []\n",
            emptied(4, 1, 1, 8, 3),
        ),
        # A key moved left between two of its entry's: PyYAML read the next key as more text.
        (
            "papers:\n  a-review:\n    themes: {s: r}\n    tags: [survey]\n  featured: true\n"
            '    note: "A readable tour."\n    order: 1\n',
            among(5, 3, 4, 6, 5),
        ),
        # The same as the entry's last but one: the next entry's id, in column 3, opens an entry.
        (
            "papers:\n  a:\n    note: A tour.\n  order: 1\n    arxiv: '1506.00019'\n\n  # B\n"
            "  b:\n    themes: []\n",
            among(4, 3, 3, 5, 5),
        ),
        # The first key of an entry moved left, with text or a flow map for its value.
        (
            "sources:\n  000_be1b.txt:\n  label: Daily Papers, captured 31 October 2025\n"
            "    captured: 2025-10-31\n  001_2cf5.txt:\n    label: Daily Papers\n"
            "    captured: 2025-11-19\n",
            emptied(3, 3, 2, 4, 5),
        ),
        ("papers:\n  a:\n  themes: {s: r}\n    tags: [survey]\n", emptied(3, 3, 2, 4, 5)),
    ],
)
def test_a_key_indented_unlike_its_entry_is_named_at_its_own_line(text: str, expected: str) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert str(caught.value) == expected
    # Indented as the message says, the file loads.
    line, column = caught.value.line, int(expected.split("to column ")[1].split(" ")[0])
    assert line is not None
    lines = text.split("\n")
    lines[line - 1] = " " * (column - 1) + lines[line - 1].lstrip()
    assert load_yaml_text("\n".join(lines), "f.yaml").data


@pytest.mark.parametrize(
    ("text", "line", "column", "above", "wanted"),
    [
        # Keys in columns 3 and 5 by turns: either line may be the wrong one.
        ("a:\n  b:\n    c: 1\n  d: 2\n    e: 3\n  f: 4\n", 5, 5, 4, 3),
        # 'a:' is left empty, but indenting 'b:' like line 4 does not mend the file.
        ("a:\nb:\n  c: 1\n    d: 2\n", 4, 5, 3, 3),
    ],
)
def test_an_indentation_that_could_be_either_line_s_is_reported_where_yaml_stops(
    text: str, line: int, column: int, above: int, wanted: int
) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert str(caught.value) == (
        f"f.yaml:{line}: YAML syntax error: this line starts in column {column} and the key on "
        f"line {above} in column {wanted}, so YAML reads it as more of the text above; the keys "
        "of one entry start in the same column"
    )


def test_text_that_looks_like_a_key_is_no_neighbour_of_a_key_moved_left() -> None:
    # Line 4 is text with ': ' in it, and line 6's dash hides nothing: line 7 is the one to fix.
    text = (
        "themes:\n  - id: a\n    intro: |\n      Papers that cost: less.\n    sections:\n"
        "      - id: b\n      title: B\n        terms: [x]\n"
    )
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert str(caught.value) == (
        "f.yaml:7: YAML syntax error: this line starts in column 7 and the key on line 6 in "
        "column 9, so YAML cannot tell which entry it belongs to; the keys of one entry start in "
        "the same column"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PyYAML named line 5, the one after the id, or the end of the file.
        (
            "papers:\n  a:\n    themes: []\n  recurrent-memory\n    themes: {s: r}\n  b:\n"
            "    themes: []\n",
            "f.yaml:4: YAML syntax error: 'recurrent-memory' has no ':' after it, so YAML reads "
            "the lines below as more of it; add ':' after 'recurrent-memory'",
        ),
        (
            "papers:\n  a:\n    themes: []\n  recurrent-memory\n",
            "f.yaml:4: YAML syntax error: 'recurrent-memory' has no ':' after it, so YAML reads "
            "the lines below as more of it; add ':' after 'recurrent-memory'",
        ),
        (
            "papers:\n  a:\n    themes: []\n  recurrent-memory\uff1a\n    themes: {s: r}\n",
            "f.yaml:4: YAML syntax error: '：' (U+FF1A, a fullwidth colon) is not the ':' YAML "
            "ends a key with; replace it with ':'",
        ),
        # A line of a text block indented less than the block's: PyYAML named line 8.
        (
            "themes:\n  - id: a\n    intro: |\n      Papers that make\n      networks cheaper\n"
            "  to train or run,\n      or measure it.\n    sections: []\n",
            "f.yaml:6: YAML syntax error: this line starts in column 3, left of the text under "
            "'intro: |' on line 3, so YAML reads that text as ended and this line as a key "
            "without ':'; indent it like the lines of the text above (column 7)",
        ),
    ],
)
def test_a_key_yaml_cannot_end_is_named_at_its_own_line(text: str, expected: str) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert str(caught.value) == expected


def missing(key: str, what: str) -> str:
    fix = f"add ':' after '{key}'" if what == "colon" else f"write '{key}:' followed by a space"
    left_out = f"'{key}' has no ':' after it" if what == "colon" else f"no space after '{key}:'"
    return f"{left_out}, so YAML reads the line as one key, on into the lines below; {fix}"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Before, "add ':' after 'tags [kv-cache, benchmark]'", which made it a key; or PyYAML's
        # "could not find expected ':'" at line 4, with no hint.
        ("tags [kv-cache, benchmark]", missing("tags", "colon")),
        ("tags [survey]", missing("tags", "colon")),
        ('note "Read it for the history, https://example.org"', missing("note", "colon")),
        ("hidden Not a machine learning paper.", missing("hidden", "colon")),
        ("order 1", missing("order", "colon")),
        # Any word before a list, a map or quoted text: themes.yaml's keys too.
        ("title 'Efficiency'", missing("title", "colon")),
        ("tags:[kv-cache, benchmark]", missing("tags", "space")),
        ('note:"Read it for the history."', missing("note", "space")),
        ("featured:true", missing("featured", "space")),
    ],
)
@pytest.mark.parametrize(
    ("before", "number"),
    # Mid-entry, PyYAML named the line below it; as the entry's first key, YAML read it as the
    # id's text, and the line below as a key inside that text.
    [("    links: {}\n", 4), ("", 3)],
)
def test_a_key_run_into_its_value_is_told_the_colon_or_space(
    line: str, expected: str, before: str, number: int
) -> None:
    text = f"papers:\n  a:\n{before}    {line}\n    arxiv: '1'\n  b:\n    themes: []\n"
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert (caught.value.line, caught.value.message) == (number, f"YAML syntax error: {expected}")
    # The fix the message gives reads.
    key = line.split(" ")[0].split(":")[0]
    fixed = text.replace(line, f"{key}: {line[len(key) :].lstrip(':').lstrip()}")
    assert load_yaml_text(fixed, "f.yaml").data["papers"]["b"] == {"themes": []}


@pytest.mark.parametrize("levels", [MAX_DEPTH - 2, MAX_DEPTH - 1])
def test_a_run_in_key_is_told_the_colon_only_when_the_fix_loads(levels: int) -> None:
    # Three maps hold the value (the file's, 'papers', the entry): the lists take it to the limit
    # or one past it.
    value = "[" * levels + "]" * levels
    text = f"papers:\n  a:\n    tags {value}\n    arxiv: '1'\n"
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    try:
        load_yaml_text(text.replace("tags ", "tags: "), "f.yaml")
    except PapersiteError:
        loads = False
    else:
        loads = True
    assert (missing("tags", "colon") in str(caught.value)) is loads


def test_a_run_in_key_nesting_past_the_limit_is_not_parsed_to_its_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # PyYAML's scanner works in proportion to the lists open at each token: parsing the fix of
    # 'tags [[[[…' to its end took minutes for 40,000 '['. Counting the events the hints read
    # tells whether they stop at the limit, as the loader does.
    read: list[object] = []
    parse = yaml.parse

    def counted(*args: Any, **kwargs: Any) -> Iterator[yaml.Event]:
        for event in parse(*args, **kwargs):
            read.append(event)
            yield event

    monkeypatch.setattr(yaml, "parse", counted)
    with pytest.raises(PapersiteError):
        load_yaml_text("papers:\n  a:\n    tags " + "[" * 5000 + "\n    arxiv: '1'\n", "f.yaml")
    assert 0 < len(read) < 10 * MAX_DEPTH


TERMS = "themes:\n  - id: t\n    terms:\n      - a\n{}      - b\n"
STARTS = "starts with '[', which YAML reads as syntax, not text"
HOLDS = "holds '[', which YAML reads as syntax inside { }, not text"
# Each as (the item on line 5, the message after "YAML syntax error: ", the text meant).
QUOTED = [
    # README's own keywords, as a curator would first write them.
    (
        "- [CLS] token",
        f"text '[CLS] token' {STARTS}; put the text in double quotes: \"[CLS] token\"",
        "[CLS] token",
    ),
    (
        "- {keyword: kv[- ]cache, weight: 2}",
        f"text after 'keyword:' {HOLDS}; put the text in double quotes: "
        '{keyword: "kv[- ]cache", weight: 2}',
        "kv[- ]cache",
    ),
    (
        "- {keyword: 4-bit?, weight: 2}  # 4-bit, 4-bits",
        "text after 'keyword:' holds '?', which YAML reads as syntax inside { }, not text; put "
        'the text in double quotes: {keyword: "4-bit?", weight: 2}',
        "4-bit?",
    ),
    (
        "- {keyword: [CLS] token, weight: 2}",
        f"text after 'keyword:' {STARTS}; put the text in double quotes: "
        '{keyword: "[CLS] token", weight: 2}',
        "[CLS] token",
    ),
    (
        "- [x, kv[- ]cache, y]",
        "text 'kv[- ]cache' holds '[', which YAML reads as syntax inside [ ], not text; put "
        'the text in double quotes: [x, "kv[- ]cache", y]',
        "kv[- ]cache",
    ),
    # In double quotes a backslash would start an escape.
    (
        "- {keyword: \\d+[- ]bit, weight: 2}",
        f"text after 'keyword:' {HOLDS}; put the text in single quotes: "
        "{keyword: '\\d+[- ]bit', weight: 2}",
        "\\d+[- ]bit",
    ),
    # A character that does not show is written as the escape messages show it as, which
    # single quotes would keep as four characters: so double quotes, the backslash doubled.
    (
        "- {keyword: \\d+[- ]bit\xa0models, weight: 2}",
        f"text after 'keyword:' {HOLDS}; put the text in double quotes: "
        '{keyword: "\\\\d+[- ]bit\\xa0models", weight: 2}',
        "\\d+[- ]bit\xa0models",
    ),
    (
        "- [CLS]\u3000token",
        f"text '[CLS]\u3000token' {STARTS}; put the text in double quotes: \"[CLS]\\u3000token\"",
        "[CLS]\u3000token",
    ),
    # An anchor or a tag is YAML's, not the text's: it stays outside the quotes.
    (
        "- &cls [CLS] token\n      - *cls",
        f"text '[CLS] token' {STARTS}; put the text in double quotes: &cls \"[CLS] token\"",
        "[CLS] token",
    ),
    (
        "- {keyword: &k kv[- ]cache, weight: 2}\n      - {keyword: *k}",
        f"text after 'keyword:' {HOLDS}; put the text in double quotes: "
        '{keyword: &k "kv[- ]cache", weight: 2}',
        "kv[- ]cache",
    ),
    (
        "- !!str [CLS] token",
        f"text '[CLS] token' {STARTS}; put the text in double quotes: !!str \"[CLS] token\"",
        "[CLS] token",
    ),
    # No tag the loader takes for text: part of the text, as YAML would refuse it.
    (
        "- !important [CLS] token",
        "text '!important [CLS] token' starts with '!', which YAML reads as syntax, not text; put "
        'the text in double quotes: "!important [CLS] token"',
        "!important [CLS] token",
    ),
    # Text YAML reads on over lines is quoted whole: its first line alone would leave the
    # second after the quotes.
    (
        "- [CLS] token embeddings\n        and more",
        f"text '[CLS] token embeddings' {STARTS}; put the text in double quotes, as one line in "
        'place of lines 5 to 6 (YAML joins them with spaces): "[CLS] token embeddings and more"',
        "[CLS] token embeddings and more",
    ),
    # Too long a line, or one a list goes on from, to show whole: the text alone.
    (
        f"- [{'a, ' * 30}kv[- ]cache]",
        "text 'kv[- ]cache' holds '[', which YAML reads as syntax inside [ ], not text; put "
        'the text in double quotes: "kv[- ]cache"',
        "kv[- ]cache",
    ),
    (
        "- {keyword: kv[- ]cache,\n         weight: 2}",
        f"text after 'keyword:' {HOLDS}; put the text in double quotes: \"kv[- ]cache\"",
        "kv[- ]cache",
    ),
]


@pytest.mark.parametrize(("item", "expected"), [case[:2] for case in QUOTED])
def test_text_holding_yaml_syntax_is_told_the_quotes_with_the_text_quoted(
    item: str, expected: str
) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(TERMS.format(f"      {item}\n"), "themes.yaml")
    assert (caught.value.line, caught.value.message) == (5, f"YAML syntax error: {expected}")


NOTE_OVER_LINES = "x:\n  note: [RNN] classic\n    continued on a second line\n  order: 1\n"


def test_text_over_lines_is_quoted_whole_as_one_line() -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(NOTE_OVER_LINES, "papers.yaml")
    assert (caught.value.line, caught.value.message) == (
        2,
        "YAML syntax error: text after 'note:' starts with '[', which YAML reads as syntax, not "
        "text; put the text in double quotes, as one line in place of lines 2 to 3 (YAML joins "
        'them with spaces): note: "[RNN] classic continued on a second line"',
    )


# The quoted text shown, after the kind of quotes and where it goes.
_SUGGESTION = re.compile(
    r"put the text in (?:single|double) quotes(?:, as one line in place of lines (\d+) to "
    r"(\d+) \(YAML joins them with spaces\))?: (.*)$"
)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        *((TERMS.format(f"      {item}\n"), meant) for item, _, meant in QUOTED),
        *((NOTE.format(text), text) for text in NOTE_TEXTS),
        (NOTE_OVER_LINES, "[RNN] classic continued on a second line"),
    ],
)
def test_every_suggestion_pasted_reads_as_the_text_meant(text: str, meant: str) -> None:
    # As a curator would: the suggestion copied from the message as printed, in place of what
    # it shows written otherwise on the lines the message names.
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    printed = str(caught.value.problems[0])
    found = _SUGGESTION.search(printed)
    assert found is not None, printed
    first = (caught.value.line or 0) - 1
    last = int(found.group(2)) - 1 if found.group(2) else first
    suggestion = found.group(3)
    # The quoted text in it reads as the text meant, on its own and pasted.
    quoted = [
        token
        for token in yaml.scan(suggestion, Loader=yaml.SafeLoader)
        if isinstance(token, yaml.ScalarToken) and not token.plain
    ]
    assert [token.value for token in quoted] == [meant]
    # What the suggestion stands for: from what it opens with (a key, a bracket, an anchor) and
    # the text's first word, to the text's last word and what the suggestion closes with.
    lines = text.split("\n")
    written = "\n".join(lines[first : last + 1])
    opening = suggestion[: quoted[0].start_mark.column]
    closing = suggestion[quoted[0].end_mark.column :]
    words = meant.split()
    start = written.index(opening + words[0])
    end = written.index(words[-1], start + len(opening)) + len(words[-1])
    end = written.index(closing, end) + len(closing)
    pasted = [*lines[:first], written[:start] + suggestion + written[end:], *lines[last + 1 :]]
    assert meant in _texts(load_yaml_text("\n".join(pasted), "f.yaml").data)


def _texts(data: Any) -> Iterator[Any]:
    """Every value in ``data``, nested ones too."""
    yield data
    if isinstance(data, dict):
        data = list(data.values())
    if isinstance(data, list):
        for value in data:
            yield from _texts(value)


@pytest.mark.parametrize(
    "text",
    [
        # Quoted, each is text where the schema takes a list or an id: another mistake.
        "x:\n  order: 1\n  tags: [survey] [classic]\n  featured: true\n",
        "x:\n  tags: [survey] classic\n",
        "x:\n  themes: [rnns] classic\n",
        "x:\n  order: [1] first\n",
        "themes:\n  - id: t\n    formerly: [speed] [cost]\n",
        "themes:\n  - id: [t] x\n",
        "themes:\n  - id: t\n    terms: [CLS] token\n",
        "x:\n  tags: @survey\n",
    ],
)
def test_text_where_the_schema_takes_none_is_not_told_to_be_quoted(text: str) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert "quotes" not in caught.value.message


@pytest.mark.parametrize(
    "item",
    [
        "     - c",  # a list item out of line
        "     - [CLS] token",  # text to quote too, but on a line out of line: quotes mend nothing
        "      - {keyword: a, weight: 2} b",  # a map that is one, with more after it
        "      - [a, b] [c]",
        "      - [a, b] c",
        "      - {keyword: a weight: 2}",  # a ',' left out
        "      - {keyword: a, weight: 2]",  # the wrong bracket
        "      - {keyword: a, weight: 2}}",
    ],
)
def test_structure_out_of_place_is_not_told_to_be_quoted(item: str) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(TERMS.format(f"{item}\n"), "themes.yaml")
    assert "quotes" not in caught.value.message


def test_a_hint_s_trial_load_that_pyyaml_fails_on_is_still_a_syntax_error() -> None:
    # The hint loads the line it would suggest; '!!int' before an empty key makes PyYAML raise
    # IndexError, which ended the check in a traceback.
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text("!!int : *a\n", "f.yaml")
    assert caught.value.line == 1
    assert caught.value.message.startswith("YAML syntax error: ")


def test_a_list_with_more_after_it_is_not_told_to_be_quoted() -> None:
    # 'note: [RNN] classic' is text; 'themes: [a, b] c' is a list, and c the mistake.
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text("x:\n  themes: [a, b] c\n", "f.yaml")
    assert caught.value.message == "YAML syntax error: expected <block end>, but found '<scalar>'"


def test_an_unknown_word_before_plain_text_is_no_key_run_into_its_value() -> None:
    # Which word was meant as the key cannot be told: the line as written is named.
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text("papers:\n  a:\n    order: 1\n    colour red\n    note: x\n", "f.yaml")
    assert "add ':' after 'colour red'" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        # Before, PyYAML's "found undefined alias 'pdk'", naming neither anchor nor rule.
        (
            "themes:\n  - &pkd {id: a}\n  - *pdk\n",
            3,
            "alias *pdk names no anchor defined before it: did you mean *pkd (anchor at line 2)?",
        ),
        (
            "themes:\n  - {id: a, terms: [*pdk]}\n  - &pkd {id: b}\n",
            2,
            "alias *pdk names no anchor defined before it: did you mean *pkd? anchor &pkd is "
            "defined later, at line 3; an alias must come after its anchor",
        ),
        ("themes:\n  - *pdk\n", 2, "alias *pdk: no anchor &pdk in this file"),
        # Before, told to quote it as text: an entry's text, where a map goes.
        (
            "papers:\n  a: *pkd\n  b: &pkd\n    note: x\n",
            2,
            "alias *pkd names no anchor defined before it: anchor &pkd is defined later, at "
            "line 3; an alias must come after its anchor",
        ),
        # Like no anchor's name, where text goes: text, as the '*' around a word says.
        (
            "a: &defaults {x: 1}\nb:\n  note: *important\n",
            3,
            "text after 'note:' starts with '*', which YAML reads as syntax, not text; put the "
            'text in double quotes: note: "*important"',
        ),
        (
            "b:\n  note: *important*\n",
            2,
            "text after 'note:' starts with '*', which YAML reads as syntax, not text; put the "
            'text in double quotes: note: "*important*"',
        ),
    ],
)
def test_an_alias_naming_no_anchor_before_it_names_the_anchor_meant(
    text: str, line: int, expected: str
) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert (caught.value.line, caught.value.message) == (line, f"YAML syntax error: {expected}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Before, "found unknown escape character 'd'", with no hint.
        (
            'terms:\n  - {regex: "\\d+-bit", weight: 2}\n',
            "in double quotes a backslash starts an escape, and '\\d' is none; write the text in "
            "single quotes, '\\d+-bit', in which a backslash is itself",
        ),
        (
            'a:\n  note: "It\'s C:\\Users"\n',
            "in double quotes a backslash starts an escape, and '\\Us' is none; write the text in "
            "single quotes, 'It''s C:\\Users', in which a backslash is itself",
        ),
        # An escape the text needs would read otherwise in single quotes: no text to copy.
        (
            'terms:\n  - {regex: "\\"\\w+\\"", weight: 2}\n',
            "in double quotes a backslash starts an escape, and '\\w' is none; write '\\\\w' "
            "for a backslash followed by 'w' (each backslash meant as itself doubled)",
        ),
        # Any escape: in single quotes '\u00e9' would be six characters, not an e with an accent.
        # Doubled, the backslash is itself in double quotes too.
        (
            'a:\n  note: "Caf\\u00e9 scores \\d on \\x41I"\n',
            "in double quotes a backslash starts an escape, and '\\d' is none; write '\\\\d' "
            "for a backslash followed by 'd' (each backslash meant as itself doubled)",
        ),
        (
            'a:\n  note: "\\d\\tbits"\n',
            "in double quotes a backslash starts an escape, and '\\d' is none; write '\\\\d' "
            "for a backslash followed by 'd' (each backslash meant as itself doubled)",
        ),
        # A character that does not show is shown as an escape ('\xa0'), which in single quotes
        # would be four characters once copied.
        (
            'a:\n  note: "\\d+\xa0bit"\n',
            "in double quotes a backslash starts an escape, and '\\d' is none; write '\\\\d' "
            "for a backslash followed by 'd' (each backslash meant as itself doubled)",
        ),
        # An escape YAML does not know is no reason to hold back: '\x4' needs two digits.
        (
            'a:\n  note: "\\x4 \\d"\n',
            "in double quotes a backslash starts an escape, and '\\x4' is none; write the text "
            "in single quotes, '\\x4 \\d', in which a backslash is itself",
        ),
    ],
)
def test_a_backslash_in_double_quotes_that_escapes_nothing_is_told_the_single_quotes(
    text: str, expected: str
) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert (caught.value.line, caught.value.message) == (2, f"YAML syntax error: {expected}")


@pytest.mark.parametrize(
    "text",
    [
        # Plain text may go on over lines, and a text block may hold a line with no ':'.
        "papers:\n  a:\n    note: A fresh\n      look at it\n    order: 1\n",
        "themes:\n  - id: a\n    intro: |\n      Papers that make\n\n      cheaper\n    x: 1\n",
    ],
)
def test_text_over_several_lines_is_no_key_without_colon(text: str) -> None:
    assert load_yaml_text(text, "f.yaml").data


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        # Before, "this line starts in column 1 ... indent it to column 3": as it looked, it did.
        (
            "papers:\n  a:\n\u00a0\u00a0\u00a0\u00a0themes: []\n  b:\n    themes: []\n",
            3,
            "00A0 (no-break",
        ),
        (
            "papers:\n  a:\n    themes: []\n\u00a0\u00a0b:\n    themes: []\n  c:\n    themes: []\n",
            4,
            "00A0 (no-break",
        ),
        ("papers:\n  a:\n\u3000\u3000themes: []\n  b:\n    themes: []\n", 3, "3000 (ideographic"),
    ],
)
def test_an_indentation_of_spaces_yaml_does_not_see_names_them(
    text: str, line: int, code: str
) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert str(caught.value) == (
        f"f.yaml:{line}: YAML syntax error: this line is indented with U+{code} space), which "
        "looks like a space but YAML reads as text; replace it with ordinary spaces"
    )
    # Inside text such a space is text, as meant.
    assert load_yaml_text("a:\n  note: 10\u00a0km\n", "f.yaml").data == {
        "a": {"note": "10\u00a0km"}
    }


# Three entries the way papers.yaml writes them; {a} and {b} are the first and last notes.
ENTRIES = (
    "papers:\n"
    "  a:\n"
    "    note: {a}\n"
    "    order: 1\n"
    "\n"
    "  # The Bitter Lesson\n"
    "  b:\n"
    "    themes: []\n"
    "    arxiv: '1506.00019'\n"
    "\n"
    "  c:\n"
    "    note: {b}\n"
)


def unclosed(quote: str, line: int, stopped: str) -> str:
    name = "double" if quote == '"' else "single"
    return (
        f"f.yaml:{line}: YAML syntax error: the text in {name} quotes that starts on this line is "
        f"never closed: end it with {quote} (quoted text may go on over several lines, so YAML "
        f"{stopped})"
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # Read on to the quote opening the last note: PyYAML blamed the text after it, line 12.
        (
            '"A fresh look at transfer',
            '"Kept."',
            unclosed('"', 3, 'took the " on line 12 for its end'),
        ),
        # Escaped quote marks inside do not close the text; the arxiv id's quote does.
        (
            "'It''s a fresh look",
            "Kept.",
            unclosed("'", 3, "took the ' on line 9 for its end"),
        ),
        ('"A \\"fresh\\" look', '"Kept."', unclosed('"', 3, 'took the " on line 12 for its end')),
        # No quote mark of its kind after it: the file ends inside the text.
        ('"A fresh look', "Kept.", unclosed('"', 3, "read on to the end of the file")),
        ("Kept.", '"A fresh look', unclosed('"', 12, "read on to the end of the file")),
        ("Kept.", "'A fresh look", unclosed("'", 12, "read on to the end of the file")),
    ],
)
def test_a_quote_left_open_is_named_at_the_line_it_opens(a: str, b: str, expected: str) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(ENTRIES.format(a=a, b=b), "f.yaml")
    assert str(caught.value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The quote mark that closed it is in a comment.
        (
            'a:\n  note: "A fresh look\n  # The "Bitter" Lesson\nb: 1\n',
            unclosed('"', 2, 'took the " on line 3 for its end'),
        ),
        # The text is an item of a list, or a value in braces.
        ('b:\n  - "x\n  - y\n  - "z"\n', unclosed('"', 2, 'took the " on line 4 for its end')),
        (
            "terms:\n  - {regex: 'x+, weight: 2}\n  - {regex: 'y', weight: 1}\n",
            unclosed("'", 2, "took the ' on line 3 for its end"),
        ),
        # A line '---' inside quoted text ends the text, as the end of the file does.
        ('a: "A fresh look\n---\nb: 1\n', unclosed('"', 1, "read on to line 2")),
        # A byte-order mark, which PyYAML reads past without a column (found by Hypothesis).
        ("\ufeff'", unclosed("'", 1, "read on to the end of the file")),
        ('\ufeffa: "x\n  b: "y"\nc: 1\n', unclosed('"', 1, 'took the " on line 2 for its end')),
    ],
)
def test_a_quote_left_open_is_named_wherever_the_text_is(text: str, expected: str) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert str(caught.value) == expected


def test_quoted_text_may_go_on_over_lines_and_a_quote_inside_it_is_no_open_one() -> None:
    text = "a:\n  note: \"A fresh look\n    at transfer.\"\n  tip: 'It''s\n    short'\n  order: 1\n"
    assert load_yaml_text(text, "f.yaml").data == {
        "a": {"note": "A fresh look at transfer.", "tip": "It's short", "order": 1}
    }
    # The text was closed, by a quote mark meant to be inside it: not a quote left open.
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text('a:\n  note: "A look\n    at "attention" here."\n  order: 1\n', "f.yaml")
    assert (
        str(caught.value)
        == "f.yaml:3: YAML syntax error: expected <block end>, but found '<scalar>'"
    )


def test_a_null_key_is_reported_and_the_rest_of_the_file_read() -> None:
    problems = Problems()
    document = load_yaml_text("a: 1\n~: 2\nb: {null: 3, c: 4}\n", "f.yaml", problems=problems)
    assert document.data == {"a": 1, "b": {"c": 4}}
    assert [str(p) for p in problems] == [
        "f.yaml:2: key ~ is read as nothing (YAML's null); quote it, '~', to mean the text",
        "f.yaml:3: key null is read as nothing (YAML's null); quote it, 'null', to mean the text",
    ]


def test_keys_read_as_other_than_text_keep_how_they_were_written() -> None:
    document = load_yaml_text("yes: 1\n017: 2\n2024-05-01: 3\n'no': 4\n", "f.yaml")
    assert document.data == {True: 1, 17: 2, date(2024, 5, 1): 3, "no": 4}
    assert [document.key_text(key) for key in document.data] == ["yes", "017", "2024-05-01", "no"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a-paper", "a-paper"),
        ("yes", "'yes'"),
        ("on", "'on'"),
        ("null", "'null'"),
        ("2024", "'2024'"),
        ("017", "'017'"),
        ("2024-05-01", "'2024-05-01'"),
        ("2025-13-45", "'2025-13-45'"),
        # A number to YAML 1.2, which papersite reads, and to YAML 1.1, which other tools may.
        ("1e3", "'1e3'"),
        ("1:30", "'1:30'"),
        ("1.5e3x", "1.5e3x"),
    ],
)
def test_plain_key_quotes_only_what_yaml_would_not_read_back_as_text(
    text: str, written: str
) -> None:
    assert plain_key(text) == written
    assert load_yaml_text(f"{plain_key(text)}: 0\n", "f.yaml").data == {text: 0}


def test_alias_bombs_are_refused_not_expanded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(PapersiteError, match="expands to more than"):
        load_yaml_text("\n".join(lines) + "\n", "bomb.yaml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "papers:\n  some-id: &rnn\n    tags: *rnn\n",
            "f.yaml:3: alias *rnn is inside its own anchor &rnn (line 2): an anchor's value cannot "
            "hold itself",
        ),
        (
            "a: &x\n  b:\n    - [1, *x]\n",
            "f.yaml:3: alias *x is inside its own anchor &x (line 1): an anchor's value cannot "
            "hold itself",
        ),
    ],
)
def test_an_alias_inside_its_own_anchor_is_named_with_the_anchor(text: str, expected: str) -> None:
    # The value would hold itself: read, it was told only as "nesting deeper than 40 levels".
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert str(caught.value) == expected


def test_an_alias_after_its_anchor_s_value_loads() -> None:
    assert load_yaml_text("a: &x [1]\nb: [*x, *x]\n", "f.yaml").data == {"a": [1], "b": [[1], [1]]}


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(PapersiteError, match="nesting deeper than"):
        load_yaml_text("[" * 200 + "]" * 200, "deep.yaml")


def test_nesting_is_bounded_while_parsing_not_after() -> None:
    # PyYAML's composer recurses per level: this used to end in RecursionError, a traceback.
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text("a:\n  b: " + "[" * 100_000 + "]" * 100_000 + "\n", "deep.yaml")
    assert str(caught.value) == f"deep.yaml:2: nesting deeper than {MAX_DEPTH} levels"


def test_nesting_up_to_the_limit_loads() -> None:
    depth = MAX_DEPTH + 1  # the outermost list is level 0
    assert load_yaml_text("[" * depth + "]" * depth, "f.yaml").data is not None


def test_node_count_is_bounded_while_parsing_not_after(monkeypatch: pytest.MonkeyPatch) -> None:
    # A small limit stands in for the real one: the parser must stop at it, naming the line.
    monkeypatch.setattr(yamlfile, "MAX_NODES", 1000)
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text("items:\n" + "- a\n" * 5000, "many.yaml")
    assert str(caught.value) == "many.yaml:999: document has more than 1,000 values"


def test_every_duplicate_key_is_reported_with_its_line() -> None:
    text = "a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\nb: 4\n"
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert [str(problem) for problem in caught.value.problems] == [
        "f.yaml:3: duplicate key 'a' (first defined on line 1)",
        "f.yaml:6: duplicate key 'x' (first defined on line 5)",
        "f.yaml:7: duplicate key 'b' (first defined on line 2)",
    ]


def test_with_a_collector_duplicates_are_reported_and_the_first_value_kept() -> None:
    # The curation loader goes on checking the file: one duplicate must not hide other mistakes.
    problems = Problems()
    document = load_yaml_text("a: 1\nb: 2\na: 3\n", "f.yaml", problems=problems)
    assert document.data == {"a": 1, "b": 2}
    assert document.line("a") == 1
    assert [str(problem) for problem in problems] == [
        "f.yaml:3: duplicate key 'a' (first defined on line 1)"
    ]
    # What leaves no usable data still raises.
    with pytest.raises(PapersiteError, match="YAML syntax error"):
        load_yaml_text("a: [\n", "f.yaml", problems=problems)


def test_duplicates_can_be_left_to_the_caller_with_their_place_and_other_problems_kept() -> None:
    # sources.yaml says which unlisted dump a second key was likely meant for: it reports them.
    problems = Problems()
    text = 'a: 1\nc:\n  015: 2\n  15: 3\nb: "\\a"\na: 4\n'
    document = load_yaml_text(text, "f.yaml", problems=problems, report_duplicates=False)
    assert document.data == {"a": 1, "c": {15: 2}, "b": "\a"}
    assert [str(problem) for problem in problems] == [
        "f.yaml:5: control character U+0007 in text, written '\\a': in double quotes a backslash "
        "starts an escape, and nothing can show this one; write the text in single quotes, '\\a', "
        "in which a backslash is itself, or remove it"
    ]
    assert [(d.location, d.text, str(d.problem)) for d in document.duplicates] == [
        (
            ("c", 15),
            "15",
            "f.yaml:4: key 15 must be quoted ('15'): unquoted, YAML reads it as the number 15, "
            "which cannot be told from 015 on line 3",
        ),
        (("a",), "a", "f.yaml:6: duplicate key 'a' (first defined on line 1)"),
    ]
    # Without a collector nothing raises for them either: the caller reports them.
    assert load_yaml_text("a: 1\na: 2\n", "f.yaml", report_duplicates=False).data == {"a": 1}


def test_a_comment_that_cuts_unquoted_text_short_is_a_warning() -> None:
    # "Best paper #1 on RNNs" was published as "Best paper", without a word.
    text = (
        "a:\n"
        "  note: Best paper #1 on RNNs\n"
        "  hidden: Spam #ad\n"
        "  title: Pruning and sparsity  # a comment after prose\n"
        "  section: rnns  # a comment after an id\n"
        '  quoted: "Best paper #1"\n'
        "  language: C# and F#\n"
        "  featured: true #1\n"
    )
    problems = Problems()
    document = load_yaml_text(text, "f.yaml", problems=problems)
    assert document.data["a"]["note"] == "Best paper"
    assert document.data["a"]["quoted"] == "Best paper #1"
    assert [(p.line, p.severity) for p in problems] == [
        (line, Severity.WARNING) for line in (2, 3, 4)
    ]
    assert problems.items[0].message == (
        "' #' starts a YAML comment, so the text ends before it and reads 'Best paper': to keep "
        "the '#', put the whole text in double quotes; a comment goes on a line of its own"
    )


def test_control_characters_written_as_escapes_are_refused_with_their_lines() -> None:
    # Raw ones never get past the reader; escapes do, and would reach pages, feeds and the CSV.
    # So do U+FFFE, U+FFFF and lone surrogates, which XML forbids as it does controls.
    text = 'a: "bell\\a"\nb: "tab\\tand\\nnewline"\n"k\\x00": 1\nc:\n  - "\\x85 next line"\n'
    text += 'd: "x\\uFFFE"\ne: ["\\ud800", "\\uffff"]\n'
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert [str(problem) for problem in caught.value.problems] == [
        f"f.yaml:{line}: control character U+{code} in text, written '{escape}': in double "
        "quotes a backslash starts an escape, and nothing can show this one; write the text in "
        f"single quotes, '{written}', in which a backslash is itself, or remove it"
        for line, code, escape, written in [
            (1, "0007", "\\a", "bell\\a"),
            (3, "0000", "\\x00", "k\\x00"),
            (5, "0085", "\\x85", "\\x85 next line"),
            (6, "FFFE", "\\uFFFE", "x\\uFFFE"),
            (7, "D800", "\\ud800", "\\ud800"),
            (7, "FFFF", "\\uffff", "\\uffff"),
        ]
    ]
    assert load_yaml_text('b: "tab\\tand\\nnewline"\n', "f.yaml").data == {"b": "tab\tand\nnewline"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Told to remove the '\b's, a curator made the regex 'mamba', which matches
        # 'Mambaformer' too: in single quotes it is the regex meant, as for "\d+-bit".
        (
            'terms:\n  - {regex: "\\bmamba\\b", weight: 2}\n',
            "control character U+0008 in text, written '\\b': in double quotes a backslash starts "
            "an escape, and nothing can show this one; write the text in single quotes, "
            "'\\bmamba\\b', in which a backslash is itself, or remove it",
        ),
        # A keyword's '\b' in single quotes was matched literally, the next error: a keyword
        # matches whole words already, and a regex is written 'regex:'.
        (
            'terms:\n  - {keyword: "\\bmamba\\b", weight: 2}\n',
            "control character U+0008 in text, written '\\b': in double quotes a backslash starts "
            "an escape, and nothing can show this one; a keyword matches whole words already: "
            "write 'mamba', without '\\b', or 'regex:' for 'keyword:' and the text in single "
            "quotes, '\\bmamba\\b', in which a backslash is itself",
        ),
        # Each kind in the value is named, not the first alone: one round of fixes is enough.
        (
            'a:\n  note: &n "a\\b\\x07b\\b"\n',
            "control characters U+0008 and U+0007 in text, written '\\b' and '\\x07': in double "
            "quotes a backslash starts an escape, and nothing can show these; write the text in "
            "single quotes, 'a\\b\\x07b\\b', in which a backslash is itself, or remove them",
        ),
        # Another escape would be itself in single quotes: the backslash is doubled instead.
        (
            'a:\n  note: "\\bit\\u00e9\\e"\n',
            "control characters U+0008 and U+001B in text, written '\\b' and '\\e': in double "
            "quotes a backslash starts an escape, and nothing can show these; write '\\\\b' and "
            "'\\\\e' for a backslash followed by 'b' and 'e' (each backslash meant as itself "
            "doubled), or remove them",
        ),
        # Over lines, the text as written is not told back; each kind is still named.
        (
            'a:\n  note: "one\\a\n    two\\b\\a"\n',
            "control characters U+0007 and U+0008 in text (written as an escape?): nothing can "
            "show them; remove them",
        ),
    ],
)
def test_control_characters_from_escapes_in_double_quotes_are_told_the_single_quotes(
    text: str, expected: str
) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert [(p.line, p.message) for p in caught.value.problems] == [(2, expected)]


def test_flow_items_hold_on_one_line_and_read_back() -> None:
    # Text over lines was written in single quotes over lines, which no one line holds.
    items = {"note": "Read:\nit's #1", "tags": ["on", "moe"], "featured": True}
    written = flow_items(items)
    assert written == "note: \"Read:\\nit's #1\", tags: ['on', moe], featured: true"
    assert load_yaml_text(f"a: {{{written}}}\n", "f.yaml").data == {"a": items}


def test_flow_maps_keep_their_last_line_and_what_their_values_lose() -> None:
    # Written out again from its values, a map loses its anchors, aliases and comments; in quotes,
    # '&', '*' and '#' are only text.
    text = (
        "a: {x: 'A & B *c', y: \"#1\",\n"
        "    z: 1}\n"
        "b: {x: &t [1]}\n"
        "c: {x: *t}\n"
        "d: {x: 1,  # why\n"
        "    y: 2}\n"
        "e: &m {x: 1}\n"
    )
    document = load_yaml_text(text, "f.yaml")
    assert document.flow_ends == {("a",): 2, ("b",): 3, ("c",): 4, ("d",): 6, ("e",): 7}
    assert document.flow_extras == {("b",), ("c",), ("d",), ("e",)}


def test_huge_files_are_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: a gigabyte that costs no disk
    tracemalloc.start()
    try:
        with pytest.raises(PapersiteError) as caught:
            load_yaml_file(path, "huge.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(caught.value) == (f"huge.yaml: file is over {MAX_BYTES:,} bytes, the limit for YAML")
    assert peak < 2 * MAX_BYTES, f"peak {peak:,} bytes to refuse a 1 GB file"


def test_a_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * (MAX_BYTES - 6) + b"\n")
    assert load_yaml_file(path, "big.yaml").data == {"a": 1}


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: 1\nb: \xff\n")
    with pytest.raises(PapersiteError) as caught:
        load_yaml_file(path, "bad.yaml")
    assert str(caught.value) == "bad.yaml:2: file is not UTF-8 text: save it as UTF-8"


@pytest.mark.parametrize(
    ("mark", "codec", "named"),
    [
        ("\ufeff", "utf-16-le", "UTF-16 text (little-endian, byte-order mark FF FE)"),
        ("\ufeff", "utf-16-be", "UTF-16 text (big-endian, byte-order mark FE FF)"),
        # Called UTF-16 for the FF FE its mark starts with.
        ("\ufeff", "utf-32-le", "UTF-32 text (little-endian, byte-order mark FF FE 00 00)"),
        # Called not UTF-8 at line 1.
        ("\ufeff", "utf-32-be", "UTF-32 text (big-endian, byte-order mark 00 00 FE FF)"),
        # Called not UTF-8 at the first accented letter, or, of ASCII, a YAML syntax error:
        # "character U+0000 is not allowed".
        ("", "utf-16-le", "UTF-16 text without a byte-order mark (little-endian, it seems)"),
        ("", "utf-16-be", "UTF-16 text without a byte-order mark (big-endian, it seems)"),
        ("", "utf-32-le", "UTF-32 text without a byte-order mark (little-endian, it seems)"),
        ("", "utf-32-be", "UTF-32 text without a byte-order mark (big-endian, it seems)"),
    ],
)
@pytest.mark.parametrize("text", ["papers: {}\n", "# Curation\npapers:\n  x: {note: Café}\n"])
def test_utf16_or_utf32_is_refused_naming_its_encoding(
    tmp_path: Path, mark: str, codec: str, named: str, text: str
) -> None:
    path = tmp_path / "papers.yaml"
    path.write_bytes((mark + text).encode(codec))
    with pytest.raises(PapersiteError) as caught:
        load_yaml_file(path, "papers.yaml")
    assert str(caught.value) == f"papers.yaml: {named}: save the file as UTF-8"


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system [ls]\n",
        "a: !!python/object:collections.OrderedDict {x: 1}\n",
        "a: !custom [1, 2]\n",
    ],
)
def test_tags_on_lists_and_maps_are_refused(text: str) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert caught.value.line == 1
    # Named as written, with its key: '!!python/...', not 'tag:yaml.org,2002:python/...'.
    assert re.fullmatch(r"'a': unsupported YAML tag '!\S+': remove it", caught.value.message)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # YAML 1.1 read these as 8 (octal), an error, 90 (base 60), 90.5 and a thousand: 1.2
        # reads them as editors and GitHub show them, and as a curator means them.
        ("010", 10),
        ("08", 8),
        ("-010", -10),
        ("1:30", "1:30"),
        ("1:30.5", "1:30.5"),
        ("1_000", "1_000"),
        # YAML 1.1 read it as text, 1.2 as a number.
        ("1e3", 1000.0),
        # Spelled so that nobody writes them by chance: read as YAML 1.2 reads them.
        ("0x10", 16),
        ("0o17", 15),
        ("0b101", "0b101"),
        ("1.5", 1.5),
        (".5", 0.5),
        ("-.inf", float("-inf")),
    ],
)
def test_numbers_are_read_as_yaml_1_2_reads_them(text: str, value: object) -> None:
    read = load_yaml_text(f"a: {text}\n", "f.yaml").data["a"]
    assert (read, type(read)) == (value, type(value))
    # PyYAML's own loaders are left as they are.
    assert yaml.safe_load("a: 010\n") == {"a": 8}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("size: !!float big\n", "'size': 'big' is not a valid float"),
        ("order: !!int first\n", "'order': 'first' is not a valid int"),
        ("hidden: !!bool maybe\n", "'hidden': 'maybe' is not a valid bool"),
        # YAML 1.1's base 60, which YAML 1.2 does not have.
        ("order: !!int 1:30\n", "'order': '1:30' is not a valid int"),
        # A tag with nothing after it: "'' is not a valid int" named no key.
        ("arxiv: !!int\n", "'arxiv' is empty: '' is not a valid int"),
        ("tags: [!!int ]\n", "'tags' is empty: '' is not a valid int"),
    ],
)
def test_values_that_only_look_typed_are_refused_with_their_line(text: str, message: str) -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text("a: 1\n" + text, "f.yaml")
    assert (caught.value.line, caught.value.message) == (2, message)


@pytest.mark.parametrize("text", ["2025-13-45", "2025-02-30 10:00:00", "2025-1-1T25:00:00"])
def test_text_shaped_like_a_date_but_none_is_text(text: str) -> None:
    # Not an error of the file's: whoever reads the value says what it wanted there, and the
    # rest of the file is still read.
    document = load_yaml_text(f"a: {text}\nb: 2025-10-31\n", "f.yaml")
    assert document.data == {"a": text, "b": date(2025, 10, 31)}


# --- property-based: any text at all gives data or a PapersiteError, never a traceback ----------

_PIECES = st.sampled_from(
    [
        "a", "b: ", "- ", "[", "]", "{", "}", ", ", ": ", "&x ", "*x", "!!str ", "!!int ",
        "!!python/name:os.system ", "!custom ", "<<: ", "? ", "|\n", ">-\n", "'", '"', "# c",
        "\n", "\n  ", "\n    ", "\t", "%YAML 1.1\n", "---\n", "...\n", "\\x00", "\\u0002",
        "\ufeff", "2025-13-45", "2025-05-10", "1e9999", "0x1F", "~", "\\", "@", "`",
    ]
)  # fmt: skip


@given(st.lists(_PIECES | st.text(max_size=3), max_size=60).map("".join))
def test_random_yaml_only_ever_gives_data_or_papersite_errors(text: str) -> None:
    try:
        document = load_yaml_text(text, "fuzz.yaml")
    except PapersiteError as error:
        assert all(p.path == "fuzz.yaml" for p in error.problems)
        assert all(p.line is None or p.line >= 1 for p in error.problems)
        return
    assert all(line >= 1 for line in document.lines.values())


@pytest.mark.parametrize("character", ["\x85", "\u2028", "\u2029"])
def test_line_breaks_only_yaml_sees_leave_the_lines_as_an_editor_counts_them(
    character: str,
) -> None:
    problems = Problems()
    text = f"note: one{character}two\nthemes:\n  - a\n  - b: 1\n  - b: 2\n"
    document = load_yaml_text(text, "f.yaml", problems=problems)
    assert document.data["note"] == "one two"
    assert (document.line("themes", 2), document.line("themes", 1)) == (5, 4)
    [problem] = problems
    assert (problem.line, problem.severity) == (1, Severity.WARNING)
    assert problem.message.startswith(f"invisible line break U+{ord(character):04X}")
    with pytest.raises(PapersiteError, match="invisible line break"):
        load_yaml_text(text, "f.yaml")


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_lone_cr_among_other_line_ends_is_warned_of_at_the_editor_s_line(end: str) -> None:
    # Read as a line break, as YAML does, it numbered every later line one more than vim, less
    # or grep -n, without a word.
    problems = Problems()
    text = f"a: 1{end}b: 2\rc: 3{end}d: 4{end}e: 5\rf: 6{end}"
    document = load_yaml_text(text, "f.yaml", problems=problems)
    assert document.data == {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}
    said = (
        "invisible line break U+000D (carriage return) without a line feed, read as a line "
        "break; remove it, or end the line there in the editor"
    )
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (2, Severity.WARNING, said),
        (4, Severity.WARNING, said),
    ]


@pytest.mark.parametrize(
    ("lines", "ends"),
    [
        (
            [f"k{n}: {n}\r\r\n" for n in range(2000)],
            "most lines end in CR CR LF (converted to Windows line ends twice?), which YAML reads "
            "as a blank line after each",
        ),
        (
            ["a: 1\n", *(f"k{n}: {n}\r# c\n" for n in range(4))],
            "a CR without a line feed ends part of a line, which YAML reads as a line break",
        ),
    ],
)
def test_lone_crs_on_more_than_a_few_lines_are_one_warning_naming_the_line_ends(
    lines: list[str], ends: str
) -> None:
    # A file converted twice had a warning for each of its 2,000 lines: --strict failed on each.
    problems = Problems()
    document = load_yaml_text("".join(lines), "f.yaml", problems=problems)
    assert document.line("k3") == (4 if len(lines) > 5 else 5)
    first = 1 if len(lines) > 5 else 2
    count = len(lines) - first + 1
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (
            first,
            Severity.WARNING,
            f"{count:,} lines hold an invisible line break U+000D (carriage return) without a "
            f"line feed, the first this one: {ends}; save the file with LF (or CRLF) line ends",
        )
    ]


def test_a_file_of_lone_crs_only_is_numbered_alike_and_not_warned_of() -> None:
    problems = Problems()
    document = load_yaml_text("a: 1\rb: 2\r", "f.yaml", problems=problems)
    assert (document.data, list(problems)) == ({"a": 1, "b": 2}, [])


def test_a_syntax_error_after_an_unseen_line_break_names_the_editor_s_line() -> None:
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text('a: "x\u2028y"\nb: 1\nc: d: e\n', "f.yaml", problems=Problems())
    assert caught.value.line == 3


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_line_after_a_lone_cr_is_named_as_an_editor_numbers_it(end: str) -> None:
    # PyYAML counts a line at the CR: an error on line 4 was named at line 5, and so was a key.
    text = f"a: 1{end}b: 2  \r  # more{end}c: 3{end}d: e: f{end}"
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml", problems=Problems())
    assert caught.value.line == 4
    problems = Problems()
    text = f"a: 1{end}b: 2\r# c{end}c: 3{end}note: |{end}  x{end}  y{end}c: 4{end}"
    document = load_yaml_text(text, "f.yaml", problems=problems)
    assert (document.line("c"), document.line("note")) == (3, 4)
    assert document.block_lines == {("note",): (5, 6, None)}
    assert [(p.line, p.message) for p in problems][1:] == [
        (7, "duplicate key 'c' (first defined on line 3)")
    ]


def test_a_doubled_backslash_as_the_escape_hint_says_reads_as_one_backslash() -> None:
    # The hint for text holding escapes that single quotes would change: '\\d' for '\d'.
    text = 'a:\n  note: "Caf\\u00e9 scores \\d on \\x41I"\n'
    with pytest.raises(PapersiteError) as caught:
        load_yaml_text(text, "f.yaml")
    assert "write '\\\\d' for a backslash followed by 'd'" in caught.value.message
    fixed = load_yaml_text(text.replace("\\d", "\\\\d"), "f.yaml")
    assert fixed.data == {"a": {"note": "Café scores \\d on AI"}}


@given(
    style=st.sampled_from(["|", "|-", "|+", ">", ">-", ">+", "|2", ">2-", ">+2"]),
    lines=st.lists(
        st.sampled_from(["", "Why:", "- an item", "3. item", "  deeper", "\ttab", "text"]),
        min_size=1,
        max_size=8,
    ),
    after=st.sampled_from(["", "b: 2\n", "# c\nb: 2\n"]),
)
def test_each_line_of_a_block_s_text_is_known_by_the_line_it_starts_on(
    style: str, lines: list[str], after: str
) -> None:
    # A message about a list item in a note named the note's key line, however long the note.
    source = f"a: 1\nnote: {style}\n" + "".join(f"  {line}\n" for line in lines) + after
    try:
        document = load_yaml_text(source, "x.yaml")
    except PapersiteError:
        return  # a block YAML refuses (a tab where the indent is): nothing to place
    written = source.split("\n")
    places = document.block_lines[("note",)]
    for index, text in enumerate(document.data["note"].split("\n")):
        line = places[index]
        if text.strip():
            assert line is not None
            assert text.lstrip().startswith(written[line - 1].strip())
        else:
            assert line is None
    # A list item a '>' block folds is its line as written, joined to the text before it.
    for line, item in document.folded_items.get(("note",), ()):
        assert style.startswith(">") and written[line - 1].strip() == item
        assert f" {item}" in document.data["note"]


@pytest.mark.parametrize("blank", ["   ", "        ", "      \t"])
def test_a_literal_block_s_lines_are_known_past_a_line_of_spaces_deeper_than_it(blank: str) -> None:
    # Editors leave indent spaces on blank lines: every warning of the note went to its key.
    source = f"a: 1\nnote: |\n  one\n{blank}\n  two\n"
    document = load_yaml_text(source, "x.yaml")
    assert document.block_lines == {("note",): (3, None, 5, None)}


@pytest.mark.parametrize("end", ["\r", "\r\n"])
def test_a_file_of_other_line_ends_reads_as_its_lf_twin(end: str) -> None:
    # A '|' block in a file of lone CRs (old Mac editors) crashed 'papersite check' with an
    # IndexError: YAML counts a lone CR as a line break, str.split("\n") did not.
    source = "papers:\n  x:\n    note: |\n      hi\n\n      - there\n    order: 1\n"
    twin = load_yaml_text(source.replace("\n", end), "x.yaml")
    document = load_yaml_text(source, "x.yaml")
    assert twin.data == document.data == {"papers": {"x": {"note": "hi\n\n- there\n", "order": 1}}}
    assert twin.block_lines == document.block_lines == {("papers", "x", "note"): (4, None, 6, None)}
    assert twin.lines == document.lines


def test_a_list_item_a_folded_block_joins_to_the_line_above_is_known_by_its_line() -> None:
    # 'Read: - one': the page showed a line of dashes, and no message named the line.
    source = (
        "note: >\n  Read:\n  - one\n\n  - two\n    - deeper\n  text\n  1. three\n  2. four\n"
        "kept: |\n  Read:\n  - one\n"
    )
    document = load_yaml_text(source, "x.yaml")
    assert document.folded_items == {("note",): ((3, "- one"), (8, "1. three"))}
